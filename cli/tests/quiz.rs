//! `finwait quiz` and `finwait explore` as an instructor runs them.

use std::process::Command;

fn finwait(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_finwait")).args(args).output().expect("the binary runs")
}

#[test]
fn the_same_seed_gives_the_same_quiz_in_every_format() {
    for format in ["text", "gift", "moodle-xml"] {
        let quiz = || {
            finwait(&[
                "quiz",
                "--presets",
                "lost-final-ack,simultaneous-close",
                "--seed",
                "4",
                "--count",
                "6",
                "--format",
                format,
            ])
        };
        let a = quiz();
        assert!(a.status.success(), "{format}: {a:?}");
        let b = quiz();
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
    let gift = String::from_utf8(finwait(&["quiz", "--seed", "4", "--count", "6", "--format", "gift"]).stdout).unwrap();
    assert_eq!(gift.matches("\n::").count(), 6, "{gift}");
    assert!(gift.contains("\\:"), "GIFT escapes the colons of the stems");
}

#[test]
fn a_qti_package_is_written_to_a_file_canvas_can_open() {
    let dir = std::env::temp_dir().join(format!("finwait-cli-quiz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join("quiz.zip");
    let out = finwait(&["quiz", "--seed", "9", "--count", "5", "--format", "qti12", "-o", zip.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let test = Command::new("unzip").arg("-t").arg(&zip).output().unwrap();
    assert!(String::from_utf8_lossy(&test.stdout).contains("No errors detected"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_presets_are_named() {
    let out = finwait(&["quiz", "--presets", "active-close,nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(r#"no preset called "nope""#));
    let out = finwait(&["explore", "--preset", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explore_lists_the_run_without_faults_first_then_what_faults_change() {
    let out = finwait(&["explore", "--preset", "active-close", "--faults", "1"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("6 outcomes of up to 1 fault from 0 ms on (11 runs"), "{text}");
    assert!(lines[1].starts_with("1. A ends CLOSED, B ends CLOSED"), "{text}");
    assert_eq!(lines[2].trim(), "with no fault");
    assert!(text.contains("drop #4 ACK seq=1002 ack=5002 (A→B) at 150 ms"), "{text}");
    let korean = finwait(&["--lang", "ko", "explore", "--preset", "active-close", "--faults", "1"]);
    let korean = String::from_utf8(korean.stdout).unwrap();
    assert!(korean.starts_with("0 ms부터 장애 최대 1개로 나올 수 있는 결과 6가지(실행 11번)\n"), "{korean}");
    assert!(korean.contains("\n   장애 없이\n"), "{korean}");
    let too_many = finwait(&["explore", "--preset", "active-close", "--faults", "3"]);
    assert_eq!(too_many.status.code(), Some(2), "at most 2 faults");
}

/// How many terminal columns a line takes: Hangul twice.
fn columns(line: &str) -> usize {
    line.chars().map(|c| if ('\u{ac00}'..='\u{d7a3}').contains(&c) { 2 } else { 1 }).sum()
}

#[test]
fn the_diagram_in_korean_keeps_its_lanes_straight() {
    let out = finwait(&["run", "--preset", "lost-final-ack", "--lang", "ko"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("finwait — S08 마지막 ACK 손실: TIME-WAIT가 있는 이유\n"), "{text}");
    assert!(text.contains("FIN-WAIT-2에서 FIN 수신: ACK하고 → TIME-WAIT"), "{text}");
    assert!(text.contains("241150 ms 시점: A는 CLOSED, B는 CLOSED"), "{text}");
    // Every lane row ends its right border in the same column.
    let ends: Vec<usize> =
        text.lines().filter(|l| l.contains('│')).map(|l| columns(&l[..l.rfind('│').unwrap()])).collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "lanes out of line: {ends:?}\n{text}");
    // The English diagram is unchanged by the language option's default.
    let en = String::from_utf8(finwait(&["run", "--preset", "lost-final-ack"]).stdout).unwrap();
    assert!(en.starts_with("finwait — S08 Lost final ACK: what TIME-WAIT is for\n"));
}

#[test]
fn a_korean_quiz_has_korean_stems_and_feedback() {
    let out = finwait(&[
        "quiz",
        "--lang",
        "ko",
        "--presets",
        "active-close",
        "--seed",
        "2",
        "--count",
        "4",
        "--format",
        "moodle-xml",
    ]);
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.contains("S01 능동 종료: 4-way 핸드셰이크"), "{xml}");
    assert!(xml.contains("맞습니다."), "{xml}");
}
