//! Online story clustering in publication order, and story summaries with
//! timelines.
//!
//! Each article becomes a sparse, L2-normalised vector of
//! - content words (lower-cased, stop words removed), TF-IDF weighted with
//!   document frequencies maintained as the stream goes;
//! - **names**: capitalised words and phrases that do not open a sentence
//!   (a proxy for people, places and organisations), or the analysis'
//!   entities when the NER stage filled them; weighted up;
//! - the headline's words, weighted up;
//! - **event dates**: the dates the first sentences refer to (from the
//!   analysis' time expressions, or a small fallback resolver).
//!
//! The article joins the active story whose centroid is most similar
//! (cosine), if that similarity reaches a threshold that rises with the time
//! since the story's last article (`threshold + time_penalty · ln(1+days)`);
//! otherwise it starts a new story. Stories with no article for
//! `max_gap_days` stop being candidates ("fade") and give back their
//! centroid memory; an incident's story waits `max_linked_gap_days` for a
//! linked follow-up (a trial naming its people). Near-duplicates (same dup
//! group) join the story of their group — unless what they share is only
//! page furniture (see [`StoryClusterer::add`]). Candidate stories are found
//! through an inverted index over the stories' top centroid terms, so the
//! cost per article does not grow with the number of active stories.

use crate::dates;
use newsdesk_core::{Analysis, EntityKind, Published};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// Settings of a [`StoryClusterer`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryConfig {
    /// Minimum cosine similarity to join a story updated the same day.
    pub threshold: f32,
    /// Added to the threshold per unit of ln(1 + days since the story's last article).
    pub time_penalty: f32,
    /// A story with no article for this many days is closed, unless it
    /// reports an incident (an age, or harm in a headline); then it takes
    /// only a linked article (a shared rare person's full name, an age and
    /// a rare place, or the event day and a place; see `links`).
    pub max_gap_days: i64,
    /// An incident's story with no article for this many days is closed:
    /// trials and sentencings come years after the incident and name its
    /// people (at least `max_gap_days`).
    pub max_linked_gap_days: i64,
    /// Minimum cosine of the name features alone that lets an article join
    /// a story regardless of the time gap (follow-ups: trials, sentencing),
    /// if its overall similarity also reaches `threshold`.
    pub name_threshold: f32,
    /// Below this name-feature cosine, joining needs `nameless_threshold`.
    pub min_name_overlap: f32,
    pub nameless_threshold: f32,
    /// Weight of name features relative to content words.
    pub name_weight: f32,
    /// Extra term frequency given to headline words.
    pub title_weight: f32,
    /// Weight of an event-date feature.
    pub date_weight: f32,
    /// For a story of this many articles or more, an article's similarity
    /// (without a link, see `links`) is the smaller of its similarity to
    /// the centroid and to the nearest of the story's latest `MEMBERS`
    /// articles: a large story's centroid holds a whole topic, and an
    /// article of the topic must still be near the story's latest news.
    /// Otherwise a dense one-outlet wire chains a country's economy or a
    /// bloc's farm policy into one story of months. 0 = off.
    pub large_story_size: u32,
    /// A story older than this many days (since its first article) is
    /// joined only by an article linked to it (a shared rare person's full
    /// name, an age and a rare place, or the event day and a place; see
    /// `links`): different incidents of one place and kind look alike,
    /// follow-ups (trials, sentencings) name the same people and look back
    /// to the same day. Negative = off.
    pub person_gate_days: i64,
    /// Share of `time_penalty` applied when two kinds of link (a person, an
    /// age and a rare place, the event day and a place; see `links`) join
    /// the article to the story.
    pub double_link_penalty: f32,
    /// Added to the similarity needed when the story has articles of one
    /// outlet only, the new article is of that outlet too, a day or more
    /// later, and nothing links them (see `links`): an outlet's reports of
    /// different incidents share its city, its officials and its phrasing.
    /// Only once the stream has shown two or more outlets (a one-outlet
    /// corpus is calibrated on itself).
    pub same_source_penalty: f32,
    /// Added to the similarity needed when the article and the story both
    /// give ages and none is within a year of another, and nothing links
    /// them (the reports are about other people).
    pub age_mismatch_penalty: f32,
    /// Added when both name streets, none in common, and nothing links them
    /// (the reports are about another scene).
    pub street_mismatch_penalty: f32,
    /// Added when the article's headline names someone or something (a
    /// capitalised word that its content also names) and none of those is
    /// among the story's terms, and nothing links them: outside incident
    /// reports, a new name in the headline is a new subject ("Tropical Storm
    /// Humberto" after Hurricane Dorian). Incident reports are left out: their
    /// follow-ups headline the victim or suspect the first report could not
    /// name.
    pub headline_name_penalty: f32,
    /// The days taken to lie between an article and a story when either
    /// has no publication date (an undated corpus has no time dimension:
    /// without this every pair would be "the same day", and stories would
    /// grow into topics). Used for the time penalty, the person gate and
    /// every within-days rule.
    pub undated_gap_days: i64,
    /// A person name found in more than this many stories is not
    /// evidence (officials, spokespeople, reporters).
    pub max_person_stories: u32,
    /// An incident report more than `person_gate_days` after a story's
    /// last article joins it at `threshold` when both name this many of
    /// the same rare people (0 = off): a trial two years on names the
    /// victim, the accused and the witnesses, in other words than the
    /// first reports. Dated articles only.
    pub follow_up_people: u32,
    /// An age and a place named in at most this many stories, both shared,
    /// link an article to a story like a shared person (0 = off): "a
    /// 15-year-old" in "Mount Pleasant" is the same victim weeks later.
    pub max_place_stories: u32,
    /// Gate every story, not only those reporting incidents (see
    /// `Features::incident`); off by default: running topics (protests,
    /// politics) change their people from one article to the next.
    pub gate_strict: bool,
    /// Within this many days a shared street name halves the similarity
    /// needed, if at most `max_place_stories` stories name it ("Downing
    /// Street" is no scene) (-1 = off).
    pub street_days: i64,
    /// Within this many days a shared place named in at most
    /// `max_place_stories` stories (a neighbourhood, a small town, a venue)
    /// halves the similarity needed, like a street (-1 = off).
    pub place_days: i64,
    /// Incident reports whose event days differ by more than this are
    /// different incidents unless they share a person (-1 = off).
    pub event_day_slack: i64,
    /// Headline similarity (IDF-weighted cosine to one of the story's
    /// headlines) that joins an article with (almost) no body text, and
    /// that an article whose body names no one and nothing needs to join
    /// at all.
    pub title_threshold: f32,
    /// Headline similarity that joins a full article to a story updated
    /// within `headline_days` days (> 1 = off): reports of one incident
    /// share their headline's rare words even when their bodies (long,
    /// boilerplate-heavy pages) do not look alike.
    pub headline_threshold: f32,
    pub headline_days: i64,
    /// Centroid terms kept per story.
    pub centroid_terms: usize,
    /// Article terms used to look up candidate stories.
    pub query_terms: usize,
    /// Timeline events and quotes kept per story.
    pub max_events: usize,
    pub max_quotes: usize,
}

impl StoryConfig {
    /// Days without an article after which a story closes: `max_gap_days`,
    /// or for an incident's story `max_linked_gap_days` when longer.
    fn open_days(&self, incident: bool) -> i64 {
        if incident {
            self.max_gap_days.max(self.max_linked_gap_days)
        } else {
            self.max_gap_days
        }
    }
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.10,
            time_penalty: 0.06,
            max_gap_days: 400,
            max_linked_gap_days: 1500,
            name_threshold: 0.4,
            min_name_overlap: 0.1,
            nameless_threshold: 0.5,
            name_weight: 1.125,
            title_weight: 3.0,
            date_weight: 3.0,
            large_story_size: 8,
            person_gate_days: 7,
            double_link_penalty: 0.5,
            same_source_penalty: 0.1,
            age_mismatch_penalty: 0.05,
            street_mismatch_penalty: 0.1,
            headline_name_penalty: 0.1,
            undated_gap_days: 14,
            max_person_stories: 3,
            follow_up_people: 3,
            max_place_stories: 3,
            gate_strict: false,
            street_days: 3,
            place_days: 1,
            event_day_slack: 2,
            title_threshold: 0.35,
            headline_threshold: 0.5,
            headline_days: 1,
            centroid_terms: 200,
            query_terms: 30,
            max_events: 60,
            max_quotes: 12,
        }
    }
}

/// A dated event of a story's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// The day the sentence refers to (`YYYY-MM-DD`).
    pub date: String,
    /// The sentence.
    pub text: String,
    /// The article it comes from.
    pub article: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
}

/// A key quote of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyQuote {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<String>,
    pub article: String,
}

/// A name (entity) of a story, with the number of articles mentioning it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEntity {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<EntityKind>,
    pub articles: u32,
}

/// What `newsdesk stories --summary` writes per story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorySummary {
    pub id: String,
    /// A representative headline: the one closest to the story's centroid.
    pub headline: String,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub article_count: u32,
    pub sources: Vec<String>,
    pub top_entities: Vec<StoryEntity>,
    /// Dated events ordered by date (then by arrival), deduplicated across articles.
    pub timeline: Vec<TimelineEvent>,
    pub quotes: Vec<KeyQuote>,
    /// Member article ids in arrival order (the first 1,000).
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Story {
    id: String,
    first: Option<Published>,
    last: Option<Published>,
    last_day: i64,
    first_day: i64,
    /// Some member reports an incident (see `Features::incident`).
    incident: bool,
    /// Some member's headline reports harm (see `Features::harm`).
    #[serde(default)]
    harm: bool,
    /// Some member has a publication date (`first_day`, `last_day` are theirs).
    #[serde(default)]
    dated: bool,
    /// Event days of its members (at most 32).
    event_days: Vec<i64>,
    /// Sorted street hashes of its members (at most 100).
    streets: Vec<u64>,
    /// Sorted ages given in its members (at most 32).
    ages: Vec<u8>,
    /// Sorted place hashes (at most 200) and headline n-gram hashes (at most 400).
    places: Vec<u64>,
    title_grams: Vec<u64>,
    count: u32,
    /// Hashes of the full person names of its members (at most 300).
    persons: Vec<u64>,
    /// Sum of member vectors (top terms only, sorted by term); empty once closed.
    centroid: Vec<(u64, f32)>,
    norm: f32,
    /// Norm of the centroid's whole-name terms, and of all its name terms.
    name_norm: f32,
    any_name_norm: f32,
    /// Vectors (top `MEMBER_TERMS` terms, by term) of the latest `MEMBERS`
    /// articles once the story nears `large_story_size`.
    members: Vec<Vec<(u64, f32)>>,
    active: bool,
    /// (headline, term hashes) of up to 20 members.
    titles: Vec<(String, Vec<u64>)>,
    sources: Vec<String>,
    entities: FxHashMap<String, (Option<EntityKind>, u32)>,
    events: Vec<TimelineEvent>,
    event_keys: FxHashSet<u64>,
    quotes: Vec<KeyQuote>,
    quote_keys: FxHashSet<u64>,
    articles: Vec<String>,
}

/// Online story clusterer. See the module documentation.
#[derive(Serialize, Deserialize)]
pub struct StoryClusterer {
    config: StoryConfig,
    stories: Vec<Story>,
    /// Indices of open stories.
    open: Vec<u32>,
    /// term → stories whose centroid holds it (may list closed ones; pruned lazily).
    postings: FxHashMap<u64, Vec<u32>>,
    df: FxHashMap<u64, u32>,
    /// Normalised paragraph hash → articles (not copies) containing it.
    par_count: FxHashMap<u64, u32>,
    docs: u64,
    dup_story: FxHashMap<String, u32>,
    /// Person-name hash → number of stories naming it.
    person_stories: FxHashMap<u64, u32>,
    /// Place (or street) hash → number of stories naming it.
    place_stories: FxHashMap<u64, u32>,
    /// (source, headline segment) → number of earlier headlines ending with it.
    title_seg_count: FxHashMap<u64, u32>,
    /// The first outlet seen, and whether another one has been seen since.
    first_source: Option<String>,
    many_sources: bool,
    /// The latest publication day seen (the stream's "now").
    now: i64,
    since_sweep: u32,
}

const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "said",
    "says",
    "say",
    "told",
    "according",
    "mr",
    "mrs",
    "ms",
    "one",
    "two",
    "three",
    "new",
    "may",
    "like",
    "get",
    "got",
    "people",
    "year",
    "years",
    "last",
    "first",
    "time",
    "news",
    "many",
    "much",
    "well",
    "back",
    "still",
    "since",
    "around",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
];

/// How many of a large story's latest articles it is compared with (see
/// `StoryConfig::large_story_size`).
const MEMBERS: usize = 4;
/// How many of an article's heaviest terms are kept for that comparison.
const MEMBER_TERMS: usize = 60;

/// How far before its publication a report's event day may lie (see
/// `Features::event_days`).
const EVENT_LOOKBACK_DAYS: i64 = 30;

fn stopwords() -> &'static FxHashSet<&'static str> {
    static S: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    S.get_or_init(|| STOP.iter().copied().collect())
}

/// Term namespaces, kept in the low two bits of a term hash. `NS_NAME` is
/// a whole multi-word name ("Jillian Roberson"), the evidence of the name track.
const NS_WORD: u64 = 0;
const NS_NAME: u64 = 1;
const NS_DATE: u64 = 2;
/// One word of a name ("Chicago", "Abdulazeez"): weighted like names, but
/// not evidence for the long-gap name track on its own.
const NS_NAME_PART: u64 = 3;

fn term(ns: u64, s: &str) -> u64 {
    (xxh3_64(s.as_bytes()) & !3) | ns
}

/// Dot product of two term-sorted sparse vectors: (all terms, whole names,
/// any name term).
fn merge_dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> (f32, f32, f32) {
    let (mut i, mut j) = (0, 0);
    let (mut dot, mut ndot, mut adot) = (0.0f32, 0.0f32, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let p = a[i].1 * b[j].1;
                dot += p;
                if is_name(a[i].0) {
                    ndot += p;
                }
                if is_any_name(a[i].0) {
                    adot += p;
                }
                i += 1;
                j += 1;
            }
        }
    }
    (dot, ndot, adot)
}

fn is_any_name(t: u64) -> bool {
    t & 3 == NS_NAME || t & 3 == NS_NAME_PART
}

/// Sublinear term frequency: 1 + ln(tf) from tf = 1 up, tf itself below
/// (fractional weights), 0 for nothing.
fn sublinear(tf: f32) -> f32 {
    if tf >= 1.0 {
        1.0 + tf.ln()
    } else {
        tf.max(0.0)
    }
}

fn is_name(t: u64) -> bool {
    t & 3 == NS_NAME
}

fn day_of(p: &Published) -> i64 {
    crate::dedup::published_seconds(p).div_euclid(86_400)
}

