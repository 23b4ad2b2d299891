//! One sort for every ordering finwait needs (a script by time, the diagram's items by instant):
//! keys packed into a `u128`, sorted by a small merge sort. Each call of the standard library's
//! sorts with its own key type adds its own copy of the sort to the web bundle (several KB
//! each); this is one function, stable, O(n log n).

/// Sorts `keys` ascending; equal keys keep their order.
pub fn sort(keys: &mut Vec<u128>) {
    let n = keys.len();
    let mut other = vec![0u128; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut other[start..end] {
                if j >= end || (i < mid && keys[i] <= keys[j]) {
                    *slot = keys[i];
                    i += 1;
                } else {
                    *slot = keys[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(keys, &mut other);
        width *= 2;
    }
}

/// The items in the order of their keys, ties in their given order.
pub fn by_key<T>(items: Vec<T>, key: impl Fn(&T) -> u64) -> Vec<T> {
    let mut keys: Vec<u128> =
        items.iter().enumerate().map(|(i, item)| u128::from(key(item)) << 64 | i as u128).collect();
    sort(&mut keys);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.iter().filter_map(|k| slots.get_mut(*k as u64 as usize)?.take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(mut keys in proptest::collection::vec(any::<u128>(), 0..300)) {
            let mut expected = keys.clone();
            expected.sort();
            sort(&mut keys);
            prop_assert_eq!(keys, expected);
        }

        #[test]
        fn by_key_is_a_stable_sort(items in proptest::collection::vec((0u64..8, any::<u16>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|x| x.0);
            prop_assert_eq!(by_key(items, |x| x.0), expected);
        }
    }
}
