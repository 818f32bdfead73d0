//! The supervision report (督办报告): what the district's leaders read at a review meeting
//! — the headline completion figures by kind of work, every lagging item with its reason
//! and who answers for it, the early finishers, stale reporting, and one table per
//! supervising leader with traffic lights.
//!
//! The report is plain data (serde) and renders as text in Chinese or English.

mod text;
pub(crate) mod width;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub(crate) use text::percent;
pub use text::Language;

use crate::document::{KeyTaskKind, Level};
use crate::ids::{KeyTaskId, MilestoneId, PersonId, SubProjectId, UnitId};
use crate::period::Period;
use crate::plan::Plan;
use crate::rollup::{LaggingItem, Summary};
use crate::status::{Evaluation, Light, MilestoneStatus};

/// The headline figures for one kind of work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindHeadline {
    /// The kind of work.
    pub kind: KeyTaskKind,
    /// Key tasks of this kind.
    pub key_tasks: u64,
    /// Their counts.
    pub summary: Summary,
}

/// A lagging item with the names a reader needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaggingEntry {
    /// The item.
    pub item: LaggingItem,
    /// The key task's title.
    pub key_task_title: String,
    /// The lead unit's name.
    pub lead_unit_name: String,
    /// The responsible person's name.
    pub responsible_person_name: Option<String>,
    /// The supervising leader's name.
    pub supervising_leader_name: String,
}

/// A milestone completed in a period before its due period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyFinisher {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title.
    pub title: String,
    /// Its sub-project.
    pub sub_project: SubProjectId,
    /// The sub-project's title.
    pub sub_project_title: String,
    /// The lead unit.
    pub lead_unit: UnitId,
    /// The lead unit's name.
    pub lead_unit_name: String,
    /// The due date.
    pub due: NaiveDate,
    /// The period it was due in.
    pub due_period: Period,
    /// When it was done.
    pub completed_on: NaiveDate,
    /// The period it was done in.
    pub completed_period: Period,
}

/// A sub-project whose reporting is stale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleEntry {
    /// The sub-project.
    pub sub_project: SubProjectId,
    /// Its title.
    pub title: String,
    /// The lead unit.
    pub lead_unit: UnitId,
    /// The lead unit's name.
    pub lead_unit_name: String,
    /// Its latest report by the as-of date, if any.
    pub latest_report: Option<NaiveDate>,
}

/// One key task in a leader's table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderRow {
    /// The key task.
    pub key_task: KeyTaskId,
    /// Its title.
    pub title: String,
    /// Its kind of work.
    pub kind: KeyTaskKind,
    /// Its level.
    pub level: Level,
    /// Its counts.
    pub summary: Summary,
    /// Red if a sub-project lags, yellow if one is at risk, else green.
    pub light: Light,
}

/// What one supervising leader sees: their key tasks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderTable {
    /// The leader.
    pub leader: PersonId,
    /// The leader's name.
    pub name: String,
    /// Everything the leader supervises.
    pub totals: Summary,
    /// One row per key task, in plan order.
    pub rows: Vec<LeaderRow>,
}

/// The supervision report of a plan on one date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupervisionReport {
    /// The plan's name.
    pub plan_name: String,
    /// The date the report is for.
    pub as_of: NaiveDate,
    /// The whole plan.
    pub overall: Summary,
    /// One line per kind of work present in the plan, in the district's order.
    pub headline: Vec<KindHeadline>,
    /// Every lagging milestone, by due date then id.
    pub lagging: Vec<LaggingEntry>,
    /// Milestones completed in a period before their due period.
    pub early_finishers: Vec<EarlyFinisher>,
    /// Sub-projects whose reporting is stale.
    pub stale: Vec<StaleEntry>,
    /// One table per supervising leader, in the order the people are listed.
    pub leaders: Vec<LeaderTable>,
    /// Milestones adjusted since the plan was adopted: moved deadlines (every later date an
    /// approved exception), changed targets, additions and withdrawals. Filled when the
    /// report is made from a [`Ledger`](crate::Ledger); empty from a plan alone.
    #[serde(default)]
    pub adjustments: Vec<crate::ledger::MilestoneAdjustment>,
}

