//! Quote extraction and speaker attribution.
//!
//! One pass over the paragraphs finds quotation regions ([`marks`]); one pass
//! over each sentence's tokens finds attribution cues ([`lexicon`]) outside
//! quotation marks and, around each cue, the speaker phrase and the content.
//! The patterns covered:
//!
//! - postposed: `"Q," X said` / `"Q," said X` / `Q, X added` / `Q, according to X`
//! - preposed: `X said: "Q"` / `X said (that) Q` / `X told Y that Q` / `according to X, Q`
//! - split quotes: `"A," he said, "B."` and `"A," he said. "B."` are one quote
//!   with several pieces
//! - participle clauses: `…, adding that Q` borrows the previous speaker
//! - continuation: a quote in its own paragraph with no cue continues the
//!   previous paragraph's speaker; an unclosed quote continues into the next
//!   paragraph that opens with a quotation mark
//! - `Name: "Q"` (transcripts, headlines), `X, who said …`, `X … and said …`,
//!   `When asked whether …` (no source), `X seems / is expected to …` (no
//!   source), `X told CNN / "Fox and Friends" that …` (addressee), and a
//!   sentence with a quotation, no cue and a person subject (`He turned to
//!   "little" Marco Rubio`) as a mixed quote
//!
//! Cue words that are also nouns ("states", "claims", "support") count only
//! in a verb position, judged from their neighbours.
//!
//! Speakers are found as phrases next to the cue (names with titles,
//! pronouns, nominals like "a senior aide", with appositives skipped) and
//! resolved to an entity of the entity list when there is one, else to the
//! fullest form of the name in the text; he/she resolve to the latest person
//! (entity mention or previous speaker) of a compatible gender (known from
//! titles, role words and earlier pronouns), it/they to the previous
//! organisation speaker.
//!
//! Everything works on byte offsets and token indices and converts to code
//! points only when building the output.

pub mod lexicon;
pub mod marks;
mod speaker;

use crate::Doc;
use lexicon::{CueClass, CueForm};
use marks::Region;
use newsdesk_core::{Entity, Mention, Quote, QuoteKind, Span};

/// A quote being built, in byte offsets.
#[derive(Debug, Clone)]
struct Cand {
    pieces: Vec<(usize, usize)>,
    cue: Option<(usize, usize)>,
    /// Speaker phrase as a token range.
    speaker: Option<(usize, usize)>,
    /// A proper name for the speaker given in an apposition
    /// ("the EU's foreign policy chief, Josep Borrell,"), token range.
    name_hint: Option<(usize, usize)>,
    addressee: Option<(usize, usize)>,
    paragraph: usize,
    /// Index of the sentence the cue is in.
    sentence: usize,
    /// Speaker was borrowed (continuation or participle clause) from this candidate.
    borrowed_from: Option<usize>,
}

/// Token-level view of the document for the extractor.
pub(crate) struct Ctx<'d, 'a> {
    pub doc: &'d Doc<'a>,
    pub regions: Vec<Region>,
    /// For each token: 0 when outside quotation marks, else 1 + region index.
    pub tok_region: Vec<u32>,
}

impl<'d, 'a> Ctx<'d, 'a> {
    fn new(doc: &'d Doc<'a>) -> Self {
        let regions = marks::find_regions(doc.text, &doc.paragraphs);
        let mut tok_region = vec![0u32; doc.tokens.len()];
        let mut r = 0;
        for (i, t) in doc.tokens.iter().enumerate() {
            while r < regions.len() && regions[r].end <= t.start {
                r += 1;
            }
            if r < regions.len() && regions[r].start <= t.start && t.end <= regions[r].end {
                tok_region[i] = r as u32 + 1;
            }
        }
        Ctx { doc, regions, tok_region }
    }

    pub fn text(&self, i: usize) -> &'a str {
        self.doc.tokens[i].text(self.doc.text)
    }

    /// Token text lowercased into `buf` (ASCII letters only; other bytes kept).
    pub fn lower<'b>(&self, i: usize, buf: &'b mut [u8; 32]) -> &'b str {
        let t = self.text(i).as_bytes();
        let n = t.len().min(32);
        for (d, s) in buf.iter_mut().zip(&t[..n]) {
            *d = s.to_ascii_lowercase();
        }
        // Cutting at 32 bytes may split a character: fall back to the valid prefix.
        match std::str::from_utf8(&buf[..n]) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or(""),
        }
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        self.text(i).eq_ignore_ascii_case(w)
    }

    /// The quote region token `i` is in; `i` must be a token of the document.
    pub fn in_region(&self, i: usize) -> Option<usize> {
        match self.tok_region[i] {
            0 => None,
            r => Some(r as usize - 1),
        }
    }

    /// Token `i` is the closing mark of its region.
    pub fn is_close_mark(&self, i: usize) -> bool {
        self.in_region(i).is_some_and(|r| self.regions[r].closed && self.doc.tokens[i].end == self.regions[r].end)
    }

    /// Token `i` is (the first token of) the opening mark of its region.
    pub fn is_open_mark(&self, i: usize) -> bool {
        self.in_region(i).is_some_and(|r| self.doc.tokens[i].start == self.regions[r].start)
    }

    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.doc.tokens[i].kind, crate::TokenKind::Word | crate::TokenKind::Number)
    }

    pub fn is_capitalised(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == crate::TokenKind::Word && self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_sep(&self, i: usize) -> bool {
        self.is_close_mark(i) || matches!(self.text(i), "," | "—" | "--" | "–" | ":" | ";")
    }
}

/// Extracts quotes and their speakers from a document.
///
/// `entities` (from the entity stage, possibly empty) is used only to resolve
/// a speaker phrase to an entity id and canonical name.
pub fn extract_quotes(doc: &Doc, entities: &[Entity]) -> Vec<Quote> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let ctx = Ctx::new(doc);
    let cands = find_candidates(&ctx);
    build_quotes(&ctx, &cands, entities)
}

