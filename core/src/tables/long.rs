//! The long layout: one table per record type, one row per record, one column per field,
//! every field of the plan document expressible. This is the layout analysts and host
//! databases use, as CSV files or as the sheets of a workbook.
//!
//! Writing gives a header row of field names and one row per record; reading takes the
//! tables by name, matches columns by header (in any order, extra columns reported), and
//! places every problem on its cell (`milestones!E12`).

use chrono::NaiveDate;
use serde::Serialize;

use super::sheet::{Cell, Sheet};
use crate::document::{KeyTask, PlanDocument, SubProject, Withdrawal};
use crate::milestone::{Goal, Milestone, QuantityTarget, Target};
use crate::progress::Progress;
use crate::responsibility::Responsibility;

/// The tables of the long layout, in the order they are written, with their columns.
pub const LONG_TABLES: [(&str, &[&str]); 11] = [
    ("plan", &["format_version", "year", "name"]),
    ("units", &["id", "name", "kind", "parent"]),
    ("people", &["id", "name", "role", "unit"]),
    ("plan_items", &["id", "title", "submitted_by"]),
    (
        "key_tasks",
        &[
            "id",
            "title",
            "kind",
            "level",
            "plan_item",
            "supervising_leader",
            "multi_year",
            "withdrawn_on",
            "withdrawn_reason",
        ],
    ),
    (
        "sub_projects",
        &[
            "id",
            "key_task",
            "title",
            "start",
            "lead_unit",
            "partner_units",
            "responsible_person",
            "withdrawn_on",
            "withdrawn_reason",
        ],
    ),
    (
        "milestones",
        &[
            "id",
            "sub_project",
            "title",
            "due",
            "granularity",
            "target",
            "description",
            "unit",
            "value",
            "low",
            "high",
            "baseline",
            "lead_unit",
            "partner_units",
            "responsible_person",
            "withdrawn_on",
            "withdrawn_reason",
        ],
    ),
    (
        "progress_reports",
        &["milestone", "date", "progress", "reported_by", "note"],
    ),
    (
        "lag_reasons",
        &[
            "milestone",
            "class",
            "cause",
            "text",
            "recorded_on",
            "pending_request",
        ],
    ),
    (
        "contracts",
        &[
            "id",
            "kind",
            "upper_signer",
            "lower_signer",
            "signed_on",
            "key_tasks",
        ],
    ),
    (
        "partner_ratings",
        &[
            "sub_project",
            "partner",
            "score",
            "rated_by",
            "rated_on",
            "comment",
        ],
    ),
];

