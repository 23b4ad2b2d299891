//! The app's one state store: a reducer over a lab `Session` (the core's run, the user's
//! actions) plus what the interface itself remembers: the time cursor, playback, the selected
//! segment, undo and redo. After every change it computes the view model (`view::Frame`) and
//! the timeline's shapes, which the components render; the session itself stays in here.

use crate::geometry::timeline::{layout, layout_after, Layout};
use crate::session::{ActError, Session};
use crate::user_actions::UserActions;
use crate::view::log::{LogOptions, ROWS};
use crate::view::{playback, Frame, Looking};
use finwait_core::presets::PRESETS;
use finwait_core::{Action, ActionError, CallError, CallKind, Host, ProfileKind, Scenario, SegmentId, Time};
use finwait_messages::{ui, Lang, Ui};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Playback speeds offered, as multiples of the base rate, with their labels.
pub const SPEEDS: [(f64, &str); 5] = [(0.25, "0.25×"), (0.5, "0.5×"), (1.0, "1×"), (2.0, "2×"), (4.0, "4×")];
/// At 1× playback, one second on the wall clock is this many virtual milliseconds: slow enough
/// to watch a 50 ms segment cross.
pub const VIRTUAL_MS_PER_SECOND: f64 = 100.0;
/// The longest a host's name may be.
pub const NAME_CHARS: usize = 24;
/// "Run to the end" stops this far past the cursor at the latest: a connection left open
/// (CLOSE-WAIT) stays quiet, and a retransmitting one gives up within minutes.
const TO_END_MS: u64 = 3_600_000;
/// How many steps undo goes back at most: older ones are forgotten, so that a long session's
/// memory does not grow with every click (each step keeps the user's actions up to it).
pub const UNDO_STEPS: usize = 100;

/// Something to tell the user about what they just did. The lab is unchanged when it shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    /// The simulation refused the action, or a form's value was out of range.
    Refused(ActionError),
    /// A call at a past time would fail there.
    CallFails { call: CallKind, error: CallError },
    /// Nothing can happen after the event limit.
    RunStopped,
    /// A preset that would not load.
    BrokenPreset,
}

/// One undoable state: the profile, the user's actions, and where the cursor and head were.
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    profile: ProfileKind,
    user: UserActions,
    cursor: Time,
    head: Time,
}

#[derive(Clone)]
pub struct Lab {
    /// Shared and changed in place (a trace can be long); `revision` says when it changed.
    session: Rc<RefCell<Session>>,
    revision: u64,
    /// Every reduction makes a new `Lab` with a higher version.
    pub version: u64,
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
    pub log: LogOptions,
    undo: Rc<Vec<Snapshot>>,
    redo: Rc<Vec<Snapshot>>,
    /// What the panels show, and the timeline's shapes: computed after each change, from what
    /// the keys below say they were computed from.
    pub frame: Rc<Frame>,
    pub layout: Rc<Layout>,
    instants: Rc<[Time]>,
    frame_key: (u64, Looking),
    layout_key: (u64, bool, Lang),
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
    /// A form's value could not be used; the action it would have made is refused with this.
    Refuse(ActionError),
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
    DismissFlash,
    /// The event log shows every timer event, or only the notable ones.
    ShowAllTimers(bool),
    /// The event log shows more of its earlier rows.
    ShowEarlier,
}

impl Lab {
    pub fn new(scenario: Scenario, preset: Option<usize>) -> Lab {
        let session = Session::new(scenario);
        let lang = Lang::En;
        let looking = Looking {
            cursor: Time::ZERO,
            selected: None,
            log: LogOptions::default(),
            lang,
            can_undo: false,
            can_redo: false,
        };
        let instants = playback::instants(session.trace(), session.head_time());
        let frame = Frame::compute(&session, &looking, instants.clone());
        let layout = layout(session.trace(), session.head_time(), false, lang);
        Lab {
            session: Rc::new(RefCell::new(session)),
            revision: 0,
            version: 0,
            cursor: Time::ZERO,
            preset,
            loaded: 0,
            selected: None,
            focus_panel: 0,
            compact: false,
            playing: false,
            speed: 1.0,
            names: [ui(lang, Ui::DefaultNameA).into(), ui(lang, Ui::DefaultNameB).into()],
            flash: None,
            lang,
            log: LogOptions::default(),
            undo: Rc::default(),
            redo: Rc::default(),
            frame: Rc::new(frame),
            layout: Rc::new(layout),
            instants,
            frame_key: (0, looking),
            layout_key: (0, false, lang),
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
            _ => Lab::new(Scenario::blank(), None),
        }
    }

    pub fn head_time(&self) -> Time {
        self.session.borrow().head_time()
    }

    fn looking(&self) -> Looking {
        Looking {
            cursor: self.cursor,
            selected: self.selected,
            log: self.log,
            lang: self.lang,
            can_undo: !self.undo.is_empty(),
            can_redo: !self.redo.is_empty(),
        }
    }

