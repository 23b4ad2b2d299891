//! The event log: everything that happened up to the cursor, newest last, each with the rule
//! behind it. Only the newest rows are described (a long run stays fast); the rest are counted.

use finwait_core::trace::EventKind;
use finwait_core::{Event, Host, SegmentId, Time};
use finwait_messages::{events, Lang};

/// Rows shown at first, and how many more each "show earlier" adds.
pub const ROWS: usize = 120;

/// How the user set the log up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogOptions {
    /// Every timer event, not only the notable ones.
    pub all_timers: bool,
    /// How many rows to show.
    pub limit: usize,
}

impl Default for LogOptions {
    fn default() -> LogOptions {
        LogOptions { all_timers: false, limit: ROWS }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRow {
    /// The event's place in the trace.
    pub index: usize,
    pub at: Time,
    pub host: Option<Host>,
    pub text: String,
    pub why: Option<String>,
    /// The segment the event is about, to select when the row is clicked.
    pub segment: Option<SegmentId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogView {
    pub rows: Vec<LogRow>,
    /// Rows before these that are not shown.
    pub earlier: usize,
    pub options: LogOptions,
    /// The latest change of state, for screen readers (`A: FIN-WAIT-1 → FIN-WAIT-2`).
    pub latest_change: Option<String>,
}

impl LogView {
    /// The log of `events` (the trace up to the cursor).
    pub fn of(events: &[Event], options: LogOptions, lang: Lang) -> LogView {
        let shown = |e: &&Event| options.all_timers || events::shown_by_default(&e.kind);
        let mut rows: Vec<LogRow> = events
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, e)| shown(e))
            .take(options.limit)
            .map(|(index, e)| {
                let line = events::line(lang, &e.kind);
                LogRow {
                    index,
                    at: e.at,
                    host: line.host,
                    text: line.text,
                    why: line.why,
                    segment: segment_of(&e.kind),
                }
            })
            .collect();
        rows.reverse();
        let first = rows.first().map_or(events.len(), |r| r.index);
        let earlier = events[..first].iter().filter(shown).count();
        let latest_change = events.iter().rev().find_map(|e| match &e.kind {
            EventKind::State { host, from, to, .. } => Some(format!("{host}: {from} → {to}")),
            _ => None,
        });
        LogView { rows, earlier, options, latest_change }
    }
}

/// The segment an event is about, if it is about one.
fn segment_of(kind: &EventKind) -> Option<SegmentId> {
    match kind {
        EventKind::Segment { id, .. }
        | EventKind::Arrived { id, .. }
        | EventKind::Lost { id, .. }
        | EventKind::Rescheduled { id, .. }
        | EventKind::RuleApplied { id, .. } => Some(*id),
        EventKind::Verdict { id, .. } => *id,
        EventKind::Start { .. }
        | EventKind::Call { .. }
        | EventKind::State { .. }
        | EventKind::Delivered { .. }
        | EventKind::Notice { .. }
        | EventKind::Timer { .. }
        | EventKind::RuleAdded { .. }
        | EventKind::RulesCleared
        | EventKind::Latency { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets;

    fn trace(name: &str) -> finwait_core::Trace {
        presets::find(name).unwrap().scenario().unwrap().run().unwrap().trace
    }

    #[test]
    fn rows_are_the_newest_and_the_rest_are_counted() {
        let t = trace("lost-final-ack");
        let all = LogView::of(&t.events, LogOptions::default(), Lang::En);
        assert_eq!(all.earlier, 0);
        let few = LogView::of(&t.events, LogOptions { all_timers: false, limit: 5 }, Lang::En);
        assert_eq!(few.rows.len(), 5);
        assert_eq!(few.earlier, all.rows.len() - 5);
        assert_eq!(few.rows.last(), all.rows.last());
        assert_eq!(few.latest_change.as_deref(), Some("A: TIME-WAIT → CLOSED"));
    }

    #[test]
    fn routine_timers_show_only_when_asked() {
        let t = trace("active-close");
        let some = LogView::of(&t.events, LogOptions::default(), Lang::En);
        let all = LogView::of(&t.events, LogOptions { all_timers: true, limit: 1000 }, Lang::En);
        assert!(all.rows.len() > some.rows.len());
        assert!(all.rows.iter().any(|r| r.text.starts_with("retransmission timer: started")));
        assert!(!some.rows.iter().any(|r| r.text.starts_with("retransmission timer: started")));
        assert!(some.rows.iter().any(|r| r.text.starts_with("TIME-WAIT timer: started")));
    }

    #[test]
    fn a_row_about_a_segment_knows_it() {
        let t = trace("active-close");
        let log = LogView::of(&t.events, LogOptions::default(), Lang::En);
        let fin = log.rows.iter().find(|r| r.text.starts_with("sends #1")).unwrap();
        assert_eq!(fin.segment, Some(SegmentId(1)));
        assert!(fin.why.as_deref().unwrap().contains("§3.10.4"));
    }
}
