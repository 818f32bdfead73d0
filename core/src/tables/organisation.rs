//! Matching the unit and people names a target table uses to the organisation: read from
//! an organisation sheet and a people sheet when the workbook has them, created from the
//! names (and reported as inferred) when it does not.

use std::collections::HashMap;

use super::office::Findings;
use super::sheet::{Sheet, Workbook};
use crate::document::PlanDocument;
use crate::ids::{PersonId, UnitId};
use crate::organisation::{Person, Role, Unit, UnitKind};
use crate::validation::ProblemCode;

/// The id and name of the government unit created when a table names leaders but no
/// organisation sheet gives their unit.
const GOVERNMENT: (&str, &str) = ("gov", "区政府");

/// Units and people given by the workbook's own sheets.
#[derive(Default)]
pub(super) struct Organisation {
    units: Vec<Unit>,
    people: Vec<Person>,
}

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
                    let unit_id = organisation
                        .units
                        .iter()
                        .find(|u| u.name == unit_name || u.id.as_str() == unit_name)
                        .map_or_else(|| unit_name.as_str().into(), |u| u.id.clone());
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
                        unit: unit_id,
                    });
                }
            } else {
                findings.problem(ProblemCode::MissingColumn, format!("{}!A1", sheet.name),
                    "the people sheet needs a name column (姓名 / name) and a unit column (单位 / unit)".into(),
                    "人员表须有“姓名”列和“单位”列".into());
            }
        }
        organisation
    }
}

/// Resolves names to ids, adding the organisation's units and people to the document as
/// they are first used, and creating (and reporting) those the organisation lacks.
pub(super) struct Names {
    organisation: Organisation,
    given: bool,
    units: HashMap<String, UnitId>,
    people: HashMap<String, PersonId>,
    added_units: HashMap<String, ()>,
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
            units: HashMap::new(),
            people: HashMap::new(),
            added_units: HashMap::new(),
        }
    }

    fn add_unit(&mut self, unit: Unit, document: &mut PlanDocument) -> UnitId {
        let id = unit.id.clone();
        if self.added_units.insert(id.to_string(), ()).is_none() {
            // A unit's parent comes along with it.
            if let Some(parent) = unit.parent.clone() {
                if let Some(found) = self
                    .organisation
                    .units
                    .iter()
                    .find(|u| u.id == parent)
                    .cloned()
                {
                    self.add_unit(found, document);
                }
            }
            document.units.push(unit);
        }
        id
    }

    /// The government unit, created when the organisation has none.
    pub(super) fn government(
        &mut self,
        document: &mut PlanDocument,
        findings: &mut Findings,
    ) -> UnitId {
        if let Some(found) = self
            .organisation
            .units
            .iter()
            .find(|u| u.kind == UnitKind::Government)
            .cloned()
        {
            return self.add_unit(found, document);
        }
        if !self.added_units.contains_key(GOVERNMENT.0) {
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
        self.add_unit(
            Unit {
                id: GOVERNMENT.0.into(),
                name: GOVERNMENT.1.into(),
                kind: UnitKind::Government,
                parent: None,
            },
            document,
        )
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
        let exact = self
            .organisation
            .units
            .iter()
            .find(|u| u.name == name || u.id.as_str() == name)
            .cloned();
        let found = match exact {
            Some(unit) => Some(unit),
            None if self.given => {
                let candidates: Vec<&Unit> = self
                    .organisation
                    .units
                    .iter()
                    .filter(|u| shortens(name, &u.name))
                    .collect();
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
                            format!("no unit of the organisation sheet is called `{name}`; correct the name or add the unit to the sheet"),
                            format!("单位表中没有名为“{name}”的单位;请更正名称或把该单位加入单位表"));
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

    fn known_person(&self, name: &str) -> Option<Person> {
        self.organisation
            .people
            .iter()
            .find(|p| p.name == name || p.id.as_str() == name)
            .cloned()
    }

    fn add_person(&mut self, person: Person, document: &mut PlanDocument) -> PersonId {
        let id = person.id.clone();
        if !document.people.iter().any(|p| p.id == id) {
            if let Some(unit) = self
                .organisation
                .units
                .iter()
                .find(|u| u.id == person.unit)
                .cloned()
            {
                self.add_unit(unit, document);
            }
            document.people.push(person);
        }
        self.people.insert(id.to_string(), id.clone());
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
        if let Some(person) = self.known_person(name) {
            return self.add_person(person, document);
        }
        let unit = self.government(document, findings);
        if !self.people.contains_key(name) {
            findings.infer(
                Some(cell.to_owned()),
                format!("`{name}` was taken to be a deputy district head"),
                format!("“{name}”被视为副区长"),
            );
        }
        self.add_person(
            Person {
                id: name.into(),
                name: name.to_owned(),
                role: Role::DeputyDistrictHead,
                unit,
            },
            document,
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
        if let Some(person) = self.known_person(name) {
            return self.add_person(person, document);
        }
        if !self.people.contains_key(name) {
            findings.infer(
                Some(cell.to_owned()),
                format!("`{name}` was taken to be a person of `{unit}`"),
                format!("“{name}”被视为“{unit}”的人员"),
            );
        }
        self.add_person(
            Person {
                id: name.into(),
                name: name.to_owned(),
                role: Role::Staff,
                unit: unit.clone(),
            },
            document,
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
