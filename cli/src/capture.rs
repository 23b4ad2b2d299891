//! Captures on the command line: a run written as a pcapng or pcap file for Wireshark
//! (`run --format pcapng --at a|b|wire -o FILE`), and a capture read back with the states
//! both endpoints went through (`import FILE`).

use crate::output::{complain, Out};
use crate::{CANNOT, MISMATCH};
use finwait_capture::export;
use finwait_capture::import::{self, Connection, Inference, Move, Vantage};
use finwait_capture::{pcap, pcapng};
use finwait_core::{Params, ProfileKind, Run, Scenario};
use finwait_messages::{capture as words, time, Lang};
use std::io::IsTerminal;

/// Which capture file format to write.
#[derive(Clone, Copy)]
pub enum FileFormat {
    Pcapng,
    Pcap,
}

/// Writes the run's packets seen at `at` to `output`, or to standard output when it is not a
/// terminal. Returns the exit status.
pub fn export(
    scenario: &Scenario,
    run: &Run,
    lang: Lang,
    format: FileFormat,
    at: export::Vantage,
    output: Option<&str>,
    out: &mut Out,
) -> u8 {
    let packets = export::packets(scenario, &run.trace, at, &|note| words::note(lang, note));
    let bytes = match format {
        FileFormat::Pcapng => pcapng::write(&packets),
        FileFormat::Pcap => pcap::write(&packets),
    };
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &bytes) {
                complain(&format!("cannot write {path}: {e}"));
                return CANNOT;
            }
        }
        None if std::io::stdout().is_terminal() => {
            complain("a capture is binary: give a file with -o FILE, or send it down a pipe");
            return CANNOT;
        }
        None => out.bytes(&bytes),
    }
    0
}

/// Reads a capture, lists its TCP connections, and infers the states of one of them (the only
/// one, or the one `pick` names, counting from 1). Returns the exit status.
pub fn import(out: &mut Out, lang: Lang, path: &str, pick: Option<usize>, at: Vantage, profile: ProfileKind) -> u8 {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            complain(&format!("cannot read {path}: {e}"));
            return CANNOT;
        }
    };
    let capture = match finwait_capture::read(&bytes) {
        Ok(c) => c,
        Err(e) => {
            complain(&format!("{path}: {}", words::read_error(lang, &e)));
            return CANNOT;
        }
    };
    if capture.cut_short {
        complain(&format!(
            "{path}: the file ends inside a packet; the {} packets before it are read",
            capture.packets.len()
        ));
    }
    let found = import::connections(&capture);
    for (skip, n) in &found.skipped {
        out.line(&words::skipped(lang, *skip, *n));
    }
    let list = &found.list;
    let chosen = match (list.len(), pick) {
        (0, _) => {
            complain(&format!("{path}: no IPv4 TCP segments in the capture"));
            return CANNOT;
        }
        (_, Some(n)) if n >= 1 && n <= list.len() => &list[n - 1],
        (_, Some(n)) => {
            complain(&format!("{path}: there is no connection {n}; the capture holds {}", list.len()));
            list_connections(out, list);
            return CANNOT;
        }
        (1, None) => &list[0],
        (_, None) => {
            out.line(&format!("{path} holds {} TCP connections; choose one with --connection N:", list.len()));
            list_connections(out, list);
            return MISMATCH;
        }
    };
    let params = Params::for_profile(profile);
    render(out, lang, chosen, &import::infer(chosen, at, &[params.clone(), params]));
    0
}

fn list_connections(out: &mut Out, list: &[Connection]) {
    for (i, c) in list.iter().enumerate() {
        out.line(&format!("  {}. {} ⇄ {}  {} segments  {}", i + 1, c.a, c.b, c.packets.len(), c.flags_seen()));
    }
}

fn render(out: &mut Out, lang: Lang, conn: &Connection, inf: &Inference) {
    let both = |s: [finwait_core::State; 2]| format!("A {}, B {}", s[0].name(), s[1].name());
    out.line(&format!("A = {}   B = {}", conn.a, conn.b));
    out.line(&format!("start: {}", both(inf.start)));
    for step in &inf.steps {
        let what = match (step.how, step.packet.and_then(|i| conn.packets.get(i))) {
            (Move::Sent, Some(p)) => format!("{}→{} {}", step.host, step.host.peer(), p.packet.segment),
            (Move::Arrived, Some(_)) => format!("   reaches {}", step.host),
            (Move::Listened, _) => format!("{}: the listening socket takes a new connection", step.host),
            (Move::TimedOut, _) | (Move::Sent | Move::Arrived, None) => format!("{}: a timer runs out", step.host),
        };
        let number = step.packet.map_or(String::new(), |i| (i + 1).to_string());
        out.line(&format!("{number:>4} {:>10}  {what}", time(lang, step.at)));
        for e in &step.effects {
            out.line(&format!("{:>17}{}", "", words::effect(lang, *e)));
        }
    }
    for (at, e) in &inf.after {
        out.line(&format!("after {:>10}  {}", time(lang, *at), words::effect(lang, *e)));
    }
    out.line(&format!("end: {}", both(inf.end)));
    if !inf.doubts.is_empty() {
        out.line("what the capture cannot show:");
        for d in &inf.doubts {
            out.line(&format!("  - {}", words::doubt(lang, *d)));
        }
    }
}
