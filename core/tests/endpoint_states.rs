//! One TCB driven directly, state by state, in the manner of smoltcp's socket tests: builders
//! put an endpoint into each state through real segments, `arrive`/`call`/`fire` feed it
//! input at a time, and each test asserts what comes out. After every input the TCB's own
//! consistency check must pass.
//!
//! Our host is A (next sequence number 1001); its peer B's is 5001.

use finwait_core::endpoint::{Output, Outputs};
use finwait_core::{
    AppCall, CallError, CallOutcome, Endpoint, Flags, Host, Params, ProfileKind, Reason, Segment, Seq, State, Time,
    TimerKind,
};

const OURS: u32 = 1001;
const THEIRS: u32 = 5001;
/// The window the peer advertises.
const WINDOW: u32 = 65_535;

fn rfc() -> Params {
    Params::for_profile(ProfileKind::Rfc9293)
}

fn linux() -> Params {
    Params::for_profile(ProfileKind::Linux)
}

/// A segment from the peer; tests change the fields that matter with struct-update syntax.
fn from_peer() -> Segment {
    Segment { flags: Flags::ACK, seq: Seq(THEIRS), ack: Seq(OURS), wnd: WINDOW, data: Default::default() }
}

fn seg(flags: Flags, seq: u32, ack: u32) -> Segment {
    Segment { flags, seq: Seq(seq), ack: Seq(ack), ..from_peer() }
}

/// An endpoint under test with what it put out since the last input.
struct Tcb {
    e: Endpoint,
    out: Outputs,
}

impl Tcb {
    fn new(e: Endpoint) -> Tcb {
        Tcb { e, out: Outputs::default() }
    }

    fn checked(&mut self) {
        if let Err(problem) = self.e.check() {
            panic!("TCB inconsistent in {}: {problem}", self.e.state());
        }
    }

    /// A segment arrives at `t` ms.
    fn arrive(&mut self, t: u64, s: Segment) -> &mut Tcb {
        self.out.clear();
        self.e.on_segment(Time(t), &s, &mut self.out);
        self.checked();
        self
    }

    /// The application calls at `t` ms; whatever becomes due is sent.
    fn call(&mut self, t: u64, c: AppCall) -> Result<CallOutcome, CallError> {
        self.out.clear();
        let r = self.e.call(Time(t), &c, &mut self.out);
        self.e.flush(Time(t), &mut self.out);
        self.checked();
        r
    }

    /// A timer fires at `t` ms; returns whether it was running.
    fn fire(&mut self, t: u64, timer: TimerKind) -> bool {
        self.out.clear();
        let ran = self.e.on_timer(Time(t), timer, &mut self.out);
        self.checked();
        ran
    }

    fn sent(&self) -> Vec<Segment> {
        self.out
            .iter()
            .filter_map(|o| if let Output::Transmit { segment, .. } = o { Some(segment.clone()) } else { None })
            .collect()
    }

    fn reasons(&self) -> Vec<Reason> {
        self.out
            .iter()
            .filter_map(|o| match o {
                Output::Transmit { reason, .. } | Output::State { reason, .. } | Output::Verdict(reason) => {
                    Some(*reason)
                }
                _ => None,
            })
            .collect()
    }

    fn state(&self) -> State {
        self.e.state()
    }

    fn deadline(&self, t: TimerKind) -> Option<u64> {
        self.e.deadline(t).map(Time::ms)
    }
}

// ── Builders: each state reached through real segments ─────────────────────────────────────

fn established(params: Params) -> Tcb {
    Tcb::new(Endpoint::established(Host::A, params, Seq(OURS), Seq(THEIRS), WINDOW, &[]))
}

/// ESTABLISHED after a handshake that measured a 100 ms round trip (Linux RTO: 300 ms).
fn established_measured(params: Params) -> Tcb {
    let e = Endpoint::established(Host::A, params, Seq(OURS), Seq(THEIRS), WINDOW, &[]);
    Tcb::new(e.with_round_trip(finwait_core::Duration(100)))
}

/// `n` bytes of data from the peer at RCV.NXT + `offset`.
fn peer_data(offset: u32, n: usize) -> Segment {
    Segment { data: vec![b'x'; n].into(), ..seg(Flags::ACK, THEIRS + offset, OURS) }
}

fn fin_wait_1(params: Params) -> Tcb {
    let mut t = established(params);
    t.call(0, AppCall::Close).unwrap();
    assert_eq!(t.state(), State::FinWait1);
    t
}

fn fin_wait_2(params: Params) -> Tcb {
    let mut t = fin_wait_1(params);
    t.arrive(50, seg(Flags::ACK, THEIRS, OURS + 1));
    assert_eq!(t.state(), State::FinWait2);
    t
}

fn closing() -> Tcb {
    let mut t = fin_wait_1(rfc());
    t.arrive(50, seg(Flags::FIN_ACK, THEIRS, OURS));
    assert_eq!(t.state(), State::Closing);
    t
}

fn time_wait(params: Params) -> Tcb {
    let mut t = fin_wait_2(params);
    t.arrive(100, seg(Flags::FIN_ACK, THEIRS, OURS + 1));
    assert_eq!(t.state(), State::TimeWait);
    t
}

fn close_wait(params: Params) -> Tcb {
    let mut t = established(params);
    t.arrive(50, seg(Flags::FIN_ACK, THEIRS, OURS));
    assert_eq!(t.state(), State::CloseWait);
    t
}

fn last_ack() -> Tcb {
    let mut t = close_wait(rfc());
    t.call(100, AppCall::Close).unwrap();
    assert_eq!(t.state(), State::LastAck);
    t
}

// ── ESTABLISHED ───────────────────────────────────────────────────────────────────────────

