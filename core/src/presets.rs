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
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        Scenario::from_json(self.json)
    }
}

include!(concat!(env!("OUT_DIR"), "/presets/presets.rs"));

/// Finds a preset by its scenario `name` (e.g. `simultaneous-close`) or its file name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.file == name || p.file.trim_end_matches(".json") == name || p.name == name)
}
