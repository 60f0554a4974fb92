use super::*;

fn quotes(text: &str) -> Vec<Quote> {
    let doc = Doc::from_text(text);
    extract_quotes(&doc, &[])
}

fn show(q: &Quote) -> String {
    format!(
        "{:?} {:?} <- {:?} ({:?})",
        q.kind,
        q.text,
        q.speaker_mention.as_ref().map(|m| m.text.as_str()),
        q.speaker.as_ref().map(|s| s.name.as_str())
    )
}

#[test]
fn postposed_and_inverted() {
    let qs = quotes("\"We will win,\" Smith said. \"It is over,\" said Jane Doe.");
    assert_eq!(qs.len(), 2, "{:?}", qs.iter().map(show).collect::<Vec<_>>());
    assert_eq!(qs[0].text, "\"We will win,\"");
    assert_eq!(qs[0].kind, QuoteKind::Direct);
    assert_eq!(qs[0].speaker_mention.as_ref().unwrap().text, "Smith");
    assert_eq!(qs[1].speaker_mention.as_ref().unwrap().text, "Jane Doe");
    assert_eq!(qs[1].cue.as_ref().unwrap().text, "said");
}

#[test]
fn debug_seed_dump() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/000_fee57e7940c4a111.txt");
    let Ok(text) = std::fs::read_to_string(path) else { return };
    for q in quotes(&text) {
        println!("{}", show(&q));
    }
}
