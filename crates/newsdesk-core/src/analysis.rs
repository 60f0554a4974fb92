use crate::{Article, Span};
use serde::{Deserialize, Serialize};

/// A piece of the article text: its characters and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
}

impl Mention {
    /// The mention of the code point span `span` of `text`.
    pub fn from_span(text: &str, span: Span) -> Mention {
        let s: String = text.chars().skip(span.start).take(span.len()).collect();
        Mention { text: s, start: span.start, end: span.end }
    }
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

/// One real-world entity of an article, with every mention of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Article-local id: `e1`, `e2`, ...
    pub id: String,
    pub kind: EntityKind,
    /// Canonical name (the fullest form in the article).
    pub name: String,
    /// Role or title given in the text ("Deputy Foreign Minister").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<Mention>,
    /// Country or organisation the role belongs to, when the text gives one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub affiliation: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Everything quoted is inside quotation marks.
    Direct,
    /// Partly inside quotation marks.
    Mixed,
    /// Reported speech, no quotation marks.
    Indirect,
}

/// The resolved speaker of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Id of the entity in this analysis's `entities`, when resolved to one.
    pub entity: Option<String>,
    pub name: String,
}

/// A statement attributed to a speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The content (pieces joined by one space when there are several).
    pub text: String,
    /// Envelope of the content: first piece start to last piece end.
    pub start: usize,
    pub end: usize,
    /// The content's pieces (one for most quotes).
    pub spans: Vec<Span>,
    pub kind: QuoteKind,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cue: Option<Mention>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker_mention: Option<Mention>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speaker: Option<Speaker>,
    /// Channel or addressee ("CNN" in "told CNN").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub addressee: Option<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression, normalised as a TimeML TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value: `2022-01-10`, `2022-W02`, `P2Y6M`, `PRESENT_REF`, `XXXX-XX-XX`, ...
    pub value: String,
    /// The date the value was resolved against (publication date or an
    /// earlier absolute date in the text), when it is relative.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor: Option<String>,
}

/// Everything newsdesk knows about one article: the JSON object that
/// `newsdesk analyze` writes (see docs/schema.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema_version: u32,
    #[serde(flatten)]
    pub article: Article,
    /// Sentences as code point spans into `text`, in order.
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub times: Vec<Timex>,
}
