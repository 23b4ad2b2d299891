//! The web app mounted in a real (headless) Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn button_counts_clicks() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<finwait_web::App>::with_root(root.clone()).render();
    yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;

    let button: web_sys::HtmlElement = root.query_selector("#step").unwrap().unwrap().dyn_into().unwrap();
    button.click();
    yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    let output = root.query_selector("#steps").unwrap().unwrap();
    assert_eq!(output.text_content().unwrap(), "1 steps");
}
