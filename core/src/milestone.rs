//! Milestones (节点): the dated, concrete targets that a sub-project is cut into.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::Withdrawal;
use crate::ids::MilestoneId;
use crate::responsibility::Responsibility;

/// How finely a milestone's due date is meant: the district cuts projects into quarterly
/// nodes at least, refined to months (节点细化到月).
///
/// The granularity decides the milestone's due period, which tells "completed early"
/// (in an earlier period) from "completed on time".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// The milestone is due within a calendar month.
    #[default]
    Month,
    /// The milestone is due within a calendar quarter.
    Quarter,
}

/// What a quantity target asks for. Quantities are cumulative through the year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// Reach at least this value, e.g. 15 sites demolished.
    AtLeast(f64),
    /// Stay at or below this value, e.g. at most 3 complaints.
    AtMost(f64),
    /// Hold the value within a band, both ends included.
    Within {
        /// The lowest acceptable value.
        low: f64,
        /// The highest acceptable value.
        high: f64,
    },
}

impl Goal {
    /// The numbers the goal is made of, for checks that apply to every one of them.
    pub fn values(&self) -> impl Iterator<Item = f64> {
        let (a, b) = match *self {
            Goal::AtLeast(v) | Goal::AtMost(v) => (v, None),
            Goal::Within { low, high } => (low, Some(high)),
        };
        std::iter::once(a).chain(b)
    }

    /// Whether a reported cumulative value meets the goal.
    pub fn is_met_by(&self, value: f64) -> bool {
        match *self {
            Goal::AtLeast(target) => value >= target,
            Goal::AtMost(limit) => value <= limit,
            Goal::Within { low, high } => low <= value && value <= high,
        }
    }
}

/// A quantity to reach, in a stated unit, from an optional baseline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuantityTarget {
    /// The unit of measure, e.g. `sites`, `m²` or `patents per 10,000 residents`.
    pub unit: String,
    /// What the cumulative value must reach, stay under, or stay within.
    pub goal: Goal,
    /// Where the value stood at the start of the year; zero when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
}

/// The concrete target of a milestone: something delivered, or a quantity reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Target {
    /// A yes/no deliverable, e.g. "feasibility study approved".
    Deliverable {
        /// What must be delivered.
        description: String,
    },
    /// A quantity, cumulative through the year.
    Quantity(QuantityTarget),
}

/// A dated node of a sub-project with a concrete target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// The milestone's id, unique among milestones of the plan.
    pub id: MilestoneId,
    /// What the milestone is, in a line.
    pub title: String,
    /// The date by which the target must be met; required by validation.
    #[serde(
        default,
        with = "crate::dates::optional_date",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<NaiveDate>"))]
    pub due: Option<NaiveDate>,
    /// Whether the due date means its month or its quarter.
    #[serde(default)]
    pub granularity: Granularity,
    /// The concrete target; required by validation ("no vague goal").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// Who answers for this milestone, where it differs from its sub-project (boxed: few
    /// milestones have their own, and a plan may have millions of milestones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<Box<Responsibility>>,
    /// Set when the milestone was withdrawn by a recorded adjustment (boxed: rare).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Box<Withdrawal>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_are_met_by_direction() {
        assert!(Goal::AtLeast(15.0).is_met_by(15.0));
        assert!(!Goal::AtLeast(15.0).is_met_by(14.9));
        assert!(Goal::AtMost(3.0).is_met_by(0.0));
        assert!(!Goal::AtMost(3.0).is_met_by(3.5));
        let band = Goal::Within {
            low: 1.0,
            high: 2.0,
        };
        assert!(band.is_met_by(1.0) && band.is_met_by(2.0));
        assert!(!band.is_met_by(2.1));
        assert_eq!(band.values().collect::<Vec<_>>(), vec![1.0, 2.0]);
    }

    #[test]
    fn targets_read_from_json() {
        let t: Target = serde_json::from_str(
            r#"{"quantity": {"unit": "sites", "goal": {"at_least": 15}, "baseline": 0}}"#,
        )
        .unwrap();
        assert_eq!(
            t,
            Target::Quantity(QuantityTarget {
                unit: "sites".into(),
                goal: Goal::AtLeast(15.0),
                baseline: Some(0.0),
            })
        );
        let d: Target =
            serde_json::from_str(r#"{"deliverable": {"description": "approved"}}"#).unwrap();
        assert!(matches!(d, Target::Deliverable { .. }));
        let err =
            serde_json::from_str::<Target>(r#"{"deliverable": {"description": "x", "colour": 1}}"#)
                .unwrap_err();
        assert!(err.to_string().contains("unknown field `colour`"));
    }
}
