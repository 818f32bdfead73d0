//! Properties of status evaluation on synthetic plans of random shape and date: counts
//! always add up, moving the date forward never un-completes a milestone, and a plan split
//! into parts and evaluated part by part merges to exactly the whole.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::{KeyTaskKind, Plan, PlanDocument, Rollup, StatusOptions, Summary};
use proptest::prelude::*;

fn plan(milestones: usize, seed: u64) -> Plan {
    synthetic_plan(SyntheticOptions {
        milestones,
        seed,
        ..SyntheticOptions::default()
    })
    .unwrap()
    .validate()
    .unwrap()
}

fn date(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

fn check_counts(summary: &Summary) {
    let by_status = summary.not_yet_due
        + summary.completed_early
        + summary.completed_on_time
        + summary.completed_late
        + summary.lagging;
    assert_eq!(by_status, summary.milestones);
    assert_eq!(
        summary.green + summary.yellow + summary.red,
        summary.milestones
    );
    assert_eq!(summary.red, summary.lagging);
    assert_eq!(
        summary.lagging_objective + summary.lagging_subjective + summary.lagging_without_reason,
        summary.lagging
    );
    assert!(summary.at_risk <= summary.not_yet_due);
    assert_eq!(
        summary.sub_projects_green + summary.sub_projects_yellow + summary.sub_projects_red,
        summary.sub_projects
    );
    assert!(summary.sub_projects_on_schedule <= summary.sub_projects_with_due_milestone);
    assert!(summary.sub_projects_with_due_milestone <= summary.sub_projects);
    assert_eq!(
        summary.sub_projects_with_due_milestone - summary.sub_projects_on_schedule,
        summary.sub_projects_lagging
    );
}

/// The part of a document holding the key tasks whose position `keep` accepts, with the
/// reports, reasons and plan items that belong to them.
fn part(document: &PlanDocument, keep: impl Fn(usize) -> bool) -> PlanDocument {
    let mut part = document.clone();
    part.key_tasks = document
        .key_tasks
        .iter()
        .enumerate()
        .filter(|(k, _)| keep(*k))
        .map(|(_, task)| task.clone())
        .collect();
    let milestones: HashSet<&str> = part
        .key_tasks
        .iter()
        .flat_map(|t| &t.sub_projects)
        .flat_map(|s| &s.milestones)
        .map(|m| m.id.as_str())
        .collect();
    let items: HashSet<&str> = part
        .key_tasks
        .iter()
        .map(|t| t.plan_item.as_str())
        .collect();
    part.progress_reports
        .retain(|r| milestones.contains(r.milestone.as_str()));
    part.lag_reasons
        .retain(|r| milestones.contains(r.milestone.as_str()));
    part.plan_items.retain(|i| items.contains(i.id.as_str()));
    part
}

fn rollup_of(document: PlanDocument, as_of: NaiveDate) -> Rollup {
    let plan = document.validate().unwrap();
    let rollup = plan
        .status(as_of, &StatusOptions::default())
        .unwrap()
        .rollup();
    rollup
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn counts_always_add_up(size in 0usize..1500, seed in any::<u64>(), offset in 0u64..730) {
        let plan = plan(size, seed);
        let as_of = date(offset);
        let status = plan.status(as_of, &StatusOptions::default()).unwrap();
        let summary = status.summary();
        check_counts(&summary);
        prop_assert_eq!(summary.milestones, size as u64);
        let rollup = status.rollup();
        prop_assert_eq!(rollup.overall, summary);
        let by_kind = rollup.by_kind.values().fold(Summary::empty(), |a, b| a.merge(b));
        prop_assert_eq!(by_kind, summary);
        let by_leader = rollup.by_supervising_leader.values().fold(Summary::empty(), |a, b| a.merge(b));
        prop_assert_eq!(by_leader, summary);
        let by_level = rollup.by_level.values().fold(Summary::empty(), |a, b| a.merge(b));
        prop_assert_eq!(by_level, summary);
        let lead_milestones: u64 = rollup.by_lead_unit.values().map(|s| s.milestones).sum();
        prop_assert_eq!(lead_milestones, summary.milestones);
        prop_assert_eq!(rollup.lagging.len() as u64, summary.lagging);
        for group in rollup.by_key_task.values().chain(rollup.by_partner_unit.values()) {
            check_counts(group);
        }
    }

    #[test]
    fn moving_the_date_forward_never_uncompletes_a_milestone(
        size in 1usize..800,
        seed in any::<u64>(),
        first in 0u64..400,
        later in 0u64..300,
    ) {
        let plan = plan(size, seed);
        let options = StatusOptions::default();
        let before = plan.status(date(first), &options).unwrap();
        let after = plan.status(date(first + later), &options).unwrap();
        for (a, b) in before.milestone_rows().zip(after.milestone_rows()) {
            if a.status.is_completed() {
                prop_assert_eq!(b.status, a.status, "{}", a.milestone);
                prop_assert_eq!(b.completed_on, a.completed_on);
            }
        }
    }

    #[test]
    fn split_and_merge_equals_the_whole(
        size in 0usize..1200,
        seed in any::<u64>(),
        offset in 0u64..500,
        cut in any::<u64>(),
    ) {
        let document = synthetic_plan(SyntheticOptions { milestones: size, seed, ..SyntheticOptions::default() }).unwrap();
        let as_of = date(offset);
        let whole = rollup_of(document.clone(), as_of);
        // Two parts by a pseudo-random partition of the key tasks.
        let side = |k: usize| (k as u64).wrapping_mul(cut | 1).rotate_left(17) % 3;
        let a = rollup_of(part(&document, |k| side(k) == 0), as_of);
        let b = rollup_of(part(&document, |k| side(k) == 1), as_of);
        let c = rollup_of(part(&document, |k| side(k) == 2), as_of);
        // (a + b) + c == a + (b + c) == whole; the empty roll-up is the identity.
        let left = a.merge(&b).unwrap().merge(&c).unwrap();
        let right = a.merge(&b.merge(&c).unwrap()).unwrap();
        prop_assert_eq!(&left, &right);
        // Groups with nothing in them are absent from a part but the whole may list them
        // with empty counts of sub-projects; compare the groups that have content.
        prop_assert_eq!(&left.overall, &whole.overall);
        prop_assert_eq!(&left.by_supervising_leader, &whole.by_supervising_leader);
        prop_assert_eq!(&left.by_lead_unit, &whole.by_lead_unit);
        prop_assert_eq!(&left.by_partner_unit, &whole.by_partner_unit);
        prop_assert_eq!(&left.by_kind, &whole.by_kind);
        prop_assert_eq!(&left.by_level, &whole.by_level);
        prop_assert_eq!(&left.by_key_task, &whole.by_key_task);
        prop_assert_eq!(&left.lagging, &whole.lagging);
        prop_assert_eq!(&left, &whole);
        prop_assert_eq!(&Rollup::empty().merge(&whole).unwrap(), &whole);
        prop_assert_eq!(&whole.merge(&Rollup::empty()).unwrap(), &whole);
    }
}

#[test]
fn roll_ups_of_different_dates_do_not_merge() {
    let document = synthetic_plan(SyntheticOptions::with_milestones(100)).unwrap();
    let a = rollup_of(document.clone(), date(10));
    let b = rollup_of(document, date(20));
    let error = a.merge(&b).unwrap_err();
    assert_eq!((error.left, error.right), (date(10), date(20)));
}

#[test]
fn every_kind_appears_in_a_synthetic_plan() {
    let plan = plan(1000, 1);
    let rollup = plan
        .status(date(180), &StatusOptions::default())
        .unwrap()
        .rollup();
    for kind in KeyTaskKind::ALL {
        assert!(rollup.by_kind.contains_key(&kind), "{kind:?}");
    }
}
