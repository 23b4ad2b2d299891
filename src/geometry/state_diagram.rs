//! The RFC 9293 state diagram (Figure 5) as positions and edges. CLOSED appears twice, as in
//! the RFC's figure: at the top, where connections begin, and at the bottom, where closes end.

use finwait_core::State;

pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 570.0;
pub const BOX_W: f64 = 116.0;
pub const BOX_H: f64 = 30.0;

/// A box of the diagram.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    pub state: State,
    /// The bottom CLOSED box.
    pub end: bool,
    pub x: f64,
    pub y: f64,
}

/// An arrow of the diagram: `label` is the event / what is sent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub from: (State, bool),
    pub to: (State, bool),
    pub event: &'static str,
    pub action: &'static str,
    /// Path: from the source's side to the target's side, with optional bends.
    pub points: &'static [(f64, f64)],
    pub label_at: (f64, f64),
    /// A Linux behaviour the RFC's figure does not have (drawn for the Linux profile).
    pub linux: bool,
    /// The label is centred on `label_at` (where the gap between two boxes is narrow).
    pub centred: bool,
}

pub const NODES: [Node; 12] = [
    Node { state: State::Closed, end: false, x: 300.0, y: 30.0 },
    Node { state: State::Listen, end: false, x: 300.0, y: 100.0 },
    Node { state: State::SynReceived, end: false, x: 110.0, y: 170.0 },
    Node { state: State::SynSent, end: false, x: 490.0, y: 170.0 },
    Node { state: State::Established, end: false, x: 300.0, y: 240.0 },
    Node { state: State::FinWait1, end: false, x: 110.0, y: 320.0 },
    Node { state: State::CloseWait, end: false, x: 490.0, y: 320.0 },
    Node { state: State::FinWait2, end: false, x: 110.0, y: 420.0 },
    Node { state: State::Closing, end: false, x: 300.0, y: 420.0 },
    Node { state: State::LastAck, end: false, x: 490.0, y: 420.0 },
    Node { state: State::TimeWait, end: false, x: 300.0, y: 510.0 },
    Node { state: State::Closed, end: true, x: 490.0, y: 510.0 },
];

const H: f64 = BOX_H / 2.0;
const W: f64 = BOX_W / 2.0;

