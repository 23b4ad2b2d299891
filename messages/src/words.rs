//! Words for the core's named values: states, call errors, notices, timers, losses.

use crate::Lang;
use finwait_core::app::{CallError, Notice, TimerKind};
use finwait_core::network::LossCause;
use finwait_core::State;

/// What a state means, in one line.
pub fn state(_lang: Lang, s: State) -> &'static str {
    match s {
        State::Closed => "no connection",
        State::Listen => "waiting for a connection request",
        State::SynSent => "sent SYN, waiting for the peer's SYN",
        State::SynReceived => "got SYN, sent SYN,ACK, waiting for its ACK",
        State::Established => "open: data flows both ways",
        State::FinWait1 => "we closed: our FIN is not yet acknowledged",
        State::FinWait2 => "our FIN is acknowledged: waiting for the peer's FIN",
        State::CloseWait => "the peer closed: waiting for our application to close",
        State::Closing => "both closed at once: waiting for the ACK of our FIN",
        State::LastAck => "we closed after the peer: waiting for the ACK of our FIN",
        State::TimeWait => "waiting (2×MSL; 60 s on Linux) so a lost last ACK can be repeated and old segments die",
    }
}

pub fn call_error(_lang: Lang, e: CallError) -> &'static str {
    match e {
        CallError::ConnectionClosing => "connection closing: this side has already closed",
        CallError::NotConnected => "connection does not exist",
        CallError::AlreadyOpen => "the socket is already in use",
        CallError::AddressInUse => "address in use: TIME-WAIT still holds this connection's addresses",
        CallError::ConnectionReset => "connection reset by the peer",
        CallError::ConnectionRefused => "connection refused",
        CallError::TimedOut => "connection timed out: retransmissions ran out",
        CallError::SocketClosed => "the application already closed this socket",
    }
}

/// A call error in a word or two, for notes beside a lifeline.
pub fn call_error_short(_lang: Lang, e: CallError) -> &'static str {
    match e {
        CallError::ConnectionClosing => "closing",
        CallError::NotConnected => "no connection",
        CallError::AlreadyOpen => "in use",
        CallError::AddressInUse => "address in use",
        CallError::ConnectionReset => "reset",
        CallError::ConnectionRefused => "refused",
        CallError::TimedOut => "timed out",
        CallError::SocketClosed => "socket closed",
    }
}

pub fn notice(lang: Lang, n: Notice) -> String {
    match n {
        Notice::PeerClosed => "end-of-file: the peer will send no more".into(),
        Notice::Connected => "connected".into(),
        Notice::Failed { error } => format!("error: {}", call_error(lang, error)),
    }
}

pub fn timer(_lang: Lang, t: TimerKind) -> &'static str {
    match t {
        TimerKind::Retransmission => "retransmission",
        TimerKind::TimeWait => "TIME-WAIT",
        TimerKind::FinWait2 => "FIN-WAIT-2 timeout",
        TimerKind::DelayedAck => "delayed ACK",
        TimerKind::Persist => "persist (zero window)",
        TimerKind::LossProbe => "tail-loss probe",
    }
}

pub fn loss(_lang: Lang, c: LossCause) -> &'static str {
    match c {
        LossCause::Dropped => "dropped",
        LossCause::DroppedByRule => "dropped by a rule",
        LossCause::Expired => "expired (outlived the segment lifetime)",
    }
}
