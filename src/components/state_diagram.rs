//! The RFC 9293 state diagram with each host's current state marked (A and B) and the
//! transition each host took last lit up.

use super::widgets::{cls, host_class, when};
use crate::geometry::px;
use crate::geometry::state_diagram::{edge_for, node_for, Edge, BOX_H, BOX_W, EDGES, HEIGHT, NODES, WIDTH};
use crate::view::diagram::DiagramView;
use finwait_core::{Host, ProfileKind};
use finwait_messages::events::profile;
use finwait_messages::{fill, ui, Lang, Ui};
use std::rc::Rc;
use yew::prelude::*;

/// What it shows. A plain function, not a component: it keeps no state, and changes with
/// almost every frame anyway.
pub struct Props {
    pub view: Rc<DiagramView>,
    pub lang: Lang,
}

pub fn state_diagram(props: &Props) -> Html {
    let (d, lang) = (&props.view, props.lang);
    let linux = d.profile == ProfileKind::Linux;
    let node_of = |h: Host| d.current[h.index()].map(|s| node_for(s, d.last[h.index()].map(|l| l.from)));

    let markers = Host::BOTH.into_iter().filter_map(|h| {
        let state = d.current[h.index()]?;
        let node = node_of(h)?;
        let dx = if h == Host::A { -BOX_W / 2.0 + 2.0 } else { BOX_W / 2.0 - 2.0 };
        Some(html! {
            <g class={cls(&["marker", host_class(h)])} data-host={h.to_string()} data-state={state.name()}>
                <circle cx={px(node.x + dx)} cy={px(node.y - BOX_H / 2.0)} r="10" />
                <text x={px(node.x + dx)} y={px(node.y - BOX_H / 2.0 + 4.0)} text-anchor="middle">{ h.to_string() }</text>
            </g>
        })
    });
    let lit: Vec<(Host, &'static Edge)> = Host::BOTH
        .into_iter()
        .filter_map(|h| {
            let l = d.last[h.index()]?;
            let from_end = node_for(l.from, l.before_from).end;
            let to_end = node_for(l.to, Some(l.from)).end;
            edge_for(l.from, l.to, from_end, to_end).map(|e| (h, e))
        })
        .collect();

    html! {
        <section class="panel state-diagram" aria-label={fill(ui(lang, Ui::StateDiagram), &[profile(d.profile)])}>
            <h2>{ fill(ui(lang, Ui::StateDiagram), &[profile(d.profile)]) }</h2>
            <svg viewBox={format!("0 0 {} {}", px(WIDTH), px(HEIGHT))} role="img" aria-label={ui(lang, Ui::StateDiagramDescription)}>
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
                        label = format!("{label} ({})", ui(lang, Ui::LinuxOnly));
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
                    let here = Host::BOTH.into_iter().any(|h| node_of(h).is_some_and(|m| m == *n));
                    html! {
                        <g class={cls(&["node", when(here, "current")])}>
                            <rect x={px(n.x - BOX_W / 2.0)} y={px(n.y - BOX_H / 2.0)} width={px(BOX_W)} height={px(BOX_H)} rx="6" />
                            <text x={px(n.x)} y={px(n.y + 4.0)} text-anchor="middle">{ n.state.name() }</text>
                        </g>
                    }
                }) }
                { for markers }
            </svg>
            <ul class="captions">{ for d.captions.iter().map(|(h, title, why)| html! {
                <li class={host_class(*h)}><strong>{ title }</strong>{ " — " }{ why }</li>
            }) }</ul>
        </section>
    }
}
