//! Where the lab meets its address, links and storage: what to open when the page loads (a
//! share link's session, a hand-written link's preset, the session kept from last time), how an
//! instructor framed it (`embed`), and keeping the address and storage up to date as the user
//! works, so that a reload loses nothing.

pub mod codec;
pub mod embed;
pub mod opening;
pub mod params;
pub mod quiz_set;
pub mod storage;

use crate::store::Lab;
use embed::{Embedding, Panels, Tools};
use finwait_core::link::LinkError;
use finwait_core::presets::{self, PRESETS};
use finwait_core::scenario::BLANK;
use finwait_core::Scenario;
use finwait_messages::Lang;
use opening::Opening;
use params::{Key, ParamProblem, Params};
use std::rc::Rc;

/// Something the user is told when the lab opens: what could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Param(ParamProblem),
    /// The share link in the address.
    Link(LinkError),
    /// The session kept from last time.
    Stored(LinkError),
    /// This many of the session's own actions no longer applied and were left out.
    Skipped(usize),
}

/// How the page starts: the lab, and what to do once it shows.
#[derive(Clone)]
pub struct Start {
    pub lab: Lab,
    pub autoplay: bool,
    /// Where this lab keeps its session (`None`: not kept, as for the stress run).
    pub storage_key: Option<String>,
}

impl Start {
    /// The lab on its own: nothing to play, nothing kept (for tests that mount the app).
    pub fn plain(lab: Lab) -> Start {
        Start { lab, autoplay: false, storage_key: None }
    }
}

/// Reads the address (and storage) and builds the lab it asks for. Async because a deflated
/// link is inflated by the browser.
pub async fn start() -> Start {
    let location = web_sys::window().map(|w| w.location());
    let read = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    let (search, fragment) = (read(web_sys::Location::search), read(web_sys::Location::hash));
    let params = Params::read(&search, &fragment);
    let stress = crate::stress::requested();
    let storage_key = stress.is_none().then(|| storage::key(params.embed, &search, &fragment));
    let stored = match (&storage_key, asks_for_a_scenario(&params)) {
        (Some(key), false) => storage::load(key),
        _ => None,
    };
    let from_link = match &params.state {
        Some(text) => Some(codec::from_text(text).await),
        None => None,
    };
    let from_storage = match stored {
        Some(text) => Some(codec::from_text(&text).await),
        None => None,
    };
    let (opening, notices) = choose(&params, from_link, from_storage, stress);
    if notices.iter().any(|n| matches!(n, Notice::Stored(_))) {
        if let Some(key) = &storage_key {
            storage::forget(key);
        }
    }
    let lang = params.lang.or_else(storage::chosen_lang).or_else(browser_lang).unwrap_or_default();
    Start {
        lab: Lab::open(opening, Rc::new(embedding(&params)), lang, notices),
        autoplay: params.autoplay,
        storage_key,
    }
}

/// Whether the address names a scenario of its own (then the kept session is not used).
fn asks_for_a_scenario(p: &Params) -> bool {
    p.state.is_some() || p.preset.is_some() || p.profile.is_some() || p.time.is_some()
}

/// What to open, from what the address and storage hold, and what to tell the user. A share
/// link carries everything; without one, `preset=`, `profile=` and `t=` shape the opening; the
/// session kept from last time is used only when the address asks for nothing.
pub fn choose(
    params: &Params,
    from_link: Option<Result<finwait_core::link::Shared, LinkError>>,
    from_storage: Option<Result<finwait_core::link::Shared, LinkError>>,
    stress: Option<usize>,
) -> (Opening, Vec<Notice>) {
    let mut notices: Vec<Notice> = params.problems.iter().cloned().map(Notice::Param).collect();
    if let Some(n) = stress {
        return (Opening::fresh(crate::stress::stress_scenario(n), None), notices);
    }
    match from_link.map(|r| r.and_then(Opening::from_shared)) {
        Some(Ok(o)) => return (o, notices),
        Some(Err(e)) => notices.push(Notice::Link(e)),
        None => {}
    }
    match from_storage.map(|r| r.and_then(Opening::from_shared)) {
        Some(Ok(o)) => return (o, notices),
        Some(Err(e)) => notices.push(Notice::Stored(e)),
        None => {}
    }
    let mut opening = match params.preset.as_deref() {
        Some(BLANK) => Some(Opening::fresh(Scenario::blank(), None)),
        Some(name) => presets::resolve(name, params.profile)
            .and_then(|p| PRESETS.iter().position(|q| q.name == p.name))
            .and_then(|i| Opening::preset(i, None)),
        None => None,
    }
    .or_else(|| Opening::preset(0, None))
    .unwrap_or_else(|| Opening::fresh(Scenario::blank(), None));
    if let Some(p) = params.profile {
        opening.scenario.profile = p;
    }
    if let Some(t) = params.time {
        (opening.cursor, opening.head) = (t, t);
    }
    (opening, notices)
}

