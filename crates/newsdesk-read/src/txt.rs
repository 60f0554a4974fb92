//! The plain-text article format: one article per file.
//!
//! ```text
//! line 1   title
//! line 2   publication date: YYYYMMDD, YYYY-MM-DD or RFC 3339
//! line 3   absolute URL
//! line 4…  body, one paragraph per line
//! ```
//!
//! Tolerated: a UTF-8 BOM, CRLF line ends, trailing spaces, blank lines in
//! the body, no final newline. Rejected with a reason: a line 2 that is not a
//! real date, a line 3 that is not an absolute URL, no body, binary data,
//! invalid UTF-8, a file over the size limit.
//!
//! The article id is the file name without its extensions (the sample corpus
//! names each file after its article id); for stdin it is derived from the URL.
//! `text` is the body exactly as read: everything after line 3.

use crate::json::{describe_io_error, utf8_error_reason};
use crate::{Record, Reject};
use newsdesk_core::{is_absolute_url, Article, Provenance, Published};
use std::io::{BufRead, Read};
use std::path::Path;

pub struct TxtReader<R> {
    name: String,
    reader: Option<R>,
    limit: usize,
}

impl<R: BufRead> TxtReader<R> {
    pub fn new(name: String, reader: R, limit: usize) -> Self {
        TxtReader { name, reader: Some(reader), limit }
    }
}

impl<R: BufRead> Iterator for TxtReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let mut reader = self.reader.take()?;
        let mut bytes = Vec::new();
        if let Err(e) = (&mut reader).take(self.limit as u64 + 1).read_to_end(&mut bytes) {
            return Some(Err(Reject::new(&self.name, None, Some(1), describe_io_error(&e))));
        }
        if bytes.len() > self.limit {
            return Some(Err(Reject::new(
                &self.name,
                None,
                Some(1),
                format!("article file is over the limit of {} bytes (--max-record-size)", self.limit),
            )));
        }
        Some(parse_txt(&self.name, &bytes))
    }
}

/// Id for a txt article read from `name`: the file stem (all extensions off).
fn id_from_name(name: &str) -> Option<String> {
    if name == "-" {
        return None;
    }
    let file = Path::new(name).file_name()?.to_str()?;
    let stem = file.split('.').next().unwrap_or(file);
    (!stem.is_empty()).then(|| stem.to_string())
}

pub(crate) fn parse_txt(name: &str, bytes: &[u8]) -> Record {
    let reject = |line: Option<u64>, reason: String| Err(Reject::new(name, line, Some(1), reason).with_raw(bytes));
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(nul) = body.iter().position(|&b| b == 0) {
        return reject(None, format!("binary data (NUL byte at offset {nul}); not a text article"));
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
            return reject(Some(line), utf8_error_reason(body, e));
        }
    };
    // The three header lines.
    let mut rest = text;
    let mut header = Vec::with_capacity(3);
    for _ in 0..3 {
        let (line, after) = match rest.find('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        header.push(line.trim_end_matches('\r').trim());
        rest = after;
    }
    let (title, date, url) = (header[0], header[1], header[2]);
    if title.is_empty() && date.is_empty() {
        return reject(Some(1), "empty article file".into());
    }
    let Some(published) = Published::parse(date).filter(|_| !date.is_empty()) else {
        return reject(
            Some(2),
            format!("line 2 must be the publication date (YYYYMMDD, YYYY-MM-DD or RFC 3339), found {date:?}"),
        );
    };
    if !is_absolute_url(url) {
        return reject(Some(3), format!("line 3 must be the article's absolute URL, found {url:?}"));
    }
    if rest.trim().is_empty() {
        return reject(Some(4), "no text: the article has no body after the URL line".into());
    }
    let prov = Provenance { format: "txt".into(), file: name.to_string(), line: Some(1), record: 1 };
    Ok(Article::new(
        id_from_name(name),
        Some(url.to_string()),
        None,
        title.to_string(),
        Some(published),
        Some(date.to_string()),
        rest.to_string(),
        prov,
    ))
}
