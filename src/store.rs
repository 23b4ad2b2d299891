//! The app's one state store: a reducer over a lab `Session` (the core's simulation, the
//! user's actions, the computed trace) plus what the interface itself remembers: the time
//! cursor, playback, the selected segment, undo and redo. Components only render it and
//! dispatch `Msg`s; they never compute protocol behaviour.

use crate::session::{ActError, Session};
use crate::text::{t, Lang, Ui};
use finwait_core::presets::PRESETS;
use finwait_core::scenario::TimedAction;
use finwait_core::{Action, ActionError, CallError, Host, ProfileKind, Scenario, SegmentId, Time};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Playback speeds offered, as multiples of the base rate, with their labels.
pub const SPEEDS: [(f64, &str); 5] = [(0.25, "0.25×"), (0.5, "0.5×"), (1.0, "1×"), (2.0, "2×"), (4.0, "4×")];
/// At 1× playback, one second on the wall clock is this many virtual milliseconds: slow enough
/// to watch a 50 ms segment cross.
pub const VIRTUAL_MS_PER_SECOND: f64 = 100.0;

/// Something to tell the user: a refused action, a problem with input, a call that would fail
/// at a past time.
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Refused(ActionError),
    BadInput(Ui),
    CallFails { call: &'static str, error: CallError },
}

/// One undoable state: the profile, the user's actions, and where the cursor and head were.
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    profile: ProfileKind,
    user: Vec<TimedAction>,
    cursor: Time,
    head: Time,
}

pub struct Lab {
    /// Shared and changed in place (a trace can be long); `version` tells renders apart.
    pub session: Rc<RefCell<Session>>,
    pub version: u64,
    /// Goes up whenever the session changes (for memoising what is computed from it).
    pub revision: u64,
    pub cursor: Time,
    /// Index into `PRESETS`, or `None` for a scenario given another way.
    pub preset: Option<usize>,
    /// Goes up when another scenario is loaded: panels that keep form fields start afresh.
    pub loaded: u64,
    pub selected: Option<SegmentId>,
    /// Goes up when the segment panel should take the keyboard focus.
    pub focus_panel: u64,
    pub compact: bool,
    pub playing: bool,
    pub speed: f64,
    pub names: [String; 2],
    pub flash: Option<Flash>,
    pub lang: Lang,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

impl PartialEq for Lab {
    /// Every reduction makes a new `Lab` with a higher version, so the version tells states
    /// apart without comparing their contents.
    fn eq(&self, other: &Lab) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.session, &other.session)
    }
}

/// What the interface can ask the store to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    LoadPreset(usize),
    LoadScenario(Box<Scenario>),
    SetProfile(ProfileKind),
    /// The user does something at the cursor: an app call, a fault, an injection.
    Act(Action),
    SetCursor(Time),
    Step,
    StepBack,
    /// Run on until nothing more is pending (at most an hour of virtual time) and go there.
    ToEnd,
    Play,
    Pause,
    /// The playback clock ticked after `real_ms` milliseconds.
    Tick(f64),
    SetSpeed(f64),
    Select(Option<SegmentId>),
    /// Select a segment from the keyboard: its panel takes the focus, so its actions come next.
    SelectAndFocus(SegmentId),
    ToggleCompact,
    Rename(Host, String),
    /// The user left a name field.
    NameDone(Host),
    Undo,
    Redo,
    Refuse(Ui),
    DismissFlash,
}

