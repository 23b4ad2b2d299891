//! The words of "what could happen here?": an outcome, and a fault of a witness schedule.

use crate::time::time;
use crate::Lang;
use finwait_core::explore::{Outcome, Step, Try};
use finwait_core::{Host, Time};

/// `A ends CLOSED, B ends CLOSED · B was told of a reset · data lost · B longest in LAST-ACK
/// (1.1 s)`.
pub fn outcome(lang: Lang, o: &Outcome) -> String {
    let mut parts = vec![match lang {
        Lang::En => format!("A ends {}, B ends {}", o.end[0].name(), o.end[1].name()),
    }];
    for h in Host::BOTH {
        if o.reset[h.index()] {
            parts.push(match lang {
                Lang::En => format!("{h} was told of a reset"),
            });
        }
    }
    if o.data_lost {
        parts.push(match lang {
            Lang::En => "bytes lost".to_string(),
        });
    }
    if o.data_twice {
        parts.push(match lang {
            Lang::En => "bytes received twice".to_string(),
        });
    }
    for h in Host::BOTH {
        if let Some((state, d)) = o.longest[h.index()] {
            parts.push(match lang {
                Lang::En => format!("{h} longest in {} ({})", state.name(), time(lang, Time(d.0))),
            });
        }
    }
    parts.join(" · ")
}

/// `drop #4 ACK seq=1002 ack=5002 (A→B) at 150 ms`.
pub fn step(lang: Lang, s: &Step) -> String {
    let what = match (lang, s.fault) {
        (Lang::En, Try::Drop) => "drop",
        (Lang::En, Try::Duplicate) => "duplicate",
        (Lang::En, Try::Reorder) => "hold back past the next segment",
    };
    let r = &s.record;
    format!("{what} {} {} ({}→{}) at {}", r.id, r.segment, r.from, r.from.peer(), time(lang, s.at))
}
