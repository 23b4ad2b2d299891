//! The parameters a link may carry, for hand-written links and embeds: `preset=S08`,
//! `profile=linux`, `t=1.5s`, `autoplay=1`, `lang=en`, and the embed's `embed=1`,
//! `controls=drop,delay`, `lock=scenario`, `show=log`, `origin=https://course.example`; and the
//! session itself, `s=…` (see `finwait_core::link`). They are read from the query and from the
//! fragment alike (the fragment wins). A parameter finwait does not know, or a value it cannot
//! use, is reported — never silently ignored — and the rest of the link still applies.

use super::embed::{Panel, Panels, Tool, Tools};
use finwait_core::limits::HORIZON_MS;
use finwait_core::scenario::BLANK;
use finwait_core::{named, ProfileKind, Time};
use finwait_messages::Lang;

named! {
    /// A parameter's name.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Key {
        Preset = "preset",
        Profile = "profile",
        Time = "t",
        Autoplay = "autoplay",
        Lang = "lang",
        Embed = "embed",
        Controls = "controls",
        Lock = "lock",
        Show = "show",
        Origin = "origin",
        State = "s",
        /// The interface's stress run (`stress=N` segments), for measuring it.
        Stress = "stress",
        /// A quiz (`quiz=SEED.COUNT[.PRESET]`), in the course build.
        Quiz = "quiz",
    }
}

/// Something in the address that could not be used. The rest of the address still applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamProblem {
    /// A parameter finwait does not read.
    Unknown { key: String },
    /// A value the parameter cannot take; `value` as written.
    BadValue { key: Key, value: String },
}

/// What the address asks for. Absent parameters are `None` (or the full lab's defaults).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// A preset's name or its row (`S08`), or `blank`, as written: it is resolved with the
    /// profile.
    pub preset: Option<String>,
    pub profile: Option<ProfileKind>,
    pub time: Option<Time>,
    pub autoplay: bool,
    pub lang: Option<Lang>,
    pub embed: bool,
    /// The tools a student may use (`controls=`): all of them when absent.
    pub tools: Option<Tools>,
    pub lock_scenario: bool,
    /// The panels below the lab (`show=`).
    pub show: Option<Panels>,
    /// The page allowed to send commands, and to which events are posted.
    pub origin: Option<String>,
    /// A share link's session.
    pub state: Option<String>,
    /// The quiz to take (the course build has the quiz).
    pub quiz: Option<super::quiz_set::QuizSet>,
    pub problems: Vec<ParamProblem>,
}

impl Params {
    /// Reads `search` (`?a=1&b=2`, or empty) and then `fragment` (`#s=…`, or empty).
    pub fn read(search: &str, fragment: &str) -> Params {
        let mut p = Params::default();
        for part in [search.strip_prefix('?').unwrap_or(search), fragment.strip_prefix('#').unwrap_or(fragment)] {
            for pair in part.split('&').filter(|s| !s.is_empty()) {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let (key, value) = (decode(key), decode(value));
                p.take(&key, value);
            }
        }
        p
    }

    fn take(&mut self, key: &str, value: String) {
        let Some(k) = Key::from_name(key) else {
            // A bare fragment naming a preset (`#S08`, `#lost-final-ack`) opens it.
            if value.is_empty() && finwait_core::presets::resolve(key, None).is_some() {
                self.preset = Some(key.to_string());
            } else {
                self.problems.push(ParamProblem::Unknown { key: key.chars().take(40).collect() });
            }
            return;
        };
        let ok = match k {
            Key::Preset => {
                let known = value == BLANK || finwait_core::presets::resolve(&value, None).is_some();
                known.then(|| self.preset = Some(value.clone()))
            }
            Key::Profile => ProfileKind::from_name(&value).map(|p| self.profile = Some(p)),
            Key::Time => parse_time(&value).map(|t| self.time = Some(t)),
            Key::Autoplay => flag(&value).map(|f| self.autoplay = f),
            Key::Lang => Lang::from_code(&value).map(|l| self.lang = Some(l)),
            Key::Embed => flag(&value).map(|f| self.embed = f),
            Key::Controls => list::<Tool>(&value).map(|t| self.tools = Some(Tools::of(&t))),
            Key::Lock => match value.as_str() {
                "scenario" => Some(true),
                "" | "none" => Some(false),
                _ => None,
            }
            .map(|locked| self.lock_scenario = locked),
            Key::Show => list::<Panel>(&value).map(|s| self.show = Some(Panels::of(&s))),
            Key::Origin => origin(&value).map(|o| self.origin = Some(o)),
            Key::State => (!value.is_empty()).then(|| self.state = Some(value.clone())),
            // Read where the stress run is built.
            Key::Stress => Some(()),
            #[cfg(feature = "quiz")]
            Key::Quiz => super::quiz_set::QuizSet::parse(&value).map(|q| self.quiz = Some(q)),
            // A build without the quiz says it cannot take one, rather than ignore it.
            #[cfg(not(feature = "quiz"))]
            Key::Quiz => None,
        };
        if ok.is_none() {
            self.problems.push(ParamProblem::BadValue { key: k, value: value.chars().take(60).collect() });
        }
    }
}

