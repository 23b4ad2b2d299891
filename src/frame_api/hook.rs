//! The app's side of the frame API: posts what happens to the framing page and carries out its
//! commands. Does nothing outside a frame.

use super::protocol::{self, Command, Refusal, Request};
use super::{post, target_origin};
use crate::address::opening::Opening;
use crate::address::{address_with, codec};
use crate::components::effect::use_effect_on;
use crate::store::{Lab, Msg};
use finwait_core::presets::PRESETS;
use finwait_core::{State, Time};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the page was last told: which scenario load, where the cursor was, the hosts' states.
#[derive(Clone, Copy, PartialEq)]
struct Told {
    loaded: u64,
    cursor: Time,
    states: [State; 2],
}

fn states(lab: &Lab) -> [State; 2] {
    [0, 1].map(|i| lab.frame.hosts[i].tcb.state)
}

#[hook]
pub fn use_frame_api(lab: &UseReducerHandle<Lab>) {
    let origin = use_memo((), {
        let named = lab.embedding.origin.clone();
        move |_| target_origin(named.as_deref())
    });
    // The newest lab, for commands that read it (`getState`).
    let latest = use_mut_ref(|| lab.clone());
    *latest.borrow_mut() = lab.clone();
    let told = use_mut_ref(|| None::<Told>);

    // Events out: `ready` once, then what each change crossed.
    {
        let origin = origin.clone();
        let lab = lab.clone();
        use_effect_on(
            lab.version,
            Box::new(move || {
                if let Some(origin) = origin.as_ref() {
                    tell(origin, &lab, &mut told.borrow_mut());
                }
                None
            }),
        );
    }

    // Commands in, and the content's height out.
    {
        let origin = origin.clone();
        let accepts = lab.embedding.origin.clone();
        let dispatcher = lab.dispatcher();
        use_effect_on(
            0,
            Box::new(move || {
                // Outside a frame there is no page to hear or obey.
                let reply_to = origin.as_ref().clone()?;
                let window = web_sys::window()?;
                let listener = {
                    let reply_to = reply_to.clone();
                    Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                        take_command(&e, accepts.as_deref(), &reply_to, &latest, &dispatcher);
                    })
                };
                let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
                let resizer = watch_height(reply_to);
                Some(Box::new(move || {
                    let _ = window.remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
                    drop(resizer);
                }))
            }),
        );
    }
}

/// Tells the page what changed since it was last told.
fn tell(origin: &str, lab: &Lab, told: &mut Option<Told>) {
    let now = Told { loaded: lab.loaded, cursor: lab.cursor, states: states(lab) };
    let user = !lab.by_page;
    let Some(before) = *told else {
        let scenario = lab.preset.and_then(|i| PRESETS.get(i)).map_or("", |p| p.name);
        post(origin, &protocol::ready(scenario, lab.frame.about.profile.name(), now.states, now.cursor));
        *told = Some(now);
        return;
    };
    if before == now {
        return;
    }
    let mut reached = before.states;
    if before.loaded == now.loaded && now.cursor > before.cursor {
        for m in lab.with_trace(|t| protocol::crossed(t, before.cursor, now.cursor, user, lab.lang)) {
            if m.text("type") == "stateChanged" {
                let host = usize::from(m.text("host") == "B");
                if let Some(to) = State::from_name(m.text("to")) {
                    reached[host] = to;
                }
            }
            post(origin, &m);
        }
    }
    // A jump (back in time, another scenario, an undo): the states as they now are.
    for host in finwait_core::Host::ALL {
        let i = host.index();
        if reached[i] != now.states[i] {
            post(origin, &protocol::state_changed(*host, reached[i], now.states[i], None, now.cursor, user, lab.lang));
        }
    }
    *told = Some(now);
}

