//! The last session, kept in the browser's localStorage as its link text (which carries its
//! own format version), so that opening finwait again continues where the user left off. An
//! embedded lab keeps its own, under a key made from the address it was embedded with, so two
//! embeds on a course site do not share one student's work. Storage can be missing or refused
//! (a sandboxed frame, blocked cookies): then nothing is kept, and nothing fails.

const FULL_LAB: &str = "finwait.session";
/// The language the reader picked in the header (a link's `lang=` still wins).
const LANG: &str = "finwait.lang";
const EMBED_PREFIX: &str = "finwait.embed.";

/// The key for this page: the full lab's, or one per embed address.
pub fn key(embedded: bool, search: &str, fragment: &str) -> String {
    if !embedded {
        return FULL_LAB.to_string();
    }
    // FNV-1a: short, stable, and enough to tell a course's embeds apart.
    let hash = search
        .bytes()
        .chain([0])
        .chain(fragment.bytes())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{EMBED_PREFIX}{hash:016x}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The link text kept under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, link: &str) {
    if let Some(s) = storage() {
        // Full or refused: the address still holds the session.
        let _ = s.set_item(key, link);
    }
}

pub fn forget(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The language picked last time, if it is one this build has (a build with one language
/// has nothing to look up).
pub fn chosen_lang() -> Option<finwait_messages::Lang> {
    if finwait_messages::Lang::ALL.len() < 2 {
        return None;
    }
    finwait_messages::Lang::from_code(&load(LANG)?)
}

/// Remembers the reader's pick of language.
pub fn choose_lang(lang: finwait_messages::Lang) {
    save(LANG, lang.code());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_embed_address_has_its_own_key() {
        assert_eq!(key(false, "?preset=S08", ""), FULL_LAB);
        let a = key(true, "?embed=1&preset=S08", "");
        assert!(a.starts_with(EMBED_PREFIX));
        assert_ne!(a, key(true, "?embed=1&preset=S09", ""));
        assert_ne!(key(true, "?a", "#b"), key(true, "?a#", "b"));
        assert_eq!(a, key(true, "?embed=1&preset=S08", ""));
    }
}
