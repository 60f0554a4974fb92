//! TempEval-3 measures of the time tagger on the TBAQ-cleaned training
//! documents (../shared/data/timeml/train, 256 TimeML files): a regression
//! guard. The full evaluation with its per-error listing is the command
//! `newsdesk eval-timeml` (see docs/BENCHMARKS.md).

use newsdesk_nlp::time::timeml::{self, Counts};
use std::path::{Path, PathBuf};

const TRAIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/timeml/train");

fn tml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            tml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
}

#[test]
fn tempeval3_training_documents() {
    let mut files = Vec::new();
    tml_files(Path::new(TRAIN), &mut files);
    if files.is_empty() {
        eprintln!("SKIPPED: no TimeML documents under {TRAIN}; the data lives in ../shared beside the repository");
        return;
    }
    assert_eq!(files.len(), 256, "TBAQ-cleaned has 256 documents");
    let mut total = Counts::default();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let gold = timeml::parse(&src).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        // Tag, write and read back: the path `newsdesk timeml` takes.
        let written = timeml::write(&gold, &timeml::tag(&gold));
        let system = timeml::parse(&written).unwrap();
        assert_eq!(system.text, gold.text, "{}: text changed by tagging", f.display());
        total.add(&timeml::score_doc(&gold.text, &gold.timexes, &system.timexes, &mut Vec::new()));
    }
    eprint!("{}", total.report());
    assert_eq!(total.gold, 1822, "gold TIMEX3s inside <TEXT>");
    // The extent targets.
    assert!(total.relaxed().2 >= 0.92, "relaxed F1 {:.4} < 0.92", total.relaxed().2);
    assert!(total.strict().2 >= 0.84, "strict F1 {:.4} < 0.84", total.strict().2);
    // Value F1: the target, 0.82 (measured 0.8218, see docs/BENCHMARKS.md).
    assert!(total.value_f1() >= 0.82, "value F1 {:.4} < 0.82", total.value_f1());
}
