//! Entities from tagged text: the tagger's mentions grouped into one entity
//! per real-world referent within the article, with a canonical name, a
//! role and an affiliation for people.
//!
//! Resolution rules, in order:
//! 1. A capitalised acronym at the end of a name whose initials it spells
//!    ("Organization for Security and Co-operation in Europe OSCE") is split
//!    off as a mention of its own.
//! 2. Mentions with the same text (case-insensitive) are one entity.
//! 3. A multi-word person name owns mentions of its last word (the surname)
//!    or first word, and of the surname with a title; a shorter mention
//!    goes to the nearest preceding full name (else the nearest following).
//! 4. An all-capitals mention that spells the initials of an organisation
//!    or place name ("EU" for "European Union") joins that entity.
//!
//! The kind is the majority of the tagger's types over the mentions; the
//! canonical name is the longest mention. Ids are `e1`, `e2`, ... in order of
//! first mention.

use super::features::U64Map;
use super::gazetteer::{Gazetteer, COUNTRY, DEMONYM, FIRST_NAME, ORG, PLACE};
use super::model::{NerModel, Workspace};
use super::tags::{spans, EntType};
use crate::{titles, Doc};
use newsdesk_core::{Entity, EntityKind, Mention, Span};

/// Extracts the entities of a document with the embedded model (none if the
/// embedded model is missing).
pub fn extract_entities(doc: &Doc) -> Vec<Entity> {
    match NerModel::embedded() {
        Some(m) => extract_entities_with(m, doc, &mut Workspace::default()),
        None => Vec::new(),
    }
}

/// A tagged mention: token range and type.
#[derive(Debug, Clone, Copy)]
struct Raw {
    ty: EntType,
    /// Token range in the doc.
    start: usize,
    end: usize,
}

/// Extracts entities with a given model and workspace.
pub fn extract_entities_with(model: &NerModel, doc: &Doc, ws: &mut Workspace) -> Vec<Entity> {
    let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
    let ranges: Vec<_> = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
    let tags = model.tag_document(&words, &ranges, ws);
    let mut raws: Vec<Raw> = Vec::new();
    for r in &ranges {
        for (ty, s, e) in spans(&tags[r.clone()]) {
            let (mut s, mut e) = (r.start + s, r.start + e);
            // Trim punctuation the tagger may have swept in.
            while s < e && !words[s].chars().any(char::is_alphanumeric) {
                s += 1;
            }
            while e > s && (!words[e - 1].chars().any(char::is_alphanumeric) || is_connector(words[e - 1])) {
                e -= 1;
            }
            if ty == EntType::Per {
                match person_name(&words, s, e) {
                    Some(start) => s = start,
                    None => continue,
                }
            }
            if s < e {
                raws.extend(split_acronym(&words, Raw { ty, start: s, end: e }));
            }
        }
    }
    let raws = merge_demonym_org(&words, raws);
    let raws = inhabitants_are_misc(&words, raws);
    let raws = expand_acronyms(&words, &ranges, raws);
    let raws = complete_cut_names(&words, &ranges, raws);
    resolve(doc, &words, &raws)
}

/// Names the tagger cuts short get their missing word back:
/// - a number after a road's or a channel's head: "Interstate 5", "Highway
///   61", "Route 66" are places and "Channel 3", "News 2", "Fox 5"
///   organisations (one to three digits, in the same sentence);
/// - "Crime" before a lone "Stoppers" (a tip line, see `TIP_LINES`).
fn complete_cut_names(words: &[&str], sentences: &[std::ops::Range<usize>], mut raws: Vec<Raw>) -> Vec<Raw> {
    for r in &mut raws {
        let head = words[r.end - 1];
        if r.end - r.start == 1 && r.start > 0 && lower_in(head, &["stoppers"]) && words[r.start - 1] == "Crime" {
            r.start -= 1;
            r.ty = EntType::Org;
            continue;
        }
        let ty = if lower_in(head, &["interstate", "highway", "hwy", "route"]) {
            EntType::Loc
        } else if lower_in(head, &["channel", "news", "fox"]) {
            EntType::Org
        } else {
            continue;
        };
        let in_sentence = sentences.iter().any(|s| s.contains(&r.start) && s.contains(&r.end));
        let number =
            words.get(r.end).is_some_and(|w| (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()));
        if in_sentence && number {
            r.end += 1;
            r.ty = ty;
        }
    }
    raws
}

/// Names of a place's inhabitants ("Hong Kongers", "Londoner",
/// "Hongkongers") are neither people nor organisations: a person or
/// organisation mention that is a place of the same document plus "er" or
/// "ers" (spaces and case ignored) becomes a miscellaneous name.
fn inhabitants_are_misc(words: &[&str], mut raws: Vec<Raw>) -> Vec<Raw> {
    let squash = |r: &Raw| words[r.start..r.end].concat().to_lowercase();
    let places: std::collections::HashSet<String> = raws.iter().filter(|r| r.ty == EntType::Loc).map(squash).collect();
    if places.is_empty() {
        return raws;
    }
    for r in raws.iter_mut().filter(|r| matches!(r.ty, EntType::Per | EntType::Org)) {
        let name = squash(r);
        let stem = name.strip_suffix("ers").or_else(|| name.strip_suffix("er"));
        if stem.is_some_and(|s| places.contains(s)) {
            r.ty = EntType::Misc;
        }
    }
    raws
}

/// The first token of the name in a person mention `s..e` (titles left
/// out), or `None` when the mention is a title on its own ("the Mayor said",
/// "Dr"), which names nobody.
fn person_name(words: &[&str], s: usize, e: usize) -> Option<usize> {
    let s = skip_titles(words, s, e);
    (!(e == s + 1 && titles::is_title(words[s]))).then_some(s)
}

/// The first token of a person mention `s..e` after its titles
/// ([`titles::name_start`]): "Dr Gazzola" resolves to "Valeria Gazzola" and
/// "Deputy Foreign Minister" becomes Sergei Ryabkov's role; "Pope Francis"
/// and "White Jack" stay whole, and at least one token always remains.
fn skip_titles(words: &[&str], s: usize, e: usize) -> usize {
    if s >= e {
        return s;
    }
    s + titles::name_start(&words[s..e])
}

fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "and" | "for" | "the" | "in" | "on" | "at" | "to")
}

/// "Russian" (a demonym tagged MISC) directly followed by an organisation
/// ("Foreign Ministry") is one organisation name.
fn merge_demonym_org(words: &[&str], raws: Vec<Raw>) -> Vec<Raw> {
    let gaz = Gazetteer::get();
    let mut out: Vec<Raw> = Vec::with_capacity(raws.len());
    for r in raws {
        if let Some(p) = out.last_mut() {
            if r.ty == EntType::Org
                && p.ty == EntType::Misc
                && p.end == r.start
                && p.end - p.start == 1
                && gaz.lookup(&[words[p.start]]) & DEMONYM != 0
            {
                p.ty = EntType::Org;
                p.end = r.end;
                continue;
            }
        }
        out.push(r);
    }
    out
}

