//! The one run loop. A `Runner` plays a script of timed actions against a simulation: the
//! events due before each action's time, then the action's batch, and so on up to the time
//! asked for. It stops at the event limit and says so, applies a policy to an action that
//! cannot apply (fail the run, or skip it and record why), and can keep checkpoints so that a
//! look at an earlier time — or a new action there — recomputes only the stretch since the
//! last checkpoint. `Scenario::run`, the conformance suite and the web lab all use it.

use crate::action::{Action, ActionError};
use crate::limits::MAX_EVENTS;
use crate::scenario::{batch_len, Run, Scenario, TimedAction};
use crate::simulation::Simulation;
use crate::time::Time;
use crate::trace::{Event, Trace};
use std::cell::Cell;

/// What to do with a scripted action that cannot be applied when its time comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnInvalid {
    /// Stop: the script is wrong (a scenario file naming a segment that is not in flight).
    Fail,
    /// Leave it out, remember why, and go on: the lab, where the user's changes can make a
    /// preset's later action pointless.
    Skip,
}

/// An action the runner left out under `OnInvalid::Skip`, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Its place in the script.
    pub index: usize,
    pub at: Time,
    pub action: Action,
    pub error: ActionError,
}

/// The action that stopped a run under `OnInvalid::Fail`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub index: usize,
    pub at: Time,
    pub error: ActionError,
}

/// Why a run stopped before the time it was asked to reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The trace reached `MAX_EVENTS`. `looping`: the hosts were only answering each other's
    /// unacceptable segments by then — a loop the rules allow (see `Stop::at_limit`);
    /// else the run is simply that long.
    EventLimit { looping: bool },
    /// The trace shows `limits::TRACE_BYTES` payload bytes.
    TraceBytes,
}

impl Stop {
    /// How many of the last events `at_limit` looks at to tell a loop from a long run.
    const LOOK_BACK: usize = 1_000;

    /// The run's budget was spent at the end of `trace`: which limit it reached. At the event
    /// limit, a loop if every segment among the last events, and there were some, answered an
    /// unacceptable segment (RFC 9293 §3.10.7.4 step 1, RFC 5961's challenges): two hosts that
    /// disagree about sequence numbers trading ACKs, perhaps multiplied by a duplicating rule.
    /// Anything else — data, a FIN, an application's call — means the run was making progress.
    fn at_limit(trace: &Trace) -> Stop {
        use crate::reason::Reason;
        use crate::trace::{EventKind, Origin};
        if !trace.is_full() {
            return Stop::TraceBytes;
        }
        let recent = &trace.events[trace.events.len().saturating_sub(Stop::LOOK_BACK)..];
        let mut answers = 0;
        let mut progress = false;
        for e in recent {
            match &e.kind {
                EventKind::Segment { origin: Origin::Sent { reason }, .. } => match reason {
                    Reason::UnacceptableSegment
                    | Reason::AckOfUnsentData
                    | Reason::ResetChallenge
                    | Reason::SynChallenge
                    | Reason::RetransmittedFin
                    | Reason::TimeWaitRestart
                    | Reason::TimeWaitRestartOnAck
                    | Reason::NoConnection => answers += 1,
                    _ => progress = true,
                },
                EventKind::Segment { origin: Origin::Injected, .. } | EventKind::Call { .. } => progress = true,
                _ => {}
            }
        }
        Stop::EventLimit { looping: answers > 0 && !progress }
    }
}

/// Every this many trace events a runner that keeps checkpoints copies the simulation, so that
/// going back replays only a few events.
pub const CHECKPOINT_EVERY: usize = 128;

#[derive(Clone, Debug)]
struct Checkpoint {
    sim: Simulation,
    trace_len: usize,
    /// The next script position to apply.
    pos: usize,
}

/// Where a run stands: the simulation and the next script position.
#[derive(Clone, Debug)]
struct Head {
    sim: Simulation,
    pos: usize,
}

/// How far a play goes.
#[derive(Clone, Copy)]
enum Until {
    /// Everything up to and including this time; then the clock stands there.
    Time(Time),
    /// Every scripted action up to this time, then events while any is due by then; the clock
    /// stands at the last event.
    Quiet(Time),
}

