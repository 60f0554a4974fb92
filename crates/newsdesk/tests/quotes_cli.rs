//! End-to-end tests of `newsdesk eval-quotes` and the quotes in `newsdesk analyze`.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
}

/// A gold file with one article (our own text) and its quotes.
fn gold_file(dir: &tempfile::TempDir) -> PathBuf {
    let text = "\"We will win,\" Jane Doe said. The mayor said the vote was close.";
    let gold = serde_json::json!({
        "id": "a1", "title": null, "date": null, "url": null, "text": text,
        "quotes": [
            {"quote_start": 0, "quote_end": 14, "quote_text": "\"We will win,\"", "kind": "direct",
             "speaker": "Jane Doe", "speaker_start": 15, "speaker_end": 23},
            {"quote_start": 45, "quote_end": 63, "quote_text": "the vote was close", "kind": "indirect",
             "speaker": "The mayor", "speaker_start": 30, "speaker_end": 39}
        ]
    });
    let p = dir.path().join("gold.jsonl");
    let mut f = std::fs::File::create(&p).unwrap();
    writeln!(f, "{gold}").unwrap();
    p
}

fn f1_of(line: &str, what: &str) -> f64 {
    let at = line.find(what).unwrap_or_else(|| panic!("{what} not in {line}"));
    let rest = &line[at..];
    let f = rest.find("F1 ").unwrap();
    rest[f + 3..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn eval_quotes_scores_our_extractor_and_a_system_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = gold_file(&dir);
    let sys = dir.path().join("sys.jsonl");
    let out = bin().args(["eval-quotes", "--gold"]).arg(&gold).arg("--write-system").arg(&sys).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let all = stdout.lines().find(|l| l.starts_with("all kinds")).unwrap();
    assert_eq!(f1_of(all, "detection"), 1.0, "{stdout}");
    assert_eq!(f1_of(all, "end-to-end"), 1.0, "{stdout}");
    // Scoring the written output as a system file gives the same figures.
    let out = bin().args(["eval-quotes", "--gold"]).arg(&gold).arg("--system").arg(&sys).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), stdout);
    // A system that finds nothing scores zero.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "{\"id\": \"a1\", \"quotes\": []}\n").unwrap();
    let out = bin().args(["eval-quotes", "--gold"]).arg(&gold).arg("--system").arg(&empty).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let all = stdout.lines().find(|l| l.starts_with("all kinds")).unwrap();
    assert_eq!(f1_of(all, "detection"), 0.0);
}

#[test]
fn analyze_outputs_quotes_of_the_seed() {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds/000_fee57e7940c4a111.txt");
    if !seed.exists() {
        eprintln!("SKIPPED: seed article not found at {}", seed.display());
        return;
    }
    let out = bin().arg("analyze").arg(&seed).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let a: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().lines().next().unwrap()).unwrap();
    let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    let quotes = a["quotes"].as_array().unwrap();
    let borrell: Vec<_> = quotes.iter().filter(|q| q["speaker"]["name"] == "Josep Borrell").collect();
    assert!(borrell.len() >= 2, "{quotes:#?}");
    for q in quotes {
        // Offsets are code points into `text`.
        for sp in q["spans"].as_array().unwrap() {
            let (s, e) = (sp[0].as_u64().unwrap() as usize, sp[1].as_u64().unwrap() as usize);
            assert!(s < e && e <= text.len());
        }
        if let Some(m) = q.get("speaker_mention") {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(text[s..e].iter().collect::<String>(), m["text"].as_str().unwrap());
        }
    }
}
