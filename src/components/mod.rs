//! The interface, one component per file. Each receives its part of the view model as props
//! and a callback to dispatch messages, and only renders; none of them decides protocol
//! behaviour or reads the session.

pub mod app;
pub mod caption;
#[cfg(feature = "capture")]
pub mod capture_export;
#[cfg(feature = "capture")]
pub mod capture_import;
#[cfg(feature = "mermaid")]
pub mod copy_mermaid;
pub mod effect;
#[cfg(feature = "course")]
pub mod embed_dialog;
pub mod endpoint_card;
pub mod event_log;
pub mod flash;
pub mod header;
pub mod network_tools;
#[cfg(feature = "picture")]
pub mod picture_export;
pub mod preset_info;
#[cfg(feature = "quiz")]
pub mod quiz;
pub mod segment_sheet;
pub mod share;
pub mod state_diagram;
pub mod timeline;
#[cfg(feature = "explore")]
pub mod what_could_happen;
pub mod widgets;
