//! One problem found by validation: a stable code, a path and a message.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The stable code of a validation problem. Codes never change meaning between releases, so
/// host systems may match on them; the message may be reworded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProblemCode {
    /// The plan has more of something than the library numbers (more than `u32::MAX`).
    TooLarge,
    /// The plan's year is outside 1..=9999.
    InvalidYear,
    /// An id is empty or only white space.
    EmptyId,
    /// Two things of the same kind share an id.
    DuplicateId,
    /// A reference names a unit that does not exist.
    DanglingUnit,
    /// A reference names a person who does not exist.
    DanglingPerson,
    /// A key task names a plan item that does not exist.
    DanglingPlanItem,
    /// A contract names a key task that does not exist.
    DanglingKeyTask,
    /// A rating names a sub-project that does not exist.
    DanglingSubProject,
    /// A report or lag reason names a milestone that does not exist.
    DanglingMilestone,
    /// The unit tree has a cycle: a unit is its own ancestor.
    UnitCycle,
    /// A section has no parent, or its parent is not a department, street or town.
    MisplacedSection,
    /// A person's role does not fit the kind of unit they belong to.
    RoleUnitMismatch,
    /// A plan item is carried by no sub-project ("no vague goal").
    VaguePlanItem,
    /// A key task has no sub-project.
    KeyTaskWithoutSubProject,
    /// A sub-project has no milestone.
    SubProjectWithoutMilestone,
    /// A milestone has no target.
    MilestoneWithoutTarget,
    /// A milestone has no due date.
    MilestoneWithoutDueDate,
    /// A sub-project or milestone responsibility has no lead unit.
    MissingLeadUnit,
    /// A key task has no supervising leader.
    MissingSupervisingLeader,
    /// A key task's supervising leader is not the district head or a deputy.
    SupervisorNotDistrictLeader,
    /// A partner unit is also the lead unit.
    PartnerIsLead,
    /// A partner unit is listed twice.
    DuplicatePartner,
    /// The responsible person belongs neither to the lead unit nor to one of its sections.
    ResponsiblePersonOutsideLeadUnit,
    /// A cumulative quantity target is lower than an earlier milestone's of the same
    /// sub-project.
    DecreasingCumulativeTarget,
    /// A quantity is NaN, infinite or negative.
    InvalidQuantity,
    /// A band's low end is above its high end.
    InvalidBand,
    /// A date falls outside the plan's year and the task is not a multi-year major project.
    DateOutsideYear,
    /// A task is marked multi-year but is not a major project.
    MultiYearNotMajorProject,
    /// A sub-project starts after one of its milestones is due.
    StartAfterDue,
    /// A contract signer does not hold the role the contract kind needs.
    ContractSignerRole,
    /// A unit head signed with the head of a section outside their unit.
    ContractSectionOutsideUnit,
    /// A contract covers no key task.
    EmptyContract,
    /// A progress report does not fit its milestone's target (done on a quantity, a value
    /// on a deliverable).
    ReportMismatch,
    /// A lag reason has an objective cause but is classed subjective.
    LagCauseMismatch,
    /// A lag reason has no text.
    EmptyLagReason,
    /// A partner rating names a unit that is not a partner of its sub-project.
    RatingNotAPartner,
    /// A partner rating was given by a person outside the sub-project's lead unit.
    RatingByNonLead,
    /// A partner was rated twice on the same sub-project.
    DuplicateRating,
    /// A score is not a number from 0 to 100.
    InvalidScore,
    /// A withdrawal gives no reason.
    EmptyWithdrawalReason,
    /// A scheme's weights do not sum to 1.
    WeightsDoNotSum,
    /// A scheme's value is NaN.
    NotANumber,
    /// A scheme's value is outside its range.
    OutOfRange,
    /// A scheme's thresholds or bands are out of order.
    ThresholdsOutOfOrder,
    /// A calendar gives a date twice.
    DuplicateDate,
    /// A calendar holiday ends before it starts.
    InvertedRange,
    /// A calendar's working weekend day is not a Saturday or Sunday.
    NotAWeekend,
    /// A calendar date falls outside the years the calendar covers.
    DateOutsideCalendar,
    /// A workbook has no sheet that reads as a target table.
    NoTargetSheet,
    /// A table lacks a column it needs.
    MissingColumn,
    /// The plan's year is neither given nor written in the table's title.
    UnknownPlanYear,
    /// A unit name matches several units of the organisation.
    AmbiguousUnit,
    /// A cell does not hold what its column needs (a date, a number, a known name).
    InvalidCell,
}

