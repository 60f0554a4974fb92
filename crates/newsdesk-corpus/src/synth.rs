//! Synthetic syndication sets: copies of articles with the defects real
//! reprints show (the seed article is one): paragraphs in another order,
//! glued words ("USdelegation"), repeated words ("for for"), typos, dropped
//! paragraphs, copies that keep only the first part, added credit lines and
//! site furniture, changed headlines, another source and a later date.
//!
//! Deterministic for a given seed. Copy ids are `<original id>~dup<N>`, so
//! the gold pairs are known from the ids alone.

use newsdesk_core::{Article, OffsetMap, Published, Span};

/// A small, fast, seedable generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Settings of the generator.
#[derive(Debug, Clone)]
pub struct SynthConfig {
    /// Number of copies as a fraction of the input articles.
    pub rate: f64,
    pub seed: u64,
    /// Only articles with at least this many words are copied.
    pub min_words: usize,
    /// What a copy takes as the original's paragraphs.
    pub layout: Layout,
}

/// What a copy takes as the original's paragraphs (the units it shuffles
/// and drops; a copy separates them by blank lines or line breaks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// The reader's paragraphs: in text without blank lines every line,
    /// so hard-wrapped wire copy is shuffled line by line.
    #[default]
    Lines,
    /// Whole paragraphs of hard-wrapped text: a paragraph opens at a blank
    /// line or an indented line, and a copy keeps its wrapped lines
    /// (Reuters-21578 indents its paragraphs).
    Paragraphs,
}

impl std::str::FromStr for Layout {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "lines" => Ok(Layout::Lines),
            "paragraphs" => Ok(Layout::Paragraphs),
            _ => Err(format!("unknown layout {s:?} (expected lines or paragraphs)")),
        }
    }
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig { rate: 0.1, seed: 1, min_words: 40, layout: Layout::Lines }
    }
}

/// The id of the original an id belongs to (itself for originals).
pub fn original_id(id: &str) -> &str {
    match id.rfind("~dup") {
        Some(i) => &id[..i],
        None => id,
    }
}

fn paragraphs_of(a: &Article, layout: Layout) -> Vec<String> {
    if layout == Layout::Paragraphs {
        let mut out: Vec<String> = Vec::new();
        let mut open = false;
        for line in a.text.lines() {
            if line.trim().is_empty() {
                open = false;
                continue;
            }
            let indented = line.starts_with([' ', '\t']);
            match out.last_mut() {
                Some(last) if open && !indented => {
                    last.push('\n');
                    last.push_str(line.trim_end());
                }
                _ => out.push(line.trim().to_string()),
            }
            open = true;
        }
        return out;
    }
    let map = OffsetMap::new(&a.text);
    let spans: Vec<Span> =
        if a.paragraphs.is_empty() { newsdesk_core::paragraph_spans(&a.text) } else { a.paragraphs.clone() };
    spans.iter().filter_map(|p| a.text.get(map.to_byte(p.start)..map.to_byte(p.end))).map(str::to_string).collect()
}

const CREDITS: &[&str] = &[
    "This story was first published by {}.",
    "Source: {}",
    "Reporting by {} staff.",
    "With reporting from {}.",
    "Story courtesy of {}.",
];
const AGENCIES: &[&str] = &["Deutsche Welle", "AFP", "Reuters", "AP", "BBC", "Xinhua", "Bloomberg"];
const FURNITURE: &[&str] = &[
    "Share on Facebook",
    "Tweet this",
    "Print this page",
    "Like us on Facebook for more news.",
    "Loading comments...",
];

/// Edits one word-level defect into `s` at a random place; returns false
/// when the paragraph has too few words.
fn glue_words(rng: &mut Rng, s: &mut String) -> bool {
    let spaces: Vec<usize> = s.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.is_empty() {
        return false;
    }
    let i = spaces[rng.below(spaces.len())];
    s.remove(i);
    true
}

fn repeat_word(rng: &mut Rng, s: &mut String) -> bool {
    let words: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    let (start, w) = words[rng.below(words.len())];
    let w = w.to_string();
    s.insert_str(start, &format!("{w} "));
    true
}

