//! Status as of a date, scenario by scenario, with the arithmetic written out.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mubiao::{
    Goal, Granularity, LagClass, LagReason, Light, Milestone, MilestoneStatus, Plan, Progress,
    ProgressReport, QuantityTarget, StatusError, StatusOptions, Target, WorkingCalendar,
};
use mubiao_examples::data_path;
use mubiao_tests::plan_with_milestones;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, m, d).unwrap()
}

fn deliverable(id: &str, due: NaiveDate, granularity: Granularity) -> Milestone {
    Milestone {
        id: id.into(),
        title: id.into(),
        due: Some(due),
        granularity,
        target: Some(Target::Deliverable {
            description: id.into(),
        }),
        responsibility: None,
        withdrawn: None,
    }
}

fn quantity(id: &str, due: NaiveDate, goal: Goal) -> Milestone {
    Milestone {
        id: id.into(),
        title: id.into(),
        due: Some(due),
        granularity: Granularity::Quarter,
        target: Some(Target::Quantity(QuantityTarget {
            unit: id.into(),
            goal,
            baseline: None,
        })),
        responsibility: None,
        withdrawn: None,
    }
}

fn report(id: &str, date: NaiveDate, progress: Progress) -> ProgressReport {
    ProgressReport {
        milestone: id.into(),
        date,
        progress,
        reported_by: None,
        note: None,
    }
}

fn done(id: &str, date: NaiveDate) -> ProgressReport {
    report(id, date, Progress::Done)
}

fn status_of(plan: &Plan, id: &str, as_of: NaiveDate) -> MilestoneStatus {
    plan.status(as_of, &StatusOptions::default())
        .unwrap()
        .milestone(id)
        .unwrap()
        .status
}

#[test]
fn each_status_by_its_rule() {
    let plan = plan_with_milestones(
        vec![
            // Due in Q2 (by quarter), done in Q1: an earlier period, so early.
            deliverable("early", day(6, 30), Granularity::Quarter),
            // Due 31 March, reported done on the due date itself: on time.
            deliverable("on-time", day(3, 31), Granularity::Quarter),
            // Due 31 January, done 10 February: after the due date, so late.
            deliverable("late", day(1, 31), Granularity::Month),
            // Due 15 March (its month), done 20 March: after the due date, so late even
            // though the month is the same.
            deliverable("late-same-month", day(3, 15), Granularity::Month),
            // Due 15 March, not done by 31 March: lagging.
            deliverable("lagging", day(3, 15), Granularity::Month),
            // Due 30 September: not yet due on 31 March.
            deliverable("not-due", day(9, 30), Granularity::Quarter),
        ],
        vec![
            done("early", day(3, 20)),
            done("on-time", day(3, 31)),
            done("late", day(2, 10)),
            done("late-same-month", day(3, 20)),
        ],
        vec![],
    )
    .validate()
    .unwrap();
    let as_of = day(3, 31);
    let expect = [
        ("early", MilestoneStatus::CompletedEarly),
        ("on-time", MilestoneStatus::CompletedOnTime),
        ("late", MilestoneStatus::CompletedLate),
        ("late-same-month", MilestoneStatus::CompletedLate),
        ("lagging", MilestoneStatus::Lagging),
        ("not-due", MilestoneStatus::NotYetDue),
    ];
    for (id, status) in expect {
        assert_eq!(status_of(&plan, id, as_of), status, "{id}");
    }
    // Five milestones due by 31 March, one lagging: the sub-project is not on schedule.
    let summary = plan
        .status(as_of, &StatusOptions::default())
        .unwrap()
        .summary();
    assert_eq!(summary.milestones, 6);
    assert_eq!(
        (
            summary.completed_early,
            summary.completed_on_time,
            summary.completed_late
        ),
        (1, 1, 2)
    );
    assert_eq!((summary.lagging, summary.not_yet_due), (1, 1));
    assert_eq!(summary.sub_projects_with_due_milestone, 1);
    assert_eq!(summary.sub_projects_on_schedule, 0);
    assert_eq!(summary.completion_rate(), Some(0.0));
}

