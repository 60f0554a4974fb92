//! Sentence boundaries over tokens, within one paragraph.
//!
//! A sentence ends at `.`, `!`, `?` or `...` (with any closing quotes or
//! brackets after it) when the next token can start a sentence (a capital, a
//! digit, an opening quote or bracket), and always at the end of a paragraph.
//! Titles ("Mr.", "Gen.") never end a sentence; company and other
//! abbreviations ("Inc.", "U.S.", "p.m.") do when a typical sentence opener follows.

use crate::tokenize::{Token, TokenKind};

const TITLES: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "sgt.", "capt.", "cmdr.",
    "adm.", "maj.", "cpl.", "pvt.", "st.", "rev.", "hon.", "pres.", "supt.", "insp.", "det.", "amb.", "messrs.", "no.",
    "nos.", "vol.", "vs.", "v.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
    "nov.", "dec.", "mt.", "ft.", "fig.",
];

const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "For",
    "So",
    "Yet",
    "Meanwhile",
    "However",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Some",
    "Many",
    "Most",
    "No",
    "Now",
    "Then",
    "Police",
    "Officials",
];

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "'" | "”" | "’" | ")" | "]" | "»" | "''")
}

fn can_start_sentence(t: &str) -> bool {
    let c = t.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„' | '`' | '-' | '—' | '•' | '*')
}

/// Token ranges of the sentences in `tokens` (all from one paragraph of `text`).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].text(text);
        let terminal = match t {
            "." | "!" | "?" | "..." | "…" | "?!" | "!?" | "।" => true,
            _ if tokens[i].kind == TokenKind::Punct && t.len() > 1 && t.bytes().all(|b| b == b'.') => true,
            _ if tokens[i].kind == TokenKind::Word && t.ends_with('.') && t.len() > 1 => {
                // An abbreviation that swallowed the period.
                let lower = t.to_lowercase();
                !TITLES.contains(&lower.as_str()) && tokens.get(i + 1).is_some_and(|n| OPENERS.contains(&n.text(text)))
            }
            _ => false,
        };
        if terminal {
            let mut end = i + 1;
            while end < tokens.len() && is_closer(tokens[end].text(text)) && tokens[end].start == tokens[end - 1].end {
                end += 1;
            }
            // A closing quote must hug the terminal to belong to this sentence.
            let next_ok = match tokens.get(end) {
                None => true,
                Some(n) => can_start_sentence(n.text(text)) && n.start > tokens[end - 1].end,
            };
            // "..." inside a sentence followed by lowercase does not end it (checked above).
            if next_ok && end > start {
                out.push(start..end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        split_sentences(s, &toks).into_iter().map(|r| s[toks[r.start].start..toks[r.end - 1].end].to_string()).collect()
    }

    #[test]
    fn splits_news() {
        assert_eq!(
            sents("Moscow's expectations were \"realistic,\" said Ryabkov. \"Based on the signals, I think so.\" Mr. Smith agreed."),
            vec![
                "Moscow's expectations were \"realistic,\" said Ryabkov.",
                "\"Based on the signals, I think so.\"",
                "Mr. Smith agreed."
            ]
        );
        assert_eq!(sents("He lives in the U.S. The end."), vec!["He lives in the U.S.", "The end."]);
        assert_eq!(sents("He met Gen. Smith at 3 p.m. on Monday."), vec!["He met Gen. Smith at 3 p.m. on Monday."]);
        assert_eq!(sents("Really? Yes! ok"), vec!["Really?", "Yes! ok"]);
        assert_eq!(sents("It fell 3.5 pct. Prices rose."), vec!["It fell 3.5 pct.", "Prices rose."]);
    }
}
