//! A segment arrives (RFC 9293 §3.10.7), with RFC 5961's reset and SYN checks, RFC 1337's
//! TIME-WAIT protection, and the Linux divergences the profile switches on.

use super::{clock_isn, Endpoint, OutOfOrder, Output, Outputs};
use crate::app::{CallError, Notice, TimerKind};
use crate::payload::Payload;
use crate::reason::Reason;
use crate::segment::{Flags, Segment};
use crate::seq::Seq;
use crate::state::State;
use crate::time::Time;

impl Endpoint {
    /// Processes an arriving segment, then sends whatever became due.
    pub fn on_segment(&mut self, now: Time, seg: &Segment, out: &mut Outputs) {
        match self.state {
            State::Closed => self.arrive_closed(seg, out),
            State::Listen => self.arrive_listen(now, seg, out),
            State::SynSent => self.arrive_syn_sent(now, seg, out),
            _ => self.arrive_synchronized(now, seg, out),
        }
        self.flush(now, out);
    }

    /// §3.10.7.1: no connection. An RST is dropped; anything else is answered with a reset.
    fn arrive_closed(&mut self, seg: &Segment, out: &mut Outputs) {
        if seg.flags.rst {
            out.push(Output::Verdict(Reason::NoConnectionRst));
        } else {
            self.send_reset_for(seg, Reason::NoConnection, out);
        }
    }

    /// §3.10.7.2: LISTEN ignores resets, resets ACKs, and answers a SYN with SYN,ACK.
    fn arrive_listen(&mut self, now: Time, seg: &Segment, out: &mut Outputs) {
        if seg.flags.rst {
            out.push(Output::Verdict(Reason::ListenIgnores));
        } else if seg.flags.ack {
            self.send_reset_for(seg, Reason::BadAckInHandshake, out);
        } else if seg.flags.syn {
            self.irs = seg.seq;
            self.rcv_nxt = seg.seq.wrapping_add(1);
            self.snd_wnd = seg.wnd;
            self.iss = self.app.listen_isn.map(Seq).unwrap_or_else(|| clock_isn(self.host, now));
            self.snd_una = self.iss;
            self.snd_nxt = self.iss;
            self.set_state(State::SynReceived, Reason::SynInListen, out);
            self.send_new(now, Flags::SYN_ACK, Payload::default(), Reason::SynInListen, out);
        } else {
            out.push(Output::Verdict(Reason::ListenIgnores));
        }
    }

    /// §3.10.7.3: SYN-SENT waits for a SYN (with an ACK of ours: established; without:
    /// simultaneous open).
    fn arrive_syn_sent(&mut self, now: Time, seg: &Segment, out: &mut Outputs) {
        let ack_ok = if seg.flags.ack {
            if seg.ack.le(self.iss) || seg.ack.gt(self.snd_nxt) {
                if seg.flags.rst {
                    out.push(Output::Verdict(Reason::ResetOutOfWindow));
                } else {
                    self.send_reset_for(seg, Reason::BadAckInHandshake, out);
                }
                return;
            }
            true
        } else {
            false
        };
        if seg.flags.rst {
            if ack_ok {
                self.fail(CallError::ConnectionRefused, out);
                self.set_state(State::Closed, Reason::ResetInHandshake, out);
            } else {
                out.push(Output::Verdict(Reason::ResetOutOfWindow));
            }
            return;
        }
        if !seg.flags.syn {
            out.push(Output::Verdict(Reason::SynSentIgnores));
            return;
        }
        self.irs = seg.seq;
        self.rcv_nxt = seg.seq.wrapping_add(1);
        self.snd_wnd = seg.wnd;
        if ack_ok {
            self.on_new_ack(now, seg.ack, out);
            self.set_state(State::Established, Reason::SynAckInSynSent, out);
            out.push(Output::Notice(Notice::Connected));
            self.send_ack_now(Reason::SynAckInSynSent, out);
        } else {
            self.set_state(State::SynReceived, Reason::SimultaneousOpen, out);
            let syn_ack = Segment {
                flags: Flags::SYN_ACK,
                seq: self.iss,
                ack: self.rcv_nxt,
                wnd: self.params.window,
                data: Payload::default(),
            };
            self.transmit(syn_ack, Reason::SimultaneousOpen, out);
        }
    }

