//! `newsdesk dedup`: near-duplicate groups of articles.
//!
//! Writes one JSON object per article, `{id, group, canonical, similarity,
//! containment}`, in input order (after processing every article in
//! publication order, so `canonical` is final), and a summary on stderr.

use super::corpus_io;
use super::pipeline::InputArgs;
use newsdesk_corpus::{DedupConfig, Deduper};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Articles in any readable format, or analyses (`newsdesk analyze` output).
    #[command(flatten)]
    pub input: InputArgs,
    /// Minimum estimated Jaccard resemblance of two articles' shingle sets.
    #[arg(long, default_value_t = DedupConfig::default().threshold)]
    pub threshold: f32,
    /// Minimum estimated containment of the shorter article in the longer.
    #[arg(long, default_value_t = DedupConfig::default().containment)]
    pub containment: f32,
    /// LSH bands of 3 positions (more bands: more candidates, more work).
    #[arg(long, default_value_t = DedupConfig::default().bands)]
    pub bands: usize,
    /// Load the deduplicator state from this file first (if it exists) and
    /// save it there afterwards: new batches are deduplicated against
    /// everything seen before.
    #[arg(long)]
    pub state: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (mut items, tally) = corpus_io::read_items(&args.input)?;
    let mut dd = match &args.state {
        Some(p) if std::path::Path::new(p).exists() => {
            let f = std::io::BufReader::new(std::fs::File::open(p)?);
            let d: Deduper =
                serde_json::from_reader(f).map_err(|e| anyhow::anyhow!("{p}: not a dedup state file: {e}"))?;
            d
        }
        _ => Deduper::new(DedupConfig {
            threshold: args.threshold,
            containment: args.containment,
            bands: args.bands,
            ..DedupConfig::default()
        }),
    };
    let before = dd.len();
    let order: Vec<String> = items.iter().map(|i| i.article().id.clone()).collect();
    corpus_io::sort_by_published(&mut items);
    let t = Instant::now();
    for it in &items {
        dd.add(it.article());
    }
    let secs = t.elapsed().as_secs_f64();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut in_groups = 0;
    for id in &order {
        if let Some(a) = dd.assignment(id) {
            if a.group != *id || !a.canonical {
                in_groups += 1;
            }
            let rec = serde_json::json!({
                "id": id, "group": a.group, "canonical": a.canonical,
                "similarity": (a.similarity * 1000.0).round() / 1000.0,
                "containment": (a.containment * 1000.0).round() / 1000.0,
            });
            serde_json::to_writer(&mut w, &rec)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;
    if let Some(p) = &args.state {
        let f = std::io::BufWriter::new(std::fs::File::create(p)?);
        serde_json::to_writer(f, &dd)?;
    }
    let groups_multi = {
        let mut m = std::collections::HashMap::<String, usize>::new();
        for (_, a) in dd.assignments() {
            *m.entry(a.group).or_default() += 1;
        }
        m.values().filter(|&&n| n > 1).count()
    };
    eprintln!(
        "dedup: {} articles ({} from state), {} groups, {} groups with copies, {} non-canonical or moved articles in this batch; {:.0} articles/s",
        dd.len(),
        before,
        dd.group_count(),
        groups_multi,
        in_groups,
        items.len() as f64 / secs.max(1e-9)
    );
    // (The read summary, with the rejected records, was printed by `read_items`.)
    Ok(tally.exit_code())
}
