//! Gazetteers (places, countries, first names, surnames, demonyms,
//! organisations, roles), built by `scripts/build_gazetteers.py` into
//! `models/gazetteers/` and embedded in the binary. Entries are matched
//! case-insensitively on token sequences, longest match first, only where the
//! first token has an upper-case letter.

use super::features::{TokInfo, U64Map, F_INIT_CAP};
use std::sync::OnceLock;

pub const PLACE: u16 = 1;
pub const COUNTRY: u16 = 1 << 1;
pub const FIRST_NAME: u16 = 1 << 2;
pub const LAST_NAME: u16 = 1 << 3;
pub const DEMONYM: u16 = 1 << 4;
pub const ORG: u16 = 1 << 5;
pub const ROLE: u16 = 1 << 6;
/// Number of category bits above.
pub const NCATS: u32 = 7;

const SOURCES: [(&str, u16); 7] = [
    (
        include_str!("../../../../models/gazetteers/places.txt"),
        PLACE,
    ),
    (
        include_str!("../../../../models/gazetteers/countries.txt"),
        COUNTRY,
    ),
    (
        include_str!("../../../../models/gazetteers/first_names.txt"),
        FIRST_NAME,
    ),
    (
        include_str!("../../../../models/gazetteers/last_names.txt"),
        LAST_NAME,
    ),
    (
        include_str!("../../../../models/gazetteers/demonyms.txt"),
        DEMONYM,
    ),
    (
        include_str!("../../../../models/gazetteers/organizations.txt"),
        ORG,
    ),
    (
        include_str!("../../../../models/gazetteers/roles.txt"),
        ROLE,
    ),
];

/// Longest entry, in tokens.
const MAX_LEN: usize = 5;

/// The gazetteer index: hashes of lower-cased, space-joined token sequences.
pub struct Gazetteer {
    map: U64Map<u16>,
    /// Longest entry (in tokens) starting with each first word.
    first: U64Map<u8>,
}

/// Per-token gazetteer information.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GazMatch {
    /// Categories of the token alone.
    pub word: u16,
    /// Categories of the longest multi-token match covering the token.
    pub multi: u16,
    /// Whether the token begins that multi-token match.
    pub multi_begin: bool,
}

/// Case-folding FNV-1a hash of one word.
pub fn hash_lower_word(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    {
        for c in w.chars() {
            if c.is_ascii() {
                eat(c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for b in l.encode_utf8(&mut buf).bytes() {
                        eat(b);
                    }
                }
            }
        }
    }
    h
}

/// Hash of a sequence of [`hash_lower_word`] hashes (one word: the word's hash).
pub fn combine(hashes: impl IntoIterator<Item = u64>) -> u64 {
    let mut it = hashes.into_iter();
    let mut h = it.next().unwrap_or(0);
    for x in it {
        h = (h.rotate_left(17) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h
}

/// Hash of the lower-cased words (the gazetteer key).
pub fn hash_lower_words<S: AsRef<str>>(words: &[S]) -> u64 {
    combine(words.iter().map(|w| hash_lower_word(w.as_ref())))
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut map: U64Map<u16> = U64Map::default();
        map.reserve(100_000);
        let mut first: U64Map<u8> = U64Map::default();
        for (text, cat) in SOURCES {
            for line in text.lines() {
                let words: Vec<&str> = line.split_whitespace().collect();
                if words.is_empty() || words.len() > MAX_LEN {
                    continue;
                }
                *map.entry(hash_lower_words(&words)).or_insert(0) |= cat;
                let f = first.entry(hash_lower_word(words[0])).or_insert(1);
                *f = (*f).max(words.len() as u8);
            }
        }
        Gazetteer { map, first }
    }

    /// The embedded gazetteer (built on first use, a few milliseconds).
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    /// Categories of a token sequence (0 when absent).
    pub fn lookup<S: AsRef<str>>(&self, words: &[S]) -> u16 {
        if words.is_empty() || words.len() > MAX_LEN {
            return 0;
        }
        self.map.get(&hash_lower_words(words)).copied().unwrap_or(0)
    }

    /// Matches every token of a sentence given as words.
    pub fn annotate(&self, words: &[&str], out: &mut Vec<GazMatch>) {
        let h: Vec<u64> = words.iter().map(|w| hash_lower_word(w)).collect();
        let cap: Vec<bool> = words
            .iter()
            .map(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        out.clear();
        out.resize(words.len(), GazMatch::default());
        self.annotate_hashes(&h, &cap, out);
    }

    /// Fills [`TokInfo::gaz`] for a sentence's tokens.
    pub fn annotate_tokens(&self, toks: &mut [TokInfo]) {
        let n = toks.len();
        let mut i = 0;
        while i < n {
            if toks[i].flags & F_INIT_CAP == 0 {
                i += 1;
                continue;
            }
            let Some(&maxlen) = self.first.get(&toks[i].lw) else {
                i += 1;
                continue;
            };
            toks[i].gaz.word = self.map.get(&toks[i].lw).copied().unwrap_or(0);
            let maxn = (maxlen as usize).min(n - i);
            let mut matched = 1;
            for m in (2..=maxn).rev() {
                let key = combine(toks[i..i + m].iter().map(|t| t.lw));
                if let Some(&c) = self.map.get(&key) {
                    toks[i].gaz.multi |= c;
                    toks[i].gaz.multi_begin = true;
                    for t in &mut toks[i + 1..i + m] {
                        t.gaz.multi |= c;
                    }
                    matched = m;
                    break;
                }
            }
            for j in i + 1..i + matched {
                if toks[j].flags & F_INIT_CAP != 0 {
                    toks[j].gaz.word = self.map.get(&toks[j].lw).copied().unwrap_or(0);
                }
            }
            i += matched;
        }
    }

    fn annotate_hashes(&self, h: &[u64], cap: &[bool], out: &mut [GazMatch]) {
        let n = h.len();
        let mut i = 0;
        while i < n {
            if !cap[i] {
                i += 1;
                continue;
            }
            out[i].word = self.map.get(&h[i]).copied().unwrap_or(0);
            let maxn = MAX_LEN.min(n - i);
            let mut matched = 1;
            for m in (2..=maxn).rev() {
                if let Some(&c) = self.map.get(&combine(h[i..i + m].iter().copied())) {
                    out[i].multi |= c;
                    out[i].multi_begin = true;
                    for o in &mut out[i + 1..i + m] {
                        o.multi |= c;
                    }
                    matched = m;
                    break;
                }
            }
            for j in i + 1..i + matched {
                if cap[j] {
                    out[j].word = self.map.get(&h[j]).copied().unwrap_or(0);
                }
            }
            i += matched;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_places_names_and_multiword_entries() {
        let g = Gazetteer::get();
        assert!(g.lookup(&["Geneva"]) & PLACE != 0);
        assert!(g.lookup(&["FRANCE"]) & COUNTRY != 0);
        assert!(g.lookup(&["Mary"]) & FIRST_NAME != 0);
        assert!(g.lookup(&["Eastern", "Europe"]) & PLACE != 0);
        assert_eq!(g.lookup(&["the"]), 0);
        let mut out = Vec::new();
        g.annotate(&["in", "New", "York", "City", "today"], &mut out);
        assert!(out[1].multi_begin && out[1].multi & PLACE != 0);
        assert!(out[2].multi & PLACE != 0);
        assert_eq!(out[4], GazMatch::default());
    }
}