/// What a play writes besides the trace.
struct Sinks<'a> {
    checkpoints: Option<&'a mut Vec<Checkpoint>>,
    skipped: &'a mut Vec<Skipped>,
    observe: &'a mut dyn FnMut(&Simulation, &Trace),
    /// Events recorded before this trace began (a replay records into a trace of its own), for
    /// the event limit and the checkpoints' positions.
    before: usize,
}

/// A run of a scenario's start against a script.
#[derive(Clone, Debug)]
pub struct Runner {
    script: Vec<TimedAction>,
    on_invalid: OnInvalid,
    head: Head,
    trace: Trace,
    skipped: Vec<Skipped>,
    stopped: Option<Stop>,
    /// The first is the start, before any action; later ones only when `periodic`.
    checkpoints: Vec<Checkpoint>,
    periodic: bool,
    /// How many times a stretch of the run was recomputed from a checkpoint.
    replays: Cell<u64>,
}

/// The run as it stood at an earlier time, recomputed from the checkpoint before it, ready to
/// be looked at or to continue differently (`Runner::resume`).
#[derive(Clone, Debug)]
pub struct Past {
    head: Head,
    /// The checkpoint it was recomputed from, what of the run before it stays (events and
    /// skipped actions), and what the recomputation recorded after it.
    from_checkpoint: usize,
    trace_len: usize,
    keep_skipped: usize,
    events: Vec<Event>,
    skipped: Vec<Skipped>,
    checkpoints: Vec<Checkpoint>,
    stopped: Option<Stop>,
}

impl Past {
    /// The simulation at that time, everything at that instant done.
    pub fn sim(&self) -> &Simulation {
        &self.head.sim
    }

    pub fn into_sim(self) -> Simulation {
        self.head.sim
    }
}

impl Runner {
    /// A run of `scenario`'s start against `script` (put in time order, keeping the order of
    /// actions at the same time), at time zero.
    pub fn new(scenario: &Scenario, script: Vec<TimedAction>, on_invalid: OnInvalid) -> Runner {
        let script = in_time_order(script);
        let mut trace = Trace::for_script(script.len());
        let sim = scenario.start(&mut trace);
        let start = Checkpoint { sim: sim.clone(), trace_len: trace.len(), pos: 0 };
        Runner {
            script,
            on_invalid,
            head: Head { sim, pos: 0 },
            trace,
            skipped: Vec::new(),
            stopped: None,
            checkpoints: vec![start],
            periodic: false,
            replays: Cell::new(0),
        }
    }

    /// Keeps a copy of the simulation every `CHECKPOINT_EVERY` events, so that `past` replays
    /// about that many (and whatever else happens at the same instant); without, it replays
    /// from the start.
    pub fn with_checkpoints(mut self) -> Runner {
        self.periodic = true;
        self
    }

    pub fn sim(&self) -> &Simulation {
        &self.head.sim
    }

