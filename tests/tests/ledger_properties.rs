//! For random sequences of valid and invalid changes, a refused change leaves the plan and
//! the ledger exactly as they were, and the final plan equals the replay of the accepted
//! changes alone.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate, NaiveDateTime};
use mubiao::{Change, ItemId, LagCause, LagClass, Ledger, Progress};
use mubiao_tests::{example_to_adopt, EXAMPLE_PEOPLE};
use proptest::prelude::*;

const PEOPLE: [&str; 6] = EXAMPLE_PEOPLE;
const MILESTONES: [&str; 6] = [
    "hm-rivers-q1",
    "hm-rivers-q2",
    "hm-rivers-q3",
    "sewage-approval",
    "sewage-works",
    "missing",
];
const UNITS: [&str; 4] = ["chengguan", "water", "hongmei", "gov"];

#[derive(Clone, Debug)]
enum Action {
    Report {
        m: usize,
        value: u8,
        done: bool,
    },
    MoveEarlier {
        m: usize,
        days: u16,
    },
    RequestLater {
        m: usize,
        days: u16,
        objective: bool,
    },
    Decide {
        pick: usize,
        approve: bool,
    },
    LagReason {
        m: usize,
        objective: bool,
    },
    Rate {
        unit: usize,
        score: u8,
    },
    Partner {
        unit: usize,
        assign: bool,
    },
    Withdraw {
        m: usize,
    },
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        (0..6usize, any::<u8>(), any::<bool>()).prop_map(|(m, value, done)| Action::Report {
            m,
            value,
            done
        }),
        (0..6usize, 0..200u16).prop_map(|(m, days)| Action::MoveEarlier { m, days }),
        (0..6usize, 0..200u16, any::<bool>())
            .prop_map(|(m, days, objective)| Action::RequestLater { m, days, objective }),
        (0..8usize, any::<bool>()).prop_map(|(pick, approve)| Action::Decide { pick, approve }),
        (0..6usize, any::<bool>()).prop_map(|(m, objective)| Action::LagReason { m, objective }),
        (0..4usize, any::<u8>()).prop_map(|(unit, score)| Action::Rate { unit, score }),
        (0..4usize, any::<bool>()).prop_map(|(unit, assign)| Action::Partner { unit, assign }),
        (0..6usize).prop_map(|m| Action::Withdraw { m }),
    ]
}

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2017, 1, 5)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn change_for(action: &Action, when: NaiveDateTime, ledger: &Ledger) -> Change {
    let date = |days: u16| {
        let due = NaiveDate::from_ymd_opt(2017, 3, 31).unwrap();
        due.checked_add_days(Days::new(u64::from(days))).unwrap()
    };
    match *action {
        Action::Report { m, value, done } => Change::ReportProgress {
            milestone: MILESTONES[m].into(),
            date: when.date(),
            progress: if done {
                Progress::Done
            } else {
                Progress::Cumulative(f64::from(value % 20))
            },
            note: None,
        },
        Action::MoveEarlier { m, days } => Change::MoveMilestoneEarlier {
            milestone: MILESTONES[m].into(),
            due: date(days),
        },
        Action::RequestLater { m, days, objective } => Change::RequestLaterDate {
            milestone: MILESTONES[m].into(),
            due: date(days),
            class: if objective {
                LagClass::Objective
            } else {
                LagClass::Subjective
            },
            cause: Some(if objective {
                LagCause::PolicyChange
            } else {
                LagCause::Other
            }),
            text: "reason".into(),
        },
        Action::Decide { pick, approve } => {
            let requests: Vec<u64> = ledger.requests().map(|r| r.sequence).collect();
            let request = requests.get(pick).copied().unwrap_or(pick as u64);
            if approve {
                Change::ApproveLaterDate { request }
            } else {
                Change::RefuseLaterDate { request }
            }
        }
        Action::LagReason { m, objective } => Change::RecordLagReason {
            milestone: MILESTONES[m].into(),
            class: if objective {
                LagClass::Objective
            } else {
                LagClass::Subjective
            },
            cause: None,
            text: "late".into(),
        },
        Action::Rate { unit, score } => Change::RatePartner {
            sub_project: "hm-rivers".into(),
            partner: UNITS[unit].into(),
            score: f64::from(score),
            comment: None,
        },
        Action::Partner { unit, assign } => {
            if assign {
                Change::AssignPartner {
                    sub_project: "sewage".into(),
                    unit: UNITS[unit].into(),
                }
            } else {
                Change::RemovePartner {
                    sub_project: "sewage".into(),
                    unit: UNITS[unit].into(),
                }
            }
        }
        Action::Withdraw { m } => Change::Withdraw {
            item: ItemId::Milestone(MILESTONES[m].into()),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn refused_changes_leave_no_trace_and_replay_gives_the_same_plan(
        steps in proptest::collection::vec((action(), 0..6usize, -2i64..10, any::<bool>()), 1..40)
    ) {
        let mut ledger = Ledger::adopt(example_to_adopt().unwrap(), "district-head", start(), None).unwrap();
        let mut when = start();
        let mut accepted = 0;
        for (action, person, hours, with_reason) in &steps {
            // Usually forward in time, sometimes backward (which must be refused).
            when = if *hours >= 0 {
                when.checked_add_signed(chrono::Duration::hours(hours * 24)).unwrap()
            } else {
                when.checked_sub_signed(chrono::Duration::hours(-hours)).unwrap()
            };
            let change = change_for(action, when, &ledger);
            let before_entries = ledger.entries().to_vec();
            let before_plan = ledger.plan().document().clone();
            let reason = with_reason.then(|| "because".to_owned());
            match ledger.record(PEOPLE[*person], when, change, reason) {
                Ok(_) => {
                    accepted += 1;
                    // The plan kept incrementally is the plan its document validates to,
                    // and answers a status question alike.
                    let whole = ledger.plan().document().clone().validate().unwrap();
                    prop_assert!(ledger.plan() == &whole);
                    let day = when.date().min(chrono::NaiveDate::from_ymd_opt(2018, 12, 31).unwrap());
                    let options = mubiao::StatusOptions::default();
                    if let (Ok(kept), Ok(fresh)) = (ledger.plan().status(day, &options), whole.status(day, &options)) {
                        prop_assert_eq!(kept.rollup(), fresh.rollup());
                        prop_assert_eq!(
                            kept.milestone_rows().collect::<Vec<_>>(),
                            fresh.milestone_rows().collect::<Vec<_>>()
                        );
                    }
                }
                Err(_) => {
                    prop_assert_eq!(ledger.entries(), &before_entries[..]);
                    prop_assert_eq!(ledger.plan().document(), &before_plan);
                }
            }
        }
        prop_assert_eq!(ledger.entries().len(), accepted + 1);
        ledger.verify().unwrap();
        // The accepted entries alone, written and read back, give the same plan...
        let read = Ledger::from_jsonl(&ledger.to_jsonl()).unwrap();
        prop_assert_eq!(read.plan().document(), ledger.plan().document());
        // ...and so does replaying them up to the last moment.
        let last = ledger.entries().last().unwrap().recorded_at;
        let replayed = ledger.plan_at(last).unwrap();
        prop_assert_eq!(replayed.document(), ledger.plan().document());
    }
}
