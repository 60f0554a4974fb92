//! Gazetteers (places, countries, first names, surnames, demonyms,
//! organisations, roles), built by `scripts/build_gazetteers.py` into
//! `models/gazetteers/` and embedded in the binary. Entries are matched
//! case-insensitively on token sequences, longest match first, only where the
//! first token has an upper-case letter.

use std::collections::HashMap;
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
    map: HashMap<u64, u16>,
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

/// Case-folding FNV-1a over the words joined by single spaces.
pub fn hash_lower_words<S: AsRef<str>>(words: &[S]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            eat(b' ');
        }
        for c in w.as_ref().chars() {
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

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut map: HashMap<u64, u16> = HashMap::with_capacity(100_000);
        for (text, cat) in SOURCES {
            for line in text.lines() {
                let words: Vec<&str> = line.split_whitespace().collect();
                if words.is_empty() || words.len() > MAX_LEN {
                    continue;
                }
                *map.entry(hash_lower_words(&words)).or_insert(0) |= cat;
            }
        }
        Gazetteer { map }
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

    /// Matches every token of a sentence.
    pub fn annotate(&self, words: &[&str], out: &mut Vec<GazMatch>) {
        out.clear();
        out.resize(words.len(), GazMatch::default());
        let mut i = 0;
        while i < words.len() {
            if !words[i].chars().next().is_some_and(char::is_uppercase) {
                i += 1;
                continue;
            }
            out[i].word = self.lookup(&words[i..i + 1]);
            let maxn = MAX_LEN.min(words.len() - i);
            let mut matched = 1;
            for n in (2..=maxn).rev() {
                let c = self.lookup(&words[i..i + n]);
                if c != 0 {
                    out[i].multi |= c;
                    out[i].multi_begin = true;
                    for o in &mut out[i + 1..i + n] {
                        o.multi |= c;
                    }
                    matched = n;
                    break;
                }
            }
            // Tokens inside a match still get their own single-word categories.
            for j in i + 1..i + matched {
                if words[j].chars().next().is_some_and(char::is_uppercase) {
                    out[j].word = self.lookup(&words[j..j + 1]);
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
