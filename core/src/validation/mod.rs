//! Validation: turns an unchecked [`PlanDocument`] into a [`Plan`] the rest of the library
//! can trust, or lists every problem at once.
//!
//! Each problem carries a stable [`ProblemCode`], a JSON pointer into the document and a
//! message that says how to fix it. The checks enforce the district's rules: no vague goal
//! (every plan item carried by a sub-project, every sub-project cut into milestones, every
//! milestone with a due date, a target and a lead unit, every key task supervised by a
//! district leader), consistent references, a sound unit tree, and contracts signed by the
//! roles they need.

mod change;
mod organisation;
mod path;
mod problem;
mod records;
mod structure;

use std::fmt::Display;

pub(crate) use change::{
    check_added_key_task, check_added_milestone, check_added_sub_project,
    check_changed_sub_project, check_new_contract, check_new_rating, check_reports_for_target,
    check_withdrawal,
};
pub(crate) use problem::Collector;
pub use problem::{OmittedProblems, Problem, ProblemCode, MAX_PROBLEMS_PER_CODE};
pub use structure::MULTI_YEAR_SPAN;

use crate::document::PlanDocument;
use crate::error::{Subject, ValidationError};
use crate::index::Duplicate;
use crate::layout::{Duplicates, Layout, TooLarge};
use crate::organisation::{Person, Unit};
use crate::plan::Plan;

impl PlanDocument {
    /// Checks the document and turns it into a [`Plan`].
    ///
    /// # Errors
    ///
    /// [`ValidationError`] listing every problem found, in document order.
    ///
    /// # Example
    ///
    /// ```
    /// use mubiao::{PlanDocument, ProblemCode};
    ///
    /// let json = r#"{
    ///   "format_version": 1, "year": 2017, "name": "Example",
    ///   "units": [{"id": "gov", "name": "Government", "kind": "government"}],
    ///   "plan_items": [{"id": "p1", "title": "Clean the rivers", "submitted_by": "gov"}]
    /// }"#;
    /// let error = PlanDocument::from_json_str(json)?.validate().unwrap_err();
    /// assert_eq!(error.problems[0].code, ProblemCode::VaguePlanItem);
    /// assert_eq!(error.problems[0].path, "/plan_items/0");
    /// # Ok::<(), mubiao::FormatError>(())
    /// ```
    pub fn validate(self) -> Result<Plan, ValidationError> {
        let (problems, layout) = self.check();
        match layout {
            Some(layout) if problems.is_empty() => Ok(Plan::from_valid_document(self, layout)),
            _ => Err(ValidationError::collected(Subject::Plan, problems)),
        }
    }

    /// Every problem of the document, in document order (at most
    /// [`MAX_PROBLEMS_PER_CODE`] of each code); empty when it is valid.
    pub fn problems(&self) -> Vec<Problem> {
        self.check().0.finish().0
    }

    fn check(&self) -> (Collector, Option<Layout>) {
        let mut problems = Collector::default();
        let (layout, duplicates) = match Layout::of(self) {
            Ok(found) => found,
            Err(TooLarge { what, count }) => {
                problems.add(Problem::new(
                    ProblemCode::TooLarge,
                    "/",
                    format!(
                        "the plan has {count} {what}, more than the {} this library numbers; split the plan into parts",
                        u32::MAX
                    ),
                    format!(
                        "计划中的{what}有 {count} 个,超过本库可编号的 {} 个;请把计划拆分成几部分",
                        u32::MAX
                    ),
                ));
                return (problems, None);
            }
        };
        let mut context = Context {
            document: self,
            layout: &layout,
            duplicates,
            problems,
        };
        organisation::check(&mut context);
        structure::check(&mut context);
        records::check(&mut context);
        (context.problems, Some(layout))
    }
}

/// Checks a progress report about to be added to a valid plan, with the same checks as
/// validation gives it in a document; returns the number of its milestone (when there is
/// one) and every problem. Adding a record cannot make anything else in the plan invalid,
/// so this stands for validating the whole plan again, at the cost of one record.
pub(crate) fn check_new_report(
    plan: &Plan,
    report: &crate::ProgressReport,
) -> (Option<u32>, Vec<Problem>) {
    let milestone = plan.milestone_index(report.milestone.as_str());
    let mut context = Context::over(plan);
    let reports = path::Loc::ROOT.key("progress_reports");
    let path = reports.index(plan.document().progress_reports.len());
    records::check_report(&mut context, &path, report, milestone);
    (milestone, context.problems.finish().0)
}

