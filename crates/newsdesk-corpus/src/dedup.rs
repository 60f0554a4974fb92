//! Streaming near-duplicate detection: MinHash signatures, LSH banding,
//! verification of every candidate, groups with a canonical article.
//!
//! Feed articles with [`Deduper::add`], ideally in publication order. Each
//! article is
//! 1. split into paragraphs; paragraphs known as **boilerplate** are left out
//!    (those seen in at least [`DedupConfig::source_boilerplate`] distinct
//!    earlier groups of the same source, or [`DedupConfig::global_boilerplate`]
//!    groups of any source, and short paragraphs made of site furniture such
//!    as "Share this article" or "Subscribe to our newsletter");
//! 2. summarised as a [`Signature`] of its character shingles (see
//!    [`crate::shingle`]: order-invariant, blind to spacing and punctuation);
//! 3. looked up in the LSH tables (`bands` × `rows` positions): every
//!    article sharing one band is a candidate, and so is every article
//!    sharing a long paragraph verbatim (a **paragraph index** of up to
//!    [`PAR_K`] paragraph hashes per article finds short excerpts of long
//!    texts, whose resemblance is too low for the bands);
//! 4. each candidate is **verified** on the signatures: estimated Jaccard
//!    resemblance ≥ `threshold`, or estimated containment of the smaller text
//!    in the larger ≥ `containment` (a copy that keeps only part of the
//!    original) with resemblance ≥ `containment_floor`, or two or more long
//!    paragraphs shared verbatim that make most of one text's paragraphs;
//!    and on the **numbers** of the two texts ([`BottomK`]): a pair whose figures
//!    disagree (templated wire items of different days) is rejected, one
//!    whose figures partly disagree passes on resemblance only, one that
//!    agrees on several figures and misses none needs less resemblance
//!    (a heavily edited copy of a short table);
//! 5. assigned to the group of its best verified match, or a new group.
//!
//! Groups never merge: an article joins one group, the one of its closest
//! earlier match, provided it also passes against that group's canonical
//! article (or resembles that match to at least `member_threshold`: a copy
//! follows the article it copies). A group is labelled with the id of its first
//! article; its **canonical** article is the earliest published one, ties
//! broken by the most complete text (most shingles), then by arrival. When an
//! article arrives that should be the canonical one (earlier published than
//! the current canonical, e.g. out-of-order input, or same date and longer),
//! it takes over and [`DupAssignment::replaced`] names the demoted article;
//! [`Deduper::assignments`] always gives the final state.
//!
//! Memory: per article one 516-byte signature, samples of at most
//! [`NUM_K`] number hashes and [`PAR_K`] paragraph hashes (4 bytes each),
//! its id, its group, `bands` LSH entries of 8 bytes plus the hash-table
//! slot, and one paragraph-index entry per sampled paragraph. The state is
//! serialisable ([`serde`]); the LSH tables and the paragraph index are
//! rebuilt from the stored samples when it is loaded, so a new batch is
//! deduplicated against everything seen before.

