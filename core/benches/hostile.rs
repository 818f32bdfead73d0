//! Hostile documents of about 1 MB, each read and validated (and, when valid, evaluated) in
//! well under a second: the bound the library promises for any such document. Run with
//! `cargo bench -p mubiao --bench hostile`.

// Benchmark set-up: a failure to build the inputs is a failed benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use mubiao::{PlanDocument, StatusOptions, WorkingCalendar};

const MEGABYTE: usize = 1 << 20;

fn head(units: &str) -> String {
    format!(r#"{{"format_version": 1, "year": 2017, "name": "hostile", "units": [{units}]"#)
}

/// A cycle of sections, each the parent of the next, filling about 1 MB.
fn section_cycle() -> String {
    let n = MEGABYTE / 70;
    let units: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": "s{i}", "name": "s", "kind": "section", "parent": "s{}"}}"#,
                (i + 1) % n
            )
        })
        .collect();
    head(&units.join(",")) + "}"
}

/// A chain of departments, each the parent of the next.
fn unit_chain() -> String {
    let n = MEGABYTE / 72;
    let mut units = vec![r#"{"id": "gov", "name": "g", "kind": "government"}"#.to_owned()];
    units.extend((0..n).map(|i| {
        let parent = if i == 0 {
            "gov".to_owned()
        } else {
            format!("d{}", i - 1)
        };
        format!(r#"{{"id": "d{i}", "name": "d", "kind": "department", "parent": "{parent}"}}"#)
    }));
    head(&units.join(",")) + "}"
}

/// One sub-project with one quantity series of many milestones and many reports.
fn long_series(distinct_units: bool) -> String {
    let n = MEGABYTE / 300;
    let milestones: Vec<String> = (0..n)
        .map(|i| {
            let unit = if distinct_units { format!("unit {i}") } else { "sites".to_owned() };
            format!(
                r#"{{"id": "m{i}", "title": "t", "due": "2017-{:02}-28", "target": {{"quantity": {{"unit": "{unit}", "goal": {{"at_least": {i}}}}}}}}}"#,
                1 + i * 12 / n
            )
        })
        .collect();
    let reports: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"milestone": "m{i}", "date": "2017-{:02}-{:02}", "progress": {{"cumulative": {i}}}}}"#,
                1 + i * 12 / n,
                1 + i % 28
            )
        })
        .collect();
    format!(
        r#"{{"format_version": 1, "year": 2017, "name": "series",
        "units": [{{"id": "gov", "name": "g", "kind": "government"}}, {{"id": "d", "name": "d", "kind": "department", "parent": "gov"}}],
        "people": [{{"id": "l", "name": "l", "role": "district_head", "unit": "gov"}}],
        "plan_items": [{{"id": "p", "title": "p", "submitted_by": "d"}}],
        "key_tasks": [{{"id": "k", "title": "k", "kind": "key_work", "level": "district", "plan_item": "p", "supervising_leader": "l",
          "sub_projects": [{{"id": "s", "title": "s", "responsibility": {{"lead_unit": "d"}}, "milestones": [{}]}}]}}],
        "progress_reports": [{}]}}"#,
        milestones.join(","),
        reports.join(",")
    )
}

/// A calendar of overlapping year-long holidays.
fn calendar_bomb() -> String {
    let n = MEGABYTE / 70;
    let holidays: Vec<String> = (0..n)
        .map(|_| r#"{"name": "h", "from": "2017-01-01", "to": "2017-12-31"}"#.to_owned())
        .collect();
    format!(
        r#"{{"name": "bomb", "years": [2017], "holidays": [{}]}}"#,
        holidays.join(",")
    )
}

fn plans(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile_1mb");
    group.sample_size(10);
    let as_of = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    for (name, text) in [
        ("section_cycle", section_cycle()),
        ("unit_chain", unit_chain()),
        ("series_of_one_unit", long_series(false)),
        ("series_of_distinct_units", long_series(true)),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let document = PlanDocument::from_json_str(black_box(&text)).unwrap();
                match document.validate() {
                    Ok(plan) => {
                        let status = plan.status(as_of, &StatusOptions::default()).unwrap();
                        black_box(status.rollup());
                    }
                    Err(error) if name.starts_with("series") => panic!("{name}: {error}"),
                    Err(error) => {
                        black_box(error);
                    }
                }
            })
        });
    }
    let text = calendar_bomb();
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(BenchmarkId::from_parameter("calendar_bomb"), |b| {
        b.iter(|| black_box(WorkingCalendar::from_json_str(black_box(&text)).unwrap_err()))
    });
    group.finish();
}

criterion_group!(benches, plans);
criterion_main!(benches);
