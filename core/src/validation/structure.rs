//! Checks of the plan's structure: plan items, key tasks, sub-projects, milestones, their
//! responsibilities and targets.

use std::collections::HashSet;
use std::fmt::Display;

use chrono::{Datelike, NaiveDate};

use super::path::Loc;
use super::{at, Context, ProblemCode};
use crate::document::{KeyTask, KeyTaskKind, SubProject, Withdrawal};
use crate::milestone::{Goal, Milestone, Target};
use crate::organisation::UnitKind;
use crate::responsibility::Responsibility;

pub(super) fn check(context: &mut Context<'_>) {
    let document = context.document;
    let items = &document.plan_items;
    let duplicates = std::mem::take(&mut context.duplicates.plan_items);
    context.check_ids(
        ("plan item", "计划项"),
        items.len(),
        &duplicates,
        |p| at(items, p).map(|i| i.id.as_str()),
        |p| format!("/plan_items/{p}"),
    );
    for (i, item) in document.plan_items.iter().enumerate() {
        context.unit_ref(
            item.submitted_by.as_str(),
            format!("/plan_items/{i}/submitted_by"),
        );
    }
    let tasks = &document.key_tasks;
    let duplicates = std::mem::take(&mut context.duplicates.key_tasks);
    context.check_ids(
        ("key task", "重点工作"),
        tasks.len(),
        &duplicates,
        |p| at(tasks, p).map(|t| t.id.as_str()),
        |p| format!("/key_tasks/{p}"),
    );
    let layout = context.layout;
    let duplicates = std::mem::take(&mut context.duplicates.sub_projects);
    context.check_ids(
        ("sub-project", "子项目"),
        layout.sub_project_count(),
        &duplicates,
        |s| {
            layout
                .sub_project(document, s)
                .map(|(_, sub)| sub.id.as_str())
        },
        |s| layout.sub_project_path(s),
    );
    let duplicates = std::mem::take(&mut context.duplicates.milestones);
    context.check_ids(
        ("milestone", "节点"),
        layout.milestone_count(),
        &duplicates,
        |i| layout.milestone(document, i).map(|(_, _, m)| m.id.as_str()),
        |i| layout.milestone_path(i),
    );

    let mut carried_items: HashSet<&str> = HashSet::new();
    let tasks_path = Loc::ROOT.key("key_tasks");
    for (k, task) in document.key_tasks.iter().enumerate() {
        let known = context
            .layout
            .plan_items
            .find(task.plan_item.as_str(), |p| {
                at(items, p).map(|i| i.id.as_str())
            })
            .is_some();
        if known {
            if !task.sub_projects.is_empty() {
                carried_items.insert(task.plan_item.as_str());
            }
        } else {
            dangling_plan_item(context, task, &tasks_path.index(k));
        }
        check_key_task(context, task, &tasks_path.index(k));
    }
    for (i, item) in document.plan_items.iter().enumerate() {
        if !carried_items.contains(item.id.as_str()) {
            vague_plan_item(context, i, item);
        }
    }
}

/// Reports a key task whose plan item does not exist.
pub(super) fn dangling_plan_item(context: &mut Context<'_>, task: &KeyTask, path: &Loc<'_>) {
    context.report(
        ProblemCode::DanglingPlanItem,
        path.key("plan_item"),
        format!(
            "no plan item has the id `{}`; add it to `plan_items` or correct the reference",
            task.plan_item
        ),
        format!(
            "没有 id 为 `{}` 的计划项;请把它加入 `plan_items`,或更正这个引用",
            task.plan_item
        ),
    );
}

/// Reports a plan item, at position `i`, that no sub-project carries.
pub(super) fn vague_plan_item(
    context: &mut Context<'_>,
    i: usize,
    item: &crate::document::PlanItem,
) {
    context.report(
        ProblemCode::VaguePlanItem,
        format!("/plan_items/{i}"),
        format!(
            "plan item `{}` is carried by no sub-project; add a key task with a concrete sub-project for it, or drop the item",
            item.id
        ),
        format!("计划项 `{}` 没有任何子项目承载;请为它设立带有具体子项目的重点工作,或删去该项", item.id),
    );
}

