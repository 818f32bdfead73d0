//! The supervision bulletin as of a date.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::html::{Cell, Html};
use super::{chart_options, BulletinOptions, PAGE_CHART, SMALL_CHART};
use crate::charts::ChartOptions;
use crate::ids::PersonId;
use crate::report::{percent, LeaderTable, SupervisionReport};
use crate::rollup::Summary;
use crate::status::{Evaluation, Light, SubProjectStatusRow};
use crate::Language;

impl Evaluation<'_> {
    /// The supervision bulletin (督查通报) of this date as a self-contained HTML document
    /// that prints on A4: see [the module](crate::bulletin).
    ///
    /// ```
    /// use mubiao::{BulletinOptions, Plan, StatusOptions};
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/xuhui-2017.json"))?;
    /// let plan = Plan::from_json_str(&json)?;
    /// let as_of = chrono::NaiveDate::from_ymd_opt(2017, 3, 31).unwrap_or_default();
    /// let html = plan.status(as_of, &StatusOptions::default())?.bulletin(&BulletinOptions::default());
    /// assert!(html.starts_with("<!DOCTYPE html>"));
    /// assert!(html.contains("95.0%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bulletin(&self, options: &BulletinOptions) -> String {
        self.bulletin_of(&self.report(), options)
    }

    /// The supervision bulletin of this date from `report` — e.g. one a
    /// [`Ledger`](crate::Ledger) made with its adjustments — with the charts drawn from
    /// this evaluation. The report should be of the same plan and date.
    pub fn bulletin_of(&self, report: &SupervisionReport, options: &BulletinOptions) -> String {
        let language = options.language;
        let mut html = Html::new(&title(report, language), language);
        html.element("h1", None, &title(report, language));
        let meta = if html.zh() {
            format!("截至 {}", report.as_of)
        } else {
            format!("As of {}", report.as_of)
        };
        html.element("p", Some("meta"), &meta);
        headline(&mut html, report);
        self.board(&mut html, options);
        // The sub-projects that need attention, by supervising leader, found in one pass:
        // red first, then yellow, each in plan order.
        let mut attention: HashMap<PersonId, Vec<SubProjectStatusRow>> = HashMap::new();
        for row in self
            .sub_project_rows()
            .filter(|row| row.light != Light::Green)
        {
            attention
                .entry(row.supervising_leader.clone())
                .or_default()
                .push(row);
        }
        for rows in attention.values_mut() {
            rows.sort_by_key(|row| std::cmp::Reverse(row.light));
        }
        for leader in &report.leaders {
            let rows = attention.remove(&leader.leader).unwrap_or_default();
            self.leader_section(&mut html, leader, &rows, options);
        }
        lagging(&mut html, report);
        early(&mut html, report);
        stale(&mut html, report);
        adjustments(&mut html, report);
        let footer = if html.zh() {
            format!("{} · 督查通报 · 截至 {}", report.plan_name, report.as_of)
        } else {
            format!(
                "{} · supervision bulletin · as of {}",
                report.plan_name, report.as_of
            )
        };
        html.finish(&footer)
    }

    /// The light board, every page of it.
    fn board(&self, html: &mut Html, options: &BulletinOptions) {
        let heading = html.say("亮灯情况", "Light board");
        html.numbered_heading(heading);
        let plan = self.plan();
        let Ok(board) = plan.light_board(self.as_of(), options.step, self.options()) else {
            return;
        };
        let chart = chart_options(PAGE_CHART, options);
        let pages = board.page_count(&chart);
        for page in 0..pages {
            let caption = if html.zh() {
                format!(
                    "各重点工作在每个月(季)末的亮灯,按分管区领导分组;第 {} / {pages} 页",
                    page + 1
                )
            } else {
                format!(
                    "Each key task's light at every month (quarter) end, by supervising leader; page {} of {pages}",
                    page + 1
                )
            };
            html.figure(&board.to_svg(&ChartOptions { page, ..chart }), &caption);
        }
    }

    fn leader_section(
        &self,
        html: &mut Html,
        leader: &LeaderTable,
        attention: &[SubProjectStatusRow],
        options: &BulletinOptions,
    ) {
        html.open_section("leader");
        let heading = if html.zh() {
            format!("分管区领导:{}", leader.name)
        } else {
            format!("Supervising leader: {}", leader.name)
        };
        html.numbered_heading(&heading);
        html.element("p", Some("lead"), &summary_sentence(&leader.totals, html));
        let headings = count_headings(
            html,
            [
                ("重点工作", "Key task"),
                ("类别", "Kind"),
                ("亮灯", "Light"),
            ],
        );
        let rows: Vec<Vec<Cell>> = leader
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![
                    Cell::Text(row.title.clone()),
                    Cell::Text(options.language.kind(row.kind).to_owned()),
                    Cell::Light(Some(row.light)),
                ];
                cells.extend(count_cells(&row.summary));
                cells
            })
            .collect();
        let mut total = vec![
            Cell::Text(html.say("合计", "Total").to_owned()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
        ];
        total.extend(count_cells(&leader.totals));
        html.table(&headings, &rows, Some(&total));
        // The sub-projects that need attention: red first, then yellow, in plan order.
        let heading = html.say("需关注的子项目", "Sub-projects that need attention");
        html.element("h3", None, heading);
        let plan = self.plan();
        let headings = if html.zh() {
            vec!["子项目", "牵头单位", "亮灯", "滞后节点", "最近上报"]
        } else {
            vec![
                "Sub-project",
                "Lead unit",
                "Light",
                "Lagging",
                "Last report",
            ]
        };
        let never = html.say("未上报", "never").to_owned();
        let rows: Vec<Vec<Cell>> = attention
            .iter()
            .map(|row| {
                vec![
                    Cell::Text(row.title.clone()),
                    Cell::Text(
                        plan.unit(row.lead_unit.as_str())
                            .map_or_else(|| row.lead_unit.to_string(), |u| u.name.clone()),
                    ),
                    Cell::Light(Some(row.light)),
                    Cell::Number(row.lagging_milestones.to_string()),
                    last_report(row.latest_report, &never),
                ]
            })
            .collect();
        html.table(&headings, &rows, None);
        let shown = attention.len().min(options.trajectories_per_leader);
        let chart = chart_options(SMALL_CHART, options);
        for row in attention.iter().take(shown) {
            let Ok(trajectory) = self.trajectory(row.sub_project.as_str()) else {
                continue;
            };
            let caption = if html.zh() {
                format!("{}(牵头单位:{})的进度轨迹", row.title, trajectory.lead_unit)
            } else {
                format!(
                    "Trajectory of {} (lead unit {})",
                    row.title, trajectory.lead_unit
                )
            };
            for page in 0..trajectory.page_count(&chart) {
                html.figure(
                    &trajectory.to_svg(&ChartOptions { page, ..chart }),
                    &caption,
                );
            }
        }
        if attention.len() > shown {
            let more = if html.zh() {
                format!(
                    "另有 {} 个需关注的子项目,轨迹未列出。",
                    attention.len() - shown
                )
            } else {
                format!(
                    "{} more sub-projects need attention; their trajectories are not shown.",
                    attention.len() - shown
                )
            };
            html.element("p", Some("more"), &more);
        }
        html.close_section();
    }
}

