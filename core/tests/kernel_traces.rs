//! The Linux profile against the Linux kernel. Each file under tests/kernel is a scenario and
//! what this machine's kernel did with it, recorded by `scripts/kernel-diff --record` (which
//! replays the scenario between network namespaces: see that script). finwait's Linux profile
//! must do the same: the same segments from each host in the same order (flags, sequence
//! numbers mapped onto the scenario's, length, fate), the same states, the same results of the
//! application's calls — and the same times, give or take the kernel's timer slack: 10 ms plus
//! 15 % of the time since the previous event at that host (a call, a segment it sent, or one
//! that reached it), so that one late timer does not shift everything after it.
//!
//! `scripts/kernel-diff` runs this test on the trace it has just recorded (with
//! FINWAIT_KERNEL_TRACE set to its file) to say whether finwait agrees.

use finwait_core::Scenario;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const SLACK_MS: f64 = 10.0;
const SLACK_FRACTION: f64 = 0.15;

/// One run in the terms both sides share.
#[derive(Debug)]
struct Run {
    segments: Vec<Seg>,
    /// Per host (A, B): (time, state).
    states: [Vec<(f64, String)>; 2],
    /// Per host: (time, outcome) of each application call, in order.
    calls: [Vec<(f64, String)>; 2],
}

#[derive(Debug, Clone, PartialEq)]
struct Seg {
    from: usize,
    flags: Vec<String>,
    seq: u64,
    ack: Option<u64>,
    len: u64,
    at: f64,
    fate: String,
    arrived: Option<f64>,
}

impl Seg {
    fn same_as(&self, other: &Seg) -> bool {
        (&self.flags, self.seq, self.ack, self.len, &self.fate)
            == (&other.flags, other.seq, other.ack, other.len, &other.fate)
    }
}

impl std::fmt::Display for Seg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} seq={}", ["A", "B"][self.from], self.flags.join(","), self.seq)?;
        if let Some(ack) = self.ack {
            write!(f, " ack={ack}")?;
        }
        if self.len > 0 {
            write!(f, " len={}", self.len)?;
        }
        write!(f, " at {} ms ({})", self.at, self.fate)
    }
}

