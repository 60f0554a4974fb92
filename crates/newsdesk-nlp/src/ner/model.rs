//! The tagger model: a hashed weight table (one row of [`NTAGS`] weights per
//! feature bucket, quantised to `i16`), tag transition weights, and the word
//! class table the features use. Decoding is first-order Viterbi over IOB2
//! tags with the IOB2 constraints built in, sentence by sentence, left to
//! right through the document so that earlier predictions feed the document
//! history features.

use super::features::{self, ClassTable, History, TokInfo, WordClass, ROW};
use super::gazetteer::Gazetteer;
use super::tags::{Tag, NTAGS};
use std::io::{Read, Write};
use std::ops::Range;
use std::sync::OnceLock;

/// Something that scores feature rows: the trainer's `f32` table or a
/// loaded quantised model.
pub trait Scorer {
    /// Adds the emission scores of the feature rows to `acc`.
    fn emission(&self, rows: &[u32], acc: &mut [f32; NTAGS]);
    fn transitions(&self) -> &[[f32; NTAGS]; NTAGS];
    fn start(&self) -> &[f32; NTAGS];
    fn mask(&self) -> u64;
}

/// Transition weights that forbid IOB2-invalid moves.
pub fn allowed(prev: usize, next: usize) -> bool {
    Tag::from_index(prev).allows(Tag::from_index(next))
}

/// Viterbi over emission scores; writes the best tag sequence to `out`.
pub fn viterbi<S: Scorer + ?Sized>(s: &S, em: &[[f32; NTAGS]], out: &mut Vec<Tag>) {
    out.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    let tr = s.transitions();
    let st = s.start();
    let mut back: Vec<[u8; NTAGS]> = vec![[0; NTAGS]; n];
    let mut cur = [f32::NEG_INFINITY; NTAGS];
    for t in 0..NTAGS {
        if allowed(0, t) {
            cur[t] = st[t] + em[0][t];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; NTAGS];
        for t in 0..NTAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for (p, &c) in cur.iter().enumerate() {
                if !allowed(p, t) {
                    continue;
                }
                let v = c + tr[p][t];
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
            next[t] = best + em[i][t];
            back[i][t] = arg;
        }
        cur = next;
    }
    let mut best = 0;
    for t in 1..NTAGS {
        if cur[t] > cur[best] {
            best = t;
        }
    }
    out.resize(n, Tag::O);
    for i in (0..n).rev() {
        out[i] = Tag::from_index(best);
        best = back[i][best] as usize;
    }
}

/// Reusable buffers for tagging.
#[derive(Default)]
pub struct Workspace {
    pub toks: Vec<TokInfo>,
    pub feats: Vec<u32>,
    pub offsets: Vec<usize>,
    pub em: Vec<[f32; NTAGS]>,
    pub tags: Vec<Tag>,
    pub hist: History,
    /// Per-document cache of token information by word.
    pub cache: features::U64Map<TokInfo>,
}

/// Computes per-token information for a whole document into `ws.toks`.
pub fn prepare_doc(
    words: &[&str],
    sentences: &[Range<usize>],
    classes: &ClassTable,
    ws: &mut Workspace,
) {
    let gaz = Gazetteer::get();
    ws.toks.clear();
    ws.cache.clear();
    for s in sentences {
        features::tok_info(&words[s.clone()], classes, gaz, &mut ws.cache, &mut ws.toks);
    }
    features::doc_context(&mut ws.toks);
}

/// Extracts features for the sentence `toks` (a slice of the doc's tokens)
/// into `ws.feats` / `ws.offsets`.
pub fn sentence_features(
    toks: &[TokInfo],
    hist: &History,
    mask: u64,
    feats: &mut Vec<u32>,
    offsets: &mut Vec<usize>,
) {
    feats.clear();
    offsets.clear();
    offsets.push(0);
    for i in 0..toks.len() {
        features::features(toks, i, hist, mask, feats);
        offsets.push(feats.len());
    }
}

