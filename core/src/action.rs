//! Actions: everything a user (or a scenario file) can do to a running simulation — the
//! applications' calls, faults on segments in flight, rules for future segments, crafted
//! segments, latency changes, and firing a timer early. Each action reads and writes itself
//! (`"do": "close"` and its fields), so a session's actions can be saved, shared and replayed.
//!
//! A new kind of action is added here (its variant, its name in `ActionKind`, its fields in
//! `read_fields` and `to_json` — the compiler points at each), in `Simulation::apply_one` if it
//! acts on the network or a timer, and in `finwait-messages` (how it is described).

use crate::app::{AppCall, CallKind, TimerKind};
use crate::host::Host;
use crate::json::Json;
use crate::limits::{self, Limit};
use crate::network::{FaultRule, SegmentId};
use crate::payload::Payload;
use crate::segment::{Flags, Segment};
use crate::seq::Seq;
use crate::wire::{self, At, Fields};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    // ── Application calls ──
    Connect {
        host: Host,
        isn: Option<u32>,
    },
    Listen {
        host: Host,
        isn: Option<u32>,
    },
    /// Send `text`, or `bytes` filler bytes (letters, so a reader can follow them).
    Send {
        host: Host,
        text: Option<String>,
        bytes: Option<usize>,
    },
    Read {
        host: Host,
        max: Option<usize>,
    },
    Shutdown {
        host: Host,
    },
    Close {
        host: Host,
    },
    Abort {
        host: Host,
    },

    // ── Faults on segments in flight ──
    Drop {
        segment: SegmentId,
    },
    Delay {
        segment: SegmentId,
        by_ms: u64,
    },
    Duplicate {
        segment: SegmentId,
    },
    Hold {
        segment: SegmentId,
    },
    Release {
        segment: SegmentId,
    },
    Reorder {
        first: SegmentId,
        second: SegmentId,
    },

    // ── Rules for future segments ──
    Rule {
        rule: FaultRule,
    },
    ClearRules,

    // ── Crafted segments and the network itself ──
    /// A crafted segment enters the network from `from`'s side (a stray RST, an old duplicate).
    Inject {
        from: Host,
        segment: InjectedSegment,
    },
    Latency {
        from: Host,
        ms: u64,
    },

    // ── Timers ──
    /// Fire a running timer now instead of waiting for it.
    FireTimer {
        host: Host,
        timer: TimerKind,
    },
}

