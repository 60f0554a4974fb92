//! Facet counting over the index's columnar string fields.
//!
//! Tantivy's terms aggregation turns every counted term ordinal of a segment
//! into its string by walking the term dictionary, which made facets most of
//! the cost of a search. This collector counts the ordinals of the matching
//! documents per segment and resolves only the values it keeps: the top
//! values of each segment for the entity and source facets, every value for
//! the month facet (a few hundred at most). Values are merged across
//! segments by string.
//!
//! The work is proportional to the matches, not to the size of a segment's
//! dictionaries: counts start in a small hash map of the ordinals touched and
//! move to a dense array over the dictionary only once the touched ordinals
//! are a sizeable share of it (so the array costs no more than the counting
//! already done), and the array keeps a list of the ordinals it touched, so
//! harvesting never scans the whole dictionary.
//!
//! Turning an ordinal into its string means decoding a block of the term
//! dictionary, so the strings already looked up are kept per segment (a
//! segment and its dictionary never change), like the "global ordinals" of
//! other engines. The cache is bounded: it keeps only the segments of the
//! newest searcher generation seen (a search on an older searcher neither
//! drops them nor adds its own), and at most [`MAX_CACHED_NAMES`] strings
//! (it starts afresh when full).
//!
//! Counts are exact for every value that is among the first
//! [`segment_keep`] of each segment where it occurs, which for the top `k`
//! values of a handful of segments is all of them in practice (the same
//! trade-off as Tantivy's `segment_size`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, RwLock};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// One facet: which fast field it counts and how its values are ordered.
#[derive(Clone, Copy)]
pub(crate) struct FacetSpec {
    /// The facet's name in results (`person`, `month`, ...).
    pub name: &'static str,
    pub field: &'static str,
    /// Every value in key order (true) or the most frequent first (false).
    pub all_by_key: bool,
}

/// Strings of facet ordinals kept at most (all segments and fields together).
pub(crate) const MAX_CACHED_NAMES: usize = 100_000;

/// Hash maps keyed by ordinal.
type OrdMap<V> = HashMap<u32, V, BuildHasherDefault<OrdHasher>>;

/// Strings of one segment's ordinals of one facet field.
type Names = OrdMap<Arc<str>>;

/// Strings of facet ordinals already looked up, per segment and facet field.
pub(crate) struct OrdinalNames {
    state: RwLock<NamesState>,
    /// Strings kept at most.
    capacity: usize,
}

#[derive(Default)]
struct NamesState {
    /// The newest searcher generation seen (none before the first search).
    generation: Option<u64>,
    /// Its segments: only their strings are kept.
    segments: Vec<SegmentId>,
    names: HashMap<(SegmentId, &'static str), Names>,
    /// Strings held in `names`.
    len: usize,
}

impl Default for OrdinalNames {
    fn default() -> Self {
        OrdinalNames::with_capacity(MAX_CACHED_NAMES)
    }
}

impl OrdinalNames {
    /// A cache holding at most `capacity` strings.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        OrdinalNames { state: RwLock::default(), capacity }
    }

    /// Tells the cache a search runs on the searcher `generation`, made of
    /// `segments`. A newer generation than any seen becomes the cache's: the
    /// strings of segments it no longer has are dropped. An older one changes
    /// nothing (its segments that the newer one still has are served, the
    /// others are neither dropped nor added). `segments` is only walked for a
    /// newer generation, so most searches allocate nothing here.
    pub(crate) fn enter_generation(&self, generation: u64, segments: impl IntoIterator<Item = SegmentId>) {
        let newer = |state: &NamesState| state.generation.is_none_or(|g| generation > g);
        if !newer(&self.state.read().unwrap_or_else(|p| p.into_inner())) {
            return;
        }
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        if !newer(&state) {
            return;
        }
        state.generation = Some(generation);
        state.segments = segments.into_iter().collect();
        let NamesState { segments, names, len, .. } = &mut *state;
        names.retain(|(seg, _), _| segments.contains(seg));
        *len = names.values().map(HashMap::len).sum();
    }

