//! Normalisation: turns a recognised [`Sem`] into a TIMEX3 type and value,
//! anchored on the publication date (DCT) or on the reference time (the last
//! absolute date the text mentioned), with the direction of underspecified
//! expressions ("Monday", "in March") taken from the sentence's tense.

use super::lexicon::Unit;
use super::recognize::{duration_value, Holiday, Kind, Sem, YearRef};
use chrono::{Datelike, Days, NaiveDate};

/// Granularity of a resolved date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gran {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// What normalisation needs besides the expression.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub dct: Option<NaiveDate>,
    /// The last absolute date the text mentioned, with its granularity.
    pub reference: Option<(NaiveDate, Gran)>,
    /// Tense evidence of the sentence: < 0 past, > 0 future.
    pub tense: f32,
    /// The text reports by quarters (it has a quarter expression before this one).
    pub quarterly: bool,
    /// The first day of the last completed quarter the text named ("the
    /// fiscal first quarter"): "the quarter", "the year-ago period" and "a
    /// year earlier" are about it rather than the last calendar quarter.
    pub quarter_ref: Option<NaiveDate>,
}

/// A normalised expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Norm {
    pub kind: Kind,
    pub value: String,
    /// The date the value was computed from, when it is relative.
    pub anchor: Option<NaiveDate>,
    /// The new reference time, when this expression sets one.
    pub sets_reference: Option<(NaiveDate, Gran)>,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let r =
        if n >= 0 { d.checked_add_days(Days::new(n as u64)) } else { d.checked_sub_days(Days::new(n.unsigned_abs())) }?;
    (1..=9999).contains(&r.year()).then_some(r)
}

pub(super) fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let total = d.year() as i64 * 12 + d.month0() as i64 + n;
    let y = total.div_euclid(12);
    let m = total.rem_euclid(12) as u32 + 1;
    if !(1..=9999).contains(&y) {
        return None;
    }
    let mut day = d.day();
    loop {
        if let Some(r) = ymd(y as i32, m, day) {
            return Some(r);
        }
        if day <= 28 {
            return None;
        }
        day -= 1;
    }
}

fn quarter_of(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

/// Formats a date at a granularity.
pub fn fmt(d: NaiveDate, g: Gran) -> String {
    match g {
        Gran::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        Gran::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Gran::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Gran::Quarter => format!("{:04}-Q{}", d.year(), quarter_of(d)),
        Gran::Year => format!("{:04}", d.year()),
    }
}

fn unknown_for(g: Gran) -> &'static str {
    match g {
        Gran::Day => "XXXX-XX-XX",
        Gran::Week => "XXXX-WXX",
        Gran::Month => "XXXX-XX",
        Gran::Quarter => "XXXX-QX",
        Gran::Year => "XXXX",
    }
}

fn shift(d: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    match unit {
        Unit::Day => add_days(d, n),
        Unit::Week | Unit::Weekend => add_days(d, 7 * n),
        Unit::Month => add_months(d, n),
        Unit::Quarter => add_months(d, 3 * n),
        Unit::Half => add_months(d, 6 * n),
        Unit::Year => add_months(d, 12 * n),
        Unit::Decade => add_months(d, 120 * n),
        Unit::Century => add_months(d, 1200 * n),
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
    }
}

fn unit_gran(unit: Unit) -> Gran {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Gran::Day,
        Unit::Week | Unit::Weekend => Gran::Week,
        Unit::Month => Gran::Month,
        Unit::Quarter => Gran::Quarter,
        Unit::Half | Unit::Year | Unit::Decade | Unit::Century => Gran::Year,
    }
}

fn date_norm(value: String, anchor: Option<NaiveDate>, r: Option<(NaiveDate, Gran)>) -> Norm {
    Norm { kind: Kind::Date, value, anchor, sets_reference: r }
}

