//! The quiz: for every preset and 100 seeds, every question has exactly one right option by a
//! fresh run, its explanation names a rule, and the same seed gives the same questions.

use finwait_core::presets::PRESETS;
use finwait_core::quiz::{quiz, verify, Answer, Ask, Statement};
use finwait_core::Host;
use std::collections::HashMap;

#[test]
fn every_question_of_every_preset_has_one_right_option() {
    let mut kinds: HashMap<&'static str, usize> = HashMap::new();
    for p in PRESETS {
        for seed in 0..100 {
            let qs = quiz(&[p.name], seed, 3);
            assert!(!qs.is_empty(), "{} seed {seed}: no question", p.name);
            for q in &qs {
                verify(q).unwrap_or_else(|e| panic!("{} seed {seed}: {e}: {q:?}", p.name));
                assert!(q.options.len() >= 2 && q.correct < q.options.len());
                for (i, a) in q.options.iter().enumerate() {
                    assert!(q.options[i + 1..].iter().all(|b| b != a), "{}: options repeat", p.name);
                }
                assert!(!q.rule.citation().section.is_empty());
                let kind = match q.ask {
                    Ask::StateAfterArrival { .. } => "state-after-arrival",
                    Ask::NextSegment { .. } => "next-segment",
                    Ask::WhoEntersTimeWait => "who-enters-time-wait",
                    Ask::TimeWaitLength { .. } => "time-wait-length",
                    Ask::CanEndLike => "can-end-like",
                    Ask::LongestStay { .. } => "longest-stay",
                    Ask::TrueOrFalse(_) => "true-or-false",
                };
                *kinds.entry(kind).or_default() += 1;
            }
        }
    }
    // Every kind of question comes up.
    assert_eq!(kinds.len(), 7, "{kinds:?}");
}

#[test]
fn the_same_seed_gives_the_same_questions_and_another_seed_others() {
    let a = quiz(&[], 7, 10);
    assert_eq!(a.len(), 10);
    assert_eq!(a, quiz(&[], 7, 10));
    assert_ne!(a, quiz(&[], 8, 10));
}

/// The answers agree with the trace read directly.
#[test]
fn state_answers_are_the_state_at_the_arrival() {
    for q in quiz(&["lost-final-ack", "simultaneous-close"], 1, 200) {
        if let (Ask::StateAfterArrival { segment }, Answer::State(s)) = (&q.ask, &q.options[q.correct]) {
            let run = finwait_core::quiz::run_of(q.preset).unwrap();
            assert_eq!(run.trace.state_at(segment.from.peer(), q.moment.unwrap()), Some(*s), "{q:?}");
        }
    }
}

#[test]
fn each_misconception_is_settled_by_its_run_as_the_course_material_says() {
    let truth = |s: Statement| s.holds(&s.run().unwrap()).unwrap_or_else(|| panic!("{s:?}: the run does not show it"));
    for s in Statement::ALL {
        let expected = matches!(
            s,
            Statement::HalfClosedStillReceives | Statement::EverySegmentCarriesAck | Statement::FinWaitsForEarlierData
        );
        assert_eq!(truth(*s), expected, "{s:?}");
    }
    // And the passive side really is B in the active close.
    let run = finwait_core::quiz::run_of("active-close").unwrap();
    assert!(run.trace.states(Host::A).iter().any(|(_, s)| *s == finwait_core::State::TimeWait));
}
