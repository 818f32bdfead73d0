//! Writing a plan in the office layout: the target table offices read and edit (one row
//! per sub-project, one column per quarter or month whose cell states that period's
//! targets), with the organisation, people and plan items, a milestone register that keeps
//! what the cells cannot show (ids, titles, exact dates), and the plan's records.

use std::collections::HashMap;

use chrono::Datelike;

use super::headers::Column;
use super::long::{in_chinese, long_tables};
use super::sheet::{Cell, Sheet};
use super::write::{Dropdown, WrittenSheet, WrittenWorkbook};
use crate::document::{KeyTaskKind, Level, PlanDocument, Withdrawal};
use crate::milestone::{Goal, Granularity, Milestone, Target};

/// The name of the target table sheet the writer gives.
pub const TARGET_SHEET: &str = "目标表";

/// How a target reads in a cell: the quantity with its unit (`8处`, `不超过3件`,
/// `95至100%`) or the deliverable's description.
pub fn target_text(target: &Target) -> String {
    match target {
        Target::Deliverable { description } => description.clone(),
        Target::Quantity(quantity) => {
            let unit = &quantity.unit;
            let joined = |n: f64| {
                let wide = unit
                    .chars()
                    .next()
                    .is_some_and(|c| u32::from(c) >= 0x1100 || c == '%');
                if wide || unit.is_empty() {
                    format!("{n}{unit}")
                } else {
                    format!("{n} {unit}")
                }
            };
            let text = match quantity.goal {
                Goal::AtLeast(v) => joined(v),
                Goal::AtMost(v) => format!("不超过{}", joined(v)),
                Goal::Within { low, high } => format!("{low}至{}", joined(high)),
            };
            match quantity.baseline {
                Some(baseline) => format!("{text}(基数{baseline})"),
                None => text,
            }
        }
    }
}

/// The kind of work as the target table writes it.
pub(super) fn kind_text(kind: KeyTaskKind) -> &'static str {
    match kind {
        KeyTaskKind::KeyWork => "重点工作",
        KeyTaskKind::SpecialWork => "专项工作",
        KeyTaskKind::MajorProject => "重大工程",
        KeyTaskKind::PracticalProject => "实事项目",
        KeyTaskKind::UnitGoal => "部门及街镇",
    }
}

fn level_text(level: Level) -> &'static str {
    match level {
        Level::City => "市级",
        Level::District => "区级",
    }
}

fn withdrawal_text(withdrawn: Option<&Withdrawal>) -> Cell {
    withdrawn.map_or(Cell::Empty, |w| {
        Cell::Text(format!("{} {}", w.on, w.reason))
    })
}

/// The period column a due date falls in, for the plan's year.
fn period_of(milestone: &Milestone, year: i32, by_quarter: bool) -> Option<Column> {
    let due = milestone.due?;
    if due.year() != year {
        return None;
    }
    let month = u8::try_from(due.month()).ok()?;
    Some(if by_quarter {
        Column::Quarter(month.div_ceil(3))
    } else {
        Column::Month(month)
    })
}

/// Names people and units the way the target table writes them: by name where the name
/// says unambiguously who is meant, by id otherwise.
struct Namer {
    units: HashMap<String, String>,
    people: HashMap<String, String>,
}

