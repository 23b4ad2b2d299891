//! The one describer of what happens in a run: every event as a line (the lab's event log, the
//! CLI's text diagram), as a short note beside a lifeline (the lab's timeline, Mermaid), and
//! the pieces both are made of — a segment's label, a call and its result, a fault, a rule.
//! A front end chooses where the words go; the words are all here.

use crate::{call_error, call_error_short, cited_reason, fill, loss, notice, state, time, timer, ui, Lang, Ui};
use finwait_core::action::{ActionError, Limited};
use finwait_core::app::TimerChange;
use finwait_core::network::{Fault, FaultKind, FaultRule, NetworkError, SegmentKind};
use finwait_core::trace::{EventKind, Fate, Origin};
use finwait_core::{AppCall, CallError, CallOutcome, Host, ProfileKind, Reason, Segment, SegmentId, Time, TimerKind};

/// An event as one line: to whom it happened (`None`: the network), what, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub host: Option<Host>,
    pub text: String,
    /// The rule behind it, cited (`RFC 9293 §3.10.7.4: …`), or what a state means.
    pub why: Option<String>,
}

/// Every event as a line.
pub fn line(lang: Lang, kind: &EventKind) -> Line {
    let t = |key| ui(lang, key);
    let (host, text, why) = match kind {
        EventKind::Start { host, state: s } => {
            (Some(*host), fill(t(Ui::EvStartsIn), &[s.name()]), Some(state(lang, *s).to_string()))
        }
        EventKind::Call { host, call: c, result: r } => {
            (Some(*host), fill(t(Ui::EvCall), &[&call(c), &result(lang, r)]), None)
        }
        EventKind::State { host, from, to, reason } => {
            (Some(*host), format!("{from} → {to}"), Some(cited_reason(lang, *reason)))
        }
        EventKind::Segment { id, from, segment, origin: o, arrives, .. } => {
            let template = match o {
                Origin::Sent { .. } => Ui::EvSends,
                Origin::Copy { .. } => Ui::EvNetworkCopies,
                Origin::Injected => Ui::EvInjected,
            };
            (
                Some(*from),
                fill(t(template), &[&segment_label(*id, segment), &arrival(lang, *arrives)]),
                Some(origin(lang, *o)),
            )
        }
        EventKind::RuleApplied { id, fault: f } => {
            (None, fill(t(Ui::EvRuleApplied), &[&id.to_string(), &fault(lang, *f)]), None)
        }
        EventKind::Arrived { id, to, stale } => {
            let template = if *stale { Ui::EvArrivesStale } else { Ui::EvArrives };
            (Some(*to), fill(t(template), &[&id.to_string()]), None)
        }
        EventKind::Lost { id, cause } => (None, format!("✕ {id} {}", loss(lang, *cause)), None),
        EventKind::Rescheduled { id, arrives } => (None, format!("{id}: {}", arrival(lang, *arrives)), None),
        EventKind::Verdict { host, id: Some(id), reason } => {
            (Some(*host), fill(t(Ui::EvNotTaken), &[&id.to_string()]), Some(cited_reason(lang, *reason)))
        }
        // A decision no segment brought about (a call's): the rule is the news.
        EventKind::Verdict { host, id: None, reason } => {
            (Some(*host), crate::reason(lang, *reason).to_string(), Some(reason.citation().to_string()))
        }
        EventKind::Delivered { host, data, stale: false } => {
            (Some(*host), fill(t(Ui::EvDelivered), &[&data.len().to_string()]), None)
        }
        // Bytes of an earlier connection: which bytes is the point (S23), so they are shown.
        EventKind::Delivered { host, data, stale: true } => {
            (Some(*host), fill(t(Ui::EvDeliveredStale), &[&data.len().to_string(), &preview(data)]), None)
        }
        EventKind::Notice { host, notice: n } => (Some(*host), fill(t(Ui::EvAppTold), &[&notice(lang, *n)]), None),
        EventKind::Timer { host, timer: k, change } => {
            (Some(*host), fill(t(Ui::EvTimer), &[timer(lang, *k), &timer_change(lang, *change)]), None)
        }
        EventKind::RuleAdded { rule: r } => (None, fill(t(Ui::EvRuleAdded), &[&rule(lang, r)]), None),
        EventKind::RulesCleared => (None, t(Ui::EvRulesCleared).to_string(), None),
        EventKind::Latency { from, latency } => {
            (None, fill(t(Ui::EvLatency), &[from.name(), from.peer().name(), &time(lang, Time(latency.ms()))]), None)
        }
    };
    Line { host, text, why }
}

