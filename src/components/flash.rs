//! A banner for what the user should know now: an action the simulation refused, or input it
//! could not use. The lab itself is unchanged when this shows.

use super::widgets::{send, Dispatch};
use crate::store::{Flash, Msg};
use finwait_messages::events::action_error;
use finwait_messages::{call_error, fill, ui, Lang, Ui};
use yew::prelude::*;

/// What it shows. A plain function, not a component: it keeps no state, and changes with
/// almost every frame anyway.
pub struct Props {
    pub flash: Option<Flash>,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

pub fn flash_banner(props: &Props) -> Html {
    let Some(flash) = &props.flash else { return html! {} };
    let lang = props.lang;
    html! {
        <div class="flash" role="alert" id="flash">
            <span>{ explain(lang, flash) }</span>
            <button class="small" onclick={send(&props.dispatch, Msg::DismissFlash)} aria-label={ui(lang, Ui::Dismiss)}>{ "✕" }</button>
        </div>
    }
}

fn explain(lang: Lang, flash: &Flash) -> String {
    match flash {
        Flash::Refused(e) => action_error(lang, e),
        Flash::CallFails { call, error } => {
            fill(ui(lang, Ui::CallFailsHere), &[&format!("{}()", call.name()), call_error(lang, *error)])
        }
        Flash::RunStopped => ui(lang, Ui::ErrRunStopped).to_string(),
        Flash::BrokenPreset => ui(lang, Ui::ErrInput).to_string(),
    }
}
