//! "Copy as Mermaid" in the share menu: the session's whole run as a Mermaid sequence diagram
//! (`finwait_messages::mermaid`, the text `finwait run --format mermaid` prints), for slides
//! and notes. Where the browser does not let the page copy, the text is shown, selected, to
//! copy by hand. Part of the course build (the `mermaid` feature).

use super::share::copy_text;
use super::widgets::button;
use crate::store::Lab;
use finwait_messages::{mermaid, ui, Lang, Ui};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the last click did.
#[derive(Clone, PartialEq)]
enum Copied {
    Not,
    Yes,
    /// The browser refused: the diagram, to copy by hand.
    Refused(AttrValue),
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
    pub lang: Lang,
}

#[function_component(CopyMermaid)]
pub fn copy_mermaid(props: &Props) -> Html {
    let Props { lab, lang } = props;
    let lang = *lang;
    let copied = use_state(|| Copied::Not);
    let onclick = {
        let (lab, copied) = (lab.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let scenario = lab.to_scenario();
            let Ok(run) = scenario.run() else { return };
            let text = mermaid::render(&scenario, &run.trace, lang);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(if copy_text(&text).await { Copied::Yes } else { Copied::Refused(text.into()) });
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(area) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
            area.select();
        }
    });
    let (status, by_hand) = match &*copied {
        Copied::Not => ("", None),
        Copied::Yes => (ui(lang, Ui::MermaidCopied), None),
        Copied::Refused(text) => (ui(lang, Ui::CopyFailed), Some(text.clone())),
    };
    html! {
        <div class="copy-mermaid">
            { button("copy-mermaid", "", ui(lang, Ui::CopyMermaid), onclick) }
            <p class="status" role="status">{ status }</p>
            if let Some(text) = by_hand {
                <textarea readonly=true rows="6" aria-label={ui(lang, Ui::CopyMermaid)} value={text} onfocus={select_all} />
            }
        </div>
    }
}
