//! The messages between finwait in a frame and the course page around it (docs/embedding.md),
//! as JSON values: pure, so that every message and every command is tested natively.
//!
//! Out, each `{"source": "finwait", "version": 1, "type": …}`: `ready`, `stateChanged`,
//! `segment`, `resize`, and replies to commands (`state`, `done`, `error`). In, each
//! `{"target": "finwait", "version": 1, "type": …, "id": …}`: `getState`, `setState`,
//! `loadScenario`, `reset`, `play`, `pause`, `step`, `seek`, `setLang`.

use crate::address::params::parse_time;
use finwait_core::json::{self, Json};
use finwait_core::trace::{EventKind, Fate, SegmentRecord, Trace};
use finwait_core::{named, Host, Reason, Scenario, State, Time};
use finwait_messages::{cited_reason, Lang};

/// The protocol's version: in every message, and checked in every command.
pub const VERSION: u64 = 1;

/// A value in a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(u64),
    Text(String),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Number(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

/// A message to the page: one flat object, so that it is cheap to build in the browser and
/// easy to read in the page's script.
#[derive(Clone, Debug, PartialEq)]
pub struct Message(pub Vec<(&'static str, Value)>);

impl Message {
    /// A message of `kind`, from finwait.
    fn new(kind: &str) -> Message {
        Message(vec![("source", "finwait".into()), ("version", VERSION.into()), ("type", kind.into())])
    }

    fn with(mut self, key: &'static str, value: impl Into<Value>) -> Message {
        self.0.push((key, value.into()));
        self
    }

    /// The value of `key`, if the message has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The text of `key` (empty when it is not text).
    pub fn text(&self, key: &str) -> &str {
        match self.get(key) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }
}

/// The lab has opened: what it shows.
pub fn ready(scenario: &str, profile: &str, states: [State; 2], at: Time) -> Message {
    Message::new("ready")
        .with("scenario", scenario)
        .with("profile", profile)
        .with("A", states[0].name())
        .with("B", states[1].name())
        .with("time", at.ms())
}

/// A quiz question was answered (shaped like an xAPI statement's result: the response, its
/// success, the score so far): question `number` (from 1) of `of`.
pub fn answered(number: usize, of: usize, question: &str, response: &str, success: bool, score: usize) -> Message {
    Message::new("answered")
        .with("question", number as u64)
        .with("of", of as u64)
        .with("text", question)
        .with("response", response)
        .with("success", success)
        .with("score", score as u64)
}

/// A quiz was finished: its set (`quiz=` as written) and the score, raw and scaled.
pub fn completed(quiz: &str, score: usize, of: usize) -> Message {
    Message::new("completed")
        .with("quiz", quiz)
        .with("score", score as u64)
        .with("of", of as u64)
        .with("success", score * 2 >= of)
        .with("percent", (score * 100 / of.max(1)) as u64)
}

/// A host changed state. `reason` is `None` when the lab jumped (back in time, another
/// scenario) rather than stepped through the change.
pub fn state_changed(
    host: Host,
    from: State,
    to: State,
    reason: Option<Reason>,
    at: Time,
    user: bool,
    lang: Lang,
) -> Message {
    let (reason, rule) = match reason {
        Some(r) => (Value::from(r.name()), Value::Text(cited_reason(lang, r))),
        None => (Value::Null, Value::Null),
    };
    Message::new("stateChanged")
        .with("host", host.name())
        .with("from", from.name())
        .with("to", to.name())
        .with("reason", reason)
        .with("rule", rule)
        .with("time", at.ms())
        .with("userInitiated", user)
}

/// A segment was sent, or its fate was settled: with its fate as of `at` (in flight until it
/// arrives or is lost).
pub fn segment(record: &SegmentRecord, at: Time, user: bool) -> Message {
    let (fate, when) = match record.fate {
        Fate::Arrived { at: t } | Fate::Lost { at: t, .. } if t > at => ("in-flight", Some(t)),
        Fate::InFlight { arrives } => ("in-flight", Some(arrives)),
        Fate::Held => ("held", None),
        Fate::Arrived { at: t } => ("arrived", Some(t)),
        Fate::Lost { at: t, .. } => ("lost", Some(t)),
    };
    let seg = &record.segment;
    Message::new("segment")
        .with("id", u64::from(record.id.0))
        .with("from", record.from.name())
        .with("flags", seg.flags.to_string().as_str())
        .with("seq", u64::from(seg.seq.0))
        .with("ack", u64::from(seg.ack.0))
        .with("len", seg.data.len() as u64)
        .with("sent", record.sent_at.ms())
        .with("fate", fate)
        .with("fateTime", when.map_or(Value::Null, |t| Value::Number(t.ms())))
        .with("userInitiated", user)
}

/// The content's height, for a page that sizes the frame to it.
pub fn resize(height: u64) -> Message {
    Message::new("resize").with("height", height)
}

/// The same for Canvas, which listens for its own message.
pub fn canvas_resize(height: u64) -> Message {
    Message(vec![("subject", "lti.frameResize".into()), ("height", height.into())])
}

/// The reply to `getState`: the session as a share link's state (what `setState` takes).
pub fn state_reply(id: &Value, state: &str, url: &str) -> Message {
    Message::new("state").with("id", id.clone()).with("state", state).with("url", url)
}

/// A command was carried out.
pub fn done(id: &Value, command: &str) -> Message {
    Message::new("done").with("id", id.clone()).with("command", command)
}

/// A command could not be carried out, and why.
pub fn error(id: &Value, command: &str, why: &str) -> Message {
    Message::new("error").with("id", id.clone()).with("command", command).with("message", why)
}

/// What happened as the cursor moved forward from `from` to `to` on the same run: each state
/// change and each segment sent or settled, in order.
pub fn crossed(trace: &Trace, from: Time, to: Time, user: bool, lang: Lang) -> Vec<Message> {
    let start = trace.events.partition_point(|e| e.at <= from);
    let end = trace.events.partition_point(|e| e.at <= to);
    let events = &trace.events[start..end];
    let about_segments = events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Segment { .. } | EventKind::Arrived { .. } | EventKind::Lost { .. }));
    let records = if about_segments { trace.segments() } else { Vec::new() };
    let record = |id| records.iter().find(|r| r.id == id);
    let mut out = Vec::new();
    for e in events {
        match &e.kind {
            EventKind::State { host, from, to, reason } => {
                out.push(state_changed(*host, *from, *to, Some(*reason), e.at, user, lang))
            }
            EventKind::Segment { id, .. } | EventKind::Arrived { id, .. } | EventKind::Lost { id, .. } => {
                if let Some(r) = record(*id) {
                    out.push(segment(r, e.at, user));
                }
            }
            EventKind::Start { .. }
            | EventKind::Call { .. }
            | EventKind::RuleApplied { .. }
            | EventKind::Rescheduled { .. }
            | EventKind::Verdict { .. }
            | EventKind::Delivered { .. }
            | EventKind::Timer { .. }
            | EventKind::Notice { .. }
            | EventKind::RuleAdded { .. }
            | EventKind::RulesCleared
            | EventKind::Latency { .. } => {}
        }
    }
    out
}

named! {
    /// A command's name.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum CommandKind {
        GetState = "getState",
        SetState = "setState",
        LoadScenario = "loadScenario",
        Reset = "reset",
        Play = "play",
        Pause = "pause",
        Step = "step",
        Seek = "seek",
        SetLang = "setLang",
    }
}

