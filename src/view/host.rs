//! One host's card: its TCB at the cursor, its running timers, the application's last call,
//! and which calls it can make now (and the error each would get).

use finwait_core::trace::EventKind;
use finwait_core::{CallError, CallKind, Duration, Event, Host, Simulation, Snapshot, Time, TimerKind};
use finwait_messages::{events, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostView {
    pub host: Host,
    pub tcb: Snapshot,
    /// Running timers and how long each has left at the cursor.
    pub timers: Vec<(TimerKind, Duration)>,
    /// The application's latest call up to the cursor.
    pub last_call: Option<LastCall>,
    /// Every call the card offers, in order, with the error it would get now.
    pub calls: Vec<(CallKind, Option<CallError>)>,
}

/// A call and what it returned, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastCall {
    pub call: String,
    pub result: String,
    pub failed: bool,
}

impl HostView {
    /// `host` as `sim` has it, with `events` the trace up to the same moment.
    pub fn of(sim: &Simulation, events: &[Event], host: Host, cursor: Time, lang: Lang) -> HostView {
        let endpoint = sim.host(host);
        let tcb = endpoint.snapshot();
        let last_call = events.iter().rev().find_map(|e| match &e.kind {
            EventKind::Call { host: h, call, result } if *h == host => Some(LastCall {
                call: events::call(call),
                result: events::result(lang, result),
                failed: result.is_err(),
            }),
            _ => None,
        });
        HostView {
            host,
            timers: tcb.timers.iter().map(|(k, deadline)| (*k, deadline.since(cursor))).collect(),
            calls: CallKind::ALL.iter().map(|&k| (k, endpoint.refusal(k))).collect(),
            tcb,
            last_call,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use finwait_core::{presets, State};

    fn at(preset: &str, t: u64, host: Host) -> HostView {
        let mut s = Session::new(presets::find(preset).unwrap().scenario().unwrap());
        s.extend_to(Time(t));
        let events = &s.trace().events[..s.events_until(Time(t))];
        HostView::of(&s.sim_at(Time(t)), events, host, Time(t), Lang::En)
    }

    #[test]
    fn a_closing_host_says_which_calls_fail_and_why() {
        let a = at("active-close", 20, Host::A);
        assert_eq!(a.tcb.state, State::FinWait1);
        let refusal = |k| a.calls.iter().find(|(c, _)| *c == k).unwrap().1;
        assert_eq!(refusal(CallKind::Close), Some(CallError::ConnectionClosing));
        assert_eq!(refusal(CallKind::Send), Some(CallError::ConnectionClosing));
        assert_eq!(refusal(CallKind::Connect), Some(CallError::AlreadyOpen));
        assert_eq!(refusal(CallKind::Abort), None);
        assert_eq!(refusal(CallKind::Read), None);
        assert_eq!(a.last_call, Some(LastCall { call: "close()".into(), result: "ok".into(), failed: false }));
    }

    #[test]
    fn timers_count_down_from_the_cursor() {
        let a = at("active-close", 400, Host::A);
        assert_eq!(a.tcb.state, State::TimeWait);
        // A entered TIME-WAIT at 150 ms for 4 minutes.
        assert_eq!(a.timers, vec![(TimerKind::TimeWait, Duration(240_150 - 400))]);
        let b = at("active-close", 400, Host::B);
        assert_eq!(b.tcb.state, State::Closed);
        // A closed host can open a new connection, and read the end-of-file again; nothing else.
        for (kind, refusal) in &b.calls {
            let expected = match kind {
                CallKind::Connect | CallKind::Listen | CallKind::Read => None,
                _ => Some(CallError::NotConnected),
            };
            assert_eq!(*refusal, expected, "{kind:?}");
        }
    }
}
