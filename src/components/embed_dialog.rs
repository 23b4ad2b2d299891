//! The embed dialog: builds the `<iframe>` snippet for a course page from the current session
//! and the locks the instructor picks (which tools students get, which panels show, whether the
//! scenario is fixed, the course page's origin for commands), and copies it.

use super::share::{copy_text, page_address};
use crate::address::embed::{Embedding, Panel, Panels, Tool, Tools};
use crate::address::params::Params;
use crate::store::Lab;
use finwait_messages::{fill, ui, Lang, Ui};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Frame sizes offered: the common embed sizes of course pages.
const SIZES: [(u32, u32); 3] = [(640, 480), (800, 600), (1024, 768)];

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The `<dialog>` element, opened by the share menu.
    pub node: NodeRef,
    pub open: bool,
    pub on_close: Callback<()>,
    pub lab: UseReducerHandle<Lab>,
    pub lang: Lang,
}

fn tool_label(t: Tool) -> Ui {
    match t {
        Tool::Calls => Ui::ToolCalls,
        Tool::Drop => Ui::ToolDrop,
        Tool::Delay => Ui::ToolDelay,
        Tool::Duplicate => Ui::ToolDuplicate,
        Tool::Hold => Ui::ToolHold,
        Tool::Inject => Ui::ToolInject,
        Tool::Timers => Ui::ToolTimers,
        Tool::Network => Ui::ToolNetwork,
        Tool::Scenario => Ui::ToolScenario,
        Tool::Profile => Ui::ToolProfile,
    }
}

fn panel_label(p: Panel) -> Ui {
    match p {
        Panel::Diagram => Ui::PanelDiagram,
        Panel::Log => Ui::PanelLog,
        Panel::Cards => Ui::PanelCards,
        Panel::Network => Ui::PanelNetwork,
    }
}

/// Text for an HTML attribute's value in double quotes.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// The snippet for a course page.
pub fn snippet(src: &str, size: (u32, u32), title: &str, resizer: Option<&str>) -> String {
    let frame = format!(
        "<iframe src=\"{}\" width=\"{}\" height=\"{}\" title=\"{}\" allow=\"fullscreen; clipboard-write\" loading=\"lazy\" style=\"border: 0; max-width: 100%\"></iframe>",
        attribute(src),
        size.0,
        size.1,
        attribute(title)
    );
    match resizer {
        Some(script) => format!("{frame}\n<script src=\"{}\" async></script>", attribute(script)),
        None => frame,
    }
}

