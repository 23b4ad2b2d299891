//! Captures of real Linux closes (tests/captures/, recorded at host A by tests/captures/record
//! with scripts/kernel-diff): `import` infers, from the packets alone, the states the kernel's
//! sockets went through (which the recording took from the kernel's own tracepoint).

use finwait_capture::import::{self, Doubt, Vantage};
use finwait_core::{Host, Scenario};
use std::path::Path;

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/captures");
    let bytes = std::fs::read(dir.join(format!("{name}.pcapng"))).unwrap();
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap()).unwrap();
    let scenario = Scenario::from_json(&fixture["scenario"].to_string()).unwrap();

    let capture = finwait_capture::read(&bytes).unwrap();
    assert!(!capture.cut_short);
    let found = import::connections(&capture);
    assert_eq!(found.list.len(), 1, "{name}: one connection");
    let conn = &found.list[0];
    assert!(conn.packets[0].packet.segment.flags.syn, "{name}: the capture starts with the handshake");
    let params = [scenario.params_for(Host::A), scenario.params_for(Host::B)];
    let inf = import::infer(conn, Vantage::At(Host::A), &params);
    for host in Host::BOTH {
        let kernel: Vec<String> = fixture["states"][host.name()]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s[1].as_str().unwrap().to_string())
            .collect();
        let walk: Vec<String> = inf.walk(host).iter().map(|s| s.name().to_string()).collect();
        let from_established = &walk[walk.iter().position(|s| s == "ESTABLISHED").unwrap()..];
        assert_eq!(from_established, &kernel[..], "{name}: {host}'s states");
    }
    // Nothing was missing from these captures: the only doubts are those no capture can settle.
    for d in &inf.doubts {
        assert!(matches!(d, Doubt::CloseOrShutdown { .. } | Doubt::AfterCapture { .. }), "{name}: {d:?}");
    }
}

#[test]
fn a_normal_close_recorded_on_linux() {
    check("normal-close");
}

#[test]
fn a_simultaneous_close_recorded_on_linux() {
    check("simultaneous-close");
}

#[test]
fn a_close_with_unread_data_recorded_on_linux() {
    check("close-with-unread-data");
}
