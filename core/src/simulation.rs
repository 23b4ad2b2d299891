//! `Simulation`: two endpoints, the network between them, and a virtual clock. Inputs are
//! actions and the passing of time; everything that happens is appended to a `Trace`.
//!
//! The driving rule (as in str0m): after any input, the simulation has already run everything
//! due at the current instant; `next_event_time` says when something will happen next, and
//! `step` makes it happen. Same inputs, same trace — always.

use crate::action::{Action, ActionError, Limited};
use crate::app::{AppCall, CallError, CallOutcome, TimerKind};
use crate::endpoint::{Endpoint, Output, Outputs};
use crate::host::Host;
use crate::limits;
use crate::network::{Admission, Exit, LossCause, Network, SegmentId};
use crate::payload::Payload;
use crate::segment::Segment;
use crate::state::State;
use crate::time::{Duration, Time};
use crate::trace::{EventKind, Origin, Trace};

/// The whole simulated world. `Clone` is cheap (two TCBs and the segments in flight), so a user
/// interface can keep snapshots and go back in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simulation {
    now: Time,
    hosts: [Endpoint; 2],
    network: Network,
    /// Each host's connection number: it goes up when the host opens a new connection.
    incarnation: [u32; 2],
    /// Bytes each host's app has queued with `send` in this connection (for the filler).
    sent: [u64; 2],
    /// Payload bytes this run has made: everything the applications sent and the user
    /// injected (`limits::RUN_BYTES`).
    made: u64,
    /// Payload bytes the trace shows: each time a byte appears in an event — sent, resent,
    /// delivered, read — it counts (`limits::TRACE_BYTES`).
    shown: u64,
    /// The outputs of the input being processed; kept between inputs so that its memory is
    /// reused (it is empty whenever the simulation is looked at).
    scratch: Outputs,
}

/// What the next event is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    Segment { id: SegmentId, exit: Exit },
    Timer { host: Host, timer: TimerKind },
}

impl Simulation {
    /// A simulation starting at time zero with the two endpoints as given. The trace gets one
    /// `Start` event per host.
    pub fn new(a: Endpoint, b: Endpoint, network: Network, trace: &mut Trace) -> Simulation {
        for e in [&a, &b] {
            trace.push(Time::ZERO, EventKind::Start { host: e.host(), state: e.state() });
        }
        let opened = |e: &Endpoint| u32::from(e.state() != State::Closed);
        Simulation {
            now: Time::ZERO,
            incarnation: [opened(&a), opened(&b)],
            hosts: [a, b],
            network,
            sent: [0, 0],
            made: 0,
            shown: 0,
            scratch: Outputs::default(),
        }
    }

    pub fn now(&self) -> Time {
        self.now
    }

