//! `Endpoint`: one host's transmission control block (RFC 9293 §3.3.1) as a sans-IO state
//! machine. It never reads a clock or touches a network: every input (`call`, `on_segment`,
//! `on_timer`) takes the current virtual time, and everything it does comes out as `Output`s
//! the simulation records and delivers.
//!
//! The inputs live in their own files: `calls.rs` (the application), `arrival.rs` (segments),
//! `timers.rs` (timeouts); `send.rs` builds what goes out.

mod arrival;
mod calls;
mod send;
mod timer_table;
mod timers;

pub use timer_table::TimerTable;

use crate::app::{CallError, Notice, TimerChange, TimerKind};
use crate::host::Host;
use crate::json::Json;
use crate::payload::{ByteQueue, Payload};
use crate::profile::Params;
use crate::reason::Reason;
use crate::segment::Segment;
use crate::seq::Seq;
use crate::state::State;
use crate::time::{Duration, Time};
use crate::wire::{self, Fields};
use std::collections::VecDeque;

/// Something an endpoint did, in the order it did it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// A segment leaves this host.
    Transmit {
        segment: Segment,
        reason: Reason,
    },
    /// The TCB moved to another state.
    State {
        from: State,
        to: State,
        reason: Reason,
    },
    /// Bytes entered the application's receive buffer, in order.
    Delivered {
        data: Payload,
    },
    /// The application is told something.
    Notice(Notice),
    Timer {
        timer: TimerKind,
        change: TimerChange,
    },
    /// How an arriving segment was treated, when no other output shows it (dropped, held,
    /// ignored).
    Verdict(Reason),
}

/// What an endpoint puts out in answer to one input, and how many more segments it may send
/// in answer to it. The run's event budget (`limits::MAX_EVENTS`) reaches inside a single
/// input this way: one flush of a large queue through a huge window cannot make a million
/// segments before anyone looks. A host that runs out of room keeps the rest queued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outputs {
    list: Vec<Output>,
    room: usize,
}

impl Default for Outputs {
    /// No limit on segments.
    fn default() -> Outputs {
        Outputs::with_room(usize::MAX)
    }
}

impl Outputs {
    /// At most `room` segments may be sent.
    pub fn with_room(room: usize) -> Outputs {
        Outputs { list: Vec::new(), room }
    }

    /// How many more segments may be sent.
    pub fn room(&self) -> usize {
        self.room
    }

    /// Starts again with an empty list and `room`, keeping the list's memory.
    pub fn reset(&mut self, room: usize) {
        self.list.clear();
        self.room = room;
    }

    fn transmit(&mut self, segment: Segment, reason: Reason) {
        self.room = self.room.saturating_sub(1);
        self.list.push(Output::Transmit { segment, reason });
    }
}

impl std::ops::Deref for Outputs {
    type Target = Vec<Output>;
    fn deref(&self) -> &Vec<Output> {
        &self.list
    }
}

impl std::ops::DerefMut for Outputs {
    fn deref_mut(&mut self) -> &mut Vec<Output> {
        &mut self.list
    }
}

/// A segment that occupies sequence space and waits for its acknowledgement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unacked {
    pub seq: Seq,
    pub syn: bool,
    pub fin: bool,
    pub data: Payload,
    pub sent_at: Time,
    /// Karn's algorithm: no round-trip sample from a retransmitted segment.
    pub retransmitted: bool,
}

impl Unacked {
    pub fn end(&self) -> Seq {
        self.seq.wrapping_add(self.data.len() as u32 + u32::from(self.syn) + u32::from(self.fin))
    }
}

/// A segment that arrived ahead of RCV.NXT, held until the bytes before it arrive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfOrder {
    pub seq: Seq,
    pub data: Payload,
    pub fin: bool,
}

impl OutOfOrder {
    fn end(&self) -> Seq {
        self.seq.wrapping_add(self.data.len() as u32 + u32::from(self.fin))
    }
}

/// What the application has done with its socket.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppSide {
    /// close() was called: the socket is orphaned (Linux applies its orphan timers).
    pub released: bool,
    /// An error to report on the next call (reset, time-out), as the socket API does.
    pub error: Option<CallError>,
    /// The ISN to use when a SYN arrives in LISTEN.
    pub listen_isn: Option<u32>,
}

