//! Reading the office layout: the target table as district offices keep it, one row per
//! sub-project and one column per quarter or month, into a plan document and a reading
//! report that shows how every target cell was understood and every inference made.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::grammar::{read_target, CellReading};
use super::headers::{recognise, Column};
use super::organisation::{Names, Organisation};
use super::sheet::{cell_date, Cell, Sheet, Workbook};
use crate::document::{KeyTask, KeyTaskKind, Level, PlanDocument, PlanItem, SubProject};
use crate::error::{Subject, ValidationError};
use crate::milestone::{Granularity, Milestone};
use crate::plan::Plan;
use crate::responsibility::Responsibility;
use crate::validation::{Problem, ProblemCode};

/// How far down a sheet the header row is looked for.
const HEADER_ROWS: usize = 30;

/// What the caller knows that the table may not say.
#[derive(Clone, Debug, Default)]
pub struct OfficeOptions {
    /// The plan's year, when the table's title does not give it (`2017年…`).
    pub year: Option<i32>,
    /// The plan's name; the title row or the sheet's name when absent.
    pub name: Option<String>,
}

/// How one target cell was read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetCell {
    /// The cell, as `目标表!H12`.
    pub cell: String,
    /// The cell's text.
    pub text: String,
    /// The milestone it became.
    pub milestone: String,
    /// Its due date: the end of the column's quarter or month.
    pub due: NaiveDate,
    /// How the text was understood.
    pub reading: CellReading,
}

/// Something the reader decided that the table did not say outright.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Inference {
    /// The cell it concerns, where one does.
    pub cell: Option<String>,
    /// What was decided, in English.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

/// What reading a target table did: every target cell and every inference, for an office
/// to check before it adopts the plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReadingReport {
    /// The sheet read as the target table.
    pub sheet: String,
    /// Every target cell, in table order.
    pub targets: Vec<TargetCell>,
    /// Every inference: units and people created from names, columns not recognised,
    /// defaults taken.
    pub inferences: Vec<Inference>,
}

/// A plan read from a target table, with its reading report.
#[derive(Clone, Debug)]
pub struct TableReading {
    /// The plan, validated (its document is [`Plan::document`]).
    pub plan: Plan,
    /// How it was read.
    pub report: ReadingReport,
}

/// The header row of a sheet: its number and the column of each recognised header.
struct Header {
    row: usize,
    columns: BTreeMap<usize, Column>,
    unknown: Vec<(usize, String)>,
}

impl Header {
    /// The sheet column that holds `column`, if the header names it.
    fn column_of(&self, column: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, c)| **c == column)
            .map(|(i, _)| *i)
    }
}

fn find_header(sheet: &Sheet) -> Option<Header> {
    let mut best: Option<Header> = None;
    for (row, cells) in sheet.rows.iter().take(HEADER_ROWS).enumerate() {
        let mut columns = BTreeMap::new();
        let mut unknown = Vec::new();
        for (column, cell) in cells.iter().enumerate() {
            let text = cell.text();
            match recognise(&text) {
                Some(found) if !columns.values().any(|c| *c == found) => {
                    columns.insert(column, found);
                }
                Some(_) => unknown.push((column, text)),
                None if !text.is_empty() => unknown.push((column, text)),
                None => {}
            }
        }
        let periods = columns
            .values()
            .filter(|c| matches!(c, Column::Quarter(_) | Column::Month(_)))
            .count();
        let usable = columns.values().any(|c| *c == Column::SubProject) && periods > 0;
        if usable
            && best
                .as_ref()
                .map_or(true, |b| b.columns.len() < columns.len())
        {
            best = Some(Header {
                row,
                columns,
                unknown,
            });
        }
    }
    best
}

/// The plan's year written in the rows above the header (`2017年…`), or in the sheet name.
fn year_in_title(sheet: &Sheet, header_row: usize) -> Option<i32> {
    let texts = sheet
        .rows
        .iter()
        .take(header_row)
        .flatten()
        .map(Cell::text)
        .chain(std::iter::once(sheet.name.clone()));
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        for window in chars.windows(4).enumerate() {
            let (i, digits) = window;
            if digits.iter().all(char::is_ascii_digit)
                && !chars
                    .get(i.wrapping_sub(1))
                    .is_some_and(char::is_ascii_digit)
                && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
            {
                let year: i32 = digits.iter().collect::<String>().parse().ok()?;
                if (2000..=2100).contains(&year) {
                    return Some(year);
                }
            }
        }
    }
    None
}

