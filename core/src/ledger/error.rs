//! Why a change is refused, and what tampering verification finds.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::validation::Problem;

/// The rule a refused change broke. Codes never change meaning between releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// A ledger starts with the plan as adopted, and only there.
    FirstEntryAdoptsPlan,
    /// The acting person is not in the plan.
    UnknownActor,
    /// Entries are recorded in time order.
    TimestampGoesBack,
    /// This change needs a reason.
    ReasonRequired,
    /// The change names a key task, sub-project, milestone, unit or request that does not
    /// exist.
    UnknownItem,
    /// Only a person of the lead unit (or one of its sections) may do this.
    LeadUnitOnly,
    /// Only the supervising leader of the key task may do this.
    SupervisingLeaderOnly,
    /// Only the district head or a deputy district head may do this.
    DistrictLeaderOnly,
    /// Only one of the contract's two signers records it.
    SignerOnly,
    /// A due date moves earlier, never later, unless a request is approved.
    EarlierNeverLater,
    /// A later date is approved only for an objective reason.
    ObjectiveReasonRequired,
    /// The request is not pending: unknown, already approved or refused.
    RequestNotPending,
    /// The unit is not a partner of the sub-project.
    NotAPartner,
    /// The unit is already a partner (or the lead) of the sub-project.
    AlreadyPartner,
    /// The partner was already rated on this sub-project.
    AlreadyRated,
    /// Progress is reported for a day after the entry's own date.
    ReportInFuture,
    /// The item is already withdrawn.
    AlreadyWithdrawn,
    /// The plan the change would make is not valid; the problems are listed.
    InvalidPlan,
}

impl Rule {
    /// The rule's stable code, e.g. `earlier-never-later`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::FirstEntryAdoptsPlan => "first-entry-adopts-plan",
            Rule::UnknownActor => "unknown-actor",
            Rule::TimestampGoesBack => "timestamp-goes-back",
            Rule::ReasonRequired => "reason-required",
            Rule::UnknownItem => "unknown-item",
            Rule::LeadUnitOnly => "lead-unit-only",
            Rule::SupervisingLeaderOnly => "supervising-leader-only",
            Rule::DistrictLeaderOnly => "district-leader-only",
            Rule::SignerOnly => "signer-only",
            Rule::EarlierNeverLater => "earlier-never-later",
            Rule::ObjectiveReasonRequired => "objective-reason-required",
            Rule::RequestNotPending => "request-not-pending",
            Rule::NotAPartner => "not-a-partner",
            Rule::AlreadyPartner => "already-partner",
            Rule::AlreadyRated => "already-rated",
            Rule::ReportInFuture => "report-in-future",
            Rule::AlreadyWithdrawn => "already-withdrawn",
            Rule::InvalidPlan => "invalid-plan",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A change the ledger refused. The plan and the ledger are exactly as they were.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("change {sequence} (`{kind}`) refused [{rule}]: {message}")]
pub struct ChangeRefused {
    /// The sequence number the change would have had.
    pub sequence: u64,
    /// The kind of change, e.g. `move_milestone_earlier`.
    pub kind: &'static str,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong and how to proceed.
    pub message: String,
    /// For [`Rule::InvalidPlan`], the problems of the plan the change would make.
    pub problems: Vec<Problem>,
}

/// What is wrong with a ledger entry found by verification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IntegrityProblem {
    /// The entry's sequence number is not the next one: an entry was removed, inserted or
    /// moved.
    WrongSequence {
        /// The sequence number expected at this place.
        expected: u64,
    },
    /// The entry's `previous_hash` is not the hash of the entry before it.
    BrokenChain,
    /// The entry's `hash` is not the hash of its content: the entry was edited.
    HashMismatch,
}

/// The first entry of a ledger that fails verification.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("ledger entry {sequence} (line {line}) fails verification: {}", describe(.problem))]
pub struct IntegrityError {
    /// The sequence number written in the bad entry.
    pub sequence: u64,
    /// Its place in the ledger, from 1 (its line in JSON Lines).
    pub line: usize,
    /// What is wrong.
    pub problem: IntegrityProblem,
}

fn describe(problem: &IntegrityProblem) -> String {
    match problem {
        IntegrityProblem::WrongSequence { expected } => format!(
            "expected sequence number {expected} here; an entry was removed, inserted or reordered"
        ),
        IntegrityProblem::BrokenChain => {
            "its previous_hash is not the hash of the entry before it".to_owned()
        }
        IntegrityProblem::HashMismatch => {
            "its hash does not match its content; the entry was edited".to_owned()
        }
    }
}
