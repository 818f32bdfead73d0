//! Checks of one change to a valid plan, scoped to what the change touches.
//!
//! A valid plan stays valid everywhere a change does not reach, so checking the parts it
//! reaches — with the same checks, messages and paths as validating the whole plan — finds
//! every problem that validating the changed plan again would find, at the cost of the
//! change: the sub-project it edits, the key task it adds, the records that name the
//! milestone whose kind of target it changes.

use std::collections::HashMap;

use super::path::Loc;
use super::{records, structure, Context, Problem};
use crate::document::{KeyTask, KeyTaskKind, PlanItem, SubProject, Withdrawal};
use crate::milestone::{Milestone, Target};
use crate::plan::{Place, Plan};
use crate::responsibility::{Contract, PartnerRating};

const KEY_TASK: (&str, &str) = ("key task", "重点工作");
const SUB_PROJECT: (&str, &str) = ("sub-project", "子项目");
const MILESTONE: (&str, &str) = ("milestone", "节点");

fn finish(context: Context<'_>) -> Vec<Problem> {
    context.problems.finish().0
}

fn may_leave_year(task: &KeyTask) -> bool {
    task.multi_year && task.kind == KeyTaskKind::MajorProject
}

fn position(index: u32) -> usize {
    usize::try_from(index).unwrap_or(usize::MAX)
}

/// Runs `check` with the JSON pointer of flat sub-project `s` and its key task.
fn with_sub_path(
    context: &mut Context<'_>,
    plan: &Plan,
    s: u32,
    check: impl FnOnce(&mut Context<'_>, &Loc<'_>, &KeyTask),
) {
    let Some((k, s_local)) = plan.layout().sub_project_place(s) else {
        return;
    };
    let Some(task) = plan.document().key_tasks.get(position(k)) else {
        return;
    };
    let tasks = Loc::ROOT.key("key_tasks");
    let task_path = tasks.index(position(k));
    let subs = task_path.key("sub_projects");
    let path = subs.index(position(s_local));
    check(context, &path, task);
}

/// Checks flat sub-project `s` as a change would leave it (`changed`): its start, its
/// responsibility, its withdrawal, and each milestone's due date, target and
/// responsibility, with its cumulative targets in order.
pub(crate) fn check_changed_sub_project(plan: &Plan, s: u32, changed: &SubProject) -> Vec<Problem> {
    let mut context = Context::over(plan);
    with_sub_path(&mut context, plan, s, |context, path, task| {
        structure::check_sub_project(context, changed, path, may_leave_year(task));
    });
    if let Some((_, sub)) = plan.layout().sub_project(plan.document(), s) {
        check_ratings_of(&mut context, plan, sub, changed);
    }
    finish(context)
}

/// The ratings of partners a change takes off a sub-project no longer rate a partner.
fn check_ratings_of(
    context: &mut Context<'_>,
    plan: &Plan,
    before: &SubProject,
    changed: &SubProject,
) {
    let partners = &changed.responsibility.partner_units;
    let ratings = Loc::ROOT.key("partner_ratings");
    for removed in before
        .responsibility
        .partner_units
        .iter()
        .filter(|p| !partners.contains(p))
    {
        let rated = plan.rating_of(changed.id.as_str(), removed.as_str());
        let Some((r, rating)) = rated.and_then(|r| {
            let r = position(r);
            Some((r, plan.document().partner_ratings.get(r)?))
        }) else {
            continue;
        };
        records::not_a_partner(context, &ratings.index(r), rating, changed);
    }
}

/// Checks the progress reports of milestone `i` against the target a change gives it.
/// A report that fitted a target still fits one of the same kind (a quantity or a
/// deliverable), and `underway` fits both: the reports are read only when the kind
/// changes and the milestone has reports of the other kind, which the change is then
/// refused for.
pub(crate) fn check_reports_for_target(plan: &Plan, i: u32, target: &Target) -> Vec<Problem> {
    let mut context = Context::over(plan);
    let Some((_, _, milestone)) = plan.layout().milestone(plan.document(), i) else {
        return Vec::new();
    };
    let same_kind = matches!(
        (&milestone.target, target),
        (Some(Target::Quantity(_)), Target::Quantity(_))
            | (Some(Target::Deliverable { .. }), Target::Deliverable { .. })
    );
    // A deliverable refuses cumulative numbers, a quantity refuses `done`.
    let misfit = match target {
        Target::Quantity(_) => crate::layout::DONE_REPORTS,
        Target::Deliverable { .. } => crate::layout::CUMULATIVE_REPORTS,
    };
    let kinds = plan.layout().report_kinds.get(position(i)).copied();
    if same_kind || kinds.map_or(true, |k| k & misfit == 0) {
        return Vec::new();
    }
    let reports = Loc::ROOT.key("progress_reports");
    let document = plan.document();
    for (r, (report, named)) in document
        .progress_reports
        .iter()
        .zip(&plan.layout().report_milestone)
        .enumerate()
    {
        if *named == i {
            let path = reports.index(r);
            records::check_progress_against_target(
                &mut context,
                &path,
                report,
                milestone,
                Some(target),
            );
        }
    }
    finish(context)
}

