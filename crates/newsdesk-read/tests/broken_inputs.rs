//! A corpus of deliberately broken records, written here: each bad record must
//! produce exactly the expected reject (file, line, reason) and every good
//! record around it must come out, in order.

use newsdesk_read::{read_bytes, read_inputs, ReadOptions, Record};
use std::io::Write;
use std::path::Path;

fn good(id: &str) -> String {
    format!(
        r#"{{"id": "{id}", "title": "Title {id}", "date": "2022-01-09", "url": "https://example.com/{id}", "text": "Body of {id}.\n\nSecond paragraph."}}"#
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A reject as (file name, line, reason).
type RejectKey = (String, Option<u64>, String);

/// The rejects and the ids read.
fn summarize(records: Vec<Record>) -> (Vec<RejectKey>, Vec<String>) {
    let mut rejects = Vec::new();
    let mut ids = Vec::new();
    for r in records {
        match r {
            Ok(a) => ids.push(a.id),
            Err(r) => {
                let name = Path::new(&r.file).file_name().unwrap().to_string_lossy().into_owned();
                rejects.push((name, r.line, r.reason));
            }
        }
    }
    (rejects, ids)
}

#[test]
fn broken_jsonl_records_are_rejected_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(r#"{{"id": "huge", "text": "{}"}}"#, "x".repeat(50 << 20));
    let mut lines: Vec<Vec<u8>> = vec![
        good("a1").into_bytes(),                                        // 1
        br#"{"id": "syntax", "text": "unterminated"#.to_vec(),          // 2 JSON syntax error
        good("a2").into_bytes(),                                        // 3
        br#"{"id": "notext", "title": "Only a title"}"#.to_vec(),       // 4 no text
        br#"{"id": "baddate", "text": "x", "date": "31/31/2020"}"#.to_vec(), // 5 unparseable date
        b"{\"id\": \"utf8\", \"text\": \"caf\xe9\"}".to_vec(),          // 6 invalid UTF-8
        Vec::new(),                                                     // 7 blank line: skipped
        good("a3").into_bytes(),                                        // 8
        big.into_bytes(),                                               // 9 50 MB article
        b"\x00\x01\x02\xff\xfe binary junk \x00".to_vec(),              // 10 binary junk
        br#"{"id": "nulltext", "text": null, "title": "t"}"#.to_vec(),  // 11 text null
        b"[1, 2, 3]".to_vec(),                                          // 12 not an object
        br#"{"id": "a4", "text": "Body.", "date": "None", "maintext": null}"#.to_vec(), // 13 good, date "None"
        br#"{"maintext": "news-please body", "title": "NP", "date_publish": "2021-03-04 10:00:00", "url": "https://www.np.org/x", "source_domain": "www.np.org", "text": null, "date_download": "2021-03-05 00:00:00"}"#.to_vec(), // 14 good, news-please
        br#"{"title": "cc", "text": "cc body", "domain": "cc.com", "date": "", "url": "https://cc.com/a"}"#.to_vec(), // 15 good, cc_news
    ];
    let mut bytes = Vec::new();
    for l in lines.drain(..) {
        bytes.extend_from_slice(&l);
        bytes.push(b'\n');
    }
    write(dir.path(), "mixed.jsonl", &bytes);
    let (rejects, ids) =
        summarize(read_inputs(&[dir.path().join("mixed.jsonl").to_str().unwrap()], &ReadOptions::default()).collect());

    let expect: Vec<(u64, &str)> = vec![
        (2, "JSON syntax error"),
        (4, "no text"),
        (5, "unparseable date \"31/31/2020\""),
        (6, "invalid UTF-8"),
        (9, "over the limit"),
        (10, "invalid UTF-8"),
        (11, "no text"),
        (12, "expected a JSON object"),
    ];
    assert_eq!(rejects.len(), expect.len(), "{rejects:#?}");
    for ((file, line, reason), (eline, frag)) in rejects.iter().zip(&expect) {
        assert_eq!(file, "mixed.jsonl");
        assert_eq!(*line, Some(*eline), "{reason}");
        assert!(reason.contains(frag), "line {eline}: {reason:?} should mention {frag:?}");
    }
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert_eq!(&ids[..4], &["a1", "a2", "a3", "a4"]);
    assert!(ids[4].starts_with("u-") && ids[5].starts_with("u-"));
}

#[test]
fn news_please_and_cc_news_fields_map() {
    let rec = br#"{"maintext": "Body", "title": null, "title_page": "Page title", "date_publish": "2021-03-04 10:00:00", "url": "https://www.np.org/x", "source_domain": "www.np.org", "text": null, "date_download": "2021-03-05 00:00:00", "authors": ["A B"], "language": "en"}"#;
    let recs = read_bytes("np.jsonl", rec.to_vec(), &ReadOptions::default());
    let a = recs.into_iter().next().unwrap().unwrap();
    assert_eq!(a.text, "Body");
    assert_eq!(a.title, "Page title");
    assert_eq!(a.published.unwrap().to_string(), "2021-03-04T10:00:00");
    assert_eq!(a.source.as_deref(), Some("np.org"));
    assert_eq!(a.authors, vec!["A B"]);
    assert_eq!(a.language.as_deref(), Some("en"));

    // Crawl time is not publication time.
    let rec = br#"{"maintext": "Body", "title": "t", "date_publish": "None", "date_download": "2021-03-05 00:00:00", "url": "https://x.org/a"}"#;
    let a = read_bytes("np.jsonl", rec.to_vec(), &ReadOptions::default()).remove(0).unwrap();
    assert_eq!(a.published, None);
}

#[test]
fn json_documents_object_array_and_pretty() {
    let pretty = b"{\n  \"title\": \"One\",\n  \"maintext\": \"Body one\",\n  \"url\": \"https://a.org/1\"\n}\n";
    let recs = read_bytes("x.json", pretty.to_vec(), &ReadOptions::default());
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].as_ref().unwrap().title, "One");
    // Sniffed without an extension, too.
    let recs = read_bytes("-", pretty.to_vec(), &ReadOptions::default());
    assert_eq!(recs[0].as_ref().unwrap().title, "One");

    let arr = br#"[{"id": "1", "text": "a"}, {"id": "2", "text": "b"}, {"id": "3"}]"#;
    let (rejects, ids) = summarize(read_bytes("arr.json", arr.to_vec(), &ReadOptions::default()));
    assert_eq!(ids, vec!["1", "2"]);
    assert_eq!(rejects.len(), 1);
    assert!(rejects[0].2.contains("no text"));

    let broken = b"{\"id\": \"1\", \"text\": \"a\"}\n{\"id\": \"2\", \"text\": ";
    let (rejects, ids) = summarize(read_bytes("cat.json", broken.to_vec(), &ReadOptions::default()));
    assert_eq!(ids, vec!["1"]);
    assert_eq!(rejects.len(), 1);
    assert!(rejects[0].2.contains("JSON syntax error"));
    assert_eq!(rejects[0].1, Some(2));
}

