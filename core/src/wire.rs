//! How finwait's types travel as JSON (scenario files, traces): the pieces every type's own
//! `read` and `to_json` are built from. Each type reads and writes itself next to its
//! definition — the way smoltcp keeps `parse` and `emit` on one type — and every enum that
//! travels as a name has one table of names, used in both directions (`named!`).
//!
//! Why by hand and not `#[derive(Deserialize)]`: the derived code for the format's internally
//! tagged actions (`"do": "close"`) was the largest single thing in the web app's bundle, and
//! this reader is a fraction of it. It also names every problem by its path in the file
//! (`actions[3].host: expected one of "A", "B", found "C"`).

use crate::json::{Json, Number};
use crate::scenario::ScenarioError;

/// What went wrong at a place in the file. Boxed, so that a reader's result is small: each
/// `?` in the readers moves it, and a large error made every reader larger.
pub type Result<T> = std::result::Result<T, Box<ScenarioError>>;

/// Declares a field-less enum whose values travel as names, with its one table: `ALL` (every
/// value, in order), `name()` (an exhaustive match) and `from_name()`. Reading (`wire::named`)
/// and writing (`Json::from`) both go through it, so a name is spelt once.
#[macro_export]
macro_rules! named {
    (
        $(#[$meta:meta])*
        pub enum $ty:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $name:literal, )+
        }
    ) => {
        $(#[$meta])*
        pub enum $ty {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $ty {
            /// Every value, in the order declared.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// Their names, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The value's name in scenario files, traces and links.
            pub const fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }

            /// The value with this name.
            pub fn from_name(name: &str) -> Option<$ty> {
                Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
            }
        }

        impl $crate::wire::Named for $ty {
            const ALL: &'static [$ty] = $ty::ALL;
            const NAMES: &'static [&'static str] = $ty::NAMES;
        }

        impl From<$ty> for $crate::json::Json {
            fn from(v: $ty) -> $crate::json::Json {
                $crate::json::Json::String(v.name().to_string())
            }
        }
    };
}

/// An enum declared with `named!`: its values and their names, in the same order.
pub trait Named: Copy + 'static {
    const ALL: &'static [Self];
    const NAMES: &'static [&'static str];
}

pub(crate) fn invalid(path: &str, message: impl Into<String>) -> Box<ScenarioError> {
    Box::new(ScenarioError::Invalid { path: path.to_string(), message: message.into() })
}

/// A short description of a JSON value for error messages.
pub(crate) fn found(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => match n.to_string() {
            text if text.len() > 40 => format!("a {}-character number", text.len()),
            text => text,
        },
        Json::String(s) => crate::json::quoted(s),
        Json::Array(_) => "a list".into(),
        Json::Object(_) => "an object".into(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A value and where it is in the file.
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub v: &'a Json,
    pub path: &'a str,
}

impl<'a> At<'a> {
    /// The whole document.
    pub fn root(v: &'a Json) -> At<'a> {
        At { v, path: "" }
    }

    pub fn invalid(self, message: impl Into<String>) -> Box<ScenarioError> {
        invalid(self.path, message)
    }

    /// Each element of a list, with its path (`actions[3]`).
    pub fn each<T>(self, f: fn(At) -> Result<T>) -> Result<Vec<T>> {
        let list =
            self.v.as_array().ok_or_else(|| self.invalid(format!("expected a list, found {}", found(self.v))))?;
        let mut out = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            out.push(f(At { v, path: &format!("{}[{i}]", self.path) })?);
        }
        Ok(out)
    }

    /// One of a fixed set of names; returns its index. Not generic, so the reader stays small
    /// in the web app's bundle however many enums use it.
    pub fn choice(self, names: &[&str]) -> Result<usize> {
        let expected = || names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
        self.v
            .as_str()
            .and_then(|s| names.iter().position(|n| *n == s))
            .ok_or_else(|| self.invalid(format!("expected one of {}, found {}", expected(), found(self.v))))
    }

    /// The members of an object, for reading it field by field.
    pub fn object(self) -> Result<Obj<'a>> {
        match self.v {
            Json::Object(map) => Ok(Obj { map, path: self.path.to_string(), read: Vec::new() }),
            other => Err(self.invalid(format!("expected an object, found {}", found(other)))),
        }
    }
}

// Readers of single values. Free functions rather than methods of `At`, so that each is one
// function for every lifetime (`o.req("at", wire::u64)`).

pub fn u64(a: At) -> Result<u64> {
    a.v.as_u64().ok_or_else(|| a.invalid(format!("expected a whole number ≥ 0, found {}", found(a.v))))
}

pub fn u32(a: At) -> Result<u32> {
    let n = u64(a)?;
    u32::try_from(n).map_err(|_| a.invalid(format!("expected a whole number up to {}, found {n}", u32::MAX)))
}

pub fn usize(a: At) -> Result<usize> {
    let n = u64(a)?;
    usize::try_from(n).map_err(|_| a.invalid(format!("{n} is too large")))
}

pub fn bool(a: At) -> Result<bool> {
    a.v.as_bool().ok_or_else(|| a.invalid(format!("expected true or false, found {}", found(a.v))))
}

pub fn string(a: At) -> Result<String> {
    a.v.as_str().map(str::to_owned).ok_or_else(|| a.invalid(format!("expected a string, found {}", found(a.v))))
}

/// A value of a `named!` enum, by its name.
pub fn named<T: Named>(a: At) -> Result<T> {
    Ok(T::ALL[a.choice(T::NAMES)?])
}

