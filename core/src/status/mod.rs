//! Where every milestone and sub-project stands on a date: status, traffic light, risk,
//! forecast, and whether reporting has gone stale.
//!
//! Evaluate with [`Plan::status`]; see [`guide::status`](crate::guide::status) for exactly
//! how each answer is computed.

use std::borrow::Cow;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::plan::Plan;
use crate::schedule::{at, date, day, Completion, Day, GoalKind, NEVER};

mod rows;
mod shared;

pub use rows::{LagReasonSummary, MilestoneStanding, MilestoneStatusRow, SubProjectStatusRow};
pub use shared::SharedEvaluation;

/// Where a milestone stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// Not due yet and not done.
    NotYetDue,
    /// Done in a period (month or quarter, by its granularity) before its due period.
    CompletedEarly,
    /// Done by its due date, in its due period.
    CompletedOnTime,
    /// Done after its due date.
    CompletedLate,
    /// Due (on or before the as-of date) and not done: 滞后.
    Lagging,
    /// Withdrawn by a recorded adjustment (itself, its sub-project or its key task): it
    /// counts in no status total.
    Withdrawn,
}

impl MilestoneStatus {
    /// Every status, in the order reports list them.
    pub const ALL: [MilestoneStatus; 6] = [
        MilestoneStatus::NotYetDue,
        MilestoneStatus::CompletedEarly,
        MilestoneStatus::CompletedOnTime,
        MilestoneStatus::CompletedLate,
        MilestoneStatus::Lagging,
        MilestoneStatus::Withdrawn,
    ];

    /// Whether the milestone is done.
    pub fn is_completed(self) -> bool {
        matches!(
            self,
            MilestoneStatus::CompletedEarly
                | MilestoneStatus::CompletedOnTime
                | MilestoneStatus::CompletedLate
        )
    }

    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::NotYetDue => "not_yet_due",
            MilestoneStatus::CompletedEarly => "completed_early",
            MilestoneStatus::CompletedOnTime => "completed_on_time",
            MilestoneStatus::CompletedLate => "completed_late",
            MilestoneStatus::Lagging => "lagging",
            MilestoneStatus::Withdrawn => "withdrawn",
        }
    }
}

/// The traffic light (亮灯) that supervision platforms publish for each item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    /// Progressing, or done.
    Green,
    /// Due within a few working days and not done, or at risk.
    Yellow,
    /// Lagging.
    Red,
}

impl Light {
    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Red => "red",
        }
    }
}

/// How often a sub-project is expected to report progress; longer silence is stale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingCadence {
    /// At least one report every 7 days.
    Weekly,
    /// At least one report a month (the district's practice).
    #[default]
    Monthly,
    /// At least one report a quarter.
    Quarterly,
}

impl ReportingCadence {
    /// The earliest report date that is still fresh on `as_of`.
    fn fresh_since(self, as_of: NaiveDate) -> NaiveDate {
        let earlier = match self {
            ReportingCadence::Weekly => as_of.checked_sub_days(chrono::Days::new(7)),
            ReportingCadence::Monthly => as_of.checked_sub_months(Months::new(1)),
            ReportingCadence::Quarterly => as_of.checked_sub_months(Months::new(3)),
        };
        earlier.unwrap_or(NaiveDate::MIN)
    }
}

/// How statuses are judged. The defaults mirror the district's practice.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusOptions {
    /// A not-yet-due quantity milestone is at risk when its progress, as a share of the
    /// way from baseline to target, trails the straight line from its sub-project's start
    /// to its due date by more than this share (0.2: twenty percentage points).
    pub risk_margin: f64,
    /// A not-yet-due milestone due within this many working days is at risk and yellow.
    pub due_soon_working_days: u32,
    /// How often sub-projects must report before their reporting is stale.
    pub reporting_cadence: ReportingCadence,
    /// The working-day calendar for "due in N working days".
    pub calendar: WorkingCalendar,
}

impl Default for StatusOptions {
    fn default() -> Self {
        Self {
            risk_margin: 0.2,
            due_soon_working_days: 3,
            reporting_cadence: ReportingCadence::Monthly,
            calendar: WorkingCalendar::weekdays_only(),
        }
    }
}

impl StatusOptions {
    /// The default options with a working-day calendar.
    pub fn with_calendar(calendar: WorkingCalendar) -> Self {
        Self {
            calendar,
            ..Self::default()
        }
    }
}

