//! The words of the command line's text diagram around the events: its header and columns.

use crate::{tr, Lang};

/// `profile Linux · latency A→B 50 ms, B→A 50 ms`.
pub fn profile_line(lang: Lang, profile: &str, a_to_b: u64, b_to_a: u64) -> String {
    tr!(
        lang,
        format!("profile {profile} · latency A→B {a_to_b} ms, B→A {b_to_a} ms"),
        format!("프로필 {profile} · 지연 시간 A→B {a_to_b} ms, B→A {b_to_a} ms")
    )
}

/// The heading of the time column.
pub fn time_heading(lang: Lang) -> &'static str {
    tr!(lang, "time", "시간")
}

/// The last line: `at 240150 ms: A is CLOSED, B is CLOSED`.
pub fn final_states(lang: Lang, at_ms: u64, a: &str, b: &str) -> String {
    tr!(lang, format!("at {at_ms} ms: A is {a}, B is {b}"), format!("{at_ms} ms 시점: A는 {a}, B는 {b}"))
}

/// A run cut at `until_ms` with more to come.
pub fn still_pending(lang: Lang) -> &'static str {
    tr!(lang, "stopped here with events still pending", "이후에도 일어날 이벤트가 남은 채 여기서 멈춤")
}
