//! The light board (亮灯): every key task's light at the end of each month or quarter up
//! to a date, grouped under the supervising leaders — the trend the supervision office pins
//! on the wall.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::svg::{fit, text_units, Svg};
use super::{
    grouped_lines, label_column, look, nothing_to_draw, page_frame, ChartOptions, Frame, Line,
    Pages, HEADER_HEIGHT, MARGIN, ROW_HEIGHT, TITLE_HEIGHT,
};
use crate::ids::{KeyTaskId, PersonId};
use crate::milestone::Granularity;
use crate::period::Period;
use crate::plan::Plan;
use crate::status::{Light, StatusError, StatusOptions};
use crate::Language;

/// One column of the board: a month or quarter and the date its lights are for (its last
/// day, or the as-of date for the period still running).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    /// The month or quarter.
    pub period: Period,
    /// The date the lights are for.
    pub date: NaiveDate,
}

/// One key task's row: its light in each column; `None` where it had nothing to judge
/// (every milestone withdrawn).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    /// The key task.
    pub key_task: KeyTaskId,
    /// Its title.
    pub title: String,
    /// Its light at each column's date.
    pub lights: Vec<Option<Light>>,
}

/// The key tasks one leader supervises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardGroup {
    /// The supervising leader; `None` for key tasks without one.
    pub leader: Option<PersonId>,
    /// The leader's name (empty without a leader).
    pub name: String,
    /// One row per key task, in plan order.
    pub rows: Vec<BoardRow>,
}

/// The light board of a plan up to a date. Draw it with [`LightBoard::to_svg`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LightBoard {
    /// The plan's name.
    pub plan_name: String,
    /// The last date on the board.
    pub as_of: NaiveDate,
    /// The months or quarters, in order.
    pub columns: Vec<BoardColumn>,
    /// The leaders in the order the plan lists its people, then key tasks without one.
    pub groups: Vec<BoardGroup>,
}

/// The months or quarters of `year` up to `as_of`, each with the date a chart shows it
/// at: its last day, or `as_of` for the period still running.
pub(crate) fn period_columns(year: i32, as_of: NaiveDate, step: Granularity) -> Vec<BoardColumn> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(as_of);
    let mut columns = Vec::new();
    let mut period = Period::of(first.min(as_of), step);
    while let Some(last_day) = period.last_day() {
        columns.push(BoardColumn {
            period,
            date: last_day.min(as_of),
        });
        if last_day >= as_of {
            break;
        }
        period = period.next();
    }
    columns
}

impl Plan {
    /// The light board: each key task's light at the end of every month (or quarter) of
    /// the plan's year up to `as_of`, the last column `as_of` itself.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use mubiao::{ChartOptions, Granularity, PlanDocument, StatusOptions};
    ///
    /// # let plan = PlanDocument::from_json_str(include_str!("../../../docs/example-plan.json"))?.validate()?;
    /// let as_of = NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
    /// let board = plan.light_board(as_of, Granularity::Month, &StatusOptions::default())?;
    /// assert_eq!(board.columns.len(), 6);
    /// let svg = board.to_svg(&ChartOptions::default());
    /// assert!(svg.starts_with("<svg") && svg.contains("<title"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Plan::status`], for `as_of`.
    pub fn light_board(
        &self,
        as_of: NaiveDate,
        step: Granularity,
        options: &StatusOptions,
    ) -> Result<LightBoard, StatusError> {
        self.status(as_of, options)?;
        let document = self.document();
        let columns = period_columns(document.year, as_of, step);
        // lights[task][column]
        let mut lights: Vec<Vec<Option<Light>>> = (0..document.key_tasks.len())
            .map(|_| Vec::with_capacity(columns.len()))
            .collect();
        for column in &columns {
            let evaluation = self.status(column.date, options)?;
            for (row, light) in lights.iter_mut().zip(evaluation.key_task_lights()) {
                row.push(light);
            }
        }
        let mut rows: Vec<Option<BoardRow>> = document
            .key_tasks
            .iter()
            .zip(lights)
            .map(|(task, lights)| {
                Some(BoardRow {
                    key_task: task.id.clone(),
                    title: task.title.clone(),
                    lights,
                })
            })
            .collect();
        // The key tasks of each leader, by position (one pass, not one per leader).
        let mut by_leader: HashMap<&PersonId, Vec<usize>> = HashMap::new();
        for (i, task) in document.key_tasks.iter().enumerate() {
            if let Some(leader) = &task.supervising_leader {
                by_leader.entry(leader).or_default().push(i);
            }
        }
        let mut groups = Vec::new();
        for person in &document.people {
            let Some(positions) = by_leader.get(&person.id) else {
                continue;
            };
            let group_rows: Vec<BoardRow> = positions
                .iter()
                .filter_map(|&i| rows.get_mut(i).and_then(Option::take))
                .collect();
            if !group_rows.is_empty() {
                groups.push(BoardGroup {
                    leader: Some(person.id.clone()),
                    name: person.name.clone(),
                    rows: group_rows,
                });
            }
        }
        let rest: Vec<BoardRow> = rows.into_iter().flatten().collect();
        if !rest.is_empty() {
            groups.push(BoardGroup {
                leader: None,
                name: String::new(),
                rows: rest,
            });
        }
        Ok(LightBoard {
            plan_name: document.name.clone(),
            as_of,
            columns,
            groups,
        })
    }
}

