//! The event log: everything that happened up to the cursor, in order, each with the rule
//! behind it in a plain sentence ("RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2 …").

use super::app::use_view;
use super::endpoint_card::host_class;
use super::header::format_time;
use super::network_tools::{describe_fault, describe_rule};
use super::widgets::cls;
use crate::store::Msg;
use crate::text::{fill, t, Lang, Ui};
use finwait_core::app::TimerChange;
use finwait_core::trace::{EventKind, Origin};
use finwait_core::{CallOutcome, Event, Host};
use finwait_messages as msg;
use yew::prelude::*;

/// Rows drawn at first; older ones are summarised (long runs stay fast) and can be shown
/// this many more at a time.
const MAX_ROWS: usize = 120;

#[function_component(EventLog)]
pub fn event_log() -> Html {
    let view = use_view();
    let lab = &view.lab;
    let lang = lab.lang;
    let show_timers = use_state(|| false);
    let limit = use_state(|| MAX_ROWS);

    let latest = {
        let session = lab.session.borrow();
        let n = session.events_until(lab.cursor);
        session.trace().events[..n].iter().rev().find_map(|e| match &e.kind {
            EventKind::State { host, from, to, .. } => Some(format!("{host}: {from} → {to}")),
            _ => None,
        })
    };
    let rows: Vec<Html> = {
        let session = lab.session.borrow();
        let n = session.events_until(lab.cursor);
        let events = &session.trace().events[..n];
        // Only the newest rows are drawn, so only they are described: walk back from the cursor.
        let mut shown: Vec<(usize, &Event)> = Vec::with_capacity(MAX_ROWS);
        let mut skip = 0;
        for (i, e) in events.iter().enumerate().rev() {
            if shows(&e.kind, *show_timers) {
                if shown.len() < *limit {
                    shown.push((i, e));
                } else {
                    skip += 1;
                }
            }
        }
        shown.reverse();
        let mut rows = Vec::new();
        if skip > 0 {
            let more = {
                let limit = limit.clone();
                Callback::from(move |_: MouseEvent| limit.set(*limit + MAX_ROWS * 4))
            };
            rows.push(html! {
                <li key="more" class="more">
                    { fill(t(lang, Ui::EarlierEvents), &[&skip.to_string()]) }{ " " }
                    <button class="small" onclick={more}>{ t(lang, Ui::ShowEarlier) }</button>
                </li>
            });
        }
        rows.extend(shown.iter().map(|(i, e)| row(lang, *i, e, *show_timers, lab)));
        rows
    };
    let toggle = {
        let show_timers = show_timers.clone();
        Callback::from(move |_: yew::Event| show_timers.set(!*show_timers))
    };

    html! {
        <section class="panel event-log" aria-label={t(lang, Ui::EventLog)}>
            <h2>{ t(lang, Ui::EventLog) }</h2>
            <label class="toggle"><input type="checkbox" checked={*show_timers} onchange={toggle} />{ t(lang, Ui::ShowTimers) }</label>
            // The wrapper scrolls from the bottom (CSS column-reverse), so the newest row stays
            // in view without reading the layout from script.
            <div class="log-scroll"><ol class="log">{ for rows }</ol></div>
            // For screen readers, the latest change of state only — not every row of a log
            // that playback rebuilds many times a second.
            <p class="sr-only" aria-live="polite">{ latest }</p>
        </section>
    }
}

fn row(lang: Lang, index: usize, e: &Event, timers: bool, lab: &UseReducerHandle<crate::store::Lab>) -> Html {
    let Some((host, text, why)) = describe(lang, &e.kind, timers) else { return html! {} };
    let segment = match &e.kind {
        EventKind::Segment { id, .. } | EventKind::Arrived { id, .. } | EventKind::Lost { id, .. } => Some(*id),
        _ => None,
    };
    let at = e.at;
    let onclick = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| {
            lab.dispatch(Msg::SetCursor(at));
            if segment.is_some() {
                lab.dispatch(Msg::Select(segment));
            }
        })
    };
    html! {
        <li key={index}>
            <button class="log-row" {onclick}>
                <span class="when">{ format_time(e.at) }</span>
                { host.map(|h| html! { <span class={cls(&["badge", host_class(h)])}>{ h.to_string() }</span> }).unwrap_or_else(|| html! { <span class="badge net">{ "≈" }</span> }) }
                <span class="what">{ text }</span>
                if let Some(why) = why {
                    <span class="why">{ why }</span>
                }
            </button>
        </li>
    }
}

/// Whether the log shows an event (without describing it).
fn shows(kind: &EventKind, timers: bool) -> bool {
    match kind {
        EventKind::RuleApplied { .. } => true,
        EventKind::Timer { timer, change, .. } => timers || timer_is_notable(*timer, *change),
        _ => true,
    }
}

/// By default the log shows only timer events that teach something: every firing, and
/// TIME-WAIT / FIN-WAIT-2 starting; the retransmission and delayed-ACK timers change constantly.
fn timer_is_notable(timer: finwait_core::TimerKind, change: TimerChange) -> bool {
    let routine = matches!(timer, finwait_core::TimerKind::Retransmission | finwait_core::TimerKind::DelayedAck);
    matches!(change, TimerChange::Fired) || (!routine && !matches!(change, TimerChange::Stopped))
}

