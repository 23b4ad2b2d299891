//! The conformance suite: every scenario file under tests/scenarios (the rows S01–S23 of
//! docs/tcp-close-rules.md §8, in each profile the row names) runs with its invariants checked after every
//! step and its expectations checked at the end — the same code path as `finwait check`.

use finwait_core::presets::PRESETS;
use finwait_core::Scenario;
use std::path::Path;

fn check_file(name: &str, json: &str) -> Result<(), String> {
    let scenario = Scenario::from_json(json).map_err(|e| format!("{name}: {e}"))?;
    if scenario.expect.is_empty() {
        return Err(format!("{name}: a conformance scenario must have expectations"));
    }
    let report = scenario.check().map_err(|e| format!("{name}: {e}"))?;
    let mut problems = String::new();
    if report.run.stopped.is_some() {
        problems += "\n  the run was stopped at the event limit";
    }
    for v in &report.violations {
        problems += &format!("\n  invariant broken: {v}");
    }
    for m in &report.mismatches {
        problems += &format!("\n  {m}");
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{name}:{problems}"))
    }
}

#[test]
fn every_scenario_file_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let json = std::fs::read_to_string(path).unwrap();
        count += 1;
        if let Err(e) = check_file(&path.file_name().unwrap().to_string_lossy(), &json) {
            failures.push(e);
        }
    }
    assert!(count > 0, "no scenario files in {}", dir.display());
    assert!(failures.is_empty(), "{} of {count} scenarios failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_scenario_file_is_a_preset_with_its_metadata() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(PRESETS.len(), files);
    for p in PRESETS {
        let s = p.scenario().unwrap();
        assert_eq!(
            (p.name, p.conformance, p.title),
            (s.name.as_str(), s.conformance.as_str(), s.title.as_str()),
            "{}",
            p.file
        );
    }
}

#[test]
fn every_conformance_row_is_covered() {
    for n in 1..=23 {
        let row = format!("S{n:02}");
        assert!(PRESETS.iter().any(|p| p.conformance == row), "no scenario implements {row}");
    }
}

#[test]
fn same_scenario_same_trace() {
    for p in PRESETS {
        let s = p.scenario().unwrap();
        let first = s.run().unwrap();
        let second = s.run().unwrap();
        assert_eq!(first.trace, second.trace, "{} is not deterministic", p.file);
        assert_eq!(first.sim, second.sim);
    }
}
