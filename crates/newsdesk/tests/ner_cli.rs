//! End-to-end tests of `newsdesk conll` and `newsdesk eval-ner` through the
//! real binary, on text written for the test.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
}

const DOC: &str = "-DOCSTART- -X- O O\n\n\
Secretary NNP I-NP O\nof IN I-PP O\nState NNP I-NP O\nAntony NNP I-NP I-PER\nBlinken NNP I-NP I-PER\n\
flew VBD I-VP O\nto TO I-PP O\nGeneva NNP I-NP I-LOC\non IN I-PP O\nSunday NNP I-NP O\n. . O O\n\n\
Blinken NNP I-NP I-PER\ntold VBD I-VP O\nthe DT I-NP O\nUnited NNP I-NP I-ORG\nNations NNP I-NP I-ORG\n\
in IN I-PP O\nNew NNP I-NP I-LOC\nYork NNP I-NP I-LOC\n. . O O\n";

#[test]
fn conll_appends_a_tag_per_token_and_scores() {
    let mut child = bin().args(["conll", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(DOC.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "-DOCSTART- -X- O O");
    let tokens: Vec<&str> = lines.iter().copied().filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-")).collect();
    assert_eq!(tokens.len(), 20);
    for (l, orig) in tokens.iter().zip(DOC.lines().filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))) {
        assert!(l.starts_with(orig), "{l}");
        let tag = l.rsplit(' ').next().unwrap();
        assert!(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"), "{l}");
    }
    let tag_of = |w: &str| tokens.iter().find(|l| l.starts_with(w)).unwrap().rsplit(' ').next().unwrap().to_string();
    assert_eq!(tag_of("Antony"), "B-PER");
    assert_eq!(tag_of("Geneva"), "B-LOC");

    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred");
    std::fs::write(&pred, &text).unwrap();
    let out = bin().arg("eval-ner").arg(&pred).output().unwrap();
    assert!(out.status.success());
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("processed 20 tokens with 5 phrases"), "{report}");
}

#[test]
fn eval_ner_counts_partial_matches_as_errors() {
    // Gold in column 2, prediction last: one exact match of two gold entities.
    let text = "Anna I-PER B-PER\nSmith I-PER O\nin O O\nParis I-LOC B-LOC\n";
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x");
    std::fs::write(&f, text).unwrap();
    let out = bin().args(["eval-ner", "--gold-column", "2"]).arg(&f).output().unwrap();
    assert!(out.status.success());
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("found: 2 phrases; correct: 1."), "{report}");
    assert!(report.contains("FB1:  50.00"), "{report}");
}
