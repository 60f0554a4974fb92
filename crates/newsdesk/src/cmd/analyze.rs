//! `newsdesk analyze`: articles in, one analysis JSON object per line out.

use super::pipeline::{self, InputArgs};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print a readable summary for a person instead of JSON Lines.
    #[arg(long)]
    pub pretty: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let pretty = args.pretty;
    let tally = pipeline::run(&args.input, pipeline::analyze, |analysis| {
        if pretty {
            super::pretty::write(&mut out, &analysis)
        } else {
            serde_json::to_writer(&mut out, &analysis)?;
            out.write_all(b"\n")
        }
    })?;
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(tally.exit_code())
}
