//! The network panel: the latency each way, the rules waiting for future segments, the past
//! data segments that can be injected again as old duplicates, and the stray resets on offer.

use finwait_core::action::{InjectedSegment, ResetPosition};
use finwait_core::trace::{EventKind, Origin};
use finwait_core::{Action, Event, Host, SegmentId, Simulation};
use finwait_messages::{events, Lang};

/// How many of the latest data segments are offered as old duplicates, so a long run does not
/// fill the list.
pub const OFFERED: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkView {
    /// One-way latency from A and from B, in milliseconds.
    pub latency: [u64; 2],
    /// The rules in force, in words.
    pub rules: Vec<String>,
    /// Recent data segments (newest first), each labelled, and the action that injects a copy.
    pub old_copies: Vec<(SegmentId, String, Action)>,
    /// A stray RST to each host (A, B), at each position of `ResetPosition::ALL`.
    pub resets: [[Action; 3]; 2],
}

impl NetworkView {
    pub fn of(sim: &Simulation, events: &[Event], lang: Lang) -> NetworkView {
        let net = sim.network();
        let old_copies = events
            .iter()
            .rev()
            .filter_map(|e| match &e.kind {
                EventKind::Segment { id, from, segment, origin: Origin::Sent { .. }, .. }
                    if !segment.data.is_empty() =>
                {
                    let label = format!("{} {from}: {}", id, segment);
                    Some((*id, label, Action::Inject { from: *from, segment: InjectedSegment::from_segment(segment) }))
                }
                _ => None,
            })
            .take(OFFERED)
            .collect();
        NetworkView {
            latency: Host::BOTH.map(|h| net.latency(h).ms()),
            rules: net.rules().iter().map(|r| events::rule(lang, r)).collect(),
            old_copies,
            resets: Host::BOTH.map(|to| ResetPosition::ALL.map(|p| Action::stray_reset(sim, to, p))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use finwait_core::{presets, Time};

    #[test]
    fn rules_read_as_sentences_and_data_can_come_back() {
        let mut s = Session::new(presets::find("data-overtaken-by-fin").unwrap().scenario().unwrap());
        s.extend_to(Time(5_000));
        let t = Time(5_000);
        let v = NetworkView::of(&s.sim_at(t), &s.trace().events[..s.events_until(t)], Lang::En);
        assert_eq!(v.latency, [50, 50]);
        assert_eq!(v.old_copies.len(), 1);
        assert!(v.old_copies[0].1 == "#3 B: ACK seq=5001 ack=1002 len=100", "{:?}", v.old_copies);
        let Action::Inject { from: Host::B, segment } = &v.old_copies[0].2 else { panic!("an injection from B") };
        assert_eq!(segment.data.len(), 100);
        // The stray RST "at RCV.NXT" for A carries A's RCV.NXT.
        let Action::Inject { segment: rst, .. } = &v.resets[0][0] else { panic!("an injection") };
        assert_eq!(rst.seq, s.sim_at(t).host(Host::A).rcv_nxt().0);
    }
}