/// A table's English name, Chinese name, and each field with its Chinese header.
pub type ChineseTable = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The Chinese names of the long layout's tables and columns, which the office workbook
/// uses for its supplementary sheets and which reading accepts as well as the English.
pub const LONG_TABLES_ZH: [ChineseTable; 11] = [
    (
        "plan",
        "计划",
        &[
            ("format_version", "格式版本"),
            ("year", "年度"),
            ("name", "名称"),
        ],
    ),
    (
        "units",
        "单位",
        &[
            ("id", "编号"),
            ("name", "名称"),
            ("kind", "类型"),
            ("parent", "上级单位"),
        ],
    ),
    (
        "people",
        "人员",
        &[
            ("id", "编号"),
            ("name", "姓名"),
            ("role", "职务"),
            ("unit", "单位"),
        ],
    ),
    (
        "plan_items",
        "计划项",
        &[
            ("id", "编号"),
            ("title", "计划项"),
            ("submitted_by", "提交单位"),
        ],
    ),
    (
        "key_tasks",
        "重点工作",
        &[
            ("id", "编号"),
            ("title", "重点工作"),
            ("kind", "类别"),
            ("level", "层级"),
            ("plan_item", "计划项"),
            ("supervising_leader", "分管区领导"),
            ("multi_year", "跨年度"),
            ("withdrawn_on", "撤销日期"),
            ("withdrawn_reason", "撤销原因"),
        ],
    ),
    (
        "sub_projects",
        "子项目",
        &[
            ("id", "编号"),
            ("key_task", "重点工作编号"),
            ("title", "子项目"),
            ("start", "开始日期"),
            ("lead_unit", "牵头单位"),
            ("partner_units", "配合单位"),
            ("responsible_person", "责任人"),
            ("withdrawn_on", "撤销日期"),
            ("withdrawn_reason", "撤销原因"),
        ],
    ),
    (
        "milestones",
        "节点",
        &[
            ("id", "编号"),
            ("sub_project", "子项目编号"),
            ("title", "节点"),
            ("due", "完成时限"),
            ("granularity", "时限粒度"),
            ("target", "目标类型"),
            ("description", "目标描述"),
            ("unit", "计量单位"),
            ("value", "目标值"),
            ("low", "下限"),
            ("high", "上限"),
            ("baseline", "基数"),
            ("lead_unit", "牵头单位"),
            ("partner_units", "配合单位"),
            ("responsible_person", "责任人"),
            ("withdrawn_on", "撤销日期"),
            ("withdrawn_reason", "撤销原因"),
        ],
    ),
    (
        "progress_reports",
        "进展",
        &[
            ("milestone", "节点编号"),
            ("date", "日期"),
            ("progress", "进展"),
            ("reported_by", "报送人"),
            ("note", "备注"),
        ],
    ),
    (
        "lag_reasons",
        "滞后原因",
        &[
            ("milestone", "节点编号"),
            ("class", "性质"),
            ("cause", "原因类型"),
            ("text", "说明"),
            ("recorded_on", "记录日期"),
            ("pending_request", "待决申请"),
        ],
    ),
    (
        "contracts",
        "责任书",
        &[
            ("id", "编号"),
            ("kind", "类型"),
            ("upper_signer", "上级签订人"),
            ("lower_signer", "下级签订人"),
            ("signed_on", "签订日期"),
            ("key_tasks", "重点工作"),
        ],
    ),
    (
        "partner_ratings",
        "配合评价",
        &[
            ("sub_project", "子项目编号"),
            ("partner", "配合单位"),
            ("score", "评分"),
            ("rated_by", "评价人"),
            ("rated_on", "评价日期"),
            ("comment", "评语"),
        ],
    ),
];

/// The `plan` table of the long layout for a plan of `year` called `name`: for hosts that
/// give the other tables and say the year and name in words.
pub fn plan_table(year: i32, name: &str) -> Sheet {
    table(
        "plan",
        columns_of("plan"),
        vec![vec![
            Cell::Number(f64::from(crate::document::FORMAT_VERSION)),
            Cell::Number(f64::from(year)),
            text(name),
        ]],
    )
}

/// Whether `name` is a table of the long layout, in English or Chinese.
pub fn is_long_table(name: &str) -> bool {
    table_named(name).is_some()
}

/// The long layout's table a sheet name means, in English or Chinese (`milestones.csv`,
/// `节点`), with its columns.
pub(super) fn table_named(name: &str) -> Option<(&'static str, &'static [&'static str])> {
    let wanted = name.trim().to_lowercase();
    let wanted = wanted.trim_end_matches(".csv");
    LONG_TABLES
        .iter()
        .find(|(n, _)| *n == wanted)
        .or_else(|| {
            let english = LONG_TABLES_ZH.iter().find(|(_, zh, _)| *zh == wanted)?.0;
            LONG_TABLES.iter().find(|(n, _)| *n == english)
        })
        .copied()
}

/// The field a column header means in a table, in English or Chinese.
pub(super) fn field_named(table: &str, header: &str) -> Option<&'static str> {
    let header = header.trim().to_lowercase();
    let columns = LONG_TABLES.iter().find(|(n, _)| *n == table)?.1;
    columns.iter().find(|c| **c == header).copied().or_else(|| {
        LONG_TABLES_ZH
            .iter()
            .find(|(n, _, _)| *n == table)?
            .2
            .iter()
            .find(|(_, zh)| *zh == header)
            .map(|(field, _)| *field)
    })
}

/// A table of the long layout with Chinese sheet name and headers.
pub(super) fn in_chinese(mut sheet: Sheet) -> Sheet {
    if let Some((_, zh, fields)) = LONG_TABLES_ZH.iter().find(|(n, _, _)| *n == sheet.name) {
        sheet.name = (*zh).to_owned();
        if let Some(header) = sheet.rows.first_mut() {
            for cell in header.iter_mut() {
                let english = cell.text();
                if let Some((_, name)) = fields.iter().find(|(f, _)| *f == english) {
                    *cell = Cell::Text((*name).to_owned());
                }
            }
        }
    }
    sheet
}

/// The name an enum value has in documents (`key_work`, `quarter` …).
pub(super) fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

