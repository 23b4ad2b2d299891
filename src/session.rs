//! A lab session: a scenario, the actions the user added, and the simulation computed from them
//! up to the furthest time reached (the head). The user can look at any earlier time; acting
//! at an earlier time branches: the user's later actions are dropped and the run continues from
//! there. Pure Rust with no web types, so it is tested natively.

use finwait_core::scenario::{batch_len, TimedAction};
use finwait_core::simulation::MAX_EVENTS;
use finwait_core::{Action, ActionError, CallError, CallOutcome, EventKind, Scenario, Simulation, Time, Trace};

/// Every this many trace events the session keeps a copy of the simulation, so that showing an
/// earlier time replays only a few events.
const CHECKPOINT_EVERY: usize = 128;

#[derive(Clone, Debug)]
struct Checkpoint {
    sim: Simulation,
    trace_len: usize,
    /// The next script position to apply.
    script_pos: usize,
}

/// What went wrong applying a scripted action (e.g. a preset's "hold segment 2" after the user
/// changed which segment is number 2). The run goes on without it.
#[derive(Clone, Debug, PartialEq)]
pub struct SkippedAction {
    /// Its place in the script.
    index: usize,
    pub at: Time,
    pub action: Action,
    pub error: ActionError,
}

/// Why the session did not take a user's action.
#[derive(Clone, Debug, PartialEq)]
pub enum ActError {
    /// The action is not valid at that time.
    Refused(ActionError),
    /// The run stopped at the event limit before that time, so nothing can happen there.
    RunStopped,
}

#[derive(Clone, Debug)]
pub struct Session {
    base: Scenario,
    user: Vec<TimedAction>,
    /// The scenario's actions and the user's, in the order they are applied. Every user action
    /// is `separate`: each click acts on what the ones before it sent.
    script: Vec<TimedAction>,
    trace: Trace,
    head: Simulation,
    script_pos: usize,
    checkpoints: Vec<Checkpoint>,
    skipped: Vec<SkippedAction>,
}

impl Session {
    /// A session on `base`, at time zero.
    pub fn new(base: Scenario) -> Session {
        Session::with_user_actions(base, Vec::new(), Time::ZERO)
    }

    /// A session on `base` with the user's actions, computed up to `head`.
    pub fn with_user_actions(base: Scenario, user: Vec<TimedAction>, head: Time) -> Session {
        let mut trace = Trace::default();
        let sim = base.start(&mut trace);
        let mut s = Session {
            script: Vec::new(),
            base,
            user,
            trace,
            checkpoints: Vec::new(),
            head: sim,
            script_pos: 0,
            skipped: Vec::new(),
        };
        s.rebuild_script();
        s.checkpoints.push(Checkpoint { sim: s.head.clone(), trace_len: s.trace.len(), script_pos: 0 });
        s.extend_to(head);
        s
    }

    pub fn scenario(&self) -> &Scenario {
        &self.base
    }

    pub fn user_actions(&self) -> &[TimedAction] {
        &self.user
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn head(&self) -> &Simulation {
        &self.head
    }

    pub fn head_time(&self) -> Time {
        self.head.now()
    }

    pub fn skipped(&self) -> &[SkippedAction] {
        &self.skipped
    }

    /// The scenario plus the user's actions, as one scenario file (to save or share) whose run
    /// is this session's, up to the head and beyond: actions the session skipped are left out.
    pub fn to_scenario(&self) -> Scenario {
        let mut s = self.base.clone();
        s.actions = self
            .script
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.skipped.iter().any(|k| k.index == *i))
            .map(|(_, a)| a.clone())
            .collect();
        s.expect.clear();
        s
    }

    /// Script order: by time; at the same time the scenario's own actions come first, then the
    /// user's in the order they were made.
    fn rebuild_script(&mut self) {
        self.script = self.base.actions.iter().chain(&self.user).cloned().collect();
        // A stable sort keeps that order among actions at the same time.
        self.script.sort_by_key(|a| a.at);
    }