/// One event as (host, what happened, why); `None` for events the log leaves out.
fn describe(lang: Lang, kind: &EventKind, timers: bool) -> Option<(Option<Host>, String, Option<String>)> {
    Some(match kind {
        EventKind::Start { host, state } => (Some(*host), format!("{} {state}", t(lang, Ui::StartsIn)), None),
        EventKind::Call { host, call, result } => {
            let outcome = match result {
                Ok(CallOutcome::Done) => t(lang, Ui::ResultOk).to_string(),
                Ok(CallOutcome::Queued { bytes }) => format!("{bytes} {}", t(lang, Ui::BytesQueued)),
                Ok(CallOutcome::Read { data, eof }) => {
                    let eof = if *eof { format!(" · {}", t(lang, Ui::EndOfFile)) } else { String::new() };
                    format!("{} {}{eof}", data.len(), t(lang, Ui::BytesRead))
                }
                Err(e) => format!("{}: {}", t(lang, Ui::Error), msg::call_error(lang, *e)),
            };
            (Some(*host), format!("{}() → {outcome}", call.name()), None)
        }
        EventKind::State { host, from, to, reason } => {
            (Some(*host), format!("{from} → {to}"), Some(msg::cited_reason(lang, *reason)))
        }
        EventKind::Segment { id, from, segment, origin, arrives, .. } => {
            let when = match arrives {
                Some(t2) => format!("{} {}", t(lang, Ui::ArrivesAt), format_time(*t2)),
                None => t(lang, Ui::HeldInNetwork).to_string(),
            };
            let (verb, why) = match origin {
                Origin::Sent { reason } => (t(lang, Ui::Sends), Some(msg::cited_reason(lang, *reason))),
                Origin::Copy { of } => (t(lang, Ui::NetworkCopies), Some(format!("{} {of}", t(lang, Ui::CopyOf)))),
                Origin::Injected => (t(lang, Ui::Injected), None),
            };
            (Some(*from), format!("{verb} {id} {segment} ({when})"), why)
        }
        EventKind::RuleApplied { id, fault } => {
            (None, fill(t(lang, Ui::RuleApplied), &[&id.to_string(), &describe_fault(lang, *fault)]), None)
        }
        EventKind::Arrived { id, to, stale } => {
            let old = if *stale { format!(" — {}", t(lang, Ui::OldDuplicateArrives)) } else { String::new() };
            (Some(*to), format!("{id} {}{old}", t(lang, Ui::Arrives)), None)
        }
        EventKind::Lost { id, cause } => (None, format!("{id} {}", msg::loss(lang, *cause)), None),
        EventKind::Rescheduled { id, arrives } => match arrives {
            Some(t2) => (None, format!("{id}: {} {}", t(lang, Ui::ArrivesAt), format_time(*t2)), None),
            None => (None, format!("{id}: {}", t(lang, Ui::HeldInNetwork)), None),
        },
        EventKind::Verdict { host, id, reason } => {
            let what = id
                .map(|i| format!("{i} {}", t(lang, Ui::NotTaken)))
                .unwrap_or_else(|| t(lang, Ui::NotTaken).to_string());
            (Some(*host), what, Some(msg::cited_reason(lang, *reason)))
        }
        EventKind::Delivered { host, data, stale } => {
            let old = if *stale { format!(" — {}", t(lang, Ui::FromEarlierConnection)) } else { String::new() };
            (Some(*host), format!("{} {}{old}", data.len(), t(lang, Ui::BytesDelivered)), None)
        }
        EventKind::Notice { host, notice } => {
            (Some(*host), format!("{}: {}", t(lang, Ui::AppTold), msg::notice(lang, *notice)), None)
        }
        EventKind::Timer { host, timer, change } => {
            if !timers && !timer_is_notable(*timer, *change) {
                return None;
            }
            let what = match change {
                TimerChange::Started { after } => {
                    format!("{} {}", t(lang, Ui::TimerStarted), format_time(finwait_core::Time(after.ms())))
                }
                TimerChange::Restarted { after } => {
                    format!("{} {}", t(lang, Ui::TimerRestarted), format_time(finwait_core::Time(after.ms())))
                }
                TimerChange::Stopped => t(lang, Ui::TimerStopped).to_string(),
                TimerChange::Fired => t(lang, Ui::TimerFired).to_string(),
            };
            (Some(*host), format!("{}: {what}", msg::timer(lang, *timer)), None)
        }
        EventKind::RuleAdded { rule } => (None, fill(t(lang, Ui::RuleAdded), &[&describe_rule(lang, rule)]), None),
        EventKind::RulesCleared => (None, t(lang, Ui::ClearRules).to_string(), None),
        EventKind::Latency { from, latency } => {
            (None, format!("{} {from} → {}: {} ms", t(lang, Ui::Latency), from.peer(), latency.ms()), None)
        }
    })
}
