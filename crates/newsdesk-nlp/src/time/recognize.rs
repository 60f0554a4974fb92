//! Recognition: a hand-written grammar over the doc's tokens that finds the
//! extent of each time expression (TimeML extent rules: articles and
//! approximators in, prepositions and possessive `'s` out) and says what it
//! means as a [`Sem`], which `normalize` turns into a TIMEX3 value.

use super::lexicon::{self, Unit};

/// How the year of a partial date is found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YearRef {
    /// Written in the text.
    Abs(i32),
    /// Years after (before, when negative) the anchor's year: "last May", "June last year".
    Shift(i32),
    /// Whichever year the tense of the sentence points at.
    Ctx,
}

/// What an expression means, before it is anchored.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// Needs no anchor: `PRESENT_REF`, `199`, `P1D` sets, ...
    Fixed(Kind, String),
    /// A year written in the text (updates the reference time).
    Year(i32),
    /// Month (and day) with a year that may need resolving.
    Cal { year: YearRef, month: u32, day: Option<u32> },
    /// A weekday: shift 0 = by tense, -1 = "last", 1 = "next", 2 = "this",
    /// -3 = "the previous" and 3 = "the following" (relative to the reference time).
    Weekday { wd: u32, shift: i32 },
    /// today (0), yesterday (-1), tomorrow (1).
    DayOffset(i32),
    /// "this week" (0), "last month" (-1), "the coming year" (1).
    Deictic { unit: Unit, shift: i32 },
    /// A season: year shift from the anchor, or by tense, or written.
    Season { code: &'static str, year: YearRef },
    /// Quarter or half: `q` None = the quarter the text is about.
    Quarter { q: Option<u32>, half: bool, year: YearRef },
    /// n units before (-1) or after (1) the publication date or the reference time.
    Offset { n: Option<f64>, unit: Unit, dir: i32, from_ref: bool },
    /// n units (None: unspecified, "years", "several days").
    Duration { n: Option<f64>, unit: Unit },
    /// A clock time on a day (the day `None`: the publication date).
    Clock { day: Option<Box<Sem>>, hour: u32, minute: u32 },
    /// A part of a day: MO, AF, EV, NI.
    PartOfDay { day: Option<Box<Sem>>, code: &'static str },
    /// A weekend: by tense (0), or shifted.
    Weekend { shift: i32 },
    /// A numeric date whose fields fit both month/day orders: `a/b/year`.
    NumDate { year: i32, a: u32, b: u32, us_first: bool },
    /// A holiday on a fixed rule.
    Holiday { rule: Holiday, year: YearRef },
    /// The week of a date: "the week of March 6".
    WeekOf { year: YearRef, month: u32, day: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Date,
    Time,
    Duration,
    Set,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    Fixed(u32, u32),
    /// nth weekday of a month (n = 5: last).
    Nth {
        month: u32,
        wd: u32,
        n: u32,
    },
    /// US Election Day: the Tuesday after the first Monday of November.
    Election,
}

/// A recognised expression over tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
}

/// The tokens of a text as the grammar sees them.
pub struct Lx<'a> {
    /// Lowercased token texts.
    pub low: Vec<&'a str>,
    /// Original token texts.
    pub orig: Vec<&'a str>,
    /// Whether the token starts a sentence.
    pub sent_start: Vec<bool>,
}

impl<'a> Lx<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.low.get(i).copied().unwrap_or("")
    }
    fn o(&self, i: usize) -> &'a str {
        self.orig.get(i).copied().unwrap_or("")
    }
    fn capitalized(&self, i: usize) -> bool {
        self.o(i).chars().next().is_some_and(|c| c.is_uppercase())
    }
}

