//! Invariants checked after every step in tests (DESIGN.md "Invariants"): each TCB is
//! consistent with its state, SND.UNA ≤ SND.NXT, no byte is delivered twice or out of order,
//! a FIN is delivered only after all data before it, and — once faults stop — both ends reach
//! CLOSED within a bounded virtual time.

use crate::app::{AppCall, CallOutcome, Notice};
use crate::host::Host;
use crate::network::SegmentId;
use crate::simulation::Simulation;
use crate::state::State;
use crate::trace::{EventKind, Origin, Trace};
use std::collections::BTreeSet;
use std::fmt;

/// A broken invariant, with the time and what was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub at: u64,
    pub host: Host,
    pub kind: ViolationKind,
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// The TCB's fields disagree with its state (see `Endpoint::check`).
    Tcb,
    /// Delivered bytes are not exactly the next bytes the peer's application sent.
    ByteStream,
    /// A byte from an earlier connection reached the application.
    StaleDelivery,
    /// End-of-file before every byte sent ahead of the FIN was delivered.
    FinBeforeData,
    /// Still not CLOSED long after the faults stopped.
    NotTerminated,
}

impl ViolationKind {
    /// What the invariant is about, in a few words.
    pub fn name(self) -> &'static str {
        match self {
            ViolationKind::Tcb => "the TCB's fields",
            ViolationKind::ByteStream => "the byte stream",
            ViolationKind::StaleDelivery => "a stale delivery",
            ViolationKind::FinBeforeData => "a FIN before its data",
            ViolationKind::NotTerminated => "not closed",
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {} ms, host {}: {}: {}", self.at, self.host, self.kind.name(), self.detail)
    }
}

/// Follows a run event by event and checks the invariants. Feed it the trace after every
/// `step` or `apply`.
#[derive(Clone, Debug, Default)]
pub struct Checker {
    /// What each host's application has sent in its current connection.
    sent: [Vec<u8>; 2],
    /// What each host has delivered to its application in its current connection.
    delivered: [Vec<u8>; 2],
    /// Injected segments (and network copies of them) that carry data or a FIN.
    forged: BTreeSet<SegmentId>,
    /// A host's current connection took in bytes or a FIN its peer never sent — an injected
    /// segment, or (where allowed) one from an earlier connection. The byte-stream checks mean
    /// nothing for it any more: that is what the user set out to show.
    foreign: [bool; 2],
    seen: usize,
    /// Old duplicates may legitimately corrupt a new connection when TIME-WAIT is shortened
    /// (S23 shows exactly this); such scenarios switch the check off.
    pub allow_stale: bool,
}

impl Checker {
    /// A checker for a simulation that starts with `unread[h]` already delivered to host h.
    pub fn new(unread: [Vec<u8>; 2]) -> Checker {
        let [a, b] = unread;
        // A's unread bytes were sent by B, and the other way round.
        Checker {
            sent: [b.clone(), a.clone()],
            delivered: [a, b],
            forged: BTreeSet::new(),
            foreign: [false; 2],
            seen: 0,
            allow_stale: false,
        }
    }

    /// The host starts a new connection: its byte streams start again.
    fn new_connection(&mut self, host: Host) {
        self.sent[host.index()].clear();
        self.delivered[host.index()].clear();
        self.foreign[host.index()] = false;
    }

    /// Checks the events recorded since the last call, then both TCBs.
    pub fn check(&mut self, sim: &Simulation, trace: &Trace) -> Result<(), Violation> {
        for e in &trace.events[self.seen.min(trace.events.len())..] {
            let at = e.at.ms();
            match &e.kind {
                EventKind::Call { host, call, result: Ok(outcome) } => match (call, outcome) {
                    (AppCall::Send { data }, CallOutcome::Queued { .. }) => {
                        self.sent[host.index()].extend_from_slice(data)
                    }
                    (AppCall::Connect { .. } | AppCall::Listen { .. }, _) => self.new_connection(*host),
                    _ => {}
                },
                EventKind::State { host, from: State::SynReceived, to: State::Listen, .. } => {
                    self.new_connection(*host)
                }
                EventKind::Segment { id, segment, origin, .. } => {
                    let forged = match origin {
                        Origin::Injected => true,
                        Origin::Copy { of } => self.forged.contains(of),
                        Origin::Sent { .. } => false,
                    };
                    if forged && (!segment.data.is_empty() || segment.flags.fin) {
                        self.forged.insert(*id);
                    }
                }
                EventKind::Arrived { id, to, stale } if self.forged.contains(id) || (*stale && self.allow_stale) => {
                    self.foreign[to.index()] = true;
                }
                EventKind::Delivered { host, data, stale } => {
                    if *stale {
                        if !self.allow_stale {
                            return Err(Violation {
                                at,
                                host: *host,
                                kind: ViolationKind::StaleDelivery,
                                detail: format!("{} bytes from an earlier connection", data.len()),
                            });
                        }
                        continue;
                    }
                    let h = host.index();
                    if self.foreign[h] {
                        continue;
                    }
                    let from = host.peer().index();
                    let start = self.delivered[h].len();
                    self.delivered[h].extend_from_slice(data);
                    let sent = &self.sent[from];
                    // Only the new bytes need comparing: those before them matched already.
                    if sent.get(start..start + data.len()) != Some(&data[..]) {
                        return Err(Violation {
                            at,
                            host: *host,
                            kind: ViolationKind::ByteStream,
                            detail: format!(
                                "delivered bytes {}..{} do not match what {} sent ({} bytes sent in all)",
                                start,
                                self.delivered[h].len(),
                                host.peer(),
                                sent.len()
                            ),
                        });
                    }
                }
                EventKind::Notice { host, notice: Notice::PeerClosed } => {
                    let (got, sent) = (self.delivered[host.index()].len(), self.sent[host.peer().index()].len());
                    if got != sent && !self.foreign[host.index()] {
                        return Err(Violation {
                            at,
                            host: *host,
                            kind: ViolationKind::FinBeforeData,
                            detail: format!("FIN processed after {got} of the {sent} bytes sent before it"),
                        });
                    }
                }
                _ => {}
            }
        }
        self.seen = trace.events.len();
        for host in Host::BOTH {
            sim.host(host).check().map_err(|detail| Violation {
                at: sim.now().ms(),
                host,
                kind: ViolationKind::Tcb,
                detail,
            })?;
        }
        Ok(())
    }
}

/// After faults have stopped, both applications have closed, and the run has gone quiet: each
/// host is CLOSED, or in FIN-WAIT-2 with no timer to end it (RFC 9293 has none; Linux only for
/// orphans) while its peer is CLOSED and so will never send the FIN it waits for.
pub fn check_terminated(sim: &Simulation) -> Result<(), Violation> {
    for host in Host::BOTH {
        let me = sim.host(host);
        let peer = sim.host(host.peer()).state();
        let allowed = match me.state() {
            State::Closed => true,
            State::FinWait2 => peer == State::Closed && me.deadline(crate::app::TimerKind::FinWait2).is_none(),
            _ => false,
        };
        if !allowed || sim.next_event_time().is_some() {
            return Err(Violation {
                at: sim.now().ms(),
                host,
                kind: ViolationKind::NotTerminated,
                detail: match sim.next_event_time() {
                    Some(t) => format!("{} with peer in {}; something is still due at {t}", me.state(), peer),
                    None => format!("{} with peer in {}", me.state(), peer),
                },
            });
        }
    }
    Ok(())
}
