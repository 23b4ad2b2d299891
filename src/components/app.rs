//! The root: creates the store, drives playback, follows the page's size, and lays the lab out:
//! the header (scenario and playback), the scenario's text, then the diagram at the centre with
//! the two hosts beside it (above it on a narrow screen) and the caption of the current step;
//! the network tools, the state diagram and the event log below.

use super::caption::caption;
use super::effect::{deps, use_effect_on};
use super::endpoint_card::EndpointCard;
use super::event_log::event_log;
use super::network_tools::NetworkTools;
use super::share::share;
use super::timeline::Timeline;
use super::widgets::{cls, when, Dispatch};
use super::{header, preset_info, state_diagram};
use crate::address::embed::{Panel, Tool};
use crate::address::{self, codec, storage, Start};
use crate::store::{Msg, Place};
use crate::view::Part;
use finwait_core::Host;
use gloo_timers::callback::Interval;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How often playback advances the clock, in wall-clock milliseconds.
const TICK_MS: u32 = 40;
/// Below this width (CSS px) the page is a phone's: a narrower diagram, hosts as state lines.
const NARROW_PX: f64 = 700.0;

/// How long the address waits after a change before it is brought up to date (a burst of
/// clicks writes it once).
const SAVE_AFTER_MS: u32 = 400;

/// What the page opened with (see `address::start`).
#[derive(Properties)]
pub struct Props {
    pub start: std::rc::Rc<Start>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Props) -> bool {
        std::rc::Rc::ptr_eq(&self.start, &other.start)
    }
}