/// Days since the epoch of a date (the scale of [`day_of`]).
fn epoch_day(d: &chrono::NaiveDate) -> i64 {
    d.signed_duration_since(chrono::NaiveDate::default()).num_days()
}

/// The article's side of a comparison with candidate stories.
struct Query<'a> {
    /// Its vector sorted by term.
    by_term: &'a [(u64, f32)],
    /// Norms of its whole-name terms and of all its name terms.
    a_names: f32,
    a_any: f32,
    /// Its headline's [`StoryClusterer::title_norm`].
    title_norm: f32,
}

/// Raw features of one article.
struct Features {
    /// (term, weight before idf)
    terms: FxHashMap<u64, f32>,
    /// Display names for the story's entity list.
    names: Vec<(String, Option<EntityKind>)>,
    title_terms: Vec<u64>,
    /// Hashes of full person names (two or more words), from the NER stage.
    persons: Vec<u64>,
    /// Fewer than 30 words of body text: the headline is the evidence.
    short: bool,
    /// Gives someone's age ("a 23-year-old man", "Jane Roe, 41,"): a report
    /// of an incident (crime, accident) about private individuals.
    incident: bool,
    /// The headline reports harm done to someone ("4 hospitalized in South
    /// LA shooting"): an incident report, whether or not it gives ages.
    harm: bool,
    /// The article has a publication date.
    dated: bool,
    /// Event days (days since the epoch) the lead sentences refer to, at
    /// most `EVENT_LOOKBACK_DAYS` before publication.
    event_days: Vec<i64>,
    /// Hashes of street names ("East 34th Street") among the entities.
    streets: Vec<u64>,
    /// Keys of the headline's trailing segments (see `headline`).
    title_keys: Vec<u64>,
    /// Ages given for people ("a 23-year-old man", "Jane Roe, 41,"), sorted.
    ages: Vec<u8>,
    /// Hashes of the places the NER stage found, and of the headline's
    /// word 1–3-grams (a headline's places are not tagged), sorted.
    places: Vec<u64>,
    title_grams: Vec<u64>,
    /// Days (since the epoch) the text refers to that lie 3 or more days
    /// before its publication ("the Oct. 29 shooting"), sorted.
    past_days: Vec<i64>,
    /// Name-part terms of the headline's names: its capitalised words after
    /// the first that the content also names.
    headline_names: Vec<u64>,
    /// The content (furniture left out) has five words or more.
    has_body: bool,
    /// The dates of the first `DATED_SENTENCES` sentences, one entry per sentence.
    dates: Vec<Vec<chrono::NaiveDate>>,
    source: Option<String>,
}

/// Words of a text with whether each is capitalised and not sentence-initial.
fn words<'t>(text: &'t str, mut f: impl FnMut(&'t str, bool)) {
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            let w = &text[s..i];
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            f(w, cap && !sentence_start);
            sentence_start = false;
        }
        if matches!(c, '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '”' | '(' | '—') {
            sentence_start = true;
        }
    }
}

impl StoryClusterer {
    pub fn new(config: StoryConfig) -> Self {
        StoryClusterer {
            config,
            stories: Vec::new(),
            open: Vec::new(),
            postings: FxHashMap::default(),
            df: FxHashMap::default(),
            par_count: FxHashMap::default(),
            docs: 0,
            dup_story: FxHashMap::default(),
            person_stories: FxHashMap::default(),
            place_stories: FxHashMap::default(),
            title_seg_count: FxHashMap::default(),
            first_source: None,
            many_sources: false,
            now: i64::MIN,
            since_sweep: 0,
        }
    }

    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// Number of stories so far (open and closed).
    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// Number of open (active) stories.
    pub fn open_count(&self) -> usize {
        self.open.len()
    }

