//! `newsdesk bench-times [--dir DIR]`: throughput of time expression
//! recognition + normalisation. Texts are tokenized first; only
//! `extract_times` is timed.

use newsdesk_nlp::time::timeml;
use newsdesk_nlp::Doc;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of TimeML (.tml) documents whose texts are the workload.
    #[arg(long, default_value = "../shared/data/timeml/train")]
    pub dir: PathBuf,
    /// Minimum seconds to run.
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = super::timeml::tml_files(&args.dir)?;
    let mut docs = Vec::new();
    for rel in &files {
        let src = std::fs::read_to_string(args.dir.join(rel))?;
        if let Ok(d) = timeml::parse(&src) {
            docs.push(d);
        }
    }
    if docs.is_empty() {
        anyhow::bail!("no TimeML documents under {}", args.dir.display());
    }
    let parsed: Vec<(Doc, Option<chrono::NaiveDate>)> = docs.iter().map(|d| (Doc::from_text(&d.text), d.dct)).collect();
    let tokens: usize = parsed.iter().map(|(d, _)| d.tokens.len()).sum();
    let mut found = 0usize;
    let mut reps = 0usize;
    let t0 = Instant::now();
    while t0.elapsed().as_secs_f64() < args.seconds || reps == 0 {
        for (d, dct) in &parsed {
            found += std::hint::black_box(newsdesk_nlp::extract_times(d, *dct)).len();
        }
        reps += 1;
    }
    let secs = t0.elapsed().as_secs_f64();
    let per_sec = (tokens * reps) as f64 / secs;
    println!(
        "documents {} tokens {} repetitions {} seconds {:.3} timexes/rep {} tokens/s {:.0}",
        parsed.len(),
        tokens,
        reps,
        secs,
        found / reps,
        per_sec
    );
    Ok(ExitCode::SUCCESS)
}