/// A status question the plan cannot answer.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StatusError {
    /// The as-of date is before the plan's year or long after its last milestone.
    #[error("the plan cannot answer for {as_of}: it covers {earliest} to {latest}; ask for a date in that range")]
    AsOfOutsidePlan {
        /// The date asked for.
        as_of: NaiveDate,
        /// The first date the plan answers for (1 January of its year).
        earliest: NaiveDate,
        /// The last date the plan answers for (the end of the year after its last due date).
        latest: NaiveDate,
    },
    /// An option is out of its range.
    #[error("the option `{name}` is `{value}`; {expected}")]
    InvalidOption {
        /// The option's name.
        name: &'static str,
        /// The value given.
        value: String,
        /// What is allowed.
        expected: &'static str,
        /// What is allowed, in Chinese.
        expected_zh: &'static str,
    },
}

impl StatusError {
    /// A stable code for the kind of error, for hosts that match on it.
    pub fn code(&self) -> &'static str {
        match self {
            StatusError::AsOfOutsidePlan { .. } => "as-of-outside-plan",
            StatusError::InvalidOption { .. } => "invalid-option",
        }
    }

    /// The error as a sentence in a language.
    pub fn message(&self, language: crate::Language) -> String {
        match (self, language) {
            (_, crate::Language::English) => self.to_string(),
            (
                StatusError::AsOfOutsidePlan {
                    as_of,
                    earliest,
                    latest,
                },
                crate::Language::Chinese,
            ) => format!(
                "计划无法回答 {as_of} 的情况:它覆盖 {earliest} 至 {latest};请选择这一范围内的日期"
            ),
            (
                StatusError::InvalidOption {
                    name,
                    value,
                    expected_zh,
                    ..
                },
                crate::Language::Chinese,
            ) => format!("选项 `{name}` 的值为 `{value}`;{expected_zh}"),
        }
    }
}

/// One milestone's standing, packed small: a plan may have millions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct State {
    pub status: MilestoneStatus,
    pub light: Light,
    /// Behind its straight-line trajectory by more than the margin.
    pub behind: bool,
    /// Due within the configured working days.
    pub due_soon: bool,
    /// Lagging with no reason recorded by the as-of date.
    pub needs_reason: bool,
    /// Lagging with an objective reason.
    pub objective: bool,
}

impl State {
    pub(crate) fn at_risk(self) -> bool {
        self.behind || self.due_soon
    }
}

/// One sub-project's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SubState {
    pub withdrawn: bool,
    pub has_due: bool,
    pub on_schedule: bool,
    pub stale: bool,
    pub light: Light,
}

/// The statuses of a whole plan on one date. Made by [`Plan::status`].
#[derive(Clone, Debug)]
pub struct Evaluation<'p> {
    pub(crate) plan: &'p Plan,
    pub(crate) as_of: NaiveDate,
    pub(crate) options: Cow<'p, StatusOptions>,
    /// The as-of date's working-day number in the options' calendar, counted once.
    pub(crate) as_of_working_day: i64,
    pub(crate) states: Cow<'p, [State]>,
    pub(crate) sub_states: Cow<'p, [SubState]>,
}

impl Plan {
    /// The dates a status can be asked for: 1 January of the plan's year to the end of the
    /// year after its last due date.
    pub fn status_range(&self) -> (NaiveDate, NaiveDate) {
        let year = self.year();
        let earliest = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let last_year = date(self.schedule().last_due)
            .map_or(year, |d| chrono::Datelike::year(&d))
            .max(year);
        let latest =
            NaiveDate::from_ymd_opt(last_year.saturating_add(1), 12, 31).unwrap_or(NaiveDate::MAX);
        (earliest, latest)
    }

    /// Checks that [`Plan::status`] can answer for `as_of` with `options`, without
    /// evaluating anything: hosts that evaluate later check the question first.
    ///
    /// # Errors
    ///
    /// As [`Plan::status`].
    pub fn check_status(
        &self,
        as_of: NaiveDate,
        options: &StatusOptions,
    ) -> Result<(), StatusError> {
        let (earliest, latest) = self.status_range();
        if as_of < earliest || as_of > latest {
            return Err(StatusError::AsOfOutsidePlan {
                as_of,
                earliest,
                latest,
            });
        }
        if !(0.0..=1.0).contains(&options.risk_margin) {
            return Err(StatusError::InvalidOption {
                name: "risk_margin",
                value: options.risk_margin.to_string(),
                expected: "give a share from 0 to 1, such as 0.2",
                expected_zh: "请填写 0 至 1 之间的比例,例如 0.2",
            });
        }
        Ok(())
    }

