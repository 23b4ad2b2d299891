//! The network between the hosts: every segment in flight is an object with an id and an
//! arrival time, and faults are operations on those objects (drop, delay, duplicate, hold,
//! release, reorder) or rules that apply to segments not yet sent.

use crate::host::Host;
use crate::json::Json;
use crate::segment::Segment;
use crate::time::{Duration, Time};
use crate::wire::{self, At, Fields};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt;

/// A segment's number in a run, in the order segments entered the network (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SegmentId(pub u32);

impl SegmentId {
    pub fn read(a: At) -> wire::Result<SegmentId> {
        wire::u32(a).map(SegmentId)
    }
}

impl From<SegmentId> for Json {
    fn from(id: SegmentId) -> Json {
        Json::from(id.0)
    }
}

impl fmt::Display for SegmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A segment in the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    pub id: SegmentId,
    pub from: Host,
    pub segment: Segment,
    pub sent_at: Time,
    /// `None` while held.
    pub arrives: Option<Time>,
    /// Which connection of the sender this belongs to (for showing old duplicates; TCP itself
    /// cannot see it).
    pub incarnation: u32,
}

impl InFlight {
    /// When the segment leaves the network: it arrives, or it has lived longer than the
    /// network's maximum segment lifetime and dies (RFC 9293 §3.4.2's MSL is an assumption about
    /// this).
    pub fn next_event(&self, lifetime: Duration) -> (Time, Exit) {
        let dies = self.sent_at + lifetime;
        match self.arrives {
            Some(t) if t <= dies => (t, Exit::Arrives),
            _ => (dies, Exit::Expires),
        }
    }

    /// Its place in the order segments leave the network (see `Network::next_exit`).
    fn exit_key(&self, lifetime: Duration) -> ExitKey {
        (self.next_event(lifetime).0, self.from.peer(), self.id)
    }
}

/// When a segment leaves the network, to whom, and its number: ordered as `next_exit` takes
/// them.
type ExitKey = (Time, Host, SegmentId);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Arrives,
    Expires,
}

crate::named! {
    /// Which segments a rule applies to.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum SegmentKind {
        Any = "any",
        /// ACK only, no data.
        PureAck = "pure-ack",
        /// Carries data.
        Data = "data",
        Fin = "fin",
        Syn = "syn",
        Rst = "rst",
    }
}

impl SegmentKind {
    pub fn matches(self, seg: &Segment) -> bool {
        match self {
            SegmentKind::Any => true,
            SegmentKind::PureAck => seg.is_pure_ack(),
            SegmentKind::Data => !seg.data.is_empty(),
            SegmentKind::Fin => seg.flags.fin,
            SegmentKind::Syn => seg.flags.syn,
            SegmentKind::Rst => seg.flags.rst,
        }
    }
}

/// What a rule does to a segment it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Drop,
    Delay { by_ms: u64 },
    Duplicate,
    Hold,
}

crate::named! {
    /// Which fault, without its argument.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum FaultKind {
        Drop = "drop",
        Delay = "delay",
        Duplicate = "duplicate",
        Hold = "hold",
    }
}

impl Fault {
    pub fn kind(self) -> FaultKind {
        match self {
            Fault::Drop => FaultKind::Drop,
            Fault::Delay { .. } => FaultKind::Delay,
            Fault::Duplicate => FaultKind::Duplicate,
            Fault::Hold => FaultKind::Hold,
        }
    }

    /// `{"fault": "delay", "by_ms": 200}`.
    pub fn to_json(self) -> Json {
        self.fields().into()
    }

    /// The fault's fields, which a rule writes flat among its own.
    pub fn fields(self) -> Fields {
        let f = Fields::new().put("fault", self.kind());
        match self {
            Fault::Delay { by_ms } => f.put("by_ms", by_ms),
            Fault::Drop | Fault::Duplicate | Fault::Hold => f,
        }
    }

    /// The fault named by an object's `"fault"` field, with its argument from the same object.
    fn read_from(o: &mut wire::Obj) -> wire::Result<Fault> {
        Ok(match o.req("fault", wire::named::<FaultKind>)? {
            FaultKind::Drop => Fault::Drop,
            FaultKind::Delay => Fault::Delay { by_ms: o.req("by_ms", wire::u64)? },
            FaultKind::Duplicate => Fault::Duplicate,
            FaultKind::Hold => Fault::Hold,
        })
    }
}

