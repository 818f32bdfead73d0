//! The timeline: every milestone at its due date, one row per key task or per lead unit,
//! marked by its status on the as-of date, with the as-of date as a line across.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::svg::{fit, text_units, Svg};
use super::{label_column, nothing_to_draw, page_frame, ChartOptions, Frame};
use crate::ids::MilestoneId;
use crate::status::{Evaluation, MilestoneStatus};
use crate::Language;

/// What a timeline has a row for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineRows {
    /// One row per key task, in plan order.
    #[default]
    KeyTask,
    /// One row per lead unit, in the order the plan lists its units.
    LeadUnit,
}

/// One milestone on the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineMark {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title.
    pub title: String,
    /// Its due date.
    pub due: NaiveDate,
    /// Where it stands on the as-of date.
    pub status: MilestoneStatus,
}

/// One row: a key task or a unit, and its milestones by due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRow {
    /// The key task's or unit's id.
    pub id: String,
    /// Its title or name.
    pub label: String,
    /// Its milestones (withdrawn ones left out), by due date.
    pub marks: Vec<TimelineMark>,
}

/// Milestones by due date, a row per key task or lead unit. Draw it with
/// [`Timeline::to_svg`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// The plan's name.
    pub plan_name: String,
    /// The plan's year: the axis runs from its first day to its last.
    pub year: i32,
    /// The date the statuses are for.
    pub as_of: NaiveDate,
    /// What the rows are.
    pub rows_are: TimelineRows,
    /// The rows that have milestones.
    pub rows: Vec<TimelineRow>,
}

impl Evaluation<'_> {
    /// The timeline of this date: every milestone not withdrawn at its due date, a row per
    /// key task or per lead unit, marked with its status.
    pub fn timeline(&self, rows_are: TimelineRows) -> Timeline {
        let plan = self.plan();
        let document = plan.document();
        let (ids, labels): (Vec<String>, Vec<String>) = match rows_are {
            TimelineRows::KeyTask => document
                .key_tasks
                .iter()
                .map(|t| (t.id.to_string(), t.title.clone()))
                .unzip(),
            TimelineRows::LeadUnit => document
                .units
                .iter()
                .map(|u| (u.id.to_string(), u.name.clone()))
                .unzip(),
        };
        let position: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let mut marks: Vec<Vec<TimelineMark>> = vec![Vec::new(); ids.len()];
        for row in self.milestone_rows() {
            if row.status == MilestoneStatus::Withdrawn {
                continue;
            }
            let key = match rows_are {
                TimelineRows::KeyTask => row.key_task.as_str(),
                TimelineRows::LeadUnit => row.lead_unit.as_str(),
            };
            if let Some(list) = position.get(key).and_then(|&i| marks.get_mut(i)) {
                list.push(TimelineMark {
                    milestone: row.milestone,
                    title: row.title,
                    due: row.due,
                    status: row.status,
                });
            }
        }
        let rows = ids
            .into_iter()
            .zip(labels)
            .zip(marks)
            .filter(|(_, marks)| !marks.is_empty())
            .map(|((id, label), mut marks)| {
                marks.sort_by(|a, b| (a.due, &a.milestone).cmp(&(b.due, &b.milestone)));
                TimelineRow { id, label, marks }
            })
            .collect();
        Timeline {
            plan_name: document.name.clone(),
            year: document.year,
            as_of: self.as_of(),
            rows_are,
            rows,
        }
    }
}

/// How each status is drawn: colour, shape, and its name in each language.
pub(super) fn status_look(status: MilestoneStatus) -> (&'static str, &'static str, &'static str) {
    match status {
        MilestoneStatus::CompletedEarly => ("#1565c0", "提前完成", "done early"),
        MilestoneStatus::CompletedOnTime => ("#2e7d32", "按时完成", "done on time"),
        MilestoneStatus::CompletedLate => ("#ef6c00", "逾期完成", "done late"),
        MilestoneStatus::Lagging => ("#c62828", "滞后", "lagging"),
        MilestoneStatus::NotYetDue | MilestoneStatus::Withdrawn => {
            ("#757575", "未到期", "not yet due")
        }
    }
}