impl Lab {
    pub fn new(scenario: Scenario, preset: Option<usize>) -> Lab {
        Lab {
            session: Rc::new(RefCell::new(Session::new(scenario))),
            version: 0,
            revision: 0,
            cursor: Time::ZERO,
            preset,
            loaded: 0,
            selected: None,
            focus_panel: 0,
            compact: false,
            playing: false,
            speed: 1.0,
            names: [t(Lang::En, Ui::DefaultNameA).into(), t(Lang::En, Ui::DefaultNameB).into()],
            flash: None,
            lang: Lang::En,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// The first preset, the conformance suite's active close — or the stress run when the
    /// address asks for it.
    pub fn default_lab() -> Lab {
        if let Some(n) = crate::stress::requested() {
            return Lab::new(crate::stress::stress_scenario(n), None);
        }
        match PRESETS.first().map(|p| p.scenario()) {
            Some(Ok(s)) => Lab::new(s, Some(0)),
            _ => Lab::new(blank_scenario(), None),
        }
    }

    pub fn head_time(&self) -> Time {
        self.session.borrow().head_time()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn snapshot(&self) -> Snapshot {
        let s = self.session.borrow();
        Snapshot {
            profile: s.scenario().profile,
            user: s.user_actions().to_vec(),
            cursor: self.cursor,
            head: s.head_time(),
        }
    }

    /// Recomputes the session as `snap` had it. A new session (not the old one changed in
    /// place), so that everything memoised on the old one is computed again.
    fn restore(&mut self, snap: &Snapshot) {
        let mut base = self.session.borrow().scenario().clone();
        base.profile = snap.profile;
        self.session = Rc::new(RefCell::new(Session::with_user_actions(base, snap.user.clone(), snap.head)));
        self.cursor = snap.cursor;
        self.revision += 1;
    }

    /// Moves the cursor, computing the run further when it goes past the head.
    fn move_cursor(&mut self, t: Time) {
        if t > self.head_time() {
            self.session.borrow_mut().extend_to(t);
            self.revision += 1;
        }
        self.cursor = t;
    }

    fn reload(&mut self, scenario: Scenario, preset: Option<usize>) {
        let names = self.names.clone();
        let (compact, speed, lang, revision, loaded) =
            (self.compact, self.speed, self.lang, self.revision, self.loaded);
        *self = Lab::new(scenario, preset);
        self.revision = revision + 1;
        self.loaded = loaded + 1;
        self.names = names;
        self.compact = compact;
        self.speed = speed;
        self.lang = lang;
    }

    /// Whether anything is in the network at the cursor (playback runs in real time then).
    fn busy_at(&self, t: Time) -> bool {
        !self.session.borrow().sim_at(t).network().flights().iter().all(|f| f.arrives.is_none())
    }
}

impl Reducible for Lab {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut lab = Lab {
            session: self.session.clone(),
            version: self.version + 1,
            revision: self.revision,
            cursor: self.cursor,
            preset: self.preset,
            loaded: self.loaded,
            selected: self.selected,
            focus_panel: self.focus_panel,
            compact: self.compact,
            playing: self.playing,
            speed: self.speed,
            names: self.names.clone(),
            flash: self.flash.clone(),
            lang: self.lang,
            undo: self.undo.clone(),
            redo: self.redo.clone(),
        };
        // A message about earlier input goes once the user does something else.
        if !matches!(msg, Msg::Tick(_) | Msg::Refuse(_) | Msg::Act(_) | Msg::Rename(..)) {
            lab.flash = None;
        }
        match msg {
            Msg::LoadPreset(i) => match PRESETS.get(i).map(|p| p.scenario()) {
                Some(Ok(s)) => lab.reload(s, Some(i)),
                _ => lab.flash = Some(Flash::BadInput(Ui::ErrInput)),
            },
            Msg::LoadScenario(s) => lab.reload(*s, None),
            Msg::SetProfile(p) => {
                let snap = lab.snapshot();
                if snap.profile != p {
                    lab.restore(&Snapshot { profile: p, ..snap.clone() });
                    lab.undo.push(snap);
                    lab.redo.clear();
                }
            }
            Msg::Act(action) => {
                // At a past time, a call that fails there would throw the rest of the run away
                // for nothing: say why it fails instead, and change nothing.
                if lab.cursor < lab.head_time() {
                    let failing = lab.session.borrow().call_result_at(lab.cursor, &action);
                    if let Some((call, Err(error))) = failing {
                        lab.flash = Some(Flash::CallFails { call, error });
                        return Rc::new(lab);
                    }
                }
                let snap = lab.snapshot();
                let result = lab.session.borrow_mut().act(lab.cursor, action);
                lab.revision += 1;
                match result {
                    Ok(()) => {
                        lab.undo.push(snap);
                        lab.redo.clear();
                        lab.flash = None;
                    }
                    Err(ActError::Refused(e)) => lab.flash = Some(Flash::Refused(e)),
                    Err(ActError::RunStopped) => lab.flash = Some(Flash::BadInput(Ui::ErrRunStopped)),
                }
            }
            Msg::SetCursor(t) => lab.move_cursor(t),
            Msg::Step => {
                let next = lab.session.borrow().next_event_after(lab.cursor);
                match next {
                    Some(t) => lab.move_cursor(t),
                    None => lab.playing = false,
                }
            }
            Msg::ToEnd => {
                let mut t = lab.cursor;
                // Bounded: a connection left open (CLOSE-WAIT) stays quiet; a retransmitting one
                // gives up within minutes.
                let limit = Time(lab.cursor.ms() + 3_600_000);
                loop {
                    // Bind first: the shared borrow must end before the session is extended.
                    let next = lab.session.borrow().next_event_after(t);
                    match next.filter(|n| *n <= limit) {
                        Some(n) => {
                            t = n;
                            lab.session.borrow_mut().extend_to(t);
                        }
                        None => break,
                    }
                }
                lab.playing = false;
                lab.move_cursor(t);
                lab.revision += 1;
            }
            Msg::StepBack => {
                let s = lab.session.borrow();
                let i = s.trace().events.partition_point(|e| e.at < lab.cursor);
                let t = i.checked_sub(1).and_then(|i| s.trace().events.get(i)).map_or(Time::ZERO, |e| e.at);
                drop(s);
                lab.cursor = t;
            }
            Msg::Play => {
                lab.playing = true;
                if lab.session.borrow().next_event_after(lab.cursor).is_none() {
                    lab.playing = false;
                }
            }
            Msg::Pause => lab.playing = false,
            Msg::Tick(real_ms) => {
                if lab.playing {
                    let next = lab.session.borrow().next_event_after(lab.cursor);
                    match next {
                        None => lab.playing = false,
                        Some(next) => {
                            let step = (real_ms * lab.speed * VIRTUAL_MS_PER_SECOND / 1000.0).max(1.0) as u64;
                            let target = Time(lab.cursor.ms() + step);
                            // Nothing moving on the wire: skip the quiet stretch to the next event.
                            let t = if !lab.busy_at(lab.cursor) && next > target { next } else { target };
                            lab.move_cursor(t);
                        }
                    }
                }
            }
            Msg::SetSpeed(s) => lab.speed = s,
            Msg::Select(id) => lab.selected = id,
            Msg::SelectAndFocus(id) => {
                lab.selected = Some(id);
                lab.focus_panel += 1;
            }
            Msg::ToggleCompact => lab.compact = !lab.compact,
            Msg::Rename(host, name) => lab.names[host.index()] = name,
            // Leaving the field empty gives the host its usual name back.
            Msg::NameDone(host) => {
                if lab.names[host.index()].trim().is_empty() {
                    let default = if host == Host::A { Ui::DefaultNameA } else { Ui::DefaultNameB };
                    lab.names[host.index()] = t(lab.lang, default).to_string();
                }
            }
            Msg::Undo => {
                if let Some(prev) = lab.undo.pop() {
                    let now = lab.snapshot();
                    lab.restore(&prev);
                    lab.redo.push(now);
                }
            }
            Msg::Redo => {
                if let Some(next) = lab.redo.pop() {
                    let now = lab.snapshot();
                    lab.restore(&next);
                    lab.undo.push(now);
                }
            }
            Msg::Refuse(what) => lab.flash = Some(Flash::BadInput(what)),
            Msg::DismissFlash => lab.flash = None,
        }
        Rc::new(lab)
    }
}

/// The preset picker's labels (`S03 · Simultaneous close`).
pub fn preset_labels() -> &'static [String] {
    static LABELS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| PRESETS.iter().map(|p| format!("{} · {}", p.conformance, p.title)).collect())
}