crate::named! {
    /// Which action, without its fields: the `"do"` of a scenario file.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ActionKind {
        Connect = "connect",
        Listen = "listen",
        Send = "send",
        Read = "read",
        Shutdown = "shutdown",
        Close = "close",
        Abort = "abort",
        Drop = "drop",
        Delay = "delay",
        Duplicate = "duplicate",
        Hold = "hold",
        Release = "release",
        Reorder = "reorder",
        Rule = "rule",
        ClearRules = "clear-rules",
        Inject = "inject",
        Latency = "latency",
        FireTimer = "fire-timer",
    }
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Connect { .. } => ActionKind::Connect,
            Action::Listen { .. } => ActionKind::Listen,
            Action::Send { .. } => ActionKind::Send,
            Action::Read { .. } => ActionKind::Read,
            Action::Shutdown { .. } => ActionKind::Shutdown,
            Action::Close { .. } => ActionKind::Close,
            Action::Abort { .. } => ActionKind::Abort,
            Action::Drop { .. } => ActionKind::Drop,
            Action::Delay { .. } => ActionKind::Delay,
            Action::Duplicate { .. } => ActionKind::Duplicate,
            Action::Hold { .. } => ActionKind::Hold,
            Action::Release { .. } => ActionKind::Release,
            Action::Reorder { .. } => ActionKind::Reorder,
            Action::Rule { .. } => ActionKind::Rule,
            Action::ClearRules => ActionKind::ClearRules,
            Action::Inject { .. } => ActionKind::Inject,
            Action::Latency { .. } => ActionKind::Latency,
            Action::FireTimer { .. } => ActionKind::FireTimer,
        }
    }

    /// The action's fields from an object whose `"do"` is `kind` (the caller reads `at`, `do`
    /// and `separate`, and checks for unknown fields after).
    pub fn read_fields(kind: ActionKind, o: &mut wire::Obj) -> wire::Result<Action> {
        let host = |o: &mut wire::Obj| o.req("host", wire::named::<Host>);
        let segment = |o: &mut wire::Obj| o.req("segment", SegmentId::read);
        Ok(match kind {
            ActionKind::Connect => Action::Connect { host: host(o)?, isn: o.opt("isn", wire::u32)? },
            ActionKind::Listen => Action::Listen { host: host(o)?, isn: o.opt("isn", wire::u32)? },
            ActionKind::Send => {
                Action::Send { host: host(o)?, text: o.opt("text", wire::string)?, bytes: o.opt("bytes", wire::usize)? }
            }
            ActionKind::Read => Action::Read { host: host(o)?, max: o.opt("max", wire::usize)? },
            ActionKind::Shutdown => Action::Shutdown { host: host(o)? },
            ActionKind::Close => Action::Close { host: host(o)? },
            ActionKind::Abort => Action::Abort { host: host(o)? },
            ActionKind::Drop => Action::Drop { segment: segment(o)? },
            ActionKind::Delay => Action::Delay { segment: segment(o)?, by_ms: o.req("by_ms", wire::u64)? },
            ActionKind::Duplicate => Action::Duplicate { segment: segment(o)? },
            ActionKind::Hold => Action::Hold { segment: segment(o)? },
            ActionKind::Release => Action::Release { segment: segment(o)? },
            ActionKind::Reorder => {
                Action::Reorder { first: o.req("first", SegmentId::read)?, second: o.req("second", SegmentId::read)? }
            }
            ActionKind::Rule => Action::Rule { rule: o.req("rule", FaultRule::read)? },
            ActionKind::ClearRules => Action::ClearRules,
            ActionKind::Inject => Action::Inject {
                from: o.req("from", wire::named::<Host>)?,
                segment: o.req("segment", InjectedSegment::read)?,
            },
            ActionKind::Latency => {
                Action::Latency { from: o.req("from", wire::named::<Host>)?, ms: o.req("ms", wire::u64)? }
            }
            ActionKind::FireTimer => {
                Action::FireTimer { host: host(o)?, timer: o.req("timer", wire::named::<TimerKind>)? }
            }
        })
    }

    /// `{"do": "close", "host": "A"}`: the action's name and its fields.
    pub fn to_json(&self) -> Json {
        self.fields().into()
    }

    /// The action's name and fields, to be written flat among a timed action's.
    pub fn fields(&self) -> Fields {
        let f = Fields::new().put("do", self.kind());
        match self {
            Action::Connect { host, isn } | Action::Listen { host, isn } => f.put("host", *host).opt("isn", *isn),
            Action::Send { host, text, bytes } => f.put("host", *host).opt("text", text.clone()).opt("bytes", *bytes),
            Action::Read { host, max } => f.put("host", *host).opt("max", *max),
            Action::Shutdown { host } | Action::Close { host } | Action::Abort { host } => f.put("host", *host),
            Action::Drop { segment }
            | Action::Duplicate { segment }
            | Action::Hold { segment }
            | Action::Release { segment } => f.put("segment", *segment),
            Action::Delay { segment, by_ms } => f.put("segment", *segment).put("by_ms", *by_ms),
            Action::Reorder { first, second } => f.put("first", *first).put("second", *second),
            Action::Rule { rule } => f.put("rule", rule.to_json()),
            Action::ClearRules => f,
            Action::Inject { from, segment } => f.put("from", *from).put("segment", segment.to_json()),
            Action::Latency { from, ms } => f.put("from", *from).put("ms", *ms),
            Action::FireTimer { host, timer } => f.put("host", *host).put("timer", *timer),
        }
    }

    /// The application call this action makes, if it is one, without its arguments.
    pub fn call(&self) -> Option<(Host, CallKind)> {
        // The arguments are not needed, so no filler bytes are made.
        self.app_call(|_, _| Payload::default()).ok().flatten().map(|(host, call)| (host, call.kind()))
    }

    /// The action that makes call `kind` on `host` with the arguments a click gives it:
    /// `send` queues `bytes` filler bytes, `read` takes everything, opens pick their ISN.
    pub fn of_call(host: Host, kind: CallKind, bytes: usize) -> Action {
        match kind {
            CallKind::Connect => Action::Connect { host, isn: None },
            CallKind::Listen => Action::Listen { host, isn: None },
            CallKind::Send => Action::Send { host, text: None, bytes: Some(bytes) },
            CallKind::Read => Action::Read { host, max: None },
            CallKind::Shutdown => Action::Shutdown { host },
            CallKind::Close => Action::Close { host },
            CallKind::Abort => Action::Abort { host },
        }
    }
}

/// A segment as written in a scenario: only the flags are required.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InjectedSegment {
    pub flags: Flags,
    pub seq: u32,
    pub ack: u32,
    pub wnd: u32,
    pub data: Vec<u8>,
}

/// The window an injected segment advertises when the file leaves it out.
const DEFAULT_INJECTED_WINDOW: u32 = 65_535;

