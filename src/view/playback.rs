//! The playback controls: where the time cursor stands among the instants of the run, and
//! which moves are possible.

use super::Looking;
use crate::session::Session;
use finwait_core::{Time, Trace};
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// Every instant where something happened, and the head: the slider's stops.
    pub instants: Rc<[Time]>,
    /// The slider's stop at or before the cursor.
    pub position: usize,
    pub cursor: Time,
    /// Something happens after the cursor (step, play and "to the end" are possible).
    pub has_next: bool,
    /// A segment is on its way at the cursor (playback then runs in real time; otherwise it
    /// skips the quiet stretch to the next event).
    pub busy: bool,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// The slider's stops: every instant of the trace, and the head.
pub fn instants(trace: &Trace, head: Time) -> Rc<[Time]> {
    let mut times: Vec<Time> = trace.events.iter().map(|e| e.at).collect();
    times.dedup();
    if times.last() != Some(&head) {
        times.push(head);
    }
    times.into()
}

impl Playback {
    pub fn at(session: &Session, looking: &Looking, instants: Rc<[Time]>, busy: bool) -> Playback {
        let cursor = looking.cursor;
        Playback {
            busy,
            position: instants.partition_point(|t| *t <= cursor).saturating_sub(1),
            instants,
            cursor,
            has_next: session.next_event_after(cursor).is_some(),
            can_undo: looking.can_undo,
            can_redo: looking.can_redo,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets;

    #[test]
    fn the_slider_stops_at_each_instant_once_and_at_the_head() {
        let s = Session::new(presets::find("active-close").unwrap().scenario().unwrap());
        let mut s = s;
        s.extend_to(Time(120));
        let i = instants(s.trace(), s.head_time());
        assert_eq!(&i[..], &[Time(0), Time(50), Time(100), Time(120)]);
    }
}
