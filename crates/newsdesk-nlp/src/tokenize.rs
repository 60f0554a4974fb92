//! Tokenizer for English news text, close to the Penn Treebank / CoNLL-2003
//! conventions the taggers are trained on: punctuation split off, clitics
//! split ("Ukraine's" → "Ukraine" "'s", "wasn't" → "was" "n't"), hyphenated
//! words, numbers with separators ("1,000.5"), abbreviations with periods
//! ("U.S.", "Mr.", "a.m."), URLs and e-mail addresses kept whole.
//!
//! Tokens carry UTF-8 byte offsets into the text; it never allocates per token.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with digits, hyphens, inner apostrophes or periods).
    Word,
    /// Starts with a digit: `18`, `1,000`, `3.5`, `1990s`, `2022-01-09`, `1.13bn`.
    Number,
    /// A clitic split off a word: `'s`, `n't`, `'re`, `'ll`, `'ve`, `'d`, `'m`.
    Clitic,
    /// Punctuation or a symbol; runs of `.` and `-` stay together (`...`, `--`).
    Punct,
    /// A URL or an e-mail address.
    Url,
}

/// One token: a byte range of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

fn is_mark(c: char) -> bool {
    // Combining marks keep accented letters in decomposed form whole.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Abbreviations that take a period and are kept as one token with it.
/// Sentence splitting decides separately whether the period also ends a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
    "cpl", "pvt", "st", "rev", "hon", "pres", "supt", "insp", "det", "amb", "messrs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "no", "nos", "vol", "vs", "v", "etc", "inc", "corp", "co", "ltd", "jr", "sr", "bros", "dept",
    "univ", "assn", "ave", "blvd", "rd", "mt", "ft", "ca", "approx", "est", "fig", "al", "ariz", "ark", "calif",
    "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss",
    "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "plc", "cie",
    "gmbh", "pty", "op", "cf", "e.g", "i.e",
];

pub(crate) fn is_abbreviation(word: &str) -> bool {
    if word.len() > 6 {
        return false;
    }
    let mut buf = [0u8; 8];
    let n = word.len();
    for (i, b) in word.bytes().enumerate() {
        buf[i] = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..n]).unwrap_or("");
    ABBREVIATIONS.contains(&lower)
}

/// Splits `text` into tokens (byte offsets).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    tokenize_into(text, 0, text.len(), &mut out);
    out
}

/// Tokenizes `text[start..end]` (char-boundary offsets), appending to `out`.
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let c = match text[i..end].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
            i += c.len_utf8();
            continue;
        }
        // A whitespace-delimited chunk: [i, chunk_end).
        let mut chunk_end = i;
        for (off, ch) in text[i..end].char_indices() {
            if ch.is_whitespace() || ch.is_control() {
                break;
            }
            chunk_end = i + off + ch.len_utf8();
        }
        let chunk = &text[i..chunk_end];
        if is_url_like(chunk) {
            // Trailing punctuation is not part of a URL.
            let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', ')', ']', '"', '\'', '!', '?', '”', '’']);
            let lead = chunk.len() - chunk.trim_start_matches(['(', '[', '"', '\'', '“', '‘', '<']).len();
            if lead > 0 {
                split_chunk(text, i, i + lead, out);
            }
            if trimmed.len() > lead {
                out.push(Token { start: i + lead, end: i + trimmed.len(), kind: TokenKind::Url });
            }
            if trimmed.len() < chunk.len() {
                split_chunk(text, i + trimmed.len().max(lead), chunk_end, out);
            }
        } else {
            split_chunk(text, i, chunk_end, out);
        }
        i = chunk_end;
        let _ = bytes;
    }
}

fn is_url_like(chunk: &str) -> bool {
    if chunk.len() < 6 {
        return false;
    }
    if chunk.contains("://") || chunk.starts_with("www.") {
        return true;
    }
    // e-mail: x@y.z
    if let Some(at) = chunk.find('@') {
        let (a, b) = (&chunk[..at], &chunk[at + 1..]);
        return !a.is_empty()
            && b.contains('.')
            && a.chars().last().is_some_and(|c| c.is_alphanumeric())
            && b.chars().next().is_some_and(|c| c.is_alphanumeric());
    }
    false
}