#[test]
fn test_established_close_sends_fin() {
    let mut t = established(rfc());
    assert_eq!(t.call(0, AppCall::Close), Ok(CallOutcome::Done));
    assert_eq!(t.state(), State::FinWait1);
    assert_eq!(t.sent(), vec![Segment { flags: Flags::FIN_ACK, seq: Seq(OURS), ack: Seq(THEIRS), ..from_peer() }]);
    assert_eq!(t.deadline(TimerKind::Retransmission), Some(1000));
}

#[test]
fn test_established_close_after_queued_data_puts_fin_on_the_data() {
    let mut t = established(rfc());
    t.e.call(Time(0), &AppCall::Send { data: b"bye".into() }, &mut t.out).unwrap();
    t.call(0, AppCall::Close).unwrap();
    let sent = t.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].flags, sent[0].seq, sent[0].data.as_slice()), (Flags::FIN_ACK, Seq(OURS), &b"bye"[..]));
    assert_eq!(t.e.snd_nxt(), Seq(OURS + 4), "3 bytes and the FIN");
}

#[test]
fn test_established_abort_sends_rst_rfc_and_rst_ack_linux() {
    let mut t = established(rfc());
    t.call(0, AppCall::Abort).unwrap();
    assert_eq!(t.state(), State::Closed);
    assert_eq!(t.sent()[0].flags, Flags::RST);
    assert_eq!(t.sent()[0].seq, Seq(OURS));

    let mut l = established(linux());
    l.call(0, AppCall::Abort).unwrap();
    assert_eq!((l.sent()[0].flags, l.sent()[0].ack), (Flags::RST_ACK, Seq(THEIRS)));
}

#[test]
fn test_established_fin_goes_to_close_wait_and_acks() {
    let mut t = established(rfc());
    t.arrive(50, seg(Flags::FIN_ACK, THEIRS, OURS));
    assert_eq!(t.state(), State::CloseWait);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS, THEIRS + 1)]);
    assert_eq!(t.e.rcv_nxt(), Seq(THEIRS + 1));
}

#[test]
fn test_established_linux_delays_the_ack_of_a_fin() {
    let mut t = established(linux());
    t.arrive(50, seg(Flags::FIN_ACK, THEIRS, OURS));
    assert!(t.sent().is_empty(), "the ACK waits");
    assert_eq!(t.deadline(TimerKind::DelayedAck), Some(54), "about 4 ms: no data has flowed");
    // The application closes within the delay: its FIN carries the ACK.
    t.call(52, AppCall::Close).unwrap();
    assert_eq!(t.sent(), vec![seg(Flags::FIN_ACK, OURS, THEIRS + 1)]);
    assert_eq!(t.deadline(TimerKind::DelayedAck), None);
}

#[test]
fn test_established_linux_sending_alone_keeps_the_short_delay() {
    let mut t = established(linux());
    t.call(10, AppCall::Send { data: b"request".into() }).unwrap();
    t.arrive(60, seg(Flags::FIN_ACK, THEIRS, OURS + 7));
    assert_eq!(t.deadline(TimerKind::DelayedAck), Some(64));
}

#[test]
fn test_established_linux_acks_the_first_data_at_once() {
    let mut t = established(linux());
    t.arrive(10, peer_data(0, 7));
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS, THEIRS + 7)], "quick-ACK mode");
    assert_eq!(t.reasons().last(), Some(&Reason::QuickAck));
    assert_eq!(t.deadline(TimerKind::DelayedAck), None);

    let mut r = established(Params { delayed_ack: Some(finwait_core::Duration(200)), ..rfc() });
    r.arrive(10, peer_data(0, 7));
    assert!(r.sent().is_empty(), "without quick ACKs the ACK waits");
    assert_eq!(r.deadline(TimerKind::DelayedAck), Some(210));
}

#[test]
fn test_established_linux_delays_the_ack_once_the_exchange_is_interactive() {
    let mut t = established(linux());
    t.arrive(10, peer_data(0, 7));
    // A reply within the delayed-ACK time of the request: pingpong mode.
    t.call(20, AppCall::Send { data: b"reply".into() }).unwrap();
    t.arrive(70, peer_data(7, 3));
    assert!(t.sent().is_empty(), "the ACK waits for the next reply");
    assert_eq!(t.deadline(TimerKind::DelayedAck), Some(110));
    // It had to go alone: the exchange is not interactive after all, quick ACKs resume.
    assert!(t.fire(110, TimerKind::DelayedAck));
    t.arrive(120, peer_data(10, 3));
    assert_eq!(t.reasons().last(), Some(&Reason::QuickAck));
}

#[test]
fn test_established_linux_quick_acks_are_fewer_for_a_small_window() {
    // A 2,000-byte window holds fewer than two pairs of 536-byte segments: 2 quick ACKs.
    let mut t = established(Params { window: 2_000, ..linux() });
    t.arrive(10, peer_data(0, 10));
    t.arrive(20, peer_data(10, 10));
    assert_eq!(t.sent().len(), 1, "the second quick ACK");
    t.arrive(30, peer_data(20, 10));
    assert!(t.sent().is_empty(), "none left: the ACK waits");
    assert_eq!(t.deadline(TimerKind::DelayedAck), Some(70));
}

#[test]
fn test_established_delayed_acks_go_for_every_second_full_segment() {
    let mut t = established(linux());
    t.arrive(10, peer_data(0, 7));
    t.call(20, AppCall::Send { data: b"reply".into() }).unwrap();
    t.arrive(30, peer_data(7, 1460));
    assert!(t.sent().is_empty(), "one full segment: the ACK may wait");
    t.arrive(31, peer_data(7 + 1460, 1460));
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 5, THEIRS + 7 + 2 * 1460)]);
    assert_eq!(t.reasons().last(), Some(&Reason::AckEverySecondSegment));
}

#[test]
fn test_established_close_with_unread_data_linux_resets() {
    let mut t = Tcb::new(Endpoint::established(Host::A, linux(), Seq(OURS), Seq(THEIRS), WINDOW, b"unread"));
    t.call(0, AppCall::Close).unwrap();
    assert_eq!(t.state(), State::Closed);
    assert_eq!(
        t.sent(),
        vec![Segment { flags: Flags::RST_ACK, seq: Seq(OURS), ack: Seq(THEIRS), wnd: 0, data: Default::default() }]
    );
    assert!(t.reasons().contains(&Reason::CloseWithUnreadData));
}

