//! The Tantivy full-text index: one document per article, derived from the
//! SQLite records (see the crate docs for how the two are kept in step).

use crate::facets::{FacetCollector, FacetSpec, OrdinalNames};
use crate::snippet::SnippetTerms;
use crate::write::{entity_key, kind_name};
use crate::{Error, Result};
use chrono::{NaiveDate, NaiveTime};
use newsdesk_core::{EntityKind, Published, Span};
use serde::Serialize;
use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{DateTime, DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

/// Version of the index layout; an index of another version is rebuilt from
/// the records on open.
const INDEX_SCHEMA: u32 = 3;
/// Bytes per compressed block of the document store. Each search hit
/// decompresses the block holding its document, so blocks a few articles
/// long (Tantivy's default is 16 KiB) keep that cheap.
const DOCSTORE_BLOCK: usize = 4096;
/// Memory budget of the index writer (Tantivy splits it per thread).
const WRITER_HEAP: usize = 128 * 1024 * 1024;
/// Indexing threads (the index catches up at the end of an ingest, when
/// nothing else runs).
const INDEX_THREADS: usize = 2;
/// Upper bounds that keep one request cheap.
pub const MAX_LIMIT: usize = 100;
pub const MAX_OFFSET: usize = 10_000;
const SNIPPET_CHARS: usize = 220;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    body: Field,
    source: Field,
    published: Field,
    date: Field,
    entity: Field,
    story: Field,
    /// Fast (columnar) string fields the facets count: entity keys by
    /// kind, source, month.
    fperson: Field,
    forganization: Field,
    fplace: Field,
    fsource: Field,
    fmonth: Field,
}

fn build_schema() -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let raw_lower = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("raw_lower").set_index_option(IndexRecordOption::Basic),
    );
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("title", text.clone());
    b.add_text_field("body", text);
    b.add_text_field("source", raw_lower.clone().set_stored());
    b.add_text_field("published", STORED);
    b.add_date_field("date", DateOptions::from(INDEXED).set_fast().set_precision(DateTimePrecision::Seconds));
    b.add_text_field("entity", raw_lower);
    b.add_u64_field("story", INDEXED | FAST | STORED);
    for spec in &FACETS {
        b.add_text_field(spec.field, TextOptions::default().set_fast(None));
    }
    b.build()
}

fn fields(schema: &Schema) -> Result<Fields> {
    let f = |name: &str| {
        schema.get_field(name).map_err(|e| Error::Index(tantivy::TantivyError::SchemaError(e.to_string())))
    };
    Ok(Fields {
        id: f("id")?,
        title: f("title")?,
        body: f("body")?,
        source: f("source")?,
        published: f("published")?,
        date: f("date")?,
        entity: f("entity")?,
        story: f("story")?,
        fperson: f("fperson")?,
        forganization: f("forganization")?,
        fplace: f("fplace")?,
        fsource: f("fsource")?,
        fmonth: f("fmonth")?,
    })
}

#[derive(serde::Deserialize, Serialize)]
struct Payload {
    schema: u32,
    seq: i64,
}

pub(crate) struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
    writer: Mutex<Option<IndexWriter>>,
    /// Facet values already looked up in the segments' dictionaries.
    facet_names: Arc<OrdinalNames>,
}

