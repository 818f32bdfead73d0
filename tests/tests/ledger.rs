//! The change ledger: every change kind allowed and refused by its rule, the seed's stories
//! replayed, replay at past moments, JSON Lines, and tampering of every kind.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{NaiveDate, NaiveDateTime};
use mubiao::{
    Change, Contract, ContractKind, Error, Goal, Granularity, IntegrityProblem, ItemId, KeyTask,
    KeyTaskKind, LagCause, LagClass, Language, Ledger, Level, Milestone, MilestoneStatus,
    PlanDocument, PlanItem, Progress, QuantityTarget, Responsibility, Rule, StatusOptions,
    SubProject, Target,
};
use mubiao_examples::data_path;
use mubiao_tests::{example_document, example_to_adopt};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, m, d).unwrap()
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(17, 30, 0).unwrap()
}

fn example_ledger() -> Ledger {
    Ledger::adopt(example_to_adopt().unwrap(), "district-head", at(1, 5), None).unwrap()
}

fn deliverable(id: &str, due: NaiveDate) -> Milestone {
    Milestone {
        id: id.into(),
        title: id.into(),
        due: Some(due),
        granularity: Granularity::Quarter,
        target: Some(Target::Deliverable {
            description: id.into(),
        }),
        responsibility: None,
        withdrawn: None,
    }
}

fn report(milestone: &str, date: NaiveDate, progress: Progress) -> Change {
    Change::ReportProgress {
        milestone: milestone.into(),
        date,
        progress,
        note: None,
    }
}

/// Records a change that must be refused by `rule`, and checks nothing moved.
fn refuse(
    ledger: &mut Ledger,
    actor: &str,
    when: NaiveDateTime,
    change: Change,
    reason: Option<&str>,
    rule: Rule,
) {
    let before_entries = ledger.entries().to_vec();
    let before_plan = ledger.plan().document().clone();
    let error = ledger
        .record(actor, when, change, reason.map(str::to_owned))
        .unwrap_err();
    assert_eq!(error.rule, rule, "{error}");
    assert_eq!(ledger.entries(), &before_entries[..]);
    assert_eq!(ledger.plan().document(), &before_plan);
}

fn accept(
    ledger: &mut Ledger,
    actor: &str,
    when: NaiveDateTime,
    change: Change,
    reason: Option<&str>,
) -> u64 {
    ledger
        .record(actor, when, change, reason.map(str::to_owned))
        .unwrap_or_else(|error| panic!("{error}"))
        .sequence
}

#[test]
fn adopting_needs_the_district_head_and_a_valid_plan() {
    let plan = example_document().unwrap();
    let error = Ledger::adopt(plan.clone(), "deputy-urban", at(1, 5), None).unwrap_err();
    assert_eq!(error.rule, Rule::DistrictLeaderOnly);
    let error = Ledger::adopt(plan.clone(), "nobody", at(1, 5), None).unwrap_err();
    assert_eq!(error.rule, Rule::UnknownActor);
    let mut vague = plan;
    vague.key_tasks[0].supervising_leader = None;
    let error = Ledger::adopt(vague, "district-head", at(1, 5), None).unwrap_err();
    assert_eq!(error.rule, Rule::InvalidPlan);
    assert_eq!(
        error.problems[0].code.as_str(),
        "missing-supervising-leader"
    );
    let ledger = example_ledger();
    assert_eq!(ledger.entries().len(), 1);
    assert_eq!(ledger.entries()[0].previous_hash, mubiao::GENESIS_HASH);
    let mut ledger = ledger;
    refuse(
        &mut ledger,
        "district-head",
        at(1, 6),
        Change::AdoptPlan {
            plan: Box::new(example_document().unwrap()),
        },
        None,
        Rule::FirstEntryAdoptsPlan,
    );
}

#[test]
fn progress_is_reported_by_the_lead_unit_only() {
    let mut ledger = example_ledger();
    // A section head of Hongmei's urban management office reports for Hongmei.
    accept(
        &mut ledger,
        "hongmei-urban-head",
        at(3, 10),
        report("hm-rivers-q2", day(3, 10), Progress::Cumulative(7.0)),
        None,
    );
    // The head of the water administration does not lead the river demolitions.
    refuse(
        &mut ledger,
        "water-head",
        at(3, 11),
        report("hm-rivers-q2", day(3, 11), Progress::Cumulative(8.0)),
        None,
        Rule::LeadUnitOnly,
    );
    // Progress is not reported ahead of time.
    refuse(
        &mut ledger,
        "hongmei-head",
        at(3, 12),
        report("hm-rivers-q2", day(3, 20), Progress::Cumulative(8.0)),
        None,
        Rule::ReportInFuture,
    );
    // An unknown milestone and an unknown person.
    refuse(
        &mut ledger,
        "hongmei-head",
        at(3, 12),
        report("hm-rivers-q9", day(3, 12), Progress::Cumulative(8.0)),
        None,
        Rule::UnknownItem,
    );
    refuse(
        &mut ledger,
        "stranger",
        at(3, 12),
        report("hm-rivers-q2", day(3, 12), Progress::Cumulative(8.0)),
        None,
        Rule::UnknownActor,
    );
    // Time runs forward.
    refuse(
        &mut ledger,
        "hongmei-head",
        at(3, 9),
        report("hm-rivers-q2", day(3, 9), Progress::Cumulative(8.0)),
        None,
        Rule::TimestampGoesBack,
    );
    // A value on a deliverable is caught by validation of the plan the change would make.
    let error = ledger
        .record(
            "water-head",
            at(3, 12),
            report("sewage-works", day(3, 12), Progress::Cumulative(1.0)),
            None,
        )
        .unwrap_err();
    assert_eq!(error.rule, Rule::InvalidPlan);
    assert_eq!(error.problems[0].code.as_str(), "report-mismatch");
    let reported = &ledger.plan().document().progress_reports;
    let last = reported.last().unwrap();
    assert_eq!(
        (
            last.milestone.as_str(),
            last.reported_by.as_ref().unwrap().as_str()
        ),
        ("hm-rivers-q2", "hongmei-urban-head")
    );
}

