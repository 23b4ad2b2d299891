//! "Quiz yourself": questions on real runs, generated and checked by the core
//! (`finwait_core::quiz`), asked in the lab itself. Each question opens its scenario paused just
//! before the moment that gives the answer away (nothing after it is computed yet, and the
//! caption's "next" line is hidden); the answer plays that moment and shows the rule behind it.
//! The quiz set is in the address (`quiz=SEED.COUNT[.PRESET]`), so a link gives every student
//! the same questions, and the answers are kept in the browser, so a reload goes on where it
//! was. In a course page's frame, each answer and the end are posted to the page (`answered`,
//! `completed`). Part of the course build (the `quiz` feature); `finwait quiz` writes the same
//! questions as files for Moodle and Canvas.

use super::effect::{deps, use_effect_on};
use super::widgets::{button, select, Dispatch};
use crate::address::embed::Embedding;
use crate::address::opening::Opening;
use crate::address::params::Params;
use crate::address::quiz_set::{preset_index, Progress, QuizSet};
use crate::address::storage;
use crate::download;
use crate::store::Msg;
use finwait_core::quiz::Question;
use finwait_core::Time;
use finwait_messages::quiz::QuizFile;
use finwait_messages::{fill, quiz as words, ui, Lang, Ui};
use std::rc::Rc;
use yew::prelude::*;

/// Where the progress is kept.
const KEPT: &str = "finwait.quiz";
/// The element (above the caption) the question card is drawn into.
pub const SLOT: &str = "quiz-slot";
/// The counts the start form offers.
const COUNTS: [usize; 3] = [5, 10, 20];

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The lab's preset (for a quiz on "this scenario"). The card takes only this and the
    /// framing from the lab, so that it is not drawn again at each step of the lab's playback.
    pub preset: Option<usize>,
    pub embedding: Rc<Embedding>,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

/// A quiz under way: its questions, the answers so far, and whether the last answer's moment
/// is being shown.
#[derive(Clone, PartialEq)]
struct Taking {
    progress: Progress,
    questions: Rc<Vec<Question>>,
    /// The current question has been answered and its moment played; "Next" comes next.
    revealed: bool,
}

impl Taking {
    fn of(progress: Progress) -> Taking {
        let questions = Rc::new(progress.set.questions());
        Taking { progress, questions, revealed: false }
    }

    /// The question being asked or shown, or `None` when every one is answered.
    fn current(&self) -> Option<(usize, &Question)> {
        let i = if self.revealed { self.progress.answers.len().checked_sub(1)? } else { self.progress.answers.len() };
        self.questions.get(i).map(|q| (i, q))
    }
}

