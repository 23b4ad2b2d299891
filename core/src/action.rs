//! Actions: everything a user (or a scenario file) can do to a running simulation — the
//! applications' calls, faults on segments in flight, rules for future segments, crafted
//! segments, latency changes, and firing a timer early. Actions are serde data, so a session's
//! actions can be saved, shared and replayed.

use crate::app::{AppCall, TimerKind};
use crate::host::Host;
use crate::network::{FaultRule, SegmentId};
use crate::segment::{Flags, Segment};
use crate::seq::Seq;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "do", rename_all = "kebab-case")]
pub enum Action {
    // ── Application calls ──
    Connect {
        host: Host,
        #[serde(skip_serializing_if = "Option::is_none")]
        isn: Option<u32>,
    },
    Listen {
        host: Host,
        #[serde(skip_serializing_if = "Option::is_none")]
        isn: Option<u32>,
    },
    /// Send `text`, or `bytes` filler bytes (letters, so a reader can follow them).
    Send {
        host: Host,
        #[serde(skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        bytes: Option<usize>,
    },
    Read {
        host: Host,
        #[serde(skip_serializing_if = "Option::is_none")]
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

/// A segment as written in a scenario: only the flags are required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InjectedSegment {
    pub flags: Flags,
    pub seq: u32,
    pub ack: u32,
    pub wnd: u32,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "crate::segment::payload_serde::serialize")]
    pub data: Vec<u8>,
}

impl InjectedSegment {
    pub fn to_segment(&self) -> Segment {
        Segment { flags: self.flags, seq: Seq(self.seq), ack: Seq(self.ack), wnd: self.wnd, data: self.data.clone() }
    }

    pub fn from_segment(seg: &Segment) -> InjectedSegment {
        InjectedSegment { flags: seg.flags, seq: seg.seq.0, ack: seg.ack.0, wnd: seg.wnd, data: seg.data.clone() }
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
        let segment = Segment { flags: Flags::RST, seq, ack: Seq(0), wnd: 0, data: Vec::new() };
        Action::Inject { from: to.peer(), segment: InjectedSegment::from_segment(&segment) }
    }
}

/// Why an action could not be applied. The simulation is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "kebab-case")]
pub enum ActionError {
    Network(crate::network::NetworkError),
    /// `send` needs exactly one of `text` and `bytes`.
    SendNeedsOnePayload,
    /// The timer is not running, so it cannot be fired.
    TimerNotRunning {
        host: Host,
        timer: TimerKind,
    },
    /// A number outside what the simulation accepts (e.g. a latency above an hour).
    OutOfRange {
        field: &'static str,
        max: u64,
    },
}

impl From<crate::network::NetworkError> for ActionError {
    fn from(e: crate::network::NetworkError) -> ActionError {
        ActionError::Network(e)
    }
}

/// The largest latency, delay or payload an action may ask for: enough for any lesson, small
/// enough that no action can make a run unreasonably long or large.
pub const MAX_DELAY_MS: u64 = 3_600_000;
pub const MAX_PAYLOAD: usize = 1 << 20;

impl Action {
    /// The application call this action makes, if it is one.
    pub fn app_call(
        &self,
        filler: impl FnOnce(Host, usize) -> Vec<u8>,
    ) -> Result<Option<(Host, AppCall)>, ActionError> {
        Ok(Some(match self {
            Action::Connect { host, isn } => (*host, AppCall::Connect { isn: *isn }),
            Action::Listen { host, isn } => (*host, AppCall::Listen { isn: *isn }),
            Action::Send { host, text, bytes } => {
                let data = match (text, bytes) {
                    (Some(t), None) => t.clone().into_bytes(),
                    (None, Some(n)) if *n <= MAX_PAYLOAD => filler(*host, *n),
                    (None, Some(_)) => return Err(ActionError::OutOfRange { field: "bytes", max: MAX_PAYLOAD as u64 }),
                    _ => return Err(ActionError::SendNeedsOnePayload),
                };
                if data.len() > MAX_PAYLOAD {
                    return Err(ActionError::OutOfRange { field: "bytes", max: MAX_PAYLOAD as u64 });
                }
                (*host, AppCall::Send { data })
            }
            Action::Read { host, max } => (*host, AppCall::Read { max: *max }),
            Action::Shutdown { host } => (*host, AppCall::Shutdown),
            Action::Close { host } => (*host, AppCall::Close),
            Action::Abort { host } => (*host, AppCall::Abort),
            _ => return Ok(None),
        }))
    }
}
