//! Input and output helpers shared by the corpus subcommands (dedup,
//! stories, synth-dups, evaluations).
//!
//! Reads JSON Lines files whose lines are either analyses written by
//! `newsdesk analyze` (they carry `schema_version`), or `newsdesk_read` reads (JSONL/JSON/txt articles, directories,
//! compressed files). Bad records are reported like `analyze` reports them
//! (stderr with file and line, `--rejects`, `--strict`) and skipped.

use super::pipeline::{InputArgs, RunLog, Tally};
use anyhow::Context;
use newsdesk_core::{Analysis, Article};
use newsdesk_read::Reject;
use rayon::prelude::*;
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

/// Reads every input (files, directories, or `-` for stdin): analysis files
/// line by line, everything else through `newsdesk_read` (any supported
/// format). Rejects are reported like `analyze` reports them (stderr,
/// `--rejects`, `--strict`); the tally counts articles and rejects.
pub fn read_items(args: &InputArgs) -> anyhow::Result<(Vec<Item>, Tally)> {
    let mut log = RunLog::new(args)?;
    let mut items = Vec::new();
    // One record: kept, or reported; true when the run must stop (--strict).
    let mut take = |rec: Result<Item, Reject>| -> anyhow::Result<bool> {
        match rec {
            Ok(item) => {
                log.accepted();
                items.push(item);
                Ok(false)
            }
            Err(r) => log.reject(&r),
        }
    };
    'inputs: for path in &args.inputs {
        if is_analysis_file(path) {
            let mut reader = BufReader::with_capacity(1 << 20, open(path)?);
            let mut line = String::new();
            let mut ln = 0u64;
            loop {
                line.clear();
                if reader.read_line(&mut line).with_context(|| format!("{path}:{}: read error", ln + 1))? == 0 {
                    break;
                }
                ln += 1;
                if line.trim().is_empty() {
                    continue;
                }
                let rec = serde_json::from_str::<Analysis>(&line).map(|a| Item::Analysis(Box::new(a))).map_err(|e| {
                    Reject::new(path, Some(ln), Some(ln), format!("not an analysis object: {e}"))
                        .with_raw(line.trim_end().as_bytes())
                });
                if take(rec)? {
                    break 'inputs;
                }
            }
        } else {
            let records = newsdesk_read::read_inputs(std::slice::from_ref(path), &args.read_options());
            if !args.quiet {
                for (p, why) in records.skipped() {
                    eprintln!("newsdesk: skipped {p}: {why}");
                }
            }
            for rec in records {
                if take(rec.map(|a| Item::Article(Box::new(a))))? {
                    break 'inputs;
                }
            }
        }
    }
    let tally = log.finish()?;
    Ok((items, tally))
}

/// The analyses of the items, in the same order: raw articles are analysed
/// in parallel.
pub fn into_analyses(items: Vec<Item>) -> Vec<Analysis> {
    items
        .into_par_iter()
        .map(|it| match it {
            Item::Analysis(a) => *a,
            Item::Article(a) => newsdesk_nlp::analyze(&a),
        })
        .collect()
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

/// Sorts items into publication order (undated last), as the corpus stages
/// want them. Among articles of one time (most sources give only the day),
/// pages without body text come last, so that a bare headline is matched
/// against every full report of its day, not only those that happened to
/// come before it in the input; then ids decide, so the stages' result does
/// not depend on the order of the input files (and is the one `ingest`
/// gets from a store, which walks articles in the same order).
pub fn sort_by_published(items: &mut [Item]) {
    items.sort_by_cached_key(|it| {
        let a = it.article();
        let when = a.published.as_ref().map(newsdesk_corpus::dedup::published_seconds);
        (when.is_none(), when.unwrap_or(0), a.is_bodyless(), a.id.clone())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdesk_core::{Provenance, Published};

    fn item(id: &str, date: &str, text: &str) -> Item {
        let prov = Provenance { format: "jsonl".into(), file: "t.jsonl".into(), line: None, record: 1 };
        let article = Article::new(
            Some(id.into()),
            None,
            None,
            "Headline".into(),
            Published::parse(date),
            None,
            text.into(),
            prov,
        );
        Item::Article(Box::new(article))
    }

    #[test]
    fn publication_order_puts_pages_without_body_after_full_reports_of_their_time_then_ids() {
        let full = "A full report of the shooting, with the police account and the names. ".repeat(4);
        let mut items = vec![
            item("bare-1", "2016-11-16", "Tampa toddler shot"),
            item("undated-bare", "", ""),
            item("full-1", "2016-11-16", &full),
            item("bare-0", "2016-11-15", ""),
            item("undated-full", "", &full),
            item("full-2", "2016-11-16", &full),
        ];
        sort_by_published(&mut items);
        let order = |items: &[Item]| items.iter().map(|i| i.article().id.clone()).collect::<Vec<_>>();
        let expected = ["bare-0", "full-1", "full-2", "bare-1", "undated-full", "undated-bare"];
        assert_eq!(order(&items), expected);
        // Among equals, ids decide: the input's order does not matter.
        items.reverse();
        sort_by_published(&mut items);
        assert_eq!(order(&items), expected);
    }
}
