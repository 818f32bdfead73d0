//! Charts at the size of a city: the light board of a 100,000-milestone plan over twelve
//! months (twelve evaluations and their roll-ups, then the SVG of its first page); and the
//! printed bulletin of the Xuhui plan as of the end of June (the report, the light board,
//! every leader's section with its trajectories). Run with
//! `cargo bench -p mubiao --bench charts`; the figures go in `docs/performance.md`.

// Benchmark set-up: a failure to build the inputs is a failed benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::{BulletinOptions, ChartOptions, Granularity, Plan, StatusOptions};

fn light_board(c: &mut Criterion) {
    let plan = synthetic_plan(SyntheticOptions::with_milestones(100_000))
        .unwrap()
        .validate()
        .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2017, 12, 31).unwrap();
    let options = StatusOptions::default();
    let board = plan
        .light_board(as_of, Granularity::Month, &options)
        .unwrap();
    assert_eq!(board.columns.len(), 12);
    let mut group = c.benchmark_group("light board, 100,000 milestones, 12 months");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("board and first page", |b| {
        b.iter(|| {
            plan.light_board(black_box(as_of), Granularity::Month, &options)
                .unwrap()
                .to_svg(&ChartOptions::default())
        })
    });
    group.bench_function("SVG of the first page alone", |b| {
        b.iter(|| black_box(&board).to_svg(&ChartOptions::default()))
    });
    group.finish();
}

fn bulletin(c: &mut Criterion) {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/xuhui-2017.json"
    ))
    .unwrap();
    let plan = Plan::from_json_str(&json).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    let options = StatusOptions::default();
    let mut group = c.benchmark_group("bulletin of the Xuhui plan");
    group.sample_size(20);
    group.bench_function("status and bulletin as of 2017-06-30", |b| {
        b.iter(|| {
            plan.status(black_box(as_of), &options)
                .unwrap()
                .bulletin(&BulletinOptions::default())
        })
    });
    group.finish();
}

criterion_group!(benches, light_board, bulletin);
criterion_main!(benches);
