//! TimeML documents (TempEval-3 `.tml`): reading gold annotation, writing a
//! tagger's output, and the TempEval-3 measures.
//!
//! Offsets here are byte offsets into the text inside `<TEXT>` with every
//! tag removed (character entities such as `&amp;` are kept as written, on
//! both the gold and the system side, so the texts align byte for byte).

use super::extract_times;
use crate::Doc;
use chrono::NaiveDate;
use newsdesk_core::TimexType;
use std::fmt::Write as _;

/// One TIMEX3 of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMlTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A parsed TimeML document.
#[derive(Debug, Clone)]
pub struct TimeMlDoc {
    /// Everything before the text (DOCID, DCT, ...), including `<TEXT>`.
    pub head: String,
    /// The text with the annotation tags removed.
    pub text: String,
    /// Everything from `</TEXT>` on.
    pub tail: String,
    /// The document creation time (the CREATION_TIME TIMEX3).
    pub dct: Option<NaiveDate>,
    /// The tid of the DCT timex.
    pub dct_tid: Option<String>,
    /// The TIMEX3s inside the text.
    pub timexes: Vec<TimeMlTimex>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMlError(pub String);

impl std::fmt::Display for TimeMlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TimeMlError {}

/// The value of attribute `name` in a tag's text (`<TIMEX3 a="b" ...>`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(p) = rest.find(name) {
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let after = &rest[p + name.len()..];
        let after_trim = after.trim_start();
        if before_ok && after_trim.starts_with('=') {
            let v = after_trim[1..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let body = &v[1..];
                let e = body.find(q)?;
                return Some(&body[..e]);
            }
        }
        rest = &rest[p + name.len()..];
    }
    None
}

/// Parses a TimeML document.
pub fn parse(src: &str) -> Result<TimeMlDoc, TimeMlError> {
    let open = src.find("<TEXT>").ok_or_else(|| TimeMlError("no <TEXT> element".into()))?;
    let body_start = open + "<TEXT>".len();
    let close_rel = src[body_start..].find("</TEXT>").ok_or_else(|| TimeMlError("no </TEXT> after <TEXT>".into()))?;
    let body_end = body_start + close_rel;
    let head = &src[..body_start];
    let (mut dct, mut dct_tid) = (None, None);
    // The DCT may be anywhere in the document (usually before <TEXT>).
    let mut from = 0;
    while let Some(p) = src[from..].find("<TIMEX3") {
        let s = from + p;
        let Some(e) = src[s..].find('>') else { break };
        let tag = &src[s..s + e];
        if attr(tag, "functionInDocument") == Some("CREATION_TIME") {
            dct = attr(tag, "value")
                .and_then(|v| v.get(..10))
                .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
            dct_tid = attr(tag, "tid").map(str::to_string);
            break;
        }
        from = s + e;
    }
    let body = &src[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open_timex: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let e = rest.find('>').ok_or_else(|| TimeMlError(format!("unclosed tag at text byte {i}")))?;
            let tag = &rest[..e + 1];
            if tag.starts_with("<TIMEX3") {
                let kind = attr(tag, "type").unwrap_or("").to_string();
                let value = attr(tag, "value").unwrap_or("").to_string();
                if tag.ends_with("/>") {
                    // empty timex: not in the text
                } else {
                    open_timex = Some((text.len(), kind, value));
                }
            } else if tag.starts_with("</TIMEX3") {
                if let Some((s, kind, value)) = open_timex.take() {
                    timexes.push(TimeMlTimex { start: s, end: text.len(), kind, value });
                }
            }
            i += e + 1;
        } else {
            let n = rest.find('<').unwrap_or(rest.len());
            text.push_str(&rest[..n]);
            i += n;
        }
    }
    Ok(TimeMlDoc { head: head.to_string(), text, tail: src[body_end..].to_string(), dct, dct_tid, timexes })
}

