//! "Picture of the diagram" in the share menu: the timeline as an SVG or a PNG, for slides and
//! notes — the whole run or what is in view, on a light background, with the legend. The
//! picture is drawn by the timeline's own `Marks`, laid out wide whatever the screen, off
//! screen for a moment, and written out by `crate::picture`. Part of the course build (the
//! `picture` feature).

use super::effect::use_effect_on;
use super::timeline::{host_names, legend_entries, on_screen, Marks, Now, LEGEND_KEYS};
use super::widgets::{button, select};
use crate::download;
use crate::geometry::px;
use crate::geometry::timeline::Layout;
use crate::picture::{self, PngRefused};
use crate::store::Lab;
use finwait_messages::{fill, ui, Lang, Ui};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Height of the header above the diagram (host names), as on the page.
const HEADER: f64 = 30.0;
/// The legend below the diagram: four keys to a row.
const LEGEND_COLUMNS: usize = 4;
const LEGEND_ROW: f64 = 20.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Svg,
    Png,
}

/// A picture being made: drawn in one render, written out after it.
struct Job {
    /// Counts up, so that each job runs its effect once.
    number: u64,
    format: Format,
    layout: Layout,
    /// Heights of the layout to show: all of it, or what was on the screen.
    range: Option<(f64, f64)>,
    scenario: String,
}

impl Job {
    /// The diagram's height in the picture: the whole layout, or the header and the part.
    fn diagram_height(&self) -> f64 {
        match self.range {
            None => self.layout.height,
            Some((lo, hi)) => HEADER + hi - lo,
        }
    }

    /// The picture's width and height, the legend's rows included.
    fn size(&self) -> (f64, f64) {
        let rows = LEGEND_KEYS.div_ceil(LEGEND_COLUMNS);
        (self.layout.dims.width(), self.diagram_height() + 12.0 + rows as f64 * LEGEND_ROW)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
    pub lang: Lang,
}

#[function_component(PictureExport)]
pub fn picture_export(props: &Props) -> Html {
    let Props { lab, lang } = props;
    let lang = *lang;
    let t = |k| ui(lang, k);
    let in_view = use_state(|| 0usize);
    let job: UseStateHandle<Option<Rc<Job>>> = use_state(|| None);
    let made = use_mut_ref(|| 0u64);
    let problem: UseStateHandle<Option<Ui>> = use_state(|| None);
    let stage = use_node_ref();

    let start = |format| {
        let (lab, in_view, job, made, problem) =
            (lab.clone(), in_view.clone(), job.clone(), made.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            let layout = lab.picture_layout();
            let range = (*in_view == 1).then(|| {
                // What the screen shows, by time, found again in the wide layout.
                let (top, bottom) = on_screen(lab.layout.dims.width()).unwrap_or((0.0, lab.layout.height));
                let (from, to) = (lab.layout.axis.time_at(top), lab.layout.axis.time_at(bottom));
                let (lo, hi) = (layout.axis.y(from).max(HEADER), layout.cursor_y(to).min(layout.height));
                (lo, hi.max(lo + 40.0))
            });
            *made.borrow_mut() += 1;
            let number = *made.borrow();
            problem.set(None);
            job.set(Some(Rc::new(Job { number, format, layout, range, scenario: lab.opening().scenario.name })));
        })
    };

    // After the render that drew the picture: write it out, then take it off the page.
    {
        let (job, stage, problem) = (job.clone(), stage.clone(), problem.clone());
        use_effect_on(
            job.as_ref().map_or(0, |j| j.number),
            Box::new(move || {
                if let Some(current) = (*job).clone() {
                    wasm_bindgen_futures::spawn_local(async move {
                        let outcome = match stage.cast::<Element>() {
                            Some(svg) => write_out(&svg, &current).await,
                            None => Err(Ui::DownloadFailed),
                        };
                        problem.set(outcome.err());
                        job.set(None);
                    });
                }
                None
            }),
        );
    }

