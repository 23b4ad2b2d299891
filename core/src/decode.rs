//! Reading scenario files: JSON text → typed values, by hand over the tree of `json.rs`.
//!
//! Why by hand and not `#[derive(Deserialize)]`: the derived code for the format's internally
//! tagged actions (`"do": "close"`) is the largest single thing in the web app's bundle, and
//! this reader is a fraction of it. It also names every problem by its path in the file
//! (`actions[3].host: expected "A" or "B", found "C"`). Writing stays `serde::Serialize`; a
//! round-trip test keeps the two in step.

use crate::action::{Action, InjectedSegment};
#[cfg(feature = "expectations")]
use crate::app::CallError;
use crate::app::TimerKind;
use crate::expect::Expectation;
#[cfg(feature = "expectations")]
use crate::expect::{FateSpec, SegmentSpec};
use crate::host::Host;
use crate::json::{Json as Value, SyntaxError};
use crate::network::{Fault, FaultRule, SegmentId, SegmentKind};
use crate::profile::{Overrides, ProfileKind};
use crate::scenario::{EstablishedSide, Initial, NetworkSpec, Scenario, ScenarioError, TimedAction};
use crate::segment::{Flag, Flags};
#[cfg(feature = "expectations")]
use crate::state::State;
use std::collections::BTreeMap;

/// What went wrong at a place in the file.
type Result<T> = std::result::Result<T, ScenarioError>;

fn invalid(path: &str, message: impl Into<String>) -> ScenarioError {
    ScenarioError::Invalid { path: path.to_string(), message: message.into() }
}

/// A short description of a JSON value for error messages.
fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.to_string() {
            text if text.len() > 40 => format!("a {}-character number", text.len()),
            text => text,
        },
        Value::String(s) if s.chars().count() > 40 => format!("a {}-character string", s.chars().count()),
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A value and where it is in the file.
#[derive(Clone, Copy)]
struct At<'a> {
    v: &'a Value,
    path: &'a str,
}

