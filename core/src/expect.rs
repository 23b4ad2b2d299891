//! Expectations: what a scenario file says must happen, checked against a run's trace. A
//! scenario with expectations is a test — the conformance suite and `finwait check` run them
//! through `check`.

use crate::app::CallError;
use crate::host::Host;
use crate::json::Json;
use crate::network::LossCause;
use crate::scenario::Run;
use crate::segment::Flags;
use crate::state::State;
use crate::time::Time;
use crate::trace::{Fate, Origin, SegmentRecord};
#[cfg(feature = "expectations")]
use crate::wire::At;
use crate::wire::{self, Fields};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// Every state the host went through, its initial state first.
    States { host: Host, sequence: Vec<State> },
    /// The host's state at a time (after everything at that instant).
    State { host: Host, at: u64, is: State },
    /// Every segment the hosts sent or a user injected, in order of sending (network copies
    /// are not listed). Fields left out are not checked.
    Segments(Vec<SegmentSpec>),
    /// One segment, by its id (copies included).
    Segment(SegmentSpec),
    /// What the host's application read in total.
    Read { host: Host, text: Option<String>, bytes: Option<usize>, eof: Option<bool> },
    /// Every error the host's application saw, in order.
    Errors { host: Host, are: Vec<CallError> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentSpec {
    /// The segment's number (`#3`); required for a single `segment` expectation.
    pub id: Option<u32>,
    pub from: Host,
    pub flags: Option<Flags>,
    pub seq: Option<u32>,
    pub ack: Option<u32>,
    pub len: Option<usize>,
    /// When it was sent.
    pub at: Option<u64>,
    pub fate: Option<FateSpec>,
}

crate::named! {
    /// What became of a segment, as an expectation states it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum FateSpec {
        Arrived = "arrived",
        Dropped = "dropped",
        Expired = "expired",
        Held = "held",
        InFlight = "in-flight",
    }
}

crate::named! {
    /// The key that says which kind an expectation is.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ExpectationKind {
        States = "states",
        State = "state",
        Segments = "segments",
        Segment = "segment",
        Read = "read",
        Errors = "errors",
    }
}

impl Expectation {
    pub fn kind(&self) -> ExpectationKind {
        match self {
            Expectation::States { .. } => ExpectationKind::States,
            Expectation::State { .. } => ExpectationKind::State,
            Expectation::Segments(_) => ExpectationKind::Segments,
            Expectation::Segment(_) => ExpectationKind::Segment,
            Expectation::Read { .. } => ExpectationKind::Read,
            Expectation::Errors { .. } => ExpectationKind::Errors,
        }
    }

    /// `{"states": {…}}`, `{"segments": […]}`, …: one key, the kind.
    pub fn to_json(&self) -> Json {
        let body: Json = match self {
            Expectation::States { host, sequence } => {
                Fields::new().put("host", *host).put("sequence", wire::list(sequence, |s| Json::from(*s))).into()
            }
            Expectation::State { host, at, is } => {
                Fields::new().put("host", *host).put("at", *at).put("is", *is).into()
            }
            Expectation::Segments(specs) => wire::list(specs, SegmentSpec::to_json),
            Expectation::Segment(spec) => spec.to_json(),
            Expectation::Read { host, text, bytes, eof } => {
                Fields::new().put("host", *host).opt("text", text.clone()).opt("bytes", *bytes).opt("eof", *eof).into()
            }
            Expectation::Errors { host, are } => {
                Fields::new().put("host", *host).put("are", wire::list(are, |e| Json::from(*e))).into()
            }
        };
        Fields::new().put(self.kind().name(), body).into()
    }

    #[cfg(feature = "expectations")]
    fn read(a: At) -> wire::Result<Expectation> {
        let members = a.object()?.members();
        let [(key, v)] = members else {
            return Err(a.invalid(
                "an expectation has exactly one of: \"states\", \"state\", \"segments\", \"segment\", \"read\", \"errors\"",
            ));
        };
        let path = if a.path.is_empty() { key.clone() } else { format!("{}.{key}", a.path) };
        let key_value = Json::String(key.clone());
        let kind = wire::named::<ExpectationKind>(At { v: &key_value, path: a.path })?;
        let body = At { v, path: &path };
        fn with_host<'a>(body: At<'a>) -> wire::Result<(wire::Obj<'a>, Host)> {
            let mut o = body.object()?;
            let host = o.req("host", wire::named::<Host>)?;
            Ok((o, host))
        }
        let e = match kind {
            ExpectationKind::Segments => return Ok(Expectation::Segments(body.each(SegmentSpec::read)?)),
            ExpectationKind::Segment => {
                let spec = SegmentSpec::read(body)?;
                if spec.id.is_none() {
                    return Err(body.invalid("a single segment expectation needs its \"id\""));
                }
                return Ok(Expectation::Segment(spec));
            }
            ExpectationKind::States => {
                let (mut o, host) = with_host(body)?;
                let e = Expectation::States { host, sequence: o.req("sequence", |a| a.each(wire::named::<State>))? };
                o.done()?;
                e
            }
            ExpectationKind::State => {
                let (mut o, host) = with_host(body)?;
                let e =
                    Expectation::State { host, at: o.req("at", wire::u64)?, is: o.req("is", wire::named::<State>)? };
                o.done()?;
                e
            }
            ExpectationKind::Read => {
                let (mut o, host) = with_host(body)?;
                let e = Expectation::Read {
                    host,
                    text: o.opt("text", wire::string)?,
                    bytes: o.opt("bytes", wire::usize)?,
                    eof: o.opt("eof", wire::bool)?,
                };
                o.done()?;
                e
            }
            ExpectationKind::Errors => {
                let (mut o, host) = with_host(body)?;
                let e = Expectation::Errors { host, are: o.req("are", |a| a.each(wire::named::<CallError>))? };
                o.done()?;
                e
            }
        };
        Ok(e)
    }
}