fn parse_u32(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Scans the whole token sequence; matches never overlap.
pub fn recognize(lx: &Lx) -> Vec<Match> {
    let mut out = Vec::new();
    let n = lx.low.len();
    let mut i = 0;
    while i < n {
        if let Some(m) = parse_at(lx, i) {
            i = m.end.max(i + 1);
            // "April 24 and 25": the second day of the same month
            let second = match m.sem {
                Sem::Cal { year, month, day: Some(_) } if matches!(lx.w(i), "and" | "or") => day_number(lx.w(i + 1))
                    .filter(|_| parse_u32(lx.w(i + 1)).is_some() && lexicon::unit(lx.w(i + 2)).is_none())
                    .filter(|_| !matches!(lx.w(i + 2), "%" | "percent" | "-"))
                    .map(|d| Match { start: i + 1, end: i + 2, sem: Sem::Cal { year, month, day: Some(d) } }),
                _ => None,
            };
            out.push(m);
            if let Some(s) = second {
                i = s.end;
                out.push(s);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Approximators TempEval keeps inside durations ("more than two years").
/// "about", "nearly", "almost" only stay with "ago" expressions; "only",
/// "just" never do.
const SOFT_APPROX: &[&str] = &["about", "around", "nearly", "almost", "approximately", "roughly", "some"];

fn approx_len(lx: &Lx, i: usize) -> usize {
    let (a, b, c) = (lx.w(i), lx.w(i + 1), lx.w(i + 2));
    if a == "no" && matches!(b, "more" | "less" | "fewer") && c == "than" {
        return 3;
    }
    if matches!(a, "more" | "less" | "fewer") && b == "than" {
        return 2;
    }
    if a == "at" && matches!(b, "least" | "most") {
        return 2;
    }
    if a == "up" && b == "to" {
        return 2;
    }
    if a == "over" && b != "the" {
        return 1;
    }
    if SOFT_APPROX.contains(&a) {
        return 1;
    }
    0
}

fn parse_at(lx: &Lx, i: usize) -> Option<Match> {
    // Approximators belong to durations and offsets ("nearly three years ago").
    let a = approx_len(lx, i);
    if a > 0 {
        if let Some(m) = parse_core(lx, i + a) {
            let soft = SOFT_APPROX.contains(&lx.w(i));
            let keep = match m.sem {
                Sem::Offset { from_ref: false, .. } => true,
                Sem::Duration { .. } | Sem::Offset { .. } => !soft,
                _ => false,
            };
            if keep {
                return Some(Match { start: i, ..m });
            }
        }
        return None;
    }
    // Modifiers of dates: "early next year", "late yesterday", "the end of 1990".
    let m = modifier_len(lx, i);
    if m > 0 {
        if let Some(core) = parse_core(lx, i + m) {
            let weekday = matches!(core.sem, Sem::Weekday { .. } | Sem::PartOfDay { day: Some(_), .. });
            if !weekday && !matches!(core.sem, Sem::Duration { .. } | Sem::Fixed(Kind::Set, _) | Sem::Offset { .. }) {
                return Some(Match { start: i, ..core });
            }
        }
    }
    parse_core(lx, i)
}

fn modifier_len(lx: &Lx, i: usize) -> usize {
    let (a, b, c) = (lx.w(i), lx.w(i + 1), lx.w(i + 2));
    if a == "the" && matches!(b, "end" | "beginning" | "start" | "middle" | "close" | "turn" | "rest") && c == "of" {
        return 3;
    }
    if matches!(a, "early" | "late" | "earlier" | "later" | "mid" | "middle") {
        return 1;
    }
    0
}

/// The longest expression starting exactly at token `i`.
fn parse_core(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    if w.is_empty() {
        return None;
    }
    let cands = [
        clock(lx, i),
        weekday_led(lx, i),
        month_led(lx, i),
        day_led(lx, i),
        year_led(lx, i),
        det_led(lx, i),
        number_led(lx, i),
        hyphenated(lx, i),
        deictic_word(lx, i),
        set_led(lx, i),
        holiday(lx, i),
        numeric_date(lx, i),
        anaphoric(lx, i),
    ];
    let mut best: Option<Match> = None;
    for c in cands.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| c.end > b.end) {
            best = Some(c);
        }
    }
    best
}

fn m(start: usize, end: usize, sem: Sem) -> Option<Match> {
    Some(Match { start, end, sem })
}

/// Month at token `i`, with the guards that keep "may" and "Mar" apart from
/// the modal and other words. `strict`: the next token must be a number.
fn month_at(lx: &Lx, i: usize) -> Option<u32> {
    let w = lx.w(i);
    let mo = lexicon::month(w)?;
    if !lx.capitalized(i) {
        return None;
    }
    let full = w.len() >= 5 || w == "may" || w == "june" || w == "july";
    let next_num = parse_u32(lx.w(i + 1)).is_some() || lexicon::ordinal(lx.w(i + 1)).is_some();
    if !full && !w.ends_with('.') && !next_num {
        return None;
    }
    if w == "may" || w == "march" {
        let prev = if i == 0 { "" } else { lx.w(i - 1) };
        let ok_prev = matches!(
            prev,
            "in" | "last"
                | "next"
                | "this"
                | "early"
                | "late"
                | "mid"
                | "since"
                | "until"
                | "by"
                | "of"
                | "during"
                | "through"
                | "from"
                | "to"
                | "before"
                | "after"
                | "between"
                | "and"
                | "till"
                | "on"
                | "or"
        );
        let ok_next = next_num || matches!(lx.w(i + 1), "," | "." | ";");
        // "the March accession": a month naming the time of a noun
        let attributive = w == "march"
            && prev == "the"
            && lx.w(i + 1).len() > 3
            && lx.w(i + 1).bytes().all(|b| b.is_ascii_lowercase())
            && !matches!(lx.w(i + 1), "on" | "from" | "past" | "through" | "toward" | "towards" | "into" | "against");
        if attributive {
            return Some(mo);
        }
        if !(ok_prev || next_num || (ok_next && !lx.sent_start.get(i).copied().unwrap_or(true) && !prev.is_empty())) {
            return None;
        }
        if w == "may" && !ok_prev && !next_num {
            return None;
        }
    }
    Some(mo)
}

/// A four-digit year (1700-2099) at token `i`.
fn year_at(lx: &Lx, i: usize) -> Option<i32> {
    let w = lx.w(i);
    if w.len() == 4 {
        let y = parse_u32(w)?;
        if !(1700..=2099).contains(&y) {
            return None;
        }
        if i > 0 && matches!(lx.w(i - 1), "$" | "#" | "no." | "£" | "€" | "us$" | "nos.") {
            return None;
        }
        let next = lx.w(i + 1);
        let prev = if i > 0 { lx.w(i - 1) } else { "" };
        // "from 1991 to 1997", "in 1980 to more than 300,000": years, not a
        // range of quantities
        let range = matches!(prev, "in" | "since")
            || (matches!(prev, "from" | "between")
                && lx.w(i + 2).len() == 4
                && parse_u32(lx.w(i + 2)).is_some_and(|z| (1700..=2099).contains(&z)));
        if matches!(next, "%" | "percent" | "pct" | "per") || (matches!(next, "to" | "-") && !range) {
            return None;
        }
        return Some(y as i32);
    }
    // '98
    let rest = w.strip_prefix('\'').or_else(|| w.strip_prefix('’'))?;
    // "''60 Minutes": a title
    if rest.len() == 2 && !(lx.capitalized(i + 1) && lexicon::unit(lx.w(i + 1)).is_some()) {
        let yy = parse_u32(rest)? as i32;
        return Some(if yy < 30 { 2000 + yy } else { 1900 + yy });
    }
    None
}

fn day_number(w: &str) -> Option<u32> {
    let d = parse_u32(w).or_else(|| lexicon::ordinal(w))?;
    (1..=31).contains(&d).then_some(d)
}

/// "Jan. 8, 1998", "August 7", "August 1988", "January this year", "June last year", "January".
fn month_led(lx: &Lx, i: usize) -> Option<Match> {
    let mo = month_at(lx, i)?;
    let mut j = i + 1;
    if let Some(d) = day_number(lx.w(j)) {
        j += 1;
        // optional ", 1998" or " 1998"
        let k = if lx.w(j) == "," { j + 1 } else { j };
        if let Some(y) = year_at(lx, k) {
            return m(i, k + 1, Sem::Cal { year: YearRef::Abs(y), month: mo, day: Some(d) });
        }
        return m(i, j, Sem::Cal { year: YearRef::Ctx, month: mo, day: Some(d) });
    }
    let k = if lx.w(j) == "," || lx.w(j) == "of" { j + 1 } else { j };
    if let Some(y) = year_at(lx, k) {
        return m(i, k + 1, Sem::Cal { year: YearRef::Abs(y), month: mo, day: None });
    }
    if let Some(s) = year_shift(lx.w(j), lx.w(j + 1)) {
        return m(i, j + 2, Sem::Cal { year: YearRef::Shift(s), month: mo, day: None });
    }
    m(i, j, Sem::Cal { year: YearRef::Ctx, month: mo, day: None })
}

/// "this year" (0), "last year" (-1), "next year" (1).
fn year_shift(a: &str, b: &str) -> Option<i32> {
    if b != "year" {
        return None;
    }
    shift_word(a).filter(|s| (-1..=1).contains(s))
}

fn shift_word(w: &str) -> Option<i32> {
    Some(match w {
        "this" | "current" => 0,
        "last" | "past" | "previous" | "prior" | "preceding" => -1,
        "next" | "coming" | "following" | "upcoming" => 1,
        _ => return None,
    })
}

/// "8 January 1998", "the 8th of January".
fn day_led(lx: &Lx, i: usize) -> Option<Match> {
    let (start, di) = if lx.w(i) == "the" { (i, i + 1) } else { (i, i) };
    let d = day_number(lx.w(di))?;
    let mut j = di + 1;
    if lx.w(j) == "of" {
        j += 1;
    }
    let mo = month_at(lx, j)?;
    j += 1;
    let k = if lx.w(j) == "," { j + 1 } else { j };
    if let Some(y) = year_at(lx, k) {
        return m(start, k + 1, Sem::Cal { year: YearRef::Abs(y), month: mo, day: Some(d) });
    }
    m(start, j, Sem::Cal { year: YearRef::Ctx, month: mo, day: Some(d) })
}

fn weekday_at(lx: &Lx, i: usize) -> Option<u32> {
    let w = lx.w(i);
    let wd = lexicon::weekday(w)?;
    if !lx.capitalized(i) {
        return None;
    }
    // Short forms only with their dot ("Sun." not "Sun Microsystems").
    if w.len() <= 5 && !w.ends_with('.') && !w.ends_with("day") {
        return None;
    }
    Some(wd)
}

/// "Friday", "Friday morning", "Saturday, April 25", "Tuesdays".
fn weekday_led(lx: &Lx, i: usize) -> Option<Match> {
    if let Some(wd) = lexicon::weekday_plural(lx.w(i)) {
        if lx.capitalized(i) {
            return m(i, i + 1, Sem::Fixed(Kind::Set, format!("XXXX-WXX-{wd}")));
        }
    }
    let wd = weekday_at(lx, i)?;
    let j = i + 1;
    // "Saturday, April 25" / "Friday Oct. 13"
    let k = if lx.w(j) == "," { j + 1 } else { j };
    if let Some(cal) = month_led(lx, k) {
        if matches!(cal.sem, Sem::Cal { day: Some(_), .. }) {
            return m(i, cal.end, cal.sem);
        }
    }
    if let Some(code) = lexicon::part_of_day(lx.w(j)) {
        if lx.w(j).ends_with('s') {
            return m(i, j + 1, Sem::Fixed(Kind::Set, format!("XXXX-WXX-{wd}T{code}")));
        }
        return m(i, j + 1, Sem::PartOfDay { day: Some(Box::new(Sem::Weekday { wd, shift: 0 })), code });
    }
    m(i, j, Sem::Weekday { wd, shift: 0 })
}

/// "3 p.m.", "10:30 a.m. EST", "noon Thursday", "10 p.m. Wednesday", "4 in the morning".
fn clock(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    // "High Noon", "high noon comes today": a figure of speech
    if w == "noon" && i > 0 && lx.w(i - 1) == "high" {
        return None;
    }
    let (hour, minute, mut j) = if matches!(w, "noon" | "midday") {
        (12, 0, i + 1)
    } else if w == "midnight" {
        (24, 0, i + 1)
    } else {
        let (h, mi, suffix) = split_clock(w)?;
        let mut j = i + 1;
        let mut ampm = suffix;
        if ampm.is_none() {
            let nw = lx.w(j);
            let norm = nw.trim_end_matches('.');
            if matches!(norm, "a.m" | "am") {
                ampm = Some(false);
                j += 1;
            } else if matches!(norm, "p.m" | "pm") {
                ampm = Some(true);
                j += 1;
            } else if nw == "o'clock" {
                j += 1;
                ampm = Some(false);
            }
        }
        if ampm.is_none() {
            // "4 in the morning"
            if lx.w(j) == "in" && lx.w(j + 1) == "the" {
                if let Some(code) = lexicon::part_of_day(lx.w(j + 2)) {
                    let pm = matches!(code, "AF" | "EV") || (code == "NI" && h >= 6);
                    let hh = if pm && h < 12 { h + 12 } else { h };
                    return m(i, j + 3, Sem::Clock { day: paren_day(lx, j + 3), hour: hh, minute: mi });
                }
            }
            // bare "10:30" only with a colon
            if !w.contains(':') || h > 24 {
                return None;
            }
        }
        let h = match ampm {
            Some(true) if h < 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ => h,
        };
        if h > 24 || mi > 59 {
            return None;
        }
        (h, mi, j)
    };
    if lexicon::time_zone(lx.w(j)) {
        j += 1;
    }
    // attached day: "Wednesday", "today", "Nov. 9"
    let day = if let Some(wd) = weekday_at(lx, j) {
        j += 1;
        Some(Box::new(Sem::Weekday { wd, shift: 0 }))
    } else if let Some(off) = day_offset(lx.w(j)) {
        j += 1;
        Some(Box::new(Sem::DayOffset(off)))
    } else if let Some(cal) = month_led(lx, j).filter(|c| matches!(c.sem, Sem::Cal { day: Some(_), .. })) {
        j = cal.end;
        Some(Box::new(cal.sem))
    } else {
        paren_day(lx, j)
    };
    m(i, j, Sem::Clock { day, hour, minute })
}

/// The day of a clock time given in a parenthesis after it or right after
/// the parenthesis: "10:35 a.m. (0735 GMT) Friday", "at 4 in the morning
/// (4 a.m. EDT Thursday)". The parenthesis stays outside the extent.
fn paren_day(lx: &Lx, j: usize) -> Option<Box<Sem>> {
    if lx.w(j) != "(" {
        return None;
    }
    let close = (j + 1..j + 8).find(|&k| lx.w(k) == ")")?;
    (j + 1..=close + 1).find_map(|k| weekday_at(lx, k).map(|wd| Box::new(Sem::Weekday { wd, shift: 0 })))
}

/// "10:30", "3", "3pm", "10:30am" → (hour, minute, Some(pm) if a suffix said so).
fn split_clock(w: &str) -> Option<(u32, u32, Option<bool>)> {
    let (body, ampm) = if let Some(b) = w.strip_suffix("pm").or_else(|| w.strip_suffix("p.m.")) {
        (b, Some(true))
    } else if let Some(b) = w.strip_suffix("am").or_else(|| w.strip_suffix("a.m.")) {
        (b, Some(false))
    } else {
        (w, None)
    };
    let (h, mi) = match body.split_once(':') {
        Some((h, mi)) => {
            if mi.len() != 2 {
                return None;
            }
            (parse_u32(h)?, parse_u32(mi)?)
        }
        None => (parse_u32(body)?, 0),
    };
    if h > 24 || (ampm.is_some() && (h == 0 || h > 12)) {
        return None;
    }
    Some((h, mi, ampm))
}

fn day_offset(w: &str) -> Option<i32> {
    Some(match w {
        "today" => 0,
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => return None,
    })
}

/// Years, decades, centuries, fiscal years: "1998", "'98", "1990s", "fiscal 1989".
fn year_led(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    if w == "fiscal" {
        let mut j = i + 1;
        if lx.w(j) == "year" {
            j += 1;
        }
        if let Some(y) = year_at(lx, j) {
            return m(i, j + 1, Sem::Year(y));
        }
        return None;
    }
    if let Some(d) = decade_token(w) {
        // "in his 30s" is an age
        let prev = if i == 0 { "" } else { lx.w(i - 1) };
        if w.len() <= 4 && matches!(prev, "his" | "her" | "their" | "my" | "your" | "our" | "mid" | "early" | "late") {
            return None;
        }
        return m(i, i + 1, Sem::Fixed(Kind::Date, d));
    }
    // "nineteen ninety-six"
    if let (Some(a), Some(b)) = (lexicon::number_word(w), lexicon::number_word(lx.w(i + 1))) {
        if (11..=20).contains(&a) && (10..=99).contains(&b) && lx.w(i + 1).contains('-') || (a == 19 && b >= 10) {
            return m(i, i + 2, Sem::Year((a * 100 + b) as i32));
        }
    }
    let y = year_at(lx, i)?;
    // "1990 or later"? keep the year only.
    m(i, i + 1, Sem::Year(y))
}

/// "1990s", "'90s", "90s", "1800s" (a century when it ends in 00s).
fn decade_token(w: &str) -> Option<String> {
    let body = w.strip_suffix("s")?;
    let body = body.strip_suffix('\'').unwrap_or(body);
    let digits = body.trim_start_matches(['\'', '’']);
    match digits.len() {
        4 => {
            let y = parse_u32(digits)?;
            if !(1000..=2090).contains(&y) || y % 10 != 0 {
                return None;
            }
            if y % 100 == 0 && y < 2000 {
                return Some(format!("{}", y / 100));
            }
            Some(format!("{}", y / 10))
        }
        2 => {
            let y = parse_u32(digits)?;
            if y % 10 != 0 {
                return None;
            }
            let c = if y < 30 { 20 } else { 19 };
            Some(format!("{}{}", c, y / 10))
        }
        _ => None,
    }
}

/// Numbers: digits, words, "a", "a couple of", "two and a half", "2 1/2".
/// Returns (value or None for vague, next token).
fn number(lx: &Lx, i: usize) -> Option<(Option<f64>, usize)> {
    let w = lx.w(i);
    let half = (matches!(w, "a" | "an" | "one") && lx.w(i + 1) == "half")
        || (w == "half" && matches!(lx.w(i + 1), "a" | "an"));
    let (mut v, mut j) = if half {
        (0.5, i + 2)
    } else if matches!(w, "a" | "an") {
        match lx.w(i + 1) {
            "couple" if lx.w(i + 2) == "of" => (2.0, i + 3),
            "couple" => (2.0, i + 2),
            "few" => return Some((None, i + 2)),
            "dozen" => (12.0, i + 2),
            "hundred" => (100.0, i + 2),
            "thousand" => (1000.0, i + 2),
            _ => (1.0, i + 1),
        }
    } else if w == "couple" && lx.w(i + 1) == "of" {
        (2.0, i + 2)
    } else if lexicon::vague_quantity(w) {
        let j = if lx.w(i + 1) == "of" { i + 2 } else { i + 1 };
        return Some((None, j));
    } else if matches!(w, "dozens" | "hundreds" | "thousands") && lx.w(i + 1) == "of" {
        return Some((None, i + 2));
    } else if let Some(n) = lexicon::number_word(w) {
        let mut v = n as f64;
        let mut j = i + 1;
        // "twenty four"
        if n >= 20 && n % 10 == 0 {
            if let Some(o) = lexicon::number_word(lx.w(j)).filter(|o| (1..10).contains(o)) {
                v += o as f64;
                j += 1;
            }
        }
        if matches!(lx.w(j), "hundred" | "thousand") {
            v *= if lx.w(j) == "hundred" { 100.0 } else { 1000.0 };
            j += 1;
        }
        (v, j)
    } else {
        let digits: String = w.chars().filter(|&c| c != ',').collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') || digits.len() > 9 {
            return None;
        }
        let v: f64 = digits.parse().ok()?;
        (v, i + 1)
    };
    // "and a half", "1/2", "to 18" (a range is vague)
    if lx.w(j) == "and" && matches!(lx.w(j + 1), "a" | "one") && lx.w(j + 2) == "half" {
        v += 0.5;
        j += 3;
    } else if lx.w(j) == "1/2" || lx.w(j) == "½" {
        v += 0.5;
        j += 1;
    } else if matches!(lx.w(j), "to" | "or" | "-")
        && parse_u32(lx.w(j + 1)).or(lexicon::number_word(lx.w(j + 1))).is_some()
        && lexicon::unit(lx.w(j + 2)).is_some()
    {
        return Some((None, j + 2));
    }
    Some((Some(v), j))
}

/// Skips at most two adjuncts ("two more trading days"); bounded so that a
/// run of them costs constant work per position.
fn skip_adjuncts(lx: &Lx, mut j: usize) -> usize {
    for _ in 0..2 {
        if is_adjunct(lx.w(j)) {
            j += 1;
        }
    }
    j
}

fn is_adjunct(w: &str) -> bool {
    matches!(
        w,
        "more"
            | "additional"
            | "straight"
            | "consecutive"
            | "full"
            | "trading"
            | "business"
            | "calendar"
            | "long"
            | "whole"
            | "extra"
            | "working"
    )
}

/// "two years", "18 months ago", "a year earlier", "two and a half years", "a decade".
fn number_led(lx: &Lx, i: usize) -> Option<Match> {
    let (n, mut j) = number(lx, i)?;
    if matches!(lx.w(i), "a" | "an")
        && n == Some(1.0)
        && i > 0
        && matches!(lx.w(i - 1), "once" | "twice" | "thrice" | "times")
    {
        let (u, plural) = lexicon::unit(lx.w(j))?;
        if !plural {
            return m(i, j + 1, Sem::Fixed(Kind::Set, duration_value(Some(1.0), u)));
        }
        return None;
    }
    j = skip_adjuncts(lx, j);
    let (unit, plural) = lexicon::unit(lx.w(j))?;
    // Ages ("52 years old") are not time expressions in TimeBank.
    if lx.w(j + 1) == "old" {
        return None;
    }
    // "a second term", "a quarter of the shares": ordinals and fractions.
    if matches!(lx.w(i), "a" | "an") && !plural {
        // "$1.76 a year", "five flights a week": a rate, not a time
        let prev = if i == 0 { "" } else { lx.w(i - 1) };
        let rate = prev.bytes().next().is_some_and(|b| b.is_ascii_digit())
            || matches!(prev, "%" | "percent" | "million" | "billion" | "thousand" | "cents" | "dollars" | "each")
            || (prev.len() > 3
                && prev.ends_with('s')
                && prev.bytes().all(|b| b.is_ascii_lowercase())
                && lexicon::unit(prev).is_none()
                && !matches!(prev, "was" | "has" | "is" | "this" | "thus" | "plus" | "less" | "across" | "towards"));
        if rate && !matches!(lx.w(j + 1), "ago" | "earlier" | "later" | "before" | "after" | "or") {
            return None;
        }
        let next = lx.w(j + 1);
        if unit == Unit::Second && next.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        if unit == Unit::Quarter && matches!(next, "of" | "point" | "percent" | "%" | "cent") {
            return None;
        }
    }
    if matches!(lx.w(i), "some") && unit == Unit::Day && lx.w(j) == "day" {
        return None;
    }
    j += 1;
    // "a minute and a half", "an hour and a half"
    let mut n = n;
    if lx.w(j) == "and" && lx.w(j + 1) == "a" && lx.w(j + 2) == "half" && !plural {
        n = n.map(|v| v + 0.5);
        j += 3;
    }
    Some(with_direction(lx, i, j, n, unit))
}

/// Adds "ago", "earlier", "later", "before", "after", "from now" to a duration.
fn with_direction(lx: &Lx, i: usize, j: usize, n: Option<f64>, unit: Unit) -> Match {
    // "a week or so ago"
    let j = if lx.w(j) == "or" && lx.w(j + 1) == "so" && matches!(lx.w(j + 2), "ago" | "earlier") { j + 2 } else { j };
    let next = lx.w(j);
    let after_next = lx.w(j + 1);
    let closes = |w: &str| matches!(w, "" | "," | "." | ";" | ":" | ")" | "\"" | "''" | "and" | "--" | "that" | "when");
    let (dir, from_ref, len) = match next {
        "ago" => (-1, false, 1),
        "earlier" => (-1, true, 1),
        "before" if closes(after_next) => (-1, true, 1),
        "from" if after_next == "now" => (1, false, 2),
        "hence" => (1, false, 1),
        _ => (0, false, 0),
    };
    if dir == 0 {
        // "the next year or so", "two weeks or so"
        let end = if next == "or" && after_next == "so" { j + 2 } else { j };
        return Match { start: i, end, sem: Sem::Duration { n, unit } };
    }
    Match { start: i, end: j + len, sem: Sem::Offset { n, unit, dir, from_ref } }
}

/// Hyphenated tokens: "two-year", "30-day", "8-month-old", "third-quarter",
/// "year-earlier", "year-end", "mid-November", "mid-1990s", "post-1959".
fn hyphenated(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    let (a, rest) = w.split_once('-')?;
    let (b, tail) = match rest.split_once('-') {
        Some((b, t)) => (b, t),
        None => (rest, ""),
    };
    if a == "mid" || a == "pre" || a == "post" || a == "early" || a == "late" {
        // A few tokens of lookahead are all a date needs; copy no more.
        let hi = (i + 4).min(lx.low.len());
        let lo = (i + 1).min(hi);
        let orig_rest = lx.o(i).get(a.len() + 1..).unwrap_or("");
        let sub = Lx {
            low: std::iter::once(rest).chain(lx.low[lo..hi].iter().copied()).collect(),
            orig: std::iter::once(orig_rest).chain(lx.orig[lo..hi].iter().copied()).collect(),
            sent_start: std::iter::once(false).chain(lx.sent_start[lo..hi].iter().copied()).collect(),
        };
        let core = month_led(&sub, 0).or_else(|| year_led(&sub, 0))?;
        return m(i, i + core.end, core.sem);
    }
    // "the fiscal-first quarter"
    if a == "fiscal" && tail.is_empty() && lx.w(i + 1) == "quarter" {
        if let Some(q) = lexicon::ordinal(b).filter(|q| (1..=4).contains(q)) {
            let start = if i > 0 && lx.w(i - 1) == "the" { i - 1 } else { i };
            return m(start, i + 2, Sem::Quarter { q: Some(q), half: false, year: YearRef::Ctx });
        }
    }
    // ordinal-quarter / ordinal-half
    if let Some(q) = lexicon::ordinal(a) {
        if tail.is_empty() && (b == "quarter" || b == "half") {
            let half = b == "half";
            if (half && q <= 2) || (!half && q <= 4) {
                return m(i, i + 1, Sem::Quarter { q: Some(q), half, year: YearRef::Ctx });
            }
        }
        return None;
    }
    if a == "year" {
        return match rest {
            "earlier" | "ago" => {
                let mut j = i + 1;
                if matches!(lx.w(j), "period" | "quarter") {
                    j += 1;
                }
                m(i, j, Sem::Quarter { q: None, half: false, year: YearRef::Shift(-1) })
            }
            "end" => m(i, i + 1, Sem::Deictic { unit: Unit::Year, shift: 0 }),
            "long" => m(i, i + 1, Sem::Duration { n: Some(1.0), unit: Unit::Year }),
            _ => None,
        };
    }
    // NUM-UNIT[-old|-long]
    let n = if let Some(v) = lexicon::number_word(a) {
        Some(v as f64)
    } else if let Some(v) = parse_u32(a) {
        Some(v as f64)
    } else if matches!(a, "several" | "multi" | "many") {
        None
    } else if let Some((u, _)) = lexicon::unit(a) {
        // "day-long", "decades-long", "week-long"
        if rest == "long" {
            let plural = a.ends_with('s');
            return m(i, i + 1, Sem::Duration { n: (!plural).then_some(1.0), unit: u });
        }
        return None;
    } else {
        return None;
    };
    let (unit, plural) = lexicon::unit(b)?;
    // Ages ("6-year-old") are not time expressions in TimeBank.
    if plural || !matches!(tail, "" | "long") {
        return None;
    }
    m(i, i + 1, Sem::Duration { n, unit })
}

/// Expressions led by a determiner or a shift word: "the third quarter",
/// "last week", "this spring", "the past 18 months", "the 1990s", "the day before".
fn det_led(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    let the = matches!(w, "the" | "its" | "their");
    let j = if the { i + 1 } else { i };
    let start = if w == "the" || !the { i } else { i + 1 };
    let head = lx.w(j);
    // "the 1990s", "the nineties", "the 20th century", "the '90s"
    if the {
        let mut k = j;
        if matches!(lx.w(k), "early" | "late" | "mid") {
            k += 1;
        }
        if let Some(d) = decade_token(lx.w(k)) {
            return m(start, k + 1, Sem::Fixed(Kind::Date, d));
        }
        if let Some(d) = lexicon::decade_word(lx.w(k)) {
            return m(start, k + 1, Sem::Fixed(Kind::Date, format!("19{d}")));
        }
        if let Some(c) = lexicon::ordinal(lx.w(k)) {
            if lx.w(k + 1) == "century" && (1..=21).contains(&c) {
                return m(start, k + 2, Sem::Fixed(Kind::Date, format!("{:02}", c - 1)));
            }
        }
        match (lx.w(j), lx.w(j + 1)) {
            ("future", _) if lx.w(j + 1) != "of" => {
                return m(start, j + 1, Sem::Fixed(Kind::Date, "FUTURE_REF".into()))
            }
            ("near" | "foreseeable" | "distant", "future") => {
                return m(start, j + 2, Sem::Fixed(Kind::Date, "FUTURE_REF".into()))
            }
            ("past", "") | ("past", "," | "." | ";" | "and" | "but" | "when" | "\"" | "''") => {
                return m(start, j + 1, Sem::Fixed(Kind::Date, "PAST_REF".into()))
            }
            ("present", "," | "." | "") => return m(start, j + 1, Sem::Fixed(Kind::Date, "PRESENT_REF".into())),
            ("weekend", _) => return m(start, j + 1, Sem::Weekend { shift: 0 }),
            ("quarter", _) if lx.w(j + 1) != "of" && w == "the" => {
                // "the quarter a year ago", "the quarter last year"
                let back = match (lx.w(j + 1), lx.w(j + 2), lx.w(j + 3)) {
                    ("a", "year", "ago" | "earlier") => Some(j + 4),
                    ("last", "year", _) => Some(j + 3),
                    _ => None,
                };
                if let Some(end) = back {
                    return m(start, end, Sem::Quarter { q: None, half: false, year: YearRef::Shift(-1) });
                }
                return m(start, j + 1, Sem::Quarter { q: None, half: false, year: YearRef::Ctx });
            }
            // "the week of March 6": that date's week
            ("week", "of") => {
                if let Some(cal) = month_led(lx, j + 2) {
                    if let Sem::Cal { year, month, day: Some(d) } = cal.sem {
                        return m(start, cal.end, Sem::WeekOf { year, month, day: d });
                    }
                }
            }
            ("full" | "entire" | "whole", "year") => {
                return m(start, j + 2, Sem::Deictic { unit: Unit::Year, shift: 0 })
            }
            ("day" | "week" | "month" | "year" | "night", "before" | "after" | "earlier" | "later") => {
                let unit = lexicon::unit(lx.w(j)).map_or(Unit::Day, |u| u.0);
                let dir = if matches!(lx.w(j + 1), "before" | "earlier") { -1 } else { 1 };
                // "the day before the vote": the preposition relates the
                // expression to an event and stays outside the extent; the
                // value is still the best guess (a day off the reference day).
                let end = if matches!(lx.w(j + 1), "before" | "after")
                    && !matches!(lx.w(j + 2), "" | "," | "." | ";" | "and" | "\"" | "''" | "--")
                {
                    j + 1
                } else {
                    j + 2
                };
                return m(start, end, Sem::Offset { n: Some(1.0), unit, dir, from_ref: true });
            }
            ("year", "two") if lx.w(j + 2) == "thousand" => return m(start, j + 3, Sem::Year(2000)),
            ("year", _) => {
                if let Some(y) = year_at(lx, j + 1) {
                    return m(start, j + 2, Sem::Year(y));
                }
            }
            ("fiscal", "year") => {
                if let Some(y) = year_at(lx, j + 2) {
                    return m(start, j + 3, Sem::Year(y));
                }
                // "the fiscal year ended Jan. 31": a span
                if matches!(lx.w(j + 2), "ended" | "ending" | "through") {
                    return m(start, j + 2, Sem::Duration { n: Some(1.0), unit: Unit::Year });
                }
                return m(start, j + 2, Sem::Deictic { unit: Unit::Year, shift: 0 });
            }
            ("same", "day") => {
                return m(start, j + 2, Sem::Offset { n: Some(0.0), unit: Unit::Day, dir: 1, from_ref: true })
            }
            _ => {}
        }
        // "the corresponding period last year", "the comparable quarter a
        // year ago", "the comparable year-ago quarter"
        if matches!(lx.w(j), "corresponding" | "comparable" | "same") {
            let k = j + 1;
            if matches!(lx.w(k), "year-ago" | "year-earlier") && matches!(lx.w(k + 1), "period" | "quarter") {
                return m(start, k + 2, Sem::Quarter { q: None, half: false, year: YearRef::Shift(-1) });
            }
            if matches!(lx.w(k), "period" | "quarter") {
                let e = k + 1;
                let end = match (lx.w(e), lx.w(e + 1), lx.w(e + 2)) {
                    ("last", "year", _) => Some(e + 2),
                    ("a", "year", "ago" | "earlier") => Some(e + 3),
                    ("of" | "in", "last", "year") => Some(e + 3),
                    _ => None,
                };
                if let Some(end) = end {
                    return m(start, end, Sem::Quarter { q: None, half: false, year: YearRef::Shift(-1) });
                }
            }
        }
        // the year-earlier quarter / the year-ago period / the 1988 period / the latest quarter
        let hw = lx.w(j);
        if matches!(hw, "year-earlier" | "year-ago") {
            let mut k = j + 1;
            if let Some(q) = lexicon::ordinal(lx.w(k)).filter(|q| *q <= 4) {
                if lx.w(k + 1) == "quarter" {
                    return m(start, k + 2, Sem::Quarter { q: Some(q), half: false, year: YearRef::Shift(-1) });
                }
            }
            if matches!(lx.w(k), "period" | "quarter") {
                k += 1;
                return m(start, k, Sem::Quarter { q: None, half: false, year: YearRef::Shift(-1) });
            }
        }
        if matches!(hw, "latest" | "current" | "recent" | "most") {
            let k = if hw == "most" && lx.w(j + 1) == "recent" { j + 2 } else { j + 1 };
            if matches!(lx.w(k), "quarter" | "period") {
                // "the current quarter" is the one under way; "the latest
                // quarter" the last one reported.
                let year = if hw == "current" { YearRef::Shift(0) } else { YearRef::Ctx };
                return m(start, k + 1, Sem::Quarter { q: None, half: false, year });
            }
        }
        // the 1988 third quarter / the 1988 period
        if let Some(y) = year_at(lx, j) {
            if let Some(q) = lexicon::ordinal(lx.w(j + 1)).filter(|q| *q <= 4) {
                if matches!(lx.w(j + 2), "quarter" | "half") {
                    let half = lx.w(j + 2) == "half";
                    return m(start, j + 3, Sem::Quarter { q: Some(q), half, year: YearRef::Abs(y) });
                }
            }
            if matches!(lx.w(j + 1), "period" | "quarter") {
                return m(start, j + 2, Sem::Quarter { q: None, half: false, year: YearRef::Abs(y) });
            }
        }
        // the morning / the evening (of the publication day)
        if let Some(code) = lexicon::part_of_day(lx.w(j)) {
            let prev = if i == 0 { "" } else { lx.w(i - 1) };
            if !lx.w(j).ends_with('s')
                && matches!(prev, "for" | "in" | "during" | "by" | "until" | "through" | "into")
                && lx.w(j + 1) != "of"
            {
                return m(start, j + 1, Sem::PartOfDay { day: None, code });
            }
        }
    }
    // ordinal quarter / half: "the third quarter [of 1990]", "the fiscal first quarter"
    {
        let mut k = j;
        if lx.w(k) == "fiscal" {
            k += 1;
        }
        // "the last half of 1989", "the latter half"
        let ord = match lx.w(k) {
            "last" | "latter" if lx.w(k + 1) == "half" => Some(2),
            w => lexicon::ordinal(w),
        };
        if let Some(q) = ord {
            let u = lx.w(k + 1);
            let half = u == "half";
            if (u == "quarter" && (1..=4).contains(&q)) || (half && (1..=2).contains(&q)) {
                let mut end = k + 2;
                let mut year = YearRef::Ctx;
                if lx.w(end) == "of" {
                    if let Some(y) = year_at(lx, end + 1) {
                        year = YearRef::Abs(y);
                        end += 2;
                    } else if let Some(s) = year_shift(lx.w(end + 1), lx.w(end + 2)) {
                        year = YearRef::Shift(s);
                        end += 3;
                    }
                } else if let Some(y) = year_at(lx, end) {
                    year = YearRef::Abs(y);
                    end += 1;
                }
                if the || k > i {
                    return m(start, end, Sem::Quarter { q: Some(q), half, year });
                }
                return m(i, end, Sem::Quarter { q: Some(q), half, year });
            }
        }
        // "this year's third quarter", "next year's first quarter", "last
        // year's quarter" (the same quarter a year before)
        if let Some(s) = shift_word(lx.w(j)) {
            if lx.w(j + 1) == "year" && lx.w(j + 2) == "'s" && matches!(lx.w(j + 3), "quarter" | "period") && s != 0 {
                return m(start, j + 4, Sem::Quarter { q: None, half: false, year: YearRef::Shift(s) });
            }
            if lx.w(j + 1) == "year" && lx.w(j + 2) == "'s" {
                if let Some(q) = lexicon::ordinal(lx.w(j + 3)).filter(|q| *q <= 4) {
                    if lx.w(j + 4) == "quarter" {
                        return m(start, j + 5, Sem::Quarter { q: Some(q), half: false, year: YearRef::Shift(s) });
                    }
                }
            }
        }
    }
    // shift word: this/last/next/past/coming/previous/following
    let (shift, k) = if head == "this" && matches!(lx.w(j + 1), "past" | "coming") {
        (shift_word(lx.w(j + 1)), j + 2)
    } else {
        (shift_word(head), j + 1)
    };
    if let Some(s) = shift {
        let hw = lx.w(k);
        // "This Week With David Brinkley": a capitalised unit in running text is a title
        if lexicon::unit(hw).is_some() && lx.capitalized(k) && !lx.o(k).bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        // "the past 18 months", "the next two weeks", "last five years"
        if let Some((n, after)) = number(lx, k) {
            let e = skip_adjuncts(lx, after);
            if let Some((unit, plural)) = lexicon::unit(lx.w(e)) {
                if plural || n.is_some_and(|v| v != 1.0) || !matches!(lx.w(k), "a" | "an") {
                    return m(start, e + 1, Sem::Duration { n, unit });
                }
            }
        }
        if let Some(wd) = weekday_at(lx, k) {
            let s = match head {
                "this" => 2,
                "previous" | "preceding" | "prior" | "following" if the => 3 * s,
                _ => s,
            };
            return m(start, k + 1, Sem::Weekday { wd, shift: s });
        }
        if let Some(mo) = month_at(lx, k).or_else(|| lexicon::month(hw).filter(|_| lx.capitalized(k) && hw.len() >= 3))
        {
            let year = if head == "this" { YearRef::Shift(0) } else { YearRef::Shift(if s < 0 { -100 } else { 100 }) };
            // "last Oct. 23": the most recent such day
            if let Some(d) = day_number(lx.w(k + 1)).filter(|_| parse_u32(lx.w(k + 1)).is_some()) {
                if lexicon::unit(lx.w(k + 2)).is_none() && !matches!(lx.w(k + 2), "%" | "percent") {
                    return m(start, k + 2, Sem::Cal { year, month: mo, day: Some(d) });
                }
            }
            return m(start, k + 1, Sem::Cal { year, month: mo, day: None });
        }
        if let Some(code) = lexicon::season(hw) {
            let year = if head == "this" { YearRef::Ctx } else { YearRef::Shift(if s < 0 { -100 } else { 100 }) };
            return m(start, k + 1, Sem::Season { code, year });
        }
        if let Some(code) = lexicon::part_of_day(hw) {
            if head == "this" {
                return m(start, k + 1, Sem::PartOfDay { day: None, code });
            }
            if head == "last" && code == "NI" {
                return m(start, k + 1, Sem::PartOfDay { day: Some(Box::new(Sem::DayOffset(-1))), code });
            }
            if matches!(head, "next" | "following") && code != "NI" {
                return m(
                    start,
                    k + 1,
                    Sem::PartOfDay {
                        day: Some(Box::new(Sem::Offset { n: Some(1.0), unit: Unit::Day, dir: 1, from_ref: true })),
                        code,
                    },
                );
            }
        }
        if let Some((unit, plural)) = lexicon::unit(hw) {
            if plural {
                // "coming weeks", "the past years": an unspecified stretch
                if s != 0 {
                    return m(start, k + 1, Sem::Duration { n: None, unit });
                }
                return None;
            }
            if unit == Unit::Weekend {
                return m(start, k + 1, Sem::Weekend { shift: if head == "this" { 0 } else { s } });
            }
            if matches!(unit, Unit::Decade | Unit::Century) && head != "this" {
                return m(start, k + 1, Sem::Duration { n: Some(1.0), unit });
            }
            if head == "following" || head == "previous" || head == "preceding" || head == "prior" {
                // relative to the time the text is about
                return m(start, k + 1, Sem::Offset { n: Some(1.0), unit, dir: s, from_ref: true });
            }
            if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
                return m(start, k + 1, Sem::Duration { n: Some(1.0), unit });
            }
            if unit == Unit::Day && s != 0 {
                return m(start, k + 1, Sem::Offset { n: Some(1.0), unit, dir: s, from_ref: true });
            }
            if unit == Unit::Quarter && (head == "current" || head == "this") {
                return m(start, k + 1, Sem::Quarter { q: None, half: false, year: YearRef::Shift(0) });
            }
            return m(start, k + 1, Sem::Deictic { unit, shift: s });
        }
        // "this time last year"
    }
    // "recent years", "recent months": the recent past
    if matches!(head, "recent") {
        if let Some((unit, true)) = lexicon::unit(lx.w(j + 1)) {
            if unit >= Unit::Year {
                return m(start, j + 2, Sem::Fixed(Kind::Date, "PAST_REF".into()));
            }
            return m(start, j + 2, Sem::Duration { n: None, unit });
        }
    }
    if the {
        // "the nine months", "the six months ended", "the first two years"
        let k = if matches!(lx.w(j), "first" | "final" | "last" | "initial") { j + 1 } else { j };
        if let Some((n, after)) = number(lx, k) {
            if !matches!(lx.w(k), "a" | "an" | "some") {
                let e = skip_adjuncts(lx, after);
                if let Some((unit, _)) = lexicon::unit(lx.w(e)) {
                    return m(start, e + 1, Sem::Duration { n, unit });
                }
            }
        }
        // "the early summer"
        if matches!(lx.w(j), "early" | "late" | "mid") {
            if let Some(code) = lexicon::season(lx.w(j + 1)) {
                return m(start, j + 2, Sem::Season { code, year: YearRef::Ctx });
            }
        }
        // "the winter of 1994", "the summer"
        if let Some(code) = lexicon::season(lx.w(j)) {
            if lx.w(j + 1) == "of" {
                if let Some(y) = year_at(lx, j + 2).or_else(|| {
                    year_led(lx, j + 2).and_then(|mm| if let Sem::Year(y) = mm.sem { Some(y) } else { None })
                }) {
                    let end = year_led(lx, j + 2).map_or(j + 3, |mm| mm.end);
                    return m(start, end, Sem::Season { code, year: YearRef::Abs(y) });
                }
            }
            return m(start, j + 1, Sem::Season { code, year: YearRef::Ctx });
        }
    }
    None
}

/// Expressions that lean on the context: "that year", "the same day",
/// "(the end of) the month", "year's end", "for years", "months ago",
/// "the weeks ahead", "the current fiscal year".
fn anaphoric(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    let prev = if i == 0 { "" } else { lx.w(i - 1) };
    // "that year", "that same day", "the same quarter"
    if w == "that" || (w == "the" && lx.w(i + 1) == "same") {
        let mut j = i + 1;
        if lx.w(j) == "same" {
            j += 1;
        }
        if let Some((unit, false)) = lexicon::unit(lx.w(j)) {
            if unit >= Unit::Day && unit != Unit::Weekend && lx.w(j + 1) != "of" {
                return m(i, j + 1, Sem::Offset { n: Some(0.0), unit, dir: 1, from_ref: true });
            }
        }
        return None;
    }
    if w == "the" {
        // "(the end of) the year"
        let before = if i >= 2 { lx.w(i - 2) } else { "" };
        // "earlier in the year", "later in the month"
        if prev == "in" && matches!(before, "earlier" | "later") {
            if let Some((unit, false)) = lexicon::unit(lx.w(i + 1)) {
                if matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                    return m(i - 2, i + 2, Sem::Deictic { unit, shift: 0 });
                }
            }
        }
        if prev == "of" && matches!(before, "end" | "beginning" | "start" | "middle" | "close" | "rest" | "turn") {
            if let Some((unit, false)) = lexicon::unit(lx.w(i + 1)) {
                if matches!(unit, Unit::Week | Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade | Unit::Century)
                {
                    return m(i, i + 2, Sem::Deictic { unit, shift: 0 });
                }
            }
        }
        // "the current fiscal year", "the latest fiscal year"
        if matches!(lx.w(i + 1), "current" | "latest" | "previous" | "last" | "next")
            && lx.w(i + 2) == "fiscal"
            && lx.w(i + 3) == "year"
        {
            let shift = match lx.w(i + 1) {
                "previous" | "last" => -1,
                "next" => 1,
                _ => 0,
            };
            return m(i, i + 4, Sem::Deictic { unit: Unit::Year, shift });
        }
        // "today is the eighth day of Desert Shield", "It's the second day
        // of an offensive": the day of the report
        if i > 0
            && matches!(prev, "is" | "'s")
            && lx.w(i + 2) == "day"
            && lx.w(i + 3) == "of"
            && lexicon::ordinal(lx.w(i + 1)).is_some()
        {
            return m(i, i + 3, Sem::DayOffset(0));
        }
        // "the weeks ahead"
        if let Some((unit, true)) = lexicon::unit(lx.w(i + 1)) {
            if lx.w(i + 2) == "ahead" {
                return m(i, i + 3, Sem::Duration { n: None, unit });
            }
        }
        let (a, b, c) = (lx.w(i + 1), lx.w(i + 2), lx.w(i + 3));
        // "in the past that ..." (longer readings such as "the past year" win elsewhere)
        if a == "past" && prev == "in" {
            return m(i, i + 2, Sem::Fixed(Kind::Date, "PAST_REF".into()));
        }
        // "in the near term"
        if matches!(a, "near" | "short") && b == "term" {
            return m(i, i + 3, Sem::Fixed(Kind::Date, "FUTURE_REF".into()));
        }
        // "the year ended Sept. 30": a fiscal year, a span
        if a == "year" && matches!(b, "ended" | "ending" | "through") {
            return m(i, i + 2, Sem::Duration { n: Some(1.0), unit: Unit::Year });
        }
        if a == "fiscal" && b == "year" && matches!(c, "ended" | "ending" | "through") {
            return m(i, i + 3, Sem::Duration { n: Some(1.0), unit: Unit::Year });
        }
        // "For the week, the index dropped"; "the week's most active session"
        if a == "week" && matches!(b, "," | "'s" | "." | ";") {
            return m(i, i + 2, Sem::Deictic { unit: Unit::Week, shift: 0 });
        }
        // "For the year, volume was flat"; "a high for the year of $42";
        // "the first nine months of the year."
        if a == "year" && (matches!(b, "," | "'s" | "." | ";") || (matches!(prev, "for" | "of") && b == "of")) {
            return m(i, i + 2, Sem::Deictic { unit: Unit::Year, shift: 0 });
        }
        return None;
    }
    // "a 20th century democrat"
    if let Some(c) = lexicon::ordinal(w) {
        if lx.w(i + 1) == "century" && (1..=21).contains(&c) {
            return m(i, i + 2, Sem::Fixed(Kind::Date, format!("{:02}", c - 1)));
        }
    }
    // "at a later date"
    if matches!(w, "a") && matches!(lx.w(i + 1), "later" | "future") && lx.w(i + 2) == "date" {
        return m(i, i + 3, Sem::Fixed(Kind::Date, "FUTURE_REF".into()));
    }
    // "year's end", "year end"
    if w == "year" && ((lx.w(i + 1) == "'s" && lx.w(i + 2) == "end") || lx.w(i + 1) == "end") {
        let end = if lx.w(i + 1) == "'s" { i + 3 } else { i + 2 };
        return m(i, end, Sem::Deictic { unit: Unit::Year, shift: 0 });
    }
    // "as soon as possible"
    if w == "as" && lx.w(i + 1) == "soon" && lx.w(i + 2) == "as" && lx.w(i + 3) == "possible" {
        return m(i, i + 4, Sem::Fixed(Kind::Date, "FUTURE_REF".into()));
    }
    // a rate: "$1 billion a year", "hundreds of interviews a day"
    if matches!(w, "a" | "per") {
        if let Some((unit, false)) = lexicon::unit(lx.w(i + 1)) {
            let rate_prev = prev.bytes().any(|b| b.is_ascii_digit())
                || matches!(
                    prev,
                    "million" | "billion" | "thousand" | "hundred" | "percent" | "%" | "times" | "once" | "twice"
                )
                || (prev.len() > 3
                    && prev.ends_with('s')
                    && prev.bytes().all(|b| b.is_ascii_lowercase())
                    && lexicon::unit(prev).is_none());
            let free_next = !matches!(
                lx.w(i + 2),
                "ago" | "earlier" | "later" | "before" | "after" | "from" | "or" | "and" | "-" | "of"
            );
            if rate_prev && free_next && matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
                return m(i, i + 2, Sem::Fixed(Kind::Set, duration_value(Some(1.0), unit)));
            }
        }
    }
    // "for a fairly lengthy period", "for an extended period"
    if prev == "for" && matches!(w, "a" | "an") {
        let mut k = i + 1;
        while k < i + 4
            && matches!(
                lx.w(k),
                "fairly"
                    | "very"
                    | "long"
                    | "lengthy"
                    | "extended"
                    | "prolonged"
                    | "indefinite"
                    | "brief"
                    | "short"
                    | "limited"
            )
        {
            k += 1;
        }
        if k > i + 1 && lx.w(k) == "period" && lx.w(k + 1) != "of" {
            return m(i, k + 1, Sem::Fixed(Kind::Duration, "PXX".into()));
        }
    }
    // "the first hours of the ground war": an unspecified stretch
    if w == "the"
        && matches!(lx.w(i + 1), "first" | "final" | "last" | "early" | "opening" | "closing")
        && lx.w(i + 3) == "of"
    {
        if let Some((unit, true)) = lexicon::unit(lx.w(i + 2)) {
            if unit != Unit::Weekend {
                return m(i, i + 3, Sem::Duration { n: None, unit });
            }
        }
    }
    // "for a while", "for some time": an unspecified stretch
    if matches!(prev, "for" | "in" | "after")
        && ((w == "a" && lx.w(i + 1) == "while") || (w == "some" && lx.w(i + 1) == "time" && prev == "for"))
    {
        return m(i, i + 2, Sem::Fixed(Kind::Duration, "PXX".into()));
    }
    // "for the first time in years"
    if let Some((unit, true)) = lexicon::unit(w) {
        if prev == "in" && i >= 2 && lx.w(i - 2) == "time" && unit >= Unit::Day && unit != Unit::Weekend {
            return m(i, i + 1, Sem::Duration { n: None, unit });
        }
    }
    // "for years", "within weeks", "months ago"
    if let Some((unit, true)) = lexicon::unit(w) {
        if unit >= Unit::Day && unit != Unit::Weekend {
            if lx.w(i + 1) == "ago" {
                return m(i, i + 2, Sem::Offset { n: None, unit, dir: -1, from_ref: false });
            }
            if matches!(prev, "for" | "within") && !matches!(lx.w(i + 1), "of" | "-") {
                return m(i, i + 1, Sem::Duration { n: None, unit });
            }
            // "weeks before the shooting", "days after a sniper killed ..."
            if matches!(lx.w(i + 1), "before" | "after" | "earlier" | "later") && !is_determiner(prev) {
                let dir = if matches!(lx.w(i + 1), "before" | "earlier") { -1 } else { 1 };
                return m(i, i + 1, Sem::Offset { n: None, unit, dir, from_ref: true });
            }
            // "months of twists and turns"
            if lx.w(i + 1) == "of" && !is_determiner(prev) && !matches!(prev, "of" | "in") {
                return m(i, i + 1, Sem::Duration { n: None, unit });
            }
        }
    }
    None
}

fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "these" | "those" | "its" | "their" | "his" | "her" | "our" | "my" | "your" | "all" | "both")
}

/// Single words and fixed phrases: "today", "now", "recently", "tonight", "these days".
fn deictic_word(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    let next = lx.w(i + 1);
    if let Some(off) = day_offset(w) {
        // "today's world", "for today's youth": the present age, not a day;
        // "USA Today", "VOA Today": a name
        if w == "today"
            && ((next == "'s" && lexicon::generic_present(lx.w(i + 2)))
                || (lx.capitalized(i)
                    && i > 0
                    && lx.capitalized(i - 1)
                    && !lx.sent_start.get(i).copied().unwrap_or(true)))
        {
            return None;
        }
        if let Some(code) = lexicon::part_of_day(next).filter(|_| !next.ends_with('s')) {
            return m(i, i + 2, Sem::PartOfDay { day: Some(Box::new(Sem::DayOffset(off))), code });
        }
        return m(i, i + 1, Sem::DayOffset(off));
    }
    // "by mid afternoon", "mid-afternoon yesterday", "midmorning Friday"
    let mid = match w {
        "mid" | "late" | "early" => lexicon::part_of_day(next).filter(|_| !next.ends_with('s')).map(|c| (c, 2)),
        _ => ["mid-", "mid", "late-", "early-"]
            .iter()
            .find_map(|p| w.strip_prefix(p))
            .and_then(|r| lexicon::part_of_day(r).filter(|_| !r.ends_with('s') && r != "overnight"))
            .map(|c| (c, 1)),
    };
    if let Some((code, len)) = mid {
        let e = i + len;
        let day = if let Some(off) = day_offset(lx.w(e)) {
            Some((Box::new(Sem::DayOffset(off)), e + 1))
        } else {
            weekday_at(lx, e).map(|wd| (Box::new(Sem::Weekday { wd, shift: 0 }), e + 1))
        };
        // bare "late night", "early morning" are too vague without a day or "by"/"in"
        if day.is_some() || w.starts_with("mid") {
            let (day, end) = match day {
                Some((d, end)) => (Some(d), end),
                None => (None, e),
            };
            return m(i, end, Sem::PartOfDay { day, code });
        }
    }
    let fixed = |v: &str| Some(Sem::Fixed(Kind::Date, v.to_string()));
    let (len, sem) = match w {
        "tonight" => (1, Some(Sem::PartOfDay { day: None, code: "NI" })),
        "now" | "currently" | "presently" | "nowadays" => (1, fixed("PRESENT_REF")),
        "recently" | "lately" => (1, fixed("PAST_REF")),
        "soon" if !matches!(next, "after" | "as") => (1, fixed("FUTURE_REF")),
        "these" if next == "days" => (2, fixed("PRESENT_REF")),
        "right" if next == "now" => (2, fixed("PRESENT_REF")),
        "future" if i > 0 && matches!(lx.w(i - 1), "in" | "near") => (1, fixed("FUTURE_REF")),
        "overnight" => (1, Some(Sem::PartOfDay { day: None, code: "NI" })),
        _ => (0, None),
    };
    sem.map(|sem| Match { start: i, end: i + len, sem })
}

