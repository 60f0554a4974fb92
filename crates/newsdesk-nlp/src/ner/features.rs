//! Feature extraction for the sequence tagger: every feature is a hashed
//! (template, value) pair mapped to a row of the weight table.
//!
//! Per token we compute once: hashes of the word, its lower-case form, shape,
//! prefixes and suffixes; its word clusters and corpus capitalisation ratio;
//! its gazetteer categories. Per position the templates combine these over a
//! ±2 window with sentence context (sentence start, all-caps line), document
//! case evidence (the same word seen lower-case or capitalised mid-sentence
//! elsewhere in the article) and the tags already predicted for the same word
//! earlier in the article.

use super::gazetteer::{GazMatch, Gazetteer, NCATS};
use super::tags::{Tag, NTAGS};
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Word-cluster information for a lower-cased word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClass {
    /// Fine cluster id + 1 (0: unknown word).
    pub fine: u16,
    /// Coarse cluster id + 1 (0: unknown word).
    pub coarse: u8,
    /// How often the word is capitalised mid-sentence in the unlabeled
    /// corpus, in buckets 1..=5 (0: unknown).
    pub capbin: u8,
}

/// A hasher for keys that are already hashes (u64): identity.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by 64-bit hashes.
pub type U64Map<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Word classes keyed by [`hash_lower`] of the word.
pub type ClassTable = U64Map<WordClass>;

/// Hash of the lower-cased word (the key of [`ClassTable`]).
pub fn hash_lower(w: &str) -> u64 {
    super::gazetteer::hash_lower_word(w)
}

/// Flag bit: the word starts with an upper-case letter.
pub const F_INIT_CAP: u8 = 1;
const F_ALL_CAPS: u8 = 2;
const F_HAS_UPPER: u8 = 4;
const F_HAS_DIGIT: u8 = 8;
const F_ALPHA: u8 = 16;

/// What the templates need to know about one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    pub w: u64,
    pub lw: u64,
    pub shape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub class: WordClass,
    pub flags: u8,
    pub gaz: GazMatch,
    /// Sentence position flags: bit 0 first token, bit 1 sentence is an all-caps line.
    pub pos: u8,
    /// Document case evidence: bit 0 seen lower-case elsewhere, bit 1 seen
    /// capitalised not at sentence start.
    pub doc_case: u8,
    /// The run of capitalised words (with inner "of", "and", ...) holding the
    /// token: length (0 when none or on an all-caps line), position (0 single,
    /// 1 first, 2 inside, 3 last), first and last words' `lw`.
    pub run_len: u8,
    pub run_pos: u8,
    pub run_first: u64,
    pub run_last: u64,
    /// Context aggregated over every occurrence of the word in the document
    /// (capitalised words only): up to 3 distinct previous and next words,
    /// and flags (see [`doc_context`]).
    pub agg_prev: [u64; 3],
    pub agg_next: [u64; 3],
    pub agg_flags: u8,
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "for" | "and" | "de" | "du" | "la" | "von" | "van" | "der" | "al" | "bin" | "&"
    )
}

impl TokInfo {
    pub fn has_upper(&self) -> bool {
        self.flags & F_HAS_UPPER != 0
    }
}

const PAD_L: u64 = 0x5151_0000_0000_0001;
const PAD_R: u64 = 0x5151_0000_0000_0002;

fn shape_hash(w: &str) -> u64 {
    let mut buf = [0u8; 16];
    let mut n = 0;
    let mut last = 0u8;
    let mut run = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else if c.is_alphabetic() {
            b'a'
        } else {
            b'~'
        };
        if s == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        last = s;
        if n < buf.len() {
            buf[n] = s;
            n += 1;
        }
    }
    xxh3_64(&buf[..n]) ^ 0x77
}

