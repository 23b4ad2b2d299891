//! A JSON value as compact bytes, for share links. Every type already reads and writes itself
//! as JSON (`wire`); packing that JSON, rather than giving each type a second, binary schema,
//! keeps one schema per type. What makes it compact: numbers are varints, and each distinct
//! string (a key like `"at"`, a name like `"drop"`) is spelt once and referred to after that.
//!
//! A dictionary of strings both sides know in advance (a link's usual keys and names) makes
//! the common strings one byte from the start.
//!
//! ```text
//! value  = 0 null | 1 false | 2 true | 3 varint (whole number) | 4 text (other number)
//!        | 5 text (string) | 6 varint value* (list) | 7 varint (text value)* (object)
//! text   = varint 0, varint length, UTF-8 bytes   (a new string, remembered)
//!        | varint k ≥ 1                           (the k-th string remembered, counting
//!                                                   the dictionary's first)
//! varint = LEB128, at most 10 bytes
//! ```
//!
//! Reading never trusts the input: lengths are checked against what is left before anything is
//! allocated, nesting is bounded, and every failure says where it happened.

use crate::json::{Json, Number};

/// Lists and objects may nest this deep; a scenario needs five levels.
pub const MAX_DEPTH: usize = 32;

/// Why bytes are not a packed value. `at` is the byte offset where reading failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// The bytes end in the middle of a value.
    Truncated { at: usize },
    /// A byte that starts no kind of value.
    UnknownTag { at: usize, tag: u8 },
    /// A string that is not UTF-8.
    NotUtf8 { at: usize },
    /// A reference to a string that was never given.
    UnknownString { at: usize },
    /// A varint longer than 64 bits.
    Overlong { at: usize },
    /// Nested deeper than `MAX_DEPTH`.
    TooDeep { at: usize },
    /// An object that gives a key twice.
    RepeatedKey { at: usize },
    /// Bytes left over after the value.
    TrailingBytes { at: usize },
}

impl PackError {
    /// Where in the bytes reading failed.
    pub fn offset(&self) -> usize {
        match *self {
            PackError::Truncated { at }
            | PackError::UnknownTag { at, .. }
            | PackError::NotUtf8 { at }
            | PackError::UnknownString { at }
            | PackError::Overlong { at }
            | PackError::TooDeep { at }
            | PackError::RepeatedKey { at }
            | PackError::TrailingBytes { at } => at,
        }
    }
}

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const WHOLE: u8 = 3;
const OTHER_NUMBER: u8 = 4;
const STRING: u8 = 5;
const LIST: u8 = 6;
const OBJECT: u8 = 7;

/// The value as bytes, with strings in `dictionary` known from the start.
pub fn pack(v: &Json, dictionary: &[&str]) -> Vec<u8> {
    let mut w = Writer { out: Vec::new(), strings: dictionary.to_vec() };
    w.value(v);
    w.out
}

/// The value the bytes hold, read with the dictionary they were packed with.
pub fn unpack(bytes: &[u8], dictionary: &[&str]) -> Result<Json, PackError> {
    let mut r = Reader { bytes, pos: 0, strings: dictionary.iter().map(|s| s.to_string()).collect() };
    let v = r.value(0)?;
    if r.pos != bytes.len() {
        return Err(PackError::TrailingBytes { at: r.pos });
    }
    Ok(v)
}

struct Writer<'a> {
    out: Vec<u8>,
    /// Strings written so far, in order (a reference is an index into this, plus one).
    strings: Vec<&'a str>,
}