/// Sets: "every Tuesday", "each year", "annually", "daily", "weekly".
fn set_led(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    let v = match w {
        "daily" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "annually" | "yearly" | "annual" if w != "annual" => "P1Y",
        "hourly" => "PT1H",
        "nightly" => "TNI",
        "every" | "each" => {
            let mut j = i + 1;
            if lx.w(j) == "other" {
                j += 1;
            }
            let (n, after) = if w != "per" {
                number(lx, j).filter(|(n, _)| n.is_some()).unwrap_or((Some(1.0), j))
            } else {
                (Some(1.0), j)
            };
            let j2 = after;
            if let Some(wd) = weekday_at(lx, j2) {
                return m(i, j2 + 1, Sem::Fixed(Kind::Set, format!("XXXX-WXX-{wd}")));
            }
            if let Some(mo) = lexicon::month(lx.w(j2)).filter(|_| lx.capitalized(j2)) {
                return m(i, j2 + 1, Sem::Fixed(Kind::Set, format!("XXXX-{mo:02}")));
            }
            if let Some(code) = lexicon::season(lx.w(j2)) {
                return m(i, j2 + 1, Sem::Fixed(Kind::Set, format!("XXXX-{code}")));
            }
            if let Some(code) = lexicon::part_of_day(lx.w(j2)) {
                return m(i, j2 + 1, Sem::Fixed(Kind::Set, format!("XXXX-XX-XXT{code}")));
            }
            let (u, _) = lexicon::unit(lx.w(j2))?;
            let n = if lx.w(i + 1) == "other" { n.map(|v| v * 2.0) } else { n };
            return m(i, j2 + 1, Sem::Fixed(Kind::Set, duration_value(n, u)));
        }
        _ => return None,
    };
    m(i, i + 1, Sem::Fixed(Kind::Set, v.to_string()))
}

