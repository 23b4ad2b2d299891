//! The words of "what could happen here?": an outcome, and a fault of a witness schedule.

use crate::time::time;
use crate::{tr, Lang};
use finwait_core::explore::{Explored, Outcome, Step, Try};
use finwait_core::{Host, Time};

/// `6 outcomes of up to 1 fault from 0 ms on (11 runs)`, with the schedules that did not apply
/// and those the budget left untried when there are any.
pub fn summary(lang: Lang, ex: &Explored, faults: usize, from: Time) -> String {
    let (n, runs, from) = (ex.found.len(), ex.runs, time(lang, from));
    let mut s = tr!(
        lang,
        format!(
            "{n} outcomes of up to {faults} {} from {from} on ({runs} runs",
            if faults == 1 { "fault" } else { "faults" }
        ),
        format!("{from}부터 장애 최대 {faults}개로 나올 수 있는 결과 {n}가지(실행 {runs}번")
    );
    if ex.invalid > 0 {
        s += &tr!(
            lang,
            format!(", {} schedules not applicable", ex.invalid),
            format!(", 적용할 수 없는 조합 {}개", ex.invalid)
        );
    }
    if ex.untried > 0 {
        s += &tr!(
            lang,
            format!(", {} left untried by the budget", ex.untried),
            format!(", 한도 때문에 시도하지 않은 조합 {}개", ex.untried)
        );
    }
    s + ")"
}

/// The witness of the outcome that needs no fault.
pub fn no_fault(lang: Lang) -> &'static str {
    tr!(lang, "with no fault", "장애 없이")
}

/// `A ends CLOSED, B ends CLOSED · B was told of a reset · data lost · B longest in LAST-ACK
/// (1.1 s)`.
pub fn outcome(lang: Lang, o: &Outcome) -> String {
    let (a, b) = (o.end[0].name(), o.end[1].name());
    let mut parts = vec![tr!(lang, format!("A ends {a}, B ends {b}"), format!("A는 {a}, B는 {b}로 끝남"))];
    for h in Host::BOTH {
        if o.reset[h.index()] {
            parts.push(tr!(lang, format!("{h} was told of a reset"), format!("{h}가 리셋을 통보받음")));
        }
    }
    if o.data_lost {
        parts.push(tr!(lang, "bytes lost", "바이트 손실").to_string());
    }
    if o.data_twice {
        parts.push(tr!(lang, "bytes received twice", "바이트를 두 번 받음").to_string());
    }
    for h in Host::BOTH {
        if let Some((state, d)) = o.longest[h.index()] {
            let (st, d) = (state.name(), time(lang, Time(d.0)));
            parts.push(tr!(lang, format!("{h} longest in {st} ({d})"), format!("{h}는 {st}에 가장 오래 머묾({d})")));
        }
    }
    parts.join(" · ")
}

/// `drop #4 ACK seq=1002 ack=5002 (A→B) at 150 ms`.
pub fn step(lang: Lang, s: &Step) -> String {
    let what = match s.fault {
        Try::Drop => tr!(lang, "drop", "버리기"),
        Try::Duplicate => tr!(lang, "duplicate", "복제"),
        Try::Reorder => tr!(lang, "hold back past the next segment", "다음 세그먼트 뒤로 늦추기"),
    };
    let (r, at) = (&s.record, time(lang, s.at));
    let (id, seg, from, to) = (r.id, &r.segment, r.from, r.from.peer());
    tr!(lang, format!("{what} {id} {seg} ({from}→{to}) at {at}"), format!("{at}에 {id} {seg} ({from}→{to}) {what}"))
}
