//! The application's calls (RFC 9293 §3.10.1–3.10.5 and RULES.md "Application calls").
//! Calls that are errors in a state return a `CallError`; none of them panics.

use super::{clock_isn, Endpoint, Output};
use crate::app::{AppCall, CallError, CallOutcome};
use crate::reason::Reason;
use crate::segment::Flags;
use crate::seq::Seq;
use crate::state::State;
use crate::time::Time;

impl Endpoint {
    /// Makes an application call at `now`. Segments the call makes due (data, FIN) are sent by
    /// the next `flush`, so calls made together can share a segment (a FIN riding on data).
    pub fn call(&mut self, now: Time, call: &AppCall, out: &mut Vec<Output>) -> Result<CallOutcome, CallError> {
        match call {
            AppCall::Connect { isn } => self.connect(now, *isn, out),
            AppCall::Listen { isn } => self.listen(*isn, out),
            AppCall::Send { data } => self.send(data),
            AppCall::Read { max } => self.read(*max),
            AppCall::Shutdown => self.shutdown(out),
            AppCall::Close => self.close(now, out),
            AppCall::Abort => self.abort(out),
        }
    }

    /// connect/listen need a CLOSED host; TIME-WAIT still owns the address pair.
    fn check_can_open(&self) -> Result<(), CallError> {
        match self.state {
            State::Closed => Ok(()),
            State::TimeWait => Err(CallError::AddressInUse),
            _ => Err(CallError::AlreadyOpen),
        }
    }

    /// §3.10.1 active OPEN: send SYN, → SYN-SENT.
    fn connect(&mut self, now: Time, isn: Option<u32>, out: &mut Vec<Output>) -> Result<CallOutcome, CallError> {
        self.check_can_open()?;
        self.reset_for_new_connection();
        self.iss = isn.map(Seq).unwrap_or_else(|| clock_isn(self.host, now));
        self.snd_una = self.iss;
        self.snd_nxt = self.iss;
        self.snd_wnd = self.params.window;
        self.set_state(State::SynSent, Reason::AppConnect, out);
        self.send_new(now, Flags::SYN, Vec::new(), Reason::AppConnect, out);
        Ok(CallOutcome::Done)
    }

    /// §3.10.1 passive OPEN: → LISTEN.
    fn listen(&mut self, isn: Option<u32>, out: &mut Vec<Output>) -> Result<CallOutcome, CallError> {
        self.check_can_open()?;
        self.reset_for_new_connection();
        self.passive = true;
        self.app.listen_isn = isn;
        self.set_state(State::Listen, Reason::AppListen, out);
        Ok(CallOutcome::Done)
    }

    /// §3.10.2 SEND: allowed until our side closes.
    fn send(&mut self, data: &[u8]) -> Result<CallOutcome, CallError> {
        match self.state {
            State::Established | State::CloseWait | State::SynSent | State::SynReceived => {
                self.send_queue.extend(data.iter().copied());
                Ok(CallOutcome::Queued { bytes: data.len() })
            }
            State::FinWait1 | State::FinWait2 | State::Closing | State::LastAck | State::TimeWait => {
                Err(CallError::ConnectionClosing)
            }
            State::Listen => Err(CallError::NotConnected),
            State::Closed => Err(self.app.error.unwrap_or(CallError::NotConnected)),
        }
    }

    /// §3.10.3 RECEIVE: bytes in order; end-of-file once the peer's FIN is processed and the
    /// buffer is drained. An empty read with `eof: false` means "nothing yet".
    fn read(&mut self, max: Option<usize>) -> Result<CallOutcome, CallError> {
        if self.app.released && self.params.rst_on_close_with_unread_data {
            return Err(CallError::SocketClosed);
        }
        if self.recv_buffer.is_empty() {
            if let Some(error) = self.app.error {
                return Err(error);
            }
            if self.peer_fin {
                return Ok(CallOutcome::Read { data: Vec::new(), eof: true });
            }
            if self.state == State::Closed {
                return Err(CallError::NotConnected);
            }
        }
        let n = max.unwrap_or(usize::MAX).min(self.recv_buffer.len());
        let data: Vec<u8> = self.recv_buffer.drain(..n).collect();
        let eof = self.peer_fin && self.recv_buffer.is_empty();
        Ok(CallOutcome::Read { data, eof })
    }

