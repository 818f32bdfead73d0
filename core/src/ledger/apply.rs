//! What an authorised change does to the plan: checked against the part of the plan it
//! touches (with the checks of validation, scoped), then applied in place. Neither step
//! copies the plan, so recording a change costs the change, and replaying a ledger costs
//! its entries.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::error::Rule;
use super::{Change, ItemId, LaterDateRequest};
use crate::document::{KeyTask, PlanItem, SubProject, Withdrawal};
use crate::ids::{MilestoneId, UnitId};
use crate::milestone::{Milestone, Target};
use crate::organisation::Person;
use crate::plan::{Place, Plan};
use crate::progress::{LagCause, LagClass, LagReason, ProgressReport};
use crate::responsibility::{Contract, PartnerRating};
use crate::validation::{self, Problem};

/// Why a change cannot apply: a broken rule, or the problems it would leave in the plan.
pub(super) enum Unfit {
    Rule(Rule, String),
    Problems(Vec<Problem>),
}

/// What a checked change does to the plan when committed.
pub(super) enum Applied {
    /// Adds a progress report for the milestone numbered so.
    Report(ProgressReport, u32),
    /// Adds a lag reason for the milestone numbered so (pending while a request waits).
    LagReason(LagReason, u32),
    /// Moves the milestone numbered so to a new due date.
    Due(u32, NaiveDate),
    /// Gives the milestone numbered so a new target.
    Target(u32, Target),
    /// Withdraws a key task, sub-project or milestone.
    Withdraw(Place, Withdrawal),
    /// Adds (`true`) or takes off a partner unit of the sub-project numbered so.
    Partner(u32, UnitId, bool),
    /// Adds a contract.
    Contract(Contract),
    /// Adds a partner rating.
    Rating(PartnerRating),
    /// Adds a key task, with the plan item when that is new.
    KeyTask(KeyTask, Option<PlanItem>),
    /// Adds a sub-project to the key task numbered so.
    SubProject(u32, SubProject),
    /// Adds a milestone to the sub-project numbered so.
    Milestone(u32, Milestone),
    /// Changes nothing in the plan (a refusal, a request with a subjective reason).
    Nothing,
}

fn missing(what: &str, id: &str) -> Unfit {
    Unfit::Rule(Rule::UnknownItem, format!("no {what} has the id `{id}`"))
}

fn checked(problems: Vec<Problem>, applied: Applied) -> Result<Applied, Unfit> {
    if problems.is_empty() {
        Ok(applied)
    } else {
        Err(Unfit::Problems(problems))
    }
}

fn milestone_index(plan: &Plan, id: &str) -> Result<u32, Unfit> {
    plan.milestone_index(id)
        .ok_or_else(|| missing("milestone", id))
}

fn sub_project_index(plan: &Plan, id: &str) -> Result<u32, Unfit> {
    plan.sub_project_index(id)
        .ok_or_else(|| missing("sub-project", id))
}

/// Flat milestone `i` with one change made to it, in a copy of its sub-project.
fn sub_with(plan: &Plan, i: u32, edit: impl FnOnce(&mut Milestone)) -> Option<(u32, SubProject)> {
    let (_, _, m) = plan.layout().milestone_place(i)?;
    let s = *plan.layout().milestone_sub.get(usize::try_from(i).ok()?)?;
    let (_, sub) = plan.layout().sub_project(plan.document(), s)?;
    let mut changed = sub.clone();
    edit(changed.milestones.get_mut(usize::try_from(m).ok()?)?);
    Some((s, changed))
}

/// Checks moving milestone `id` to `due`.
fn due(plan: &Plan, id: &str, due: NaiveDate) -> Result<Applied, Unfit> {
    let i = milestone_index(plan, id)?;
    let (s, changed) =
        sub_with(plan, i, |m| m.due = Some(due)).ok_or_else(|| missing("milestone", id))?;
    checked(
        validation::check_changed_sub_project(plan, s, &changed),
        Applied::Due(i, due),
    )
}

