//! `--format json`: the scenario's identity, the final state of both hosts, and every event of
//! the trace (docs/trace-format.md).

use finwait_core::json::Json;
use finwait_core::scenario::Run;
use finwait_core::wire::{list, Fields};
use finwait_core::{Host, Scenario};

pub fn render(scenario: &Scenario, run: &Run) -> String {
    let value: Json = Fields::new()
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
    value.to_pretty() + "\n"
}
