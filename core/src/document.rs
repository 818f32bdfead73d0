//! The plan document: the annual plan as one serde value, exactly as it is read from and
//! written to JSON.
//!
//! A [`PlanDocument`] is unchecked: ids may dangle and goals may be vague. Call
//! [`PlanDocument::validate`] to turn it into a [`Plan`](crate::Plan) the rest of the library
//! can trust.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ids::{KeyTaskId, PersonId, PlanItemId, SubProjectId, UnitId};
use crate::milestone::Milestone;
use crate::organisation::{Person, Unit};
use crate::progress::{LagReason, ProgressReport};
use crate::responsibility::{Contract, PartnerRating, Responsibility};

/// The version of the plan document format this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The five kinds of work goal the district sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KeyTaskKind {
    /// Key work of the government (重点工作).
    KeyWork,
    /// Special work (专项工作).
    SpecialWork,
    /// A major construction project (重大工程); may span several years.
    MajorProject,
    /// A practical project for citizens (实事项目).
    PracticalProject,
    /// The goals of a department or street/town (部门及街镇).
    UnitGoal,
}

impl KeyTaskKind {
    /// Every kind, in the order the district lists them.
    pub const ALL: [KeyTaskKind; 5] = [
        KeyTaskKind::KeyWork,
        KeyTaskKind::SpecialWork,
        KeyTaskKind::MajorProject,
        KeyTaskKind::PracticalProject,
        KeyTaskKind::UnitGoal,
    ];

    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyTaskKind::KeyWork => "key_work",
            KeyTaskKind::SpecialWork => "special_work",
            KeyTaskKind::MajorProject => "major_project",
            KeyTaskKind::PracticalProject => "practical_project",
            KeyTaskKind::UnitGoal => "unit_goal",
        }
    }
}

/// Which level of government assigned a key task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Assigned by the city (市级重点任务).
    City,
    /// The district's own (区级重点工作).
    District,
}

impl Level {
    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::District => "district",
        }
    }
}

/// An item of a unit's annual work plan, which key tasks implement. Every plan item must
/// be carried by at least one concrete sub-project (no "大、空、泛" items).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// The plan item's id, unique among plan items.
    pub id: PlanItemId,
    /// The item as the work plan words it.
    pub title: String,
    /// The unit whose work plan holds the item.
    pub submitted_by: UnitId,
}

/// A sub-project (子项目) of a key task: the unit of scheduling and of the completion rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubProject {
    /// The sub-project's id, unique among sub-projects of the plan.
    pub id: SubProjectId,
    /// What the sub-project does, in a line.
    pub title: String,
    /// When work starts; the first day of the plan's year when absent.
    #[serde(
        default,
        with = "crate::dates::optional_date",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<NaiveDate>"))]
    pub start: Option<NaiveDate>,
    /// Who leads and who helps.
    #[serde(default)]
    pub responsibility: Responsibility,
    /// The dated nodes, each with a concrete target.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Set when the sub-project was withdrawn by a recorded adjustment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
}

/// A key task (重点工作) of the annual plan, supervised by a district leader and cut into
/// sub-projects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyTask {
    /// The key task's id, unique among key tasks.
    pub id: KeyTaskId,
    /// The task as the plan words it.
    pub title: String,
    /// Which of the five kinds of work goal it is.
    pub kind: KeyTaskKind,
    /// Assigned by the city or the district's own.
    pub level: Level,
    /// The plan item the task implements.
    pub plan_item: PlanItemId,
    /// The district leader who supervises the task (督办); required by validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervising_leader: Option<PersonId>,
    /// Whether this major project spans several years, so its dates may fall outside the
    /// plan's year.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multi_year: bool,
    /// The sub-projects the task is cut into.
    #[serde(default)]
    pub sub_projects: Vec<SubProject>,
    /// Set when the task was withdrawn by a recorded adjustment; it no longer counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
}

/// A recorded withdrawal of a key task, sub-project or milestone: from then on it counts in
/// no status, roll-up or score, and the record of why stays in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// The day it was withdrawn.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
    pub on: NaiveDate,
    /// Why, in words.
    pub reason: String,
}

/// The whole annual plan of a district as one document: organisation, plan items, key
/// tasks with their sub-projects and milestones, contracts, progress reports and lag
/// reasons.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanDocument {
    /// The version of the document format; this library reads version 1.
    #[serde(deserialize_with = "crate::format::exact_format_version")]
    pub format_version: u32,
    /// The calendar year the plan covers, from 1 to 9999.
    #[serde(deserialize_with = "crate::dates::plan_year")]
    #[cfg_attr(feature = "json-schema", schemars(range(min = 1, max = 9999)))]
    pub year: i32,
    /// The name of the plan, e.g. `徐汇区2017年政府工作目标`.
    pub name: String,
    /// Every unit named anywhere in the plan.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Every person named anywhere in the plan.
    #[serde(default)]
    pub people: Vec<Person>,
    /// The items of the units' annual work plans.
    #[serde(default)]
    pub plan_items: Vec<PlanItem>,
    /// The key tasks, each with its sub-projects and milestones.
    #[serde(default)]
    pub key_tasks: Vec<KeyTask>,
    /// The signed responsibility contracts.
    #[serde(default)]
    pub contracts: Vec<Contract>,
    /// Dated progress reports on milestones.
    #[serde(default)]
    pub progress_reports: Vec<ProgressReport>,
    /// Recorded reasons for lagging milestones.
    #[serde(default)]
    pub lag_reasons: Vec<LagReason>,
    /// Lead units' ratings of their partner units.
    #[serde(default)]
    pub partner_ratings: Vec<PartnerRating>,
}

impl PlanDocument {
    /// An empty plan of the given year, to be filled in by code.
    pub fn new(year: i32, name: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            year,
            name: name.into(),
            units: Vec::new(),
            people: Vec::new(),
            plan_items: Vec::new(),
            key_tasks: Vec::new(),
            contracts: Vec::new(),
            progress_reports: Vec::new(),
            lag_reasons: Vec::new(),
            partner_ratings: Vec::new(),
        }
    }

    /// Whether a date falls in the plan's year.
    pub fn is_in_year(&self, date: NaiveDate) -> bool {
        date.year() == self.year
    }
}
