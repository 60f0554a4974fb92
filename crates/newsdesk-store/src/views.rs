//! Reading: the views the API and UI show (article, entity, story, corpus
//! statistics) and search with facets resolved to entity names and ids.

use crate::index::{FacetCount, Facets, SearchQuery, SearchResults};
use crate::{Result, Store};
use newsdesk_core::Analysis;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use std::collections::HashMap;
use std::time::Instant;

/// Most mentions or quotes one entity view lists (the counts are exact).
pub const MAX_LISTED: usize = 2000;

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    /// `YYYY-MM-DD`.
    pub day: Option<String>,
    pub source: Option<String>,
    pub story: Option<i64>,
}

const SUMMARY_COLS: &str = "a.id, a.title, a.published, a.day, a.source, a.story";

fn summary(r: &Row<'_>, at: usize) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(at)?,
        title: r.get(at + 1)?,
        published: r.get(at + 2)?,
        day: r.get(at + 3)?,
        source: r.get(at + 4)?,
        story: r.get(at + 5)?,
    })
}

/// An article entity linked to the corpus-wide entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedEntity {
    /// The id within the article's analysis (`e1`).
    pub local_id: String,
    /// The corpus-wide entity id (`/api/entities/{entity}`).
    pub entity: i64,
    pub kind: String,
    pub name: String,
}

/// An article with its analysis and its links into the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleView {
    pub analysis: Analysis,
    pub entities: Vec<LinkedEntity>,
    pub story: Option<StorySummary>,
    /// Other articles of its near-duplicate group.
    pub duplicates: Vec<ArticleSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub id: i64,
    pub kind: String,
    pub name: String,
}

/// An entity with how much the corpus says of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntitySummary {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub articles: i64,
    pub quotes: i64,
}

/// A quote, with the article it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteView {
    pub article: ArticleSummary,
    pub text: String,
    pub kind: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub start: i64,
    pub end: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub day: String,
    pub count: i64,
}

/// One article's mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityMention {
    pub article: ArticleSummary,
    /// The name as the article gives it.
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// Mentions in the article.
    pub count: i64,
}

/// An entity with every mention and quote (up to [`MAX_LISTED`] each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityView {
    pub id: i64,
    pub kind: String,
    pub name: String,
    /// The role given in the most recent article that gives one.
    pub role: Option<String>,
    /// Every distinct role given, most frequent first.
    pub roles: Vec<(String, i64)>,
    pub article_count: i64,
    pub quote_count: i64,
    /// Newest first.
    pub mentions: Vec<EntityMention>,
    /// Newest first.
    pub quotes: Vec<QuoteView>,
    /// Articles mentioning the entity per day, in order.
    pub per_day: Vec<DayCount>,
    /// Entities most often in the same articles.
    pub related: Vec<EntitySummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorySummary {
    pub id: i64,
    pub label: String,
    pub size: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// A dated time expression of a story's article: an event on its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedEvent {
    pub day: String,
    /// The expression as written.
    pub text: String,
    /// Its TIMEX3 value.
    pub value: String,
    /// The sentence it is in.
    pub context: String,
    pub article: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryView {
    #[serde(flatten)]
    pub summary: StorySummary,
    /// Oldest first.
    pub articles: Vec<ArticleSummary>,
    /// Dated events named in its articles, in date order.
    pub events: Vec<DatedEvent>,
    /// People, organisations and places most mentioned in it.
    pub entities: Vec<EntitySummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    pub source: String,
    pub count: i64,
}

/// Corpus overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub articles: i64,
    pub entities: i64,
    pub quotes: i64,
    pub times: i64,
    pub stories: i64,
    pub dup_groups: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub per_day: Vec<DayCount>,
    pub top_people: Vec<EntitySummary>,
    pub top_organizations: Vec<EntitySummary>,
    pub top_places: Vec<EntitySummary>,
    pub top_sources: Vec<SourceCount>,
    pub top_stories: Vec<StorySummary>,
}

fn story_summary(r: &Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary { id: r.get(0)?, label: r.get(1)?, size: r.get(2)?, first_day: r.get(3)?, last_day: r.get(4)? })
}

