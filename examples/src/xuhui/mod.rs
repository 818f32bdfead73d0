//! A deterministic generator of the Xuhui district's 2017 plan, built from the figures of
//! the district's 2017 report on management by objectives.
//!
//! # What it builds
//!
//! - **Organisation.** The district government; 24 departments (委办局); the 12 streets
//!   and 1 town (街镇); one section in each department, street and town. The district head
//!   and six deputy district heads; a head for every unit and section.
//! - **The 77 key-work tasks** (重点工作) in 15 themes, split into **221 sub-projects**,
//!   each with a milestone due in Q1. Every sixth sub-project in generation order works
//!   alone; the others have one or two partner units, so more than 80% are cross-department
//!   work.
//! - **The 25 special-work goals** (专项工作): 11 city-level and 14 district-level; besides
//!   them four practical projects (实事项目), two major projects (重大工程, one of them the
//!   multi-year metro line) and three unit goals.
//! - **The named cases of the report**, with their real figures: Hongmei street's 15
//!   illegal structures (1,895 m²) along 5 rivers, due by September and ahead of plan in
//!   Q1; Changqiao street's 12 sites, planned for year end and all done in Q1; the sewage
//!   project, approved at the end of March after daily follow-up, tendered from April,
//!   works started in Q2; the 12 historic-area roads, 6 of them under works from April and
//!   all finished by the end of Q3; 69 granted invention patents per 10,000 residents by
//!   Q4.
//! - **Progress through March 2017** (and Hongmei's early-April report): every Q1
//!   milestone of an on-schedule sub-project is reported met — most on time, a few in a
//!   later month, a few sub-projects meet a Q2 milestone early — so that at the end of Q1
//!   **210 of the 221 key-work sub-projects are on schedule** and **11 lag**: 7 for a
//!   policy change and 1 waiting for a higher-level approval (objective), 2 for subjective
//!   reasons, and 1 with no reason recorded yet.
//! - **Responsibility contracts**: every supervising leader with the head of every unit
//!   that leads a sub-project of theirs, and every such unit head with the head of the
//!   section that carries the work.
//!
//! # How it is deterministic
//!
//! Choices that are not fixed by the report (sub-project counts per task, schedules,
//! targets, completion days, which 11 sub-projects lag) come from a SplitMix64 generator
//! seeded with 2017, drawn in a fixed order; the same code always writes the same file.

mod catalogue;
mod generator;
mod random;
mod year_end;

pub use generator::plan_2017;
pub use year_end::year_end_2017;
