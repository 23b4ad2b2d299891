//! The embed dialog, with the share menu's entry that opens it: builds the `<iframe>` snippet
//! for a course page from the current session and the locks the instructor picks (which tools
//! students get, which panels show, whether the scenario is fixed, the course page's origin
//! for commands), and copies it. Part of the course build (the `course` feature).

use super::share::{copy_text, page_address};
use super::widgets::button;
use crate::address::embed::{Embedding, Panel, Panels, Tool};
use crate::address::params::Params;
use crate::store::Lab;
use finwait_messages::{fill, ui, Lang, Ui};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Frame sizes offered: the common embed sizes of course pages.
const SIZES: [(u32, u32); 3] = [(640, 480), (800, 600), (1024, 768)];

#[derive(Properties, PartialEq)]
pub struct Props {
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

/// What the instructor has picked so far.
#[derive(Clone, PartialEq)]
struct Form {
    size: usize,
    embedding: Embedding,
    origin_text: String,
    at_moment: bool,
    resize: bool,
}

impl Form {
    /// The form after a change to one of its fields, named by the field's `name` attribute
    /// (`tool`, `panel`, `lock`, …) and, for a tool or panel, its `value`.
    fn changed(&self, name: &str, value: &str) -> Form {
        let mut f = self.clone();
        let e = &mut f.embedding;
        match name {
            "tool" => {
                if let Some(t) = Tool::from_name(value) {
                    e.tools = e.tools.toggled(t);
                }
            }
            "panel" => {
                if let Some(p) = Panel::from_name(value) {
                    e.show = e.show.toggled(p);
                }
            }
            "lock" => e.lock_scenario = !e.lock_scenario,
            "moment" => f.at_moment = !f.at_moment,
            "resize" => f.resize = !f.resize,
            "size" => f.size = value.parse().unwrap_or(1).min(SIZES.len() - 1),
            "origin" => {
                e.origin = Params::read(&format!("?origin={value}"), "").origin;
                f.origin_text = value.to_string();
            }
            _ => {}
        }
        f
    }
}

#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &Props) -> Html {
    let Props { lab, lang } = props;
    let lang = *lang;
    let t = |k| ui(lang, k);
    let node = use_node_ref();
    let open = use_state(|| false);
    let form = use_state(|| Form {
        size: 1,
        embedding: Embedding { embedded: true, show: Panels::EMBED, ..Embedding::default() },
        origin_text: String::new(),
        at_moment: false,
        resize: false,
    });
    let copied = use_state(|| None::<bool>);

    // Only while open: the session can be long, and the dialog is mounted all the time.
    let text = if *open {
        let link = lab.opening().to_shared(form.at_moment).to_plain_text();
        let base = page_address();
        let src = format!("{base}?{}#s={link}", form.embedding.query());
        let title = fill(t(Ui::EmbedFrameTitle), &[lab.frame.about.title_in(lang)]);
        let script = format!("{}finwait-resize.js", &base[..base.rfind('/').map_or(0, |i| i + 1)]);
        snippet(&src, SIZES[form.size], &title, form.resize.then_some(script.as_str()))
    } else {
        String::new()
    };

