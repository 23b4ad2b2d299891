//! A TCB's timers as one table indexed by the timer's kind (as quinn-proto's `TimerTable`):
//! each kind is running with a deadline, or stopped.

use crate::app::TimerKind;
use crate::time::Time;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimerTable {
    deadlines: [Option<Time>; TimerKind::ALL.len()],
}

impl TimerTable {
    /// When `timer` fires, if it is running.
    pub fn get(&self, timer: TimerKind) -> Option<Time> {
        self.deadlines[timer as usize]
    }

    /// Arms `timer` for `at`; returns whether it was running already.
    pub fn set(&mut self, timer: TimerKind, at: Time) -> bool {
        self.deadlines[timer as usize].replace(at).is_some()
    }

    /// Stops `timer`; returns its deadline if it was running.
    pub fn stop(&mut self, timer: TimerKind) -> Option<Time> {
        self.deadlines[timer as usize].take()
    }

    /// The running timers and their deadlines, in `TimerKind` order.
    pub fn running(&self) -> impl Iterator<Item = (TimerKind, Time)> + '_ {
        TimerKind::ALL.iter().filter_map(|&k| self.get(k).map(|t| (k, t)))
    }

    /// The timer that fires first (ties: in `TimerKind` order).
    pub fn next(&self) -> Option<(Time, TimerKind)> {
        self.running().map(|(k, t)| (t, k)).min()
    }

    pub fn is_idle(&self) -> bool {
        self.deadlines.iter().all(Option::is_none)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_deadline_fires_first_and_ties_go_in_kind_order() {
        let mut t = TimerTable::default();
        assert!(t.is_idle() && t.next().is_none());
        assert!(!t.set(TimerKind::TimeWait, Time(500)));
        assert!(!t.set(TimerKind::Retransmission, Time(500)));
        assert_eq!(t.next(), Some((Time(500), TimerKind::Retransmission)));
        assert!(t.set(TimerKind::Retransmission, Time(900)), "it was running");
        assert_eq!(t.next(), Some((Time(500), TimerKind::TimeWait)));
        assert_eq!(t.stop(TimerKind::TimeWait), Some(Time(500)));
        assert_eq!(t.running().collect::<Vec<_>>(), vec![(TimerKind::Retransmission, Time(900))]);
    }
}
