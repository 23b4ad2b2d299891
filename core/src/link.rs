//! A lab session in a share link: which scenario (a preset's name, or a whole scenario), the
//! TCP profile in force, the user's own actions with their times, how far the run was computed,
//! the moment being looked at and the hosts' names. Opening the link runs the same scenario
//! with the same actions to the same head, so the trace is the same, event for event.
//!
//! The text is `base64url(format, packing, body)`: `format` is `LINK_FORMAT` (a link from a
//! newer finwait says so instead of failing somewhere inside), `packing` says whether the body
//! is deflated (raw DEFLATE, RFC 1951 — the browser's `CompressionStream("deflate-raw")`), and
//! the body is the session's JSON, packed (`pack`). Everything here is pure; the browser does
//! the deflating.

use crate::base64url::{self, Base64Error};
use crate::host::Host;
use crate::json::Json;
use crate::limits;
use crate::pack::{self, PackError};
use crate::presets;
use crate::profile::ProfileKind;
use crate::scenario::{Scenario, ScenarioError, TimedAction, BLANK};
use crate::time::Time;
use crate::wire::{self, At, Fields};

/// The link format this build reads and writes.
pub const LINK_FORMAT: u8 = 1;

/// Strings a link packs as one byte each: the session's keys, the usual names of actions and
/// their fields, and the presets. **Append only**: a link refers to these by position, so
/// changing or removing an entry changes what every link already shared says
/// (`the_dictionary_only_grows` holds its first entries fixed).
const DICTIONARY: &[&str] = &[
    // The session's keys, then a timed action's.
    "preset",
    "scenario",
    "profile",
    "actions",
    "head",
    "t",
    "names",
    "at",
    "do",
    "separate",
    // Hosts, profiles.
    "host",
    "A",
    "B",
    "rfc9293",
    "linux",
    // Actions, then their fields.
    "connect",
    "listen",
    "send",
    "read",
    "shutdown",
    "close",
    "abort",
    "drop",
    "delay",
    "duplicate",
    "hold",
    "release",
    "reorder",
    "rule",
    "clear-rules",
    "inject",
    "latency",
    "fire-timer",
    "segment",
    "by_ms",
    "bytes",
    "text",
    "max",
    "first",
    "second",
    "timer",
    "flags",
    "seq",
    "ack",
    "wnd",
    "data",
    "ms",
    "from",
    "isn",
    "hi",
    // Timers, flags.
    "retransmission",
    "time-wait",
    "fin-wait-2",
    "delayed-ack",
    "persist",
    "SYN",
    "ACK",
    "FIN",
    "RST",
    // The presets.
    "active-close",
    "three-segment-close",
    "simultaneous-close",
    "half-close",
    "lost-fin",
    "fin-backoff",
    "lost-ack-of-fin",
    "lost-final-ack",
    "time-wait-too-short",
    "data-overtaken-by-fin",
    "data-lost-fin-waits",
    "fin-carries-data",
    "close-with-unread-data-linux",
    "close-with-unread-data-rfc",
    "close-wait-leak-linux",
    "close-wait-leak-rfc",
    "shutdown-is-not-orphaning",
    "rst-in-time-wait-linux",
    "rst-in-time-wait-rfc",
    "rst-in-time-wait-rfc1337",
    "rst-in-fin-wait-2-exact",
    "rst-in-fin-wait-2-in-window",
    "rst-in-fin-wait-2-outside",
    "duplicated-fin-in-time-wait-linux-rfc1337",
    "duplicated-fin-in-time-wait-linux",
    "duplicated-fin-in-time-wait-rfc",
    "duplicated-fin-in-time-wait-rfc1337",
    "retransmission-gives-up-linux",
    "retransmission-gives-up-rfc",
    "close-twice",
    "abort-linux",
    "abort-rfc",
    "ack-on-data",
    "old-duplicate-no-time-wait",
    "old-duplicate-time-wait",
    // The lab's open connection.
    "blank",
    // The Linux profile's tail-loss probe timer, and the presets added with it.
    "loss-probe",
    "request-response-quick-ack-linux",
    "lost-fin-tail-loss-probe-linux",
    "last-ack-nothing-acknowledged-linux",
    "orphan-retries-2-linux",
    "close-after-reset-linux",
    "close-after-reset-rfc",
];

/// Which scenario a session runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A built-in scenario, by its name (`lost-final-ack`, or `blank` for the lab's open
    /// connection): the link stays short, and opens the preset as this build has it.
    Preset(String),
    /// Any other scenario, whole.
    Scenario(Box<Scenario>),
}

