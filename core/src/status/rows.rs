//! Reading an [`Evaluation`]: one row per milestone or sub-project, with everything a
//! supervision table shows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    expected_share, forecast_from, latest_lag_reason, latest_value, progress_share_from,
    Evaluation, Light, MilestoneStatus, State, StatusOptions,
};
use crate::document::{KeyTaskKind, Level};
use crate::ids::{KeyTaskId, MilestoneId, PersonId, SubProjectId, UnitId};
use crate::period::Period;
use crate::plan::{MilestoneRef, Plan};
use crate::progress::{LagCause, LagClass, LagReason};
use crate::schedule::{at, date, day};

/// The lag reason that applies on the as-of date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LagReasonSummary {
    /// Objective or subjective.
    pub class: LagClass,
    /// The cause, where recorded.
    pub cause: Option<LagCause>,
    /// The reason in words.
    pub text: String,
    /// When it was recorded.
    pub recorded_on: NaiveDate,
    /// The sequence number of a request for a later date, still pending, whose reason
    /// this is.
    #[serde(default)]
    pub pending_request: Option<u64>,
}

impl From<&LagReason> for LagReasonSummary {
    fn from(reason: &LagReason) -> Self {
        Self {
            class: reason.class,
            cause: reason.cause,
            text: reason.text.clone(),
            recorded_on: reason.recorded_on,
            pending_request: reason.pending_request,
        }
    }
}

/// One milestone's standing on the as-of date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneStatusRow {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title.
    pub title: String,
    /// Its sub-project.
    pub sub_project: SubProjectId,
    /// Its key task.
    pub key_task: KeyTaskId,
    /// The key task's kind of work.
    pub kind: KeyTaskKind,
    /// The key task's level.
    pub level: Level,
    /// The due date.
    pub due: NaiveDate,
    /// The month or quarter the milestone is due in.
    pub due_period: Period,
    /// Where it stands.
    pub status: MilestoneStatus,
    /// Its traffic light.
    pub light: Light,
    /// Not yet due, and behind its trajectory or due within a few working days.
    pub at_risk: bool,
    /// Behind its straight-line trajectory by more than the risk margin.
    pub behind_trajectory: bool,
    /// Due within the configured number of working days and not done.
    pub due_soon: bool,
    /// Working days from the as-of date to the due date; negative when overdue.
    pub working_days_to_due: i64,
    /// When it was done, if done by the as-of date.
    pub completed_on: Option<NaiveDate>,
    /// The latest cumulative value reported by the as-of date.
    pub latest_value: Option<f64>,
    /// The share of the way from baseline to target reached (quantities to reach only).
    pub progress_share: Option<f64>,
    /// The share of the time from the sub-project's start to the due date that has passed.
    pub expected_share: f64,
    /// When it will be met at the pace so far (quantities to reach, not yet done).
    pub forecast: Option<NaiveDate>,
    /// The lead unit that answers for it.
    pub lead_unit: UnitId,
    /// The responsible person, where named.
    pub responsible_person: Option<PersonId>,
    /// The district leader who supervises its key task.
    pub supervising_leader: PersonId,
    /// The lag reason that applies, for a lagging milestone.
    pub lag_reason: Option<LagReasonSummary>,
    /// Lagging (red) with no reason recorded: the unit must give one.
    pub needs_reason: bool,
}

/// One milestone's standing on the as-of date with its place in the plan borrowed: what a
/// [`MilestoneStatusRow`] holds without a copy of any name, for hosts that write a
/// million rows into columns of their own (an Arrow table, a spreadsheet).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MilestoneStanding<'a> {
    /// The milestone in its place: key task, sub-project and the responsibility that applies.
    pub place: MilestoneRef<'a>,
    /// The due date.
    pub due: NaiveDate,
    /// The month or quarter the milestone is due in.
    pub due_period: Period,
    /// Where it stands.
    pub status: MilestoneStatus,
    /// Its traffic light.
    pub light: Light,
    /// Not yet due, and behind its trajectory or due within a few working days.
    pub at_risk: bool,
    /// Behind its straight-line trajectory by more than the risk margin.
    pub behind_trajectory: bool,
    /// Due within the configured number of working days and not done.
    pub due_soon: bool,
    /// Working days from the as-of date to the due date; negative when overdue.
    pub working_days_to_due: i64,
    /// When it was done, if done by the as-of date.
    pub completed_on: Option<NaiveDate>,
    /// The latest cumulative value reported by the as-of date.
    pub latest_value: Option<f64>,
    /// The share of the way from baseline to target reached (quantities to reach only).
    pub progress_share: Option<f64>,
    /// The share of the time from the sub-project's start to the due date that has passed.
    pub expected_share: f64,
    /// When it will be met at the pace so far (quantities to reach, not yet done).
    pub forecast: Option<NaiveDate>,
    /// The lag reason that applies, for a lagging milestone.
    pub lag_reason: Option<&'a LagReason>,
    /// Lagging (red) with no reason recorded: the unit must give one.
    pub needs_reason: bool,
}