/// A command from the course page.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    GetState,
    /// A share link's state (`s=…`), or a whole link that holds one.
    SetState {
        state: String,
    },
    LoadScenario {
        scenario: Box<Scenario>,
    },
    /// Back to the start of the run.
    Reset,
    Play,
    Pause,
    Step,
    Seek {
        at: Time,
    },
    SetLang {
        lang: Lang,
    },
}

/// A command with the `id` its reply will carry (`null` when none was given).
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub id: Value,
    pub kind: CommandKind,
    pub command: Command,
}

/// Why a message to the lab was not taken as a command.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Not addressed to finwait (another tool's message on the same page): ignored quietly.
    NotForUs,
    /// Addressed to finwait, but not a command it can carry out; the reply says why.
    Bad { id: Value, command: String, why: String },
}

impl Request {
    /// Reads a command from the JSON text of a message's data.
    pub fn read(text: &str) -> Result<Request, Refusal> {
        let v = json::parse(text).map_err(|_| Refusal::NotForUs)?;
        if v.get("target").and_then(Json::as_str) != Some("finwait") {
            return Err(Refusal::NotForUs);
        }
        let id = match v.get("id") {
            Some(Json::String(s)) => Value::Text(s.clone()),
            Some(n) => n.as_u64().map_or(Value::Null, Value::Number),
            None => Value::Null,
        };
        let command = v.get("type").and_then(Json::as_str).unwrap_or_default().to_string();
        let bad = |why: String| Refusal::Bad { id: id.clone(), command: command.clone(), why };
        match v.get("version").and_then(Json::as_u64) {
            Some(VERSION) => {}
            other => {
                return Err(bad(format!(
                    "this finwait speaks version {VERSION} of the protocol; the message says {}",
                    other.map_or("none".into(), |n| n.to_string())
                )))
            }
        }
        let kind = CommandKind::from_name(&command)
            .ok_or_else(|| bad(format!("unknown command; expected one of {}", CommandKind::NAMES.join(", "))))?;
        let field = |key: &str| v.get(key);
        let command = match kind {
            CommandKind::GetState => Command::GetState,
            CommandKind::SetState => {
                let s = field("state")
                    .and_then(Json::as_str)
                    .ok_or_else(|| bad("expected \"state\": a link's state".into()))?;
                Command::SetState { state: state_of(s).to_string() }
            }
            CommandKind::LoadScenario => {
                let scenario = match field("scenario") {
                    Some(Json::String(text)) => Scenario::from_json(text),
                    Some(obj @ Json::Object(_)) => Scenario::from_value(obj),
                    _ => return Err(bad("expected \"scenario\": a scenario (an object, or its JSON text)".into())),
                }
                .map_err(|e| bad(e.to_string()))?;
                Command::LoadScenario { scenario: Box::new(scenario) }
            }
            CommandKind::Reset => Command::Reset,
            CommandKind::Play => Command::Play,
            CommandKind::Pause => Command::Pause,
            CommandKind::Step => Command::Step,
            CommandKind::Seek => {
                let at = match field("t") {
                    Some(Json::String(s)) => parse_time(s),
                    Some(n) => n.as_u64().and_then(|ms| parse_time(&ms.to_string())),
                    None => None,
                };
                Command::Seek { at: at.ok_or_else(|| bad("expected \"t\": a time in ms, or like \"1.5s\"".into()))? }
            }
            CommandKind::SetLang => {
                let lang = field("lang").and_then(Json::as_str).and_then(Lang::from_code);
                Command::SetLang { lang: lang.ok_or_else(|| bad("expected \"lang\": a language finwait has".into()))? }
            }
        };
        Ok(Request { id, kind, command })
    }
}

