//! Scenario files (`"version": 1`): a profile and its overrides, the initial condition, timed
//! actions, and optional expectations. The CLI, the presets, share links and the conformance
//! suite all use this one format. See docs/scenario-format.md.

use crate::action::Action;
use crate::endpoint::Endpoint;
use crate::expect::Expectation;
use crate::host::Host;
use crate::network::Network;
use crate::profile::{Overrides, Params, ProfileKind};
use crate::seq::Seq;
use crate::simulation::{Simulation, MAX_EVENTS};
use crate::time::{Duration, Time};
use crate::trace::Trace;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The scenario format this build reads and writes.
pub const VERSION: u32 = 1;

/// Runs stop here at the latest, so that a scenario whose connection stays open for ever
/// (CLOSE-WAIT has no timer) still finishes.
pub const DEFAULT_HORIZON_MS: u64 = 24 * 3_600_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]

pub struct Scenario {
    pub version: u32,
    /// A short name for lists and the command line (e.g. `simultaneous-close`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// What to watch for.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The conformance row this scenario implements (e.g. `S03`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub conformance: String,
    pub profile: ProfileKind,
    /// Overrides for both hosts.
    #[serde(skip_serializing_if = "is_default")]
    pub params: Overrides,
    /// Overrides for one host, applied after `params`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub host_params: BTreeMap<Host, Overrides>,
    pub network: NetworkSpec,
    pub initial: Initial,
    pub actions: Vec<TimedAction>,
    /// Stop the run at this time; by default it runs until nothing is pending (at most
    /// `DEFAULT_HORIZON_MS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until_ms: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<Expectation>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]

pub struct NetworkSpec {
    /// One-way latency in both directions.
    pub latency_ms: u64,
    /// Overrides `latency_ms` for segments from A.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_a_to_b_ms: Option<u64>,
    /// Overrides `latency_ms` for segments from B.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_b_to_a_ms: Option<u64>,
    /// The longest a segment survives in the network (the real MSL, whatever the hosts assume).
    pub segment_lifetime_ms: u64,
}

fn default_latency() -> u64 {
    50
}

fn default_lifetime() -> u64 {
    120_000
}

impl Default for NetworkSpec {
    fn default() -> NetworkSpec {
        NetworkSpec {
            latency_ms: default_latency(),
            latency_a_to_b_ms: None,
            latency_b_to_a_ms: None,
            segment_lifetime_ms: default_lifetime(),
        }
    }
}

/// How the run begins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Initial {
    /// Both hosts ESTABLISHED with these sequence numbers, so a close can start at once.
    Established { a: EstablishedSide, b: EstablishedSide },
    /// Both hosts CLOSED; the actions open the connection (listen, connect).
    Closed,
}

impl Default for Initial {
    /// The conformance default: A's next sequence number is 1001, B's is 5001.
    fn default() -> Initial {
        Initial::Established { a: EstablishedSide::new(1001), b: EstablishedSide::new(5001) }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]

pub struct EstablishedSide {
    /// This host's next sequence number (SND.UNA = SND.NXT).
    pub seq: u32,
    /// Bytes the peer sent earlier that this host's app has not read yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unread: Option<String>,
}

impl EstablishedSide {
    pub fn new(seq: u32) -> EstablishedSide {
        EstablishedSide { seq, unread: None }
    }
}

/// An action at a time. Actions must be in time order; those with the same time form one
/// batch (see `Simulation::apply_batch`): calls made together share segments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimedAction {
    pub at: u64,
    #[serde(flatten)]
    pub action: Action,
    /// Starts a batch of its own: the actions before it at the same time have taken effect and
    /// what they made the hosts send has gone out (as with two clicks in the lab, where a
    /// segment sent by the first can be held by the second).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub separate: bool,
}

/// How many of `actions` (which start a batch) belong to that batch: those at the same time,
/// up to the next one marked `separate`.
pub fn batch_len<T>(actions: &[T], at: impl Fn(&T) -> (u64, bool)) -> usize {
    let Some(first) = actions.first() else { return 0 };
    let time = at(first).0;
    1 + actions[1..].iter().take_while(|a| at(a) == (time, false)).count()
}

