//! The validated plan: a [`PlanDocument`] that passed validation, with look-ups by id.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::document::{KeyTask, KeyTaskKind, Level, PlanDocument, SubProject};
use crate::milestone::Milestone;
use crate::organisation::{Person, Unit, UnitKind};
use crate::responsibility::Responsibility;

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
/// let plan = Plan::from_json_str(include_str!("../docs/example-plan.json"))?;
/// assert_eq!(plan.year(), 2017);
/// let milestone = plan.milestone("hm-rivers-q2").expect("the example names it");
/// assert_eq!(milestone.sub_project.id.as_str(), "hm-rivers");
/// assert_eq!(milestone.responsibility.lead_unit.as_ref().unwrap().as_str(), "hongmei");
/// # Ok::<(), mubiao::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    document: PlanDocument,
    units: HashMap<String, usize>,
    people: HashMap<String, usize>,
    key_tasks: HashMap<String, usize>,
    sub_projects: HashMap<String, (usize, usize)>,
    milestones: HashMap<String, (usize, usize, usize)>,
}

/// A milestone seen in its place in the plan, with the responsibility that applies to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MilestoneRef<'a> {
    /// The key task the milestone belongs to.
    pub key_task: &'a KeyTask,
    /// The sub-project the milestone belongs to.
    pub sub_project: &'a SubProject,
    /// The milestone itself.
    pub milestone: &'a Milestone,
    /// The milestone's own responsibility where it has one, else its sub-project's.
    pub responsibility: &'a Responsibility,
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

    /// Builds the look-ups of a document that validation accepted.
    pub(crate) fn from_valid_document(document: PlanDocument) -> Self {
        let units = position_by_id(document.units.iter().map(|unit| unit.id.as_str()));
        let people = position_by_id(document.people.iter().map(|person| person.id.as_str()));
        let key_tasks = position_by_id(document.key_tasks.iter().map(|task| task.id.as_str()));
        let mut sub_projects = HashMap::new();
        let mut milestones = HashMap::new();
        for (k, task) in document.key_tasks.iter().enumerate() {
            for (s, sub) in task.sub_projects.iter().enumerate() {
                sub_projects.insert(sub.id.as_str().to_owned(), (k, s));
                for (m, milestone) in sub.milestones.iter().enumerate() {
                    milestones.insert(milestone.id.as_str().to_owned(), (k, s, m));
                }
            }
        }
        Self {
            document,
            units,
            people,
            key_tasks,
            sub_projects,
            milestones,
        }
    }

    /// The document the plan was validated from.
    pub fn document(&self) -> &PlanDocument {
        &self.document
    }

    /// Gives the document back, e.g. to change it and validate it again.
    pub fn into_document(self) -> PlanDocument {
        self.document
    }

    /// The calendar year the plan covers.
    pub fn year(&self) -> i32 {
        self.document.year
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.get(id).and_then(|&i| self.document.units.get(i))
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people
            .get(id)
            .and_then(|&i| self.document.people.get(i))
    }

    /// The key task with this id.
    pub fn key_task(&self, id: &str) -> Option<&KeyTask> {
        self.key_tasks
            .get(id)
            .and_then(|&k| self.document.key_tasks.get(k))
    }

    /// The sub-project with this id, with its key task.
    pub fn sub_project(&self, id: &str) -> Option<(&KeyTask, &SubProject)> {
        let &(k, s) = self.sub_projects.get(id)?;
        let task = self.document.key_tasks.get(k)?;
        Some((task, task.sub_projects.get(s)?))
    }

    /// The milestone with this id, in its place in the plan.
    pub fn milestone(&self, id: &str) -> Option<MilestoneRef<'_>> {
        let &(k, s, m) = self.milestones.get(id)?;
        let key_task = self.document.key_tasks.get(k)?;
        let sub_project = key_task.sub_projects.get(s)?;
        let milestone = sub_project.milestones.get(m)?;
        Some(MilestoneRef::new(key_task, sub_project, milestone))
    }

    /// Every milestone of the plan in document order.
    pub fn milestones(&self) -> impl Iterator<Item = MilestoneRef<'_>> {
        self.document.key_tasks.iter().flat_map(|key_task| {
            key_task.sub_projects.iter().flat_map(move |sub_project| {
                sub_project
                    .milestones
                    .iter()
                    .map(move |milestone| MilestoneRef::new(key_task, sub_project, milestone))
            })
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
    fn new(key_task: &'a KeyTask, sub_project: &'a SubProject, milestone: &'a Milestone) -> Self {
        Self {
            key_task,
            sub_project,
            milestone,
            responsibility: milestone
                .responsibility
                .as_ref()
                .unwrap_or(&sub_project.responsibility),
        }
    }
}

fn position_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut positions = HashMap::new();
    for (i, id) in ids.enumerate() {
        positions.entry(id.to_owned()).or_insert(i);
    }
    positions
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