/// Tags a document (words, sentence ranges over them) with any scorer.
/// Sentence ranges must be in order, non-overlapping and within `words`.
pub fn tag_document_with<S: Scorer + ?Sized>(
    s: &S,
    classes: &ClassTable,
    words: &[&str],
    sentences: &[Range<usize>],
    ws: &mut Workspace,
) -> Vec<Tag> {
    let mut out = vec![Tag::O; words.len()];
    let sentences: Vec<Range<usize>> = sentences
        .iter()
        .filter(|r| r.start < r.end && r.end <= words.len())
        .cloned()
        .collect();
    prepare_doc(words, &sentences, classes, ws);
    ws.hist.clear();
    let mut base = 0;
    let mask = s.mask();
    for r in &sentences {
        let n = r.end - r.start;
        let toks = &ws.toks[base..base + n];
        sentence_features(toks, &ws.hist, mask, &mut ws.feats, &mut ws.offsets);
        ws.em.clear();
        for i in 0..n {
            let mut acc = [0f32; NTAGS];
            s.emission(&ws.feats[ws.offsets[i]..ws.offsets[i + 1]], &mut acc);
            ws.em.push(acc);
        }
        viterbi(s, &ws.em, &mut ws.tags);
        ws.hist.add(toks, &ws.tags);
        out[r.start..r.end].copy_from_slice(&ws.tags);
        base += n;
    }
    out
}

/// A trained, quantised model.
pub struct NerModel {
    pub bits: u32,
    pub scale: f32,
    pub weights: Vec<i16>,
    pub trans: [[f32; NTAGS]; NTAGS],
    pub start: [f32; NTAGS],
    pub classes: ClassTable,
}

impl Scorer for NerModel {
    #[inline]
    fn emission(&self, rows: &[u32], acc: &mut [f32; NTAGS]) {
        let mut a = [0i32; NTAGS];
        for &r in rows {
            let base = r as usize * ROW;
            if let Some(row) = self.weights.get(base..base + ROW) {
                for (x, &w) in a.iter_mut().zip(row) {
                    *x += w as i32;
                }
            }
        }
        for (o, x) in acc.iter_mut().zip(a) {
            *o += x as f32 * self.scale;
        }
    }
    fn transitions(&self) -> &[[f32; NTAGS]; NTAGS] {
        &self.trans
    }
    fn start(&self) -> &[f32; NTAGS] {
        &self.start
    }
    fn mask(&self) -> u64 {
        (1u64 << self.bits) - 1
    }
}

const MAGIC: &[u8; 8] = b"NDNER01\n";

fn rd<const N: usize>(r: &mut impl Read) -> std::io::Result<[u8; N]> {
    let mut b = [0u8; N];
    r.read_exact(&mut b)?;
    Ok(b)
}