/// A session as a link carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    pub source: Source,
    /// The profile in force (a preset may be run under the other one).
    pub profile: ProfileKind,
    /// The user's actions, in time order.
    pub user: Vec<TimedAction>,
    /// How far the run was computed: its trace ends here.
    pub head: Time,
    /// The moment being looked at (the start when absent).
    pub cursor: Option<Time>,
    /// The names the user gave the hosts (the usual names when absent).
    pub names: [Option<String>; 2],
}

/// How the body is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packing {
    Plain,
    /// Raw DEFLATE (RFC 1951), used when it makes the link shorter.
    Deflated,
}

/// Why a link cannot be opened. Each says what is wrong, for the message the user sees.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// Longer than any link finwait writes.
    TooLong { chars: usize },
    /// Not base64url: cut short, or a character that does not belong.
    NotBase64(Base64Error),
    /// Too short to say which format it is in.
    TooShort,
    /// Written by a newer finwait.
    NewerFormat { format: u8 },
    /// A packing this build does not know.
    UnknownPacking { packing: u8 },
    /// The deflated body does not inflate (the browser reports this one).
    NotDeflate,
    /// The body is damaged (truncated or changed).
    Damaged(PackError),
    /// The body reads, but what it says is not a valid session (boxed: a small error keeps
    /// the readers small).
    Invalid(Box<ScenarioError>),
    /// A preset this build does not have.
    UnknownPreset(String),
}

/// A link's outer layer, opened: how the body is stored, and the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub packing: Packing,
    pub body: Vec<u8>,
}

impl Envelope {
    /// The link's text.
    pub fn to_text(&self) -> String {
        let packing = match self.packing {
            Packing::Plain => 0,
            Packing::Deflated => 1,
        };
        let mut bytes = Vec::with_capacity(self.body.len() + 2);
        bytes.extend_from_slice(&[LINK_FORMAT, packing]);
        bytes.extend_from_slice(&self.body);
        base64url::encode(&bytes)
    }

    /// Opens a link's text; the body still has to be inflated (when deflated) and read.
    pub fn open(text: &str) -> Result<Envelope, LinkError> {
        let chars = text.chars().count();
        if chars > limits::LINK_CHARS {
            return Err(LinkError::TooLong { chars });
        }
        let bytes = base64url::decode(text).map_err(LinkError::NotBase64)?;
        let (&[format, packing], body) = bytes.split_first_chunk::<2>().ok_or(LinkError::TooShort)?;
        if format != LINK_FORMAT {
            return Err(if format > LINK_FORMAT { LinkError::NewerFormat { format } } else { LinkError::TooShort });
        }
        let packing = match packing {
            0 => Packing::Plain,
            1 => Packing::Deflated,
            packing => return Err(LinkError::UnknownPacking { packing }),
        };
        Ok(Envelope { packing, body: body.to_vec() })
    }
}

impl Shared {
    /// The session's body, packed (not yet deflated).
    pub fn to_body(&self) -> Vec<u8> {
        pack::pack(&self.to_json(), DICTIONARY)
    }

    /// A plain (not deflated) link's text: what the command line writes.
    pub fn to_plain_text(&self) -> String {
        Envelope { packing: Packing::Plain, body: self.to_body() }.to_text()
    }

    /// Reads a session from its (inflated) body, and checks that it can be opened: the preset
    /// exists, a scenario given whole is valid, the actions are in time order.
    pub fn from_body(body: &[u8]) -> Result<Shared, LinkError> {
        let json = pack::unpack(body, DICTIONARY).map_err(LinkError::Damaged)?;
        let shared = Shared::read(At::root(&json)).map_err(LinkError::Invalid)?;
        shared.scenario()?;
        Ok(shared)
    }

    /// A plain link's text, read. A deflated one is refused as `NotDeflate` (only the browser
    /// inflates).
    pub fn from_plain_text(text: &str) -> Result<Shared, LinkError> {
        let envelope = Envelope::open(text)?;
        match envelope.packing {
            Packing::Plain => Shared::from_body(&envelope.body),
            Packing::Deflated => Err(LinkError::NotDeflate),
        }
    }

    /// The scenario the session runs, under the profile in force.
    pub fn scenario(&self) -> Result<Scenario, LinkError> {
        let base = match &self.source {
            Source::Preset(name) if name == BLANK => Scenario::blank(),
            Source::Preset(name) => presets::find(name)
                .ok_or_else(|| LinkError::UnknownPreset(name.clone()))?
                .scenario()
                .map_err(|e| LinkError::Invalid(Box::new(e)))?,
            Source::Scenario(s) => {
                s.validate().map_err(|e| LinkError::Invalid(Box::new(e)))?;
                (**s).clone()
            }
        };
        Ok(Scenario { profile: self.profile, ..base })
    }

