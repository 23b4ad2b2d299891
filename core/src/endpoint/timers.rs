//! Timeouts (RFC 9293 §3.8, §3.10.8; RFC 6298): retransmission with exponential backoff and a
//! retry limit, the tail-loss probe, TIME-WAIT, Linux's FIN-WAIT-2 timeout for orphans, and
//! the delayed ACK.

use super::{Endpoint, Output, Outputs};
use crate::app::{CallError, TimerChange, TimerKind};
use crate::reason::Reason;
use crate::segment::{Flags, Segment};
use crate::state::State;
use crate::time::{Duration, Time};

/// Which segment of the retransmission queue goes out again.
enum Resend {
    /// The oldest: a retransmission timeout.
    Oldest,
    /// The newest: a tail-loss probe.
    Newest,
}

impl Endpoint {
    /// Fires `timer` at `now`. The simulation calls this when a deadline is reached; a user may
    /// also fire a running timer early. Returns false when the timer was not running.
    pub fn on_timer(&mut self, now: Time, timer: TimerKind, out: &mut Outputs) -> bool {
        if self.timers.stop(timer).is_none() {
            return false;
        }
        out.push(Output::Timer { timer, change: TimerChange::Fired });
        match timer {
            TimerKind::Retransmission => self.retransmission_timeout(now, out),
            TimerKind::TimeWait => self.set_state(State::Closed, Reason::TimeWaitExpired, out),
            TimerKind::FinWait2 => self.set_state(State::Closed, Reason::FinWait2Timeout, out),
            TimerKind::DelayedAck => {
                // Linux tcp_delack_timer_handler: a delayed ACK that had to go alone means the
                // exchange was not interactive after all (it leaves pingpong mode).
                self.pingpong = false;
                self.send_ack_now(Reason::DelayedAck, out);
            }
            TimerKind::Persist => self.probe_window(now, out),
            TimerKind::LossProbe => self.send_loss_probe(now, out),
        }
        true
    }

    /// RFC 6298 §5.4–5.6: resend the oldest unacknowledged segment as it was (same sequence
    /// number, same flags and bytes), double the RTO, restart the timer. Past the retry limit
    /// the connection is given up (RFC 9293 §3.8.3 R2; Linux gives up on orphans silently).
    fn retransmission_timeout(&mut self, now: Time, out: &mut Outputs) {
        let limit = if self.app.released { self.params.orphan_retries } else { self.params.max_retries };
        if self.retransmit.is_empty() {
            return;
        }
        let given_up = if self.params.retries_as_time {
            // Linux (retransmits_timed_out): measured from the first retransmission; the model
            // starts from the initial RTO in the handshake, from the minimum RTO after it.
            let in_handshake = matches!(self.state, State::SynSent | State::SynReceived);
            let base = if in_handshake { self.params.rto_initial } else { self.params.rto_min };
            self.first_retransmit.is_some_and(|first| now.since(first) >= self.params.retry_time(limit, base))
        } else {
            self.retries >= limit
        };
        if given_up {
            let reason = if self.params.retries_as_time { Reason::RetryTimeLimit } else { Reason::RetryLimit };
            self.fail(CallError::TimedOut, out);
            self.set_state(State::Closed, reason, out);
            return;
        }
        self.retries += 1;
        self.first_retransmit.get_or_insert(now);
        // Loss recovery until everything now in flight is acknowledged: no loss probes.
        self.recovery = Some(self.snd_nxt);
        self.tlp_high = None;
        let Some(segment) = self.resend(Resend::Oldest) else { return };
        self.transmit(segment, Reason::RetransmissionTimeout, out);
        self.rto = Duration((self.rto.ms().saturating_mul(2)).min(self.params.rto_max.ms()));
        self.start_timer(now, TimerKind::Retransmission, self.rto, out);
    }