impl NerModel {
    /// Quantises `f32` weights into a model.
    pub fn quantise(
        bits: u32,
        weights: &[f32],
        trans: [[f32; NTAGS]; NTAGS],
        start: [f32; NTAGS],
        classes: ClassTable,
    ) -> NerModel {
        let max = weights.iter().fold(0f32, |m, &w| m.max(w.abs())).max(1e-9);
        let scale = max / 32767.0;
        let weights = weights
            .iter()
            .map(|&w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        NerModel {
            bits,
            scale,
            weights,
            trans,
            start,
            classes,
        }
    }

    /// Serialises the model (deflate-compressed).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity(self.weights.len() * 2 + 1024);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&self.bits.to_le_bytes());
        raw.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for v in row {
                raw.extend_from_slice(&v.to_le_bytes());
            }
        }
        for v in &self.start {
            raw.extend_from_slice(&v.to_le_bytes());
        }
        let mut cl: Vec<(&u64, &WordClass)> = self.classes.iter().collect();
        cl.sort_by_key(|(k, _)| **k);
        raw.extend_from_slice(&(cl.len() as u32).to_le_bytes());
        for (k, c) in cl {
            raw.extend_from_slice(&k.to_le_bytes());
            raw.extend_from_slice(&c.fine.to_le_bytes());
            raw.push(c.coarse);
            raw.push(c.capbin);
        }
        // Sparse weights: a bitmap of the non-zero rows, then those rows.
        let nrows = self.weights.len() / ROW;
        let mut bitmap = vec![0u8; nrows.div_ceil(8)];
        for (r, row) in self.weights.chunks_exact(ROW).enumerate() {
            if row.iter().any(|&w| w != 0) {
                bitmap[r / 8] |= 1 << (r % 8);
            }
        }
        raw.extend_from_slice(&bitmap);
        for (r, row) in self.weights.chunks_exact(ROW).enumerate() {
            if bitmap[r / 8] & (1 << (r % 8)) != 0 {
                for w in row {
                    raw.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }

    /// Reads a model written by [`NerModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> std::io::Result<NerModel> {
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut raw)?;
        let mut r = &raw[..];
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        if &rd::<8>(&mut r)? != MAGIC {
            return Err(bad("not a newsdesk NER model"));
        }
        let bits = u32::from_le_bytes(rd(&mut r)?);
        if !(8..=24).contains(&bits) {
            return Err(bad("bad table size"));
        }
        let scale = f32::from_le_bytes(rd(&mut r)?);
        let mut trans = [[0f32; NTAGS]; NTAGS];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = f32::from_le_bytes(rd(&mut r)?);
            }
        }
        let mut start = [0f32; NTAGS];
        for v in start.iter_mut() {
            *v = f32::from_le_bytes(rd(&mut r)?);
        }
        let ncl = u32::from_le_bytes(rd(&mut r)?) as usize;
        let mut classes = ClassTable::default();
        classes.reserve(ncl.min(1 << 20));
        for _ in 0..ncl {
            let k = u64::from_le_bytes(rd(&mut r)?);
            let fine = u16::from_le_bytes(rd(&mut r)?);
            let [coarse, capbin] = rd::<2>(&mut r)?;
            classes.insert(
                k,
                WordClass {
                    fine,
                    coarse,
                    capbin,
                },
            );
        }
        let nrows = 1usize << bits;
        if r.len() < nrows / 8 {
            return Err(bad("truncated weights"));
        }
        let (bitmap, mut data) = r.split_at(nrows / 8);
        let mut weights = vec![0i16; nrows * ROW];
        for (r, row) in weights.chunks_exact_mut(ROW).enumerate() {
            if bitmap[r / 8] & (1 << (r % 8)) == 0 {
                continue;
            }
            if data.len() < ROW * 2 {
                return Err(bad("truncated weights"));
            }
            for (k, w) in row.iter_mut().enumerate() {
                *w = i16::from_le_bytes([data[2 * k], data[2 * k + 1]]);
            }
            data = &data[ROW * 2..];
        }
        if !data.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(NerModel {
            bits,
            scale,
            weights,
            trans,
            start,
            classes,
        })
    }

    /// The model embedded in the binary (`models/ner/ner.model`), loaded on
    /// first use; `None` if the embedded file is not a valid model.
    pub fn embedded() -> Option<&'static NerModel> {
        static M: OnceLock<Option<NerModel>> = OnceLock::new();
        M.get_or_init(|| NerModel::from_bytes(EMBEDDED).ok())
            .as_ref()
    }

    /// Tags a document: `words` with sentence ranges over them.
    pub fn tag_document(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
        ws: &mut Workspace,
    ) -> Vec<Tag> {
        tag_document_with(self, &self.classes, words, sentences, ws)
    }
}

/// The trained model file, embedded at build time.
pub static EMBEDDED: &[u8] = include_bytes!("../../../../models/ner/ner.model");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_round_trips_through_bytes() {
        let mut w = vec![0f32; (1 << 10) * ROW];
        w[5 * ROW + 3] = 2.5;
        w[700 * ROW] = -1.0;
        let mut classes = ClassTable::default();
        classes.insert(
            42,
            WordClass {
                fine: 3,
                coarse: 1,
                capbin: 5,
            },
        );
        let mut trans = [[0f32; NTAGS]; NTAGS];
        trans[1][2] = 0.5;
        let m = NerModel::quantise(10, &w, trans, [0.25; NTAGS], classes);
        let back = NerModel::from_bytes(&m.to_bytes()).expect("valid model");
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.classes, m.classes);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.start, m.start);
        assert!(NerModel::from_bytes(b"garbage").is_err());
        assert!(NerModel::from_bytes(&[]).is_err());
    }
}

#[cfg(test)]
mod embedded_tests {
    #[test]
    fn embedded_model_loads() {
        let m = super::NerModel::from_bytes(super::EMBEDDED);
        assert!(m.is_ok(), "{:?}", m.err());
    }
}