/// Whether a log or diagram shows the event unless asked for everything: all but the routine
/// timer changes — a timer stopping, and the retransmission timer starting (it starts and
/// stops with nearly every segment). A timer firing always shows, and so does a delayed ACK,
/// TIME-WAIT or FIN-WAIT-2 starting: each explains what comes next.
pub fn shown_by_default(kind: &EventKind) -> bool {
    match kind {
        EventKind::Timer { timer, change, .. } => match change {
            TimerChange::Fired => true,
            TimerChange::Stopped => false,
            // The retransmission and loss-probe timers restart with every segment sent.
            TimerChange::Started { .. } | TimerChange::Restarted { .. } => {
                !matches!(timer, TimerKind::Retransmission | TimerKind::LossProbe)
            }
        },
        EventKind::Start { .. }
        | EventKind::Call { .. }
        | EventKind::State { .. }
        | EventKind::Segment { .. }
        | EventKind::RuleApplied { .. }
        | EventKind::Arrived { .. }
        | EventKind::Lost { .. }
        | EventKind::Rescheduled { .. }
        | EventKind::Verdict { .. }
        | EventKind::Delivered { .. }
        | EventKind::Notice { .. }
        | EventKind::RuleAdded { .. }
        | EventKind::RulesCleared
        | EventKind::Latency { .. } => true,
    }
}

/// What kind of note stands beside a lifeline (for its colour).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    State,
    Call,
    CallError,
    /// The connection failed (reset, timed out).
    Failure,
}

/// A short note beside a host's lifeline: its new state, a call, a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub host: Host,
    pub kind: NoteKind,
    pub text: String,
}

/// The host an event puts a note beside, if it puts one (what `note` would say, without
/// making its words: the timeline counts notes before it places them).
pub fn note_host(kind: &EventKind) -> Option<Host> {
    match kind {
        EventKind::Start { host, .. }
        | EventKind::State { host, .. }
        | EventKind::Call { host, .. }
        | EventKind::Notice { host, notice: finwait_core::Notice::Failed { .. } } => Some(*host),
        _ => None,
    }
}

/// The note an event puts beside its host's lifeline, if any (`note_host` says which events
/// do). A state entered by a reset is marked `↯`.
pub fn note(lang: Lang, kind: &EventKind) -> Option<Note> {
    note_host(kind)?;
    let (host, kind, text) = match kind {
        EventKind::Start { host, state } => (*host, NoteKind::State, state.name().to_string()),
        EventKind::State { host, to, reason, .. } => {
            let mark = if matches!(reason, Reason::ResetExact | Reason::ResetBeforeFin) { " ↯" } else { "" };
            (*host, NoteKind::State, format!("{to}{mark}"))
        }
        EventKind::Call { host, call: c, result: Ok(CallOutcome::Read { data, eof }) } => {
            let what = match (data.len(), eof) {
                (0, true) => "EOF".to_string(),
                (n, true) => format!("{n} B + EOF"),
                (n, false) => format!("{n} B"),
            };
            (*host, NoteKind::Call, format!("{} → {what}", call(c)))
        }
        EventKind::Call { host, call: c, result: Ok(_) } => (*host, NoteKind::Call, call(c)),
        EventKind::Call { host, call: c, result: Err(_) } => (*host, NoteKind::CallError, format!("{} ✕", call(c))),
        EventKind::Notice { host, notice: finwait_core::Notice::Failed { error } } => {
            (*host, NoteKind::Failure, format!("⚠ {}", call_error_short(lang, *error)))
        }
        EventKind::Notice { .. }
        | EventKind::Segment { .. }
        | EventKind::RuleApplied { .. }
        | EventKind::Arrived { .. }
        | EventKind::Lost { .. }
        | EventKind::Rescheduled { .. }
        | EventKind::Verdict { .. }
        | EventKind::Delivered { .. }
        | EventKind::Timer { .. }
        | EventKind::RuleAdded { .. }
        | EventKind::RulesCleared
        | EventKind::Latency { .. } => return None,
    };
    Some(Note { host, kind, text })
}

/// `#3 FIN,ACK seq=1001 ack=5001`: the notation of the conformance scenarios.
pub fn segment_label(id: SegmentId, s: &Segment) -> String {
    format!("{id} {s}")
}

