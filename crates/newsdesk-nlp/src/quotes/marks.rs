//! Quotation regions: where quotation marks open and close, per paragraph.
//!
//! Handles curly double quotes (“…”), low-high German style („…“), guillemets
//! («…»), straight double quotes, PTB / NYT style (``…'' and ''…''), and curly
//! single quotes (‘…’) when the opening one starts a word and a closing one
//! ends a word on the same paragraph (so apostrophes are not taken for quotes).
//! A double quote left open runs to the end of its paragraph; when the next
//! paragraph opens with a quotation mark too, the region is marked as
//! continuing there (the newspaper convention for multi-paragraph quotes).
//!
//! One pass over the bytes of each paragraph; never fails on unbalanced marks.

/// One quotation region, in byte offsets; `start..end` includes the marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    /// Content without the marks.
    pub inner_start: usize,
    pub inner_end: usize,
    /// False when the paragraph ended before a closing mark.
    pub closed: bool,
    /// Unclosed and the next paragraph opens with a quotation mark.
    pub continues: bool,
    pub paragraph: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Curly,    // “
    Low,      // „
    Guill,    // «
    Straight, // "
    Ptb,      // `` or ''
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Finds quotation regions in `text` within the given paragraph byte ranges.
pub fn find_regions(text: &str, paragraphs: &[std::ops::Range<usize>]) -> Vec<Region> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        scan_paragraph(text, p.start, p.end, pi, &mut out);
    }
    // Continuation across paragraphs.
    for r in out.iter_mut() {
        if r.closed {
            continue;
        }
        if let Some(next) = paragraphs.get(r.paragraph + 1) {
            let s = &text[next.start..next.end];
            if s.starts_with(['“', '"', '«', '„']) || s.starts_with("``") || s.starts_with("''") {
                r.continues = true;
            }
        }
    }
    out
}

