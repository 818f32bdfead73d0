//! Who may do what: every change is checked against the current plan before it applies.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::error::Rule;
use super::{Change, ItemId, LaterDateRequest};
use crate::organisation::{Person, Role, UnitKind};
use crate::plan::{MilestoneRef, Plan};
use crate::progress::LagClass;

type Check = Result<(), (Rule, String)>;

/// Whether `person` works in `unit` or in one of its sections.
pub(super) fn works_in(plan: &Plan, person: &Person, unit: Option<&crate::ids::UnitId>) -> bool {
    let Some(unit) = unit else { return false };
    person.unit == *unit
        || plan
            .unit(person.unit.as_str())
            .is_some_and(|own| own.kind == UnitKind::Section && own.parent.as_ref() == Some(unit))
}

fn heads(person: &Person, unit: Option<&crate::ids::UnitId>) -> bool {
    person.role == Role::UnitHead && Some(&person.unit) == unit
}

fn supervises(person: &Person, leader: Option<&crate::ids::PersonId>) -> bool {
    Some(&person.id) == leader || person.role == Role::DistrictHead
}

fn unknown(what: &str, id: &str) -> (Rule, String) {
    (Rule::UnknownItem, format!("no {what} has the id `{id}`"))
}

fn milestone<'p>(plan: &'p Plan, id: &str) -> Result<MilestoneRef<'p>, (Rule, String)> {
    plan.milestone(id).ok_or_else(|| unknown("milestone", id))
}

fn is_withdrawn(found: &MilestoneRef<'_>) -> bool {
    found.milestone.withdrawn.is_some()
        || found.sub_project.withdrawn.is_some()
        || found.key_task.withdrawn.is_some()
}

fn lead_unit_only(plan: &Plan, person: &Person, found: &MilestoneRef<'_>, what: &str) -> Check {
    let lead = found.responsibility.lead_unit.as_ref();
    if works_in(plan, person, lead) {
        Ok(())
    } else {
        Err((
            Rule::LeadUnitOnly,
            format!(
                "`{}` works in `{}`; only a person of `{}`, the lead unit of `{}`, {what}",
                person.id,
                person.unit,
                lead.map_or("-", |u| u.as_str()),
                found.milestone.id
            ),
        ))
    }
}

fn leader_or_lead_head(person: &Person, found: &MilestoneRef<'_>, what: &str) -> Check {
    let leader = found.key_task.supervising_leader.as_ref();
    if supervises(person, leader) || heads(person, found.responsibility.lead_unit.as_ref()) {
        Ok(())
    } else {
        Err((
            Rule::SupervisingLeaderOnly,
            format!(
                "`{}` neither supervises key task `{}` nor heads its lead unit; only they {what}",
                person.id, found.key_task.id
            ),
        ))
    }
}

fn leader_only(person: &Person, found: &MilestoneRef<'_>, what: &str) -> Check {
    let leader = found.key_task.supervising_leader.as_ref();
    if Some(&person.id) == leader {
        Ok(())
    } else {
        Err((
            Rule::SupervisingLeaderOnly,
            format!(
                "`{}` does not supervise key task `{}`; only its supervising leader `{}` {what}",
                person.id,
                found.key_task.id,
                leader.map_or("-", |l| l.as_str())
            ),
        ))
    }
}