/// Holidays with a fixed rule.
fn holiday(lx: &Lx, i: usize) -> Option<Match> {
    if !lx.capitalized(i) {
        return None;
    }
    let (rule, len) = match (lx.w(i), lx.w(i + 1), lx.w(i + 2)) {
        ("christmas", "eve", _) => (Holiday::Fixed(12, 24), 2),
        ("christmas", "day", _) => (Holiday::Fixed(12, 25), 2),
        ("christmas", _, _) => (Holiday::Fixed(12, 25), 1),
        ("new", "year", "'s") if lx.w(i + 3) == "eve" => (Holiday::Fixed(12, 31), 4),
        ("new", "year", "'s") if lx.w(i + 3) == "day" => (Holiday::Fixed(1, 1), 4),
        ("thanksgiving", "day", _) => (Holiday::Nth { month: 11, wd: 4, n: 4 }, 2),
        ("thanksgiving", _, _) => (Holiday::Nth { month: 11, wd: 4, n: 4 }, 1),
        ("halloween", _, _) => (Holiday::Fixed(10, 31), 1),
        ("independence", "day", _) => (Holiday::Fixed(7, 4), 2),
        ("labor", "day", _) => (Holiday::Nth { month: 9, wd: 1, n: 1 }, 2),
        ("memorial", "day", _) => (Holiday::Nth { month: 5, wd: 1, n: 5 }, 2),
        ("valentine", "'s", "day") => (Holiday::Fixed(2, 14), 3),
        ("election", "day", _) if lx.capitalized(i + 1) => (Holiday::Election, 2),
        _ => return None,
    };
    let mut end = i + len;
    let mut year = YearRef::Ctx;
    if let Some(y) = year_at(lx, end) {
        year = YearRef::Abs(y);
        end += 1;
    }
    if i > 0 && matches!(lx.w(i - 1), "last" | "next" | "this") {
        let s = shift_word(lx.w(i - 1)).unwrap_or(0);
        let year = if s == 0 { YearRef::Shift(0) } else { YearRef::Shift(s * 100) };
        return m(i - 1, end, Sem::Holiday { rule, year });
    }
    m(i, end, Sem::Holiday { rule, year })
}

