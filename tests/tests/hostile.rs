//! Hostile inputs: each document or call that once hung the library, exhausted memory,
//! crashed it or slipped past a rule, kept as a regression test. Each must be answered —
//! accepted or refused with a clear error — quickly and with output bounded by its input;
//! a cubic check or a per-day problem list would make these tests run for minutes.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{NaiveDate, NaiveDateTime};
use mubiao::{
    AssessmentError, CalendarDocument, ComponentScores, Error, FormatError, Holiday, Language,
    Ledger, Plan, PlanDocument, ProblemCode, Rule, ScoringScheme, StatusOptions, Subject, Unit,
    UnitKind, WorkingCalendar, MAX_PROBLEMS_PER_CODE,
};
use mubiao_tests::{example_document, example_plan_json};
use serde_json::json;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn moment(y: i32, m: u32, d: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(9, 0, 0).unwrap()
}

fn unit(id: String, kind: UnitKind, parent: Option<String>) -> Unit {
    Unit {
        id: id.clone().into(),
        name: id,
        kind,
        parent: parent.map(Into::into),
    }
}

#[test]
fn a_cycle_of_4000_sections_is_found_once() {
    // s0 → s1 → … → s3999 → s0: one cycle, reported at its first unit.
    let n = 4000;
    let mut document = PlanDocument::new(2017, "cycle");
    for i in 0..n {
        document.units.push(unit(
            format!("s{i}"),
            UnitKind::Section,
            Some(format!("s{}", (i + 1) % n)),
        ));
    }
    let problems = document.problems();
    let cycles: Vec<_> = problems
        .iter()
        .filter(|p| p.code == ProblemCode::UnitCycle)
        .collect();
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].path, "/units/0/parent");
    // The message names a few units and how many there are, not all 4,000.
    assert!(
        cycles[0].message.contains("4000 units in all"),
        "{}",
        cycles[0].message
    );
    assert!(cycles[0].message.len() < 600);
}

#[test]
fn a_chain_of_10000_units_has_no_cycle() {
    let n = 10_000;
    let mut document = PlanDocument::new(2017, "chain");
    document
        .units
        .push(unit("gov".into(), UnitKind::Government, None));
    for i in 0..n {
        let parent = if i == 0 {
            "gov".to_owned()
        } else {
            format!("d{}", i - 1)
        };
        document
            .units
            .push(unit(format!("d{i}"), UnitKind::Department, Some(parent)));
    }
    assert!(!document
        .problems()
        .iter()
        .any(|p| p.code == ProblemCode::UnitCycle));
}

#[test]
fn a_holiday_of_many_years_listed_four_times_gives_a_short_list() {
    // Once a 3.65-million-problem list: every day of a 10,000-year holiday, given twice.
    let holiday = Holiday {
        name: "forever".into(),
        from: day(1, 1, 1),
        to: day(9999, 12, 31),
    };
    let document = CalendarDocument {
        name: "hostile".into(),
        years: (1..=9999).collect(),
        holidays: vec![holiday.clone(), holiday.clone(), holiday.clone(), holiday],
        working_weekend_days: Vec::new(),
    };
    let error = WorkingCalendar::from_document(document).unwrap_err();
    assert_eq!(error.subject, Subject::Calendar);
    // Each holiday is too long to be one: one problem each, whatever its span.
    assert_eq!(error.problems.len(), 4);
    assert!(error
        .problems
        .iter()
        .all(|p| p.code == ProblemCode::InvertedRange));
    assert!(error.to_string().starts_with("4 problems in the calendar"));
    assert!(error
        .message(Language::Chinese)
        .starts_with("工作日历中有 4 处问题"));
}

