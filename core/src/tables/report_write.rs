//! Results as workbooks: the supervision report as of a date (a headline sheet, one sheet
//! per supervising leader with every key task's and sub-project's light as a cell fill,
//! the lagging list, early finishers, stale reporting, adjustments), the year-end
//! assessment (ranking, explanations down to the milestone, accountability), and a
//! ledger's adjustments.

use std::collections::{HashMap, HashSet};

use super::office_write::target_text;
use super::sheet::{Cell, Sheet};
use super::write::{Look, WrittenSheet, WrittenWorkbook};
use crate::assessment::text::label;
use crate::assessment::{Assessment, Explanation};
use crate::ledger::MilestoneAdjustment;
use crate::plan::Plan;
use crate::report::{Language, SupervisionReport};
use crate::rollup::Summary;
use crate::status::{Evaluation, Light};

/// Words in the report's language.
fn say(language: Language, zh: &str, en: &str) -> String {
    if language == Language::Chinese {
        zh.to_owned()
    } else {
        en.to_owned()
    }
}

/// Column headers in the report's language, from (Chinese, English) pairs.
fn headers(language: Language, pairs: &[(&str, &str)]) -> Vec<String> {
    pairs.iter().map(|(zh, en)| say(language, zh, en)).collect()
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn count(n: impl TryInto<u32>) -> Cell {
    Cell::Number(f64::from(n.try_into().unwrap_or(u32::MAX)))
}

fn look_of(light: Light) -> Look {
    match light {
        Light::Green => Look::Green,
        Light::Yellow => Look::Yellow,
        Light::Red => Look::Red,
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not blank, and
/// not one already used.
fn sheet_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = if clean.is_empty() { "sheet" } else { clean }
        .chars()
        .take(31)
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while !used.insert(name.to_lowercase()) || name.eq_ignore_ascii_case("history") {
        let suffix = format!("({n})");
        name = base
            .chars()
            .take(31usize.saturating_sub(suffix.chars().count()))
            .chain(suffix.chars())
            .collect();
        n += 1;
    }
    name
}

/// A sheet with a title in A1, a header in row 2 and the rows below.
fn table(name: String, title: String, header: Vec<String>, rows: Vec<Vec<Cell>>) -> WrittenSheet {
    let mut all = Vec::with_capacity(rows.len().saturating_add(2));
    all.push(vec![Cell::Text(title)]);
    all.push(header.into_iter().map(Cell::Text).collect());
    all.extend(rows);
    WrittenSheet::new(
        Sheet {
            name,
            hidden: false,
            rows: all,
        },
        Some(1),
    )
}

fn rate_cell(summary: &Summary) -> Cell {
    summary.completion_rate().map_or(Cell::Empty, Cell::Number)
}

fn summary_header(language: Language) -> Vec<String> {
    vec![
        say(language, "子项目", "Sub-projects"),
        say(language, "有到期节点", "Due"),
        say(language, "按进度", "On schedule"),
        say(language, "滞后", "Lagging"),
        say(language, "存在风险", "At risk"),
        say(language, "完成率", "Rate"),
    ]
}

fn summary_cells(summary: &Summary) -> Vec<Cell> {
    vec![
        count(summary.sub_projects),
        count(summary.sub_projects_with_due_milestone),
        count(summary.sub_projects_on_schedule),
        count(summary.sub_projects_lagging),
        count(summary.at_risk),
        rate_cell(summary),
    ]
}

fn unit_name(plan: Option<&Plan>, id: &str) -> String {
    plan.and_then(|p| p.unit(id))
        .map_or_else(|| id.to_owned(), |u| u.name.clone())
}

fn person_name(plan: Option<&Plan>, id: &str) -> String {
    plan.and_then(|p| p.person(id))
        .map_or_else(|| id.to_owned(), |p| p.name.clone())
}

/// The supervision report as a workbook: a headline sheet, one sheet per supervising
/// leader, the lagging list with reasons and responsible people, early finishers, stale
/// reporting and (from a ledger) adjustments. `report` is `evaluation.report()`, or a
/// ledger's report of the same date with its adjustments.
pub fn supervision_workbook(
    evaluation: &Evaluation<'_>,
    report: &SupervisionReport,
    language: Language,
) -> WrittenWorkbook {
    let plan = evaluation.plan();
    let mut used = HashSet::new();
    let mut sheets = Vec::new();
    let as_of = report.as_of;

    // The headline: one row per kind of work, then the total.
    let mut header = vec![
        say(language, "类别", "Kind of work"),
        say(language, "重点工作", "Key tasks"),
    ];
    header.extend(summary_header(language));
    let mut rows: Vec<Vec<Cell>> = report
        .headline
        .iter()
        .map(|line| {
            let mut row = vec![text(language.kind(line.kind)), count(line.key_tasks)];
            row.extend(summary_cells(&line.summary));
            row
        })
        .collect();
    let total_tasks: u64 = report.headline.iter().map(|l| l.key_tasks).sum();
    let mut total = vec![text(say(language, "合计", "Total")), count(total_tasks)];
    total.extend(summary_cells(&report.overall));
    rows.push(total);
    let last = rows.len() + 1;
    let mut headline = table(
        sheet_name(&say(language, "概况", "Headline"), &mut used),
        format!(
            "{} {} {as_of}",
            report.plan_name,
            say(language, "督办报告 截至", "supervision report as of")
        ),
        header,
        rows,
    );
    for r in 2..=last {
        headline.looks.insert((r, 7), Look::Percent);
    }
    for c in 0..8 {
        headline.looks.insert((last, c), Look::Bold);
    }
    headline.looks.insert((last, 7), Look::Percent);
    sheets.push(headline);

    // One sheet per leader: each key task, then its sub-projects, with their lights.
    let mut sub_rows: HashMap<String, Vec<crate::status::SubProjectStatusRow>> = HashMap::new();
    for row in evaluation.sub_project_rows() {
        sub_rows
            .entry(row.key_task.to_string())
            .or_default()
            .push(row);
    }
    for leader in &report.leaders {
        let mut rows = Vec::new();
        let mut looks = Vec::new();
        for task in &leader.rows {
            let r = rows.len() + 2;
            let mut row = vec![
                text(task.key_task.as_str()),
                text(task.title.clone()),
                text(language.kind(task.kind)),
                Cell::Empty,
            ];
            row.extend(summary_cells(&task.summary));
            row.push(text(language.light(task.light)));
            looks.push(((r, 1), Look::Bold));
            looks.push(((r, 10), look_of(task.light)));
            looks.push(((r, 9), Look::Percent));
            rows.push(row);
            for sub in sub_rows.get(task.key_task.as_str()).into_iter().flatten() {
                let r = rows.len() + 2;
                rows.push(vec![
                    text(sub.sub_project.as_str()),
                    text(format!("  {}", sub.title)),
                    Cell::Empty,
                    text(unit_name(Some(plan), sub.lead_unit.as_str())),
                    count(sub.milestones),
                    Cell::Empty,
                    Cell::Empty,
                    count(sub.lagging_milestones),
                    Cell::Empty,
                    Cell::Empty,
                    text(language.light(sub.light)),
                ]);
                looks.push(((r, 10), look_of(sub.light)));
            }
        }
        let mut header = vec![
            say(language, "编号", "Id"),
            say(language, "重点工作 / 子项目", "Key task / sub-project"),
            say(language, "类别", "Kind"),
            say(language, "牵头单位", "Lead unit"),
        ];
        header.extend(summary_header(language));
        header.push(say(language, "灯", "Light"));
        let mut sheet = table(
            sheet_name(&leader.name, &mut used),
            format!(
                "{} {}: {} {as_of}",
                leader.name,
                say(language, "分管工作", "supervises"),
                say(language, "截至", "as of")
            ),
            header,
            rows,
        );
        sheet.looks.extend(looks);
        sheets.push(sheet);
    }

    // The lagging list.
    let rows = report
        .lagging
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let item = &entry.item;
            let reason = item.reason.as_ref();
            vec![
                count(i.saturating_add(1)),
                text(item.milestone.as_str()),
                text(item.title.clone()),
                Cell::Date(item.due),
                Cell::Number(item.days_overdue as f64),
                text(entry.key_task_title.clone()),
                text(entry.lead_unit_name.clone()),
                entry
                    .responsible_person_name
                    .clone()
                    .map_or(Cell::Empty, text),
                text(entry.supervising_leader_name.clone()),
                reason.map_or(Cell::Empty, |r| text(language.class(r.class))),
                reason
                    .and_then(|r| r.cause)
                    .map_or(Cell::Empty, |c| text(language.cause(c))),
                reason.map_or_else(
                    || text(say(language, "未说明原因", "no reason recorded")),
                    |r| text(r.text.clone()),
                ),
            ]
        })
        .collect::<Vec<_>>();
    let lagging_rows = rows.len();
    let mut lagging = table(
        sheet_name(&say(language, "滞后清单", "Lagging"), &mut used),
        format!(
            "{} ({lagging_rows})",
            say(language, "滞后节点", "Lagging milestones")
        ),
        headers(
            language,
            &[
                ("序号", "No."),
                ("节点编号", "Milestone"),
                ("节点", "Title"),
                ("完成时限", "Due"),
                ("逾期天数", "Days overdue"),
                ("重点工作", "Key task"),
                ("牵头单位", "Lead unit"),
                ("责任人", "Responsible"),
                ("分管区领导", "Supervisor"),
                ("原因性质", "Reason class"),
                ("原因类型", "Cause"),
                ("原因说明", "Reason"),
            ],
        ),
        rows,
    );
    for r in 2..lagging_rows + 2 {
        lagging.looks.insert((r, 2), Look::Red);
    }
    sheets.push(lagging);

    let rows = report
        .early_finishers
        .iter()
        .map(|e| {
            vec![
                text(e.milestone.as_str()),
                text(e.title.clone()),
                text(e.sub_project_title.clone()),
                text(e.lead_unit_name.clone()),
                Cell::Date(e.due),
                Cell::Date(e.completed_on),
            ]
        })
        .collect::<Vec<_>>();
    let early = rows.len();
    let mut sheet = table(
        sheet_name(&say(language, "提前完成", "Early"), &mut used),
        format!(
            "{} ({early})",
            say(language, "提前完成的节点", "Milestones completed early")
        ),
        headers(
            language,
            &[
                ("节点编号", "Milestone"),
                ("节点", "Title"),
                ("子项目", "Sub-project"),
                ("牵头单位", "Lead unit"),
                ("完成时限", "Due"),
                ("完成日期", "Completed"),
            ],
        ),
        rows,
    );
    for r in 2..early + 2 {
        sheet.looks.insert((r, 1), Look::Green);
    }
    sheets.push(sheet);

    let rows = report
        .stale
        .iter()
        .map(|s| {
            vec![
                text(s.sub_project.as_str()),
                text(s.title.clone()),
                text(s.lead_unit_name.clone()),
                s.latest_report
                    .map_or_else(|| text(say(language, "从未报送", "never")), Cell::Date),
            ]
        })
        .collect::<Vec<_>>();
    let stale = rows.len();
    let mut sheet = table(
        sheet_name(&say(language, "报送滞后", "Stale reporting"), &mut used),
        format!(
            "{} ({stale})",
            say(
                language,
                "进展报送不及时的子项目",
                "Sub-projects with stale reporting"
            )
        ),
        headers(
            language,
            &[
                ("子项目编号", "Sub-project"),
                ("子项目", "Title"),
                ("牵头单位", "Lead unit"),
                ("最近报送", "Latest report"),
            ],
        ),
        rows,
    );
    for r in 2..stale + 2 {
        sheet.looks.insert((r, 1), Look::Yellow);
    }
    sheets.push(sheet);

    if !report.adjustments.is_empty() {
        sheets.push(adjustments_sheet(
            plan,
            &report.adjustments,
            language,
            &mut used,
        ));
    }
    WrittenWorkbook { sheets }
}

