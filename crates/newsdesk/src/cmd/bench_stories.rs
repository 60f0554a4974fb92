//! `newsdesk bench-stories`: throughput of online story clustering on one
//! core (analyses and dedup groups prepared beforehand, not timed).

use super::corpus_io;
use super::pipeline::InputArgs;
use newsdesk_corpus::{Deduper, StoryClusterer, StoryConfig};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Input JSONL articles or analyses.
    pub input: String,
    /// Days without articles after which a story is closed (large values
    /// keep many stories open).
    #[arg(long, default_value_t = StoryConfig::default().max_gap_days)]
    pub max_gap_days: i64,
    /// Similarity threshold (see `newsdesk stories --threshold`).
    #[arg(long, default_value_t = StoryConfig::default().threshold)]
    pub threshold: f32,
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (items, _) = corpus_io::read_items(&InputArgs::paths(std::slice::from_ref(&args.input)))?;
    let analyses = super::stories::analyses(items);
    let mut dd = Deduper::default();
    let groups: Vec<String> = analyses.iter().map(|a| dd.add(&a.article).group).collect();
    let cfg = StoryConfig { max_gap_days: args.max_gap_days, threshold: args.threshold, ..StoryConfig::default() };
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let (mut stories, mut open_max, mut open_end) = (0, 0, 0);
    for _ in 0..args.repeat.max(1) {
        let mut sc = StoryClusterer::new(cfg.clone());
        let mut omax = 0;
        let t = Instant::now();
        let c0 = super::measure::process_cpu_seconds();
        for (a, g) in analyses.iter().zip(&groups) {
            sc.add(a, Some(g));
            omax = omax.max(sc.open_count());
        }
        best = best.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(super::measure::process_cpu_seconds() - c0);
        stories = sc.story_count();
        open_max = omax;
        open_end = sc.open_count();
    }
    let n = analyses.len();
    println!(
        "{}",
        serde_json::json!({
            "articles": n, "cpu_seconds": best_cpu, "articles_per_cpu_second": n as f64 / best_cpu.max(0.01), "seconds": best, "articles_per_second": n as f64 / best,
            "stories": stories, "open_stories_max": open_max, "open_stories_end": open_end,
            "max_gap_days": args.max_gap_days, "threshold": args.threshold, "peak_rss_bytes": super::measure::peak_rss_bytes(),
        })
    );
    eprintln!(
        "bench-stories: {n} articles in {best:.3} s = {:.0} articles/s on one core (wall clock; {:.0} articles per CPU second); {stories} stories, up to {open_max} open at once; peak RSS {:.1} MB (includes the analyses held in memory)",
        n as f64 / best,
        n as f64 / best_cpu.max(0.01),
        super::measure::peak_rss_bytes() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
