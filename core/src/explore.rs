//! "What could happen here?": from a moment of a scenario, every way up to `k` faults on the
//! segments in flight then (and those sent later) can play out, grouped by outcome, with one
//! witness schedule for each. Deterministic (the same scenario, moment and budget give the
//! same list in the same order) and bounded: a budget on runs, stated in the result.
//!
//! A fault is one of the lab's own actions on one segment, applied as the segment leaves (or
//! at the moment, for one already in flight): drop it, duplicate it, or delay it until just
//! after the next segment from the same host has arrived (a reordering). Holding a segment and
//! releasing it later is a delay; holding it for ever is a drop.

use crate::action::Action;
use crate::app::{AppCall, CallError};
use crate::host::Host;
use crate::network::SegmentId;
use crate::scenario::{Run, Scenario, TimedAction};
use crate::state::State;
use crate::time::{Duration, Time};
use crate::trace::{EventKind, Fate, SegmentRecord, Trace};

crate::named! {
    /// A fault explore tries on a segment.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Try {
        Drop = "drop",
        Duplicate = "duplicate",
        /// Delayed until just after the next segment from the same host arrives.
        Reorder = "reorder",
    }
}

/// One fault of a witness schedule: on which segment, which fault, and when it is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub segment: SegmentId,
    /// The segment as it was sent, for describing the step.
    pub record: SegmentRecord,
    pub fault: Try,
    pub at: Time,
    /// The action that applies it.
    pub action: Action,
}

/// How a run ended, as explore tells runs apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Outcome {
    /// Each host's state when the run ends.
    pub end: [State; 2],
    /// Whether each host's application was told the connection was reset.
    pub reset: [bool; 2],
    /// Bytes an application sent that the other never received.
    pub data_lost: bool,
    /// Bytes received twice, or bytes of an earlier connection taken as new.
    pub data_twice: bool,
    /// Who was stuck, and for how long: for each host, the longest it stayed in one closing
    /// state (FIN-WAIT-1, FIN-WAIT-2, CLOSING, CLOSE-WAIT, LAST-ACK), and which.
    pub longest: [Option<(State, Duration)>; 2],
}

/// A way the run can go: its outcome, and the first schedule found that leads there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub outcome: Outcome,
    pub witness: Vec<Step>,
}

/// How far explore may go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// At most this many faults in one schedule.
    pub faults: usize,
    /// At most this many runs in all.
    pub runs: usize,
    /// Which faults to try.
    pub tries: &'static [Try],
}

impl Budget {
    /// Up to `faults` faults of every kind, at most 20,000 runs.
    pub fn new(faults: usize) -> Budget {
        Budget { faults, runs: 20_000, tries: Try::ALL }
    }
}

/// What explore found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explored {
    /// The run without faults first, then every other outcome in the order found.
    pub found: Vec<Found>,
    /// Runs made (the run without faults included).
    pub runs: usize,
    /// Schedules the budget left untried, at least (0: every schedule up to `faults` was
    /// run).
    pub untried: usize,
    /// Schedules that could not be applied (the segment had already arrived) or whose run
    /// stopped at the event limit.
    pub invalid: usize,
}

/// Every outcome of up to `budget.faults` faults on the segments in flight at `from` or sent
/// after it.
pub fn explore(scenario: &Scenario, from: Time, budget: Budget) -> Result<Explored, crate::ScenarioError> {
    let base = scenario.run()?;
    let mut ex = Explored { found: Vec::new(), runs: 1, untried: 0, invalid: 0 };
    record(&mut ex, &base, Vec::new());
    let mut stack: Vec<(Vec<Step>, Run)> = vec![(Vec::new(), base)];
    // Depth first, each schedule's children in the order of its run's segments and faults.
    while let Some((schedule, run)) = stack.pop() {
        if schedule.len() >= budget.faults {
            continue;
        }
        let after = schedule.last().map_or(from, |s| s.at);
        let mut children = Vec::new();
        for (record_, at) in candidates(&run.trace, after) {
            // Faults at the same moment are tried in one order only (by segment number).
            let repeats = schedule.iter().any(|s| s.segment == record_.id);
            let reordered = schedule.last().is_some_and(|s| s.at == at && s.segment.0 > record_.id.0);
            if repeats || reordered {
                continue;
            }
            for &fault in budget.tries {
                let Some(action) = action_for(&run.trace, &record_, fault) else { continue };
                if ex.runs >= budget.runs {
                    ex.untried += 1;
                    continue;
                }
                let mut next = schedule.clone();
                next.push(Step { segment: record_.id, record: record_.clone(), fault, at, action });
                ex.runs += 1;
                match with_faults(scenario, &next).run() {
                    Ok(r) if r.stopped.is_none() => {
                        record(&mut ex, &r, next.clone());
                        children.push((next, r));
                    }
                    // Refused (the segment had arrived by then) or cut short at the event limit.
                    Ok(_) | Err(_) => ex.invalid += 1,
                }
            }
        }
        stack.extend(children.into_iter().rev());
    }
    Ok(ex)
}

