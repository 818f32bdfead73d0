//! Golden figures that the Python and JavaScript tests compare with exactly: the Xuhui
//! roll-up at the end of Q1 2017 and the 2017 year-end assessment.
//!
//! Run with `MUBIAO_BLESS=1` to write them again after an intended change.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mubiao::{ComponentScores, Plan, Scheme, StatusOptions, WorkingCalendar};
use mubiao_examples::{
    data_path, XUHUI_2017_COMPONENTS_FILE, XUHUI_2017_FILE, XUHUI_2017_YEAR_END_FILE,
};
use mubiao_tests::crate_dir;

fn read(file: &str) -> String {
    std::fs::read_to_string(data_path(file)).unwrap()
}

fn options() -> StatusOptions {
    StatusOptions::with_calendar(
        WorkingCalendar::from_json_str(&read("calendar-2017.json")).unwrap(),
    )
}

fn check(name: &str, value: serde_json::Value) {
    let path = crate_dir().join("fixtures").join(name);
    let mut text = serde_json::to_string_pretty(&value).unwrap();
    text.push('\n');
    if std::env::var_os("MUBIAO_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == text,
        "{name} is out of date; run `MUBIAO_BLESS=1 cargo test -p mubiao-tests --test golden`"
    );
}

#[test]
fn xuhui_q1_rollup() {
    let plan = Plan::from_json_str(&read(XUHUI_2017_FILE)).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2017, 3, 31).unwrap();
    let rollup = plan.status(as_of, &options()).unwrap().rollup();
    let key_work = rollup.by_kind[&mubiao::KeyTaskKind::KeyWork];
    assert_eq!(
        (
            key_work.sub_projects_on_schedule,
            key_work.sub_projects_with_due_milestone
        ),
        (210, 221)
    );
    check(
        "xuhui-2017-q1-rollup.json",
        serde_json::json!({
            "as_of": as_of,
            "overall": rollup.overall,
            "by_kind": rollup.by_kind,
            "by_supervising_leader": rollup.by_supervising_leader,
            "lagging": rollup.lagging.iter().map(|l| l.milestone.as_str()).collect::<Vec<_>>(),
        }),
    );
}

#[test]
fn xuhui_year_end_scores() {
    let plan = Plan::from_json_str(&read(XUHUI_2017_YEAR_END_FILE)).unwrap();
    let components: ComponentScores =
        serde_json::from_str(&read(XUHUI_2017_COMPONENTS_FILE)).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2017, 12, 31).unwrap();
    let assessment = plan
        .assess(as_of, &Scheme::default(), &components, &options())
        .unwrap();
    let units: Vec<serde_json::Value> = assessment
        .units
        .iter()
        .map(|u| {
            serde_json::json!({
                "unit": u.unit,
                "rank": u.rank,
                "group_rank": u.group_rank,
                "grade": u.grade,
                "lead_score": u.lead_score,
                "partner_score": u.partner_score,
                "target_completion": u.target_completion,
                "performance": u.performance,
            })
        })
        .collect();
    check(
        "xuhui-2017-year-end-scores.json",
        serde_json::json!({
            "as_of": as_of,
            "units": units,
            "accountability": assessment.accountability.iter().map(|a| a.milestone.as_str()).collect::<Vec<_>>(),
        }),
    );
}
