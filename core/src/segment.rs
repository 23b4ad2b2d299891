//! TCP segments as the simulation carries them: header fields that matter to the close, and the
//! payload bytes themselves (so a trace can show which bytes reached which application).

use crate::json::Json;
use crate::payload::Payload;
use crate::seq::Seq;
use crate::wire::{self, At, Fields};
use std::fmt;

crate::named! {
    /// One of the control bits finwait models (URG and PSH do not change how a connection
    /// closes).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    #[allow(clippy::upper_case_acronyms)]
    pub enum Flag {
        SYN = "SYN",
        ACK = "ACK",
        FIN = "FIN",
        RST = "RST",
    }
}

/// A set of control bits. Written as a list (`["FIN", "ACK"]`), shown as `FIN,ACK`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags {
    pub syn: bool,
    pub ack: bool,
    pub fin: bool,
    pub rst: bool,
}

impl Flags {
    pub const ACK: Flags = Flags { syn: false, ack: true, fin: false, rst: false };
    pub const FIN_ACK: Flags = Flags { syn: false, ack: true, fin: true, rst: false };
    pub const SYN: Flags = Flags { syn: true, ack: false, fin: false, rst: false };
    pub const SYN_ACK: Flags = Flags { syn: true, ack: true, fin: false, rst: false };
    pub const RST: Flags = Flags { syn: false, ack: false, fin: false, rst: true };
    pub const RST_ACK: Flags = Flags { syn: false, ack: true, fin: false, rst: true };

    /// The bits in display order: SYN, FIN, RST first, ACK last (`FIN,ACK`).
    pub fn list(self) -> Vec<Flag> {
        let mut v = Vec::with_capacity(4);
        if self.syn {
            v.push(Flag::SYN);
        }
        if self.fin {
            v.push(Flag::FIN);
        }
        if self.rst {
            v.push(Flag::RST);
        }
        if self.ack {
            v.push(Flag::ACK);
        }
        v
    }
}

impl From<Vec<Flag>> for Flags {
    fn from(list: Vec<Flag>) -> Flags {
        let mut f = Flags::default();
        for flag in list {
            match flag {
                Flag::SYN => f.syn = true,
                Flag::ACK => f.ack = true,
                Flag::FIN => f.fin = true,
                Flag::RST => f.rst = true,
            }
        }
        f
    }
}

impl Flags {
    /// `["FIN", "ACK"]`; any order, a flag given twice counts once.
    pub fn read(a: At) -> wire::Result<Flags> {
        Ok(Flags::from(a.each(wire::named::<Flag>)?))
    }
}

impl From<Flags> for Json {
    fn from(f: Flags) -> Json {
        wire::list(f.list(), Json::from)
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = self.list();
        if list.is_empty() {
            return f.write_str("none");
        }
        for (i, flag) in list.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{flag}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A segment on the wire. `ack` is meaningful only when `flags.ack` is set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub flags: Flags,
    pub seq: Seq,
    pub ack: Seq,
    /// The advertised receive window.
    pub wnd: u32,
    pub data: Payload,
}

impl Segment {
    /// SEG.LEN: the payload plus one for each of SYN and FIN (RFC 9293 §3.4).
    pub fn seq_len(&self) -> u32 {
        self.data.len() as u32 + u32::from(self.flags.syn) + u32::from(self.flags.fin)
    }

    /// The sequence number just after this segment (SEG.SEQ + SEG.LEN).
    pub fn end(&self) -> Seq {
        self.seq.wrapping_add(self.seq_len())
    }

    /// A segment with no payload and only ACK set.
    pub fn is_pure_ack(&self) -> bool {
        self.flags == Flags::ACK && self.data.is_empty()
    }

    /// The sequence number the FIN occupies, if it carries one.
    pub fn fin_seq(&self) -> Option<Seq> {
        self.flags.fin.then(|| self.seq.wrapping_add(u32::from(self.flags.syn) + self.data.len() as u32))
    }
}

impl Segment {
    /// `{"flags": ["FIN", "ACK"], "seq": 1001, "ack": 5001, "wnd": 65535}` (and `data` when
    /// there is any).
    pub fn to_json(&self) -> Json {
        let data = (!self.data.is_empty()).then(|| wire::payload(&self.data));
        Fields::new()
            .put("flags", self.flags)
            .put("seq", self.seq)
            .put("ack", self.ack)
            .put("wnd", self.wnd)
            .opt("data", data)
            .into()
    }
}

impl fmt::Display for Segment {
    /// `FIN,ACK seq=1001 ack=5001 len=10`, the notation of the conformance scenarios.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} seq={}", self.flags, self.seq)?;
        if self.flags.ack {
            write!(f, " ack={}", self.ack)?;
        }
        if !self.data.is_empty() {
            write!(f, " len={}", self.data.len())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_counts_syn_and_fin() {
        let seg = Segment { flags: Flags::FIN_ACK, seq: Seq(5001), ack: Seq(1002), wnd: 100, data: vec![0; 10].into() };
        assert_eq!(seg.seq_len(), 11);
        assert_eq!(seg.end(), Seq(5012));
        assert_eq!(seg.fin_seq(), Some(Seq(5011)));
        assert_eq!(seg.to_string(), "FIN,ACK seq=5001 ack=1002 len=10");
    }

    #[test]
    fn flags_travel_as_a_list() {
        assert_eq!(Json::from(Flags::FIN_ACK).to_compact(), r#"["FIN","ACK"]"#);
        let read = |text: &str| Flags::read(At::root(&crate::json::parse(text).unwrap()));
        assert_eq!(read(r#"["ACK","RST"]"#).unwrap(), Flags::RST_ACK);
        assert!(read(r#"["PSH"]"#).unwrap_err().to_string().contains(r#"found "PSH""#));
    }
}