/// The transitions of the RFC's figure (plus the three-segment close's FIN-WAIT-1 → TIME-WAIT).
/// Labels are the RFC's "event / action" notation; they are protocol notation, not prose.
pub const EDGES: [Edge; 21] = [
    Edge {
        from: (State::Closed, false),
        to: (State::Listen, false),
        event: "listen",
        action: "",
        points: &[(285.0, 30.0 + H), (285.0, 100.0 - H)],
        label_at: (246.0, 68.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::Closed, false),
        to: (State::SynSent, false),
        event: "connect",
        action: "SYN",
        points: &[(300.0 + W, 30.0), (490.0, 30.0), (490.0, 170.0 - H)],
        label_at: (496.0, 60.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::Listen, false),
        to: (State::SynReceived, false),
        event: "rcv SYN",
        action: "SYN,ACK",
        points: &[(300.0 - W, 100.0), (110.0, 100.0), (110.0, 170.0 - H)],
        label_at: (14.0, 128.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::SynSent, false),
        to: (State::SynReceived, false),
        event: "rcv SYN",
        action: "SYN,ACK",
        points: &[(490.0 - W, 170.0), (110.0 + W, 170.0)],
        label_at: (300.0, 164.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::SynSent, false),
        to: (State::Established, false),
        event: "rcv SYN,ACK",
        action: "ACK",
        points: &[(490.0, 170.0 + H), (490.0, 240.0), (300.0 + W, 240.0)],
        label_at: (420.0, 234.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::SynReceived, false),
        to: (State::Established, false),
        event: "rcv ACK",
        action: "",
        points: &[(110.0, 170.0 + H), (110.0, 240.0), (300.0 - W, 240.0)],
        label_at: (180.0, 234.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::SynReceived, false),
        to: (State::FinWait1, false),
        event: "close",
        action: "FIN",
        points: &[(70.0, 170.0 + H), (70.0, 320.0 - H)],
        label_at: (8.0, 250.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::Established, false),
        to: (State::FinWait1, false),
        event: "close",
        action: "FIN",
        points: &[(300.0 - 20.0, 240.0 + H), (110.0 + W, 320.0 - 6.0)],
        label_at: (150.0, 278.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::Established, false),
        to: (State::CloseWait, false),
        event: "rcv FIN",
        action: "ACK",
        points: &[(300.0 + 20.0, 240.0 + H), (490.0 - W, 320.0 - 6.0)],
        label_at: (400.0, 278.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::FinWait1, false),
        to: (State::FinWait2, false),
        event: "rcv ACK of FIN",
        action: "",
        points: &[(110.0, 320.0 + H), (110.0, 420.0 - H)],
        label_at: (8.0, 372.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::FinWait1, false),
        to: (State::Closing, false),
        event: "rcv FIN",
        action: "ACK",
        points: &[(110.0 + W, 320.0 + 8.0), (300.0, 420.0 - H)],
        label_at: (214.0, 350.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::FinWait1, false),
        to: (State::TimeWait, false),
        event: "rcv FIN+ACK",
        action: "ACK",
        points: &[(110.0 + 30.0, 320.0 + H), (256.0, 510.0 - H)],
        label_at: (192.0, 394.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::FinWait2, false),
        to: (State::TimeWait, false),
        event: "rcv FIN",
        action: "ACK",
        points: &[(110.0, 420.0 + H), (110.0, 510.0), (300.0 - W, 510.0)],
        label_at: (116.0, 476.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::Closing, false),
        to: (State::TimeWait, false),
        event: "rcv ACK of FIN",
        action: "",
        points: &[(300.0, 420.0 + H), (300.0, 510.0 - H)],
        label_at: (306.0, 468.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::CloseWait, false),
        to: (State::LastAck, false),
        event: "close",
        action: "FIN",
        points: &[(490.0, 320.0 + H), (490.0, 420.0 - H)],
        label_at: (496.0, 372.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::LastAck, false),
        to: (State::Closed, true),
        event: "rcv ACK of FIN",
        action: "",
        points: &[(490.0, 420.0 + H), (490.0, 510.0 - H)],
        label_at: (496.0, 468.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::TimeWait, false),
        to: (State::Closed, true),
        event: "2MSL timeout",
        action: "",
        points: &[(300.0 + W, 510.0), (490.0 - W, 510.0)],
        label_at: (395.0, 503.0),
        linux: false,
        centred: true,
    },
    Edge {
        from: (State::Listen, false),
        to: (State::Closed, false),
        event: "close",
        action: "",
        points: &[(315.0, 100.0 - H), (315.0, 30.0 + H)],
        label_at: (321.0, 68.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::SynSent, false),
        to: (State::Closed, false),
        event: "close",
        action: "",
        points: &[(470.0, 170.0 - H), (470.0, 40.0), (300.0 + W, 40.0)],
        label_at: (436.0, 58.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::SynReceived, false),
        to: (State::Listen, false),
        event: "rcv RST",
        action: "",
        points: &[(140.0, 170.0 - H), (140.0, 110.0), (300.0 - W, 110.0)],
        label_at: (146.0, 140.0),
        linux: false,
        centred: false,
    },
    Edge {
        from: (State::FinWait2, false),
        to: (State::Closed, true),
        event: "tcp_fin_timeout",
        action: "",
        points: &[(60.0, 420.0 + H), (60.0, 545.0), (490.0, 545.0), (490.0, 510.0 + H)],
        label_at: (150.0, 557.0),
        linux: true,
        centred: false,
    },
];

/// Which box stands for a host in `state`: CLOSED is drawn at the bottom when the host got
/// there by closing, at the top otherwise.
pub fn node_for(state: State, previous: Option<State>) -> Node {
    let end = state == State::Closed
        && previous.is_some_and(|p| p != State::Closed && p != State::Listen && p != State::SynSent);
    NODES.iter().copied().find(|n| n.state == state && n.end == end).unwrap_or(NODES[0])
}

