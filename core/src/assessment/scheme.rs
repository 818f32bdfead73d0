//! The scoring scheme: how milestones earn credit, how credits, ratings and the host's own
//! components weigh into a unit's performance score, and how scores become grades.
//!
//! A [`ScoringScheme`] is plain data (serde); [`ScoringScheme::validate`] turns it into a
//! [`Scheme`] that assessment takes, so a scheme that fails validation is never used.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::document::Level;
use crate::error::{Subject, ValidationError};
use crate::ids::{KeyTaskId, MilestoneId, SubProjectId};
use crate::validation::{Collector, Problem, ProblemCode};

/// How far the weights of the performance score may be from summing to 1.
pub const WEIGHT_TOLERANCE: f64 = 1e-6;

/// A component of the performance score that the host system supplies per unit, such as
/// budget execution or public satisfaction, on a scale of 0 to 100.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// The component's name, e.g. `budget_execution`.
    pub name: String,
    /// Its weight in the performance score.
    pub weight: f64,
}

/// How partial progress on a quantity target that was missed earns credit; peers differ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum PartialRule {
    /// No credit for a missed target.
    None,
    /// The share achieved: `(actual − baseline) / (target − baseline)`; for an at-most
    /// target, mirrored: `(baseline − actual) / (baseline − limit)` when the baseline is
    /// above the limit, else `limit / actual`.
    Proportional,
    /// Goal and red flag: no credit at or below the `red_flag` share achieved, full credit
    /// at the goal, a straight line between.
    Interpolated {
        /// The share achieved at or below which the credit is 0, from 0 to 1.
        red_flag: f64,
    },
    /// Ordered bands: the credit of the first band whose `at_least` share is reached.
    Bands {
        /// Bands from the highest share down.
        bands: Vec<Band>,
    },
}

/// One band of [`PartialRule::Bands`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The share achieved from which the band applies, from 0 to 1.
    pub at_least: f64,
    /// The credit, from 0 to 1.
    pub credit: f64,
}

impl PartialRule {
    /// The rule's name, as explanations show it.
    pub fn name(&self) -> &'static str {
        match self {
            PartialRule::None => "none",
            PartialRule::Proportional => "proportional",
            PartialRule::Interpolated { .. } => "interpolated",
            PartialRule::Bands { .. } => "bands",
        }
    }
}

/// What happens to a lagging milestone that has an objective reason recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveLag {
    /// Left out of the denominator: neither credit nor penalty; a late completion with
    /// such a reason earns full credit.
    #[default]
    Excluded,
    /// Scored like any other lag.
    Penalised,
}

/// What to do when a lead unit has not rated one of its partners.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case", deny_unknown_fields)]
pub enum MissingRatings {
    /// Assessment fails, naming the unit and the sub-project.
    Error,
    /// The missing rating counts as this score.
    Neutral {
        /// The score used, from 0 to 100.
        score: f64,
    },
    /// The sub-project is left out of the partner's cooperation score.
    Excluded,
}

/// The credit rules for milestones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditRules {
    /// Extra credit per period (month or quarter, by granularity) finished early.
    pub early_bonus_per_period: f64,
    /// The most extra credit for finishing early.
    pub early_bonus_cap: f64,
    /// Credit lost per day late.
    pub late_penalty_per_day: f64,
    /// The least credit a late completion earns.
    pub late_floor: f64,
    /// Lagging with an objective reason: excluded or penalised.
    pub objective_lag: ObjectiveLag,
    /// The partial-credit rule for a missed quantity target, unless the level has its own.
    pub partial: PartialRule,
    /// Partial-credit rules by level, where they differ.
    #[serde(default)]
    pub partial_by_level: BTreeMap<Level, PartialRule>,
}

/// Weights other than 1, by id; everything not named weighs 1.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Key tasks, among the key tasks of a unit.
    #[serde(default)]
    pub key_tasks: BTreeMap<KeyTaskId, f64>,
    /// Sub-projects, among the sub-projects of a key task.
    #[serde(default)]
    pub sub_projects: BTreeMap<SubProjectId, f64>,
    /// Milestones, among the milestones of a sub-project.
    #[serde(default)]
    pub milestones: BTreeMap<MilestoneId, f64>,
}

/// Grade thresholds on the performance score, and the quota on the top grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBands {
    /// 优秀 from this score.
    pub excellent: f64,
    /// 良好 from this score.
    pub good: f64,
    /// 合格 from this score; below it 不合格.
    pub pass: f64,
    /// At most this share of the assessed units is graded excellent (e.g. 0.2); units
    /// tied at the quota's edge are all graded good rather than some excellent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excellent_quota: Option<f64>,
}

