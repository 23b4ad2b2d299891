//! The caption beside the diagram: what happened at the cursor's instant, to whom, and the rule
//! behind it; and what happens next, and how long until then (the countdown of a long wait
//! such as TIME-WAIT). The event log keeps the whole story; this is the current step.

use crate::session::Session;
use finwait_core::simulation::Pending;
use finwait_core::trace::EventKind;
use finwait_core::{Event, Time};
use finwait_messages::events::{self, Line};
use finwait_messages::{fill, time, timer, ui, Lang, Ui};

/// Lines shown for one instant at most; the event log has the rest.
const MAX_LINES: usize = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caption {
    /// The instant described: the last one at or before the cursor where something happened.
    pub at: Time,
    pub lines: Vec<Line>,
    /// How many more events happened then (shown in the log).
    pub more: usize,
    /// What happens next, and when.
    pub next: String,
}

impl Caption {
    /// The caption at `cursor`, with `events` the trace up to it.
    pub fn of(session: &Session, events: &[Event], cursor: Time, lang: Lang) -> Caption {
        let at = events.last().map_or(Time::ZERO, |e| e.at);
        let first = events.partition_point(|e| e.at < at);
        let instant = &events[first..];
        let telling: Vec<&Event> = instant.iter().filter(|e| tells(&e.kind)).collect();
        let chosen: Vec<&Event> = if telling.is_empty() { instant.iter().collect() } else { telling };
        // Changes of state first: they are the lesson; then the rest in the order it happened.
        let (states, rest): (Vec<&Event>, Vec<&Event>) =
            chosen.into_iter().partition(|e| matches!(e.kind, EventKind::State { .. }));
        let ordered: Vec<&Event> = states.into_iter().chain(rest).collect();
        let mut lines: Vec<Line> = ordered.iter().take(MAX_LINES).map(|e| events::line(lang, &e.kind)).collect();
        // A segment sent by a change of state cites the same rule as the change: say it once.
        for i in 1..lines.len() {
            if lines[..i].iter().any(|l| l.why.is_some() && l.why == lines[i].why) {
                lines[i].why = None;
            }
        }
        let more = ordered.len().saturating_sub(MAX_LINES);
        Caption { at, lines, more, next: next(session, cursor, lang) }
    }
}

/// Whether an event is worth telling on its own: a change of state, a segment sent or lost, a
/// segment not taken, a failure, a call that failed.
fn tells(kind: &EventKind) -> bool {
    match kind {
        EventKind::State { .. }
        | EventKind::Segment { .. }
        | EventKind::Lost { .. }
        | EventKind::Verdict { .. }
        | EventKind::Notice { notice: finwait_core::Notice::Failed { .. }, .. }
        | EventKind::Call { result: Err(_), .. } => true,
        EventKind::Start { .. }
        | EventKind::Call { .. }
        | EventKind::RuleApplied { .. }
        | EventKind::Arrived { .. }
        | EventKind::Rescheduled { .. }
        | EventKind::Delivered { .. }
        | EventKind::Notice { .. }
        | EventKind::Timer { .. }
        | EventKind::RuleAdded { .. }
        | EventKind::RulesCleared
        | EventKind::Latency { .. } => false,
    }
}

/// "Next, in 850 ms (at 1 s): B's retransmission timer fires."
fn next(session: &Session, cursor: Time, lang: Lang) -> String {
    let Some(at) = session.next_event_after(cursor) else { return ui(lang, Ui::NothingNext).to_string() };
    let what = if at <= session.head_time() && cursor < session.head_time() {
        // Already computed: the first event that tells something at that instant.
        let trace = &session.trace().events;
        let from = trace.partition_point(|e| e.at < at);
        let then = trace[from..].iter().take_while(|e| e.at == at);
        let first = then.clone().find(|e| tells(&e.kind)).or_else(|| then.clone().next());
        first.map_or_else(
            || ui(lang, Ui::PlannedAction).to_string(),
            |e| {
                let line = events::line(lang, &e.kind);
                line.host.map_or(line.text.clone(), |h| format!("{h}: {}", line.text))
            },
        )
    } else {
        match session.head().next_event() {
            Some((t, Pending::Timer { host, timer: k })) if t == at => {
                fill(ui(lang, Ui::TimerFires), &[host.name(), timer(lang, k)])
            }
            Some((t, Pending::Segment { id, exit })) if t == at => {
                let to = session.head().network().get(id).map_or("", |f| f.from.peer().name());
                match exit {
                    finwait_core::network::Exit::Arrives => fill(ui(lang, Ui::SegmentReaches), &[&id.to_string(), to]),
                    finwait_core::network::Exit::Expires => fill(ui(lang, Ui::SegmentExpires), &[&id.to_string()]),
                }
            }
            _ => ui(lang, Ui::PlannedAction).to_string(),
        }
    };
    let wait = time(lang, Time(at.ms().saturating_sub(cursor.ms())));
    fill(ui(lang, Ui::NextIn), &[&wait, &time(lang, at), &what])
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::{presets, Host};

    fn caption(preset: &str, t: u64) -> Caption {
        caption_with_run_to(preset, t, t)
    }

    /// The caption at `t` when the run is computed up to `head`.
    fn caption_with_run_to(preset: &str, t: u64, head: u64) -> Caption {
        let mut s = Session::new(presets::find(preset).unwrap().scenario().unwrap());
        s.extend_to(Time(head));
        let events = &s.trace().events[..s.events_until(Time(t))];
        Caption::of(&s, events, Time(t), Lang::En)
    }

    #[test]
    fn the_caption_tells_the_change_and_its_rule_first() {
        let c = caption("active-close", 50);
        assert_eq!(c.at, Time(50));
        assert_eq!(c.lines[0].host, Some(Host::B));
        assert_eq!(c.lines[0].text, "ESTABLISHED → CLOSE-WAIT");
        assert!(c.lines[0].why.as_deref().unwrap().contains("FIN received in ESTABLISHED"));
        let ack = c.lines.iter().find(|l| l.text.starts_with("sends #2 ACK")).expect("B's ACK");
        assert_eq!(ack.why, None, "the same rule as the change of state, told once");
        // The run is computed up to the cursor: what comes next is what the simulation has due.
        assert_eq!(c.next, "Next, in 50 ms (at 100 ms): #2 reaches A");
    }

    /// Looking back, what comes next is read from the run already computed.
    #[test]
    fn in_the_past_the_next_step_comes_from_the_run() {
        let c = caption_with_run_to("active-close", 50, 1_000);
        assert_eq!(c.next, "Next, in 50 ms (at 100 ms): A: FIN-WAIT-1 → FIN-WAIT-2");
    }

    #[test]
    fn between_events_it_counts_down_to_the_next() {
        // A is in TIME-WAIT from 150 ms; B's last event is at 200 ms.
        let c = caption("active-close", 10_000);
        assert_eq!(c.at, Time(200));
        assert_eq!(c.next, "Next, in 3 min 50.15 s (at 4 min 0.15 s): A's TIME-WAIT timer fires");
        let end = caption("active-close", 300_000);
        assert_eq!(end.next, "Nothing more will happen.");
    }

    #[test]
    fn a_retransmission_is_told_with_its_rule() {
        let c = caption("lost-final-ack", 1_100);
        let line = c.lines.iter().find(|l| l.text.starts_with("sends #5")).expect("B's second FIN");
        assert_eq!(line.host, Some(Host::B));
        assert!(line.why.as_deref().unwrap().starts_with("RFC 6298 §5: retransmission timeout"));
    }
}