pub(super) fn check_key_task(context: &mut Context<'_>, task: &KeyTask, path: &Loc<'_>) {
    match &task.supervising_leader {
        None => context.report(
            ProblemCode::MissingSupervisingLeader,
            path,
            format!(
                "key task `{}` has no `supervising_leader`; name the district leader who supervises it",
                task.id
            ),
            format!("重点工作 `{}` 没有 `supervising_leader`;请写明督办该项工作的区领导", task.id),
        ),
        Some(leader) => {
            let leader_path = path.key("supervising_leader");
            if let Some(person) = context.person_ref(leader.as_str(), leader_path) {
                if !person.role.is_district_leader() {
                    context.report(
                        ProblemCode::SupervisorNotDistrictLeader,
                        leader_path,
                        format!(
                            "`{}` is a {}; a key task is supervised by the district head or a deputy district head",
                            person.id,
                            person.role.as_str()
                        ),
                        format!("`{}` 的职务是 {};重点工作须由区长或副区长督办", person.id, person.role.as_str()),
                    );
                }
            }
        }
    }
    if task.multi_year && task.kind != KeyTaskKind::MajorProject {
        context.report(
            ProblemCode::MultiYearNotMajorProject,
            path.key("multi_year"),
            format!(
                "key task `{}` is a {} and cannot span several years; only a major_project may be multi_year",
                task.id,
                task.kind.as_str()
            ),
            format!("重点工作 `{}` 属于 {},不能跨年度;只有重大工程(major_project)可以标为 multi_year", task.id, task.kind.as_str()),
        );
    }
    let subs_path = path.key("sub_projects");
    if task.sub_projects.is_empty() {
        context.report(
            ProblemCode::KeyTaskWithoutSubProject,
            subs_path,
            format!(
                "key task `{}` has no sub-project; cut it into at least one concrete sub-project",
                task.id
            ),
            format!(
                "重点工作 `{}` 没有子项目;请至少分解出一个具体的子项目",
                task.id
            ),
        );
    }
    let may_leave_year = task.multi_year && task.kind == KeyTaskKind::MajorProject;
    check_withdrawal(context, task.withdrawn.as_ref(), path, may_leave_year);
    for (s, sub) in task.sub_projects.iter().enumerate() {
        check_sub_project(context, sub, &subs_path.index(s), may_leave_year);
    }
}

pub(super) fn check_sub_project(
    context: &mut Context<'_>,
    sub: &SubProject,
    path: &Loc<'_>,
    may_leave_year: bool,
) {
    if let Some(start) = sub.start {
        check_date_in_year(context, start, path.key("start"), may_leave_year);
    }
    check_responsibility(context, &sub.responsibility, &path.key("responsibility"));
    check_withdrawal(context, sub.withdrawn.as_ref(), path, may_leave_year);
    let milestones_path = path.key("milestones");
    if sub.milestones.is_empty() {
        context.report(
            ProblemCode::SubProjectWithoutMilestone,
            milestones_path,
            format!(
                "sub-project `{}` has no milestone; cut it into dated milestones, at least one a quarter",
                sub.id
            ),
            format!("子项目 `{}` 没有节点;请分解为带日期的节点,每季度至少一个", sub.id),
        );
    }
    for (m, milestone) in sub.milestones.iter().enumerate() {
        check_milestone(
            context,
            sub,
            milestone,
            &milestones_path.index(m),
            may_leave_year,
        );
    }
    check_cumulative_targets(context, sub, &milestones_path);
}