    /// RFC 9293 Table 6: does any part of the segment fall in the receive window?
    fn acceptable(&self, seg: &Segment) -> bool {
        let len = seg.seq_len();
        let wnd = self.params.window;
        match (len, wnd) {
            (0, 0) => seg.seq == self.rcv_nxt,
            (0, _) => seg.seq.in_window(self.rcv_nxt, wnd),
            (_, 0) => false,
            (_, _) => {
                seg.seq.in_window(self.rcv_nxt, wnd) || seg.seq.wrapping_add(len - 1).in_window(self.rcv_nxt, wnd)
            }
        }
    }

    /// §3.10.7.4, the checks in the RFC's order: sequence number, RST, SYN, ACK, text, FIN.
    fn arrive_synchronized(&mut self, now: Time, seg: &Segment, out: &mut Outputs) {
        // Linux: after the peer's FIN, a reset one below RCV.NXT is still taken as a reset (some
        // peers send FIN then RST with the same number). It would fail the window check.
        if seg.flags.rst
            && self.params.accept_rst_before_fin
            && matches!(self.state, State::CloseWait | State::Closing | State::LastAck)
            && seg.seq == self.rcv_nxt.wrapping_sub(1)
        {
            self.reset(Reason::ResetBeforeFin, out);
            return;
        }

        if self.state == State::TimeWait && self.params.linux_time_wait {
            self.arrive_time_wait_linux(now, seg, out);
            return;
        }
        if self.state == State::FinWait2 && self.app.released && self.params.linux_time_wait {
            self.arrive_orphan_fin_wait_2_linux(now, seg, out);
            return;
        }

        // 1. Sequence number.
        if !self.acceptable(seg) {
            if seg.flags.rst {
                out.push(Output::Verdict(Reason::ResetOutOfWindow));
                return;
            }
            let old_fin = self.peer_fin && seg.fin_seq() == Some(self.rcv_nxt.wrapping_sub(1));
            let repeated = old_fin || (seg.seq_len() > 0 && seg.end().le(self.rcv_nxt));
            if repeated && self.state != State::TimeWait {
                // Linux tcp_data_queue: "a retransmit … force an immediate ack".
                self.enter_quick_ack_mode();
            }
            if old_fin && self.state == State::TimeWait {
                // docs/tcp-close-rules.md, "a trap in the RFC's wording": the intent of §3.6
                // and §3.10.7.4 is that a retransmitted FIN is ACKed and restarts the wait.
                self.start_timer(now, TimerKind::TimeWait, self.params.time_wait, out);
                self.answer_invalid(now, seg, Reason::TimeWaitRestart, out);
            } else if old_fin {
                self.answer_invalid(now, seg, Reason::RetransmittedFin, out);
            } else {
                self.answer_invalid(now, seg, Reason::UnacceptableSegment, out);
            }
            return;
        }

        // 2. RST (RFC 5961 §3.2): only an exact match resets.
        if seg.flags.rst {
            if self.state == State::TimeWait && self.params.rfc1337 {
                out.push(Output::Verdict(Reason::ResetIgnoredInTimeWait));
            } else if seg.seq == self.rcv_nxt {
                self.reset(Reason::ResetExact, out);
            } else {
                self.answer_invalid(now, seg, Reason::ResetChallenge, out);
            }
            return;
        }

        // 4. SYN on a synchronized connection (RFC 5961 §4): challenge ACK.
        if seg.flags.syn {
            self.answer_invalid(now, seg, Reason::SynChallenge, out);
            return;
        }

        // 5. ACK.
        if !seg.flags.ack {
            out.push(Output::Verdict(Reason::NoAckFlag));
            return;
        }
        if self.state == State::SynReceived {
            if seg.ack.gt(self.snd_una) && seg.ack.le(self.snd_nxt) {
                self.on_new_ack(now, seg.ack, out);
                self.snd_wnd = seg.wnd;
                self.set_state(State::Established, Reason::HandshakeAck, out);
                out.push(Output::Notice(Notice::Connected));
            } else {
                self.send_reset_for(seg, Reason::BadAckInHandshake, out);
                return;
            }
        }
        if seg.ack.gt(self.snd_nxt) {
            self.answer_invalid(now, seg, Reason::AckOfUnsentData, out);
            return;
        }
        if seg.ack.gt(self.snd_una) {
            self.on_new_ack(now, seg.ack, out);
        }
        if seg.ack.ge(self.snd_una) {
            self.snd_wnd = seg.wnd;
        }
        // The text and FIN this segment brings, cut to what is new and in the window.
        let (seq, data, fin) = self.trim_to_window(seg);
        if self.fin_acked() {
            match self.state {
                // A FIN that also acknowledges ours goes straight to TIME-WAIT (step 8), so the
                // close takes three segments and FIN-WAIT-2 is never entered.
                State::FinWait1 if fin && seq == self.rcv_nxt && !self.peer_fin => {}
                State::FinWait1 => {
                    self.set_state(State::FinWait2, Reason::OurFinAcked, out);
                    self.arm_orphan_timer(now, out);
                }
                State::Closing => self.enter_time_wait(now, Reason::OurFinAckedInClosing, out),
                State::LastAck => {
                    self.set_state(State::Closed, Reason::OurFinAckedInLastAck, out);
                    return;
                }
                _ => {}
            }
        }

        // Linux tcp_rcv_state_process, FIN-WAIT-1/2 after close(): nobody will read, so anything
        // that would take the receive side past RCV.NXT — data, or a FIN ahead of missing
        // bytes — is answered with a reset, as a segment for no connection is.
        if self.app.released
            && self.params.rst_on_close_with_unread_data
            && matches!(self.state, State::FinWait1 | State::FinWait2)
            && self.brings_more_than_a_fin(seg)
        {
            self.send_reset_for(seg, Reason::DataAfterClose, out);
            self.set_state(State::Closed, Reason::DataAfterClose, out);
            return;
        }

        // 7–8. Text and FIN.
        if data.is_empty() && !fin {
            return;
        }
        if self.peer_fin {
            out.push(Output::Verdict(Reason::DataAfterFin));
            return;
        }
        self.ack_pending = true;
        if seq != self.rcv_nxt {
            self.hold_out_of_order(OutOfOrder { seq, data, fin });
            self.send_ack_now(Reason::OutOfOrder, out);
            return;
        }
        let mut ack_reason = self.accept_in_order(now, data, fin, out);
        let filled_gap = self.drain_out_of_order(now, &mut ack_reason, out);
        if filled_gap {
            self.send_ack_now(Reason::OutOfOrderFilled, out);
        } else if matches!(self.state, State::TimeWait | State::Closing) {
            self.send_ack_now(ack_reason, out);
        } else {
            self.schedule_ack(now, ack_reason, out);
        }
    }

