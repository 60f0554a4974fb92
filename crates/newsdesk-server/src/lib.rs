//! The newsdesk HTTP server: a JSON API over a [`Store`] (documented in
//! docs/api.md) and the web UI, whose HTML, JS and CSS are compiled into the
//! binary (no build step, no CDN).
//!
//! Store calls are blocking (SQLite, Tantivy) and run on Tokio's blocking
//! pool. Every request has a time limit ([`Limits::request_timeout`]); query
//! strings are bounded; errors are JSON `{"error": {"status", "message"}}`.
//! Responses carry a strict Content-Security-Policy, so even a mistake in
//! the UI could not run a script that came inside an article.

use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use newsdesk_store::{SearchQuery, Sort, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// Bounds on what one request may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request taking longer is answered 503.
    pub request_timeout: Duration,
    /// Largest accepted request body (the API only reads query strings).
    pub max_body: usize,
    /// Longest accepted value of one query parameter, in bytes.
    pub max_param: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { request_timeout: Duration::from_secs(10), max_body: 16 * 1024, max_param: 2048 }
    }
}

#[derive(Clone)]
struct App {
    store: Arc<Store>,
    limits: Limits,
    /// One permit per core for store calls.
    work: Arc<tokio::sync::Semaphore>,
}

/// A JSON error response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<newsdesk_store::Error> for ApiError {
    fn from(e: newsdesk_store::Error) -> ApiError {
        match e {
            newsdesk_store::Error::BadQuery(m) => ApiError::bad(m),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "status": self.status.as_u16(), "message": self.message }
        });
        json_response(self.status, &body)
    }
}

fn json_response<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], bytes).into_response()
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

type ApiResult = Result<Response, ApiError>;

impl App {
    /// Runs a blocking store call on Tokio's blocking pool, at most one per
    /// core at a time: requests beyond that wait their turn in order instead
    /// of sharing the cores, so each finishes as soon as it can.
    async fn call<T: Serialize + Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> ApiResult {
        let permit = self
            .work
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is shutting down"))?;
        let store = self.store.clone();
        match tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f(&store)
        })
        .await
        {
            Ok(Ok(v)) => Ok(json_response(StatusCode::OK, &v)),
            Ok(Err(e)) => Err(e),
            Err(e) => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("worker failed: {e}"))),
        }
    }
}

/// The router: API under `/api`, UI at `/`.
pub fn router(store: Arc<Store>, limits: Limits) -> Router {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let app = App { store, limits, work: Arc::new(tokio::sync::Semaphore::new(cores)) };
    Router::new()
        .route("/", get(|| async { asset(INDEX_HTML, "text/html; charset=utf-8") }))
        .route("/assets/app.js", get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }))
        .route("/assets/app.css", get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }))
        .route("/api/health", get(|| async { json_response(StatusCode::OK, &serde_json::json!({"ok": true})) }))
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/stats", get(stats))
        .fallback(|| async { ApiError::not_found("no such page or endpoint (see docs/api.md)") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "only GET is supported")
        })
        .layer(DefaultBodyLimit::max(limits.max_body))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Time limit, body limit on declared length, and security headers.
async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let too_big = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > app.limits.max_body);
    let mut resp = if too_big {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response()
    } else {
        match tokio::time::timeout(app.limits.request_timeout, next.run(req)).await {
            Ok(r) => r,
            Err(_) => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "request timed out").into_response(),
        }
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    resp
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

/// Query parameters, checked one by one so errors can name the parameter.
struct Params<'a> {
    map: &'a HashMap<String, String>,
    max: usize,
}

impl<'a> Params<'a> {
    fn str(&self, name: &str) -> Result<Option<&'a str>, ApiError> {
        match self.map.get(name).map(|s| s.trim()) {
            Some(v) if v.len() > self.max => {
                Err(ApiError::bad(format!("parameter {name} is longer than {} bytes", self.max)))
            }
            Some("") | None => Ok(None),
            Some(v) => Ok(Some(v)),
        }
    }
    fn parse<T: std::str::FromStr>(&self, name: &str, what: &str) -> Result<Option<T>, ApiError> {
        match self.str(name)? {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| ApiError::bad(format!("parameter {name}={v:?} is not {what}"))),
        }
    }
    fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        match self.str(name)? {
            None => Ok(None),
            Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| ApiError::bad(format!("parameter {name}={v:?} is not a date YYYY-MM-DD"))),
        }
    }
}