fn title(report: &SupervisionReport, language: Language) -> String {
    match language {
        Language::Chinese => format!("{} 督查通报", report.plan_name),
        Language::English => format!("{}: supervision bulletin", report.plan_name),
    }
}

/// The headings of a table of counts: its own first columns, then those of
/// [`count_cells`].
fn count_headings<const N: usize>(
    html: &Html,
    first: [(&'static str, &'static str); N],
) -> Vec<&'static str> {
    const COUNTS: [(&str, &str); 6] = [
        ("子项目", "Sub-projects"),
        ("有节点到期", "With due"),
        ("按期推进", "On schedule"),
        ("滞后", "Lagging"),
        ("风险节点", "At risk"),
        ("完成率", "Rate"),
    ];
    first
        .into_iter()
        .chain(COUNTS)
        .map(|(chinese, english)| html.say(chinese, english))
        .collect()
}

/// The count columns of a summary: sub-projects, with a milestone due, on schedule,
/// lagging, milestones at risk, completion rate.
fn count_cells(summary: &Summary) -> Vec<Cell> {
    vec![
        Cell::Number(summary.sub_projects.to_string()),
        Cell::Number(summary.sub_projects_with_due_milestone.to_string()),
        Cell::Number(summary.sub_projects_on_schedule.to_string()),
        Cell::Number(summary.sub_projects_lagging.to_string()),
        Cell::Number(summary.at_risk.to_string()),
        Cell::Number(percent(summary)),
    ]
}

