//! The application's side of a socket: the calls it makes, what they return, and what the
//! connection tells it later (end-of-file, reset, time-out).

use crate::time::Duration;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A call the application makes on its socket (RFC 9293 §3.10 user calls, in socket terms).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "call", rename_all = "kebab-case")]
pub enum AppCall {
    /// Active open. `isn`: the initial sequence number; by default one from a clock (RFC 6528).
    Connect {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        isn: Option<u32>,
    },
    /// Passive open; `isn` is used for the SYN,ACK.
    Listen {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        isn: Option<u32>,
    },
    /// Queue bytes for sending.
    Send {
        #[serde(with = "crate::segment::payload_serde")]
        data: Vec<u8>,
    },
    /// Take up to `max` bytes (all when absent) from the receive buffer.
    Read {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<usize>,
    },
    /// shutdown(SHUT_WR): close our sending direction, keep reading.
    Shutdown,
    /// close(): RFC CLOSE; on Linux the socket is also released (orphaned).
    Close,
    /// ABORT (close with SO_LINGER 0): reset the connection.
    Abort,
}

impl AppCall {
    /// The call's name as the socket API knows it.
    pub fn name(&self) -> &'static str {
        match self {
            AppCall::Connect { .. } => "connect",
            AppCall::Listen { .. } => "listen",
            AppCall::Send { .. } => "send",
            AppCall::Read { .. } => "read",
            AppCall::Shutdown => "shutdown",
            AppCall::Close => "close",
            AppCall::Abort => "abort",
        }
    }
}

/// What a successful call returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum CallOutcome {
    Done,
    /// `send`: the bytes were queued.
    Queued {
        bytes: usize,
    },
    /// `read`: the bytes taken, and whether the peer's FIN has been reached (end-of-file).
    Read {
        #[serde(with = "crate::segment::payload_serde")]
        data: Vec<u8>,
        eof: bool,
    },
}

/// Why a call failed. Errors are values the app sees, never panics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallError {
    /// RFC 9293: "connection closing" — our side has already closed.
    ConnectionClosing,
    /// RFC 9293: "connection does not exist".
    NotConnected,
    /// The connection is open already; connect/listen need CLOSED.
    AlreadyOpen,
    /// TIME-WAIT still holds the address pair: a new connection must wait (EADDRINUSE).
    AddressInUse,
    /// The peer reset the connection.
    ConnectionReset,
    /// The peer refused the connection (reset in SYN-SENT).
    ConnectionRefused,
    /// Retransmissions ran out.
    TimedOut,
    /// Linux: the app released the socket with close(); it cannot read any more.
    SocketClosed,
}

impl CallError {
    pub const ALL: [CallError; 8] = [
        CallError::ConnectionClosing,
        CallError::NotConnected,
        CallError::AlreadyOpen,
        CallError::AddressInUse,
        CallError::ConnectionReset,
        CallError::ConnectionRefused,
        CallError::TimedOut,
        CallError::SocketClosed,
    ];

    /// The error's stable name, as in scenario files and JSON traces.
    pub fn code(self) -> &'static str {
        match self {
            CallError::ConnectionClosing => "connection-closing",
            CallError::NotConnected => "not-connected",
            CallError::AlreadyOpen => "already-open",
            CallError::AddressInUse => "address-in-use",
            CallError::ConnectionReset => "connection-reset",
            CallError::ConnectionRefused => "connection-refused",
            CallError::TimedOut => "timed-out",
            CallError::SocketClosed => "socket-closed",
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Something the connection reports to the app without being asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "kebab-case")]
pub enum Notice {
    /// The peer's FIN is processed: after the buffered bytes, reads return end-of-file.
    PeerClosed,
    /// The connection is established.
    Connected,
    /// The connection ended with an error the next call will report.
    Failed { error: CallError },
}

/// Timers of a TCB (RFC 9293 §3.8, §3.10.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerKind {
    Retransmission,
    TimeWait,
    FinWait2,
    DelayedAck,
    /// RFC 9293 §3.8.6.1: the peer's window is zero and nothing is in flight, so no ACK will
    /// come to reopen it; when this fires, a one-byte probe goes out.
    Persist,
}

impl TimerKind {
    pub const ALL: [TimerKind; 5] = [
        TimerKind::Retransmission,
        TimerKind::TimeWait,
        TimerKind::FinWait2,
        TimerKind::DelayedAck,
        TimerKind::Persist,
    ];
}

/// What happened to a timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum TimerChange {
    /// Armed to fire after `after`.
    Started {
        after: Duration,
    },
    /// Was running and is armed again from now.
    Restarted {
        after: Duration,
    },
    Stopped,
    Fired,
}
