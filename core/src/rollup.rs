//! Roll-ups: counts of statuses and lights, grouped the ways leaders look at the plan —
//! by supervising leader, lead unit, partner unit, kind of work, level and key task — and
//! the list of lagging items.
//!
//! Summaries merge: [`Summary::merge`] and [`Rollup::merge`] are associative with an empty
//! identity, so a plan split into parts and evaluated part by part merges to exactly the
//! roll-up of the whole.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::{KeyTaskKind, Level};
use crate::ids::{KeyTaskId, MilestoneId, PersonId, SubProjectId, UnitId};
use crate::schedule::{at, date, day, range_of};
use crate::status::{Evaluation, LagReasonSummary, Light, MilestoneStatus, State, SubState};

/// Counts of milestones and sub-projects by status and light.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Summary {
    /// Milestones counted.
    pub milestones: u64,
    /// … not yet due.
    pub not_yet_due: u64,
    /// … completed early.
    pub completed_early: u64,
    /// … completed on time.
    pub completed_on_time: u64,
    /// … completed late.
    pub completed_late: u64,
    /// … lagging.
    pub lagging: u64,
    /// Milestones withdrawn, counted apart: they are in no other count.
    pub withdrawn: u64,
    /// … lagging with an objective reason recorded.
    pub lagging_objective: u64,
    /// … lagging with a subjective reason recorded.
    pub lagging_subjective: u64,
    /// … lagging with no reason recorded (red lights that need one).
    pub lagging_without_reason: u64,
    /// … not yet due and at risk.
    pub at_risk: u64,
    /// … with a green light.
    pub green: u64,
    /// … with a yellow light.
    pub yellow: u64,
    /// … with a red light.
    pub red: u64,
    /// Sub-projects counted.
    pub sub_projects: u64,
    /// … with at least one milestone due by the as-of date.
    pub sub_projects_with_due_milestone: u64,
    /// … of those, on schedule: no milestone due by then is lagging.
    pub sub_projects_on_schedule: u64,
    /// … with a lagging milestone.
    pub sub_projects_lagging: u64,
    /// … whose reporting is stale.
    pub sub_projects_stale: u64,
    /// … with a green light.
    pub sub_projects_green: u64,
    /// … with a yellow light.
    pub sub_projects_yellow: u64,
    /// … with a red light.
    pub sub_projects_red: u64,
    /// Sub-projects withdrawn (or under a withdrawn key task), counted apart.
    pub sub_projects_withdrawn: u64,
}

impl Summary {
    /// The empty summary: merging it changes nothing.
    pub fn empty() -> Self {
        Self::default()
    }

    /// On-schedule sub-projects over sub-projects with a milestone due (the district's
    /// completion rate, e.g. 210 / 221 = 95.0%); `None` when nothing is due yet.
    pub fn completion_rate(&self) -> Option<f64> {
        if self.sub_projects_with_due_milestone == 0 {
            return None;
        }
        // Counts stay far below 2^52, so these conversions are exact.
        #[allow(clippy::cast_precision_loss)]
        let rate =
            self.sub_projects_on_schedule as f64 / self.sub_projects_with_due_milestone as f64;
        Some(rate)
    }

    /// The count of milestones with a status.
    pub fn count(&self, status: MilestoneStatus) -> u64 {
        match status {
            MilestoneStatus::NotYetDue => self.not_yet_due,
            MilestoneStatus::CompletedEarly => self.completed_early,
            MilestoneStatus::CompletedOnTime => self.completed_on_time,
            MilestoneStatus::CompletedLate => self.completed_late,
            MilestoneStatus::Lagging => self.lagging,
            MilestoneStatus::Withdrawn => self.withdrawn,
        }
    }

    /// Adds the counts of `other`.
    #[must_use]
    pub fn merge(mut self, other: &Summary) -> Summary {
        self.add(other);
        self
    }

