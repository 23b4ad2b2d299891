//! A lab session: a scenario, the actions the user added, and the run computed from them up
//! to the furthest time reached (the head), by the core's `Runner`. The user can look at any
//! earlier time; acting at an earlier time branches: the user's later actions are dropped and
//! the run continues from there. Pure Rust with no web types, so it is tested natively.

use crate::user_actions::UserActions;
use finwait_core::run::{OnInvalid, Runner, Skipped, Stop};
use finwait_core::scenario::TimedAction;
use finwait_core::{Action, ActionError, CallError, CallKind, Scenario, Simulation, Time, Trace};

/// Why the session did not take a user's action. It is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq)]
pub enum ActError {
    /// The action is not valid at that time.
    Refused(ActionError),
    /// The run stopped at the event limit before that time, so nothing can happen there.
    RunStopped,
    /// A call at a past time would fail there: rather than throw the rest of the run away for
    /// a failing call, the session says why and keeps it.
    CallFails { call: CallKind, error: CallError },
}

#[derive(Clone, Debug)]
pub struct Session {
    base: Scenario,
    /// Every user action is `separate`: each click acts on what the ones before it sent.
    user: UserActions,
    runner: Runner,
    /// Names this session's run as long as its trace is only added to; a new one when the run
    /// is cut back (acting in the past), so that what was drawn of it is drawn again.
    epoch: u64,
}

/// A number no session has had (1 and up): see `Session::epoch`.
fn next_epoch() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Session {
    /// A session on `base`, at time zero.
    pub fn new(base: Scenario) -> Session {
        Session::with_user_actions(base, UserActions::default(), Time::ZERO)
    }

    /// A session on `base` with the user's actions, computed up to `head`.
    pub fn with_user_actions(base: Scenario, user: UserActions, head: Time) -> Session {
        let runner = Runner::new(&base, script(&base, &user.to_vec()), OnInvalid::Skip).with_checkpoints();
        let mut s = Session { base, user, runner, epoch: next_epoch() };
        s.extend_to(head);
        s
    }

    pub fn scenario(&self) -> &Scenario {
        &self.base
    }

    /// The same number while the trace is only added to (`geometry::timeline::layout_after`).
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The user's actions, first to last.
    pub fn user_actions(&self) -> Vec<TimedAction> {
        self.user.to_vec()
    }

    /// The user's actions as a list a copy of which shares them (what undo keeps).
    pub fn user_history(&self) -> &UserActions {
        &self.user
    }

    pub fn trace(&self) -> &Trace {
        self.runner.trace()
    }

    pub fn head(&self) -> &Simulation {
        self.runner.sim()
    }

    pub fn head_time(&self) -> Time {
        self.runner.now()
    }

    pub fn skipped(&self) -> &[Skipped] {
        self.runner.skipped()
    }

    /// How many times a stretch of the run was recomputed from a checkpoint.
    pub fn replays(&self) -> u64 {
        self.runner.replays()
    }

    /// The scenario plus the user's actions, as one scenario file (to save or share) whose run
    /// is this session's, up to the head and beyond: actions the session skipped are left out.
    pub fn to_scenario(&self) -> Scenario {
        let mut s = self.base.clone();
        let skipped = self.runner.skipped();
        s.actions = self
            .runner
            .script()
            .iter()
            .enumerate()
            .filter(|(i, _)| !skipped.iter().any(|k| k.index == *i))
            .map(|(_, a)| a.clone())
            .collect();
        s.expect.clear();
        s
    }

    /// Computes the run up to `to` (nothing happens if it is not after the head).
    pub fn extend_to(&mut self, to: Time) {
        // Under `Skip` an action that cannot apply is recorded, never an error.
        let _ = self.runner.run_to(to);
    }

    /// The simulation as it was at `t` (at most the head): everything at `t` has happened.
    pub fn sim_at(&self, t: Time) -> Simulation {
        self.runner.past(t).into_sim()
    }

    /// How many trace events had happened by time `t`.
    pub fn events_until(&self, t: Time) -> usize {
        self.trace().events.partition_point(|e| e.at <= t)
    }

    /// When the next thing happens after `t`: from the trace when `t` is in the past, else from
    /// the head (a segment arriving, a timer, or a scripted action).
    pub fn next_event_after(&self, t: Time) -> Option<Time> {
        if t < self.head_time() {
            let i = self.events_until(t);
            return Some(self.trace().events.get(i).map_or(self.head_time(), |e| e.at));
        }
        if self.cut_short() {
            return None;
        }
        let event = self.head().next_event_time();
        let scripted = self.runner.script().get(self.runner.script_pos()).map(|s| Time(s.at));
        match (event, scripted) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
        .map(|n| n.max(t))
    }

    /// Why the run stopped early, if it did (`limits::MAX_EVENTS`): nothing happens after.
    pub fn stopped(&self) -> Option<Stop> {
        self.runner.stopped()
    }

    /// The run reached the event limit and stopped there (see `limits::MAX_EVENTS`).
    pub fn cut_short(&self) -> bool {
        self.runner.stopped().is_some()
    }

    /// The user acts at time `at` (at most the head). Acting before the head branches: the
    /// user's actions after `at` are dropped, and so is everything computed after `at`. The run
    /// up to `at` is recomputed once, from the checkpoint before it; a refused action, or a
    /// call that would fail in the past, leaves the session as it was.
    pub fn act(&mut self, at: Time, action: Action) -> Result<(), ActError> {
        let at = at.min(self.head_time());
        let in_the_past = at < self.head_time();
        if self.cut_short() && !in_the_past {
            return Err(ActError::RunStopped);
        }
        let mut user = self.user.clone();
        user.keep_until(at);
        // The new action goes right after everything already scripted at `at`.
        user.push(TimedAction { at: at.ms(), action: action.clone(), separate: true });
        let base = &self.base;
        self.runner.branch(
            at,
            |sim| {
                if let (true, Some((host, call))) = (in_the_past, action.call()) {
                    if let Some(error) = sim.host(host).refusal(call) {
                        return Err(ActError::CallFails { call, error });
                    }
                }
                sim.clone().apply(&action, &mut Trace::default()).map(|_| ()).map_err(ActError::Refused)
            },
            |_| script(base, &user.to_vec()),
        )?;
        self.user = user;
        if in_the_past {
            self.epoch = next_epoch();
        }
        self.extend_to(at);
        Ok(())
    }
}

