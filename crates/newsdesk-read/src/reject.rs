use serde::Serialize;
use std::fmt;

/// A record that could not be read, with where it was and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reject {
    /// The file as named on the command line (or found in a directory); `-` for stdin.
    pub file: String,
    /// 1-based line where the record starts, for line-oriented inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based record number within the file, when records could be counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// What was wrong, in words a person can act on.
    pub reason: String,
    /// The record as read (lossily decoded, at most [`Reject::RAW_LIMIT`] bytes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// True when `raw` was cut to the limit.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub raw_truncated: bool,
}

impl Reject {
    /// How much of a rejected record is kept for `--rejects`.
    pub const RAW_LIMIT: usize = 64 << 10;

    pub fn new(file: &str, line: Option<u64>, record: Option<u64>, reason: impl Into<String>) -> Self {
        Reject { file: file.to_string(), line, record, reason: reason.into(), raw: None, raw_truncated: false }
    }

    /// Attaches (a bounded, lossily decoded copy of) the raw record.
    pub fn with_raw(mut self, raw: &[u8]) -> Self {
        let cut = raw.len().min(Self::RAW_LIMIT);
        self.raw = Some(String::from_utf8_lossy(&raw[..cut]).into_owned());
        self.raw_truncated = raw.len() > cut;
        self
    }
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(rec) = self.record {
            write!(f, " (record {rec})")?;
        }
        write!(f, ": {}", self.reason)
    }
}
