//! Reads a plan document from a file, validates it, and computes status and every
//! roll-up for one date: the native time of the work the Python benchmark measures.
//!
//! ```text
//! cargo run --release --example load_status -- plan.json 2017-06-30
//! ```
//!
//! Prints one JSON line: the seconds taken to read, validate, and evaluate.

use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use mubiao::{Plan, StatusOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(date)) = (args.next(), args.next()) else {
        eprintln!("usage: load_status FILE.json YYYY-MM-DD");
        return ExitCode::from(2);
    };
    let Ok(as_of) = date.parse::<NaiveDate>() else {
        eprintln!("`{date}` is not a date");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let read = started.elapsed().as_secs_f64();
    let plan = match Plan::from_json_slice(&bytes) {
        Ok(plan) => plan,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = started.elapsed().as_secs_f64();
    let rollup = match plan.status(as_of, &StatusOptions::default()) {
        Ok(status) => status.rollup(),
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let total = started.elapsed().as_secs_f64();
    println!(
        "{{\"read\": {read:.4}, \"load\": {:.4}, \"status_rollups\": {:.4}, \"total\": {total:.4}, \"milestones\": {}, \"lagging\": {}}}",
        loaded - read,
        total - loaded,
        rollup.overall.milestones,
        rollup.overall.lagging
    );
    ExitCode::SUCCESS
}
