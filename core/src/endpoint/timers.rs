//! Timeouts (RFC 9293 §3.8, §3.10.8; RFC 6298): retransmission with exponential backoff and a
//! retry limit, TIME-WAIT, Linux's FIN-WAIT-2 timeout for orphans, and the delayed ACK.

use super::{Endpoint, Output};
use crate::app::{CallError, TimerChange, TimerKind};
use crate::reason::Reason;
use crate::segment::{Flags, Segment};
use crate::state::State;
use crate::time::{Duration, Time};

impl Endpoint {
    /// Fires `timer` at `now`. The simulation calls this when a deadline is reached; a user may
    /// also fire a running timer early. Returns false when the timer was not running.
    pub fn on_timer(&mut self, now: Time, timer: TimerKind, out: &mut Vec<Output>) -> bool {
        if self.timers.stop(timer).is_none() {
            return false;
        }
        out.push(Output::Timer { timer, change: TimerChange::Fired });
        match timer {
            TimerKind::Retransmission => self.retransmission_timeout(now, out),
            TimerKind::TimeWait => self.set_state(State::Closed, Reason::TimeWaitExpired, out),
            TimerKind::FinWait2 => self.set_state(State::Closed, Reason::FinWait2Timeout, out),
            TimerKind::DelayedAck => self.send_ack_now(Reason::DelayedAck, out),
            TimerKind::Persist => self.probe_window(now, out),
        }
        true
    }

    /// RFC 6298 §5.4–5.6: resend the oldest unacknowledged segment as it was (same sequence
    /// number, same flags and bytes), double the RTO, restart the timer. Past the retry limit
    /// the connection is given up (RFC 9293 §3.8.3 R2; Linux gives up on orphans silently).
    fn retransmission_timeout(&mut self, now: Time, out: &mut Vec<Output>) {
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
        let synchronized = self.state.is_synchronized();
        let rcv_nxt = self.rcv_nxt;
        let window = self.params.window;
        let Some(oldest) = self.retransmit.front_mut() else { return };
        oldest.retransmitted = true;
        let flags = Flags { syn: oldest.syn, fin: oldest.fin, ack: synchronized, rst: false };
        let segment = Segment {
            flags,
            seq: oldest.seq,
            ack: if synchronized { rcv_nxt } else { crate::seq::Seq(0) },
            wnd: window,
            data: oldest.data.clone(),
        };
        self.transmit(segment, Reason::RetransmissionTimeout, out);
        self.rto = Duration((self.rto.ms().saturating_mul(2)).min(self.params.rto_max.ms()));
        self.start_timer(now, TimerKind::Retransmission, self.rto, out);
    }

    /// RFC 6298 §2: a round-trip sample updates SRTT and RTTVAR and gives a new RTO,
    /// RTO = SRTT + max(G, 4·RTTVAR), kept within the profile's bounds.
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
        let rto = srtt + granularity.max(4 * rttvar);
        self.rto =
            Duration(rto.clamp(self.params.rto_min.ms(), self.params.rto_max.ms().max(self.params.rto_min.ms())));
    }

    /// An orphaned socket in FIN-WAIT-2 waits at most tcp_fin_timeout (Linux); the RFC has no
    /// such timer.
    pub(super) fn arm_orphan_timer(&mut self, now: Time, out: &mut Vec<Output>) {
        if self.state == State::FinWait2 && self.app.released {
            if let Some(timeout) = self.params.fin_wait_2_timeout {
                if self.deadline(TimerKind::FinWait2).is_none() {
                    self.start_timer(now, TimerKind::FinWait2, timeout, out);
                }
            }
        }
    }

    /// TIME-WAIT (§3.10.7.4): stop the other timers, wait 2×MSL (or the profile's fixed time).
    pub(super) fn enter_time_wait(&mut self, now: Time, reason: Reason, out: &mut Vec<Output>) {
        self.set_state(State::TimeWait, reason, out);
        self.stop_timer(TimerKind::Retransmission, out);
        self.stop_timer(TimerKind::FinWait2, out);
        self.start_timer(now, TimerKind::TimeWait, self.params.time_wait, out);
    }
}
