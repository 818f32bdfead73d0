//! Reading the office layout: the target table as district offices keep it, one row per
//! sub-project and one column per quarter or month, into a plan document and a reading
//! report that shows how every target cell was understood and every inference made.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::grammar::{read_target, CellReading, QuantityReading};
use super::headers::{recognise_with_unit, Column};
use super::long::table_named;
use super::long_read::{
    milestone_register, read_plan_items, read_side_records, Places, Register, Tables,
};
use super::office_write::target_text;
use super::organisation::{Names, Organisation};
use super::sheet::{cell_date, Cell, CellName, Sheet, Workbook};
use crate::document::{
    KeyTask, KeyTaskKind, Level, PlanDocument, PlanItem, SubProject, Withdrawal,
};
use crate::error::{Subject, ValidationError};
use crate::ids::MilestoneId;
use crate::milestone::{Goal, Granularity, Milestone};
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
    pub cell: CellName,
    /// The cell's text.
    pub text: String,
    /// The milestone it became.
    pub milestone: MilestoneId,
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
    /// The unit of measure a period header states (`一季度(处)`), by column.
    units: HashMap<usize, String>,
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
        let mut units = HashMap::new();
        for (column, cell) in cells.iter().enumerate() {
            let text = cell.text();
            match recognise_with_unit(&text) {
                Some((found, unit)) if !columns.values().any(|c| *c == found) => {
                    columns.insert(column, found);
                    if let Some(unit) = unit {
                        units.insert(column, unit);
                    }
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
                units,
            });
        }
    }
    best
}

