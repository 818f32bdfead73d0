//! The validated plan: a [`PlanDocument`] that passed validation, with look-ups by id.
//!
//! The look-ups use the flat layout validation built: hash indexes instead of copies of
//! every id, so a plan of millions of milestones stays small.

mod edit;
mod positions;

pub(crate) use edit::Place;
pub use positions::MilestonePositions;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::document::{KeyTask, KeyTaskKind, Level, PlanDocument, SubProject};
use crate::ids::{SubProjectId, UnitId};
use crate::layout::Layout;
use crate::milestone::Milestone;
use crate::organisation::{Person, Unit, UnitKind};
use crate::responsibility::Responsibility;
use crate::schedule::Schedule;

/// A plan that passed validation: every reference resolves, every goal is concrete.
///
/// Make one with [`PlanDocument::validate`] (or [`Plan::from_json_str`]); the rest of the
/// library takes a `Plan` and never re-checks what validation guarantees.
///
/// # Example
///
/// ```
/// use mubiao::Plan;
///
/// let plan = Plan::from_json_str(include_str!("../../docs/example-plan.json"))?;
/// assert_eq!(plan.year(), 2017);
/// let milestone = plan.milestone("hm-rivers-q2").expect("the example names it");
/// assert_eq!(milestone.sub_project.id.as_str(), "hm-rivers");
/// assert_eq!(milestone.responsibility.lead_unit.as_ref().unwrap().as_str(), "hongmei");
/// # Ok::<(), mubiao::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Plan {
    document: PlanDocument,
    layout: Layout,
    /// Compiled from the document and layout; built at validation, and again on first
    /// use after a record is added in place.
    schedule: OnceLock<Schedule>,
}

impl PartialEq for Plan {
    /// Two plans are equal when their documents and layouts are; the schedule is
    /// compiled from them.
    fn eq(&self, other: &Self) -> bool {
        self.document == other.document && self.layout == other.layout
    }
}

/// A milestone seen in its place in the plan, with the responsibility that applies to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MilestoneRef<'a> {
    /// The milestone's number in document order, from 0 across the whole plan.
    pub index: usize,
    /// The key task the milestone belongs to.
    pub key_task: &'a KeyTask,
    /// The sub-project the milestone belongs to.
    pub sub_project: &'a SubProject,
    /// The milestone itself.
    pub milestone: &'a Milestone,
    /// The milestone's own responsibility where it has one, else its sub-project's.
    pub responsibility: &'a Responsibility,
}

fn at<T>(items: &[T], position: u32) -> Option<&T> {
    items.get(usize::try_from(position).ok()?)
}

impl Plan {
    /// Reads and validates a plan from JSON text in one step.
    ///
    /// # Errors
    ///
    /// [`Error::Format`](crate::Error::Format) when the text cannot be read as a plan
    /// document, [`Error::Validation`](crate::Error::Validation) when it is not a valid plan.
    pub fn from_json_str(json: &str) -> Result<Self, crate::Error> {
        Ok(PlanDocument::from_json_str(json)?.validate()?)
    }

    /// Reads and validates a plan from JSON bytes in one step.
    ///
    /// # Errors
    ///
    /// As [`Plan::from_json_str`].
    pub fn from_json_slice(json: &[u8]) -> Result<Self, crate::Error> {
        Ok(PlanDocument::from_json_slice(json)?.validate()?)
    }

    /// Keeps a document that validation accepted, with the layout validation built.
    pub(crate) fn from_valid_document(document: PlanDocument, layout: Layout) -> Self {
        let schedule = OnceLock::new();
        let _ = schedule.set(Schedule::build(&document, &layout));
        Self {
            document,
            layout,
            schedule,
        }
    }

    pub(crate) fn schedule(&self) -> &Schedule {
        self.schedule
            .get_or_init(|| Schedule::build(&self.document, &self.layout))
    }

