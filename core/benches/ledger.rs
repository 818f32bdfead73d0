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

/// A ledger of the Xuhui plan with `entries` entries after its adoption in the mix of a
/// district's year: of every 100, 90 progress reports, 4 lag reasons, a request for a
/// later date and its approval, a changed target, a partner assigned and taken off again,
/// and a milestone added.
fn mixed_ledger_text(entries: usize) -> String {
    let document = xuhui();
    let start = NaiveDate::from_ymd_opt(2017, 1, 7)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let mut ledger = Ledger::adopt(document.clone(), "district-head", start, None).unwrap();
    // For each milestone: its id, a person of its lead unit, its supervising leader, its
    // sub-project, and a unit that neither leads nor partners it.
    let plan = document.clone().validate().unwrap();
    let people = &document.people;
    let places: Vec<(String, String, String, String, String)> = plan
        .milestones()
        .filter_map(|m| {
            let lead = m.responsibility.lead_unit.clone()?;
            let reporter = people.iter().find(|p| p.unit == lead)?.id.to_string();
            let leader = m.key_task.supervising_leader.clone()?.to_string();
            let outsider = document.units.iter().find(|u| {
                u.id != lead
                    && !m.sub_project.responsibility.partner_units.contains(&u.id)
                    && m.sub_project.responsibility.lead_unit.as_ref() != Some(&u.id)
            })?;
            Some((
                m.milestone.id.to_string(),
                reporter,
                leader,
                m.sub_project.id.to_string(),
                outsider.id.to_string(),
            ))
        })
        .collect();
    let step = Duration::seconds(300);
    let mut at: NaiveDateTime = start;
    let mut n = 0;
    let year_end = NaiveDate::from_ymd_opt(2017, 12, 31).unwrap();
    while ledger.entries().len() <= entries {
        at += step;
        n += 1;
        let (milestone, reporter, leader, sub, outsider) = &places[n % places.len()];
        let id = milestone.as_str();
        let (who, change, reason): (&str, Change, Option<String>) = match n % 100 {
            0..=3 => (
                reporter,
                Change::RecordLagReason {
                    milestone: id.into(),
                    class: mubiao::LagClass::Objective,
                    cause: Some(mubiao::LagCause::PolicyChange),
                    text: "waiting for the city's approval".into(),
                },
                None,
            ),
            4 => {
                let due = ledger.plan().milestone(id).unwrap().milestone.due.unwrap();
                if due >= year_end {
                    continue;
                }
                (
                    reporter,
                    Change::RequestLaterDate {
                        milestone: id.into(),
                        due: due.succ_opt().unwrap(),
                        class: mubiao::LagClass::Objective,
                        cause: Some(mubiao::LagCause::PolicyChange),
                        text: "the city moved the review".into(),
                    },
                    None,
                )
            }
            5 => match ledger.requests().last().filter(|r| r.decision.is_none()) {
                Some(request) => {
                    let leader = ledger
                        .plan()
                        .milestone(request.milestone.as_str())
                        .unwrap()
                        .key_task
                        .supervising_leader
                        .clone()
                        .unwrap();
                    let leader: &str = leader.as_str();
                    let change = Change::ApproveLaterDate {
                        request: request.sequence,
                    };
                    ledger.record(leader, at, change, None).unwrap();
                    continue;
                }
                None => continue,
            },
            6 => {
                let target = ledger
                    .plan()
                    .milestone(id)
                    .unwrap()
                    .milestone
                    .target
                    .clone();
                (
                    leader,
                    Change::AdjustTarget {
                        milestone: id.into(),
                        target: target.unwrap(),
                    },
                    Some("restated".into()),
                )
            }
            7 => (
                leader,
                Change::AssignPartner {
                    sub_project: sub.as_str().into(),
                    unit: outsider.as_str().into(),
                },
                None,
            ),
            8 => (
                leader,
                Change::RemovePartner {
                    sub_project: sub.as_str().into(),
                    unit: outsider.as_str().into(),
                },
                Some("no longer needed".into()),
            ),
            9 => {
                let milestone: mubiao::Milestone = serde_json::from_value(serde_json::json!({
                    "id": format!("added-{n}"),
                    "title": "an added node",
                    "due": "2017-12-31",
                    "target": {"deliverable": {"description": "a report"}}
                }))
                .unwrap();
                (
                    leader,
                    Change::AddMilestone {
                        sub_project: sub.as_str().into(),
                        milestone: Box::new(milestone),
                    },
                    Some("a new node".into()),
                )
            }
            _ => (
                reporter,
                Change::ReportProgress {
                    milestone: id.into(),
                    date: at.date(),
                    progress: Progress::Underway,
                    note: None,
                },
                None,
            ),
        };
        // A partner assigned to a sub-project already holding it is skipped.
        let _ = ledger.record(who, at, change, reason);
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
    let mixed = mixed_ledger_text(ENTRIES);
    group.bench_function(BenchmarkId::new("mixed", ENTRIES), |b| {
        b.iter(|| black_box(Ledger::from_jsonl(black_box(&mixed)).unwrap()))
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
    // A milestone added to the first sub-project: every milestone after it is renumbered.
    let leader = document.key_tasks[0]
        .supervising_leader
        .clone()
        .unwrap()
        .to_string();
    let added: mubiao::Milestone = serde_json::from_value(serde_json::json!({
        "id": "added-node",
        "title": "an added node",
        "due": "2017-12-31",
        "target": {"deliverable": {"description": "a report"}}
    }))
    .unwrap();
    group.bench_function(
        BenchmarkId::new("add_milestone", "100000_milestones"),
        |b| {
            b.iter_batched(
                || ledger.clone(),
                |mut ledger| {
                    ledger
                        .record(
                            &leader,
                            adopted + Duration::hours(1),
                            Change::AddMilestone {
                                sub_project: sub.id.clone(),
                                milestone: Box::new(added.clone()),
                            },
                            Some("a new node".into()),
                        )
                        .unwrap();
                    ledger
                },
                BatchSize::LargeInput,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, load, record);
criterion_main!(benches);
