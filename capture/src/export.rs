//! A run as the packets a capture would hold: at A, at B, or on the wire. A segment is seen
//! where it exists: at its sender when it leaves, at its receiver when it arrives; a dropped
//! segment is therefore only in its sender's capture. Each packet's comment says what the
//! segment did to each host (pcapng keeps it; Wireshark shows it as `frame.comment`).

use crate::frame::{self, Addr};
use crate::Effect;
use crate::Packet;
use finwait_core::scenario::{EstablishedSide, Initial};
use finwait_core::{
    EventKind, Flags, Host, Origin, Payload, Scenario, Segment, SegmentRecord, Seq, TimerChange, Trace,
};

/// Where the capture is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vantage {
    /// On a host: what it sends and what reaches it.
    At(Host),
    /// On the wire next to the senders: every segment as it enters the network, including
    /// those the network then loses, and every copy it makes.
    Wire,
}

/// The hosts' addresses (TEST-NET-1, RFC 5737) and ports.
pub fn address(host: Host) -> Addr {
    match host {
        Host::A => Addr { ip: [192, 0, 2, 1], port: 49_152 },
        Host::B => Addr { ip: [192, 0, 2, 2], port: 49_153 },
    }
}

/// The capture's clock at the run's time 0: 2026-01-01 00:00:00 UTC, in µs since 1970.
/// Fixed, so that the same run gives the same file.
pub const EPOCH_US: u64 = 1_767_225_600_000_000;

/// What a packet of an exported run stands for, to be put into words for its comment.
#[derive(Clone, Copy, Debug)]
pub enum Note<'a> {
    /// A packet of the handshake (and earlier data) a run that starts ESTABLISHED implies.
    Handshake,
    /// A segment of the run and what it did.
    Segment(&'a SegmentRecord, &'a [Effect]),
}

