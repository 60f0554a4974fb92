//! `newsdesk demo`: ingest the sample corpus into a store (temporary unless
//! `--db` is given) and serve it.

use super::ingest::{ingest, open_store};
use super::pipeline::InputArgs;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// The sample corpus, relative to the repository root.
pub const SAMPLE: &str = "../shared/data/sample/wikinews_2019_2020.jsonl";

#[derive(clap::Args)]
pub struct Args {
    /// Keep the store in DIR (default: a temporary directory removed on exit).
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,
    /// What to ingest (default: the 293-article Wikinews sample).
    #[arg(long, value_name = "INPUT", default_value = SAMPLE)]
    pub input: Vec<String>,
    /// Ingest only; do not serve.
    #[arg(long)]
    pub no_serve: bool,
    /// Less output.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    for i in &args.input {
        if i != "-" && !std::path::Path::new(i).exists() {
            anyhow::bail!(
                "{i} not found: run the demo from the repository root, with the shared data beside it \
                 (../shared/data), or pass --input FILE"
            );
        }
    }
    let (dir, _temp) = match &args.db {
        Some(d) => (d.clone(), None),
        None => {
            let t = tempfile::Builder::new().prefix("newsdesk-demo-").tempdir()?;
            (t.path().to_path_buf(), Some(t))
        }
    };
    let store = open_store(&dir)?;
    let input = InputArgs {
        inputs: args.input.clone(),
        format: None,
        max_record_size: 16 << 20,
        rejects: None,
        strict: false,
        quiet: args.quiet,
    };
    let summary = ingest(&store, &input, 256)?;
    if !args.quiet {
        summary.print(&dir);
    }
    if args.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    let hong_kong = store
        .stories(1000)?
        .into_iter()
        .filter(|s| s.label.to_lowercase().contains("hong kong"))
        .max_by_key(|s| s.size);
    let store = Arc::new(store);
    super::serve::serve(store, args.addr, 10, |url| {
        eprintln!("newsdesk: open {url} in a browser: search, read, follow people and stories");
        if let Some(s) = hong_kong {
            eprintln!("newsdesk: the 2019 Hong Kong protests, with their timeline: {url}#/story/{}", s.id);
        }
    })?;
    Ok(ExitCode::SUCCESS)
}
