//! A capture read back: its TCP connections, and for one of them the states both endpoints
//! went through. The states are not guessed from patterns: each segment is handed to the
//! core's own `Endpoint`s — the sender's model is made to send it (a FIN means the
//! application closed, new bytes mean it sent them), the receiver's model takes it in — so an
//! imported capture follows exactly the rules a simulated run does, and each change of state
//! carries the same typed reason and citation.
//!
//! A capture sees from one place, and what it did not see is said, not hidden: a segment
//! missing before one that arrived, a resend that means an earlier copy was lost somewhere, a
//! connection whose start is not in the file, the TIME-WAIT that outlasts the file.

use crate::frame::{self, Addr, Skip, TcpPacket};
use crate::Capture;
use crate::Effect;
use finwait_core::{AppCall, Endpoint, Host, Output, Outputs, Params, Payload, Segment, Seq, State, Time, TimerKind};
use std::collections::{BTreeMap, VecDeque};

/// The frames of a capture sorted into TCP connections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connections {
    pub list: Vec<Connection>,
    /// Frames that are not IPv4 TCP, or are cut short, by why.
    pub skipped: Vec<(Skip, usize)>,
}

/// One TCP connection (a four-tuple) and its segments in capture order. `a` opened it (sent
/// the first SYN without ACK) or, when the capture starts later, sent the first segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub a: Addr,
    pub b: Addr,
    pub packets: Vec<Seen>,
}

/// A segment as the capture saw it: when (µs since 1970), from which host, and the segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub at_us: u64,
    pub from: Host,
    pub packet: TcpPacket,
}

impl Connection {
    /// The SYN, FIN and RST flags seen in the connection (for a list to choose from).
    pub fn flags_seen(&self) -> finwait_core::Flags {
        let mut f = finwait_core::Flags::default();
        for p in &self.packets {
            let s = p.packet.segment.flags;
            f.syn |= s.syn;
            f.fin |= s.fin;
            f.rst |= s.rst;
            f.ack |= s.ack;
        }
        f
    }

    pub fn address(&self, host: Host) -> Addr {
        match host {
            Host::A => self.a,
            Host::B => self.b,
        }
    }
}

/// Sorts the capture's frames into connections, in the order each was first seen.
pub fn connections(capture: &Capture) -> Connections {
    let mut out = Connections::default();
    // Each connection's place in the list, by its address pair in a fixed order: a capture
    // of many connections is sorted in one pass.
    let mut index: BTreeMap<(Addr, Addr), usize> = BTreeMap::new();
    for c in &capture.packets {
        let packet = match frame::parse(c.link, &c.data) {
            Ok(p) => p,
            Err(skip) => {
                match out.skipped.iter_mut().find(|(s, _)| *s == skip) {
                    Some((_, n)) => *n += 1,
                    None => out.skipped.push((skip, 1)),
                }
                continue;
            }
        };
        let key = (packet.src.min(packet.dst), packet.src.max(packet.dst));
        let place = *index.entry(key).or_insert_with(|| {
            let opener = packet.segment.flags.syn && packet.segment.flags.ack;
            // A SYN,ACK first means the capture missed the SYN: its receiver opened.
            let (a, b) = if opener { (packet.dst, packet.src) } else { (packet.src, packet.dst) };
            out.list.push(Connection { a, b, packets: Vec::new() });
            out.list.len() - 1
        });
        let conn = &mut out.list[place];
        let from = if packet.src == conn.a { Host::A } else { Host::B };
        conn.packets.push(Seen { at_us: c.at_us, from, packet });
    }
    out
}

/// What the capture could not show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doubt {
    /// The capture starts after the handshake: both hosts are taken to be ESTABLISHED.
    StartsEstablished,
    /// Packet `index` carries bytes beyond what its receiver had: a segment before it is
    /// missing from the capture.
    Gap { index: usize, host: Host },
    /// Packet `index` from `host` starts past bytes the capture had not shown it sending by
    /// then (they come later, reordered, or are missing).
    Unseen { index: usize, host: Host },
    /// Packet `index` is a resend: an earlier copy was lost, perhaps after the capture point.
    Resent { index: usize, host: Host },
    /// A host sent a FIN: its application called close() or shutdown(SHUT_WR); the capture
    /// cannot tell which, and close() is taken.
    CloseOrShutdown { host: Host },
    /// A host's timer ran out after the last packet: its end is inferred, not seen.
    AfterCapture { host: Host, timer: TimerKind },
    /// Packet `index`, on its way to `host`, was never acknowledged: it is taken as lost.
    NeverAcknowledged { index: usize, host: Host },
    /// A host in TIME-WAIT opened the connection again: its TIME-WAIT ended sooner than its
    /// timer (as Linux allows a new SYN to end it).
    TimeWaitCutShort { host: Host },
}

