//! The completion-rate trend: the district's headline rate (on-schedule sub-projects over
//! sub-projects with a milestone due) at every month or quarter end, for the whole plan
//! and for each kind of work, against the 95% the district aims at.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::light_board::{period_columns, BoardColumn};
use super::svg::Svg;
use super::{ChartOptions, Frame};
use crate::document::KeyTaskKind;
use crate::milestone::Granularity;
use crate::plan::Plan;
use crate::status::{StatusError, StatusOptions};
use crate::Language;

/// The rate the district's headline aims at.
const AIM: f64 = 0.95;

/// One line of the trend: the whole plan (`kind` `None`) or one kind of work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateSeries {
    /// The kind of work; `None` for the whole plan.
    pub kind: Option<KeyTaskKind>,
    /// The completion rate at each column's date (0–1); `None` while nothing is due.
    pub rates: Vec<Option<f64>>,
}

/// The completion rate over the year. Draw it with [`RateTrend::to_svg`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateTrend {
    /// The plan's name.
    pub plan_name: String,
    /// The last date on the chart.
    pub as_of: NaiveDate,
    /// The months or quarters, in order.
    pub columns: Vec<BoardColumn>,
    /// The whole plan first, then each kind of work present, in the district's order.
    pub series: Vec<RateSeries>,
}

impl Plan {
    /// The completion rate at the end of every month (or quarter) of the plan's year up to
    /// `as_of`, for the whole plan and for each kind of work.
    ///
    /// # Errors
    ///
    /// As [`Plan::status`], for `as_of`.
    pub fn rate_trend(
        &self,
        as_of: NaiveDate,
        step: Granularity,
        options: &StatusOptions,
    ) -> Result<RateTrend, StatusError> {
        self.status(as_of, options)?;
        let document = self.document();
        let columns = period_columns(document.year, as_of, step);
        let kinds: Vec<KeyTaskKind> = KeyTaskKind::ALL
            .iter()
            .copied()
            .filter(|kind| document.key_tasks.iter().any(|t| t.kind == *kind))
            .collect();
        let mut series: Vec<RateSeries> = std::iter::once(None)
            .chain(kinds.iter().copied().map(Some))
            .map(|kind| RateSeries {
                kind,
                rates: Vec::with_capacity(columns.len()),
            })
            .collect();
        for column in &columns {
            let rollup = self.status(column.date, options)?.rollup();
            for line in &mut series {
                let summary = match line.kind {
                    None => Some(rollup.overall),
                    Some(kind) => rollup.by_kind.get(&kind).copied(),
                };
                line.rates.push(summary.and_then(|s| s.completion_rate()));
            }
        }
        Ok(RateTrend {
            plan_name: document.name.clone(),
            as_of,
            columns,
            series,
        })
    }
}

/// Each line's colour, dash and point shape: the whole plan black and solid, the kinds
/// from the Okabe–Ito palette with their own dashes and shapes.
fn line_look(n: usize) -> (&'static str, &'static str, usize) {
    const LOOKS: [(&str, &str); 6] = [
        ("#212121", ""),
        ("#0072b2", "6 3"),
        ("#e69f00", "2 3"),
        ("#009e73", "8 3 2 3"),
        ("#cc79a7", "4 4"),
        ("#d55e00", "1 2"),
    ];
    let (colour, dash) = LOOKS
        .get(n % LOOKS.len())
        .copied()
        .unwrap_or(("#212121", ""));
    (colour, dash, n % 5)
}