    /// Where every milestone and sub-project stands at the end of `as_of`: reports dated
    /// after it are not seen, so the answer for a past date never changes.
    ///
    /// # Errors
    ///
    /// [`StatusError::AsOfOutsidePlan`] for a date outside [`Plan::status_range`],
    /// [`StatusError::InvalidOption`] for a risk margin that is not a number from 0 to 1.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use mubiao::{MilestoneStatus, Plan, StatusOptions};
    ///
    /// let plan = Plan::from_json_str(include_str!("../../docs/example-plan.json"))?;
    /// let end_of_q1 = NaiveDate::from_ymd_opt(2017, 3, 31).unwrap();
    /// let status = plan.status(end_of_q1, &StatusOptions::default())?;
    /// // Hongmei's Q2 node (10 sites) is not met by 6 sites in March.
    /// let q2 = status.milestone("hm-rivers-q2").unwrap();
    /// assert_eq!(q2.status, MilestoneStatus::NotYetDue);
    /// // The sewage approval came on the due date itself.
    /// assert_eq!(status.milestone("sewage-approval").unwrap().status, MilestoneStatus::CompletedOnTime);
    /// let summary = status.summary();
    /// assert_eq!((summary.sub_projects_on_schedule, summary.sub_projects_with_due_milestone), (2, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(
        &self,
        as_of: NaiveDate,
        options: &StatusOptions,
    ) -> Result<Evaluation<'_>, StatusError> {
        self.check_status(as_of, options)?;
        Ok(evaluate(self, as_of, options))
    }
}

/// The last day a milestone not yet due can fall due and still be "due soon": within
/// `working_days` working days of `as_of`. Working-day numbers never decrease from one
/// day to the next, so the days that are due soon end at one day, found by halves
/// between `as_of` and the plan's last due date.
fn due_soon_until(
    calendar: &WorkingCalendar,
    as_of: NaiveDate,
    working_days: u32,
    last_due: Day,
) -> Day {
    let limit = calendar
        .working_day_number(as_of)
        .saturating_add(i64::from(working_days));
    let within = |d: Day| date(d).is_some_and(|x| calendar.working_day_number(x) <= limit);
    let (mut low, mut high) = (day(as_of), last_due.max(day(as_of)));
    if within(high) {
        return high;
    }
    // `within(low)` holds (as_of itself is due soon) and `within(high)` does not.
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if within(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

/// The latest report of a series and its latest cumulative value on a day; the milestones
/// of a series follow one another, so each series is looked up once.
struct SeriesCache {
    series: u32,
    report: Option<Day>,
    value: Option<(Day, f64)>,
}

/// What every milestone's judgement shares: the day and the thresholds drawn from the
/// options once.
struct Question {
    d: Day,
    due_soon_until: Day,
    fresh_since: Day,
    margin: f64,
}

const UNJUDGED: State = State {
    status: MilestoneStatus::NotYetDue,
    light: Light::Green,
    behind: false,
    due_soon: false,
    needs_reason: false,
    objective: false,
};

const UNJUDGED_SUB: SubState = SubState {
    withdrawn: false,
    has_due: false,
    on_schedule: true,
    stale: false,
    light: Light::Green,
};

impl Question {
    fn new(plan: &Plan, as_of: NaiveDate, options: &StatusOptions) -> Question {
        Question {
            d: day(as_of),
            due_soon_until: due_soon_until(
                &options.calendar,
                as_of,
                options.due_soon_working_days,
                plan.schedule().last_due,
            ),
            fresh_since: day(options.reporting_cadence.fresh_since(as_of)),
            margin: options.risk_margin,
        }
    }
}

fn evaluate<'p>(plan: &'p Plan, as_of: NaiveDate, options: &StatusOptions) -> Evaluation<'p> {
    let layout = plan.layout();
    let question = Question::new(plan, as_of, options);
    let mut states = vec![UNJUDGED; layout.milestone_count()];
    let mut sub_states = vec![UNJUDGED_SUB; layout.sub_project_count()];
    let subs = 0..u32::try_from(sub_states.len()).unwrap_or(u32::MAX);
    #[cfg(feature = "parallel")]
    judge_in_parts(
        plan,
        &question,
        subs,
        &mut states,
        &mut sub_states,
        PART_MILESTONES,
    );
    #[cfg(not(feature = "parallel"))]
    judge(plan, &question, subs, &mut states, &mut sub_states);
    Evaluation {
        plan,
        as_of,
        options: Cow::Owned(options.clone()),
        as_of_working_day: options.calendar.working_day_number(as_of),
        states: Cow::Owned(states),
        sub_states: Cow::Owned(sub_states),
    }
}

