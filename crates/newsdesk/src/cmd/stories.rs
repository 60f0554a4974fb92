//! `newsdesk stories`: online story clustering in publication order.
//!
//! Input: JSONL analyses (`newsdesk analyze` output) or raw articles (then
//! analysed here). Articles are deduplicated first (near-duplicates always
//! share a story), then clustered in publication order. Writes `{id, story}`
//! per article in input order; `--summary FILE` writes one
//! [`newsdesk_corpus::StorySummary`] per story (JSON Lines).

use super::corpus_io::{self, Item};
use super::pipeline::InputArgs;
use newsdesk_core::Analysis;
use newsdesk_corpus::{Deduper, StoryClusterer, StoryConfig};
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Analyses (`newsdesk analyze` output) or articles in any readable format.
    #[command(flatten)]
    pub input: InputArgs,
    /// Write one summary object per story (JSON Lines) to this file.
    #[arg(long)]
    pub summary: Option<String>,
    /// Only stories with at least this many articles go to the summary file.
    #[arg(long, default_value_t = 1)]
    pub min_articles: u32,
    /// Minimum similarity to join a story updated the same day.
    #[arg(long, default_value_t = StoryConfig::default().threshold)]
    pub threshold: f32,
    /// Threshold increase per ln(1 + days since the story's last article).
    #[arg(long, default_value_t = StoryConfig::default().time_penalty)]
    pub time_penalty: f32,
    /// Days without articles after which a story takes only a linked article.
    #[arg(long, default_value_t = StoryConfig::default().max_gap_days)]
    pub max_gap_days: i64,
    /// Days without articles after which a story is closed (trials and
    /// sentencings that name the incident's people come years later).
    #[arg(long, default_value_t = StoryConfig::default().max_linked_gap_days)]
    pub max_linked_gap_days: i64,
    /// Name-feature cosine that joins a story whatever the time gap.
    #[arg(long, default_value_t = StoryConfig::default().name_threshold)]
    pub name_threshold: f32,
    /// Name-feature cosine below which `--nameless-threshold` applies.
    #[arg(long, default_value_t = StoryConfig::default().min_name_overlap)]
    pub min_name_overlap: f32,
    /// Similarity needed to join a story with which no name is shared.
    #[arg(long, default_value_t = StoryConfig::default().nameless_threshold)]
    pub nameless_threshold: f32,
    #[arg(long, default_value_t = StoryConfig::default().name_weight)]
    pub name_weight: f32,
    #[arg(long, default_value_t = StoryConfig::default().title_weight)]
    pub title_weight: f32,
    #[arg(long, default_value_t = StoryConfig::default().date_weight)]
    pub date_weight: f32,
    /// For a story of this many articles or more, an unlinked article's
    /// similarity is the smaller of its similarity to the centroid and to
    /// the nearest of the story's latest 4 articles (0 = off).
    #[arg(long, default_value_t = StoryConfig::default().large_story_size)]
    pub large_story_size: u32,
    /// A story older than this many days is joined only by an article
    /// sharing a rare full person name with it (-1 = off).
    #[arg(long, default_value_t = StoryConfig::default().person_gate_days, allow_hyphen_values = true)]
    pub person_gate_days: i64,
    /// A person name in more stories than this is not evidence.
    #[arg(long, default_value_t = StoryConfig::default().max_person_stories)]
    pub max_person_stories: u32,
    /// An incident report a week or more after a story's last article joins
    /// it at `--threshold` when both name this many of the same rare people
    /// (0 = off).
    #[arg(long, default_value_t = StoryConfig::default().follow_up_people)]
    pub follow_up_people: u32,
    /// A shared age plus a shared place named in at most this many stories
    /// counts as a shared person (0 = off).
    #[arg(long, default_value_t = StoryConfig::default().max_place_stories)]
    pub max_place_stories: u32,
    /// Article terms used to look up candidate stories.
    #[arg(long, default_value_t = StoryConfig::default().query_terms)]
    pub query_terms: usize,
    /// Headline similarity that joins an article with (almost) no body
    /// text, and that an article whose body names no one needs to join at all.
    #[arg(long, default_value_t = StoryConfig::default().title_threshold)]
    pub title_threshold: f32,
    /// Apply the person gate to every story, not only to incident reports
    /// (articles giving someone's age).
    #[arg(long)]
    pub gate_strict: bool,
    /// Incident reports whose event days differ by more than this are
    /// different incidents unless they share a person (-1 = off).
    #[arg(long, default_value_t = StoryConfig::default().event_day_slack, allow_hyphen_values = true)]
    pub event_day_slack: i64,
    /// Within this many days a shared place named in at most
    /// `--max-place-stories` stories halves the similarity needed (-1 = off).
    #[arg(long, default_value_t = StoryConfig::default().place_days, allow_hyphen_values = true)]
    pub place_days: i64,
    /// Headline similarity that joins a full article to a story updated
    /// within `--headline-days` days (> 1 = off).
    #[arg(long, default_value_t = StoryConfig::default().headline_threshold)]
    pub headline_threshold: f32,
    #[arg(long, default_value_t = StoryConfig::default().headline_days)]
    pub headline_days: i64,
    /// Within this many days a shared street name halves the similarity needed (-1 = off).
    #[arg(long, default_value_t = StoryConfig::default().street_days, allow_hyphen_values = true)]
    pub street_days: i64,
    /// Share of the time penalty applied when two kinds of link (person,
    /// age + place, event day + place) join an article to a story (1 = off).
    #[arg(long, default_value_t = StoryConfig::default().double_link_penalty)]
    pub double_link_penalty: f32,
    /// Added to the similarity needed between an outlet's new article and a
    /// story only that outlet has reported, without a link (0 = off).
    #[arg(long, default_value_t = StoryConfig::default().same_source_penalty)]
    pub same_source_penalty: f32,
    /// Added to the similarity needed when both sides give ages and none is
    /// within a year of another, without a link (0 = off).
    #[arg(long, default_value_t = StoryConfig::default().age_mismatch_penalty)]
    pub age_mismatch_penalty: f32,
    /// Added when both sides name streets, none in common, without a link (0 = off).
    #[arg(long, default_value_t = StoryConfig::default().street_mismatch_penalty)]
    pub street_mismatch_penalty: f32,
    /// Added when, outside incident reports, the headline names someone or
    /// something the story does not, without a link (0 = off).
    #[arg(long, default_value_t = StoryConfig::default().headline_name_penalty)]
    pub headline_name_penalty: f32,
    /// Days taken to lie between an article and a story when either has no
    /// publication date (an undated corpus has no time dimension).
    #[arg(long, default_value_t = StoryConfig::default().undated_gap_days)]
    pub undated_gap_days: i64,
}