#[test]
fn lag_reasons_are_recorded_and_revised_by_the_lead_unit() {
    let mut ledger = example_ledger();
    let reason = |class, text: &str| Change::RecordLagReason {
        milestone: "sewage-works".into(),
        class,
        cause: Some(LagCause::Other),
        text: text.into(),
    };
    accept(
        &mut ledger,
        "water-head",
        at(7, 3),
        reason(LagClass::Subjective, "tender documents late"),
        None,
    );
    accept(
        &mut ledger,
        "water-head",
        at(7, 10),
        reason(LagClass::Objective, "bidding rules changed by the city"),
        None,
    );
    refuse(
        &mut ledger,
        "hongmei-head",
        at(7, 11),
        reason(LagClass::Objective, "x"),
        None,
        Rule::LeadUnitOnly,
    );
    // The latest reason applies.
    let status = ledger
        .plan()
        .status(day(7, 10), &StatusOptions::default())
        .unwrap();
    let row = status.milestone("sewage-works").unwrap();
    assert_eq!(row.lag_reason.unwrap().class, LagClass::Objective);
    assert_eq!(ledger.history("sewage-works").len(), 2);
}

fn tutoring_task() -> (KeyTask, PlanItem) {
    let task = KeyTask {
        id: "kt-tutoring".into(),
        title: "Regulate private tutoring institutions".into(),
        kind: KeyTaskKind::KeyWork,
        level: Level::District,
        plan_item: "pi-tutoring".into(),
        supervising_leader: Some("deputy-urban".into()),
        multi_year: false,
        sub_projects: vec![SubProject {
            id: "tutoring".into(),
            title: "Inspect and license tutoring institutions".into(),
            start: Some(day(3, 20)),
            responsibility: Responsibility {
                lead_unit: Some("water".into()),
                partner_units: vec!["chengguan".into()],
                responsible_person: Some("water-head".into()),
            },
            milestones: vec![
                deliverable("tutoring-survey", day(6, 30)),
                deliverable("tutoring-rules", day(12, 31)),
            ],
            withdrawn: None,
        }],
        withdrawn: None,
    };
    let item = PlanItem {
        id: "pi-tutoring".into(),
        title: "Respond to public concern about tutoring institutions".into(),
        submitted_by: "water".into(),
    };
    (task, item)
}

#[test]
fn a_key_task_added_mid_year_by_a_district_leader_with_a_reason() {
    let mut ledger = example_ledger();
    let (task, item) = tutoring_task();
    let change = || Change::AddKeyTask {
        key_task: Box::new(task.clone()),
        plan_item: Some(item.clone()),
    };
    let why = "public concern after the spring sessions";
    refuse(
        &mut ledger,
        "water-head",
        at(3, 20),
        change(),
        Some(why),
        Rule::DistrictLeaderOnly,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(3, 20),
        change(),
        None,
        Rule::ReasonRequired,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(3, 20),
        change(),
        Some("  "),
        Rule::ReasonRequired,
    );
    let sequence = accept(&mut ledger, "deputy-urban", at(3, 20), change(), Some(why));
    assert_eq!(sequence, 1);
    assert!(ledger.plan().key_task("kt-tutoring").is_some());
    // The same task again would duplicate its ids: the plan it would make is invalid.
    let error = ledger
        .record("deputy-urban", at(3, 21), change(), Some(why.into()))
        .unwrap_err();
    assert_eq!(error.rule, Rule::InvalidPlan);
    assert!(error
        .problems
        .iter()
        .any(|p| p.code.as_str() == "duplicate-id"));
    // Replay: before the 20th the plan has no tutoring task; after, it has.
    assert!(ledger
        .plan_at(at(3, 19))
        .unwrap()
        .key_task("kt-tutoring")
        .is_none());
    assert!(ledger
        .plan_at(at(3, 20))
        .unwrap()
        .key_task("kt-tutoring")
        .is_some());
    // The adjustments list the added milestones.
    let added: Vec<_> = ledger
        .adjustments()
        .into_iter()
        .filter(|a| a.added)
        .map(|a| a.milestone)
        .collect();
    assert_eq!(
        added,
        vec!["tutoring-survey".into(), "tutoring-rules".into()]
    );
}

