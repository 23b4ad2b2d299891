//! The view model: what every panel shows at the time cursor, computed once per change from the
//! session (the simulation there, and the trace up to there). Components receive their part as
//! props and only render it; this module is pure Rust, tested natively like `geometry/`.
//!
//! Each part is compared by value when the app renders, so a panel whose part did not change
//! (the network tools while the cursor moves, say) is not rendered again.

pub mod about;
pub mod caption;
pub mod diagram;
pub mod host;
pub mod log;
pub mod network;
pub mod playback;
pub mod segment;

use crate::session::Session;
use finwait_core::{Host, SegmentId, Time};
use finwait_messages::Lang;
use std::rc::Rc;

/// What the interface itself remembers that changes what the panels show.
#[derive(Clone, Debug, PartialEq)]
pub struct Looking {
    pub cursor: Time,
    pub selected: Option<SegmentId>,
    pub log: log::LogOptions,
    pub lang: Lang,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// What the panels show that changes only when the run does (not when the cursor moves):
/// computed once per change of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct PerRun {
    pub about: Rc<about::About>,
    /// The slider's stops (`playback::instants`).
    pub instants: Rc<[Time]>,
}

impl PerRun {
    pub fn compute(session: &Session, preset: Option<usize>) -> PerRun {
        PerRun {
            about: Rc::new(about::About::of(session, preset)),
            instants: playback::instants(session.trace(), session.head_time()),
        }
    }
}

/// A part of the frame as a component receives it: compared by pointer. The store makes a new
/// one each time the frame is computed, and comparing its contents would cost about as much as
/// rendering it again (and more in the bundle).
#[derive(Debug)]
pub struct Part<T>(pub Rc<T>);

impl<T> Clone for Part<T> {
    fn clone(&self) -> Part<T> {
        Part(self.0.clone())
    }
}

impl<T> PartialEq for Part<T> {
    fn eq(&self, other: &Part<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Part<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Everything the panels show at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub about: Rc<about::About>,
    pub caption: Rc<caption::Caption>,
    pub playback: Rc<playback::Playback>,
    pub hosts: [Rc<host::HostView>; 2],
    pub segment: Rc<segment::SegmentView>,
    pub network: Rc<network::NetworkView>,
    pub diagram: Rc<diagram::DiagramView>,
    pub log: Rc<log::LogView>,
}

impl Frame {
    /// The panels at `looking.cursor`, with the parts that change only with the run.
    pub fn compute(session: &Session, looking: &Looking, per_run: &PerRun) -> Frame {
        let sim = session.sim_at(looking.cursor);
        let events = &session.trace().events[..session.events_until(looking.cursor)];
        let lang = looking.lang;
        let busy = sim.network().flights().iter().any(|f| f.arrives.is_some());
        Frame {
            about: per_run.about.clone(),
            caption: Rc::new(caption::Caption::of(session, events, looking.cursor, lang)),
            playback: Rc::new(playback::Playback::at(session, looking, per_run.instants.clone(), busy)),
            hosts: Host::BOTH.map(|h| Rc::new(host::HostView::of(&sim, events, h, looking.cursor, lang))),
            segment: Rc::new(segment::SegmentView::of(session.trace(), events.len(), &sim, looking.selected, lang)),
            network: Rc::new(network::NetworkView::of(&sim, events, lang)),
            diagram: Rc::new(diagram::DiagramView::of(session.scenario().profile, events, lang)),
            log: Rc::new(log::LogView::of(events, looking.log, lang)),
        }
    }
}