/// The packets of a run seen at `vantage`, in time order, each with `comment(note)`. A run
/// that starts ESTABLISHED is preceded by the handshake (and any earlier data) it implies,
/// ending at time 0, so that Wireshark's relative sequence numbers start at 0.
pub fn packets(
    scenario: &Scenario,
    trace: &Trace,
    vantage: Vantage,
    comment: &dyn Fn(Note<'_>) -> String,
) -> Vec<Packet> {
    let records = trace.segments();
    let mut by_id: Vec<Option<&SegmentRecord>> = Vec::new();
    for r in &records {
        let slot = r.id.0 as usize;
        if by_id.len() <= slot {
            by_id.resize(slot + 1, None);
        }
        by_id[slot] = Some(r);
    }
    let effects = effects(trace, by_id.len());
    let mut out = handshake(scenario, vantage, &comment(Note::Handshake));
    for e in &trace.events {
        let (id, seen) = match &e.kind {
            EventKind::Segment { id, from, origin, .. } => (
                *id,
                match vantage {
                    Vantage::Wire => true,
                    Vantage::At(h) => h == *from && matches!(origin, Origin::Sent { .. }),
                },
            ),
            EventKind::Arrived { id, to, .. } => (*id, vantage == Vantage::At(*to)),
            EventKind::Start { .. }
            | EventKind::Call { .. }
            | EventKind::State { .. }
            | EventKind::RuleApplied { .. }
            | EventKind::Lost { .. }
            | EventKind::Rescheduled { .. }
            | EventKind::Verdict { .. }
            | EventKind::Delivered { .. }
            | EventKind::Notice { .. }
            | EventKind::Timer { .. }
            | EventKind::RuleAdded { .. }
            | EventKind::RulesCleared
            | EventKind::Latency { .. } => continue,
        };
        let Some(record) = by_id.get(id.0 as usize).copied().flatten().filter(|_| seen) else { continue };
        let frame = frame::build(address(record.from), address(record.from.peer()), &record.segment, id.0 as u16);
        let comment = comment(Note::Segment(record, &effects[id.0 as usize]));
        out.push(Packet { at_us: EPOCH_US + e.at.0.saturating_mul(1000), frame, comment: Some(comment) });
    }
    out
}

/// What each segment did: the sender's changes of state that came with sending it (a call's
/// FIN), and the receiver's on its arrival. Indexed by segment number.
fn effects(trace: &Trace, count: usize) -> Vec<Vec<Effect>> {
    let mut effects = vec![Vec::new(); count];
    // The segment whose arrival the events since are answering, if any.
    let mut cause: Option<usize> = None;
    // Changes of state made by a call or a timer, waiting for the segment they send.
    let mut pending: [Vec<Effect>; 2] = [Vec::new(), Vec::new()];
    for e in &trace.events {
        match &e.kind {
            EventKind::Arrived { id, .. } => {
                cause = Some(id.0 as usize);
                pending = [Vec::new(), Vec::new()];
            }
            EventKind::Call { .. } | EventKind::Timer { change: TimerChange::Fired, .. } => {
                cause = None;
                pending = [Vec::new(), Vec::new()];
            }
            EventKind::State { host, from, to, reason } => {
                let moved = Effect::Moved { host: *host, from: *from, to: *to, reason: *reason };
                match cause.and_then(|c| effects.get_mut(c)) {
                    Some(list) => list.push(moved),
                    None => pending[host.index()].push(moved),
                }
            }
            EventKind::Verdict { host, id, reason } => {
                let target = id.map(|i| i.0 as usize).or(cause);
                if let Some(list) = target.and_then(|c| effects.get_mut(c)) {
                    list.push(Effect::Treated { host: *host, reason: *reason });
                }
            }
            EventKind::Segment { id, from, origin: Origin::Sent { .. }, .. } => {
                if let Some(list) = effects.get_mut(id.0 as usize) {
                    list.append(&mut pending[from.index()]);
                }
            }
            EventKind::Start { .. }
            | EventKind::Segment { .. }
            | EventKind::Timer { .. }
            | EventKind::RuleApplied { .. }
            | EventKind::Lost { .. }
            | EventKind::Rescheduled { .. }
            | EventKind::Delivered { .. }
            | EventKind::Notice { .. }
            | EventKind::RuleAdded { .. }
            | EventKind::RulesCleared
            | EventKind::Latency { .. } => {}
        }
    }
    effects
}

/// The handshake, and the data each host had received before the run, of a run that starts
/// ESTABLISHED; nothing for one that starts CLOSED (its handshake is in the run). The
/// segments take the scenario's latencies and the last one arrives at time 0, so the round
/// trip Wireshark measures from the handshake is the run's.
fn handshake(scenario: &Scenario, vantage: Vantage, comment: &str) -> Vec<Packet> {
    let Initial::Established { a, b } = &scenario.initial else { return Vec::new() };
    let unread = |s: &EstablishedSide| s.unread.clone().unwrap_or_default().into_bytes();
    let (a_unread, b_unread) = (unread(a), unread(b));
    // Each side's SYN comes just before the bytes its peer has not read yet.
    let isn_a = Seq(a.seq).wrapping_sub(1 + b_unread.len() as u32);
    let isn_b = Seq(b.seq).wrapping_sub(1 + a_unread.len() as u32);
    let latency = |h: Host| scenario.network.latency(h);
    let (a1, b1) = (isn_a.wrapping_add(1), isn_b.wrapping_add(1));
    // (sender, flags, seq, ack, data, sent at in ms from the SYN)
    type Sent<'a> = (Host, Flags, Seq, Seq, &'a [u8], u64);
    let mut list: Vec<Sent> = Vec::new();
    let synack_at = latency(Host::A);
    let ack_at = synack_at + latency(Host::B);
    list.push((Host::A, Flags::SYN, isn_a, Seq(0), b"", 0));
    list.push((Host::B, Flags::SYN_ACK, isn_b, a1, b"", synack_at));
    list.push((Host::A, Flags::ACK, a1, b1, b"", ack_at));
    if !b_unread.is_empty() {
        list.push((Host::A, Flags::ACK, a1, b1, &b_unread, ack_at));
    }
    let b_answers_at = ack_at + latency(Host::A);
    if !a_unread.is_empty() {
        list.push((Host::B, Flags::ACK, b1, Seq(a.seq), &a_unread, b_answers_at));
        list.push((Host::A, Flags::ACK, Seq(a.seq), Seq(b.seq), b"", b_answers_at + latency(Host::B)));
    } else if !b_unread.is_empty() {
        list.push((Host::B, Flags::ACK, Seq(b.seq), Seq(a.seq), b"", b_answers_at));
    }
    let end = list.iter().map(|(h, .., at)| at + latency(*h)).max().unwrap_or(0);
    let mut packets: Vec<Packet> = list
        .into_iter()
        .map(|(from, flags, seq, ack, data, sent)| {
            let seen = match vantage {
                Vantage::At(h) if h != from => sent + latency(from),
                Vantage::At(_) | Vantage::Wire => sent,
            };
            let segment = Segment { flags, seq, ack, wnd: scenario.params_for(from).window, data: Payload::new(data) };
            Packet {
                at_us: EPOCH_US - (end - seen).saturating_mul(1000),
                frame: frame::build(address(from), address(from.peer()), &segment, 0),
                comment: Some(comment.to_string()),
            }
        })
        .collect();
    // At most six, nearly in order: an insertion sort (the standard library's sort costs the
    // web bundle kilobytes).
    for i in 1..packets.len() {
        let mut j = i;
        while j > 0 && packets[j - 1].at_us > packets[j].at_us {
            packets.swap(j - 1, j);
            j -= 1;
        }
    }
    packets
}