/// An acronym right after a name whose capitalised words spell it
/// ("Organization for Security and Co-operation in Europe OSCE", also with
/// the acronym in parentheses) makes that whole name one mention, even if
/// the tagger split it.
fn expand_acronyms(words: &[&str], sentences: &[std::ops::Range<usize>], raws: Vec<Raw>) -> Vec<Raw> {
    // (start, end, type) of each expansion, in order, non-overlapping.
    let mut exps: Vec<(usize, usize, EntType)> = Vec::new();
    let mut si = 0;
    for a in &raws {
        if a.end - a.start != 1 || !is_acronym(words[a.start]) || a.ty == EntType::Per {
            continue;
        }
        while si < sentences.len() && sentences[si].end <= a.start {
            si += 1;
        }
        let lo = sentences.get(si).map_or(a.start, |s| s.start.min(a.start));
        let lo = lo.max(exps.last().map_or(0, |e| e.1 + 1));
        let mut end = a.start;
        if end > lo && words[end - 1] == "(" {
            end -= 1;
        }
        let letters = acronym_letters(words[a.start]);
        let mut s = end;
        while s > lo && end - s < 16 {
            s -= 1;
            if !words[s].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let ini = initials(&words[s..end]);
            if ini == letters {
                if end - s >= 2 {
                    exps.push((s, end, a.ty));
                }
                break;
            }
            if !letters.ends_with(&ini) {
                break;
            }
        }
    }
    if exps.is_empty() {
        return raws;
    }
    let mut out = Vec::with_capacity(raws.len() + exps.len());
    let mut ei = 0;
    for r in raws {
        while ei < exps.len() && exps[ei].1 <= r.start {
            let (s, e, ty) = exps[ei];
            out.push(Raw { ty, start: s, end: e });
            ei += 1;
        }
        if ei < exps.len() && r.start < exps[ei].1 && r.end > exps[ei].0 {
            continue; // inside (or across) the expansion: replaced by it
        }
        out.push(r);
    }
    for &(s, e, ty) in &exps[ei..] {
        out.push(Raw { ty, start: s, end: e });
    }
    out
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&n) && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Initials of the capitalised words (hyphenated parts after the first not counted).
fn initials(words: &[&str]) -> String {
    words.iter().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
}

fn acronym_letters(w: &str) -> String {
    w.chars().filter(|c| c.is_alphabetic()).collect()
}

/// Whether `short` is an acronym of the name `name` of two or more words
/// ("UK" of "United Kingdom", "U.S." of "United States"), as the entity
/// stage matches them within an article.
pub fn is_acronym_of(short: &str, name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2 && is_acronym(short) && initials(&words) == acronym_letters(short)
}

fn split_acronym(words: &[&str], r: Raw) -> Vec<Raw> {
    if r.end - r.start >= 3 {
        let last = words[r.end - 1];
        if is_acronym(last) && initials(&words[r.start..r.end - 1]) == acronym_letters(last) {
            return vec![
                Raw { ty: r.ty, start: r.start, end: r.end - 1 },
                Raw { ty: r.ty, start: r.end - 1, end: r.end },
            ];
        }
    }
    vec![r]
}

fn norm(words: &[&str]) -> String {
    words.join(" ").to_lowercase()
}

struct Group {
    mentions: Vec<usize>,
    votes: [usize; 4],
}

