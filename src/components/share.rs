//! Sharing the lab: "Copy link" (the session, to be played from the start), "Copy link at this
//! moment" (the cursor too), and in the course build the capture for Wireshark, the diagram as
//! Mermaid text or as a picture, and the embed dialog. The link is shown as well,
//! selected, in case the browser does not let the page copy (a frame without
//! `clipboard-write`). In an embedded lab this is one link instead: open the session in the
//! full lab.

use super::widgets::{button, Dispatch};
use crate::address::codec;
use crate::store::{Lab, Msg};
use finwait_messages::{ui, Lang, Ui};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The page's address without its query and fragment: where links to the lab point.
pub fn page_address() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// Puts `text` on the clipboard; false when the browser does not allow it.
pub async fn copy_text(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    // Absent outside secure contexts.
    if !js_sys::Reflect::has(&navigator, &"clipboard".into()).unwrap_or(false) {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok()
}

/// A plain function, not a component: what it shows (the link last made, whether it was
/// copied) is in the store.
pub fn share(lab: &UseReducerHandle<Lab>, lang: Lang, dispatch: &Dispatch) -> Html {
    let t = |k| ui(lang, k);

    if lab.embedding.embedded {
        // The session in the full lab, without the instructor's locks: the address is brought
        // up to date as the link is about to be followed (by mouse, keyboard or touch).
        let aim = {
            let lab = lab.clone();
            move |e: &Event| {
                let href = format!("{}#s={}", page_address(), lab.opening().to_shared(true).to_plain_text());
                if let Some(a) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    let _ = a.set_attribute("href", &href);
                }
            }
        };
        let (on_down, on_focus, on_click) = (aim.clone(), aim.clone(), aim);
        return html! {
            <a class="full-lab" href={page_address()} target="_blank" rel="noopener"
                onmousedown={Callback::from(move |e: MouseEvent| on_down(&e))}
                onfocus={Callback::from(move |e: FocusEvent| on_focus(&e))}
                onclick={Callback::from(move |e: MouseEvent| on_click(&e))}>{ t(Ui::OpenFullLab) }</a>
        };
    }

    let copy = |at_moment: bool| {
        let (lab, dispatch) = (lab.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let shared = lab.opening().to_shared(at_moment);
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let url = format!("{}#s={}", page_address(), codec::to_text(&shared).await);
                let ok = copy_text(&url).await;
                dispatch.emit(Msg::Copied(url, ok));
                // Not copied: the link is selected in its field, to copy by hand.
                let field =
                    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("share-link"));
                if let (false, Some(input)) = (ok, field.and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok())) {
                    input.select();
                }
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            input.select();
        }
    });
    let (link, status) = match &lab.shared {
        None => ("", ""),
        Some((link, true)) => (link.as_str(), t(Ui::LinkCopied)),
        Some((link, false)) => (link.as_str(), t(Ui::CopyFailed)),
    };
    html! {
        <>
            <details class="share">
                <summary>{ t(Ui::Share) }</summary>
                <div class="share-menu">
                    { button("copy-link", "", t(Ui::CopyLink), copy(false)) }
                    { button("copy-link-now", "", t(Ui::CopyLinkNow), copy(true)) }
                    if !link.is_empty() {
                        <input id="share-link" readonly=true value={link.to_string()} aria-label={t(Ui::LinkToLab)} onfocus={select_all} />
                    }
                    <p class="status" role="status">{ status }</p>
                    { for feature_entries(lab, lang) }
                </div>
            </details>
        </>
    }
}

/// The menu's entries that only some builds have (the course build has them all): the capture
/// for Wireshark (`capture`; `finwait run --format pcapng` writes one too), the diagram as
/// Mermaid (`mermaid`; `finwait run --format mermaid`), the diagram as a picture (`picture`),
/// and the embed dialog (`course`;
/// docs/embedding.md writes the snippet by hand). The standard build has none.
#[cfg_attr(
    not(any(feature = "capture", feature = "mermaid", feature = "picture", feature = "course")),
    allow(unused_variables)
)]
fn feature_entries(lab: &UseReducerHandle<Lab>, lang: Lang) -> Vec<Html> {
    #[allow(unused_mut)]
    let mut entries = Vec::new();
    #[cfg(feature = "capture")]
    entries.push(html! { <super::capture_export::CaptureExport lab={lab.clone()} {lang} /> });
    #[cfg(feature = "mermaid")]
    entries.push(html! { <super::copy_mermaid::CopyMermaid lab={lab.clone()} {lang} /> });
    #[cfg(feature = "picture")]
    entries.push(html! { <super::picture_export::PictureExport lab={lab.clone()} {lang} /> });
    #[cfg(feature = "course")]
    entries.push(html! { <super::embed_dialog::EmbedDialog lab={lab.clone()} {lang} /> });
    entries
}
