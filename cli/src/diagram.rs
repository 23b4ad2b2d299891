//! `--format text`: the trace as a sequence diagram for a terminal. Time runs down; A's
//! lifeline is on the left, B's on the right; each segment is an arrow drawn when it is sent,
//! and the column on the right says why. The words come from `finwait_messages::events`; this
//! file only lays them out.

use finwait_core::network::LossCause;
use finwait_core::scenario::Run;
use finwait_core::trace::Fate;
use finwait_core::{EventKind, Host, Scenario, SegmentId};
use finwait_messages::events::{self, Line};
use finwait_messages::terminal;
use finwait_messages::Lang;
use std::collections::HashSet;
use std::fmt::Write;

/// Characters between the two lifelines.
const LANE: usize = 58;

enum Row {
    /// Text beside one host's lifeline.
    Host(Host, String),
    /// An arrow across the lane; `lost` ends it half-way with ✕.
    Arrow { from: Host, label: String, lost: bool },
    /// Text in the middle of the lane (the network).
    Network(String),
}

pub fn render(scenario: &Scenario, run: &Run, lang: Lang) -> String {
    let mut out = String::new();
    let title = if scenario.title.is_empty() {
        scenario.name.clone()
    } else {
        finwait_messages::presets::title(lang, &scenario.name, &scenario.title).to_string()
    };
    let tag = if scenario.conformance.is_empty() { String::new() } else { format!("{} ", scenario.conformance) };
    let _ = writeln!(out, "finwait — {tag}{title}");
    let net = run.sim.network();
    let (a_to_b, b_to_a) = (net.latency(Host::A).ms(), net.latency(Host::B).ms());
    let _ = writeln!(out, "{}\n", terminal::profile_line(lang, events::profile(scenario.profile), a_to_b, b_to_a));
    let time_heading = terminal::time_heading(lang);
    let _ = writeln!(
        out,
        "{}{time_heading}  A{}B",
        " ".repeat(9usize.saturating_sub(width(time_heading))),
        " ".repeat(LANE)
    );

    // Segments a rule dropped the moment they were sent are drawn as arrows ending in ✕, and
    // their loss gets no row of its own.
    let lost_at_send: HashSet<SegmentId> = run
        .trace
        .segments()
        .into_iter()
        .filter(|r| matches!(r.fate, Fate::Lost { at, cause: LossCause::DroppedByRule } if at == r.sent_at))
        .map(|r| r.id)
        .collect();
    let mut last_time = None;
    for e in &run.trace.events {
        if !events::shown_by_default(&e.kind) {
            continue;
        }
        let (row, note) = match &e.kind {
            EventKind::Segment { id, from, segment, origin, arrives, .. } => {
                let lost = lost_at_send.contains(id);
                let when = if lost {
                    finwait_messages::loss(lang, LossCause::DroppedByRule).to_string()
                } else {
                    events::arrival(lang, *arrives)
                };
                let why = format!(" · {}", events::origin(lang, *origin));
                (Row::Arrow { from: *from, label: events::segment_label(*id, segment), lost }, Some(when + &why))
            }
            EventKind::Lost { id, .. } if lost_at_send.contains(id) => continue,
            EventKind::RuleApplied { .. } => continue,
            kind => {
                let Line { host, text, why } = events::line(lang, kind);
                (host.map_or(Row::Network(text.clone()), |h| Row::Host(h, text)), why)
            }
        };
        let time = if last_time == Some(e.at) { String::new() } else { format!("{} ms", e.at.ms()) };
        last_time = Some(e.at);
        let _ = writeln!(out, "{time:>9}  {}{}", draw(&row), note.map(|n| format!("  {n}")).unwrap_or_default());
    }
    let a = run.sim.host(Host::A).state();
    let b = run.sim.host(Host::B).state();
    let _ = writeln!(out, "\n{}", terminal::final_states(lang, run.sim.now().ms(), a.name(), b.name()));
    if let Some(stop) = run.stopped {
        let _ = writeln!(out, "({})", finwait_messages::stopped(lang, stop, run.trace.len(), run.sim.now()));
    } else if !run.quiet {
        let _ = writeln!(out, "({})", terminal::still_pending(lang));
    }
    out
}

fn draw(row: &Row) -> String {
    match row {
        Row::Host(Host::A, text) => {
            let t = clip(text, LANE - 1);
            format!("│ {t}{}│", " ".repeat(LANE - 1 - width(&t)))
        }
        Row::Host(Host::B, text) => {
            let t = clip(text, LANE - 1);
            format!("│{}{t} │", " ".repeat(LANE - 1 - width(&t)))
        }
        Row::Network(text) => {
            let t = clip(text, LANE);
            let room = LANE - width(&t);
            format!("│{}{t}{}│", " ".repeat(room / 2), " ".repeat(room - room / 2))
        }
        Row::Arrow { from, label, lost } => {
            let body = format!(" {} ", clip(label, LANE - 8));
            if *lost {
                // Half-way across, ending in ✕: from A rightwards, from B leftwards.
                let half = LANE / 2;
                let dashes = "─".repeat(half.saturating_sub(width(&body) + 1));
                let drawn = match from {
                    Host::A => format!("─{body}{dashes}✕"),
                    Host::B => format!("✕{dashes}{body}─"),
                };
                let rest = " ".repeat(LANE.saturating_sub(width(&drawn)));
                match from {
                    Host::A => format!("│{drawn}{rest}│"),
                    Host::B => format!("│{rest}{drawn}│"),
                }
            } else {
                let dashes = "─".repeat(LANE.saturating_sub(2 + width(&body)));
                match from {
                    Host::A => format!("│─{body}{dashes}▶│"),
                    Host::B => format!("│◀{dashes}{body}─│"),
                }
            }
        }
    }
}

/// How many terminal columns `c` takes: two for the wide characters of East Asian scripts
/// (Hangul, CJK, full-width forms), one for the rest.
fn columns(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115f
        | 0x2e80..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6 => 2,
        _ => 1,
    }
}

/// How many terminal columns `text` takes (Korean text is twice as wide as it is long).
fn width(text: &str) -> usize {
    text.chars().map(columns).sum()
}

/// `text` cut to `max` columns, ending in `…` when cut.
fn clip(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + columns(c) > max.saturating_sub(1) {
            break;
        }
        used += columns(c);
        out.push(c);
    }
    out + "…"
}