    pub fn host(&self, host: Host) -> &Endpoint {
        &self.hosts[host.index()]
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn incarnation(&self, host: Host) -> u32 {
        self.incarnation[host.index()]
    }

    /// When the next event happens and what it is: segments leaving the network first, then
    /// timers (A before B), so that an ACK arriving at the same instant as a timeout wins.
    pub fn next_event(&self) -> Option<(Time, Pending)> {
        let segment = self.network.next_exit().map(|(t, id, exit)| (t, Pending::Segment { id, exit }));
        let timer = Host::BOTH
            .into_iter()
            .filter_map(|h| self.host(h).next_deadline().map(|(t, timer)| (t, Pending::Timer { host: h, timer })))
            .min_by_key(|(t, _)| *t);
        match (segment, timer) {
            (Some(s), Some(t)) => Some(if s.0 <= t.0 { s } else { t }),
            (s, t) => s.or(t),
        }
    }

    pub fn next_event_time(&self) -> Option<Time> {
        self.next_event().map(|(t, _)| t)
    }

    /// Runs the next event. Returns false when nothing is pending.
    pub fn step(&mut self, trace: &mut Trace) -> bool {
        let Some(next) = self.next_event() else { return false };
        self.run_event(next, trace);
        true
    }

    /// Runs `next`, which `next_event` has just named (a loop that asked already need not ask
    /// again).
    pub fn run_event(&mut self, (at, pending): (Time, Pending), trace: &mut Trace) {
        self.now = self.now.max(at);
        match pending {
            Pending::Segment { id, exit } => self.exit_network(id, exit, trace),
            Pending::Timer { host, timer } => {
                let mut out = self.outputs(trace);
                self.hosts[host.index()].on_timer(self.now, timer, &mut out);
                self.record(host, None, out, trace);
            }
        }
    }

    /// Runs every event up to and including `to`, then sets the clock to `to`.
    pub fn advance(&mut self, to: Time, trace: &mut Trace) {
        while let Some(next) = self.next_event().filter(|(t, _)| *t <= to) {
            self.run_event(next, trace);
        }
        self.now = self.now.max(to);
    }

    /// Applies one action now.
    pub fn apply(&mut self, action: &Action, trace: &mut Trace) -> Result<(), ActionError> {
        self.apply_batch(std::iter::once(action), trace).map_err(|(_, e)| e)
    }

    /// Applies actions made at the same instant, then lets both hosts send. Calls made together
    /// share segments, as calls a program makes before its stack transmits do: `send` then
    /// `close` in one batch puts the FIN on the data segment. Stops at the first invalid action
    /// and returns its index; the actions before it have taken effect, an invalid action has
    /// none. Once the trace is full (the event limit) the rest are not applied: the run stops
    /// there.
    pub fn apply_batch<'a>(
        &mut self,
        actions: impl IntoIterator<Item = &'a Action>,
        trace: &mut Trace,
    ) -> Result<(), (usize, ActionError)> {
        let mut result = Ok(());
        for (i, action) in actions.into_iter().enumerate() {
            if self.budget_spent(trace) {
                break;
            }
            if let Err(e) = self.apply_one(action, trace) {
                result = Err((i, e));
                break;
            }
        }
        for host in Host::BOTH {
            let mut out = self.outputs(trace);
            self.hosts[host.index()].flush(self.now, &mut out);
            self.record(host, None, out, trace);
        }
        result
    }

    /// An empty list for a host's outputs, with room for as many segments as the trace has
    /// room for their events: a segment sent makes at most three (itself, the rule that met
    /// it, its loss or its copy), and the timers it starts one more.
    fn outputs(&mut self, trace: &Trace) -> Outputs {
        const EVENTS_PER_SEGMENT: usize = 4;
        let mut out = std::mem::take(&mut self.scratch);
        out.reset(if self.budget_spent(trace) { 0 } else { trace.room() / EVENTS_PER_SEGMENT });
        out
    }

    /// Payload bytes this run has made so far (what the applications sent and the user
    /// injected).
    pub fn bytes_made(&self) -> u64 {
        self.made
    }

    /// Records an event, counting the payload bytes it shows against `limits::TRACE_BYTES`.
    fn push(&mut self, trace: &mut Trace, at: Time, kind: EventKind) {
        self.shown = self.shown.saturating_add(kind.payload_len() as u64);
        trace.push(at, kind);
    }

    /// The run's budget is spent: the trace holds `limits::MAX_EVENTS` events, or shows
    /// `limits::TRACE_BYTES` payload bytes. Nothing more happens.
    pub fn budget_spent(&self, trace: &Trace) -> bool {
        trace.is_full() || self.shown >= limits::TRACE_BYTES
    }

    /// Counts `n` more payload bytes against the run's budget, or says the budget is spent.
    fn make_bytes(&mut self, n: usize) -> Result<(), ActionError> {
        let total = self.made.saturating_add(n as u64);
        if total > limits::RUN_BYTES {
            return Err(ActionError::RunBytes { made: self.made, asked: n as u64 });
        }
        self.made = total;
        Ok(())
    }

