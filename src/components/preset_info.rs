//! The scenario's title and what to watch for: two lines, the rest on request (a checkbox the
//! stylesheet reads, so the toggle costs no state), so the diagram keeps the screen. When the scenario runs under another profile than the one its text
//! was written for, it says so and how the states differ.

use crate::view::about::About;
use finwait_core::State;
use finwait_messages::events::profile;
use finwait_messages::{fill, ui, Lang, Ui};
use std::rc::Rc;
use yew::prelude::*;

/// What it shows. A plain function, not a component.
pub struct Props {
    pub about: Rc<About>,
    pub lang: Lang,
}

fn states(list: &[State]) -> String {
    list.iter().map(|s| s.name()).collect::<Vec<_>>().join(" → ")
}

pub fn preset_info(props: &Props) -> Html {
    let (a, lang) = (&props.about, props.lang);
    let t = |key| ui(lang, key);
    let note = a.profile_note.as_ref().map(|n| {
        let (now, then) = (profile(a.profile), profile(n.written_for));
        let head = fill(t(Ui::WrittenFor), &[then, now]);
        html! {
            <div class="profile-note" role="note">
                <p>{ head }{ " " }
                    if n.differences.is_empty() { { fill(t(Ui::SameStates), &[now]) } } else { { fill(t(Ui::StatesDiffer), &[now]) } }
                </p>
                if !n.differences.is_empty() {
                    <ul>{ for n.differences.iter().map(|(h, ran, written)| html! {
                        <li><strong>{ format!("{h}: ") }</strong>{ states(ran) }
                            <span class="then">{ format!(" ({then}: {})", states(written)) }</span></li>
                    }) }</ul>
                }
            </div>
        }
    });
    html! {
        <section class="preset-info" aria-label={t(Ui::AboutScenario)}>
            <h2>
                if !a.tag.is_empty() { <span class="tag">{ &a.tag }</span> }
                <span class="title">{ if a.title.is_empty() { t(Ui::BlankLab) } else { a.title_in(lang) } }</span>
                <span class="chip" title={t(Ui::Profile)}>{ profile(a.profile) }</span>
            </h2>
            if !a.description.is_empty() {
                <div class="about-text">
                    <p class="description" id="description">{ a.description_in(lang) }</p>
                    <label class="more toggle"><input type="checkbox" aria-controls="description" />{ t(Ui::WholeText) }</label>
                </div>
            } else {
                <p class="description">{ t(Ui::BlankHint) }</p>
            }
            { for note }
            if a.skipped > 0 {
                <p class="warning">{ fill(t(Ui::SkippedActions), &[&a.skipped.to_string()]) }</p>
            }
            if let Some((stop, events, at)) = a.stopped {
                <p class="warning" role="alert">{ finwait_messages::stopped(lang, stop, events, at) }</p>
            }
        </section>
    }
}
