//! The application's calls (RFC 9293 §3.10.1–3.10.5; docs/tcp-close-rules.md §1).
//! Calls that are errors in a state return a `CallError`; none of them panics.

use super::{clock_isn, Endpoint, Output, Outputs};
use crate::app::{AppCall, CallError, CallKind, CallOutcome};
use crate::payload::Payload;
use crate::reason::Reason;
use crate::segment::Flags;
use crate::seq::Seq;
use crate::state::State;
use crate::time::Time;

impl Endpoint {
    /// Makes an application call at `now`. Segments the call makes due (data, FIN) are sent by
    /// the next `flush`, so calls made together can share a segment (a FIN riding on data).
    pub fn call(&mut self, now: Time, call: &AppCall, out: &mut Outputs) -> Result<CallOutcome, CallError> {
        if let Some(error) = self.refusal(call.kind()) {
            return Err(error);
        }
        Ok(match call {
            AppCall::Connect { isn } => self.connect(now, *isn, out),
            AppCall::Listen { isn } => self.listen(*isn, out),
            AppCall::Send { data } => self.send(data),
            AppCall::Read { max } => self.read(*max),
            AppCall::Shutdown => self.shutdown(out),
            AppCall::Close => self.close(now, out),
            AppCall::Abort => self.abort(out),
        })
    }

    /// The error a call of this kind would get now, if any: the one place that decides it,
    /// for the call itself and for anyone asking beforehand (the lab's buttons, a click at a
    /// past time). Its arguments never matter: a `send` of any size, a `read` of any length.
    pub fn refusal(&self, call: CallKind) -> Option<CallError> {
        // A closed socket reports why it closed (a reset, a time-out), else that there is none.
        let closed = self.app.error.unwrap_or(CallError::NotConnected);
        match call {
            // connect/listen need a CLOSED host; TIME-WAIT still owns the address pair.
            CallKind::Connect | CallKind::Listen => match self.state {
                State::Closed => None,
                State::TimeWait => Some(CallError::AddressInUse),
                _ => Some(CallError::AlreadyOpen),
            },
            // §3.10.2 SEND: allowed until our side closes.
            CallKind::Send => match self.state {
                State::Established | State::CloseWait | State::SynSent | State::SynReceived => None,
                State::FinWait1 | State::FinWait2 | State::Closing | State::LastAck | State::TimeWait => {
                    Some(CallError::ConnectionClosing)
                }
                State::Listen => Some(CallError::NotConnected),
                State::Closed => Some(closed),
            },
            // §3.10.3 RECEIVE: buffered bytes can be read whatever the state; then end-of-file
            // once the peer's FIN is processed, or the connection's error.
            CallKind::Read => {
                if self.app.released && self.params.rst_on_close_with_unread_data {
                    Some(CallError::SocketClosed)
                } else if !self.recv_buffer.is_empty() {
                    None
                } else if let Some(error) = self.app.error {
                    Some(error)
                } else if self.peer_fin {
                    None
                } else {
                    (self.state == State::Closed).then_some(CallError::NotConnected)
                }
            }
            CallKind::Shutdown => match self.state {
                State::Established | State::SynReceived | State::CloseWait | State::Listen | State::SynSent => None,
                State::FinWait1 | State::FinWait2 | State::Closing | State::LastAck | State::TimeWait => {
                    Some(CallError::ConnectionClosing)
                }
                State::Closed => Some(closed),
            },
            CallKind::Close => {
                if self.app.released && self.state != State::Closed {
                    Some(CallError::ConnectionClosing)
                } else if self.app.released && !self.params.close_reports_error {
                    // Linux: the descriptor is gone (EBADF).
                    Some(CallError::SocketClosed)
                } else if self.close_resets() || self.close_only_releases() || self.close_after_error() {
                    None
                } else {
                    self.refusal(CallKind::Shutdown)
                }
            }
            // §3.10.5 ABORT: anything but CLOSED.
            CallKind::Abort => (self.state == State::Closed).then_some(closed),
        }
    }

    /// §3.10.1 active OPEN: send SYN, → SYN-SENT.
    fn connect(&mut self, now: Time, isn: Option<u32>, out: &mut Outputs) -> CallOutcome {
        self.reset_for_new_connection();
        self.iss = isn.map(Seq).unwrap_or_else(|| clock_isn(self.host, now));
        self.snd_una = self.iss;
        self.snd_nxt = self.iss;
        self.snd_wnd = self.params.window;
        self.set_state(State::SynSent, Reason::AppConnect, out);
        self.send_new(now, Flags::SYN, Payload::default(), Reason::AppConnect, out);
        CallOutcome::Done
    }

