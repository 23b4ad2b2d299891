//! Statements students often believe about the close (../shared COURSE-PAGES list, as taught
//! in published material), each with the run that settles it: a quiz asks "true or false?"
//! and the simulation, not this file, says which.

use crate::app::CallKind;
use crate::host::Host;
use crate::presets;
use crate::reason::Reason;
use crate::scenario::Run;
use crate::segment::Flags;
use crate::state::State;
use crate::trace::{EventKind, Origin};

crate::named! {
    /// A statement about the close, true or false.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Statement {
        /// "The side that closes second (here the server) enters TIME-WAIT." False.
        PassiveSideTimeWait = "passive-side-time-wait",
        /// "TIME-WAIT waits for the peer's FIN." False: that is FIN-WAIT-2.
        TimeWaitWaitsForFin = "time-wait-waits-for-fin",
        /// "A socket left in CLOSE-WAIT times out by itself." False.
        CloseWaitTimesOut = "close-wait-times-out",
        /// "The FIN takes no sequence number." False.
        FinTakesNoSequenceNumber = "fin-takes-no-sequence-number",
        /// "On Linux, close() always sends a FIN." False: with unread data it resets.
        CloseAlwaysSendsFin = "close-always-sends-fin",
        /// "After shutdown(SHUT_WR) a host can still receive data." True.
        HalfClosedStillReceives = "half-closed-still-receives",
        /// "Every segment after the handshake carries the ACK flag." True.
        EverySegmentCarriesAck = "every-segment-carries-ack",
        /// "A FIN that arrives before data sent ahead of it waits for that data." True.
        FinWaitsForEarlierData = "fin-waits-for-earlier-data",
    }
}