/// "Drop the next pure ACK from B": a fault for future segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    /// Only segments from this host; both when absent.
    pub from: Option<Host>,
    pub kind: SegmentKind,
    pub fault: Fault,
    /// How many matching segments it applies to; every one when absent.
    pub count: Option<u32>,
}

impl FaultRule {
    /// `{"from": "B", "kind": "pure-ack", "fault": "drop", "count": 1}`.
    pub fn read(a: At) -> wire::Result<FaultRule> {
        let mut o = a.object()?;
        let from = o.opt("from", wire::named::<Host>)?;
        let kind = o.req("kind", wire::named::<SegmentKind>)?;
        let fault = Fault::read_from(&mut o)?;
        let count = o.opt("count", read_count)?;
        o.done()?;
        Ok(FaultRule { from, kind, fault, count })
    }

    pub fn to_json(&self) -> Json {
        Fields::new()
            .opt("from", self.from)
            .put("kind", self.kind)
            .extend(self.fault.fields())
            .opt("count", self.count)
            .into()
    }

    /// A rule for zero more segments matches none.
    fn matches(&self, from: Host, seg: &Segment) -> bool {
        self.count != Some(0) && self.from.is_none_or(|h| h == from) && self.kind.matches(seg)
    }
}

/// How many segments a rule applies to: at least one (leave it out for every segment).
fn read_count(a: At) -> wire::Result<u32> {
    match wire::u32(a)? {
        0 => Err(a.invalid("expected at least 1 (leave \"count\" out for every segment), found 0")),
        n => Ok(n),
    }
}

crate::named! {
    /// Why a segment never arrived.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum LossCause {
        /// Dropped by a user's action.
        Dropped = "dropped",
        /// Dropped by a fault rule.
        DroppedByRule = "dropped-by-rule",
        /// Outlived the network's maximum segment lifetime.
        Expired = "expired",
    }
}

/// What the network did with a segment as it was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Admission {
    /// On its way; `copy` is a duplicate a rule made.
    Flying { arrives: Option<Time>, rule: Option<Fault>, copy: Option<(SegmentId, Time)> },
    /// Lost at once by a rule.
    Dropped,
}

/// The segments between the hosts.
#[derive(Clone, Debug)]
pub struct Network {
    /// One-way latency of segments sent by A (index 0) and by B (index 1).
    latency: [Duration; 2],
    /// The longest a segment can live in the network.
    lifetime: Duration,
    /// In order of number (numbers are given out in order, copies right after their
    /// original). Mostly they leave in that order too, from the front.
    flights: VecDeque<InFlight>,
    /// When each segment in flight leaves, earliest on top: the next one is found without
    /// looking at every segment (a stream keeps dozens in flight, a held-back run thousands).
    /// An entry whose segment has left or changed its time is stale; it goes when it comes to
    /// the top (`settle`), so the top is always current.
    exits: BinaryHeap<Reverse<ExitKey>>,
    rules: Vec<FaultRule>,
    next_id: u32,
}

/// Networks are equal when their segments, rules and numbering are: `exits` is an index over
/// the segments, and its stale entries depend on the way there.
impl PartialEq for Network {
    fn eq(&self, other: &Network) -> bool {
        let Network { latency, lifetime, flights, exits: _, rules, next_id } = self;
        (latency, lifetime, flights, rules, next_id)
            == (&other.latency, &other.lifetime, &other.flights, &other.rules, &other.next_id)
    }
}

impl Eq for Network {}

/// Why a network operation could not be done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkError {
    /// No segment with this id is in the network (it arrived, was lost, or never existed).
    NotInFlight { segment: SegmentId },
    /// Release of a segment that is not held.
    NotHeld { segment: SegmentId },
    /// Reorder needs two different segments.
    SameSegment { segment: SegmentId },
}

impl Network {
    pub fn new(latency_a_to_b: Duration, latency_b_to_a: Duration, lifetime: Duration) -> Network {
        Network {
            latency: [latency_a_to_b, latency_b_to_a],
            lifetime,
            flights: VecDeque::new(),
            exits: BinaryHeap::new(),
            rules: Vec::new(),
            next_id: 1,
        }
    }

