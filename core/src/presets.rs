//! Built-in scenarios: the conformance suite's files, compiled in (compacted by build.rs). The app's preset picker and
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
            $(Preset { file: $file, json: include_str!(concat!(env!("OUT_DIR"), "/presets/", $file)) },)*
        ];
    };
}

presets!(
    "s01-active-close.json",
    "s02-three-segment-close.json",
    "s03-simultaneous-close.json",
    "s04-half-close.json",
    "s05-lost-fin.json",
    "s06-fin-backoff.json",
    "s07-lost-ack-of-fin.json",
    "s08-lost-final-ack.json",
    "s09-time-wait-too-short.json",
    "s10-data-overtaken-by-fin.json",
    "s11-data-lost-fin-waits.json",
    "s12-fin-carries-data.json",
    "s13-close-with-unread-data-linux.json",
    "s13-close-with-unread-data-rfc.json",
    "s14-close-wait-leak-linux.json",
    "s14-close-wait-leak-rfc.json",
    "s15-shutdown-is-not-orphaning.json",
    "s16-rst-in-time-wait-linux.json",
    "s16-rst-in-time-wait-rfc.json",
    "s16-rst-in-time-wait-rfc1337.json",
    "s17-rst-in-fin-wait-2-exact.json",
    "s17-rst-in-fin-wait-2-in-window.json",
    "s17-rst-in-fin-wait-2-outside.json",
    "s18-duplicated-fin-in-time-wait-rfc.json",
    "s18-duplicated-fin-in-time-wait-rfc1337.json",
    "s19-retransmission-gives-up-linux.json",
    "s19-retransmission-gives-up-rfc.json",
    "s20-close-twice.json",
    "s21-abort-linux.json",
    "s21-abort-rfc.json",
    "s22-ack-on-data.json",
    "s23-old-duplicate-no-time-wait.json",
    "s23-old-duplicate-time-wait.json",
);

/// Finds a preset by its scenario `name` (e.g. `simultaneous-close`) or its file name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| {
        p.file == name || p.file.trim_end_matches(".json") == name || p.scenario().is_ok_and(|s| s.name == name)
    })
}