/// `1`, `true`, `yes` or nothing (`embed`) for on; `0`, `false`, `no` for off.
fn flag(value: &str) -> Option<bool> {
    match value {
        "" | "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// A comma-separated list of names (`drop,delay`); empty means none.
fn list<T: finwait_core::wire::Named>(value: &str) -> Option<Vec<T>> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| T::NAMES.iter().position(|n| *n == s).map(|i| T::ALL[i]))
        .collect()
}

/// A time as people write it in a link: `150` or `150ms`, `1.5s`, `4min`. Whole-number
/// arithmetic only (no float parsing in the bundle), rounded to the millisecond.
pub fn parse_time(value: &str) -> Option<Time> {
    let v = value.trim();
    let (number, scale) = if let Some(n) = v.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = v.strip_suffix("min") {
        (n, 60_000)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1_000)
    } else {
        (v, 1)
    };
    let (whole, fraction) = number.trim().split_once('.').unwrap_or((number.trim(), ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let fraction_ms = match fraction {
        "" => 0,
        f => {
            let denominator = 10u64.pow(f.len() as u32);
            (f.parse::<u64>().ok()? * scale + denominator / 2) / denominator
        }
    };
    let ms = whole.checked_mul(scale)?.checked_add(fraction_ms)?;
    (ms <= HORIZON_MS).then_some(Time(ms))
}

/// An origin as `postMessage` compares them: `https://host[:port]`, without a path.
fn origin(value: &str) -> Option<String> {
    let v = value.trim_end_matches('/');
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"))?;
    let valid =
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    valid.then(|| v.to_ascii_lowercase())
}

/// Undoes percent-encoding (and `+` for a space); a broken escape is kept as written.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_written_link_is_read() {
        let p = Params::read("?preset=S08&profile=linux&t=1.5s&autoplay=1", "");
        assert_eq!(p.preset.as_deref(), Some("S08"));
        assert_eq!(p.profile, Some(ProfileKind::Linux));
        assert_eq!(p.time, Some(Time(1_500)));
        assert!(p.autoplay && !p.embed);
        assert!(p.problems.is_empty());
    }

    #[test]
    fn an_embed_with_locks_is_read() {
        let p = Params::read(
            "?embed=1&controls=drop,delay&lock=scenario&show=log&origin=https%3A%2F%2FCourse.example.edu%2F",
            "#s=AQAH",
        );
        assert!(p.embed && p.lock_scenario);
        let tools = p.tools.unwrap();
        assert!(tools.contains(Tool::Drop) && tools.contains(Tool::Delay) && !tools.contains(Tool::Calls));
        assert!(p.show.unwrap().contains(Panel::Log) && !p.show.unwrap().contains(Panel::Network));
        assert_eq!(p.origin.as_deref(), Some("https://course.example.edu"));
        assert_eq!(p.state.as_deref(), Some("AQAH"));
    }

    #[test]
    fn the_fragment_wins_and_a_bare_preset_opens() {
        let p = Params::read("?t=100", "#t=200");
        assert_eq!(p.time, Some(Time(200)));
        assert_eq!(Params::read("", "#S08").preset.as_deref(), Some("S08"));
        assert_eq!(Params::read("", "#lost-final-ack").preset.as_deref(), Some("lost-final-ack"));
    }

    #[test]
    fn what_cannot_be_used_is_reported_and_the_rest_applies() {
        let p =
            Params::read("?scenario=S08&profile=bsd&t=-3&controls=drop,fly&origin=javascript:alert(1)&preset=S99", "");
        assert_eq!(
            p.problems,
            vec![
                ParamProblem::Unknown { key: "scenario".into() },
                ParamProblem::BadValue { key: Key::Profile, value: "bsd".into() },
                ParamProblem::BadValue { key: Key::Time, value: "-3".into() },
                ParamProblem::BadValue { key: Key::Controls, value: "drop,fly".into() },
                ParamProblem::BadValue { key: Key::Origin, value: "javascript:alert(1)".into() },
                ParamProblem::BadValue { key: Key::Preset, value: "S99".into() },
            ]
        );
        assert_eq!((p.profile, p.time, p.tools, p.origin, p.preset), (None, None, None, None, None));
    }

    #[test]
    fn times_as_people_write_them() {
        for (text, ms) in
            [("150", 150), ("150ms", 150), ("1.5s", 1_500), ("4min", 240_000), ("0", 0), ("2.25 s", 2_250)]
        {
            assert_eq!(parse_time(text), Some(Time(ms)), "{text}");
        }
        assert_eq!(parse_time("1.0005s"), Some(Time(1_001)), "rounded to the millisecond");
        for text in ["", "s", ".5s", "1e3", "-1", "NaN", "inf", "1.2.3", "25h", "99999999999", "1.0000000001s"] {
            assert_eq!(parse_time(text), None, "{text}");
        }
    }

    #[test]
    fn escapes_are_undone_and_broken_ones_kept() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%E2%9C%95"), "✕");
    }
}
