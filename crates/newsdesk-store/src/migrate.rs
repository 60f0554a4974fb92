//! Versioned SQL schema. `PRAGMA user_version` holds the version of the
//! schema a database has; [`migrate`] applies every later step in one
//! transaction each. Steps are append-only: never edit a released step, add
//! a new one. The tables are documented in docs/schema.md ("The store").

use crate::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

/// Migration steps; step `i` takes a database from version `i` to `i + 1`.
const STEPS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE articles (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    url          TEXT,
    source       TEXT,
    title        TEXT NOT NULL,
    published    TEXT,
    day          TEXT,
    chars        INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    analysis     TEXT NOT NULL,
    story        INTEGER REFERENCES stories(id) ON DELETE SET NULL,
    dup_group    INTEGER REFERENCES dup_groups(id) ON DELETE SET NULL,
    seq          INTEGER NOT NULL
);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_seq ON articles(seq);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_dup ON articles(dup_group);

CREATE TABLE entities (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX entities_kind ON entities(kind);

CREATE TABLE mentions (
    article     INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    entity      INTEGER NOT NULL REFERENCES entities(id),
    local_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT,
    affiliation TEXT,
    count       INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    PRIMARY KEY (article, local_id)
);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE quotes (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    entity  INTEGER REFERENCES entities(id),
    speaker TEXT,
    kind    TEXT NOT NULL,
    text    TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    cue     TEXT,
    PRIMARY KEY (article, ord)
);
CREATE INDEX quotes_entity ON quotes(entity);

CREATE TABLE times (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    type    TEXT NOT NULL,
    value   TEXT NOT NULL,
    text    TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    day     TEXT,
    context TEXT NOT NULL,
    PRIMARY KEY (article, ord)
);
CREATE INDEX times_day ON times(day);

CREATE TABLE dup_groups (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL
);

CREATE TABLE stories (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    label     TEXT NOT NULL,
    size      INTEGER NOT NULL,
    first_day TEXT,
    last_day  TEXT
);
"#,
];

/// The schema version after every step.
pub(crate) const LATEST: i64 = STEPS.len() as i64;

/// Brings the database up to [`LATEST`].
pub(crate) fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > LATEST {
        return Err(Error::TooNew { path: path.to_path_buf(), found, supported: LATEST });
    }
    for (i, step) in STEPS.iter().enumerate().skip(found as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