/// Judges sub-projects `subs` into `states` and `sub_states`, in parts of about
/// `part_milestones` milestones spread over the cores: every sub-project is judged
/// alone, so the parts give exactly the answers of one pass.
#[cfg(feature = "parallel")]
fn judge_in_parts(
    plan: &Plan,
    question: &Question,
    subs: std::ops::Range<u32>,
    states: &mut [State],
    sub_states: &mut [SubState],
    part_milestones: u32,
) {
    use rayon::prelude::*;
    let layout = plan.layout();
    let mut parts = Vec::new();
    let (mut states, mut sub_states) = (states, sub_states);
    let mut first = subs.start;
    while first < subs.end {
        let begins = layout.milestones_of_sub(first).start;
        let mut end = first;
        while end < subs.end
            && layout.milestones_of_sub(end).end.saturating_sub(begins) < part_milestones
        {
            end += 1;
        }
        let end = end.max(first + 1).min(subs.end);
        let milestones = layout.milestones_of_sub(end - 1).end.saturating_sub(begins);
        let count = usize::try_from(milestones).unwrap_or(0).min(states.len());
        let (part_states, rest) = std::mem::take(&mut states).split_at_mut(count);
        states = rest;
        let sub_count = usize::try_from(end - first)
            .unwrap_or(0)
            .min(sub_states.len());
        let (part_subs, rest) = std::mem::take(&mut sub_states).split_at_mut(sub_count);
        sub_states = rest;
        parts.push((first..end, part_states, part_subs));
        first = end;
    }
    parts
        .into_par_iter()
        .for_each(|(subs, states, sub_states)| judge(plan, question, subs, states, sub_states));
}

/// Milestones in one part of a parallel evaluation: large enough that a part outweighs
/// handing it to a thread, small enough that the cores share the work evenly.
#[cfg(feature = "parallel")]
const PART_MILESTONES: u32 = 1 << 15;

/// Judges sub-projects `subs`, writing their milestones' states into `states` and their
/// own into `sub_states`, both from the first of `subs`.
fn judge(
    plan: &Plan,
    question: &Question,
    subs: std::ops::Range<u32>,
    states: &mut [State],
    sub_states: &mut [SubState],
) {
    let schedule = plan.schedule();
    let layout = plan.layout();
    let &Question {
        d,
        due_soon_until,
        fresh_since,
        margin,
    } = question;
    let base = layout.milestones_of_sub(subs.start).start;
    let mut cache = SeriesCache {
        series: crate::schedule::NONE,
        report: None,
        value: None,
    };
    for (s, sub_out) in subs.zip(sub_states.iter_mut()) {
        let Some(&start) = at(&schedule.sub_start, s) else {
            continue;
        };
        let mut sub = SubState {
            withdrawn: at(&schedule.sub_withdrawn, s).copied().unwrap_or(false),
            ..UNJUDGED_SUB
        };
        let mut all_done = true;
        let mut latest_report: Day = i32::MIN;
        let milestones = layout.milestones_of_sub(s);
        let range = usize::try_from(milestones.start).unwrap_or(0)
            ..usize::try_from(milestones.end).unwrap_or(0);
        let Some(local) = milestones.start.checked_sub(base) else {
            continue;
        };
        let local = usize::try_from(local).unwrap_or(0)..;
        let (
            Some(due),
            Some(completed),
            Some(withdrawn),
            Some(series),
            Some(goal),
            Some(completion),
            Some(out),
        ) = (
            schedule.due.get(range.clone()),
            schedule.completed.get(range.clone()),
            schedule.withdrawn.get(range.clone()),
            schedule.series.get(range.clone()),
            schedule.goal.get(range.clone()),
            schedule.completion.get(range.clone()),
            states.get_mut(local),
        )
        else {
            *sub_out = sub;
            continue;
        };
        let columns = due
            .iter()
            .zip(completed)
            .zip(withdrawn.iter().zip(series))
            .zip(goal.iter().zip(completion))
            .zip(out.iter_mut());
        for (i, ((((&due, &completed), (&withdrawn, &series)), (&goal, &completion)), out)) in
            milestones.zip(columns)
        {
            let mut state = UNJUDGED;
            if withdrawn {
                state.status = MilestoneStatus::Withdrawn;
                *out = state;
                continue;
            }
            if series != cache.series {
                cache = SeriesCache {
                    series,
                    report: schedule.latest_report_until(series, d),
                    value: schedule.latest_value_until(series, d),
                };
            }
            if let Some(last) = cache.report {
                latest_report = latest_report.max(last);
            }
            if completed <= d {
                state.status = match completion {
                    Completion::Early => MilestoneStatus::CompletedEarly,
                    Completion::Late => MilestoneStatus::CompletedLate,
                    _ => MilestoneStatus::CompletedOnTime,
                };
            } else if due <= d {
                state.status = MilestoneStatus::Lagging;
                state.light = Light::Red;
                match latest_lag_reason(plan, i, d) {
                    Some(reason) => {
                        state.objective = reason.class == crate::LagClass::Objective;
                    }
                    None => state.needs_reason = true,
                }
            } else {
                state.due_soon = due <= due_soon_until;
                state.behind = behind_trajectory(goal, cache.value, start, due, d, margin);
                if state.at_risk() {
                    state.light = Light::Yellow;
                }
            }
            if due <= d {
                sub.has_due = true;
            }
            if state.status == MilestoneStatus::Lagging {
                sub.on_schedule = false;
            }
            if !state.status.is_completed() {
                all_done = false;
            }
            sub.light = sub.light.max(state.light);
            *out = state;
        }
        sub.stale = start <= d && !all_done && latest_report.max(start) < fresh_since;
        *sub_out = sub;
    }
}

