//! The words of the quiz: each question's stem, its options, and the feedback that gives the
//! rule behind the answer (and, for a tempting wrong option, why it is wrong).

use crate::events::call;
use crate::rules::cited_reason;
use crate::time::time;
use crate::words::timer;
use crate::Lang;
use finwait_core::presets;
use finwait_core::quiz::{Answer, Ask, Cause, Question, Statement, Who};
use finwait_core::{Flags, Seq, Time};

/// The scenario a question is about: `S08 Lost final ACK: what TIME-WAIT is for (RFC 9293)`.
pub fn context(_lang: Lang, q: &Question) -> String {
    let Some(p) = presets::find(q.preset) else { return q.preset.to_string() };
    let profile = p.scenario().map(|s| crate::events::profile(s.profile)).unwrap_or_default();
    if p.title.contains(profile) {
        format!("{} {}", p.conformance, p.title)
    } else {
        format!("{} {} ({profile})", p.conformance, p.title)
    }
}

/// A short title for quiz files: `S08 · who enters TIME-WAIT`.
pub fn title(lang: Lang, q: &Question) -> String {
    let what = match (lang, &q.ask) {
        (Lang::En, Ask::StateAfterArrival { .. }) => "state after an arrival",
        (Lang::En, Ask::NextSegment { .. }) => "the next segment",
        (Lang::En, Ask::WhoEntersTimeWait) => "who enters TIME-WAIT",
        (Lang::En, Ask::TimeWaitLength { .. }) => "how long TIME-WAIT lasts",
        (Lang::En, Ask::CanEndLike) => "what one loss can lead to",
        (Lang::En, Ask::LongestStay { .. }) => "which loss costs most",
        (Lang::En, Ask::TrueOrFalse(_)) => "true or false",
    };
    let row = presets::find(q.preset).map_or("", |p| p.conformance);
    format!("{row} · {what}")
}

/// The question itself.
pub fn stem(lang: Lang, q: &Question) -> String {
    let ask = match (lang, &q.ask) {
        (Lang::En, Ask::StateAfterArrival { segment }) => {
            let to = segment.from.peer();
            format!("{}'s {} has just reached {to}. Which state is {to} in now?", segment.from, segment.segment)
        }
        (Lang::En, Ask::NextSegment { host, cause }) => {
            let what = match cause {
                Cause::Arrival(r) => format!("{}'s {} has just reached {host}.", r.from, r.segment),
                Cause::Call(c) => format!("{host}'s application calls {}.", call(c)),
                Cause::Timer(t) => format!("{host}'s {} timer runs out.", timer(lang, *t)),
            };
            format!("{what} Which segment does {host} send?")
        }
        (Lang::En, Ask::WhoEntersTimeWait) => "Who enters TIME-WAIT in this run?".to_string(),
        (Lang::En, Ask::TimeWaitLength { host }) => format!("How long does {host} stay in TIME-WAIT in this run?"),
        (Lang::En, Ask::CanEndLike) => {
            "If any one segment of this run may be lost, which of these endings can happen?".to_string()
        }
        (Lang::En, Ask::LongestStay { host, state }) => {
            format!("Which one lost segment keeps {host} longest in {}?", state.name())
        }
        (Lang::En, Ask::TrueOrFalse(s)) => format!("True or false: {}", statement(lang, *s)),
    };
    format!("{}: {ask}", context(lang, q))
}

/// An option as text.
pub fn answer(lang: Lang, a: &Answer) -> String {
    match (lang, a) {
        (_, Answer::State(s)) => s.name().to_string(),
        (_, Answer::Segment { flags, seq, ack, len }) => segment(*flags, *seq, *ack, *len),
        (Lang::En, Answer::Who(Who::One(h))) => format!("{h} only"),
        (Lang::En, Answer::Who(Who::Both)) => "both".to_string(),
        (Lang::En, Answer::Who(Who::Neither)) => "neither".to_string(),
        (_, Answer::Duration(d)) => time(lang, Time(d.0)),
        (Lang::En, Answer::Ending([a, b])) => format!("A ends {}, B ends {}", a.name(), b.name()),
        (Lang::En, Answer::Lost(r)) => format!("{} {} from {}", r.id, r.segment, r.from),
        (Lang::En, Answer::Truth(true)) => "true".to_string(),
        (Lang::En, Answer::Truth(false)) => "false".to_string(),
    }
}

/// `FIN,ACK seq=5001 ack=1002`, the notation of the rest of finwait.
fn segment(flags: Flags, seq: Seq, ack: Seq, len: u32) -> String {
    let mut s = format!("{flags} seq={seq}");
    if flags.ack {
        s.push_str(&format!(" ack={ack}"));
    }
    if len > 0 {
        s.push_str(&format!(" len={len}"));
    }
    s
}