/// Where the capture was taken, which decides when a segment reached its receiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vantage {
    /// On this host: what reaches it is seen as it arrives.
    At(Host),
    /// Between the hosts, or not known: each segment is seen on its way.
    Between,
}

/// What a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// The host sent the packet.
    Sent,
    /// The packet reached the host.
    Arrived,
    /// A timer of the host ran out between packets.
    TimedOut,
    /// The host's listening socket takes a new connection on the same address pair (the SYN
    /// that opens it is the next step).
    Listened,
}

/// One packet sent, or arriving, and what that did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Time since the connection's first packet: when the capture saw it (an arrival inferred
    /// at the capture point's far side takes the time of the packet that revealed it).
    pub at: Time,
    /// The packet, by its place in the connection (from 0); none for a timer or a listen.
    pub packet: Option<usize>,
    /// The host that sent, received, or whose timer ran out.
    pub host: Host,
    pub how: Move,
    pub effects: Vec<Effect>,
    /// Both hosts' states after it.
    pub states: [State; 2],
}

/// The states both endpoints of a connection went through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inference {
    pub start: [State; 2],
    pub steps: Vec<Step>,
    /// Changes of state after the last packet (timers that ran out), with when.
    pub after: Vec<(Time, Effect)>,
    pub doubts: Vec<Doubt>,
    /// Each host's state at the end of the capture and after `after`.
    pub end: [State; 2],
}

impl Inference {
    /// The states `host` went through, in order: its walk.
    pub fn walk(&self, host: Host) -> Vec<State> {
        let mut walk = vec![self.start[host.index()]];
        let moves = self.steps.iter().flat_map(|s| s.effects.iter()).chain(self.after.iter().map(|(_, e)| e));
        for e in moves {
            if let Effect::Moved { host: h, to, .. } = e {
                if *h == host {
                    walk.push(*to);
                }
            }
        }
        walk
    }
}

/// The most bytes a segment may start past what its sender was seen to send, for the model
/// to send in their place; a larger jump (a capture that starts mid-stream, a damaged
/// segment) is left out.
const MAX_UNSEEN_BYTES: u32 = 1 << 20;
/// The most bytes made up for one host over a whole capture (a hostile file of many jumps
/// would otherwise fill memory); past it the model is not told, and the doubt says so.
const MAX_MADE_UP_BYTES: u64 = 4 << 20;

/// What each host's model has been made to do so far.
struct Side {
    ep: Endpoint,
    /// SEQ just after the last byte the application handed over (or the SYN).
    sent_end: Seq,
    /// The highest SEQ + LEN this host has sent, to tell a resend from new bytes.
    high: Option<Seq>,
    closed: bool,
    window_scale: Option<u8>,
    /// Bytes the model was made to send that the capture did not show (see `Doubt::Unseen`).
    made_up: u64,
    /// Segments on their way to this host: (packet, segment, when it is due), in capture
    /// order.
    on_the_way: VecDeque<(usize, Segment, Time)>,
}

/// The inference as it goes: both models, the steps so far, the doubts.
struct Infer {
    sides: [Side; 2],
    steps: Vec<Step>,
    doubts: Vec<Doubt>,
    out: Outputs,
    /// Every SYN,ACK in the capture: (packet, sender, its ISN), for a listener's model to
    /// answer with the same ISN.
    syn_acks: Vec<(usize, Host, Seq)>,
    /// The host that listened (B, when the capture shows the opening).
    listener: Option<Host>,
    /// For each packet: whether its receiver ever answered it (see `answered_later`).
    answered: Vec<bool>,
}

