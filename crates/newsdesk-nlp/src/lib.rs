//! Per-article analysis: a pure function from an [`Article`] to an [`Analysis`].
//!
//! No I/O, no clock, no global mutable state: [`analyze`] can run on any
//! number of articles in parallel and gives the same answer every time.
//!
//! The stages share one [`Doc`]: tokens (byte offsets), sentences and
//! paragraphs. Each stage turns byte offsets into code point offsets with the
//! doc's [`OffsetMap`] when it builds its output.

pub mod ner;
pub mod quotes;
pub mod sentences;
pub mod time;
pub mod titles;
pub mod tokenize;

use newsdesk_core::{Analysis, Article, OffsetMap, Span, SCHEMA_VERSION};
use std::ops::Range;
pub use time::extract_times;
pub use tokenize::{Token, TokenKind};

/// A sentence: a byte range of the text, its tokens, and its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Indices into [`Doc::tokens`].
    pub tokens: Range<usize>,
    /// Index into [`Doc::paragraphs`].
    pub paragraph: usize,
}

/// A tokenized, sentence-split text: what every analysis stage reads.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Paragraph byte ranges (trimmed, non-empty), in order.
    pub paragraphs: Vec<Range<usize>>,
    pub offsets: OffsetMap,
}

impl<'a> Doc<'a> {
    /// Tokenizes and sentence-splits `text`, paragraph by paragraph, with the
    /// paragraphs given as code point spans (as [`Article::paragraphs`] holds them).
    pub fn new(text: &'a str, paragraphs: &[Span]) -> Doc<'a> {
        let offsets = OffsetMap::new(text);
        let paragraphs: Vec<Range<usize>> = paragraphs
            .iter()
            .map(|p| offsets.to_byte(p.start)..offsets.to_byte(p.end))
            .filter(|r| r.start < r.end)
            .collect();
        let mut tokens = Vec::with_capacity(text.len() / 5 + 4);
        let mut sentences = Vec::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            let first = tokens.len();
            tokenize::tokenize_into(text, p.start, p.end, &mut tokens);
            for r in sentences::split_sentences(text, &tokens[first..]) {
                let r = first + r.start..first + r.end;
                sentences.push(Sentence {
                    start: tokens[r.start].start,
                    end: tokens[r.end - 1].end,
                    tokens: r,
                    paragraph: pi,
                });
            }
        }
        Doc { text, tokens, sentences, paragraphs, offsets }
    }

    /// Builds a doc from plain text, splitting paragraphs the way readers do.
    pub fn from_text(text: &'a str) -> Doc<'a> {
        Doc::new(text, &newsdesk_core::paragraph_spans(text))
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }
}

/// Analyses one article. Pure and deterministic.
pub fn analyze(article: &Article) -> Analysis {
    let doc = Doc::new(&article.text, &article.paragraphs);
    let sentences = doc.sentences.iter().map(|s| doc.offsets.span(s.start, s.end)).collect();
    // Quotes come after entities: speakers resolve to entity ids.
    let entities = ner::extract_entities(&doc);
    let quotes = quotes::extract_quotes(&doc, &entities);
    Analysis {
        schema_version: SCHEMA_VERSION,
        article: article.clone(),
        sentences,
        entities,
        quotes,
        times: time::extract_times(&doc, article.published.map(|p| p.date())),
    }
}