use crate::minhash::{Signature, SignatureBuilder, K};
use crate::shingle;
use newsdesk_core::{Article, OffsetMap, Published, Span};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Settings of a [`Deduper`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DedupConfig {
    /// Minimum estimated Jaccard resemblance of two shingle sets.
    pub threshold: f32,
    /// Minimum estimated containment of the smaller text in the larger.
    pub containment: f32,
    /// Minimum resemblance for a containment match.
    pub containment_floor: f32,
    /// Minimum number of shingles of the smaller text for a containment
    /// match (a one-line text is "contained" in too many others).
    pub containment_min_size: u32,
    /// A containment match needs the smaller text to have at most this
    /// fraction of the larger one's shingles.
    pub containment_max_ratio: f32,
    /// LSH bands and rows per band (`bands <= 2 * (128 / rows)`).
    pub bands: usize,
    pub rows: usize,
    /// At most this many most recent articles are checked per LSH bucket
    /// (bounds the work on pathological buckets).
    pub bucket_scan: usize,
    /// A paragraph seen in this many distinct groups of one source is boilerplate.
    pub source_boilerplate: u32,
    /// A paragraph seen in this many distinct groups of any source is boilerplate.
    pub global_boilerplate: u32,
    /// Paragraph counters are pruned (count-1 entries dropped) above this size.
    pub boilerplate_capacity: usize,
    /// A pair is rejected when at least `numbers_min_missing` numbers of the
    /// text with fewer numbers are missing from the other, and they make at
    /// least `numbers_max_missing` of its numbers.
    pub numbers_min_missing: u32,
    pub numbers_max_missing: f32,
    /// A pair missing at least one number, making at least this fraction of
    /// the compared ones, passes on resemblance alone (not on containment or
    /// number agreement).
    pub numbers_partial: f32,
    /// A pair that shares at least this many numbers and misses none passes
    /// with resemblance `agree_threshold`, or containment `containment` and
    /// resemblance `agree_floor`.
    pub numbers_agree: u32,
    pub agree_threshold: f32,
    pub agree_floor: f32,
    /// A pair that shares at least this many numbers and misses none passes
    /// with resemblance `strong_threshold`.
    pub numbers_strong: u32,
    pub strong_threshold: f32,
    /// An article joins the group of its best match only if it is also a
    /// near-duplicate of the group's canonical article, or resembles it to
    /// at least this with no number missing or fewer than `numbers_partial`
    /// of them (the canonical article may be a natural near-duplicate, such
    /// as an update, of the one it copies).
    pub canonical_floor: f32,
    /// A match of at least this resemblance to a group member joins its
    /// group without the check against the canonical article.
    pub member_threshold: f32,
    /// At most this many most recent articles are taken per paragraph of
    /// the paragraph index.
    pub paragraph_scan: usize,
    /// A pair sharing two or more long paragraphs verbatim, which make at
    /// least this share of one text's long paragraphs, is an excerpt.
    pub paragraph_containment: f32,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            threshold: 0.6,
            containment: 0.75,
            containment_floor: 0.2,
            containment_min_size: 60,
            containment_max_ratio: 0.85,
            bands: 42,
            rows: 3,
            bucket_scan: 64,
            source_boilerplate: 3,
            global_boilerplate: 8,
            boilerplate_capacity: 4_000_000,
            numbers_min_missing: 2,
            numbers_max_missing: 0.5,
            numbers_agree: 3,
            agree_threshold: 0.45,
            agree_floor: 0.25,
            numbers_strong: 8,
            strong_threshold: 0.25,
            canonical_floor: 0.35,
            member_threshold: 0.75,
            paragraph_scan: 16,
            paragraph_containment: 0.8,
            numbers_partial: 0.25,
        }
    }
}

/// Where one article went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DupAssignment {
    /// Group label: the id of the group's first article.
    pub group: String,
    /// Whether this article is (now) the group's canonical article.
    pub canonical: bool,
    /// Estimated Jaccard resemblance to the canonical article (1 for itself).
    pub similarity: f32,
    /// Estimated containment of the smaller of the two in the larger.
    pub containment: f32,
    /// Set by [`Deduper::add`] when this article replaced an earlier
    /// canonical article: the id of the demoted one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub replaced: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocRec {
    id: String,
    /// Publication time, seconds since the epoch (UTC where known).
    when: Option<i64>,
    sig: Option<Signature>,
    group: u32,
    /// The numbers of the text (see [`BottomK`]).
    #[serde(default)]
    nums: BottomK,
    /// Its long content paragraphs (a [`PAR_K`] sample).
    #[serde(default)]
    pars: BottomK,
}

/// At most this many paragraph hashes are indexed per article.
pub const PAR_K: usize = 32;
/// Paragraphs of at least this many normalised bytes are indexed.
const PAR_MIN_BYTES: usize = 30;

/// What [`Deduper`] computes of an article before looking it up.
struct Prepared {
    sig: Option<Signature>,
    /// Hashes of every paragraph (boilerplate counters).
    par_hashes: Vec<u64>,
    nums: BottomK,
    /// Sorted distinct 32-bit hashes of its long content paragraphs.
    content: Vec<u32>,
}

/// At most this many number hashes are kept per article.
pub const NUM_K: usize = 24;

/// A bottom-k sample of a set of 32-bit hashes: the k smallest distinct
/// ones and how many distinct ones there were. An article keeps one of its
/// numbers ([`shingle::for_each_number`], k = [`NUM_K`]) and one of its long
/// content paragraphs (k = [`PAR_K`]). Two samples compare exactly below
/// the larger of their cut-offs, so the share of one text's items found in
/// another is exact for texts of up to k items and a uniform sample beyond.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BottomK {
    pub hashes: Vec<u32>,
    pub distinct: u32,
}

