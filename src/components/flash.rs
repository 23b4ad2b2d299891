//! A message next to the control that caused it: an action the simulation refused, or input it
//! could not use. The lab itself is unchanged when it shows; the next thing the user does
//! clears it.

use super::widgets::{send, Dispatch};
use crate::address::embed::{Panel, Tool};
use crate::address::params::{Key, ParamProblem};
use crate::address::Notice;
use crate::store::{Flash, Msg};
use finwait_messages::events::action_error;
use finwait_messages::{call_error, fill, link_error, ui, Lang, Ui};
use yew::prelude::*;

/// The message, if any, as an alert with a button to dismiss it.
pub fn flash_note(flash: Option<&Flash>, lang: Lang, dispatch: &Dispatch) -> Html {
    let Some(flash) = flash else { return html! {} };
    let text = match flash {
        Flash::Notices(list) if list.len() > 1 => html! {
            <ul>{ for list.iter().map(|n| html! { <li>{ notice(lang, n) }</li> }) }</ul>
        },
        other => html! { <span>{ explain(lang, other) }</span> },
    };
    html! {
        <div class="flash" role="alert">
            { text }
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
        Flash::Notices(list) => list.iter().map(|n| notice(lang, n)).collect::<Vec<_>>().join(" "),
        Flash::Locked(_) => ui(lang, Ui::ToolLocked).to_string(),
    }
}

/// What could not be used of the address or of the kept session.
fn notice(lang: Lang, n: &Notice) -> String {
    let t = |k| ui(lang, k);
    match n {
        Notice::Link(e) => fill(t(Ui::LinkNotOpened), &[&link_error(lang, e)]),
        Notice::Stored(e) => fill(t(Ui::StoredNotOpened), &[&link_error(lang, e)]),
        Notice::Skipped(n) => fill(t(Ui::LinkActionsSkipped), &[&n.to_string()]),
        Notice::Param(ParamProblem::Unknown { key }) => fill(t(Ui::ParamUnknown), &[key, &Key::NAMES.join(", ")]),
        Notice::Param(ParamProblem::BadValue { key, value }) => {
            let expected = match key {
                Key::Preset => t(Ui::ParamPreset).to_string(),
                Key::Profile => t(Ui::ParamProfile).to_string(),
                Key::Time => t(Ui::ParamTime).to_string(),
                Key::Autoplay | Key::Embed => t(Ui::ParamFlag).to_string(),
                Key::Lang => {
                    let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                    fill(t(Ui::ParamLang), &[&codes.join(", ")])
                }
                Key::Controls => fill(t(Ui::ParamList), &[&Tool::NAMES.join(", ")]),
                Key::Show => fill(t(Ui::ParamList), &[&Panel::NAMES.join(", ")]),
                Key::Lock => t(Ui::ParamLock).to_string(),
                Key::Origin => t(Ui::ParamOrigin).to_string(),
                Key::State => t(Ui::ParamState).to_string(),
                Key::Stress => t(Ui::ParamStress).to_string(),
                Key::Quiz => t(Ui::ParamQuiz).to_string(),
            };
            fill(t(Ui::ParamBadValue), &[key.name(), value, &expected])
        }
    }
}
