//! The header: which scenario, which TCP, and the playback controls (play, step, speed, the
//! time cursor, undo and redo).

use super::widgets::{send, Dispatch};
use crate::store::{preset_labels, Msg, SPEEDS};
use crate::view::about::About;
use crate::view::playback::Playback;
use finwait_core::{ProfileKind, Scenario, Time};
use finwait_messages::{time, ui, Lang, Ui};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What it shows. A plain function, not a component: it keeps no state, and changes with
/// almost every frame anyway.
pub struct Props {
    pub playback: Rc<Playback>,
    pub about: Rc<About>,
    pub preset: Option<usize>,
    pub playing: bool,
    pub speed: f64,
    pub compact: bool,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

/// The profile picker's choices, in order.
const PROFILES: [(ProfileKind, &str); 2] = [(ProfileKind::Rfc9293, "RFC 9293"), (ProfileKind::Linux, "Linux")];

pub fn header(props: &Props) -> Html {
    let Props { playback: pb, about, preset, playing, speed, compact, lang, dispatch } = props;
    let lang = *lang;
    let t = |key| ui(lang, key);
    let custom = preset.is_none() && !about.blank;

    let on_preset = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            match select.value().parse::<usize>() {
                Ok(i) => dispatch.emit(Msg::LoadPreset(i)),
                Err(_) => dispatch.emit(Msg::LoadScenario(Box::new(Scenario::blank()))),
            }
        })
    };
    let on_profile = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = ProfileKind::from_name(&select.value()) {
                dispatch.emit(Msg::SetProfile(p));
            }
        })
    };
    let on_speed = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((s, _)) = select.value().parse::<usize>().ok().and_then(|i| SPEEDS.get(i)) {
                dispatch.emit(Msg::SetSpeed(*s));
            }
        })
    };
    let on_slider = {
        let dispatch = dispatch.clone();
        let instants = pb.instants.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(t) = input.value().parse::<usize>().ok().and_then(|i| instants.get(i)) {
                dispatch.emit(Msg::SetCursor(*t));
            }
        })
    };
    let play = if *playing {
        html! { <button class="primary" onclick={send(dispatch, Msg::Pause)} aria-label={t(Ui::Pause)}>{ "❚❚ " }{ t(Ui::Pause) }</button> }
    } else {
        html! { <button class="primary" onclick={send(dispatch, Msg::Play)} disabled={!pb.has_next} aria-label={t(Ui::Play)}>{ "▶ " }{ t(Ui::Play) }</button> }
    };

    html! {
        <header class="top">
            <div class="brand">
                <h1>{ "finwait" }</h1>
                <p class="tagline">{ t(Ui::Tagline) }</p>
            </div>
            <div class="controls">
                <label class="field">
                    <span>{ t(Ui::Scenario) }</span>
                    <select id="preset" onchange={on_preset}>
                        { for preset_labels().iter().enumerate().map(|(i, label)| html! {
                            <option value={i.to_string()} selected={*preset == Some(i)}>{ label.clone() }</option>
                        }) }
                        <option value="blank" selected={about.blank}>{ t(Ui::BlankLab) }</option>
                        if custom {
                            <option selected=true disabled=true>{ t(Ui::CustomScenario) }</option>
                        }
                    </select>
                </label>
                <label class="field">
                    <span>{ t(Ui::Profile) }</span>
                    <select id="profile" onchange={on_profile}>
                        { for PROFILES.iter().map(|(p, label)| html! {
                            <option value={p.name()} selected={about.profile == *p}>{ *label }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="playback" role="group" aria-label={t(Ui::Playback)}>
                <button onclick={send(dispatch, Msg::StepBack)} disabled={pb.cursor == Time::ZERO} title={t(Ui::StepBack)} aria-label={t(Ui::StepBack)}>{ t(Ui::BackShort) }</button>
                { play }
                <button id="step" onclick={send(dispatch, Msg::Step)} disabled={!pb.has_next} title={t(Ui::StepForward)} aria-label={t(Ui::StepForward)}>{ t(Ui::StepShort) }</button>
                <button id="to-end" onclick={send(dispatch, Msg::ToEnd)} disabled={!pb.has_next} title={t(Ui::ToEnd)} aria-label={t(Ui::ToEnd)}>{ t(Ui::ToEndShort) }</button>
                <label class="field compact">
                    <span>{ t(Ui::Speed) }</span>
                    <select id="speed" onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, (s, label))| html! { <option value={i.to_string()} selected={s == speed}>{ *label }</option> }) }
                    </select>
                </label>
                <input id="cursor" type="range" min="0" max={(pb.instants.len().saturating_sub(1)).to_string()}
                    value={pb.position.to_string()} oninput={on_slider} aria-label={t(Ui::TimeCursor)} />
                <output id="clock" class="clock" aria-live="off">{ time(lang, pb.cursor) }</output>
                <button onclick={send(dispatch, Msg::Undo)} disabled={!pb.can_undo} title={t(Ui::Undo)} aria-label={t(Ui::Undo)}>{ t(Ui::UndoShort) }</button>
                <button onclick={send(dispatch, Msg::Redo)} disabled={!pb.can_redo} title={t(Ui::Redo)} aria-label={t(Ui::Redo)}>{ t(Ui::RedoShort) }</button>
                <label class="toggle">
                    <input type="checkbox" id="compact" checked={*compact} onchange={{ let d = dispatch.clone(); Callback::from(move |_: Event| d.emit(Msg::ToggleCompact)) }} />
                    { t(Ui::CompactLabels) }
                </label>
            </div>
        </header>
    }
}
