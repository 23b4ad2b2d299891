//! What an endpoint sends: new data and FINs from the queue, ACKs (now or delayed), resets.

use super::{Endpoint, Output, Outputs, Unacked};
use crate::app::{TimerChange, TimerKind};
use crate::payload::Payload;
use crate::reason::Reason;
use crate::segment::{Flags, Segment};
use crate::seq::Seq;
use crate::state::State;
use crate::time::{Duration, Time};

impl Endpoint {
    /// Sends what the queue and the window allow, then the FIN if one is due and everything
    /// before it has gone out (RFC 9293 §3.10.4: "queue this until all preceding SENDs have
    /// been segmentized"). A FIN rides on the last data segment when both are ready together.
    pub fn flush(&mut self, now: Time, out: &mut Outputs) {
        let can_send = match self.state {
            State::Established | State::CloseWait => true,
            // Closed with data still queued: the data, then the FIN, still go out — also when
            // the peer's FIN arrived meanwhile (FIN-WAIT-1 → CLOSING before ours was sent).
            State::FinWait1 | State::Closing | State::LastAck => self.fin_seq.is_none(),
            _ => false,
        };
        if !can_send {
            return;
        }
        let before = self.snd_nxt;
        while !self.send_queue.is_empty() && out.room() > 0 {
            let in_flight = self.snd_nxt.since(self.snd_una);
            let usable = self.snd_wnd.saturating_sub(in_flight);
            let n = (self.params.mss as usize).min(self.send_queue.len()).min(usable as usize);
            if n == 0 {
                break;
            }
            let data = self.send_queue.take(n);
            let fin = self.fin_pending && self.send_queue.is_empty();
            let flags = if fin { Flags::FIN_ACK } else { Flags::ACK };
            let reason = if fin { self.close_reason() } else { Reason::AppSend };
            self.send_new(now, flags, data, reason, out);
        }
        if self.fin_pending && self.send_queue.is_empty() && out.room() > 0 {
            let reason = self.close_reason();
            self.send_new(now, Flags::FIN_ACK, Payload::default(), reason, out);
        }
        if self.snd_nxt != before {
            // Linux tcp_write_xmit: new segments went out, so the tail-loss probe is scheduled
            // again, never later than the retransmission timeout would be.
            self.arm_loss_probe(now, false, out);
        }
        // Bytes wait, the window is zero, and nothing is in flight whose ACK could reopen it:
        // only a probe can find out when it opens (RFC 9293 §3.8.6.1).
        if !self.send_queue.is_empty() && self.retransmit.is_empty() {
            if self.deadline(TimerKind::Persist).is_none() {
                self.start_timer(now, TimerKind::Persist, self.rto, out);
            }
        } else {
            self.stop_timer(TimerKind::Persist, out);
        }
    }

    /// The persist timer fired: one byte goes out beyond the zero window. It is kept for
    /// retransmission like any data, so the RTO backs off and in the end gives up if the peer
    /// never answers; its ACK brings the current window.
    pub(super) fn probe_window(&mut self, now: Time, out: &mut Outputs) {
        let byte = self.send_queue.take(1);
        if !byte.is_empty() {
            self.send_new(now, Flags::ACK, byte, Reason::ZeroWindowProbe, out);
        }
    }

    fn close_reason(&self) -> Reason {
        match self.state {
            State::LastAck => Reason::AppCloseInCloseWait,
            _ => Reason::AppClose,
        }
    }

    /// Sends a segment that occupies sequence space (SYN, data, FIN) at SND.NXT, keeps it for
    /// retransmission, and starts the retransmission timer if it is not running (RFC 6298 5.1).
    pub(super) fn send_new(&mut self, now: Time, flags: Flags, data: Payload, reason: Reason, out: &mut Outputs) {
        let segment = Segment {
            flags,
            seq: self.snd_nxt,
            ack: if flags.ack { self.rcv_nxt } else { Seq(0) },
            wnd: self.params.window,
            data,
        };
        let unacked = Unacked {
            seq: segment.seq,
            syn: flags.syn,
            fin: flags.fin,
            data: segment.data.clone(),
            sent_at: now,
            retransmitted: false,
        };
        self.snd_nxt = unacked.end();
        if flags.fin {
            self.fin_pending = false;
            self.fin_seq = segment.fin_seq();
        }
        self.retransmit.push_back(unacked);
        if !self.loss_timer_running() {
            self.start_timer(now, TimerKind::Retransmission, self.rto, out);
        }
        // Linux tcp_event_data_sent: data sent within the delayed-ACK time of data received is
        // a reply, and the exchange is interactive from now on (pingpong mode).
        let ato = self.params.delayed_ack;
        if !segment.data.is_empty()
            && self.last_data_at.zip(ato).is_some_and(|(received, ato)| now.since(received) < ato)
        {
            self.pingpong = true;
        }
        self.transmit(segment, reason, out);
    }