impl BottomK {
    /// The sketch of a text's number hashes (k = [`NUM_K`]; any order, repeats allowed).
    pub fn from_hashes(all: Vec<u32>) -> BottomK {
        BottomK::sample(all, NUM_K)
    }

    /// The `k` smallest of `all` (any order, repeats allowed).
    pub fn sample(mut all: Vec<u32>, k: usize) -> BottomK {
        all.sort_unstable();
        all.dedup();
        let distinct = all.len() as u32;
        all.truncate(k);
        all.shrink_to_fit();
        BottomK { hashes: all, distinct }
    }

    /// Hashes above this were not kept (`u32::MAX`: the sample is complete).
    fn cutoff(&self) -> u32 {
        if self.distinct as usize > self.hashes.len() {
            self.hashes.last().copied().unwrap_or(u32::MAX)
        } else {
            u32::MAX
        }
    }

    /// `(checked, missing)`: of the numbers of the text with fewer distinct
    /// numbers (sampled below both cut-offs), how many were compared and how
    /// many of those the other text lacks.
    pub fn missing(&self, other: &BottomK) -> (u32, u32) {
        let (small, large) = if self.distinct <= other.distinct { (self, other) } else { (other, self) };
        let cut = small.cutoff().min(large.cutoff());
        let (mut checked, mut missing) = (0, 0);
        for &h in small.hashes.iter().take_while(|&&h| h <= cut) {
            checked += 1;
            if large.hashes.binary_search(&h).is_err() {
                missing += 1;
            }
        }
        (checked, missing)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Group {
    first: u32,
    canonical: u32,
    size: u32,
}

/// The persistent part of a [`Deduper`] (everything but the LSH tables,
/// which are rebuilt on load).
#[derive(Serialize, Deserialize)]
struct DeduperState {
    config: DedupConfig,
    docs: Vec<DocRec>,
    groups: Vec<Group>,
    source_par: FxHashMap<u64, u32>,
    global_par: FxHashMap<u64, u32>,
}

/// Streaming near-duplicate detector. See the module documentation.
#[derive(Serialize, Deserialize)]
#[serde(from = "DeduperState")]
pub struct Deduper {
    config: DedupConfig,
    docs: Vec<DocRec>,
    groups: Vec<Group>,
    /// (source hash ⊕ paragraph hash) → number of distinct groups.
    source_par: FxHashMap<u64, u32>,
    /// paragraph hash → number of distinct groups.
    global_par: FxHashMap<u64, u32>,
    #[serde(skip)]
    buckets: FxHashMap<u64, u32>,
    /// LSH entries: (doc, previous entry in the same bucket or u32::MAX).
    #[serde(skip)]
    entries: Vec<(u32, u32)>,
    #[serde(skip)]
    by_id: FxHashMap<String, u32>,
    #[serde(skip)]
    scratch: Vec<u8>,
    #[serde(skip)]
    cands: Vec<u32>,
    /// Paragraph index: paragraph hash → last entry; entries (doc, previous).
    #[serde(skip)]
    par_buckets: FxHashMap<u32, u32>,
    #[serde(skip)]
    par_entries: Vec<(u32, u32)>,
}

impl From<DeduperState> for Deduper {
    fn from(s: DeduperState) -> Self {
        let mut d = Deduper::new(s.config);
        d.docs = s.docs;
        d.groups = s.groups;
        d.source_par = s.source_par;
        d.global_par = s.global_par;
        for i in 0..d.docs.len() {
            d.by_id.insert(d.docs[i].id.clone(), i as u32);
            if let Some(sig) = d.docs[i].sig.take() {
                d.index(i as u32, &sig);
                d.docs[i].sig = Some(sig);
            }
            let pars = std::mem::take(&mut d.docs[i].pars);
            d.index_paragraphs(i as u32, &pars.hashes);
            d.docs[i].pars = pars;
        }
        d
    }
}

impl Default for Deduper {
    fn default() -> Self {
        Deduper::new(DedupConfig::default())
    }
}

const NONE: u32 = u32::MAX;

/// Pushes the documents of a bucket's chain (`(doc, previous entry)` links,
/// newest first) starting at entry `e`, at most `cap` of them.
fn push_chain(entries: &[(u32, u32)], mut e: u32, cap: usize, out: &mut Vec<u32>) {
    let mut n = 0;
    while e != NONE && n < cap {
        let (d, prev) = entries[e as usize];
        out.push(d);
        e = prev;
        n += 1;
    }
}

/// Publication time in seconds since the epoch (dates at midnight; local
/// times taken as UTC).
pub fn published_seconds(p: &Published) -> i64 {
    match p {
        Published::Date(d) => d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or(0),
        Published::Local(t) => t.and_utc().timestamp(),
        Published::Zoned(t) => t.timestamp(),
    }
}

/// Whether a short paragraph is site furniture (share buttons, newsletter
/// and subscription notices, copyright and credit lines).
pub fn is_furniture(paragraph: &str) -> bool {
    if paragraph.len() > 300 {
        return false;
    }
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(FURNITURE_MARKERS)
            .expect("static patterns build")
    });
    let Some(m) = ac.find(paragraph) else { return false };
    let words = paragraph.split_whitespace().count();
    if words > 20 {
        return false;
    }
    // A marker opens the paragraph, or the paragraph is a short line with one
    // ("Close Get email notifications on ..."): a sentence of a story that
    // merely mentions subscribing is kept.
    let lead = paragraph.len() - paragraph.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©').len();
    m.start() == lead || words <= 8 || ac.find_iter(paragraph).any(|m| m.start() == lead)
}

