//! One host's card: its state in large type, the sequence variables, the buffers, the running
//! timers with countdowns, the application's last call, and the calls it can make.

use super::app::use_view;
use super::header::format_time;
use super::widgets::cls;
use crate::store::Msg;
use crate::text::{t, Ui};
use finwait_core::trace::EventKind;
use finwait_core::{Action, AppCall, CallOutcome, Host, State, TimerKind};
use finwait_messages::{self as msg};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub host: Host,
}

/// The calls the card offers, in the order shown.
const CALLS: [(&str, Ui); 7] = [
    ("connect", Ui::CallConnect),
    ("listen", Ui::CallListen),
    ("send", Ui::CallSend),
    ("read", Ui::CallRead),
    ("shutdown", Ui::CallShutdown),
    ("close", Ui::CallClose),
    ("abort", Ui::CallAbort),
];

#[function_component(EndpointCard)]
pub fn endpoint_card(props: &Props) -> Html {
    let view = use_view();
    let lab = &view.lab;
    let lang = lab.lang;
    let host = props.host;
    let endpoint = view.sim.host(host);
    let snap = endpoint.snapshot();
    let state = snap.state;
    let send_bytes = use_state(|| "100".to_string());

    // The application's latest call up to the cursor, and how it went.
    let last_call = {
        let session = lab.session.borrow();
        let n = session.events_until(lab.cursor);
        session.trace().events[..n].iter().rev().find_map(|e| match &e.kind {
            EventKind::Call { host: h, call, result } if *h == host => Some((call.clone(), result.clone())),
            _ => None,
        })
    };

    let action_for = |name: &str, bytes: usize| -> Action {
        match name {
            "connect" => Action::Connect { host, isn: None },
            "listen" => Action::Listen { host, isn: None },
            "send" => Action::Send { host, text: None, bytes: Some(bytes) },
            "read" => Action::Read { host, max: None },
            "shutdown" => Action::Shutdown { host },
            "close" => Action::Close { host },
            _ => Action::Abort { host },
        }
    };
    // Ask the core which calls would succeed now: try each on a copy of the endpoint.
    let would_fail = |name: &str| -> Option<&'static str> {
        let call = match name {
            "connect" => AppCall::Connect { isn: None },
            "listen" => AppCall::Listen { isn: None },
            "send" => AppCall::Send { data: vec![0] },
            "read" => AppCall::Read { max: None },
            "shutdown" => AppCall::Shutdown,
            "close" => AppCall::Close,
            _ => AppCall::Abort,
        };
        endpoint.clone().call(view.sim.now(), &call, &mut Vec::new()).err().map(|e| msg::call_error(lang, e))
    };

    let buttons = CALLS.iter().map(|(name, label)| {
        let failure = would_fail(name);
        let onclick = {
            let lab = lab.clone();
            let name = name.to_string();
            let send_bytes = send_bytes.clone();
            let action_for = action_for(&name, 0);
            Callback::from(move |_: MouseEvent| {
                if name == "send" {
                    match send_bytes.trim().parse::<usize>() {
                        Ok(n) if (1..=1_000_000).contains(&n) => {
                            lab.dispatch(Msg::Act(Action::Send { host, text: None, bytes: Some(n) }))
                        }
                        _ => lab.dispatch(Msg::Refuse(Ui::ErrSendBytes)),
                    }
                } else {
                    lab.dispatch(Msg::Act(action_for.clone()));
                }
            })
        };
        let class = if failure.is_some() { "call fails" } else { "call" };
        let title = failure.map(|f| format!("{}: {f}", t(lang, Ui::WillFail))).unwrap_or_default();
        html! {
            <button class={class} {onclick} title={title} data-call={name.to_string()}>{ t(lang, *label) }</button>
        }
    });

    let on_bytes = {
        let send_bytes = send_bytes.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            send_bytes.set(input.value());
        })
    };
    let on_name = {
        let lab = lab.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let name: String = input.value().chars().take(24).collect();
            lab.dispatch(Msg::Rename(host, name));
        })
    };
    let on_name_done = {
        let lab = lab.clone();
        Callback::from(move |_: Event| lab.dispatch(Msg::NameDone(host)))
    };

    let timers = snap.timers.iter().map(|(kind, deadline)| {
        let left = deadline.ms().saturating_sub(lab.cursor.ms());
        let fire = {
            let lab = lab.clone();
            let timer = *kind;
            Callback::from(move |_: MouseEvent| lab.dispatch(Msg::Act(Action::FireTimer { host, timer })))
        };
        html! {
            <li class={timer_class(*kind)}>
                <span class="timer-name">{ msg::timer(lang, *kind) }</span>
                <span class="timer-left">{ format_time(finwait_core::Time(left)) }{ " " }{ t(lang, Ui::Left) }</span>
                <button class="small" onclick={fire} title={t(lang, Ui::FireNowTitle)}>{ t(lang, Ui::FireNow) }</button>
            </li>
        }
    });

    let last = last_call.map(|(call, result)| {
        let (class, text) = match result {
            Ok(CallOutcome::Done) => ("ok", t(lang, Ui::ResultOk).to_string()),
            Ok(CallOutcome::Queued { bytes }) => ("ok", format!("{bytes} {}", t(lang, Ui::BytesQueued))),
            Ok(CallOutcome::Read { data, eof }) => {
                let mut s = format!("{} {}", data.len(), t(lang, Ui::BytesRead));
                if eof {
                    s += &format!(" · {}", t(lang, Ui::EndOfFile));
                }
                ("ok", s)
            }
            Err(e) => ("error", msg::call_error(lang, e).to_string()),
        };
        html! { <p class={cls(&["last-call", class])} role="status"><code>{ format!("{}()", call.name()) }</code>{ " → " }{ text }</p> }
    });

    let (own, peer) = (state.knows_own_sequence(), state.knows_peer_sequence());
    let variables = [("SND.UNA", snap.snd_una, own), ("SND.NXT", snap.snd_nxt, own), ("RCV.NXT", snap.rcv_nxt, peer)];
    html! {
        <section class={cls(&["card", host_class(host)])} aria-label={format!("{} {}", t(lang, Ui::Host), host)} id={format!("card-{host}")}>
            <header>
                <span class="badge">{ host.to_string() }</span>
                <input class="name" value={lab.names[host.index()].clone()} oninput={on_name} onchange={on_name_done} maxlength="24"
                    aria-label={format!("{} {host}", t(lang, Ui::NameOfHost))} />
            </header>
            <p class={cls(&["state", state_class(state)])} data-state={state.name()} elementtiming={format!("state-{host}")}>{ state.name() }</p>
            <p class="meaning">{ msg::state(lang, state) }</p>
            <dl class="vars">
                { for variables.iter().map(|(k, v, known)| html! { <><dt>{ *k }</dt><dd>{ if *known { v.to_string() } else { "—".into() } }</dd></> }) }
            </dl>
            <dl class="buffers">
                <dt>{ t(lang, Ui::Unsent) }</dt><dd>{ format!("{} B", snap.unsent) }</dd>
                <dt>{ t(lang, Ui::Unacked) }</dt><dd>{ format!("{} B", snap.unacked) }</dd>
                <dt>{ t(lang, Ui::Unread) }</dt><dd>{ format!("{} B", snap.unread) }</dd>
                if snap.held_out_of_order > 0 {
                    <dt>{ t(lang, Ui::HeldOutOfOrder) }</dt><dd>{ snap.held_out_of_order }</dd>
                }
            </dl>
            <h3>{ t(lang, Ui::Timers) }</h3>
            if snap.timers.is_empty() {
                <p class="none">{ t(lang, Ui::NoTimers) }</p>
            } else {
                <ul class="timers">{ for timers }</ul>
            }
            { for last }
            <h3>{ t(lang, Ui::Application) }</h3>
            <div class="calls">
                { for buttons }
                <label class="bytes">
                    <input type="number" min="1" max="1000000" value={(*send_bytes).clone()} oninput={on_bytes}
                        aria-label={t(lang, Ui::BytesToSend)} />
                    { " B" }
                </label>
            </div>
        </section>
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

fn timer_class(kind: TimerKind) -> &'static str {
    match kind {
        TimerKind::Retransmission => "timer rto",
        TimerKind::TimeWait => "timer tw",
        TimerKind::FinWait2 => "timer fw2",
        TimerKind::DelayedAck => "timer dack",
        TimerKind::Persist => "timer persist",
    }
}