/// Infers both endpoints' states through `conn`, seen from `vantage`, each host with its
/// parameters (`Params::for_profile` for a profile's defaults).
///
/// When a segment reached its receiver is read from the capture: at once when the receiver is
/// the capture point; otherwise just before the receiver sends something that acknowledges
/// it, or else just after the receiver's next segment (which did not know of it yet — the
/// simultaneous close), or at the end.
pub fn infer(conn: &Connection, vantage: Vantage, params: &[Params; 2]) -> Inference {
    let first_us = conn.packets.first().map_or(0, |p| p.at_us);
    let time = |p: &Seen| Time(p.at_us.saturating_sub(first_us) / 1000);
    let mut doubts = Vec::new();
    let opens = conn.packets.first().is_some_and(|p| p.packet.segment.flags.syn && !p.packet.segment.flags.ack);
    let sides = if opens {
        let isn_b = conn
            .packets
            .iter()
            .find(|p| p.from == Host::B && p.packet.segment.flags.syn)
            .map(|p| p.packet.segment.seq.0);
        let mut b = Endpoint::closed(Host::B, params[1].clone());
        let _ = b.call(Time(0), &AppCall::Listen { isn: isn_b }, &mut Outputs::default());
        [side(Endpoint::closed(Host::A, params[0].clone()), Seq(0)), side(b, Seq(0))]
    } else {
        doubts.push(Doubt::StartsEstablished);
        // Each host's next sequence number: from its first segment (past its SYN, if that is
        // a SYN,ACK the capture begins with), or what the other host acknowledged.
        let first_seq = |h: Host| {
            conn.packets.iter().find_map(|p| {
                let s = &p.packet.segment;
                match p.from == h {
                    true => Some(s.seq.wrapping_add(u32::from(s.flags.syn))),
                    false => s.flags.ack.then_some(s.ack),
                }
            })
        };
        let (sa, sb) = (first_seq(Host::A).unwrap_or(Seq(1)), first_seq(Host::B).unwrap_or(Seq(1)));
        let established = |h: Host, own: Seq, peer: Seq| {
            let window = params[h.peer().index()].window;
            Endpoint::established(h, params[h.index()].clone(), own, peer, window, &[])
        };
        [side(established(Host::A, sa, sb), sa), side(established(Host::B, sb, sa), sb)]
    };
    let start = [sides[0].ep.state(), sides[1].ep.state()];
    let one_way = one_way_delay(conn, vantage, &time);
    let syn_acks = conn
        .packets
        .iter()
        .enumerate()
        .filter(|(_, p)| p.packet.segment.flags.syn && p.packet.segment.flags.ack)
        .map(|(i, p)| (i, p.from, p.packet.segment.seq))
        .collect();
    let listener = opens.then_some(Host::B);
    let answered = answered_later(conn);
    let mut inf = Infer {
        sides,
        steps: Vec::with_capacity(conn.packets.len() * 2),
        doubts,
        out: Outputs::default(),
        syn_acks,
        listener,
        answered,
    };
    let mut last = Time(0);
    for (index, p) in conn.packets.iter().enumerate() {
        let seen = time(p);
        last = seen;
        // A packet the capture point received was sent a one-way delay before it was seen.
        let far = vantage == Vantage::At(p.from.peer());
        let now = if far { Time(seen.0.saturating_sub(one_way)) } else { seen };
        inf.deliver_due(now);
        inf.expire(now);
        let (x, y) = (p.from.index(), p.from.peer().index());
        let mut seg = p.packet.segment.clone();
        if seg.flags.syn {
            inf.sides[x].window_scale = p.packet.window_scale;
        } else if let (Some(sx), Some(_)) = (inf.sides[x].window_scale, inf.sides[y].window_scale) {
            seg.wnd = seg.wnd.checked_shl(u32::from(sx)).unwrap_or(u32::MAX);
        }
        // What the sender acknowledges, it has received. A segment without an ACK tells
        // nothing: what was due by now had arrived.
        if seg.flags.ack {
            inf.deliver_acknowledged(p.from, seg.ack, now);
        } else {
            while inf.sides[x].on_the_way.front().is_some_and(|(_, _, due)| *due <= now) {
                inf.deliver_next(p.from, now);
            }
        }
        let waiting = inf.sides[x].on_the_way.iter().take_while(|(_, _, due)| *due <= now).count();
        inf.send(index, p.from, &seg, now);
        // What it had not acknowledged, and was due by now, was still on its way when it sent
        // this: it arrives just after.
        for _ in 0..waiting {
            inf.deliver_next(p.from, now);
        }
        if far {
            inf.arrive(index, p.from, &seg, seen);
        } else {
            inf.sides[y].on_the_way.push_back((index, seg, Time(now.0.saturating_add(one_way))));
        }
    }
    for host in Host::BOTH {
        while inf.deliver_next(host, last) {}
    }
    // The timers still running when the capture ends run out later: the waits, and the
    // retransmissions until their sender gives up. Say when, and that the capture did not see
    // it.
    let mut after = Vec::new();
    for s in inf.sides.iter_mut() {
        expire(s, Time(u64::MAX), &AFTER, &mut inf.out, &mut |at, timer, e| after.push((at, timer, e)));
    }
    for (_, timer, e) in &after {
        if let Effect::Moved { host, .. } = e {
            inf.doubts.push(Doubt::AfterCapture { host: *host, timer: *timer });
        }
    }
    let after = after.into_iter().map(|(at, _, e)| (at, e)).collect();
    let end = states(&inf.sides);
    Inference { start, steps: inf.steps, after, doubts: inf.doubts, end }
}