    /// Computes the run up to `to` (nothing happens if it is not after the head).
    pub fn extend_to(&mut self, to: Time) {
        if to < self.head.now() {
            return;
        }
        let mut checkpoints = std::mem::take(&mut self.checkpoints);
        let mut skipped = std::mem::take(&mut self.skipped);
        let mut pos = self.script_pos;
        run_script(&mut self.head, &self.script, &mut pos, to, &mut self.trace, Some(&mut checkpoints), &mut skipped);
        self.script_pos = pos;
        self.checkpoints = checkpoints;
        self.skipped = skipped;
    }

    /// The simulation as it was at `t` (at most the head): everything at `t` has happened.
    pub fn sim_at(&self, t: Time) -> Simulation {
        if t >= self.head.now() {
            return self.head.clone();
        }
        let i = self.checkpoints.partition_point(|c| c.sim.now() <= t).saturating_sub(1);
        let Some(cp) = self.checkpoints.get(i) else { return self.head.clone() };
        let mut sim = cp.sim.clone();
        let mut pos = cp.script_pos;
        let mut scratch = Trace::default();
        let mut skipped = Vec::new();
        run_script(&mut sim, &self.script, &mut pos, t, &mut scratch, None, &mut skipped);
        sim
    }

    /// How many trace events had happened by time `t`.
    pub fn events_until(&self, t: Time) -> usize {
        self.trace.events.partition_point(|e| e.at <= t)
    }

    /// When the next thing happens after `t`: from the trace when `t` is in the past, else from
    /// the head (a segment arriving, a timer, or a scripted action).
    pub fn next_event_after(&self, t: Time) -> Option<Time> {
        if t < self.head.now() {
            let i = self.events_until(t);
            if let Some(e) = self.trace.events.get(i) {
                return Some(e.at);
            }
            return Some(self.head.now());
        }
        if self.cut_short() {
            return None;
        }
        let event = self.head.next_event_time();
        let scripted = self.script.get(self.script_pos).map(|s| Time(s.at));
        match (event, scripted) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
        .map(|n| n.max(t))
    }

    /// What an application call would return if made at `at`: its name and result. `None` when
    /// the action is not an application call.
    pub fn call_result_at(&self, at: Time, action: &Action) -> Option<(&'static str, Result<CallOutcome, CallError>)> {
        let mut probe = self.sim_at(at.min(self.head.now()));
        let mut scratch = Trace::default();
        probe.apply(action, &mut scratch).ok()?;
        scratch.events.into_iter().find_map(|e| match e.kind {
            EventKind::Call { call, result, .. } => Some((call.name(), result)),
            _ => None,
        })
    }

    /// The run reached the event limit and stopped there (see `MAX_EVENTS`).
    pub fn cut_short(&self) -> bool {
        self.trace.len() >= MAX_EVENTS
    }

    /// The user acts at time `at` (at most the head). An invalid action changes nothing and
    /// returns its error. Acting before the head branches: the user's actions after `at` are
    /// dropped, and so is everything computed after `at`.
    pub fn act(&mut self, at: Time, action: Action) -> Result<(), ActError> {
        let at = at.min(self.head.now());
        if self.cut_short() && at == self.head.now() {
            return Err(ActError::RunStopped);
        }
        // Try it on a copy first, so that a refused action leaves the session as it was.
        let mut probe = self.sim_at(at);
        probe.apply(&action, &mut Trace::default()).map_err(ActError::Refused)?;

        self.user.retain(|a| Time(a.at) <= at);
        // The new action goes right after everything already scripted at `at`.
        self.user.push(TimedAction { at: at.ms(), action, separate: true });
        self.recompute_from(at);
        Ok(())
    }

