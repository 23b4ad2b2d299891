//! The timeline: an SVG sequence diagram of the run. Time flows down; each segment is a slanted
//! line from send to arrival, coloured by kind; clicking a segment selects it, clicking a
//! lifeline moves the time cursor there. Only what is in view is drawn, so long runs stay fast.

use super::widgets::{cls, state_class, when, Dispatch};
use crate::geometry::px;
use crate::geometry::timeline::{Arrow, ArrowAt, Ending, Layout, NoteKind, PathPoint, LANE, WIDTH, X_A, X_B};
use crate::geometry::viewport::View as Viewport;
use crate::store::Msg;
use finwait_core::{Host, SegmentId, Time};
use finwait_messages::{time, ui, Lang, Ui};
use std::rc::Rc;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    /// Computed only when the run changes, so the same `Rc` means the same shapes (comparing
    /// a long run's shapes field by field would cost more than drawing them).
    pub layout: Rc<Layout>,
    pub cursor: Time,
    pub selected: Option<SegmentId>,
    pub names: [AttrValue; 2],
    pub lang: Lang,
    pub dispatch: Dispatch,
}

/// Reads the scroll box's visible part and the SVG's scale from the page.
fn measure(scroller: &NodeRef, svg: &NodeRef) -> Option<Viewport> {
    let el = scroller.cast::<Element>()?;
    let width = svg.cast::<Element>().map_or(0, |s| s.client_width());
    Some(Viewport {
        top_px: f64::from(el.scroll_top()),
        height_px: f64::from(el.client_height()).max(200.0),
        units_per_px: if width > 0 { WIDTH / f64::from(width) } else { 1.0 },
    })
}

impl PartialEq for Props {
    fn eq(&self, other: &Props) -> bool {
        Rc::ptr_eq(&self.layout, &other.layout)
            && (self.cursor, self.selected, &self.names, self.lang)
                == (other.cursor, other.selected, &other.names, other.lang)
            && self.dispatch == other.dispatch
    }
}

