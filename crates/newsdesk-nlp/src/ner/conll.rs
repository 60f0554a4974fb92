//! CoNLL-2003 files: reading, tag-scheme conversion and the conlleval-style scorer.
//!
//! Format: one token per line, the word in the first column and (optionally)
//! more space-separated columns; blank lines end sentences; `-DOCSTART-`
//! lines start documents.

use super::tags::{EntType, Tag};
use std::collections::BTreeMap;

/// One token line of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllToken {
    /// The whole line as read (no trailing newline).
    pub line: String,
    /// Byte length of the first column (the word) in `line`.
    pub word_len: usize,
}

impl ConllToken {
    pub fn word(&self) -> &str {
        &self.line[..self.word_len]
    }
    /// The whitespace-separated columns.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.line.split_whitespace()
    }
}

/// A document: its sentences, each a list of tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDoc {
    /// The `-DOCSTART-` line that opened the document, if any.
    pub docstart: Option<String>,
    pub sentences: Vec<Vec<ConllToken>>,
}

impl ConllDoc {
    /// Words and sentence ranges, the tagger's input.
    pub fn words(&self) -> (Vec<&str>, Vec<std::ops::Range<usize>>) {
        let mut words = Vec::new();
        let mut ranges = Vec::with_capacity(self.sentences.len());
        for s in &self.sentences {
            let start = words.len();
            words.extend(s.iter().map(|t| t.word()));
            ranges.push(start..words.len());
        }
        (words, ranges)
    }
}

/// Parses a CoNLL-2003 text into documents. Text before the first
/// `-DOCSTART-` forms a document of its own. Never fails: any line with a
/// non-blank first column is a token.
pub fn parse(text: &str) -> Vec<ConllDoc> {
    let mut docs: Vec<ConllDoc> = Vec::new();
    let mut cur = ConllDoc::default();
    let mut sent: Vec<ConllToken> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim_end_matches(['\r', '\n']);
        let trimmed = line.trim_start();
        if trimmed.trim().is_empty() {
            if !sent.is_empty() {
                cur.sentences.push(std::mem::take(&mut sent));
            }
            continue;
        }
        if trimmed.starts_with("-DOCSTART-") {
            if !sent.is_empty() {
                cur.sentences.push(std::mem::take(&mut sent));
            }
            if cur.docstart.is_some() || !cur.sentences.is_empty() {
                docs.push(std::mem::take(&mut cur));
            }
            cur.docstart = Some(line.to_string());
            continue;
        }
        let word_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        sent.push(ConllToken {
            line: trimmed.to_string(),
            word_len,
        });
    }
    if !sent.is_empty() {
        cur.sentences.push(sent);
    }
    if cur.docstart.is_some() || !cur.sentences.is_empty() {
        docs.push(cur);
    }
    docs
}

/// Parses an IOB tag string (`O`, `B-PER`, `I-LOC`, ...). Unknown strings are `O`.
pub fn parse_tag(s: &str) -> (char, Option<EntType>) {
    let (p, t) = match s.split_once('-') {
        Some((p, t)) => (p, t),
        None => return ('O', None),
    };
    let ty = match t {
        "PER" => EntType::Per,
        "ORG" => EntType::Org,
        "LOC" => EntType::Loc,
        "MISC" => EntType::Misc,
        _ => return ('O', None),
    };
    let p = match p {
        "B" | "S" => 'B',
        "I" | "E" | "L" | "U" => 'I',
        _ => return ('O', None),
    };
    (p, Some(ty))
}

/// Converts a sentence of IOB1 or IOB2 tag strings to IOB2 [`Tag`]s: an `I-X`
/// that does not continue an `X` entity starts one.
pub fn to_iob2(tags: &[&str]) -> Vec<Tag> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev: Option<EntType> = None;
    for t in tags {
        let tag = match parse_tag(t) {
            ('B', Some(ty)) => Tag::B(ty),
            ('I', Some(ty)) if prev == Some(ty) => Tag::I(ty),
            ('I', Some(ty)) => Tag::B(ty),
            _ => Tag::O,
        };
        prev = tag.ent_type();
        out.push(tag);
    }
    out
}

