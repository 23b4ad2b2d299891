//! The words of captures: what each exported packet did (its pcapng comment, which Wireshark
//! shows as `frame.comment`), and what an imported capture could not show.

use crate::events::{fate, origin};
use crate::rules::cited_reason;
use crate::words::timer;
use crate::Lang;
use finwait_capture::export::Note;
use finwait_capture::import::Doubt;
use finwait_capture::Effect;

/// `A: FIN-WAIT-2 → TIME-WAIT (RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2: …)`.
pub fn effect(lang: Lang, e: Effect) -> String {
    match e {
        Effect::Moved { host, from, to, reason } => {
            format!("{host}: {} → {} ({})", from.name(), to.name(), cited_reason(lang, reason))
        }
        Effect::Treated { host, reason } => format!("{host}: {}", cited_reason(lang, reason)),
    }
}

/// A packet's comment: the segment, why it was sent, what it did on the way out and on
/// arrival, and its fate. `#4 A→B FIN,ACK seq=1001 ack=5001 | sent: RFC 9293 §3.10.4: …
/// | A: ESTABLISHED → FIN-WAIT-1 (…) | B: ESTABLISHED → CLOSE-WAIT (…) | arrived at 50 ms`.
pub fn note(lang: Lang, note: Note<'_>) -> String {
    let (record, effects) = match note {
        Note::Handshake => return handshake(lang).to_string(),
        Note::Segment(record, effects) => (record, effects),
    };
    let mut parts = vec![
        format!("{} {}→{} {}", record.id, record.from, record.from.peer(), record.segment),
        format!("{}: {}", sent(lang), origin(lang, record.origin)),
    ];
    parts.extend(effects.iter().map(|e| effect(lang, *e)));
    parts.push(fate(lang, record.fate));
    parts.join(" | ")
}

fn sent(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "sent",
    }
}

fn handshake(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "the handshake before the run (not simulated): both hosts end it ESTABLISHED",
    }
}

/// What an imported capture could not show, as a sentence. Packets are numbered from 1.
pub fn doubt(lang: Lang, d: Doubt) -> String {
    match (lang, d) {
        (Lang::En, Doubt::StartsEstablished) => {
            "the capture starts after the handshake: both hosts are taken to be ESTABLISHED".to_string()
        }
        (Lang::En, Doubt::Gap { index, host }) => format!(
            "packet {} carries bytes beyond what {host} had received: a segment before it is not in the capture",
            index + 1
        ),
        (Lang::En, Doubt::Unseen { index, host }) => format!(
            "packet {} starts past bytes {host} sent that the capture had not shown by then (they come later or are missing)",
            index + 1
        ),
        (Lang::En, Doubt::Resent { index, host }) => format!(
            "packet {} is {host} sending again: an earlier copy was lost, perhaps where the capture could not see it",
            index + 1
        ),
        (Lang::En, Doubt::CloseOrShutdown { host }) => format!(
            "{host} sent a FIN: its application called close() or shutdown(SHUT_WR); a capture cannot tell which, and close() is taken"
        ),
        (Lang::En, Doubt::AfterCapture { host, timer: t }) => format!(
            "{host}'s {} timer runs out after the last packet: that change of state is inferred, not seen",
            timer(lang, t)
        ),
        (Lang::En, Doubt::NeverAcknowledged { index, host }) => format!(
            "packet {} was never acknowledged by {host}: it is taken as lost on its way",
            index + 1
        ),
        (Lang::En, Doubt::TimeWaitCutShort { host }) => format!(
            "{host} opened the connection again while in TIME-WAIT: its TIME-WAIT ended early (Linux lets a new SYN end it)"
        ),
    }
}
