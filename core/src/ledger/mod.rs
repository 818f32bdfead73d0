//! The change ledger: every change to an adopted plan — a progress report, a lag reason, a
//! mid-year task, a moved deadline, a signed contract, a partner rating — is checked
//! against the rules of who may do what, applied atomically, recorded with who did it,
//! when and why, and chained by SHA-256 so that a quiet rewrite shows.
//!
//! ```
//! use chrono::NaiveDate;
//! use mubiao::{Change, Ledger, PlanDocument, Progress, Rule};
//!
//! let mut plan = PlanDocument::from_json_str(include_str!("../../docs/example-plan.json"))?;
//! let at = |m, d| NaiveDate::from_ymd_opt(2017, m, d).unwrap().and_hms_opt(17, 0, 0).unwrap();
//! // The plan as it stands when adopted on 5 January: what is reported later goes through
//! // the ledger (a plan holding later records is refused).
//! plan.progress_reports.clear();
//! plan.lag_reasons.clear();
//! let mut ledger = Ledger::adopt(plan, "district-head", at(1, 5), None)?;
//!
//! // Hongmei's urban management office reports 4 sites on the Q3 node.
//! let report = Change::ReportProgress {
//!     milestone: "hm-rivers-q3".into(),
//!     date: NaiveDate::from_ymd_opt(2017, 2, 20).unwrap(),
//!     progress: Progress::Cumulative(4.0),
//!     note: None,
//! };
//! ledger.record("hongmei-urban-head", at(2, 20), report, None)?;
//!
//! // Moving that node to October is refused: deadlines move earlier, never later.
//! let later = Change::MoveMilestoneEarlier {
//!     milestone: "hm-rivers-q3".into(),
//!     due: NaiveDate::from_ymd_opt(2017, 10, 31).unwrap(),
//! };
//! let refused = ledger.record("hongmei-head", at(3, 1), later, None).unwrap_err();
//! assert_eq!(refused.rule, Rule::EarlierNeverLater);
//! assert_eq!(ledger.entries().len(), 2);
//! ledger.verify()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod apply;
mod change;
mod error;
mod hash;
mod history;
mod jsonl;
mod proofs;
mod rules;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub use change::{Change, ItemId};
pub use error::{ChangeRefused, IntegrityError, IntegrityProblem, Rule};
pub use hash::{Head, GENESIS_HASH};

pub use history::{DeadlineMove, MilestoneAdjustment};

use crate::document::PlanDocument;
use crate::ids::{MilestoneId, PersonId};
use crate::organisation::Role;
use crate::plan::Plan;
use crate::progress::{LagCause, LagClass};
use crate::transparency::HashAlgorithm;
use apply::Applied;

/// One recorded change: its place in the ledger, when and by whom, what, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The entry's place, from 0 (the plan as adopted).
    pub sequence: u64,
    /// The ledger's format version, stated by its first entry only ([`LEDGER_FORMAT`]);
    /// a first entry without it is of format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format_version: Option<u32>,
    /// The version of the rules in force when the entry was recorded ([`RULES_VERSION`]);
    /// replay checks the entry against the rules of its version. Entries written before
    /// rules had versions are version 1.
    #[serde(default = "legacy_rules")]
    pub rules: u32,
    /// The hash function of the ledger's chain and tree, stated by its first entry only
    /// when it is not SHA-256 (`"sm3"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_algorithm: Option<HashAlgorithm>,
    /// When it was recorded, in the district's local time.
    #[serde(with = "crate::dates::moment")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDateTime"))]
    pub recorded_at: NaiveDateTime,
    /// The person who made the change.
    pub actor: PersonId,
    /// The change.
    pub change: Change,
    /// Why, where given (required for adjustments and refusals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The hash of the entry before (64 zeros for the first).
    pub previous_hash: String,
    /// The hash of the entry's line without this member (its last) — SHA-256, or the
    /// function the first entry states; see [`guide::ledger`](crate::guide::ledger).
    pub hash: String,
}

/// What became of a request to move a due date later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Whether the later date was approved.
    pub approved: bool,
    /// The supervising leader who decided.
    pub by: PersonId,
    /// When.
    pub at: NaiveDateTime,
    /// The sequence number of the decision.
    pub sequence: u64,
    /// Why, where given.
    pub reason: Option<String>,
}

