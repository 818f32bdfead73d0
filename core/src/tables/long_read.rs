//! Reading the long layout back into a plan, every problem placed on its cell.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use super::long::{field_named, table_named};
use super::office::{Findings, Inference, TableReading};
use super::sheet::{cell_date, cell_name, Cell, Sheet};
use crate::document::{KeyTask, PlanDocument, PlanItem, SubProject, Withdrawal, FORMAT_VERSION};
use crate::error::{Subject, ValidationError};
use crate::milestone::{Goal, Milestone, QuantityTarget, Target};
use crate::organisation::{Person, Unit};
use crate::progress::{LagReason, Progress, ProgressReport};
use crate::responsibility::{Contract, PartnerRating, Responsibility};
use crate::validation::ProblemCode;

use super::office::ReadingReport;

/// One table being read: its sheet and where each known column is.
struct Table<'s> {
    sheet: &'s Sheet,
    columns: HashMap<&'static str, usize>,
}

/// Reads cells of one row, reporting cells that do not read.
struct Row<'t, 's> {
    table: &'t Table<'s>,
    row: usize,
}

impl Row<'_, '_> {
    fn reference(&self, field: &str) -> String {
        let column = self.table.columns.get(field).copied().unwrap_or(0);
        self.table.sheet.reference(self.row, column)
    }