#[allow(clippy::needless_range_loop)] // union-find over mention indices
fn resolve(doc: &Doc, words: &[&str], raws: &[Raw]) -> Vec<Entity> {
    let n = raws.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    fn union(p: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            // Keep the earlier mention as root.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            p[hi] = lo;
        }
    }
    let toks = |r: &Raw| &words[r.start..r.end];
    // 2. Same text.
    let mut by_text: std::collections::HashMap<String, usize> = Default::default();
    for (i, r) in raws.iter().enumerate() {
        let k = norm(toks(r));
        match by_text.get(&k) {
            Some(&j) => union(&mut parent, i, j),
            None => {
                by_text.insert(k, i);
            }
        }
    }
    // 3. Person names: full names own their surnames and first names.
    // Index distinct full names by last and first word.
    let mut by_last: std::collections::HashMap<String, Vec<usize>> = Default::default();
    let mut by_first: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (k, &i) in &by_text {
        let r = raws[i];
        if r.ty == EntType::Per && r.end - r.start >= 2 && !k.is_empty() {
            by_last.entry(words[r.end - 1].to_lowercase()).or_default().push(i);
            by_first.entry(words[r.start].to_lowercase()).or_default().push(i);
        }
    }
    // Every mention of each distinct full name, in order.
    let mut full_mentions: U64Map<Vec<usize>> = U64Map::default();
    for i in 0..n {
        let r = raws[i];
        if r.ty == EntType::Per && r.end - r.start >= 2 {
            let first = by_text.get(&norm(toks(&r))).copied().unwrap_or(i);
            full_mentions.entry(first as u64).or_default().push(i);
        }
    }
    for i in 0..n {
        let r = raws[i];
        if r.end - r.start != 1 {
            continue;
        }
        let w = words[r.start].to_lowercase();
        let mut pool: Vec<usize> = by_last.get(&w).cloned().unwrap_or_default();
        if pool.is_empty() && r.ty == EntType::Per {
            pool = by_first.get(&w).cloned().unwrap_or_default();
        }
        // The nearest preceding mention of a candidate name, else the nearest following.
        let mut before: Option<usize> = None;
        let mut after: Option<usize> = None;
        for &c in &pool {
            let ms = full_mentions.get(&(c as u64)).map_or(&[][..], |v| &v[..]);
            let k = ms.partition_point(|&m| raws[m].start < r.start);
            if k > 0 && before.is_none_or(|b| raws[ms[k - 1]].start > raws[b].start) {
                before = Some(ms[k - 1]);
            }
            if k < ms.len() && after.is_none_or(|a| raws[ms[k]].start < raws[a].start) {
                after = Some(ms[k]);
            }
        }
        if let Some(j) = before.or(after) {
            union(&mut parent, i, j);
        }
    }
    // 4. Acronyms of organisation and place names.
    let mut by_initials: std::collections::HashMap<String, usize> = Default::default();
    for j in 0..n {
        let f = toks(&raws[j]);
        if f.len() >= 2 && matches!(raws[j].ty, EntType::Org | EntType::Loc | EntType::Misc) {
            by_initials.entry(initials(f)).or_insert(j);
        }
    }
    for i in 0..n {
        let r = raws[i];
        if r.end - r.start != 1 || !is_acronym(words[r.start]) {
            continue;
        }
        if let Some(&j) = by_initials.get(&acronym_letters(words[r.start])) {
            union(&mut parent, i, j);
        }
    }
    // Groups in order of first mention.
    let mut groups: Vec<Group> = Vec::new();
    let mut gid: U64Map<usize> = U64Map::default();
    for i in 0..n {
        let root = find(&mut parent, i) as u64;
        let g = *gid.entry(root).or_insert_with(|| {
            groups.push(Group { mentions: Vec::new(), votes: [0; 4] });
            groups.len() - 1
        });
        groups[g].mentions.push(i);
        groups[g].votes[raws[i].ty.index()] += 1;
    }
    let gaz = Gazetteer::get();
    let mut mention_group: Vec<usize> = vec![0; n];
    for (g, grp) in groups.iter().enumerate() {
        for &m in &grp.mentions {
            mention_group[m] = g;
        }
    }
    let canonical = |grp: &Group| -> String {
        let best = grp
            .mentions
            .iter()
            .copied()
            .max_by_key(|&m| (raws[m].end - raws[m].start, std::cmp::Reverse(raws[m].start)))
            .unwrap_or(grp.mentions[0]);
        doc.text[doc.tokens[raws[best].start].start..doc.tokens[raws[best].end - 1].end].to_string()
    };
    let names: Vec<String> = groups.iter().map(canonical).collect();
    let mut tok_mention = vec![u32::MAX; words.len()];
    for (k, r) in raws.iter().enumerate() {
        for t in &mut tok_mention[r.start..r.end] {
            *t = k as u32;
        }
    }
    let ix = Index { tok_mention, by_text, mention_group, names };
    let mut out = Vec::with_capacity(groups.len());
    for (g, grp) in groups.iter().enumerate() {
        let ty = EntType::ALL
            .iter()
            .copied()
            .max_by_key(|t| (grp.votes[t.index()], std::cmp::Reverse(t.index())))
            .unwrap_or(EntType::Misc);
        // A one-word name that names no one is no entity (see `names_no_one`).
        let nw: Vec<&str> = ix.names[g].split_whitespace().collect();
        // The text before a mention.
        let before = |m: usize| &doc.text[..doc.tokens[raws[m].start].start];
        // (A line's start counts when only a time or a bullet precedes the
        // mention on its line: "0:39 Man describes finding vehicle".)
        let sentence_initial = |m: usize| {
            let b = before(m);
            b.trim_end_matches([' ', '\t'])
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '“' | '\n' | '\r' | ':' | '—' | '-'))
                || !b.rsplit('\n').next().unwrap_or("").contains(char::is_alphabetic)
        };
        if nw.len() == 1 && names_no_one(nw[0], ty, || grp.mentions.iter().all(|&m| sentence_initial(m))) {
            continue;
        }
        // Page furniture read as a name: "Caption Close Image", "Buy Photo",
        // "All Rights Reserved", "x Embed x Share".
        if is_page_chrome(&nw) {
            continue;
        }
        let mut kind = match ty {
            EntType::Per => EntityKind::Person,
            EntType::Org => EntityKind::Organization,
            EntType::Loc => EntityKind::Place,
            EntType::Misc => EntityKind::Other,
        };
        let c = gaz.lookup(&nw);
        // A name in the (curated) organisation list ("White House").
        if matches!(kind, EntityKind::Place | EntityKind::Other) && c & ORG != 0 {
            kind = EntityKind::Organization;
        }
        // A "place" named for one of the place's institutions ("U.S. Army",
        // "Puerto Rico Senate", "Virginia Beach Police") is the institution.
        if kind == EntityKind::Place && nw.len() >= 2 && is_institution_word(last_word(&nw)) {
            kind = EntityKind::Organization;
        }
        // A name led by a title that is part of how people are named ("Queen
        // Elizabeth II", "Pope Francis", "Lord Coe") is a person's, unless
        // the lists know it as a place or an organisation, a word of it says
        // it is one ("King County Jail", "Queen Mary University"), the title
        // is in capitals ("KING 5", a station), or "of" follows the title
        // ("Lord of the Rings"; "Prince of Wales" stays as tagged).
        if kind != EntityKind::Person
            && nw.len() >= 2
            && titles::is_in_name(nw[0])
            && nw[0].chars().any(char::is_lowercase)
            && nw[1].chars().next().is_some_and(char::is_uppercase)
            && !titles::is_connector(&nw[1].to_ascii_lowercase())
            && c & (ORG | PLACE | COUNTRY) == 0
            && !nw.iter().any(|w| place_or_org_word(w))
        {
            kind = EntityKind::Person;
        }
        // A "person" or "other" whose name ends like a street is the street
        // ("Karl Marx Avenue"), unless a middle initial says person
        // ("Reginald L. Street"). So is an "organisation" written where an
        // address is ("on Gibbs Street", "the 3700 block of Elm Street");
        // elsewhere it may stand for its occupant ("Downing Street said").
        let middle_initial = nw.len() >= 3 && nw[1..nw.len() - 1].iter().any(|w| is_initial(w));
        let at_address = || {
            grp.mentions.iter().any(|&m| {
                let word = before(m).trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                lower_in(word, &["on", "at", "near", "along", "onto", "off", "of"])
            })
        };
        if nw.len() >= 2
            && is_street_word(last_word(&nw))
            && !middle_initial
            && (matches!(kind, EntityKind::Person | EntityKind::Other)
                || (kind == EntityKind::Organization && at_address()))
        {
            kind = EntityKind::Place;
        }
        // A "person" named like a newspaper or a photo agency ("Orlando
        // Sentinel", "Getty Images") is the organisation.
        if kind == EntityKind::Person && nw.len() >= 2 && lower_in(last_word(&nw), MEDIA_WORDS) {
            kind = EntityKind::Organization;
        }
        // A "person" named for a county or a parish ("Harris County",
        // "Avoyelles Parish") is the place; Parish is a surname too, so
        // not after a first name ("Andy Parish").
        let last = last_word(&nw);
        if kind == EntityKind::Person
            && nw.len() >= 2
            && (lower_in(last, &["county"]) || (lower_in(last, &["parish"]) && gaz.lookup(&nw[..1]) & FIRST_NAME == 0))
        {
            kind = EntityKind::Place;
        }
        // A "person" named by a car maker and model ("Dodge Charger", "Chevy
        // Malibu") is the vehicle of a description, not a person.
        if kind == EntityKind::Person && nw.len() >= 2 && is_vehicle_make(nw[0]) {
            kind = EntityKind::Other;
        }
        // A US state's abbreviation is the state ("NASHVILLE, Tenn. (AP)"
        // votes it a person); a web platform is a company, a web technology
        // a thing ("Follow us on Twitter", "Please enable Javascript").
        if nw.len() == 1 {
            if lower_in(nw[0], STATE_ABBREVIATIONS) {
                kind = EntityKind::Place;
            } else if lower_in(nw[0], WEB_PLATFORMS) {
                kind = EntityKind::Organization;
            } else if lower_in(nw[0], WEB_TECHNOLOGIES) || lower_in(nw[0], THINGS_NOT_NAMES) {
                kind = EntityKind::Other;
            }
        }
        // Crime Stoppers and its local forms are tip lines run by an
        // organisation; the tagger votes "Crime Stoppers" a person.
        if lower_in(last_word(&nw), TIP_LINES) {
            kind = EntityKind::Organization;
        }
        let mentions: Vec<Mention> = grp
            .mentions
            .iter()
            .map(|&m| {
                let r = raws[m];
                let span = doc.offsets.span(doc.tokens[r.start].start, doc.tokens[r.end - 1].end);
                Mention::from_span(doc.text, span)
            })
            .collect();
        let mut role = None;
        let mut affiliation = None;
        if kind == EntityKind::Person {
            // Titles and appositions first; a relative clause only without them.
            let found = [false, true]
                .into_iter()
                .find_map(|rel| grp.mentions.iter().find_map(|&m| find_role(doc, words, raws, gaz, &ix, m, rel)));
            if let Some((rs, re, aff)) = found {
                let span = doc.offsets.span(doc.tokens[rs].start, doc.tokens[re - 1].end);
                role = Some(Mention::from_span(doc.text, span));
                affiliation = aff;
            }
        }
        out.push(Entity {
            id: format!("e{}", out.len() + 1),
            kind,
            name: ix.names[g].clone(),
            role,
            affiliation,
            mentions,
        });
    }
    out
}

/// Last words of street names (not "Lane", "Park" or "Drive": surnames too).
fn is_street_word(w: &str) -> bool {
    lower_in(w.trim_end_matches('.'), STREET_WORDS)
}