fn typo(rng: &mut Rng, s: &mut String) -> bool {
    let letters: Vec<usize> = s.char_indices().filter(|(_, c)| c.is_ascii_lowercase()).map(|(i, _)| i).collect();
    if letters.is_empty() {
        return false;
    }
    let i = letters[rng.below(letters.len())];
    let c = (b'a' + rng.below(26) as u8) as char;
    if rng.chance(0.5) {
        s.replace_range(i..i + 1, &c.to_string());
    } else {
        s.remove(i);
    }
    true
}

/// Makes one syndicated copy of `a`.
pub fn make_copy(rng: &mut Rng, a: &Article, copy_no: usize, layout: Layout) -> Article {
    let mut pars = paragraphs_of(a, layout);
    let n = pars.len();
    // Keep only the first part (an excerpt), or drop a few paragraphs.
    if n >= 3 && rng.chance(0.15) {
        let keep = ((n as f64) * (0.45 + 0.3 * rng.unit())).ceil() as usize;
        pars.truncate(keep.clamp(1, n));
    } else if n >= 4 && rng.chance(0.3) {
        let drops = 1 + rng.below((n / 5).max(1));
        for _ in 0..drops {
            let i = rng.below(pars.len());
            pars.remove(i);
        }
    }
    // Paragraph order: fully shuffled, or two swapped.
    if rng.chance(0.7) {
        rng.shuffle(&mut pars);
    } else if pars.len() >= 2 {
        let i = rng.below(pars.len() - 1);
        pars.swap(i, i + 1);
    }
    let edit = |rng: &mut Rng, pars: &mut Vec<String>, times: usize, f: fn(&mut Rng, &mut String) -> bool| {
        for _ in 0..times {
            if pars.is_empty() {
                return;
            }
            let i = rng.below(pars.len());
            f(rng, &mut pars[i]);
        }
    };
    if rng.chance(0.5) {
        let t = 1 + rng.below(3);
        edit(rng, &mut pars, t, glue_words);
    }
    if rng.chance(0.5) {
        let t = 1 + rng.below(2);
        edit(rng, &mut pars, t, repeat_word);
    }
    if rng.chance(0.4) {
        let t = 1 + rng.below(3);
        edit(rng, &mut pars, t, typo);
    }
    if rng.chance(0.5) {
        let agency = AGENCIES[rng.below(AGENCIES.len())];
        let line = CREDITS[rng.below(CREDITS.len())].replace("{}", agency);
        if rng.chance(0.5) {
            pars.insert(0, line);
        } else {
            pars.push(line);
        }
    }
    if rng.chance(0.3) {
        pars.push(FURNITURE[rng.below(FURNITURE.len())].to_string());
    }
    let site = format!("syndicator{}.example", rng.below(50));
    let title = if rng.chance(0.5) { format!("{} | {}", a.title, site) } else { a.title.clone() };
    let sep = if rng.chance(0.8) { "\n\n" } else { "\n" };
    let text = pars.join(sep);
    // Same day or up to two days later, never earlier than the original.
    let delay = chrono::Duration::days(rng.below(3) as i64) + chrono::Duration::minutes(1 + rng.below(600) as i64);
    let published = a.published.map(|p| match p {
        Published::Date(d) => Published::Date(d + chrono::Duration::days(delay.num_days())),
        Published::Local(t) => Published::Local(t + delay),
        Published::Zoned(t) => Published::Zoned(t + delay),
    });
    Article::new(
        Some(format!("{}~dup{}", a.id, copy_no)),
        Some(format!("https://{site}/news/{}", rng.next_u64() % 1_000_000)),
        Some(site),
        title,
        published,
        None,
        text,
        a.provenance.clone(),
    )
}

