//! One-permutation MinHash (OPH) signatures with densification.
//!
//! Classic MinHash computes `K` hash functions per shingle; OPH hashes each
//! shingle once, uses the top bits to pick one of `K` bins and keeps the
//! minimum of the low 32 bits per bin (Li, Owen & Zhang 2012). Empty bins
//! (short texts) are filled from the next non-empty bin to the right with a
//! bin-dependent offset (rotation densification, Shrivastava & Li 2014), so
//! that the fraction of equal positions of two signatures is an unbiased
//! estimate of the Jaccard resemblance of the two shingle sets, exactly as
//! with `K` independent permutations, at the cost of one hash per shingle.

use serde::{Deserialize, Serialize};

/// Number of positions in a signature.
pub const K: usize = 128;
const BIN_SHIFT: u32 = 64 - 7; // log2(K) = 7
const EMPTY: u32 = u32::MAX;

/// A MinHash signature plus the number of shingles it summarises (for
/// containment estimates). 516 bytes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    #[serde(with = "sig_serde")]
    pub mins: Box<[u32; K]>,
    /// Number of shingles (with multiplicity) that went in.
    pub size: u32,
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signature {{ size: {}, mins[..4]: {:?} }}", self.size, &self.mins[..4])
    }
}

/// Accumulates shingle hashes into a signature.
pub struct SignatureBuilder {
    mins: [u32; K],
    size: u32,
}

impl Default for SignatureBuilder {
    fn default() -> Self {
        SignatureBuilder { mins: [EMPTY; K], size: 0 }
    }
}

impl SignatureBuilder {
    #[inline]
    pub fn push(&mut self, h: u64) {
        let bin = (h >> BIN_SHIFT) as usize;
        let v = (h as u32).min(EMPTY - 1);
        if v < self.mins[bin] {
            self.mins[bin] = v;
        }
        self.size = self.size.saturating_add(1);
    }

    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// Densifies and returns the signature (`None` when nothing was pushed).
    pub fn finish(self) -> Option<Signature> {
        if self.size == 0 {
            return None;
        }
        let mut out = self.mins;
        for (i, slot) in out.iter_mut().enumerate() {
            if *slot != EMPTY {
                continue;
            }
            // Next non-empty bin to the right (circular); there is one.
            let mut d = 1;
            loop {
                let j = (i + d) % K;
                if self.mins[j] != EMPTY {
                    // Offset by the distance so that borrowed values from
                    // different distances do not collide by accident.
                    *slot = self.mins[j].wrapping_add((d as u32).wrapping_mul(0x9e37_79b9)) | 1;
                    *slot = (*slot).min(EMPTY - 1);
                    break;
                }
                d += 1;
            }
        }
        Some(Signature { mins: Box::new(out), size: self.size })
    }
}

impl Signature {
    /// Estimated Jaccard resemblance: the fraction of equal positions.
    #[inline]
    pub fn jaccard(&self, other: &Signature) -> f32 {
        let eq = self.mins.iter().zip(other.mins.iter()).filter(|(a, b)| a == b).count();
        eq as f32 / K as f32
    }

    /// Estimated containment of the smaller set in the larger one, from the
    /// Jaccard estimate and the two sizes: |A∩B| = J(|A|+|B|)/(1+J).
    pub fn containment(&self, other: &Signature, jaccard: f32) -> f32 {
        let (a, b) = (self.size as f32, other.size as f32);
        let small = a.min(b).max(1.0);
        let inter = jaccard * (a + b) / (1.0 + jaccard);
        (inter / small).min(1.0)
    }
}

mod sig_serde {
    use super::K;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &[u32; K], s: S) -> Result<S::Ok, S::Error> {
        v.as_slice().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<[u32; K]>, D::Error> {
        let v = Vec::<u32>::deserialize(d)?;
        let n = v.len();
        v.into_boxed_slice()
            .try_into()
            .map_err(|_| serde::de::Error::custom(format!("signature has {n} values, expected {K}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shingle::mix;

    fn sig(range: std::ops::Range<u64>) -> Signature {
        let mut b = SignatureBuilder::default();
        for x in range {
            b.push(mix(x));
        }
        b.finish().unwrap()
    }

    #[test]
    fn estimates_jaccard_and_containment() {
        // |A|=1000, |B|=1000, overlap 500 -> J = 1/3.
        let a = sig(0..1000);
        let b = sig(500..1500);
        let j = a.jaccard(&b);
        assert!((j - 1.0 / 3.0).abs() < 0.12, "{j}");
        // B contained in A: containment 1, J = 0.4.
        let a = sig(0..1000);
        let b = sig(0..400);
        let j = a.jaccard(&b);
        assert!((j - 0.4).abs() < 0.12, "{j}");
        assert!(a.containment(&b, j) > 0.8);
        // Disjoint sets.
        let c = sig(5000..6000);
        assert!(a.jaccard(&c) < 0.05);
        assert_eq!(a.jaccard(&a), 1.0);
    }

    #[test]
    fn short_sets_are_densified() {
        let a = sig(0..3);
        assert!(a.mins.iter().all(|&v| v != EMPTY));
        assert_eq!(a.jaccard(&sig(0..3)), 1.0);
        assert!(a.jaccard(&sig(10..13)) < 0.2);
        assert!(SignatureBuilder::default().finish().is_none());
    }
}
