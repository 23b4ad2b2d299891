//! `--format json`: the scenario's identity, the final state of both hosts, and every event of
//! the trace (docs/trace-format.md).

use finwait_core::scenario::Run;
use finwait_core::{Host, Scenario};
use serde_json::json;

pub fn render(scenario: &Scenario, run: &Run) -> String {
    let hosts: Vec<_> = Host::BOTH.into_iter().map(|h| run.sim.host(h).snapshot()).collect();
    let value = json!({
        "format": "finwait-trace",
        "version": 1,
        "scenario": scenario.name,
        "profile": scenario.profile,
        "ended_at": run.sim.now(),
        "quiet": run.quiet,
        "cut_short": run.cut_short,
        "hosts": hosts,
        "segments": run.trace.segments(),
        "events": run.trace.events,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}