impl Namer {
    fn new(document: &PlanDocument) -> Self {
        fn names<'a>(
            entries: impl Iterator<Item = (&'a str, &'a str)> + Clone,
            separators: &[char],
        ) -> HashMap<String, String> {
            let mut count: HashMap<&str, usize> = HashMap::new();
            for (id, name) in entries.clone() {
                *count.entry(name).or_default() += 1;
                if id != name {
                    // A name that is another's id would be read as that id.
                    *count.entry(id).or_default() += 1;
                }
            }
            entries
                .map(|(id, name)| {
                    let clear = count.get(name) == Some(&1)
                        && !name.is_empty()
                        && name.trim() == name
                        && !name.contains(separators);
                    (id.to_owned(), if clear { name } else { id }.to_owned())
                })
                .collect()
        }
        let separators = ['、', ',', ',', ';', ';', '\n', '\r', '/'];
        Self {
            units: names(
                document
                    .units
                    .iter()
                    .map(|u| (u.id.as_str(), u.name.as_str())),
                &separators,
            ),
            people: names(
                document
                    .people
                    .iter()
                    .map(|p| (p.id.as_str(), p.name.as_str())),
                &[],
            ),
        }
    }

    fn unit(&self, id: &str) -> String {
        self.units.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }

    fn person(&self, id: &str) -> String {
        self.people
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The plan in the office layout, as a workbook to write: the target table, then the
/// organisation (`单位`), people (`人员`), plan items (`计划项`), the milestone register
/// (`节点`), and the plan's progress reports, lag reasons, contracts and partner ratings.
///
/// Reading the workbook back gives the same plan; a target cell edited in the target
/// table is read by the cell grammar and wins over the register.
pub fn office_workbook(document: &PlanDocument) -> WrittenWorkbook {
    let year = document.year;
    let milestones = document
        .key_tasks
        .iter()
        .flat_map(|k| &k.sub_projects)
        .flat_map(|s| &s.milestones);
    let by_quarter = milestones
        .clone()
        .filter(|m| m.due.is_some_and(|d| d.year() == year))
        .all(|m| m.granularity == Granularity::Quarter)
        && milestones.clone().next().is_some();
    written(document, by_quarter)
}

/// A blank target table for offices to fill in: the headers (a column per quarter, or per
/// month), dropdowns of the kinds of work, levels, the organisation's units and district
/// leaders, the header frozen and columns sized; with the organisation and people sheets
/// of `organisation` (a plan whose units and people are used; its tasks are not).
pub fn template_workbook(organisation: &PlanDocument, by_quarter: bool) -> WrittenWorkbook {
    let mut blank = PlanDocument::new(organisation.year, organisation.name.clone());
    blank.units = organisation.units.clone();
    blank.people = organisation.people.clone();
    let mut workbook = written(&blank, by_quarter);
    workbook
        .sheets
        .retain(|s| matches!(s.sheet.name.as_str(), TARGET_SHEET | "单位" | "人员"));
    workbook
}

fn written(document: &PlanDocument, by_quarter: bool) -> WrittenWorkbook {
    let year = document.year;
    let periods: Vec<Column> = if by_quarter {
        (1..=4).map(Column::Quarter).collect()
    } else {
        (1..=12).map(Column::Month).collect()
    };
    let tasks = &document.key_tasks;
    let subs = || tasks.iter().flat_map(|k| &k.sub_projects);
    let multi_year = tasks.iter().any(|k| k.multi_year);
    let task_withdrawn = tasks.iter().any(|k| k.withdrawn.is_some());
    let sub_withdrawn = subs().any(|s| s.withdrawn.is_some());
    let start = subs().any(|s| s.start.is_some());
    let mut columns = vec![
        Column::KeyTaskId,
        Column::KeyTask,
        Column::Kind,
        Column::Level,
        Column::PlanItem,
        Column::SupervisingLeader,
    ];
    columns.extend(multi_year.then_some(Column::MultiYear));
    columns.extend(task_withdrawn.then_some(Column::KeyTaskWithdrawn));
    columns.extend([
        Column::Id,
        Column::SubProject,
        Column::LeadUnit,
        Column::PartnerUnits,
        Column::ResponsiblePerson,
    ]);
    columns.extend(start.then_some(Column::Start));
    columns.extend(sub_withdrawn.then_some(Column::SubProjectWithdrawn));
    columns.extend(periods.iter().copied());

    let namer = Namer::new(document);
    let mut item_titles: HashMap<&str, usize> = HashMap::new();
    for item in &document.plan_items {
        *item_titles.entry(item.title.as_str()).or_default() += 1;
    }
    // A plan item is written by its title where the title names it alone, else by its id.
    let item_by_id: HashMap<&str, &str> = document
        .plan_items
        .iter()
        .map(|p| (p.id.as_str(), p.title.as_str()))
        .collect();
    let plan_item = |id: &str| {
        item_by_id
            .get(id)
            .filter(|title| item_titles.get(**title) == Some(&1) && !title.is_empty())
            .map_or_else(|| id.to_owned(), |title| (*title).to_owned())
    };
    let mut rows = vec![
        vec![Cell::Text(document.name.clone())],
        vec![Cell::Text(format!("年度:{year}"))],
        columns.iter().map(|c| Cell::Text(c.header_zh())).collect(),
    ];
    let header_row = 2;
    for task in tasks {
        let leader = task
            .supervising_leader
            .as_ref()
            .map_or(Cell::Empty, |p| Cell::Text(namer.person(p.as_str())));
        let item = Cell::Text(plan_item(task.plan_item.as_str()));
        for sub in &task.sub_projects {
            let r = &sub.responsibility;
            let row = columns
                .iter()
                .map(|column| match column {
                    Column::KeyTaskId => Cell::Text(task.id.to_string()),
                    Column::KeyTask => Cell::Text(task.title.clone()),
                    Column::Kind => Cell::Text(kind_text(task.kind).into()),
                    Column::Level => Cell::Text(level_text(task.level).into()),
                    Column::PlanItem => item.clone(),
                    Column::SupervisingLeader => leader.clone(),
                    Column::MultiYear => {
                        if task.multi_year {
                            Cell::Text("是".into())
                        } else {
                            Cell::Empty
                        }
                    }
                    Column::KeyTaskWithdrawn => withdrawal_text(task.withdrawn.as_ref()),
                    Column::Id => Cell::Text(sub.id.to_string()),
                    Column::SubProject => Cell::Text(sub.title.clone()),
                    Column::LeadUnit => r
                        .lead_unit
                        .as_ref()
                        .map_or(Cell::Empty, |u| Cell::Text(namer.unit(u.as_str()))),
                    Column::PartnerUnits => {
                        let names: Vec<String> = r
                            .partner_units
                            .iter()
                            .map(|u| namer.unit(u.as_str()))
                            .collect();
                        if names.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(names.join("、"))
                        }
                    }
                    Column::ResponsiblePerson => r
                        .responsible_person
                        .as_ref()
                        .map_or(Cell::Empty, |p| Cell::Text(namer.person(p.as_str()))),
                    Column::Start => sub.start.map_or(Cell::Empty, Cell::Date),
                    Column::SubProjectWithdrawn => withdrawal_text(sub.withdrawn.as_ref()),
                    Column::UnitOfMeasure => Cell::Empty,
                    period @ (Column::Quarter(_) | Column::Month(_)) => {
                        let lines: Vec<String> = sub
                            .milestones
                            .iter()
                            .filter(|m| period_of(m, year, by_quarter) == Some(*period))
                            .map(|m| m.target.as_ref().map(target_text).unwrap_or_default())
                            .collect();
                        if lines.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(lines.join("\n"))
                        }
                    }
                })
                .collect();
            rows.push(row);
        }
    }
    let last_row = rows.len().saturating_add(500);
    let mut target = WrittenSheet::new(
        Sheet {
            name: TARGET_SHEET.into(),
            hidden: false,
            rows,
        },
        Some(header_row),
    );
    let position = |wanted: Column| columns.iter().position(|c| *c == wanted);
    let mut dropdowns = Vec::new();
    let mut offer = |column: Option<usize>, choices: Vec<String>| {
        if let Some(column) = column {
            dropdowns.push(Dropdown {
                column,
                first_row: header_row + 1,
                last_row,
                choices,
            });
        }
    };
    offer(
        position(Column::Kind),
        KeyTaskKind::ALL
            .iter()
            .map(|k| kind_text(*k).to_owned())
            .collect(),
    );
    offer(position(Column::Level), vec!["市级".into(), "区级".into()]);
    offer(
        position(Column::LeadUnit),
        document
            .units
            .iter()
            .map(|u| namer.unit(u.id.as_str()))
            .collect(),
    );
    offer(
        position(Column::SupervisingLeader),
        document
            .people
            .iter()
            .filter(|p| p.role.is_district_leader())
            .map(|p| namer.person(p.id.as_str()))
            .collect(),
    );
    target.dropdowns = dropdowns;
    for (c, column) in columns.iter().enumerate() {
        let width = match column {
            Column::KeyTask | Column::SubProject => Some(36.0),
            Column::Quarter(_) => Some(24.0),
            Column::Month(_) => Some(16.0),
            Column::PartnerUnits => Some(28.0),
            _ => None,
        };
        if target.widths.len() <= c {
            target.widths.resize(c + 1, None);
        }
        if let Some(slot) = target.widths.get_mut(c) {
            *slot = width;
        }
    }
    let mut sheets = vec![target];
    for table in long_tables(document) {
        if matches!(table.name.as_str(), "plan" | "key_tasks" | "sub_projects") {
            continue;
        }
        sheets.push(WrittenSheet::new(in_chinese(table), Some(0)));
    }
    WrittenWorkbook { sheets }
}

