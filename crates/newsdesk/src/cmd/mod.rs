pub mod analyze;
pub mod bench;
pub mod bench_dedup;
pub mod bench_ner;
pub mod bench_quotes;
pub mod bench_search;
pub mod bench_stories;
pub mod bench_times;
pub mod conll;
pub mod corpus_io;
pub mod corpus_stage;
pub mod dedup;
pub mod demo;
pub mod eval_dedup;
pub mod eval_ner;
pub mod eval_quotes;
pub mod eval_stories;
pub mod eval_timeml;
pub mod ingest;
pub mod measure;
pub mod pipeline;
pub mod pretty;
pub mod search;
pub mod serve;
pub mod stories;
pub mod synth_dups;
pub mod timeml;
pub mod train;

/// Exit status: some records were rejected (the rest were processed).
pub const EXIT_SOME_REJECTED: u8 = 3;
/// Exit status: nothing could be processed.
pub const EXIT_NOTHING_PROCESSED: u8 = 1;

/// Fails with a message saying how to create one when `db` holds no store
/// (reading commands must not create an empty store by accident).
pub fn require_store(db: &std::path::Path) -> anyhow::Result<()> {
    if !db.join("newsdesk.sqlite").exists() {
        anyhow::bail!("no store at {} (create one with `newsdesk ingest INPUT --db {}`)", db.display(), db.display());
    }
    Ok(())
}