impl<'a> MilestoneStanding<'a> {
    /// The lead unit that answers for the milestone.
    pub fn lead_unit(&self) -> Option<&'a UnitId> {
        self.place.responsibility.lead_unit.as_ref()
    }

    /// The responsible person, where named.
    pub fn responsible_person(&self) -> Option<&'a PersonId> {
        self.place.responsibility.responsible_person.as_ref()
    }

    /// The district leader who supervises the milestone's key task.
    pub fn supervising_leader(&self) -> Option<&'a PersonId> {
        self.place.key_task.supervising_leader.as_ref()
    }
}

impl From<MilestoneStanding<'_>> for MilestoneStatusRow {
    fn from(standing: MilestoneStanding<'_>) -> Self {
        let place = standing.place;
        Self {
            milestone: place.milestone.id.clone(),
            title: place.milestone.title.clone(),
            sub_project: place.sub_project.id.clone(),
            key_task: place.key_task.id.clone(),
            kind: place.key_task.kind,
            level: place.key_task.level,
            due: standing.due,
            due_period: standing.due_period,
            status: standing.status,
            light: standing.light,
            at_risk: standing.at_risk,
            behind_trajectory: standing.behind_trajectory,
            due_soon: standing.due_soon,
            working_days_to_due: standing.working_days_to_due,
            completed_on: standing.completed_on,
            latest_value: standing.latest_value,
            progress_share: standing.progress_share,
            expected_share: standing.expected_share,
            forecast: standing.forecast,
            lead_unit: standing.lead_unit().cloned().unwrap_or_default(),
            responsible_person: standing.responsible_person().cloned(),
            supervising_leader: standing.supervising_leader().cloned().unwrap_or_default(),
            lag_reason: standing.lag_reason.map(LagReasonSummary::from),
            needs_reason: standing.needs_reason,
        }
    }
}

/// One sub-project's standing on the as-of date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubProjectStatusRow {
    /// The sub-project.
    pub sub_project: SubProjectId,
    /// Its title.
    pub title: String,
    /// Its key task.
    pub key_task: KeyTaskId,
    /// The key task's kind of work.
    pub kind: KeyTaskKind,
    /// The key task's level.
    pub level: Level,
    /// The lead unit.
    pub lead_unit: UnitId,
    /// The partner units.
    pub partner_units: Vec<UnitId>,
    /// The supervising leader of its key task.
    pub supervising_leader: PersonId,
    /// Whether any milestone is due by the as-of date.
    pub has_due_milestone: bool,
    /// No milestone due by the as-of date is lagging.
    pub on_schedule: bool,
    /// No progress report within the reporting cadence.
    pub stale: bool,
    /// Red if any milestone lags, yellow if any is at risk, else green.
    pub light: Light,
    /// The latest report on any of its milestones, by the as-of date.
    pub latest_report: Option<NaiveDate>,
    /// How many milestones it has.
    pub milestones: usize,
    /// How many of them lag.
    pub lagging_milestones: usize,
}

impl<'p> Evaluation<'p> {
    /// The date the statuses are for.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The options the statuses were judged with.
    pub fn options(&self) -> &StatusOptions {
        &self.options
    }

    /// The plan evaluated.
    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    pub(crate) fn state(&self, i: u32) -> Option<State> {
        at(&self.states, i).copied()
    }

    /// The standing of the milestone with this id.
    pub fn milestone(&self, id: &str) -> Option<MilestoneStatusRow> {
        let i = self.plan.milestone_index(id)?;
        self.milestone_row(i)
    }