    /// RFC 8985 §7.3, as Linux's tcp_send_loss_probe does it: the last segment goes out again
    /// (unless a probe is already out), and the retransmission timer starts afresh from now
    /// with the RTO as it is — not doubled, since nothing is known to be lost.
    fn send_loss_probe(&mut self, now: Time, out: &mut Outputs) {
        let Some(oldest_sent) = self.retransmit.front().map(|u| u.sent_at) else { return };
        let after = if self.tlp_high.is_none() {
            let Some(segment) = self.resend(Resend::Newest) else { return };
            self.tlp_high = Some(self.snd_nxt);
            self.transmit(segment, Reason::TailLossProbe, out);
            self.rto
        } else {
            // One probe at a time: the retransmission timeout keeps its deadline.
            (oldest_sent + self.rto).since(now).max(Duration(1))
        };
        self.start_timer(now, TimerKind::Retransmission, after, out);
    }

    /// A segment of the retransmission queue, as it was first sent (same sequence number,
    /// flags and bytes), with the current acknowledgement. Marks it retransmitted (Karn: its
    /// ACK gives no round-trip sample).
    fn resend(&mut self, which: Resend) -> Option<Segment> {
        let synchronized = self.state.is_synchronized();
        let rcv_nxt = self.rcv_nxt;
        let window = self.params.window;
        let unacked = match which {
            Resend::Oldest => self.retransmit.front_mut()?,
            Resend::Newest => self.retransmit.back_mut()?,
        };
        unacked.retransmitted = true;
        Some(Segment {
            flags: Flags { syn: unacked.syn, fin: unacked.fin, ack: synchronized, rst: false },
            seq: unacked.seq,
            ack: if synchronized { rcv_nxt } else { crate::seq::Seq(0) },
            wnd: window,
            data: unacked.data.clone(),
        })
    }

    /// RFC 6298 §2: a round-trip sample updates SRTT and RTTVAR and gives a new RTO,
    /// RTO = SRTT + max(G, 4·RTTVAR), kept within the profile's bounds. Linux bounds the
    /// variance part instead (`Params::linux_rto`).
    pub(super) fn rtt_sample(&mut self, rtt: Duration) {
        let r = rtt.ms();
        let (srtt, rttvar) = match self.srtt {
            None => (r, r / 2),
            Some(srtt) => {
                let rttvar = (3 * self.rttvar + srtt.abs_diff(r)) / 4;
                ((7 * srtt + r) / 8, rttvar)
            }
        };
        self.srtt = Some(srtt);
        self.rttvar = rttvar;
        let granularity = 1;
        let (min, max) = (self.params.rto_min.ms(), self.params.rto_max.ms().max(self.params.rto_min.ms()));
        let rto = if self.params.linux_rto {
            // tcp_rtt_estimator keeps its variance at least tcp_rto_min; tcp_set_rto adds it.
            srtt.saturating_add(min.max(4 * rttvar))
        } else {
            srtt.saturating_add(granularity.max(4 * rttvar))
        };
        self.rto = Duration(rto.clamp(min, max));
    }

    /// An orphaned socket in FIN-WAIT-2 waits at most tcp_fin_timeout (Linux); the RFC has no
    /// such timer.
    pub(super) fn arm_orphan_timer(&mut self, now: Time, out: &mut Outputs) {
        if self.state == State::FinWait2 && self.app.released {
            if let Some(timeout) = self.params.fin_wait_2_timeout {
                if self.deadline(TimerKind::FinWait2).is_none() {
                    self.start_timer(now, TimerKind::FinWait2, timeout, out);
                }
            }
        }
    }

    /// TIME-WAIT (§3.10.7.4): stop the other timers, wait 2×MSL (or the profile's fixed time).
    pub(super) fn enter_time_wait(&mut self, now: Time, reason: Reason, out: &mut Outputs) {
        self.set_state(State::TimeWait, reason, out);
        self.stop_timer(TimerKind::Retransmission, out);
        self.stop_timer(TimerKind::LossProbe, out);
        self.stop_timer(TimerKind::FinWait2, out);
        self.start_timer(now, TimerKind::TimeWait, self.params.time_wait, out);
    }
}
