//! Quizzes and "what could happen?" on the command line: `finwait quiz` writes questions
//! generated and checked by the simulation, for the terminal or as files Moodle (GIFT, Moodle
//! XML) and Canvas (QTI 1.2 .zip) import; `finwait explore` lists the outcomes a few faults
//! can lead to, each with a schedule that gets there.

use crate::output::{complain, Out};
use crate::CANNOT;
use finwait_core::explore::{explore, Budget};
use finwait_core::presets;
use finwait_core::quiz::quiz;
use finwait_core::Time;
use finwait_messages::quiz::QuizFile;
use finwait_messages::{explore as ex_words, quiz as words, Lang};
use std::io::IsTerminal;

/// Which kind of quiz output.
#[derive(Clone, Copy)]
pub enum QuizFormat {
    Text,
    Gift,
    MoodleXml,
    Qti12,
}

/// Checks the preset names; says which is unknown.
fn known(names: &[String]) -> bool {
    for n in names {
        if presets::find(n).is_none() {
            complain(&format!("no preset called {n:?}; `finwait presets` lists them"));
            return false;
        }
    }
    true
}

pub fn run_quiz(
    out: &mut Out,
    lang: Lang,
    presets: &[String],
    seed: u64,
    count: usize,
    format: QuizFormat,
    output: Option<&str>,
) -> u8 {
    if !known(presets) {
        return CANNOT;
    }
    let names: Vec<&str> = presets.iter().map(String::as_str).collect();
    let questions = quiz(&names, seed, count);
    if questions.is_empty() {
        complain("these presets give no questions");
        return CANNOT;
    }
    let file = |f| words::file(lang, &questions, seed, &names, f);
    let bytes = match format {
        QuizFormat::Text => {
            let items: Vec<_> = questions.iter().map(|q| words::item(lang, q)).collect();
            for (n, it) in items.iter().enumerate() {
                out.line(&format!("{}. {}", n + 1, it.stem));
                for (i, c) in it.choices.iter().enumerate() {
                    out.line(&format!("   {}) {}", (b'a' + i as u8) as char, c.text));
                }
                out.line("");
            }
            out.line("Answers:");
            for (n, (it, q)) in items.iter().zip(&questions).enumerate() {
                out.line(&format!(
                    "{}. {}) {} — {}",
                    n + 1,
                    (b'a' + q.correct as u8) as char,
                    it.choices[q.correct].text,
                    it.explanation
                ));
            }
            return 0;
        }
        QuizFormat::Gift => file(QuizFile::Gift),
        QuizFormat::MoodleXml => file(QuizFile::MoodleXml),
        QuizFormat::Qti12 => file(QuizFile::Qti12),
    };
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &bytes) {
                complain(&format!("cannot write {path}: {e}"));
                return CANNOT;
            }
        }
        None if matches!(format, QuizFormat::Qti12) && std::io::stdout().is_terminal() => {
            complain("a QTI package is a .zip: give a file with -o FILE, or send it down a pipe");
            return CANNOT;
        }
        None => out.bytes(&bytes),
    }
    0
}

pub fn run_explore(out: &mut Out, lang: Lang, preset: &str, at: u64, faults: usize) -> u8 {
    let Some(p) = presets::find(preset) else {
        complain(&format!("no preset called {preset:?}; `finwait presets` lists them"));
        return CANNOT;
    };
    let scenario = match p.scenario() {
        Ok(s) => s,
        Err(e) => {
            complain(&format!("{}: {e}", p.file));
            return CANNOT;
        }
    };
    let ex = match explore(&scenario, Time(at), Budget::new(faults)) {
        Ok(ex) => ex,
        Err(e) => {
            complain(&format!("{}: {e}", p.file));
            return CANNOT;
        }
    };
    out.line(&ex_words::summary(lang, &ex, faults, Time(at)));
    for (i, f) in ex.found.iter().enumerate() {
        out.line(&format!("{}. {}", i + 1, ex_words::outcome(lang, &f.outcome)));
        if f.witness.is_empty() {
            out.line(&format!("   {}", ex_words::no_fault(lang)));
        }
        for s in &f.witness {
            out.line(&format!("   {}", ex_words::step(lang, s)));
        }
    }
    0
}
