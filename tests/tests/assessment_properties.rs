//! Properties of the year-end assessment on synthetic plans: every score within its range
//! and every explanation balanced; completing a lagging milestone never lowers its lead
//! unit's score; the order of units, key tasks or ratings never changes a score; a scheme
//! that fails validation is never used.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![allow(clippy::field_reassign_with_default)]

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::{
    ComponentScores, MilestoneStatus, PartnerRating, PlanDocument, Progress, ProgressReport,
    Scheme, ScoringScheme, StatusOptions, Target,
};
use proptest::prelude::*;

/// A synthetic plan with every partner rated, and components for every working unit.
fn rated(milestones: usize, seed: u64) -> (PlanDocument, ComponentScores) {
    let mut document = synthetic_plan(SyntheticOptions {
        milestones,
        seed,
        ..SyntheticOptions::default()
    })
    .unwrap();
    let mut n = seed;
    let mut next = move |bound: u64| {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (n >> 33) % bound
    };
    let mut ratings = Vec::new();
    for sub in document.key_tasks.iter().flat_map(|t| &t.sub_projects) {
        let lead = sub.responsibility.lead_unit.clone().unwrap();
        for partner in &sub.responsibility.partner_units {
            ratings.push(PartnerRating {
                sub_project: sub.id.clone(),
                partner: partner.clone(),
                score: 60.0 + next(41) as f64,
                rated_by: format!("h{}s", lead.as_str().trim_start_matches('u'))
                    .as_str()
                    .into(),
                rated_on: NaiveDate::from_ymd_opt(2017, 12, 20).unwrap(),
                comment: None,
            });
        }
    }
    document.partner_ratings = ratings;
    let mut components = ComponentScores::new();
    for unit in document.units.iter().filter(|u| u.kind.is_working_unit()) {
        let mut values = BTreeMap::new();
        values.insert("budget_execution".to_owned(), next(101) as f64);
        values.insert("public_satisfaction".to_owned(), next(101) as f64);
        components.insert(unit.id.clone(), values);
    }
    (document, components)
}

fn as_of(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 6, 30)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