#[test]
fn test_established_out_of_order_fin_waits_for_the_data() {
    let mut t = established(rfc());
    // The FIN after 10 bytes arrives before the bytes.
    t.arrive(50, seg(Flags::FIN_ACK, THEIRS + 10, OURS));
    assert_eq!(t.state(), State::Established);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS, THEIRS)], "a duplicate ACK asks for 5001");
    t.arrive(60, Segment { data: vec![b'x'; 10].into(), ..from_peer() });
    assert_eq!(t.state(), State::CloseWait);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS, THEIRS + 11)]);
}

#[test]
fn test_established_syn_gets_a_challenge_ack() {
    let mut t = established(rfc());
    t.arrive(50, seg(Flags::SYN, 9999, 0));
    assert_eq!(t.state(), State::Established);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS, THEIRS)]);
    assert_eq!(t.reasons(), vec![Reason::SynChallenge]);
}

#[test]
fn test_established_segment_without_ack_is_dropped() {
    let mut t = established(rfc());
    t.arrive(50, Segment { flags: Flags::default(), data: b"hi".into(), ..from_peer() });
    assert!(t.sent().is_empty());
    assert_eq!(t.reasons(), vec![Reason::NoAckFlag]);
    assert_eq!(t.e.rcv_nxt(), Seq(THEIRS));
}

#[test]
fn test_established_ack_of_unsent_data_is_answered_and_dropped() {
    let mut t = established(rfc());
    t.arrive(50, Segment { ack: Seq(OURS + 500), data: b"hi".into(), ..from_peer() });
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS, THEIRS)]);
    assert_eq!(t.e.rcv_nxt(), Seq(THEIRS), "its data is not taken");
}

#[test]
fn test_established_zero_window_is_probed_by_the_persist_timer() {
    let mut t = established(rfc());
    t.arrive(10, Segment { wnd: 0, ..from_peer() });
    t.call(20, AppCall::Send { data: b"0123456789".into() }).unwrap();
    assert!(t.sent().is_empty(), "the window is zero");
    assert_eq!(t.deadline(TimerKind::Persist), Some(20 + 1_000));
    assert!(t.fire(1_020, TimerKind::Persist));
    assert_eq!(t.sent(), vec![Segment { data: b"0".into(), ..seg(Flags::ACK, OURS, THEIRS) }]);
    assert!(t.reasons().contains(&Reason::ZeroWindowProbe));
    assert!(t.deadline(TimerKind::Retransmission).is_some(), "the probe is retransmitted like data");
    // The probe's ACK reopens the window: the rest goes out.
    t.arrive(1_070, seg(Flags::ACK, THEIRS, OURS + 1));
    assert_eq!(t.sent(), vec![Segment { data: b"123456789".into(), ..seg(Flags::ACK, OURS + 1, THEIRS) }]);
    assert_eq!(t.deadline(TimerKind::Persist), None);
}

#[test]
fn test_established_linux_rate_limits_answers_to_unacceptable_acks() {
    let outside = || seg(Flags::ACK, THEIRS + 100_000, OURS);
    let mut t = established(linux());
    t.arrive(100, outside());
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS, THEIRS)]);
    t.arrive(200, outside());
    assert!(t.sent().is_empty(), "within 500 ms of the last answer");
    assert_eq!(t.reasons(), vec![Reason::AckRateLimited]);
    t.arrive(600, outside());
    assert_eq!(t.sent().len(), 1, "500 ms later it answers again");
    // Data is never part of an ACK loop: it is always answered.
    t.arrive(700, Segment { data: b"x".into(), ..outside() });
    assert_eq!(t.sent().len(), 1);

    let mut r = established(rfc());
    r.arrive(100, outside());
    r.arrive(200, outside());
    assert_eq!(r.sent().len(), 1, "RFC 9293 answers every one");
}

// ── FIN-WAIT-1 ────────────────────────────────────────────────────────────────────────────

#[test]
fn test_fin_wait_1_ack_of_fin() {
    let mut t = fin_wait_1(rfc());
    t.arrive(50, seg(Flags::ACK, THEIRS, OURS + 1));
    assert_eq!(t.state(), State::FinWait2);
    assert_eq!(t.deadline(TimerKind::Retransmission), None);
}

#[test]
fn test_fin_wait_1_ack_of_data_only_is_not_enough() {
    let mut t = established(rfc());
    t.call(0, AppCall::Send { data: b"abc".into() }).unwrap();
    t.call(1, AppCall::Close).unwrap();
    t.arrive(50, seg(Flags::ACK, THEIRS, OURS + 3));
    assert_eq!(t.state(), State::FinWait1, "an ACK below the FIN's number does not end FIN-WAIT-1");
}

#[test]
fn test_fin_wait_1_fin_goes_to_closing() {
    let t = closing();
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS + 1)]);
}

#[test]
fn test_fin_wait_1_fin_with_ack_of_fin_goes_straight_to_time_wait() {
    let mut t = fin_wait_1(rfc());
    t.arrive(50, seg(Flags::FIN_ACK, THEIRS, OURS + 1));
    assert_eq!(t.state(), State::TimeWait);
    let states: Vec<State> =
        t.out.iter().filter_map(|o| if let Output::State { to, .. } = o { Some(*to) } else { None }).collect();
    assert_eq!(states, vec![State::TimeWait], "FIN-WAIT-2 is never entered");
}

#[test]
fn test_fin_wait_1_close_again_is_an_error_without_a_second_fin() {
    let mut t = fin_wait_1(rfc());
    assert_eq!(t.call(10, AppCall::Close), Err(CallError::ConnectionClosing));
    assert_eq!(t.call(10, AppCall::Send { data: b"x".into() }), Err(CallError::ConnectionClosing));
    assert!(t.sent().is_empty());
}

