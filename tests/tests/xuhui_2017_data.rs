//! The Xuhui 2017 example plan: the generator still writes the checked-in file, and the
//! file holds the district's figures.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mubiao::{
    Goal, KeyTaskKind, LagClass, Level, Plan, PlanDocument, Progress, SubProject, Target, UnitKind,
};
use mubiao_examples::{data_path, xuhui, XUHUI_2017_FILE};

fn checked_in() -> String {
    std::fs::read_to_string(data_path(XUHUI_2017_FILE)).unwrap()
}

fn plan() -> Plan {
    Plan::from_json_str(&checked_in()).unwrap()
}

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, month, d).unwrap()
}

#[test]
fn the_generator_still_writes_the_checked_in_file() {
    let mut generated = xuhui::plan_2017().to_json_string_pretty();
    generated.push('\n');
    assert!(
        generated == checked_in(),
        "examples/data/xuhui-2017.json is not what the generator writes; run `cargo run --example generate_xuhui`"
    );
    // And it reads back to the same document.
    assert_eq!(
        PlanDocument::from_json_str(&generated).unwrap(),
        xuhui::plan_2017()
    );
}

#[test]
fn organisation_has_the_districts_units() {
    let summary = plan().summary();
    let count = |kind| summary.units_by_kind[&kind];
    assert_eq!(count(UnitKind::Government), 1);
    // 12 streets and 1 town.
    assert_eq!(count(UnitKind::Street) + count(UnitKind::Town), 13);
    assert_eq!(count(UnitKind::Town), 1);
    assert!(count(UnitKind::Department) >= 20);
}

#[test]
fn key_work_is_77_tasks_in_221_sub_projects_mostly_cross_department() {
    let plan = plan();
    let key_work: Vec<&SubProject> = plan
        .document()
        .key_tasks
        .iter()
        .filter(|task| task.kind == KeyTaskKind::KeyWork)
        .flat_map(|task| &task.sub_projects)
        .collect();
    let summary = plan.summary();
    assert_eq!(summary.key_tasks_by_kind[&KeyTaskKind::KeyWork], 77);
    assert_eq!(key_work.len(), 221);
    let with_partners = key_work
        .iter()
        .filter(|sub| !sub.responsibility.partner_units.is_empty())
        .count();
    // More than 80% cross-department: with_partners / 221 > 0.8, i.e. at least 177.
    assert!(with_partners * 10 > 221 * 8, "{with_partners} of 221");
    // Every sub-project has a node due in Q1.
    for sub in &key_work {
        assert!(
            sub.milestones.iter().any(|m| m.due.unwrap() <= day(3, 31)),
            "{} has no Q1 node",
            sub.id
        );
    }
}

#[test]
fn special_work_is_25_goals_11_city_and_14_district() {
    let summary = plan().summary();
    assert_eq!(summary.key_tasks_by_kind[&KeyTaskKind::SpecialWork], 25);
    assert_eq!(
        summary.key_tasks_of(KeyTaskKind::SpecialWork, Level::City),
        11
    );
    assert_eq!(
        summary.key_tasks_of(KeyTaskKind::SpecialWork, Level::District),
        14
    );
    // All five kinds of work goal appear.
    for kind in KeyTaskKind::ALL {
        assert!(
            summary.key_tasks_by_kind.get(&kind).copied().unwrap_or(0) > 0,
            "{kind:?}"
        );
    }
}

/// Whether a milestone is met by a report dated on or before `as_of`.
fn met_by(plan: &Plan, milestone: &str, as_of: NaiveDate) -> bool {
    let Some(found) = plan.milestone(milestone) else {
        return false;
    };
    plan.document()
        .progress_reports
        .iter()
        .filter(|r| r.milestone.as_str() == milestone && r.date <= as_of)
        .any(|r| match (&found.milestone.target, r.progress) {
            (Some(Target::Deliverable { .. }), Progress::Done) => true,
            (Some(Target::Quantity(q)), Progress::Cumulative(v)) => q.goal.is_met_by(v),
            _ => false,
        })
}

#[test]
fn at_the_end_of_q1_210_of_221_are_on_schedule_and_11_lag_mostly_for_objective_reasons() {
    let plan = plan();
    let q1_end = day(3, 31);
    let mut lagging_milestones = Vec::new();
    let mut on_schedule = 0;
    let mut total = 0;
    for task in plan
        .document()
        .key_tasks
        .iter()
        .filter(|t| t.kind == KeyTaskKind::KeyWork)
    {
        for sub in &task.sub_projects {
            let due: Vec<_> = sub
                .milestones
                .iter()
                .filter(|m| m.due.unwrap() <= q1_end)
                .collect();
            if due.is_empty() {
                continue;
            }
            total += 1;
            let lagging: Vec<_> = due
                .iter()
                .filter(|m| !met_by(&plan, m.id.as_str(), q1_end))
                .map(|m| m.id.clone())
                .collect();
            if lagging.is_empty() {
                on_schedule += 1;
            }
            lagging_milestones.extend(lagging);
        }
    }
    // 210 / 221 = 0.9502… → 95.0%.
    assert_eq!((on_schedule, total), (210, 221));
    assert_eq!(lagging_milestones.len(), 11);
    let reasons = &plan.document().lag_reasons;
    let class_of =
        |id: &mubiao::MilestoneId| reasons.iter().find(|r| &r.milestone == id).map(|r| r.class);
    let objective = lagging_milestones
        .iter()
        .filter(|id| class_of(id) == Some(LagClass::Objective))
        .count();
    let subjective = lagging_milestones
        .iter()
        .filter(|id| class_of(id) == Some(LagClass::Subjective))
        .count();
    // 8 objective + 2 subjective + 1 not yet recorded = 11.
    assert_eq!((objective, subjective), (8, 2));
}