impl Statement {
    /// The preset whose run settles the statement.
    pub fn preset(self) -> &'static str {
        match self {
            Statement::PassiveSideTimeWait | Statement::TimeWaitWaitsForFin | Statement::FinTakesNoSequenceNumber => {
                "active-close"
            }
            Statement::EverySegmentCarriesAck => "lost-final-ack",
            Statement::CloseWaitTimesOut => "close-wait-leak-rfc",
            Statement::CloseAlwaysSendsFin => "close-with-unread-data-linux",
            Statement::HalfClosedStillReceives => "half-close",
            Statement::FinWaitsForEarlierData => "data-overtaken-by-fin",
        }
    }

    /// The rule that settles it, for the explanation.
    pub fn rule(self) -> Reason {
        match self {
            Statement::PassiveSideTimeWait | Statement::TimeWaitWaitsForFin => Reason::FinReceivedInFinWait2,
            Statement::CloseWaitTimesOut | Statement::FinTakesNoSequenceNumber => Reason::FinReceived,
            Statement::CloseAlwaysSendsFin => Reason::CloseWithUnreadData,
            Statement::HalfClosedStillReceives => Reason::AppClose,
            Statement::EverySegmentCarriesAck => Reason::NoAckFlag,
            Statement::FinWaitsForEarlierData => Reason::OutOfOrderFilled,
        }
    }

    /// Whether the statement holds in `run` (the run of `preset()`). None: the run does not
    /// show what the statement is about (a preset changed).
    pub fn holds(self, run: &Run) -> Option<bool> {
        let t = &run.trace;
        let entered = |h: Host, s: State| t.states(h).iter().any(|(_, st)| *st == s);
        match self {
            Statement::PassiveSideTimeWait => {
                // B closes second here; A first.
                let first_closer = t.events.iter().find_map(|e| match &e.kind {
                    EventKind::Call { host, call, .. } if call.kind() == CallKind::Close => Some(*host),
                    _ => None,
                })?;
                Some(entered(first_closer.peer(), State::TimeWait))
            }
            Statement::TimeWaitWaitsForFin => {
                // True only if a host were in TIME-WAIT before the peer's FIN reached it.
                let fin_arrived = |h: Host| {
                    t.events.iter().find_map(|e| match &e.kind {
                        EventKind::Arrived { id, to, .. } if *to == h => {
                            t.segment(*id, t.len()).filter(|r| r.segment.flags.fin).map(|_| e.at)
                        }
                        _ => None,
                    })
                };
                let h = Host::BOTH.into_iter().find(|h| entered(*h, State::TimeWait))?;
                let tw = t.states(h).into_iter().find(|(_, s)| *s == State::TimeWait)?.0;
                Some(fin_arrived(h).is_none_or(|f| tw < f))
            }
            Statement::CloseWaitTimesOut => {
                let h = Host::BOTH.into_iter().find(|h| entered(*h, State::CloseWait))?;
                // It would have left CLOSE-WAIT without its application's close().
                let closed_by_app = t.events.iter().any(|e| {
                    matches!(&e.kind, EventKind::Call { host, call, .. } if *host == h && call.kind() == CallKind::Close)
                });
                Some(!closed_by_app && run.sim.host(h).state() != State::CloseWait)
            }
            Statement::FinTakesNoSequenceNumber => {
                let records = t.segments();
                let fin = records.iter().find(|r| r.segment.flags.fin)?;
                let fin_seq = fin.segment.fin_seq()?;
                let ack =
                    records.iter().find(|r| r.from != fin.from && r.segment.flags.ack && r.sent_at >= fin.sent_at)?;
                // True if the ACK of the FIN acknowledged the FIN's own number, not the next.
                Some(ack.segment.ack == fin_seq)
            }
            Statement::CloseAlwaysSendsFin => {
                let closer = t.events.iter().find_map(|e| match &e.kind {
                    EventKind::Call { host, call, .. } if call.kind() == CallKind::Close => Some(*host),
                    _ => None,
                })?;
                let first =
                    t.segments().into_iter().find(|r| r.from == closer && matches!(r.origin, Origin::Sent { .. }))?;
                Some(first.segment.flags.fin && !first.segment.flags.rst)
            }
            Statement::HalfClosedStillReceives => {
                let (h, at) = t.events.iter().find_map(|e| match &e.kind {
                    EventKind::Call { host, call, .. } if call.kind() == CallKind::Shutdown => Some((*host, e.at)),
                    _ => None,
                })?;
                Some(t.events.iter().any(|e| {
                    e.at > at
                        && matches!(&e.kind, EventKind::Delivered { host, data, .. } if *host == h && !data.is_empty())
                }))
            }
            Statement::EverySegmentCarriesAck => {
                let after_handshake = t.segments().into_iter().filter(|r| !r.segment.flags.syn && !r.segment.flags.rst);
                let mut any = false;
                for r in after_handshake {
                    any = true;
                    if r.segment.flags == Flags::default() || !r.segment.flags.ack {
                        return Some(false);
                    }
                }
                any.then_some(true)
            }
            Statement::FinWaitsForEarlierData => {
                // The peer's FIN arrived before the data sent ahead of it; the state changed
                // only when the data came.
                let records = t.segments();
                let fin =
                    records.iter().find(|r| r.segment.flags.fin && r.segment.data.is_empty() && r.from == Host::B)?;
                let data =
                    records.iter().find(|r| r.from == fin.from && !r.segment.data.is_empty() && r.id.0 < fin.id.0)?;
                let arrived = |r: &crate::trace::SegmentRecord| match r.fate {
                    crate::trace::Fate::Arrived { at } => Some(at),
                    _ => None,
                };
                let (fin_at, data_at) = (arrived(fin)?, arrived(data)?);
                if fin_at >= data_at {
                    return None;
                }
                let moved = t.states(fin.from.peer()).into_iter().find(|(at, _)| *at >= fin_at)?.0;
                Some(moved >= data_at)
            }
        }
    }

    /// Runs the statement's preset.
    pub fn run(self) -> Option<Run> {
        presets::find(self.preset())?.scenario().ok()?.run().ok()
    }
}