/// Checks a lag reason about to be added to a valid plan; as [`check_new_report`].
pub(crate) fn check_new_lag_reason(
    plan: &Plan,
    reason: &crate::LagReason,
) -> (Option<u32>, Vec<Problem>) {
    let milestone = plan.milestone_index(reason.milestone.as_str());
    let mut context = Context::over(plan);
    let path = format!("/lag_reasons/{}", plan.document().lag_reasons.len());
    records::check_lag_reason(&mut context, &path, reason, milestone);
    (milestone, context.problems.finish().0)
}

/// What every check needs: the document, its layout, and the problems found so far.
struct Context<'a> {
    document: &'a PlanDocument,
    layout: &'a Layout,
    duplicates: Duplicates,
    problems: Collector,
}

fn at<T>(items: &[T], position: u32) -> Option<&T> {
    items.get(usize::try_from(position).ok()?)
}

impl<'a> Context<'a> {
    /// A context over a valid plan, for checking one more record.
    fn over(plan: &'a Plan) -> Self {
        Self {
            document: plan.document(),
            layout: plan.layout(),
            duplicates: Duplicates::default(),
            problems: Collector::default(),
        }
    }

    fn report(
        &mut self,
        code: ProblemCode,
        path: impl Display,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) {
        self.problems.add_with(code, || {
            Problem::new(code, path.to_string(), message, message_zh)
        });
    }

    /// The unit with this id, if there is one.
    fn find_unit(&self, id: &str) -> Option<&'a Unit> {
        let units = &self.document.units;
        let position = self
            .layout
            .units
            .find(id, |p| at(units, p).map(|u| u.id.as_str()))?;
        at(units, position)
    }

    /// The person with this id, if there is one.
    fn find_person(&self, id: &str) -> Option<&'a Person> {
        let people = &self.document.people;
        let position = self
            .layout
            .people
            .find(id, |p| at(people, p).map(|x| x.id.as_str()))?;
        at(people, position)
    }

    /// Reports a reference to a unit that does not exist; returns the unit when it does.
    fn unit_ref(&mut self, id: &str, path: impl Display) -> Option<&'a Unit> {
        let found = self.find_unit(id);
        if found.is_none() {
            self.report(
                ProblemCode::DanglingUnit,
                path,
                format!("no unit has the id `{id}`; add it to `units` or correct the reference"),
                format!("没有 id 为 `{id}` 的单位;请把它加入 `units`,或更正这个引用"),
            );
        }
        found
    }

    /// Reports a reference to a person who does not exist; returns the person when they do.
    fn person_ref(&mut self, id: &str, path: impl Display) -> Option<&'a Person> {
        let found = self.find_person(id);
        if found.is_none() {
            self.report(
                ProblemCode::DanglingPerson,
                path,
                format!(
                    "no person has the id `{id}`; add them to `people` or correct the reference"
                ),
                format!("没有 id 为 `{id}` 的人员;请把此人加入 `people`,或更正这个引用"),
            );
        }
        found
    }

    /// Reports an empty id of the thing at `path`, or its id already used by the thing at
    /// `first`.
    fn check_id(
        &mut self,
        kind: (&str, &str),
        id: &str,
        path: impl FnOnce() -> String,
        first: Option<String>,
    ) {
        let (kind, kind_zh) = kind;
        // The path is formatted only for a problem: plans have millions of ids.
        if id.trim().is_empty() {
            let path = path();
            self.report(
                ProblemCode::EmptyId,
                format!("{path}/id"),
                format!("the {kind} has an empty id; give it a short unique id"),
                format!("该{kind_zh}的 id 为空;请给它一个简短且唯一的 id"),
            );
        } else if let Some(first) = first {
            let path = path();
            self.report(
                ProblemCode::DuplicateId,
                format!("{path}/id"),
                format!(
                    "the {kind} id `{id}` is already used at `{first}`; give each {kind} its own id"
                ),
                format!("{kind_zh} id `{id}` 已在 `{first}` 使用;每个{kind_zh}须有自己的 id"),
            );
        }
    }

    /// Reports the empty and the repeated ids of one kind of thing; `id_at` gives the id
    /// and `path_of` the JSON pointer of a position.
    fn check_ids(
        &mut self,
        kind: (&str, &str),
        count: usize,
        duplicates: &[Duplicate],
        id_at: impl Fn(u32) -> Option<&'a str>,
        path_of: impl Fn(u32) -> String,
    ) {
        let mut duplicates = duplicates.iter().peekable();
        for position in (0..count).filter_map(|p| u32::try_from(p).ok()) {
            let id = id_at(position).unwrap_or_default();
            let first = duplicates
                .next_if(|d| d.position == position)
                .map(|d| path_of(d.first));
            while duplicates.next_if(|d| d.position == position).is_some() {}
            self.check_id(kind, id, || path_of(position), first);
        }
    }
}

#[cfg(test)]
mod tests;