/// Numeric dates in one token: "2022-01-09", "1/9/2022", "09/01/22", "9.1.2022".
/// Slashes default to US order (month first), dots to European order (day
/// first); a field above 12 settles it, and when both orders make a date the
/// one nearer the publication date wins (see `normalize`).
fn numeric_date(lx: &Lx, i: usize) -> Option<Match> {
    let w = lx.w(i);
    if w.len() < 6 || w.len() > 10 {
        return None;
    }
    let sep = if w.contains('-') {
        '-'
    } else if w.contains('/') {
        '/'
    } else if w.contains('.') {
        '.'
    } else {
        return None;
    };
    let parts: Vec<&str> = w.split(sep).collect();
    let nums: Vec<u32> = parts.iter().map(|p| parse_u32(p)).collect::<Option<_>>()?;
    if parts.len() == 3 && parts[0].len() == 4 {
        let (y, mo, d) = (nums[0] as i32, nums[1], nums[2]);
        if (1..=12).contains(&mo) && (1..=31).contains(&d) {
            return m(i, i + 1, Sem::Cal { year: YearRef::Abs(y), month: mo, day: Some(d) });
        }
        return None;
    }
    if parts.len() == 3 && (parts[2].len() == 4 || parts[2].len() == 2) && parts[0].len() <= 2 && parts[1].len() <= 2 {
        let y = if parts[2].len() == 2 {
            if nums[2] < 50 {
                2000 + nums[2] as i32
            } else {
                1900 + nums[2] as i32
            }
        } else {
            nums[2] as i32
        };
        let (a, b) = (nums[0], nums[1]);
        let us_ok = (1..=12).contains(&a) && (1..=31).contains(&b);
        let eu_ok = (1..=12).contains(&b) && (1..=31).contains(&a);
        return match (us_ok, eu_ok) {
            (true, true) if a != b => m(i, i + 1, Sem::NumDate { year: y, a, b, us_first: sep != '.' }),
            (true, _) => m(i, i + 1, Sem::Cal { year: YearRef::Abs(y), month: a, day: Some(b) }),
            (false, true) => m(i, i + 1, Sem::Cal { year: YearRef::Abs(y), month: b, day: Some(a) }),
            (false, false) => None,
        };
    }
    None
}

