//! The scenario's title and what to watch for.

use crate::view::about::About;
use finwait_messages::{fill, ui, Lang, Ui};
use std::rc::Rc;
use yew::prelude::*;

/// What it shows. A plain function, not a component: it keeps no state, and changes with
/// almost every frame anyway.
pub struct Props {
    pub about: Rc<About>,
    pub lang: Lang,
}

pub fn preset_info(props: &Props) -> Html {
    let (a, lang) = (&props.about, props.lang);
    html! {
        <section class="preset-info" aria-label={ui(lang, Ui::AboutScenario)}>
            <h2>
                if !a.tag.is_empty() { <span class="tag">{ &a.tag }</span> }
                { if a.title.is_empty() { ui(lang, Ui::BlankLab).to_string() } else { a.title.clone() } }
            </h2>
            if !a.description.is_empty() {
                <p>{ &a.description }</p>
            }
            if a.skipped > 0 {
                <p class="warning">{ fill(ui(lang, Ui::SkippedActions), &[&a.skipped.to_string()]) }</p>
            }
            if let Some(why) = &a.stopped {
                <p class="warning" role="alert">{ why }</p>
            }
        </section>
    }
}