    /// Adds a segment (its number above every other's) to the network.
    fn enter(&mut self, flight: InFlight) {
        self.exits.push(Reverse(flight.exit_key(self.lifetime)));
        self.flights.push_back(flight);
    }

    /// Drops the stale entries from the top of `exits` (see there).
    fn settle(&mut self) {
        while let Some(Reverse(key)) = self.exits.peek() {
            if self.get(key.2).is_some_and(|f| f.exit_key(self.lifetime) == *key) {
                return;
            }
            self.exits.pop();
        }
    }

    /// Where segment `id` is among the flights. Mostly the oldest is the one asked for.
    fn position(&self, id: SegmentId) -> Option<usize> {
        if self.flights.front().is_some_and(|f| f.id == id) {
            return Some(0);
        }
        self.flights.binary_search_by_key(&id, |f| f.id).ok()
    }

    /// Changes when segment `id` arrives (`None`: held), keeping the order of exits.
    fn set_arrival(&mut self, id: SegmentId, arrives: Option<Time>) -> Result<(), NetworkError> {
        let i = self.position(id).ok_or(NetworkError::NotInFlight { segment: id })?;
        let f = &mut self.flights[i];
        f.arrives = arrives;
        let key = f.exit_key(self.lifetime);
        self.exits.push(Reverse(key));
        self.settle();
        Ok(())
    }

    pub fn latency(&self, from: Host) -> Duration {
        self.latency[from.index()]
    }

    pub fn set_latency(&mut self, from: Host, latency: Duration) {
        self.latency[from.index()] = latency;
    }

    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// The segments in the network, in order of number.
    pub fn flights(&self) -> &VecDeque<InFlight> {
        &self.flights
    }

    pub fn rules(&self) -> &[FaultRule] {
        &self.rules
    }

    pub fn add_rule(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    pub fn clear_rules(&mut self) {
        self.rules.clear();
    }

    fn new_id(&mut self) -> SegmentId {
        let id = SegmentId(self.next_id);
        self.next_id = self.next_id.wrapping_add(1);
        id
    }

    /// Puts a segment on the wire at `now`, applying the first rule that matches it.
    pub fn send(
        &mut self,
        now: Time,
        from: Host,
        segment: Segment,
        incarnation: u32,
        obey_rules: bool,
    ) -> (SegmentId, Admission) {
        let id = self.new_id();
        let arrives = now + self.latency(from);
        let fault = if obey_rules { self.take_rule(from, &segment) } else { None };
        let mut copy = None;
        let arrives = match fault {
            None => Some(arrives),
            Some(Fault::Drop) => return (id, Admission::Dropped),
            Some(Fault::Delay { by_ms }) => Some(arrives + Duration(by_ms)),
            Some(Fault::Hold) => None,
            Some(Fault::Duplicate) => Some(arrives),
        };
        let duplicate = fault == Some(Fault::Duplicate);
        let original = InFlight { id, from, segment, sent_at: now, arrives, incarnation };
        if duplicate {
            // The copy's number comes right after the original's.
            let copy_id = self.new_id();
            let copy_flight = InFlight { id: copy_id, segment: original.segment.clone(), ..original };
            self.enter(original);
            self.enter(copy_flight);
            copy = arrives.map(|t| (copy_id, t));
        } else {
            self.enter(original);
        }
        (id, Admission::Flying { arrives, rule: fault, copy })
    }

    /// The first rule matching this segment; a counted rule is used up by it.
    fn take_rule(&mut self, from: Host, seg: &Segment) -> Option<Fault> {
        let i = self.rules.iter().position(|r| r.matches(from, seg))?;
        let fault = self.rules[i].fault;
        if let Some(count) = self.rules[i].count.as_mut() {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.rules.remove(i);
            }
        }
        Some(fault)
    }

    /// The next segment to leave the network: the earliest arrival or expiry; at the same time,
    /// segments to A before segments to B, then by id.
    pub fn next_exit(&self) -> Option<(Time, SegmentId, Exit)> {
        let &Reverse((t, _, id)) = self.exits.peek()?;
        let exit = self.get(id).map_or(Exit::Arrives, |f| f.next_event(self.lifetime).1);
        Some((t, id, exit))
    }

