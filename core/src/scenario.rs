//! Scenario files (`"version": 1`): a profile and its overrides, the initial condition, timed
//! actions, and optional expectations. The CLI, the presets, share links and the conformance
//! suite all use this one format; each part reads and writes itself below. See
//! docs/scenario-format.md.

use crate::action::{Action, ActionError, ActionKind};
use crate::endpoint::Endpoint;
use crate::expect::Expectation;
use crate::host::Host;
use crate::json::Json;
use crate::limits::{self, Limit};
use crate::network::{Network, NetworkError};
use crate::profile::{Overrides, Params, ProfileKind};
use crate::run::{Invalid, OnInvalid, Runner};
use crate::seq::Seq;
use crate::simulation::Simulation;
use crate::time::{Duration, Time};
use crate::trace::Trace;
use crate::wire::{self, At, Fields};
use std::fmt;

/// The scenario format this build reads and writes.
pub const VERSION: u32 = 1;

/// The name of `Scenario::blank()`, the lab's open connection with nothing planned.
pub const BLANK: &str = "blank";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub version: u32,
    /// A short name for lists and the command line (e.g. `simultaneous-close`).
    pub name: String,
    pub title: String,
    /// What to watch for.
    pub description: String,
    /// The conformance row this scenario implements (e.g. `S03`).
    pub conformance: String,
    pub profile: ProfileKind,
    /// Overrides for both hosts.
    pub params: Overrides,
    /// Overrides for one host (by `Host::index`), applied after `params`.
    pub host_params: [Option<Overrides>; 2],
    pub network: NetworkSpec,
    pub initial: Initial,
    pub actions: Vec<TimedAction>,
    /// Stop the run at this time; by default it runs until nothing is pending (at most
    /// `limits::HORIZON_MS`).
    pub until_ms: Option<u64>,
    pub expect: Vec<Expectation>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkSpec {
    /// One-way latency in both directions.
    pub latency_ms: u64,
    /// Overrides `latency_ms` for segments from A.
    pub latency_a_to_b_ms: Option<u64>,
    /// Overrides `latency_ms` for segments from B.
    pub latency_b_to_a_ms: Option<u64>,
    /// The longest a segment survives in the network (the real MSL, whatever the hosts assume).
    pub segment_lifetime_ms: u64,
}

impl Default for NetworkSpec {
    fn default() -> NetworkSpec {
        NetworkSpec { latency_ms: 50, latency_a_to_b_ms: None, latency_b_to_a_ms: None, segment_lifetime_ms: 120_000 }
    }
}

impl NetworkSpec {
    /// Fields left out keep their defaults.
    fn read(a: At) -> wire::Result<NetworkSpec> {
        let mut o = a.object()?;
        let d = NetworkSpec::default();
        let n = NetworkSpec {
            latency_ms: o.opt("latency_ms", wire::u64)?.unwrap_or(d.latency_ms),
            latency_a_to_b_ms: o.opt("latency_a_to_b_ms", wire::u64)?,
            latency_b_to_a_ms: o.opt("latency_b_to_a_ms", wire::u64)?,
            segment_lifetime_ms: o.opt("segment_lifetime_ms", wire::u64)?.unwrap_or(d.segment_lifetime_ms),
        };
        o.done()?;
        Ok(n)
    }

    /// The one-way latency of segments sent by `from`, in milliseconds.
    pub fn latency(&self, from: Host) -> u64 {
        match from {
            Host::A => self.latency_a_to_b_ms,
            Host::B => self.latency_b_to_a_ms,
        }
        .unwrap_or(self.latency_ms)
    }

    fn to_json(&self) -> Json {
        Fields::new()
            .put("latency_ms", self.latency_ms)
            .opt("latency_a_to_b_ms", self.latency_a_to_b_ms)
            .opt("latency_b_to_a_ms", self.latency_b_to_a_ms)
            .put("segment_lifetime_ms", self.segment_lifetime_ms)
            .into()
    }
}