/// Checks a withdrawal of the key task, sub-project or milestone at `place`.
pub(crate) fn check_withdrawal(plan: &Plan, place: Place, withdrawal: &Withdrawal) -> Vec<Problem> {
    let mut context = Context::over(plan);
    let layout = plan.layout();
    let document = plan.document();
    let tasks = Loc::ROOT.key("key_tasks");
    let found = match place {
        Place::KeyTask(k) => Some((k, None)),
        Place::SubProject(s) => layout
            .sub_project_place(s)
            .map(|(k, s)| (k, Some((s, None)))),
        Place::Milestone(i) => layout
            .milestone_place(i)
            .map(|(k, s, m)| (k, Some((s, Some(m))))),
    };
    let Some((k, inner)) = found else {
        return Vec::new();
    };
    let Some(task) = document.key_tasks.get(position(k)) else {
        return Vec::new();
    };
    let leave = may_leave_year(task);
    let task_path = tasks.index(position(k));
    match inner {
        None => structure::check_withdrawal(&mut context, Some(withdrawal), &task_path, leave),
        Some((s, milestone)) => {
            let subs = task_path.key("sub_projects");
            let sub_path = subs.index(position(s));
            match milestone {
                None => {
                    structure::check_withdrawal(&mut context, Some(withdrawal), &sub_path, leave);
                }
                Some(m) => {
                    let milestones = sub_path.key("milestones");
                    let path = milestones.index(position(m));
                    structure::check_withdrawal(&mut context, Some(withdrawal), &path, leave);
                }
            }
        }
    }
    finish(context)
}

/// Checks a milestone added at the end of flat sub-project `s`: the sub-project with it,
/// and its id.
pub(crate) fn check_added_milestone(plan: &Plan, s: u32, milestone: &Milestone) -> Vec<Problem> {
    let Some((_, sub)) = plan.layout().sub_project(plan.document(), s) else {
        return Vec::new();
    };
    let mut changed = sub.clone();
    changed.milestones.push(milestone.clone());
    let mut context = Context::over(plan);
    let m = sub.milestones.len();
    with_sub_path(&mut context, plan, s, |context, path, task| {
        structure::check_sub_project(context, &changed, path, may_leave_year(task));
        let milestones = path.key("milestones");
        let at = milestones.index(m).to_string();
        let first = existing_milestone(plan, milestone.id.as_str());
        context.check_id(MILESTONE, milestone.id.as_str(), || at.clone(), first);
    });
    finish(context)
}

/// The path of the milestone that already has this id, if one does.
fn existing_milestone(plan: &Plan, id: &str) -> Option<String> {
    let i = plan.milestone_index(id)?;
    Some(plan.layout().milestone_path(i))
}

/// The path of the sub-project that already has this id, if one does.
fn existing_sub_project(plan: &Plan, id: &str) -> Option<String> {
    let s = plan.sub_project_index(id)?;
    Some(plan.layout().sub_project_path(s))
}

/// Checks the ids of a new sub-project at `path` and of its milestones, against the plan
/// and against each other; `seen` holds the ids the change added before it.
fn check_new_sub_ids<'c>(
    context: &mut Context<'_>,
    plan: &Plan,
    sub: &'c SubProject,
    path: &Loc<'_>,
    seen: &mut NewIds<'c>,
) {
    let at = path.to_string();
    let first = existing_sub_project(plan, sub.id.as_str())
        .or_else(|| seen.sub_projects.get(sub.id.as_str()).cloned());
    context.check_id(SUB_PROJECT, sub.id.as_str(), || at.clone(), first);
    seen.sub_projects.entry(sub.id.as_str()).or_insert(at);
    let milestones = path.key("milestones");
    for (m, milestone) in sub.milestones.iter().enumerate() {
        let at = milestones.index(m).to_string();
        let first = existing_milestone(plan, milestone.id.as_str())
            .or_else(|| seen.milestones.get(milestone.id.as_str()).cloned());
        context.check_id(MILESTONE, milestone.id.as_str(), || at.clone(), first);
        seen.milestones.entry(milestone.id.as_str()).or_insert(at);
    }
}

