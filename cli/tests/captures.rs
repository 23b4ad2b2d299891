//! `finwait run --format pcapng|pcap` read by Wireshark's own dissector (tshark, installed by
//! scripts/setup): every preset's export has good checksums, carries the trace's segments
//! flag for flag, and shows Wireshark's retransmission and duplicate-ACK analysis where a
//! segment was lost. And `finwait import` reads them back.

use finwait_core::presets::PRESETS;
use finwait_core::{EventKind, Flags, Host, Origin, Segment};
use std::path::PathBuf;
use std::process::Command;

fn finwait(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_finwait")).args(args).output().expect("the binary runs")
}

/// A fresh folder of the test's own (the tests run in parallel).
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("finwait-capture-test-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One row of tshark's fields.
#[derive(Debug)]
struct Row {
    flags: Flags,
    seq_relative: u32,
    seq: u32,
    ack: u32,
    tcp_checksum: String,
    ip_checksum: String,
    retransmission: bool,
    dup_ack: bool,
    comment: String,
}

const FIELDS: [&str; 10] = [
    "tcp.flags",
    "tcp.seq",
    "tcp.seq_raw",
    "tcp.ack_raw",
    "tcp.checksum.status",
    "ip.checksum.status",
    "tcp.analysis.retransmission",
    "tcp.analysis.duplicate_ack",
    "frame.comment",
    "tcp.len",
];

fn tshark(file: &PathBuf) -> Vec<Row> {
    let mut cmd = Command::new("tshark");
    cmd.arg("-r").arg(file);
    cmd.args(["-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-T", "fields", "-E", "separator=\t"]);
    for f in FIELDS {
        cmd.args(["-e", f]);
    }
    let out = cmd.output().expect("tshark runs (scripts/setup installs it from Debian)");
    assert!(out.status.success(), "tshark failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let bits = u32::from_str_radix(f[0].trim_start_matches("0x"), 16).unwrap();
            Row {
                flags: Flags { fin: bits & 1 != 0, syn: bits & 2 != 0, rst: bits & 4 != 0, ack: bits & 0x10 != 0 },
                seq_relative: f[1].parse().unwrap(),
                seq: f[2].parse().unwrap(),
                ack: f[3].parse().unwrap(),
                tcp_checksum: f[4].to_string(),
                ip_checksum: f[5].to_string(),
                retransmission: !f[6].is_empty(),
                dup_ack: !f[7].is_empty(),
                comment: f[8].to_string(),
            }
        })
        .collect()
}

/// The segments a capture at `host` holds, from the trace: what it sent, when it left, and
/// what reached it, when it arrived.
fn seen_at(trace: &finwait_core::Trace, host: Host) -> Vec<Segment> {
    let records = trace.segments();
    let find = |id| records.iter().find(|r| r.id == id).map(|r| r.segment.clone()).unwrap();
    trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Segment { id, from, origin: Origin::Sent { .. }, .. } if *from == host => Some(find(*id)),
            EventKind::Arrived { id, to, .. } if *to == host => Some(find(*id)),
            _ => None,
        })
        .collect()
}

