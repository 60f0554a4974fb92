//! The corpus stages on the inputs the issue names: empty, one-word and
//! 1 MB articles, articles without a date, junk text. Nothing may panic,
//! every article gets a group and a story, and a 1 MB article's copy is
//! still found. (Arbitrary texts are fed by the proptests of `robust.rs`.)

use newsdesk_core::{Analysis, Article, Provenance, Published};
use newsdesk_corpus::{Deduper, StoryClusterer};

fn article(id: &str, title: &str, date: Option<&str>, text: &str) -> Analysis {
    let a = Article::new(
        Some(id.into()),
        Some(format!("https://example.com/news/{id}-story-about-things")),
        None,
        title.into(),
        date.and_then(Published::parse),
        None,
        text.into(),
        Provenance::default(),
    );
    Analysis {
        schema_version: newsdesk_core::SCHEMA_VERSION,
        sentences: a.paragraphs.clone(),
        article: a,
        entities: Vec::new(),
        quotes: Vec::new(),
        times: Vec::new(),
    }
}

/// About `bytes` bytes of varied words in paragraphs, deterministic.
fn big_text(seed: u64, bytes: usize) -> String {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::with_capacity(bytes + 64);
    let mut n = 0;
    while out.len() < bytes {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        out.push_str(&format!("w{} ", (x >> 33) % 50_000));
        n += 1;
        if n % 12 == 0 {
            out.push_str("on 12 March 2020.");
        }
        if n % 80 == 0 {
            out.push_str("\n\n");
        }
    }
    out
}

#[test]
fn empty_one_word_huge_undated_and_junk_articles() {
    let mb = big_text(7, 1 << 20);
    // The copy: the same megabyte with its paragraphs in reverse order.
    let mut pars: Vec<&str> = mb.split("\n\n").collect();
    pars.reverse();
    let copy = pars.join("\n\n");
    let junk: String = (0u32..4000).filter_map(char::from_u32).collect();
    let inputs = vec![
        article("empty", "", Some("2020-03-12"), ""),
        article("blank", "   ", Some("2020-03-12"), " \n\n \t "),
        article("one", "Word", Some("2020-03-12"), "Word"),
        article("huge", "A very long report", Some("2020-03-12"), &mb),
        article("undated", "No date at all", None, "Police said a man was hurt in a shooting on Monday."),
        article("junk", "\u{0}\u{1}\u{fffd}", Some("2020-03-13"), &junk),
        article("huge-copy", "A very long report (copy)", Some("2020-03-13"), &copy),
        article("one-again", "Word", None, "Word"),
    ];
    let mut dd = Deduper::default();
    let mut sc = StoryClusterer::default();
    let mut groups = Vec::new();
    let mut stories = Vec::new();
    for a in &inputs {
        let g = dd.add(&a.article);
        stories.push(sc.add(a, Some(&g.group)));
        groups.push(g);
    }
    let by = |id: &str| inputs.iter().position(|a| a.article.id == id).unwrap();
    // The megabyte and its reordered copy are one group and one story.
    assert_eq!(groups[by("huge-copy")].group, "huge");
    assert!(groups[by("huge-copy")].similarity > 0.9, "{:?}", groups[by("huge-copy")]);
    assert_eq!(stories[by("huge-copy")], stories[by("huge")]);
    // Texts with nothing to compare are their own groups and stories.
    for id in ["empty", "blank", "junk", "undated"] {
        assert_eq!(groups[by(id)].group, id);
        assert_ne!(stories[by(id)], stories[by("huge")], "{id}");
    }
    assert_eq!(stories.len(), inputs.len());
    let summaries = sc.summaries();
    assert_eq!(summaries.iter().map(|s| s.article_count as usize).sum::<usize>(), inputs.len());
    let huge = summaries.iter().find(|s| s.id == stories[by("huge")]).unwrap();
    assert_eq!(huge.article_count, 2);
    // Its timeline is bounded though the text repeats a dated sentence thousands of times.
    assert!(huge.timeline.len() <= 60, "{}", huge.timeline.len());
}