impl Args {
    pub fn config(&self) -> StoryConfig {
        StoryConfig {
            threshold: self.threshold,
            time_penalty: self.time_penalty,
            max_gap_days: self.max_gap_days,
            max_linked_gap_days: self.max_linked_gap_days,
            name_threshold: self.name_threshold,
            min_name_overlap: self.min_name_overlap,
            nameless_threshold: self.nameless_threshold,
            name_weight: self.name_weight,
            title_weight: self.title_weight,
            date_weight: self.date_weight,
            large_story_size: self.large_story_size,
            person_gate_days: self.person_gate_days,
            max_person_stories: self.max_person_stories,
            follow_up_people: self.follow_up_people,
            max_place_stories: self.max_place_stories,
            query_terms: self.query_terms,
            title_threshold: self.title_threshold,
            gate_strict: self.gate_strict,
            event_day_slack: self.event_day_slack,
            street_days: self.street_days,
            place_days: self.place_days,
            headline_threshold: self.headline_threshold,
            headline_days: self.headline_days,
            double_link_penalty: self.double_link_penalty,
            same_source_penalty: self.same_source_penalty,
            age_mismatch_penalty: self.age_mismatch_penalty,
            street_mismatch_penalty: self.street_mismatch_penalty,
            headline_name_penalty: self.headline_name_penalty,
            undated_gap_days: self.undated_gap_days,
            ..StoryConfig::default()
        }
    }
}

/// Turns input items into analyses (analysing raw articles in parallel), in
/// publication order.
pub fn analyses(mut items: Vec<Item>) -> Vec<Analysis> {
    corpus_io::sort_by_published(&mut items);
    corpus_io::into_analyses(items)
}

/// Dedup groups and story ids for analyses in publication order.
pub fn cluster(analyses: &[Analysis], cfg: StoryConfig) -> (Vec<String>, StoryClusterer) {
    let mut dd = Deduper::default();
    let groups: Vec<String> = analyses.iter().map(|a| dd.add(&a.article).group).collect();
    let mut sc = StoryClusterer::new(cfg);
    let stories = analyses.iter().zip(&groups).map(|(a, g)| sc.add(a, Some(g))).collect();
    (stories, sc)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (items, tally) = corpus_io::read_items(&args.input)?;
    let order: Vec<String> = items.iter().map(|i| i.article().id.clone()).collect();
    let analyses = analyses(items);
    let (stories, sc) = cluster(&analyses, args.config());
    let story_of: HashMap<&str, &str> =
        analyses.iter().zip(&stories).map(|(a, s)| (a.article.id.as_str(), s.as_str())).collect();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for id in &order {
        let rec = serde_json::json!({"id": id, "story": story_of.get(id.as_str())});
        serde_json::to_writer(&mut w, &rec)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    let sums = sc.summaries();
    if let Some(path) = &args.summary {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
        for s in sums.iter().filter(|s| s.article_count >= args.min_articles) {
            serde_json::to_writer(&mut f, s)?;
            f.write_all(b"\n")?;
        }
        f.flush()?;
    }
    eprintln!(
        "stories: {} articles, {} stories ({} with 2+ articles)",
        analyses.len(),
        sums.len(),
        sums.iter().filter(|s| s.article_count > 1).count(),
    );
    // (The read summary, with the rejected records, was printed by `read_items`.)
    Ok(tally.exit_code())
}
