//! The plan over time: a trend of the completion rate and status counts at the end of
//! each month or quarter, and what changed between two dates — the question "what changed
//! since the last review meeting?".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::MilestoneId;
use crate::milestone::Granularity;
use crate::period::Period;
use crate::plan::Plan;
use crate::progress::ProgressReport;
use crate::rollup::Summary;
use crate::status::{Evaluation, MilestoneStatus, StatusError, StatusOptions};

/// The counts at the end of one period (or on the as-of date, for the last point).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The month or quarter.
    pub period: Period,
    /// The date the counts are for: the period's last day, or the as-of date.
    pub date: NaiveDate,
    /// The counts on that date.
    pub summary: Summary,
}

impl Plan {
    /// The counts at the end of every month (or quarter) from the start of the plan's
    /// year up to `as_of`; the last point is `as_of` itself when it ends no period.
    ///
    /// # Errors
    ///
    /// As [`Plan::status`], for `as_of`.
    pub fn trend(
        &self,
        as_of: NaiveDate,
        step: Granularity,
        options: &StatusOptions,
    ) -> Result<Vec<TrendPoint>, StatusError> {
        self.status(as_of, options)?;
        let (earliest, _) = self.status_range();
        let mut points = Vec::new();
        let mut period = Period::of(earliest, step);
        while let Some(last_day) = period.last_day() {
            let date = last_day.min(as_of);
            let summary = self.status(date, options)?.summary();
            points.push(TrendPoint {
                period,
                date,
                summary,
            });
            if last_day >= as_of {
                break;
            }
            period = period.next();
        }
        Ok(points)
    }
}

/// A milestone whose status changed between two dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title (in the later plan).
    pub title: String,
    /// Its status at the earlier date; `None` when it was added since.
    pub before: Option<MilestoneStatus>,
    /// Its status at the later date; `None` when it was withdrawn since.
    pub after: Option<MilestoneStatus>,
}

/// A milestone whose due date moved between two versions of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineChange {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title (in the later plan).
    pub title: String,
    /// The due date at the earlier date.
    pub before: NaiveDate,
    /// The due date at the later date.
    pub after: NaiveDate,
}

/// What changed between two evaluations: statuses, new reports, moved deadlines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusDiff {
    /// The earlier date.
    pub from: NaiveDate,
    /// The later date.
    pub to: NaiveDate,
    /// Milestones whose status differs, in the later plan's order (withdrawn ones last).
    pub status_changes: Vec<StatusChange>,
    /// Progress reports dated after the earlier date, up to the later one.
    pub new_reports: Vec<ProgressReport>,
    /// Milestones whose due date differs between the two plans.
    pub deadline_changes: Vec<DeadlineChange>,
    /// The counts at the earlier date.
    pub summary_before: Summary,
    /// The counts at the later date.
    pub summary_after: Summary,
}

impl StatusDiff {
    /// Compares two evaluations: of the same plan on two dates, or of two versions of a
    /// plan (as adopted and as adjusted) on their dates.
    pub fn between(before: &Evaluation<'_>, after: &Evaluation<'_>) -> Self {
        let earlier: BTreeMap<&str, (MilestoneStatus, NaiveDate)> = before
            .plan()
            .milestones()
            .filter_map(|found| {
                let u = u32::try_from(found.index).ok()?;
                let state = before.state(u)?;
                Some((
                    found.milestone.id.as_str(),
                    (state.status, found.milestone.due?),
                ))
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        let mut status_changes = Vec::new();
        let mut deadline_changes = Vec::new();
        for found in after.plan().milestones() {
            let Some(state) = u32::try_from(found.index).ok().and_then(|i| after.state(i)) else {
                continue;
            };
            let id = found.milestone.id.as_str();
            seen.insert(id);
            let previous = earlier.get(id);
            if previous.map(|(status, _)| *status) != Some(state.status) {
                status_changes.push(StatusChange {
                    milestone: found.milestone.id.clone(),
                    title: found.milestone.title.clone(),
                    before: previous.map(|(status, _)| *status),
                    after: Some(state.status),
                });
            }
            if let (Some((_, was)), Some(now)) = (previous, found.milestone.due) {
                if *was != now {
                    deadline_changes.push(DeadlineChange {
                        milestone: found.milestone.id.clone(),
                        title: found.milestone.title.clone(),
                        before: *was,
                        after: now,
                    });
                }
            }
        }
        for (id, (status, _)) in &earlier {
            if !seen.contains(id) {
                status_changes.push(StatusChange {
                    milestone: MilestoneId::new(*id),
                    title: String::new(),
                    before: Some(*status),
                    after: None,
                });
            }
        }
        let (from, to) = (before.as_of(), after.as_of());
        let new_reports = after
            .plan()
            .document()
            .progress_reports
            .iter()
            .filter(|report| from < report.date && report.date <= to)
            .cloned()
            .collect();
        Self {
            from,
            to,
            status_changes,
            new_reports,
            deadline_changes,
            summary_before: before.summary(),
            summary_after: after.summary(),
        }
    }
}
