//! Training: an averaged structured perceptron over the hashed features,
//! Viterbi decoding, documents in a seeded random order each epoch, the
//! epoch with the best dev F1 kept. Deterministic for a given seed.

use super::conll::{self, ConllDoc, Score};
use super::features::{ClassTable, ROW};
use super::model::{
    prepare_doc, sentence_features, tag_document_with, viterbi, NerModel, Scorer, Workspace,
};
use super::tags::{Tag, NTAGS};
use std::ops::Range;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// log2 of the number of weight rows.
    pub bits: u32,
    pub epochs: usize,
    pub seed: u64,
    /// Perceptrons trained (seeds `seed..seed + runs`) and averaged.
    pub runs: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            bits: 20,
            epochs: 12,
            seed: 1,
            runs: 1,
        }
    }
}

struct Weights {
    mask: u64,
    w: Vec<f32>,
    trans: [[f32; NTAGS]; NTAGS],
    start: [f32; NTAGS],
}

impl Scorer for Weights {
    #[inline]
    fn emission(&self, rows: &[u32], acc: &mut [f32; NTAGS]) {
        for &r in rows {
            let row = &self.w[r as usize * ROW..r as usize * ROW + ROW];
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += w;
            }
        }
    }
    fn transitions(&self) -> &[[f32; NTAGS]; NTAGS] {
        &self.trans
    }
    fn start(&self) -> &[f32; NTAGS] {
        &self.start
    }
    fn mask(&self) -> u64 {
        self.mask
    }
}

/// The parameters and their running sums for averaging.
struct Averaged {
    cur: Weights,
    sum_w: Vec<f32>,
    sum_trans: [[f32; NTAGS]; NTAGS],
    sum_start: [f32; NTAGS],
    c: f32,
}

impl Averaged {
    fn upd(&mut self, row: u32, tag: usize, d: f32) {
        let i = row as usize * ROW + tag;
        self.cur.w[i] += d;
        self.sum_w[i] += self.c * d;
    }
    fn averaged(&self) -> Weights {
        let c = self.c.max(1.0);
        let w = self
            .cur
            .w
            .iter()
            .zip(&self.sum_w)
            .map(|(w, s)| w - s / c)
            .collect();
        let mut trans = self.cur.trans;
        for (p, row) in trans.iter_mut().enumerate() {
            for (t, v) in row.iter_mut().enumerate() {
                *v -= self.sum_trans[p][t] / c;
            }
        }
        let mut start = self.cur.start;
        for (t, v) in start.iter_mut().enumerate() {
            *v -= self.sum_start[t] / c;
        }
        Weights {
            mask: self.cur.mask,
            w,
            trans,
            start,
        }
    }
}

struct TrainDoc<'a> {
    words: Vec<&'a str>,
    sentences: Vec<Range<usize>>,
    gold: Vec<Tag>,
}

fn gold_docs(docs: &[ConllDoc]) -> Vec<TrainDoc<'_>> {
    docs.iter()
        .map(|d| {
            let (words, sentences) = d.words();
            let mut gold = Vec::with_capacity(words.len());
            for s in &d.sentences {
                let tags: Vec<&str> = s
                    .iter()
                    .map(|t| t.columns().last().unwrap_or("O"))
                    .collect();
                gold.extend(conll::to_iob2(&tags));
            }
            TrainDoc {
                words,
                sentences,
                gold,
            }
        })
        .collect()
}

