//! Search-result snippets: the passage of a body with the most query terms,
//! with the matched words marked.
//!
//! Tantivy's snippet generator runs the field's whole analyzer (lowercasing
//! and Snowball stemming of every word of every hit's body), which was the
//! largest cost of a search. Here a word is stemmed only when its first two
//! letters are those of some query term: stemming never changes the first
//! two letters of an English word, so no other word can match, and most
//! words of a body are never stemmed. Matching words are then the same as
//! with the index's analyzer, which stems each candidate word.

use crate::index::Snippet;
use std::collections::HashMap;
use tantivy::tokenizer::TextAnalyzer;

/// Words longer than this (in bytes) are not indexed (`en_stem` drops them).
const MAX_WORD_BYTES: usize = 40;

/// Query terms of one field (as the index stores them, i.e. stemmed) with a
/// weight each (rarer terms weigh more).
pub(crate) struct SnippetTerms {
    terms: HashMap<String, (usize, f32)>,
    prefixes: Vec<[char; 2]>,
    analyzer: TextAnalyzer,
    /// Words already analysed (as they appear), with the term they match:
    /// the hits of one search share most of their words.
    seen: HashMap<Box<str>, Option<(usize, f32)>>,
}

/// The first two characters of a word, lowercased (`\0` for a missing one).
fn prefix2(word: &str) -> [char; 2] {
    let lower = |c: char| if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) };
    let mut it = word.chars().map(lower);
    [it.next().unwrap_or('\0'), it.next().unwrap_or('\0')]
}

impl SnippetTerms {
    pub(crate) fn new(terms: impl IntoIterator<Item = (String, f32)>, analyzer: TextAnalyzer) -> SnippetTerms {
        let mut map = HashMap::new();
        let mut prefixes = Vec::new();
        for (term, weight) in terms {
            let p = prefix2(&term);
            if !prefixes.contains(&p) {
                prefixes.push(p);
            }
            let n = map.len();
            map.entry(term).or_insert((n, weight));
        }
        SnippetTerms { terms: map, prefixes, analyzer, seen: HashMap::new() }
    }

    /// Byte ranges of the words of `text` that match a term, with the term's
    /// index and weight.
    fn matches(&mut self, text: &str) -> Vec<(usize, usize, usize, f32)> {
        let mut out = Vec::new();
        let mut start = None;
        let mut check = |s: usize, e: usize, out: &mut Vec<_>| {
            let word = &text[s..e];
            if word.len() >= MAX_WORD_BYTES || !self.prefixes.contains(&prefix2(word)) {
                return;
            }
            let found = match self.seen.get(word) {
                Some(&found) => found,
                None => {
                    let mut stream = self.analyzer.token_stream(word);
                    let found = stream.next().and_then(|tok| self.terms.get(&tok.text).copied());
                    self.seen.insert(word.into(), found);
                    found
                }
            };
            if let Some((idx, w)) = found {
                out.push((s, e, idx, w));
            }
        };
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    check(s, i, &mut out);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            check(s, text.len(), &mut out);
        }
        out
    }

    /// The best passage of at most `max_chars` characters, or `None` when no
    /// word of `text` matches.
    pub(crate) fn snippet(&mut self, text: &str, max_chars: usize) -> Option<Snippet> {
        let matches = self.matches(text);
        if matches.is_empty() {
            return None;
        }
        // Match starts and ends in characters (windows are measured in
        // characters), counted in one pass.
        let mut starts = Vec::with_capacity(matches.len());
        let mut ends = Vec::with_capacity(matches.len());
        let (mut byte, mut chars) = (0usize, 0usize);
        for m in &matches {
            chars += text[byte..m.0].chars().count();
            starts.push(chars);
            chars += text[m.0..m.1].chars().count();
            ends.push(chars);
            byte = m.1;
        }
        // Two pointers over the matches: the window [i, j) that fits in
        // max_chars with the highest weight of distinct terms, then the most
        // matches; the earliest wins ties.
        let mut seen = vec![0u32; self.terms.len()];
        let (mut best, mut best_score) = ((0, 1), (f32::MIN, 0));
        let mut weight = 0.0f32;
        let mut j = 0;
        for i in 0..matches.len() {
            while j < matches.len() && ends[j] - starts[i] <= max_chars {
                let t = matches[j].2;
                if seen[t] == 0 {
                    weight += matches[j].3;
                }
                seen[t] += 1;
                j += 1;
            }
            if j == i {
                // One match longer than the window on its own.
                j = i + 1;
                seen[matches[i].2] += 1;
                weight += matches[i].3;
            }
            let score = (weight, j - i);
            if score.0 > best_score.0 + 1e-6 || ((score.0 - best_score.0).abs() <= 1e-6 && score.1 > best_score.1) {
                best = (i, j);
                best_score = score;
            }
            let t = matches[i].2;
            seen[t] -= 1;
            if seen[t] == 0 {
                weight -= matches[i].3;
            }
        }
        let (i, j) = best;
        let (first, last) = (matches[i].0, matches[j - 1].1);
        Some(frame(text, first, last, &matches[i..j], max_chars))
    }
}