    /// Adds the counts of `o`; a count past `u64::MAX` (only from forged bytes) stays there.
    pub(crate) fn add(&mut self, o: &Summary) {
        self.milestones = self.milestones.saturating_add(o.milestones);
        self.not_yet_due = self.not_yet_due.saturating_add(o.not_yet_due);
        self.completed_early = self.completed_early.saturating_add(o.completed_early);
        self.completed_on_time = self.completed_on_time.saturating_add(o.completed_on_time);
        self.completed_late = self.completed_late.saturating_add(o.completed_late);
        self.lagging = self.lagging.saturating_add(o.lagging);
        self.withdrawn = self.withdrawn.saturating_add(o.withdrawn);
        self.lagging_objective = self.lagging_objective.saturating_add(o.lagging_objective);
        self.lagging_subjective = self.lagging_subjective.saturating_add(o.lagging_subjective);
        self.lagging_without_reason = self
            .lagging_without_reason
            .saturating_add(o.lagging_without_reason);
        self.at_risk = self.at_risk.saturating_add(o.at_risk);
        self.green = self.green.saturating_add(o.green);
        self.yellow = self.yellow.saturating_add(o.yellow);
        self.red = self.red.saturating_add(o.red);
        self.sub_projects = self.sub_projects.saturating_add(o.sub_projects);
        self.sub_projects_with_due_milestone = self
            .sub_projects_with_due_milestone
            .saturating_add(o.sub_projects_with_due_milestone);
        self.sub_projects_on_schedule = self
            .sub_projects_on_schedule
            .saturating_add(o.sub_projects_on_schedule);
        self.sub_projects_lagging = self
            .sub_projects_lagging
            .saturating_add(o.sub_projects_lagging);
        self.sub_projects_stale = self.sub_projects_stale.saturating_add(o.sub_projects_stale);
        self.sub_projects_green = self.sub_projects_green.saturating_add(o.sub_projects_green);
        self.sub_projects_yellow = self
            .sub_projects_yellow
            .saturating_add(o.sub_projects_yellow);
        self.sub_projects_red = self.sub_projects_red.saturating_add(o.sub_projects_red);
        self.sub_projects_withdrawn = self
            .sub_projects_withdrawn
            .saturating_add(o.sub_projects_withdrawn);
    }

    pub(crate) fn count_milestone(&mut self, state: State) {
        if state.status == MilestoneStatus::Withdrawn {
            self.withdrawn += 1;
            return;
        }
        self.milestones += 1;
        match state.status {
            MilestoneStatus::Withdrawn => {}
            MilestoneStatus::NotYetDue => self.not_yet_due += 1,
            MilestoneStatus::CompletedEarly => self.completed_early += 1,
            MilestoneStatus::CompletedOnTime => self.completed_on_time += 1,
            MilestoneStatus::CompletedLate => self.completed_late += 1,
            MilestoneStatus::Lagging => {
                self.lagging += 1;
                if state.needs_reason {
                    self.lagging_without_reason += 1;
                } else if state.objective {
                    self.lagging_objective += 1;
                } else {
                    self.lagging_subjective += 1;
                }
            }
        }
        if state.status == MilestoneStatus::NotYetDue && state.at_risk() {
            self.at_risk += 1;
        }
        match state.light {
            Light::Green => self.green += 1,
            Light::Yellow => self.yellow += 1,
            Light::Red => self.red += 1,
        }
    }

    /// Adds milestones tallied by [`tally_code`]: one addition a combination instead of
    /// several a milestone.
    pub(crate) fn count_tally(&mut self, tally: &Tally) {
        let [withdrawn, not_due, at_risk, early, on_time, late, no_reason, objective, subjective] =
            *tally;
        let lagging = no_reason + objective + subjective;
        let completed = early + on_time + late;
        self.withdrawn += withdrawn;
        self.milestones += not_due + at_risk + completed + lagging;
        self.not_yet_due += not_due + at_risk;
        self.at_risk += at_risk;
        self.completed_early += early;
        self.completed_on_time += on_time;
        self.completed_late += late;
        self.lagging += lagging;
        self.lagging_without_reason += no_reason;
        self.lagging_objective += objective;
        self.lagging_subjective += subjective;
        self.green += not_due + completed;
        self.yellow += at_risk;
        self.red += lagging;
    }

