//! Roll-ups, the supervision report, trends and diffs: on a hand-built plan with the
//! arithmetic written out, and on the Xuhui 2017 plan at the end of Q1.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mubiao::{
    Granularity, KeyTaskKind, Language, Level, Light, MilestoneStatus, Plan, PlanDocument,
    Progress, ProgressReport, StatusDiff, StatusOptions, WorkingCalendar,
};
use mubiao_examples::data_path;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, m, d).unwrap()
}

fn xuhui() -> Plan {
    Plan::from_json_str(&std::fs::read_to_string(data_path("xuhui-2017.json")).unwrap()).unwrap()
}

fn options() -> StatusOptions {
    StatusOptions::with_calendar(
        WorkingCalendar::from_json_str(
            &std::fs::read_to_string(data_path("calendar-2017.json")).unwrap(),
        )
        .unwrap(),
    )
}

/// Two key tasks under two leaders:
/// - `k1` (key work, city, deputy `d1`): sub-project `a` led by `u1` with partner `u2`,
///   milestones a1 (due 31 Mar, done) and a2 (due 30 Jun); sub-project `b` led by `u2`
///   with partner `u1`, milestone b1 (due 31 Mar, not done → lagging).
/// - `k2` (special work, district, deputy `d2`): sub-project `c` led by `u1`, no partner,
///   milestone c1 (due 31 Mar, done) and c2 (due 30 Jun) which has its own lead unit `u2`.
fn two_tasks() -> Plan {
    let json = r#"{
      "format_version": 1, "year": 2017, "name": "two tasks",
      "units": [
        {"id": "gov", "name": "Government", "kind": "government"},
        {"id": "u1", "name": "Unit one", "kind": "department", "parent": "gov"},
        {"id": "u2", "name": "Unit two", "kind": "street", "parent": "gov"}
      ],
      "people": [
        {"id": "d1", "name": "Deputy one", "role": "deputy_district_head", "unit": "gov"},
        {"id": "d2", "name": "Deputy two", "role": "deputy_district_head", "unit": "gov"}
      ],
      "plan_items": [{"id": "p", "title": "p", "submitted_by": "u1"}],
      "key_tasks": [
        {"id": "k1", "title": "Task one", "kind": "key_work", "level": "city", "plan_item": "p",
         "supervising_leader": "d1", "sub_projects": [
           {"id": "a", "title": "A", "responsibility": {"lead_unit": "u1", "partner_units": ["u2"]},
            "milestones": [
              {"id": "a1", "title": "a1", "due": "2017-03-31", "target": {"deliverable": {"description": "x"}}},
              {"id": "a2", "title": "a2", "due": "2017-06-30", "target": {"deliverable": {"description": "x"}}}]},
           {"id": "b", "title": "B", "responsibility": {"lead_unit": "u2", "partner_units": ["u1"]},
            "milestones": [
              {"id": "b1", "title": "b1", "due": "2017-03-31", "target": {"deliverable": {"description": "x"}}}]}]},
        {"id": "k2", "title": "Task two", "kind": "special_work", "level": "district", "plan_item": "p",
         "supervising_leader": "d2", "sub_projects": [
           {"id": "c", "title": "C", "responsibility": {"lead_unit": "u1"},
            "milestones": [
              {"id": "c1", "title": "c1", "due": "2017-03-31", "target": {"deliverable": {"description": "x"}}},
              {"id": "c2", "title": "c2", "due": "2017-06-30", "target": {"deliverable": {"description": "x"}},
               "responsibility": {"lead_unit": "u2"}}]}]}
      ],
      "progress_reports": [
        {"milestone": "a1", "date": "2017-03-20", "progress": "done"},
        {"milestone": "c1", "date": "2017-03-25", "progress": "done"}
      ]
    }"#;
    Plan::from_json_str(json).unwrap()
}