    /// Linux's time-wait socket (tcp_timewait_state_process), which differs from the RFC's
    /// TIME-WAIT in three ways: any segment with ACK restarts the wait; a bare ACK exactly at
    /// RCV.NXT is absorbed without an answer; an RST kills it only exactly at RCV.NXT (and not
    /// with RFC 1337 protection), any other RST is dropped without a challenge ACK. Everything
    /// else — a retransmitted FIN above all — is answered with an ACK.
    fn arrive_time_wait_linux(&mut self, now: Time, seg: &Segment, out: &mut Outputs) {
        if seg.flags.rst {
            match (seg.seq == self.rcv_nxt, self.params.rfc1337) {
                (true, false) => self.reset(Reason::ResetExact, out),
                (true, true) => out.push(Output::Verdict(Reason::ResetIgnoredInTimeWait)),
                (false, _) => out.push(Output::Verdict(Reason::TimeWaitDropsReset)),
            }
            return;
        }
        let old_fin = seg.fin_seq() == Some(self.rcv_nxt.wrapping_sub(1));
        let reason = match (seg.flags.ack, old_fin) {
            (true, true) => Reason::TimeWaitRestart,
            (true, false) => Reason::TimeWaitRestartOnAck,
            (false, _) => Reason::UnacceptableSegment,
        };
        if seg.flags.ack {
            self.start_timer(now, TimerKind::TimeWait, self.params.time_wait, out);
        }
        if seg.seq == self.rcv_nxt && seg.seq_len() == 0 {
            out.push(Output::Verdict(reason));
        } else {
            self.answer_invalid(now, seg, reason, out);
        }
    }