const FURNITURE_MARKERS: &[&str] = &[
    "share this",
    "subscribe",
    "newsletter",
    "all rights reserved",
    "copyright",
    "©",
    "click here",
    "tweet this",
    "share on facebook",
    "share on twitter",
    "print this page",
    "like us on",
    "loading comments",
    "first published",
    "sign up for",
    "follow us on",
    "email notifications",
    "this article first appeared",
    "this article was originally",
    "originally published",
    "republished with permission",
    "read more:",
    "related stories",
    "advertisement",
    "comments are closed",
    "please enable javascript",
    "cookie",
    // Credit lines of wire copy.
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "with reporting from",
    "courtesy of",
    "story courtesy",
    "source:",
];

impl Deduper {
    pub fn new(config: DedupConfig) -> Self {
        let mut config = config;
        config.rows = config.rows.clamp(1, K);
        config.bands = config.bands.clamp(1, 2 * (K / config.rows));
        config.bucket_scan = config.bucket_scan.max(1);
        Deduper {
            config,
            docs: Vec::new(),
            groups: Vec::new(),
            source_par: FxHashMap::default(),
            global_par: FxHashMap::default(),
            buckets: FxHashMap::default(),
            entries: Vec::new(),
            by_id: FxHashMap::default(),
            scratch: Vec::new(),
            cands: Vec::new(),
            par_buckets: FxHashMap::default(),
            par_entries: Vec::new(),
        }
    }

    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// Number of articles seen.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of groups (singletons included).
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// Computes the signature of an article as [`Deduper::add`] would now
    /// (boilerplate paragraphs left out). `None` when no text remains.
    pub fn signature(&mut self, article: &Article) -> Option<Signature> {
        self.prepare(article).sig
    }

