//! Changing a valid plan in place, as the ledger does when it records a change.
//!
//! Each edit was checked first by the scoped checks of validation (see
//! `validation::change`), so it keeps the plan valid. Every edit keeps the flat layout in
//! step with the document and drops the compiled schedule, which is built again on first
//! use. Adding a milestone or sub-project in the middle of the plan renumbers what follows
//! it with integer passes over the layout (no hashing, no copy of the document); adding at
//! the end, and every other edit, costs only what it changes.

use std::sync::OnceLock;

use crate::document::{KeyTask, PlanItem, SubProject, Withdrawal};
use crate::milestone::{Milestone, Target};
use crate::plan::Plan;
use crate::responsibility::{Contract, PartnerRating};
use crate::UnitId;

fn at<T>(items: &[T], position: u32) -> Option<&T> {
    items.get(usize::try_from(position).ok()?)
}

fn at_mut<T>(items: &mut [T], position: u32) -> Option<&mut T> {
    items.get_mut(usize::try_from(position).ok()?)
}

fn count_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Adds `by` to every value of `values` from position `from` on.
fn add_from(values: &mut [u32], from: u32, by: u32) {
    let from = usize::try_from(from).unwrap_or(usize::MAX);
    for value in values.iter_mut().skip(from) {
        *value = value.saturating_add(by);
    }
}

/// Moves every milestone number from `from` on `by` places up in a list of record
/// milestones (`u32::MAX` marks a record naming no milestone, and stays).
fn shift_milestones(values: &mut [u32], from: u32, by: u32) {
    for value in values {
        if *value != u32::MAX && *value >= from {
            *value = value.saturating_add(by);
        }
    }
}

/// A part of the plan an edit names: a key task, a flat sub-project or a flat milestone.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Place {
    KeyTask(u32),
    SubProject(u32),
    Milestone(u32),
}

impl Plan {
    fn touched(&mut self) {
        self.schedule = OnceLock::new();
    }

    /// Moves milestone `i` to `due`.
    pub(crate) fn set_due(&mut self, i: u32, due: chrono::NaiveDate) {
        if let Some(milestone) = self.milestone_mut(i) {
            milestone.due = Some(due);
        }
        self.touched();
    }

    /// Gives milestone `i` a new target.
    pub(crate) fn set_target(&mut self, i: u32, target: Target) {
        if let Some(milestone) = self.milestone_mut(i) {
            milestone.target = Some(target);
        }
        self.touched();
    }

    /// Marks a key task, sub-project or milestone withdrawn.
    pub(crate) fn withdraw(&mut self, place: Place, withdrawal: Withdrawal) {
        match place {
            Place::KeyTask(k) => {
                if let Some(task) = at_mut(&mut self.document.key_tasks, k) {
                    task.withdrawn = Some(withdrawal);
                }
            }
            Place::SubProject(s) => {
                if let Some(sub) = self.sub_project_mut(s) {
                    sub.withdrawn = Some(withdrawal);
                }
            }
            Place::Milestone(i) => {
                if let Some(milestone) = self.milestone_mut(i) {
                    milestone.withdrawn = Some(Box::new(withdrawal));
                }
            }
        }
        self.touched();
    }

    /// Adds a partner unit to sub-project `s`, or takes one off.
    pub(crate) fn set_partner(&mut self, s: u32, unit: &UnitId, partner: bool) {
        if let Some(sub) = self.sub_project_mut(s) {
            let partners = &mut sub.responsibility.partner_units;
            if partner {
                partners.push(unit.clone());
            } else {
                partners.retain(|p| p != unit);
            }
        }
        self.touched();
    }

    /// Adds a responsibility contract.
    pub(crate) fn add_contract(&mut self, contract: Contract) {
        let position = count_u32(self.document.contracts.len());
        let id = contract.id.clone();
        self.document.contracts.push(contract);
        let contracts = &self.document.contracts;
        self.layout.contracts.insert(id.as_str(), position, |p| {
            at(contracts, p).map(|c| c.id.as_str())
        });
    }

    /// Adds a lead unit's rating of a partner.
    pub(crate) fn add_rating(&mut self, rating: PartnerRating) {
        let position = count_u32(self.document.partner_ratings.len());
        let key = (rating.sub_project.clone(), rating.partner.clone());
        self.layout.ratings.entry(key).or_insert(position);
        self.document.partner_ratings.push(rating);
        self.touched();
    }

    /// The lag reason at `position` no longer waits on a request.
    pub(crate) fn settle_lag_reason(&mut self, position: usize) {
        if let Some(reason) = self.document.lag_reasons.get_mut(position) {
            reason.pending_request = None;
        }
        self.touched();
    }

    /// Adds a milestone at the end of flat sub-project `s`.
    pub(crate) fn add_milestone(&mut self, s: u32, milestone: Milestone) {
        self.add_milestones(s, vec![milestone]);
    }