#[test]
fn overlapping_holidays_are_one_problem_each_not_one_a_day() {
    // Two copies of a 300-day holiday: one duplicate-date problem, not 300.
    let holiday = Holiday {
        name: "long".into(),
        from: day(2017, 1, 1),
        to: day(2017, 10, 27),
    };
    let document = CalendarDocument {
        name: "twice".into(),
        years: vec![2017],
        holidays: vec![holiday.clone(), holiday],
        working_weekend_days: Vec::new(),
    };
    let error = WorkingCalendar::from_document(document).unwrap_err();
    assert_eq!(error.problems.len(), 1);
    assert_eq!(error.problems[0].code, ProblemCode::DuplicateDate);
    assert_eq!(error.problems[0].path, "/holidays/1");
}

#[test]
fn repeated_problems_are_capped_and_counted() {
    // 5,000 dangling partner references: 100 listed, 4,900 counted.
    let mut document = example_document().unwrap();
    let partners = &mut document.key_tasks[0].sub_projects[0]
        .responsibility
        .partner_units;
    partners.clear();
    partners.extend((0..5000).map(|i| format!("ghost-{i}").into()));
    let error = document.validate().unwrap_err();
    let dangling = error
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::DanglingUnit)
        .count();
    assert_eq!(dangling, MAX_PROBLEMS_PER_CODE);
    assert_eq!(error.omitted.len(), 1);
    assert_eq!(error.omitted[0].code, ProblemCode::DanglingUnit);
    assert_eq!(error.omitted[0].count, 5000 - 100);
    assert_eq!(error.total(), 5000);
    assert!(error.to_string().starts_with("5000 problems in the plan"));
}

#[test]
fn a_hundred_thousand_partners_or_quantity_units_validate_in_linear_time() {
    let mut document = example_document().unwrap();
    let lead = document.key_tasks[0].sub_projects[0]
        .responsibility
        .lead_unit
        .clone()
        .unwrap();
    for i in 0..100_000 {
        document.units.push(unit(
            format!("p{i}"),
            UnitKind::Department,
            Some("gov".into()),
        ));
    }
    let sub = &mut document.key_tasks[0].sub_projects[0];
    sub.responsibility.partner_units = (0..100_000).map(|i| format!("p{i}").into()).collect();
    // The same partner listed again at the end: one duplicate.
    sub.responsibility.partner_units.push("p7".into());
    assert_ne!(lead.as_str(), "p7");
    let problems = document.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, ProblemCode::DuplicatePartner);
    assert_eq!(
        problems[0].path,
        "/key_tasks/0/sub_projects/0/responsibility/partner_units/100000"
    );

    // 100,000 quantity milestones, each in its own unit of measure.
    let mut document = example_document().unwrap();
    let sub = &mut document.key_tasks[0].sub_projects[0];
    let template = sub.milestones[0].clone();
    sub.milestones = (0..100_000)
        .map(|i| {
            let mut m = template.clone();
            m.id = format!("q{i}").into();
            m.target = Some(mubiao::Target::Quantity(mubiao::QuantityTarget {
                unit: format!("unit {i}"),
                goal: mubiao::Goal::AtLeast(f64::from(i)),
                baseline: None,
            }));
            m
        })
        .collect();
    document.progress_reports.clear();
    document.lag_reasons.clear();
    assert!(document.problems().is_empty());
}

#[test]
fn dates_are_written_one_way_and_impossible_ones_say_why() {
    let text = example_plan_json();
    for (from, to, says) in [
        (
            "\"2017-03-31\"",
            "\"2017-3-31\"",
            "not a date written as YYYY-MM-DD",
        ),
        (
            "\"2017-03-31\"",
            "\" 2017-03-31\"",
            "not a date written as YYYY-MM-DD",
        ),
        (
            "\"2017-03-31\"",
            "\"2017-02-30\"",
            "February 2017 has 28 days, not 30",
        ),
        (
            "\"2017-03-31\"",
            "\"0000-03-31\"",
            "years run from 0001 to 9999",
        ),
        (
            "\"2017-03-31\"",
            "\"+262142-12-31\"",
            "not a date written as YYYY-MM-DD",
        ),
    ] {
        assert!(text.contains(from));
        let changed = text.replacen(from, to, 1);
        let error = PlanDocument::from_json_str(&changed).unwrap_err();
        assert_eq!(error.code(), "wrong-shape", "{error}");
        assert!(error.to_string().contains(says), "{error}");
        assert!(!error.message(Language::Chinese).is_empty());
    }
}

