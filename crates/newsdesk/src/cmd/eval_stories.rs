//! `newsdesk eval-stories`: B-cubed and pairwise P/R/F1 of a story
//! clustering against gold labels.

use super::corpus_io;
use newsdesk_corpus::eval::score_clustering;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Gold JSONL with `{id, story}` (e.g. ../shared/data/stories/gva_dev.jsonl).
    #[arg(long)]
    pub gold: String,
    /// System JSONL with `{id, story}` (`newsdesk stories` output); a missing
    /// id or a null story is a singleton.
    #[arg(long)]
    pub system: String,
    /// The key holding the system's cluster label.
    #[arg(long, default_value = "story")]
    pub key: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold: Vec<(String, String)> = corpus_io::read_labels(&args.gold, "story")?
        .into_iter()
        .map(|(id, s)| {
            let s = s.unwrap_or_else(|| format!("\u{0}{id}"));
            (id, s)
        })
        .collect();
    let sys = corpus_io::read_labels(&args.system, &args.key)?;
    let r = score_clustering(&gold, &sys);
    println!("{}", serde_json::to_string(&r)?);
    eprintln!(
        "eval-stories: {} articles, {} gold / {} system clusters; B-cubed P {:.4} R {:.4} F1 {:.4}; pairwise P {:.4} R {:.4} F1 {:.4}",
        r.items,
        r.gold_clusters,
        r.system_clusters,
        r.bcubed.precision,
        r.bcubed.recall,
        r.bcubed.f1,
        r.pairwise.precision,
        r.pairwise.recall,
        r.pairwise.f1
    );
    Ok(ExitCode::SUCCESS)
}