/// Builds a [`SearchQuery`] from API parameters (also used by tests).
fn search_query(map: &HashMap<String, String>, max: usize) -> Result<SearchQuery, ApiError> {
    let p = Params { map, max };
    let q = p.str("q")?.unwrap_or("").to_string();
    let sort = match p.str("sort")? {
        None if q.is_empty() => Sort::Newest,
        None | Some("relevance") => Sort::Relevance,
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        Some(other) => {
            return Err(ApiError::bad(format!("parameter sort={other:?} is not one of relevance, newest, oldest")))
        }
    };
    let limit = p.parse::<usize>("limit", "a number")?.unwrap_or(20);
    if limit == 0 || limit > newsdesk_store::MAX_LIMIT {
        return Err(ApiError::bad(format!("parameter limit must be 1..={}", newsdesk_store::MAX_LIMIT)));
    }
    let offset = p.parse::<usize>("offset", "a number")?.unwrap_or(0);
    if offset > newsdesk_store::MAX_OFFSET {
        return Err(ApiError::bad(format!("parameter offset must be at most {}", newsdesk_store::MAX_OFFSET)));
    }
    let facets = p.parse::<usize>("facets", "a number")?.unwrap_or(10).min(50);
    Ok(SearchQuery {
        q,
        from: p.date("from")?,
        to: p.date("to")?,
        source: p.str("source")?.map(str::to_string),
        person: p.str("person")?.map(str::to_string),
        organization: p.str("organization")?.map(str::to_string),
        place: p.str("place")?.map(str::to_string),
        story: p.parse("story", "a story id")?,
        sort,
        limit,
        offset,
        facets,
    })
}

async fn search(State(app): State<App>, Query(map): Query<HashMap<String, String>>) -> ApiResult {
    let query = search_query(&map, app.limits.max_param)?;
    app.call(move |store| Ok(store.search(&query)?)).await
}

async fn article(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    if id.len() > app.limits.max_param {
        return Err(ApiError::bad("article id too long"));
    }
    app.call(move |store| store.article(&id)?.ok_or_else(|| ApiError::not_found(format!("no article with id {id:?}"))))
        .await
}

fn parse_id(id: &str, what: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::bad(format!("{what} id {id:?} is not a number")))
}

async fn entity(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let id = parse_id(&id, "entity")?;
    app.call(move |store| store.entity(id)?.ok_or_else(|| ApiError::not_found(format!("no entity with id {id}")))).await
}

async fn entities(State(app): State<App>, Query(map): Query<HashMap<String, String>>) -> ApiResult {
    let p = Params { map: &map, max: app.limits.max_param };
    let name = p.str("name")?.unwrap_or("").to_string();
    let kind = match p.str("kind")? {
        None => None,
        Some(k @ ("person" | "organization" | "place" | "other")) => Some(k.to_string()),
        Some(k) => {
            return Err(ApiError::bad(format!("parameter kind={k:?} is not one of person, organization, place, other")))
        }
    };
    let limit = p.parse::<usize>("limit", "a number")?.unwrap_or(20).clamp(1, 100);
    app.call(move |store| Ok(store.entities_named(&name, kind.as_deref(), limit)?)).await
}

async fn stories(State(app): State<App>, Query(map): Query<HashMap<String, String>>) -> ApiResult {
    let p = Params { map: &map, max: app.limits.max_param };
    let limit = p.parse::<usize>("limit", "a number")?.unwrap_or(50).clamp(1, 1000);
    app.call(move |store| Ok(store.stories(limit)?)).await
}

async fn story(State(app): State<App>, Path(id): Path<String>) -> ApiResult {
    let id = parse_id(&id, "story")?;
    app.call(move |store| store.story(id)?.ok_or_else(|| ApiError::not_found(format!("no story with id {id}")))).await
}

async fn stats(State(app): State<App>) -> ApiResult {
    app.call(move |store| Ok(store.stats()?)).await
}

/// Serves until Ctrl-C (or SIGTERM). `on_ready` gets the bound address
/// (useful with port 0) once the socket listens.
pub fn serve(
    store: Arc<Store>,
    addr: SocketAddr,
    limits: Limits,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().thread_name("newsdesk-http").build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        on_ready(listener.local_addr()?);
        axum::serve(listener, router(store, limits)).with_graceful_shutdown(shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    fn m(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn search_parameters_are_checked() {
        let q = search_query(&m(&[("q", "hong kong"), ("from", "2019-06-01"), ("limit", "5")]), 100).unwrap();
        assert_eq!(q.q, "hong kong");
        assert_eq!(q.limit, 5);
        assert_eq!(q.sort, Sort::Relevance);
        assert_eq!(q.from, NaiveDate::from_ymd_opt(2019, 6, 1));
        assert_eq!(search_query(&m(&[]), 100).unwrap().sort, Sort::Newest);
        for bad in [
            ("from", "June"),
            ("limit", "0"),
            ("limit", "101"),
            ("limit", "-1"),
            ("story", "x"),
            ("sort", "random"),
            ("offset", "10001"),
        ] {
            let e = search_query(&m(&[bad]), 100).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{bad:?}");
            assert!(e.message.contains(bad.0), "{bad:?}: {}", e.message);
        }
        let long = "x".repeat(101);
        assert!(search_query(&m(&[("q", &long)]), 100).is_err());
    }
}
