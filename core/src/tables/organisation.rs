//! Matching the unit and people names a target table uses to the organisation: read from
//! an organisation sheet and a people sheet when the workbook has them, created from the
//! names (and reported as inferred) when it does not.

use std::collections::{HashMap, HashSet};

use super::office::Findings;
use super::sheet::{Sheet, Workbook};
use crate::document::PlanDocument;
use crate::ids::{PersonId, UnitId};
use crate::organisation::{Person, Role, Unit, UnitKind};
use crate::validation::ProblemCode;

/// The id and name of the government unit created when a table names leaders but no
/// organisation sheet gives their unit.
const GOVERNMENT: (&str, &str) = ("gov", "区政府");

/// Units and people given by the workbook's own sheets, with look-ups by name and id.
#[derive(Default)]
pub(super) struct Organisation {
    units: Vec<Unit>,
    /// A person's `unit` holds the unit as the people sheet writes it (a name or an id),
    /// resolved like any other unit name when the person is first used.
    people: Vec<Person>,
    /// For each person, the cell of the people sheet that names their unit.
    people_unit_cells: Vec<String>,
    /// Each unit's position by its name and by its id.
    unit_names: HashMap<String, usize>,
    /// Each person's position by their name and by their id.
    person_names: HashMap<String, usize>,
    /// The units by their first character, for matching shortened names.
    by_first: HashMap<char, Vec<usize>>,
}

/// How many unit names shortened names are compared with, in all, before the reader stops
/// guessing (and asks for full names): a sheet of thousands of units and thousands of
/// shortened names stays fast.
const SHORTENING_BUDGET: usize = 1_000_000;

/// A name longer than this is not matched as a shortening.
const LONGEST_NAME: usize = 200;

fn sheet_named<'w>(workbook: &'w Workbook, names: &[&str]) -> Option<&'w Sheet> {
    workbook
        .sheets
        .iter()
        .find(|s| names.contains(&s.name.trim().to_lowercase().as_str()))
}

/// The columns of a small sheet, by their header in row 1: lower-cased, spaces removed.
fn columns(sheet: &Sheet) -> HashMap<String, usize> {
    sheet
        .rows
        .first()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, c)| (c.text().to_lowercase().replace(' ', ""), i))
                .collect()
        })
        .unwrap_or_default()
}

fn column(columns: &HashMap<String, usize>, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| columns.get(*n).copied())
}

/// A unit's kind from a word (`街道`, `镇`, `科室`, `street` …) or, failing that, its name.
pub(super) fn unit_kind(word: &str, name: &str) -> UnitKind {
    let w = word.to_lowercase();
    let by_word = [
        ("政府", UnitKind::Government),
        ("government", UnitKind::Government),
        ("街道", UnitKind::Street),
        ("street", UnitKind::Street),
        ("镇", UnitKind::Town),
        ("town", UnitKind::Town),
        ("科", UnitKind::Section),
        ("section", UnitKind::Section),
        ("部门", UnitKind::Department),
        ("委办局", UnitKind::Department),
        ("department", UnitKind::Department),
    ];
    if let Some((_, kind)) = by_word.iter().find(|(k, _)| !w.is_empty() && w.contains(k)) {
        return *kind;
    }
    if name.ends_with("街道") {
        UnitKind::Street
    } else if name.ends_with('镇') {
        UnitKind::Town
    } else if name.ends_with("政府") {
        UnitKind::Government
    } else {
        UnitKind::Department
    }
}

/// A person's role from their title (`副区长`, `局长`, `科长`, `deputy district head` …).
pub(super) fn role_of(title: &str) -> Role {
    let t = title.to_lowercase();
    if t.contains("副区长") || t.contains("deputy") {
        Role::DeputyDistrictHead
    } else if t.contains("区长") || t.contains("district head") || t.contains("district_head") {
        Role::DistrictHead
    } else if t.contains("科长") || t.contains("section") {
        Role::SectionHead
    } else if [
        "局长",
        "主任",
        "书记",
        "主席",
        "负责人",
        "unit head",
        "unit_head",
        "head",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        Role::UnitHead
    } else {
        Role::Staff
    }
}

