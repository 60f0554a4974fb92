use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A half-open `[start, end)` range of code point offsets into an article's
/// `text`. Serialised as a two-element array `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// When an article was published, as precisely as the input says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// A calendar date only (`2022-01-09`).
    Date(NaiveDate),
    /// A date and time of day with no known offset (`2022-01-09T14:30:00`).
    Local(NaiveDateTime),
    /// A date and time with a known UTC offset (`2022-01-09T14:30:00+01:00`).
    Zoned(DateTime<FixedOffset>),
}

impl Published {
    /// The calendar date of publication (local to the publisher where known).
    pub fn date(&self) -> NaiveDate {
        match self {
            Published::Date(d) => *d,
            Published::Local(dt) => dt.date(),
            Published::Zoned(dt) => dt.date_naive(),
        }
    }

    /// The time of day, when the input gave one.
    pub fn time(&self) -> Option<NaiveTime> {
        match self {
            Published::Date(_) => None,
            Published::Local(dt) => Some(dt.time()),
            Published::Zoned(dt) => Some(dt.time()),
        }
    }

    /// Parses the date forms news data comes with:
    /// `YYYYMMDD`, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]`,
    /// `YYYY-MM-DDTHH:MM[:SS[.fff]]`, either with `Z` or `±HH:MM` (RFC 3339),
    /// and RFC 2822 (`Sun, 09 Jan 2022 10:00:00 +0000`).
    /// Returns `None` for anything else, including impossible calendar dates.
    pub fn parse(raw: &str) -> Option<Published> {
        let s = raw.trim();
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            return NaiveDate::parse_from_str(s, "%Y%m%d").ok().map(Published::Date);
        }
        if s.len() == 10 {
            return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Published::Date);
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(Published::Zoned(dt));
        }
        // RFC 3339 without seconds, or with a space separator and an offset.
        for fmt in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M:%S%:z", "%Y-%m-%d %H:%M:%S%.f%:z"] {
            if let Ok(dt) = DateTime::parse_from_str(&s.replace('Z', "+00:00"), fmt) {
                return Some(Published::Zoned(dt));
            }
        }
        for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(Published::Local(dt));
            }
        }
        if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
            return Some(Published::Zoned(dt));
        }
        None
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Published::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            Published::Zoned(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Published::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a publication date: {s:?}")))
    }
}

/// Where a record came from, precisely enough to read it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Provenance {
    /// Input format: `txt`, `jsonl`, `json`.
    pub format: String,
    /// The file path as given on the command line (or `-` for stdin).
    pub file: String,
    /// 1-based line of the record's first line, for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u64>,
    /// 1-based record number within the file.
    pub record: u64,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{} (record {})", self.file, line, self.record),
            None => write!(f, "{} (record {})", self.file, self.record),
        }
    }
}

/// One news article as read from any input format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the input's own id when it has one, else `u-` + a hash of the
    /// normalised URL, else `t-` + a hash of title and text.
    pub id: String,
    pub url: Option<String>,
    /// Site or publisher; the URL host when the input has none. A host loses
    /// its "www.", "m.", "mobile." or "amp." prefix (see `outlet_of`).
    pub source: Option<String>,
    /// Headline; empty when unknown, never null.
    pub title: String,
    /// Publication date (or date-time); null when unknown.
    pub published: Option<Published>,
    /// The date exactly as found in the input, when there was one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date_raw: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub description: Option<String>,
    /// The body text exactly as read (all offsets index this string).
    pub text: String,
    /// Paragraphs as code point spans into `text` (trimmed, empty ones skipped).
    pub paragraphs: Vec<Span>,
    pub provenance: Provenance,
}

/// Bodies shorter than this many characters are pages without body text
/// (a tweet, a headline with a link, a fundraising page).
pub const BODYLESS_CHARS: usize = 200;

impl Article {
    /// Whether the body is shorter than [`BODYLESS_CHARS`].
    pub fn is_bodyless(&self) -> bool {
        self.text.chars().nth(BODYLESS_CHARS - 1).is_none()
    }

    /// Builds an article, deriving `paragraphs`, `source` and `id` as documented
    /// on the fields. `own_id` is the input's id, if it has one.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        own_id: Option<String>,
        url: Option<String>,
        source: Option<String>,
        title: String,
        published: Option<Published>,
        date_raw: Option<String>,
        text: String,
        provenance: Provenance,
    ) -> Article {
        let url = url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
        let source = source
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .or_else(|| url.as_deref().and_then(crate::host_of))
            .map(outlet_of);
        let id = match own_id.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
            Some(id) => id,
            None => match &url {
                Some(u) => format!("u-{}", crate::stable_hash_hex(crate::normalize_url(u).as_bytes())),
                None => {
                    let mut key = Vec::with_capacity(title.len() + text.len() + 1);
                    key.extend_from_slice(title.as_bytes());
                    key.push(0);
                    key.extend_from_slice(text.as_bytes());
                    format!("t-{}", crate::stable_hash_hex(&key))
                }
            },
        };
        let paragraphs = paragraph_spans(&text);
        Article {
            id,
            url,
            source,
            title,
            published,
            date_raw,
            language: None,
            authors: Vec::new(),
            description: None,
            text,
            paragraphs,
            provenance,
        }
    }
}

/// The outlet a source names: a host loses the prefix of its web or mobile
/// edition ("www.", "m.", "mobile.", "amp."), so that "m.wsbtv.com" and
/// "wsbtv.com" are one outlet; a host whose rest has no dot keeps it.
fn outlet_of(source: String) -> String {
    for prefix in ["www.", "m.", "mobile.", "amp."] {
        if let Some(rest) = source.strip_prefix(prefix) {
            if rest.contains('.') && !rest.contains(char::is_whitespace) {
                return rest.to_string();
            }
        }
    }
    source
}

