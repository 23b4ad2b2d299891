//! A capture read into the lab: a `.pcap` or `.pcapng` file, chosen from the share menu
//! ("Open a capture…") or dropped anywhere on the lab, is read (`finwait_capture`), one of its
//! TCP connections is picked, both endpoints' states are inferred by the core's own endpoints
//! (`import::infer`), and the result is drawn read-only in a dialog by the timeline's own marks
//! — lifelines, state bands, segments, notes — with what the capture could not show listed
//! below it. The lab's own session is not touched, until "Continue from here in the lab" (when
//! the capture ends in a state the lab can start from: `continue_from`) opens the capture's end
//! as the lab's start. Part of the course build (the `capture` feature); `finwait import`
//! prints the same inference.

use super::effect::use_effect_on;
use super::timeline::{Marks, Now};
use super::widgets::{button, select, Dispatch};
use crate::address::opening::Opening;
use crate::geometry::px;
use crate::geometry::timeline::{layout, Dims, Labels, Layout};
use crate::store::Msg;
use finwait_capture::continue_from::continue_from;
use finwait_capture::import::{self, Connections, Vantage};
use finwait_capture::{as_trace, ReadError, MAX_FILE_BYTES};
use finwait_core::{Host, Params, ProfileKind, Scenario, State};
use finwait_messages::events::profile;
use finwait_messages::{capture as words, fill, ui, Lang, Ui};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, HtmlDialogElement, HtmlInputElement};
use yew::prelude::*;

/// The hidden file input the share menu's "Open a capture…" clicks.
const FILE_INPUT: &str = "capture-file";
/// The most segments drawn from one connection (the dialog draws them all at once); the rest
/// is said, not drawn.
const MAX_DRAWN: usize = 2_000;
/// Where a capture may have been taken, in the order the picker lists them: on the wire
/// first, which assumes least.
const VANTAGES: [(Vantage, Ui); 3] = [
    (Vantage::Between, Ui::CaptureOnWire),
    (Vantage::At(Host::A), Ui::CaptureAtA),
    (Vantage::At(Host::B), Ui::CaptureAtB),
];
/// The profiles the endpoints are modelled with: Linux first, as real captures mostly are.
const PROFILES: [ProfileKind; 2] = [ProfileKind::Linux, ProfileKind::Rfc9293];

/// The share menu's entry: opens the file picker of the `CaptureImport` on the page.
pub fn open_button(lang: Lang) -> Html {
    let pick = Callback::from(|_: MouseEvent| {
        let input = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(FILE_INPUT));
        if let Some(input) = input.and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) {
            input.click();
        }
    });
    button("open-capture", "", ui(lang, Ui::OpenCapture), pick)
}

/// A file, as read.
struct Opened {
    name: String,
    read: Result<Read, String>,
}

struct Read {
    found: Connections,
    /// The file ends inside a packet; how many were read before it.
    cut_short: Option<usize>,
}

/// What the reader chose: the connection, where the capture was taken, the profile.
#[derive(Clone, Copy, PartialEq, Default)]
struct Choice {
    connection: usize,
    vantage: usize,
    profile: usize,
}

/// One connection's inference, ready to draw.
struct Drawn {
    layout: Layout,
    names: [AttrValue; 2],
    end: [State; 2],
    doubts: Vec<String>,
    /// Segments left out of the drawing (past `MAX_DRAWN`).
    left_out: usize,
    /// The lab's scenario that takes over where the capture ends, when it can exactly.
    continues: Option<Scenario>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    /// A phone: the diagram is laid out narrow, as the lab's is.
    pub narrow: bool,
    pub dispatch: Dispatch,
}