/// Entity chunks `(type, start, end)` of a sentence of tag strings, the way
/// conlleval reads them (IOB1 and IOB2 both accepted).
pub fn chunks(tags: &[&str]) -> Vec<(EntType, usize, usize)> {
    super::tags::spans(&to_iob2(tags))
}

/// Precision, recall and F1 counts for one entity type (or overall).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Entity-level scores, overall and per type, as conlleval computes them:
/// an entity is correct when type, start and end all match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub overall: Counts,
    pub by_type: BTreeMap<&'static str, Counts>,
    pub tokens: usize,
    pub tokens_correct: usize,
}

impl Score {
    /// Adds one sentence's gold and predicted tag strings (same length).
    pub fn add_sentence(&mut self, gold: &[&str], pred: &[&str]) {
        let n = gold.len().min(pred.len());
        let g = chunks(&gold[..n]);
        let p = chunks(&pred[..n]);
        self.tokens += n;
        self.tokens_correct += gold[..n]
            .iter()
            .zip(&pred[..n])
            .filter(|(a, b)| to_iob2(&[a]) == to_iob2(&[b]))
            .count();
        for (ty, ..) in &g {
            self.overall.gold += 1;
            self.by_type.entry(ty.name()).or_default().gold += 1;
        }
        for c in &p {
            self.overall.predicted += 1;
            let e = self.by_type.entry(c.0.name()).or_default();
            e.predicted += 1;
            if g.contains(c) {
                e.correct += 1;
                self.overall.correct += 1;
            }
        }
    }

    /// Scores a CoNLL text whose columns hold the gold tag at `gold_col`
    /// (0-based; negative counts from the end) and the prediction in the last column.
    pub fn from_conll(text: &str, gold_col: isize) -> Score {
        let mut score = Score::default();
        for doc in parse(text) {
            for s in &doc.sentences {
                let mut gold = Vec::with_capacity(s.len());
                let mut pred = Vec::with_capacity(s.len());
                for t in s {
                    let cols: Vec<&str> = t.columns().collect();
                    let gi = if gold_col < 0 {
                        cols.len() as isize + gold_col
                    } else {
                        gold_col
                    };
                    gold.push(
                        usize::try_from(gi)
                            .ok()
                            .and_then(|i| cols.get(i))
                            .copied()
                            .unwrap_or("O"),
                    );
                    pred.push(cols.last().copied().unwrap_or("O"));
                }
                score.add_sentence(&gold, &pred);
            }
        }
        score
    }

    /// A conlleval-like report.
    pub fn report(&self) -> String {
        let o = &self.overall;
        let mut s = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n",
            self.tokens, o.gold, o.predicted, o.correct
        );
        let acc = if self.tokens == 0 {
            0.0
        } else {
            self.tokens_correct as f64 / self.tokens as f64
        };
        s += &format!(
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            100.0 * acc,
            100.0 * o.precision(),
            100.0 * o.recall(),
            100.0 * o.f1()
        );
        for (name, c) in &self.by_type {
            s += &format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                name,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.predicted
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_to_iob2_starts_entities() {
        let t = to_iob2(&["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]);
        assert_eq!(
            t,
            vec![
                Tag::B(EntType::Per),
                Tag::I(EntType::Per),
                Tag::B(EntType::Per),
                Tag::O,
                Tag::B(EntType::Loc),
                Tag::B(EntType::Org)
            ]
        );
    }

    #[test]
    fn scorer_counts_exact_matches_only() {
        let mut s = Score::default();
        s.add_sentence(
            &["I-PER", "I-PER", "O", "I-LOC", "O"],
            &["B-PER", "I-PER", "O", "B-LOC", "I-LOC"],
        );
        assert_eq!(s.overall.gold, 2);
        assert_eq!(s.overall.predicted, 2);
        assert_eq!(s.overall.correct, 1);
        assert!((s.overall.f1() - 0.5).abs() < 1e-9);
        assert_eq!(s.by_type["PER"].correct, 1);
        assert_eq!(s.by_type["LOC"].correct, 0);
    }

    #[test]
    fn parse_splits_docs_and_sentences() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nX Y Z O\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0][1].word(), "rejects");
        let sc = Score::from_conll("a x I-PER B-PER\nb x I-PER I-PER\n", 2);
        assert_eq!(sc.overall.correct, 1);
    }
}