fn light_name(light: Option<Light>, language: Language) -> &'static str {
    let zh = language == Language::Chinese;
    match (light, zh) {
        (Some(Light::Green), true) => "绿灯",
        (Some(Light::Yellow), true) => "黄灯",
        (Some(Light::Red), true) => "红灯",
        (None, true) => "无",
        (Some(Light::Green), false) => "green",
        (Some(Light::Yellow), false) => "yellow",
        (Some(Light::Red), false) => "red",
        (None, false) => "none",
    }
}

/// A column's heading: `3月` / `2017-03`, `1季度` / `Q1`.
pub(crate) fn column_label(column: &BoardColumn, language: Language) -> String {
    let zh = language == Language::Chinese;
    match (column.period, zh) {
        (Period::Month { month, .. }, true) => format!("{month}月"),
        (Period::Quarter { quarter, .. }, true) => format!("{quarter}季度"),
        (Period::Month { year, month }, false) => format!("{year}-{month:02}"),
        (Period::Quarter { quarter, .. }, false) => format!("Q{quarter}"),
        (Period::Year(year), _) => year.to_string(),
    }
}

/// Draws a light's mark (its shape besides its colour) centred in a cell.
fn mark(svg: &mut Svg, light: Option<Light>, (x, y): (f64, f64), size: f64) {
    let r = (size * 0.3).max(1.5);
    match light {
        Some(Light::Green) => svg.circle((x, y), r, r##"fill="#ffffff""##),
        Some(Light::Yellow) => svg.polygon(
            &[(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)],
            r##"fill="#3e2723""##,
        ),
        Some(Light::Red) => {
            let style = r##"stroke="#ffffff" stroke-width="2""##;
            svg.line((x - r, y - r), (x + r, y + r), style);
            svg.line((x - r, y + r), (x + r, y - r), style);
        }
        None => svg.line(
            (x - r, y),
            (x + r, y),
            r##"stroke="#9e9e9e" stroke-width="1.5""##,
        ),
    }
}

impl LightBoard {
    /// The lines drawn: each leader's heading, then their key tasks.
    fn lines(&self) -> Vec<Line<'_, BoardGroup, BoardRow>> {
        grouped_lines(&self.groups, |group| &group.rows)
    }

    /// How many pages the board takes at the given size (at least one).
    pub fn page_count(&self, options: &ChartOptions) -> usize {
        Pages::new(self.lines(), &Frame::new(options)).count()
    }

    /// The board as SVG: a row per key task under its leader's heading, a column per month
    /// or quarter, each cell filled with the light and marked with its shape (green a
    /// circle, yellow a triangle, red a cross), a legend, and — when the rows do not fit
    /// the height — the page `options.page` of [`LightBoard::page_count`], each page
    /// repeating the heading of the leader it starts in.
    pub fn to_svg(&self, options: &ChartOptions) -> String {
        let (width, _) = options.size();
        let language = options.language;
        let zh = language == Language::Chinese;
        let title = if zh {
            format!("{} 亮灯情况(截至 {})", self.plan_name, self.as_of)
        } else {
            format!("{}: light board as of {}", self.plan_name, self.as_of)
        };
        let lines = self.lines();
        let tasks: usize = self.groups.iter().map(|g| g.rows.len()).sum();
        let frame = Frame::new(options);
        let paged = Pages::new(lines.clone(), &frame);
        let (page, drawn) = paged.page(options.page);
        let pages = paged.count();
        let description = if zh {
            format!(
                "{} 项重点工作在 {} 个时点的亮灯;第 {} 页,共 {} 页。绿灯为圆点,黄灯为三角,红灯为叉。",
                tasks,
                self.columns.len(),
                page + 1,
                pages
            )
        } else {
            format!(
                "Lights of {} key tasks at {} dates; page {} of {}. Green is a circle, yellow a triangle, red a cross.",
                tasks,
                self.columns.len(),
                page + 1,
                pages
            )
        };
        let (mut svg, area) = page_frame(&frame, &title, &description);
        if lines.is_empty() || self.columns.is_empty() {
            let message = if zh {
                "没有可亮灯的重点工作"
            } else {
                "No key tasks to light"
            };
            return nothing_to_draw(svg, &area, message);
        }
        // The label column is as wide as the longest label needs, within 45% of the width.
        let longest = lines
            .iter()
            .map(|line| match line {
                Line::Heading(group, _) => text_units(&group.name) + 8,
                Line::Row(row) => text_units(&row.title) + 2,
            })
            .max()
            .unwrap_or(10);
        let (label_width, label_units) = label_column(longest, 12.0, 120.0, 0.45, &area);
        let columns = self.columns.len();
        let column_width =
            (width - 2.0 * MARGIN - label_width) / f64::from(u32::try_from(columns).unwrap_or(1));
        let left = MARGIN + label_width;
        let top = MARGIN + TITLE_HEIGHT;
        // Column headings.
        svg.open_group("columns", None);
        for (c, column) in self.columns.iter().enumerate() {
            let x = left + column_width * f64::from(u32::try_from(c).unwrap_or(0));
            svg.text(
                (x + column_width / 2.0, top + 17.0),
                &column_label(column, language),
                r##"font-size="12" text-anchor="middle" fill="#424242""##,
            );
        }
        svg.close_group();
        let cell_size = (column_width - 4.0).min(ROW_HEIGHT - 4.0);
        for (i, line) in drawn.iter().enumerate() {
            let y = top + HEADER_HEIGHT + ROW_HEIGHT * f64::from(u32::try_from(i).unwrap_or(0));
            match line {
                Line::Heading(group, continued) => {
                    let name = match (group.name.is_empty(), zh) {
                        (true, true) => "未指定分管领导".to_owned(),
                        (true, false) => "No supervising leader".to_owned(),
                        (false, _) => group.name.clone(),
                    };
                    let name = match (continued, zh) {
                        (true, true) => format!("{name}(续)"),
                        (true, false) => format!("{name} (continued)"),
                        (false, _) => name,
                    };
                    svg.rect(
                        (MARGIN, y + 1.0, width - 2.0 * MARGIN, ROW_HEIGHT - 2.0),
                        r##"fill="#f5f5f5""##,
                    );
                    svg.text(
                        (MARGIN + 4.0, y + 14.0),
                        &fit(&name, label_units),
                        r##"font-size="13" font-weight="bold" fill="#212121""##,
                    );
                }
                Line::Row(row) => {
                    svg.open_group("key-task", Some(&row.title));
                    svg.text(
                        (MARGIN + 12.0, y + 14.0),
                        &fit(&row.title, label_units.saturating_sub(2)),
                        r##"font-size="13" fill="#212121""##,
                    );
                    for (c, light) in row.lights.iter().enumerate() {
                        let x = left + column_width * f64::from(u32::try_from(c).unwrap_or(0));
                        let tooltip = match self.columns.get(c) {
                            Some(column) => format!(
                                "{} · {} · {}",
                                row.title,
                                column.date,
                                light_name(*light, language)
                            ),
                            None => row.title.clone(),
                        };
                        svg.open_group(
                            &format!("cell {}", light.map_or("none", Light::as_str)),
                            Some(&tooltip),
                        );
                        svg.rect(
                            (x + 2.0, y + 2.0, column_width - 4.0, ROW_HEIGHT - 4.0),
                            &format!(r#"fill="{}" rx="2""#, look::fill(*light)),
                        );
                        mark(
                            &mut svg,
                            *light,
                            (x + column_width / 2.0, y + ROW_HEIGHT / 2.0),
                            cell_size,
                        );
                        svg.close_group();
                    }
                    svg.close_group();
                }
            }
        }
        // The legend: each light's colour and shape, named.
        let legend_y = frame.legend_top;
        svg.open_group("legend", None);
        let entries: [(Option<Light>, &str, &str); 3] = [
            (
                Some(Light::Green),
                "绿灯:正常推进或已完成",
                "green: on track or done",
            ),
            (
                Some(Light::Yellow),
                "黄灯:临期未完成或有风险",
                "yellow: due soon or at risk",
            ),
            (Some(Light::Red), "红灯:滞后", "red: lagging"),
        ];
        let step = (width - 2.0 * MARGIN) / 3.0;
        for (n, (light, label_zh, label_en)) in entries.iter().enumerate() {
            let x = MARGIN + step * f64::from(u32::try_from(n).unwrap_or(0));
            svg.rect(
                (x, legend_y, 18.0, 16.0),
                &format!(r#"fill="{}" rx="2""#, look::fill(*light)),
            );
            mark(&mut svg, *light, (x + 9.0, legend_y + 8.0), 14.0);
            svg.text(
                (x + 24.0, legend_y + 13.0),
                if zh { label_zh } else { label_en },
                r##"font-size="12" fill="#424242""##,
            );
        }
        svg.close_group();
        let footer = if zh {
            format!("第 {} / {} 页 · 共 {} 项重点工作", page + 1, pages, tasks)
        } else {
            format!("page {} of {} · {} key tasks", page + 1, pages, tasks)
        };
        frame.footer(&mut svg, &footer);
        svg.finish()
    }
}