/// The plan's year written in the rows above the header (`2017年…`), or in the sheet name.
fn year_in_title(sheet: &Sheet, header_row: usize) -> Option<i32> {
    // A cell that says it gives the year (`年度:2017`, `Year: 2017`) is taken first.
    let stated = sheet
        .rows
        .iter()
        .take(header_row)
        .flatten()
        .find_map(|cell| {
            let text = cell.text();
            let rest = text
                .strip_prefix("年度")
                .or_else(|| text.strip_prefix("Year"))
                .or_else(|| text.strip_prefix("year"))?;
            let digits = rest
                .trim_start_matches([':', ':', ' '])
                .trim_end_matches('年');
            digits
                .parse::<i32>()
                .ok()
                .filter(|y| (1..=9999).contains(y))
        });
    if stated.is_some() {
        return stated;
    }
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

/// A quarter or month of the plan's year, as a period column makes its milestones: due
/// on its last day, named in their ids (`q3`, `m07`) and titles (`三季度`).
#[derive(Clone, Debug)]
struct Period {
    column: Column,
    start: NaiveDate,
    end: NaiveDate,
    granularity: Granularity,
    suffix: String,
    name: String,
}

impl Period {
    /// The period a column stands for in `year`; `None` for a column that is no quarter
    /// or month.
    fn of(year: i32, column: Column) -> Option<Period> {
        let (first, last, granularity, suffix) = match column {
            Column::Quarter(q) => {
                let q = u32::from(q);
                (
                    (q * 3).checked_sub(2)?,
                    q * 3,
                    Granularity::Quarter,
                    format!("q{q}"),
                )
            }
            Column::Month(m) => {
                let m = u32::from(m);
                (m, m, Granularity::Month, format!("m{m:02}"))
            }
            _ => return None,
        };
        let first_next = if last == 12 {
            NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, last + 1, 1)?
        };
        Some(Period {
            column,
            start: NaiveDate::from_ymd_opt(year, first, 1)?,
            end: first_next.pred_opt()?,
            granularity,
            suffix,
            name: column.header_zh(),
        })
    }

    /// Whether a day falls in the period.
    fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// A withdrawal written in a cell: its date, a space, then why (`2017-05-02 项目取消`).
fn withdrawal(text: &str, cell: &str, findings: &mut Findings) -> Option<Withdrawal> {
    let (date, reason) = text.split_once([' ', ':', ':']).unwrap_or((text, ""));
    match cell_date(&Cell::Text(date.to_owned())) {
        Some(on) => Some(Withdrawal {
            on,
            reason: reason.to_owned(),
        }),
        None => {
            findings.problem(
                ProblemCode::InvalidCell,
                cell.to_owned(),
                format!("`{text}` is not a withdrawal; write the day it was withdrawn, a space, then why (2017-05-02 项目取消)"),
                format!("“{text}”不是撤销记录;请写撤销日期、空格、再写原因(如“2017-05-02 项目取消”)"),
            );
            None
        }
    }
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
struct Group<'w> {
    title: String,
    /// The key task's id, where the table gives one.
    id: Option<String>,
    multi_year: bool,
    withdrawn: Option<(String, usize)>,
    row: usize,
    /// The key task's column.
    column: usize,
    kind: Option<(KeyTaskKind, usize)>,
    level: Option<(Level, usize)>,
    leader: Option<(String, usize)>,
    plan_item: Option<(String, usize)>,
    subs: Vec<SubRow<'w>>,
}

struct SubRow<'w> {
    row: usize,
    /// The sub-project's column.
    column: usize,
    title: String,
    id: Option<String>,
    lead: Option<(String, usize)>,
    partners: Vec<(String, usize)>,
    person: Option<(String, usize)>,
    start: Option<NaiveDate>,
    withdrawn: Option<(String, usize)>,
    /// The unit of measure the row states for its bare numbers (计量单位).
    unit: Option<String>,
    /// The period cells that hold a target: column, period, text (as the sheet holds it).
    targets: Vec<(usize, Column, Cow<'w, str>)>,
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
    // The supplementary sheets: plan items, the milestone register and the plan's records,
    // as tables of the long layout (the organisation and people sheets are read above).
    let supplementary = workbook.sheets.iter().filter(|s| {
        s.name != sheet.name
            && table_named(&s.name).is_some_and(|(n, _)| {
                !matches!(
                    n,
                    "plan" | "units" | "people" | "key_tasks" | "sub_projects"
                )
            })
    });
    let mut report = ReadingReport {
        sheet: sheet.name.clone(),
        ..ReadingReport::default()
    };
    let supplements = Tables::open(supplementary, false, &mut report, &mut findings);
    let register = milestone_register(&supplements, &mut findings);
    let mut document = PlanDocument::new(year, name);
    let mut places = supplements.places();
    read_plan_items(&supplements, &mut document, &mut places);
    read_side_records(&supplements, &mut document, &mut places, &mut findings);
    let mut names = Names::new(organisation);
    names.adopt_all(&mut document, &mut findings);
    let mut builder = Builder {
        document,
        names,
        register,
        side_places: places,
        provenance: Vec::new(),
        report,
        sheet,
        lead_column: header.column_of(Column::LeadUnit),
        periods: header
            .columns
            .values()
            .filter_map(|c| Period::of(year, *c))
            .collect(),
        column_units: header.units.clone(),
    };
    builder.build(groups, &mut findings);
    builder.finish(findings)
}

fn read_groups<'w>(sheet: &'w Sheet, header: &Header, findings: &mut Findings) -> Vec<Group<'w>> {
    let mut groups: Vec<Group<'w>> = Vec::new();
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
        let task_id = value(Column::KeyTaskId).map(|(_, id)| id);
        // A key task is named by its title, or by its id alone where the table has ids.
        let task = value(Column::KeyTask).or_else(|| {
            let column = header
                .column_of(Column::KeyTask)
                .or(header.column_of(Column::KeyTaskId))?;
            task_id.as_ref().map(|_| (column, String::new()))
        });
        if let Some((column, task)) = task {
            if groups.last().map_or(true, |g| {
                g.title != task || (task_id.is_some() && g.id != task_id)
            }) {
                groups.push(Group {
                    title: task,
                    id: task_id,
                    multi_year: false,
                    withdrawn: None,
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
        if let Some((_, text)) = value(Column::MultiYear) {
            group.multi_year |=
                ["是", "yes", "true", "y", "1", "跨年度"].contains(&text.to_lowercase().as_str());
        }
        if let Some(found) = value(Column::KeyTaskWithdrawn) {
            group.withdrawn.get_or_insert((found.1, found.0));
        }
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
        let sub_id = value(Column::Id).map(|(_, t)| t);
        let named = value(Column::SubProject).or_else(|| {
            let column = header.column_of(Column::SubProject)?;
            sub_id.as_ref().map(|_| (column, String::new()))
        });
        let Some((sub_column, title)) = named else {
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
                let text = sheet.cell(row, *i).as_text();
                (!text.is_empty()).then_some((*i, *c, text))
            })
            .collect();
        group.subs.push(SubRow {
            row,
            column: sub_column,
            title,
            id: sub_id,
            lead: value(Column::LeadUnit).map(|(i, t)| (t, i)),
            partners,
            person: value(Column::ResponsiblePerson).map(|(i, t)| (t, i)),
            start,
            withdrawn: value(Column::SubProjectWithdrawn).map(|(i, t)| (t, i)),
            unit: value(Column::UnitOfMeasure).map(|(_, t)| t),
            targets,
        });
    }
    groups
}

/// A part of the plan document, by position: the JSON pointer a validation problem names.
#[derive(Clone, Copy)]
enum Part {
    Task(usize),
    Leader(usize),
    Sub(usize, usize),
    Responsibility(usize, usize),
    Lead(usize, usize),
    Partner(usize, usize, usize),
    Person(usize, usize),
    Milestone(usize, usize, usize),
}

impl Part {
    fn pointer(self) -> String {
        let sub = |k: usize, s: usize| format!("/key_tasks/{k}/sub_projects/{s}");
        match self {
            Part::Task(k) => format!("/key_tasks/{k}"),
            Part::Leader(k) => format!("/key_tasks/{k}/supervising_leader"),
            Part::Sub(k, s) => sub(k, s),
            Part::Responsibility(k, s) => format!("{}/responsibility", sub(k, s)),
            Part::Lead(k, s) => format!("{}/responsibility/lead_unit", sub(k, s)),
            Part::Partner(k, s, p) => format!("{}/responsibility/partner_units/{p}", sub(k, s)),
            Part::Person(k, s) => format!("{}/responsibility/responsible_person", sub(k, s)),
            Part::Milestone(k, s, m) => format!("{}/milestones/{m}", sub(k, s)),
        }
    }
}

/// Where a part came from: a cell of the target table, or a row of the milestone register.
#[derive(Clone, Copy)]
enum Origin {
    Table(usize, usize),
    Register(usize),
}

/// Builds the plan document from the groups, recording where each part came from.
struct Builder<'w> {
    document: PlanDocument,
    names: Names,
    /// Where each part of the plan came from, for placing validation problems back on the
    /// table (pointers and cell names are formatted only when a problem needs them).
    provenance: Vec<(Part, Origin)>,
    /// The milestone register.
    register: Register,
    /// Where the records of the supplementary sheets came from.
    side_places: Places,
    report: ReadingReport,
    sheet: &'w Sheet,
    /// The lead unit's column, where the table has one.
    lead_column: Option<usize>,
    /// The table's quarters or months.
    periods: Vec<Period>,
    /// The unit of measure a period header states, by column.
    column_units: HashMap<usize, String>,
}

