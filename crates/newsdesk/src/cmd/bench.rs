//! `newsdesk bench`: throughput of reading, and of reading + analysis, on
//! real files. Figures go to docs/BENCHMARKS.md with the command line used.

use newsdesk_core::Article;
use newsdesk_read::{read_inputs, ReadOptions};
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Input files or directories.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// How many times to repeat each measurement (the best run is reported).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Measure reading only.
    #[arg(long)]
    pub read_only: bool,
}

fn input_bytes(inputs: &[String]) -> u64 {
    let (sources, _) = newsdesk_read::expand_inputs(inputs);
    sources.iter().filter_map(|s| std::fs::metadata(&s.name).ok()).map(|m| m.len()).sum()
}

fn best<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    (best, last.expect("at least one run"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = ReadOptions::default();
    let bytes = input_bytes(&args.inputs) as f64;
    let mb = bytes / 1e6;
    let (t_read, (n, rejects)) = best(args.repeat, || {
        let mut n = 0u64;
        let mut rej = 0u64;
        for r in read_inputs(&args.inputs, &opts) {
            match r {
                Ok(_) => n += 1,
                Err(_) => rej += 1,
            }
        }
        (n, rej)
    });
    println!("input: {} ({:.1} MB on disk), {n} articles, {rejects} rejected", args.inputs.join(" "), mb);
    println!("read only            {:>9.0} articles/s {:>8.1} MB/s  ({t_read:.3} s)", n as f64 / t_read, mb / t_read);

    if args.read_only {
        return Ok(ExitCode::SUCCESS);
    }
    let articles: Vec<Article> = read_inputs(&args.inputs, &opts).filter_map(Result::ok).collect();
    let text_mb = articles.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
    let (t1, _) =
        best(args.repeat, || articles.iter().map(|a| newsdesk_nlp::analyze(a).sentences.len()).sum::<usize>());
    println!("analyze, 1 thread    {:>9.0} articles/s {:>8.1} MB/s of text  ({t1:.3} s)", n as f64 / t1, text_mb / t1);
    let threads = rayon::current_num_threads();
    let (tp, _) =
        best(args.repeat, || articles.par_iter().map(|a| newsdesk_nlp::analyze(a).sentences.len()).sum::<usize>());
    println!(
        "analyze, {threads} threads   {:>9.0} articles/s {:>8.1} MB/s of text  ({tp:.3} s)",
        n as f64 / tp,
        text_mb / tp
    );
    let (te, _) = best(args.repeat, || {
        let mut sink = std::io::sink();
        read_inputs(&args.inputs, &opts)
            .filter_map(Result::ok)
            .collect::<Vec<_>>()
            .par_iter()
            .map(newsdesk_nlp::analyze)
            .collect::<Vec<_>>()
            .iter()
            .map(|a| serde_json::to_writer(&mut sink, a).is_ok() as usize)
            .sum::<usize>()
    });
    println!(
        "read+analyze+JSON    {:>9.0} articles/s {:>8.1} MB/s  ({te:.3} s, {threads} threads)",
        n as f64 / te,
        mb / te
    );
    Ok(ExitCode::SUCCESS)
}