fn quantity_goal(plan: &Plan, milestone: &str) -> (f64, String) {
    match &plan.milestone(milestone).unwrap().milestone.target {
        Some(Target::Quantity(q)) => match q.goal {
            Goal::AtLeast(v) => (v, q.unit.clone()),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_named_cases_carry_the_reports_figures() {
    let plan = plan();
    // Hongmei: 15 sites (1,895 m²) along 5 rivers, due by September, ahead of plan in Q1
    // (9 sites by 29 March meet the Q2 node of 8), about three quarters (11/15) early April.
    let (hongmei_task, hongmei) = plan.sub_project("kw-18-1").unwrap();
    assert!(hongmei.title.contains("15处") && hongmei.title.contains("1895"));
    assert_eq!(hongmei_task.title, "推进中小河道综合治理");
    assert_eq!(
        hongmei.responsibility.lead_unit.as_ref().unwrap().as_str(),
        "hongmei"
    );
    let last = hongmei.milestones.last().unwrap();
    assert_eq!(last.due, Some(day(9, 30)));
    assert_eq!(quantity_goal(&plan, last.id.as_str()).0, 15.0);
    assert!(met_by(&plan, "kw-18-1-m2", day(3, 31)));
    assert!(!met_by(&plan, "kw-18-1-m3", day(4, 30)));

    // Changqiao: 12 sites planned for year end, all done in Q1.
    let (_, changqiao) = plan.sub_project("kw-18-2").unwrap();
    let last = changqiao.milestones.last().unwrap();
    assert_eq!(last.due, Some(day(12, 31)));
    assert_eq!(quantity_goal(&plan, last.id.as_str()).0, 12.0);
    assert!(met_by(&plan, last.id.as_str(), day(3, 31)));

    // Sewage: approval at the end of March, tendering in April, works start in Q2.
    assert!(!met_by(&plan, "kw-18-3-m1", day(3, 30)));
    assert!(met_by(&plan, "kw-18-3-m1", day(3, 31)));
    let (_, sewage) = plan.sub_project("kw-18-3").unwrap();
    let dues: Vec<_> = sewage.milestones.iter().map(|m| m.due.unwrap()).collect();
    assert_eq!(dues, [day(3, 31), day(4, 30), day(6, 30)]);

    // Historic roads: 6 + 6 = 12 roads, all finished by the end of Q3.
    let finished: f64 = ["kw-23-1-m3", "kw-23-2-m3"]
        .iter()
        .map(|id| {
            let (v, unit) = quantity_goal(&plan, id);
            assert_eq!(unit, "条(已完工)");
            assert_eq!(plan.milestone(id).unwrap().milestone.due, Some(day(9, 30)));
            v
        })
        .sum();
    assert_eq!(finished, 12.0);

    // Patents: 69 granted invention patents per 10,000 residents by Q4.
    let (v, unit) = quantity_goal(&plan, "kw-01-6-m4");
    assert_eq!((v, unit.as_str()), (69.0, "件/万人"));
    assert_eq!(
        plan.milestone("kw-01-6-m4").unwrap().milestone.due,
        Some(day(12, 31))
    );
}

#[test]
fn every_supervising_leader_signed_with_every_lead_unit_they_supervise() {
    let plan = plan();
    let document = plan.document();
    for task in &document.key_tasks {
        let leader = task.supervising_leader.as_ref().unwrap();
        for sub in &task.sub_projects {
            let lead = sub.responsibility.lead_unit.as_ref().unwrap();
            let signed = document.contracts.iter().any(|c| {
                &c.upper_signer == leader
                    && plan.person(c.lower_signer.as_str()).unwrap().unit == *lead
                    && c.key_tasks.contains(&task.id)
            });
            assert!(signed, "{} / {} / {}", task.id, leader, lead);
        }
    }
}

#[test]
fn the_checked_in_workbook_is_the_plan_in_the_office_layout() {
    let path = data_path(mubiao_examples::XUHUI_2017_WORKBOOK_FILE);
    let checked_in = std::fs::read(&path).unwrap();
    let generated = mubiao::tables::office_workbook(&xuhui::plan_2017())
        .to_xlsx()
        .unwrap();
    assert!(
        generated == checked_in,
        "examples/data/xuhui-2017.xlsx is not what the generator writes; run `cargo run --example generate_xuhui`"
    );
    let reading =
        mubiao::tables::read_workbook(&checked_in, &mubiao::tables::OfficeOptions::default())
            .unwrap();
    assert_eq!(reading.plan.document(), &xuhui::plan_2017());
}
