//! The embedded newsdesk store: one directory holding
//!
//! - `newsdesk.sqlite` — the records (articles with their analyses, entities,
//!   mentions, quotes, time expressions, near-duplicate groups, stories), in
//!   SQLite with WAL journaling; schema migrations are versioned with
//!   `PRAGMA user_version` (see [`migrate`]);
//! - `index/` — a Tantivy full-text index of title and body, with entity,
//!   source, date and story fields for filters and facets.
//!
//! # Consistency
//!
//! SQLite is the record; the index is derived from it. Every write of an
//! article (insert or change) gives its row the next value of a store-wide
//! sequence number `seq`, in the same SQLite transaction as the rest of the
//! article's rows, so a batch of whole articles is committed or not at all.
//! The index is committed afterwards with a payload naming the highest `seq`
//! it contains. If the process dies between the two commits, the next
//! [`Store::open`] finds rows with `seq` above the index's marker and
//! re-indexes them (deleting any older version of each document first), so a
//! crash at any moment leaves a store that opens with an index that matches
//! the records. Ingest is idempotent by article id: an unchanged article is
//! skipped, a changed one replaced.
//!
//! Writers are single-process (Tantivy's writer lock); any number of readers
//! (the server, `newsdesk search`) may open the same directory at once.

mod facets;
mod index;
mod migrate;
mod pool;
mod snippet;
mod views;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use index::{FacetCount, Facets, Hit, SearchQuery, SearchResults, Snippet, Sort, MAX_LIMIT, MAX_OFFSET};
pub use views::{
    ArticleSummary, ArticleView, DatedEvent, DayCount, EntityMention, EntityRef, EntitySummary, EntityView,
    LinkedEntity, QuoteView, SourceCount, Stats, StorySummary, StoryView, MAX_LISTED,
};
pub use write::{BatchOutcome, Grouping, Prepared, StoryInfo};

/// The version of the SQLite schema this build writes (`PRAGMA user_version`).
pub const SQL_SCHEMA_VERSION: i64 = migrate::LATEST;

/// Errors of the store. Each says what failed; the CLI adds which store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("stored analysis is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The query string or a filter could not be understood (the caller's fault).
    #[error("bad query: {0}")]
    BadQuery(String),
    #[error(
        "the store at {path} has schema version {found}, newer than this build supports ({supported}); upgrade newsdesk"
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("another process is writing to this store ({0}); wait for it to finish")]
    Locked(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open store. Cheap to share between threads (`&Store` is `Sync`).
pub struct Store {
    dir: PathBuf,
    /// The single writing connection (ingest).
    writer: Mutex<rusqlite::Connection>,
    /// Connections for readers, one per concurrent reader.
    readers: pool::Pool,
    index: index::SearchIndex,
    /// Entity ids by key, as committed (cleared when entities may be deleted).
    entity_ids: Mutex<std::collections::HashMap<String, i64>>,
    /// Entity id and name by key for search facets, valid for one index
    /// generation (entities change only with a commit that readers see).
    facet_entities: std::sync::RwLock<FacetEntities>,
}

/// See [`Store::facet_entities`]: (index generation, key → id and name).
type FacetEntities = (u64, std::collections::HashMap<String, Option<(i64, String)>>);

/// How the store was found when opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Articles whose index documents were missing or stale and were re-indexed.
    pub reindexed: usize,
    /// True when the index had to be rebuilt from the records entirely
    /// (missing, unreadable or of another schema).
    pub rebuilt_index: bool,
    /// True when repair was not attempted because another process holds the
    /// index writer lock (an ingest is running).
    pub repair_skipped_locked: bool,
}