#[test]
fn test_fin_wait_1_retransmission_backs_off_and_gives_up() {
    let mut t = fin_wait_1(rfc());
    let mut now = 1000;
    let mut gap = 1000;
    for _ in 0..7 {
        assert!(t.fire(now, TimerKind::Retransmission));
        assert_eq!(t.sent(), vec![seg(Flags::FIN_ACK, OURS, THEIRS)], "the same FIN, same number");
        gap = (gap * 2).min(60_000);
        assert_eq!(t.deadline(TimerKind::Retransmission), Some(now + gap));
        now += gap;
    }
    assert!(t.fire(now, TimerKind::Retransmission));
    assert_eq!(t.state(), State::Closed);
    assert!(t.reasons().contains(&Reason::RetryLimit));
    assert_eq!(t.call(now, AppCall::Send { data: b"x".into() }), Err(CallError::TimedOut));
}

/// Linux turns the orphan retry count (8) into a time, 102.2 s, counted from the first
/// retransmission by timeout, and gives up at the first timeout past it. Without a round-trip
/// sample the tail-loss probe comes at 1 s (TCP_TIMEOUT_INIT), the first timeout 1 s after it
/// (not doubled, nothing was known to be lost), and the one at 128 s gives up.
#[test]
fn test_fin_wait_1_linux_orphan_gives_up_after_a_time_not_a_count() {
    let mut t = fin_wait_1(linux());
    assert_eq!(t.deadline(TimerKind::LossProbe), Some(1000));
    assert!(t.fire(1000, TimerKind::LossProbe));
    let mut now = t.deadline(TimerKind::Retransmission).unwrap();
    assert_eq!(now, 2000);
    for _ in 0..6 {
        assert!(t.fire(now, TimerKind::Retransmission));
        assert_eq!(t.sent(), vec![seg(Flags::FIN_ACK, OURS, THEIRS)]);
        now = t.deadline(TimerKind::Retransmission).unwrap();
    }
    assert_eq!(now, 128_000);
    assert!(t.fire(now, TimerKind::Retransmission));
    assert_eq!(t.state(), State::Closed);
    assert!(t.sent().is_empty(), "silently: no reset");
    assert!(t.reasons().contains(&Reason::RetryTimeLimit));
}

/// The time counts from the first retransmission by timeout (Linux retrans_stamp), not from
/// the FIN nor from the probe: with 2 orphan retries (1.4 s) and a 500 ms first RTO, the
/// timeout at 2 s is 2 s after the FIN but only 1 s after the first timeout, so a FIN goes out
/// again; the one at 4 s gives up.
#[test]
fn test_fin_wait_1_linux_counts_the_retry_time_from_the_first_retransmission() {
    let params = Params { orphan_retries: 2, rto_initial: finwait_core::Duration(500), ..linux() };
    let mut t = fin_wait_1(params);
    assert!(t.fire(500, TimerKind::LossProbe));
    assert!(t.fire(1_000, TimerKind::Retransmission));
    assert!(t.fire(2_000, TimerKind::Retransmission));
    assert_eq!(t.sent(), vec![seg(Flags::FIN_ACK, OURS, THEIRS)]);
    assert_eq!(t.deadline(TimerKind::Retransmission), Some(4_000));
    assert!(t.fire(4_000, TimerKind::Retransmission));
    assert_eq!(t.state(), State::Closed);
}

/// RFC 8985 §7 as Linux does it: with a 100 ms round trip the RTO is 300 ms, and the probe
/// (2·SRTT + 200 ms for a lone segment = 400 ms) comes no later than it would, at 300 ms. It
/// repeats the FIN; the RTO then runs from the probe at its current value, undoubled.
#[test]
fn test_fin_wait_1_linux_a_tail_loss_probe_comes_before_the_first_timeout() {
    let mut t = established_measured(linux());
    t.call(0, AppCall::Close).unwrap();
    assert_eq!(t.deadline(TimerKind::LossProbe), Some(300));
    assert_eq!(t.deadline(TimerKind::Retransmission), None, "one slot: the probe stands in for the RTO");
    assert!(t.fire(300, TimerKind::LossProbe));
    assert_eq!(t.sent(), vec![seg(Flags::FIN_ACK, OURS, THEIRS)]);
    assert_eq!(t.reasons(), vec![Reason::TailLossProbe]);
    assert_eq!(t.deadline(TimerKind::Retransmission), Some(600));
    assert!(t.fire(600, TimerKind::Retransmission));
    assert_eq!(t.deadline(TimerKind::Retransmission), Some(1_200), "doubled from here");

    let mut r = established(rfc());
    r.call(0, AppCall::Close).unwrap();
    assert_eq!((r.deadline(TimerKind::Retransmission), r.deadline(TimerKind::LossProbe)), (Some(1_000), None));
}

/// After a timeout nothing is probed until everything then in flight is acknowledged (Linux's
/// Loss state); then the next data is probed again.
#[test]
fn test_established_linux_no_probe_during_loss_recovery() {
    let mut t = established_measured(linux());
    t.call(0, AppCall::Send { data: b"a".into() }).unwrap();
    t.call(1, AppCall::Send { data: b"b".into() }).unwrap();
    assert!(t.fire(t.deadline(TimerKind::LossProbe).unwrap(), TimerKind::LossProbe));
    assert_eq!(t.sent()[0].data, b"b".to_vec(), "the probe repeats the last segment");
    assert!(t.fire(t.deadline(TimerKind::Retransmission).unwrap(), TimerKind::Retransmission));
    assert_eq!(t.sent()[0].data, b"a".to_vec(), "the timeout repeats the oldest");
    t.arrive(700, seg(Flags::ACK, THEIRS, OURS + 1));
    assert!(t.deadline(TimerKind::Retransmission).is_some() && t.deadline(TimerKind::LossProbe).is_none());
    t.arrive(710, seg(Flags::ACK, THEIRS, OURS + 2));
    t.call(720, AppCall::Send { data: b"c".into() }).unwrap();
    assert!(t.deadline(TimerKind::LossProbe).is_some(), "recovered: probes again");
}