/// An object being read: knows its path, and which keys were read, so that unknown keys (a
/// misspelt field) are reported instead of silently ignored. Its methods are not generic over
/// the reader function, so the reader stays small in the web app's bundle.
pub struct Obj<'a> {
    map: &'a [(String, Json)],
    path: String,
    read: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The members in file order.
    pub fn members(&self) -> &'a [(String, Json)] {
        self.map
    }

    /// The field's value and path, or `None` when it is absent; `null` counts as absent
    /// unless `keep_null`.
    pub fn get(&mut self, key: &'static str, keep_null: bool) -> Option<(&'a Json, String)> {
        self.read.push(key);
        match self.map.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
            None => None,
            Some(Json::Null) if !keep_null => None,
            Some(v) => Some((v, join(&self.path, key))),
        }
    }

    /// A field that must be present.
    pub fn req<T>(&mut self, key: &'static str, f: fn(At) -> Result<T>) -> Result<T> {
        match self.get(key, false) {
            Some((v, path)) => f(At { v, path: &path }),
            None => Err(invalid(&self.path, format!("missing field \"{key}\""))),
        }
    }

    /// A field that may be absent (or null).
    pub fn opt<T>(&mut self, key: &'static str, f: fn(At) -> Result<T>) -> Result<Option<T>> {
        match self.get(key, false) {
            Some((v, path)) => f(At { v, path: &path }).map(Some),
            None => Ok(None),
        }
    }

    /// A field where `null` means something (switch off): absent → None, null → Some(None).
    pub fn nullable(&mut self, key: &'static str) -> Result<Option<Option<u64>>> {
        match self.get(key, true) {
            None => Ok(None),
            Some((Json::Null, _)) => Ok(Some(None)),
            Some((v, path)) => u64(At { v, path: &path }).map(|n| Some(Some(n))),
        }
    }

    /// Fails on any key that was not read. The key is named quoted (a stray space shows), with
    /// its control characters escaped and a long one cut.
    pub fn done(self) -> Result<()> {
        match self.map.iter().map(|(k, _)| k).find(|k| !self.read.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => Err(invalid(
                &self.path,
                format!(
                    "unknown field {}; expected one of: {}",
                    crate::json::quoted(k),
                    self.read.iter().map(|r| format!("\"{r}\"")).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
}

/// An object being written, field by field, in the order the format documents them.
#[derive(Default)]
pub struct Fields(Vec<(String, Json)>);

impl Fields {
    pub fn new() -> Fields {
        Fields(Vec::new())
    }

    /// Always written.
    pub fn put(mut self, key: &str, value: impl Into<Json>) -> Fields {
        self.0.push((key.to_string(), value.into()));
        self
    }

    /// Written when present (absent is the default).
    pub fn opt<T: Into<Json>>(self, key: &str, value: Option<T>) -> Fields {
        match value {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    /// Written unless it is `skip` (the default a reader fills in).
    pub fn unless<T: Into<Json> + PartialEq>(self, key: &str, value: T, skip: T) -> Fields {
        if value == skip {
            self
        } else {
            self.put(key, value)
        }
    }

    /// Every field of another object (a tagged variant's own fields, written flat).
    pub fn extend(mut self, other: Fields) -> Fields {
        self.0.extend(other.0);
        self
    }
}

impl From<Fields> for Json {
    fn from(f: Fields) -> Json {
        Json::Object(f.0)
    }
}

/// A list of values.
pub fn list<T>(items: impl IntoIterator<Item = T>, f: impl Fn(T) -> Json) -> Json {
    Json::Array(items.into_iter().map(f).collect())
}

/// Bytes as text when they are UTF-8 (so traces stay readable), else as a list of numbers.
pub fn payload(data: &[u8]) -> Json {
    match std::str::from_utf8(data) {
        Ok(text) => Json::String(text.to_string()),
        Err(_) => list(data.iter(), |b| Json::Number(Number::Whole(u64::from(*b)))),
    }
}

/// Payload bytes as a file gives them: a string (its UTF-8 bytes) or a list of numbers 0–255.
pub fn read_payload(a: At) -> Result<Vec<u8>> {
    fn byte(a: At) -> Result<u8> {
        let n = u64(a)?;
        u8::try_from(n).map_err(|_| a.invalid(format!("a byte is 0–255, found {n}")))
    }
    match a.v {
        Json::String(s) => Ok(s.clone().into_bytes()),
        Json::Array(_) => a.each(byte),
        other => Err(a.invalid(format!("expected a string or a list of bytes, found {}", found(other)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name table: names are unique, and each value reads back from its name.
    #[test]
    fn every_name_is_unique_and_reads_back() {
        fn check<T: Named + PartialEq + std::fmt::Debug>() {
            assert_eq!(T::ALL.len(), T::NAMES.len());
            for (i, name) in T::NAMES.iter().enumerate() {
                assert!(!T::NAMES[..i].contains(name), "{name} twice");
                let json = Json::String(name.to_string());
                assert_eq!(named::<T>(At::root(&json)).unwrap(), T::ALL[i]);
            }
        }
        check::<crate::Host>();
        check::<crate::State>();
        check::<crate::CallKind>();
        check::<crate::CallError>();
        check::<crate::TimerKind>();
        check::<crate::ProfileKind>();
        check::<crate::SegmentKind>();
        check::<crate::FaultKind>();
        check::<crate::LossCause>();
        check::<crate::segment::Flag>();
        check::<crate::ActionKind>();
        check::<crate::Reason>();
        check::<crate::expect::FateSpec>();
        check::<crate::expect::ExpectationKind>();
    }

    #[test]
    fn a_name_that_is_not_in_the_table_is_named_in_the_error() {
        let json = Json::String("fin-wait2".into());
        let e = named::<crate::TimerKind>(At { v: &json, path: "actions[0].timer" }).unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"actions[0].timer: expected one of "retransmission", "time-wait", "fin-wait-2", "delayed-ack", "persist", "loss-probe", found "fin-wait2""#
        );
    }
}
