//! The trace: an append-only list of everything that happened in a run, in order. Views (the
//! timeline, the CLI's diagram, expectations) derive what they need from it; nothing in it is
//! ever changed after it is recorded, so a view of the past is a prefix of the trace.

use crate::app::{AppCall, CallError, CallOutcome, Notice, TimerChange, TimerKind};
use crate::host::Host;
use crate::network::{Fault, FaultRule, LossCause, SegmentId};
use crate::reason::Reason;
use crate::segment::Segment;
use crate::state::State;
use crate::time::{Duration, Time};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub at: Time,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// Where a segment came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "origin", rename_all = "kebab-case")]
pub enum Origin {
    /// Sent by the host's TCP for `reason`.
    Sent { reason: Reason },
    /// A network copy of another segment.
    Copy { of: SegmentId },
    /// Crafted and injected by the user.
    Injected,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum EventKind {
    /// A host's state when the run starts.
    Start {
        host: Host,
        state: State,
    },
    /// The application made a call. `result` is written as the outcome
    /// (`{"outcome": "done"}`, `{"outcome": "read", …}`) or `{"outcome": "error", "error": …}`.
    Call {
        host: Host,
        call: AppCall,
        #[serde(serialize_with = "call_result")]
        result: Result<CallOutcome, CallError>,
    },
    State {
        host: Host,
        from: State,
        to: State,
        reason: Reason,
    },
    /// A segment entered the network. `arrives` is `None` when it is held.
    Segment {
        id: SegmentId,
        from: Host,
        segment: Segment,
        origin: Origin,
        arrives: Option<Time>,
        /// The sender's connection number (1 for the first); a segment from an earlier one is
        /// an old duplicate.
        incarnation: u32,
    },
    /// A rule applied to a segment as it was sent.
    RuleApplied {
        id: SegmentId,
        fault: Fault,
    },
    /// A segment reached its destination host.
    Arrived {
        id: SegmentId,
        to: Host,
        stale: bool,
    },
    /// A segment will never arrive.
    Lost {
        id: SegmentId,
        cause: LossCause,
    },
    /// A segment's arrival time changed (delay, hold, release, reorder); `None`: held.
    Rescheduled {
        id: SegmentId,
        arrives: Option<Time>,
    },
    /// How the receiving host treated a segment when nothing else shows it.
    Verdict {
        host: Host,
        id: Option<SegmentId>,
        reason: Reason,
    },
    /// Bytes entered the host's receive buffer. `stale`: they came from an earlier connection.
    Delivered {
        host: Host,
        #[serde(with = "crate::segment::payload_serde")]
        data: Vec<u8>,
        stale: bool,
    },
    Notice {
        host: Host,
        notice: Notice,
    },
    Timer {
        host: Host,
        timer: TimerKind,
        change: TimerChange,
    },
    RuleAdded {
        rule: FaultRule,
    },
    RulesCleared,
    Latency {
        from: Host,
        latency: Duration,
    },
}

fn call_result<S: serde::Serializer>(r: &Result<CallOutcome, CallError>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    match r {
        Ok(outcome) => outcome.serialize(s),
        Err(error) => {
            let mut m = s.serialize_map(Some(2))?;
            m.serialize_entry("outcome", "error")?;
            m.serialize_entry("error", error)?;
            m.end()
        }
    }
}

/// A sent segment and what became of it, derived from the events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SegmentRecord {
    pub id: SegmentId,
    pub from: Host,
    pub segment: Segment,
    pub origin: Origin,
    pub sent_at: Time,
    pub incarnation: u32,
    pub fate: Fate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "fate", rename_all = "kebab-case")]
pub enum Fate {
    InFlight { arrives: Time },
    Held,
    Arrived { at: Time },
    Lost { at: Time, cause: LossCause },
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Trace {
    pub events: Vec<Event>,
}

impl Trace {
    pub fn push(&mut self, at: Time, kind: EventKind) {
        self.events.push(Event { at, kind });
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The states `host` went through, starting with its initial state, with the times.
    pub fn states(&self, host: Host) -> Vec<(Time, State)> {
        self.events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::Start { host: h, state } if h == host => Some((e.at, state)),
                EventKind::State { host: h, to, .. } if h == host => Some((e.at, to)),
                _ => None,
            })
            .collect()
    }

    /// Every segment, in the order it entered the network, with its fate so far.
    pub fn segments(&self) -> Vec<SegmentRecord> {
        records(&self.events, None)
    }

    /// One segment as the first `upto` events tell it (its fate at that point), if it had been
    /// sent by then.
    pub fn segment(&self, id: SegmentId, upto: usize) -> Option<SegmentRecord> {
        records(&self.events[..upto.min(self.events.len())], Some(id)).pop()
    }

    /// All bytes `host`'s application read, and whether it saw end-of-file.
    pub fn read_by(&self, host: Host) -> (Vec<u8>, bool) {
        let mut bytes = Vec::new();
        let mut eof = false;
        for e in &self.events {
            if let EventKind::Call { host: h, result: Ok(CallOutcome::Read { data, eof: end }), .. } = &e.kind {
                if *h == host {
                    bytes.extend_from_slice(data);
                    eof |= *end;
                }
            }
        }
        (bytes, eof)
    }

    /// Every error `host`'s application saw: failed calls and failures it was told of.
    pub fn errors_of(&self, host: Host) -> Vec<CallError> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Call { host: h, result: Err(err), .. } if *h == host => Some(*err),
                EventKind::Notice { host: h, notice: Notice::Failed { error } } if *h == host => Some(*error),
                _ => None,
            })
            .collect()
    }

    /// The state of `host` at time `at` (after everything at that instant).
    pub fn state_at(&self, host: Host, at: Time) -> Option<State> {
        self.states(host).into_iter().take_while(|(t, _)| *t <= at).last().map(|(_, s)| s)
    }
}

/// Segment records from `events`: all of them, or only segment `only`.
fn records(events: &[Event], only: Option<SegmentId>) -> Vec<SegmentRecord> {
    let mut records: Vec<SegmentRecord> = Vec::new();
    let wanted = |id: &SegmentId| only.is_none_or(|o| o == *id);
    let index_of = |records: &Vec<SegmentRecord>, id: SegmentId| records.iter().rposition(|r| r.id == id);
    for e in events {
        match &e.kind {
            EventKind::Segment { id, from, segment, origin, arrives, incarnation } if wanted(id) => {
                records.push(SegmentRecord {
                    id: *id,
                    from: *from,
                    segment: segment.clone(),
                    origin: *origin,
                    sent_at: e.at,
                    incarnation: *incarnation,
                    fate: match arrives {
                        Some(t) => Fate::InFlight { arrives: *t },
                        None => Fate::Held,
                    },
                });
            }
            EventKind::Arrived { id, .. } if wanted(id) => {
                if let Some(i) = index_of(&records, *id) {
                    records[i].fate = Fate::Arrived { at: e.at };
                }
            }
            EventKind::Lost { id, cause } if wanted(id) => {
                if let Some(i) = index_of(&records, *id) {
                    records[i].fate = Fate::Lost { at: e.at, cause: *cause };
                }
            }
            EventKind::Rescheduled { id, arrives } if wanted(id) => {
                if let Some(i) = index_of(&records, *id) {
                    records[i].fate = match arrives {
                        Some(t) => Fate::InFlight { arrives: *t },
                        None => Fate::Held,
                    };
                }
            }
            _ => {}
        }
    }
    records
}
