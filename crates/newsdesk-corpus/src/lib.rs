//! Cross-article stages of newsdesk: near-duplicate groups, online story
//! clustering, story timelines.
//!
//! Everything here is a pure streaming state machine: no I/O, no clock.
//! Feed articles (or analyses) in publication order:
//!
//! - [`Deduper`] ([`dedup`]): MinHash (one-permutation, character shingles of
//!   normalised paragraphs) + LSH banding + verification of every candidate
//!   on estimated resemblance and containment; boilerplate paragraphs that
//!   recur across a source are left out of signatures. Serialisable state,
//!   so later batches are deduplicated against everything seen before.
//! - [`StoryClusterer`] ([`stories`]): online story clustering (TF-IDF with
//!   streaming document frequencies, name and event-date features, time
//!   decay), story summaries with a dated timeline and key quotes.
//! - [`synth`]: synthetic syndication sets (copies with shuffled paragraphs,
//!   glued and repeated words, typos, dropped paragraphs, credit lines).
//! - [`eval`]: B-cubed and pairwise scores of clusterings and of duplicate
//!   detection.

pub mod dates;
pub mod dedup;
pub mod eval;
pub mod minhash;
pub mod shingle;
pub mod stories;
pub mod synth;

pub use dedup::{DedupConfig, Deduper, DupAssignment};
pub use minhash::Signature;
pub use stories::{StoryClusterer, StoryConfig, StorySummary};
