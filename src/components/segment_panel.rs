//! The selected segment: its fields, why it was sent, what became of it — and, while it is in
//! the network at the cursor, what the user can do to it (drop, delay, duplicate, hold,
//! release, reorder). A past segment can be sent again as an old duplicate.

use super::app::use_view;
use super::header::format_time;
use crate::store::Msg;
use crate::text::{t, Ui};
use finwait_core::action::InjectedSegment;
use finwait_core::trace::{Fate, Origin};
use finwait_core::{Action, SegmentId};
use finwait_messages as msg;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[function_component(SegmentPanel)]
pub fn segment_panel() -> Html {
    let view = use_view();
    let lab = &view.lab;
    let lang = lab.lang;
    let delay = use_state(|| "100".to_string());
    let reorder_with = use_state(|| None::<SegmentId>);
    // The heading takes the focus when a segment is chosen from the keyboard, and after a drop,
    // whose button goes away with the segment, so the focus is never lost.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(lab.focus_panel, move |n| {
            if *n > 0 {
                if let Some(h) = heading.cast::<HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }

    let Some(id) = lab.selected else {
        return html! {
            <section class="panel segment-panel" aria-label={t(lang, Ui::SelectedSegment)}>
                <h2 ref={heading} tabindex="-1">{ t(lang, Ui::SelectedSegment) }</h2>
                <p class="hint">{ t(lang, Ui::SelectHint) }</p>
            </section>
        };
    };
    let record = {
        let session = lab.session.borrow();
        session.trace().segment(id, session.events_until(lab.cursor))
    };
    let close = {
        let lab = lab.clone();
        let heading = heading.clone();
        Callback::from(move |_: MouseEvent| {
            lab.dispatch(Msg::Select(None));
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        })
    };
    let Some(r) = record else {
        return html! {
            <section class="panel segment-panel" aria-label={t(lang, Ui::SelectedSegment)}>
                <h2 ref={heading} tabindex="-1">{ format!("{} {id}", t(lang, Ui::Segment)) }</h2>
                <p class="hint">{ t(lang, Ui::NotSentYet) }</p>
                <button onclick={close}>{ t(lang, Ui::Close) }</button>
            </section>
        };
    };
    let flights = view.sim.network().flights();
    let in_flight = flights.iter().find(|f| f.id == id);
    let act = |action: Action| {
        let lab = lab.clone();
        let heading = heading.clone();
        // A dropped segment leaves the network and its buttons go with it: the focus moves to
        // the panel's heading instead of being lost. Other actions keep their button.
        let refocus = matches!(action, Action::Drop { .. });
        Callback::from(move |_: MouseEvent| {
            lab.dispatch(Msg::Act(action.clone()));
            if let Some(h) = heading.cast::<HtmlElement>().filter(|_| refocus) {
                let _ = h.focus();
            }
        })
    };

    let fate = match r.fate {
        Fate::InFlight { arrives } => format!("{} {}", t(lang, Ui::ArrivesAt), format_time(arrives)),
        Fate::Held => t(lang, Ui::HeldInNetwork).to_string(),
        Fate::Arrived { at } => format!("{} {}", t(lang, Ui::ArrivedAt), format_time(at)),
        Fate::Lost { at, cause } => format!("{} {}", msg::loss(lang, cause), format_time(at)),
    };
    let why = match r.origin {
        Origin::Sent { reason } => msg::cited_reason(lang, reason),
        Origin::Copy { of } => format!("{} {of}", t(lang, Ui::CopyOf)),
        Origin::Injected => t(lang, Ui::InjectedByYou).to_string(),
    };
    let seg = &r.segment;

    let tools = if let Some(f) = in_flight {
        let on_delay = {
            let delay = delay.clone();
            Callback::from(move |e: InputEvent| delay.set(e.target_unchecked_into::<HtmlInputElement>().value()))
        };
        let do_delay = {
            let lab = lab.clone();
            let delay = delay.clone();
            Callback::from(move |_: MouseEvent| match delay.trim().parse::<u64>() {
                Ok(ms) if (1..=3_600_000).contains(&ms) => {
                    lab.dispatch(Msg::Act(Action::Delay { segment: id, by_ms: ms }))
                }
                _ => lab.dispatch(Msg::Refuse(Ui::ErrDelayMs)),
            })
        };
        let others: Vec<SegmentId> = flights.iter().map(|g| g.id).filter(|g| *g != id).collect();
        // The segment picked to swap with, while it is still one of the others.
        let swap_with = (*reorder_with).filter(|w| others.contains(w)).or(others.first().copied());
        let on_reorder_pick = {
            let reorder_with = reorder_with.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                reorder_with.set(v.parse::<u32>().ok().map(SegmentId));
            })
        };
        let do_reorder = {
            let lab = lab.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(second) = swap_with {
                    lab.dispatch(Msg::Act(Action::Reorder { first: id, second }));
                }
            })
        };
        let hold_or_release = if f.arrives.is_some() {
            html! { <button onclick={act(Action::Hold { segment: id })}>{ t(lang, Ui::Hold) }</button> }
        } else {
            html! { <button onclick={act(Action::Release { segment: id })}>{ t(lang, Ui::Release) }</button> }
        };
        html! {
            <div class="seg-tools" role="group" aria-label={t(lang, Ui::InFlightActions)}>
                <p class="hint">{ t(lang, Ui::InFlightNow) }</p>
                <button class="danger" onclick={act(Action::Drop { segment: id })}>{ t(lang, Ui::Drop) }</button>
                <span class="inline">
                    <button onclick={do_delay}>{ t(lang, Ui::DelayBy) }</button>
                    <input type="number" min="1" max="3600000" value={(*delay).clone()} oninput={on_delay} aria-label={t(lang, Ui::DelayMs)} />
                    { " ms" }
                </span>
                <button onclick={act(Action::Duplicate { segment: id })}>{ t(lang, Ui::Duplicate) }</button>
                { hold_or_release }
                if !others.is_empty() {
                    <span class="inline">
                        <button onclick={do_reorder}>{ t(lang, Ui::SwapArrivalWith) }</button>
                        <select onchange={on_reorder_pick} aria-label={t(lang, Ui::SwapArrivalWith)}>
                            { for others.iter().map(|o| html! { <option value={o.0.to_string()} selected={swap_with == Some(*o)}>{ o.to_string() }</option> }) }
                        </select>
                    </span>
                }
            </div>
        }
    } else {
        html! {
            <div class="seg-tools">
                <button onclick={act(Action::Inject { from: r.from, segment: InjectedSegment::from_segment(seg) })}
                    title={t(lang, Ui::ResendAsDuplicateTitle)}>{ t(lang, Ui::ResendAsDuplicate) }</button>
            </div>
        }
    };

    html! {
        <section class="panel segment-panel" aria-label={t(lang, Ui::SelectedSegment)} id="segment-panel">
            <h2 ref={heading} tabindex="-1">{ format!("{} {id}", t(lang, Ui::Segment)) }<button class="small close" onclick={close} aria-label={t(lang, Ui::Close)}>{ "✕" }</button></h2>
            <dl class="fields">
                <dt>{ t(lang, Ui::Direction) }</dt><dd>{ format!("{} → {}", r.from, r.from.peer()) }</dd>
                <dt>{ t(lang, Ui::Flags) }</dt><dd>{ seg.flags.to_string() }</dd>
                <dt>{ "SEQ" }</dt><dd>{ seg.seq.to_string() }</dd>
                <dt>{ "ACK" }</dt><dd>{ if seg.flags.ack { seg.ack.to_string() } else { "—".into() } }</dd>
                <dt>{ t(lang, Ui::Length) }</dt><dd>{ format!("{} B", seg.data.len()) }</dd>
                <dt>{ "WND" }</dt><dd>{ seg.wnd.to_string() }</dd>
                <dt>{ t(lang, Ui::Sent) }</dt><dd>{ format_time(r.sent_at) }</dd>
                <dt>{ t(lang, Ui::Fate) }</dt><dd>{ fate }</dd>
            </dl>
            <p class="why"><strong>{ t(lang, Ui::WhySent) }</strong>{ " " }{ why }</p>
            if !seg.data.is_empty() {
                <p class="payload"><strong>{ t(lang, Ui::Payload) }</strong>{ " " }<code>{ preview(&seg.data) }</code></p>
            }
            { tools }
        </section>
    }
}

fn preview(data: &[u8]) -> String {
    let text = String::from_utf8_lossy(data);
    let mut s: String = text.chars().take(48).collect();
    if text.chars().count() > 48 {
        s.push('…');
    }
    s
}
