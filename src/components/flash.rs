//! A banner for what the user should know now: an action the simulation refused, or input it
//! could not use. The lab itself is unchanged when this shows.

use super::app::View;
use crate::store::{Flash, Msg};
use crate::text::{fill, t, Lang, Ui};
use finwait_core::action::ActionError;
use finwait_core::network::NetworkError;
use yew::prelude::*;

/// A plain function, not a component: it keeps no state of its own.
pub fn flash_banner(view: &View) -> Html {
    let lab = &view.lab;
    let Some(flash) = &lab.flash else { return html! {} };
    let dismiss = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| lab.dispatch(Msg::DismissFlash))
    };
    html! {
        <div class="flash" role="alert" id="flash">
            <span>{ explain(lab.lang, flash) }</span>
            <button class="small" onclick={dismiss} aria-label={t(lab.lang, Ui::Dismiss)}>{ "✕" }</button>
        </div>
    }
}

pub fn explain(lang: Lang, flash: &Flash) -> String {
    match flash {
        Flash::Refused(e) => match e {
            ActionError::Network(NetworkError::NotInFlight { segment }) => {
                format!("{segment}: {}", t(lang, Ui::ErrNotInFlight))
            }
            ActionError::Network(NetworkError::NotHeld { segment }) => {
                format!("{segment}: {}", t(lang, Ui::ErrNotHeld))
            }
            ActionError::Network(NetworkError::SameSegment { .. }) => t(lang, Ui::ErrSameSegment).to_string(),
            ActionError::SendNeedsOnePayload => t(lang, Ui::ErrPayload).to_string(),
            ActionError::TimerNotRunning { host, .. } => format!("{host}: {}", t(lang, Ui::ErrTimerNotRunning)),
            ActionError::OutOfRange { field, max } => {
                fill(t(lang, Ui::ErrAtMost), &[field_name(lang, field), &max.to_string()])
            }
        },
        Flash::BadInput(key) => t(lang, *key).to_string(),
        Flash::CallFails { call, error } => {
            fill(t(lang, Ui::CallFailsHere), &[&format!("{call}()"), finwait_messages::call_error(lang, *error)])
        }
    }
}

/// The words for a field the core names in an error.
fn field_name(lang: Lang, field: &str) -> &str {
    match field {
        "by_ms" => t(lang, Ui::FieldDelay),
        "ms" => t(lang, Ui::FieldLatency),
        "bytes" => t(lang, Ui::FieldBytes),
        "data" => t(lang, Ui::FieldPayload),
        other => other,
    }
}
