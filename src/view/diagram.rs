//! The state diagram: each host's state at the cursor and the transition it took last, with
//! the rule behind it.

use finwait_core::trace::EventKind;
use finwait_core::{Event, Host, ProfileKind, Reason, State};
use finwait_messages::{cited_reason, Lang};

/// A host's last transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    pub from: State,
    pub to: State,
    /// The state before `from` (where the diagram draws a state twice, it tells which box).
    pub before_from: Option<State>,
    pub reason: Reason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagramView {
    pub profile: ProfileKind,
    pub current: [Option<State>; 2],
    pub last: [Option<Transition>; 2],
    /// Each host's last transition (`A: FIN-WAIT-1 → CLOSING`), with its rule.
    pub captions: Vec<(Host, String, String)>,
}

impl DiagramView {
    pub fn of(profile: ProfileKind, events: &[Event], lang: Lang) -> DiagramView {
        let mut last: [Option<Transition>; 2] = [None, None];
        let mut current: [Option<State>; 2] = [None, None];
        for e in events {
            match &e.kind {
                EventKind::Start { host, state } => current[host.index()] = Some(*state),
                EventKind::State { host, from, to, reason } => {
                    let i = host.index();
                    let before_from = last[i].map(|l| l.from);
                    last[i] = Some(Transition { from: *from, to: *to, before_from, reason: *reason });
                    current[i] = Some(*to);
                }
                _ => {}
            }
        }
        let captions = Host::BOTH
            .into_iter()
            .filter_map(|h| {
                let l = last[h.index()]?;
                Some((h, format!("{h}: {} → {}", l.from, l.to), cited_reason(lang, l.reason)))
            })
            .collect();
        DiagramView { profile, current, last, captions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets;

    #[test]
    fn each_host_has_its_state_and_last_transition() {
        let run = presets::find("simultaneous-close").unwrap().scenario().unwrap().run().unwrap();
        let upto = run.trace.events.partition_point(|e| e.at.ms() <= 50);
        let d = DiagramView::of(ProfileKind::Rfc9293, &run.trace.events[..upto], Lang::En);
        assert_eq!(d.current, [Some(State::Closing), Some(State::Closing)]);
        let a = d.last[0].unwrap();
        assert_eq!((a.from, a.to, a.before_from), (State::FinWait1, State::Closing, Some(State::Established)));
        assert_eq!(d.captions[0].1, "A: FIN-WAIT-1 → CLOSING");
        assert!(d.captions[0].2.starts_with("RFC 9293 §3.10.7.4"));
    }
}
