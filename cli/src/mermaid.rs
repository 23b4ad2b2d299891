//! `--format mermaid`: a Mermaid sequence diagram (paste it into a Mermaid live editor). Each
//! segment is a message at the moment it is sent; lost ones end in a cross; state changes are
//! notes over their host.

use finwait_core::scenario::Run;
use finwait_core::trace::{Fate, Origin};
use finwait_core::{EventKind, Scenario, SegmentId};
use std::collections::HashMap;
use std::fmt::Write;

pub fn render(scenario: &Scenario, run: &Run) -> String {
    let mut out = String::from("sequenceDiagram\n");
    if !scenario.title.is_empty() {
        let _ = writeln!(out, "    title {}", sanitize(&scenario.title));
    }
    out.push_str("    participant A\n    participant B\n");
    let fates: HashMap<SegmentId, Fate> = run.trace.segments().into_iter().map(|r| (r.id, r.fate)).collect();
    for e in &run.trace.events {
        let t = e.at.ms();
        match &e.kind {
            EventKind::Start { host, state } => {
                let _ = writeln!(out, "    Note over {host}: {state}");
            }
            EventKind::State { host, to, .. } => {
                let _ = writeln!(out, "    Note over {host}: t={t} ms {to}");
            }
            EventKind::Segment { id, from, segment, origin, .. } => {
                let lost = matches!(fates.get(id), Some(Fate::Lost { .. }));
                let arrow = if lost { "-x" } else { "->>" };
                let extra = match origin {
                    Origin::Copy { of } => format!(" (copy of seg {})", of.0),
                    Origin::Injected => " (injected)".to_string(),
                    Origin::Sent { .. } => String::new(),
                };
                let fate = match fates.get(id) {
                    Some(Fate::Arrived { at }) => format!(", arrives t={} ms", at.ms()),
                    Some(Fate::Lost { .. }) => ", lost".to_string(),
                    Some(Fate::Held) => ", held".to_string(),
                    _ => String::new(),
                };
                let _ = writeln!(
                    out,
                    "    {from}{arrow}{}: seg {} {}{extra} (t={t} ms{fate})",
                    from.peer(),
                    id.0,
                    sanitize(&segment.to_string())
                );
            }
            EventKind::Call { host, call, result } => {
                let r = if result.is_ok() { "ok" } else { "error" };
                let _ = writeln!(out, "    Note left of {host}: t={t} ms {}() {r}", call.name());
            }
            _ => {}
        }
    }
    out
}

/// Mermaid reads `;` and `#` specially inside messages; they never appear in what we write, but
/// titles come from files.
fn sanitize(text: &str) -> String {
    text.replace([';', '#'], " ").replace('\n', " ")
}
