//! End-to-end tests of the corpus subcommands (dedup, stories, synth-dups,
//! eval-dedup, eval-stories) through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn words(seed: u64, n: usize) -> String {
    // Distinct pseudo-words per seed (xorshift).
    let mut x = seed.wrapping_mul(0x9e3779b97f4a7c15) | 1;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let w = format!("q{}z{}", x % 9973, i % 5);
            if i % 12 == 11 {
                format!("{w}.\n\n")
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_articles(dir: &Path) -> std::path::PathBuf {
    let a = words(1, 120);
    let mut pars: Vec<&str> = a.split("\n\n").collect();
    pars.reverse();
    let copy = pars.join("\n\n").replacen(' ', "", 1); // reordered, one glued word
    let lines = [
        serde_json::json!({"id": "orig", "title": "Town hall fire", "date": "2020-05-01", "source": "a.com", "text": a}),
        serde_json::json!({"id": "other", "title": "Market report", "date": "2020-05-01", "source": "a.com", "text": words(2, 120)}),
        serde_json::json!({"id": "copy", "title": "Town hall fire | b", "date": "2020-05-02", "source": "b.com", "text": copy}),
        serde_json::json!({"id": "empty", "title": "", "date": null, "source": "b.com", "text": ""}),
    ];
    let p = dir.join("in.jsonl");
    std::fs::write(&p, lines.iter().map(|l| l.to_string() + "\n").collect::<String>()).unwrap();
    p
}

#[test]
fn dedup_groups_copies() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_articles(dir.path());
    let out = bin().arg("dedup").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_lines(&out);
    assert_eq!(v.len(), 4);
    let by: std::collections::HashMap<&str, &serde_json::Value> =
        v.iter().map(|o| (o["id"].as_str().unwrap(), o)).collect();
    assert_eq!(by["copy"]["group"], "orig");
    assert_eq!(by["copy"]["canonical"], false);
    assert_eq!(by["orig"]["canonical"], true);
    assert!(by["copy"]["similarity"].as_f64().unwrap() > 0.8);
    assert_eq!(by["other"]["group"], "other");
    assert_eq!(by["empty"]["group"], "empty");
    assert!(String::from_utf8_lossy(&out.stderr).contains("dedup: 4 articles"));
}

#[test]
fn stories_on_analyze_output_with_summary() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_articles(dir.path());
    let analysed = bin().arg("analyze").arg(&input).output().unwrap();
    assert_eq!(analysed.status.code(), Some(0), "{}", String::from_utf8_lossy(&analysed.stderr));
    let apath = dir.path().join("an.jsonl");
    std::fs::write(&apath, &analysed.stdout).unwrap();
    let spath = dir.path().join("sum.jsonl");
    let out = bin().arg("stories").arg(&apath).arg("--summary").arg(&spath).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json_lines(&out);
    let story = |id: &str| v.iter().find(|o| o["id"] == id).unwrap()["story"].clone();
    assert_eq!(story("orig"), story("copy"));
    assert_ne!(story("orig"), story("other"));
    let sums: Vec<serde_json::Value> =
        std::fs::read_to_string(&spath).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let s = sums.iter().find(|s| s["id"] == story("orig")).unwrap();
    assert_eq!(s["article_count"], 2);
    assert_eq!(s["first_published"], "2020-05-01");
    assert_eq!(s["last_published"], "2020-05-02");
    assert_eq!(s["sources"], serde_json::json!(["a.com", "b.com"]));
    assert!(s["timeline"].is_array() && s["quotes"].is_array());
}