/// A scoring scheme as data; [`ScoringScheme::validate`] checks it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringScheme {
    /// The weight of target completion in the performance score (about 0.40).
    pub target_completion_weight: f64,
    /// The other components, supplied per unit by the host system.
    pub components: Vec<Component>,
    /// The weight of the lead score in the target-completion score.
    pub lead_weight: f64,
    /// The weight of the partner (cooperation) score in the target-completion score.
    pub partner_weight: f64,
    /// What a missing partner rating counts as.
    pub missing_ratings: MissingRatings,
    /// How milestones earn credit.
    pub credit: CreditRules,
    /// Weights other than 1.
    #[serde(default)]
    pub weights: Weights,
    /// Grades.
    pub grades: GradeBands,
}

impl Default for ScoringScheme {
    /// Target completion 0.40, budget execution 0.30 and public satisfaction 0.30; lead
    /// work 0.8 and cooperation 0.2 of target completion; no early bonus; a late milestone
    /// loses 1% of its credit a day down to half; objective lags excluded; proportional
    /// partial credit; missing ratings excluded; grades from 90, 80 and 60, at most 20% of
    /// units excellent.
    fn default() -> Self {
        Self {
            target_completion_weight: 0.4,
            components: vec![
                Component {
                    name: "budget_execution".to_owned(),
                    weight: 0.3,
                },
                Component {
                    name: "public_satisfaction".to_owned(),
                    weight: 0.3,
                },
            ],
            lead_weight: 0.8,
            partner_weight: 0.2,
            missing_ratings: MissingRatings::Excluded,
            credit: CreditRules {
                early_bonus_per_period: 0.0,
                early_bonus_cap: 0.0,
                late_penalty_per_day: 0.01,
                late_floor: 0.5,
                objective_lag: ObjectiveLag::Excluded,
                partial: PartialRule::Proportional,
                partial_by_level: BTreeMap::new(),
            },
            weights: Weights::default(),
            grades: GradeBands {
                excellent: 90.0,
                good: 80.0,
                pass: 60.0,
                excellent_quota: Some(0.2),
            },
        }
    }
}

/// A scheme that passed validation; only this is used to assess. The default is
/// [`ScoringScheme::default`], which is valid.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scheme(ScoringScheme);

impl Scheme {
    /// The scheme's data.
    pub fn rules(&self) -> &ScoringScheme {
        &self.0
    }

    /// The partial-credit rule for a level.
    pub(crate) fn partial_rule(&self, level: Level) -> &PartialRule {
        self.0
            .credit
            .partial_by_level
            .get(&level)
            .unwrap_or(&self.0.credit.partial)
    }
}

struct Checker {
    problems: Collector,
}

impl Checker {
    fn report(&mut self, code: ProblemCode, path: String, message: String, message_zh: String) {
        self.problems
            .add_with(code, || Problem::new(code, path, message, message_zh));
    }

    /// A finite number within `low..=high`.
    fn number(&mut self, value: f64, low: f64, high: f64, path: &str) {
        if value.is_nan() {
            self.report(
                ProblemCode::NotANumber,
                path.to_owned(),
                "the value is NaN (not a number); give a number".to_owned(),
                "该值为 NaN(不是数字);请填写一个数字".to_owned(),
            );
        } else if !(low..=high).contains(&value) {
            self.report(
                ProblemCode::OutOfRange,
                path.to_owned(),
                format!("`{value}` is outside {low} to {high}; give a number in that range"),
                format!("`{value}` 不在 {low} 至 {high} 之间;请填写此范围内的数"),
            );
        }
    }

    fn partial(&mut self, rule: &PartialRule, path: &str) {
        match rule {
            PartialRule::None | PartialRule::Proportional => {}
            PartialRule::Interpolated { red_flag } => {
                self.number(*red_flag, 0.0, 0.999_999, &format!("{path}/red_flag"));
            }
            PartialRule::Bands { bands } => {
                for (b, band) in bands.iter().enumerate() {
                    self.number(
                        band.at_least,
                        0.0,
                        1.0,
                        &format!("{path}/bands/{b}/at_least"),
                    );
                    self.number(band.credit, 0.0, 1.0, &format!("{path}/bands/{b}/credit"));
                }
                for (b, pair) in bands.windows(2).enumerate() {
                    if let [higher, lower] = pair {
                        if lower.at_least >= higher.at_least || lower.credit > higher.credit {
                            self.report(
                                ProblemCode::ThresholdsOutOfOrder,
                                format!("{path}/bands/{}", b + 1),
                                "bands go from the highest share down, each with no more credit than the one before".to_owned(),
                                "分档须按完成比例从高到低排列,每档的得分不高于上一档".to_owned(),
                            );
                        }
                    }
                }
            }
        }
    }
}

impl ScoringScheme {
    /// Reads a scheme from JSON text.
    ///
    /// # Errors
    ///
    /// [`FormatError`](crate::FormatError) for text that is not a scheme.
    pub fn from_json_str(json: &str) -> Result<Self, crate::FormatError> {
        crate::format::read_json(json.as_bytes())
    }

