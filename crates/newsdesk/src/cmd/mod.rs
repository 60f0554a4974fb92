pub mod analyze;
pub mod bench;
pub mod bench_ner;
pub mod conll;
pub mod eval_ner;
pub mod train;

/// Exit status: some records were rejected (the rest were processed).
pub const EXIT_SOME_REJECTED: u8 = 3;
/// Exit status: nothing could be processed.
pub const EXIT_NOTHING_PROCESSED: u8 = 1;
