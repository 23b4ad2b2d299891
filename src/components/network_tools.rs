//! The network: latency per direction, rules for future segments ("drop the next ACK from B"),
//! and crafted segments — a stray RST, or an old duplicate of a past data segment. The forms
//! hold the core's values (a fault kind, a segment kind, a host), chosen from tables below.

use super::flash::flash_note;
use super::widgets::{button, number, select, Dispatch};
use crate::address::embed::{Embedding, Tool};
use crate::store::{Flash, Msg, Place};
use crate::view::network::NetworkView;
use crate::view::Part;
use finwait_core::action::ResetPosition;
use finwait_core::action::{ActionError, Limited};
use finwait_core::network::{Fault, FaultKind, FaultRule, SegmentKind};
use finwait_core::{limits, Action, Host, SegmentId};
use finwait_messages::events::{fault_kind, rule_from, segment_kind};
use finwait_messages::{ui, Lang, Ui};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: Part<NetworkView>,
    /// A message about something done from this panel.
    pub flash: Option<Flash>,
    pub lang: Lang,
    pub dispatch: Dispatch,
    /// What the instructor left the student (in an embedded lab).
    pub embedding: Rc<Embedding>,
}

/// The choices the rule form offers, in order.
const COUNTS: [(Option<u32>, Ui); 3] = [(Some(1), Ui::TheNext), (Some(2), Ui::TheNextTwo), (None, Ui::Every)];
const KINDS: [SegmentKind; 6] =
    [SegmentKind::PureAck, SegmentKind::Fin, SegmentKind::Data, SegmentKind::Rst, SegmentKind::Syn, SegmentKind::Any];
const FROMS: [Option<Host>; 3] = [Some(Host::A), Some(Host::B), None];
const RESET_LABELS: [Ui; 3] = [Ui::RstExact, Ui::RstInWindow, Ui::RstOutside];

/// What the panel's fields hold, in one state (each `use_state` of its own type would add its
/// own copy of yew's state machinery to the bundle).
#[derive(Clone, PartialEq)]
struct Fields {
    /// The latency per direction, as typed.
    latency: [String; 2],
    rule: RuleForm,
    /// A stray RST: to which host, and where in its window.
    rst: (usize, usize),
    /// The past data segment an old duplicate copies.
    duplicate_of: Option<SegmentId>,
}

/// A change a select makes to the fields, given the index chosen.
type Change = Rc<dyn Fn(&mut Fields, usize)>;

/// The rule being composed: indices into the tables above, and the delay as typed.
#[derive(Clone, PartialEq)]
struct RuleForm {
    fault: FaultKind,
    delay: String,
    count: usize,
    kind: usize,
    from: usize,
}

impl RuleForm {
    /// The rule, or why the form cannot make one (a delay out of range).
    fn rule(&self) -> Result<FaultRule, ActionError> {
        let fault = match self.fault {
            FaultKind::Drop => Fault::Drop,
            FaultKind::Delay => Fault::Delay { by_ms: Limited::DelayMs.parse(&self.delay)? },
            FaultKind::Duplicate => Fault::Duplicate,
            FaultKind::Hold => Fault::Hold,
        };
        Ok(FaultRule { from: FROMS[self.from], kind: KINDS[self.kind], fault, count: COUNTS[self.count].0 })
    }
}

