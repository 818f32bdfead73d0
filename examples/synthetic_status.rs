//! Status and roll-ups of a large synthetic plan, timed, with the process's peak memory.
//!
//! ```text
//! cargo run --release --example synthetic_status -- 10000000
//! cargo run --release --example synthetic_status --features mubiao/parallel -- 10000000
//! ```

use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::StatusOptions;

/// The peak resident memory of this process in MiB, where the system tells it.
fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn main() -> ExitCode {
    let milestones = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let started = Instant::now();
    let document = match synthetic_plan(SyntheticOptions::with_milestones(milestones)) {
        Ok(document) => document,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let generated = started.elapsed();
    let started = Instant::now();
    let plan = match document.validate() {
        Ok(plan) => plan,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let validated = started.elapsed();
    let Some(as_of) = NaiveDate::from_ymd_opt(2017, 6, 30) else {
        return ExitCode::FAILURE;
    };
    let options = StatusOptions::default();
    // Best of several runs; what a run makes is freed outside the timing.
    let repeats = if milestones >= 5_000_000 { 5 } else { 25 };
    let (mut best, mut best_status) = (f64::MAX, f64::MAX);
    let mut rollup = None;
    for _ in 0..repeats {
        let started = Instant::now();
        let evaluation = match plan.status(as_of, &options) {
            Ok(evaluation) => evaluation,
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        };
        best_status = best_status.min(started.elapsed().as_secs_f64());
        let result = evaluation.rollup();
        best = best.min(started.elapsed().as_secs_f64());
        rollup = Some(result);
    }
    let Some(rollup) = rollup else {
        return ExitCode::FAILURE;
    };
    let count = plan.milestone_count();
    println!("milestones:            {count}");
    println!("generate:              {:.2} s", generated.as_secs_f64());
    println!("validate and compile:  {:.2} s", validated.as_secs_f64());
    println!(
        "status alone:          {:.4} s ({:.1} million milestones/s)",
        best_status,
        count as f64 / best_status / 1e6
    );
    println!(
        "status + roll-ups:     {:.4} s ({:.1} million milestones/s)",
        best,
        count as f64 / best / 1e6
    );
    println!(
        "on schedule:           {} of {} sub-projects ({:.1}%), {} lagging milestones",
        rollup.overall.sub_projects_on_schedule,
        rollup.overall.sub_projects_with_due_milestone,
        rollup.overall.completion_rate().unwrap_or(0.0) * 100.0,
        rollup.overall.lagging
    );
    println!(
        "indexes and schedule:  {} MiB",
        plan.index_bytes() / (1024 * 1024)
    );
    if let Some(peak) = peak_mib() {
        println!("peak resident memory:  {peak} MiB");
    }
    ExitCode::SUCCESS
}