/// A scenario's `expect` entries; without the `expectations` feature (the web app, which never
/// checks them) they are skipped unread, and the bundle is smaller.
pub(crate) fn read_list(o: &mut wire::Obj) -> wire::Result<Vec<Expectation>> {
    #[cfg(feature = "expectations")]
    return Ok(o.opt("expect", |a| a.each(Expectation::read))?.unwrap_or_default());
    #[cfg(not(feature = "expectations"))]
    {
        o.get("expect", true);
        Ok(Vec::new())
    }
}

impl SegmentSpec {
    #[cfg(feature = "expectations")]
    fn read(a: At) -> wire::Result<SegmentSpec> {
        let mut o = a.object()?;
        let s = SegmentSpec {
            id: o.opt("id", wire::u32)?,
            from: o.req("from", wire::named::<Host>)?,
            flags: o.opt("flags", Flags::read)?,
            seq: o.opt("seq", wire::u32)?,
            ack: o.opt("ack", wire::u32)?,
            len: o.opt("len", wire::usize)?,
            at: o.opt("at", wire::u64)?,
            fate: o.opt("fate", wire::named::<FateSpec>)?,
        };
        o.done()?;
        Ok(s)
    }

    fn to_json(&self) -> Json {
        Fields::new()
            .opt("id", self.id)
            .put("from", self.from)
            .opt("flags", self.flags)
            .opt("seq", self.seq)
            .opt("ack", self.ack)
            .opt("len", self.len)
            .opt("at", self.at)
            .opt("fate", self.fate)
            .into()
    }
}

impl FateSpec {
    fn of(fate: &Fate) -> FateSpec {
        match fate {
            Fate::Arrived { .. } => FateSpec::Arrived,
            Fate::Lost { cause: LossCause::Expired, .. } => FateSpec::Expired,
            Fate::Lost { .. } => FateSpec::Dropped,
            Fate::Held => FateSpec::Held,
            Fate::InFlight { .. } => FateSpec::InFlight,
        }
    }
}

/// One way a run differs from its expectations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Where in the scenario's `expect` list, e.g. `expect[2].segments[3].ack`.
    pub path: String,
    pub expected: String,
    pub actual: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:\n    expected: {}\n    actual:   {}", self.path, self.expected, self.actual)
    }
}

/// Checks every expectation against a run; an empty list means all hold.
pub fn check(expectations: &[Expectation], run: &Run) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for (i, e) in expectations.iter().enumerate() {
        let base = format!("expect[{i}]");
        match e {
            Expectation::States { host, sequence } => {
                let actual: Vec<State> = run.trace.states(*host).into_iter().map(|(_, s)| s).collect();
                if &actual != sequence {
                    out.push(Mismatch {
                        path: format!("{base}.states ({host})"),
                        expected: arrow_list(sequence),
                        actual: arrow_list(&actual),
                    });
                }
            }
            Expectation::State { host, at, is } => {
                let actual = run.trace.state_at(*host, Time(*at));
                if actual != Some(*is) {
                    out.push(Mismatch {
                        path: format!("{base}.state ({host} at {at} ms)"),
                        expected: is.to_string(),
                        actual: actual.map_or("no state".into(), |s| s.to_string()),
                    });
                }
            }
            Expectation::Segments(specs) => check_segments(&base, specs, run, &mut out),
            Expectation::Segment(spec) => {
                let path = format!("{base}.segment");
                let all = run.trace.segments();
                match spec.id.and_then(|id| all.iter().find(|r| r.id.0 == id)) {
                    Some(r) => compare_segment(&path, spec, r, &mut out),
                    None => out.push(Mismatch {
                        path,
                        expected: describe_spec(spec),
                        actual: "no segment with that id".into(),
                    }),
                }
            }
            Expectation::Read { host, text, bytes, eof } => {
                let (data, saw_eof) = run.trace.read_by(*host);
                if let Some(t) = text {
                    if t.as_bytes() != data.as_slice() {
                        out.push(Mismatch {
                            path: format!("{base}.read.text ({host})"),
                            expected: format!("{t:?}"),
                            actual: format!("{:?}", String::from_utf8_lossy(&data)),
                        });
                    }
                }
                if let Some(n) = bytes {
                    if *n != data.len() {
                        out.push(Mismatch {
                            path: format!("{base}.read.bytes ({host})"),
                            expected: n.to_string(),
                            actual: data.len().to_string(),
                        });
                    }
                }
                if let Some(e) = eof {
                    if *e != saw_eof {
                        out.push(Mismatch {
                            path: format!("{base}.read.eof ({host})"),
                            expected: e.to_string(),
                            actual: saw_eof.to_string(),
                        });
                    }
                }
            }
            Expectation::Errors { host, are } => {
                let actual = run.trace.errors_of(*host);
                if &actual != are {
                    out.push(Mismatch {
                        path: format!("{base}.errors ({host})"),
                        expected: list(are),
                        actual: list(&actual),
                    });
                }
            }
        }
    }
    out
}