/// Cuts a passage of at most `max_chars` around the bytes `first..last`:
/// from the start of the sentence when it is near, else a few words before
/// the first match; extended to word boundaries; whitespace collapsed.
fn frame(text: &str, first: usize, last: usize, marks: &[(usize, usize, usize, f32)], max_chars: usize) -> Snippet {
    let used = text[first..last].chars().count();
    let spare = max_chars.saturating_sub(used);
    // Look back at most a third of the spare room for a sentence start.
    let back = spare / 3;
    let mut start = first;
    for (n, (i, c)) in text[..first].char_indices().rev().enumerate() {
        if n >= back {
            // No sentence start near: begin at a word boundary.
            start = text[i..first].find(char::is_whitespace).map_or(first, |w| i + w);
            break;
        }
        if matches!(c, '.' | '!' | '?') && text[i + c.len_utf8()..first].starts_with(char::is_whitespace) {
            start = i + c.len_utf8();
            break;
        }
        start = i;
    }
    let room = max_chars.saturating_sub(text[start..last].chars().count());
    let mut end = last;
    for (k, (i, c)) in text[last..].char_indices().enumerate() {
        if k >= room {
            // Back off to the last whitespace so no word is cut.
            end = text[last..last + i].rfind(char::is_whitespace).map_or(last, |w| last + w);
            break;
        }
        end = last + i + c.len_utf8();
    }
    // Collapse whitespace, mapping the marks' byte offsets to code points
    // of the output.
    let mut out = String::new();
    let mut highlights = Vec::with_capacity(marks.len());
    let mut mark = marks.iter().peekable();
    let mut cur: Option<usize> = None;
    let mut chars = 0usize;
    let mut pending_space = false;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        if let Some(&&(s, _, _, _)) = mark.peek() {
            if s == at {
                cur = Some(chars);
            }
        }
        out.push(c);
        chars += 1;
        if let (Some(from), Some(&&(_, e, _, _))) = (cur, mark.peek()) {
            if at + c.len_utf8() == e {
                highlights.push(newsdesk_core::Span::new(from, chars));
                cur = None;
                mark.next();
            }
        }
    }
    let before = !text[..start].trim().is_empty();
    let after = !text[end..].trim().is_empty();
    Snippet { text: out, highlights, before, after }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer};

    fn en_stem() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(tantivy::tokenizer::Language::English))
            .build()
    }

    fn marked(s: &Snippet) -> Vec<String> {
        s.highlights.iter().map(|h| s.text.chars().skip(h.start).take(h.len()).collect()).collect()
    }

    fn terms(t: &[(&str, f32)]) -> SnippetTerms {
        SnippetTerms::new(t.iter().map(|(s, w)| (s.to_string(), *w)), en_stem())
    }

    #[test]
    fn stemmed_words_match_and_are_marked() {
        let mut t = terms(&[("export", 0.5), ("wheat", 0.5)]);
        let s = t.snippet("Officials said.\nWheat EXPORTS rose; wheat exporting nations met.", 200).unwrap();
        // The passage starts at the sentence of the first match.
        assert_eq!(s.text, "Wheat EXPORTS rose; wheat exporting nations met.");
        assert_eq!(marked(&s), ["Wheat", "EXPORTS", "wheat", "exporting"]);
        // The body goes on before the passage, not after it.
        assert!(s.before && !s.after);
        let s = t.snippet("Wheat exports rose.  \n", 200).unwrap();
        assert!(!s.before && !s.after);
    }

    #[test]
    fn picks_the_passage_with_the_most_distinct_terms() {
        let filler = "nothing to see here at all. ".repeat(20);
        let text = format!("Oil was mentioned once. {filler}Then oil prices rose sharply as oil traders bought.");
        let mut t = terms(&[("oil", 0.2), ("price", 0.6)]);
        let s = t.snippet(&text, 80).unwrap();
        assert!(s.text.starts_with("Then oil prices rose"), "{}", s.text);
        assert_eq!(marked(&s), ["oil", "prices", "oil"]);
        assert!(s.text.chars().count() <= 80);
    }

    #[test]
    fn no_match_gives_none_and_windows_respect_the_limit() {
        let mut t = terms(&[("gold", 1.0)]);
        assert!(t.snippet("silver and copper", 50).is_none());
        let long = format!("{} gold {}", "word ".repeat(100), "word ".repeat(100));
        let s = t.snippet(&long, 60).unwrap();
        assert!(s.text.chars().count() <= 60, "{}", s.text);
        assert_eq!(marked(&s), ["gold"]);
        assert!(!s.text.ends_with("wor"), "cut inside a word: {}", s.text);
        assert!(s.before && s.after);
    }

    #[test]
    fn non_ascii_text_keeps_code_point_spans() {
        let mut t = terms(&[("zürich", 1.0)]);
        let s = t.snippet("Größere Märkte in Zürich öffneten.", 100).unwrap();
        assert_eq!(marked(&s), ["Zürich"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,300}", max in 1usize..300) {
            let mut t = terms(&[("a", 0.1), ("the", 0.2), ("é", 0.3)]);
            if let Some(s) = t.snippet(&text, max) {
                for h in &s.highlights {
                    proptest::prop_assert!(h.end <= s.text.chars().count());
                }
            }
        }
    }
}