impl Infer {
    fn expire(&mut self, now: Time) {
        let mut found = Vec::new();
        for s in self.sides.iter_mut() {
            expire(s, now, &WAITS, &mut self.out, &mut |at, _, e| found.push((at, e)));
        }
        for (at, e) in found {
            let host = match e {
                Effect::Moved { host, .. } | Effect::Treated { host, .. } => host,
            };
            self.push(at, None, host, Move::TimedOut, vec![e]);
        }
    }

    fn push(&mut self, at: Time, packet: Option<usize>, host: Host, how: Move, effects: Vec<Effect>) {
        self.steps.push(Step { at, packet, host, how, effects, states: states(&self.sides) });
    }

    /// `from` sent packet `index`: its model is made to do what its application must have.
    fn send(&mut self, index: usize, from: Host, seg: &Segment, now: Time) {
        let mut effects = Vec::new();
        sender(&mut self.sides[from.index()], seg, now, index, &mut self.doubts, &mut self.out, &mut effects);
        self.push(now, Some(index), from, Move::Sent, effects);
    }

    /// Packet `index` from `from` reaches the other host's model.
    fn arrive(&mut self, index: usize, from: Host, seg: &Segment, now: Time) {
        let to = from.peer();
        if seg.flags.syn
            && !seg.flags.ack
            && self.listener == Some(to)
            && self.sides[to.index()].ep.state() == State::Closed
        {
            // A new connection on the same four-tuple: the listening socket answers it.
            let isn = self.syn_acks.iter().find(|(i, h, _)| *i > index && *h == to).map(|(_, _, isn)| isn.0);
            self.out.reset(usize::MAX);
            let _ = self.sides[to.index()].ep.call(now, &AppCall::Listen { isn }, &mut self.out);
            let mut effects = Vec::new();
            collect(to, &self.out, &mut effects);
            self.sides[to.index()].closed = false;
            self.push(now, None, to, Move::Listened, effects);
        }
        let receiver = &mut self.sides[to.index()];
        let synchronized = !matches!(receiver.ep.state(), State::Closed | State::Listen | State::SynSent);
        if synchronized && !seg.flags.syn && seg.seq.0.wrapping_sub(receiver.ep.rcv_nxt().0) as i32 > 0 {
            self.doubts.push(Doubt::Gap { index, host: to });
        }
        self.out.reset(usize::MAX);
        receiver.ep.on_segment(now, seg, &mut self.out);
        let mut effects = Vec::new();
        collect(to, &self.out, &mut effects);
        self.push(now, Some(index), to, Move::Arrived, effects);
    }

    /// Delivers to `to` the segments on their way to it that `ack` covers, oldest first.
    fn deliver_acknowledged(&mut self, to: Host, ack: Seq, now: Time) {
        while let Some((_, seg, _)) = self.sides[to.index()].on_the_way.front() {
            if seg.end().0.wrapping_sub(ack.0) as i32 > 0 {
                break;
            }
            self.deliver_next(to, now);
        }
    }

    /// Delivers, in the order they are due, the segments due before `now`.
    fn deliver_due(&mut self, now: Time) {
        loop {
            let due = |h: Host| self.sides[h.index()].on_the_way.front().map(|(_, _, t)| *t).filter(|t| *t < now);
            let next = match (due(Host::A), due(Host::B)) {
                (Some(a), Some(b)) if b < a => (Host::B, b),
                (Some(a), _) => (Host::A, a),
                (None, Some(b)) => (Host::B, b),
                (None, None) => return,
            };
            self.deliver_next(next.0, next.1);
        }
    }