/// A status's mark: done early a triangle, on time a disc, late a square, lagging a
/// cross, not yet due a ring.
pub(super) fn status_mark(svg: &mut Svg, status: MilestoneStatus, (x, y): (f64, f64), r: f64) {
    let (colour, _, _) = status_look(status);
    match status {
        MilestoneStatus::CompletedEarly => svg.polygon(
            &[(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)],
            &format!(r#"fill="{colour}""#),
        ),
        MilestoneStatus::CompletedOnTime => {
            svg.circle((x, y), r * 0.9, &format!(r#"fill="{colour}""#))
        }
        MilestoneStatus::CompletedLate => svg.rect(
            (x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6),
            &format!(r#"fill="{colour}""#),
        ),
        MilestoneStatus::Lagging => {
            let style = format!(r#"stroke="{colour}" stroke-width="2.5""#);
            svg.line((x - r, y - r), (x + r, y + r), &style);
            svg.line((x - r, y + r), (x + r, y - r), &style);
        }
        MilestoneStatus::NotYetDue | MilestoneStatus::Withdrawn => svg.circle(
            (x, y),
            r * 0.8,
            &format!(r##"fill="#ffffff" stroke="{colour}" stroke-width="1.5""##),
        ),
    }
}

pub(super) const STATUSES: [MilestoneStatus; 5] = [
    MilestoneStatus::CompletedEarly,
    MilestoneStatus::CompletedOnTime,
    MilestoneStatus::CompletedLate,
    MilestoneStatus::Lagging,
    MilestoneStatus::NotYetDue,
];

impl Timeline {
    /// How many pages the timeline takes at the given size (at least one).
    pub fn page_count(&self, options: &ChartOptions) -> usize {
        Frame::new(options).pages(self.rows.len())
    }

    /// The timeline as SVG: a row per key task or unit, the months across, each milestone
    /// a mark at its due date (done early a triangle, on time a disc, late a square,
    /// lagging a cross, not yet due a ring), the as-of date a dashed line; rows beyond the
    /// height on further pages (`options.page`).
    pub fn to_svg(&self, options: &ChartOptions) -> String {
        let frame = Frame::new(options);
        let zh = options.language == Language::Chinese;
        let title = if zh {
            format!("{} 节点时间轴(截至 {})", self.plan_name, self.as_of)
        } else {
            format!(
                "{}: milestones by due date as of {}",
                self.plan_name, self.as_of
            )
        };
        let marks: usize = self.rows.iter().map(|r| r.marks.len()).sum();
        let (page, pages) = frame.page_of(self.rows.len(), options.page);
        let description = if zh {
            format!(
                "{} 个节点按到期日排列,共 {} 行;第 {} 页,共 {} 页。提前完成为三角,按时完成为实心圆,逾期完成为方块,滞后为叉,未到期为空心圆;虚线为截至日期。",
                marks,
                self.rows.len(),
                page + 1,
                pages
            )
        } else {
            format!(
                "{} milestones by due date in {} rows; page {} of {}. Done early is a triangle, on time a disc, late a square, lagging a cross, not yet due a ring; the dashed line is the as-of date.",
                marks,
                self.rows.len(),
                page + 1,
                pages
            )
        };
        let (mut svg, area) = page_frame(&frame, &title, &description);
        if self.rows.is_empty() {
            let message = if zh { "没有节点" } else { "No milestones" };
            return nothing_to_draw(svg, &area, message);
        }
        let shown: Vec<&TimelineRow> = self
            .rows
            .iter()
            .skip(page.saturating_mul(frame.rows_per_page))
            .take(frame.rows_per_page)
            .collect();
        let longest = shown
            .iter()
            .map(|r| text_units(&r.label))
            .max()
            .unwrap_or(10);
        let (label_width, label_units) = label_column(longest, 8.0, 100.0, 0.35, &area);
        let left = area.left + label_width;
        let right = area.left + area.width - 8.0;
        let first = NaiveDate::from_ymd_opt(self.year, 1, 1);
        let last = NaiveDate::from_ymd_opt(self.year, 12, 31);
        let (Some(first), Some(last)) = (first, last) else {
            return svg.finish();
        };
        let span = f64::from(u32::try_from((last - first).num_days().max(1)).unwrap_or(365));
        let x_of = |day: NaiveDate| {
            let days = (day.clamp(first, last) - first).num_days();
            left + (right - left) * f64::from(u32::try_from(days).unwrap_or(0)) / span
        };
        let bottom = area.top
            + super::HEADER_HEIGHT
            + super::ROW_HEIGHT * f64::from(u32::try_from(shown.len()).unwrap_or(0));
        // Months across, with a light rule at each month's start.
        svg.open_group("months", None);
        for month in 1..=12u32 {
            let Some(start) = NaiveDate::from_ymd_opt(self.year, month, 1) else {
                continue;
            };
            let next = NaiveDate::from_ymd_opt(self.year, month + 1, 1).unwrap_or(last);
            let x = x_of(start);
            svg.line(
                (x, area.top + super::HEADER_HEIGHT - 4.0),
                (x, bottom),
                r##"stroke="#e0e0e0" stroke-width="1""##,
            );
            let label = super::month_label(month, zh);
            svg.text(
                ((x + x_of(next)) / 2.0, area.top + 17.0),
                &label,
                r##"font-size="12" text-anchor="middle" fill="#424242""##,
            );
        }
        svg.close_group();
        for (i, row) in shown.iter().enumerate() {
            let y = area.top
                + super::HEADER_HEIGHT
                + super::ROW_HEIGHT * f64::from(u32::try_from(i).unwrap_or(0));
            svg.open_group("row", Some(&row.label));
            if i % 2 == 1 {
                svg.rect(
                    (area.left, y, area.width, super::ROW_HEIGHT),
                    r##"fill="#fafafa""##,
                );
            }
            svg.text(
                (area.left + 4.0, y + 14.0),
                &fit(&row.label, label_units),
                r##"font-size="13" fill="#212121""##,
            );
            for mark in &row.marks {
                let (_, zh_name, en_name) = status_look(mark.status);
                let tooltip = format!(
                    "{} · {} · {}",
                    mark.title,
                    mark.due,
                    if zh { zh_name } else { en_name }
                );
                svg.open_group(&format!("mark {}", mark.status.as_str()), Some(&tooltip));
                status_mark(
                    &mut svg,
                    mark.status,
                    (x_of(mark.due), y + super::ROW_HEIGHT / 2.0),
                    5.0,
                );
                svg.close_group();
            }
            svg.close_group();
        }
        // The as-of date across every row.
        let x = x_of(self.as_of);
        svg.line(
            (x, area.top + super::HEADER_HEIGHT - 4.0),
            (x, bottom),
            r##"stroke="#212121" stroke-width="1.5" stroke-dasharray="4 3""##,
        );
        let legend: Vec<(MilestoneStatus, &str)> = STATUSES
            .iter()
            .map(|&s| {
                let (_, zh_name, en_name) = status_look(s);
                (s, if zh { zh_name } else { en_name })
            })
            .collect();
        svg.open_group("legend", None);
        let step = area.width / 5.0;
        for (n, (status, name)) in legend.iter().enumerate() {
            let x = area.left + step * f64::from(u32::try_from(n).unwrap_or(0));
            status_mark(&mut svg, *status, (x + 8.0, frame.legend_top + 8.0), 6.0);
            svg.text(
                (x + 20.0, frame.legend_top + 13.0),
                name,
                r##"font-size="12" fill="#424242""##,
            );
        }
        svg.close_group();
        let footer = if zh {
            format!(
                "第 {} / {} 页 · 共 {} 行 {} 个节点",
                page + 1,
                pages,
                self.rows.len(),
                marks
            )
        } else {
            format!(
                "page {} of {} · {} rows, {} milestones",
                page + 1,
                pages,
                self.rows.len(),
                marks
            )
        };
        frame.footer(&mut svg, &footer);
        svg.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_colour() {
        let colours: std::collections::HashSet<&str> =
            STATUSES.iter().map(|&s| status_look(s).0).collect();
        assert_eq!(colours.len(), STATUSES.len());
    }
}