/// One host's TCB.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    host: Host,
    params: Params,
    state: State,
    /// Opened by listen: a reset in SYN-RECEIVED returns to LISTEN (RFC 9293 §3.10.7.4).
    passive: bool,
    iss: Seq,
    irs: Seq,
    snd_una: Seq,
    snd_nxt: Seq,
    snd_wnd: u32,
    rcv_nxt: Seq,
    /// Bytes the app queued that are not yet sent.
    send_queue: ByteQueue,
    /// The app closed its sending side; the FIN goes out once the queue is empty.
    fin_pending: bool,
    /// Sequence number of our FIN, once sent.
    fin_seq: Option<Seq>,
    retransmit: VecDeque<Unacked>,
    /// In order of sequence number.
    out_of_order: VecDeque<OutOfOrder>,
    /// Delivered bytes the app has not read.
    recv_buffer: ByteQueue,
    /// The peer's FIN has been processed: after the buffer, reads return end-of-file.
    peer_fin: bool,
    app: AppSide,
    rto: Duration,
    srtt: Option<u64>,
    rttvar: u64,
    /// Retransmissions of the oldest segment since something new was acknowledged.
    retries: u32,
    /// When the oldest segment was first retransmitted (Linux measures its retry limit from
    /// here: retrans_stamp).
    first_retransmit: Option<Time>,
    /// When this host last answered an unacceptable segment with an ACK (Linux rate-limits
    /// those answers).
    last_invalid_ack: Option<Time>,
    /// Data has arrived from the peer. Linux sets its delayed-ACK time (ato) on the first data
    /// it receives; before that, a delayed ACK waits only about one clock tick (~4 ms).
    received_data: bool,
    /// When data last arrived from the peer (Linux icsk_ack.lrcvtime).
    last_data_at: Option<Time>,
    /// The peer's segment size as this host has seen it (Linux icsk_ack.rcv_mss): how many
    /// quick ACKs the window is worth, and what counts as a full-sized segment.
    rcv_mss: u32,
    /// Quick ACKs left (Linux icsk_ack.quick): data is acknowledged at once while this is not
    /// zero and the exchange is not interactive.
    quick: u32,
    /// The exchange is interactive (Linux pingpong mode): ACKs wait for a reply to ride on.
    pingpong: bool,
    /// Data or a FIN has arrived that no segment of ours has acknowledged yet.
    ack_pending: bool,
    /// RCV.NXT when a segment of ours last carried an ACK (Linux rcv_wup).
    rcv_acked: Seq,
    /// SND.NXT when a tail-loss probe went out, until an ACK reaches it: one probe at a time
    /// (Linux tlp_high_seq).
    tlp_high: Option<Seq>,
    /// SND.NXT when the retransmission timer last fired, until an ACK reaches it: loss
    /// recovery, during which no tail-loss probe is sent (Linux's Loss state).
    recovery: Option<Seq>,
    timers: TimerTable,
}

/// A read-only view of an endpoint for displays and tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub host: Host,
    pub state: State,
    pub snd_una: u32,
    pub snd_nxt: u32,
    pub rcv_nxt: u32,
    pub snd_wnd: u32,
    pub rto_ms: u64,
    pub retries: u32,
    pub unsent: usize,
    pub unacked: usize,
    pub unread: usize,
    pub held_out_of_order: usize,
    pub fin_pending: bool,
    pub fin_sent: bool,
    pub peer_fin: bool,
    pub released: bool,
    pub error: Option<CallError>,
    pub timers: Vec<(TimerKind, Time)>,
}

impl Snapshot {
    /// The host's TCB as a JSON trace reports it (docs/trace-format.md, "Hosts").
    pub fn to_json(&self) -> Json {
        Fields::new()
            .put("host", self.host)
            .put("state", self.state)
            .put("snd_una", self.snd_una)
            .put("snd_nxt", self.snd_nxt)
            .put("rcv_nxt", self.rcv_nxt)
            .put("snd_wnd", self.snd_wnd)
            .put("rto_ms", self.rto_ms)
            .put("retries", self.retries)
            .put("unsent", self.unsent)
            .put("unacked", self.unacked)
            .put("unread", self.unread)
            .put("held_out_of_order", self.held_out_of_order)
            .put("fin_pending", self.fin_pending)
            .put("fin_sent", self.fin_sent)
            .put("peer_fin", self.peer_fin)
            .put("released", self.released)
            .put("error", self.error)
            .put("timers", wire::list(&self.timers, |(k, t)| Json::Array(vec![Json::from(*k), Json::from(*t)])))
            .into()
    }
}