    /// `{"preset": "lost-final-ack", "profile": "linux", "actions": […], "head": 5200,
    /// "t": 150, "names": ["alice", null]}`.
    pub fn to_json(&self) -> Json {
        let fields = match &self.source {
            Source::Preset(name) => Fields::new().put("preset", name.as_str()),
            Source::Scenario(s) => Fields::new().put("scenario", s.to_json()),
        };
        let names = self
            .names
            .iter()
            .any(Option::is_some)
            .then(|| wire::list(&self.names, |n| n.as_ref().map_or(Json::Null, |n| Json::String(n.clone()))));
        fields
            .put("profile", self.profile)
            .opt("actions", (!self.user.is_empty()).then(|| wire::list(&self.user, TimedAction::to_json)))
            .put("head", self.head)
            .opt("t", self.cursor)
            .opt("names", names)
            .into()
    }

    fn read(a: At) -> wire::Result<Shared> {
        let mut o = a.object()?;
        let preset = o.opt("preset", wire::string)?;
        let scenario = o.opt("scenario", Scenario::read)?;
        let source = match (preset, scenario) {
            (Some(name), None) => Source::Preset(name),
            (None, Some(s)) => Source::Scenario(Box::new(s)),
            _ => return Err(a.invalid("expected exactly one of \"preset\" and \"scenario\"")),
        };
        let profile = o.req("profile", wire::named::<ProfileKind>)?;
        let user = o.opt("actions", |a| a.each(TimedAction::read))?.unwrap_or_default();
        if let Some(i) = (1..user.len()).find(|&i| user[i].at < user[i - 1].at) {
            return Err(wire::invalid(&format!("actions[{i}].at"), "actions must be in time order"));
        }
        let head = o.req("head", read_time)?;
        let cursor = o.opt("t", read_time)?.map(|t| t.min(head));
        let names = o.opt("names", read_names)?.unwrap_or_default();
        o.done()?;
        Ok(Shared { source, profile, user, head, cursor, names })
    }
}

/// A time within the longest run.
fn read_time(a: At) -> wire::Result<Time> {
    let ms = wire::u64(a)?;
    if ms > limits::HORIZON_MS {
        return Err(a.invalid(format!("must be at most {}", limits::HORIZON_MS)));
    }
    Ok(Time(ms))
}