fn title(sheet: &Sheet, header_row: usize) -> Option<String> {
    sheet
        .rows
        .iter()
        .take(header_row)
        .flatten()
        .map(Cell::text)
        .find(|t| !t.is_empty())
}

/// The last day of a quarter or month of `year`.
fn period_end(year: i32, column: Column) -> Option<(NaiveDate, Granularity, String)> {
    let (month, granularity, suffix) = match column {
        Column::Quarter(q) => (u32::from(q) * 3, Granularity::Quarter, format!("q{q}")),
        Column::Month(m) => (u32::from(m), Granularity::Month, format!("m{m:02}")),
        _ => return None,
    };
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first_next.pred_opt()?, granularity, suffix))
}

fn kind_of(text: &str) -> Option<KeyTaskKind> {
    let t = text.to_lowercase();
    let pairs: [(&[&str], KeyTaskKind); 5] = [
        (&["重点工作", "key work", "key_work"], KeyTaskKind::KeyWork),
        (
            &["专项工作", "special work", "special_work"],
            KeyTaskKind::SpecialWork,
        ),
        (
            &["重大工程", "major project", "major_project"],
            KeyTaskKind::MajorProject,
        ),
        (
            &["实事项目", "practical project", "practical_project"],
            KeyTaskKind::PracticalProject,
        ),
        (
            &[
                "部门及街镇",
                "单位目标",
                "部门目标",
                "unit goal",
                "unit_goal",
            ],
            KeyTaskKind::UnitGoal,
        ),
    ];
    pairs
        .iter()
        .find(|(names, _)| names.iter().any(|n| t.contains(n)))
        .map(|(_, kind)| *kind)
}

fn level_of(text: &str) -> Option<Level> {
    let t = text.to_lowercase();
    if t.contains('市') || t.contains("city") {
        Some(Level::City)
    } else if t.contains('区') || t.contains("district") {
        Some(Level::District)
    } else {
        None
    }
}

/// The problems and inferences of one reading, with the cell each came from.
#[derive(Default)]
pub(super) struct Findings {
    pub problems: Vec<Problem>,
    pub inferences: Vec<Inference>,
}

impl Findings {
    pub(super) fn problem(&mut self, code: ProblemCode, cell: String, en: String, zh: String) {
        self.problems.push(Problem::new(code, cell, en, zh));
    }

    pub(super) fn infer(&mut self, cell: Option<String>, en: String, zh: String) {
        self.inferences.push(Inference {
            cell,
            message: en,
            message_zh: zh,
        });
    }
}

/// One key task group of rows, as read.
struct Group {
    title: String,
    row: usize,
    /// The key task's column.
    column: usize,
    kind: Option<(KeyTaskKind, usize)>,
    level: Option<(Level, usize)>,
    leader: Option<(String, usize)>,
    plan_item: Option<(String, usize)>,
    subs: Vec<SubRow>,
}

struct SubRow {
    row: usize,
    /// The sub-project's column.
    column: usize,
    title: String,
    id: Option<String>,
    lead: Option<(String, usize)>,
    partners: Vec<(String, usize)>,
    person: Option<(String, usize)>,
    start: Option<NaiveDate>,
    targets: Vec<(usize, Column, String)>,
}

