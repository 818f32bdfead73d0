//! The flat layout of a plan document: every sub-project and milestone numbered in
//! document order, with the links between levels and the id indexes. Validation builds it
//! once; the validated [`Plan`](crate::Plan) keeps it.

use std::collections::HashMap;

use crate::document::{KeyTask, PlanDocument, SubProject};
use crate::ids::{SubProjectId, UnitId};
use crate::index::{Duplicate, IdIndex};
use crate::milestone::Milestone;
use crate::progress::Progress;

/// Flat numbering of a document's nested lists, and id look-ups for every kind of thing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// For each key task, its first sub-project's flat number; one extra entry at the end.
    pub task_first_sub: Vec<u32>,
    /// For each flat sub-project, its key task.
    pub sub_key_task: Vec<u32>,
    /// For each flat sub-project, its first milestone's flat number; one extra at the end.
    pub sub_first_milestone: Vec<u32>,
    /// For each flat milestone, its sub-project.
    pub milestone_sub: Vec<u32>,
    pub units: IdIndex,
    pub people: IdIndex,
    pub plan_items: IdIndex,
    pub key_tasks: IdIndex,
    pub sub_projects: IdIndex,
    pub milestones: IdIndex,
    pub contracts: IdIndex,
    /// For each progress report, the milestone it names (`u32::MAX` when none does).
    pub report_milestone: Vec<u32>,
    /// For each lag reason, the milestone it names (`u32::MAX` when none does).
    pub lag_milestone: Vec<u32>,
    /// For each flat milestone, which kinds of report it has: [`CUMULATIVE_REPORTS`] and
    /// [`DONE_REPORTS`] as bits (reports are never taken away, so a bit once set stays
    /// true). A change of its kind of target reads its reports only when some would no
    /// longer fit. One byte a milestone.
    pub report_kinds: Vec<u8>,
    /// The first rating of each sub-project and partner, by position.
    pub ratings: HashMap<(SubProjectId, UnitId), u32>,
}

/// The bit of [`Layout::report_kinds`] for a milestone with a report giving a cumulative
/// number.
pub(crate) const CUMULATIVE_REPORTS: u8 = 1;
/// The bit of [`Layout::report_kinds`] for a milestone with a report saying `done`.
pub(crate) const DONE_REPORTS: u8 = 2;

/// The bit of [`Layout::report_kinds`] a report sets (none for `underway`).
fn report_kind(progress: &Progress) -> u8 {
    match progress {
        Progress::Cumulative(_) => CUMULATIVE_REPORTS,
        Progress::Done => DONE_REPORTS,
        Progress::Underway => 0,
    }
}

/// Ids that repeat an earlier id, by kind of thing.
#[derive(Debug, Default)]
pub(crate) struct Duplicates {
    pub units: Vec<Duplicate>,
    pub people: Vec<Duplicate>,
    pub plan_items: Vec<Duplicate>,
    pub key_tasks: Vec<Duplicate>,
    pub sub_projects: Vec<Duplicate>,
    pub milestones: Vec<Duplicate>,
    pub contracts: Vec<Duplicate>,
}

/// The document has more of something than the layout can number (more than `u32::MAX`).
#[derive(Debug)]
pub(crate) struct TooLarge {
    pub what: &'static str,
    pub count: usize,
}

fn to_u32(count: usize, what: &'static str) -> Result<u32, TooLarge> {
    u32::try_from(count).map_err(|_| TooLarge { what, count })
}

fn at<T>(items: &[T], position: u32) -> Option<&T> {
    items.get(usize::try_from(position).ok()?)
}

