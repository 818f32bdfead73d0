//! The credit one milestone earns at the assessment date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::scheme::{ObjectiveLag, PartialRule, Scheme};
use crate::milestone::{Goal, Target};
use crate::period::Period;
use crate::plan::MilestoneRef;
use crate::progress::LagClass;
use crate::status::{MilestoneStatus, MilestoneStatusRow};

/// Why a milestone earned the credit it did, for explanations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum CreditBasis {
    /// Completed on time: full credit.
    OnTime,
    /// Completed early: full credit plus a capped bonus.
    Early {
        /// Periods (months or quarters) before the due period.
        periods: i64,
        /// The bonus added to the full credit.
        bonus: f64,
    },
    /// Completed late: credit reduced by the days late, down to the floor.
    Late {
        /// Days after the due date.
        days: i64,
    },
    /// Completed late with an objective reason recorded before completion: not penalised.
    LateExcused,
    /// Missed: partial credit for a quantity by the named rule, none for a deliverable;
    /// never more than a completion on the assessment date would earn.
    Missed {
        /// The partial-credit rule used.
        rule: String,
        /// The share of the target achieved, for a quantity.
        achieved: Option<f64>,
    },
}

/// The outcome of scoring one milestone.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scored {
    /// Counted with this credit (0 to 1, more with an early bonus).
    Credit(f64, CreditBasis),
    /// Left out of the denominator: not due yet, withdrawn, or an excused lag.
    Excluded,
}

/// The share of a quantity target achieved by `value`, from 0 to 1.
fn achieved(target: Option<&Target>, value: Option<f64>) -> Option<f64> {
    let Some(Target::Quantity(quantity)) = target else {
        return None;
    };
    let baseline = quantity.baseline.unwrap_or(0.0);
    let share = match quantity.goal {
        Goal::AtLeast(goal) => {
            let value = value.unwrap_or(baseline);
            if goal <= baseline {
                1.0
            } else {
                (value - baseline) / (goal - baseline)
            }
        }
        Goal::AtMost(limit) => match value {
            None => 0.0,
            Some(value) if baseline > limit => (baseline - value) / (baseline - limit),
            Some(value) if value <= limit => 1.0,
            Some(value) => limit / value,
        },
        Goal::Within { low, high } => match value {
            None => 0.0,
            Some(value) if value < low && low > 0.0 => value / low,
            Some(value) if value > high && value > 0.0 => high / value,
            Some(_) => 1.0,
        },
    };
    Some(if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    })
}

fn partial_credit(rule: &PartialRule, share: f64) -> f64 {
    match rule {
        PartialRule::None => 0.0,
        PartialRule::Proportional => share,
        PartialRule::Interpolated { red_flag } => {
            if share <= *red_flag {
                0.0
            } else {
                ((share - red_flag) / (1.0 - red_flag)).clamp(0.0, 1.0)
            }
        }
        PartialRule::Bands { bands } => bands
            .iter()
            .find(|band| share >= band.at_least)
            .map_or(0.0, |band| band.credit),
    }
}

fn late_credit(scheme: &Scheme, days: i64) -> f64 {
    let credit = &scheme.rules().credit;
    // Days stay far below 2^52, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let lost = credit.late_penalty_per_day * days.max(0) as f64;
    (1.0 - lost).max(credit.late_floor).clamp(0.0, 1.0)
}

