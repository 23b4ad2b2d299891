//! Saving a file the lab made (a capture, a picture) through the browser's download: a link to
//! a blob, clicked. One home for the file names too, so every download says what it holds.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag};

/// `bytes` as a blob of type `mime`.
pub fn blob(bytes: &[u8], mime: &str) -> Option<Blob> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let kind = BlobPropertyBag::new();
    kind.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &kind).ok()
}

/// Saves `blob` as the file `name`. False when the browser refused a step.
pub fn save(name: &str, blob: &Blob) -> bool {
    let go = || -> Option<()> {
        let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
        let link: web_sys::HtmlAnchorElement =
            web_sys::window()?.document()?.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        // The download has its own reference to the blob by now; the address can go.
        gloo_timers::callback::Timeout::new(10_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        Some(())
    };
    go().is_some()
}

/// `finwait-lost-final-ack-at-a.pcapng`: the scenario's name made safe for a file name, then
/// what the file holds (`tail`, with its extension).
pub fn file_name(scenario: &str, tail: &str) -> String {
    let name: String =
        scenario.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).take(60).collect();
    let name = if name.trim_matches('-').is_empty() { "lab" } else { &name };
    format!("finwait-{name}-{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_the_scenario_and_what_the_file_holds() {
        assert_eq!(file_name("lost-final-ack", "at-a.pcapng"), "finwait-lost-final-ack-at-a.pcapng");
        assert_eq!(file_name("my close/2", "wire.pcapng"), "finwait-my-close-2-wire.pcapng");
        assert_eq!(file_name("", "diagram.svg"), "finwait-lab-diagram.svg");
        assert_eq!(file_name("--", "diagram.png"), "finwait-lab-diagram.png");
    }
}
