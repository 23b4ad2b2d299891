//! The words of the quiz: each question's stem, its options, and the feedback that gives the
//! rule behind the answer (and, for a tempting wrong option, why it is wrong).

use crate::events::call;
use crate::rules::cited_reason;
use crate::time::time;
use crate::words::timer;
use crate::{tr, Lang};
use finwait_core::presets;
use finwait_core::quiz::{Answer, Ask, Cause, Question, Statement, Who};
use finwait_core::{Flags, Seq, State, Time};
use finwait_quizfile::{gift, moodle_xml, qti, Choice, Item};

/// The scenario a question is about: `S08 Lost final ACK: what TIME-WAIT is for (RFC 9293)`.
pub fn context(lang: Lang, q: &Question) -> String {
    let Some(p) = presets::find(q.preset) else { return q.preset.to_string() };
    let title = crate::presets::title(lang, p.name, p.title);
    let profile = p.scenario().map(|s| crate::events::profile(s.profile)).unwrap_or_default();
    if title.contains(profile) {
        format!("{} {title}", p.conformance)
    } else {
        format!("{} {title} ({profile})", p.conformance)
    }
}

/// A short title for quiz files: `S08 · who enters TIME-WAIT`.
pub fn title(lang: Lang, q: &Question) -> String {
    let what = match &q.ask {
        Ask::StateAfterArrival { .. } => tr!(lang, "state after an arrival", "도착 뒤의 상태"),
        Ask::NextSegment { .. } => tr!(lang, "the next segment", "다음 세그먼트"),
        Ask::WhoEntersTimeWait => tr!(lang, "who enters TIME-WAIT", "누가 TIME-WAIT에 들어가나"),
        Ask::TimeWaitLength { .. } => tr!(lang, "how long TIME-WAIT lasts", "TIME-WAIT는 얼마나 가나"),
        Ask::CanEndLike => tr!(lang, "what one loss can lead to", "손실 하나가 낳는 결과"),
        Ask::LongestStay { .. } => tr!(lang, "which loss costs most", "가장 비싼 손실"),
        Ask::TrueOrFalse(_) => tr!(lang, "true or false", "참 또는 거짓"),
    };
    let row = presets::find(q.preset).map_or("", |p| p.conformance);
    format!("{row} · {what}")
}

/// The question itself.
pub fn stem(lang: Lang, q: &Question) -> String {
    let ask = match &q.ask {
        Ask::StateAfterArrival { segment } => {
            let (from, to, seg) = (segment.from, segment.from.peer(), &segment.segment);
            tr!(
                lang,
                format!("{from}'s {seg} has just reached {to}. Which state is {to} in now?"),
                format!("{from}의 {seg}가 방금 {to}에 도착했습니다. {to}는 지금 어떤 상태입니까?")
            )
        }
        Ask::NextSegment { host, cause } => {
            let what = match cause {
                Cause::Arrival(r) => {
                    let (from, seg) = (r.from, &r.segment);
                    tr!(
                        lang,
                        format!("{from}'s {seg} has just reached {host}."),
                        format!("{from}의 {seg}가 방금 {host}에 도착했습니다.")
                    )
                }
                Cause::Call(c) => {
                    let c = call(c);
                    tr!(
                        lang,
                        format!("{host}'s application calls {c}."),
                        format!("{host}의 애플리케이션이 {c}를 호출합니다.")
                    )
                }
                Cause::Timer(t) => {
                    let t = timer(lang, *t);
                    tr!(lang, format!("{host}'s {t} timer runs out."), format!("{host}의 {t} 타이머가 만료됩니다."))
                }
            };
            tr!(
                lang,
                format!("{what} Which segment does {host} send?"),
                format!("{what} {host}는 어떤 세그먼트를 보냅니까?")
            )
        }
        Ask::WhoEntersTimeWait => {
            tr!(lang, "Who enters TIME-WAIT in this run?", "이 실행에서 누가 TIME-WAIT에 들어갑니까?").to_string()
        }
        Ask::TimeWaitLength { host } => tr!(
            lang,
            format!("How long does {host} stay in TIME-WAIT in this run?"),
            format!("이 실행에서 {host}는 TIME-WAIT에 얼마나 머뭅니까?")
        ),
        Ask::CanEndLike => tr!(
            lang,
            "If any one segment of this run may be lost, which of these endings can happen?",
            "이 실행의 세그먼트 중 하나가 손실될 수 있다면, 다음 중 어떤 결말이 가능합니까?"
        )
        .to_string(),
        Ask::LongestStay { host, state } => {
            let st = state.name();
            tr!(
                lang,
                format!("Which one lost segment keeps {host} longest in {st}?"),
                format!("어떤 세그먼트 하나가 손실될 때 {host}가 {st}에 가장 오래 머뭅니까?")
            )
        }
        Ask::TrueOrFalse(s) => {
            let st = statement(lang, *s);
            tr!(lang, format!("True or false: {st}"), format!("참일까요, 거짓일까요? {st}"))
        }
    };
    format!("{}: {ask}", context(lang, q))
}

