//! # mubiao — government management by objectives
//!
//! `mubiao` (目标, "target") runs a government's management by objectives (目标管理): a
//! district decomposes its annual plan into key tasks, sub-projects and dated milestones,
//! names who leads, who helps and who supervises each, and tracks, adjusts and assesses the
//! work through the year. Host systems embed it instead of writing this logic again.
//!
//! ## Overview
//!
//! The library follows the district's closed loop: **plan → execute → supervise → assess →
//! hold to account**:
//!
//! - **Plan.** The [`PlanDocument`]: the whole annual plan as one JSON document —
//!   organisation ([`Unit`], [`Person`]), [`PlanItem`]s, [`KeyTask`]s with [`SubProject`]s
//!   and [`Milestone`]s, [`Contract`]s, [`ProgressReport`]s and [`LagReason`]s — read with
//!   errors that name line, column and path ([`FormatError`]); validation turns it into a
//!   [`Plan`] or lists every [`Problem`] at once, each with a stable [`ProblemCode`], a JSON
//!   pointer and a message that says how to fix it.
//! - **Supervise.** [`Plan::status`] tells where every milestone and sub-project stands on
//!   any date ([`MilestoneStatus`], [`Light`], risk, forecast, stale reporting);
//!   [`Evaluation::rollup`] groups the counts as each leader sees them ([`Rollup`]);
//!   [`Evaluation::report`] makes the [`SupervisionReport`] in Chinese or English;
//!   [`Plan::trend`] and [`StatusDiff`] follow the plan over time. Working days come from a
//!   [`WorkingCalendar`] loaded from data. [`guide::status`] says exactly how each answer is
//!   computed.
//! - **Adjust.** Every change after adoption goes through the [`Ledger`]: checked against
//!   who may do what ([`Rule`]), applied atomically, replayable to any moment, and chained
//!   by SHA-256 so that a rewrite shows ([`guide::ledger`]).
//! - **Assess and hold to account.** [`Plan::assess`] scores every unit from data with a
//!   validated [`Scheme`]: milestone credits, lead and cooperation scores, performance
//!   scores, grades and ranks, an [`Explanation`] of every point, and the accountability
//!   list ([`guide::assessment`]).
//!
//! ## Usage
//!
//! ```
//! use mubiao::{Error, Plan, ProblemCode};
//!
//! // A small but complete plan: one street clearing illegal structures along its rivers.
//! let plan = Plan::from_json_str(include_str!("../docs/example-plan.json"))?;
//! let summary = plan.summary();
//! assert_eq!((summary.key_tasks, summary.sub_projects, summary.milestones), (2, 2, 5));
//!
//! // A vague goal is refused, with every problem listed at once.
//! let mut document = plan.into_document();
//! document.key_tasks[0].sub_projects[0].milestones[2].target = None;
//! document.key_tasks[0].supervising_leader = None;
//! let error = document.validate().unwrap_err();
//! let codes: Vec<_> = error.problems.iter().map(|p| p.code).collect();
//! assert_eq!(
//!     codes,
//!     [ProblemCode::MissingSupervisingLeader, ProblemCode::MilestoneWithoutTarget]
//! );
//! assert_eq!(error.problems[1].path, "/key_tasks/0/sub_projects/0/milestones/2");
//! # Ok::<(), Error>(())
//! ```
//!
//! Where the plan stands at the end of March:
//!
//! ```
//! use chrono::NaiveDate;
//! use mubiao::{Language, MilestoneStatus, Plan, StatusOptions};
//!
//! let plan = Plan::from_json_str(include_str!("../docs/example-plan.json"))?;
//! let status = plan.status(NaiveDate::from_ymd_opt(2017, 3, 31).unwrap(), &StatusOptions::default())?;
//! let q1 = status.milestone("hm-rivers-q1").unwrap();
//! assert_eq!(q1.status, MilestoneStatus::CompletedOnTime); // 6 sites by 20 March, 5 asked
//! let rollup = status.rollup();
//! assert_eq!(rollup.overall.completion_rate(), Some(1.0)); // 2 of 2 sub-projects on schedule
//! let text = status.report().render(Language::English);
//! assert!(text.contains("Lagging items (0)"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The plan document
//!
//! The format is described field by field in [`guide::format`], with a JSON Schema in
//! `schema/plan.schema.json`. Unknown fields are refused, so a misspelt field never
//! silently loses data; a document of another `format_version` gets its own error.
//!
//! ## Errors
//!
//! Every fallible call returns a typed error: [`FormatError`] for text that cannot be read
//! as a plan document, [`ValidationError`] for a document that is not a valid plan, both
//! gathered under [`Error`]; [`StatusError`] for a status question the plan cannot answer.
//! Nothing in the library panics on any input.
//!
//! ## Performance
//!
//! Statuses alone run at about 100 million milestones a second on one core, status plus
//! every roll-up at over 20 million, and a 10-million-milestone plan peaks at about 3.2 GiB;
//! see [`guide::performance`].
//!
//! ## Cargo features
//!
//! - `tables`: target tables in and out — office workbooks, the long layout and CSV
//!   (calamine, rust_xlsxwriter, csv); needs Rust 1.88.
//! - `parallel`: statuses and roll-ups computed on every core (rayon), with exactly the
//!   answers of one thread.
//! - `json-schema`: JSON Schema descriptions of the plan document (schemars).

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod arguments;
mod assessment;
pub mod bulletin;
mod calendar;
mod charts;
mod contracts;
mod dates;
mod document;
mod error;
mod format;
mod ids;
mod index;
mod layout;
mod ledger;
mod milestone;
mod organisation;
mod period;
mod plan;
mod progress;
mod report;
mod responsibility;
mod rollup;
mod schedule;
mod snapshot;
mod status;
pub mod synthetic;
#[cfg(feature = "tables")]
pub mod tables;
pub mod transparency;
mod trend;
mod validation;
mod wording;