    /// RFC 8985 §7.2, as Linux's tcp_schedule_loss_probe does it: while nothing has been lost
    /// (no retransmission timeout since the data now in flight went out), arm the probe timer
    /// instead of the retransmission timer — 2·SRTT, plus `rto_min` when one segment is in
    /// flight (the peer may be delaying its ACK) or 2 ms otherwise, and 1 s without a round-trip
    /// sample; never later than the retransmission timeout (`advancing`: a full RTO from now,
    /// else the one running from the oldest segment). Returns whether it armed the probe.
    pub(super) fn arm_loss_probe(&mut self, now: Time, advancing: bool, out: &mut Outputs) -> bool {
        let synchronized = !matches!(self.state, State::SynSent | State::SynReceived) && self.state.is_synchronized();
        let Some(oldest) = self.retransmit.front() else { return false };
        if !self.params.tail_loss_probe || !synchronized || self.recovery.is_some() {
            return false;
        }
        let probe = match self.srtt {
            Some(srtt) => {
                let allowance = if self.retransmit.len() == 1 { self.params.rto_min } else { Duration(2) };
                Duration(srtt.saturating_mul(2)) + allowance
            }
            None => self.params.rto_initial,
        };
        let rto_left = if advancing { self.rto } else { (oldest.sent_at + self.rto).since(now) };
        let after = if rto_left > Duration::ZERO { probe.min(rto_left) } else { probe };
        self.stop_timer(TimerKind::Retransmission, out);
        self.start_timer(now, TimerKind::LossProbe, after, out);
        true
    }

    /// Puts a segment on the wire. Any segment with ACK carries our acknowledgement, so a
    /// pending delayed ACK is no longer needed; if it acknowledges data or a FIN, it uses up a
    /// quick ACK (Linux tcp_event_ack_sent → tcp_dec_quickack_mode).
    pub(super) fn transmit(&mut self, segment: Segment, reason: Reason, out: &mut Outputs) {
        if segment.flags.ack {
            self.stop_timer(TimerKind::DelayedAck, out);
            if self.ack_pending {
                self.quick = self.quick.saturating_sub(1);
                self.ack_pending = false;
            }
            self.rcv_acked = self.rcv_nxt;
        }
        out.transmit(segment, reason);
    }

    /// The ACK that answers a segment which is not acceptable, a challenge ACK (RFC 5961), or
    /// the ACK for an ACK of unsent data. Where the profile rate-limits these (Linux
    /// tcp_invalid_ratelimit), an answer to a segment without data is skipped if one went out
    /// less than the interval ago: two hosts that disagree about the sequence numbers would
    /// otherwise trade ACKs for ever.
    pub(super) fn answer_invalid(&mut self, now: Time, seg: &Segment, reason: Reason, out: &mut Outputs) {
        let could_loop = seg.seq_len() == 0 || seg.flags.syn;
        if let (Some(interval), true) = (self.params.invalid_ack_interval, could_loop) {
            if self.last_invalid_ack.is_some_and(|last| now.since(last) < interval) {
                out.push(Output::Verdict(Reason::AckRateLimited));
                return;
            }
            self.last_invalid_ack = Some(now);
        }
        self.send_ack_now(reason, out);
    }

    /// An ACK that says where we are: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
    pub(super) fn send_ack_now(&mut self, reason: Reason, out: &mut Outputs) {
        let segment = Segment {
            flags: Flags::ACK,
            seq: self.snd_nxt,
            ack: self.rcv_nxt,
            wnd: self.params.window,
            data: Payload::default(),
        };
        self.transmit(segment, reason, out);
    }