    pub(crate) fn count_sub_project(&mut self, state: SubState) {
        if state.withdrawn {
            self.sub_projects_withdrawn += 1;
            return;
        }
        self.sub_projects += 1;
        if state.has_due {
            self.sub_projects_with_due_milestone += 1;
            if state.on_schedule {
                self.sub_projects_on_schedule += 1;
            }
        }
        if !state.on_schedule {
            self.sub_projects_lagging += 1;
        }
        if state.stale {
            self.sub_projects_stale += 1;
        }
        match state.light {
            Light::Green => self.sub_projects_green += 1,
            Light::Yellow => self.sub_projects_yellow += 1,
            Light::Red => self.sub_projects_red += 1,
        }
    }
}

/// Milestones counted by the combinations of standing a [`Summary`] tells apart: withdrawn;
/// not yet due (green); not yet due and at risk (yellow); completed early, on time, late;
/// lagging without a reason, with an objective one, with a subjective one.
pub(crate) type Tally = [u64; 9];

/// Where a milestone's standing falls in a [`Tally`]. A not-yet-due milestone is yellow
/// exactly when at risk, a completed one green, a lagging one red: the light follows.
pub(crate) fn tally_code(state: State) -> usize {
    match state.status {
        MilestoneStatus::Withdrawn => 0,
        MilestoneStatus::NotYetDue => 1 + usize::from(state.at_risk()),
        MilestoneStatus::CompletedEarly => 3,
        MilestoneStatus::CompletedOnTime => 4,
        MilestoneStatus::CompletedLate => 5,
        MilestoneStatus::Lagging if state.needs_reason => 6,
        MilestoneStatus::Lagging if state.objective => 7,
        MilestoneStatus::Lagging => 8,
    }
}

/// A [`Summary`] with its completion rate, as a flat record for hosts that show it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SummaryRecord {
    /// The counts.
    #[serde(flatten)]
    pub counts: Summary,
    /// [`Summary::completion_rate`].
    pub completion_rate: Option<f64>,
}

impl From<Summary> for SummaryRecord {
    fn from(counts: Summary) -> Self {
        Self {
            completion_rate: counts.completion_rate(),
            counts,
        }
    }
}

/// A lagging milestone, with who answers for it and why it lags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaggingItem {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title.
    pub title: String,
    /// Its sub-project.
    pub sub_project: SubProjectId,
    /// Its key task.
    pub key_task: KeyTaskId,
    /// The kind of work.
    pub kind: KeyTaskKind,
    /// The level.
    pub level: Level,
    /// The due date.
    pub due: NaiveDate,
    /// Calendar days past the due date on the as-of date (0 on the due date itself).
    pub days_overdue: i64,
    /// The lead unit.
    pub lead_unit: UnitId,
    /// The partner units.
    pub partner_units: Vec<UnitId>,
    /// The responsible person, where named.
    pub responsible_person: Option<PersonId>,
    /// The supervising leader.
    pub supervising_leader: PersonId,
    /// The reason recorded by the as-of date, if any.
    pub reason: Option<LagReasonSummary>,
}

impl LaggingItem {
    /// Whether the item still needs a reason (a red light without one).
    pub fn needs_reason(&self) -> bool {
        self.reason.is_none()
    }

    fn order_key(&self) -> (NaiveDate, &str, &str) {
        (self.due, self.milestone.as_str(), self.sub_project.as_str())
    }
}