/// Tokenizes one whitespace-free chunk.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let s = &text[start..end];
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap();
        if is_word_char(c) {
            let (len, kind) = scan_word(rest);
            push_word(text, start + i, start + i + len, kind, out);
            i += len;
        } else if is_apostrophe(c) {
            // A leading clitic ('s after a closing quote, or "'98"): let the word scanner
            // handle "'98" style years as a number token.
            let after = &rest[c.len_utf8()..];
            if after.len() >= 2
                && after.as_bytes()[0].is_ascii_digit()
                && after.as_bytes()[1].is_ascii_digit()
                && after.as_bytes().get(2).is_none_or(|b| !b.is_ascii_alphanumeric())
            {
                let len = c.len_utf8() + 2;
                out.push(Token { start: start + i, end: start + i + len, kind: TokenKind::Number });
                i += len;
                continue;
            }
            if let Some(cl) = clitic_at(rest) {
                out.push(Token { start: start + i, end: start + i + cl, kind: TokenKind::Clitic });
                i += cl;
                continue;
            }
            out.push(Token { start: start + i, end: start + i + c.len_utf8(), kind: TokenKind::Punct });
            i += c.len_utf8();
        } else if (c == '.' || c == '-' || c == '—' || c == '–')
            && rest.len() > c.len_utf8()
            && rest[c.len_utf8()..].starts_with(c)
        {
            let len = rest.len() - rest.trim_start_matches(c).len();
            out.push(Token { start: start + i, end: start + i + len, kind: TokenKind::Punct });
            i += len;
        } else {
            out.push(Token { start: start + i, end: start + i + c.len_utf8(), kind: TokenKind::Punct });
            i += c.len_utf8();
        }
    }
}

/// Length of a clitic at the start of `s` (which starts with an apostrophe),
/// when one is there and ends the word.
fn clitic_at(s: &str) -> Option<usize> {
    let ap = s.chars().next()?.len_utf8();
    let after = &s[ap..];
    for cl in ["s", "re", "ll", "ve", "d", "m", "S", "RE", "LL", "VE", "D", "M"] {
        if let Some(rest) = after.strip_prefix(cl) {
            if rest.chars().next().is_none_or(|c| !is_word_char(c)) {
                return Some(ap + cl.len());
            }
        }
    }
    None
}

/// Scans a word or number starting at the beginning of `s`; returns its byte
/// length (before clitic splitting) and kind.
fn scan_word(s: &str) -> (usize, TokenKind) {
    let first = s.chars().next().unwrap();
    let numeric = first.is_ascii_digit();
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    let mut has_inner_period = false;
    while let Some((off, c)) = chars.next() {
        if is_word_char(c) {
            end = off + c.len_utf8();
            continue;
        }
        let next = chars.peek().map(|&(_, n)| n);
        let joins = match c {
            // 1,000  3.5  U.S.  a.m.  e-mail  Co-operation  2022-01-09  10:30  1/2
            ',' => {
                numeric
                    && next.is_some_and(|n| n.is_ascii_digit())
                    && s[..off].chars().last().is_some_and(|p| p.is_ascii_digit())
            }
            '.' => {
                next.is_some_and(|n| n.is_alphanumeric()) && {
                    let prev = s[..off].chars().last();
                    prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
                        || !numeric
                            && next.is_some_and(|n| n.is_alphabetic())
                            && word_segment_len(&s[..off]) <= 2
                            && short_segment_after(&s[off + 1..])
                }
            }
            '-' | '‐' | '‑' => next.is_some_and(is_word_char),
            ':' | '/' => numeric && next.is_some_and(|n| n.is_ascii_digit()),
            '&' => {
                !numeric
                    && next.is_some_and(|n| n.is_uppercase())
                    && s[..off].chars().all(|p| p.is_uppercase())
                    && off <= 3
            }
            _ if is_apostrophe(c) => {
                // Inner apostrophe: O'Brien, rock'n'roll; not a clitic ('s, n't).
                next.is_some_and(|n| n.is_alphabetic())
                    && clitic_at(&s[off..]).is_none()
                    && !is_nt(&s[..off], &s[off..])
            }
            _ => false,
        };
        if is_apostrophe(c) && is_nt(&s[..off], &s[off..]) {
            // "wasn't": keep "n't" on the word; push_word splits it off.
            end = off + c.len_utf8() + 1;
            break;
        }
        if !joins {
            break;
        }
        if c == '.' {
            has_inner_period = true;
        }
        end = off + c.len_utf8();
    }
    // Keep a final period on abbreviations: "U.S." "a.m." "Mr." "J."
    let word = &s[..end];
    if s[end..].starts_with('.') && !numeric {
        let single_letter = word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic());
        if has_inner_period || single_letter || is_abbreviation(word) {
            end += 1;
        }
    }
    (end, if numeric { TokenKind::Number } else { TokenKind::Word })
}

