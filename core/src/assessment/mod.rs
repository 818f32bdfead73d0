//! Year-end assessment (考核): each unit's score from data, not stories. Target completion
//! is scored from the milestones a unit leads and the ratings its lead units gave it as a
//! partner, weighted with the host's own components into a performance score; then grades,
//! rankings, an explanation of every point, and the accountability list (问责).
//!
//! See [`guide::assessment`](crate::guide::assessment) for every rule with its arithmetic.

mod credit;
mod explain;
mod grades;
mod scheme;
pub(crate) mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use credit::CreditBasis;
pub use explain::{Explained, Explanation};
pub use grades::Grade;
pub use scheme::{
    Band, Component, CreditRules, GradeBands, MissingRatings, ObjectiveLag, PartialRule, Scheme,
    ScoringScheme, Weights, WEIGHT_TOLERANCE,
};

use crate::ids::{KeyTaskId, MilestoneId, PersonId, SubProjectId, UnitId};
use crate::organisation::UnitKind;
use crate::plan::Plan;
use crate::progress::LagClass;
use crate::report::Language;
use crate::responsibility::PartnerRating;
use crate::status::{LagReasonSummary, MilestoneStatus, StatusError, StatusOptions};
use credit::Scored;

/// The host's own components of the performance score, per unit: unit → component name →
/// value from 0 to 100.
pub type ComponentScores = BTreeMap<UnitId, BTreeMap<String, f64>>;

/// Assessment could not be made from the data given.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AssessmentError {
    /// The status on the assessment date could not be evaluated.
    #[error(transparent)]
    Status(#[from] StatusError),
    /// A lead unit has not rated a partner and the scheme says that is an error.
    #[error("`{lead}` has not rated its partner `{unit}` on sub-project `{sub_project}`; record the rating, or choose another missing-ratings policy")]
    MissingRating {
        /// The partner unit.
        unit: UnitId,
        /// The lead unit that should have rated.
        lead: UnitId,
        /// The shared sub-project.
        sub_project: SubProjectId,
    },
    /// A component value was given for a unit the plan does not have.
    #[error("component scores are given for `{unit}`, which is not a unit of the plan")]
    UnknownUnit {
        /// The unit id given.
        unit: UnitId,
    },
    /// A component value names a component the scheme does not weigh.
    #[error("`{unit}` has a score for `{component}`, which the scheme does not weigh; the scheme's components are {}", known_components(known, *more, crate::Language::English))]
    UnknownComponent {
        /// The unit.
        unit: UnitId,
        /// The component name given.
        component: String,
        /// The components the scheme weighs (the first twenty).
        known: Vec<String>,
        /// How many more the scheme weighs beyond those listed.
        more: usize,
    },
    /// An assessed unit has no value for a component of the scheme.
    #[error("`{unit}` has no score for the component `{component}`; give every assessed unit every component")]
    MissingComponent {
        /// The unit.
        unit: UnitId,
        /// The component missing.
        component: String,
    },
    /// A component value is not a number from 0 to 100.
    #[error("`{unit}` has `{value}` for `{component}`; component scores run from 0 to 100")]
    InvalidComponent {
        /// The unit.
        unit: UnitId,
        /// The component.
        component: String,
        /// The value given.
        value: f64,
    },
    /// Component scores were given for a unit that is never assessed: the government or a
    /// section, not a department, street or town.
    #[error("component scores are given for `{unit}`, which is not a department, street or town and so is never assessed; remove its scores")]
    NotAssessed {
        /// The unit.
        unit: UnitId,
    },
    /// The scheme weighs a key task, sub-project or milestone the plan does not have.
    #[error("the scheme weighs the {kind} `{id}`, which the plan does not have; correct the id or remove the weight")]
    UnknownWeightedItem {
        /// `key task`, `sub-project` or `milestone`.
        kind: &'static str,
        /// The id the scheme names.
        id: String,
    },
}