    /// Delivers the oldest segment on its way to `to`, unless nothing shows it ever got
    /// there; false when there is none.
    fn deliver_next(&mut self, to: Host, now: Time) -> bool {
        match self.sides[to.index()].on_the_way.pop_front() {
            Some((index, seg, _)) => {
                if seg.seq_len() == 0 || self.answered.get(index).copied().unwrap_or(true) {
                    self.arrive(index, to.peer(), &seg, now);
                } else {
                    self.doubts.push(Doubt::NeverAcknowledged { index, host: to });
                }
                true
            }
            None => false,
        }
    }
}

/// For each packet that takes sequence space (bytes, SYN or FIN): whether a later packet
/// from its receiver acknowledges it or resets the connection. One that nobody ever answered
/// is taken as lost on its way (a bare ACK or a reset cannot be told either way, and is
/// taken as arrived).
fn answered_later(conn: &Connection) -> Vec<bool> {
    let p = &conn.packets;
    // The furthest acknowledgement each host sends from packet i on, walking backwards.
    let mut furthest: [Option<Seq>; 2] = [None, None];
    let mut reset_later = [false, false];
    let mut answered = vec![true; p.len()];
    for i in (0..p.len()).rev() {
        let (from, seg) = (p[i].from, &p[i].packet.segment);
        let to = from.peer().index();
        let acked = furthest[to].is_some_and(|f| seg.end().0.wrapping_sub(f.0) as i32 <= 0);
        answered[i] = acked || reset_later[to];
        if seg.flags.ack && furthest[from.index()].is_none_or(|f| seg.ack.0.wrapping_sub(f.0) as i32 > 0) {
            furthest[from.index()] = Some(seg.ack);
        }
        reset_later[from.index()] |= seg.flags.rst;
    }
    answered
}

/// How long a segment from the capture point takes to reach the other host: half the round
/// trip the handshake shows there (the capture point's segment and the answer to it). Zero
/// when the capture is not on a host or has no handshake: a segment then arrives before the
/// next packet the capture saw, unless that packet shows it had not.
fn one_way_delay(conn: &Connection, vantage: Vantage, time: &dyn Fn(&Seen) -> Time) -> u64 {
    let Vantage::At(host) = vantage else { return 0 };
    let p = &conn.packets;
    let asked = p.iter().position(|s| s.from == host && s.packet.segment.flags.syn);
    let answered = asked.and_then(|i| p[i..].iter().find(|s| s.from == host.peer() && s.packet.segment.flags.ack));
    match (asked, answered) {
        (Some(i), Some(answer)) => time(answer).0.saturating_sub(time(&p[i]).0) / 2,
        _ => 0,
    }
}

fn side(ep: Endpoint, sent_end: Seq) -> Side {
    Side { ep, sent_end, high: None, closed: false, window_scale: None, made_up: 0, on_the_way: VecDeque::new() }
}

fn states(sides: &[Side; 2]) -> [State; 2] {
    [sides[0].ep.state(), sides[1].ep.state()]
}

/// The timers fired between packets: the capture itself shows every segment a
/// retransmission, probe or ACK timer sent, but nothing shows a wait running out.
const WAITS: [TimerKind; 2] = [TimerKind::TimeWait, TimerKind::FinWait2];
/// The timers fired after the last packet: the waits, and the retransmissions of a FIN or
/// bytes nobody acknowledged, until the sender gives up.
const AFTER: [TimerKind; 4] =
    [TimerKind::TimeWait, TimerKind::FinWait2, TimerKind::Retransmission, TimerKind::LossProbe];
/// The most timer firings per host after the capture (a retransmission limit is far lower).
const MAX_FIRINGS: usize = 100;

/// Fires, in the order they run out, the host's `timers` that run out by `now`.
fn expire(
    s: &mut Side,
    now: Time,
    timers: &[TimerKind],
    out: &mut Outputs,
    found: &mut dyn FnMut(Time, TimerKind, Effect),
) {
    for _ in 0..MAX_FIRINGS {
        let next =
            timers.iter().filter_map(|t| s.ep.deadline(*t).map(|at| (at, *t))).filter(|(at, _)| *at <= now).min();
        let Some((at, timer)) = next else { return };
        out.reset(usize::MAX);
        s.ep.on_timer(at, timer, out);
        let mut effects = Vec::new();
        collect(s.ep.host(), out, &mut effects);
        for e in effects {
            found(at, timer, e);
        }
    }
}