/// The drawn edge for a transition, if the figure has one (resets, aborts and time-outs to
/// CLOSED are not drawn in the RFC's figure).
pub fn edge_for(from: State, to: State, from_end: bool, to_end: bool) -> Option<&'static Edge> {
    // The two CLOSED boxes are one state: a new connection after a close (listen, connect)
    // leaves by the arrows of the top one.
    let from_end = from_end && from != State::Closed;
    EDGES.iter().find(|e| e.from == (from, from_end) && e.to == (to, to_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_box() {
        for &s in State::ALL {
            assert!(NODES.iter().any(|n| n.state == s), "{s}");
        }
    }

    #[test]
    fn boxes_do_not_overlap_and_fit() {
        for (i, a) in NODES.iter().enumerate() {
            assert!(a.x - W >= 0.0 && a.x + W <= WIDTH && a.y - H >= 0.0 && a.y + H <= HEIGHT);
            for b in &NODES[i + 1..] {
                let apart = (a.x - b.x).abs() >= BOX_W + 8.0 || (a.y - b.y).abs() >= BOX_H + 8.0;
                assert!(apart, "{} and {} overlap", a.state, b.state);
            }
        }
    }

    #[test]
    fn edges_start_and_end_at_their_boxes() {
        for e in &EDGES {
            let from = NODES.iter().find(|n| (n.state, n.end) == e.from).unwrap();
            let to = NODES.iter().find(|n| (n.state, n.end) == e.to).unwrap();
            let touches = |n: &Node, p: (f64, f64)| (p.0 - n.x).abs() <= W + 0.5 && (p.1 - n.y).abs() <= H + 0.5;
            assert!(touches(from, e.points[0]), "{:?} does not start at its box", e.event);
            assert!(touches(to, *e.points.last().unwrap()), "{:?} does not end at its box", e.event);
        }
    }

    #[test]
    fn the_close_paths_are_all_drawn() {
        use State::*;
        for (a, b) in [
            (Established, FinWait1),
            (FinWait1, FinWait2),
            (FinWait2, TimeWait),
            (FinWait1, Closing),
            (Closing, TimeWait),
            (Established, CloseWait),
            (CloseWait, LastAck),
            (FinWait1, TimeWait),
        ] {
            assert!(edge_for(a, b, false, false).is_some(), "{a} → {b}");
        }
        assert!(edge_for(TimeWait, Closed, false, true).is_some());
        assert!(edge_for(LastAck, Closed, false, true).is_some());
    }

    /// Every transition a preset takes has its arrow, in either profile — but the jumps to
    /// CLOSED that the RFC's figure leaves out (resets, aborts, giving up).
    #[test]
    fn every_transition_the_presets_take_is_drawn() {
        use finwait_core::{EventKind, ProfileKind, Reason};
        let jump = |r: Reason| {
            matches!(
                r,
                Reason::ResetExact
                    | Reason::ResetBeforeFin
                    | Reason::ResetInHandshake
                    | Reason::AppAbort
                    | Reason::AppAbortQuiet
                    | Reason::RetryLimit
                    | Reason::RetryTimeLimit
                    | Reason::CloseWithUnreadData
                    | Reason::DataAfterClose
            )
        };
        for p in finwait_core::presets::PRESETS {
            for &profile in ProfileKind::ALL {
                let mut scenario = p.scenario().unwrap();
                scenario.profile = profile;
                let run = scenario.run().unwrap();
                let mut before = [None, None];
                for e in &run.trace.events {
                    if let EventKind::State { host, from, to, reason } = &e.kind {
                        let i = host.index();
                        let (from_end, to_end) = (node_for(*from, before[i]).end, node_for(*to, Some(*from)).end);
                        let drawn = edge_for(*from, *to, from_end, to_end).is_some();
                        assert!(
                            drawn || jump(*reason),
                            "{} ({profile:?}): {from} → {to} ({reason:?}) has no arrow",
                            p.file
                        );
                        before[i] = Some(*from);
                    }
                }
            }
        }
    }
}
