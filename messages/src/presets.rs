//! The built-in scenarios' titles and "what to watch for" in each language. The scenario
//! files hold the English; the other languages are here, by the scenario's name. A scenario
//! of the user's own has only its own words.

use crate::{tr, Lang};

/// A preset's title in `lang` (`en`: the scenario's own).
#[cfg_attr(not(feature = "ko"), allow(unused_variables))]
pub fn title<'a>(lang: Lang, name: &str, en: &'a str) -> &'a str {
    tr!(lang, en, ko(name).map_or(en, |(t, _)| t))
}

/// A preset's description in `lang` (`en`: the scenario's own).
#[cfg_attr(not(feature = "ko"), allow(unused_variables))]
pub fn description<'a>(lang: Lang, name: &str, en: &'a str) -> &'a str {
    tr!(lang, en, ko(name).map_or(en, |(_, d)| d))
}

/// The Korean title and description of the preset `name`.
#[cfg(feature = "ko")]
fn ko(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "active-close" => Some((
            "능동 종료: 4-way 핸드셰이크",
            "A가 먼저 닫습니다. A가 FIN-WAIT-1과 FIN-WAIT-2를 거치는 동안 B는 CLOSE-WAIT에 머물다가, 애플리케이션이 파일 끝(EOF)을 읽고 닫으면 그제야 닫습니다. 그 뒤 A는 2×MSL(RFC 9293에서는 4분) 동안 TIME-WAIT에서 기다렸다가 연결을 완전히 없앱니다. A는 왜 기다릴까요? 마지막 ACK가 손실되어 B가 FIN을 다시 보낼 경우를 대비해서입니다.",
        )),
        "request-response-quick-ack-linux" => Some((
            "요청, 응답, 종료: quick ACK 뒤에 지연 ACK (Linux)",
            "A가 묻고, B가 답하고, A가 닫고, B가 닫습니다. Linux는 연결의 첫 데이터를 바로 ACK합니다(quick-ACK 모드). 그래서 요청에 대한 B의 ACK는 B의 응답에 실리기를 기다리지 않고 도착하자마자 나가고, 응답에 대한 A의 ACK도 A의 FIN보다 먼저 나갑니다. B가 지연 ACK 시간 안에 응답하고 나면 주고받기가 대화형(pingpong 모드)이 되고, 상대의 FIN도 B를 그 모드로 만듭니다. 그래서 A의 FIN에 대한 B의 ACK는 40 ms를 기다리고, 그 사이 B의 애플리케이션이 닫으므로 B의 FIN에 ACK가 실려 종료가 세그먼트 세 개로 끝납니다.",
        )),
        "three-segment-close" => Some((
            "세그먼트 세 개로 끝나는 종료 (Linux, 지연 ACK)",
            "Linux는 받은 FIN을 바로 ACK하지 않습니다. 상대에게서 데이터를 받기 전에는 클록 틱 하나, 약 4 ms를 기다립니다(데이터를 받은 뒤에는 약 40 ms). B의 애플리케이션이 그 사이에 닫으므로 B의 FIN에 ACK가 실리고, 종료는 세그먼트 네 개가 아닌 세 개로 끝납니다. A가 FIN-WAIT-2를 거치지 않고 FIN-WAIT-1에서 곧바로 TIME-WAIT로 가는 것을 보세요.",
        )),
        "simultaneous-close" => Some((
            "동시 종료",
            "두 애플리케이션이 같은 순간에 닫아 두 FIN이 네트워크에서 엇갈립니다. 각 호스트는 자기 FIN이 아직 ACK되지 않은 상태에서 상대의 FIN을 받으므로, 둘 다 FIN-WAIT-2가 아닌 CLOSING으로 가고 둘 다 TIME-WAIT에서 끝납니다. TIME-WAIT는 능동적으로 닫은 쪽의 몫인데, 여기서는 둘 다 그렇습니다.",
        )),
        "half-close" => Some((
            "반이중 종료(half-close): 데이터는 계속 흐른다",
            "A가 shutdown(write)를 호출합니다. 더는 보내지 않지만 읽기는 계속합니다. B는 CLOSE-WAIT에 있고 여전히 보낼 수 있습니다(100바이트 세그먼트 세 개). FIN-WAIT-2의 A는 하나하나 ACK합니다. B가 닫은 뒤에야 A는 TIME-WAIT로 갑니다. A의 애플리케이션은 300바이트를 모두 읽고 나서 파일 끝(EOF)을 만납니다.",
        )),
        "lost-fin-tail-loss-probe-linux" => Some((
            "손실된 FIN: 꼬리 손실 탐지(TLP)가 다시 보낸다 (Linux)",
            "A의 첫 FIN이 버려집니다. Linux는 재전송 타임아웃을 기다리지 않습니다. 그때까지 손실이 없었으므로 꼬리 손실 탐지(RFC 8985)가 왕복 두 번쯤 뒤, 여기서는 300 ms에 마지막 세그먼트를 다시 보냅니다. RTO도 같은 시점이었을 것입니다(100 ms 왕복에 Linux 최소값 200 ms를 더함). B는 데이터를 받은 적이 없으므로 FIN에 대한 ACK는 클록 틱 하나(4 ms)만 기다립니다.",
        )),
        "lost-fin" => Some((
            "손실된 FIN",
            "A의 첫 FIN이 버려집니다. A는 재전송 타임아웃(1초) 동안 FIN-WAIT-1에 머물다가 같은 시퀀스 번호로 FIN을 다시 보냅니다. FIN은 시퀀스 번호 하나를 차지하고 데이터처럼 재전송됩니다. B는 첫 FIN을 보지 못했으므로 이제야 CLOSE-WAIT로 갑니다.",
        )),
        "fin-backoff" => Some((
            "두 번 손실된 FIN: 지수 백오프",
            "처음 두 FIN이 버려집니다. 첫 재전송은 FIN을 보내고 RTO(1초) 뒤에, 다음은 그 두 배(2초)를 기다립니다. 지수 백오프입니다(RFC 6298). A는 세 번째 FIN이 ACK될 때까지 FIN-WAIT-1에 머뭅니다.",
        )),
        "lost-ack-of-fin" => Some((
            "첫 FIN에 대한 ACK 손실",
            "B가 A의 FIN을 ACK하지만 그 ACK가 버려집니다. B는 이미 CLOSE-WAIT이고, 아직 FIN-WAIT-1인 A는 RTO 뒤에 FIN을 다시 보냅니다. B에게 그 FIN은 지난 것이므로(시퀀스 1001이 RCV.NXT 1002보다 작음) 다시 ACK만 합니다. 이제 A가 FIN-WAIT-2에 이릅니다.",
        )),
        "lost-final-ack" => Some((
            "마지막 ACK 손실: TIME-WAIT가 있는 이유",
            "능동 종료와 같지만 A의 마지막 ACK가 버려집니다. LAST-ACK의 B는 RTO 뒤에 FIN을 다시 보냅니다. A는 아직 TIME-WAIT여서 연결을 기억하고 있으므로 FIN을 다시 ACK하고 2×MSL 대기를 새로 시작합니다. 그래서 A는 두 번째 FIN이 도착하고 2×MSL 뒤에 TIME-WAIT를 떠납니다.",
        )),
        "time-wait-too-short" => Some((
            "너무 짧은 TIME-WAIT",
            "마지막 ACK 손실 시나리오와 같지만 MSL이 200 ms뿐이라 TIME-WAIT(400 ms)가 B의 재전송 FIN이 오기 전에 끝납니다. FIN은 연결을 찾지 못해 리셋으로 응답받습니다(SEQ = FIN의 ACK 필드, ACK 플래그 없음). LAST-ACK의 B는 리셋되고 애플리케이션은 \"connection reset\"을 통보받습니다. 깔끔하게 끝나야 했던 종료가 오류로 끝납니다.",
        )),
        "data-overtaken-by-fin" => Some((
            "FIN에 추월당한 데이터",
            "B가 100바이트를 보내고 닫지만 데이터 세그먼트가 지연되어 FIN이 먼저 도착합니다. A는 FIN-WAIT-2입니다. FIN의 시퀀스 번호(5101)가 RCV.NXT(5001)보다 앞서므로 A는 FIN을 보관하고 여전히 5001을 기다린다는 중복 ACK를 보냅니다. 데이터가 도착하면 A는 그것을 전달한 뒤 보관한 FIN을 처리하고 TIME-WAIT로 갑니다. ACK 하나가 둘 다 확인합니다.",
        )),
        "data-lost-fin-waits" => Some((
            "데이터 손실: FIN은 재전송을 기다린다",
            "B의 100바이트 데이터 세그먼트가 버려지고 FIN만 도착합니다. A는 순서가 어긋난 FIN을 보관하고 중복 ACK로 계속 5001을 요청합니다. 데이터를 보내고 RTO가 지나면 B가 데이터를 재전송하고, 그것이 도착하면 A는 데이터를 전달한 뒤 보관한 FIN을 처리하고 TIME-WAIT로 갑니다.",
        )),
        "fin-carries-data" => Some((
            "데이터를 실은 FIN",
            "A가 닫은 뒤 B의 애플리케이션이 10바이트를 보내고 같은 순간에 닫으므로 B의 스택은 FIN을 데이터 세그먼트에 함께 싣습니다. A는 10바이트와 FIN을 한 번에 처리합니다. A의 ACK는 5012 = 5001 + 10바이트 + FIN 몫 1을 확인합니다.",
        )),
        "close-with-unread-data-linux" => Some((
            "읽지 않은 데이터가 있을 때의 close() (Linux): FIN이 아니라 리셋",
            "B가 보낸 100바이트를 A의 애플리케이션이 읽지 않았습니다. Linux에서 close()는 읽기도 포기하는 것이고, 읽지 않은 데이터를 버리는 것은 상대에게 알릴 만한 오류입니다. 그래서 A는 FIN 대신 RST를 보내고 곧바로 CLOSED가 됩니다. B의 애플리케이션은 \"connection reset\"을 통보받습니다. 이 시나리오의 RFC 9293 판과 비교해 보세요.",
        )),
        "close-with-unread-data-rfc" => Some((
            "읽지 않은 데이터가 있을 때의 close() (RFC 9293): 보통의 FIN",
            "Linux 판과 같은 시작(A에 읽지 않은 100바이트)이지만, RFC 9293의 CLOSE는 보내는 방향만 닫습니다. A는 FIN을 보내고 데이터는 계속 읽을 수 있으며, A의 애플리케이션이 나중에 읽습니다.",
        )),
        "close-wait-leak-linux" => Some((
            "CLOSE-WAIT 누수 (Linux)",
            "A가 닫지만 B의 애플리케이션은 끝내 닫지 않아 B는 CLOSE-WAIT에 머뭅니다. 이를 끝낼 타이머는 없습니다. A의 소켓은 고아가 되고(애플리케이션이 close를 호출함), Linux는 고아에게 FIN-WAIT-2에서 tcp_fin_timeout(60초)만 줍니다. 그 뒤 A는 조용히 사라집니다. B가 마침내 닫으면 그 FIN은 연결을 찾지 못해 RST로 응답받습니다.",
        )),
        "close-wait-leak-rfc" => Some((
            "CLOSE-WAIT 누수 (RFC 9293)",
            "A가 닫지만 B의 애플리케이션은 끝내 닫지 않습니다. RFC 9293에는 어느 쪽에도 타이머가 없습니다. A는 FIN-WAIT-2에서, B는 CLOSE-WAIT에서 영원히 기다립니다. 서버에 CLOSE-WAIT 소켓이 쌓인다면 애플리케이션 버그입니다. 애플리케이션의 close()만이 이를 끝냅니다.",
        )),
        "shutdown-is-not-orphaning" => Some((
            "shutdown()은 고아를 만들지 않는다 (Linux)",
            "A가 shutdown(write)를 호출하고 소켓은 유지합니다. B는 끝내 닫지 않습니다. close()와 달리 A의 애플리케이션이 여전히 소켓을 갖고 있으므로 Linux는 FIN-WAIT-2 타임아웃을 적용하지 않습니다. A는 B의 FIN을 얼마든지 기다립니다.",
        )),
        "rst-in-time-wait-linux" => Some((
            "TIME-WAIT에서 받은 RST (Linux 기본값)",
            "기본값 tcp_rfc1337=0인 Linux는 RFC 9293처럼 동작합니다. RCV.NXT와 정확히 일치하는 리셋이 TIME-WAIT를 끝냅니다.",
        )),
        "rst-in-time-wait-rfc" => Some((
            "TIME-WAIT에서 받은 RST: 암살 (RFC 9293)",
            "능동 종료 뒤 A는 TIME-WAIT에 있습니다. 기대한 시퀀스 번호(5002)와 정확히 일치하는 리셋이 도착하고, RFC 9293은 이것으로 TIME-WAIT를 곧바로 끝내게 합니다. TIME-WAIT의 보호를 날려 버리는 \"TIME-WAIT 암살\"(RFC 1337)입니다.",
        )),
        "rst-in-time-wait-rfc1337" => Some((
            "RFC 1337 보호가 있을 때 TIME-WAIT에서 받은 RST",
            "같은 리셋이지만 A는 RFC 1337의 권고대로 TIME-WAIT에서 리셋을 무시합니다. A는 2×MSL을 끝까지 머뭅니다.",
        )),
        "rst-in-fin-wait-2-exact" => Some((
            "FIN-WAIT-2의 RST 검사: 정확히 일치",
            "A는 FIN-WAIT-2입니다. SEQ가 RCV.NXT(5001)와 정확히 일치하는 리셋은 받아들여집니다(RFC 5961). A는 CLOSED로 가고 애플리케이션은 \"connection reset\"을 통보받습니다.",
        )),
        "rst-in-fin-wait-2-in-window" => Some((
            "FIN-WAIT-2의 RST 검사: 윈도 안이지만 정확히 일치하지 않음",
            "수신 윈도 안이지만 RCV.NXT가 아닌 리셋은 대충 추측한 공격자가 위조한 것일 수 있습니다. RFC 5961은 리셋하지 말고 챌린지 ACK(SEQ=1002 ACK=5001)를 보내라고 합니다. 진짜 상대라면 정확한 번호의 리셋으로 답할 것입니다.",
        )),
        "rst-in-fin-wait-2-outside" => Some((
            "FIN-WAIT-2의 RST 검사: 윈도 밖",
            "수신 윈도에서 멀리 벗어난 리셋은 조용히 버려집니다. 상태도 바뀌지 않고 응답도 없습니다.",
        )),
        "duplicated-fin-in-time-wait-linux-rfc1337" => Some((
            "TIME-WAIT에서 받은 중복 FIN (Linux, tcp_rfc1337 = 1)",
            "tcp_rfc1337 = 1인 Linux입니다. 늦게 온 B의 FIN 사본이 ACK되고 A의 60초 TIME-WAIT를 새로 시작시킵니다. 이미 CLOSED인 B는 그 ACK에 A의 RCV.NXT와 정확히 일치하는 RST로 답하지만 이번에는 리셋이 무시됩니다. A는 원본이 아니라 사본이 도착하고 60초 뒤(61.15초)에 TIME-WAIT를 떠납니다(원본 기준이면 60.15초).",
        )),
        "duplicated-fin-in-time-wait-linux" => Some((
            "TIME-WAIT에서 받은 중복 FIN (Linux)",
            "기본 설정(tcp_rfc1337 = 0)의 Linux입니다. A의 FIN에 대한 B의 ACK는 지연 ACK 시간(아직 데이터가 오가지 않았으므로 약 4 ms)을 기다립니다. 그 뒤 네트워크가 B의 FIN을 복제해 사본이 1초 늦게 도착합니다. A의 time-wait 소켓은 사본을 ACK하고 60초를 새로 시작합니다. 이미 CLOSED인 B는 그 ACK에 A의 RCV.NXT와 정확히 일치하는 RST로 답하고, Linux는 그 리셋으로 TIME-WAIT를 곧바로 끝냅니다.",
        )),
        "duplicated-fin-in-time-wait-rfc" => Some((
            "TIME-WAIT에서 받은 중복 FIN",
            "네트워크가 B의 FIN을 복제해 사본이 원본보다 1초 늦게 도착합니다. TIME-WAIT의 A는 사본을 ACK하고 2×MSL을 새로 시작합니다. 그런데 B는 첫 ACK로 이미 CLOSED가 되었으므로 두 번째 ACK는 연결을 찾지 못하고, B는 RST(seq 5002 = A의 RCV.NXT)로 답합니다. 그 리셋이 A의 TIME-WAIT를 끝냅니다(RFC 9293). RFC 1337이 말하는 TIME-WAIT 암살입니다.",
        )),
        "duplicated-fin-in-time-wait-rfc1337" => Some((
            "RFC 1337 보호가 있을 때 TIME-WAIT에서 받은 중복 FIN",
            "앞과 같지만 A는 TIME-WAIT에서 리셋을 무시합니다(RFC 1337). B의 리셋은 아무것도 바꾸지 못합니다. 늦게 온 B의 FIN 사본이 2×MSL 대기를 새로 시작했으므로, A는 원본(240.15초)이 아니라 사본이 도착하고 4분 뒤(241.15초)에 TIME-WAIT를 떠납니다.",
        )),
        "last-ack-nothing-acknowledged-linux" => Some((
            "아무것도 ACK되지 않는 LAST-ACK (Linux)",
            "A가 닫고 B가 답한 뒤 B도 닫지만, B의 FIN은 모두 손실됩니다. B는 LAST-ACK에 머뭅니다. FIN 뒤 300 ms에 꼬리 손실 탐지, 그 다음 재전송 타임아웃이 이어집니다. 첫 타임아웃은 아직 두 배가 되지 않은 값(탐지 뒤 300 ms)이고, 그 뒤 600 ms, 1.2초, … 로 늘어납니다. B는 고아(애플리케이션이 닫음)이므로 시간으로 환산한 tcp_orphan_retries(8), 즉 첫 타임아웃부터 102.2초가 153.7초에 B를 조용히 끝냅니다. A는 그보다 훨씬 전에 tcp_fin_timeout(60초) 뒤 FIN-WAIT-2 대기를 포기했습니다.",
        )),
        "orphan-retries-2-linux" => Some((
            "tcp_orphan_retries 2인 고아는 2.4초 뒤 포기한다 (Linux)",
            "Linux의 재전송 포기와 같지만 net.ipv4.tcp_orphan_retries = 2입니다. 이때 재시도 한도는 최소 RTO 200 ms를 두 번 두 배로 늘린 값의 합, 즉 타임아웃에 의한 첫 재전송부터 1.4초입니다. FIN은 모두 손실됩니다. 300 ms의 꼬리 손실 탐지, 600 ms(아직 두 배가 되지 않음)와 1.2초의 타임아웃, 그리고 2.4초의 타임아웃은 첫 타임아웃에서 1.8초 뒤라 1.4초를 넘으므로 A는 조용히 포기합니다.",
        )),
        "retransmission-gives-up-linux" => Some((
            "재전송 포기 (Linux 고아 소켓)",
            "Linux에서 애플리케이션이 닫은 소켓은 고아이며, 그 재시도 한도 tcp_orphan_retries(8)는 사실 시간입니다. 최소 RTO 200 ms를 여덟 번 두 배로 늘린 값의 합인 102.2초를 타임아웃에 의한 첫 재전송부터 셉니다. 연결은 열 때 100 ms 왕복을 측정했으므로 RTO는 300 ms입니다(Linux는 왕복에 최소값 200 ms를 더함). FIN을 보낼 때는 아직 손실이 없었으므로 첫 반복은 300 ms 뒤의 꼬리 손실 탐지입니다. RTO는 탐지부터 두 배가 되지 않은 값(600 ms)으로 다시 시작해 거기서부터 두 배씩 늘어납니다. 153.6초의 타임아웃이 600 ms의 첫 타임아웃에서 102.2초가 지난 첫 타임아웃이므로 A는 리셋 없이 조용히 포기합니다.",
        )),
        "retransmission-gives-up-rfc" => Some((
            "재전송 포기 (RFC 9293)",
            "A가 보내는 FIN은 모두 버려집니다. A는 간격을 두 배씩 늘리며(1, 2, 4 … 초, 최대 60초) 재전송하고, 재전송 7번 뒤 R2의 100초를 넘기면 연결을 포기합니다. CLOSED가 되고 애플리케이션은 \"timed out\"을 통보받습니다. B는 아무 일도 몰랐습니다.",
        )),
        "close-twice" => Some((
            "close() 두 번, close 뒤의 send()",
            "애플리케이션이 한 번 닫으면 두 번째 close()는 오류(\"connection closing\")이고 두 번째 FIN을 보내지 않습니다. send()도 마찬가지입니다. FIN은 정확히 하나입니다.",
        )),
        "abort-linux" => Some((
            "강제 종료(abort) (Linux)",
            "Linux의 리셋은 받은 데이터에 대한 ACK도 싣습니다(RST,ACK seq=1001 ack=5001). 효과는 같습니다. A는 곧바로 CLOSED가 되고 B는 리셋됩니다.",
        )),
        "abort-rfc" => Some((
            "강제 종료(abort)",
            "abort()(SO_LINGER 0으로 close)는 정중한 종료를 건너뜁니다. A는 RST를 보내고 TIME-WAIT 없이 곧바로 CLOSED가 됩니다. B의 애플리케이션은 \"connection reset\"을 통보받습니다.",
        )),
        "close-after-reset-linux" => Some((
            "리셋 뒤의 close() (Linux)",
            "B가 강제 종료하고, 그 리셋이 A의 연결을 끝냅니다. A의 애플리케이션은 다음 read에서 \"connection reset\"으로 실패하며 이를 알게 됩니다. 그 뒤의 close()는 Linux에서 성공합니다. 리셋은 read에 한 번 알렸고 close()는 소켓을 해제할 뿐입니다.",
        )),
        "close-after-reset-rfc" => Some((
            "리셋 뒤의 close() (RFC 9293)",
            "B가 강제 종료하고, 그 리셋이 A의 연결을 끝냅니다. A의 애플리케이션은 다음 read에서 \"connection reset\"으로 실패하며 이를 알게 됩니다. RFC 9293 §3.10.4에 따르면 더는 존재하지 않는 연결에 대한 CLOSE는 오류를 돌려주므로, A의 close()는 리셋을 다시 알립니다(Linux의 close()는 대신 성공함).",
        )),
        "ack-on-data" => Some((
            "FIN의 ACK가 데이터에 실린다",
            "B는 ACK를 200 ms 지연합니다. 지연 ACK 시간이 되기 전에 B의 애플리케이션이 100바이트를 보내고, 그 데이터 세그먼트가 A의 FIN을 확인하는 ACK 1002를 싣습니다. A는 데이터 세그먼트로 FIN-WAIT-2에 가고 데이터도 전달합니다. FIN의 시퀀스 번호를 덮는 ACK라면 무엇이든 FIN-WAIT-1을 끝냅니다.",
        )),
        "old-duplicate-no-time-wait" => Some((
            "TIME-WAIT가 필요한 이유: 오래된 중복 세그먼트 (TIME-WAIT 끔)",
            "같은 이야기를 TIME-WAIT를 끈 상태(0 ms, MSL이 0인 것처럼)로 봅니다. A는 주소 쌍을 곧바로 재사용합니다. 첫 연결에서 보류되었던 사본이 새 연결에 풀려나는데, 시퀀스 번호 5001이 마침 A가 기대하는 번호입니다. A는 오래된 바이트를 새것으로 받아들이고, B의 진짜 데이터가 도착하면 중복처럼 보여 버려집니다. A의 애플리케이션은 첫 연결의 바이트를 읽습니다. 소리 없는 데이터 오염입니다.",
        )),
        "old-duplicate-time-wait" => Some((
            "TIME-WAIT가 필요한 이유: 오래된 중복 세그먼트 (TIME-WAIT 동작)",
            "B의 첫 데이터 세그먼트(seq 5001, 100바이트)의 사본이 연결이 닫히는 동안 네트워크 어딘가에 보류됩니다. TIME-WAIT의 A는 주소 쌍 재사용을 거부합니다(\"address in use\"). TIME-WAIT가 끝날 무렵 사본은 수명을 넘겨 사라졌으므로, 윈도가 다시 5001에서 시작하는 새 연결은 자기 바이트만 받습니다.",
        )),
        _ => None,
    }
}

#[cfg(all(test, feature = "ko"))]
mod tests {
    use finwait_core::presets::PRESETS;

    /// Every built-in scenario has its Korean title and description.
    #[test]
    fn every_preset_is_in_korean() {
        let missing: Vec<&str> = PRESETS.iter().map(|p| p.name).filter(|n| super::ko(n).is_none()).collect();
        assert!(missing.is_empty(), "no Korean for {missing:?}");
    }
}
