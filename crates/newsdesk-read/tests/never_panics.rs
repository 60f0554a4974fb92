//! Property tests: the readers never panic, whatever the bytes, and every
//! record they yield is accounted for (an article or a reject with a reason).

use newsdesk_read::{read_bytes, ReadOptions};
use proptest::prelude::*;

fn opts() -> ReadOptions {
    ReadOptions { max_record_bytes: 4096, format: None }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), name in prop_oneof![
        Just("x.jsonl"), Just("x.json"), Just("x.txt"), Just("-"), Just("x.jsonl.gz"), Just("x.zst")
    ]) {
        for r in read_bytes(name, bytes, &opts()) {
            if let Err(rej) = r {
                prop_assert!(!rej.reason.is_empty());
            }
        }
    }

    #[test]
    fn json_like_text(s in "[{}\\[\\]\":,a-z0-9 \\n\\\\]{0,400}") {
        let _ = read_bytes("x.jsonl", s.clone().into_bytes(), &opts());
        let _ = read_bytes("x.json", s.into_bytes(), &opts());
    }

    #[test]
    fn txt_like_text(title in ".{0,40}", date in "[0-9T:+Z-]{0,30}", url in "(https?://)?[a-z./]{0,20}", body in "(.{0,50}\\n){0,5}") {
        let doc = format!("{title}\n{date}\n{url}\n{body}");
        for a in read_bytes("a.txt", doc.into_bytes(), &opts()).into_iter().flatten() {
            {
                // Paragraph spans always lie inside the text.
                let n = a.text.chars().count();
                prop_assert!(a.paragraphs.iter().all(|p| p.start < p.end && p.end <= n));
            }
        }
    }

    #[test]
    fn corrupted_gzip(bytes in proptest::collection::vec(any::<u8>(), 0..512), flip in any::<usize>()) {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&bytes).unwrap();
        let mut gz = enc.finish().unwrap();
        let i = flip % gz.len();
        gz[i] ^= 0x5a;
        let _ = read_bytes("x.jsonl.gz", gz, &opts());
    }
}