#[test]
fn every_grouping_adds_up() {
    let plan = two_tasks();
    let rollup = plan
        .status(day(3, 31), &StatusOptions::default())
        .unwrap()
        .rollup();
    // Overall: 5 milestones — a1, c1 done on time; b1 lagging; a2, c2 not yet due.
    let o = &rollup.overall;
    assert_eq!(
        (o.milestones, o.completed_on_time, o.lagging, o.not_yet_due),
        (5, 2, 1, 2)
    );
    // 3 sub-projects, each with a node due by 31 March; `b` lags: 2 / 3 on schedule.
    assert_eq!(
        (
            o.sub_projects,
            o.sub_projects_with_due_milestone,
            o.sub_projects_on_schedule
        ),
        (3, 3, 2)
    );
    assert_eq!(o.completion_rate(), Some(2.0 / 3.0));
    // By leader: d1 sees k1 (a and b: 3 milestones), d2 sees k2 (c: 2 milestones).
    let d1 = &rollup.by_supervising_leader["d1"];
    let d2 = &rollup.by_supervising_leader["d2"];
    assert_eq!(
        (d1.milestones, d1.sub_projects, d1.sub_projects_on_schedule),
        (3, 2, 1)
    );
    assert_eq!(
        (d2.milestones, d2.sub_projects, d2.sub_projects_on_schedule),
        (2, 1, 1)
    );
    // By kind and level: the same split.
    assert_eq!(rollup.by_kind[&KeyTaskKind::KeyWork], *d1);
    assert_eq!(rollup.by_kind[&KeyTaskKind::SpecialWork], *d2);
    assert_eq!(rollup.by_level[&Level::City], *d1);
    assert_eq!(rollup.by_level[&Level::District], *d2);
    assert_eq!(rollup.by_key_task["k1"], *d1);
    // By lead unit: u1 leads a (a1, a2) and c (c1 only; c2 has its own lead u2):
    // 3 milestones, 2 sub-projects. u2 leads b (b1) and c2: 2 milestones, 1 sub-project.
    let u1 = &rollup.by_lead_unit["u1"];
    let u2 = &rollup.by_lead_unit["u2"];
    assert_eq!((u1.milestones, u1.sub_projects, u1.lagging), (3, 2, 0));
    assert_eq!((u2.milestones, u2.sub_projects, u2.lagging), (2, 1, 1));
    assert_eq!(u1.milestones + u2.milestones, o.milestones);
    // By partner unit: u2 partners a (2 milestones), u1 partners b (1 milestone, lagging).
    let p1 = &rollup.by_partner_unit["u1"];
    let p2 = &rollup.by_partner_unit["u2"];
    assert_eq!(
        (p1.milestones, p1.lagging, p1.sub_projects_lagging),
        (1, 1, 1)
    );
    assert_eq!((p2.milestones, p2.lagging), (2, 0));
    // The lagging list names b1 and who answers for it.
    assert_eq!(rollup.lagging.len(), 1);
    let item = &rollup.lagging[0];
    assert_eq!(
        (item.milestone.as_str(), item.lead_unit.as_str()),
        ("b1", "u2")
    );
    assert_eq!(item.supervising_leader.as_str(), "d1");
    assert_eq!(item.partner_units, vec!["u1".into()]);
    assert!(item.needs_reason());
    assert_eq!(item.days_overdue, 0);
}

#[test]
fn xuhui_at_the_end_of_q1() {
    let plan = xuhui();
    let status = plan.status(day(3, 31), &options()).unwrap();
    let report = status.report();
    // Key work: 77 tasks, 221 sub-projects, 210 on schedule: 210 / 221 = 95.0%.
    let key_work = report
        .headline
        .iter()
        .find(|line| line.kind == KeyTaskKind::KeyWork)
        .unwrap();
    assert_eq!(key_work.key_tasks, 77);
    assert_eq!(key_work.summary.sub_projects, 221);
    assert_eq!(key_work.summary.sub_projects_with_due_milestone, 221);
    assert_eq!(key_work.summary.sub_projects_on_schedule, 210);
    assert_eq!(key_work.summary.sub_projects_lagging, 11);
    assert_eq!(
        format!("{:.1}", key_work.summary.completion_rate().unwrap() * 100.0),
        "95.0"
    );
    // 11 lagging milestones: 8 objective, 2 subjective, 1 needing a reason.
    assert_eq!(report.lagging.len(), 11);
    let needing = report
        .lagging
        .iter()
        .filter(|e| e.item.needs_reason())
        .count();
    assert_eq!(needing, 1);
    assert_eq!(key_work.summary.lagging_objective, 8);
    assert_eq!(key_work.summary.lagging_subjective, 2);
    // Early finishers include Hongmei (Q2 node met in Q1) and Changqiao (year-end node
    // met in Q1).
    let early: Vec<&str> = report
        .early_finishers
        .iter()
        .map(|e| e.milestone.as_str())
        .collect();
    assert!(
        early.contains(&"kw-18-1-m2") && early.contains(&"kw-18-2-m2"),
        "{early:?}"
    );
    let changqiao = report
        .early_finishers
        .iter()
        .find(|e| e.milestone.as_str() == "kw-18-2-m2")
        .unwrap();
    assert_eq!(changqiao.due_period.to_string(), "2017-Q4");
    assert_eq!(changqiao.completed_period.to_string(), "2017-Q1");
    // One table per supervising leader: the district head and six deputies.
    assert_eq!(report.leaders.len(), 7);
    let leader_tasks: usize = report.leaders.iter().map(|t| t.rows.len()).sum();
    assert_eq!(leader_tasks, plan.document().key_tasks.len());
    // A leader's table shows red for a task with a lagging sub-project.
    let red = report
        .leaders
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|row| row.light == Light::Red)
        .count();
    assert_eq!(red, 11);
    // Rendered in both languages from the same data.
    let english = report.render(Language::English);
    assert!(english.contains("95.0%") && english.contains("Lagging items (11)"));
    let chinese = report.render(Language::Chinese);
    assert!(chinese.contains("95.0%") && chinese.contains("滞后事项 (11)"));
    assert!(chinese.contains("提前完成") && chinese.contains("须补报滞后原因: 1"));
    // The report is serialisable.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["headline"][0]["summary"]["sub_projects_on_schedule"],
        210
    );
}

