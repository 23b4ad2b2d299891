//! The RFC 9293 state diagram with each host's current state marked (A and B) and the
//! transition each host took last lit up.

use super::app::View;
use super::endpoint_card::host_class;
use super::widgets::{cls, when};
use crate::geometry::px;
use crate::geometry::state_diagram::{edge_for, node_for, BOX_H, BOX_W, EDGES, HEIGHT, NODES, WIDTH};
use crate::text::{t, Ui};
use finwait_core::trace::EventKind;
use finwait_core::{Host, ProfileKind, Reason, State};
use finwait_messages as msg;
use yew::prelude::*;

/// A host's last transition up to the cursor.
#[derive(Clone, PartialEq)]
struct Last {
    from: State,
    to: State,
    before_from: Option<State>,
    reason: Reason,
}

/// A plain function, not a component: it keeps no state of its own.
pub fn state_diagram(view: &View) -> Html {
    let lab = &view.lab;
    let lang = lab.lang;
    let (lasts, current, linux) = {
        let session = lab.session.borrow();
        let linux = session.scenario().profile == ProfileKind::Linux;
        let n = session.events_until(lab.cursor);
        let mut lasts: [Option<Last>; 2] = [None, None];
        let mut previous: [Option<State>; 2] = [None, None];
        let mut current: [Option<State>; 2] = [None, None];
        for e in &session.trace().events[..n] {
            match &e.kind {
                EventKind::Start { host, state } => current[host.index()] = Some(*state),
                EventKind::State { host, from, to, reason } => {
                    let i = host.index();
                    lasts[i] = Some(Last { from: *from, to: *to, before_from: previous[i], reason: *reason });
                    previous[i] = Some(*from);
                    current[i] = Some(*to);
                }
                _ => {}
            }
        }
        (lasts, current, linux)
    };

    let markers = Host::BOTH.into_iter().filter_map(|h| {
        let state = current[h.index()]?;
        let prev = lasts[h.index()].as_ref().map(|l| l.from);
        let node = node_for(state, prev);
        let dx = if h == Host::A { -BOX_W / 2.0 + 2.0 } else { BOX_W / 2.0 - 2.0 };
        Some(html! {
            <g class={cls(&["marker", host_class(h)])} data-host={h.to_string()} data-state={state.name()}>
                <circle cx={px(node.x + dx)} cy={px(node.y - BOX_H / 2.0)} r="10" />
                <text x={px(node.x + dx)} y={px(node.y - BOX_H / 2.0 + 4.0)} text-anchor="middle">{ h.to_string() }</text>
            </g>
        })
    });
    let lit: Vec<(Host, &'static crate::geometry::state_diagram::Edge)> = Host::BOTH
        .into_iter()
        .filter_map(|h| {
            let l = lasts[h.index()].as_ref()?;
            let from_end = node_for(l.from, l.before_from).end;
            let to_end = node_for(l.to, Some(l.from)).end;
            edge_for(l.from, l.to, from_end, to_end).map(|e| (h, e))
        })
        .collect();
    let captions = Host::BOTH.into_iter().filter_map(|h| {
        let l = lasts[h.index()].as_ref()?;
        Some(html! {
            <li class={host_class(h)}>
                <strong>{ format!("{h}: {} → {}", l.from, l.to) }</strong>{ " — " }{ msg::cited_reason(lang, l.reason) }
            </li>
        })
    });

    html! {
        <section class="panel state-diagram" aria-label={t(lang, Ui::StateDiagram)}>
            <h2>{ t(lang, Ui::StateDiagram) }</h2>
            <svg viewBox={format!("0 0 {} {}", px(WIDTH), px(HEIGHT))} role="img" aria-label={t(lang, Ui::StateDiagramDescription)}>
                <defs>
                    <marker id="sd-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { for EDGES.iter().filter_map(|e| {
                    let lit_by: Vec<Host> = lit.iter().filter(|(_, l)| std::ptr::eq(*l, e)).map(|(h, _)| *h).collect();
                    // Linux's own transitions show for the Linux profile, or when one is taken.
                    if e.linux && !linux && lit_by.is_empty() {
                        return None;
                    }
                    let both = lit_by.len() > 1;
                    let class = cls(&["edge", when(!lit_by.is_empty(), "lit"), when(both, "both"), when(e.linux, "linux"), lit_by.first().map_or("", |h| host_class(*h))]);
                    let points = e.points.iter().map(|(x, y)| format!("{},{}", px(*x), px(*y))).collect::<Vec<_>>().join(" ");
                    let mut label = if e.action.is_empty() { e.event.to_string() } else { format!("{} / {}", e.event, e.action) };
                    if e.linux {
                        label = format!("{label} ({})", t(lang, Ui::LinuxOnly));
                    }
                    Some(html! {
                        <g class={class}>
                            <polyline points={points.clone()} marker-end="url(#sd-arrow)" />
                            // Both hosts took it: B's colour in dashes over A's.
                            if both {
                                <polyline class="second" points={points} />
                            }
                            <text x={px(e.label_at.0)} y={px(e.label_at.1)} text-anchor={e.centred.then_some("middle")}>{ label }</text>
                        </g>
                    })
                }) }
                { for NODES.iter().map(|n| {
                    let here: Vec<Host> = Host::BOTH.into_iter().filter(|h| current[h.index()].is_some_and(|s| node_for(s, lasts[h.index()].as_ref().map(|l| l.from)) == *n)).collect();
                    html! {
                        <g class={cls(&["node", when(!here.is_empty(), "current")])}>
                            <rect x={px(n.x - BOX_W / 2.0)} y={px(n.y - BOX_H / 2.0)} width={px(BOX_W)} height={px(BOX_H)} rx="6" />
                            <text x={px(n.x)} y={px(n.y + 4.0)} text-anchor="middle">{ n.state.name() }</text>
                        </g>
                    }
                }) }
                { for markers }
            </svg>
            <ul class="captions">{ for captions }</ul>
        </section>
    }
}
