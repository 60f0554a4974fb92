//! Every JSONL file under ../shared/data and every .txt of the sample is read
//! with zero rejects, and ids are preserved where the input has them.
//! Needs the project's shared data beside the repository (../shared/data).

use newsdesk_read::{read_inputs, ReadOptions};
use std::path::PathBuf;

fn shared_data() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} not found (the shared data must sit beside the repository)", p.display());
        None
    }
}

fn jsonl_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            jsonl_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "jsonl") {
            out.push(p);
        }
    }
}

#[test]
fn all_shared_jsonl_read_without_rejects_and_keep_ids() {
    let Some(data) = shared_data() else { return };
    let mut files = Vec::new();
    jsonl_files(&data, &mut files);
    assert!(files.len() >= 6, "{files:?}");
    for f in files {
        let path = f.to_str().unwrap();
        let mut n = 0;
        let raw_ids: Vec<Option<String>> = std::fs::read_to_string(&f)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().map(str::to_string))
            .collect();
        for (i, r) in read_inputs(&[path], &ReadOptions::default()).enumerate() {
            let a = r.unwrap_or_else(|e| panic!("reject in {path}: {e}"));
            if let Some(id) = &raw_ids[i] {
                assert_eq!(&a.id, id);
            }
            n += 1;
        }
        assert_eq!(n, raw_ids.len(), "{path}");
    }
}

#[test]
fn sample_txt_read_without_rejects() {
    let Some(data) = shared_data() else { return };
    let dir = data.join("sample/txt");
    let arts: Vec<_> = read_inputs(&[dir.to_str().unwrap()], &ReadOptions::default())
        .map(|r| r.unwrap_or_else(|e| panic!("reject: {e}")))
        .collect();
    assert_eq!(arts.len(), 20);
    // Same ids as the JSONL copy of the sample.
    let jsonl = std::fs::read_to_string(data.join("sample/wikinews_2019_2020.jsonl")).unwrap();
    for a in &arts {
        assert!(
            jsonl.contains(&format!("\"id\": \"{}\"", a.id)) || jsonl.contains(&format!("\"id\":\"{}\"", a.id)),
            "{}",
            a.id
        );
        assert!(a.published.is_some() && !a.paragraphs.is_empty());
    }
}