/// The latest lag reason of milestone `i` recorded on or before day `d`.
pub(crate) fn latest_lag_reason(plan: &Plan, i: u32, d: Day) -> Option<&crate::LagReason> {
    let schedule = plan.schedule();
    let range = crate::schedule::range_of(&schedule.lag_start, i);
    schedule
        .lag_order
        .get(range)
        .unwrap_or_default()
        .iter()
        .rev()
        .filter_map(|&l| plan.document().lag_reasons.get(usize::try_from(l).ok()?))
        .find(|reason| day(reason.recorded_on) <= d)
}

/// The latest cumulative value reported for milestone `i` on or before day `d`, with its day.
pub(crate) fn latest_value(plan: &Plan, i: u32, d: Day) -> Option<(Day, f64)> {
    let schedule = plan.schedule();
    schedule.latest_value_until(schedule.series_of(i), d)
}

/// The share of the way from baseline to target that a quantity milestone has gone, by its
/// latest value `latest`; `None` for other targets.
pub(crate) fn progress_share_from(plan: &Plan, i: u32, latest: Option<(Day, f64)>) -> Option<f64> {
    let goal = *at(&plan.schedule().goal, i)?;
    share_of(goal, latest)
}

/// The share of the way from baseline to target that a quantity milestone with goal
/// `goal` has gone by its latest value `latest`; `None` for other targets.
fn share_of(goal: GoalKind, latest: Option<(Day, f64)>) -> Option<f64> {
    let GoalKind::AtLeast { target, baseline } = goal else {
        return None;
    };
    let reported = latest.map(|(_, v)| v);
    if target <= baseline {
        // No way to go from baseline to target: the share is all or nothing, and only a
        // report that meets the target shows the way was gone.
        return Some(if reported.is_some_and(|v| v >= target) {
            1.0
        } else {
            0.0
        });
    }
    let value = reported.unwrap_or(baseline);
    Some(((value - baseline) / (target - baseline)).clamp(0.0, 1.0))
}

/// The share of the time from `start` to `due` that has passed by day `d`.
pub(crate) fn expected_share(start: Day, due: Day, d: Day) -> f64 {
    if due <= start {
        return 1.0;
    }
    (f64::from(d.saturating_sub(start)) / f64::from(due - start)).clamp(0.0, 1.0)
}