/// An option as text.
pub fn answer(lang: Lang, a: &Answer) -> String {
    match a {
        Answer::State(s) => s.name().to_string(),
        Answer::Segment { flags, seq, ack, len } => segment(*flags, *seq, *ack, *len),
        Answer::Who(Who::One(h)) => tr!(lang, format!("{h} only"), format!("{h}만")),
        Answer::Who(Who::Both) => tr!(lang, "both", "둘 다").to_string(),
        Answer::Who(Who::Neither) => tr!(lang, "neither", "아무도 들어가지 않음").to_string(),
        Answer::Duration(d) => time(lang, Time(d.0)),
        Answer::Ending([a, b]) => {
            let (a, b) = (a.name(), b.name());
            tr!(lang, format!("A ends {a}, B ends {b}"), format!("A는 {a}, B는 {b}로 끝남"))
        }
        Answer::Lost(r) => {
            let (id, seg, from) = (r.id, &r.segment, r.from);
            tr!(lang, format!("{id} {seg} from {from}"), format!("{from}가 보낸 {id} {seg}"))
        }
        Answer::Truth(true) => tr!(lang, "true", "참").to_string(),
        Answer::Truth(false) => tr!(lang, "false", "거짓").to_string(),
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
    match &q.ask {
        Ask::TrueOrFalse(s) => format!("{} ({rule})", correction(lang, *s)),
        Ask::LongestStay { .. } => {
            let lead = tr!(
                lang,
                "Each lost segment is sent again when its sender's retransmission timer runs out; the wait is longest where the loss is noticed latest.",
                "손실된 세그먼트는 보낸 쪽의 재전송 타이머가 만료되면 다시 갑니다. 손실을 가장 늦게 알아차리는 곳에서 기다림이 가장 깁니다."
            );
            format!("{lead} ({rule})")
        }
        Ask::CanEndLike => {
            let lead = tr!(
                lang,
                "A lost segment is sent again when its timer runs out, so most losses are repaired; what differs is how long a host waits and, when the retries run out, who gives up.",
                "손실된 세그먼트는 타이머가 만료되면 다시 보내므로 대부분의 손실은 복구됩니다. 달라지는 것은 호스트가 얼마나 기다리는지, 그리고 재시도가 바닥나면 누가 포기하는지입니다."
            );
            format!("{lead} ({rule})")
        }
        Ask::StateAfterArrival { .. }
        | Ask::NextSegment { .. }
        | Ask::WhoEntersTimeWait
        | Ask::TimeWaitLength { .. } => rule,
    }
}

/// The feedback for choosing option `i`: right, or why this option is tempting but wrong,
/// then the rule.
pub fn feedback(lang: Lang, q: &Question, i: usize) -> String {
    let why = explanation(lang, q);
    if i == q.correct {
        return format!("{} {why}", tr!(lang, "Right.", "맞습니다."));
    }
    let (Some(chosen), Some(right)) = (q.options.get(i), q.options.get(q.correct)) else { return why };
    let fin_arrived = matches!(&q.ask, Ask::NextSegment { cause: Cause::Arrival(r), .. } if r.segment.flags.fin);
    let hint = match (chosen, right) {
        (Answer::Segment { ack: a, flags: f, .. }, Answer::Segment { ack: b, flags: g, .. })
            if f == g && a != b && fin_arrived =>
        {
            tr!(
                lang,
                "Look at the acknowledgment number: a FIN takes one sequence number, so it is acknowledged with its number plus one. ",
                "확인 응답 번호를 보세요. FIN은 시퀀스 번호 하나를 차지하므로 그 번호에 1을 더한 값으로 ACK됩니다. "
            )
        }
        (Answer::State(State::Closing), Answer::State(State::TimeWait)) => tr!(
            lang,
            "CLOSING is for a FIN that arrives before ours is acknowledged (a simultaneous close). ",
            "CLOSING은 우리 FIN이 ACK되기 전에 상대의 FIN이 도착했을 때(동시 종료)의 상태입니다. "
        ),
        (Answer::Who(Who::One(_) | Who::Both), Answer::Who(Who::One(_))) => {
            tr!(
                lang,
                "Only the host that closes first enters TIME-WAIT. ",
                "먼저 닫은 호스트만 TIME-WAIT에 들어갑니다. "
            )
        }
        // Any other wrong option: the rule says enough.
        _ => "",
    };
    format!("{} {hint}{why}", tr!(lang, "Not this one.", "아닙니다."))
}

/// A statement as the question puts it.
pub fn statement(lang: Lang, s: Statement) -> &'static str {
    match s {
        Statement::PassiveSideTimeWait => tr!(
            lang,
            "the side that closes second (here B, the server) enters TIME-WAIT.",
            "나중에 닫는 쪽(여기서는 서버 B)이 TIME-WAIT에 들어간다."
        ),
        Statement::TimeWaitWaitsForFin => {
            tr!(
                lang,
                "in TIME-WAIT, a host is waiting for the peer's FIN.",
                "TIME-WAIT에서 호스트는 상대의 FIN을 기다리고 있다."
            )
        }
        Statement::CloseWaitTimesOut => {
            tr!(
                lang,
                "a socket left in CLOSE-WAIT times out by itself.",
                "CLOSE-WAIT에 남은 소켓은 저절로 타임아웃된다."
            )
        }
        Statement::FinTakesNoSequenceNumber => {
            tr!(lang, "the FIN takes no sequence number.", "FIN은 시퀀스 번호를 차지하지 않는다.")
        }
        Statement::CloseAlwaysSendsFin => {
            tr!(lang, "on Linux, close() always sends a FIN.", "Linux에서 close()는 항상 FIN을 보낸다.")
        }
        Statement::HalfClosedStillReceives => tr!(
            lang,
            "after shutdown(SHUT_WR), a host can still receive data.",
            "shutdown(SHUT_WR) 뒤에도 호스트는 데이터를 받을 수 있다."
        ),
        Statement::EverySegmentCarriesAck => tr!(
            lang,
            "every segment after the handshake carries the ACK flag.",
            "핸드셰이크 뒤의 모든 세그먼트에는 ACK 플래그가 있다."
        ),
        Statement::FinWaitsForEarlierData => tr!(
            lang,
            "a FIN that arrives before data sent ahead of it is taken only once that data has arrived.",
            "앞서 보낸 데이터보다 먼저 도착한 FIN은 그 데이터가 도착한 뒤에야 받아들여진다."
        ),
    }
}

