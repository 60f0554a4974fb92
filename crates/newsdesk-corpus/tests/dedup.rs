//! Near-duplicate detection: the seed reprint, boilerplate, persistence,
//! canonical articles, and a small synthetic syndication set.

use newsdesk_core::{Article, Provenance, Published};
use newsdesk_corpus::eval::score_duplicates;
use newsdesk_corpus::synth::{original_id, synthesize, Rng, SynthConfig};
use newsdesk_corpus::{DedupConfig, Deduper};

fn art(id: &str, source: &str, date: &str, text: &str) -> Article {
    Article::new(
        Some(id.into()),
        None,
        Some(source.into()),
        format!("title of {id}"),
        Published::parse(date),
        None,
        text.into(),
        Provenance::default(),
    )
}

/// Pseudo-random prose: distinct vocabulary per seed.
fn prose(seed: u64, paragraphs: usize) -> String {
    let mut rng = Rng::new(seed);
    (0..paragraphs)
        .map(|_| {
            (0..25)
                .map(|_| {
                    let n = rng.below(5000);
                    format!("w{n}x{}", n % 7)
                })
                .collect::<Vec<_>>()
                .join(" ")
                + "."
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/000_fee57e7940c4a111.txt");

#[test]
fn seed_reprint_is_found_despite_order_and_scraping_defects() {
    let Ok(raw) = std::fs::read_to_string(SEED) else {
        eprintln!("SKIPPED: {SEED} not found (shared data missing)");
        return;
    };
    // Body: line 4 on, one paragraph per line.
    let pars: Vec<&str> = raw.lines().skip(3).filter(|l| !l.trim().is_empty()).collect();
    assert!(pars.len() > 10);
    // The "original": paragraphs in another order, defects repaired, a credit line.
    let mut orig: Vec<String> =
        pars.iter().rev().map(|p| p.replace("USdelegation", "US delegation").replace("for for", "for")).collect();
    orig.push("This article first appeared on DW.".into());
    let original = art("dw", "dw.com", "2022-01-09", &orig.join("\n\n"));
    let reprint = art("dairy", "dairynewsaustralia.com.au", "2022-01-09", &pars.join("\n"));
    let unrelated = art("other", "dw.com", "2022-01-09", &prose(3, 12));
    let mut d = Deduper::default();
    let a = d.add(&original);
    assert!(a.canonical);
    d.add(&unrelated);
    let b = d.add(&reprint);
    assert_eq!(b.group, "dw", "{b:?}");
    assert!(b.similarity > 0.85, "{b:?}");
    assert_eq!(d.assignment("other").unwrap().group, "other");
    // A partial copy (the first third of the paragraphs) is found by containment.
    let part = art("part", "x.com", "2022-01-10", &pars[..pars.len() / 3].join("\n\n"));
    let c = d.add(&part);
    assert_eq!(c.group, "dw", "{c:?}");
    assert!(c.containment > 0.75, "{c:?}");
}

#[test]
fn source_boilerplate_does_not_group_different_stories() {
    let footer = "Stay informed with the latest headlines from our newsroom and partners every single day of the week.\n\nOur journalism depends on readers like you who value independent local reporting in this community.";
    let mut d = Deduper::default();
    // Short stories from one site, each with the same two-paragraph footer
    // that outweighs the story itself.
    let mut groups = Vec::new();
    for i in 0..8 {
        let body = format!("{}\n\n{footer}\n\nShare this article", prose(100 + i, 1));
        groups.push(d.add(&art(&format!("s{i}"), "site.com", "2020-01-01", &body)).group);
    }
    // The first three cannot know the footer yet; from then on it is boilerplate.
    for (i, g) in groups.iter().enumerate().skip(3) {
        assert_eq!(*g, format!("s{i}"), "story {i} grouped by its footer");
    }
    // A true copy from the same site is still found.
    let body = format!("{}\n\n{footer}", prose(107, 1));
    assert_eq!(d.add(&art("copy", "site.com", "2020-01-02", &body)).group, "s7");
}

#[test]
fn earliest_copy_becomes_canonical_and_state_persists() {
    let text = prose(42, 8);
    let mut d = Deduper::new(DedupConfig::default());
    let late = d.add(&art("late", "a.com", "2020-01-05", &text));
    assert!(late.canonical);
    // An earlier-published copy arrives later: it takes over.
    let early = d.add(&art("early", "b.com", "2020-01-03", &text));
    assert!(early.canonical);
    assert_eq!(early.group, "late");
    assert_eq!(early.replaced.as_deref(), Some("late"));
    assert!(!d.assignment("late").unwrap().canonical);
    // Same date: the more complete text wins.
    let longer = format!("{text}\n\n{}", prose(43, 1));
    let l = d.add(&art("longer", "c.com", "2020-01-03", &longer));
    assert!(l.canonical, "{l:?}");

    // Persist, restore, continue: a new batch is matched against the old one.
    let json = serde_json::to_string(&d).unwrap();
    let mut d2: Deduper = serde_json::from_str(&json).unwrap();
    let other = prose(7, 6);
    d2.add(&art("o1", "a.com", "2020-02-01", &other));
    let again = d2.add(&art("again", "d.com", "2020-02-02", &text));
    assert_eq!(again.group, "late");
    assert_eq!(d2.assignment("o1").unwrap().group, "o1");
    assert_eq!(d2.len(), 5);
}

#[test]
fn empty_tiny_and_huge_articles() {
    let mut d = Deduper::default();
    let e1 = d.add(&art("e1", "a", "2020-01-01", ""));
    let e2 = d.add(&art("e2", "a", "2020-01-01", "   \n\n "));
    assert_ne!(e1.group, e2.group, "empty texts are not duplicates of each other");
    d.add(&art("w", "a", "2020-01-01", "Hello"));
    let big = prose(9, 5200); // ~1 MB
    assert!(big.len() > 900_000);
    let b1 = d.add(&art("big1", "a", "2020-01-01", &big));
    let b2 = d.add(&art("big2", "b", "2020-01-01", &big));
    assert!(b1.canonical);
    assert_eq!(b2.group, "big1");
}

#[test]
fn synthetic_syndication_set_from_bbc() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/corpus/bbc.jsonl");
    let Ok(raw) = std::fs::read_to_string(path) else {
        eprintln!("SKIPPED: {path} not found (shared data missing)");
        return;
    };
    let articles: Vec<Article> = raw
        .lines()
        .take(600)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            art(v["id"].as_str().unwrap(), "bbc.co.uk", "2005-01-01", v["text"].as_str().unwrap())
        })
        .collect();
    let set = synthesize(&articles, &SynthConfig { rate: 0.2, seed: 11, min_words: 40, ..SynthConfig::default() });
    let mut d = Deduper::default();
    for a in &set {
        d.add(a);
    }
    // Gold: copies with their original; identical originals merged.
    let mut first_of_text = std::collections::HashMap::new();
    let items: Vec<(String, String, bool)> = set
        .iter()
        .map(|a| {
            let o = original_id(&a.id);
            let text = &articles.iter().find(|x| x.id == o).unwrap().text;
            let gold = first_of_text.entry(text.clone()).or_insert_with(|| o.to_string()).clone();
            (gold, d.assignment(&a.id).unwrap().group, a.id.contains("~dup"))
        })
        .collect();
    let r = score_duplicates(&items);
    assert_eq!(r.copies, 120);
    assert!(r.scores.recall >= 0.97, "{r:?}");
    assert!(r.scores.precision >= 0.97, "{r:?}");
}

