//! No panics on arbitrary input, for both streaming stages.

use newsdesk_core::{Analysis, Article, Provenance, Published, Span};
use newsdesk_corpus::{Deduper, StoryClusterer};
use proptest::prelude::*;

fn analysis(id: String, title: String, text: String, date: Option<Published>) -> Analysis {
    let a = Article::new(Some(id), None, Some("src".into()), title, date, None, text, Provenance::default());
    // Sentences: whole paragraphs (the clusterer takes whatever it is given).
    let sentences: Vec<Span> = a.paragraphs.clone();
    Analysis {
        schema_version: newsdesk_core::SCHEMA_VERSION,
        article: a,
        sentences,
        entities: Vec::new(),
        quotes: Vec::new(),
        times: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_text_never_panics(texts in proptest::collection::vec(any::<String>(), 1..6),
                                   title in any::<String>(), day in 0u32..20000) {
        let mut d = Deduper::default();
        let mut s = StoryClusterer::default();
        let date = chrono::NaiveDate::from_num_days_from_ce_opt(700_000 + day as i32).map(Published::Date);
        for (i, t) in texts.into_iter().enumerate() {
            let a = analysis(format!("a{i}"), title.clone(), t, if i % 2 == 0 { date } else { None });
            let g = d.add(&a.article);
            let st = s.add(&a, Some(&g.group));
            prop_assert!(!st.is_empty());
        }
        let sums = s.summaries();
        prop_assert!(!sums.is_empty());
    }

    #[test]
    fn quotes_and_dates_in_odd_places(t in "[“”\"a-zA-Z0-9 .,\n]{0,400}") {
        let mut s = StoryClusterer::default();
        let a = analysis("x".into(), "T".into(), t, Published::parse("2020-03-01"));
        s.add(&a, None);
        s.add(&a, None);
        let sums = s.summaries();
        prop_assert!(sums.iter().map(|x| x.article_count).sum::<u32>() == 2);
    }

    #[test]
    fn headlines_sources_and_ages_in_odd_shapes(titles in proptest::collection::vec("[a-zA-Z0-9 |–—,.'’-]{0,60}", 1..6),
                                              source in "[a-z0-9.é]{0,12}",
                                              body in "[A-Za-z0-9 ,.-]{0,200}") {
        let mut s = StoryClusterer::default();
        for (i, t) in titles.iter().enumerate() {
            let text = format!("{body} a {i}-year-old, Roe, {i}, was hurt.");
            let mut a = analysis(format!("h{i}"), t.clone(), text, Published::parse("2020-03-01"));
            a.article.source = Some(source.clone());
            let st = s.add(&a, Some("same"));
            prop_assert!(!st.is_empty());
        }
        prop_assert_eq!(s.summaries().iter().map(|x| x.article_count).sum::<u32>(), titles.len() as u32);
    }

    #[test]
    fn full_articles_with_odd_headlines_on_consecutive_days(titles in proptest::collection::vec("[a-zA-Z0-9 |–,.'-]{0,60}", 1..6),
                                                         body in "[A-Za-z ,.]{150,400}") {
        // Bodies long enough to be full articles, a day apart: the headline
        // and rare-place rules run on whatever the headlines hold.
        let mut s = StoryClusterer::default();
        for (i, t) in titles.iter().enumerate() {
            let date = format!("2020-03-{:02}", 1 + i);
            let text = format!("{body} In Willow Bend, a {i}-year-old was hurt. {body}");
            let a = analysis(format!("f{i}"), t.clone(), text, Published::parse(&date));
            let st = s.add(&a, None);
            prop_assert!(!st.is_empty());
        }
        prop_assert_eq!(s.summaries().iter().map(|x| x.article_count).sum::<u32>(), titles.len() as u32);
    }
}

fn number_sketch(t: &str) -> newsdesk_corpus::dedup::BottomK {
    let mut v = Vec::new();
    newsdesk_corpus::shingle::for_each_number(t, |h| v.push(h as u32));
    newsdesk_corpus::dedup::BottomK::from_hashes(v)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Numbers survive what the syndication defects do to letters and
    /// spacing: a text's numbers are all found in a copy whose lowercase
    /// letters were replaced, and never missing from the text itself.
    #[test]
    fn numbers_ignore_letter_edits(t in "[a-z0-9 .,/\\-\n]{0,300}", any_text in any::<String>()) {
        let s = number_sketch(&t);
        prop_assert_eq!(s.missing(&s).1, 0);
        let edited: String = t.chars().map(|c| if c.is_ascii_lowercase() { 'q' } else { c }).collect();
        let e = number_sketch(&edited);
        prop_assert_eq!(e.missing(&s).1, 0);
        prop_assert!(s.hashes.len() <= newsdesk_corpus::dedup::NUM_K);
        let _ = number_sketch(&any_text).missing(&s);
    }
}