impl SearchIndex {
    /// Opens the index at `path`, creating (or rebuilding, when it is of
    /// another layout or unreadable) an empty one. Returns whether it was
    /// (re)created, in which case every article will be re-indexed.
    pub(crate) fn open(path: &Path) -> Result<(SearchIndex, bool)> {
        let existing = if path.join("meta.json").exists() {
            match Index::open_in_dir(path) {
                Ok(index) => {
                    let ok = index.schema() == build_schema()
                        && index
                            .load_metas()
                            .ok()
                            .and_then(|m| m.payload)
                            .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
                            .is_none_or(|p| p.schema == INDEX_SCHEMA);
                    ok.then_some(index)
                }
                Err(_) => None,
            }
        } else {
            None
        };
        let created = existing.is_none();
        let index = match existing {
            Some(i) => i,
            None => {
                if path.exists() {
                    std::fs::remove_dir_all(path)?;
                }
                std::fs::create_dir_all(path)?;
                let settings = tantivy::IndexSettings { docstore_blocksize: DOCSTORE_BLOCK, ..Default::default() };
                Index::builder().schema(build_schema()).settings(settings).create_in_dir(path)?
            }
        };
        index
            .tokenizers()
            .register("raw_lower", TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).build());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        let f = fields(&index.schema())?;
        let facet_names = Arc::new(OrdinalNames::default());
        Ok((SearchIndex { index, reader, f, writer: Mutex::new(None), facet_names }, created))
    }

    /// The highest article `seq` contained in the last index commit.
    pub(crate) fn committed_seq(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.and_then(|p| serde_json::from_str::<Payload>(&p).ok()).map_or(0, |p| p.seq))
    }

    pub(crate) fn num_docs(&self) -> Result<usize> {
        self.reader.reload()?;
        Ok(self.reader.searcher().num_docs() as usize)
    }

    #[cfg(test)]
    pub(crate) fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// The ids of the segments of the current searcher.
    #[cfg(test)]
    pub(crate) fn segment_ids(&self) -> Vec<tantivy::index::SegmentId> {
        self.reader.searcher().segment_readers().iter().map(|s| s.segment_id()).collect()
    }

    /// The cache of facet strings.
    #[cfg(test)]
    pub(crate) fn facet_names(&self) -> &OrdinalNames {
        &self.facet_names
    }

    /// Replaces the cache of facet strings by an empty one of this capacity.
    #[cfg(test)]
    pub(crate) fn limit_facet_names(&mut self, capacity: usize) {
        self.facet_names = Arc::new(OrdinalNames::with_capacity(capacity));
    }

    fn with_writer<R>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<R>) -> Result<R> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            match self.index.writer_with_num_threads(INDEX_THREADS, WRITER_HEAP) {
                Ok(w) => *guard = Some(w),
                Err(tantivy::TantivyError::LockFailure(e, _)) => return Err(Error::Locked(e.to_string())),
                Err(e) => return Err(e.into()),
            }
        }
        f(guard.as_mut().expect("writer was just set"))
    }

    pub(crate) fn lock_writer(&self) -> Result<()> {
        self.with_writer(|_| Ok(()))
    }

    /// Adds (or replaces, by article id) the documents of these articles.
    /// Not visible until [`SearchIndex::commit`].
    pub(crate) fn replace_docs<'a>(&self, docs: impl Iterator<Item = (&'a IndexDoc, Option<i64>)>) -> Result<()> {
        let f = self.f;
        self.with_writer(|w| {
            for (a, story) in docs {
                w.delete_term(Term::from_field_text(f.id, &a.id));
                w.add_document(doc_for(&f, a, story))?;
            }
            Ok(())
        })
    }

    /// Commits the index, recording `seq` as its high-water mark.
    pub(crate) fn commit(&self, seq: i64) -> Result<()> {
        self.with_writer(|w| {
            let mut prepared = w.prepare_commit()?;
            let payload = serde_json::to_string(&Payload { schema: INDEX_SCHEMA, seq })?;
            prepared.set_payload(&payload);
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload()?;
        Ok(())
    }

    /// The body terms of a query, weighted as Tantivy's snippet generator
    /// weighs them (rarer terms count more).
    fn snippet_terms(&self, searcher: &tantivy::Searcher, query: &dyn Query) -> Result<SnippetTerms> {
        let mut terms = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == self.f.body {
                terms.insert(term.clone());
            }
        });
        let mut weighted = Vec::with_capacity(terms.len());
        for term in terms {
            let Some(text) = term.value().as_str().map(str::to_string) else { continue };
            let df = searcher.doc_freq(&term)?;
            if df > 0 {
                weighted.push((text, 1.0 / (1.0 + df as f32)));
            }
        }
        Ok(SnippetTerms::new(weighted, self.index.tokenizer_for_field(self.f.body)?))
    }

    /// Runs a search; facet entity keys are returned raw for the store to
    /// resolve to names and ids.
    pub(crate) fn search(&self, q: &SearchQuery) -> Result<RawResults> {
        let f = self.f;
        let searcher = self.reader.searcher();
        let text_query: Box<dyn Query> = if q.q.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.body]);
            parser.set_field_boost(f.title, 2.0);
            parser.set_conjunction_by_default();
            parser.parse_query(&q.q).map_err(|e| {
                Error::BadQuery(format!("cannot parse the query {:?}: {e} (see Tantivy query syntax)", q.q))
            })?
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let mut filter = |query: Box<dyn Query>| {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
        };
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, &value.to_lowercase()), IndexRecordOption::Basic))
        };
        if let Some(s) = &q.source {
            filter(term(f.source, s.trim()));
        }
        for (kind, name) in [("person", &q.person), ("organization", &q.organization), ("place", &q.place)] {
            if let Some(name) = name {
                filter(term(f.entity, &entity_key(kind, name)));
            }
        }
        if let Some(story) = q.story {
            let story = u64::try_from(story).map_err(|_| Error::BadQuery(format!("story id {story} is negative")))?;
            filter(Box::new(TermQuery::new(Term::from_field_u64(f.story, story), IndexRecordOption::Basic)));
        }
        if q.from.is_some() || q.to.is_some() {
            if let (Some(a), Some(b)) = (q.from, q.to) {
                if a > b {
                    return Err(Error::BadQuery(format!("--from {a} is after --to {b}")));
                }
            }
            let lower =
                q.from.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_date(f.date, day_start(d))));
            let upper = q.to.map_or(Bound::Unbounded, |d| match d.succ_opt() {
                Some(next) => Bound::Excluded(Term::from_field_date(f.date, day_start(next))),
                None => Bound::Unbounded,
            });
            filter(Box::new(RangeQuery::new(lower, upper)));
        }
        let query = BooleanQuery::new(clauses);
        let limit = q.limit.clamp(1, MAX_LIMIT);
        let offset = q.offset.min(MAX_OFFSET);
        let want_facets = q.facets > 0;
        if want_facets {
            let live = searcher.segment_readers().iter().map(|s| s.segment_id());
            self.facet_names.enter_generation(searcher.generation().generation_id(), live);
        }
        let facets =
            want_facets.then(|| FacetCollector { names: self.facet_names.clone(), specs: &FACETS, k: q.facets });
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let (addrs, total, facet_counts): (Vec<(Option<f32>, DocAddress)>, usize, _) = match q.sort {
            Sort::Relevance => {
                let (docs, total, fc) = searcher.search(&query, &(top, Count, facets))?;
                (docs.into_iter().map(|(s, a)| (Some(s), a)).collect(), total, fc)
            }
            Sort::Newest | Sort::Oldest => {
                let order = if q.sort == Sort::Newest { Order::Desc } else { Order::Asc };
                let by_date = top.order_by_fast_field::<DateTime>("date", order);
                let (docs, total, fc) = searcher.search(&query, &(by_date, Count, facets))?;
                (docs.into_iter().map(|(_, a)| (None, a)).collect(), total, fc)
            }
        };
        let mut snippets =
            if q.q.trim().is_empty() || addrs.is_empty() { None } else { Some(self.snippet_terms(&searcher, &query)?) };
        let mut hits = Vec::with_capacity(addrs.len());
        for (score, addr) in addrs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
            let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("");
            let snippet =
                snippets.as_mut().and_then(|t| t.snippet(body, SNIPPET_CHARS)).unwrap_or_else(|| leading_snippet(body));
            hits.push(Hit {
                id: text(f.id).unwrap_or_default(),
                title: text(f.title).unwrap_or_default(),
                published: text(f.published),
                source: text(f.source),
                story: doc.get_first(f.story).and_then(|v| v.as_u64()).map(|s| s as i64),
                score,
                snippet,
            });
        }
        let raw_facets =
            facet_counts.map(|counts| FACETS.iter().map(|f| f.name).zip(counts).collect()).unwrap_or_default();
        Ok(RawResults { total, hits, facets: raw_facets, generation: searcher.generation().generation_id() })
    }
}

