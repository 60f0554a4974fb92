//! Field names: how a JSON record maps onto an [`Article`].
//!
//! For each article field the first key present with a usable value wins:
//!
//! | article field | JSON keys, in order |
//! |---|---|
//! | id | `id`, `_id`, `article_id`, `uuid` |
//! | title | `title`, `headline`, `title_page`, `title_rss`, `article_title` |
//! | text | `text`, `maintext`, `body`, `content`, `text_content`, `raw_content`, `article` |
//! | published | `date`, `date_publish`, `published`, `publish_date`, `publication_date`, `pubdate`, `datePublished` |
//! | url | `url`, `link`, `uri`, `canonical_url` |
//! | source | `source`, `source_domain`, `domain`, `hostname`, `canonical_domain`, `publisher` |
//!
//! `null`, `""`, `"None"` and `"null"` all mean "absent" (news-please writes a
//! missing date as the string `"None"`). Crawl times (`date_download`,
//! `date_modify`, `date_crawled`) are never taken as publication dates.

use crate::Reject;
use newsdesk_core::{Article, Provenance, Published};
use serde_json::{Map, Value};

pub const ID_KEYS: &[&str] = &["id", "_id", "article_id", "uuid"];
pub const TITLE_KEYS: &[&str] = &["title", "headline", "title_page", "title_rss", "article_title"];
pub const TEXT_KEYS: &[&str] = &["text", "maintext", "body", "content", "text_content", "raw_content", "article"];
pub const DATE_KEYS: &[&str] =
    &["date", "date_publish", "published", "publish_date", "publication_date", "pubdate", "datePublished"];
pub const URL_KEYS: &[&str] = &["url", "link", "uri", "canonical_url"];
pub const SOURCE_KEYS: &[&str] = &["source", "source_domain", "domain", "hostname", "canonical_domain", "publisher"];

fn is_absent(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => {
            let t = s.trim();
            t.is_empty() || t == "None" || t == "null"
        }
        _ => false,
    }
}

/// First key with a non-absent value.
fn first<'a>(obj: &'a Map<String, Value>, keys: &[&'static str]) -> Option<(&'static str, &'a Value)> {
    keys.iter().find_map(|&k| obj.get(k).filter(|v| !is_absent(v)).map(|v| (k, v)))
}

fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        // A publisher object {"name": ...} as some news APIs give.
        Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(str::to_string),
        _ => None,
    }
}

/// Turns one JSON value into an article, or says why it cannot.
pub fn record_to_article(value: Value, prov: Provenance) -> Result<Article, Reject> {
    let reject = |reason: String| Reject::new(&prov.file, prov.line, Some(prov.record), reason);
    let Value::Object(mut obj) = value else {
        return Err(reject(format!("expected a JSON object, found {}", kind_of(&value))));
    };

    // Body: the first text key holding a string (or a list of strings, as
    // sentence-split exports have). A key present but null does not count.
    let mut text = None;
    for &k in TEXT_KEYS {
        match obj.get_mut(k) {
            Some(Value::String(s)) => {
                text = Some(std::mem::take(s));
                break;
            }
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                text = Some(parts.join("\n"));
                break;
            }
            Some(Value::Null) | None => continue,
            Some(other) => return Err(reject(format!("field {k:?} must be a string, found {}", kind_of(other)))),
        }
    }
    let Some(text) = text else {
        return Err(reject(format!("no text: none of the fields {} has a value", TEXT_KEYS.join(", "))));
    };

    let title = match first(&obj, TITLE_KEYS) {
        Some((k, v)) => match v {
            Value::String(s) => s.clone(),
            other => return Err(reject(format!("field {k:?} must be a string, found {}", kind_of(other)))),
        },
        None => String::new(),
    };
    // An explicitly empty body is kept (newswire feeds carry blank items with an
    // id and a date); a record with nothing to identify or read is not.
    if text.trim().is_empty()
        && title.trim().is_empty()
        && first(&obj, ID_KEYS).is_none()
        && first(&obj, URL_KEYS).is_none()
    {
        return Err(reject("empty record: no id, url, title or text".into()));
    }

    let (published, date_raw) = match first(&obj, DATE_KEYS) {
        None => (None, None),
        Some((k, v)) => match v {
            Value::String(s) => match Published::parse(s) {
                Some(p) => (Some(p), Some(s.clone())),
                None => return Err(reject(format!("unparseable date {s:?} in field {k:?} (expected YYYY-MM-DD, YYYYMMDD, ISO 8601/RFC 3339 or RFC 2822)"))),
            },
            Value::Number(n) => match n.as_i64().and_then(|secs| chrono::DateTime::from_timestamp(secs, 0)) {
                Some(dt) => (Some(Published::Zoned(dt.fixed_offset())), Some(n.to_string())),
                None => return Err(reject(format!("unparseable date {n} in field {k:?} (a number must be Unix seconds)"))),
            },
            other => return Err(reject(format!("field {k:?} must be a date string, found {}", kind_of(other)))),
        },
    };

    let own_id = first(&obj, ID_KEYS).and_then(|(_, v)| as_string(v));
    let url = first(&obj, URL_KEYS).and_then(|(_, v)| v.as_str().map(str::to_string));
    let source = first(&obj, SOURCE_KEYS).and_then(|(_, v)| as_string(v));

    let mut article = Article::new(own_id, url, source, title, published, date_raw, text, prov);
    article.language = obj.get("language").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    article.description = first(&obj, &["description"]).and_then(|(_, v)| v.as_str()).map(str::to_string);
    article.authors = match obj.get("authors").or_else(|| obj.get("author")) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        _ => Vec::new(),
    };
    Ok(article)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