#[test]
fn sub_projects_and_milestones_added_by_the_supervising_leader_or_lead_head() {
    let mut ledger = example_ledger();
    let sub = SubProject {
        id: "hm-banks".into(),
        title: "Green the river banks".into(),
        start: None,
        responsibility: Responsibility {
            lead_unit: Some("hongmei".into()),
            partner_units: vec![],
            responsible_person: None,
        },
        milestones: vec![deliverable("hm-banks-q4", day(12, 31))],
        withdrawn: None,
    };
    let add_sub = || Change::AddSubProject {
        key_task: "kt-rivers".into(),
        sub_project: Box::new(sub.clone()),
    };
    refuse(
        &mut ledger,
        "hongmei-head",
        at(4, 1),
        add_sub(),
        Some("x"),
        Rule::SupervisingLeaderOnly,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(4, 1),
        Change::AddSubProject {
            key_task: "kt-none".into(),
            sub_project: Box::new(sub.clone()),
        },
        Some("x"),
        Rule::UnknownItem,
    );
    accept(
        &mut ledger,
        "deputy-urban",
        at(4, 1),
        add_sub(),
        Some("banks follow demolition"),
    );
    let add_milestone = |id: &str| Change::AddMilestone {
        sub_project: "hm-banks".into(),
        milestone: Box::new(deliverable(id, day(9, 30))),
    };
    // The head of the lead unit may add a milestone; the water head may not.
    refuse(
        &mut ledger,
        "water-head",
        at(4, 2),
        add_milestone("hm-banks-q3"),
        Some("x"),
        Rule::SupervisingLeaderOnly,
    );
    accept(
        &mut ledger,
        "hongmei-head",
        at(4, 2),
        add_milestone("hm-banks-q3"),
        Some("monthly refinement"),
    );
    assert_eq!(
        ledger
            .plan()
            .sub_project("hm-banks")
            .unwrap()
            .1
            .milestones
            .len(),
        2
    );
}

#[test]
fn deadlines_move_earlier_never_later() {
    let mut ledger = example_ledger();
    let move_to = |due| Change::MoveMilestoneEarlier {
        milestone: "hm-rivers-q3".into(),
        due,
    };
    // Hongmei's Q3 node, due 30 September, moves earlier to 31 August.
    accept(
        &mut ledger,
        "hongmei-head",
        at(4, 10),
        move_to(day(8, 31)),
        Some("ahead of plan"),
    );
    // Later, or the same date, is refused: only an approved request moves a date later.
    refuse(
        &mut ledger,
        "hongmei-head",
        at(4, 11),
        move_to(day(9, 30)),
        None,
        Rule::EarlierNeverLater,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(4, 11),
        move_to(day(8, 31)),
        None,
        Rule::EarlierNeverLater,
    );
    // A person of another unit may not move it at all.
    refuse(
        &mut ledger,
        "water-head",
        at(4, 11),
        move_to(day(8, 1)),
        None,
        Rule::SupervisingLeaderOnly,
    );
    assert_eq!(
        ledger
            .plan()
            .milestone("hm-rivers-q3")
            .unwrap()
            .milestone
            .due,
        Some(day(8, 31))
    );
}

fn request(due: NaiveDate, class: LagClass) -> Change {
    Change::RequestLaterDate {
        milestone: "sewage-works".into(),
        due,
        class,
        cause: Some(if class == LagClass::Objective {
            LagCause::PolicyChange
        } else {
            LagCause::Other
        }),
        text: "the city changed the tendering rules".into(),
    }
}

