//! Scenario files written to hurt: extreme parameters (a one-byte MSS, a 1 GiB window, a 1 ms
//! RTO, no latency), large sends, forged segments, duplicating rules and faults aimed
//! anywhere — and files damaged byte by byte. Whatever they say, reading and running one never
//! panics and stays within the run's budget: at most `MAX_EVENTS` events (a step may finish
//! past it by a few), `RUN_BYTES` of payload made, and `TRACE_BYTES` shown (a step may finish
//! past it by what the run made). How long a run takes is measured by the benchmarks; the
//! budget is what bounds it.

use finwait_core::limits::{MAX_EVENTS, RUN_BYTES, TRACE_BYTES};
use finwait_core::presets::PRESETS;
use finwait_core::run::{OnInvalid, Runner};
use finwait_core::{Scenario, Time};
use proptest::prelude::*;
use serde_json::{json, Value};

fn host() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("A"), Just("B")]
}

fn action() -> impl Strategy<Value = Value> {
    let segment_id = 1u64..40;
    prop_oneof![
        (host(), prop_oneof![Just(1u64), 1u64..100_000, Just(1_048_576)])
            .prop_map(|(h, n)| json!({"do": "send", "host": h, "bytes": n})),
        (host(), "[a-z\u{e9}]{0,40}").prop_map(|(h, t)| json!({"do": "send", "host": h, "text": t})),
        host().prop_map(|h| json!({"do": "read", "host": h})),
        host().prop_map(|h| json!({"do": "close", "host": h})),
        host().prop_map(|h| json!({"do": "shutdown", "host": h})),
        host().prop_map(|h| json!({"do": "abort", "host": h})),
        (
            prop_oneof![Just("any"), Just("pure-ack"), Just("data"), Just("fin"), Just("rst")],
            prop_oneof![Just("drop"), Just("duplicate"), Just("hold")],
            proptest::option::of(1u32..5)
        )
            .prop_map(|(kind, fault, count)| {
                let mut rule = json!({"kind": kind, "fault": fault});
                if let Some(c) = count {
                    rule["count"] = json!(c);
                }
                json!({"do": "rule", "rule": rule})
            }),
        (host(), any::<u32>(), any::<u32>(), proptest::collection::vec(any::<u8>(), 0..64), 0usize..16).prop_map(
            |(h, seq, ack, data, bits)| {
                let flags: Vec<&str> = ["SYN", "ACK", "FIN", "RST"]
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, f)| *f)
                    .collect();
                json!({"do": "inject", "from": h, "segment": {"flags": flags, "seq": seq, "ack": ack, "data": data}})
            }
        ),
        segment_id.clone().prop_map(|s| json!({"do": "drop", "segment": s})),
        (segment_id.clone(), 1u64..5_000).prop_map(|(s, by)| json!({"do": "delay", "segment": s, "by_ms": by})),
        segment_id.clone().prop_map(|s| json!({"do": "duplicate", "segment": s})),
        segment_id.clone().prop_map(|s| json!({"do": "hold", "segment": s})),
        segment_id.prop_map(|s| json!({"do": "release", "segment": s})),
        (host(), 0u64..100).prop_map(|(h, ms)| json!({"do": "latency", "from": h, "ms": ms})),
    ]
}

fn hostile_file() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("rfc9293"), Just("linux")],
        prop_oneof![Just(1u64), Just(2), Just(1460), Just(65_535)],
        prop_oneof![Just(1u64), Just(100), Just(65_535), Just(1 << 30)],
        prop_oneof![Just(1u64), Just(200), Just(1000)],
        prop_oneof![Just(0u64), Just(1), Just(50)],
        proptest::collection::vec((0u64..3_000, action(), any::<bool>()), 1..30),
    )
        .prop_map(|(profile, mss, window, rto, latency, mut actions)| {
            actions.sort_by_key(|(at, _, _)| *at);
            let actions: Vec<Value> = actions
                .into_iter()
                .map(|(at, mut a, separate)| {
                    a["at"] = json!(at);
                    if separate {
                        a["separate"] = json!(true);
                    }
                    a
                })
                .collect();
            json!({
                "version": 1,
                "profile": profile,
                "params": {"mss": mss, "window": window, "rto_min_ms": rto, "rto_initial_ms": rto},
                "network": {"latency_ms": latency},
                "until_ms": 600_000,
                "actions": actions,
            })
            .to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A hostile file runs within the budget, and never panics. Actions that cannot apply are
    /// skipped rather than ending the run (as the lab does), so that every case runs its course.
    #[test]
    fn a_hostile_file_stays_within_the_budget(text in hostile_file()) {
        let scenario = Scenario::from_json(&text).expect("the generator writes valid files");
        let mut run = Runner::new(&scenario, scenario.actions.clone(), OnInvalid::Skip);
        prop_assert!(run.run_to(Time(600_000)).is_ok());
        prop_assert!(run.trace().len() <= MAX_EVENTS + 200, "{} events", run.trace().len());
        prop_assert!(run.sim().bytes_made() <= RUN_BYTES);
        let shown: u64 = run.trace().events.iter().map(|e| e.kind.payload_len() as u64).sum();
        prop_assert!(shown <= TRACE_BYTES + RUN_BYTES, "{shown} bytes shown");
    }

    /// A preset damaged byte by byte — bytes changed, cut, or not UTF-8 any more — is read
    /// (and, if it still makes sense, run) without a panic; a refusal names its place.
    #[test]
    fn a_damaged_file_is_refused_or_run_never_a_panic(
        preset in 0..PRESETS.len(),
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = PRESETS[preset].json.as_bytes().to_vec();
        for (at, byte) in changes {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Some(at) = cut {
            bytes.truncate(at.index(bytes.len()));
        }
        match Scenario::from_bytes(&bytes) {
            Ok(s) => {
                let _ = s.run();
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
