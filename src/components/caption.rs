//! The caption over the diagram: what happened at the cursor's instant, to whom, and the rule
//! behind it; and what happens next, counting down to it.

use super::widgets::{cls, host_class};
use crate::view::caption::Caption;
use finwait_messages::{fill, time, ui, Lang, Ui};
use yew::prelude::*;

/// A plain function: it changes with every move of the cursor.
pub fn caption(c: &Caption, lang: Lang) -> Html {
    html! {
        // Focusable, so that a caption longer than its box can be scrolled from the keyboard.
        <div class="caption" id="caption" role="region" tabindex="0" aria-label={ui(lang, Ui::CurrentStep)}>
            <p class="caption-at">{ fill(ui(lang, Ui::AtTime), &[&time(lang, c.at)]) }</p>
            <ul class="caption-lines">
                { for c.lines.iter().map(|l| html! {
                    <li>
                        { l.host.map(|h| html! { <span class={cls(&["badge", host_class(h)])}>{ h.to_string() }</span> }).unwrap_or_else(|| html! { <span class="badge net" aria-label={ui(lang, Ui::Network)}>{ "≈" }</span> }) }
                        <span class="what">{ &l.text }</span>
                        if let Some(why) = &l.why { <span class="why">{ why }</span> }
                    </li>
                }) }
                if c.more > 0 {
                    <li class="more">{ fill(ui(lang, Ui::MoreInLog), &[&c.more.to_string()]) }</li>
                }
            </ul>
            <p class="caption-next">{ &c.next }</p>
        </div>
    }
}