/// Computes the per-token information of a sentence's words (no document
/// context; see [`doc_context`]).
pub fn tok_info(
    words: &[&str],
    classes: &ClassTable,
    gaz: &Gazetteer,
    cache: &mut U64Map<TokInfo>,
    out: &mut Vec<TokInfo>,
) {
    let start = out.len();
    let mut lower = String::new();
    for w in words {
        let wh = xxh3_64(w.as_bytes());
        if let Some(t) = cache.get(&wh) {
            out.push(*t);
            continue;
        }
        lower.clear();
        let mut flags = 0u8;
        let mut n_upper = 0;
        let mut n_alpha = 0;
        for c in w.chars() {
            if c.is_uppercase() {
                n_upper += 1;
            }
            if c.is_alphabetic() {
                n_alpha += 1;
            }
            if c.is_ascii_digit() {
                flags |= F_HAS_DIGIT;
            }
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            flags |= F_INIT_CAP;
        }
        if n_upper > 0 {
            flags |= F_HAS_UPPER;
        }
        if n_alpha > 0 && n_upper == n_alpha {
            flags |= F_ALL_CAPS;
        }
        if n_alpha > 0 {
            flags |= F_ALPHA;
        }
        let lb = lower.as_bytes();
        let mut pre = [0u64; 4];
        let mut suf = [0u64; 4];
        // Char boundaries of the lower-cased word for affixes.
        let mut bounds = [0usize; 5];
        let mut nb = 0;
        for (i, _) in lower.char_indices().skip(1).take(4) {
            bounds[nb] = i;
            nb += 1;
        }
        for k in 0..4 {
            let end = if k < nb { bounds[k] } else { lb.len() };
            pre[k] = xxh3_64(&lb[..end]) ^ (k as u64 + 1);
        }
        let mut rb = [lb.len(); 4];
        let mut nr = 0;
        for (i, _) in lower.char_indices().rev().take(4) {
            rb[nr] = i;
            nr += 1;
        }
        for k in 0..4 {
            let s = if k < nr { rb[k] } else { 0 };
            suf[k] = xxh3_64(&lb[s..]) ^ (k as u64 + 11);
        }
        let lw = hash_lower(w);
        let info = TokInfo {
            w: wh,
            lw,
            shape: shape_hash(w),
            pre,
            suf,
            class: classes.get(&lw).copied().unwrap_or_default(),
            flags,
            gaz: GazMatch::default(),
            pos: 0,
            doc_case: 0,
            run_len: 0,
            run_pos: 0,
            run_first: 0,
            run_last: 0,
            agg_prev: [0; 3],
            agg_next: [0; 3],
            agg_flags: 0,
        };
        cache.insert(wh, info);
        out.push(info);
    }
    let toks = &mut out[start..];
    if toks.is_empty() {
        return;
    }
    toks[0].pos |= 1;
    let alpha: Vec<&TokInfo> = toks.iter().filter(|t| t.flags & F_ALPHA != 0).collect();
    let caps = alpha.iter().filter(|t| t.flags & F_ALL_CAPS != 0).count();
    if alpha.len() >= 2 && caps * 10 >= alpha.len() * 8 {
        for t in toks.iter_mut() {
            t.pos |= 2;
        }
    }
    gaz.annotate_tokens(toks);
    if toks[0].pos & 2 == 0 {
        let cap = |t: &TokInfo| t.flags & F_INIT_CAP != 0;
        let mut i = 0;
        while i < toks.len() {
            if !cap(&toks[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < toks.len() && cap(&toks[j]) {
                    j += 1;
                } else if j + 1 < toks.len() && is_connector(words[j]) && cap(&toks[j + 1]) {
                    j += 2;
                } else {
                    break;
                }
            }
            let (first, last) = (toks[i].lw, toks[j - 1].lw);
            let len = (j - i).min(255) as u8;
            for (k, t) in toks[i..j].iter_mut().enumerate() {
                t.run_len = len;
                t.run_pos = if len == 1 {
                    0
                } else if k == 0 {
                    1
                } else if k + 1 == j - i {
                    3
                } else {
                    2
                };
                t.run_first = first;
                t.run_last = last;
            }
            i = j;
        }
    }
}

/// Fills [`TokInfo::doc_case`] for all tokens of a document.
pub fn doc_context(toks: &mut [TokInfo]) {
    let mut seen: U64Map<u8> = U64Map::default();
    seen.reserve(toks.len());
    for t in toks.iter() {
        if t.flags & F_ALPHA == 0 || t.pos & 2 != 0 {
            continue;
        }
        let e = seen.entry(t.lw).or_insert(0);
        if t.flags & F_HAS_UPPER == 0 {
            *e |= 1;
        } else if t.pos & 1 == 0 {
            *e |= 2;
        }
    }
    for t in toks.iter_mut() {
        t.doc_case = seen.get(&t.lw).copied().unwrap_or(0);
    }
    // Context aggregation over the occurrences of each capitalised word
    // outside all-caps lines.
    #[derive(Default, Clone, Copy)]
    struct Agg {
        prev: [u64; 3],
        next: [u64; 3],
        flags: u8,
    }
    fn add(set: &mut [u64; 3], v: u64) {
        if set.contains(&v) {
            return;
        }
        if let Some(slot) = set.iter_mut().find(|x| **x == 0) {
            *slot = v;
        }
    }
    let mut aggs: U64Map<Agg> = U64Map::default();
    for i in 0..toks.len() {
        let t = &toks[i];
        if !t.has_upper() || t.pos & 2 != 0 {
            continue;
        }
        let prev = (t.pos & 1 == 0 && i > 0).then(|| &toks[i - 1]);
        let next = toks.get(i + 1).filter(|n| n.pos & 1 == 0);
        let a = aggs.entry(t.lw).or_default();
        add(&mut a.prev, prev.map_or(PAD_L, |p| p.lw));
        add(&mut a.next, next.map_or(PAD_R, |n| n.lw));
        if prev.is_some_and(|p| {
            p.gaz.word & super::gazetteer::FIRST_NAME != 0 && p.flags & F_INIT_CAP != 0
        }) {
            a.flags |= 1;
        }
        if t.run_len > 1 && t.run_pos == 3 {
            a.flags |= 2;
        }
        if t.run_len > 1 && t.run_pos == 1 {
            a.flags |= 4;
        }
        if next.is_some_and(|n| n.flags & F_HAS_DIGIT != 0) {
            a.flags |= 8;
        }
        if t.run_len == 1 {
            a.flags |= 16;
        }
    }
    for t in toks.iter_mut() {
        if let Some(a) = aggs.get(&t.lw) {
            t.agg_prev = a.prev;
            t.agg_next = a.next;
            t.agg_flags = a.flags;
        }
    }
}

/// Tags already predicted in the document for each capitalised word:
/// counts of O, PER, ORG, LOC, MISC.
#[derive(Debug, Default)]
pub struct History {
    map: U64Map<[u16; 5]>,
}

impl History {
    pub fn clear(&mut self) {
        self.map.clear();
    }
    pub fn add(&mut self, toks: &[TokInfo], tags: &[Tag]) {
        for (t, g) in toks.iter().zip(tags) {
            if !t.has_upper() {
                continue;
            }
            let k = match g.ent_type() {
                None => 0,
                Some(e) => 1 + e.index(),
            };
            let c = self.map.entry(t.lw).or_insert([0; 5]);
            c[k] = c[k].saturating_add(1);
        }
    }
    /// The majority label (0 = O, 1.. = type + 1) and whether it is unanimous.
    fn majority(&self, lw: u64) -> Option<(u64, bool)> {
        let c = self.map.get(&lw)?;
        let total: u32 = c.iter().map(|&x| x as u32).sum();
        let (k, &m) = c.iter().enumerate().max_by_key(|(i, &x)| (x, 5 - i))?;
        Some((k as u64, m as u32 == total))
    }
}

#[inline]
fn mix(tid: u64, v: u64) -> u64 {
    let x = (v ^ tid.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^ (x >> 32)
}

/// Appends the feature rows (hashes masked to `mask`) of position `i` of a
/// sentence to `out`.
pub fn features(toks: &[TokInfo], i: usize, hist: &History, mask: u64, out: &mut Vec<u32>) {
    let n = toks.len();
    let t = &toks[i];
    let at = |d: isize| -> Option<&TokInfo> {
        let j = i as isize + d;
        if j < 0 || j >= n as isize {
            None
        } else {
            Some(&toks[j as usize])
        }
    };
    let lw = |d: isize| at(d).map_or(if d < 0 { PAD_L } else { PAD_R }, |x| x.lw);
    let sh = |d: isize| at(d).map_or(if d < 0 { PAD_L } else { PAD_R }, |x| x.shape);
    let clf = |d: isize| {
        at(d).map_or(if d < 0 { 1 << 20 } else { 2 << 20 }, |x| {
            x.class.fine as u64
        })
    };
    let clc = |d: isize| {
        at(d).map_or(if d < 0 { 1 << 20 } else { 2 << 20 }, |x| {
            x.class.coarse as u64
        })
    };
    let mut push = |tid: u64, v: u64| out.push((mix(tid, v) & mask) as u32);
    push(0, 0);
    push(1, t.w);
    push(2, t.lw);
    push(3, t.shape);
    for k in 0..4 {
        push(4 + k as u64, t.pre[k]);
        push(8 + k as u64, t.suf[k]);
    }
    push(12, lw(-1));
    push(13, lw(1));
    push(14, lw(-2));
    push(15, lw(2));
    push(16, sh(-1).wrapping_mul(31) ^ t.shape);
    push(17, t.shape.wrapping_mul(31) ^ sh(1));
    push(18, sh(-1));
    push(19, sh(1));
    push(20, lw(-1).wrapping_mul(31) ^ t.lw);
    push(21, t.lw.wrapping_mul(31) ^ lw(1));
    push(22, clf(0));
    push(23, clc(0));
    push(24, clf(-1));
    push(25, clf(1));
    push(26, clc(-1));
    push(27, clc(1));
    push(28, clf(-2));
    push(29, clf(2));
    push(30, clc(-1) << 8 | clc(0));
    push(31, clc(0) << 8 | clc(1));
    let pos = t.pos as u64;
    push(
        32,
        (t.class.capbin as u64) << 8 | (t.flags as u64) << 2 | pos,
    );
    push(33, t.shape ^ pos);
    if t.pos & 2 != 0 {
        push(34, t.lw);
    }
    push(35, (t.doc_case as u64) << 8 | (t.flags as u64) << 2 | pos);
    // Gazetteers.
    let g = &t.gaz;
    for b in 0..NCATS {
        let bit = 1u16 << b;
        if g.word & bit != 0 {
            push(36, b as u64 | (t.flags as u64 & 1) << 8);
        }
        if g.multi & bit != 0 {
            push(37, b as u64 | (g.multi_begin as u64) << 8);
        }
    }
    if let Some(p) = at(-1) {
        if p.gaz.word != 0 || p.gaz.multi != 0 {
            push(38, (p.gaz.word as u64) << 16 | p.gaz.multi as u64);
        }
    }
    if let Some(p) = at(1) {
        if p.gaz.word != 0 || p.gaz.multi != 0 {
            push(39, (p.gaz.word as u64) << 16 | p.gaz.multi as u64);
        }
    }
    // The capitalised run holding the token.
    if t.run_len > 0 {
        push(42, (t.run_len.min(4) as u64) << 4 | t.run_pos as u64);
        if t.run_len > 1 {
            push(43, t.run_last ^ t.run_pos as u64);
            push(44, t.run_first ^ t.run_pos as u64);
        }
    }
    // Context of the word's other occurrences in the document.
    if t.has_upper() {
        push(52, t.agg_flags as u64);
    }
    // Document history: what this word was tagged as earlier in the article.
    if t.has_upper() {
        if let Some((k, unanimous)) = hist.majority(t.lw) {
            push(40, k << 1 | unanimous as u64);
            push(41, k << 4 | pos);
        }
    }
}

/// Number of tags in a weight row.
pub const ROW: usize = NTAGS;
