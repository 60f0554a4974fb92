pub mod analyze;
pub mod bench;
pub mod corpus_stage;
pub mod demo;
pub mod ingest;
pub mod pipeline;
pub mod pretty;
pub mod search;
pub mod serve;

/// Exit status: some records were rejected (the rest were processed).
pub const EXIT_SOME_REJECTED: u8 = 3;
/// Exit status: nothing could be processed.
pub const EXIT_NOTHING_PROCESSED: u8 = 1;
