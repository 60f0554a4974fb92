//! Readers: every supported input format in, [`Article`]s and [`Reject`]s out.
//!
//! [`read_inputs`] takes the paths a user names (files, directories read
//! recursively, `-` for stdin), detects each file's format by extension and by
//! sniffing its content, decompresses gzip and zstd transparently (by magic
//! bytes, not by name), and yields one `Result<Article, Reject>` per record in
//! input order. A bad record becomes a [`Reject`] naming the file, line and
//! record and saying what was wrong; the records around it are still read.
//! Memory stays flat: line-oriented inputs are read one bounded record at a
//! time, and a record over [`ReadOptions::max_record_bytes`] is skipped
//! without being buffered.
//!
//! Formats:
//! - `txt`: one article per file; line 1 title, line 2 date (`YYYYMMDD`,
//!   `YYYY-MM-DD` or RFC 3339), line 3 URL, then one paragraph per line.
//! - `jsonl`: one JSON object per line, with the field names of news-please,
//!   Hugging Face cc_news and similar exports (see [`fields`]).
//! - `json`: a JSON document holding one object, an array of objects, or
//!   several concatenated objects (news-please writes one pretty-printed
//!   object per file).

pub mod fields;
mod input;
mod json;
mod reject;
mod txt;

pub use input::{expand_inputs, Format, Source};
pub use reject::Reject;

use newsdesk_core::Article;
use std::collections::VecDeque;

/// How to read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest record (a JSON line, a txt file, a JSON document) accepted, in
    /// bytes; larger ones are rejected without being held in memory.
    pub max_record_bytes: usize,
    /// Use this format for every input instead of detecting it.
    pub format: Option<Format>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_record_bytes: 16 << 20, format: None }
    }
}

/// One item of a read: an article, or a record that could not be read.
pub type Record = Result<Article, Reject>;

/// The records of all inputs, in order. See [`read_inputs`].
pub struct Records {
    sources: VecDeque<Source>,
    current: Option<Box<dyn Iterator<Item = Record> + Send>>,
    opts: ReadOptions,
    skipped: Vec<(String, String)>,
}

/// Reads every record of `inputs` (paths, directories, or `-` for stdin).
///
/// Directories are walked recursively in name order; inside them only files
/// with a known extension are read (`.txt`, `.jsonl`, `.ndjson`, `.json`,
/// each optionally followed by `.gz`, `.zst` or `.zstd`); the others are
/// listed by [`Records::skipped`]. Files named explicitly are always read.
pub fn read_inputs<S: AsRef<str>>(inputs: &[S], opts: &ReadOptions) -> Records {
    let (sources, skipped) = expand_inputs(inputs);
    Records { sources: sources.into(), current: None, opts: opts.clone(), skipped }
}

impl Records {
    /// Files found in directories but not read (path, reason), so a caller can
    /// say what it passed over. Complete once the walk is done (at creation).
    pub fn skipped(&self) -> &[(String, String)] {
        &self.skipped
    }
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(cur) = self.current.as_mut() {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let source = self.sources.pop_front()?;
            match input::open_source(&source, &self.opts) {
                Ok(iter) => self.current = Some(iter),
                Err(reject) => return Some(Err(reject)),
            }
        }
    }
}

/// Reads records from an in-memory buffer as if it were a file named `name`
/// (format detected from the name and content). Used by tests and fuzzing.
pub fn read_bytes(name: &str, bytes: Vec<u8>, opts: &ReadOptions) -> Vec<Record> {
    let source = Source::memory(name, bytes);
    match input::open_source(&source, opts) {
        Ok(iter) => iter.collect(),
        Err(r) => vec![Err(r)],
    }
}
