//! API tests over real HTTP on 127.0.0.1: a real store in a temp dir, filled
//! with analyses built here (so entities and quotes are present), served by
//! the real router.

use newsdesk_core::{
    Analysis, Article, Entity, EntityKind, Mention, Provenance, Published, Quote, QuoteKind, Span, Speaker, Timex,
    TimexType, SCHEMA_VERSION,
};
use newsdesk_store::{Grouping, Store, StoryInfo};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, OnceLock};

fn span_of(text: &str, needle: &str) -> Span {
    let b = text.find(needle).expect("needle in text");
    let s = text[..b].chars().count();
    Span::new(s, s + needle.chars().count())
}

fn analysis(id: &str, date: &str, title: &str, text: &str, people: &[&str], quote: Option<(&str, &str)>) -> Analysis {
    let article = Article::new(
        Some(id.into()),
        Some(format!("https://example.org/{id}")),
        Some("Example News".into()),
        title.into(),
        Published::parse(date),
        None,
        text.into(),
        Provenance::default(),
    );
    let entities: Vec<Entity> = people
        .iter()
        .enumerate()
        .map(|(i, p)| Entity {
            id: format!("e{}", i + 1),
            kind: EntityKind::Person,
            name: p.to_string(),
            role: None,
            affiliation: None,
            mentions: vec![Mention::from_span(text, span_of(text, p))],
        })
        .collect();
    let quotes = quote
        .map(|(who, q)| {
            let s = span_of(text, q);
            vec![Quote {
                text: q.into(),
                start: s.start,
                end: s.end,
                spans: vec![s],
                kind: QuoteKind::Direct,
                cue: None,
                speaker_mention: None,
                speaker: Some(Speaker { entity: Some("e1".into()), name: who.into() }),
                addressee: None,
            }]
        })
        .unwrap_or_default();
    let times = text
        .find("1 July")
        .map(|_| {
            let s = span_of(text, "1 July");
            vec![Timex {
                text: "1 July".into(),
                start: s.start,
                end: s.end,
                kind: TimexType::Date,
                value: "2019-07-01".into(),
                anchor: Some(date.into()),
            }]
        })
        .unwrap_or_default();
    let n = text.chars().count();
    Analysis { schema_version: SCHEMA_VERSION, article, sentences: vec![Span::new(0, n)], entities, quotes, times }
}

struct Server {
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let evil = "<script>alert(1)</script> Joshua Wong said \"<img src=x onerror=alert(2)>\" on 1 July.";
        let docs = vec![
            analysis(
                "hk-1",
                "2019-06-12",
                "Hong Kong police fire tear gas",
                "Police in Hong Kong fired tear gas. Carrie Lam said \"this is a riot\".",
                &["Carrie Lam"],
                Some(("Carrie Lam", "this is a riot")),
            ),
            analysis(
                "hk-2",
                "2019-07-02",
                "Protesters storm Legislative Council <b>building</b>",
                evil,
                &["Joshua Wong"],
                Some(("Joshua Wong", "<img src=x onerror=alert(2)>")),
            ),
            analysis("x-1", "2020-01-05", "Unrelated news", "Markets rose in Tokyo.", &[], None),
        ];
        store.write_batch(&docs).unwrap();
        let stories = [StoryInfo { key: "s1".into(), label: "Hong Kong protests".into() }];
        let g: Vec<Grouping> = ["hk-1", "hk-2"]
            .iter()
            .map(|a| Grouping { article: a.to_string(), story: Some("s1".into()), dup_group: None })
            .collect();
        store.set_groups(&stories, &g).unwrap();
        store.finish().unwrap();
        let store = Arc::new(store);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            newsdesk_server::serve(store, "127.0.0.1:0".parse().unwrap(), Default::default(), |a| {
                tx.send(a).unwrap();
            })
            .unwrap();
        });
        let addr = rx.recv().unwrap();
        Server { addr, _dir: dir }
    })
}

struct Resp {
    status: u16,
    headers: String,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn request(raw: &str) -> Resp {
    let mut s = TcpStream::connect(server().addr).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        let mut out = String::new();
        let mut rest = body;
        loop {
            let (len, after) = rest.split_once("\r\n").unwrap();
            let n = usize::from_str_radix(len.trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.push_str(&after[..n]);
            rest = &after[n + 2..];
        }
        out
    } else {
        body.to_string()
    };
    Resp { status, headers: head.to_string(), body }
}

fn get(path: &str) -> Resp {
    request(&format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
}

#[test]
fn search_with_filters_and_facets() {
    let r = get("/api/search?q=tear+gas");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.headers.to_ascii_lowercase().contains("content-type: application/json"));
    let v = r.json();
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "hk-1");
    assert_eq!(v["hits"][0]["source"], "Example News");
    assert!(!v["hits"][0]["snippet"]["highlights"].as_array().unwrap().is_empty());

