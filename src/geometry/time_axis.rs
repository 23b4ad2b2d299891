//! The timeline's vertical axis. Close scenarios mix milliseconds (segments in flight) with
//! minutes (TIME-WAIT), so the axis is piecewise: short gaps are drawn to scale, long quiet
//! gaps are cut to a fixed height and marked as a break. Several things at one instant get
//! room to stand one below the other.

use finwait_core::Time;

/// Pixels per millisecond for gaps drawn to scale.
pub const PX_PER_MS: f64 = 1.3;
/// Gaps longer than this are drawn as breaks.
pub const MAX_SCALED_GAP_MS: u64 = 260;
/// The height of a break.
pub const BREAK_PX: f64 = 44.0;
/// Extra room per additional item at one instant.
pub const STACK_PX: f64 = 16.0;
/// Room above time zero.
pub const TOP_PX: f64 = 56.0;

/// A cut in the axis: a quiet stretch from `t0` to `t1`, drawn between `y0` and `y1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Break {
    pub t0: Time,
    pub t1: Time,
    pub y0: f64,
    pub y1: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimeAxis {
    /// (time, y where it starts, extra room below it for stacked items), by time.
    knots: Vec<(Time, f64, f64)>,
    breaks: Vec<Break>,
}

impl TimeAxis {
    /// An axis through `times`, where `stack(t)` says how many items stand at instant `t`.
    pub fn new(mut times: Vec<Time>, stack: impl Fn(Time) -> usize) -> TimeAxis {
        times.push(Time::ZERO);
        let mut keys: Vec<u128> = times.iter().map(|t| u128::from(t.ms())).collect();
        finwait_core::order::sort(&mut keys);
        times = keys.into_iter().map(|k| Time(k as u64)).collect();
        times.dedup();
        let mut knots = Vec::with_capacity(times.len());
        let mut breaks = Vec::new();
        let mut y = TOP_PX;
        let mut previous: Option<(Time, f64)> = None;
        for t in times {
            if let Some((pt, pextra)) = previous {
                let gap = t.ms() - pt.ms();
                let y0 = y + pextra;
                y = if gap > MAX_SCALED_GAP_MS {
                    let y1 = y0 + BREAK_PX;
                    breaks.push(Break { t0: pt, t1: t, y0, y1 });
                    y1
                } else {
                    y0 + gap as f64 * PX_PER_MS
                };
            }
            let extra = stack(t).saturating_sub(1) as f64 * STACK_PX;
            knots.push((t, y, extra));
            previous = Some((t, extra));
        }
        TimeAxis { knots, breaks }
    }

    /// The y of an instant (its first stacked item); times between knots are interpolated.
    pub fn y(&self, t: Time) -> f64 {
        let i = self.knots.partition_point(|k| k.0 <= t);
        if i == 0 {
            return TOP_PX;
        }
        let (t0, y0, extra) = self.knots[i - 1];
        if t0 == t {
            return y0;
        }
        match self.knots.get(i) {
            Some(&(t1, y1, _)) => {
                let start = y0 + extra;
                start + (y1 - start) * (t.ms() - t0.ms()) as f64 / (t1.ms() - t0.ms()) as f64
            }
            None => y0 + extra + ((t.ms() - t0.ms()).min(MAX_SCALED_GAP_MS) as f64) * PX_PER_MS,
        }
    }

    /// The y of the `slot`-th item at instant `t`.
    pub fn y_slot(&self, t: Time, slot: usize) -> f64 {
        self.y(t) + slot as f64 * STACK_PX
    }

    /// The time at height `y` (for a click on the lifeline).
    pub fn time_at(&self, y: f64) -> Time {
        let i = self.knots.partition_point(|k| k.1 <= y);
        if i == 0 {
            return self.knots.first().map_or(Time::ZERO, |k| k.0);
        }
        let (t0, y0, extra) = self.knots[i - 1];
        let start = y0 + extra;
        if y <= start {
            return t0;
        }
        match self.knots.get(i) {
            Some(&(t1, y1, _)) => {
                let f = (y - start) / (y1 - start);
                Time(t0.ms() + ((t1.ms() - t0.ms()) as f64 * f).round() as u64)
            }
            None => Time(t0.ms() + ((y - start) / PX_PER_MS).round() as u64),
        }
    }

    pub fn breaks(&self) -> &[Break] {
        &self.breaks
    }

    /// The bottom of the drawn axis.
    pub fn end_y(&self) -> f64 {
        self.knots.last().map_or(TOP_PX, |k| k.1 + k.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(times: &[u64]) -> TimeAxis {
        TimeAxis::new(times.iter().map(|&t| Time(t)).collect(), |_| 1)
    }

    #[test]
    fn short_gaps_are_to_scale() {
        let a = axis(&[0, 50, 100]);
        assert_eq!(a.y(Time(0)), TOP_PX);
        assert!((a.y(Time(50)) - (TOP_PX + 50.0 * PX_PER_MS)).abs() < 1e-9);
        assert!((a.y(Time(25)) - (TOP_PX + 25.0 * PX_PER_MS)).abs() < 1e-9);
        assert!(a.breaks().is_empty());
    }

    #[test]
    fn long_gaps_become_breaks() {
        let a = axis(&[0, 150, 240_150]);
        assert_eq!(a.breaks().len(), 1);
        let b = &a.breaks()[0];
        assert_eq!((b.t0, b.t1), (Time(150), Time(240_150)));
        assert!((a.y(Time(240_150)) - a.y(Time(150)) - BREAK_PX).abs() < 1e-9);
        // Monotonic through the break.
        assert!(a.y(Time(100_000)) > a.y(Time(150)) && a.y(Time(100_000)) < a.y(Time(240_150)));
    }

    #[test]
    fn time_at_inverts_y() {
        let a = axis(&[0, 50, 100, 5_000, 5_050]);
        for t in [0, 10, 50, 77, 100, 2_500, 5_000, 5_020, 5_050, 5_100] {
            let back = a.time_at(a.y(Time(t)));
            assert!(back.ms().abs_diff(t) <= 1, "{t} → {back:?}");
        }
    }

    #[test]
    fn stacked_instants_get_room() {
        let a = TimeAxis::new(vec![Time(0), Time(10)], |t| if t == Time(0) { 3 } else { 1 });
        assert!((a.y(Time(10)) - (TOP_PX + 2.0 * STACK_PX + 10.0 * PX_PER_MS)).abs() < 1e-9);
        assert!((a.y_slot(Time(0), 2) - (TOP_PX + 2.0 * STACK_PX)).abs() < 1e-9);
    }
}
