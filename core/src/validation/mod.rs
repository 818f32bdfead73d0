//! Validation: turns an unchecked [`PlanDocument`] into a [`Plan`] the rest of the library
//! can trust, or lists every problem at once.
//!
//! Each problem carries a stable [`ProblemCode`], a JSON pointer into the document and a
//! message that says how to fix it. The checks enforce the district's rules: no vague goal
//! (every plan item carried by a sub-project, every sub-project cut into milestones, every
//! milestone with a due date, a target and a lead unit, every key task supervised by a
//! district leader), consistent references, a sound unit tree, and contracts signed by the
//! roles they need.

mod organisation;
mod problem;
mod records;
mod structure;

use std::collections::HashMap;

pub use problem::{Problem, ProblemCode};

use crate::document::PlanDocument;
use crate::error::ValidationError;
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
        let problems = self.problems();
        if problems.is_empty() {
            Ok(Plan::from_valid_document(self))
        } else {
            Err(ValidationError { problems })
        }
    }

    /// Every problem of the document, in document order; empty when it is valid.
    pub fn problems(&self) -> Vec<Problem> {
        let mut context = Context::new(self);
        organisation::check(&mut context);
        structure::check(&mut context);
        records::check(&mut context);
        context.problems
    }
}

/// What every check needs: the document, id look-ups, and the problems found so far.
struct Context<'a> {
    document: &'a PlanDocument,
    units: HashMap<&'a str, &'a Unit>,
    people: HashMap<&'a str, &'a Person>,
    problems: Vec<Problem>,
}

impl<'a> Context<'a> {
    fn new(document: &'a PlanDocument) -> Self {
        Self {
            document,
            units: HashMap::new(),
            people: HashMap::new(),
            problems: Vec::new(),
        }
    }

    fn report(&mut self, code: ProblemCode, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            code,
            path: path.into(),
            message: message.into(),
        });
    }

    /// Reports a reference to a unit that does not exist; returns the unit when it does.
    fn unit_ref(&mut self, id: &str, path: &str) -> Option<&'a Unit> {
        let found = self.units.get(id).copied();
        if found.is_none() {
            self.report(
                ProblemCode::DanglingUnit,
                path,
                format!("no unit has the id `{id}`; add it to `units` or correct the reference"),
            );
        }
        found
    }

    /// Reports a reference to a person who does not exist; returns the person when they do.
    fn person_ref(&mut self, id: &str, path: &str) -> Option<&'a Person> {
        let found = self.people.get(id).copied();
        if found.is_none() {
            self.report(
                ProblemCode::DanglingPerson,
                path,
                format!(
                    "no person has the id `{id}`; add them to `people` or correct the reference"
                ),
            );
        }
        found
    }

    /// Registers the ids of one kind of thing, reporting empty and duplicate ones.
    fn register_ids<'s>(
        &mut self,
        kind: &str,
        ids: impl Iterator<Item = (&'s str, String)>,
    ) -> HashMap<&'s str, String> {
        let mut seen: HashMap<&'s str, String> = HashMap::new();
        for (id, path) in ids {
            if id.trim().is_empty() {
                self.report(
                    ProblemCode::EmptyId,
                    format!("{path}/id"),
                    format!("the {kind} has an empty id; give it a short unique id"),
                );
                continue;
            }
            if let Some(first) = seen.get(id) {
                self.report(
                    ProblemCode::DuplicateId,
                    format!("{path}/id"),
                    format!(
                        "the {kind} id `{id}` is already used at `{first}`; give each {kind} its own id"
                    ),
                );
            } else {
                seen.insert(id, path);
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests;