#[function_component(CaptureImport)]
pub fn capture_import(props: &Props) -> Html {
    let (lang, narrow, dispatch) = (props.lang, props.narrow, &props.dispatch);
    let t = |k| ui(lang, k);
    let node = use_node_ref();
    let opened: UseStateHandle<Option<Rc<Opened>>> = use_state(|| None);
    let choice = use_state(Choice::default);
    let arrivals = use_mut_ref(|| 0u64);
    let arrived = use_state(|| 0u64);

    // A file arrives (picked or dropped): read it, then open the dialog on it.
    let take = {
        let (opened, choice, arrivals, arrived) = (opened.clone(), choice.clone(), arrivals.clone(), arrived.clone());
        let take: Rc<dyn Fn(File)> = Rc::new(move |file: File| {
            let (opened, choice, arrivals, arrived) =
                (opened.clone(), choice.clone(), arrivals.clone(), arrived.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let read = read_file(&file, lang).await;
                choice.set(Choice::default());
                opened.set(Some(Rc::new(Opened { name, read })));
                *arrivals.borrow_mut() += 1;
                arrived.set(*arrivals.borrow());
            });
        });
        take
    };
    {
        let node = node.clone();
        use_effect_on(
            *arrived,
            Box::new(move || {
                if let Some(d) = node.cast::<HtmlDialogElement>() {
                    if *arrived > 0 && !d.open() {
                        let _ = d.show_modal();
                    }
                }
                None
            }),
        );
    }
    // A file dropped anywhere on the lab.
    {
        let take = take.clone();
        use_effect_on(0, Box::new(move || listen_for_drops(take)));
    }
    let on_file = {
        let take = take.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                take(file);
            }
            // The same file can be picked again after a change to it.
            input.set_value("");
        })
    };
    let close = {
        let node = node.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = node.cast::<HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let chooser = |set: fn(&mut Choice, usize)| {
        let choice = choice.clone();
        Callback::from(move |i: usize| {
            let mut next = *choice;
            set(&mut next, i);
            choice.set(next);
        })
    };

    // "Continue from here in the lab": the capture's end becomes the lab's start, the hosts
    // named by their addresses; undo goes back to the lab as it was.
    let take_over = {
        let (dispatch, node) = (dispatch.clone(), node.clone());
        Callback::from(move |(scenario, names): (Scenario, [AttrValue; 2])| {
            let mut opening = Opening::fresh(scenario, None);
            opening.names = names.map(|n| Some(n.to_string()));
            dispatch.emit(Msg::Open(Box::new(opening)));
            if let Some(d) = node.cast::<HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let body = match opened.as_deref() {
        None => html! {},
        Some(Opened { read: Err(message), .. }) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        Some(Opened { read: Ok(read), .. }) => {
            let list = &read.found.list;
            let labels: Vec<String> = list
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}. {} ⇄ {} · {} · {}", i + 1, c.a, c.b, c.packets.len(), c.flags_seen()))
                .collect();
            let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
            let vantages: Vec<&str> = VANTAGES.iter().map(|(_, k)| t(*k)).collect();
            let profiles: Vec<&str> = PROFILES.iter().map(|p| profile(*p)).collect();
            let notes: Vec<String> = read
                .cut_short
                .map(|n| fill(t(Ui::CaptureCutShort), &[&n.to_string()]))
                .into_iter()
                .chain(read.found.skipped.iter().map(|(skip, n)| words::skipped(lang, *skip, *n)))
                .collect();
            let drawn = list.get(choice.connection).map(|_| draw(read, *choice, lang, narrow));
            html! {
                <>
                    <ul class="import-notes">{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                    <div class="import-choices">
                        if list.len() > 1 {
                            <label class="field"><span>{ t(Ui::CaptureConnection) }</span>
                                { select(t(Ui::CaptureConnection), &label_refs, choice.connection, chooser(|c, i| c.connection = i)) }</label>
                        }
                        <label class="field"><span>{ t(Ui::CaptureAt) }</span>
                            { select(t(Ui::CaptureAt), &vantages, choice.vantage, chooser(|c, i| c.vantage = i.min(VANTAGES.len() - 1))) }</label>
                        <label class="field"><span>{ t(Ui::Profile) }</span>
                            { select(t(Ui::Profile), &profiles, choice.profile, chooser(|c, i| c.profile = i.min(PROFILES.len() - 1))) }</label>
                    </div>
                    { drawn.map_or_else(|| html! { <p class="error" role="alert">{ t(Ui::CaptureNoTcp) }</p> }, |d| drawing(&d, lang, &take_over)) }
                </>
            }
        }
    };
    let title = opened.as_ref().map_or(String::new(), |o| fill(t(Ui::CaptureTitle), &[&o.name]));
    html! {
        <div class="capture-import">
            <input type="file" id={FILE_INPUT} class="sr-only" accept=".pcap,.pcapng,.cap" tabindex="-1"
                aria-label={t(Ui::OpenCapture)} onchange={on_file} />
            <dialog ref={node} id="import-dialog" class="import-dialog" aria-labelledby="import-title">
                <h2 id="import-title">{ title }</h2>
                <p class="hint">{ t(Ui::CaptureReadOnly) }</p>
                <div class="import-body">{ body }</div>
                <div class="dialog-actions">{ button("close-import", "", t(Ui::Close), close) }</div>
            </dialog>
        </div>
    }
}

/// Reads `file` as a capture; a refusal is the sentence to show.
async fn read_file(file: &File, lang: Lang) -> Result<Read, String> {
    // Said before reading: a huge file is not taken into memory only to be refused.
    let size = file.size() as usize;
    if size > MAX_FILE_BYTES {
        return Err(words::read_error(lang, &ReadError::TooLarge { bytes: size }));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ui(lang, Ui::CaptureUnreadable).to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let capture = finwait_capture::read(&bytes).map_err(|e| words::read_error(lang, &e))?;
    let cut_short = capture.cut_short.then_some(capture.packets.len());
    Ok(Read { found: import::connections(&capture), cut_short })
}

/// The chosen connection inferred and laid out as the timeline lays out a run (narrow on a
/// phone).
fn draw(read: &Read, choice: Choice, lang: Lang, narrow: bool) -> Drawn {
    let conn = &read.found.list[choice.connection];
    let profile = PROFILES[choice.profile];
    let params = Params::for_profile(profile);
    let inference = import::infer(conn, VANTAGES[choice.vantage].0, &[params.clone(), params]);
    let mut trace = as_trace::trace(conn, &inference);
    // Past MAX_DRAWN segments, the drawing stops at the first segment left out.
    let mut segments = 0;
    let cut = trace.events.iter().position(|e| {
        segments += usize::from(matches!(e.kind, finwait_core::EventKind::Segment { .. }));
        segments > MAX_DRAWN
    });
    if let Some(at) = cut {
        trace.events.truncate(at);
    }
    let head = trace.events.last().map_or(finwait_core::Time::ZERO, |e| e.at);
    Drawn {
        layout: match narrow {
            true => layout(&trace, head, Dims::NARROW, Labels::Compact, lang),
            false => layout(&trace, head, Dims::WIDE, Labels::Full, lang),
        },
        names: [conn.a.to_string().into(), conn.b.to_string().into()],
        end: inference.end,
        doubts: inference.doubts.iter().map(|d| words::doubt(lang, *d)).collect(),
        left_out: conn.packets.len().saturating_sub(MAX_DRAWN),
        continues: continue_from(conn, &inference, profile),
    }
}

/// The inferred run, read-only: the diagram in a scroll box, where both hosts ended, and what
/// the capture could not show.
fn drawing(d: &Drawn, lang: Lang, take_over: &Callback<(Scenario, [AttrValue; 2])>) -> Html {
    let t = |k| ui(lang, k);
    let width = d.layout.dims.width();
    let marks = Marks {
        layout: &d.layout,
        range: (0.0, d.layout.height),
        now: Now::Picture,
        names: &d.names,
        lang,
        input: None,
    };
    let end = fill(t(Ui::CaptureEnd), &[d.end[0].name(), d.end[1].name()]);
    html! {
        <>
            // A scroll box the keyboard can reach and scroll.
            <div class="import-diagram" tabindex="0" role="region" aria-label={t(Ui::Timeline)}>
                <svg class="import-svg" viewBox={format!("0 0 {} {}", px(width), px(d.layout.height))} width={px(width)}
                    height={px(d.layout.height)} role="img" aria-label={end.clone()}>{ marks.draw() }</svg>
            </div>
            <p class="import-end">{ end }</p>
            <div class="import-continue">
                if let Some(scenario) = &d.continues {
                    { button("continue-capture", "", t(Ui::ContinueInLab), {
                        let (take_over, scenario, names) = (take_over.clone(), scenario.clone(), d.names.clone());
                        Callback::from(move |_: MouseEvent| take_over.emit((scenario.clone(), names.clone())))
                    }) }
                } else {
                    <p class="hint">{ t(Ui::CannotContinue) }</p>
                }
            </div>
            if d.left_out > 0 {
                <p class="hint">{ fill(t(Ui::CaptureLeftOut), &[&MAX_DRAWN.to_string(), &d.left_out.to_string()]) }</p>
            }
            if !d.doubts.is_empty() {
                <h3>{ t(Ui::CaptureCannotShow) }</h3>
                <ul class="import-doubts">{ for d.doubts.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
            }
        </>
    }
}

/// Listens on the page for a file dragged in and dropped; the teardown stops listening.
fn listen_for_drops(take: Rc<dyn Fn(File)>) -> super::effect::Teardown {
    let window = web_sys::window()?;
    // A drag that carries files may drop here (without this the browser would open the file).
    let over = Closure::<dyn FnMut(DragEvent)>::new(|e: DragEvent| {
        if e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0)) {
            e.prevent_default();
        }
    });
    let drop = Closure::<dyn FnMut(DragEvent)>::new(move |e: DragEvent| {
        let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) else { return };
        e.prevent_default();
        take(file);
    });
    let _ = window.add_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
    Some(Box::new(move || {
        let _ = window.remove_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
        let _ = window.remove_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
    }))
}
