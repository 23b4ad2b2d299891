//! The rules behind the core's reasons, as one plain sentence each (docs/tcp-close-rules.md
//! says the same at length).

use crate::{tr, Lang};
use finwait_core::Reason;

/// What the rule behind a reason says, as one plain sentence.
pub fn reason(lang: Lang, r: Reason) -> &'static str {
    use Reason::*;
    match r {
        AppConnect => tr!(lang, "connect(): send SYN and wait in SYN-SENT for the answer", "connect(): SYN을 보내고 SYN-SENT에서 응답을 기다림"),
        AppListen => tr!(lang, "listen(): wait in LISTEN for a SYN", "listen(): LISTEN에서 SYN을 기다림"),
        AppSend => tr!(lang, "send(): the queued bytes go out as a data segment", "send(): 대기열의 바이트가 데이터 세그먼트로 나감"),
        AppClose => tr!(lang, "close() in ESTABLISHED: send FIN after the queued data → FIN-WAIT-1", "ESTABLISHED에서 close(): 대기열의 데이터 뒤에 FIN을 보냄 → FIN-WAIT-1"),
        AppCloseInCloseWait => tr!(lang, "close() in CLOSE-WAIT: send FIN → LAST-ACK (RFC 793 said CLOSING; RFC 1122 corrected it)", "CLOSE-WAIT에서 close(): FIN을 보냄 → LAST-ACK (RFC 793은 CLOSING이라 했고 RFC 1122가 바로잡음)"),
        AppCloseBeforeSynchronized => tr!(lang, "close() before the connection exists: → CLOSED, nothing is sent", "연결이 생기기 전의 close(): 아무것도 보내지 않고 → CLOSED"),
        AppAbort => tr!(lang, "abort(): send RST → CLOSED", "abort(): RST를 보냄 → CLOSED"),
        AppAbortQuiet => tr!(lang, "abort() after both FINs: → CLOSED, no reset needed", "양쪽 FIN이 다 오간 뒤의 abort(): 리셋 없이 → CLOSED"),
        CloseWithUnreadData => tr!(lang, "close() with unread data: Linux sends RST instead of FIN → CLOSED", "읽지 않은 데이터가 있는 상태의 close(): Linux는 FIN 대신 RST를 보냄 → CLOSED"),
        DataAfterClose => tr!(lang, "data arrived after close(): nobody will read it, so Linux answers with RST", "close() 뒤에 데이터가 도착: 읽을 애플리케이션이 없으므로 Linux는 RST로 응답"),
        CloseAfterError => tr!(lang, "close() after the connection ended: Linux only releases the socket; the reset or time-out was reported to the call that saw it", "연결이 이미 끝난 뒤의 close(): Linux는 소켓만 해제함. 리셋이나 타임아웃은 그것을 겪은 호출에 이미 알렸음"),
        SynInListen => tr!(lang, "SYN received in LISTEN: answer SYN,ACK → SYN-RECEIVED", "LISTEN에서 SYN 수신: SYN,ACK로 응답 → SYN-RECEIVED"),
        SynAckInSynSent => tr!(lang, "SYN,ACK received in SYN-SENT: send ACK → ESTABLISHED", "SYN-SENT에서 SYN,ACK 수신: ACK를 보냄 → ESTABLISHED"),
        SimultaneousOpen => tr!(lang, "SYN received in SYN-SENT (simultaneous open): send SYN,ACK → SYN-RECEIVED", "SYN-SENT에서 SYN 수신(동시 열기): SYN,ACK를 보냄 → SYN-RECEIVED"),
        HandshakeAck => tr!(lang, "the handshake's ACK received in SYN-RECEIVED → ESTABLISHED", "SYN-RECEIVED에서 핸드셰이크의 ACK 수신 → ESTABLISHED"),
        BadAckInHandshake => tr!(lang, "an ACK for something never sent: answer with RST (SEQ = its ACK)", "보낸 적 없는 것에 대한 ACK: RST로 응답(SEQ = 그 ACK 번호)"),
        ResetInHandshake => tr!(lang, "RST received in SYN-SENT: the connection is refused → CLOSED", "SYN-SENT에서 RST 수신: 연결 거부 → CLOSED"),
        SynSentIgnores => tr!(lang, "SYN-SENT drops a segment that is neither SYN nor RST", "SYN-SENT는 SYN도 RST도 아닌 세그먼트를 버림"),
        UnacceptableSegment => tr!(lang, "segment outside the receive window: send an ACK saying what is expected, drop it", "수신 윈도 밖의 세그먼트: 기대하는 번호를 알리는 ACK를 보내고 버림"),
        RetransmittedFin => tr!(lang, "the peer's FIN again (its ACK was lost or late): acknowledge it again", "상대의 FIN이 다시 옴(ACK가 손실되었거나 늦음): 다시 ACK"),
        TimeWaitRestart => tr!(lang, "retransmitted FIN in TIME-WAIT: ACK it again and restart the 2×MSL timer", "TIME-WAIT에서 재전송된 FIN 수신: 다시 ACK하고 2×MSL 타이머를 새로 시작"),
        OutOfOrder => tr!(lang, "segment ahead of RCV.NXT: hold it until the bytes before it arrive, send a duplicate ACK", "RCV.NXT보다 앞선 세그먼트: 앞의 바이트가 올 때까지 보관하고 중복 ACK를 보냄"),
        OutOfOrderFilled => tr!(lang, "the missing bytes arrived: deliver them and the held segments after them", "빠진 바이트가 도착: 그 바이트와 보관해 둔 뒤쪽 세그먼트를 전달"),
        ResetExact => tr!(lang, "RST with SEQ = RCV.NXT: the connection is reset → CLOSED", "SEQ = RCV.NXT인 RST: 연결 리셋 → CLOSED"),
        ResetToListen => tr!(lang, "RST received in SYN-RECEIVED after a passive open: back to LISTEN for the next SYN", "수동 열기 후 SYN-RECEIVED에서 RST 수신: 다음 SYN을 위해 LISTEN으로 돌아감"),
        ResetBeforeFin => tr!(lang, "RST one below RCV.NXT after the peer's FIN: Linux accepts it as a reset", "상대의 FIN 뒤 RCV.NXT보다 하나 작은 RST: Linux는 리셋으로 받아들임"),
        ResetChallenge => tr!(lang, "RST inside the window but not at RCV.NXT: send a challenge ACK, drop it (RFC 5961)", "윈도 안이지만 RCV.NXT와 정확히 일치하지 않는 RST: 챌린지 ACK를 보내고 버림(RFC 5961)"),
        ResetOutOfWindow => tr!(lang, "RST outside the window: drop it silently", "윈도 밖의 RST: 조용히 버림"),
        ResetIgnoredInTimeWait => tr!(lang, "RST in TIME-WAIT ignored (RFC 1337 protection against TIME-WAIT assassination)", "TIME-WAIT에서 RST 무시(RFC 1337의 TIME-WAIT 암살 방지)"),
        TimeWaitDropsReset => tr!(lang, "RST in TIME-WAIT not exactly at RCV.NXT: Linux drops it without a challenge ACK", "TIME-WAIT에서 RCV.NXT와 정확히 일치하지 않는 RST: Linux는 챌린지 ACK 없이 버림"),
        TimeWaitRestartOnAck => tr!(lang, "segment with ACK in TIME-WAIT: Linux restarts the wait (RFC 9293 restarts it only for a retransmitted FIN)", "TIME-WAIT에서 ACK가 있는 세그먼트 수신: Linux는 대기를 다시 시작함(RFC 9293은 재전송된 FIN일 때만 다시 시작)"),
        OrphanReset => tr!(lang, "a reset (or a SYN) reached an orphaned FIN-WAIT-2: Linux keeps it in a time-wait socket, which ends without a word at any reset in the window", "고아가 된 FIN-WAIT-2에 리셋(또는 SYN)이 도착: Linux는 이를 time-wait 소켓으로 관리하며, 윈도 안의 리셋이 오면 아무 응답 없이 끝냄"),
        OrphanIgnores => tr!(lang, "segment that brings nothing new to an orphaned FIN-WAIT-2: Linux's time-wait socket absorbs it without an answer", "고아가 된 FIN-WAIT-2에 새로운 것이 없는 세그먼트: Linux의 time-wait 소켓은 응답 없이 흡수함"),
        AckRateLimited => tr!(lang, "Linux already answered an unacceptable segment within tcp_invalid_ratelimit (500 ms by default): no ACK this time", "Linux는 tcp_invalid_ratelimit(기본 500 ms) 안에 이미 받아들일 수 없는 세그먼트에 응답했음: 이번에는 ACK 없음"),
        SynChallenge => tr!(lang, "SYN on an open connection: send a challenge ACK, drop it (RFC 5961)", "열린 연결에 SYN 수신: 챌린지 ACK를 보내고 버림(RFC 5961)"),
        NoAckFlag => tr!(lang, "segment without ACK on an open connection: drop it", "열린 연결에 ACK 플래그 없는 세그먼트: 버림"),
        AckOfUnsentData => tr!(lang, "ACK of data never sent: send an ACK, drop it", "보내지 않은 데이터에 대한 ACK: ACK를 보내고 버림"),
        OurFinAcked => tr!(lang, "our FIN is acknowledged in FIN-WAIT-1 → FIN-WAIT-2", "FIN-WAIT-1에서 우리 FIN이 ACK됨 → FIN-WAIT-2"),
        OurFinAckedInClosing => tr!(lang, "our FIN is acknowledged in CLOSING → TIME-WAIT", "CLOSING에서 우리 FIN이 ACK됨 → TIME-WAIT"),
        OurFinAckedInLastAck => tr!(lang, "our FIN is acknowledged in LAST-ACK → CLOSED", "LAST-ACK에서 우리 FIN이 ACK됨 → CLOSED"),
        DataReceived => tr!(lang, "in-sequence data: deliver it to the receive buffer and acknowledge it", "순서에 맞는 데이터: 수신 버퍼에 전달하고 ACK"),
        QuickAck => tr!(lang, "Linux quick-ACK mode: early data (and data after a long pause) is acknowledged at once, until the exchange turns interactive", "Linux quick-ACK 모드: 초기 데이터(와 오래 쉰 뒤의 데이터)는 대화형으로 바뀔 때까지 바로 ACK함"),
        AckEverySecondSegment => tr!(lang, "more than one full-sized segment is unacknowledged: the ACK goes now, not after the delayed-ACK time", "최대 크기 세그먼트가 둘 이상 ACK되지 않음: 지연 ACK 시간을 기다리지 않고 지금 ACK"),
        DataAfterFin => tr!(lang, "data after the peer's FIN cannot be legal: ignore it", "상대의 FIN 뒤의 데이터는 있을 수 없음: 무시"),
        FinReceived => tr!(lang, "FIN received in ESTABLISHED: acknowledge it → CLOSE-WAIT", "ESTABLISHED에서 FIN 수신: ACK하고 → CLOSE-WAIT"),
        FinReceivedSimultaneous => tr!(lang, "FIN received in FIN-WAIT-1 before our FIN is acknowledged (simultaneous close) → CLOSING", "우리 FIN이 ACK되기 전에 FIN-WAIT-1에서 FIN 수신(동시 종료) → CLOSING"),
        FinReceivedWithAckOfOurFin => tr!(lang, "FIN received in FIN-WAIT-1 that also acknowledges our FIN → TIME-WAIT", "FIN-WAIT-1에서 우리 FIN에 대한 ACK를 함께 실은 FIN 수신 → TIME-WAIT"),
        FinReceivedInFinWait2 => tr!(lang, "FIN received in FIN-WAIT-2: acknowledge it → TIME-WAIT", "FIN-WAIT-2에서 FIN 수신: ACK하고 → TIME-WAIT"),
        RetransmissionTimeout => tr!(lang, "retransmission timeout: resend the oldest unacknowledged segment, double the RTO", "재전송 타임아웃: ACK받지 못한 가장 오래된 세그먼트를 다시 보내고 RTO를 두 배로"),
        TailLossProbe => tr!(lang, "tail-loss probe: nothing acknowledged for about two round trips, so the last segment goes again before the RTO", "꼬리 손실 탐지(TLP): 왕복 두 번 정도 아무것도 ACK되지 않아 RTO 전에 마지막 세그먼트를 다시 보냄"),
        RetryLimit => tr!(lang, "too many retransmissions: give the connection up → CLOSED", "재전송이 너무 많음: 연결을 포기 → CLOSED"),
        RetryTimeLimit => tr!(lang, "retransmissions have run longer than the retry limit allows, counted as a time: give the connection up (silently if orphaned) → CLOSED", "재전송이 시간으로 센 재시도 한도를 넘김: 연결을 포기(고아 소켓이면 조용히) → CLOSED"),
        TimeWaitExpired => tr!(lang, "2×MSL have passed in TIME-WAIT → CLOSED", "TIME-WAIT에서 2×MSL이 지남 → CLOSED"),
        FinWait2Timeout => tr!(lang, "orphaned socket waited tcp_fin_timeout in FIN-WAIT-2: Linux drops it silently → CLOSED", "고아 소켓이 FIN-WAIT-2에서 tcp_fin_timeout만큼 기다림: Linux가 조용히 정리 → CLOSED"),
        DelayedAck => tr!(lang, "delayed-ACK timer fired: nothing to ride on, the ACK goes alone", "지연 ACK 타이머 만료: 함께 실어 보낼 것이 없어 ACK만 보냄"),
        ZeroWindowProbe => tr!(lang, "persist timer fired: the peer's window is zero, so one byte probes whether it has opened", "지속(persist) 타이머 만료: 상대 윈도가 0이므로 1바이트로 열렸는지 확인"),
        NoConnection => tr!(lang, "segment for a connection that does not exist: answer with RST", "존재하지 않는 연결에 대한 세그먼트: RST로 응답"),
        NoConnectionRst => tr!(lang, "RST for a connection that does not exist: drop it", "존재하지 않는 연결에 대한 RST: 버림"),
        ListenIgnores => tr!(lang, "LISTEN drops a segment that is neither SYN nor ACK", "LISTEN은 SYN도 ACK도 아닌 세그먼트를 버림"),
    }
}

/// A log line's reason: `RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2: acknowledge it → TIME-WAIT`.
pub fn cited_reason(lang: Lang, r: Reason) -> String {
    format!("{}: {}", r.citation(), reason(lang, r))
}