/// An object being read: knows its path, and which keys were read, so that unknown keys (a
/// misspelt field) are reported instead of silently ignored. Its methods are not generic, so
/// the reader stays small in the web app's bundle.
struct Obj<'a> {
    map: &'a [(String, Value)],
    path: String,
    read: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    fn new(v: &'a Value, path: &str) -> Result<Obj<'a>> {
        match v {
            Value::Object(map) => Ok(Obj { map, path: path.to_string(), read: Vec::new() }),
            other => Err(invalid(path, format!("expected an object, found {}", found(other)))),
        }
    }

    /// The field's value and path, or `None` when it is absent; `null` counts as absent
    /// unless `keep_null`.
    fn get(&mut self, key: &'static str, keep_null: bool) -> Option<(&'a Value, String)> {
        self.read.push(key);
        match self.map.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
            None => None,
            Some(Value::Null) if !keep_null => None,
            Some(v) => Some((v, join(&self.path, key))),
        }
    }

    /// A field that must be present.
    fn req<T>(&mut self, key: &'static str, f: fn(At) -> Result<T>) -> Result<T> {
        match self.get(key, false) {
            Some((v, path)) => f(At { v, path: &path }),
            None => Err(invalid(&self.path, format!("missing field \"{key}\""))),
        }
    }

    /// A field that may be absent (or null).
    fn opt<T>(&mut self, key: &'static str, f: fn(At) -> Result<T>) -> Result<Option<T>> {
        match self.get(key, false) {
            Some((v, path)) => f(At { v, path: &path }).map(Some),
            None => Ok(None),
        }
    }

    /// A field where `null` means something (switch off): absent → None, null → Some(None).
    fn nullable(&mut self, key: &'static str) -> Result<Option<Option<u64>>> {
        match self.get(key, true) {
            None => Ok(None),
            Some((Value::Null, _)) => Ok(Some(None)),
            Some((v, path)) => u64_of(At { v, path: &path }).map(|n| Some(Some(n))),
        }
    }

    /// Fails on any key that was not read.
    fn done(self) -> Result<()> {
        match self.map.iter().map(|(k, _)| k).find(|k| !self.read.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => Err(invalid(
                &join(&self.path, k),
                format!(
                    "unknown field; expected one of: {}",
                    self.read.iter().map(|r| format!("\"{r}\"")).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
}

fn u64_of(a: At) -> Result<u64> {
    a.v.as_u64().ok_or_else(|| invalid(a.path, format!("expected a whole number ≥ 0, found {}", found(a.v))))
}

fn u32_of(a: At) -> Result<u32> {
    let n = u64_of(a)?;
    u32::try_from(n).map_err(|_| invalid(a.path, format!("expected a whole number up to {}, found {n}", u32::MAX)))
}

/// How many segments a rule applies to: at least one (leave it out for every segment).
fn count_of(a: At) -> Result<u32> {
    match u32_of(a)? {
        0 => Err(invalid(a.path, "expected at least 1 (leave \"count\" out for every segment), found 0")),
        n => Ok(n),
    }
}

fn usize_of(a: At) -> Result<usize> {
    let n = u64_of(a)?;
    usize::try_from(n).map_err(|_| invalid(a.path, format!("{n} is too large")))
}

fn bool_of(a: At) -> Result<bool> {
    a.v.as_bool().ok_or_else(|| invalid(a.path, format!("expected true or false, found {}", found(a.v))))
}

fn str_of(a: At) -> Result<String> {
    a.v.as_str().map(str::to_owned).ok_or_else(|| invalid(a.path, format!("expected a string, found {}", found(a.v))))
}

/// Each element of a list, with its path (`actions[3]`).
fn each<T>(a: At, f: fn(At) -> Result<T>) -> Result<Vec<T>> {
    let list = a.v.as_array().ok_or_else(|| invalid(a.path, format!("expected a list, found {}", found(a.v))))?;
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        out.push(f(At { v, path: &format!("{}[{i}]", a.path) })?);
    }
    Ok(out)
}

/// One of a fixed set of names; returns its index.
fn choice(a: At, names: &[&str]) -> Result<usize> {
    let expected = || names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    a.v.as_str()
        .and_then(|s| names.iter().position(|n| *n == s))
        .ok_or_else(|| invalid(a.path, format!("expected one of {}, found {}", expected(), found(a.v))))
}

fn host_of(a: At) -> Result<Host> {
    Ok(Host::BOTH[choice(a, &["A", "B"])?])
}

#[cfg(feature = "expectations")]
const STATE_NAMES: [&str; 11] = [
    "CLOSED",
    "LISTEN",
    "SYN-SENT",
    "SYN-RECEIVED",
    "ESTABLISHED",
    "FIN-WAIT-1",
    "FIN-WAIT-2",
    "CLOSE-WAIT",
    "CLOSING",
    "LAST-ACK",
    "TIME-WAIT",
];

#[cfg(feature = "expectations")]
fn state_of(a: At) -> Result<State> {
    Ok(State::ALL[choice(a, &STATE_NAMES)?])
}

fn flag_of(a: At) -> Result<Flag> {
    Ok([Flag::SYN, Flag::ACK, Flag::FIN, Flag::RST][choice(a, &["SYN", "ACK", "FIN", "RST"])?])
}

fn flags_of(a: At) -> Result<Flags> {
    Ok(Flags::from(each(a, flag_of)?))
}

fn byte_of(a: At) -> Result<u8> {
    let n = u64_of(a)?;
    u8::try_from(n).map_err(|_| invalid(a.path, format!("a byte is 0–255, found {n}")))
}

/// Payload bytes: a string (its UTF-8 bytes) or a list of numbers 0–255.
fn bytes_of(a: At) -> Result<Vec<u8>> {
    match a.v {
        Value::String(s) => Ok(s.clone().into_bytes()),
        Value::Array(_) => each(a, byte_of),
        other => Err(invalid(a.path, format!("expected a string or a list of bytes, found {}", found(other)))),
    }
}

fn profile_of(a: At) -> Result<ProfileKind> {
    Ok(ProfileKind::ALL[choice(a, &["rfc9293", "linux"])?])
}

/// A whole scenario file.
pub fn scenario(text: &str) -> Result<Scenario> {
    let root = crate::json::parse(text).map_err(|SyntaxError { message, line, column }| ScenarioError::Syntax {
        message,
        line,
        column,
    })?;
    let mut o = Obj::new(&root, "")?;
    // The version first: a file from a newer finwait is reported as such, not as a list of
    // unknown fields.
    let version = o.req("version", u32_of)?;
    if version != crate::scenario::VERSION {
        return Err(ScenarioError::UnsupportedVersion { found: version });
    }
    let s = Scenario {
        version,
        name: o.opt("name", str_of)?.unwrap_or_default(),
        title: o.opt("title", str_of)?.unwrap_or_default(),
        description: o.opt("description", str_of)?.unwrap_or_default(),
        conformance: o.opt("conformance", str_of)?.unwrap_or_default(),
        profile: o.opt("profile", profile_of)?.unwrap_or_default(),
        params: o.opt("params", overrides)?.unwrap_or_default(),
        host_params: o.opt("host_params", host_params)?.unwrap_or_default(),
        network: o.opt("network", network)?.unwrap_or_default(),
        initial: o.opt("initial", initial)?.unwrap_or_default(),
        actions: o.opt("actions", actions)?.unwrap_or_default(),
        until_ms: o.opt("until_ms", u64_of)?,
        expect: read_expectations(&mut o)?,
    };
    o.done()?;
    Ok(s)
}

/// The `expect` entries, or (without the `expectations` feature) none: they are skipped.
#[cfg(feature = "expectations")]
fn read_expectations(o: &mut Obj) -> Result<Vec<Expectation>> {
    Ok(o.opt("expect", expectations)?.unwrap_or_default())
}

#[cfg(not(feature = "expectations"))]
fn read_expectations(o: &mut Obj) -> Result<Vec<Expectation>> {
    o.get("expect", true);
    Ok(Vec::new())
}

fn actions(a: At) -> Result<Vec<TimedAction>> {
    each(a, timed_action)
}

#[cfg(feature = "expectations")]
fn expectations(a: At) -> Result<Vec<Expectation>> {
    each(a, expectation)
}

fn overrides(a: At) -> Result<Overrides> {
    let mut o = Obj::new(a.v, a.path)?;
    let r = Overrides {
        msl_ms: o.opt("msl_ms", u64_of)?,
        time_wait_ms: o.opt("time_wait_ms", u64_of)?,
        fin_wait_2_timeout_ms: o.nullable("fin_wait_2_timeout_ms")?,
        delayed_ack_ms: o.nullable("delayed_ack_ms")?,
        rto_initial_ms: o.opt("rto_initial_ms", u64_of)?,
        rto_min_ms: o.opt("rto_min_ms", u64_of)?,
        rto_max_ms: o.opt("rto_max_ms", u64_of)?,
        max_retries: o.opt("max_retries", u32_of)?,
        orphan_retries: o.opt("orphan_retries", u32_of)?,
        retries_as_time: o.opt("retries_as_time", bool_of)?,
        delayed_ack_idle_ms: o.nullable("delayed_ack_idle_ms")?,
        rst_on_close_with_unread_data: o.opt("rst_on_close_with_unread_data", bool_of)?,
        rst_carries_ack: o.opt("rst_carries_ack", bool_of)?,
        accept_rst_before_fin: o.opt("accept_rst_before_fin", bool_of)?,
        rfc1337: o.opt("rfc1337", bool_of)?,
        invalid_ack_interval_ms: o.nullable("invalid_ack_interval_ms")?,
        linux_time_wait: o.opt("linux_time_wait", bool_of)?,
        window: o.opt("window", u32_of)?,
        mss: o.opt("mss", u32_of)?,
    };
    o.done()?;
    Ok(r)
}

fn host_params(a: At) -> Result<BTreeMap<Host, Overrides>> {
    let map = a.v.as_object().ok_or_else(|| invalid(a.path, format!("expected an object, found {}", found(a.v))))?;
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let path = join(a.path, k);
        let key = Value::String(k.clone());
        let host = host_of(At { v: &key, path: &path })?;
        out.insert(host, overrides(At { v, path: &path })?);
    }
    Ok(out)
}

fn network(a: At) -> Result<NetworkSpec> {
    let mut o = Obj::new(a.v, a.path)?;
    let d = NetworkSpec::default();
    let n = NetworkSpec {
        latency_ms: o.opt("latency_ms", u64_of)?.unwrap_or(d.latency_ms),
        latency_a_to_b_ms: o.opt("latency_a_to_b_ms", u64_of)?,
        latency_b_to_a_ms: o.opt("latency_b_to_a_ms", u64_of)?,
        segment_lifetime_ms: o.opt("segment_lifetime_ms", u64_of)?.unwrap_or(d.segment_lifetime_ms),
    };
    o.done()?;
    Ok(n)
}

fn established_side(a: At) -> Result<EstablishedSide> {
    let mut o = Obj::new(a.v, a.path)?;
    let r = EstablishedSide { seq: o.req("seq", u32_of)?, unread: o.opt("unread", str_of)? };
    o.done()?;
    Ok(r)
}

fn established(a: At) -> Result<Initial> {
    let mut o = Obj::new(a.v, a.path)?;
    let r = Initial::Established { a: o.req("a", established_side)?, b: o.req("b", established_side)? };
    o.done()?;
    Ok(r)
}

fn initial(a: At) -> Result<Initial> {
    if a.v.as_str() == Some("closed") {
        return Ok(Initial::Closed);
    }
    let not_it = || invalid(a.path, format!("expected \"closed\" or {{\"established\": …}}, found {}", found(a.v)));
    let mut o = Obj::new(a.v, a.path).map_err(|_| not_it())?;
    let r = o.req("established", established)?;
    o.done()?;
    Ok(r)
}

fn segment_id(a: At) -> Result<SegmentId> {
    u32_of(a).map(SegmentId)
}

fn timer_of(a: At) -> Result<TimerKind> {
    Ok(TimerKind::ALL[choice(a, &["retransmission", "time-wait", "fin-wait-2", "delayed-ack", "persist"])?])
}

const ACTIONS: [&str; 18] = [
    "connect",
    "listen",
    "send",
    "read",
    "shutdown",
    "close",
    "abort",
    "drop",
    "delay",
    "duplicate",
    "hold",
    "release",
    "reorder",
    "rule",
    "clear-rules",
    "inject",
    "latency",
    "fire-timer",
];

/// An action: `{"at": 100, "do": "close", "host": "A"}`.
fn timed_action(a: At) -> Result<TimedAction> {
    let mut o = Obj::new(a.v, a.path)?;
    let at = o.req("at", u64_of)?;
    let what = o.req("do", |a| choice(a, &ACTIONS))?;
    let separate = o.opt("separate", bool_of)?.unwrap_or(false);
    let action = match ACTIONS[what] {
        "connect" => Action::Connect { host: o.req("host", host_of)?, isn: o.opt("isn", u32_of)? },
        "listen" => Action::Listen { host: o.req("host", host_of)?, isn: o.opt("isn", u32_of)? },
        "send" => Action::Send {
            host: o.req("host", host_of)?,
            text: o.opt("text", str_of)?,
            bytes: o.opt("bytes", usize_of)?,
        },
        "read" => Action::Read { host: o.req("host", host_of)?, max: o.opt("max", usize_of)? },
        "shutdown" => Action::Shutdown { host: o.req("host", host_of)? },
        "close" => Action::Close { host: o.req("host", host_of)? },
        "abort" => Action::Abort { host: o.req("host", host_of)? },
        "drop" => Action::Drop { segment: o.req("segment", segment_id)? },
        "delay" => Action::Delay { segment: o.req("segment", segment_id)?, by_ms: o.req("by_ms", u64_of)? },
        "duplicate" => Action::Duplicate { segment: o.req("segment", segment_id)? },
        "hold" => Action::Hold { segment: o.req("segment", segment_id)? },
        "release" => Action::Release { segment: o.req("segment", segment_id)? },
        "reorder" => Action::Reorder { first: o.req("first", segment_id)?, second: o.req("second", segment_id)? },
        "rule" => Action::Rule { rule: o.req("rule", fault_rule)? },
        "clear-rules" => Action::ClearRules,
        "inject" => Action::Inject { from: o.req("from", host_of)?, segment: o.req("segment", injected_segment)? },
        "latency" => Action::Latency { from: o.req("from", host_of)?, ms: o.req("ms", u64_of)? },
        _ => Action::FireTimer { host: o.req("host", host_of)?, timer: o.req("timer", timer_of)? },
    };
    o.done()?;
    Ok(TimedAction { at, action, separate })
}

fn segment_kind_of(a: At) -> Result<SegmentKind> {
    const KINDS: [SegmentKind; 6] = [
        SegmentKind::Any,
        SegmentKind::PureAck,
        SegmentKind::Data,
        SegmentKind::Fin,
        SegmentKind::Syn,
        SegmentKind::Rst,
    ];
    Ok(KINDS[choice(a, &["any", "pure-ack", "data", "fin", "syn", "rst"])?])
}

fn fault_rule(a: At) -> Result<FaultRule> {
    let mut o = Obj::new(a.v, a.path)?;
    let from = o.opt("from", host_of)?;
    let kind = o.req("kind", segment_kind_of)?;
    let fault = match o.req("fault", |a| choice(a, &["drop", "delay", "duplicate", "hold"]))? {
        0 => Fault::Drop,
        1 => Fault::Delay { by_ms: o.req("by_ms", u64_of)? },
        2 => Fault::Duplicate,
        _ => Fault::Hold,
    };
    let count = o.opt("count", count_of)?;
    o.done()?;
    Ok(FaultRule { from, kind, fault, count })
}

fn injected_segment(a: At) -> Result<InjectedSegment> {
    let mut o = Obj::new(a.v, a.path)?;
    let s = InjectedSegment {
        flags: o.req("flags", flags_of)?,
        seq: o.opt("seq", u32_of)?.unwrap_or(0),
        ack: o.opt("ack", u32_of)?.unwrap_or(0),
        wnd: o.opt("wnd", u32_of)?.unwrap_or(65_535),
        data: o.opt("data", bytes_of)?.unwrap_or_default(),
    };
    o.done()?;
    Ok(s)
}

#[cfg(feature = "expectations")]
fn call_error_of(a: At) -> Result<CallError> {
    let names = CallError::ALL.map(CallError::code);
    Ok(CallError::ALL[choice(a, &names)?])
}

#[cfg(feature = "expectations")]
const EXPECTATIONS: [&str; 6] = ["states", "state", "segments", "segment", "read", "errors"];

#[cfg(feature = "expectations")]
/// An expectation: `{"states": {…}}`, `{"segments": […]}`, …
fn expectation(a: At) -> Result<Expectation> {
    let map = a.v.as_object().ok_or_else(|| invalid(a.path, format!("expected an object, found {}", found(a.v))))?;
    let [(kind, v)] = map else {
        return Err(invalid(
            a.path,
            "an expectation has exactly one of: \"states\", \"state\", \"segments\", \"segment\", \"read\", \"errors\"",
        ));
    };
    let path = join(a.path, kind);
    let kind_value = Value::String(kind.clone());
    let which = choice(At { v: &kind_value, path: a.path }, &EXPECTATIONS)?;
    let body = At { v, path: &path };
    let e = match EXPECTATIONS[which] {
        "segments" => return Ok(Expectation::Segments(each(body, segment_spec)?)),
        "segment" => {
            let spec = segment_spec(body)?;
            if spec.id.is_none() {
                return Err(invalid(&path, "a single segment expectation needs its \"id\""));
            }
            return Ok(Expectation::Segment(spec));
        }
        _ => {
            let mut o = Obj::new(body.v, body.path)?;
            let host = o.req("host", host_of)?;
            let e = match EXPECTATIONS[which] {
                "states" => Expectation::States { host, sequence: o.req("sequence", states)? },
                "state" => Expectation::State { host, at: o.req("at", u64_of)?, is: o.req("is", state_of)? },
                "read" => Expectation::Read {
                    host,
                    text: o.opt("text", str_of)?,
                    bytes: o.opt("bytes", usize_of)?,
                    eof: o.opt("eof", bool_of)?,
                },
                _ => Expectation::Errors { host, are: o.req("are", call_errors)? },
            };
            o.done()?;
            e
        }
    };
    Ok(e)
}

#[cfg(feature = "expectations")]
fn states(a: At) -> Result<Vec<State>> {
    each(a, state_of)
}

#[cfg(feature = "expectations")]
fn call_errors(a: At) -> Result<Vec<CallError>> {
    each(a, call_error_of)
}

#[cfg(feature = "expectations")]
fn fate_of(a: At) -> Result<FateSpec> {
    const FATES: [FateSpec; 5] =
        [FateSpec::Arrived, FateSpec::Dropped, FateSpec::Expired, FateSpec::Held, FateSpec::InFlight];
    Ok(FATES[choice(a, &["arrived", "dropped", "expired", "held", "in-flight"])?])
}

#[cfg(feature = "expectations")]
fn segment_spec(a: At) -> Result<SegmentSpec> {
    let mut o = Obj::new(a.v, a.path)?;
    let s = SegmentSpec {
        id: o.opt("id", u32_of)?,
        from: o.req("from", host_of)?,
        flags: o.opt("flags", flags_of)?,
        seq: o.opt("seq", u32_of)?,
        ack: o.opt("ack", u32_of)?,
        len: o.opt("len", usize_of)?,
        at: o.opt("at", u64_of)?,
        fate: o.opt("fate", fate_of)?,
    };
    o.done()?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use crate::presets::PRESETS;
    use crate::scenario::{Scenario, ScenarioError};

    fn error(json: &str) -> String {
        Scenario::from_json(json).expect_err("should be refused").to_string()
    }

    /// What `Serialize` writes, this reader reads back unchanged: the two stay in step.
    #[test]
    fn every_preset_round_trips() {
        for p in PRESETS {
            let s = p.scenario().unwrap();
            let again = Scenario::from_json(&s.to_json()).unwrap();
            assert_eq!(s, again, "{}", p.file);
        }
    }

    /// The name tables list the enums in the order of their `ALL` constants.
    #[test]
    fn name_tables_match_the_enums() {
        for (name, state) in super::STATE_NAMES.iter().zip(crate::state::State::ALL) {
            assert_eq!(*name, state.name());
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
            .starts_with("actions[0].hots: unknown field"));
        assert!(error(r#"{"version": 1, "params": {"msl": 5}}"#).starts_with("params.msl: unknown field"));
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
            assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s, "it round-trips");
            let run = s.run().unwrap();
            run.trace.segments().iter().filter(|r| r.from == crate::host::Host::B && r.sent_at.ms() == 5).count()
        };
        assert_eq!(segments_from_b(false), 1, "the FIN rides on the data");
        assert_eq!(segments_from_b(true), 2, "the data went out before the close");
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
