//! What happens to milestones during the year: dated progress reports, and the reasons
//! recorded when a milestone lags (滞后).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{MilestoneId, PersonId};

/// What a progress report says about its milestone.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Progress {
    /// The cumulative value reached so far on a quantity milestone.
    Cumulative(f64),
    /// A deliverable milestone is done.
    Done,
    /// Work is under way, nothing to measure yet; keeps the reporting fresh.
    Underway,
}

/// A dated report of progress on one milestone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgressReport {
    /// The milestone reported on.
    pub milestone: MilestoneId,
    /// The day the progress was reached and reported.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
    pub date: NaiveDate,
    /// What was reached.
    pub progress: Progress,
    /// Who reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<PersonId>,
    /// A free-text remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a lag has an objective cause (客观) that excuses it, or a subjective one (主观)
/// that leads to accountability.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LagClass {
    /// Outside the unit's control: a policy change, a higher-level approval, force majeure.
    Objective,
    /// Within the unit's control.
    Subjective,
}

/// The cause of a lag, where the host system records one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LagCause {
    /// A policy changed (objective).
    PolicyChange,
    /// An approval from a higher level is pending (objective).
    HigherLevelApproval,
    /// Force majeure (objective).
    ForceMajeure,
    /// Anything else; either class.
    Other,
}

impl LagClass {
    /// The name used in documents and messages: `objective` or `subjective`.
    pub fn as_str(self) -> &'static str {
        match self {
            LagClass::Objective => "objective",
            LagClass::Subjective => "subjective",
        }
    }
}

impl LagCause {
    /// Whether the cause is objective by its nature; only [`LagCause::Other`] may be either.
    pub fn is_objective(self) -> bool {
        !matches!(self, LagCause::Other)
    }

    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            LagCause::PolicyChange => "policy_change",
            LagCause::HigherLevelApproval => "higher_level_approval",
            LagCause::ForceMajeure => "force_majeure",
            LagCause::Other => "other",
        }
    }
}

/// Why a milestone lags, as recorded by its unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LagReason {
    /// The lagging milestone.
    pub milestone: MilestoneId,
    /// Objective or subjective.
    pub class: LagClass,
    /// The cause, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<LagCause>,
    /// The explanation in words.
    pub text: String,
    /// The day the reason was recorded.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
    pub recorded_on: NaiveDate,
    /// Set while the reason is that of a request for a later date still awaiting the
    /// supervising leader's decision: the sequence number of the request's ledger entry.
    /// The ledger records the request's reason as the milestone's lag reason, so the unit
    /// need not record it twice, and clears this when the request is decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_request: Option<u64>,
}