impl Organisation {
    /// Reads the organisation (`单位`/`units`) and people (`人员`/`people`) sheets, where the
    /// workbook has them.
    pub(super) fn read(workbook: &Workbook, findings: &mut Findings) -> Self {
        let mut organisation = Organisation::default();
        if let Some(sheet) = sheet_named(
            workbook,
            &[
                "单位",
                "组织",
                "组织机构",
                "units",
                "organisation",
                "organization",
            ],
        ) {
            let cols = columns(sheet);
            let name = column(&cols, &["名称", "单位名称", "单位", "name"]);
            let id = column(&cols, &["id", "编号", "代码"]);
            let kind = column(&cols, &["类型", "类别", "kind", "type"]);
            let parent = column(&cols, &["上级单位", "上级", "parent"]);
            let Some(name) = name else {
                findings.problem(
                    ProblemCode::MissingColumn,
                    format!("{}!A1", sheet.name),
                    "the organisation sheet has no name column (名称 / name)".into(),
                    "单位表缺少“名称”列".into(),
                );
                return organisation;
            };
            let mut by_name: HashMap<String, UnitId> = HashMap::new();
            let mut parents = Vec::new();
            for (row, _) in sheet.rows.iter().enumerate().skip(1) {
                let unit_name = sheet.cell(row, name).text();
                if unit_name.is_empty() {
                    continue;
                }
                let unit_id = id
                    .map(|i| sheet.cell(row, i).text())
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| unit_name.clone());
                let word = kind.map(|i| sheet.cell(row, i).text()).unwrap_or_default();
                by_name.insert(unit_name.clone(), unit_id.as_str().into());
                parents.push(
                    parent
                        .map(|i| sheet.cell(row, i).text())
                        .unwrap_or_default(),
                );
                organisation.units.push(Unit {
                    id: unit_id.as_str().into(),
                    kind: unit_kind(&word, &unit_name),
                    name: unit_name,
                    parent: None,
                });
            }
            for (unit, parent) in organisation.units.iter_mut().zip(parents) {
                if !parent.is_empty() {
                    unit.parent = Some(
                        by_name
                            .get(&parent)
                            .cloned()
                            .unwrap_or_else(|| parent.as_str().into()),
                    );
                }
            }
        }
        if let Some(sheet) = sheet_named(workbook, &["人员", "人员名单", "people"]) {
            let cols = columns(sheet);
            let name = column(&cols, &["姓名", "名字", "name"]);
            let id = column(&cols, &["id", "编号"]);
            let title = column(&cols, &["职务", "职位", "role", "title"]);
            let unit = column(&cols, &["单位", "所在单位", "unit"]);
            if let (Some(name), Some(unit)) = (name, unit) {
                for (row, _) in sheet.rows.iter().enumerate().skip(1) {
                    let person_name = sheet.cell(row, name).text();
                    if person_name.is_empty() {
                        continue;
                    }
                    let unit_name = sheet.cell(row, unit).text();
                    organisation
                        .people_unit_cells
                        .push(sheet.reference(row, unit));
                    let person_id = id
                        .map(|i| sheet.cell(row, i).text())
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| person_name.clone());
                    organisation.people.push(Person {
                        id: person_id.as_str().into(),
                        role: role_of(
                            &title.map(|i| sheet.cell(row, i).text()).unwrap_or_default(),
                        ),
                        name: person_name,
                        unit: unit_name.as_str().into(),
                    });
                }
            } else {
                findings.problem(ProblemCode::MissingColumn, format!("{}!A1", sheet.name),
                    "the people sheet needs a name column (姓名 / name) and a unit column (单位 / unit)".into(),
                    "人员表须有“姓名”列和“单位”列".into());
            }
        }
        organisation.index();
        organisation
    }

    /// Indexes units and people by name and id (the first of each wins).
    fn index(&mut self) {
        for (position, unit) in self.units.iter().enumerate() {
            self.unit_names.entry(unit.name.clone()).or_insert(position);
            self.unit_names
                .entry(unit.id.to_string())
                .or_insert(position);
            if let Some(first) = unit.name.chars().next() {
                self.by_first.entry(first).or_default().push(position);
            }
        }
        for (position, person) in self.people.iter().enumerate() {
            self.person_names
                .entry(person.name.clone())
                .or_insert(position);
            self.person_names
                .entry(person.id.to_string())
                .or_insert(position);
        }
    }

    fn unit(&self, name: &str) -> Option<&Unit> {
        self.units.get(*self.unit_names.get(name)?)
    }

    /// The person with this name or id, and the cell that names their unit.
    fn person(&self, name: &str) -> Option<(&Person, &str)> {
        let position = *self.person_names.get(name)?;
        let cell = self.people_unit_cells.get(position)?;
        Some((self.people.get(position)?, cell.as_str()))
    }

    fn government(&self) -> Option<&Unit> {
        self.units.iter().find(|u| u.kind == UnitKind::Government)
    }
}

