//! Resource readings for the benchmark commands (Linux `/proc`; `None`/0
//! elsewhere). On a machine shared with other jobs, throughput per CPU second
//! is steadier than per wall-clock second.

/// User + system CPU seconds from a `/proc/.../stat` file (ticks of 1/100 s).
fn stat_cpu_seconds(path: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(path).ok()?;
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (1-based).
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i - 3).and_then(|x| x.parse::<f64>().ok());
    Some((tick(14)? + tick(15)?) / 100.0)
}

/// CPU time of this process so far, in seconds (0 where unknown).
pub fn process_cpu_seconds() -> f64 {
    stat_cpu_seconds("/proc/self/stat").unwrap_or(0.0)
}

/// CPU time of the calling thread so far, in seconds.
pub fn thread_cpu_seconds() -> Option<f64> {
    stat_cpu_seconds("/proc/thread-self/stat")
}

/// Peak resident memory of this process, in bytes (0 where unknown).
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb * 1024)
}