    let v = get("/api/search?q=&person=joshua%20wong").json();
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "hk-2");
    let v = get("/api/search?from=2019-07-01&to=2019-12-31").json();
    assert_eq!(v["total"], 1);
    let v = get("/api/search").json();
    assert_eq!(v["total"], 3);
    // Newest first when browsing without a query.
    assert_eq!(v["hits"][0]["id"], "x-1");
    let people: Vec<&str> =
        v["facets"]["people"].as_array().unwrap().iter().map(|f| f["value"].as_str().unwrap()).collect();
    assert!(people.contains(&"Carrie Lam") && people.contains(&"Joshua Wong"), "{people:?}");
    assert_eq!(v["facets"]["months"].as_array().unwrap().len(), 3);
    let story = v["hits"][1]["story"].as_i64().unwrap();
    let v = get(&format!("/api/search?story={story}&sort=oldest")).json();
    let ids: Vec<&str> = v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["hk-1", "hk-2"]);
}

#[test]
fn article_entity_story_and_stats() {
    let v = get("/api/articles/hk-1").json();
    assert_eq!(v["analysis"]["title"], "Hong Kong police fire tear gas");
    assert_eq!(v["analysis"]["quotes"][0]["text"], "this is a riot");
    let lam = v["entities"][0]["entity"].as_i64().unwrap();
    assert_eq!(v["story"]["label"], "Hong Kong protests");

    let e = get(&format!("/api/entities/{lam}")).json();
    assert_eq!(e["name"], "Carrie Lam");
    assert_eq!(e["kind"], "person");
    assert_eq!(e["quotes"][0]["text"], "this is a riot");
    assert_eq!(e["quotes"][0]["article"]["id"], "hk-1");
    assert_eq!(e["per_day"][0]["day"], "2019-06-12");
    let found = get("/api/entities?name=lam&kind=person").json();
    assert_eq!(found[0]["id"], lam);

    let s = get(&format!("/api/stories/{}", v["story"]["id"])).json();
    assert_eq!(s["size"], 2);
    assert_eq!(s["articles"].as_array().unwrap().len(), 2);
    assert_eq!(s["events"][0]["day"], "2019-07-01");
    assert_eq!(get("/api/stories").json()[0]["label"], "Hong Kong protests");

    let st = get("/api/stats").json();
    assert_eq!(st["articles"], 3);
    assert_eq!(st["quotes"], 2);
    assert_eq!(st["per_day"].as_array().unwrap().len(), 3);
}

#[test]
fn errors_are_json_with_the_right_status() {
    for (path, status, needle) in [
        ("/api/articles/nope", 404, "nope"),
        ("/api/entities/123456", 404, "123456"),
        ("/api/entities/abc", 400, "abc"),
        ("/api/stories/99999", 404, "99999"),
        ("/api/search?from=yesterday", 400, "from"),
        ("/api/search?limit=100000", 400, "limit"),
        ("/api/search?q=title:(", 400, "query"),
        ("/api/search?sort=random", 400, "sort"),
        ("/api/nothing-here", 404, "no such"),
    ] {
        let r = get(path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        let v = r.json();
        assert_eq!(v["error"]["status"], status);
        assert!(v["error"]["message"].as_str().unwrap().contains(needle), "{path}: {}", r.body);
    }
    let long = "a".repeat(5000);
    let r = get(&format!("/api/search?q={long}"));
    assert_eq!(r.status, 400);
    let r = request("POST /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
    assert_eq!(r.status, 405);
    assert_eq!(r.json()["error"]["status"], 405);
    let big = "x".repeat(20_000);
    let r = request(&format!(
        "GET /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{big}",
        big.len()
    ));
    assert_eq!(r.status, 413);
}

#[test]
fn ui_is_served_with_a_strict_content_security_policy() {
    let r = get("/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("<script src=\"/assets/app.js\">"));
    let h = r.headers.to_ascii_lowercase();
    assert!(h.contains("content-security-policy: default-src 'none'; script-src 'self'"), "{h}");
    assert!(h.contains("x-content-type-options: nosniff"));
    let js = get("/assets/app.js");
    assert_eq!(js.status, 200);
    // The UI never turns article data into HTML.
    assert!(!js.body.contains("innerHTML") && !js.body.contains("insertAdjacentHTML"));
    assert_eq!(get("/assets/app.css").status, 200);
    // Article text with markup comes back as data, to be rendered as text.
    let v = get("/api/articles/hk-2").json();
    assert!(v["analysis"]["text"].as_str().unwrap().starts_with("<script>"));
}