/// `[name of A or null, name of B or null]`.
fn read_names(a: At) -> wire::Result<[Option<String>; 2]> {
    fn name(a: At) -> wire::Result<Option<String>> {
        if matches!(a.v, Json::Null) {
            return Ok(None);
        }
        let n = wire::string(a)?;
        if n.chars().count() > limits::NAME_CHARS {
            return Err(a.invalid(format!("a host's name is at most {} characters", limits::NAME_CHARS)));
        }
        Ok(Some(n))
    }
    let list = a.each(name)?;
    match <[Option<String>; 2]>::try_from(list) {
        Ok(names) => Ok(names),
        Err(_) => Err(a.invalid(format!("expected a name for each of {} and {}", Host::A, Host::B))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::network::SegmentId;
    use crate::presets::PRESETS;
    use crate::run::{OnInvalid, Runner};

    fn user_drop(at: u64, id: u32) -> TimedAction {
        TimedAction { at, action: Action::Drop { segment: SegmentId(id) }, separate: true }
    }

    fn sample() -> Shared {
        Shared {
            source: Source::Preset("active-close".into()),
            profile: ProfileKind::Linux,
            user: vec![
                user_drop(20, 1),
                TimedAction { at: 900, action: Action::Close { host: Host::B }, separate: true },
            ],
            head: Time(5_000),
            cursor: Some(Time(150)),
            names: [Some("alice".into()), None],
        }
    }

    #[test]
    fn a_session_round_trips_through_its_text() {
        let s = sample();
        let text = s.to_plain_text();
        assert!(text.len() < 120, "{} characters: {text}", text.len());
        assert_eq!(Shared::from_plain_text(&text).unwrap(), s);
        // A whole scenario, too.
        let whole = Shared { source: Source::Scenario(Box::new(PRESETS[4].scenario().unwrap())), ..sample() };
        assert_eq!(Shared::from_plain_text(&whole.to_plain_text()).unwrap(), whole);
    }

    /// The link runs the same trace as the session it came from: the same scenario and actions,
    /// computed to the same head.
    #[test]
    fn every_preset_opens_to_the_same_trace() {
        for p in PRESETS {
            let s = Shared { source: Source::Preset(p.name.into()), user: vec![user_drop(0, 1)], ..sample() };
            let opened = Shared::from_plain_text(&s.to_plain_text()).unwrap();
            let run = |s: &Shared| {
                let scenario = s.scenario().unwrap();
                let mut script = scenario.actions.clone();
                script.extend(s.user.iter().cloned());
                script.sort_by_key(|a| a.at);
                let mut r = Runner::new(&scenario, script, OnInvalid::Skip);
                let _ = r.run_to(s.head);
                r.trace().clone()
            };
            assert_eq!(run(&opened), run(&s), "{}", p.name);
        }
    }

    #[test]
    fn what_is_wrong_with_a_link_is_named() {
        let text = sample().to_plain_text();
        assert_eq!(Envelope::open(""), Err(LinkError::TooShort));
        assert_eq!(Envelope::open("AQ"), Err(LinkError::TooShort));
        assert!(matches!(Envelope::open("A*"), Err(LinkError::NotBase64(Base64Error::BadCharacter { at: 1 }))));
        let newer = base64url::encode(&[2, 0, 0]);
        assert_eq!(Envelope::open(&newer), Err(LinkError::NewerFormat { format: 2 }));
        assert_eq!(Envelope::open(&base64url::encode(&[1, 7])), Err(LinkError::UnknownPacking { packing: 7 }));
        assert!(matches!(Shared::from_plain_text(&text[..text.len() - 4]), Err(LinkError::Damaged(_))));
        assert_eq!(
            Envelope::open(&"A".repeat(limits::LINK_CHARS + 1)),
            Err(LinkError::TooLong { chars: limits::LINK_CHARS + 1 })
        );
        let unknown = Shared { source: Source::Preset("no-such-preset".into()), ..sample() };
        assert_eq!(
            Shared::from_plain_text(&unknown.to_plain_text()),
            Err(LinkError::UnknownPreset("no-such-preset".into()))
        );
        let deflated = Envelope { packing: Packing::Deflated, body: vec![1, 2, 3] }.to_text();
        assert_eq!(Shared::from_plain_text(&deflated), Err(LinkError::NotDeflate));
    }

    #[test]
    fn a_link_that_reads_but_says_something_impossible_is_refused() {
        let bad = |json: &str| {
            let body = pack::pack(&crate::json::parse(json).unwrap(), DICTIONARY);
            Shared::from_body(&body).unwrap_err()
        };
        let msg = |e: LinkError| match e {
            LinkError::Invalid(e) => e.to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            msg(bad(r#"{"preset": "active-close", "profile": "linux", "head": 99999999999}"#)),
            "head: must be at most 86400000"
        );
        assert_eq!(
            msg(bad(r#"{"profile": "linux", "head": 0}"#)),
            "expected exactly one of \"preset\" and \"scenario\""
        );
        assert_eq!(
            msg(bad(r#"{"preset": "active-close", "profile": "linux", "head": 0, "actions": [
                    {"at": 9, "do": "close", "host": "A"}, {"at": 3, "do": "close", "host": "B"}]}"#)),
            "actions[1].at: actions must be in time order"
        );
        assert_eq!(
            msg(bad(r#"{"preset": "active-close", "profile": "linux", "head": 0, "names": ["a"]}"#)),
            "names: expected a name for each of A and B"
        );
    }

    /// Links already shared refer to the dictionary's entries by position.
    #[test]
    fn the_dictionary_only_grows() {
        const FIRST: usize = 94;
        let fnv = DICTIONARY[..FIRST]
            .iter()
            .flat_map(|s| s.bytes().chain([0]))
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        assert_eq!(
            (DICTIONARY.len() >= FIRST, fnv),
            (true, 1_289_104_889_237_690_789),
            "the first {FIRST} entries changed"
        );
        for (i, s) in DICTIONARY.iter().enumerate() {
            assert!(!DICTIONARY[..i].contains(s), "{s} twice");
        }
        // Every preset and action has its entry.
        for name in PRESETS.iter().map(|p| p.name).chain(crate::ActionKind::NAMES.iter().copied()).chain([BLANK]) {
            assert!(DICTIONARY.contains(&name), "{name} is not in the dictionary");
        }
    }

    /// Whatever a damaged link holds, opening it gives a session or an error — never a panic.
    #[test]
    fn damaged_links_never_panic() {
        let text =
            Shared { source: Source::Scenario(Box::new(PRESETS[9].scenario().unwrap())), ..sample() }.to_plain_text();
        let bytes = base64url::decode(&text).unwrap();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..5_000 {
            let mut b = bytes.clone();
            let n = b.len() as u64;
            match next() % 3 {
                0 => b.truncate((next() % n) as usize),
                1 => b[(next() % n) as usize] = next() as u8,
                _ => {
                    let i = (2 + next() % (n - 2)) as usize;
                    b.insert(i, next() as u8);
                }
            }
            let _ = Shared::from_plain_text(&base64url::encode(&b));
        }
    }
}