/// The facets: name, fast field, and whether every value is listed in key
/// order (months) rather than the most frequent first.
const FACETS: [FacetSpec; 5] = [
    FacetSpec { name: "person", field: "fperson", all_by_key: false },
    FacetSpec { name: "organization", field: "forganization", all_by_key: false },
    FacetSpec { name: "place", field: "fplace", all_by_key: false },
    FacetSpec { name: "source", field: "fsource", all_by_key: false },
    FacetSpec { name: "month", field: "fmonth", all_by_key: true },
];

pub(crate) struct RawResults {
    /// The index version searched (changes when a commit becomes visible).
    pub generation: u64,
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<(&'static str, Vec<(String, u64)>)>,
}

/// The first characters of a body, cut at a word boundary.
fn leading_snippet(body: &str) -> Snippet {
    let body = body.trim_start();
    let mut end = 0;
    for (n, (i, c)) in body.char_indices().enumerate() {
        if n >= SNIPPET_CHARS {
            break;
        }
        end = i + c.len_utf8();
    }
    let mut cut = &body[..end];
    if end < body.len() {
        if let Some(sp) = cut.rfind(char::is_whitespace) {
            cut = &cut[..sp];
        }
    }
    let after = !body[cut.len()..].trim().is_empty();
    Snippet { text: cut.split_whitespace().collect::<Vec<_>>().join(" "), highlights: Vec::new(), before: false, after }
}

fn day_start(d: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(d.and_time(NaiveTime::MIN).and_utc().timestamp())
}

/// The instant used for date filters and sorting: the publisher's local
/// date and time read as UTC, so a day filter matches the published date.
fn published_instant(p: &Published) -> DateTime {
    let naive = match p {
        Published::Date(d) => d.and_time(NaiveTime::MIN),
        Published::Local(dt) => *dt,
        Published::Zoned(dt) => dt.naive_local(),
    };
    DateTime::from_timestamp_secs(naive.and_utc().timestamp())
}

/// What the index needs of a stored analysis (the rest of the JSON is
/// skipped when parsing, which makes re-indexing cheaper).
#[derive(serde::Deserialize)]
pub(crate) struct IndexDoc {
    id: String,
    title: String,
    text: String,
    source: Option<String>,
    published: Option<Published>,
    #[serde(default)]
    entities: Vec<IndexEntity>,
}

#[derive(serde::Deserialize)]
struct IndexEntity {
    kind: EntityKind,
    name: String,
}

fn doc_for(f: &Fields, art: &IndexDoc, story: Option<i64>) -> TantivyDocument {
    let a = art;
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &art.id);
    d.add_text(f.title, &art.title);
    d.add_text(f.body, &art.text);
    if let Some(s) = art.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        d.add_text(f.source, s);
        d.add_text(f.fsource, s);
    }
    if let Some(p) = &art.published {
        d.add_text(f.published, p.to_string());
        d.add_date(f.date, published_instant(p));
        d.add_text(f.fmonth, p.date().format("%Y-%m").to_string());
    }
    let mut seen = BTreeSet::new();
    for e in &a.entities {
        let kind = kind_name(e.kind);
        let key = entity_key(kind, &e.name);
        if e.name.trim().is_empty() || !seen.insert(key.clone()) {
            continue;
        }
        d.add_text(f.entity, &key);
        let norm = &key[kind.len() + 1..];
        match kind {
            "person" => d.add_text(f.fperson, norm),
            "organization" => d.add_text(f.forganization, norm),
            "place" => d.add_text(f.fplace, norm),
            _ => {}
        }
    }
    if let Some(s) = story.and_then(|s| u64::try_from(s).ok()) {
        d.add_u64(f.story, s);
    }
    d
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (BM25; title matches count double).
    #[default]
    Relevance,
    /// Most recently published first.
    Newest,
    /// Earliest published first.
    Oldest,
}