impl ProblemCode {
    /// The code as written in reports and matched by hosts, e.g. `vague-plan-item`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::TooLarge => "too-large",
            ProblemCode::InvalidYear => "invalid-year",
            ProblemCode::EmptyId => "empty-id",
            ProblemCode::DuplicateId => "duplicate-id",
            ProblemCode::DanglingUnit => "dangling-unit",
            ProblemCode::DanglingPerson => "dangling-person",
            ProblemCode::DanglingPlanItem => "dangling-plan-item",
            ProblemCode::DanglingKeyTask => "dangling-key-task",
            ProblemCode::DanglingSubProject => "dangling-sub-project",
            ProblemCode::DanglingMilestone => "dangling-milestone",
            ProblemCode::UnitCycle => "unit-cycle",
            ProblemCode::MisplacedSection => "misplaced-section",
            ProblemCode::RoleUnitMismatch => "role-unit-mismatch",
            ProblemCode::VaguePlanItem => "vague-plan-item",
            ProblemCode::KeyTaskWithoutSubProject => "key-task-without-sub-project",
            ProblemCode::SubProjectWithoutMilestone => "sub-project-without-milestone",
            ProblemCode::MilestoneWithoutTarget => "milestone-without-target",
            ProblemCode::MilestoneWithoutDueDate => "milestone-without-due-date",
            ProblemCode::MissingLeadUnit => "missing-lead-unit",
            ProblemCode::MissingSupervisingLeader => "missing-supervising-leader",
            ProblemCode::SupervisorNotDistrictLeader => "supervisor-not-district-leader",
            ProblemCode::PartnerIsLead => "partner-is-lead",
            ProblemCode::DuplicatePartner => "duplicate-partner",
            ProblemCode::ResponsiblePersonOutsideLeadUnit => "responsible-person-outside-lead-unit",
            ProblemCode::DecreasingCumulativeTarget => "decreasing-cumulative-target",
            ProblemCode::InvalidQuantity => "invalid-quantity",
            ProblemCode::InvalidBand => "invalid-band",
            ProblemCode::DateOutsideYear => "date-outside-year",
            ProblemCode::MultiYearNotMajorProject => "multi-year-not-major-project",
            ProblemCode::StartAfterDue => "start-after-due",
            ProblemCode::ContractSignerRole => "contract-signer-role",
            ProblemCode::ContractSectionOutsideUnit => "contract-section-outside-unit",
            ProblemCode::EmptyContract => "empty-contract",
            ProblemCode::ReportMismatch => "report-mismatch",
            ProblemCode::LagCauseMismatch => "lag-cause-mismatch",
            ProblemCode::EmptyLagReason => "empty-lag-reason",
            ProblemCode::RatingNotAPartner => "rating-not-a-partner",
            ProblemCode::RatingByNonLead => "rating-by-non-lead",
            ProblemCode::DuplicateRating => "duplicate-rating",
            ProblemCode::InvalidScore => "invalid-score",
            ProblemCode::EmptyWithdrawalReason => "empty-withdrawal-reason",
            ProblemCode::WeightsDoNotSum => "weights-do-not-sum",
            ProblemCode::NotANumber => "not-a-number",
            ProblemCode::OutOfRange => "out-of-range",
            ProblemCode::ThresholdsOutOfOrder => "thresholds-out-of-order",
            ProblemCode::DuplicateDate => "duplicate-date",
            ProblemCode::InvertedRange => "inverted-range",
            ProblemCode::NotAWeekend => "not-a-weekend",
            ProblemCode::DateOutsideCalendar => "date-outside-calendar",
            ProblemCode::NoTargetSheet => "no-target-sheet",
            ProblemCode::MissingColumn => "missing-column",
            ProblemCode::UnknownPlanYear => "unknown-plan-year",
            ProblemCode::AmbiguousUnit => "ambiguous-unit",
            ProblemCode::InvalidCell => "invalid-cell",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with a plan document: what (a stable [`ProblemCode`]), where (a JSON
/// pointer such as `/key_tasks/3/sub_projects/1/milestones/0/due`) and how to fix it, in
/// English and in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
pub struct Problem {
    /// The stable code of the problem.
    pub code: ProblemCode,
    /// A JSON pointer (RFC 6901) to the value at fault.
    pub path: String,
    /// What is wrong and how to fix it, in a sentence of English.
    pub message: String,
    /// The same in Chinese.
    #[serde(default)]
    pub message_zh: String,
}

impl Problem {
    /// A problem with its message in both languages.
    pub fn new(
        code: ProblemCode,
        path: impl Into<String>,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Self {
        Self {
            code,
            path: path.into(),
            message: message.into(),
            message_zh: message_zh.into(),
        }
    }

    /// The message in the language asked for (English when no Chinese text was given).
    pub fn message_in(&self, language: crate::Language) -> &str {
        match language {
            crate::Language::Chinese if !self.message_zh.is_empty() => &self.message_zh,
            _ => &self.message,
        }
    }

    /// The problem as one line in the language asked for: `[code] path: message`.
    pub fn render(&self, language: crate::Language) -> String {
        format!(
            "[{}] {}: {}",
            self.code,
            self.path,
            self.message_in(language)
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}: {}", self.code, self.path, self.message)
    }
}

/// How many problems of one code were found beyond those listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
pub struct OmittedProblems {
    /// The code of the problems left out.
    pub code: ProblemCode,
    /// How many were left out.
    pub count: u64,
}

/// The most problems of one code a problem list holds; the rest are counted. A document
/// with the same mistake a million times gets a list a person can read, and a size bounded
/// whatever the input.
pub const MAX_PROBLEMS_PER_CODE: usize = 100;

/// Gathers problems in document order, keeping at most [`MAX_PROBLEMS_PER_CODE`] of each
/// code and counting the rest.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    problems: Vec<Problem>,
    listed: std::collections::BTreeMap<ProblemCode, (usize, u64)>,
}

impl Collector {
    /// Adds a problem; the message is only built when the problem is listed.
    pub(crate) fn add_with(&mut self, code: ProblemCode, make: impl FnOnce() -> Problem) {
        let (listed, omitted) = self.listed.entry(code).or_insert((0, 0));
        if *listed < MAX_PROBLEMS_PER_CODE {
            *listed += 1;
            self.problems.push(make());
        } else {
            *omitted = omitted.saturating_add(1);
        }
    }

    /// Adds a problem.
    pub(crate) fn add(&mut self, problem: Problem) {
        self.add_with(problem.code, || problem);
    }

    /// Whether no problem was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems listed, and the counts of those left out.
    pub(crate) fn finish(self) -> (Vec<Problem>, Vec<OmittedProblems>) {
        let omitted = self
            .listed
            .into_iter()
            .filter(|(_, (_, omitted))| *omitted > 0)
            .map(|(code, (_, count))| OmittedProblems { code, count })
            .collect();
        (self.problems, omitted)
    }
}
