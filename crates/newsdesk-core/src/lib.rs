//! The newsdesk data model.
//!
//! Everything that crosses a crate boundary lives here: the [`Article`] a
//! reader produces, the [`Analysis`] the per-article pipeline produces, and
//! the pieces of an analysis ([`Entity`], [`Quote`], [`Timex`]).
//!
//! Offsets in every public type are **Unicode code point offsets** into
//! [`Article::text`] exactly as it was read (what Python and most JSON
//! consumers index by). Code that works on UTF-8 byte offsets converts with
//! [`OffsetMap`] at the edge.
//!
//! This crate does no I/O.

mod analysis;
mod article;
mod offsets;
pub mod timeline;
mod url;

pub use analysis::*;
pub use article::*;
pub use offsets::OffsetMap;
pub use url::{host_of, is_absolute_url, normalize_url};

/// Version of the JSON object written by `newsdesk analyze` (see docs/schema.md).
pub const SCHEMA_VERSION: u32 = 1;

/// A stable 64-bit hash (xxh3) rendered as 16 lowercase hex digits.
///
/// Stable across platforms and releases: it is part of article ids.
pub fn stable_hash_hex(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}
