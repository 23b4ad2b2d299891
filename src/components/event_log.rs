//! The event log: everything that happened up to the cursor, in order, each with the rule
//! behind it in a plain sentence ("RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2 …").

use super::widgets::{button, cls, host_class, send, Dispatch};
use crate::store::Msg;
use crate::view::log::{LogRow, LogView};
use finwait_messages::{fill, time, ui, Lang, Ui};
use yew::prelude::*;

/// A plain function, not a component: it keeps no state, and its rows change with the cursor,
/// so comparing them before each render would cost as much as rendering them.
pub fn event_log(log: &LogView, lang: Lang, dispatch: &Dispatch) -> Html {
    let toggle = {
        let dispatch = dispatch.clone();
        let all = log.options.all_timers;
        Callback::from(move |_: Event| dispatch.emit(Msg::ShowAllTimers(!all)))
    };
    // One keyed list, the summary of earlier rows first: yew matches keyed children only
    // within one list, so the rows are moved, not rebuilt, as the cursor moves.
    let more = (log.earlier > 0).then(|| {
        html! {
            <li key="more" class="more">
                { fill(ui(lang, Ui::EarlierEvents), &[&log.earlier.to_string()]) }{ " " }
                { button("", "small", ui(lang, Ui::ShowEarlier), send(dispatch, Msg::ShowEarlier)) }
            </li>
        }
    });
    let rows = more.into_iter().chain(log.rows.iter().map(|r| row(lang, r, dispatch)));
    html! {
        <section class="panel event-log" aria-label={ui(lang, Ui::EventLog)}>
            <h2>{ ui(lang, Ui::EventLog) }</h2>
            <label class="toggle"><input type="checkbox" checked={log.options.all_timers} onchange={toggle} />{ ui(lang, Ui::ShowTimers) }</label>
            // The wrapper scrolls from the bottom (CSS column-reverse), so the newest row stays
            // in view without reading the layout from script.
            <div class="log-scroll"><ol class="log">{ for rows }</ol></div>
            // For screen readers, the latest change of state only — not every row of a log
            // that playback rebuilds many times a second.
            <p class="sr-only" aria-live="polite">{ log.latest_change.clone() }</p>
        </section>
    }
}

fn row(lang: Lang, r: &LogRow, dispatch: &Dispatch) -> Html {
    let onclick = {
        let dispatch = dispatch.clone();
        let (at, segment) = (r.at, r.segment);
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Msg::SetCursor(at));
            if segment.is_some() {
                dispatch.emit(Msg::Select(segment));
            }
        })
    };
    html! {
        <li key={r.index}>
            <button class="log-row" {onclick}>
                <span class="when">{ time(lang, r.at) }</span>
                { r.host.map(|h| html! { <span class={cls(&["badge", host_class(h)])}>{ h.to_string() }</span> }).unwrap_or_else(|| html! { <span class="badge net">{ "≈" }</span> }) }
                <span class="what">{ &r.text }</span>
                if let Some(why) = &r.why {
                    <span class="why">{ why }</span>
                }
            </button>
        </li>
    }
}
