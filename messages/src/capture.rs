//! The words of captures: what each exported packet did (its pcapng comment, which Wireshark
//! shows as `frame.comment`), and what an imported capture could not show.

use crate::events::{fate, origin};
use crate::rules::cited_reason;
use crate::words::timer;
use crate::{tr, Lang};
use finwait_capture::export::Note;
use finwait_capture::frame::Skip;
use finwait_capture::import::Doubt;
use finwait_capture::{Effect, ReadError, MAX_FILE_BYTES, MAX_PACKETS};

/// `A: FIN-WAIT-2 → TIME-WAIT (RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2: …)`.
pub fn effect(lang: Lang, e: Effect) -> String {
    match e {
        Effect::Moved { host, from, to, reason } => {
            format!("{host}: {} → {} ({})", from.name(), to.name(), cited_reason(lang, reason))
        }
        Effect::Treated { host, reason } => format!("{host}: {}", cited_reason(lang, reason)),
    }
}

/// A packet's comment: the segment, why it was sent, what it did on the way out and on
/// arrival, and its fate. `#4 A→B FIN,ACK seq=1001 ack=5001 | sent: RFC 9293 §3.10.4: …
/// | A: ESTABLISHED → FIN-WAIT-1 (…) | B: ESTABLISHED → CLOSE-WAIT (…) | arrived at 50 ms`.
pub fn note(lang: Lang, note: Note<'_>) -> String {
    let (record, effects) = match note {
        Note::Handshake => return handshake(lang).to_string(),
        Note::Segment(record, effects) => (record, effects),
    };
    let mut parts = vec![
        format!("{} {}→{} {}", record.id, record.from, record.from.peer(), record.segment),
        format!("{}: {}", sent(lang), origin(lang, record.origin)),
    ];
    parts.extend(effects.iter().map(|e| effect(lang, *e)));
    parts.push(fate(lang, record.fate));
    parts.join(" | ")
}

fn sent(lang: Lang) -> &'static str {
    tr!(lang, "sent", "보낸 이유")
}

fn handshake(lang: Lang) -> &'static str {
    tr!(
        lang,
        "the handshake before the run (not simulated): both hosts end it ESTABLISHED",
        "실행 전의 핸드셰이크(시뮬레이션하지 않음): 끝나면 두 호스트 모두 ESTABLISHED"
    )
}

/// What an imported capture could not show, as a sentence. Packets are numbered from 1.
pub fn doubt(lang: Lang, d: Doubt) -> String {
    match (lang, d) {
        (Lang::En, Doubt::StartsEstablished) => {
            "the capture starts after the handshake: both hosts are taken to be ESTABLISHED".to_string()
        }
        (Lang::En, Doubt::Gap { index, host }) => format!(
            "packet {} carries bytes beyond what {host} had received: a segment before it is not in the capture",
            index + 1
        ),
        (Lang::En, Doubt::Unseen { index, host }) => format!(
            "packet {} starts past bytes {host} sent that the capture had not shown by then (they come later or are missing)",
            index + 1
        ),
        (Lang::En, Doubt::Resent { index, host }) => format!(
            "packet {} is {host} sending again: an earlier copy was lost, perhaps where the capture could not see it",
            index + 1
        ),
        (Lang::En, Doubt::CloseOrShutdown { host }) => format!(
            "{host} sent a FIN: its application called close() or shutdown(SHUT_WR); a capture cannot tell which, and close() is taken"
        ),
        (Lang::En, Doubt::AfterCapture { host, timer: t }) => format!(
            "{host}'s {} timer runs out after the last packet: that change of state is inferred, not seen",
            timer(lang, t)
        ),
        #[cfg(feature = "ko")]
        (Lang::Ko, d) => doubt_ko(d),
        (Lang::En, Doubt::NeverAcknowledged { index, host }) => format!(
            "packet {} was never acknowledged by {host}: it is taken as lost on its way",
            index + 1
        ),
        (Lang::En, Doubt::TimeWaitCutShort { host }) => format!(
            "{host} opened the connection again while in TIME-WAIT: its TIME-WAIT ended early (Linux lets a new SYN end it)"
        ),
    }
}

/// The doubts in Korean.
#[cfg(feature = "ko")]
fn doubt_ko(d: Doubt) -> String {
    let t = |t| timer(Lang::Ko, t);
    match d {
        Doubt::StartsEstablished => {
            "캡처가 핸드셰이크 뒤에 시작됨: 두 호스트 모두 ESTABLISHED로 간주합니다".to_string()
        }
        Doubt::Gap { index, host } => format!(
            "패킷 {}에는 {host}가 받은 것보다 뒤의 바이트가 들어 있음: 그 앞의 세그먼트가 캡처에 없습니다",
            index + 1
        ),
        Doubt::Unseen { index, host } => format!(
            "패킷 {}은(는) {host}가 보낸 바이트 중 캡처에 아직 나오지 않은 부분 뒤에서 시작함(나중에 오거나 빠졌음)",
            index + 1
        ),
        Doubt::Resent { index, host } => format!(
            "패킷 {}은(는) {host}의 재전송: 앞선 사본이 손실되었는데, 캡처가 보지 못한 곳에서였을 수 있습니다",
            index + 1
        ),
        Doubt::CloseOrShutdown { host } => format!(
            "{host}가 FIN을 보냄: 애플리케이션이 close()를 불렀는지 shutdown(SHUT_WR)을 불렀는지 캡처로는 알 수 없어 close()로 봅니다"
        ),
        Doubt::AfterCapture { host, timer } => format!(
            "{host}의 {} 타이머는 마지막 패킷 뒤에 만료됨: 그 상태 변화는 본 것이 아니라 추론한 것입니다",
            t(timer)
        ),
        Doubt::NeverAcknowledged { index, host } => format!(
            "패킷 {}은(는) {host}에게서 끝내 ACK받지 못함: 가는 길에 손실된 것으로 봅니다",
            index + 1
        ),
        Doubt::TimeWaitCutShort { host } => format!(
            "{host}가 TIME-WAIT 중에 연결을 다시 엶: TIME-WAIT가 일찍 끝났습니다(Linux는 새 SYN으로 끝낼 수 있음)"
        ),
    }
}

