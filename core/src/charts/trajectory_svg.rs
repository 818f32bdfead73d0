//! Drawing a [`Trajectory`]: a panel per quantity series and a lane of deliverables, on a
//! date axis over the plan's year, as many to a page as fit.

use chrono::NaiveDate;

use super::date_axis::{ticks, DateAxis};
use super::svg::{fit, number_label, whole, Svg};
use super::timeline::{status_look, status_mark, STATUSES};
use super::trajectory::{Trajectory, TrajectorySeries};
use super::{nothing_to_draw, page_frame, ChartOptions, Frame, HALF_EM, MARGIN};
use crate::milestone::Goal;
use crate::status::MilestoneStatus;
use crate::Language;

/// The height a quantity panel needs, and a deliverable lane.
const QUANTITY_HEIGHT: f64 = 170.0;
const DELIVERABLE_HEIGHT: f64 = 96.0;

/// Where the page's panels go.
struct Panel<'a> {
    series: &'a TrajectorySeries,
    top: f64,
    height: f64,
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
