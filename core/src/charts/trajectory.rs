//! The trajectory of a sub-project: for each quantity series, the cumulative values
//! reported as a step line against every node's target and due date, the straight line
//! from the baseline to each open node that the risk rule measures against, and the
//! forecast at the pace so far; for its deliverables, each node done on time, early,
//! late or lagging.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::svg::{fit, number_label, whole, Svg};
use super::timeline::{status_look, status_mark, STATUSES};
use super::{nothing_to_draw, page_frame, ChartOptions, Frame, HALF_EM, MARGIN};
use crate::error::ArgumentError;
use crate::ids::{MilestoneId, SubProjectId};
use crate::milestone::{Goal, Target};
use crate::schedule::{at, date, day};
use crate::status::{expected_share, forecast, Evaluation, MilestoneStatus};
use crate::Language;

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
    fn is_quantity(&self) -> bool {
        self.unit.is_some()
    }

    /// The node the forecast is drawn for: the first open node to reach that has one.
    fn forecast_node(&self) -> Option<(&TrajectoryNode, NaiveDate, f64)> {
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
        let mut quantities: Vec<(u32, TrajectorySeries)> = Vec::new();
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
            if let Some((_, found)) = quantities.iter_mut().find(|(x, _)| *x == series) {
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
            quantities.push((
                series,
                TrajectorySeries {
                    unit: Some(quantity.unit.clone()),
                    baseline,
                    nodes: vec![node],
                    reports,
                },
            ));
        }
        let mut series: Vec<TrajectorySeries> = quantities.into_iter().map(|(_, s)| s).collect();
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

/// The height a quantity panel needs, and a deliverable lane.
const QUANTITY_HEIGHT: f64 = 170.0;
const DELIVERABLE_HEIGHT: f64 = 96.0;

/// Where the page's panels go.
struct Panel<'a> {
    series: &'a TrajectorySeries,
    top: f64,
    height: f64,
}

/// The horizontal axis: the days from `first` to `last` across `left..right`.
#[derive(Clone, Copy)]
struct DateAxis {
    first: NaiveDate,
    last: NaiveDate,
    left: f64,
    right: f64,
}

impl DateAxis {
    fn x(&self, on: NaiveDate) -> f64 {
        let span = (self.last - self.first).num_days().max(1);
        let days = (on.clamp(self.first, self.last) - self.first).num_days();
        let share = f64::from(i32::try_from(days).unwrap_or(0))
            / f64::from(i32::try_from(span).unwrap_or(1));
        self.left + (self.right - self.left) * share
    }

    /// Month rules and labels from `top` to `bottom`, labels below; quarter labels only
    /// where months would crowd.
    fn months(&self, svg: &mut Svg, (top, bottom): (f64, f64), zh: bool) {
        use chrono::Datelike;
        let months = (self.last.year() - self.first.year()) * 12
            + i32::try_from(self.last.month()).unwrap_or(12)
            - i32::try_from(self.first.month()).unwrap_or(1)
            + 1;
        let per_month = (self.right - self.left) / f64::from(months.clamp(1, 1200));
        let every = if per_month >= 30.0 && months <= 15 {
            1
        } else if per_month >= 12.0 {
            3
        } else {
            12
        };
        svg.open_group("months", None);
        let mut month = NaiveDate::from_ymd_opt(self.first.year(), self.first.month(), 1);
        let mut drawn = 0;
        while let Some(start) = month.filter(|m| *m <= self.last && drawn < 1200) {
            drawn += 1;
            let x = self.x(start);
            if start >= self.first {
                svg.line(
                    (x, top),
                    (x, bottom),
                    r##"stroke="#eeeeee" stroke-width="1""##,
                );
            }
            let next = start.checked_add_months(chrono::Months::new(1));
            if (start.month() - 1) % every == 0 {
                let middle = next.map_or(x, |n| (x + self.x(n.min(self.last))) / 2.0);
                let month = super::month_label(start.month(), zh);
                let label = match (
                    start.month() == 1 && self.first.year() != self.last.year(),
                    zh,
                ) {
                    (true, true) => format!("{}年{month}", start.year()),
                    (true, false) => format!("{month} {}", start.year()),
                    (false, _) => month,
                };
                svg.text(
                    (if every == 1 { middle } else { x + 2.0 }, bottom + 14.0),
                    &label,
                    &format!(
                        r##"font-size="11" text-anchor="{}" fill="#616161""##,
                        if every == 1 { "middle" } else { "start" }
                    ),
                );
            }
            month = next;
        }
        svg.close_group();
    }
}

