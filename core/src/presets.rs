//! Built-in scenarios: the conformance suite's files, compiled in (compacted by build.rs). The app's preset picker and
//! `finwait presets` list these; `cargo test` runs every one of them as a test.

use crate::scenario::{Scenario, ScenarioError};

/// A preset: its file name, JSON text, and (read at build time) its name, conformance row and
/// title.
pub struct Preset {
    pub file: &'static str,
    pub json: &'static str,
    pub name: &'static str,
    pub conformance: &'static str,
    pub title: &'static str,
}

impl Preset {
    /// The scenario, read from its JSON. Its name, row and title come from this list (the web
    /// app's copy of the JSON leaves them out).
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        let mut s = Scenario::from_json(self.json)?;
        s.name = self.name.to_string();
        s.conformance = self.conformance.to_string();
        s.title = self.title.to_string();
        Ok(s)
    }
}

include!(concat!(env!("OUT_DIR"), "/presets/presets.rs"));

/// Finds a preset by its name or file name, or by its conformance row (`S08`, any case). Where
/// a row has several presets, those written for `profile` (RFC 9293 when not given) come
/// first, and of those the plainest (the shortest name: `…-linux` before `…-linux-rfc1337`).
pub fn resolve(text: &str, profile: Option<crate::ProfileKind>) -> Option<&'static Preset> {
    if let Some(p) = find(text) {
        return Some(p);
    }
    let row: Vec<&'static Preset> =
        PRESETS.iter().filter(|p| !p.conformance.is_empty() && p.conformance.eq_ignore_ascii_case(text)).collect();
    let want = profile.unwrap_or_default();
    let written_for: Vec<&'static Preset> =
        row.iter().copied().filter(|p| p.scenario().is_ok_and(|s| s.profile == want)).collect();
    let candidates = if written_for.is_empty() { row } else { written_for };
    candidates.into_iter().min_by_key(|p| p.name.len())
}

/// Finds a preset by its scenario `name` (e.g. `simultaneous-close`) or its file name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.file == name || p.file.trim_end_matches(".json") == name || p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProfileKind;

    #[test]
    fn a_preset_is_found_by_name_or_row() {
        assert_eq!(resolve("lost-final-ack", None).map(|p| p.conformance), Some("S08"));
        assert_eq!(resolve("s08", None).map(|p| p.name), Some("lost-final-ack"));
        // S13 has a preset for each profile.
        assert_eq!(resolve("S13", Some(ProfileKind::Rfc9293)).map(|p| p.name), Some("close-with-unread-data-rfc"));
        assert_eq!(resolve("S13", Some(ProfileKind::Linux)).map(|p| p.name), Some("close-with-unread-data-linux"));
        assert_eq!(resolve("S13", None).map(|p| p.name), Some("close-with-unread-data-rfc"));
        assert_eq!(resolve("S18", Some(ProfileKind::Linux)).map(|p| p.name), Some("duplicated-fin-in-time-wait-linux"));
        assert_eq!(resolve("S16", None).map(|p| p.name), Some("rst-in-time-wait-rfc"));
        // A row with only a Linux preset gives it whatever the profile.
        assert_eq!(resolve("S02", None).map(|p| p.name), Some("three-segment-close"));
        assert!(resolve("S99", None).is_none() && resolve("", None).is_none());
    }
}
