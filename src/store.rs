//! The app's one state store: a reducer over a lab `Session` (the core's run, the user's
//! actions) plus what the interface itself remembers: the time cursor, playback, the selected
//! segment, undo and redo. After every change it computes the view model (`view::Frame`) and
//! the timeline's shapes, which the components render; the session itself stays in here.

use crate::address::embed::{Embedding, Tool};
use crate::address::opening::Opening;
use crate::address::Notice;
use crate::geometry::timeline::{layout, layout_after, Dims, Labels, Layout};
use crate::session::{ActError, Session};
use crate::user_actions::UserActions;
use crate::view::log::{LogOptions, ROWS};
use crate::view::{Frame, Looking, PerRun};
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
pub use finwait_core::limits::NAME_CHARS;
/// "Run to the end" stops this far past the cursor at the latest: a connection left open
/// (CLOSE-WAIT) stays quiet, and a retransmitting one gives up within minutes.
const TO_END_MS: u64 = 3_600_000;
/// How many steps undo goes back at most: older ones are forgotten, so that a long session's
/// memory does not grow with every click (each step keeps the user's actions up to it).
pub const UNDO_STEPS: usize = 100;

/// Where on the page a message belongs: next to the control that caused it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Header,
    Card(Host),
    Segment,
    Network,
}

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
    /// What could not be used of the address (or of the session kept from last time). Shared:
    /// the lab is copied with every change while the notices show.
    Notices(Rc<[Notice]>),
    /// The tool is switched off in this embedded lab.
    Locked(Tool),
}

/// One undoable state: the scenario (its profile included), the user's actions, and where the
/// cursor and head were. Loading another scenario and switching profile are undone like any
/// action, so the user's run is never lost.
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    scenario: Rc<Scenario>,
    preset: Option<usize>,
    user: UserActions,
    cursor: Time,
    head: Time,
}

#[derive(Clone)]
pub struct Lab {
    /// Shared and changed in place (a trace can be long); `revision` says when it changed.
    session: Rc<RefCell<Session>>,
    /// The scenario the session was made from, as loaded (undo and redo keep the same `Rc`).
    scenario: Rc<Scenario>,
    revision: u64,
    /// Every reduction makes a new `Lab` with a higher version.
    pub version: u64,
    pub cursor: Time,
    /// Index into `PRESETS`, or `None` for a scenario given another way.
    pub preset: Option<usize>,
    /// Goes up when another scenario is loaded: panels that keep form fields start afresh.
    pub loaded: u64,
    pub selected: Option<SegmentId>,
    /// Goes up when the segment's actions should take the keyboard focus.
    pub focus_panel: u64,
    pub compact: bool,
    /// The page is phone-sized: a narrower diagram with short labels.
    pub narrow: bool,
    pub playing: bool,
    pub speed: f64,
    /// Playback rests at an instant where something happened until this reaches zero
    /// (wall-clock ms at 1×), so each step can be read.
    dwell: f64,
    /// The quiet stretch playback is crossing (nothing on the wire), from where to where.
    quiet: Option<(Time, Time)>,
    pub names: [String; 2],
    /// A message, and the place on the page it belongs to.
    pub flash: Option<(Place, Flash)>,
    pub lang: Lang,
    /// How the lab is framed, and what the instructor locked.
    pub embedding: Rc<Embedding>,
    /// The last change came from the course page's commands, not from the student.
    #[cfg(feature = "course")]
    pub by_page: bool,
    pub log: LogOptions,
    /// The share link last made, and whether it reached the clipboard.
    pub shared: Option<(String, bool)>,
    undo: Rc<Vec<Snapshot>>,
    redo: Rc<Vec<Snapshot>>,
    /// What the panels show, and the timeline's shapes: computed after each change, from what
    /// the keys below say they were computed from.
    pub frame: Rc<Frame>,
    pub layout: Rc<Layout>,
    per_run: PerRun,
    frame_key: (u64, Looking),
    layout_key: (u64, Dims, Labels, Lang),
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
    /// Open a whole session (a link's, the course page's), undoably.
    Open(Box<Opening>),
    /// A command from the course page: not the student's, and not bound by the locks.
    #[cfg(feature = "course")]
    Parent(Box<Msg>),
    /// The reader's language (the header's switch, or the course page's command).
    #[cfg(any(feature = "course", feature = "ko"))]
    SetLang(Lang),
    SetProfile(ProfileKind),
    /// The user does something at the cursor (an app call, a fault, an injection) from a
    /// control at `Place`, where a refusal is then shown.
    Act(Place, Action),
    /// A form's value could not be used; the action it would have made is refused with this.
    Refuse(Place, ActionError),
    SetCursor(Time),
    Step,
    StepBack,
    /// Back to the start of the run (the cursor at zero; nothing is forgotten).
    Restart,
    /// Run on until nothing more is pending (at most an hour of virtual time) and go there.
    ToEnd,
    Play,
    Pause,
    /// The playback clock ticked after `real_ms` milliseconds.
    Tick(f64),
    SetSpeed(f64),
    Select(Option<SegmentId>),
    /// Select a segment from the keyboard: its actions take the focus, so they come next.
    SelectAndFocus(SegmentId),
    ToggleCompact,
    /// The page became phone-sized, or stopped being.
    SetNarrow(bool),
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
    /// A share link was made, and put on the clipboard (`true`) or not.
    Copied(String, bool),
}

