//! What a segment did to a host, as a capture's comment or an import's step tells it.

use finwait_core::{Host, Reason, State};

/// A change of state, or how a segment was treated when nothing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Moved { host: Host, from: State, to: State, reason: Reason },
    Treated { host: Host, reason: Reason },
}