    /// Checks the scheme: every weight a finite number from 0 to 1, the performance
    /// weights summing to 1 within [`WEIGHT_TOLERANCE`] and so the lead and partner
    /// weights, thresholds in order, component names unique.
    ///
    /// # Errors
    ///
    /// [`ValidationError`] listing every problem with its path.
    pub fn validate(self) -> Result<Scheme, ValidationError> {
        let mut check = Checker {
            problems: Collector::default(),
        };
        check.number(
            self.target_completion_weight,
            0.0,
            1.0,
            "/target_completion_weight",
        );
        let mut sum = self.target_completion_weight;
        let mut seen_components = std::collections::HashSet::new();
        for (c, component) in self.components.iter().enumerate() {
            check.number(
                component.weight,
                0.0,
                1.0,
                &format!("/components/{c}/weight"),
            );
            sum += component.weight;
            if !seen_components.insert(component.name.as_str()) {
                check.report(
                    ProblemCode::DuplicateId,
                    format!("/components/{c}/name"),
                    format!(
                        "the component `{}` is listed twice; list each component once",
                        component.name
                    ),
                    format!(
                        "考核组成部分 `{}` 出现了两次;每个组成部分只列一次",
                        component.name
                    ),
                );
            }
        }
        if sum.is_finite() && (sum - 1.0).abs() > WEIGHT_TOLERANCE {
            check.report(
                ProblemCode::WeightsDoNotSum,
                "/components".to_owned(),
                format!(
                    "target completion and the components weigh {sum} together; make them sum to 1"
                ),
                format!("目标完成情况与各组成部分的权重合计为 {sum};请使其合计为 1"),
            );
        }
        check.number(self.lead_weight, 0.0, 1.0, "/lead_weight");
        check.number(self.partner_weight, 0.0, 1.0, "/partner_weight");
        let share = self.lead_weight + self.partner_weight;
        if share.is_finite() && (share - 1.0).abs() > WEIGHT_TOLERANCE {
            check.report(
                ProblemCode::WeightsDoNotSum,
                "/partner_weight".to_owned(),
                format!("the lead and partner weights sum to {share}; make them sum to 1"),
                format!("牵头与配合的权重合计为 {share};请使其合计为 1"),
            );
        }
        if let MissingRatings::Neutral { score } = self.missing_ratings {
            check.number(score, 0.0, 100.0, "/missing_ratings/score");
        }
        let credit = &self.credit;
        check.number(
            credit.early_bonus_per_period,
            0.0,
            1.0,
            "/credit/early_bonus_per_period",
        );
        check.number(credit.early_bonus_cap, 0.0, 1.0, "/credit/early_bonus_cap");
        check.number(
            credit.late_penalty_per_day,
            0.0,
            1.0,
            "/credit/late_penalty_per_day",
        );
        check.number(credit.late_floor, 0.0, 1.0, "/credit/late_floor");
        check.partial(&credit.partial, "/credit/partial");
        for (level, rule) in &credit.partial_by_level {
            check.partial(
                rule,
                &format!("/credit/partial_by_level/{}", level.as_str()),
            );
        }
        for (name, weights) in [
            (
                "key_tasks",
                self.weights
                    .key_tasks
                    .iter()
                    .map(|(k, w)| (k.as_str(), *w))
                    .collect::<Vec<_>>(),
            ),
            (
                "sub_projects",
                self.weights
                    .sub_projects
                    .iter()
                    .map(|(k, w)| (k.as_str(), *w))
                    .collect(),
            ),
            (
                "milestones",
                self.weights
                    .milestones
                    .iter()
                    .map(|(k, w)| (k.as_str(), *w))
                    .collect(),
            ),
        ] {
            for (id, weight) in weights {
                check.number(
                    weight,
                    0.0,
                    1e6,
                    &format!(
                        "/weights/{name}/{}",
                        crate::format::escape_pointer_token(id)
                    ),
                );
            }
        }
        let grades = &self.grades;
        check.number(grades.excellent, 0.0, 100.0, "/grades/excellent");
        check.number(grades.good, 0.0, 100.0, "/grades/good");
        check.number(grades.pass, 0.0, 100.0, "/grades/pass");
        if !(grades.excellent >= grades.good && grades.good >= grades.pass) {
            check.report(
                ProblemCode::ThresholdsOutOfOrder,
                "/grades".to_owned(),
                "grade thresholds go down from excellent to good to pass".to_owned(),
                "等次分数线须从优秀、良好到合格依次降低".to_owned(),
            );
        }
        if let Some(quota) = grades.excellent_quota {
            check.number(quota, 0.0, 1.0, "/grades/excellent_quota");
        }
        if check.problems.is_empty() {
            Ok(Scheme(self))
        } else {
            Err(ValidationError::collected(Subject::Scheme, check.problems))
        }
    }
}