/// The day of the latest report, or `never` in words.
fn last_report(day: Option<NaiveDate>, never: &str) -> Cell {
    Cell::Date(day.map_or_else(|| never.to_owned(), |d| d.to_string()))
}

/// The headline in a sentence.
fn summary_sentence(summary: &Summary, html: &Html) -> String {
    if html.zh() {
        format!(
            "有节点到期的子项目 {} 个,按期推进 {} 个,完成率 {};滞后节点 {} 个(客观原因 {} 个、主观原因 {} 个、未说明原因 {} 个),风险节点 {} 个。",
            summary.sub_projects_with_due_milestone,
            summary.sub_projects_on_schedule,
            percent(summary),
            summary.lagging,
            summary.lagging_objective,
            summary.lagging_subjective,
            summary.lagging_without_reason,
            summary.at_risk
        )
    } else {
        format!(
            "{} sub-projects have a milestone due and {} are on schedule: a completion rate of {}. {} milestones lag ({} for objective reasons, {} subjective, {} without a reason) and {} are at risk.",
            summary.sub_projects_with_due_milestone,
            summary.sub_projects_on_schedule,
            percent(summary),
            summary.lagging,
            summary.lagging_objective,
            summary.lagging_subjective,
            summary.lagging_without_reason,
            summary.at_risk
        )
    }
}

fn headline(html: &mut Html, report: &SupervisionReport) {
    let heading = html.say("总体情况", "Headline");
    html.numbered_heading(heading);
    html.element("p", Some("lead"), &summary_sentence(&report.overall, html));
    let headings = count_headings(html, [("类别", "Kind of work"), ("重点工作", "Key tasks")]);
    let rows: Vec<Vec<Cell>> = report
        .headline
        .iter()
        .map(|line| {
            let mut cells = vec![
                Cell::Text(html.language().kind(line.kind).to_owned()),
                Cell::Number(line.key_tasks.to_string()),
            ];
            cells.extend(count_cells(&line.summary));
            cells
        })
        .collect();
    let tasks: u64 = report.headline.iter().map(|line| line.key_tasks).sum();
    let mut total = vec![
        Cell::Text(html.say("合计", "Total").to_owned()),
        Cell::Number(tasks.to_string()),
    ];
    total.extend(count_cells(&report.overall));
    html.table(&headings, &rows, Some(&total));
}

fn lagging(html: &mut Html, report: &SupervisionReport) {
    let heading = html.say("滞后清单", "Lagging items");
    html.numbered_heading(heading);
    let needing = report
        .lagging
        .iter()
        .filter(|entry| entry.item.needs_reason())
        .count();
    if needing > 0 {
        let text = if html.zh() {
            format!("其中 {needing} 个节点尚未说明滞后原因,请牵头单位补报。")
        } else {
            format!("{needing} of them have no reason recorded; their lead units must give one.")
        };
        html.element("p", Some("lead"), &text);
    }
    let zh = html.zh();
    let language = html.language();
    let headings = if zh {
        vec![
            "序号",
            "节点",
            "重点工作",
            "到期日",
            "逾期天数",
            "牵头单位",
            "责任人",
            "分管区领导",
            "滞后原因",
        ]
    } else {
        vec![
            "No.",
            "Milestone",
            "Key task",
            "Due",
            "Days overdue",
            "Lead unit",
            "Responsible",
            "Supervisor",
            "Reason",
        ]
    };
    let rows: Vec<Vec<Cell>> = report
        .lagging
        .iter()
        .enumerate()
        .map(|(n, entry)| {
            let item = &entry.item;
            let reason = match &item.reason {
                Some(reason) => {
                    let cause = reason
                        .cause
                        .map(|c| format!("·{}", language.cause(c)))
                        .unwrap_or_default();
                    format!("{}{cause}:{}", language.class(reason.class), reason.text)
                }
                None if zh => "未说明原因,须补报".to_owned(),
                None => "no reason recorded; one is needed".to_owned(),
            };
            vec![
                Cell::Number((n + 1).to_string()),
                Cell::Text(item.title.clone()),
                Cell::Text(entry.key_task_title.clone()),
                Cell::Date(item.due.to_string()),
                Cell::Number(item.days_overdue.to_string()),
                Cell::Text(entry.lead_unit_name.clone()),
                Cell::Text(entry.responsible_person_name.clone().unwrap_or_default()),
                Cell::Text(entry.supervising_leader_name.clone()),
                Cell::Text(reason),
            ]
        })
        .collect();
    html.table(&headings, &rows, None);
}

