//! An evaluation that owns a shared handle to its plan, for hosts that keep plans behind
//! an [`Arc`] (the Python and JavaScript bindings, a server's cache): evaluated once, read
//! as an [`Evaluation`] as often as asked, without evaluating again.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Evaluation, State, StatusError, StatusOptions, SubState};
use crate::plan::Plan;

/// The statuses of a plan on one date, holding the plan itself.
///
/// [`Plan::status`] borrows the plan, which suits a caller that reads the result at once.
/// A host that hands the result on — a table of rows read one at a time later, a result
/// object in another language — keeps a `SharedEvaluation` instead and reads it through
/// [`SharedEvaluation::evaluation`], which costs nothing.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use mubiao::{Plan, SharedEvaluation, StatusOptions};
///
/// let plan = Arc::new(Plan::from_json_str(include_str!("../../../docs/example-plan.json"))?);
/// let as_of = chrono::NaiveDate::from_ymd_opt(2017, 6, 30).unwrap();
/// let shared = SharedEvaluation::new(Arc::clone(&plan), as_of, &StatusOptions::default())?;
/// let once = shared.evaluation().summary();
/// assert_eq!(once, plan.status(as_of, &StatusOptions::default())?.summary());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct SharedEvaluation {
    plan: Arc<Plan>,
    as_of: NaiveDate,
    options: StatusOptions,
    as_of_working_day: i64,
    states: Vec<State>,
    sub_states: Vec<SubState>,
}

impl SharedEvaluation {
    /// Evaluates `plan` on `as_of`, as [`Plan::status`] does.
    ///
    /// # Errors
    ///
    /// As [`Plan::status`]: a date or options the plan cannot answer for.
    pub fn new(
        plan: Arc<Plan>,
        as_of: NaiveDate,
        options: &StatusOptions,
    ) -> Result<Self, StatusError> {
        let (as_of_working_day, states, sub_states) = {
            let evaluation = plan.status(as_of, options)?;
            (
                evaluation.as_of_working_day,
                evaluation.states.into_owned(),
                evaluation.sub_states.into_owned(),
            )
        };
        Ok(Self {
            plan,
            as_of,
            options: options.clone(),
            as_of_working_day,
            states,
            sub_states,
        })
    }

    /// The evaluation, borrowed: every reading of [`Evaluation`] without judging again.
    pub fn evaluation(&self) -> Evaluation<'_> {
        Evaluation {
            plan: &self.plan,
            as_of: self.as_of,
            options: Cow::Borrowed(&self.options),
            as_of_working_day: self.as_of_working_day,
            states: Cow::Borrowed(&self.states),
            sub_states: Cow::Borrowed(&self.sub_states),
        }
    }

    /// The plan evaluated.
    pub fn plan(&self) -> &Arc<Plan> {
        &self.plan
    }

    /// The date the statuses are for.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
}
