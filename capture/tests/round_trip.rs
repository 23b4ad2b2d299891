//! Every preset, exported as a capture at A and at B and read back, gives the states the
//! simulation went through; the files are read the same by an independent reader (pcap-file);
//! damaged files never panic.

use finwait_capture::export::{self, Note, Vantage};
use finwait_capture::import::{self, Vantage as Seen};
use finwait_capture::{pcap, pcapng, read, Packet};
use finwait_core::presets::PRESETS;
use finwait_core::{Host, Scenario, State};

fn comment(note: Note<'_>) -> String {
    match note {
        Note::Handshake => "handshake".to_string(),
        Note::Segment(r, effects) => format!("{} {} effects", r.id, effects.len()),
    }
}

fn exported(s: &Scenario, at: Vantage) -> Vec<Packet> {
    let run = s.run().expect("preset runs");
    export::packets(s, &run.trace, at, &comment)
}

/// The states a host went through, without the times.
fn walk(s: &Scenario, host: Host) -> Vec<State> {
    s.run().unwrap().trace.states(host).into_iter().map(|(_, st)| st).collect()
}

/// The part of a walk from ESTABLISHED on: a run that starts ESTABLISHED is read back from
/// the handshake the export puts before it.
fn from_established(walk: &[State]) -> Vec<State> {
    match walk.iter().position(|s| *s == State::Established) {
        Some(i) => walk[i..].to_vec(),
        None => walk.to_vec(),
    }
}

/// The (preset, capture point) pairs whose walk no capture can give back, and why. The test
/// also checks that each of them does differ, so the list cannot outlive its reason.
fn cannot_round_trip(name: &str, at: Host) -> Option<&'static str> {
    const SHUTDOWN: &str = "a FIN does not say whether the application called shutdown() or close(), and close() \
                            (which on Linux ends FIN-WAIT-2 after a timeout) is taken";
    const FORGED: &str = "the RST is forged in the network: at A it looks as if B sent it, and at B it is never seen";
    const NOTHING_SEEN: &str = "every segment the closing host sent was lost before the capture point, so its close \
                                never shows there";
    match (name, at) {
        ("shutdown-is-not-orphaning", _) => Some(SHUTDOWN),
        ("rst-in-fin-wait-2-exact", _) | ("rst-in-fin-wait-2-in-window" | "rst-in-fin-wait-2-outside", Host::A) => {
            Some(FORGED)
        }
        ("last-ack-nothing-acknowledged-linux", Host::A)
        | ("orphan-retries-2-linux" | "retransmission-gives-up-linux" | "retransmission-gives-up-rfc", Host::B) => {
            Some(NOTHING_SEEN)
        }
        _ => None,
    }
}