fn text(value: &str) -> Cell {
    if value.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(value.to_owned())
    }
}

fn optional(value: Option<&str>) -> Cell {
    value.map_or(Cell::Empty, text)
}

fn date(value: Option<NaiveDate>) -> Cell {
    value.map_or(Cell::Empty, Cell::Date)
}

fn number(value: Option<f64>) -> Cell {
    value.map_or(Cell::Empty, Cell::Number)
}

/// Several ids in one cell: separated by `;`, or written as a JSON array when an id holds
/// a `;` itself, so that every list reads back exactly.
pub(super) fn id_list<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> Cell {
    if ids.clone().next().is_none() {
        return Cell::Empty;
    }
    let plain = ids
        .clone()
        .all(|id| !id.contains(';') && !id.is_empty() && id.trim() == id)
        && !ids.clone().next().is_some_and(|id| id.starts_with('['));
    if plain {
        Cell::Text(ids.collect::<Vec<_>>().join(";"))
    } else {
        Cell::Text(serde_json::to_string(&ids.collect::<Vec<_>>()).unwrap_or_default())
    }
}

fn withdrawal(withdrawn: Option<&Withdrawal>) -> [Cell; 2] {
    match withdrawn {
        Some(w) => [Cell::Date(w.on), Cell::Text(w.reason.clone())],
        None => [Cell::Empty, Cell::Empty],
    }
}

fn responsibility_cells(responsibility: Option<&Responsibility>) -> [Cell; 3] {
    match responsibility {
        Some(r) => [
            optional(r.lead_unit.as_ref().map(|u| u.as_str())),
            id_list(r.partner_units.iter().map(|u| u.as_str())),
            optional(r.responsible_person.as_ref().map(|p| p.as_str())),
        ],
        None => [Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

fn target_cells(target: Option<&Target>) -> [Cell; 7] {
    let mut cells: [Cell; 7] = Default::default();
    match target {
        None => {}
        Some(Target::Deliverable { description }) => {
            cells[0] = text("deliverable");
            cells[1] = Cell::Text(description.clone());
        }
        Some(Target::Quantity(QuantityTarget {
            unit,
            goal,
            baseline,
        })) => {
            cells[2] = Cell::Text(unit.clone());
            cells[6] = number(*baseline);
            match *goal {
                Goal::AtLeast(v) => {
                    cells[0] = text("at_least");
                    cells[3] = Cell::Number(v);
                }
                Goal::AtMost(v) => {
                    cells[0] = text("at_most");
                    cells[3] = Cell::Number(v);
                }
                Goal::Within { low, high } => {
                    cells[0] = text("within");
                    cells[4] = Cell::Number(low);
                    cells[5] = Cell::Number(high);
                }
            }
        }
    }
    cells
}

fn table(name: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
    let mut all = Vec::with_capacity(rows.len().saturating_add(1));
    all.push(
        columns
            .iter()
            .map(|c| Cell::Text((*c).to_owned()))
            .collect(),
    );
    all.extend(rows);
    Sheet {
        name: name.to_owned(),
        hidden: false,
        rows: all,
    }
}

fn columns_of(name: &str) -> &'static [&'static str] {
    LONG_TABLES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, c)| c)
}

fn key_task_row(task: &KeyTask) -> Vec<Cell> {
    let mut row = vec![
        text(task.id.as_str()),
        Cell::Text(task.title.clone()),
        text(&name_of(&task.kind)),
        text(&name_of(&task.level)),
        text(task.plan_item.as_str()),
        optional(task.supervising_leader.as_ref().map(|p| p.as_str())),
        if task.multi_year {
            Cell::Bool(true)
        } else {
            Cell::Empty
        },
    ];
    row.extend(withdrawal(task.withdrawn.as_ref()));
    row
}

fn sub_project_row(task: &KeyTask, sub: &SubProject) -> Vec<Cell> {
    let mut row = vec![
        text(sub.id.as_str()),
        text(task.id.as_str()),
        Cell::Text(sub.title.clone()),
        date(sub.start),
    ];
    row.extend(responsibility_cells(Some(&sub.responsibility)));
    row.extend(withdrawal(sub.withdrawn.as_ref()));
    row
}

