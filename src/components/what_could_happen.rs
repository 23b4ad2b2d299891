//! "What could happen here?": from the cursor, the distinct ends the run can come to with one
//! fault (or up to two) on the segments in flight or sent later — drop, duplicate, hold back —
//! each with one schedule of faults that leads there (`finwait_core::explore`). "Try it" opens
//! that schedule in the lab, undoably. Part of the course build (the `explore` feature).

use super::widgets::{button, select, Dispatch};
use crate::address::embed::Tool;
use crate::address::opening::Opening;
use crate::store::{Lab, Msg};
use finwait_core::explore::{explore, with_faults, Budget, Explored, Found};
use finwait_core::{Scenario, Time};
use finwait_messages::{explore as words, ui, Lang, Ui};
use std::rc::Rc;
use yew::prelude::*;

/// What was found, and from where: shown while the lab is still at that moment of that run.
#[derive(PartialEq)]
struct Finding {
    moment: (u64, Time),
    scenario: Scenario,
    from: Time,
    faults: usize,
    explored: Result<Explored, String>,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lab: UseReducerHandle<Lab>,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

#[function_component(WhatCouldHappen)]
pub fn what_could_happen(props: &Props) -> Html {
    let Props { lab, lang, dispatch } = props;
    let lang = *lang;
    let t = |k| ui(lang, k);
    // Index into the picker: one fault, or up to two.
    let faults = use_state(|| 0usize);
    let finding = use_state(|| None::<Rc<Finding>>);
    let on_faults = {
        let faults = faults.clone();
        Callback::from(move |i: usize| faults.set(i.min(1)))
    };
    let on_find = {
        let (lab, faults, finding) = (lab.clone(), faults.clone(), finding.clone());
        Callback::from(move |_: MouseEvent| {
            let (scenario, from, k) = (lab.to_scenario(), lab.cursor, *faults + 1);
            let explored = explore(&scenario, from, Budget::new(k)).map_err(|e| e.to_string());
            finding.set(Some(Rc::new(Finding { moment: lab.moment(), scenario, from, faults: k, explored })));
        })
    };
    let may_open = lab.embedding.allows(Tool::Scenario);
    // Once the run or the cursor has changed, the outcomes are another moment's: not shown.
    let current = finding.as_ref().filter(|f| f.moment == lab.moment());
    let result = current.map(|f| match &f.explored {
        Err(e) => html! { <p class="status" role="alert">{ e.clone() }</p> },
        Ok(ex) => html! {
            <>
                <p class="status" role="status">{ words::summary(lang, ex, f.faults, f.from) }</p>
                <ol class="outcomes">
                    { for ex.found.iter().map(|found| outcome(found, f, may_open, lang, dispatch)) }
                </ol>
            </>
        },
    });
    html! {
        <section class="panel what-could-happen" aria-labelledby="what-could-happen">
            <h2 id="what-could-happen">{ t(Ui::WhatCouldHappen) }</h2>
            <p class="hint">{ t(Ui::WhatCouldHappenHint) }</p>
            <div class="explore-form">
                { select(t(Ui::FaultsToTry), &[t(Ui::OneFault), t(Ui::UpToTwoFaults)], *faults, on_faults) }
                { button("find-outcomes", "", t(Ui::FindOutcomes), on_find) }
            </div>
            // Always there, so that the form before it keeps its elements (and the focus) when
            // the results come: yew matches unkeyed children from the end.
            <div class="explore-result">{ for result }</div>
        </section>
    }
}

/// One outcome: how the run ends, the faults that lead there, and "Try it".
fn outcome(found: &Found, finding: &Finding, may_open: bool, lang: Lang, dispatch: &Dispatch) -> Html {
    let witness = found.witness.clone();
    let try_it = (may_open && !witness.is_empty()).then(|| {
        let scenario = with_faults(&finding.scenario, &witness);
        let from = finding.from;
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let mut opening = Opening::fresh(scenario.clone(), None);
            (opening.head, opening.cursor) = (from, from);
            dispatch.emit(Msg::Open(Box::new(opening)));
        })
    });
    html! {
        <li>
            // Each part whole on its line: a state's name is not broken at its hyphen.
            <p class="outcome">
                { for words::outcome(lang, &found.outcome).split(" · ").enumerate().map(|(i, part)| html! {
                    <>{ if i > 0 { " · " } else { "" } }<span class="part">{ part.to_string() }</span></>
                }) }
            </p>
            <ul class="witness">
                if witness.is_empty() {
                    <li>{ words::no_fault(lang) }</li>
                }
                { for witness.iter().map(|s| html! { <li>{ words::step(lang, s) }</li> }) }
            </ul>
            if let Some(onclick) = try_it {
                { button("", "small", ui(lang, Ui::TryInLab), onclick) }
            }
        </li>
    }
}
