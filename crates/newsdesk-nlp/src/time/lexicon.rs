//! Token-level lexicon for time expressions: every lookup is a `match` on
//! the ASCII-lowercased token text, so classification costs a few
//! comparisons per token and never allocates.

/// Calendar and clock units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// Month number (1-12) of a month name or abbreviation (with or without a dot).
pub fn month(w: &str) -> Option<u32> {
    Some(match w.strip_suffix('.').unwrap_or(w) {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// True when a month token is an abbreviation that is also a common word
/// ("mar", "may", "sep" are only months in clear date context).
pub fn ambiguous_month(w: &str) -> bool {
    matches!(w, "may" | "mar" | "jan" | "sep" | "dec" | "jun" | "jul" | "mar." | "march")
}

/// ISO weekday number (Monday = 1) of a weekday name or abbreviation.
pub fn weekday(w: &str) -> Option<u32> {
    Some(match w.strip_suffix('.').unwrap_or(w) {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// Plural weekday ("Tuesdays") for sets.
pub fn weekday_plural(w: &str) -> Option<u32> {
    match w.strip_suffix('s') {
        Some(s) if s.len() > 5 => weekday(s),
        _ => None,
    }
}

/// Cardinal number words below one hundred, and "dozen".
pub fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return compound_number(w),
    })
}

/// "twenty-one", "ninety-six".
fn compound_number(w: &str) -> Option<u32> {
    let (a, b) = w.split_once('-')?;
    let tens = number_word(a)?;
    let ones = number_word(b)?;
    (tens >= 20 && tens % 10 == 0 && (1..10).contains(&ones)).then_some(tens + ones)
}

/// Decade words: "twenties" .. "nineties" → 2..9.
pub fn decade_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

/// Ordinals: "first".."thirty-first", "1st", "22nd", "3rd", "4th".
pub fn ordinal(w: &str) -> Option<u32> {
    let n = match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "last" => return None,
        _ => {
            if let Some((a, b)) = w.split_once('-') {
                let tens = number_word(a)?;
                let ones = ordinal(b)?;
                return (tens >= 20 && tens % 10 == 0 && ones < 10).then_some(tens + ones);
            }
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &w[digits.len()..];
            if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if !matches!(suffix, "st" | "nd" | "rd" | "th") {
                return None;
            }
            return digits.parse().ok();
        }
    };
    Some(n)
}

/// Unit words, singular or plural: `(unit, plural)`.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Parts of the day and their TIMEX3 codes.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" | "overnight" => "NI",
        _ => return None,
    })
}

/// Seasons and their TIMEX3 codes.
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Vague quantities: "several", "few", "many", "some", "couple".
pub fn vague_quantity(w: &str) -> bool {
    matches!(w, "several" | "few" | "many" | "some" | "numerous" | "various" | "couple")
}

/// Time zone abbreviations that stay inside a time expression.
pub fn time_zone(w: &str) -> bool {
    matches!(w, "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "gmt" | "utc" | "et" | "bst" | "cet")
}

/// Reporting verbs: their tense is the time of the report, not of the event.
pub fn reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "reported"
            | "according"
            | "announced"
            | "noted"
            | "explained"
            | "stressed"
            | "insisted"
            | "warned"
            | "claimed"
    )
}

/// Irregular past tense forms that are not also participles of "be".
pub fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "went"
            | "came"
            | "took"
            | "made"
            | "met"
            | "began"
            | "won"
            | "lost"
            | "fell"
            | "rose"
            | "saw"
            | "gave"
            | "held"
            | "left"
            | "got"
            | "sold"
            | "bought"
            | "paid"
            | "kept"
            | "found"
            | "thought"
            | "brought"
            | "ran"
            | "struck"
            | "spoke"
            | "wrote"
            | "flew"
            | "led"
            | "fought"
            | "knew"
            | "became"
            | "broke"
            | "chose"
            | "drove"
            | "ate"
            | "hit"
            | "shot"
            | "sent"
            | "spent"
            | "stood"
            | "ended"
            | "killed"
            | "died"
            | "arrived"
            | "occurred"
            | "happened"
            | "ago"
            | "earlier"
            | "last"
            | "yesterday"
            | "previously"
            | "former"
    )
}

/// Words that point a sentence at the future.
pub fn future_cue(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "'ll"
            | "shall"
            | "wo"
            | "scheduled"
            | "expected"
            | "expects"
            | "planned"
            | "plans"
            | "plan"
            | "upcoming"
            | "ahead"
            | "next"
            | "coming"
            | "due"
            | "intends"
            | "tomorrow"
            | "forthcoming"
            | "going"
            | "hopes"
            | "would"
            | "await"
            | "awaits"
            | "awaiting"
            | "begins"
            | "starts"
            | "supposed"
            | "effective"
            | "payable"
    )
}

/// Nouns after "today's" that make it the present age rather than the day:
/// "today's world", "today's youth", "many of today's computers".
pub fn generic_present(w: &str) -> bool {
    matches!(
        w,
        "world"
            | "youth"
            | "young"
            | "society"
            | "generation"
            | "children"
            | "kids"
            | "culture"
            | "families"
            | "consumers"
            | "technology"
            | "personal"
            | "modern"
            | "global"
            | "economy"
    )
}