/// A request by a lead unit to move a milestone's due date later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaterDateRequest {
    /// The sequence number of the request; approvals and refusals name it.
    pub sequence: u64,
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its due date when the request was made.
    pub from: NaiveDate,
    /// The due date asked for.
    pub due: NaiveDate,
    /// Objective or subjective.
    pub class: LagClass,
    /// The cause, where given.
    pub cause: Option<LagCause>,
    /// The reason in words.
    pub text: String,
    /// Who asked.
    pub requested_by: PersonId,
    /// When.
    pub requested_at: NaiveDateTime,
    /// The decision, once made.
    pub decision: Option<Decision>,
}

/// An adopted plan with every change made to it since.
///
/// The ledger holds the plan as adopted, the current plan, and the entries between; it can
/// rebuild the plan as it stood at any moment ([`Ledger::plan_at`]), list the history of
/// any item ([`Ledger::history`]), and check that nothing was rewritten
/// ([`Ledger::verify`]). It is `Send + Sync`, so a server can share it across threads.
#[derive(Clone, Debug)]
pub struct Ledger {
    entries: Vec<Entry>,
    /// Each entry's line, exactly as written or read: what the hash chain covers.
    lines: Vec<String>,
    /// The Merkle tree whose leaves are the lines' bytes, kept as lines are added.
    tree: crate::transparency::MerkleTree,
    adopted: Plan,
    plan: Plan,
    requests: BTreeMap<u64, LaterDateRequest>,
    /// For each pending request with an objective reason, the position of that reason
    /// among the plan's lag reasons.
    pending_reasons: BTreeMap<u64, usize>,
}

fn refused(
    sequence: u64,
    change: &Change,
    rule: Rule,
    message: impl Into<String>,
) -> ChangeRefused {
    ChangeRefused {
        sequence,
        kind: change.kind(),
        rule,
        message: message.into(),
        problems: Vec::new(),
        line: None,
    }
}

/// The moments a ledger of a plan for `year` may record: from the start of the year before
/// (plans are adopted in December) to the end of the year after (assessment and ratings
/// run into the next spring). One mistyped year would otherwise block the ledger for good,
/// since entries never go back in time.
pub fn plan_period(year: i32) -> (NaiveDateTime, NaiveDateTime) {
    let start = NaiveDate::from_ymd_opt(year.saturating_sub(1), 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or(NaiveDateTime::MIN);
    let end = NaiveDate::from_ymd_opt(year.saturating_add(1), 12, 31)
        .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 999_999_999))
        .unwrap_or(NaiveDateTime::MAX);
    (start, end)
}

/// Checks the adoption of the plan in `change` by `actor` at `at` under the rules of
/// version `rules`; returns the validated plan.
fn check_adoption(
    change: &Change,
    actor: &str,
    at: NaiveDateTime,
    rules: u32,
) -> Result<Plan, ChangeRefused> {
    let Change::AdoptPlan { plan } = change else {
        return Err(refused(
            0,
            change,
            Rule::FirstEntryAdoptsPlan,
            "the first entry must adopt the plan",
        ));
    };
    let valid = plan
        .as_ref()
        .clone()
        .validate()
        .map_err(|error| ChangeRefused {
            problems: error.problems,
            ..refused(
                0,
                change,
                Rule::InvalidPlan,
                "the plan to adopt is not valid",
            )
        })?;
    match valid.person(actor) {
        None => {
            return Err(refused(
                0,
                change,
                Rule::UnknownActor,
                format!("`{actor}` is not a person of the plan"),
            ))
        }
        Some(person) if person.role != Role::DistrictHead => {
            return Err(refused(
                0,
                change,
                Rule::DistrictLeaderOnly,
                format!(
                    "`{actor}` is a {}; the district head adopts the plan",
                    person.role.as_str()
                ),
            ))
        }
        Some(_) => {}
    }
    if rules >= 2 {
        check_moment(plan.year, at)
            .map_err(|message| refused(0, change, Rule::MomentOutsidePlanPeriod, message))?;
        if let Some((path, date)) = first_record_after(plan, at.date()) {
            return Err(refused(
                0,
                change,
                Rule::ReportInFuture,
                format!(
                    "the plan holds a record dated {date} at `{path}`, after the adoption on {}; adopt the plan as it stands that day and record later work through the ledger",
                    at.date()
                ),
            ));
        }
    }
    Ok(valid)
}