/// How the content sits relative to the cue.
fn find_candidates(ctx: &Ctx) -> Vec<Cand> {
    let doc = ctx.doc;
    let mut cands: Vec<Cand> = Vec::new();
    let mut claimed = vec![false; ctx.regions.len()];
    // Quote-only sentences of the current paragraph not yet attributed: regions.
    let mut pending: Vec<usize> = Vec::new();
    let mut cur_para = usize::MAX;
    let mut buf = [0u8; 32];
    for (si, s) in doc.sentences.iter().enumerate() {
        if s.paragraph != cur_para {
            flush_pending(ctx, &mut cands, &mut pending, &mut claimed, cur_para);
            cur_para = s.paragraph;
        }
        let (a, b) = (s.tokens.start, s.tokens.end);
        // Skip sentences inside an already claimed region.
        if (a..b).all(|i| ctx.in_region(i).is_some_and(|r| claimed[r])) {
            continue;
        }
        // Cues outside quotation marks.
        // (start, end, lemma, class, form, passive)
        let mut cues: Vec<(usize, usize, &'static str, CueClass, CueForm, bool)> = Vec::new();
        for i in a..b {
            if ctx.tok_region[i] != 0 || doc.tokens[i].kind != crate::TokenKind::Word {
                continue;
            }
            let t = ctx.text(i);
            let first = t.as_bytes()[0];
            if (first == b'A' || first == b'a')
                && ctx.lower(i, &mut buf) == "according"
                && i + 1 < b
                && ctx.is(i + 1, "to")
            {
                cues.push((i, i + 2, "according", CueClass::Speech, CueForm::Finite, false));
                continue;
            }
            if !first.is_ascii_lowercase() {
                continue;
            }
            if let Some((lemma, class, form)) = lexicon::cue(ctx.lower(i, &mut buf)) {
                if !verb_reading(ctx, i, a, b) {
                    continue;
                }
                // In a passive the subject is what is reported, not the
                // source: "The shooting was reported around 12:15 a.m.",
                // "was found guilty", "was widely reported". Only "it was
                // reported that …" reports something, with no speaker; the
                // other passives are no cues. So are "Residents were told to
                // stay off the roads" and "got told", where the subject of a
                // verb that takes an addressee is the addressee. A form of
                // "be" before an -ing form is no passive: "has been saying".
                let mut passive = false;
                if i > a && form != CueForm::Gerund {
                    let mut j = i - 1;
                    if j > a && is_passive_adverb(ctx.lower(j, &mut buf)) {
                        j -= 1;
                    }
                    let prev = ctx.lower(j, &mut buf);
                    if lexicon::takes_addressee(lemma) && matches!(prev, "get" | "got") {
                        continue;
                    }
                    if matches!(prev, "be" | "been" | "being" | "was" | "were" | "is" | "are" | "am") {
                        if lexicon::takes_addressee(lemma)
                            || i + 1 >= b
                            || !(ctx.is(i + 1, "that") || ctx.is(i + 1, "to"))
                        {
                            continue;
                        }
                        passive = true;
                    }
                }
                // "found" and "know" report only before a clause: "found
                // that …", "found the victim had been shot", "I know he came
                // up to him", "do not know where the gun came from";
                // "officers found Jaylin Miller dead" is a discovery, "we do
                // not know the suspect's name" no report.
                if matches!(lemma, "find" | "know") && !clause_follows(ctx, i + 1, b, lemma == "know") {
                    continue;
                }
                cues.push((i, i + 1, lemma, class, form, passive));
            }
        }
        if cues.is_empty() {
            if let Some(c) =
                colon_attribution(ctx, &claimed, si, a, b).or_else(|| subject_verb_quote(ctx, &claimed, si, a, b))
            {
                for &(ps, pe) in &c.pieces {
                    claim(ctx, &mut claimed, ps, pe);
                }
                cands.push(c);
                continue;
            }
            quote_only_sentence(ctx, &mut cands, &mut pending, &mut claimed, si, a, b);
            continue;
        }
        let first_new = cands.len();
        let mut clause_start = a;
        for ci in 0..cues.len() {
            let (c0, c1, lemma, class, form, passive) = cues[ci];
            let next_cue = cues.get(ci + 1).map_or(b, |c| c.0);
            if c0 < clause_start {
                continue;
            }
            let cand = if lemma == "according" {
                according_to(ctx, &claimed, si, a, b, clause_start, c0, c1)
            } else if form == CueForm::Gerund {
                gerund(ctx, &cands[first_new..], &claimed, si, b, c0, c1, lemma)
            } else {
                // Quote-only sentences right before: `"Q?" Sanders said.` split after the "?".
                let prev_quote = pending
                    .last()
                    .filter(|&&l| ctx.regions[l].paragraph == s.paragraph)
                    .map(|&l| (ctx.regions[l].start, ctx.regions[l].end));
                finite(ctx, &claimed, si, a, b, clause_start, c0, c1, lemma, class, next_cue, prev_quote)
            };
            if let Some(mut cand) = cand {
                if passive {
                    cand.speaker = None;
                }
                // "…," said one Democrat familiar with it, who added …: "who" is that speaker.
                if let (Some((ws, _)), Some(prev)) = (cand.speaker, cands[first_new..].last()) {
                    if ctx.is(ws, "who") && prev.speaker.is_some_and(|(_, pe)| pe <= ws && ws - pe <= 8) {
                        cand.borrowed_from = Some(usize::MAX);
                    }
                }
                if cand.borrowed_from.is_some() {
                    cand.borrowed_from = Some(cands.len() - 1);
                }
                for &(ps, pe) in &cand.pieces {
                    claim(ctx, &mut claimed, ps, pe);
                }
                // A relative clause ("X, who said …, added") leaves the main clause open.
                if !cand.speaker.is_some_and(|(s, _)| ctx.is(s, "who")) {
                    clause_start = c1;
                }
                // Pending quote-only sentences right before a postposed quote belong to it.
                if let Some(&(ps, _)) = cand.pieces.first() {
                    if ps <= doc.tokens[a].start.max(s.start) && !pending.is_empty() {
                        let mut pre: Vec<(usize, usize)> =
                            pending.iter().map(|&r| (ctx.regions[r].start, ctx.regions[r].end)).collect();
                        pre.retain(|p| p.1 <= ps);
                        pre.extend(cand.pieces.iter().copied());
                        cand.pieces = pre;
                        pending.clear();
                    }
                }
                cands.push(cand);
            }
        }
        if cands.len() == first_new {
            if let Some(c) =
                colon_attribution(ctx, &claimed, si, a, b).or_else(|| subject_verb_quote(ctx, &claimed, si, a, b))
            {
                for &(ps, pe) in &c.pieces {
                    claim(ctx, &mut claimed, ps, pe);
                }
                cands.push(c);
                continue;
            }
            quote_only_sentence(ctx, &mut cands, &mut pending, &mut claimed, si, a, b);
        }
    }
    flush_pending(ctx, &mut cands, &mut pending, &mut claimed, cur_para);
    cands
}

/// Whether a clause follows a cue at `p`: "that", a colon or a quotation
/// mark, or a finite auxiliary within the next 8 tokens and before any
/// relative pronoun ("found Ronnie Daniels, 18, had been shot", not "found
/// shell casings and vehicles that had been struck"); with `opener`, also
/// a subject pronoun or a wh-word right there ("knew she was scared",
/// "know where the gun came from").
fn clause_follows(ctx: &Ctx, p: usize, b: usize, opener: bool) -> bool {
    let mut buf = [0u8; 32];
    if p >= b {
        return false;
    }
    let first = ctx.lower(p, &mut buf);
    if first == "that" || first == ":" || ctx.is_open_mark(p) {
        return true;
    }
    if opener && (lexicon::pronoun(first).is_some() || lexicon::is_wh_word(first) || matches!(first, "you" | "this")) {
        return true;
    }
    for t in p..b.min(p + 8) {
        match ctx.lower(t, &mut buf) {
            "who" | "which" | "that" | "where" | "when" | "." | ";" => return false,
            "had" | "has" | "have" | "was" | "were" | "is" | "are" | "would" | "could" | "will" | "did" | "does"
            | "can" | "may" | "might" | "should" => return true,
            _ => {}
        }
    }
    false
}

/// An adverb between a form of "be" and a participle: "was widely
/// reported", "is also said", "were not told".
fn is_passive_adverb(w: &str) -> bool {
    matches!(w, "also" | "not" | "never" | "later" | "then" | "reportedly" | "previously" | "first" | "often")
        || (w.len() > 4 && w.ends_with("ly"))
}

/// Whether a cue word that is also a noun ("states", "support", "claims")
/// is used as a verb here, judged from its neighbours.
fn verb_reading(ctx: &Ctx, i: usize, a: usize, b: usize) -> bool {
    let mut buf = [0u8; 32];
    let w = ctx.lower(i, &mut buf).to_string();
    // "pledged delegates", "supported candidates": a participle used as an adjective.
    if w.ends_with("ed") && i + 1 < b && ctx.is_word(i + 1) && ctx.text(i + 1).ends_with('s') && {
        let n = ctx.lower(i + 1, &mut buf);
        matches!(n, "delegates" | "candidates" | "voters" | "members" | "funds" | "groups" | "claims" | "states")
    } {
        return false;
    }
    let ambiguous_s = lexicon::is_noun_plural_homograph(&w);
    let ambiguous_base = lexicon::is_noun_base_homograph(&w);
    if !ambiguous_s && !ambiguous_base {
        return true;
    }
    let prev = if i > a { ctx.lower(i - 1, &mut buf).to_string() } else { String::new() };
    if matches!(
        prev.as_str(),
        "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "do"
            | "does"
            | "did"
            | "n't"
            | "n’t"
            | "not"
            | "to"
            | "also"
            | "still"
            | "often"
            | "never"
            | "always"
    ) {
        return true;
    }
    if i == a
        || lexicon::is_determiner(&prev)
        || matches!(
            prev.as_str(),
            "'s" | "’s"
                | "’"
                | "'"
                | "of"
                | "in"
                | "for"
                | "on"
                | "with"
                | "by"
                | "from"
                | "about"
                | "at"
                | "and"
                | "or"
                | "new"
                | "early"
                | "key"
                | "recent"
                | "public"
                | "strong"
                | "more"
                | "such"
        )
        || ctx.tok_region[i - 1] != 0
        || !ctx.is_word(i - 1)
    {
        return false;
    }
    if ambiguous_s {
        if i + 1 >= b {
            return false;
        }
        let next = ctx.lower(i + 1, &mut buf);
        return !matches!(
            next,
            "of" | "have"
                | "has"
                | "are"
                | "were"
                | "is"
                | "was"
                | "and"
                | "or"
                | ","
                | "."
                | ")"
                | ":"
                | ";"
                | "from"
                | "in"
                | "for"
                | "on"
                | "against"
                | "by"
                | "to"
                | "at"
                | "with"
                | "over"
                | "could"
                | "would"
                | "will"
                | "may"
                | "might"
        );
    }
    // A base form needs a plural or first/second person subject.
    matches!(prev.as_str(), "i" | "we" | "they" | "you" | "who" | "people" | "americans" | "voters")
        || (prev.ends_with('s') && !prev.ends_with("ss") && ctx.is_word(i - 1))
}

fn claim(ctx: &Ctx, claimed: &mut [bool], s: usize, e: usize) {
    let first = ctx.regions.partition_point(|g| g.end <= s);
    for (r, g) in ctx.regions.iter().enumerate().skip(first) {
        if g.start >= e {
            break;
        }
        claimed[r] = true;
    }
}

/// Index of the region ending exactly at byte `end`, if any.
fn region_ending_at(ctx: &Ctx, end: usize) -> Option<usize> {
    let r = ctx.regions.partition_point(|g| g.end < end);
    (r < ctx.regions.len() && ctx.regions[r].end == end).then_some(r)
}

/// Whether some region lies inside `s..e`.
fn has_region_within(ctx: &Ctx, s: usize, e: usize) -> bool {
    let r = ctx.regions.partition_point(|g| g.start < s);
    r < ctx.regions.len() && ctx.regions[r].end <= e
}

/// A sentence without a cue: if it is made of quotation regions only, it
/// continues the previous quote of the paragraph or waits for a later cue.
fn quote_only_sentence(
    ctx: &Ctx,
    cands: &mut [Cand],
    pending: &mut Vec<usize>,
    claimed: &mut [bool],
    si: usize,
    a: usize,
    b: usize,
) {
    let s = &ctx.doc.sentences[si];
    let mut regs: Vec<usize> = Vec::new();
    for i in a..b {
        match ctx.in_region(i) {
            Some(r) => {
                if regs.last() != Some(&r) {
                    regs.push(r);
                }
            }
            None => {
                if ctx.is_word(i) {
                    return;
                }
            }
        }
    }
    regs.retain(|&r| !claimed[r]);
    if regs.is_empty() {
        return;
    }
    if let Some(last) = cands.last_mut() {
        let adjacent = last.paragraph == s.paragraph
            && last.pieces.last().is_some_and(|p| p.1 <= ctx.regions[regs[0]].start)
            && last.sentence + 3 >= si
            && pending.is_empty();
        // A closing "continues" region of the previous paragraph's quote.
        let continued = last.paragraph + 1 == s.paragraph
            && last.pieces.last().is_some_and(|p| {
                region_ending_at(ctx, p.1)
                    .is_some_and(|r| ctx.regions[r].continues && ctx.regions[r].paragraph == last.paragraph)
            })
            && ctx.regions[regs[0]].start == ctx.doc.paragraphs[s.paragraph].start;
        let has_quote = last.pieces.iter().any(|p| has_region_within(ctx, p.0, p.1));
        if (adjacent && has_quote) || continued {
            for r in regs {
                last.pieces.push((ctx.regions[r].start, ctx.regions[r].end));
                claimed[r] = true;
            }
            return;
        }
    }
    pending.extend(regs);
}

/// End of paragraph: quote-only sentences never attributed inside it. When
/// the paragraph opens with one and a previous quote had a speaker, they
/// continue that speaker.
fn flush_pending(ctx: &Ctx, cands: &mut Vec<Cand>, pending: &mut Vec<usize>, claimed: &mut [bool], para: usize) {
    if pending.is_empty() {
        return;
    }
    let regs = std::mem::take(pending);
    let Some(p) = ctx.doc.paragraphs.get(para) else {
        return;
    };
    if ctx.regions[regs[0]].start != p.start {
        return;
    }
    let Some(li) = cands.iter().rposition(|c| c.speaker.is_some()) else {
        return;
    };
    let last = &cands[li];
    if last.paragraph + 2 < para {
        return;
    }
    let cand = Cand {
        pieces: regs.iter().map(|&r| (ctx.regions[r].start, ctx.regions[r].end)).collect(),
        cue: None,
        speaker: last.speaker,
        name_hint: last.name_hint,
        addressee: None,
        paragraph: para,
        sentence: last.sentence,
        borrowed_from: Some(li),
    };
    for &r in &regs {
        claimed[r] = true;
    }
    cands.push(cand);
}

/// Token index after a speaker phrase's trailing adverbials: "on Sunday",
/// "in a statement", "to reporters", "Sunday". Stops at the sentence end.
fn skip_adverbials(ctx: &Ctx, mut p: usize, b: usize) -> usize {
    let mut buf = [0u8; 32];
    loop {
        if p >= b {
            return p;
        }
        if ctx.text(p) == "(" {
            // A parenthesis: "(R-S.C.)", "(AP)".
            if let Some(q) = (p + 1..b.min(p + 12)).find(|&q| ctx.text(q) == ")") {
                p = q + 1;
                continue;
            }
        }
        let w = ctx.lower(p, &mut buf);
        if lexicon::is_time_word(w) || matches!(w, "last" | "this" | "earlier" | "later" | "again" | "also") {
            p += 1;
            continue;
        }
        if matches!(
            w,
            "on" | "in"
                | "at"
                | "during"
                | "via"
                | "through"
                | "to"
                | "from"
                | "after"
                | "before"
                | "late"
                | "early"
                | "over"
        ) && ctx.tok_region[p] == 0
        {
            // A short prepositional phrase ending before that / : / , / a quote / the sentence end.
            let mut q = p + 1;
            let lim = (p + 8).min(b);
            let mut ok = false;
            while q < lim {
                let t = ctx.text(q);
                if matches!(t, "," | ":" | "." | ";") || ctx.is(q, "that") || ctx.is_open_mark(q) {
                    ok = true;
                    break;
                }
                if ctx.tok_region[q] != 0 {
                    break;
                }
                q += 1;
            }
            if q == b {
                ok = true;
            }
            // "on Sunday the bloc would": a time word closes the phrase.
            if !ok && p + 1 < b && lexicon::is_time_word(ctx.lower(p + 1, &mut buf)) {
                p += 2;
                continue;
            }
            if ok {
                p = q;
                continue;
            }
        }
        return p;
    }
}

/// Pieces for content tokens `s..e` (exclusive): whole regions when the
/// content is made of quotation regions only, else one span; trailing
/// sentence punctuation outside quotes is dropped, and a region running past
/// `e` extends the content to its end.
fn content_pieces(ctx: &Ctx, s: usize, e: usize) -> Vec<(usize, usize)> {
    let toks = &ctx.doc.tokens;
    let mut s = s;
    let mut e = e;
    // Trim punctuation outside quotes at both ends.
    while s < e && ctx.tok_region[s] == 0 && !ctx.is_word(s) && !matches!(ctx.text(s), "$" | "(" | "[") {
        s += 1;
    }
    while e > s && ctx.tok_region[e - 1] == 0 && !ctx.is_word(e - 1) && !matches!(ctx.text(e - 1), ")" | "]" | "%") {
        e -= 1;
    }
    if s >= e {
        return Vec::new();
    }
    let mut start = toks[s].start;
    let mut end = toks[e - 1].end;
    if let Some(r) = ctx.in_region(s) {
        start = start.min(ctx.regions[r].start);
    }
    if let Some(r) = ctx.in_region(e - 1) {
        end = end.max(ctx.regions[r].end);
    }
    // Only regions (and punctuation between them)?
    let only_regions = (s..e).all(|i| ctx.tok_region[i] != 0 || !ctx.is_word(i));
    if only_regions {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for i in s..e {
            if let Some(r) = ctx.in_region(i) {
                let g = &ctx.regions[r];
                if out.last().is_none_or(|p| p.1 <= g.start) {
                    out.push((g.start, g.end));
                }
            }
        }
        return out;
    }
    vec![(start, end)]
}

/// The region opening at or after token `p` in the sentence, with all
/// regions that follow it up to the sentence end (for `…, he said, "B. C."`).
fn right_regions(ctx: &Ctx, p: usize, b: usize) -> Vec<(usize, usize)> {
    content_pieces(ctx, p, b)
}

#[allow(clippy::too_many_arguments)]
fn finite(
    ctx: &Ctx,
    claimed: &[bool],
    si: usize,
    a: usize,
    b: usize,
    clause_start: usize,
    c0: usize,
    c1: usize,
    lemma: &'static str,
    class: CueClass,
    next_cue: usize,
    prev_quote: Option<(usize, usize)>,
) -> Option<Cand> {
    let mut buf = [0u8; 32];
    let para = ctx.doc.sentences[si].paragraph;
    if class == CueClass::Raising {
        return raising(ctx, si, b, clause_start, c0, c1, lemma, next_cue);
    }
    // "When asked whether …": a question with no source in the sentence.
    if lemma == "ask"
        && (c0 > clause_start && (ctx.is(c0 - 1, "when") || ctx.is(c0 - 1, "if")) || c0 == a && ctx.is(c0, "asked"))
    {
        let pieces = content_pieces(ctx, c1, next_clause_end(ctx, c1, next_cue.min(b), b));
        if pieces.is_empty() {
            return None;
        }
        return Some(Cand {
            pieces,
            cue: Some((ctx.doc.tokens[c0].start, ctx.doc.tokens[c1 - 1].end)),
            speaker: None,
            name_hint: None,
            addressee: None,
            paragraph: para,
            sentence: si,
            borrowed_from: None,
        });
    }
    // `, said X` is inverted only when X ends the clause (not "…, said the bloc would …").
    let inverted = c0 > clause_start
        && ctx.is_sep(c0 - 1)
        && lexicon::invertible(lemma)
        && speaker::np_right(ctx, c1, b).is_some_and(|np| {
            let t = skip_adverbials(ctx, speaker::skip_np_tail(ctx, np.span.1, b), b);
            // Right after a closing quotation mark the order is inverted whatever follows.
            ctx.is_close_mark(c0 - 1)
                || t >= b
                || matches!(ctx.text(t), "." | "," | ":" | ";" | "!" | "?" | "—" | "--" | "(" | "who" | "whose")
                || ctx.is_open_mark(t)
                || ctx.is_close_mark(t)
        });
    let (speaker, name_hint, left_end) = if inverted {
        let np = speaker::np_right_full(ctx, c1, b)?;
        (Some(np.span), np.name_hint, c0)
    } else {
        match speaker::np_left(ctx, clause_start, c0) {
            Some(np) => (Some(np.span), np.name_hint, np.outer_start),
            // "McConnell was quick to embrace him and said …": the sentence subject.
            None if c0 > a && ctx.is(c0 - 1, "and") => match sentence_subject(ctx, a, c0) {
                Some(np) => (Some(np.span), np.name_hint, c0),
                None => (None, None, c0),
            },
            None => (None, None, c0),
        }
    };
    speaker?;
    // After the cue (and the inverted speaker): addressee, adverbials.
    let mut p = if inverted {
        let np = speaker.unwrap_or((c1, c1));
        speaker::skip_np_tail(ctx, np.1, b)
    } else {
        c1
    };
    let mut addressee = None;
    if !inverted && lexicon::takes_addressee(lemma) && p < b {
        if let Some(np) = speaker::np_right(ctx, p, b) {
            addressee = Some(np.span);
            p = np.span.1;
        } else if lemma == "tell" && ctx.is_open_mark(p) {
            // "told “Fox and Friends”": a short quoted title is the channel.
            if let Some(r) = ctx.in_region(p) {
                let end = (p..b).find(|&q| ctx.in_region(q) != Some(r)).unwrap_or(b);
                if end - p <= 7 && ctx.regions[r].closed {
                    addressee = Some((p, end));
                    p = end;
                }
            }
        }
    }
    // "told the Interfax news agency on Sunday", "said in a statement".
    if addressee.is_none() && p < b && (ctx.is(p, "reporters") || ctx.is(p, "journalists")) {
        addressee = Some((p, p + 1));
        p += 1;
    }
    p = skip_adverbials(ctx, p, b);
    if inverted && addressee.is_none() && lexicon::takes_addressee(lemma) {
        if let Some(np) = speaker::np_right(ctx, p, b) {
            addressee = Some(np.span);
            p = skip_adverbials(ctx, np.span.1, b);
        }
    }
    let right_end = next_clause_end(ctx, p, next_cue.min(b), b);
    // What comes right of the cue.
    enum Right {
        Terminal,
        Split(usize),
        /// Content from token `q` to `right_end`, and whether it is bare (no
        /// mark or separator before it). `q == right_end` when the cue ends
        /// in ":" or "that" with nothing after it in the clause (the quote
        /// may be the next paragraph): then `q` is no token of the clause and
        /// may be one past the last token of the document.
        Content(usize, bool),
    }
    let right = if p >= right_end || matches!(ctx.text(p), "." | "!" | "?") && p + 1 >= right_end {
        Right::Terminal
    } else {
        let t = ctx.text(p);
        if t == "," || t == "—" || t == "--" {
            if p + 1 < right_end && ctx.is_open_mark(p + 1) {
                Right::Split(p + 1)
            } else if p + 1 >= right_end {
                Right::Terminal
            } else {
                let w = ctx.lower(p + 1, &mut buf);
                if matches!(
                    w,
                    "who"
                        | "which"
                        | "whose"
                        | "as"
                        | "but"
                        | "and"
                        | "in"
                        | "on"
                        | "at"
                        | "after"
                        | "before"
                        | "when"
                        | "while"
                        | "because"
                        | "although"
                        | "though"
                        | "if"
                        | "during"
                        | "since"
                        | "with"
                        | "referring"
                        | "according"
                ) || lexicon::cue(w).is_some_and(|c| c.2 == CueForm::Gerund)
                {
                    Right::Terminal
                } else {
                    Right::Content(p + 1, false)
                }
            }
        } else if t == ":" || ctx.is(p, "that") {
            Right::Content(p + 1, false)
        } else if ctx.is_open_mark(p) {
            // Right after the cue it introduces the quote; after "on MSNBC's" it is a title.
            Right::Content(p, p != c1 && addressee.is_none())
        } else if matches!(t, "." | "!" | "?" | ";" | ")" | "(") || inverted {
            Right::Terminal
        } else {
            let w = ctx.lower(p, &mut buf);
            let infinitive = w == "to" && lexicon::takes_infinitive(lemma);
            let question = lemma == "ask" && (lexicon::is_wh_word(w) || matches!(w, "about" | "to"));
            let call_for = lemma == "call" && matches!(w, "for" | "on");
            // Not a clause: "said to be", "talked about", "know of".
            if infinitive || question || call_for {
                Right::Content(if call_for { p + 1 } else { p }, true)
            } else if matches!(
                w,
                "to" | "of"
                    | "about"
                    | "for"
                    | "by"
                    | "with"
                    | "up"
                    | "out"
                    | "off"
                    | "so"
                    | "as"
                    | "and"
                    | "or"
                    | "but"
                    | "if"
                    | "whether"
                    | "it"
                    | "this"
                    | "him"
                    | "her"
                    | "them"
                    | "me"
                    | "us"
                    | "you"
            ) && !(matches!(w, "it" | "this") && class == CueClass::Speech)
                && !(matches!(w, "it" | "this" | "him" | "her" | "them") && takes_predicate(lemma))
            {
                Right::Terminal
            } else if ctx.tok_region[p] != 0 || ctx.is_word(p) {
                Right::Content(p, true)
            } else {
                Right::Terminal
            }
        }
    };
    // Left content: between the clause start and the separator before the speaker/cue.
    let sep = left_end.checked_sub(1).filter(|&i| i >= clause_start && ctx.is_sep(i));
    let left_has_content = sep.is_some_and(|sp| {
        (clause_start..sp + 1).any(|i| ctx.is_word(i) && ctx.in_region(i).is_none_or(|r| !claimed[r]))
    });
    // `"Q," X said aboard his plane`: a quotation right before the speaker wins
    // over a bare clause after the cue; `X said, "Q"` without left content is preposed.
    let right = match right {
        // `"Q," he said in his speech that night`: after a quotation, the rest is circumstance.
        Right::Content(q, bare)
            if left_has_content
                && sep.is_some_and(|sp| ctx.is_close_mark(sp))
                && !starts_clause(ctx, clause_start)
                && (bare
                    || q > c1 + 1
                    || inverted
                    || !((q < right_end && ctx.is_open_mark(q))
                        || ctx.text(q - 1) == ":"
                        || ctx.is(q - 1, "that"))) =>
        {
            Right::Terminal
        }
        Right::Split(q) if !left_has_content => Right::Content(q, false),
        // `On the subject of Israel, Trump added, "Q"`: plain text before the
        // speaker is an opener when a quotation follows the cue.
        Right::Split(q)
            if sep.is_some_and(|sp| !ctx.is_close_mark(sp))
                && !(clause_start..left_end).any(|i| ctx.in_region(i).is_some()) =>
        {
            Right::Content(q, false)
        }
        r => r,
    };
    let cue = Some((ctx.doc.tokens[c0].start, ctx.doc.tokens[c1 - 1].end));
    let mk = |pieces: Vec<(usize, usize)>| Cand {
        pieces,
        cue,
        speaker,
        name_hint,
        addressee,
        paragraph: para,
        sentence: si,
        borrowed_from: None,
    };
    match right {
        // `"Q?" Sanders said.` with the quotation in the previous sentence.
        Right::Terminal if !left_has_content && (left_end == a || inverted && c0 == a) && prev_quote.is_some() => {
            prev_quote.map(|q| mk(vec![q]))
        }
        Right::Terminal | Right::Split(_) if left_has_content => {
            let sp = sep.unwrap_or(left_end);
            // Include a closing mark separator; drop a comma/dash.
            let le = if ctx.is_close_mark(sp) { sp + 1 } else { sp };
            let mut pieces = content_pieces(ctx, clause_start, le);
            if let Right::Split(q) = right {
                pieces.extend(right_regions(ctx, q, b));
            }
            if pieces.is_empty() {
                return None;
            }
            Some(mk(pieces))
        }
        Right::Content(q, _) => {
            // "X said on Sunday: …" / "X said the bloc would …".
            let mut pieces = content_pieces(ctx, q, right_end);
            if pieces.is_empty() {
                // Colon at the end of the paragraph: the quote is the next paragraph.
                if ctx.text(p) == ":" {
                    return colon_next_paragraph(ctx, claimed, si).map(mk);
                }
                return None;
            }
            // A parenthetical attribution: "South Carolina, he said, was …".
            if sep.is_some() && left_has_content && ctx.text(p) == "," && q == p + 1 {
                let sp = sep.unwrap_or(left_end);
                let mut left = content_pieces(ctx, clause_start, sp);
                if !left.is_empty() && left.len() == 1 && !starts_clause(ctx, clause_start) {
                    left.extend(pieces);
                    pieces = left;
                }
            }
            Some(mk(pieces))
        }
        _ => {
            // "X said:" ending the paragraph, quote in the next one.
            if p + 1 >= b && p < b && ctx.text(p) == ":" {
                return colon_next_paragraph(ctx, claimed, si).map(mk);
            }
            None
        }
    }
}

/// `Name: "Q"` / `Name (R-S.C.): Q` at the start of a sentence (interview
/// transcripts, headlines).
fn colon_attribution(ctx: &Ctx, claimed: &[bool], si: usize, a: usize, b: usize) -> Option<Cand> {
    let k = (a + 1..b.min(a + 9)).find(|&k| ctx.tok_region[k] == 0 && ctx.text(k) == ":")?;
    // Drop a parenthesis right before the colon.
    let mut e = k;
    if ctx.text(e - 1) == ")" {
        e = (a..e - 1).rev().find(|&q| ctx.text(q) == "(")?;
    }
    let np = speaker::np_core(ctx, a, e)?;
    if np.0 != a || !(np.0..np.1).all(|i| ctx.is_capitalised(i) || !ctx.is_word(i)) || np.1 - np.0 > 5 {
        return None;
    }
    let mut buf = [0u8; 32];
    if lexicon::pronoun(ctx.lower(np.1 - 1, &mut buf)).is_some() {
        return None;
    }
    let mut pieces = content_pieces(ctx, k + 1, b);
    if pieces.is_empty() {
        pieces = colon_next_paragraph(ctx, claimed, si)?;
    }
    if !pieces.iter().any(|&(s, e)| has_region_within(ctx, s, e)) {
        // Only quotations: a colon before plain text is a heading or a list.
        return None;
    }
    Some(Cand {
        pieces,
        cue: Some((ctx.doc.tokens[k].start, ctx.doc.tokens[k].end)),
        speaker: Some(np),
        name_hint: None,
        addressee: None,
        paragraph: ctx.doc.sentences[si].paragraph,
        sentence: si,
        borrowed_from: None,
    })
}

/// "X seems to …", "X is expected to …": the content is the whole clause, and
/// the sentence names no source.
#[allow(clippy::too_many_arguments)]
fn raising(
    ctx: &Ctx,
    si: usize,
    b: usize,
    clause_start: usize,
    c0: usize,
    c1: usize,
    lemma: &str,
    next_cue: usize,
) -> Option<Cand> {
    let mut buf = [0u8; 32];
    if c1 >= b {
        return None;
    }
    let next = ctx.lower(c1, &mut buf).to_string();
    if matches!(lemma, "expect" | "likely") {
        let prev = if c0 > clause_start { ctx.lower(c0 - 1, &mut buf) } else { "" };
        if !matches!(prev, "is" | "are" | "was" | "were" | "'s" | "’s" | "be" | "widely" | "also" | "not")
            || next != "to"
        {
            return None;
        }
    } else if lexicon::is_np_boundary(&next) && !matches!(next.as_str(), "to" | "that" | "as" | "like") || next == "in"
    {
        return None;
    }
    let start = speaker::np_left(ctx, clause_start, c0).map_or(c0, |np| np.outer_start);
    let end = next_clause_end(ctx, c1, next_cue.min(b), b);
    let pieces = content_pieces(ctx, start, end);
    if pieces.is_empty() {
        return None;
    }
    Some(Cand {
        pieces,
        cue: Some((ctx.doc.tokens[c0].start, ctx.doc.tokens[c1 - 1].end)),
        speaker: None,
        name_hint: None,
        addressee: None,
        paragraph: ctx.doc.sentences[si].paragraph,
        sentence: si,
        borrowed_from: None,
    })
}

/// The subject at the start of a sentence, after an opening adverbial clause.
fn sentence_subject(ctx: &Ctx, a: usize, c0: usize) -> Option<speaker::Np> {
    let mut a = a;
    if starts_clause(ctx, a) {
        a = (a..c0).find(|&i| ctx.tok_region[i] == 0 && ctx.text(i) == ",")? + 1;
    }
    speaker::np_right(ctx, a, c0)
}

/// "He turned to “little” Marco Rubio": a sentence with a quotation, no cue,
/// and a person subject: the subject is taken to say the rest (a mixed quote).
fn subject_verb_quote(ctx: &Ctx, claimed: &[bool], si: usize, a: usize, b: usize) -> Option<Cand> {
    let mut buf = [0u8; 32];
    // A quotation inside the sentence, not yet attributed, not the whole sentence.
    let (qs, _qe) = (a..b).find_map(|i| ctx.in_region(i).filter(|&r| !claimed[r]).map(|r| (i, r)))?;
    if qs == a || ctx.in_region(a).is_some() {
        return None;
    }
    let np = sentence_subject(ctx, a, qs)?;
    let (s0, e0) = np.span;
    let head = ctx.lower(e0 - 1, &mut buf);
    let person = lexicon::pronoun(head).is_some_and(|g| !matches!(g, lexicon::Gender::Neuter))
        || (ctx.is_capitalised(e0 - 1) && e0 - s0 <= 4 && (s0..e0).all(|i| ctx.is_capitalised(i) || !ctx.is_word(i)));
    if !person || e0 >= qs {
        return None;
    }
    let v = ctx.lower(e0, &mut buf);
    let verbish = (v.len() > 3 && (v.ends_with("ed") || v.ends_with('s')) || lexicon::looks_like_past_verb(v))
        && !ctx.is_capitalised(e0);
    if !verbish || lexicon::is_np_boundary(v) || lexicon::is_determiner(v) {
        return None;
    }
    let pieces = content_pieces(ctx, e0 + 1, b.min(e0 + 1 + MAX_CONTENT_TOKENS));
    if pieces.is_empty() {
        return None;
    }
    Some(Cand {
        pieces,
        cue: Some((ctx.doc.tokens[e0].start, ctx.doc.tokens[e0].end)),
        speaker: Some(np.span),
        name_hint: np.name_hint,
        addressee: None,
        paragraph: ctx.doc.sentences[si].paragraph,
        sentence: si,
        borrowed_from: None,
    })
}

/// Verbs with an object and a predicate as content: "called it a disgrace".
fn takes_predicate(lemma: &str) -> bool {
    matches!(lemma, "call" | "describe" | "accuse" | "praise" | "criticize")
}

/// A clause opener before a comma ("Ahead of the meeting, …") rather than content.
fn starts_clause(ctx: &Ctx, a: usize) -> bool {
    let mut buf = [0u8; 32];
    matches!(
        ctx.lower(a, &mut buf),
        "ahead"
            | "after"
            | "before"
            | "in"
            | "on"
            | "at"
            | "during"
            | "when"
            | "while"
            | "asked"
            | "speaking"
            | "earlier"
            | "later"
            | "meanwhile"
            | "still"
            | "however"
            | "but"
            | "and"
            | "since"
            | "as"
            | "for"
            | "with"
            | "without"
            | "by"
            | "from"
            | "last"
            | "this"
    )
}

const MAX_CONTENT_TOKENS: usize = 400;

/// End (exclusive) of the content clause starting at `p`: the next cue's
/// clause (", adding …", ", X said") cuts it.
fn next_clause_end(ctx: &Ctx, p: usize, next_cue: usize, b: usize) -> usize {
    // Reported content is a clause, not a book: bound it (and the work) at 400 tokens.
    let b = b.min(p + MAX_CONTENT_TOKENS);
    if next_cue >= b {
        return b;
    }
    // Cut at the last comma/dash/close-mark before the next cue's subject;
    // a cue inside the clause ("said that according to …") does not cut it.
    let mut i = next_cue;
    while i > p + 1 {
        i -= 1;
        if ctx.tok_region[i] == 0 && matches!(ctx.text(i), "," | "—" | "--" | ";") || ctx.is_close_mark(i) {
            return if ctx.is_close_mark(i) { i + 1 } else { i };
        }
    }
    b
}

/// The quotation regions opening the paragraph after sentence `si`'s, when
/// sentence `si` ends its paragraph with a colon.
fn colon_next_paragraph(ctx: &Ctx, claimed: &[bool], si: usize) -> Option<Vec<(usize, usize)>> {
    let s = &ctx.doc.sentences[si];
    let next = ctx.doc.sentences.get(si + 1)?;
    if next.paragraph != s.paragraph + 1 {
        return None;
    }
    let pr = ctx.doc.paragraphs.get(next.paragraph)?;
    let r = ctx.in_region(next.tokens.start)?;
    if claimed[r] || ctx.regions[r].start != pr.start {
        return None;
    }
    Some(vec![(ctx.regions[r].start, ctx.regions[r].end)])
}

#[allow(clippy::too_many_arguments)]
fn according_to(
    ctx: &Ctx,
    _claimed: &[bool],
    si: usize,
    a: usize,
    b: usize,
    clause_start: usize,
    c0: usize,
    c1: usize,
) -> Option<Cand> {
    let np = speaker::np_right_full(ctx, c1, b)?;
    let para = ctx.doc.sentences[si].paragraph;
    let opener = (clause_start..c0).all(|i| !ctx.is_word(i) || starts_clause(ctx, i));
    let pieces = if opener || c0 == a {
        // "According to X, Q."
        let mut p = speaker::skip_np_tail(ctx, np.span.1, b);
        if p < b && ctx.text(p) == "," {
            p += 1;
        }
        content_pieces(ctx, p, b)
    } else {
        content_pieces(ctx, clause_start, c0)
    };
    if pieces.is_empty() {
        return None;
    }
    Some(Cand {
        pieces,
        cue: Some((ctx.doc.tokens[c0].start, ctx.doc.tokens[c1 - 1].end)),
        speaker: Some(np.span),
        name_hint: np.name_hint,
        addressee: None,
        paragraph: para,
        sentence: si,
        borrowed_from: None,
    })
}

/// `…, adding that Q`: a participle clause whose subject is the previous
/// speaker in the sentence.
#[allow(clippy::too_many_arguments)]
fn gerund(
    ctx: &Ctx,
    prev_in_sentence: &[Cand],
    _claimed: &[bool],
    si: usize,
    b: usize,
    c0: usize,
    c1: usize,
    lemma: &str,
) -> Option<Cand> {
    if c0 == 0 || !matches!(ctx.text(c0 - 1), "," | "—" | "--" | "and") {
        return None;
    }
    let (speaker, name_hint, paragraph) = match prev_in_sentence.last() {
        Some(prev) => (prev.speaker, prev.name_hint, prev.paragraph),
        None => {
            // The subject of the sentence: "Sanders on Saturday criticized …, saying …".
            let s = &ctx.doc.sentences[si];
            let np = sentence_subject(ctx, s.tokens.start, c0)?;
            (Some(np.span), np.name_hint, s.paragraph)
        }
    };
    let mut p = c1;
    let mut addressee = None;
    if lexicon::takes_addressee(lemma) {
        if let Some(np) = speaker::np_right(ctx, p, b) {
            addressee = Some(np.span);
            p = np.span.1;
        }
    }
    p = skip_adverbials(ctx, p, b);
    if p < b && (ctx.is(p, "that") || matches!(ctx.text(p), ":" | ",")) {
        p += 1;
    }
    let pieces = content_pieces(ctx, p, b);
    if pieces.is_empty() {
        return None;
    }
    Some(Cand {
        pieces,
        cue: Some((ctx.doc.tokens[c0].start, ctx.doc.tokens[c1 - 1].end)),
        speaker,
        name_hint,
        addressee,
        paragraph,
        sentence: si,
        borrowed_from: prev_in_sentence.last().map(|_| usize::MAX),
    })
}

/// Whether content spans are all, partly or not inside quotation marks.
fn kind_of(ctx: &Ctx, pieces: &[(usize, usize)]) -> QuoteKind {
    let text = ctx.doc.text;
    let (mut inside, mut outside) = (false, false);
    for &(s, e) in pieces {
        let mut r = ctx.regions.partition_point(|g| g.end <= s);
        for (off, ch) in text[s..e].char_indices() {
            if !ch.is_alphanumeric() {
                continue;
            }
            let at = s + off;
            while r < ctx.regions.len() && ctx.regions[r].end <= at {
                r += 1;
            }
            if r < ctx.regions.len() && ctx.regions[r].start <= at {
                inside = true;
            } else {
                outside = true;
            }
            if inside && outside {
                return QuoteKind::Mixed;
            }
        }
    }
    if inside {
        QuoteKind::Direct
    } else {
        QuoteKind::Indirect
    }
}

fn mention(ctx: &Ctx, s: usize, e: usize) -> Mention {
    let span = ctx.doc.offsets.span(s, e);
    Mention { text: ctx.doc.text[s..e].to_string(), start: span.start, end: span.end }
}

fn build_quotes(ctx: &Ctx, cands: &[Cand], entities: &[Entity]) -> Vec<Quote> {
    let toks = &ctx.doc.tokens;
    let mut resolver = speaker::Resolver::new(ctx, entities);
    let mut out: Vec<Quote> = Vec::with_capacity(cands.len());
    let mut resolved: Vec<Option<speaker::Resolved>> = Vec::with_capacity(cands.len());
    for (ci, c) in cands.iter().enumerate() {
        let mut pieces = c.pieces.clone();
        pieces.sort_unstable();
        pieces.retain(|p| p.1 > p.0);
        // Overlapping or repeated pieces merge into one.
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
        for p in pieces {
            match merged.last_mut() {
                Some(last) if p.0 < last.1 => last.1 = last.1.max(p.1),
                _ => merged.push(p),
            }
        }
        let pieces = merged;
        if pieces.is_empty() {
            resolved.push(None);
            continue;
        }
        let spans: Vec<Span> = pieces.iter().map(|&(s, e)| ctx.doc.offsets.span(s, e)).collect();
        let text = pieces.iter().map(|&(s, e)| &ctx.doc.text[s..e]).collect::<Vec<_>>().join(" ");
        let speaker_mention = c.speaker.map(|(s, e)| mention(ctx, toks[s].start, toks[e - 1].end));
        let res = match (c.borrowed_from, c.speaker) {
            (Some(bi), _) if bi < ci && resolved.get(bi).is_some_and(|r| r.is_some()) => resolved[bi].clone(),
            (_, Some(sp)) => Some(resolver.resolve(sp, c.name_hint, &resolved)),
            _ => None,
        };
        out.push(Quote {
            text,
            start: spans[0].start,
            end: spans[spans.len() - 1].end,
            kind: kind_of(ctx, &pieces),
            spans,
            cue: c.cue.map(|(s, e)| mention(ctx, s, e)),
            speaker_mention,
            speaker: res.as_ref().map(|r| r.speaker.clone()),
            addressee: c.addressee.map(|(s, e)| mention(ctx, toks[s].start, toks[e - 1].end)),
        });
        resolved.push(res);
    }
    // Overlapping quotes (two cues claiming one content): keep the first.
    out.sort_by_key(|q| (q.start, q.end));
    let mut kept: Vec<Quote> = Vec::with_capacity(out.len());
    for q in out {
        if let Some(last) = kept.last() {
            if q.spans == last.spans {
                continue;
            }
        }
        kept.push(q);
    }
    kept
}

#[cfg(test)]
mod tests;
