//! The rest of the Xuhui 2017 year, generated deterministically: progress reported through
//! December, lag reasons for what stays behind, the lead units' ratings of their partners,
//! and each unit's budget execution and public satisfaction for the performance score.
//!
//! - Every milestone not done by the end of March is, in the order drawn from a SplitMix64
//!   generator seeded with 20171231: done on time (80%), a period early (5%), late by 5 to
//!   40 days (8%), or missed (7%), with partial progress on a quantity and a reason
//!   recorded — objective for two in three, subjective or none for the rest.
//! - The named cases keep their story: Hongmei's 15 sites all down by May; Changqiao done
//!   in Q1; the sewage works started in June; all 12 historic roads finished by the end of
//!   Q3; 69.2 granted invention patents per 10,000 residents in December.
//! - Each lead unit's section head rates every partner on every shared sub-project between
//!   70 and 100 on 25 December; every working unit gets budget execution from 75 to 100 and
//!   public satisfaction from 70 to 98.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use mubiao::{
    ComponentScores, Goal, LagCause, LagClass, LagReason, PartnerRating, PlanDocument, Progress,
    ProgressReport, Target,
};

use super::random::SplitMix64;

const SEED: u64 = 20171231;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, m, d).unwrap_or(NaiveDate::MIN)
}

fn year_end() -> NaiveDate {
    date(12, 31)
}

fn value_meeting(target: &Target) -> Progress {
    match target {
        Target::Deliverable { .. } => Progress::Done,
        Target::Quantity(q) => Progress::Cumulative(match q.goal {
            Goal::AtLeast(v) => v,
            Goal::AtMost(limit) => (limit - 1.0).max(0.0),
            Goal::Within { low, high } => (low + high) / 2.0,
        }),
    }
}

/// The named cases, reported as the district's story goes.
fn named_reports(document: &mut PlanDocument) {
    let by = |unit: &str| format!("{unit}-s1-head");
    let mut push = |milestone: &str, date: NaiveDate, progress: Progress, by: String| {
        document.progress_reports.push(ProgressReport {
            milestone: milestone.into(),
            date,
            progress,
            reported_by: Some(by.as_str().into()),
            note: None,
        });
    };
    push(
        "kw-18-1-m3",
        date(5, 18),
        Progress::Cumulative(15.0),
        by("hongmei"),
    );
    push("kw-18-3-m2", date(4, 28), Progress::Done, by("water"));
    push("kw-18-3-m3", date(6, 20), Progress::Done, by("water"));
    push(
        "kw-23-1-m2",
        date(4, 25),
        Progress::Cumulative(6.0),
        by("jjw"),
    );
    push(
        "kw-23-1-m3",
        date(9, 22),
        Progress::Cumulative(6.0),
        by("jjw"),
    );
    push(
        "kw-23-2-m2",
        date(6, 26),
        Progress::Cumulative(2.0),
        by("jjw"),
    );
    push(
        "kw-23-2-m3",
        date(9, 28),
        Progress::Cumulative(6.0),
        by("jjw"),
    );
    for (m, value, day) in [
        ("kw-01-6-m2", 64.1, date(6, 28)),
        ("kw-01-6-m3", 66.7, date(9, 27)),
        ("kw-01-6-m4", 69.2, date(12, 27)),
    ] {
        push(m, day, Progress::Cumulative(value), by("ip"));
    }
}

/// Whether a milestone is among the named cases, whose reports are written by hand.
fn is_named(id: &str) -> bool {
    ["kw-18-1-", "kw-18-2-", "kw-18-3-", "kw-23-", "kw-01-6-"]
        .iter()
        .any(|prefix| id.starts_with(prefix))
}