/// Resolves names to ids, adding the organisation's units and people to the document as
/// they are first used, and creating (and reporting) those the organisation lacks.
pub(super) struct Names {
    organisation: Organisation,
    /// Whether the workbook gives the units: names are then matched, not created.
    given: bool,
    /// The government unit's id, once added.
    government: Option<UnitId>,
    /// Every unit name already resolved, with the id it resolved to.
    units: HashMap<String, UnitId>,
    /// The ids of the units and people already in the document.
    added_units: HashSet<UnitId>,
    added_people: HashSet<PersonId>,
    /// How many more shortening comparisons may be made.
    shortening_budget: usize,
}

/// Whether `short` is `full` shortened: the same first character and ending, the rest of
/// `short` found in order in `full` (虹梅街道 for 虹梅路街道).
fn shortens(short: &str, full: &str) -> bool {
    if short == full || short.chars().count() < 2 || short.chars().next() != full.chars().next() {
        return false;
    }
    let mut rest = full.chars();
    short.chars().all(|c| rest.any(|f| f == c)) && short.chars().last() == full.chars().last()
}

impl Names {
    pub(super) fn new(organisation: Organisation) -> Self {
        let given = !organisation.units.is_empty();
        Self {
            organisation,
            given,
            government: None,
            units: HashMap::new(),
            added_units: HashSet::new(),
            added_people: HashSet::new(),
            shortening_budget: SHORTENING_BUDGET,
        }
    }

    /// Puts every unit and person of the organisation and people sheets in the plan, in
    /// the sheets' order, whether the target table names them or not: the sheets are the
    /// plan's organisation.
    pub(super) fn adopt_all(&mut self, document: &mut PlanDocument, findings: &mut Findings) {
        for unit in &self.organisation.units {
            if self.added_units.insert(unit.id.clone()) {
                document.units.push(unit.clone());
            }
        }
        let people: Vec<(Person, String)> = self
            .organisation
            .people
            .iter()
            .cloned()
            .zip(self.organisation.people_unit_cells.iter().cloned())
            .collect();
        for (person, cell) in people {
            self.add_person(person, &cell, document, findings);
        }
    }

    fn add_unit(&mut self, unit: Unit, document: &mut PlanDocument) -> UnitId {
        let id = unit.id.clone();
        // A unit's parents come along with it, however deep (a cycle ends at a unit
        // already added).
        let mut chain = Vec::new();
        let mut next = Some(unit);
        while let Some(unit) = next.take() {
            if !self.added_units.insert(unit.id.clone()) {
                break;
            }
            next = unit
                .parent
                .as_ref()
                .and_then(|parent| self.organisation.unit(parent.as_str()))
                .cloned();
            chain.push(unit);
        }
        document.units.extend(chain.into_iter().rev());
        id
    }