    fn prepare(&mut self, article: &Article) -> Prepared {
        let text = article.text.as_str();
        let derived;
        let paragraphs: &[Span] = if article.paragraphs.is_empty() && !text.trim().is_empty() {
            derived = newsdesk_core::paragraph_spans(text);
            &derived
        } else {
            &article.paragraphs
        };
        let map = OffsetMap::new(text);
        let src = article.source.as_deref().map(|s| xxhash_rust::xxh3::xxh3_64(s.as_bytes()));
        let mut builder = SignatureBuilder::default();
        let mut hashes = Vec::with_capacity(paragraphs.len());
        let mut nums: Vec<u32> = Vec::new();
        let mut content: Vec<u32> = Vec::new();
        let mut scratch = std::mem::take(&mut self.scratch);
        // The unit is a line of a paragraph: hard-wrapped wire copy comes
        // one line per paragraph when it has no blank lines and in
        // multi-line blocks when a copy separates its paragraphs by blank
        // lines, and a window that crossed a line break in one would be
        // missing from the other.
        let lines = paragraphs.iter().flat_map(|p| {
            let (s, e) = (map.to_byte(p.start), map.to_byte(p.end));
            text.get(s..e).into_iter().flat_map(|par| par.split('\n'))
        });
        for par in lines {
            scratch.clear();
            shingle::normalize_into(par, &mut scratch);
            if scratch.is_empty() {
                continue;
            }
            let ph = shingle::paragraph_hash(&scratch);
            hashes.push(ph);
            let boiler = self.global_par.get(&ph).copied().unwrap_or(0) >= self.config.global_boilerplate
                || src.is_some_and(|sh| {
                    self.source_par.get(&source_key(sh, ph)).copied().unwrap_or(0) >= self.config.source_boilerplate
                })
                || is_furniture(par);
            if !boiler {
                shingle::for_each_shingle(&scratch, |h| builder.push(h));
                shingle::for_each_number(par, |h| nums.push(h as u32));
                if scratch.len() >= PAR_MIN_BYTES {
                    content.push(ph as u32);
                }
            }
        }
        self.scratch = scratch;
        content.sort_unstable();
        content.dedup();
        Prepared { sig: builder.finish(), par_hashes: hashes, nums: BottomK::from_hashes(nums), content }
    }

    /// The LSH key of band `band`. The first `K / rows` bands take
    /// consecutive positions; further bands (up to twice as many) take
    /// positions `K / rows` apart, so every position serves in two bands and
    /// a pair of lower resemblance (an excerpt) gets more chances to collide.
    fn band_key(band: usize, rows: usize, sig: &Signature) -> u64 {
        let mut h = (band as u64).wrapping_mul(0x9e3779b97f4a7c15);
        let per = K / rows;
        for r in 0..rows {
            let pos = if band < per { band * rows + r } else { ((band - per) + r * per) % K };
            h = shingle::mix(h ^ sig.mins[pos] as u64);
        }
        h
    }

    /// Verification of a candidate pair: `Some((jaccard, containment))` when
    /// the two articles are near-duplicates under the configuration.
    ///
    /// Numbers weigh in both ways: a copy keeps the figures of its original
    /// (typos, glued words and dropped paragraphs do not add new ones), while
    /// templated wire items of different days ("Fed adds reserves", weekly
    /// money supply, earnings tables) share their wording and differ in
    /// their figures. A pair whose smaller set of numbers is largely missing
    /// from the other is rejected whatever its text resemblance; a pair that
    /// agrees on several numbers and none disagrees needs less text
    /// resemblance (a heavily edited copy of a short item).
    fn verify(
        &self,
        a: &Signature,
        an: &BottomK,
        b: &Signature,
        bn: &BottomK,
        pars: (usize, f32),
    ) -> Option<(f32, f32)> {
        let c = &self.config;
        let (checked, missing) = an.missing(bn);
        if missing >= c.numbers_min_missing && missing as f32 >= c.numbers_max_missing * checked as f32 {
            return None;
        }
        let j = a.jaccard(b);
        let cont = a.containment(b, j);
        let small = a.size.min(b.size);
        let ratio = small as f32 / a.size.max(b.size).max(1) as f32;
        let agree = checked >= c.numbers_agree && missing == 0;
        let strong = agree && checked >= c.numbers_strong;
        // Texts that partly disagree on their figures pass on resemblance only.
        let partial = missing >= 1 && missing as f32 >= c.numbers_partial * checked as f32;
        // Containment speaks for an excerpt only when one text is clearly
        // shorter; between texts of similar length resemblance decides.
        let ok = j >= c.threshold
            || (!partial
                && cont >= c.containment
                && j >= c.containment_floor
                && ratio <= c.containment_max_ratio
                && (small >= c.containment_min_size || pars.0 >= 2))
            // Whole paragraphs found verbatim: an excerpt however short.
            || (!partial && pars.0 >= 2 && pars.1 >= c.paragraph_containment && ratio <= c.containment_max_ratio)
            || (agree && (j >= c.agree_threshold || (cont >= c.containment && j >= c.agree_floor)))
            || (strong && j >= c.strong_threshold);
        ok.then_some((j, cont))
    }

    fn index_paragraphs(&mut self, doc: u32, pars: &[u32]) {
        for &h in pars {
            let e = self.par_entries.len() as u32;
            let prev = self.par_buckets.insert(h, e).unwrap_or(NONE);
            self.par_entries.push((doc, prev));
        }
    }