/// Summaries of a plan on one date, grouped as each leader sees them, with the lagging
/// items.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rollup {
    /// The date the statuses are for.
    pub as_of: Option<NaiveDate>,
    /// The whole plan.
    pub overall: Summary,
    /// By the supervising leader of each key task.
    pub by_supervising_leader: BTreeMap<PersonId, Summary>,
    /// By lead unit (a milestone with its own lead unit counts there).
    pub by_lead_unit: BTreeMap<UnitId, Summary>,
    /// By partner unit: everything of the sub-projects a unit is partner to.
    pub by_partner_unit: BTreeMap<UnitId, Summary>,
    /// By kind of work.
    pub by_kind: BTreeMap<KeyTaskKind, Summary>,
    /// By level.
    pub by_level: BTreeMap<Level, Summary>,
    /// By key task.
    pub by_key_task: BTreeMap<KeyTaskId, Summary>,
    /// Every lagging milestone, by due date then id.
    pub lagging: Vec<LaggingItem>,
}

/// Two roll-ups for different dates cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot merge roll-ups for {left} and {right}; evaluate every part on the same date")]
pub struct MergeError {
    /// The date of the left roll-up.
    pub left: NaiveDate,
    /// The date of the right roll-up.
    pub right: NaiveDate,
}

impl From<MergeError> for crate::ArgumentError {
    /// The merge refused as a bad argument: the other roll-up.
    fn from(error: MergeError) -> Self {
        let MergeError { left, right } = error;
        crate::ArgumentError::new(
            "other",
            error.to_string(),
            format!("无法合并 {left} 与 {right} 的汇总;请在同一日期评估各部分"),
        )
    }
}

fn merge_maps<K: Ord + Clone>(into: &mut BTreeMap<K, Summary>, from: &BTreeMap<K, Summary>) {
    for (key, summary) in from {
        into.entry(key.clone()).or_default().add(summary);
    }
}

impl Rollup {
    /// The empty roll-up: merging it changes nothing.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Merges two roll-ups of parts of a plan evaluated on the same date.
    ///
    /// # Errors
    ///
    /// [`MergeError`] when both have a date and the dates differ.
    pub fn merge(&self, other: &Rollup) -> Result<Rollup, MergeError> {
        let as_of = match (self.as_of, other.as_of) {
            (Some(left), Some(right)) if left != right => {
                return Err(MergeError { left, right });
            }
            (left, right) => left.or(right),
        };
        let mut merged = self.clone();
        merged.as_of = as_of;
        merged.overall.add(&other.overall);
        merge_maps(
            &mut merged.by_supervising_leader,
            &other.by_supervising_leader,
        );
        merge_maps(&mut merged.by_lead_unit, &other.by_lead_unit);
        merge_maps(&mut merged.by_partner_unit, &other.by_partner_unit);
        merge_maps(&mut merged.by_kind, &other.by_kind);
        merge_maps(&mut merged.by_level, &other.by_level);
        merge_maps(&mut merged.by_key_task, &other.by_key_task);
        merged.lagging.extend(other.lagging.iter().cloned());
        merged
            .lagging
            .sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        Ok(merged)
    }
}

