//! The timeline: an SVG sequence diagram of the run. Time flows down; each segment is a slanted
//! line from send to arrival, coloured by kind, and takes clicks along its whole length (a band
//! wider than the line); clicking the time gutter moves the cursor there. One Tab stop leads
//! into the diagram, and the arrow keys move between segments. Below it, the selected segment's
//! sheet and the legend. Only what is in view is drawn, so long runs stay fast.

use super::effect::use_effect_on;
use super::segment_sheet::SegmentSheet;
use super::widgets::{cls, state_class, when, Dispatch};
use crate::address::embed::Embedding;
use crate::geometry::px;
use crate::geometry::timeline::{Arrow, ArrowAt, Dims, Ending, Layout, NoteKind, PathPoint};
use crate::geometry::viewport::View as Viewport;
use crate::store::{Flash, Msg};
use crate::view::segment::SegmentView;
use crate::view::Part;
use finwait_core::{Host, SegmentId, Time};
use finwait_messages::{fill, time, ui, Lang, Ui};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, SvgElement};
use yew::prelude::*;

#[derive(Properties)]
pub struct Props {
    /// Computed only when the run changes, so the same `Rc` means the same shapes (comparing
    /// a long run's shapes field by field would cost more than drawing them).
    pub layout: Rc<Layout>,
    pub cursor: Time,
    pub selected: Option<SegmentId>,
    pub names: [AttrValue; 2],
    /// The selected segment's sheet.
    pub segment: Part<SegmentView>,
    /// Goes up when the sheet's actions should take the keyboard focus.
    pub focus: u64,
    pub compact: bool,
    pub narrow: bool,
    pub flash: Option<Flash>,
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// The tools the segment's sheet may offer.
    pub embedding: Rc<Embedding>,
}

impl PartialEq for Props {
    /// The layout by pointer: the store keeps it while the run is the same.
    fn eq(&self, other: &Props) -> bool {
        Rc::ptr_eq(&self.layout, &other.layout)
            && (self.cursor, self.selected, &self.names, self.lang, self.focus, self.compact, self.narrow)
                == (other.cursor, other.selected, &other.names, other.lang, other.focus, other.compact, other.narrow)
            && self.segment == other.segment
            && self.flash == other.flash
            && self.dispatch == other.dispatch
            && Rc::ptr_eq(&self.embedding, &other.embedding)
    }
}

/// Reads the scroll box's visible part and the SVG's scale from the page.
fn measure(scroller: &NodeRef, svg: &NodeRef, width_units: f64) -> Option<Viewport> {
    Some(measure_elements(&scroller.cast::<Element>()?, svg.cast::<Element>().as_ref(), width_units))
}

fn measure_elements(scroller: &Element, svg: Option<&Element>, width_units: f64) -> Viewport {
    let width = svg.map_or(0, |s| s.client_width());
    Viewport {
        top_px: f64::from(scroller.scroll_top()),
        height_px: f64::from(scroller.client_height()).max(200.0),
        units_per_px: if width > 0 { width_units / f64::from(width) } else { 1.0 },
    }
}

/// The part of the diagram on the screen now (in the units of a layout `width_units` wide),
/// for a picture of what is in view.
#[cfg(feature = "picture")]
pub fn on_screen(width_units: f64) -> Option<(f64, f64)> {
    let svg = web_sys::window()?.document()?.get_element_by_id("timeline")?;
    Some(measure_elements(&svg.parent_element()?, Some(&svg), width_units).visible())
}

/// The segment that holds the diagram's one Tab stop: the selected one, else the last sent by
/// the cursor, else the first.
fn tab_stop(layout: &Layout, cursor: Time, selected: Option<SegmentId>) -> Option<SegmentId> {
    selected
        .filter(|s| layout.arrows.iter().any(|a| a.id == *s))
        .or_else(|| layout.arrows.iter().rev().find(|a| a.sent <= cursor).map(|a| a.id))
        .or_else(|| layout.arrows.first().map(|a| a.id))
}