    /// The government unit, created when the organisation has none.
    pub(super) fn government(
        &mut self,
        document: &mut PlanDocument,
        findings: &mut Findings,
    ) -> UnitId {
        if let Some(id) = &self.government {
            return id.clone();
        }
        if let Some(found) = self.organisation.government().cloned() {
            let id = self.add_unit(found, document);
            self.government = Some(id.clone());
            return id;
        }
        {
            findings.infer(
                None,
                format!(
                    "no government unit is given; `{}` ({}) was created for the district leaders",
                    GOVERNMENT.1, GOVERNMENT.0
                ),
                format!(
                    "未给出区政府单位;已为区领导创建“{}”({})",
                    GOVERNMENT.1, GOVERNMENT.0
                ),
            );
        }
        let id = self.add_unit(
            Unit {
                id: GOVERNMENT.0.into(),
                name: GOVERNMENT.1.into(),
                kind: UnitKind::Government,
                parent: None,
            },
            document,
        );
        self.government = Some(id.clone());
        id
    }

    /// The unit a name in `cell` means.
    pub(super) fn unit(
        &mut self,
        name: &str,
        cell: &str,
        document: &mut PlanDocument,
        findings: &mut Findings,
    ) -> UnitId {
        if let Some(id) = self.units.get(name) {
            return id.clone();
        }
        let exact = self.organisation.unit(name).cloned();
        let found = match exact {
            Some(unit) => Some(unit),
            None if self.given => {
                let candidates = self.shortened(name);
                match candidates.as_slice() {
                    [one] => {
                        findings.infer(
                            Some(cell.to_owned()),
                            format!("`{name}` was read as the unit `{}`", one.name),
                            format!("“{name}”被识别为单位“{}”", one.name),
                        );
                        Some((*one).clone())
                    }
                    [] => {
                        findings.problem(ProblemCode::DanglingUnit, cell.to_owned(),
                            format!("no unit of the organisation sheet is called `{name}`; write the unit's full name as the sheet gives it, or add the unit to the sheet"),
                            format!("单位表中没有名为“{name}”的单位;请按单位表写出单位全称,或把该单位加入单位表"));
                        None
                    }
                    many => {
                        let names: Vec<&str> = many.iter().map(|u| u.name.as_str()).collect();
                        findings.problem(
                            ProblemCode::AmbiguousUnit,
                            cell.to_owned(),
                            format!(
                                "`{name}` could be any of {}; write the unit's full name",
                                names.join(", ")
                            ),
                            format!(
                                "“{name}”可能是{}中的任何一个;请写出单位全称",
                                names.join("、")
                            ),
                        );
                        None
                    }
                }
            }
            None => {
                let kind = unit_kind("", name);
                findings.infer(
                    Some(cell.to_owned()),
                    format!(
                        "the unit `{name}` was created from its name, as a {}",
                        kind.as_str()
                    ),
                    format!("根据名称创建了单位“{name}”,类型为 {}", kind.as_str()),
                );
                let parent = self.government(document, findings);
                Some(Unit {
                    id: name.into(),
                    name: name.to_owned(),
                    kind,
                    parent: Some(parent),
                })
            }
        };
        let id = match found {
            Some(unit) => self.add_unit(unit, document),
            None => name.into(),
        };
        self.units.insert(name.to_owned(), id.clone());
        id
    }

    /// The units of the organisation whose names `name` shortens, within the budget.
    fn shortened(&mut self, name: &str) -> Vec<Unit> {
        let Some(first) = name.chars().next() else {
            return Vec::new();
        };
        let candidates = self
            .organisation
            .by_first
            .get(&first)
            .map_or(&[][..], Vec::as_slice);
        if name.len() > LONGEST_NAME || candidates.len() > self.shortening_budget {
            self.shortening_budget = 0;
            return Vec::new();
        }
        self.shortening_budget -= candidates.len();
        candidates
            .iter()
            .filter_map(|p| self.organisation.units.get(*p))
            .filter(|u| u.name.len() <= LONGEST_NAME && shortens(name, &u.name))
            .cloned()
            .collect()
    }