/// Splits a cell of several names at `、`, `,`, `,`, `;`, `;`, `/` and line breaks.
fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', ',', ';', ';', '\n', '\r', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads the office layout from a workbook.
///
/// # Errors
///
/// [`ValidationError`] listing every problem, each at its cell (`目标表!H12`): no target
/// table, no year, cells that do not read, and the problems validation finds in the plan
/// the table makes, placed back on the cells they came from.
pub fn read_office(
    workbook: &Workbook,
    options: &OfficeOptions,
) -> Result<TableReading, ValidationError> {
    let mut findings = Findings::default();
    let found = workbook
        .sheets
        .iter()
        .filter_map(|sheet| Some((sheet, find_header(sheet)?)))
        .max_by_key(|(sheet, header)| {
            let named = ["目标表", "目标", "targets", "target table"]
                .contains(&sheet.name.trim().to_lowercase().as_str());
            (named, !sheet.hidden, header.columns.len())
        });
    let Some((sheet, header)) = found else {
        findings.problem(
            ProblemCode::NoTargetSheet,
            workbook.sheets.first().map_or_else(String::new, |s| s.name.clone()),
            "no sheet has a header row with a sub-project column (子项目) and a column per quarter (一季度…四季度) or month (1月…12月); add one, as in docs/tables.md".into(),
            "没有任何工作表带有包含“子项目”列和按季度(一季度…四季度)或按月(1月…12月)分列的表头;请按 docs/tables.md 添加".into(),
        );
        return Err(ValidationError::collected_list(
            Subject::Plan,
            findings.problems,
        ));
    };
    if sheet.hidden {
        findings.infer(
            None,
            format!(
                "the target table was read from the hidden sheet `{}`",
                sheet.name
            ),
            format!("目标表取自隐藏的工作表“{}”", sheet.name),
        );
    }
    for (column, text) in &header.unknown {
        findings.infer(
            Some(sheet.reference(header.row, *column)),
            format!("the column `{text}` is not one the target table knows; it was not read"),
            format!("“{text}”列不是目标表能识别的列,未读取"),
        );
    }
    let year = options.year.or_else(|| year_in_title(sheet, header.row));
    let Some(year) = year else {
        findings.problem(
            ProblemCode::UnknownPlanYear,
            sheet.reference(0, 0),
            "the plan's year is not given and the title above the header does not say it (e.g. `2017年重点工作目标`); write it in the title or pass the year".into(),
            "未给出计划年度,表头上方的标题中也没有写明(如“2017年重点工作目标”);请在标题中写明或在读取时指定年度".into(),
        );
        return Err(ValidationError::collected_list(
            Subject::Plan,
            findings.problems,
        ));
    };
    let groups = read_groups(sheet, &header, &mut findings);
    let organisation = Organisation::read(workbook, &mut findings);
    let name = options
        .name
        .clone()
        .or_else(|| title(sheet, header.row))
        .unwrap_or_else(|| sheet.name.clone());
    let mut builder = Builder {
        document: PlanDocument::new(year, name),
        names: Names::new(organisation),
        provenance: Vec::new(),
        report: ReadingReport {
            sheet: sheet.name.clone(),
            ..ReadingReport::default()
        },
        sheet,
        year,
        lead_column: header.column_of(Column::LeadUnit),
    };
    builder.build(groups, &mut findings);
    builder.finish(findings)
}

fn read_groups(sheet: &Sheet, header: &Header, findings: &mut Findings) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (row, cells) in sheet.rows.iter().enumerate().skip(header.row + 1) {
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        let value = |column: Column| {
            header
                .column_of(column)
                .map(|i| (i, sheet.cell(row, i).text()))
                .filter(|(_, t)| !t.is_empty())
        };
        if let Some((column, task)) = value(Column::KeyTask) {
            if groups.last().map_or(true, |g| g.title != task) {
                groups.push(Group {
                    title: task,
                    row,
                    column,
                    kind: None,
                    level: None,
                    leader: None,
                    plan_item: None,
                    subs: Vec::new(),
                });
            }
        }
        let Some(group) = groups.last_mut() else {
            let column = header.column_of(Column::KeyTask).unwrap_or(0);
            findings.problem(
                ProblemCode::InvalidCell,
                sheet.reference(row, column),
                "this row comes before any key task; write the key task (重点工作) on the first row of its group".into(),
                "该行之前没有任何重点工作;请在每组的第一行填写重点工作".into(),
            );
            continue;
        };
        for (slot, column) in [
            (0, Column::Kind),
            (1, Column::Level),
            (2, Column::SupervisingLeader),
            (3, Column::PlanItem),
        ] {
            let Some((i, text)) = value(column) else {
                continue;
            };
            match slot {
                0 => match kind_of(&text) {
                    Some(kind) => { group.kind.get_or_insert((kind, i)); }
                    None => findings.problem(ProblemCode::InvalidCell, sheet.reference(row, i),
                        format!("`{text}` is not a kind of work; write 重点工作, 专项工作, 重大工程, 实事项目 or 部门及街镇"),
                        format!("“{text}”不是工作类别;请填写重点工作、专项工作、重大工程、实事项目或部门及街镇")),
                },
                1 => match level_of(&text) {
                    Some(level) => { group.level.get_or_insert((level, i)); }
                    None => findings.problem(ProblemCode::InvalidCell, sheet.reference(row, i),
                        format!("`{text}` is not a level; write 市级 (city) or 区级 (district)"),
                        format!("“{text}”不是层级;请填写市级或区级")),
                },
                2 => { group.leader.get_or_insert((text, i)); }
                _ => { group.plan_item.get_or_insert((text, i)); }
            }
        }
        let Some((sub_column, title)) = value(Column::SubProject) else {
            let column = header.column_of(Column::SubProject).unwrap_or(0);
            findings.problem(
                ProblemCode::InvalidCell,
                sheet.reference(row, column),
                "the row has no sub-project; name the sub-project (子项目) this row's targets belong to, or clear the row".into(),
                "该行没有子项目;请填写该行目标所属的子项目,或清空该行".into(),
            );
            continue;
        };
        let start = value(Column::Start).and_then(|(i, text)| {
            let date = cell_date(sheet.cell(row, i));
            if date.is_none() {
                findings.problem(ProblemCode::InvalidCell, sheet.reference(row, i),
                    format!("`{text}` is not a date; write it as 2017-03-31, 2017/3/31 or 2017年3月31日, or use a date cell"),
                    format!("“{text}”不是日期;请写成 2017-03-31、2017/3/31 或 2017年3月31日,或使用日期单元格"));
            }
            date
        });
        let partners = value(Column::PartnerUnits)
            .map(|(i, text)| split_names(&text).into_iter().map(|n| (n, i)).collect())
            .unwrap_or_default();
        let targets = header
            .columns
            .iter()
            .filter(|(_, c)| matches!(c, Column::Quarter(_) | Column::Month(_)))
            .filter_map(|(i, c)| {
                let text = sheet.cell(row, *i).text();
                (!text.is_empty()).then_some((*i, *c, text))
            })
            .collect();
        group.subs.push(SubRow {
            row,
            column: sub_column,
            title,
            id: value(Column::Id).map(|(_, t)| t),
            lead: value(Column::LeadUnit).map(|(i, t)| (t, i)),
            partners,
            person: value(Column::ResponsiblePerson).map(|(i, t)| (t, i)),
            start,
            targets,
        });
    }
    groups
}