#[test]
fn boundary_dates() {
    let plan = plan_with_milestones(
        vec![
            deliverable("due-today", day(3, 31), Granularity::Month),
            deliverable("reported-after", day(3, 31), Granularity::Month),
            deliverable("year-end", day(12, 31), Granularity::Quarter),
        ],
        vec![
            done("reported-after", day(4, 5)),
            done("year-end", day(12, 31)),
        ],
        vec![],
    )
    .validate()
    .unwrap();
    // Due today and not done by the end of the day: lagging (as-of means end of day).
    assert_eq!(
        status_of(&plan, "due-today", day(3, 31)),
        MilestoneStatus::Lagging
    );
    // The day before, it is not yet due.
    assert_eq!(
        status_of(&plan, "due-today", day(3, 30)),
        MilestoneStatus::NotYetDue
    );
    // A report dated after the as-of date is not seen: lagging on 31 March...
    assert_eq!(
        status_of(&plan, "reported-after", day(3, 31)),
        MilestoneStatus::Lagging
    );
    // ...lagging still on 4 April, done late on 5 April.
    assert_eq!(
        status_of(&plan, "reported-after", day(4, 4)),
        MilestoneStatus::Lagging
    );
    assert_eq!(
        status_of(&plan, "reported-after", day(4, 5)),
        MilestoneStatus::CompletedLate
    );
    // Done on the last day of the year, asked on that day and after the year.
    assert_eq!(
        status_of(&plan, "year-end", day(12, 31)),
        MilestoneStatus::CompletedOnTime
    );
    let next_year = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    assert_eq!(
        status_of(&plan, "year-end", next_year),
        MilestoneStatus::CompletedOnTime
    );
}

#[test]
fn leap_day() {
    let leap = NaiveDate::from_ymd_opt(2016, 2, 29).unwrap();
    let plan = plan_with_milestones(
        vec![deliverable("leap", leap, Granularity::Month)],
        vec![done("leap", leap)],
        vec![],
    )
    .validate()
    .unwrap();
    assert_eq!(plan.year(), 2016);
    let row = plan
        .status(leap, &StatusOptions::default())
        .unwrap()
        .milestone("leap")
        .unwrap();
    assert_eq!(row.status, MilestoneStatus::CompletedOnTime);
    assert_eq!(row.due_period.to_string(), "2016-02");
    assert_eq!(
        status_of(&plan, "leap", NaiveDate::from_ymd_opt(2016, 2, 28).unwrap()),
        MilestoneStatus::NotYetDue
    );
}

#[test]
fn quantities_at_least_at_most_and_within() {
    let plan = plan_with_milestones(
        vec![
            // At least 10 sites by 30 June: 6 on 10 March is not enough, 10 on 2 April is.
            quantity("sites", day(6, 30), Goal::AtLeast(10.0)),
            // At most 3 complaints by 31 March: 2 reported on 10 March holds.
            quantity("complaints", day(3, 31), Goal::AtMost(3.0)),
            // At most 3 incidents by 31 March: 4 reported on 20 March breaks the limit.
            quantity("incidents", day(3, 31), Goal::AtMost(3.0)),
            // Within 20–30%: 24.5% on 31 March.
            quantity(
                "budget",
                day(3, 31),
                Goal::Within {
                    low: 20.0,
                    high: 30.0,
                },
            ),
        ],
        vec![
            report("sites", day(3, 10), Progress::Cumulative(6.0)),
            report("sites", day(4, 2), Progress::Cumulative(10.0)),
            report("complaints", day(3, 10), Progress::Cumulative(2.0)),
            report("incidents", day(1, 10), Progress::Cumulative(1.0)),
            report("incidents", day(3, 20), Progress::Cumulative(4.0)),
            report("budget", day(3, 31), Progress::Cumulative(24.5)),
        ],
        vec![],
    )
    .validate()
    .unwrap();
    let as_of = day(3, 31);
    assert_eq!(status_of(&plan, "sites", as_of), MilestoneStatus::NotYetDue);
    // 10 ≥ 10 on 2 April, in Q2 as due: on time.
    assert_eq!(
        status_of(&plan, "sites", day(4, 2)),
        MilestoneStatus::CompletedOnTime
    );
    // An at-most target is held through its due date and judged there.
    assert_eq!(
        status_of(&plan, "complaints", as_of),
        MilestoneStatus::CompletedOnTime
    );
    assert_eq!(
        status_of(&plan, "complaints", day(3, 30)),
        MilestoneStatus::NotYetDue
    );
    assert_eq!(
        status_of(&plan, "incidents", as_of),
        MilestoneStatus::Lagging
    );
    assert_eq!(
        status_of(&plan, "budget", as_of),
        MilestoneStatus::CompletedOnTime
    );
    // Over its limit before the due date, a cumulative count is at risk: it cannot go down.
    let before = plan.status(day(3, 25), &StatusOptions::default()).unwrap();
    let incidents = before.milestone("incidents").unwrap();
    assert!(incidents.at_risk && incidents.behind_trajectory);
    assert_eq!(incidents.light, Light::Yellow);
}