/// A templated wire item (same wording every day, different figures), one
/// line per paragraph as the Reuters reader gives them.
fn templated(day: u32, rng: &mut Rng) -> String {
    let n = |rng: &mut Rng, lo: usize| format!("{},{:03}", lo + rng.below(90), rng.below(1000));
    let lines = [
        "Chicago Mercantile Exchange floor traders and commission house".to_string(),
        format!("representatives are guesstimating today's hog slaughter at about {} to", n(rng, 280)),
        format!("{} head versus {} week ago and {} a year ago.", n(rng, 280), n(rng, 280), n(rng, 280)),
        format!("Cattle slaughter is guesstimated at about {} to", n(rng, 120)),
        format!("{} head versus {} week ago and {} a year ago.", n(rng, 120), n(rng, 120), n(rng, 120)),
        format!("Saturday's hog slaughter for March {day} is guesstimated at about {} head.", n(rng, 20)),
        "The guesstimates are compiled from floor traders and commission houses".to_string(),
        "before the opening of trading and are not official estimates of the".to_string(),
        "Agriculture Department, which reports actual slaughter in the afternoon.".to_string(),
    ];
    lines.join("\n\n")
}

#[test]
fn templated_items_with_different_figures_are_not_grouped() {
    let mut rng = Rng::new(11);
    let mut d = Deduper::default();
    let texts: Vec<String> = (1..=8).map(|day| templated(day, &mut rng)).collect();
    // Without the figures, their wording alone makes them near-duplicates:
    // it is the numbers check that tells the days apart.
    let blind =
        DedupConfig { numbers_max_missing: f32::INFINITY, numbers_partial: f32::INFINITY, ..DedupConfig::default() };
    let mut b = Deduper::new(blind);
    let mut blind_joins = 0;
    for (i, t) in texts.iter().enumerate() {
        let day = format!("1987-03-{:02}", i + 1);
        // One source per day, so that the shared lines are not learnt as
        // boilerplate of a source.
        let src = format!("wire{i}");
        let a = d.add(&art(&format!("day{i}"), &src, &day, t));
        assert_eq!(a.group, format!("day{i}"), "day {i} joined {a:?}");
        if b.add(&art(&format!("day{i}"), &src, &day, t)).group != format!("day{i}") {
            blind_joins += 1;
        }
    }
    assert!(blind_joins >= 4, "{blind_joins}");
}

