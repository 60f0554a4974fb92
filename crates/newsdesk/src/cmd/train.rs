//! `newsdesk train ...`: training our models. A subcommand group so other
//! models can be added beside `ner`.

use anyhow::Context;
use newsdesk_nlp::ner::{clusters, conll, train as ner_train};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub model: Model,
}

#[derive(clap::Subcommand)]
pub enum Model {
    /// Train the named entity tagger from CoNLL-2003 files.
    Ner(NerArgs),
    /// Induce the word classes the tagger uses from unlabeled text.
    Clusters(ClusterArgs),
}

#[derive(clap::Args)]
pub struct NerArgs {
    /// Training file (CoNLL-2003: word first column, tag last column).
    #[arg(long)]
    pub conll: PathBuf,
    /// Development file: used to pick the epoch.
    #[arg(long)]
    pub dev: PathBuf,
    /// Word-class table written by `newsdesk train clusters`.
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Output model file.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// log2 of the number of hashed feature rows.
    #[arg(long, default_value_t = 20)]
    pub bits: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Perceptrons trained with seeds seed, seed+1, ... and averaged.
    #[arg(long, default_value_t = 1)]
    pub runs: usize,
}

#[derive(clap::Args)]
pub struct ClusterArgs {
    /// JSON-lines files with a `text` field (one article per line).
    #[arg(long, num_args = 1..)]
    pub corpus: Vec<PathBuf>,
    /// CoNLL files whose words are added to the unlabeled text.
    #[arg(long)]
    pub conll: Vec<PathBuf>,
    /// Output class table.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.model {
        Model::Ner(a) => run_ner(a),
        Model::Clusters(a) => run_clusters(a),
    }
}

fn read(p: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))
}

fn run_ner(a: NerArgs) -> anyhow::Result<ExitCode> {
    let train = conll::parse(&read(&a.conll)?);
    let dev = conll::parse(&read(&a.dev)?);
    let classes = match &a.clusters {
        Some(p) => clusters::read_table(&read(p)?),
        None => Default::default(),
    };
    eprintln!("training on {} documents, dev {} documents, {} word classes", train.len(), dev.len(), classes.len());
    let cfg = ner_train::TrainConfig { bits: a.bits, epochs: a.epochs, seed: a.seed, runs: a.runs };
    let (model, score) = ner_train::train(&cfg, &train, &dev, classes, |l| eprintln!("{l}"));
    let bytes = model.to_bytes();
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    eprint!("{}", score.report());
    eprintln!("wrote {} ({} bytes)", a.out.display(), bytes.len());
    Ok(ExitCode::SUCCESS)
}

fn run_clusters(a: ClusterArgs) -> anyhow::Result<ExitCode> {
    let mut b = clusters::ClusterBuilder::new();
    for p in &a.conll {
        for doc in conll::parse(&read(p)?) {
            for s in &doc.sentences {
                let words: Vec<&str> = s.iter().map(|t| t.word()).collect();
                b.add_sentence(&words);
            }
        }
    }
    for p in &a.corpus {
        let text = read(p)?;
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(t) = v.get("text").and_then(|t| t.as_str()) else {
                continue;
            };
            let doc = newsdesk_nlp::Doc::from_text(t);
            for s in &doc.sentences {
                let words: Vec<&str> = s.tokens.clone().map(|i| doc.token_text(i)).collect();
                b.add_sentence(&words);
            }
        }
    }
    eprintln!("{} tokens read", b.tokens());
    let cfg = clusters::ClusterConfig { seed: a.seed, ..Default::default() };
    let table = b.finish(&cfg, |l| eprintln!("{l}"));
    std::fs::write(&a.out, clusters::write_table(&table)).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!("wrote {} ({} words)", a.out.display(), table.len());
    Ok(ExitCode::SUCCESS)
}
