//! The web app mounted in a real (headless) Chromium by wasm-bindgen-test: the first preset
//! loads, the cards show both hosts' states, and stepping moves the simulation on.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn state_of(root: &Element, host: &str) -> String {
    root.query_selector(&format!("#card-{host} .state"))
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("data-state"))
        .unwrap_or_default()
}

fn click(root: &Element, selector: &str) {
    let el: HtmlElement = root.query_selector(selector).unwrap().unwrap().dyn_into().unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn the_lab_steps_through_an_active_close() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let lab = finwait_web::store::Lab::new(finwait_core::presets::PRESETS[0].scenario().unwrap(), Some(0));
    let props = finwait_web::FinwaitProps { start: std::rc::Rc::new(finwait_web::address::Start::plain(lab)) };
    yew::Renderer::<finwait_web::FinwaitApp>::with_root_and_props(root.clone(), props).render();
    settle().await;

    // The first preset is S01: A closes at time zero.
    assert_eq!(state_of(&root, "A"), "FIN-WAIT-1");
    assert_eq!(state_of(&root, "B"), "ESTABLISHED");
    assert_eq!(count(&root, "#timeline .seg"), 1);

    // Step: A's FIN arrives at B at 50 ms.
    click(&root, "#step");
    settle().await;
    assert_eq!(state_of(&root, "B"), "CLOSE-WAIT");
    assert_eq!(root.query_selector("#clock").unwrap().unwrap().text_content().unwrap(), "50 ms");
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).map(|l| l.length()).unwrap_or(0)
}
