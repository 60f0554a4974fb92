//! `newsdesk eval-timeml --gold DIR --system DIR [--errors]`: TempEval-3
//! time expression measures (extent strict/relaxed P/R/F1, type and value
//! accuracy and F1 over relaxed matches).

use anyhow::Context;
use newsdesk_nlp::time::timeml::{self, Counts};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of gold TimeML documents.
    #[arg(long)]
    pub gold: PathBuf,
    /// Directory of system TimeML documents with the same relative file names.
    #[arg(long)]
    pub system: PathBuf,
    /// List every error (missed, spurious, extent, type, value).
    #[arg(long)]
    pub errors: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = super::timeml::tml_files(&args.gold)?;
    if files.is_empty() {
        anyhow::bail!("no .tml files under {}", args.gold.display());
    }
    let mut total = Counts::default();
    let mut missing = 0;
    for rel in &files {
        let gp = args.gold.join(rel);
        let sp = args.system.join(rel);
        let g = timeml::parse(&std::fs::read_to_string(&gp).with_context(|| format!("reading {}", gp.display()))?)
            .with_context(|| format!("parsing {}", gp.display()))?;
        let s = match std::fs::read_to_string(&sp) {
            Ok(s) => timeml::parse(&s).with_context(|| format!("parsing {}", sp.display()))?,
            Err(_) => {
                eprintln!("newsdesk: {} missing; scored as empty", sp.display());
                missing += 1;
                timeml::TimeMlDoc { timexes: Vec::new(), ..g.clone() }
            }
        };
        if s.text != g.text {
            anyhow::bail!("{}: the text differs from the gold text; cannot align", sp.display());
        }
        let mut errs = Vec::new();
        let c = timeml::score_doc(&g.text, &g.timexes, &s.timexes, &mut errs);
        if args.errors {
            for e in errs {
                let f = |x: Option<(String, String, String)>| {
                    x.map_or("-".to_string(), |(t, k, v)| format!("{t:?} {k} {v}"))
                };
                println!("{}\t{}\tgold: {}\tsystem: {}", rel.display(), e.what, f(e.gold), f(e.system));
            }
        }
        total.add(&c);
    }
    println!("documents {} (system missing {missing})", files.len());
    print!("{}", total.report());
    Ok(ExitCode::SUCCESS)
}