    pub fn now(&self) -> Time {
        self.head.sim.now()
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn script(&self) -> &[TimedAction] {
        &self.script
    }

    /// The next script entry to apply; those before it have been.
    pub fn script_pos(&self) -> usize {
        self.head.pos
    }

    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Why the run stopped early, if it did: nothing more happens in it.
    pub fn stopped(&self) -> Option<Stop> {
        self.stopped
    }

    /// How many times a stretch of the run has been recomputed from a checkpoint (by `past`).
    pub fn replays(&self) -> u64 {
        self.replays.get()
    }

    /// The run as it ends here, for reports and expectations.
    pub fn into_run(self) -> Run {
        let quiet = self.head.sim.next_event_time().is_none();
        Run { stopped: self.stopped, quiet, sim: self.head.sim, trace: self.trace }
    }

    /// Runs everything up to and including `to`; the clock then stands at `to` (it never goes
    /// back: an earlier `to` does nothing), unless the run stopped at the event limit first.
    pub fn run_to(&mut self, to: Time) -> Result<(), Invalid> {
        self.run_to_observed(to, &mut |_, _| {})
    }

    /// `run_to`, calling `observe` after every event and every batch of actions.
    pub fn run_to_observed(&mut self, to: Time, observe: &mut dyn FnMut(&Simulation, &Trace)) -> Result<(), Invalid> {
        self.play(Until::Time(to), observe)
    }

    /// Applies every scripted action up to `horizon`, then runs events while any is due by
    /// then; the clock stands at the last event.
    pub fn run_until_quiet_observed(
        &mut self,
        horizon: Time,
        observe: &mut dyn FnMut(&Simulation, &Trace),
    ) -> Result<(), Invalid> {
        self.play(Until::Quiet(horizon), observe)
    }

    fn play(&mut self, until: Until, observe: &mut dyn FnMut(&Simulation, &Trace)) -> Result<(), Invalid> {
        if self.stopped.is_some() {
            return Ok(());
        }
        let checkpoints = self.periodic.then_some(&mut self.checkpoints);
        let mut sinks = Sinks { checkpoints, skipped: &mut self.skipped, observe, before: 0 };
        self.stopped = play(&mut self.head, &self.script, self.on_invalid, until, &mut self.trace, &mut sinks)?;
        Ok(())
    }

    /// The run as it stood at `at` (at most now): the current state when `at` is now, else
    /// recomputed once from the last checkpoint before `at`. The runner itself is unchanged.
    pub fn past(&self, at: Time) -> Past {
        if at >= self.now() {
            return Past {
                head: self.head.clone(),
                from_checkpoint: self.checkpoints.len() - 1,
                trace_len: self.trace.len(),
                keep_skipped: self.skipped.len(),
                events: Vec::new(),
                skipped: Vec::new(),
                checkpoints: Vec::new(),
                stopped: self.stopped,
            };
        }
        self.replays.set(self.replays.get() + 1);
        // The start is a base for any time; a later checkpoint only for times after it (one
        // taken at `at` itself may precede actions scripted at `at`).
        // Any checkpoint up to `at` will do, also one taken at `at` itself: a new action scripted
        // at `at` goes after everything already there, so it comes after that checkpoint too.
        let i = self.checkpoints.iter().rposition(|c| c.sim.now() <= at).unwrap_or(0);
        let cp = &self.checkpoints[i];
        let mut head = Head { sim: cp.sim.clone(), pos: cp.pos };
        let mut trace = Trace::with_limit(MAX_EVENTS.saturating_sub(cp.trace_len));
        let mut skipped = Vec::new();
        let mut checkpoints = Vec::new();
        let mut sinks = Sinks {
            checkpoints: self.periodic.then_some(&mut checkpoints),
            skipped: &mut skipped,
            observe: &mut |_, _| {},
            before: cp.trace_len,
        };
        // The same script and policy gave the run so far: under `Fail` it did not fail before
        // now, so it cannot on the way back.
        let stopped =
            play(&mut head, &self.script, self.on_invalid, Until::Time(at), &mut trace, &mut sinks).unwrap_or(None);
        Past {
            head,
            from_checkpoint: i,
            trace_len: cp.trace_len,
            keep_skipped: self.skipped.iter().take_while(|s| s.index < cp.pos).count(),
            events: trace.events,
            skipped,
            checkpoints,
            stopped,
        }
    }

    /// Changes the run from `at` (at most now) on. The run is recomputed up to `at` once, from
    /// the last checkpoint before it, and `check` sees the simulation there: if it refuses, the
    /// runner is unchanged. Otherwise the script becomes what `script` makes of the current
    /// one (put in time order as by `new`; the entries applied by `at` must stay as they are),
    /// and everything computed after `at` is forgotten: the next `run_to` applies the new
    /// entries from there on.
    pub fn branch<E>(
        &mut self,
        at: Time,
        check: impl FnOnce(&Simulation) -> Result<(), E>,
        script: impl FnOnce(&[TimedAction]) -> Vec<TimedAction>,
    ) -> Result<(), E> {
        let past = self.past(at);
        check(past.sim())?;
        let script = in_time_order(script(&self.script));
        debug_assert_eq!(script.get(..past.head.pos), self.script.get(..past.head.pos), "the applied part is kept");
        self.resume(past, script);
        Ok(())
    }

    /// Continues the run from `past` with `script`.
    fn resume(&mut self, past: Past, script: Vec<TimedAction>) {
        self.checkpoints.truncate(past.from_checkpoint + 1);
        self.checkpoints.extend(past.checkpoints);
        self.trace.events.truncate(past.trace_len);
        self.trace.events.extend(past.events);
        self.skipped.truncate(past.keep_skipped);
        self.skipped.extend(past.skipped);
        self.head = past.head;
        self.stopped = past.stopped;
        self.script = script;
    }
}

/// Sorts a script by time, keeping the order of actions at the same time (a stable sort).
fn in_time_order(script: Vec<TimedAction>) -> Vec<TimedAction> {
    crate::order::by_key(script, |a| a.at)
}

/// Plays `script` from `head` as `until` says: the one loop every run goes through.
fn play(
    head: &mut Head,
    script: &[TimedAction],
    on_invalid: OnInvalid,
    until: Until,
    trace: &mut Trace,
    sinks: &mut Sinks,
) -> Result<Option<Stop>, Invalid> {
    let limit = match until {
        Until::Time(t) | Until::Quiet(t) => t,
    };
    let mut last_checkpoint = sinks.checkpoints.as_deref().and_then(|c| c.last()).map_or(sinks.before, |c| c.trace_len);
    loop {
        let batch_at = script.get(head.pos).map(|a| Time(a.at)).filter(|t| *t <= limit);
        // The events due before the next batch (or up to the limit).
        let due = batch_at.unwrap_or(limit);
        while let Some(next) = head.sim.next_event().filter(|(t, _)| *t <= due) {
            if head.sim.budget_spent(trace) {
                return Ok(Some(Stop::at_limit(trace)));
            }
            head.sim.run_event(next, trace);
            (sinks.observe)(&head.sim, trace);
            let len = sinks.before + trace.len();
            if let Some(checkpoints) = sinks.checkpoints.as_deref_mut() {
                if len >= last_checkpoint + CHECKPOINT_EVERY {
                    checkpoints.push(Checkpoint { sim: head.sim.clone(), trace_len: len, pos: head.pos });
                    last_checkpoint = len;
                }
            }
        }
        let Some(at) = batch_at else { break };
        if head.sim.budget_spent(trace) {
            return Ok(Some(Stop::at_limit(trace)));
        }
        head.sim.advance(at, trace);
        let end = head.pos + batch_len(&script[head.pos..], |a| (a.at, a.separate));
        apply_batch(head, script, end, on_invalid, trace, sinks)?;
        (sinks.observe)(&head.sim, trace);
    }
    // A batch may have filled the trace with nothing due after it: the run stops here all the
    // same, so that nothing more is applied to it.
    if head.sim.budget_spent(trace) {
        return Ok(Some(Stop::at_limit(trace)));
    }
    if let Until::Time(to) = until {
        head.sim.advance(to, trace);
    }
    Ok(None)
}

/// Applies the script's entries from `head.pos` to `end` as one batch, under `on_invalid`.
fn apply_batch(
    head: &mut Head,
    script: &[TimedAction],
    end: usize,
    on_invalid: OnInvalid,
    trace: &mut Trace,
    sinks: &mut Sinks,
) -> Result<(), Invalid> {
    let mut from = head.pos;
    while from < end {
        match head.sim.apply_batch(script[from..end].iter().map(|a| &a.action), trace) {
            Ok(()) => break,
            Err((k, error)) => {
                let index = from + k;
                let at = Time(script[index].at);
                match on_invalid {
                    OnInvalid::Fail => return Err(Invalid { index, at, error }),
                    OnInvalid::Skip => {
                        sinks.skipped.push(Skipped { index, at, action: script[index].action.clone(), error });
                        // The actions before it took effect already; the rest are applied next.
                        from = index + 1;
                    }
                }
            }
        }
    }
    head.pos = end;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Action, Host, SegmentId};