    /// Linux's orphaned FIN-WAIT-2: once its FIN is acknowledged, a socket the application has
    /// closed is handed to a time-wait socket (tcp_time_wait(sk, TCP_FIN_WAIT2, …)), which
    /// treats segments as tcp_timewait_state_process does for that substate: anything outside
    /// the window gets an ACK (rate-limited); a reset anywhere in the window ends it silently;
    /// a segment that brings nothing new is absorbed without an answer; data, or a FIN that is
    /// not exactly at RCV.NXT, is answered with a reset and ends it; the peer's FIN at RCV.NXT
    /// starts TIME-WAIT.
    fn arrive_orphan_fin_wait_2_linux(&mut self, now: Time, seg: &Segment, out: &mut Outputs) {
        if !self.acceptable(seg) {
            self.answer_invalid(now, seg, Reason::UnacceptableSegment, out);
        } else if seg.flags.rst {
            self.set_state(State::Closed, Reason::OrphanReset, out);
        } else if seg.flags.syn && seg.seq.ge(self.rcv_nxt) {
            self.send_reset_for(seg, Reason::OrphanReset, out);
            self.set_state(State::Closed, Reason::OrphanReset, out);
        } else if !seg.flags.ack || seg.seq_len() == 0 || seg.end().le(self.rcv_nxt) {
            out.push(Output::Verdict(Reason::OrphanIgnores));
        } else if !seg.flags.fin || seg.end() != self.rcv_nxt.wrapping_add(1) {
            self.send_reset_for(seg, Reason::DataAfterClose, out);
            self.set_state(State::Closed, Reason::DataAfterClose, out);
        } else {
            self.rcv_nxt = self.rcv_nxt.wrapping_add(1);
            self.peer_fin = true;
            out.push(Output::Notice(Notice::PeerClosed));
            self.enter_time_wait(now, Reason::FinReceivedInFinWait2, out);
            self.send_ack_now(Reason::FinReceivedInFinWait2, out);
        }
    }

    /// The segment reaches past RCV.NXT with something other than a FIN there: new data, or a
    /// FIN ahead of bytes not yet received (Linux: end_seq − fin after rcv_nxt).
    fn brings_more_than_a_fin(&self, seg: &Segment) -> bool {
        seg.seq_len() > 0 && seg.end().wrapping_sub(u32::from(seg.flags.fin)).gt(self.rcv_nxt)
    }

    /// Cuts the segment to the part that is new and inside the window: bytes before RCV.NXT
    /// were received already; bytes past the window are dropped, and a FIN after them with it.
    fn trim_to_window(&self, seg: &Segment) -> (Seq, Payload, bool) {
        let mut seq = seg.seq;
        let mut data = seg.data.clone();
        let mut fin = seg.flags.fin;
        if seg.flags.syn {
            seq = seq.wrapping_add(1);
        }
        if seq.lt(self.rcv_nxt) {
            let old = self.rcv_nxt.since(seq) as usize;
            if old <= data.len() {
                data = data.slice(old..data.len());
                seq = self.rcv_nxt;
            } else {
                // Everything, the FIN included, is old.
                return (self.rcv_nxt, Payload::default(), false);
            }
        }
        let room = self.params.window.saturating_sub(seq.since(self.rcv_nxt)) as usize;
        if data.len() > room {
            data = data.slice(0..room);
            fin = false;
        } else if fin && data.len() == room {
            fin = false;
        }
        (seq, data, fin)
    }

    /// §3.10.7.4 step 1: "segments with higher beginning sequence numbers may be held for later
    /// processing". A FIN held here waits for the bytes before it.
    fn hold_out_of_order(&mut self, held: OutOfOrder) {
        let base = self.rcv_nxt;
        let at = self.out_of_order.partition_point(|h| h.seq.since(base) <= held.seq.since(base));
        // The same segment again (those with its number sit just before `at`).
        let same = |i: usize| self.out_of_order.get(i).is_some_and(|h| h.seq == held.seq && h.end() == held.end());
        if (0..at).rev().take_while(|&i| self.out_of_order[i].seq == held.seq).any(same) {
            return;
        }
        self.out_of_order.insert(at, held);
    }

    /// Takes in-sequence bytes into the receive buffer, then the FIN if one follows them.
    /// Returns the rule the acknowledgement answers.
    fn accept_in_order(&mut self, now: Time, data: Payload, fin: bool, out: &mut Outputs) -> Reason {
        if !data.is_empty() {
            self.data_arrived(now, data.len());
            self.rcv_nxt = self.rcv_nxt.wrapping_add(data.len() as u32);
            self.recv_buffer.push(data.clone());
            out.push(Output::Delivered { data });
        }
        if fin {
            self.on_fin(now, out)
        } else {
            Reason::DataReceived
        }
    }

    /// Processes held segments that the new RCV.NXT has reached. Returns whether any did.
    fn drain_out_of_order(&mut self, now: Time, ack_reason: &mut Reason, out: &mut Outputs) -> bool {
        let mut any = false;
        // Held in order of sequence number: those RCV.NXT has reached are at the front.
        while !self.peer_fin {
            let rcv_nxt = self.rcv_nxt;
            if !self.out_of_order.front().is_some_and(|h| h.seq.le(rcv_nxt)) {
                break;
            }
            let Some(held) = self.out_of_order.pop_front() else { break };
            if held.end().le(rcv_nxt) {
                continue; // entirely old by now
            }
            let skip = rcv_nxt.since(held.seq) as usize;
            let data = held.data.slice(skip..held.data.len());
            any = true;
            *ack_reason = self.accept_in_order(now, data, held.fin, out);
        }
        if self.peer_fin {
            self.out_of_order.clear();
        }
        any
    }

