//! Sequence numbers: 32-bit values compared modulo 2^32 (RFC 9293 §3.4).

use std::fmt;

/// A TCP sequence number. Arithmetic wraps; ordering is the RFC's "modulo 2^32"
/// comparison, valid while the two numbers are less than 2^31 apart.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Seq(pub u32);

impl Seq {
    /// `self + n`, wrapping at 2^32.
    #[must_use]
    pub fn wrapping_add(self, n: u32) -> Seq {
        Seq(self.0.wrapping_add(n))
    }

    /// `self - n`, wrapping at 2^32.
    #[must_use]
    pub fn wrapping_sub(self, n: u32) -> Seq {
        Seq(self.0.wrapping_sub(n))
    }

    /// The signed distance from `other` to `self` (positive when `self` is later).
    pub fn diff(self, other: Seq) -> i32 {
        self.0.wrapping_sub(other.0) as i32
    }

    /// The forward distance from `other` to `self`; meaningful when `self` is not before `other`.
    pub fn since(self, other: Seq) -> u32 {
        self.0.wrapping_sub(other.0)
    }

    pub fn lt(self, other: Seq) -> bool {
        self.diff(other) < 0
    }

    pub fn le(self, other: Seq) -> bool {
        self.diff(other) <= 0
    }

    pub fn gt(self, other: Seq) -> bool {
        self.diff(other) > 0
    }

    pub fn ge(self, other: Seq) -> bool {
        self.diff(other) >= 0
    }

    /// `low <= self < low + len`, modulo 2^32.
    pub fn in_window(self, low: Seq, len: u32) -> bool {
        self.since(low) < len
    }
}

impl From<Seq> for crate::json::Json {
    fn from(s: Seq) -> crate::json::Json {
        crate::json::Json::from(s.0)
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Debug for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Seq({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_wraps_around_zero() {
        let before = Seq(u32::MAX - 10);
        let after = before.wrapping_add(20);
        assert_eq!(after, Seq(9));
        assert!(before.lt(after));
        assert!(after.gt(before));
        assert_eq!(after.diff(before), 20);
        assert_eq!(after.since(before), 20);
        assert!(!after.le(before));
    }

    #[test]
    fn window_test_wraps() {
        let low = Seq(u32::MAX - 1);
        assert!(Seq(0).in_window(low, 5));
        assert!(Seq(2).in_window(low, 5));
        assert!(!Seq(3).in_window(low, 5));
        assert!(!low.wrapping_sub(1).in_window(low, 5));
        assert!(!low.in_window(low, 0));
    }
}