    /// B streams `n` data segments to A, then both close: a run long enough to checkpoint.
    fn streaming(n: u64) -> Scenario {
        let mut s = Scenario::blank();
        for i in 0..n {
            s = s.then(i * 7, Action::Send { host: Host::B, text: None, bytes: Some(100) });
        }
        s.then(n * 7 + 200, Action::Close { host: Host::B }).then(n * 7 + 300, Action::Close { host: Host::A })
    }

    fn runner(s: &Scenario, on_invalid: OnInvalid) -> Runner {
        Runner::new(s, s.actions.clone(), on_invalid).with_checkpoints()
    }

    #[test]
    fn a_look_back_replays_only_from_the_last_checkpoint() {
        let s = streaming(200);
        let mut r = runner(&s, OnInvalid::Fail);
        r.run_to(Time(3_000)).unwrap();
        assert!(r.trace().len() > 5 * CHECKPOINT_EVERY);
        for t in [0, 7, 350, 700, 1_399, 2_000, 2_999] {
            let past = r.past(Time(t));
            let alone = Scenario { until_ms: Some(t), ..s.clone() }.run().unwrap();
            assert_eq!(past.sim(), &alone.sim, "at {t} ms");
            assert!(past.events.len() < CHECKPOINT_EVERY + 20, "{} events replayed for {t} ms", past.events.len());
        }
        assert_eq!(r.replays(), 7);
        // Now is not a look back.
        let _ = r.past(Time(3_000));
        assert_eq!(r.replays(), 7);
    }

