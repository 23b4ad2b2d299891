//! The root: creates the store, drives playback, and hands each panel its part of the view
//! model with a way to dispatch messages.

use super::endpoint_card::EndpointCard;
use super::event_log::EventLog;
use super::network_tools::NetworkTools;
use super::segment_panel::SegmentPanel;
use super::timeline::Timeline;
use super::widgets::Dispatch;
use super::{flash, header, preset_info, state_diagram};
use crate::store::{Lab, Msg};
use finwait_core::Host;
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// How often playback advances the clock, in wall-clock milliseconds.
const TICK_MS: u32 = 40;

#[function_component(App)]
pub fn app() -> Html {
    let lab = use_reducer(Lab::default_lab);
    // One callback for the app's lifetime, so that panels' props stay equal between renders.
    let dispatch: Dispatch = {
        let dispatcher = lab.dispatcher();
        use_memo((), move |_| Callback::from(move |m: Msg| dispatcher.dispatch(m))).as_ref().clone()
    };

    // Playback: a timer that ticks while playing.
    {
        let dispatcher = lab.dispatcher();
        use_effect_with(lab.playing, move |playing| {
            let interval =
                playing.then(|| Interval::new(TICK_MS, move || dispatcher.dispatch(Msg::Tick(f64::from(TICK_MS)))));
            move || drop(interval)
        });
    }

    // Tell the page (and the end-to-end tests) when the first render is on screen.
    use_effect_with((), |_| {
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            let _ = perf.mark("finwait-first-render");
        }
    });

    let f = &lab.frame;
    let lang = lab.lang;
    let names: [AttrValue; 2] = lab.names.clone().map(AttrValue::from);
    let card = |h: Host| {
        html! { <EndpointCard view={f.hosts[h.index()].clone()} name={names[h.index()].clone()} {lang} dispatch={dispatch.clone()} /> }
    };
    html! {
        <div class="app">
            { header::header(&header::Props {
                playback: f.playback.clone(),
                about: f.about.clone(),
                preset: lab.preset,
                playing: lab.playing,
                speed: lab.speed,
                compact: lab.compact,
                lang,
                dispatch: dispatch.clone(),
            }) }
            { flash::flash_banner(&flash::Props { flash: lab.flash.clone(), lang, dispatch: dispatch.clone() }) }
            { preset_info::preset_info(&preset_info::Props { about: f.about.clone(), lang }) }
            <main class="lab" aria-label="lab">
                { card(Host::A) }
                <Timeline layout={lab.layout.clone()} cursor={lab.cursor} selected={lab.selected} names={names.clone()}
                    {lang} dispatch={dispatch.clone()} />
                { card(Host::B) }
            </main>
            <section class="panels">
                <SegmentPanel view={f.segment.clone()} focus={lab.focus_panel} {lang} dispatch={dispatch.clone()} />
                // Its fields (latency, the rule being composed) start afresh with each scenario.
                <NetworkTools key={lab.loaded} view={f.network.clone()} {lang} dispatch={dispatch.clone()} />
                { state_diagram::state_diagram(&state_diagram::Props { view: f.diagram.clone(), lang }) }
                <EventLog view={f.log.clone()} {lang} dispatch={dispatch.clone()} />
            </section>
        </div>
    }
}
