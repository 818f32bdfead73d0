//! A deterministic generator of large synthetic plans, for benchmarks and for trying the
//! library at scale from any language.
//!
//! The plan has a district's shape — departments and streets with one section each, the
//! district head and six deputies supervising key tasks — cut into as many milestones as
//! asked, twelve monthly milestones per sub-project (节点细化到月), half with cumulative
//! quantity targets and half with deliverables. Progress is reported monthly through
//! June: one sub-project in ten finishes a month early, one in ten reports a month late,
//! one in twenty lags from May with a recorded reason, so that a status on 30 June
//! exercises every status, risk and light.

use chrono::NaiveDate;

use crate::document::{KeyTask, KeyTaskKind, Level, PlanDocument, PlanItem, SubProject};
use crate::milestone::{Goal, Granularity, Milestone, QuantityTarget, Target};
use crate::organisation::{Person, Role, Unit, UnitKind};
use crate::progress::{LagCause, LagClass, LagReason, Progress, ProgressReport};
use crate::responsibility::Responsibility;

/// The shape of a synthetic plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntheticOptions {
    /// How many milestones in all.
    pub milestones: usize,
    /// Sub-projects per key task.
    pub sub_projects_per_key_task: usize,
    /// Working units (departments and streets), each with one section.
    pub units: usize,
    /// The seed of the pseudo-random choices.
    pub seed: u64,
}

impl Default for SyntheticOptions {
    fn default() -> Self {
        Self {
            milestones: 1_000,
            sub_projects_per_key_task: 3,
            units: 40,
            seed: 2017,
        }
    }
}

impl SyntheticOptions {
    /// The default shape with this many milestones.
    pub fn with_milestones(milestones: usize) -> Self {
        Self {
            milestones,
            ..Self::default()
        }
    }
}

const YEAR: i32 = 2017;
const MILESTONES_PER_SUB_PROJECT: usize = 12;
const LEADERS: usize = 7;

struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            0
        } else {
            self.next() % bound
        }
    }
}

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, month, day).unwrap_or(NaiveDate::MIN)
}

fn small(n: u64) -> f64 {
    // Values stay below 2^32, exact in f64.
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The most milestones a synthetic plan may have: more than a country's plan, and about
/// 3 GB of memory once validated.
pub const MAX_MILESTONES: usize = 20_000_000;
/// The most working units a synthetic plan may have.
pub const MAX_UNITS: usize = 1_000_000;
/// The most sub-projects a synthetic key task may have.
pub const MAX_SUB_PROJECTS_PER_KEY_TASK: usize = 100_000;

/// A synthetic plan's option outside the range the generator builds.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{option}` is {value}, more than the {max} a synthetic plan may have; ask for {max} or fewer"
)]
pub struct SyntheticError {
    /// The option, as the bindings name it (e.g. `milestones`).
    pub option: &'static str,
    /// The value asked for.
    pub value: u128,
    /// The largest value allowed.
    pub max: usize,
}

impl SyntheticError {
    /// A stable code for hosts that match on it.
    pub fn code(&self) -> &'static str {
        "synthetic-option-out-of-range"
    }

    /// The message in the language asked for.
    pub fn message(&self, language: crate::Language) -> String {
        match language {
            crate::Language::English => self.to_string(),
            crate::Language::Chinese => format!(
                "`{}` 为 {},超过合成计划允许的上限 {};请取不超过 {} 的值",
                self.option, self.value, self.max, self.max
            ),
        }
    }
}

impl SyntheticOptions {
    /// Checks every option against the generator's limits.
    ///
    /// # Errors
    ///
    /// [`SyntheticError`] naming the first option out of range.
    pub fn check(&self) -> Result<(), SyntheticError> {
        for (option, value, max) in [
            ("milestones", self.milestones, MAX_MILESTONES),
            ("units", self.units, MAX_UNITS),
            (
                "sub_projects_per_key_task",
                self.sub_projects_per_key_task,
                MAX_SUB_PROJECTS_PER_KEY_TASK,
            ),
        ] {
            if value > max {
                return Err(SyntheticError {
                    option,
                    value: u128::try_from(value).unwrap_or(u128::MAX),
                    max,
                });
            }
        }
        Ok(())
    }
}