#[test]
fn edited_copy_of_a_short_table_keeps_its_figures_and_is_found() {
    let mut rng = Rng::new(5);
    let texts: Vec<String> = (1..=4).map(|day| templated(day, &mut rng)).collect();
    // A copy of day 2: lines shuffled, typos, glued and repeated words, a
    // credit line and furniture added, one line dropped.
    let mut lines: Vec<String> = texts[1].split("\n\n").map(str::to_string).collect();
    lines.remove(0);
    lines.reverse();
    lines[0] = lines[0].replacen("head", "haed", 1).replacen(" versus", "versus", 1);
    lines[1] = lines[1].replacen("week", "week week", 1);
    lines[2] = lines[2].replacen("slaughter", "slaugter", 1).replacen(" is ", "is ", 1);
    lines.insert(0, "Story courtesy of AFP.".into());
    lines.push("Tweet this".into());
    let copy = lines.join("\n\n");
    let mut d = Deduper::default();
    for (i, t) in texts.iter().enumerate() {
        d.add(&art(&format!("day{i}"), &format!("wire{i}"), &format!("1987-03-{:02}", i + 1), t));
    }
    let c = d.add(&art("copy", "syndicator.example", "1987-03-03", &copy));
    assert_eq!(c.group, "day1", "{c:?}");
    // The other days stayed apart.
    for i in [0, 2, 3] {
        assert_eq!(d.assignment(&format!("day{i}")).unwrap().group, format!("day{i}"));
    }
}

#[test]
fn number_sketches_compare_the_smaller_set_of_figures() {
    use newsdesk_corpus::dedup::{BottomK, NUM_K};
    let sketch = |t: &str| {
        let mut v = Vec::new();
        newsdesk_corpus::shingle::for_each_number(t, |h| v.push(h as u32));
        BottomK::from_hashes(v)
    };
    let full = sketch("Net 8,037,000 vs 7,710,000; revs 136.4 mln vs 133.3 mln; rate 6-3/16 pct");
    assert_eq!(full.distinct, 5);
    // Glued letters, typos and a repeated figure change nothing.
    let copy = sketch("Net8,037,000 vs 7,710,000 7,710,000; rvs 136.4mln");
    assert_eq!(copy.missing(&full), (3, 0));
    assert_eq!(full.missing(&copy), (3, 0));
    // Another day's figures: all missing. A different fraction is a different number.
    assert_eq!(sketch("Net 9,112,000 vs 7,010,000").missing(&full), (2, 2));
    assert_eq!(sketch("rate 6-1/8 pct").missing(&sketch("rate 6-3/16 pct")), (1, 1));
    // Large sets are sampled consistently: a text compared with itself plus more.
    let many: String = (0..200).map(|i| format!("{} ", 1000 + i * 7)).collect();
    let more = format!("{many} 99999 88888");
    let (a, b) = (sketch(&many), sketch(&more));
    assert_eq!(a.hashes.len(), NUM_K);
    let (checked, missing) = a.missing(&b);
    assert!(checked > 0 && missing == 0, "{checked} {missing}");
    assert!(sketch("no figures here").missing(&a) == (0, 0));
}

#[test]
fn short_excerpt_of_a_long_article_is_found_through_its_paragraphs() {
    // A long article and a copy keeping three of its 30 paragraphs (in
    // another order): resemblance about 0.1, too low for the LSH bands.
    let long = prose(77, 30);
    let pars: Vec<&str> = long.split("\n\n").collect();
    let excerpt = [pars[4], pars[1], pars[2]].join("\n\n");
    let mut d = Deduper::default();
    d.add(&art("long", "a.com", "2020-01-01", &long));
    for i in 0..20 {
        d.add(&art(&format!("other{i}"), "a.com", "2020-01-01", &prose(1000 + i, 10)));
    }
    let sig_long = d.signature(&art("x", "z.com", "2020-01-01", &long)).unwrap();
    let sig_ex = d.signature(&art("y", "z.com", "2020-01-01", &excerpt)).unwrap();
    assert!(sig_long.jaccard(&sig_ex) < 0.2, "{}", sig_long.jaccard(&sig_ex));
    // The paragraph index survives persistence (rebuilt on load).
    let json = serde_json::to_string(&d).unwrap();
    let mut d2: Deduper = serde_json::from_str(&json).unwrap();
    let a = d2.add(&art("excerpt", "b.com", "2020-01-02", &excerpt));
    assert_eq!(a.group, "long", "{a:?}");
    // Without the paragraph index the bands alone miss it.
    let mut blind = Deduper::new(DedupConfig { paragraph_scan: 0, ..DedupConfig::default() });
    blind.add(&art("long", "a.com", "2020-01-01", &long));
    assert_eq!(blind.add(&art("excerpt", "b.com", "2020-01-02", &excerpt)).group, "excerpt");
}