    /// The article's paragraphs that are not boilerplate (site furniture, or
    /// seen in `2`+ earlier articles of other groups), with their spans; and
    /// the hashes of all its paragraphs.
    fn content_paragraphs<'a>(&self, a: &'a Analysis) -> (Vec<(newsdesk_core::Span, &'a str)>, Vec<u64>) {
        let text = a.article.text.as_str();
        let map = newsdesk_core::OffsetMap::new(text);
        let spans = if a.article.paragraphs.is_empty() {
            newsdesk_core::paragraph_spans(text)
        } else {
            a.article.paragraphs.clone()
        };
        let mut keep = Vec::new();
        let mut hashes = Vec::new();
        let mut buf = Vec::new();
        for p in spans {
            let Some(par) = text.get(map.to_byte(p.start)..map.to_byte(p.end)) else {
                continue;
            };
            buf.clear();
            crate::shingle::normalize_into(par, &mut buf);
            let h = crate::shingle::paragraph_hash(&buf);
            hashes.push(h);
            if crate::dedup::is_furniture(par) || self.par_count.get(&h).copied().unwrap_or(0) >= 2 {
                continue;
            }
            keep.push((p, par));
        }
        (keep, hashes)
    }

    /// The headline without its site furniture: a segment after " - ", " | "
    /// or " :: " that names the outlet (its host name's first label) or that
    /// ended an earlier headline of the same source ("KSLA News 12
    /// Shreveport, Louisiana News Weather & Sports"). Also returns the keys of
    /// the trailing segments, to be counted once the article is added.
    fn headline(&self, a: &Analysis) -> (String, Vec<u64>) {
        let title = a.article.title.trim();
        let src = a.article.source.as_deref().unwrap_or("");
        let label: String = src
            .trim_start_matches("www.")
            .split('.')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let segs = title_segments(title);
        let mut keep = String::new();
        let mut keys = Vec::new();
        for (i, seg) in segs.iter().enumerate() {
            let squashed: String = seg.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            let key = xxh3_64(format!("{src}\u{1}{squashed}").as_bytes());
            if i > 0 {
                keys.push(key);
                if (label.len() >= 3 && squashed.contains(&label))
                    || self.title_seg_count.get(&key).copied().unwrap_or(0) >= 1
                {
                    continue;
                }
            }
            if !keep.is_empty() {
                keep.push_str(" - ");
            }
            keep.push_str(seg);
        }
        (keep, keys)
    }

    fn features(&self, a: &Analysis) -> (Features, Vec<u64>) {
        let stop = stopwords();
        let mut terms: FxHashMap<u64, f32> = FxHashMap::with_capacity_and_hasher(512, Default::default());
        let mut names: Vec<(String, Option<EntityKind>)> = Vec::new();
        // Content words; capitalised runs not opening a sentence are names.
        let add_words = |text: &str, weight: f32, terms: &mut FxHashMap<u64, f32>, found: &mut Vec<String>| {
            let mut run: Vec<&str> = Vec::new();
            let flush = |run: &mut Vec<&str>, found: &mut Vec<String>| {
                if !run.is_empty() {
                    found.push(run.join(" "));
                    run.clear();
                }
            };
            let mut lw = String::new();
            words(text, |w, cap| {
                lw.clear();
                if w.is_ascii() {
                    lw.push_str(w);
                    lw.make_ascii_lowercase();
                } else {
                    lw.extend(w.chars().flat_map(char::to_lowercase));
                }
                let is_stop = stop.contains(lw.as_str());
                if cap && !is_stop && !dates::is_calendar_word(w) && w.chars().count() > 1 {
                    run.push(w);
                } else {
                    flush(&mut run, found);
                }
                if is_stop || lw.len() < 3 || lw.bytes().all(|b| b.is_ascii_digit()) {
                    return;
                }
                *terms.entry(term(NS_WORD, lw.as_str())).or_insert(0.0) += weight;
            });
            flush(&mut run, found);
        };
        // Words of the body once furniture and recurring paragraphs are gone
        // ("Get email notifications on …" pages have none).
        let (pars, hashes) = self.content_paragraphs(a);
        // Entities named only in furniture (a network's page chrome, photo
        // captions, bylines) are not the news; an entity without mentions
        // (built by hand) is kept.
        let in_content = |m: &newsdesk_core::Mention| pars.iter().any(|(p, _)| p.start <= m.start && m.end <= p.end);
        let entities: Vec<&newsdesk_core::Entity> =
            a.entities.iter().filter(|e| e.mentions.is_empty() || e.mentions.iter().any(in_content)).collect();
        // Content words, counted up to 30: fewer than 30 is a short page;
        // five or more is a body, not a leftover line of page chrome.
        let content_words = pars.iter().flat_map(|(_, p)| p.split_whitespace()).take(30).count();
        let short = content_words < 30;
        let has_body = content_words >= 5;
        let mut title_terms_map = FxHashMap::default();
        let (mut title, title_keys) = self.headline(a);
        // A page without body text has its URL's slug as a second headline
        // (often the first version of the headline: "four-teens-shot-after-party").
        if short {
            if let Some(slug) = a.article.url.as_deref().and_then(url_slug) {
                title.push_str(" - ");
                title.push_str(&slug);
            }
        }
        let title = title.as_str();
        add_words(title, 1.0, &mut title_terms_map, &mut Vec::new());
        // Ages in a headline ("Boy, 3, dies") are words of it.
        for g in ages_in(title) {
            title_terms_map.insert(term(NS_WORD, &age_word(g)), 1.0);
        }
        let title_terms: Vec<u64> = title_terms_map.keys().copied().collect();
        for (t, w) in title_terms_map {
            *terms.entry(t).or_insert(0.0) += w * self.config.title_weight;
        }
        let mut runs = Vec::new();
        for &(_, p) in &pars {
            // In a shouted (mostly upper-case) paragraph capitals say nothing
            // about names.
            let (upper, letters) = p
                .chars()
                .filter(|c| c.is_alphabetic())
                .fold((0, 0), |(u, l), c| (u + usize::from(c.is_uppercase()), l + 1));
            if upper * 2 > letters {
                add_words(p, 1.0, &mut terms, &mut Vec::new());
            } else {
                add_words(p, 1.0, &mut terms, &mut runs);
            }
        }
        // Names: the analysis' entities (of the content) when the NER stage filled them, plus
        // the capitalised runs it did not cover (the proxy works on its own
        // when there are no entities).
        // Each name counts once per mention in the content.
        let mut mentions: Vec<f32> = Vec::new();
        for e in &entities {
            if e.kind != EntityKind::Other {
                names.push((e.name.clone(), Some(e.kind)));
                mentions.push(e.mentions.iter().filter(|m| in_content(m)).count().max(1) as f32);
            }
        }
        let known: FxHashSet<String> = names.iter().map(|(n, _)| n.to_lowercase()).collect();
        for r in runs {
            if !known.contains(&r.to_lowercase()) {
                names.push((r, None));
                mentions.push(1.0);
            }
        }
        // Name features: each word of a name, and the whole name.
        // A place's whole name ("Virginia Beach") is weighted like a name
        // but is no evidence for the name track: many incidents share a city.
        for ((n, k), &m) in names.iter().zip(&mentions) {
            let ln = n.to_lowercase();
            let parts: Vec<&str> = ln.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            for w in &parts {
                *terms.entry(term(NS_NAME_PART, w)).or_insert(0.0) += m;
            }
            if parts.len() > 1 {
                let ns = if *k == Some(EntityKind::Place) { NS_NAME_PART } else { NS_NAME };
                *terms.entry(term(ns, &parts.join(" "))).or_insert(0.0) += m;
            }
        }
        // Event dates: the first sentences' dates. (The dates of the first
        // `DATED_SENTENCES` sentences are read once, for the event days, the
        // days looked back to and the timeline.)
        let pub_date = a.article.published.map(|p| p.date());
        let dates = sentence_dates(a, pub_date, DATED_SENTENCES);
        let lead = lead_dates(&dates, 3);
        for d in &lead {
            terms.insert(term(NS_DATE, &d.to_string()), 1.0);
        }
        let mut seen = FxHashSet::default();
        names.retain(|(n, _)| seen.insert(n.to_lowercase()));
        // Headline words the content names: their name-part terms are
        // already among the article's terms.
        let mut headline_names = Vec::new();
        words(title, |w, cap| {
            let lw = w.to_lowercase();
            let t = term(NS_NAME_PART, &lw);
            if cap && lw.chars().count() > 1 && !stop.contains(lw.as_str()) && terms.contains_key(&t) {
                headline_names.push(t);
            }
        });
        headline_names.sort_unstable();
        headline_names.dedup();
        let mut persons: Vec<u64> = aged_names(&a.article.text).filter_map(person_key).collect();
        let aged = !persons.is_empty();
        let mut ages = ages_in(title);
        ages.extend(ages_in(&a.article.text));
        ages.sort_unstable();
        ages.dedup();
        // (`ages_in` covers every "23-year-old".)
        let incident = aged || !ages.is_empty();
        let harm = reports_harm(&a.article.title);
        // People introduced with a role (officers, spokespeople, officials)
        // recur across incidents: in incident reports they are no evidence
        // of one. Elsewhere they are the news (a nominee, a minister).
        let roles_link = !(incident || harm);
        persons.extend(
            entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person && (e.role.is_none() || roles_link))
                .filter_map(|e| person_key(&e.name)),
        );
        persons.sort_unstable();
        persons.dedup();
        let mut streets: Vec<u64> = entities.iter().filter_map(|e| street_key(&e.name)).collect();
        streets.sort_unstable();
        streets.dedup();
        let mut past_days: Vec<i64> = dates
            .iter()
            .flatten()
            .filter(|d| pub_date.is_some_and(|p| (p - **d).num_days() >= 3))
            .map(epoch_day)
            .collect();
        past_days.sort_unstable();
        past_days.dedup();
        // An event day is at most `EVENT_LOOKBACK_DAYS` before publication:
        // an older date in a report's lead is a file photo's caption ("…
        // on Tuesday, Sept. 24, 2013. Buy Photo") or a look back, which
        // `past_days` keeps.
        let event_days: Vec<i64> = lead
            .iter()
            .filter(|d| pub_date.is_none_or(|p| (p - **d).num_days() <= EVENT_LOOKBACK_DAYS))
            .map(epoch_day)
            .collect();

        // Ages are words ("a 15-year-old"; the tokenizer drops digits).
        for &g in &ages {
            *terms.entry(term(NS_WORD, &age_word(g))).or_insert(0.0) += 1.0;
        }
        let mut places: Vec<u64> =
            entities.iter().filter(|e| e.kind == EntityKind::Place).map(|e| place_key(&e.name)).collect();
        places.extend(located_names(&a.article.text));
        places.sort_unstable();
        places.dedup();
        let title_grams = title_grams(title);
        (
            Features {
                terms,
                names,
                title_terms,
                persons,
                short,
                incident,
                harm,
                dated: a.article.published.is_some(),
                event_days,
                streets,
                title_keys,
                ages,
                places,
                title_grams,
                past_days,
                headline_names,
                has_body,
                dates,
                source: a.article.source.clone(),
            },
            hashes,
        )
    }

    fn ns_weight(&self, t: u64) -> f32 {
        if is_name(t) || t & 3 == NS_NAME_PART {
            self.config.name_weight
        } else if t & 3 == NS_DATE {
            self.config.date_weight
        } else {
            1.0
        }
    }

    /// Adds one analysed article; returns its story id. `dup_group` is its
    /// near-duplicate group (from [`crate::Deduper`]), if known: articles of
    /// one group share a story, unless a page shares only furniture with it
    /// (its body is all furniture, or its content is unlike the story's) and
    /// its headline differs.
    pub fn add(&mut self, a: &Analysis, dup_group: Option<&str>) -> String {
        let (mut f, par_hashes) = self.features(a);

        if let Some(src) = &f.source {
            match &self.first_source {
                None => self.first_source = Some(src.clone()),
                Some(first) if first != src => self.many_sources = true,
                Some(_) => {}
            }
        }
        let day = a.article.published.as_ref().map(day_of);
        let day = day.unwrap_or(if self.now == i64::MIN { 0 } else { self.now });
        self.now = self.now.max(day);

        // Document frequencies and the article vector.
        self.docs += 1;
        for t in f.terms.keys() {
            *self.df.entry(*t).or_insert(0) += 1;
        }
        let n = self.docs as f32;
        let mut vec: Vec<(u64, f32)> = f
            .terms
            .iter()
            .filter(|(_, &tf)| tf > 0.0)
            .map(|(&t, &tf)| {
                let df = self.df.get(&t).copied().unwrap_or(1) as f32;
                let idf = ((n + 1.0) / df).ln() + 0.5;
                (t, sublinear(tf) * idf * self.ns_weight(t))
            })
            .collect();
        let norm = vec.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut vec {
                x.1 /= norm;
            }
        }
        vec.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // The same vector by term, for merging with centroids.
        let mut by_term = vec.clone();
        by_term.sort_unstable_by_key(|x| x.0);

        self.since_sweep += 1;
        if self.since_sweep >= 512 {
            self.sweep();
        }

        // The story: the dup group's, else the best open story, else new.
        // A page whose body is all furniture, or whose content (furniture
        // and recurring paragraphs left out) is unlike the story's (cosine
        // below `threshold`), is no copy of its group's story unless its
        // headline says so: what it shares with its group is page chrome.
        let forced = dup_group.and_then(|g| self.dup_story.get(g).copied()).filter(|&s| {
            let st = &self.stories[s as usize];
            let content_alike =
                st.norm <= 0.0 || merge_dot(&by_term, &st.centroid).0 / st.norm >= self.config.threshold;
            (!f.short && content_alike)
                || self.title_sim(&f.title_terms, self.title_norm(&f.title_terms), st) >= self.config.title_threshold
        });
        let chosen = forced.or_else(|| self.best_story(&vec, &by_term, &f, day));
        let sidx = match chosen {
            Some(s) => s,
            None => {
                let s = self.stories.len() as u32;
                self.stories.push(Story {
                    id: format!("s-{}", a.article.id),
                    last_day: day,
                    first_day: day,
                    active: true,
                    ..Story::default()
                });
                self.open.push(s);
                s
            }
        };
        if let Some(g) = dup_group {
            self.dup_story.entry(g.to_string()).or_insert(sidx);
        }
        for k in std::mem::take(&mut f.title_keys) {
            *self.title_seg_count.entry(k).or_insert(0) += 1;
        }
        if self.title_seg_count.len() > 1_000_000 {
            self.title_seg_count.retain(|_, c| *c > 1);
        }
        // Paragraph counts learn from articles that are not copies.
        if forced.is_none() {
            let mut hs = par_hashes;
            hs.sort_unstable();
            hs.dedup();
            for h in hs {
                *self.par_count.entry(h).or_insert(0) += 1;
            }
            if self.par_count.len() > 4_000_000 {
                self.par_count.retain(|_, c| *c > 1);
            }
        }
        self.absorb(sidx, a, &vec, &by_term, f, day);
        self.stories[sidx as usize].id.clone()
    }

    /// IDF weight of a term with the current document frequencies.
    fn idf(&self, t: u64) -> f32 {
        let df = self.df.get(&t).copied().unwrap_or(1) as f32;
        ((self.docs as f32 + 1.0) / df).ln() + 0.5
    }

    /// The IDF-weighted norm of a headline's terms.
    fn title_norm(&self, title: &[u64]) -> f32 {
        title.iter().map(|&t| self.idf(t).powi(2)).sum::<f32>().sqrt()
    }

    /// Best IDF-weighted cosine between a headline (its terms and
    /// [`Self::title_norm`]) and a story's headlines.
    fn title_sim(&self, title: &[u64], na: f32, st: &Story) -> f32 {
        if na <= 0.0 {
            return 0.0;
        }
        let mut best = 0.0f32;
        for (_, other) in &st.titles {
            let nb: f32 = other.iter().map(|&t| self.idf(t).powi(2)).sum::<f32>().sqrt();
            if nb <= 0.0 {
                continue;
            }
            let dot: f32 = title.iter().filter(|t| other.contains(t)).map(|&t| self.idf(t).powi(2)).sum();
            best = best.max(dot / (na * nb));
        }
        best
    }

    /// Whether the article and the story name a common place that at most
    /// `max_place_stories` stories name (a town, a venue; not a big city).
    fn shares_rare_place(&self, f: &Features, st: &Story) -> bool {
        self.shares_place(f, st, self.config.max_place_stories)
    }

    /// Whether at most `max` stories name a place (or street); `u32::MAX`: any place.
    fn place_is_rare(&self, h: u64, max: u32) -> bool {
        max == u32::MAX || self.place_stories.get(&h).copied().unwrap_or(0) <= max
    }

    /// Whether the article and the story name a common place that at most
    /// `max` stories name (places of one side may be headline n-grams of the other).
    fn shares_place(&self, f: &Features, st: &Story, max: u32) -> bool {
        let rare = |h: &u64| self.place_is_rare(*h, max);
        f.places
            .iter()
            .any(|h| rare(h) && (st.places.binary_search(h).is_ok() || st.title_grams.binary_search(h).is_ok()))
            || f.title_grams.iter().any(|h| rare(h) && st.places.binary_search(h).is_ok())
    }

    /// How many kinds of link join the article to the story: a rare
    /// person, an age and a rare place, a day the article looks back to
    /// that is an event day of the story with a place both name (the same
    /// victim or suspect; "the Oct. 29 shooting in Toledo").
    /// A person counts when named in the other side's body or headline
    /// (headlines are not tagged; a person key and a headline word bigram
    /// hash alike: "cedric poore").
    fn links(&self, f: &Features, st: &Story) -> u8 {
        let rare = |p: &u64| self.person_is_rare(*p);
        let person = f
            .persons
            .iter()
            .any(|p| rare(p) && (st.persons.binary_search(p).is_ok() || st.title_grams.binary_search(p).is_ok()))
            || f.title_grams.iter().any(|p| rare(p) && st.persons.binary_search(p).is_ok());
        let age_place = self.config.max_place_stories > 0
            && f.ages.iter().any(|g| st.ages.binary_search(g).is_ok())
            && self.shares_rare_place(f, st);
        let day = f.past_days.iter().any(|d| st.event_days.contains(d)) && self.shares_place(f, st, u32::MAX);
        person as u8 + age_place as u8 + day as u8
    }

    /// How many rare people (full names in at most `max_person_stories`
    /// stories) the article and the story both name.
    fn shared_rare_people(&self, f: &Features, st: &Story) -> usize {
        f.persons.iter().filter(|&&p| self.person_is_rare(p) && st.persons.binary_search(&p).is_ok()).count()
    }

    /// Whether at most `max_person_stories` stories name a person key.
    fn person_is_rare(&self, p: u64) -> bool {
        self.person_stories.get(&p).copied().unwrap_or(0) <= self.config.max_person_stories
    }

    /// The person gate: incidents are identified by their people, running
    /// topics are not.
    /// `linked` is only asked when the rest of the gate applies (it is the
    /// costly part, and most candidates are recent or not incidents).
    fn gated(&self, f: &Features, st: &Story, day: i64, linked: impl FnOnce() -> bool) -> bool {
        self.config.person_gate_days >= 0
            && self.days_between(f, st, day, st.first_day) > self.config.person_gate_days
            && (self.config.gate_strict || f.incident || st.incident)
            && !linked()
    }

    /// Days from `story_day` (one of the story's days) to the article's
    /// `day`; `undated_gap_days` when either side has no date.
    fn days_between(&self, f: &Features, st: &Story, day: i64, story_day: i64) -> i64 {
        if f.dated && st.dated {
            day - story_day
        } else {
            self.config.undated_gap_days
        }
    }

    /// What the article's ages, streets and headline names, set against the
    /// story's, add to the similarity needed (see `age_mismatch_penalty`,
    /// `street_mismatch_penalty`, `headline_name_penalty`).
    fn mismatch_penalty(&self, f: &Features, st: &Story) -> f32 {
        let other_ages = !f.ages.is_empty()
            && !st.ages.is_empty()
            && !f.ages.iter().any(|&a| st.ages.iter().any(|&b| a.abs_diff(b) <= 1));
        let other_streets = !f.streets.is_empty()
            && !st.streets.is_empty()
            && !f.streets.iter().any(|h| st.streets.binary_search(h).is_ok());
        let mut p = 0.0;
        if other_ages {
            p += self.config.age_mismatch_penalty;
        }
        if other_streets {
            p += self.config.street_mismatch_penalty;
        }
        let new_subject = !incident_reports(f, st)
            && !f.headline_names.is_empty()
            && !f.headline_names.iter().any(|t| st.centroid.binary_search_by_key(t, |x| x.0).is_ok());
        if new_subject {
            p += self.config.headline_name_penalty;
        }
        p
    }

    /// `vec` is the article's vector by weight, `by_term` the same by term.
    fn best_story(&mut self, vec: &[(u64, f32)], by_term: &[(u64, f32)], f: &Features, day: i64) -> Option<u32> {
        let mut acc: FxHashMap<u32, f32> = FxHashMap::with_capacity_and_hasher(1024, Default::default());
        for &(t, w) in vec.iter().take(self.config.query_terms) {
            let Some(list) = self.postings.get(&t) else {
                continue;
            };
            // The most recent stories first; very common terms are capped.
            for &s in list.iter().rev().take(150) {
                if self.stories[s as usize].active {
                    *acc.entry(s).or_insert(0.0) += w;
                }
            }
        }
        // Stories the article cannot join are no candidates: incidents are
        // identified by their people, running topics are not. (The links
        // the gate counted are kept for the margin.)
        let mut cands: Vec<(u32, f32, Option<u8>)> = acc
            .into_iter()
            .filter_map(|(s, w)| {
                let st = &self.stories[s as usize];
                let mut links = None;
                let gated = self.gated(f, st, day, || {
                    let l = self.links(f, st);
                    links = Some(l);
                    l > 0
                });
                (!gated).then_some((s, w, links))
            })
            .collect();
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(12);
        let a_names = vec.iter().filter(|(t, _)| is_name(*t)).map(|(_, w)| w * w).sum::<f32>().sqrt();
        let a_any = vec.iter().filter(|(t, _)| is_any_name(*t)).map(|(_, w)| w * w).sum::<f32>().sqrt();
        let q = Query { by_term, a_names, a_any, title_norm: self.title_norm(&f.title_terms) };
        let mut best: Option<(u32, f32)> = None;
        for (s, _, links) in cands {
            let Some(margin) = self.margin(s, &q, f, day, links) else {
                continue;
            };
            if best.is_none_or(|(_, b)| margin > b) {
                best = Some((s, margin));
            }
        }
        best.map(|(s, _)| s)
    }

    /// How far the article clears the bar of story `s` (None: it cannot join
    /// it), for a story the person gate let through (see `best_story`).
    /// `links`: the article's links to the story, when already counted.
    fn margin(&self, s: u32, q: &Query, f: &Features, day: i64, links: Option<u8>) -> Option<f32> {
        let (by_term, a_names, a_any) = (q.by_term, q.a_names, q.a_any);
        let st = &self.stories[s as usize];
        if st.norm <= 0.0 {
            return None;
        }

        let gap = self.days_between(f, st, day, st.last_day).abs();
        if gap > self.config.open_days(st.reports_incident()) {
            return None;
        }
        let links = links.unwrap_or_else(|| self.links(f, st));
        // Past `max_gap_days` (an incident's story), only a linked article
        // joins: a running topic's people recur in its later, different
        // events, and topics have closed by then.
        if gap > self.config.max_gap_days && links == 0 {
            return None;
        }
        let (dot, ndot, adot) = merge_dot(by_term, &st.centroid);
        let cn = st.name_norm;
        let any_name_sim = if a_any > 0.0 && st.any_name_norm > 0.0 { adot / (a_any * st.any_name_norm) } else { 0.0 };
        let mut sim = dot / st.norm;
        // Incident reports whose events happened on days more than
        // `event_day_slack` apart are different incidents, unless a
        // person links them.
        if self.config.event_day_slack >= 0
            && links == 0
            && f.incident
            && st.incident
            && !f.event_days.is_empty()
            && !st.event_days.is_empty()
            && f.event_days.iter().all(|d| st.event_days.iter().all(|e| (d - e).abs() > self.config.event_day_slack))
        {
            return None;
        }
        let name_sim = if a_names > 0.0 && cn > 0.0 { ndot / (a_names * cn) } else { 0.0 };
        // Two independent links (the same suspect, and the same age in the
        // same town) outweigh the time since the story's last article more.
        let penalty = if links >= 2 {
            self.config.time_penalty * self.config.double_link_penalty
        } else {
            self.config.time_penalty
        };
        let need = self.config.threshold + penalty * (1.0 + gap as f32).ln();
        // Shared vocabulary alone (templated wire items, crime-report
        // phrasing) is weak evidence: without shared names the bar is higher.
        // A street shared within days is the same scene: half the bar;
        // so is a rare place shared within a day.
        let same_street = self.config.street_days >= 0
            && gap <= self.config.street_days
            && f.streets
                .iter()
                .any(|h| st.streets.binary_search(h).is_ok() && self.place_is_rare(*h, self.config.max_place_stories));
        let same_place = self.config.place_days >= 0
            && gap <= self.config.place_days
            && self.config.max_place_stories > 0
            && self.shares_rare_place(f, st);
        // So is the same age in the same place on the same day.
        let same_scene =
            gap == 0 && f.ages.iter().any(|g| st.ages.binary_search(g).is_ok()) && self.shares_place(f, st, u32::MAX);
        let need = if same_street || same_place || same_scene {
            need * 0.5
        } else if any_name_sim < self.config.min_name_overlap && a_any > 0.0 && st.any_name_norm > 0.0 {
            need.max(self.config.nameless_threshold)
        } else {
            need
        };
        let own_outlet = self.many_sources
            && links == 0
            && gap >= 1
            && f.source.as_ref().is_some_and(|src| st.sources.iter().all(|s| s == src));
        let need = if own_outlet { need + self.config.same_source_penalty } else { need };
        // Reports giving ages, none within a year of the story's, are of
        // other people; reports naming streets, none of the story's, of
        // another scene: another incident, unless a link says otherwise.
        let need = need + if links == 0 { self.mismatch_penalty(f, st) } else { 0.0 };
        // A large story is joined only near its latest articles (see
        // `large_story_size`). (Below both bars no path takes the article,
        // and the nearest member would change nothing.)
        let large = self.config.large_story_size;
        if large > 0 && st.count >= large && links == 0 && sim >= need.min(self.config.threshold) {
            sim = sim.min(st.members.iter().map(|m| merge_dot(by_term, m).0).fold(0.0, f32::max));
        }
        // A headline join fades with time like any other.
        let recent_headline = !f.short && gap <= self.config.headline_days && self.config.headline_threshold <= 1.0;
        // A body that names no one and nothing (an earnings table, a
        // dividend notice) shares only its template with a story: its
        // headline, which names the company, must agree with the story's.
        let nameless_body = f.has_body && a_any <= 0.0;
        // (Only needed when the bodies fall short, or name no one.)
        let title_sim = if nameless_body || (sim < need && (f.short || recent_headline)) {
            self.title_sim(&f.title_terms, q.title_norm, st)
        } else {
            0.0
        };
        let title_need = self.config.title_threshold + self.config.time_penalty * (1.0 + gap as f32).ln();
        if nameless_body && title_sim < self.config.title_threshold {
            return None;
        }
        // A follow-up a week or more later (a trial, a sentencing) that
        // names several of an incident's rare people is that incident,
        // however its wording has moved on.
        let follow_up = self.config.follow_up_people > 0
            && f.dated
            && st.dated
            && gap > self.config.person_gate_days
            && incident_reports(f, st)
            && sim >= self.config.threshold
            && self.shared_rare_people(f, st) >= self.config.follow_up_people as usize;
        let margin = if follow_up {
            sim - self.config.threshold
        } else if sim >= need {
            sim - need
        } else if f.short && title_sim >= title_need {
            title_sim - title_need
        } else if recent_headline && title_sim >= self.config.headline_threshold {
            title_sim - self.config.headline_threshold
        } else if name_sim >= self.config.name_threshold
            && sim >= self.config.threshold
            // Incident reports share names of places and officials (the
            // city's police department, its hospital); for them the name
            // track also needs a link (a person, age + place, the day).
            && (links > 0 || !incident_reports(f, st))
        {
            name_sim - self.config.name_threshold
        } else {
            return None;
        };
        Some(margin)
    }

    fn absorb(&mut self, sidx: u32, a: &Analysis, vec: &[(u64, f32)], by_term: &[(u64, f32)], f: Features, day: i64) {
        let cfg = &self.config;
        let st = &mut self.stories[sidx as usize];
        st.count += 1;
        // (An undated article leaves the story's days alone: they are its
        // dated members'.)
        if f.dated {
            if st.dated {
                st.last_day = st.last_day.max(day);
                st.first_day = st.first_day.min(day);
            } else {
                (st.first_day, st.last_day) = (day, day);
            }
            st.dated = true;
        }
        st.incident |= f.incident;
        st.harm |= f.harm;
        for &h in &f.streets {
            // (Streets and places share the count of stories naming them.)
            if insert_capped(&mut st.streets, h, 100) {
                *self.place_stories.entry(h).or_insert(0) += 1;
            }
        }
        for &g in &f.ages {
            insert_capped(&mut st.ages, g, 32);
        }
        for &h in &f.places {
            if insert_capped(&mut st.places, h, 200) {
                *self.place_stories.entry(h).or_insert(0) += 1;
            }
        }
        for &h in &f.title_grams {
            insert_capped(&mut st.title_grams, h, 400);
        }
        for &d in &f.event_days {
            if st.event_days.len() < 32 && !st.event_days.contains(&d) {
                st.event_days.push(d);
            }
        }
        for &p in &f.persons {
            if insert_capped(&mut st.persons, p, 300) {
                *self.person_stories.entry(p).or_insert(0) += 1;
            }
        }
        if let Some(p) = a.article.published {
            if st.first.is_none_or(|f| crate::dedup::published_seconds(&p) < crate::dedup::published_seconds(&f)) {
                st.first = Some(p);
            }
            if st.last.is_none_or(|l| crate::dedup::published_seconds(&p) > crate::dedup::published_seconds(&l)) {
                st.last = Some(p);
            }
        }
        if st.articles.len() < 1000 {
            st.articles.push(a.article.id.clone());
        }
        if st.titles.len() < 20 && !a.article.title.trim().is_empty() {
            st.titles.push((a.article.title.trim().to_string(), f.title_terms.clone()));
        }
        if let Some(src) = &a.article.source {
            if st.sources.len() < 50 && !st.sources.contains(src) {
                st.sources.push(src.clone());
            }
        }
        for (n, k) in f.names {
            if st.entities.len() < 300 || st.entities.contains_key(&n) {
                let e = st.entities.entry(n).or_insert((k, 0));
                e.1 += 1;
                if e.0.is_none() {
                    e.0 = k;
                }
            }
        }
        // Centroid update (both sorted by term), pruned to the top terms;
        // terms new to the centroid are posted.
        let old = std::mem::take(&mut st.centroid);
        let mut merged: Vec<(u64, f32)> = Vec::with_capacity(old.len() + by_term.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < by_term.len() {
            if j == by_term.len() || (i < old.len() && old[i].0 < by_term[j].0) {
                merged.push(old[i]);
                i += 1;
            } else if i == old.len() || by_term[j].0 < old[i].0 {
                merged.push(by_term[j]);
                j += 1;
            } else {
                merged.push((old[i].0, old[i].1 + by_term[j].1));
                i += 1;
                j += 1;
            }
        }
        if merged.len() > cfg.centroid_terms && cfg.centroid_terms > 0 {
            merged.select_nth_unstable_by(cfg.centroid_terms - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            merged.truncate(cfg.centroid_terms);
            merged.sort_unstable_by_key(|x| x.0);
        }
        st.norm = merged.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        st.name_norm = merged.iter().filter(|(t, _)| is_name(*t)).map(|(_, w)| w * w).sum::<f32>().sqrt();
        st.any_name_norm = merged.iter().filter(|(t, _)| is_any_name(*t)).map(|(_, w)| w * w).sum::<f32>().sqrt();
        for &(t, _) in &merged {
            if old.binary_search_by_key(&t, |x| x.0).is_err() {
                self.postings.entry(t).or_default().push(sidx);
            }
        }
        let st = &mut self.stories[sidx as usize];
        st.centroid = merged;
        if cfg.large_story_size > 0 && st.count as usize + MEMBERS > cfg.large_story_size as usize {
            let mut m: Vec<(u64, f32)> = vec.iter().take(MEMBER_TERMS).copied().collect();
            m.sort_unstable_by_key(|x| x.0);
            if st.members.len() >= MEMBERS {
                st.members.remove(0);
            }
            st.members.push(m);
        }
        // Timeline and quotes.
        collect_events(st, a, &f.dates, cfg.max_events);
        collect_quotes(st, a, cfg.max_quotes);
    }

    /// Closes the stories that have had no article for their
    /// [`StoryConfig::open_days`].
    fn sweep(&mut self) {
        self.since_sweep = 0;
        let now = self.now;
        let config = &self.config;
        let stories = &mut self.stories;
        let before = self.open.len();
        self.open.retain(|&s| {
            let st = &mut stories[s as usize];
            if now - st.last_day > config.open_days(st.reports_incident()) {
                st.active = false;
                st.centroid = Vec::new();
                st.members = Vec::new();
                st.norm = 0.0;
                false
            } else {
                true
            }
        });
        // Closed stories leave the postings (and terms with no story left).
        if self.open.len() < before {
            let stories = &self.stories;
            self.postings.retain(|_, list| {
                list.retain(|&s| stories[s as usize].active);
                !list.is_empty()
            });
        }
        // Keep document frequencies bounded: forget singletons when large.
        if self.df.len() > 2_000_000 {
            self.df.retain(|_, c| *c > 1);
        }
        if self.person_stories.len() > 1_000_000 {
            self.person_stories.retain(|_, c| *c > 1);
        }
    }

    /// Summaries of every story so far, in order of creation.
    pub fn summaries(&self) -> Vec<StorySummary> {
        self.stories.iter().map(summarize).collect()
    }

    /// Summaries of the stories closed so far, which are then forgotten
    /// (keeps memory bounded on an endless stream; ids of later stories are
    /// unaffected). A forgotten story can no longer be joined.
    pub fn take_closed(&mut self) -> Vec<StorySummary> {
        let mut out = Vec::new();
        for st in &mut self.stories {
            if !st.active && st.count > 0 {
                out.push(summarize(st));
                st.count = 0;
                st.titles = Vec::new();
                st.sources = Vec::new();
                st.entities = FxHashMap::default();
                st.events = Vec::new();
                st.event_keys = FxHashSet::default();
                st.quotes = Vec::new();
                st.quote_keys = FxHashSet::default();
                st.articles = Vec::new();
            }
        }
        out
    }
}

impl Default for StoryClusterer {
    fn default() -> Self {
        StoryClusterer::new(StoryConfig::default())
    }
}

/// Sentences whose dates an article's features and timeline read.
const DATED_SENTENCES: usize = 80;

/// Sentences of an analysis as text (code point spans → str).
fn sentence_texts(a: &Analysis, limit: usize) -> Vec<&str> {
    let text = a.article.text.as_str();
    let map = newsdesk_core::OffsetMap::new(text);
    // One entry per sentence (empty for a span that does not fit the text),
    // so that indices stay aligned with `a.sentences`.
    a.sentences.iter().take(limit).map(|s| text.get(map.to_byte(s.start)..map.to_byte(s.end)).unwrap_or("")).collect()
}

/// The dates of each sentence: from the analysis' time expressions when it
/// has any, else from the fallback resolver.
/// One entry per sentence (the first `limit`), aligned with `a.sentences`.
fn sentence_dates(a: &Analysis, pub_date: Option<chrono::NaiveDate>, limit: usize) -> Vec<Vec<chrono::NaiveDate>> {
    if a.times.is_empty() {
        return sentence_texts(a, limit).into_iter().map(|t| dates::resolve_dates(t, pub_date)).collect();
    }
    a.sentences
        .iter()
        .take(limit)
        .map(|s| {
            a.times
                .iter()
                .filter(|t| t.start >= s.start && t.end <= s.end)
                .filter_map(|t| dates::timex_day(&t.value))
                .collect()
        })
        .collect()
}

/// The distinct dates of the first `n` sentences, sorted.
fn lead_dates(dates: &[Vec<chrono::NaiveDate>], n: usize) -> Vec<chrono::NaiveDate> {
    let mut v: Vec<chrono::NaiveDate> = dates.iter().take(n).flatten().copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Key of a street name: an entity ending in a street word ("East 34th
/// Street", "Sobota Circle"), lower-cased, the suffix normalised.
fn street_key(name: &str) -> Option<u64> {
    const SUFFIX: &[(&str, &str)] = &[
        ("street", "st"),
        ("st", "st"),
        ("avenue", "ave"),
        ("ave", "ave"),
        ("road", "rd"),
        ("rd", "rd"),
        ("boulevard", "blvd"),
        ("blvd", "blvd"),
        ("drive", "dr"),
        ("lane", "ln"),
        ("court", "ct"),
        ("parkway", "pkwy"),
        ("highway", "hwy"),
        ("circle", "cir"),
        ("terrace", "ter"),
    ];
    let words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let (last, rest) = words.split_last()?;
    if rest.is_empty() {
        return None;
    }
    let (_, norm) = SUFFIX.iter().find(|(w, _)| w == last)?;
    Some(xxh3_64(format!("{} {norm}", rest.join(" ")).as_bytes()))
}

/// The word an age becomes ("15-year-old").
/// Whether the article or the story is an incident report: it gives an age,
/// or a headline speaks of harm.
fn incident_reports(f: &Features, st: &Story) -> bool {
    f.incident || f.harm || st.reports_incident()
}

impl Story {
    /// Whether the story reports an incident: an age, or harm in a headline.
    fn reports_incident(&self) -> bool {
        self.incident || self.harm
    }
}

fn age_word(age: u8) -> String {
    format!("{age}-year-old")
}

/// Ages given for people: "a 23-year-old man", "the 5-year-old",
/// "Boy, 3, dies", "Jane Roe, 41, of Elmira" (ages 0–120).
/// Whether a headline reports harm done to someone: a word of shooting,
/// killing, wounding or dying ("Two dead, six injured in Southeast D.C.
/// shooting"). Running topics (an election, a parliament) have none.
fn reports_harm(title: &str) -> bool {
    const HARM: &[&str] = &[
        "shot",
        "shoot",
        "shoots",
        "shooting",
        "shootings",
        "shootout",
        "gunfire",
        "gunman",
        "killed",
        "kills",
        "dead",
        "dies",
        "died",
        "death",
        "wounded",
        "injured",
        "homicide",
        "murder",
        "murdered",
        "stabbed",
        "stabbing",
    ];
    title.split(|c: char| !c.is_alphanumeric()).any(|w| HARM.iter().any(|h| h.eq_ignore_ascii_case(w)))
}

fn ages_in(text: &str) -> Vec<u8> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i:\b(\d{1,3})[- ]years?[- ]old\b)|\p{Lu}[\p{Ll}'’-]+,\s*(\d{1,3}),").expect("valid regex")
    });
    re.captures_iter(text)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .filter_map(|m| m.as_str().parse::<u8>().ok())
        .filter(|&g| g <= 120)
        .collect()
}