/// Builds the plan document from the groups, recording where each part came from.
struct Builder<'w> {
    document: PlanDocument,
    names: Names,
    /// JSON pointer → cell, for placing validation problems back on the table.
    provenance: Vec<(String, String)>,
    report: ReadingReport,
    sheet: &'w Sheet,
    year: i32,
    /// The lead unit's column, where the table has one.
    lead_column: Option<usize>,
}

impl Builder<'_> {
    fn cell(&self, row: usize, column: usize) -> String {
        self.sheet.reference(row, column)
    }

    fn build(&mut self, groups: Vec<Group>, findings: &mut Findings) {
        let mut plan_items: HashMap<String, usize> = HashMap::new();
        for (k, group) in groups.into_iter().enumerate() {
            let task_path = format!("/key_tasks/{k}");
            self.provenance
                .push((task_path.clone(), self.cell(group.row, group.column)));
            let first_lead = group.subs.first().and_then(|s| {
                let (name, column) = s.lead.as_ref()?;
                Some((name.clone(), self.cell(s.row, *column)))
            });
            let leader = group.leader.as_ref().map(|(name, i)| {
                let cell = self.cell(group.row, *i);
                self.provenance
                    .push((format!("{task_path}/supervising_leader"), cell.clone()));
                self.names.leader(name, &cell, &mut self.document, findings)
            });
            let item_title = group
                .plan_item
                .as_ref()
                .map_or(group.title.clone(), |(t, _)| t.clone());
            let item_position = match plan_items.get(&item_title) {
                Some(position) => *position,
                None => {
                    let position = self.document.plan_items.len();
                    let submitted_by = match &first_lead {
                        Some((name, cell)) => {
                            self.names.unit(name, cell, &mut self.document, findings)
                        }
                        None => self.names.government(&mut self.document, findings),
                    };
                    self.document.plan_items.push(PlanItem {
                        id: format!("pi-{}", position + 1).into(),
                        title: item_title.clone(),
                        submitted_by,
                    });
                    plan_items.insert(item_title, position);
                    position
                }
            };
            let plan_item = self
                .document
                .plan_items
                .get(item_position)
                .map(|p| p.id.clone())
                .unwrap_or_default();
            let kind = group.kind.map_or(KeyTaskKind::KeyWork, |(kind, _)| kind);
            let level = group.level.map_or(Level::District, |(level, _)| level);
            let key_task_id = format!("kt-{}", k + 1);
            let mut subs = Vec::new();
            for (s, row) in group.subs.into_iter().enumerate() {
                subs.push(self.sub_project(&key_task_id, (k, s), row, findings));
            }
            self.document.key_tasks.push(KeyTask {
                id: key_task_id.into(),
                title: group.title,
                kind,
                level,
                plan_item,
                supervising_leader: leader,
                multi_year: false,
                sub_projects: subs,
                withdrawn: None,
            });
        }
    }

    fn sub_project(
        &mut self,
        key_task_id: &str,
        (k, s): (usize, usize),
        row: SubRow,
        findings: &mut Findings,
    ) -> SubProject {
        let path = format!("/key_tasks/{k}/sub_projects/{s}");
        self.provenance
            .push((path.clone(), self.cell(row.row, row.column)));
        let id = row
            .id
            .clone()
            .unwrap_or_else(|| format!("{key_task_id}-{}", s + 1));
        // Problems of the responsibility as a whole (no lead unit) belong in the lead unit's
        // column.
        if let Some(column) = self.lead_column {
            self.provenance
                .push((format!("{path}/responsibility"), self.cell(row.row, column)));
        }
        let lead = row.lead.as_ref().map(|(name, i)| {
            let cell = self.cell(row.row, *i);
            self.provenance
                .push((format!("{path}/responsibility/lead_unit"), cell.clone()));
            self.names.unit(name, &cell, &mut self.document, findings)
        });
        let mut partner_units = Vec::new();
        for (p, (name, i)) in row.partners.iter().enumerate() {
            let cell = self.cell(row.row, *i);
            self.provenance.push((
                format!("{path}/responsibility/partner_units/{p}"),
                cell.clone(),
            ));
            partner_units.push(self.names.unit(name, &cell, &mut self.document, findings));
        }
        let responsible_person = match (&row.person, &lead) {
            (Some((name, i)), Some(unit)) => {
                let cell = self.cell(row.row, *i);
                self.provenance.push((
                    format!("{path}/responsibility/responsible_person"),
                    cell.clone(),
                ));
                Some(
                    self.names
                        .person(name, unit, &cell, &mut self.document, findings),
                )
            }
            _ => None,
        };
        let mut milestones = Vec::new();
        for (i, column, text) in &row.targets {
            let Some((due, granularity, suffix)) = period_end(self.year, *column) else {
                continue;
            };
            let Some(reading) = read_target(text) else {
                continue;
            };
            let cell = self.cell(row.row, *i);
            let milestone_id = format!("{id}-{suffix}");
            self.provenance.push((
                format!("{path}/milestones/{}", milestones.len()),
                cell.clone(),
            ));
            self.report.targets.push(TargetCell {
                cell,
                text: text.clone(),
                milestone: milestone_id.clone(),
                due,
                reading: reading.clone(),
            });
            milestones.push(Milestone {
                id: milestone_id.into(),
                title: format!("{} · {}", row.title, column.header_zh()),
                due: Some(due),
                granularity,
                target: Some(reading.target()),
                responsibility: None,
                withdrawn: None,
            });
        }
        SubProject {
            id: id.into(),
            title: row.title,
            start: row.start,
            responsibility: Responsibility {
                lead_unit: lead,
                partner_units,
                responsible_person,
            },
            milestones,
            withdrawn: None,
        }
    }

    /// Validates the document and places every problem on its cell.
    fn finish(self, mut findings: Findings) -> Result<TableReading, ValidationError> {
        let Builder {
            document,
            provenance,
            mut report,
            sheet,
            ..
        } = self;
        report.inferences = std::mem::take(&mut findings.inferences);
        let mut problems = findings.problems;
        let places: HashMap<String, String> = provenance.into_iter().collect();
        let plan = match document.validate() {
            Ok(plan) => Some(plan),
            Err(error) => {
                for mut problem in error.problems {
                    problem.path = cell_of(&places, &problem.path, &sheet.name);
                    problems.push(problem);
                }
                None
            }
        };
        match plan {
            Some(plan) if problems.is_empty() => Ok(TableReading { plan, report }),
            _ => Err(ValidationError::collected_list(Subject::Plan, problems)),
        }
    }
}

/// The cell a JSON pointer of the plan came from: the cell of the longest pointer that
/// starts it, or the sheet's first cell.
fn cell_of(places: &HashMap<String, String>, path: &str, sheet: &str) -> String {
    let mut pointer = path;
    loop {
        if let Some(cell) = places.get(pointer) {
            return cell.clone();
        }
        match pointer.rfind('/') {
            Some(cut) if cut > 0 => pointer = pointer.get(..cut).unwrap_or_default(),
            _ => return format!("{sheet}!A1"),
        }
    }
}