fn entity_summaries(c: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<EntitySummary>> {
    let mut st = c.prepare_cached(sql)?;
    let rows = st
        .query_map(p, |r| {
            Ok(EntitySummary {
                id: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
                articles: r.get(3)?,
                quotes: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Facet entity names kept in memory before the cache starts over.
const MAX_CACHED_FACET_ENTITIES: usize = 100_000;

const TOP_ENTITIES: &str = "SELECT e.id, e.kind, e.name, COUNT(*) AS n,
       (SELECT COUNT(*) FROM quotes q WHERE q.entity = e.id)
     FROM mentions m JOIN entities e ON e.id = m.entity
     WHERE e.kind = ?1 GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?2";

impl Store {
    /// Runs a search (see [`SearchQuery`]); entity facets come with names and ids.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let t0 = Instant::now();
        let raw = self.index.search(q)?;
        let mut facets = Facets::default();
        if !raw.facets.is_empty() {
            let cache = self.facet_entities.read().unwrap_or_else(|p| p.into_inner());
            // The cache holds one index generation's names; another one's are not used.
            let known = (cache.0 == raw.generation).then_some(&cache.1);
            let mut learned = Vec::new();
            self.readers.with(|c| {
                let mut st = c.prepare_cached("SELECT id, name FROM entities WHERE key = ?1")?;
                for (root, entries) in raw.facets {
                    let mut out = Vec::with_capacity(entries.len());
                    for (key, count) in entries {
                        let (value, entity) = if matches!(root, "person" | "organization" | "place") {
                            let full = format!("{root}:{key}");
                            let found = match known.and_then(|k| k.get(&full)) {
                                Some(found) => found.clone(),
                                None => {
                                    let found = st
                                        .query_row([&full], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                                        .optional()?;
                                    learned.push((full, found.clone()));
                                    found
                                }
                            };
                            match found {
                                Some((id, name)) => (name, Some(id)),
                                None => (key.clone(), None),
                            }
                        } else {
                            (key.clone(), None)
                        };
                        out.push(FacetCount { value, key, count, entity });
                    }
                    match root {
                        "person" => facets.people = out,
                        "organization" => facets.organizations = out,
                        "place" => facets.places = out,
                        "source" => facets.sources = out,
                        _ => facets.months = out,
                    }
                }
                Ok(())
            })?;
            drop(cache);
            if !learned.is_empty() {
                let mut cache = self.facet_entities.write().unwrap_or_else(|p| p.into_inner());
                // A newer generation starts afresh, and so does a cache these
                // names would overfill (keeping its generation: a search on an
                // older searcher never moves it back).
                if raw.generation > cache.0 {
                    *cache = (raw.generation, HashMap::new());
                } else if cache.1.len() + learned.len() > MAX_CACHED_FACET_ENTITIES {
                    cache.1.clear();
                }
                if cache.0 == raw.generation {
                    cache.1.extend(learned);
                }
            }
        }
        Ok(SearchResults {
            total: raw.total,
            offset: q.offset.min(crate::index::MAX_OFFSET),
            hits: raw.hits,
            facets,
            took_ms: t0.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// The article with this id, its analysis and its links.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        self.readers.with(|c| {
            let row: Option<(i64, String, Option<i64>, Option<i64>)> = c
                .prepare_cached("SELECT rowid, analysis, story, dup_group FROM articles WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            let Some((rowid, json, story, group)) = row else {
                return Ok(None);
            };
            let analysis: Analysis = serde_json::from_str(&json)?;
            let entities = c
                .prepare_cached(
                    "SELECT m.local_id, e.id, e.kind, e.name FROM mentions m
                     JOIN entities e ON e.id = m.entity WHERE m.article = ?1 ORDER BY m.first_start",
                )?
                .query_map([rowid], |r| {
                    Ok(LinkedEntity { local_id: r.get(0)?, entity: r.get(1)?, kind: r.get(2)?, name: r.get(3)? })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let story = match story {
                Some(s) => c
                    .prepare_cached("SELECT id, label, size, first_day, last_day FROM stories WHERE id = ?1")?
                    .query_row([s], story_summary)
                    .optional()?,
                None => None,
            };
            let duplicates = match group {
                Some(g) => c
                    .prepare_cached(&format!(
                        "SELECT {SUMMARY_COLS} FROM articles a WHERE a.dup_group = ?1 AND a.rowid != ?2
                         ORDER BY a.day, a.id"
                    ))?
                    .query_map(params![g, rowid], |r| summary(r, 0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
                None => Vec::new(),
            };
            Ok(Some(ArticleView { analysis, entities, story, duplicates }))
        })
    }

    /// Finds an entity by kind (`person`, `organization`, `place`, `other`)
    /// and name (case and spacing ignored).
    pub fn find_entity(&self, kind: &str, name: &str) -> Result<Option<i64>> {
        let key = crate::write::entity_key(kind, name);
        self.readers.with(|c| {
            Ok(c.prepare_cached("SELECT id FROM entities WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
        })
    }

    /// Entities whose name contains `text` (case-insensitive), most mentioned first.
    pub fn entities_named(&self, text: &str, kind: Option<&str>, limit: usize) -> Result<Vec<EntitySummary>> {
        let pattern =
            format!("%{}%", text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        self.readers.with(|c| {
            entity_summaries(
                c,
                "SELECT e.id, e.kind, e.name,
                   (SELECT COUNT(*) FROM mentions m WHERE m.entity = e.id) AS n,
                   (SELECT COUNT(*) FROM quotes q WHERE q.entity = e.id)
                 FROM entities e
                 WHERE e.key LIKE ?1 ESCAPE '\\' AND (?2 IS NULL OR e.kind = ?2)
                 ORDER BY n DESC, e.name LIMIT ?3",
                params![pattern, kind, limit as i64],
            )
        })
    }

    /// The entity with every mention and quote.
    pub fn entity(&self, id: i64) -> Result<Option<EntityView>> {
        self.readers.with(|c| {
            let row: Option<(String, String)> = c
                .prepare_cached("SELECT kind, name FROM entities WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((kind, name)) = row else {
                return Ok(None);
            };
            let article_count: i64 =
                c.query_row("SELECT COUNT(*) FROM mentions WHERE entity = ?1", [id], |r| r.get(0))?;
            let quote_count: i64 = c.query_row("SELECT COUNT(*) FROM quotes WHERE entity = ?1", [id], |r| r.get(0))?;
            let mentions = c
                .prepare_cached(&format!(
                    "SELECT {SUMMARY_COLS}, m.name, m.role, m.affiliation, m.count
                     FROM mentions m JOIN articles a ON a.rowid = m.article
                     WHERE m.entity = ?1 ORDER BY a.day DESC, a.id LIMIT ?2"
                ))?
                .query_map(params![id, MAX_LISTED as i64], |r| {
                    Ok(EntityMention {
                        article: summary(r, 0)?,
                        name: r.get(6)?,
                        role: r.get(7)?,
                        affiliation: r.get(8)?,
                        count: r.get(9)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let role = mentions.iter().find_map(|m| m.role.clone());
            let roles = c
                .prepare_cached(
                    "SELECT MIN(role), COUNT(*) AS n FROM mentions WHERE entity = ?1 AND role IS NOT NULL
                     GROUP BY lower(role) ORDER BY n DESC, MIN(role)",
                )?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let quotes = c
                .prepare_cached(&format!(
                    "SELECT {SUMMARY_COLS}, q.text, q.kind, q.speaker, q.cue, q.start, q.\"end\"
                     FROM quotes q JOIN articles a ON a.rowid = q.article
                     WHERE q.entity = ?1 ORDER BY a.day DESC, a.id, q.ord LIMIT ?2"
                ))?
                .query_map(params![id, MAX_LISTED as i64], |r| {
                    Ok(QuoteView {
                        article: summary(r, 0)?,
                        text: r.get(6)?,
                        kind: r.get(7)?,
                        speaker: r.get(8)?,
                        cue: r.get(9)?,
                        start: r.get(10)?,
                        end: r.get(11)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let per_day = c
                .prepare_cached(
                    "SELECT a.day, COUNT(*) FROM mentions m JOIN articles a ON a.rowid = m.article
                     WHERE m.entity = ?1 AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day",
                )?
                .query_map([id], |r| Ok(DayCount { day: r.get(0)?, count: r.get(1)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let related = entity_summaries(
                c,
                "SELECT e.id, e.kind, e.name, COUNT(*) AS n, 0
                 FROM mentions m0 JOIN mentions m ON m.article = m0.article AND m.entity != m0.entity
                 JOIN entities e ON e.id = m.entity
                 WHERE m0.entity = ?1 AND e.kind != 'other'
                 GROUP BY e.id ORDER BY n DESC, e.name LIMIT 12",
                [id],
            )?;
            Ok(Some(EntityView {
                id,
                kind,
                name,
                role,
                roles,
                article_count,
                quote_count,
                mentions,
                quotes,
                per_day,
                related,
            }))
        })
    }

    /// Stories, largest first.
    pub fn stories(&self, limit: usize) -> Result<Vec<StorySummary>> {
        self.readers.with(|c| {
            Ok(c.prepare_cached(
                "SELECT id, label, size, first_day, last_day FROM stories
                 ORDER BY size DESC, first_day, id LIMIT ?1",
            )?
            .query_map([limit as i64], story_summary)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The story with its articles, dated events and main entities.
    pub fn story(&self, id: i64) -> Result<Option<StoryView>> {
        self.readers.with(|c| {
            let Some(summary_row) = c
                .prepare_cached("SELECT id, label, size, first_day, last_day FROM stories WHERE id = ?1")?
                .query_row([id], story_summary)
                .optional()?
            else {
                return Ok(None);
            };
            let articles = c
                .prepare_cached(&format!(
                    "SELECT {SUMMARY_COLS} FROM articles a WHERE a.story = ?1 ORDER BY a.day, a.published, a.id"
                ))?
                .query_map([id], |r| summary(r, 0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let rows = c
                .prepare_cached(
                    "SELECT t.day, t.text, t.value, t.context, a.id FROM times t
                     JOIN articles a ON a.rowid = t.article
                     WHERE a.story = ?1 AND t.day IS NOT NULL ORDER BY t.day, a.day, t.ord",
                )?
                .query_map([id], |r| {
                    Ok(DatedEvent {
                        day: r.get(0)?,
                        text: r.get(1)?,
                        value: r.get(2)?,
                        context: r.get(3)?,
                        article: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            // The same sentence (background reused across follow-ups, a typo
            // mended, a clause added) once.
            let mut events = Vec::new();
            for e in rows {
                newsdesk_core::timeline::merge_event(&mut events, e, |e| &e.day, |e| &e.context);
            }
            let entities = entity_summaries(
                c,
                "SELECT e.id, e.kind, e.name, COUNT(*) AS n,
                   (SELECT COUNT(*) FROM quotes q JOIN articles qa ON qa.rowid = q.article
                    WHERE q.entity = e.id AND qa.story = ?1)
                 FROM mentions m JOIN articles a ON a.rowid = m.article JOIN entities e ON e.id = m.entity
                 WHERE a.story = ?1 AND e.kind != 'other'
                 GROUP BY e.id ORDER BY n DESC, e.name LIMIT 20",
                [id],
            )?;
            Ok(Some(StoryView { summary: summary_row, articles, events, entities }))
        })
    }

    /// Corpus overview.
    pub fn stats(&self) -> Result<Stats> {
        self.readers.with(|c| {
            let count = |sql: &str| -> Result<i64> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
            let (first_day, last_day): (Option<String>, Option<String>) =
                c.query_row("SELECT MIN(day), MAX(day) FROM articles", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let per_day = c
                .prepare_cached("SELECT day, COUNT(*) FROM articles WHERE day IS NOT NULL GROUP BY day ORDER BY day")?
                .query_map([], |r| Ok(DayCount { day: r.get(0)?, count: r.get(1)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let top_sources = c
                .prepare_cached(
                    "SELECT source, COUNT(*) AS n FROM articles WHERE source IS NOT NULL
                     GROUP BY source ORDER BY n DESC, source LIMIT 20",
                )?
                .query_map([], |r| Ok(SourceCount { source: r.get(0)?, count: r.get(1)? }))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let top_stories = c
                .prepare_cached(
                    "SELECT id, label, size, first_day, last_day FROM stories
                     ORDER BY size DESC, first_day, id LIMIT 20",
                )?
                .query_map([], story_summary)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Stats {
                articles: count("SELECT COUNT(*) FROM articles")?,
                entities: count("SELECT COUNT(*) FROM entities")?,
                quotes: count("SELECT COUNT(*) FROM quotes")?,
                times: count("SELECT COUNT(*) FROM times")?,
                stories: count("SELECT COUNT(*) FROM stories")?,
                dup_groups: count("SELECT COUNT(*) FROM dup_groups")?,
                first_day,
                last_day,
                per_day,
                top_people: entity_summaries(c, TOP_ENTITIES, params!["person", 20])?,
                top_organizations: entity_summaries(c, TOP_ENTITIES, params!["organization", 20])?,
                top_places: entity_summaries(c, TOP_ENTITIES, params!["place", 20])?,
                top_sources,
                top_stories,
            })
        })
    }
}