    /// §3.10.1 passive OPEN: → LISTEN.
    fn listen(&mut self, isn: Option<u32>, out: &mut Outputs) -> CallOutcome {
        self.reset_for_new_connection();
        self.passive = true;
        self.app.listen_isn = isn;
        self.set_state(State::Listen, Reason::AppListen, out);
        CallOutcome::Done
    }

    /// §3.10.2 SEND: the bytes join the send queue.
    fn send(&mut self, data: &Payload) -> CallOutcome {
        self.send_queue.push(data.clone());
        CallOutcome::Queued { bytes: data.len() }
    }

    /// §3.10.3 RECEIVE: bytes in order; end-of-file once the peer's FIN is processed and the
    /// buffer is drained. An empty read with `eof: false` means "nothing yet".
    fn read(&mut self, max: Option<usize>) -> CallOutcome {
        let n = max.unwrap_or(usize::MAX).min(self.recv_buffer.len());
        let data = self.recv_buffer.take(n);
        let eof = self.peer_fin && self.recv_buffer.is_empty();
        CallOutcome::Read { data, eof }
    }

    /// shutdown(write) — the RFC's CLOSE: our sending direction ends with a FIN after the
    /// queued data; we may keep reading.
    fn shutdown(&mut self, out: &mut Outputs) -> CallOutcome {
        match self.state {
            State::Established | State::SynReceived => {
                self.fin_pending = true;
                self.set_state(State::FinWait1, Reason::AppClose, out);
            }
            State::CloseWait => {
                self.fin_pending = true;
                self.set_state(State::LastAck, Reason::AppCloseInCloseWait, out);
            }
            State::Listen | State::SynSent => self.set_state(State::Closed, Reason::AppCloseBeforeSynchronized, out),
            // Refused before they get here (`refusal`).
            State::FinWait1 | State::FinWait2 | State::Closing | State::LastAck | State::TimeWait | State::Closed => {}
        }
        CallOutcome::Done
    }

    /// Linux: close() with unread data sends a reset instead of a FIN (RFC 2525 §2.17).
    /// TIME-WAIT is left out: both FINs are through, there is nobody to reset, and the wait must
    /// run its course (Linux keeps it in a separate time-wait socket).
    fn close_resets(&self) -> bool {
        self.params.rst_on_close_with_unread_data
            && !self.recv_buffer.is_empty()
            && self.state.is_synchronized()
            && self.state != State::TimeWait
    }

    /// Linux: close() after shutdown(write) releases the socket without a second FIN.
    fn close_only_releases(&self) -> bool {
        self.params.rst_on_close_with_unread_data
            && (self.fin_pending || self.fin_seq.is_some())
            && self.state != State::Closed
    }

    /// Linux: close() on a socket whose connection has ended (or never began) succeeds and only
    /// releases it; the reset or time-out went to the read or write that saw it.
    fn close_after_error(&self) -> bool {
        !self.params.close_reports_error && self.state == State::Closed && !self.app.released
    }

    /// close(): CLOSE, and the app gives up its socket. Where the profile says so (Linux),
    /// unread data turns the close into a reset, and a close after shutdown(write) only
    /// orphans the socket; whatever it had not read is thrown away.
    fn close(&mut self, now: Time, out: &mut Outputs) -> CallOutcome {
        if self.close_resets() {
            self.app.released = true;
            self.recv_buffer.clear();
            self.send_reset(Reason::CloseWithUnreadData, out);
            self.set_state(State::Closed, Reason::CloseWithUnreadData, out);
        } else if self.close_only_releases() {
            self.app.released = true;
            self.recv_buffer.clear();
            self.arm_orphan_timer(now, out);
        } else if self.close_after_error() {
            self.app.released = true;
            out.push(Output::Verdict(Reason::CloseAfterError));
        } else {
            self.shutdown(out);
            self.app.released = true;
        }
        CallOutcome::Done
    }

    /// ABORT (§3.10.5): a reset in the states that have a peer to tell, then CLOSED.
    fn abort(&mut self, out: &mut Outputs) -> CallOutcome {
        match self.state {
            State::SynReceived | State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                self.send_reset(Reason::AppAbort, out);
                self.recv_buffer.clear();
                self.set_state(State::Closed, Reason::AppAbort, out);
            }
            State::Closing | State::LastAck | State::TimeWait | State::Listen | State::SynSent => {
                self.recv_buffer.clear();
                self.set_state(State::Closed, Reason::AppAbortQuiet, out);
            }
            // Refused before it gets here (`refusal`).
            State::Closed => {}
        }
        CallOutcome::Done
    }
}