/// Linux's RTO adds its 200 ms minimum to the round trip instead of flooring the total
/// (tcp_set_rto): a 16 ms round trip gives 216 ms where RFC 6298 gives 200 ms.
#[test]
fn test_established_linux_rto_is_round_trip_plus_the_minimum() {
    let linux_rto = |p: Params| {
        let e = Endpoint::established(Host::A, p, Seq(OURS), Seq(THEIRS), WINDOW, &[]);
        e.with_round_trip(finwait_core::Duration(16)).snapshot().rto_ms
    };
    assert_eq!(linux_rto(linux()), 216);
    assert_eq!(linux_rto(Params { linux_rto: false, ..linux() }), 200);
}

// ── FIN-WAIT-2 ────────────────────────────────────────────────────────────────────────────

#[test]
fn test_fin_wait_2_fin() {
    let mut t = fin_wait_2(rfc());
    t.arrive(100, seg(Flags::FIN_ACK, THEIRS, OURS + 1));
    assert_eq!(t.state(), State::TimeWait);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS + 1)]);
    assert_eq!(t.deadline(TimerKind::TimeWait), Some(100 + 240_000));
}

#[test]
fn test_fin_wait_2_data_is_still_received() {
    let mut t = fin_wait_2(rfc());
    t.arrive(100, Segment { data: b"more".into(), ack: Seq(OURS + 1), ..from_peer() });
    assert_eq!(t.state(), State::FinWait2);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS + 4)]);
    assert_eq!(t.call(110, AppCall::Read { max: None }), Ok(CallOutcome::Read { data: b"more".into(), eof: false }));
}

#[test]
fn test_fin_wait_2_rst_exact_resets() {
    let mut t = fin_wait_2(rfc());
    t.arrive(100, seg(Flags::RST, THEIRS, 0));
    assert_eq!(t.state(), State::Closed);
    assert!(t.out.contains(&Output::Notice(finwait_core::Notice::Failed { error: CallError::ConnectionReset })));
}

#[test]
fn test_fin_wait_2_rst_in_window_gets_a_challenge_ack() {
    let mut t = fin_wait_2(rfc());
    t.arrive(100, seg(Flags::RST, THEIRS + 49, 0));
    assert_eq!(t.state(), State::FinWait2);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS)]);
    assert_eq!(t.reasons(), vec![Reason::ResetChallenge]);
}

#[test]
fn test_fin_wait_2_rst_outside_the_window_is_silently_dropped() {
    let mut t = fin_wait_2(rfc());
    t.arrive(100, seg(Flags::RST, 90_000, 0));
    assert_eq!(t.state(), State::FinWait2);
    assert!(t.sent().is_empty());
    assert_eq!(t.reasons(), vec![Reason::ResetOutOfWindow]);
}

#[test]
fn test_fin_wait_2_linux_orphan_times_out_but_shutdown_does_not() {
    let t = fin_wait_2(linux());
    assert_eq!(t.deadline(TimerKind::FinWait2), Some(50 + 60_000), "close() orphans the socket");

    let mut s = established(linux());
    s.call(0, AppCall::Shutdown).unwrap();
    s.arrive(50, seg(Flags::ACK, THEIRS, OURS + 1));
    assert_eq!(s.state(), State::FinWait2);
    assert_eq!(s.deadline(TimerKind::FinWait2), None, "shutdown() keeps the socket");
    // A close() afterwards orphans it: now the timer runs, and no second FIN is sent.
    s.call(1000, AppCall::Close).unwrap();
    assert!(s.sent().is_empty());
    assert_eq!(s.deadline(TimerKind::FinWait2), Some(61_000));
}

#[test]
fn test_fin_wait_2_rfc_has_no_timer() {
    let t = fin_wait_2(rfc());
    assert_eq!(t.e.next_deadline(), None, "RFC 9293: FIN-WAIT-2 can last for ever");
}

#[test]
fn test_fin_wait_2_linux_data_after_close_is_answered_with_rst() {
    let mut t = fin_wait_2(linux());
    t.arrive(100, Segment { data: b"late".into(), ack: Seq(OURS + 1), ..from_peer() });
    assert_eq!(t.state(), State::Closed);
    // As to a segment for no connection: SEQ = its ACK, no ACK flag.
    assert_eq!(
        t.sent(),
        vec![Segment { flags: Flags::RST, seq: Seq(OURS + 1), ack: Seq(0), wnd: 0, data: Default::default() }]
    );
    assert!(t.reasons().contains(&Reason::DataAfterClose));
}

#[test]
fn test_fin_wait_1_linux_a_fin_ahead_of_data_after_close_is_answered_with_rst() {
    let mut t = fin_wait_1(linux());
    t.arrive(50, seg(Flags::FIN_ACK, THEIRS + 100, OURS));
    assert_eq!(t.state(), State::Closed, "bytes before the FIN will never be read");
    assert_eq!(t.sent()[0].flags, Flags::RST);
}

#[test]
fn test_fin_wait_2_linux_orphan_ends_at_a_reset_anywhere_in_the_window() {
    let mut t = fin_wait_2(linux());
    t.arrive(100, seg(Flags::RST, THEIRS + 49, 0));
    assert_eq!(t.state(), State::Closed, "Linux's time-wait socket has no challenge ACK");
    assert!(t.sent().is_empty());
    assert_eq!(t.reasons().last(), Some(&Reason::OrphanReset));

    // After shutdown() the socket is not an orphan: RFC 5961 applies.
    let mut s = established(linux());
    s.call(0, AppCall::Shutdown).unwrap();
    s.arrive(50, seg(Flags::ACK, THEIRS, OURS + 1));
    s.arrive(100, seg(Flags::RST, THEIRS + 49, 0));
    assert_eq!(s.state(), State::FinWait2);
    assert_eq!(s.reasons(), vec![Reason::ResetChallenge]);
}