    /// Acknowledges received data or a FIN: at once, or after the delayed-ACK time when the
    /// profile delays ACKs (RFC 1122 §4.2.3.2), so a reply or a FIN can carry it — but at once
    /// when more than one full-sized segment is waiting for its ACK (§4.2.3.2 again), or in
    /// Linux's quick-ACK mode (`Params::quick_acks`). Linux waits only about 4 ms until data has
    /// arrived from the peer.
    pub(super) fn schedule_ack(&mut self, now: Time, reason: Reason, out: &mut Outputs) {
        self.ack_pending = true;
        let idle = if self.received_data { None } else { self.params.delayed_ack_idle };
        let Some(delay) = self.params.delayed_ack.map(|d| idle.unwrap_or(d)) else {
            return self.send_ack_now(reason, out);
        };
        if self.rcv_nxt.since(self.rcv_acked) > self.rcv_mss {
            self.send_ack_now(Reason::AckEverySecondSegment, out);
        } else if self.quick > 0 && !self.pingpong {
            self.send_ack_now(Reason::QuickAck, out);
        } else if self.deadline(TimerKind::DelayedAck).is_none() {
            self.start_timer(now, TimerKind::DelayedAck, delay, out);
        }
    }

    /// Linux tcp_event_data_recv: `len` bytes of data arrived in sequence. The first data of a
    /// connection, and data after a pause longer than the RTO, earn quick ACKs
    /// (tcp_incr_quickack); the peer's segment size is learnt on the way (tcp_measure_rcv_mss).
    pub(super) fn data_arrived(&mut self, now: Time, len: usize) {
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        if len >= self.rcv_mss {
            self.rcv_mss = len.min(self.params.mss);
        }
        let long_pause = self.last_data_at.is_some_and(|t| now.since(t) > self.rto);
        if !self.received_data || long_pause {
            self.add_quick_acks();
        }
        self.received_data = true;
        self.last_data_at = Some(now);
    }

    /// Linux tcp_incr_quickack: as many quick ACKs as the window holds pairs of segments (at
    /// least 2), at most `quick_acks`.
    fn add_quick_acks(&mut self) {
        let pairs = self.params.window / self.rcv_mss.saturating_mul(2).max(1);
        self.quick = self.quick.max(pairs.max(2).min(self.params.quick_acks));
    }

    /// Linux tcp_enter_quickack_mode: a repeated segment asks for quick answers again, and the
    /// exchange is no longer taken for interactive.
    pub(super) fn enter_quick_ack_mode(&mut self) {
        self.add_quick_acks();
        self.pingpong = false;
    }

    /// Sends a reset from this connection: <SEQ=SND.NXT><CTL=RST>, plus ACK=RCV.NXT where the
    /// profile sets ACK on resets (Linux).
    pub(super) fn send_reset(&mut self, reason: Reason, out: &mut Outputs) {
        let flags = if self.params.rst_carries_ack { Flags::RST_ACK } else { Flags::RST };
        let ack = if flags.ack { self.rcv_nxt } else { Seq(0) };
        let segment = Segment { flags, seq: self.snd_nxt, ack, wnd: 0, data: Payload::default() };
        self.transmit(segment, reason, out);
    }

    /// A reset answering `seg` when there is no connection for it (RFC 9293 §3.10.7.1): with
    /// ACK → <SEQ=SEG.ACK><CTL=RST>; else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
    pub(super) fn send_reset_for(&mut self, seg: &Segment, reason: Reason, out: &mut Outputs) {
        let segment = if seg.flags.ack {
            Segment { flags: Flags::RST, seq: seg.ack, ack: Seq(0), wnd: 0, data: Payload::default() }
        } else {
            Segment { flags: Flags::RST_ACK, seq: Seq(0), ack: seg.end(), wnd: 0, data: Payload::default() }
        };
        out.transmit(segment, reason);
    }

    /// Arms `timer` to fire `after` from now, recording whether it was already running.
    pub(super) fn start_timer(&mut self, now: Time, timer: TimerKind, after: Duration, out: &mut Outputs) {
        let was_running = self.timers.set(timer, now + after);
        let change = if was_running { TimerChange::Restarted { after } } else { TimerChange::Started { after } };
        out.push(Output::Timer { timer, change });
    }

    pub(super) fn stop_timer(&mut self, timer: TimerKind, out: &mut Outputs) {
        if self.timers.stop(timer).is_some() {
            out.push(Output::Timer { timer, change: TimerChange::Stopped });
        }
    }
}