#[test]
fn wireshark_reads_every_preset_with_good_checksums_and_the_traces_segments() {
    let dir = temp_dir("presets");
    for p in PRESETS {
        let scenario = p.scenario().unwrap();
        let run = scenario.run().unwrap();
        for (at, host) in [("a", Host::A), ("b", Host::B)] {
            let file = dir.join(format!("{}-{at}.pcapng", p.name));
            let out =
                finwait(&["run", "--preset", p.name, "--format", "pcapng", "--at", at, "-o", file.to_str().unwrap()]);
            assert!(out.status.success() || out.status.code() == Some(1), "{}: {:?}", p.name, out);
            let rows = tshark(&file);
            assert!(!rows.is_empty(), "{}", p.name);
            assert_eq!(rows[0].seq_relative, 0, "{}: the capture starts with the SYN", p.name);
            for (i, r) in rows.iter().enumerate() {
                assert_eq!((r.tcp_checksum.as_str(), r.ip_checksum.as_str()), ("1", "1"), "{} frame {}", p.name, i + 1);
            }
            let run_rows: Vec<&Row> = rows.iter().filter(|r| !r.comment.starts_with("the handshake")).collect();
            let want = seen_at(&run.trace, host);
            assert_eq!(run_rows.len(), want.len(), "{} at {at}: packets", p.name);
            for (r, s) in run_rows.iter().zip(&want) {
                assert_eq!(r.flags, s.flags, "{} at {at}: {s}", p.name);
                assert_eq!(r.seq, s.seq.0, "{} at {at}: {s}", p.name);
                assert_eq!(r.ack, if s.flags.ack { s.ack.0 } else { 0 }, "{} at {at}: {s}", p.name);
                assert!(r.comment.contains(&s.to_string()), "{} at {at}: comment {:?} names {s}", p.name, r.comment);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Wireshark's own analysis sees what the lab shows: with the final ACK lost (captured at A),
/// B's FIN comes again (a retransmission) and A acknowledges it again (a duplicate ACK); with
/// the FIN lost, A's FIN goes out again.
#[test]
fn wireshark_marks_the_retransmissions_and_duplicate_acks_of_lost_segments() {
    let dir = temp_dir("analysis");
    let rows = |preset: &str| {
        let file = dir.join(format!("{preset}-analysis.pcapng"));
        let out =
            finwait(&["run", "--preset", preset, "--format", "pcapng", "--at", "a", "-o", file.to_str().unwrap()]);
        assert!(out.status.success(), "{out:?}");
        tshark(&file)
    };
    let s08 = rows("lost-final-ack");
    let resent_fin =
        s08.iter().position(|r| r.flags.fin && r.retransmission).expect("B's FIN marked as a retransmission");
    assert!(
        s08[resent_fin + 1..].iter().any(|r| r.dup_ack && r.flags == Flags::ACK),
        "A's second ACK marked as a duplicate"
    );
    let s05 = rows("lost-fin");
    assert!(s05.iter().any(|r| r.flags.fin && r.retransmission), "A's resent FIN marked as a retransmission");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_capture_goes_down_a_pipe_or_into_a_file_never_onto_a_terminal() {
    let out = finwait(&["run", "--preset", "active-close", "--format", "pcap"]);
    assert!(out.status.success());
    assert_eq!(&out.stdout[..4], &0xa1b2_c3d4u32.to_le_bytes(), "a pcap file on the pipe");
    let out = finwait(&["run", "--preset", "active-close", "--format", "pcapng", "-o", "/nonexistent/dir/x.pcapng"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write /nonexistent/dir/x.pcapng"));
}

#[test]
fn import_reads_an_export_back_and_names_bad_files() {
    let dir = temp_dir("import");
    let file = dir.join("import.pcapng");
    finwait(&[
        "run",
        "--preset",
        "simultaneous-close",
        "--format",
        "pcapng",
        "--at",
        "wire",
        "-o",
        file.to_str().unwrap(),
    ]);
    let out = finwait(&["import", file.to_str().unwrap(), "--profile", "rfc9293"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    for line in
        ["A: FIN-WAIT-1 → CLOSING", "B: FIN-WAIT-1 → CLOSING", "A: CLOSING → TIME-WAIT", "B: CLOSING → TIME-WAIT"]
    {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    assert!(text.contains("timer runs out after the last packet"), "{text}");

    let bad = dir.join("bad.pcap");
    std::fs::write(&bad, b"GIF89a not a capture").unwrap();
    let out = finwait(&["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a pcap or pcapng file"));

    let bytes = std::fs::read(&file).unwrap();
    let cut = dir.join("cut.pcapng");
    std::fs::write(&cut, &bytes[..bytes.len() - 10]).unwrap();
    let out = finwait(&["import", cut.to_str().unwrap(), "--profile", "rfc9293"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("the file ends inside a packet"));
    let _ = std::fs::remove_dir_all(&dir);
}
