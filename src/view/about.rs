//! What the page says about the scenario: its title, what to watch for, and what went
//! differently from its plan.

use crate::session::Session;
use finwait_core::ProfileKind;
use finwait_messages::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About {
    /// The conformance row (`S08`), if it is one.
    pub tag: String,
    /// Empty for the blank lab.
    pub title: String,
    pub description: String,
    pub profile: ProfileKind,
    /// The blank lab (an open connection, nothing planned).
    pub blank: bool,
    /// Planned actions that no longer applied after the user's changes.
    pub skipped: usize,
    /// Why the run stopped early (the event limit), said for the reader.
    pub stopped: Option<String>,
}

impl About {
    pub fn of(session: &Session, lang: Lang) -> About {
        let s = session.scenario();
        About {
            tag: s.conformance.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            profile: s.profile,
            blank: s.name == finwait_core::scenario::BLANK,
            skipped: session.skipped().len(),
            stopped: session
                .stopped()
                .map(|stop| finwait_messages::stopped(lang, stop, session.trace().len(), session.head_time())),
        }
    }
}
