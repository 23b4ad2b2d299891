//! The rules behind the core's reasons, as one plain sentence each (docs/tcp-close-rules.md
//! says the same at length).

use crate::Lang;
use finwait_core::Reason;

/// What the rule behind a reason says, as one plain sentence.
pub fn reason(_lang: Lang, r: Reason) -> &'static str {
    use Reason::*;
    match r {
        AppConnect => "connect(): send SYN and wait in SYN-SENT for the answer",
        AppListen => "listen(): wait in LISTEN for a SYN",
        AppSend => "send(): the queued bytes go out as a data segment",
        AppClose => "close() in ESTABLISHED: send FIN after the queued data → FIN-WAIT-1",
        AppCloseInCloseWait => {
            "close() in CLOSE-WAIT: send FIN → LAST-ACK (RFC 793 said CLOSING; RFC 1122 corrected it)"
        }
        AppCloseBeforeSynchronized => "close() before the connection exists: → CLOSED, nothing is sent",
        AppAbort => "abort(): send RST → CLOSED",
        AppAbortQuiet => "abort() after both FINs: → CLOSED, no reset needed",
        CloseWithUnreadData => "close() with unread data: Linux sends RST instead of FIN → CLOSED",
        DataAfterClose => "data arrived after close(): nobody will read it, so Linux answers with RST",
        CloseAfterError => {
            "close() after the connection ended: Linux only releases the socket; the reset or time-out was reported to the call that saw it"
        }
        SynInListen => "SYN received in LISTEN: answer SYN,ACK → SYN-RECEIVED",
        SynAckInSynSent => "SYN,ACK received in SYN-SENT: send ACK → ESTABLISHED",
        SimultaneousOpen => "SYN received in SYN-SENT (simultaneous open): send SYN,ACK → SYN-RECEIVED",
        HandshakeAck => "the handshake's ACK received in SYN-RECEIVED → ESTABLISHED",
        BadAckInHandshake => "an ACK for something never sent: answer with RST (SEQ = its ACK)",
        ResetInHandshake => "RST received in SYN-SENT: the connection is refused → CLOSED",
        SynSentIgnores => "SYN-SENT drops a segment that is neither SYN nor RST",
        UnacceptableSegment => "segment outside the receive window: send an ACK saying what is expected, drop it",
        RetransmittedFin => "the peer's FIN again (its ACK was lost or late): acknowledge it again",
        TimeWaitRestart => "retransmitted FIN in TIME-WAIT: ACK it again and restart the 2×MSL timer",
        OutOfOrder => "segment ahead of RCV.NXT: hold it until the bytes before it arrive, send a duplicate ACK",
        OutOfOrderFilled => "the missing bytes arrived: deliver them and the held segments after them",
        ResetExact => "RST with SEQ = RCV.NXT: the connection is reset → CLOSED",
        ResetToListen => "RST received in SYN-RECEIVED after a passive open: back to LISTEN for the next SYN",
        ResetBeforeFin => "RST one below RCV.NXT after the peer's FIN: Linux accepts it as a reset",
        ResetChallenge => "RST inside the window but not at RCV.NXT: send a challenge ACK, drop it (RFC 5961)",
        ResetOutOfWindow => "RST outside the window: drop it silently",
        ResetIgnoredInTimeWait => "RST in TIME-WAIT ignored (RFC 1337 protection against TIME-WAIT assassination)",
        TimeWaitDropsReset => "RST in TIME-WAIT not exactly at RCV.NXT: Linux drops it without a challenge ACK",
        TimeWaitRestartOnAck => "segment with ACK in TIME-WAIT: Linux restarts the wait (RFC 9293 restarts it only for a retransmitted FIN)",
        OrphanReset => {
            "a reset (or a SYN) reached an orphaned FIN-WAIT-2: Linux keeps it in a time-wait socket, which ends without a word at any reset in the window"
        }
        OrphanIgnores => {
            "segment that brings nothing new to an orphaned FIN-WAIT-2: Linux's time-wait socket absorbs it without an answer"
        }
        AckRateLimited => "Linux already answered an unacceptable segment within tcp_invalid_ratelimit (500 ms by default): no ACK this time",
        SynChallenge => "SYN on an open connection: send a challenge ACK, drop it (RFC 5961)",
        NoAckFlag => "segment without ACK on an open connection: drop it",
        AckOfUnsentData => "ACK of data never sent: send an ACK, drop it",
        OurFinAcked => "our FIN is acknowledged in FIN-WAIT-1 → FIN-WAIT-2",
        OurFinAckedInClosing => "our FIN is acknowledged in CLOSING → TIME-WAIT",
        OurFinAckedInLastAck => "our FIN is acknowledged in LAST-ACK → CLOSED",
        DataReceived => "in-sequence data: deliver it to the receive buffer and acknowledge it",
        QuickAck => {
            "Linux quick-ACK mode: early data (and data after a long pause) is acknowledged at once, until the exchange turns interactive"
        }
        AckEverySecondSegment => {
            "more than one full-sized segment is unacknowledged: the ACK goes now, not after the delayed-ACK time"
        }
        DataAfterFin => "data after the peer's FIN cannot be legal: ignore it",
        FinReceived => "FIN received in ESTABLISHED: acknowledge it → CLOSE-WAIT",
        FinReceivedSimultaneous => {
            "FIN received in FIN-WAIT-1 before our FIN is acknowledged (simultaneous close) → CLOSING"
        }
        FinReceivedWithAckOfOurFin => "FIN received in FIN-WAIT-1 that also acknowledges our FIN → TIME-WAIT",
        FinReceivedInFinWait2 => "FIN received in FIN-WAIT-2: acknowledge it → TIME-WAIT",
        RetransmissionTimeout => "retransmission timeout: resend the oldest unacknowledged segment, double the RTO",
        TailLossProbe => {
            "tail-loss probe: nothing acknowledged for about two round trips, so the last segment goes again before the RTO"
        }
        RetryLimit => "too many retransmissions: give the connection up → CLOSED",
        RetryTimeLimit => {
            "retransmissions have run longer than the retry limit allows, counted as a time: give the connection up (silently if orphaned) → CLOSED"
        }
        TimeWaitExpired => "2×MSL have passed in TIME-WAIT → CLOSED",
        FinWait2Timeout => "orphaned socket waited tcp_fin_timeout in FIN-WAIT-2: Linux drops it silently → CLOSED",
        DelayedAck => "delayed-ACK timer fired: nothing to ride on, the ACK goes alone",
        ZeroWindowProbe => "persist timer fired: the peer's window is zero, so one byte probes whether it has opened",
        NoConnection => "segment for a connection that does not exist: answer with RST",
        NoConnectionRst => "RST for a connection that does not exist: drop it",
        ListenIgnores => "LISTEN drops a segment that is neither SYN nor ACK",
    }
}

/// A log line's reason: `RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2: acknowledge it → TIME-WAIT`.
pub fn cited_reason(lang: Lang, r: Reason) -> String {
    format!("{}: {}", r.citation(), reason(lang, r))
}
