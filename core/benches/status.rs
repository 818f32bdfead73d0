//! Status plus all roll-ups for one date, on synthetic plans of 1 thousand, 100 thousand
//! and 10 million milestones (the target: at least 10 million milestones per second on
//! one core). Run with `cargo bench -p mubiao --bench status`; set
//! `MUBIAO_BENCH_SIZES=1000,100000` to choose the sizes.

// Benchmark set-up: a failure to build the plan is a failed benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::StatusOptions;

fn sizes() -> Vec<usize> {
    std::env::var("MUBIAO_BENCH_SIZES")
        .ok()
        .map(|text| {
            text.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 100_000, 10_000_000])
}

fn status_and_rollups(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    let options = StatusOptions::default();
    let mut group = c.benchmark_group("status_and_rollups");
    for milestones in sizes() {
        let plan = synthetic_plan(SyntheticOptions::with_milestones(milestones))
            .expect("within the generator's limits")
            .validate()
            .expect("synthetic plans are valid");
        group.throughput(Throughput::Elements(milestones as u64));
        if milestones >= 1_000_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(milestones), &plan, |b, plan| {
            b.iter(|| {
                let evaluation = plan.status(black_box(as_of), &options).unwrap();
                black_box(evaluation.rollup())
            })
        });
    }
    group.finish();
}

fn validation(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    let milestones = 100_000;
    let document = synthetic_plan(SyntheticOptions::with_milestones(milestones))
        .expect("within the generator's limits");
    group.throughput(Throughput::Elements(milestones as u64));
    group.sample_size(10);
    group.bench_function(BenchmarkId::from_parameter(milestones), |b| {
        b.iter(|| black_box(document.clone().validate().unwrap()))
    });
    group.finish();
}

criterion_group!(benches, status_and_rollups, validation);
criterion_main!(benches);