fn adjustments_sheet(
    plan: &Plan,
    adjustments: &[MilestoneAdjustment],
    language: Language,
    used: &mut HashSet<String>,
) -> WrittenSheet {
    let target =
        |t: Option<&crate::milestone::Target>| t.map_or(Cell::Empty, |t| text(target_text(t)));
    let mut rows = Vec::new();
    let mut looks = Vec::new();
    for a in adjustments {
        let moves: Vec<String> = a
            .moves
            .iter()
            .map(|m| {
                let by = person_name(Some(plan), m.by.as_str());
                let why = m
                    .request
                    .as_ref()
                    .map(|r| format!(" ({})", r.text))
                    .unwrap_or_default();
                if language == Language::Chinese {
                    format!(
                        "{}:由 {} 调整为 {},{by} 批准{why}",
                        m.at.date(),
                        m.from,
                        m.to
                    )
                } else {
                    format!(
                        "{}: {} → {}, approved by {by}{why}",
                        m.at.date(),
                        m.from,
                        m.to
                    )
                }
            })
            .collect();
        let state = if a.withdrawn {
            say(language, "已撤销", "withdrawn")
        } else if a.added {
            say(language, "年中新增", "added")
        } else {
            String::new()
        };
        let r = rows.len() + 2;
        if a.original_due != a.current_due {
            looks.push(((r, 3), Look::Yellow));
        }
        if a.original_target != a.current_target {
            looks.push(((r, 5), Look::Yellow));
        }
        rows.push(vec![
            text(a.milestone.as_str()),
            text(a.title.clone()),
            a.original_due.map_or(Cell::Empty, Cell::Date),
            a.current_due.map_or(Cell::Empty, Cell::Date),
            target(a.original_target.as_ref()),
            target(a.current_target.as_ref()),
            count(a.times_moved()),
            count(a.later_exceptions()),
            if moves.is_empty() {
                Cell::Empty
            } else {
                text(moves.join("\n"))
            },
            if state.is_empty() {
                Cell::Empty
            } else {
                text(state)
            },
        ]);
    }
    let mut sheet = table(
        sheet_name(&say(language, "调整记录", "Adjustments"), used),
        say(
            language,
            "节点调整:原定与现行对照",
            "Milestones adjusted: as adopted and as now",
        ),
        headers(
            language,
            &[
                ("节点编号", "Milestone"),
                ("节点", "Title"),
                ("原定时限", "Original due"),
                ("现行时限", "Current due"),
                ("原定目标", "Original target"),
                ("现行目标", "Current target"),
                ("调整次数", "Moves"),
                ("延期(例外批准)", "Later (exceptions)"),
                ("调整经过", "Every move"),
                ("状态", "State"),
            ],
        ),
        rows,
    );
    sheet.looks.extend(looks);
    sheet
}

