//! The selected segment: its fields, why it was sent, what became of it at the cursor, and what
//! the user can do to it — faults while it is in the network, or sending it again later.

use finwait_core::action::InjectedSegment;
use finwait_core::trace::Fate;
use finwait_core::{Action, Host, Segment, SegmentId, Simulation, Time, Trace};
use finwait_messages::{events, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegmentView {
    /// Nothing selected.
    Nothing,
    /// Selected, but sent after the cursor.
    NotSentYet(SegmentId),
    Shown(Box<SegmentDetail>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentDetail {
    pub id: SegmentId,
    pub from: Host,
    pub segment: Segment,
    pub sent_at: Time,
    /// What became of it by the cursor.
    pub fate: String,
    /// The rule it was sent by, or that the network or the user made it.
    pub why: String,
    /// Its payload as text, cut short.
    pub payload: Option<String>,
    /// While it is in the network at the cursor: what the faults can do to it.
    pub in_flight: Option<InFlight>,
    /// Sending it again as an old duplicate, from its sender.
    pub resend: Action,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// Held (it can be released) or on its way (it can be held).
    pub held: bool,
    /// The other segments in the network, to swap its arrival with.
    pub others: Vec<SegmentId>,
}

impl SegmentView {
    /// The segment `selected` as the first `upto` events of `trace` tell it, with `sim` the
    /// simulation at the same moment.
    pub fn of(trace: &Trace, upto: usize, sim: &Simulation, selected: Option<SegmentId>, lang: Lang) -> SegmentView {
        let Some(id) = selected else { return SegmentView::Nothing };
        let Some(r) = trace.segment(id, upto) else { return SegmentView::NotSentYet(id) };
        let flights = sim.network().flights();
        let in_flight = flights.iter().find(|f| f.id == id).map(|f| InFlight {
            held: f.arrives.is_none(),
            others: flights.iter().map(|g| g.id).filter(|g| *g != id).collect(),
        });
        let fate: Fate = r.fate;
        SegmentView::Shown(Box::new(SegmentDetail {
            id,
            from: r.from,
            fate: events::fate(lang, fate),
            why: events::origin(lang, r.origin),
            payload: (!r.segment.data.is_empty()).then(|| events::preview(&r.segment.data)),
            in_flight,
            resend: Action::Inject { from: r.from, segment: InjectedSegment::from_segment(&r.segment) },
            sent_at: r.sent_at,
            segment: r.segment,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use finwait_core::presets;

    fn view(preset: &str, t: u64, id: u32) -> SegmentView {
        let mut s = Session::new(presets::find(preset).unwrap().scenario().unwrap());
        s.extend_to(Time(1_000));
        SegmentView::of(s.trace(), s.events_until(Time(t)), &s.sim_at(Time(t)), Some(SegmentId(id)), Lang::En)
    }

    #[test]
    fn in_flight_it_can_be_faulted_and_later_it_has_a_fate() {
        let SegmentView::Shown(fin) = view("active-close", 20, 1) else { panic!("shown") };
        assert_eq!(fin.in_flight, Some(InFlight { held: false, others: vec![] }));
        assert_eq!(fin.fate, "arrives at 50 ms");
        assert!(fin.why.contains("close() in ESTABLISHED"));
        let SegmentView::Shown(fin) = view("active-close", 60, 1) else { panic!("shown") };
        assert_eq!(fin.in_flight, None);
        assert_eq!(fin.fate, "arrived at 50 ms");
        assert_eq!(view("active-close", 20, 3), SegmentView::NotSentYet(SegmentId(3)));
    }
}
