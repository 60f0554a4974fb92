//! Store tests on a real store in a temporary directory, with analyses built
//! here (real types) so entities, quotes and times are exercised.

use super::*;
use newsdesk_core::{
    Analysis, Article, Entity, EntityKind, Mention, Provenance, Published, Quote, QuoteKind, Span, Speaker, Timex,
    TimexType, SCHEMA_VERSION,
};
use proptest::prelude::*;

/// Code point span of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> Span {
    let b = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let s = text[..b].chars().count();
    Span::new(s, s + needle.chars().count())
}

struct Spec<'a> {
    id: &'a str,
    title: &'a str,
    date: &'a str,
    source: &'a str,
    text: &'a str,
    entities: &'a [(EntityKind, &'a str, Option<&'a str>)],
    quotes: &'a [(&'a str, &'a str)],
    times: &'a [(&'a str, &'a str)],
}

fn analysis(s: &Spec<'_>) -> Analysis {
    let article = Article::new(
        Some(s.id.to_string()),
        None,
        Some(s.source.to_string()),
        s.title.to_string(),
        Published::parse(s.date),
        Some(s.date.to_string()),
        s.text.to_string(),
        Provenance { format: "jsonl".into(), file: "test.jsonl".into(), line: Some(1), record: 1 },
    );
    let text = s.text;
    let entities: Vec<Entity> = s
        .entities
        .iter()
        .enumerate()
        .map(|(i, (kind, name, role))| Entity {
            id: format!("e{}", i + 1),
            kind: *kind,
            name: name.to_string(),
            role: role.map(|r| Mention::from_span(text, find(text, r))),
            affiliation: None,
            mentions: vec![Mention::from_span(text, find(text, name))],
        })
        .collect();
    let quotes = s
        .quotes
        .iter()
        .map(|(speaker, q)| {
            let span = find(text, q);
            let ent = entities.iter().find(|e| e.name == *speaker).map(|e| e.id.clone());
            Quote {
                text: q.to_string(),
                start: span.start,
                end: span.end,
                spans: vec![span],
                kind: QuoteKind::Direct,
                cue: None,
                speaker_mention: None,
                speaker: Some(Speaker { entity: ent, name: speaker.to_string() }),
                addressee: None,
            }
        })
        .collect();
    let times = s
        .times
        .iter()
        .map(|(t, v)| {
            let span = find(text, t);
            Timex {
                text: t.to_string(),
                start: span.start,
                end: span.end,
                kind: TimexType::Date,
                value: v.to_string(),
                anchor: None,
            }
        })
        .collect();
    let n = text.chars().count();
    Analysis { schema_version: SCHEMA_VERSION, article, sentences: vec![Span::new(0, n)], entities, quotes, times }
}

const HK1: &str = "Protesters marched in Hong Kong on Sunday against the extradition bill. \
Chief Executive Carrie Lam said \"the bill will go ahead\" despite the protest on 9 June.";
const HK2: &str = "Police fired tear gas at protesters in Hong Kong. Carrie Lam said \"we will restore order\" \
after the violence of 12 June.";
const OTHER: &str =
    "The Reserve Bank of Australia held interest rates steady. Philip Lowe said \"the economy is resilient\".";