    /// Computes again what changed since the frame and the layout were computed.
    fn refresh(&mut self) {
        let session = self.session.borrow();
        let layout_key = (self.revision, self.compact, self.lang);
        if layout_key != self.layout_key {
            let (trace, head, epoch) = (session.trace(), session.head_time(), session.epoch());
            self.layout = Rc::new(layout_after(&self.layout, trace, head, self.compact, self.lang, epoch));
            self.instants = playback::instants(session.trace(), session.head_time());
            self.layout_key = layout_key;
        }
        let frame_key = (self.revision, self.looking());
        if frame_key != self.frame_key {
            self.frame = Rc::new(Frame::compute(&session, &frame_key.1, self.instants.clone()));
            self.frame_key = frame_key;
        }
    }

    fn snapshot(&self) -> Snapshot {
        let s = self.session.borrow();
        Snapshot {
            profile: s.scenario().profile,
            user: s.user_history().clone(),
            cursor: self.cursor,
            head: s.head_time(),
        }
    }

    /// Recomputes the session as `snap` had it.
    fn restore(&mut self, snap: &Snapshot) {
        let mut base = self.session.borrow().scenario().clone();
        base.profile = snap.profile;
        self.session = Rc::new(RefCell::new(Session::with_user_actions(base, snap.user.clone(), snap.head)));
        self.cursor = snap.cursor;
        self.revision += 1;
    }

    /// Remembers `before` for undo (and forgets what could be redone, and the oldest step
    /// past `UNDO_STEPS`).
    fn done(&mut self, before: Snapshot) {
        let undo = Rc::make_mut(&mut self.undo);
        undo.push(before);
        if undo.len() > UNDO_STEPS {
            undo.remove(0);
        }
        self.redo = Rc::default();
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
        let mut fresh = Lab::new(scenario, preset);
        fresh.version = self.version;
        fresh.revision = self.revision + 1;
        fresh.loaded = self.loaded + 1;
        fresh.names = self.names.clone();
        fresh.compact = self.compact;
        fresh.speed = self.speed;
        fresh.lang = self.lang;
        fresh.log = self.log;
        *self = fresh;
    }

    fn act(&mut self, action: Action) {
        let before = self.snapshot();
        let result = self.session.borrow_mut().act(self.cursor, action);
        match result {
            Ok(()) => {
                self.revision += 1;
                self.done(before);
            }
            Err(ActError::Refused(e)) => self.flash = Some(Flash::Refused(e)),
            Err(ActError::CallFails { call, error }) => self.flash = Some(Flash::CallFails { call, error }),
            Err(ActError::RunStopped) => self.flash = Some(Flash::RunStopped),
        }
    }
}

impl Reducible for Lab {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut lab = (*self).clone();
        lab.version += 1;
        // A message about earlier input goes once the user does something else.
        if !matches!(msg, Msg::Tick(_) | Msg::Refuse(_) | Msg::Act(_) | Msg::Rename(..)) {
            lab.flash = None;
        }
        match msg {
            Msg::LoadPreset(i) => match PRESETS.get(i).map(|p| p.scenario()) {
                Some(Ok(s)) => lab.reload(s, Some(i)),
                _ => lab.flash = Some(Flash::BrokenPreset),
            },
            Msg::LoadScenario(s) => lab.reload(*s, None),
            Msg::SetProfile(p) => {
                let snap = lab.snapshot();
                if snap.profile != p {
                    lab.restore(&Snapshot { profile: p, ..snap.clone() });
                    lab.done(snap);
                }
            }
            Msg::Act(action) => {
                lab.flash = None;
                lab.act(action);
            }
            Msg::Refuse(e) => lab.flash = Some(Flash::Refused(e)),
            Msg::SetCursor(t) => lab.move_cursor(t),
            Msg::Step => {
                let next = lab.session.borrow().next_event_after(lab.cursor);
                match next {
                    Some(t) => lab.move_cursor(t),
                    None => lab.playing = false,
                }
            }
            Msg::ToEnd => {
                let limit = Time(lab.cursor.ms() + TO_END_MS);
                let mut t = lab.cursor;
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
                lab.revision += 1;
                lab.move_cursor(t);
            }
            Msg::StepBack => {
                let s = lab.session.borrow();
                let i = s.trace().events.partition_point(|e| e.at < lab.cursor);
                let t = i.checked_sub(1).and_then(|i| s.trace().events.get(i)).map_or(Time::ZERO, |e| e.at);
                drop(s);
                lab.cursor = t;
            }
            Msg::Play => lab.playing = lab.frame.playback.has_next,
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
                            let t = if !lab.frame.playback.busy && next > target { next } else { target };
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
            Msg::Rename(host, name) => lab.names[host.index()] = name.chars().take(NAME_CHARS).collect(),
            // Leaving the field empty gives the host its usual name back.
            Msg::NameDone(host) => {
                if lab.names[host.index()].trim().is_empty() {
                    let default = if host == Host::A { Ui::DefaultNameA } else { Ui::DefaultNameB };
                    lab.names[host.index()] = ui(lab.lang, default).to_string();
                }
            }
            Msg::Undo => {
                if let Some(prev) = Rc::make_mut(&mut lab.undo).pop() {
                    let now = lab.snapshot();
                    lab.restore(&prev);
                    Rc::make_mut(&mut lab.redo).push(now);
                }
            }
            Msg::Redo => {
                if let Some(next) = Rc::make_mut(&mut lab.redo).pop() {
                    let now = lab.snapshot();
                    lab.restore(&next);
                    Rc::make_mut(&mut lab.undo).push(now);
                }
            }
            Msg::DismissFlash => lab.flash = None,
            Msg::ShowAllTimers(all) => lab.log.all_timers = all,
            Msg::ShowEarlier => lab.log.limit += ROWS * 4,
        }
        lab.refresh();
        Rc::new(lab)
    }
}