/// How the run begins.
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl Initial {
    /// `"closed"` or `{"established": {"a": {…}, "b": {…}}}`.
    fn read(a: At) -> wire::Result<Initial> {
        if a.v.as_str() == Some("closed") {
            return Ok(Initial::Closed);
        }
        let not_it = || a.invalid(format!("expected \"closed\" or {{\"established\": …}}, found {}", wire::found(a.v)));
        let mut o = a.object().map_err(|_| not_it())?;
        let r = o.req("established", |a| {
            let mut o = a.object()?;
            let r =
                Initial::Established { a: o.req("a", EstablishedSide::read)?, b: o.req("b", EstablishedSide::read)? };
            o.done()?;
            Ok(r)
        })?;
        o.done()?;
        Ok(r)
    }

    fn to_json(&self) -> Json {
        match self {
            Initial::Closed => Json::from("closed"),
            Initial::Established { a, b } => {
                let sides = Fields::new().put("a", a.to_json()).put("b", b.to_json());
                Fields::new().put("established", sides).into()
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EstablishedSide {
    /// This host's next sequence number (SND.UNA = SND.NXT).
    pub seq: u32,
    /// Bytes the peer sent earlier that this host's app has not read yet.
    pub unread: Option<String>,
}

impl EstablishedSide {
    pub fn new(seq: u32) -> EstablishedSide {
        EstablishedSide { seq, unread: None }
    }

    fn read(a: At) -> wire::Result<EstablishedSide> {
        let mut o = a.object()?;
        let r = EstablishedSide { seq: o.req("seq", wire::u32)?, unread: o.opt("unread", wire::string)? };
        o.done()?;
        Ok(r)
    }

    fn to_json(&self) -> Json {
        Fields::new().put("seq", self.seq).opt("unread", self.unread.clone()).into()
    }
}

/// An action at a time. Actions must be in time order; those with the same time form one
/// batch (see `Simulation::apply_batch`): calls made together share segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimedAction {
    pub at: u64,
    pub action: Action,
    /// Starts a batch of its own: the actions before it at the same time have taken effect and
    /// what they made the hosts send has gone out (as with two clicks in the lab, where a
    /// segment sent by the first can be held by the second).
    pub separate: bool,
}

impl TimedAction {
    /// `{"at": 100, "do": "close", "host": "A"}`.
    pub(crate) fn read(a: At) -> wire::Result<TimedAction> {
        let mut o = a.object()?;
        let at = o.req("at", wire::u64)?;
        let kind = o.req("do", wire::named::<ActionKind>)?;
        let separate = o.opt("separate", wire::bool)?.unwrap_or(false);
        let action = Action::read_fields(kind, &mut o)?;
        o.done()?;
        Ok(TimedAction { at, action, separate })
    }

    pub fn to_json(&self) -> Json {
        Fields::new().put("at", self.at).extend(self.action.fields()).unless("separate", self.separate, false).into()
    }
}

/// `{"A": {…overrides…}}`.
fn read_host_params(a: At) -> wire::Result<[Option<Overrides>; 2]> {
    let o = a.object()?;
    let mut out = [None, None];
    for (k, v) in o.members() {
        let key = Json::String(k.clone());
        let host = wire::named::<Host>(At { v: &key, path: o.path() })?;
        let path = format!("{}.{}", o.path(), host.name());
        out[host.index()] = Some(Overrides::read(At { v, path: &path })?);
    }
    Ok(out)
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
    /// Not UTF-8: the first byte that is not, by line and column (of the text before it) and
    /// by its place in the file (counted from 1).
    Encoding {
        line: usize,
        column: usize,
        offset: usize,
        byte: u8,
    },
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
        error: ActionError,
    },
}

impl From<Box<ScenarioError>> for ScenarioError {
    fn from(e: Box<ScenarioError>) -> ScenarioError {
        *e
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Encoding { line, column, offset, byte } => write!(
                f,
                "not UTF-8 text at line {line}, column {column}: byte {offset} of the file is 0x{byte:02x}; \
                 scenario files are UTF-8 JSON"
            ),
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

/// An action error in the words of a scenario file's author (the lab says it in its own words,
/// through `finwait-messages`).
fn describe_action_error(e: &ActionError) -> String {
    match e {
        ActionError::Network(NetworkError::NotInFlight { segment }) => {
            format!("segment {segment} is not in the network at this time")
        }
        ActionError::Network(NetworkError::NotHeld { segment }) => format!("segment {segment} is not held"),
        ActionError::Network(NetworkError::SameSegment { segment }) => {
            format!("reorder needs two different segments, got {segment} twice")
        }
        ActionError::SendNeedsOnePayload => "send needs exactly one of \"text\" and \"bytes\"".into(),
        ActionError::TimerNotRunning { host, timer } => format!("{host}'s {} timer is not running", timer.name()),
        ActionError::OutOfRange { field } => format!("{} {}", field.name(), field.limit()),
        ActionError::RunBytes { made, asked } => format!(
            "{asked} more bytes would take this run past {} bytes of payload (sent and injected in all; \
             it has {made}): finwait keeps every run within that, so that no file can take more memory",
            limits::RUN_BYTES
        ),
    }
}

impl Scenario {
    /// An established connection with nothing planned (the lab's blank page, and a base for
    /// scenarios built in code).
    pub fn blank() -> Scenario {
        Scenario {
            version: VERSION,
            name: BLANK.into(),
            title: String::new(),
            description: String::new(),
            conformance: String::new(),
            profile: ProfileKind::default(),
            params: Overrides::default(),
            host_params: [None, None],
            network: NetworkSpec::default(),
            initial: Initial::default(),
            actions: Vec::new(),
            until_ms: None,
            expect: Vec::new(),
        }
    }

    /// Adds an action at `at` (after those already there): for building scenarios in code.
    #[must_use]
    pub fn then(mut self, at: u64, action: Action) -> Scenario {
        self.actions.push(TimedAction { at, action, separate: false });
        self
    }

    /// Reads a scenario from a file's bytes: UTF-8 JSON (a byte-order mark at the start is
    /// skipped). Where the bytes are not UTF-8, the error says where.
    pub fn from_bytes(bytes: &[u8]) -> Result<Scenario, ScenarioError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let offset = e.valid_up_to();
            let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            ScenarioError::Encoding { line, column, offset: offset + 1, byte: bytes.get(offset).copied().unwrap_or(0) }
        })?;
        Scenario::from_json(text)
    }

    /// Reads a scenario from JSON, naming the field that is wrong when it is.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let root = crate::json::parse(text).map_err(|e| ScenarioError::Syntax {
            message: e.message,
            line: e.line,
            column: e.column,
        })?;
        Scenario::from_value(&root)
    }

    /// Reads a scenario from a JSON value already parsed (a course page's message).
    pub fn from_value(root: &Json) -> Result<Scenario, ScenarioError> {
        let scenario = Scenario::read(At::root(root))?;
        scenario.validate()?;
        Ok(scenario)
    }

    pub(crate) fn read(a: At) -> wire::Result<Scenario> {
        let mut o = a.object()?;
        // The version first: a file from a newer finwait is reported as such, not as a list of
        // unknown fields.
        let version = o.req("version", wire::u32)?;
        if version != VERSION {
            return Err(Box::new(ScenarioError::UnsupportedVersion { found: version }));
        }
        let s = Scenario {
            version,
            name: o.opt("name", wire::string)?.unwrap_or_default(),
            title: o.opt("title", wire::string)?.unwrap_or_default(),
            description: o.opt("description", wire::string)?.unwrap_or_default(),
            conformance: o.opt("conformance", wire::string)?.unwrap_or_default(),
            profile: o.opt("profile", wire::named::<ProfileKind>)?.unwrap_or_default(),
            params: o.opt("params", Overrides::read)?.unwrap_or_default(),
            host_params: o.opt("host_params", read_host_params)?.unwrap_or_default(),
            network: o.opt("network", NetworkSpec::read)?.unwrap_or_default(),
            initial: o.opt("initial", Initial::read)?.unwrap_or_default(),
            actions: o.opt("actions", |a| a.each(TimedAction::read))?.unwrap_or_default(),
            until_ms: o.opt("until_ms", wire::u64)?,
            expect: crate::expect::read_list(&mut o)?,
        };
        o.done()?;
        Ok(s)
    }

    /// The scenario as a file: what was read, written back (defaults left out where the
    /// format allows).
    pub fn to_json(&self) -> Json {
        let text = |s: &String| (!s.is_empty()).then(|| s.clone());
        let per_host = || Host::ALL.iter().filter_map(|h| Some((*h, self.host_params[h.index()].as_ref()?)));
        let host_params = Json::Object(per_host().map(|(h, o)| (h.name().to_string(), o.to_json())).collect());
        Fields::new()
            .put("version", self.version)
            .opt("name", text(&self.name))
            .opt("title", text(&self.title))
            .opt("description", text(&self.description))
            .opt("conformance", text(&self.conformance))
            .put("profile", self.profile)
            .opt("params", (self.params != Overrides::default()).then(|| self.params.to_json()))
            .opt("host_params", per_host().next().is_some().then_some(host_params))
            .put("network", self.network.to_json())
            .put("initial", self.initial.to_json())
            .put("actions", wire::list(&self.actions, TimedAction::to_json))
            .opt("until_ms", self.until_ms)
            .opt("expect", (!self.expect.is_empty()).then(|| wire::list(&self.expect, Expectation::to_json)))
            .into()
    }

    /// The scenario as a file's text.
    pub fn to_json_text(&self) -> String {
        self.to_json().to_pretty()
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
        let n = &self.network;
        let limited: [(&str, Option<u64>, Limit); 3] = [
            ("latency_ms", Some(n.latency_ms), limits::LATENCY_MS),
            ("latency_a_to_b_ms", n.latency_a_to_b_ms, limits::LATENCY_MS),
            ("latency_b_to_a_ms", n.latency_b_to_a_ms, limits::LATENCY_MS),
        ];
        for (field, v, limit) in limited {
            if v.is_some_and(|v| !limit.contains(v)) {
                return Err(*wire::invalid(&format!("network.{field}"), limit.to_string()));
            }
        }
        for (path, o) in std::iter::once(("params".to_string(), &self.params)).chain(
            Host::ALL.iter().filter_map(|h| Some((format!("host_params.{h}"), self.host_params[h.index()].as_ref()?))),
        ) {
            o.validate().map_err(|(field, limit)| *wire::invalid(&format!("{path}.{field}"), limit.to_string()))?;
        }
        Ok(())
    }

    pub fn params_for(&self, host: Host) -> Params {
        let base = Params::for_profile(self.profile).with(&self.params);
        match &self.host_params[host.index()] {
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
                // As if the handshake had just happened: each side has measured one round trip.
                let rtt = Duration(self.network.latency(Host::A).saturating_add(self.network.latency(Host::B)));
                (
                    Endpoint::established(Host::A, pa, Seq(a.seq), Seq(b.seq), wb, &unread(a)).with_round_trip(rtt),
                    Endpoint::established(Host::B, pb, Seq(b.seq), Seq(a.seq), wa, &unread(b)).with_round_trip(rtt),
                )
            }
        };
        let n = &self.network;
        let network =
            Network::new(Duration(n.latency(Host::A)), Duration(n.latency(Host::B)), Duration(n.segment_lifetime_ms));
        Simulation::new(a, b, network, trace)
    }

    /// Runs the scenario: its actions at their times, then on until `until_ms` or until
    /// nothing is pending.
    pub fn run(&self) -> Result<Run, ScenarioError> {
        self.run_observed(&mut |_, _| {})
    }

    /// Runs the scenario, calling `observe` at the start and after every event and every
    /// batch of actions. A run that reaches `limits::MAX_EVENTS` stops there, with
    /// `Run::cut_short` set. The scenario is validated first, so one built in code with its
    /// actions out of order is refused as a file would be.
    pub fn run_observed(&self, observe: &mut dyn FnMut(&Simulation, &Trace)) -> Result<Run, ScenarioError> {
        self.validate()?;
        let mut runner = Runner::new(self, self.actions.clone(), OnInvalid::Fail);
        observe(runner.sim(), runner.trace());
        let played = match self.until_ms {
            Some(until) => runner.run_to_observed(Time(until), observe),
            None => runner.run_until_quiet_observed(Time(limits::HORIZON_MS), observe),
        };
        played.map_err(|Invalid { index, at, error }| ScenarioError::InvalidAction { index, at: at.ms(), error })?;
        Ok(runner.into_run())
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
        let run = self.run_observed(&mut |sim, trace| {
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
        self.mismatches.is_empty() && self.violations.is_empty() && self.run.stopped.is_none()
    }
}

/// The result of running a scenario.
#[derive(Clone, Debug)]
pub struct Run {
    pub sim: Simulation,
    pub trace: Trace,
    /// Nothing was pending when the run stopped.
    pub quiet: bool,
    /// Why the run stopped before its end (`limits::MAX_EVENTS`), if it did.
    pub stopped: Option<crate::run::Stop>,
}

#[cfg(test)]
mod tests {
    use crate::presets::PRESETS;
    use crate::scenario::{Scenario, ScenarioError};

    fn error(json: &str) -> String {
        Scenario::from_json(json).expect_err("should be refused").to_string()
    }

    /// What `to_json` writes, the reader reads back unchanged: the two stay in step.
    #[test]
    fn every_preset_round_trips() {
        for p in PRESETS {
            let s = p.scenario().unwrap();
            let again = Scenario::from_json(&s.to_json_text()).unwrap();
            assert_eq!(s, again, "{}", p.file);
        }
    }

    #[test]
    fn a_minimal_file_gets_the_defaults() {
        let s = Scenario::from_json(r#"{"version": 1}"#).unwrap();
        assert_eq!(s.network.latency_ms, 50);
        assert!(s.actions.is_empty() && s.expect.is_empty());
    }

    #[test]
    fn errors_name_the_path() {
        assert_eq!(
            error(r#"{"version": 1, "actions": [{"at": 0, "do": "close", "host": "C"}]}"#),
            r#"actions[0].host: expected one of "A", "B", found "C""#
        );
        assert_eq!(
            error(r#"{"version": 1, "actions": [{"at": 0, "do": "close", "hots": "A"}]}"#),
            r#"actions[0]: missing field "host""#
        );
        assert!(error(r#"{"version": 1, "actions": [{"at": 0, "do": "close", "host": "A", "hots": 1}]}"#)
            .starts_with(r#"actions[0]: unknown field "hots"; expected one of"#));
        assert!(error(r#"{"version": 1, "params": {"msl": 5}}"#).starts_with(r#"params: unknown field "msl";"#));
        assert_eq!(
            error(r#"{"version": 1, "expect": [{"states": {"host": "A", "sequence": ["FIN_WAIT_1"]}}]}"#)
                .split(',')
                .next()
                .unwrap(),
            r#"expect[0].states.sequence[0]: expected one of "CLOSED""#
        );
        assert_eq!(
            error(r#"{"version": 1, "actions": [{"at": -5, "do": "close", "host": "A"}]}"#),
            "actions[0].at: expected a whole number ≥ 0, found -5"
        );
    }

    /// Calls at one time share segments unless one is marked `separate`.
    #[test]
    fn a_separate_action_starts_its_own_batch() {
        let segments_from_b = |separate: bool| {
            let json = format!(
                r#"{{"version": 1, "actions": [{{"at": 5, "do": "send", "host": "B", "text": "x"}},
                    {{"at": 5, "do": "close", "host": "B", "separate": {separate}}}]}}"#
            );
            let s = Scenario::from_json(&json).unwrap();
            assert_eq!(Scenario::from_json(&s.to_json_text()).unwrap(), s, "it round-trips");
            let run = s.run().unwrap();
            run.trace.segments().iter().filter(|r| r.from == crate::host::Host::B && r.sent_at.ms() == 5).count()
        };
        assert_eq!(segments_from_b(false), 1, "the FIN rides on the data");
        assert_eq!(segments_from_b(true), 2, "the data went out before the close");
    }

    /// Files that ran before every limit was stated once still run: a zero delay, zero bytes.
    #[test]
    fn zero_is_still_a_delay_and_a_payload() {
        let json = r#"{"version": 1, "actions": [{"at": 0, "do": "close", "host": "A"},
            {"at": 10, "do": "delay", "segment": 1, "by_ms": 0},
            {"at": 10, "do": "send", "host": "B", "bytes": 0},
            {"at": 10, "do": "rule", "rule": {"kind": "any", "fault": "delay", "by_ms": 0}}]}"#;
        assert!(Scenario::from_json(json).unwrap().run().is_ok());
    }

    /// A number out of its limit is refused where it stands, with the range.
    #[test]
    fn values_keep_their_limits() {
        assert_eq!(
            error(r#"{"version": 1, "network": {"latency_ms": 3600001}}"#),
            "network.latency_ms: must be at most 3600000"
        );
        assert_eq!(error(r#"{"version": 1, "params": {"mss": 0}}"#), "params.mss: must be between 1 and 65535");
        let json = r#"{"version": 1, "actions": [{"at": 0, "do": "close", "host": "A"},
            {"at": 20, "do": "delay", "segment": 1, "by_ms": 3600001}]}"#;
        let e = Scenario::from_json(json).unwrap().run().unwrap_err();
        assert_eq!(e.to_string(), "actions[1] (at 20 ms): by_ms must be at most 3600000");
    }

    #[test]
    fn a_rule_for_no_segments_is_refused() {
        assert_eq!(
            error(
                r#"{"version": 1, "actions": [{"at": 0, "do": "rule", "rule": {"kind": "fin", "fault": "drop", "count": 0}}]}"#
            ),
            r#"actions[0].rule.count: expected at least 1 (leave "count" out for every segment), found 0"#
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = Scenario::from_json("{\n  \"version\": 1,\n}").unwrap_err();
        assert!(matches!(e, ScenarioError::Syntax { line: 3, .. }), "{e:?}");
    }

    #[test]
    fn a_newer_version_is_named_as_such() {
        assert_eq!(
            error(r#"{"version": 2, "something_new": true}"#),
            "version: this finwait reads version 1 scenarios, not version 2"
        );
        assert!(error(r#"{"actions": []}"#).contains("missing field \"version\""));
    }

    #[test]
    fn nullable_overrides_switch_behaviour_off() {
        let s =
            Scenario::from_json(r#"{"version": 1, "params": {"delayed_ack_ms": null, "fin_wait_2_timeout_ms": 5}}"#)
                .unwrap();
        assert_eq!(s.params.delayed_ack_ms, Some(None));
        assert_eq!(s.params.fin_wait_2_timeout_ms, Some(Some(5)));
        assert_eq!(s.params.msl_ms, None);
    }
}