/// Resolves a weekday against the DCT: the same day, the previous one or
/// the next one, by tense (and by nearness when the tense says nothing).
fn resolve_weekday(dct: NaiveDate, wd: u32, shift: i32, tense: f32) -> NaiveDate {
    let today = dct.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let back = (today - wd).rem_euclid(7);
    let fwd = (wd - today).rem_euclid(7);
    let past = add_days(dct, -(if back == 0 { 7 } else { back })).unwrap_or(dct);
    let future = add_days(dct, if fwd == 0 { 7 } else { fwd }).unwrap_or(dct);
    match shift {
        -1 => past,
        1 => future,
        _ => {
            if back == 0 {
                return dct;
            }
            // Nearness prior: news talks about the last few days and the next
            // few, with a slight lean to the past.
            let prior = 0.15 * (back - fwd) as f32 - 0.2;
            let prior = if shift == 2 { prior + 1.0 } else { prior };
            if tense + prior > 0.0 {
                future
            } else {
                past
            }
        }
    }
}

/// The year of a month (and day) given without one: the DCT year, moved a
/// year back or forward when the tense says the date is past or future.
fn resolve_year(dct: NaiveDate, month: u32, day: Option<u32>, tense: f32) -> i32 {
    // The nearest such date to the DCT, with the sentence's tense worth two
    // months of distance: "Dec. 7" in October is this December even in a
    // past-tense sentence; "October" in May of a past-tense story is last October.
    let y = dct.year();
    let mut best = (i64::MAX, y);
    for cand in [y - 1, y, y + 1] {
        let Some(d) = ymd(cand, month, day.unwrap_or(15).min(28)) else {
            continue;
        };
        let dist = (d - dct).num_days();
        let mut cost = dist.abs();
        if (tense < 0.0 && dist > 0) || (tense > 0.0 && dist < 0) {
            // clear tense (several cues) outweighs more distance
            cost += (120.0 * tense.abs().clamp(1.0, 2.5)) as i64;
        }
        if cost < best.0 {
            best = (cost, cand);
        }
    }
    best.1
}

fn year_from(yr: YearRef, dct: Option<NaiveDate>, month: u32, day: Option<u32>, tense: f32) -> Option<i32> {
    match yr {
        YearRef::Abs(y) => Some(y),
        YearRef::Ctx => dct.map(|d| resolve_year(d, month, day, tense)),
        YearRef::Shift(s) if s.abs() >= 100 => {
            // "last May": the most recent May before the DCT; "next May": the first after.
            let d = dct?;
            let y = d.year();
            let key = (month, day.unwrap_or(1));
            let now = (d.month(), d.day());
            Some(if s < 0 {
                if key < now {
                    y
                } else {
                    y - 1
                }
            } else if key > now {
                y
            } else {
                y + 1
            })
        }
        YearRef::Shift(s) => dct.map(|d| d.year() + s),
    }
}

fn holiday_date(rule: Holiday, y: i32) -> Option<NaiveDate> {
    match rule {
        Holiday::Election => {
            let monday = holiday_date(Holiday::Nth { month: 11, wd: 1, n: 1 }, y)?;
            add_days(monday, 1)
        }
        Holiday::Fixed(m, d) => ymd(y, m, d),
        Holiday::Nth { month, wd, n } => {
            let first = ymd(y, month, 1)?;
            let off = (wd as i64 - first.weekday().number_from_monday() as i64).rem_euclid(7);
            let mut d = add_days(first, off + 7 * (n as i64 - 1))?;
            while d.month() != month {
                d = add_days(d, -7)?;
            }
            Some(d)
        }
    }
}

