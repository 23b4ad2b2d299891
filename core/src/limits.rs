//! Every limit on what a scenario, a click or a form may ask for, stated once. The reader of
//! scenario files, the simulation's checks of actions, the web app's forms and the messages
//! that explain a refusal all use these values.

use std::fmt;

/// An inclusive range a whole number must be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limit {
    pub min: u64,
    pub max: u64,
}

impl Limit {
    pub fn contains(self, v: u64) -> bool {
        (self.min..=self.max).contains(&v)
    }

    /// The number in `text` (a form field), if it is a whole number in range.
    pub fn parse(self, text: &str) -> Option<u64> {
        text.trim().parse::<u64>().ok().filter(|v| self.contains(*v))
    }
}

impl fmt::Display for Limit {
    /// What the range says, as the core's own error messages put it: "must be at most 50",
    /// "must be between 1 and 65535".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == 0 {
            write!(f, "must be at most {}", self.max)
        } else {
            write!(f, "must be between {} and {}", self.min, self.max)
        }
    }
}

const HOUR_MS: u64 = 3_600_000;
const DAY_MS: u64 = 24 * HOUR_MS;

/// One-way latency of a direction: enough for any lesson, small enough that no action can make
/// a run unreasonably long.
pub const LATENCY_MS: Limit = Limit { min: 0, max: HOUR_MS };
/// How much later a delayed segment arrives (a fault on one segment, or a rule's).
pub const DELAY_MS: Limit = Limit { min: 0, max: HOUR_MS };
/// `send {bytes: n}`: filler bytes a call may queue.
pub const SEND_BYTES: Limit = Limit { min: 0, max: 1 << 20 };
/// The payload of one crafted segment or one `send {text}`.
pub const PAYLOAD_BYTES: Limit = Limit { min: 0, max: 1 << 20 };
/// A timer parameter (MSL, TIME-WAIT, delayed ACK, …).
pub const TIMER_MS: Limit = Limit { min: 0, max: DAY_MS };
/// A retransmission timeout parameter: zero would retransmit in a loop without time passing.
pub const RTO_MS: Limit = Limit { min: 1, max: DAY_MS };
/// A retry count (tcp_retries2, tcp_orphan_retries).
pub const RETRIES: Limit = Limit { min: 0, max: 50 };
/// Quick ACKs after the first data (Linux: 16, TCP_MAX_QUICKACKS).
pub const QUICK_ACKS: Limit = Limit { min: 0, max: 1_000 };
/// The receive window a host advertises.
pub const WINDOW: Limit = Limit { min: 1, max: 1 << 30 };
/// The maximum segment size.
pub const MSS: Limit = Limit { min: 1, max: 65_535 };

/// The most payload bytes one run may make: what the applications send and the user injects,
/// in all. Every byte queued, in flight, delivered or kept in the trace is one of these (the
/// bytes are shared, not copied — `payload.rs`), so with `MAX_EVENTS` this bounds what a run
/// can take. A `send` or `inject` past it is refused.
pub const RUN_BYTES: u64 = 32 << 20;

/// The most payload bytes one run's trace may show, counting a byte each time it appears —
/// sent, sent again, delivered, read. Shared in memory, but written out in full by a JSON
/// trace; a run that gets here stops, so that its trace stays within a bounded size.
pub const TRACE_BYTES: u64 = 64 << 20;

/// Runs stop here at the latest, so that a scenario whose connection stays open for ever
/// (CLOSE-WAIT has no timer) still finishes.
pub const HORIZON_MS: u64 = DAY_MS;

/// The most trace events a run computes. No close needs nearly this many; a run that gets here
/// is caught in a loop the rules allow — two hosts that disagree about sequence numbers
/// trading ACKs for ever (RFC 9293 answers every unacceptable segment), perhaps multiplied by a
/// duplicating rule — and the runner stops it here and says so.
pub const MAX_EVENTS: usize = 100_000;

/// The longest name a host may be given.
pub const NAME_CHARS: usize = 24;

/// The longest share link accepted (its state, in characters): far more than a session with a
/// whole custom scenario needs, far less than what would slow a browser down.
pub const LINK_CHARS: usize = 100_000;
/// A deflated link may unpack to at most this many bytes (a link cannot be a zip bomb).
pub const LINK_BODY_BYTES: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_field_is_parsed_against_its_limit() {
        assert_eq!(SEND_BYTES.parse(" 100 "), Some(100));
        assert_eq!(SEND_BYTES.parse("0"), Some(0));
        assert_eq!(SEND_BYTES.parse("-3"), None);
        assert_eq!(SEND_BYTES.parse("1048577"), None);
        assert_eq!(LATENCY_MS.parse("0"), Some(0));
        assert_eq!(RETRIES.to_string(), "must be at most 50");
        assert_eq!(MSS.to_string(), "must be between 1 and 65535");
    }
}
