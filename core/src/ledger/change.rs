//! The changes a ledger records: every step of the loop after a plan is adopted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::{KeyTask, PlanDocument, PlanItem, SubProject};
use crate::ids::{KeyTaskId, MilestoneId, SubProjectId, UnitId};
use crate::milestone::{Milestone, Target};
use crate::progress::{LagCause, LagClass, Progress};
use crate::responsibility::Contract;

/// A key task, sub-project or milestone, named by its id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemId {
    /// A key task.
    KeyTask(KeyTaskId),
    /// A sub-project.
    SubProject(SubProjectId),
    /// A milestone.
    Milestone(MilestoneId),
}

impl ItemId {
    /// The id as written.
    pub fn as_str(&self) -> &str {
        match self {
            ItemId::KeyTask(id) => id.as_str(),
            ItemId::SubProject(id) => id.as_str(),
            ItemId::Milestone(id) => id.as_str(),
        }
    }
}

/// One change to an adopted plan. Each is checked against the rules of who may do what
/// before it is applied; see [`Ledger::record`](crate::Ledger::record).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// The plan as adopted; always the first entry, by the district head.
    AdoptPlan {
        /// The plan.
        plan: Box<PlanDocument>,
    },
    /// Progress on a milestone, reported by a person of its lead unit.
    ReportProgress {
        /// The milestone.
        milestone: MilestoneId,
        /// The day the progress was reached; not after the entry's own date.
        #[serde(with = "crate::dates::date")]
        #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
        date: NaiveDate,
        /// What was reached.
        progress: Progress,
        /// A remark.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Why a milestone lags, recorded (or revised) by a person of its lead unit.
    RecordLagReason {
        /// The milestone.
        milestone: MilestoneId,
        /// Objective or subjective.
        class: LagClass,
        /// The cause, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<LagCause>,
        /// The reason in words.
        text: String,
    },
    /// A key task added mid-year (动态调整), by the district head or a deputy.
    AddKeyTask {
        /// The task, with its sub-projects and milestones.
        key_task: Box<KeyTask>,
        /// The plan item it implements, when that is new too.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        plan_item: Option<PlanItem>,
    },
    /// A sub-project added to a key task, by its supervising leader.
    AddSubProject {
        /// The key task.
        key_task: KeyTaskId,
        /// The sub-project, with its milestones.
        sub_project: Box<SubProject>,
    },
    /// A milestone added to a sub-project, by the supervising leader or the lead unit's head.
    AddMilestone {
        /// The sub-project.
        sub_project: SubProjectId,
        /// The milestone.
        milestone: Box<Milestone>,
    },
    /// A due date moved earlier, by the lead unit's head or the supervising leader.
    MoveMilestoneEarlier {
        /// The milestone.
        milestone: MilestoneId,
        /// The new due date, before the current one.
        #[serde(with = "crate::dates::date")]
        #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
        due: NaiveDate,
    },
    /// A request by the lead unit to move a due date later, with an objective reason.
    RequestLaterDate {
        /// The milestone.
        milestone: MilestoneId,
        /// The due date asked for, after the current one.
        #[serde(with = "crate::dates::date")]
        #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
        due: NaiveDate,
        /// Objective (policy change, higher-level approval, force majeure) or subjective.
        class: LagClass,
        /// The cause, where known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<LagCause>,
        /// The reason in words.
        text: String,
    },
    /// The supervising leader approves a pending request; the due date moves.
    ApproveLaterDate {
        /// The sequence number of the request.
        request: u64,
    },
    /// The supervising leader refuses a pending request.
    RefuseLaterDate {
        /// The sequence number of the request.
        request: u64,
    },
    /// A milestone's target changed, by the supervising leader.
    AdjustTarget {
        /// The milestone.
        milestone: MilestoneId,
        /// The new target.
        target: Target,
    },
    /// A key task, sub-project or milestone withdrawn, by the supervising leader.
    Withdraw {
        /// What is withdrawn.
        item: ItemId,
    },
    /// A partner unit added to a sub-project, by the supervising leader or the lead unit's head.
    AssignPartner {
        /// The sub-project.
        sub_project: SubProjectId,
        /// The unit.
        unit: UnitId,
    },
    /// A partner unit taken off a sub-project, by the supervising leader or the lead unit's head.
    RemovePartner {
        /// The sub-project.
        sub_project: SubProjectId,
        /// The unit.
        unit: UnitId,
    },
    /// A responsibility contract signed, recorded by one of its two signers.
    SignContract {
        /// The contract.
        contract: Box<Contract>,
    },
    /// A lead unit's rating of a partner on a shared sub-project, once per partner.
    RatePartner {
        /// The sub-project.
        sub_project: SubProjectId,
        /// The partner unit.
        partner: UnitId,
        /// The score, from 0 to 100.
        score: f64,
        /// A remark.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
    },
}

impl Change {
    /// The name of the change, as written in the ledger.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::AdoptPlan { .. } => "adopt_plan",
            Change::ReportProgress { .. } => "report_progress",
            Change::RecordLagReason { .. } => "record_lag_reason",
            Change::AddKeyTask { .. } => "add_key_task",
            Change::AddSubProject { .. } => "add_sub_project",
            Change::AddMilestone { .. } => "add_milestone",
            Change::MoveMilestoneEarlier { .. } => "move_milestone_earlier",
            Change::RequestLaterDate { .. } => "request_later_date",
            Change::ApproveLaterDate { .. } => "approve_later_date",
            Change::RefuseLaterDate { .. } => "refuse_later_date",
            Change::AdjustTarget { .. } => "adjust_target",
            Change::Withdraw { .. } => "withdraw",
            Change::AssignPartner { .. } => "assign_partner",
            Change::RemovePartner { .. } => "remove_partner",
            Change::SignContract { .. } => "sign_contract",
            Change::RatePartner { .. } => "rate_partner",
        }
    }

    /// Whether the rules need a reason with this change: every adjustment of the plan
    /// itself, and every refusal, says why.
    pub fn needs_reason(&self) -> bool {
        matches!(
            self,
            Change::AddKeyTask { .. }
                | Change::AddSubProject { .. }
                | Change::AddMilestone { .. }
                | Change::AdjustTarget { .. }
                | Change::Withdraw { .. }
                | Change::RemovePartner { .. }
                | Change::RefuseLaterDate { .. }
        )
    }
}