impl Lab {
    pub fn new(scenario: Scenario, preset: Option<usize>) -> Lab {
        Lab::open(Opening::fresh(scenario, preset), Rc::default(), Lang::En, Vec::new())
    }

    /// The lab on `opening`, framed as `embedding`, telling the user `notices` first.
    pub fn open(opening: Opening, embedding: Rc<Embedding>, lang: Lang, notices: Vec<Notice>) -> Lab {
        let Opening { scenario, preset, user, head, cursor, names } = opening;
        let scenario = Rc::new(scenario);
        let session = Session::with_user_actions((*scenario).clone(), user.into(), head);
        let cursor = cursor.min(session.head_time());
        let looking =
            Looking { cursor, selected: None, log: LogOptions::default(), lang, can_undo: false, can_redo: false };
        let per_run = PerRun::compute(&session, preset);
        let frame = Frame::compute(&session, &looking, &per_run);
        let layout = layout(session.trace(), session.head_time(), Dims::WIDE, Labels::Full, lang);
        let skipped = session.skipped().len();
        let mut notices = notices;
        if skipped > 0 {
            notices.push(Notice::Skipped(skipped));
        }
        Lab {
            session: Rc::new(RefCell::new(session)),
            scenario,
            revision: 0,
            version: 0,
            cursor,
            preset,
            loaded: 0,
            selected: None,
            focus_panel: 0,
            compact: false,
            narrow: false,
            playing: false,
            speed: 1.0,
            dwell: 0.0,
            quiet: None,
            names: default_names(lang, names),
            flash: (!notices.is_empty()).then(|| (Place::Header, Flash::Notices(notices.into()))),
            lang,
            embedding,
            #[cfg(feature = "course")]
            by_page: false,
            log: LogOptions::default(),
            shared: None,
            undo: Rc::default(),
            redo: Rc::default(),
            frame: Rc::new(frame),
            layout: Rc::new(layout),
            per_run,
            frame_key: (0, looking),
            layout_key: (0, Dims::WIDE, Labels::Full, lang),
        }
    }

    /// The session as it stands, to share or keep.
    /// What a finding made from the cursor depends on: the run (its revision) and the cursor.
    #[cfg(feature = "explore")]
    pub fn moment(&self) -> (u64, Time) {
        (self.revision, self.cursor)
    }

    /// The session's run laid out wide, whatever the screen, with the labels the user chose:
    /// what a picture of the diagram is drawn from.
    #[cfg(feature = "picture")]
    pub fn picture_layout(&self) -> Layout {
        let s = self.session.borrow();
        let labels = if self.compact { Labels::Compact } else { Labels::Full };
        layout(s.trace(), s.head_time(), Dims::WIDE, labels, self.lang)
    }