#[function_component(Quiz)]
pub fn quiz(props: &Props) -> Html {
    let Props { preset, embedding, lang, dispatch } = props;
    let lang = *lang;
    let t = |k| ui(lang, k);
    // The quiz of the address, with the answers kept for it; else none.
    let taking: UseStateHandle<Option<Taking>> = use_state(|| {
        let set = address_params().quiz?;
        let kept = storage::load(KEPT).and_then(|text| Progress::parse(&text)).filter(|p| p.set == set);
        Some(Taking::of(kept.unwrap_or_else(|| Progress::new(set))))
    });
    // The slot is on the page once the lab has been drawn.
    let slot: UseStateHandle<Option<web_sys::Element>> = use_state(|| None);
    {
        let slot = slot.clone();
        use_effect_on(
            0,
            Box::new(move || {
                slot.set(web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(SLOT)));
                None
            }),
        );
    }
    {
        let on = taking.is_some();
        use_effect_on(
            u64::from(on),
            Box::new(move || {
                mark("quiz-on", on);
                None
            }),
        );
    }
    let in_slot = |card: Html| match &*slot {
        Some(host) => create_portal(card, host.clone()),
        None => Html::default(),
    };
    let scope = use_state(|| 0usize);
    let count = use_state(|| 0usize);
    let chosen: UseStateHandle<Option<usize>> = use_state(|| None);
    let nudge = use_state(|| false);

    // Asking: the lab stands just before the question's moment. Opened once per question
    // (and again after a reload).
    let asking = taking.as_ref().filter(|tk| !tk.revealed).and_then(|tk| Some((tk.progress.set.seed, tk.current()?.0)));
    {
        let (taking, dispatch) = (taking.clone(), dispatch.clone());
        use_effect_on(
            asking.map_or(0, |(seed, i)| deps(&[(seed, 40), (i as u64 + 1, 8)])),
            Box::new(move || {
                if let (Some(_), Some((_, q))) = (asking, taking.as_ref().and_then(Taking::current)) {
                    open_before(q, &dispatch);
                }
                mark("quiz-asking", asking.is_some());
                None
            }),
        );
    }

    let start = {
        let (preset, taking, scope, count, chosen) =
            (*preset, taking.clone(), scope.clone(), count.clone(), chosen.clone());
        Callback::from(move |_: MouseEvent| {
            let preset = (*scope == 0).then(|| preset.and_then(|i| finwait_core::presets::PRESETS.get(i))).flatten();
            let set = QuizSet {
                seed: fresh_seed(),
                count: COUNTS[*count],
                presets: preset.map(|p| p.name).into_iter().collect(),
            };
            let progress = Progress::new(set);
            keep(Some(&progress));
            chosen.set(None);
            taking.set(Some(Taking::of(progress)));
        })
    };
    let stop = {
        let taking = taking.clone();
        Callback::from(move |_: MouseEvent| {
            keep(None);
            mark("quiz-asking", false);
            taking.set(None);
        })
    };

    let Some(tk) = (*taking).clone() else {
        // Not taking a quiz: the form that starts one (not in an embed, which takes its quiz
        // from the address).
        if embedding.embedded {
            return html! {};
        }
        let scopes = [t(Ui::QuizThisScenario), t(Ui::QuizEveryScenario)];
        let counts: Vec<String> = COUNTS.iter().map(|n| fill(t(Ui::QuizQuestions), &[&n.to_string()])).collect();
        let counts: Vec<&str> = counts.iter().map(String::as_str).collect();
        let on_scope = {
            let scope = scope.clone();
            Callback::from(move |i: usize| scope.set(i.min(1)))
        };
        let on_count = {
            let count = count.clone();
            Callback::from(move |i: usize| count.set(i.min(COUNTS.len() - 1)))
        };
        return html! {
            <section class="panel quiz-start" aria-labelledby="quiz-start-title">
                <h2 id="quiz-start-title">{ t(Ui::QuizYourself) }</h2>
                <p class="hint">{ t(Ui::QuizHint) }</p>
                <div class="quiz-form">
                    { select(t(Ui::QuizScope), &scopes, *scope, on_scope) }
                    { select(t(Ui::QuizCount), &counts, *count, on_count) }
                    { button("start-quiz", "primary", t(Ui::QuizStart), start) }
                </div>
            </section>
        };
    };

    let of = tk.questions.len();
    let score = tk.progress.score(&tk.questions);
    let head = html! {
        <div class="quiz-head">
            <p class="quiz-progress">{ fill(t(Ui::QuizProgress), &[&(tk.progress.answers.len().min(of)).to_string(), &of.to_string(), &score.to_string()]) }</p>
            { button("stop-quiz", "", t(Ui::QuizStop), stop) }
        </div>
    };
    let files = html! { <QuizFiles taking={tk.clone()} {lang} /> };
    let Some((i, q)) = tk.current() else {
        return in_slot(html! {
            <section class="quiz-card" role="region" aria-labelledby="quiz-title">
                { head }
                <h2 id="quiz-title" tabindex="-1">{ fill(t(Ui::QuizDone), &[&score.to_string(), &of.to_string()]) }</h2>
                { summary(&tk, lang, dispatch) }
                { files }
            </section>
        });
    };

    let answer = {
        let (taking, chosen, nudge, dispatch, embedding) =
            (taking.clone(), chosen.clone(), nudge.clone(), dispatch.clone(), embedding.clone());
        let tk = tk.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(pick) = *chosen else {
                nudge.set(true);
                return;
            };
            let mut next = tk.clone();
            next.progress.answers.push(pick);
            next.revealed = true;
            keep(Some(&next.progress));
            if let Some((i, q)) = next.current() {
                dispatch.emit(match q.moment {
                    Some(m) => Msg::SetCursor(m),
                    None => Msg::ToEnd,
                });
                tell_page(&embedding, lang, &next, i, q, pick);
            }
            nudge.set(false);
            chosen.set(None);
            taking.set(Some(next));
        })
    };
    let next = {
        let taking = taking.clone();
        let tk = tk.clone();
        Callback::from(move |_: MouseEvent| taking.set(Some(Taking { revealed: false, ..tk.clone() })))
    };
    let body = if tk.revealed {
        let given = tk.progress.answers[i];
        let right = given == q.correct;
        let last = tk.progress.answers.len() >= of;
        html! {
            <>
                <p class={classes!("quiz-feedback", if right { "right" } else { "wrong" })} role="status">
                    { words::feedback(lang, q, given) }
                </p>
                if !right {
                    <p class="quiz-right">{ fill(t(Ui::QuizRightAnswer), &[&words::answer(lang, &q.options[q.correct])]) }</p>
                }
                { button("next-question", "primary", t(if last { Ui::QuizResults } else { Ui::QuizNext }), next) }
            </>
        }
    } else {
        let pick = |k: usize| {
            let chosen = chosen.clone();
            Callback::from(move |_: Event| chosen.set(Some(k)))
        };
        html! {
            <form class="quiz-form-answer" onsubmit={answer}>
                <fieldset>
                    <legend>{ words::stem(lang, q) }</legend>
                    { for q.options.iter().enumerate().map(|(k, a)| html! {
                        <label class="quiz-option">
                            <input type="radio" name={format!("quiz-{i}")} value={k.to_string()} checked={*chosen == Some(k)} onchange={pick(k)} />
                            { words::answer(lang, a) }
                        </label>
                    }) }
                </fieldset>
                <p class="status" role="alert">{ if *nudge { t(Ui::QuizChooseFirst) } else { "" } }</p>
                <button id="answer-question" class="primary" type="submit">{ t(Ui::QuizAnswer) }</button>
            </form>
        }
    };
    in_slot(html! {
        <section class="quiz-card" role="region" aria-labelledby="quiz-title">
            { head }
            <p class="quiz-context" id="quiz-title">{ fill(t(Ui::QuizNumber), &[&(i + 1).to_string(), &of.to_string()]) }</p>
            { body }
            { files }
        </section>
    })
}