/// The words of a URL's slug: the longest path segment of three or more
/// words joined by hyphens or underscores ("four-teens-shot-after-party"),
/// the words that are not digits or ids.
fn url_slug(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let best = path
        .split('/')
        .skip(1)
        .map(|seg| seg.trim_end_matches(".html").trim_end_matches(".htm").trim_end_matches(".php"))
        .map(|seg| {
            seg.split(['-', '_'])
                .filter(|w| {
                    w.len() > 1
                        && w.chars().all(|c| c.is_ascii_alphabetic())
                        && w.chars().any(|c| c.is_ascii_lowercase())
                })
                .collect::<Vec<_>>()
        })
        .filter(|ws| ws.len() >= 3)
        .max_by_key(|ws| ws.len())?;
    Some(best.join(" "))
}

/// Key of a place name: its lower-cased words joined by one space.
fn place_key(name: &str) -> u64 {
    let words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    xxh3_64(words.join(" ").as_bytes())
}

/// Inserts `x` into the sorted set `v` unless it is there or `v` holds `cap`
/// values already; whether it was inserted.
fn insert_capped<T: Ord + Copy>(v: &mut Vec<T>, x: T, cap: usize) -> bool {
    match v.binary_search(&x) {
        Err(i) if v.len() < cap => {
            v.insert(i, x);
            true
        }
        _ => false,
    }
}

