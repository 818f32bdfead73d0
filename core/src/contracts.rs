//! Contract coverage: responsibility contracts (责任书) are signed level by level — each key
//! task's supervising leader with the head of every unit that leads part of it, and each
//! such unit head with the heads of the sections that carry the work. The check lists
//! every contract still missing and who must sign it.

use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::ids::{KeyTaskId, PersonId, UnitId};
use crate::organisation::{Role, UnitKind};
use crate::plan::Plan;
use crate::responsibility::ContractKind;

/// A responsibility contract that should have been signed and was not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractGap {
    /// The key task the contract must cover.
    pub key_task: KeyTaskId,
    /// Which two levels must sign.
    pub kind: ContractKind,
    /// The lead unit concerned.
    pub unit: UnitId,
    /// Who must sign above: the supervising leader, or the lead unit's head.
    pub upper_signer: Option<PersonId>,
    /// Who must sign below: the lead unit's head, or the section head carrying the work.
    pub lower_signer: Option<PersonId>,
    /// What is missing, in a sentence.
    pub message: String,
}

impl Plan {
    /// Every missing responsibility contract, in plan order. Withdrawn work needs none.
    pub fn contract_gaps(&self) -> Vec<ContractGap> {
        let document = self.document();
        let signed: HashSet<(&str, &str, &str)> = document
            .contracts
            .iter()
            .flat_map(|c| {
                c.key_tasks
                    .iter()
                    .map(move |t| (c.upper_signer.as_str(), c.lower_signer.as_str(), t.as_str()))
            })
            .collect();
        let head_of = |unit: &UnitId| {
            document
                .people
                .iter()
                .find(|p| p.role == Role::UnitHead && &p.unit == unit)
        };
        let mut gaps = Vec::new();
        for task in document.key_tasks.iter().filter(|t| t.withdrawn.is_none()) {
            let leader = task.supervising_leader.as_ref();
            let mut leads: BTreeSet<&UnitId> = BTreeSet::new();
            let mut sections: BTreeSet<(&UnitId, &PersonId)> = BTreeSet::new();
            for sub in task.sub_projects.iter().filter(|s| s.withdrawn.is_none()) {
                let Some(lead) = sub.responsibility.lead_unit.as_ref() else {
                    continue;
                };
                leads.insert(lead);
                if let Some(person) = sub
                    .responsibility
                    .responsible_person
                    .as_ref()
                    .and_then(|id| self.person(id.as_str()))
                {
                    let in_section = self.unit(person.unit.as_str()).is_some_and(|u| {
                        u.kind == UnitKind::Section && u.parent.as_ref() == Some(lead)
                    });
                    if person.role == Role::SectionHead && in_section {
                        sections.insert((lead, &person.id));
                    }
                }
            }
            for lead in leads {
                let head = head_of(lead);
                let covered = match (leader, head) {
                    (Some(l), Some(h)) => {
                        signed.contains(&(l.as_str(), h.id.as_str(), task.id.as_str()))
                    }
                    _ => false,
                };
                if !covered {
                    let message = match head {
                        Some(head) => format!(
                            "no contract between supervising leader `{}` and `{}`, head of `{lead}`, covers key task `{}`",
                            leader.map_or("-", |l| l.as_str()),
                            head.id,
                            task.id
                        ),
                        None => format!("`{lead}` has no unit head in the plan to sign for key task `{}`", task.id),
                    };
                    gaps.push(ContractGap {
                        key_task: task.id.clone(),
                        kind: ContractKind::LeaderWithUnitHead,
                        unit: lead.clone(),
                        upper_signer: leader.cloned(),
                        lower_signer: head.map(|h| h.id.clone()),
                        message,
                    });
                }
            }
            for (lead, section_head) in sections {
                let head = head_of(lead);
                let covered = head.is_some_and(|h| {
                    signed.contains(&(h.id.as_str(), section_head.as_str(), task.id.as_str()))
                });
                if !covered {
                    gaps.push(ContractGap {
                        key_task: task.id.clone(),
                        kind: ContractKind::UnitHeadWithSectionHead,
                        unit: lead.clone(),
                        upper_signer: head.map(|h| h.id.clone()),
                        lower_signer: Some(section_head.clone()),
                        message: format!(
                            "no contract between `{}`, head of `{lead}`, and section head `{section_head}` covers key task `{}`",
                            head.map_or("-", |h| h.id.as_str()),
                            task.id
                        ),
                    });
                }
            }
        }
        gaps
    }
}
