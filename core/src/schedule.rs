//! The plan compiled for status questions: dense columns, one entry per milestone or
//! sub-project, holding what does not depend on the as-of date — due dates, the date each
//! milestone was completed (if it was), where its reports and lag reasons are.
//!
//! Built once when a plan is validated; every status evaluation reads it in one pass.

use chrono::NaiveDate;

use crate::document::{KeyTaskKind, Level, PlanDocument};
use crate::layout::Layout;
use crate::milestone::{Goal, Milestone, Target};
use crate::period::Period;
use crate::progress::{Progress, ProgressReport};

/// A date as a day number (days from 0001-01-01, which is day 1).
pub(crate) type Day = i32;

/// "Never": later than every date.
pub(crate) const NEVER: Day = i32::MAX;

/// No index.
pub(crate) const NONE: u32 = u32::MAX;

pub(crate) fn day(date: NaiveDate) -> Day {
    chrono::Datelike::num_days_from_ce(&date)
}

pub(crate) fn date(day: Day) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// How a milestone was completed, relative to its due date and due period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Completion {
    Never,
    Early,
    OnTime,
    Late,
}

/// What a target asks, in numbers the evaluation can compare quickly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum GoalKind {
    Deliverable,
    AtLeast { target: f64, baseline: f64 },
    AtMost { limit: f64 },
    Within { low: f64, high: f64 },
}

fn goal_kind(milestone: &Milestone) -> GoalKind {
    match &milestone.target {
        Some(Target::Quantity(quantity)) => match quantity.goal {
            Goal::AtLeast(target) => GoalKind::AtLeast {
                target,
                baseline: quantity.baseline.unwrap_or(0.0),
            },
            Goal::AtMost(limit) => GoalKind::AtMost { limit },
            Goal::Within { low, high } => GoalKind::Within { low, high },
        },
        _ => GoalKind::Deliverable,
    }
}

impl GoalKind {
    fn is_met_by(self, progress: Progress) -> bool {
        match (self, progress) {
            (GoalKind::Deliverable, Progress::Done) => true,
            (GoalKind::AtLeast { target, .. }, Progress::Cumulative(v)) => v >= target,
            (GoalKind::AtMost { limit }, Progress::Cumulative(v)) => v <= limit,
            (GoalKind::Within { low, high }, Progress::Cumulative(v)) => low <= v && v <= high,
            _ => false,
        }
    }
}

/// The compiled plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Schedule {
    // Per milestone.
    pub due: Vec<Day>,
    pub completed: Vec<Day>,
    pub completion: Vec<Completion>,
    pub goal: Vec<GoalKind>,
    /// Whether the milestone, its sub-project or its key task was withdrawn.
    pub withdrawn: Vec<bool>,
    /// The series of each milestone: the quantity milestones of a sub-project with the same
    /// unit of measure and direction share one; every other milestone has its own.
    pub series: Vec<u32>,
    /// Reports of series `x` are `report_order[report_start[x]..report_start[x + 1]]`,
    /// by date, then document order.
    pub report_start: Vec<u32>,
    pub report_order: Vec<u32>,
    /// The date of each report in `report_order`, aligned with it: the evaluation finds a
    /// series' latest report without reaching into the document.
    pub report_day: Vec<Day>,
    /// The cumulative-value reports of series `x`, likewise: the values a quantity series
    /// is judged by, searched by date in logarithmic time.
    pub value_start: Vec<u32>,
    pub value_order: Vec<u32>,
    /// The date and value of each report in `value_order`, aligned with it.
    pub value_day: Vec<Day>,
    pub value: Vec<f64>,
    /// Lag reasons of milestone `i`, likewise, by recorded date then document order.
    pub lag_start: Vec<u32>,
    pub lag_order: Vec<u32>,
    /// Milestones with their own responsibility: `(milestone, lead unit)`, by milestone.
    pub lead_overrides: Vec<(u32, u32)>,
    // Per sub-project.
    pub sub_start: Vec<Day>,
    /// Whether the sub-project or its key task was withdrawn.
    pub sub_withdrawn: Vec<bool>,
    pub sub_lead: Vec<u32>,
    /// Partners of sub-project `s` are `partners[partner_start[s]..partner_start[s + 1]]`.
    pub partner_start: Vec<u32>,
    pub partners: Vec<u32>,
    // Per key task.
    pub task_leader: Vec<u32>,
    pub task_kind: Vec<KeyTaskKind>,
    pub task_level: Vec<Level>,
    /// Key-task positions in the order of their ids: a roll-up by key task is built in
    /// that order, already sorted, instead of sorting the ids at every evaluation.
    pub task_by_id: Vec<u32>,
    /// The latest date any milestone is due.
    pub last_due: Day,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(NONE)
}

