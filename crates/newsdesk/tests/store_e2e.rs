//! End-to-end: the real binary ingests the real sample into a store in a
//! temp dir, searches it, re-ingests idempotently, and survives `kill -9`
//! in the middle of an ingest.

use newsdesk_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newsdesk");

fn sample() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/sample/wikinews_2019_2020.jsonl");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} is missing (the shared data sits beside the repository)", p.display());
        None
    }
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).output().expect("run newsdesk");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// The number after `label` in the ingest summary ("293 new").
fn count(summary: &str, label: &str) -> u64 {
    let line = summary.lines().find(|l| l.contains("ingest into")).unwrap_or_else(|| panic!("no summary in {summary}"));
    let words: Vec<&str> = line.split([' ', ',', ';']).filter(|w| !w.is_empty()).collect();
    let i = words.iter().position(|w| *w == label).unwrap_or_else(|| panic!("no {label} in {line}"));
    words[i - 1].parse().unwrap()
}

#[test]
fn ingest_search_and_reingest_the_sample() {
    let Some(sample) = sample() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let (db_s, sample_s) = (db.to_str().unwrap(), sample.to_str().unwrap());
    let (ok, _, err) = run(&["ingest", sample_s, "--db", db_s]);
    assert!(ok, "{err}");
    assert_eq!(count(&err, "read"), 293);
    assert_eq!(count(&err, "new"), 293);
    assert!(err.contains("articles/s"), "{err}");

    let (ok, out, err) =
        run(&["search", "--db", db_s, "--json", "hong kong", "--from", "2019-06-01", "--to", "2019-12-31"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 6, "{out}");
    for h in v["hits"].as_array().unwrap() {
        let day = h["published"].as_str().unwrap();
        assert!(("2019-06-01".."2020-01-01").contains(&day), "{day}");
    }
    assert!(v["hits"][0]["title"].as_str().unwrap().contains("Hong Kong"), "{out}");
    // The table for people: header, title line, highlighted snippet.
    let (ok, out, _) = run(&["search", "--db", db_s, "extradition", "-n", "2"]);
    assert!(ok);
    assert!(out.contains("DATE") && out.contains("Wikinews") && out.contains("«extradition»"), "{out}");
    // No store there: a clear error, and nothing is created.
    let missing = dir.path().join("nothing");
    let (ok, _, err) = run(&["search", "--db", missing.to_str().unwrap(), "x"]);
    assert!(!ok && err.contains("no store at"), "{err}");
    assert!(!missing.exists());
    // Bad syntax: an error, not a panic.
    let (ok, _, err) = run(&["search", "--db", db_s, "title:("]);
    assert!(!ok && err.contains("cannot parse the query"), "{err}");

    // Re-ingest: nothing new, nothing duplicated.
    let (ok, _, err) = run(&["ingest", sample_s, "--db", db_s, "--quiet"]);
    assert!(ok, "{err}");
    let (ok, _, err) = run(&["ingest", sample_s, "--db", db_s]);
    assert!(ok);
    assert_eq!(count(&err, "new"), 0);
    assert_eq!(count(&err, "unchanged"), 293);
    let store = Store::open(&db).unwrap();
    let v = store.verify().unwrap();
    assert_eq!((v.articles, v.indexed), (293, 293));
    assert!(v.problems.is_empty(), "{:?}", v.problems);

    // The store's stories are those of `newsdesk stories` on the same file
    // (both walk the articles in one order: date, body, id).
    let mut stored: Vec<Vec<String>> = store
        .stories(10_000)
        .unwrap()
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = store.story(s.id).unwrap().unwrap().articles.into_iter().map(|a| a.id).collect();
            ids.sort();
            ids
        })
        .collect();
    stored.sort();
    let (ok, out, err) = run(&["stories", sample_s]);
    assert!(ok, "{err}");
    let mut by_story: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        by_story.entry(v["story"].as_str().unwrap().to_string()).or_default().push(v["id"].as_str().unwrap().into());
    }
    let mut listed: Vec<Vec<String>> = by_story
        .into_values()
        .filter(|ids| ids.len() >= 2)
        .map(|mut ids| {
            ids.sort();
            ids
        })
        .collect();
    listed.sort();
    assert!(stored.len() >= 10, "{stored:?}");
    assert_eq!(stored, listed);
}

/// Spawns an ingest and kills it (SIGKILL) once `ready` says so.
fn kill_ingest_when(sample: &str, db: &Path, ready: impl Fn(&Path, Duration) -> bool) -> bool {
    let mut child = Command::new(BIN)
        .args(["ingest", sample, "--db", db.to_str().unwrap(), "--batch-size", "4", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            return false; // finished before the kill point
        }
        if ready(db, t0.elapsed()) {
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn stored(db: &Path) -> usize {
    // A read-only peek while the writer runs (WAL).
    Store::count_articles(db).unwrap_or(0)
}

#[test]
fn kill_9_mid_ingest_leaves_a_whole_store_and_rerun_completes() {
    let Some(sample) = sample() else { return };
    let sample = sample.to_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let mut kills = 0;
    // Kill points: right after the first committed batch, then later ones.
    for min_rows in [1usize, 40, 120] {
        if kill_ingest_when(&sample, &db, |db, _| stored(db) >= min_rows) {
            kills += 1;
        }
        // Whatever happened, the store opens, holds whole articles only, and
        // its index is repaired to match.
        let store = Store::open(&db).unwrap();
        let v = store.verify().unwrap();
        assert!(v.problems.is_empty(), "after kill at >= {min_rows} rows: {:?}", v.problems);
        assert!(v.articles >= min_rows.min(293), "{} articles after a kill at >= {min_rows}", v.articles);
        assert_eq!(v.indexed, v.articles);
    }
    assert!(kills >= 1, "ingest always finished before it could be killed");
    let before = Store::open(&db).unwrap().article_count().unwrap();
    let (ok, _, err) = run(&["ingest", &sample, "--db", db.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(count(&err, "new") as usize, 293 - before);
    assert_eq!(count(&err, "unchanged") as usize, before);
    let v = Store::open(&db).unwrap().verify().unwrap();
    assert_eq!((v.articles, v.indexed), (293, 293));
    assert!(v.problems.is_empty(), "{:?}", v.problems);
}
