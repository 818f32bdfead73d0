//! Roll-ups of the parts of a plan merge into the roll-up of the whole, in any grouping
//! and order, and survive the trip through bytes: what a cluster of workers evaluating
//! one plan file per district relies on.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use mubiao::{Plan, PlanDocument, Rollup, StatusOptions};
use mubiao_examples::{data_path, XUHUI_2017_FILE};
use proptest::prelude::*;

fn xuhui() -> PlanDocument {
    PlanDocument::from_json_str(&std::fs::read_to_string(data_path(XUHUI_2017_FILE)).unwrap())
        .unwrap()
}

/// The part of `whole` holding the key tasks `keep` says yes to, with their records.
fn part(whole: &PlanDocument, keep: impl Fn(usize) -> bool) -> PlanDocument {
    let mut part = whole.clone();
    part.key_tasks = whole
        .key_tasks
        .iter()
        .enumerate()
        .filter(|(k, _)| keep(*k))
        .map(|(_, t)| t.clone())
        .collect();
    let tasks: BTreeSet<String> = part.key_tasks.iter().map(|t| t.id.to_string()).collect();
    let subs: BTreeSet<String> = part
        .key_tasks
        .iter()
        .flat_map(|t| &t.sub_projects)
        .map(|s| s.id.to_string())
        .collect();
    let milestones: BTreeSet<String> = part
        .key_tasks
        .iter()
        .flat_map(|t| &t.sub_projects)
        .flat_map(|s| &s.milestones)
        .map(|m| m.id.to_string())
        .collect();
    let items: BTreeSet<String> = part
        .key_tasks
        .iter()
        .map(|t| t.plan_item.to_string())
        .collect();
    part.plan_items.retain(|i| items.contains(i.id.as_str()));
    part.progress_reports
        .retain(|r| milestones.contains(r.milestone.as_str()));
    part.lag_reasons
        .retain(|r| milestones.contains(r.milestone.as_str()));
    part.partner_ratings
        .retain(|r| subs.contains(r.sub_project.as_str()));
    for contract in &mut part.contracts {
        contract.key_tasks.retain(|t| tasks.contains(t.as_str()));
    }
    part.contracts.retain(|c| !c.key_tasks.is_empty());
    part
}

fn rollup_of(document: PlanDocument, as_of: NaiveDate) -> Rollup {
    let plan: Plan = document.validate().unwrap();
    plan.status(as_of, &StatusOptions::default())
        .unwrap()
        .rollup()
}

#[test]
fn the_parts_of_the_xuhui_plan_merge_into_its_roll_up() {
    let whole = xuhui();
    let as_of = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    let expected = rollup_of(whole.clone(), as_of);
    // Four parts, as four districts' plan files would be, each sent back as bytes.
    let parts: Vec<Rollup> = (0..4)
        .map(|n| {
            let bytes = rollup_of(part(&whole, |k| k % 4 == n), as_of).to_bytes();
            Rollup::from_bytes(&bytes).unwrap()
        })
        .collect();
    assert!(parts.iter().all(|p| p.overall.milestones > 0));
    let merged = parts
        .iter()
        .try_fold(Rollup::empty(), |total, part| total.merge(part))
        .unwrap();
    assert_eq!(merged, expected);
    // Another grouping and order: ((3 + 1) + (0 + 2)).
    let left = parts[3].merge(&parts[1]).unwrap();
    let right = parts[0].merge(&parts[2]).unwrap();
    assert_eq!(left.merge(&right).unwrap(), expected);
    // Roll-ups of different dates do not merge.
    let other = rollup_of(part(&whole, |k| k == 0), as_of.pred_opt().unwrap());
    assert!(merged.merge(&other).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any split of the key tasks into parts, merged in any order, gives the whole
    /// plan's roll-up on any date; and every roll-up reads back from its bytes unchanged.
    #[test]
    fn any_split_merges_to_the_whole(
        assignment in proptest::collection::vec(0usize..3, 111),
        month in 1u32..=12,
        reversed in any::<bool>(),
    ) {
        let whole = xuhui();
        prop_assume!(assignment.len() >= whole.key_tasks.len());
        let as_of = NaiveDate::from_ymd_opt(2017, month, 28).unwrap();
        let expected = rollup_of(whole.clone(), as_of);
        let mut parts: Vec<Rollup> = (0..3)
            .map(|n| rollup_of(part(&whole, |k| assignment[k] == n), as_of))
            .collect();
        if reversed {
            parts.reverse();
        }
        for part in &parts {
            prop_assert_eq!(&Rollup::from_bytes(&part.to_bytes()).unwrap(), part);
        }
        let merged = parts
            .iter()
            .try_fold(Rollup::empty(), |total, part| total.merge(part))
            .unwrap();
        prop_assert_eq!(merged, expected);
    }
}
