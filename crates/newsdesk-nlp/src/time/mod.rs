//! Time expressions: recognition and TIMEX3 normalisation (TimeML / TempEval-3).
//!
//! Three steps over the doc's tokens, all hand-written scanning (no regexes
//! on raw text), linear in the number of tokens:
//!
//! 1. [`recognize`]: a small grammar finds each expression's extent as
//!    TempEval-3 annotates it and says what it means ([`recognize::Sem`]).
//! 2. Tense: each sentence gets a score from its verbs and cue words
//!    ("will", "scheduled", "ahead" vs. past tense forms; reporting verbs
//!    such as "said" do not count, they date the report, not the event).
//!    Weekday mentions also share evidence across the document: "Monday's
//!    talks" in one sentence and "the talks begin Monday" in another are
//!    the same Monday.
//! 3. [`normalize`]: values anchored on the publication date or on the last
//!    absolute date of the text (for "a year earlier", "the day before").
//!
//! [`timeml`] reads and writes TimeML documents and scores a tagger
//! against gold annotation with the TempEval-3 measures.

pub mod lexicon;
pub mod normalize;
pub mod recognize;
pub mod timeml;

use crate::Doc;
use chrono::{Datelike, NaiveDate};
use newsdesk_core::{Timex, TimexType};
use normalize::{Ctx, Gran};
use recognize::{Kind, Lx, Sem};

/// Finds and normalises every time expression of `doc`, anchored on the
/// publication date `published` (without one, relative expressions get
/// TIMEX3 values with `X` placeholders).
pub fn extract_times(doc: &Doc, published: Option<NaiveDate>) -> Vec<Timex> {
    let lower = doc.text.to_ascii_lowercase();
    let n = doc.tokens.len();
    let mut low = Vec::with_capacity(n);
    let mut orig = Vec::with_capacity(n);
    let mut sent_start = vec![false; n];
    let mut sent_of = vec![0usize; n];
    for t in &doc.tokens {
        low.push(&lower[t.start..t.end]);
        orig.push(&doc.text[t.start..t.end]);
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        if let Some(f) = sent_start.get_mut(s.tokens.start) {
            *f = true;
        }
        for k in s.tokens.clone() {
            if let Some(x) = sent_of.get_mut(k) {
                *x = si;
            }
        }
    }
    let lx = Lx { low, orig, sent_start };
    let matches = recognize::recognize(&lx);
    if matches.is_empty() {
        return Vec::new();
    }

    // Sentence tense, computed only for sentences holding an expression.
    let mut tense_cache: Vec<Option<f32>> = vec![None; doc.sentences.len()];
    let mut tense_of = |si: usize| -> f32 {
        if let Some(Some(t)) = tense_cache.get(si) {
            return *t;
        }
        let t = doc.sentences.get(si).map_or(0.0, |s| sentence_tense(&lx.low[s.tokens.clone()]));
        if let Some(c) = tense_cache.get_mut(si) {
            *c = Some(t);
        }
        t
    };
    // Weekday evidence pooled over the document.
    let mut weekday_pool = [0f32; 8];
    let mut weekday_count = [0f32; 8];
    let mut local = Vec::with_capacity(matches.len());
    for mt in &matches {
        let si = sent_of.get(mt.start).copied().unwrap_or(0);
        let t = tense_of(si) + window_tense(&lx.low, mt.start, mt.end, doc.sentences.get(si).map(|s| s.tokens.clone()));
        if let Some(wd) = bare_weekday(&mt.sem) {
            weekday_pool[wd as usize] += t;
            weekday_count[wd as usize] += 1.0;
        }
        local.push(t);
    }

    let mut out = Vec::with_capacity(matches.len());
    let mut reference: Option<(NaiveDate, Gran)> = None;
    let mut quarterly = false;
    let mut quarter_ref: Option<NaiveDate> = None;
    let mut ref_sent = 0usize;
    for (mt, &t) in matches.iter().zip(&local) {
        let tense = match bare_weekday(&mt.sem) {
            Some(wd) => {
                let others = weekday_count[wd as usize] - 1.0;
                if others > 0.0 {
                    t + 0.5 * (weekday_pool[wd as usize] - t) / others
                } else {
                    t
                }
            }
            None => t,
        };
        let ctx = Ctx { dct: published, reference, tense, quarterly, quarter_ref };
        // A clock time (or "the morning") in a past-tense sentence right after
        // a day before publication is on that day: "He was shot on Oct. 23.
        // ... He died at 10 p.m."
        let si = sent_of.get(mt.start).copied().unwrap_or(0);
        let on_ref_day = match (&mt.sem, reference, published) {
            (Sem::Clock { day: None, .. }, Some((r, Gran::Day)), Some(d))
            | (Sem::PartOfDay { day: None, .. }, Some((r, Gran::Day)), Some(d))
                if tense < 0.0
                    && r < d
                    && ref_sent + 1 >= si
                    && (matches!(mt.sem, Sem::Clock { .. }) || lx.low[mt.start] == "the") =>
            {
                Some(Box::new(Sem::Cal {
                    year: recognize::YearRef::Abs(r.year()),
                    month: r.month(),
                    day: Some(r.day()),
                }))
            }
            _ => None,
        };
        let sem = match (on_ref_day, &mt.sem) {
            (Some(day), Sem::Clock { hour, minute, .. }) => Sem::Clock { day: Some(day), hour: *hour, minute: *minute },
            (Some(day), Sem::PartOfDay { code, .. }) => Sem::PartOfDay { day: Some(day), code },
            _ => mt.sem.clone(),
        };
        let norm = normalize::normalize(&sem, &ctx);
        if let Some(r) = norm.sets_reference {
            reference = Some(r);
            ref_sent = si;
            // The latest named quarter of the past year that was over by
            // publication is the one the report is about ("third-quarter
            // profit rose ..."; a later "after a flat second quarter" is a
            // comparison), unless a fiscal quarter is named ("its fiscal
            // second quarter").
            if let (Sem::Quarter { q: Some(_), half: false, .. }, (first, Gran::Quarter), Some(d)) =
                (&mt.sem, r, published)
            {
                let fiscal = lx.low[mt.start.saturating_sub(1)..mt.end.min(n)].contains(&"fiscal");
                let done = normalize::add_months(first, 3).is_some_and(|end| end <= d)
                    && normalize::add_months(d, -12).is_some_and(|y| first >= y);
                if done && (fiscal || quarter_ref.is_none_or(|q| first > q)) {
                    quarter_ref = Some(first);
                }
            }
        }
        quarterly |= matches!(mt.sem, Sem::Quarter { half: false, .. });
        let (Some(first), Some(last)) = (doc.tokens.get(mt.start), doc.tokens.get(mt.end.saturating_sub(1))) else {
            continue;
        };
        let (bs, be) = (first.start, last.end);
        if bs >= be {
            continue;
        }
        let span = doc.offsets.span(bs, be);
        out.push(Timex {
            text: doc.text[bs..be].to_string(),
            start: span.start,
            end: span.end,
            kind: match norm.kind {
                Kind::Date => TimexType::Date,
                Kind::Time => TimexType::Time,
                Kind::Duration => TimexType::Duration,
                Kind::Set => TimexType::Set,
            },
            value: norm.value,
            anchor: norm.anchor.map(|d| normalize::fmt(d, Gran::Day)),
        });
    }
    out
}