#[test]
fn cumulative_reports_count_for_the_whole_series() {
    // Q1 asks for 4 sites, Q2 for 8: one report of 9 sites on the Q2 milestone on 29 March
    // meets both. The Q2 one is met in Q1, a quarter early.
    let plan = plan_with_milestones(
        vec![
            quantity("q1", day(3, 31), Goal::AtLeast(4.0)),
            quantity("q2", day(6, 30), Goal::AtLeast(8.0)),
        ],
        vec![report("q2", day(3, 29), Progress::Cumulative(9.0))],
        vec![],
    );
    // Both milestones are in the unit `q1`/`q2` by construction; give them one unit.
    let mut plan = plan;
    for m in &mut plan.key_tasks[0].sub_projects[0].milestones {
        if let Some(Target::Quantity(q)) = &mut m.target {
            q.unit = "sites".into();
        }
    }
    let plan = plan.validate().unwrap();
    assert_eq!(
        status_of(&plan, "q1", day(3, 31)),
        MilestoneStatus::CompletedOnTime
    );
    assert_eq!(
        status_of(&plan, "q2", day(3, 31)),
        MilestoneStatus::CompletedEarly
    );
}

#[test]
fn lag_reasons_apply_from_when_they_are_recorded() {
    let reason = LagReason {
        milestone: "m".into(),
        class: LagClass::Objective,
        cause: Some(mubiao::LagCause::PolicyChange),
        text: "policy changed".into(),
        recorded_on: day(4, 3),
        pending_request: None,
    };
    let plan = plan_with_milestones(
        vec![deliverable("m", day(3, 31), Granularity::Month)],
        vec![],
        vec![reason],
    )
    .validate()
    .unwrap();
    let options = StatusOptions::default();
    // On 31 March the milestone is red and needs a reason...
    let row = plan
        .status(day(3, 31), &options)
        .unwrap()
        .milestone("m")
        .unwrap();
    assert_eq!((row.light, row.needs_reason), (Light::Red, true));
    assert!(row.lag_reason.is_none());
    // ...from 3 April it has one, objective.
    let status = plan.status(day(4, 3), &options).unwrap();
    let row = status.milestone("m").unwrap();
    assert!(!row.needs_reason);
    assert_eq!(row.lag_reason.unwrap().class, LagClass::Objective);
    let summary = status.summary();
    assert_eq!(
        (summary.lagging_objective, summary.lagging_without_reason),
        (1, 0)
    );
}

