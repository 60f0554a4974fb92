//! Facet counting over the index's columnar string fields.
//!
//! Tantivy's terms aggregation turns every counted term ordinal of a segment
//! into its string by walking the term dictionary, which made facets most of
//! the cost of a search. This collector counts ordinals in a dense array per
//! segment and resolves only the values it keeps: the top values of each
//! segment for the entity and source facets, every value for the month facet
//! (a few hundred at most). Values are merged across segments by string.
//!
//! Turning an ordinal into its string means decoding a block of the term
//! dictionary, so the strings already looked up are kept per segment (a
//! segment and its dictionary never change; entries of segments that are
//! gone are dropped), like the "global ordinals" of other engines.
//!
//! Counts are exact for every value that is among the first
//! [`segment_keep`] of each segment where it occurs, which for the top `k`
//! values of a handful of segments is all of them in practice (the same
//! trade-off as Tantivy's `segment_size`).

use std::collections::HashMap;
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

/// Strings of one segment's ordinals of one facet field.
type Names = HashMap<u32, Arc<str>>;

/// Strings of facet ordinals already looked up, per segment and facet field.
#[derive(Default)]
pub(crate) struct OrdinalNames {
    names: RwLock<HashMap<(SegmentId, &'static str), Names>>,
}

impl OrdinalNames {
    /// Forgets the segments that are not among `live`.
    pub(crate) fn retain_segments(&self, live: &[SegmentId]) {
        let stale = {
            let names = self.names.read().unwrap_or_else(|p| p.into_inner());
            names.keys().any(|(seg, _)| !live.contains(seg))
        };
        if stale {
            self.names.write().unwrap_or_else(|p| p.into_inner()).retain(|(seg, _), _| live.contains(seg));
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
            let names = self.names.read().unwrap_or_else(|p| p.into_inner());
            let known = names.get(&(segment, field));
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
        let mut names = self.names.write().unwrap_or_else(|p| p.into_inner());
        names.entry((segment, field)).or_default().extend(found);
        out
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
    columns: Vec<Option<(StrColumn, Vec<u32>)>>,
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
                (c, vec![0u32; n])
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
        for (column, counts) in self.columns.iter_mut().flatten() {
            for ord in column.term_ords(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let keep = segment_keep(self.k);
        let mut out = Vec::with_capacity(self.columns.len());
        for (spec, column) in self.specs.iter().zip(self.columns) {
            let Some((column, counts)) = column else {
                out.push(Vec::new());
                continue;
            };
            let mut nonzero: Vec<(u32, u32)> =
                counts.iter().enumerate().filter(|(_, &c)| c > 0).map(|(ord, &c)| (c, ord as u32)).collect();
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