#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &Props) -> Html {
    let Props { node, open, on_close, lab, lang } = props;
    let lang = *lang;
    let t = |k| ui(lang, k);
    let size = use_state(|| 1usize);
    let embedding = use_state(|| Embedding {
        embedded: true,
        tools: Tools::ALL,
        show: Panels::EMBED,
        lock_scenario: false,
        origin: None,
    });
    let origin_text = use_state(String::new);
    let at_moment = use_state(|| false);
    let resize = use_state(|| false);
    let copied = use_state(|| None::<bool>);

    // Only while open: the session can be long, and the dialog is mounted all the time.
    let text = if *open {
        let link = lab.opening().to_shared(*at_moment).to_plain_text();
        let src = format!("{}?{}#s={link}", page_address(), embedding.query());
        let title = fill(t(Ui::EmbedFrameTitle), &[&lab.frame.about.title]);
        let base = page_address();
        let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
        let script = format!("{dir}finwait-resize.js");
        snippet(&src, SIZES[*size], &title, resize.then_some(script.as_str()))
    } else {
        String::new()
    };

    let toggle_tool = |tool: Tool| {
        let embedding = embedding.clone();
        Callback::from(move |_: Event| {
            let mut e = (*embedding).clone();
            let mut list = e.tools.list();
            match list.iter().position(|t| *t == tool) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(tool),
            }
            e.tools = Tools::of(&list);
            embedding.set(e);
        })
    };
    let toggle_panel = |panel: Panel| {
        let embedding = embedding.clone();
        Callback::from(move |_: Event| {
            let mut e = (*embedding).clone();
            let mut list = e.show.list();
            match list.iter().position(|p| *p == panel) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(panel),
            }
            e.show = Panels::of(&list);
            embedding.set(e);
        })
    };
    let flip = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |_: Event| state.set(!*state))
    };
    let on_lock = {
        let embedding = embedding.clone();
        Callback::from(move |_: Event| {
            embedding.set(Embedding { lock_scenario: !embedding.lock_scenario, ..(*embedding).clone() })
        })
    };
    // The origin is read as a link's `origin=` would be: what it refuses, it says.
    let origin_ok = origin_text.is_empty() || Params::read(&format!("?origin={}", *origin_text), "").origin.is_some();
    let on_origin = {
        let (embedding, origin_text) = (embedding.clone(), origin_text.clone());
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            let origin = Params::read(&format!("?origin={v}"), "").origin;
            embedding.set(Embedding { origin, ..(*embedding).clone() });
            origin_text.set(v);
        })
    };
    let on_size = {
        let size = size.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            size.set(v.parse().unwrap_or(1));
        })
    };
    let copy = {
        let (text, copied) = (text.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (text, copied) = (text.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move { copied.set(Some(copy_text(&text).await)) });
        })
    };
    let close = {
        let (node, on_close) = (node.clone(), on_close.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = node.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
            on_close.emit(());
        })
    };
    let on_dialog_close = {
        let on_close = on_close.clone();
        Callback::from(move |_: Event| on_close.emit(()))
    };
    let status = match *copied {
        None => "",
        Some(true) => t(Ui::SnippetCopied),
        Some(false) => t(Ui::CopyFailed),
    };
    html! {
        <dialog ref={node.clone()} class="embed-dialog" aria-labelledby="embed-title" onclose={on_dialog_close}>
            <h2 id="embed-title">{ t(Ui::EmbedTitle) }</h2>
            <div class="embed-form">
                <label class="field">
                    <span>{ t(Ui::EmbedSize) }</span>
                    <select id="embed-size" onchange={on_size}>
                        { for SIZES.iter().enumerate().map(|(i, (w, h))| html! {
                            <option value={i.to_string()} selected={i == *size}>{ format!("{w} × {h}") }</option>
                        }) }
                    </select>
                </label>
                <fieldset>
                    <legend>{ t(Ui::EmbedTools) }</legend>
                    { for Tool::ALL.iter().map(|tool| html! {
                        <label class="check"><input type="checkbox" data-tool={tool.name()} checked={embedding.tools.allows(*tool)}
                            onchange={toggle_tool(*tool)} />{ t(tool_label(*tool)) }</label>
                    }) }
                </fieldset>
                <fieldset>
                    <legend>{ t(Ui::EmbedPanels) }</legend>
                    { for Panel::ALL.iter().map(|panel| html! {
                        <label class="check"><input type="checkbox" data-panel={panel.name()} checked={embedding.show.shows(*panel)}
                            onchange={toggle_panel(*panel)} />{ t(panel_label(*panel)) }</label>
                    }) }
                </fieldset>
                <label class="check"><input type="checkbox" id="embed-lock" checked={embedding.lock_scenario} onchange={on_lock} />{ t(Ui::EmbedLock) }</label>
                <label class="check"><input type="checkbox" id="embed-moment" checked={*at_moment} onchange={flip(&at_moment)} />{ t(Ui::EmbedAtMoment) }</label>
                <label class="check"><input type="checkbox" id="embed-resize" checked={*resize} onchange={flip(&resize)} />{ t(Ui::EmbedResize) }</label>
                <label class="field origin">
                    <span>{ t(Ui::EmbedOrigin) }</span>
                    <input id="embed-origin" type="url" value={(*origin_text).clone()} oninput={on_origin} placeholder="https://course.example.edu"
                        aria-invalid={(!origin_ok).to_string()} aria-describedby="embed-origin-error" />
                </label>
                <p id="embed-origin-error" class="field-error" role="status">{ if origin_ok { "" } else { t(Ui::ParamOrigin) } }</p>
            </div>
            <label class="field snippet">
                <span>{ t(Ui::EmbedSnippet) }</span>
                <textarea id="embed-snippet" readonly=true rows="4" value={text.clone()} />
            </label>
            <div class="dialog-actions">
                <p class="status" role="status">{ status }</p>
                <button id="copy-snippet" class="primary" onclick={copy}>{ t(Ui::CopySnippet) }</button>
                <button onclick={close}>{ t(Ui::Close) }</button>
            </div>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_is_an_iframe_with_what_a_course_page_needs() {
        let s = snippet(
            "https://x.example/finwait/?embed=1&controls=drop#s=AQ",
            (800, 600),
            "finwait: \"S08\" & more",
            None,
        );
        assert_eq!(
            s,
            "<iframe src=\"https://x.example/finwait/?embed=1&amp;controls=drop#s=AQ\" width=\"800\" height=\"600\" \
             title=\"finwait: &quot;S08&quot; &amp; more\" allow=\"fullscreen; clipboard-write\" loading=\"lazy\" \
             style=\"border: 0; max-width: 100%\"></iframe>"
        );
        let with_script = snippet("a", (640, 480), "t", Some("https://x.example/finwait/finwait-resize.js"));
        assert!(with_script.ends_with("\n<script src=\"https://x.example/finwait/finwait-resize.js\" async></script>"));
    }
}