    fn apply_one(&mut self, action: &Action, trace: &mut Trace) -> Result<(), ActionError> {
        let sent = self.sent;
        if let Some((host, call)) = action.app_call(|h, n| filler(h, sent[h.index()], n))? {
            if let AppCall::Send { data } = &call {
                self.make_bytes(data.len())?;
            }
            self.call(host, call, trace);
            return Ok(());
        }
        let now = self.now;
        match action {
            Action::Drop { segment } => {
                self.network.drop_segment(*segment)?;
                self.push(trace, now, EventKind::Lost { id: *segment, cause: LossCause::Dropped });
            }
            Action::Delay { segment, by_ms } => {
                Limited::DelayMs.check(*by_ms)?;
                let arrives = self.network.delay(now, *segment, Duration(*by_ms))?;
                self.push(trace, now, EventKind::Rescheduled { id: *segment, arrives: Some(arrives) });
            }
            Action::Duplicate { segment } => {
                let (copy, arrives) = self.network.duplicate(*segment)?;
                self.record_copy(*segment, copy, arrives, trace);
            }
            Action::Hold { segment } => {
                self.network.hold(*segment)?;
                self.push(trace, now, EventKind::Rescheduled { id: *segment, arrives: None });
            }
            Action::Release { segment } => {
                let arrives = self.network.release(now, *segment)?;
                self.push(trace, now, EventKind::Rescheduled { id: *segment, arrives: Some(arrives) });
            }
            Action::Reorder { first, second } => {
                let (a, b) = self.network.reorder(*first, *second)?;
                self.push(trace, now, EventKind::Rescheduled { id: *first, arrives: a });
                self.push(trace, now, EventKind::Rescheduled { id: *second, arrives: b });
            }
            Action::Rule { rule } => {
                if let crate::network::Fault::Delay { by_ms } = rule.fault {
                    Limited::DelayMs.check(by_ms)?;
                }
                self.network.add_rule(rule.clone());
                self.push(trace, now, EventKind::RuleAdded { rule: rule.clone() });
            }
            Action::ClearRules => {
                self.network.clear_rules();
                self.push(trace, now, EventKind::RulesCleared);
            }
            Action::Inject { from, segment } => {
                Limited::DataBytes.check(segment.data.len() as u64)?;
                self.make_bytes(segment.data.len())?;
                let segment = segment.to_segment();
                let incarnation = self.incarnation[from.index()];
                let (id, arrives) = self.network.inject(now, *from, segment.clone(), incarnation);
                self.push(
                    trace,
                    now,
                    EventKind::Segment {
                        id,
                        from: *from,
                        segment,
                        origin: Origin::Injected,
                        arrives: Some(arrives),
                        incarnation,
                    },
                );
            }
            Action::Latency { from, ms } => {
                Limited::LatencyMs.check(*ms)?;
                self.network.set_latency(*from, Duration(*ms));
                self.push(trace, now, EventKind::Latency { from: *from, latency: Duration(*ms) });
            }
            Action::FireTimer { host, timer } => {
                let mut out = self.outputs(trace);
                if !self.hosts[host.index()].on_timer(now, *timer, &mut out) {
                    return Err(ActionError::TimerNotRunning { host: *host, timer: *timer });
                }
                self.record(*host, None, out, trace);
            }
            Action::Connect { .. }
            | Action::Listen { .. }
            | Action::Send { .. }
            | Action::Read { .. }
            | Action::Shutdown { .. }
            | Action::Close { .. }
            | Action::Abort { .. } => {}
        }
        Ok(())
    }

    /// An application call; its result (success or error) goes into the trace.
    fn call(&mut self, host: Host, call: AppCall, trace: &mut Trace) {
        let mut out = self.outputs(trace);
        let was_closed = self.host(host).state() == State::Closed;
        let result: Result<CallOutcome, CallError> = self.hosts[host.index()].call(self.now, &call, &mut out);
        if result.is_ok() {
            match &call {
                AppCall::Connect { .. } | AppCall::Listen { .. } if was_closed => self.new_incarnation(host),
                AppCall::Send { data } => self.sent[host.index()] += data.len() as u64,
                _ => {}
            }
        }
        self.push(trace, self.now, EventKind::Call { host, call, result });
        self.record(host, None, out, trace);
    }

    /// The host's next segments belong to a new connection.
    fn new_incarnation(&mut self, host: Host) {
        self.incarnation[host.index()] = self.incarnation[host.index()].saturating_add(1);
        self.sent[host.index()] = 0;
    }

