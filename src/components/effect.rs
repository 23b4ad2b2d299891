//! Every effect in the app goes through one hook. yew's `use_effect_with` is compiled anew for
//! each combination of dependency and closure types, about 1.5 KB of wasm each; here every
//! effect has the same types (a `u64` key, a boxed closure), so it is compiled once.

use yew::prelude::*;

/// What an effect leaves to undo when its key changes or its component goes away.
pub type Teardown = Option<Box<dyn FnOnce()>>;

/// Runs `effect` after the first render and after each render whose `key` differs from the
/// one before (`key` packs the dependencies: see `deps`).
#[hook]
pub fn use_effect_on(key: u64, effect: Box<dyn FnOnce() -> Teardown>) {
    use_effect_with(key, move |_| {
        let teardown = effect();
        move || {
            if let Some(undo) = teardown {
                undo();
            }
        }
    });
}

/// A key from small dependencies: each `(value, bits)` pair takes the next `bits` bits.
pub fn deps(parts: &[(u64, u32)]) -> u64 {
    parts.iter().fold(0, |k, &(value, bits)| k.wrapping_shl(bits) ^ value)
}
