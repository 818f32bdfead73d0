//! Tables at the size of a city: reading a 100,000-milestone plan from an office workbook,
//! and writing the supervision report of a 100,000-milestone plan, each beside the time
//! calamine or rust_xlsxwriter alone take to read or write the same cells. The ratios go in
//! `docs/performance.md`. Run with `cargo bench -p mubiao --features tables --bench tables`.

// Benchmark set-up: a failure to build the inputs is a failed benchmark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::io::Cursor;
use std::time::Duration;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::tables::{
    office_workbook, read_workbook, supervision_workbook, Cell, OfficeOptions, WrittenWorkbook,
};
use mubiao::{Language, PlanDocument, StatusOptions};

const MILESTONES: usize = 100_000;

/// A synthetic plan whose deliverables say what they deliver (the generator leaves the
/// descriptions empty, which a target table cannot tell from no target).
fn plan() -> PlanDocument {
    let mut document = synthetic_plan(SyntheticOptions::with_milestones(MILESTONES)).unwrap();
    for milestone in document
        .key_tasks
        .iter_mut()
        .flat_map(|t| &mut t.sub_projects)
        .flat_map(|s| &mut s.milestones)
    {
        if let Some(mubiao::Target::Deliverable { description }) = &mut milestone.target {
            if description.is_empty() {
                *description = format!("{}完成", milestone.id);
            }
        }
    }
    document
}

/// Every cell of every sheet, read by calamine alone: the floor for reading.
fn calamine_alone(bytes: &[u8]) -> usize {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = workbook.sheet_names();
    let mut cells = 0;
    for name in names {
        let range = workbook.worksheet_range(&name).unwrap();
        cells += range
            .used_cells()
            .filter(|(_, _, d)| !matches!(d, Data::Empty))
            .count();
    }
    cells
}

/// The same cells written by rust_xlsxwriter alone, with no formats, widths or dropdowns:
/// the floor for writing.
fn rust_xlsxwriter_alone(written: &WrittenWorkbook) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for sheet in &written.sheets {
        let worksheet = book.add_worksheet();
        worksheet.set_name(&sheet.sheet.name).unwrap();
        for (r, row) in sheet.sheet.rows.iter().enumerate() {
            let r = u32::try_from(r).unwrap();
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap();
                match cell {
                    Cell::Text(text) => {
                        worksheet.write_string(r, c, text).unwrap();
                    }
                    Cell::Number(n) => {
                        worksheet.write_number(r, c, *n).unwrap();
                    }
                    Cell::Date(d) => {
                        worksheet.write_string(r, c, d.to_string()).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn reading(c: &mut Criterion) {
    let document = plan();
    // The office workbook as mubiao writes it (target table, organisation, milestone
    // register, records), and the target table alone as an office would keep it.
    let full = office_workbook(&document).to_xlsx().unwrap();
    let mut alone = office_workbook(&document);
    alone
        .sheets
        .retain(|s| matches!(s.sheet.name.as_str(), "目标表" | "单位" | "人员" | "计划项"));
    let alone = alone.to_xlsx().unwrap();
    let mut group = c.benchmark_group("read office workbook, 100,000 milestones");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (name, bytes) in [("with register", &full), ("target table", &alone)] {
        let reading = read_workbook(bytes, &OfficeOptions::default()).unwrap();
        assert!(reading.plan.milestone_count() >= MILESTONES);
        group.bench_function(format!("mubiao, {name}"), |b| {
            b.iter(|| read_workbook(black_box(bytes), &OfficeOptions::default()).unwrap())
        });
        group.bench_function(format!("calamine alone, {name}"), |b| {
            b.iter(|| calamine_alone(black_box(bytes)))
        });
    }
    group.finish();
}

fn writing(c: &mut Criterion) {
    let plan = plan().validate().unwrap();
    let day = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    let evaluation = plan.status(day, &StatusOptions::default()).unwrap();
    let report = evaluation.report();
    let written = supervision_workbook(&evaluation, &report, Language::Chinese);
    let mut group = c.benchmark_group("write supervision report, 100,000 milestones");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("mubiao (sheets and file)", |b| {
        b.iter(|| {
            supervision_workbook(&evaluation, black_box(&report), Language::Chinese)
                .to_xlsx()
                .unwrap()
        })
    });
    group.bench_function("rust_xlsxwriter alone (same cells)", |b| {
        b.iter(|| rust_xlsxwriter_alone(black_box(&written)))
    });
    group.finish();
}

criterion_group!(benches, reading, writing);
criterion_main!(benches);