/// Why the right answer is right: the rule, and for a misconception the correction.
pub fn explanation(lang: Lang, q: &Question) -> String {
    let rule = cited_reason(lang, q.rule);
    match (lang, &q.ask) {
        (Lang::En, Ask::TrueOrFalse(s)) => format!("{} ({rule})", correction(lang, *s)),
        (Lang::En, Ask::LongestStay { .. }) => {
            format!("Each lost segment is sent again when its sender's retransmission timer runs out; the wait is longest where the loss is noticed latest. ({rule})")
        }
        (Lang::En, Ask::CanEndLike) => {
            format!("A lost segment is sent again when its timer runs out, so most losses are repaired; what differs is how long a host waits and, when the retries run out, who gives up. ({rule})")
        }
        (
            Lang::En,
            Ask::StateAfterArrival { .. }
            | Ask::NextSegment { .. }
            | Ask::WhoEntersTimeWait
            | Ask::TimeWaitLength { .. },
        ) => rule,
    }
}

/// The feedback for choosing option `i`: right, or why this option is tempting but wrong,
/// then the rule.
pub fn feedback(lang: Lang, q: &Question, i: usize) -> String {
    let why = explanation(lang, q);
    if i == q.correct {
        return match lang {
            Lang::En => format!("Right. {why}"),
        };
    }
    let (Some(chosen), Some(right)) = (q.options.get(i), q.options.get(q.correct)) else { return why };
    let fin_arrived = matches!(&q.ask, Ask::NextSegment { cause: Cause::Arrival(r), .. } if r.segment.flags.fin);
    let hint = match (lang, chosen, right) {
        (Lang::En, Answer::Segment { ack: a, flags: f, .. }, Answer::Segment { ack: b, flags: g, .. })
            if f == g && a != b && fin_arrived =>
        {
            "Look at the acknowledgment number: a FIN takes one sequence number, so it is acknowledged with its number plus one. "
        }
        (Lang::En, Answer::State(finwait_core::State::Closing), Answer::State(finwait_core::State::TimeWait)) => {
            "CLOSING is for a FIN that arrives before ours is acknowledged (a simultaneous close). "
        }
        (Lang::En, Answer::Who(Who::One(_) | Who::Both), Answer::Who(Who::One(_))) => {
            "Only the host that closes first enters TIME-WAIT. "
        }
        (Lang::En, _, _) => "",
    };
    match lang {
        Lang::En => format!("Not this one. {hint}{why}"),
    }
}

/// A statement as the question puts it.
pub fn statement(lang: Lang, s: Statement) -> &'static str {
    match (lang, s) {
        (Lang::En, Statement::PassiveSideTimeWait) => {
            "the side that closes second (here B, the server) enters TIME-WAIT."
        }
        (Lang::En, Statement::TimeWaitWaitsForFin) => "in TIME-WAIT, a host is waiting for the peer's FIN.",
        (Lang::En, Statement::CloseWaitTimesOut) => "a socket left in CLOSE-WAIT times out by itself.",
        (Lang::En, Statement::FinTakesNoSequenceNumber) => "the FIN takes no sequence number.",
        (Lang::En, Statement::CloseAlwaysSendsFin) => "on Linux, close() always sends a FIN.",
        (Lang::En, Statement::HalfClosedStillReceives) => "after shutdown(SHUT_WR), a host can still receive data.",
        (Lang::En, Statement::EverySegmentCarriesAck) => "every segment after the handshake carries the ACK flag.",
        (Lang::En, Statement::FinWaitsForEarlierData) => {
            "a FIN that arrives before data sent ahead of it is taken only once that data has arrived."
        }
    }
}

/// What is true instead (or why it is true).
fn correction(lang: Lang, s: Statement) -> &'static str {
    match (lang, s) {
        (Lang::En, Statement::PassiveSideTimeWait) => "False: whoever closes first enters TIME-WAIT; the side that closes second goes through CLOSE-WAIT and LAST-ACK to CLOSED.",
        (Lang::En, Statement::TimeWaitWaitsForFin) => "False: waiting for the peer's FIN is FIN-WAIT-2. TIME-WAIT comes after that FIN, to acknowledge it again if it is resent and to let old duplicates die.",
        (Lang::En, Statement::CloseWaitTimesOut) => "False: CLOSE-WAIT waits for the application's close(); no timer ends it, so a pile of them is an application leak.",
        (Lang::En, Statement::FinTakesNoSequenceNumber) => "False: a FIN takes one sequence number, and its ACK acknowledges the FIN's number plus one.",
        (Lang::En, Statement::CloseAlwaysSendsFin) => "False: with received data still unread, Linux's close() sends a reset instead.",
        (Lang::En, Statement::HalfClosedStillReceives) => "True: shutdown(SHUT_WR) closes only the sending direction; the host reads on until the peer's FIN.",
        (Lang::En, Statement::EverySegmentCarriesAck) => "True: after the handshake every segment carries the ACK flag with the current acknowledgment; one without it is dropped.",
        (Lang::En, Statement::FinWaitsForEarlierData) => "True: the FIN's sequence number comes after the data's, so the receiver holds it until the bytes before it arrive.",
    }
}