impl Evaluation<'_> {
    /// The counts for the whole plan.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for &state in self.states.iter() {
            summary.count_milestone(state);
        }
        for &state in self.sub_states.iter() {
            summary.count_sub_project(state);
        }
        summary
    }

    /// Each key task's light, in plan order: red where a sub-project is red, else yellow
    /// where one is yellow, else green; `None` for a key task with no sub-project to judge
    /// (all withdrawn). The part of [`Evaluation::rollup`] a light board needs, without
    /// the counts and the lagging list.
    pub(crate) fn key_task_lights(&self) -> Vec<Option<Light>> {
        let layout = self.plan.layout();
        let mut lights = vec![None; self.plan.document().key_tasks.len()];
        for (s, sub_state) in (0u32..).zip(self.sub_states.iter()) {
            if sub_state.withdrawn {
                continue;
            }
            if let Some(light) = at(&layout.sub_key_task, s).and_then(|&k| at_mut(&mut lights, k)) {
                *light = Some(light.map_or(sub_state.light, |l: Light| l.max(sub_state.light)));
            }
        }
        lights
    }

    /// Every roll-up and the lagging list, in one pass over the plan.
    pub fn rollup(&self) -> Rollup {
        let plan = self.plan;
        let layout = plan.layout();
        let schedule = plan.schedule();
        let document = plan.document();
        let mut by_task = vec![Summary::default(); document.key_tasks.len()];
        let mut by_lead = vec![Summary::default(); document.units.len()];
        let mut by_partner = vec![Summary::default(); document.units.len()];
        let tallies = self.tally_sub_projects();
        let mut overrides = schedule.lead_overrides.iter().peekable();
        for ((s, &sub_state), tally) in (0u32..).zip(self.sub_states.iter()).zip(&tallies) {
            // The sub-project's lead unit counts every milestone without a lead unit of
            // its own; the few that have one count for theirs instead.
            let milestones = layout.milestones_of_sub(s);
            let mut lead_tally = *tally;
            while let Some(&(m, unit)) = overrides.next_if(|(m, _)| *m < milestones.end) {
                let Some(state) = self.state(m).filter(|_| m >= milestones.start) else {
                    continue;
                };
                if let Some(count) = lead_tally.get_mut(tally_code(state)) {
                    *count = count.saturating_sub(1);
                }
                if let Some(summary) = at_mut(&mut by_lead, unit) {
                    summary.count_milestone(state);
                }
            }
            let mut all = Summary::default();
            all.count_tally(tally);
            all.count_sub_project(sub_state);
            let mut lead_part = Summary::default();
            lead_part.count_tally(&lead_tally);
            lead_part.count_sub_project(sub_state);
            if let Some(&k) = at(&layout.sub_key_task, s) {
                if let Some(summary) = at_mut(&mut by_task, k) {
                    summary.add(&all);
                }
            }
            if let Some(&lead) = at(&schedule.sub_lead, s) {
                if let Some(summary) = at_mut(&mut by_lead, lead) {
                    summary.add(&lead_part);
                }
            }
            let partners = schedule
                .partners
                .get(range_of(&schedule.partner_start, s))
                .unwrap_or_default();
            for &partner in partners {
                if let Some(summary) = at_mut(&mut by_partner, partner) {
                    summary.add(&all);
                }
            }
        }
        let mut rollup = Rollup {
            as_of: Some(self.as_of),
            ..Rollup::default()
        };
        // Leaders are summed by index and named once; kinds and levels are a handful of
        // keys, summed in short lists. Every map is then built in one bulk step.
        let mut by_leader: Vec<Option<Summary>> = vec![None; document.people.len()];
        let mut by_kind = Vec::new();
        let mut by_level = Vec::new();
        for (task, (summary, &leader)) in document
            .key_tasks
            .iter()
            .zip(by_task.iter().zip(&schedule.task_leader))
        {
            rollup.overall.add(summary);
            add_to_group(&mut by_kind, task.kind, summary);
            add_to_group(&mut by_level, task.level, summary);
            if let Some(sum) = at_mut(&mut by_leader, leader) {
                sum.get_or_insert_with(Summary::default).add(summary);
            }
        }
        rollup.by_kind = by_kind.into_iter().collect();
        rollup.by_level = by_level.into_iter().collect();
        rollup.by_supervising_leader = document
            .people
            .iter()
            .zip(by_leader)
            .filter_map(|(person, summary)| Some((person.id.clone(), summary?)))
            .collect();
        // In the order of the ids, which the schedule keeps: the map is built without a sort.
        rollup.by_key_task = schedule
            .task_by_id
            .iter()
            .filter_map(|&k| Some((at(&document.key_tasks, k)?.id.clone(), *at(&by_task, k)?)))
            .collect();
        rollup.by_lead_unit = document
            .units
            .iter()
            .zip(&by_lead)
            .filter(|(_, lead)| lead.milestones > 0 || lead.sub_projects > 0)
            .map(|(unit, lead)| (unit.id.clone(), *lead))
            .collect();
        rollup.by_partner_unit = document
            .units
            .iter()
            .zip(&by_partner)
            .filter(|(_, partner)| partner.sub_projects > 0)
            .map(|(unit, partner)| (unit.id.clone(), *partner))
            .collect();
        rollup.lagging = self.lagging();
        rollup
    }

    /// Each sub-project's milestones tallied by standing, in plan order.
    fn tally_sub_projects(&self) -> Vec<Tally> {
        let layout = self.plan.layout();
        let tally = |s: u32| {
            let milestones = layout.milestones_of_sub(s);
            let range = usize::try_from(milestones.start).unwrap_or(0)
                ..usize::try_from(milestones.end).unwrap_or(0);
            let mut tally: Tally = [0; 9];
            for &state in self.states.get(range).unwrap_or_default() {
                if let Some(count) = tally.get_mut(tally_code(state)) {
                    *count += 1;
                }
            }
            tally
        };
        let subs = 0..u32::try_from(self.sub_states.len()).unwrap_or(u32::MAX);
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            subs.into_par_iter()
                .with_min_len(1 << 12)
                .map(tally)
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        subs.map(tally).collect()
    }

    /// Every lagging milestone, by due date then id, with who answers for it and why.
    pub fn lagging(&self) -> Vec<LaggingItem> {
        let schedule = self.plan.schedule();
        let mut found: Vec<(crate::schedule::Day, &str, u32)> = (0u32..)
            .zip(self.states.iter())
            .filter(|(_, state)| state.status == MilestoneStatus::Lagging)
            .filter_map(|(i, _)| {
                let due = *at(&schedule.due, i)?;
                let milestone = self.plan.milestone_at(i)?;
                Some((due, milestone.milestone.id.as_str(), i))
            })
            .collect();
        // Ids are unique within a plan: the order is total, whatever the sort.
        found.sort_unstable();
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            found
                .into_par_iter()
                .with_min_len(1 << 10)
                .filter_map(|(_, _, i)| self.lagging_item(i))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        found
            .into_iter()
            .filter_map(|(_, _, i)| self.lagging_item(i))
            .collect()
    }

    fn lagging_item(&self, i: u32) -> Option<LaggingItem> {
        let found = self.plan.milestone_at(i)?;
        let due = date(*at(&self.plan.schedule().due, i)?)?;
        let reason = crate::status::latest_lag_reason(self.plan, i, day(self.as_of));
        let responsibility = found.responsibility;
        Some(LaggingItem {
            milestone: found.milestone.id.clone(),
            title: found.milestone.title.clone(),
            sub_project: found.sub_project.id.clone(),
            key_task: found.key_task.id.clone(),
            kind: found.key_task.kind,
            level: found.key_task.level,
            due,
            days_overdue: (self.as_of - due).num_days(),
            lead_unit: responsibility.lead_unit.clone().unwrap_or_default(),
            partner_units: responsibility.partner_units.clone(),
            responsible_person: responsibility.responsible_person.clone(),
            supervising_leader: found
                .key_task
                .supervising_leader
                .clone()
                .unwrap_or_default(),
            reason: reason.map(LagReasonSummary::from),
        })
    }
}

