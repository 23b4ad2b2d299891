//! The header: which scenario, which TCP, and the playback controls (play, step, speed, the
//! time cursor, undo and redo).

use super::app::View;
use crate::store::{blank_scenario, preset_labels, Msg, SPEEDS};
use crate::text::{t, Ui};
use finwait_core::{ProfileKind, Time};
use web_sys::HtmlInputElement;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A plain function, not a component: it keeps no state of its own.
pub fn header(view: &View) -> Html {
    let lab = &view.lab;
    let lang = lab.lang;
    let session = lab.session.borrow();
    let profile = session.scenario().profile;
    let head = session.head_time();
    // The slider moves between the instants where something happened.
    let mut instants: Vec<Time> = session.trace().events.iter().map(|e| e.at).collect();
    instants.dedup();
    if instants.last() != Some(&head) {
        instants.push(head);
    }
    let position = instants.partition_point(|t| *t <= lab.cursor).saturating_sub(1);
    let has_next = session.next_event_after(lab.cursor).is_some();
    let is_blank = lab.preset.is_none() && session.scenario().name == "blank";
    drop(session);

    let on_preset = {
        let lab = lab.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            match select.value().parse::<usize>() {
                Ok(i) => lab.dispatch(Msg::LoadPreset(i)),
                Err(_) => lab.dispatch(Msg::LoadScenario(Box::new(blank_scenario()))),
            }
        })
    };
    let on_profile = {
        let lab = lab.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let p = if select.value() == "linux" { ProfileKind::Linux } else { ProfileKind::Rfc9293 };
            lab.dispatch(Msg::SetProfile(p));
        })
    };
    let on_speed = {
        let lab = lab.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((s, _)) = select.value().parse::<usize>().ok().and_then(|i| SPEEDS.get(i)) {
                lab.dispatch(Msg::SetSpeed(*s));
            }
        })
    };
    let on_slider = {
        let lab = lab.clone();
        let instants = instants.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(t) = input.value().parse::<usize>().ok().and_then(|i| instants.get(i)) {
                lab.dispatch(Msg::SetCursor(*t));
            }
        })
    };
    let send = |msg: Msg| {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(msg.clone()))
    };
    let play = if lab.playing {
        html! { <button class="primary" onclick={send(Msg::Pause)} aria-label={t(lang, Ui::Pause)}>{ "❚❚ " }{ t(lang, Ui::Pause) }</button> }
    } else {
        html! { <button class="primary" onclick={send(Msg::Play)} disabled={!has_next} aria-label={t(lang, Ui::Play)}>{ "▶ " }{ t(lang, Ui::Play) }</button> }
    };

    html! {
        <header class="top">
            <div class="brand">
                <h1>{ "finwait" }</h1>
                <p class="tagline">{ t(lang, Ui::Tagline) }</p>
            </div>
            <div class="controls">
                <label class="field">
                    <span>{ t(lang, Ui::Scenario) }</span>
                    <select id="preset" onchange={on_preset}>
                        { for preset_labels().iter().enumerate().map(|(i, label)| html! {
                            <option value={i.to_string()} selected={lab.preset == Some(i)}>{ label.clone() }</option>
                        }) }
                        <option value="blank" selected={is_blank}>{ t(lang, Ui::BlankLab) }</option>
                        if lab.preset.is_none() && !is_blank {
                            <option selected=true disabled=true>{ t(lang, Ui::CustomScenario) }</option>
                        }
                    </select>
                </label>
                <label class="field">
                    <span>{ t(lang, Ui::Profile) }</span>
                    <select id="profile" onchange={on_profile}>
                        <option value="rfc9293" selected={profile == ProfileKind::Rfc9293}>{ "RFC 9293" }</option>
                        <option value="linux" selected={profile == ProfileKind::Linux}>{ "Linux" }</option>
                    </select>
                </label>
            </div>
            <div class="playback" role="group" aria-label={t(lang, Ui::Playback)}>
                <button onclick={send(Msg::StepBack)} disabled={lab.cursor == Time::ZERO} title={t(lang, Ui::StepBack)} aria-label={t(lang, Ui::StepBack)}>{ t(lang, Ui::BackShort) }</button>
                { play }
                <button id="step" onclick={send(Msg::Step)} disabled={!has_next} title={t(lang, Ui::StepForward)} aria-label={t(lang, Ui::StepForward)}>{ t(lang, Ui::StepShort) }</button>
                <button id="to-end" onclick={send(Msg::ToEnd)} disabled={!has_next} title={t(lang, Ui::ToEnd)} aria-label={t(lang, Ui::ToEnd)}>{ t(lang, Ui::ToEndShort) }</button>
                <label class="field compact">
                    <span>{ t(lang, Ui::Speed) }</span>
                    <select id="speed" onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, (s, label))| html! { <option value={i.to_string()} selected={*s == lab.speed}>{ *label }</option> }) }
                    </select>
                </label>
                <input id="cursor" type="range" min="0" max={(instants.len().saturating_sub(1)).to_string()}
                    value={position.to_string()} oninput={on_slider} aria-label={t(lang, Ui::TimeCursor)} />
                <output id="clock" class="clock" aria-live="off">{ format_time(lab.cursor) }</output>
                <button onclick={send(Msg::Undo)} disabled={!lab.can_undo()} title={t(lang, Ui::Undo)} aria-label={t(lang, Ui::Undo)}>{ t(lang, Ui::UndoShort) }</button>
                <button onclick={send(Msg::Redo)} disabled={!lab.can_redo()} title={t(lang, Ui::Redo)} aria-label={t(lang, Ui::Redo)}>{ t(lang, Ui::RedoShort) }</button>
                <label class="toggle">
                    <input type="checkbox" id="compact" checked={lab.compact} onchange={{ let lab = lab.clone(); Callback::from(move |_: Event| lab.dispatch(Msg::ToggleCompact)) }} />
                    { t(lang, Ui::CompactLabels) }
                </label>
            </div>
        </header>
    }
}

/// `150 ms`, `1.25 s`, `4 min 0.15 s` (integer arithmetic only; see `geometry::px`).
pub fn format_time(t: Time) -> String {
    let ms = t.ms();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{} s", seconds(ms))
    } else {
        format!("{} min {} s", ms / 60_000, seconds(ms % 60_000))
    }
}

/// Milliseconds as seconds with up to three decimals: 1250 → "1.25".
fn seconds(ms: u64) -> String {
    let frac = ms % 1000;
    if frac == 0 {
        return (ms / 1000).to_string();
    }
    let digits = format!("{frac:03}");
    format!("{}.{}", ms / 1000, digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::format_time;
    use finwait_core::Time;

    #[test]
    fn times_read_naturally() {
        assert_eq!(format_time(Time(150)), "150 ms");
        assert_eq!(format_time(Time(1250)), "1.25 s");
        assert_eq!(format_time(Time(3000)), "3 s");
        assert_eq!(format_time(Time(240_150)), "4 min 0.15 s");
        assert_eq!(format_time(Time(60_005)), "1 min 0.005 s");
    }
}