/// The names of a scheme's components for a message: each quoted, with how many more.
fn known_components(known: &[String], more: usize, language: crate::Language) -> String {
    let chinese = language == crate::Language::Chinese;
    let mut names: Vec<String> = known.iter().map(|name| format!("`{name}`")).collect();
    if more > 0 {
        names.push(if chinese {
            format!("另有 {more} 个")
        } else {
            format!("and {more} more")
        });
    }
    match (names.is_empty(), chinese) {
        (true, true) => "无".to_owned(),
        (true, false) => "none".to_owned(),
        (false, true) => names.join("、"),
        (false, false) => names.join(", "),
    }
}

impl AssessmentError {
    /// A stable code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            AssessmentError::Status(error) => error.code(),
            AssessmentError::MissingRating { .. } => "missing-rating",
            AssessmentError::UnknownUnit { .. } => "unknown-unit",
            AssessmentError::UnknownComponent { .. } => "unknown-component",
            AssessmentError::MissingComponent { .. } => "missing-component",
            AssessmentError::InvalidComponent { .. } => "invalid-component",
            AssessmentError::NotAssessed { .. } => "not-assessed",
            AssessmentError::UnknownWeightedItem { .. } => "unknown-weighted-item",
        }
    }

    /// The error as a sentence in a language.
    pub fn message(&self, language: Language) -> String {
        if language == Language::English {
            return self.to_string();
        }
        match self {
            AssessmentError::Status(error) => error.message(language),
            AssessmentError::MissingRating { unit, lead, sub_project } => format!(
                "`{lead}` 尚未在子项目 `{sub_project}` 上评价其配合单位 `{unit}`;请录入评价,或选择其他缺评处理方式"
            ),
            AssessmentError::UnknownUnit { unit } => {
                format!("为 `{unit}` 给出了考核组成部分得分,但计划中没有这个单位")
            }
            AssessmentError::UnknownComponent {
                unit,
                component,
                known,
                more,
            } => format!(
                "`{unit}` 有 `{component}` 的得分,但考核方案不计该组成部分;方案的组成部分为 {}",
                known_components(known, *more, crate::Language::Chinese)
            ),
            AssessmentError::MissingComponent { unit, component } => format!(
                "`{unit}` 缺少组成部分 `{component}` 的得分;每个受考核单位都须给出每个组成部分的得分"
            ),
            AssessmentError::InvalidComponent { unit, component, value } => format!(
                "`{unit}` 的 `{component}` 得分为 `{value}`;组成部分得分须在 0 至 100 之间"
            ),
            AssessmentError::NotAssessed { unit } => format!(
                "为 `{unit}` 给出了考核组成部分得分,但它不是委办局、街道或镇,从不参加考核;请删去这些得分"
            ),
            AssessmentError::UnknownWeightedItem { kind, id } => {
                let kind = match *kind {
                    "key task" => "重点工作",
                    "sub-project" => "子项目",
                    _ => "节点",
                };
                format!("考核方案为{kind} `{id}` 设置了权重,但计划中没有它;请更正 id 或删去该权重")
            }
        }
    }
}

/// Every key task, sub-project and milestone the scheme weighs must be in the plan: a
/// misspelt id would otherwise leave its weight silently unused.
fn check_weighted_items(plan: &Plan, rules: &ScoringScheme) -> Result<(), AssessmentError> {
    for id in rules.weights.key_tasks.keys() {
        if plan.key_task(id.as_str()).is_none() {
            return Err(AssessmentError::UnknownWeightedItem {
                kind: "key task",
                id: id.to_string(),
            });
        }
    }
    for id in rules.weights.sub_projects.keys() {
        if plan.sub_project(id.as_str()).is_none() {
            return Err(AssessmentError::UnknownWeightedItem {
                kind: "sub-project",
                id: id.to_string(),
            });
        }
    }
    for id in rules.weights.milestones.keys() {
        if plan.milestone(id.as_str()).is_none() {
            return Err(AssessmentError::UnknownWeightedItem {
                kind: "milestone",
                id: id.to_string(),
            });
        }
    }
    Ok(())
}