/// Round tick values spanning `low..high`: about five steps of 1, 2, 2.5 or 5 times a
/// power of ten.
fn ticks(low: f64, high: f64) -> Vec<f64> {
    let span = (high - low).max(1e-9);
    let magnitude = 10f64.powf((span / 5.0).log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| span / step <= 6.0)
        .unwrap_or(10.0 * magnitude);
    if !step.is_finite() || step <= 0.0 {
        return vec![low, high];
    }
    let first = (low / step).floor();
    let count = whole((high / step).ceil() - first + 0.5).clamp(1, 12);
    (0..=u32::try_from(count).unwrap_or(12))
        .map(|k| (first + f64::from(k)) * step)
        .collect()
}

impl Trajectory {
    /// The pages the panels take: each quantity series a panel of its own and the
    /// deliverables a lane, as many to a page as fit.
    fn pages(&self, options: &ChartOptions) -> Vec<Vec<&TrajectorySeries>> {
        let frame = Frame::new(options);
        let room = frame.legend_top - 8.0 - MARGIN - super::TITLE_HEIGHT - MARGIN;
        let mut pages: Vec<Vec<&TrajectorySeries>> = vec![Vec::new()];
        let mut used = 0.0;
        for line in &self.series {
            let need = if line.is_quantity() {
                QUANTITY_HEIGHT
            } else {
                DELIVERABLE_HEIGHT
            };
            let full = pages.last().is_some_and(|p| !p.is_empty()) && used + need > room;
            if full {
                pages.push(Vec::new());
                used = 0.0;
            }
            used += need;
            if let Some(page) = pages.last_mut() {
                page.push(line);
            }
        }
        pages
    }

    /// How many pages the trajectory takes at the given size (at least one).
    pub fn page_count(&self, options: &ChartOptions) -> usize {
        self.pages(options).len()
    }

    /// The trajectory as SVG: a panel per quantity series — the reported cumulative
    /// values as a step line with a dot per report, every node a mark at its target and
    /// due date (done early a triangle, on time a disc, late a square, lagging a cross,
    /// not yet due a ring), the straight line from the baseline to each open node dashed,
    /// and the forecast dotted to the date the pace so far reaches the next node — and a
    /// lane of the deliverables, each late one joined to the day it was done; the as-of
    /// date a dashed line across. Panels that do not fit go to later pages
    /// (`options.page`).
    pub fn to_svg(&self, options: &ChartOptions) -> String {
        let frame = Frame::new(options);
        let zh = options.language == Language::Chinese;
        let pages = self.pages(options);
        let page = options.page.min(pages.len().saturating_sub(1));
        let title = if zh {
            format!("{} · {}(截至 {})", self.title, self.lead_unit, self.as_of)
        } else {
            format!("{} · {} as of {}", self.title, self.lead_unit, self.as_of)
        };
        let description = self.describe(zh, page, pages.len());
        let (mut svg, area) = page_frame(&frame, &title, &description);
        let Some(shown) = pages.get(page).filter(|p| !p.is_empty()) else {
            let message = if zh { "没有节点" } else { "No milestones" };
            return nothing_to_draw(svg, &area, message);
        };
        let first_day = NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or(self.start);
        let last_day = NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(self.as_of);
        let latest_due = self
            .series
            .iter()
            .flat_map(|s| {
                s.nodes
                    .iter()
                    .map(|n| n.due.max(n.completed_on.unwrap_or(n.due)))
            })
            .max()
            .unwrap_or(last_day);
        let axis = DateAxis {
            first: first_day.min(self.start),
            last: last_day.max(latest_due).max(self.as_of),
            left: area.left + 64.0,
            right: area.left + area.width - 12.0,
        };
        // The room between the title and the legend, shared out: deliverable lanes keep
        // their height and quantity panels share the rest.
        let top = area.top;
        let room = frame.legend_top - 8.0 - top;
        let lanes = shown.iter().filter(|s| !s.is_quantity()).count();
        let panels = shown.len() - lanes;
        let lane_height = if panels == 0 {
            room.min(DELIVERABLE_HEIGHT * 1.5)
        } else {
            DELIVERABLE_HEIGHT
        };
        let panel_height = if panels == 0 {
            0.0
        } else {
            (room - lane_height * f64::from(u32::try_from(lanes).unwrap_or(0)))
                / f64::from(u32::try_from(panels).unwrap_or(1))
        };
        let mut y = top;
        let laid: Vec<Panel<'_>> = shown
            .iter()
            .map(|series| {
                let height = if series.is_quantity() {
                    panel_height
                } else {
                    lane_height
                };
                let panel = Panel {
                    series,
                    top: y,
                    height,
                };
                y += height;
                panel
            })
            .collect();
        for panel in &laid {
            if panel.series.is_quantity() {
                self.quantity_panel(&mut svg, panel, axis, zh);
            } else {
                self.deliverable_lane(&mut svg, panel, axis, zh);
            }
        }
        self.legend(&mut svg, &frame, &area, zh);
        let footer = if zh {
            format!(
                "第 {} / {} 页 · 开始于 {}",
                page + 1,
                pages.len(),
                self.start
            )
        } else {
            format!(
                "page {} of {} · started {}",
                page + 1,
                pages.len(),
                self.start
            )
        };
        frame.footer(&mut svg, &footer);
        svg.finish()
    }