    /// Adds milestones at the end of flat sub-project `s`, renumbering what follows them
    /// once, whatever their number.
    fn add_milestones(&mut self, s: u32, milestones: Vec<Milestone>) {
        let Some(&p) = at(&self.layout.sub_first_milestone, s.saturating_add(1)) else {
            return;
        };
        let n = count_u32(milestones.len());
        let ids: Vec<_> = milestones.iter().map(|m| m.id.clone()).collect();
        match self.sub_project_mut(s) {
            Some(sub) => sub.milestones.extend(milestones),
            None => return,
        }
        let layout = &mut self.layout;
        let end = p == count_u32(layout.milestone_count());
        if let Ok(place) = usize::try_from(p) {
            let count = ids.len();
            if place <= layout.milestone_sub.len() {
                layout
                    .milestone_sub
                    .splice(place..place, std::iter::repeat(s).take(count));
            }
            if place <= layout.report_kinds.len() {
                layout
                    .report_kinds
                    .splice(place..place, std::iter::repeat(0).take(count));
            }
        }
        add_from(&mut layout.sub_first_milestone, s.saturating_add(1), n);
        if !end {
            layout.milestones.shift_from(p, n);
            shift_milestones(&mut layout.report_milestone, p, n);
            shift_milestones(&mut layout.lag_milestone, p, n);
        }
        self.index_milestones(p, ids.iter().map(|id| id.as_str()));
        self.touched();
    }

    /// Adds a sub-project, with its milestones, at the end of key task `k`.
    pub(crate) fn add_sub_project(&mut self, k: u32, mut sub: SubProject) {
        let milestones = std::mem::take(&mut sub.milestones);
        let Some(&q) = at(&self.layout.task_first_sub, k.saturating_add(1)) else {
            return;
        };
        let Some(&p) = at(&self.layout.sub_first_milestone, q) else {
            return;
        };
        let id = sub.id.clone();
        match at_mut(&mut self.document.key_tasks, k) {
            Some(task) => task.sub_projects.push(sub),
            None => return,
        }
        let layout = &mut self.layout;
        let end = q == count_u32(layout.sub_project_count());
        if let Ok(place) = usize::try_from(q) {
            if place <= layout.sub_key_task.len() {
                layout.sub_key_task.insert(place, k);
                layout.sub_first_milestone.insert(place, p);
            }
        }
        add_from(&mut layout.task_first_sub, k.saturating_add(1), 1);
        if !end {
            for owner in &mut layout.milestone_sub {
                if *owner >= q {
                    *owner = owner.saturating_add(1);
                }
            }
            layout.sub_projects.shift_from(q, 1);
        }
        let mut index = std::mem::take(&mut self.layout.sub_projects);
        let (layout, document) = (&self.layout, &self.document);
        index.insert(id.as_str(), q, |s| {
            layout
                .sub_project(document, s)
                .map(|(_, sub)| sub.id.as_str())
        });
        self.layout.sub_projects = index;
        self.add_milestones(q, milestones);
        self.touched();
    }

    /// Adds a key task, with its sub-projects and milestones, at the end of the plan, and
    /// the plan item it implements when that is new too.
    pub(crate) fn add_key_task(&mut self, mut task: KeyTask, plan_item: Option<PlanItem>) {
        if let Some(item) = plan_item {
            let position = count_u32(self.document.plan_items.len());
            let id = item.id.clone();
            self.document.plan_items.push(item);
            let items = &self.document.plan_items;
            self.layout.plan_items.insert(id.as_str(), position, |p| {
                at(items, p).map(|i| i.id.as_str())
            });
        }
        let subs = std::mem::take(&mut task.sub_projects);
        let k = count_u32(self.document.key_tasks.len());
        let id = task.id.clone();
        self.document.key_tasks.push(task);
        let total = self.layout.task_first_sub.last().copied().unwrap_or(0);
        self.layout.task_first_sub.push(total);
        let tasks = &self.document.key_tasks;
        self.layout
            .key_tasks
            .insert(id.as_str(), k, |p| at(tasks, p).map(|t| t.id.as_str()));
        for sub in subs {
            self.add_sub_project(k, sub);
        }
        self.touched();
    }

    /// Indexes the ids of milestones placed from flat number `first` on.
    fn index_milestones<'i>(&mut self, first: u32, ids: impl Iterator<Item = &'i str>) {
        let mut index = std::mem::take(&mut self.layout.milestones);
        let (layout, document) = (&self.layout, &self.document);
        for (offset, id) in ids.enumerate() {
            let position = first.saturating_add(count_u32(offset));
            index.insert(id, position, |i| {
                layout.milestone(document, i).map(|(_, _, m)| m.id.as_str())
            });
        }
        self.layout.milestones = index;
    }

    fn milestone_mut(&mut self, i: u32) -> Option<&mut Milestone> {
        let (k, s, m) = self.layout.milestone_place(i)?;
        let task = at_mut(&mut self.document.key_tasks, k)?;
        let sub = at_mut(&mut task.sub_projects, s)?;
        at_mut(&mut sub.milestones, m)
    }

    fn sub_project_mut(&mut self, s: u32) -> Option<&mut SubProject> {
        let (k, s_local) = self.layout.sub_project_place(s)?;
        let task = at_mut(&mut self.document.key_tasks, k)?;
        at_mut(&mut task.sub_projects, s_local)
    }
}
