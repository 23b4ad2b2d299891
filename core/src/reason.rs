//! Why something happened: every state change, every segment an endpoint sends and every
//! segment it throws away carries a `Reason`, naming the rule that applied (the rules are
//! written out in docs/tcp-close-rules.md). The UI and the CLI turn reasons into sentences;
//! the core only names them and cites their source.

use std::fmt;

crate::named! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Reason {
        // ── Application calls ──────────────────────────────────────────────────────────────────
        /// Active OPEN: send SYN, CLOSED → SYN-SENT.
        AppConnect = "app-connect",
        /// Passive OPEN: CLOSED → LISTEN.
        AppListen = "app-listen",
        /// SEND: queued data goes out as segments.
        AppSend = "app-send",
        /// CLOSE in ESTABLISHED or SYN-RECEIVED: → FIN-WAIT-1; the FIN follows the queued data.
        AppClose = "app-close",
        /// CLOSE in CLOSE-WAIT: → LAST-ACK (RFC 793 said CLOSING; RFC 1122 corrected it).
        AppCloseInCloseWait = "app-close-in-close-wait",
        /// CLOSE in LISTEN or SYN-SENT: → CLOSED, nothing is sent.
        AppCloseBeforeSynchronized = "app-close-before-synchronized",
        /// ABORT: send RST, → CLOSED.
        AppAbort = "app-abort",
        /// ABORT in CLOSING, LAST-ACK or TIME-WAIT: → CLOSED without a reset.
        AppAbortQuiet = "app-abort-quiet",
        /// Linux: close() with unread data sends RST instead of FIN.
        CloseWithUnreadData = "close-with-unread-data",
        /// Linux: data arriving after close() is answered with RST.
        DataAfterClose = "data-after-close",
        /// Linux: close() on a connection that a reset or a time-out already ended only releases
        /// the socket; the error went to the call that saw it.
        CloseAfterError = "close-after-error",

        // ── Opening a connection ───────────────────────────────────────────────────────────────
        /// SYN in LISTEN: send SYN,ACK, → SYN-RECEIVED.
        SynInListen = "syn-in-listen",
        /// SYN,ACK in SYN-SENT: send ACK, → ESTABLISHED.
        SynAckInSynSent = "syn-ack-in-syn-sent",
        /// SYN without ACK in SYN-SENT (simultaneous open): send SYN,ACK, → SYN-RECEIVED.
        SimultaneousOpen = "simultaneous-open",
        /// An acceptable ACK in SYN-RECEIVED: → ESTABLISHED.
        HandshakeAck = "handshake-ack",
        /// An ACK for something never sent during the handshake: reset it (SEQ = SEG.ACK).
        BadAckInHandshake = "bad-ack-in-handshake",
        /// An acceptable RST during the handshake: the connection is refused.
        ResetInHandshake = "reset-in-handshake",
        /// SYN-SENT drops what is neither SYN nor RST.
        SynSentIgnores = "syn-sent-ignores",

        // ── A segment arrives on a synchronized connection ─────────────────────────────────────
        /// Not acceptable (outside the receive window): send an ACK, drop the segment.
        UnacceptableSegment = "unacceptable-segment",
        /// The peer's FIN again (SEG.SEQ = RCV.NXT−1): acknowledge it again.
        RetransmittedFin = "retransmitted-fin",
        /// A retransmitted FIN in TIME-WAIT: ACK it and restart the 2×MSL timer.
        TimeWaitRestart = "time-wait-restart",
        /// Starts after RCV.NXT: held until the missing bytes arrive; a duplicate ACK says what is
        /// missing.
        OutOfOrder = "out-of-order",
        /// Bytes held out of order are now in sequence and are processed.
        OutOfOrderFilled = "out-of-order-filled",
        /// RST with SEG.SEQ = RCV.NXT: the connection is reset.
        ResetExact = "reset-exact",
        /// Linux: RST at RCV.NXT−1 after the peer's FIN is accepted as a reset.
        ResetBeforeFin = "reset-before-fin",
        /// A passive open in SYN-RECEIVED is reset: back to LISTEN for the next SYN.
        ResetToListen = "reset-to-listen",
        /// RST inside the window but not at RCV.NXT: send a challenge ACK, drop it.
        ResetChallenge = "reset-challenge",
        /// RST outside the window: drop it silently.
        ResetOutOfWindow = "reset-out-of-window",
        /// RFC 1337: an RST in TIME-WAIT is ignored.
        ResetIgnoredInTimeWait = "reset-ignored-in-time-wait",
        /// Linux TIME-WAIT: an RST not exactly at RCV.NXT is dropped, with no challenge ACK.
        TimeWaitDropsReset = "time-wait-drops-reset",
        /// Linux TIME-WAIT: a segment with ACK restarts the TIME-WAIT time (a bare in-window ACK
        /// silently, anything else with an ACK in answer).
        TimeWaitRestartOnAck = "time-wait-restart-on-ack",
        /// Linux: a reset anywhere in the window ends an orphaned FIN-WAIT-2 (a time-wait socket),
        /// without a word; so does a SYN, answered with a reset.
        OrphanReset = "orphan-reset",
        /// Linux: an orphaned FIN-WAIT-2 (a time-wait socket) absorbs a segment that brings
        /// nothing new, without an answer.
        OrphanIgnores = "orphan-ignores",
        /// Linux tcp_invalid_ratelimit: the ACK this segment called for was sent less than the
        /// interval ago, so none is sent now.
        AckRateLimited = "ack-rate-limited",
        /// SYN on a synchronized connection: send a challenge ACK, drop it.
        SynChallenge = "syn-challenge",
        /// A segment without ACK on a synchronized connection is dropped.
        NoAckFlag = "no-ack-flag",
        /// SEG.ACK > SND.NXT acknowledges something never sent: send an ACK, drop it.
        AckOfUnsentData = "ack-of-unsent-data",
        /// FIN-WAIT-1: our FIN is acknowledged, → FIN-WAIT-2.
        OurFinAcked = "our-fin-acked",
        /// CLOSING: our FIN is acknowledged, → TIME-WAIT.
        OurFinAckedInClosing = "our-fin-acked-in-closing",
        /// LAST-ACK: our FIN is acknowledged, → CLOSED.
        OurFinAckedInLastAck = "our-fin-acked-in-last-ack",
        /// In-sequence data is delivered to the receive buffer and acknowledged.
        DataReceived = "data-received",
        /// Linux quick-ACK mode: data early in a connection (or after a long pause) is
        /// acknowledged at once rather than after the delayed-ACK time.
        QuickAck = "quick-ack",
        /// More than one full-sized segment has arrived since the last ACK: acknowledge now,
        /// whatever the delayed-ACK timer says.
        AckEverySecondSegment = "ack-every-second-segment",
        /// Data after the peer's FIN cannot be legal and is ignored.
        DataAfterFin = "data-after-fin",
        /// FIN in ESTABLISHED (or SYN-RECEIVED): ACK it, → CLOSE-WAIT.
        FinReceived = "fin-received",
        /// FIN in FIN-WAIT-1 while our FIN is unacknowledged (simultaneous close): → CLOSING.
        FinReceivedSimultaneous = "fin-received-simultaneous",
        /// FIN in FIN-WAIT-1 that also acknowledges our FIN: → TIME-WAIT.
        FinReceivedWithAckOfOurFin = "fin-received-with-ack-of-our-fin",
        /// FIN in FIN-WAIT-2: ACK it, → TIME-WAIT.
        FinReceivedInFinWait2 = "fin-received-in-fin-wait-2",

        // ── Timers ─────────────────────────────────────────────────────────────────────────────
        /// The retransmission timer fired: resend the oldest unacknowledged segment, double the RTO.
        RetransmissionTimeout = "retransmission-timeout",
        /// The tail-loss probe timer fired: the last segment goes out again, before the RTO.
        TailLossProbe = "tail-loss-probe",
        /// Too many retransmissions: the connection is given up, → CLOSED.
        RetryLimit = "retry-limit",
        /// Linux: the retransmissions have lasted longer than the retry count allows, counted as a
        /// time (tcp_write_timeout / retransmits_timed_out): the connection is given up, → CLOSED.
        RetryTimeLimit = "retry-time-limit",
        /// 2×MSL have passed in TIME-WAIT: → CLOSED.
        TimeWaitExpired = "time-wait-expired",
        /// Linux tcp_fin_timeout: an orphaned socket gave up waiting in FIN-WAIT-2.
        FinWait2Timeout = "fin-wait-2-timeout",
        /// The delayed-ACK timer fired: the ACK goes out alone.
        DelayedAck = "delayed-ack",
        /// The persist timer fired: the peer's window is zero, so one byte probes it.
        ZeroWindowProbe = "zero-window-probe",

        // ── No connection ──────────────────────────────────────────────────────────────────────
        /// A segment for no connection is answered with a reset.
        NoConnection = "no-connection",
        /// An RST for no connection is dropped.
        NoConnectionRst = "no-connection-rst",
        /// LISTEN drops what is neither SYN nor ACK nor RST.
        ListenIgnores = "listen-ignores",
    }
}

/// Where a rule is written down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Rfc9293,
    Rfc1122,
    Rfc1337,
    Rfc2525,
    Rfc5961,
    Rfc6298,
    Rfc8985,
    Linux,
}

/// A source and a section in it, e.g. RFC 9293 §3.10.7.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
            CloseAfterError => (Source::Linux, "tcp_close"),
            QuickAck => (Source::Linux, "tcp_event_data_recv: tcp_incr_quickack"),
            AckEverySecondSegment => (Source::Rfc1122, "4.2.3.2"),
            TailLossProbe => (Source::Rfc8985, "7"),
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
            TimeWaitDropsReset | TimeWaitRestartOnAck | OrphanReset | OrphanIgnores => {
                (Source::Linux, "tcp_timewait_state_process")
            }
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
            Source::Rfc8985 => "RFC 8985",
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
