//! Words for the core's named values: states, call errors, notices, timers, losses.

use crate::{tr, Lang};
use finwait_core::app::{CallError, Notice, TimerKind};
use finwait_core::network::LossCause;
use finwait_core::State;

/// What a state means, in one line.
pub fn state(lang: Lang, s: State) -> &'static str {
    match s {
        State::Closed => tr!(lang, "no connection", "연결 없음"),
        State::Listen => tr!(lang, "waiting for a connection request", "연결 요청을 기다리는 중"),
        State::SynSent => tr!(lang, "sent SYN, waiting for the peer's SYN", "SYN을 보내고 상대의 SYN을 기다리는 중"),
        State::SynReceived => {
            tr!(lang, "got SYN, sent SYN,ACK, waiting for its ACK", "SYN을 받고 SYN,ACK를 보냄, 그 ACK를 기다리는 중")
        }
        State::Established => tr!(lang, "open: data flows both ways", "열림: 데이터가 양방향으로 흐름"),
        State::FinWait1 => {
            tr!(lang, "we closed: our FIN is not yet acknowledged", "우리가 닫음: 우리 FIN이 아직 ACK되지 않음")
        }
        State::FinWait2 => tr!(
            lang,
            "our FIN is acknowledged: waiting for the peer's FIN",
            "우리 FIN이 ACK됨: 상대의 FIN을 기다리는 중"
        ),
        State::CloseWait => tr!(
            lang,
            "the peer closed: waiting for our application to close",
            "상대가 닫음: 우리 애플리케이션이 close()하기를 기다리는 중"
        ),
        State::Closing => tr!(
            lang,
            "both closed at once: waiting for the ACK of our FIN",
            "양쪽이 동시에 닫음: 우리 FIN의 ACK를 기다리는 중"
        ),
        State::LastAck => tr!(
            lang,
            "we closed after the peer: waiting for the ACK of our FIN",
            "상대 다음에 우리가 닫음: 우리 FIN의 ACK를 기다리는 중"
        ),
        State::TimeWait => tr!(
            lang,
            "waiting (2×MSL; 60 s on Linux) so a lost last ACK can be repeated and old segments die",
            "대기(2×MSL, Linux는 60초): 마지막 ACK가 손실되면 다시 보내고, 오래된 세그먼트가 사라지도록"
        ),
    }
}

pub fn call_error(lang: Lang, e: CallError) -> &'static str {
    match e {
        CallError::ConnectionClosing => {
            tr!(lang, "connection closing: this side has already closed", "연결 종료 중: 이쪽은 이미 닫았음")
        }
        CallError::NotConnected => tr!(lang, "connection does not exist", "연결이 존재하지 않음"),
        CallError::AlreadyOpen => tr!(lang, "the socket is already in use", "소켓이 이미 사용 중"),
        CallError::AddressInUse => tr!(
            lang,
            "address in use: TIME-WAIT still holds this connection's addresses",
            "주소 사용 중: TIME-WAIT가 아직 이 연결의 주소를 잡고 있음"
        ),
        CallError::ConnectionReset => tr!(lang, "connection reset by the peer", "상대가 연결을 리셋함"),
        CallError::ConnectionRefused => tr!(lang, "connection refused", "연결 거부됨"),
        CallError::TimedOut => {
            tr!(lang, "connection timed out: retransmissions ran out", "연결 시간 초과: 재전송 횟수를 다 씀")
        }
        CallError::SocketClosed => {
            tr!(lang, "the application already closed this socket", "애플리케이션이 이미 이 소켓을 닫았음")
        }
    }
}

/// A call error in a word or two, for notes beside a lifeline.
pub fn call_error_short(lang: Lang, e: CallError) -> &'static str {
    match e {
        CallError::ConnectionClosing => tr!(lang, "closing", "종료 중"),
        CallError::NotConnected => tr!(lang, "no connection", "연결 없음"),
        CallError::AlreadyOpen => tr!(lang, "in use", "사용 중"),
        CallError::AddressInUse => tr!(lang, "address in use", "주소 사용 중"),
        CallError::ConnectionReset => tr!(lang, "reset", "리셋"),
        CallError::ConnectionRefused => tr!(lang, "refused", "거부됨"),
        CallError::TimedOut => tr!(lang, "timed out", "시간 초과"),
        CallError::SocketClosed => tr!(lang, "socket closed", "소켓 닫힘"),
    }
}

pub fn notice(lang: Lang, n: Notice) -> String {
    match n {
        Notice::PeerClosed => {
            tr!(lang, "end-of-file: the peer will send no more", "파일 끝(EOF): 상대가 더 보내지 않음").into()
        }
        Notice::Connected => tr!(lang, "connected", "연결됨").into(),
        Notice::Failed { error } => format!("{}{}", tr!(lang, "error: ", "오류: "), call_error(lang, error)),
    }
}

pub fn timer(lang: Lang, t: TimerKind) -> &'static str {
    match t {
        TimerKind::Retransmission => tr!(lang, "retransmission", "재전송"),
        TimerKind::TimeWait => tr!(lang, "TIME-WAIT", "TIME-WAIT"),
        TimerKind::FinWait2 => tr!(lang, "FIN-WAIT-2 timeout", "FIN-WAIT-2 타임아웃"),
        TimerKind::DelayedAck => tr!(lang, "delayed ACK", "지연 ACK"),
        TimerKind::Persist => tr!(lang, "persist (zero window)", "지속(persist, 제로 윈도)"),
        TimerKind::LossProbe => tr!(lang, "tail-loss probe", "꼬리 손실 탐지(TLP)"),
    }
}

pub fn loss(lang: Lang, c: LossCause) -> &'static str {
    match c {
        LossCause::Dropped => tr!(lang, "dropped", "버려짐"),
        LossCause::DroppedByRule => tr!(lang, "dropped by a rule", "규칙에 따라 버려짐"),
        LossCause::Expired => tr!(lang, "expired (outlived the segment lifetime)", "만료됨(세그먼트 수명을 넘김)"),
    }
}
