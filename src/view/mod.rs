//! The view model: what every panel shows at the time cursor, computed once per change from the
//! session (the simulation there, and the trace up to there). Components receive their part as
//! props and only render it; this module is pure Rust, tested natively like `geometry/`.
//!
//! Each part is compared by value when the app renders, so a panel whose part did not change
//! (the network tools while the cursor moves, say) is not rendered again.

pub mod about;
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

/// Everything the panels show at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub about: Rc<about::About>,
    pub playback: Rc<playback::Playback>,
    pub hosts: [Rc<host::HostView>; 2],
    pub segment: Rc<segment::SegmentView>,
    pub network: Rc<network::NetworkView>,
    pub diagram: Rc<diagram::DiagramView>,
    pub log: Rc<log::LogView>,
}

impl Frame {
    /// The panels at `looking.cursor`. `instants` are the times the slider moves between
    /// (`playback::instants`), computed once per change of the run rather than per frame.
    pub fn compute(session: &Session, looking: &Looking, instants: Rc<[Time]>) -> Frame {
        let sim = session.sim_at(looking.cursor);
        let events = &session.trace().events[..session.events_until(looking.cursor)];
        let lang = looking.lang;
        let busy = sim.network().flights().iter().any(|f| f.arrives.is_some());
        Frame {
            about: Rc::new(about::About::of(session, lang)),
            playback: Rc::new(playback::Playback::at(session, looking, instants, busy)),
            hosts: Host::BOTH.map(|h| Rc::new(host::HostView::of(&sim, events, h, looking.cursor, lang))),
            segment: Rc::new(segment::SegmentView::of(session.trace(), events.len(), &sim, looking.selected, lang)),
            network: Rc::new(network::NetworkView::of(&sim, events, lang)),
            diagram: Rc::new(diagram::DiagramView::of(session.scenario().profile, events, lang)),
            log: Rc::new(log::LogView::of(events, looking.log, lang)),
        }
    }
}