    /// Every milestone's standing, in document order.
    pub fn milestone_rows(&self) -> impl Iterator<Item = MilestoneStatusRow> + '_ {
        (0..self.states.len())
            .filter_map(|i| u32::try_from(i).ok())
            .filter_map(|i| self.milestone_row(i))
    }

    pub(crate) fn milestone_row(&self, i: u32) -> Option<MilestoneStatusRow> {
        self.standing(i).map(MilestoneStatusRow::from)
    }

    /// The standing of milestone number `index` (document order, from 0), its names
    /// borrowed from the plan; `None` past the last milestone.
    pub fn milestone_standing(&self, index: usize) -> Option<MilestoneStanding<'_>> {
        self.standing(u32::try_from(index).ok()?)
    }

    /// Every milestone's standing, in document order, without copying a name: what
    /// [`Evaluation::milestone_rows`] gives, for hosts that write columns of their own.
    pub fn milestone_standings(&self) -> impl Iterator<Item = MilestoneStanding<'_>> + '_ {
        (0..self.states.len())
            .filter_map(|i| u32::try_from(i).ok())
            .filter_map(|i| self.standing(i))
    }

    fn standing(&self, i: u32) -> Option<MilestoneStanding<'p>> {
        let plan = self.plan;
        let state = self.state(i)?;
        let place: MilestoneRef<'p> = plan.milestone_at(i)?;
        let schedule = plan.schedule();
        let s = *at(&plan.layout().milestone_sub, i)?;
        let start = *at(&schedule.sub_start, s)?;
        let due_day = *at(&schedule.due, i)?;
        let due = date(due_day)?;
        let d = day(self.as_of);
        let completed = at(&schedule.completed, i)
            .copied()
            .filter(|&c| c <= d)
            .and_then(date);
        let lag_reason = if state.status == MilestoneStatus::Lagging {
            latest_lag_reason(plan, i, d)
        } else {
            None
        };
        // One look-up of the latest value serves the value, the share and the forecast.
        let latest = latest_value(plan, i, d);
        Some(MilestoneStanding {
            place,
            due,
            due_period: Period::of(due, place.milestone.granularity),
            status: state.status,
            light: state.light,
            at_risk: state.at_risk(),
            behind_trajectory: state.behind,
            due_soon: state.due_soon,
            working_days_to_due: self
                .options
                .calendar
                .working_day_number(due)
                .saturating_sub(self.as_of_working_day),
            completed_on: completed,
            latest_value: latest.map(|(_, v)| v),
            progress_share: progress_share_from(plan, i, latest),
            expected_share: expected_share(start, due_day, d),
            forecast: forecast_from(plan, i, start, d, latest),
            lag_reason,
            needs_reason: state.needs_reason,
        })
    }

    /// The standing of the sub-project with this id.
    pub fn sub_project(&self, id: &str) -> Option<SubProjectStatusRow> {
        let s = self.plan.sub_project_index(id)?;
        self.sub_project_row(s)
    }

    /// Every sub-project's standing, in document order.
    pub fn sub_project_rows(&self) -> impl Iterator<Item = SubProjectStatusRow> + '_ {
        (0..self.sub_states.len())
            .filter_map(|s| u32::try_from(s).ok())
            .filter_map(|s| self.sub_project_row(s))
    }

    pub(crate) fn sub_project_row(&self, s: u32) -> Option<SubProjectStatusRow> {
        let plan = self.plan;
        let state = *at(&self.sub_states, s)?;
        let (task, sub) = plan.layout().sub_project(plan.document(), s)?;
        let d = day(self.as_of);
        let milestones = plan.layout().milestones_of_sub(s);
        let latest_report = milestones
            .clone()
            .filter_map(|i| {
                plan.schedule()
                    .latest_report_until(plan.schedule().series_of(i), d)
                    .and_then(crate::schedule::date)
            })
            .max();
        let lagging_milestones = milestones
            .clone()
            .filter(|&i| {
                self.state(i)
                    .is_some_and(|st| st.status == MilestoneStatus::Lagging)
            })
            .count();
        Some(SubProjectStatusRow {
            sub_project: sub.id.clone(),
            title: sub.title.clone(),
            key_task: task.id.clone(),
            kind: task.kind,
            level: task.level,
            lead_unit: sub.responsibility.lead_unit.clone().unwrap_or_default(),
            partner_units: sub.responsibility.partner_units.clone(),
            supervising_leader: task.supervising_leader.clone().unwrap_or_default(),
            has_due_milestone: state.has_due,
            on_schedule: state.on_schedule,
            stale: state.stale,
            light: state.light,
            latest_report,
            milestones: milestones.len(),
            lagging_milestones,
        })
    }
}