    /// Number of strings held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        debug_assert_eq!(state.len, state.names.values().map(HashMap::len).sum::<usize>());
        state.len
    }

    /// The segments whose strings are held.
    #[cfg(test)]
    pub(crate) fn cached_segments(&self) -> Vec<SegmentId> {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        let mut segs: Vec<SegmentId> = state.names.keys().map(|(s, _)| *s).collect();
        segs.sort();
        segs.dedup();
        segs
    }

    /// The string of this ordinal, if held.
    #[cfg(test)]
    fn get(&self, segment: SegmentId, field: &'static str, ord: u32) -> Option<Arc<str>> {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        state.names.get(&(segment, field)).and_then(|k| k.get(&ord)).cloned()
    }

    /// Keeps these strings of one segment's ordinals, if the segment is one
    /// of the newest generation's; a cache that would overflow starts afresh.
    fn remember(&self, segment: SegmentId, field: &'static str, found: Vec<(u32, Arc<str>)>) {
        if found.is_empty() || found.len() > self.capacity {
            return;
        }
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        if !state.segments.contains(&segment) {
            return;
        }
        if state.len + found.len() > self.capacity {
            state.names.clear();
            state.len = 0;
        }
        let NamesState { names, len, .. } = &mut *state;
        let known = names.entry((segment, field)).or_default();
        for (ord, name) in found {
            if known.insert(ord, name).is_none() {
                *len += 1;
            }
        }
    }

    /// The strings of these (count, ordinal) pairs of one segment's column,
    /// with their counts; ordinals whose string cannot be read are left out.
    fn resolve(
        &self,
        segment: SegmentId,
        field: &'static str,
        column: &StrColumn,
        ords: &[(u32, u32)],
    ) -> Vec<(Arc<str>, u64)> {
        let mut out = Vec::with_capacity(ords.len());
        let mut missing = Vec::new();
        {
            let state = self.state.read().unwrap_or_else(|p| p.into_inner());
            let known = state.names.get(&(segment, field));
            for &(count, ord) in ords {
                match known.and_then(|k| k.get(&ord)) {
                    Some(name) => out.push((name.clone(), u64::from(count))),
                    None => missing.push((count, ord)),
                }
            }
        }
        if missing.is_empty() {
            return out;
        }
        // Ordinals in increasing order make dictionary reads sequential.
        missing.sort_unstable_by_key(|&(_, ord)| ord);
        let mut found = Vec::with_capacity(missing.len());
        let mut buf = String::new();
        for (count, ord) in missing {
            buf.clear();
            if let Ok(true) = column.ord_to_str(u64::from(ord), &mut buf) {
                let name: Arc<str> = Arc::from(buf.as_str());
                found.push((ord, name.clone()));
                out.push((name, u64::from(count)));
            }
        }
        self.remember(segment, field, found);
        out
    }
}

/// Hashes an ordinal with one multiplication (Fibonacci hashing): ordinals
/// are small dense integers, not attacker-chosen keys.
#[derive(Default)]
struct OrdHasher(u64);

impl Hasher for OrdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Dictionaries this small are counted densely from the start.
const DENSE_FROM_START: usize = 1024;
/// Sparse counts move to a dense array once they hold more than one
/// ordinal in this many of the dictionary.
const DENSE_SHARE: usize = 64;

/// Counts of the ordinals of one segment's facet column among the matches.
enum OrdCounts {
    /// Ordinal → count (nonzero), while few ordinals are touched.
    Sparse(OrdMap<u32>),
    /// A count per ordinal of the dictionary, and the ordinals whose count
    /// is nonzero (in the order first touched).
    Dense { counts: Vec<u32>, touched: Vec<u32> },
}

impl OrdCounts {
    fn new(num_terms: usize) -> Self {
        if num_terms <= DENSE_FROM_START {
            OrdCounts::Dense { counts: vec![0; num_terms], touched: Vec::new() }
        } else {
            OrdCounts::Sparse(HashMap::default())
        }
    }

