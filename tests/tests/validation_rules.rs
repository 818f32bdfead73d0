//! One scenario per validation rule: start from the valid example plan, break one thing,
//! and check that exactly the expected problem is reported, at the expected path.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mubiao::{
    Contract, ContractKind, Goal, LagCause, LagClass, LagReason, PlanDocument, ProblemCode,
    Progress, ProgressReport, QuantityTarget, Role, Target, Unit, UnitKind,
};
use mubiao_tests::{example_document, problems_of};

use ProblemCode as C;

fn doc() -> PlanDocument {
    example_document().expect("the example plan reads")
}

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, month, d).unwrap()
}

/// The single problem a broken document has.
fn only_problem(document: &PlanDocument) -> (ProblemCode, String) {
    let problems = problems_of(document);
    assert_eq!(problems.len(), 1, "expected one problem, got {problems:?}");
    problems.into_iter().next().unwrap()
}

fn p(code: ProblemCode, path: &str) -> (ProblemCode, String) {
    (code, path.to_owned())
}

const M0: &str = "/key_tasks/0/sub_projects/0/milestones/0";

#[test]
fn the_example_plan_is_valid() {
    assert_eq!(problems_of(&doc()), vec![]);
    assert!(doc().validate().is_ok());
}

#[test]
fn invalid_year() {
    let mut d = doc();
    d.year = 0;
    let problems = problems_of(&d);
    assert_eq!(problems.first(), Some(&p(C::InvalidYear, "/year")));
}

#[test]
fn empty_and_duplicate_ids() {
    let mut d = doc();
    d.units[4].id = " ".into();
    // The unit is gone for every reference to it, too.
    assert_eq!(
        problems_of(&d),
        vec![
            p(C::EmptyId, "/units/4/id"),
            p(
                C::DanglingUnit,
                "/key_tasks/0/sub_projects/0/responsibility/partner_units/0"
            ),
        ]
    );

    let mut d = doc();
    d.key_tasks[1].sub_projects[0].milestones[1].id = "hm-rivers-q1".into();
    // The second milestone with that id is the duplicate.
    assert_eq!(
        only_problem(&d),
        p(
            C::DuplicateId,
            "/key_tasks/1/sub_projects/0/milestones/1/id"
        )
    );

    let mut d = doc();
    d.people[3].id = "hongmei-head".into();
    let problems = problems_of(&d);
    assert_eq!(problems[0], p(C::DuplicateId, "/people/3/id"));
}

#[test]
fn dangling_references() {
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].responsibility.partner_units = vec!["nowhere".into()];
    assert_eq!(
        only_problem(&d),
        p(
            C::DanglingUnit,
            "/key_tasks/0/sub_projects/0/responsibility/partner_units/0"
        )
    );

    let mut d = doc();
    d.key_tasks[1].supervising_leader = Some("nobody".into());
    assert_eq!(
        only_problem(&d),
        p(C::DanglingPerson, "/key_tasks/1/supervising_leader")
    );

    let mut d = doc();
    d.key_tasks[1].plan_item = "pi-missing".into();
    let problems = problems_of(&d);
    // The key task points nowhere, and the plan item it used to carry becomes vague.
    assert_eq!(
        problems,
        vec![
            p(C::DanglingPlanItem, "/key_tasks/1/plan_item"),
            p(C::VaguePlanItem, "/plan_items/1"),
        ]
    );

    let mut d = doc();
    d.contracts[0].key_tasks.push("kt-missing".into());
    assert_eq!(
        only_problem(&d),
        p(C::DanglingKeyTask, "/contracts/0/key_tasks/1")
    );

    let mut d = doc();
    d.progress_reports[0].milestone = "gone".into();
    assert_eq!(
        only_problem(&d),
        p(C::DanglingMilestone, "/progress_reports/0/milestone")
    );
}

#[test]
fn unit_cycles_are_reported_once() {
    let mut d = doc();
    // gov → hongmei → gov
    d.units[0].parent = Some("hongmei".into());
    assert_eq!(only_problem(&d), p(C::UnitCycle, "/units/0/parent"));
    let message = &d.problems()[0].message;
    assert!(
        message.contains("`xuhui-gov`") || message.contains("`gov`"),
        "{message}"
    );

    let mut d = doc();
    d.units[3].parent = Some("water".into());
    assert_eq!(only_problem(&d), p(C::UnitCycle, "/units/3/parent"));
}

