//! Why something happened: every state change, every segment an endpoint sends and every
//! segment it throws away carries a `Reason`, naming the rule of RULES.md that applied. The UI
//! and the CLI turn reasons into sentences; the core only names them and cites their source.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    // ── Application calls ──────────────────────────────────────────────────────────────────
    /// Active OPEN: send SYN, CLOSED → SYN-SENT.
    AppConnect,
    /// Passive OPEN: CLOSED → LISTEN.
    AppListen,
    /// SEND: queued data goes out as segments.
    AppSend,
    /// CLOSE in ESTABLISHED or SYN-RECEIVED: → FIN-WAIT-1; the FIN follows the queued data.
    AppClose,
    /// CLOSE in CLOSE-WAIT: → LAST-ACK (RFC 793 said CLOSING; RFC 1122 corrected it).
    AppCloseInCloseWait,
    /// CLOSE in LISTEN or SYN-SENT: → CLOSED, nothing is sent.
    AppCloseBeforeSynchronized,
    /// ABORT: send RST, → CLOSED.
    AppAbort,
    /// ABORT in CLOSING, LAST-ACK or TIME-WAIT: → CLOSED without a reset.
    AppAbortQuiet,
    /// Linux: close() with unread data sends RST instead of FIN.
    CloseWithUnreadData,
    /// Linux: data arriving after close() is answered with RST.
    DataAfterClose,

    // ── Opening a connection ───────────────────────────────────────────────────────────────
    /// SYN in LISTEN: send SYN,ACK, → SYN-RECEIVED.
    SynInListen,
    /// SYN,ACK in SYN-SENT: send ACK, → ESTABLISHED.
    SynAckInSynSent,
    /// SYN without ACK in SYN-SENT (simultaneous open): send SYN,ACK, → SYN-RECEIVED.
    SimultaneousOpen,
    /// An acceptable ACK in SYN-RECEIVED: → ESTABLISHED.
    HandshakeAck,
    /// An ACK for something never sent during the handshake: reset it (SEQ = SEG.ACK).
    BadAckInHandshake,
    /// An acceptable RST during the handshake: the connection is refused.
    ResetInHandshake,
    /// SYN-SENT drops what is neither SYN nor RST.
    SynSentIgnores,

    // ── A segment arrives on a synchronized connection ─────────────────────────────────────
    /// Not acceptable (outside the receive window): send an ACK, drop the segment.
    UnacceptableSegment,
    /// The peer's FIN again (SEG.SEQ = RCV.NXT−1): acknowledge it again.
    RetransmittedFin,
    /// A retransmitted FIN in TIME-WAIT: ACK it and restart the 2×MSL timer.
    TimeWaitRestart,
    /// Starts after RCV.NXT: held until the missing bytes arrive; a duplicate ACK says what is
    /// missing.
    OutOfOrder,
    /// Bytes held out of order are now in sequence and are processed.
    OutOfOrderFilled,
    /// RST with SEG.SEQ = RCV.NXT: the connection is reset.
    ResetExact,
    /// Linux: RST at RCV.NXT−1 after the peer's FIN is accepted as a reset.
    ResetBeforeFin,
    /// A passive open in SYN-RECEIVED is reset: back to LISTEN for the next SYN.
    ResetToListen,
    /// RST inside the window but not at RCV.NXT: send a challenge ACK, drop it.
    ResetChallenge,
    /// RST outside the window: drop it silently.
    ResetOutOfWindow,
    /// RFC 1337: an RST in TIME-WAIT is ignored.
    ResetIgnoredInTimeWait,
    /// Linux TIME-WAIT: an RST not exactly at RCV.NXT is dropped, with no challenge ACK.
    TimeWaitDropsReset,
    /// Linux TIME-WAIT: a segment with ACK restarts the TIME-WAIT time (a bare in-window ACK
    /// silently, anything else with an ACK in answer).
    TimeWaitRestartOnAck,
    /// Linux tcp_invalid_ratelimit: the ACK this segment called for was sent less than the
    /// interval ago, so none is sent now.
    AckRateLimited,
    /// SYN on a synchronized connection: send a challenge ACK, drop it.
    SynChallenge,
    /// A segment without ACK on a synchronized connection is dropped.
    NoAckFlag,
    /// SEG.ACK > SND.NXT acknowledges something never sent: send an ACK, drop it.
    AckOfUnsentData,
    /// FIN-WAIT-1: our FIN is acknowledged, → FIN-WAIT-2.
    OurFinAcked,
    /// CLOSING: our FIN is acknowledged, → TIME-WAIT.
    OurFinAckedInClosing,
    /// LAST-ACK: our FIN is acknowledged, → CLOSED.
    OurFinAckedInLastAck,
    /// In-sequence data is delivered to the receive buffer and acknowledged.
    DataReceived,
    /// Data after the peer's FIN cannot be legal and is ignored.
    DataAfterFin,
    /// FIN in ESTABLISHED (or SYN-RECEIVED): ACK it, → CLOSE-WAIT.
    FinReceived,
    /// FIN in FIN-WAIT-1 while our FIN is unacknowledged (simultaneous close): → CLOSING.
    FinReceivedSimultaneous,
    /// FIN in FIN-WAIT-1 that also acknowledges our FIN: → TIME-WAIT.
    FinReceivedWithAckOfOurFin,
    /// FIN in FIN-WAIT-2: ACK it, → TIME-WAIT.
    FinReceivedInFinWait2,

    // ── Timers ─────────────────────────────────────────────────────────────────────────────
    /// The retransmission timer fired: resend the oldest unacknowledged segment, double the RTO.
    RetransmissionTimeout,
    /// Too many retransmissions: the connection is given up, → CLOSED.
    RetryLimit,
    /// Linux: the retransmissions have lasted longer than the retry count allows, counted as a
    /// time (tcp_write_timeout / retransmits_timed_out): the connection is given up, → CLOSED.
    RetryTimeLimit,
    /// 2×MSL have passed in TIME-WAIT: → CLOSED.
    TimeWaitExpired,
    /// Linux tcp_fin_timeout: an orphaned socket gave up waiting in FIN-WAIT-2.
    FinWait2Timeout,
    /// The delayed-ACK timer fired: the ACK goes out alone.
    DelayedAck,
    /// The persist timer fired: the peer's window is zero, so one byte probes it.
    ZeroWindowProbe,

    // ── No connection ──────────────────────────────────────────────────────────────────────
    /// A segment for no connection is answered with a reset.
    NoConnection,
    /// An RST for no connection is dropped.
    NoConnectionRst,
    /// LISTEN drops what is neither SYN nor ACK nor RST.
    ListenIgnores,
}