/// The first progress report, lag reason or rating of a plan dated after `day`, with its
/// path: recorded through the ledger, such a record would be refused as in the future.
fn first_record_after(plan: &PlanDocument, day: NaiveDate) -> Option<(String, NaiveDate)> {
    let reports = plan.progress_reports.iter().enumerate();
    let reports = reports.map(|(i, r)| (format!("/progress_reports/{i}"), r.date));
    let reasons = plan.lag_reasons.iter().enumerate();
    let reasons = reasons.map(|(i, r)| (format!("/lag_reasons/{i}"), r.recorded_on));
    let ratings = plan.partner_ratings.iter().enumerate();
    let ratings = ratings.map(|(i, r)| (format!("/partner_ratings/{i}"), r.rated_on));
    reports
        .chain(reasons)
        .chain(ratings)
        .find(|(_, date)| *date > day)
}

fn check_moment(year: i32, at: NaiveDateTime) -> Result<(), String> {
    let (start, end) = plan_period(year);
    if (start..=end).contains(&at) {
        Ok(())
    } else {
        Err(format!(
            "{at} is outside the period of the {year} plan ({} to {}); check the year of the moment",
            start.date(),
            end.date()
        ))
    }
}

/// The format version of the ledger this library writes and reads.
pub const LEDGER_FORMAT: u32 = 1;

/// The version of the rules this library records entries under. Version 1 is the rules
/// before versions were written down; version 2 adds the bounds on moments
/// ([`Rule::MomentOutsidePlanPeriod`]) and on requested dates ([`Rule::DateOutsidePlan`]),
/// and refuses to adopt a plan holding reports, lag reasons or ratings dated after the
/// adoption ([`Rule::ReportInFuture`], as when recording them).
pub const RULES_VERSION: u32 = 2;

fn legacy_rules() -> u32 {
    1
}

/// The members of an entry that its hash covers, in the order they are written.
#[derive(Serialize)]
struct Body<'a> {
    sequence: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    format_version: Option<u32>,
    rules: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    hash_algorithm: Option<HashAlgorithm>,
    #[serde(with = "crate::dates::moment")]
    recorded_at: NaiveDateTime,
    actor: &'a PersonId,
    change: &'a Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: &'a Option<String>,
    previous_hash: &'a str,
}

/// A new entry and its line, sealed with its hash.
fn sealed(
    sequence: u64,
    recorded_at: NaiveDateTime,
    actor: PersonId,
    change: Change,
    reason: Option<String>,
    previous_hash: String,
    algorithm: HashAlgorithm,
) -> (Entry, String) {
    let format_version = (sequence == 0).then_some(LEDGER_FORMAT);
    // The first entry states a hash function other than the default; no other entry does.
    let hash_algorithm = (sequence == 0 && algorithm != HashAlgorithm::Sha256).then_some(algorithm);
    let (line, hash) = hash::seal(
        &Body {
            sequence,
            format_version,
            rules: RULES_VERSION,
            hash_algorithm,
            recorded_at,
            actor: &actor,
            change: &change,
            reason: &reason,
            previous_hash: &previous_hash,
        },
        algorithm,
    );
    let entry = Entry {
        sequence,
        format_version,
        rules: RULES_VERSION,
        hash_algorithm,
        recorded_at,
        actor,
        change,
        reason,
        previous_hash,
        hash,
    };
    (entry, line)
}

impl Ledger {
    /// Starts a ledger with the plan as adopted by the district head.
    ///
    /// # Errors
    ///
    /// [`ChangeRefused`] with [`Rule::UnknownActor`] or [`Rule::DistrictLeaderOnly`] when
    /// the actor is not the plan's district head, [`Rule::InvalidPlan`] (with the
    /// problems) when the plan is not valid.
    pub fn adopt(
        plan: PlanDocument,
        actor: &str,
        at: NaiveDateTime,
        reason: Option<String>,
    ) -> Result<Self, ChangeRefused> {
        Self::adopt_with_hash(plan, actor, at, reason, HashAlgorithm::Sha256)
    }

    /// Starts a ledger as [`Ledger::adopt`] does, whose hash chain and Merkle tree use
    /// `algorithm` — SM3 where the national algorithms are required. The first entry
    /// records the choice; every later entry and every check follows it.
    ///
    /// # Errors
    ///
    /// As [`Ledger::adopt`].
    pub fn adopt_with_hash(
        plan: PlanDocument,
        actor: &str,
        at: NaiveDateTime,
        reason: Option<String>,
        algorithm: HashAlgorithm,
    ) -> Result<Self, ChangeRefused> {
        let change = Change::AdoptPlan {
            plan: Box::new(plan),
        };
        let valid = check_adoption(&change, actor, at, RULES_VERSION)?;
        let genesis = GENESIS_HASH.to_owned();
        let (entry, line) = sealed(0, at, actor.into(), change, reason, genesis, algorithm);
        Ok(Self::started(entry, line, valid))
    }