impl Store {
    /// Opens the store in `dir`, creating it if missing, migrating the SQL
    /// schema, and repairing the index if an earlier writer died between its
    /// SQLite and index commits.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        Ok(Self::open_with_report(dir)?.0)
    }

    /// [`Store::open`], also telling what repair was done.
    pub fn open_with_report(dir: impl AsRef<Path>) -> Result<(Store, OpenReport)> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)?;
        let db_path = dir.join("newsdesk.sqlite");
        let writer = pool::connect(&db_path, false)?;
        migrate::migrate(&writer, &db_path)?;
        let readers = pool::Pool::new(db_path);
        let (index, rebuilt) = index::SearchIndex::open(&dir.join("index"))?;
        let store = Store {
            dir,
            writer: Mutex::new(writer),
            readers,
            index,
            entity_ids: Mutex::default(),
            facet_entities: Default::default(),
        };
        let mut report = OpenReport { rebuilt_index: rebuilt, ..OpenReport::default() };
        match store.repair_index() {
            Ok(n) => report.reindexed = n,
            Err(Error::Locked(_)) => report.repair_skipped_locked = true,
            Err(e) => return Err(e),
        }
        Ok((store, report))
    }

    /// The directory of this store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Re-indexes every article whose `seq` is above the index's commit
    /// marker. Returns how many were re-indexed.
    fn repair_index(&self) -> Result<usize> {
        let marker = self.index.committed_seq()?;
        let max_seq: i64 =
            self.readers.with(|c| Ok(c.query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| r.get(0))?))?;
        if max_seq <= marker {
            return Ok(0);
        }
        // Page by seq so memory stays bounded however much is behind.
        let mut last = marker;
        let mut n = 0;
        loop {
            let rows: Vec<(i64, String, Option<i64>)> = self.readers.with(|c| {
                let mut st = c.prepare_cached(
                    "SELECT seq, analysis, story FROM articles WHERE seq > ?1 ORDER BY seq LIMIT 2000",
                )?;
                let rows = st
                    .query_map([last], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(rows)
            })?;
            let Some(end) = rows.last() else { break };
            last = end.0;
            n += rows.len();
            let docs = rows
                .iter()
                .map(|(_, json, story)| Ok((serde_json::from_str::<index::IndexDoc>(json)?, *story)))
                .collect::<Result<Vec<_>>>()?;
            self.index.replace_docs(docs.iter().map(|(d, s)| (d, *s)))?;
        }
        self.index.commit(max_seq)?;
        Ok(n)
    }

    /// Number of articles in the records.
    pub fn article_count(&self) -> Result<usize> {
        self.readers.with(|c| Ok(c.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as usize))
    }

    /// Number of live documents in the search index (as of its last commit).
    pub fn indexed_count(&self) -> Result<usize> {
        self.index.num_docs()
    }
}

#[cfg(test)]
mod tests;

/// What [`Store::verify`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    pub articles: usize,
    pub indexed: usize,
    /// One line per problem; empty when the store is consistent.
    pub problems: Vec<String>,
}

impl Store {
    /// Checks the store: SQLite integrity, every stored analysis parses and
    /// has exactly its mentions, quotes and times rows, ids are unique, and
    /// the index holds one document per article.
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        self.readers.with(|c| {
            let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if ok != "ok" {
                report.problems.push(format!("sqlite integrity_check: {ok}"));
            }
            let mut st = c.prepare(
                "SELECT a.id, a.analysis,
                   (SELECT COUNT(*) FROM mentions m WHERE m.article = a.rowid),
                   (SELECT COUNT(*) FROM quotes q WHERE q.article = a.rowid),
                   (SELECT COUNT(*) FROM times t WHERE t.article = a.rowid)
                 FROM articles a",
            )?;
            let mut rows = st.query([])?;
            let mut ids = std::collections::HashSet::new();
            while let Some(r) = rows.next()? {
                report.articles += 1;
                let id: String = r.get(0)?;
                let json: String = r.get(1)?;
                let counts: (i64, i64, i64) = (r.get(2)?, r.get(3)?, r.get(4)?);
                if !ids.insert(id.clone()) {
                    report.problems.push(format!("{id}: stored twice"));
                }
                match serde_json::from_str::<newsdesk_core::Analysis>(&json) {
                    Err(e) => report.problems.push(format!("{id}: analysis does not parse: {e}")),
                    Ok(a) => {
                        let entities = a
                            .entities
                            .iter()
                            .filter(|e| !e.name.trim().is_empty())
                            .map(|e| e.id.as_str())
                            .collect::<std::collections::HashSet<_>>()
                            .len() as i64;
                        let want = (entities, a.quotes.len() as i64, a.times.len() as i64);
                        if want != counts {
                            report.problems.push(format!(
                                "{id}: (entities, quotes, times) stored {counts:?}, analysis has {want:?}"
                            ));
                        }
                        if a.article.id != id {
                            report.problems.push(format!("{id}: analysis has id {}", a.article.id));
                        }
                    }
                }
            }
            Ok(())
        })?;
        report.indexed = self.indexed_count()?;
        if report.indexed != report.articles {
            report.problems.push(format!("index has {} documents for {} articles", report.indexed, report.articles));
        }
        Ok(report)
    }
}

impl Store {
    /// Takes the index writer lock for this process, so that only one
    /// process writes the store at a time (readers are never blocked).
    /// Returns [`Error::Locked`] when another process writes it.
    pub fn lock_for_writing(&self) -> Result<()> {
        self.index.lock_writer()
    }

    /// The number of articles in the store at `dir`, read without opening it
    /// for writing or repairing anything: safe while another process writes.
    pub fn count_articles(dir: impl AsRef<Path>) -> Result<usize> {
        let conn = pool::connect(&dir.as_ref().join("newsdesk.sqlite"), true)?;
        Ok(conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as usize)
    }
}
