//! finwait-capture: a run as a capture Wireshark opens, and a capture read back as a run.
//!
//! - `frame`: Ethernet/IPv4/TCP frames, built with correct checksums and parsed with every
//!   length checked.
//! - `pcap`, `pcapng`: the two file formats, written and read (by hand: a few hundred lines
//!   that stay small in the web bundle; well-kept crates check them in the tests).
//! - `export`: the packets of a run as seen at A, at B or on the wire, each with a comment
//!   saying what it did to each host.
//! - `import`: the TCP connections in a capture, and the states both endpoints went through,
//!   inferred by feeding the segments to the core's own endpoints.
//!
//! Pure and deterministic like the core: bytes in, bytes or values out, no I/O.

pub mod as_trace;
pub mod continue_from;
pub mod effect;
pub mod export;
pub mod frame;
pub mod import;
pub mod pcap;
pub mod pcapng;

pub use effect::Effect;
use frame::Link;

/// The largest capture file read (a capture of a few closes is kilobytes; this keeps a
/// browser tab from taking in a whole day's traffic).
pub const MAX_FILE_BYTES: usize = 32 << 20;
/// The most packets read from one file.
pub const MAX_PACKETS: usize = 200_000;

/// A packet to write: when it was seen (µs since 1970), the frame, and its comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    pub at_us: u64,
    pub frame: Vec<u8>,
    pub comment: Option<String>,
}

/// A packet read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    pub at_us: u64,
    pub link: Link,
    pub data: Vec<u8>,
}

/// The packets of a capture file, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capture {
    pub packets: Vec<Captured>,
    /// The file ends inside a packet: the packets before it were read.
    pub cut_short: bool,
}

impl Capture {
    fn push(&mut self, p: Captured) -> Result<(), ReadError> {
        if self.packets.len() >= MAX_PACKETS {
            return Err(ReadError::TooManyPackets);
        }
        self.packets.push(p);
        Ok(())
    }
}

/// Why a file cannot be read as a capture (`finwait_messages::capture::read_error` says it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    NotACapture,
    TooLarge { bytes: usize },
    TooManyPackets,
    Truncated { at: usize, what: &'static str },
    Malformed { at: usize, why: &'static str },
    UnsupportedLink(u32),
}

/// Reads a pcap or pcapng file, whichever it is.
pub fn read(bytes: &[u8]) -> Result<Capture, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len() });
    }
    if pcapng::is_pcapng(bytes) {
        pcapng::read(bytes)
    } else if pcap::is_pcap(bytes) {
        pcap::read(bytes)
    } else {
        Err(ReadError::NotACapture)
    }
}