    /// A segment leaves the network: it arrives at the peer, or it dies of old age.
    fn exit_network(&mut self, id: SegmentId, exit: Exit, trace: &mut Trace) {
        let Some(flight) = self.network.take(id) else { return };
        if exit == Exit::Expires {
            self.push(trace, self.now, EventKind::Lost { id, cause: LossCause::Expired });
            return;
        }
        let to = flight.from.peer();
        let stale = flight.incarnation < self.incarnation[flight.from.index()];
        self.push(trace, self.now, EventKind::Arrived { id, to, stale });
        let mut out = self.outputs(trace);
        self.hosts[to.index()].on_segment(self.now, &flight.segment, &mut out);
        let context = Arrival { id, stale };
        self.record(to, Some(context), out, trace);
    }

    /// Turns an endpoint's outputs into trace events, and its segments into network traffic.
    fn record(&mut self, host: Host, arrival: Option<Arrival>, mut out: Outputs, trace: &mut Trace) {
        let now = self.now;
        for o in out.drain(..) {
            match o {
                Output::Transmit { segment, reason } => self.transmit(host, segment, reason, trace),
                Output::State { from, to, reason } => {
                    // A passive open that was reset waits for a new connection: what the old
                    // attempt left in the network now belongs to an earlier connection.
                    if to == State::Listen && from == State::SynReceived {
                        self.new_incarnation(host);
                    }
                    self.push(trace, now, EventKind::State { host, from, to, reason })
                }
                Output::Delivered { data } => {
                    let stale = arrival.is_some_and(|a| a.stale);
                    self.push(trace, now, EventKind::Delivered { host, data, stale });
                }
                Output::Notice(notice) => self.push(trace, now, EventKind::Notice { host, notice }),
                Output::Timer { timer, change } => self.push(trace, now, EventKind::Timer { host, timer, change }),
                Output::Verdict(reason) => {
                    self.push(trace, now, EventKind::Verdict { host, id: arrival.map(|a| a.id), reason })
                }
            }
        }
        // At rest the scratch list is empty and unlimited, so that two simulations in the
        // same state compare equal.
        out.reset(usize::MAX);
        self.scratch = out;
    }

    fn transmit(&mut self, from: Host, segment: Segment, reason: crate::reason::Reason, trace: &mut Trace) {
        let now = self.now;
        let incarnation = self.incarnation[from.index()];
        let (id, admission) = self.network.send(now, from, segment.clone(), incarnation, true);
        let origin = Origin::Sent { reason };
        match admission {
            Admission::Dropped => {
                self.push(trace, now, EventKind::Segment { id, from, segment, origin, arrives: None, incarnation });
                self.push(trace, now, EventKind::RuleApplied { id, fault: crate::network::Fault::Drop });
                self.push(trace, now, EventKind::Lost { id, cause: LossCause::DroppedByRule });
            }
            Admission::Flying { arrives, rule, copy } => {
                self.push(trace, now, EventKind::Segment { id, from, segment, origin, arrives, incarnation });
                if let Some(fault) = rule {
                    self.push(trace, now, EventKind::RuleApplied { id, fault });
                }
                if let Some((copy, arrives)) = copy {
                    self.record_copy(id, copy, Some(arrives), trace);
                }
            }
        }
    }

    fn record_copy(&mut self, of: SegmentId, copy: SegmentId, arrives: Option<Time>, trace: &mut Trace) {
        if let Some(f) = self.network.get(copy) {
            let kind = EventKind::Segment {
                id: copy,
                from: f.from,
                segment: f.segment.clone(),
                origin: Origin::Copy { of },
                arrives,
                incarnation: f.incarnation,
            };
            self.push(trace, self.now, kind);
        }
    }
}

#[derive(Clone, Copy)]
struct Arrival {
    id: SegmentId,
    stale: bool,
}

/// Filler bytes for `send {bytes: n}`: letters that continue the host's stream (A sends
/// `abc…`, B sends `ABC…`), so a reader can see which bytes went where and in what order.
pub fn filler(host: Host, offset: u64, n: usize) -> Payload {
    let first = match host {
        Host::A => b'a',
        Host::B => b'A',
    };
    Payload::filler(first, offset, n)
}