    /// The column's header as the sheet writes it (`完成时限` or `due`), for messages.
    fn header(&self, field: &str) -> String {
        self.table
            .columns
            .get(field)
            .map(|column| self.table.sheet.cell(0, *column).text())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| field.to_owned())
    }

    fn cell(&self, field: &str) -> &Cell {
        const EMPTY: &Cell = &Cell::Empty;
        match self.table.columns.get(field) {
            Some(column) => self.table.sheet.cell(self.row, *column),
            None => EMPTY,
        }
    }

    /// A text field exactly as written (a number cell as a person reads it).
    fn text(&self, field: &str) -> String {
        match self.cell(field) {
            Cell::Text(text) => text.clone(),
            other => other.text(),
        }
    }

    fn optional_text(&self, field: &str) -> Option<String> {
        Some(self.text(field)).filter(|t| !t.is_empty())
    }

    /// An id or name field: trimmed.
    fn id<T: From<String>>(&self, field: &str) -> Option<T> {
        Some(self.cell(field).text())
            .filter(|t| !t.is_empty())
            .map(T::from)
    }

    fn ids<T: From<String>>(&self, field: &str, findings: &mut Findings) -> Vec<T> {
        let text = self.cell(field).text();
        if text.is_empty() {
            return Vec::new();
        }
        if text.starts_with('[') {
            if let Ok(list) = serde_json::from_str::<Vec<String>>(&text) {
                return list.into_iter().map(T::from).collect();
            }
            findings.problem(
                ProblemCode::InvalidCell,
                self.reference(field),
                format!("`{text}` is not a list of ids; separate the ids with `;`"),
                format!("“{text}”不是编号列表;请用“;”分隔各编号"),
            );
            return Vec::new();
        }
        text.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| T::from(s.to_owned()))
            .collect()
    }

    fn date(&self, field: &str, findings: &mut Findings) -> Option<NaiveDate> {
        let header = self.header(field);
        let cell = self.cell(field);
        if cell.is_blank() {
            return None;
        }
        let date = cell_date(cell);
        if date.is_none() {
            let text = cell.text();
            findings.problem(
                ProblemCode::InvalidCell,
                self.reference(field),
                format!("`{text}` in `{header}` is not a date; write it as 2017-03-31, 2017/3/31 or 2017年3月31日, or use a date cell"),
                format!("“{header}”列的“{text}”不是日期;请写成 2017-03-31、2017/3/31 或 2017年3月31日,或使用日期单元格"),
            );
        }
        date
    }

    /// A date the record cannot do without.
    fn required_date(&self, field: &str, findings: &mut Findings) -> NaiveDate {
        let header = self.header(field);
        if self.cell(field).is_blank() {
            findings.problem(
                ProblemCode::InvalidCell,
                self.reference(field),
                format!("`{header}` is empty; write the date, as 2017-03-31"),
                format!("“{header}”为空;请填写日期,如 2017-03-31"),
            );
        }
        self.date(field, findings).unwrap_or_default()
    }

    fn number(&self, field: &str, findings: &mut Findings) -> Option<f64> {
        let header = self.header(field);
        let value = match self.cell(field) {
            Cell::Number(n) => Some(*n),
            cell if cell.is_blank() => return None,
            cell => cell.text().replace([',', ','], "").parse::<f64>().ok(),
        };
        match value {
            Some(v) if v.is_finite() => Some(v),
            _ => {
                let text = self.cell(field).text();
                findings.problem(
                    ProblemCode::InvalidCell,
                    self.reference(field),
                    format!(
                        "`{text}` in `{header}` is not a number; write digits such as 15 or 2.5"
                    ),
                    format!("“{header}”列的“{text}”不是数字;请填写如 15 或 2.5 的数字"),
                );
                None
            }
        }
    }

    fn flag(&self, field: &str, findings: &mut Findings) -> bool {
        let header = self.header(field);
        match self.cell(field) {
            Cell::Bool(b) => *b,
            Cell::Number(n) => *n != 0.0,
            cell => match cell.text().to_lowercase().as_str() {
                "" | "false" | "no" | "0" | "否" => false,
                "true" | "yes" | "1" | "是" => true,
                other => {
                    findings.problem(
                        ProblemCode::InvalidCell,
                        self.reference(field),
                        format!("`{other}` in `{header}` is neither true nor false; write true or false (是/否)"),
                        format!("“{header}”列的“{other}”不是是/否;请填写 true 或 false(是/否)"),
                    );
                    false
                }
            },
        }
    }

    /// A value named in documents (`key_work`, `quarter` …).
    fn named<T: DeserializeOwned>(
        &self,
        field: &str,
        allowed: &str,
        findings: &mut Findings,
    ) -> Option<T> {
        let header = self.header(field);
        let text = self.cell(field).text();
        if text.is_empty() {
            findings.problem(
                ProblemCode::InvalidCell,
                self.reference(field),
                format!("`{header}` is empty; write one of {allowed}"),
                format!("“{header}”为空;请填写以下之一:{allowed}"),
            );
            return None;
        }
        let value = serde_json::from_value(serde_json::Value::String(text.clone())).ok();
        if value.is_none() {
            findings.problem(
                ProblemCode::InvalidCell,
                self.reference(field),
                format!("`{text}` is not a value of `{header}`; write one of {allowed}"),
                format!("“{text}”不是“{header}”列的取值;请填写以下之一:{allowed}"),
            );
        }
        value
    }

    fn withdrawal(&self, findings: &mut Findings) -> Option<Withdrawal> {
        let on = self.date("withdrawn_on", findings);
        let reason = self.optional_text("withdrawn_reason");
        match (on, reason) {
            (Some(on), reason) => Some(Withdrawal {
                on,
                reason: reason.unwrap_or_default(),
            }),
            (None, Some(_)) if self.cell("withdrawn_on").is_blank() => {
                findings.problem(
                    ProblemCode::InvalidCell,
                    self.reference("withdrawn_on"),
                    "a withdrawal reason is given without its date; write the day it was withdrawn in `withdrawn_on`, or clear the reason".into(),
                    "填写了撤销原因却没有撤销日期;请在“withdrawn_on”中填写撤销日期,或清空原因".into(),
                );
                None
            }
            _ => None,
        }
    }

    fn responsibility(&self, findings: &mut Findings) -> Responsibility {
        Responsibility {
            lead_unit: self.id("lead_unit"),
            partner_units: self.ids("partner_units", findings),
            responsible_person: self.id("responsible_person"),
        }
    }

    fn target(&self, findings: &mut Findings) -> Option<Target> {
        let kind = self.cell("target").text();
        let quantity = |goal: Goal, findings: &mut Findings| {
            Target::Quantity(QuantityTarget {
                unit: self.text("unit"),
                goal,
                baseline: self.number("baseline", findings),
            })
        };
        let needed = |field: &str, findings: &mut Findings| {
            let header = self.header(field);
            let value = self.number(field, findings);
            if value.is_none() && self.cell(field).is_blank() {
                findings.problem(
                    ProblemCode::InvalidCell,
                    self.reference(field),
                    format!("a `{kind}` target needs its `{header}`; write the number"),
                    format!("“{kind}”目标需要填写“{header}”;请填写数字"),
                );
            }
            value.unwrap_or_default()
        };
        match kind.as_str() {
            "" => None,
            "deliverable" => Some(Target::Deliverable {
                description: self.text("description"),
            }),
            "at_least" => {
                let v = needed("value", findings);
                Some(quantity(Goal::AtLeast(v), findings))
            }
            "at_most" => {
                let v = needed("value", findings);
                Some(quantity(Goal::AtMost(v), findings))
            }
            "within" => {
                let low = needed("low", findings);
                let high = needed("high", findings);
                Some(quantity(Goal::Within { low, high }, findings))
            }
            other => {
                findings.problem(
                    ProblemCode::InvalidCell,
                    self.reference("target"),
                    format!("`{other}` is not a kind of target; write deliverable, at_least, at_most or within"),
                    format!("“{other}”不是目标类型;请填写 deliverable、at_least、at_most 或 within"),
                );
                None
            }
        }
    }
}

