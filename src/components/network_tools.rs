//! The network: latency per direction, rules for future segments ("drop the next ACK from B"),
//! and crafted segments — a stray RST, or an old duplicate of a past data segment.

use super::app::use_view;
use super::widgets::{number, select};
use crate::store::Msg;
use crate::text::{fill, t, Lang, Ui};
use finwait_core::action::{InjectedSegment, ResetPosition};
use finwait_core::network::{Fault, FaultRule, SegmentKind};
use finwait_core::trace::Origin;
use finwait_core::{Action, Host, Segment};
use yew::prelude::*;

/// The rule being composed, as the form's fields.
#[derive(Clone, PartialEq)]
struct RuleForm {
    fault: String,
    count: String,
    kind: String,
    from: String,
    delay: String,
}

#[function_component(NetworkTools)]
pub fn network_tools() -> Html {
    let view = use_view();
    let lab = &view.lab;
    let lang = lab.lang;
    let net = view.sim.network();
    let latency = use_state(|| [net.latency(Host::A).ms().to_string(), net.latency(Host::B).ms().to_string()]);
    let form = use_state(|| RuleForm {
        fault: "drop".into(),
        count: "1".into(),
        kind: "pure-ack".into(),
        from: "B".into(),
        delay: "200".into(),
    });
    let rst = use_state(|| ("A".to_string(), "exact".to_string()));
    let duplicate_of = use_state(String::new);
    let act = |action: Option<Action>, refuse: Ui| {
        let lab = lab.clone();
        move || lab.dispatch(action.clone().map_or(Msg::Refuse(refuse), Msg::Act))
    };

    // Latency.
    let latency_rows = Host::BOTH.into_iter().map(|h| {
        let label = format!("{} {h} → {}", t(lang, Ui::Latency), h.peer());
        let on_input = {
            let latency = latency.clone();
            Callback::from(move |v: String| {
                let mut all = (*latency).clone();
                all[h.index()] = v;
                latency.set(all);
            })
        };
        let ms = latency[h.index()].trim().parse::<u64>().ok().filter(|ms| *ms <= 60_000);
        let apply = act(ms.map(|ms| Action::Latency { from: h, ms }), Ui::ErrLatencyMs);
        html! {
            <span class="inline">
                { label.clone() }{ " " }{ number(&label, &latency[h.index()], 60_000, on_input) }
                { format!(" ms ({} {} ms)", t(lang, Ui::Now), net.latency(h).ms()) }
                <button onclick={Callback::from(move |_| apply())}>{ t(lang, Ui::Apply) }</button>
            </span>
        }
    });

    // Rules.
    let set = |field: fn(&mut RuleForm, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut f = (*form).clone();
            field(&mut f, v);
            form.set(f);
        })
    };
    let add_rule = act(parse_rule(&form).map(|rule| Action::Rule { rule }), Ui::ErrRule);
    let faults = [
        ("drop", t(lang, Ui::FaultDrop)),
        ("delay", t(lang, Ui::FaultDelay)),
        ("duplicate", t(lang, Ui::FaultDuplicate)),
        ("hold", t(lang, Ui::FaultHold)),
    ];
    let counts = [("1", t(lang, Ui::TheNext)), ("2", t(lang, Ui::TheNextTwo)), ("every", t(lang, Ui::Every))];
    let kinds = [
        ("pure-ack", t(lang, Ui::KindPureAck)),
        ("fin", "FIN"),
        ("data", t(lang, Ui::KindData)),
        ("rst", "RST"),
        ("syn", "SYN"),
        ("any", t(lang, Ui::KindAny)),
    ];
    let froms = [("A", t(lang, Ui::FromA)), ("B", t(lang, Ui::FromB)), ("either", t(lang, Ui::FromEither))];

    // A stray RST to a host, from its peer's side, at a number relative to its receive window.
    let rst_action = {
        let to = if rst.0 == "B" { Host::B } else { Host::A };
        let position = match rst.1.as_str() {
            "exact" => ResetPosition::Exact,
            "in-window" => ResetPosition::InWindow,
            _ => ResetPosition::Outside,
        };
        Action::stray_reset(&view.sim, to, position)
    };
    let inject_rst = act(Some(rst_action), Ui::ErrInput);
    let set_rst = |second: bool| {
        let rst = rst.clone();
        Callback::from(move |v: String| {
            let mut r = (*rst).clone();
            if second {
                r.1 = v
            } else {
                r.0 = v
            }
            rst.set(r);
        })
    };

    // Old duplicates: a recent past data segment, sent again from its sender. Only the last
    // few are offered, so a long run does not fill the list (or slow every render).
    const OFFERED: usize = 20;
    let (past_data, chosen): (Vec<(String, String)>, Option<Action>) = {
        let session = lab.session.borrow();
        let events = &session.trace().events[..session.events_until(lab.cursor)];
        let data: Vec<(u32, Host, &Segment)> = events
            .iter()
            .rev()
            .filter_map(|e| match &e.kind {
                finwait_core::EventKind::Segment { id, from, segment, origin: Origin::Sent { .. }, .. }
                    if !segment.data.is_empty() =>
                {
                    Some((id.0, *from, segment))
                }
                _ => None,
            })
            .take(OFFERED)
            .collect();
        let chosen = data
            .iter()
            .find(|d| d.0.to_string() == *duplicate_of)
            .or(data.first())
            .map(|(_, from, seg)| Action::Inject { from: *from, segment: InjectedSegment::from_segment(seg) });
        (data.iter().map(|(id, from, seg)| (id.to_string(), format!("#{id} {from}: {seg}"))).collect(), chosen)
    };
    let inject_copy = act(chosen, Ui::NoPastData);
    let copy_options: Vec<(&str, &str)> = past_data.iter().map(|(v, l)| (v.as_str(), l.as_str())).collect();
    let on_pick = {
        let duplicate_of = duplicate_of.clone();
        Callback::from(move |v: String| duplicate_of.set(v))
    };
    let clear = act(Some(Action::ClearRules), Ui::ErrInput);

    html! {
        <section class="panel network-tools" aria-label={t(lang, Ui::Network)}>
            <h2>{ t(lang, Ui::Network) }</h2>
            <div class="tool">{ for latency_rows }</div>

            <h3>{ t(lang, Ui::RulesForFuture) }</h3>
            <div class="tool rule-form">
                { select(t(lang, Ui::RuleFault), &faults, &form.fault, set(|f, v| f.fault = v)) }
                if form.fault == "delay" {
                    { number(t(lang, Ui::DelayMs), &form.delay, 3_600_000, set(|f, v| f.delay = v)) }{ " ms" }
                }
                { select(t(lang, Ui::RuleCount), &counts, &form.count, set(|f, v| f.count = v)) }
                { select(t(lang, Ui::RuleKind), &kinds, &form.kind, set(|f, v| f.kind = v)) }
                { select(t(lang, Ui::RuleFrom), &froms, &form.from, set(|f, v| f.from = v)) }
                <button id="add-rule" onclick={Callback::from(move |_| add_rule())}>{ t(lang, Ui::AddRule) }</button>
            </div>
            if net.rules().is_empty() {
                <p class="none">{ t(lang, Ui::NoRules) }</p>
            } else {
                <ul class="rules">{ for net.rules().iter().map(|r| html! { <li>{ describe_rule(lang, r) }</li> }) }</ul>
                <button onclick={Callback::from(move |_| clear())}>{ t(lang, Ui::ClearRules) }</button>
            }

            <h3>{ t(lang, Ui::Inject) }</h3>
            <div class="tool">
                <span class="inline">
                    { t(lang, Ui::InjectRstTo) }{ " " }
                    { select(t(lang, Ui::InjectRstTo), &[("A", "A"), ("B", "B")], &rst.0, set_rst(false)) }
                    { select(t(lang, Ui::RstSeq), &[("exact", t(lang, Ui::RstExact)), ("in-window", t(lang, Ui::RstInWindow)), ("outside", t(lang, Ui::RstOutside))], &rst.1, set_rst(true)) }
                    <button id="inject-rst" onclick={Callback::from(move |_| inject_rst())}>{ t(lang, Ui::InjectRst) }</button>
                </span>
            </div>
            <div class="tool">
                if past_data.is_empty() {
                    <p class="none">{ t(lang, Ui::NoPastData) }</p>
                } else {
                    <span class="inline">
                        { select(t(lang, Ui::OldDuplicateOf), &copy_options, &duplicate_of, on_pick) }
                        <button onclick={Callback::from(move |_| inject_copy())}>{ t(lang, Ui::InjectOldDuplicate) }</button>
                    </span>
                }
            </div>
        </section>
    }
}

