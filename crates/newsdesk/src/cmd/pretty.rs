//! The `--pretty` rendering of an analysis: a summary for a person.

use newsdesk_core::{Analysis, OffsetMap};
use std::io::{self, Write};

pub fn write<W: Write>(out: &mut W, a: &Analysis) -> io::Result<()> {
    let art = &a.article;
    let title = if art.title.is_empty() { "(untitled)" } else { art.title.as_str() };
    writeln!(out, "━━ {title}")?;
    let date = art.published.map_or_else(|| "date unknown".to_string(), |p| p.to_string());
    writeln!(
        out,
        "   {} · {} · {} · {} paragraphs · {} sentences",
        art.id,
        date,
        art.source.as_deref().unwrap_or("source unknown"),
        art.paragraphs.len(),
        a.sentences.len()
    )?;
    if let Some(url) = &art.url {
        writeln!(out, "   {url}")?;
    }
    if !a.entities.is_empty() {
        writeln!(out, "   entities:")?;
        for e in &a.entities {
            let role = e.role.as_ref().map(|r| format!(", {}", r.text)).unwrap_or_default();
            let aff = e.affiliation.as_ref().map(|s| format!(" ({s})")).unwrap_or_default();
            writeln!(
                out,
                "     {:<12} {}{role}{aff} ×{}",
                format!("{:?}", e.kind).to_lowercase(),
                e.name,
                e.mentions.len()
            )?;
        }
    }
    if !a.quotes.is_empty() {
        writeln!(out, "   quotes:")?;
        for q in &a.quotes {
            let who = q
                .speaker
                .as_ref()
                .map(|s| s.name.clone())
                .or_else(|| q.speaker_mention.as_ref().map(|m| m.text.clone()))
                .unwrap_or_else(|| "?".into());
            let cue = q.cue.as_ref().map(|c| format!(" [{}]", c.text)).unwrap_or_default();
            let to = q.addressee.as_ref().map(|c| format!(" → {}", c.text)).unwrap_or_default();
            writeln!(out, "     {who}{cue}{to} ({:?}): {}", q.kind, q.text)?;
        }
    }
    // The text, paragraph by paragraph, with time expressions marked inline:
    // ⟦text → VALUE⟧.
    let map = OffsetMap::new(&art.text);
    let mut times = a.times.iter().peekable();
    for (i, p) in art.paragraphs.iter().enumerate() {
        let mut line = String::new();
        let mut pos = map.to_byte(p.start);
        let end = map.to_byte(p.end);
        while let Some(t) = times.peek() {
            let (ts, te) = (map.to_byte(t.start), map.to_byte(t.end));
            if ts >= end {
                break;
            }
            if ts >= pos {
                line.push_str(&art.text[pos..ts]);
                line.push_str(&format!("⟦{} → {}⟧", &art.text[ts..te.min(end)], t.value));
                pos = te.min(end);
            }
            times.next();
        }
        line.push_str(&art.text[pos.min(end)..end]);
        writeln!(out, "   ¶{:<3} {line}", i + 1)?;
    }
    writeln!(out)
}