    fn index(&mut self, doc: u32, sig: &Signature) {
        for b in 0..self.config.bands {
            let key = Self::band_key(b, self.config.rows, sig);
            let e = self.entries.len() as u32;
            let prev = self.buckets.insert(key, e).unwrap_or(NONE);
            self.entries.push((doc, prev));
        }
    }

    /// Adds an article; returns its group. Ids are not checked for
    /// uniqueness (a repeated id is a new article).
    pub fn add(&mut self, article: &Article) -> DupAssignment {
        let Prepared { sig, par_hashes, nums, content } = self.prepare(article);
        let when = article.published.as_ref().map(published_seconds);
        let idx = self.docs.len() as u32;

        // Candidates from the LSH tables, verified on the signatures.
        let mut best: Option<(u32, f32, f32)> = None; // (doc, jaccard, containment)
        if let Some(sig) = &sig {
            let mut cands = std::mem::take(&mut self.cands);
            cands.clear();
            for b in 0..self.config.bands {
                let key = Self::band_key(b, self.config.rows, sig);
                let head = self.buckets.get(&key).copied().unwrap_or(NONE);
                push_chain(&self.entries, head, self.config.bucket_scan, &mut cands);
            }
            // Candidates sharing a whole long paragraph verbatim (excerpts
            // of long texts, whose resemblance is too low for the bands).
            for h in &content {
                let head = self.par_buckets.get(h).copied().unwrap_or(NONE);
                push_chain(&self.par_entries, head, self.config.paragraph_scan, &mut cands);
            }
            cands.sort_unstable();
            cands.dedup();
            // Verified matches, best first; an article joins the group of
            // the best match only if it also passes against that group's
            // canonical article (no chaining A~B~C with A ≁ C), unless it
            // is a near-identical copy of that match.
            let mut matches: Vec<(u32, f32, f32)> = Vec::new();
            for &c in &cands {
                let Some(other) = &self.docs[c as usize].sig else {
                    continue;
                };
                let od = &self.docs[c as usize];
                if let Some((j, cont)) = self.verify(sig, &nums, other, &od.nums, shared(&content, &od.pars)) {
                    matches.push((c, j, cont));
                }
            }
            matches.sort_by(|a, b| score(b.1, b.2).total_cmp(&score(a.1, a.2)).then(a.0.cmp(&b.0)));
            for (c, j, cont) in matches {
                let g = &self.groups[self.docs[c as usize].group as usize];
                let canon = g.canonical;
                // A near-identical copy of a member follows that member,
                // whatever the canonical article it was grouped under.
                let ok = canon == c || j >= self.config.member_threshold || {
                    let cd = &self.docs[canon as usize];
                    cd.sig.as_ref().is_some_and(|cs| {
                        self.verify(sig, &nums, cs, &cd.nums, shared(&content, &cd.pars)).is_some() || {
                            let (checked, missing) = nums.missing(&cd.nums);
                            sig.jaccard(cs) >= self.config.canonical_floor
                                && (missing == 0 || (missing as f32) < self.config.numbers_partial * checked as f32)
                        }
                    })
                };
                if ok {
                    best = Some((c, j, cont));
                    break;
                }
            }
            self.cands = cands;
        }

        let size = sig.as_ref().map_or(0, |s| s.size);
        let (group, replaced) = match best {
            Some((m, _, _)) => {
                let g = self.docs[m as usize].group;
                let cur = self.groups[g as usize].canonical;
                let cur_doc = &self.docs[cur as usize];
                let cur_size = cur_doc.sig.as_ref().map_or(0, |s| s.size);
                let better = match (when, cur_doc.when) {
                    (Some(a), Some(b)) if a != b => a < b,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    _ => size > cur_size,
                };
                let grp = &mut self.groups[g as usize];
                grp.size += 1;
                if better {
                    grp.canonical = idx;
                    (g, Some(self.docs[cur as usize].id.clone()))
                } else {
                    (g, None)
                }
            }
            None => {
                let g = self.groups.len() as u32;
                self.groups.push(Group { first: idx, canonical: idx, size: 1 });
                (g, None)
            }
        };

        // Paragraph counters learn from new groups only, so that copies of
        // one story do not turn its paragraphs into "boilerplate".
        if best.is_none() {
            let src = article.source.as_deref().map(|s| xxhash_rust::xxh3::xxh3_64(s.as_bytes()));
            let mut seen = par_hashes;
            seen.sort_unstable();
            seen.dedup();
            for ph in seen {
                *self.global_par.entry(ph).or_insert(0) += 1;
                if let Some(sh) = src {
                    *self.source_par.entry(source_key(sh, ph)).or_insert(0) += 1;
                }
            }
            let cap = self.config.boilerplate_capacity;
            if self.global_par.len() > cap {
                self.global_par.retain(|_, c| *c > 1);
            }
            if self.source_par.len() > cap {
                self.source_par.retain(|_, c| *c > 1);
            }
        }

        if let Some(s) = &sig {
            self.index(idx, s);
        }
        let pars = BottomK::sample(content, PAR_K);
        self.index_paragraphs(idx, &pars.hashes);
        self.by_id.entry(article.id.clone()).or_insert(idx);
        self.docs.push(DocRec { id: article.id.clone(), when, sig, group, nums, pars });
        let mut a = self.assignment_of(idx);
        a.replaced = replaced;
        a
    }

