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
            format!(
                "年份 `{}` 不在本库处理的范围内;请使用 1 至 9999 之间的年份",
                document.year
            ),
        );
    }

    let units = &document.units;
    let duplicates = std::mem::take(&mut context.duplicates.units);
    context.check_ids(
        ("unit", "单位"),
        units.len(),
        &duplicates,
        |p| at(units, p).map(|u| u.id.as_str()),
        |p| format!("/units/{p}"),
    );
    let people = &document.people;
    let duplicates = std::mem::take(&mut context.duplicates.people);
    context.check_ids(
        ("person", "人员"),
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
                    format!("科室 `{}` 的 `parent` 必须是一个委办局、街道或镇", unit.id),
                );
            }
        }
    }

    // Each unit has at most one parent, so the tree is a functional graph: walk up from
    // every unit not yet settled, marking the walk; a walk that meets its own marks has
    // found a cycle, one that meets a settled unit has not. Every unit is walked once, so
    // the check is linear in the number of units. Each cycle is reported once, at its
    // first unit in document order.
    let units = &document.units;
    let parent_of = |i: usize| -> Option<usize> {
        let parent = units.get(i)?.parent.as_ref()?;
        let found = context
            .layout
            .units
            .find(parent.as_str(), |p| at(units, p).map(|u| u.id.as_str()))?;
        usize::try_from(found).ok()
    };
    const UNSEEN: usize = usize::MAX;
    const SETTLED: usize = usize::MAX - 1;
    // For each unit: UNSEEN, SETTLED, or the walk (numbered by its start) it is on.
    let mut mark = vec![UNSEEN; units.len()];
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    let mut walk = Vec::new();
    for start in 0..units.len() {
        if mark.get(start) != Some(&UNSEEN) {
            continue;
        }
        walk.clear();
        let mut current = Some(start);
        while let Some(unit) = current {
            match mark.get(unit).copied() {
                Some(UNSEEN) => {
                    if let Some(flag) = mark.get_mut(unit) {
                        *flag = start;
                    }
                    walk.push(unit);
                    current = parent_of(unit);
                }
                Some(on) if on == start => {
                    // Back on this walk: the units from `unit` on form a cycle.
                    let from = walk.iter().position(|&seen| seen == unit).unwrap_or(0);
                    cycles.push(walk.get(from..).unwrap_or_default().to_vec());
                    break;
                }
                _ => break,
            }
        }
        for &unit in &walk {
            if let Some(flag) = mark.get_mut(unit) {
                *flag = SETTLED;
            }
        }
    }
    let mut cycles: Vec<(usize, Vec<usize>)> = cycles
        .into_iter()
        .filter_map(|mut cycle| {
            // Start the cycle at its first unit in document order.
            let first = cycle.iter().copied().min()?;
            let at_first = cycle.iter().position(|&u| u == first)?;
            cycle.rotate_left(at_first);
            Some((first, cycle))
        })
        .collect();
    cycles.sort_by_key(|(first, _)| *first);
    for (first, cycle) in cycles {
        const SHOWN: usize = 10;
        let mut names: Vec<String> = cycle
            .iter()
            .take(SHOWN)
            .filter_map(|&i| units.get(i))
            .map(|unit| format!("`{}`", unit.id))
            .collect();
        if cycle.len() > SHOWN {
            names.push(format!("… ({} units in all)", cycle.len()));
        }
        if let Some(unit) = units.get(first) {
            names.push(format!("`{}`", unit.id));
        }
        context.report(
            ProblemCode::UnitCycle,
            format!("/units/{first}/parent"),
            format!(
                "the unit tree has a cycle {}; every chain of parents must end at a unit with no parent",
                names.join(" → ")
            ),
            format!(
                "单位隶属关系中出现循环 {};每条上级链都必须止于一个没有上级的单位",
                names.join(" → ")
            ),
        );
    }
}

fn check_roles(context: &mut Context<'_>) {
    let document = context.document;
    for (i, person) in document.people.iter().enumerate() {
        let Some(unit) = context.unit_ref(person.unit.as_str(), format!("/people/{i}/unit")) else {
            continue;
        };
        let (fits, needed, needed_zh) = match person.role {
            Role::DistrictHead | Role::DeputyDistrictHead => (
                unit.kind == UnitKind::Government,
                "the government",
                "区政府",
            ),
            Role::UnitHead => (
                unit.kind.is_working_unit(),
                "a department, street or town",
                "委办局、街道或镇",
            ),
            Role::SectionHead => (unit.kind == UnitKind::Section, "a section", "科室"),
            Role::Staff => (true, "any unit", "任一单位"),
        };
        if !fits {
            let (id, role, kind, unit) = (
                &person.id,
                person.role.as_str(),
                unit.kind.as_str(),
                &unit.id,
            );
            context.report(
                ProblemCode::RoleUnitMismatch,
                format!("/people/{i}/role"),
                format!(
                    "`{id}` is a {role} but belongs to {kind} `{unit}`; a {role} belongs to {needed}"
                ),
                format!("`{id}` 的职务是 {role},却隶属于 {kind} `{unit}`;{role} 应隶属于{needed_zh}"),
            );
        }
    }
}
