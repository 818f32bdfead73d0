//! Loading a ledger and recording one change, for the speeds `docs/performance.md` reports:
//! a 100,000-entry ledger of progress reports on the Xuhui plan read, verified and replayed
//! (at least 50,000 entries a second), and one progress report recorded on a plan of
//! 100,000 milestones (under 1 ms). Run with `cargo bench -p mubiao --bench ledger`.

// Benchmark set-up: a failure to build the inputs is a failed benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::{Change, Ledger, PlanDocument, Progress};

const ENTRIES: usize = 100_000;

fn xuhui() -> PlanDocument {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/xuhui-2017.json"
    ))
    .unwrap();
    let mut document = PlanDocument::from_json_str(&text).unwrap();
    // The plan as adopted on 6 January: later records come through the ledger.
    let day = NaiveDate::from_ymd_opt(2017, 1, 6).unwrap();
    document.progress_reports.retain(|r| r.date <= day);
    document.lag_reasons.retain(|r| r.recorded_on <= day);
    document
}

/// A ledger of the Xuhui plan with `entries` progress reports after its adoption, each by
/// a person of its milestone's lead unit, spread over the year.
fn ledger_text(entries: usize) -> String {
    let document = xuhui();
    let plan = document.clone().validate().unwrap();
    let start = NaiveDate::from_ymd_opt(2017, 1, 7)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let mut ledger = Ledger::adopt(document.clone(), "district-head", start, None).unwrap();
    let reporters: Vec<(String, String)> = document
        .key_tasks
        .iter()
        .flat_map(|t| &t.sub_projects)
        .flat_map(|s| &s.milestones)
        .filter_map(|m| {
            let lead = plan
                .milestone(m.id.as_str())?
                .responsibility
                .lead_unit
                .clone()?;
            let person = document.people.iter().find(|p| p.unit == lead)?;
            Some((m.id.to_string(), person.id.to_string()))
        })
        .collect();
    let step = Duration::seconds(300);
    let mut at: NaiveDateTime = start;
    for n in 0..entries {
        at += step;
        let (milestone, person) = &reporters[n % reporters.len()];
        ledger
            .record(
                person,
                at,
                Change::ReportProgress {
                    milestone: milestone.as_str().into(),
                    date: at.date(),
                    progress: Progress::Underway,
                    note: None,
                },
                None,
            )
            .unwrap();
    }
    ledger.to_jsonl()
}

fn load(c: &mut Criterion) {
    let text = ledger_text(ENTRIES);
    let mut group = c.benchmark_group("ledger_load");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ENTRIES as u64));
    group.bench_function(BenchmarkId::from_parameter(ENTRIES), |b| {
        b.iter(|| black_box(Ledger::from_jsonl(black_box(&text)).unwrap()))
    });
    group.finish();
}

fn record(c: &mut Criterion) {
    let document = synthetic_plan(SyntheticOptions::with_milestones(100_000)).unwrap();
    let adopted = NaiveDate::from_ymd_opt(2017, 7, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let ledger = Ledger::adopt(document.clone(), "l0", adopted, None).unwrap();
    let sub = &document.key_tasks[0].sub_projects[0];
    let milestone = sub.milestones[6].id.clone();
    let lead = sub.responsibility.lead_unit.clone().unwrap();
    let person = document
        .people
        .iter()
        .find(|p| p.unit == lead)
        .unwrap()
        .id
        .to_string();
    let mut group = c.benchmark_group("record_report");
    group.bench_function(BenchmarkId::from_parameter("100000_milestones"), |b| {
        b.iter_batched(
            || ledger.clone(),
            |mut ledger| {
                ledger
                    .record(
                        &person,
                        adopted + Duration::hours(1),
                        Change::ReportProgress {
                            milestone: milestone.clone(),
                            date: adopted.date(),
                            progress: Progress::Underway,
                            note: None,
                        },
                        None,
                    )
                    .unwrap();
                ledger
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, load, record);
criterion_main!(benches);
