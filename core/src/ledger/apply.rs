//! Applying an accepted change to a copy of the plan document.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::error::Rule;
use super::{Change, ItemId, LaterDateRequest};
use crate::document::{KeyTask, PlanDocument, SubProject, Withdrawal};
use crate::milestone::Milestone;
use crate::organisation::Person;
use crate::progress::{LagClass, LagReason, ProgressReport};
use crate::responsibility::PartnerRating;

type Applied = Result<(), (Rule, String)>;

fn missing(what: &str, id: &str) -> (Rule, String) {
    (Rule::UnknownItem, format!("no {what} has the id `{id}`"))
}

fn task_mut<'d>(document: &'d mut PlanDocument, id: &str) -> Option<&'d mut KeyTask> {
    document.key_tasks.iter_mut().find(|t| t.id.as_str() == id)
}

fn sub_mut<'d>(document: &'d mut PlanDocument, id: &str) -> Option<&'d mut SubProject> {
    document
        .key_tasks
        .iter_mut()
        .flat_map(|t| t.sub_projects.iter_mut())
        .find(|s| s.id.as_str() == id)
}

fn milestone_mut<'d>(document: &'d mut PlanDocument, id: &str) -> Option<&'d mut Milestone> {
    document
        .key_tasks
        .iter_mut()
        .flat_map(|t| t.sub_projects.iter_mut())
        .flat_map(|s| s.milestones.iter_mut())
        .find(|m| m.id.as_str() == id)
}

/// The request numbered `request` was decided: its reason is no longer pending.
fn decided(document: &mut PlanDocument, request: u64) {
    for reason in &mut document.lag_reasons {
        if reason.pending_request == Some(request) {
            reason.pending_request = None;
        }
    }
}

pub(super) fn apply(
    document: &mut PlanDocument,
    requests: &BTreeMap<u64, LaterDateRequest>,
    person: &Person,
    (at, sequence): (NaiveDateTime, u64),
    change: &Change,
    reason: Option<&str>,
) -> Applied {
    let today = at.date();
    match change {
        Change::AdoptPlan { .. } => {
            return Err((
                Rule::FirstEntryAdoptsPlan,
                "the plan is adopted once".to_owned(),
            ))
        }
        Change::ReportProgress {
            milestone,
            date,
            progress,
            note,
        } => document.progress_reports.push(ProgressReport {
            milestone: milestone.clone(),
            date: *date,
            progress: *progress,
            reported_by: Some(person.id.clone()),
            note: note.clone(),
        }),
        Change::RecordLagReason {
            milestone,
            class,
            cause,
            text,
        } => document.lag_reasons.push(LagReason {
            milestone: milestone.clone(),
            class: *class,
            cause: *cause,
            text: text.clone(),
            recorded_on: today,
            pending_request: None,
        }),
        Change::AddKeyTask {
            key_task,
            plan_item,
        } => {
            if let Some(item) = plan_item {
                document.plan_items.push(item.clone());
            }
            document.key_tasks.push(key_task.as_ref().clone());
        }
        Change::AddSubProject {
            key_task,
            sub_project,
        } => task_mut(document, key_task.as_str())
            .ok_or_else(|| missing("key task", key_task.as_str()))?
            .sub_projects
            .push(sub_project.as_ref().clone()),
        Change::AddMilestone {
            sub_project,
            milestone,
        } => sub_mut(document, sub_project.as_str())
            .ok_or_else(|| missing("sub-project", sub_project.as_str()))?
            .milestones
            .push(milestone.as_ref().clone()),
        Change::MoveMilestoneEarlier { milestone, due } => {
            milestone_mut(document, milestone.as_str())
                .ok_or_else(|| missing("milestone", milestone.as_str()))?
                .due = Some(*due);
        }
        Change::ApproveLaterDate { request: number } => {
            let request = requests
                .get(number)
                .ok_or_else(|| missing("request", &number.to_string()))?;
            milestone_mut(document, request.milestone.as_str())
                .ok_or_else(|| missing("milestone", request.milestone.as_str()))?
                .due = Some(request.due);
            decided(document, *number);
        }
        Change::RefuseLaterDate { request } => decided(document, *request),
        // An objective reason given with a request is the milestone's lag reason while the
        // request waits: the unit need not record it twice.
        Change::RequestLaterDate {
            milestone,
            class: LagClass::Objective,
            cause,
            text,
            ..
        } => document.lag_reasons.push(LagReason {
            milestone: milestone.clone(),
            class: LagClass::Objective,
            cause: *cause,
            text: text.clone(),
            recorded_on: today,
            pending_request: Some(sequence),
        }),
        Change::RequestLaterDate { .. } => {}
        Change::AdjustTarget { milestone, target } => {
            milestone_mut(document, milestone.as_str())
                .ok_or_else(|| missing("milestone", milestone.as_str()))?
                .target = Some(target.clone());
        }
        Change::Withdraw { item } => {
            let withdrawal = Withdrawal {
                on: today,
                reason: reason.unwrap_or_default().to_owned(),
            };
            match item {
                ItemId::KeyTask(id) => {
                    task_mut(document, id.as_str())
                        .ok_or_else(|| missing("key task", id.as_str()))?
                        .withdrawn = Some(withdrawal);
                }
                ItemId::SubProject(id) => {
                    sub_mut(document, id.as_str())
                        .ok_or_else(|| missing("sub-project", id.as_str()))?
                        .withdrawn = Some(withdrawal);
                }
                ItemId::Milestone(id) => {
                    milestone_mut(document, id.as_str())
                        .ok_or_else(|| missing("milestone", id.as_str()))?
                        .withdrawn = Some(Box::new(withdrawal));
                }
            }
        }
        Change::AssignPartner { sub_project, unit } => sub_mut(document, sub_project.as_str())
            .ok_or_else(|| missing("sub-project", sub_project.as_str()))?
            .responsibility
            .partner_units
            .push(unit.clone()),
        Change::RemovePartner { sub_project, unit } => sub_mut(document, sub_project.as_str())
            .ok_or_else(|| missing("sub-project", sub_project.as_str()))?
            .responsibility
            .partner_units
            .retain(|partner| partner != unit),
        Change::SignContract { contract } => document.contracts.push(contract.as_ref().clone()),
        Change::RatePartner {
            sub_project,
            partner,
            score,
            comment,
        } => document.partner_ratings.push(PartnerRating {
            sub_project: sub_project.clone(),
            partner: partner.clone(),
            score: *score,
            rated_by: person.id.clone(),
            rated_on: today,
            comment: comment.clone(),
        }),
    }
    Ok(())
}