/// The weekday of an expression whose direction comes from tense.
fn bare_weekday(sem: &Sem) -> Option<u32> {
    match sem {
        Sem::Weekday { wd, shift: 0 } => Some(*wd),
        Sem::PartOfDay { day: Some(d), .. } | Sem::Clock { day: Some(d), .. } => bare_weekday(d),
        _ => None,
    }
}

/// Tense evidence next to an expression: "Smith said Friday" dates the
/// saying (past) even though reporting verbs do not count sentence-wide;
/// "set to resume Monday" points forward.
fn window_tense(low: &[&str], start: usize, end: usize, sent: Option<std::ops::Range<usize>>) -> f32 {
    let sent = sent.unwrap_or(0..low.len());
    let lo = start.saturating_sub(3).max(sent.start);
    let hi = (end + 2).min(sent.end).min(low.len());
    let mut score = 0.0;
    for k in lo..hi {
        if k >= start && k < end {
            continue;
        }
        let w = low[k];
        if lexicon::reporting_verb(w) && w != "according" {
            score -= if matches!(w, "says" | "say" | "tells" | "adds") { 0.0 } else { 1.5 };
        } else if w == "to" && k > 0 && matches!(low[k - 1], "set" | "due" | "scheduled" | "expected" | "slated") {
            // "set to resume Monday"; but "had been due to expire Friday" is over
            let past = low[k.saturating_sub(3)..k - 1].iter().any(|x| matches!(*x, "had" | "was" | "were" | "been"));
            score += if past { -1.0 } else { 2.0 };
        } else if w == "soon" && k > 0 && low[k - 1] == "as" && low.get(k + 1) == Some(&"as") {
            // "as soon as Tuesday", "as soon as trading opens Monday"
            score += 1.5;
        } else if matches!(w, "since" | "until" | "by") && k + 1 == start {
            // "postponed until Tuesday", "extended its deadline until Friday":
            // a new date, ahead; "Until Thursday, they had not ..." is over
            let moved = k > 0
                && matches!(
                    low[k - 1],
                    "postponed" | "delayed" | "extended" | "adjourned" | "deferred" | "recessed" | "deadline" | "off"
                );
            score += match w {
                "since" => -3.0,
                "until" if moved => 3.0,
                _ => 0.5,
            };
        }
    }
    // "searching for him since shortly after the Oct. 23 slaying", "since
    // he was rescued in late November": what follows "since" is over
    let far = start.saturating_sub(10).max(sent.start);
    if (far..start.saturating_sub(1)).any(|k| low[k] == "since") {
        score -= 2.0;
    }
    // "did not plan to remove Elian on Thursday morning", "were likely to
    // buy its stock ... Monday": an intention's date lies ahead of it
    let far = start.saturating_sub(6).max(sent.start);
    if (far.max(1)..lo).any(|k| {
        low[k] == "to"
            && matches!(
                low[k - 1],
                "plan"
                    | "plans"
                    | "planned"
                    | "planning"
                    | "intend"
                    | "intends"
                    | "intended"
                    | "hope"
                    | "hopes"
                    | "want"
                    | "wants"
                    | "likely"
                    | "ready"
                    | "poised"
                    | "prepared"
                    | "promised"
                    | "vowed"
                    | "threatened"
            )
    }) {
        score += 2.0;
    }
    // "as soon as trading opens Monday": the clause looks forward
    let far = start.saturating_sub(7).max(sent.start);
    if (far..lo).any(|k| low[k] == "soon" && k > 0 && low[k - 1] == "as" && low.get(k + 1) == Some(&"as")) {
        score += 3.0;
    }
    // A fronted expression ("On Tuesday, the league plans to hold ...")
    // dates the main clause that follows the comma: its cues count twice...
    let fronted = (start == sent.start
        || (start == sent.start + 1 && matches!(low[sent.start], "on" | "by" | "late" | "early")))
        && low.get(end) == Some(&",");
    if fronted {
        let clause_end = (end + 1..sent.end.min(low.len()))
            .find(|&k| matches!(low[k], "," | "_" | "--" | ";" | "``" | "''"))
            .unwrap_or(sent.end.min(low.len()));
        // ... and replace the sentence-wide evidence of the other clauses
        score += 2.0 * sentence_tense(&low[(end + 1).min(clause_end)..clause_end])
            - sentence_tense(&low[sent.start..sent.end.min(low.len())]);
    }
    // Verbs and cues next to the expression count twice.
    score + sentence_tense(&low[lo..start.max(lo)]) + sentence_tense(&low[end.min(hi)..hi])
}

