//! finwait-core: a deterministic, sans-IO simulation of how a TCP connection closes.
//!
//! No clocks, no I/O, no randomness, no web types: time and faults are inputs, and the same
//! inputs always give the same trace. The rules are RFC 9293's (with RFC 5961, RFC 1337 and
//! RFC 6298), and a `Linux` profile switches on where the Linux kernel differs; see
//! docs/tcp-close-rules.md. Nothing here is user-interface text: every decision carries a
//! typed [`Reason`] that the front ends put into words.
//!
//! The pieces: `Endpoint` (one host's TCB), `Network` (segments in flight and faults),
//! `Simulation` (both hosts, the network and the clock), `Runner` (the one loop that plays a
//! script of actions against a simulation), `Scenario` (the file format), and `Trace` (what
//! happened).

pub mod action;
pub mod app;
pub mod base64url;
pub mod endpoint;
pub mod expect;
pub mod explore;
pub mod host;
pub mod invariants;
pub mod json;
pub mod limits;
pub mod link;
pub mod network;
pub mod order;
pub mod pack;
pub mod payload;
pub mod presets;
pub mod profile;
pub mod quiz;
pub mod reason;
pub mod run;
pub mod scenario;
pub mod segment;
pub mod seq;
pub mod simulation;
pub mod state;
pub mod time;
pub mod trace;
pub mod wire;

pub use action::{Action, ActionError, ActionKind};
pub use app::{AppCall, CallError, CallKind, CallOutcome, Notice, TimerChange, TimerKind};
pub use endpoint::{Endpoint, Output, Outputs, Snapshot};
pub use host::Host;
pub use network::{Fault, FaultKind, FaultRule, LossCause, Network, SegmentId, SegmentKind};
pub use payload::Payload;
pub use profile::{Overrides, Params, ProfileKind};
pub use reason::{Citation, Reason, Source};
pub use run::{OnInvalid, Runner};
pub use scenario::{Run, Scenario, ScenarioError};
pub use segment::{Flags, Segment};
pub use seq::Seq;
pub use simulation::Simulation;
pub use state::State;
pub use time::{Duration, Time};
pub use trace::{Event, EventKind, Fate, Origin, SegmentRecord, Trace};
