//! `newsdesk eval-quotes`: scores quote extraction against a gold quotes
//! JSONL file (the format of `shared/data/quotes/FORMAT.md`).
//!
//! The scorer, as FORMAT.md defines it:
//! - **detection**: a system quote matches a gold quote when their content
//!   spans (`quote_spans` when present, else the envelope) overlap by at least
//!   half of the shorter one; matching is one-to-one, greedy by overlap, so a
//!   multi-piece quote reported as several quotes costs precision.
//! - **speaker**: the last token of the name part (the mention before its
//!   first comma, i.e. without an appositive), case-insensitive; a missing
//!   speaker matches only a missing speaker.
//! - **end-to-end**: detection match and speaker match.
//!
//! Figures are given over all kinds and over direct+mixed only (gold and
//! system both filtered by their own `kind`), or over `--kinds`.

use anyhow::Context;
use newsdesk_core::{Quote, QuoteKind};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::BufRead;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Gold quotes JSONL (one article per line, FORMAT.md).
    #[arg(long)]
    pub gold: String,
    /// Score this system output (same format) instead of running our extractor.
    #[arg(long)]
    pub system: Option<String>,
    /// Comma-separated kinds to score in addition to "all" (default: direct,mixed).
    #[arg(long, default_value = "direct,mixed")]
    pub kinds: String,
    /// Print up to N missed and N spurious quotes (to stderr) for error analysis.
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
    /// Write our extractor's output in the gold format to this file.
    #[arg(long)]
    pub write_system: Option<String>,
}

#[derive(Deserialize)]
struct GoldArticle {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    quotes: Vec<RawQuote>,
}

#[derive(Deserialize, Clone)]
struct RawQuote {
    #[serde(default)]
    quote_start: Option<usize>,
    #[serde(default)]
    quote_end: Option<usize>,
    #[serde(default)]
    quote_spans: Option<Vec<[usize; 2]>>,
    #[serde(default)]
    quote_text: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
}

/// A quote reduced to what the scorer looks at.
#[derive(Debug, Clone)]
pub struct ScoredQuote {
    pub spans: Vec<(usize, usize)>,
    pub kind: Option<String>,
    pub speaker: Option<String>,
}

impl ScoredQuote {
    fn from_raw(q: &RawQuote, text: Option<&str>) -> Option<ScoredQuote> {
        let spans = if let Some(sp) = &q.quote_spans {
            sp.iter().map(|s| (s[0], s[1])).collect()
        } else if let (Some(s), Some(e)) = (q.quote_start, q.quote_end) {
            vec![(s, e)]
        } else {
            // Locate the text in the article (code point offsets).
            let (t, qt) = (text?, q.quote_text.as_deref()?);
            let b = t.find(qt)?;
            let s = t[..b].chars().count();
            vec![(s, s + qt.chars().count())]
        };
        Some(ScoredQuote { spans, kind: q.kind.clone(), speaker: q.speaker.clone() })
    }

    fn from_quote(q: &Quote) -> ScoredQuote {
        ScoredQuote {
            spans: q.spans.iter().map(|s| (s.start, s.end)).collect(),
            kind: Some(kind_name(q.kind).to_string()),
            speaker: q.speaker_mention.as_ref().map(|m| m.text.clone()),
        }
    }

    fn len(&self) -> usize {
        self.spans.iter().map(|&(s, e)| e.saturating_sub(s)).sum()
    }

    fn envelope(&self) -> (usize, usize) {
        let s = self.spans.iter().map(|x| x.0).min().unwrap_or(0);
        let e = self.spans.iter().map(|x| x.1).max().unwrap_or(0);
        (s, e)
    }
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}

/// Overlap in code points between two span sets.
fn overlap(a: &ScoredQuote, b: &ScoredQuote) -> usize {
    let mut n = 0;
    for &(s1, e1) in &a.spans {
        for &(s2, e2) in &b.spans {
            let (s, e) = (s1.max(s2), e1.min(e2));
            if e > s {
                n += e - s;
            }
        }
    }
    n
}

/// Whether two quotes match for detection: overlap of at least half the shorter.
fn detection_match(a: &ScoredQuote, b: &ScoredQuote) -> Option<usize> {
    let o = overlap(a, b);
    let shorter = a.len().min(b.len());
    (o > 0 && 2 * o >= shorter).then_some(o)
}

/// The last token of a speaker's name part, lowercased.
pub fn speaker_key(s: &str) -> Option<String> {
    let name = s.split(',').next().unwrap_or(s);
    let tok = name
        .split_whitespace()
        .rev()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|t| !t.is_empty())?;
    let tok = tok.strip_suffix("'s").or_else(|| tok.strip_suffix("’s")).unwrap_or(tok);
    Some(tok.to_lowercase())
}

