//! A quiz set as an address carries it (`quiz=SEED.COUNT`, `quiz=SEED.COUNT.PRESET` or
//! `quiz=SEED.COUNT.PRESET,PRESET…`), and a
//! student's progress through it as the browser keeps it (the set, then each answer given).
//! The same set gives every student the same questions: they come from the core's seeded
//! generator (`finwait_core::quiz::quiz`), as `finwait quiz --seed SEED --count COUNT` writes
//! them.

use finwait_core::presets::{self, PRESETS};
use finwait_core::quiz::{self, Question};

/// The most questions in one quiz.
pub const MAX_QUESTIONS: usize = 20;

/// Which questions: the generator's seed, how many, and on which scenarios (every one when
/// empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSet {
    pub seed: u64,
    pub count: usize,
    pub presets: Vec<&'static str>,
}

impl QuizSet {
    /// `7.5`, `7.5.active-close` or `7.5.S01,S08` (presets by name or by row).
    pub fn parse(text: &str) -> Option<QuizSet> {
        let mut parts = text.splitn(3, '.');
        let seed = parts.next()?.parse().ok()?;
        let count = parts.next()?.parse().ok().filter(|n| (1..=MAX_QUESTIONS).contains(n))?;
        let presets = match parts.next() {
            None => Vec::new(),
            Some(names) => {
                names.split(',').map(|n| presets::resolve(n, None).map(|p| p.name)).collect::<Option<_>>()?
            }
        };
        Some(QuizSet { seed, count, presets })
    }

    pub fn to_text(&self) -> String {
        match self.presets.is_empty() {
            true => format!("{}.{}", self.seed, self.count),
            false => format!("{}.{}.{}", self.seed, self.count, self.presets.join(",")),
        }
    }

    /// The questions, each checked against its run by the generator.
    pub fn questions(&self) -> Vec<Question> {
        quiz::quiz(&self.presets, self.seed, self.count)
    }
}

/// Where the student is in a quiz: the option chosen for each question answered so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub set: QuizSet,
    pub answers: Vec<usize>,
}

impl Progress {
    pub fn new(set: QuizSet) -> Progress {
        Progress { set, answers: Vec::new() }
    }

    /// `7.5.active-close;1,0,3`: the set, then the answers in order.
    pub fn to_text(&self) -> String {
        let answers: Vec<String> = self.answers.iter().map(usize::to_string).collect();
        format!("{};{}", self.set.to_text(), answers.join(","))
    }

    /// Progress as `to_text` wrote it; `None` for anything else (a damaged entry starts afresh).
    pub fn parse(text: &str) -> Option<Progress> {
        let (set, answers) = text.split_once(';')?;
        let set = QuizSet::parse(set)?;
        let answers: Option<Vec<usize>> = match answers {
            "" => Some(Vec::new()),
            list => list.split(',').map(|a| a.parse().ok().filter(|i| *i < quiz::OPTIONS)).collect(),
        };
        let answers = answers.filter(|a| a.len() <= set.count)?;
        Some(Progress { set, answers })
    }

    /// How many of the answers given are right.
    pub fn score(&self, questions: &[Question]) -> usize {
        self.answers.iter().zip(questions).filter(|(a, q)| **a == q.correct).count()
    }
}

/// The index of a question's preset in `PRESETS`.
pub fn preset_index(q: &Question) -> Option<usize> {
    PRESETS.iter().position(|p| p.name == q.preset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_reads_back_what_it_writes() {
        let set = QuizSet::parse("7.5.S01").expect("a set");
        assert_eq!(set, QuizSet { seed: 7, count: 5, presets: vec!["active-close"] });
        assert_eq!(set.to_text(), "7.5.active-close");
        assert_eq!(QuizSet::parse("42.10"), Some(QuizSet { seed: 42, count: 10, presets: vec![] }));
        let two = QuizSet::parse("3.8.S01,lost-final-ack").expect("two scenarios");
        assert_eq!(two.presets, ["active-close", "lost-final-ack"]);
        assert_eq!(two.to_text(), "3.8.active-close,lost-final-ack");
        for bad in ["", "7", "7.0", "7.21", "x.5", "7.5.no-such-preset", "7.5.S01,", "-1.5"] {
            assert_eq!(QuizSet::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_same_set_gives_the_same_questions() {
        let set = QuizSet::parse("7.5.active-close").expect("a set");
        let (a, b) = (set.questions(), set.questions());
        assert_eq!(a.len(), 5);
        assert_eq!(a, b);
        assert!(a.iter().all(|q| q.preset == "active-close" && preset_index(q).is_some()));
        let two = QuizSet::parse("3.8.S01,lost-final-ack").expect("two scenarios").questions();
        assert!(two.iter().all(|q| ["active-close", "lost-final-ack"].contains(&q.preset)));
    }

    #[test]
    fn progress_reads_back_and_refuses_damage() {
        let set = QuizSet::parse("7.5.active-close").expect("a set");
        let p = Progress { set: set.clone(), answers: vec![1, 0, 3] };
        assert_eq!(p.to_text(), "7.5.active-close;1,0,3");
        assert_eq!(Progress::parse(&p.to_text()), Some(p));
        assert_eq!(Progress::parse("7.5;"), Some(Progress::new(QuizSet { seed: 7, count: 5, presets: vec![] })));
        for bad in ["7.5", "7.5;9", "7.2;0,0,0", "7.5;a", "nonsense"] {
            assert_eq!(Progress::parse(bad), None, "{bad}");
        }
        let questions = set.questions();
        let right: Vec<usize> = questions.iter().map(|q| q.correct).collect();
        assert_eq!(Progress { set, answers: right }.score(&questions), 5);
    }
}
