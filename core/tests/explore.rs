//! Explore: every outcome it reports is what its witness schedule really gives when replayed;
//! the run without faults comes first; the same inputs give the same list.

use finwait_core::explore::{explore, outcome_of, with_faults, Budget};
use finwait_core::presets::PRESETS;
use finwait_core::Time;
use std::time::Instant;

#[test]
fn every_witness_replays_to_its_outcome_in_every_preset() {
    let started = Instant::now();
    let (mut runs, mut outcomes) = (0, 0);
    for p in PRESETS {
        let s = p.scenario().unwrap();
        let ex = explore(&s, Time(0), Budget::new(2)).unwrap();
        assert_eq!(ex.untried, 0, "{}: the budget ran out", p.name);
        assert!(ex.found[0].witness.is_empty(), "{}: the run without faults first", p.name);
        assert_eq!(ex.found[0].outcome, outcome_of(&s.run().unwrap()));
        for f in &ex.found {
            assert!(f.witness.len() <= 2);
            let again = with_faults(&s, &f.witness).run().unwrap();
            assert_eq!(outcome_of(&again), f.outcome, "{}: {:?}", p.name, f.witness);
        }
        for (i, a) in ex.found.iter().enumerate() {
            assert!(ex.found[i + 1..].iter().all(|b| b.outcome != a.outcome), "{}: outcomes are distinct", p.name);
        }
        runs += ex.runs;
        outcomes += ex.found.len();
    }
    eprintln!("explore, k ≤ 2, every preset: {runs} runs, {outcomes} outcomes, {:?} (debug build)", started.elapsed());
    // The same counts in the browser: tests/browser.rs.
    assert_eq!((runs, outcomes), (3531, 615));
}

#[test]
fn explore_is_deterministic_and_one_fault_finds_the_lost_final_ack() {
    let s = finwait_core::presets::find("active-close").unwrap().scenario().unwrap();
    let a = explore(&s, Time(0), Budget::new(1)).unwrap();
    let b = explore(&s, Time(0), Budget::new(1)).unwrap();
    assert_eq!(a, b);
    // Every single fault is repaired by a retransmission (both hosts end CLOSED), but some
    // leave B longer in LAST-ACK: dropping A's last ACK, which B's FIN then comes again for.
    let base = a.found[0].outcome.longest[1].unwrap();
    assert_eq!(base.0, finwait_core::State::LastAck);
    let longer = a
        .found
        .iter()
        .find(|f| f.outcome.longest[1].is_some_and(|(st, d)| st == finwait_core::State::LastAck && d > base.1))
        .expect("a fault that keeps B longer in LAST-ACK");
    assert!(longer.outcome.end.iter().all(|st| *st == finwait_core::State::Closed));
    assert_eq!(longer.witness.len(), 1);
}