/// A shorter label for narrow diagrams: `#3 FIN 1001`, `#4 ACK 5002`, `#5 100 B @5001`.
pub fn segment_label_compact(id: SegmentId, s: &Segment) -> String {
    if s.flags.rst {
        format!("{id} RST {}", s.seq)
    } else if s.flags.syn {
        format!("{id} {} {}", if s.flags.ack { "SYN,ACK" } else { "SYN" }, s.seq)
    } else if s.flags.fin {
        format!("{id} FIN {}", s.seq)
    } else if !s.data.is_empty() {
        format!("{id} {} B @{}", s.data.len(), s.seq)
    } else {
        format!("{id} ACK {}", s.ack)
    }
}

/// Why a segment exists: the rule its sender followed, or that the network or the user made it.
pub fn origin(lang: Lang, o: Origin) -> String {
    match o {
        Origin::Sent { reason } => cited_reason(lang, reason),
        Origin::Copy { of } => fill(ui(lang, Ui::CopyOf), &[&of.to_string()]),
        Origin::Injected => ui(lang, Ui::InjectedByYou).to_string(),
    }
}

/// The first bytes of a payload as text.
pub fn preview(data: &[u8]) -> String {
    const SHOWN: usize = 24;
    let text = String::from_utf8_lossy(data);
    let mut s: String = text.chars().take(SHOWN).collect();
    if text.chars().count() > SHOWN {
        s.push('…');
    }
    s
}

/// When a segment in the network arrives: `arrives at 50 ms`, or that it is held.
pub fn arrival(lang: Lang, arrives: Option<Time>) -> String {
    match arrives {
        Some(t) => fill(ui(lang, Ui::ArrivesAt), &[&time(lang, t)]),
        None => ui(lang, Ui::HeldInNetwork).to_string(),
    }
}

/// What became of a segment: `arrived at 50 ms`, `dropped by a rule at 0 ms`, …
pub fn fate(lang: Lang, f: Fate) -> String {
    match f {
        Fate::InFlight { arrives } => arrival(lang, Some(arrives)),
        Fate::Held => arrival(lang, None),
        Fate::Arrived { at } => fill(ui(lang, Ui::ArrivedAt), &[&time(lang, at)]),
        Fate::Lost { at, cause } => fill(ui(lang, Ui::LostAt), &[loss(lang, cause), &time(lang, at)]),
    }
}

/// A call as code: `close()`, `send(100 B)`, `read(10)`, `connect(isn 5)`.
pub fn call(c: &AppCall) -> String {
    match c {
        AppCall::Send { data } => format!("send({} B)", data.len()),
        AppCall::Read { max: Some(n) } => format!("read({n})"),
        AppCall::Connect { isn: Some(isn) } | AppCall::Listen { isn: Some(isn) } => format!("{}(isn {isn})", c.name()),
        AppCall::Connect { isn: None }
        | AppCall::Listen { isn: None }
        | AppCall::Read { max: None }
        | AppCall::Shutdown
        | AppCall::Close
        | AppCall::Abort => format!("{}()", c.name()),
    }
}

/// What a call returned: `ok`, `100 bytes queued`, `3 bytes read · end-of-file`, an error.
pub fn result(lang: Lang, r: &Result<CallOutcome, CallError>) -> String {
    let t = |key| ui(lang, key);
    match r {
        Ok(CallOutcome::Done) => t(Ui::ResultOk).to_string(),
        Ok(CallOutcome::Queued { bytes }) => fill(t(Ui::ResultQueued), &[&bytes.to_string()]),
        Ok(CallOutcome::Read { data, eof: true }) if data.is_empty() => t(Ui::ResultEndOfFile).to_string(),
        Ok(CallOutcome::Read { data, eof: true }) => fill(t(Ui::ResultReadToEnd), &[&data.len().to_string()]),
        Ok(CallOutcome::Read { data, eof: false }) if data.is_empty() => t(Ui::ResultNothingYet).to_string(),
        Ok(CallOutcome::Read { data, eof: false }) => fill(t(Ui::ResultRead), &[&data.len().to_string()]),
        Err(e) => fill(t(Ui::ResultError), &[call_error(lang, *e)]),
    }
}

