//! A message next to the control that caused it: an action the simulation refused, or input it
//! could not use. The lab itself is unchanged when it shows; the next thing the user does
//! clears it.

use super::widgets::{send, Dispatch};
use crate::store::{Flash, Msg};
use finwait_messages::events::action_error;
use finwait_messages::{call_error, fill, ui, Lang, Ui};
use yew::prelude::*;

/// The message, if any, as an alert with a button to dismiss it.
pub fn flash_note(flash: Option<&Flash>, lang: Lang, dispatch: &Dispatch) -> Html {
    let Some(flash) = flash else { return html! {} };
    html! {
        <div class="flash" role="alert">
            <span>{ explain(lang, flash) }</span>
            <button class="small" onclick={send(dispatch, Msg::DismissFlash)} aria-label={ui(lang, Ui::Dismiss)}>{ "✕" }</button>
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
