//! `newsdesk conll [FILE|-]`: tags a CoNLL-2003 file with the embedded model,
//! appending the predicted IOB2 tag to each token line.

use anyhow::Context;
use newsdesk_nlp::ner::{conll, NerModel, Workspace};
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL file; `-` or nothing for stdin.
    pub input: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = match args.input.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).context("reading stdin")?;
            s
        }
        Some(p) => std::fs::read_to_string(p).with_context(|| format!("reading {p}"))?,
    };
    let model = NerModel::embedded().context("the embedded NER model is missing or invalid")?;
    let mut ws = Workspace::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for doc in conll::parse(&text) {
        if let Some(d) = &doc.docstart {
            writeln!(out, "{d}")?;
            writeln!(out)?;
        }
        let (words, ranges) = doc.words();
        let tags = model.tag_document(&words, &ranges, &mut ws);
        for (s, r) in doc.sentences.iter().zip(&ranges) {
            for (t, tag) in s.iter().zip(&tags[r.clone()]) {
                writeln!(out, "{} {}", t.line, tag.as_str())?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