/// Where each record came from, to place validation problems back on cells.
pub(super) struct Places {
    /// JSON pointer of a record → (table, row).
    records: HashMap<String, (&'static str, usize)>,
    /// Table → field → column.
    columns: HashMap<&'static str, HashMap<&'static str, usize>>,
    /// Table → the sheet's name.
    sheets: HashMap<&'static str, String>,
}

impl Places {
    pub(super) fn cell_of(&self, path: &str, code: ProblemCode) -> String {
        let mut pointer = path;
        loop {
            if let Some((table, row)) = self.records.get(pointer) {
                let rest = path.get(pointer.len()..).unwrap_or_default();
                let field = rest.trim_start_matches('/').split('/').next().unwrap_or("");
                let field = match field {
                    "" => match code {
                        ProblemCode::MilestoneWithoutDueDate => "due",
                        ProblemCode::MilestoneWithoutTarget => "target",
                        ProblemCode::MissingSupervisingLeader => "supervising_leader",
                        ProblemCode::MissingLeadUnit => "lead_unit",
                        _ => "",
                    },
                    "responsibility" => {
                        let inner = rest.split('/').nth(2).unwrap_or("lead_unit");
                        inner
                    }
                    "target" => "target",
                    "withdrawn" => "withdrawn_on",
                    other => other,
                };
                let column = self
                    .columns
                    .get(table)
                    .and_then(|c| c.get(field))
                    .copied()
                    .unwrap_or(0);
                let sheet = self.sheets.get(table).map_or(*table, String::as_str);
                return format!("{sheet}!{}", cell_name(*row, column));
            }
            match pointer.rfind('/') {
                Some(cut) if cut > 0 => pointer = pointer.get(..cut).unwrap_or_default(),
                _ => return format!("{}!A2", "plan"),
            }
        }
    }
}

/// The tables of a reading, by their long-layout name.
pub(super) struct Tables<'s> {
    tables: HashMap<&'static str, Table<'s>>,
}

