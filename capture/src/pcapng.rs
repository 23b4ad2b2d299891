//! pcapng files (the format Wireshark saves by default): written little-endian with one
//! Ethernet interface in microseconds and a comment on each packet (Wireshark's
//! `frame.comment`); read in either byte order, any number of sections and interfaces, and
//! any time resolution the interface declares.

use crate::frame::Link;
use crate::{Capture, Captured, Packet, ReadError};

const SECTION_HEADER: u32 = 0x0a0d_0d0a;
const INTERFACE: u32 = 1;
const OBSOLETE_PACKET: u32 = 2;
const SIMPLE_PACKET: u32 = 3;
const ENHANCED_PACKET: u32 = 6;
const BYTE_ORDER_MAGIC: u32 = 0x1a2b_3c4d;
const OPT_END: u16 = 0;
const OPT_COMMENT: u16 = 1;
const SHB_USERAPPL: u16 = 4;
const IF_TSRESOL: u16 = 9;
const SNAPLEN: u32 = 65_535;
/// if_tsresol 6: 10^-6 s, microseconds (stated, though it is the default: some readers of
/// other tools assume otherwise).
const MICROSECONDS: u8 = 6;

/// A pcapng file of Ethernet frames, each with its comment.
pub fn write(packets: &[Packet]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut shb = Vec::new();
    shb.extend_from_slice(&BYTE_ORDER_MAGIC.to_le_bytes());
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&0u16.to_le_bytes());
    shb.extend_from_slice(&u64::MAX.to_le_bytes()); // section length: not given
    option(&mut shb, SHB_USERAPPL, concat!("finwait ", env!("CARGO_PKG_VERSION")).as_bytes());
    option(&mut shb, OPT_END, &[]);
    block(&mut out, SECTION_HEADER, &shb);

    let mut idb = Vec::new();
    idb.extend_from_slice(&Link::ETHERNET.to_le_bytes());
    idb.extend_from_slice(&0u16.to_le_bytes());
    idb.extend_from_slice(&SNAPLEN.to_le_bytes());
    option(&mut idb, IF_TSRESOL, &[MICROSECONDS]);
    option(&mut idb, OPT_END, &[]);
    block(&mut out, INTERFACE, &idb);

    for p in packets {
        let mut epb = Vec::with_capacity(32 + p.frame.len());
        let len = p.frame.len() as u32;
        for word in [0, (p.at_us >> 32) as u32, p.at_us as u32, len, len] {
            epb.extend_from_slice(&word.to_le_bytes());
        }
        epb.extend_from_slice(&p.frame);
        pad(&mut epb);
        if let Some(comment) = &p.comment {
            option(&mut epb, OPT_COMMENT, comment.as_bytes());
            option(&mut epb, OPT_END, &[]);
        }
        block(&mut out, ENHANCED_PACKET, &epb);
    }
    out
}

fn pad(v: &mut Vec<u8>) {
    v.resize(v.len().next_multiple_of(4), 0);
}

fn option(v: &mut Vec<u8>, code: u16, value: &[u8]) {
    v.extend_from_slice(&code.to_le_bytes());
    v.extend_from_slice(&(value.len() as u16).to_le_bytes());
    v.extend_from_slice(value);
    pad(v);
}

fn block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
    let len = (12 + body.len()) as u32;
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&len.to_le_bytes());
}

/// Whether `bytes` start like a pcapng file.
pub fn is_pcapng(bytes: &[u8]) -> bool {
    bytes.get(..4) == Some(&SECTION_HEADER.to_le_bytes()[..])
}

/// One interface of the current section: its link layer and how long its time unit is.
#[derive(Clone, Copy)]
struct Interface {
    link: Option<u32>,
    resolution: Resolution,
}

/// A time unit: 10^-n or 2^-n seconds.
#[derive(Clone, Copy)]
enum Resolution {
    Decimal(u32),
    Binary(u32),
}

impl Resolution {
    fn from_option(v: u8) -> Resolution {
        if v & 0x80 == 0 {
            Resolution::Decimal(u32::from(v))
        } else {
            Resolution::Binary(u32::from(v & 0x7f))
        }
    }

    fn micros(self, ticks: u64) -> Option<u64> {
        let ticks = u128::from(ticks);
        let us = match self {
            Resolution::Decimal(n) if n >= 6 => ticks / 10u128.checked_pow(n - 6)?,
            Resolution::Decimal(n) => ticks.checked_mul(10u128.pow(6 - n))?,
            Resolution::Binary(n) => ticks.checked_mul(1_000_000)? >> n.min(127),
        };
        u64::try_from(us).ok()
    }
}

/// Reads the words of a block in its section's byte order.
struct Words<'a> {
    bytes: &'a [u8],
    big_endian: bool,
}