#[function_component(Timeline)]
pub fn timeline(props: &Props) -> Html {
    let Props { layout, cursor, selected, names, lang, dispatch } = props;
    let (cursor, selected, lang) = (*cursor, *selected, *lang);
    let t = |key| ui(lang, key);
    let scroller = use_node_ref();
    let svg = use_node_ref();
    // What is visible: exact in a ref (read by the auto-scroll without touching the page, which
    // would force a layout), and the stretch drawn in state, which changes only chunk by chunk.
    let seen = use_mut_ref(|| Viewport { top_px: 0.0, height_px: 900.0, units_per_px: 1.0 });
    let drawn = use_state(|| seen.borrow().drawn());
    let remeasure = {
        let (scroller, svg, seen, drawn) = (scroller.clone(), svg.clone(), seen.clone(), drawn.clone());
        move || {
            if let Some(v) = measure(&scroller, &svg) {
                *seen.borrow_mut() = v;
                if v.drawn() != *drawn {
                    drawn.set(v.drawn());
                }
            }
        }
    };
    {
        let remeasure = remeasure.clone();
        use_effect_with((), move |_| remeasure());
    }

    let cursor_y = layout.cursor_y(cursor);
    // Keep the cursor in view while it moves.
    {
        let scroller = scroller.clone();
        let seen = seen.clone();
        use_effect_with(cursor_y as i64, move |_| {
            if let (Some(top), Some(el)) = (seen.borrow().scroll_to_show(cursor_y), scroller.cast::<HtmlElement>()) {
                el.set_scroll_top(top as i32);
            }
        });
    }
    let on_scroll = Callback::from(move |_: Event| remeasure());
    let (lo, hi) = *drawn;

    // A click on the lanes (anywhere but on a segment) moves the cursor to that time.
    let on_lane_click = {
        let dispatch = dispatch.clone();
        let layout = layout.clone();
        let svg = svg.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(svg) = svg.cast::<Element>() else { return };
            let rect = svg.get_bounding_client_rect();
            let scale = if rect.width() > 0.0 { WIDTH / rect.width() } else { 1.0 };
            let y = (f64::from(e.client_y()) - rect.top()) * scale;
            dispatch.emit(Msg::SetCursor(layout.axis.time_at(y)));
        })
    };

    let arrow_nodes = layout
        .arrows
        .iter()
        .filter(|a| a.y_max >= lo && a.y_min <= hi)
        .map(|a| arrow(a, &a.at(cursor), selected == Some(a.id), lang, dispatch));

    html! {
        <section class="timeline" aria-label={t(Ui::Timeline)}>
            <div class="timeline-scroll" ref={scroller} onscroll={on_scroll}>
                <svg id="timeline" ref={svg} data-segments={layout.arrows.len().to_string()} viewBox={format!("0 0 {} {}", px(WIDTH), px(layout.height))} width={px(WIDTH)} height={px(layout.height)}
                    role="group" aria-label={t(Ui::TimelineDescription)} onclick={on_lane_click}>
                    // Header: host names over the lifelines.
                    <text class="host-name host-a" x={px(X_A)} y="22" text-anchor="middle">{ format!("A · {}", names[0]) }</text>
                    <text class="host-name host-b" x={px(X_B)} y="22" text-anchor="middle">{ format!("B · {}", names[1]) }</text>
                    // The lanes, where a click moves the time cursor (the crosshair says so).
                    <rect class="lane-hit" x={px(X_A - 20.0)} y="30" width={px(LANE + 40.0)}
                        height={px(layout.height - 30.0)} />
                    // Each list sits in its own group: yew matches a list's children by position
                    // unless all are keyed, so a list that grows must not share its parent with
                    // fixed elements (they would all be rebuilt on every change).
                    <g class="bands">{ for layout.bands.iter().enumerate().filter(|(_, b)| b.y1 >= lo && b.y0 <= hi).map(|(i, b)| {
                        let x = if b.host == Host::A { X_A - 4.0 } else { X_B - 4.0 };
                        html! { <rect key={i} class={cls(&["band", state_class(b.state), when(b.at > cursor, "future")])}
                            x={px(x)} y={px(b.y0)} width="8" height={px((b.y1 - b.y0).max(0.0))} /> }
                    }) }</g>
                    <line class="lifeline" x1={px(X_A)} y1="30" x2={px(X_A)} y2={px(layout.height)} />
                    <line class="lifeline" x1={px(X_B)} y1="30" x2={px(X_B)} y2={px(layout.height)} />
                    <g class="breaks">{ for layout.breaks.iter().enumerate().filter(|(_, b)| b.y1 >= lo && b.y0 <= hi).map(|(i, b)| {
                        let mid = (b.y0 + b.y1) / 2.0;
                        html! { <g key={i} class="break">
                            <rect x="0" y={px(b.y0)} width={px(WIDTH)} height={px(b.y1 - b.y0)} />
                            <text x={px((X_A + X_B) / 2.0)} y={px(mid + 4.0)} text-anchor="middle">
                                { format!("⋯ {} {} ⋯", time(lang, Time(b.t1.ms() - b.t0.ms())), t(Ui::Later)) }
                            </text>
                        </g> }
                    }) }</g>
                    // Ticks in the time gutter, except where the cursor's own label stands.
                    <g class="ticks">{ for layout.ticks.iter().enumerate().filter(|(_, k)| k.y >= lo && k.y <= hi && (k.y - cursor_y).abs() >= 12.0).map(|(i, k)| html! {
                        <text key={i} class="tick" x="6" y={px(k.y + 4.0)}>{ time(lang, k.at) }</text>
                    }) }</g>
                    <g class="notes">{ for layout.notes.iter().enumerate().filter(|(_, n)| n.y >= lo && n.y <= hi).map(|(i, n)| {
                        let (x, anchor) = if n.host == Host::A { (X_A - 10.0, "end") } else { (X_B + 10.0, "start") };
                        let kind = match n.kind {
                            NoteKind::State => "note-state",
                            NoteKind::Call => "note-call",
                            NoteKind::CallError | NoteKind::Failure => "note-error",
                        };
                        html! { <text key={i} class={cls(&["note", kind, when(n.at > cursor, "future")])} x={px(x)} y={px(n.y + 4.0)} text-anchor={anchor}>{ &n.text }</text> }
                    }) }</g>
                    <g class="segments">{ for arrow_nodes }</g>
                    <g class="cursor" aria-hidden="true">
                        <line x1="56" y1={px(cursor_y)} x2={px(X_B + 60.0)} y2={px(cursor_y)} />
                        <text x="4" y={px(cursor_y + 4.0)}>{ time(lang, cursor) }</text>
                    </g>
                </svg>
            </div>
            <p class="legend" aria-hidden="true">
                <span class="k syn">{ "SYN" }</span><span class="k data">{ t(Ui::LegendData) }</span>
                <span class="k ack">{ "ACK" }</span><span class="k fin">{ "FIN" }</span><span class="k rst">{ "RST" }</span>
                <span class="k lost">{ t(Ui::LegendLost) }</span><span class="k injected">{ t(Ui::LegendInjected) }</span>
            </p>
        </section>
    }
}