/// The framing the address asks for.
fn embedding(p: &Params) -> Embedding {
    Embedding {
        embedded: p.embed,
        tools: p.tools.unwrap_or(Tools::ALL),
        show: p.show.unwrap_or(if p.embed { Panels::EMBED } else { Panels::ALL }),
        lock_scenario: p.lock_scenario,
        origin: p.origin.clone(),
    }
}

/// The browser's preferred language, when finwait has it.
fn browser_lang() -> Option<Lang> {
    let nav = web_sys::window()?.navigator();
    nav.languages().iter().filter_map(|l| l.as_string()).find_map(|l| Lang::from_code(&l))
}

/// The address for a session's link text: the page's own query (an embed's locks stay) and
/// fragment, with the session in place of any earlier one (and of the readable parameters it
/// supersedes).
pub fn address_with(search: &str, fragment: &str, link: &str) -> String {
    let kept: Vec<&str> = fragment
        .trim_start_matches('#')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or(p);
            !matches!(Key::from_name(key), Some(Key::State | Key::Preset | Key::Profile | Key::Time))
                && presets::resolve(key, None).is_none()
        })
        .collect();
    let mut out = format!("{search}#");
    for p in kept {
        out.push_str(p);
        out.push('&');
    }
    out.push_str("s=");
    out.push_str(link);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use finwait_core::link::{Shared, Source};
    use finwait_core::{ProfileKind, Time};

    fn params(search: &str) -> Params {
        Params::read(search, "")
    }

    #[test]
    fn a_hand_written_link_opens_its_preset_under_its_profile_at_its_moment() {
        let (o, notices) = choose(&params("?preset=S13&profile=linux&t=2s"), None, None, None);
        assert_eq!(PRESETS[o.preset.unwrap()].name, "close-with-unread-data-linux");
        assert_eq!((o.scenario.profile, o.cursor, o.head), (ProfileKind::Linux, Time(2_000), Time(2_000)));
        assert!(notices.is_empty());
        let (o, _) = choose(&params("?preset=active-close&profile=linux"), None, None, None);
        assert_eq!((o.preset, o.scenario.profile), (Some(0), ProfileKind::Linux));
        let (o, _) = choose(&params("?preset=blank"), None, None, None);
        assert_eq!((o.preset, o.scenario.name.as_str()), (None, BLANK));
    }

    #[test]
    fn a_broken_link_is_reported_and_the_lab_opens_normally() {
        let broken = Some(Err(LinkError::NewerFormat { format: 2 }));
        let (o, notices) = choose(&params("?t=bad"), broken, None, None);
        assert_eq!(o.preset, Some(0));
        assert_eq!(
            notices,
            vec![
                Notice::Param(ParamProblem::BadValue { key: Key::Time, value: "bad".into() }),
                Notice::Link(LinkError::NewerFormat { format: 2 })
            ]
        );
    }

    #[test]
    fn the_kept_session_opens_and_a_damaged_one_is_reported() {
        let kept = Shared {
            source: Source::Preset("lost-fin".into()),
            profile: ProfileKind::Rfc9293,
            user: Vec::new(),
            head: Time(900),
            cursor: Some(Time(300)),
            names: [None, None],
        };
        let (o, notices) = choose(&params(""), None, Some(Ok(kept)), None);
        assert_eq!((PRESETS[o.preset.unwrap()].name, o.cursor), ("lost-fin", Time(300)));
        assert!(notices.is_empty());
        let (o, notices) = choose(&params(""), None, Some(Err(LinkError::TooShort)), None);
        assert_eq!((o.preset, notices), (Some(0), vec![Notice::Stored(LinkError::TooShort)]));
    }

    #[test]
    fn the_address_keeps_the_embeds_parameters_and_replaces_the_session() {
        assert_eq!(address_with("?embed=1", "#s=OLD&controls=drop&t=5", "NEW"), "?embed=1#controls=drop&s=NEW");
        assert_eq!(address_with("", "#S08", "NEW"), "#s=NEW");
        assert_eq!(address_with("", "", "NEW"), "#s=NEW");
    }
}
