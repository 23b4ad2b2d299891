//! Why a share link (or the session kept from last time) could not be opened, in words.

use crate::{fill, ui, Lang, Ui};
use finwait_core::base64url::Base64Error;
use finwait_core::link::{LinkError, LINK_FORMAT};
use finwait_core::pack::PackError;

/// What is wrong with the link, as the second half of "This link could not be opened: …".
pub fn link_error(lang: Lang, e: &LinkError) -> String {
    let t = |k| ui(lang, k);
    match e {
        LinkError::TooLong { chars } => fill(t(Ui::LinkTooLong), &[&chars.to_string()]),
        LinkError::NotBase64(Base64Error::BadCharacter { at }) => {
            fill(t(Ui::LinkBadCharacter), &[&(at + 1).to_string()])
        }
        LinkError::NotBase64(Base64Error::Truncated) | LinkError::TooShort => t(Ui::LinkCutShort).into(),
        LinkError::NewerFormat { format } => fill(t(Ui::LinkNewer), &[&format.to_string(), &LINK_FORMAT.to_string()]),
        LinkError::UnknownPacking { .. } => t(Ui::LinkUnknownPacking).into(),
        LinkError::NotDeflate => t(Ui::LinkNotDeflate).into(),
        LinkError::Damaged(PackError::Truncated { .. }) => t(Ui::LinkCutShort).into(),
        LinkError::Damaged(e) => fill(t(Ui::LinkDamaged), &[&e.offset().to_string()]),
        LinkError::Invalid(e) => fill(t(Ui::LinkInvalid), &[&e.to_string()]),
        LinkError::UnknownPreset(name) => fill(t(Ui::LinkUnknownPreset), &[name]),
    }
}