#[test]
fn test_fin_wait_2_linux_orphan_answers_a_reset_outside_the_window_with_an_ack() {
    let mut t = fin_wait_2(linux());
    t.arrive(100, seg(Flags::RST, THEIRS + 100_000, 0));
    assert_eq!(t.state(), State::FinWait2);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS)]);
}

#[test]
fn test_fin_wait_2_linux_orphan_absorbs_what_brings_nothing_new() {
    let mut t = fin_wait_2(linux());
    t.arrive(100, seg(Flags::ACK, THEIRS, OURS + 1));
    assert!(t.sent().is_empty());
    assert_eq!(t.reasons(), vec![Reason::OrphanIgnores]);
    t.arrive(110, seg(Flags::FIN_ACK, THEIRS, OURS + 1));
    assert_eq!(t.state(), State::TimeWait);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS + 1)]);
}

// ── CLOSING ───────────────────────────────────────────────────────────────────────────────

#[test]
fn test_closing_ack_of_fin_goes_to_time_wait() {
    let mut t = closing();
    t.arrive(100, seg(Flags::ACK, THEIRS + 1, OURS + 1));
    assert_eq!(t.state(), State::TimeWait);
    assert_eq!(t.deadline(TimerKind::TimeWait), Some(240_100));
}

#[test]
fn test_closing_retransmitted_fin_is_acked_again() {
    let mut t = closing();
    t.arrive(1000, seg(Flags::FIN_ACK, THEIRS, OURS));
    assert_eq!(t.state(), State::Closing);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS + 1)]);
    assert_eq!(t.reasons(), vec![Reason::RetransmittedFin]);
}

#[test]
fn test_closing_before_our_fin_left_the_queue_still_sends_it() {
    // The peer's window holds 100 bytes: of 300 queued, 100 go out, and the FIN waits behind
    // the rest. The peer's FIN arrives meanwhile: CLOSING, and the data and FIN still follow.
    let mut t = Tcb::new(Endpoint::established(Host::A, rfc(), Seq(OURS), Seq(THEIRS), 100, &[]));
    t.e.call(Time(0), &AppCall::Send { data: vec![b'x'; 300].into() }, &mut t.out).unwrap();
    t.call(0, AppCall::Close).unwrap();
    assert_eq!(t.state(), State::FinWait1);
    assert_eq!(t.sent().iter().map(|s| (s.data.len(), s.flags.fin)).collect::<Vec<_>>(), vec![(100, false)]);
    t.arrive(50, Segment { flags: Flags::FIN_ACK, wnd: 100, ..from_peer() });
    assert_eq!(t.state(), State::Closing);
    t.arrive(60, Segment { ack: Seq(OURS + 100), wnd: 100, ..seg(Flags::ACK, THEIRS + 1, 0) });
    assert_eq!(
        t.sent().iter().map(|s| (s.seq.0, s.data.len(), s.flags.fin)).collect::<Vec<_>>(),
        vec![(OURS + 100, 100, false)]
    );
    t.arrive(70, Segment { ack: Seq(OURS + 200), wnd: 100, ..seg(Flags::ACK, THEIRS + 1, 0) });
    assert_eq!(
        t.sent().iter().map(|s| (s.seq.0, s.data.len(), s.flags.fin)).collect::<Vec<_>>(),
        vec![(OURS + 200, 100, true)],
        "the last bytes carry the FIN"
    );
    t.arrive(80, seg(Flags::ACK, THEIRS + 1, OURS + 301));
    assert_eq!(t.state(), State::TimeWait);
}

// ── TIME-WAIT ─────────────────────────────────────────────────────────────────────────────

#[test]
fn test_time_wait_expiry_closes() {
    let mut t = time_wait(rfc());
    assert!(t.fire(240_100, TimerKind::TimeWait));
    assert_eq!(t.state(), State::Closed);
    assert_eq!(t.e.next_deadline(), None);
}

#[test]
fn test_time_wait_retransmitted_fin_restarts_the_timer() {
    let mut t = time_wait(rfc());
    t.arrive(1150, seg(Flags::FIN_ACK, THEIRS, OURS + 1));
    assert_eq!(t.state(), State::TimeWait);
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS + 1)]);
    assert_eq!(t.deadline(TimerKind::TimeWait), Some(1150 + 240_000), "2×MSL counted again");
    assert_eq!(t.reasons(), vec![Reason::TimeWaitRestart]);
}

#[test]
fn test_time_wait_rst_exact_assassinates_unless_rfc1337() {
    let mut t = time_wait(rfc());
    t.arrive(1000, seg(Flags::RST, THEIRS + 1, 0));
    assert_eq!(t.state(), State::Closed);
    assert!(!t.out.iter().any(|o| matches!(o, Output::Notice(_))), "no application to tell");

    let mut p = rfc();
    p.rfc1337 = true;
    let mut g = time_wait(p);
    g.arrive(1000, seg(Flags::RST, THEIRS + 1, 0));
    assert_eq!(g.state(), State::TimeWait);
    assert_eq!(g.reasons(), vec![Reason::ResetIgnoredInTimeWait]);
}

#[test]
fn test_time_wait_connect_is_address_in_use() {
    let mut t = time_wait(rfc());
    assert_eq!(t.call(1000, AppCall::Connect { isn: None }), Err(CallError::AddressInUse));
    assert_eq!(t.call(1000, AppCall::Close), Err(CallError::ConnectionClosing));
    assert_eq!(t.call(1000, AppCall::Abort), Ok(CallOutcome::Done));
    assert_eq!(t.state(), State::Closed);
    assert!(t.sent().is_empty(), "an abort in TIME-WAIT sends no reset");
}

