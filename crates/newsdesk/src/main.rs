//! The `newsdesk` command line. Each subcommand lives in its own module under
//! `cmd/`; this file only declares them and maps errors to exit codes.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// newsdesk: turns news articles into a navigable record of who said what, and when.
#[derive(Parser)]
#[command(name = "newsdesk", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and write one analysed-article JSON object per line.
    Analyze(cmd::analyze::Args),
    /// Measure throughput of reading and analysis on a file.
    Bench(cmd::bench::Args),
    /// Group near-duplicate articles (syndicated copies); JSONL per article.
    Dedup(cmd::dedup::Args),
    /// Write a synthetic syndication set (copies with `~dupN` ids) for dedup tests.
    SynthDups(cmd::synth_dups::Args),
    /// Score `newsdesk dedup` output on a synthetic syndication set.
    EvalDedup(cmd::eval_dedup::Args),
    /// Score a story clustering (B-cubed and pairwise) against gold labels.
    EvalStories(cmd::eval_stories::Args),
    /// Measure near-duplicate detection throughput on a file.
    BenchDedup(cmd::bench_dedup::Args),
    /// Cluster articles into stories in publication order; JSONL per article.
    Stories(cmd::stories::Args),
    /// Measure story clustering throughput on a file.
    BenchStories(cmd::bench_stories::Args),
    /// Tag TimeML documents (IN_DIR) with our TIMEX3s into OUT_DIR.
    Timeml(cmd::timeml::Args),
    /// Score TimeML TIMEX3 annotation against gold (TempEval-3 measures).
    EvalTimeml(cmd::eval_timeml::Args),
    /// Measure time expression recognition + normalisation throughput.
    BenchTimes(cmd::bench_times::Args),
    /// Train a model (`newsdesk train ner ...`, `newsdesk train clusters ...`).
    Train(cmd::train::Args),
    /// Tag a CoNLL-2003 file, appending the predicted tag to each token line.
    Conll(cmd::conll::Args),
    /// Score a CoNLL file: gold tag in a column, prediction in the last.
    EvalNer(cmd::eval_ner::Args),
    /// Measure NER tagging speed on a CoNLL file.
    BenchNer(cmd::bench_ner::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Dedup(args) => cmd::dedup::run(args),
        Command::SynthDups(args) => cmd::synth_dups::run(args),
        Command::EvalDedup(args) => cmd::eval_dedup::run(args),
        Command::EvalStories(args) => cmd::eval_stories::run(args),
        Command::BenchDedup(args) => cmd::bench_dedup::run(args),
        Command::Stories(args) => cmd::stories::run(args),
        Command::BenchStories(args) => cmd::bench_stories::run(args),
        Command::Timeml(args) => cmd::timeml::run(args),
        Command::EvalTimeml(args) => cmd::eval_timeml::run(args),
        Command::BenchTimes(args) => cmd::bench_times::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Conll(args) => cmd::conll::run(args),
        Command::EvalNer(args) => cmd::eval_ner::run(args),
        Command::BenchNer(args) => cmd::bench_ner::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsdesk: error: {e:#}");
            ExitCode::from(cmd::EXIT_NOTHING_PROCESSED)
        }
    }
}