impl Words<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.bytes.get(at..at + 2)?;
        Some(if self.big_endian { u16::from_be_bytes([b[0], b[1]]) } else { u16::from_le_bytes([b[0], b[1]]) })
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.bytes.get(at..at + 4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    }
}

/// Reads a pcapng file. A file that ends inside a block keeps the packets before it.
pub fn read(bytes: &[u8]) -> Result<Capture, ReadError> {
    let mut capture = Capture::default();
    let mut interfaces: Vec<Interface> = Vec::new();
    let mut words = Words { bytes, big_endian: false };
    let mut at = 0;
    let mut last_time = 0;
    while at < bytes.len() {
        if bytes.len() - at < 12 {
            capture.cut_short = true;
            break;
        }
        let kind = words.u32(at).unwrap_or(0);
        if kind == SECTION_HEADER {
            let magic = bytes.get(at + 8..at + 12).ok_or(ReadError::Truncated { at, what: "a section header" })?;
            words.big_endian = match magic {
                [0x1a, 0x2b, 0x3c, 0x4d] => true,
                [0x4d, 0x3c, 0x2b, 0x1a] => false,
                _ => return Err(ReadError::Malformed { at, why: "the section header's byte-order mark is wrong" }),
            };
            interfaces.clear();
        } else if at == 0 {
            return Err(ReadError::NotACapture);
        }
        let len = words.u32(at + 4).unwrap_or(0) as usize;
        if len < 12 || !len.is_multiple_of(4) {
            return Err(ReadError::Malformed { at, why: "a block's length is not a multiple of 4 of at least 12" });
        }
        let Some(block) = bytes.get(at..at.saturating_add(len)) else {
            capture.cut_short = true;
            break;
        };
        if words.u32(at + len - 4) != Some(len as u32) {
            return Err(ReadError::Malformed { at, why: "a block's two lengths differ" });
        }
        let body = Words { bytes: &block[8..len - 4], big_endian: words.big_endian };
        match kind {
            INTERFACE => {
                let linktype = body.u16(0).map(u32::from);
                let resolution = options(&body, 8)
                    .find(|(code, v)| *code == IF_TSRESOL && v.len() == 1)
                    .map_or(Resolution::Decimal(6), |(_, v)| Resolution::from_option(v[0]));
                interfaces.push(Interface { link: linktype, resolution });
            }
            ENHANCED_PACKET | OBSOLETE_PACKET => {
                let (iface, rest) = if kind == ENHANCED_PACKET {
                    (body.u32(0).map(|i| i as usize), 4)
                } else {
                    (body.u16(0).map(usize::from), 4)
                };
                let iface = iface.and_then(|i| interfaces.get(i)).ok_or(ReadError::Malformed {
                    at,
                    why: "a packet names an interface the file does not describe",
                })?;
                let ticks = u64::from(body.u32(rest).unwrap_or(0)) << 32 | u64::from(body.u32(rest + 4).unwrap_or(0));
                let caplen = body.u32(rest + 8).unwrap_or(0) as usize;
                let start = rest + 16;
                let data = body
                    .bytes
                    .get(start..start.saturating_add(caplen))
                    .ok_or(ReadError::Malformed { at, why: "a packet is longer than its block" })?;
                let at_us = iface.resolution.micros(ticks).ok_or(ReadError::Malformed {
                    at,
                    why: "a packet's time does not fit the interface's resolution",
                })?;
                last_time = at_us;
                capture.push(Captured { at_us, link: link_of(iface)?, data: data.to_vec() })?;
            }
            SIMPLE_PACKET => {
                // No interface number and no time: the first interface, at the last time seen.
                let iface = interfaces
                    .first()
                    .ok_or(ReadError::Malformed { at, why: "a packet comes before any interface is described" })?;
                let orig = body.u32(0).unwrap_or(0) as usize;
                let data = &body.bytes[4.min(body.bytes.len())..];
                let data = &data[..orig.min(data.len())];
                capture.push(Captured { at_us: last_time, link: link_of(iface)?, data: data.to_vec() })?;
            }
            _ => {}
        }
        at += len;
    }
    Ok(capture)
}

fn link_of(iface: &Interface) -> Result<crate::frame::Link, ReadError> {
    let linktype = iface.link.unwrap_or(0);
    Link::from_linktype(linktype).ok_or(ReadError::UnsupportedLink(linktype))
}

/// The options of a block body from `start`: (code, value) until the end option or the body's
/// end.
fn options<'a>(body: &'a Words<'a>, start: usize) -> impl Iterator<Item = (u16, &'a [u8])> + 'a {
    let mut at = start;
    std::iter::from_fn(move || {
        let code = body.u16(at)?;
        let len = usize::from(body.u16(at + 2)?);
        if code == OPT_END {
            return None;
        }
        let value = body.bytes.get(at + 4..at + 4 + len)?;
        at += 4 + len.next_multiple_of(4);
        Some((code, value))
    })
}