pub use assessment::{
    AccountabilityItem, Assessment, AssessmentError, Band, Component, ComponentScores, CreditBasis,
    CreditRules, Explained, Explanation, Grade, GradeBands, MissingRatings, ObjectiveLag,
    PartialRule, Scheme, ScoringScheme, UnitAssessment, Weights, WEIGHT_TOLERANCE,
};
pub use bulletin::BulletinOptions;
pub use calendar::{
    CalendarDocument, Holiday, WorkingCalendar, WorkingWeekendDay, MAX_HOLIDAY_DAYS,
};
pub use charts::{
    BoardColumn, BoardGroup, BoardRow, ChartOptions, LightBoard, RateSeries, RateTrend, Timeline,
    TimelineMark, TimelineRow, TimelineRows, Trajectory, TrajectoryNode, TrajectoryPoint,
    TrajectorySeries,
};
pub use contracts::ContractGap;
pub use document::{
    KeyTask, KeyTaskKind, Level, PlanDocument, PlanItem, SubProject, Withdrawal, FORMAT_VERSION,
};
pub use error::{ArgumentError, EncodingProblem, Error, FormatError, Subject, ValidationError};
pub use ids::{ContractId, KeyTaskId, MilestoneId, PersonId, PlanItemId, SubProjectId, UnitId};
pub use ledger::{
    plan_period, Change, ChangeRefused, DeadlineMove, Decision, Entry, Head, IntegrityError,
    IntegrityProblem, ItemId, LaterDateRequest, Ledger, MilestoneAdjustment, Rule, GENESIS_HASH,
    LEDGER_FORMAT, RULES_VERSION,
};
pub use milestone::{Goal, Granularity, Milestone, QuantityTarget, Target};
pub use organisation::{Person, Role, Unit, UnitKind};
pub use period::{ParsePeriodError, Period};
pub use plan::{MilestonePositions, MilestoneRef, Plan, PlanSummary};
pub use progress::{LagCause, LagClass, LagReason, Progress, ProgressReport};
pub use report::{
    EarlyFinisher, KindHeadline, LaggingEntry, Language, LeaderRow, LeaderTable, StaleEntry,
    SupervisionReport,
};
pub use responsibility::{Contract, ContractKind, PartnerRating, Responsibility};
pub use rollup::{GroupRecord, Grouping, LaggingItem, MergeError, Rollup, Summary, SummaryRecord};
pub use snapshot::{ASSESSMENT_BYTES_VERSION, ROLLUP_BYTES_VERSION};
pub use status::{
    Evaluation, LagReasonSummary, Light, MilestoneStanding, MilestoneStatus, MilestoneStatusRow,
    ReportingCadence, SharedEvaluation, StatusError, StatusOptions, SubProjectStatusRow,
};
pub use trend::{DeadlineChange, StatusChange, StatusDiff, TrendPoint};
pub use validation::{
    OmittedProblems, Problem, ProblemCode, MAX_PROBLEMS_PER_CODE, MULTI_YEAR_SPAN,
};

/// The README's tour, run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Long-form documentation, kept in `docs/` and shown here.
pub mod guide {
    /// The plan document format, field by field, with every validation code.
    #[doc = include_str!("../docs/format.md")]
    pub mod format {}

    /// How status, risk, forecast, lights, staleness and roll-ups are computed.
    #[doc = include_str!("../docs/status.md")]
    pub mod status {}

    /// Year-end assessment: credits, scores, grades, explanations, accountability.
    #[doc = include_str!("../docs/assessment.md")]
    pub mod assessment {}

    /// The change ledger: its rules, its storage and how to verify it independently.
    #[doc = include_str!("../docs/ledger.md")]
    pub mod ledger {}

    /// Measured speed and memory, and what the design does for them.
    #[doc = include_str!("../docs/performance.md")]
    pub mod performance {}
}
