//! `newsdesk search`: full-text search of a store, as a table for people or
//! JSON for programs.

use anyhow::Context;
use chrono::NaiveDate;
use newsdesk_store::{SearchQuery, Sort, Store};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Tantivy query syntax over title and body: `hong kong`, `"carrie lam"`,
    /// `title:protest`, `police -tear`, `police OR army`. Empty with filters
    /// lists the newest matching articles.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    pub db: PathBuf,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// Only this source (case-insensitive).
    #[arg(long)]
    pub source: Option<String>,
    /// Only articles mentioning this person (name, case-insensitive).
    #[arg(long)]
    pub person: Option<String>,
    /// Only articles mentioning this organisation.
    #[arg(long)]
    pub organization: Option<String>,
    /// Only articles mentioning this place.
    #[arg(long)]
    pub place: Option<String>,
    /// Only articles of this story (its id, as `serve` and `--json` show).
    #[arg(long)]
    pub story: Option<i64>,
    /// Order: relevance (default with a query), newest (default without), oldest.
    #[arg(long, value_parser = ["relevance", "newest", "oldest"])]
    pub sort: Option<String>,
    /// Number of results.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Results to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print the results (hits, total, facets) as one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::require_store(&args.db)?;
    let store = Store::open(&args.db).with_context(|| format!("cannot open the store at {}", args.db.display()))?;
    let q = args.query.join(" ");
    let sort = match args.sort.as_deref() {
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        Some(_) => Sort::Relevance,
        None if q.trim().is_empty() => Sort::Newest,
        None => Sort::Relevance,
    };
    let query = SearchQuery {
        q,
        from: args.from,
        to: args.to,
        source: args.source,
        person: args.person,
        organization: args.organization,
        place: args.place,
        story: args.story,
        sort,
        limit: args.limit.clamp(1, newsdesk_store::MAX_LIMIT),
        offset: args.offset,
        facets: if args.json { 10 } else { 0 },
    };
    let res = store.search(&query)?;
    let stdout = std::io::stdout();
    let color = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &res)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} article{} ({:.1} ms){}",
            res.total,
            if res.total == 1 { "" } else { "s" },
            res.took_ms,
            if res.total > res.offset + res.hits.len() {
                format!(", showing {}-{}", res.offset + 1, res.offset + res.hits.len())
            } else {
                String::new()
            }
        )?;
        if !res.hits.is_empty() {
            writeln!(out, "{:<10}  {:<14}  TITLE", "DATE", "SOURCE")?;
        }
        for h in &res.hits {
            let date = h.published.as_deref().map_or("", |p| p.get(..10).unwrap_or(p));
            writeln!(
                out,
                "{:<10}  {:<14}  {}",
                date,
                clip(h.source.as_deref().unwrap_or(""), 14),
                clip(&h.title, 100)
            )?;
            writeln!(out, "{:<10}  {:<14}  {}", "", "", highlighted(&h.snippet, color))?;
            writeln!(out, "{:<10}  {:<14}  id: {}", "", "", h.id)?;
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The snippet with its matches in bold (terminal) or between «».
fn highlighted(s: &newsdesk_store::Snippet, color: bool) -> String {
    let (open, close) = if color { ("\x1b[1;33m", "\x1b[0m") } else { ("«", "»") };
    let chars: Vec<char> = s.text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = String::with_capacity(s.text.len() + 16);
    let mut pos = 0;
    for span in &s.highlights {
        if span.start < pos || span.end > chars.len() {
            continue;
        }
        out.extend(&chars[pos..span.start]);
        out.push_str(open);
        out.extend(&chars[span.start..span.end]);
        out.push_str(close);
        pos = span.end;
    }
    out.extend(&chars[pos..]);
    out
}