/// One unit's year-end result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitAssessment {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Department, street or town.
    pub kind: UnitKind,
    /// The score of the milestones it leads, 0–100; `None` when it leads none assessed.
    pub lead_score: Option<f64>,
    /// Its cooperation score from its lead units' ratings, 0–100; `None` when it partners
    /// nothing assessed.
    pub partner_score: Option<f64>,
    /// Lead and partner scores combined, 0–100.
    pub target_completion: f64,
    /// The host's components, 0–100 each.
    pub components: BTreeMap<String, f64>,
    /// The performance score, 0–100.
    pub performance: f64,
    /// Its rank among all assessed units (standard competition ranking: 1, 2, 2, 4).
    pub rank: u32,
    /// Its rank among units of its group: departments, or streets and towns.
    pub group_rank: u32,
    /// Its grade.
    pub grade: Grade,
    /// Every point of the performance score traced to its source.
    pub explanation: Explanation,
}

/// A lagging milestone someone must answer for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountabilityItem {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its title.
    pub title: String,
    /// Its key task.
    pub key_task: KeyTaskId,
    /// The lead unit.
    pub lead_unit: UnitId,
    /// The responsible person, where named.
    pub responsible_person: Option<PersonId>,
    /// The supervising leader.
    pub supervising_leader: PersonId,
    /// The due date.
    pub due: NaiveDate,
    /// Days past the due date on the assessment date.
    pub days_overdue: i64,
    /// The lag reason recorded, if any (none, or a subjective one).
    pub reason: Option<LagReasonSummary>,
    /// Whether a request to move the date later was refused.
    pub refused_request: bool,
}

/// The year-end assessment of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// The assessment date.
    pub as_of: NaiveDate,
    /// Every assessed unit, by rank, then id.
    pub units: Vec<UnitAssessment>,
    /// Working units with nothing to assess (they lead and partner no assessed work).
    pub not_assessed: Vec<UnitId>,
    /// Units of `not_assessed` for which component scores were given: the scores were not
    /// used, and this says so rather than dropping them silently.
    #[serde(default)]
    pub components_not_used: Vec<UnitId>,
    /// Lagging milestones without an objective reason (or with a refused request), most
    /// overdue first.
    pub accountability: Vec<AccountabilityItem>,
}

impl Assessment {
    /// The assessment of the unit with id `unit`; `None` when it was not assessed.
    pub fn unit(&self, unit: &str) -> Option<&UnitAssessment> {
        self.units.iter().find(|u| u.unit.as_str() == unit)
    }

