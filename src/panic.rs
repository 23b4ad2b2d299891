//! If the app ever panics, the page says so and offers a reset, instead of going blank. The
//! message goes into plain DOM that index.html provides (`#crash`), because after a panic the
//! app itself no longer runs.

use std::panic;

pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Some(text) = doc.get_element_by_id("crash-message") {
            text.set_text_content(Some(&message));
        }
        if let Some(overlay) = doc.get_element_by_id("crash") {
            let _ = overlay.remove_attribute("hidden");
        }
    }));
}
