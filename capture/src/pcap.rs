//! Classic pcap files (the tcpdump format): written little-endian in microseconds, read in
//! either byte order and either time resolution (magic `a1b2c3d4` for µs, `a1b23c4d` for ns).
//! Classic pcap has no place for comments; pcapng (`pcapng.rs`) does.

use crate::frame::Link;
use crate::{Capture, Captured, Packet, ReadError};

const MAGIC_MICROS: u32 = 0xa1b2_c3d4;
const MAGIC_NANOS: u32 = 0xa1b2_3c4d;
const FILE_HEADER: usize = 24;
const RECORD_HEADER: usize = 16;
const SNAPLEN: u32 = 65_535;

/// A pcap file of Ethernet frames.
pub fn write(packets: &[Packet]) -> Vec<u8> {
    let mut out = Vec::new();
    for word in [MAGIC_MICROS, 2 | 4 << 16, 0, 0, SNAPLEN, u32::from(Link::ETHERNET)] {
        out.extend_from_slice(&word.to_le_bytes());
    }
    for p in packets {
        let len = p.frame.len() as u32;
        let (secs, micros) = (p.at_us / 1_000_000, p.at_us % 1_000_000);
        for word in [secs as u32, micros as u32, len, len] {
            out.extend_from_slice(&word.to_le_bytes());
        }
        out.extend_from_slice(&p.frame);
    }
    out
}

/// Whether `bytes` start like a classic pcap file.
pub fn is_pcap(bytes: &[u8]) -> bool {
    let Some(head) = bytes.get(..4) else { return false };
    let le = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
    [MAGIC_MICROS, MAGIC_NANOS, MAGIC_MICROS.swap_bytes(), MAGIC_NANOS.swap_bytes()].contains(&le)
}

/// Reads a classic pcap file. A file that ends inside a packet keeps the packets before it.
pub fn read(bytes: &[u8]) -> Result<Capture, ReadError> {
    let header = bytes.get(..FILE_HEADER).ok_or(ReadError::Truncated { at: 0, what: "the file header" })?;
    let le = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
    let swapped = le == MAGIC_MICROS.swap_bytes() || le == MAGIC_NANOS.swap_bytes();
    let word = |at: usize| {
        let b = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        if swapped {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    };
    let nanos = word(0) == MAGIC_NANOS;
    let linktype = word(20) & 0x0fff_ffff;
    let link = Link::from_linktype(linktype).ok_or(ReadError::UnsupportedLink(linktype))?;
    let mut capture = Capture::default();
    let mut at = FILE_HEADER;
    while at < bytes.len() {
        if bytes.len() - at < RECORD_HEADER {
            capture.cut_short = true;
            break;
        }
        let (secs, frac, caplen) = (u64::from(word(at)), u64::from(word(at + 4)), word(at + 8) as usize);
        let start = at + RECORD_HEADER;
        let Some(data) = bytes.get(start..start.saturating_add(caplen)) else {
            capture.cut_short = true;
            break;
        };
        let micros = if nanos { frac / 1000 } else { frac };
        capture.push(Captured { at_us: secs * 1_000_000 + micros, link, data: data.to_vec() })?;
        at = start + caplen;
    }
    Ok(capture)
}
