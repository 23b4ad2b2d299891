//! What an endpoint sends: new data and FINs from the queue, ACKs (now or delayed), resets.

use super::{Endpoint, Output, Unacked};
use crate::app::{TimerChange, TimerKind};
use crate::reason::Reason;
use crate::segment::{Flags, Segment};
use crate::seq::Seq;
use crate::state::State;
use crate::time::Time;

impl Endpoint {
    /// Sends what the queue and the window allow, then the FIN if one is due and everything
    /// before it has gone out (RFC 9293 §3.10.4: "queue this until all preceding SENDs have
    /// been segmentized"). A FIN rides on the last data segment when both are ready together.
    pub fn flush(&mut self, now: Time, out: &mut Vec<Output>) {
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
        while !self.send_queue.is_empty() {
            let in_flight = self.snd_nxt.since(self.snd_una);
            let usable = self.snd_wnd.saturating_sub(in_flight);
            let n = (self.params.mss as usize).min(self.send_queue.len()).min(usable as usize);
            if n == 0 {
                break;
            }
            let data: Vec<u8> = self.send_queue.drain(..n).collect();
            let fin = self.fin_pending && self.send_queue.is_empty();
            let flags = if fin { Flags::FIN_ACK } else { Flags::ACK };
            let reason = if fin { self.close_reason() } else { Reason::AppSend };
            self.send_new(now, flags, data, reason, out);
        }
        if self.fin_pending && self.send_queue.is_empty() {
            let reason = self.close_reason();
            self.send_new(now, Flags::FIN_ACK, Vec::new(), reason, out);
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
    pub(super) fn probe_window(&mut self, now: Time, out: &mut Vec<Output>) {
        let Some(byte) = self.send_queue.pop_front() else { return };
        self.send_new(now, Flags::ACK, vec![byte], Reason::ZeroWindowProbe, out);
    }

    fn close_reason(&self) -> Reason {
        match self.state {
            State::LastAck => Reason::AppCloseInCloseWait,
            _ => Reason::AppClose,
        }
    }

    /// Sends a segment that occupies sequence space (SYN, data, FIN) at SND.NXT, keeps it for
    /// retransmission, and starts the retransmission timer if it is not running (RFC 6298 5.1).
    pub(super) fn send_new(&mut self, now: Time, flags: Flags, data: Vec<u8>, reason: Reason, out: &mut Vec<Output>) {
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
        if self.deadline(TimerKind::Retransmission).is_none() {
            self.start_timer(now, TimerKind::Retransmission, self.rto, out);
        }
        self.transmit(segment, reason, out);
    }

    /// Puts a segment on the wire. Any segment with ACK carries our acknowledgement, so a
    /// pending delayed ACK is no longer needed.
    pub(super) fn transmit(&mut self, segment: Segment, reason: Reason, out: &mut Vec<Output>) {
        if segment.flags.ack {
            self.stop_timer(TimerKind::DelayedAck, out);
        }
        out.push(Output::Transmit { segment, reason });
    }

    /// The ACK that answers a segment which is not acceptable, a challenge ACK (RFC 5961), or
    /// the ACK for an ACK of unsent data. Where the profile rate-limits these (Linux
    /// tcp_invalid_ratelimit), an answer to a segment without data is skipped if one went out
    /// less than the interval ago: two hosts that disagree about the sequence numbers would
    /// otherwise trade ACKs for ever.
    pub(super) fn answer_invalid(&mut self, now: Time, seg: &Segment, reason: Reason, out: &mut Vec<Output>) {
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
    pub(super) fn send_ack_now(&mut self, reason: Reason, out: &mut Vec<Output>) {
        let segment = Segment {
            flags: Flags::ACK,
            seq: self.snd_nxt,
            ack: self.rcv_nxt,
            wnd: self.params.window,
            data: Vec::new(),
        };
        self.transmit(segment, reason, out);
    }

    /// Acknowledges received data or a FIN: at once, or after the delayed-ACK time when the
    /// profile delays ACKs (RFC 1122 §4.2.3.2), so a reply or a FIN can carry it.
    /// Linux waits only about 4 ms until data has arrived from the peer.
    pub(super) fn schedule_ack(&mut self, now: Time, reason: Reason, out: &mut Vec<Output>) {
        let idle = if self.received_data { None } else { self.params.delayed_ack_idle };
        match self.params.delayed_ack.map(|d| idle.unwrap_or(d)) {
            Some(delay) => {
                if self.deadline(TimerKind::DelayedAck).is_none() {
                    self.start_timer(now, TimerKind::DelayedAck, delay, out);
                }
            }
            None => self.send_ack_now(reason, out),
        }
    }

    /// Sends a reset from this connection: <SEQ=SND.NXT><CTL=RST>, plus ACK=RCV.NXT where the
    /// profile sets ACK on resets (Linux).
    pub(super) fn send_reset(&mut self, reason: Reason, out: &mut Vec<Output>) {
        let flags = if self.params.rst_carries_ack { Flags::RST_ACK } else { Flags::RST };
        let ack = if flags.ack { self.rcv_nxt } else { Seq(0) };
        let segment = Segment { flags, seq: self.snd_nxt, ack, wnd: 0, data: Vec::new() };
        self.transmit(segment, reason, out);
    }

    /// A reset answering `seg` when there is no connection for it (RFC 9293 §3.10.7.1): with
    /// ACK → <SEQ=SEG.ACK><CTL=RST>; else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
    pub(super) fn send_reset_for(&mut self, seg: &Segment, reason: Reason, out: &mut Vec<Output>) {
        let segment = if seg.flags.ack {
            Segment { flags: Flags::RST, seq: seg.ack, ack: Seq(0), wnd: 0, data: Vec::new() }
        } else {
            Segment { flags: Flags::RST_ACK, seq: Seq(0), ack: seg.end(), wnd: 0, data: Vec::new() }
        };
        out.push(Output::Transmit { segment, reason });
    }

    /// Arms `timer` to fire `after` from now, recording whether it was already running.
    pub(super) fn start_timer(
        &mut self,
        now: Time,
        timer: TimerKind,
        after: crate::time::Duration,
        out: &mut Vec<Output>,
    ) {
        let was_running = self.timers.set(timer, now + after);
        let change = if was_running { TimerChange::Restarted { after } } else { TimerChange::Started { after } };
        out.push(Output::Timer { timer, change });
    }

    pub(super) fn stop_timer(&mut self, timer: TimerKind, out: &mut Vec<Output>) {
        if self.timers.stop(timer).is_some() {
            out.push(Output::Timer { timer, change: TimerChange::Stopped });
        }
    }
}