#[test]
fn numbers_out_of_range_are_said_in_words() {
    for year in [
        "18446744073709551615",
        "1e300",
        "99999999999",
        "-5000000000",
    ] {
        let text = format!(r#"{{"format_version": 1, "year": {year}, "name": "x"}}"#);
        let error = PlanDocument::from_json_str(&text).unwrap_err();
        let message = error.to_string();
        assert_eq!(error.path(), Some("/year"), "{message}");
        assert!(message.contains("from 1 to 9999"), "{message}");
        for machine_word in ["i32", "u32", "f64", "floating point", "u128"] {
            assert!(!message.contains(machine_word), "{message}");
        }
        assert!(error.message(Language::Chinese).contains("1 至 9999"));
    }
    // A year that is a whole number but no calendar year is a validation problem.
    let error =
        Plan::from_json_str(r#"{"format_version": 1, "year": 0, "name": "x"}"#).unwrap_err();
    assert!(
        error.to_string().contains("use a year from 1 to 9999"),
        "{error}"
    );
}

#[test]
fn format_versions_are_checked_whatever_the_source() {
    for version in [
        json!(0),
        json!(2),
        json!(2_147_483_647),
        json!(true),
        json!("1"),
        json!(1.5),
    ] {
        let mut value: serde_json::Value = serde_json::from_str(example_plan_json()).unwrap();
        value["format_version"] = version.clone();
        let error = PlanDocument::from_json_value(value.clone()).unwrap_err();
        assert_eq!(error.code(), "unsupported-format-version", "{version}");
        let error = PlanDocument::from_json_str(&value.to_string()).unwrap_err();
        assert_eq!(error.code(), "unsupported-format-version", "{version}");
        // Inside a ledger entry, too.
        let entry = json!({
            "sequence": 0, "recorded_at": "2017-01-05T09:00:00", "actor": "district-head",
            "change": {"kind": "adopt_plan", "plan": value},
            "previous_hash": "0".repeat(64), "hash": "0".repeat(64)
        });
        let error = Ledger::from_jsonl(&seal_line(entry)).unwrap_err();
        let Error::Format(FormatError::Shape { path, message, .. }) = &error else {
            panic!("{version}: {error:?}");
        };
        // The change is read as a whole (its `kind` picks the shape), so the path stops at it.
        assert!(path.starts_with("/change"), "{path}");
        assert!(message.contains("unsupported format version"), "{message}");
    }
    let mut value: serde_json::Value = serde_json::from_str(example_plan_json()).unwrap();
    value.as_object_mut().unwrap().remove("format_version");
    assert_eq!(
        PlanDocument::from_json_value(value).unwrap_err().code(),
        "missing-format-version"
    );
}

/// The line of an entry with its hash computed as the ledger format says.
fn seal_line(mut entry: serde_json::Value) -> String {
    use sha2::{Digest, Sha256};
    entry.as_object_mut().unwrap().remove("hash");
    let body = entry.to_string();
    let hash: String = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{},\"hash\":\"{hash}\"}}", body.strip_suffix('}').unwrap())
}

#[test]
fn values_are_held_to_the_rules_of_text() {
    let mut value: serde_json::Value = serde_json::from_str(example_plan_json()).unwrap();
    value["key_tasks"][1]["multi_year"] = json!("false");
    let error = PlanDocument::from_json_value(value).unwrap_err();
    assert_eq!(error.path(), Some("/key_tasks/1/multi_year"));
    assert!(
        error.to_string().contains("expected true or false"),
        "{error}"
    );

    let mut value: serde_json::Value = serde_json::from_str(example_plan_json()).unwrap();
    value["units"] = json!("");
    let error = PlanDocument::from_json_value(value).unwrap_err();
    assert_eq!(error.path(), Some("/units"));

    let mut value: serde_json::Value = serde_json::from_str(example_plan_json()).unwrap();
    value["units"][0]["colour"] = json!("red");
    let error = PlanDocument::from_json_value(value).unwrap_err();
    assert_eq!(error.path(), Some("/units/0/colour"));
    assert_eq!(error.position(), None);
}

#[test]
fn multi_year_dates_stay_within_ten_years() {
    let mut document = example_document().unwrap();
    let task = &mut document.key_tasks[1];
    assert_eq!(task.kind, mubiao::KeyTaskKind::MajorProject);
    task.multi_year = true;
    task.sub_projects[0].milestones[0].due = Some(NaiveDate::MIN);
    task.sub_projects[0].milestones[1].due = Some(NaiveDate::MAX);
    let mut within = task.sub_projects[0].milestones[1].clone();
    within.id = "within-ten-years".into();
    within.due = Some(day(2027, 12, 31));
    task.sub_projects[0].milestones.push(within);
    let problems = document.problems();
    let outside: Vec<_> = problems
        .iter()
        .filter(|p| p.code == ProblemCode::DateOutsideYear)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        outside,
        [
            "/key_tasks/1/sub_projects/0/milestones/0/due",
            "/key_tasks/1/sub_projects/0/milestones/1/due"
        ]
    );
}