/// An established connection with nothing planned: a blank lab.
pub fn blank_scenario() -> Scenario {
    Scenario {
        version: finwait_core::scenario::VERSION,
        name: "blank".into(),
        title: String::new(),
        description: String::new(),
        conformance: String::new(),
        profile: ProfileKind::Rfc9293,
        params: Default::default(),
        host_params: Default::default(),
        network: Default::default(),
        initial: Default::default(),
        actions: Vec::new(),
        until_ms: None,
        expect: Vec::new(),
    }
}

pub type LabHandle = UseReducerHandle<Lab>;

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::State;

    fn lab(preset: &str) -> Rc<Lab> {
        let i = PRESETS.iter().position(|p| p.name == preset).expect("a preset");
        Rc::new(Lab::new(PRESETS[i].scenario().expect("it reads"), Some(i)))
    }

    fn send(lab: Rc<Lab>, msgs: impl IntoIterator<Item = Msg>) -> Rc<Lab> {
        msgs.into_iter().fold(lab, |l, m| l.reduce(m))
    }

    fn state(lab: &Lab, host: Host) -> State {
        lab.session.borrow().sim_at(lab.cursor).host(host).state()
    }

    #[test]
    fn switching_profile_is_undone_like_any_action() {
        let l = send(lab("active-close"), [Msg::SetCursor(Time(1_000)), Msg::SetProfile(ProfileKind::Linux)]);
        assert_eq!(l.session.borrow().scenario().profile, ProfileKind::Linux);
        let l = send(l, [Msg::Undo]);
        assert_eq!(l.session.borrow().scenario().profile, ProfileKind::Rfc9293);
        assert_eq!(state(&l, Host::A), State::TimeWait);
        let l = send(l, [Msg::Redo]);
        assert_eq!(l.session.borrow().scenario().profile, ProfileKind::Linux);
    }

    #[test]
    fn a_call_that_fails_in_the_past_keeps_the_run() {
        let l = send(lab("active-close"), [Msg::SetCursor(Time(1_000)), Msg::SetCursor(Time(20))]);
        let events = l.session.borrow().trace().len();
        // A is in FIN-WAIT-1 at 20 ms: a second close fails there.
        let l = send(l, [Msg::Act(Action::Close { host: Host::A })]);
        assert_eq!(
            l.flash,
            Some(Flash::CallFails { call: "close", error: CallError::ConnectionClosing }),
            "it says why"
        );
        assert_eq!(l.session.borrow().trace().len(), events, "the rest of the run stays");
        assert!(!l.can_undo());
        // At the head, a failing call is recorded.
        let l = send(l, [Msg::ToEnd, Msg::Act(Action::Close { host: Host::A })]);
        assert!(l.flash.is_none());
        assert!(l.can_undo());
    }

    #[test]
    fn a_message_goes_once_the_user_moves_on() {
        let l = send(lab("active-close"), [Msg::Refuse(Ui::ErrSendBytes)]);
        assert!(l.flash.is_some());
        let l = send(l, [Msg::Step]);
        assert!(l.flash.is_none());
    }

    #[test]
    fn an_emptied_name_comes_back() {
        let l = send(lab("active-close"), [Msg::Rename(Host::B, String::new()), Msg::NameDone(Host::B)]);
        assert_eq!(l.names[Host::B.index()], "server");
    }
}