fn scheme(bonus: u8, floor: u8) -> Scheme {
    let mut scheme = ScoringScheme::default();
    scheme.credit.early_bonus_per_period = f64::from(bonus % 10) / 100.0;
    scheme.credit.early_bonus_cap = f64::from(bonus % 7) / 50.0;
    scheme.credit.late_floor = f64::from(floor % 100) / 100.0;
    scheme.validate().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn scores_stay_in_range_and_explanations_balance(
        size in 12usize..600, seed in any::<u64>(), offset in 0u64..184, bonus in any::<u8>(), floor in any::<u8>()
    ) {
        let (document, components) = rated(size, seed);
        let plan = document.validate().unwrap();
        let assessment = plan.assess(as_of(offset), &scheme(bonus, floor), &components, &StatusOptions::default()).unwrap();
        for unit in &assessment.units {
            for score in [unit.performance, unit.target_completion].into_iter().chain(unit.lead_score).chain(unit.partner_score) {
                prop_assert!((0.0..=100.0).contains(&score), "{}: {}", unit.unit, score);
            }
            prop_assert!(unit.explanation.imbalance() < 1e-9);
            prop_assert!((unit.explanation.points - unit.performance).abs() < 1e-9);
        }
    }

    #[test]
    fn completing_a_lagging_milestone_never_lowers_its_lead_units_score(
        size in 12usize..600, seed in any::<u64>(), offset in 0u64..184, pick in any::<prop::sample::Index>(), floor in any::<u8>()
    ) {
        let (document, components) = rated(size, seed);
        let plan = document.clone().validate().unwrap();
        let date = as_of(offset);
        let scheme = scheme(0, floor);
        let lagging: Vec<_> = plan
            .status(date, &StatusOptions::default())
            .unwrap()
            .milestone_rows()
            .filter(|row| row.status == MilestoneStatus::Lagging)
            .collect();
        prop_assume!(!lagging.is_empty());
        let row = pick.get(&lagging);
        let before = plan.assess(date, &scheme, &components, &StatusOptions::default()).unwrap();
        let target = plan.milestone(row.milestone.as_str()).unwrap().milestone.target.clone().unwrap();
        let progress = match target {
            Target::Quantity(q) => match q.goal {
                mubiao::Goal::AtLeast(value) => Progress::Cumulative(value),
                _ => return Ok(()),
            },
            Target::Deliverable { .. } => Progress::Done,
        };
        let mut completed = document;
        completed.progress_reports.push(ProgressReport {
            milestone: row.milestone.clone(),
            date,
            progress,
            reported_by: None,
            note: None,
        });
        let completed = completed.validate().unwrap();
        let after = completed.assess(date, &scheme, &components, &StatusOptions::default()).unwrap();
        let score = |a: &mubiao::Assessment| a.units.iter().find(|u| u.unit == row.lead_unit).and_then(|u| u.lead_score);
        prop_assert!(score(&after).unwrap_or(0.0) >= score(&before).unwrap_or(0.0) - 1e-9,
            "{}: {:?} → {:?}", row.milestone, score(&before), score(&after));
    }

    #[test]
    fn order_never_changes_a_score(size in 12usize..400, seed in any::<u64>(), offset in 0u64..184, turn in any::<u64>()) {
        let (document, components) = rated(size, seed);
        let date = as_of(offset);
        let base = document.clone().validate().unwrap().assess(date, &Scheme::default(), &components, &StatusOptions::default()).unwrap();
        let mut shuffled = document;
        let rotate = |n: usize| if n == 0 { 0 } else { usize::try_from(turn % n as u64).unwrap_or(0) };
        let (units, tasks, ratings) = (shuffled.units.len(), shuffled.key_tasks.len(), shuffled.partner_ratings.len());
        shuffled.units.rotate_left(rotate(units));
        shuffled.key_tasks.rotate_left(rotate(tasks));
        shuffled.key_tasks.reverse();
        shuffled.partner_ratings.rotate_left(rotate(ratings));
        shuffled.partner_ratings.reverse();
        let other = shuffled.validate().unwrap().assess(date, &Scheme::default(), &components, &StatusOptions::default()).unwrap();
        prop_assert_eq!(base.units.len(), other.units.len());
        for unit in &base.units {
            let twin = other.units.iter().find(|u| u.unit == unit.unit).unwrap();
            prop_assert!((unit.performance - twin.performance).abs() < 1e-9);
            prop_assert_eq!(unit.rank, twin.rank);
            prop_assert_eq!(unit.grade, twin.grade);
        }
    }

    #[test]
    fn a_scheme_that_fails_validation_is_never_used(tc in 0u32..=100, a in 0u32..=100, b in 0u32..=100, nan in any::<bool>()) {
        let mut scheme = ScoringScheme::default();
        scheme.target_completion_weight = f64::from(tc) / 100.0;
        scheme.components[0].weight = f64::from(a) / 100.0;
        scheme.components[1].weight = if nan { f64::NAN } else { f64::from(b) / 100.0 };
        let sum = scheme.target_completion_weight + scheme.components[0].weight + scheme.components[1].weight;
        match scheme.validate() {
            // Only a checked scheme can reach `assess`, and a checked scheme's weights sum to 1.
            Ok(valid) => {
                let rules = valid.rules();
                let total = rules.target_completion_weight + rules.components.iter().map(|c| c.weight).sum::<f64>();
                prop_assert!((total - 1.0).abs() <= mubiao::WEIGHT_TOLERANCE);
            }
            Err(error) => prop_assert!(nan || (sum - 1.0).abs() > mubiao::WEIGHT_TOLERANCE, "{}", error),
        }
    }
}
