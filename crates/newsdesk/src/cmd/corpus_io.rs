//! Input and output helpers shared by the corpus subcommands (dedup,
//! stories, synth-dups, evaluations).
//!
//! Reads JSON Lines files whose lines are either analyses written by
//! `newsdesk analyze` (they carry `schema_version`), or `newsdesk_read` reads (JSONL/JSON/txt articles, directories,
//! compressed files). Bad records are reported on stderr with file and line
//! and skipped; they never stop the run.

use anyhow::Context;
use newsdesk_core::{Analysis, Article};
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

fn open(path: &str) -> anyhow::Result<Box<dyn Read>> {
    if path == "-" {
        Ok(Box::new(std::io::stdin()))
    } else {
        Ok(Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?))
    }
}

/// Whether a file holds `newsdesk analyze` output (its first line is an
/// analysis object).
fn is_analysis_file(path: &str) -> bool {
    if path == "-" || std::path::Path::new(path).is_dir() {
        return false;
    }
    let Ok(f) = std::fs::File::open(path) else { return false };
    let mut first = String::new();
    let _ = BufReader::new(f).take(1 << 20).read_line(&mut first);
    first.trim_start().starts_with('{') && first.contains("\"schema_version\"") && first.contains("\"sentences\"")
}

/// Reads every input (files, directories, or `-` for stdin; stdin when none
/// is given): analysis files line by line, everything else through
/// `newsdesk_read` (any supported format). Returns the items and the number
/// of rejected records (reported on stderr).
pub fn read_items(inputs: &[String]) -> anyhow::Result<(Vec<Item>, usize)> {
    let inputs: Vec<String> = if inputs.is_empty() { vec!["-".to_string()] } else { inputs.to_vec() };
    let mut items = Vec::new();
    let mut rejected = 0;
    for path in &inputs {
        if is_analysis_file(path) {
            let reader = BufReader::with_capacity(1 << 20, open(path)?);
            for (ln, line) in reader.lines().enumerate() {
                let line = line.with_context(|| format!("{path}:{}: read error", ln + 1))?;
                if line.trim().is_empty() {
                    continue;
                }
                match parse_line(&line) {
                    Ok(it) => items.push(it),
                    Err(e) => {
                        rejected += 1;
                        eprintln!("newsdesk: reject: {path}:{}: {e}", ln + 1);
                    }
                }
            }
        } else {
            for rec in newsdesk_read::read_inputs(std::slice::from_ref(path), &newsdesk_read::ReadOptions::default()) {
                match rec {
                    Ok(a) => items.push(Item::Article(Box::new(a))),
                    Err(r) => {
                        rejected += 1;
                        eprintln!("newsdesk: reject: {r}");
                    }
                }
            }
        }
    }
    Ok((items, rejected))
}

fn parse_line(line: &str) -> anyhow::Result<Item> {
    let a: Analysis = serde_json::from_str(line).context("not an analysis object")?;
    Ok(Item::Analysis(Box::new(a)))
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
