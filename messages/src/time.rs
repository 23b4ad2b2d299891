//! Times as people read them.

use crate::{tr, Lang};
use finwait_core::Time;

/// `150 ms`, `1.25 s`, `4 min 0.15 s` (integer arithmetic only: Rust's float formatting is one
/// of the larger pieces of a wasm bundle).
pub fn time(lang: Lang, t: Time) -> String {
    let ms = t.ms();
    // Korean writes the unit against the number: 1.25초, 4분 0.15초.
    let (s, min) = tr!(lang, (" s", " min"), ("초", "분"));
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{}{s}", seconds(ms))
    } else if ms.is_multiple_of(60_000) {
        format!("{}{min}", ms / 60_000)
    } else {
        format!("{}{min} {}{s}", ms / 60_000, seconds(ms % 60_000))
    }
}

/// Milliseconds as seconds with up to three decimals: 1250 → "1.25".
fn seconds(ms: u64) -> String {
    let frac = ms % 1000;
    if frac == 0 {
        return (ms / 1000).to_string();
    }
    let digits = format!("{frac:03}");
    format!("{}.{}", ms / 1000, digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_naturally() {
        let t = |ms| time(Lang::En, Time(ms));
        assert_eq!(t(150), "150 ms");
        assert_eq!(t(1250), "1.25 s");
        assert_eq!(t(3000), "3 s");
        assert_eq!(t(240_150), "4 min 0.15 s");
        assert_eq!(t(60_005), "1 min 0.005 s");
        assert_eq!(t(240_000), "4 min");
    }
}