fn corpus() -> Vec<Analysis> {
    let specs = [
        Spec {
            id: "hk-1",
            title: "Hong Kong protest against extradition bill",
            date: "2019-06-10",
            source: "Wikinews",
            text: HK1,
            entities: &[
                (EntityKind::Place, "Hong Kong", None),
                (EntityKind::Person, "Carrie Lam", Some("Chief Executive")),
            ],
            quotes: &[("Carrie Lam", "the bill will go ahead")],
            times: &[("Sunday", "2019-06-09"), ("9 June", "2019-06-09")],
        },
        Spec {
            id: "hk-2",
            title: "Tear gas fired in Hong Kong",
            date: "2019-06-13",
            source: "Wikinews",
            text: HK2,
            entities: &[(EntityKind::Place, "Hong Kong", None), (EntityKind::Person, "Carrie Lam", None)],
            quotes: &[("Carrie Lam", "we will restore order")],
            times: &[("12 June", "2019-06-12")],
        },
        Spec {
            id: "rba-1",
            title: "Australia holds rates",
            date: "2019-07-02T04:30:00+10:00",
            source: "Example Wire",
            text: OTHER,
            entities: &[
                (EntityKind::Organization, "Reserve Bank of Australia", None),
                (EntityKind::Person, "Philip Lowe", None),
            ],
            quotes: &[("Philip Lowe", "the economy is resilient")],
            times: &[],
        },
    ];
    specs.iter().map(analysis).collect()
}

fn stories() -> Vec<StoryInfo> {
    vec![StoryInfo { key: "s-hk".into(), label: "Hong Kong protests".into() }]
}

fn groupings() -> Vec<Grouping> {
    ["hk-1", "hk-2", "rba-1"]
        .iter()
        .map(|id| Grouping {
            article: id.to_string(),
            story: id.starts_with("hk").then(|| "s-hk".to_string()),
            dup_group: None,
        })
        .collect()
}

/// The store id of the Hong Kong story.
fn hk_story(store: &Store) -> i64 {
    store.stories(10).unwrap().iter().find(|s| s.label == "Hong Kong protests").unwrap().id
}

fn filled() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let out = store.write_batch(&corpus()).unwrap();
    assert_eq!(out, BatchOutcome { new: 3, ..Default::default() });
    assert_eq!(store.set_groups(&stories(), &groupings()).unwrap(), 2);
    store.finish().unwrap();
    (dir, store)
}