/// A valid synthetic plan of the asked shape; the same options give the same plan.
///
/// ```
/// use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
///
/// let plan = synthetic_plan(SyntheticOptions::with_milestones(1_000))?.validate()?;
/// assert_eq!(plan.milestone_count(), 1_000);
/// # Ok::<(), mubiao::Error>(())
/// ```
///
/// # Errors
///
/// [`SyntheticError`] when an option is beyond the generator's limits
/// ([`MAX_MILESTONES`], [`MAX_UNITS`], [`MAX_SUB_PROJECTS_PER_KEY_TASK`]).
pub fn synthetic_plan(options: SyntheticOptions) -> Result<PlanDocument, SyntheticError> {
    options.check()?;
    let mut random = Random(options.seed);
    let mut document = PlanDocument::new(YEAR, "synthetic plan");
    let units = options.units.max(2);
    document.units.push(Unit {
        id: "gov".into(),
        name: "government".into(),
        kind: UnitKind::Government,
        parent: None,
    });
    for u in 0..units {
        let kind = if u % 3 == 2 {
            UnitKind::Street
        } else {
            UnitKind::Department
        };
        document.units.push(Unit {
            id: format!("u{u}").into(),
            name: format!("unit {u}"),
            kind,
            parent: Some("gov".into()),
        });
        document.units.push(Unit {
            id: format!("u{u}s").into(),
            name: format!("section of unit {u}"),
            kind: UnitKind::Section,
            parent: Some(format!("u{u}").into()),
        });
        document.people.push(Person {
            id: format!("h{u}").into(),
            name: format!("head of unit {u}"),
            role: Role::UnitHead,
            unit: format!("u{u}").into(),
        });
        document.people.push(Person {
            id: format!("h{u}s").into(),
            name: format!("head of section {u}"),
            role: Role::SectionHead,
            unit: format!("u{u}s").into(),
        });
    }
    for l in 0..LEADERS {
        document.people.push(Person {
            id: format!("l{l}").into(),
            name: format!("leader {l}"),
            role: if l == 0 {
                Role::DistrictHead
            } else {
                Role::DeputyDistrictHead
            },
            unit: "gov".into(),
        });
    }
    let subs_per_task = options.sub_projects_per_key_task.max(1);
    let sub_count = options.milestones.div_ceil(MILESTONES_PER_SUB_PROJECT);
    let task_count = sub_count.div_ceil(subs_per_task);
    document.key_tasks.reserve(task_count);
    document
        .progress_reports
        .reserve(options.milestones / 2 + 16);
    let mut made = 0usize;
    let mut s = 0usize;
    let mut leads_a_task = vec![false; units];
    for k in 0..task_count {
        let lead_of_task = k % units;
        let mut task = KeyTask {
            id: format!("k{k}").into(),
            title: String::new(),
            kind: KeyTaskKind::ALL
                .get(k % KeyTaskKind::ALL.len())
                .copied()
                .unwrap_or(KeyTaskKind::KeyWork),
            level: if k % 3 == 0 {
                Level::City
            } else {
                Level::District
            },
            plan_item: format!("p{lead_of_task}").into(),
            supervising_leader: Some(format!("l{}", k % LEADERS).into()),
            multi_year: false,
            sub_projects: Vec::with_capacity(subs_per_task),
            withdrawn: None,
        };
        for _ in 0..subs_per_task {
            if made >= options.milestones {
                break;
            }
            let count = MILESTONES_PER_SUB_PROJECT.min(options.milestones - made);
            let lead = if task.sub_projects.is_empty() {
                lead_of_task
            } else {
                (lead_of_task + s) % units
            };
            let partner = (lead + 1 + s % 5) % units;
            let sub = sub_project(
                &mut random,
                &mut document.progress_reports,
                &mut document.lag_reasons,
                s,
                lead,
                partner,
                count,
            );
            made += count;
            s += 1;
            task.sub_projects.push(sub);
        }
        if !task.sub_projects.is_empty() {
            if let Some(flag) = leads_a_task.get_mut(lead_of_task) {
                *flag = true;
            }
            document.key_tasks.push(task);
        }
    }
    // A plan item for every unit whose work plan a key task implements.
    for (u, _) in leads_a_task.iter().enumerate().filter(|(_, leads)| **leads) {
        document.plan_items.push(PlanItem {
            id: format!("p{u}").into(),
            title: String::new(),
            submitted_by: format!("u{u}").into(),
        });
    }
    Ok(document)
}

/// The last day of a month of the plan's year.
fn month_end(month: u32) -> NaiveDate {
    match month {
        12 => date(12, 31),
        m => date(m + 1, 1).pred_opt().unwrap_or(NaiveDate::MIN),
    }
}

