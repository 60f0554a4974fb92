//! Writing: batches of whole articles, one SQLite transaction each, then the
//! index (see the crate docs for the ordering that makes a crash harmless).

use crate::{Result, Store};
use newsdesk_core::{Analysis, EntityKind, Provenance};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// A story, as the story stage names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryInfo {
    /// The stage's own id of the story (stable across re-runs on the same data).
    pub key: String,
    /// A headline for it.
    pub label: String,
}

/// Where the corpus stages put one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouping {
    pub article: String,
    /// Key of its story (a [`StoryInfo::key`]).
    pub story: Option<String>,
    /// Key of its near-duplicate group.
    pub dup_group: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Articles not in the store before.
    pub new: usize,
    /// Articles whose content or analysis changed.
    pub updated: usize,
    /// Articles already stored exactly so.
    pub unchanged: usize,
    /// Articles whose content was unchanged but whose story or group changed.
    pub regrouped: usize,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, o: BatchOutcome) {
        self.new += o.new;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.regrouped += o.regrouped;
    }
}

/// The lower-case name used in entity keys: white space collapsed.
pub(crate) fn normalize_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The cross-article key of an entity: `kind:normalised name`. Entities of
/// different articles with the same kind and name are the same entity.
pub(crate) fn entity_key(kind: &str, name: &str) -> String {
    format!("{kind}:{}", normalize_name(name))
}

pub(crate) fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}

/// Hash of what an article's stored form depends on: the analysis without
/// its provenance (re-reading the same article from another file is no change).
///
/// Computed on the stored JSON with the provenance member cut out (its
/// compact serialisation is the same inside the analysis as on its own), so
/// the analysis is serialised once.
fn content_hash(json: &str, provenance: &Provenance) -> Result<String> {
    let member = format!("\"provenance\":{}", serde_json::to_string(provenance)?);
    let hashed = match json.find(&member) {
        Some(at) => {
            let mut s = String::with_capacity(json.len());
            s.push_str(&json[..at]);
            s.push_str(&json[at + member.len()..]);
            std::borrow::Cow::Owned(s)
        }
        None => std::borrow::Cow::Borrowed(json),
    };
    Ok(newsdesk_core::stable_hash_hex(hashed.as_bytes()))
}

/// An analysis ready to store: serialised and hashed. Preparing is the
/// costly part of a write and needs no store, so ingest does it in its
/// parallel stage.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub analysis: Analysis,
    json: String,
    hash: String,
}

impl Prepared {
    pub fn new(analysis: Analysis) -> Result<Prepared> {
        let json = serde_json::to_string(&analysis)?;
        let hash = content_hash(&json, &analysis.article.provenance)?;
        Ok(Prepared { analysis, json, hash })
    }
}

/// The date part of a TIMEX3 value that names one calendar day.
fn timex_day(value: &str) -> Option<String> {
    let d = value.get(..10)?;
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
    (value.len() == 10 || value.as_bytes()[10] == b'T').then(|| d.to_string())
}

/// The sentence around code point offset `at`, at most 300 characters.
fn context_of(a: &Analysis, at: usize) -> String {
    let span = a.sentences.iter().find(|s| s.start <= at && at < s.end).copied();
    let Some(span) = span else {
        return String::new();
    };
    let s: String = a.article.text.chars().skip(span.start).take(span.len()).collect();
    if s.chars().count() > 300 {
        let mut t: String = s.chars().take(299).collect();
        t.push('…');
        t
    } else {
        s
    }
}

impl Store {
    /// Writes a batch of whole articles in one transaction. Articles already
    /// stored unchanged are skipped; changed ones are replaced (their story
    /// and group are kept until the corpus stages say otherwise). The index
    /// catches up at [`Store::sync_index`].
    pub fn write_batch(&self, analyses: &[Analysis]) -> Result<BatchOutcome> {
        let prepared = analyses.iter().cloned().map(Prepared::new).collect::<Result<Vec<_>>>()?;
        self.write_prepared(&prepared)
    }

