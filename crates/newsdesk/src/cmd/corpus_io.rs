//! Input and output helpers shared by the corpus subcommands (dedup,
//! stories, synth-dups, evaluations).
//!
//! Reads JSON Lines files whose lines are either analyses written by
//! `newsdesk analyze` (they carry `schema_version`) or raw article records
//! `{id, title, date|published, url, source, text}` as in
//! `../shared/data/stories/FORMAT.md`. Bad lines are reported on stderr with
//! file and line and skipped; they never stop the run.

use anyhow::Context;
use newsdesk_core::{Analysis, Article, Provenance, Published};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};

/// One input line: an analysis, or a raw article.
pub enum Item {
    Analysis(Box<Analysis>),
    Article(Box<Article>),
}

impl Item {
    pub fn article(&self) -> &Article {
        match self {
            Item::Analysis(a) => &a.article,
            Item::Article(a) => a,
        }
    }
}

#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

fn open(path: &str) -> anyhow::Result<Box<dyn Read>> {
    if path == "-" {
        Ok(Box::new(std::io::stdin()))
    } else {
        Ok(Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?))
    }
}

/// Reads every input (files, or `-` for stdin; stdin when none is given).
/// Returns the items and the number of rejected lines.
pub fn read_items(inputs: &[String]) -> anyhow::Result<(Vec<Item>, usize)> {
    let inputs: Vec<String> = if inputs.is_empty() { vec!["-".to_string()] } else { inputs.to_vec() };
    let mut items = Vec::new();
    let mut rejected = 0;
    for path in &inputs {
        let reader = BufReader::with_capacity(1 << 20, open(path)?);
        for (ln, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("{path}:{}: read error", ln + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            match parse_line(&line, path, ln as u64 + 1, items.len() as u64 + 1) {
                Ok(it) => items.push(it),
                Err(e) => {
                    rejected += 1;
                    eprintln!("newsdesk: {path}:{}: skipped: {e}", ln + 1);
                }
            }
        }
    }
    Ok((items, rejected))
}

fn parse_line(line: &str, path: &str, ln: u64, record: u64) -> anyhow::Result<Item> {
    if line.contains("\"schema_version\"") {
        if let Ok(a) = serde_json::from_str::<Analysis>(line) {
            return Ok(Item::Analysis(Box::new(a)));
        }
    }
    let r: RawRecord = serde_json::from_str(line).context("not a JSON article record")?;
    let date_raw = r.date.or(r.published).filter(|d| !d.trim().is_empty());
    let published = date_raw.as_deref().and_then(Published::parse);
    let prov = Provenance { format: "jsonl".into(), file: path.to_string(), line: Some(ln), record };
    Ok(Item::Article(Box::new(Article::new(
        r.id,
        r.url,
        r.source,
        r.title.unwrap_or_default(),
        published,
        date_raw,
        r.text.unwrap_or_default(),
        prov,
    ))))
}

/// Reads a JSONL file of objects with an `id` and one string (or null) field
/// `key`: (id, value) pairs, in file order.
pub fn read_labels(path: &str, key: &str) -> anyhow::Result<Vec<(String, Option<String>)>> {
    let reader = BufReader::new(open(path)?);
    let mut out = Vec::new();
    for (ln, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{path}:{}: not JSON", ln + 1))?;
        let id = v.get("id").and_then(|x| x.as_str()).with_context(|| format!("{path}:{}: no string `id`", ln + 1))?;
        let val = match v.get(key) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        out.push((id.to_string(), val));
    }
    Ok(out)
}

/// Peak resident memory of this process, in bytes (Linux; 0 elsewhere).
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb * 1024)
}

/// Stable sort of items by publication time (undated last), keeping input
/// order among equals: corpus stages want publication order.
pub fn sort_by_published(items: &mut [Item]) {
    items.sort_by_key(|it| {
        let a = it.article();
        match &a.published {
            Some(p) => (0, newsdesk_corpus::dedup::published_seconds(p)),
            None => (1, 0),
        }
    });
}