#[test]
fn sections_sit_under_working_units() {
    // Moving Hongmei's section under the government misplaces it, and with it the people
    // who work there are no longer of Hongmei.
    let mut d = doc();
    d.units[2].parent = Some("gov".into());
    assert_eq!(
        problems_of(&d),
        vec![
            p(C::MisplacedSection, "/units/2/parent"),
            p(
                C::ResponsiblePersonOutsideLeadUnit,
                "/key_tasks/0/sub_projects/0/responsibility/responsible_person"
            ),
            p(C::ContractSectionOutsideUnit, "/contracts/2/lower_signer"),
        ]
    );

    let mut d = doc();
    d.units.push(Unit {
        id: "floating".into(),
        name: "A section with no unit".into(),
        kind: UnitKind::Section,
        parent: None,
    });
    assert_eq!(only_problem(&d), p(C::MisplacedSection, "/units/5"));
}

#[test]
fn roles_fit_their_units() {
    let mut d = doc();
    d.people[0].unit = "water".into(); // a deputy district head outside the government
    let problems = problems_of(&d);
    assert!(problems.contains(&p(C::RoleUnitMismatch, "/people/0/role")));

    let mut d = doc();
    d.people[2].role = Role::UnitHead; // heads a section, not a unit
    let problems = problems_of(&d);
    assert_eq!(problems[0], p(C::RoleUnitMismatch, "/people/2/role"));
}

#[test]
fn no_vague_goal() {
    // A plan item carried by no sub-project.
    let mut d = doc();
    d.plan_items.push(mubiao::PlanItem {
        id: "pi-empty".into(),
        title: "Make the district better".into(),
        submitted_by: "gov".into(),
    });
    assert_eq!(only_problem(&d), p(C::VaguePlanItem, "/plan_items/2"));

    // A key task with no sub-project (which also leaves its plan item vague).
    let mut d = doc();
    d.key_tasks[1].sub_projects.clear();
    d.progress_reports
        .retain(|r| !r.milestone.as_str().starts_with("sewage"));
    d.lag_reasons.clear();
    assert_eq!(
        problems_of(&d),
        vec![
            p(C::KeyTaskWithoutSubProject, "/key_tasks/1/sub_projects"),
            p(C::VaguePlanItem, "/plan_items/1"),
        ]
    );

    // A sub-project with no milestone.
    let mut d = doc();
    d.key_tasks[1].sub_projects[0].milestones.clear();
    d.progress_reports
        .retain(|r| !r.milestone.as_str().starts_with("sewage"));
    d.lag_reasons.clear();
    assert_eq!(
        only_problem(&d),
        p(
            C::SubProjectWithoutMilestone,
            "/key_tasks/1/sub_projects/0/milestones"
        )
    );

    // A milestone with no target, no due date, or no lead unit.
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[0].target = None;
    assert_eq!(only_problem(&d), p(C::MilestoneWithoutTarget, M0));

    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[0].due = None;
    assert_eq!(only_problem(&d), p(C::MilestoneWithoutDueDate, M0));

    let mut d = doc();
    d.key_tasks[0].sub_projects[0].responsibility.lead_unit = None;
    d.key_tasks[0].sub_projects[0]
        .responsibility
        .responsible_person = None;
    assert_eq!(
        only_problem(&d),
        p(
            C::MissingLeadUnit,
            "/key_tasks/0/sub_projects/0/responsibility"
        )
    );

    // A milestone's own responsibility must name its lead unit too.
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[0].responsibility = Some(Box::default());
    assert_eq!(
        only_problem(&d),
        p(C::MissingLeadUnit, &format!("{M0}/responsibility"))
    );
}

#[test]
fn key_tasks_are_supervised_by_district_leaders() {
    let mut d = doc();
    d.key_tasks[0].supervising_leader = None;
    assert_eq!(
        only_problem(&d),
        p(C::MissingSupervisingLeader, "/key_tasks/0")
    );

    let mut d = doc();
    d.key_tasks[0].supervising_leader = Some("water-head".into());
    assert_eq!(
        only_problem(&d),
        p(
            C::SupervisorNotDistrictLeader,
            "/key_tasks/0/supervising_leader"
        )
    );
}

#[test]
fn partners_are_distinct_from_the_lead_and_each_other() {
    let path = "/key_tasks/0/sub_projects/0/responsibility/partner_units";
    let mut d = doc();
    d.key_tasks[0].sub_projects[0]
        .responsibility
        .partner_units
        .push("hongmei".into());
    assert_eq!(only_problem(&d), p(C::PartnerIsLead, &format!("{path}/1")));

    let mut d = doc();
    d.key_tasks[0].sub_projects[0]
        .responsibility
        .partner_units
        .push("chengguan".into());
    assert_eq!(
        only_problem(&d),
        p(C::DuplicatePartner, &format!("{path}/1"))
    );
}

#[test]
fn responsible_person_belongs_to_the_lead_unit_or_its_sections() {
    let mut d = doc();
    d.key_tasks[0].sub_projects[0]
        .responsibility
        .responsible_person = Some("water-head".into());
    assert_eq!(
        only_problem(&d),
        p(
            C::ResponsiblePersonOutsideLeadUnit,
            "/key_tasks/0/sub_projects/0/responsibility/responsible_person"
        )
    );
    // The head of the lead unit itself is fine, and so is the head of one of its sections.
    let mut d = doc();
    d.key_tasks[0].sub_projects[0]
        .responsibility
        .responsible_person = Some("hongmei-head".into());
    assert_eq!(problems_of(&d), vec![]);
}