#[test]
fn risk_by_trajectory() {
    // At least 100 by 31 December; the sub-project starts on 1 January. On 2 July,
    // 182 of the 364 days have passed: expected share 182 / 364 = 0.5.
    let with = |value: f64| {
        plan_with_milestones(
            vec![quantity("m", day(12, 31), Goal::AtLeast(100.0))],
            vec![report("m", day(6, 30), Progress::Cumulative(value))],
            vec![],
        )
        .validate()
        .unwrap()
    };
    let row = |plan: &Plan| {
        plan.status(day(7, 2), &StatusOptions::default())
            .unwrap()
            .milestone("m")
            .unwrap()
    };
    // 25 reported: share 0.25; 0.5 − 0.25 = 0.25 > 0.2, so behind and yellow.
    let behind = row(&with(25.0));
    assert_eq!(behind.expected_share, 0.5);
    assert_eq!(behind.progress_share, Some(0.25));
    assert!(behind.behind_trajectory && behind.at_risk);
    assert_eq!(behind.light, Light::Yellow);
    // 35 reported: 0.5 − 0.35 = 0.15 ≤ 0.2, so green.
    let fine = row(&with(35.0));
    assert!(!fine.behind_trajectory && !fine.at_risk);
    assert_eq!(fine.light, Light::Green);
    // A wider margin of 0.3 tolerates 25.
    let options = StatusOptions {
        risk_margin: 0.3,
        ..StatusOptions::default()
    };
    let tolerant = with(25.0)
        .status(day(7, 2), &options)
        .unwrap()
        .milestone("m")
        .unwrap();
    assert!(!tolerant.at_risk);
}

#[test]
fn due_within_working_days() {
    let plan = plan_with_milestones(
        vec![
            deliverable("friday", day(3, 31), Granularity::Month),
            deliverable("after-holiday", day(10, 9), Granularity::Month),
        ],
        vec![],
        vec![],
    )
    .validate()
    .unwrap();
    let options = StatusOptions::default();
    // Tuesday 28 March to Friday 31 March: Wednesday, Thursday, Friday = 3 working days,
    // within the default 3: due soon, yellow.
    let row = plan
        .status(day(3, 28), &options)
        .unwrap()
        .milestone("friday")
        .unwrap();
    assert_eq!(row.working_days_to_due, 3);
    assert!(row.due_soon && row.at_risk);
    assert_eq!(row.light, Light::Yellow);
    // Monday 27 March: 4 working days, not yet.
    let row = plan
        .status(day(3, 27), &options)
        .unwrap()
        .milestone("friday")
        .unwrap();
    assert_eq!(row.working_days_to_due, 4);
    assert!(!row.due_soon);
    // Wednesday 27 September to Monday 9 October. Monday to Friday alone: 28, 29 Sep,
    // 2–6 Oct and 9 Oct = 8. With China's 2017 calendar: 28, 29 Sep, Saturday 30 Sep
    // (worked), 1–8 Oct off, 9 Oct = 4.
    let row = plan
        .status(day(9, 27), &options)
        .unwrap()
        .milestone("after-holiday")
        .unwrap();
    assert_eq!(row.working_days_to_due, 8);
    let calendar = WorkingCalendar::from_json_str(
        &std::fs::read_to_string(data_path("calendar-2017.json")).unwrap(),
    )
    .unwrap();
    let with_calendar = StatusOptions::with_calendar(calendar);
    let row = plan
        .status(day(9, 27), &with_calendar)
        .unwrap()
        .milestone("after-holiday")
        .unwrap();
    assert_eq!(row.working_days_to_due, 4);
}

#[test]
fn the_2017_calendar_has_249_working_days() {
    let calendar = WorkingCalendar::from_json_str(
        &std::fs::read_to_string(data_path("calendar-2017.json")).unwrap(),
    )
    .unwrap();
    // 260 weekdays − 16 holidays on weekdays + 5 weekend days worked = 249.
    let eve = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap();
    assert_eq!(calendar.working_days_between(eve, day(12, 31)), 249);
    assert!(calendar.is_working_day(day(1, 22)) && calendar.is_working_day(day(9, 30)));
    assert!(!calendar.is_working_day(day(5, 1)) && !calendar.is_working_day(day(10, 6)));
}