fn host_index(v: &Value) -> usize {
    usize::from(v.as_str() == Some("B"))
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn sorted_flags(v: &Value) -> Vec<String> {
    let mut flags: Vec<String> =
        v.as_array().into_iter().flatten().filter_map(|f| f.as_str().map(str::to_string)).collect();
    flags.sort();
    flags
}

/// A call's result as a word: `ok`, `read 5`, `read 5 + eof`, or the error's name.
fn outcome_of_model(result: &Value) -> String {
    match result["outcome"].as_str() {
        Some("error") => result["error"].as_str().unwrap_or("?").to_string(),
        Some("read") => {
            let n = match &result["data"] {
                Value::String(s) => s.len(),
                Value::Array(a) => a.len(),
                _ => 0,
            };
            format!("read {n}{}", if result["eof"].as_bool() == Some(true) { " + eof" } else { "" })
        }
        _ => "ok".to_string(),
    }
}

/// The same words for a call the kernel answered (errno names as the script records them).
fn outcome_of_kernel(call: &Value) -> String {
    if let Some(errno) = call["error"].as_str() {
        return match errno {
            "ECONNRESET" => "connection-reset",
            "ETIMEDOUT" => "timed-out",
            "EPIPE" => "connection-closing",
            "ENOTCONN" => "not-connected",
            "EBADF" => "socket-closed",
            "ECONNREFUSED" => "connection-refused",
            other => other,
        }
        .to_string();
    }
    if call["call"].as_str() == Some("read") {
        let eof = if call["eof"].as_bool() == Some(true) { " + eof" } else { "" };
        return format!("read {}{eof}", call["ok"].as_u64().unwrap_or(0));
    }
    "ok".to_string()
}

/// finwait's Linux profile on the fixture's scenario, up to the end of the recording.
fn model_run(fixture: &Value) -> Result<Run, String> {
    let mut scenario = fixture["scenario"].clone();
    let object = scenario.as_object_mut().ok_or("the fixture's scenario is not an object")?;
    object.insert("profile".into(), json!("linux"));
    object.remove("expect");
    let until = recorded_ms(fixture);
    object.insert("until_ms".into(), json!(until as u64));
    let scenario = Scenario::from_json(&scenario.to_string()).map_err(|e| e.to_string())?;
    let run = scenario.run().map_err(|e| e.to_string())?;
    let trace: Value = serde_json::from_str(
        &finwait_core::json::Json::Array(run.trace.events.iter().map(|e| e.to_json()).collect()).to_compact(),
    )
    .map_err(|e| e.to_string())?;
    let mut states: [Vec<(f64, String)>; 2] = Default::default();
    let mut calls: [Vec<(f64, String)>; 2] = Default::default();
    for e in trace.as_array().into_iter().flatten() {
        let at = num(&e["at"]);
        match e["event"].as_str() {
            Some("start") => states[host_index(&e["host"])].push((at, e["state"].as_str().unwrap_or("?").into())),
            Some("state") => states[host_index(&e["host"])].push((at, e["to"].as_str().unwrap_or("?").into())),
            Some("call") => calls[host_index(&e["host"])].push((at, outcome_of_model(&e["result"]))),
            _ => {}
        }
    }
    let segments = run
        .trace
        .segments()
        .into_iter()
        .filter(|r| !matches!(r.origin, finwait_core::Origin::Copy { .. }))
        .map(|r| {
            let (fate, arrived) = match r.fate {
                finwait_core::Fate::Arrived { at } => ("arrived", Some(at.ms() as f64)),
                finwait_core::Fate::Lost { .. } => ("lost", None),
                finwait_core::Fate::Held => ("held", None),
                finwait_core::Fate::InFlight { .. } => ("in-flight", None),
            };
            Seg {
                from: r.from.index(),
                flags: {
                    let mut f: Vec<String> = r.segment.flags.list().iter().map(|f| f.name().to_string()).collect();
                    f.sort();
                    f
                },
                seq: u64::from(r.segment.seq.0),
                ack: r.segment.flags.ack.then_some(u64::from(r.segment.ack.0)),
                len: r.segment.data.len() as u64,
                at: r.sent_at.ms() as f64,
                fate: fate.into(),
                arrived,
            }
        })
        .collect();
    Ok(Run { segments, states, calls })
}

/// What the kernel did, as the fixture records it.
fn kernel_run(fixture: &Value) -> Run {
    let segments = fixture["segments"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| Seg {
            from: host_index(&s["from"]),
            flags: sorted_flags(&s["flags"]),
            seq: s["seq"].as_u64().unwrap_or(0),
            ack: s["ack"].as_u64(),
            len: s["len"].as_u64().unwrap_or(0),
            at: num(&s["at"]),
            fate: s["fate"].as_str().unwrap_or("?").into(),
            arrived: s["arrived"].as_f64(),
        })
        .collect();
    let per_host = |key: &str, f: &dyn Fn(&Value) -> (f64, String)| -> [Vec<(f64, String)>; 2] {
        ["A", "B"].map(|h| fixture[key][h].as_array().into_iter().flatten().map(f).collect())
    };
    Run {
        segments,
        states: per_host("states", &|s| (num(&s[0]), s[1].as_str().unwrap_or("?").into())),
        calls: per_host("calls", &|c| (num(&c["t"]), outcome_of_kernel(c))),
    }
}

/// What happened at a host, in time order, each with a name both runs share: its calls, the
/// segments it sent (by their place among its segments) and those that reached it.
fn timeline(run: &Run, host: usize) -> Vec<(f64, u8, (u8, usize, usize))> {
    let mut events: Vec<(f64, u8, (u8, usize, usize))> =
        run.calls[host].iter().enumerate().map(|(i, (t, _))| (*t, 0, (0, host, i))).collect();
    let mut counts = [0, 0];
    for s in &run.segments {
        let k = counts[s.from];
        counts[s.from] += 1;
        if s.from == host {
            events.push((s.at, 1, (1, host, k)));
        } else if let Some(t) = s.arrived {
            events.push((t, 0, (1, s.from, k)));
        }
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    events
}

/// Leaves out a repeated state, and one held for no time at all (Linux passes through
/// FIN-WAIT-2 within one segment when a FIN also acknowledges its own).
fn collapse(states: &[(f64, String)]) -> Vec<(f64, String)> {
    let mut out: Vec<(f64, String)> = Vec::new();
    for (i, (t, s)) in states.iter().enumerate() {
        if i > 0 && i + 1 < states.len() && states[i + 1].0 - t < 0.5 {
            continue;
        }
        if out.last().is_some_and(|(_, last)| last == s) {
            continue;
        }
        out.push((*t, s.clone()));
    }
    out
}

fn allowed(gap: f64) -> f64 {
    SLACK_MS + SLACK_FRACTION * gap.max(0.0)
}

/// The differences between finwait's run and the kernel's, as lines.
fn differences(model: &Run, kernel: &Run) -> Vec<String> {
    let mut problems = Vec::new();
    for host in 0..2 {
        let name = ["A", "B"][host];
        let ms: Vec<&Seg> = model.segments.iter().filter(|s| s.from == host).collect();
        let ks: Vec<&Seg> = kernel.segments.iter().filter(|s| s.from == host).collect();
        let (mt, kt) = (timeline(model, host), timeline(kernel, host));
        for i in 0..ms.len().max(ks.len()) {
            let (Some(m), Some(k)) = (ms.get(i), ks.get(i)) else {
                let show = |s: Option<&&Seg>| s.map_or("nothing".to_string(), |s| s.to_string());
                problems.push(format!(
                    "{name}'s segment {}: finwait {}, kernel {}",
                    i + 1,
                    show(ms.get(i)),
                    show(ks.get(i))
                ));
                continue;
            };
            if !m.same_as(k) {
                problems.push(format!("{name}'s segment {}: finwait {m}, kernel {k}", i + 1));
                continue;
            }
            let me = (1, host, i);
            let at = mt.iter().position(|e| e.2 == me).unwrap_or(0);
            let before = at.checked_sub(1).map(|j| mt[j]);
            let m_gap = m.at - before.map_or(0.0, |b| b.0);
            let k_before = before.and_then(|b| kt.iter().find(|e| e.2 == b.2)).map_or(0.0, |e| e.0);
            let k_gap = k.at - k_before;
            if (m_gap - k_gap).abs() > allowed(m_gap) {
                problems.push(format!(
                    "{name}'s segment {} comes {m_gap} ms after the event before it in finwait, {k_gap:.1} ms in the kernel ({m} / {k})",
                    i + 1
                ));
            }
        }
        for (i, ((_, m), (_, k))) in model.calls[host].iter().zip(&kernel.calls[host]).enumerate() {
            if m != k {
                problems.push(format!("{name}'s call {}: finwait {m}, kernel {k}", i + 1));
            }
        }
        // Collapsed already (`up_to_the_end`).
        let (ms, ks) = (&model.states[host], &kernel.states[host]);
        let names = |v: &[(f64, String)]| v.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(" → ");
        if names(ms) != names(ks) {
            problems.push(format!("{name}'s states: finwait {}, kernel {}", names(ms), names(ks)));
            continue;
        }
        let mut prev = (0.0, 0.0);
        for ((tm, s), (tk, _)) in ms.iter().zip(ks) {
            let gap = tm - prev.0;
            if ((tm - prev.0) - (tk - prev.1)).abs() > allowed(gap) {
                problems.push(format!("{name} → {s}: finwait at {tm} ms, kernel at {tk:.1} ms"));
            }
            prev = (*tm, *tk);
        }
    }
    problems
}

/// How long the kernel was recorded: a little past `until_ms`, the end of what is compared.
fn recorded_ms(fixture: &Value) -> f64 {
    fixture["recorded_ms"].as_f64().unwrap_or_else(|| num(&fixture["until_ms"]))
}

/// Both runs up to the fixture's `until_ms`: at each host, as many segments (and states) as
/// the run with more of them by then has, so that a kernel timer that fired a few ms late,
/// just past the end, is still compared with finwait's (the recording goes on a little longer
/// for that), rather than missing.
fn up_to_the_end(fixture: &Value, model: Run, kernel: Run) -> (Run, Run) {
    let cut = num(&fixture["until_ms"]);
    let mut keep_segments = [0; 2];
    let mut states = (model.states.clone(), kernel.states.clone());
    for (host, keep_segments) in keep_segments.iter_mut().enumerate() {
        let by_cut = |run: &Run| run.segments.iter().filter(|s| s.from == host && s.at <= cut).count();
        *keep_segments = by_cut(&model).max(by_cut(&kernel));
        let (m, k) = (collapse(&model.states[host]), collapse(&kernel.states[host]));
        let by_cut = |v: &[(f64, String)]| v.iter().filter(|(t, _)| *t <= cut).count();
        let keep = by_cut(&m).max(by_cut(&k));
        states.0[host] = m.into_iter().take(keep).collect();
        states.1[host] = k.into_iter().take(keep).collect();
    }
    let cut_run = |run: Run, states: [Vec<(f64, String)>; 2]| {
        let mut seen = [0; 2];
        let segments = run
            .segments
            .into_iter()
            .filter(|s| {
                seen[s.from] += 1;
                seen[s.from] <= keep_segments[s.from]
            })
            .collect();
        Run { segments, states, calls: run.calls }
    };
    (cut_run(model, states.0), cut_run(kernel, states.1))
}

fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fixture: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = model_run(&fixture).map_err(|e| format!("{}: {e}", path.display()))?;
    let (model, kernel) = up_to_the_end(&fixture, model, kernel_run(&fixture));
    let problems = differences(&model, &kernel);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} (kernel {}):\n  {}", path.display(), fixture["kernel"], problems.join("\n  ")))
    }
}

