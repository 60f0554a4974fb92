//! The seed article (../shared/seeds/000_fee57e7940c4a111.txt, published
//! Sunday 2022-01-09): every time expression a careful reader marks, with
//! the values the text means.

use chrono::NaiveDate;
use newsdesk_core::TimexType;
use newsdesk_nlp::{extract_times, Doc};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/000_fee57e7940c4a111.txt");

/// The seed file is: title, date (YYYYMMDD), URL, then the text.
fn seed() -> Option<(String, NaiveDate)> {
    let raw = match std::fs::read_to_string(SEED) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("SKIPPED: seed article {SEED} not readable ({e}); it lives in ../shared beside the repository");
            return None;
        }
    };
    let mut lines = raw.lines();
    let _title = lines.next()?;
    let date = NaiveDate::parse_from_str(lines.next()?.trim(), "%Y%m%d").ok()?;
    let _url = lines.next()?;
    let text: Vec<&str> = lines.collect();
    Some((text.join("\n"), date))
}

#[test]
fn seed_article_time_expressions() {
    let Some((text, date)) = seed() else { return };
    assert_eq!(date, NaiveDate::from_ymd_opt(2022, 1, 9).unwrap());
    let doc = Doc::from_text(&text);
    let times = extract_times(&doc, Some(date));
    for t in &times {
        eprintln!("{:?} {:?} {} {:?}", t.text, t.kind, t.value, t.anchor);
        // offsets are code points into the text
        let s: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(s, t.text);
    }
    let find = |needle: &str| -> Vec<&newsdesk_core::Timex> { times.iter().filter(|t| t.text == needle).collect() };
    let value_of = |needle: &str| -> Vec<String> { find(needle).iter().map(|t| t.value.clone()).collect() };

    // "Monday's talks": the coming Monday, twice; the possessive stays outside.
    assert_eq!(value_of("Monday"), vec!["2022-01-10", "2022-01-10"]);
    assert_eq!(value_of("Wednesday"), vec!["2022-01-12"]);
    assert_eq!(value_of("Thursday"), vec!["2022-01-13"]);
    // "Blinken on Sunday", "Earlier on Sunday", "the Interfax news agency on
    // Sunday": the publication day ("Sunday afternoon" is checked below).
    assert_eq!(value_of("Sunday"), vec!["2022-01-09"; 3]);
    assert_eq!(value_of("the day before"), vec!["2022-01-08"]);
    assert_eq!(value_of("the coming week"), vec!["2022-W02"]);
    let afternoon = find("Sunday afternoon");
    assert_eq!(afternoon.len(), 1);
    assert_eq!((afternoon[0].kind, afternoon[0].value.as_str()), (TimexType::Time, "2022-01-09TAF"));
    let evening = find("the evening");
    assert_eq!(evening.len(), 1);
    assert_eq!((evening[0].kind, evening[0].value.as_str()), (TimexType::Time, "2022-01-09TEV"));
    let span = find("two and a half years");
    assert_eq!(span.len(), 1);
    assert_eq!((span[0].kind, span[0].value.as_str()), (TimexType::Duration, "P2Y6M"));
    assert_eq!(find("recent days").len(), 1, "\"in recent days\" is a time expression");
    // Relative values say what they were anchored on.
    assert_eq!(find("the day before")[0].anchor.as_deref(), Some("2022-01-09"));
    // Nothing else: no spurious expressions.
    assert_eq!(times.len(), 13, "{times:#?}");
}