/// Makes the sender's model do what the segment shows its application did.
fn sender(
    s: &mut Side,
    seg: &Segment,
    now: Time,
    index: usize,
    doubts: &mut Vec<Doubt>,
    out: &mut Outputs,
    effects: &mut Vec<Effect>,
) {
    let host = s.ep.host();
    let end = seg.end();
    let resent = s.high.is_some_and(|h| seg.seq_len() > 0 && end.0.wrapping_sub(h.0) as i32 <= 0);
    if resent {
        doubts.push(Doubt::Resent { index, host });
    }
    if s.high.is_none_or(|h| end.0.wrapping_sub(h.0) as i32 > 0) {
        s.high = Some(end);
    }
    if seg.flags.syn && !seg.flags.ack && s.ep.state() == State::TimeWait {
        // A new SYN from TIME-WAIT: the capture shows the wait ended.
        out.reset(usize::MAX);
        s.ep.on_timer(now, TimerKind::TimeWait, out);
        collect(host, out, effects);
        doubts.push(Doubt::TimeWaitCutShort { host });
    }
    let mut call = |s: &mut Side, c: AppCall, effects: &mut Vec<Effect>| {
        out.reset(usize::MAX);
        let _ = s.ep.call(now, &c, out);
        s.ep.flush(now, out);
        collect(host, out, effects);
    };
    if seg.flags.syn && !seg.flags.ack && s.ep.state() == State::Closed {
        s.closed = false;
        s.high = None;
        call(s, AppCall::Connect { isn: Some(seg.seq.0) }, effects);
        s.sent_end = seg.seq.wrapping_add(1);
        return;
    }
    if seg.flags.syn {
        s.sent_end = seg.seq.wrapping_add(1);
        return;
    }
    if seg.flags.rst {
        let live = !matches!(s.ep.state(), State::Closed | State::Listen | State::TimeWait);
        if live && !s.closed {
            // With bytes unread, close() itself resets (RFC 2525 §2.17); otherwise an abort.
            let c = if s.ep.snapshot().unread > 0 { AppCall::Close } else { AppCall::Abort };
            call(s, c, effects);
            s.closed = true;
        }
        return;
    }
    // A segment that starts past the bytes handed over so far shows the application sent
    // bytes the capture has not shown yet (reordered, or missed): the model sends as many.
    let skipped = seg.seq.0.wrapping_sub(s.sent_end.0);
    if skipped as i32 > 0 {
        if skipped <= MAX_UNSEEN_BYTES && s.made_up + u64::from(skipped) <= MAX_MADE_UP_BYTES {
            call(s, AppCall::Send { data: Payload::new(&vec![0; skipped as usize]) }, effects);
            s.made_up += u64::from(skipped);
        }
        s.sent_end = seg.seq;
        doubts.push(Doubt::Unseen { index, host });
    }
    let data = seg.data.as_slice();
    let data_end = seg.seq.wrapping_add(data.len() as u32);
    let new = data_end.0.wrapping_sub(s.sent_end.0);
    if !data.is_empty() && new as i32 > 0 && new as usize <= data.len() {
        let fresh = &data[data.len() - new as usize..];
        call(s, AppCall::Send { data: Payload::new(fresh) }, effects);
        s.sent_end = data_end;
    }
    if seg.flags.fin && end.0.wrapping_sub(s.sent_end.0) as i32 > 0 {
        // The FIN takes a sequence number too.
        s.sent_end = end;
    }
    if seg.flags.fin && !s.closed {
        // The kernel sent a FIN, not a reset: the application had read everything first.
        call(s, AppCall::Read { max: None }, effects);
        call(s, AppCall::Close, effects);
        s.closed = true;
        doubts.push(Doubt::CloseOrShutdown { host });
    }
}

/// The changes of state and verdicts among an endpoint's outputs.
fn collect(host: Host, out: &Outputs, effects: &mut Vec<Effect>) {
    for o in out.iter() {
        match o {
            Output::State { from, to, reason } => {
                effects.push(Effect::Moved { host, from: *from, to: *to, reason: *reason })
            }
            Output::Verdict(reason) => effects.push(Effect::Treated { host, reason: *reason }),
            Output::Transmit { .. } | Output::Delivered { .. } | Output::Notice(_) | Output::Timer { .. } => {}
        }
    }
}
