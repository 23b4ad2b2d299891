//! The words of "what could happen here?": an outcome, and a fault of a witness schedule.

use crate::time::time;
use crate::{tr, Lang};
use finwait_core::explore::{Outcome, Step, Try};
use finwait_core::{Host, Time};

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