/// Splits a body into paragraphs, as code point spans.
///
/// If the text has blank lines, paragraphs are the blocks between them (so a
/// newswire body with hard line wraps keeps each paragraph whole); otherwise
/// every non-empty line is a paragraph. Each span is trimmed of white space.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let map = crate::OffsetMap::new(text);
    // A blank line separates paragraphs only when text stands on both sides.
    let has_blank_line = {
        let empties: Vec<bool> = text.split('\n').map(|l| l.trim().is_empty()).collect();
        let first = empties.iter().position(|e| !e);
        let last = empties.iter().rposition(|e| !e);
        match (first, last) {
            (Some(f), Some(l)) => empties[f..l].iter().any(|&e| e),
            _ => false,
        }
    };
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let seg = &text[start..end];
        let lead = seg.len() - seg.trim_start().len();
        let trimmed = seg.trim();
        if !trimmed.is_empty() {
            let s = start + lead;
            out.push(map.span(s, s + trimmed.len()));
        }
    };
    let mut pos = 0;
    let mut block_start = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        if has_blank_line {
            if line.trim().is_empty() {
                push(block_start, line_start);
                block_start = pos;
            }
        } else {
            push(line_start, pos);
        }
    }
    if has_blank_line {
        push(block_start, text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_date_forms() {
        let d = NaiveDate::from_ymd_opt(2022, 1, 9).unwrap();
        for s in ["20220109", "2022-01-09", " 2022-01-09 "] {
            assert_eq!(Published::parse(s), Some(Published::Date(d)), "{s}");
        }
        let p = Published::parse("2022-01-09 14:30:00").unwrap();
        assert_eq!(p.to_string(), "2022-01-09T14:30:00");
        let p = Published::parse("2022-01-09T14:30:00+01:00").unwrap();
        assert_eq!(p.to_string(), "2022-01-09T14:30:00+01:00");
        assert_eq!(p.date(), d);
        let p = Published::parse("2022-01-09T23:30:00Z").unwrap();
        assert_eq!(p.to_string(), "2022-01-09T23:30:00+00:00");
        let p = Published::parse("1987-02-26T15:01:01").unwrap();
        assert_eq!(p.to_string(), "1987-02-26T15:01:01");
        let p = Published::parse("Sun, 09 Jan 2022 10:00:00 +0000").unwrap();
        assert_eq!(p.date(), d);
        for bad in ["", "None", "20221309", "2022-02-30", "yesterday", "2022/01/09x"] {
            assert_eq!(Published::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn paragraphs_by_line_or_blank_line() {
        let t = "One.\nTwo.\n\nThree.\n";
        // Blank line present: blocks.
        let p = paragraph_spans(t);
        assert_eq!(p, vec![Span::new(0, 9), Span::new(11, 17)]);
        let t = "  One.  \nTwo.\n";
        assert_eq!(paragraph_spans(t), vec![Span::new(2, 6), Span::new(9, 13)]);
        let t = "é“x”\n\nb";
        assert_eq!(paragraph_spans(t), vec![Span::new(0, 4), Span::new(6, 7)]);
        assert!(paragraph_spans("  \n \n").is_empty());
    }

    #[test]
    fn mobile_and_web_editions_are_one_outlet() {
        let source = |url: Option<&str>, source: Option<&str>| {
            let a = Article::new(
                None,
                url.map(Into::into),
                source.map(Into::into),
                "t".into(),
                None,
                None,
                "b".into(),
                Provenance::default(),
            );
            a.source
        };
        assert_eq!(source(Some("https://m.wsbtv.com/news/1"), None).as_deref(), Some("wsbtv.com"));
        assert_eq!(source(None, Some("m.wsbtv.com")).as_deref(), Some("wsbtv.com"));
        assert_eq!(source(Some("https://amp.example.co.uk/x"), None).as_deref(), Some("example.co.uk"));
        assert_eq!(source(Some("https://mobile.example.org/x"), None).as_deref(), Some("example.org"));
        // Other subdomains are other outlets (CBS's local stations); a name
        // that is no host, and a host with nothing left, stay.
        assert_eq!(source(Some("https://chicago.cbslocal.com/x"), None).as_deref(), Some("chicago.cbslocal.com"));
        assert_eq!(source(None, Some("m. Smith Press")).as_deref(), Some("m. Smith Press"));
        assert_eq!(source(Some("https://m.com/x"), None).as_deref(), Some("m.com"));
    }

    #[test]
    fn ids_are_stable_and_prefer_own_id() {
        let prov = Provenance::default();
        let a = Article::new(Some("x1".into()), None, None, "t".into(), None, None, "b".into(), prov.clone());
        assert_eq!(a.id, "x1");
        let a = Article::new(
            None,
            Some("https://www.Example.com/a?utm_source=x#f".into()),
            None,
            "t".into(),
            None,
            None,
            "b".into(),
            prov.clone(),
        );
        let b = Article::new(
            None,
            Some("http://example.com/a".into()),
            None,
            "t2".into(),
            None,
            None,
            "c".into(),
            prov.clone(),
        );
        assert_eq!(a.id, b.id);
        assert!(a.id.starts_with("u-"));
        assert_eq!(a.source.as_deref(), Some("example.com"));
        let c = Article::new(None, None, None, "t".into(), None, None, "b".into(), prov);
        assert!(c.id.starts_with("t-"));
        assert_eq!(c.id.len(), 18);
    }
}
