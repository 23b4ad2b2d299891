//! The selected segment's sheet, under the diagram: what it is, why it was sent, what became of
//! it — and, while it is in the network at the cursor, what the user can do to it (drop, delay,
//! duplicate, hold or release, swap its arrival with another). A segment that has arrived can
//! be sent again as an old duplicate. With nothing selected, it says that segments take clicks.
//! On a phone it rises from the bottom of the screen.

use super::effect::use_effect_on;
use super::flash::flash_note;
use super::widgets::{button, Dispatch};
use crate::address::embed::{Embedding, Tool};
use crate::store::{Flash, Msg, Place};
use crate::view::segment::{SegmentDetail, SegmentView};
use crate::view::Part;
use finwait_core::action::Limited;
use finwait_core::{limits, Action, SegmentId};
use finwait_messages::{time, ui, Lang, Ui};
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Part<SegmentView>,
    /// Goes up when the sheet's actions should take the keyboard focus.
    pub focus: u64,
    pub flash: Option<Flash>,
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// What the instructor left the student (in an embedded lab).
    pub embedding: Rc<Embedding>,
}

/// What the sheet itself keeps, in one state: each `use_state` of its own type adds yew's
/// state machinery to the bundle again.
#[derive(Clone, PartialEq)]
struct SheetState {
    delay: String,
    swap_with: Option<SegmentId>,
}