    /// Adds a person of the people sheet, with their unit (named at `unit_cell`), to the
    /// document.
    fn add_person(
        &mut self,
        mut person: Person,
        unit_cell: &str,
        document: &mut PlanDocument,
        findings: &mut Findings,
    ) -> PersonId {
        let id = person.id.clone();
        if self.added_people.insert(id.clone()) {
            person.unit = self.unit(person.unit.as_str(), unit_cell, document, findings);
            document.people.push(person);
        }
        id
    }

    /// The person a name in `cell` means: one of the people sheet, or else a person of
    /// `role` in the unit `unit` gives (reported as inferred, with `inferred` and
    /// `inferred_zh` saying what was taken).
    fn person_named(
        &mut self,
        name: &str,
        cell: &str,
        (role, inferred): (Role, impl FnOnce() -> (String, String)),
        unit: impl FnOnce(&mut Self, &mut PlanDocument, &mut Findings) -> UnitId,
        (document, findings): (&mut PlanDocument, &mut Findings),
    ) -> PersonId {
        if let Some((person, unit_cell)) = self.organisation.person(name) {
            // A person named again is the one already added.
            if self.added_people.contains(&person.id) {
                return person.id.clone();
            }
            let (person, unit_cell) = (person.clone(), unit_cell.to_owned());
            return self.add_person(person, &unit_cell, document, findings);
        }
        let id = PersonId::from(name);
        if self.added_people.insert(id.clone()) {
            let (inferred, inferred_zh) = inferred();
            findings.infer(Some(cell.to_owned()), inferred, inferred_zh);
            let unit = unit(self, document, findings);
            document.people.push(Person {
                id: id.clone(),
                name: name.to_owned(),
                role,
                unit,
            });
        }
        id
    }

    /// The supervising leader a name in `cell` means.
    pub(super) fn leader(
        &mut self,
        name: &str,
        cell: &str,
        document: &mut PlanDocument,
        findings: &mut Findings,
    ) -> PersonId {
        let inferred = (Role::DeputyDistrictHead, || {
            (
                format!("`{name}` was taken to be a deputy district head"),
                format!("“{name}”被视为副区长"),
            )
        });
        self.person_named(
            name,
            cell,
            inferred,
            |names, document, findings| names.government(document, findings),
            (document, findings),
        )
    }

    /// The responsible person a name in `cell` means, in unit `unit`.
    pub(super) fn person(
        &mut self,
        name: &str,
        unit: &UnitId,
        cell: &str,
        document: &mut PlanDocument,
        findings: &mut Findings,
    ) -> PersonId {
        let inferred = (Role::Staff, || {
            (
                format!("`{name}` was taken to be a person of `{unit}`"),
                format!("“{name}”被视为“{unit}”的人员"),
            )
        });
        self.person_named(
            name,
            cell,
            inferred,
            |_, _, _| unit.clone(),
            (document, findings),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortenings() {
        assert!(shortens("虹梅街道", "虹梅路街道"));
        assert!(!shortens("虹梅路街道", "虹梅路街道"));
        assert!(!shortens("梅街道", "虹梅路街道"));
        assert!(!shortens("虹梅镇", "虹梅路街道"));
    }

    #[test]
    fn kinds_and_roles() {
        assert_eq!(unit_kind("", "长桥街道"), UnitKind::Street);
        assert_eq!(unit_kind("", "华泾镇"), UnitKind::Town);
        assert_eq!(unit_kind("", "区水务局"), UnitKind::Department);
        assert_eq!(role_of("副区长"), Role::DeputyDistrictHead);
        assert_eq!(role_of("区长"), Role::DistrictHead);
        assert_eq!(role_of("局长"), Role::UnitHead);
    }
}
