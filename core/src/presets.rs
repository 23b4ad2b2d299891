//! Built-in scenarios: the conformance suite's files, compiled in. The app's preset picker and
//! `finwait presets` list these; `cargo test` runs every one of them as a test.

use crate::scenario::{Scenario, ScenarioError};

/// A preset's file name and JSON text.
pub struct Preset {
    pub file: &'static str,
    pub json: &'static str,
}

impl Preset {
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        Scenario::from_json(self.json)
    }
}

macro_rules! presets {
    ($($file:literal),* $(,)?) => {
        /// Every built-in scenario, in conformance order.
        pub const PRESETS: &[Preset] = &[
            $(Preset { file: $file, json: include_str!(concat!("../tests/scenarios/", $file)) },)*
        ];
    };
}

presets!(
    "s01-active-close.json",
);

/// Finds a preset by its scenario `name` (e.g. `simultaneous-close`) or its file name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| {
        p.file == name || p.file.trim_end_matches(".json") == name || p.scenario().is_ok_and(|s| s.name == name)
    })
}