/// A search: Tantivy query syntax over title and body, and filters.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// Tantivy query syntax (`hong kong`, `"carrie lam"`, `title:protest`,
    /// `police AND NOT tear`); empty matches every article.
    pub q: String,
    /// Published on or after this day.
    pub from: Option<NaiveDate>,
    /// Published on or before this day.
    pub to: Option<NaiveDate>,
    /// Exact source (case-insensitive).
    pub source: Option<String>,
    /// Articles that mention this person (by name, case-insensitive).
    pub person: Option<String>,
    pub organization: Option<String>,
    pub place: Option<String>,
    pub story: Option<i64>,
    pub sort: Sort,
    /// Hits to return (1..=100).
    pub limit: usize,
    /// Hits to skip (at most 10,000).
    pub offset: usize,
    /// Values to return per facet (0: no facets).
    pub facets: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            q: String::new(),
            from: None,
            to: None,
            source: None,
            person: None,
            organization: None,
            place: None,
            story: None,
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            facets: 0,
        }
    }
}

/// A piece of the body around the best matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Matched terms, as code point spans into `text`.
    pub highlights: Vec<Span>,
    /// The body goes on before / after the passage (the UI shows "…").
    pub before: bool,
    pub after: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub story: Option<i64>,
    /// Relevance score (absent when sorted by date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetCount {
    /// What to show.
    pub value: String,
    /// What to filter by (the normalised name, source or `YYYY-MM`).
    pub key: String,
    pub count: u64,
    /// The entity's id, for entity facets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Facets {
    pub people: Vec<FacetCount>,
    pub organizations: Vec<FacetCount>,
    pub places: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
    /// Every month with matches, in order.
    pub months: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub offset: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    pub took_ms: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_snippets_say_whether_the_body_goes_on() {
        let short = leading_snippet("  A short body.\n");
        assert_eq!(short.text, "A short body.");
        assert!(!short.before && !short.after);
        let long = leading_snippet(&"word ".repeat(200));
        assert!(long.text.chars().count() <= SNIPPET_CHARS);
        assert!(!long.before && long.after);
    }
}