const STREET_WORDS: &[&str] = &[
    "avenue",
    "ave",
    "street",
    "st",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "highway",
    "square",
    "parkway",
    "pkwy",
    "drive",
    "expressway",
    "freeway",
    "turnpike",
    "terrace",
];

/// Last words that make a name an institution's: "United States Navy",
/// "Northern Ireland Assembly". (Not "Union", "Federation", "Court",
/// "House", "Bank" or "Office": "Soviet Union", "Russian Federation",
/// "Afton Court", "Opera House", "West Bank" and "Box Office" are places.)
fn is_institution_word(w: &str) -> bool {
    lower_in(w, INSTITUTION_WORDS)
}

const INSTITUTION_WORDS: &[&str] = &[
    "police",
    "army",
    "navy",
    "marines",
    "congress",
    "senate",
    "parliament",
    "embassy",
    "commission",
    "committee",
    "ministry",
    "agency",
    "council",
    "assembly",
    "government",
    "department",
];

/// Car makers whose name is no one's first name ("Mercedes", "Lincoln",
/// "Ford", "Mercury" are).
fn is_vehicle_make(w: &str) -> bool {
    lower_in(w, VEHICLE_MAKES)
}

const VEHICLE_MAKES: &[&str] = &[
    "acura",
    "audi",
    "bmw",
    "buick",
    "cadillac",
    "chevrolet",
    "chevy",
    "chrysler",
    "dodge",
    "gmc",
    "honda",
    "hyundai",
    "infiniti",
    "jeep",
    "kia",
    "lexus",
    "mazda",
    "mitsubishi",
    "nissan",
    "oldsmobile",
    "pontiac",
    "subaru",
    "toyota",
    "volkswagen",
    "volvo",
];

/// Whether a one-word name names no one, whatever its kind:
/// - a role's head word or an in-name title that the tagger did not vote a
///   person: "the Pope", "Lord" of "praise the Lord" (a surname stays, "King
///   said"; so do abbreviations, "Miss." is Mississippi, and descriptors,
///   "Democratic" is a party's adjective);
/// - a role's head in the plural, or a noun for a person ("Man", "Teen"),
///   capitalised only where a sentence starts (`all_sentence_initial`):
///   "Detectives are investigating" (mid-sentence it is a name, the
///   "Cardinals");
/// - a lone initial: "N." of "N. 25th Ave.", "E." of "E. coli";
/// - a piece of a name left alone ("St.", "Jr.", "County", "Avenue") and
///   a time zone.
fn names_no_one(w: &str, ty: EntType, all_sentence_initial: impl FnOnce() -> bool) -> bool {
    (ty != EntType::Per && !w.contains('.') && (titles::is_role_head(w) || titles::is_in_name(w)))
        || ((is_plural_role(w) || lower_in(w, PERSON_NOUNS) || lower_in(w, SENTENCE_ADVERBS)) && all_sentence_initial())
        || is_initial(w)
        || lower_in(w, NAME_FRAGMENTS)
        || (is_street_word(w) && (w.ends_with('.') || w.chars().any(char::is_lowercase)))
        || TIME_ZONES.contains(&w)
}

/// Time zones written after a time ("10:00 UTC"): part of a time
/// expression, not an organisation.
const TIME_ZONES: &[&str] =
    &["UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "IST", "JST", "AEST"];

/// Words that open sentences and that the tagger can read as a name:
/// "Additionally, police said …".
const SENTENCE_ADVERBS: &[&str] = &[
    "additionally",
    "meanwhile",
    "however",
    "currently",
    "fortunately",
    "unfortunately",
    "furthermore",
    "moreover",
    "initially",
    "previously",
    "separately",
    "ultimately",
];

/// Last words of the names of newspapers and photo agencies ("Courier" is
/// left out: Jim Courier).
const MEDIA_WORDS: &[&str] = &[
    "sentinel",
    "tribune",
    "herald",
    "gazette",
    "images",
    "inquirer",
    "chronicle",
    "journal",
    "newspaper",
    "newspapers",
];

/// The last word of a name (a name has at least one).
fn last_word<'a>(nw: &[&'a str]) -> &'a str {
    nw.last().copied().unwrap_or("")
}

/// Pieces of a name that name nothing alone: the suffix of a person's name,
/// the generic word of a county's ("Cook County" read apart leaves
/// "County") and "Police" (which police is the name's other words); a
/// street's word alone too ("N. 20th St." leaves "St.", see
/// `is_street_word`), unless in capitals without a period (Reuters'
/// "<RD>" is Royal Dutch's ticker).
const NAME_FRAGMENTS: &[&str] = &["jr.", "jr", "sr.", "sr", "county", "parish", "police"];

/// Nouns for a person, capitalised where a sentence or a headline line
/// starts ("Man charged with murder", "Teen shot in leg").
const PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "men",
    "women",
    "boy",
    "girl",
    "boys",
    "girls",
    "teen",
    "teens",
    "teenager",
    "child",
    "children",
    "toddler",
    "baby",
    "suspect",
    "suspects",
    "victim",
    "victims",
    "gunman",
    "shooter",
    "resident",
    "residents",
];

/// The plural of a role's head: "Detectives", "Deputies", "Officers".
fn is_plural_role(w: &str) -> bool {
    let singular = if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = w.strip_suffix('s') {
        stem.to_string()
    } else {
        return false;
    };
    // ("Queens" and "Kings" are places and teams: titles of a name are left out.)
    w.chars().skip(1).all(char::is_lowercase) && titles::is_role_head(&singular) && !titles::is_in_name(&singular)
}

/// AP abbreviations of US states and "D.C." ("Miss." is also a title, and
/// is left as tagged).
const STATE_ABBREVIATIONS: &[&str] = &[
    "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.", "del.", "fla.", "ga.", "ill.", "ind.", "kan.", "kans.", "ky.",
    "la.", "md.", "mass.", "mich.", "minn.", "mo.", "mont.", "neb.", "nev.", "n.h.", "n.j.", "n.m.", "n.y.", "n.c.",
    "n.d.", "okla.", "ore.", "pa.", "r.i.", "s.c.", "s.d.", "tenn.", "tex.", "vt.", "va.", "wash.", "w.va.", "wis.",
    "wyo.", "d.c.",
];

/// Web platforms and technology companies, by one-word name (the tagger
/// votes "Sony said" or "Wikinews interviews" a person).
const WEB_PLATFORMS: &[&str] = &[
    "wikinews",
    "wikipedia",
    "google",
    "yahoo",
    "microsoft",
    "sony",
    "nintendo",
    "netflix",
    "amazon",
    "nokia",
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "snapchat",
    "tiktok",
    "linkedin",
    "pinterest",
    "reddit",
    "whatsapp",
];

/// Web technologies and devices named in page furniture.
const WEB_TECHNOLOGIES: &[&str] = &["javascript", "android", "iphone", "ipad", "ios"];

/// One-word names of things that are no one and no organisation: a vehicle
/// type ("a black SUV") and the deity of "God knows" and "thank God".
const THINGS_NOT_NAMES: &[&str] = &["suv", "atv", "god"];

/// Last words of the names of police tip lines.
const TIP_LINES: &[&str] = &["stoppers", "crimestoppers", "crimeline"];

