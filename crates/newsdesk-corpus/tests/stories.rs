//! Story clustering on the Wikinews sample: follow-ups of one story join it,
//! unrelated stories stay apart, summaries carry ordered timelines.

use newsdesk_core::{Analysis, Article, Provenance, Published, Span};
use newsdesk_corpus::{Deduper, StoryClusterer};

/// Sentence spans by a simple rule (enough for the clusterer in a test; the
/// binary uses newsdesk-nlp).
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let end = matches!(chars[i], '.' | '!' | '?') && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
            || chars[i] == '\n';
        if end {
            if i + 1 > start {
                out.push(Span::new(start, i + 1));
            }
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push(Span::new(start, chars.len()));
    }
    out
}

fn load() -> Option<Vec<Analysis>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/sample/wikinews_2019_2020.jsonl");
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("SKIPPED: {path} not found (shared data missing)");
        return None;
    };
    Some(
        raw.lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let text = v["text"].as_str().unwrap().to_string();
                let a = Article::new(
                    Some(v["id"].as_str().unwrap().into()),
                    v["url"].as_str().map(String::from),
                    Some("Wikinews".into()),
                    v["title"].as_str().unwrap().into(),
                    v["date"].as_str().and_then(Published::parse),
                    None,
                    text.clone(),
                    Provenance::default(),
                );
                Analysis {
                    schema_version: newsdesk_core::SCHEMA_VERSION,
                    sentences: sentences(&text),
                    article: a,
                    entities: Vec::new(),
                    quotes: Vec::new(),
                    times: Vec::new(),
                }
            })
            .collect(),
    )
}

#[test]
fn hong_kong_and_prorogation_are_stories_with_timelines() {
    let Some(analyses) = load() else { return };
    let mut d = Deduper::default();
    let mut s = StoryClusterer::default();
    let story: Vec<(String, String)> = analyses
        .iter()
        .map(|a| {
            let g = d.add(&a.article).group;
            (a.article.title.clone(), s.add(a, Some(&g)))
        })
        .collect();
    let of = |pred: &dyn Fn(&str) -> bool| -> Vec<&String> {
        story.iter().filter(|(t, _)| pred(t)).map(|(_, s)| s).collect()
    };
    // Hong Kong protest follow-ups over five months: one story.
    let hk = of(&|t| t.contains("Hong Kong"));
    assert!(hk.len() >= 5);
    let main = hk[0];
    assert!(hk.iter().filter(|s| *s == &main).count() >= hk.len() - 1, "{hk:?}");
    // The prorogation articles: one story, not the Hong Kong one.
    let pro = of(&|t| t.contains("arliament") && (t.contains("UK") || t.contains("Queen")));
    assert!(pro.len() >= 3);
    assert!(pro.iter().all(|s| *s == pro[0]), "{pro:?}");
    assert_ne!(pro[0], main);
    // Summaries: the timeline is ordered by date and cites member articles.
    let sums = s.summaries();
    let sum = sums.iter().find(|x| &x.id == pro[0]).unwrap();
    assert!(sum.article_count >= 3);
    assert!(sum.timeline.len() >= 5, "{:?}", sum.timeline);
    assert!(sum.timeline.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(sum.timeline.iter().all(|e| sum.articles.contains(&e.article)));
    assert!(sum.timeline.iter().any(|e| e.date.starts_with("2019-09")));
    assert!(sum.top_entities.iter().any(|e| e.name.contains("Johnson")), "{:?}", sum.top_entities);
    // Most stories of this sample are single articles.
    assert!(sums.len() > 150, "{}", sums.len());
}