/// TIMEX3 duration value: `P2Y`, `P2Y6M`, `PT3H`, `PXD`.
pub fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (time, letter, n) = match unit {
        Unit::Second => (true, "S", n),
        Unit::Minute => (true, "M", n),
        Unit::Hour => (true, "H", n),
        Unit::Day => (false, "D", n),
        Unit::Weekend => (false, "WE", n),
        Unit::Week => (false, "W", n),
        Unit::Month => (false, "M", n),
        Unit::Quarter => (false, "Q", n),
        Unit::Half => (false, "M", n.map(|v| v * 6.0)),
        Unit::Year => (false, "Y", n),
        // "decades": a vague number of years, as "two decades" is P20Y
        Unit::Decade => (false, "Y", n.map(|v| v * 10.0)),
        Unit::Century => (false, if n.is_some() { "Y" } else { "CE" }, n.map(|v| v * 100.0)),
    };
    let t = if time { "T" } else { "" };
    let Some(v) = n else {
        return format!("P{t}X{letter}");
    };
    if v.fract() == 0.0 || !v.is_finite() {
        return format!("P{t}{}{letter}", v.clamp(0.0, 1e9) as u64);
    }
    // Fractions go to the next smaller unit when they come out whole: P2Y6M, PT1H30M.
    let whole = v.trunc() as u64;
    let sub = match unit {
        Unit::Year => Some((12.0, "M", false)),
        Unit::Month => Some((30.0, "D", false)),
        Unit::Week => Some((7.0, "D", false)),
        Unit::Day => Some((24.0, "H", true)),
        Unit::Hour => Some((60.0, "M", true)),
        Unit::Minute => Some((60.0, "S", true)),
        _ => None,
    };
    if let Some((k, l, sub_time)) = sub {
        let r = v.fract() * k;
        if (r - r.round()).abs() < 1e-6 {
            let r = r.round() as u64;
            let whole_part = if whole > 0 { format!("{whole}{letter}") } else { String::new() };
            return match (time, sub_time) {
                (false, true) => format!("P{whole_part}T{r}{l}"),
                _ => format!("P{t}{whole_part}{r}{l}"),
            };
        }
    }
    format!("P{t}{v}{letter}")
}