#[test]
fn test_time_wait_linux_lasts_sixty_seconds_whatever_the_msl() {
    let mut p = linux();
    p.msl = finwait_core::Duration(1);
    let t = time_wait(p);
    assert_eq!(t.deadline(TimerKind::TimeWait), Some(100 + 60_000));
}

#[test]
fn test_time_wait_linux_close_with_unread_data_lets_the_wait_run() {
    // shutdown(), then the peer's data and FIN: TIME-WAIT with 4 bytes unread. close() now
    // throws the bytes away but neither resets nor ends TIME-WAIT.
    let mut t = established(linux());
    t.call(0, AppCall::Shutdown).unwrap();
    t.arrive(50, Segment { flags: Flags::FIN_ACK, ack: Seq(OURS + 1), data: b"late".into(), ..from_peer() });
    assert_eq!(t.state(), State::TimeWait);
    assert_eq!(t.call(60, AppCall::Close), Ok(CallOutcome::Done));
    assert_eq!(t.state(), State::TimeWait);
    assert!(t.sent().is_empty(), "no RST: both FINs are through");
    assert_eq!(t.deadline(TimerKind::TimeWait), Some(50 + 60_000));
    assert_eq!(t.call(70, AppCall::Read { max: None }), Err(CallError::SocketClosed));
}

#[test]
fn test_time_wait_linux_restarts_on_any_ack_and_absorbs_a_bare_one() {
    let mut t = time_wait(linux());
    // A bare ACK exactly at RCV.NXT: restarts the wait, no answer.
    t.arrive(1_000, seg(Flags::ACK, THEIRS + 1, OURS + 1));
    assert!(t.sent().is_empty());
    assert_eq!(t.deadline(TimerKind::TimeWait), Some(1_000 + 60_000));
    assert_eq!(t.reasons(), vec![Reason::TimeWaitRestartOnAck]);
    // An old ACK (below RCV.NXT): restarts it and is answered.
    t.arrive(2_000, seg(Flags::ACK, THEIRS, OURS + 1));
    assert_eq!(t.sent(), vec![seg(Flags::ACK, OURS + 1, THEIRS + 1)]);
    assert_eq!(t.deadline(TimerKind::TimeWait), Some(2_000 + 60_000));
    // An RST inside the window but not at RCV.NXT: dropped, no challenge ACK.
    t.arrive(3_000, seg(Flags::RST, THEIRS + 10, 0));
    assert_eq!(t.state(), State::TimeWait);
    assert!(t.sent().is_empty());
    assert_eq!(t.reasons(), vec![Reason::TimeWaitDropsReset]);

    // RFC 9293: a bare ACK changes nothing.
    let mut r = time_wait(rfc());
    r.arrive(1_000, seg(Flags::ACK, THEIRS + 1, OURS + 1));
    assert_eq!(r.deadline(TimerKind::TimeWait), Some(100 + 240_000));
}

// ── CLOSE-WAIT ────────────────────────────────────────────────────────────────────────────

#[test]
fn test_close_wait_has_no_timer_and_read_gives_eof() {
    let mut t = close_wait(rfc());
    assert_eq!(t.e.next_deadline(), None, "only the application's close ends CLOSE-WAIT");
    assert_eq!(t.call(100, AppCall::Read { max: None }), Ok(CallOutcome::Read { data: Default::default(), eof: true }));
}

#[test]
fn test_close_wait_send_is_allowed() {
    let mut t = close_wait(rfc());
    assert_eq!(t.call(100, AppCall::Send { data: b"reply".into() }), Ok(CallOutcome::Queued { bytes: 5 }));
    assert_eq!(t.sent()[0].data, b"reply".to_vec());
}

#[test]
fn test_close_wait_close_goes_to_last_ack() {
    let t = last_ack();
    assert_eq!(t.sent(), vec![seg(Flags::FIN_ACK, OURS, THEIRS + 1)]);
    assert!(t.reasons().contains(&Reason::AppCloseInCloseWait));
}

#[test]
fn test_close_wait_linux_the_ack_of_the_fin_waits_whatever_quick_acks_are_left() {
    let mut t = established(linux());
    t.arrive(10, peer_data(0, 7));
    assert_eq!(t.reasons().last(), Some(&Reason::QuickAck), "quick ACKs are left");
    t.arrive(20, seg(Flags::FIN_ACK, THEIRS + 7, OURS));
    assert_eq!(t.state(), State::CloseWait);
    assert!(t.sent().is_empty(), "CLOSE-WAIT waits for the application's reply");
    assert_eq!(t.deadline(TimerKind::DelayedAck), Some(60));
}

#[test]
fn test_close_wait_linux_rst_just_below_rcv_nxt_resets() {
    let mut t = close_wait(linux());
    t.arrive(100, seg(Flags::RST, THEIRS, 0));
    assert_eq!(t.state(), State::Closed);
    assert!(t.reasons().contains(&Reason::ResetBeforeFin));

    let mut r = close_wait(rfc());
    r.arrive(100, seg(Flags::RST, THEIRS, 0));
    assert_eq!(r.state(), State::CloseWait, "RFC 9293: outside the window, dropped");
}

// ── LAST-ACK ──────────────────────────────────────────────────────────────────────────────

#[test]
fn test_last_ack_ack_of_fin_closes() {
    let mut t = last_ack();
    t.arrive(150, seg(Flags::ACK, THEIRS + 1, OURS + 1));
    assert_eq!(t.state(), State::Closed);
    assert!(t.reasons().contains(&Reason::OurFinAckedInLastAck));
}

#[test]
fn test_last_ack_reset_tells_the_application() {
    let mut t = last_ack();
    t.arrive(150, seg(Flags::RST, THEIRS + 1, 0));
    assert_eq!(t.state(), State::Closed);
    assert!(t.out.contains(&Output::Notice(finwait_core::Notice::Failed { error: CallError::ConnectionReset })));
}

// ── CLOSED ────────────────────────────────────────────────────────────────────────────────

