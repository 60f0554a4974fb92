//! The shared read → analyse pipeline: a reader thread feeds batches through a
//! bounded channel, each batch is analysed in parallel (rayon), and results
//! come back in input order. Memory is bounded by the channel depth times the
//! batch size, however large the input.

use newsdesk_core::{Analysis, Article};
use newsdesk_read::{read_inputs, ReadOptions, Record, Reject};
use rayon::prelude::*;
use std::io::Write;
use std::process::ExitCode;

/// Options every reading subcommand shares.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Input files or directories (read recursively); `-` reads stdin.
    /// Plain or gzip/zstd compressed; the format is detected.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Force the input format instead of detecting it: txt, jsonl or json.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<newsdesk_read::Format>,
    /// Largest record accepted, in bytes; larger ones are rejected.
    #[arg(long, default_value_t = ReadOptions::default().max_record_bytes, value_name = "BYTES")]
    pub max_record_size: usize,
    /// Write every rejected record, with its reason, as JSON Lines to FILE.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<std::path::PathBuf>,
    /// Stop at the first bad record.
    #[arg(long)]
    pub strict: bool,
    /// Do not print rejects or the summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

impl InputArgs {
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions { max_record_bytes: self.max_record_size, format: self.format }
    }

    /// Default options for these inputs (for commands that take one file).
    pub fn paths(inputs: &[String]) -> InputArgs {
        InputArgs {
            inputs: inputs.to_vec(),
            format: None,
            max_record_size: ReadOptions::default().max_record_bytes,
            rejects: None,
            strict: false,
            quiet: false,
        }
    }
}

/// The per-record bookkeeping of a reading subcommand: counts articles and
/// rejects, and reports rejected records the way every one of them does: on
/// stderr as `reject: file:line (record N): reason` (unless `--quiet`) and,
/// with `--rejects FILE`, as JSON Lines with the raw record.
pub struct RunLog {
    out: Option<std::io::BufWriter<std::fs::File>>,
    quiet: bool,
    strict: bool,
    tally: Tally,
}

impl RunLog {
    pub fn new(args: &InputArgs) -> anyhow::Result<RunLog> {
        let out = match &args.rejects {
            Some(p) => Some(std::io::BufWriter::new(
                std::fs::File::create(p)
                    .map_err(|e| anyhow::anyhow!("cannot create rejects file {}: {e}", p.display()))?,
            )),
            None => None,
        };
        Ok(RunLog { out, quiet: args.quiet, strict: args.strict, tally: Tally::default() })
    }

    /// Counts one article read.
    pub fn accepted(&mut self) {
        self.tally.articles += 1;
    }

    /// The run stops before its input ends (the reader of its output left).
    pub fn stopped_early(&mut self) {
        self.tally.stopped_early = true;
    }

    /// Counts and reports one reject; true when the run must stop here
    /// (`--strict`).
    pub fn reject(&mut self, r: &Reject) -> anyhow::Result<bool> {
        self.tally.rejected += 1;
        if !self.quiet {
            eprintln!("newsdesk: reject: {r}");
        }
        if let Some(out) = self.out.as_mut() {
            serde_json::to_writer(&mut *out, r)?;
            out.write_all(b"\n")?;
        }
        if self.strict {
            eprintln!("newsdesk: stopping at the first bad record (--strict)");
            self.tally.stopped_early = true;
        }
        Ok(self.strict)
    }

    /// Flushes the rejects file, prints the summary line; the counts.
    pub fn finish(self) -> anyhow::Result<Tally> {
        if let Some(mut out) = self.out {
            out.flush()?;
        }
        self.tally.print(self.quiet);
        Ok(self.tally)
    }
}

/// Counts of one run, for the summary and the exit status.
#[derive(Debug, Default)]
pub struct Tally {
    pub articles: u64,
    pub rejected: u64,
    pub stopped_early: bool,
}

impl Tally {
    /// Prints the one-line summary of a run on stderr.
    pub fn print(&self, quiet: bool) {
        if !quiet {
            eprintln!(
                "newsdesk: {} article{} read, {} rejected{}",
                self.articles,
                if self.articles == 1 { "" } else { "s" },
                self.rejected,
                if self.stopped_early { " (stopped early)" } else { "" }
            );
        }
    }

    /// 0 all good; 3 some records rejected; 1 nothing could be processed.
    pub fn exit_code(&self) -> ExitCode {
        if self.articles == 0 {
            ExitCode::from(super::EXIT_NOTHING_PROCESSED)
        } else if self.rejected > 0 {
            ExitCode::from(super::EXIT_SOME_REJECTED)
        } else {
            ExitCode::SUCCESS
        }
    }
}

const BATCH: usize = 64;

/// Reads all inputs, analyses articles in parallel, and hands each result to
/// `sink` in input order (rejects are reported as configured). `analyze`
/// maps an article to what the sink consumes.
pub fn run<T: Send, F, S>(args: &InputArgs, analyze: F, mut sink: S) -> anyhow::Result<Tally>
where
    F: Fn(&Article) -> T + Sync,
    S: FnMut(T) -> std::io::Result<()>,
{
    let mut log = RunLog::new(args)?;
    let records = read_inputs(&args.inputs, &args.read_options());
    if !args.quiet {
        for (path, why) in records.skipped() {
            eprintln!("newsdesk: skipped {path}: {why}");
        }
    }
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Record>>(4);
    let reader = std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for rec in records {
            batch.push(rec);
            if batch.len() == BATCH && tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
                return;
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
    });
    'outer: for batch in rx.iter() {
        // Under --strict, nothing after the first reject is analysed.
        let cut = if args.strict {
            batch.iter().position(Result::is_err).map_or(batch.len(), |i| i + 1)
        } else {
            batch.len()
        };
        let results: Vec<Result<T, &Reject>> = batch[..cut]
            .par_iter()
            .map(|rec| match rec {
                Ok(a) => Ok(analyze(a)),
                Err(r) => Err(r),
            })
            .collect();
        for res in results {
            match res {
                Ok(item) => {
                    log.accepted();
                    if let Err(e) = sink(item) {
                        if e.kind() == std::io::ErrorKind::BrokenPipe {
                            log.stopped_early();
                            break 'outer;
                        }
                        return Err(e.into());
                    }
                }
                Err(r) => {
                    if log.reject(r)? {
                        break 'outer;
                    }
                }
            }
        }
    }
    drop(rx);
    let _ = reader.join();
    log.finish()
}

/// The analysis every subcommand uses.
pub fn analyze(article: &Article) -> Analysis {
    newsdesk_nlp::analyze(article)
}
