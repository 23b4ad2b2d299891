//! Why a run stopped early, for the person who started it: which limit it reached, and why
//! finwait has that limit.

use crate::events::number;
use crate::{time, Lang};
use finwait_core::limits::{MAX_EVENTS, TRACE_BYTES};
use finwait_core::run::Stop;
use finwait_core::Time;

/// `events` events had happened by `at` when the run stopped for `stop`.
pub fn stopped(lang: Lang, stop: Stop, events: usize, at: Time) -> String {
    let (events, at, limit) = (number(events as u64), time(lang, at), number(MAX_EVENTS as u64));
    match (lang, stop) {
        (Lang::En, Stop::EventLimit { looping: true }) => format!(
            "stopped after {events} events at {at}: the two hosts are caught in a loop, each answering the other's \
             unacceptable segment with an ACK (an ACK storm, which RFC 9293's rules allow; Linux rate-limits those \
             answers). finwait stops every run at {limit} events."
        ),
        (Lang::En, Stop::EventLimit { looping: false }) => format!(
            "stopped after {events} events at {at}: finwait computes at most {limit} events in one run, so that no \
             scenario can take more than a bounded time and memory. This run is simply that long; make it shorter \
             (fewer segments, larger ones, or \"until_ms\")."
        ),
        (Lang::En, Stop::TraceBytes) => format!(
            "stopped after {events} events at {at}: the trace shows {} bytes of data, counting each time a byte is \
             sent, sent again, delivered or read — finwait's limit for one run, so that its trace stays within a \
             bounded size. Send less data, or stop the run earlier (\"until_ms\").",
            number(TRACE_BYTES)
        ),
        #[cfg(feature = "ko")]
        (Lang::Ko, Stop::EventLimit { looping: true }) => format!(
            "{at}에 이벤트 {events}개 뒤 멈춤: 두 호스트가 서로의 받아들일 수 없는 세그먼트에 ACK로 답하며 \
             끝없이 주고받고 있습니다(ACK 폭주. RFC 9293의 규칙으로는 일어날 수 있고, Linux는 이런 응답의 빈도를 \
             제한합니다). finwait는 모든 실행을 이벤트 {limit}개에서 멈춥니다."
        ),
        #[cfg(feature = "ko")]
        (Lang::Ko, Stop::EventLimit { looping: false }) => format!(
            "{at}에 이벤트 {events}개 뒤 멈춤: finwait는 한 번의 실행에서 이벤트를 최대 {limit}개까지만 계산하므로 \
             어떤 시나리오도 정해진 시간과 메모리를 넘지 않습니다. 이 실행은 그만큼 깁니다. 더 짧게 만드세요(세그먼트를 \
             줄이거나 더 크게, 또는 \"until_ms\")."
        ),
        #[cfg(feature = "ko")]
        (Lang::Ko, Stop::TraceBytes) => format!(
            "{at}에 이벤트 {events}개 뒤 멈춤: 트레이스가 보여 주는 데이터가 {}바이트에 이르렀습니다(바이트를 보내고, \
             다시 보내고, 전달하고, 읽을 때마다 셈). 트레이스 크기를 제한하기 위한 finwait의 한 실행 한도입니다. \
             데이터를 덜 보내거나 실행을 더 일찍 멈추세요(\"until_ms\").",
            number(TRACE_BYTES)
        ),
    }
}