/// The scenario with a schedule's faults added, each in a batch of its own after the actions
/// at its time (so a segment sent by a call at that time exists when the fault is applied).
pub fn with_faults(scenario: &Scenario, schedule: &[Step]) -> Scenario {
    let mut s = scenario.clone();
    for step in schedule {
        let at = step.at.0;
        let place = s.actions.iter().position(|a| a.at > at).unwrap_or(s.actions.len());
        s.actions.insert(place, TimedAction { at, action: step.action.clone(), separate: true });
    }
    s
}

/// The segments a fault may touch after `from`: those in flight at `from` (touched then)
/// and those sent at or after it (touched as they leave). Copies the network made are left
/// out; segments sent by the run's own actions are in.
fn candidates(trace: &Trace, from: Time) -> Vec<(SegmentRecord, Time)> {
    trace
        .segments()
        .into_iter()
        .filter(|r| matches!(r.origin, crate::trace::Origin::Sent { .. }))
        .filter_map(|r| {
            let arrives = match r.fate {
                Fate::Arrived { at } | Fate::InFlight { arrives: at } => at,
                Fate::Held | Fate::Lost { .. } => return None,
            };
            let at = r.sent_at.max(from);
            (at < arrives).then_some((r, at))
        })
        .collect()
}

/// The lab action that applies `fault` to `r`; none for a reordering without a later
/// segment from the same host to fall behind.
fn action_for(trace: &Trace, r: &SegmentRecord, fault: Try) -> Option<Action> {
    match fault {
        Try::Drop => Some(Action::Drop { segment: r.id }),
        Try::Duplicate => Some(Action::Duplicate { segment: r.id }),
        Try::Reorder => {
            let arrives = |s: &SegmentRecord| match s.fate {
                Fate::Arrived { at } | Fate::InFlight { arrives: at } => Some(at),
                Fate::Held | Fate::Lost { .. } => None,
            };
            let mine = arrives(r)?;
            let next = trace
                .segments()
                .into_iter()
                .filter(|s| s.from == r.from && s.id.0 > r.id.0)
                .find_map(|s| arrives(&s))?;
            Some(Action::Delay { segment: r.id, by_ms: next.0.saturating_sub(mine.0) + 1 })
        }
    }
}

fn record(ex: &mut Explored, run: &Run, witness: Vec<Step>) {
    let outcome = outcome_of(run);
    if ex.found.iter().any(|f| f.outcome == outcome) {
        return;
    }
    ex.found.push(Found { outcome, witness });
}

/// The outcome of a run.
pub fn outcome_of(run: &Run) -> Outcome {
    let trace = &run.trace;
    let end = Host::BOTH.map(|h| run.sim.host(h).state());
    let reset = Host::BOTH.map(|h| trace.errors_of(h).contains(&CallError::ConnectionReset));
    let (mut sent, mut got, mut twice) = ([0usize; 2], [0usize; 2], false);
    for e in &trace.events {
        if let EventKind::Call { host, call: AppCall::Send { data }, result: Ok(_) } = &e.kind {
            sent[host.peer().index()] += data.len();
        }
        if let EventKind::Delivered { host, data, stale } = &e.kind {
            got[host.index()] += data.len();
            twice |= *stale;
        }
    }
    let data_lost = (0..2).any(|i| got[i] < sent[i]);
    twice |= (0..2).any(|i| got[i] > sent[i]);
    Outcome { end, reset, data_lost, data_twice: twice, longest: Host::BOTH.map(|h| longest_closing(trace, h)) }
}

/// The longest `host` stayed in one closing state in the run (to its end).
pub fn longest_closing(trace: &Trace, host: Host) -> Option<(State, Duration)> {
    let states = trace.states(host);
    let end = trace.events.last().map_or(Time(0), |e| e.at);
    let mut best: Option<(State, Duration)> = None;
    for (i, (at, state)) in states.iter().enumerate() {
        let closing =
            matches!(state, State::FinWait1 | State::FinWait2 | State::Closing | State::CloseWait | State::LastAck);
        if !closing {
            continue;
        }
        let until = states.get(i + 1).map_or(end, |(t, _)| *t);
        let stay = until.since(*at);
        if best.is_none_or(|(_, d)| stay > d) {
            best = Some((*state, stay));
        }
    }
    best
}