/// A ledger's adjustments as a workbook of one sheet: every milestone whose deadline or
/// target moved, that was added or withdrawn, original beside current, with every move
/// and who approved it.
pub fn adjustments_workbook(
    plan: &Plan,
    adjustments: &[MilestoneAdjustment],
    language: Language,
) -> WrittenWorkbook {
    let mut used = HashSet::new();
    WrittenWorkbook {
        sheets: vec![adjustments_sheet(plan, adjustments, language, &mut used)],
    }
}

fn explanation_rows(
    node: &Explanation,
    depth: usize,
    unit: &str,
    rows: &mut Vec<Vec<Cell>>,
    language: Language,
) {
    rows.push(vec![
        text(unit),
        Cell::Number(depth as f64),
        text(format!(
            "{}{}",
            "  ".repeat(depth),
            label(&node.explained, language)
        )),
        Cell::Number(node.score),
        Cell::Number(node.weight),
        Cell::Number(node.points),
    ]);
    for child in &node.children {
        explanation_rows(child, depth.saturating_add(1), unit, rows, language);
    }
}

/// The year-end assessment as a workbook: the ranking with grades, every unit's
/// explanation down to the milestone, and the accountability list. The plan, where
/// given, names the units and people of the accountability list (ids otherwise).
pub fn assessment_workbook(
    plan: Option<&Plan>,
    assessment: &Assessment,
    language: Language,
) -> WrittenWorkbook {
    let mut used = HashSet::new();
    let components = assessment.component_names();
    let mut header: Vec<String> = headers(
        language,
        &[
            ("名次", "Rank"),
            ("组内名次", "Rank in group"),
            ("单位", "Unit"),
            ("类型", "Kind"),
            ("等次", "Grade"),
            ("绩效总分", "Performance"),
            ("目标完成", "Target completion"),
            ("牵头得分", "Lead score"),
            ("配合得分", "Partner score"),
        ],
    );
    header.extend(components.iter().cloned());
    let mut looks = Vec::new();
    let rows = assessment
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let grade = if language == Language::Chinese {
                u.grade.chinese()
            } else {
                u.grade.english()
            };
            let look = match u.grade {
                crate::assessment::Grade::Excellent => Look::Green,
                crate::assessment::Grade::Fail => Look::Red,
                _ => Look::Plain,
            };
            if look != Look::Plain {
                looks.push(((i + 2, 4), look));
            }
            let mut row = vec![
                count(u.rank),
                count(u.group_rank),
                text(u.name.clone()),
                text(u.kind.as_str()),
                text(grade),
                Cell::Number(u.performance),
                Cell::Number(u.target_completion),
                u.lead_score.map_or(Cell::Empty, Cell::Number),
                u.partner_score.map_or(Cell::Empty, Cell::Number),
            ];
            row.extend(components.iter().map(|name| {
                u.components
                    .get(name)
                    .map_or(Cell::Empty, |v| Cell::Number(*v))
            }));
            row
        })
        .collect();
    let mut ranking = table(
        sheet_name(&say(language, "排名", "Ranking"), &mut used),
        format!(
            "{} {}",
            say(language, "年终考核 截至", "Year-end assessment as of"),
            assessment.as_of
        ),
        header,
        rows,
    );
    ranking.looks.extend(looks);

    let mut rows = Vec::new();
    for u in &assessment.units {
        explanation_rows(&u.explanation, 0, &u.name, &mut rows, language);
    }
    let explanations = table(
        sheet_name(&say(language, "得分说明", "Explanations"), &mut used),
        say(
            language,
            "每一分的来历:节点、评分、权重",
            "Where every point came from: milestones, ratings, weights",
        ),
        headers(
            language,
            &[
                ("单位", "Unit"),
                ("层级", "Depth"),
                ("项目", "Item"),
                ("得分", "Score"),
                ("权重", "Weight"),
                ("计入分数", "Points"),
            ],
        ),
        rows,
    );

    let rows = assessment
        .accountability
        .iter()
        .map(|a| {
            vec![
                text(a.milestone.as_str()),
                text(a.title.clone()),
                text(a.key_task.as_str()),
                text(unit_name(plan, a.lead_unit.as_str())),
                a.responsible_person
                    .as_ref()
                    .map_or(Cell::Empty, |p| text(person_name(plan, p.as_str()))),
                text(person_name(plan, a.supervising_leader.as_str())),
                Cell::Date(a.due),
                Cell::Number(a.days_overdue as f64),
                a.reason
                    .as_ref()
                    .map_or(Cell::Empty, |r| text(language.class(r.class))),
                a.reason.as_ref().map_or_else(
                    || text(say(language, "未说明原因", "no reason recorded")),
                    |r| text(r.text.clone()),
                ),
                if a.refused_request {
                    text(say(language, "延期申请被驳回", "later date refused"))
                } else {
                    Cell::Empty
                },
            ]
        })
        .collect::<Vec<_>>();
    let listed = rows.len();
    let mut accountability = table(
        sheet_name(&say(language, "问责清单", "Accountability"), &mut used),
        format!(
            "{} ({listed})",
            say(language, "问责清单", "Accountability list")
        ),
        headers(
            language,
            &[
                ("节点编号", "Milestone"),
                ("节点", "Title"),
                ("重点工作", "Key task"),
                ("牵头单位", "Lead unit"),
                ("责任人", "Responsible"),
                ("分管区领导", "Supervisor"),
                ("完成时限", "Due"),
                ("逾期天数", "Days overdue"),
                ("原因性质", "Reason class"),
                ("原因说明", "Reason"),
                ("备注", "Note"),
            ],
        ),
        rows,
    );
    for r in 2..listed + 2 {
        accountability.looks.insert((r, 1), Look::Red);
    }
    WrittenWorkbook {
        sheets: vec![ranking, explanations, accountability],
    }
}

/// A ledger as a workbook: with `as_of`, the supervision report of the plan as it stood
/// that day, with the adjustments recorded by then; without, the adjustments alone.
///
/// # Errors
///
/// As [`Ledger::supervision_report`](crate::Ledger::supervision_report) for a date the
/// ledger cannot answer for.
pub fn ledger_workbook(
    ledger: &crate::Ledger,
    as_of: Option<chrono::NaiveDate>,
    options: &crate::StatusOptions,
    language: Language,
) -> Result<WrittenWorkbook, crate::Error> {
    let Some(as_of) = as_of else {
        return Ok(adjustments_workbook(
            ledger.plan(),
            &ledger.adjustments(),
            language,
        ));
    };
    let report = ledger.supervision_report(as_of, options)?;
    let then = ledger.plan_on(as_of)?;
    let evaluation = then.status(as_of, options)?;
    Ok(supervision_workbook(&evaluation, &report, language))
}