    /// The host's components any unit was scored on, by name, each once: the columns of
    /// a table of component scores.
    pub(crate) fn component_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .units
            .iter()
            .flat_map(|u| u.components.keys().cloned())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// The credits a unit earns as lead: key task → (weight, sub-project → (weight, credits)).
type LedTasks = BTreeMap<usize, (f64, BTreeMap<usize, (f64, Vec<Part>)>)>;

/// A weighted part of a score, kept with its explanation.
struct Part {
    weight: f64,
    score: f64,
    node: Explanation,
}

/// The weighted mean score of `parts`, with each part's node given its share of the
/// weight; `None` when there is nothing to weigh.
fn combine(parts: Vec<Part>) -> Option<(f64, Vec<Part>)> {
    let total: f64 = parts.iter().map(|p| p.weight).sum();
    if parts.is_empty() || total <= 0.0 {
        return None;
    }
    let score = parts.iter().map(|p| p.weight * p.score).sum::<f64>() / total;
    let parts = parts
        .into_iter()
        .map(|mut part| {
            part.node.weight = part.weight / total;
            part
        })
        .collect();
    Some((score, parts))
}

/// Sets the points of a tree whose weights and scores are known: each node's points are
/// `factor × weight share × score`, pushed down from the root.
fn assign_points(node: &mut Explanation, factor: f64) {
    node.points = factor * node.score;
    for child in &mut node.children {
        assign_points(child, factor * child.weight);
    }
}

impl Plan {
    /// Assesses every working unit on `as_of` (usually the year's last day).
    ///
    /// # Errors
    ///
    /// [`AssessmentError`] naming the unit and the item: a missing rating (when the scheme
    /// says so), a component value for an unknown unit or component, a missing or invalid
    /// component value, or a date the plan cannot answer for.
    pub fn assess(
        &self,
        as_of: NaiveDate,
        scheme: &Scheme,
        components: &ComponentScores,
        options: &StatusOptions,
    ) -> Result<Assessment, AssessmentError> {
        assess(self, as_of, scheme, components, options, &BTreeSet::new())
    }
}

pub(crate) fn assess(
    plan: &Plan,
    as_of: NaiveDate,
    scheme: &Scheme,
    components: &ComponentScores,
    options: &StatusOptions,
    refused: &BTreeSet<MilestoneId>,
) -> Result<Assessment, AssessmentError> {
    let status = plan.status(as_of, options)?;
    let rules = scheme.rules();
    let document = plan.document();
    check_weighted_items(plan, rules)?;

    // The first day an objective lag reason was recorded, per milestone.
    let mut first_objective: HashMap<&MilestoneId, NaiveDate> = HashMap::new();
    for reason in &document.lag_reasons {
        if reason.class == LagClass::Objective {
            first_objective
                .entry(&reason.milestone)
                .and_modify(|day| *day = (*day).min(reason.recorded_on))
                .or_insert(reason.recorded_on);
        }
    }
    // Each partner rating by sub-project and partner.
    let mut ratings: HashMap<(&SubProjectId, &UnitId), &PartnerRating> = HashMap::new();
    for rating in &document.partner_ratings {
        ratings
            .entry((&rating.sub_project, &rating.partner))
            .or_insert(rating);
    }

    // Milestone credits, grouped by lead unit → key task → sub-project.
    let mut led: BTreeMap<UnitId, LedTasks> = BTreeMap::new();
    // The weight of included work per sub-project, for partner ratings.
    let mut shared_work: BTreeMap<SubProjectId, f64> = BTreeMap::new();
    let mut accountability = Vec::new();
    for (k, task) in document.key_tasks.iter().enumerate() {
        let task_weight = weight_of(&rules.weights.key_tasks, &task.id);
        for (s, sub) in task.sub_projects.iter().enumerate() {
            let sub_weight = weight_of(&rules.weights.sub_projects, &sub.id);
            for milestone in &sub.milestones {
                let Some(found) = plan.milestone(milestone.id.as_str()) else {
                    continue;
                };
                let Some(row) = status.milestone(milestone.id.as_str()) else {
                    continue;
                };
                let excused_before = |done: NaiveDate| {
                    first_objective
                        .get(&milestone.id)
                        .is_some_and(|first| *first <= done)
                };
                if row.status == MilestoneStatus::Lagging {
                    let objective = row
                        .lag_reason
                        .as_ref()
                        .is_some_and(|r| r.class == LagClass::Objective);
                    let was_refused = refused.contains(&milestone.id);
                    if !objective || was_refused {
                        accountability.push(AccountabilityItem {
                            milestone: row.milestone.clone(),
                            title: row.title.clone(),
                            key_task: row.key_task.clone(),
                            lead_unit: row.lead_unit.clone(),
                            responsible_person: row.responsible_person.clone(),
                            supervising_leader: row.supervising_leader.clone(),
                            due: row.due,
                            days_overdue: (as_of - row.due).num_days(),
                            reason: row.lag_reason.clone(),
                            refused_request: was_refused,
                        });
                    }
                }
                let Scored::Credit(credit, basis) =
                    credit::score(scheme, &found, &row, as_of, excused_before)
                else {
                    continue;
                };
                let weight = weight_of(&rules.weights.milestones, &milestone.id);
                *shared_work.entry(sub.id.clone()).or_default() += weight;
                let lead = row.lead_unit.clone();
                let node = Explanation::leaf(
                    Explained::Milestone {
                        id: milestone.id.clone(),
                        title: milestone.title.clone(),
                        basis,
                    },
                    credit * 100.0,
                    weight,
                    0.0,
                );
                led.entry(lead)
                    .or_default()
                    .entry(k)
                    .or_insert_with(|| (task_weight, BTreeMap::new()))
                    .1
                    .entry(s)
                    .or_insert_with(|| (sub_weight, Vec::new()))
                    .1
                    .push(Part {
                        weight,
                        score: credit * 100.0,
                        node,
                    });
            }
        }
    }
    accountability.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then_with(|| a.reason.is_some().cmp(&b.reason.is_some()))
            .then_with(|| a.milestone.cmp(&b.milestone))
    });

    // Partner ratings, weighted by the shared work.
    let mut cooperation: BTreeMap<UnitId, Vec<Part>> = BTreeMap::new();
    for task in &document.key_tasks {
        for sub in &task.sub_projects {
            let Some(&work) = shared_work.get(&sub.id) else {
                continue;
            };
            let Some(lead) = sub.responsibility.lead_unit.as_ref() else {
                continue;
            };
            for partner in &sub.responsibility.partner_units {
                let rating = ratings.get(&(&sub.id, partner)).copied();
                let (score, explained) = match (rating, rules.missing_ratings) {
                    (Some(rating), _) => (
                        rating.score,
                        Explained::Rating {
                            sub_project: sub.id.clone(),
                            by: lead.clone(),
                        },
                    ),
                    (None, MissingRatings::Neutral { score }) => (
                        score,
                        Explained::MissingRating {
                            sub_project: sub.id.clone(),
                            by: lead.clone(),
                        },
                    ),
                    (None, MissingRatings::Excluded) => continue,
                    (None, MissingRatings::Error) => {
                        return Err(AssessmentError::MissingRating {
                            unit: partner.clone(),
                            lead: lead.clone(),
                            sub_project: sub.id.clone(),
                        })
                    }
                };
                cooperation.entry(partner.clone()).or_default().push(Part {
                    weight: work,
                    score,
                    node: Explanation::leaf(explained, score, work, 0.0),
                });
            }
        }
    }

    // Component values: every one known, in range, and present for assessed units.
    let known: HashSet<&str> = rules.components.iter().map(|c| c.name.as_str()).collect();
    for (unit, values) in components {
        match plan.unit(unit.as_str()) {
            None => return Err(AssessmentError::UnknownUnit { unit: unit.clone() }),
            Some(found) if !found.kind.is_working_unit() => {
                return Err(AssessmentError::NotAssessed { unit: unit.clone() })
            }
            Some(_) => {}
        }
        for (name, &value) in values {
            if !known.contains(name.as_str()) {
                const SHOWN: usize = 20;
                return Err(AssessmentError::UnknownComponent {
                    unit: unit.clone(),
                    component: name.clone(),
                    known: rules
                        .components
                        .iter()
                        .take(SHOWN)
                        .map(|c| c.name.clone())
                        .collect(),
                    more: rules.components.len().saturating_sub(SHOWN),
                });
            }
            if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
                return Err(AssessmentError::InvalidComponent {
                    unit: unit.clone(),
                    component: name.clone(),
                    value,
                });
            }
        }
    }

    let mut units = Vec::new();
    let mut not_assessed = Vec::new();
    let mut components_not_used = Vec::new();
    for unit in document.units.iter().filter(|u| u.kind.is_working_unit()) {
        let lead = led
            .remove(&unit.id)
            .and_then(|tasks| lead_node(plan, tasks));
        let partner = cooperation
            .remove(&unit.id)
            .and_then(combine)
            .map(|(score, parts)| {
                let node = Explanation {
                    explained: Explained::Cooperation,
                    score,
                    weight: 0.0,
                    points: 0.0,
                    children: parts.into_iter().map(|p| p.node).collect(),
                };
                (score, node)
            });
        if lead.is_none() && partner.is_none() {
            if components.contains_key(&unit.id) {
                components_not_used.push(unit.id.clone());
            }
            not_assessed.push(unit.id.clone());
            continue;
        }
        let lead_score = lead.as_ref().map(|(score, _)| *score);
        let partner_score = partner.as_ref().map(|(score, _)| *score);
        let mut tc_parts = Vec::new();
        if let Some((score, node)) = lead {
            tc_parts.push(Part {
                weight: rules.lead_weight,
                score,
                node,
            });
        }
        if let Some((score, node)) = partner {
            tc_parts.push(Part {
                weight: rules.partner_weight,
                score,
                node,
            });
        }
        if tc_parts.iter().map(|p| p.weight).sum::<f64>() <= 0.0 {
            for part in &mut tc_parts {
                part.weight = 1.0;
            }
        }
        let (target_completion, tc_parts) = combine(tc_parts).unwrap_or((0.0, Vec::new()));
        let target_node = Explanation {
            explained: Explained::TargetCompletion,
            score: target_completion,
            weight: 0.0,
            points: 0.0,
            children: tc_parts.into_iter().map(|p| p.node).collect(),
        };
        let given = components.get(&unit.id);
        let mut values = BTreeMap::new();
        let mut parts = vec![Part {
            weight: rules.target_completion_weight,
            score: target_completion,
            node: target_node,
        }];
        for component in &rules.components {
            let Some(&value) = given.and_then(|g| g.get(&component.name)) else {
                return Err(AssessmentError::MissingComponent {
                    unit: unit.id.clone(),
                    component: component.name.clone(),
                });
            };
            values.insert(component.name.clone(), value);
            parts.push(Part {
                weight: component.weight,
                score: value,
                node: Explanation::leaf(
                    Explained::Component {
                        name: component.name.clone(),
                    },
                    value,
                    0.0,
                    0.0,
                ),
            });
        }
        // The performance weights sum to 1, so the plain weighted sum is the score.
        let performance: f64 = parts.iter().map(|p| p.weight * p.score).sum();
        let mut root = Explanation {
            explained: Explained::Performance,
            score: performance,
            weight: 1.0,
            points: performance,
            children: parts
                .into_iter()
                .map(|mut p| {
                    p.node.weight = p.weight;
                    p.node
                })
                .collect(),
        };
        assign_points(&mut root, 1.0);
        units.push(UnitAssessment {
            unit: unit.id.clone(),
            name: unit.name.clone(),
            kind: unit.kind,
            lead_score,
            partner_score,
            target_completion,
            components: values,
            performance,
            rank: 0,
            group_rank: 0,
            grade: Grade::Fail,
            explanation: root,
        });
    }
    grades::rank_and_grade(&mut units, &rules.grades);
    Ok(Assessment {
        as_of,
        units,
        not_assessed,
        components_not_used,
        accountability,
    })
}