    /// Extending a few events at a time still leaves checkpoints behind.
    #[test]
    fn small_extensions_still_checkpoint() {
        let s = streaming(100);
        let mut r = runner(&s, OnInvalid::Fail);
        for t in (0..1_500).step_by(3) {
            r.run_to(Time(t)).unwrap();
        }
        let events = r.trace().len();
        assert!(events > 4 * CHECKPOINT_EVERY, "a long enough run: {events} events");
        assert!(r.checkpoints.len() >= events / CHECKPOINT_EVERY, "{} for {events} events", r.checkpoints.len());
    }

    #[test]
    fn an_action_that_cannot_apply_fails_the_run_or_is_skipped() {
        let s = Scenario::blank()
            .then(0, Action::Close { host: Host::A })
            .then(10, Action::Drop { segment: SegmentId(99) })
            .then(10, Action::Close { host: Host::B });
        let mut failing = runner(&s, OnInvalid::Fail);
        let e = failing.run_to(Time(1_000)).unwrap_err();
        assert_eq!((e.index, e.at), (1, Time(10)));
        let mut skipping = runner(&s, OnInvalid::Skip);
        skipping.run_to(Time(10)).unwrap();
        assert_eq!(skipping.skipped().len(), 1);
        assert_eq!(skipping.skipped()[0].index, 1);
        assert_eq!(skipping.sim().host(Host::B).state(), crate::State::FinWait1, "B's close still happened");
    }

    /// Branching in the past with an action added there gives the run a fresh runner gives
    /// with the same script.
    #[test]
    fn branching_in_the_past_is_running_the_new_script() {
        let s = streaming(50);
        let mut r = runner(&s, OnInvalid::Skip);
        r.run_to(Time(2_000)).unwrap();
        let in_flight = r.past(Time(200)).sim().network().flights()[0].id;
        let drop = TimedAction { at: 200, action: Action::Drop { segment: in_flight }, separate: true };
        let mut script = r.script().to_vec();
        script.push(drop.clone());
        // A refusal leaves the run as it was.
        let refused = r.branch(Time(200), |_| Err("no"), |_| unreachable!("not asked for after a refusal"));
        assert_eq!((refused, r.now()), (Err("no"), Time(2_000)));
        r.branch(
            Time(200),
            |sim| if sim.network().get(in_flight).is_some() { Ok(()) } else { Err("gone") },
            |old| old.iter().cloned().chain([drop]).collect(),
        )
        .unwrap();
        assert_eq!(r.now(), Time(200), "what came after is forgotten");
        r.run_to(Time(2_000)).unwrap();
        let mut fresh = Runner::new(&s, script, OnInvalid::Skip);
        fresh.run_to(Time(2_000)).unwrap();
        assert_eq!(r.trace(), fresh.trace());
        assert_eq!(r.sim(), fresh.sim());
    }

    #[test]
    fn the_event_limit_stops_the_run_and_says_so() {
        // Two hosts that disagree about sequence numbers trade ACKs for ever under RFC 9293.
        let json = r#"{"version": 1, "network": {"latency_ms": 0}, "actions": [{"at": 0, "do": "inject", "from": "B",
            "segment": {"flags": ["ACK"], "seq": 5001, "ack": 1001, "data": "forged"}}]}"#;
        let s = Scenario::from_json(json).unwrap();
        let mut r = runner(&s, OnInvalid::Fail);
        r.run_to(Time(10)).unwrap();
        assert_eq!(r.stopped(), Some(Stop::EventLimit { looping: true }));
        assert!(r.trace().len() >= MAX_EVENTS && r.trace().len() < MAX_EVENTS + 100);
        let len = r.trace().len();
        r.run_to(Time(1_000)).unwrap();
        assert_eq!(r.trace().len(), len, "nothing more happens");
    }
}