/// Why a scenario could not be loaded or run. Each names the place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioError {
    /// Not valid JSON.
    Syntax {
        message: String,
        line: usize,
        column: usize,
    },
    /// Valid JSON, but a field is missing, unknown, or of the wrong kind; `path` says where
    /// (`actions[3].host`).
    Invalid {
        path: String,
        message: String,
    },
    UnsupportedVersion {
        found: u32,
    },
    ActionsOutOfOrder {
        index: usize,
        at: u64,
        previous: u64,
    },
    InvalidAction {
        index: usize,
        at: u64,
        error: crate::action::ActionError,
    },
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Syntax { message, line, column } => write!(f, "not valid JSON at line {line}, column {column}: {message}"),
            ScenarioError::Invalid { path, message } if path.is_empty() => f.write_str(message),
            ScenarioError::Invalid { path, message } => write!(f, "{path}: {message}"),
            ScenarioError::UnsupportedVersion { found } => {
                write!(f, "version: this finwait reads version {VERSION} scenarios, not version {found}")
            }
            ScenarioError::ActionsOutOfOrder { index, at, previous } => write!(
                f,
                "actions[{index}].at: {at} ms is before the previous action's {previous} ms; actions must be in time order"
            ),
            ScenarioError::InvalidAction { index, at, error } => {
                write!(f, "actions[{index}] (at {at} ms): {}", describe_action_error(error))
            }
        }
    }
}

impl std::error::Error for ScenarioError {}

fn describe_action_error(e: &crate::action::ActionError) -> String {
    use crate::action::ActionError;
    use crate::network::NetworkError;
    match e {
        ActionError::Network(NetworkError::NotInFlight { segment }) => {
            format!("segment {segment} is not in the network at this time")
        }
        ActionError::Network(NetworkError::NotHeld { segment }) => format!("segment {segment} is not held"),
        ActionError::Network(NetworkError::SameSegment { segment }) => {
            format!("reorder needs two different segments, got {segment} twice")
        }
        ActionError::SendNeedsOnePayload => "send needs exactly one of \"text\" and \"bytes\"".into(),
        ActionError::TimerNotRunning { host, timer } => format!("{host}'s {timer:?} timer is not running"),
        ActionError::OutOfRange { field, max } => format!("{field} must be at most {max}"),
    }
}