#[test]
fn a_later_date_needs_an_objective_reason_and_the_supervising_leaders_approval() {
    let mut ledger = example_ledger();
    // Only the lead unit asks, and only for a later date.
    refuse(
        &mut ledger,
        "hongmei-head",
        at(6, 1),
        request(day(9, 30), LagClass::Objective),
        None,
        Rule::LeadUnitOnly,
    );
    refuse(
        &mut ledger,
        "water-head",
        at(6, 1),
        request(day(5, 31), LagClass::Objective),
        None,
        Rule::EarlierNeverLater,
    );
    let subjective = accept(
        &mut ledger,
        "water-head",
        at(6, 1),
        request(day(9, 30), LagClass::Subjective),
        None,
    );
    // A subjective reason is never approved; someone else than the supervising leader
    // cannot approve; the district head is not the supervising leader here either.
    refuse(
        &mut ledger,
        "deputy-urban",
        at(6, 2),
        Change::ApproveLaterDate {
            request: subjective,
        },
        None,
        Rule::ObjectiveReasonRequired,
    );
    refuse(
        &mut ledger,
        "district-head",
        at(6, 2),
        Change::ApproveLaterDate {
            request: subjective,
        },
        None,
        Rule::SupervisingLeaderOnly,
    );
    // A refusal needs a reason.
    refuse(
        &mut ledger,
        "deputy-urban",
        at(6, 2),
        Change::RefuseLaterDate {
            request: subjective,
        },
        None,
        Rule::ReasonRequired,
    );
    accept(
        &mut ledger,
        "deputy-urban",
        at(6, 2),
        Change::RefuseLaterDate {
            request: subjective,
        },
        Some("catch up within the quarter"),
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(6, 3),
        Change::ApproveLaterDate {
            request: subjective,
        },
        None,
        Rule::RequestNotPending,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(6, 3),
        Change::ApproveLaterDate { request: 99 },
        None,
        Rule::RequestNotPending,
    );
    assert_eq!(
        ledger
            .plan()
            .milestone("sewage-works")
            .unwrap()
            .milestone
            .due,
        Some(day(6, 30))
    );
    // An objective reason, approved by the supervising leader: the date moves.
    let objective = accept(
        &mut ledger,
        "water-head",
        at(6, 5),
        request(day(8, 31), LagClass::Objective),
        None,
    );
    accept(
        &mut ledger,
        "deputy-urban",
        at(6, 6),
        Change::ApproveLaterDate { request: objective },
        Some("city rules changed"),
    );
    assert_eq!(
        ledger
            .plan()
            .milestone("sewage-works")
            .unwrap()
            .milestone
            .due,
        Some(day(8, 31))
    );
    // Who moved this deadline, when, why, and who approved.
    let history: Vec<&str> = ledger
        .history("sewage-works")
        .iter()
        .map(|e| e.change.kind())
        .collect();
    assert_eq!(
        history,
        [
            "request_later_date",
            "refuse_later_date",
            "request_later_date",
            "approve_later_date"
        ]
    );
    let adjustment = ledger
        .adjustments()
        .into_iter()
        .find(|a| a.milestone.as_str() == "sewage-works")
        .unwrap();
    assert_eq!(
        (adjustment.original_due, adjustment.current_due),
        (Some(day(6, 30)), Some(day(8, 31)))
    );
    assert_eq!(
        (adjustment.times_moved(), adjustment.later_exceptions()),
        (1, 1)
    );
    let exception = adjustment.moves[0].request.as_ref().unwrap();
    assert_eq!(
        exception.decision.as_ref().unwrap().by.as_str(),
        "deputy-urban"
    );
    // The supervision report made from the ledger shows the exception.
    let report = ledger
        .supervision_report(day(6, 30), &StatusOptions::default())
        .unwrap();
    assert_eq!(report.adjustments.len(), 1);
    let text = report.render(Language::English);
    assert!(
        text.contains("Adjustments (1)")
            && text.contains("later date approved 2017-06-30 → 2017-08-31"),
        "{text}"
    );
    assert!(text.contains("moved 1 time(s), 1 later by approval"));
    // So does the bulletin made from the ledger, in its adjustments section.
    let bulletin = ledger
        .bulletin(
            day(6, 30),
            &StatusOptions::default(),
            &mubiao::BulletinOptions {
                language: Language::English,
                ..mubiao::BulletinOptions::default()
            },
        )
        .unwrap();
    let adjustments = &bulletin[bulletin.find(". Adjustments</h2>").unwrap()..];
    assert!(
        adjustments.contains("2017-06-30 → 2017-08-31 (deputy-urban)"),
        "{adjustments}"
    );
    assert!(adjustments.contains("moved 1 time(s), 1 later by approval"));
    // On 1 June, before the approval, the report shows no adjustment yet.
    let early = ledger
        .supervision_report(day(6, 1), &StatusOptions::default())
        .unwrap();
    assert!(early.adjustments.is_empty());
    assert_eq!(ledger.requests().count(), 2);
}

#[test]
fn targets_are_adjusted_by_the_supervising_leader_and_shown_beside_the_original() {
    let mut ledger = example_ledger();
    let target = Target::Quantity(QuantityTarget {
        unit: "sites".into(),
        goal: Goal::AtLeast(16.0),
        baseline: Some(0.0),
    });
    let change = || Change::AdjustTarget {
        milestone: "hm-rivers-q3".into(),
        target: target.clone(),
    };
    refuse(
        &mut ledger,
        "hongmei-head",
        at(5, 1),
        change(),
        Some("a new site found"),
        Rule::SupervisingLeaderOnly,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(5, 1),
        change(),
        None,
        Rule::ReasonRequired,
    );
    accept(
        &mut ledger,
        "deputy-urban",
        at(5, 1),
        change(),
        Some("a 16th site found in April"),
    );
    let adjustment = &ledger.adjustments()[0];
    assert_eq!(adjustment.milestone.as_str(), "hm-rivers-q3");
    assert_ne!(adjustment.original_target, adjustment.current_target);
    assert_eq!(adjustment.current_target, Some(target));
    assert_eq!(adjustment.times_moved(), 0);
}