fn check_segments(base: &str, specs: &[SegmentSpec], run: &Run, out: &mut Vec<Mismatch>) {
    let sent: Vec<SegmentRecord> =
        run.trace.segments().into_iter().filter(|r| !matches!(r.origin, Origin::Copy { .. })).collect();
    for (j, spec) in specs.iter().enumerate() {
        let path = format!("{base}.segments[{j}]");
        let Some(r) = sent.get(j) else {
            out.push(Mismatch {
                path,
                expected: describe_spec(spec),
                actual: "no such segment: only these were sent:".to_string() + &list_records(&sent),
            });
            continue;
        };
        compare_segment(&path, spec, r, out);
    }
    if sent.len() > specs.len() {
        out.push(Mismatch {
            path: format!("{base}.segments"),
            expected: format!("{} segments", specs.len()),
            actual: format!("{} segments; the extra ones:{}", sent.len(), list_records(&sent[specs.len()..])),
        });
    }
}

fn compare_segment(path: &str, spec: &SegmentSpec, r: &SegmentRecord, out: &mut Vec<Mismatch>) {
    let mut wrong = Vec::new();
    if spec.id.is_some_and(|id| id != r.id.0) {
        wrong.push("id");
    }
    if spec.from != r.from {
        wrong.push("from");
    }
    if spec.flags.is_some_and(|f| f != r.segment.flags) {
        wrong.push("flags");
    }
    if spec.seq.is_some_and(|s| s != r.segment.seq.0) {
        wrong.push("seq");
    }
    if spec.ack.is_some_and(|a| a != r.segment.ack.0) {
        wrong.push("ack");
    }
    if spec.len.is_some_and(|l| l != r.segment.data.len()) {
        wrong.push("len");
    }
    if spec.at.is_some_and(|t| t != r.sent_at.ms()) {
        wrong.push("at");
    }
    if spec.fate.is_some_and(|f| f != FateSpec::of(&r.fate)) {
        wrong.push("fate");
    }
    if !wrong.is_empty() {
        out.push(Mismatch {
            path: format!("{path}.{}", wrong.join(",")),
            expected: describe_spec(spec),
            actual: describe_record(r),
        });
    }
}

fn describe_spec(s: &SegmentSpec) -> String {
    let mut d = format!("{} {}", s.from, s.flags.map_or("*".to_string(), |f| f.to_string()));
    if let Some(v) = s.seq {
        d += &format!(" seq={v}");
    }
    if let Some(v) = s.ack {
        d += &format!(" ack={v}");
    }
    if let Some(v) = s.len {
        d += &format!(" len={v}");
    }
    if let Some(v) = s.at {
        d += &format!(" at {v} ms");
    }
    if let Some(f) = s.fate {
        d += &format!(" ({})", f.name());
    }
    d
}

/// A segment as a spec would describe it, in the file's words (`A FIN,ACK seq=1001 ack=5001
/// at 0 ms (dropped)`).
fn describe_record(r: &SegmentRecord) -> String {
    let len = if r.segment.data.is_empty() { String::new() } else { format!(" len={}", r.segment.data.len()) };
    format!(
        "{} {} seq={} ack={}{len} at {} ms ({})",
        r.from,
        r.segment.flags,
        r.segment.seq,
        r.segment.ack,
        r.sent_at.ms(),
        FateSpec::of(&r.fate).name()
    )
}

fn list_records(records: &[SegmentRecord]) -> String {
    records.iter().map(|r| format!("\n      {} {}", r.id, describe_record(r))).collect()
}

fn arrow_list(states: &[State]) -> String {
    states.iter().map(|s| s.name()).collect::<Vec<_>>().join(" → ")
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        return "(none)".into();
    }
    items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}