fn type_name(k: TimexType) -> &'static str {
    match k {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// Tags a parsed document's text with our tagger: byte spans.
pub fn tag(doc: &TimeMlDoc) -> Vec<TimeMlTimex> {
    let d = Doc::from_text(&doc.text);
    extract_times(&d, doc.dct)
        .into_iter()
        .map(|t| TimeMlTimex {
            start: d.offsets.to_byte(t.start),
            end: d.offsets.to_byte(t.end),
            kind: type_name(t.kind).to_string(),
            value: t.value,
        })
        .collect()
}

fn escape_attr(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// Writes the document with `timexes` as the only tags inside `<TEXT>`.
/// The part after `</TEXT>` (links to the removed gold tags) is dropped;
/// the closing `</TimeML>` is kept.
pub fn write(doc: &TimeMlDoc, timexes: &[TimeMlTimex]) -> String {
    let mut out = String::with_capacity(doc.head.len() + doc.text.len() * 2);
    out.push_str(&doc.head);
    let mut pos = 0;
    let mut n = 1;
    for t in timexes {
        if t.start < pos
            || t.end > doc.text.len()
            || !doc.text.is_char_boundary(t.start)
            || !doc.text.is_char_boundary(t.end)
        {
            continue;
        }
        out.push_str(&doc.text[pos..t.start]);
        let mut tid = format!("t{n}");
        while doc.dct_tid.as_deref() == Some(tid.as_str()) {
            n += 1;
            tid = format!("t{n}");
        }
        n += 1;
        let _ =
            write!(out, "<TIMEX3 tid=\"{tid}\" type=\"{}\" value=\"{}\">", escape_attr(&t.kind), escape_attr(&t.value));
        out.push_str(&doc.text[t.start..t.end]);
        out.push_str("</TIMEX3>");
        pos = t.end;
    }
    out.push_str(&doc.text[pos..]);
    out.push_str("</TEXT>\n");
    if doc.tail.contains("</TimeML>") {
        out.push_str("\n</TimeML>\n");
    }
    out
}

/// TempEval-3 counts, summed over documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    /// Gold timexes with a system timex of exactly the same extent.
    pub strict_gold: usize,
    /// System timexes with a gold timex of exactly the same extent.
    pub strict_system: usize,
    /// Gold timexes overlapped by a system timex.
    pub relaxed_gold: usize,
    /// System timexes overlapping a gold timex.
    pub relaxed_system: usize,
    /// Relaxed-matched pairs, and those with the same type / value.
    pub pairs: usize,
    pub type_ok: usize,
    pub value_ok: usize,
}

/// One disagreement, for the error listing.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreError {
    pub what: &'static str,
    pub gold: Option<(String, String, String)>,
    pub system: Option<(String, String, String)>,
}

fn overlaps(a: &TimeMlTimex, b: &TimeMlTimex) -> bool {
    a.start < b.end && b.start < a.end
}