fn milestone_row(sub: &SubProject, milestone: &Milestone) -> Vec<Cell> {
    let mut row = vec![
        text(milestone.id.as_str()),
        text(sub.id.as_str()),
        Cell::Text(milestone.title.clone()),
        date(milestone.due),
        text(&name_of(&milestone.granularity)),
    ];
    row.extend(target_cells(milestone.target.as_ref()));
    row.extend(responsibility_cells(milestone.responsibility.as_deref()));
    row.extend(withdrawal(milestone.withdrawn.as_deref()));
    row
}

/// The plan as the tables of the long layout, in the order of [`LONG_TABLES`]: a header
/// row of field names, then one row per record.
pub fn long_tables(document: &PlanDocument) -> Vec<Sheet> {
    let d = document;
    let plan = vec![vec![
        Cell::Number(f64::from(d.format_version)),
        Cell::Number(f64::from(d.year)),
        Cell::Text(d.name.clone()),
    ]];
    let units = d
        .units
        .iter()
        .map(|u| {
            vec![
                text(u.id.as_str()),
                Cell::Text(u.name.clone()),
                text(&name_of(&u.kind)),
                optional(u.parent.as_ref().map(|p| p.as_str())),
            ]
        })
        .collect();
    let people = d
        .people
        .iter()
        .map(|p| {
            vec![
                text(p.id.as_str()),
                Cell::Text(p.name.clone()),
                text(&name_of(&p.role)),
                text(p.unit.as_str()),
            ]
        })
        .collect();
    let plan_items = d
        .plan_items
        .iter()
        .map(|p| {
            vec![
                text(p.id.as_str()),
                Cell::Text(p.title.clone()),
                text(p.submitted_by.as_str()),
            ]
        })
        .collect();
    let key_tasks = d.key_tasks.iter().map(key_task_row).collect();
    let sub_projects = d
        .key_tasks
        .iter()
        .flat_map(|t| t.sub_projects.iter().map(move |s| sub_project_row(t, s)))
        .collect();
    let milestones = d
        .key_tasks
        .iter()
        .flat_map(|t| &t.sub_projects)
        .flat_map(|s| s.milestones.iter().map(move |m| milestone_row(s, m)))
        .collect();
    let reports = d
        .progress_reports
        .iter()
        .map(|r| {
            vec![
                text(r.milestone.as_str()),
                Cell::Date(r.date),
                match r.progress {
                    Progress::Cumulative(v) => Cell::Number(v),
                    Progress::Done => text("done"),
                    Progress::Underway => text("underway"),
                },
                optional(r.reported_by.as_ref().map(|p| p.as_str())),
                r.note
                    .as_ref()
                    .map_or(Cell::Empty, |n| Cell::Text(n.clone())),
            ]
        })
        .collect();
    let reasons = d
        .lag_reasons
        .iter()
        .map(|r| {
            vec![
                text(r.milestone.as_str()),
                text(&name_of(&r.class)),
                r.cause.map_or(Cell::Empty, |c| text(c.as_str())),
                Cell::Text(r.text.clone()),
                Cell::Date(r.recorded_on),
                r.pending_request
                    .map_or(Cell::Empty, |s| Cell::Text(s.to_string())),
            ]
        })
        .collect();
    let contracts = d
        .contracts
        .iter()
        .map(|c| {
            vec![
                text(c.id.as_str()),
                text(c.kind.as_str()),
                text(c.upper_signer.as_str()),
                text(c.lower_signer.as_str()),
                Cell::Date(c.signed_on),
                id_list(c.key_tasks.iter().map(|k| k.as_str())),
            ]
        })
        .collect();
    let ratings = d
        .partner_ratings
        .iter()
        .map(|r| {
            vec![
                text(r.sub_project.as_str()),
                text(r.partner.as_str()),
                Cell::Number(r.score),
                text(r.rated_by.as_str()),
                Cell::Date(r.rated_on),
                r.comment
                    .as_ref()
                    .map_or(Cell::Empty, |c| Cell::Text(c.clone())),
            ]
        })
        .collect();
    let bodies: [(&str, Vec<Vec<Cell>>); 11] = [
        ("plan", plan),
        ("units", units),
        ("people", people),
        ("plan_items", plan_items),
        ("key_tasks", key_tasks),
        ("sub_projects", sub_projects),
        ("milestones", milestones),
        ("progress_reports", reports),
        ("lag_reasons", reasons),
        ("contracts", contracts),
        ("partner_ratings", ratings),
    ];
    bodies
        .into_iter()
        .map(|(name, rows)| table(name, columns_of(name), rows))
        .collect()
}
