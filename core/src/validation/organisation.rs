//! Checks of the organisation: the year, unit and person ids, the unit tree, and roles.

use super::{at, Context, ProblemCode};
use crate::organisation::{Role, UnitKind};

pub(super) fn check(context: &mut Context<'_>) {
    let document = context.document;
    if !(1..=9999).contains(&document.year) {
        context.report(
            ProblemCode::InvalidYear,
            "/year",
            format!(
                "the year `{}` is not a calendar year this library handles; use a year from 1 to 9999",
                document.year
            ),
        );
    }

    let units = &document.units;
    let duplicates = std::mem::take(&mut context.duplicates.units);
    context.check_ids(
        "unit",
        units.len(),
        &duplicates,
        |p| at(units, p).map(|u| u.id.as_str()),
        |p| format!("/units/{p}"),
    );
    let people = &document.people;
    let duplicates = std::mem::take(&mut context.duplicates.people);
    context.check_ids(
        "person",
        people.len(),
        &duplicates,
        |p| at(people, p).map(|x| x.id.as_str()),
        |p| format!("/people/{p}"),
    );

    check_unit_tree(context);
    check_roles(context);
}

fn check_unit_tree(context: &mut Context<'_>) {
    let document = context.document;
    for (i, unit) in document.units.iter().enumerate() {
        let path = format!("/units/{i}/parent");
        let parent = match &unit.parent {
            Some(parent) => context.unit_ref(parent.as_str(), &path),
            None => None,
        };
        if unit.kind == UnitKind::Section {
            let placed = parent.is_some_and(|parent| parent.kind.is_working_unit());
            if !placed && (parent.is_some() || unit.parent.is_none()) {
                context.report(
                    ProblemCode::MisplacedSection,
                    if unit.parent.is_some() {
                        path
                    } else {
                        format!("/units/{i}")
                    },
                    format!(
                        "section `{}` must have a department, street or town as its `parent`",
                        unit.id
                    ),
                );
            }
        }
    }

    // Walk up from every unit; a walk that comes back to a unit already on it is a cycle.
    // Each cycle is reported once, at its first unit in document order.
    let units = &document.units;
    let position = |id: &str| -> Option<usize> {
        let found = context
            .layout
            .units
            .find(id, |p| at(units, p).map(|u| u.id.as_str()))?;
        usize::try_from(found).ok()
    };
    let mut reported = vec![false; document.units.len()];
    for (start, unit) in document.units.iter().enumerate() {
        let mut on_walk = vec![start];
        let mut current = unit;
        while let Some(parent_id) = &current.parent {
            let Some(next) = position(parent_id.as_str()) else {
                break;
            };
            if let Some(loop_start) = on_walk.iter().position(|&seen| seen == next) {
                let cycle: Vec<usize> = on_walk.get(loop_start..).unwrap_or_default().to_vec();
                let first = cycle.iter().copied().min().unwrap_or(next);
                if first == start && !reported.get(first).copied().unwrap_or(true) {
                    if let Some(flag) = reported.get_mut(first) {
                        *flag = true;
                    }
                    let names: Vec<String> = cycle
                        .iter()
                        .chain(std::iter::once(&first))
                        .filter_map(|&i| document.units.get(i))
                        .map(|unit| format!("`{}`", unit.id))
                        .collect();
                    context.report(
                        ProblemCode::UnitCycle,
                        format!("/units/{first}/parent"),
                        format!(
                            "the unit tree has a cycle {}; every chain of parents must end at a unit with no parent",
                            names.join(" → ")
                        ),
                    );
                }
                break;
            }
            on_walk.push(next);
            match document.units.get(next) {
                Some(unit) => current = unit,
                None => break,
            }
        }
    }
}

fn check_roles(context: &mut Context<'_>) {
    let document = context.document;
    for (i, person) in document.people.iter().enumerate() {
        let Some(unit) = context.unit_ref(person.unit.as_str(), format!("/people/{i}/unit")) else {
            continue;
        };
        let (fits, needed) = match person.role {
            Role::DistrictHead | Role::DeputyDistrictHead => {
                (unit.kind == UnitKind::Government, "the government")
            }
            Role::UnitHead => (unit.kind.is_working_unit(), "a department, street or town"),
            Role::SectionHead => (unit.kind == UnitKind::Section, "a section"),
            Role::Staff => (true, "any unit"),
        };
        if !fits {
            context.report(
                ProblemCode::RoleUnitMismatch,
                format!("/people/{i}/role"),
                format!(
                    "`{}` is a {} but belongs to {} `{}`; a {} belongs to {needed}",
                    person.id,
                    person.role.as_str(),
                    unit.kind.as_str(),
                    unit.id,
                    person.role.as_str()
                ),
            );
        }
    }
}