fn timer_change(lang: Lang, change: TimerChange) -> String {
    let t = |key| ui(lang, key);
    match change {
        TimerChange::Started { after } => fill(t(Ui::TimerStarted), &[&time(lang, Time(after.ms()))]),
        TimerChange::Restarted { after } => fill(t(Ui::TimerRestarted), &[&time(lang, Time(after.ms()))]),
        TimerChange::Stopped => t(Ui::TimerStopped).to_string(),
        TimerChange::Fired => t(Ui::TimerFired).to_string(),
    }
}

/// A kind of fault in a word ("delay"), as a form offers it.
pub fn fault_kind(lang: Lang, kind: FaultKind) -> &'static str {
    ui(
        lang,
        match kind {
            FaultKind::Drop => Ui::FaultDrop,
            FaultKind::Delay => Ui::FaultDelay,
            FaultKind::Duplicate => Ui::FaultDuplicate,
            FaultKind::Hold => Ui::FaultHold,
        },
    )
}

/// What a fault does, in a word or two ("delay 200 ms").
pub fn fault(lang: Lang, f: Fault) -> String {
    match f {
        Fault::Delay { by_ms } => format!("{} {}", fault_kind(lang, f.kind()), time(lang, Time(by_ms))),
        Fault::Drop | Fault::Duplicate | Fault::Hold => fault_kind(lang, f.kind()).to_string(),
    }
}

/// A profile's name as people write it: `RFC 9293`, `Linux`.
pub fn profile(kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Rfc9293 => "RFC 9293",
        ProfileKind::Linux => "Linux",
    }
}

/// Which segments a rule matches, as a form offers them ("pure ACK"), or as a plural ("pure
/// ACKs").
pub fn segment_kind(lang: Lang, k: SegmentKind, plural: bool) -> &'static str {
    let key = match (k, plural) {
        (SegmentKind::PureAck, false) => Ui::KindPureAck,
        (SegmentKind::PureAck, true) => Ui::KindPureAcks,
        (SegmentKind::Fin, false) => Ui::KindFin,
        (SegmentKind::Fin, true) => Ui::KindFins,
        (SegmentKind::Data, false) => Ui::KindData,
        (SegmentKind::Data, true) => Ui::KindDatas,
        (SegmentKind::Rst, false) => Ui::KindRst,
        (SegmentKind::Rst, true) => Ui::KindRsts,
        (SegmentKind::Syn, false) => Ui::KindSyn,
        (SegmentKind::Syn, true) => Ui::KindSyns,
        (SegmentKind::Any, false) => Ui::KindAny,
        (SegmentKind::Any, true) => Ui::KindAnys,
    };
    ui(lang, key)
}

/// Which host a rule applies to.
pub fn rule_from(lang: Lang, from: Option<Host>) -> &'static str {
    match from {
        Some(Host::A) => ui(lang, Ui::FromA),
        Some(Host::B) => ui(lang, Ui::FromB),
        None => ui(lang, Ui::FromEither),
    }
}

/// A rule in words: "drop the next pure ACK from B", "delay 200 ms every FIN from either host".
pub fn rule(lang: Lang, r: &FaultRule) -> String {
    let (f, from) = (fault(lang, r.fault), rule_from(lang, r.from));
    match r.count {
        Some(1) => fill(ui(lang, Ui::RuleNext), &[&f, segment_kind(lang, r.kind, false), from]),
        Some(n) => fill(ui(lang, Ui::RuleNextN), &[&f, &n.to_string(), segment_kind(lang, r.kind, true), from]),
        None => fill(ui(lang, Ui::RuleEvery), &[&f, segment_kind(lang, r.kind, false), from]),
    }
}

/// Why the simulation refused an action, for the person who tried it.
pub fn action_error(lang: Lang, e: &ActionError) -> String {
    let t = |key| ui(lang, key);
    match e {
        ActionError::Network(NetworkError::NotInFlight { segment }) => {
            fill(t(Ui::ErrNotInFlight), &[&segment.to_string()])
        }
        ActionError::Network(NetworkError::NotHeld { segment }) => fill(t(Ui::ErrNotHeld), &[&segment.to_string()]),
        ActionError::Network(NetworkError::SameSegment { .. }) => t(Ui::ErrSameSegment).to_string(),
        ActionError::SendNeedsOnePayload => t(Ui::ErrPayload).to_string(),
        ActionError::TimerNotRunning { host, timer: k } => {
            fill(t(Ui::ErrTimerNotRunning), &[host.name(), timer(lang, *k)])
        }
        ActionError::OutOfRange { field } => {
            let limit = field.limit();
            fill(t(Ui::ErrRange), &[field_name(lang, *field), &number(limit.min), &number(limit.max)])
        }
        ActionError::RunBytes { .. } => fill(t(Ui::ErrRunBytes), &[&number(finwait_core::limits::RUN_BYTES)]),
    }
}