/// The preset picker's labels (`S03 · Simultaneous close`).
pub fn preset_labels() -> &'static [String] {
    static LABELS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| PRESETS.iter().map(|p| format!("{} · {}", p.conformance, p.title)).collect())
}

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
        lab.frame.hosts[host.index()].tcb.state
    }

    #[test]
    fn switching_profile_is_undone_like_any_action() {
        let l = send(lab("active-close"), [Msg::SetCursor(Time(1_000)), Msg::SetProfile(ProfileKind::Linux)]);
        assert_eq!(l.frame.about.profile, ProfileKind::Linux);
        let l = send(l, [Msg::Undo]);
        assert_eq!(l.frame.about.profile, ProfileKind::Rfc9293);
        assert_eq!(state(&l, Host::A), State::TimeWait);
        let l = send(l, [Msg::Redo]);
        assert_eq!(l.frame.about.profile, ProfileKind::Linux);
    }

    #[test]
    fn a_call_that_fails_in_the_past_keeps_the_run() {
        let l = send(lab("active-close"), [Msg::SetCursor(Time(1_000)), Msg::SetCursor(Time(20))]);
        let events = l.session.borrow().trace().len();
        // A is in FIN-WAIT-1 at 20 ms: a second close fails there.
        let l = send(l, [Msg::Act(Action::Close { host: Host::A })]);
        assert_eq!(
            l.flash,
            Some(Flash::CallFails { call: CallKind::Close, error: CallError::ConnectionClosing }),
            "it says why"
        );
        assert_eq!(l.session.borrow().trace().len(), events, "the rest of the run stays");
        assert!(!l.frame.playback.can_undo);
        // At the head, a failing call is recorded.
        let l = send(l, [Msg::ToEnd, Msg::Act(Action::Close { host: Host::A })]);
        assert!(l.flash.is_none());
        assert!(l.frame.playback.can_undo);
        assert!(l.frame.hosts[0].last_call.as_ref().unwrap().failed);
    }

    #[test]
    fn undo_keeps_the_last_steps_only() {
        let mut l = lab("active-close");
        for _ in 0..UNDO_STEPS + 20 {
            l = send(l, [Msg::Act(Action::Read { host: Host::A, max: None })]);
        }
        assert_eq!(l.undo.len(), UNDO_STEPS);
        let actions = l.session.borrow().user_actions().len();
        for _ in 0..UNDO_STEPS {
            l = send(l, [Msg::Undo]);
        }
        assert!(!l.frame.playback.can_undo, "the oldest steps are gone");
        assert_eq!(l.session.borrow().user_actions().len(), actions - UNDO_STEPS, "the first 20 stay done");
    }

    #[test]
    fn a_message_goes_once_the_user_moves_on() {
        let refused = ActionError::OutOfRange { field: "bytes", limit: finwait_core::limits::SEND_BYTES };
        let l = send(lab("active-close"), [Msg::Refuse(refused)]);
        assert!(l.flash.is_some());
        let l = send(l, [Msg::Step]);
        assert!(l.flash.is_none());
    }

    #[test]
    fn an_emptied_name_comes_back() {
        let l = send(lab("active-close"), [Msg::Rename(Host::B, String::new()), Msg::NameDone(Host::B)]);
        assert_eq!(l.names[Host::B.index()], "server");
    }

    /// The frame follows the cursor, and is computed only when something it shows changed.
    #[test]
    fn the_frame_follows_the_cursor_and_is_kept_when_nothing_changed() {
        let l = send(lab("active-close"), [Msg::Step]);
        assert_eq!(l.cursor, Time(50));
        assert_eq!(state(&l, Host::B), State::CloseWait);
        let frame = l.frame.clone();
        let l = send(l, [Msg::SetSpeed(2.0), Msg::Rename(Host::A, "alice".into())]);
        assert!(Rc::ptr_eq(&frame, &l.frame), "nothing the panels show changed");
        let l = send(l, [Msg::StepBack]);
        assert_eq!(state(&l, Host::B), State::Established);
    }
}