#[test]
fn withdrawal_contract_and_rating_dates_are_bounded() {
    let mut document = example_document().unwrap();
    document.key_tasks[0].withdrawn = Some(mubiao::Withdrawal {
        on: day(1900, 1, 1),
        reason: "typo".into(),
    });
    document.contracts[0].signed_on = day(2019, 1, 1);
    let problems = document.problems();
    let paths: Vec<_> = problems.iter().map(|p| (p.code, p.path.as_str())).collect();
    assert!(paths.contains(&(ProblemCode::DateOutsideYear, "/key_tasks/0/withdrawn/on")));
    assert!(paths.contains(&(ProblemCode::DateOutsideYear, "/contracts/0/signed_on")));
}

#[test]
fn ledger_moments_stay_near_the_plan_year() {
    let document = mubiao_tests::as_adopted_on(example_document().unwrap(), day(2016, 12, 20));
    let refused =
        Ledger::adopt(document.clone(), "district-head", moment(1900, 1, 1), None).unwrap_err();
    assert_eq!(refused.rule, Rule::MomentOutsidePlanPeriod);
    assert!(
        refused.message.contains("2016-01-01 to 2018-12-31"),
        "{refused}"
    );
    // December of the year before is a normal day to adopt a plan.
    let mut ledger = Ledger::adopt(document, "district-head", moment(2016, 12, 20), None).unwrap();
    let before = ledger.entries().len();
    let change = mubiao::Change::ReportProgress {
        milestone: "hm-rivers-q1".into(),
        date: day(2017, 3, 20),
        progress: mubiao::Progress::Cumulative(6.0),
        note: None,
    };
    let refused = ledger
        .record(
            "hongmei-urban-head",
            NaiveDateTime::MAX,
            change.clone(),
            None,
        )
        .unwrap_err();
    assert_eq!(refused.rule, Rule::MomentOutsidePlanPeriod);
    assert_eq!(ledger.entries().len(), before);
    // The ledger is not blocked: a sane moment still records.
    ledger
        .record("hongmei-urban-head", moment(2017, 3, 21), change, None)
        .unwrap();
}

#[test]
fn a_later_date_far_away_is_refused_at_request() {
    let document = mubiao_tests::example_to_adopt().unwrap();
    let mut ledger = Ledger::adopt(document, "district-head", moment(2017, 1, 5), None).unwrap();
    let refused = ledger
        .record(
            "hongmei-urban-head",
            moment(2017, 3, 1),
            mubiao::Change::RequestLaterDate {
                milestone: "hm-rivers-q1".into(),
                due: NaiveDate::MAX,
                class: mubiao::LagClass::Objective,
                cause: None,
                text: "policy".into(),
            },
            None,
        )
        .unwrap_err();
    assert_eq!(refused.rule, Rule::DateOutsidePlan);
}

