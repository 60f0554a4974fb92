//! `newsdesk timeml IN_DIR OUT_DIR`: tags TimeML documents with our time
//! expressions, for comparison with other taggers on TempEval-3.

use anyhow::Context;
use newsdesk_nlp::time::timeml;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of TimeML (.tml) documents (searched recursively).
    pub in_dir: PathBuf,
    /// Directory to write the tagged documents to (same relative file names).
    pub out_dir: PathBuf,
}

/// Every `.tml` file under `dir`, sorted, as paths relative to `dir`.
pub fn tml_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
        for e in std::fs::read_dir(dir).with_context(|| format!("reading directory {}", dir.display()))? {
            let p = e?.path();
            if p.is_dir() {
                walk(root, &p, out)?;
            } else if p.extension().is_some_and(|x| x == "tml") {
                out.push(p.strip_prefix(root).unwrap_or(&p).to_path_buf());
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = tml_files(&args.in_dir)?;
    if files.is_empty() {
        anyhow::bail!("no .tml files under {}", args.in_dir.display());
    }
    let mut failed = 0;
    for rel in &files {
        let src_path = args.in_dir.join(rel);
        let src = std::fs::read_to_string(&src_path).with_context(|| format!("reading {}", src_path.display()))?;
        let doc = match timeml::parse(&src) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("newsdesk: {}: {e}; skipped", src_path.display());
                failed += 1;
                continue;
            }
        };
        let out = timeml::write(&doc, &timeml::tag(&doc));
        let dst = args.out_dir.join(rel);
        if let Some(parent) = dst.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&dst, out).with_context(|| format!("writing {}", dst.display()))?;
    }
    eprintln!("newsdesk: tagged {} of {} documents into {}", files.len() - failed, files.len(), args.out_dir.display());
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(super::EXIT_SOME_REJECTED) })
}
