//! The sticky header: which scenario and which TCP, undo and redo, and the playback bar (restart,
//! back, play, step, to the end, speed, the time cursor and the clock).

use super::flash::flash_note;
use super::widgets::{button, glyph_button, send, Dispatch};
use crate::address::embed::{Embedding, Tool};
use crate::store::{preset_labels, Flash, Msg, SPEEDS};
use crate::view::about::About;
use crate::view::playback::Playback;
use finwait_core::{ProfileKind, Scenario, Time};
use finwait_messages::events::profile;
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
    pub flash: Option<Flash>,
    pub lang: Lang,
    /// A phone: the language switch shows a code (`EN`, `KO`), leaving the width to the scenario.
    pub narrow: bool,
    pub dispatch: Dispatch,
    /// What the instructor left the student (in an embedded lab).
    pub embedding: Rc<Embedding>,
    /// The share menu (or, embedded, the way to the full lab).
    pub share: Html,
}

pub fn header(props: &Props) -> Html {
    let Props { playback: pb, about, preset, playing, speed, flash, lang, narrow, dispatch, embedding, share } = props;
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
    let clock = time(lang, pb.cursor);
    let play = if *playing {
        html! { <button class="primary play" onclick={send(dispatch, Msg::Pause)} aria-label={t(Ui::Pause)} title={t(Ui::Pause)}>{ "❚❚" }<span class="label">{ t(Ui::Pause) }</span></button> }
    } else {
        // At the end, play starts over.
        let label = if pb.has_next { t(Ui::Play) } else { t(Ui::Replay) };
        html! { <button class="primary play" onclick={send(dispatch, Msg::Play)} aria-label={label} title={label}>{ "▶" }<span class="label">{ label }</span></button> }
    };

    // For the keyboard: straight to the diagram's one Tab stop, past the controls.
    let skip = Callback::from(|_: MouseEvent| {
        let stop = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("#timeline .seg[tabindex=\"0\"]").ok().flatten())
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(e).ok());
        if let Some(stop) = stop {
            let _ = stop.focus();
        }
    });
    html! {
        <header class="top">
            { button("", "skip", t(Ui::SkipToDiagram), skip) }
            <div class="bar">
                <h1 class="brand">{ "finwait" }<span class="tagline">{ t(Ui::Tagline) }</span></h1>
                if embedding.allows(Tool::Scenario) {
                <label class="field scenario">
                    <span>{ t(Ui::Scenario) }</span>
                    <select id="preset" onchange={on_preset}>
                        { for preset_labels(lang).iter().enumerate().map(|(i, label)| html! {
                            <option value={i.to_string()} selected={*preset == Some(i)}>{ label.clone() }</option>
                        }) }
                        <option value="blank" selected={about.blank}>{ t(Ui::BlankLab) }</option>
                        if custom {
                            <option selected=true disabled=true>{ t(Ui::CustomScenario) }</option>
                        }
                    </select>
                </label>
                } else {
                    <p class="fixed-title">{ about.title_in(lang) }</p>
                }
                if embedding.allows(Tool::Profile) {
                <label class="field">
                    <span>{ t(Ui::Profile) }</span>
                    <select id="profile" onchange={on_profile}>
                        { for ProfileKind::ALL.iter().map(|p| html! {
                            <option value={p.name()} selected={about.profile == *p}>{ profile(*p) }</option>
                        }) }
                    </select>
                </label>
                }
                // Not in an embed, whose page picks the language with `lang=`.
                if !embedding.embedded {
                    { lang_switch(lang, *narrow, dispatch) }
                }
                { share.clone() }
                <span class="history">
                    { glyph_button("", "icon", "↶", t(Ui::Undo), !pb.can_undo, send(dispatch, Msg::Undo)) }
                    { glyph_button("", "icon", "↷", t(Ui::Redo), !pb.can_redo, send(dispatch, Msg::Redo)) }
                </span>
            </div>
            <div class="playback" role="group" aria-label={t(Ui::Playback)}>
                { glyph_button("", "icon", "⇤", t(Ui::Restart), pb.cursor == Time::ZERO, send(dispatch, Msg::Restart)) }
                { glyph_button("", "icon", "◀", t(Ui::StepBack), pb.cursor == Time::ZERO, send(dispatch, Msg::StepBack)) }
                { play }
                { glyph_button("step", "step", t(Ui::StepShort), t(Ui::StepForward), !pb.has_next, send(dispatch, Msg::Step)) }
                { glyph_button("to-end", "icon", "⇥", t(Ui::ToEnd), !pb.has_next, send(dispatch, Msg::ToEnd)) }
                <select id="speed" onchange={on_speed} aria-label={t(Ui::Speed)} title={t(Ui::Speed)}>
                    { for SPEEDS.iter().enumerate().map(|(i, (s, label))| html! { <option value={i.to_string()} selected={s == speed}>{ *label }</option> }) }
                </select>
                <input id="cursor" type="range" min="0" max={(pb.instants.len().saturating_sub(1)).to_string()}
                    value={pb.position.to_string()} oninput={on_slider} aria-label={t(Ui::TimeCursor)} aria-valuetext={clock.clone()} />
                <output id="clock" class="clock" aria-live="off">{ clock }</output>
            </div>
            { flash_note(flash.as_ref(), lang, dispatch) }
        </header>
    }
}

/// The language switch: a button that names the next language in that language (`한국어` from
/// English, `English` from Korean; on a phone its code). The reader's pick is remembered for
/// next time; a course page's `setLang` is not.
#[cfg(feature = "ko")]
fn lang_switch(lang: Lang, narrow: bool, dispatch: &Dispatch) -> Html {
    let next = Lang::ALL[(Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0) + 1) % Lang::ALL.len()];
    let onclick = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            crate::address::storage::choose_lang(next);
            dispatch.emit(Msg::SetLang(next));
        })
    };
    html! {
        <button type="button" id="lang" class="lang" lang={next.code()} {onclick}
            title={finwait_messages::fill(ui(next, Ui::ReadIn), &[next.autonym()])}>
            { if narrow { next.code().to_ascii_uppercase() } else { next.autonym().to_string() } }
        </button>
    }
}

/// English alone: nothing to switch to.
#[cfg(not(feature = "ko"))]
fn lang_switch(_: Lang, _: bool, _: &Dispatch) -> Html {
    Html::default()
}