#[function_component(SegmentSheet)]
pub fn segment_sheet(props: &Props) -> Html {
    let Props { view, focus, flash, lang, dispatch, embedding } = props;
    let lang = *lang;
    let t = |key| ui(lang, key);
    // In an embedded lab, only the tools the instructor gave.
    let may = |tool| embedding.allows(tool);
    // The delay as typed and the segment picked to swap with: one state (see `SheetState`).
    let own = use_state(|| SheetState { delay: "100".to_string(), swap_with: None });
    // The sheet takes the focus when a segment is chosen from the keyboard (its first action),
    // and after a drop, whose button goes away with the segment (its heading), so the focus is
    // never lost.
    let sheet = use_node_ref();
    {
        let sheet = sheet.clone();
        let n = *focus;
        use_effect_on(
            n,
            Box::new(move || {
                if n > 0 {
                    // The first action, or the heading where there is none.
                    let sheet = sheet.cast::<HtmlElement>();
                    let first = |selector: &str| sheet.as_ref().and_then(|s| s.query_selector(selector).ok().flatten());
                    let target = first(".seg-tools button").or_else(|| first("h2"));
                    if let Some(el) = target.and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok()) {
                        let _ = el.focus();
                    }
                }
                None
            }),
        );
    }
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Select(None)))
    };
    let d: &SegmentDetail = match &**view {
        SegmentView::Nothing => {
            return html! {
                <section class="sheet empty" ref={sheet} id="segment-panel" aria-label={t(Ui::SelectedSegment)}>
                    <p class="hint">{ t(Ui::SelectHint) }</p>
                </section>
            }
        }
        SegmentView::NotSentYet(id) => {
            return html! {
                <section class="sheet" ref={sheet} id="segment-panel" aria-label={t(Ui::SelectedSegment)}>
                    <h2 tabindex="-1">{ format!("{} {id}", t(Ui::Segment)) }<button class="small close" onclick={close} aria-label={t(Ui::Close)}>{ "✕" }</button></h2>
                    <p class="hint">{ t(Ui::NotSentYet) }</p>
                </section>
            }
        }
        SegmentView::Shown(d) => d,
    };
    let id = d.id;
    let act = |action: Action| {
        let dispatch = dispatch.clone();
        let sheet = sheet.clone();
        // A dropped segment leaves the network and its buttons go with it: the focus moves to
        // the sheet's heading instead of being lost. Other actions keep their button.
        let refocus = matches!(action, Action::Drop { .. });
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Msg::Act(Place::Segment, action.clone()));
            let heading = sheet.cast::<HtmlElement>().and_then(|s| s.query_selector("h2").ok().flatten());
            if let Some(h) =
                heading.and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok()).filter(|_| refocus)
            {
                let _ = h.focus();
            }
        })
    };
    let seg = &d.segment;

    let tools = if let Some(f) = &d.in_flight {
        let on_delay = {
            let own = own.clone();
            Callback::from(move |e: InputEvent| {
                let delay = e.target_unchecked_into::<HtmlInputElement>().value();
                own.set(SheetState { delay, swap_with: own.swap_with });
            })
        };
        let do_delay = {
            let dispatch = dispatch.clone();
            let own = own.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(match Limited::DelayMs.parse(&own.delay) {
                    Ok(by_ms) => Msg::Act(Place::Segment, Action::Delay { segment: id, by_ms }),
                    Err(e) => Msg::Refuse(Place::Segment, e),
                })
            })
        };
        // The segment picked to swap with, while it is still one of the others.
        let swap = own.swap_with.filter(|w| f.others.contains(w)).or(f.others.first().copied());
        let on_swap_pick = {
            let own = own.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                own.set(SheetState { swap_with: v.parse::<u32>().ok().map(SegmentId), ..(*own).clone() });
            })
        };
        let do_swap = swap.map(|second| act(Action::Reorder { first: id, second }));
        let hold_or_release = if !may(Tool::Hold) {
            html! {}
        } else if f.held {
            button("", "", t(Ui::Release), act(Action::Release { segment: id }))
        } else {
            button("", "", t(Ui::Hold), act(Action::Hold { segment: id }))
        };
        html! {
            <div class="seg-tools" role="group" aria-label={t(Ui::InFlightActions)}>
                if may(Tool::Drop) {
                    { button("", "danger", t(Ui::Drop), act(Action::Drop { segment: id })) }
                }
                if may(Tool::Delay) {
                    <span class="inline">
                        { button("", "", t(Ui::DelayBy), do_delay) }
                        <input type="number" min={limits::DELAY_MS.min.to_string()} max={limits::DELAY_MS.max.to_string()}
                            value={own.delay.clone()} oninput={on_delay} aria-label={t(Ui::DelayMs)} />
                        { " ms" }
                    </span>
                }
                if may(Tool::Duplicate) {
                    { button("", "", t(Ui::Duplicate), act(Action::Duplicate { segment: id })) }
                }
                { hold_or_release }
                if let (Some(do_swap), true) = (do_swap, may(Tool::Delay)) {
                    <span class="inline">
                        { button("", "", t(Ui::SwapArrivalWith), do_swap) }
                        <select onchange={on_swap_pick} aria-label={t(Ui::SwapArrivalWith)}>
                            { for f.others.iter().map(|o| html! { <option value={o.0.to_string()} selected={swap == Some(*o)}>{ o.to_string() }</option> }) }
                        </select>
                    </span>
                }
            </div>
        }
    } else if may(Tool::Inject) {
        html! {
            <div class="seg-tools">
                <button onclick={act(d.resend.clone())} title={t(Ui::ResendAsDuplicateTitle)}>{ t(Ui::ResendAsDuplicate) }</button>
            </div>
        }
    } else {
        html! {}
    };

    html! {
        <section class="sheet" ref={sheet} id="segment-panel" aria-label={t(Ui::SelectedSegment)}>
            <h2 tabindex="-1">
                <span class="what">{ format!("{id} {} → {}: {seg}", d.from, d.from.peer()) }</span>
                <button class="small close" onclick={close} aria-label={t(Ui::Close)}>{ "✕" }</button>
            </h2>
            <p class="facts">
                <span>{ format!("{} {}", t(Ui::Sent), time(lang, d.sent_at)) }</span>
                <span>{ &d.fate }</span>
                <span>{ format!("WND {}", seg.wnd) }</span>
                <span>{ format!("{} {} B", t(Ui::Length), seg.data.len()) }</span>
            </p>
            <p class="why"><strong>{ t(Ui::WhySent) }</strong>{ " " }{ &d.why }</p>
            if let Some(payload) = &d.payload {
                <p class="payload"><strong>{ t(Ui::Payload) }</strong>{ " " }<code>{ payload }</code></p>
            }
            { tools }
            { flash_note(flash.as_ref(), lang, dispatch) }
        </section>
    }
}
