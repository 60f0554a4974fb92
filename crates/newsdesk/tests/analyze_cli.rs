//! End-to-end tests of `newsdesk analyze` through the real binary.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> Option<PathBuf> {
    let p = root().join("../shared/seeds/000_fee57e7940c4a111.txt");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: seed article not found at {}", p.display());
        None
    }
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn seed_article() {
    let Some(seed) = seed() else { return };
    let out = bin().arg("analyze").arg(&seed).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let objs = json_lines(&out);
    assert_eq!(objs.len(), 1);
    let a = &objs[0];
    assert_eq!(a["schema_version"], 1);
    assert_eq!(a["title"], "Hopes fade ahead of Ukraine talks");
    assert_eq!(a["published"], "2022-01-09");
    assert_eq!(a["source"], "dairynewsaustralia.com.au");
    assert_eq!(a["paragraphs"].as_array().unwrap().len(), 15);
    let text = a["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    // Sentences lie inside paragraphs, in order, and start with a capital or a quote.
    let sents = a["sentences"].as_array().unwrap();
    assert!(sents.len() >= 20, "{}", sents.len());
    for s in sents {
        let (st, en) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
        assert!(st < en && en <= chars.len());
        let first = chars[st];
        assert!(first.is_uppercase() || first == '"', "{first:?}");
    }
    for key in ["entities", "quotes", "times"] {
        assert!(a[key].is_array(), "{key}");
    }
}

#[test]
fn pretty_output_is_for_people() {
    let Some(seed) = seed() else { return };
    let out = bin().args(["analyze", "--pretty"]).arg(&seed).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("Hopes fade ahead of Ukraine talks"));
    assert!(s.contains("15 paragraphs"));
    assert!(s.contains("¶15"));
}

fn write_corpus(dir: &std::path::Path) -> PathBuf {
    let mut f = std::fs::File::create(dir.join("c.jsonl")).unwrap();
    for i in 0..300 {
        if i == 100 {
            writeln!(f, "{{\"id\": \"broken\", \"text\": ").unwrap();
        }
        if i == 200 {
            writeln!(f, "{{\"id\": \"d\", \"text\": \"x\", \"date\": \"someday\"}}").unwrap();
        }
        writeln!(f, "{{\"id\": \"n{i}\", \"title\": \"T{i}\", \"text\": \"Sentence one. Sentence two of {i}.\", \"date\": \"2020-01-02\"}}").unwrap();
    }
    dir.join("c.jsonl")
}

#[test]
fn rejects_exit_status_order_and_rejects_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let rejects = dir.path().join("rejects.jsonl");
    let out = bin().arg("analyze").arg(&corpus).arg("--rejects").arg(&rejects).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("c.jsonl:101 (record 101): JSON syntax error"), "{stderr}");
    assert!(stderr.contains("c.jsonl:202 (record 202): unparseable date \"someday\""), "{stderr}");
    // Output in input order, every good record there.
    let ids: Vec<String> = json_lines(&out).iter().map(|o| o["id"].as_str().unwrap().to_string()).collect();
    let expect: Vec<String> = (0..300).map(|i| format!("n{i}")).collect();
    assert_eq!(ids, expect);
    let rej: Vec<serde_json::Value> =
        std::fs::read_to_string(&rejects).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rej.len(), 2);
    assert_eq!(rej[0]["line"], 101);
    assert!(rej[0]["raw"].as_str().unwrap().starts_with("{\"id\": \"broken\""));
    assert!(rej[1]["reason"].as_str().unwrap().contains("someday"));
}

#[test]
fn strict_stops_at_first_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let out = bin().args(["analyze", "--strict"]).arg(&corpus).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json_lines(&out).len(), 100);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict"));
}

#[test]
fn nothing_processed_and_usage_errors() {
    let out = bin().args(["analyze", "/nonexistent/file.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.jsonl: cannot open"));
    let out = bin().args(["analyze"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["analyze", "--no-such-flag", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_and_gzip() {
    let Some(seed) = seed() else { return };
    let bytes = std::fs::read(&seed).unwrap();
    let mut child =
        bin().args(["analyze", "-", "--quiet"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let a = &json_lines(&out)[0];
    assert_eq!(a["title"], "Hopes fade ahead of Ukraine talks");
    assert!(a["id"].as_str().unwrap().starts_with("u-"));

    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("seed.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::default());
    enc.write_all(&bytes).unwrap();
    enc.finish().unwrap();
    let out = bin().arg("analyze").arg(&gz).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let a = &json_lines(&out)[0];
    assert_eq!(a["id"], "seed");
    assert_eq!(a["paragraphs"].as_array().unwrap().len(), 15);
}

#[test]
fn code_point_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("u.jsonl");
    std::fs::write(&p, "{\"id\": \"u\", \"text\": \"Zürich’s “café” opened. Crème brûlée sold out.\"}\n").unwrap();
    let out = bin().arg("analyze").arg(&p).output().unwrap();
    let a = &json_lines(&out)[0];
    let chars: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    let s = &a["sentences"][1];
    let sent: String = chars[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize].iter().collect();
    assert_eq!(sent, "Crème brûlée sold out.");
}