#[test]
fn xuhui_at_the_end_of_june_sees_the_q2_nodes_fall_due() {
    let plan = xuhui();
    let summary = plan.status(day(6, 30), &options()).unwrap().summary();
    // The example's reports stop in early April, so nodes due in Q2 lag unless met early.
    assert!(summary.lagging > 11);
    assert_eq!(summary.sub_projects_with_due_milestone, 273);
}

#[test]
fn trend_by_month_to_the_end_of_q1() {
    let plan = xuhui();
    let points = plan
        .trend(day(3, 31), Granularity::Month, &options())
        .unwrap();
    let dates: Vec<NaiveDate> = points.iter().map(|p| p.date).collect();
    assert_eq!(dates, [day(1, 31), day(2, 28), day(3, 31)]);
    assert_eq!(
        points[2].summary,
        plan.status(day(3, 31), &options()).unwrap().summary()
    );
    // Quarterly up to 15 May: end of Q1, then 15 May itself.
    let points = plan
        .trend(day(5, 15), Granularity::Quarter, &options())
        .unwrap();
    let dates: Vec<NaiveDate> = points.iter().map(|p| p.date).collect();
    assert_eq!(dates, [day(3, 31), day(5, 15)]);
    assert_eq!(points[1].period.to_string(), "2017-Q2");
    // Completed milestones only accumulate over time.
    let monthly = plan
        .trend(day(12, 31), Granularity::Month, &options())
        .unwrap();
    for pair in monthly.windows(2) {
        let done = |s: &mubiao::Summary| s.completed_early + s.completed_on_time + s.completed_late;
        assert!(done(&pair[1].summary) >= done(&pair[0].summary));
    }
}

#[test]
fn what_changed_since_the_last_review() {
    let plan = xuhui();
    let march = plan.status(day(3, 31), &options()).unwrap();
    let april = plan.status(day(4, 30), &options()).unwrap();
    let diff = StatusDiff::between(&march, &april);
    // Hongmei's report of 6 April arrived.
    assert!(diff
        .new_reports
        .iter()
        .any(|r| r.milestone.as_str() == "kw-18-1-m3" && r.date == day(4, 6)));
    // The sewage tendering node (due 30 April, no report) went from not yet due to lagging.
    let tendering = diff
        .status_changes
        .iter()
        .find(|c| c.milestone.as_str() == "kw-18-3-m2")
        .unwrap();
    assert_eq!(tendering.before, Some(MilestoneStatus::NotYetDue));
    assert_eq!(tendering.after, Some(MilestoneStatus::Lagging));
    assert!(diff.deadline_changes.is_empty());

    // Two versions of a plan: a deadline moved earlier shows as a deadline change.
    let mut adjusted: PlanDocument = plan.document().clone();
    adjusted.key_tasks[22].sub_projects[0].milestones[2].due = Some(day(9, 15));
    let adjusted = adjusted.validate().unwrap();
    let after = adjusted.status(day(4, 30), &options()).unwrap();
    let diff = StatusDiff::between(&march, &after);
    assert_eq!(diff.deadline_changes.len(), 1);
    let change = &diff.deadline_changes[0];
    assert_eq!(change.milestone.as_str(), "kw-23-1-m3");
    assert_eq!((change.before, change.after), (day(9, 30), day(9, 15)));
}

#[test]
fn diff_between_plan_versions_shows_added_milestones_and_late_reports() {
    // A milestone withdrawn between versions shows with no later status.
    let plan = two_tasks();
    let mut later = plan.document().clone();
    later.key_tasks[0].sub_projects[1]
        .milestones
        .push(mubiao::Milestone {
            id: "b2".into(),
            title: "b2".into(),
            due: Some(day(6, 30)),
            granularity: Granularity::Quarter,
            target: Some(mubiao::Target::Deliverable {
                description: "x".into(),
            }),
            responsibility: None,
            withdrawn: None,
        });
    later.progress_reports.push(ProgressReport {
        milestone: "b1".into(),
        date: day(4, 2),
        progress: Progress::Done,
        reported_by: None,
        note: None,
    });
    let later = later.validate().unwrap();
    let before = plan.status(day(3, 31), &StatusOptions::default()).unwrap();
    let after = later.status(day(4, 2), &StatusOptions::default()).unwrap();
    let diff = StatusDiff::between(&before, &after);
    let b1 = diff
        .status_changes
        .iter()
        .find(|c| c.milestone.as_str() == "b1")
        .unwrap();
    assert_eq!(
        (b1.before, b1.after),
        (
            Some(MilestoneStatus::Lagging),
            Some(MilestoneStatus::CompletedLate)
        )
    );
    let b2 = diff
        .status_changes
        .iter()
        .find(|c| c.milestone.as_str() == "b2")
        .unwrap();
    assert_eq!(
        (b2.before, b2.after),
        (None, Some(MilestoneStatus::NotYetDue))
    );
    assert_eq!(diff.new_reports.len(), 1);
    assert_eq!(diff.summary_after.sub_projects_on_schedule, 3);
}