fn scan_paragraph(text: &str, start: usize, end: usize, pi: usize, out: &mut Vec<Region>) {
    let b = text.as_bytes();
    let mut open: Option<(Open, usize, usize)> = None; // kind, mark start, content start
    let mut i = start;
    while i < end {
        let c = b[i];
        // Fast skip of bytes that cannot start a quotation mark.
        if !matches!(c, b'"' | b'\'' | b'`' | 0xE2 | 0xC2) {
            i += 1;
            continue;
        }
        let (mark, len): (u8, usize) = match c {
            b'"' => (b'"', 1),
            b'`' if b.get(i + 1) == Some(&b'`') && i + 1 < end => (b'`', 2),
            b'\'' if b.get(i + 1) == Some(&b'\'') && i + 1 < end => (b'P', 2),
            0xE2 if i + 2 < end && b[i + 1] == 0x80 => match b[i + 2] {
                0x9C => (b'L', 3), // “
                0x9D => (b'R', 3), // ”
                0x9E => (b'D', 3), // „
                0x98 => (b'l', 3), // ‘
                _ => (0, 1),
            },
            0xC2 if i + 1 < end => match b[i + 1] {
                0xAB => (b'<', 2),
                0xBB => (b'>', 2),
                _ => (0, 1),
            },
            _ => (0, 1),
        };
        match (mark, open) {
            (0, _) => {}
            // Openers when nothing is open.
            (b'L', None) => open = Some((Open::Curly, i, i + len)),
            (b'D', None) => open = Some((Open::Low, i, i + len)),
            // A ” opening a paragraph or a word: a mis-typed opening quote.
            (b'R', None) if !is_word(char_before(text, i)) && is_word(char_at(text, i + len)) => {
                open = Some((Open::Curly, i, i + len))
            }
            (b'<', None) => open = Some((Open::Guill, i, i + len)),
            (b'`', None) => open = Some((Open::Ptb, i, i + len)),
            (b'P', None) => open = Some((Open::Ptb, i, i + len)),
            // An inch mark after a digit (6'2") is not a quote.
            (b'"', None) if !char_before(text, i).is_some_and(|p| p.is_ascii_digit()) => {
                open = Some((Open::Straight, i, i + len));
            }
            // ‘…’ only as a word-initial quote closed within the paragraph.
            (b'l', None) if !is_word(char_before(text, i)) && is_word(char_at(text, i + len)) => {
                if let Some(close) = find_single_close(text, i + len, end) {
                    out.push(Region {
                        start: i,
                        end: close + 3,
                        inner_start: i + len,
                        inner_end: close,
                        closed: true,
                        continues: false,
                        paragraph: pi,
                    });
                    i = close + 3;
                    continue;
                }
            }
            // Closers.
            (b'R' | b'"' | b'P' | b'>', Some((k, s, cs))) => {
                let ok = match (mark, k) {
                    (b'>', Open::Guill) => true,
                    (b'>', _) => false,
                    (_, Open::Guill) => false,
                    _ => true,
                };
                if ok {
                    out.push(Region {
                        start: s,
                        end: i + len,
                        inner_start: cs,
                        inner_end: i,
                        closed: true,
                        continues: false,
                        paragraph: pi,
                    });
                    open = None;
                }
            }
            // “ closes a „ quote (German style).
            (b'L', Some((Open::Low, s, cs))) => {
                out.push(Region {
                    start: s,
                    end: i + len,
                    inner_start: cs,
                    inner_end: i,
                    closed: true,
                    continues: false,
                    paragraph: pi,
                });
                open = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some((_, s, cs)) = open {
        // Unclosed: runs to the end of the paragraph.
        let mut e = end;
        while e > cs && text[..e].ends_with(char::is_whitespace) {
            e -= text[..e].chars().next_back().map_or(1, char::len_utf8);
        }
        out.push(Region {
            start: s,
            end: e,
            inner_start: cs,
            inner_end: e,
            closed: false,
            continues: false,
            paragraph: pi,
        });
    }
}

/// Byte offset of the ’ that closes a ‘ quote opened before `from`, if any:
/// it follows a non-space and is not followed by a letter (not "don’t").
fn find_single_close(text: &str, from: usize, end: usize) -> Option<usize> {
    let seg = &text[from..end];
    let mut off = 0;
    while let Some(p) = seg[off..].find('’') {
        let at = from + off + p;
        let before = char_before(text, at);
        let after = if at + 3 < end { char_at(text, at + 3) } else { None };
        if before.is_some_and(|c| !c.is_whitespace()) && !is_word(after) {
            // "voters’ choice": a plural possessive, unless punctuation precedes it.
            let possessive = before.is_some_and(|c| c == 's') && after == Some(' ') && {
                let next = text.get(at + 4..end).and_then(|s| s.chars().next());
                next.is_some_and(|c| c.is_lowercase())
            };
            if !possessive {
                return Some(at);
            }
        }
        off += p + 3;
        if off >= seg.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(s: &str) -> Vec<&str> {
        find_regions(s, std::slice::from_ref(&(0..s.len()))).iter().map(|r| &s[r.start..r.end]).collect()
    }

    #[test]
    fn quote_styles() {
        assert_eq!(regions("He said “yes,” and “no.”"), vec!["“yes,”", "“no.”"]);
        assert_eq!(regions("a \"b\" c \"d"), vec!["\"b\"", "\"d"]);
        assert_eq!(regions("so ``this'' and ''that''"), vec!["``this''", "''that''"]);
        assert_eq!(regions("„Ja“ und «oui»"), vec!["„Ja“", "«oui»"]);
        assert_eq!(regions("Hillary ‘Defies Explanation,’ Needs"), vec!["‘Defies Explanation,’"]);
        assert_eq!(regions("don’t ‘rock’n’roll’ it’s"), vec!["‘rock’n’roll’"]);
        assert_eq!(regions("he is 6'2\" tall"), Vec::<&str>::new());
        assert_eq!(regions("the voters’ choice"), Vec::<&str>::new());
    }

    #[test]
    fn unclosed_continues_to_next_paragraph() {
        let s = "“First part.\n\n“Second part,” he said.";
        let cut = s.find("\n\n").unwrap();
        let r = find_regions(s, &[0..cut, cut + 2..s.len()]);
        assert_eq!(r.len(), 2);
        assert!(!r[0].closed && r[0].continues);
        assert_eq!(&s[r[0].start..r[0].end], "“First part.");
        assert!(r[1].closed);
    }
}
