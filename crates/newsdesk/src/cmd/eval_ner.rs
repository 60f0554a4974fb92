//! `newsdesk eval-ner FILE`: entity-level precision, recall and F1 the
//! conlleval way, from a CoNLL file with the gold tag in one column (the 4th
//! by default) and the prediction in the last.

use anyhow::Context;
use newsdesk_nlp::ner::conll::Score;
use std::io::Read;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL file with gold and predicted tags; `-` for stdin.
    pub input: String,
    /// 1-based column of the gold tag.
    #[arg(long, default_value_t = 4)]
    pub gold_column: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = if args.input == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("reading stdin")?;
        s
    } else {
        std::fs::read_to_string(&args.input).with_context(|| format!("reading {}", args.input))?
    };
    let score = Score::from_conll(&text, args.gold_column.max(1) as isize - 1);
    print!("{}", score.report());
    Ok(ExitCode::SUCCESS)
}
