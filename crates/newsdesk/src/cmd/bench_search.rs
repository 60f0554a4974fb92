//! `newsdesk bench-search`: a bounded load test of a running `newsdesk
//! serve` on this machine's loopback: N clients on keep-alive HTTP/1.1
//! connections send search requests (455 distinct queries, round robin)
//! until a request count or a time limit is reached; prints requests/s and
//! latency percentiles. Figures go to docs/BENCHMARKS.md.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Address of the server (loopback only).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,
    /// Concurrent clients (one connection each).
    #[arg(long, default_value_t = 20)]
    pub clients: usize,
    /// Total requests (the run also stops at --seconds).
    #[arg(long, default_value_t = 20_000)]
    pub requests: usize,
    /// Time limit in seconds.
    #[arg(long, default_value_t = 30)]
    pub seconds: u64,
    /// Extra query-string parameters for every request (e.g. `facets=0`).
    #[arg(long, default_value = "limit=20")]
    pub params: String,
    /// Requests per client before measuring starts (warm-up).
    #[arg(long, default_value_t = 20)]
    pub warmup: usize,
}

/// Queries of the kind people type into a news search.
const QUERIES: &[&str] = &[
    "oil prices",
    "interest rates",
    "trade deficit",
    "\"federal reserve\"",
    "wheat exports",
    "dollar yen",
    "bank merger",
    "opec output",
    "coffee",
    "gold",
    "japan trade surplus",
    "strike",
    "takeover bid",
    "grain",
    "earnings per share",
    "crude",
    "brazil debt",
    "sugar",
    "title:acquisition",
    "stocks OR shares",
];

/// Words combined in pairs (`"oil tanker"`, `"bank strike"`, ...) so the
/// load is not a handful of repeated queries: 20 typed queries plus 435
/// pairs, from broad to matching a few articles.
const WORDS: &[&str] = &[
    "oil",
    "bank",
    "trade",
    "dollar",
    "profit",
    "loss",
    "merger",
    "tax",
    "coffee",
    "wheat",
    "japan",
    "canada",
    "strike",
    "debt",
    "rates",
    "stake",
    "shares",
    "tanker",
    "union",
    "talks",
    "gold",
    "sugar",
    "budget",
    "exports",
    "billion",
    "quarter",
    "dividend",
    "offer",
    "government",
    "market",
];

fn queries() -> Vec<String> {
    let mut q: Vec<String> = QUERIES.iter().map(|s| s.to_string()).collect();
    for (i, a) in WORDS.iter().enumerate() {
        for b in &WORDS[i + 1..] {
            q.push(format!("{a} {b}"));
        }
    }
    q
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One GET on a keep-alive connection; returns the status.
fn get(conn: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    conn.get_mut().write_all(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut len = None;
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse::<usize>().ok();
            }
        }
    }
    let len = len.ok_or_else(|| std::io::Error::other("response without Content-Length"))?;
    let mut body = vec![0; len];
    conn.read_exact(&mut body)?;
    Ok(status)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.addr.ip().is_loopback() {
        anyhow::bail!("bench-search only targets this machine's loopback (127.0.0.1, ::1), not {}", args.addr);
    }
    let clients = args.clients.clamp(1, 256);
    let per_client = args.requests.div_ceil(clients);
    let deadline = Instant::now() + Duration::from_secs(args.seconds.max(1)) + Duration::from_secs(5);
    let start = std::sync::Barrier::new(clients + 1);
    let params = args.params.clone();
    let queries = queries();
    let (lat, errors, elapsed) = std::thread::scope(|s| -> anyhow::Result<_> {
        let mut handles = Vec::new();
        for c in 0..clients {
            let (start, params, queries) = (&start, &params, &queries);
            handles.push(s.spawn(move || -> std::io::Result<(Vec<u32>, usize)> {
                let mut conn = BufReader::new(TcpStream::connect(args.addr)?);
                conn.get_mut().set_nodelay(true)?;
                let path =
                    |i: usize| format!("/api/search?q={}&{params}", encode(&queries[(c * 37 + i) % queries.len()]));
                for i in 0..args.warmup {
                    get(&mut conn, &path(i))?;
                }
                start.wait();
                let mut lat = Vec::with_capacity(per_client);
                let mut errors = 0;
                let t_end = Instant::now() + Duration::from_secs(args.seconds.max(1));
                for i in 0..per_client {
                    let t = Instant::now();
                    if t >= t_end || t >= deadline {
                        break;
                    }
                    match get(&mut conn, &path(i)) {
                        Ok(200) => lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32),
                        Ok(_) => errors += 1,
                        Err(e) => return Err(e),
                    }
                }
                Ok((lat, errors))
            }));
        }
        start.wait();
        let t0 = Instant::now();
        let mut lat = Vec::new();
        let mut errors = 0;
        for h in handles {
            let (l, e) = h.join().map_err(|_| anyhow::anyhow!("a client panicked"))??;
            lat.extend(l);
            errors += e;
        }
        Ok((lat, errors, t0.elapsed()))
    })?;
    let mut lat = lat;
    lat.sort_unstable();
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        let i = ((lat.len() as f64 - 1.0) * p).round() as usize;
        lat[i] as f64 / 1000.0
    };
    let secs = elapsed.as_secs_f64();
    println!(
        "{} requests in {:.2} s from {} clients: {:.0} requests/s; latency ms p50 {:.2} p90 {:.2} p99 {:.2} max {:.2}; {} non-200",
        lat.len(),
        secs,
        clients,
        lat.len() as f64 / secs,
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0),
        errors
    );
    Ok(if errors == 0 { ExitCode::SUCCESS } else { ExitCode::from(super::EXIT_SOME_REJECTED) })
}
