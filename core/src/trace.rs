//! The trace: an append-only list of everything that happened in a run, in order. Views (the
//! timeline, the CLI's diagram, expectations) derive what they need from it; nothing in it is
//! ever changed after it is recorded, so a view of the past is a prefix of the trace.

use crate::app::{result_to_json, AppCall, CallError, CallOutcome, Notice, TimerChange, TimerKind};
use crate::host::Host;
use crate::json::Json;
use crate::network::{Fault, FaultRule, LossCause, SegmentId};
use crate::payload::Payload;
use crate::reason::Reason;
use crate::segment::Segment;
use crate::state::State;
use crate::time::{Duration, Time};
use crate::wire::{payload, Fields};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub at: Time,
    pub kind: EventKind,
}

impl Event {
    /// `{"at": 0, "event": "state", "host": "A", …}`: the time, the kind's name, its fields.
    pub fn to_json(&self) -> Json {
        Fields::new().put("at", self.at).extend(self.kind.fields()).into()
    }
}

/// Where a segment came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Sent by the host's TCP for `reason`.
    Sent { reason: Reason },
    /// A network copy of another segment.
    Copy { of: SegmentId },
    /// Crafted and injected by the user.
    Injected,
}

impl Origin {
    /// `{"origin": "sent", "reason": "app-close"}`, `{"origin": "copy", "of": 3}`,
    /// `{"origin": "injected"}`.
    pub fn to_json(self) -> Json {
        let f = Fields::new();
        match self {
            Origin::Sent { reason } => f.put("origin", "sent").put("reason", reason),
            Origin::Copy { of } => f.put("origin", "copy").put("of", of),
            Origin::Injected => f.put("origin", "injected"),
        }
        .into()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
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
        data: Payload,
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

impl EventKind {
    /// How many payload bytes the event shows: a segment's, what was delivered, what a call
    /// sent or read.
    pub fn payload_len(&self) -> usize {
        match self {
            EventKind::Segment { segment, .. } => segment.data.len(),
            EventKind::Delivered { data, .. } => data.len(),
            EventKind::Call { call: AppCall::Send { data }, .. } => data.len(),
            EventKind::Call { result: Ok(CallOutcome::Read { data, .. }), .. } => data.len(),
            EventKind::Start { .. }
            | EventKind::Call { .. }
            | EventKind::State { .. }
            | EventKind::RuleApplied { .. }
            | EventKind::Arrived { .. }
            | EventKind::Lost { .. }
            | EventKind::Rescheduled { .. }
            | EventKind::Verdict { .. }
            | EventKind::Notice { .. }
            | EventKind::Timer { .. }
            | EventKind::RuleAdded { .. }
            | EventKind::RulesCleared
            | EventKind::Latency { .. } => 0,
        }
    }

    /// The event's name in a JSON trace.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Start { .. } => "start",
            EventKind::Call { .. } => "call",
            EventKind::State { .. } => "state",
            EventKind::Segment { .. } => "segment",
            EventKind::RuleApplied { .. } => "rule-applied",
            EventKind::Arrived { .. } => "arrived",
            EventKind::Lost { .. } => "lost",
            EventKind::Rescheduled { .. } => "rescheduled",
            EventKind::Verdict { .. } => "verdict",
            EventKind::Delivered { .. } => "delivered",
            EventKind::Notice { .. } => "notice",
            EventKind::Timer { .. } => "timer",
            EventKind::RuleAdded { .. } => "rule-added",
            EventKind::RulesCleared => "rules-cleared",
            EventKind::Latency { .. } => "latency",
        }
    }

    /// `{"event": "state", …}`: the name, then the fields (docs/trace-format.md).
    pub fn to_json(&self) -> Json {
        self.fields().into()
    }

    /// The event's name and fields, to be written flat after its time.
    pub fn fields(&self) -> Fields {
        let f = Fields::new().put("event", self.name());
        match self {
            EventKind::Start { host, state } => f.put("host", *host).put("state", *state),
            EventKind::Call { host, call, result } => {
                f.put("host", *host).put("call", call.to_json()).put("result", result_to_json(result))
            }
            EventKind::State { host, from, to, reason } => {
                f.put("host", *host).put("from", *from).put("to", *to).put("reason", *reason)
            }
            EventKind::Segment { id, from, segment, origin, arrives, incarnation } => f
                .put("id", *id)
                .put("from", *from)
                .put("segment", segment.to_json())
                .put("origin", origin.to_json())
                .put("arrives", *arrives)
                .put("incarnation", *incarnation),
            EventKind::RuleApplied { id, fault } => f.put("id", *id).put("fault", fault.to_json()),
            EventKind::Arrived { id, to, stale } => f.put("id", *id).put("to", *to).put("stale", *stale),
            EventKind::Lost { id, cause } => f.put("id", *id).put("cause", *cause),
            EventKind::Rescheduled { id, arrives } => f.put("id", *id).put("arrives", *arrives),
            EventKind::Verdict { host, id, reason } => f.put("host", *host).put("id", *id).put("reason", *reason),
            EventKind::Delivered { host, data, stale } => {
                f.put("host", *host).put("data", payload(data)).put("stale", *stale)
            }
            EventKind::Notice { host, notice } => f.put("host", *host).put("notice", notice.to_json()),
            EventKind::Timer { host, timer, change } => {
                f.put("host", *host).put("timer", *timer).put("change", change.to_json())
            }
            EventKind::RuleAdded { rule } => f.put("rule", rule.to_json()),
            EventKind::RulesCleared => f,
            EventKind::Latency { from, latency } => f.put("from", *from).put("latency", *latency),
        }
    }
}