/// A price table: one row per paragraph, the figures make most of the text.
fn table(rows: &[(String, [u32; 4])]) -> String {
    rows.iter().map(|(name, f)| format!("{name} {} {} {} {}", f[0], f[1], f[2], f[3])).collect::<Vec<_>>().join("\n\n")
}

#[test]
fn a_copy_follows_the_update_it_copies() {
    // A: a table; B: its correction a day later (figures of 3 rows of 10
    // changed), which joins A's group on resemblance; C: a syndicated copy
    // of B keeping 8 rows — near-identical to B, too far from A on figures
    // and text to pass against A, the group's canonical article.
    let mut rng = Rng::new(3);
    let names = [
        "Coffee",
        "Cocoa",
        "Sugar eleven",
        "Sugar fourteen",
        "Orange juice",
        "Cotton",
        "Sugar calls",
        "Sugar puts",
        "Copper",
        "Silver",
    ];
    let mut rows: Vec<(String, [u32; 4])> = names
        .iter()
        .map(|n| (format!("{n} estimated volume"), [0; 4].map(|_| 100 + rng.below(90000) as u32)))
        .collect();
    let a = table(&rows);
    for r in rows.iter_mut().take(3) {
        r.1 = [0; 4].map(|_| 100 + rng.below(90000) as u32);
    }
    let b = table(&rows);
    let c = table(&rows[..8]);
    let run = |member_threshold: f32| {
        let mut d = Deduper::new(DedupConfig { member_threshold, ..DedupConfig::default() });
        d.add(&art("a", "wire", "1987-04-07", &a));
        let gb = d.add(&art("b", "wire", "1987-04-08", &b)).group;
        let gc = d.add(&art("c", "syn.example", "1987-04-09", &c)).group;
        let mut sig = |t: &str| d.signature(&art("x", "z", "1987-04-08", t)).unwrap();
        let (sa, sb, sc) = (sig(&a), sig(&b), sig(&c));
        (gb, gc, sc.jaccard(&sb), sc.jaccard(&sa), sb.jaccard(&sa))
    };
    let (gb, gc, cb, ca, ba) = run(DedupConfig::default().member_threshold);
    assert!(cb >= DedupConfig::default().member_threshold && ca < DedupConfig::default().threshold, "{cb} {ca}");
    assert!(ba >= DedupConfig::default().threshold, "{ba}");
    assert_eq!(gb, "a");
    assert_eq!(gc, "a");
    // Without the membership rule the copy would start a group of its own.
    let (_, gc, ..) = run(2.0);
    assert_eq!(gc, "c");
}

/// Hard-wraps `text` at about `width` characters, as wire copy comes.
fn hard_wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in text.split_whitespace() {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.len() + 1 + w.len() > width {
            lines.push(w.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(w);
        }
    }
    lines
}

#[test]
fn copy_of_hard_wrapped_wire_with_blank_lines_between_paragraphs_is_found() {
    // The original: three hard-wrapped paragraphs, no blank lines, each
    // paragraph opened by an indent (Reuters-21578 layout), so every line
    // is a paragraph of its own to the reader.
    let pars: Vec<Vec<String>> = prose(21, 3).split("\n\n").map(|p| hard_wrap(p, 60)).collect();
    let original_text = pars.iter().map(|lines| lines.join("\n")).collect::<Vec<_>>().join("\n    ");
    // A copy that only separates the same wrapped paragraphs by blank lines
    // (the reader then sees multi-line paragraphs) has the same shingles.
    let relaid = pars.iter().rev().map(|lines| lines.join("\n")).collect::<Vec<_>>().join("\n\n");
    // A copy that also drops the lead paragraph and has three typos.
    let edited = format!("{}\n\n{}", pars[2].join("\n"), pars[1].join("\n"))
        .replacen("x3 ", "x4 ", 1)
        .replacen("x5 ", "x6 ", 1)
        .replacen("x1 ", "x2 ", 1);
    let mut d = Deduper::default();
    let a = d.add(&art("wire", "reuters", "1987-03-02", &original_text));
    let b = d.add(&art("relaid", "syndicator.example", "1987-03-02", &relaid));
    let c = d.add(&art("edited", "other.example", "1987-03-03", &edited));
    assert!(a.canonical);
    assert_eq!(b.group, a.group);
    assert_eq!(b.similarity, 1.0, "layout alone changed the shingles: {b:?}");
    assert_eq!(c.group, a.group, "edited copy of the wrapped original not found: {c:?}");
    assert!(!b.canonical && !c.canonical);
}
