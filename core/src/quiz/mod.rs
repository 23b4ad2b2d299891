//! Questions about real runs, each answered by the simulation and checked: exactly one option
//! is right, and the explanation is the rule behind it. Pure and seeded: the same scenario and
//! seed give the same questions, in the browser and on the command line (for quiz files).
//!
//! The distractors are the answers students give, not random ones: the state before the
//! change or the one a similar case leads to (CLOSING for TIME-WAIT), the segment that forgets
//! the FIN takes a sequence number, a host that does not enter TIME-WAIT, the endings a lost
//! segment cannot lead to (explore shows they do not happen).

mod misconceptions;
mod rng;

pub use misconceptions::Statement;
pub use rng::Rng;

use crate::app::{AppCall, TimerChange, TimerKind};
use crate::explore::{explore, Budget, Try};
use crate::host::Host;
use crate::presets::{self, PRESETS};
use crate::reason::Reason;
use crate::scenario::Run;
use crate::segment::Flags;
use crate::seq::Seq;
use crate::state::State;
use crate::time::{Duration, Time};
use crate::trace::{EventKind, Origin, SegmentRecord, Trace};

/// What made a host send a segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// This segment reached it.
    Arrival(SegmentRecord),
    /// Its application made this call.
    Call(AppCall),
    /// This timer of its ran out.
    Timer(TimerKind),
}

/// What a question asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// "B's FIN,ACK seq=5001 ack=1002 has just reached A. Which state is A in now?"
    StateAfterArrival { segment: SegmentRecord },
    /// "A's application calls close(). Which segment does A send?"
    NextSegment { host: Host, cause: Cause },
    /// "Who enters TIME-WAIT in this run?"
    WhoEntersTimeWait,
    /// "How long does A stay in TIME-WAIT in this run?"
    TimeWaitLength { host: Host },
    /// "If any one segment may be lost, which of these endings can happen?" (asked only where
    /// a loss can change the ending)
    CanEndLike,
    /// "Which one lost segment keeps B longest in LAST-ACK?"
    LongestStay { host: Host, state: State },
    /// "True or false: …"
    TrueOrFalse(Statement),
}

/// Who, of the two hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    One(Host),
    Both,
    Neither,
}

/// An option of a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    State(State),
    /// A segment's flags, numbers and payload length.
    Segment {
        flags: Flags,
        seq: Seq,
        ack: Seq,
        len: u32,
    },
    Who(Who),
    Duration(Duration),
    /// Each host's state at the end.
    Ending([State; 2]),
    /// This segment (of the run without faults) is the one lost.
    Lost(SegmentRecord),
    Truth(bool),
}

/// A question about one scenario's run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// The preset it is about (its `name`).
    pub preset: &'static str,
    pub ask: Ask,
    pub options: Vec<Answer>,
    /// Which option is right.
    pub correct: usize,
    /// The rule behind the answer.
    pub rule: Reason,
    /// The moment that gives the answer away (the lab pauses just before it); none for a
    /// question about the whole run.
    pub moment: Option<Time>,
}

/// How many options a multiple-choice question has at most.
pub const OPTIONS: usize = 4;

