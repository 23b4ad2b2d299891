//! No scenario file can take more than a bounded time and memory (docs/scenario-format.md,
//! "Limits"): the event limit holds inside a single step and a single batch, a run makes at
//! most `RUN_BYTES` of payload, and its trace shows at most `TRACE_BYTES`. The first three
//! files are the ones that once took minutes and gigabytes.

use finwait_core::action::ActionError;
use finwait_core::limits::{MAX_EVENTS, RUN_BYTES, TRACE_BYTES};
use finwait_core::run::Stop;
use finwait_core::{Host, Scenario, ScenarioError};

/// A step may finish what it started past the limit, by a little.
const OVERSHOOT: usize = 64;

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

fn payload_shown(run: &finwait_core::Run) -> u64 {
    run.trace.events.iter().map(|e| e.kind.payload_len() as u64).sum()
}

/// One send of 1 MiB at an MSS of 1 byte through a 1 GiB window: a million segments in one
/// flush. The flush stops when the trace is full, and the run says it is simply long.
#[test]
fn a_mebibyte_at_one_byte_a_segment_stops_inside_the_flush() {
    let s = scenario(
        r#"{"version":1,"params":{"mss":1,"window":1073741824},"actions":[{"at":0,"do":"send","host":"A","bytes":1048576}]}"#,
    );
    let run = s.run().unwrap();
    assert_eq!(run.stopped, Some(Stop::EventLimit { looping: false }));
    assert!(run.trace.len() <= MAX_EVENTS + OVERSHOOT, "{} events", run.trace.len());
    assert!(run.sim.now().ms() <= 1_000, "within a few round trips");
    assert!(run.sim.host(Host::A).snapshot().unsent > 900_000, "most of the bytes were never sent");
}

/// 100 kB at one byte a segment: once quadratic in the segments in flight, now stopped by the
/// same limit (how fast is measured by the benchmarks, not here).
#[test]
fn a_hundred_kilobytes_at_one_byte_a_segment_stops_at_the_limit() {
    let s = scenario(
        r#"{"version":1,"params":{"mss":1,"window":1073741824},"actions":[{"at":0,"do":"send","host":"A","bytes":100000}]}"#,
    );
    let run = s.run().unwrap();
    assert_eq!(run.stopped, Some(Stop::EventLimit { looping: false }));
    assert!(run.trace.len() <= MAX_EVENTS + OVERSHOOT);
}

/// 20,000 sends of 1 MiB in one instant (a 1 MB file): the send that would take the run past
/// `RUN_BYTES` is refused, naming the action and the limit.
#[test]
fn twenty_thousand_mebibyte_sends_are_refused_past_the_run_bytes() {
    let actions: Vec<String> =
        (0..20_000).map(|_| r#"{"at":0,"do":"send","host":"A","bytes":1048576}"#.to_string()).collect();
    let s = scenario(&format!(r#"{{"version":1,"actions":[{}]}}"#, actions.join(",")));
    let e = s.run().unwrap_err();
    let fits = (RUN_BYTES / (1 << 20)) as usize;
    assert!(
        matches!(e, ScenarioError::InvalidAction { index, error: ActionError::RunBytes { .. }, .. } if index == fits),
        "{e:?}"
    );
    assert!(e.to_string().contains(&format!("past {RUN_BYTES} bytes of payload")), "{e}");
}

/// The same over time, one a millisecond: no different.
#[test]
fn a_thousand_mebibyte_sends_over_time_are_refused_too() {
    let actions: Vec<String> =
        (0..1_000).map(|i| format!(r#"{{"at":{i},"do":"send","host":"A","bytes":1048576}}"#)).collect();
    let e = scenario(&format!(r#"{{"version":1,"actions":[{}]}}"#, actions.join(","))).run().unwrap_err();
    assert!(matches!(e, ScenarioError::InvalidAction { error: ActionError::RunBytes { .. }, .. }), "{e:?}");
}

/// 32 MiB sent and read: every byte appears four times (sent, its segment, delivered, read),
/// past what one trace may show. The run stops there and says why.
#[test]
fn a_trace_that_shows_too_many_bytes_stops() {
    let mut actions = Vec::new();
    for i in 0..32 {
        actions.push(format!(r#"{{"at":{},"do":"send","host":"B","bytes":1048576}}"#, i * 1000));
        actions.push(format!(r#"{{"at":{},"do":"read","host":"A"}}"#, i * 1000 + 999));
    }
    let s = scenario(&format!(r#"{{"version":1,"params":{{"mss":65535}},"actions":[{}]}}"#, actions.join(",")));
    let run = s.run().unwrap();
    assert_eq!(run.stopped, Some(Stop::TraceBytes));
    // The step that crosses the limit finishes; one step shows at most what the run made.
    let shown = payload_shown(&run);
    assert!((TRACE_BYTES..=TRACE_BYTES + RUN_BYTES).contains(&shown), "{shown} bytes shown");
}

/// Two hundred thousand calls in one batch: the batch stops applying them once the trace is
/// full.
#[test]
fn the_event_limit_holds_inside_a_batch() {
    let actions: Vec<String> = (0..200_000).map(|_| r#"{"at":0,"do":"read","host":"A"}"#.to_string()).collect();
    let run = scenario(&format!(r#"{{"version":1,"actions":[{}]}}"#, actions.join(","))).run().unwrap();
    assert!(run.stopped.is_some());
    assert!(run.trace.len() <= MAX_EVENTS + OVERSHOOT, "{} events", run.trace.len());
}