fn early(html: &mut Html, report: &SupervisionReport) {
    let heading = html.say("提前完成", "Completed early");
    html.numbered_heading(heading);
    let headings = if html.zh() {
        vec!["节点", "子项目", "牵头单位", "到期", "完成于"]
    } else {
        vec!["Milestone", "Sub-project", "Lead unit", "Due", "Done"]
    };
    let rows: Vec<Vec<Cell>> = report
        .early_finishers
        .iter()
        .map(|e| {
            vec![
                Cell::Text(e.title.clone()),
                Cell::Text(e.sub_project_title.clone()),
                Cell::Text(e.lead_unit_name.clone()),
                Cell::Date(format!("{}({})", e.due, e.due_period)),
                Cell::Date(format!("{}({})", e.completed_on, e.completed_period)),
            ]
        })
        .collect();
    html.table(&headings, &rows, None);
}

fn stale(html: &mut Html, report: &SupervisionReport) {
    let heading = html.say("上报不及时", "Stale reporting");
    html.numbered_heading(heading);
    let headings = if html.zh() {
        vec!["子项目", "牵头单位", "最近上报"]
    } else {
        vec!["Sub-project", "Lead unit", "Last report"]
    };
    let never = html.say("从未上报", "never reported").to_owned();
    let rows: Vec<Vec<Cell>> = report
        .stale
        .iter()
        .map(|s| {
            vec![
                Cell::Text(s.title.clone()),
                Cell::Text(s.lead_unit_name.clone()),
                last_report(s.latest_report, &never),
            ]
        })
        .collect();
    html.table(&headings, &rows, None);
}

fn adjustments(html: &mut Html, report: &SupervisionReport) {
    if report.adjustments.is_empty() {
        return;
    }
    let heading = html.say("节点调整", "Adjustments");
    html.numbered_heading(heading);
    let zh = html.zh();
    let headings = if zh {
        vec!["节点", "原定日期", "现定日期", "调整", "批准"]
    } else {
        vec![
            "Milestone",
            "Original due",
            "Current due",
            "Change",
            "Approved",
        ]
    };
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "–".to_owned(), |d| d.to_string());
    let rows: Vec<Vec<Cell>> = report
        .adjustments
        .iter()
        .map(|a| {
            let mut change = Vec::new();
            let moved = a.times_moved();
            if moved > 0 {
                change.push(html.language().moved(moved, a.later_exceptions()));
            }
            if a.original_target.is_some() && a.original_target != a.current_target {
                change.push(html.say("目标调整", "target changed").to_owned());
            }
            if a.added {
                change.push(html.say("年中新增", "added during the year").to_owned());
            }
            if a.withdrawn {
                change.push(html.say("撤销", "withdrawn").to_owned());
            }
            let approvals: Vec<String> = a
                .moves
                .iter()
                .filter_map(|m| m.request.as_ref())
                .map(|r| {
                    let by = r.decision.as_ref().map_or("–", |d| d.by.as_str());
                    if zh {
                        format!("{} → {}({by}):{}", r.from, r.due, r.text)
                    } else {
                        format!("{} → {} ({by}): {}", r.from, r.due, r.text)
                    }
                })
                .collect();
            vec![
                Cell::Text(a.title.clone()),
                Cell::Date(date(a.original_due)),
                Cell::Date(date(a.current_due)),
                Cell::Text(change.join(if zh { ";" } else { "; " })),
                Cell::Text(approvals.join(if zh { ";" } else { "; " })),
            ]
        })
        .collect();
    html.table(&headings, &rows, None);
}
