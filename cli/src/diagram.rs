//! `--format text`: the trace as a sequence diagram for a terminal. Time runs down; A's
//! lifeline is on the left, B's on the right; each segment is an arrow drawn when it is sent,
//! and the column on the right says why.

use finwait_core::app::{AppCall, CallOutcome, TimerChange, TimerKind};
use finwait_core::network::{Fault, FaultRule, LossCause};
use finwait_core::scenario::Run;
use finwait_core::trace::{Fate, Origin};
use finwait_core::{EventKind, Host, ProfileKind, Scenario, Segment, SegmentId};
use finwait_messages::{self as msg, Lang};
use std::collections::HashMap;
use std::fmt::Write;

/// Characters between the two lifelines.
const LANE: usize = 58;
const L: Lang = Lang::En;

enum Row {
    /// Text beside one host's lifeline.
    Host(Host, String),
    /// An arrow across the lane; `lost` ends it half-way with ✕.
    Arrow { from: Host, label: String, lost: bool },
    /// Text in the middle of the lane (the network).
    Network(String),
}

pub fn render(scenario: &Scenario, run: &Run) -> String {
    let mut out = String::new();
    let title = if scenario.title.is_empty() { scenario.name.clone() } else { scenario.title.clone() };
    let tag = if scenario.conformance.is_empty() { String::new() } else { format!("{} ", scenario.conformance) };
    let _ = writeln!(out, "finwait — {tag}{title}");
    let profile = match scenario.profile {
        ProfileKind::Rfc9293 => "RFC 9293",
        ProfileKind::Linux => "Linux",
    };
    let net = run.sim.network();
    let _ = writeln!(
        out,
        "profile {profile} · latency A→B {} ms, B→A {} ms\n",
        net.latency(Host::A).ms(),
        net.latency(Host::B).ms()
    );
    let _ = writeln!(out, "{:>9}  A{}B", "time", " ".repeat(LANE));

    // Segments lost the moment they were sent (a rule dropped them) are drawn ending in ✕.
    let fates: HashMap<SegmentId, (Fate, u64)> =
        run.trace.segments().into_iter().map(|r| (r.id, (r.fate, r.sent_at.ms()))).collect();
    let mut last_time = None;
    for e in &run.trace.events {
        let Some((row, note)) = describe(&e.kind, e.at.ms(), &fates) else { continue };
        let time = if last_time == Some(e.at) { String::new() } else { format!("{} ms", e.at.ms()) };
        last_time = Some(e.at);
        let _ = writeln!(out, "{time:>9}  {}{}", draw(&row), note.map(|n| format!("  {n}")).unwrap_or_default());
    }
    let a = run.sim.host(Host::A).state();
    let b = run.sim.host(Host::B).state();
    let _ = writeln!(out, "\nat {} ms: A is {a}, B is {b}", run.sim.now().ms());
    if run.cut_short {
        let _ = writeln!(out, "(stopped after {} events: the hosts are caught in a loop)", run.trace.len());
    } else if !run.quiet {
        let _ = writeln!(out, "(stopped here with events still pending)");
    }
    out
}

fn draw(row: &Row) -> String {
    match row {
        Row::Host(Host::A, text) => format!("│ {:<w$}│", clip(text, LANE - 1), w = LANE - 1),
        Row::Host(Host::B, text) => format!("│{:>w$} │", clip(text, LANE - 1), w = LANE - 1),
        Row::Network(text) => format!("│{:^w$}│", clip(text, LANE), w = LANE),
        Row::Arrow { from, label, lost } => {
            let label = clip(label, LANE - 8);
            let body = format!(" {label} ");
            let dashes = LANE - 1 - body.chars().count();
            if *lost {
                let half = LANE / 2;
                let line = format!("─{body}");
                let pad = half.saturating_sub(line.chars().count());
                let drawn = format!("{line}{}✕", "─".repeat(pad));
                let rest = LANE - drawn.chars().count();
                match from {
                    Host::A => format!("│{drawn}{}│", " ".repeat(rest)),
                    Host::B => format!("│{}{}│", " ".repeat(rest), mirror_lost(&drawn)),
                }
            } else {
                match from {
                    Host::A => format!("│─{body}{}▶│", "─".repeat(dashes.saturating_sub(1))),
                    Host::B => format!("│◀{}{body}─│", "─".repeat(dashes.saturating_sub(1))),
                }
            }
        }
    }
}

/// B's lost arrow: ✕ first, then the line, ending at B.
fn mirror_lost(drawn: &str) -> String {
    let inner: String = drawn.trim_end_matches('✕').to_string();
    format!("✕{}", inner.chars().rev().collect::<String>().chars().rev().collect::<String>())
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        text.chars().take(width.saturating_sub(1)).collect::<String>() + "…"
    }
}

fn seg_label(id: SegmentId, s: &Segment) -> String {
    format!("{id} {s}")
}