    /// Removes a segment from the network (it arrived or died).
    pub fn take(&mut self, id: SegmentId) -> Option<InFlight> {
        let i = self.position(id)?;
        let f = self.flights.remove(i)?;
        self.settle();
        Some(f)
    }

    pub fn get(&self, id: SegmentId) -> Option<&InFlight> {
        self.position(id).map(|i| &self.flights[i])
    }

    /// Drops a segment in flight.
    pub fn drop_segment(&mut self, id: SegmentId) -> Result<InFlight, NetworkError> {
        self.take(id).ok_or(NetworkError::NotInFlight { segment: id })
    }

    /// Delays a segment by `by` (a held one is released with that delay from now).
    pub fn delay(&mut self, now: Time, id: SegmentId, by: Duration) -> Result<Time, NetworkError> {
        let f = self.get(id).ok_or(NetworkError::NotInFlight { segment: id })?;
        let arrives = f.arrives.unwrap_or(now) + by;
        self.set_arrival(id, Some(arrives))?;
        Ok(arrives)
    }

    /// Copies a segment in flight; the copy arrives just after the original.
    pub fn duplicate(&mut self, id: SegmentId) -> Result<(SegmentId, Option<Time>), NetworkError> {
        let original = self.get(id).cloned().ok_or(NetworkError::NotInFlight { segment: id })?;
        let copy_id = self.new_id();
        let arrives = original.arrives;
        self.enter(InFlight { id: copy_id, ..original });
        Ok((copy_id, arrives))
    }

    /// Holds a segment in the network until it is released (or outlives its lifetime).
    pub fn hold(&mut self, id: SegmentId) -> Result<(), NetworkError> {
        self.set_arrival(id, None)
    }

    /// Lets a held segment go: it arrives one latency from now.
    pub fn release(&mut self, now: Time, id: SegmentId) -> Result<Time, NetworkError> {
        let latency = {
            let f = self.get(id).ok_or(NetworkError::NotInFlight { segment: id })?;
            if f.arrives.is_some() {
                return Err(NetworkError::NotHeld { segment: id });
            }
            self.latency(f.from)
        };
        let arrives = now + latency;
        self.set_arrival(id, Some(arrives))?;
        Ok(arrives)
    }

    /// Swaps the arrival times of two segments in flight, so that they arrive in the other
    /// order. Two that arrive at the same instant would not change order by swapping times, so
    /// the one that would leave the network first (in `next_exit`'s order) arrives a
    /// millisecond after the other instead. Returns their new arrival times.
    pub fn reorder(
        &mut self,
        first: SegmentId,
        second: SegmentId,
    ) -> Result<(Option<Time>, Option<Time>), NetworkError> {
        if first == second {
            return Err(NetworkError::SameSegment { segment: first });
        }
        let f = self.get(first).ok_or(NetworkError::NotInFlight { segment: first })?;
        let s = self.get(second).ok_or(NetworkError::NotInFlight { segment: second })?;
        let (a, b) = match (f.arrives, s.arrives) {
            (Some(t), Some(u)) if t == u => {
                let one_ms = Some(t + Duration(1));
                if (f.from.peer(), f.id) < (s.from.peer(), s.id) {
                    (one_ms, Some(t))
                } else {
                    (Some(t), one_ms)
                }
            }
            (a, b) => (b, a),
        };
        self.set_arrival(first, a)?;
        self.set_arrival(second, b)?;
        Ok((a, b))
    }