fn check_milestone(
    context: &mut Context<'_>,
    sub: &SubProject,
    milestone: &Milestone,
    path: &Loc<'_>,
    may_leave_year: bool,
) {
    match milestone.due {
        None => context.report(
            ProblemCode::MilestoneWithoutDueDate,
            path,
            format!(
                "milestone `{}` has no `due` date; give it the date its target must be met by",
                milestone.id
            ),
            format!(
                "节点 `{}` 没有 `due` 日期;请写明完成目标的截止日期",
                milestone.id
            ),
        ),
        Some(due) => {
            check_date_in_year(context, due, path.key("due"), may_leave_year);
            if let Some(start) = sub.start.filter(|start| *start > due) {
                context.report(
                    ProblemCode::StartAfterDue,
                    path.key("due"),
                    format!(
                        "milestone `{}` is due on {due} but sub-project `{}` starts on {start}; move the start earlier or the due date later",
                        milestone.id, sub.id
                    ),
                    format!("节点 `{}` 的截止日期是 {due},但子项目 `{}` 在 {start} 才开始;请提前开始日期或推后截止日期", milestone.id, sub.id),
                );
            }
        }
    }
    match &milestone.target {
        None => context.report(
            ProblemCode::MilestoneWithoutTarget,
            path,
            format!(
                "milestone `{}` has no `target`; give it a deliverable or a quantity to reach",
                milestone.id
            ),
            format!(
                "节点 `{}` 没有 `target`;请给出一项交付成果或一个要达到的数量",
                milestone.id
            ),
        ),
        Some(Target::Deliverable { .. }) => {}
        Some(Target::Quantity(quantity)) => {
            let target = path.key("target");
            let target_path = target.key("quantity");
            let goal_path = target_path.key("goal");
            for value in quantity.goal.values() {
                check_quantity(context, value, goal_path);
            }
            if let Some(baseline) = quantity.baseline {
                check_quantity(context, baseline, target_path.key("baseline"));
            }
            if let Goal::Within { low, high } = quantity.goal {
                if low > high {
                    context.report(
                        ProblemCode::InvalidBand,
                        goal_path.key("within"),
                        format!("the band's `low` ({low}) is above its `high` ({high}); swap them"),
                        format!("区间下限 `low`({low})高于上限 `high`({high});请交换两者"),
                    );
                }
            }
        }
    }
    if let Some(responsibility) = &milestone.responsibility {
        check_responsibility(context, responsibility, &path.key("responsibility"));
    }
    check_withdrawal(
        context,
        milestone.withdrawn.as_deref(),
        path,
        may_leave_year,
    );
}

pub(super) fn check_withdrawal(
    context: &mut Context<'_>,
    withdrawal: Option<&Withdrawal>,
    path: &Loc<'_>,
    may_leave_year: bool,
) {
    if let Some(withdrawal) = withdrawal {
        let at = path.key("withdrawn");
        check_date_in_year(context, withdrawal.on, at.key("on"), may_leave_year);
        if withdrawal.reason.trim().is_empty() {
            context.report(
                ProblemCode::EmptyWithdrawalReason,
                at.key("reason"),
                "the withdrawal gives no reason; say why the item was withdrawn",
                "撤销记录没有写明理由;请说明撤销的原因",
            );
        }
    }
}

/// Reports a NaN, infinite or negative quantity.
pub(super) fn check_quantity(context: &mut Context<'_>, value: f64, path: impl Display) {
    if !value.is_finite() || value < 0.0 {
        context.report(
            ProblemCode::InvalidQuantity,
            path,
            format!("the quantity `{value}` is not a finite number of zero or more; quantities count what has been done"),
            format!("数量 `{value}` 不是大于或等于零的有限数;数量用于计算已完成的工作量"),
        );
    }
}

/// How many years before and after the plan's year a multi-year major project's dates may
/// fall: a project started years ago, or finishing years ahead, still has bounded dates.
pub const MULTI_YEAR_SPAN: i32 = 10;