impl Builder<'_> {
    fn cell(&self, row: usize, column: usize) -> String {
        self.sheet.reference(row, column)
    }

    fn build(&mut self, groups: Vec<Group<'_>>, findings: &mut Findings) {
        // Plan items of the plan items sheet are found by id, then by title.
        let mut plan_items: HashMap<String, usize> = HashMap::new();
        for (position, item) in self.document.plan_items.iter().enumerate() {
            plan_items.entry(item.title.clone()).or_insert(position);
        }
        for (position, item) in self.document.plan_items.iter().enumerate() {
            plan_items.insert(item.id.to_string(), position);
        }
        // Every target cell has its line in the report, and two parts of the plan (its
        // sub-project and itself) have their origin.
        let cells: usize = groups
            .iter()
            .flat_map(|g| &g.subs)
            .map(|s| s.targets.len())
            .sum();
        self.report.targets.reserve(cells);
        self.provenance.reserve(cells.saturating_mul(2));
        for (k, group) in groups.into_iter().enumerate() {
            self.provenance
                .push((Part::Task(k), Origin::Table(group.row, group.column)));
            let first_lead = group.subs.first().and_then(|s| {
                let (name, column) = s.lead.as_ref()?;
                Some((name.clone(), self.cell(s.row, *column)))
            });
            let leader = group.leader.as_ref().map(|(name, i)| {
                let cell = self.cell(group.row, *i);
                self.provenance
                    .push((Part::Leader(k), Origin::Table(group.row, *i)));
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
            let key_task_id = group.id.clone().unwrap_or_else(|| format!("kt-{}", k + 1));
            let withdrawn = group
                .withdrawn
                .as_ref()
                .and_then(|(text, i)| withdrawal(text, &self.cell(group.row, *i), findings));
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
                multi_year: group.multi_year,
                sub_projects: subs,
                withdrawn,
            });
        }
    }

    fn sub_project(
        &mut self,
        key_task_id: &str,
        (k, s): (usize, usize),
        row: SubRow<'_>,
        findings: &mut Findings,
    ) -> SubProject {
        self.provenance
            .push((Part::Sub(k, s), Origin::Table(row.row, row.column)));
        let id = row
            .id
            .clone()
            .unwrap_or_else(|| format!("{key_task_id}-{}", s + 1));
        // Problems of the responsibility as a whole (no lead unit) belong in the lead unit's
        // column.
        if let Some(column) = self.lead_column {
            self.provenance
                .push((Part::Responsibility(k, s), Origin::Table(row.row, column)));
        }
        let lead = row.lead.as_ref().map(|(name, i)| {
            let cell = self.sheet.cell_name(row.row, *i);
            self.provenance
                .push((Part::Lead(k, s), Origin::Table(row.row, *i)));
            self.names.unit(name, &cell, &mut self.document, findings)
        });
        let mut partner_units = Vec::new();
        for (p, (name, i)) in row.partners.iter().enumerate() {
            let cell = self.sheet.cell_name(row.row, *i);
            self.provenance
                .push((Part::Partner(k, s, p), Origin::Table(row.row, *i)));
            partner_units.push(self.names.unit(name, &cell, &mut self.document, findings));
        }
        let responsible_person = match (&row.person, &lead) {
            (Some((name, i)), Some(unit)) => {
                let cell = self.sheet.cell_name(row.row, *i);
                self.provenance
                    .push((Part::Person(k, s), Origin::Table(row.row, *i)));
                Some(
                    self.names
                        .person(name, unit, &cell, &mut self.document, findings),
                )
            }
            _ => None,
        };
        let milestones = self.milestones(&id, (k, s), &row, findings);
        let withdrawn = row
            .withdrawn
            .as_ref()
            .and_then(|(text, i)| withdrawal(text, &self.cell(row.row, *i), findings));
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
            withdrawn,
        }
    }

    /// The milestones of a sub-project row: from its target cells, with what the milestone
    /// register says of each where the register has it (a cell stating exactly what the
    /// register's milestones of that period state keeps them as they are; an edited cell
    /// is read by the grammar and wins).
    fn milestones(
        &mut self,
        id: &str,
        (k, s): (usize, usize),
        row: &SubRow<'_>,
        findings: &mut Findings,
    ) -> Vec<Milestone> {
        let register = self.register.by_sub_project.remove(id).unwrap_or_default();
        let mut used = vec![false; register.len()];
        // (order, milestone, origin): register milestones keep their order, new ones follow.
        let mut made: Vec<(usize, Milestone, Origin)> =
            Vec::with_capacity(register.len().saturating_add(row.targets.len()));
        let mut next = register.len();
        let covered = |m: &Milestone, period: &Period| m.due.is_some_and(|d| period.covers(d));
        // The periods are looked at while the report grows.
        let periods = std::mem::take(&mut self.periods);
        for (i, column, text) in &row.targets {
            let Some(period) = periods.iter().find(|p| p.column == *column) else {
                continue;
            };
            let (due, granularity) = (period.end, period.granularity);
            let origin = Origin::Table(row.row, *i);
            let candidates: Vec<usize> = register
                .iter()
                .enumerate()
                .filter(|(j, (m, _))| !used.get(*j).copied().unwrap_or(true) && covered(m, period))
                .map(|(j, _)| j)
                .collect();
            if !candidates.is_empty() {
                let stated: Vec<String> = candidates
                    .iter()
                    .filter_map(|j| register.get(*j))
                    .map(|(m, _)| m.target.as_ref().map(target_text).unwrap_or_default())
                    .collect();
                if stated.join("\n").trim() == text {
                    let cell = self.sheet.cell_name(row.row, *i);
                    for (j, shown) in candidates.iter().zip(stated) {
                        let Some((milestone, _)) = register.get(*j) else {
                            continue;
                        };
                        if let Some(slot) = used.get_mut(*j) {
                            *slot = true;
                        }
                        if let Some(target) = &milestone.target {
                            self.report.targets.push(TargetCell {
                                cell: cell.clone(),
                                text: shown,
                                milestone: milestone.id.clone(),
                                due: milestone.due.unwrap_or(due),
                                reading: CellReading::of_target(target),
                            });
                        }
                        made.push((*j, milestone.clone(), origin));
                    }
                    continue;
                }
            }
            let cell = self.sheet.cell_name(row.row, *i);
            // A cell is one target, or one per line where the register had several.
            let whole = [text.as_ref()];
            let split: Vec<&str>;
            let lines: &[&str] = if candidates.is_empty() {
                &whole
            } else {
                split = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                &split
            };
            for (n, line) in lines.iter().enumerate() {
                let Some(reading) = self.read_cell(line, *i, row.unit.as_deref()) else {
                    continue;
                };
                let kept = candidates
                    .get(n)
                    .and_then(|j| Some((*j, register.get(*j)?)));
                let (order, milestone) = match kept {
                    Some((j, (kept, _))) => {
                        if let Some(slot) = used.get_mut(j) {
                            *slot = true;
                        }
                        let mut kept = kept.clone();
                        if kept.target.as_ref().map(target_text).as_deref() != Some(*line) {
                            findings.infer(
                                Some(cell.to_string()),
                                format!("the target of milestone `{}` was changed in the table to `{line}`; it is read from the cell", kept.id),
                                format!("节点“{}”的目标已在表中改为“{line}”,按单元格读取", kept.id),
                            );
                            kept.target = Some(reading.target(line));
                        }
                        (j, kept)
                    }
                    None => {
                        let numbered = (lines.len() > 1 || !candidates.is_empty()).then_some(n + 1);
                        next += 1;
                        (
                            next,
                            Milestone {
                                id: MilestoneId::of_parts(id, &period.suffix, numbered),
                                title: [row.title.as_str(), " · ", &period.name].concat(),
                                due: Some(due),
                                granularity,
                                target: Some(reading.target(line)),
                                responsibility: None,
                                withdrawn: None,
                            },
                        )
                    }
                };
                self.report.targets.push(TargetCell {
                    cell: cell.clone(),
                    text: (*line).to_owned(),
                    milestone: milestone.id.clone(),
                    due: milestone.due.unwrap_or(due),
                    reading,
                });
                made.push((order, milestone, origin));
            }
            for j in candidates.iter().skip(lines.len()) {
                if let Some(slot) = used.get_mut(*j) {
                    *slot = true;
                }
                if let Some((milestone, _)) = register.get(*j) {
                    findings.infer(
                        Some(cell.to_string()),
                        format!("the milestone `{}` of the register is no longer stated in the cell; it was left out", milestone.id),
                        format!("节点登记表中的节点“{}”已不在该单元格中,未读入", milestone.id),
                    );
                }
            }
        }
        // Register milestones that no period column of the table covers (other years, no
        // due date) are kept as the register gives them; those a column covers but whose
        // cell is empty were taken out of the table.
        for (j, (milestone, register_row)) in register.into_iter().enumerate() {
            if used.get(j).copied().unwrap_or(true) {
                continue;
            }
            // A target that states nothing shows as an empty cell, and stays.
            let states_nothing = milestone
                .target
                .as_ref()
                .is_some_and(|t| target_text(t).trim().is_empty());
            let in_table = periods.iter().any(|p| covered(&milestone, p));
            if in_table && !states_nothing {
                findings.infer(
                    Some(self.register.cell(register_row)),
                    format!("the milestone `{}` of the register is no longer stated in the target table; it was left out", milestone.id),
                    format!("节点登记表中的节点“{}”已不在目标表中,未读入", milestone.id),
                );
            } else {
                made.push((j, milestone, Origin::Register(register_row)));
            }
        }
        self.periods = periods;
        made.sort_by_key(|(order, _, _)| *order);
        made.into_iter()
            .enumerate()
            .map(|(m, (_, milestone, origin))| {
                self.provenance.push((Part::Milestone(k, s, m), origin));
                milestone
            })
            .collect()
    }

    /// Reads a target cell by the grammar; a cell holding only a number is a quantity in the
    /// unit its row (计量单位) or its column's header (`一季度(处)`) states.
    fn read_cell(&self, text: &str, column: usize, row_unit: Option<&str>) -> Option<CellReading> {
        let reading = read_target(text)?;
        if let CellReading::Deliverable {
            number_without_unit: true,
            ..
        } = reading
        {
            let unit = row_unit.or_else(|| self.column_units.get(&column).map(String::as_str));
            let number = text.trim().replace([',', '，'], "").parse::<f64>().ok();
            if let (Some(unit), Some(value)) = (unit, number.filter(|n| n.is_finite())) {
                return Some(CellReading::Quantity {
                    target: QuantityReading {
                        unit: Cow::Owned(unit.to_owned()),
                        goal: Goal::AtLeast(value),
                        baseline: None,
                    },
                    marker: "",
                    more_numbers: false,
                });
            }
        }
        Some(reading)
    }

    /// Validates the document and places every problem on its cell.
    fn finish(self, mut findings: Findings) -> Result<TableReading, ValidationError> {
        let Builder {
            document,
            provenance,
            register,
            side_places,
            mut report,
            sheet,
            ..
        } = self;
        report.inferences = std::mem::take(&mut findings.inferences);
        let mut problems = findings.problems;
        let plan = match document.validate() {
            Ok(plan) => Some(plan),
            Err(error) => {
                let places: HashMap<String, String> = provenance
                    .into_iter()
                    .map(|(part, origin)| {
                        let cell = match origin {
                            Origin::Table(row, column) => sheet.reference(row, column),
                            Origin::Register(row) => register.cell(row),
                        };
                        (part.pointer(), cell)
                    })
                    .collect();
                for mut problem in error.problems {
                    let side = [
                        "/plan_items/",
                        "/progress_reports/",
                        "/lag_reasons/",
                        "/contracts/",
                        "/partner_ratings/",
                    ]
                    .iter()
                    .any(|p| problem.path.starts_with(p));
                    problem.path = if side {
                        side_places.cell_of(&problem.path, problem.code)
                    } else {
                        cell_of(&places, &problem.path, &sheet.name)
                    };
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