/// Returns the input articles with `rate × len` copies mixed in: each copy
/// comes after its original, within the next 100 articles. Originals are
/// drawn (with replacement) among articles of at least `min_words` words.
pub fn synthesize(articles: &[Article], cfg: &SynthConfig) -> Vec<Article> {
    let mut rng = Rng::new(cfg.seed);
    let eligible: Vec<usize> = articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.text.split_whitespace().count() >= cfg.min_words)
        .map(|(i, _)| i)
        .collect();
    let n_copies = if eligible.is_empty() { 0 } else { (articles.len() as f64 * cfg.rate).round() as usize };
    // insert_after[i] = copies to emit after article i.
    let mut after: Vec<Vec<Article>> = vec![Vec::new(); articles.len()];
    let mut copies_of = vec![0usize; articles.len()];
    for _ in 0..n_copies {
        let o = eligible[rng.below(eligible.len())];
        copies_of[o] += 1;
        let copy = make_copy(&mut rng, &articles[o], copies_of[o], cfg.layout);
        let at = (o + rng.below(100)).min(articles.len() - 1);
        after[at].push(copy);
    }
    let mut out = Vec::with_capacity(articles.len() + n_copies);
    for (a, extra) in articles.iter().zip(after) {
        out.push(a.clone());
        out.extend(extra);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdesk_core::Provenance;

    fn art(id: &str, text: &str) -> Article {
        Article::new(
            Some(id.into()),
            None,
            Some("src".into()),
            "T".into(),
            Published::parse("2020-01-01"),
            None,
            text.into(),
            Provenance::default(),
        )
    }

    #[test]
    fn copies_are_marked_and_deterministic() {
        let text = (0..8)
            .map(|p| (0..12).map(|w| format!("word{p}x{w}")).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
        let arts: Vec<Article> = (0..50).map(|i| art(&format!("a{i}"), &text)).collect();
        let cfg = SynthConfig { rate: 0.2, seed: 7, min_words: 10, ..SynthConfig::default() };
        let out = synthesize(&arts, &cfg);
        assert_eq!(out.len(), 60);
        let copies: Vec<&Article> = out.iter().filter(|a| a.id.contains("~dup")).collect();
        assert_eq!(copies.len(), 10);
        for c in &copies {
            assert!(arts.iter().any(|a| a.id == original_id(&c.id)));
            // Every copy comes after its original.
            let pc = out.iter().position(|a| a.id == c.id).unwrap();
            let po = out.iter().position(|a| a.id == original_id(&c.id)).unwrap();
            assert!(po < pc);
        }
        let again = synthesize(&arts, &cfg);
        assert_eq!(out, again);
        assert_eq!(original_id("x~dup3"), "x");
        assert_eq!(original_id("x"), "x");
    }

    #[test]
    fn paragraph_layout_keeps_hard_wrapped_paragraphs_whole() {
        let text = "First line of one\nparagraph goes on.\n    Second one\nwraps too.\n    Third.";
        let a = art("w", text);
        assert_eq!(
            paragraphs_of(&a, Layout::Paragraphs),
            ["First line of one\nparagraph goes on.", "Second one\nwraps too.", "Third."]
        );
        assert_eq!(paragraphs_of(&a, Layout::Lines).len(), 5);
        assert_eq!("paragraphs".parse(), Ok(Layout::Paragraphs));
        assert!("pages".parse::<Layout>().is_err());
        // Blank lines open paragraphs too.
        let b = art("b", "One\nwrapped.\n\nTwo.");
        assert_eq!(paragraphs_of(&b, Layout::Paragraphs), ["One\nwrapped.", "Two."]);
        // Copies then shuffle whole paragraphs: a wrapped line stays after
        // the line it continues, where the line layout scatters it.
        let arts: Vec<Article> = (0..20).map(|i| art(&format!("w{i}"), text)).collect();
        let scattered = |layout: Layout| {
            let cfg = SynthConfig { rate: 1.0, seed: 3, min_words: 1, layout };
            let out = synthesize(&arts, &cfg);
            let copies: Vec<&Article> = out.iter().filter(|c| c.id.contains("~dup")).collect();
            assert_eq!(copies.len(), 20);
            // Copies whose "wraps too" line does not follow the line it continues.
            copies
                .iter()
                .filter(|c| {
                    let lines: Vec<&str> = c.text.lines().collect();
                    lines
                        .iter()
                        .position(|l| l.contains("wraps"))
                        .is_some_and(|i| i == 0 || !lines[i - 1].starts_with("Second"))
                })
                .count()
        };
        assert_eq!(scattered(Layout::Paragraphs), 0);
        assert!(scattered(Layout::Lines) >= 10);
    }
}