/// Reports a date outside the plan's year, or for a task that may leave it, outside
/// [`MULTI_YEAR_SPAN`] years around it.
pub(super) fn check_date_in_year(
    context: &mut Context<'_>,
    date: NaiveDate,
    path: impl Display,
    may_leave_year: bool,
) {
    let year = context.document.year;
    if !may_leave_year {
        if !context.document.is_in_year(date) {
            context.report(
                ProblemCode::DateOutsideYear,
                path,
                format!(
                    "{date} is outside the plan's year {year}; move it into the year, or mark the key task as a multi_year major_project"
                ),
                format!(
                    "{date} 不在计划年度 {year} 之内;请把它移入该年度,或把这项重点工作标为跨年度(multi_year)的重大工程"
                ),
            );
        }
        return;
    }
    let first = year.saturating_sub(MULTI_YEAR_SPAN);
    let last = year.saturating_add(MULTI_YEAR_SPAN);
    if !(first..=last).contains(&date.year()) {
        context.report(
            ProblemCode::DateOutsideYear,
            path,
            format!(
                "{date} is more than {MULTI_YEAR_SPAN} years from the plan's year {year}; a multi-year major project's dates fall from {first} to {last}"
            ),
            format!(
                "{date} 与计划年度 {year} 相距超过 {MULTI_YEAR_SPAN} 年;跨年度重大工程的日期须在 {first} 年至 {last} 年之间"
            ),
        );
    }
}

/// Reports a date outside `first..=last` years, for records that may fall just before or
/// after the plan's year (contracts signed in December, ratings given in January).
pub(super) fn check_date_in_years(
    context: &mut Context<'_>,
    date: NaiveDate,
    path: impl Display,
    (first, last): (i32, i32),
    what: (&str, &str),
) {
    if !(first..=last).contains(&date.year()) {
        let (what, what_zh) = what;
        let (range, range_zh) = if first == last {
            (format!("in {first}"), format!("{first} 年内"))
        } else {
            (
                format!("from {first} to {last}"),
                format!("{first} 年至 {last} 年之间"),
            )
        };
        context.report(
            ProblemCode::DateOutsideYear,
            path,
            format!("{date} is not {range}; {what}"),
            format!("{date} 不在{range_zh};{what_zh}"),
        );
    }
}

fn check_responsibility(
    context: &mut Context<'_>,
    responsibility: &Responsibility,
    path: &Loc<'_>,
) {
    let lead = match &responsibility.lead_unit {
        None => {
            context.report(
                ProblemCode::MissingLeadUnit,
                path,
                "no `lead_unit`; name the unit that leads this work",
                "没有 `lead_unit`;请写明牵头单位",
            );
            None
        }
        Some(lead) => context.unit_ref(lead.as_str(), path.key("lead_unit")),
    };
    let partners_path = path.key("partner_units");
    let repeated = repeated_positions(&responsibility.partner_units);
    for (p, partner) in responsibility.partner_units.iter().enumerate() {
        let partner_path = partners_path.index(p);
        if responsibility.lead_unit.as_ref() == Some(partner) {
            context.report(
                ProblemCode::PartnerIsLead,
                partner_path,
                format!("`{partner}` is the lead unit and cannot also be a partner; remove it from `partner_units`"),
                format!("`{partner}` 是牵头单位,不能同时作为配合单位;请把它从 `partner_units` 中删去"),
            );
        } else if repeated.get(p).copied().unwrap_or(false) {
            context.report(
                ProblemCode::DuplicatePartner,
                partner_path,
                format!("`{partner}` is listed twice in `partner_units`; list each partner once"),
                format!("`{partner}` 在 `partner_units` 中出现了两次;每个配合单位只列一次"),
            );
        } else {
            context.unit_ref(partner.as_str(), partner_path);
        }
    }
    if let Some(person_id) = &responsibility.responsible_person {
        let person_path = path.key("responsible_person");
        let person = context.person_ref(person_id.as_str(), person_path);
        // A person whose own unit dangles is reported once, at the person.
        let person = person.filter(|person| context.find_unit(person.unit.as_str()).is_some());
        if let (Some(person), Some(lead)) = (person, lead) {
            let in_lead = person.unit == lead.id
                || context.find_unit(person.unit.as_str()).is_some_and(|unit| {
                    unit.kind == UnitKind::Section && unit.parent.as_ref() == Some(&lead.id)
                });
            if !in_lead {
                context.report(
                    ProblemCode::ResponsiblePersonOutsideLeadUnit,
                    person_path,
                    format!(
                        "`{}` belongs to `{}`, not to the lead unit `{}` or one of its sections; name a person of the lead unit",
                        person.id, person.unit, lead.id
                    ),
                    format!("`{}` 隶属于 `{}`,不属于牵头单位 `{}` 或其科室;请指定牵头单位的人员", person.id, person.unit, lead.id),
                );
            }
        }
    }
}

