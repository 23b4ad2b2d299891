//! A run as a Mermaid sequence diagram (`finwait run --format mermaid`, and "Copy as Mermaid" in
//! the lab): paste it into a Mermaid live editor or a slide. Each segment is a message at the
//! moment it is sent; lost ones end in a cross; states, calls and failures are notes over their
//! host, in the words of the timeline's notes.

use crate::events;
use crate::{fill, ui, Lang, Ui};
use finwait_core::trace::{Fate, Origin};
use finwait_core::{EventKind, Scenario, SegmentId, Trace};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The diagram of `trace`, the run of `scenario`.
pub fn render(scenario: &Scenario, trace: &Trace, lang: Lang) -> String {
    let mut out = String::from("sequenceDiagram\n");
    if !scenario.title.is_empty() {
        let _ = writeln!(out, "    title {}", sanitize(&scenario.title));
    }
    out.push_str("    participant A\n    participant B\n");
    let fates: BTreeMap<SegmentId, Fate> = trace.segments().into_iter().map(|r| (r.id, r.fate)).collect();
    for e in &trace.events {
        let t = e.at.ms();
        if let EventKind::Segment { id, from, segment, origin, .. } = &e.kind {
            let fate = fates.get(id).copied();
            let arrow = if matches!(fate, Some(Fate::Lost { .. })) { "-x" } else { "->>" };
            // Mermaid reads `#` as the start of an entity, so segments are `seg 3` here.
            let name = format!("seg {}", id.0);
            let extra = match origin {
                Origin::Copy { of } => format!(" ({})", fill(ui(lang, Ui::CopyOf), &[&format!("seg {}", of.0)])),
                Origin::Injected => format!(" ({})", ui(lang, Ui::InjectedByYou)),
                Origin::Sent { .. } => String::new(),
            };
            let fate = fate.map_or(String::new(), |f| format!(", {}", events::fate(lang, f)));
            let text = format!("{name} {segment}{extra} (t={t} ms{fate})");
            let _ = writeln!(out, "    {from}{arrow}{}: {}", from.peer(), sanitize(&text));
        } else if let Some(note) = events::note(lang, &e.kind) {
            let time = if matches!(e.kind, EventKind::Start { .. }) { String::new() } else { format!("t={t} ms ") };
            let _ = writeln!(out, "    Note over {}: {}", note.host, sanitize(&format!("{time}{}", note.text)));
        }
    }
    out
}

/// Mermaid reads `;` and `#` specially inside messages and notes.
fn sanitize(text: &str) -> String {
    text.replace([';', '#'], " ").replace('\n', " ")
}