    fn describe(&self, zh: bool, page: usize, pages: usize) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(self.series.len());
        for series in &self.series {
            let count = series.nodes.len();
            let done = series
                .nodes
                .iter()
                .filter(|n| n.status.is_completed())
                .count();
            let lagging = series
                .nodes
                .iter()
                .filter(|n| n.status == MilestoneStatus::Lagging)
                .count();
            let latest = series.reports.last();
            parts.push(match (&series.unit, zh) {
                (Some(unit), true) => format!(
                    "数量({unit}){count} 个节点,已完成 {done} 个,滞后 {lagging} 个,最新累计 {}",
                    latest.map_or_else(|| "未上报".to_owned(), |p| format!("{} {unit}({})", number_label(p.value), p.date))
                ),
                (Some(unit), false) => format!(
                    "quantity ({unit}): {count} nodes, {done} done, {lagging} lagging, latest cumulative {}",
                    latest.map_or_else(|| "not reported".to_owned(), |p| format!("{} {unit} on {}", number_label(p.value), p.date))
                ),
                (None, true) => format!("交付 {count} 个节点,已完成 {done} 个,滞后 {lagging} 个"),
                (None, false) => format!("deliverables: {count} nodes, {done} done, {lagging} lagging"),
            });
        }
        if zh {
            format!(
                "子项目“{}”的进度轨迹:{}。阶梯线为上报的累计值,虚线为从基数到各未完成节点的直线进度,点线为按当前速度的预测;第 {} 页,共 {} 页。",
                self.title,
                parts.join(";"),
                page + 1,
                pages
            )
        } else {
            format!(
                "Trajectory of sub-project {}: {}. The step line is the cumulative value reported, the dashed lines the straight-line trajectory to each open node, the dotted line the forecast at the pace so far; page {} of {}.",
                self.title,
                parts.join("; "),
                page + 1,
                pages
            )
        }
    }

    fn quantity_panel(&self, svg: &mut Svg, panel: &Panel<'_>, axis: DateAxis, zh: bool) {
        let series = panel.series;
        let unit = series.unit.as_deref().unwrap_or("");
        svg.open_group("quantity", Some(unit));
        let heading = if zh {
            format!("累计值({unit},基数 {})", number_label(series.baseline))
        } else {
            format!(
                "cumulative value ({unit}, baseline {})",
                number_label(series.baseline)
            )
        };
        svg.text(
            (axis.left - 56.0, panel.top + 13.0),
            &fit(&heading, whole((axis.right - axis.left) / HALF_EM)),
            r##"font-size="12" font-weight="bold" fill="#424242""##,
        );
        let plot_top = panel.top + 24.0;
        let plot_bottom = panel.top + panel.height - 24.0;
        // The values to show: the baseline, every goal, every report, every expected
        // value, kept within a range the axis can label.
        let values: Vec<f64> = std::iter::once(series.baseline)
            .chain(series.nodes.iter().flat_map(|n| {
                n.goal
                    .map(|g| g.values().collect::<Vec<f64>>())
                    .unwrap_or_default()
                    .into_iter()
                    .chain(n.expected)
            }))
            .chain(series.reports.iter().map(|p| p.value))
            .filter(|v| v.is_finite())
            .map(|v| v.clamp(-1e15, 1e15))
            .collect();
        let low = values.iter().copied().fold(0.0f64, f64::min);
        let high = values.iter().copied().fold(low, f64::max);
        let high = if high <= low { low + 1.0 } else { high };
        let marks = ticks(low, high + (high - low) * 0.08);
        let (bottom_value, top_value) = (
            marks.first().copied().unwrap_or(low),
            marks.last().copied().unwrap_or(high),
        );
        let y_of = |value: f64| {
            let share =
                (value.clamp(-1e15, 1e15) - bottom_value) / (top_value - bottom_value).max(1e-9);
            plot_bottom - (plot_bottom - plot_top) * share.clamp(0.0, 1.0)
        };
        axis.months(svg, (plot_top, plot_bottom), zh);
        let labelled: Vec<(f64, String)> =
            marks.iter().map(|&v| (y_of(v), number_label(v))).collect();
        svg.value_axis((axis.left, axis.right), &labelled);
        // The straight-line trajectory to each open node to reach.
        let start = (axis.x(self.start), y_of(series.baseline));
        svg.open_group("trajectories", None);
        for node in &series.nodes {
            if let (Some(Goal::AtLeast(target)), None) = (node.goal, node.completed_on) {
                svg.line(
                    start,
                    (axis.x(node.due), y_of(target)),
                    r##"stroke="#9e9e9e" stroke-width="1.2" stroke-dasharray="6 4""##,
                );
            }
        }
        svg.close_group();
        // Limits and bands.
        for node in &series.nodes {
            let x = axis.x(node.due);
            match node.goal {
                Some(Goal::AtMost(limit)) => svg.line(
                    (x - 14.0, y_of(limit)),
                    (x + 14.0, y_of(limit)),
                    r##"stroke="#6a1b9a" stroke-width="2""##,
                ),
                Some(Goal::Within { low, high }) => svg.rect(
                    (x - 5.0, y_of(high), 10.0, y_of(low) - y_of(high)),
                    r##"fill="#e1bee7" stroke="#6a1b9a" stroke-width="1""##,
                ),
                _ => {}
            }
        }
        // The reports as a step line from the baseline at the start to the as-of date.
        let mut steps: Vec<(f64, f64)> = Vec::with_capacity(series.reports.len() * 2 + 2);
        let mut value = series.baseline;
        let first_report = series.reports.first().map(|p| p.date);
        if !matches!(first_report, Some(d) if d < self.start) {
            steps.push(start);
        }
        for point in &series.reports {
            let x = axis.x(point.date);
            if !steps.is_empty() {
                steps.push((x, y_of(value)));
            }
            value = point.value;
            steps.push((x, y_of(value)));
        }
        if !series.reports.is_empty() {
            steps.push((axis.x(self.as_of), y_of(value)));
        }
        svg.open_group("reports", None);
        if steps.len() > 1 {
            svg.polyline(
                &steps,
                r##"fill="none" stroke="#0072b2" stroke-width="2.2""##,
            );
        }
        for point in &series.reports {
            let tooltip = format!("{} · {} {unit}", point.date, number_label(point.value));
            svg.open_group("report", Some(&tooltip));
            svg.circle(
                (axis.x(point.date), y_of(point.value)),
                2.5,
                r##"fill="#0072b2""##,
            );
            svg.close_group();
        }
        svg.close_group();
        // The forecast, from the latest report to the next node it will reach.
        if let (Some((_, on, target)), Some(latest)) =
            (series.forecast_node(), series.reports.last())
        {
            let to = (axis.x(on), y_of(target));
            svg.open_group(
                "forecast",
                Some(&if zh {
                    format!("预计 {on} 达到 {}", number_label(target))
                } else {
                    format!("forecast to reach {} on {on}", number_label(target))
                }),
            );
            svg.line(
                (axis.x(latest.date), y_of(latest.value)),
                to,
                r##"stroke="#d55e00" stroke-width="1.8" stroke-dasharray="2 3""##,
            );
            let label = if zh {
                format!("预计 {on} 达到 {}", number_label(target))
            } else {
                format!("{} forecast on {on}", number_label(target))
            };
            let beyond = on > axis.last;
            svg.text(
                (to.0 - 4.0, to.1 - 8.0),
                &if beyond {
                    format!("{label} →")
                } else {
                    label
                },
                r##"font-size="11" text-anchor="end" fill="#d55e00""##,
            );
            svg.close_group();
        }
        // The nodes, by status, with their targets.
        let spacing = (axis.right - axis.left)
            / f64::from(u32::try_from(series.nodes.len()).unwrap_or(1).max(1));
        for node in &series.nodes {
            let value = match node.goal {
                Some(Goal::AtLeast(v) | Goal::AtMost(v)) => v,
                Some(Goal::Within { low, high }) => (low + high) / 2.0,
                None => series.baseline,
            };
            let at = (axis.x(node.due), y_of(value));
            let goal = match node.goal {
                Some(Goal::AtMost(v)) => format!("≤{}", number_label(v)),
                Some(Goal::Within { low, high }) => {
                    format!("{}–{}", number_label(low), number_label(high))
                }
                Some(Goal::AtLeast(v)) => number_label(v),
                None => String::new(),
            };
            let (_, zh_name, en_name) = status_look(node.status);
            let tooltip = format!(
                "{} · {} · {goal} {unit} · {}",
                node.title,
                node.due,
                if zh { zh_name } else { en_name }
            );
            svg.open_group(&format!("node {}", node.status.as_str()), Some(&tooltip));
            status_mark(svg, node.status, at, 5.5);
            if spacing >= 36.0 {
                svg.text(
                    (at.0, at.1 - 9.0),
                    &fit(&goal, whole(spacing / HALF_EM)),
                    r##"font-size="11" text-anchor="middle" fill="#212121""##,
                );
            }
            svg.close_group();
        }
        self.as_of_line(svg, axis, (plot_top, plot_bottom), zh);
        svg.close_group();
    }

    fn deliverable_lane(&self, svg: &mut Svg, panel: &Panel<'_>, axis: DateAxis, zh: bool) {
        let series = panel.series;
        svg.open_group("deliverables", None);
        svg.text(
            (axis.left - 56.0, panel.top + 13.0),
            if zh { "交付节点" } else { "deliverables" },
            r##"font-size="12" font-weight="bold" fill="#424242""##,
        );
        let plot_top = panel.top + 20.0;
        let plot_bottom = panel.top + panel.height - 24.0;
        let middle = (plot_top + plot_bottom) / 2.0;
        axis.months(svg, (plot_top, plot_bottom), zh);
        svg.line(
            (axis.left, middle),
            (axis.right, middle),
            r##"stroke="#bdbdbd" stroke-width="1""##,
        );
        let spacing = (axis.right - axis.left)
            / f64::from(u32::try_from(series.nodes.len()).unwrap_or(1).max(1));
        for (n, node) in series.nodes.iter().enumerate() {
            let x = axis.x(node.due);
            let (colour, zh_name, en_name) = status_look(node.status);
            let tooltip = format!(
                "{} · {} · {}{}",
                node.title,
                node.due,
                if zh { zh_name } else { en_name },
                node.completed_on
                    .map(|on| if zh {
                        format!(" · 完成于 {on}")
                    } else {
                        format!(" · done {on}")
                    })
                    .unwrap_or_default()
            );
            svg.open_group(&format!("node {}", node.status.as_str()), Some(&tooltip));
            // A node done on another day than its due date is joined to that day.
            if let Some(done) = node.completed_on.filter(|on| *on != node.due) {
                let to = axis.x(done);
                svg.line(
                    (x, middle),
                    (to, middle),
                    &format!(r#"stroke="{colour}" stroke-width="3""#),
                );
                svg.line(
                    (to, middle - 6.0),
                    (to, middle + 6.0),
                    &format!(r#"stroke="{colour}" stroke-width="2""#),
                );
            }
            status_mark(svg, node.status, (x, middle), 6.0);
            if spacing >= 48.0 {
                let above = n % 2 == 0;
                let label = fit(&node.title, whole(spacing * 2.0 / HALF_EM).max(4));
                let half = f64::from(u32::try_from(super::svg::text_units(&label)).unwrap_or(0))
                    * 5.5
                    / 2.0;
                let anchor = if x + half > axis.right + 10.0 {
                    "end"
                } else if x - half < axis.left - 50.0 {
                    "start"
                } else {
                    "middle"
                };
                svg.text(
                    (x, if above { middle - 12.0 } else { middle + 20.0 }),
                    &label,
                    &format!(r##"font-size="11" text-anchor="{anchor}" fill="#424242""##),
                );
            }
            svg.close_group();
        }
        self.as_of_line(svg, axis, (plot_top, plot_bottom), zh);
        svg.close_group();
    }

    fn as_of_line(&self, svg: &mut Svg, axis: DateAxis, (top, bottom): (f64, f64), zh: bool) {
        let x = axis.x(self.as_of);
        svg.line(
            (x, top),
            (x, bottom),
            r##"stroke="#212121" stroke-width="1.5" stroke-dasharray="4 3""##,
        );
        svg.text(
            (x + 3.0, top + 10.0),
            &if zh {
                format!("截至 {}", self.as_of.format("%m-%d"))
            } else {
                format!("as of {}", self.as_of.format("%m-%d"))
            },
            r##"font-size="10" fill="#212121""##,
        );
    }

    fn legend(&self, svg: &mut Svg, frame: &Frame, area: &super::Area, zh: bool) {
        svg.open_group("legend", None);
        let items = STATUSES.len() + 3;
        let step = area.width / f64::from(u32::try_from(items).unwrap_or(8));
        let units = whole((step - 22.0) / HALF_EM).max(2);
        let y = frame.legend_top + 8.0;
        let mut x = area.left;
        for status in STATUSES {
            let (_, zh_name, en_name) = status_look(status);
            status_mark(svg, status, (x + 8.0, y), 5.5);
            svg.text(
                (x + 18.0, y + 4.0),
                &fit(if zh { zh_name } else { en_name }, units),
                r##"font-size="11" fill="#424242""##,
            );
            x += step;
        }
        let lines = [
            (
                r##"stroke="#0072b2" stroke-width="2.2""##,
                "上报累计",
                "reported",
            ),
            (
                r##"stroke="#9e9e9e" stroke-width="1.2" stroke-dasharray="6 4""##,
                "直线进度",
                "trajectory",
            ),
            (
                r##"stroke="#d55e00" stroke-width="1.8" stroke-dasharray="2 3""##,
                "预测",
                "forecast",
            ),
        ];
        for (style, zh_name, en_name) in lines {
            svg.line((x, y), (x + 16.0, y), style);
            svg.text(
                (x + 18.0, y + 4.0),
                &fit(if zh { zh_name } else { en_name }, units),
                r##"font-size="11" fill="#424242""##,
            );
            x += step;
        }
        svg.close_group();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 8.6), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(
            ticks(0.0, 1.0),
            vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
        );
        let huge = ticks(0.0, 1e15);
        assert!(huge.len() <= 13 && huge.last().is_some_and(|v| *v >= 1e15));
        let negative = ticks(-5.0, 3.0);
        assert!(negative.first().is_some_and(|v| *v <= -5.0));
    }
}
