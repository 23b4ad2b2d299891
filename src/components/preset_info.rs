//! The scenario's title and what to watch for.

use super::app::View;
use crate::text::{fill, t, Ui};
use yew::prelude::*;

/// A plain function, not a component: it keeps no state of its own.
pub fn preset_info(view: &View) -> Html {
    let lab = &view.lab;
    let lang = lab.lang;
    let session = lab.session.borrow();
    let s = session.scenario();
    let skipped = session.skipped().len();
    let cut_short = session.cut_short().then(|| session.trace().len());
    html! {
        <section class="preset-info" aria-label={t(lang, Ui::AboutScenario)}>
            <h2>
                if !s.conformance.is_empty() { <span class="tag">{ &s.conformance }</span> }
                { if s.title.is_empty() { t(lang, Ui::BlankLab).to_string() } else { s.title.clone() } }
            </h2>
            if !s.description.is_empty() {
                <p>{ &s.description }</p>
            }
            if skipped > 0 {
                <p class="warning">{ fill(t(lang, Ui::SkippedActions), &[&skipped.to_string()]) }</p>
            }
            if let Some(events) = cut_short {
                <p class="warning" role="alert">{ fill(t(lang, Ui::RunCutShort), &[&events.to_string()]) }</p>
            }
        </section>
    }
}