#[derive(Properties, PartialEq)]
struct FilesProps {
    taking: Taking,
    lang: Lang,
}

/// The quiz as a file for Moodle or Canvas: the same questions, the feedback and the rules
/// (what `finwait quiz --seed … --format …` writes), for a teacher to import.
#[function_component(QuizFiles)]
fn quiz_files(props: &FilesProps) -> Html {
    let FilesProps { taking, lang } = props;
    let lang = *lang;
    let t = |k| ui(lang, k);
    let format = use_state(|| 0usize);
    let failed = use_state(|| false);
    let labels: Vec<&str> = QuizFile::ALL.iter().map(|f| f.label()).collect();
    let on_format = {
        let format = format.clone();
        Callback::from(move |i: usize| format.set(i.min(QuizFile::ALL.len() - 1)))
    };
    let on_download = {
        let (taking, format, failed) = (taking.clone(), format.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            let file = QuizFile::ALL[*format];
            let set = &taking.progress.set;
            let bytes = words::file(lang, &taking.questions, set.seed, &set.presets, file);
            let name = download::file_name(&format!("quiz-{}", set.to_text().replace('.', "-")), file.extension());
            let mime = match file {
                QuizFile::Gift => "text/plain",
                QuizFile::MoodleXml => "application/xml",
                QuizFile::Qti12 => "application/zip",
            };
            failed.set(!download::blob(&bytes, mime).is_some_and(|b| download::save(&name, &b)));
        })
    };
    html! {
        <details class="quiz-files">
            <summary>{ t(Ui::QuizFile) }</summary>
            <div class="quiz-form">
                { select(t(Ui::QuizFile), &labels, *format, on_format) }
                { button("download-quiz", "", t(Ui::QuizDownload), on_download) }
            </div>
            <p class="status" role="alert">{ if *failed { t(Ui::DownloadFailed) } else { "" } }</p>
        </details>
    }
}