/// Whether a milestone with goal `goal`, whose series' latest value is `latest`, trails
/// its straight line by more than `margin` on day `d`.
fn behind_trajectory(
    goal: GoalKind,
    latest: Option<(Day, f64)>,
    start: Day,
    due: Day,
    d: Day,
    margin: f64,
) -> bool {
    match goal {
        GoalKind::AtLeast { .. } => share_of(goal, latest)
            .is_some_and(|share| expected_share(start, due, d) - share > margin),
        // A cumulative count already over its limit can only stay over it.
        GoalKind::AtMost { limit } => latest.is_some_and(|(_, value)| value > limit),
        _ => false,
    }
}

/// When a quantity milestone will be met at the pace so far: the value reached since the
/// sub-project started, spread over the days it took, carried forward from the latest
/// report to the target. `None` when done, not a quantity to reach, or without progress.
pub(crate) fn forecast(plan: &Plan, i: u32, start: Day, d: Day) -> Option<NaiveDate> {
    forecast_from(plan, i, start, d, latest_value(plan, i, d))
}

/// [`forecast`] with the latest value by day `d` already found.
pub(crate) fn forecast_from(
    plan: &Plan,
    i: u32,
    start: Day,
    d: Day,
    latest: Option<(Day, f64)>,
) -> Option<NaiveDate> {
    let schedule = plan.schedule();
    if at(&schedule.completed, i).is_some_and(|&c| c <= d) {
        return None;
    }
    let GoalKind::AtLeast { target, baseline } = *at(&schedule.goal, i)? else {
        return None;
    };
    let (reported, value) = latest?;
    let gained = value - baseline;
    let days = f64::from(reported.saturating_sub(start));
    if gained <= 0.0 || days <= 0.0 {
        return None;
    }
    let remaining_days = ((target - value) / (gained / days)).ceil();
    if !remaining_days.is_finite() || remaining_days > 365_000.0 {
        return None;
    }
    // Checked above to lie within 0..=365,000, so the conversion cannot wrap.
    #[allow(clippy::cast_possible_truncation)]
    let remaining = remaining_days.max(0.0) as i32;
    date(reported.checked_add(remaining).unwrap_or(NEVER))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::from_json_str(include_str!("../../../examples/data/calendar-2017.json"))
            .unwrap()
    }

    proptest! {
        /// The one threshold day answers "due within N working days" exactly as counting
        /// the working days to each due date would, holidays and worked weekends included.
        #[test]
        fn due_soon_threshold_matches_counting(
            as_of in 0i64..365,
            working_days in prop_oneof![0u32..12, Just(u32::MAX)],
            span in 0i32..400,
        ) {
            let calendar = calendar();
            let year_start = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
            let as_of = year_start + chrono::Days::new(as_of.unsigned_abs());
            let last_due = day(as_of) + span;
            let until = due_soon_until(&calendar, as_of, working_days, last_due);
            let from = calendar.working_day_number(as_of);
            for due in day(as_of) + 1..=last_due {
                let counted = calendar.working_day_number(date(due).unwrap()) - from;
                prop_assert_eq!(due <= until, counted <= i64::from(working_days), "due {}", due);
            }
        }
    }

    /// Judged in parts of any size, on any number of threads, a plan gets exactly the
    /// states of one pass over it.
    #[cfg(feature = "parallel")]
    #[test]
    fn parts_judge_as_one_pass() {
        let plan = crate::synthetic::synthetic_plan(crate::synthetic::SyntheticOptions {
            milestones: 5_000,
            sub_projects_per_key_task: 4,
            units: 9,
            seed: 7,
        })
        .unwrap()
        .validate()
        .unwrap();
        for month in [1, 4, 6, 9, 12] {
            let as_of = NaiveDate::from_ymd_opt(2017, month, 28).unwrap();
            let options = StatusOptions::with_calendar(calendar());
            let question = Question::new(&plan, as_of, &options);
            let judged = |part: Option<u32>| {
                let mut states = vec![UNJUDGED; plan.milestone_count()];
                let mut sub_states = vec![UNJUDGED_SUB; plan.sub_project_count()];
                let subs = 0..u32::try_from(sub_states.len()).unwrap();
                match part {
                    Some(part) => {
                        judge_in_parts(&plan, &question, subs, &mut states, &mut sub_states, part);
                    }
                    None => judge(&plan, &question, subs, &mut states, &mut sub_states),
                }
                (states, sub_states)
            };
            let one_pass = judged(None);
            for part in [1, 7, 100, 4_999, 1 << 20] {
                assert!(judged(Some(part)) == one_pass, "{as_of} in parts of {part}");
            }
        }
    }
}