/// The form as a rule, or `None` when a field does not make sense (a bad delay).
fn parse_rule(f: &RuleForm) -> Option<FaultRule> {
    let fault = match f.fault.as_str() {
        "drop" => Fault::Drop,
        "delay" => Fault::Delay { by_ms: f.delay.trim().parse().ok().filter(|ms| (1..=3_600_000).contains(ms))? },
        "duplicate" => Fault::Duplicate,
        _ => Fault::Hold,
    };
    let kind = match f.kind.as_str() {
        "pure-ack" => SegmentKind::PureAck,
        "fin" => SegmentKind::Fin,
        "data" => SegmentKind::Data,
        "rst" => SegmentKind::Rst,
        "syn" => SegmentKind::Syn,
        _ => SegmentKind::Any,
    };
    let from = match f.from.as_str() {
        "A" => Some(Host::A),
        "B" => Some(Host::B),
        _ => None,
    };
    let count = if f.count == "every" { None } else { Some(f.count.parse().ok()?) };
    Some(FaultRule { from, kind, fault, count })
}

/// What a fault does, in a word or two ("delay 200 ms").
pub fn describe_fault(lang: Lang, fault: Fault) -> String {
    match fault {
        Fault::Drop => t(lang, Ui::FaultDrop).to_string(),
        Fault::Delay { by_ms } => format!("{} {by_ms} ms", t(lang, Ui::FaultDelay)),
        Fault::Duplicate => t(lang, Ui::FaultDuplicate).to_string(),
        Fault::Hold => t(lang, Ui::FaultHold).to_string(),
    }
}

/// A rule in words: "drop the next pure ACK from B".
pub fn describe_rule(lang: Lang, r: &FaultRule) -> String {
    let fault = describe_fault(lang, r.fault);
    let count = match r.count {
        None => t(lang, Ui::Every).to_string(),
        Some(1) => t(lang, Ui::TheNext).to_string(),
        Some(n) => format!("{} ({n})", t(lang, Ui::TheNext)),
    };
    let kind = match r.kind {
        SegmentKind::PureAck => t(lang, Ui::KindPureAck),
        SegmentKind::Fin => "FIN",
        SegmentKind::Data => t(lang, Ui::KindData),
        SegmentKind::Rst => "RST",
        SegmentKind::Syn => "SYN",
        SegmentKind::Any => t(lang, Ui::KindAny),
    };
    let from = match r.from {
        Some(Host::A) => t(lang, Ui::FromA),
        Some(Host::B) => t(lang, Ui::FromB),
        None => t(lang, Ui::FromEither),
    };
    fill(t(lang, Ui::RuleSentence), &[&fault, &count, kind, from])
}