    /// The scenario plus the user's actions, as one scenario whose run is this session's.
    #[cfg(any(feature = "capture", feature = "explore", feature = "mermaid"))]
    pub fn to_scenario(&self) -> Scenario {
        self.session.borrow().to_scenario()
    }

    pub fn opening(&self) -> Opening {
        let s = self.session.borrow();
        let defaults = [Ui::DefaultNameA, Ui::DefaultNameB].map(|k| ui(self.lang, k));
        let names = [0, 1].map(|i| (self.names[i] != defaults[i]).then(|| self.names[i].clone()));
        Opening {
            scenario: s.scenario().clone(),
            preset: self.preset,
            user: s.user_actions(),
            head: s.head_time(),
            cursor: self.cursor,
            names,
        }
    }

    /// Looks at the run's trace (for the course page's events).
    pub fn with_trace<T>(&self, f: impl FnOnce(&finwait_core::Trace) -> T) -> T {
        f(self.session.borrow().trace())
    }

    pub fn head_time(&self) -> Time {
        self.session.borrow().head_time()
    }

    /// The message for `place`, if there is one.
    pub fn flash_at(&self, place: Place) -> Option<Flash> {
        self.flash.as_ref().filter(|(p, _)| *p == place).map(|(_, f)| f.clone())
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

    /// The timeline's columns and labels: narrow with short labels on a phone.
    fn drawing(&self) -> (Dims, Labels) {
        match (self.narrow, self.compact) {
            (true, _) => (Dims::NARROW, Labels::Compact),
            (false, true) => (Dims::WIDE, Labels::Compact),
            (false, false) => (Dims::WIDE, Labels::Full),
        }
    }

    /// Computes again what changed since the frame and the layout were computed.
    fn refresh(&mut self) {
        let session = self.session.borrow();
        let (dims, labels) = self.drawing();
        let layout_key = (self.revision, dims, labels, self.lang);
        if layout_key != self.layout_key {
            if (layout_key.0, layout_key.3) != (self.layout_key.0, self.layout_key.3) {
                self.per_run = PerRun::compute(&session, self.preset);
            }
            let (trace, head, epoch) = (session.trace(), session.head_time(), session.epoch());
            self.layout = Rc::new(layout_after(&self.layout, trace, head, dims, labels, self.lang, epoch));
            self.layout_key = layout_key;
        }
        let frame_key = (self.revision, self.looking());
        if frame_key != self.frame_key {
            self.frame = Rc::new(Frame::compute(&session, &frame_key.1, &self.per_run));
            self.frame_key = frame_key;
        }
    }

    fn snapshot(&self) -> Snapshot {
        let s = self.session.borrow();
        Snapshot {
            scenario: self.scenario.clone(),
            preset: self.preset,
            user: s.user_history().clone(),
            cursor: self.cursor,
            head: s.head_time(),
        }
    }

    /// Recomputes the session as `snap` had it.
    fn restore(&mut self, snap: &Snapshot) {
        // Each load makes a new `Rc`; undo and redo bring back the one they saved.
        let same_scenario = Rc::ptr_eq(&self.scenario, &snap.scenario);
        let session = Session::with_user_actions((*snap.scenario).clone(), snap.user.clone(), snap.head);
        self.session = Rc::new(RefCell::new(session));
        self.scenario = snap.scenario.clone();
        self.preset = snap.preset;
        self.cursor = snap.cursor;
        self.revision += 1;
        if !same_scenario {
            self.loaded += 1;
            self.selected = None;
        }
    }

    /// Moves to `next`, remembering the state before it for undo (and forgetting what could
    /// be redone).
    fn change_to(&mut self, next: Snapshot) {
        let before = self.snapshot();
        self.restore(&next);
        self.done(before);
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

    /// Another scenario, from its start, undoably.
    fn load(&mut self, scenario: Scenario, preset: Option<usize>) {
        let next = Snapshot {
            scenario: Rc::new(scenario),
            preset,
            user: UserActions::default(),
            cursor: Time::ZERO,
            head: Time::ZERO,
        };
        self.change_to(next);
        self.playing = false;
    }

    fn act(&mut self, place: Place, action: Action) {
        let before = self.snapshot();
        let result = self.session.borrow_mut().act(self.cursor, action);
        let flash = match result {
            Ok(()) => {
                self.revision += 1;
                self.done(before);
                return;
            }
            Err(ActError::Refused(e)) => Flash::Refused(e),
            Err(ActError::CallFails { call, error }) => Flash::CallFails { call, error },
            Err(ActError::RunStopped) => Flash::RunStopped,
        };
        self.flash = Some((place, flash));
    }

    /// One tick of playback: rest at an instant where something happened, move in real time
    /// while segments travel, and cross a quiet stretch (a wait like TIME-WAIT) quickly but
    /// visibly, its countdown running.
    fn tick(&mut self, real_ms: f64) {
        if !self.playing {
            return;
        }
        let elapsed = real_ms * self.speed;
        if self.dwell > 0.0 {
            self.dwell -= elapsed;
            return;
        }
        let next = self.session.borrow().next_event_after(self.cursor);
        let Some(next) = next else {
            self.playing = false;
            return;
        };
        let t = if self.frame.playback.busy {
            self.quiet = None;
            Time(self.cursor.ms() + (elapsed * VIRTUAL_MS_PER_SECOND / 1000.0).max(1.0) as u64)
        } else {
            let (from, to) = *self.quiet.get_or_insert((self.cursor, next));
            let span = to.ms().saturating_sub(from.ms()) as f64;
            Time(self.cursor.ms() + (span * elapsed / QUIET_MS).max(1.0) as u64)
        };
        if t >= next {
            self.move_cursor(next);
            self.quiet = None;
            self.dwell = DWELL_MS;
        } else {
            self.move_cursor(t);
        }
    }
}

impl Lab {
    /// The tool `msg` needs, when this lab does not give it to the student.
    fn locked(&self, msg: &Msg) -> Option<Tool> {
        let tool = match msg {
            Msg::Act(_, action) => Tool::for_action(action.kind()),
            Msg::LoadPreset(_) | Msg::LoadScenario(_) | Msg::Open(_) => Tool::Scenario,
            Msg::SetProfile(_) => Tool::Profile,
            _ => return None,
        };
        (!self.embedding.allows(tool)).then_some(tool)
    }
}

/// The hosts' names: those given, else the usual ones in `lang`.
fn default_names(lang: Lang, names: [Option<String>; 2]) -> [String; 2] {
    let [a, b] = names;
    [a.unwrap_or_else(|| ui(lang, Ui::DefaultNameA).into()), b.unwrap_or_else(|| ui(lang, Ui::DefaultNameB).into())]
}

/// At 1×, playback rests this long (wall-clock ms) at each instant where something happened.
const DWELL_MS: f64 = 900.0;
/// At 1×, a quiet stretch (nothing on the wire) is crossed in this long, however long it is.
const QUIET_MS: f64 = 1_600.0;

impl Reducible for Lab {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut lab = (*self).clone();
        lab.version += 1;
        // The course page's commands are not bound by the locks; the student's are.
        let msg = match msg {
            #[cfg(feature = "course")]
            Msg::Parent(inner) => {
                lab.by_page = true;
                *inner
            }
            Msg::Tick(ms) => Msg::Tick(ms),
            other => {
                #[cfg(feature = "course")]
                {
                    lab.by_page = false;
                }
                if let Some(tool) = lab.locked(&other) {
                    lab.flash = Some((Place::Header, Flash::Locked(tool)));
                    lab.refresh();
                    return Rc::new(lab);
                }
                other
            }
        };
        // A message about earlier input goes once the user does something else.
        if !matches!(msg, Msg::Tick(_) | Msg::Refuse(..) | Msg::Act(..) | Msg::Rename(..) | Msg::SetNarrow(_)) {
            lab.flash = None;
        }
        match msg {
            Msg::LoadPreset(i) => match PRESETS.get(i).map(|p| p.scenario()) {
                Some(Ok(s)) => lab.load(s, Some(i)),
                _ => lab.flash = Some((Place::Header, Flash::BrokenPreset)),
            },
            Msg::LoadScenario(s) => lab.load(*s, None),
            Msg::Open(o) => {
                let Opening { scenario, preset, user, head, cursor, names } = *o;
                lab.change_to(Snapshot { scenario: Rc::new(scenario), preset, user: user.into(), cursor, head });
                lab.cursor = lab.cursor.min(lab.head_time());
                lab.names = default_names(lab.lang, names);
                lab.playing = false;
            }
            // Unwrapped above.
            #[cfg(feature = "course")]
            Msg::Parent(_) => {}
            #[cfg(any(feature = "course", feature = "ko"))]
            Msg::SetLang(lang) => {
                let defaults = |l| [Ui::DefaultNameA, Ui::DefaultNameB].map(|k| ui(l, k));
                for (name, (old, new)) in lab.names.iter_mut().zip(defaults(lab.lang).into_iter().zip(defaults(lang))) {
                    if name == old {
                        *name = new.to_string();
                    }
                }
                lab.lang = lang;
            }
            Msg::SetProfile(p) => {
                let now = lab.snapshot();
                if now.scenario.profile != p {
                    let scenario = Rc::new(Scenario { profile: p, ..(*now.scenario).clone() });
                    lab.change_to(Snapshot { scenario, ..now });
                }
            }
            Msg::Act(place, action) => {
                lab.flash = None;
                lab.act(place, action);
            }
            Msg::Refuse(place, e) => lab.flash = Some((place, Flash::Refused(e))),
            Msg::SetCursor(t) => lab.move_cursor(t),
            Msg::Step => {
                let next = lab.session.borrow().next_event_after(lab.cursor);
                match next {
                    Some(t) => lab.move_cursor(t),
                    None => lab.playing = false,
                }
            }
            Msg::Restart => {
                lab.cursor = Time::ZERO;
                lab.playing = false;
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
            Msg::Play => {
                // At the end, play starts over.
                if !lab.frame.playback.has_next {
                    lab.cursor = Time::ZERO;
                }
                lab.playing = true;
                (lab.dwell, lab.quiet) = (0.0, None);
            }
            Msg::Pause => lab.playing = false,
            Msg::Tick(real_ms) => lab.tick(real_ms),
            Msg::SetSpeed(s) => lab.speed = s,
            Msg::Select(id) => lab.selected = id,
            Msg::SelectAndFocus(id) => {
                lab.selected = Some(id);
                lab.focus_panel += 1;
            }
            Msg::ToggleCompact => lab.compact = !lab.compact,
            Msg::SetNarrow(narrow) => lab.narrow = narrow,
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
            Msg::Copied(link, ok) => lab.shared = Some((link, ok)),
        }
        lab.refresh();
        Rc::new(lab)
    }
}

/// The preset picker's labels (`S03 · Simultaneous close`).
pub fn preset_labels(lang: Lang) -> &'static [String] {
    static LABELS: [std::sync::OnceLock<Vec<String>>; Lang::ALL.len()] =
        [const { std::sync::OnceLock::new() }; Lang::ALL.len()];
    LABELS[lang as usize].get_or_init(|| {
        PRESETS
            .iter()
            .map(|p| format!("{} · {}", p.conformance, finwait_messages::presets::title(lang, p.name, p.title)))
            .collect()
    })
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
        let l = send(l, [Msg::Act(Place::Card(Host::A), Action::Close { host: Host::A })]);
        assert_eq!(
            l.flash_at(Place::Card(Host::A)),
            Some(Flash::CallFails { call: CallKind::Close, error: CallError::ConnectionClosing }),
            "it says why, on A's card"
        );
        assert_eq!(l.flash_at(Place::Header), None);
        assert_eq!(l.session.borrow().trace().len(), events, "the rest of the run stays");
        assert!(!l.frame.playback.can_undo);
        // At the head, a failing call is recorded.
        let l = send(l, [Msg::ToEnd, Msg::Act(Place::Card(Host::A), Action::Close { host: Host::A })]);
        assert!(l.flash.is_none());
        assert!(l.frame.playback.can_undo);
        assert!(l.frame.hosts[0].last_call.as_ref().unwrap().failed);
    }

