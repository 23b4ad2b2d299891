//! An imported capture as a trace: the events the lab's timeline draws a run from, so that a
//! capture is drawn by the same layout and marks as a simulated run (lifelines, state bands,
//! slanted segments, notes), read-only.
//!
//! Each packet becomes a segment numbered as the capture numbers it (#1 is the first packet of
//! the connection), sent when it was sent and arriving when the inference says it reached its
//! host; each change of state the inference found becomes a state event with its reason. A
//! packet the inference saw sent but never arriving is drawn as lost: the capture cannot say
//! where it went.

use crate::import::{Connection, Inference, Move};
use crate::Effect;
use finwait_core::{EventKind, LossCause, Origin, Reason, SegmentId, Time, Trace};

/// The trace of `inf`, inferred from `conn`.
pub fn trace(conn: &Connection, inf: &Inference) -> Trace {
    let mut trace = Trace::default();
    for host in finwait_core::Host::BOTH {
        trace.push(Time::ZERO, EventKind::Start { host, state: inf.start[host.index()] });
    }
    let id = |i: usize| SegmentId(u32::try_from(i + 1).unwrap_or(u32::MAX));
    let arrival = |i: usize| inf.steps.iter().find(|s| s.how == Move::Arrived && s.packet == Some(i)).map(|s| s.at);
    for step in &inf.steps {
        let packet = step.packet.and_then(|i| Some((i, conn.packets.get(i)?)));
        match (step.how, packet) {
            (Move::Sent, Some((i, seen))) => {
                // What moved the sender comes first (close() before its FIN leaves).
                effects(&mut trace, step.at, &step.effects, None);
                let segment = seen.packet.segment.clone();
                let reason = step.effects.iter().map(reason_of).next().unwrap_or_else(|| sent_for(&segment));
                let arrives = arrival(i);
                trace.push(
                    step.at,
                    EventKind::Segment {
                        id: id(i),
                        from: step.host,
                        segment,
                        origin: Origin::Sent { reason },
                        arrives,
                        incarnation: 1,
                    },
                );
                if arrives.is_none() {
                    trace.push(step.at, EventKind::Lost { id: id(i), cause: LossCause::Dropped });
                }
            }
            (Move::Arrived, Some((i, _))) => {
                trace.push(step.at, EventKind::Arrived { id: id(i), to: step.host, stale: false });
                effects(&mut trace, step.at, &step.effects, Some(id(i)));
            }
            (Move::TimedOut | Move::Listened, _) | (Move::Sent | Move::Arrived, None) => {
                effects(&mut trace, step.at, &step.effects, None);
            }
        }
    }
    for (at, effect) in &inf.after {
        effects(&mut trace, *at, std::slice::from_ref(effect), None);
    }
    // The inference goes packet by packet, in the order the capture saw them; a segment seen
    // only at its receiver was sent earlier than a packet seen before it. A trace is in time
    // order (what happened at one instant keeps its order).
    trace.events.sort_by_key(|e| e.at);
    trace
}

/// A step's effects as events: a change of state, or how a segment was treated.
fn effects(trace: &mut Trace, at: Time, effects: &[Effect], segment: Option<SegmentId>) {
    for e in effects {
        let kind = match *e {
            Effect::Moved { host, from, to, reason } => EventKind::State { host, from, to, reason },
            Effect::Treated { host, reason } => EventKind::Verdict { host, id: segment, reason },
        };
        trace.push(at, kind);
    }
}

fn reason_of(e: &Effect) -> Reason {
    match *e {
        Effect::Moved { reason, .. } | Effect::Treated { reason, .. } => reason,
    }
}

/// Why a segment that changed nothing at its sender was sent, as far as its flags tell: the
/// timeline only needs it to draw the segment as one its host sent.
fn sent_for(segment: &finwait_core::Segment) -> Reason {
    let f = segment.flags;
    match (f.syn, f.ack, f.fin, f.rst, segment.data.is_empty()) {
        (_, _, _, true, _) => Reason::AppAbort,
        (true, false, _, _, _) => Reason::AppConnect,
        (true, true, _, _, _) => Reason::SynInListen,
        (_, _, true, _, _) => Reason::AppClose,
        (_, _, _, _, false) => Reason::AppSend,
        (false, _, false, false, true) => Reason::DataReceived,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{self, Vantage as At};
    use crate::import::{self, Vantage};
    use finwait_core::presets::PRESETS;
    use finwait_core::{Host, Params};

    /// Every preset exported at A and imported again: its trace holds every packet as a
    /// segment, in order, and each host's states in it are the inference's walk.
    #[test]
    fn a_captured_run_as_a_trace_keeps_every_packet_and_every_state() {
        for preset in PRESETS {
            let scenario = preset.scenario().expect("a preset is a valid scenario");
            let run = scenario.run().expect("a preset runs");
            let packets = export::packets(&scenario, &run.trace, At::At(Host::A), &|_| String::new());
            let file = crate::pcapng::write(&packets);
            let capture = crate::read(&file).expect("our own capture reads back");
            let found = import::connections(&capture);
            let Some(conn) = found.list.first() else { continue };
            let params = Params::for_profile(scenario.profile);
            let inf = import::infer(conn, Vantage::At(Host::A), &[params.clone(), params]);
            let trace = trace(conn, &inf);
            let sent: Vec<u32> = trace
                .events
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::Segment { id, .. } => Some(id.0),
                    _ => None,
                })
                .collect();
            let numbered: Vec<u32> = inf
                .steps
                .iter()
                .filter(|s| s.how == Move::Sent)
                .filter_map(|s| s.packet)
                .map(|i| i as u32 + 1)
                .collect();
            assert_eq!(sent, numbered, "{}: every packet sent, numbered as the capture numbers it", preset.name);
            for host in Host::BOTH {
                let states: Vec<_> = trace.states(host).into_iter().map(|(_, s)| s).collect();
                assert_eq!(states, inf.walk(host), "{}: {host}'s states", preset.name);
            }
            // Times never run backwards.
            let backwards: Vec<_> = trace.events.windows(2).filter(|w| w[0].at > w[1].at).collect();
            assert!(backwards.is_empty(), "{}: times in order: {backwards:?}", preset.name);
        }
    }
}