impl InjectedSegment {
    /// `{"flags": ["RST"], "seq": 5002}`: `seq` and `ack` default to 0, `wnd` to 65535.
    pub fn read(a: At) -> wire::Result<InjectedSegment> {
        let mut o = a.object()?;
        let s = InjectedSegment {
            flags: o.req("flags", Flags::read)?,
            seq: o.opt("seq", wire::u32)?.unwrap_or(0),
            ack: o.opt("ack", wire::u32)?.unwrap_or(0),
            wnd: o.opt("wnd", wire::u32)?.unwrap_or(DEFAULT_INJECTED_WINDOW),
            data: o.opt("data", wire::read_payload)?.unwrap_or_default(),
        };
        o.done()?;
        Ok(s)
    }

    /// Written as the segment it makes.
    pub fn to_json(&self) -> Json {
        self.to_segment().to_json()
    }

    pub fn to_segment(&self) -> Segment {
        Segment {
            flags: self.flags,
            seq: Seq(self.seq),
            ack: Seq(self.ack),
            wnd: self.wnd,
            data: self.data.clone().into(),
        }
    }

    pub fn from_segment(seg: &Segment) -> InjectedSegment {
        InjectedSegment { flags: seg.flags, seq: seg.seq.0, ack: seg.ack.0, wnd: seg.wnd, data: seg.data.to_vec() }
    }
}

/// Where a crafted RST falls for the host it is sent to, relative to that host's receive window
/// (RFC 5961 §3.2 treats the three differently).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetPosition {
    /// SEG.SEQ = RCV.NXT: the connection is reset.
    Exact,
    /// Inside the window but not at RCV.NXT: a challenge ACK.
    InWindow,
    /// Beyond the window: dropped silently.
    Outside,
}

impl ResetPosition {
    pub const ALL: [ResetPosition; 3] = [ResetPosition::Exact, ResetPosition::InWindow, ResetPosition::Outside];
}

impl Action {
    /// A stray RST for `to`, injected from its peer's side, at `position` in `to`'s receive
    /// window as `sim` has it now.
    pub fn stray_reset(sim: &crate::simulation::Simulation, to: Host, position: ResetPosition) -> Action {
        let host = sim.host(to);
        let window = host.params().window;
        let rcv_nxt = host.rcv_nxt();
        let seq = match position {
            ResetPosition::Exact => rcv_nxt,
            // Half-way in, so it is inside however small the window (a window of 1 has no
            // inside but RCV.NXT itself).
            ResetPosition::InWindow => rcv_nxt.wrapping_add((window / 2).max(1)),
            ResetPosition::Outside => rcv_nxt.wrapping_add(window.saturating_add(1000)),
        };
        let segment = Segment { flags: Flags::RST, seq, ack: Seq(0), wnd: 0, data: Default::default() };
        Action::Inject { from: to.peer(), segment: InjectedSegment::from_segment(&segment) }
    }
}

/// Why an action could not be applied. The simulation is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    Network(crate::network::NetworkError),
    /// `send` needs exactly one of `text` and `bytes`.
    SendNeedsOnePayload,
    /// The timer is not running, so it cannot be fired.
    TimerNotRunning {
        host: Host,
        timer: TimerKind,
    },
    /// A number outside what the simulation accepts (a latency above an hour, say).
    OutOfRange {
        field: Limited,
    },
    /// The run has made `made` payload bytes, and `asked` more would take it past
    /// `limits::RUN_BYTES`.
    RunBytes {
        made: u64,
        asked: u64,
    },
}

crate::named! {
    /// A number in an action that must keep a limit, by the name scenario files give it. Each
    /// has its limit here and nowhere else: the simulation checks it, and the lab's forms parse
    /// their fields with it, so a refusal says the same wherever it happens.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Limited {
        /// A delay: `delay.by_ms`, or a rule's `by_ms`.
        DelayMs = "by_ms",
        /// `latency.ms`.
        LatencyMs = "ms",
        /// `send.bytes`.
        SendBytes = "bytes",
        /// The length of `send.text`.
        TextBytes = "text",
        /// The payload of an injected segment.
        DataBytes = "data",
    }
}

impl Limited {
    pub fn limit(self) -> Limit {
        match self {
            Limited::DelayMs => limits::DELAY_MS,
            Limited::LatencyMs => limits::LATENCY_MS,
            Limited::SendBytes => limits::SEND_BYTES,
            Limited::TextBytes | Limited::DataBytes => limits::PAYLOAD_BYTES,
        }
    }

    /// `value`, or the error naming this field and its limit.
    pub fn check(self, value: u64) -> Result<u64, ActionError> {
        if self.limit().contains(value) {
            Ok(value)
        } else {
            Err(ActionError::OutOfRange { field: self })
        }
    }

    /// The whole number a form's field holds, or the same error the simulation gives.
    pub fn parse(self, text: &str) -> Result<u64, ActionError> {
        self.limit().parse(text).ok_or(ActionError::OutOfRange { field: self })
    }
}