    /// Counts one more match of `ord` (an ordinal below `num_terms`).
    #[inline]
    fn add(&mut self, ord: u32, num_terms: usize) {
        match self {
            OrdCounts::Dense { counts, touched } => {
                let c = &mut counts[ord as usize];
                if *c == 0 {
                    touched.push(ord);
                }
                *c += 1;
            }
            OrdCounts::Sparse(map) => {
                *map.entry(ord).or_insert(0) += 1;
                if map.len() > num_terms / DENSE_SHARE {
                    let mut counts = vec![0; num_terms];
                    let mut touched = Vec::with_capacity(map.len() * 2);
                    for (&o, &c) in map.iter() {
                        counts[o as usize] = c;
                        touched.push(o);
                    }
                    *self = OrdCounts::Dense { counts, touched };
                }
            }
        }
    }

    /// The (count, ordinal) pairs of the touched ordinals, in no order.
    fn into_pairs(self) -> Vec<(u32, u32)> {
        match self {
            OrdCounts::Dense { counts, touched } => touched.into_iter().map(|o| (counts[o as usize], o)).collect(),
            OrdCounts::Sparse(map) => map.into_iter().map(|(o, c)| (c, o)).collect(),
        }
    }
}

/// Counts values of several facets for the matching documents.
pub(crate) struct FacetCollector {
    pub specs: &'static [FacetSpec],
    pub names: Arc<OrdinalNames>,
    /// Values returned per count-ordered facet.
    pub k: usize,
}

/// Values kept per segment for a count-ordered facet returning `k`.
fn segment_keep(k: usize) -> usize {
    k * 3 + 20
}

pub(crate) struct FacetSegment {
    /// Per facet: its column, the column's number of terms, the counts.
    columns: Vec<Option<(StrColumn, usize, OrdCounts)>>,
    specs: &'static [FacetSpec],
    k: usize,
    segment: SegmentId,
    names: Arc<OrdinalNames>,
}

