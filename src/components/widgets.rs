//! Small building blocks shared by the panels: form fields, CSS classes, the dispatcher type.
//! Each is a plain function, not generic, so the markup for a select or a number field exists
//! once in the bundle however often it is used.

use crate::store::Msg;
use finwait_core::{Host, State, TimerKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// How a component asks the store for something.
pub type Dispatch = Callback<Msg>;

/// A `<select>` of labelled options that reports the index chosen. A form keeps its choices
/// in a table of the core's values (`[FaultKind::Drop, …]`) and maps the index back.
pub fn select(label: &str, options: &[&str], selected: usize, on_change: Callback<usize>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Ok(i) = e.target_unchecked_into::<HtmlSelectElement>().value().parse::<usize>() {
            on_change.emit(i);
        }
    });
    html! {
        <select aria-label={label.to_string()} {onchange}>
            { for options.iter().enumerate().map(|(i, text)| html! {
                <option value={i.to_string()} selected={i == selected}>{ text.to_string() }</option>
            }) }
        </select>
    }
}

/// A number field that reports its text as typed (checked against its limit when used).
pub fn number(label: &str, value: &str, min: u64, max: u64, on_input: Callback<String>) -> Html {
    let oninput =
        Callback::from(move |e: InputEvent| on_input.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    html! {
        <input type="number" min={min.to_string()} max={max.to_string()} value={value.to_string()}
            aria-label={label.to_string()} {oninput} />
    }
}

/// A button whose face is a glyph (or a short word) and whose name is `label`, also its
/// tooltip: the playback and history buttons.
pub fn glyph_button(
    id: &'static str,
    class: &'static str,
    glyph: &str,
    label: &str,
    disabled: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button id={(!id.is_empty()).then_some(id)} {class} {onclick} {disabled} title={label.to_string()} aria-label={label.to_string()}>{ glyph.to_string() }</button>
    }
}

/// A button labelled with its text (`id` and `class` left out when empty).
pub fn button(id: &'static str, class: &'static str, label: &str, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button id={(!id.is_empty()).then_some(id)} class={(!class.is_empty()).then_some(class)} {onclick}>{ label.to_string() }</button>
    }
}

/// A click handler that sends `msg`.
pub fn send(dispatch: &Dispatch, msg: Msg) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| dispatch.emit(msg.clone()))
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

pub fn host_class(host: Host) -> &'static str {
    match host {
        Host::A => "host-a",
        Host::B => "host-b",
    }
}

/// A colour family per state: open, closing, TIME-WAIT, closed, opening.
pub fn state_class(state: State) -> &'static str {
    match state {
        State::Established => "st-open",
        State::FinWait1 | State::FinWait2 | State::Closing | State::CloseWait | State::LastAck => "st-closing",
        State::TimeWait => "st-timewait",
        State::Closed | State::Listen => "st-closed",
        State::SynSent | State::SynReceived => "st-opening",
    }
}

pub fn timer_class(kind: TimerKind) -> &'static str {
    match kind {
        TimerKind::Retransmission => "timer rto",
        TimerKind::TimeWait => "timer tw",
        TimerKind::FinWait2 => "timer fw2",
        TimerKind::DelayedAck => "timer dack",
        TimerKind::Persist => "timer persist",
        TimerKind::LossProbe => "timer tlp",
    }
}