#[allow(clippy::too_many_arguments)]
fn sub_project(
    random: &mut Random,
    reports: &mut Vec<ProgressReport>,
    lag_reasons: &mut Vec<LagReason>,
    s: usize,
    lead: usize,
    partner: usize,
    count: usize,
) -> SubProject {
    let quantity = random.below(2) == 0;
    let total = 12 + random.below(120);
    // One sub-project in twenty lags from May; one in ten finishes a month early; one in
    // ten reports a month late.
    let lags = random.below(20) == 0;
    let early = random.below(10) == 0;
    let late = !early && random.below(10) == 0;
    let mut values = Vec::with_capacity(count);
    let mut previous = 0;
    for month in 1..=count {
        let month = u64::try_from(month).unwrap_or(12);
        let value = (total * month).div_ceil(12).max(previous + 1);
        values.push(value);
        previous = value;
    }
    let mut milestones = Vec::with_capacity(count);
    for (m, &value) in values.iter().enumerate() {
        let month = u32::try_from(m).unwrap_or(11) + 1;
        let id = format!("m{s}.{month}");
        let target = if quantity {
            Target::Quantity(QuantityTarget {
                unit: String::new(),
                goal: Goal::AtLeast(small(value)),
                baseline: None,
            })
        } else {
            Target::Deliverable {
                description: String::new(),
            }
        };
        // Reported monthly through June.
        if month <= 6 && !(lags && month >= 5) {
            let day = 1 + u32::try_from(random.below(27)).unwrap_or(0);
            let (reported, progress) = if late && month < 6 {
                (date(month + 1, 3), value)
            } else if early && month < 6 {
                let next = values.get(m + 1).copied().unwrap_or(value);
                (date(month, day), next)
            } else {
                (date(month, day), value)
            };
            reports.push(ProgressReport {
                milestone: id.as_str().into(),
                date: reported,
                progress: if quantity {
                    Progress::Cumulative(small(progress))
                } else {
                    Progress::Done
                },
                reported_by: None,
                note: None,
            });
            if early && !quantity && month < 6 && m + 1 < count {
                reports.push(ProgressReport {
                    milestone: format!("m{s}.{}", month + 1).into(),
                    date: date(month, day),
                    progress: Progress::Done,
                    reported_by: None,
                    note: None,
                });
            }
        }
        if lags && month == 5 {
            lag_reasons.push(LagReason {
                milestone: id.as_str().into(),
                class: if random.below(4) == 0 {
                    LagClass::Subjective
                } else {
                    LagClass::Objective
                },
                cause: Some(LagCause::Other),
                text: "synthetic lag".into(),
                recorded_on: date(6, 10),
                pending_request: None,
            });
        }
        milestones.push(Milestone {
            id: id.into(),
            title: String::new(),
            due: Some(month_end(month)),
            granularity: Granularity::Month,
            target: Some(target),
            responsibility: None,
            withdrawn: None,
        });
    }
    SubProject {
        id: format!("s{s}").into(),
        title: String::new(),
        start: None,
        responsibility: Responsibility {
            lead_unit: Some(format!("u{lead}").into()),
            partner_units: if partner == lead {
                Vec::new()
            } else {
                vec![format!("u{partner}").into()]
            },
            responsible_person: Some(format!("h{lead}s").into()),
        },
        milestones,
        withdrawn: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_is_a_valid_plan_of_exactly_that_many_milestones() {
        for milestones in [0, 1, 11, 12, 13, 100, 1_000, 12_345] {
            let plan = synthetic_plan(SyntheticOptions::with_milestones(milestones))
                .unwrap()
                .validate()
                .unwrap_or_else(|error| panic!("{milestones}: {error}"));
            assert_eq!(plan.milestone_count(), milestones);
        }
    }

    #[test]
    fn the_same_options_give_the_same_plan() {
        let options = SyntheticOptions::with_milestones(500);
        assert_eq!(synthetic_plan(options), synthetic_plan(options));
        let other = SyntheticOptions { seed: 7, ..options };
        assert_ne!(synthetic_plan(options), synthetic_plan(other));
    }

    #[test]
    fn sizes_beyond_the_limits_are_errors_not_crashes() {
        for options in [
            SyntheticOptions::with_milestones(usize::MAX),
            SyntheticOptions::with_milestones(MAX_MILESTONES + 1),
            SyntheticOptions {
                sub_projects_per_key_task: 1 << 62,
                ..SyntheticOptions::default()
            },
            SyntheticOptions {
                units: 1 << 40,
                ..SyntheticOptions::default()
            },
        ] {
            let error = synthetic_plan(options).unwrap_err();
            assert_eq!(error.code(), "synthetic-option-out-of-range");
            assert!(error.to_string().contains("or fewer"), "{error}");
        }
        assert!(synthetic_plan(SyntheticOptions {
            sub_projects_per_key_task: MAX_SUB_PROJECTS_PER_KEY_TASK,
            ..SyntheticOptions::with_milestones(24)
        })
        .is_ok());
    }
}
