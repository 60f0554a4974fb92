//! Inputs: expanding paths, opening (and decompressing) them, choosing a format.

use crate::{json, txt, ReadOptions, Record, Reject};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Jsonl,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
        }
    }

    /// The format named by a file name's extension (after any compression suffix).
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let base = strip_compression(&lower);
        let ext = Path::new(base).extension()?.to_str()?;
        match ext {
            "txt" => Some(Format::Txt),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "txt" => Ok(Format::Txt),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "json" => Ok(Format::Json),
            _ => Err(format!("unknown format {s:?} (expected txt, jsonl or json)")),
        }
    }
}

fn strip_compression(name: &str) -> &str {
    for suf in [".gz", ".zst", ".zstd"] {
        if let Some(b) = name.strip_suffix(suf) {
            return b;
        }
    }
    name
}

/// Where records come from.
pub struct Source {
    /// How the input is named in messages and provenance.
    pub name: String,
    kind: SourceKind,
}

enum SourceKind {
    File(PathBuf),
    Stdin,
    Memory(Vec<u8>),
    Missing(String),
}

impl Source {
    pub fn memory(name: &str, bytes: Vec<u8>) -> Source {
        Source { name: name.to_string(), kind: SourceKind::Memory(bytes) }
    }
}

/// Expands command-line inputs into sources, walking directories (sorted,
/// recursive). Returns the sources and the directory entries passed over.
pub fn expand_inputs<S: AsRef<str>>(inputs: &[S]) -> (Vec<Source>, Vec<(String, String)>) {
    let mut sources = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let input = input.as_ref();
        if input == "-" {
            sources.push(Source { name: "-".into(), kind: SourceKind::Stdin });
            continue;
        }
        let path = Path::new(input);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut sources, &mut skipped),
            Ok(_) => sources.push(Source { name: input.to_string(), kind: SourceKind::File(path.into()) }),
            Err(e) => {
                sources.push(Source { name: input.to_string(), kind: SourceKind::Missing(format!("cannot open: {e}")) })
            }
        }
    }
    (sources, skipped)
}

fn walk(dir: &Path, sources: &mut Vec<Source>, skipped: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            sources.push(Source {
                name: dir.display().to_string(),
                kind: SourceKind::Missing(format!("cannot read directory: {e}")),
            });
            return;
        }
    };
    entries.sort();
    for p in entries {
        let name = p.display().to_string();
        let file_name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if file_name.starts_with('.') {
            continue; // hidden files and directories (.git, editor swap files)
        }
        if p.is_dir() {
            walk(&p, sources, skipped);
        } else if Format::from_name(file_name).is_some() {
            sources.push(Source { name, kind: SourceKind::File(p) });
        } else {
            skipped
                .push((name, "not a supported extension (.txt, .jsonl, .ndjson, .json, optionally .gz/.zst)".into()));
        }
    }
}

/// A byte stream that turns decompression errors into a clear message.
fn open_reader(source: &Source) -> Result<Box<dyn BufRead + Send>, Reject> {
    let raw: Box<dyn Read + Send> = match &source.kind {
        SourceKind::File(p) => {
            Box::new(File::open(p).map_err(|e| Reject::new(&source.name, None, None, format!("cannot open: {e}")))?)
        }
        SourceKind::Stdin => Box::new(io::stdin()),
        SourceKind::Memory(b) => Box::new(Cursor::new(b.clone())),
        SourceKind::Missing(msg) => return Err(Reject::new(&source.name, None, None, msg.clone())),
    };
    let mut buf = BufReader::with_capacity(256 << 10, raw);
    let head = buf.fill_buf().map_err(|e| Reject::new(&source.name, None, None, format!("cannot read: {e}")))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(256 << 10, flate2::bufread::MultiGzDecoder::new(buf))))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let dec = ruzstd::decoding::StreamingDecoder::new(buf)
            .map_err(|e| Reject::new(&source.name, None, None, format!("invalid zstd data: {e}")))?;
        Ok(Box::new(BufReader::with_capacity(256 << 10, dec)))
    } else {
        Ok(Box::new(buf))
    }
}

/// Opens a source and returns the iterator over its records.
pub(crate) fn open_source(
    source: &Source,
    opts: &ReadOptions,
) -> Result<Box<dyn Iterator<Item = Record> + Send>, Reject> {
    let mut reader = open_reader(source)?;
    let format = match opts.format.or_else(|| Format::from_name(&source.name)) {
        Some(f) => f,
        None => sniff(&mut reader).map_err(|e| {
            Reject::new(&source.name, None, None, format!("cannot read: {}", crate::json::describe_io_error(&e)))
        })?,
    };
    let name = source.name.clone();
    Ok(match format {
        Format::Txt => Box::new(txt::TxtReader::new(name, reader, opts.max_record_bytes)),
        Format::Jsonl => Box::new(json::JsonlReader::new(name, reader, opts.max_record_bytes)),
        Format::Json => Box::new(json::JsonDocReader::new(name, reader, opts.max_record_bytes)),
    })
}

/// Detects the format from the first bytes: a JSON object whose first line is
/// complete is JSON Lines; another `{` or `[` is a JSON document; anything
/// else is read as a plain-text article.
fn sniff(reader: &mut Box<dyn BufRead + Send>) -> io::Result<Format> {
    let head = reader.fill_buf()?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    Ok(match first.map(|i| head[i]) {
        Some(b'[') => Format::Json,
        Some(b'{') => {
            let rest = &head[first.unwrap_or(0)..];
            match rest.iter().position(|&b| b == b'\n') {
                Some(nl) if serde_json::from_slice::<serde::de::IgnoredAny>(&rest[..nl]).is_err() => Format::Json,
                _ => Format::Jsonl,
            }
        }
        _ => Format::Txt,
    })
}