/// The results: each question, the answer given, and a way back to its moment in the lab.
fn summary(tk: &Taking, lang: Lang, dispatch: &Dispatch) -> Html {
    let t = |k| ui(lang, k);
    html! {
        <ol class="quiz-summary">{ for tk.questions.iter().zip(&tk.progress.answers).map(|(q, given)| {
            let right = *given == q.correct;
            let again = {
                let (q, dispatch) = (q.clone(), dispatch.clone());
                Callback::from(move |_: MouseEvent| open_before(&q, &dispatch))
            };
            html! {
                <li class={if right { "right" } else { "wrong" }}>
                    <span class="mark" aria-hidden="true">{ if right { "✓" } else { "✗" } }</span>
                    <span class="sr-only">{ t(if right { Ui::QuizWasRight } else { Ui::QuizWasWrong }) }</span>
                    <span class="stem">{ words::stem(lang, q) }</span>
                    { button("", "quiz-again", t(Ui::TryInLab), again) }
                </li>
            }
        }) }</ol>
    }
}

/// Opens the question's scenario just before its moment (at its start for a question on the
/// whole run): nothing after that is computed until the answer.
fn open_before(q: &Question, dispatch: &Dispatch) {
    let Some(mut opening) = preset_index(q).and_then(|i| Opening::preset(i, None)) else { return };
    let before = q.moment.map_or(Time::ZERO, |m| Time(m.ms().saturating_sub(1)));
    (opening.head, opening.cursor) = (before, before);
    dispatch.emit(Msg::Open(Box::new(opening)));
}

/// Marks the page (quiz.css): `quiz-on` while a quiz is taken (its card stands where the
/// caption was), `quiz-asking` while a question is asked (what would give it away is hidden).
fn mark(class: &str, on: bool) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if on { root.class_list().add_1(class) } else { root.class_list().remove_1(class) };
    }
}

/// Keeps the progress in the browser and the quiz set in the address (so a reload, or the
/// link, comes back to it); `None` forgets both.
fn keep(progress: Option<&Progress>) {
    match progress {
        Some(p) => storage::save(KEPT, &p.to_text()),
        None => storage::forget(KEPT),
    }
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let (search, hash) = (location.search().unwrap_or_default(), location.hash().unwrap_or_default());
    let mut pairs: Vec<&str> =
        search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("quiz=")).collect();
    let set = progress.map(|p| format!("quiz={}", p.set.to_text()));
    pairs.extend(set.as_deref());
    let query = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
    let path = location.pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{query}{hash}")));
    }
}

/// The address's parameters, as the page was opened.
fn address_params() -> Params {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    Params::read(&part(web_sys::Location::search), &part(web_sys::Location::hash))
}

/// A seed for a new quiz: different each time, shown in the quiz's link.
fn fresh_seed() -> u64 {
    (js_sys::Date::now() as u64) % 1_000_000
}

/// In a course page's frame: the answer (and, after the last, the quiz) for the page.
#[cfg(feature = "course")]
fn tell_page(embedding: &Embedding, lang: Lang, tk: &Taking, i: usize, q: &Question, pick: usize) {
    use crate::frame_api::{post, protocol, target_origin};
    if !embedding.embedded {
        return;
    }
    let Some(origin) = target_origin(embedding.origin.as_deref()) else { return };
    let (of, score) = (tk.questions.len(), tk.progress.score(&tk.questions));
    let response = words::answer(lang, &q.options[pick]);
    post(&origin, &protocol::answered(i + 1, of, &words::stem(lang, q), &response, pick == q.correct, score));
    if tk.progress.answers.len() == of {
        post(&origin, &protocol::completed(&tk.progress.set.to_text(), score, of));
    }
}

#[cfg(not(feature = "course"))]
fn tell_page(_: &Embedding, _: Lang, _: &Taking, _: usize, _: &Question, _: usize) {}
