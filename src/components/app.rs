//! The root: creates the store, drives playback, lays out the panels.

use super::{
    endpoint_card::EndpointCard, event_log::EventLog, flash::flash_banner, header::header, network_tools::NetworkTools,
    preset_info::preset_info, segment_panel::SegmentPanel, state_diagram::state_diagram, timeline::Timeline,
};
use crate::geometry::timeline::{layout, Layout};
use crate::store::{Lab, Msg};
use finwait_core::{Host, Simulation};
use gloo_timers::callback::Interval;
use std::rc::Rc;
use yew::prelude::*;

/// How often playback advances the clock, in wall-clock milliseconds.
const TICK_MS: u32 = 40;

/// What every panel needs: the store, the simulation at the cursor, the timeline's shapes.
#[derive(Clone)]
pub struct View {
    pub lab: UseReducerHandle<Lab>,
    pub sim: Rc<Simulation>,
    pub layout: Rc<Layout>,
}

impl PartialEq for View {
    /// The simulation and layout are memoised: the same `Rc` means the same contents.
    fn eq(&self, other: &View) -> bool {
        self.lab == other.lab && Rc::ptr_eq(&self.sim, &other.sim) && Rc::ptr_eq(&self.layout, &other.layout)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let lab = use_reducer(Lab::default_lab);

    // Playback: a timer that ticks while playing.
    {
        let dispatcher = lab.dispatcher();
        use_effect_with(lab.playing, move |playing| {
            let interval =
                playing.then(|| Interval::new(TICK_MS, move || dispatcher.dispatch(Msg::Tick(f64::from(TICK_MS)))));
            move || drop(interval)
        });
    }

    let sim = {
        let session = lab.session.clone();
        use_memo((lab.revision, lab.cursor, Rc::as_ptr(&lab.session) as usize), move |(_, cursor, _)| {
            session.borrow().sim_at(*cursor)
        })
    };
    let layout = {
        let session = lab.session.clone();
        let head = lab.head_time();
        use_memo((Rc::as_ptr(&lab.session) as usize, lab.revision, head, lab.compact), move |(_, _, head, compact)| {
            layout(session.borrow().trace(), *head, *compact)
        })
    };
    let view = View { lab: lab.clone(), sim, layout };
    let (top, flash, about, diagram) = (header(&view), flash_banner(&view), preset_info(&view), state_diagram(&view));

    // Tell the page (and the end-to-end tests) when the first render is on screen.
    use_effect_with((), |_| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark("finwait-first-render");
        }
    });

    html! {
        <ContextProvider<View> context={view}>
            <div class="app">
                { top }
                { flash }
                { about }
                <main class="lab" aria-label="lab">
                    <EndpointCard host={Host::A} />
                    <Timeline />
                    <EndpointCard host={Host::B} />
                </main>
                <section class="panels">
                    <SegmentPanel />
                    // Its fields (latency, the rule being composed) start afresh with each scenario.
                    <NetworkTools key={lab.loaded} />
                    { diagram }
                    <EventLog />
                </section>
            </div>
        </ContextProvider<View>>
    }
}

/// The shared view, for components.
#[hook]
pub fn use_view() -> View {
    match use_context::<View>() {
        Some(v) => v,
        None => unreachable!("every component is inside the App's ContextProvider"),
    }
}