/// Normalises one expression.
pub fn normalize(sem: &Sem, ctx: &Ctx) -> Norm {
    let dct = ctx.dct;
    match sem {
        Sem::Fixed(kind, v) => Norm { kind: *kind, value: v.clone(), anchor: None, sets_reference: None },
        Sem::Year(y) => {
            let d = ymd(*y, 1, 1);
            date_norm(format!("{y:04}"), None, d.map(|d| (d, Gran::Year)))
        }
        Sem::Cal { year, month, day } => {
            let y = year_from(*year, dct, *month, *day, ctx.tense);
            let anchor = if matches!(year, YearRef::Abs(_)) { None } else { dct };
            match (y, day) {
                (Some(y), Some(d)) => match ymd(y, *month, *d) {
                    Some(date) => date_norm(fmt(date, Gran::Day), anchor, Some((date, Gran::Day))),
                    None => date_norm(format!("XXXX-{month:02}-{d:02}"), None, None),
                },
                (Some(y), None) => {
                    let r = ymd(y, *month, 1).map(|d| (d, Gran::Month));
                    date_norm(format!("{y:04}-{month:02}"), anchor, r)
                }
                (None, Some(d)) => date_norm(format!("XXXX-{month:02}-{d:02}"), None, None),
                (None, None) => date_norm(format!("XXXX-{month:02}"), None, None),
            }
        }
        Sem::Weekday { wd, shift } => match dct {
            Some(d) => {
                let date = match (shift, ctx.reference) {
                    // "the previous Friday": the one before the day the text is about
                    (-3 | 3, Some((r, Gran::Day))) => resolve_weekday(r, *wd, shift.signum(), ctx.tense),
                    (-3 | 3, _) => resolve_weekday(d, *wd, shift.signum(), ctx.tense),
                    _ => resolve_weekday(d, *wd, *shift, ctx.tense),
                };
                date_norm(fmt(date, Gran::Day), dct, Some((date, Gran::Day)))
            }
            None => date_norm(format!("XXXX-WXX-{wd}"), None, None),
        },
        Sem::DayOffset(n) => match dct.and_then(|d| add_days(d, *n as i64)) {
            Some(date) => date_norm(fmt(date, Gran::Day), dct, Some((date, Gran::Day))),
            None => date_norm("XXXX-XX-XX".into(), None, None),
        },
        Sem::Deictic { unit, shift: s } => {
            let Some(d) = dct else {
                return date_norm(unknown_for(unit_gran(*unit)).into(), None, None);
            };
            let v = match unit {
                Unit::Decade => add_months(d, 120 * *s as i64).map(|x| format!("{:03}", x.year() / 10)),
                Unit::Century => add_months(d, 1200 * *s as i64).map(|x| format!("{:02}", x.year() / 100)),
                Unit::Half => add_months(d, 6 * *s as i64).map(|x| format!("{:04}-H{}", x.year(), x.month0() / 6 + 1)),
                _ => shift(d, *unit, *s as i64).map(|x| fmt(x, unit_gran(*unit))),
            };
            let r = shift(d, *unit, *s as i64).map(|x| (x, unit_gran(*unit)));
            date_norm(v.unwrap_or_else(|| unknown_for(unit_gran(*unit)).into()), dct, r)
        }
        Sem::Season { code, year } => {
            let y = match year {
                YearRef::Abs(y) => Some(*y),
                YearRef::Ctx => dct.map(|d| d.year()),
                YearRef::Shift(s) => dct.map(|d| {
                    let season_month = match *code {
                        "SP" => 4,
                        "SU" => 7,
                        "FA" => 10,
                        _ => 1,
                    };
                    let past = if season_month < d.month() { d.year() } else { d.year() - 1 };
                    if *s < 0 {
                        past
                    } else if season_month > d.month() {
                        d.year()
                    } else {
                        d.year() + 1
                    }
                }),
            };
            match y {
                Some(y) => date_norm(format!("{y:04}-{code}"), dct, None),
                None => date_norm(format!("XXXX-{code}"), None, None),
            }
        }
        Sem::Quarter { q, half, year } => quarter(*q, *half, *year, ctx),
        Sem::WeekOf { year, month, day } => {
            let y = year_from(*year, dct, *month, Some(*day), ctx.tense);
            match y.and_then(|y| ymd(y, *month, *day)) {
                Some(date) => {
                    let anchor = if matches!(year, YearRef::Abs(_)) { None } else { dct };
                    date_norm(fmt(date, Gran::Week), anchor, Some((date, Gran::Week)))
                }
                None => date_norm("XXXX-WXX".into(), None, None),
            }
        }
        Sem::Offset { n, unit, dir, from_ref } => {
            let Some(d) = dct else {
                return date_norm(unknown_for(unit_gran(*unit)).into(), None, None);
            };
            let Some(n) = n else {
                let v = if *dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
                return date_norm(v.into(), dct, None);
            };
            let g = unit_gran(*unit);
            let (anchor, gran) = match ctx.reference {
                // "a year ago" in a report about a quarter: that quarter a year before
                _ if ctx.quarterly && *unit == Unit::Year && *n == 1.0 => {
                    (ctx.quarter_ref.or_else(|| add_months(d, -3)).unwrap_or(d), Gran::Quarter)
                }
                // "that year": the reference's year, at the unit's granularity
                Some((r, rg)) if *from_ref && *n == 0.0 && rg <= g => (r, g),
                Some((r, Gran::Day)) if *from_ref && g >= Gran::Month => (r, g),
                Some((r, rg)) if *from_ref && rg <= g => (r, rg),
                _ => (d, g),
            };
            let k = (*dir as f64) * n;
            let moved = if k.fract() == 0.0 {
                shift(anchor, *unit, k as i64)
            } else {
                // fractional: in months or days
                match unit {
                    Unit::Year => add_months(anchor, (k * 12.0).round() as i64),
                    Unit::Month => add_days(anchor, (k * 30.0).round() as i64),
                    Unit::Week => add_days(anchor, (k * 7.0).round() as i64),
                    _ => shift(anchor, *unit, k.round() as i64),
                }
            };
            if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
                return Norm {
                    kind: Kind::Time,
                    value: format!("{}TXX:XX", fmt(anchor, Gran::Day)),
                    anchor: Some(anchor),
                    sets_reference: None,
                };
            }
            let v = match (unit, moved) {
                (Unit::Decade, Some(x)) => format!("{:03}", x.year() / 10),
                (Unit::Century, Some(x)) => format!("{:02}", x.year() / 100),
                (_, Some(x)) => fmt(x, gran),
                (_, None) => unknown_for(gran).into(),
            };
            date_norm(v, Some(anchor), None)
        }
        Sem::Duration { n, unit } => {
            Norm { kind: Kind::Duration, value: duration_value(*n, *unit), anchor: None, sets_reference: None }
        }
        Sem::Clock { day, hour, minute } => {
            let base = match day {
                Some(s) => normalize(s, ctx),
                None => match dct {
                    Some(d) => date_norm(fmt(d, Gran::Day), dct, None),
                    None => date_norm("XXXX-XX-XX".into(), None, None),
                },
            };
            let (date_part, h) = if *hour == 24 { (base.value.clone(), 24) } else { (base.value.clone(), *hour) };
            let date_part = if date_part.len() == 10 { date_part } else { "XXXX-XX-XX".to_string() };
            Norm {
                kind: Kind::Time,
                value: format!("{date_part}T{h:02}:{minute:02}"),
                anchor: base.anchor,
                sets_reference: base.sets_reference,
            }
        }
        Sem::PartOfDay { day, code } => {
            let base = match day {
                Some(s) => normalize(s, ctx),
                None => match dct {
                    Some(d) => date_norm(fmt(d, Gran::Day), dct, None),
                    None => date_norm("XXXX-XX-XX".into(), None, None),
                },
            };
            let date_part = if base.value.len() == 10 { base.value.clone() } else { "XXXX-XX-XX".to_string() };
            Norm {
                kind: Kind::Time,
                value: format!("{date_part}T{code}"),
                anchor: base.anchor,
                sets_reference: base.sets_reference,
            }
        }
        Sem::NumDate { year, a, b, us_first } => {
            let us = ymd(*year, *a, *b);
            let eu = ymd(*year, *b, *a);
            let (first, second) = if *us_first { (us, eu) } else { (eu, us) };
            let pick = match (first, second, dct) {
                (Some(x), Some(y), Some(d)) => {
                    if (y - d).num_days().abs() < (x - d).num_days().abs() {
                        Some(y)
                    } else {
                        Some(x)
                    }
                }
                (Some(x), _, _) => Some(x),
                (None, y, _) => y,
            };
            match pick {
                Some(date) => date_norm(fmt(date, Gran::Day), None, Some((date, Gran::Day))),
                None => date_norm("XXXX-XX-XX".into(), None, None),
            }
        }
        Sem::Weekend { shift: s } => {
            let Some(d) = dct else {
                return date_norm("XXXX-WXX-WE".into(), None, None);
            };
            // The weekend of the DCT's week, or the one before when the
            // sentence is in the past and the week has not reached it yet.
            let wd = d.weekday().number_from_monday();
            let mut k = *s as i64;
            if *s == 0 && ctx.tense < 0.0 && wd < 6 {
                k = -1;
            }
            let x = add_days(d, 7 * k).unwrap_or(d);
            let w = x.iso_week();
            date_norm(format!("{:04}-W{:02}-WE", w.year(), w.week()), dct, None)
        }
        Sem::Holiday { rule, year } => {
            let y = match year {
                YearRef::Abs(y) => Some(*y),
                YearRef::Ctx => dct.map(|d| {
                    let this = holiday_date(*rule, d.year());
                    match this {
                        Some(h) if ctx.tense < 0.0 && h > d => d.year() - 1,
                        Some(h) if ctx.tense > 0.0 && h < d => d.year() + 1,
                        _ => d.year(),
                    }
                }),
                YearRef::Shift(s) => dct.map(|d| {
                    let this = holiday_date(*rule, d.year());
                    match (s.signum(), this) {
                        (-1, Some(h)) if h >= d => d.year() - 1,
                        (1, Some(h)) if h <= d => d.year() + 1,
                        _ => d.year(),
                    }
                }),
            };
            match y.and_then(|y| holiday_date(*rule, y)) {
                Some(h) => date_norm(fmt(h, Gran::Day), dct, Some((h, Gran::Day))),
                None => date_norm("XXXX-XX-XX".into(), None, None),
            }
        }
    }
}

