//! The trajectory of a sub-project: for each quantity series, the cumulative values
//! reported as a step line against every node's target and due date, the straight line
//! from the baseline to each open node that the risk rule measures against, and the
//! forecast at the pace so far; for its deliverables, each node done on time, early,
//! late or lagging.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ArgumentError;
use crate::ids::{MilestoneId, SubProjectId};
use crate::milestone::{Goal, Target};
use crate::schedule::{at, date, day};
use crate::status::{expected_share, forecast, Evaluation, MilestoneStatus};

/// A cumulative value reported on a date.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrajectoryPoint {
    /// The day of the report.
    pub date: NaiveDate,
    /// The cumulative value reported.
    pub value: f64,
}

/// One node of a trajectory: a milestone with its target, due date and standing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrajectoryNode {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title.
    pub title: String,
    /// Its due date.
    pub due: NaiveDate,
    /// What its cumulative value must reach, stay under or stay within; `None` for a
    /// deliverable.
    pub goal: Option<Goal>,
    /// Where it stands on the as-of date.
    pub status: MilestoneStatus,
    /// When it was done, if done by the as-of date.
    pub completed_on: Option<NaiveDate>,
    /// Where the straight line from the baseline at the sub-project's start to the target
    /// at the due date stands on the as-of date: the value the risk rule compares the
    /// latest report with (quantities to reach, not yet done).
    pub expected: Option<f64>,
    /// When the target will be reached at the pace so far (quantities to reach, not yet
    /// done, with progress).
    pub forecast: Option<NaiveDate>,
}

/// A series of nodes drawn together: the milestones of one quantity (same unit and kind
/// of goal, reported as one cumulative total), or the sub-project's deliverables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrajectorySeries {
    /// The unit of measure; `None` for the deliverables.
    pub unit: Option<String>,
    /// Where the value stood at the start of the year (zero when not given).
    pub baseline: f64,
    /// The nodes, by due date (withdrawn ones left out).
    pub nodes: Vec<TrajectoryNode>,
    /// The cumulative values reported up to the as-of date, by date (quantities only).
    pub reports: Vec<TrajectoryPoint>,
}

impl TrajectorySeries {
    pub(super) fn is_quantity(&self) -> bool {
        self.unit.is_some()
    }

    /// The node the forecast is drawn for: the first open node to reach that has one.
    pub(super) fn forecast_node(&self) -> Option<(&TrajectoryNode, NaiveDate, f64)> {
        self.nodes
            .iter()
            .find_map(|node| match (node.goal, node.forecast) {
                (Some(Goal::AtLeast(target)), Some(on)) => Some((node, on, target)),
                _ => None,
            })
    }
}

/// How one sub-project is going, node by node. Draw it with [`Trajectory::to_svg`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    /// The plan's name.
    pub plan_name: String,
    /// The sub-project.
    pub sub_project: SubProjectId,
    /// Its title.
    pub title: String,
    /// The name of its lead unit.
    pub lead_unit: String,
    /// The day its work starts: where every straight-line trajectory begins.
    pub start: NaiveDate,
    /// The date the statuses are for.
    pub as_of: NaiveDate,
    /// The plan's year.
    pub year: i32,
    /// Each quantity series in the order its first node appears, then the deliverables.
    pub series: Vec<TrajectorySeries>,
}

impl Evaluation<'_> {
    /// The trajectory of sub-project `sub_project` on this date.
    ///
    /// # Errors
    ///
    /// [`ArgumentError`] when the plan has no sub-project with that id.
    pub fn trajectory(&self, sub_project: &str) -> Result<Trajectory, ArgumentError> {
        let plan = self.plan();
        let unknown = || {
            ArgumentError::new(
                "sub_project",
                format!("`{sub_project}` is not a sub-project of this plan; give the id of one of its sub-projects"),
                format!("“{sub_project}”不是本计划的子项目;请填写计划中某个子项目的 id"),
            )
        };
        let s = plan.sub_project_index(sub_project).ok_or_else(unknown)?;
        let document = plan.document();
        let layout = plan.layout();
        let schedule = plan.schedule();
        let (_, sub) = layout.sub_project(document, s).ok_or_else(unknown)?;
        let start_day = at(&schedule.sub_start, s).copied().unwrap_or(0);
        let d = day(self.as_of());
        let lead = at(&schedule.sub_lead, s)
            .and_then(|&u| at(&document.units, u))
            .map(|u| u.name.clone())
            .unwrap_or_default();
        // Quantity series in the order their first node appears, found by series number.
        let mut quantities: Vec<TrajectorySeries> = Vec::new();
        let mut place_of: HashMap<u32, usize> = HashMap::new();
        let mut deliverables = TrajectorySeries {
            unit: None,
            baseline: 0.0,
            nodes: Vec::new(),
            reports: Vec::new(),
        };
        for i in layout.milestones_of_sub(s) {
            let (Some(state), Some((_, _, milestone))) =
                (self.state(i), layout.milestone(document, i))
            else {
                continue;
            };
            if state.status == MilestoneStatus::Withdrawn {
                continue;
            }
            let Some(due_day) = at(&schedule.due, i).copied() else {
                continue;
            };
            let Some(due) = date(due_day) else {
                continue;
            };
            let quantity = match &milestone.target {
                Some(Target::Quantity(quantity)) => Some(quantity),
                _ => None,
            };
            let completed_on = at(&schedule.completed, i)
                .copied()
                .filter(|&c| c <= d)
                .and_then(date);
            let baseline = quantity.and_then(|q| q.baseline).unwrap_or(0.0);
            let expected = match quantity.map(|q| q.goal) {
                Some(Goal::AtLeast(target)) if completed_on.is_none() => {
                    Some(baseline + expected_share(start_day, due_day, d) * (target - baseline))
                }
                _ => None,
            };
            let node = TrajectoryNode {
                milestone: milestone.id.clone(),
                title: milestone.title.clone(),
                due,
                goal: quantity.map(|q| q.goal),
                status: state.status,
                completed_on,
                expected,
                forecast: forecast(plan, i, start_day, d),
            };
            let Some(quantity) = quantity else {
                deliverables.nodes.push(node);
                continue;
            };
            let series = schedule.series_of(i);
            if let Some(found) = place_of.get(&series).and_then(|&p| quantities.get_mut(p)) {
                found.nodes.push(node);
                continue;
            }
            let reports = schedule
                .values_of(document, series)
                .filter(|report| report.date <= self.as_of())
                .filter_map(|report| match report.progress {
                    crate::Progress::Cumulative(value) => Some(TrajectoryPoint {
                        date: report.date,
                        value,
                    }),
                    _ => None,
                })
                .collect();
            place_of.insert(series, quantities.len());
            quantities.push(TrajectorySeries {
                unit: Some(quantity.unit.clone()),
                baseline,
                nodes: vec![node],
                reports,
            });
        }
        let mut series = quantities;
        if !deliverables.nodes.is_empty() {
            series.push(deliverables);
        }
        for line in &mut series {
            line.nodes
                .sort_by(|a, b| (a.due, &a.milestone).cmp(&(b.due, &b.milestone)));
        }
        Ok(Trajectory {
            plan_name: document.name.clone(),
            sub_project: sub.id.clone(),
            title: sub.title.clone(),
            lead_unit: lead,
            start: date(start_day).unwrap_or(self.as_of()),
            as_of: self.as_of(),
            year: plan.year(),
            series,
        })
    }
}
