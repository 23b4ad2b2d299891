//! The finwait web app: a yew (CSR) single-page lab for the TCP close.
//!
//! `store` holds the one state (a reducer over a lab `session`) and computes the view model
//! (`view`) after every change; `geometry` turns the trace into coordinates; `components`
//! render them. All text comes from `finwait-messages`.

pub mod address;
pub mod components;
#[cfg(any(feature = "capture", feature = "picture", feature = "quiz"))]
pub mod download;
#[cfg(feature = "course")]
pub mod frame_api;
pub mod geometry;
pub mod panic;
#[cfg(feature = "picture")]
pub mod picture;
pub mod session;
pub mod store;
pub mod stress;
pub mod user_actions;
pub mod view;

use components::app::App;

/// Talc instead of the default dlmalloc: smaller in the bundle, and faster.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Reads the address (a share link may need inflating first), then mounts the app on the
/// page's `#app` element (or the body).
pub fn run() {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("finwait-start");
    }
    panic::install_hook();
    wasm_bindgen_futures::spawn_local(async {
        let start = address::start().await;
        let props = components::app::Props { start: std::rc::Rc::new(start) };
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
        match root {
            Some(root) => {
                // Replace the "Loading…" placeholder.
                root.set_inner_html("");
                yew::Renderer::<App>::with_root_and_props(root, props).render()
            }
            None => yew::Renderer::<App>::with_props(props).render(),
        };
    });
}

pub use components::app::{App as FinwaitApp, Props as FinwaitProps};