impl Endpoint {
    /// A host with no connection (CLOSED).
    pub fn closed(host: Host, params: Params) -> Endpoint {
        // Linux tcp_initialize_rcv_mss: a guess until segments arrive, at most 536 bytes
        // (the default MSS) and half the window, at least 88.
        let rcv_mss = params.mss.min(params.window / 2).clamp(88, 536);
        Endpoint {
            host,
            rto: params.rto_initial,
            params,
            state: State::Closed,
            passive: false,
            iss: Seq(0),
            irs: Seq(0),
            snd_una: Seq(0),
            snd_nxt: Seq(0),
            snd_wnd: 0,
            rcv_nxt: Seq(0),
            send_queue: ByteQueue::default(),
            fin_pending: false,
            fin_seq: None,
            retransmit: VecDeque::new(),
            out_of_order: VecDeque::new(),
            recv_buffer: ByteQueue::default(),
            peer_fin: false,
            app: AppSide::default(),
            srtt: None,
            rttvar: 0,
            retries: 0,
            first_retransmit: None,
            last_invalid_ack: None,
            received_data: false,
            last_data_at: None,
            rcv_mss,
            quick: 0,
            pingpong: false,
            ack_pending: false,
            rcv_acked: Seq(0),
            tlp_high: None,
            recovery: None,
            timers: TimerTable::default(),
        }
    }

    /// A host whose connection is already ESTABLISHED: its next sequence number is `seq`, the
    /// peer's is `peer_seq`, the peer advertised `peer_window`, and `unread` holds bytes the
    /// peer sent earlier that the app has not read yet.
    pub fn established(
        host: Host,
        params: Params,
        seq: Seq,
        peer_seq: Seq,
        peer_window: u32,
        unread: &[u8],
    ) -> Endpoint {
        let mut e = Endpoint::closed(host, params);
        e.state = State::Established;
        e.iss = seq.wrapping_sub(1);
        e.snd_una = seq;
        e.snd_nxt = seq;
        e.snd_wnd = peer_window;
        e.irs = peer_seq.wrapping_sub(1 + unread.len() as u32);
        e.rcv_nxt = peer_seq;
        e.rcv_acked = peer_seq;
        e.recv_buffer.push(Payload::new(unread));
        e.received_data = !unread.is_empty();
        e
    }

    /// The same endpoint after one round-trip measurement of `rtt`, as its handshake would
    /// have given it (RFC 6298 (2.2)): an established start then has the RTO a real connection
    /// of that round trip would have.
    #[must_use]
    pub fn with_round_trip(mut self, rtt: Duration) -> Endpoint {
        self.rtt_sample(rtt);
        self
    }

    pub fn host(&self) -> Host {
        self.host
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn snd_una(&self) -> Seq {
        self.snd_una
    }

    pub fn snd_nxt(&self) -> Seq {
        self.snd_nxt
    }

    pub fn rcv_nxt(&self) -> Seq {
        self.rcv_nxt
    }

    /// The earliest running timer and when it fires (ties: in `TimerKind` order).
    pub fn next_deadline(&self) -> Option<(Time, TimerKind)> {
        self.timers.next()
    }

    pub fn deadline(&self, timer: TimerKind) -> Option<Time> {
        self.timers.get(timer)
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            host: self.host,
            state: self.state,
            snd_una: self.snd_una.0,
            snd_nxt: self.snd_nxt.0,
            rcv_nxt: self.rcv_nxt.0,
            snd_wnd: self.snd_wnd,
            rto_ms: self.rto.ms(),
            retries: self.retries,
            unsent: self.send_queue.len(),
            unacked: self.retransmit.iter().map(|u| u.data.len()).sum(),
            unread: self.recv_buffer.len(),
            held_out_of_order: self.out_of_order.len(),
            fin_pending: self.fin_pending,
            fin_sent: self.fin_seq.is_some(),
            peer_fin: self.peer_fin,
            released: self.app.released,
            error: self.app.error,
            timers: self.timers.running().collect(),
        }
    }

    /// The retransmission timer or the tail-loss probe that stands in for it is armed.
    fn loss_timer_running(&self) -> bool {
        self.deadline(TimerKind::Retransmission).is_some() || self.deadline(TimerKind::LossProbe).is_some()
    }

    /// Our FIN has been sent and acknowledged.
    fn fin_acked(&self) -> bool {
        self.fin_seq.is_some_and(|f| self.snd_una.gt(f))
    }

    /// Moves to `to`, recording why. Leaving for CLOSED deletes the connection's send side and
    /// its timers (RFC 9293 "delete the TCB"); unread bytes stay readable.
    fn set_state(&mut self, to: State, reason: Reason, out: &mut Outputs) {
        if to == self.state {
            return;
        }
        out.push(Output::State { from: self.state, to, reason });
        self.state = to;
        if to == State::Closed {
            self.send_queue.clear();
            self.retransmit.clear();
            self.out_of_order.clear();
            self.fin_pending = false;
            for &timer in TimerKind::ALL {
                self.stop_timer(timer, out);
            }
        }
    }