#[test]
fn every_preset_read_back_at_its_hosts_gives_the_states_it_went_through() {
    let mut failures = Vec::new();
    for p in PRESETS {
        let s = p.scenario().unwrap();
        for at in Host::BOTH {
            let bytes = pcapng::write(&exported(&s, Vantage::At(at)));
            let capture = read(&bytes).unwrap();
            assert!(!capture.cut_short);
            let conns = import::connections(&capture);
            assert!(conns.skipped.is_empty(), "{}: {:?}", p.name, conns.skipped);
            let Some(conn) = conns.list.first() else {
                failures.push(format!("{} at {at}: no connection", p.name));
                continue;
            };
            let params = [s.params_for(Host::A), s.params_for(Host::B)];
            let inf = import::infer(conn, Seen::At(at), &params);
            let differs = Host::BOTH.iter().any(|h| from_established(&walk(&s, *h)) != from_established(&inf.walk(*h)));
            match (cannot_round_trip(p.name, at), differs) {
                (None, false) | (Some(_), true) => {}
                (None, true) => {
                    for host in Host::BOTH {
                        let (want, got) = (from_established(&walk(&s, host)), from_established(&inf.walk(host)));
                        if want != got {
                            failures.push(format!("{} at {at}, {host}: simulated {want:?}, read back {got:?}", p.name));
                        }
                    }
                }
                (Some(why), false) => {
                    failures.push(format!("{} at {at} reads back right now; drop it from the list ({why})", p.name))
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} walks differ:\n{}", failures.len(), failures.join("\n"));
}

/// pcap-file, an independent reader, finds in our files the packets, times and comments we
/// wrote.
#[test]
fn an_independent_reader_agrees_with_the_files() {
    let s = finwait_core::presets::find("lost-final-ack").unwrap().scenario().unwrap();
    let packets = exported(&s, Vantage::At(Host::A));
    assert!(packets.len() > 5);

    let classic = pcap::write(&packets);
    let mut reader = pcap_file::pcap::PcapReader::new(&classic[..]).unwrap();
    let mut n = 0;
    while let Some(p) = reader.next_packet() {
        let p = p.unwrap();
        assert_eq!(p.data.as_ref(), &packets[n].frame[..]);
        assert_eq!(p.timestamp.as_micros() as u64, packets[n].at_us);
        n += 1;
    }
    assert_eq!(n, packets.len());

    let ng = pcapng::write(&packets);
    let mut reader = pcap_file::pcapng::PcapNgReader::new(&ng[..]).unwrap();
    let mut n = 0;
    while let Some(block) = reader.next_block() {
        if let pcap_file::pcapng::Block::EnhancedPacket(epb) = block.unwrap() {
            assert_eq!(epb.data.as_ref(), &packets[n].frame[..]);
            let comments: Vec<String> = epb
                .options
                .iter()
                .filter_map(|o| match o {
                    pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketOption::Comment(c) => Some(c.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(comments, vec![packets[n].comment.clone().unwrap()]);
            n += 1;
        }
    }
    assert_eq!(n, packets.len());
}

/// Our reader takes classic pcap in both byte orders and both resolutions, and pcapng in big
/// endian with a resolution other than microseconds.
#[test]
fn every_pcap_variant_reads_the_same() {
    let s = finwait_core::presets::find("simultaneous-close").unwrap().scenario().unwrap();
    let packets = exported(&s, Vantage::Wire);
    let want = read(&pcap::write(&packets)).unwrap();
    assert_eq!(want, read(&pcapng::write(&packets)).unwrap());
    assert_eq!(want.packets.len(), packets.len());

    // Classic pcap rewritten big-endian, in nanoseconds.
    let le = pcap::write(&packets);
    let word = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let mut be = Vec::new();
    be.extend_from_slice(&0xa1b2_3c4du32.to_be_bytes());
    be.extend_from_slice(&2u16.to_be_bytes());
    be.extend_from_slice(&4u16.to_be_bytes());
    for at in [8, 12, 16, 20] {
        be.extend_from_slice(&word(&le, at).to_be_bytes());
    }
    let mut at = 24;
    while at < le.len() {
        let len = word(&le, at + 8) as usize;
        be.extend_from_slice(&word(&le, at).to_be_bytes());
        be.extend_from_slice(&(word(&le, at + 4) * 1000).to_be_bytes());
        be.extend_from_slice(&word(&le, at + 8).to_be_bytes());
        be.extend_from_slice(&word(&le, at + 12).to_be_bytes());
        be.extend_from_slice(&le[at + 16..at + 16 + len]);
        at += 16 + len;
    }
    assert_eq!(read(&be).unwrap(), want);
}

/// A small deterministic generator, so the damaged files are the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// 1,000 damaged files — cut short, bits flipped, lengths garbled — are read, sorted into
/// connections and inferred without a panic; each either reads or names what is wrong.
#[test]
fn damaged_files_never_panic() {
    let mut files = Vec::new();
    for name in ["lost-final-ack", "simultaneous-close", "data-overtaken-by-fin", "close-with-unread-data-linux"] {
        let s = finwait_core::presets::find(name).unwrap().scenario().unwrap();
        let packets = exported(&s, Vantage::At(Host::A));
        files.push(pcapng::write(&packets));
        files.push(pcap::write(&packets));
    }
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut read_ok = 0;
    for case in 0..1000 {
        let mut bytes = files[case % files.len()].clone();
        match case % 4 {
            0 => bytes.truncate(rng.below(bytes.len())),
            1 => {
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(bytes.len());
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            2 => {
                // A length or count field set to something wild.
                let at = rng.below(bytes.len().saturating_sub(4)) & !3;
                bytes[at..at + 4].copy_from_slice(&(rng.next() as u32).to_le_bytes());
            }
            _ => {
                let at = rng.below(bytes.len());
                bytes.truncate(at);
                let at = rng.below(bytes.len().max(1));
                if at < bytes.len() {
                    bytes[at] = rng.next() as u8;
                }
            }
        }
        // A damaged file may be refused (typed, with where and why); it must not panic.
        if let Ok(capture) = read(&bytes) {
            read_ok += 1;
            for conn in import::connections(&capture).list {
                let params = [
                    finwait_core::Params::for_profile(s_profile(case)),
                    finwait_core::Params::for_profile(s_profile(case + 1)),
                ];
                for vantage in [Seen::At(Host::A), Seen::At(Host::B), Seen::Between] {
                    let inf = import::infer(&conn, vantage, &params);
                    assert!(inf.steps.len() <= 2 * conn.packets.len() + 1000);
                }
            }
        }
    }
    // Most damage leaves a readable file: the inference ran on a good share of them.
    assert!(read_ok > 300, "only {read_ok} of 1000 read");
}

fn s_profile(i: usize) -> finwait_core::ProfileKind {
    if i.is_multiple_of(2) {
        finwait_core::ProfileKind::Rfc9293
    } else {
        finwait_core::ProfileKind::Linux
    }
}

#[test]
fn files_that_are_not_captures_are_named() {
    assert_eq!(read(b"{\"version\": 1}").unwrap_err(), finwait_capture::ReadError::NotACapture);
    assert_eq!(read(b"").unwrap_err(), finwait_capture::ReadError::NotACapture);
    let huge = vec![0u8; finwait_capture::MAX_FILE_BYTES + 1];
    assert_eq!(read(&huge).unwrap_err(), finwait_capture::ReadError::TooLarge { bytes: huge.len() });
    // A pcap header of an unknown link type.
    let mut other = pcap::write(&[]);
    other[20] = 147;
    assert_eq!(read(&other).unwrap_err(), finwait_capture::ReadError::UnsupportedLink(147));
}

/// A capture that begins after the SYN (at the SYN,ACK) still gives the close: both hosts are
/// taken to be ESTABLISHED, and the doubt says so.
#[test]
fn a_capture_that_misses_the_syn_still_reads_the_close() {
    let s = finwait_core::presets::find("active-close").unwrap().scenario().unwrap();
    let mut packets = exported(&s, Vantage::Wire);
    packets.remove(0);
    let capture = read(&pcapng::write(&packets)).unwrap();
    let conn = &import::connections(&capture).list[0];
    let params = [s.params_for(Host::A), s.params_for(Host::B)];
    let inf = import::infer(conn, Seen::Between, &params);
    assert!(inf.doubts.contains(&import::Doubt::StartsEstablished));
    for host in Host::BOTH {
        assert_eq!(from_established(&inf.walk(host)), from_established(&walk(&s, host)), "{host}");
    }
}
