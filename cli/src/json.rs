//! `--format json`: the scenario's identity, the final state of both hosts, and every event of
//! the trace (docs/trace-format.md). Written piece by piece as it is made: a long trace is
//! never held whole in memory as one document.

use crate::output::Out;
use finwait_core::json::Json;
use finwait_core::scenario::Run;
use finwait_core::wire::list;
use finwait_core::{Host, Scenario};

/// Bytes of text gathered before they are written out.
const CHUNK: usize = 1 << 16;

pub fn render(scenario: &Scenario, run: &Run, out: &mut Out) {
    let head: Vec<(&str, Json)> = vec![
        ("format", "finwait-trace".into()),
        ("version", 1u32.into()),
        ("scenario", scenario.name.as_str().into()),
        ("profile", scenario.profile.into()),
        ("ended_at", run.sim.now().into()),
        ("quiet", run.quiet.into()),
        ("cut_short", run.stopped.is_some().into()),
        ("hosts", list(Host::BOTH, |h| run.sim.host(h).snapshot().to_json())),
    ];
    let mut text = String::from("{");
    for (key, value) in head {
        text.push_str(&format!("\n  \"{key}\": "));
        value.write_pretty(&mut text, 1);
        text.push(',');
    }
    let segments = run.trace.segments();
    write_list(out, &mut text, "segments", segments.iter().map(|r| r.to_json()));
    text.push(',');
    write_list(out, &mut text, "events", run.trace.events.iter().map(|e| e.to_json()));
    text.push_str("\n}\n");
    out.text(&text);
}

/// `"key": [ … ]` at the top level, each element made and written in turn.
fn write_list(out: &mut Out, text: &mut String, key: &str, items: impl Iterator<Item = Json>) {
    text.push_str(&format!("\n  \"{key}\": ["));
    let mut any = false;
    for item in items {
        text.push_str(if any { ",\n    " } else { "\n    " });
        item.write_pretty(text, 2);
        any = true;
        if text.len() >= CHUNK {
            out.text(text);
            text.clear();
        }
    }
    text.push_str(if any { "\n  ]" } else { "]" });
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::wire::Fields;

    /// Written in pieces, the trace is the same document as written whole.
    #[test]
    fn the_pieces_make_the_whole_document() {
        let scenario = finwait_core::presets::find("lost-final-ack").unwrap().scenario().unwrap();
        let run = scenario.run().unwrap();
        let whole: Json = Fields::new()
            .put("format", "finwait-trace")
            .put("version", 1u32)
            .put("scenario", scenario.name.as_str())
            .put("profile", scenario.profile)
            .put("ended_at", run.sim.now())
            .put("quiet", run.quiet)
            .put("cut_short", run.stopped.is_some())
            .put("hosts", list(Host::BOTH, |h| run.sim.host(h).snapshot().to_json()))
            .put("segments", list(run.trace.segments(), |r| r.to_json()))
            .put("events", list(&run.trace.events, |e| e.to_json()))
            .into();
        let mut out = Out::capture();
        render(&scenario, &run, &mut out);
        assert_eq!(out.captured(), whole.to_pretty() + "\n");
    }
}