    /// The hash function of the ledger's chain and tree.
    pub fn hash_algorithm(&self) -> HashAlgorithm {
        self.tree.algorithm()
    }

    /// A ledger whose first entry adopted `plan`.
    fn started(entry: Entry, line: String, plan: Plan) -> Self {
        let algorithm = entry.hash_algorithm.unwrap_or_default();
        let mut tree = crate::transparency::MerkleTree::with_algorithm(algorithm);
        tree.push(line.as_bytes());
        Self {
            entries: vec![entry],
            lines: vec![line],
            tree,
            adopted: plan.clone(),
            plan,
            requests: BTreeMap::new(),
            pending_reasons: BTreeMap::new(),
        }
    }

    /// Checks and applies one change, and records it.
    ///
    /// # Errors
    ///
    /// [`ChangeRefused`] naming the rule broken; the plan and the ledger are then exactly
    /// as they were.
    pub fn record(
        &mut self,
        actor: &str,
        at: NaiveDateTime,
        change: Change,
        reason: Option<String>,
    ) -> Result<Entry, ChangeRefused> {
        let (applied, actor) = self.check(actor, at, &change, reason.as_deref(), RULES_VERSION)?;
        let sequence = u64::try_from(self.entries.len()).unwrap_or(u64::MAX);
        let previous = self
            .entries
            .last()
            .map_or_else(|| GENESIS_HASH.to_owned(), |e| e.hash.clone());
        let algorithm = self.hash_algorithm();
        let (entry, line) = sealed(sequence, at, actor, change, reason, previous, algorithm);
        self.commit(entry.clone(), line, applied);
        Ok(entry)
    }

    /// Checks a change against the current plan under the rules of version `rules`, and
    /// makes what applying it takes and the id of the acting person, changing nothing.
    fn check(
        &self,
        actor: &str,
        at: NaiveDateTime,
        change: &Change,
        reason: Option<&str>,
        rules: u32,
    ) -> Result<(Applied, PersonId), ChangeRefused> {
        let sequence = u64::try_from(self.entries.len()).unwrap_or(u64::MAX);
        if matches!(change, Change::AdoptPlan { .. }) {
            return Err(refused(
                sequence,
                change,
                Rule::FirstEntryAdoptsPlan,
                "the plan is adopted once, as the first entry; record changes to it instead",
            ));
        }
        if rules >= 2 {
            check_moment(self.plan.year(), at).map_err(|message| {
                refused(sequence, change, Rule::MomentOutsidePlanPeriod, message)
            })?;
        }
        if let Some(last) = self.entries.last() {
            if at < last.recorded_at {
                return Err(refused(
                    sequence,
                    change,
                    Rule::TimestampGoesBack,
                    format!(
                        "{at} is before the last entry ({}); entries are recorded in time order",
                        last.recorded_at
                    ),
                ));
            }
        }
        let Some(person) = self.plan.person(actor) else {
            return Err(refused(
                sequence,
                change,
                Rule::UnknownActor,
                format!("`{actor}` is not a person of the plan"),
            ));
        };
        if change.needs_reason() && !reason.is_some_and(|r| !r.trim().is_empty()) {
            return Err(refused(
                sequence,
                change,
                Rule::ReasonRequired,
                format!("a `{}` needs a reason; say why", change.kind()),
            ));
        }
        rules::authorize(&self.plan, &self.requests, person, at, change, rules)
            .map_err(|(rule, message)| refused(sequence, change, rule, message))?;
        // The change is checked against what it touches and applied in place: recording
        // it costs the change, not the plan.
        let applied = apply::prepare(
            &self.plan,
            &self.requests,
            person,
            (at, sequence),
            change,
            reason,
        )
        .map_err(|unfit| match unfit {
            apply::Unfit::Rule(rule, message) => refused(sequence, change, rule, message),
            apply::Unfit::Problems(problems) => ChangeRefused {
                problems,
                ..refused(
                    sequence,
                    change,
                    Rule::InvalidPlan,
                    "the change would leave the plan invalid; see the problems",
                )
            },
        })?;
        Ok((applied, person.id.clone()))
    }

    fn commit(&mut self, entry: Entry, line: String, applied: Applied) {
        self.track_request(&entry);
        if let Applied::LagReason(reason, _) = &applied {
            if let Some(request) = reason.pending_request {
                let position = self.plan.document().lag_reasons.len();
                self.pending_reasons.insert(request, position);
            }
        }
        if let Change::ApproveLaterDate { request } | Change::RefuseLaterDate { request } =
            &entry.change
        {
            if let Some(position) = self.pending_reasons.remove(request) {
                self.plan.settle_lag_reason(position);
            }
        }
        self.entries.push(entry);
        self.tree.push(line.as_bytes());
        self.lines.push(line);
        apply::commit(&mut self.plan, applied);
    }