#[test]
fn cumulative_targets_never_go_down() {
    // Q1 asks for 5 sites, Q2 for 10, Q3 for 15. Lower Q3 to 8: 8 < 10, so Q3 is at fault.
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[2].target = Some(Target::Quantity(QuantityTarget {
        unit: "sites".into(),
        goal: Goal::AtLeast(8.0),
        baseline: Some(0.0),
    }));
    assert_eq!(
        only_problem(&d),
        p(
            C::DecreasingCumulativeTarget,
            "/key_tasks/0/sub_projects/0/milestones/2/target/quantity/goal"
        )
    );
    // Order in the document does not matter, only due dates: swapping Q1 and Q3 in the
    // list keeps the plan valid.
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones.swap(0, 2);
    assert_eq!(problems_of(&d), vec![]);
    // A different unit of measure is a different series.
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[2].target = Some(Target::Quantity(QuantityTarget {
        unit: "m²".into(),
        goal: Goal::AtLeast(1.0),
        baseline: None,
    }));
    assert_eq!(problems_of(&d), vec![]);
}

#[test]
fn quantities_are_finite_and_not_negative() {
    for (bad, path_end) in [(f64::NAN, "goal"), (f64::INFINITY, "goal"), (-1.0, "goal")] {
        let mut d = doc();
        d.key_tasks[0].sub_projects[0].milestones[0].target =
            Some(Target::Quantity(QuantityTarget {
                unit: "sites".into(),
                goal: Goal::AtLeast(bad),
                baseline: None,
            }));
        let problems = problems_of(&d);
        assert!(
            problems.contains(&p(
                C::InvalidQuantity,
                &format!("{M0}/target/quantity/{path_end}")
            )),
            "{bad}: {problems:?}"
        );
    }
    let mut d = doc();
    if let Some(Target::Quantity(q)) = &mut d.key_tasks[0].sub_projects[0].milestones[0].target {
        q.baseline = Some(f64::NEG_INFINITY);
    }
    assert_eq!(
        only_problem(&d),
        p(
            C::InvalidQuantity,
            &format!("{M0}/target/quantity/baseline")
        )
    );
    let mut d = doc();
    d.progress_reports[0].progress = Progress::Cumulative(-3.0);
    assert_eq!(
        only_problem(&d),
        p(
            C::InvalidQuantity,
            "/progress_reports/0/progress/cumulative"
        )
    );
}

#[test]
fn bands_run_from_low_to_high() {
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[0].target = Some(Target::Quantity(QuantityTarget {
        unit: "%".into(),
        goal: Goal::Within {
            low: 30.0,
            high: 20.0,
        },
        baseline: None,
    }));
    assert_eq!(
        only_problem(&d),
        p(C::InvalidBand, &format!("{M0}/target/quantity/goal/within"))
    );
}

#[test]
fn dates_stay_in_the_plan_year_unless_multi_year_major_project() {
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[2].due = NaiveDate::from_ymd_opt(2018, 3, 31);
    assert_eq!(
        only_problem(&d),
        p(
            C::DateOutsideYear,
            "/key_tasks/0/sub_projects/0/milestones/2/due"
        )
    );

    // The sewage works are a major project: marked multi-year, a 2018 date is fine.
    let mut d = doc();
    d.key_tasks[1].multi_year = true;
    d.key_tasks[1].sub_projects[0].milestones[1].due = NaiveDate::from_ymd_opt(2018, 6, 30);
    d.key_tasks[1].sub_projects[0].start = NaiveDate::from_ymd_opt(2016, 10, 1);
    assert_eq!(problems_of(&d), vec![]);

    // Key work cannot be multi-year.
    let mut d = doc();
    d.key_tasks[0].multi_year = true;
    assert_eq!(
        only_problem(&d),
        p(C::MultiYearNotMajorProject, "/key_tasks/0/multi_year")
    );

    // Reports and lag reasons dated outside the year.
    let mut d = doc();
    d.progress_reports[0].date = NaiveDate::from_ymd_opt(2016, 12, 30).unwrap();
    assert_eq!(
        only_problem(&d),
        p(C::DateOutsideYear, "/progress_reports/0/date")
    );
}

#[test]
fn a_sub_project_starts_before_its_milestones_are_due() {
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].start = Some(day(4, 1));
    assert_eq!(only_problem(&d), p(C::StartAfterDue, &format!("{M0}/due")));
}

