//! What the ledger tells about the past: the entries that concern an item, and the
//! milestones whose due date or target moved, as adopted versus as adjusted.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Change, Entry, LaterDateRequest, Ledger};
use crate::ids::{MilestoneId, PersonId};
use crate::milestone::Target;

/// Whether an entry concerns the item with id `id`.
pub(super) fn concerns(
    entry: &Entry,
    id: &str,
    requests: &BTreeMap<u64, LaterDateRequest>,
) -> bool {
    if entry.actor.as_str() == id {
        return true;
    }
    match &entry.change {
        Change::AdoptPlan { .. } => false,
        Change::ReportProgress { milestone, .. }
        | Change::RecordLagReason { milestone, .. }
        | Change::MoveMilestoneEarlier { milestone, .. }
        | Change::RequestLaterDate { milestone, .. }
        | Change::AdjustTarget { milestone, .. } => milestone.as_str() == id,
        Change::ApproveLaterDate { request } | Change::RefuseLaterDate { request } => requests
            .get(request)
            .is_some_and(|r| r.milestone.as_str() == id),
        Change::AddKeyTask {
            key_task,
            plan_item,
        } => {
            key_task.id.as_str() == id
                || plan_item.as_ref().is_some_and(|p| p.id.as_str() == id)
                || key_task.sub_projects.iter().any(|s| {
                    s.id.as_str() == id || s.milestones.iter().any(|m| m.id.as_str() == id)
                })
        }
        Change::AddSubProject {
            key_task,
            sub_project,
        } => {
            key_task.as_str() == id
                || sub_project.id.as_str() == id
                || sub_project.milestones.iter().any(|m| m.id.as_str() == id)
        }
        Change::AddMilestone {
            sub_project,
            milestone,
        } => sub_project.as_str() == id || milestone.id.as_str() == id,
        Change::Withdraw { item } => item.as_str() == id,
        Change::AssignPartner { sub_project, unit }
        | Change::RemovePartner { sub_project, unit } => {
            sub_project.as_str() == id || unit.as_str() == id
        }
        Change::SignContract { contract } => {
            contract.id.as_str() == id
                || contract.upper_signer.as_str() == id
                || contract.lower_signer.as_str() == id
                || contract.key_tasks.iter().any(|t| t.as_str() == id)
        }
        Change::RatePartner {
            sub_project,
            partner,
            ..
        } => sub_project.as_str() == id || partner.as_str() == id,
    }
}

/// One move of a milestone's due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineMove {
    /// The entry that moved it.
    pub sequence: u64,
    /// When.
    pub at: NaiveDateTime,
    /// Who moved it (for a later date: the leader who approved).
    pub by: PersonId,
    /// The due date before.
    pub from: NaiveDate,
    /// The due date after.
    pub to: NaiveDate,
    /// For a later date, the approved request, with its objective reason.
    pub request: Option<LaterDateRequest>,
}

impl DeadlineMove {
    /// Whether the move was to a later date: an approved exception.
    pub fn is_later(&self) -> bool {
        self.to > self.from
    }
}

/// A milestone as adopted beside the milestone as adjusted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneAdjustment {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title now.
    pub title: String,
    /// Its due date as adopted; `None` when it was added during the year.
    pub original_due: Option<NaiveDate>,
    /// Its due date now.
    pub current_due: Option<NaiveDate>,
    /// Its target as adopted; `None` when it was added during the year.
    pub original_target: Option<Target>,
    /// Its target now.
    pub current_target: Option<Target>,
    /// Every move of its due date, in order.
    pub moves: Vec<DeadlineMove>,
    /// Whether it was added during the year.
    pub added: bool,
    /// Whether it (or its sub-project or key task) was withdrawn.
    pub withdrawn: bool,
}

impl MilestoneAdjustment {
    /// How many times the due date moved.
    pub fn times_moved(&self) -> usize {
        self.moves.len()
    }

    /// How many of the moves were to a later date, approved as exceptions.
    pub fn later_exceptions(&self) -> usize {
        self.moves.iter().filter(|m| m.is_later()).count()
    }
}