/// For each position, whether an earlier position holds the same value. A short list is
/// compared pairwise; a long one goes through a hash set, so the check stays linear.
fn repeated_positions<T: Eq + std::hash::Hash>(values: &[T]) -> Vec<bool> {
    const SHORT: usize = 16;
    if values.len() <= SHORT {
        return values
            .iter()
            .enumerate()
            .map(|(i, value)| values.get(..i).unwrap_or_default().contains(value))
            .collect();
    }
    let mut seen = HashSet::with_capacity(values.len());
    values.iter().map(|value| !seen.insert(value)).collect()
}

/// Cumulative quantity targets of one sub-project, in the same unit of measure and
/// direction, must not go down from one milestone to the next in due-date order.
fn check_cumulative_targets(
    context: &mut Context<'_>,
    sub: &SubProject,
    milestones_path: &Loc<'_>,
) {
    // Most sub-projects have a handful of milestones: a short list sorts in place.
    let mut series: Vec<(&str, u8, NaiveDate, usize, f64)> = sub
        .milestones
        .iter()
        .enumerate()
        .filter_map(|(m, milestone)| {
            let due = milestone.due?;
            let Some(Target::Quantity(quantity)) = &milestone.target else {
                return None;
            };
            let (direction, value) = match quantity.goal {
                Goal::AtLeast(value) => (0, value),
                Goal::AtMost(value) => (1, value),
                Goal::Within { .. } => return None,
            };
            Some((quantity.unit.as_str(), direction, due, m, value))
        })
        .collect();
    if series.len() < 2 {
        return;
    }
    series.sort_by(|a, b| (a.0, a.1, a.2, a.3).cmp(&(b.0, b.1, b.2, b.3)));
    let mut going_down: Vec<_> = series
        .windows(2)
        .filter_map(|pair| match pair {
            [earlier, later]
                if earlier.0 == later.0 && earlier.1 == later.1 && later.4 < earlier.4 =>
            {
                Some((*earlier, *later))
            }
            _ => None,
        })
        .collect();
    // Report in document order of the milestone at fault.
    going_down.sort_by_key(|(_, later)| later.3);
    for (earlier, later) in going_down {
        let id_of = |m: usize| {
            sub.milestones
                .get(m)
                .map(|m| m.id.as_str())
                .unwrap_or_default()
        };
        let goal_path = milestones_path.index(later.3);
        let goal_path = goal_path.key("target");
        let goal_path = goal_path.key("quantity");
        context.report(
            ProblemCode::DecreasingCumulativeTarget,
            goal_path.key("goal"),
            format!(
                "milestone `{}` asks for {} {} by {}, less than the {} that `{}` asks for by {}; cumulative targets only grow through the year",
                id_of(later.3), later.4, later.0, later.2, earlier.4, id_of(earlier.3), earlier.2
            ),
            format!("节点 `{}` 要求到 {} 达到 {} {},少于节点 `{}` 要求到 {} 达到的 {};累计目标在一年中只增不减", id_of(later.3), later.2, later.4, later.0, id_of(earlier.3), earlier.2, earlier.4),
        );
    }
}