#[function_component(App)]
pub fn app(props: &Props) -> Html {
    let start = props.start.clone();
    let lab = {
        let start = start.clone();
        use_reducer(move || start.lab.clone())
    };
    // One callback for the app's lifetime, so that panels' props stay equal between renders.
    let dispatch: Dispatch = {
        let dispatcher = lab.dispatcher();
        use_memo((), move |_| Callback::from(move |m: Msg| dispatcher.dispatch(m))).as_ref().clone()
    };

    // Playback: a timer that ticks while playing.
    {
        let dispatcher = lab.dispatcher();
        let playing = lab.playing;
        use_effect_on(
            u64::from(playing),
            Box::new(move || {
                let interval = playing
                    .then(|| Interval::new(TICK_MS, move || dispatcher.dispatch(Msg::Tick(f64::from(TICK_MS)))))?;
                Some(Box::new(move || drop(interval)))
            }),
        );
    }

    // Once, after the first render: the page's size (narrow or not, and the sticky header's
    // height, which the first screen leaves to the lab: `--top-h` in the stylesheet), measured
    // now and on every resize; autoplay, when the link asks for it; and a mark that tells the
    // page (and the end-to-end tests) that the first render is on screen.
    {
        let dispatch = dispatch.clone();
        let dispatcher = lab.dispatcher();
        let autoplay = start.autoplay;
        use_effect_on(
            0,
            Box::new(move || {
                follow_size(&dispatch, false);
                if autoplay {
                    dispatcher.dispatch(Msg::Play);
                }
                if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = perf.mark("finwait-first-render");
                }
                let measure = Closure::<dyn Fn()>::new(move || follow_size(&dispatch, false));
                let window = web_sys::window()?;
                let _ = window.add_event_listener_with_callback("resize", measure.as_ref().unchecked_ref());
                Some(Box::new(move || {
                    let _ = window.remove_event_listener_with_callback("resize", measure.as_ref().unchecked_ref());
                }))
            }),
        );
    }

    // The header's height changes when the layout switches.
    {
        let dispatch = dispatch.clone();
        use_effect_on(
            u64::from(lab.narrow),
            Box::new(move || {
                follow_size(&dispatch, true);
                None
            }),
        );
    }

    // A select shows what the user last picked, not what its options' `selected` attributes
    // say once the user has picked: after an undo, set the pickers to the lab's choices.
    {
        let (preset, profile, blank) = (lab.preset, lab.frame.about.profile, lab.frame.about.blank);
        let preset_key = preset.map_or(0, |i| i as u64 + 1);
        use_effect_on(
            deps(&[(preset_key, 32), (profile as u64, 8), (u64::from(blank), 1)]),
            Box::new(move || {
                let picked = match (preset, blank) {
                    (Some(i), _) => i.to_string(),
                    (None, true) => "blank".to_string(),
                    (None, false) => String::new(),
                };
                set_select("preset", &picked);
                set_select("profile", profile.name());
                None
            }),
        );
    }

    // The address and storage follow the session (not every frame of playback), so a reload
    // or a copied address keeps the work.
    {
        let pending = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
        let key = props.start.storage_key.clone();
        let settled = !lab.playing;
        let now = lab.clone();
        use_effect_on(
            deps(&[(lab.version, 63), (u64::from(settled), 1)]),
            Box::new(move || {
                if let (true, Some(key)) = (settled, key) {
                    let opening = now.opening();
                    *pending.borrow_mut() = Some(gloo_timers::callback::Timeout::new(SAVE_AFTER_MS, move || {
                        wasm_bindgen_futures::spawn_local(keep(opening, key));
                    }));
                }
                None
            }),
        );
    }

    // The page is in the reader's language: `<html lang>` (screen readers, fonts, line breaking
    // for Korean) and its title. English alone needs nothing: index.html is written in it.
    #[cfg(feature = "ko")]
    {
        let lang = lab.lang;
        use_effect_on(
            lang as u64,
            Box::new(move || {
                if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                    if let Some(root) = doc.document_element() {
                        let _ = root.set_attribute("lang", lang.code());
                    }
                    doc.set_title(finwait_messages::ui(lang, finwait_messages::Ui::PageTitle));
                }
                None
            }),
        );
    }

    // A course page that frames the lab hears what happens and may send commands (the course
    // build).
    use_frame_api(&lab);

    let f = &lab.frame;
    let lang = lab.lang;
    let names: [AttrValue; 2] = lab.names.clone().map(AttrValue::from);
    let card = |h: Host| {
        html! {
            <EndpointCard view={Part(f.hosts[h.index()].clone())} name={names[h.index()].clone()} {lang} embedding={lab.embedding.clone()}
                flash={lab.flash_at(Place::Card(h))} dispatch={dispatch.clone()} />
        }
    };
    let embedding = lab.embedding.clone();
    let shows = |p: Panel| embedding.shows(p);
    let share = share(&lab, lang, &dispatch);
    html! {
        <div class={cls(&["app", when(embedding.embedded, "embed"), when(!shows(Panel::Cards), "no-cards")])}>
            { header::header(&header::Props {
                playback: f.playback.clone(),
                about: f.about.clone(),
                preset: lab.preset,
                playing: lab.playing,
                speed: lab.speed,
                flash: lab.flash_at(Place::Header),
                lang,
                narrow: lab.narrow,
                dispatch: dispatch.clone(),
                embedding: embedding.clone(),
                share,
            }) }
            <div class="screen">
                { preset_info::preset_info(&preset_info::Props { about: f.about.clone(), lang }) }
                // The diagram comes first in the page's order (the keyboard reaches it before the
                // hosts); the stylesheet places the hosts beside it or above it.
                <main class="lab" aria-label={finwait_messages::ui(lang, finwait_messages::Ui::Lab)}>
                    <section class="stage" aria-label={finwait_messages::ui(lang, finwait_messages::Ui::Timeline)}>
                        { quiz_slot() }
                        { caption(&f.caption, lang) }
                        <Timeline layout={lab.layout.clone()} cursor={lab.cursor} selected={lab.selected} names={names.clone()}
                            segment={Part(f.segment.clone())} focus={lab.focus_panel} compact={lab.compact} narrow={lab.narrow}
                            flash={lab.flash_at(Place::Segment)} {lang} dispatch={dispatch.clone()}  embedding={embedding.clone()} />
                    </section>
                    if shows(Panel::Cards) {
                        { card(Host::A) }
                        { card(Host::B) }
                    }
                </main>
            </div>
            if [Panel::Network, Panel::Diagram, Panel::Log].into_iter().any(shows) {
                <section class="panels">
                    // Its fields (latency, the rule being composed) start afresh with each scenario.
                    if shows(Panel::Network) && (embedding.allows(Tool::Network) || embedding.allows(Tool::Inject)) {
                        <NetworkTools key={lab.loaded} view={Part(f.network.clone())} flash={lab.flash_at(Place::Network)} {lang} dispatch={dispatch.clone()} embedding={embedding.clone()} />
                    }
                    if shows(Panel::Diagram) {
                        { state_diagram::state_diagram(&state_diagram::Props { view: f.diagram.clone(), lang }) }
                    }
                    if shows(Panel::Log) {
                        { event_log(&f.log, lang, &dispatch) }
                    }
                    { for course_panels(&lab, lang, &dispatch) }
                </section>
            }
            { for course_extras(&lab, lang, &dispatch) }
        </div>
    }
}