    /// A crafted segment (an old duplicate, a stray RST) enters the network from `from`'s side.
    pub fn inject(&mut self, now: Time, from: Host, segment: Segment, incarnation: u32) -> (SegmentId, Time) {
        let (id, admission) = self.send(now, from, segment, incarnation, false);
        let arrives = match admission {
            Admission::Flying { arrives: Some(t), .. } => t,
            _ => now + self.latency(from),
        };
        (id, arrives)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Flags;
    use crate::seq::Seq;
    use proptest::prelude::*;

    fn ack(n: u32) -> Segment {
        Segment { flags: Flags::ACK, seq: Seq(n), ack: Seq(1), wnd: 1, data: Default::default() }
    }

    #[test]
    fn reordering_swaps_arrivals_even_at_the_same_instant() {
        let mut net = Network::new(Duration(50), Duration(50), Duration::secs(120));
        let (one, _) = net.send(Time(0), Host::A, ack(1), 1, false);
        let (two, _) = net.send(Time(0), Host::A, ack(2), 1, false);
        assert_eq!(net.next_exit().map(|(_, id, _)| id), Some(one));
        net.reorder(one, two).unwrap();
        assert_eq!(net.next_exit().map(|(t, id, _)| (t, id)), Some((Time(50), two)), "the second arrives first");
        assert_eq!(net.get(one).and_then(|f| f.arrives), Some(Time(51)));
        // At different times the times swap.
        let (three, _) = net.send(Time(10), Host::A, ack(3), 1, false);
        net.reorder(three, two).unwrap();
        assert_eq!(net.get(two).and_then(|f| f.arrives), Some(Time(60)));
        assert_eq!(net.get(three).and_then(|f| f.arrives), Some(Time(50)));
    }

    /// What can happen to the segments in flight.
    #[derive(Clone, Debug)]
    enum Op {
        Send(Host, Option<Fault>),
        Delay(usize, u64),
        Hold(usize),
        Release(usize),
        Reorder(usize, usize),
        Drop(usize),
        Duplicate(usize),
        /// Lets the next segment leave, as the simulation does.
        Exit,
    }

    fn op() -> impl Strategy<Value = Op> {
        let host = prop_oneof![Just(Host::A), Just(Host::B)];
        let fault = prop_oneof![
            Just(None),
            Just(Some(Fault::Hold)),
            Just(Some(Fault::Duplicate)),
            (0..50u64).prop_map(|by_ms| Some(Fault::Delay { by_ms })),
        ];
        prop_oneof![
            3 => (host, fault).prop_map(|(h, f)| Op::Send(h, f)),
            1 => (any::<usize>(), 0..300u64).prop_map(|(i, by)| Op::Delay(i, by)),
            1 => any::<usize>().prop_map(Op::Hold),
            1 => any::<usize>().prop_map(Op::Release),
            1 => (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Op::Reorder(i, j)),
            1 => any::<usize>().prop_map(Op::Drop),
            1 => any::<usize>().prop_map(Op::Duplicate),
            3 => Just(Op::Exit),
        ]
    }

    /// The next exit found by looking at every segment.
    fn by_scan(n: &Network) -> Option<(Time, SegmentId, Exit)> {
        let f = n.flights().iter().min_by_key(|f| f.exit_key(n.lifetime()))?;
        let (t, exit) = f.next_event(n.lifetime());
        Some((t, f.id, exit))
    }

    proptest! {
        /// The exit index always names the segment a scan over all of them would: after sends
        /// under every fault, delays, holds, releases, reorders, drops, copies and exits.
        #[test]
        fn the_next_exit_is_the_earliest_of_all(ops in proptest::collection::vec(op(), 1..120)) {
            let mut n = Network::new(Duration(10), Duration(15), Duration(400));
            let mut now = Time::ZERO;
            let segment = Segment { flags: Flags::ACK, seq: Seq(1), ack: Seq(1), wnd: 1000, data: Default::default() };
            for op in ops {
                let ids: Vec<SegmentId> = n.flights().iter().map(|f| f.id).collect();
                let pick = |i: usize| ids.get(i % ids.len().max(1)).copied().unwrap_or(SegmentId(0));
                match op {
                    Op::Send(from, fault) => {
                        if let Some(fault) = fault {
                            n.add_rule(FaultRule { from: Some(from), kind: SegmentKind::Any, fault, count: Some(1) });
                        }
                        n.send(now, from, segment.clone(), 1, true);
                    }
                    Op::Delay(i, by) => drop(n.delay(now, pick(i), Duration(by))),
                    Op::Hold(i) => drop(n.hold(pick(i))),
                    Op::Release(i) => drop(n.release(now, pick(i))),
                    Op::Reorder(i, j) => drop(n.reorder(pick(i), pick(j))),
                    Op::Drop(i) => drop(n.drop_segment(pick(i))),
                    Op::Duplicate(i) => drop(n.duplicate(pick(i))),
                    Op::Exit => {
                        if let Some((t, id, _)) = n.next_exit() {
                            now = now.max(t);
                            n.take(id);
                        }
                    }
                }
                prop_assert_eq!(n.next_exit(), by_scan(&n));
            }
        }
    }
}
