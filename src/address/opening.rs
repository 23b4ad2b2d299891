//! A session to open — from a share link, from storage, from the course page's `setState` or
//! `loadScenario`, or from a hand-written link's `preset=` — and the way back: the lab's
//! session as a link carries it.

use finwait_core::link::{LinkError, Shared, Source};
use finwait_core::presets::PRESETS;
use finwait_core::scenario::{TimedAction, BLANK};
use finwait_core::{ProfileKind, Scenario, Time};

/// Everything the store needs to open a session.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    pub scenario: Scenario,
    /// Index into `PRESETS`, or `None` for the blank lab or a scenario given whole.
    pub preset: Option<usize>,
    pub user: Vec<TimedAction>,
    pub head: Time,
    pub cursor: Time,
    /// Names given to the hosts (the usual names when `None`).
    pub names: [Option<String>; 2],
}

impl Opening {
    /// A scenario from its start, with nothing added.
    pub fn fresh(scenario: Scenario, preset: Option<usize>) -> Opening {
        Opening { scenario, preset, user: Vec::new(), head: Time::ZERO, cursor: Time::ZERO, names: [None, None] }
    }

    /// The preset at `index` under `profile` (its own when `None`).
    pub fn preset(index: usize, profile: Option<ProfileKind>) -> Option<Opening> {
        let mut scenario = PRESETS.get(index)?.scenario().ok()?;
        if let Some(p) = profile {
            scenario.profile = p;
        }
        Some(Opening::fresh(scenario, Some(index)))
    }

    /// The session a link holds.
    pub fn from_shared(s: Shared) -> Result<Opening, LinkError> {
        let scenario = s.scenario()?;
        let preset = match &s.source {
            Source::Preset(name) => PRESETS.iter().position(|p| p.name == name),
            Source::Scenario(_) => None,
        };
        let cursor = s.cursor.unwrap_or(Time::ZERO);
        Ok(Opening { scenario, preset, user: s.user, head: s.head.max(cursor), cursor, names: s.names })
    }

    /// The session as a link carries it; the cursor only `at_moment`.
    pub fn to_shared(&self, at_moment: bool) -> Shared {
        let profile = self.scenario.profile;
        let source = match self.preset.and_then(|i| PRESETS.get(i)) {
            Some(p) => Source::Preset(p.name.to_string()),
            // Compared in their file form: the scenario's own comparison would add its weight
            // to the bundle for this one use.
            None if self.scenario.to_json() == Scenario { profile, ..Scenario::blank() }.to_json() => {
                Source::Preset(BLANK.into())
            }
            None => Source::Scenario(Box::new(self.scenario.clone())),
        };
        Shared {
            source,
            profile,
            user: self.user.clone(),
            head: self.head,
            cursor: at_moment.then_some(self.cursor).filter(|t| *t > Time::ZERO),
            names: self.names.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::{Action, Host, SegmentId};

    /// A link made from a session opens the same session.
    #[test]
    fn a_session_round_trips_through_a_link() {
        let mut o = Opening::preset(7, Some(ProfileKind::Linux)).unwrap();
        o.user.push(TimedAction { at: 150, action: Action::Drop { segment: SegmentId(4) }, separate: true });
        o.head = Time(3_000);
        o.cursor = Time(200);
        o.names[Host::B.index()] = Some("db".into());
        let text = o.to_shared(true).to_plain_text();
        assert_eq!(Opening::from_shared(Shared::from_plain_text(&text).unwrap()).unwrap(), o);
        // Without the moment, it opens at the start.
        let at_start = Opening::from_shared(o.to_shared(false)).unwrap();
        assert_eq!((at_start.cursor, at_start.head), (Time::ZERO, o.head));
    }

    #[test]
    fn the_blank_lab_travels_by_name_and_a_changed_scenario_whole() {
        let blank = Opening::fresh(Scenario { profile: ProfileKind::Linux, ..Scenario::blank() }, None);
        assert_eq!(blank.to_shared(false).source, Source::Preset(BLANK.into()));
        assert_eq!(Opening::from_shared(blank.to_shared(false)).unwrap(), blank);
        let own = Opening::fresh(Scenario::blank().then(10, Action::Close { host: Host::A }), None);
        assert!(matches!(own.to_shared(false).source, Source::Scenario(_)));
        assert_eq!(Opening::from_shared(own.to_shared(false)).unwrap(), own);
    }
}