#[function_component(NetworkTools)]
pub fn network_tools(props: &Props) -> Html {
    let Props { view: net, flash, lang, dispatch, embedding } = props;
    let lang = *lang;
    let t = |key| ui(lang, key);
    let (network, inject) = (embedding.allows(Tool::Network), embedding.allows(Tool::Inject));
    let fields = use_state(|| Fields {
        latency: net.latency.map(|ms| ms.to_string()),
        rule: RuleForm { fault: FaultKind::Drop, delay: "200".into(), count: 0, kind: 0, from: 1 },
        rst: (0, 0),
        duplicate_of: None,
    });
    // A change to one field: a copy of all of them with `change` applied.
    let edit = |change: Change| {
        let fields = fields.clone();
        Callback::from(move |i: usize| {
            let mut f = (*fields).clone();
            change(&mut f, i);
            fields.set(f);
        })
    };
    let edit_text = |change: fn(&mut Fields, String)| {
        let fields = fields.clone();
        Callback::from(move |v: String| {
            let mut f = (*fields).clone();
            change(&mut f, v);
            fields.set(f);
        })
    };
    let (latency, form, rst) = (&fields.latency, &fields.rule, fields.rst);
    let emit = |msg: Msg| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(msg.clone()))
    };

    let latency_rows = Host::BOTH.into_iter().map(|h| {
        let label = format!("{} {h} → {}", t(Ui::Latency), h.peer());
        let on_input = match h {
            Host::A => edit_text(|f, v| f.latency[0] = v),
            Host::B => edit_text(|f, v| f.latency[1] = v),
        };
        let apply = match Limited::LatencyMs.parse(&latency[h.index()]) {
            Ok(ms) => Msg::Act(Place::Network, Action::Latency { from: h, ms }),
            Err(e) => Msg::Refuse(Place::Network, e),
        };
        html! {
            <span class="inline">
                { label.clone() }{ " " }{ number(&label, &latency[h.index()], limits::LATENCY_MS.min, limits::LATENCY_MS.max, on_input) }
                { format!(" ms ({} {} ms)", t(Ui::Now), net.latency[h.index()]) }
                { button("", "", t(Ui::Apply), emit(apply)) }
            </span>
        }
    });

    let set = |field: fn(&mut RuleForm, usize)| edit(Rc::new(move |f: &mut Fields, i| field(&mut f.rule, i)));
    let on_delay = edit_text(|f, v| f.rule.delay = v);
    let add_rule = emit(match form.rule() {
        Ok(rule) => Msg::Act(Place::Network, Action::Rule { rule }),
        Err(e) => Msg::Refuse(Place::Network, e),
    });
    let fault_labels: Vec<&str> = FaultKind::ALL.iter().map(|k| fault_kind(lang, *k)).collect();
    let fault_index = FaultKind::ALL.iter().position(|k| *k == form.fault).unwrap_or(0);
    let count_labels: Vec<&str> = COUNTS.iter().map(|(_, label)| t(*label)).collect();
    let kind_labels: Vec<&str> = KINDS.iter().map(|k| segment_kind(lang, *k, false)).collect();
    let from_labels: Vec<&str> = FROMS.iter().map(|f| rule_from(lang, *f)).collect();

    let set_rst = |second: bool| {
        edit(Rc::new(move |f: &mut Fields, i| {
            if second {
                f.rst.1 = i;
            } else {
                f.rst.0 = i;
            }
        }))
    };
    let reset_labels: Vec<&str> = RESET_LABELS.iter().map(|l| t(*l)).collect();
    debug_assert_eq!(RESET_LABELS.len(), ResetPosition::ALL.len());
    let inject_rst = emit(Msg::Act(Place::Network, net.resets[rst.0.min(1)][rst.1.min(2)].clone()));

    // The old duplicate picked, while it is still offered; else the newest.
    let chosen = net.old_copies.iter().position(|(id, _, _)| Some(*id) == fields.duplicate_of).unwrap_or(0);
    let copy_labels: Vec<&str> = net.old_copies.iter().map(|(_, label, _)| label.as_str()).collect();
    let on_pick = {
        let ids: Vec<SegmentId> = net.old_copies.iter().map(|(id, _, _)| *id).collect();
        edit(Rc::new(move |f: &mut Fields, i| f.duplicate_of = ids.get(i).copied()))
    };

    html! {
        <section class="panel network-tools" aria-label={t(Ui::Network)}>
            <h2>{ t(Ui::Network) }</h2>
            { flash_note(flash.as_ref(), lang, dispatch) }
            if network {
            <div class="tool">{ for latency_rows }</div>

            <h3>{ t(Ui::RulesForFuture) }</h3>
            <div class="tool rule-form">
                { select(t(Ui::RuleFault), &fault_labels, fault_index, set(|f, i| f.fault = FaultKind::ALL[i])) }
                if form.fault == FaultKind::Delay {
                    { number(t(Ui::DelayMs), &form.delay, limits::DELAY_MS.min, limits::DELAY_MS.max, on_delay) }{ " ms" }
                }
                { select(t(Ui::RuleCount), &count_labels, form.count, set(|f, i| f.count = i)) }
                { select(t(Ui::RuleKind), &kind_labels, form.kind, set(|f, i| f.kind = i)) }
                { select(t(Ui::RuleFrom), &from_labels, form.from, set(|f, i| f.from = i)) }
                { button("add-rule", "", t(Ui::AddRule), add_rule) }
            </div>
            if net.rules.is_empty() {
                <p class="none">{ t(Ui::NoRules) }</p>
            } else {
                <ul class="rules">{ for net.rules.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                { button("", "", t(Ui::ClearRules), emit(Msg::Act(Place::Network, Action::ClearRules))) }
            }
            }

            if inject {
            <h3>{ t(Ui::Inject) }</h3>
            <div class="tool">
                <span class="inline">
                    { t(Ui::InjectRstTo) }{ " " }
                    { select(t(Ui::InjectRstTo), &["A", "B"], rst.0, set_rst(false)) }
                    { select(t(Ui::RstSeq), &reset_labels, rst.1, set_rst(true)) }
                    { button("inject-rst", "", t(Ui::InjectRst), inject_rst) }
                </span>
            </div>
            <div class="tool">
                if net.old_copies.is_empty() {
                    <p class="none">{ t(Ui::NoPastData) }</p>
                } else {
                    <span class="inline">
                        { select(t(Ui::OldDuplicateOf), &copy_labels, chosen, on_pick) }
                        { button("", "", t(Ui::InjectOldDuplicate), emit(Msg::Act(Place::Network, net.old_copies[chosen].2.clone()))) }
                    </span>
                }
            </div>
            }
        </section>
    }
}
