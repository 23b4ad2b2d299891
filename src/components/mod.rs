//! The interface, one component per file. Each renders part of the store and dispatches
//! messages; none of them decides protocol behaviour.

pub mod app;
pub mod endpoint_card;
pub mod event_log;
pub mod flash;
pub mod header;
pub mod network_tools;
pub mod preset_info;
pub mod segment_panel;
pub mod state_diagram;
pub mod timeline;
pub mod widgets;