    let on_part = {
        let in_view = in_view.clone();
        Callback::from(move |i: usize| in_view.set(i.min(1)))
    };
    let names = &[AttrValue::from(lab.names[0].clone()), AttrValue::from(lab.names[1].clone())];
    html! {
        <div class="picture-export" role="group" aria-labelledby="picture-caption">
            <p class="caption-line" id="picture-caption">{ t(Ui::PictureGroup) }</p>
            { select(t(Ui::PicturePart), &[t(Ui::PictureWhole), t(Ui::PictureInView)], *in_view, on_part) }
            <div class="picture-buttons">
                { button("download-svg", "", &fill(t(Ui::DownloadAs), &["SVG"]), start(Format::Svg)) }
                { button("download-png", "", &fill(t(Ui::DownloadAs), &["PNG"]), start(Format::Png)) }
            </div>
            // Always there (empty until needed), so that a message does not replace the button
            // that has the focus.
            <p class="status" role="alert">{ (*problem).map_or("", t) }</p>
            <div class="picture-stage timeline" aria-hidden="true" inert=true>
                if let Some(current) = &*job {
                    { drawing(current, names, lang, stage.clone()) }
                }
            </div>
        </div>
    }
}

/// The picture as an `<svg>`: a light sheet, the header, the diagram (or the part of it in
/// view, clipped by a nested `<svg>`), and the legend below.
fn drawing(job: &Job, names: &[AttrValue; 2], lang: Lang, stage: NodeRef) -> Html {
    let layout = &job.layout;
    let range = job.range.unwrap_or((0.0, layout.height));
    let marks = Marks { layout, range, now: Now::Picture, names, lang, input: None };
    let (width, height) = job.size();
    let diagram_height = job.diagram_height();
    html! {
        <svg ref={stage} class="picture" xmlns="http://www.w3.org/2000/svg" width={px(width)} height={px(height)}
            viewBox={format!("0 0 {} {}", px(width), px(height))}>
            <rect class="paper" width={px(width)} height={px(height)} />
            if let Some((lo, hi)) = job.range {
                { host_names(layout.dims, names, 0.0) }
                <svg y={px(HEADER)} width={px(width)} height={px(hi - lo)} viewBox={format!("0 {} {} {}", px(lo), px(width), px(hi - lo))}>
                    { marks.draw() }
                </svg>
            } else {
                { marks.draw() }
            }
            { legend(lang, width, diagram_height + 12.0) }
        </svg>
    }
}

/// The legend as marks and words, in rows of four from height `top`.
fn legend(lang: Lang, width: f64, top: f64) -> Html {
    let column = (width - 32.0) / LEGEND_COLUMNS as f64;
    html! {
        <g class="legend">{ for legend_entries(lang).iter().enumerate().map(|(i, (class, word))| {
            let x = 16.0 + (i % LEGEND_COLUMNS) as f64 * column;
            let y = top + (i / LEGEND_COLUMNS) as f64 * LEGEND_ROW + 10.0;
            let glyph = match *class {
                "k lost" => Some("✕"),
                "k held" => Some("‖"),
                "k reset" => Some("↯"),
                _ => None,
            };
            let mark = match (glyph, class.starts_with("b ")) {
                (Some(g), _) => html! { <text class="mark" x={px(x + 4.0)} y={px(y + 4.0)}>{ g }</text> },
                (None, true) => html! { <rect x={px(x + 4.0)} y={px(y - 6.0)} width="7" height="12" /> },
                (None, false) => html! { <line x1={px(x)} y1={px(y)} x2={px(x + 16.0)} y2={px(y)} /> },
            };
            html! {
                <g class={*class}>
                    { mark }
                    <text x={px(x + 22.0)} y={px(y + 4.0)}>{ *word }</text>
                </g>
            }
        }) }</g>
    }
}

/// Writes the drawn picture out as the job's file.
async fn write_out(svg: &Element, job: &Job) -> Result<(), Ui> {
    let text = picture::svg_file(svg).ok_or(Ui::DownloadFailed)?;
    let (name, blob) = match job.format {
        Format::Svg => ("diagram.svg", download::blob(text.as_bytes(), "image/svg+xml")),
        Format::Png => {
            let (width, height) = job.size();
            let blob = picture::png(&text, width, height).await.map_err(|refused| match refused {
                PngRefused::Policy => Ui::PictureRefused,
                PngRefused::Browser => Ui::DownloadFailed,
            })?;
            ("diagram.png", Some(blob))
        }
    };
    let saved = blob.is_some_and(|b| download::save(&download::file_name(&job.scenario, name), &b));
    if saved {
        Ok(())
    } else {
        Err(Ui::DownloadFailed)
    }
}