/// Positions of `items` grouped by their `keys` (a milestone or series number; `NONE` for
/// none), each group sorted by `date_of` then position: a compressed sparse row of `count`
/// groups.
fn group_by_milestone<T>(
    items: &[T],
    count: usize,
    keys: &[u32],
    date_of: impl Fn(&T) -> Day,
) -> (Vec<u32>, Vec<u32>) {
    let mut keyed: Vec<(u32, Day, u32)> = items
        .iter()
        .zip(keys)
        .enumerate()
        .filter(|(_, (_, &key))| key != NONE)
        .map(|(position, (item, &key))| (key, date_of(item), to_u32(position)))
        .collect();
    keyed.sort_unstable();
    let mut start = Vec::with_capacity(count + 1);
    let mut next = 0usize;
    for milestone in 0..count {
        start.push(to_u32(next));
        let milestone = to_u32(milestone);
        next += keyed
            .get(next..)
            .unwrap_or_default()
            .iter()
            .take_while(|(key, _, _)| *key == milestone)
            .count();
    }
    start.push(to_u32(next));
    (
        start,
        keyed.into_iter().map(|(_, _, position)| position).collect(),
    )
}

impl Schedule {
    pub(crate) fn build(document: &PlanDocument, layout: &Layout) -> Self {
        let find_unit = |id: &str| {
            layout
                .units
                .find(id, |p| {
                    document
                        .units
                        .get(usize::try_from(p).ok()?)
                        .map(|u| u.id.as_str())
                })
                .unwrap_or(NONE)
        };
        let find_person = |id: &str| {
            layout
                .people
                .find(id, |p| {
                    document
                        .people
                        .get(usize::try_from(p).ok()?)
                        .map(|x| x.id.as_str())
                })
                .unwrap_or(NONE)
        };
        let milestones = layout.milestone_count();
        let year_start = NaiveDate::from_ymd_opt(document.year, 1, 1).map_or(0, day);
        let mut schedule = Schedule {
            due: Vec::with_capacity(milestones),
            goal: Vec::with_capacity(milestones),
            ..Schedule::default()
        };
        let series_count = schedule.assign_series(document);
        let report_series: Vec<u32> = layout
            .report_milestone
            .iter()
            .map(|&i| at(&schedule.series, i).copied().unwrap_or(NONE))
            .collect();
        (schedule.report_start, schedule.report_order) = group_by_milestone(
            &document.progress_reports,
            series_count,
            &report_series,
            |r: &ProgressReport| day(r.date),
        );
        let value_series: Vec<u32> = document
            .progress_reports
            .iter()
            .zip(&report_series)
            .map(|(report, &series)| match report.progress {
                Progress::Cumulative(_) => series,
                _ => NONE,
            })
            .collect();
        (schedule.value_start, schedule.value_order) = group_by_milestone(
            &document.progress_reports,
            series_count,
            &value_series,
            |r: &ProgressReport| day(r.date),
        );
        let report_day_of =
            |&r: &u32| at(&document.progress_reports, r).map_or(NEVER, |report| day(report.date));
        schedule.report_day = schedule.report_order.iter().map(report_day_of).collect();
        schedule.value_day = schedule.value_order.iter().map(report_day_of).collect();
        schedule.value = schedule
            .value_order
            .iter()
            .map(
                |&r| match at(&document.progress_reports, r).map(|r| r.progress) {
                    Some(Progress::Cumulative(value)) => value,
                    _ => f64::NAN,
                },
            )
            .collect();
        // The highest value reached by each report of a series, for finding the first
        // report that meets an at-least target by binary search; needed only while
        // building.
        let mut maxima: Vec<f64> = Vec::with_capacity(schedule.value.len());
        for series in 0..to_u32(series_count) {
            let values = schedule
                .value
                .get(range_of(&schedule.value_start, series))
                .unwrap_or_default();
            maxima.extend(values.iter().scan(f64::NEG_INFINITY, |highest, &value| {
                *highest = highest.max(value);
                Some(*highest)
            }));
        }
        (schedule.lag_start, schedule.lag_order) = group_by_milestone(
            &document.lag_reasons,
            milestones,
            &layout.lag_milestone,
            |l| day(l.recorded_on),
        );
        schedule.partner_start.push(0);
        let mut last_due = year_start;
        let mut i: u32 = 0;
        for task in &document.key_tasks {
            schedule.task_leader.push(
                task.supervising_leader
                    .as_ref()
                    .map_or(NONE, |p| find_person(p.as_str())),
            );
            schedule.task_kind.push(task.kind);
            schedule.task_level.push(task.level);
            for sub in &task.sub_projects {
                let sub_withdrawn = task.withdrawn.is_some() || sub.withdrawn.is_some();
                schedule.sub_withdrawn.push(sub_withdrawn);
                schedule.sub_start.push(sub.start.map_or(year_start, day));
                schedule.sub_lead.push(
                    sub.responsibility
                        .lead_unit
                        .as_ref()
                        .map_or(NONE, |u| find_unit(u.as_str())),
                );
                schedule.partners.extend(
                    sub.responsibility
                        .partner_units
                        .iter()
                        .map(|u| find_unit(u.as_str())),
                );
                schedule.partner_start.push(to_u32(schedule.partners.len()));
                for milestone in &sub.milestones {
                    let due = milestone.due.map_or(year_start, day);
                    last_due = last_due.max(due);
                    schedule.due.push(due);
                    schedule.goal.push(goal_kind(milestone));
                    schedule
                        .withdrawn
                        .push(sub_withdrawn || milestone.withdrawn.is_some());
                    if let Some(own) = &milestone.responsibility {
                        let lead = own
                            .lead_unit
                            .as_ref()
                            .map_or(NONE, |u| find_unit(u.as_str()));
                        schedule.lead_overrides.push((i, lead));
                    }
                    i = i.saturating_add(1);
                }
            }
        }
        schedule.last_due = last_due;
        let mut task_by_id: Vec<u32> = (0..to_u32(document.key_tasks.len())).collect();
        task_by_id.sort_unstable_by_key(|&k| at(&document.key_tasks, k).map(|t| t.id.as_str()));
        schedule.task_by_id = task_by_id;
        schedule.completed = Vec::with_capacity(milestones);
        schedule.completion = Vec::with_capacity(milestones);
        for i in 0..to_u32(milestones) {
            let (completed, completion) = schedule.complete(document, layout, &maxima, i);
            schedule.completed.push(completed);
            schedule.completion.push(completion);
        }
        schedule
    }