pub(super) fn authorize(
    plan: &Plan,
    requests: &BTreeMap<u64, LaterDateRequest>,
    person: &Person,
    at: NaiveDateTime,
    change: &Change,
    version: u32,
) -> Check {
    match change {
        Change::AdoptPlan { .. } => Err((
            Rule::FirstEntryAdoptsPlan,
            "the plan is adopted once, as the first entry".to_owned(),
        )),
        Change::ReportProgress {
            milestone: id,
            date,
            ..
        } => {
            let found = milestone(plan, id.as_str())?;
            if is_withdrawn(&found) {
                return Err((
                    Rule::AlreadyWithdrawn,
                    format!("milestone `{id}` is withdrawn"),
                ));
            }
            lead_unit_only(plan, person, &found, "reports its progress")?;
            if *date > at.date() {
                return Err((
                    Rule::ReportInFuture,
                    format!(
                        "progress dated {date} is reported on {}; report what has been reached",
                        at.date()
                    ),
                ));
            }
            Ok(())
        }
        Change::RecordLagReason { milestone: id, .. } => {
            let found = milestone(plan, id.as_str())?;
            lead_unit_only(plan, person, &found, "records why it lags")
        }
        Change::AddKeyTask { .. } => {
            if person.role.is_district_leader() {
                Ok(())
            } else {
                Err((
                    Rule::DistrictLeaderOnly,
                    format!(
                        "`{}` is a {}; key tasks are added by the district head or a deputy district head",
                        person.id,
                        person.role.as_str()
                    ),
                ))
            }
        }
        Change::AddSubProject { key_task, .. } => {
            let task = plan
                .key_task(key_task.as_str())
                .ok_or_else(|| unknown("key task", key_task.as_str()))?;
            if supervises(person, task.supervising_leader.as_ref()) {
                Ok(())
            } else {
                Err((
                    Rule::SupervisingLeaderOnly,
                    format!("`{}` does not supervise key task `{key_task}`; its supervising leader adds sub-projects", person.id),
                ))
            }
        }
        Change::AddMilestone { sub_project, .. } => {
            let (task, sub) = plan
                .sub_project(sub_project.as_str())
                .ok_or_else(|| unknown("sub-project", sub_project.as_str()))?;
            if supervises(person, task.supervising_leader.as_ref())
                || heads(person, sub.responsibility.lead_unit.as_ref())
            {
                Ok(())
            } else {
                Err((
                    Rule::SupervisingLeaderOnly,
                    format!(
                        "`{}` neither supervises key task `{}` nor heads the lead unit of `{sub_project}`",
                        person.id, task.id
                    ),
                ))
            }
        }
        Change::MoveMilestoneEarlier { milestone: id, due } => {
            let found = milestone(plan, id.as_str())?;
            leader_or_lead_head(person, &found, "move its due date")?;
            let current = found.milestone.due.unwrap_or(*due);
            if *due < current {
                Ok(())
            } else {
                Err((
                    Rule::EarlierNeverLater,
                    format!(
                        "milestone `{id}` is due on {current}; {due} is not earlier. Due dates move earlier, never later: to move it later, record `request_later_date` for its supervising leader to approve"
                    ),
                ))
            }
        }
        Change::RequestLaterDate {
            milestone: id, due, ..
        } => {
            let found = milestone(plan, id.as_str())?;
            lead_unit_only(plan, person, &found, "asks for a later date")?;
            let current = found.milestone.due.unwrap_or(*due);
            let year = plan.year();
            let (first, last) = if found.key_task.multi_year {
                (
                    year.saturating_sub(crate::MULTI_YEAR_SPAN),
                    year.saturating_add(crate::MULTI_YEAR_SPAN),
                )
            } else {
                (year, year)
            };
            if version >= 2 && !(first..=last).contains(&chrono::Datelike::year(due)) {
                return Err((
                    Rule::DateOutsidePlan,
                    format!(
                        "{due} is outside the years this milestone's dates may fall in ({first} to {last}); ask for a date within them"
                    ),
                ));
            }
            if *due > current {
                Ok(())
            } else {
                Err((
                    Rule::EarlierNeverLater,
                    format!("milestone `{id}` is due on {current}; {due} is not later. To move it earlier, record `move_milestone_earlier`"),
                ))
            }
        }
        Change::ApproveLaterDate { request } | Change::RefuseLaterDate { request } => {
            let pending = requests
                .get(request)
                .filter(|r| r.decision.is_none())
                .ok_or_else(|| {
                    (
                        Rule::RequestNotPending,
                        format!("entry {request} is not a pending request for a later date"),
                    )
                })?;
            let found = milestone(plan, pending.milestone.as_str())?;
            let approving = matches!(change, Change::ApproveLaterDate { .. });
            leader_only(
                person,
                &found,
                if approving {
                    "approves a later date"
                } else {
                    "refuses a later date"
                },
            )?;
            if approving && pending.class != LagClass::Objective {
                return Err((
                    Rule::ObjectiveReasonRequired,
                    format!(
                        "request {request} gives a subjective reason; a later date is approved only for an objective one (a policy change, a higher-level approval, force majeure)"
                    ),
                ));
            }
            Ok(())
        }
        Change::AdjustTarget { milestone: id, .. } => {
            let found = milestone(plan, id.as_str())?;
            leader_only(person, &found, "adjusts its target")
        }
        Change::Withdraw { item } => authorize_withdrawal(plan, person, item),
        Change::AssignPartner { sub_project, unit }
        | Change::RemovePartner { sub_project, unit } => {
            let (task, sub) = plan
                .sub_project(sub_project.as_str())
                .ok_or_else(|| unknown("sub-project", sub_project.as_str()))?;
            if plan.unit(unit.as_str()).is_none() {
                return Err(unknown("unit", unit.as_str()));
            }
            if !(supervises(person, task.supervising_leader.as_ref())
                || heads(person, sub.responsibility.lead_unit.as_ref()))
            {
                return Err((
                    Rule::SupervisingLeaderOnly,
                    format!("`{}` neither supervises key task `{}` nor heads the lead unit of `{sub_project}`", person.id, task.id),
                ));
            }
            let is_partner = sub.responsibility.partner_units.contains(unit);
            match change {
                Change::AssignPartner { .. }
                    if is_partner || sub.responsibility.lead_unit.as_ref() == Some(unit) =>
                {
                    Err((
                        Rule::AlreadyPartner,
                        format!("`{unit}` already leads or partners `{sub_project}`"),
                    ))
                }
                Change::RemovePartner { .. } if !is_partner => Err((
                    Rule::NotAPartner,
                    format!("`{unit}` is not a partner of `{sub_project}`"),
                )),
                _ => Ok(()),
            }
        }
        Change::SignContract { contract } => {
            if person.id == contract.upper_signer || person.id == contract.lower_signer {
                Ok(())
            } else {
                Err((
                    Rule::SignerOnly,
                    format!(
                        "`{}` is not a signer of contract `{}`; one of `{}` and `{}` records it",
                        person.id, contract.id, contract.upper_signer, contract.lower_signer
                    ),
                ))
            }
        }
        Change::RatePartner {
            sub_project,
            partner,
            ..
        } => {
            let (_, sub) = plan
                .sub_project(sub_project.as_str())
                .ok_or_else(|| unknown("sub-project", sub_project.as_str()))?;
            if !sub.responsibility.partner_units.contains(partner) {
                return Err((Rule::NotAPartner, format!("`{partner}` is not a partner of `{sub_project}`; a lead unit rates only its partners")));
            }
            if !works_in(plan, person, sub.responsibility.lead_unit.as_ref()) {
                return Err((
                    Rule::LeadUnitOnly,
                    format!(
                        "`{}` works in `{}`; only the lead unit `{}` rates the partners of `{sub_project}`",
                        person.id,
                        person.unit,
                        sub.responsibility.lead_unit.as_ref().map_or("-", |u| u.as_str())
                    ),
                ));
            }
            if plan
                .rating_of(sub_project.as_str(), partner.as_str())
                .is_some()
            {
                return Err((Rule::AlreadyRated, format!("`{partner}` is already rated on `{sub_project}` this year; a partner is rated once per sub-project")));
            }
            Ok(())
        }
    }
}

fn authorize_withdrawal(plan: &Plan, person: &Person, item: &ItemId) -> Check {
    let (task, withdrawn) = match item {
        ItemId::KeyTask(id) => {
            let task = plan
                .key_task(id.as_str())
                .ok_or_else(|| unknown("key task", id.as_str()))?;
            (task, task.withdrawn.is_some())
        }
        ItemId::SubProject(id) => {
            let (task, sub) = plan
                .sub_project(id.as_str())
                .ok_or_else(|| unknown("sub-project", id.as_str()))?;
            (task, sub.withdrawn.is_some() || task.withdrawn.is_some())
        }
        ItemId::Milestone(id) => {
            let found = milestone(plan, id.as_str())?;
            (found.key_task, is_withdrawn(&found))
        }
    };
    if withdrawn {
        return Err((
            Rule::AlreadyWithdrawn,
            format!("`{}` is already withdrawn", item.as_str()),
        ));
    }
    if supervises(person, task.supervising_leader.as_ref()) {
        Ok(())
    } else {
        Err((
            Rule::SupervisingLeaderOnly,
            format!(
                "`{}` does not supervise key task `{}`; its supervising leader withdraws its work",
                person.id, task.id
            ),
        ))
    }
}