    /// Adds a progress report that was checked against the plan
    /// ([`crate::validation::check_new_report`]) for milestone `milestone`, in place: the
    /// schedule is compiled again when next used.
    pub(crate) fn push_report(&mut self, report: crate::ProgressReport, milestone: u32) {
        self.layout.note_report(&report.progress, milestone);
        self.document.progress_reports.push(report);
        self.layout.report_milestone.push(milestone);
        self.schedule = OnceLock::new();
    }

    /// Adds a checked lag reason for milestone `milestone`, in place.
    pub(crate) fn push_lag_reason(&mut self, reason: crate::LagReason, milestone: u32) {
        self.document.lag_reasons.push(reason);
        self.layout.lag_milestone.push(milestone);
        self.schedule = OnceLock::new();
    }

    /// The position of the rating of `partner` on `sub_project`, if it was rated.
    pub(crate) fn rating_of(&self, sub_project: &str, partner: &str) -> Option<u32> {
        // Ids compare as text: a key made from the two ids finds the rating.
        let key = (SubProjectId::from(sub_project), UnitId::from(partner));
        self.layout.ratings.get(&key).copied()
    }

    /// An estimate of the heap memory the plan holds beyond its document: indexes and the
    /// compiled schedule, in bytes.
    pub fn index_bytes(&self) -> usize {
        self.layout.heap_bytes() + self.schedule().heap_bytes()
    }

    /// The document the plan was validated from.
    pub fn document(&self) -> &PlanDocument {
        &self.document
    }

    /// Gives the document back, e.g. to change it and validate it again.
    pub fn into_document(self) -> PlanDocument {
        self.document
    }

    pub(crate) fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The calendar year the plan covers.
    pub fn year(&self) -> i32 {
        self.document.year
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        let units = &self.document.units;
        at(units, self.unit_index(id)?)
    }

    pub(crate) fn unit_index(&self, id: &str) -> Option<u32> {
        let units = &self.document.units;
        self.layout
            .units
            .find(id, |p| at(units, p).map(|u| u.id.as_str()))
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        at(&self.document.people, self.person_index(id)?)
    }

    pub(crate) fn person_index(&self, id: &str) -> Option<u32> {
        let people = &self.document.people;
        self.layout
            .people
            .find(id, |p| at(people, p).map(|x| x.id.as_str()))
    }

    /// The key task with this id.
    pub fn key_task(&self, id: &str) -> Option<&KeyTask> {
        at(&self.document.key_tasks, self.key_task_index(id)?)
    }

    pub(crate) fn key_task_index(&self, id: &str) -> Option<u32> {
        let tasks = &self.document.key_tasks;
        self.layout
            .key_tasks
            .find(id, |p| at(tasks, p).map(|t| t.id.as_str()))
    }

    /// The sub-project with this id, with its key task.
    pub fn sub_project(&self, id: &str) -> Option<(&KeyTask, &SubProject)> {
        let s = self.sub_project_index(id)?;
        self.layout.sub_project(&self.document, s)
    }

    pub(crate) fn sub_project_index(&self, id: &str) -> Option<u32> {
        let (layout, document) = (&self.layout, &self.document);
        layout.sub_projects.find(id, |s| {
            layout
                .sub_project(document, s)
                .map(|(_, sub)| sub.id.as_str())
        })
    }