impl<'s> Tables<'s> {
    /// Opens the sheets that are tables of the long layout (by English or Chinese name),
    /// reporting columns that are not fields; `others` says whether other sheets are
    /// reported as not read.
    pub(super) fn open(
        sheets: impl IntoIterator<Item = &'s Sheet>,
        others: bool,
        report: &mut ReadingReport,
        findings: &mut Findings,
    ) -> Self {
        let mut tables = HashMap::new();
        for sheet in sheets {
            let Some((name, known)) = table_named(&sheet.name) else {
                if others {
                    report.inferences.push(Inference {
                        cell: Some(sheet.reference(0, 0)),
                        message: format!(
                            "the table `{}` is not one of the long layout; it was not read",
                            sheet.name
                        ),
                        message_zh: format!("“{}”不是长表格式中的表,未读取", sheet.name),
                    });
                }
                continue;
            };
            if tables.contains_key(name) {
                continue;
            }
            let mut columns = HashMap::new();
            for (i, cell) in sheet.rows.first().into_iter().flatten().enumerate() {
                let header = cell.text();
                if header.is_empty() {
                    continue;
                }
                match field_named(name, &header) {
                    Some(field) if !columns.contains_key(field) => {
                        columns.insert(field, i);
                    }
                    _ => report.inferences.push(Inference {
                        cell: Some(sheet.reference(0, i)),
                        message: format!(
                            "the column `{header}` is not a field of `{name}`; it was not read"
                        ),
                        message_zh: format!("“{header}”不是“{name}”表的字段,未读取"),
                    }),
                }
            }
            if let Some(first) = known.first() {
                if !columns.contains_key(first) && sheet.rows.len() > 1 {
                    findings.problem(
                        ProblemCode::MissingColumn,
                        sheet.reference(0, 0),
                        format!(
                            "the table `{}` has no `{first}` column; add it to the header row",
                            sheet.name
                        ),
                        format!("“{}”表缺少“{first}”列;请在表头行中添加", sheet.name),
                    );
                }
            }
            tables.insert(name, Table { sheet, columns });
        }
        Self { tables }
    }