    /// [`Store::write_batch`] of prepared analyses.
    pub fn write_prepared(&self, records: &[Prepared]) -> Result<BatchOutcome> {
        let mut out = BatchOutcome::default();
        {
            let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            let tx = conn.transaction()?;
            let mut seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| r.get(0))?;
            let mut entity_ids = self.entity_ids.lock().unwrap_or_else(|p| p.into_inner());
            for rec in records {
                let (a, hash, json) = (&rec.analysis, &rec.hash, &rec.json);
                let existing: Option<(i64, String)> = tx
                    .prepare_cached("SELECT rowid, content_hash FROM articles WHERE id = ?1")?
                    .query_row([&a.article.id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                if let Some((_, old_hash)) = &existing {
                    if old_hash == hash {
                        out.unchanged += 1;
                        continue;
                    }
                }
                seq += 1;
                let published = a.article.published.map(|p| p.to_string());
                let day = a.article.published.map(|p| p.date().format("%Y-%m-%d").to_string());
                let chars = a.article.text.chars().count() as i64;
                if let Some((rowid, _)) = existing {
                    for table in ["mentions", "quotes", "times"] {
                        tx.execute(&format!("DELETE FROM {table} WHERE article = ?1"), [rowid])?;
                    }
                    out.updated += 1;
                } else {
                    out.new += 1;
                }
                // A changed article keeps its row (and its story and group
                // until the corpus stages run again).
                let rowid: i64 = tx
                    .prepare_cached(
                        "INSERT INTO articles (id, url, source, title, published, day, chars, content_hash, analysis, seq)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                         ON CONFLICT(id) DO UPDATE SET url = excluded.url, source = excluded.source,
                           title = excluded.title, published = excluded.published, day = excluded.day,
                           chars = excluded.chars, content_hash = excluded.content_hash,
                           analysis = excluded.analysis, seq = excluded.seq
                         RETURNING rowid",
                    )?
                    .query_row(
                        params![
                            a.article.id,
                            a.article.url,
                            a.article.source,
                            a.article.title,
                            published,
                            day,
                            chars,
                            hash,
                            json,
                            seq
                        ],
                        |r| r.get(0),
                    )?;
                if let Err(e) = write_parts(&tx, rowid, a, &mut entity_ids) {
                    // Ids cached in this transaction would not exist after the rollback.
                    entity_ids.clear();
                    return Err(e);
                }
            }
            if let Err(e) = tx.commit() {
                entity_ids.clear();
                return Err(e.into());
            }
        }
        Ok(out)
    }

    /// Records where the corpus stages put articles: upserts the stories
    /// (by key) and groups, and sets each named article's story and group,
    /// in one transaction. Articles whose story changed are re-indexed at
    /// the next [`Store::sync_index`]. Returns how many articles changed.
    pub fn set_groups(&self, stories: &[StoryInfo], groupings: &[Grouping]) -> Result<usize> {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction()?;
        let mut story_ids: HashMap<String, i64> = HashMap::new();
        for s in stories {
            let id: i64 = tx
                .prepare_cached(
                    "INSERT INTO stories (key, label, size) VALUES (?1, ?2, 0)
                     ON CONFLICT(key) DO UPDATE SET label = excluded.label RETURNING id",
                )?
                .query_row(params![s.key, s.label], |r| r.get(0))?;
            story_ids.insert(s.key.clone(), id);
        }
        let mut group_ids: HashMap<String, i64> = HashMap::new();
        let mut seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| r.get(0))?;
        let mut changed = 0;
        for g in groupings {
            let story = match &g.story {
                Some(k) => Some(match story_ids.get(k) {
                    Some(id) => *id,
                    None => {
                        let id: i64 = tx
                            .prepare_cached(
                                "INSERT INTO stories (key, label, size) VALUES (?1, ?1, 0)
                                 ON CONFLICT(key) DO UPDATE SET key = key RETURNING id",
                            )?
                            .query_row([k], |r| r.get(0))?;
                        story_ids.insert(k.clone(), id);
                        id
                    }
                }),
                None => None,
            };
            let group = match &g.dup_group {
                Some(k) => Some(match group_ids.get(k) {
                    Some(id) => *id,
                    None => {
                        let id: i64 = tx
                            .prepare_cached(
                                "INSERT INTO dup_groups (key, size) VALUES (?1, 0)
                                 ON CONFLICT(key) DO UPDATE SET key = key RETURNING id",
                            )?
                            .query_row([k], |r| r.get(0))?;
                        group_ids.insert(k.clone(), id);
                        id
                    }
                }),
                None => None,
            };
            let row: Option<(i64, Option<i64>, Option<i64>)> = tx
                .prepare_cached("SELECT rowid, story, dup_group FROM articles WHERE id = ?1")?
                .query_row([&g.article], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let Some((rowid, old_story, old_group)) = row else {
                continue;
            };
            if old_story == story && old_group == group {
                continue;
            }
            // Only the story is in the index: bump seq only when it changed.
            if old_story != story {
                seq += 1;
                tx.prepare_cached("UPDATE articles SET story = ?2, dup_group = ?3, seq = ?4 WHERE rowid = ?1")?
                    .execute(params![rowid, story, group, seq])?;
            } else {
                tx.prepare_cached("UPDATE articles SET dup_group = ?2 WHERE rowid = ?1")?
                    .execute(params![rowid, group])?;
            }
            changed += 1;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Calls `f` with every stored analysis in publication order (undated
    /// articles last), as the corpus stages want them. Reads in pages, so
    /// memory stays bounded by the list of row ids.
    pub fn for_each_by_date(&self, mut f: impl FnMut(Analysis) -> Result<()>) -> Result<()> {
        let rowids: Vec<i64> = self.readers.with(|c| {
            // (The order of `sort_by_published` in the CLI: pages without body
            // text after the full reports of their time.)
            let mut st = c.prepare(&format!(
                "SELECT rowid FROM articles ORDER BY day IS NULL, day, published, chars < {}, id",
                newsdesk_core::BODYLESS_CHARS
            ))?;
            let rows = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(rows)
        })?;
        // A reader thread loads and parses pages while `f` works on the
        // previous one (the corpus stages are sequential; parsing the JSON
        // of the analyses is a good part of this walk's cost).
        std::thread::scope(|scope| -> Result<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<Analysis>>>(2);
            let rowids = &rowids;
            scope.spawn(move || {
                for chunk in rowids.chunks(500) {
                    let page = self.readers.with(|c| {
                        let mut st = c.prepare_cached("SELECT analysis FROM articles WHERE rowid = ?1")?;
                        let mut out = Vec::with_capacity(chunk.len());
                        for id in chunk {
                            if let Some(json) = st.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                                out.push(serde_json::from_str(&json)?);
                            }
                        }
                        Ok(out)
                    });
                    let failed = page.is_err();
                    if tx.send(page).is_err() || failed {
                        return;
                    }
                }
            });
            for page in rx {
                for analysis in page? {
                    f(analysis)?;
                }
            }
            Ok(())
        })?;
        Ok(())
    }

    /// Brings the index up to date with the records (re-indexing every
    /// article written since its last commit) and commits it. Returns how
    /// many articles were indexed.
    pub fn sync_index(&self) -> Result<usize> {
        self.repair_index()
    }

    /// Ends an ingest: recomputes story and group sizes and date ranges,
    /// drops groups of fewer than two articles, stories with no article and
    /// entities nothing refers to any more, and commits the index.
    pub fn finish(&self) -> Result<()> {
        {
            let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
            let tx = conn.transaction()?;
            tx.execute_batch(
                "UPDATE stories SET
                    size = (SELECT COUNT(*) FROM articles WHERE story = stories.id),
                    first_day = (SELECT MIN(day) FROM articles WHERE story = stories.id),
                    last_day = (SELECT MAX(day) FROM articles WHERE story = stories.id);
                 DELETE FROM stories WHERE size = 0;
                 UPDATE dup_groups SET size = (SELECT COUNT(*) FROM articles WHERE dup_group = dup_groups.id);
                 UPDATE articles SET dup_group = NULL
                   WHERE dup_group IN (SELECT id FROM dup_groups WHERE size < 2);
                 DELETE FROM dup_groups WHERE size < 2;
                 DELETE FROM entities WHERE id NOT IN (SELECT entity FROM mentions)
                   AND id NOT IN (SELECT entity FROM quotes WHERE entity IS NOT NULL);",
            )?;
            tx.commit()?;
            self.entity_ids.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
        self.sync_index()?;
        Ok(())
    }
}

/// Writes the mentions, quotes and times of one article.
fn write_parts(tx: &Transaction<'_>, rowid: i64, a: &Analysis, cache: &mut HashMap<String, i64>) -> Result<()> {
    let mut local: HashMap<&str, i64> = HashMap::new();
    let mut by_name: HashMap<String, i64> = HashMap::new();
    for e in &a.entities {
        if e.name.trim().is_empty() {
            continue;
        }
        let kind = kind_name(e.kind);
        let key = entity_key(kind, &e.name);
        let id = match cache.get(&key) {
            Some(id) => *id,
            None => {
                let found: Option<i64> = tx
                    .prepare_cached("SELECT id FROM entities WHERE key = ?1")?
                    .query_row([&key], |r| r.get(0))
                    .optional()?;
                let id = match found {
                    Some(id) => id,
                    None => {
                        tx.prepare_cached("INSERT INTO entities (key, kind, name) VALUES (?1, ?2, ?3)")?
                            .execute(params![key, kind, e.name.trim()])?;
                        tx.last_insert_rowid()
                    }
                };
                cache.insert(key, id);
                id
            }
        };
        local.insert(e.id.as_str(), id);
        by_name.insert(normalize_name(&e.name), id);
        let first = e.mentions.iter().map(|m| m.start).min().unwrap_or(0) as i64;
        tx.prepare_cached(
            "INSERT OR REPLACE INTO mentions (article, entity, local_id, name, role, affiliation, count, first_start)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            rowid,
            id,
            e.id,
            e.name,
            e.role.as_ref().map(|m| m.text.as_str()),
            e.affiliation,
            e.mentions.len() as i64,
            first
        ])?;
    }
    for (ord, q) in a.quotes.iter().enumerate() {
        let entity = q.speaker.as_ref().and_then(|s| {
            s.entity
                .as_deref()
                .and_then(|e| local.get(e).copied())
                .or_else(|| by_name.get(&normalize_name(&s.name)).copied())
        });
        let kind = serde_json::to_value(q.kind)?;
        tx.prepare_cached(
            "INSERT INTO quotes (article, ord, entity, speaker, kind, text, start, \"end\", cue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            rowid,
            ord as i64,
            entity,
            q.speaker.as_ref().map(|s| s.name.as_str()),
            kind.as_str().unwrap_or(""),
            q.text,
            q.start as i64,
            q.end as i64,
            q.cue.as_ref().map(|c| c.text.as_str())
        ])?;
    }
    for (ord, t) in a.times.iter().enumerate() {
        let kind = serde_json::to_value(t.kind)?;
        tx.prepare_cached(
            "INSERT INTO times (article, ord, type, value, text, start, \"end\", day, context)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            rowid,
            ord as i64,
            kind.as_str().unwrap_or(""),
            t.value,
            t.text,
            t.start as i64,
            t.end as i64,
            timex_day(&t.value),
            context_of(a, t.start)
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn timex_days() {
        assert_eq!(timex_day("2019-06-09").as_deref(), Some("2019-06-09"));
        assert_eq!(timex_day("2019-06-09T10:00").as_deref(), Some("2019-06-09"));
        assert_eq!(timex_day("2019-06"), None);
        assert_eq!(timex_day("2019-W23"), None);
        assert_eq!(timex_day("2019-02-30"), None);
        assert_eq!(timex_day("PRESENT_REF"), None);
        assert_eq!(timex_day("2019-06-09x"), None);
        assert_eq!(timex_day("é"), None);
    }

    #[test]
    fn keys_normalise_case_and_space() {
        assert_eq!(entity_key("person", " Carrie  Lam "), "person:carrie lam");
        assert_eq!(entity_key("place", "Hong Kong"), entity_key("place", "HONG\nKONG"));
    }
}