/// Carries out a command from the framing page, if it came from the page and the origin the
/// embed names; anything else addressed to finwait is ignored and logged.
fn take_command(
    e: &web_sys::MessageEvent,
    accepts: Option<&str>,
    reply_to: &str,
    latest: &Rc<RefCell<UseReducerHandle<Lab>>>,
    dispatcher: &UseReducerDispatcher<Lab>,
) {
    let text = js_sys::JSON::stringify(&e.data()).ok().and_then(|s| s.as_string()).unwrap_or_default();
    let request = match Request::read(&text) {
        Err(Refusal::NotForUs) => return,
        other => other,
    };
    // A window of another origin is not an instance of this realm's `Window`: compare the
    // objects themselves.
    let parent = web_sys::window().and_then(|w| w.parent().ok().flatten()).map(wasm_bindgen::JsValue::from);
    let from_parent = parent.is_some_and(|p| e.source().is_some_and(|s| wasm_bindgen::JsValue::from(s) == p));
    if accepts != Some(e.origin().as_str()) || !from_parent {
        web_sys::console::warn_1(
            &format!(
                "finwait: ignored a command from {}: this lab takes commands only from {}",
                e.origin(),
                accepts.unwrap_or("the origin named by origin= in its address (none was named)")
            )
            .into(),
        );
        return;
    }
    let request = match request {
        Ok(r) => r,
        Err(Refusal::Bad { id, command, why }) => return post(reply_to, &protocol::error(&id, &command, &why)),
        Err(Refusal::NotForUs) => return,
    };
    let Request { id, kind, command } = request;
    let name = kind.name();
    let send = |m: Msg| dispatcher.dispatch(Msg::Parent(Box::new(m)));
    match command {
        Command::GetState => {
            let opening = latest.borrow().opening();
            let (reply_to, id) = (reply_to.to_string(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let state = codec::to_text(&opening.to_shared(true)).await;
                let location = web_sys::window().map(|w| w.location());
                let read = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
                    location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
                };
                let url = format!(
                    "{}{}",
                    read(web_sys::Location::pathname),
                    address_with(&read(web_sys::Location::search), &read(web_sys::Location::hash), &state)
                );
                post(&reply_to, &protocol::state_reply(&id, &state, &url));
            });
            return;
        }
        Command::SetState { state } => {
            let (reply_to, dispatcher) = (reply_to.to_string(), dispatcher.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let lang = finwait_messages::Lang::default();
                match codec::from_text(&state).await.and_then(Opening::from_shared) {
                    Ok(o) => {
                        dispatcher.dispatch(Msg::Parent(Box::new(Msg::Open(Box::new(o)))));
                        post(&reply_to, &protocol::done(&id, name));
                    }
                    Err(e) => post(&reply_to, &protocol::error(&id, name, &finwait_messages::link_error(lang, &e))),
                }
            });
            return;
        }
        Command::LoadScenario { scenario } => send(Msg::Open(Box::new(Opening::fresh(*scenario, None)))),
        Command::Reset => send(Msg::Restart),
        Command::Play => send(Msg::Play),
        Command::Pause => send(Msg::Pause),
        Command::Step => send(Msg::Step),
        Command::Seek { at } => send(Msg::SetCursor(at)),
        Command::SetLang { lang } => send(Msg::SetLang(lang)),
    }
    post(reply_to, &protocol::done(&id, name));
}

/// Tells the page the content's height whenever it changes (and Canvas, in its own words).
fn watch_height(origin: String) -> Option<(web_sys::ResizeObserver, Closure<dyn Fn()>)> {
    let root = web_sys::window()?.document()?.document_element()?;
    let last = Rc::new(RefCell::new(0u64));
    let measure = {
        let root = root.clone();
        Closure::<dyn Fn()>::new(move || {
            let height = root.scroll_height().max(0) as u64;
            if *last.borrow() != height {
                *last.borrow_mut() = height;
                post(&origin, &protocol::resize(height));
                post(&origin, &protocol::canvas_resize(height));
            }
        })
    };
    let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some((observer, measure))
}
