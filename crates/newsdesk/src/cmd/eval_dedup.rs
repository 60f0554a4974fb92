//! `newsdesk eval-dedup`: pairwise precision/recall of duplicate detection
//! on a synthetic syndication set (from `newsdesk synth-dups`).
//!
//! Gold: a copy `X~dupN` belongs with its original `X` and the other copies
//! of `X`; originals with identical normalised text (natural exact
//! duplicates) are merged; with `--natural`, so are originals that are
//! natural near-duplicates by exact word 5-gram set arithmetic; with
//! `--by-id`, nothing is (a copy's gold is its own original only). Only
//! pairs with at least one synthetic copy are scored: pairs of two
//! originals are not labelled (natural near-duplicates).

use super::corpus_io;
use super::pipeline::InputArgs;
use newsdesk_corpus::eval::{exact_duplicate_groups, score_duplicates};
use newsdesk_corpus::synth::original_id;
use std::collections::HashMap;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The synthetic set (JSONL articles with `~dupN` copies).
    #[arg(long)]
    pub gold: String,
    /// `newsdesk dedup` output for that set.
    #[arg(long)]
    pub system: String,
    /// Also count natural near-duplicates among the originals as gold
    /// (exact word 5-gram resemblance >= 0.5 or containment >= 0.8); without
    /// it only identical texts are.
    #[arg(long, conflicts_with = "by_id")]
    pub natural: bool,
    /// A copy belongs with its own original and that original's copies
    /// only: a copy grouped with an identical twin of its original counts
    /// as wrong. No detector that reads only the text can tell twins
    /// apart, so this scoring caps precision below 1.
    #[arg(long)]
    pub by_id: bool,
    /// List the wrong and missed pairs' ids on stderr.
    #[arg(long)]
    pub verbose: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (items, _) = corpus_io::read_items(&InputArgs::paths(std::slice::from_ref(&args.gold)))?;
    // Gold among originals: exact duplicates unless --by-id; with
    // --natural, also natural near-duplicates by exact word 5-gram set
    // arithmetic.
    let originals: Vec<&newsdesk_core::Article> =
        items.iter().map(|i| i.article()).filter(|a| !a.id.contains("~dup")).collect();
    let (j, c) = if args.natural { (0.5, 0.8) } else { (1.0, 2.0) };
    let texts: Vec<&str> = originals.iter().map(|a| a.text.as_str()).collect();
    let groups = exact_duplicate_groups(&texts, j, c);
    let mut label_of: HashMap<String, String> = HashMap::new();
    let mut by_text: HashMap<Vec<u8>, String> = HashMap::new();
    for (k, a) in originals.iter().enumerate() {
        let mut norm = Vec::new();
        newsdesk_corpus::shingle::normalize_into(&a.text, &mut norm);
        let label = if norm.is_empty() || args.by_id {
            a.id.clone()
        } else if args.natural {
            originals[groups[k]].id.clone()
        } else {
            by_text.entry(norm).or_insert_with(|| a.id.clone()).clone()
        };
        label_of.insert(a.id.clone(), label);
    }
    let sys: HashMap<String, String> = corpus_io::read_labels(&args.system, "group")?
        .into_iter()
        .map(|(id, g)| {
            let g = g.unwrap_or_else(|| id.clone());
            (id, g)
        })
        .collect();
    let mut scored = Vec::with_capacity(items.len());
    for it in &items {
        let id = &it.article().id;
        let orig = original_id(id);
        let gold = label_of.get(orig).cloned().unwrap_or_else(|| orig.to_string());
        let s = sys.get(id).cloned().unwrap_or_else(|| format!("\u{0}{id}"));
        scored.push((gold, s, id.contains("~dup")));
    }
    if args.verbose {
        let mut sys_members: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (_, s, _)) in scored.iter().enumerate() {
            sys_members.entry(s.as_str()).or_default().push(i);
        }
        for (i, (g, s, m)) in scored.iter().enumerate() {
            if !m {
                continue;
            }
            let id = &items[i].article().id;
            for &j in &sys_members[s.as_str()] {
                if j != i && scored[j].0 != *g {
                    eprintln!("false pair: {id} ~ {}", items[j].article().id);
                }
            }
            for (j, (g2, s2, _)) in scored.iter().enumerate() {
                if j != i && g2 == g && s2 != s {
                    eprintln!("missed pair: {id} ~ {}", items[j].article().id);
                }
            }
        }
    }
    let r = score_duplicates(&scored);
    println!("{}", serde_json::to_string(&r)?);
    eprintln!(
        "eval-dedup: {} articles, {} copies; pairs tp {} system {} gold {}; precision {:.4} recall {:.4} F1 {:.4}",
        r.items, r.copies, r.pairs_tp, r.pairs_system, r.pairs_gold, r.scores.precision, r.scores.recall, r.scores.f1
    );
    Ok(ExitCode::SUCCESS)
}