    /// The milestone with this id, in its place in the plan.
    pub fn milestone(&self, id: &str) -> Option<MilestoneRef<'_>> {
        let i = self.milestone_index(id)?;
        self.milestone_at(i)
    }

    pub(crate) fn milestone_index(&self, id: &str) -> Option<u32> {
        let (layout, document) = (&self.layout, &self.document);
        layout.milestones.find(id, |i| {
            layout.milestone(document, i).map(|(_, _, m)| m.id.as_str())
        })
    }

    /// The milestone numbered `index` in document order.
    pub(crate) fn milestone_at(&self, index: u32) -> Option<MilestoneRef<'_>> {
        let (key_task, sub_project, milestone) = self.layout.milestone(&self.document, index)?;
        Some(MilestoneRef::new(
            usize::try_from(index).ok()?,
            key_task,
            sub_project,
            milestone,
        ))
    }

    /// How many milestones the plan has.
    pub fn milestone_count(&self) -> usize {
        self.layout.milestone_count()
    }

    /// How many sub-projects the plan has.
    pub fn sub_project_count(&self) -> usize {
        self.layout.sub_project_count()
    }

    /// Every milestone of the plan in document order.
    pub fn milestones(&self) -> impl Iterator<Item = MilestoneRef<'_>> {
        self.document
            .key_tasks
            .iter()
            .flat_map(|key_task| {
                key_task.sub_projects.iter().flat_map(move |sub_project| {
                    sub_project
                        .milestones
                        .iter()
                        .map(move |milestone| (key_task, sub_project, milestone))
                })
            })
            .enumerate()
            .map(|(index, (key_task, sub_project, milestone))| {
                MilestoneRef::new(index, key_task, sub_project, milestone)
            })
    }

    /// Counts of what the plan holds, for a first look at a loaded plan.
    pub fn summary(&self) -> PlanSummary {
        let document = &self.document;
        let mut summary = PlanSummary {
            year: document.year,
            name: document.name.clone(),
            ..PlanSummary::default()
        };
        for unit in &document.units {
            *summary.units_by_kind.entry(unit.kind).or_default() += 1;
        }
        summary.people = document.people.len();
        summary.plan_items = document.plan_items.len();
        for task in &document.key_tasks {
            summary.key_tasks += 1;
            *summary.key_tasks_by_kind.entry(task.kind).or_default() += 1;
            *summary
                .key_tasks_by_kind_and_level
                .entry((task.kind, task.level))
                .or_default() += 1;
            for sub in &task.sub_projects {
                summary.sub_projects += 1;
                *summary.sub_projects_by_kind.entry(task.kind).or_default() += 1;
                if !sub.responsibility.partner_units.is_empty() {
                    summary.sub_projects_with_partners += 1;
                }
                summary.milestones += sub.milestones.len();
            }
        }
        summary.contracts = document.contracts.len();
        summary.progress_reports = document.progress_reports.len();
        summary.lag_reasons = document.lag_reasons.len();
        summary
    }
}

impl<'a> MilestoneRef<'a> {
    fn new(
        index: usize,
        key_task: &'a KeyTask,
        sub_project: &'a SubProject,
        milestone: &'a Milestone,
    ) -> Self {
        Self {
            index,
            key_task,
            sub_project,
            milestone,
            responsibility: milestone
                .responsibility
                .as_deref()
                .unwrap_or(&sub_project.responsibility),
        }
    }
}

/// Counts of what a plan holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    /// The plan's year.
    pub year: i32,
    /// The plan's name.
    pub name: String,
    /// Units of each kind.
    pub units_by_kind: BTreeMap<UnitKind, usize>,
    /// People.
    pub people: usize,
    /// Plan items.
    pub plan_items: usize,
    /// Key tasks.
    pub key_tasks: usize,
    /// Key tasks of each kind of work.
    pub key_tasks_by_kind: BTreeMap<KeyTaskKind, usize>,
    /// Key tasks of each kind of work and level.
    #[serde(skip)]
    pub key_tasks_by_kind_and_level: BTreeMap<(KeyTaskKind, Level), usize>,
    /// Sub-projects.
    pub sub_projects: usize,
    /// Sub-projects under key tasks of each kind of work.
    pub sub_projects_by_kind: BTreeMap<KeyTaskKind, usize>,
    /// Sub-projects with at least one partner unit (cross-department work).
    pub sub_projects_with_partners: usize,
    /// Milestones.
    pub milestones: usize,
    /// Responsibility contracts.
    pub contracts: usize,
    /// Progress reports.
    pub progress_reports: usize,
    /// Lag reasons.
    pub lag_reasons: usize,
}

impl PlanSummary {
    /// Key tasks of a kind and level.
    pub fn key_tasks_of(&self, kind: KeyTaskKind, level: Level) -> usize {
        self.key_tasks_by_kind_and_level
            .get(&(kind, level))
            .copied()
            .unwrap_or(0)
    }
}