/// Keys (as [`place_key`]) of capitalised names written right after "in"
/// or "near" in the first words of a text ("shot in Four Hills", "near
/// Lawrence"): small places the NER stage often misses. Months and
/// weekdays are not places; a name is at most three words.
fn located_names(text: &str) -> Vec<u64> {
    // Capitalised words after "in" that are not places ("in May" is the
    // month, not the modal verb, here).
    const NOT_PLACES: &[&str] =
        &["the", "a", "an", "his", "her", "their", "this", "that", "may", "court", "custody", "critical", "stable"];
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).take(400).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < words.len() {
        if matches!(words[i], "in" | "near") {
            let mut name = Vec::new();
            let mut j = i + 1;
            while j < words.len() && name.len() < 3 {
                let w = words[j].trim_matches(|c: char| !c.is_alphanumeric());
                let capital = w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).any(char::is_lowercase)
                    && !crate::dates::is_calendar_word(w)
                    && !NOT_PLACES.contains(&w.to_lowercase().as_str());
                if !capital {
                    break;
                }
                name.push(w);
                // A name ends at punctuation ("in Lawrence, police said").
                if words[j].ends_with(|c: char| !c.is_alphanumeric()) {
                    j += 1;
                    break;
                }
                j += 1;
            }
            if !name.is_empty() {
                out.push(place_key(&name.join(" ")));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Keys (as [`place_key`]) of a headline's word 1-, 2- and 3-grams, sorted.
fn title_grams(title: &str) -> Vec<u64> {
    let words: Vec<String> =
        title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let mut out = Vec::new();
    for n in 1..=3 {
        for w in words.windows(n) {
            out.push(xxh3_64(w.join(" ").as_bytes()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A headline's segments, split at " - ", " – ", " — ", " | " and "|".
fn title_segments(title: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = title.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let sep = if b[i] == b'|' {
            Some(1)
        } else if b[i] == b' ' {
            let rest = &title[i..];
            [" - ", " – ", " — "].iter().find(|s| rest.starts_with(**s)).map(|s| s.len())
        } else {
            None
        };
        if let Some(n) = sep {
            out.push(title[start..i].trim());
            i += n;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(title[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Names given with an age in apposition ("Zecary L. Banks, 27, of
/// Elmira"): victims and suspects, whether or not the NER stage caught them.
fn aged_names(text: &str) -> impl Iterator<Item = &str> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}),\s+(?:\d{1,2}),(?:\s|$)")
            .expect("valid regex")
    });
    re.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str())
}

/// Key of a full person name: its first and last lower-cased words (at
/// least two words once titles, suffixes and initials are dropped).
fn person_key(name: &str) -> Option<u64> {
    const TITLES: &[&str] =
        &["mr", "mrs", "ms", "dr", "jr", "sr", "ii", "iii", "iv", "officer", "sgt", "lt", "det", "capt", "chief"];
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !TITLES.contains(&w.as_str()))
        .collect();
    if words.len() < 2 {
        return None;
    }
    // First and last name only: a middle name is given in one report and
    // not in the next ("Manuel Anthony Talamantez", "Manuel Talamantez").
    Some(xxh3_64(format!("{} {}", words[0], words[words.len() - 1]).as_bytes()))
}

fn norm_key(s: &str) -> u64 {
    let mut v = Vec::new();
    crate::shingle::normalize_into(s, &mut v);
    v.truncate(80);
    xxh3_64(&v)
}

fn collect_events(st: &mut Story, a: &Analysis, dates: &[Vec<chrono::NaiveDate>], max: usize) {
    if st.events.len() >= max {
        return;
    }
    let pub_date = a.article.published.map(|p| p.date());
    let texts = sentence_texts(a, 20);
    for (i, ds) in dates.iter().take(20).enumerate() {
        let Some(d) = ds.first() else { continue };
        if let Some(p) = pub_date {
            // A date far from publication is background, not this story's event.
            if (*d - p).num_days().abs() > 400 {
                continue;
            }
        }
        let Some(t) = texts.get(i) else { continue };
        let t = t.trim();
        if t.split_whitespace().count() < 5 {
            continue;
        }
        if !st.event_keys.insert(norm_key(t)) {
            continue;
        }
        // The same sentence in other words of one article or another (a
        // typo mended, a clause added) is one event.
        let date = d.to_string();
        let text: String = t.chars().take(400).collect();
        let event = TimelineEvent { date, text, article: a.article.id.clone(), source: a.article.source.clone() };
        newsdesk_core::timeline::merge_event(&mut st.events, event, |e| &e.date, |e| &e.text);
        if st.events.len() >= max {
            break;
        }
    }
}

fn collect_quotes(st: &mut Story, a: &Analysis, max: usize) {
    if st.quotes.len() >= max {
        return;
    }
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    if !a.quotes.is_empty() {
        for q in &a.quotes {
            if q.kind != newsdesk_core::QuoteKind::Indirect {
                found.push((q.text.clone(), q.speaker.as_ref().map(|s| s.name.clone())));
            }
        }
    } else {
        // Fallback: quoted passages of at least eight words.
        let text = &a.article.text;
        let mut open: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (c, open) {
                ('“', _) | ('"', None) => open = Some(i + c.len_utf8()),
                ('”', Some(s)) | ('"', Some(s)) => {
                    let q = text[s..i].trim();
                    if q.split_whitespace().count() >= 8 && q.len() < 600 {
                        found.push((q.to_string(), None));
                    }
                    open = None;
                }
                ('\n', _) => open = None,
                _ => {}
            }
        }
    }
    for (q, speaker) in found {
        if st.quotes.len() >= max {
            break;
        }
        if st.quote_keys.insert(norm_key(&q)) {
            st.quotes.push(KeyQuote { text: q, speaker, article: a.article.id.clone() });
        }
    }
}

fn summarize(st: &Story) -> StorySummary {
    // Headline: the member headline sharing most weight with the centroid
    // (the first one for a closed story or a tie).
    let cmap: FxHashMap<u64, f32> = st.centroid.iter().copied().collect();
    let headline = st
        .titles
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            let sa: f32 = a.1.iter().filter_map(|t| cmap.get(t)).sum();
            let sb: f32 = b.1.iter().filter_map(|t| cmap.get(t)).sum();
            sa.total_cmp(&sb).then(ib.cmp(ia))
        })
        .map(|(_, t)| t.0.clone())
        .unwrap_or_default();
    let mut ents: Vec<StoryEntity> =
        st.entities.iter().map(|(n, (k, c))| StoryEntity { name: n.clone(), kind: *k, articles: *c }).collect();
    ents.sort_by(|a, b| b.articles.cmp(&a.articles).then(b.name.len().cmp(&a.name.len())).then(a.name.cmp(&b.name)));
    // Left out of the list: a name other than a person's that ends in a
    // role's head word, a role rather than a name ("Prime Minister", "the
    // Queen" tagged as an organisation); and a capitalised run the entity
    // stage did not take as a whole that holds one of its entities with a
    // role or place around it ("Emergencies Minister Yevgeny Zinichev" next
    // to "Yevgeny Zinichev"), is a piece of one ("Liberation Army" of
    // "People's Liberation Army"), is a listed person's surname after
    // titles ("President Trump") or the initials of a listed name ("UK" of
    // "United Kingdom").
    // The typed names, as written and as " lower-cased words " for runs.
    let typed: Vec<(&str, String)> = ents
        .iter()
        .filter(|e| e.kind.is_some())
        .map(|e| (e.name.as_str(), format!(" {} ", e.name.to_lowercase())))
        .collect();
    // Surnames of the people listed, for titled mentions ("President Trump").
    let surnames: Vec<String> = ents
        .iter()
        .filter(|e| e.kind == Some(EntityKind::Person))
        .filter_map(|e| e.name.split_whitespace().last().map(str::to_lowercase))
        .collect();
    let mut top = Vec::with_capacity(10);
    for e in &ents {
        if top.len() == 10 {
            break;
        }
        if e.kind != Some(EntityKind::Person)
            && e.name.split_whitespace().last().is_some_and(newsdesk_nlp::titles::is_role_head)
        {
            continue;
        }
        if e.kind.is_none() {
            let words: Vec<&str> = e.name.split_whitespace().collect();
            if let Some((last, titles)) = words.split_last() {
                let titled = !titles.is_empty() && titles.iter().all(|w| newsdesk_nlp::titles::is_title(w));
                if titled && surnames.contains(&last.to_lowercase()) {
                    continue;
                }
            }
            if typed.iter().any(|(n, _)| newsdesk_nlp::ner::is_acronym_of(&e.name, n)) {
                continue;
            }
            let padded = format!(" {} ", e.name.to_lowercase());
            if typed.iter().any(|(_, t)| padded.contains(t.as_str()) || t.contains(padded.as_str())) {
                continue;
            }
        }
        top.push(e.clone());
    }
    let ents = top;
    let mut timeline = st.events.clone();
    timeline.sort_by(|a, b| a.date.cmp(&b.date));
    StorySummary {
        id: st.id.clone(),
        headline,
        first_published: st.first.map(|p| p.to_string()),
        last_published: st.last.map(|p| p.to_string()),
        article_count: st.count,
        sources: st.sources.clone(),
        top_entities: ents,
        timeline,
        quotes: st.quotes.clone(),
        articles: st.articles.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_keys_ignore_titles_and_initials() {
        assert_eq!(person_key("Zecary L. Banks"), person_key("zecary banks"));
        assert_eq!(person_key("Officer Jillian Roberson"), person_key("Jillian Roberson"));
        assert_eq!(person_key("Manuel Anthony Talamantez"), person_key("Manuel Talamantez"));
        assert_eq!(person_key("Raymond Lee Fryberg Jr."), person_key("Raymond Fryberg"));
        assert_ne!(person_key("Manuel Talamantez"), person_key("Anthony Talamantez"));
        assert_ne!(person_key("Jillian Roberson"), person_key("Leland Ashley"));
        assert_eq!(person_key("Roberson"), None);
        assert_eq!(person_key("Mr. Smith"), None);
    }

    #[test]
    fn places_written_after_in_or_near_are_found() {
        let got = located_names(
            "A boy was shot in Four Hills on Monday. Police near Lawrence, Kansas said he is in Critical \
             condition in January.",
        );
        assert_eq!(got, vec![place_key("Four Hills"), place_key("Lawrence")]);
        assert!(located_names("in the city, in custody, in March").is_empty());
    }

    #[test]
    fn street_keys_normalise_the_suffix() {
        assert_eq!(street_key("East 34th Street"), street_key("East 34th St."));
        assert_ne!(street_key("East 34th Street"), street_key("East 38th Street"));
        assert_eq!(street_key("Street"), None);
        assert_eq!(street_key("Tulsa"), None);
    }

    #[test]
    fn ages_mark_incidents_and_name_people() {
        let t = "Police are looking for Zecary L. Banks, 27, of Elmira. A 23-year-old man was hurt.";
        assert_eq!(aged_names(t).collect::<Vec<_>>(), vec!["Zecary L. Banks"]);
        assert_eq!(ages_in(t), vec![27, 23]);
        let p = "The Prime Minister, 55 days into office, spoke to Parliament on Tuesday.";
        assert!(aged_names(p).next().is_none());
        assert!(ages_in(p).is_empty());
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;
    use newsdesk_core::{Article, Entity, Provenance, Published};

    fn art(id: &str, source: &str, title: &str, date: &str, text: &str, places: &[&str]) -> Analysis {
        let a = Article::new(
            Some(id.into()),
            None,
            Some(source.into()),
            title.into(),
            Published::parse(date),
            None,
            text.into(),
            Provenance::default(),
        );
        let sentences = a.paragraphs.clone();
        let entities = places
            .iter()
            .enumerate()
            .map(|(i, p)| Entity {
                id: format!("e{i}"),
                kind: EntityKind::Place,
                name: p.to_string(),
                role: None,
                affiliation: None,
                mentions: Vec::new(),
            })
            .collect();
        Analysis {
            schema_version: newsdesk_core::SCHEMA_VERSION,
            article: a,
            sentences,
            entities,
            quotes: Vec::new(),
            times: Vec::new(),
        }
    }

    const FIRST: &str = "A 15-year-old boy was shot and killed in Mount Pleasant late on Tuesday \
        while playing with a handgun at a friend's house on the hill, police said. The friend, also \
        a teenager, called for help; paramedics took the boy to the regional hospital where he died. \
        Detectives are questioning the friend's parents about the handgun and a locked cabinet.";

    fn follow_up(age: u8) -> String {
        format!(
            "Prosecutors charged a {age}-year-old with homicide in the shooting death of a friend \
             in Mount Pleasant. Police said the boys were playing with a handgun taken from a \
             locked cabinet at the house on the hill when it fired. The parents are questioned \
             about the handgun, prosecutors said; the friend died at the regional hospital."
        )
    }

    fn run(cfg: StoryConfig, age: u8) -> (String, String) {
        let mut s = StoryClusterer::new(cfg);
        let a = s.add(&art("a", "one.com", "Boy killed in shooting", "2016-03-01", FIRST, &["Mount Pleasant"]), None);
        let b = s.add(
            &art("b", "two.com", "Friend charged in death", "2016-03-25", &follow_up(age), &["Mount Pleasant"]),
            None,
        );
        (a, b)
    }

    #[test]
    fn an_age_and_a_rare_place_link_a_late_follow_up() {
        // Three weeks later, no name in common: the same age in the same
        // small town carries the follow-up past the person gate.
        let (a, b) = run(StoryConfig::default(), 15);
        assert_eq!(a, b);
        // Another age: another victim, so another story.
        let (a, b) = run(StoryConfig::default(), 16);
        assert_ne!(a, b);
        // The rule switched off: the gate keeps them apart.
        let (a, b) = run(StoryConfig { max_place_stories: 0, ..StoryConfig::default() }, 15);
        assert_ne!(a, b);
    }

    /// Two full reports whose bodies share little but whose headlines share
    /// their rare words, the second published on `date`. Returns both story ids.
    fn headline_pair(cfg: StoryConfig, second_title: &str, date: &str) -> (String, String) {
        let mut s = StoryClusterer::new(cfg);
        let filler = [
            ("Council approves new budget", "The council voted on the budget for parks, roads and libraries after a long debate about taxes and spending priorities for the coming fiscal year in the county."),
            ("Storm brings heavy rain", "Forecasters warned that the storm would bring heavy rain and flooding to low areas through the weekend, with winds strong enough to bring down trees and power lines."),
            ("School board names superintendent", "The school board picked a superintendent from three finalists after interviews with teachers, parents and students about test scores, buses and classroom sizes."),
        ];
        for (i, (t, b)) in filler.iter().enumerate() {
            s.add(&art(&format!("f{i}"), "other.com", t, "2016-08-17", b, &[]), None);
        }
        let a = s.add(
            &art(
                "a",
                "one.com",
                "Millbrook boy dies after accidental shooting",
                "2016-08-18",
                "Emergency crews answered a call from a rural property north of town on Thursday evening. \
                 Deputies found a child with a gunshot wound inside a barn; the sheriff said a rifle \
                 discharged while the children were handling it without adults nearby. The coroner will \
                 release further details once relatives are notified.",
                &["Gallatin County"],
            ),
            None,
        );
        let b = s.add(
            &art(
                "b",
                "two.com",
                second_title,
                date,
                "Classmates gathered at the middle school gym for a vigil with candles and photographs. \
                 Teachers remembered a cheerful student who loved fishing, baseball and his grandfather's \
                 horses. Counselors will be available all week, the principal wrote in a letter sent home \
                 to families, and a memorial fund has been opened at a local bank.",
                &["Bozeman"],
            ),
            None,
        );
        (a, b)
    }

    /// Two reports of the next day naming the same place, with little else
    /// in common; `extra` stories name the place too. Returns both story ids.
    fn place_pair(cfg: StoryConfig, second_date: &str, extra: usize) -> (String, String) {
        scene_pair(cfg, second_date, extra, "Willow Bend")
    }

    /// [`place_pair`] with another place name.
    fn scene_pair(cfg: StoryConfig, second_date: &str, extra: usize, place: &str) -> (String, String) {
        let mut s = StoryClusterer::new(cfg);
        let filler = [
            "The council voted on the budget for parks, roads and libraries after a long debate about taxes.",
            "Forecasters warned that the storm would bring heavy rain and flooding to low areas this weekend.",
            "The school board picked a superintendent after interviews with teachers, parents and students.",
        ];
        for (i, t) in filler.iter().enumerate() {
            s.add(&art(&format!("f{i}"), "other.com", "Local news", "2016-05-01", t, &[]), None);
        }
        // Enough other documents for the place's words to stay rare ones.
        for i in 0..30 {
            let t = format!("Notice {i}: committee{i} discussed agenda{i} and schedule{i} matters.");
            s.add(&art(&format!("n{i}"), "other.com", &format!("Notice{i}"), "2016-04-01", &t, &[]), None);
        }
        let others = [
            ("Library reopens", "The library reopened after renovation with new computers and a reading garden."),
            ("Bakery wins award", "A family bakery won a regional prize for its rye bread and cinnamon rolls."),
            ("Bridge repairs begin", "Crews began replacing the deck of the old bridge; detours will last two months."),
            ("Choir tours Europe", "The youth choir left for a concert tour of cathedrals in France and Italy."),
            ("Marathon draws runners", "Thousands of runners crossed the finish line under sunny skies on Sunday."),
        ];
        for (i, (t, b)) in others.iter().take(extra).enumerate() {
            // Other names of their own, so that they stay apart.
            let (n1, n2) = (format!("Harbor Point {i}"), format!("Cedar Hall {i}"));
            let places = [place, n1.as_str(), n2.as_str()];
            s.add(&art(&format!("x{i}"), "other.com", t, &format!("2016-0{}-02", i + 1), b, &places), None);
        }
        let a = s.add(
            &art(
                "a",
                "one.com",
                "Man wounded overnight",
                "2016-05-10",
                "A man was wounded by gunfire overnight in Willow Bend and taken to hospital in serious \
                 condition. Officers searched the area with dogs but found nobody, and detectives asked \
                 residents with doorbell cameras to share their recordings. Sergeant Dana Reyes of the Eastern District said the \
                 investigation was at an early stage and that no motive was known."
                    .replace("Willow Bend", place)
                    .as_str(),
                &[place],
            ),
            None,
        );
        let b = s.add(
            &art(
                "b",
                "two.com",
                "Neighbours want more patrols",
                second_date,
                "Residents of Willow Bend met with council members on Wednesday to demand more patrols \
                 and brighter street lights after a frightening night. Several said they no \
                 longer let their children walk to the bus stop alone. Councilwoman Maria Okafor and Pastor James Lindqvist promised a town hall \
                 meeting next month and funding for youth programmes over the summer holidays."
                    .replace("Willow Bend", place)
                    .as_str(),
                &[place],
            ),
            None,
        );
        (a, b)
    }

    #[test]
    fn only_a_rare_street_lowers_the_bar() {
        // The place rule off, so that only the street rule can join them.
        let cfg = StoryConfig { name_weight: 1.5, place_days: -1, query_terms: 1000, ..StoryConfig::default() };
        let (a, b) = scene_pair(cfg.clone(), "2016-05-11", 0, "Willow Street");
        assert_eq!(a, b);
        let (a, b) = scene_pair(StoryConfig { street_days: -1, ..cfg.clone() }, "2016-05-11", 0, "Willow Street");
        assert_ne!(a, b);
        // A street many stories name ("Downing Street") is no scene.
        let (a, b) = scene_pair(cfg, "2016-05-11", 5, "Willow Street");
        assert_ne!(a, b);
    }

    #[test]
    fn a_rare_place_shared_the_next_day_lowers_the_bar() {
        // (The fixture's texts are calibrated for names weighted 1.5: the
        // shared place then lifts the pair over half the bar, not the full one.)
        let base = StoryConfig { name_weight: 1.5, ..StoryConfig::default() };
        let (a, b) = place_pair(base.clone(), "2016-05-11", 0);
        assert_eq!(a, b);
        // The rule switched off: the bodies alone are too different.
        let (a, b) = place_pair(StoryConfig { place_days: -1, ..base.clone() }, "2016-05-11", 0);
        assert_ne!(a, b);
        // A week later the place is no longer enough.
        let (a, b) = place_pair(base.clone(), "2016-05-17", 0);
        assert_ne!(a, b);
        // A place many stories name is no evidence (every term looked up,
        // so that the story is a candidate at all).
        let wide = StoryConfig { query_terms: 1000, ..base.clone() };
        let (a, b) = place_pair(wide.clone(), "2016-05-11", 0);
        assert_eq!(a, b);
        let (a, b) = place_pair(wide, "2016-05-11", 5);
        assert_ne!(a, b);
    }

    #[test]
    fn a_shared_headline_joins_reports_of_the_next_day() {
        let same = "Millbrook boy dead after accidental shooting at ranch";
        let (a, b) = headline_pair(StoryConfig::default(), same, "2016-08-19");
        assert_eq!(a, b);
        // Headlines sharing only common words do not join.
        let (a, b) = headline_pair(StoryConfig::default(), "Vigil held at middle school", "2016-08-19");
        assert_ne!(a, b);
        // Beyond `headline_days` the bodies must agree as usual.
        let (a, b) = headline_pair(StoryConfig::default(), same, "2016-08-23");
        assert_ne!(a, b);
        // The rule switched off.
        let (a, b) =
            headline_pair(StoryConfig { headline_threshold: 2.0, ..StoryConfig::default() }, same, "2016-08-19");
        assert_ne!(a, b);
    }

    #[test]
    fn a_place_named_in_many_stories_is_no_link() {
        let mut s = StoryClusterer::default();
        // Four earlier stories (weeks apart, other people) name the town.
        let topics = [
            ("2016-01-01", "A 40-year-old resident asked the council to repave the main road."),
            ("2016-01-15", "A 52-year-old coach led the high school team to its third title."),
            ("2016-02-01", "A 33-year-old librarian will run the new branch and its reading room."),
            ("2016-02-15", "A 61-year-old farmer expects a late harvest after a cold, wet spring."),
        ];
        let mut ids = Vec::new();
        for (i, (date, t)) in topics.iter().enumerate() {
            let text = format!("{t} It happened in Mount Pleasant, officials said.");
            let title = format!("Town news item {}", ["one", "two", "three", "four"][i]);
            ids.push(s.add(&art(&format!("t{i}"), "three.com", &title, date, &text, &["Mount Pleasant"]), None));
        }
        let first =
            s.add(&art("a", "one.com", "Boy killed in shooting", "2016-03-01", FIRST, &["Mount Pleasant"]), None);
        assert!(!ids.contains(&first), "{ids:?}");
        let b = s.add(
            &art("b", "two.com", "Friend charged in death", "2016-03-25", &follow_up(15), &["Mount Pleasant"]),
            None,
        );
        assert_ne!(b, first);
    }

    #[test]
    fn a_person_named_in_a_headline_links_like_one_in_the_body() {
        let run = |title: &str| {
            let mut s = StoryClusterer::default();
            let mut first = art("a", "one.com", "Four found dead in apartment", "2013-01-07", FIRST, &[]);
            first.entities.push(Entity {
                id: "p1".into(),
                kind: EntityKind::Person,
                name: "Cedric Poore".into(),
                role: None,
                affiliation: None,
                mentions: Vec::new(),
            });
            let a = s.add(&first, None);
            // Six months later, the suspect named only in the headline (NER
            // does not tag headlines) and another age in the body.
            let b = s.add(&art("b", "two.com", title, "2013-07-16", &follow_up(40), &[]), None);
            (a, b)
        };
        let (a, b) = run("Cedric Poore hearing continued in quadruple murder");
        assert_eq!(a, b);
        let (a, b) = run("Hearing continued in quadruple murder");
        assert_ne!(a, b);
    }

    #[test]
    fn a_person_introduced_with_a_role_is_no_link() {
        let run = |role: Option<&str>| {
            let mut s = StoryClusterer::default();
            let person = |id: &str| Entity {
                id: id.into(),
                kind: EntityKind::Person,
                name: "Michael Woody".into(),
                role: role.map(|r| newsdesk_core::Mention { text: r.into(), start: 0, end: r.chars().count() }),
                affiliation: None,
                mentions: Vec::new(),
            };
            let mut first = art("a", "one.com", "Boy killed in shooting", "2016-03-01", FIRST, &[]);
            first.entities.push(person("p1"));
            let a = s.add(&first, None);
            let mut second = art("b", "two.com", "Friend charged in death", "2016-04-20", &follow_up(40), &[]);
            second.entities.push(person("p2"));
            (a, s.add(&second, None))
        };
        // The same victim's name links a follow-up seven weeks later ...
        let (a, b) = run(None);
        assert_eq!(a, b);
        // ... the same police sergeant's name does not: he speaks for every incident.
        let (a, b) = run(Some("Sgt."));
        assert_ne!(a, b);
    }

    #[test]
    fn people_with_a_role_link_outside_incident_reports() {
        let s = StoryClusterer::default();
        let persons = |title: &str, text: &str| {
            let mut a = art("a", "one.com", title, "2020-10-19", text, &[]);
            a.entities.push(Entity {
                id: "p1".into(),
                kind: EntityKind::Person,
                name: "Jo Jorgensen".into(),
                role: Some(newsdesk_core::Mention { text: "nominee".into(), start: 0, end: 7 }),
                affiliation: None,
                mentions: Vec::new(),
            });
            s.features(&a).0.persons
        };
        let key = person_key("Jo Jorgensen").unwrap();
        // A nominee is the news of a campaign story ...
        let campaign = persons("Libertarian nominee campaigns in Ohio", "The nominee spoke to voters in Columbus.");
        assert!(campaign.contains(&key));
        // ... an official named with a role in an incident report is not.
        let incident = persons("Man shot outside bar", "A 34-year-old man was shot outside a bar, police said.");
        assert!(!incident.contains(&key));
    }

    #[test]
    fn two_kinds_of_link_lower_the_time_penalty() {
        let run = |cfg: StoryConfig, date: &str| {
            let mut s = StoryClusterer::new(cfg);
            let mut first = art("a", "one.com", "Boy killed in shooting", "2016-03-01", FIRST, &["Mount Pleasant"]);
            first.entities.push(Entity {
                id: "p1".into(),
                kind: EntityKind::Person,
                name: "Tyree Jackson".into(),
                role: None,
                affiliation: None,
                mentions: Vec::new(),
            });
            let a = s.add(&first, None);
            // Two weeks later: the same victim, the same age in the same
            // town, but the text has moved on to the trial.
            let text = "A jury heard closing arguments on Monday in the trial over the death of a \
                15-year-old who was shot while playing with a handgun at a friend's house in Mount \
                Pleasant and died at the regional hospital. The defence said the weapon belonged to a relative and asked jurors to \
                weigh the testimony of two neighbours. Deliberations resume on Tuesday morning at \
                the county courthouse, the judge said. Detectives testified about the friend's parents \
                and the locked cabinet.";
            // (The victim is named in the headline only, which the NER stage
            // does not tag: a link, but no shared name feature.)
            let second = art(
                "b",
                "two.com",
                "Tyree Jackson trial: jury hears closing arguments",
                date,
                text,
                &["Mount Pleasant"],
            );
            (a, s.add(&second, None))
        };
        // (The name track, which would carry the shared town past any gap
        // here, is switched off: this is about the bar for linked stories.)
        let cfg = StoryConfig { name_threshold: 2.0, ..StoryConfig::default() };
        let (a, b) = run(cfg.clone(), "2016-03-16");
        assert_eq!(a, b);
        let (a, b) = run(StoryConfig { double_link_penalty: 1.0, ..cfg }, "2016-03-16");
        assert_ne!(a, b);
    }

    #[test]
    fn people_named_only_in_furniture_are_no_link() {
        // A photographer's credit on every page of an outlet, or the victim
        // named in the text: only the latter links a follow-up weeks later.
        let run = |line: &str| {
            let mut s = StoryClusterer::default();
            let with_person = |mut a: Analysis| {
                let text = a.article.text.clone();
                let at = text.find("Dana Whitfield").unwrap();
                let start = text[..at].chars().count();
                a.entities.push(Entity {
                    id: "p1".into(),
                    kind: EntityKind::Person,
                    name: "Dana Whitfield".into(),
                    role: None,
                    affiliation: None,
                    mentions: vec![newsdesk_core::Mention {
                        text: "Dana Whitfield".into(),
                        start,
                        end: start + "Dana Whitfield".chars().count(),
                    }],
                });
                a
            };
            let first = format!("{FIRST}\n\n{line}");
            let a = s.add(&with_person(art("a", "one.com", "Boy killed in shooting", "2016-03-01", &first, &[])), None);
            let second = format!("{}\n\n{line}", follow_up(40));
            let b =
                s.add(&with_person(art("b", "one.com", "Friend charged in death", "2016-04-20", &second, &[])), None);
            (a, b)
        };
        let (a, b) = run("The family of Dana Whitfield asked for privacy.");
        assert_eq!(a, b);
        let (a, b) = run("Share this story. Photos: Dana Whitfield.");
        assert_ne!(a, b);
    }

    /// Two articles that share little but an entity `name` of `kind`, the
    /// second published on `date`; `extra.0` / `extra.1` end their texts.
    fn topic_pair(kind: EntityKind, name: &str, extra: (&str, &str), date: &str) -> (String, String) {
        topic_pair_titled(kind, name, extra, date, ("Council debates bridge toll", "Toll booths open"))
    }

    fn topic_pair_titled(
        kind: EntityKind,
        name: &str,
        extra: (&str, &str),
        date: &str,
        titles: (&str, &str),
    ) -> (String, String) {
        let mut s = StoryClusterer::default();
        let ent = |id: &str| Entity {
            id: id.into(),
            kind,
            name: name.into(),
            role: None,
            affiliation: None,
            mentions: Vec::new(),
        };
        let mut a = art(
            "a",
            "one.com",
            titles.0,
            "2016-01-10",
            &format!(
                "Protesters gathered outside city hall on Saturday, led by {name}, to oppose the new toll \
                 on the bridge. Organisers said they would return every weekend until the council reverses \
                 the decision and refunds the commuters.{}",
                extra.0
            ),
            &[],
        );
        a.entities.push(ent("e1"));
        let a = s.add(&a, None);
        let mut b = art(
            "b",
            "two.com",
            titles.1,
            date,
            &format!(
                "Drivers waited for an hour as the new booths opened, and {name} \
                 promised another rally. Transport officials blamed a software fault in the payment \
                 machines and said lanes would be added by summer.{}",
                extra.1
            ),
            &[],
        );
        b.entities.push(ent("e2"));
        (a, s.add(&b, None))
    }

    #[test]
    fn a_shared_city_is_no_name_track_evidence_a_shared_person_is() {
        // Running topics (no ages: no person gate) months apart, with
        // little text in common: the name track joins them on a shared
        // person's name, not on a shared city's.
        let (a, b) = topic_pair(EntityKind::Person, "Maria Delgado", ("", ""), "2016-04-20");
        assert_eq!(a, b);
        let (a, b) = topic_pair(EntityKind::Place, "Virginia Beach", ("", ""), "2016-04-20");
        assert_ne!(a, b);
    }

    /// An incident report and its trial six months later, which names the
    /// report's three people among many others. Returns both story ids.
    /// (Every term looks up candidates: in a corpus of two articles the
    /// shared names are the commonest terms.)
    fn trial_pair(cfg: StoryConfig) -> (String, String) {
        let cfg = StoryConfig { query_terms: 200, ..cfg };
        let person = |id: &str, name: &str| Entity {
            id: id.into(),
            kind: EntityKind::Person,
            name: name.into(),
            role: None,
            affiliation: None,
            mentions: Vec::new(),
        };
        let mut s = StoryClusterer::new(cfg);
        let mut a = art(
            "a",
            "one.com",
            "Man, 24, shot dead outside bar",
            "2016-03-01",
            "Darnell Hughes, 24, was shot outside a bar on Elm Grove late on Saturday and died at the \
             scene. Witness Tanya Brooks said two men argued before the shots; police arrested Marcus \
             Reed, 31, a few streets away and recovered a revolver from a parked van.",
            &[],
        );
        for (i, n) in ["Darnell Hughes", "Tanya Brooks", "Marcus Reed"].iter().enumerate() {
            a.entities.push(person(&format!("p{i}"), n));
        }
        let mut b = art(
            "b",
            "two.com",
            "Jury hears opening statements",
            "2016-09-20",
            "Jurors heard opening statements on Tuesday as Judge Helen Ortiz presided. Prosecutor Paul \
             Whitman told the panel that Marcus Reed fired at Darnell Hughes after a quarrel; defence \
             lawyer Greg Sato called Tanya Brooks unreliable. Lena Park, Omar Diaz, Kevin Lowe, Rosa \
             Nunez and Ivan Petrov are expected to testify, and the trial may last three weeks.",
            &[],
        );
        let others = ["Helen Ortiz", "Paul Whitman", "Greg Sato", "Lena Park", "Omar Diaz", "Kevin Lowe"];
        for (i, n) in ["Darnell Hughes", "Tanya Brooks", "Marcus Reed"].iter().chain(others.iter()).enumerate() {
            b.entities.push(person(&format!("p{i}"), n));
        }
        let a = s.add(&a, None);
        (a, s.add(&b, None))
    }

    #[test]
    fn a_follow_up_naming_three_of_the_incidents_people_joins_it() {
        let (a, b) = trial_pair(StoryConfig::default());
        assert_eq!(a, b);
        let (a, b) = trial_pair(StoryConfig { follow_up_people: 0, ..StoryConfig::default() });
        assert_ne!(a, b);
        let (a, b) = trial_pair(StoryConfig { follow_up_people: 4, ..StoryConfig::default() });
        assert_ne!(a, b);
    }

    #[test]
    fn a_linked_incident_report_joins_its_story_years_later() {
        // Two years on, past `max_gap_days`: a report naming the incident's
        // person (a trial) joins; a running topic's person is another event.
        let ages = (" A 34-year-old driver was hurt.", " The 34-year-old driver testified.");
        let (a, b) = topic_pair(EntityKind::Person, "Maria Delgado", ages, "2018-01-15");
        assert_eq!(a, b);
        let (a, b) = topic_pair(EntityKind::Person, "Maria Delgado", ("", ""), "2018-01-15");
        assert_ne!(a, b);
    }

    #[test]
    fn for_incident_reports_the_name_track_needs_a_link() {
        // Days apart, an organisation's name in common: enough for a
        // running topic, not for two incident reports (ages given).
        let (a, b) = topic_pair(EntityKind::Organization, "Harbor Transit Authority", ("", ""), "2016-01-15");
        assert_eq!(a, b);
        let (a, b) = topic_pair(
            EntityKind::Organization,
            "Harbor Transit Authority",
            (" A 34-year-old driver was hurt.", " A 52-year-old cyclist was injured."),
            "2016-01-15",
        );
        assert_ne!(a, b);
    }

    #[test]
    fn reports_of_harm_are_incident_reports_for_the_name_track() {
        // The same two texts, the organisation's name in common, no ages:
        // headlines of a dispute join, headlines of people shot do not (the
        // city's police department is named in all its shootings).
        let org = EntityKind::Organization;
        let (a, b) = topic_pair(org, "Harbor Transit Authority", ("", ""), "2016-01-15");
        assert_eq!(a, b);
        let titles = ("Two wounded in shooting at toll protest", "Man shot near toll booths");
        let (a, b) = topic_pair_titled(org, "Harbor Transit Authority", ("", ""), "2016-01-15", titles);
        assert_ne!(a, b);
    }

    #[test]
    fn undated_articles_are_compared_as_if_days_apart() {
        // A report and a follow-up in one town (ages 15 and 16: no age link).
        let run = |cfg: StoryConfig, d1: &str, d2: &str| {
            let mut s = StoryClusterer::new(cfg);
            let a = s.add(&art("a", "one.com", "Boy shot in Mount Pleasant", d1, FIRST, &["Mount Pleasant"]), None);
            let b = s.add(&art("b", "two.com", "Teen charged", d2, &follow_up(16), &["Mount Pleasant"]), None);
            (a, b)
        };
        // Published the same day: one story.
        let (a, b) = run(StoryConfig::default(), "2016-03-01", "2016-03-01");
        assert_eq!(a, b);
        // Without dates they are two weeks apart: past the person gate,
        // and nothing links them.
        let (a, b) = run(StoryConfig::default(), "", "");
        assert_ne!(a, b);
        let (a, b) = run(StoryConfig::default(), "2016-03-01", "");
        assert_ne!(a, b);
        // (Taken as the same day, they were one story.)
        let (a, b) = run(StoryConfig { undated_gap_days: 0, ..StoryConfig::default() }, "", "");
        assert_eq!(a, b);
        // Three weeks apart, dated: the gate too.
        let (a, b) = run(StoryConfig::default(), "2016-03-01", "2016-03-22");
        assert_ne!(a, b);
    }

    #[test]
    fn harm_words_are_whole_words_of_the_headline() {
        assert!(reports_harm("4 hospitalized in South LA shooting; suspect sought"));
        assert!(reports_harm("Two dead, six INJURED in Southeast D.C."));
        assert!(reports_harm("Actor Doris Day dies at 97"));
        assert!(!reports_harm("Council misses deadline on bridge toll"));
        assert!(!reports_harm("Parliament suspended for five weeks"));
        assert!(!reports_harm(""));
    }

    #[test]
    fn a_follow_up_looking_back_to_the_event_day_in_the_same_place_is_linked() {
        let run = |day: &str, place: &str| {
            let mut s = StoryClusterer::default();
            let a =
                s.add(&art("a", "one.com", "Boy killed in shooting", "2016-03-01", FIRST, &["Mount Pleasant"]), None);
            // Another age (no age link), no person in common, three weeks later.
            let text = format!("{} The shooting happened on {day}, police said.", follow_up(40))
                .replace("Mount Pleasant", place);
            let b = s.add(&art("b", "two.com", "Friend charged in death", "2016-03-25", &text, &[place]), None);
            (a, b)
        };
        let (a, b) = run("March 1", "Mount Pleasant");
        assert_eq!(a, b);
        // Another day, or no place in common: the gate keeps them apart.
        let (a, b) = run("March 8", "Mount Pleasant");
        assert_ne!(a, b);
        let (a, b) = run("March 1", "Springfield");
        assert_ne!(a, b);
    }

    #[test]
    fn url_slugs_give_the_words_of_a_headline() {
        assert_eq!(
            url_slug("http://www.stltoday.com/news/local/crime-and-courts/four-teens-shot-after-party-in-st-louis/article_998053df-ce00.html")
                .as_deref(),
            Some("four teens shot after party in st louis")
        );
        assert_eq!(
            url_slug("http://www.ajc.com/news/news/5-injured-in-northwest-atlanta-shooting-monday/ngwKf/").as_deref(),
            Some("injured in northwest atlanta shooting monday")
        );
        assert_eq!(url_slug("http://www.kansascity.com/news/local/crime/article5568789.html"), None);
        assert_eq!(url_slug("not a url"), None);
        assert_eq!(url_slug(""), None);
    }

    #[test]
    fn headline_furniture_is_dropped() {
        let mut s = StoryClusterer::default();
        let a = art("a", "ksla.com", "Victim identified - KSLA News 12 Shreveport", "2016-03-01", "", &[]);
        assert_eq!(s.headline(&a).0, "Victim identified");
        // A segment that ended an earlier headline of the same source.
        let b = art("b", "wrcbtv.com", "Two hurt in crash | Chattanooga News, Weather & Sports", "2016-03-01", "", &[]);
        assert_eq!(s.headline(&b).0, "Two hurt in crash - Chattanooga News, Weather & Sports");
        s.add(&b, None);
        let c = art("c", "wrcbtv.com", "Mayor speaks | Chattanooga News, Weather & Sports", "2016-03-02", "", &[]);
        assert_eq!(s.headline(&c).0, "Mayor speaks");
        // Another source's headline keeps it; the first segment always stays.
        let d = art("d", "other.com", "Mayor speaks | Chattanooga News, Weather & Sports", "2016-03-02", "", &[]);
        assert_eq!(s.headline(&d).0, "Mayor speaks - Chattanooga News, Weather & Sports");
        let e = art("e", "ksla.com", "KSLA - a report", "2016-03-02", "", &[]);
        assert_eq!(s.headline(&e).0, "KSLA - a report");
    }

    #[test]
    fn furniture_only_pages_join_their_copy_group_only_by_headline() {
        let furniture = "Close Get email notifications on Jane Doe daily!\n\nYour notification has been saved.\n\n\
            There was a problem saving your notification.\n\nWhenever Jane Doe posts new content, you'll get an \
            email delivered to your inbox with a link.\n\nEmail notifications are only sent once a day, and only \
            if there are new matching items.";
        let mut s = StoryClusterer::default();
        // Two earlier pages teach that these paragraphs recur.
        s.add(&art("p0", "paper.com", "Council approves the budget", "2016-03-01", furniture, &[]), None);
        s.add(&art("p1", "paper.com", "Library opens new branch", "2016-03-01", furniture, &[]), None);
        let x = s.add(&art("x", "paper.com", "Man shot on Elm Street", "2016-03-02", furniture, &[]), Some("g"));
        let y = s.add(&art("y", "paper.com", "Bakery wins state award", "2016-03-02", furniture, &[]), Some("g"));
        assert_ne!(x, y);
        let z = s.add(&art("z", "paper.com", "Man shot on Elm Street dies", "2016-03-03", furniture, &[]), Some("g"));
        assert_eq!(x, z);
    }

    #[test]
    fn copies_that_share_only_page_chrome_keep_their_own_story() {
        let chrome = "Home | News | Sports | Weather | Traffic | Contact us | Advertise with us | Jobs | Apps";
        let page = |body: &str| format!("{chrome}\n\n{body}\n\n{chrome} | Privacy policy");
        let bakery = "A family bakery won the state award for its rye bread; the owners thanked customers \
                      and said the prize money would pay for a second oven before the holiday season.";
        let mut s = StoryClusterer::default();
        // Two earlier pages of the site teach that the chrome recurs.
        s.add(
            &art("p0", "paper.com", "Council approves the budget", "2016-03-01", &page("The council met."), &[]),
            None,
        );
        s.add(&art("p1", "paper.com", "Library opens new branch", "2016-03-01", &page("A library opened."), &[]), None);
        // The deduper grouped these pages (the chrome is most of them).
        let x = s.add(&art("x", "paper.com", "Man shot on Elm Street", "2016-03-02", &page(FIRST), &[]), Some("g"));
        let y = s.add(&art("y", "paper.com", "Bakery wins state award", "2016-03-02", &page(bakery), &[]), Some("g"));
        assert_ne!(x, y);
        // A real copy of the first page follows its group.
        let z = s.add(&art("z", "other.com", "Boy dies", "2016-03-02", &page(FIRST), &[]), Some("g"));
        assert_eq!(x, z);
    }

    /// A report and, a day later, a loosely similar one of `second_source`
    /// (no link between them) ending with `extra`; `others` is how many pages
    /// of another outlet came first.
    fn outlet_pair_with(cfg: StoryConfig, second_source: &str, others: usize, extra: &str) -> (String, String) {
        scene_streets(cfg, second_source, others, extra, (&[], &[]))
    }

    /// [`outlet_pair_with`] with street (place) entities for each article.
    fn scene_streets(
        cfg: StoryConfig,
        second_source: &str,
        others: usize,
        extra: &str,
        streets: (&[&str], &[&str]),
    ) -> (String, String) {
        let mut s = StoryClusterer::new(cfg);
        for i in 0..others {
            let t = format!("The council met on budget item {i} and approved it after a short debate.");
            s.add(&art(&format!("o{i}"), "elsewhere.com", "Council news", "2016-02-20", &t, &[]), None);
        }
        let a = s.add(&art("a", "one.com", "Boy killed in shooting", "2016-03-01", FIRST, streets.0), None);
        // (The body names the town's police, as reports do: a body that names
        // nothing joins only by its headline.)
        let text = "A teenager was shot at a friend's house late on Wednesday, the Mount Pleasant Police \
                    Department said. Paramedics took him to the regional hospital. Neighbours said they heard \
                    one shot, and the family asked for privacy while detectives work.";
        let text = format!("{text}{extra}");
        let b = s.add(&art("b", second_source, "Teen wounded at a house", "2016-03-02", &text, streets.1), None);
        (a, b)
    }

    #[test]
    fn other_streets_are_another_scene() {
        // (The same town in both, so that they share a name; the place and
        // street rules that would lower the bar are off.)
        let cfg =
            StoryConfig { street_mismatch_penalty: 0.2, street_days: -1, place_days: -1, ..StoryConfig::default() };
        let run = |cfg: &StoryConfig, second: &str| {
            scene_streets(
                cfg.clone(),
                "two.com",
                0,
                "",
                (&["Mount Pleasant", "Elm Street"], &["Mount Pleasant", second]),
            )
        };
        let (a, b) = run(&cfg, "Elm Street");
        assert_eq!(a, b);
        let (a, b) = run(&cfg, "Oak Avenue");
        assert_ne!(a, b);
        let (a, b) = run(&StoryConfig { street_mismatch_penalty: 0.0, ..cfg.clone() }, "Oak Avenue");
        assert_eq!(a, b);
    }

    #[test]
    fn an_old_date_in_a_photo_caption_is_no_event_day() {
        // The second report opens with a file photo's caption dated years
        // before: its event day would be that date, and the event-day rule
        // would take it for another incident. (No link: no rare places.)
        let cfg = StoryConfig { max_place_stories: 0, age_mismatch_penalty: 0.0, ..StoryConfig::default() };
        let run = |caption_date: &str| {
            let mut s = StoryClusterer::new(cfg.clone());
            let first = FIRST.replace("late on Tuesday", "late on Tuesday, March 1,");
            let a =
                s.add(&art("a", "one.com", "Boy killed in shooting", "2016-03-01", &first, &["Mount Pleasant"]), None);
            let text = format!(
                "A police cruiser parked on the hill on {caption_date}. Buy Photo. A 16-year-old boy was \
                 shot and killed in Mount Pleasant while playing with a handgun at a friend's house, police \
                 said. Paramedics took the boy to the regional hospital where he died; detectives are \
                 questioning the friend's parents about the handgun and a locked cabinet."
            );
            let b =
                s.add(&art("b", "two.com", "Teen dies after shooting", "2016-03-01", &text, &["Mount Pleasant"]), None);
            (a, b)
        };
        let (a, b) = run("Sept. 24, 2013");
        assert_eq!(a, b);
        // A date within the month is an event day: another incident.
        let (a, b) = run("Feb. 9, 2016");
        assert_ne!(a, b);
    }

    #[test]
    fn the_same_age_in_the_same_place_on_the_same_day_is_one_scene() {
        // (No rare-place rule, so that only the scene rule lowers the bar.)
        let cfg = StoryConfig { max_place_stories: 0, age_mismatch_penalty: 0.0, ..StoryConfig::default() };
        let run = |age: u8, date: &str| {
            let mut s = StoryClusterer::new(cfg.clone());
            let a =
                s.add(&art("a", "one.com", "Boy killed in shooting", "2016-03-01", FIRST, &["Mount Pleasant"]), None);
            let text = format!(
                "Neighbours on the quiet street said they heard sirens before dawn, and a vigil with \
                 candles and balloons was planned for the weekend by classmates of the {age}-year-old \
                 at the middle school."
            );
            let b = s.add(&art("b", "two.com", "Vigil planned", date, &text, &["Mount Pleasant"]), None);
            (a, b)
        };
        let (a, b) = run(15, "2016-03-01");
        assert_eq!(a, b);
        let (a, b) = run(40, "2016-03-01");
        assert_ne!(a, b);
        let (a, b) = run(15, "2016-03-03");
        assert_ne!(a, b);
    }

    #[test]
    fn other_ages_are_other_people() {
        // (A penalty larger than the default, so that the test does not
        // hang on the third decimal of a similarity.)
        let cfg = StoryConfig { age_mismatch_penalty: 0.2, ..StoryConfig::default() };
        let (a, b) = outlet_pair_with(cfg.clone(), "two.com", 0, " The 15-year-old is expected to recover.");
        assert_eq!(a, b);
        let (a, b) = outlet_pair_with(cfg.clone(), "two.com", 0, " The 16-year-old is expected to recover.");
        assert_eq!(a, b, "a year apart is the same person");
        let (a, b) = outlet_pair_with(cfg, "two.com", 0, " The 40-year-old is expected to recover.");
        assert_ne!(a, b);
        let off = StoryConfig { age_mismatch_penalty: 0.0, ..StoryConfig::default() };
        let (a, b) = outlet_pair_with(off, "two.com", 0, " The 40-year-old is expected to recover.");
        assert_eq!(a, b);
    }

    #[test]
    fn an_outlets_own_story_needs_more_from_its_next_unlinked_report() {
        // (A penalty larger than the default, so that the test does not
        // hang on the third decimal of a similarity.)
        let cfg = StoryConfig { same_source_penalty: 0.2, ..StoryConfig::default() };
        // Another outlet's report joins.
        let (a, b) = outlet_pair_with(cfg.clone(), "two.com", 1, "");
        assert_eq!(a, b);
        // The same outlet's next report, unlinked, needs more: apart.
        let (a, b) = outlet_pair_with(cfg.clone(), "one.com", 1, "");
        assert_ne!(a, b);
        // In a stream of one outlet only, the bar is the usual one.
        let (a, b) = outlet_pair_with(cfg, "one.com", 0, "");
        assert_eq!(a, b);
    }

    /// A storm report under `first_title`, and four days later a report of
    /// the next storm under `second_title`, with `penalty` as
    /// `headline_name_penalty`.
    fn storm_pair(penalty: f32, first_title: &str, second_title: &str) -> (String, String) {
        let cfg = StoryConfig { headline_name_penalty: penalty, ..StoryConfig::default() };
        let mut s = StoryClusterer::new(cfg);
        let first = "Hurricane Dorian strengthened over the Atlantic on Sunday and made landfall in the \
                     Bahamas, the National Hurricane Center said. Forecasters said the storm would turn \
                     north along the coast of Florida, bringing heavy rain, storm surge and strong winds.";
        let second = "Tropical Storm Humberto strengthened on Monday, forecasters said. The storm would turn \
                      north away from the coast of the Bahamas, bringing heavy rain, storm surge and strong \
                      winds.";
        let a = s.add(&art("a", "wiki", first_title, "2019-09-01", first, &[]), None);
        let b = s.add(&art("b", "wiki", second_title, "2019-09-05", second, &[]), None);
        (a, b)
    }

    #[test]
    fn outside_incident_reports_a_new_name_in_the_headline_is_a_new_subject() {
        let dorian = "Hurricane Dorian makes landfall in the Bahamas";
        let humberto = "Tropical storm Humberto gains strength";
        let (a, b) = storm_pair(0.0, dorian, humberto);
        assert_eq!(a, b, "without the penalty the shared wording joins them");
        let (a, b) = storm_pair(1.0, dorian, humberto);
        assert_ne!(a, b, "Humberto is named in no report of the story");
        // A headline that names only what the story names is no new subject.
        let (a, b) = storm_pair(1.0, dorian, "Storm gains strength, turns away from the Bahamas");
        assert_eq!(a, b);
        // Incident reports headline names the first report could not give:
        // the penalty leaves them alone.
        let (a, b) = storm_pair(1.0, "Hurricane Dorian kills five in the Bahamas", humberto);
        assert_eq!(a, b, "an incident report");
    }

    #[test]
    fn a_timeline_keeps_one_event_per_sentence_said_in_other_words() {
        let first = "Protesters marched through the city centre of Riverton on Monday, police said.\n\n\
                     Nevada held its caucuses on Monday.\n\n\
                     The mayor of Riverton resigned on Monday after the council vote.";
        let second = "Protesters marched through the city center of Riverton on Monday, police said.\n\n\
                      Nevada held its caucuses on Monday, and the mayor of Riverton spoke after the vote.\n\n\
                      Officers in Riverton arrested four people on Tuesday night, the police said.";
        let mut s = StoryClusterer::default();
        let a = s.add(&art("a", "one.com", "Protest in Riverton", "2019-03-06", first, &["Riverton"]), None);
        let b = s.add(&art("b", "two.com", "Protest in Riverton", "2019-03-06", second, &["Riverton"]), None);
        assert_eq!(a, b);
        let sum = s.summaries().into_iter().find(|x| x.id == a).unwrap();
        let texts: Vec<&str> = sum.timeline.iter().map(|e| e.text.as_str()).collect();
        // "centre" / "center": one event, the first report's words.
        assert_eq!(texts.iter().filter(|t| t.starts_with("Protesters marched")).count(), 1, "{texts:?}");
        assert!(texts.contains(&"Protesters marched through the city centre of Riverton on Monday, police said."));
        // A clearly fuller sentence takes the place of the shorter one.
        assert!(!texts.contains(&"Nevada held its caucuses on Monday."), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Nevada held its caucuses on Monday, and")), "{texts:?}");
        // Other sentences of the same day are other events.
        assert!(texts.iter().any(|t| t.starts_with("The mayor of Riverton resigned")), "{texts:?}");
        assert_eq!(sum.timeline.len(), 4, "{texts:?}");
    }

    /// Wire items on a city council's work, a day apart: four on its
    /// library, one on the library and the bus depot, four on the depot,
    /// then one more on the library under a headline of its own. The last
    /// item's story and the first's, with `large_story_size` as given.
    fn council_chain(large_story_size: u32) -> (String, String) {
        let cfg = StoryConfig { large_story_size, ..StoryConfig::default() };
        let mut s = StoryClusterer::new(cfg);
        let library = (
            "LIBRARY HOURS EXTENDED",
            "The city council voted to extend the central library, its reading rooms and opening \
             hours, and to buy books, journals and newspapers for it. Librarians will open the \
             reading rooms on Sundays, lend laptops to students and run evening classes for \
             readers learning foreign languages.",
        );
        let depot = (
            "BUS DEPOT REBUILT",
            "Councillors approved rebuilding the bus depot with new workshops and yards, electric \
             buses, chargers and spare batteries. Drivers will train on the electric buses over \
             the summer, mechanics move to the new workshops in autumn, and diesel engines are \
             sold at auction.",
        );
        let both = ("LIBRARY HOURS EXTENDED; DEPOT REBUILT", format!("{} {}", library.1, depot.1));
        let items = [library, library, library, library, (both.0, both.1.as_str()), depot, depot, depot, depot];
        let mut first = String::new();
        for (k, (title, text)) in items.iter().enumerate() {
            // (Each item's paragraph its own: repeated ones are furniture.)
            let text = format!("{text} It was vote {k} of the session.");
            let date = format!("1987-03-{:02}", k + 2);
            let id = s.add(&art(&format!("a{k}"), "wire", title, &date, &text, &[]), None);
            if k == 0 {
                first = id.clone();
            }
            assert_eq!(id, first, "item {k} joins the council story");
        }
        let text = format!("{} It was the last vote of the session.", library.1);
        let last = s.add(&art("b", "wire", "READING ROOMS TO OPEN ON SUNDAYS", "1987-03-11", &text, &[]), None);
        (first, last)
    }

    #[test]
    fn a_large_story_is_joined_only_near_its_latest_articles() {
        let (a, b) = council_chain(0);
        assert_eq!(a, b, "the centroid still holds the library");
        let (a, b) = council_chain(StoryConfig::default().large_story_size);
        assert_ne!(a, b, "the story's latest four items are on the depot only");
        let (a, b) = council_chain(10);
        assert_eq!(a, b, "a story of nine is not large at 10");
    }

    #[test]
    fn bodies_without_names_join_only_when_their_headlines_agree() {
        // Earnings tables of different companies: the same template, the
        // company only in the (all-capitals) headline.
        let table = |shr: u32| {
            format!(
                "Shr {shr} cts vs 12 cts\n    Net 807,000 vs 2,858,000\n    Revs 51.2 mln vs 47.9 mln\n    \
                 Note: fourth quarter results include a gain from the sale of assets."
            )
        };
        let run = |second_title: &str| {
            let mut s = StoryClusterer::default();
            let a = s.add(&art("a", "wire", "COBANCO INC <CBCO> 4TH QTR NET", "1987-03-02", &table(34), &[]), None);
            let b = s.add(&art("b", "wire", second_title, "1987-03-02", &table(15), &[]), None);
            (a, b)
        };
        let (a, b) = run("BROWN-FORMAN INC <BFD> 4TH QTR NET");
        assert_ne!(a, b, "another company's table");
        let (a, b) = run("COBANCO INC <CBCO> 4TH QTR NET CORRECTED");
        assert_eq!(a, b, "the same company's table again");
    }

    #[test]
    fn top_entities_leave_out_runs_that_hold_or_split_an_entity() {
        let text = "Emergencies Minister Yevgeny Zinichev flew to the city on Tuesday. The army said \
                    the People's Liberation Army had sent engineers. Later, Deputy Governor Oleg Klimov \
                    said the search would go on through the night, and the Prime Minister sent his regards. \
                    On Wednesday, Minister Zinichev said more help would come. The UK and the \
                    United Kingdom's Foreign Office sent aid, and so did the IMF.";
        let mut a = art("a", "one.com", "Search goes on", "2019-01-01", text, &[]);
        for (i, (kind, name)) in [
            (EntityKind::Person, "Yevgeny Zinichev"),
            (EntityKind::Organization, "People's Liberation Army"),
            (EntityKind::Place, "United Kingdom"),
        ]
        .into_iter()
        .enumerate()
        {
            a.entities.push(Entity {
                id: format!("e{i}"),
                kind,
                name: name.into(),
                role: None,
                affiliation: None,
                mentions: Vec::new(),
            });
        }
        let mut s = StoryClusterer::default();
        s.add(&a, None);
        let names: Vec<String> = s.summaries()[0].top_entities.iter().map(|e| e.name.clone()).collect();
        for kept in ["Yevgeny Zinichev", "People's Liberation Army", "Deputy Governor Oleg Klimov", "IMF"] {
            assert!(names.iter().any(|n| n == kept), "{kept} missing from {names:?}");
        }
        for gone in
            ["Emergencies Minister Yevgeny Zinichev", "Liberation Army", "Prime Minister", "Minister Zinichev", "UK"]
        {
            assert!(!names.iter().any(|n| n == gone), "{gone} listed in {names:?}");
        }
    }

    #[test]
    fn ages_in_digits_words_and_appositions() {
        assert_eq!(ages_in("a 23-year-old man and a 3-years-old girl"), vec![23, 3]);
        // Ages in words are not read (tried: on the Wikinews sample the
        // protester "eighteen-years-old" made a Hong Kong protest report an
        // incident, which the person gate then split from its story).
        assert!(ages_in("a three-year-old girl").is_empty());
        assert_eq!(ages_in("Boy, 3, dies; Zecary L. Banks, 27, of Elmira"), vec![3, 27]);
        assert_eq!(ages_in("The 5 Year Old was hurt"), vec![5]);
        assert!(ages_in("On Jan. 5, 2016, 300 people marched for 12 years").is_empty());
        assert!(ages_in("a 999-year-old oak").is_empty());
    }
}