    fn assignment_of(&self, idx: u32) -> DupAssignment {
        let d = &self.docs[idx as usize];
        let g = &self.groups[d.group as usize];
        let canon = &self.docs[g.canonical as usize];
        let (similarity, containment) = if g.canonical == idx {
            (1.0, 1.0)
        } else {
            match (&d.sig, &canon.sig) {
                (Some(a), Some(b)) => {
                    let j = a.jaccard(b);
                    (j, a.containment(b, j))
                }
                _ => (0.0, 0.0),
            }
        };
        DupAssignment {
            group: self.docs[g.first as usize].id.clone(),
            canonical: g.canonical == idx,
            similarity,
            containment,
            replaced: None,
        }
    }

    /// The current assignment of the article with this id (the first one
    /// added under that id).
    pub fn assignment(&self, id: &str) -> Option<DupAssignment> {
        self.by_id.get(id).map(|&i| self.assignment_of(i))
    }

    /// Every article's current assignment, in the order they were added.
    pub fn assignments(&self) -> impl Iterator<Item = (&str, DupAssignment)> + '_ {
        (0..self.docs.len() as u32).map(move |i| (self.docs[i as usize].id.as_str(), self.assignment_of(i)))
    }

    /// Approximate heap bytes held (signatures, ids, tables).
    pub fn heap_bytes(&self) -> usize {
        let docs: usize = self
            .docs
            .iter()
            .map(|d| {
                std::mem::size_of::<DocRec>()
                    + d.id.capacity()
                    + 4 * d.nums.hashes.capacity()
                    + 4 * d.pars.hashes.capacity()
                    + if d.sig.is_some() { 4 * K } else { 0 }
            })
            .sum();
        docs + self.groups.capacity() * std::mem::size_of::<Group>()
            + self.entries.capacity() * 8
            + self.par_entries.capacity() * 8
            + self.par_buckets.capacity() * 9
            + self.buckets.capacity() * 13
            + self.by_id.capacity() * 33
            + (self.source_par.capacity() + self.global_par.capacity()) * 13
    }
}

/// How many of `stored` (the sample of another article's paragraph hashes)
/// are in `content` (sorted), and the larger of the two shares of
/// paragraphs found in the other text: of the stored sample, and of the
/// content paragraphs below the sample's cut-off (all of them when the
/// sample is complete).
fn shared(content: &[u32], stored: &BottomK) -> (usize, f32) {
    let n = stored.hashes.iter().filter(|h| content.binary_search(h).is_ok()).count();
    if n == 0 {
        return (0, 0.0);
    }
    let cut = stored.cutoff();
    let eligible = content.iter().take_while(|&&h| h <= cut).count().max(1);
    (n, (n as f32 / stored.hashes.len() as f32).max(n as f32 / eligible as f32))
}

/// Ranks verified matches: the better of resemblance and containment, and
/// among excerpts contained alike, the one resembling the article more.
fn score(j: f32, cont: f32) -> f32 {
    j.max(cont * 0.999) + 0.05 * j
}

fn source_key(source_hash: u64, par_hash: u64) -> u64 {
    shingle::mix(source_hash ^ par_hash.rotate_left(17))
}