/// The lead-work node of a unit: key tasks of sub-projects of milestone credits, capped at
/// 100.
/// The weight a scheme gives an id; 1 when it names none.
fn weight_of<K: Ord>(map: &BTreeMap<K, f64>, id: &K) -> f64 {
    map.get(id).copied().unwrap_or(1.0)
}

fn lead_node(plan: &Plan, tasks: LedTasks) -> Option<(f64, Explanation)> {
    let document = plan.document();
    let mut task_parts = Vec::new();
    for (k, (task_weight, subs)) in tasks {
        let task = document.key_tasks.get(k)?;
        let mut sub_parts = Vec::new();
        for (s, (sub_weight, milestones)) in subs {
            let sub = task.sub_projects.get(s)?;
            let Some((score, milestones)) = combine(milestones) else {
                continue;
            };
            sub_parts.push(Part {
                weight: sub_weight,
                score,
                node: Explanation {
                    explained: Explained::SubProject {
                        id: sub.id.clone(),
                        title: sub.title.clone(),
                    },
                    score,
                    weight: 0.0,
                    points: 0.0,
                    children: milestones.into_iter().map(|p| p.node).collect(),
                },
            });
        }
        let Some((score, subs)) = combine(sub_parts) else {
            continue;
        };
        task_parts.push(Part {
            weight: task_weight,
            score,
            node: Explanation {
                explained: Explained::KeyTask {
                    id: task.id.clone(),
                    title: task.title.clone(),
                },
                score,
                weight: 0.0,
                points: 0.0,
                children: subs.into_iter().map(|p| p.node).collect(),
            },
        });
    }
    let (raw, tasks) = combine(task_parts)?;
    let capped = raw.min(100.0);
    let mut children: Vec<Explanation> = tasks.into_iter().map(|p| p.node).collect();
    if capped < raw {
        // The cap takes off what early bonuses added above 100; its points are set to
        // balance the node when points are assigned.
        children.push(Explanation::leaf(Explained::Cap, capped - raw, 1.0, 0.0));
    }
    Some((
        capped,
        Explanation {
            explained: Explained::LeadWork,
            score: capped,
            weight: 0.0,
            points: 0.0,
            children,
        },
    ))
}