#[test]
fn contracts_are_signed_by_the_roles_they_need() {
    let mut d = doc();
    d.contracts[0].upper_signer = "water-head".into();
    assert_eq!(
        only_problem(&d),
        p(C::ContractSignerRole, "/contracts/0/upper_signer")
    );

    let mut d = doc();
    d.contracts[2].lower_signer = "water-head".into();
    assert_eq!(
        only_problem(&d),
        p(C::ContractSignerRole, "/contracts/2/lower_signer")
    );

    // A unit head signing with a section head of another unit.
    let mut d = doc();
    d.contracts.push(Contract {
        id: "c-water-hongmei".into(),
        kind: ContractKind::UnitHeadWithSectionHead,
        upper_signer: "water-head".into(),
        lower_signer: "hongmei-urban-head".into(),
        signed_on: day(1, 20),
        key_tasks: vec!["kt-sewage".into()],
    });
    assert_eq!(
        only_problem(&d),
        p(C::ContractSectionOutsideUnit, "/contracts/3/lower_signer")
    );

    let mut d = doc();
    d.contracts[1].key_tasks.clear();
    assert_eq!(
        only_problem(&d),
        p(C::EmptyContract, "/contracts/1/key_tasks")
    );
}

#[test]
fn reports_fit_their_targets() {
    let mut d = doc();
    d.progress_reports.push(ProgressReport {
        milestone: "hm-rivers-q3".into(),
        date: day(4, 10),
        progress: Progress::Done,
        reported_by: None,
        note: None,
    });
    assert_eq!(
        only_problem(&d),
        p(C::ReportMismatch, "/progress_reports/3/progress")
    );

    let mut d = doc();
    d.progress_reports[2].progress = Progress::Cumulative(1.0);
    assert_eq!(
        only_problem(&d),
        p(C::ReportMismatch, "/progress_reports/2/progress")
    );

    // `underway` fits every target.
    let mut d = doc();
    d.progress_reports[2].progress = Progress::Underway;
    assert_eq!(problems_of(&d), vec![]);
}

#[test]
fn lag_reasons_are_consistent_and_say_something() {
    let mut d = doc();
    d.lag_reasons[0].class = LagClass::Subjective;
    assert_eq!(
        only_problem(&d),
        p(C::LagCauseMismatch, "/lag_reasons/0/class")
    );

    let mut d = doc();
    d.lag_reasons.push(LagReason {
        milestone: "hm-rivers-q2".into(),
        class: LagClass::Subjective,
        cause: Some(LagCause::Other),
        text: "  ".into(),
        recorded_on: day(6, 1),
        pending_request: None,
    });
    assert_eq!(
        only_problem(&d),
        p(C::EmptyLagReason, "/lag_reasons/1/text")
    );
}

#[test]
fn every_problem_is_reported_at_once_in_document_order() {
    let mut d = doc();
    d.year = 2017;
    d.people[3].unit = "nowhere".into();
    d.key_tasks[0].supervising_leader = None;
    d.key_tasks[0].sub_projects[0].milestones[1].target = None;
    d.progress_reports[1].milestone = "gone".into();
    d.contracts[0].key_tasks.clear();
    let problems = problems_of(&d);
    assert_eq!(
        problems,
        vec![
            p(C::DanglingUnit, "/people/3/unit"),
            p(C::MissingSupervisingLeader, "/key_tasks/0"),
            p(
                C::MilestoneWithoutTarget,
                "/key_tasks/0/sub_projects/0/milestones/1"
            ),
            p(C::EmptyContract, "/contracts/0/key_tasks"),
            p(C::DanglingMilestone, "/progress_reports/1/milestone"),
        ]
    );
    let error = d.validate().unwrap_err();
    assert_eq!(error.problems.len(), 5);
    let text = error.to_string();
    assert!(
        text.starts_with(
            "5 problems in the plan: [dangling-unit] /people/3/unit: no unit has the id `nowhere`"
        ),
        "{text}"
    );
    assert!(text.ends_with("and 2 more"), "{text}");
}

#[test]
fn messages_say_how_to_fix_the_problem() {
    let mut d = doc();
    d.key_tasks[0].sub_projects[0].milestones[0].target = None;
    let problem = d.problems().remove(0);
    assert_eq!(
        problem.message,
        "milestone `hm-rivers-q1` has no `target`; give it a deliverable or a quantity to reach"
    );
    assert_eq!(problem.code.as_str(), "milestone-without-target");
    assert_eq!(
        serde_json::to_value(&problem).unwrap(),
        serde_json::json!({
            "code": "milestone-without-target",
            "path": M0,
            "message": problem.message,
            "message_zh": "节点 `hm-rivers-q1` 没有 `target`;请给出一项交付成果或一个要达到的数量",
        })
    );
    assert_eq!(
        problem.message_in(mubiao::Language::Chinese),
        problem.message_zh
    );
}