#[test]
fn withdrawn_work_counts_no_more() {
    let mut ledger = example_ledger();
    let withdraw = |item| Change::Withdraw { item };
    refuse(
        &mut ledger,
        "water-head",
        at(5, 2),
        withdraw(ItemId::Milestone("sewage-works".into())),
        Some("x"),
        Rule::SupervisingLeaderOnly,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(5, 2),
        withdraw(ItemId::Milestone("sewage-works".into())),
        None,
        Rule::ReasonRequired,
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(5, 2),
        withdraw(ItemId::SubProject("nope".into())),
        Some("x"),
        Rule::UnknownItem,
    );
    accept(
        &mut ledger,
        "deputy-urban",
        at(5, 2),
        withdraw(ItemId::Milestone("sewage-works".into())),
        Some("merged into the city's programme"),
    );
    refuse(
        &mut ledger,
        "deputy-urban",
        at(5, 3),
        withdraw(ItemId::Milestone("sewage-works".into())),
        Some("again"),
        Rule::AlreadyWithdrawn,
    );
    // On 31 July the withdrawn works node is neither lagging nor counted.
    let status = ledger
        .plan()
        .status(day(7, 31), &StatusOptions::default())
        .unwrap();
    assert_eq!(
        status.milestone("sewage-works").unwrap().status,
        MilestoneStatus::Withdrawn
    );
    let summary = status.summary();
    assert_eq!((summary.milestones, summary.withdrawn), (4, 1));
    // Withdrawing the whole key task withdraws its sub-project too.
    accept(
        &mut ledger,
        "deputy-urban",
        at(5, 4),
        withdraw(ItemId::KeyTask("kt-sewage".into())),
        Some("handed to the city"),
    );
    let summary = ledger
        .plan()
        .status(day(7, 31), &StatusOptions::default())
        .unwrap()
        .summary();
    // 5 milestones: the 3 of the rivers count; the sewage task's 2 are withdrawn.
    assert_eq!(
        (
            summary.milestones,
            summary.withdrawn,
            summary.sub_projects,
            summary.sub_projects_withdrawn
        ),
        (3, 2, 1, 1)
    );
    let withdrawal = ledger
        .plan()
        .key_task("kt-sewage")
        .unwrap()
        .withdrawn
        .clone()
        .unwrap();
    assert_eq!(
        (withdrawal.on, withdrawal.reason.as_str()),
        (day(5, 4), "handed to the city")
    );
}

#[test]
fn partners_are_assigned_and_removed() {
    let mut ledger = example_ledger();
    let assign = |unit: &str| Change::AssignPartner {
        sub_project: "sewage".into(),
        unit: unit.into(),
    };
    let remove = |unit: &str| Change::RemovePartner {
        sub_project: "sewage".into(),
        unit: unit.into(),
    };
    refuse(
        &mut ledger,
        "hongmei-head",
        at(2, 1),
        assign("chengguan"),
        None,
        Rule::SupervisingLeaderOnly,
    );
    refuse(
        &mut ledger,
        "water-head",
        at(2, 1),
        assign("water"),
        None,
        Rule::AlreadyPartner,
    );
    refuse(
        &mut ledger,
        "water-head",
        at(2, 1),
        assign("nowhere"),
        None,
        Rule::UnknownItem,
    );
    accept(
        &mut ledger,
        "water-head",
        at(2, 1),
        assign("chengguan"),
        None,
    );
    refuse(
        &mut ledger,
        "water-head",
        at(2, 2),
        assign("chengguan"),
        None,
        Rule::AlreadyPartner,
    );
    refuse(
        &mut ledger,
        "water-head",
        at(2, 2),
        remove("hongmei"),
        Some("x"),
        Rule::NotAPartner,
    );
    refuse(
        &mut ledger,
        "water-head",
        at(2, 2),
        remove("chengguan"),
        None,
        Rule::ReasonRequired,
    );
    accept(
        &mut ledger,
        "deputy-urban",
        at(2, 3),
        remove("chengguan"),
        Some("enforcement not needed"),
    );
    assert!(ledger
        .plan()
        .sub_project("sewage")
        .unwrap()
        .1
        .responsibility
        .partner_units
        .is_empty());
    assert_eq!(ledger.history("chengguan").len(), 2);
}

#[test]
fn contracts_are_recorded_by_their_signers() {
    let mut ledger = example_ledger();
    let contract = Contract {
        id: "c-water-2".into(),
        kind: ContractKind::LeaderWithUnitHead,
        upper_signer: "deputy-urban".into(),
        lower_signer: "water-head".into(),
        signed_on: day(1, 12),
        key_tasks: vec!["kt-sewage".into()],
    };
    let sign = |c: &Contract| Change::SignContract {
        contract: Box::new(c.clone()),
    };
    refuse(
        &mut ledger,
        "hongmei-head",
        at(1, 12),
        sign(&contract),
        None,
        Rule::SignerOnly,
    );
    accept(&mut ledger, "water-head", at(1, 12), sign(&contract), None);
    // Roles are checked by validation: a unit head cannot sign as the upper signer here.
    let wrong = Contract {
        id: "c-wrong".into(),
        upper_signer: "hongmei-head".into(),
        ..contract
    };
    let error = ledger
        .record("hongmei-head", at(1, 13), sign(&wrong), None)
        .unwrap_err();
    assert_eq!(error.rule, Rule::InvalidPlan);
    assert_eq!(error.problems[0].code.as_str(), "contract-signer-role");
}

#[test]
fn the_lead_unit_rates_each_partner_once() {
    let mut ledger = example_ledger();
    let rate = |partner: &str, score| Change::RatePartner {
        sub_project: "hm-rivers".into(),
        partner: partner.into(),
        score,
        comment: None,
    };
    refuse(
        &mut ledger,
        "water-head",
        at(12, 20),
        rate("chengguan", 90.0),
        None,
        Rule::LeadUnitOnly,
    );
    refuse(
        &mut ledger,
        "hongmei-head",
        at(12, 20),
        rate("water", 90.0),
        None,
        Rule::NotAPartner,
    );
    let error = ledger
        .record("hongmei-head", at(12, 20), rate("chengguan", 120.0), None)
        .unwrap_err();
    assert_eq!(
        (error.rule, error.problems[0].code.as_str()),
        (Rule::InvalidPlan, "invalid-score")
    );
    accept(
        &mut ledger,
        "hongmei-urban-head",
        at(12, 20),
        rate("chengguan", 92.0),
        None,
    );
    refuse(
        &mut ledger,
        "hongmei-head",
        at(12, 21),
        rate("chengguan", 95.0),
        None,
        Rule::AlreadyRated,
    );
    let rating = &ledger.plan().document().partner_ratings[0];
    assert_eq!(
        (rating.score, rating.rated_by.as_str(), rating.rated_on),
        (92.0, "hongmei-urban-head", day(12, 20))
    );
}