fn unit_name(plan: &Plan, id: &UnitId) -> String {
    plan.unit(id.as_str())
        .map_or_else(|| id.to_string(), |unit| unit.name.clone())
}

fn person_name(plan: &Plan, id: &PersonId) -> String {
    plan.person(id.as_str())
        .map_or_else(|| id.to_string(), |person| person.name.clone())
}

fn light_of(summary: &Summary) -> Light {
    if summary.sub_projects_red > 0 {
        Light::Red
    } else if summary.sub_projects_yellow > 0 {
        Light::Yellow
    } else {
        Light::Green
    }
}

impl Evaluation<'_> {
    /// The supervision report for this date.
    pub fn report(&self) -> SupervisionReport {
        let plan = self.plan();
        let rollup = self.rollup();
        let document = plan.document();
        let headline = KeyTaskKind::ALL
            .iter()
            .filter_map(|&kind| {
                let summary = *rollup.by_kind.get(&kind)?;
                let key_tasks = document
                    .key_tasks
                    .iter()
                    .filter(|task| task.kind == kind)
                    .count();
                Some(KindHeadline {
                    kind,
                    key_tasks: u64::try_from(key_tasks).unwrap_or(u64::MAX),
                    summary,
                })
            })
            .collect();
        let lagging = rollup
            .lagging
            .iter()
            .map(|item| LaggingEntry {
                key_task_title: plan
                    .key_task(item.key_task.as_str())
                    .map(|task| task.title.clone())
                    .unwrap_or_default(),
                lead_unit_name: unit_name(plan, &item.lead_unit),
                responsible_person_name: item
                    .responsible_person
                    .as_ref()
                    .map(|person| person_name(plan, person)),
                supervising_leader_name: person_name(plan, &item.supervising_leader),
                item: item.clone(),
            })
            .collect();
        let early_finishers = self
            .milestone_rows()
            .filter(|row| row.status == MilestoneStatus::CompletedEarly)
            .filter_map(|row| {
                let completed_on = row.completed_on?;
                let (_, sub) = plan.sub_project(row.sub_project.as_str())?;
                let granularity = plan
                    .milestone(row.milestone.as_str())?
                    .milestone
                    .granularity;
                Some(EarlyFinisher {
                    lead_unit_name: unit_name(plan, &row.lead_unit),
                    sub_project_title: sub.title.clone(),
                    completed_period: Period::of(completed_on, granularity),
                    completed_on,
                    due_period: row.due_period,
                    due: row.due,
                    lead_unit: row.lead_unit,
                    sub_project: row.sub_project,
                    title: row.title,
                    milestone: row.milestone,
                })
            })
            .collect();
        let stale = self
            .sub_project_rows()
            .filter(|row| row.stale)
            .map(|row| StaleEntry {
                lead_unit_name: unit_name(plan, &row.lead_unit),
                lead_unit: row.lead_unit,
                latest_report: row.latest_report,
                title: row.title,
                sub_project: row.sub_project,
            })
            .collect();
        // Each leader's key tasks, in plan order, found in one pass over the key tasks.
        let mut tasks_of: std::collections::HashMap<&PersonId, Vec<&crate::document::KeyTask>> =
            std::collections::HashMap::new();
        for task in &document.key_tasks {
            if let Some(leader) = &task.supervising_leader {
                tasks_of.entry(leader).or_default().push(task);
            }
        }
        let leaders = document
            .people
            .iter()
            .filter_map(|person| {
                let totals = *rollup.by_supervising_leader.get(&person.id)?;
                let rows = tasks_of
                    .get(&person.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|task| {
                        let summary = *rollup.by_key_task.get(&task.id)?;
                        Some(LeaderRow {
                            key_task: task.id.clone(),
                            title: task.title.clone(),
                            kind: task.kind,
                            level: task.level,
                            light: light_of(&summary),
                            summary,
                        })
                    })
                    .collect();
                Some(LeaderTable {
                    leader: person.id.clone(),
                    name: person.name.clone(),
                    totals,
                    rows,
                })
            })
            .collect();
        SupervisionReport {
            plan_name: document.name.clone(),
            as_of: self.as_of(),
            overall: rollup.overall,
            headline,
            lagging,
            early_finishers,
            stale,
            leaders,
            adjustments: Vec::new(),
        }
    }
}
