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

/// A segment a rule dropped as it was sent is an arrow that stops half-way at a ✕, on the
/// side of its sender.
#[test]
fn lost_segments_end_half_way_from_either_side() {
    let from_a = stdout(&finwait(&["run", "--preset", "lost-final-ack"]));
    let a = from_a.lines().find(|l| l.contains("#4 ACK seq=1002 ack=5002")).expect("A's lost ACK");
    assert!(a.contains("│─ #4 ACK seq=1002 ack=5002 ") && a.contains("─✕ "), "{a}");
    let from_b = stdout(&finwait(&["run", "--preset", "lost-ack-of-fin"]));
    let b = from_b.lines().find(|l| l.contains("#2 ACK seq=5001 ack=1002")).expect("B's lost ACK");
    assert!(b.contains("│ ") && b.contains("✕─") && b.contains(" #2 ACK seq=5001 ack=1002 ─│"), "{b}");
    // The loss has no row of its own: the arrow says it.
    assert!(!from_b.contains("✕ #2 dropped"), "{from_b}");
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

/// A command with its standard output going to `path` (e.g. /dev/full).
fn finwait_to(path: &str, args: &[&str]) -> Output {
    let sink = std::fs::OpenOptions::new().write(true).open(path).expect("the sink opens");
    Command::new(env!("CARGO_BIN_EXE_finwait")).args(args).stdout(sink).output().expect("the binary runs")
}

#[test]
fn an_output_that_cannot_be_written_is_an_error() {
    let file = scenarios_dir().join("s01-active-close.json");
    for args in [vec!["check", file.to_str().unwrap()], vec!["run", file.to_str().unwrap()], vec!["presets"]] {
        let o = finwait_to("/dev/full", &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "one message: {err}");
        assert!(err.contains("cannot write the output"), "{err}");
    }
}

#[test]
fn control_characters_from_a_file_are_escaped() {
    let path = temp_file(
        "escape.json",
        r#"{"version": 1, "title": "red \u001b[31m title", "actions": [{"at": 0, "do": "close", "host": "A"}]}"#,
    );
    let o = finwait(&["run", path.to_str().unwrap()]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(!text.contains('\u{1b}'), "no raw escape");
    assert!(text.contains(r"red \u{1b}[31m title"), "{text}");

    let path = temp_file("escape-key.json", r#"{"version": 1, "\u001b]0;pwned\u0007": 1}"#);
    let o = finwait(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains(r#"unknown field "\u001b]0;pwned\u0007""#), "{err}");
}

#[test]
fn a_refusal_names_its_place() {
    // Not UTF-8: the line and column of the first bad byte.
    let path = temp_file("latin1.json", "{\"version\": 1,\n  \"title\": \"caf\u{e9}\"}");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.iter().position(|&b| b == 0xc3).unwrap();
    bytes.splice(at..at + 2, [0xe9]);
    std::fs::write(&path, bytes).unwrap();
    let o = finwait(&["run", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not UTF-8 text at line 2, column 16"), "{}", stderr(&o));

    // A byte-order mark is not an error.
    let path = temp_file("bom.json", "\u{feff}{\"version\": 1}");
    assert!(finwait(&["run", path.to_str().unwrap()]).status.success());

    // A key with a stray space is shown quoted; a long one is cut.
    let path = temp_file("space.json", r#"{"version": 1, "params": {"mss ": 1}}"#);
    assert!(stderr(&finwait(&["run", path.to_str().unwrap()])).contains(r#"params: unknown field "mss ";"#));
    let path = temp_file("long.json", &format!(r#"{{"version": 1, "{}": 1}}"#, "k".repeat(100_000)));
    let err = stderr(&finwait(&["run", path.to_str().unwrap()]));
    assert!(err.len() < 2_000 && err.contains("(100000 characters)"), "{err}");

    // Timers are named as the format spells them.
    let path = temp_file(
        "timer.json",
        r#"{"version": 1, "actions": [{"at": 0, "do": "fire-timer", "host": "A", "timer": "fin-wait-2"}]}"#,
    );
    assert!(stderr(&finwait(&["run", path.to_str().unwrap()])).contains("A's fin-wait-2 timer is not running"));
}

#[test]
fn check_runs_a_file_without_expectations_and_says_so() {
    let path = temp_file("plain.json", r#"{"version": 1, "actions": [{"at": 0, "do": "close", "host": "A"}]}"#);
    let o = finwait(&["check", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("no expectations: ran with the invariants checked"), "{}", stdout(&o));
    assert!(stdout(&o).contains("1 passed"));
}

#[test]
fn a_run_stopped_at_a_limit_says_which_and_fails() {
    let path = temp_file(
        "large.json",
        r#"{"version":1,"params":{"mss":1,"window":1073741824},"actions":[{"at":0,"do":"send","host":"A","bytes":1048576}]}"#,
    );
    let o = finwait(&["run", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("at most 100,000 events") && err.contains("simply that long"), "{err}");
    assert!(!err.contains("loop"), "a large run is not a loop: {err}");
    let o = finwait(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("FAIL") && stdout(&o).contains("simply that long"));

    let storm = temp_file(
        "storm.json",
        r#"{"version": 1, "network": {"latency_ms": 0}, "actions": [{"at": 0, "do": "inject", "from": "B",
            "segment": {"flags": ["ACK"], "seq": 5001, "ack": 1001, "data": "forged"}}]}"#,
    );
    let err = stderr(&finwait(&["run", storm.to_str().unwrap()]));
    assert!(err.contains("caught in a loop"), "{err}");
}