/// Adds `summary` to the group `key` of a short list of groups, starting the group if new.
fn add_to_group<K: PartialEq>(groups: &mut Vec<(K, Summary)>, key: K, summary: &Summary) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, sum)) => sum.add(summary),
        None => groups.push((key, *summary)),
    }
}

fn at_mut<T>(items: &mut [T], i: u32) -> Option<&mut T> {
    items.get_mut(usize::try_from(i).ok()?)
}

/// The groupings of a [`Rollup`], for hosts that ask for one as a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// By the supervising leader of each key task.
    SupervisingLeader,
    /// By lead unit.
    LeadUnit,
    /// By partner unit.
    PartnerUnit,
    /// By kind of work.
    Kind,
    /// By level.
    Level,
    /// By key task.
    KeyTask,
}

/// One group of a roll-up as a flat record: what the group is, its name, its counts and
/// completion rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupRecord {
    /// The group: a person's, unit's or key task's id, or the kind or level.
    pub group: String,
    /// The group's name: the person's or unit's name, the key task's title, or the kind or
    /// level as the documents write it.
    pub name: String,
    /// The counts and the completion rate.
    #[serde(flatten)]
    pub record: SummaryRecord,
}

impl Rollup {
    /// One grouping of the roll-up as records, one per group, named from `plan`.
    pub fn records(&self, grouping: Grouping, plan: &crate::plan::Plan) -> Vec<GroupRecord> {
        fn rows<K>(
            map: &BTreeMap<K, Summary>,
            name: impl Fn(&K) -> (String, String),
        ) -> Vec<GroupRecord> {
            map.iter()
                .map(|(key, summary)| {
                    let (group, name) = name(key);
                    GroupRecord {
                        group,
                        name,
                        record: SummaryRecord::from(*summary),
                    }
                })
                .collect()
        }
        let person = |id: &PersonId| {
            let name = plan
                .person(id.as_str())
                .map_or_else(|| id.to_string(), |p| p.name.clone());
            (id.to_string(), name)
        };
        let unit = |id: &UnitId| {
            let name = plan
                .unit(id.as_str())
                .map_or_else(|| id.to_string(), |u| u.name.clone());
            (id.to_string(), name)
        };
        match grouping {
            Grouping::SupervisingLeader => rows(&self.by_supervising_leader, person),
            Grouping::LeadUnit => rows(&self.by_lead_unit, unit),
            Grouping::PartnerUnit => rows(&self.by_partner_unit, unit),
            Grouping::Kind => rows(&self.by_kind, |k| {
                (k.as_str().to_owned(), k.as_str().to_owned())
            }),
            Grouping::Level => rows(&self.by_level, |l| {
                (l.as_str().to_owned(), l.as_str().to_owned())
            }),
            Grouping::KeyTask => rows(&self.by_key_task, |id| {
                let title = plan
                    .key_task(id.as_str())
                    .map_or_else(String::new, |t| t.title.clone());
                (id.to_string(), title)
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every standing a milestone can have, with its light as the evaluation gives it.
    fn every_state() -> Vec<State> {
        let mut states = Vec::new();
        for status in MilestoneStatus::ALL {
            for flags in 0u8..16 {
                let bit = |n: u8| flags & (1 << n) != 0;
                let lagging = status == MilestoneStatus::Lagging;
                let not_due = status == MilestoneStatus::NotYetDue;
                let mut state = State {
                    status,
                    light: Light::Green,
                    behind: not_due && bit(0),
                    due_soon: not_due && bit(1),
                    needs_reason: lagging && bit(2),
                    objective: lagging && !bit(2) && bit(3),
                };
                if lagging {
                    state.light = Light::Red;
                } else if state.at_risk() {
                    state.light = Light::Yellow;
                }
                states.push(state);
            }
        }
        states
    }

    /// Tallying milestones and adding the tally counts each of them exactly as counting
    /// them one by one.
    #[test]
    fn a_tally_counts_as_milestone_by_milestone() {
        let states = every_state();
        for taken in 1..=states.len() {
            let mut one_by_one = Summary::default();
            let mut tally: Tally = [0; 9];
            for &state in states.iter().take(taken) {
                one_by_one.count_milestone(state);
                if let Some(count) = tally.get_mut(tally_code(state)) {
                    *count += 1;
                }
            }
            let mut tallied = Summary::default();
            tallied.count_tally(&tally);
            assert_eq!(tallied, one_by_one, "the first {taken} standings");
        }
    }
}