/// `count` questions on the presets named (all of them when `presets` is empty), from `seed`.
/// Every question is checked before it is given: exactly one option is right by the run.
pub fn quiz(presets: &[&str], seed: u64, count: usize) -> Vec<Question> {
    let mut rng = Rng::new(seed);
    let chosen: Vec<&'static str> =
        PRESETS.iter().map(|p| p.name).filter(|name| presets.is_empty() || presets.contains(name)).collect();
    let mut sites: Vec<(&'static str, Ask)> = Vec::new();
    for name in &chosen {
        let Some(run) = run_of(name) else { continue };
        sites.extend(asks(&run.trace).into_iter().map(|a| (*name, a)));
        sites.push((name, Ask::CanEndLike));
        if let Some((host, (state, _))) =
            Host::BOTH.into_iter().find_map(|h| crate::explore::longest_closing(&run.trace, h).map(|l| (h, l)))
        {
            sites.push((name, Ask::LongestStay { host, state }));
        }
    }
    for s in Statement::ALL {
        if chosen.contains(&s.preset()) {
            sites.push((s.preset(), Ask::TrueOrFalse(*s)));
        }
    }
    rng.shuffle(&mut sites);
    let mut out = Vec::with_capacity(count);
    for (preset, ask) in sites {
        if out.len() >= count {
            break;
        }
        if let Some(q) = build(preset, ask, &mut rng) {
            out.push(q);
        }
    }
    out
}

/// The run of a preset.
pub fn run_of(preset: &str) -> Option<Run> {
    presets::find(preset)?.scenario().ok()?.run().ok()
}

/// Checks a question against a fresh run of its preset: exactly one option is right, and it
/// is the one marked. Returns what is wrong.
pub fn verify(q: &Question) -> Result<(), String> {
    let run = run_of(q.preset).ok_or_else(|| format!("no preset {}", q.preset))?;
    let (truth, _) = answer(q.preset, &q.ask, &run).ok_or("the run does not answer the question")?;
    // Every answer the run makes right: for "which ending can happen", each ending one loss
    // leads to; otherwise the one answer.
    let rights = match &q.ask {
        Ask::CanEndLike => endings(q.preset).ok_or("explore failed")?.into_iter().map(Answer::Ending).collect(),
        Ask::StateAfterArrival { .. }
        | Ask::NextSegment { .. }
        | Ask::WhoEntersTimeWait
        | Ask::TimeWaitLength { .. }
        | Ask::LongestStay { .. }
        | Ask::TrueOrFalse(_) => vec![truth],
    };
    let right: Vec<usize> = q.options.iter().enumerate().filter(|(_, o)| rights.contains(o)).map(|(i, _)| i).collect();
    match right.as_slice() {
        [i] if *i == q.correct => Ok(()),
        [i] => Err(format!("option {i} is right, {} is marked", q.correct)),
        [] => Err("no option is right".into()),
        _ => Err(format!("{} options are right", right.len())),
    }
}

/// Every question a run offers (besides the whole-run ones added by `quiz`).
fn asks(trace: &Trace) -> Vec<Ask> {
    let mut asks = Vec::new();
    let mut cause: Option<Cause> = None;
    let mut answered: [bool; 2] = [false, false];
    for e in &trace.events {
        match &e.kind {
            EventKind::Arrived { id, .. } => {
                if let Some(r) = trace.segment(*id, trace.len()) {
                    // Only an arrival that changed the receiver's state makes a state question.
                    if moved_by(trace, &r).is_some() {
                        asks.push(Ask::StateAfterArrival { segment: r.clone() });
                    }
                    cause = Some(Cause::Arrival(r));
                    answered = [false, false];
                }
            }
            EventKind::Call { call, .. } => {
                cause = Some(Cause::Call(call.clone()));
                answered = [false, false];
            }
            EventKind::Timer { timer, change: TimerChange::Fired, .. } => {
                cause = Some(Cause::Timer(*timer));
                answered = [false, false];
            }
            EventKind::Segment { from, origin: Origin::Sent { .. }, .. } => {
                let first = !answered[from.index()];
                answered[from.index()] = true;
                match &cause {
                    Some(c @ Cause::Arrival(r)) if first && r.from == from.peer() => {
                        asks.push(Ask::NextSegment { host: *from, cause: c.clone() })
                    }
                    Some(c @ (Cause::Call(_) | Cause::Timer(_))) if first => {
                        asks.push(Ask::NextSegment { host: *from, cause: c.clone() })
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    asks.push(Ask::WhoEntersTimeWait);
    for h in Host::BOTH {
        asks.push(Ask::TimeWaitLength { host: h });
    }
    asks
}

/// The change of state a segment's arrival made at its receiver: the new state, its reason
/// and when.
fn moved_by(trace: &Trace, segment: &SegmentRecord) -> Option<(State, Reason, Time)> {
    let to = segment.from.peer();
    let mut after = false;
    let mut found = None;
    for e in &trace.events {
        match &e.kind {
            EventKind::Arrived { id, .. } if *id == segment.id => after = true,
            EventKind::Arrived { .. } | EventKind::Call { .. } if after => break,
            EventKind::Timer { change: TimerChange::Fired, .. } if after => break,
            EventKind::State { host, to: st, reason, .. } if after && *host == to => found = Some((*st, *reason, e.at)),
            _ => {}
        }
    }
    found
}

/// The right answer to `ask` in `run`, with its rule and the moment that reveals it.
fn answer(preset: &str, ask: &Ask, run: &Run) -> Option<(Answer, (Reason, Option<Time>))> {
    let t = &run.trace;
    match ask {
        Ask::StateAfterArrival { segment } => {
            let (state, reason, at) = moved_by(t, segment)?;
            Some((Answer::State(state), (reason, Some(at))))
        }
        Ask::NextSegment { host, cause } => {
            let r = sent_for(t, *host, cause)?;
            let reason = match r.origin {
                Origin::Sent { reason } => reason,
                Origin::Copy { .. } | Origin::Injected => return None,
            };
            let s = &r.segment;
            let ack = if s.flags.ack { s.ack } else { Seq(0) };
            Some((
                Answer::Segment { flags: s.flags, seq: s.seq, ack, len: s.data.len() as u32 },
                (reason, Some(r.sent_at)),
            ))
        }
        Ask::WhoEntersTimeWait => {
            let entered: Vec<(Host, Reason)> = Host::BOTH
                .into_iter()
                .filter_map(|h| {
                    t.events.iter().find_map(|e| match &e.kind {
                        EventKind::State { host, to: State::TimeWait, reason, .. } if *host == h => Some((h, *reason)),
                        _ => None,
                    })
                })
                .collect();
            let who = match entered.as_slice() {
                [] => return None,
                [(h, _)] => Who::One(*h),
                _ => Who::Both,
            };
            Some((Answer::Who(who), (entered[0].1, None)))
        }
        Ask::TimeWaitLength { host } => {
            let states = t.states(*host);
            let i = states.iter().position(|(_, s)| *s == State::TimeWait)?;
            let (entered, _) = states[i];
            let (left, next) = *states.get(i + 1)?;
            (next == State::Closed).then_some(())?;
            Some((Answer::Duration(left.since(entered)), (Reason::TimeWaitExpired, None)))
        }
        Ask::CanEndLike => ending_answer(preset),
        Ask::LongestStay { host, state } => {
            let stays = stays(preset, run, *host, *state)?;
            let best = stays.iter().map(|(_, d)| *d).max()?;
            let mut top = stays.iter().filter(|(_, d)| *d == best);
            let (r, _) = top.next()?;
            // A tie has no single right answer.
            top.next().is_none().then_some(())?;
            Some((Answer::Lost(r.clone()), (Reason::RetransmissionTimeout, None)))
        }
        Ask::TrueOrFalse(s) => {
            let own = s.run()?;
            Some((Answer::Truth(s.holds(&own)?), (s.rule(), None)))
        }
    }
}

/// The first segment `host` sent for `cause`.
fn sent_for(t: &Trace, host: Host, cause: &Cause) -> Option<SegmentRecord> {
    let mut inside = false;
    for e in &t.events {
        let starts = match (&e.kind, cause) {
            (EventKind::Arrived { id, .. }, Cause::Arrival(r)) => *id == r.id,
            (EventKind::Call { host: h, call, .. }, Cause::Call(c)) => *h == host && call == c,
            (EventKind::Timer { host: h, timer, change: TimerChange::Fired }, Cause::Timer(k)) => {
                *h == host && timer == k
            }
            _ => false,
        };
        if starts {
            inside = true;
            continue;
        }
        if !inside {
            continue;
        }
        match &e.kind {
            EventKind::Segment { id, from, origin: Origin::Sent { .. }, .. } if *from == host => {
                return t.segment(*id, t.len());
            }
            EventKind::Arrived { .. } | EventKind::Call { .. } => return None,
            EventKind::Timer { change: TimerChange::Fired, .. } => return None,
            _ => {}
        }
    }
    None
}

/// For "which ending can happen with one segment lost": the endings one drop leads to, by
/// explore. The right answer is the first that differs from the run without faults (or that
/// run's, when every drop ends the same).
fn endings(preset: &str) -> Option<Vec<[State; 2]>> {
    let s = presets::find(preset)?.scenario().ok()?;
    let budget = Budget { faults: 1, runs: 2_000, tries: &[Try::Drop] };
    let ex = explore(&s, Time(0), budget).ok()?;
    let mut ends: Vec<[State; 2]> = Vec::new();
    for f in &ex.found {
        if !ends.contains(&f.outcome.end) {
            ends.push(f.outcome.end);
        }
    }
    Some(ends)
}

/// How long `host` stays in `state` with each segment of the run lost in turn.
fn stays(preset: &str, run: &Run, host: Host, state: State) -> Option<Vec<(SegmentRecord, Duration)>> {
    let s = presets::find(preset)?.scenario().ok()?;
    let mut out = Vec::new();
    for r in run.trace.segments() {
        if !matches!(r.origin, Origin::Sent { .. }) {
            continue;
        }
        let step = crate::explore::Step {
            segment: r.id,
            record: r.clone(),
            fault: Try::Drop,
            at: r.sent_at,
            action: crate::action::Action::Drop { segment: r.id },
        };
        let Ok(faulted) = crate::explore::with_faults(&s, &[step]).run() else { continue };
        let t = &faulted.trace;
        let states = t.states(host);
        let end = t.events.last().map_or(Time(0), |e| e.at);
        let stay = states
            .iter()
            .enumerate()
            .filter(|(_, (_, st))| *st == state)
            .map(|(i, (at, _))| states.get(i + 1).map_or(end, |(t2, _)| *t2).since(*at))
            .max()
            .unwrap_or(Duration(0));
        out.push((r, stay));
    }
    Some(out)
}

fn ending_answer(preset: &str) -> Option<(Answer, (Reason, Option<Time>))> {
    let ends = endings(preset)?;
    // Only where a loss can change the ending: the right one is an ending the run without
    // faults does not have.
    let right = ends.get(1)?;
    Some((Answer::Ending(*right), (Reason::RetransmissionTimeout, None)))
}

/// States a student confuses with `s`, the likeliest first.
fn confusable(s: State) -> &'static [State] {
    use State::*;
    match s {
        TimeWait => &[Closing, FinWait2, Closed, LastAck],
        Closing => &[TimeWait, FinWait2, LastAck, CloseWait],
        FinWait1 => &[FinWait2, CloseWait, Closing, Established],
        FinWait2 => &[TimeWait, FinWait1, CloseWait, Closing],
        CloseWait => &[LastAck, FinWait2, Closing, TimeWait],
        LastAck => &[Closed, CloseWait, TimeWait, Closing],
        Closed => &[TimeWait, LastAck, CloseWait, FinWait2],
        Established => &[CloseWait, SynReceived, FinWait1, Closed],
        SynReceived => &[Established, Listen, SynSent, Closed],
        SynSent => &[SynReceived, Established, Closed, Listen],
        Listen => &[SynReceived, Closed, Established, SynSent],
    }
}

/// Builds the question: the right answer from the run, the distractors, the options shuffled;
/// none when the run does not give a question with one right answer.
fn build(preset: &'static str, ask: Ask, rng: &mut Rng) -> Option<Question> {
    let run = run_of(preset)?;
    let (truth, (rule, moment)) = answer(preset, &ask, &run)?;
    let mut options = vec![truth.clone()];
    let add = |a: Answer, options: &mut Vec<Answer>| {
        if options.len() < OPTIONS && !options.contains(&a) {
            options.push(a);
        }
    };
    // Each kind of question has its kind of answer (`answer` gives it); the distractors.
    match &ask {
        Ask::StateAfterArrival { segment } => {
            let Answer::State(s) = &truth else { return None };
            // The state it was in before, then the ones a similar case leads to.
            let before = run.trace.state_at(segment.from.peer(), Time(moment?.0.saturating_sub(1)));
            if let Some(b) = before.filter(|b| b != s) {
                add(Answer::State(b), &mut options);
            }
            for c in confusable(*s) {
                add(Answer::State(*c), &mut options);
            }
        }
        Ask::NextSegment { cause, .. } => {
            let Answer::Segment { flags, seq, ack, len } = &truth else { return None };
            let len = *len;
            // Forgetting that a FIN takes a sequence number: the ACK one short (or one over).
            let fin_came = matches!(cause, Cause::Arrival(r) if r.segment.flags.fin);
            if flags.ack {
                let off = if fin_came { ack.wrapping_sub(1) } else { ack.wrapping_add(1) };
                add(Answer::Segment { flags: *flags, seq: *seq, ack: off, len }, &mut options);
            }
            // The other flags a student expects (a FIN with the ACK, or a bare ACK) and a reset,
            // acknowledging what the segment acknowledges or, for one without ACK, what arrived.
            let acked = match (flags.ack, cause) {
                (true, _) => Some(*ack),
                (false, Cause::Arrival(r)) => Some(r.segment.end()),
                (false, Cause::Call(_) | Cause::Timer(_)) => None,
            };
            if let Some(a) = acked {
                let other = if flags.fin { Flags::ACK } else { Flags::FIN_ACK };
                add(Answer::Segment { flags: other, seq: *seq, ack: a, len }, &mut options);
            }
            add(Answer::Segment { flags: *flags, seq: seq.wrapping_add(1), ack: *ack, len }, &mut options);
            if let Some(a) = acked.filter(|_| !flags.rst) {
                add(Answer::Segment { flags: Flags::RST_ACK, seq: *seq, ack: a, len: 0 }, &mut options);
            }
            if flags.rst {
                add(Answer::Segment { flags: Flags::ACK, seq: *seq, ack: acked.unwrap_or(*ack), len: 0 }, &mut options);
            }
        }
        Ask::WhoEntersTimeWait => {
            for w in [Who::One(Host::A), Who::One(Host::B), Who::Both, Who::Neither] {
                add(Answer::Who(w), &mut options);
            }
        }
        Ask::TimeWaitLength { host } => {
            let p = run.sim.host(*host).params();
            for d in [
                p.msl,
                Duration(p.msl.0.saturating_mul(2)),
                Duration::secs(60),
                p.fin_wait_2_timeout.unwrap_or(Duration::secs(30)),
                Duration::secs(240),
                Duration(0),
            ] {
                add(Answer::Duration(d), &mut options);
            }
        }
        Ask::CanEndLike => {
            let ends = endings(preset)?;
            // Endings next to the real ones, which explore shows one loss cannot give.
            for end in &ends {
                for h in Host::BOTH {
                    for c in confusable(end[h.index()]) {
                        let mut e = *end;
                        e[h.index()] = *c;
                        if !ends.contains(&e) {
                            add(Answer::Ending(e), &mut options);
                        }
                    }
                }
            }
        }
        Ask::LongestStay { host, state } => {
            let Answer::Lost(right) = &truth else { return None };
            // The other segments, those that keep it longest first.
            let mut others = stays(preset, &run, *host, *state)?;
            others.retain(|(r, _)| r.id != right.id);
            others.sort_by_key(|(r, d)| (std::cmp::Reverse(*d), r.id.0));
            for (r, _) in others {
                add(Answer::Lost(r), &mut options);
            }
        }
        Ask::TrueOrFalse(_) => {
            let Answer::Truth(b) = &truth else { return None };
            add(Answer::Truth(!b), &mut options);
        }
    }
    if options.len() < 2 {
        return None;
    }
    // True or false keeps its order; the others are shuffled.
    if !matches!(ask, Ask::TrueOrFalse(_)) {
        rng.shuffle(&mut options);
    } else {
        options.sort_by_key(|o| !matches!(o, Answer::Truth(true)));
    }
    let correct = options.iter().position(|o| *o == truth)?;
    let q = Question { preset, ask, options, correct, rule, moment };
    verify(&q).ok()?;
    Some(q)
}