#[test]
fn test_closed_close_after_a_reset_fails_by_the_rfc_and_succeeds_on_linux() {
    let reset_then_close = |params: Params| {
        let mut t = established(params);
        t.arrive(50, seg(Flags::RST, THEIRS, 0));
        assert_eq!(t.call(60, AppCall::Read { max: None }), Err(CallError::ConnectionReset));
        t.call(70, AppCall::Close)
    };
    assert_eq!(reset_then_close(rfc()), Err(CallError::ConnectionReset), "RFC 9293 §3.10.4");
    assert_eq!(reset_then_close(linux()), Ok(CallOutcome::Done));
}

#[test]
fn test_closed_linux_close_only_releases_the_socket() {
    let mut t = established(linux());
    t.arrive(50, seg(Flags::RST, THEIRS, 0));
    t.call(70, AppCall::Close).unwrap();
    assert!(t.sent().is_empty());
    assert_eq!(t.reasons(), vec![Reason::CloseAfterError]);
    assert_eq!(t.call(80, AppCall::Close), Err(CallError::SocketClosed), "released: the descriptor is gone");
}

#[test]
fn test_closed_answers_with_reset() {
    let mut t = Tcb::new(Endpoint::closed(Host::A, rfc()));
    t.arrive(0, seg(Flags::FIN_ACK, THEIRS, 1002));
    assert_eq!(
        t.sent(),
        vec![Segment { flags: Flags::RST, seq: Seq(1002), ack: Seq(0), wnd: 0, data: Default::default() }]
    );
    t.arrive(0, seg(Flags::SYN, 700, 0));
    assert_eq!(
        t.sent(),
        vec![Segment { flags: Flags::RST_ACK, seq: Seq(0), ack: Seq(701), wnd: 0, data: Default::default() }]
    );
    t.arrive(0, seg(Flags::RST, 700, 0));
    assert!(t.sent().is_empty(), "an RST is never answered");
}

// ── Opening ───────────────────────────────────────────────────────────────────────────────

#[test]
fn test_listen_syn_and_handshake() {
    let mut server = Tcb::new(Endpoint::closed(Host::B, rfc()));
    server.call(0, AppCall::Listen { isn: Some(4999) }).unwrap();
    server.arrive(10, seg(Flags::SYN, 999, 0));
    assert_eq!(server.state(), State::SynReceived);
    assert_eq!(server.sent(), vec![seg(Flags::SYN_ACK, 4999, 1000)]);
    server.arrive(60, seg(Flags::ACK, 1000, 5000));
    assert_eq!(server.state(), State::Established);
}

#[test]
fn test_syn_sent_syn_ack_establishes_and_close_before_it_sends_nothing() {
    let mut client = Tcb::new(Endpoint::closed(Host::A, rfc()));
    client.call(0, AppCall::Connect { isn: Some(999) }).unwrap();
    assert_eq!(client.sent(), vec![Segment { flags: Flags::SYN, seq: Seq(999), ack: Seq(0), ..from_peer() }]);
    client.arrive(100, seg(Flags::SYN_ACK, 4999, 1000));
    assert_eq!(client.state(), State::Established);
    assert_eq!(client.sent(), vec![seg(Flags::ACK, 1000, 5000)]);

    let mut early = Tcb::new(Endpoint::closed(Host::A, rfc()));
    early.call(0, AppCall::Connect { isn: Some(999) }).unwrap();
    early.call(10, AppCall::Close).unwrap();
    assert_eq!(early.state(), State::Closed);
    assert!(early.sent().is_empty());
}

// ── Sequence numbers wrap ─────────────────────────────────────────────────────────────────

#[test]
fn test_a_close_across_the_wrap_of_sequence_space() {
    let ours = u32::MAX - 1;
    let theirs = u32::MAX;
    let mut t = Tcb::new(Endpoint::established(Host::A, rfc(), Seq(ours), Seq(theirs), WINDOW, &[]));
    t.call(0, AppCall::Send { data: b"wrap".into() }).unwrap();
    t.call(0, AppCall::Close).unwrap();
    // 4 bytes then the FIN: SND.NXT wraps to 3.
    assert_eq!(t.e.snd_nxt(), Seq(3));
    t.arrive(50, seg(Flags::ACK, theirs, 3));
    assert_eq!(t.state(), State::FinWait2);
    t.arrive(60, seg(Flags::FIN_ACK, theirs, 3));
    assert_eq!(t.state(), State::TimeWait);
    assert_eq!(t.e.rcv_nxt(), Seq(0));
    assert_eq!(t.sent(), vec![seg(Flags::ACK, 3, 0)]);
}

// ── Crafted resets ────────────────────────────────────────────────────────────────────────

#[test]
fn test_stray_resets_fall_where_they_say_for_any_window() {
    use finwait_core::action::ResetPosition;
    for window in [1_000, 65_535] {
        let json = format!(r#"{{"version": 1, "params": {{"window": {window}}}}}"#);
        let scenario = finwait_core::Scenario::from_json(&json).unwrap();
        for (position, reason) in [
            (ResetPosition::Exact, Reason::ResetExact),
            (ResetPosition::InWindow, Reason::ResetChallenge),
            (ResetPosition::Outside, Reason::ResetOutOfWindow),
        ] {
            let mut trace = finwait_core::Trace::default();
            let mut sim = scenario.start(&mut trace);
            sim.apply(&finwait_core::Action::stray_reset(&sim, Host::A, position), &mut trace).unwrap();
            while sim.step(&mut trace) {}
            let verdict = trace.events.iter().find_map(|e| match &e.kind {
                finwait_core::EventKind::State { reason, .. } | finwait_core::EventKind::Verdict { reason, .. } => {
                    Some(*reason)
                }
                finwait_core::EventKind::Segment { origin: finwait_core::Origin::Sent { reason }, .. } => Some(*reason),
                _ => None,
            });
            assert_eq!(verdict, Some(reason), "{position:?} with a window of {window}");
        }
    }
}
