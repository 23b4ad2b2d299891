//! The finwait web app: a yew (CSR) single-page app over the simulation core.

use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <main class="placeholder">
            <h1>{ "finwait" }</h1>
            <p>{ "An interactive lab for how a TCP connection closes." }</p>
            <button id="step" {onclick}>{ "Step" }</button>
            <output id="steps">{ format!("{} steps", *count) }</output>
        </main>
    }
}

/// Mounts the app on the document body.
pub fn run() {
    yew::Renderer::<App>::new().render();
}