/// The ids a change adds, with the path of each first use.
#[derive(Default)]
struct NewIds<'c> {
    sub_projects: HashMap<&'c str, String>,
    milestones: HashMap<&'c str, String>,
}

/// Checks a sub-project added at the end of key task `k`, with its milestones.
pub(crate) fn check_added_sub_project(plan: &Plan, k: u32, sub: &SubProject) -> Vec<Problem> {
    let Some(task) = plan.document().key_tasks.get(position(k)) else {
        return Vec::new();
    };
    let mut context = Context::over(plan);
    let tasks = Loc::ROOT.key("key_tasks");
    let task_path = tasks.index(position(k));
    let subs = task_path.key("sub_projects");
    let path = subs.index(task.sub_projects.len());
    check_new_sub_ids(&mut context, plan, sub, &path, &mut NewIds::default());
    structure::check_sub_project(&mut context, sub, &path, may_leave_year(task));
    finish(context)
}

/// Checks a key task added at the end of the plan, with its sub-projects and milestones,
/// and the plan item it implements when that is added with it.
pub(crate) fn check_added_key_task(
    plan: &Plan,
    task: &KeyTask,
    plan_item: Option<&PlanItem>,
) -> Vec<Problem> {
    let mut context = Context::over(plan);
    let document = plan.document();
    let layout = plan.layout();
    let items = &document.plan_items;
    let item_known = |id: &str| {
        layout
            .plan_items
            .find(id, |p| items.get(position(p)).map(|i| i.id.as_str()))
    };
    if let Some(item) = plan_item {
        let n = items.len();
        let at = format!("/plan_items/{n}");
        let first = item_known(item.id.as_str()).map(|p| format!("/plan_items/{p}"));
        context.check_id(
            ("plan item", "计划项"),
            item.id.as_str(),
            || at.clone(),
            first,
        );
        context.unit_ref(item.submitted_by.as_str(), format!("{at}/submitted_by"));
    }
    let tasks = Loc::ROOT.key("key_tasks");
    let path = tasks.index(document.key_tasks.len());
    let first = layout
        .key_tasks
        .find(task.id.as_str(), |p| {
            document.key_tasks.get(position(p)).map(|t| t.id.as_str())
        })
        .map(|k| format!("/key_tasks/{k}"));
    context.check_id(KEY_TASK, task.id.as_str(), || path.to_string(), first);
    let new_item = plan_item.filter(|item| item.id == task.plan_item);
    if item_known(task.plan_item.as_str()).is_none() && new_item.is_none() {
        structure::dangling_plan_item(&mut context, task, &path);
    }
    let mut seen = NewIds::default();
    let subs = path.key("sub_projects");
    for (s, sub) in task.sub_projects.iter().enumerate() {
        check_new_sub_ids(&mut context, plan, sub, &subs.index(s), &mut seen);
    }
    structure::check_key_task(&mut context, task, &path);
    // A new item is carried when the task implements it and has a sub-project; one whose
    // id repeats a known item (a problem reported above) shares that item's carrier.
    if let Some(item) = plan_item.filter(|item| item_known(item.id.as_str()).is_none()) {
        if new_item.is_none() || task.sub_projects.is_empty() {
            structure::vague_plan_item(&mut context, items.len(), item);
        }
    }
    finish(context)
}

/// Checks a contract added at the end of the contracts.
pub(crate) fn check_new_contract(plan: &Plan, contract: &Contract) -> Vec<Problem> {
    let mut context = Context::over(plan);
    let contracts = &plan.document().contracts;
    let n = contracts.len();
    let first = plan
        .layout()
        .contracts
        .find(contract.id.as_str(), |p| {
            contracts.get(position(p)).map(|c| c.id.as_str())
        })
        .map(|c| format!("/contracts/{c}"));
    context.check_id(
        ("contract", "责任书"),
        contract.id.as_str(),
        || format!("/contracts/{n}"),
        first,
    );
    records::check_contract(&mut context, n, contract);
    finish(context)
}

/// Checks a partner rating added at the end of the ratings.
pub(crate) fn check_new_rating(plan: &Plan, rating: &PartnerRating) -> Vec<Problem> {
    let mut context = Context::over(plan);
    let ratings = &plan.document().partner_ratings;
    let mut seen = HashMap::new();
    if let Some(r) = plan.rating_of(rating.sub_project.as_str(), rating.partner.as_str()) {
        seen.insert(
            (rating.sub_project.as_str(), rating.partner.as_str()),
            position(r),
        );
    }
    records::check_rating(&mut context, ratings.len(), rating, &mut seen);
    finish(context)
}