impl From<crate::network::NetworkError> for ActionError {
    fn from(e: crate::network::NetworkError) -> ActionError {
        ActionError::Network(e)
    }
}

impl Action {
    /// The application call this action makes, with its arguments (`filler` makes the bytes of
    /// `send {bytes: n}`), if it is one.
    pub fn app_call(
        &self,
        filler: impl FnOnce(Host, usize) -> Payload,
    ) -> Result<Option<(Host, AppCall)>, ActionError> {
        Ok(Some(match self {
            Action::Connect { host, isn } => (*host, AppCall::Connect { isn: *isn }),
            Action::Listen { host, isn } => (*host, AppCall::Listen { isn: *isn }),
            Action::Send { host, text, bytes } => {
                let data = match (text, bytes) {
                    (Some(t), None) => {
                        Limited::TextBytes.check(t.len() as u64)?;
                        Payload::new(t.as_bytes())
                    }
                    (None, Some(n)) => filler(*host, Limited::SendBytes.check(*n as u64)? as usize),
                    _ => return Err(ActionError::SendNeedsOnePayload),
                };
                (*host, AppCall::Send { data })
            }
            Action::Read { host, max } => (*host, AppCall::Read { max: *max }),
            Action::Shutdown { host } => (*host, AppCall::Shutdown),
            Action::Close { host } => (*host, AppCall::Close),
            Action::Abort { host } => (*host, AppCall::Abort),
            Action::Drop { .. }
            | Action::Delay { .. }
            | Action::Duplicate { .. }
            | Action::Hold { .. }
            | Action::Release { .. }
            | Action::Reorder { .. }
            | Action::Rule { .. }
            | Action::ClearRules
            | Action::Inject { .. }
            | Action::Latency { .. }
            | Action::FireTimer { .. } => return Ok(None),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{Fault, SegmentKind};

    /// One action of each kind, with every optional field given.
    fn sample(kind: ActionKind) -> Action {
        let (host, segment) = (Host::B, SegmentId(3));
        match kind {
            ActionKind::Connect => Action::Connect { host, isn: Some(7) },
            ActionKind::Listen => Action::Listen { host, isn: Some(9) },
            ActionKind::Send => Action::Send { host, text: Some("hi".into()), bytes: None },
            ActionKind::Read => Action::Read { host, max: Some(4) },
            ActionKind::Shutdown => Action::Shutdown { host },
            ActionKind::Close => Action::Close { host },
            ActionKind::Abort => Action::Abort { host },
            ActionKind::Drop => Action::Drop { segment },
            ActionKind::Delay => Action::Delay { segment, by_ms: 200 },
            ActionKind::Duplicate => Action::Duplicate { segment },
            ActionKind::Hold => Action::Hold { segment },
            ActionKind::Release => Action::Release { segment },
            ActionKind::Reorder => Action::Reorder { first: segment, second: SegmentId(4) },
            ActionKind::Rule => Action::Rule {
                rule: FaultRule {
                    from: Some(host),
                    kind: SegmentKind::PureAck,
                    fault: Fault::Delay { by_ms: 5 },
                    count: Some(2),
                },
            },
            ActionKind::ClearRules => Action::ClearRules,
            ActionKind::Inject => Action::Inject {
                from: host,
                segment: InjectedSegment { flags: Flags::RST_ACK, seq: 5002, ack: 1, wnd: 0, data: vec![0, 255] },
            },
            ActionKind::Latency => Action::Latency { from: host, ms: 80 },
            ActionKind::FireTimer => Action::FireTimer { host, timer: TimerKind::FinWait2 },
        }
    }

    /// What an action writes, it reads back as itself, under the name its kind gives.
    #[test]
    fn every_kind_of_action_round_trips() {
        for &kind in ActionKind::ALL {
            let action = sample(kind);
            assert_eq!(action.kind(), kind);
            let json = action.to_json();
            assert_eq!(json.get("do").and_then(Json::as_str), Some(kind.name()));
            let mut o = At::root(&json).object().unwrap();
            o.get("do", false);
            let read = Action::read_fields(kind, &mut o).unwrap();
            o.done().unwrap();
            assert_eq!(read, action, "{}", json.to_compact());
        }
    }

    #[test]
    fn a_call_is_known_without_its_bytes() {
        let send = Action::Send { host: Host::A, text: None, bytes: Some(1 << 20) };
        assert_eq!(send.call(), Some((Host::A, CallKind::Send)));
        assert_eq!(Action::Drop { segment: SegmentId(1) }.call(), None);
        for &kind in CallKind::ALL {
            assert_eq!(Action::of_call(Host::B, kind, 10).call(), Some((Host::B, kind)));
        }
    }
}