    /// The non-blank rows of a table below its header.
    fn rows(&self, name: &str) -> Vec<Row<'_, 's>> {
        self.tables
            .get(name)
            .map(|table| {
                (1..table.sheet.rows.len())
                    .filter(|row| {
                        !table
                            .sheet
                            .rows
                            .get(*row)
                            .is_some_and(|cells| cells.iter().all(Cell::is_blank))
                    })
                    .map(|row| Row { table, row })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn places(&self) -> Places {
        Places {
            records: HashMap::new(),
            columns: self
                .tables
                .iter()
                .map(|(name, table)| (*name, table.columns.clone()))
                .collect(),
            sheets: self
                .tables
                .iter()
                .map(|(name, table)| (*name, table.sheet.name.clone()))
                .collect(),
        }
    }
}

/// Reads the long layout from its tables, found by name in English or Chinese (`units` or
/// `单位`, `milestones.csv` …; a missing table is an empty one, except `plan`).
///
/// # Errors
///
/// [`ValidationError`] listing every problem at its cell: a missing `plan` table, cells
/// that do not read, records that name a key task or sub-project no table holds, and the
/// problems validation finds, placed on the cells they came from.
pub fn read_long(tables: &[Sheet]) -> Result<TableReading, ValidationError> {
    let (document, places, report) = document_of(tables)?;
    match document.validate() {
        Ok(plan) => Ok(TableReading { plan, report }),
        Err(error) => {
            let problems = error
                .problems
                .into_iter()
                .map(|mut problem| {
                    problem.path = places.cell_of(&problem.path, problem.code);
                    problem
                })
                .collect();
            Err(ValidationError::collected_list(Subject::Plan, problems))
        }
    }
}

/// Reads the long layout into a plan document without validating it: for tools that
/// check or repair documents themselves, and for round-trip tests.
///
/// # Errors
///
/// [`ValidationError`] listing every cell that does not read, at its cell.
pub fn read_long_document(
    tables: &[Sheet],
) -> Result<(PlanDocument, ReadingReport), ValidationError> {
    let (document, _, report) = document_of(tables)?;
    Ok((document, report))
}

fn document_of(tables: &[Sheet]) -> Result<(PlanDocument, Places, ReadingReport), ValidationError> {
    let mut findings = Findings::default();
    let mut report = ReadingReport::default();
    let read = Tables::open(tables, true, &mut report, &mut findings);
    let mut places = read.places();
    let rows = |name: &str| read.rows(name);
    let plan_rows = rows("plan");
    let Some(head) = plan_rows.first() else {
        findings.problem(
            ProblemCode::InvalidCell,
            "plan!A2".into(),
            "the `plan` table with the plan's year and name is missing or empty; add it with the columns format_version, year, name".into(),
            "缺少“plan”表(计划的年度和名称)或该表为空;请添加含 format_version、year、name 列的表".into(),
        );
        return Err(ValidationError::collected_list(
            Subject::Plan,
            findings.problems,
        ));
    };
    let version = head.number("format_version", &mut findings);
    let year = head.number("year", &mut findings);
    let year = match year {
        Some(y) if y.fract() == 0.0 && (1.0..=9999.0).contains(&y) => {
            format!("{y:.0}").parse().unwrap_or(0)
        }
        other => {
            if other.is_some() {
                findings.problem(
                    ProblemCode::InvalidYear,
                    head.reference("year"),
                    "the plan's year must be a whole number from 1 to 9999".into(),
                    "计划年度必须是 1 至 9999 之间的整数".into(),
                );
            } else {
                findings.problem(
                    ProblemCode::UnknownPlanYear,
                    head.reference("year"),
                    "the plan's year is empty; write it, as 2017".into(),
                    "计划年度为空;请填写,如 2017".into(),
                );
            }
            0
        }
    };
    if version.is_some_and(|v| v != f64::from(FORMAT_VERSION)) {
        findings.problem(
            ProblemCode::InvalidCell,
            head.reference("format_version"),
            format!("this library reads format version {FORMAT_VERSION}; write {FORMAT_VERSION} or leave it empty"),
            format!("本库读取格式版本 {FORMAT_VERSION};请填写 {FORMAT_VERSION} 或留空"),
        );
    }
    let mut document = PlanDocument::new(year, head.text("name"));
    for (i, row) in rows("units").iter().enumerate() {
        places
            .records
            .insert(format!("/units/{i}"), ("units", row.row));
        if let Some(kind) = row.named(
            "kind",
            "government, department, street, town, section",
            &mut findings,
        ) {
            document.units.push(Unit {
                id: row.id("id").unwrap_or_default(),
                name: row.text("name"),
                kind,
                parent: row.id("parent"),
            });
        }
    }
    for row in rows("people") {
        places.records.insert(
            format!("/people/{}", document.people.len()),
            ("people", row.row),
        );
        let role = row.named(
            "role",
            "district_head, deputy_district_head, unit_head, section_head, staff",
            &mut findings,
        );
        if let Some(role) = role {
            document.people.push(Person {
                id: row.id("id").unwrap_or_default(),
                name: row.text("name"),
                role,
                unit: row.id("unit").unwrap_or_default(),
            });
        }
    }
    read_plan_items(&read, &mut document, &mut places);
    let mut task_at: HashMap<String, usize> = HashMap::new();
    for row in rows("key_tasks") {
        let kind = row.named(
            "kind",
            "key_work, special_work, major_project, practical_project, unit_goal",
            &mut findings,
        );
        let level = row.named("level", "city, district", &mut findings);
        let (Some(kind), Some(level)) = (kind, level) else {
            continue;
        };
        let k = document.key_tasks.len();
        places
            .records
            .insert(format!("/key_tasks/{k}"), ("key_tasks", row.row));
        let id: String = row.id("id").unwrap_or_default();
        task_at.entry(id.clone()).or_insert(k);
        document.key_tasks.push(KeyTask {
            id: id.into(),
            title: row.text("title"),
            kind,
            level,
            plan_item: row.id("plan_item").unwrap_or_default(),
            supervising_leader: row.id("supervising_leader"),
            multi_year: row.flag("multi_year", &mut findings),
            sub_projects: Vec::new(),
            withdrawn: row.withdrawal(&mut findings),
        });
    }
    let mut sub_at: HashMap<String, (usize, usize)> = HashMap::new();
    for row in rows("sub_projects") {
        let task: String = row.id("key_task").unwrap_or_default();
        let Some(k) = task_at.get(&task).copied() else {
            findings.problem(
                ProblemCode::DanglingKeyTask,
                row.reference("key_task"),
                format!("the key task `{task}` is not in the key_tasks table; add it there or correct the id"),
                format!("重点工作“{task}”不在 key_tasks 表中;请在该表中添加或更正编号"),
            );
            continue;
        };
        let Some(key_task) = document.key_tasks.get_mut(k) else {
            continue;
        };
        let s = key_task.sub_projects.len();
        places.records.insert(
            format!("/key_tasks/{k}/sub_projects/{s}"),
            ("sub_projects", row.row),
        );
        let id: String = row.id("id").unwrap_or_default();
        sub_at.entry(id.clone()).or_insert((k, s));
        key_task.sub_projects.push(SubProject {
            id: id.into(),
            title: row.text("title"),
            start: row.date("start", &mut findings),
            responsibility: row.responsibility(&mut findings),
            milestones: Vec::new(),
            withdrawn: row.withdrawal(&mut findings),
        });
    }
    for row in rows("milestones") {
        let sub: String = row.id("sub_project").unwrap_or_default();
        let Some((k, s)) = sub_at.get(&sub).copied() else {
            findings.problem(
                ProblemCode::DanglingSubProject,
                row.reference("sub_project"),
                format!("the sub-project `{sub}` is not in the sub_projects table; add it there or correct the id"),
                format!("子项目“{sub}”不在 sub_projects 表中;请在该表中添加或更正编号"),
            );
            continue;
        };
        let milestone = milestone_of(&row, &mut findings);
        let Some(sub_project) = document
            .key_tasks
            .get_mut(k)
            .and_then(|t| t.sub_projects.get_mut(s))
        else {
            continue;
        };
        let m = sub_project.milestones.len();
        places.records.insert(
            format!("/key_tasks/{k}/sub_projects/{s}/milestones/{m}"),
            ("milestones", row.row),
        );
        sub_project.milestones.push(milestone);
    }
    read_side_records(&read, &mut document, &mut places, &mut findings);
    report.inferences.append(&mut findings.inferences);
    if !findings.problems.is_empty() {
        return Err(ValidationError::collected_list(
            Subject::Plan,
            findings.problems,
        ));
    }
    Ok((document, places, report))
}

/// Reads the tables of records that refer to a plan's parts: progress reports, lag
/// reasons, contracts and partner ratings, appended to the document.
pub(super) fn read_side_records(
    read: &Tables<'_>,
    document: &mut PlanDocument,
    places: &mut Places,
    findings: &mut Findings,
) {
    for row in read.rows("progress_reports") {
        let progress = match row.cell("progress") {
            Cell::Number(v) => Some(Progress::Cumulative(*v)),
            cell => match cell.text().to_lowercase().as_str() {
                "done" | "完成" | "已完成" => Some(Progress::Done),
                "underway" | "推进中" | "进行中" => Some(Progress::Underway),
                _ => row.number("progress", findings).map(Progress::Cumulative),
            },
        };
        let Some(progress) = progress else {
            if row.cell("progress").is_blank() {
                findings.problem(
                    ProblemCode::InvalidCell,
                    row.reference("progress"),
                    "the progress is empty; write the cumulative value reached, done or underway"
                        .into(),
                    "进展为空;请填写累计完成值、done(已完成)或 underway(推进中)".into(),
                );
            }
            continue;
        };
        places.records.insert(
            format!("/progress_reports/{}", document.progress_reports.len()),
            ("progress_reports", row.row),
        );
        document.progress_reports.push(ProgressReport {
            milestone: row.id("milestone").unwrap_or_default(),
            date: row.required_date("date", findings),
            progress,
            reported_by: row.id("reported_by"),
            note: row.optional_text("note"),
        });
    }
    for row in read.rows("lag_reasons") {
        let Some(class) = row.named("class", "objective, subjective", findings) else {
            continue;
        };
        let cause = if row.cell("cause").is_blank() {
            None
        } else {
            row.named(
                "cause",
                "policy_change, higher_level_approval, force_majeure, other",
                findings,
            )
        };
        let pending_request = match row.number("pending_request", findings) {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n < 9.0e15 => format!("{n:.0}").parse().ok(),
            Some(_) => {
                findings.problem(
                    ProblemCode::InvalidCell,
                    row.reference("pending_request"),
                    "the pending request must be the whole sequence number of a ledger entry"
                        .into(),
                    "待决申请必须是台账条目的整数序号".into(),
                );
                None
            }
            None => None,
        };
        places.records.insert(
            format!("/lag_reasons/{}", document.lag_reasons.len()),
            ("lag_reasons", row.row),
        );
        document.lag_reasons.push(LagReason {
            milestone: row.id("milestone").unwrap_or_default(),
            class,
            cause,
            text: row.text("text"),
            recorded_on: row.required_date("recorded_on", findings),
            pending_request,
        });
    }
    for row in read.rows("contracts") {
        let Some(kind) = row.named(
            "kind",
            "leader_with_unit_head, unit_head_with_section_head",
            findings,
        ) else {
            continue;
        };
        places.records.insert(
            format!("/contracts/{}", document.contracts.len()),
            ("contracts", row.row),
        );
        document.contracts.push(Contract {
            id: row.id("id").unwrap_or_default(),
            kind,
            upper_signer: row.id("upper_signer").unwrap_or_default(),
            lower_signer: row.id("lower_signer").unwrap_or_default(),
            signed_on: row.required_date("signed_on", findings),
            key_tasks: row.ids("key_tasks", findings),
        });
    }
    for row in read.rows("partner_ratings") {
        let score = row.number("score", findings);
        let Some(score) = score else {
            if row.cell("score").is_blank() {
                findings.problem(
                    ProblemCode::InvalidScore,
                    row.reference("score"),
                    "the score is empty; write a score from 0 to 100".into(),
                    "评分为空;请填写 0 至 100 的分数".into(),
                );
            }
            continue;
        };
        places.records.insert(
            format!("/partner_ratings/{}", document.partner_ratings.len()),
            ("partner_ratings", row.row),
        );
        document.partner_ratings.push(PartnerRating {
            sub_project: row.id("sub_project").unwrap_or_default(),
            partner: row.id("partner").unwrap_or_default(),
            score,
            rated_by: row.id("rated_by").unwrap_or_default(),
            rated_on: row.required_date("rated_on", findings),
            comment: row.optional_text("comment"),
        });
    }
}

/// Reads the plan items table, appended to the document.
pub(super) fn read_plan_items(read: &Tables<'_>, document: &mut PlanDocument, places: &mut Places) {
    for row in read.rows("plan_items") {
        places.records.insert(
            format!("/plan_items/{}", document.plan_items.len()),
            ("plan_items", row.row),
        );
        document.plan_items.push(PlanItem {
            id: row.id("id").unwrap_or_default(),
            title: row.text("title"),
            submitted_by: row.id("submitted_by").unwrap_or_default(),
        });
    }
}

/// The milestone a row of the milestones table describes.
fn milestone_of(row: &Row<'_, '_>, findings: &mut Findings) -> Milestone {
    let granularity = if row.cell("granularity").is_blank() {
        Some(Default::default())
    } else {
        row.named("granularity", "month, quarter", findings)
    };
    let responsibility = row.responsibility(findings);
    let own = responsibility != Responsibility::default();
    Milestone {
        id: row.id("id").unwrap_or_default(),
        title: row.text("title"),
        due: row.date("due", findings),
        granularity: granularity.unwrap_or_default(),
        target: row.target(findings),
        responsibility: own.then(|| Box::new(responsibility)),
        withdrawn: row.withdrawal(findings).map(Box::new),
    }
}

/// The milestone register beside an office target table: its milestones by sub-project
/// id, each with its row, and where the register is.
#[derive(Default)]
pub(super) struct Register {
    /// The milestones of each sub-project, in the register's order, with their rows.
    pub by_sub_project: HashMap<String, Vec<(Milestone, usize)>>,
    /// The register's sheet.
    pub sheet: String,
    /// The column of milestone ids.
    pub id_column: usize,
}

impl Register {
    /// The reference of a row's id cell, as `节点!A12`.
    pub fn cell(&self, row: usize) -> String {
        format!("{}!{}", self.sheet, cell_name(row, self.id_column))
    }
}

/// Reads the milestone register (the milestones table beside an office target table).
pub(super) fn milestone_register(read: &Tables<'_>, findings: &mut Findings) -> Register {
    let mut register = Register::default();
    if let Some(table) = read.tables.get("milestones") {
        register.sheet = table.sheet.name.clone();
        register.id_column = table.columns.get("id").copied().unwrap_or(0);
    }
    for row in read.rows("milestones") {
        let sub: String = row.id("sub_project").unwrap_or_default();
        let milestone = milestone_of(&row, findings);
        register
            .by_sub_project
            .entry(sub)
            .or_default()
            .push((milestone, row.row));
    }
    register
}
