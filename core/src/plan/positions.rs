//! Where each milestone sits in its plan, by number: the keys of a milestone table whose
//! names are written once each (Arrow dictionaries, categorical columns) instead of once a
//! milestone.

use crate::ids::SubProjectId;
use crate::schedule::{at, NONE};

use super::Plan;

/// Each milestone's sub-project, key task, lead unit and people as positions in the plan,
/// one entry a milestone in document order.
///
/// A table of a million milestones names a few thousand sub-projects and a few dozen units
/// and leaders: a host that writes its columns as dictionaries (the Python binding's Arrow
/// tables) takes the keys from here and the names from the plan's lists once, instead of
/// copying a name a milestone.
///
/// # Example
///
/// ```
/// use mubiao::Plan;
///
/// let plan = Plan::from_json_str(include_str!("../../../docs/example-plan.json"))?;
/// let positions = plan.milestone_positions();
/// let first = plan.milestones().next().expect("the example has milestones");
/// let lead = positions.lead_unit[0].map(|u| &plan.document().units[u as usize].id);
/// assert_eq!(lead, first.responsibility.lead_unit.as_ref());
/// # Ok::<(), mubiao::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MilestonePositions {
    /// The sub-project, numbered across the plan in document order (as
    /// [`Plan::sub_project_ids`] gives them).
    pub sub_project: Vec<u32>,
    /// The key task's position in the document's `key_tasks`.
    pub key_task: Vec<u32>,
    /// The lead unit's position in the document's `units`: the milestone's own where it has
    /// a responsibility of its own, else its sub-project's.
    pub lead_unit: Vec<Option<u32>>,
    /// The responsible person's position in the document's `people`, where one is named.
    pub responsible_person: Vec<Option<u32>>,
    /// The key task's supervising leader's position in the document's `people`.
    pub supervising_leader: Vec<Option<u32>>,
}

fn known(position: u32) -> Option<u32> {
    (position != NONE).then_some(position)
}

impl Plan {
    /// Where each milestone sits, by number: see [`MilestonePositions`].
    pub fn milestone_positions(&self) -> MilestonePositions {
        let layout = self.layout();
        let schedule = self.schedule();
        let n = layout.milestone_count();
        let mut positions = MilestonePositions {
            sub_project: Vec::with_capacity(n),
            key_task: Vec::with_capacity(n),
            lead_unit: Vec::with_capacity(n),
            responsible_person: Vec::with_capacity(n),
            supervising_leader: Vec::with_capacity(n),
        };
        for (s, sub_project) in (0u32..).zip(self.sub_projects_in_order()) {
            let k = at(&layout.sub_key_task, s).copied().unwrap_or(NONE);
            let lead = at(&schedule.sub_lead, s).copied().and_then(known);
            let responsible = sub_project
                .responsibility
                .responsible_person
                .as_ref()
                .and_then(|p| self.person_index(p.as_str()));
            let leader = at(&schedule.task_leader, k).copied().and_then(known);
            let count = layout.milestones_of_sub(s).len();
            let end = positions.sub_project.len().saturating_add(count);
            positions.sub_project.resize(end, s);
            positions.key_task.resize(end, k);
            positions.lead_unit.resize(end, lead);
            positions.responsible_person.resize(end, responsible);
            positions.supervising_leader.resize(end, leader);
        }
        // The few milestones with a responsibility of their own answer through it.
        for &(m, unit) in &schedule.lead_overrides {
            let Some(place) = self.milestone_at(m) else {
                continue;
            };
            let Ok(m) = usize::try_from(m) else {
                continue;
            };
            if let Some(lead) = positions.lead_unit.get_mut(m) {
                *lead = known(unit);
            }
            if let Some(person) = positions.responsible_person.get_mut(m) {
                *person = place
                    .responsibility
                    .responsible_person
                    .as_ref()
                    .and_then(|p| self.person_index(p.as_str()));
            }
        }
        positions
    }

    /// Every sub-project's id, numbered across the plan in document order: the names of
    /// [`MilestonePositions::sub_project`].
    pub fn sub_project_ids(&self) -> impl Iterator<Item = &SubProjectId> {
        self.sub_projects_in_order().map(|sub| &sub.id)
    }

    fn sub_projects_in_order(&self) -> impl Iterator<Item = &crate::SubProject> {
        self.document()
            .key_tasks
            .iter()
            .flat_map(|task| task.sub_projects.iter())
    }
}

#[cfg(test)]
mod tests {
    use crate::Plan;

    /// The example plan, with its first milestone answering through the responsibility of
    /// a sub-project led by another unit.
    fn plan_with_a_milestone_of_its_own() -> Plan {
        let text = include_str!("../../../docs/example-plan.json");
        let mut document = crate::PlanDocument::from_json_str(text).unwrap();
        let subs = || document.key_tasks.iter().flat_map(|t| &t.sub_projects);
        let first_lead = subs().next().unwrap().responsibility.lead_unit.clone();
        let other = subs()
            .map(|s| s.responsibility.clone())
            .find(|r| r.lead_unit != first_lead && r.responsible_person.is_some())
            .unwrap();
        document.key_tasks[0].sub_projects[0].milestones[0].responsibility = Some(Box::new(other));
        document.validate().unwrap()
    }

    /// Every position names what the milestone's own place in the document names.
    #[test]
    fn positions_name_what_each_milestone_names() {
        for plan in [
            Plan::from_json_str(include_str!("../../../docs/example-plan.json")).unwrap(),
            plan_with_a_milestone_of_its_own(),
        ] {
            check_positions(&plan);
        }
    }

    fn check_positions(plan: &Plan) {
        let positions = plan.milestone_positions();
        let document = plan.document();
        let subs: Vec<_> = plan.sub_project_ids().collect();
        let name = |p: Option<u32>| p.map(|p| &document.people[p as usize].id);
        let own = plan
            .milestones()
            .filter(|m| m.milestone.responsibility.is_some());
        assert!(own.count() <= 1);
        assert_eq!(positions.sub_project.len(), plan.milestone_count());
        for (i, place) in plan.milestones().enumerate() {
            assert_eq!(
                subs[positions.sub_project[i] as usize],
                &place.sub_project.id
            );
            assert_eq!(
                document.key_tasks[positions.key_task[i] as usize].id,
                place.key_task.id
            );
            assert_eq!(
                positions.lead_unit[i].map(|u| &document.units[u as usize].id),
                place.responsibility.lead_unit.as_ref()
            );
            assert_eq!(
                name(positions.responsible_person[i]),
                place.responsibility.responsible_person.as_ref()
            );
            assert_eq!(
                name(positions.supervising_leader[i]),
                place.key_task.supervising_leader.as_ref()
            );
        }
    }
}
