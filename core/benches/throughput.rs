//! How fast the core simulates: segment deliveries per second on a long run, a look back and a
//! branch in the past of a run of 10,000 segments (what a click in the lab costs there), and a
//! full check of every preset; explore and the quiz. Run with `cargo bench -p finwait-core --bench throughput`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use finwait_core::network::{Fault, FaultRule, SegmentKind};
use finwait_core::presets::PRESETS;
use finwait_core::run::{OnInvalid, Runner};
use finwait_core::scenario::TimedAction;
use finwait_core::trace::Fate;
use finwait_core::Time;
use finwait_core::{Action, Host, Scenario};
use std::hint::black_box;

/// B streams `n` full-sized segments to A (now and then one is dropped and retransmitted), A
/// reads as it goes, then both close.
fn streaming(n: u64) -> Scenario {
    let mut s = Scenario::blank();
    for i in 0..n {
        if i % 2000 == 1000 {
            let rule = FaultRule { from: Some(Host::B), kind: SegmentKind::Data, fault: Fault::Drop, count: Some(1) };
            s = s.then(i * 2, Action::Rule { rule });
        }
        s = s.then(i * 2, Action::Send { host: Host::B, text: None, bytes: Some(1460) });
        if i % 100 == 99 {
            s = s.then(i * 2, Action::Read { host: Host::A, max: None });
        }
    }
    let end = n * 2 + 5_000;
    s.then(end, Action::Read { host: Host::A, max: None })
        .then(end, Action::Close { host: Host::B })
        .then(end + 100, Action::Close { host: Host::A })
}

fn deliveries(c: &mut Criterion) {
    let scenario = streaming(5_000);
    let run = scenario.run().expect("the streaming scenario runs");
    let delivered = run.trace.segments().iter().filter(|r| matches!(r.fate, Fate::Arrived { .. })).count() as u64;
    let mut group = c.benchmark_group("simulation");
    group.throughput(Throughput::Elements(delivered));
    group.sample_size(20);
    group.bench_function(format!("stream 5000 segments ({delivered} deliveries)"), |b| {
        b.iter(|| black_box(black_box(&scenario).run().expect("runs")))
    });
    group.finish();
}

/// The lab at 10,000 segments: a runner that keeps checkpoints, run to the end; looking at a
/// time in the middle replays from the checkpoint before it, and acting there (dropping a
/// segment in flight) replays once more and branches.
fn replay(c: &mut Criterion) {
    let scenario = streaming(10_000);
    let mut runner = Runner::new(&scenario, scenario.actions.clone(), OnInvalid::Skip).with_checkpoints();
    runner.run_to(Time(60_000)).expect("it runs");
    let middle = Time(10_000);
    let past = runner.past(middle);
    let in_flight = past.sim().network().flights()[0].id;
    let mut script = runner.script().to_vec();
    let at = script.partition_point(|a| a.at <= middle.ms());
    script.insert(at, TimedAction { at: middle.ms(), action: Action::Drop { segment: in_flight }, separate: true });
    let mut group = c.benchmark_group("replay at 10000 segments");
    group.bench_function(format!("look back ({} events in the run)", runner.trace().len()), |b| {
        b.iter(|| black_box(runner.past(black_box(middle))))
    });
    group.bench_function("act in the past: replay, branch, drop a segment", |b| {
        b.iter_batched(
            || runner.clone(),
            |mut r| {
                r.branch(middle, |_| Ok::<(), ()>(()), |_| script.clone()).expect("it branches");
                r.run_to(middle).expect("it runs");
                r
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn presets(c: &mut Criterion) {
    let scenarios: Vec<Scenario> = PRESETS.iter().map(|p| p.scenario().expect("presets parse")).collect();
    let mut group = c.benchmark_group("conformance");
    group.throughput(Throughput::Elements(scenarios.len() as u64));
    group.bench_function("check every preset with invariants", |b| {
        b.iter(|| {
            for s in &scenarios {
                black_box(s.check().expect("runs"));
            }
        })
    });
    group.finish();
}

/// "What could happen?": every schedule of up to two faults on every preset, from time 0; and
/// a quiz of 10 questions (each checked against a run).
fn explore_and_quiz(c: &mut Criterion) {
    use finwait_core::explore::{explore, Budget};
    let scenarios: Vec<Scenario> = PRESETS.iter().map(|p| p.scenario().expect("presets parse")).collect();
    let runs: usize = scenarios.iter().map(|s| explore(s, Time(0), Budget::new(2)).expect("explores").runs).sum();
    let mut group = c.benchmark_group("explore");
    group.sample_size(10);
    group.throughput(Throughput::Elements(runs as u64));
    group.bench_function(format!("every preset, up to 2 faults ({runs} runs)"), |b| {
        b.iter(|| {
            for s in &scenarios {
                black_box(explore(s, Time(0), Budget::new(2)).expect("explores"));
            }
        })
    });
    group.bench_function("a quiz of 10 questions on every preset", |b| {
        b.iter(|| black_box(finwait_core::quiz::quiz(&[], black_box(7), 10)))
    });
    group.finish();
}

criterion_group!(benches, deliveries, replay, presets, explore_and_quiz);
criterion_main!(benches);
