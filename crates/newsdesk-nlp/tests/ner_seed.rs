//! The seed article: people with roles, organisations, places, and every
//! surname mention linked to the full name.

use newsdesk_core::{Entity, EntityKind, Span};
use newsdesk_nlp::ner::{entity_at, extract_entities};
use newsdesk_nlp::Doc;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/seeds/000_fee57e7940c4a111.txt"
);

fn seed_entities() -> Option<(String, Vec<Entity>)> {
    let Ok(raw) = std::fs::read_to_string(SEED) else {
        println!("skipping: {SEED} not found");
        return None;
    };
    // Title, date and URL lines, then the body (one paragraph per line).
    let body: String = raw.lines().skip(3).collect::<Vec<_>>().join("\n\n");
    let doc = Doc::from_text(&body);
    let ents = extract_entities(&doc);
    Some((body, ents))
}

fn find<'a>(ents: &'a [Entity], name: &str) -> &'a Entity {
    ents.iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity named {name:?}"))
}

/// Code point offsets of every occurrence of `w` as a whole word.
fn occurrences(text: &str, w: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let wc: Vec<char> = w.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(wc.len() - 1) {
        if chars[i..i + wc.len()] == wc[..]
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && chars.get(i + wc.len()).is_none_or(|c| !c.is_alphanumeric())
        {
            out.push(Span::new(i, i + wc.len()));
        }
    }
    out
}

#[test]
fn seed_people_have_roles_and_all_surname_mentions() {
    let Some((text, ents)) = seed_entities() else {
        return;
    };
    let people = [
        ("Antony Blinken", "Blinken", "Secretary of State"),
        ("Sergei Ryabkov", "Ryabkov", "Deputy Foreign Minister"),
        ("Wendy Sherman", "Sherman", "Deputy Secretary of State"),
        ("Josep Borrell", "Borrell", "foreign policy chief"),
    ];
    for (full, surname, role) in people {
        let e = find(&ents, full);
        assert_eq!(e.kind, EntityKind::Person, "{full}");
        let r = e
            .role
            .as_ref()
            .unwrap_or_else(|| panic!("{full} has no role"));
        assert_eq!(r.text, role, "{full}");
        let role_text: String = text.chars().skip(r.start).take(r.end - r.start).collect();
        assert_eq!(role_text, role);
        for occ in occurrences(&text, surname) {
            let hit = entity_at(&ents, occ).map(|x| x.name.as_str());
            assert_eq!(hit, Some(full), "{surname} at {occ:?}");
        }
    }
    assert_eq!(
        find(&ents, "Antony Blinken").affiliation.as_deref(),
        Some("United States")
    );
    assert_eq!(
        find(&ents, "Josep Borrell").affiliation.as_deref(),
        Some("European Union")
    );
}

#[test]
fn seed_organisations_and_places() {
    let Some((text, ents)) = seed_entities() else {
        return;
    };
    for org in [
        "NATO",
        "Organization for Security and Co-operation in Europe",
        "European Union",
        "CNN",
        "Interfax",
        "White House",
        "NATO-Russia Council",
        "Russian Foreign Ministry",
    ] {
        assert_eq!(find(&ents, org).kind, EntityKind::Organization, "{org}");
    }
    for place in [
        "Moscow",
        "Geneva",
        "Ukraine",
        "Kazakhstan",
        "Brussels",
        "Vienna",
        "Washington",
        "Eastern Europe",
    ] {
        assert_eq!(find(&ents, place).kind, EntityKind::Place, "{place}");
    }
    // The acronym is linked to its expansion.
    let osce = find(
        &ents,
        "Organization for Security and Co-operation in Europe",
    );
    for occ in occurrences(&text, "OSCE") {
        assert_eq!(
            entity_at(&ents, occ).map(|e| e.id.as_str()),
            Some(osce.id.as_str())
        );
    }
    // Ids in order of first mention; mentions are exact code point spans.
    let mut last = 0;
    for (i, e) in ents.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
        let first = e.mentions.iter().map(|m| m.start).min().unwrap_or(0);
        assert!(first >= last, "{} out of order", e.id);
        last = first;
        for m in &e.mentions {
            let t: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(t, m.text);
        }
    }
}

#[test]
fn speaker_span_resolves_to_entity() {
    let Some((text, ents)) = seed_entities() else {
        return;
    };
    // A speaker mention wider than the name ("Deputy Foreign Minister Sergei Ryabkov").
    let full = occurrences(&text, "Sergei Ryabkov")[0];
    let wide = Span::new(full.start - "Deputy Foreign Minister ".len(), full.end);
    assert_eq!(
        entity_at(&ents, wide).map(|e| e.name.as_str()),
        Some("Sergei Ryabkov")
    );
    assert!(entity_at(&ents, Span::new(0, 3)).is_none());
}