fn quarter(q: Option<u32>, half: bool, year: YearRef, ctx: &Ctx) -> Norm {
    let dct = ctx.dct;
    let letter = if half { 'H' } else { 'Q' };
    let Some(d) = dct else {
        return match (q, year) {
            (Some(q), YearRef::Abs(y)) => date_norm(format!("{y:04}-{letter}{q}"), None, None),
            (Some(q), _) => date_norm(format!("XXXX-{letter}{q}"), None, None),
            (None, YearRef::Abs(y)) => date_norm(format!("{y:04}-{letter}X"), None, None),
            _ => date_norm(format!("XXXX-{letter}X"), None, None),
        };
    };
    match q {
        Some(q) => {
            let y = match year {
                YearRef::Abs(y) => y,
                YearRef::Shift(s) => d.year() + s,
                YearRef::Ctx => {
                    let cur = if half { d.month0() / 6 + 1 } else { quarter_of(d) };
                    if ctx.tense < 0.0 && q > cur {
                        d.year() - 1
                    } else {
                        d.year()
                    }
                }
            };
            let first = ymd(y, if half { (q - 1) * 6 + 1 } else { (q - 1) * 3 + 1 }, 1);
            let r = first.map(|f| (f, Gran::Quarter)).filter(|_| !half);
            let anchor = if matches!(year, YearRef::Abs(_)) { None } else { dct };
            date_norm(format!("{y:04}-{letter}{q}"), anchor, r)
        }
        None => {
            // The quarter the text is about: the reference quarter, else the
            // last one completed before publication.
            let base = match year {
                YearRef::Shift(0) => d,
                _ => ctx.quarter_ref.or_else(|| add_months(d, -3)).unwrap_or(d),
            };
            let y = match year {
                YearRef::Shift(s) => base.year() + s,
                YearRef::Abs(y) => y,
                YearRef::Ctx => base.year(),
            };
            let q = quarter_of(base);
            date_norm(format!("{y:04}-Q{q}"), dct, None)
        }
    }
}