    /// Keeps the state of later-date requests up to date with a new entry.
    fn track_request(&mut self, entry: &Entry) {
        match &entry.change {
            Change::RequestLaterDate {
                milestone,
                due,
                class,
                cause,
                text,
            } => {
                let from = self
                    .plan
                    .milestone(milestone.as_str())
                    .and_then(|found| found.milestone.due)
                    .unwrap_or(*due);
                self.requests.insert(
                    entry.sequence,
                    LaterDateRequest {
                        sequence: entry.sequence,
                        milestone: milestone.clone(),
                        from,
                        due: *due,
                        class: *class,
                        cause: *cause,
                        text: text.clone(),
                        requested_by: entry.actor.clone(),
                        requested_at: entry.recorded_at,
                        decision: None,
                    },
                );
            }
            Change::ApproveLaterDate { request } | Change::RefuseLaterDate { request } => {
                if let Some(found) = self.requests.get_mut(request) {
                    found.decision = Some(Decision {
                        approved: matches!(entry.change, Change::ApproveLaterDate { .. }),
                        by: entry.actor.clone(),
                        at: entry.recorded_at,
                        sequence: entry.sequence,
                        reason: entry.reason.clone(),
                    });
                }
            }
            _ => {}
        }
    }

    /// Every entry, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The plan as it stands after every entry.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The plan as adopted, before any change.
    pub fn adopted_plan(&self) -> &Plan {
        &self.adopted
    }

    /// Every request to move a due date later, by sequence number, with its decision.
    pub fn requests(&self) -> impl Iterator<Item = &LaterDateRequest> {
        self.requests.values()
    }

    /// Checks the hash chain: finds any edited, removed, inserted or reordered entry.
    ///
    /// # Errors
    ///
    /// [`IntegrityError`] naming the first entry that fails.
    pub fn verify(&self) -> Result<(), IntegrityError> {
        let mut chain = hash::Chain::default();
        for (n, line) in self.lines.iter().enumerate() {
            chain.push(line, n + 1)?;
        }
        Ok(())
    }

    /// The last entry's sequence number and hash: publish them (or have them
    /// countersigned) so that a later reading with [`Ledger::from_jsonl_anchored`] can tell
    /// a dropped or rewritten tail.
    pub fn head(&self) -> Head {
        self.entries.last().map_or_else(
            || Head {
                sequence: 0,
                hash: GENESIS_HASH.to_owned(),
            },
            |entry| Head {
                sequence: entry.sequence,
                hash: entry.hash.clone(),
            },
        )
    }

    /// The plan as it stood at the end of `date`: the plan as adopted with every entry
    /// recorded on or before that day applied. Status, reports and assessments of a past
    /// date come from this plan; [`Ledger::plan`] is the plan as it stands now, so a later
    /// date approved since would show a milestone that lagged then as not yet due.
    ///
    /// # Errors
    ///
    /// As [`Ledger::plan_at`].
    pub fn plan_on(&self, date: NaiveDate) -> Result<Plan, ChangeRefused> {
        let end = date
            .and_hms_nano_opt(23, 59, 59, 999_999_999)
            .unwrap_or(NaiveDateTime::MAX);
        self.plan_at(end)
    }

    /// The plan as it stood at `at`: the plan as adopted with every entry recorded at or
    /// before `at` applied, exactly as they were accepted.
    ///
    /// # Errors
    ///
    /// [`ChangeRefused`] only if the ledger's own entries no longer apply, which a ledger
    /// built by [`Ledger::record`] or read by [`Ledger::from_jsonl`] rules out.
    pub fn plan_at(&self, at: NaiveDateTime) -> Result<Plan, ChangeRefused> {
        Ok(self.until(at)?.plan)
    }

    /// Every entry that concerns an item (a key task, sub-project, milestone, unit,
    /// contract or person, by id): who changed it, when and why, and for a later date,
    /// the request and its approval.
    pub fn history(&self, id: &str) -> Vec<&Entry> {
        self.entries
            .iter()
            .skip(1)
            .filter(|entry| history::concerns(entry, id, &self.requests))
            .collect()
    }
}

// A server shares one ledger across threads.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Ledger>();
    send_sync::<Entry>();
    send_sync::<Plan>();
};
