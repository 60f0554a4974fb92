//! `newsdesk ingest`: read, analyse in parallel, write the store, run the
//! corpus stages, index.
//!
//! Stages:
//! 1. **stream** — the shared pipeline reads and analyses batches in
//!    parallel; a writer thread stores each batch of whole articles in one
//!    SQLite transaction (so a killed ingest leaves whole articles only, and
//!    a re-run skips what is already stored unchanged).
//! 2. **corpus** — [`super::corpus_stage`] walks the whole store in
//!    publication order and records near-duplicate groups and stories.
//! 3. **index** — the search index catches up with every article written or
//!    regrouped since its last commit, and commits.
//!
//! Each stage's time is reported at the end (and in docs/BENCHMARKS.md).

use super::pipeline::{self, InputArgs};
use anyhow::Context;
use newsdesk_store::{BatchOutcome, Prepared, Store};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// The store directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub db: PathBuf,
    /// Articles per SQLite transaction.
    #[arg(long, default_value_t = 256, value_name = "N")]
    pub batch_size: usize,
}

/// What an ingest did, for the summary and for callers (`demo`).
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub read: u64,
    pub rejected: u64,
    pub outcome: BatchOutcome,
    pub dup_groups: usize,
    pub stories: usize,
    pub regrouped: usize,
    pub indexed: usize,
    pub t_stream: Duration,
    pub t_write: Duration,
    pub t_corpus: Duration,
    pub t_cluster: Duration,
    pub t_record: Duration,
    pub t_index: Duration,
    pub t_total: Duration,
}

impl Summary {
    pub fn print(&self, db: &Path) {
        let secs = self.t_total.as_secs_f64().max(1e-9);
        eprintln!(
            "newsdesk: ingest into {}: {} read, {} rejected, {} new, {} updated, {} unchanged; \
             {} near-duplicate groups, {} stories",
            db.display(),
            self.read,
            self.rejected,
            self.outcome.new,
            self.outcome.updated,
            self.outcome.unchanged,
            self.dup_groups,
            self.stories
        );
        eprintln!(
            "newsdesk: {:.2} s, {:.0} articles/s end to end (read+analyse+write {:.2} s, of which writing {:.2} s \
             on its own thread; corpus stages {:.2} s: read+dedup+cluster {:.2} s, record {:.2} s; index {:.2} s for {} articles)",
            secs,
            self.read as f64 / secs,
            self.t_stream.as_secs_f64(),
            self.t_write.as_secs_f64(),
            self.t_corpus.as_secs_f64(),
            self.t_cluster.as_secs_f64(),
            self.t_record.as_secs_f64(),
            self.t_index.as_secs_f64(),
            self.indexed
        );
    }
}

fn progress_bar(input: &InputArgs) -> Option<indicatif::ProgressBar> {
    if input.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    // A quick first pass counts records so the bar can show an ETA.
    let total = newsdesk_read::read_inputs(&input.inputs, &input.read_options()).count() as u64;
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles  {per_sec}  ETA {eta}  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(5));
    Some(bar)
}

/// Runs the three stages into an open store.
pub fn ingest(store: &Store, input: &InputArgs, batch_size: usize) -> anyhow::Result<Summary> {
    store.lock_for_writing().context("cannot write the store")?;
    let t0 = Instant::now();
    let batch_size = batch_size.max(1);
    let bar = progress_bar(input);
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Prepared>>(2);
    let mut summary = Summary::default();
    let (tally, written) = std::thread::scope(|scope| -> anyhow::Result<_> {
        let writer = scope.spawn(move || -> anyhow::Result<(BatchOutcome, Duration)> {
            let mut total = BatchOutcome::default();
            let mut busy = Duration::ZERO;
            for batch in rx.iter() {
                let t = Instant::now();
                total += store.write_prepared(&batch)?;
                busy += t.elapsed();
            }
            Ok((total, busy))
        });
        let mut batch = Vec::with_capacity(batch_size);
        // Analysis, serialisation and hashing run in the parallel stage.
        let prepare = |a: &newsdesk_core::Article| Prepared::new(pipeline::analyze(a));
        let result = pipeline::run(input, prepare, |p| {
            let p = p.map_err(std::io::Error::other)?;
            batch.push(p);
            if let Some(b) = &bar {
                b.inc(1);
            }
            if batch.len() >= batch_size {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
                tx.send(full).map_err(|_| std::io::Error::other("the store writer stopped"))?;
            }
            Ok(())
        });
        if !batch.is_empty() {
            let _ = tx.send(std::mem::take(&mut batch));
        }
        drop(tx);
        let written = writer.join().map_err(|_| anyhow::anyhow!("the store writer panicked"))?;
        // A writer error explains a pipeline error ("writer stopped"): report it first.
        let written = written.context("writing the store")?;
        Ok((result?, written))
    })?;
    summary.t_stream = t0.elapsed();
    summary.read = tally.articles;
    summary.rejected = tally.rejected;
    summary.outcome = written.0;
    summary.t_write = written.1;
    if let Some(b) = &bar {
        b.set_message("corpus stages…");
    }
    let t = Instant::now();
    let corpus = super::corpus_stage::run(store).context("corpus stages")?;
    summary.t_corpus = t.elapsed();
    summary.dup_groups = corpus.dup_groups;
    summary.stories = corpus.stories;
    summary.regrouped = corpus.regrouped;
    summary.t_cluster = corpus.t_cluster;
    summary.t_record = corpus.t_record;
    if let Some(b) = &bar {
        b.set_message("indexing…");
    }
    let t = Instant::now();
    store.finish().context("finishing the store")?;
    summary.indexed = store.indexed_count()?;
    summary.t_index = t.elapsed();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    summary.t_total = t0.elapsed();
    Ok(summary)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = open_store(&args.db)?;
    let summary = ingest(&store, &args.input, args.batch_size)?;
    if !args.input.quiet {
        summary.print(&args.db);
    }
    let tally = pipeline::Tally { articles: summary.read, rejected: summary.rejected, stopped_early: false };
    Ok(tally.exit_code())
}

/// Opens (or creates) a store, saying what was repaired.
pub fn open_store(db: &Path) -> anyhow::Result<Store> {
    let (store, report) =
        Store::open_with_report(db).with_context(|| format!("cannot open the store at {}", db.display()))?;
    if report.rebuilt_index {
        if store.article_count()? > 0 {
            eprintln!("newsdesk: the search index was missing or outdated; rebuilt it from the records");
        }
    } else if report.reindexed > 0 {
        eprintln!("newsdesk: re-indexed {} articles an interrupted run had stored but not indexed", report.reindexed);
    }
    if report.repair_skipped_locked {
        eprintln!("newsdesk: note: another process is writing this store; search shows what it has committed");
    }
    Ok(store)
}