/// Scores one document's system timexes against its gold timexes.
pub fn score_doc(text: &str, gold: &[TimeMlTimex], system: &[TimeMlTimex], errors: &mut Vec<ScoreError>) -> Counts {
    let mut c = Counts { gold: gold.len(), system: system.len(), ..Counts::default() };
    let show =
        |t: &TimeMlTimex| (text.get(t.start..t.end).unwrap_or("").replace('\n', " "), t.kind.clone(), t.value.clone());
    let mut used = vec![false; system.len()];
    for g in gold {
        if system.iter().any(|s| s.start == g.start && s.end == g.end) {
            c.strict_gold += 1;
        }
        let any = system.iter().any(|s| overlaps(s, g));
        if any {
            c.relaxed_gold += 1;
        }
        // Pair with the first unused overlapping system timex (exact extent first).
        let pick = system
            .iter()
            .enumerate()
            .filter(|(k, s)| !used[*k] && overlaps(s, g))
            .min_by_key(|(_, s)| {
                (s.start != g.start || s.end != g.end, s.start.abs_diff(g.start) + s.end.abs_diff(g.end))
            })
            .map(|(k, _)| k);
        match pick {
            Some(k) => {
                used[k] = true;
                let s = &system[k];
                c.pairs += 1;
                let tok = s.kind == g.kind;
                let vok = s.value == g.value;
                c.type_ok += tok as usize;
                c.value_ok += vok as usize;
                if s.start != g.start || s.end != g.end {
                    errors.push(ScoreError { what: "extent", gold: Some(show(g)), system: Some(show(s)) });
                }
                if !tok || !vok {
                    errors.push(ScoreError {
                        what: if tok { "value" } else { "type" },
                        gold: Some(show(g)),
                        system: Some(show(s)),
                    });
                }
            }
            None if !any => errors.push(ScoreError { what: "missed", gold: Some(show(g)), system: None }),
            None => {}
        }
    }
    for s in system {
        if gold.iter().any(|g| g.start == s.start && g.end == s.end) {
            c.strict_system += 1;
        }
        if gold.iter().any(|g| overlaps(s, g)) {
            c.relaxed_system += 1;
        } else {
            errors.push(ScoreError { what: "spurious", gold: None, system: Some(show(s)) });
        }
    }
    c
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict_gold += o.strict_gold;
        self.strict_system += o.strict_system;
        self.relaxed_gold += o.relaxed_gold;
        self.relaxed_system += o.relaxed_system;
        self.pairs += o.pairs;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }
    fn prf(sys_hits: usize, gold_hits: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
        let p = if sys == 0 { 0.0 } else { sys_hits as f64 / sys as f64 };
        let r = if gold == 0 { 0.0 } else { gold_hits as f64 / gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
    /// Strict extent precision, recall, F1.
    pub fn strict(&self) -> (f64, f64, f64) {
        Self::prf(self.strict_system, self.strict_gold, self.system, self.gold)
    }
    /// Relaxed (overlap) extent precision, recall, F1.
    pub fn relaxed(&self) -> (f64, f64, f64) {
        Self::prf(self.relaxed_system, self.relaxed_gold, self.system, self.gold)
    }
    pub fn type_accuracy(&self) -> f64 {
        if self.pairs == 0 {
            0.0
        } else {
            self.type_ok as f64 / self.pairs as f64
        }
    }
    pub fn value_accuracy(&self) -> f64 {
        if self.pairs == 0 {
            0.0
        } else {
            self.value_ok as f64 / self.pairs as f64
        }
    }
    /// Attribute F1 = attribute accuracy × relaxed F1 (TempEval-3).
    pub fn type_f1(&self) -> f64 {
        self.type_accuracy() * self.relaxed().2
    }
    pub fn value_f1(&self) -> f64 {
        self.value_accuracy() * self.relaxed().2
    }
    /// A human-readable report.
    pub fn report(&self) -> String {
        let (sp, sr, sf) = self.strict();
        let (rp, rr, rf) = self.relaxed();
        format!(
            "gold {} system {}\nstrict   P {:.4} R {:.4} F1 {:.4}\nrelaxed  P {:.4} R {:.4} F1 {:.4}\ntype     accuracy {:.4} F1 {:.4}\nvalue    accuracy {:.4} F1 {:.4}\n",
            self.gold,
            self.system,
            sp,
            sr,
            sf,
            rp,
            rr,
            rf,
            self.type_accuracy(),
            self.type_f1(),
            self.value_accuracy(),
            self.value_f1()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>\n<TEXT>\nA <EVENT eid=\"e1\">bad</EVENT> <TIMEX3 tid=\"t83\" type=\"DURATION\" value=\"P1W\">week</TIMEX3> for AT&amp;T, <TIMEX3 tid=\"t84\" type=\"DATE\" value=\"1998-01-07\">yesterday</TIMEX3>.\n</TEXT>\n<TLINK lid=\"l1\"/>\n</TimeML>\n";

    #[test]
    fn parse_and_write_round_trip() {
        let d = parse(DOC).unwrap();
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(d.text, "\nA bad week for AT&amp;T, yesterday.\n");
        assert_eq!(d.timexes.len(), 2);
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "week");
        assert_eq!(d.timexes[1].value, "1998-01-07");
        let w = write(&d, &d.timexes);
        let back = parse(&w).unwrap();
        assert_eq!(back.text, d.text);
        assert_eq!(back.timexes, d.timexes);
        assert_eq!(back.dct, d.dct);
        assert!(!w.contains("TLINK"));
        assert!(!w.contains("tid=\"t0\" type=\"DURATION\""));
    }

    #[test]
    fn tagger_on_timeml_text() {
        let d = parse(DOC).unwrap();
        let sys = tag(&d);
        let y = sys.iter().find(|t| &d.text[t.start..t.end] == "yesterday").expect("yesterday tagged");
        assert_eq!(y.value, "1998-01-07");
    }

    #[test]
    fn scoring() {
        let t = |s, e, k: &str, v: &str| TimeMlTimex { start: s, end: e, kind: k.into(), value: v.into() };
        let text = "0123456789012345678901234567890";
        let gold = vec![t(0, 4, "DATE", "1998"), t(10, 20, "DURATION", "P1W"), t(25, 28, "DATE", "X")];
        let sys = vec![t(0, 4, "DATE", "1998"), t(12, 20, "DURATION", "P2W"), t(21, 23, "SET", "P1D")];
        let mut errs = Vec::new();
        let c = score_doc(text, &gold, &sys, &mut errs);
        assert_eq!((c.strict_gold, c.strict_system, c.relaxed_gold, c.relaxed_system), (1, 1, 2, 2));
        assert_eq!((c.pairs, c.type_ok, c.value_ok), (2, 2, 1));
        let (_, _, rf) = c.relaxed();
        assert!((rf - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.value_f1() - 0.5 * 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(errs.iter().filter(|e| e.what == "missed").count(), 1);
        assert_eq!(errs.iter().filter(|e| e.what == "spurious").count(), 1);
    }
}