#[function_component(Timeline)]
pub fn timeline(props: &Props) -> Html {
    let Props { layout, cursor, selected, names, segment, focus, compact, narrow, flash, lang, dispatch, embedding } =
        props;
    let (cursor, selected, lang) = (*cursor, *selected, *lang);
    let t = |key| ui(lang, key);
    let dims = layout.dims;
    let width = dims.width();
    let scroller = use_node_ref();
    let svg = use_node_ref();
    // What is visible: exact in a ref (read by the auto-scroll without touching the page, which
    // would force a layout), and the stretch drawn in state, which changes only chunk by chunk.
    let seen = use_mut_ref(|| Viewport { top_px: 0.0, height_px: 900.0, units_per_px: 1.0 });
    let drawn = use_state(|| seen.borrow().drawn());
    let remeasure = {
        let (scroller, svg, seen, drawn) = (scroller.clone(), svg.clone(), seen.clone(), drawn.clone());
        move || {
            if let Some(v) = measure(&scroller, &svg, width) {
                *seen.borrow_mut() = v;
                if v.drawn() != *drawn {
                    drawn.set(v.drawn());
                }
            }
        }
    };
    {
        let remeasure = remeasure.clone();
        use_effect_on(
            width as i64 as u64,
            Box::new(move || {
                remeasure();
                None
            }),
        );
    }
    // Selecting a segment opens its sheet, which takes room from the diagram (on a phone it
    // covers the diagram's foot): measure again, and keep the segment in view.
    {
        let (remeasure, seen, scroller, layout) = (remeasure.clone(), seen.clone(), scroller.clone(), layout.clone());
        use_effect_on(
            selected.map_or(0, |id| u64::from(id.0) + 1),
            Box::new(move || {
                remeasure();
                let arrow = selected.and_then(|id| layout.arrows.iter().find(|a| a.id == id));
                if let (Some(a), Some(el)) = (arrow, scroller.cast::<HtmlElement>()) {
                    let (top, bottom) = seen.borrow().visible();
                    if a.y_min > bottom - 20.0 || a.y_min < top {
                        if let Some(to) = seen.borrow().scroll_to_show(a.y_min) {
                            el.set_scroll_top(to as i32);
                        }
                    }
                }
                None
            }),
        );
    }

    let cursor_y = layout.cursor_y(cursor);
    // Keep the cursor in view while it moves.
    {
        let scroller = scroller.clone();
        let seen = seen.clone();
        use_effect_on(
            cursor_y as i64 as u64,
            Box::new(move || {
                if let (Some(top), Some(el)) = (seen.borrow().scroll_to_show(cursor_y), scroller.cast::<HtmlElement>())
                {
                    el.set_scroll_top(top as i32);
                }
                None
            }),
        );
    }

    // Moving between segments with the keys: the segment to focus once it is drawn (it may be
    // out of view, and only what is in view is drawn; scrolling to it draws it).
    let pending_focus: Rc<RefCell<Option<SegmentId>>> = use_mut_ref(|| None);
    {
        // The selected segment holds the Tab stop and is always drawn, so it is there after the
        // render that selected it.
        let (pending, svg) = (pending_focus.clone(), svg.clone());
        // A key that changes with every render.
        let renders = use_mut_ref(|| 0u64);
        *renders.borrow_mut() += 1;
        let render = *renders.borrow();
        use_effect_on(
            render,
            Box::new(move || {
                let id = *pending.borrow();
                let found = id.and_then(|id| {
                    let el = svg.cast::<Element>()?.query_selector(&format!("[data-seg=\"{}\"]", id.0)).ok()??;
                    el.dyn_into::<SvgElement>().ok()
                });
                if let Some(el) = found {
                    let _ = el.focus();
                    *pending.borrow_mut() = None;
                }
                None
            }),
        );
    }
    let on_scroll = Callback::from(move |_: Event| remeasure());

    // A click in the time gutter moves the cursor to that time; a click anywhere else that
    // hits no segment does nothing.
    let on_gutter = {
        let dispatch = dispatch.clone();
        let layout = layout.clone();
        let svg = svg.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(svg) = svg.cast::<Element>() else { return };
            let rect = svg.get_bounding_client_rect();
            let scale = if rect.width() > 0.0 { width / rect.width() } else { 1.0 };
            let y = (f64::from(e.client_y()) - rect.top()) * scale;
            dispatch.emit(Msg::SetCursor(layout.axis.time_at(y)));
        })
    };

    // The keys inside the diagram: arrows to the next or previous segment, Home and End to the
    // first and last, Enter or Space for the segment's actions.
    let on_key = {
        let (dispatch, layout, pending, scroller, seen) =
            (dispatch.clone(), layout.clone(), pending_focus.clone(), scroller.clone(), seen.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(current) =
                e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|el| el.get_attribute("data-seg"))
            else {
                return;
            };
            let Some(i) = current.parse::<u32>().ok().and_then(|id| layout.arrows.iter().position(|a| a.id.0 == id))
            else {
                return;
            };
            let last = layout.arrows.len().saturating_sub(1);
            let to = match e.key().as_str() {
                "ArrowDown" | "ArrowRight" => Some((i + 1).min(last)),
                "ArrowUp" | "ArrowLeft" => Some(i.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(last),
                "Enter" | " " => {
                    e.prevent_default();
                    dispatch.emit(Msg::SelectAndFocus(layout.arrows[i].id));
                    None
                }
                _ => None,
            };
            if let Some(j) = to {
                e.prevent_default();
                let a = &layout.arrows[j];
                dispatch.emit(Msg::Select(Some(a.id)));
                *pending.borrow_mut() = Some(a.id);
                let view = *seen.borrow();
                if let (Some(top), Some(el)) = (view.scroll_to_show(a.y_min), scroller.cast::<HtmlElement>()) {
                    el.set_scroll_top(top as i32);
                }
            }
        })
    };

    let tab = tab_stop(layout, cursor, selected);
    let marks = Marks {
        layout,
        range: *drawn,
        now: Now::Cursor { at: cursor, selected, tab },
        names,
        lang,
        input: Some(Input { dispatch, on_gutter, on_key }),
    };

    html! {
        <div class={cls(&["timeline", when(*narrow, "narrow")])}>
            <div class="timeline-scroll" ref={scroller} onscroll={on_scroll}>
                <svg id="timeline" ref={svg} data-segments={layout.arrows.len().to_string()} viewBox={format!("0 0 {} {}", px(width), px(layout.height))}
                    width={px(width)} height={px(layout.height)} role="group" aria-label={t(Ui::TimelineDescription)}>
                    { marks.draw() }
                </svg>
            </div>
            <SegmentSheet view={segment.clone()} focus={*focus} flash={flash.clone()} {lang} dispatch={dispatch.clone()} embedding={embedding.clone()} />
            { legend(lang, *compact, *narrow, dispatch) }
        </div>
    }
}

