//! What an instructor can shape in an embedded lab: the tools a student may use (the others are
//! not shown at all), the panels below the lab, and whether the scenario is locked.

use finwait_core::wire::Named;
use finwait_core::{named, ActionKind};
use std::marker::PhantomData;

named! {
    /// A tool a student may be given (`controls=`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Tool {
        /// The hosts' application calls: connect, listen, send, read, shutdown, close, abort.
        Calls = "calls",
        Drop = "drop",
        /// Delaying a segment, and swapping two.
        Delay = "delay",
        Duplicate = "duplicate",
        /// Holding a segment, and releasing it.
        Hold = "hold",
        /// Crafting a segment, and sending one again as an old duplicate.
        Inject = "inject",
        /// Firing a host's timer now.
        Timers = "timers",
        /// The network's latency and fault rules.
        Network = "network",
        /// Choosing another scenario.
        Scenario = "scenario",
        /// Switching between RFC 9293 and Linux.
        Profile = "profile",
    }
}

named! {
    /// A panel below the lab (`show=`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Panel {
        /// The state machine, with the transitions taken.
        Diagram = "diagram",
        Log = "log",
        /// The hosts' cards (their states stay on the timeline without them).
        Cards = "cards",
        Network = "network",
    }
}

impl Tool {
    /// The tool an action needs.
    pub fn for_action(kind: ActionKind) -> Tool {
        match kind {
            ActionKind::Connect
            | ActionKind::Listen
            | ActionKind::Send
            | ActionKind::Read
            | ActionKind::Shutdown
            | ActionKind::Close
            | ActionKind::Abort => Tool::Calls,
            ActionKind::Drop => Tool::Drop,
            ActionKind::Delay | ActionKind::Reorder => Tool::Delay,
            ActionKind::Duplicate => Tool::Duplicate,
            ActionKind::Hold | ActionKind::Release => Tool::Hold,
            ActionKind::Inject => Tool::Inject,
            ActionKind::FireTimer => Tool::Timers,
            ActionKind::Latency | ActionKind::Rule | ActionKind::ClearRules => Tool::Network,
        }
    }
}

/// A set of a `named!` enum's values (the tools a student has, the panels shown): a bit for each
/// value, in the order of its `ALL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Set<T>(u16, PhantomData<T>);

/// The tools a student may use.
pub type Tools = Set<Tool>;
/// The panels shown below the lab.
pub type Panels = Set<Panel>;

impl<T: Named + PartialEq> Set<T> {
    pub const ALL: Set<T> = Set((1 << T::ALL.len()) - 1, PhantomData);

    fn bit(t: T) -> u16 {
        1 << T::ALL.iter().position(|x| *x == t).unwrap_or(0)
    }

    pub fn of(values: &[T]) -> Set<T> {
        Set(values.iter().fold(0, |m, t| m | Self::bit(*t)), PhantomData)
    }

    pub fn contains(self, t: T) -> bool {
        self.0 & Self::bit(t) != 0
    }

    /// The set with `t` added, or taken out if it was in.
    pub fn toggled(self, t: T) -> Set<T> {
        Set(self.0 ^ Self::bit(t), PhantomData)
    }

    /// The values in it, in the order the parameters list them.
    pub fn list(self) -> Vec<T> {
        T::ALL.iter().copied().filter(|t| self.contains(*t)).collect()
    }
}

impl Panels {
    /// An embed shows the hosts' cards beside the timeline, and nothing below it.
    pub const EMBED: Panels = Set(1 << Panel::Cards as u16, PhantomData);
}

/// How the lab is framed: on its own page (everything, unlocked) or embedded in a course page,
/// shaped by the instructor's parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embedding {
    pub embedded: bool,
    pub tools: Tools,
    pub show: Panels,
    pub lock_scenario: bool,
    /// The course page's origin: commands are taken from it only, and events posted to it.
    pub origin: Option<String>,
}

impl Default for Embedding {
    fn default() -> Embedding {
        Embedding { embedded: false, tools: Tools::ALL, show: Panels::ALL, lock_scenario: false, origin: None }
    }
}

impl Embedding {
    /// May the student use `t`? Choosing a scenario is also off when the scenario is locked.
    pub fn allows(&self, t: Tool) -> bool {
        self.tools.contains(t) && !(t == Tool::Scenario && self.lock_scenario)
    }

    pub fn shows(&self, p: Panel) -> bool {
        self.show.contains(p)
    }

    /// The query that gives this embedding (`embed=1&controls=drop&lock=scenario`), for the
    /// embed dialog's snippet. Defaults are left out.
    pub fn query(&self) -> String {
        let names = |list: Vec<&str>| list.join(",");
        let mut parts = Vec::new();
        if self.embedded {
            parts.push("embed=1".to_string());
        }
        if self.tools != Tools::ALL {
            parts.push(format!("controls={}", names(self.tools.list().iter().map(|t| t.name()).collect())));
        }
        if self.lock_scenario {
            parts.push("lock=scenario".into());
        }
        let default_show = if self.embedded { Panels::EMBED } else { Panels::ALL };
        if self.show != default_show {
            parts.push(format!("show={}", names(self.show.list().iter().map(|p| p.name()).collect())));
        }
        if let Some(o) = &self.origin {
            parts.push(format!("origin={o}"));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::params::Params;

    #[test]
    fn every_action_needs_a_tool_and_the_sets_hold_what_was_put_in() {
        for kind in ActionKind::ALL {
            let _ = Tool::for_action(*kind);
        }
        let t = Tools::of(&[Tool::Drop, Tool::Profile]);
        assert_eq!(t.list(), vec![Tool::Drop, Tool::Profile]);
        assert!(Tool::ALL.iter().all(|x| Tools::ALL.contains(*x)));
        assert!(Panel::ALL.iter().all(|x| Panels::ALL.contains(*x)));
    }

    #[test]
    fn a_locked_scenario_cannot_be_chosen_even_when_the_tool_is_listed() {
        let e = Embedding { lock_scenario: true, ..Embedding::default() };
        assert!(!e.allows(Tool::Scenario) && e.allows(Tool::Profile));
    }

    /// The embed dialog's query reads back as the same embedding.
    #[test]
    fn the_query_reads_back() {
        let e = Embedding {
            embedded: true,
            tools: Tools::of(&[Tool::Drop, Tool::Delay]),
            show: Panels::of(&[Panel::Log]),
            lock_scenario: true,
            origin: Some("https://lms.example.edu".into()),
        };
        let q = e.query();
        assert_eq!(q, "embed=1&controls=drop,delay&lock=scenario&show=log&origin=https://lms.example.edu");
        let p = Params::read(&format!("?{q}"), "");
        assert!(p.problems.is_empty());
        assert_eq!(
            (p.embed, p.tools, p.show, p.lock_scenario, p.origin),
            (e.embedded, Some(e.tools), Some(e.show), e.lock_scenario, e.origin)
        );
    }
}