fn points(path: &[PathPoint]) -> String {
    path.iter().map(|p| format!("{},{}", px(p.x), px(p.y))).collect::<Vec<_>>().join(" ")
}

fn arrow(a: &Arrow, now: &ArrowAt, selected: bool, lang: Lang, dispatch: &Dispatch) -> Html {
    let select = {
        let dispatch = dispatch.clone();
        let id = a.id;
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            dispatch.emit(Msg::Select(Some(id)));
        })
    };
    let on_key = {
        let dispatch = dispatch.clone();
        let id = a.id;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                dispatch.emit(Msg::SelectAndFocus(id));
            }
        })
    };
    let origin = match a.origin {
        finwait_core::Origin::Injected => Some("injected"),
        finwait_core::Origin::Copy { .. } => Some("copy"),
        finwait_core::Origin::Sent { .. } => None,
    };
    let ending = match now.ending {
        Ending::Arrived => match now.past.as_slice() {
            [.., p, q] => {
                let angle = (q.y - p.y).atan2(q.x - p.x).to_degrees();
                html! { <path class="head" d="M0,0 L-9,-4.5 L-9,4.5 Z" transform={format!("translate({},{}) rotate({})", px(q.x), px(q.y), px(angle))} /> }
            }
            _ => html! {},
        },
        Ending::Lost(_) => match now.past.last() {
            Some(q) => html! { <text class="cross" x={px(q.x)} y={px(q.y + 5.0)} text-anchor="middle">{ "✕" }</text> },
            None => html! {},
        },
        Ending::Held => match now.past.last() {
            Some(q) => html! { <text class="held-mark" x={px(q.x + 6.0)} y={px(q.y + 4.0)}>{ "⏸" }</text> },
            None => html! {},
        },
        Ending::Flying => html! {},
    };
    let anchor = if a.from == Host::A { "start" } else { "end" };
    let aria = if a.stale { format!("{}, {}", a.label, ui(lang, Ui::OldDuplicate)) } else { a.label.clone() };
    html! {
        <g key={a.id.0} class={cls(&["seg", a.class.css(), origin.unwrap_or(""), when(now.is_future, "future"), when(selected, "selected"), when(a.stale, "stale")])}
            tabindex="0" role="button" aria-label={aria} data-seg={a.id.0.to_string()} onclick={select} onkeydown={on_key}>
            if now.past.len() >= 2 {
                <polyline class="hit" points={points(&now.past)} />
                <polyline class="line" points={points(&now.past)} />
            }
            if now.future.len() >= 2 {
                <polyline class="line ghost" points={points(&now.future)} />
            }
            { ending }
            if let Some((x, y)) = now.now {
                <circle class="now" cx={px(x)} cy={px(y)} r="5" />
            }
            <text class="seg-label" x={px(a.label_x)} y={px(a.label_y)} text-anchor={anchor}
                transform={format!("rotate({} {} {})", px(a.angle), px(a.label_x), px(a.label_y))}>{ &a.label }</text>
        </g>
    }
}
