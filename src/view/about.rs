//! What the page says about the scenario: its title, what to watch for, what went differently
//! from its plan, and — when it runs under another profile than the one its text was written
//! for — how the run differs from what the text says.

use crate::session::Session;
use finwait_core::presets::PRESETS;
use finwait_core::run::Stop;
use finwait_core::{Host, ProfileKind, Scenario, State, Time};
use finwait_messages::{presets, Lang};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About {
    /// The conformance row (`S08`), if it is one.
    pub tag: String,
    /// The preset the scenario came from (its name), whose text exists in every language.
    pub preset: Option<&'static str>,
    /// Empty for the blank lab.
    pub title: String,
    pub description: String,
    /// The profile in force.
    pub profile: ProfileKind,
    /// The blank lab (an open connection, nothing planned).
    pub blank: bool,
    /// Planned actions that no longer applied after the user's changes.
    pub skipped: usize,
    /// Why the run stopped early (an event or trace limit), after how many events, and when
    /// (`finwait_messages::stopped` says it).
    pub stopped: Option<(Stop, usize, Time)>,
    /// Set when the text was written for the other profile.
    pub profile_note: Option<ProfileNote>,
}

/// How the scenario's own run differs under the profile in force from the profile its text
/// describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileNote {
    pub written_for: ProfileKind,
    /// Each host whose states differ: its states now, and as the text describes them.
    pub differences: Vec<(Host, Vec<State>, Vec<State>)>,
}

impl About {
    /// `preset`: which preset the session's scenario came from, if one did.
    pub fn of(session: &Session, preset: Option<usize>) -> About {
        let s = session.scenario();
        About {
            tag: s.conformance.clone(),
            preset: preset.and_then(|i| PRESETS.get(i)).map(|p| p.name),
            title: s.title.clone(),
            description: s.description.clone(),
            profile: s.profile,
            blank: s.name == finwait_core::scenario::BLANK,
            skipped: session.skipped().len(),
            stopped: session.stopped().map(|stop| (stop, session.trace().len(), session.head_time())),
            profile_note: preset.and_then(|i| PRESETS.get(i)?.scenario().ok()).and_then(|written| note(&written, s)),
        }
    }
}

impl About {
    /// The title in `lang`: a preset's in that language, a scenario of the user's own as written.
    pub fn title_in(&self, lang: Lang) -> &str {
        self.preset.map_or(&self.title, |name| presets::title(lang, name, &self.title))
    }

    /// What to watch for, in `lang` (as `title_in`).
    pub fn description_in(&self, lang: Lang) -> &str {
        self.preset.map_or(&self.description, |name| presets::description(lang, name, &self.description))
    }
}

/// The note for running `now` when its text describes `written` (the same scenario under its
/// own profile), comparing the two runs without the user's actions.
fn note(written: &Scenario, now: &Scenario) -> Option<ProfileNote> {
    if written.profile == now.profile || written.description.is_empty() {
        return None;
    }
    let states = |s: &Scenario| -> Option<[Vec<State>; 2]> {
        let run = Scenario { profile: now.profile, ..s.clone() }.run().ok()?;
        Some(Host::BOTH.map(|h| run.trace.states(h).into_iter().map(|(_, st)| st).collect()))
    };
    let ran_now = states(now)?;
    let ran_written = {
        let run = written.run().ok()?;
        Host::BOTH.map(|h| run.trace.states(h).into_iter().map(|(_, st)| st).collect::<Vec<State>>())
    };
    let differences = Host::BOTH
        .into_iter()
        .filter(|h| ran_now[h.index()] != ran_written[h.index()])
        .map(|h| (h, ran_now[h.index()].clone(), ran_written[h.index()].clone()))
        .collect();
    Some(ProfileNote { written_for: written.profile, differences })
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets;

    fn about(name: &str, profile: ProfileKind) -> About {
        let i = PRESETS.iter().position(|p| p.name == name).unwrap();
        let mut s = PRESETS[i].scenario().unwrap();
        s.profile = profile;
        About::of(&Session::new(s), Some(i))
    }

    /// A preset's text is in the reader's language; a scenario of the user's own keeps its own.
    #[cfg(feature = "ko")]
    #[test]
    fn a_presets_text_follows_the_language_and_a_users_own_does_not() {
        let preset = about("simultaneous-close", ProfileKind::Rfc9293);
        assert_eq!(preset.title_in(Lang::En), "Simultaneous close");
        assert_eq!(preset.title_in(Lang::Ko), "동시 종료");
        assert!(preset.description_in(Lang::Ko).contains("CLOSING"));
        let mut own = PRESETS[0].scenario().unwrap();
        own.title = "My close".into();
        let mine = About::of(&Session::new(own), None);
        assert_eq!((mine.title_in(Lang::Ko), mine.preset), ("My close", None));
    }

    /// S02's text says A never passes through FIN-WAIT-2; under RFC 9293 (no delayed ACK) it
    /// does, and the page says so.
    #[test]
    fn under_the_other_profile_the_page_says_what_differs() {
        let linux = presets::find("three-segment-close").unwrap().scenario().unwrap().profile;
        assert_eq!(linux, ProfileKind::Linux);
        assert_eq!(about("three-segment-close", ProfileKind::Linux).profile_note, None);
        let note = about("three-segment-close", ProfileKind::Rfc9293).profile_note.expect("a note");
        assert_eq!(note.written_for, ProfileKind::Linux);
        let (host, now, written) = &note.differences[0];
        assert_eq!(*host, Host::A);
        assert!(now.contains(&State::FinWait2) && !written.contains(&State::FinWait2));
    }

    #[test]
    fn where_the_states_agree_the_note_has_no_differences() {
        let note = about("active-close", ProfileKind::Linux).profile_note.expect("a note");
        assert_eq!(note.written_for, ProfileKind::Rfc9293);
        assert!(note.differences.is_empty(), "{:?}", note.differences);
    }
}
