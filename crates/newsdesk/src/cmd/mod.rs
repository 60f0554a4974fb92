pub mod analyze;
pub mod bench;
pub mod pipeline;
pub mod pretty;

/// Exit status: some records were rejected (the rest were processed).
pub const EXIT_SOME_REJECTED: u8 = 3;
/// Exit status: nothing could be processed.
pub const EXIT_NOTHING_PROCESSED: u8 = 1;
