//! Small building blocks shared by the panels. Each is a plain function, not generic, so the
//! markup for a select or a number field exists once in the bundle however often it is used.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// A `<select>` of (value, label) options that reports the chosen value.
pub fn select(label: &str, options: &[(&str, &str)], selected: &str, on_change: Callback<String>) -> Html {
    let onchange =
        Callback::from(move |e: Event| on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value()));
    html! {
        <select aria-label={label.to_string()} {onchange}>
            { for options.iter().map(|(value, text)| html! {
                <option value={value.to_string()} selected={*value == selected}>{ text.to_string() }</option>
            }) }
        </select>
    }
}

/// A number field that reports its text as typed (checked when used).
pub fn number(label: &str, value: &str, max: u64, on_input: Callback<String>) -> Html {
    let oninput =
        Callback::from(move |e: InputEvent| on_input.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    html! {
        <input type="number" min="0" max={max.to_string()} value={value.to_string()} aria-label={label.to_string()} {oninput} />
    }
}

/// A button that sends a message.
pub fn button(text: &str, class: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button class={class} {onclick}>{ text.to_string() }</button> }
}

/// A class attribute from parts, leaving out the empty ones (`cls(&["seg", "fin", ""])`).
/// Plain strings rather than yew's `classes!`, which builds a set for every use.
pub fn cls(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// `name` when `on`, else nothing: for optional classes.
pub fn when(on: bool, name: &'static str) -> &'static str {
    if on {
        name
    } else {
        ""
    }
}
