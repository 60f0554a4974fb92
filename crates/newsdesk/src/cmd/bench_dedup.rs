//! `newsdesk bench-dedup`: throughput of near-duplicate detection
//! (signatures + LSH + verification) on one core, input already in memory.

use super::corpus_io;
use super::pipeline::InputArgs;
use newsdesk_corpus::{DedupConfig, Deduper};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Input JSONL articles.
    pub input: String,
    /// Passes over the input (the best pass is reported).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (mut items, _) = corpus_io::read_items(&InputArgs::paths(std::slice::from_ref(&args.input)))?;
    corpus_io::sort_by_published(&mut items);
    let bytes: usize = items.iter().map(|i| i.article().text.len()).sum();
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut groups = 0;
    let mut heap = 0;
    for _ in 0..args.repeat.max(1) {
        let mut dd = Deduper::new(DedupConfig::default());
        let t = Instant::now();
        let c0 = super::measure::process_cpu_seconds();
        for it in &items {
            dd.add(it.article());
        }
        best = best.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(super::measure::process_cpu_seconds() - c0);
        groups = dd.group_count();
        heap = dd.heap_bytes();
    }
    let n = items.len();
    println!(
        "{}",
        serde_json::json!({
            "articles": n, "cpu_seconds": best_cpu, "articles_per_cpu_second": n as f64 / best_cpu.max(0.01), "text_bytes": bytes, "seconds": best,
            "articles_per_second": n as f64 / best, "mb_per_second": bytes as f64 / 1e6 / best,
            "groups": groups, "state_heap_bytes": heap,
            "state_bytes_per_article": heap as f64 / n.max(1) as f64,
            "peak_rss_bytes": super::measure::peak_rss_bytes(),
        })
    );
    eprintln!(
        "bench-dedup: {n} articles in {best:.3} s = {:.0} articles/s ({:.1} MB/s) on one core (wall clock; {:.0} articles per CPU second); {groups} groups; state ≈ {:.0} bytes/article; peak RSS {:.1} MB (includes the input held in memory)",
        n as f64 / best,
        bytes as f64 / 1e6 / best,
        n as f64 / best_cpu.max(0.01),
        heap as f64 / n.max(1) as f64,
        super::measure::peak_rss_bytes() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
