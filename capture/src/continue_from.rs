//! "Continue from here in the lab": a scenario that starts where a captured connection stands
//! at the end of the capture, offered only when that state is one the lab can start from
//! exactly. The lab starts a run either from CLOSED or from both hosts ESTABLISHED with given
//! sequence numbers, so the state is complete when the capture ends with the connection open,
//! every byte each host sent acknowledged (nothing in flight), and nothing the capture missed.
//! What the capture cannot tell — whether the applications read what arrived — is taken as
//! read (`EstablishedSide::unread` is left empty).

use crate::import::{Connection, Doubt, Inference};
use finwait_core::scenario::{EstablishedSide, Initial};
use finwait_core::{Host, ProfileKind, Scenario, Seq, State};

/// The scenario that continues `conn` from the end of the capture, or `None` when its state
/// there is not one the lab can start from exactly.
pub fn continue_from(conn: &Connection, inf: &Inference, profile: ProfileKind) -> Option<Scenario> {
    if inf.end != [State::Established, State::Established] {
        return None;
    }
    let unseen = inf.doubts.iter().any(|d| match d {
        Doubt::Gap { .. } | Doubt::Unseen { .. } | Doubt::Resent { .. } | Doubt::NeverAcknowledged { .. } => true,
        Doubt::StartsEstablished
        | Doubt::CloseOrShutdown { .. }
        | Doubt::AfterCapture { .. }
        | Doubt::TimeWaitCutShort { .. } => false,
    });
    if unseen {
        return None;
    }
    let [a, b] = Host::BOTH.map(|host| next_and_acked(conn, host));
    // Each host's next sequence number, which its peer's last ACK must have reached.
    let (Some((next_a, _)), Some((next_b, _))) = (a, b) else { return None };
    if b.and_then(|(_, acked)| acked) != Some(next_a) || a.and_then(|(_, acked)| acked) != Some(next_b) {
        return None;
    }
    let mut scenario = Scenario::blank();
    scenario.name = "capture".into();
    scenario.title = format!("{} ⇄ {}", conn.a, conn.b);
    scenario.profile = profile;
    scenario.initial = Initial::Established { a: EstablishedSide::new(next_a.0), b: EstablishedSide::new(next_b.0) };
    Some(scenario)
}

/// What `host` sent: the sequence number just past the last of it (SYN and FIN count), and the
/// last acknowledgement number it sent.
fn next_and_acked(conn: &Connection, host: Host) -> Option<(Seq, Option<Seq>)> {
    let mut next: Option<Seq> = None;
    let mut acked = None;
    for p in conn.packets.iter().filter(|p| p.from == host) {
        let s = &p.packet.segment;
        let len = u32::try_from(s.data.len()).unwrap_or(u32::MAX);
        let end = s.seq.wrapping_add(len + u32::from(s.flags.syn) + u32::from(s.flags.fin));
        if next.is_none_or(|n| end.gt(n)) {
            next = Some(end);
        }
        if s.flags.ack {
            acked = Some(s.ack);
        }
    }
    next.map(|n| (n, acked))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{self, Vantage as At};
    use crate::import::{self, Vantage};
    use finwait_core::presets;
    use finwait_core::Params;

    /// The capture of `preset` at A, cut after its first `keep` packets, inferred.
    fn captured(preset: &str, keep: usize) -> (Connection, Inference) {
        let scenario = presets::find(preset).expect("a preset").scenario().expect("valid");
        let run = scenario.run().expect("runs");
        let mut packets = export::packets(&scenario, &run.trace, At::At(Host::A), &|_| String::new());
        packets.truncate(keep);
        let capture = crate::read(&crate::pcapng::write(&packets)).expect("reads back");
        let conn = import::connections(&capture).list.remove(0);
        let params = Params::for_profile(scenario.profile);
        let inf = import::infer(&conn, Vantage::At(Host::A), &[params.clone(), params]);
        (conn, inf)
    }

    #[test]
    fn an_open_connection_with_nothing_in_flight_continues_with_its_sequence_numbers() {
        // The handshake only: A's next byte is 1001 and B's 5001, as the preset set them.
        let (conn, inf) = captured("active-close", 3);
        let s = continue_from(&conn, &inf, ProfileKind::Linux).expect("the handshake ends ESTABLISHED");
        assert_eq!(s.initial, Initial::Established { a: EstablishedSide::new(1001), b: EstablishedSide::new(5001) });
        assert_eq!(s.profile, ProfileKind::Linux);
        // The lab's run of it starts both hosts ESTABLISHED and closes nothing by itself.
        let run = s.run().expect("the scenario runs");
        for host in Host::BOTH {
            assert_eq!(run.trace.states(host).last().map(|(_, st)| *st), Some(State::Established));
        }
    }

    #[test]
    fn data_acknowledged_moves_the_sequence_numbers_on() {
        // Somewhere after the request and its response, each acknowledged, and before anyone
        // closes, the lab can take over with both hosts' sequence numbers moved past the data.
        let moved_on = (4..20).find_map(|keep| {
            let (conn, inf) = captured("request-response-quick-ack-linux", keep);
            match continue_from(&conn, &inf, ProfileKind::Linux)?.initial {
                Initial::Established { a, b } if a.seq != 1001 && b.seq != 5001 => Some((a.seq, b.seq)),
                _ => None,
            }
        });
        let (a, b) = moved_on.expect("a cut after the request and the response, both acknowledged");
        assert!(Seq(a).gt(Seq(1001)) && Seq(b).gt(Seq(5001)), "A {a}, B {b}");
    }

    #[test]
    fn a_close_under_way_or_data_in_flight_is_not_offered() {
        // With A's FIN: A is in FIN-WAIT-1 at the end.
        let (conn, inf) = captured("active-close", 4);
        assert_eq!(continue_from(&conn, &inf, ProfileKind::Rfc9293), None);
        // The whole close.
        let (conn, inf) = captured("active-close", 100);
        assert_eq!(continue_from(&conn, &inf, ProfileKind::Rfc9293), None);
    }
}