/// The scenario's actions and the user's, in the order they are applied: by time; at the same
/// time the scenario's own first, then the user's in the order they were made (the runner's
/// sort is stable).
fn script(base: &Scenario, user: &[TimedAction]) -> Vec<TimedAction> {
    base.actions.iter().chain(user).cloned().collect()
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

    /// A click in the past recomputes the run once, from the checkpoint before it: not once to
    /// see whether the action applies, once to apply it and once more to branch.
    #[test]
    fn acting_in_the_past_replays_the_run_once() {
        let mut s = Session::new(crate::stress::stress_scenario(200));
        s.extend_to(Time(10_000));
        let before = s.replays();
        let at = Time(700);
        let in_flight = s.sim_at(at).network().flights()[0].id;
        assert_eq!(s.replays(), before + 1, "looking is one replay");
        s.act(at, Action::Drop { segment: in_flight }).unwrap();
        assert_eq!(s.replays(), before + 2, "acting is one more");
        // A call that fails there, and an action that does not apply, cost one replay each too.
        s.extend_to(Time(5_000));
        let before = s.replays();
        assert!(s.act(Time(100), Action::Drop { segment: finwait_core::SegmentId(99_999) }).is_err());
        assert_eq!(s.replays(), before + 1);
        // At the head nothing is recomputed.
        let head = s.head_time();
        s.act(head, Action::Read { host: Host::A, max: None }).unwrap();
        assert_eq!(s.replays(), before + 1);
    }

    /// Many branches at random past times, some of them refused or making planned actions
    /// pointless, end where a fresh session given the same actions ends.
    #[test]
    fn random_branching_is_the_same_as_starting_afresh() {
        let mut seed: u64 = 0x5eed;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for name in ["duplicated-fin-in-time-wait-rfc", "data-overtaken-by-fin", "lost-final-ack"] {
            let mut s = Session::new(preset(name));
            for _ in 0..40 {
                s.extend_to(Time(s.head_time().ms() + next(400)));
                let at = Time(next(s.head_time().ms() + 1));
                let sim = s.sim_at(at);
                let action = match (next(4), sim.network().flights().front()) {
                    (0, Some(f)) => Action::Drop { segment: f.id },
                    (1, Some(f)) => Action::Delay { segment: f.id, by_ms: next(300) },
                    (2, _) => Action::Close { host: if next(2) == 0 { Host::A } else { Host::B } },
                    _ => Action::Read { host: Host::B, max: None },
                };
                let _ = s.act(at, action);
            }
            let mut fresh = Session::with_user_actions(s.scenario().clone(), s.user_actions().into(), s.head_time());
            fresh.extend_to(s.head_time());
            assert_eq!(fresh.trace(), s.trace(), "{name}");
            assert_eq!(fresh.head(), s.head(), "{name}");
            assert_eq!(fresh.skipped(), s.skipped(), "{name}");
            for t in [0, 50, 120, s.head_time().ms() / 2] {
                assert_eq!(fresh.sim_at(Time(t)), s.sim_at(Time(t)), "{name} at {t} ms");
            }
        }
    }

    #[test]
    fn earlier_times_replay_from_checkpoints() {
        let scenario = preset("retransmission-gives-up-linux");
        let s = Session::with_user_actions(scenario.clone(), UserActions::default(), Time(400_000));
        for t in [0, 999, 1000, 3000, 100_000, 366_999, 367_000] {
            let mut expected = scenario.clone();
            expected.until_ms = Some(t);
            let run = expected.run().unwrap();
            assert_eq!(s.sim_at(Time(t)), run.sim, "at {t} ms");
        }
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
        let mut s = Session::new(Scenario::blank());
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
        let reread = Scenario::from_json(&saved.to_json_text()).expect("a saved session reads back");
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
        assert!(s.trace().len() < finwait_core::limits::MAX_EVENTS + 100);
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