    /// Step 8: the peer's FIN, in sequence. Advance RCV.NXT over it, tell the app, change state.
    /// Returns the rule that applied.
    fn on_fin(&mut self, now: Time, out: &mut Outputs) -> Reason {
        self.rcv_nxt = self.rcv_nxt.wrapping_add(1);
        self.peer_fin = true;
        out.push(Output::Notice(Notice::PeerClosed));
        match self.state {
            State::SynReceived | State::Established => {
                // Linux tcp_fin: CLOSE-WAIT waits for the application's reply, so the ACK of
                // the FIN is delayed (pingpong mode) whatever quick ACKs are left.
                self.pingpong = true;
                self.set_state(State::CloseWait, Reason::FinReceived, out);
                Reason::FinReceived
            }
            State::FinWait1 if self.fin_acked() => {
                self.enter_time_wait(now, Reason::FinReceivedWithAckOfOurFin, out);
                Reason::FinReceivedWithAckOfOurFin
            }
            State::FinWait1 => {
                self.set_state(State::Closing, Reason::FinReceivedSimultaneous, out);
                Reason::FinReceivedSimultaneous
            }
            State::FinWait2 => {
                self.enter_time_wait(now, Reason::FinReceivedInFinWait2, out);
                Reason::FinReceivedInFinWait2
            }
            State::Closed
            | State::Listen
            | State::SynSent
            | State::CloseWait
            | State::Closing
            | State::LastAck
            | State::TimeWait => Reason::RetransmittedFin,
        }
    }

    /// SND.UNA < SEG.ACK ≤ SND.NXT: drop what is acknowledged from the retransmission queue,
    /// take a round-trip sample (Karn: not from a retransmitted segment), restart or stop the
    /// retransmission timer (RFC 6298 5.2–5.3).
    pub(super) fn on_new_ack(&mut self, now: Time, ack: Seq, out: &mut Outputs) {
        let mut sample = None;
        while let Some(front) = self.retransmit.front_mut() {
            if front.end().le(ack) {
                if !front.retransmitted {
                    sample = Some(now.since(front.sent_at));
                }
                self.retransmit.pop_front();
            } else {
                if front.seq.lt(ack) {
                    // Partly acknowledged: keep the rest.
                    let mut done = ack.since(front.seq) as usize;
                    if front.syn {
                        front.syn = false;
                        done -= 1;
                    }
                    front.data = front.data.slice(done.min(front.data.len())..front.data.len());
                    front.seq = ack;
                }
                break;
            }
        }
        self.snd_una = ack;
        self.retries = 0;
        self.first_retransmit = None;
        // Everything in flight at the last timeout, or up to the probe, is through.
        self.recovery = self.recovery.filter(|p| ack.lt(*p));
        self.tlp_high = self.tlp_high.filter(|p| ack.lt(*p));
        if let Some(rtt) = sample {
            self.rtt_sample(rtt);
        }
        if self.retransmit.is_empty() {
            self.stop_timer(TimerKind::Retransmission, out);
            self.stop_timer(TimerKind::LossProbe, out);
        } else if !self.arm_loss_probe(now, true, out) {
            self.stop_timer(TimerKind::LossProbe, out);
            self.start_timer(now, TimerKind::Retransmission, self.rto, out);
        }
    }

    /// The connection was reset by the peer (§3.10.7.4 step 2). A passive open in SYN-RECEIVED
    /// goes back to LISTEN; otherwise CLOSED, and an app still using the socket is told.
    fn reset(&mut self, reason: Reason, out: &mut Outputs) {
        if self.state == State::SynReceived && self.passive {
            for &timer in TimerKind::ALL {
                self.stop_timer(timer, out);
            }
            out.push(Output::State { from: State::SynReceived, to: State::Listen, reason: Reason::ResetToListen });
            let listen_isn = self.app.listen_isn;
            self.reset_for_new_connection();
            self.passive = true;
            self.app.listen_isn = listen_isn;
            self.state = State::Listen;
            return;
        }
        if self.state != State::TimeWait {
            self.fail(CallError::ConnectionReset, out);
        }
        self.set_state(State::Closed, reason, out);
    }
}