#[test]
fn truncated_gzip_keeps_what_came_before() {
    let mut plain = Vec::new();
    for i in 0..2000 {
        plain.extend_from_slice(good(&format!("g{i}")).as_bytes());
        plain.push(b'\n');
    }
    let gz = gzip(&plain);
    let cut = gz[..gz.len() / 2].to_vec();
    let (rejects, ids) = summarize(read_bytes("cut.jsonl.gz", cut, &ReadOptions::default()));
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert!(rejects[0].2.contains("truncated"), "{:?}", rejects[0]);
    assert!(!ids.is_empty() && ids.len() < 2000, "{}", ids.len());
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(id, &format!("g{i}"));
    }
    // The whole stream reads completely, compressed or not, whatever the name.
    let (rejects, ids) = summarize(read_bytes("whole.data", gzip(&plain), &ReadOptions::default()));
    assert!(rejects.is_empty());
    assert_eq!(ids.len(), 2000);
}

const SEED_LIKE: &str = "Hopes fade\n20220109\nhttps://www.example.com/a/\nFirst paragraph.\nSecond paragraph.\n";

#[test]
fn txt_articles_good_and_bad() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "01-good.txt", SEED_LIKE.as_bytes());
    write(d, "02-crlf-bom.txt", format!("\u{feff}{}", SEED_LIKE.replace('\n', "\r\n")).as_bytes());
    write(d, "03-iso-date.txt", b"T\n2022-01-09\nhttps://e.com/x\nBody\n\nMore body");
    write(d, "04-rfc3339.txt", b"T\n2022-01-09T10:00:00+01:00\nhttps://e.com/x\nBody");
    write(d, "05-bad-date.txt", b"T\n20221341\nhttps://e.com/x\nBody\n");
    write(d, "06-bad-url.txt", b"T\n20220109\nnot a url\nBody\n");
    write(d, "07-no-body.txt", b"T\n20220109\nhttps://e.com/x\n\n");
    write(d, "08-junk.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00binary");
    write(d, "09-latin1.txt", b"T\n20220109\nhttps://e.com/x\nCaf\xe9\n");
    write(d, "10-empty.txt", b"");
    write(d, "README.md", b"not an article");
    let records = read_inputs(&[d.to_str().unwrap()], &ReadOptions::default());
    assert_eq!(records.skipped().len(), 1);
    let (rejects, ids) = summarize(records.collect());
    assert_eq!(ids, vec!["01-good", "02-crlf-bom", "03-iso-date", "04-rfc3339"]);
    let expect = [
        ("05-bad-date.txt", 2, "line 2 must be the publication date"),
        ("06-bad-url.txt", 3, "line 3 must be the article's absolute URL"),
        ("07-no-body.txt", 4, "no text"),
        ("08-junk.txt", 0, "binary data"),
        ("09-latin1.txt", 4, "invalid UTF-8"),
        ("10-empty.txt", 1, "empty article file"),
    ];
    assert_eq!(rejects.len(), expect.len(), "{rejects:#?}");
    for ((file, line, reason), (ef, el, frag)) in rejects.iter().zip(expect) {
        assert_eq!(file, ef);
        assert_eq!(line.unwrap_or(0), el, "{file}: {reason}");
        assert!(reason.contains(frag), "{file}: {reason:?}");
    }
}

#[test]
fn txt_fields_and_paragraphs() {
    let crlf = format!("\u{feff}{}", SEED_LIKE.replace('\n', "\r\n"));
    let a = read_bytes("dir/x.txt", crlf.into_bytes(), &ReadOptions::default()).remove(0).unwrap();
    assert_eq!(a.id, "x");
    assert_eq!(a.title, "Hopes fade");
    assert_eq!(a.published.unwrap().to_string(), "2022-01-09");
    assert_eq!(a.source.as_deref(), Some("example.com"));
    assert_eq!(a.text, "First paragraph.\r\nSecond paragraph.\r\n");
    let paras: Vec<String> =
        a.paragraphs.iter().map(|p| a.text.chars().skip(p.start).take(p.len()).collect()).collect();
    assert_eq!(paras, vec!["First paragraph.", "Second paragraph."]);
}

#[test]
fn zstd_input_is_read() {
    // A zstd frame made with the reference encoder (level 3) of two JSON lines.
    let frame: &[u8] = include_bytes!("data/two.jsonl.zst");
    let (rejects, ids) = summarize(read_bytes("two.jsonl.zst", frame.to_vec(), &ReadOptions::default()));
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!(ids, vec!["z1", "z2"]);
}