#[test]
fn synth_and_eval_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..60)
        .map(|i| {
            serde_json::json!({"id": format!("d{i}"), "title": "t", "date": "2020-01-01", "text": words(100 + i, 150)})
                .to_string()
                + "\n"
        })
        .collect();
    let base = dir.path().join("base.jsonl");
    std::fs::write(&base, lines).unwrap();
    let syn = bin().args(["synth-dups", "--rate", "0.2", "--seed", "3"]).arg(&base).output().unwrap();
    assert_eq!(syn.status.code(), Some(0));
    let set = dir.path().join("syn.jsonl");
    std::fs::write(&set, &syn.stdout).unwrap();
    assert_eq!(json_lines(&syn).iter().filter(|o| o["id"].as_str().unwrap().contains("~dup")).count(), 12);
    let dd = bin().arg("dedup").arg(&set).output().unwrap();
    let ddp = dir.path().join("dd.jsonl");
    std::fs::write(&ddp, &dd.stdout).unwrap();
    let ev = bin().arg("eval-dedup").arg("--gold").arg(&set).arg("--system").arg(&ddp).output().unwrap();
    assert_eq!(ev.status.code(), Some(0), "{}", String::from_utf8_lossy(&ev.stderr));
    let r: serde_json::Value = serde_json::from_slice(&ev.stdout).unwrap();
    assert_eq!(r["copies"], 12);
    assert!(r["scores"]["recall"].as_f64().unwrap() >= 0.9, "{r}");
    assert!(r["scores"]["precision"].as_f64().unwrap() >= 0.9, "{r}");
    // eval-stories on a hand-made clustering.
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\":\"a\",\"story\":\"1\"}\n{\"id\":\"b\",\"story\":\"1\"}\n{\"id\":\"c\",\"story\":\"2\"}\n",
    )
    .unwrap();
    let sys = dir.path().join("sys.jsonl");
    std::fs::write(
        &sys,
        "{\"id\":\"a\",\"story\":\"x\"}\n{\"id\":\"b\",\"story\":\"y\"}\n{\"id\":\"c\",\"story\":\"y\"}\n",
    )
    .unwrap();
    let es = bin().arg("eval-stories").arg("--gold").arg(&gold).arg("--system").arg(&sys).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&es.stdout).unwrap();
    assert_eq!(r["pairs_tp"], 0);
    assert_eq!(r["pairs_system"], 1);
    assert_eq!(r["pairs_gold"], 1);
}

#[test]
fn eval_dedup_by_id_counts_a_twin_of_the_original_as_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let text = words(7, 80);
    let gold: String = ["a", "b", "a~dup1"]
        .iter()
        .map(|id| serde_json::json!({"id": id, "title": "t", "date": "2020-01-01", "text": text}).to_string() + "\n")
        .collect();
    let gpath = dir.path().join("gold.jsonl");
    std::fs::write(&gpath, gold).unwrap();
    // The system puts the copy with its original and with the original's twin.
    let spath = dir.path().join("sys.jsonl");
    std::fs::write(
        &spath,
        "{\"id\":\"a\",\"group\":\"g\"}\n{\"id\":\"b\",\"group\":\"g\"}\n{\"id\":\"a~dup1\",\"group\":\"g\"}\n",
    )
    .unwrap();
    let score = |extra: &[&str]| {
        let out =
            bin().arg("eval-dedup").arg("--gold").arg(&gpath).arg("--system").arg(&spath).args(extra).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    // Identical originals are merged by default: both pairs of the copy are right.
    let strict = score(&[]);
    assert_eq!((strict["pairs_tp"].as_u64(), strict["pairs_system"].as_u64()), (Some(2), Some(2)));
    // By id, the copy belongs with "a" only.
    let by_id = score(&["--by-id"]);
    assert_eq!((by_id["pairs_tp"].as_u64(), by_id["pairs_system"].as_u64()), (Some(1), Some(2)));
    assert_eq!(by_id["pairs_gold"].as_u64(), Some(1));
    let both = bin()
        .arg("eval-dedup")
        .arg("--gold")
        .arg(&gpath)
        .arg("--system")
        .arg(&spath)
        .args(["--by-id", "--natural"])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2), "--by-id and --natural are two golds");
}

/// The corpus commands report bad records like `analyze`: on stderr with
/// file and line, in `--rejects` with the raw record, exit status 3, and
/// `--strict` stops at the first one; the good records are all processed.
#[test]
fn corpus_commands_report_rejects_like_analyze() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_articles(dir.path());
    let mut text = std::fs::read_to_string(&input).unwrap();
    text.push_str("{not json\n");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, text).unwrap();
    for cmd in ["dedup", "stories"] {
        let rejects = dir.path().join(format!("{cmd}-rejects.jsonl"));
        let out = bin().arg(cmd).arg(&bad).arg("--rejects").arg(&rejects).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(json_lines(&out).len(), 4, "{cmd}: every good article is in the output");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("bad.jsonl:5 (record 5): JSON syntax error"), "{cmd}: {stderr}");
        let r: serde_json::Value =
            serde_json::from_str(std::fs::read_to_string(&rejects).unwrap().lines().next().unwrap()).unwrap();
        assert_eq!((r["line"].as_u64(), r["raw"].as_str()), (Some(5), Some("{not json")), "{cmd}");
    }
    // A bad line in an analysis file is a reject too.
    let analysed = bin().arg("analyze").arg(&input).output().unwrap();
    let apath = dir.path().join("an.jsonl");
    std::fs::write(&apath, [analysed.stdout.as_slice(), b"garbage\n"].concat()).unwrap();
    let out = bin().arg("stories").arg(&apath).arg("--strict").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("an.jsonl:5 (record 5): not an analysis object"), "{stderr}");
    assert!(stderr.contains("stopping at the first bad record"), "{stderr}");
}
