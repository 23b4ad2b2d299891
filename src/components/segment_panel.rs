//! The selected segment: its fields, why it was sent, what became of it — and, while it is in
//! the network at the cursor, what the user can do to it (drop, delay, duplicate, hold,
//! release, reorder). A past segment can be sent again as an old duplicate.

use super::widgets::Dispatch;
use crate::store::Msg;
use crate::view::segment::{SegmentDetail, SegmentView};
use finwait_core::{limits, Action, ActionError, SegmentId};
use finwait_messages::{time, ui, Lang, Ui};
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Rc<SegmentView>,
    /// Goes up when the panel should take the keyboard focus.
    pub focus: u64,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

#[function_component(SegmentPanel)]
pub fn segment_panel(props: &Props) -> Html {
    let Props { view, focus, lang, dispatch } = props;
    let lang = *lang;
    let t = |key| ui(lang, key);
    let delay = use_state(|| "100".to_string());
    let swap_with = use_state(|| None::<SegmentId>);
    // The heading takes the focus when a segment is chosen from the keyboard, and after a drop,
    // whose button goes away with the segment, so the focus is never lost.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(*focus, move |n| {
            if *n > 0 {
                if let Some(h) = heading.cast::<HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    let close = {
        let dispatch = dispatch.clone();
        let heading = heading.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Msg::Select(None));
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        })
    };
    let d: &SegmentDetail = match view.as_ref() {
        SegmentView::Nothing => {
            return html! {
                <section class="panel segment-panel" aria-label={t(Ui::SelectedSegment)}>
                    <h2 ref={heading} tabindex="-1">{ t(Ui::SelectedSegment) }</h2>
                    <p class="hint">{ t(Ui::SelectHint) }</p>
                </section>
            }
        }
        SegmentView::NotSentYet(id) => {
            return html! {
                <section class="panel segment-panel" aria-label={t(Ui::SelectedSegment)}>
                    <h2 ref={heading} tabindex="-1">{ format!("{} {id}", t(Ui::Segment)) }</h2>
                    <p class="hint">{ t(Ui::NotSentYet) }</p>
                    <button onclick={close}>{ t(Ui::Close) }</button>
                </section>
            }
        }
        SegmentView::Shown(d) => d,
    };
    let id = d.id;
    let act = |action: Action| {
        let dispatch = dispatch.clone();
        let heading = heading.clone();
        // A dropped segment leaves the network and its buttons go with it: the focus moves to
        // the panel's heading instead of being lost. Other actions keep their button.
        let refocus = matches!(action, Action::Drop { .. });
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Msg::Act(action.clone()));
            if let Some(h) = heading.cast::<HtmlElement>().filter(|_| refocus) {
                let _ = h.focus();
            }
        })
    };
    let seg = &d.segment;

    let tools = if let Some(f) = &d.in_flight {
        let on_delay = {
            let delay = delay.clone();
            Callback::from(move |e: InputEvent| delay.set(e.target_unchecked_into::<HtmlInputElement>().value()))
        };
        let do_delay = {
            let dispatch = dispatch.clone();
            let delay = delay.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(match limits::DELAY_MS.parse(&delay) {
                    Some(by_ms) => Msg::Act(Action::Delay { segment: id, by_ms }),
                    None => Msg::Refuse(ActionError::OutOfRange { field: "by_ms", limit: limits::DELAY_MS }),
                })
            })
        };
        // The segment picked to swap with, while it is still one of the others.
        let swap = (*swap_with).filter(|w| f.others.contains(w)).or(f.others.first().copied());
        let on_swap_pick = {
            let swap_with = swap_with.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                swap_with.set(v.parse::<u32>().ok().map(SegmentId));
            })
        };
        let do_swap = swap.map(|second| act(Action::Reorder { first: id, second }));
        let hold_or_release = if f.held {
            html! { <button onclick={act(Action::Release { segment: id })}>{ t(Ui::Release) }</button> }
        } else {
            html! { <button onclick={act(Action::Hold { segment: id })}>{ t(Ui::Hold) }</button> }
        };
        html! {
            <div class="seg-tools" role="group" aria-label={t(Ui::InFlightActions)}>
                <p class="hint">{ t(Ui::InFlightNow) }</p>
                <button class="danger" onclick={act(Action::Drop { segment: id })}>{ t(Ui::Drop) }</button>
                <span class="inline">
                    <button onclick={do_delay}>{ t(Ui::DelayBy) }</button>
                    <input type="number" min={limits::DELAY_MS.min.to_string()} max={limits::DELAY_MS.max.to_string()}
                        value={(*delay).clone()} oninput={on_delay} aria-label={t(Ui::DelayMs)} />
                    { " ms" }
                </span>
                <button onclick={act(Action::Duplicate { segment: id })}>{ t(Ui::Duplicate) }</button>
                { hold_or_release }
                if let Some(do_swap) = do_swap {
                    <span class="inline">
                        <button onclick={do_swap}>{ t(Ui::SwapArrivalWith) }</button>
                        <select onchange={on_swap_pick} aria-label={t(Ui::SwapArrivalWith)}>
                            { for f.others.iter().map(|o| html! { <option value={o.0.to_string()} selected={swap == Some(*o)}>{ o.to_string() }</option> }) }
                        </select>
                    </span>
                }
            </div>
        }
    } else {
        html! {
            <div class="seg-tools">
                <button onclick={act(d.resend.clone())} title={t(Ui::ResendAsDuplicateTitle)}>{ t(Ui::ResendAsDuplicate) }</button>
            </div>
        }
    };

    html! {
        <section class="panel segment-panel" aria-label={t(Ui::SelectedSegment)} id="segment-panel">
            <h2 ref={heading} tabindex="-1">{ format!("{} {id}", t(Ui::Segment)) }<button class="small close" onclick={close} aria-label={t(Ui::Close)}>{ "✕" }</button></h2>
            <dl class="fields">
                <dt>{ t(Ui::Direction) }</dt><dd>{ format!("{} → {}", d.from, d.from.peer()) }</dd>
                <dt>{ t(Ui::Flags) }</dt><dd>{ seg.flags.to_string() }</dd>
                <dt>{ "SEQ" }</dt><dd>{ seg.seq.to_string() }</dd>
                <dt>{ "ACK" }</dt><dd>{ if seg.flags.ack { seg.ack.to_string() } else { "—".into() } }</dd>
                <dt>{ t(Ui::Length) }</dt><dd>{ format!("{} B", seg.data.len()) }</dd>
                <dt>{ "WND" }</dt><dd>{ seg.wnd.to_string() }</dd>
                <dt>{ t(Ui::Sent) }</dt><dd>{ time(lang, d.sent_at) }</dd>
                <dt>{ t(Ui::Fate) }</dt><dd>{ &d.fate }</dd>
            </dl>
            <p class="why"><strong>{ t(Ui::WhySent) }</strong>{ " " }{ &d.why }</p>
            if let Some(payload) = &d.payload {
                <p class="payload"><strong>{ t(Ui::Payload) }</strong>{ " " }<code>{ payload }</code></p>
            }
            { tools }
        </section>
    }
}