/// The words for a number the core limits.
fn field_name(lang: Lang, field: Limited) -> &'static str {
    ui(
        lang,
        match field {
            Limited::DelayMs => Ui::FieldDelay,
            Limited::LatencyMs => Ui::FieldLatency,
            Limited::SendBytes => Ui::FieldBytes,
            Limited::TextBytes | Limited::DataBytes => Ui::FieldPayload,
        },
    )
}

/// A whole number with thousands separated: 1048576 → "1,048,576".
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets;

    fn run(name: &str) -> finwait_core::Run {
        presets::find(name).unwrap().scenario().unwrap().run().unwrap()
    }

    #[test]
    fn every_event_of_every_preset_has_a_line() {
        for p in presets::PRESETS {
            let r = p.scenario().unwrap().run().unwrap();
            for e in &r.trace.events {
                let l = line(Lang::En, &e.kind);
                assert!(!l.text.is_empty(), "{}: {:?}", p.file, e.kind);
                assert!(!l.text.contains('{'), "a template left unfilled: {}", l.text);
            }
        }
    }

    #[test]
    fn lines_say_who_what_and_why() {
        let r = run("active-close");
        let lines: Vec<Line> = r.trace.events.iter().map(|e| line(Lang::En, &e.kind)).collect();
        let state = lines.iter().find(|l| l.text == "ESTABLISHED → FIN-WAIT-1").expect("A's close");
        assert_eq!(state.host, Some(Host::A));
        assert!(state.why.as_deref().unwrap().starts_with("RFC 9293 §3.10.4: close() in ESTABLISHED"));
        let fin = lines.iter().find(|l| l.text.starts_with("sends #1")).expect("the FIN");
        assert_eq!(fin.text, "sends #1 FIN,ACK seq=1001 ack=5001 (arrives at 50 ms)");
        assert!(lines.iter().any(|l| l.text == "close() → ok" && l.host == Some(Host::B)));
    }

    #[test]
    fn an_event_has_a_note_exactly_when_note_host_says_so() {
        for p in presets::PRESETS {
            for e in &p.scenario().unwrap().run().unwrap().trace.events {
                assert_eq!(note(Lang::En, &e.kind).map(|n| n.host), note_host(&e.kind), "{:?}", e.kind);
            }
        }
    }

    #[test]
    fn notes_are_short() {
        let r = run("close-with-unread-data-linux");
        let notes: Vec<Note> = r.trace.events.iter().filter_map(|e| note(Lang::En, &e.kind)).collect();
        assert!(notes.iter().any(|n| n.host == Host::B && n.text == "CLOSED ↯"), "{notes:?}");
        assert!(notes.iter().any(|n| n.kind == NoteKind::Failure && n.text == "⚠ reset"), "{notes:?}");
        assert!(notes.iter().all(|n| n.text.chars().count() <= 24), "{notes:?}");
    }

    #[test]
    fn rules_and_errors_read_as_sentences() {
        let r = FaultRule { from: Some(Host::B), kind: SegmentKind::PureAck, fault: Fault::Drop, count: Some(1) };
        assert_eq!(rule(Lang::En, &r), "drop the next pure ACK from B");
        let r = FaultRule { from: None, kind: SegmentKind::Data, fault: Fault::Delay { by_ms: 1500 }, count: Some(3) };
        assert_eq!(rule(Lang::En, &r), "delay 1.5 s the next 3 data segments from either host");
        let r = FaultRule { from: Some(Host::A), kind: SegmentKind::Fin, fault: Fault::Hold, count: None };
        assert_eq!(rule(Lang::En, &r), "hold every FIN from A");
        let e = ActionError::OutOfRange { field: Limited::SendBytes };
        assert_eq!(
            action_error(Lang::En, &e),
            "The number of bytes to send must be a whole number from 0 to 1,048,576."
        );
        assert_eq!(number(999), "999");
        assert_eq!(number(3_600_000), "3,600,000");
    }
}