    /// Numbers the series of every milestone; returns how many there are. A unit reports
    /// the cumulative total of a series once, and every milestone of the series is judged
    /// by it.
    fn assign_series(&mut self, document: &PlanDocument) -> usize {
        fn key_of(m: &Milestone) -> Option<(&str, std::mem::Discriminant<Goal>)> {
            match &m.target {
                Some(Target::Quantity(q)) => {
                    Some((q.unit.as_str(), std::mem::discriminant(&q.goal)))
                }
                _ => None,
            }
        }
        let mut next: u32 = 0;
        let mut seen: std::collections::HashMap<(&str, std::mem::Discriminant<Goal>), u32> =
            std::collections::HashMap::new();
        for sub in document
            .key_tasks
            .iter()
            .flat_map(|task| &task.sub_projects)
        {
            seen.clear();
            for milestone in &sub.milestones {
                let series = match key_of(milestone) {
                    Some(key) => *seen.entry(key).or_insert_with(|| {
                        next = next.saturating_add(1);
                        next - 1
                    }),
                    None => {
                        next = next.saturating_add(1);
                        next - 1
                    }
                };
                self.series.push(series);
            }
        }
        usize::try_from(next).unwrap_or(0)
    }

    /// The reports of milestone `i`, by date: its own, and for a quantity milestone the
    /// cumulative reports of its series.
    pub(crate) fn reports_of<'a>(
        &'a self,
        document: &'a PlanDocument,
        i: u32,
    ) -> impl DoubleEndedIterator<Item = &'a ProgressReport> + 'a {
        let series = at(&self.series, i).copied().unwrap_or(NONE);
        let range = range_of(&self.report_start, series);
        self.report_order
            .get(range)
            .unwrap_or_default()
            .iter()
            .filter_map(move |&r| document.progress_reports.get(usize::try_from(r).ok()?))
    }

    /// The date of the latest report of series `series` on or before day `d`, found by
    /// binary search: a series may hold many reports.
    pub(crate) fn latest_report_until(&self, series: u32, d: Day) -> Option<Day> {
        let days = self
            .report_day
            .get(range_of(&self.report_start, series))
            .unwrap_or_default();
        days.get(count_until(days, d).checked_sub(1)?).copied()
    }

    pub(crate) fn series_of(&self, i: u32) -> u32 {
        at(&self.series, i).copied().unwrap_or(NONE)
    }

    /// The cumulative-value reports of series `x`, by date.
    pub(crate) fn values_of<'a>(
        &'a self,
        document: &'a PlanDocument,
        series: u32,
    ) -> impl DoubleEndedIterator<Item = &'a ProgressReport> + 'a {
        self.value_order
            .get(range_of(&self.value_start, series))
            .unwrap_or_default()
            .iter()
            .filter_map(move |&r| document.progress_reports.get(usize::try_from(r).ok()?))
    }

    /// The latest cumulative value reported for series `series` on or before day `d`, with
    /// its day, found by binary search.
    pub(crate) fn latest_value_until(&self, series: u32, d: Day) -> Option<(Day, f64)> {
        let range = range_of(&self.value_start, series);
        let days = self.value_day.get(range.clone()).unwrap_or_default();
        let last = count_until(days, d).checked_sub(1)?;
        let values = self.value.get(range).unwrap_or_default();
        Some((*days.get(last)?, *values.get(last)?))
    }

    /// When milestone `i` was completed, and how, from its reports. `maxima` holds the
    /// highest value reached by each cumulative report, aligned with `value_order`.
    fn complete(
        &self,
        document: &PlanDocument,
        layout: &Layout,
        maxima: &[f64],
        i: u32,
    ) -> (Day, Completion) {
        let (Some(&due), Some(&goal)) = (at(&self.due, i), at(&self.goal, i)) else {
            return (NEVER, Completion::Never);
        };
        let range = range_of(&self.value_start, self.series_of(i));
        let days = self.value_day.get(range.clone()).unwrap_or_default();
        let values = self.value.get(range.clone()).unwrap_or_default();
        let mut completed = NEVER;
        match goal {
            GoalKind::AtMost { .. } | GoalKind::Within { .. } => {
                // Judged at the due date by the last report on or before it, or failing
                // that by the first report after it (reported late).
                let until = count_until(days, due);
                let (deciding, in_time) = match until.checked_sub(1) {
                    Some(last) => (last, true),
                    None => (until, false),
                };
                if let (Some(&reported), Some(&value)) = (days.get(deciding), values.get(deciding))
                {
                    if goal.is_met_by(Progress::Cumulative(value)) {
                        completed = if in_time { due } else { reported };
                    }
                }
            }
            GoalKind::AtLeast { target, .. } => {
                // The first report whose value reaches the target: the first whose running
                // highest value does.
                let highest = maxima.get(range).unwrap_or_default();
                if let Some(&reported) = days.get(highest.partition_point(|&h| h < target)) {
                    completed = reported;
                }
            }
            GoalKind::Deliverable => {
                // A deliverable is its own series: its own reports only.
                if let Some(report) = self
                    .reports_of(document, i)
                    .find(|r| goal.is_met_by(r.progress))
                {
                    completed = day(report.date);
                }
            }
        }
        if completed == NEVER {
            return (NEVER, Completion::Never);
        }
        let granularity = layout
            .milestone(document, i)
            .map(|(_, _, m)| m.granularity)
            .unwrap_or_default();
        let completion = match (date(completed), date(due)) {
            _ if completed > due => Completion::Late,
            (Some(c), Some(d))
                if Period::of(c, granularity).ordinal() < Period::of(d, granularity).ordinal() =>
            {
                Completion::Early
            }
            _ => Completion::OnTime,
        };
        (completed, completion)
    }

    /// Heap bytes held by the schedule.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.due.capacity() * size_of::<Day>()
            + self.completed.capacity() * size_of::<Day>()
            + self.completion.capacity() * size_of::<Completion>()
            + self.goal.capacity() * size_of::<GoalKind>()
            + self.withdrawn.capacity()
            + self.sub_withdrawn.capacity()
            + self.report_day.capacity() * size_of::<Day>()
            + self.value_day.capacity() * size_of::<Day>()
            + self.value.capacity() * size_of::<f64>()
            + (self.series.capacity()
                + self.report_start.capacity()
                + self.report_order.capacity()
                + self.value_start.capacity()
                + self.value_order.capacity()
                + self.lag_start.capacity()
                + self.lag_order.capacity()
                + self.partner_start.capacity()
                + self.partners.capacity()
                + self.sub_lead.capacity()
                + self.task_leader.capacity()
                + self.task_by_id.capacity())
                * 4
            + self.lead_overrides.capacity() * 8
            + self.sub_start.capacity() * size_of::<Day>()
    }
}

/// How many of `days` (sorted) fall on or before day `d`.
fn count_until(days: &[Day], d: Day) -> usize {
    // Most series hold a handful of reports, the latest usually on or before `d`: a short
    // scan from the end is faster there; a long series is searched in halves.
    const SHORT: usize = 8;
    if days.len() <= SHORT {
        return days
            .iter()
            .rposition(|&x| x <= d)
            .map_or(0, |last| last + 1);
    }
    days.partition_point(|&x| x <= d)
}

pub(crate) fn at<T>(items: &[T], i: u32) -> Option<&T> {
    items.get(usize::try_from(i).ok()?)
}

/// `start[i]..start[i + 1]` as a `usize` range (empty when out of bounds).
pub(crate) fn range_of(start: &[u32], i: u32) -> std::ops::Range<usize> {
    let from = at(start, i).copied().unwrap_or(0);
    let to = at(start, i.saturating_add(1)).copied().unwrap_or(from);
    let from = usize::try_from(from).unwrap_or(0);
    from..usize::try_from(to).unwrap_or(from).max(from)
}
