//! What the generator records against the plan: Q1 progress reports, lag reasons and the
//! responsibility contracts.

use chrono::{Datelike, NaiveDate};
use mubiao::{
    Contract, ContractKind, Goal, LagReason, Progress, ProgressReport, SubProject, Target,
};

use super::{date, days_before, head_of, section_head_of, Builder, LAG_REASONS, Q1};

/// The last day of Q1 2017: the date of the report in the district's figures.
fn q1_end() -> NaiveDate {
    date(3, 31)
}

/// The progress that meets a target exactly.
fn meeting(target: &Target) -> Progress {
    match target {
        Target::Deliverable { .. } => Progress::Done,
        Target::Quantity(quantity) => Progress::Cumulative(match quantity.goal {
            Goal::AtLeast(value) => value,
            Goal::AtMost(limit) => (limit - 1.0).max(0.0),
            Goal::Within { low, high } => (low + high) / 2.0,
        }),
    }
}

impl Builder {
    pub(super) fn report(
        &mut self,
        milestone: &str,
        date: NaiveDate,
        progress: Progress,
        by: &str,
        note: Option<&str>,
    ) {
        self.document.progress_reports.push(ProgressReport {
            milestone: milestone.into(),
            date,
            progress,
            reported_by: Some(by.into()),
            note: note.map(str::to_owned),
        });
    }

    /// Reports through March for a generated sub-project: every milestone due in Q1 met
    /// (a few a month late, within Q1) unless the sub-project lags, and progress on the
    /// next milestone (sometimes met early).
    pub(super) fn q1_reports(&mut self, sub: &SubProject, q1: Q1) {
        let reporter = sub
            .responsibility
            .lead_unit
            .as_ref()
            .map(|lead| section_head_of(lead.as_str()))
            .unwrap_or_default();
        let mut last: Option<(NaiveDate, Progress)> = None;
        let due_in_q1: Vec<_> = sub
            .milestones
            .iter()
            .filter(|m| m.due.is_some_and(|due| due <= q1_end()))
            .collect();
        let lagging_one = due_in_q1.last().map(|m| m.id.clone());
        for milestone in &due_in_q1 {
            let (Some(due), Some(target)) = (milestone.due, &milestone.target) else {
                continue;
            };
            let id = milestone.id.as_str().to_owned();
            if let (Q1::Lagging(rank), Some(lagging_id)) = (q1, &lagging_one) {
                if *lagging_id == milestone.id {
                    self.lagging(&id, target, &reporter, rank);
                    continue;
                }
            }
            let day = if due.month() < 3 && self.rng.chance(8) {
                // Completed late, in the following month but still within Q1.
                date(due.month() + 1, self.rng.between(3, 20))
            } else {
                days_before(due, self.rng.between(0, 12))
            };
            let progress = meeting(target);
            self.report(&id, day, progress, &reporter, None);
            last = Some((day, progress));
        }
        if q1 != Q1::OnSchedule {
            return;
        }
        let Some(next) = sub
            .milestones
            .iter()
            .find(|m| m.due.is_some_and(|due| due > q1_end()))
        else {
            return;
        };
        let Some(target) = &next.target else { return };
        let id = next.id.as_str().to_owned();
        if self.rng.chance(5) {
            let day = date(3, self.rng.between(20, 31));
            self.report(&id, day, meeting(target), &reporter, Some("提前完成"));
        } else if let Some((day, Progress::Cumulative(value))) = last {
            if matches!(target, Target::Quantity(q) if matches!(q.goal, Goal::AtLeast(_))) {
                self.report(&id, day, Progress::Cumulative(value), &reporter, None);
            }
        } else if self.rng.chance(50) {
            self.report(&id, q1_end(), Progress::Underway, &reporter, None);
        }
    }

    /// A Q1 milestone that is not met by the end of March, with its recorded reason.
    fn lagging(&mut self, id: &str, target: &Target, reporter: &str, rank: usize) {
        let day = date(3, self.rng.between(15, 28));
        let progress = match target {
            Target::Quantity(quantity) => match quantity.goal {
                Goal::AtLeast(value) => {
                    let share = f64::from(self.rng.between(40, 80)) / 100.0;
                    Progress::Cumulative((value * share).floor())
                }
                _ => Progress::Underway,
            },
            Target::Deliverable { .. } => Progress::Underway,
        };
        self.report(id, day, progress, reporter, Some("进度滞后"));
        if let Some(Some((class, cause, text))) = LAG_REASONS.get(rank).copied() {
            let recorded_on = date(3, self.rng.between(28, 31));
            self.document.lag_reasons.push(LagReason {
                milestone: id.into(),
                class,
                cause: Some(cause),
                text: text.to_owned(),
                recorded_on,
                pending_request: None,
            });
        }
    }

    /// Every supervising leader signs with the head of each unit that leads one of their
    /// sub-projects; every such head signs with the head of the section doing the work.
    pub(super) fn contracts(&mut self) {
        let mut by_unit: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        let mut number = 0;
        let pairs = std::mem::take(&mut self.contracts);
        for ((leader, unit), tasks) in &pairs {
            number += 1;
            let tasks: Vec<String> = tasks.iter().cloned().collect();
            self.document.contracts.push(Contract {
                id: format!("c-{number:03}").into(),
                kind: ContractKind::LeaderWithUnitHead,
                upper_signer: leader.as_str().into(),
                lower_signer: head_of(unit).into(),
                signed_on: date(1, 9 + u32::try_from(number % 5).unwrap_or(0)),
                key_tasks: tasks.iter().map(|t| t.as_str().into()).collect(),
            });
            by_unit.entry(unit.clone()).or_default().extend(tasks);
        }
        for (unit, mut tasks) in by_unit {
            tasks.sort();
            tasks.dedup();
            number += 1;
            self.document.contracts.push(Contract {
                id: format!("c-{number:03}").into(),
                kind: ContractKind::UnitHeadWithSectionHead,
                upper_signer: head_of(&unit).into(),
                lower_signer: section_head_of(&unit).into(),
                signed_on: date(1, 20),
                key_tasks: tasks.iter().map(|t| t.as_str().into()).collect(),
            });
        }
        self.contracts = pairs;
    }
}