/// Per facet: (value, count), unordered.
pub(crate) type SegmentFruit = Vec<Vec<(Arc<str>, u64)>>;
/// Per facet: (value, count), in the facet's order.
pub(crate) type FacetFruit = Vec<Vec<(String, u64)>>;

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = FacetSegment;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<FacetSegment> {
        let fast = segment.fast_fields();
        let mut columns = Vec::with_capacity(self.specs.len());
        for spec in self.specs {
            columns.push(fast.str(spec.field)?.map(|c| {
                let n = c.num_terms();
                (c, n, OrdCounts::new(n))
            }));
        }
        Ok(FacetSegment {
            columns,
            specs: self.specs,
            k: self.k,
            segment: segment.segment_id(),
            names: self.names.clone(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<FacetFruit> {
        let mut out = Vec::with_capacity(self.specs.len());
        for (i, spec) in self.specs.iter().enumerate() {
            let mut merged: HashMap<&str, u64> = HashMap::new();
            for fruit in &fruits {
                for (value, count) in &fruit[i] {
                    *merged.entry(value).or_default() += count;
                }
            }
            let mut values: Vec<(&str, u64)> = merged.into_iter().collect();
            if spec.all_by_key {
                values.sort_unstable_by(|a, b| a.0.cmp(b.0));
            } else {
                values.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                values.truncate(self.k);
            }
            out.push(values.into_iter().map(|(v, c)| (v.to_string(), c)).collect());
        }
        Ok(out)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (column, num_terms, counts) in self.columns.iter_mut().flatten() {
            for ord in column.term_ords(doc) {
                if ord < *num_terms as u64 {
                    counts.add(ord as u32, *num_terms);
                }
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let keep = segment_keep(self.k);
        let mut out = Vec::with_capacity(self.columns.len());
        for (spec, column) in self.specs.iter().zip(self.columns) {
            let Some((column, _, counts)) = column else {
                out.push(Vec::new());
                continue;
            };
            let mut nonzero = counts.into_pairs();
            if !spec.all_by_key && nonzero.len() > keep {
                // Most frequent first; among equal counts the smaller ordinal
                // (the alphabetically first value) wins, as in the final order.
                nonzero.select_nth_unstable_by(keep, |a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                nonzero.truncate(keep);
            }
            out.push(self.names.resolve(self.segment, spec.field, &column, &nonzero));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(ords: std::ops::Range<u32>) -> Vec<(u32, Arc<str>)> {
        ords.map(|o| (o, Arc::from(format!("v{o}").as_str()))).collect()
    }

    #[test]
    fn a_search_on_an_older_searcher_does_not_move_the_cache_back() {
        let (a, b, c) = (SegmentId::generate_random(), SegmentId::generate_random(), SegmentId::generate_random());
        let cache = OrdinalNames::with_capacity(1000);
        cache.enter_generation(7, [a, b]);
        cache.remember(a, "fperson", names(0..3));
        cache.remember(b, "fperson", names(0..2));
        // An older searcher (segments a and c): a is served, b is kept, c is not added.
        cache.enter_generation(6, [a, c]);
        assert_eq!(cache.get(a, "fperson", 1).as_deref(), Some("v1"));
        assert_eq!(cache.get(b, "fperson", 1).as_deref(), Some("v1"));
        cache.remember(c, "fperson", names(0..4));
        assert_eq!(cache.get(c, "fperson", 1), None);
        assert_eq!(cache.len(), 5);
        // The same generation again changes nothing either.
        cache.enter_generation(7, [a]);
        assert_eq!(cache.cached_segments().len(), 2);
        // A newer generation without b drops b's strings only.
        cache.enter_generation(8, [a, c]);
        assert_eq!(cache.get(b, "fperson", 1), None);
        assert_eq!(cache.get(a, "fperson", 2).as_deref(), Some("v2"));
        assert_eq!(cache.len(), 3);
        cache.remember(c, "fplace", names(0..4));
        assert_eq!(cache.get(c, "fplace", 3).as_deref(), Some("v3"));
        assert_eq!(cache.len(), 7);
    }

    #[test]
    fn the_cache_never_holds_more_than_its_capacity() {
        let cache = OrdinalNames::with_capacity(50);
        for generation in 0..200u64 {
            let segs: Vec<SegmentId> = (0..3).map(|_| SegmentId::generate_random()).collect();
            cache.enter_generation(generation, segs.iter().copied());
            for (i, seg) in segs.iter().enumerate() {
                cache.remember(*seg, "fperson", names(0..(generation as u32 % 30) + i as u32));
                assert!(cache.len() <= 50, "generation {generation}: {} strings", cache.len());
            }
            assert!(cache.cached_segments().iter().all(|s| segs.contains(s)));
        }
        // More strings than the capacity at once are not kept at all.
        let seg = SegmentId::generate_random();
        cache.enter_generation(1000, [seg]);
        cache.remember(seg, "fperson", names(0..51));
        assert_eq!(cache.len(), 0);
        cache.remember(seg, "fperson", names(0..50));
        assert_eq!(cache.len(), 50);
    }

    /// Sparse and dense counting give the same (count, ordinal) pairs as a
    /// plain count, whatever the order of the ordinals and when the switch happens.
    #[test]
    fn ordinal_counts_match_a_plain_count() {
        for num_terms in [10usize, 1024, 1025, 5000] {
            for touched in [0usize, 1, 3, 40, 200, 3000] {
                let mut counts = OrdCounts::new(num_terms);
                let mut plain = vec![0u32; num_terms];
                let mut x = 12345u64 + touched as u64;
                for _ in 0..touched {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let ord = ((x >> 33) as usize % num_terms) as u32;
                    counts.add(ord, num_terms);
                    plain[ord as usize] += 1;
                }
                let mut got = counts.into_pairs();
                got.sort_unstable_by_key(|&(_, o)| o);
                let want: Vec<(u32, u32)> =
                    plain.iter().enumerate().filter(|(_, &c)| c > 0).map(|(o, &c)| (c, o as u32)).collect();
                assert_eq!(got, want, "{num_terms} terms, {touched} touched");
            }
        }
    }
}
