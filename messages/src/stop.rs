//! Why a run stopped early, for the person who started it: which limit it reached, and why
//! finwait has that limit.

use crate::events::number;
use crate::{time, Lang};
use finwait_core::limits::{MAX_EVENTS, TRACE_BYTES};
use finwait_core::run::Stop;
use finwait_core::Time;

/// `events` events had happened by `at` when the run stopped for `stop`.
pub fn stopped(_lang: Lang, stop: Stop, events: usize, at: Time) -> String {
    let (events, at, limit) = (number(events as u64), time(Lang::En, at), number(MAX_EVENTS as u64));
    match stop {
        Stop::EventLimit { looping: true } => format!(
            "stopped after {events} events at {at}: the two hosts are caught in a loop, each answering the other's \
             unacceptable segment with an ACK (an ACK storm, which RFC 9293's rules allow; Linux rate-limits those \
             answers). finwait stops every run at {limit} events."
        ),
        Stop::EventLimit { looping: false } => format!(
            "stopped after {events} events at {at}: finwait computes at most {limit} events in one run, so that no \
             scenario can take more than a bounded time and memory. This run is simply that long; make it shorter \
             (fewer segments, larger ones, or \"until_ms\")."
        ),
        Stop::TraceBytes => format!(
            "stopped after {events} events at {at}: the trace shows {} bytes of data, counting each time a byte is \
             sent, sent again, delivered or read — finwait's limit for one run, so that its trace stays within a \
             bounded size. Send less data, or stop the run earlier (\"until_ms\").",
            number(TRACE_BYTES)
        ),
    }
}