/// Words of news sites' page furniture (photo captions, video players,
/// copyright lines).
const PAGE_CHROME: &[&str] = &[
    "caption", "close", "image", "images", "buy", "photo", "photos", "embed", "share", "skip", "all", "rights",
    "reserved",
];

/// Whether a name is page furniture: every word a furniture word, or a
/// photo caption's label first ("Caption DNAinfo").
fn is_page_chrome(nw: &[&str]) -> bool {
    nw.first().is_some_and(|w| *w == "Caption")
        || (!nw.is_empty() && nw.iter().all(|w| lower_in(w.trim_end_matches(['.', ',']), PAGE_CHROME)))
}

/// "L." of "Reginald L. Street".
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// Words that make a name a place's or an organisation's (a street's or an
/// institution's too).
fn place_or_org_word(w: &str) -> bool {
    let w = w.trim_end_matches("'s").trim_end_matches('\'');
    is_street_word(w) || is_institution_word(w) || lower_in(w, PLACE_OR_ORG_WORDS)
}

const PLACE_OR_ORG_WORDS: &[&str] = &[
    "county",
    "island",
    "islands",
    "city",
    "university",
    "college",
    "school",
    "hospital",
    "foundation",
    "trust",
    "company",
    "hotel",
    "park",
    "jail",
    "court",
    "office",
    "pd",
    "prosecutors",
    "stadium",
    "bridge",
    "center",
    "centre",
    "theatre",
    "theater",
    "station",
    "market",
    "museum",
    "church",
    "cathedral",
    "palace",
    "hall",
    "airport",
    "port",
];

/// Lookups for [`find_role`].
struct Index {
    /// For each token, the mention covering it (`u32::MAX`: none).
    tok_mention: Vec<u32>,
    /// Lower-cased mention text to its first mention.
    by_text: std::collections::HashMap<String, usize>,
    /// Entity (group) of each mention, and each entity's canonical name.
    mention_group: Vec<usize>,
    names: Vec<String>,
}

impl Index {
    /// Canonical name of the entity of mention `k`.
    fn name_of(&self, k: usize) -> String {
        self.names[self.mention_group[k]].clone()
    }
}

fn lower_in(w: &str, list: &[&str]) -> bool {
    let l = w.to_lowercase();
    list.contains(&l.as_str())
}

/// The role of person mention `m`: a token range and an affiliation.
///
/// Patterns: `[AFFIL ['s]] ROLE NAME` ("US Secretary of State Antony
/// Blinken"), `AFFIL 's ROLE , NAME` ("the European Union's foreign policy
/// chief, Josep Borrell") and `NAME , [AFFIL 's|the] ROLE ,`.
fn find_role(
    doc: &Doc,
    words: &[&str],
    raws: &[Raw],
    gaz: &Gazetteer,
    ix: &Index,
    m: usize,
    relative: bool,
) -> Option<(usize, usize, Option<String>)> {
    let r = raws[m];
    let si = doc.sentences.partition_point(|s| s.tokens.end <= r.start);
    let sent = doc.sentences.get(si)?;
    let lo = sent.tokens.start;
    let hi = sent.tokens.end;
    let at = |t: usize| -> Option<usize> {
        let k = *ix.tok_mention.get(t)?;
        (k != u32::MAX).then_some(k as usize)
    };
    let mention_ending_at =
        |end: usize| at(end.checked_sub(1)?).filter(|&k| raws[k].end == end && raws[k].ty != EntType::Per);
    let affil_before = |pos: usize| -> Option<String> {
        // pos: first token of the role. Look at "X 's" or "X" just before it.
        let mut p = pos;
        if p > lo && (words[p - 1] == "'s" || words[p - 1] == "’s") {
            p -= 1;
        }
        if p == lo {
            return None;
        }
        if let Some(k) = mention_ending_at(p) {
            return Some(ix.name_of(k));
        }
        let w = words[p - 1];
        if w.chars().next().is_some_and(char::is_uppercase) && gaz.lookup(&[w]) & (DEMONYM | COUNTRY | ORG) != 0 {
            // The canonical name of an entity mentioned with this text elsewhere.
            let same = ix.by_text.get(&w.to_lowercase()).copied();
            return Some(same.map_or_else(|| w.to_string(), |k| ix.name_of(k)));
        }
        None
    };
    // Scans a role leftwards from `end` (exclusive); returns its start if it has a head.
    let scan_left = |end: usize| -> Option<usize> {
        let mut s = end;
        let mut has_head = false;
        while s > lo && end - s < 12 {
            let w = words[s - 1];
            if titles::is_role_head(w) {
                has_head = true;
            } else if !titles::is_role_modifier(w) {
                break;
            } else if w == "of" && !(s >= lo + 2 && titles::is_role_head(words[s - 2])) {
                // "Secretary of State", not "the campaign of Gov.".
                break;
            }
            if at(s - 1).is_some() && !titles::is_role_head(w) {
                break;
            }
            s -= 1;
        }
        while s < end && lower_in(words[s], &["of", "the"]) {
            s += 1;
        }
        (has_head && s < end).then_some(s)
    };
    // Title right before the name.
    if r.start > lo && !relative {
        if let Some(s) = scan_left(r.start) {
            if titles::is_role_head(words[r.start - 1])
                || words[r.start - 1].chars().next().is_some_and(char::is_uppercase)
            {
                return Some((s, r.start, affil_before(s)));
            }
        }
        // Appositive before: ROLE , NAME
        if r.start >= lo + 2 && words[r.start - 1] == "," {
            if let Some(s) = scan_left(r.start - 1) {
                if titles::is_role_head(words[r.start - 2]) {
                    return Some((s, r.start - 1, affil_before(s)));
                }
            }
        }
    }
    // Appositive after: NAME , [AFFIL 's | the] ROLE [,|.]
    if r.end + 2 < hi && words[r.end] == "," && !relative {
        let mut p = r.end + 1;
        let mut aff = None;
        if lower_in(words[p], &["the", "a", "an"]) {
            p += 1;
        }
        if let Some(k) = at(p).filter(|&k| raws[k].start == p && raws[k].ty != EntType::Per) {
            let e = raws[k].end;
            if e < hi && (words[e] == "'s" || words[e] == "’s") {
                aff = Some(ix.name_of(k));
                p = e + 1;
            }
        }
        let s = p;
        let mut last_head = None;
        while p < hi && p - s < 12 && (titles::is_role_modifier(words[p]) || titles::is_role_head(words[p])) {
            if titles::is_role_head(words[p]) {
                last_head = Some(p);
            }
            p += 1;
        }
        if let Some(h) = last_head {
            let aff = aff.or_else(|| {
                words[s..=h]
                    .iter()
                    .find(|w| w.chars().next().is_some_and(char::is_uppercase) && gaz.lookup(&[**w]) & DEMONYM != 0)
                    .map(|w| w.to_string())
            });
            return Some((s, h + 1, aff));
        }
    }
    // Relative clause: NAME , who is leading|heading|... the X delegation ,
    if !relative {
        return None;
    }
    if r.end + 4 < hi && words[r.end] == "," && lower_in(words[r.end + 1], &["who", "which"]) {
        let mut p = r.end + 2;
        if lower_in(words[p], &["is", "was", "has", "had", "will"]) {
            p += 1;
            if p < hi && lower_in(words[p], &["been", "be"]) {
                p += 1;
            }
        }
        if p < hi && lower_in(words[p], LEADING_VERBS) {
            let s = p;
            let mut e = p + 1;
            while e < hi
                && e - s < 10
                && words[e].chars().any(char::is_alphanumeric)
                && !lower_in(words[e], &["who", "which", "that", "and", "but", "said", "told"])
            {
                e += 1;
            }
            if e > s + 1 {
                let aff = (s + 1..e).find_map(|t| {
                    if let Some(k) = at(t).filter(|&k| raws[k].ty != EntType::Per) {
                        return Some(ix.name_of(k));
                    }
                    let w = words[t];
                    (w.chars().next().is_some_and(char::is_uppercase) && gaz.lookup(&[w]) & (DEMONYM | COUNTRY) != 0)
                        .then(|| w.to_string())
                });
                return Some((s, e, aff));
            }
        }
    }
    None
}