impl Layout {
    /// Numbers a document's sub-projects and milestones and indexes every id.
    pub(crate) fn of(document: &PlanDocument) -> Result<(Self, Duplicates), TooLarge> {
        for (count, what) in [
            (document.units.len(), "units"),
            (document.people.len(), "people"),
            (document.plan_items.len(), "plan items"),
            (document.key_tasks.len(), "key tasks"),
            (document.contracts.len(), "contracts"),
            (document.progress_reports.len(), "progress reports"),
            (document.lag_reasons.len(), "lag reasons"),
        ] {
            to_u32(count, what)?;
        }
        let mut layout = Layout::default();
        let mut subs: usize = 0;
        let mut milestones: usize = 0;
        for (k, task) in document.key_tasks.iter().enumerate() {
            let k = to_u32(k, "key tasks")?;
            layout.task_first_sub.push(to_u32(subs, "sub-projects")?);
            for sub in &task.sub_projects {
                let s = to_u32(subs, "sub-projects")?;
                layout.sub_key_task.push(k);
                layout
                    .sub_first_milestone
                    .push(to_u32(milestones, "milestones")?);
                layout
                    .milestone_sub
                    .extend(std::iter::repeat(s).take(sub.milestones.len()));
                milestones += sub.milestones.len();
                subs += 1;
            }
        }
        layout.task_first_sub.push(to_u32(subs, "sub-projects")?);
        layout
            .sub_first_milestone
            .push(to_u32(milestones, "milestones")?);

        let mut duplicates = Duplicates::default();
        let units = &document.units;
        (layout.units, duplicates.units) =
            IdIndex::build(units.len(), units.iter().map(|u| u.id.as_str()), |p| {
                at(units, p).map(|u| u.id.as_str())
            });
        let people = &document.people;
        (layout.people, duplicates.people) =
            IdIndex::build(people.len(), people.iter().map(|p| p.id.as_str()), |p| {
                at(people, p).map(|x| x.id.as_str())
            });
        let items = &document.plan_items;
        (layout.plan_items, duplicates.plan_items) =
            IdIndex::build(items.len(), items.iter().map(|i| i.id.as_str()), |p| {
                at(items, p).map(|i| i.id.as_str())
            });
        let tasks = &document.key_tasks;
        (layout.key_tasks, duplicates.key_tasks) =
            IdIndex::build(tasks.len(), tasks.iter().map(|t| t.id.as_str()), |p| {
                at(tasks, p).map(|t| t.id.as_str())
            });
        let contracts = &document.contracts;
        (layout.contracts, duplicates.contracts) = IdIndex::build(
            contracts.len(),
            contracts.iter().map(|c| c.id.as_str()),
            |p| at(contracts, p).map(|c| c.id.as_str()),
        );
        let sub_ids = tasks
            .iter()
            .flat_map(|t| t.sub_projects.iter().map(|s| s.id.as_str()));
        let (index, dups) = IdIndex::build(subs, sub_ids, |s| {
            layout
                .sub_project(document, s)
                .map(|(_, sub)| sub.id.as_str())
        });
        (layout.sub_projects, duplicates.sub_projects) = (index, dups);
        let milestone_ids = tasks.iter().flat_map(|t| {
            t.sub_projects
                .iter()
                .flat_map(|s| s.milestones.iter().map(|m| m.id.as_str()))
        });
        let (index, dups) = IdIndex::build(milestones, milestone_ids, |i| {
            layout.milestone(document, i).map(|(_, _, m)| m.id.as_str())
        });
        (layout.milestones, duplicates.milestones) = (index, dups);
        let milestone_of = |id: &str| {
            layout
                .milestones
                .find(id, |i| {
                    layout.milestone(document, i).map(|(_, _, m)| m.id.as_str())
                })
                .unwrap_or(u32::MAX)
        };
        let report_milestone: Vec<u32> = document
            .progress_reports
            .iter()
            .map(|r| milestone_of(r.milestone.as_str()))
            .collect();
        let lag_milestone = document
            .lag_reasons
            .iter()
            .map(|l| milestone_of(l.milestone.as_str()))
            .collect();
        layout.report_kinds = vec![0; milestones];
        for (report, &i) in document.progress_reports.iter().zip(&report_milestone) {
            layout.note_report(&report.progress, i);
        }
        layout.report_milestone = report_milestone;
        layout.lag_milestone = lag_milestone;
        for (r, rating) in document.partner_ratings.iter().enumerate() {
            let key = (rating.sub_project.clone(), rating.partner.clone());
            layout
                .ratings
                .entry(key)
                .or_insert(to_u32(r, "partner ratings")?);
        }
        Ok((layout, duplicates))
    }