/// The state in a link: the value of its last `s=` when given a whole link, else the text
/// itself.
fn state_of(text: &str) -> &str {
    text.split(['#', '?', '&']).rev().find_map(|part| part.strip_prefix("s=")).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::presets::PRESETS;

    fn read(text: &str) -> Result<Request, Refusal> {
        Request::read(text)
    }

    #[test]
    fn commands_are_read() {
        let r = read(r#"{"target": "finwait", "version": 1, "type": "seek", "t": "1.5s", "id": 7}"#).unwrap();
        assert_eq!((r.id, r.command), (Value::Number(7), Command::Seek { at: Time(1_500) }));
        let r = read(r#"{"target": "finwait", "version": 1, "type": "seek", "t": 250}"#).unwrap();
        assert_eq!((r.id, r.command), (Value::Null, Command::Seek { at: Time(250) }));
        let r = read(r#"{"target": "finwait", "version": 1, "type": "setState", "state": "https://x.example/?embed=1#s=AQAB&t=1"}"#)
            .unwrap();
        assert_eq!(r.command, Command::SetState { state: "AQAB".into() });
        let scenario = PRESETS[2].scenario().unwrap();
        let text = format!(
            r#"{{"target": "finwait", "version": 1, "type": "loadScenario", "scenario": {}}}"#,
            scenario.to_json().to_compact()
        );
        assert_eq!(read(&text).unwrap().command, Command::LoadScenario { scenario: Box::new(scenario) });
        for (kind, command) in
            [("play", Command::Play), ("pause", Command::Pause), ("step", Command::Step), ("reset", Command::Reset)]
        {
            let text = format!(r#"{{"target": "finwait", "version": 1, "type": "{kind}"}}"#);
            assert_eq!(read(&text).unwrap().command, command);
        }
    }

    #[test]
    fn other_messages_are_not_ours_and_bad_commands_say_why() {
        assert_eq!(read("not json"), Err(Refusal::NotForUs));
        assert_eq!(read(r#"{"context": "h5p", "action": "hello"}"#), Err(Refusal::NotForUs));
        let why = |text: &str| match read(text) {
            Err(Refusal::Bad { why, .. }) => why,
            other => panic!("{other:?}"),
        };
        assert!(why(r#"{"target": "finwait", "version": 2, "type": "play"}"#).contains("version 1"));
        assert!(why(r#"{"target": "finwait", "version": 1, "type": "fly"}"#).contains("getState"));
        assert!(why(r#"{"target": "finwait", "version": 1, "type": "seek", "t": "soon"}"#).contains("\"t\""));
        assert!(why(r#"{"target": "finwait", "version": 1, "type": "loadScenario", "scenario": {"version": 9}}"#)
            .contains("version"));
    }

    /// Stepping through S01 tells the page of each state change and segment, in order.
    #[test]
    fn the_page_hears_what_the_cursor_crossed() {
        let run = PRESETS[0].scenario().unwrap().run().unwrap();
        let messages = crossed(&run.trace, Time::ZERO, Time(60), true, Lang::En);
        let kinds: Vec<(String, String)> = messages
            .iter()
            .map(|m| {
                let kind = m.text("type").to_string();
                let what = if kind == "stateChanged" {
                    format!("{} {}", m.text("host"), m.text("to"))
                } else {
                    m.text("from").into()
                };
                (kind, what)
            })
            .collect();
        assert_eq!(
            kinds,
            [("segment", "A"), ("stateChanged", "B CLOSE-WAIT"), ("segment", "B")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        // What happened at 0 ms was already shown. The FIN has arrived as the cursor crosses its
        // arrival; B's ACK is in flight as it is sent.
        let fate = |i: usize| messages[i].text("fate");
        assert_eq!((fate(0), fate(2)), ("arrived", "in-flight"));
        assert_eq!((messages[0].text("flags"), messages[0].get("fateTime")), ("FIN,ACK", Some(&Value::Number(50))));
        let change = &messages[1];
        assert!(change.text("rule").starts_with("RFC 9293"), "{change:?}");
        assert_eq!(change.get("userInitiated"), Some(&Value::Bool(true)));
        assert_eq!(change.text("source"), "finwait");
    }
}
