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

/// Finds a preset by its scenario `name` (e.g. `simultaneous-close`) or its file name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.file == name || p.file.trim_end_matches(".json") == name || p.name == name)
}