/// Which table layout a plan is written in, by the name hosts pass (`"office"`, `"long"`).
///
/// # Errors
///
/// [`ArgumentError`](crate::ArgumentError) naming the layouts there are.
pub fn plan_workbook(
    document: &PlanDocument,
    layout: &str,
) -> Result<WrittenWorkbook, crate::ArgumentError> {
    match layout {
        "office" => Ok(office_workbook(document)),
        "long" => Ok(super::io::long_workbook(document)),
        other => Err(crate::ArgumentError::new(
            "layout",
            format!("`{other}` is not a table layout; use \"office\" or \"long\""),
            format!("“{other}”不是表格格式;请使用 \"office\" 或 \"long\""),
        )),
    }
}

/// A blank target table as hosts ask for one: the units and people of `organisation`
/// (none when absent), for `year` (else the organisation's, else 2017), titled `name`
/// (`2017年重点工作目标` when absent), with a column per quarter (`by` `"quarter"`, the
/// default) or per month (`"month"`).
///
/// # Errors
///
/// [`ArgumentError`](crate::ArgumentError) for a `by` that is neither.
pub fn template_for(
    organisation: Option<&PlanDocument>,
    year: Option<i32>,
    name: Option<String>,
    by: Option<&str>,
) -> Result<WrittenWorkbook, crate::ArgumentError> {
    let by_quarter = match by.unwrap_or("quarter") {
        "quarter" => true,
        "month" => false,
        other => {
            return Err(crate::ArgumentError::new(
                "by",
                format!("`{other}` is not a period; use \"quarter\" or \"month\""),
                format!("“{other}”不是期间;请使用 \"quarter\" 或 \"month\""),
            ))
        }
    };
    let mut document = organisation
        .cloned()
        .unwrap_or_else(|| PlanDocument::new(2017, ""));
    if let Some(year) = year {
        document.year = year;
    }
    document.name = name.unwrap_or_else(|| format!("{}年重点工作目标", document.year));
    Ok(template_workbook(&document, by_quarter))
}