/// Tense evidence of a sentence (lowercased tokens): > 0 future, < 0 past.
pub fn sentence_tense(toks: &[&str]) -> f32 {
    let mut score = 0f32;
    for (k, &w) in toks.iter().enumerate() {
        let prev = if k > 0 { toks[k - 1] } else { "" };
        let next = toks.get(k + 1).copied().unwrap_or("");
        if lexicon::reporting_verb(w) {
            continue;
        }
        // "hopes were dashed", "vacation plans": nouns, not intentions
        if matches!(w, "hopes" | "plans" | "plan") && !matches!(next, "to" | "a" | "an" | "on") {
            continue;
        }
        if lexicon::future_cue(w) {
            score += match w {
                "will" | "'ll" | "shall" | "wo" => 1.5,
                "would" => 0.5,
                _ => 1.0,
            };
            continue;
        }
        // "is to be followed", "are to meet"
        if matches!(w, "is" | "are") && next == "to" {
            score += 1.0;
            continue;
        }
        if matches!(w, "was" | "were") {
            // A copula often describes a state at the time of the report.
            score -= 0.4;
            continue;
        }
        if lexicon::irregular_past(w) {
            score -= 1.0;
            continue;
        }
        // present perfect: "investigators have gathered evidence" reports
        // what is over
        if matches!(prev, "has" | "have")
            && w.len() > 4
            && w.ends_with("ed")
            && w.bytes().all(|b| b.is_ascii_lowercase())
        {
            score -= 0.7;
            continue;
        }
        // "unspecified", "unidentified": adjectives, not past tense verbs
        if w.len() > 4
            && w.ends_with("ed")
            && !w.starts_with("un")
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !matches!(
                prev,
                "is" | "are"
                    | "be"
                    | "been"
                    | "being"
                    | "was"
                    | "were"
                    | "has"
                    | "have"
                    | "had"
                    | "'s"
                    | "will"
                    | "to"
                    | "'re"
                    | "get"
                    | "gets"
                    | "got"
                    | "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "not"
            )
        {
            score -= 1.0;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str, dct: &str) -> Vec<(String, TimexType, String)> {
        let doc = Doc::from_text(text);
        let d = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        extract_times(&doc, d).into_iter().map(|t| (t.text, t.kind, t.value)).collect()
    }

    fn one(text: &str, dct: &str) -> (String, TimexType, String) {
        let v = tag(text, dct);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(one("It happened on Jan. 8, 1998, in Paris.", "2000-01-01").2, "1998-01-08");
        assert_eq!(one("Born 8 January 1998 in Paris.", "2000-01-01").2, "1998-01-08");
        assert_eq!(one("The plan dates from August 1988.", "1989-10-27").2, "1988-08");
        assert_eq!(one("It grew in the 1990s.", "2000-01-01").2, "199");
        assert_eq!(one("It was filed on 2022-01-09.", "2023-01-01").2, "2022-01-09");
        // numeric dates: a field above 12 decides; otherwise the order nearer the publication date
        assert_eq!(one("It was filed on 25/12/2021.", "2022-01-09").2, "2021-12-25");
        assert_eq!(one("It was filed on 12/25/2021.", "2022-01-09").2, "2021-12-25");
        assert_eq!(one("It was filed on 1/8/2022.", "2022-01-09").2, "2022-01-08");
        assert_eq!(one("It was filed on 8/1/2022.", "2022-01-09").2, "2022-01-08");
        assert_eq!(one("It was filed on 8/1/2022.", "2022-08-03").2, "2022-08-01");
        assert_eq!(one("It was filed on 08.01.2022 in Berlin.", "2022-01-09").2, "2022-01-08");
        assert_eq!(one("Profit rose in fiscal 1989.", "1989-11-02").2, "1989");
        assert_eq!(one("Sales peaked in '98.", "2001-05-01").2, "1998");
    }

    #[test]
    fn relative_dates() {
        assert_eq!(one("Sales fell last year.", "1989-10-27").2, "1988");
        // 2022-01-09 is the Sunday ending ISO week 1; the week before is 2021-W52.
        assert_eq!(one("Sales fell last week.", "2022-01-09").2, "2021-W52");
        assert_eq!(one("He left yesterday.", "1989-10-26").2, "1989-10-25");
        assert_eq!(one("The company said it was sold three years ago.", "1989-10-26").2, "1986");
        assert_eq!(one("Talks are expected in the coming week.", "2022-01-09").2, "2022-W02");
        assert_eq!(one("Results for the third quarter of 1990 rose.", "1989-10-26").2, "1990-Q3");
    }

    #[test]
    fn weekdays_follow_tense() {
        // A Sunday publication date.
        assert_eq!(one("The talks will begin on Monday.", "2022-01-09").2, "2022-01-10");
        assert_eq!(one("The talks ended on Monday.", "2022-01-09").2, "2022-01-03");
        assert_eq!(one("A meeting is scheduled for Wednesday.", "2022-01-09").2, "2022-01-12");
        assert_eq!(one("He spoke on Sunday.", "2022-01-09").2, "2022-01-09");
        // relative to the day the text is about, not to the publication date
        let v = tag("The fire broke out on Jan. 5, 2022. The previous Monday was calm.", "2022-01-09");
        assert_eq!(v[1].2, "2022-01-03");
        let v = tag("The fire broke out on Dec. 29, 2021. The previous Monday was calm.", "2022-01-09");
        assert_eq!(v[1].2, "2021-12-27");
    }

    #[test]
    fn durations_and_sets() {
        assert_eq!(
            one("It lasted two and a half years.", "2000-01-01"),
            ("two and a half years".into(), TimexType::Duration, "P2Y6M".into())
        );
        assert_eq!(one("Prices rose over the past 18 months.", "2000-01-01").2, "P18M");
        assert_eq!(one("It took a decade.", "2000-01-01").2, "P10Y");
        assert_eq!(one("They signed a two-year deal.", "2000-01-01").2, "P2Y");
        assert_eq!(
            one("They meet every Tuesday.", "2000-01-01"),
            ("every Tuesday".into(), TimexType::Set, "XXXX-WXX-2".into())
        );
        assert_eq!(one("It is reviewed annually.", "2000-01-01").1, TimexType::Set);
        assert_eq!(one("It took twenty-one days.", "2000-01-01").2, "P21D");
        assert_eq!(one("It took a minute and a half.", "2000-01-01").2, "PT1M30S");
        assert_eq!(one("Sales rose in the last half of 1989.", "2000-01-01").2, "1989-H2");
    }

    #[test]
    fn times_of_day() {
        assert_eq!(
            one("It starts at 3 p.m. in Geneva.", "2022-01-09"),
            ("3 p.m.".into(), TimexType::Time, "2022-01-09T15:00".into())
        );
        assert_eq!(one("A video on Sunday afternoon showed it.", "2022-01-09").2, "2022-01-09TAF");
    }

    #[test]
    fn extent_rules() {
        // prepositions and possessives stay out; articles and approximators in
        assert_eq!(one("Moscow's view of Monday's talks.", "2022-01-09").0, "Monday");
        assert_eq!(one("They waited for more than three years.", "2000-01-01").0, "more than three years");
        assert_eq!(one("They waited for nearly three years.", "2000-01-01").0, "three years");
        assert_eq!(one("He left nearly three years ago.", "2000-01-01").0, "nearly three years ago");
        assert_eq!(one("Profit in the third quarter rose.", "1989-10-26").0, "the third quarter");
    }

    #[test]
    fn month_guards() {
        assert!(tag("He may go. We march on.", "2000-01-01").is_empty());
        assert_eq!(one("It opened in May.", "2000-08-01").2, "2000-05");
    }

    #[test]
    fn report_quarter_follows_the_named_quarter() {
        let v = tag(
            "Delta's earnings soared in the fiscal first quarter. For the quarter, net rose from a year earlier.",
            "1989-10-26",
        );
        let vals: Vec<&str> = v.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(vals, ["1989-Q1", "1989-Q1", "1988-Q1"], "{v:?}");
        // a later, older quarter is a comparison, not the report's quarter
        let v = tag(
            "Third-quarter profit rose. After a flat second quarter, sales grew. Charges in the year-earlier period hurt.",
            "1989-11-01",
        );
        assert_eq!(v.last().map(|t| t.2.as_str()), Some("1988-Q3"), "{v:?}");
        let v = tag("Third-quarter net fell from the corresponding period last year.", "1989-11-01");
        assert_eq!(v[1], ("the corresponding period last year".into(), TimexType::Date, "1988-Q3".into()));
        assert_eq!(one("For the year, volume was flat.", "1989-11-02").2, "1989");
        let v = tag("In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.", "1989-10-31");
        assert_eq!((v[0].1, v[0].2.as_str()), (TimexType::Duration, "P1Y"));
        assert_eq!(v[1].2, "1989-01-31");
    }

    #[test]
    fn cues_for_direction_and_day() {
        // the day of a clock time after a parenthesis
        let v = tag("The blast occurred at 10:35 a.m. (0735 GMT) Friday.", "1998-08-08");
        assert_eq!(v[0], ("10:35 a.m.".into(), TimexType::Time, "1998-08-07T10:35".into()));
        // "since" earlier in the clause: the date is over
        let v = tag("Police have searched for him since shortly after the Oct. 23 slaying.", "1999-05-06");
        assert_eq!(v[0].2, "1998-10-23");
        // a new date ahead
        assert_eq!(one("Officials postponed until Tuesday morning any action.", "2000-03-30").2, "2000-04-04TMO");
        assert_eq!(one("It was the week of March 6.", "2000-02-24").2, "2000-W10");
        // a clock time in a past sentence right after a past day is on that day
        let v = tag("Slepian was shot on Oct. 23. He died at 10 p.m.", "1999-04-19");
        assert_eq!(v[1].2, "1998-10-23T22:00", "{v:?}");
        let v = tag("Prices fell sharply Friday. Dealers placed buy orders in the morning.", "1989-10-30");
        assert_eq!(v[1].2, "1989-10-27TMO", "{v:?}");
        assert_eq!(tag("He left at 10 p.m.", "1999-04-19")[0].2, "1999-04-19T22:00");
        // a fronted weekday dates the main clause, not the relative clauses
        let v = tag(
            "On Tuesday, the league plans to hold a news conference _ about an ad made before the doctor died _ in Albany.",
            "1998-10-26",
        );
        assert_eq!(v[0].2, "1998-10-27");
        let v = tag("The summit will be held on April 24 and 25.", "1999-02-10");
        let vals: Vec<&str> = v.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(vals, ["1999-04-24", "1999-04-25"]);
        let v = tag("He was cited at least twice from 1991 to 1997.", "2000-02-10");
        let vals: Vec<&str> = v.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(vals, ["1991", "1997"]);
        assert_eq!(one("It is a theme of our campaign until Election Day.", "1998-10-26").2, "1998-11-03");
        assert_eq!(one("By mid afternoon, officials were saying so.", "1998-03-06").2, "1998-03-06TAF");
        let v = tag("In Saudi Arabia, today is the eighth day of the operation.", "1990-08-15");
        assert_eq!(v[1], ("the eighth day".into(), TimexType::Date, "1990-08-15".into()));
    }

    #[test]
    fn rates_and_generic_uses() {
        assert_eq!(
            one("Exiles send $1 billion a year to their families.", "2000-02-24"),
            ("a year".into(), TimexType::Set, "P1Y".into())
        );
        assert!(tag("The case is for today's youth what the blockade was.", "2000-01-07").is_empty());
        assert!(tag("This is VOA Today.", "1998-03-31").is_empty());
        assert!(tag("The poster showed Gary Cooper in High Noon.", "1999-03-12").is_empty());
    }

    #[test]
    fn no_publication_date() {
        let v = tag("He left on Monday, a year ago.", "");
        assert_eq!(v[0].2, "XXXX-WXX-1");
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, dct: Option<NaiveDate>) {
        let doc = Doc::from_text(text);
        let n = text.chars().count();
        let mut last_end = 0;
        for t in extract_times(&doc, dct) {
            assert!(t.start < t.end && t.end <= n, "{t:?}");
            assert!(t.start >= last_end, "overlap: {t:?}");
            last_end = t.end;
            let s: String = text.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(s, t.text);
            assert!(!t.value.is_empty());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn arbitrary_strings_and_dates(text in "\\PC{0,200}", y in -300000i32..300000, doy in 1u32..367) {
            check(&text, NaiveDate::from_yo_opt(y, doy));
        }

        #[test]
        fn time_words_in_any_order(words in proptest::collection::vec(prop::sample::select(vec![
            "the", "last", "next", "Monday", "May", "1998", "'98", "two", "and", "a", "half", "years", "ago",
            "earlier", "week", "quarter", "third", "fiscal", "of", "every", "3", "p.m.", "10:30", "noon",
            "mid-1990s", "two-year", "Jan.", "8", ",", "9999", "0", "31", "31st", "twenty-one", "dozen",
            "the 1990s", "this", "past", "coming", "today", "2022-13-45", "99/99/9999", "1/2", "to", "or", "so",
            "more", "than", "at", "least", "Christmas", "Thanksgiving", "early", "late", "the end of", "-",
            "century", "20th", "decades-long", "year-earlier", "period", "weekend", "night", "morning",
        ]), 0..40), y in 1i32..9999, doy in 1u32..366) {
            check(&words.join(" "), NaiveDate::from_yo_opt(y, doy));
        }
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let text = "Last year, on Monday, two years ago, the day before, next month, in May, \
                    the third quarter, a year earlier, Christmas, this week, the 1990s, yesterday.";
        for d in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
        ] {
            check(text, Some(d));
        }
        check(text, None);
    }

    #[test]
    fn pathological_input_is_linear() {
        // A 1 MB line of digits, and long runs of words the grammar looks ahead over.
        let digits = "7".repeat(1 << 20);
        check(&digits, NaiveDate::from_ymd_opt(2022, 1, 9));
        let runs = [
            "more ".repeat(50_000),
            "the ".repeat(50_000),
            "two-year-".repeat(20_000),
            "1/2 ".repeat(50_000),
            "and a half ".repeat(20_000),
            "mid-".repeat(50_000),
        ];
        for r in runs {
            check(&r, NaiveDate::from_ymd_opt(2022, 1, 9));
        }
    }
}
