//! The app's one door to words: every visible string is looked up here (through
//! `finwait-messages`), in the lab's language.

pub use finwait_messages::{fill, Lang, Ui};

/// The words for a user-interface string.
pub fn t(lang: Lang, key: Ui) -> &'static str {
    finwait_messages::ui(lang, key)
}