/// The Xuhui plan as adopted on 6 January: without the sewage project's reports, which
/// the stories below record through the ledger, and without what was recorded after that
/// day, which comes through the ledger too, in time order (`catch_up`).
fn xuhui_ledger() -> (Ledger, mubiao_tests::Backlog) {
    let mut plan = PlanDocument::from_json_str(
        &std::fs::read_to_string(data_path("xuhui-2017.json")).unwrap(),
    )
    .unwrap();
    plan.progress_reports
        .retain(|r| !r.milestone.as_str().starts_with("kw-18-3"));
    let (plan, backlog) = mubiao_tests::split_at(plan, day(1, 6)).unwrap();
    let ledger = Ledger::adopt(
        plan,
        "district-head",
        at(1, 6),
        Some("2017 government work targets".into()),
    )
    .unwrap();
    (ledger, backlog)
}

/// Records the backlog up to `until`.
fn catch_up(ledger: &mut Ledger, backlog: &mut mubiao_tests::Backlog, until: NaiveDateTime) {
    mubiao_tests::catch_up(ledger, backlog, until).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn a_plan_holding_records_after_its_adoption_is_refused() {
    let plan = example_document().unwrap();
    let refused = Ledger::adopt(plan, "district-head", at(1, 5), None).unwrap_err();
    assert_eq!(refused.rule, Rule::ReportInFuture);
    assert!(refused.message.contains("/progress_reports/0"), "{refused}");
}

#[test]
fn the_seeds_stories_replayed() {
    let (mut ledger, mut backlog) = xuhui_ledger();
    // The sewage project: the approval still pending in mid-March, followed up daily, done
    // at the end of March.
    catch_up(&mut ledger, &mut backlog, at(3, 15));
    accept(
        &mut ledger,
        "water-head",
        at(3, 15),
        Change::ReportProgress {
            milestone: "kw-18-3-m1".into(),
            date: day(3, 15),
            progress: Progress::Underway,
            note: Some("staff at the approving department every day".into()),
        },
        None,
    );
    // The tutoring institutions: a key task added after the spring sessions by the deputy
    // for social affairs, led by the education bureau.
    let mut task = tutoring_task().0;
    task.supervising_leader = Some("deputy-social".into());
    task.plan_item = "pi-edu-tutoring".into();
    task.sub_projects[0].responsibility = Responsibility {
        lead_unit: Some("edu".into()),
        partner_units: vec!["market".into(), "civil".into()],
        responsible_person: Some("edu-s1-head".into()),
    };
    let item = PlanItem {
        id: "pi-edu-tutoring".into(),
        title: "Regulate tutoring institutions".into(),
        submitted_by: "edu".into(),
    };
    catch_up(&mut ledger, &mut backlog, at(3, 20));
    refuse(
        &mut ledger,
        "edu-head",
        at(3, 20),
        Change::AddKeyTask {
            key_task: Box::new(task.clone()),
            plan_item: Some(item.clone()),
        },
        Some("public concern"),
        Rule::DistrictLeaderOnly,
    );
    catch_up(&mut ledger, &mut backlog, at(3, 20));
    accept(
        &mut ledger,
        "deputy-social",
        at(3, 20),
        Change::AddKeyTask {
            key_task: Box::new(task),
            plan_item: Some(item),
        },
        Some("public concern over tutoring institutions after the spring sessions"),
    );
    assert_eq!(
        ledger.plan().summary().key_tasks_by_kind[&KeyTaskKind::KeyWork],
        78
    );

    // The approval came through at the end of March.
    catch_up(&mut ledger, &mut backlog, at(3, 31));
    accept(
        &mut ledger,
        "water-s1-head",
        at(3, 31),
        report("kw-18-3-m1", day(3, 31), Progress::Done),
        None,
    );
    let q1 = ledger
        .plan()
        .status(day(3, 31), &StatusOptions::default())
        .unwrap();
    assert_eq!(
        q1.milestone("kw-18-3-m1").unwrap().status,
        MilestoneStatus::CompletedOnTime
    );
    // Still 210 of 221 key-work sub-projects on schedule.
    let rollup = q1.rollup();
    assert_eq!(
        rollup.by_kind[&KeyTaskKind::KeyWork].sub_projects_on_schedule,
        210
    );

    // A road of the historic area may not be pushed past Q3: moving it later is refused,
    // and so is a request for a subjective reason.
    catch_up(&mut ledger, &mut backlog, at(4, 10));
    refuse(
        &mut ledger,
        "jjw-head",
        at(4, 10),
        Change::MoveMilestoneEarlier {
            milestone: "kw-23-1-m3".into(),
            due: day(10, 31),
        },
        None,
        Rule::EarlierNeverLater,
    );
    let asked = accept(
        &mut ledger,
        "jjw-s1-head",
        at(4, 10),
        Change::RequestLaterDate {
            milestone: "kw-23-1-m3".into(),
            due: day(10, 31),
            class: LagClass::Subjective,
            cause: Some(LagCause::Other),
            text: "contractor short of staff".into(),
        },
        None,
    );
    catch_up(&mut ledger, &mut backlog, at(4, 11));
    refuse(
        &mut ledger,
        "deputy-urban",
        at(4, 11),
        Change::ApproveLaterDate { request: asked },
        None,
        Rule::ObjectiveReasonRequired,
    );
    catch_up(&mut ledger, &mut backlog, at(4, 11));
    accept(
        &mut ledger,
        "deputy-urban",
        at(4, 11),
        Change::RefuseLaterDate { request: asked },
        Some("all roads finish before the end of Q3"),
    );
    assert_eq!(
        ledger.plan().milestone("kw-23-1-m3").unwrap().milestone.due,
        Some(day(9, 30))
    );

    // The whole story replays from JSON Lines, and verifies.
    ledger.verify().unwrap();
    let text = ledger.to_jsonl();
    assert_eq!(text.lines().count(), ledger.entries().len());
    let read = Ledger::from_jsonl(&text).unwrap();
    assert_eq!(read.entries(), ledger.entries());
    assert_eq!(read.plan().document(), ledger.plan().document());
    // At noon on 20 March the tutoring task was not yet there.
    let noon = day(3, 20).and_hms_opt(12, 0, 0).unwrap();
    assert!(read
        .plan_at(noon)
        .unwrap()
        .key_task("kt-tutoring")
        .is_none());
    assert!(read.plan().key_task("kt-tutoring").is_some());
    assert_eq!(
        read.plan_at(noon).unwrap().summary().key_tasks_by_kind[&KeyTaskKind::KeyWork],
        77
    );
}

fn ledger_text() -> (Ledger, Vec<String>) {
    let mut ledger = example_ledger();
    for (n, value) in [(3, 6.0), (4, 9.0), (5, 11.0), (6, 13.0)] {
        accept(
            &mut ledger,
            "hongmei-urban-head",
            at(n, 10),
            report("hm-rivers-q3", day(n, 10), Progress::Cumulative(value)),
            None,
        );
    }
    let lines = ledger.to_jsonl().lines().map(str::to_owned).collect();
    (ledger, lines)
}

/// Rebuilds the hash chain from line `from` on, as the documented procedure does.
fn reseal(lines: &[String], from: usize) -> Vec<String> {
    mubiao_tests::rechain(lines, from, |v| serde_json::to_string(v).unwrap())
}

fn integrity_error(lines: &[String]) -> mubiao::IntegrityError {
    match Ledger::from_jsonl(&(lines.join("\n") + "\n")) {
        Err(Error::Integrity(error)) => error,
        other => panic!("{other:?}"),
    }
}

#[test]
fn tampering_is_found_at_the_first_bad_entry() {
    let (ledger, lines) = ledger_text();
    ledger.verify().unwrap();
    assert_eq!(lines.len(), 5);

    // Edited: 9 sites becomes 10 in entry 2.
    let mut edited = lines.clone();
    edited[2] = edited[2].replace("\"cumulative\":9.0", "\"cumulative\":10.0");
    assert_ne!(edited[2], lines[2]);
    let error = integrity_error(&edited);
    assert_eq!(
        (error.sequence, error.line, error.problem),
        (Some(2), 3, IntegrityProblem::HashMismatch)
    );

    // Removed: entry 2 taken out; entry 3 now stands where 2 should.
    let mut removed = lines.clone();
    removed.remove(2);
    let error = integrity_error(&removed);
    assert_eq!(
        (error.sequence, error.problem),
        (Some(3), IntegrityProblem::WrongSequence { expected: 2 })
    );

    // Inserted: a copy of entry 1 put in again after it.
    let mut inserted = lines.clone();
    inserted.insert(2, lines[1].clone());
    let error = integrity_error(&inserted);
    assert_eq!((error.sequence, error.line), (Some(1), 3));

    // Reordered: entries 2 and 3 swapped.
    let mut reordered = lines.clone();
    reordered.swap(2, 3);
    let error = integrity_error(&reordered);
    assert_eq!(
        (error.sequence, error.problem),
        (Some(3), IntegrityProblem::WrongSequence { expected: 2 })
    );

    // Renumbered to hide a removal: the renumbered line's bytes no longer match its hash.
    let mut renumbered = lines.clone();
    renumbered.remove(2);
    renumbered[2] = renumbered[2].replacen("\"sequence\":3", "\"sequence\":2", 1);
    let error = integrity_error(&renumbered);
    assert_eq!(
        (error.sequence, &error.problem),
        (Some(2), &IntegrityProblem::HashMismatch)
    );
    // Renumbered and resealed from there on, the next entry's number gives it away.
    let resealed = reseal(&renumbered, 2);
    let resealed_error = integrity_error(&resealed);
    assert_eq!(
        resealed_error.problem,
        IntegrityProblem::WrongSequence { expected: 3 }
    );

    // The message names the line, the entry and what is wrong.
    assert!(error
        .to_string()
        .starts_with("ledger line 3 (entry 2) fails verification"));
}

#[test]
fn the_canonical_form_can_be_checked_without_this_library() {
    use sha2::{Digest, Sha256};
    let (_, lines) = ledger_text();
    let mut previous = mubiao::GENESIS_HASH.to_owned();
    for (n, line) in lines.iter().enumerate() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["sequence"], n as u64);
        assert_eq!(value["previous_hash"], previous.as_str());
        let hash = value["hash"].as_str().unwrap();
        let suffix = format!(",\"hash\":\"{hash}\"}}");
        let canonical = format!("{}}}", line.strip_suffix(&suffix).unwrap());
        let digest: String = Sha256::digest(canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(digest, hash);
        previous = hash.to_owned();
    }
}