/// The Xuhui 2017 plan at the end of the year, and the units' component scores.
pub fn year_end_2017() -> (PlanDocument, ComponentScores) {
    let mut document = super::plan_2017();
    let mut rng = SplitMix64::new(SEED);
    let q1 = mubiao::Plan::from_json_str(&document.to_json_string())
        .ok()
        .and_then(|plan| {
            let status = plan
                .status(date(3, 31), &mubiao::StatusOptions::default())
                .ok()?;
            Some(
                status
                    .milestone_rows()
                    .map(|row| (row.milestone.clone(), row.status.is_completed()))
                    .collect::<BTreeMap<_, _>>(),
            )
        })
        .unwrap_or_default();
    named_reports(&mut document);
    let mut reports = Vec::new();
    let mut reasons = Vec::new();
    for task in &document.key_tasks {
        for sub in &task.sub_projects {
            let lead = sub
                .responsibility
                .lead_unit
                .as_ref()
                .map(|u| u.as_str().to_owned())
                .unwrap_or_default();
            let reporter = format!("{lead}-s1-head");
            for milestone in &sub.milestones {
                let (Some(due), Some(target)) = (milestone.due, &milestone.target) else {
                    continue;
                };
                if due > year_end() || is_named(milestone.id.as_str()) {
                    continue;
                }
                if q1.get(&milestone.id).copied().unwrap_or(false) {
                    continue;
                }
                let roll = rng.below(100);
                let shift = |days: u32, later: bool| {
                    let moved = if later {
                        due.checked_add_days(Days::new(u64::from(days)))
                    } else {
                        due.checked_sub_days(Days::new(u64::from(days)))
                    };
                    moved.unwrap_or(due).min(year_end())
                };
                let report = |date: NaiveDate, progress: Progress| ProgressReport {
                    milestone: milestone.id.clone(),
                    date,
                    progress,
                    reported_by: Some(reporter.as_str().into()),
                    note: None,
                };
                if roll < 80 {
                    reports.push(report(
                        shift(rng.between(0, 10), false),
                        value_meeting(target),
                    ));
                } else if roll < 85 {
                    let months = if milestone.granularity == mubiao::Granularity::Quarter {
                        100
                    } else {
                        35
                    };
                    reports.push(report(
                        shift(months, false).max(date(1, 2)),
                        value_meeting(target),
                    ));
                } else if roll < 93 {
                    reports.push(report(
                        shift(rng.between(5, 40), true),
                        value_meeting(target),
                    ));
                } else {
                    let partial = match target {
                        Target::Quantity(q) => match q.goal {
                            Goal::AtLeast(v) => Progress::Cumulative(
                                (v * f64::from(rng.between(60, 90)) / 100.0).floor(),
                            ),
                            _ => Progress::Underway,
                        },
                        Target::Deliverable { .. } => Progress::Underway,
                    };
                    let day = shift(rng.between(1, 10), false).max(date(1, 2));
                    reports.push(report(day, partial));
                    let recorded_on = due
                        .checked_add_days(Days::new(3))
                        .unwrap_or(due)
                        .min(year_end());
                    let (class, cause, text) = match rng.below(6) {
                        0..=3 => (
                            LagClass::Objective,
                            LagCause::PolicyChange,
                            "上级政策调整,项目暂缓",
                        ),
                        4 => (LagClass::Subjective, LagCause::Other, "推进力度不足"),
                        _ => continue,
                    };
                    reasons.push(LagReason {
                        milestone: milestone.id.clone(),
                        class,
                        cause: Some(cause),
                        text: text.to_owned(),
                        recorded_on,
                        pending_request: None,
                    });
                }
            }
        }
    }
    document.progress_reports.extend(reports);
    document.lag_reasons.extend(reasons);
    document
        .progress_reports
        .sort_by(|a, b| (a.date, a.milestone.as_str()).cmp(&(b.date, b.milestone.as_str())));
    let mut ratings = Vec::new();
    for sub in document.key_tasks.iter().flat_map(|t| &t.sub_projects) {
        let Some(lead) = &sub.responsibility.lead_unit else {
            continue;
        };
        for partner in &sub.responsibility.partner_units {
            ratings.push(PartnerRating {
                sub_project: sub.id.clone(),
                partner: partner.clone(),
                score: f64::from(rng.between(70, 100)),
                rated_by: format!("{lead}-s1-head").as_str().into(),
                rated_on: date(12, 25),
                comment: None,
            });
        }
    }
    document.partner_ratings = ratings;
    let mut components = ComponentScores::new();
    for unit in document.units.iter().filter(|u| u.kind.is_working_unit()) {
        let mut values = BTreeMap::new();
        values.insert(
            "budget_execution".to_owned(),
            f64::from(rng.between(750, 1000)) / 10.0,
        );
        values.insert(
            "public_satisfaction".to_owned(),
            f64::from(rng.between(700, 980)) / 10.0,
        );
        components.insert(unit.id.clone(), values);
    }
    (document, components)
}