/// What is true instead (or why it is true).
fn correction(lang: Lang, s: Statement) -> &'static str {
    match s {
        Statement::PassiveSideTimeWait => tr!(
            lang,
            "False: whoever closes first enters TIME-WAIT; the side that closes second goes through CLOSE-WAIT and LAST-ACK to CLOSED.",
            "거짓: 먼저 닫는 쪽이 TIME-WAIT에 들어갑니다. 나중에 닫는 쪽은 CLOSE-WAIT과 LAST-ACK을 거쳐 CLOSED가 됩니다."
        ),
        Statement::TimeWaitWaitsForFin => tr!(
            lang,
            "False: waiting for the peer's FIN is FIN-WAIT-2. TIME-WAIT comes after that FIN, to acknowledge it again if it is resent and to let old duplicates die.",
            "거짓: 상대의 FIN을 기다리는 상태는 FIN-WAIT-2입니다. TIME-WAIT는 그 FIN을 받은 뒤에 오며, FIN이 재전송되면 다시 ACK하고 오래된 중복 세그먼트가 사라지게 하려는 것입니다."
        ),
        Statement::CloseWaitTimesOut => tr!(
            lang,
            "False: CLOSE-WAIT waits for the application's close(); no timer ends it, so a pile of them is an application leak.",
            "거짓: CLOSE-WAIT는 애플리케이션의 close()를 기다립니다. 끝내 주는 타이머가 없으므로 CLOSE-WAIT가 쌓인다면 애플리케이션의 누수입니다."
        ),
        Statement::FinTakesNoSequenceNumber => tr!(
            lang,
            "False: a FIN takes one sequence number, and its ACK acknowledges the FIN's number plus one.",
            "거짓: FIN은 시퀀스 번호 하나를 차지하며, 그 ACK는 FIN의 번호에 1을 더한 값을 확인합니다."
        ),
        Statement::CloseAlwaysSendsFin => tr!(
            lang,
            "False: with received data still unread, Linux's close() sends a reset instead.",
            "거짓: 받은 데이터를 아직 읽지 않았다면 Linux의 close()는 FIN 대신 리셋(RST)을 보냅니다."
        ),
        Statement::HalfClosedStillReceives => tr!(
            lang,
            "True: shutdown(SHUT_WR) closes only the sending direction; the host reads on until the peer's FIN.",
            "참: shutdown(SHUT_WR)은 보내는 방향만 닫습니다(반이중 종료, half-close). 호스트는 상대의 FIN까지 계속 읽습니다."
        ),
        Statement::EverySegmentCarriesAck => tr!(
            lang,
            "True: after the handshake every segment carries the ACK flag with the current acknowledgment; one without it is dropped.",
            "참: 핸드셰이크 뒤에는 모든 세그먼트가 현재의 확인 응답 번호와 함께 ACK 플래그를 싣습니다. ACK가 없는 세그먼트는 버려집니다."
        ),
        Statement::FinWaitsForEarlierData => tr!(
            lang,
            "True: the FIN's sequence number comes after the data's, so the receiver holds it until the bytes before it arrive.",
            "참: FIN의 시퀀스 번호는 데이터 뒤에 있으므로, 받는 쪽은 그 앞의 바이트가 올 때까지 FIN을 보관합니다."
        ),
    }
}