    /// The connection failed: the app will see `error`.
    fn fail(&mut self, error: CallError, out: &mut Outputs) {
        self.app.error = Some(error);
        self.recv_buffer.clear();
        out.push(Output::Notice(Notice::Failed { error }));
    }

    /// Forgets the previous connection before a new one (connect/listen).
    fn reset_for_new_connection(&mut self) {
        let fresh = Endpoint::closed(self.host, self.params.clone());
        *self = fresh;
    }

    /// Checks the TCB's own consistency (used after every step in tests): sequence variables,
    /// the retransmission queue, the timers each state must or must not have.
    pub fn check(&self) -> Result<(), String> {
        let s = self.state;
        if s.is_synchronized() || s == State::SynSent {
            if self.snd_una.gt(self.snd_nxt) {
                return Err(format!("SND.UNA {} > SND.NXT {}", self.snd_una, self.snd_nxt));
            }
            match (self.retransmit.front(), self.retransmit.back()) {
                (Some(first), Some(last)) => {
                    if first.seq != self.snd_una || last.end() != self.snd_nxt {
                        return Err(format!(
                            "retransmission queue covers {}..{}, not SND.UNA..SND.NXT {}..{}",
                            first.seq,
                            last.end(),
                            self.snd_una,
                            self.snd_nxt
                        ));
                    }
                    if !self.loss_timer_running() {
                        return Err("unacknowledged segments but no retransmission or loss-probe timer".into());
                    }
                }
                _ => {
                    if self.snd_una != self.snd_nxt {
                        return Err("SND.UNA != SND.NXT with nothing to retransmit".into());
                    }
                    if self.loss_timer_running() {
                        return Err("retransmission or loss-probe timer running with nothing to retransmit".into());
                    }
                }
            }
            if self.deadline(TimerKind::Retransmission).is_some() && self.deadline(TimerKind::LossProbe).is_some() {
                return Err("the retransmission and loss-probe timers run together; they share one slot".into());
            }
        }
        let fin_acked = self.fin_acked();
        let our_fin = self.fin_pending || self.fin_seq.is_some();
        let ok = match s {
            State::Closed => self.timers.is_idle() && self.retransmit.is_empty(),
            State::Listen | State::SynSent => !self.peer_fin && !our_fin,
            State::SynReceived | State::Established => !self.peer_fin && !our_fin,
            State::FinWait1 => our_fin && !fin_acked && !self.peer_fin,
            State::FinWait2 => fin_acked && !self.peer_fin,
            State::CloseWait => self.peer_fin && !our_fin,
            State::Closing => our_fin && !fin_acked && self.peer_fin,
            State::LastAck => our_fin && !fin_acked && self.peer_fin,
            State::TimeWait => {
                fin_acked && self.peer_fin && self.retransmit.is_empty() && self.deadline(TimerKind::TimeWait).is_some()
            }
        };
        if !ok {
            let timers: Vec<String> = self.timers.running().map(|(k, t)| format!("{} at {t}", k.name())).collect();
            let fin_sent = self.fin_seq.map_or("no".to_string(), |seq| format!("seq {seq}"));
            return Err(format!(
                "fields inconsistent with {s}: our FIN pending {}, sent {fin_sent}, acknowledged {fin_acked}; \
                 the peer's FIN {}; timers running: {}",
                self.fin_pending,
                self.peer_fin,
                if timers.is_empty() { "none".to_string() } else { timers.join(", ") }
            ));
        }
        if s != State::TimeWait && self.deadline(TimerKind::TimeWait).is_some() {
            return Err(format!("TIME-WAIT timer running in {s}"));
        }
        if s != State::FinWait2 && self.deadline(TimerKind::FinWait2).is_some() {
            return Err(format!("FIN-WAIT-2 timer running in {s}"));
        }
        if self.deadline(TimerKind::Persist).is_some() && (self.send_queue.is_empty() || !self.retransmit.is_empty()) {
            return Err("persist timer running, but nothing waits for the window or something is in flight".into());
        }
        Ok(())
    }
}

/// RFC 6528's clock part of an initial sequence number: a counter that ticks every 4 µs, offset
/// per host so the two sides differ. Deterministic, as everything here.
fn clock_isn(host: Host, now: Time) -> Seq {
    let ticks = now.ms().wrapping_mul(250) as u32;
    let offset = match host {
        Host::A => 1_000,
        Host::B => 5_000,
    };
    Seq(ticks.wrapping_add(offset))
}
