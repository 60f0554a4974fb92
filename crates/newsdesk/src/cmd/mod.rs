pub mod analyze;
pub mod bench;
pub mod bench_dedup;
pub mod bench_stories;
pub mod corpus_io;
pub mod dedup;
pub mod eval_dedup;
pub mod eval_stories;
pub mod pipeline;
pub mod pretty;
pub mod stories;
pub mod synth_dups;

/// Exit status: some records were rejected (the rest were processed).
pub const EXIT_SOME_REJECTED: u8 = 3;
/// Exit status: nothing could be processed.
pub const EXIT_NOTHING_PROCESSED: u8 = 1;
