//! finwait-quizfile: multiple-choice questions written as the files course platforms import.
//! Plain text in, bytes out; nothing about TCP here (the quiz and its words come from
//! finwait-core and finwait-messages).
//!
//! - `gift`: Moodle's GIFT text format.
//! - `moodle_xml`: Moodle XML.
//! - `qti`: IMS QTI 1.2 in a .zip, as Canvas imports it (`zip` writes the archive).

pub mod gift;
pub mod moodle_xml;
pub mod qti;
mod xml;
pub mod zip;

/// A multiple-choice question with one right option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// A short name for the question bank.
    pub title: String,
    pub stem: String,
    pub choices: Vec<Choice>,
    /// Shown whatever was chosen: the rule behind the answer.
    pub explanation: String,
}

/// An option, whether it is right, and what a student who picks it is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub text: String,
    pub right: bool,
    pub feedback: String,
}
