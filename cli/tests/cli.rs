//! The `finwait` binary as a user runs it: listing presets, printing traces in each format,
//! checking scenario files, and refusing broken ones with a message that names the problem.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn finwait(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_finwait")).args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/scenarios")
}

/// A scenario file in a fresh temporary folder.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("finwait-cli-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn version_and_presets() {
    let v = finwait(&["--version"]);
    assert!(v.status.success());
    assert!(stdout(&v).starts_with("finwait "));

    let p = finwait(&["presets"]);
    assert!(p.status.success());
    let files = std::fs::read_dir(scenarios_dir()).unwrap().count();
    assert_eq!(stdout(&p).lines().count(), files);
    assert!(stdout(&p).contains("simultaneous-close"));
}

#[test]
fn run_prints_a_sequence_diagram() {
    let o = finwait(&["run", "--preset", "simultaneous-close"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    // Both hosts pass through CLOSING into TIME-WAIT, with the rule cited.
    let rows = |needle: &str| text.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(rows("FIN-WAIT-1 → CLOSING"), 2, "{text}");
    assert_eq!(rows("CLOSING → TIME-WAIT"), 2, "{text}");
    assert!(text.contains("RFC 9293 §3.10.7.4"));
    assert!(text.contains("#1 FIN,ACK seq=1001 ack=5001"));
    assert!(text.contains("A is CLOSED, B is CLOSED"));
}

#[test]
fn json_has_the_documented_keys() {
    let o = finwait(&["run", "--preset", "lost-fin", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    for key in ["format", "version", "scenario", "profile", "ended_at", "quiet", "hosts", "segments", "events"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["format"], "finwait-trace");
    assert_eq!(v["segments"][0]["fate"]["cause"], "dropped-by-rule");
    assert_eq!(v["hosts"][0]["state"], "FIN-WAIT-2");
}

#[test]
fn mermaid_has_one_message_per_segment() {
    let o = finwait(&["run", "--preset", "lost-final-ack", "--format", "mermaid"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.starts_with("sequenceDiagram\n"));
    let messages = text
        .lines()
        .filter(|l| l.contains("A->>B") || l.contains("B->>A") || l.contains("A-xB") || l.contains("B-xA"))
        .count();
    assert_eq!(messages, 6);
    assert!(text.contains("A-xB"), "the dropped ACK ends in a cross");
}

#[test]
fn check_passes_every_conformance_file() {
    let mut files: Vec<String> =
        std::fs::read_dir(scenarios_dir()).unwrap().map(|e| e.unwrap().path().display().to_string()).collect();
    files.sort();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let o = finwait(&args);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(stdout(&o).lines().filter(|l| l.starts_with("PASS ")).count(), files.len());
}

#[test]
fn check_reports_a_mismatch_with_expected_and_actual() {
    let wrong = r#"{
      "version": 1,
      "actions": [{"at": 0, "do": "close", "host": "A"}],
      "expect": [
        {"states": {"host": "A", "sequence": ["ESTABLISHED", "FIN-WAIT-1", "CLOSING"]}},
        {"segments": [{"from": "A", "flags": ["FIN", "ACK"], "seq": 1001, "ack": 5002}, {"from": "B", "flags": ["ACK"]}]}
      ]
    }"#;
    let path = temp_file("wrong.json", wrong);
    let o = finwait(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("FAIL"), "{text}");
    assert!(text.contains("expected: ESTABLISHED → FIN-WAIT-1 → CLOSING"), "{text}");
    assert!(text.contains("actual:   ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2"), "{text}");
    assert!(text.contains("expect[1].segments[0].ack"), "{text}");
}

#[test]
fn broken_files_are_refused_with_the_place_named() {
    let cases = [
        ("syntax.json", "{\n  \"version\": 1,\n}", "line 3"),
        ("version.json", r#"{"version": 2}"#, "not version 2"),
        ("field.json", r#"{"version": 1, "actions": [{"at": 0, "do": "close", "hots": "A"}]}"#, "actions[0]"),
        (
            "state.json",
            r#"{"version": 1, "expect": [{"state": {"host": "A", "at": 0, "is": "FIN_WAIT_1"}}]}"#,
            "expect[0].state.is",
        ),
        ("unknown.json", r#"{"version": 1, "colour": "red"}"#, r#"unknown field "colour""#),
    ];
    for (name, text, needle) in cases {
        let path = temp_file(name, text);
        for args in [vec!["run", path.to_str().unwrap()], vec!["check", path.to_str().unwrap()]] {
            let o = finwait(&args);
            assert_eq!(o.status.code(), Some(2), "{name} {args:?}");
            assert!(stderr(&o).contains(needle), "{name}: {}", stderr(&o));
            assert!(!stderr(&o).contains("panicked"), "{name}");
        }
    }
}

#[test]
fn missing_file_and_unknown_preset() {
    let o = finwait(&["run", "/nonexistent/finwait.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /nonexistent/finwait.json"));
    let o = finwait(&["run", "--preset", "no-such-thing"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("finwait presets"));
}