/// Every recorded trace, in name order.
fn recorded() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kernel");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The traces to check: the one `scripts/kernel-diff` has just recorded, or every recorded one.
fn fixtures() -> Vec<PathBuf> {
    match std::env::var_os("FINWAIT_KERNEL_TRACE") {
        Some(one) => vec![PathBuf::from(one)],
        None => recorded(),
    }
}

#[test]
fn the_linux_profile_matches_every_recorded_kernel_trace() {
    let files = fixtures();
    assert!(!files.is_empty(), "no recorded kernel traces in tests/kernel");
    let failures: Vec<String> = files.iter().filter_map(|f| check(f).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} kernel traces differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// The comparison can fail: a kernel trace with one segment moved by 100 ms, or one more
/// segment, is caught.
#[test]
fn a_kernel_trace_that_differs_is_caught() {
    let Some(file) = recorded().into_iter().next() else { panic!("no recorded kernel traces in tests/kernel") };
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap_or_default()).unwrap_or_default();
    let model = model_run(&fixture).unwrap_or_else(|e| panic!("{e}"));
    let (model, mut kernel) = up_to_the_end(&fixture, model, kernel_run(&fixture));
    assert!(differences(&model, &kernel).is_empty(), "{}", file.display());
    let last = kernel.segments.len() - 1;
    kernel.segments[last].at += 100.0;
    assert!(!differences(&model, &kernel).is_empty(), "a segment 100 ms late");
    kernel.segments[last].at -= 100.0;
    let extra = kernel.segments[last].clone();
    kernel.segments.push(extra);
    assert!(!differences(&model, &kernel).is_empty(), "one segment more");
}
