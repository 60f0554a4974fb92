//! Dates of sentences, for story timelines and for the "when" of an event.
//!
//! The analysis' own time expressions (`Analysis.times`, TIMEX3 values) are
//! used when present. Without them, a small fallback resolver finds the
//! common explicit and deictic dates of news text relative to the
//! publication date: "on Monday" (the last such day up to publication),
//! "yesterday", "today", "last night", "March 4", "4 March 2019",
//! "March 4, 2019". It is deliberately conservative: anything else has no date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<u32> {
    let lw = w.trim_end_matches('.');
    if lw.len() < 3 || lw.len() > 9 || !lw.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(lw)
                || (lw.len() == 3 && m[..3].eq_ignore_ascii_case(lw))
                || (*m == "september" && lw.eq_ignore_ascii_case("sept"))
        })
        .map(|i| i as u32 + 1)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    if w.len() < 6 || w.len() > 9 || !w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"day") {
        return None;
    }
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    DAYS.iter().find(|(n, _)| n.eq_ignore_ascii_case(w)).map(|(_, d)| *d)
}

/// Whether a word is a month or weekday name (not a name of a person or place).
pub fn is_calendar_word(w: &str) -> bool {
    weekday_of(w).is_some() || (w.len() > 3 && month_of(w).is_some())
}

/// The dates a sentence refers to, resolved against the publication date
/// `pub_date`. Returns at most a few dates, in text order.
pub fn resolve_dates(sentence: &str, pub_date: Option<NaiveDate>) -> Vec<NaiveDate> {
    let words: Vec<&str> = sentence.split(|c: char| !(c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() && out.len() < 4 {
        let w = words[i];
        let prev = if i > 0 { words[i - 1] } else { "" };
        if let Some(m) = month_of(w).filter(|_| w.len() > 3 || w.chars().next().is_some_and(char::is_uppercase)) {
            // "March 4[, 2019]"
            let day =
                words.get(i + 1).and_then(|d| d.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().ok());
            if let Some(d) = day.filter(|d| (1..=31).contains(d)) {
                let year = words.get(i + 2).and_then(|y| y.parse::<i32>().ok()).filter(|y| (1800..=2200).contains(y));
                if let Some(date) = explicit(year, m, d, pub_date) {
                    out.push(date);
                }
                i += 2;
                continue;
            }
            // "4 March [2019]"
            if let Some(d) =
                prev.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().ok().filter(|d| (1..=31).contains(d))
            {
                let year = words.get(i + 1).and_then(|y| y.parse::<i32>().ok()).filter(|y| (1800..=2200).contains(y));
                if let Some(date) = explicit(year, m, d, pub_date) {
                    out.push(date);
                }
            }
        } else if let (Some(wd), Some(p)) = (weekday_of(w), pub_date) {
            let next = prev.eq_ignore_ascii_case("next") || prev.eq_ignore_ascii_case("coming");
            if !next {
                // The last such weekday on or before publication.
                let back = (p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                out.push(p - Duration::days(back as i64));
            }
        } else if let Some(p) = pub_date {
            if w.eq_ignore_ascii_case("yesterday") {
                out.push(p - Duration::days(1));
            } else if w.eq_ignore_ascii_case("today") || w.eq_ignore_ascii_case("tonight") {
                out.push(p);
            } else if w.eq_ignore_ascii_case("night") && prev.eq_ignore_ascii_case("last") {
                out.push(p - Duration::days(1));
            }
        }
        i += 1;
    }
    out
}

fn explicit(year: Option<i32>, m: u32, d: u32, pub_date: Option<NaiveDate>) -> Option<NaiveDate> {
    match (year, pub_date) {
        (Some(y), _) => NaiveDate::from_ymd_opt(y, m, d),
        (None, Some(p)) => {
            // The nearest such date to publication, within half a year.
            let cand = NaiveDate::from_ymd_opt(p.year(), m, d)?;
            if cand > p + Duration::days(183) {
                NaiveDate::from_ymd_opt(p.year() - 1, m, d)
            } else if cand < p - Duration::days(183) {
                NaiveDate::from_ymd_opt(p.year() + 1, m, d)
            } else {
                Some(cand)
            }
        }
        (None, None) => None,
    }
}

/// The date of a TIMEX3 value when it names one day (`2019-08-31`, or a
/// longer value starting with one).
pub fn timex_day(value: &str) -> Option<NaiveDate> {
    value.get(..10).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn resolves_news_dates() {
        let p = Some(d("2022-01-09")); // a Sunday
        assert_eq!(resolve_dates("Blinken said on Sunday that", p), vec![d("2022-01-09")]);
        assert_eq!(resolve_dates("The shooting happened Friday night.", p), vec![d("2022-01-07")]);
        assert_eq!(resolve_dates("talks next Monday", p), vec![]);
        assert_eq!(resolve_dates("He died yesterday.", p), vec![d("2022-01-08")]);
        assert_eq!(resolve_dates("On March 4, 2019, it began", p), vec![d("2019-03-04")]);
        assert_eq!(resolve_dates("on 28 August 2019 the Queen", p), vec![d("2019-08-28")]);
        assert_eq!(resolve_dates("since December 30", p), vec![d("2021-12-30")]);
        let aug = Some(d("2019-08-29"));
        assert_eq!(resolve_dates("out by Oct. 31 at the latest", aug), vec![d("2019-10-31")]);
        assert_eq!(resolve_dates("as he did in March", aug), vec![]);
        assert_eq!(resolve_dates("He may go", p), vec![]);
        assert_eq!(resolve_dates("On Sunday", None), vec![]);
        assert!(is_calendar_word("Monday") && is_calendar_word("August") && !is_calendar_word("May"));
        assert_eq!(timex_day("2019-08-31T10:00"), Some(d("2019-08-31")));
        assert_eq!(timex_day("2019-W02"), None);
    }
}