/// The panels below the lab that only the course build has: "What could happen here?" (not
/// in an embed, whose panels the instructor picks; `finwait explore` lists the same outcomes).
#[cfg_attr(not(feature = "explore"), allow(unused_variables))]
fn course_panels(
    lab: &UseReducerHandle<crate::store::Lab>,
    lang: finwait_messages::Lang,
    dispatch: &Dispatch,
) -> Vec<Html> {
    #[allow(unused_mut)]
    let mut panels = Vec::new();
    #[cfg(feature = "explore")]
    if !lab.embedding.embedded {
        panels.push(html! { <super::what_could_happen::WhatCouldHappen lab={lab.clone()} {lang} dispatch={dispatch.clone()} /> });
    }
    panels
}

/// What else only the course build has, outside the panels: reading a capture into the lab (a
/// file picked from the share menu or dropped anywhere; not in an embed; `finwait import` reads
/// captures), and "Quiz yourself" (the form below the lab, the question card while a quiz is
/// taken; in an embed only with a `quiz=` address; `finwait quiz` writes quizzes as files).
#[cfg_attr(not(any(feature = "capture", feature = "quiz")), allow(unused_variables))]
fn course_extras(
    lab: &UseReducerHandle<crate::store::Lab>,
    lang: finwait_messages::Lang,
    dispatch: &Dispatch,
) -> Vec<Html> {
    #[allow(unused_mut)]
    let mut extras = Vec::new();
    #[cfg(feature = "capture")]
    if !lab.embedding.embedded {
        extras.push(
            html! { <super::capture_import::CaptureImport {lang} narrow={lab.narrow} dispatch={dispatch.clone()} /> },
        );
    }
    #[cfg(feature = "quiz")]
    extras.push(html! { <super::quiz::Quiz preset={lab.preset} embedding={lab.embedding.clone()} {lang} dispatch={dispatch.clone()} /> });
    extras
}

/// Where the question card stands while a quiz is taken: above the caption, in the page's
/// flow, so that it covers nothing of the lab.
#[cfg(feature = "quiz")]
fn quiz_slot() -> Html {
    html! { <div id={super::quiz::SLOT}></div> }
}

#[cfg(not(feature = "quiz"))]
fn quiz_slot() -> Html {
    Html::default()
}

#[cfg(feature = "course")]
use crate::frame_api::hook::use_frame_api;

/// The standard build has no frame API: nothing to hear or obey.
#[cfg(not(feature = "course"))]
#[hook]
fn use_frame_api(_lab: &UseReducerHandle<crate::store::Lab>) {}

/// Writes the session into the address (replacing the entry, not adding one per click) and
/// into storage.
async fn keep(opening: address::opening::Opening, key: String) {
    let link = codec::to_text(&opening.to_shared(true)).await;
    if link.len() > finwait_core::limits::LINK_CHARS {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let (search, fragment) = (location.search().unwrap_or_default(), location.hash().unwrap_or_default());
    if let Ok(history) = window.history() {
        let url = address::address_with(&search, &fragment, &link);
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    storage::save(&key, &link);
}

/// Sets a `<select>`'s value (a custom scenario has no option of its own: nothing is set).
fn set_select(id: &str, value: &str) {
    let select = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok());
    if let (Some(select), false) = (select, value.is_empty()) {
        select.set_value(value);
    }
}

/// Tells the store whether the page is narrow (unless `height_only`), and the stylesheet how
/// tall the header is.
fn follow_size(dispatch: &Dispatch, height_only: bool) {
    let Some(window) = web_sys::window() else { return };
    if !height_only {
        let width = window.inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(1024.0);
        dispatch.emit(Msg::SetNarrow(width < NARROW_PX));
    }
    let Some(doc) = window.document() else { return };
    if let (Some(top), Some(root)) = (doc.query_selector("header.top").ok().flatten(), doc.document_element()) {
        let height = top.get_bounding_client_rect().height();
        if let Some(root) = root.dyn_ref::<web_sys::HtmlElement>() {
            let _ = root.style().set_property("--top-h", &format!("{}px", height.ceil() as i64));
        }
    }
}