impl<'a> Writer<'a> {
    fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.out.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.out.push(n as u8);
    }

    fn text(&mut self, s: &'a str) {
        match self.strings.iter().position(|k| *k == s) {
            Some(i) => self.varint(i as u64 + 1),
            None => {
                self.varint(0);
                self.varint(s.len() as u64);
                self.out.extend_from_slice(s.as_bytes());
                self.strings.push(s);
            }
        }
    }

    fn value(&mut self, v: &'a Json) {
        match v {
            Json::Null => self.out.push(NULL),
            Json::Bool(false) => self.out.push(FALSE),
            Json::Bool(true) => self.out.push(TRUE),
            Json::Number(Number::Whole(n)) => {
                self.out.push(WHOLE);
                self.varint(*n);
            }
            Json::Number(Number::Other(text)) => {
                self.out.push(OTHER_NUMBER);
                self.text(text);
            }
            Json::String(s) => {
                self.out.push(STRING);
                self.text(s);
            }
            Json::Array(items) => {
                self.out.push(LIST);
                self.varint(items.len() as u64);
                for item in items {
                    self.value(item);
                }
            }
            Json::Object(members) => {
                self.out.push(OBJECT);
                self.varint(members.len() as u64);
                for (k, item) in members {
                    self.text(k);
                    self.value(item);
                }
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    strings: Vec<String>,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, PackError> {
        let b = *self.bytes.get(self.pos).ok_or(PackError::Truncated { at: self.pos })?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, PackError> {
        let start = self.pos;
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            // The tenth byte holds the top bit only.
            if shift == 63 && part > 1 {
                return Err(PackError::Overlong { at: start });
            }
            n |= part << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(PackError::Overlong { at: start })
    }

    /// A count of things still to read, each at least one byte long: never more than what is
    /// left, so a damaged count cannot make the reader allocate.
    fn count(&mut self) -> Result<usize, PackError> {
        let at = self.pos;
        let n = self.varint()?;
        let left = self.bytes.len() - self.pos;
        usize::try_from(n).ok().filter(|n| *n <= left).ok_or(PackError::Truncated { at })
    }

    fn text(&mut self) -> Result<String, PackError> {
        let at = self.pos;
        match self.varint()? {
            0 => {
                let len = self.count()?;
                let start = self.pos;
                let raw = &self.bytes[start..start + len];
                let s = std::str::from_utf8(raw).map_err(|_| PackError::NotUtf8 { at: start })?.to_string();
                self.pos += len;
                self.strings.push(s.clone());
                Ok(s)
            }
            k => usize::try_from(k - 1)
                .ok()
                .and_then(|i| self.strings.get(i))
                .cloned()
                .ok_or(PackError::UnknownString { at }),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, PackError> {
        let at = self.pos;
        Ok(match self.byte()? {
            NULL => Json::Null,
            FALSE => Json::Bool(false),
            TRUE => Json::Bool(true),
            WHOLE => Json::Number(Number::Whole(self.varint()?)),
            OTHER_NUMBER => Json::Number(Number::Other(self.text()?)),
            STRING => Json::String(self.text()?),
            LIST | OBJECT if depth >= MAX_DEPTH => return Err(PackError::TooDeep { at }),
            LIST => {
                let n = self.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Json::Array(items)
            }
            OBJECT => {
                let n = self.count()?;
                let mut members: Vec<(String, Json)> = Vec::with_capacity(n);
                for _ in 0..n {
                    let key_at = self.pos;
                    let key = self.text()?;
                    if members.iter().any(|(k, _)| *k == key) {
                        return Err(PackError::RepeatedKey { at: key_at });
                    }
                    let v = self.value(depth + 1)?;
                    members.push((key, v));
                }
                Json::Object(members)
            }
            tag => return Err(PackError::UnknownTag { at, tag }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    #[test]
    fn every_preset_packs_and_unpacks_to_the_same_json_in_less_space() {
        for p in PRESETS {
            let json = p.scenario().unwrap().to_json();
            let bytes = pack(&json, &[]);
            assert_eq!(unpack(&bytes, &[]).unwrap(), json, "{}", p.name);
            assert!(bytes.len() < json.to_compact().len(), "{}: {} bytes", p.name, bytes.len());
        }
    }

    #[test]
    fn a_dictionary_makes_known_strings_one_byte() {
        let json = crate::json::parse(r#"{"at": 20, "do": "drop", "unknown": "drop"}"#).unwrap();
        let dictionary = ["at", "do", "drop"];
        let bytes = pack(&json, &dictionary);
        assert_eq!(
            bytes,
            [OBJECT, 3, 1, WHOLE, 20, 2, STRING, 3, 0, 7, b'u', b'n', b'k', b'n', b'o', b'w', b'n', STRING, 3]
        );
        assert_eq!(unpack(&bytes, &dictionary).unwrap(), json);
        assert_eq!(unpack(&bytes, &[]), Err(PackError::UnknownString { at: 2 }));
    }

    #[test]
    fn varints_at_the_edges() {
        for n in [0, 1, 127, 128, 16_383, 16_384, u64::from(u32::MAX), u64::MAX] {
            let json = Json::Number(Number::Whole(n));
            assert_eq!(unpack(&pack(&json, &[]), &[]).unwrap(), json);
        }
        // Eleven bytes, or a tenth byte above 1, is not a u64.
        assert_eq!(
            unpack(&[WHOLE, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], &[]),
            Err(PackError::Overlong { at: 1 })
        );
    }

    #[test]
    fn damaged_bytes_say_what_and_where() {
        assert_eq!(unpack(&[], &[]), Err(PackError::Truncated { at: 0 }));
        assert_eq!(unpack(&[9], &[]), Err(PackError::UnknownTag { at: 0, tag: 9 }));
        assert_eq!(unpack(&[STRING, 0, 2, 0xc3, 0x28], &[]), Err(PackError::NotUtf8 { at: 3 }));
        assert_eq!(unpack(&[STRING, 4], &[]), Err(PackError::UnknownString { at: 1 }));
        assert_eq!(unpack(&[NULL, NULL], &[]), Err(PackError::TrailingBytes { at: 1 }));
        // A list that says it holds a million items, in three bytes: refused before allocating.
        assert_eq!(unpack(&[LIST, 0xc0, 0x84, 0x3d], &[]), Err(PackError::Truncated { at: 1 }));
        let deep: Vec<u8> = std::iter::repeat_n([LIST, 1], MAX_DEPTH + 1).flatten().chain([NULL]).collect();
        assert_eq!(unpack(&deep, &[]), Err(PackError::TooDeep { at: 2 * MAX_DEPTH }));
        assert_eq!(unpack(&[OBJECT, 2, 0, 1, b'a', NULL, 1, NULL], &[]), Err(PackError::RepeatedKey { at: 6 }));
    }

    /// Every way of cutting or damaging a packed scenario is an error or another value, never
    /// a panic.
    #[test]
    fn any_damage_is_an_error_not_a_panic() {
        let bytes = pack(&PRESETS[7].scenario().unwrap().to_json(), &[]);
        for cut in 0..bytes.len() {
            assert!(unpack(&bytes[..cut], &[]).is_err(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                let _ = unpack(&b, &[]);
            }
        }
    }
}