/// One row for an event, and the note beside it; `None` for events the diagram leaves out.
fn describe(kind: &EventKind, at: u64, fates: &HashMap<SegmentId, (Fate, u64)>) -> Option<(Row, Option<String>)> {
    Some(match kind {
        EventKind::Start { host, state } => {
            (Row::Host(*host, state.to_string()), Some(msg::state(L, *state).to_string()))
        }
        EventKind::Call { host, call, result } => {
            let result = match result {
                Ok(CallOutcome::Done) => "ok".to_string(),
                Ok(CallOutcome::Queued { bytes }) => format!("{bytes} bytes queued"),
                Ok(CallOutcome::Read { data, eof }) => match (data.len(), eof) {
                    (0, true) => "end-of-file".to_string(),
                    (n, true) => format!("{n} bytes, then end-of-file"),
                    (0, false) => "nothing to read yet".to_string(),
                    (n, false) => format!("{n} bytes"),
                },
                Err(e) => format!("error: {}", msg::call_error(L, *e)),
            };
            (Row::Host(*host, format!("{} → {result}", call_text(call))), None)
        }
        EventKind::State { host, from, to, reason } => {
            (Row::Host(*host, format!("{from} → {to}")), Some(msg::cited_reason(L, *reason)))
        }
        EventKind::Segment { id, from, segment, origin, arrives, incarnation: _ } => {
            let lost_at_send = matches!(fates.get(id), Some((Fate::Lost { at: lost, cause: LossCause::DroppedByRule }, sent)) if lost.ms() == *sent);
            let label = match origin {
                Origin::Copy { of } => format!("{} (copy of {of})", seg_label(*id, segment)),
                Origin::Injected => format!("{} (injected)", seg_label(*id, segment)),
                Origin::Sent { .. } => seg_label(*id, segment),
            };
            let when = if lost_at_send {
                "dropped by a rule".to_string()
            } else {
                match arrives {
                    Some(t) => format!("arrives at {} ms", t.ms()),
                    None => "held in the network".to_string(),
                }
            };
            let note = match origin {
                Origin::Sent { reason } => format!("{when} · {}", msg::cited_reason(L, *reason)),
                _ => when,
            };
            (Row::Arrow { from: *from, label, lost: lost_at_send }, Some(note))
        }
        EventKind::RuleApplied { .. } => return None,
        EventKind::Arrived { id, to, stale } => {
            let text = if *stale { format!("{id} arrives (an old duplicate!)") } else { format!("{id} arrives") };
            (Row::Host(*to, text), None)
        }
        EventKind::Lost { id, cause } => {
            if matches!(fates.get(id), Some((_, sent)) if *sent == at) && *cause == LossCause::DroppedByRule {
                return None; // drawn on the arrow
            }
            (Row::Network(format!("✕ {id} {}", msg::loss(L, *cause))), None)
        }
        EventKind::Rescheduled { id, arrives } => {
            let text = match arrives {
                Some(t) => format!("{id} now arrives at {} ms", t.ms()),
                None => format!("{id} held"),
            };
            (Row::Network(text), None)
        }
        EventKind::Verdict { host, id, reason } => {
            let what = id.map(|i| format!("{i} not taken")).unwrap_or_else(|| "segment not taken".into());
            (Row::Host(*host, what), Some(msg::cited_reason(L, *reason)))
        }
        EventKind::Delivered { host, data, stale } => {
            let text = if *stale {
                format!("{} OLD bytes delivered: {:?}", data.len(), preview(data))
            } else {
                format!("{} bytes delivered", data.len())
            };
            (Row::Host(*host, text), None)
        }
        EventKind::Notice { host, notice } => {
            (Row::Host(*host, format!("app told: {}", msg::notice(L, *notice))), None)
        }
        EventKind::Timer { host, timer, change } => {
            let name = msg::timer(L, *timer);
            let text = match change {
                TimerChange::Started { after } if *timer != TimerKind::Retransmission => {
                    format!("{name} timer: {} ms", after.ms())
                }
                TimerChange::Restarted { after } if *timer != TimerKind::Retransmission => {
                    format!("{name} timer restarted: {} ms", after.ms())
                }
                TimerChange::Fired => format!("{name} timer fired"),
                _ => return None,
            };
            (Row::Host(*host, text), None)
        }
        EventKind::RuleAdded { rule } => (Row::Network(format!("rule: {}", rule_text(rule))), None),
        EventKind::RulesCleared => (Row::Network("rules cleared".into()), None),
        EventKind::Latency { from, latency } => {
            (Row::Network(format!("latency from {from}: {} ms", latency.ms())), None)
        }
    })
}

fn call_text(call: &AppCall) -> String {
    match call {
        AppCall::Send { data } => format!("send({} bytes)", data.len()),
        AppCall::Read { max: Some(n) } => format!("read({n})"),
        AppCall::Connect { isn: Some(isn) } => format!("connect(isn {isn})"),
        AppCall::Listen { isn: Some(isn) } => format!("listen(isn {isn})"),
        other => format!("{}()", other.name()),
    }
}

fn rule_text(rule: &FaultRule) -> String {
    let what = match rule.fault {
        Fault::Drop => "drop".to_string(),
        Fault::Delay { by_ms } => format!("delay by {by_ms} ms"),
        Fault::Duplicate => "duplicate".to_string(),
        Fault::Hold => "hold".to_string(),
    };
    let count =
        rule.count.map_or("every".to_string(), |n| if n == 1 { "the next".into() } else { format!("the next {n}") });
    let from = rule.from.map_or(String::new(), |h| format!(" from {h}"));
    format!("{what} {count} {:?} segment(s){from}", rule.kind).to_lowercase()
}

fn preview(data: &[u8]) -> String {
    let text = String::from_utf8_lossy(data);
    clip(&text, 24)
}