impl Ledger {
    /// Every milestone whose due date or target moved, that was added during the year, or
    /// that was withdrawn: the plan as adopted beside the plan as adjusted, in the current
    /// plan's order.
    pub fn adjustments(&self) -> Vec<MilestoneAdjustment> {
        let mut moves: BTreeMap<&str, Vec<DeadlineMove>> = BTreeMap::new();
        let mut due_now: BTreeMap<&str, NaiveDate> = self
            .adopted
            .milestones()
            .filter_map(|m| Some((m.milestone.id.as_str(), m.milestone.due?)))
            .collect();
        for entry in &self.entries {
            let (id, to, request) = match &entry.change {
                Change::MoveMilestoneEarlier { milestone, due } => (milestone.as_str(), *due, None),
                Change::ApproveLaterDate { request } => match self.requests.get(request) {
                    Some(found) => (found.milestone.as_str(), found.due, Some(found.clone())),
                    None => continue,
                },
                Change::AddKeyTask { key_task, .. } => {
                    for m in key_task.sub_projects.iter().flat_map(|s| &s.milestones) {
                        if let Some(due) = m.due {
                            due_now.insert(m.id.as_str(), due);
                        }
                    }
                    continue;
                }
                Change::AddSubProject { sub_project, .. } => {
                    for m in &sub_project.milestones {
                        if let Some(due) = m.due {
                            due_now.insert(m.id.as_str(), due);
                        }
                    }
                    continue;
                }
                Change::AddMilestone { milestone, .. } => {
                    if let Some(due) = milestone.due {
                        due_now.insert(milestone.id.as_str(), due);
                    }
                    continue;
                }
                _ => continue,
            };
            let from = due_now.get(id).copied().unwrap_or(to);
            due_now.insert(id, to);
            moves.entry(id).or_default().push(DeadlineMove {
                sequence: entry.sequence,
                at: entry.recorded_at,
                by: entry.actor.clone(),
                from,
                to,
                request,
            });
        }
        self.plan
            .milestones()
            .filter_map(|now| {
                let id = now.milestone.id.as_str();
                let adopted = self.adopted.milestone(id);
                let withdrawn = now.milestone.withdrawn.is_some()
                    || now.sub_project.withdrawn.is_some()
                    || now.key_task.withdrawn.is_some();
                let item_moves = moves.remove(id).unwrap_or_default();
                let original_target = adopted.and_then(|a| a.milestone.target.clone());
                let target_changed = adopted.is_some() && original_target != now.milestone.target;
                if adopted.is_some() && item_moves.is_empty() && !target_changed && !withdrawn {
                    return None;
                }
                Some(MilestoneAdjustment {
                    milestone: now.milestone.id.clone(),
                    title: now.milestone.title.clone(),
                    original_due: adopted.and_then(|a| a.milestone.due),
                    current_due: now.milestone.due,
                    original_target,
                    current_target: now.milestone.target.clone(),
                    moves: item_moves,
                    added: adopted.is_none(),
                    withdrawn,
                })
            })
            .collect()
    }

    /// The supervision report as of a date, made from the plan as it stood at the end of
    /// that date, with the adjustments recorded by then: moved deadlines (how often, and
    /// every later date approved as an exception), changed targets, added and withdrawn
    /// milestones.
    ///
    /// # Errors
    ///
    /// As [`Plan::status`](crate::Plan::status) for the date.
    pub fn supervision_report(
        &self,
        as_of: NaiveDate,
        options: &crate::StatusOptions,
    ) -> Result<crate::SupervisionReport, crate::Error> {
        let end_of_day = as_of.and_hms_opt(23, 59, 59).unwrap_or_default();
        let then = self.until(end_of_day)?;
        let mut report = then.plan().status(as_of, options)?.report();
        report.adjustments = then.adjustments();
        Ok(report)
    }

    /// The supervision bulletin as of a date (see [`crate::bulletin`]), from the plan as it
    /// stood at the end of that date, with the adjustments recorded by then.
    ///
    /// # Errors
    ///
    /// As [`Plan::status`](crate::Plan::status) for the date.
    pub fn bulletin(
        &self,
        as_of: NaiveDate,
        options: &crate::StatusOptions,
        bulletin: &crate::BulletinOptions,
    ) -> Result<String, crate::Error> {
        let end_of_day = as_of.and_hms_opt(23, 59, 59).unwrap_or_default();
        let then = self.until(end_of_day)?;
        let status = then.plan().status(as_of, options)?;
        let mut report = status.report();
        report.adjustments = then.adjustments();
        Ok(status.bulletin_of(&report, bulletin))
    }

    /// The year-end assessment of the plan as it stood at the end of `as_of`: as
    /// [`Plan::assess`](crate::Plan::assess), and a lagging milestone whose latest request
    /// for a later date was refused is on the accountability list even with an objective
    /// reason.
    ///
    /// # Errors
    ///
    /// As [`Plan::assess`](crate::Plan::assess).
    pub fn assess(
        &self,
        as_of: NaiveDate,
        scheme: &crate::Scheme,
        components: &crate::ComponentScores,
        options: &crate::StatusOptions,
    ) -> Result<crate::Assessment, crate::Error> {
        let end_of_day = as_of.and_hms_opt(23, 59, 59).unwrap_or_default();
        let then = self.until(end_of_day)?;
        let mut latest: BTreeMap<&MilestoneId, bool> = BTreeMap::new();
        for request in then.requests.values() {
            if let Some(decision) = &request.decision {
                latest.insert(&request.milestone, decision.approved);
            }
        }
        let refused = latest
            .into_iter()
            .filter(|(_, approved)| !approved)
            .map(|(milestone, _)| milestone.clone())
            .collect();
        Ok(crate::assessment::assess(
            then.plan(),
            as_of,
            scheme,
            components,
            options,
            &refused,
        )?)
    }

    /// The ledger as it stood at `at`: its entries recorded by then, replayed.
    pub(super) fn until(&self, at: NaiveDateTime) -> Result<Ledger, super::ChangeRefused> {
        let mut replay = Ledger {
            entries: self.entries.iter().take(1).cloned().collect(),
            lines: self.lines.iter().take(1).cloned().collect(),
            tree: crate::transparency::MerkleTree::from_leaves(
                self.hash_algorithm(),
                self.lines.iter().take(1).map(String::as_bytes),
            ),
            adopted: self.adopted.clone(),
            plan: self.adopted.clone(),
            requests: BTreeMap::new(),
            pending_reasons: BTreeMap::new(),
        };
        for (entry, line) in self
            .entries
            .iter()
            .zip(&self.lines)
            .skip(1)
            .take_while(|(e, _)| e.recorded_at <= at)
        {
            let (applied, _) = replay.check(
                entry.actor.as_str(),
                entry.recorded_at,
                &entry.change,
                entry.reason.as_deref(),
                entry.rules,
            )?;
            replay.commit(entry.clone(), line.clone(), applied);
        }
        Ok(replay)
    }
}
