//! The user's actions in a lab session, kept as a list whose earlier part every copy shares:
//! undo keeps a copy for each step, and a copy costs a pointer, not the whole list — so a long
//! session's memory does not grow with the square of its clicks.

use finwait_core::scenario::TimedAction;
use finwait_core::Time;
use std::rc::Rc;

/// The user's actions, in the order they apply (time order).
#[derive(Clone, Debug, Default)]
pub struct UserActions {
    last: Option<Rc<Node>>,
    len: usize,
}

#[derive(Debug)]
struct Node {
    action: TimedAction,
    before: Option<Rc<Node>>,
}

impl UserActions {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `action` after the others.
    pub fn push(&mut self, action: TimedAction) {
        self.last = Some(Rc::new(Node { action, before: self.last.take() }));
        self.len += 1;
    }

    /// Forgets the actions after `at` (the user acted at an earlier time: the run branches).
    pub fn keep_until(&mut self, at: Time) {
        while let Some(node) = self.last.as_ref().filter(|n| Time(n.action.at) > at) {
            self.last = node.before.clone();
            self.len -= 1;
        }
    }

    /// The actions, first to last.
    pub fn to_vec(&self) -> Vec<TimedAction> {
        let mut out = Vec::with_capacity(self.len);
        let mut node = self.last.as_deref();
        while let Some(n) = node {
            out.push(n.action.clone());
            node = n.before.as_deref();
        }
        out.reverse();
        out
    }
}

impl From<Vec<TimedAction>> for UserActions {
    fn from(actions: Vec<TimedAction>) -> UserActions {
        let mut list = UserActions::default();
        for a in actions {
            list.push(a);
        }
        list
    }
}

impl PartialEq for UserActions {
    fn eq(&self, other: &UserActions) -> bool {
        self.len == other.len && self.to_vec() == other.to_vec()
    }
}

impl Drop for UserActions {
    /// One node after the other, not by recursion: a long list must not exhaust the stack.
    fn drop(&mut self) {
        let mut next = self.last.take();
        while let Some(node) = next {
            next = match Rc::try_unwrap(node) {
                Ok(mut only) => only.before.take(),
                Err(_) => None,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::{Action, Host};

    fn read(at: u64) -> TimedAction {
        TimedAction { at, action: Action::Read { host: Host::A, max: None }, separate: true }
    }

    #[test]
    fn copies_share_the_list_and_branches_keep_the_start() {
        let mut list = UserActions::default();
        for t in [10, 20, 30] {
            list.push(read(t));
        }
        let copy = list.clone();
        list.keep_until(Time(20));
        list.push(read(25));
        assert_eq!(list.to_vec().iter().map(|a| a.at).collect::<Vec<_>>(), vec![10, 20, 25]);
        assert_eq!(copy.to_vec().iter().map(|a| a.at).collect::<Vec<_>>(), vec![10, 20, 30]);
        assert_eq!((list.len(), copy.len()), (3, 3));
        assert_ne!(list, copy);
    }

    #[test]
    fn a_long_list_is_dropped_without_recursion() {
        let mut list = UserActions::default();
        for t in 0..200_000 {
            list.push(read(t));
        }
        drop(list);
    }
}