    /// Computes the run again from the last checkpoint before `at` up to `at`, applying the
    /// actions scripted at `at` in their batches exactly as a run of `to_scenario()` does.
    /// Everything computed after `at` is forgotten.
    fn recompute_from(&mut self, at: Time) {
        self.rebuild_script();
        self.checkpoints.retain(|c| c.sim.now() < at);
        let Some(cp) = self.checkpoints.last() else {
            *self = Session::with_user_actions(self.base.clone(), self.user.clone(), at);
            return;
        };
        let mut sim = cp.sim.clone();
        let mut pos = cp.script_pos;
        let trace_len = cp.trace_len;
        self.trace.events.truncate(trace_len);
        self.skipped.retain(|s| s.index < pos);
        let mut checkpoints = std::mem::take(&mut self.checkpoints);
        let mut skipped = std::mem::take(&mut self.skipped);
        run_script(&mut sim, &self.script, &mut pos, at, &mut self.trace, Some(&mut checkpoints), &mut skipped);
        self.head = sim;
        self.script_pos = pos;
        self.checkpoints = checkpoints;
        self.skipped = skipped;
    }
}

/// Runs `sim` forward to `to`, applying the script's actions at their times: events up to an
/// action's time, then the batch of actions at that time, and so on.
fn run_script(
    sim: &mut Simulation,
    script: &[TimedAction],
    pos: &mut usize,
    to: Time,
    trace: &mut Trace,
    mut checkpoints: Option<&mut Vec<Checkpoint>>,
    skipped: &mut Vec<SkippedAction>,
) {
    // Checkpoint every CHECKPOINT_EVERY trace events, counted from the last checkpoint (not
    // from this call: the run is often extended a few events at a time).
    let mut last_checkpoint = checkpoints.as_deref().and_then(|c| c.last()).map_or(0, |c| c.trace_len);
    let mut step_to =
        |sim: &mut Simulation, trace: &mut Trace, t: Time, pos: usize, cps: &mut Option<&mut Vec<Checkpoint>>| {
            // Stop at the event limit: a run the rules let loop for ever must not hang the page.
            while sim.next_event_time().is_some_and(|n| n <= t) && trace.len() < MAX_EVENTS {
                sim.step(trace);
                if trace.len() >= last_checkpoint + CHECKPOINT_EVERY {
                    if let Some(cps) = cps.as_deref_mut() {
                        cps.push(Checkpoint { sim: sim.clone(), trace_len: trace.len(), script_pos: pos });
                    }
                    last_checkpoint = trace.len();
                }
            }
        };
    while let Some(next) = script.get(*pos).filter(|s| Time(s.at) <= to) {
        let at = Time(next.at);
        step_to(sim, trace, at, *pos, &mut checkpoints);
        if trace.len() >= MAX_EVENTS {
            return;
        }
        sim.advance(at, trace);
        let end = *pos + batch_len(&script[*pos..], |s| (s.at, s.separate));
        // Apply the batch, skipping (and remembering) actions that no longer make sense.
        let mut batch: Vec<Action> = script[*pos..end].iter().map(|s| s.action.clone()).collect();
        let mut indices: Vec<usize> = (*pos..end).collect();
        loop {
            match sim.apply_batch(&batch, trace) {
                Ok(()) => break,
                Err((k, error)) => {
                    let action = batch.remove(k);
                    let index = indices.remove(k);
                    skipped.push(SkippedAction { index, at, action, error });
                    // The actions before `k` took effect already; run the rest.
                    batch.drain(..k);
                    indices.drain(..k);
                }
            }
        }
        *pos = end;
    }
    step_to(sim, trace, to, *pos, &mut checkpoints);
    if trace.len() < MAX_EVENTS {
        sim.advance(to, trace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets;
    use finwait_core::{EventKind, Host, State};

    fn preset(name: &str) -> Scenario {
        presets::find(name).unwrap().scenario().unwrap()
    }

    /// The session reaches the same trace as the scenario runner, whatever steps it takes.
    #[test]
    fn extending_in_steps_matches_one_run() {
        for p in presets::PRESETS {
            let scenario = p.scenario().unwrap();
            let full = scenario.run().unwrap();
            let end = full.sim.now();
            let mut s = Session::new(scenario.clone());
            let mut t = Time::ZERO;
            while t < end {
                t = Time((t.ms() * 2 + 37).min(end.ms()));
                s.extend_to(t);
            }
            assert_eq!(s.trace(), &full.trace, "{}", p.file);
            assert_eq!(s.head(), &full.sim, "{}", p.file);
        }
    }

    #[test]
    fn earlier_times_replay_from_checkpoints() {
        let scenario = preset("retransmission-gives-up-linux");
        let s = Session::with_user_actions(scenario.clone(), Vec::new(), Time(400_000));
        for t in [0, 999, 1000, 3000, 100_000, 366_999, 367_000] {
            let mut expected = scenario.clone();
            expected.until_ms = Some(t);
            let run = expected.run().unwrap();
            assert_eq!(s.sim_at(Time(t)), run.sim, "at {t} ms");
        }
    }

    /// Extending a few events at a time still leaves checkpoints behind, so looking back
    /// replays little.
    #[test]
    fn small_extensions_still_checkpoint() {
        let mut s = Session::new(crate::stress::stress_scenario(100));
        let mut t = Time::ZERO;
        while let Some(next) = s.next_event_after(t) {
            t = next;
            s.extend_to(t);
        }
        let events = s.trace().len();
        assert!(events > 4 * CHECKPOINT_EVERY, "a long enough run: {events} events");
        assert!(
            s.checkpoints.len() >= events / CHECKPOINT_EVERY,
            "{} checkpoints for {events} events",
            s.checkpoints.len()
        );
    }

    #[test]
    fn acting_in_the_past_branches() {
        let mut s = Session::new(preset("active-close"));
        s.extend_to(Time(1000));
        assert_eq!(s.head().host(Host::A).state(), State::TimeWait);
        // Go back to 20 ms, while A's FIN is in flight, and drop it.
        let fin = s.sim_at(Time(20)).network().flights()[0].id;
        s.act(Time(20), Action::Drop { segment: fin }).unwrap();
        assert_eq!(s.head_time(), Time(20));
        assert!(s.trace().events.iter().all(|e| e.at <= Time(20)));
        s.extend_to(Time(500));
        // B never got the FIN; its close at 100 ms is in the scenario and still happens, so B
        // closes first as far as it knows, and A's FIN is still unacknowledged.
        assert_eq!(s.head().host(Host::B).state(), State::FinWait2);
        assert_eq!(s.head().host(Host::A).state(), State::Closing);
        // The same result as a fresh session given the same user action.
        let mut fresh = Session::new(preset("active-close"));
        fresh.extend_to(Time(20));
        fresh.act(Time(20), Action::Drop { segment: fin }).unwrap();
        fresh.extend_to(Time(500));
        assert_eq!(fresh.trace(), s.trace());
    }

    #[test]
    fn a_refused_action_changes_nothing() {
        let mut s = Session::new(preset("active-close"));
        s.extend_to(Time(300));
        let before = (s.trace().clone(), s.user_actions().to_vec(), s.head_time());
        let err = s.act(Time(100), Action::Drop { segment: finwait_core::SegmentId(99) });
        assert!(err.is_err());
        assert_eq!((s.trace().clone(), s.user_actions().to_vec(), s.head_time()), before);
    }

    #[test]
    fn a_failing_call_is_recorded_not_refused() {
        let mut s = Session::new(preset("active-close"));
        s.extend_to(Time(10));
        s.act(Time(10), Action::Close { host: Host::A }).unwrap();
        let last_call = s.trace().events.iter().rev().find_map(|e| match &e.kind {
            EventKind::Call { result, .. } => Some(result.clone()),
            _ => None,
        });
        assert_eq!(last_call, Some(Err(finwait_core::CallError::ConnectionClosing)));
    }

    /// A session saved as a scenario file replays to the same trace, whatever the user did —
    /// branching, actions of the plan that no longer applied, and several actions made one by
    /// one at the same instant (a run applies those as one batch).
    #[test]
    fn a_saved_session_replays_to_the_same_trace() {
        let mut s = Session::new(preset("duplicated-fin-in-time-wait-rfc"));
        s.extend_to(Time(300));
        // Back in time: drop A's FIN. B then closes first, and the plan's "duplicate segment 3"
        // and "delay segment 4" at 101 ms find nothing to act on.
        let fin = s.sim_at(Time(20)).network().flights()[0].id;
        s.act(Time(20), Action::Drop { segment: fin }).unwrap();
        s.extend_to(Time(5_000));
        assert_eq!(s.skipped().len(), 2);
        s.act(Time(5_000), Action::Read { host: Host::B, max: None }).unwrap();
        s.extend_to(Time(9_000));
        assert_replays(&s);
    }

    /// Actions made one by one at one instant act one after the other, as clicks do: a data
    /// segment just sent can be held before the FIN is queued behind it (S10 in the lab). A
    /// saved session replays them the same way.
    #[test]
    fn actions_at_one_instant_take_effect_one_by_one_live_and_replayed() {
        let mut s = Session::new(crate::store::blank_scenario());
        s.extend_to(Time(100));
        s.act(Time(100), Action::Send { host: Host::B, text: Some("data".into()), bytes: None }).unwrap();
        let data = s.head().network().flights()[0].id;
        s.act(Time(100), Action::Hold { segment: data }).unwrap();
        s.act(Time(100), Action::Close { host: Host::B }).unwrap();
        let sent: Vec<_> = s.trace().segments().into_iter().filter(|r| r.from == Host::B).collect();
        assert_eq!(sent.len(), 2, "the data, held, and the FIN on its own");
        assert_eq!(sent[0].fate, finwait_core::trace::Fate::Held);
        assert!(sent[1].segment.flags.fin && sent[1].segment.data.is_empty());
        s.extend_to(Time(1_000));
        assert!(s.skipped().is_empty());
        assert_replays(&s);
    }

    /// The session's run is the start of the run of its saved scenario, and the state at the
    /// head is the same.
    fn assert_replays(s: &Session) {
        let saved = s.to_scenario();
        let reread = Scenario::from_json(&saved.to_json()).expect("a saved session reads back");
        assert_eq!(reread, saved);
        let replayed = reread.clone().run().expect("it runs");
        let head = s.head_time();
        let upto = replayed.trace.events.iter().filter(|e| e.at <= head).cloned().collect::<Vec<_>>();
        assert_eq!(upto, s.trace().events, "the session's run is the start of the file's");
        let at_head = Scenario { until_ms: Some(head.ms()), ..reread }.run().expect("it runs");
        assert_eq!(at_head.sim, *s.head());
    }

    #[test]
    fn an_ack_storm_stops_at_the_event_limit() {
        let json = r#"{"version": 1, "network": {"latency_ms": 0}, "actions": [{"at": 0, "do": "inject", "from": "B",
            "segment": {"flags": ["ACK"], "seq": 5001, "ack": 1001, "data": "forged"}}]}"#;
        let mut s = Session::new(Scenario::from_json(json).unwrap());
        s.extend_to(Time(10));
        assert!(s.cut_short());
        assert_eq!(s.head_time(), Time::ZERO, "the storm never lets time move on");
        // Asking for later times does not loop either, and nothing is next.
        s.extend_to(Time(1_000));
        assert!(s.trace().len() < MAX_EVENTS + 100);
        assert_eq!(s.next_event_after(s.head_time()), None);
        // Nothing can happen after the storm: an action there is refused, not lost.
        assert_eq!(s.act(Time(10), Action::Abort { host: Host::A }), Err(ActError::RunStopped));
        assert!(s.user_actions().is_empty());
    }

    #[test]
    fn next_event_comes_from_the_trace_or_the_head() {
        let mut s = Session::new(preset("active-close"));
        assert_eq!(s.next_event_after(Time::ZERO), Some(Time(50)));
        s.extend_to(Time(200));
        assert_eq!(s.next_event_after(Time(0)), Some(Time(50)));
        assert_eq!(s.next_event_after(Time(100)), Some(Time(150)));
        assert_eq!(s.next_event_after(Time(200)), Some(Time(240_150)));
    }
}