#[test]
fn bad_lines_are_reported_with_their_number_and_nothing_is_dropped() {
    let (_, lines) = ledger_text();
    let mut broken = lines.clone();
    broken[3] = "{\"sequence\": 3,".to_owned();
    match Ledger::from_jsonl(&broken.join("\n")) {
        Err(Error::Format(error)) => {
            assert_eq!(error.position().unwrap().0, 4);
            assert_eq!(error.code(), "malformed-json");
        }
        other => panic!("{other:?}"),
    }
    // A byte added to a line breaks its hash before anything else is read.
    let mut unknown = lines.clone();
    unknown[1] = unknown[1].replacen("{\"sequence\"", "{\"colour\":1,\"sequence\"", 1);
    match Ledger::from_jsonl(&unknown.join("\n")) {
        Err(Error::Integrity(error)) => {
            assert_eq!(
                (error.line, error.problem),
                (2, IntegrityProblem::HashMismatch)
            );
        }
        other => panic!("{other:?}"),
    }
    // The same line with its chain rebuilt is whole, and then the unknown field is named.
    let resealed = reseal(&unknown, 1);
    match Ledger::from_jsonl(&resealed.join("\n")) {
        Err(Error::Format(error)) => {
            assert_eq!(error.position().unwrap().0, 2);
            assert!(
                error.to_string().contains("unknown field `colour`"),
                "{error}"
            );
        }
        other => panic!("{other:?}"),
    }
    let mut gap = lines.clone();
    gap.insert(2, String::new());
    assert!(
        matches!(Ledger::from_jsonl(&gap.join("\n")), Err(Error::Format(e)) if e.position().unwrap().0 == 3)
    );
    assert!(matches!(Ledger::from_jsonl(""), Err(Error::Format(_))));
    // A first line that does not adopt a plan.
    assert!(matches!(
        Ledger::from_jsonl(&lines[1..].join("\n")),
        Err(Error::Integrity(_))
    ));
}