/// A point of line `shape`: a disc, a square, a triangle, a diamond or a ring.
fn point(svg: &mut Svg, shape: usize, (x, y): (f64, f64), colour: &str) {
    let r = 4.0;
    let fill = format!(r#"fill="{colour}""#);
    match shape {
        0 => svg.circle((x, y), r, &fill),
        1 => svg.rect((x - r, y - r, 2.0 * r, 2.0 * r), &fill),
        2 => svg.polygon(&[(x, y - r), (x + r, y + r), (x - r, y + r)], &fill),
        3 => svg.polygon(&[(x, y - r), (x + r, y), (x, y + r), (x - r, y)], &fill),
        _ => svg.circle(
            (x, y),
            r,
            &format!(r##"fill="#ffffff" stroke="{colour}" stroke-width="2""##),
        ),
    }
}

impl RateTrend {
    /// The trend as SVG: a line per series over the months or quarters (the whole plan
    /// black and solid, each kind of work with its own colour, dash and point shape), the
    /// 95% aim as a dashed rule, the rate axis from 0% (or from the nearest ten below the
    /// lowest rate, when that is above 50%) to 100%.
    pub fn to_svg(&self, options: &ChartOptions) -> String {
        let frame = Frame::new(options);
        let zh = options.language == Language::Chinese;
        let language = options.language;
        let title = if zh {
            format!("{} 完成率走势(截至 {})", self.plan_name, self.as_of)
        } else {
            format!("{}: completion rate as of {}", self.plan_name, self.as_of)
        };
        let name = |kind: Option<KeyTaskKind>| match (kind, zh) {
            (None, true) => "全部".to_owned(),
            (None, false) => "all".to_owned(),
            (Some(kind), _) => language.kind(kind).to_owned(),
        };
        let latest: Vec<String> = self
            .series
            .iter()
            .map(|line| {
                let rate = line.rates.iter().rev().find_map(|r| *r);
                match rate {
                    Some(rate) => format!("{} {:.1}%", name(line.kind), rate * 100.0),
                    None => format!("{} –", name(line.kind)),
                }
            })
            .collect();
        let description = if zh {
            format!(
                "{} 个时点的完成率(按期推进的子项目占有节点到期的子项目之比);最新:{}。虚线为 95% 目标。",
                self.columns.len(),
                latest.join(",")
            )
        } else {
            format!(
                "Completion rate (sub-projects on schedule over those with a milestone due) at {} dates; latest: {}. The dashed rule is the 95% aim.",
                self.columns.len(),
                latest.join(", ")
            )
        };
        let (mut svg, area) = super::page_frame(&frame, &title, &description);
        let lowest = self
            .series
            .iter()
            .flat_map(|l| l.rates.iter().flatten())
            .fold(1.0f64, |low, r| low.min(r.clamp(0.0, 1.0)));
        let floor = if lowest > 0.5 {
            (lowest * 10.0).floor() / 10.0
        } else {
            0.0
        };
        let left = area.left + 44.0;
        let right = area.left + area.width - 8.0;
        let top = area.top + 10.0;
        let bottom = frame.legend_top - 30.0;
        let columns = self.columns.len().max(1);
        let x_of = |c: usize| {
            let step = (right - left) / f64::from(u32::try_from(columns).unwrap_or(1));
            left + step * (f64::from(u32::try_from(c).unwrap_or(0)) + 0.5)
        };
        let y_of = |rate: f64| {
            let share = (rate.clamp(floor, 1.0) - floor) / (1.0 - floor).max(0.01);
            bottom - (bottom - top) * share
        };
        // The rate axis: a rule every ten per cent.
        let ticks: Vec<(f64, String)> = (super::svg::whole(floor * 10.0 + 0.5)..=10)
            .map(|tenth| {
                let tick = f64::from(u32::try_from(tenth).unwrap_or(10)) / 10.0;
                (y_of(tick), format!("{:.0}%", tick * 100.0))
            })
            .collect();
        svg.value_axis((left, right), &ticks);
        svg.open_group("columns", None);
        for (c, column) in self.columns.iter().enumerate() {
            svg.text(
                (x_of(c), bottom + 18.0),
                &super::light_board::column_label(column, language),
                r##"font-size="12" text-anchor="middle" fill="#424242""##,
            );
        }
        svg.close_group();
        let aim = y_of(AIM);
        svg.line(
            (left, aim),
            (right, aim),
            r##"stroke="#c62828" stroke-width="1" stroke-dasharray="5 4""##,
        );
        svg.text(
            (right, aim - 4.0),
            if zh { "目标 95%" } else { "aim 95%" },
            r##"font-size="11" text-anchor="end" fill="#c62828""##,
        );
        for (n, line) in self.series.iter().enumerate() {
            let (colour, dash, shape) = line_look(n);
            svg.open_group("series", Some(&name(line.kind)));
            // The line is broken where nothing was due.
            let mut run: Vec<(f64, f64)> = Vec::new();
            let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
            for (c, rate) in line.rates.iter().enumerate() {
                match rate {
                    Some(rate) => run.push((x_of(c), y_of(*rate))),
                    None => runs.push(std::mem::take(&mut run)),
                }
            }
            runs.push(run);
            let width = if line.kind.is_none() { "2.5" } else { "1.8" };
            for run in runs.iter().filter(|r| r.len() > 1) {
                svg.polyline(
                    run,
                    &format!(
                        r#"fill="none" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}""#
                    ),
                );
            }
            for (c, rate) in line.rates.iter().enumerate() {
                if let Some(rate) = rate {
                    let tooltip = format!(
                        "{} · {} · {:.1}%",
                        name(line.kind),
                        self.columns.get(c).map_or(self.as_of, |col| col.date),
                        rate * 100.0
                    );
                    svg.open_group("point", Some(&tooltip));
                    point(&mut svg, shape, (x_of(c), y_of(*rate)), colour);
                    svg.close_group();
                }
            }
            svg.close_group();
        }
        svg.open_group("legend", None);
        let slots = self.series.len().max(1);
        let step = area.width / f64::from(u32::try_from(slots).unwrap_or(1));
        for (n, label) in latest.iter().enumerate() {
            let (colour, dash, shape) = line_look(n);
            let x = area.left + step * f64::from(u32::try_from(n).unwrap_or(0));
            let y = frame.legend_top + 7.0;
            svg.line(
                (x, y),
                (x + 22.0, y),
                &format!(r#"stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}""#),
            );
            point(&mut svg, shape, (x + 11.0, y), colour);
            svg.text(
                (x + 28.0, y + 4.0),
                &super::svg::fit(label, super::svg::whole((step - 34.0) / super::HALF_EM)),
                r##"font-size="12" fill="#424242""##,
            );
        }
        svg.close_group();
        svg.finish()
    }
}