    /// Notes a report of `progress` for flat milestone `i`.
    pub(crate) fn note_report(&mut self, progress: &Progress, i: u32) {
        let kinds = usize::try_from(i)
            .ok()
            .and_then(|i| self.report_kinds.get_mut(i));
        if let Some(kinds) = kinds {
            *kinds |= report_kind(progress);
        }
    }

    /// How many sub-projects the plan has.
    pub(crate) fn sub_project_count(&self) -> usize {
        self.sub_key_task.len()
    }

    /// How many milestones the plan has.
    pub(crate) fn milestone_count(&self) -> usize {
        self.milestone_sub.len()
    }

    /// The key task and position within it of flat sub-project `s`.
    pub(crate) fn sub_project_place(&self, s: u32) -> Option<(u32, u32)> {
        let k = *at(&self.sub_key_task, s)?;
        let first = *at(&self.task_first_sub, k)?;
        Some((k, s.checked_sub(first)?))
    }

    /// The milestones of flat sub-project `s`, as flat numbers.
    pub(crate) fn milestones_of_sub(&self, s: u32) -> std::ops::Range<u32> {
        let first = at(&self.sub_first_milestone, s).copied().unwrap_or(0);
        let end = at(&self.sub_first_milestone, s.saturating_add(1))
            .copied()
            .unwrap_or(first);
        first..end
    }

    /// The key task, sub-project within it, and milestone within that, of flat milestone `i`.
    pub(crate) fn milestone_place(&self, i: u32) -> Option<(u32, u32, u32)> {
        let s = *at(&self.milestone_sub, i)?;
        let (k, s_local) = self.sub_project_place(s)?;
        let first = *at(&self.sub_first_milestone, s)?;
        Some((k, s_local, i.checked_sub(first)?))
    }

    /// Flat sub-project `s` in the document.
    pub(crate) fn sub_project<'d>(
        &self,
        document: &'d PlanDocument,
        s: u32,
    ) -> Option<(&'d KeyTask, &'d SubProject)> {
        let (k, s_local) = self.sub_project_place(s)?;
        let task = at(&document.key_tasks, k)?;
        Some((task, at(&task.sub_projects, s_local)?))
    }

    /// Flat milestone `i` in the document.
    pub(crate) fn milestone<'d>(
        &self,
        document: &'d PlanDocument,
        i: u32,
    ) -> Option<(&'d KeyTask, &'d SubProject, &'d Milestone)> {
        let (k, s_local, m_local) = self.milestone_place(i)?;
        let task = at(&document.key_tasks, k)?;
        let sub = at(&task.sub_projects, s_local)?;
        Some((task, sub, at(&sub.milestones, m_local)?))
    }

    /// The JSON pointer of flat sub-project `s`.
    pub(crate) fn sub_project_path(&self, s: u32) -> String {
        match self.sub_project_place(s) {
            Some((k, s_local)) => format!("/key_tasks/{k}/sub_projects/{s_local}"),
            None => String::from("/key_tasks"),
        }
    }

    /// The JSON pointer of flat milestone `i`.
    pub(crate) fn milestone_path(&self, i: u32) -> String {
        match self.milestone_place(i) {
            Some((k, s, m)) => format!("/key_tasks/{k}/sub_projects/{s}/milestones/{m}"),
            None => String::from("/key_tasks"),
        }
    }

    /// Heap bytes held by the layout.
    pub(crate) fn heap_bytes(&self) -> usize {
        let u32s = self.task_first_sub.capacity()
            + self.sub_key_task.capacity()
            + self.sub_first_milestone.capacity()
            + self.milestone_sub.capacity();
        (u32s + self.report_milestone.capacity() + self.lag_milestone.capacity()) * 4
            + self.report_kinds.capacity()
            + self.ratings.capacity() * (std::mem::size_of::<(SubProjectId, UnitId)>() + 4)
            + self.units.heap_bytes()
            + self.people.heap_bytes()
            + self.plan_items.heap_bytes()
            + self.key_tasks.heap_bytes()
            + self.sub_projects.heap_bytes()
            + self.milestones.heap_bytes()
            + self.contracts.heap_bytes()
    }
}