/// Checks a change, authorised for `person`, against the plan; makes what applying it
/// takes, changing nothing.
pub(super) fn prepare(
    plan: &Plan,
    requests: &BTreeMap<u64, LaterDateRequest>,
    person: &Person,
    (at, sequence): (NaiveDateTime, u64),
    change: &Change,
    reason: Option<&str>,
) -> Result<Applied, Unfit> {
    let today = at.date();
    match change {
        Change::AdoptPlan { .. } => Err(Unfit::Rule(
            Rule::FirstEntryAdoptsPlan,
            "the plan is adopted once".to_owned(),
        )),
        Change::ReportProgress {
            milestone,
            date,
            progress,
            note,
        } => {
            let report = ProgressReport {
                milestone: milestone.clone(),
                date: *date,
                progress: *progress,
                reported_by: Some(person.id.clone()),
                note: note.clone(),
            };
            let (index, problems) = validation::check_new_report(plan, &report);
            let index = checked(problems, Applied::Nothing)
                .and_then(|_| index.ok_or_else(|| missing("milestone", milestone.as_str())))?;
            Ok(Applied::Report(report, index))
        }
        Change::RecordLagReason {
            milestone,
            class,
            cause,
            text,
        } => lag_reason(plan, milestone, (*class, *cause), text, today, None),
        // An objective reason given with a request is the milestone's lag reason while the
        // request waits: the unit need not record it twice.
        Change::RequestLaterDate {
            milestone,
            class: LagClass::Objective,
            cause,
            text,
            ..
        } => lag_reason(
            plan,
            milestone,
            (LagClass::Objective, *cause),
            text,
            today,
            Some(sequence),
        ),
        Change::RequestLaterDate { .. } | Change::RefuseLaterDate { .. } => Ok(Applied::Nothing),
        Change::MoveMilestoneEarlier { milestone, due: to } => due(plan, milestone.as_str(), *to),
        Change::ApproveLaterDate { request: number } => {
            let request = requests
                .get(number)
                .ok_or_else(|| missing("request", &number.to_string()))?;
            due(plan, request.milestone.as_str(), request.due)
        }
        Change::AdjustTarget { milestone, target } => {
            let i = milestone_index(plan, milestone.as_str())?;
            let (s, changed) = sub_with(plan, i, |m| m.target = Some(target.clone()))
                .ok_or_else(|| missing("milestone", milestone.as_str()))?;
            let mut problems = validation::check_changed_sub_project(plan, s, &changed);
            problems.extend(validation::check_reports_for_target(plan, i, target));
            checked(problems, Applied::Target(i, target.clone()))
        }
        Change::Withdraw { item } => {
            let place = match item {
                ItemId::KeyTask(id) => Place::KeyTask(
                    plan.key_task_index(id.as_str())
                        .ok_or_else(|| missing("key task", id.as_str()))?,
                ),
                ItemId::SubProject(id) => Place::SubProject(sub_project_index(plan, id.as_str())?),
                ItemId::Milestone(id) => Place::Milestone(milestone_index(plan, id.as_str())?),
            };
            let withdrawal = Withdrawal {
                on: today,
                reason: reason.unwrap_or_default().to_owned(),
            };
            checked(
                validation::check_withdrawal(plan, place, &withdrawal),
                Applied::Withdraw(place, withdrawal),
            )
        }
        Change::AssignPartner { sub_project, unit }
        | Change::RemovePartner { sub_project, unit } => {
            let s = sub_project_index(plan, sub_project.as_str())?;
            let (_, sub) = plan
                .layout()
                .sub_project(plan.document(), s)
                .ok_or_else(|| missing("sub-project", sub_project.as_str()))?;
            let assign = matches!(change, Change::AssignPartner { .. });
            let mut changed = sub.clone();
            let partners = &mut changed.responsibility.partner_units;
            if assign {
                partners.push(unit.clone());
            } else {
                partners.retain(|partner| partner != unit);
            }
            checked(
                validation::check_changed_sub_project(plan, s, &changed),
                Applied::Partner(s, unit.clone(), assign),
            )
        }
        Change::SignContract { contract } => checked(
            validation::check_new_contract(plan, contract),
            Applied::Contract(contract.as_ref().clone()),
        ),
        Change::RatePartner {
            sub_project,
            partner,
            score,
            comment,
        } => {
            let rating = PartnerRating {
                sub_project: sub_project.clone(),
                partner: partner.clone(),
                score: *score,
                rated_by: person.id.clone(),
                rated_on: today,
                comment: comment.clone(),
            };
            checked(
                validation::check_new_rating(plan, &rating),
                Applied::Rating(rating),
            )
        }
        Change::AddKeyTask {
            key_task,
            plan_item,
        } => checked(
            validation::check_added_key_task(plan, key_task, plan_item.as_ref()),
            Applied::KeyTask(key_task.as_ref().clone(), plan_item.clone()),
        ),
        Change::AddSubProject {
            key_task,
            sub_project,
        } => {
            let k = plan
                .key_task_index(key_task.as_str())
                .ok_or_else(|| missing("key task", key_task.as_str()))?;
            checked(
                validation::check_added_sub_project(plan, k, sub_project),
                Applied::SubProject(k, sub_project.as_ref().clone()),
            )
        }
        Change::AddMilestone {
            sub_project,
            milestone,
        } => {
            let s = sub_project_index(plan, sub_project.as_str())?;
            checked(
                validation::check_added_milestone(plan, s, milestone),
                Applied::Milestone(s, milestone.as_ref().clone()),
            )
        }
    }
}

/// Checks a lag reason for `milestone` recorded on `today`, pending on a request where one
/// gives it.
fn lag_reason(
    plan: &Plan,
    milestone: &MilestoneId,
    (class, cause): (LagClass, Option<LagCause>),
    text: &str,
    today: NaiveDate,
    pending_request: Option<u64>,
) -> Result<Applied, Unfit> {
    let reason = LagReason {
        milestone: milestone.clone(),
        class,
        cause,
        text: text.to_owned(),
        recorded_on: today,
        pending_request,
    };
    let (index, problems) = validation::check_new_lag_reason(plan, &reason);
    let index = checked(problems, Applied::Nothing)
        .and_then(|_| index.ok_or_else(|| missing("milestone", milestone.as_str())))?;
    Ok(Applied::LagReason(reason, index))
}

/// Applies a checked change to the plan in place.
pub(super) fn commit(plan: &mut Plan, applied: Applied) {
    match applied {
        Applied::Report(report, i) => plan.push_report(report, i),
        Applied::LagReason(reason, i) => plan.push_lag_reason(reason, i),
        Applied::Due(i, due) => plan.set_due(i, due),
        Applied::Target(i, target) => plan.set_target(i, target),
        Applied::Withdraw(place, withdrawal) => plan.withdraw(place, withdrawal),
        Applied::Partner(s, unit, assign) => plan.set_partner(s, &unit, assign),
        Applied::Contract(contract) => plan.add_contract(contract),
        Applied::Rating(rating) => plan.add_rating(rating),
        Applied::KeyTask(task, item) => plan.add_key_task(task, item),
        Applied::SubProject(k, sub) => plan.add_sub_project(k, sub),
        Applied::Milestone(s, milestone) => plan.add_milestone(s, milestone),
        Applied::Nothing => {}
    }
}
