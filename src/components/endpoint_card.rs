//! One host's card: its state in large type, the sequence variables, the buffers, the running
//! timers with countdowns, the application's last call, and the calls it can make.

use super::flash::flash_note;
use super::widgets::{cls, host_class, state_class, timer_class, when, Dispatch};
use crate::address::embed::{Embedding, Tool};
use crate::store::{Flash, Msg, Place, NAME_CHARS};
use crate::view::host::HostView;
use crate::view::Part;
use finwait_core::action::Limited;
use finwait_core::{limits, Action, CallKind, Time};
use finwait_messages::{call_error, state, time, timer, ui, Lang, Ui};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Part<HostView>,
    pub name: AttrValue,
    /// A message about something done from this card.
    pub flash: Option<Flash>,
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// What the instructor left the student (in an embedded lab).
    pub embedding: Rc<Embedding>,
}

/// What the card itself keeps.
#[derive(Clone, PartialEq)]
struct CardState {
    send_bytes: String,
    open: bool,
}

/// Each call's button label.
fn call_label(kind: CallKind) -> Ui {
    match kind {
        CallKind::Connect => Ui::CallConnect,
        CallKind::Listen => Ui::CallListen,
        CallKind::Send => Ui::CallSend,
        CallKind::Read => Ui::CallRead,
        CallKind::Shutdown => Ui::CallShutdown,
        CallKind::Close => Ui::CallClose,
        CallKind::Abort => Ui::CallAbort,
    }
}

#[function_component(EndpointCard)]
pub fn endpoint_card(props: &Props) -> Html {
    let Props { view: v, name, flash, lang, dispatch, embedding } = props;
    let lang = *lang;
    let t = |key| ui(lang, key);
    let host = v.host;
    let tcb = &v.tcb;
    // The bytes to send as typed, and (on a narrow screen, where the card is one line until it
    // is opened) whether it is open: one state, as each `use_state` of its own type adds yew's
    // state machinery to the bundle again.
    let kept = use_state(|| CardState { send_bytes: "100".to_string(), open: false });
    let place = Place::Card(host);

    let buttons = v.calls.iter().map(|&(kind, refusal)| {
        let onclick = {
            let dispatch = dispatch.clone();
            let kept = kept.clone();
            Callback::from(move |_: MouseEvent| {
                let msg = match (kind, Limited::SendBytes.parse(&kept.send_bytes)) {
                    (CallKind::Send, Err(e)) => Msg::Refuse(place, e),
                    (_, bytes) => Msg::Act(place, Action::of_call(host, kind, bytes.unwrap_or(0) as usize)),
                };
                dispatch.emit(msg);
            })
        };
        let class = if refusal.is_some() { "call fails" } else { "call" };
        let title = refusal.map(|e| format!("{}: {}", t(Ui::WillFail), call_error(lang, e))).unwrap_or_default();
        html! {
            <button class={class} {onclick} title={title} data-call={kind.name()}>{ t(call_label(kind)) }</button>
        }
    });

    let on_bytes = {
        let kept = kept.clone();
        Callback::from(move |e: InputEvent| {
            let send_bytes = e.target_unchecked_into::<HtmlInputElement>().value();
            kept.set(CardState { send_bytes, open: kept.open });
        })
    };
    let on_name = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.emit(Msg::Rename(host, e.target_unchecked_into::<HtmlInputElement>().value()));
        })
    };
    let on_name_done = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(Msg::NameDone(host)))
    };

    let timers = v.timers.iter().map(|&(kind, left)| {
        let fire = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Act(place, Action::FireTimer { host, timer: kind })))
        };
        html! {
            <li class={timer_class(kind)}>
                <span class="timer-name">{ timer(lang, kind) }</span>
                <span class="timer-left">{ time(lang, Time(left.ms())) }{ " " }{ t(Ui::Left) }</span>
                if embedding.allows(Tool::Timers) {
                    <button class="small" onclick={fire} title={t(Ui::FireNowTitle)}>{ t(Ui::FireNow) }</button>
                }
            </li>
        }
    });

    let last = v.last_call.as_ref().map(|c| {
        let class = if c.failed { "error" } else { "ok" };
        html! { <p class={cls(&["last-call", class])} role="status"><code>{ &c.call }</code>{ " → " }{ &c.result }</p> }
    });

    let (own, peer) = (tcb.state.knows_own_sequence(), tcb.state.knows_peer_sequence());
    let variables = [("SND.UNA", tcb.snd_una, own), ("SND.NXT", tcb.snd_nxt, own), ("RCV.NXT", tcb.rcv_nxt, peer)];
    let toggle = {
        let kept = kept.clone();
        Callback::from(move |_: MouseEvent| kept.set(CardState { open: !kept.open, ..(*kept).clone() }))
    };
    let details_id = format!("details-{host}");
    html! {
        <section class={cls(&["card", host_class(host), when(kept.open, "open")])} aria-label={format!("{} {}", t(Ui::Host), host)} id={format!("card-{host}")}>
            <header>
                <span class="badge">{ host.to_string() }</span>
                <input class="name" value={name.clone()} oninput={on_name} onchange={on_name_done} maxlength={NAME_CHARS.to_string()}
                    aria-label={format!("{} {host}", t(Ui::NameOfHost))} />
                <button class="small expand" onclick={toggle} aria-expanded={kept.open.to_string()} aria-controls={details_id.clone()}
                    title={t(Ui::HostDetails)} aria-label={format!("{} {host}", t(Ui::HostDetails))}>{ if kept.open { "▴" } else { "▾" } }</button>
            </header>
            <div class="status">
                <p class={cls(&["state", state_class(tcb.state)])} data-state={tcb.state.name()} elementtiming={format!("state-{host}")}>{ tcb.state.name() }</p>
                if !v.timers.is_empty() {
                    <ul class="timers">{ for timers }</ul>
                }
            </div>
            <div class="details" id={details_id}>
                <p class="meaning">{ state(lang, tcb.state) }</p>
                <dl class="vars">
                    { for variables.iter().map(|(k, v, known)| html! { <><dt>{ *k }</dt><dd>{ if *known { v.to_string() } else { "—".into() } }</dd></> }) }
                </dl>
                <dl class="buffers">
                    <dt>{ t(Ui::Unsent) }</dt><dd>{ format!("{} B", tcb.unsent) }</dd>
                    <dt>{ t(Ui::Unacked) }</dt><dd>{ format!("{} B", tcb.unacked) }</dd>
                    <dt>{ t(Ui::Unread) }</dt><dd>{ format!("{} B", tcb.unread) }</dd>
                    if tcb.held_out_of_order > 0 {
                        <dt>{ t(Ui::HeldOutOfOrder) }</dt><dd>{ tcb.held_out_of_order }</dd>
                    }
                </dl>
                if v.timers.is_empty() {
                    <p class="none">{ t(Ui::NoTimers) }</p>
                }
            </div>
            { for last }
            if embedding.allows(Tool::Calls) {
                <div class="calls" role="group" aria-label={format!("{} {host}", t(Ui::Application))}>
                    { for buttons }
                    <label class="bytes">
                        <input type="number" min={limits::SEND_BYTES.min.to_string()} max={limits::SEND_BYTES.max.to_string()}
                            value={kept.send_bytes.clone()} oninput={on_bytes} aria-label={t(Ui::BytesToSend)} />
                        { " B" }
                    </label>
                </div>
            }
            { flash_note(flash.as_ref(), lang, dispatch) }
        </section>
    }
}