fn speaker_match(g: &Option<String>, s: &Option<String>) -> bool {
    match (g.as_deref().and_then(speaker_key), s.as_deref().and_then(speaker_key)) {
        (None, None) => true,
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Counts of one evaluation.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub matched: usize,
    pub speaker_ok: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.matched += o.matched;
        self.speaker_ok += o.speaker_ok;
    }
    fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
        let p = if sys == 0 { 0.0 } else { tp as f64 / sys as f64 };
        let r = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
    pub fn detection(&self) -> (f64, f64, f64) {
        Self::prf(self.matched, self.system, self.gold)
    }
    pub fn end_to_end(&self) -> (f64, f64, f64) {
        Self::prf(self.speaker_ok, self.system, self.gold)
    }
    pub fn speaker_accuracy(&self) -> f64 {
        if self.matched == 0 {
            0.0
        } else {
            self.speaker_ok as f64 / self.matched as f64
        }
    }
}

/// Result of aligning one article: counts plus indices of unmatched quotes
/// and of matched pairs with a wrong speaker.
pub struct Alignment {
    pub counts: Counts,
    pub missed: Vec<usize>,
    pub spurious: Vec<usize>,
    pub wrong_speaker: Vec<(usize, usize)>,
}

/// Aligns system quotes to gold quotes one-to-one, greedily by overlap.
pub fn align(gold: &[ScoredQuote], sys: &[ScoredQuote]) -> Alignment {
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let (gs, ge) = g.envelope();
        for (si, s) in sys.iter().enumerate() {
            let (ss, se) = s.envelope();
            if ss >= ge || gs >= se {
                continue;
            }
            if let Some(o) = detection_match(g, s) {
                pairs.push((o, gi, si));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gused = vec![false; gold.len()];
    let mut sused = vec![false; sys.len()];
    let mut counts = Counts { gold: gold.len(), system: sys.len(), ..Counts::default() };
    let mut wrong_speaker = Vec::new();
    for (_, gi, si) in pairs {
        if gused[gi] || sused[si] {
            continue;
        }
        gused[gi] = true;
        sused[si] = true;
        counts.matched += 1;
        if speaker_match(&gold[gi].speaker, &sys[si].speaker) {
            counts.speaker_ok += 1;
        } else {
            wrong_speaker.push((gi, si));
        }
    }
    Alignment {
        counts,
        missed: (0..gold.len()).filter(|&i| !gused[i]).collect(),
        spurious: (0..sys.len()).filter(|&i| !sused[i]).collect(),
        wrong_speaker,
    }
}

fn read_jsonl(path: &str) -> anyhow::Result<Vec<GoldArticle>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("{path}:{}: cannot read line", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let a: GoldArticle = serde_json::from_str(&line)
            .with_context(|| format!("{path}:{}: not a quotes JSON object (see FORMAT.md)", i + 1))?;
        out.push(a);
    }
    Ok(out)
}

fn filter(qs: &[ScoredQuote], kinds: Option<&[&str]>) -> Vec<ScoredQuote> {
    match kinds {
        None => qs.to_vec(),
        Some(k) => qs.iter().filter(|q| q.kind.as_deref().is_some_and(|x| k.contains(&x))).cloned().collect(),
    }
}

fn snippet(text: &str, q: &ScoredQuote) -> String {
    let (s, e) = q.envelope();
    let t: String = text.chars().skip(s).take(e.saturating_sub(s).min(160)).collect();
    t.replace('\n', "⏎")
}

/// Runs our extractor over one gold article's text.
fn run_extractor(text: &str) -> Vec<Quote> {
    let doc = newsdesk_nlp::Doc::from_text(text);
    newsdesk_nlp::quotes::extract_quotes(&doc, &[])
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = read_jsonl(&args.gold)?;
    let texts: Vec<Option<&str>> = gold.iter().map(|a| a.text.as_deref()).collect();
    // Several system annotations of one article (alt annotation files) are all scored.
    let systems: Vec<(usize, Vec<ScoredQuote>)> = if let Some(path) = &args.system {
        let index: HashMap<&str, usize> = gold.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
        let mut out = Vec::new();
        for a in read_jsonl(path)? {
            let Some(&gi) = index.get(a.id.as_str()) else {
                eprintln!("eval-quotes: system article {} is not in the gold file; skipped", a.id);
                continue;
            };
            let text = a.text.as_deref().or(texts[gi]);
            let qs = a.quotes.iter().filter_map(|q| ScoredQuote::from_raw(q, text)).collect();
            out.push((gi, qs));
        }
        out
    } else {
        let extracted: Vec<Vec<Quote>> =
            gold.par_iter().map(|a| a.text.as_deref().map(run_extractor).unwrap_or_default()).collect();
        if let Some(path) = &args.write_system {
            write_system(path, &gold, &extracted)?;
        }
        extracted.iter().enumerate().map(|(i, qs)| (i, qs.iter().map(ScoredQuote::from_quote).collect())).collect()
    };
    let kinds: Vec<&str> = args.kinds.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let label = kinds.join("+");
    let mut all = Counts::default();
    let mut sub = Counts::default();
    let mut errors_shown = 0;
    for (gi, sys) in &systems {
        let g = &gold[*gi];
        let text = g.text.as_deref().unwrap_or("");
        let gq: Vec<ScoredQuote> = g.quotes.iter().filter_map(|q| ScoredQuote::from_raw(q, Some(text))).collect();
        let a = align(&gq, sys);
        all.add(a.counts);
        let (gk, sk) = (filter(&gq, Some(&kinds)), filter(sys, Some(&kinds)));
        let b = align(&gk, &sk);
        sub.add(b.counts);
        if errors_shown < args.errors {
            for &i in &b.missed {
                eprintln!(
                    "MISSED   {} [{}] spk={:?} | {}",
                    g.id,
                    gk[i].kind.as_deref().unwrap_or("?"),
                    gk[i].speaker,
                    snippet(text, &gk[i])
                );
            }
            for &i in &b.spurious {
                eprintln!(
                    "SPURIOUS {} [{}] spk={:?} | {}",
                    g.id,
                    sk[i].kind.as_deref().unwrap_or("?"),
                    sk[i].speaker,
                    snippet(text, &sk[i])
                );
            }
            for &(gi, si) in &b.wrong_speaker {
                eprintln!(
                    "SPEAKER  {} gold={:?} sys={:?} | {}",
                    g.id,
                    gk[gi].speaker,
                    sk[si].speaker,
                    snippet(text, &gk[gi])
                );
            }
            errors_shown += b.missed.len() + b.spurious.len() + b.wrong_speaker.len();
        }
    }
    println!("articles scored: {}", systems.len());
    print_counts("all kinds", &all);
    print_counts(&label, &sub);
    Ok(ExitCode::SUCCESS)
}

fn print_counts(label: &str, c: &Counts) {
    let (p, r, f) = c.detection();
    let (ep, er, ef) = c.end_to_end();
    println!(
        "{label:<14} gold {:>6} system {:>6} | detection P {p:.3} R {r:.3} F1 {f:.3} | speaker accuracy {:.3} | end-to-end P {ep:.3} R {er:.3} F1 {ef:.3}",
        c.gold,
        c.system,
        c.speaker_accuracy()
    );
}

fn write_system(path: &str, gold: &[GoldArticle], extracted: &[Vec<Quote>]) -> anyhow::Result<()> {
    use std::io::Write;
    let f = std::fs::File::create(path).with_context(|| format!("cannot create {path}"))?;
    let mut w = std::io::BufWriter::new(f);
    for (a, qs) in gold.iter().zip(extracted) {
        let quotes: Vec<serde_json::Value> = qs
            .iter()
            .map(|q| {
                serde_json::json!({
                    "quote_start": q.start,
                    "quote_end": q.end,
                    "quote_spans": q.spans.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>(),
                    "quote_text": q.text,
                    "kind": kind_name(q.kind),
                    "speaker": q.speaker_mention.as_ref().map(|m| m.text.clone()),
                    "speaker_start": q.speaker_mention.as_ref().map(|m| m.start),
                    "speaker_end": q.speaker_mention.as_ref().map(|m| m.end),
                    "cue": q.cue.as_ref().map(|m| m.text.clone()),
                })
            })
            .collect();
        serde_json::to_writer(&mut w, &serde_json::json!({"id": a.id, "quotes": quotes}))?;
        writeln!(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(spans: &[(usize, usize)], spk: Option<&str>) -> ScoredQuote {
        ScoredQuote { spans: spans.to_vec(), kind: Some("direct".into()), speaker: spk.map(String::from) }
    }

    #[test]
    fn speaker_key_uses_name_part() {
        assert_eq!(speaker_key("Arthur Hellman, a law professor").as_deref(), Some("hellman"));
        assert_eq!(speaker_key("Deputy Foreign Minister Sergei Ryabkov").as_deref(), Some("ryabkov"));
        assert_eq!(speaker_key("O’Malley’s campaign").as_deref(), Some("campaign"));
        assert_eq!(speaker_key("He").as_deref(), Some("he"));
        assert_eq!(speaker_key("Trump's"), Some("trump".into()));
    }

    #[test]
    fn split_quote_reported_twice_costs_precision() {
        let gold = vec![q(&[(0, 40), (60, 100)], Some("Smith"))];
        let sys = vec![q(&[(0, 40)], Some("Mr. Smith")), q(&[(60, 100)], Some("he"))];
        let a = align(&gold, &sys);
        assert_eq!(a.counts.matched, 1);
        assert_eq!(a.counts.system, 2);
        assert_eq!(a.counts.speaker_ok, 1);
        assert_eq!(a.spurious.len(), 1);
    }

    #[test]
    fn overlap_must_reach_half_the_shorter() {
        let gold = vec![q(&[(0, 100)], None)];
        assert_eq!(align(&gold, &[q(&[(90, 110)], None)]).counts.matched, 1);
        assert_eq!(align(&gold, &[q(&[(95, 120)], None)]).counts.matched, 0);
        assert_eq!(align(&gold, &[q(&[(100, 120)], None)]).counts.matched, 0);
    }
}
