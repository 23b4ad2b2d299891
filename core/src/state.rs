//! The connection states of RFC 9293 Figure 5.

use std::fmt;

crate::named! {
    /// A TCB's state, spelt as the RFC writes it (`FIN-WAIT-1`) everywhere: in traces, tests,
    /// files and the UI.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum State {
        Closed = "CLOSED",
        Listen = "LISTEN",
        SynSent = "SYN-SENT",
        SynReceived = "SYN-RECEIVED",
        Established = "ESTABLISHED",
        FinWait1 = "FIN-WAIT-1",
        FinWait2 = "FIN-WAIT-2",
        CloseWait = "CLOSE-WAIT",
        Closing = "CLOSING",
        LastAck = "LAST-ACK",
        TimeWait = "TIME-WAIT",
    }
}

impl State {
    /// Both sides' initial sequence numbers are known (RFC 9293 §3.10.7.4 applies).
    pub fn is_synchronized(self) -> bool {
        !matches!(self, State::Closed | State::Listen | State::SynSent)
    }

    /// SND.UNA and SND.NXT mean something: our initial sequence number has been chosen.
    pub fn knows_own_sequence(self) -> bool {
        !matches!(self, State::Closed | State::Listen)
    }

    /// RCV.NXT means something: the peer's initial sequence number is known.
    pub fn knows_peer_sequence(self) -> bool {
        self.is_synchronized()
    }

    /// The peer's FIN has been received: nothing more can arrive in sequence.
    pub fn peer_has_closed(self) -> bool {
        matches!(self, State::CloseWait | State::Closing | State::LastAck | State::TimeWait)
    }

    /// Our own FIN has been queued or sent.
    pub fn we_have_closed(self) -> bool {
        matches!(self, State::FinWait1 | State::FinWait2 | State::Closing | State::LastAck | State::TimeWait)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &s in State::ALL {
            assert_eq!(State::from_name(s.name()), Some(s));
            assert_eq!(crate::json::Json::from(s).to_compact(), format!("\"{}\"", s.name()));
        }
        assert_eq!(State::from_name("FIN_WAIT_1"), None);
    }
}