fn ids(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

fn q(text: &str) -> SearchQuery {
    SearchQuery { q: text.into(), facets: 10, ..SearchQuery::default() }
}

#[test]
fn search_with_filters_facets_and_snippets() {
    let (_d, store) = filled();
    let r = store.search(&q("tear gas")).unwrap();
    assert_eq!(ids(&r), ["hk-2"]);
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(hit.title, "Tear gas fired in Hong Kong");
    assert_eq!(hit.published.as_deref(), Some("2019-06-13"));
    assert_eq!(hit.source.as_deref(), Some("Wikinews"));
    assert_eq!(hit.story, Some(hk_story(&store)));
    let marked: Vec<String> =
        hit.snippet.highlights.iter().map(|s| hit.snippet.text.chars().skip(s.start).take(s.len()).collect()).collect();
    assert!(marked.iter().any(|m| m == "tear"), "{marked:?}");

    // Both Hong Kong articles; facets count people and sources.
    let r = store.search(&q("\"hong kong\"")).unwrap();
    assert_eq!(r.total, 2);
    let lam = &r.facets.people[0];
    assert_eq!((lam.value.as_str(), lam.count), ("Carrie Lam", 2));
    assert_eq!(lam.entity, store.find_entity("person", "carrie lam").unwrap());
    assert_eq!(r.facets.sources[0].value, "Wikinews");
    assert_eq!(r.facets.months.len(), 1);
    assert_eq!(r.facets.months[0].key, "2019-06");

    // Filters: person, source (case-insensitive), dates, story.
    let mut f = q("");
    f.person = Some("philip LOWE".into());
    assert_eq!(ids(&store.search(&f).unwrap()), ["rba-1"]);
    let mut f = q("");
    f.source = Some("example wire".into());
    assert_eq!(ids(&store.search(&f).unwrap()), ["rba-1"]);
    let mut f = q("");
    f.from = NaiveDateOpt::d("2019-06-11");
    f.to = NaiveDateOpt::d("2019-06-30");
    assert_eq!(ids(&store.search(&f).unwrap()), ["hk-2"]);
    // The local date counts: 2019-07-02 04:30 +10:00 is on 2019-07-02.
    let mut f = q("");
    f.from = NaiveDateOpt::d("2019-07-02");
    f.to = NaiveDateOpt::d("2019-07-02");
    assert_eq!(ids(&store.search(&f).unwrap()), ["rba-1"]);
    let mut f = q("");
    f.story = Some(hk_story(&store));
    f.sort = Sort::Oldest;
    assert_eq!(ids(&store.search(&f).unwrap()), ["hk-1", "hk-2"]);
    f.sort = Sort::Newest;
    assert_eq!(ids(&store.search(&f).unwrap()), ["hk-2", "hk-1"]);
    // Tantivy syntax: field and boolean operators.
    assert_eq!(ids(&store.search(&q("title:rates")).unwrap()), ["rba-1"]);
    assert_eq!(ids(&store.search(&q("protesters -tear")).unwrap()), ["hk-1"]);
    // Stemming: "protests" finds "protest" / "protesters"? at least the title word.
    assert!(store.search(&q("protests")).unwrap().total >= 1);
    // Bad syntax is a BadQuery error, not a panic.
    assert!(matches!(store.search(&q("title:(")), Err(Error::BadQuery(_))));
    assert!(matches!(store.search(&q("nosuchfield:x")), Err(Error::BadQuery(_))));
    let mut f = q("");
    f.from = NaiveDateOpt::d("2020-01-01");
    f.to = NaiveDateOpt::d("2019-01-01");
    assert!(matches!(store.search(&f), Err(Error::BadQuery(_))));
}

/// Facet counts over several index segments equal counts made by hand, in
/// the promised order (most frequent first, then by key; months by key).
#[test]
fn facet_counts_are_exact_across_segments() {
    use std::collections::BTreeMap;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let names = ["Ann Lee", "Bob Ray", "Cy Tam", "Dee Fox", "Eve Lin", "Fay Orr", "Gus Poe"];
    let sources = ["Wire A", "Wire B", "Daily C"];
    let (mut people, mut by_source, mut months) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for batch in 0..3 {
        let rows: Vec<(String, String, String, String, usize)> = (0..20)
            .map(|j| {
                let i = batch * 20 + j;
                let n = i % 7;
                let text = format!("{} met in the city. Markets rose.", names[..=n].join(" and "));
                let date = format!("2020-{:02}-{:02}", i % 5 + 1, j % 28 + 1);
                (format!("a{i}"), text, date, sources[i % 3].to_string(), n)
            })
            .collect();
        let entities: Vec<Vec<(EntityKind, &str, Option<&str>)>> =
            rows.iter().map(|r| names[..=r.4].iter().map(|&n| (EntityKind::Person, n, None)).collect()).collect();
        let analyses: Vec<Analysis> = rows
            .iter()
            .zip(&entities)
            .map(|(r, e)| {
                analysis(&Spec {
                    id: &r.0,
                    title: "Meeting",
                    date: &r.2,
                    source: &r.3,
                    text: &r.1,
                    entities: e,
                    quotes: &[],
                    times: &[],
                })
            })
            .collect();
        for r in &rows {
            for name in &names[..=r.4] {
                *people.entry(name.to_string()).or_insert(0u64) += 1;
            }
            *by_source.entry(r.3.clone()).or_insert(0u64) += 1;
            *months.entry(r.2[..7].to_string()).or_insert(0u64) += 1;
        }
        store.write_batch(&analyses).unwrap();
        store.sync_index().unwrap();
    }
    assert!(store.index.segment_count() >= 2, "the test needs several segments");
    let ranked = |m: &BTreeMap<String, u64>, k: usize| {
        let mut v: Vec<(String, u64)> = m.iter().map(|(a, &b)| (a.clone(), b)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
        v.truncate(k);
        v
    };
    let got = |f: &[FacetCount]| f.iter().map(|c| (c.value.clone(), c.count)).collect::<Vec<_>>();
    for k in [3, 10] {
        let r = store.search(&SearchQuery { q: "markets".into(), facets: k, ..SearchQuery::default() }).unwrap();
        assert_eq!(r.total, 60);
        assert_eq!(got(&r.facets.people), ranked(&people, k), "people, k = {k}");
        assert_eq!(got(&r.facets.sources), ranked(&by_source, k), "sources, k = {k}");
        let all_months: Vec<(String, u64)> = months.iter().map(|(a, &b)| (a.clone(), b)).collect();
        assert_eq!(got(&r.facets.months), all_months);
    }
    // A filter narrows the counts: only articles naming Gus Poe (n = 6).
    let mut f = SearchQuery { q: "markets".into(), facets: 10, ..SearchQuery::default() };
    f.person = Some("gus poe".into());
    let r = store.search(&f).unwrap();
    let gus = people["Gus Poe"];
    assert_eq!(r.total as u64, gus);
    assert!(got(&r.facets.people).iter().all(|(_, c)| *c == gus), "{:?}", r.facets.people);
}

struct NaiveDateOpt;
impl NaiveDateOpt {
    fn d(s: &str) -> Option<chrono::NaiveDate> {
        Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }
}

#[test]
fn article_entity_and_story_views() {
    let (_d, store) = filled();
    let a = store.article("hk-1").unwrap().unwrap();
    assert_eq!(a.analysis.article.title, "Hong Kong protest against extradition bill");
    assert_eq!(a.analysis.quotes.len(), 1);
    let lam_id = store.find_entity("person", "Carrie Lam").unwrap().unwrap();
    assert!(a.entities.iter().any(|e| e.local_id == "e2" && e.entity == lam_id));
    assert_eq!(a.story.as_ref().map(|s| s.label.as_str()), Some("Hong Kong protests"));
    assert!(store.article("nope").unwrap().is_none());

    let lam = store.entity(lam_id).unwrap().unwrap();
    assert_eq!(lam.name, "Carrie Lam");
    assert_eq!(lam.kind, "person");
    assert_eq!(lam.article_count, 2);
    assert_eq!(lam.role.as_deref(), Some("Chief Executive"));
    let quotes: Vec<&str> = lam.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(quotes, ["we will restore order", "the bill will go ahead"]);
    assert_eq!(lam.per_day.len(), 2);
    assert!(lam.related.iter().any(|e| e.name == "Hong Kong"));
    assert!(store.entity(999_999).unwrap().is_none());

    let story = store.story(hk_story(&store)).unwrap().unwrap();
    assert_eq!(story.summary.size, 2);
    assert_eq!(story.summary.first_day.as_deref(), Some("2019-06-10"));
    assert_eq!(story.summary.last_day.as_deref(), Some("2019-06-13"));
    let days: Vec<&str> = story.events.iter().map(|e| e.day.as_str()).collect();
    // "Sunday" and "9 June" are in the same sentence and day: one event.
    assert_eq!(days, ["2019-06-09", "2019-06-12"]);
    assert_eq!(story.articles[0].id, "hk-1");

    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 3);
    assert_eq!(stats.quotes, 3);
    assert_eq!(stats.stories, 1);
    assert_eq!(stats.top_people[0].name, "Carrie Lam");
    assert_eq!(stats.top_people[0].quotes, 2);
    assert_eq!(stats.top_sources[0].source, "Wikinews");
    assert_eq!(stats.per_day.len(), 3);
    let found = store.entities_named("lam", Some("person"), 5).unwrap();
    assert_eq!(found[0].id, lam_id);
}

#[test]
fn rewrite_is_idempotent_and_changes_update_in_place() {
    let (dir, store) = filled();
    let again = store.write_batch(&corpus()).unwrap();
    assert_eq!(again, BatchOutcome { unchanged: 3, ..Default::default() });
    assert_eq!(store.set_groups(&stories(), &groupings()).unwrap(), 0);
    // A changed article replaces the old one.
    let mut recs = corpus();
    recs[2].article.text = OTHER.replace("steady", "unchanged at a record low");
    recs[2].article.provenance.file = "elsewhere.jsonl".into();
    let out = store.write_batch(&recs).unwrap();
    assert_eq!(out, BatchOutcome { updated: 1, unchanged: 2, ..Default::default() });
    store.finish().unwrap();
    assert_eq!(store.article_count().unwrap(), 3);
    assert_eq!(store.indexed_count().unwrap(), 3);
    assert_eq!(ids(&store.search(&q("record low")).unwrap()), ["rba-1"]);
    assert_eq!(store.search(&q("steady")).unwrap().total, 0);
    // The changed article's quotes were replaced, not added to.
    assert_eq!(store.stats().unwrap().quotes, 3);
    // Same content from another file: unchanged (provenance is not content).
    recs[2].article.provenance.file = "third.jsonl".into();
    assert_eq!(store.write_batch(&recs).unwrap().unchanged, 3);
    // A new story for it: re-indexed with the story, old story keeps its two.
    let st = [StoryInfo { key: "s-rates".into(), label: "Rates".into() }];
    let g = [Grouping { article: "rba-1".into(), story: Some("s-rates".into()), dup_group: Some("g1".into()) }];
    assert_eq!(store.set_groups(&st, &g).unwrap(), 1);
    store.finish().unwrap();
    let rates = store.stories(10).unwrap().into_iter().find(|s| s.label == "Rates").unwrap();
    assert_eq!(rates.size, 1);
    let mut f = q("");
    f.story = Some(rates.id);
    assert_eq!(ids(&store.search(&f).unwrap()), ["rba-1"]);
    // A group of one is no near-duplicate group.
    assert_eq!(store.stats().unwrap().dup_groups, 0);
    drop(store);
    let (store, report) = Store::open_with_report(dir.path()).unwrap();
    assert_eq!(report, OpenReport::default());
    assert_eq!(store.article_count().unwrap(), 3);
    assert_eq!(store.indexed_count().unwrap(), 3);
}

#[test]
fn near_duplicate_groups_link_articles() {
    let (_d, store) = filled();
    let g: Vec<Grouping> = ["hk-1", "hk-2"]
        .iter()
        .map(|id| Grouping { article: id.to_string(), story: Some("s-hk".into()), dup_group: Some("hk-1".into()) })
        .collect();
    assert_eq!(store.set_groups(&stories(), &g).unwrap(), 2);
    store.finish().unwrap();
    assert_eq!(store.stats().unwrap().dup_groups, 1);
    let a = store.article("hk-2").unwrap().unwrap();
    assert_eq!(a.duplicates.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["hk-1"]);
}

#[test]
fn crash_between_sql_and_index_commit_is_repaired_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        store.write_batch(&corpus()[..1]).unwrap();
        assert_eq!(store.sync_index().unwrap(), 1);
        // Written to SQLite, never indexed (as when killed before sync).
        store.write_batch(&corpus()[1..]).unwrap();
        assert_eq!(store.indexed_count().unwrap(), 1);
    }
    let (store, report) = Store::open_with_report(dir.path()).unwrap();
    assert_eq!(report.reindexed, 2);
    assert!(!report.rebuilt_index);
    assert_eq!(store.article_count().unwrap(), 3);
    assert_eq!(store.indexed_count().unwrap(), 3);
    assert_eq!(ids(&store.search(&q("tear gas")).unwrap()), ["hk-2"]);
    drop(store);
    // A lost index is rebuilt from the records.
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let (store, report) = Store::open_with_report(dir.path()).unwrap();
    assert!(report.rebuilt_index);
    assert_eq!(report.reindexed, 3);
    assert_eq!(store.indexed_count().unwrap(), 3);
    let v = store.verify().unwrap();
    assert_eq!((v.articles, v.indexed), (3, 3));
    assert!(v.problems.is_empty(), "{:?}", v.problems);
}

