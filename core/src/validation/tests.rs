//! Unit tests of the checks that have logic of their own: the unit tree walk and the
//! cumulative target series.

use chrono::NaiveDate;

use crate::document::PlanDocument;
use crate::milestone::{Goal, Granularity, Milestone, QuantityTarget, Target};
use crate::organisation::{Unit, UnitKind};
use crate::validation::ProblemCode;
use crate::SubProject;

fn unit(id: &str, parent: Option<&str>) -> Unit {
    Unit {
        id: id.into(),
        name: id.to_uppercase(),
        kind: UnitKind::Department,
        parent: parent.map(Into::into),
    }
}

fn cycle_problems(units: Vec<Unit>) -> Vec<(ProblemCode, String)> {
    let mut document = PlanDocument::new(2017, "cycles");
    document.units = units;
    document
        .problems()
        .into_iter()
        .filter(|p| p.code == ProblemCode::UnitCycle)
        .map(|p| (p.code, p.path))
        .collect()
}

#[test]
fn a_cycle_is_reported_once_at_its_first_unit() {
    // a → b → c → a, and d hangs off the cycle: one problem, at `a`.
    let problems = cycle_problems(vec![
        unit("d", Some("b")),
        unit("a", Some("b")),
        unit("b", Some("c")),
        unit("c", Some("a")),
    ]);
    assert_eq!(
        problems,
        vec![(ProblemCode::UnitCycle, "/units/1/parent".to_owned())]
    );
}

#[test]
fn a_unit_that_is_its_own_parent_is_a_cycle() {
    let problems = cycle_problems(vec![unit("a", Some("a"))]);
    assert_eq!(problems.len(), 1);
}

#[test]
fn two_separate_cycles_are_two_problems() {
    let problems = cycle_problems(vec![
        unit("a", Some("b")),
        unit("b", Some("a")),
        unit("c", Some("d")),
        unit("d", Some("c")),
        unit("root", None),
    ]);
    assert_eq!(problems.len(), 2);
}

#[test]
fn a_chain_without_a_loop_is_fine() {
    let problems = cycle_problems(vec![
        unit("root", None),
        unit("a", Some("root")),
        unit("b", Some("a")),
    ]);
    assert!(problems.is_empty());
}

fn quantity_milestone(id: &str, month: u32, unit: &str, goal: Goal) -> Milestone {
    Milestone {
        id: id.into(),
        title: id.into(),
        due: NaiveDate::from_ymd_opt(2017, month, 28),
        granularity: Granularity::Month,
        target: Some(Target::Quantity(QuantityTarget {
            unit: unit.into(),
            goal,
            baseline: None,
        })),
        responsibility: None,
        withdrawn: None,
    }
}

fn decreasing(milestones: Vec<Milestone>) -> Vec<String> {
    let mut document = PlanDocument::new(2017, "series");
    document.key_tasks.push(crate::KeyTask {
        id: "k".into(),
        title: "k".into(),
        kind: crate::KeyTaskKind::KeyWork,
        level: crate::Level::District,
        plan_item: "p".into(),
        supervising_leader: None,
        multi_year: false,
        sub_projects: vec![SubProject {
            id: "s".into(),
            title: "s".into(),
            start: None,
            responsibility: Default::default(),
            milestones,
            withdrawn: None,
        }],
        withdrawn: None,
    });
    document
        .problems()
        .into_iter()
        .filter(|p| p.code == ProblemCode::DecreasingCumulativeTarget)
        .map(|p| p.path)
        .collect()
}

#[test]
fn cumulative_series_are_per_unit_and_direction() {
    // sites: 5 (Mar) → 3 (Jun) goes down; complaints at most 4 (Mar) → 2 (Jun) goes down;
    // a band is not a cumulative series.
    let paths = decreasing(vec![
        quantity_milestone("a", 3, "sites", Goal::AtLeast(5.0)),
        quantity_milestone("b", 6, "sites", Goal::AtLeast(3.0)),
        quantity_milestone("c", 3, "complaints", Goal::AtMost(4.0)),
        quantity_milestone("d", 6, "complaints", Goal::AtMost(2.0)),
        quantity_milestone("e", 6, "sites", Goal::AtMost(1.0)),
        quantity_milestone(
            "f",
            3,
            "%",
            Goal::Within {
                low: 50.0,
                high: 60.0,
            },
        ),
        quantity_milestone(
            "g",
            6,
            "%",
            Goal::Within {
                low: 10.0,
                high: 20.0,
            },
        ),
    ]);
    assert_eq!(
        paths,
        vec![
            "/key_tasks/0/sub_projects/0/milestones/1/target/quantity/goal",
            "/key_tasks/0/sub_projects/0/milestones/3/target/quantity/goal",
        ]
    );
}

#[test]
fn equal_targets_on_later_dates_are_fine() {
    let paths = decreasing(vec![
        quantity_milestone("a", 3, "sites", Goal::AtLeast(5.0)),
        quantity_milestone("b", 6, "sites", Goal::AtLeast(5.0)),
    ]);
    assert!(paths.is_empty());
}
