//! JSON Lines and JSON documents.

use crate::fields::record_to_article;
use crate::{Record, Reject};
use newsdesk_core::Provenance;
use std::io::{self, BufRead};

/// Says what an I/O error means for a user: decompression failures and
/// truncated streams get their own words.
pub(crate) fn describe_io_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => format!("truncated input (compressed stream ended early: {e})"),
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => format!("corrupt compressed data: {e}"),
        _ => e.to_string(),
    }
}

/// Outcome of reading one line with a size limit.
pub(crate) enum Line {
    /// A whole line (without its newline) is in the buffer.
    Ok,
    /// The line was longer than the limit; it was skipped; its length in bytes.
    TooLong(u64),
    Eof,
}

/// Reads one `\n`-terminated line into `buf` (cleared first), holding at most
/// `limit` bytes; a longer line is consumed and dropped without buffering.
pub(crate) fn read_line_bounded<R: BufRead + ?Sized>(r: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        total += take as u64;
        if total as usize <= limit {
            buf.extend_from_slice(&chunk[..take]);
        }
        r.consume(take + usize::from(done));
        if done {
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if total as usize > limit {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Ok)
}

pub(crate) fn utf8_error_reason(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let snippet = String::from_utf8_lossy(&bytes[at.saturating_sub(20)..at]).into_owned();
    format!("invalid UTF-8 at byte {at} of the record (after {snippet:?})")
}

/// One JSON object per line.
pub struct JsonlReader<R> {
    name: String,
    reader: R,
    limit: usize,
    line: u64,
    record: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(name: String, reader: R, limit: usize) -> Self {
        JsonlReader { name, reader, limit, line: 0, record: 0, buf: Vec::new(), done: false }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            self.line += 1;
            let line_no = self.line;
            let status = match read_line_bounded(&mut self.reader, &mut self.buf, self.limit) {
                Ok(s) => s,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Reject::new(
                        &self.name,
                        Some(line_no),
                        None,
                        format!(
                            "{}; records before line {line_no} were read, the rest of the file is lost",
                            describe_io_error(&e)
                        ),
                    )));
                }
            };
            match status {
                Line::Eof => {
                    self.done = true;
                    return None;
                }
                Line::TooLong(n) => {
                    self.record += 1;
                    return Some(Err(Reject::new(
                        &self.name,
                        Some(line_no),
                        Some(self.record),
                        format!("record is {n} bytes, over the limit of {} bytes (--max-record-size)", self.limit),
                    )));
                }
                Line::Ok => {}
            }
            let mut bytes = &self.buf[..];
            if line_no == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.record += 1;
            let reject =
                |reason: String| Reject::new(&self.name, Some(line_no), Some(self.record), reason).with_raw(bytes);
            if let Err(e) = std::str::from_utf8(bytes) {
                return Some(Err(reject(utf8_error_reason(bytes, e))));
            }
            let value: serde_json::Value = match serde_json::from_slice(bytes) {
                Ok(v) => v,
                Err(e) => return Some(Err(reject(format!("JSON syntax error: {e}")))),
            };
            let prov = Provenance {
                format: "jsonl".into(),
                file: self.name.clone(),
                line: Some(line_no),
                record: self.record,
            };
            return Some(record_to_article(value, prov).map_err(|r| r.with_raw(bytes)));
        }
        None
    }
}

/// A JSON document: one object, an array of objects, or concatenated objects.
/// The document is held in memory (up to the record limit per value).
pub struct JsonDocReader<R> {
    name: String,
    reader: Option<R>,
    limit: usize,
    queue: std::collections::VecDeque<Record>,
}

impl<R: BufRead> JsonDocReader<R> {
    pub fn new(name: String, reader: R, limit: usize) -> Self {
        JsonDocReader { name, reader: Some(reader), limit, queue: Default::default() }
    }

    fn load(&mut self, mut reader: R) {
        let mut bytes = Vec::new();
        // Read at most limit+1 bytes to detect an oversized document.
        let res = (&mut reader).take(self.limit as u64 + 1).read_to_end(&mut bytes);
        if let Err(e) = res {
            self.queue.push_back(Err(Reject::new(&self.name, None, None, describe_io_error(&e))));
            return;
        }
        if bytes.len() > self.limit {
            self.queue.push_back(Err(Reject::new(
                &self.name,
                None,
                None,
                format!(
                    "JSON document is over the limit of {} bytes (--max-record-size); convert it to JSON Lines",
                    self.limit
                ),
            )));
            return;
        }
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if let Err(e) = std::str::from_utf8(body) {
            self.queue.push_back(Err(Reject::new(&self.name, None, None, utf8_error_reason(body, e)).with_raw(body)));
            return;
        }
        let mut record = 0u64;
        let mut stream = serde_json::Deserializer::from_slice(body).into_iter::<serde_json::Value>();
        loop {
            let offset = stream.byte_offset();
            let line = 1 + body[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
            match stream.next() {
                None => break,
                Some(Ok(serde_json::Value::Array(items))) => {
                    for item in items {
                        record += 1;
                        let prov = Provenance { format: "json".into(), file: self.name.clone(), line: None, record };
                        self.queue.push_back(record_to_article(item, prov));
                    }
                }
                Some(Ok(value)) => {
                    record += 1;
                    let line = body[offset..].iter().position(|b| !b.is_ascii_whitespace()).map_or(line, |skip| {
                        line + body[offset..offset + skip].iter().filter(|&&b| b == b'\n').count() as u64
                    });
                    let prov = Provenance { format: "json".into(), file: self.name.clone(), line: Some(line), record };
                    self.queue.push_back(record_to_article(value, prov));
                }
                Some(Err(e)) => {
                    self.queue.push_back(Err(Reject::new(
                        &self.name,
                        Some(e.line() as u64),
                        Some(record + 1),
                        format!("JSON syntax error: {e}; the rest of the document cannot be read"),
                    )
                    .with_raw(&body[offset..])));
                    break;
                }
            }
        }
    }
}

use std::io::Read;

impl<R: BufRead> Iterator for JsonDocReader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(r) = self.reader.take() {
            self.load(r);
        }
        self.queue.pop_front()
    }
}