/// Scores a scorer on CoNLL documents (gold in the last column).
pub fn evaluate<S: Scorer + ?Sized>(s: &S, classes: &ClassTable, docs: &[ConllDoc]) -> Score {
    let mut ws = Workspace::default();
    let mut score = Score::default();
    for d in gold_docs(docs) {
        let pred = tag_document_with(s, classes, &d.words, &d.sentences, &mut ws);
        for r in &d.sentences {
            let g: Vec<&str> = d.gold[r.clone()].iter().map(|t| t.as_str()).collect();
            let p: Vec<&str> = pred[r.clone()].iter().map(|t| t.as_str()).collect();
            score.add_sentence(&g, &p);
        }
    }
    score
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Trains `cfg.runs` perceptrons (seeds `seed`, `seed + 1`, ...; each
/// keeping its best epoch on dev) and averages their weights into one model
/// (parameter mixing: same size and speed as one model, less variance).
/// `log` receives progress lines.
pub fn train(
    cfg: &TrainConfig,
    train: &[ConllDoc],
    dev: &[ConllDoc],
    classes: ClassTable,
    mut log: impl FnMut(&str),
) -> (NerModel, Score) {
    let runs = cfg.runs.max(1);
    let mut sum: Option<Weights> = None;
    for k in 0..runs {
        let c = TrainConfig {
            seed: cfg.seed.wrapping_add(k as u64),
            ..cfg.clone()
        };
        log(&format!("run {} of {runs} (seed {})", k + 1, c.seed));
        let w = train_one(&c, train, dev, &classes, &mut log);
        sum = Some(match sum {
            None => w,
            Some(mut s) => {
                s.w.iter_mut().zip(&w.w).for_each(|(a, b)| *a += b);
                for (ra, rb) in s.trans.iter_mut().zip(&w.trans) {
                    ra.iter_mut().zip(rb).for_each(|(a, b)| *a += b);
                }
                s.start.iter_mut().zip(&w.start).for_each(|(a, b)| *a += b);
                s
            }
        });
    }
    let Some(mut w) = sum else {
        unreachable!("runs >= 1")
    };
    let inv = 1.0 / runs as f32;
    w.w.iter_mut().for_each(|a| *a *= inv);
    w.trans.iter_mut().flatten().for_each(|a| *a *= inv);
    w.start.iter_mut().for_each(|a| *a *= inv);
    let bits = cfg.bits.clamp(10, 24);
    let model = NerModel::quantise(bits, &w.w, w.trans, w.start, classes);
    let score = evaluate(&model, &model.classes, dev);
    log(&format!(
        "final (quantised, {runs} runs averaged) dev F1 {:.4}",
        score.overall.f1()
    ));
    (model, score)
}

fn train_one(
    cfg: &TrainConfig,
    train: &[ConllDoc],
    dev: &[ConllDoc],
    classes: &ClassTable,
    log: &mut impl FnMut(&str),
) -> Weights {
    let bits = cfg.bits.clamp(10, 24);
    let mask = (1u64 << bits) - 1;
    let nrows = 1usize << bits;
    let mut p = Averaged {
        cur: Weights {
            mask,
            w: vec![0.0; nrows * ROW],
            trans: [[0.0; NTAGS]; NTAGS],
            start: [0.0; NTAGS],
        },
        sum_w: vec![0.0; nrows * ROW],
        sum_trans: [[0.0; NTAGS]; NTAGS],
        sum_start: [0.0; NTAGS],
        c: 1.0,
    };
    let docs = gold_docs(train);
    // Token information does not depend on the weights: compute it once.
    let mut ws = Workspace::default();
    let prepared: Vec<Vec<super::features::TokInfo>> = docs
        .iter()
        .map(|d| {
            prepare_doc(&d.words, &d.sentences, classes, &mut ws);
            std::mem::take(&mut ws.toks)
        })
        .collect();
    let mut rng = Rng(cfg.seed);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut best: Option<(f64, Weights, Score)> = None;
    for epoch in 1..=cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &di in &order {
            let d = &docs[di];
            let toks = &prepared[di];
            ws.hist.clear();
            let mut base = 0;
            for r in &d.sentences {
                let n = r.end - r.start;
                let st = &toks[base..base + n];
                sentence_features(st, &ws.hist, mask, &mut ws.feats, &mut ws.offsets);
                ws.em.clear();
                for i in 0..n {
                    let mut acc = [0f32; NTAGS];
                    p.cur
                        .emission(&ws.feats[ws.offsets[i]..ws.offsets[i + 1]], &mut acc);
                    ws.em.push(acc);
                }
                viterbi(&p.cur, &ws.em, &mut ws.tags);
                let gold = &d.gold[r.clone()];
                if ws.tags[..] != gold[..] {
                    for i in 0..n {
                        let (g, q) = (gold[i].index(), ws.tags[i].index());
                        if g != q {
                            errors += 1;
                            for k in ws.offsets[i]..ws.offsets[i + 1] {
                                let f = ws.feats[k];
                                p.upd(f, g, 1.0);
                                p.upd(f, q, -1.0);
                            }
                        }
                        if i == 0 {
                            if g != q {
                                p.cur.start[g] += 1.0;
                                p.sum_start[g] += p.c;
                                p.cur.start[q] -= 1.0;
                                p.sum_start[q] -= p.c;
                            }
                        } else {
                            let (gp, qp) = (gold[i - 1].index(), ws.tags[i - 1].index());
                            if (gp, g) != (qp, q) {
                                p.cur.trans[gp][g] += 1.0;
                                p.sum_trans[gp][g] += p.c;
                                p.cur.trans[qp][q] -= 1.0;
                                p.sum_trans[qp][q] -= p.c;
                            }
                        }
                    }
                }
                p.c += 1.0;
                ws.hist.add(st, &ws.tags);
                base += n;
            }
        }
        let avg = p.averaged();
        let score = evaluate(&avg, classes, dev);
        log(&format!(
            "epoch {epoch}: {errors} training token errors; dev F1 {:.4} (P {:.4} R {:.4})",
            score.overall.f1(),
            score.overall.precision(),
            score.overall.recall()
        ));
        let f1 = score.overall.f1();
        if best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, avg, score));
        }
    }
    let (f1, w, _) = match best {
        Some(b) => b,
        None => (0.0, p.averaged(), Score::default()),
    };
    log(&format!("best dev F1 {f1:.4}"));
    w
}
