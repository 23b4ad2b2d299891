//! The application's side of a socket: the calls it makes, what they return, and what the
//! connection tells it later (end-of-file, reset, time-out).

use crate::json::Json;
use crate::payload::Payload;
use crate::time::Duration;
use crate::wire::{payload, Fields};
use std::fmt;

/// A call the application makes on its socket (RFC 9293 §3.10 user calls, in socket terms).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppCall {
    /// Active open. `isn`: the initial sequence number; by default one from a clock (RFC 6528).
    Connect { isn: Option<u32> },
    /// Passive open; `isn` is used for the SYN,ACK.
    Listen { isn: Option<u32> },
    /// Queue bytes for sending.
    Send { data: Payload },
    /// Take up to `max` bytes (all when absent) from the receive buffer.
    Read { max: Option<usize> },
    /// shutdown(SHUT_WR): close our sending direction, keep reading.
    Shutdown,
    /// close(): RFC CLOSE; on Linux the socket is also released (orphaned).
    Close,
    /// ABORT (close with SO_LINGER 0): reset the connection.
    Abort,
}

crate::named! {
    /// Which call, without its arguments: what a button offers and what "would this call fail
    /// now?" asks about.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum CallKind {
        Connect = "connect",
        Listen = "listen",
        Send = "send",
        Read = "read",
        Shutdown = "shutdown",
        Close = "close",
        Abort = "abort",
    }
}

impl AppCall {
    pub fn kind(&self) -> CallKind {
        match self {
            AppCall::Connect { .. } => CallKind::Connect,
            AppCall::Listen { .. } => CallKind::Listen,
            AppCall::Send { .. } => CallKind::Send,
            AppCall::Read { .. } => CallKind::Read,
            AppCall::Shutdown => CallKind::Shutdown,
            AppCall::Close => CallKind::Close,
            AppCall::Abort => CallKind::Abort,
        }
    }

    /// The call's name as the socket API knows it.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// `{"call": "send", "data": "…"}`, as traces record it.
    pub fn to_json(&self) -> Json {
        let f = Fields::new().put("call", self.kind());
        match self {
            AppCall::Connect { isn } | AppCall::Listen { isn } => f.opt("isn", *isn),
            AppCall::Send { data } => f.put("data", payload(data)),
            AppCall::Read { max } => f.opt("max", *max),
            AppCall::Shutdown | AppCall::Close | AppCall::Abort => f,
        }
        .into()
    }
}

/// What a successful call returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallOutcome {
    Done,
    /// `send`: the bytes were queued.
    Queued {
        bytes: usize,
    },
    /// `read`: the bytes taken, and whether the peer's FIN has been reached (end-of-file).
    Read {
        data: Payload,
        eof: bool,
    },
}

/// A call's result as traces record it: `{"outcome": "done"}`, `{"outcome": "read", …}`, or
/// `{"outcome": "error", "error": "connection-closing"}`.
pub fn result_to_json(result: &Result<CallOutcome, CallError>) -> Json {
    let f = Fields::new();
    match result {
        Ok(CallOutcome::Done) => f.put("outcome", "done"),
        Ok(CallOutcome::Queued { bytes }) => f.put("outcome", "queued").put("bytes", *bytes),
        Ok(CallOutcome::Read { data, eof }) => f.put("outcome", "read").put("data", payload(data)).put("eof", *eof),
        Err(error) => f.put("outcome", "error").put("error", *error),
    }
    .into()
}

crate::named! {
    /// Why a call failed. Errors are values the app sees, never panics.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum CallError {
        /// RFC 9293: "connection closing" — our side has already closed.
        ConnectionClosing = "connection-closing",
        /// RFC 9293: "connection does not exist".
        NotConnected = "not-connected",
        /// The connection is open already; connect/listen need CLOSED.
        AlreadyOpen = "already-open",
        /// TIME-WAIT still holds the address pair: a new connection must wait (EADDRINUSE).
        AddressInUse = "address-in-use",
        /// The peer reset the connection.
        ConnectionReset = "connection-reset",
        /// The peer refused the connection (reset in SYN-SENT).
        ConnectionRefused = "connection-refused",
        /// Retransmissions ran out.
        TimedOut = "timed-out",
        /// Linux: the app released the socket with close(); it cannot read any more.
        SocketClosed = "socket-closed",
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Something the connection reports to the app without being asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Notice {
    /// The peer's FIN is processed: after the buffered bytes, reads return end-of-file.
    PeerClosed,
    /// The connection is established.
    Connected,
    /// The connection ended with an error the next call will report.
    Failed { error: CallError },
}

impl Notice {
    /// `{"notice": "failed", "error": "connection-reset"}`.
    pub fn to_json(self) -> Json {
        let f = Fields::new();
        match self {
            Notice::PeerClosed => f.put("notice", "peer-closed"),
            Notice::Connected => f.put("notice", "connected"),
            Notice::Failed { error } => f.put("notice", "failed").put("error", error),
        }
        .into()
    }
}

crate::named! {
    /// Timers of a TCB (RFC 9293 §3.8, §3.10.8).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum TimerKind {
        Retransmission = "retransmission",
        TimeWait = "time-wait",
        FinWait2 = "fin-wait-2",
        DelayedAck = "delayed-ack",
        /// RFC 9293 §3.8.6.1: the peer's window is zero and nothing is in flight, so no ACK will
        /// come to reopen it; when this fires, a one-byte probe goes out.
        Persist = "persist",
        /// RFC 8985 §7: the tail-loss probe, armed instead of the retransmission timer while
        /// nothing has been lost yet; when it fires, the last segment goes out again.
        LossProbe = "loss-probe",
    }
}

/// What happened to a timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl TimerChange {
    /// `{"change": "started", "after": 200}`.
    pub fn to_json(self) -> Json {
        let f = Fields::new();
        match self {
            TimerChange::Started { after } => f.put("change", "started").put("after", after),
            TimerChange::Restarted { after } => f.put("change", "restarted").put("after", after),
            TimerChange::Stopped => f.put("change", "stopped"),
            TimerChange::Fired => f.put("change", "fired"),
        }
        .into()
    }
}