    #[test]
    fn undo_keeps_the_last_steps_only() {
        let mut l = lab("active-close");
        for _ in 0..UNDO_STEPS + 20 {
            l = send(l, [Msg::Act(Place::Card(Host::A), Action::Read { host: Host::A, max: None })]);
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
        let refused = ActionError::OutOfRange { field: finwait_core::action::Limited::SendBytes };
        let l = send(lab("active-close"), [Msg::Refuse(Place::Network, refused)]);
        assert!(l.flash.is_some());
        let l = send(l, [Msg::Step]);
        assert!(l.flash.is_none());
    }

    #[test]
    fn an_emptied_name_comes_back() {
        let l = send(lab("active-close"), [Msg::Rename(Host::B, String::new()), Msg::NameDone(Host::B)]);
        assert_eq!(l.names[Host::B.index()], "server");
    }

    /// A click in the past recomputes the run once, whatever the store does around it.
    #[test]
    fn a_click_in_the_past_replays_the_run_once() {
        let l = Rc::new(Lab::new(crate::stress::stress_scenario(100), None));
        let l = send(l, [Msg::ToEnd, Msg::SetCursor(Time(300))]);
        let before = l.session.borrow().replays();
        let in_flight = l.session.borrow().sim_at(Time(300)).network().flights()[0].id;
        let before = before + 1;
        let l = send(l, [Msg::Act(Place::Segment, Action::Drop { segment: in_flight })]);
        assert!(l.flash.is_none());
        assert_eq!(l.session.borrow().replays(), before + 1);
    }

    /// Loading another scenario keeps the user's run to come back to.
    #[test]
    fn loading_a_scenario_is_undone_and_the_run_comes_back() {
        let l = send(lab("active-close"), [Msg::SetCursor(Time(20))]);
        let fin = finwait_core::SegmentId(1);
        let l = send(l, [Msg::Act(Place::Segment, Action::Drop { segment: fin }), Msg::SetCursor(Time(500))]);
        assert_eq!(state(&l, Host::A), State::Closing);
        let l = send(l, [Msg::LoadPreset(2)]);
        assert_eq!(l.preset, Some(2));
        assert_eq!(l.cursor, Time::ZERO);
        let l = send(l, [Msg::Undo]);
        assert_eq!(l.preset, Some(PRESETS.iter().position(|p| p.name == "active-close").unwrap()));
        assert_eq!(l.cursor, Time(500));
        assert_eq!(state(&l, Host::A), State::Closing, "the dropped FIN is still dropped");
        let l = send(l, [Msg::Redo]);
        assert_eq!(l.preset, Some(2));
    }

    /// Playback rests at each event and crosses a long quiet wait in a couple of seconds,
    /// with the clock running through it.
    #[test]
    fn playback_rests_at_events_and_crosses_waits_visibly() {
        // At 200 ms the last ACK has arrived; A waits in TIME-WAIT with nothing on the wire.
        let mut l = send(lab("active-close"), [Msg::SetCursor(Time(200)), Msg::Play]);
        let tick = |l: Rc<Lab>, n: usize| (0..n).fold(l, |l, _| l.reduce(Msg::Tick(40.0)));
        l = tick(l, 10);
        assert!(l.cursor > Time(200) && l.cursor < Time(240_150), "part of the way: {:?}", l.cursor);
        l = tick(l, 40);
        assert_eq!(l.cursor, Time(240_150), "the end of TIME-WAIT, in about 1.6 s");
        assert_eq!(state(&l, Host::A), State::Closed);
        l = tick(l, 30);
        assert!(!l.playing, "nothing more to play");
        // Play at the end starts over.
        let l = send(l, [Msg::Play]);
        assert_eq!(l.cursor, Time::ZERO);
        assert!(l.playing);
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