#[test]
fn a_forged_but_well_chained_entry_is_still_checked_against_the_rules() {
    use sha2::{Digest, Sha256};
    // Someone appends an entry by a person outside the lead unit and computes its hashes.
    let (ledger, mut lines) = ledger_text();
    let previous = ledger.entries().last().unwrap().hash.clone();
    let body = format!(
        "{{\"sequence\":5,\"recorded_at\":\"2017-07-01T09:00:00\",\"actor\":\"water-head\",\"change\":{{\"kind\":\"report_progress\",\"milestone\":\"hm-rivers-q3\",\"date\":\"2017-07-01\",\"progress\":{{\"cumulative\":15.0}}}},\"previous_hash\":\"{previous}\"}}"
    );
    let hash: String = Sha256::digest(body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    lines.push(format!(
        "{},\"hash\":\"{hash}\"}}",
        body.strip_suffix('}').unwrap()
    ));
    match Ledger::from_jsonl(&lines.join("\n")) {
        Err(Error::Change(refused)) => assert_eq!(refused.rule, Rule::LeadUnitOnly),
        other => panic!("{other:?}"),
    }
}

#[test]
fn contract_gaps_name_who_must_sign() {
    let plan = example_document().unwrap().validate().unwrap();
    assert!(plan.contract_gaps().is_empty());
    let mut document = example_document().unwrap();
    document.contracts.remove(2); // Hongmei's head with its urban management section head
    document.contracts.remove(1); // the deputy with the water administration's head
    let gaps = document.validate().unwrap().contract_gaps();
    assert_eq!(gaps.len(), 2);
    assert_eq!(gaps[0].key_task.as_str(), "kt-rivers");
    assert_eq!(gaps[0].kind, ContractKind::UnitHeadWithSectionHead);
    assert_eq!(
        (
            gaps[0].upper_signer.as_ref().unwrap().as_str(),
            gaps[0].lower_signer.as_ref().unwrap().as_str()
        ),
        ("hongmei-head", "hongmei-urban-head")
    );
    assert_eq!(gaps[1].key_task.as_str(), "kt-sewage");
    assert_eq!(gaps[1].kind, ContractKind::LeaderWithUnitHead);
    assert_eq!(
        gaps[1].upper_signer.as_ref().unwrap().as_str(),
        "deputy-urban"
    );
    assert_eq!(
        gaps[1].lower_signer.as_ref().unwrap().as_str(),
        "water-head"
    );
    // The Xuhui plan's contracts cover every key task.
    let xuhui = PlanDocument::from_json_str(
        &std::fs::read_to_string(data_path("xuhui-2017.json")).unwrap(),
    )
    .unwrap();
    assert!(xuhui.validate().unwrap().contract_gaps().is_empty());
}