    // One handler for every field: each says what it is by its name and value.
    let on_change = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let Some(field) = e.target_dyn_into::<web_sys::Element>() else { return };
            let name = field.get_attribute("name").unwrap_or_default();
            let value = match field.dyn_ref::<HtmlInputElement>() {
                Some(input) if input.type_() != "checkbox" => input.value(),
                _ => match field.dyn_ref::<web_sys::HtmlSelectElement>() {
                    Some(select) => select.value(),
                    None => field.get_attribute("value").unwrap_or_default(),
                },
            };
            form.set(form.changed(&name, &value));
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
        let node = node.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = node.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let on_open = {
        let (node, open) = (node.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = node.cast::<web_sys::HtmlDialogElement>() {
                let _ = d.show_modal();
                open.set(true);
            }
        })
    };
    let on_dialog_close = {
        let open = open.clone();
        Callback::from(move |_: Event| open.set(false))
    };
    let status = match *copied {
        None => "",
        Some(true) => t(Ui::SnippetCopied),
        Some(false) => t(Ui::CopyFailed),
    };
    let origin_ok = form.origin_text.is_empty() || form.embedding.origin.is_some();
    let check = |name: &'static str, value: &'static str, on: bool, label: Ui| {
        html! { <label class="check"><input type="checkbox" {name} {value} checked={on} />{ t(label) }</label> }
    };
    html! {
        <>
        { button("open-embed", "", t(Ui::EmbedOpen), on_open) }
        <dialog ref={node.clone()} id="embed-dialog" class="embed-dialog" aria-labelledby="embed-title" onclose={on_dialog_close}>
            <h2 id="embed-title">{ t(Ui::EmbedTitle) }</h2>
            <div class="embed-form" onchange={on_change.clone()}>
                <label class="field">
                    <span>{ t(Ui::EmbedSize) }</span>
                    <select name="size">
                        { for SIZES.iter().enumerate().map(|(i, (w, h))| html! {
                            <option value={i.to_string()} selected={i == form.size}>{ format!("{w} × {h}") }</option>
                        }) }
                    </select>
                </label>
                <fieldset>
                    <legend>{ t(Ui::EmbedTools) }</legend>
                    { for Tool::ALL.iter().map(|x| check("tool", x.name(), form.embedding.tools.contains(*x), tool_label(*x))) }
                </fieldset>
                <fieldset>
                    <legend>{ t(Ui::EmbedPanels) }</legend>
                    { for Panel::ALL.iter().map(|x| check("panel", x.name(), form.embedding.show.contains(*x), panel_label(*x))) }
                </fieldset>
                { check("lock", "", form.embedding.lock_scenario, Ui::EmbedLock) }
                { check("moment", "", form.at_moment, Ui::EmbedAtMoment) }
                { check("resize", "", form.resize, Ui::EmbedResize) }
                <label class="field origin">
                    <span>{ t(Ui::EmbedOrigin) }</span>
                    <input name="origin" type="url" value={form.origin_text.clone()} placeholder="https://course.example.edu"
                        aria-invalid={(!origin_ok).to_string()} aria-describedby="embed-origin-error" />
                </label>
                <p id="embed-origin-error" class="field-error" role="status">{ if origin_ok { "" } else { t(Ui::ParamOrigin) } }</p>
            </div>
            <label class="field snippet">
                <span>{ t(Ui::EmbedSnippet) }</span>
                <textarea id="embed-snippet" readonly=true rows="4" value={text} />
            </label>
            <div class="dialog-actions">
                <p class="status" role="status">{ status }</p>
                { button("copy-snippet", "primary", t(Ui::CopySnippet), copy) }
                { button("", "", t(Ui::Close), close) }
            </div>
        </dialog>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_changes_its_part_of_the_form() {
        let f = Form {
            size: 1,
            embedding: Embedding { embedded: true, show: Panels::EMBED, ..Embedding::default() },
            origin_text: String::new(),
            at_moment: false,
            resize: false,
        };
        let g = f.changed("tool", "drop").changed("panel", "log").changed("lock", "").changed("size", "2");
        assert!(!g.embedding.tools.contains(Tool::Drop) && g.embedding.tools.contains(Tool::Delay));
        assert!(g.embedding.show.contains(Panel::Log) && g.embedding.lock_scenario && g.size == 2);
        assert!(g.changed("tool", "drop").embedding.tools.contains(Tool::Drop));
        let o = f.changed("origin", "https://lms.example.edu");
        assert_eq!(o.embedding.origin.as_deref(), Some("https://lms.example.edu"));
        assert_eq!(f.changed("origin", "lms").embedding.origin, None);
        assert_eq!(f.changed("size", "9").size, SIZES.len() - 1);
    }

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