#[test]
fn newer_schema_is_refused_and_readers_see_writer_data() {
    let (dir, store) = filled();
    // A second handle (as the server would hold) opens while the first holds the writer.
    let (reader, report) = Store::open_with_report(dir.path()).unwrap();
    assert!(!report.repair_skipped_locked, "nothing to repair, so no lock needed");
    assert_eq!(reader.search(&q("tear")).unwrap().total, 1);
    drop((store, reader));
    let conn = rusqlite::Connection::open(dir.path().join("newsdesk.sqlite")).unwrap();
    conn.pragma_update(None, "user_version", SQL_SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    assert!(matches!(Store::open(dir.path()), Err(Error::TooNew { .. })));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn any_query_string_is_answered_or_refused(s in "\\PC{0,40}", src in "\\PC{0,10}") {
        let store = shared_store();
        let mut query = q(&s);
        query.source = Some(src.clone());
        query.person = Some(src);
        match store.search(&query) {
            Ok(r) => prop_assert!(r.hits.len() <= r.total),
            Err(Error::BadQuery(_)) => {}
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

fn shared_store() -> &'static Store {
    use std::sync::OnceLock;
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE.get_or_init(filled).1
}

#[test]
fn corpus_walk_puts_pages_without_body_after_full_reports_of_their_day() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let long = "Police said a toddler was shot in a spray of bullets at the Robles Park apartments on Tuesday night. ";
    let spec = |id, date, text| Spec {
        id,
        title: "Tampa toddler shot",
        date,
        source: "example.com",
        text,
        entities: &[],
        quotes: &[],
        times: &[],
    };
    // Ids in the order a tie on (day, id) alone would walk them.
    let batch = [
        analysis(&spec("a-bare", "2016-11-16", "Tampa toddler shot")),
        analysis(&spec("b-full", "2016-11-16", &long.repeat(3))),
        analysis(&spec("c-bare", "2016-11-15", "Earlier page")),
        analysis(&spec("d-undated", "", &long.repeat(3))),
    ];
    store.write_batch(&batch).unwrap();
    let mut order = Vec::new();
    store
        .for_each_by_date(|a| {
            order.push(a.article.id);
            Ok(())
        })
        .unwrap();
    assert_eq!(order, ["c-bare", "b-full", "a-bare", "d-undated"]);
}

/// Facet values as (key, count), in the order returned: people,
/// organizations, places, sources, months.
type FacetLists = [Vec<(String, u64)>; 5];

fn facet_lists(f: &Facets) -> FacetLists {
    let keys = |v: &[FacetCount]| v.iter().map(|c| (c.key.clone(), c.count)).collect::<Vec<_>>();
    [keys(&f.people), keys(&f.organizations), keys(&f.places), keys(&f.sources), keys(&f.months)]
}

/// The facets of the articles with these ids, counted from the stored
/// records (not the index): the `k` most frequent values of each entity kind
/// and of sources (ties by key), every month in order.
fn facets_from_records(store: &Store, ids: &std::collections::HashSet<String>, k: usize) -> FacetLists {
    use std::collections::{BTreeMap, BTreeSet};
    let mut counts: [BTreeMap<String, u64>; 5] = Default::default();
    store
        .for_each_by_date(|a| {
            if !ids.contains(&a.article.id) {
                return Ok(());
            }
            let mut seen = BTreeSet::new();
            for e in &a.entities {
                let slot = match e.kind {
                    EntityKind::Person => 0,
                    EntityKind::Organization => 1,
                    EntityKind::Place => 2,
                    EntityKind::Other => continue,
                };
                let key = crate::write::normalize_name(&e.name);
                if !key.is_empty() && seen.insert((slot, key.clone())) {
                    *counts[slot].entry(key).or_default() += 1;
                }
            }
            if let Some(s) = a.article.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                *counts[3].entry(s.to_string()).or_default() += 1;
            }
            if let Some(p) = &a.article.published {
                *counts[4].entry(p.date().format("%Y-%m").to_string()).or_default() += 1;
            }
            Ok(())
        })
        .unwrap();
    let mut out = FacetLists::default();
    for (i, m) in counts.into_iter().enumerate() {
        let mut v: Vec<(String, u64)> = m.into_iter().collect();
        if i < 4 {
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.truncate(k);
        }
        out[i] = v;
    }
    out
}

/// Articles of the facet fixture: a unique word `u{i}z`, a group word
/// `g{i % 8}z`, two of 40 frequent people and six people of their own (so a
/// segment's person dictionary is larger than the counting's dense start),
/// an organization, two places, a source and a month.
fn facet_fixture_batch(range: std::ops::Range<usize>) -> Vec<Analysis> {
    range
        .map(|i| {
            let mut people = vec![format!("Often {} Seen", (i * 7) % 40), format!("Often {} Seen", (i * 13 + 5) % 40)];
            people.dedup();
            people.extend((0..6).map(|m| format!("Tail {} Q", i * 6 + m)));
            let org = format!("Org {} Ltd", i % 15);
            let places = [format!("Place {} Town", i % 30), format!("Place {} Town", (i * 11 + 3) % 30)];
            let mut names: Vec<(EntityKind, &str, Option<&str>)> =
                people.iter().map(|p| (EntityKind::Person, p.as_str(), None)).collect();
            names.push((EntityKind::Organization, org.as_str(), None));
            names.extend(places.iter().map(|p| (EntityKind::Place, p.as_str(), None)));
            let text = format!(
                "{} met at {} in {} and {}. Report u{i}z g{}z.",
                people.join(" and "),
                org,
                places[0],
                places[1],
                i % 8
            );
            let date = format!("{}-{:02}-{:02}", 2019 + i % 3, i % 12 + 1, i % 28 + 1);
            let source = format!("Wire {}", i % 5);
            analysis(&Spec {
                id: &format!("a{i}"),
                title: "Report",
                date: &date,
                source: &source,
                text: &text,
                entities: &names,
                quotes: &[],
                times: &[],
            })
        })
        .collect()
}

/// 1,000 fixture articles in four index segments.
fn facet_store() -> &'static Store {
    use std::sync::OnceLock;
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            for batch in 0..4 {
                store.write_batch(&facet_fixture_batch(batch * 250..(batch + 1) * 250)).unwrap();
                store.sync_index().unwrap();
            }
            assert!(store.index.segment_count() >= 2, "the fixture needs several segments");
            (dir, store)
        })
        .1
}

