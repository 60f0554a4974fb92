pub mod analyze;
pub mod bench;
pub mod bench_dedup;
pub mod bench_ner;
pub mod bench_stories;
pub mod bench_times;
pub mod conll;
pub mod corpus_io;
pub mod dedup;
pub mod eval_dedup;
pub mod eval_ner;
pub mod eval_stories;
pub mod eval_timeml;
pub mod pipeline;
pub mod pretty;
pub mod stories;
pub mod synth_dups;
pub mod timeml;
pub mod train;

/// Exit status: some records were rejected (the rest were processed).
pub const EXIT_SOME_REJECTED: u8 = 3;
/// Exit status: nothing could be processed.
pub const EXIT_NOTHING_PROCESSED: u8 = 1;
