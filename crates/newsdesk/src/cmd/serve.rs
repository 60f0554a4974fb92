//! `newsdesk serve`: the JSON API and web UI over a store.

use super::ingest::open_store;
use newsdesk_server::Limits;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// The store directory.
    #[arg(long, value_name = "DIR")]
    pub db: PathBuf,
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,
    /// Seconds a request may take before it is answered 503.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::require_store(&args.db)?;
    let store = Arc::new(open_store(&args.db)?);
    serve(store, args.addr, args.timeout, |_| {})?;
    Ok(ExitCode::SUCCESS)
}

/// Serves until Ctrl-C, printing the URL on stdout once listening.
pub fn serve(
    store: Arc<newsdesk_store::Store>,
    addr: SocketAddr,
    timeout: u64,
    then: impl FnOnce(&str),
) -> anyhow::Result<()> {
    let limits = Limits { request_timeout: std::time::Duration::from_secs(timeout.max(1)), ..Limits::default() };
    newsdesk_server::serve(store, addr, limits, |bound| {
        let url = format!("http://{bound}/");
        println!("{url}");
        eprintln!("newsdesk: serving on {url} (Ctrl-C to stop)");
        then(&url);
    })
    .map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!("{addr} is already in use; pass --addr 127.0.0.1:0 for any free port")
        } else {
            anyhow::anyhow!("cannot serve on {addr}: {e}")
        }
    })
}