/// Queries matching everything or a group of articles (many touched
/// ordinals: the counts go dense) give every value's exact count when
/// `k` keeps them all.
#[test]
fn facet_counts_of_large_result_sets_equal_counts_from_the_records() {
    let store = facet_store();
    for (query, ids) in [
        ("", (0..1000).collect::<Vec<usize>>()),
        ("g3z", (0..1000).filter(|i| i % 8 == 3).collect()),
        ("g1z OR g6z", (0..1000).filter(|i| i % 8 == 1 || i % 8 == 6).collect()),
    ] {
        let ids: std::collections::HashSet<String> = ids.into_iter().map(|i| format!("a{i}")).collect();
        let r = store.search(&SearchQuery { q: query.into(), facets: 100_000, ..SearchQuery::default() }).unwrap();
        assert_eq!(r.total, ids.len(), "{query:?}");
        assert_eq!(facet_lists(&r.facets), facets_from_records(store, &ids, 100_000), "{query:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    /// Queries with a few hits (few touched ordinals: the person counts
    /// stay sparse up to three hits per segment, and move to the dense
    /// array past that) give the counts and order made from the stored
    /// records.
    #[test]
    fn facet_counts_of_few_hits_equal_counts_from_the_records(
        picks in proptest::collection::vec(0usize..1000, 1..6),
        k in 1usize..13,
        newest in any::<bool>(),
    ) {
        let store = facet_store();
        let q = picks.iter().map(|i| format!("u{i}z")).collect::<Vec<_>>().join(" OR ");
        let sort = if newest { Sort::Newest } else { Sort::Relevance };
        let r = store.search(&SearchQuery { q: q.clone(), facets: k, sort, ..SearchQuery::default() }).unwrap();
        let ids: std::collections::HashSet<String> = picks.iter().map(|i| format!("a{i}")).collect();
        prop_assert_eq!(r.total, ids.len());
        prop_assert_eq!(facet_lists(&r.facets), facets_from_records(store, &ids, k), "{}", q);
    }
}

/// Over many index generations (commits, merges), the cache of facet
/// strings keeps within its capacity and only the current segments, and
/// facet counts stay right while it starts afresh.
#[test]
fn facet_string_cache_stays_bounded_over_many_generations() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    const CAPACITY: usize = 120;
    store.index.limit_facet_names(CAPACITY);
    let mut ids = std::collections::HashSet::new();
    let mut most = 0;
    for generation in 0..30 {
        let range = generation * 12..(generation + 1) * 12;
        ids.extend(range.clone().map(|i| format!("a{i}")));
        store.write_batch(&facet_fixture_batch(range)).unwrap();
        store.sync_index().unwrap();
        let before = store.index.segment_ids();
        let r = store.search(&SearchQuery { q: "report".into(), facets: 5, ..SearchQuery::default() }).unwrap();
        let after = store.index.segment_ids();
        let cache = store.index.facet_names();
        most = most.max(cache.len());
        assert!(cache.len() <= CAPACITY, "generation {generation}: {} strings cached", cache.len());
        // (A merge finishing during the search may make a newer searcher.)
        for seg in cache.cached_segments() {
            assert!(before.contains(&seg) || after.contains(&seg), "generation {generation}: dead segment cached");
        }
        assert_eq!(r.total, ids.len());
        // Every value occurs in one generation's batch, except the frequent
        // people, organizations, places, sources and months, which lead each
        // segment: per-segment truncation cannot change these counts.
        let want = facets_from_records(&store, &ids, 5);
        assert_eq!(facet_lists(&r.facets), want, "generation {generation}");
    }
    assert!(most > CAPACITY / 2, "the cache was used ({most} strings at most)");
}

/// A follow-up that repeats a sentence of the first report with a typo
/// mended gives the story's timeline one event for it, not two.
#[test]
fn a_story_timeline_has_one_event_per_sentence_said_in_other_words() {
    let first = "Protesters marched through Hong Kong on Sunday against the extradtion bill.";
    let second = "Protesters marched through Hong Kong on Sunday against the extradition bill.";
    let specs = [("hk-a", "2019-06-10", first), ("hk-b", "2019-06-11", second)];
    let corpus: Vec<Analysis> = specs
        .iter()
        .map(|&(id, date, text)| {
            analysis(&Spec {
                id,
                title: "Hong Kong march",
                date,
                source: "Wikinews",
                text,
                entities: &[(EntityKind::Place, "Hong Kong", None)],
                quotes: &[],
                times: &[("Sunday", "2019-06-09")],
            })
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.write_batch(&corpus).unwrap();
    let groupings: Vec<Grouping> = ["hk-a", "hk-b"]
        .iter()
        .map(|id| Grouping { article: id.to_string(), story: Some("s-hk".into()), dup_group: None })
        .collect();
    store.set_groups(&stories(), &groupings).unwrap();
    store.finish().unwrap();
    let story = store.story(hk_story(&store)).unwrap().unwrap();
    let events: Vec<(&str, &str)> = story.events.iter().map(|e| (e.day.as_str(), e.context.as_str())).collect();
    assert_eq!(events, [("2019-06-09", first)]);
}