/// The header: each host's name over its lifeline, the header's top at height `top`.
pub fn host_names(dims: Dims, names: &[AttrValue; 2], top: f64) -> Html {
    let y = px(top + 22.0);
    html! {
        <>
            <text class="host-name host-a" x={px(dims.x_a())} y={y.clone()} text-anchor="middle">{ format!("A · {}", names[0]) }</text>
            <text class="host-name host-b" x={px(dims.x_b())} {y} text-anchor="middle">{ format!("B · {}", names[1]) }</text>
        </>
    }
}

/// When the diagram is drawn: on the page, at the cursor, or as a picture of the whole run.
#[derive(Clone, Copy)]
pub enum Now {
    /// The page: what comes after the cursor is pale, the cursor line crosses the lane, and one
    /// segment holds the Tab stop.
    Cursor { at: Time, selected: Option<SegmentId>, tab: Option<SegmentId> },
    /// A picture (for slides): the run as it ends, with no cursor and nothing to click.
    Picture,
}

/// What the page's diagram takes input with; a picture has none.
pub struct Input<'a> {
    pub dispatch: &'a Dispatch,
    pub on_gutter: Callback<MouseEvent>,
    pub on_key: Callback<KeyboardEvent>,
}

/// The diagram's marks inside its `<svg>`: host names, state bands, lifelines, breaks, ticks,
/// notes, the cursor and the segments, between heights `range`. The page and the picture
/// export draw them with this one function, so a picture is what the page shows.
pub struct Marks<'a> {
    pub layout: &'a Layout,
    pub range: (f64, f64),
    pub now: Now,
    pub names: &'a [AttrValue; 2],
    pub lang: Lang,
    pub input: Option<Input<'a>>,
}