/// A sent segment and what became of it, derived from the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentRecord {
    pub id: SegmentId,
    pub from: Host,
    pub segment: Segment,
    pub origin: Origin,
    pub sent_at: Time,
    pub incarnation: u32,
    pub fate: Fate,
}

impl SegmentRecord {
    /// `{"id": 1, "from": "A", "sent_at": 0, "incarnation": 1, "segment": {…}, …}`.
    pub fn to_json(&self) -> Json {
        Fields::new()
            .put("id", self.id)
            .put("from", self.from)
            .put("sent_at", self.sent_at)
            .put("incarnation", self.incarnation)
            .put("segment", self.segment.to_json())
            .put("origin", self.origin.to_json())
            .put("fate", self.fate.to_json())
            .into()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    InFlight { arrives: Time },
    Held,
    Arrived { at: Time },
    Lost { at: Time, cause: LossCause },
}

impl Fate {
    /// `{"fate": "lost", "at": 0, "cause": "dropped-by-rule"}`.
    pub fn to_json(self) -> Json {
        let f = Fields::new();
        match self {
            Fate::InFlight { arrives } => f.put("fate", "in-flight").put("arrives", arrives),
            Fate::Held => f.put("fate", "held"),
            Fate::Arrived { at } => f.put("fate", "arrived").put("at", at),
            Fate::Lost { at, cause } => f.put("fate", "lost").put("at", at).put("cause", cause),
        }
        .into()
    }
}

#[derive(Clone, Debug)]
pub struct Trace {
    pub events: Vec<Event>,
    /// How many events the trace may hold: `limits::MAX_EVENTS`, less what the run had
    /// recorded before this trace began (a replay records into a trace of its own).
    limit: usize,
}

impl Default for Trace {
    fn default() -> Trace {
        Trace::with_limit(crate::limits::MAX_EVENTS)
    }
}

/// Two traces are the same when they hold the same events.
impl PartialEq for Trace {
    fn eq(&self, other: &Trace) -> bool {
        self.events == other.events
    }
}

impl Eq for Trace {}

impl Trace {
    /// An empty trace that may hold `limit` events.
    pub fn with_limit(limit: usize) -> Trace {
        Trace { events: Vec::new(), limit }
    }

    /// An empty trace with room set aside for a run of a script of `actions` actions: each
    /// action, and what it brings about, takes a dozen events or so (a segment sent, its
    /// arrival, what it delivers, the ACK and its timers). Growing a long trace by doubling
    /// copies it again and again; this mostly avoids that, at the price of a guess.
    pub fn for_script(actions: usize) -> Trace {
        const EVENTS_PER_ACTION: usize = 16;
        let mut trace = Trace::default();
        trace.events.reserve(actions.saturating_mul(EVENTS_PER_ACTION).saturating_add(64).min(trace.limit));
        trace
    }

    /// How many more events the run may make.
    pub fn room(&self) -> usize {
        self.limit.saturating_sub(self.events.len())
    }

    /// The event budget is spent: the run stops here.
    pub fn is_full(&self) -> bool {
        self.room() == 0
    }

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

/// Segment records from `events`: all of them, or only segment `only`. One pass: each record
/// is found by its number (numbers are given out in order from 1, so a list indexed by them).
fn records(events: &[Event], only: Option<SegmentId>) -> Vec<SegmentRecord> {
    let mut records: Vec<SegmentRecord> = Vec::new();
    let mut by_id: Vec<Option<usize>> = Vec::new();
    let wanted = |id: &SegmentId| only.is_none_or(|o| o == *id);
    let index_of = |by_id: &Vec<Option<usize>>, id: SegmentId| by_id.get(id.0 as usize).copied().flatten();
    for e in events {
        match &e.kind {
            EventKind::Segment { id, from, segment, origin, arrives, incarnation } if wanted(id) => {
                let slot = id.0 as usize;
                if by_id.len() <= slot {
                    by_id.resize(slot + 1, None);
                }
                by_id[slot] = Some(records.len());
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
                if let Some(i) = index_of(&by_id, *id) {
                    records[i].fate = Fate::Arrived { at: e.at };
                }
            }
            EventKind::Lost { id, cause } if wanted(id) => {
                if let Some(i) = index_of(&by_id, *id) {
                    records[i].fate = Fate::Lost { at: e.at, cause: *cause };
                }
            }
            EventKind::Rescheduled { id, arrives } if wanted(id) => {
                if let Some(i) = index_of(&by_id, *id) {
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