/// Verbs of a relative clause that give a role ("who is leading the delegation").
const LEADING_VERBS: &[&str] = &[
    "leading",
    "heading",
    "chairing",
    "running",
    "representing",
    "leads",
    "heads",
    "chairs",
    "runs",
    "represents",
    "led",
    "headed",
    "chaired",
    "ran",
    "represented",
    "commanding",
    "commands",
];

/// Index of the entity one of whose mentions best covers the code point
/// span `span`: a mention that contains the span, or lies inside it (a
/// speaker mention "Deputy Foreign Minister Sergei Ryabkov" holds the
/// mention "Sergei Ryabkov"); among several, the one with the largest
/// overlap. `None` when no mention overlaps that way.
///
/// This is what the quote extractor uses to resolve a speaker mention.
pub fn entity_index_at(entities: &[Entity], span: Span) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, e) in entities.iter().enumerate() {
        for m in &e.mentions {
            let contains = m.start <= span.start && span.end <= m.end;
            let inside = span.start <= m.start && m.end <= span.end;
            if !(contains || inside) || m.start >= m.end {
                continue;
            }
            let overlap = m.end.min(span.end).saturating_sub(m.start.max(span.start));
            if best.is_none_or(|(_, o)| overlap > o) {
                best = Some((i, overlap));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// The entity one of whose mentions covers `span` (see [`entity_index_at`]).
pub fn entity_at(entities: &[Entity], span: Span) -> Option<&Entity> {
    entity_index_at(entities, span).map(|i| &entities[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words_of<'a>(doc: &Doc<'a>) -> Vec<&'a str> {
        (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect()
    }

    fn raw_at(words: &[&str], phrase: &str, from: usize, ty: EntType) -> Raw {
        let p: Vec<&str> = phrase.split(' ').collect();
        let s = (from..words.len()).find(|&i| words[i..].starts_with(&p)).expect("phrase present");
        Raw { ty, start: s, end: s + p.len() }
    }

    #[test]
    fn surnames_titles_and_acronyms_resolve() {
        let text = "Ryabkov arrived. Deputy Foreign Minister Sergei Ryabkov said talks in the \
                    Organization for Security and Co-operation in Europe OSCE would go on. \
                    Ryabkov met Anna Ryabkova. The OSCE agreed.";
        let doc = Doc::from_text(text);
        let w = words_of(&doc);
        let ranges: Vec<_> = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
        let raws = vec![
            raw_at(&w, "Ryabkov", 0, EntType::Per),
            raw_at(&w, "Sergei Ryabkov", 0, EntType::Per),
            raw_at(&w, "Organization for Security and Co-operation", 0, EntType::Org),
            raw_at(&w, "Europe", 0, EntType::Loc),
            raw_at(&w, "OSCE", 0, EntType::Org),
            raw_at(&w, "Ryabkov", 12, EntType::Org),
            raw_at(&w, "Anna Ryabkova", 0, EntType::Per),
            raw_at(&w, "OSCE", 30, EntType::Org),
        ];
        let raws = expand_acronyms(&w, &ranges, raws);
        let ents = resolve(&doc, &w, &raws);
        let names: Vec<(&str, EntityKind, usize)> =
            ents.iter().map(|e| (e.name.as_str(), e.kind, e.mentions.len())).collect();
        assert_eq!(
            names,
            vec![
                ("Sergei Ryabkov", EntityKind::Person, 3),
                ("Organization for Security and Co-operation in Europe", EntityKind::Organization, 3),
                ("Anna Ryabkova", EntityKind::Person, 1),
            ]
        );
        let r = ents[0].role.as_ref().expect("role");
        assert_eq!(r.text, "Deputy Foreign Minister");
        assert_eq!(ents[0].id, "e1");
        assert_eq!(ents[2].id, "e3");
    }

    #[test]
    fn appositive_roles_with_affiliation() {
        let text = "Josep Borrell, the European Union's foreign policy chief, spoke. \
                    Later John Smith, Britain's defence minister, spoke. \
                    Ivan Petrov, who is leading the Russian delegation, arrived.";
        let doc = Doc::from_text(text);
        let w = words_of(&doc);
        let raws = vec![
            raw_at(&w, "Josep Borrell", 0, EntType::Per),
            raw_at(&w, "European Union", 0, EntType::Org),
            raw_at(&w, "John Smith", 0, EntType::Per),
            raw_at(&w, "Britain", 0, EntType::Loc),
            raw_at(&w, "Ivan Petrov", 0, EntType::Per),
            raw_at(&w, "Russian", 0, EntType::Misc),
        ];
        let ents = resolve(&doc, &w, &raws);
        let borrell = &ents[0];
        assert_eq!(borrell.role.as_ref().map(|r| r.text.as_str()), Some("foreign policy chief"));
        assert_eq!(borrell.affiliation.as_deref(), Some("European Union"));
        let smith = ents.iter().find(|e| e.name == "John Smith").expect("smith");
        assert_eq!(smith.role.as_ref().map(|r| r.text.as_str()), Some("defence minister"));
        assert_eq!(smith.affiliation.as_deref(), Some("Britain"));
        let petrov = ents.iter().find(|e| e.name == "Ivan Petrov").expect("petrov");
        assert_eq!(petrov.role.as_ref().map(|r| r.text.as_str()), Some("leading the Russian delegation"));
        assert_eq!(petrov.affiliation.as_deref(), Some("Russian"));
    }

    #[test]
    fn pathological_repetition_is_handled() {
        // One long sentence of names, titles, acronyms and connectors: every
        // rule fires many times; this must stay near-linear.
        let unit = "Deputy Foreign Minister of State of the Ivan Smith , the Union of Free States UFS ".repeat(2000);
        let doc = Doc::from_text(&unit);
        let ents = extract_entities(&doc);
        let total: usize = ents.iter().map(|e| e.mentions.len()).sum();
        assert!(total <= doc.tokens.len());
        for e in &ents {
            for m in &e.mentions {
                assert!(m.start < m.end && m.end <= unit.chars().count());
            }
        }
    }

    #[test]
    fn titles_before_names_are_not_part_of_them() {
        let w = ["Dr", ".", "Valeria", "Gazzola", "Deputy", "Foreign", "Minister", "Sergei", "Ryabkov"];
        assert_eq!(skip_titles(&w, 0, 4), 2, "Dr . Valeria Gazzola");
        assert_eq!(skip_titles(&w, 4, 9), 7, "Deputy Foreign Minister Sergei Ryabkov");
        // Modifiers alone, a royal title, a lone title word: kept.
        assert_eq!(skip_titles(&["White", "Jack"], 0, 2), 0);
        assert_eq!(skip_titles(&["Pope", "Francis"], 0, 2), 0);
        assert_eq!(skip_titles(&["President"], 0, 1), 0);
        assert_eq!(skip_titles(&["president", "Biden"], 0, 2), 0, "lower case is not a title in a name");

        // Through the model and resolution: the surname with a title joins
        // the full name, and the title becomes the role.
        let text = "Legislator Tanya Chan said the bill was dead. Dr Valeria Gazzola of the \
                    Netherlands Institute for Neuroscience led the study. Dr Gazzola said more work was needed.";
        let doc = Doc::from_text(text);
        let ents = extract_entities(&doc);
        let person = |name: &str| ents.iter().find(|e| e.name == name);
        let g = person("Valeria Gazzola")
            .unwrap_or_else(|| panic!("{:?}", ents.iter().map(|e| &e.name).collect::<Vec<_>>()));
        assert_eq!(g.mentions.len(), 2, "{:?}", g.mentions);
        let chan =
            person("Tanya Chan").unwrap_or_else(|| panic!("{:?}", ents.iter().map(|e| &e.name).collect::<Vec<_>>()));
        assert_eq!(chan.role.as_ref().map(|r| r.text.as_str()), Some("Legislator"));
        assert!(
            ents.iter().all(|e| !e.name.starts_with("Dr")),
            "{:?}",
            ents.iter().map(|e| &e.name).collect::<Vec<_>>()
        );

        // A party descriptor before a name is not part of it.
        let text = "Democrat Spearman, a minister and former Army colonel, was first elected to the House.";
        let ents = extract_entities(&Doc::from_text(text));
        assert!(ents.iter().any(|e| e.name == "Spearman"), "{:?}", ents.iter().map(|e| &e.name).collect::<Vec<_>>());
        assert!(!ents.iter().any(|e| e.name == "Democrat Spearman"));

        // Police ranks are roles too (when the tagger takes the name for a
        // person's: "Trooper Ann Wise" comes out as an organisation).
        let text = "Sheriff Paul Bailey said the deputies found the car on Monday. Detective Inspector \
                    Steven Jones led the inquiry.";
        let doc = Doc::from_text(text);
        let ents = extract_entities(&doc);
        for (name, role) in [("Paul Bailey", "Sheriff"), ("Steven Jones", "Detective Inspector")] {
            let e = ents
                .iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("{name}: {:?}", ents.iter().map(|e| &e.name).collect::<Vec<_>>()));
            assert_eq!(e.role.as_ref().map(|r| r.text.as_str()), Some(role), "{name}");
        }
    }

    #[test]
    fn kinds_after_resolution_titles_roles_institutions_streets() {
        let kind_of = |text: &str, name: &str| {
            let doc = Doc::from_text(text);
            let ents = extract_entities(&doc);
            ents.iter()
                .find(|e| e.name == name)
                .map(|e| e.kind)
                .unwrap_or_else(|| panic!("{name}: {:?}", ents.iter().map(|e| (&e.name, e.kind)).collect::<Vec<_>>()))
        };
        // A role's word alone is no entity, and the ids stay e1, e2, ...
        for text in [
            "Worshippers in Lagos praised the Lord at the service on Sunday, the Pope sent a message, \
             and the MP for Bristol was there.",
            "Thousands of pilgrims gathered in Rome as the Pope arrived from the Vatican.",
        ] {
            let doc = Doc::from_text(text);
            let ents = extract_entities(&doc);
            for role in ["Lord", "Pope", "MP"] {
                assert!(!ents.iter().any(|e| e.name == role), "{role}: {ents:?}");
            }
            for (k, e) in ents.iter().enumerate() {
                assert_eq!(e.id, format!("e{}", k + 1));
            }
            assert!(!ents.is_empty());
        }
        // A role in the plural at a sentence's start is a group, no entity;
        // mid-sentence it is a name (a team).
        let text = "Detectives are investigating the shooting in Dayton. The Cardinals won again on Sunday.";
        let ents = extract_entities(&Doc::from_text(text));
        assert!(!ents.iter().any(|e| e.name == "Detectives"), "{ents:?}");
        assert!(ents.iter().any(|e| e.name == "Cardinals"), "{ents:?}");
        // So is a noun for a person at a sentence's or a line's start, a
        // time or a bullet before it, a sentence adverb there, a piece
        // of a name left alone, and a time zone.
        for (text, word) in [
            ("Boy, 4, injured in accidental shooting in Memphis.", "Boy"),
            ("0:39 Man describes finding vehicle in canal", "Man"),
            ("Additionally, police said the suspect fled on foot.", "Additionally"),
            ("He was shot in the 1800 block of N. 20th St. on Monday.", "St."),
            ("A man was shot and killed in the 2000 block of Northwest 18th Terrace, police said.", "Terrace"),
            ("The polls closed at 01:00 UTC on Wednesday in Wisconsin.", "UTC"),
            // A lone initial.
            ("Officers found two victims in the 3700 block of N. 37th Street early on Sunday.", "N."),
        ] {
            let ents = extract_entities(&Doc::from_text(text));
            assert!(!ents.iter().any(|e| e.name == word), "{ents:?}");
        }
        // Cars of a description are no people.
        let text = "Witnesses said the gunman fled in a red Dodge Charger, and police later found the car.";
        assert_ne!(kind_of(text, "Dodge Charger"), EntityKind::Person);
        use EntityKind::{Organization, Other, Person, Place};
        for (text, name, kind) in [
            // In-name titles lead people's names, whatever the tagger voted.
            (
                "Yesterday, the United Kingdom's Queen Elizabeth II announced she will comply with the request.",
                "Queen Elizabeth II",
                Person,
            ),
            ("Former athletics champion Lord Coe led the bid team to Singapore.", "Lord Coe", Person),
            // Institutions named after their place are organisations.
            ("He served in the United States Navy for ten years.", "United States Navy", Organization),
            ("A bill passed the Puerto Rico Senate on Friday.", "Puerto Rico Senate", Organization),
            ("Officers of the Virginia Beach Police arrested him.", "Virginia Beach Police", Organization),
            // Streets are places, unless a middle initial says person.
            ("The building on Karl Marx Avenue collapsed after the explosion.", "Karl Marx Avenue", Place),
            ("Officers were called to a home on Monica Drive at about 10 p.m.", "Monica Drive", Place),
            ("The crash happened on Volunteer Parkway in Bristol on Friday night.", "Volunteer Parkway", Place),
            // Where an address is written, an "organisation" is the street too.
            ("Police were called to the 100 block of South Aberdeen Street on Sunday.", "South Aberdeen Street", Place),
            ("The shooting happened on Federal Boulevard, police said.", "Federal Boulevard", Place),
            ("Downing Street said the prime minister would not comment.", "Downing Street", Organization),
            // State abbreviations of datelines, web platforms and technologies.
            ("NASHVILLE, Tenn. (AP) -- A two-year-old boy was shot on Sunday.", "Tenn.", Place),
            ("Residents of Hialeah took to Twitter to express their concerns.", "Twitter", Organization),
            ("Sony said the console would go on sale in March.", "Sony", Organization),
            ("Retailers reported strong sales over Christmas, with Nokia phones selling out.", "Nokia", Organization),
            ("Please enable Javascript to watch this video. A man was shot in Memphis.", "Javascript", Other),
            // Roads and channels keep their numbers.
            ("He was last seen running towards Interstate 5, police said.", "Interstate 5", Place),
            ("A minister told Channel 9's Michael Lopardi that the husband was home.", "Channel 9", Organization),
            // Counties and parishes voted people are places; "Crime" comes
            // back to "Stoppers".
            ("Deputies from Harris County responded to the call.", "Harris County", Place),
            ("Investigators with Avoyelles Parish said the boy died.", "Avoyelles Parish", Place),
            ("Anyone with information should call Crime Stoppers at 419-255-1111.", "Crime Stoppers", Organization),
            // Photo credits: newspapers and agencies voted people.
            (
                "The girl was shot near Felton. (Photo: Ivan Bliznetsov, Getty Images/iStockphoto)",
                "Getty Images",
                Organization,
            ),
            ("The deputy checks footage. (Christal Hays / Orlando Sentinel)", "Orlando Sentinel", Organization),
            // Tip lines are organisations; a vehicle type and God are things.
            ("Tips can be left with Crime Stoppers.", "Crime Stoppers", Organization),
            ("This HPD SUV had 21 bullet holes in it.", "SUV", Other),
            ("\"Only God knows what happened,\" a relative of the victim said.", "God", Other),
        ] {
            assert_eq!(kind_of(text, name), kind, "{name}");
        }
        // Page furniture is no entity.
        for (text, name) in [
            ("Image 1 of 8 Caption Close\n\nA detective investigates the scene in Houston.", "Caption Close"),
            ("Copyright 2016 Meredith Corporation. All Rights Reserved.", "All Rights Reserved"),
            ("Buy Photo\n\nThe victim was taken to Vanderbilt University Medical Center.", "Buy Photo"),
        ] {
            let ents = extract_entities(&Doc::from_text(text));
            assert!(!ents.iter().any(|e| e.name == name), "{name}: {ents:?}");
            assert!(!ents.is_empty(), "the rest of {text:?} is read");
        }
        // Neither rule touches these.
        for (text, name) in [
            ("He was taken to the King County Jail on Friday.", "King County Jail"),
            ("The Lord of the Rings won the award for best film.", "Lord of the Rings"),
            ("Reginald L. Street, 24, was charged with assault.", "Reginald L. Street"),
        ] {
            let doc = Doc::from_text(text);
            let k = extract_entities(&doc).into_iter().find(|e| e.name == name).map(|e| e.kind);
            assert!(
                !matches!((name, k), ("King County Jail" | "Lord of the Rings", Some(EntityKind::Person))),
                "{name}: {k:?}"
            );
            assert!(!matches!((name, k), ("Reginald L. Street", Some(EntityKind::Place))), "{name}: {k:?}");
        }
    }

    /// The entity stage's name and role for a person mention tagged over
    /// `phrase` (its first occurrence in `text`), as `extract_entities_with`
    /// makes them from a tagged span.
    fn ner_person(text: &str, phrase: &str) -> Option<(String, Option<String>)> {
        let doc = Doc::from_text(text);
        let w = words_of(&doc);
        let b0 = text.find(phrase)?;
        let b1 = b0 + phrase.len();
        let start = doc.tokens.iter().position(|t| t.start >= b0)?;
        let end = doc.tokens.iter().rposition(|t| t.end <= b1)? + 1;
        let s = person_name(&w, start, end)?;
        let ents = resolve(&doc, &w, &[Raw { ty: EntType::Per, start: s, end }]);
        let e = ents.first()?;
        Some((e.name.clone(), e.role.as_ref().map(|r| r.text.clone())))
    }

    /// The quote stage's speaker name for `"…," phrase said.` (no entities).
    fn quote_speaker(text: &str) -> Option<String> {
        let doc = Doc::from_text(text);
        let qs = crate::quotes::extract_quotes(&doc, &[]);
        Some(qs.first()?.speaker.as_ref()?.name.clone())
    }

    /// Every word of the shared title lexicon, capitalised before a name as
    /// in running text: the entity stage's person name and the quote stage's
    /// speaker name are the same. A word that ends a name (honorific, role
    /// head, descriptor) is left out of both, and a role head left out is the
    /// person's role; a title customary in names stays in both; a role
    /// modifier before a role head is part of the role, not of the name.
    #[test]
    fn every_title_word_means_the_same_to_both_stages() {
        let mut checked = 0;
        let mut bad = Vec::new();
        for &(word, ..) in titles::LEXICON {
            if titles::is_connector(word) || word.ends_with('-') {
                continue; // written in lower case / joined to the next word
            }
            let mut cap = word.to_string();
            cap[..1].make_ascii_uppercase();
            let dotted =
                matches!(word, "dr" | "mr" | "mrs" | "ms" | "prof" | "rev" | "sen" | "rep" | "gen" | "gov" | "lt");
            for form in [cap.clone(), format!("{cap}.")] {
                if form.ends_with('.') && !dotted {
                    continue;
                }
                let ends = titles::ends_name(&form);
                let modifier_only = !ends && !titles::is_in_name(&form);
                for name in ["Anna Berg", "Berg"] {
                    let (phrase, want, role) = if modifier_only {
                        (format!("{form} Minister {name}"), name.to_string(), Some(format!("{form} Minister")))
                    } else if ends {
                        (format!("{form} {name}"), name.to_string(), titles::is_role_head(word).then(|| form.clone()))
                    } else {
                        (format!("{form} {name}"), format!("{form} {name}"), None)
                    };
                    let text = format!("\"We will win,\" {phrase} said.");
                    let q = quote_speaker(&text);
                    let ner = ner_person(&text, &phrase);
                    let ner_name = ner.as_ref().map(|n| n.0.as_str());
                    let ner_role = ner.as_ref().and_then(|n| n.1.as_deref());
                    if q.as_deref() != Some(want.as_str())
                        || ner_name != Some(want.as_str())
                        || (role.is_some() && ner_role != role.as_deref())
                    {
                        bad.push(format!("{text}: want {want:?} role {role:?}, quotes {q:?}, entities {ner:?}"));
                    }
                    checked += 1;
                }
            }
        }
        assert!(bad.is_empty(), "{} of {checked}:\n{}", bad.len(), bad.join("\n"));
        assert!(checked > 2 * 200, "{checked}");
        // Modifiers alone stay in both names.
        for (phrase, want) in [("White Jack", "White Jack"), ("Former Deputy Anna Berg", "Anna Berg")] {
            let text = format!("\"We will win,\" {phrase} said.");
            assert_eq!(quote_speaker(&text).as_deref(), Some(want), "{text}");
            assert_eq!(ner_person(&text, phrase).map(|n| n.0).as_deref(), Some(want), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn never_panics_and_spans_are_exact(s in "\\PC{0,300}") {
            let doc = Doc::from_text(&s);
            let ents = extract_entities(&doc);
            for (i, e) in ents.iter().enumerate() {
                prop_assert_eq!(&e.id, &format!("e{}", i + 1));
                for m in &e.mentions {
                    let t: String = s.chars().skip(m.start).take(m.end - m.start).collect();
                    prop_assert_eq!(&t, &m.text);
                }
            }
        }

        #[test]
        fn capitalised_word_soup_never_panics(ws in proptest::collection::vec("[A-Z][a-z]{0,6}|[A-Z]{2,5}|of|and|,|'s|\\(|\\)", 0..80)) {
            let text = ws.join(" ");
            let doc = Doc::from_text(&text);
            let _ = extract_entities(&doc);
        }
    }
}