impl Marks<'_> {
    pub fn draw(&self) -> Html {
        let Marks { layout, range: (lo, hi), now, names, lang, input } = self;
        let (lo, hi, lang) = (*lo, *hi, *lang);
        let t = |key| ui(lang, key);
        let dims = layout.dims;
        let width = dims.width();
        let (x_a, x_b) = (dims.x_a(), dims.x_b());
        // A picture is the run at its end: nothing after the cursor, all of it drawn as past.
        let (cursor, selected, tab) = match *now {
            Now::Cursor { at, selected, tab } => (at, selected, tab),
            Now::Picture => (Time(u64::MAX), None, None),
        };
        let cursor_y = match now {
            Now::Cursor { at, .. } => Some(layout.cursor_y(*at)),
            Now::Picture => None,
        };
        let arrow_nodes =
            layout.arrows.iter().filter(|a| (a.y_max >= lo && a.y_min <= hi) || Some(a.id) == tab).map(|a| {
                let input = input.as_ref().map(|i| (i.dispatch, Some(a.id) == tab));
                arrow(a, &a.at(cursor), selected == Some(a.id), input, lang)
            });
        html! {
            <>
                { host_names(dims, names, 0.0) }
                // The time gutter, where a click moves the time cursor (the crosshair says so).
                if let Some(input) = input {
                    <rect class="gutter-hit" x="0" y="30" width={px(dims.gutter)} height={px(layout.height - 30.0)} onclick={input.on_gutter.clone()} aria-hidden="true" />
                }
                // Each list sits in its own group: yew matches a list's children by position
                // unless all are keyed, so a list that grows must not share its parent with
                // fixed elements (they would all be rebuilt on every change).
                <g class="bands">{ for layout.bands.iter().enumerate().filter(|(_, b)| b.y1 >= lo && b.y0 <= hi).map(|(i, b)| {
                    let x = dims.x_of(b.host) - 4.0;
                    html! { <rect key={i} class={cls(&["band", state_class(b.state), when(b.at > cursor, "future")])}
                        x={px(x)} y={px(b.y0)} width="8" height={px((b.y1 - b.y0).max(0.0))} /> }
                }) }</g>
                <line class="lifeline" x1={px(x_a)} y1="30" x2={px(x_a)} y2={px(layout.height)} />
                <line class="lifeline" x1={px(x_b)} y1="30" x2={px(x_b)} y2={px(layout.height)} />
                <g class="breaks">{ for layout.breaks.iter().enumerate().filter(|(_, b)| b.y1 >= lo && b.y0 <= hi).map(|(i, b)| {
                    let mid = (b.y0 + b.y1) / 2.0;
                    html! { <g key={i} class="break">
                        <rect x={px(dims.gutter)} y={px(b.y0)} width={px(width - dims.gutter)} height={px(b.y1 - b.y0)} />
                        <text x={px((x_a + x_b) / 2.0)} y={px(mid + 4.0)} text-anchor="middle">
                            { format!("⋯ {} {} ⋯", time(lang, Time(b.t1.ms() - b.t0.ms())), t(Ui::Later)) }
                        </text>
                    </g> }
                }) }</g>
                // Ticks in the time gutter, except where the cursor's own label stands.
                <g class="ticks" aria-hidden="true">{ for layout.ticks.iter().enumerate().filter(|(_, k)| k.y >= lo && k.y <= hi && cursor_y.is_none_or(|y| (k.y - y).abs() >= 12.0)).map(|(i, k)| html! {
                    <text key={i} class="tick" x="4" y={px(k.y + 4.0)}>{ time(lang, k.at) }</text>
                }) }</g>
                <g class="notes">{ for layout.notes.iter().enumerate().filter(|(_, n)| n.y >= lo && n.y <= hi).map(|(i, n)| {
                    let (x, anchor) = if n.host == Host::A { (x_a - 8.0, "end") } else { (x_b + 8.0, "start") };
                    let kind = match n.kind {
                        NoteKind::State => "note-state",
                        NoteKind::Call => "note-call",
                        NoteKind::CallError | NoteKind::Failure => "note-error",
                    };
                    html! { <text key={i} class={cls(&["note", kind, when(n.at > cursor, "future")])} x={px(x)} y={px(n.y + 4.0)} text-anchor={anchor}>{ &n.text }</text> }
                }) }</g>
                // The cursor crosses the lane only, so it never strikes through the notes
                // beside the lifelines; its time stands in the gutter.
                if let Some(cursor_y) = cursor_y {
                    <g class="cursor" aria-hidden="true">
                        <line x1={px(x_a)} y1={px(cursor_y)} x2={px(x_b)} y2={px(cursor_y)} />
                        <text x="3" y={px(cursor_y + 4.0)}>{ time(lang, cursor) }</text>
                    </g>
                }
                <g class="segments" onkeydown={input.as_ref().map(|i| i.on_key.clone())}>{ for arrow_nodes }</g>
            </>
        }
    }
}

/// What every mark on the diagram means, and the switch for short labels.
fn legend(lang: Lang, compact: bool, narrow: bool, dispatch: &Dispatch) -> Html {
    let t = |key| ui(lang, key);
    let toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(Msg::ToggleCompact))
    };
    // Open by default where there is room; a phone opens it on request.
    html! {
        <details class="legend" open={!narrow}>
            <summary>{ t(Ui::Legend) }</summary>
            <div class="legend-row">
            { Html::from_html_unchecked(keys(lang).into()) }
            if !narrow {
                <label class="toggle">
                    <input type="checkbox" id="compact" checked={compact} onchange={toggle} />
                    { t(Ui::CompactLabels) }
                </label>
            }
            </div>
        </details>
    }
}