/// The credit of one milestone on the assessment date `as_of`.
pub(crate) fn score(
    scheme: &Scheme,
    found: &MilestoneRef<'_>,
    row: &MilestoneStatusRow,
    as_of: NaiveDate,
    excused_before: impl Fn(NaiveDate) -> bool,
) -> Scored {
    let rules = &scheme.rules().credit;
    match row.status {
        MilestoneStatus::NotYetDue | MilestoneStatus::Withdrawn => Scored::Excluded,
        MilestoneStatus::CompletedOnTime => Scored::Credit(1.0, CreditBasis::OnTime),
        MilestoneStatus::CompletedEarly => {
            let periods = match row.completed_on {
                Some(done) => {
                    row.due_period.ordinal()
                        - Period::of(done, found.milestone.granularity).ordinal()
                }
                None => 0,
            };
            // Periods stay small, so the conversion is exact.
            #[allow(clippy::cast_precision_loss)]
            let bonus =
                (rules.early_bonus_per_period * periods.max(0) as f64).min(rules.early_bonus_cap);
            Scored::Credit(1.0 + bonus, CreditBasis::Early { periods, bonus })
        }
        MilestoneStatus::CompletedLate => {
            let done = row.completed_on.unwrap_or(as_of);
            if rules.objective_lag == ObjectiveLag::Excluded && excused_before(done) {
                return Scored::Credit(1.0, CreditBasis::LateExcused);
            }
            let days = (done - row.due).num_days();
            Scored::Credit(late_credit(scheme, days), CreditBasis::Late { days })
        }
        MilestoneStatus::Lagging => {
            let objective = row
                .lag_reason
                .as_ref()
                .is_some_and(|reason| reason.class == LagClass::Objective);
            if objective && rules.objective_lag == ObjectiveLag::Excluded {
                return Scored::Excluded;
            }
            let rule = scheme.partial_rule(row.level);
            let share = achieved(found.milestone.target.as_ref(), row.latest_value);
            let partial = share.map_or(0.0, |share| partial_credit(rule, share));
            let ceiling = late_credit(scheme, (as_of - row.due).num_days());
            Scored::Credit(
                partial.min(ceiling),
                CreditBasis::Missed {
                    rule: rule.name().to_owned(),
                    achieved: share,
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::scheme::Band;
    use crate::milestone::QuantityTarget;

    fn band(at_least: f64, credit: f64) -> Band {
        Band { at_least, credit }
    }

    fn quantity(goal: Goal, baseline: Option<f64>) -> Target {
        Target::Quantity(QuantityTarget {
            unit: "x".into(),
            goal,
            baseline,
        })
    }

    #[test]
    fn achieved_shares() {
        // (9 − 0) / (15 − 0) = 0.6
        assert_eq!(
            achieved(Some(&quantity(Goal::AtLeast(15.0), None)), Some(9.0)),
            Some(0.6)
        );
        // (66 − 60) / (69 − 60) = 0.666…
        let share = achieved(Some(&quantity(Goal::AtLeast(69.0), Some(60.0))), Some(66.0)).unwrap();
        assert!((share - 2.0 / 3.0).abs() < 1e-12);
        // At most 3 complaints, 4 reported, no baseline: 3 / 4 = 0.75.
        assert_eq!(
            achieved(Some(&quantity(Goal::AtMost(3.0), None)), Some(4.0)),
            Some(0.75)
        );
        // At most 10 from a baseline of 30, 20 reached: (30 − 20) / (30 − 10) = 0.5.
        assert_eq!(
            achieved(Some(&quantity(Goal::AtMost(10.0), Some(30.0))), Some(20.0)),
            Some(0.5)
        );
        assert_eq!(achieved(None, Some(1.0)), None);
    }

    #[test]
    fn partial_rules() {
        assert_eq!(partial_credit(&PartialRule::Proportional, 0.6), 0.6);
        // Red flag 0.5: (0.6 − 0.5) / (1 − 0.5) = 0.2; at or below 0.5: 0.
        let interpolated = PartialRule::Interpolated { red_flag: 0.5 };
        assert!((partial_credit(&interpolated, 0.6) - 0.2).abs() < 1e-12);
        assert_eq!(partial_credit(&interpolated, 0.5), 0.0);
        let bands = PartialRule::Bands {
            bands: vec![band(0.9, 0.8), band(0.6, 0.5), band(0.3, 0.2)],
        };
        assert_eq!(partial_credit(&bands, 0.95), 0.8);
        assert_eq!(partial_credit(&bands, 0.6), 0.5);
        assert_eq!(partial_credit(&bands, 0.29), 0.0);
        assert_eq!(partial_credit(&PartialRule::None, 0.9), 0.0);
    }
}