    /// shutdown(write) — the RFC's CLOSE: our sending direction ends with a FIN after the
    /// queued data; we may keep reading.
    fn shutdown(&mut self, out: &mut Vec<Output>) -> Result<CallOutcome, CallError> {
        match self.state {
            State::Established | State::SynReceived => {
                self.fin_pending = true;
                self.set_state(State::FinWait1, Reason::AppClose, out);
                Ok(CallOutcome::Done)
            }
            State::CloseWait => {
                self.fin_pending = true;
                self.set_state(State::LastAck, Reason::AppCloseInCloseWait, out);
                Ok(CallOutcome::Done)
            }
            State::Listen | State::SynSent => {
                self.set_state(State::Closed, Reason::AppCloseBeforeSynchronized, out);
                Ok(CallOutcome::Done)
            }
            State::FinWait1 | State::FinWait2 | State::Closing | State::LastAck | State::TimeWait => {
                Err(CallError::ConnectionClosing)
            }
            State::Closed => Err(self.app.error.unwrap_or(CallError::NotConnected)),
        }
    }

    /// close(): CLOSE, and the app gives up its socket. Where the profile says so (Linux),
    /// unread data turns the close into a reset (RFC 2525 §2.17), and a close after
    /// shutdown(write) only orphans the socket.
    fn close(&mut self, now: Time, out: &mut Vec<Output>) -> Result<CallOutcome, CallError> {
        if self.app.released && self.state != State::Closed {
            return Err(CallError::ConnectionClosing);
        }
        let gives_up_reading = self.params.rst_on_close_with_unread_data;
        // TIME-WAIT is left out: both FINs are through, there is nobody to reset, and the wait
        // must run its course (Linux keeps it in a separate time-wait socket).
        if gives_up_reading
            && !self.recv_buffer.is_empty()
            && self.state.is_synchronized()
            && self.state != State::TimeWait
        {
            self.app.released = true;
            self.recv_buffer.clear();
            self.send_reset(Reason::CloseWithUnreadData, out);
            self.set_state(State::Closed, Reason::CloseWithUnreadData, out);
            return Ok(CallOutcome::Done);
        }
        if gives_up_reading && (self.fin_pending || self.fin_seq.is_some()) && self.state != State::Closed {
            // Linux: close() after shutdown(write) releases the socket without a second FIN;
            // whatever it had not read is thrown away.
            self.app.released = true;
            self.recv_buffer.clear();
            self.arm_orphan_timer(now, out);
            return Ok(CallOutcome::Done);
        }
        let result = self.shutdown(out);
        if result.is_ok() {
            self.app.released = true;
        }
        result
    }

    /// ABORT (§3.10.5): a reset in the states that have a peer to tell, then CLOSED.
    fn abort(&mut self, out: &mut Vec<Output>) -> Result<CallOutcome, CallError> {
        match self.state {
            State::SynReceived | State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                self.send_reset(Reason::AppAbort, out);
                self.recv_buffer.clear();
                self.set_state(State::Closed, Reason::AppAbort, out);
                Ok(CallOutcome::Done)
            }
            State::Closing | State::LastAck | State::TimeWait | State::Listen | State::SynSent => {
                self.recv_buffer.clear();
                self.set_state(State::Closed, Reason::AppAbortQuiet, out);
                Ok(CallOutcome::Done)
            }
            State::Closed => Err(self.app.error.unwrap_or(CallError::NotConnected)),
        }
    }
}