/// Where a rule is written down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Rfc9293,
    Rfc1122,
    Rfc1337,
    Rfc2525,
    Rfc5961,
    Rfc6298,
    Linux,
}

/// A source and a section in it, e.g. RFC 9293 §3.10.7.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation {
    pub source: Source,
    /// Section number for RFCs; for Linux, the kernel's name for the behaviour.
    pub section: &'static str,
}

impl Reason {
    /// The rule this reason stands for.
    pub fn citation(self) -> Citation {
        use Reason::*;
        let (source, section) = match self {
            AppConnect | AppListen => (Source::Rfc9293, "3.10.1"),
            AppSend => (Source::Rfc9293, "3.10.2"),
            AppClose | AppCloseBeforeSynchronized => (Source::Rfc9293, "3.10.4"),
            AppCloseInCloseWait => (Source::Rfc1122, "4.2.2.20"),
            AppAbort | AppAbortQuiet => (Source::Rfc9293, "3.10.5"),
            CloseWithUnreadData => (Source::Rfc2525, "2.17"),
            DataAfterClose => (Source::Linux, "tcp_rcv_state_process: TCPAbortOnData"),
            SynInListen | ListenIgnores => (Source::Rfc9293, "3.10.7.2"),
            SynAckInSynSent | SimultaneousOpen | ResetInHandshake | SynSentIgnores => (Source::Rfc9293, "3.10.7.3"),
            BadAckInHandshake => (Source::Rfc9293, "3.10.7.3"),
            HandshakeAck => (Source::Rfc9293, "3.10.7.4"),
            UnacceptableSegment | RetransmittedFin | OutOfOrder | OutOfOrderFilled => (Source::Rfc9293, "3.10.7.4"),
            TimeWaitRestart => (Source::Rfc9293, "3.6"),
            ResetExact | ResetChallenge | ResetOutOfWindow => (Source::Rfc5961, "3.2"),
            ResetToListen => (Source::Rfc9293, "3.10.7.4"),
            ResetBeforeFin => (Source::Linux, "tcp_validate_incoming: RST at rcv_nxt-1 after FIN"),
            ResetIgnoredInTimeWait => (Source::Rfc1337, "3"),
            TimeWaitDropsReset | TimeWaitRestartOnAck => (Source::Linux, "tcp_timewait_state_process"),
            AckRateLimited => (Source::Linux, "tcp_invalid_ratelimit"),
            SynChallenge => (Source::Rfc5961, "4.2"),
            NoAckFlag
            | AckOfUnsentData
            | OurFinAcked
            | OurFinAckedInClosing
            | OurFinAckedInLastAck
            | DataReceived
            | DataAfterFin
            | FinReceived
            | FinReceivedSimultaneous
            | FinReceivedWithAckOfOurFin
            | FinReceivedInFinWait2 => (Source::Rfc9293, "3.10.7.4"),
            RetransmissionTimeout => (Source::Rfc6298, "5"),
            RetryLimit => (Source::Rfc9293, "3.8.3"),
            RetryTimeLimit => (Source::Linux, "tcp_write_timeout"),
            TimeWaitExpired => (Source::Rfc9293, "3.10.8"),
            FinWait2Timeout => (Source::Linux, "tcp_fin_timeout"),
            DelayedAck => (Source::Rfc1122, "4.2.3.2"),
            ZeroWindowProbe => (Source::Rfc9293, "3.8.6.1"),
            NoConnection | NoConnectionRst => (Source::Rfc9293, "3.10.7.1"),
        };
        Citation { source, section }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Rfc9293 => "RFC 9293",
            Source::Rfc1122 => "RFC 1122",
            Source::Rfc1337 => "RFC 1337",
            Source::Rfc2525 => "RFC 2525",
            Source::Rfc5961 => "RFC 5961",
            Source::Rfc6298 => "RFC 6298",
            Source::Linux => "Linux",
        })
    }
}

impl fmt::Display for Citation {
    /// `RFC 9293 §3.10.7.4`, or `Linux tcp_fin_timeout`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            Source::Linux => write!(f, "Linux {}", self.section),
            _ => write!(f, "{} §{}", self.source, self.section),
        }
    }
}
