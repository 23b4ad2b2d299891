//! Forged data makes the two ends disagree about sequence numbers: A has taken bytes B never
//! sent, so A acknowledges past B's SND.NXT, B answers that "ACK of unsent data" with an ACK,
//! A finds B's ACK outside its window and answers again — an ACK storm. RFC 9293 answers every
//! such segment, so the storm has no end and the run stops at the event limit; Linux
//! rate-limits the answers (tcp_invalid_ratelimit) and the storm dies at once.

use finwait_core::limits::MAX_EVENTS;
use finwait_core::run::Stop;
use finwait_core::{EventKind, Reason, Scenario, Time};

/// B's side of the network injects 10 bytes at exactly A's RCV.NXT; both directions have zero
/// latency, so the storm never lets time move on.
fn forged_data(profile: &str) -> Scenario {
    let json = format!(
        r#"{{"version": 1, "profile": "{profile}", "network": {{"latency_ms": 0}},
            "actions": [{{"at": 0, "do": "inject", "from": "B",
                          "segment": {{"flags": ["ACK"], "seq": 5001, "ack": 1001, "data": "forged!!!!"}}}}]}}"#
    );
    match Scenario::from_json(&json) {
        Ok(s) => s,
        Err(e) => panic!("the scenario reads: {e}"),
    }
}

#[test]
fn rfc_ack_storm_is_cut_short_at_the_event_limit() {
    let run = forged_data("rfc9293").run().expect("it runs");
    assert_eq!(run.stopped, Some(Stop::EventLimit { looping: true }), "the storm would go on for ever");
    assert!(run.trace.len() >= MAX_EVENTS);
    assert_eq!(run.sim.now(), Time::ZERO, "with zero latency all of it happens at one instant");
    let report = forged_data("rfc9293").check().expect("it runs");
    assert!(!report.passed(), "a run cut short does not pass a check");
}

#[test]
fn linux_rate_limit_ends_the_storm() {
    let scenario = forged_data("linux");
    let run = scenario.run().expect("it runs");
    assert_eq!(run.stopped, None);
    assert!(run.quiet);
    let segments = run.trace.segments().len();
    assert!(segments <= 4, "the forged segment and a few answers, not a storm: {segments}");
    let limited = run
        .trace
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Verdict { reason: Reason::AckRateLimited, .. }))
        .count();
    assert_eq!(limited, 1, "one answer is held back, and that ends it");
    // The forged bytes were delivered; the invariant checker knows they were injected and does
    // not count them as a broken byte stream.
    let report = scenario.check().expect("it runs");
    assert!(report.violations.is_empty(), "{:?}", report.violations);
}
