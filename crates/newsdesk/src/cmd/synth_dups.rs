//! `newsdesk synth-dups`: a synthetic syndication set for dedup tests.

use super::corpus_io;
use super::pipeline::InputArgs;
use newsdesk_corpus::synth::{synthesize, Layout, SynthConfig};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Input JSONL articles (the originals).
    pub input: String,
    /// Copies as a fraction of the input articles.
    #[arg(long, default_value_t = 0.1)]
    pub rate: f64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Only articles with at least this many words are copied.
    #[arg(long, default_value_t = 40)]
    pub min_words: usize,
    /// What a copy takes as the original's paragraphs: `lines` (the
    /// reader's, every line of text without blank lines) or `paragraphs`
    /// (hard-wrapped paragraphs that open at an indent or a blank line).
    #[arg(long, default_value = "lines")]
    pub layout: Layout,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (items, _) = corpus_io::read_items(&InputArgs::paths(std::slice::from_ref(&args.input)))?;
    let articles: Vec<_> = items.iter().map(|i| i.article().clone()).collect();
    let cfg = SynthConfig { rate: args.rate, seed: args.seed, min_words: args.min_words, layout: args.layout };
    let out = synthesize(&articles, &cfg);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut copies = 0;
    for a in &out {
        copies += usize::from(a.id.contains("~dup"));
        let rec = serde_json::json!({
            "id": a.id, "title": a.title, "date": a.published.map(|p| p.to_string()),
            "url": a.url, "source": a.source, "text": a.text,
        });
        serde_json::to_writer(&mut w, &rec)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    eprintln!("synth-dups: {} originals, {} copies (rate {}, seed {})", articles.len(), copies, args.rate, args.seed);
    Ok(ExitCode::SUCCESS)
}