#[test]
fn scheme_weights_must_name_items_of_the_plan() {
    let plan = Plan::from_json_str(example_plan_json()).unwrap();
    let mut rules = ScoringScheme::default();
    rules
        .weights
        .milestones
        .insert("no-such-milestone".into(), 2.0);
    let scheme = rules.validate().unwrap();
    let error = plan
        .assess(
            day(2017, 12, 31),
            &scheme,
            &ComponentScores::new(),
            &StatusOptions::default(),
        )
        .unwrap_err();
    assert!(
        matches!(&error, AssessmentError::UnknownWeightedItem { kind: "milestone", id } if id == "no-such-milestone"),
        "{error:?}"
    );
    assert!(error
        .message(Language::Chinese)
        .contains("no-such-milestone"));
}

#[test]
fn components_for_the_government_are_refused() {
    let plan = Plan::from_json_str(example_plan_json()).unwrap();
    let mut components = ComponentScores::new();
    components.insert("gov".into(), Default::default());
    let error = plan
        .assess(
            day(2017, 12, 31),
            &mubiao::Scheme::default(),
            &components,
            &StatusOptions::default(),
        )
        .unwrap_err();
    assert_eq!(error.code(), "not-assessed");
}

#[test]
fn a_target_at_its_baseline_has_no_progress_until_reported() {
    let mut document = example_document().unwrap();
    let milestone = &mut document.key_tasks[0].sub_projects[0].milestones[0];
    let id = milestone.id.clone();
    milestone.target = Some(mubiao::Target::Quantity(mubiao::QuantityTarget {
        unit: "inspections".into(),
        goal: mubiao::Goal::AtLeast(3.0),
        baseline: Some(5.0),
    }));
    document.progress_reports.retain(|r| r.milestone != id);
    let plan = document.validate().unwrap();
    let status = plan
        .status(day(2017, 6, 30), &StatusOptions::default())
        .unwrap();
    let row = status.milestone(id.as_str()).unwrap();
    assert_eq!(row.status, mubiao::MilestoneStatus::Lagging);
    assert_eq!(row.progress_share, Some(0.0));
}

#[test]
fn scheme_and_calendar_errors_name_their_document() {
    let rules = ScoringScheme {
        target_completion_weight: f64::NAN,
        ..ScoringScheme::default()
    };
    let error = rules.validate().unwrap_err();
    assert!(
        error.to_string().contains("in the scoring scheme"),
        "{error}"
    );
    let error = WorkingCalendar::from_json_str(
        r#"{"name": "x", "years": [2017], "holidays": [{"name": "a", "from": "2017-05-02", "to": "2017-05-01"}]}"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("in the calendar"), "{error}");
}

#[test]
fn every_error_has_a_chinese_message() {
    let errors: Vec<Error> = vec![
        PlanDocument::from_json_slice(b"\xef\xbb\xbf{}").unwrap_err().into(),
        PlanDocument::from_json_slice(&[0xff, 0xfe, b'{', 0]).unwrap_err().into(),
        PlanDocument::from_json_slice(b"{\"a\": \xff}").unwrap_err().into(),
        PlanDocument::from_json_str("").unwrap_err().into(),
        PlanDocument::from_json_str("plan.json").unwrap_err().into(),
        PlanDocument::from_json_str("{").unwrap_err().into(),
        PlanDocument::from_json_str(r#"{"format_version": 3}"#).unwrap_err().into(),
        Plan::from_json_str(r#"{"format_version": 1, "year": 2017, "name": "x", "plan_items": [{"id": "p", "title": "t", "submitted_by": "nobody"}]}"#).unwrap_err(),
        mubiao::synthetic::synthetic_plan(mubiao::synthetic::SyntheticOptions::with_milestones(usize::MAX)).unwrap_err().into(),
        mubiao::arguments::date("as_of", "tomorrow").unwrap_err().into(),
    ];
    for error in errors {
        let zh = error.message(Language::Chinese);
        let en = error.message(Language::English);
        assert_eq!(en, error.to_string());
        assert_ne!(zh, en, "{en}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(!error.code().is_empty());
    }
}