/// How many keys the legend has.
pub const LEGEND_KEYS: usize = 16;

/// The legend's keys: a class saying how the key is drawn (`k` a segment's mark, `b` a state
/// band) and the word beside it, in the page's language.
pub fn legend_entries(lang: Lang) -> [(&'static str, &'static str); LEGEND_KEYS] {
    let t = |key| ui(lang, key);
    [
        ("k syn", "SYN"),
        ("k data", t(Ui::LegendData)),
        ("k ack", "ACK"),
        ("k fin", "FIN"),
        ("k rst", "RST"),
        ("k lost", t(Ui::LegendLost)),
        ("k held", t(Ui::LegendHeld)),
        ("k injected", t(Ui::LegendInjected)),
        ("k copy", t(Ui::LegendCopy)),
        ("k stale", t(Ui::LegendStale)),
        ("k reset", t(Ui::LegendReset)),
        ("b st-open", t(Ui::BandOpen)),
        ("b st-closing", t(Ui::BandClosing)),
        ("b st-timewait", "TIME-WAIT"),
        ("b st-closed", t(Ui::BandClosed)),
        ("b st-opening", t(Ui::BandOpening)),
    ]
}

/// The legend's keys as markup: static words built as one string (the markup for sixteen
/// spans would cost more in the bundle than this does).
fn keys(lang: Lang) -> String {
    let spans: String =
        legend_entries(lang).iter().map(|(class, word)| format!("<span class=\"{class}\">{word}</span>")).collect();
    format!("<p class=\"keys\">{spans}</p>")
}

fn points(path: &[PathPoint]) -> String {
    path.iter().map(|p| format!("{},{}", px(p.x), px(p.y))).collect::<Vec<_>>().join(" ")
}

/// A segment's name as a sentence: "#4 from A to B: ACK seq=1002 ack=5002 — in flight".
fn sentence(a: &Arrow, now: &ArrowAt, lang: Lang) -> String {
    let status = if now.is_future {
        Ui::SegSentLater
    } else {
        match now.ending {
            Ending::Flying => Ui::SegInFlight,
            Ending::Held => Ui::SegHeld,
            Ending::Arrived => Ui::SegArrived,
            Ending::Lost(_) => Ui::SegLost,
        }
    };
    let mut text = fill(ui(lang, Ui::SegmentName), &[&a.label, a.from.name(), a.from.peer().name(), ui(lang, status)]);
    if a.stale {
        text = format!("{text}, {}", ui(lang, Ui::OldDuplicate));
    }
    text
}

/// One segment: its line (the part still to travel pale), its end (a head, a cross, a hold),
/// its label, and on the page the band that takes clicks. `input` is the page's dispatch and
/// whether this segment holds the diagram's Tab stop; a picture has none.
fn arrow(a: &Arrow, now: &ArrowAt, selected: bool, input: Option<(&Dispatch, bool)>, lang: Lang) -> Html {
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
            Some(q) => html! { <text class="held-mark" x={px(q.x + 6.0)} y={px(q.y + 4.0)}>{ "‖" }</text> },
            None => html! {},
        },
        Ending::Flying => html! {},
    };
    let anchor = if a.from == Host::A { "start" } else { "end" };
    let class = cls(&[
        "seg",
        a.class.css(),
        origin.unwrap_or(""),
        when(now.is_future, "future"),
        when(selected, "selected"),
        when(a.stale, "stale"),
    ]);
    let marks = html! {
        <>
            if now.past.len() >= 2 {
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
                transform={format!("rotate({} {} {})", px(a.angle), px(a.label_x), px(a.label_y))} aria-hidden="true">{ &a.label }</text>
        </>
    };
    let Some((dispatch, tab_stop)) = input else {
        return html! { <g key={a.id.0} {class}>{ marks }</g> };
    };
    let id = a.id;
    let select = dispatch.reform(move |e: MouseEvent| {
        e.stop_propagation();
        Msg::Select(Some(id))
    });
    html! {
        <g key={a.id.0} {class} tabindex={if tab_stop { "0" } else { "-1" }} role="button" aria-label={sentence(a, now, lang)}
            aria-pressed={selected.to_string()} data-seg={a.id.0.to_string()} onclick={select}>
            // The whole line takes clicks, the part still to travel too, in a band wider than it.
            <polyline class="hit" points={points(&a.path)} />
            { marks }
        </g>
    }
}
