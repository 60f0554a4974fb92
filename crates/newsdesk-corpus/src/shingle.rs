//! Text normalisation and character shingles for near-duplicate detection.
//!
//! A paragraph is normalised to the sequence of its letters and digits,
//! lower-cased, with **everything else removed** (spaces, punctuation,
//! quotation marks). Shingles are the overlapping windows of
//! [`SHINGLE_BYTES`] bytes of that sequence, taken paragraph by paragraph
//! (a shingle never crosses a paragraph boundary).
//!
//! Consequences, by construction:
//! - shuffled paragraphs give the same shingle multiset (order invariance);
//! - glued words ("USdelegation" vs "US delegation"), changed spacing,
//!   changed punctuation or quote styles change nothing;
//! - a repeated word, a typo or an added line only touches the few windows
//!   around it.

use xxhash_rust::xxh3::xxh3_64;

/// Window length, in bytes of the normalised text (about two words).
pub const SHINGLE_BYTES: usize = 9;

/// Appends the normalised form of `s` (lower-cased letters and digits only) to `out`.
pub fn normalize_into(s: &str, out: &mut Vec<u8>) {
    for &b in s.as_bytes() {
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase());
            }
        } else {
            // Non-ASCII: fall back to char-wise processing for the rest.
            let start = s.char_indices().find(|(_, c)| !c.is_ascii()).map(|(i, _)| i).unwrap_or(s.len());
            // Undo nothing: everything before `start` is ASCII and was pushed.
            normalize_chars(&s[start..], out);
            return;
        }
    }
}

fn normalize_chars(s: &str, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push((c as u8).to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                out.extend_from_slice(lc.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// The 64-bit hash of a normalised paragraph (used to spot boilerplate).
pub fn paragraph_hash(normalized: &[u8]) -> u64 {
    xxh3_64(normalized)
}

/// Calls `f` with the hash of every shingle of one normalised paragraph.
/// A paragraph shorter than a window gives one shingle (the whole of it);
/// an empty one gives none.
#[inline]
pub fn for_each_shingle(normalized: &[u8], mut f: impl FnMut(u64)) {
    let n = normalized.len();
    if n == 0 {
        return;
    }
    if n <= SHINGLE_BYTES {
        f(mix(xxh3_64(normalized)));
        return;
    }
    // Rabin-Karp polynomial rolling hash over the window, then a mixer so
    // that the bits used for bins and values are well distributed.
    const B: u64 = 0x100000001b3;
    let mut bk: u64 = 1; // B^(k-1)
    for _ in 1..SHINGLE_BYTES {
        bk = bk.wrapping_mul(B);
    }
    let mut h: u64 = 0;
    for &c in &normalized[..SHINGLE_BYTES] {
        h = h.wrapping_mul(B).wrapping_add(c as u64 + 1);
    }
    f(mix(h));
    for i in SHINGLE_BYTES..n {
        let out = normalized[i - SHINGLE_BYTES] as u64 + 1;
        h = h.wrapping_sub(out.wrapping_mul(bk)).wrapping_mul(B).wrapping_add(normalized[i] as u64 + 1);
        f(mix(h));
    }
}

/// Calls `f` with the hash of every **number** of a raw text: a maximal run
/// of ASCII digits, with `.`, `,`, `-` or `/` kept between two digits
/// ("8,037,000", "2.16", "6-3/16", "17-19"). Letters around a number do not
/// change it ("311,000a" is 311,000), so glued words and letter typos leave
/// the numbers of a copy intact.
pub fn for_each_number(text: &str, mut f: impl FnMut(u64)) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut h: u64 = 0x243f_6a88_85a3_08d3;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                h = (h ^ c as u64).wrapping_mul(0x100000001b3);
                i += 1;
            } else if matches!(c, b'.' | b',' | b'-' | b'/')
                && i + 1 < b.len()
                && b[i + 1].is_ascii_digit()
                && i > start
            {
                // Separators between digits are kept ("1,500" and "1.500"
                // are one mark, "6-1/8" and "6-1/4" differ in the whole).
                let m = if c == b',' { b'.' } else { c };
                h = (h ^ m as u64).wrapping_mul(0x100000001b3);
                i += 1;
            } else {
                break;
            }
        }
        f(mix(h));
    }
}

/// A 64-bit finaliser (murmur3 fmix64).
#[inline]
pub fn mix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51afd7ed558ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ceb9fe1a85ec53);
    k ^= k >> 33;
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut v = Vec::new();
        normalize_into(s, &mut v);
        String::from_utf8(v).unwrap()
    }

    fn shingles(s: &str) -> Vec<u64> {
        let mut v = Vec::new();
        for_each_shingle(norm(s).as_bytes(), |h| v.push(h));
        v
    }

    #[test]
    fn normalisation_drops_spacing_and_punctuation() {
        assert_eq!(norm("the US delegation, led by"), "theusdelegationledby");
        assert_eq!(norm("the USdelegation led by"), "theusdelegationledby");
        assert_eq!(norm("Zürich – “Ärger”"), "zürichärger");
        assert_eq!(norm("  ...  "), "");
    }

    #[test]
    fn rolling_hash_equals_direct_hash_of_windows() {
        // The same window content gives the same hash wherever it appears.
        let a = shingles("abcdefghijXYZ");
        let b = shingles("zbcdefghijXY");
        // "bcdefghij" is the second window of a and the second of b.
        assert_eq!(a[1], b[1]);
        assert_ne!(a[0], b[0]);
        assert_eq!(a.len(), "abcdefghijxyz".len() - SHINGLE_BYTES + 1);
    }

    #[test]
    fn short_and_empty_paragraphs() {
        assert_eq!(shingles("").len(), 0);
        assert_eq!(shingles("Hi!").len(), 1);
        assert_ne!(shingles("Hi!"), shingles("Ho!"));
    }
}
