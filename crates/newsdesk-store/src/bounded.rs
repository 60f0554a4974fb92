//! A bounded map for caches of looked-up values (facet strings, facet
//! entity names).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};

/// A map of at most `capacity` entries, filled in batches. A batch that
/// would overflow it empties it first (a cache starting afresh needs no
/// eviction order); a batch larger than the whole capacity is not kept.
pub(crate) struct BoundedMap<K, V, S = RandomState> {
    map: HashMap<K, V, S>,
    capacity: usize,
}

impl<K: Eq + Hash, V, S: BuildHasher + Default> BoundedMap<K, V, S> {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        BoundedMap { map: HashMap::default(), capacity }
    }

    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.map.get(key)
    }

    /// Adds these entries (see the type for what happens when full).
    pub(crate) fn extend(&mut self, entries: Vec<(K, V)>) {
        if entries.len() > self.capacity {
            return;
        }
        if self.map.len() + entries.len() > self.capacity {
            self.map.clear();
        }
        self.map.extend(entries);
    }

    pub(crate) fn retain(&mut self, keep: impl FnMut(&K, &mut V) -> bool) {
        self.map.retain(keep);
    }

    pub(crate) fn clear(&mut self) {
        self.map.clear();
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    #[cfg(test)]
    pub(crate) fn keys(&self) -> impl Iterator<Item = &K> {
        self.map.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_map_starts_afresh_and_an_oversized_batch_is_not_kept() {
        let mut m: BoundedMap<u32, u32> = BoundedMap::with_capacity(4);
        m.extend(vec![(1, 10), (2, 20), (3, 30)]);
        assert_eq!(m.len(), 3);
        // Replacing a key is counted as one more entry by the bound, but not held twice.
        m.extend(vec![(3, 31)]);
        assert_eq!((m.len(), m.get(&3)), (3, Some(&31)));
        m.extend(vec![(4, 40), (5, 50)]);
        assert_eq!(m.len(), 2, "overflowing batch empties the map first");
        assert_eq!(m.get(&1), None);
        assert_eq!(m.get(&5), Some(&50));
        m.extend((0..5).map(|i| (i, i)).collect());
        assert_eq!(m.len(), 2, "a batch larger than the capacity is not kept");
        m.retain(|&k, _| k == 4);
        assert_eq!(m.keys().copied().collect::<Vec<_>>(), [4]);
        m.clear();
        assert_eq!(m.len(), 0);
    }
}
