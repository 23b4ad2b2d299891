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

/// Explore in the browser finds exactly what it finds natively (3,531 runs and 615 outcomes
/// over every preset with up to two faults, as core/tests/explore.rs counts them), and says
/// how long it took (`cargo bench -p finwait-core -- explore` is the native figure).
#[wasm_bindgen_test]
fn explore_every_preset_in_wasm() {
    use finwait_core::explore::{explore, Budget};
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let started = now();
    let (mut runs, mut outcomes) = (0, 0);
    for p in finwait_core::presets::PRESETS {
        let ex = explore(&p.scenario().unwrap(), finwait_core::Time(0), Budget::new(2)).unwrap();
        runs += ex.runs;
        outcomes += ex.found.len();
    }
    console_log!(
        "explore, every preset, up to 2 faults, in wasm: {runs} runs, {outcomes} outcomes, {:.1} ms",
        now() - started
    );
    assert_eq!((runs, outcomes), (3531, 615));
}
