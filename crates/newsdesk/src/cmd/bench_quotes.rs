//! `newsdesk bench-quotes`: single-thread speed of quote extraction on top
//! of tokenisation. Texts come from a quotes JSONL file (FORMAT.md, e.g.
//! `../shared/data/quotes/polnear_dev.jsonl`); every text is tokenized and
//! sentence-split first (timed separately), then `extract_quotes` runs over
//! all docs `--rounds` times and the best round is reported.

use anyhow::Context;
use serde::Deserialize;
use std::io::BufRead;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Quotes JSONL file whose `text` fields are the benchmark corpus.
    pub input: String,
    /// Timed rounds over the whole corpus (the fastest is reported).
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
}

#[derive(Deserialize)]
struct Rec {
    text: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let f = std::fs::File::open(&args.input).with_context(|| format!("cannot open {}", args.input))?;
    let mut texts = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let r: Rec =
            serde_json::from_str(&line).with_context(|| format!("{}:{}: no `text` field", args.input, i + 1))?;
        texts.push(r.text);
    }
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let t0 = Instant::now();
    let docs: Vec<newsdesk_nlp::Doc> = texts.iter().map(|t| newsdesk_nlp::Doc::from_text(t)).collect();
    let tok = t0.elapsed().as_secs_f64();
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..args.rounds.max(1) {
        let t = Instant::now();
        n = 0;
        for d in &docs {
            n += std::hint::black_box(newsdesk_nlp::quotes::extract_quotes(d, &[])).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("texts {} chars {} quotes {}", texts.len(), chars, n);
    println!("tokenize+sentences: {:.3} s, {:.0} chars/s", tok, chars as f64 / tok);
    println!("quote extraction (best of {}): {:.4} s, {:.0} chars/s", args.rounds.max(1), best, chars as f64 / best);
    Ok(ExitCode::SUCCESS)
}