/// Why a file could not be read as a capture, as a sentence (the CLI's error and the lab's
/// message beside the file it was given).
pub fn read_error(lang: Lang, e: &ReadError) -> String {
    let mb = |bytes: usize| bytes >> 20;
    match (lang, e) {
        (Lang::En, ReadError::NotACapture) => "not a pcap or pcapng file (its first bytes are neither format's)".to_string(),
        (Lang::En, ReadError::TooLarge { bytes }) => format!(
            "the file is {} MB; captures of up to {} MB are read (cut it to the connection with Wireshark's File › Export Specified Packets)",
            mb(*bytes),
            mb(MAX_FILE_BYTES)
        ),
        (Lang::En, ReadError::TooManyPackets) => format!("the file holds more than {MAX_PACKETS} packets"),
        (Lang::En, ReadError::Truncated { at, what }) => format!("the file ends inside {what} (byte {at})"),
        (Lang::En, ReadError::Malformed { at, why }) => format!("damaged at byte {at}: {why}"),
        (Lang::En, ReadError::UnsupportedLink(t)) => {
            format!("link type {t} is not read (Ethernet, raw IP and Linux cooked captures are)")
        }
        #[cfg(feature = "ko")]
        (Lang::Ko, ReadError::NotACapture) => "pcap이나 pcapng 파일이 아닙니다(첫 바이트가 두 형식 어느 것과도 맞지 않음)".to_string(),
        #[cfg(feature = "ko")]
        (Lang::Ko, ReadError::TooLarge { bytes }) => format!(
            "파일이 {} MB입니다. {} MB까지의 캡처만 읽습니다(Wireshark의 File › Export Specified Packets로 연결 하나만 잘라 내세요)",
            mb(*bytes),
            mb(MAX_FILE_BYTES)
        ),
        #[cfg(feature = "ko")]
        (Lang::Ko, ReadError::TooManyPackets) => format!("파일에 패킷이 {MAX_PACKETS}개보다 많습니다"),
        #[cfg(feature = "ko")]
        (Lang::Ko, ReadError::Truncated { at, what }) => format!("파일이 {what} 중간에서 끝납니다({at}번째 바이트)"),
        #[cfg(feature = "ko")]
        (Lang::Ko, ReadError::Malformed { at, why }) => format!("{at}번째 바이트에서 손상됨: {why}"),
        #[cfg(feature = "ko")]
        (Lang::Ko, ReadError::UnsupportedLink(t)) => {
            format!("링크 유형 {t}은(는) 읽지 않습니다(Ethernet, raw IP, Linux cooked 캡처를 읽음)")
        }
    }
}

/// Frames a capture holds that are not an IPv4 TCP segment, and how many: `skipped 3 frame(s): not IPv4`.
pub fn skipped(lang: Lang, skip: Skip, n: usize) -> String {
    let why = match skip {
        Skip::Truncated => tr!(lang, "cut short", "잘림"),
        Skip::NotIpv4 => tr!(lang, "not IPv4", "IPv4 아님"),
        Skip::NotTcp => tr!(lang, "not TCP", "TCP 아님"),
        Skip::Fragment => tr!(lang, "IPv4 fragments", "IPv4 조각"),
    };
    tr!(lang, format!("skipped {n} frame(s): {why}"), format!("프레임 {n}개 건너뜀: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_file_is_told_why_and_what_to_do() {
        let huge = read_error(Lang::En, &ReadError::TooLarge { bytes: 40 << 20 });
        assert!(huge.starts_with("the file is 40 MB; captures of up to 32 MB are read"), "{huge}");
        assert!(huge.contains("Export Specified Packets"), "{huge}");
        assert_eq!(
            read_error(Lang::En, &ReadError::UnsupportedLink(147)),
            "link type 147 is not read (Ethernet, raw IP and Linux cooked captures are)"
        );
        assert_eq!(skipped(Lang::En, Skip::NotIpv4, 3), "skipped 3 frame(s): not IPv4");
    }

    #[cfg(feature = "ko")]
    #[test]
    fn a_refused_file_is_told_why_in_korean() {
        let huge = read_error(Lang::Ko, &ReadError::TooLarge { bytes: 40 << 20 });
        assert!(huge.starts_with("파일이 40 MB입니다. 32 MB까지"), "{huge}");
        assert_eq!(skipped(Lang::Ko, Skip::NotTcp, 2), "프레임 2개 건너뜀: TCP 아님");
    }
}
