//! `newsdesk bench-ner FILE`: tagging speed of the embedded model (features +
//! decoding) on a CoNLL file, in words per second on one core, and the
//! model load time.

use anyhow::Context;
use newsdesk_nlp::ner::{conll, NerModel, Workspace};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL file to tag (e.g. ../shared/data/conll2003/dev.txt).
    pub input: String,
    /// Minimum number of passes over the file.
    #[arg(long, default_value_t = 20)]
    pub passes: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.input).with_context(|| format!("reading {}", args.input))?;
    let t0 = Instant::now();
    let model = NerModel::from_bytes(newsdesk_nlp::ner::model::EMBEDDED).context("embedded model invalid")?;
    let load = t0.elapsed();
    let docs = conll::parse(&text);
    let inputs: Vec<_> = docs.iter().map(|d| d.words()).collect();
    let nwords: usize = inputs.iter().map(|(w, _)| w.len()).sum();
    let mut ws = Workspace::default();
    // Warm-up pass (gazetteer build, caches).
    let mut entities = 0usize;
    for (w, r) in &inputs {
        entities += model.tag_document(w, r, &mut ws).len();
    }
    let cpu0 = super::measure::thread_cpu_seconds();
    let t = Instant::now();
    let mut passes = 0;
    while passes < args.passes.max(1) {
        for (w, r) in &inputs {
            entities += model.tag_document(w, r, &mut ws).len();
        }
        passes += 1;
    }
    let el = t.elapsed().as_secs_f64();
    let cpu = super::measure::thread_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let words = (nwords * passes) as f64;
    println!("model load: {:.1} ms", load.as_secs_f64() * 1000.0);
    println!(
        "tagged {} words ({} passes over {} docs) in {:.3} s: {:.0} words/s on one thread (checksum {})",
        nwords * passes,
        passes,
        docs.len(),
        el,
        words / el,
        entities
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!(
            "CPU time of the tagging thread: {cpu:.2} s: {:.0} words per CPU-second (the per-core rate when the machine is shared)",
            words / cpu
        );
    }
    Ok(ExitCode::SUCCESS)
}