fn word_segment_len(s: &str) -> usize {
    s.rsplit('.').next().map_or(0, |seg| seg.chars().count())
}

fn short_segment_after(s: &str) -> bool {
    let n = s.chars().take_while(|c| c.is_alphabetic()).count();
    (1..=2).contains(&n)
}

fn is_nt(before: &str, after_apos: &str) -> bool {
    before.ends_with(['n', 'N']) && {
        let ap = after_apos.chars().next().map_or(1, |c| c.len_utf8());
        let rest = &after_apos[ap..];
        rest.starts_with(['t', 'T']) && rest[1..].chars().next().is_none_or(|c| !is_word_char(c))
    }
}

/// Pushes a word, splitting off a trailing "n't" clitic.
fn push_word(text: &str, start: usize, end: usize, kind: TokenKind, out: &mut Vec<Token>) {
    let w = &text[start..end];
    if kind == TokenKind::Word && w.len() > 3 {
        // "wasn't" → "was" "n't"; handled here when the apostrophe was inside the word.
        for ap in ["n't", "N'T", "n’t", "N’T"] {
            if let Some(stem) = w.strip_suffix(ap) {
                if !stem.is_empty() {
                    out.push(Token { start, end: start + stem.len(), kind });
                    out.push(Token { start: start + stem.len(), end, kind: TokenKind::Clitic });
                    return;
                }
            }
        }
    }
    out.push(Token { start, end, kind });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn news_sentence() {
        assert_eq!(
            toks("Moscow's expectations regarding Monday's talks were \"realistic,\" said Ryabkov."),
            vec![
                "Moscow",
                "'s",
                "expectations",
                "regarding",
                "Monday",
                "'s",
                "talks",
                "were",
                "\"",
                "realistic",
                ",",
                "\"",
                "said",
                "Ryabkov",
                "."
            ]
        );
        assert_eq!(toks("Russia wasn't planning"), vec!["Russia", "was", "n't", "planning"]);
        assert_eq!(toks("Russia wasn’t"), vec!["Russia", "was", "n’t"]);
        assert_eq!(toks("We're going"), vec!["We", "'re", "going"]);
    }

    #[test]
    fn abbreviations_numbers_hyphens() {
        assert_eq!(toks("the U.S. delegation"), vec!["the", "U.S.", "delegation"]);
        assert_eq!(
            toks("Mr. Smith paid $1,000.50 at 3 p.m."),
            vec!["Mr.", "Smith", "paid", "$", "1,000.50", "at", "3", "p.m."]
        );
        assert_eq!(toks("Co-operation in Europe OSCE."), vec!["Co-operation", "in", "Europe", "OSCE", "."]);
        assert_eq!(toks("on 2022-01-09, at 10:30"), vec!["on", "2022-01-09", ",", "at", "10:30"]);
        assert_eq!(toks("in '98 and the 1990s"), vec!["in", "'98", "and", "the", "1990s"]);
        assert_eq!(toks("Jan. 8, 1998"), vec!["Jan.", "8", ",", "1998"]);
        assert_eq!(toks("progress - let alone"), vec!["progress", "-", "let", "alone"]);
        assert_eq!(toks("wait... no -- yes"), vec!["wait", "...", "no", "--", "yes"]);
        assert_eq!(toks("AT&T and O'Brien"), vec!["AT&T", "and", "O'Brien"]);
        assert_eq!(toks("end."), vec!["end", "."]);
    }

    #[test]
    fn urls_and_quotes() {
        assert_eq!(toks("see (https://example.com/a?b=1)."), vec!["see", "(", "https://example.com/a?b=1", ")", "."]);
        assert_eq!(toks("“Nothing,” he said"), vec!["“", "Nothing", ",", "”", "he", "said"]);
        assert_eq!(toks("mail a@b.org now"), vec!["mail", "a@b.org", "now"]);
    }

    #[test]
    fn offsets_cover_text() {
        let s = "Zürich’s “café” — 5 €.";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end);
        }
    }
}
