//! A long run for measuring the interface: B streams data segments (each acknowledged by A),
//! then both close. Opened with `#stress` in the address (`#stress=N` for N data segments).

use finwait_core::{Action, Host, Scenario};

/// The most data segments a stress run may ask for.
pub const MAX_SEGMENTS: usize = 10_000;

/// A scenario with `n` data segments from B and their ACKs, then a close.
pub fn stress_scenario(n: usize) -> Scenario {
    let mut s = Scenario::blank();
    s.name = "stress".into();
    s.title = format!("Stress test: {n} data segments and their ACKs");
    for i in 0..n as u64 {
        s = s.then(i * 7, Action::Send { host: Host::B, text: None, bytes: Some(1000) });
        // A's application keeps reading, as a real one would.
        if i % 50 == 49 {
            s = s.then(i * 7, Action::Read { host: Host::A, max: None });
        }
    }
    let end = n as u64 * 7 + 200;
    s.then(end, Action::Close { host: Host::B })
        .then(end, Action::Read { host: Host::A, max: None })
        .then(end + 100, Action::Close { host: Host::A })
}

/// The stress size asked for in the address, if any: `#stress` (1,000 segments in all) or
/// `#stress=N` data segments, at most `MAX_SEGMENTS`.
pub fn requested() -> Option<usize> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let rest = hash.strip_prefix("#stress")?;
    match rest.strip_prefix('=') {
        Some(n) => n.parse().ok().filter(|n| (1..=MAX_SEGMENTS).contains(n)),
        None if rest.is_empty() => Some(500),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stress_run_has_the_promised_segments() {
        let run = stress_scenario(500).run().unwrap();
        let segments = run.trace.segments();
        // 500 data segments, an ACK for each, then the close: two FINs and their ACKs.
        assert_eq!(segments.len(), 1004);
        assert_eq!(run.sim.host(Host::A).state(), finwait_core::State::Closed);
        assert_eq!(run.trace.read_by(Host::A).0.len(), 500 * 1000);
    }
}