/// A quiz as a file a course platform imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuizFile {
    /// Moodle's GIFT text.
    Gift,
    MoodleXml,
    /// IMS QTI 1.2 in a .zip, as Canvas imports it.
    Qti12,
}

impl QuizFile {
    pub const ALL: [QuizFile; 3] = [QuizFile::Gift, QuizFile::MoodleXml, QuizFile::Qti12];

    /// The end of the file's name.
    pub fn extension(self) -> &'static str {
        match self {
            QuizFile::Gift => "gift.txt",
            QuizFile::MoodleXml => "moodle.xml",
            QuizFile::Qti12 => "qti.zip",
        }
    }

    /// What the file is, for a picker.
    pub fn label(self) -> &'static str {
        match self {
            QuizFile::Gift => "Moodle (GIFT)",
            QuizFile::MoodleXml => "Moodle XML",
            QuizFile::Qti12 => "Canvas (QTI 1.2, .zip)",
        }
    }
}

/// A question as a quiz file's item: its stem, its options with their feedback, the rule.
pub fn item(lang: Lang, q: &Question) -> Item {
    Item {
        title: title(lang, q),
        stem: stem(lang, q),
        choices: q
            .options
            .iter()
            .enumerate()
            .map(|(i, a)| Choice { text: answer(lang, a), right: i == q.correct, feedback: feedback(lang, q, i) })
            .collect(),
        explanation: explanation(lang, q),
    }
}

/// The questions of `seed` on `presets` (every preset when empty) as a `format` file: what
/// `finwait quiz --format …` writes and the lab's quiz downloads.
pub fn file(lang: Lang, questions: &[Question], seed: u64, presets: &[&str], format: QuizFile) -> Vec<u8> {
    let items: Vec<Item> = questions.iter().map(|q| item(lang, q)).collect();
    let which = if presets.is_empty() { "every preset".to_string() } else { presets.join(", ") };
    let heading = format!("finwait quiz: {} questions on {which}, seed {seed}", items.len());
    match format {
        QuizFile::Gift => {
            gift::write(&format!("{heading}\nmade by finwait; every answer checked by running the simulation"), &items)
                .into_bytes()
        }
        QuizFile::MoodleXml => moodle_xml::write(&items).into_bytes(),
        QuizFile::Qti12 => qti::write(&format!("finwait-quiz-{seed}"), &heading, &items),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiz_file_names_its_scenarios_or_says_every_preset() {
        let questions = finwait_core::quiz::quiz(&["active-close", "lost-final-ack"], 3, 4);
        let gift = file(Lang::En, &questions, 3, &["active-close", "lost-final-ack"], QuizFile::Gift);
        let text = String::from_utf8(gift).expect("GIFT is text");
        assert!(text.starts_with("// finwait quiz: 4 questions on active-close, lost-final-ack, seed 3\n"), "{text}");
        let every = String::from_utf8(file(Lang::En, &questions, 3, &[], QuizFile::Gift)).expect("text");
        assert!(every.starts_with("// finwait quiz: 4 questions on every preset, seed 3\n"), "{every}");
    }
}
