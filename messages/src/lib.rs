//! Every sentence finwait shows a person goes through this crate: the core names things with
//! typed values (`Reason`, `CallError`, `EventKind`, …) and the front ends ask here for the
//! words. One lookup per language: English, and Korean with the `ko` feature.
//!
//! - `events`: the one describer of what happens in a run — each event as a log line, as a
//!   note beside a lifeline, each segment's label, each call and its result, each rule. The
//!   CLI's text diagram and Mermaid output, the lab's event log, caption and timeline all use it.
//! - `rules`: the rule behind each reason, as a sentence.
//! - `words`: states, errors, notices, timers, losses.
//! - `terminal`: the command line's text diagram around the events.
//! - `stop`: why a run stopped early (which limit, and why there is one).
//! - `time`: times as people read them.
//! - `ui`: the words of the lab's interface.
//! - `capture`: what each packet of an exported capture did, and how an imported one reads.
//! - `explore`: what could happen — outcomes and the faults that lead to them.
//! - `quiz`: the quiz's questions, options and feedback.
//! - `presets`: the built-in scenarios' titles and descriptions in each language.
//! - `links`: why a share link could not be opened.
//! - `mermaid`: a run as a Mermaid sequence diagram.

pub mod capture;
pub mod events;
pub mod explore;
mod links;
pub mod mermaid;
pub mod presets;
pub mod quiz;
mod rules;
mod stop;
pub mod terminal;
mod time;
mod ui;
mod words;

pub use links::link_error;
pub use rules::{cited_reason, reason};
pub use stop::stopped;
pub use time::time;
pub use ui::{ui, Ui};
pub use words::{call_error, call_error_short, loss, notice, state, timer};

/// A language the messages exist in. Korean (`ko`) is written for every message and
/// compiled in with the `ko` feature (the command-line tool and the web app's course build
/// have it; the standard site has no room for it yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    #[cfg(feature = "ko")]
    Ko,
}

/// The text of a message in `lang`, from its text in each language (written side by side, so
/// that one language's text cannot be left out). Without the `ko` feature the Korean is not
/// compiled in.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $en:expr, $ko:expr $(,)?) => {
        match $lang {
            $crate::Lang::En => $en,
            #[cfg(feature = "ko")]
            $crate::Lang::Ko => $ko,
        }
    };
}

impl Lang {
    #[cfg(not(feature = "ko"))]
    pub const ALL: &'static [Lang] = &[Lang::En];
    #[cfg(feature = "ko")]
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ko];

    /// The language's code, as in `<html lang>` and `lang=` in links.
    pub fn code(self) -> &'static str {
        tr!(self, "en", "ko")
    }

    /// The language's name in itself, as a language picker lists it.
    pub fn autonym(self) -> &'static str {
        tr!(self, "English", "한국어")
    }

    /// The language with this code (`en`, or a regional variant like `en-GB`).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        Lang::ALL.iter().copied().find(|l| l.code().eq_ignore_ascii_case(primary))
    }
}

/// Puts `args` into a template in place of `{0}`, `{1}`, …, so that each language can order the
/// parts of a sentence as it needs.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digit = after.as_bytes().first().filter(|b| b.is_ascii_digit()).map(|b| usize::from(b - b'0'));
        match (digit, after.as_bytes().get(1)) {
            (Some(i), Some(b'}')) => {
                out.push_str(args.get(i).copied().unwrap_or_default());
                rest = &after[2..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_arguments_in_their_places() {
        assert_eq!(fill("{1} after {0}", &["a", "b"]), "b after a");
        assert_eq!(fill("{0}: {{x}} {2}", &["f"]), "f: {{x}} ");
        assert_eq!(fill("no places", &["x"]), "no places");
        assert_eq!(fill("ends with {", &[]), "ends with {");
    }
}