impl Scenario {
    /// Reads a scenario from JSON, naming the field that is wrong when it is.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario = crate::decode::scenario(text)?;
        scenario.validate()?;
        Ok(scenario)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks what the types cannot: the version, the order of actions, value ranges.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version != VERSION {
            return Err(ScenarioError::UnsupportedVersion { found: self.version });
        }
        let mut previous = 0;
        for (index, a) in self.actions.iter().enumerate() {
            if a.at < previous {
                return Err(ScenarioError::ActionsOutOfOrder { index, at: a.at, previous });
            }
            previous = a.at;
        }
        let limit = crate::action::MAX_DELAY_MS;
        let n = &self.network;
        for (field, v) in [
            ("latency_ms", Some(n.latency_ms)),
            ("latency_a_to_b_ms", n.latency_a_to_b_ms),
            ("latency_b_to_a_ms", n.latency_b_to_a_ms),
        ] {
            if v.is_some_and(|v| v > limit) {
                return Err(ScenarioError::Invalid {
                    path: format!("network.{field}"),
                    message: format!("must be at most {limit}"),
                });
            }
        }
        for (path, o) in std::iter::once(("params".to_string(), &self.params))
            .chain(self.host_params.iter().map(|(h, o)| (format!("host_params.{h}"), o)))
        {
            o.validate()
                .map_err(|(field, message)| ScenarioError::Invalid { path: format!("{path}.{field}"), message })?;
        }
        Ok(())
    }

    pub fn params_for(&self, host: Host) -> Params {
        let base = Params::for_profile(self.profile).with(&self.params);
        match self.host_params.get(&host) {
            Some(o) => base.with(o),
            None => base,
        }
    }

    /// The simulation at time zero, before any action.
    pub fn start(&self, trace: &mut Trace) -> Simulation {
        let (a, b) = match &self.initial {
            Initial::Closed => (
                Endpoint::closed(Host::A, self.params_for(Host::A)),
                Endpoint::closed(Host::B, self.params_for(Host::B)),
            ),
            Initial::Established { a, b } => {
                let unread = |s: &EstablishedSide| s.unread.clone().unwrap_or_default().into_bytes();
                let (pa, pb) = (self.params_for(Host::A), self.params_for(Host::B));
                let (wa, wb) = (pa.window, pb.window);
                (
                    Endpoint::established(Host::A, pa, Seq(a.seq), Seq(b.seq), wb, &unread(a)),
                    Endpoint::established(Host::B, pb, Seq(b.seq), Seq(a.seq), wa, &unread(b)),
                )
            }
        };
        let n = &self.network;
        let network = Network::new(
            Duration(n.latency_a_to_b_ms.unwrap_or(n.latency_ms)),
            Duration(n.latency_b_to_a_ms.unwrap_or(n.latency_ms)),
            Duration(n.segment_lifetime_ms),
        );
        Simulation::new(a, b, network, trace)
    }

    /// Runs the scenario: its actions at their times, then on until `until_ms` or until
    /// nothing is pending.
    pub fn run(&self) -> Result<Run, ScenarioError> {
        self.run_observed(|_, _| {})
    }

    /// Runs the scenario, calling `observe` after every event and every batch of actions.
    /// A run that reaches `MAX_EVENTS` stops there, with `Run::cut_short` set.
    pub fn run_observed(&self, mut observe: impl FnMut(&Simulation, &Trace)) -> Result<Run, ScenarioError> {
        let mut trace = Trace::default();
        let mut sim = self.start(&mut trace);
        observe(&sim, &trace);
        let horizon = Time(self.until_ms.unwrap_or(DEFAULT_HORIZON_MS));
        let full = |trace: &Trace| trace.len() >= MAX_EVENTS;
        // Runs every event up to `to`; false when the event limit stopped it first.
        let run_to =
            |sim: &mut Simulation, trace: &mut Trace, to: Time, observe: &mut dyn FnMut(&Simulation, &Trace)| {
                while sim.next_event_time().is_some_and(|t| t <= to) {
                    if full(trace) {
                        return false;
                    }
                    sim.step(trace);
                    observe(sim, trace);
                }
                sim.advance(to, trace);
                true
            };
        let mut i = 0;
        let mut finished = true;
        while i < self.actions.len() && finished {
            let at = self.actions[i].at;
            if Time(at) > horizon {
                break;
            }
            let len = batch_len(&self.actions[i..], |a| (a.at, a.separate));
            let batch: Vec<Action> = self.actions[i..i + len].iter().map(|a| a.action.clone()).collect();
            if !run_to(&mut sim, &mut trace, Time(at), &mut observe) {
                finished = false;
                break;
            }
            if let Err((k, error)) = sim.apply_batch(&batch, &mut trace) {
                return Err(ScenarioError::InvalidAction { index: i + k, at, error });
            }
            observe(&sim, &trace);
            finished = run_to(&mut sim, &mut trace, Time(at), &mut observe);
            i += batch.len();
        }
        if finished {
            finished = match self.until_ms {
                Some(_) => run_to(&mut sim, &mut trace, horizon, &mut observe),
                None => loop {
                    match sim.next_event_time() {
                        Some(t) if t <= horizon => {}
                        _ => break true,
                    }
                    if full(&trace) {
                        break false;
                    }
                    sim.step(&mut trace);
                    observe(&sim, &trace);
                },
            };
        }
        let quiet = sim.next_event_time().is_none();
        Ok(Run { sim, trace, quiet, cut_short: !finished })
    }

    /// The bytes each host starts with unread (for the invariant checker).
    pub fn initial_unread(&self) -> [Vec<u8>; 2] {
        match &self.initial {
            Initial::Closed => [Vec::new(), Vec::new()],
            Initial::Established { a, b } => {
                let bytes = |s: &EstablishedSide| s.unread.clone().unwrap_or_default().into_bytes();
                [bytes(a), bytes(b)]
            }
        }
    }

    /// Runs the scenario with the invariants checked after every step, and checks its
    /// expectations: what `finwait check` and the conformance suite do.
    pub fn check(&self) -> Result<Report, ScenarioError> {
        let mut checker = crate::invariants::Checker::new(self.initial_unread());
        checker.allow_stale = self.allows_stale_delivery();
        let mut violations = Vec::new();
        let run = self.run_observed(|sim, trace| {
            if violations.is_empty() {
                if let Err(v) = checker.check(sim, trace) {
                    violations.push(v);
                }
            }
        })?;
        let mismatches = crate::expect::check(&self.expect, &run);
        Ok(Report { run, mismatches, violations })
    }

    /// A scenario that shortens TIME-WAIT below twice the network's segment lifetime lets old
    /// duplicates reach a new connection: that is a lesson (S23), not a bug in the simulator.
    fn allows_stale_delivery(&self) -> bool {
        let lifetime = self.network.segment_lifetime_ms;
        Host::BOTH.into_iter().any(|h| self.params_for(h).time_wait.ms() < lifetime.saturating_mul(2))
    }
}

/// What `Scenario::check` found.
#[derive(Clone, Debug)]
pub struct Report {
    pub run: Run,
    pub mismatches: Vec<crate::expect::Mismatch>,
    pub violations: Vec<crate::invariants::Violation>,
}

impl Report {
    /// Every expectation held, no invariant broke, and the run finished (was not stopped at
    /// the event limit).
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty() && self.violations.is_empty() && !self.run.cut_short
    }
}

/// The result of running a scenario.
#[derive(Clone, Debug)]
pub struct Run {
    pub sim: Simulation,
    pub trace: Trace,
    /// Nothing was pending when the run stopped.
    pub quiet: bool,
    /// The run reached `MAX_EVENTS` and was stopped there (see there why that can happen).
    pub cut_short: bool,
}