#[test]
fn a_calendar_with_a_date_twice_is_a_typed_error() {
    let error = WorkingCalendar::from_json_str(
        r#"{"name": "x", "years": [2017],
            "holidays": [{"name": "a", "from": "2017-05-01", "to": "2017-05-01"},
                         {"name": "b", "from": "2017-05-01", "to": "2017-05-02"}]}"#,
    )
    .unwrap_err();
    match error {
        mubiao::Error::Validation(error) => {
            assert_eq!(error.problems[0].code.as_str(), "duplicate-date");
            assert_eq!(error.problems[0].path, "/holidays/1");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        WorkingCalendar::from_json_str("{"),
        Err(mubiao::Error::Format(_))
    ));
}

#[test]
fn forecast_from_the_pace_so_far() {
    // Hongmei: 15 sites due 30 September. By 6 April, 11 sites: 11 sites in the 95 days
    // since 1 January (31 + 28 + 31 + 5), 0.1158 a day; the remaining 4 take
    // 4 / (11 / 95) = 34.5 → 35 days: 11 May, more than four months early.
    let plan = Plan::from_json_str(&std::fs::read_to_string(data_path("xuhui-2017.json")).unwrap())
        .unwrap();
    let row = plan
        .status(day(4, 30), &StatusOptions::default())
        .unwrap()
        .milestone("kw-18-1-m3")
        .unwrap();
    assert_eq!(row.latest_value, Some(11.0));
    assert_eq!(row.forecast, Some(day(5, 11)));
    assert_eq!(row.due, day(9, 30));
    // A done milestone has no forecast; nor a deliverable.
    let done = plan.status(day(4, 30), &StatusOptions::default()).unwrap();
    assert_eq!(done.milestone("kw-18-1-m1").unwrap().forecast, None);
    assert_eq!(done.milestone("kw-18-3-m3").unwrap().forecast, None);
}

#[test]
fn stale_reporting() {
    let plan = plan_with_milestones(
        vec![deliverable("m", day(12, 31), Granularity::Quarter)],
        vec![report("m", day(2, 15), Progress::Underway)],
        vec![],
    )
    .validate()
    .unwrap();
    let options = StatusOptions::default();
    // Reported 15 February; on 15 March the last month (since 15 February) still holds it.
    assert!(
        !plan
            .status(day(3, 15), &options)
            .unwrap()
            .sub_project("s")
            .unwrap()
            .stale
    );
    // On 16 March it is more than a month old: stale.
    let row = plan
        .status(day(3, 16), &options)
        .unwrap()
        .sub_project("s")
        .unwrap();
    assert!(row.stale);
    assert_eq!(row.latest_report, Some(day(2, 15)));
    // Quarterly reporting tolerates it until 15 May.
    let quarterly = StatusOptions {
        reporting_cadence: mubiao::ReportingCadence::Quarterly,
        ..StatusOptions::default()
    };
    assert!(
        !plan
            .status(day(5, 15), &quarterly)
            .unwrap()
            .sub_project("s")
            .unwrap()
            .stale
    );
}

#[test]
fn questions_the_plan_cannot_answer_are_typed_errors() {
    let plan = plan_with_milestones(
        vec![deliverable("m", day(3, 31), Granularity::Month)],
        vec![],
        vec![],
    )
    .validate()
    .unwrap();
    let before = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap();
    match plan.status(before, &StatusOptions::default()).unwrap_err() {
        StatusError::AsOfOutsidePlan {
            earliest, latest, ..
        } => {
            assert_eq!(earliest, day(1, 1));
            assert_eq!(latest, NaiveDate::from_ymd_opt(2018, 12, 31).unwrap());
        }
        other => panic!("{other:?}"),
    }
    let far = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    assert_eq!(
        plan.status(far, &StatusOptions::default())
            .unwrap_err()
            .code(),
        "as-of-outside-plan"
    );
    let nan = StatusOptions {
        risk_margin: f64::NAN,
        ..StatusOptions::default()
    };
    let error = plan.status(day(3, 31), &nan).unwrap_err();
    assert_eq!(error.code(), "invalid-option");
    assert!(error.to_string().contains("risk_margin"));
    let zh = error.message(mubiao::Language::Chinese);
    assert!(zh.contains("0 至 1"), "{zh}");
}
