//! Every kind of change, valid and invalid, against an independent reference: the change
//! applied by hand to the plan's JSON (as `docs/ledger.md` describes each kind) and the
//! result validated whole. The ledger checks only what a change touches and applies it in
//! place; it must accept exactly the changes whose result validates, keep exactly the
//! plan the reference gives, and find every item by id afterwards.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate, NaiveDateTime};
use mubiao::{Change, Ledger, PlanDocument, Rule};
use mubiao_tests::{example_to_adopt, EXAMPLE_PEOPLE};
use proptest::prelude::*;
use serde_json::{json, Value};

const PEOPLE: [&str; 6] = EXAMPLE_PEOPLE;
const MILESTONES: [&str; 8] = [
    "hm-rivers-q1",
    "hm-rivers-q2",
    "hm-rivers-q3",
    "sewage-approval",
    "sewage-works",
    "new-m1",
    "new-m2",
    "",
];
const SUBS: [&str; 5] = ["hm-rivers", "sewage", "new-s1", "new-s2", ""];
const TASKS: [&str; 4] = ["kt-rivers", "kt-sewage", "new-t1", ""];
const UNITS: [&str; 5] = ["chengguan", "water", "hongmei", "gov", "nowhere"];
const CONTRACTS: [&str; 3] = ["c-hongmei", "c-new", ""];
const ITEMS: [&str; 3] = ["pi-rivers", "pi-new", ""];

/// One generated step: a kind of change and numbers that pick its particulars.
#[derive(Clone, Debug)]
struct Step {
    kind: u8,
    a: usize,
    b: usize,
    days: u16,
    flag: bool,
    person: usize,
    hours: i64,
    with_reason: bool,
    /// Whether the change is made by the person the rules let make it, mostly: the checks
    /// of the plan are reached only past the rules of who may do what.
    right_person: bool,
}

fn step() -> impl Strategy<Value = Step> {
    (
        0..17u8,
        0..8usize,
        0..8usize,
        0..400u16,
        any::<bool>(),
        0..6usize,
        -2i64..6,
        prop::bool::weighted(0.85),
        prop::bool::weighted(0.8),
    )
        .prop_map(
            |(kind, a, b, days, flag, person, hours, with_reason, right_person)| Step {
                kind,
                a,
                b,
                days,
                flag,
                person,
                hours,
                with_reason,
                right_person,
            },
        )
}

fn date(days: u16) -> String {
    NaiveDate::from_ymd_opt(2016, 12, 1)
        .unwrap()
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap()
        .to_string()
}

fn target(flag: bool, value: usize) -> Value {
    if flag {
        json!({"quantity": {"unit": "sites", "goal": {"at_least": value * 3}}})
    } else {
        json!({"deliverable": {"description": "a report"}})
    }
}

fn milestone(id: &str, days: u16, flag: bool, value: usize) -> Value {
    json!({"id": id, "title": "node", "due": date(days), "target": target(flag, value)})
}

/// A new id, unique to the step, for a change meant to be valid; else one of `pool`,
/// which holds ids in use, new ids and an empty one.
fn id_for(prefix: &str, step: &Step, pool: &[&str], pick: usize) -> String {
    if step.right_person {
        format!("{prefix}-{}-{}-{}", step.days, step.a, step.b)
    } else {
        pool[pick % pool.len()].to_owned()
    }
}

fn sub_project(step: &Step) -> Value {
    let first = id_for("m", step, &MILESTONES, step.b);
    let mut milestones = vec![milestone(&first, step.days, step.flag, step.a)];
    if step.a % 2 == 0 {
        milestones.push(milestone(
            &format!("{first}-2"),
            step.days / 2,
            step.flag,
            step.a,
        ));
    }
    let lead = if step.right_person {
        "hongmei"
    } else {
        UNITS[step.a % 5]
    };
    json!({
        "id": id_for("s", step, &SUBS, step.a),
        "title": "new work",
        "responsibility": {"lead_unit": lead},
        "milestones": milestones,
    })
}

/// The change a step stands for, as the JSON a ledger line holds.
fn change_for(step: &Step, when: NaiveDateTime, requests: &[u64]) -> Value {
    let m = MILESTONES[step.a % 8];
    match step.kind {
        0 => json!({"kind": "report_progress", "milestone": m, "date": when.date().to_string(),
                    "progress": if step.flag { json!({"cumulative": step.b * 2}) } else { json!("done") }}),
        1 => json!({"kind": "record_lag_reason", "milestone": m, "class": "subjective",
                    "text": if step.flag { "late" } else { " " }}),
        2 => json!({"kind": "move_milestone_earlier", "milestone": m, "due": date(step.days)}),
        3 => json!({"kind": "request_later_date", "milestone": m, "due": date(step.days),
                    "class": if step.flag { "objective" } else { "subjective" },
                    "cause": if step.flag { "policy_change" } else { "other" }, "text": "why"}),
        4 | 5 => {
            let request = match requests.len() {
                0 => step.b as u64,
                n => requests[step.b % n],
            };
            let kind = if step.kind == 4 {
                "approve_later_date"
            } else {
                "refuse_later_date"
            };
            json!({"kind": kind, "request": request})
        }
        6 => json!({"kind": "adjust_target", "milestone": m, "target": target(step.flag, step.b)}),
        7 => {
            let item = match step.b % 3 {
                0 => json!({"milestone": m}),
                1 => json!({"sub_project": SUBS[step.a % 5]}),
                _ => json!({"key_task": TASKS[step.a % 4]}),
            };
            json!({"kind": "withdraw", "item": item})
        }
        8 | 9 => json!({"kind": if step.kind == 8 { "assign_partner" } else { "remove_partner" },
                        "sub_project": SUBS[step.b % 5], "unit": UNITS[step.a % 5]}),
        10 => json!({"kind": "sign_contract", "contract": {
            "id": CONTRACTS[step.b % 3],
            "kind": if step.flag { "leader_with_unit_head" } else { "unit_head_with_section_head" },
            "upper_signer": if step.flag { PEOPLE[1 + step.person % 2] } else { PEOPLE[2 + step.person % 3] },
            "lower_signer": if step.flag { PEOPLE[2 + step.a % 3] } else { PEOPLE[3 + step.a % 3] },
            "signed_on": date(step.days), "key_tasks": [TASKS[step.b % 4]]}}),
        11 => json!({"kind": "rate_partner", "sub_project": SUBS[step.b % 5],
                     "partner": UNITS[step.a % 5], "score": step.days / 3}),
        12 => json!({"kind": "add_milestone", "sub_project": SUBS[step.b % 5],
                     "milestone": milestone(&id_for("m", step, &MILESTONES, step.a), step.days, step.flag, step.b)}),
        13 => json!({"kind": "add_sub_project", "key_task": TASKS[step.b % 4],
                     "sub_project": sub_project(step)}),
        14 | 15 => {
            let mut task = json!({
                "id": id_for("t", step, &TASKS, step.b), "title": "new task",
                "kind": if step.flag { "key_work" } else { "major_project" },
                "level": "district", "plan_item": if step.right_person { "pi-rivers" } else { ITEMS[step.a % 3] },
                "supervising_leader": PEOPLE[step.person % 3],
                "multi_year": step.days % 7 == 0 && !(step.right_person && step.flag),
                "sub_projects": if step.days % 5 == 0 { json!([]) } else { json!([sub_project(step)]) },
            });
            if step.kind == 15 {
                task["plan_item"] = json!("pi-new");
                return json!({"kind": "add_key_task", "key_task": task,
                              "plan_item": {"id": if step.right_person { "pi-new" } else { ITEMS[step.b % 3] }, "title": "new item",
                                            "submitted_by": UNITS[step.a % 5]}});
            }
            json!({"kind": "add_key_task", "key_task": task})
        }
        _ => json!({"kind": "record_lag_reason", "milestone": m, "class": "objective",
                    "cause": "force_majeure", "text": "storm"}),
    }
}

/// The person the rules let make a change, as far as one fits: the lead unit for its
/// records, the supervising leader for adjustments, the district head for new key tasks.
fn right_person(change: &Value, step: &Step) -> &'static str {
    let milestone = change["milestone"].as_str().unwrap_or_default();
    let hongmei = milestone.starts_with("hm") || milestone.starts_with("new");
    match change["kind"].as_str().unwrap_or_default() {
        "report_progress" | "record_lag_reason" | "request_later_date" => {
            if hongmei {
                "hongmei-urban-head"
            } else {
                "water-head"
            }
        }
        "add_key_task" => "district-head",
        "sign_contract" if step.a % 2 == 0 => "hongmei-head",
        "rate_partner" => "hongmei-head",
        _ => "deputy-urban",
    }
}

/// Every milestone, as `(key task, sub-project, milestone)` objects, mutably.
fn milestone_mut<'v>(document: &'v mut Value, id: &str) -> Option<&'v mut Value> {
    document["key_tasks"]
        .as_array_mut()?
        .iter_mut()
        .flat_map(|t| t["sub_projects"].as_array_mut().into_iter().flatten())
        .flat_map(|s| s["milestones"].as_array_mut().into_iter().flatten())
        .find(|m| m["id"] == id)
}

fn sub_mut<'v>(document: &'v mut Value, id: &str) -> Option<&'v mut Value> {
    document["key_tasks"]
        .as_array_mut()?
        .iter_mut()
        .flat_map(|t| t["sub_projects"].as_array_mut().into_iter().flatten())
        .find(|s| s["id"] == id)
}

fn task_mut<'v>(document: &'v mut Value, id: &str) -> Option<&'v mut Value> {
    document["key_tasks"]
        .as_array_mut()?
        .iter_mut()
        .find(|t| t["id"] == id)
}

fn push(document: &mut Value, list: &str, value: Value) {
    if document[list].is_null() {
        document[list] = json!([]);
    }
    document[list].as_array_mut().unwrap().push(value);
}

fn settle(document: &mut Value, request: &Value) {
    if let Some(reasons) = document["lag_reasons"].as_array_mut() {
        for reason in reasons {
            if reason.get("pending_request") == Some(request) {
                reason.as_object_mut().unwrap().remove("pending_request");
            }
        }
    }
}

/// The plan after a change, by hand, following `docs/ledger.md`; `None` when the change
/// names something that does not exist. `requests` maps a request's number to its
/// milestone and date.
fn by_hand(
    mut document: Value,
    change: &Value,
    entry: (&str, NaiveDateTime, u64, Option<&str>),
    requests: &std::collections::BTreeMap<u64, (String, Value)>,
) -> Option<Value> {
    let (actor, at, sequence, reason) = entry;
    let today = json!(at.date().to_string());
    let field = |name: &str| change[name].clone();
    match change["kind"].as_str()? {
        "report_progress" => {
            let mut report = json!({"milestone": field("milestone"), "date": field("date"),
                                    "progress": field("progress"), "reported_by": actor});
            if !change["note"].is_null() {
                report["note"] = field("note");
            }
            push(&mut document, "progress_reports", report);
        }
        "record_lag_reason" | "request_later_date" => {
            if change["kind"] == "request_later_date" && change["class"] != "objective" {
                return Some(document);
            }
            let mut reason = json!({"milestone": field("milestone"), "class": field("class"),
                                    "text": field("text"), "recorded_on": today});
            if !change["cause"].is_null() {
                reason["cause"] = field("cause");
            }
            if change["kind"] == "request_later_date" {
                reason["pending_request"] = json!(sequence);
            }
            push(&mut document, "lag_reasons", reason);
        }
        "move_milestone_earlier" => {
            milestone_mut(&mut document, change["milestone"].as_str()?)?["due"] = field("due");
        }
        "approve_later_date" => {
            let (milestone, due) = requests.get(&change["request"].as_u64()?)?;
            milestone_mut(&mut document, milestone)?["due"] = due.clone();
            settle(&mut document, &change["request"]);
        }
        "refuse_later_date" => settle(&mut document, &change["request"]),
        "adjust_target" => {
            milestone_mut(&mut document, change["milestone"].as_str()?)?["target"] =
                field("target");
        }
        "withdraw" => {
            let withdrawal = json!({"on": today, "reason": reason.unwrap_or_default()});
            let item = &change["item"];
            let found = if let Some(id) = item["milestone"].as_str() {
                milestone_mut(&mut document, id)
            } else if let Some(id) = item["sub_project"].as_str() {
                sub_mut(&mut document, id)
            } else {
                task_mut(&mut document, item["key_task"].as_str()?)
            };
            found?["withdrawn"] = withdrawal;
        }
        "assign_partner" | "remove_partner" => {
            let sub = sub_mut(&mut document, change["sub_project"].as_str()?)?;
            let responsibility = &mut sub["responsibility"];
            if responsibility["partner_units"].is_null() {
                responsibility["partner_units"] = json!([]);
            }
            let partners = responsibility["partner_units"].as_array_mut()?;
            if change["kind"] == "assign_partner" {
                partners.push(field("unit"));
            } else {
                partners.retain(|p| *p != change["unit"]);
            }
        }
        "sign_contract" => push(&mut document, "contracts", field("contract")),
        "rate_partner" => push(
            &mut document,
            "partner_ratings",
            json!({"sub_project": field("sub_project"), "partner": field("partner"),
                   "score": field("score"), "rated_by": actor, "rated_on": today}),
        ),
        "add_key_task" => {
            if !change["plan_item"].is_null() {
                push(&mut document, "plan_items", field("plan_item"));
            }
            push(&mut document, "key_tasks", field("key_task"));
        }
        "add_sub_project" => {
            let task = task_mut(&mut document, change["key_task"].as_str()?)?;
            task["sub_projects"]
                .as_array_mut()?
                .push(field("sub_project"));
        }
        "add_milestone" => {
            let sub = sub_mut(&mut document, change["sub_project"].as_str()?)?;
            sub["milestones"].as_array_mut()?.push(field("milestone"));
        }
        _ => return None,
    }
    Some(document)
}

/// A document's value with absent lists and members written alike.
fn normal(document: &PlanDocument) -> Value {
    serde_json::to_value(document).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_accepts_what_validates_and_keeps_the_plan_the_reference_gives(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        let start = NaiveDate::from_ymd_opt(2017, 1, 5).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let mut ledger = Ledger::adopt(example_to_adopt().unwrap(), "district-head", start, None).unwrap();
        let mut when = start;
        let mut requests = std::collections::BTreeMap::new();
        for step in &steps {
            when = if step.hours >= 0 {
                when.checked_add_signed(chrono::Duration::hours(step.hours * 24)).unwrap()
            } else {
                when.checked_sub_signed(chrono::Duration::hours(-step.hours)).unwrap()
            };
            let numbers: Vec<u64> = ledger.requests().map(|r| r.sequence).collect();
            let change_json = change_for(step, when, &numbers);
            let change: Change = serde_json::from_value(change_json.clone()).unwrap();
            let before = normal(ledger.plan().document());
            let sequence = ledger.entries().len() as u64;
            let reason = step.with_reason.then_some("because");
            let actor = if step.right_person {
                right_person(&change_json, step)
            } else {
                PEOPLE[step.person]
            };
            let expected: Option<PlanDocument> =
                by_hand(before.clone(), &change_json, (actor, when, sequence, reason), &requests)
                    .map(|value| serde_json::from_value(value).unwrap());
            let result = ledger.record(actor, when, change, reason.map(str::to_owned));
            match result {
                Ok(_) => {
                    let expected = expected.expect("an accepted change names what exists");
                    prop_assert_eq!(ledger.plan().document(), &expected, "{:?}", change_json);
                    // The reference, validated whole, is valid and equals the plan kept.
                    let whole = expected.validate().unwrap();
                    prop_assert!(ledger.plan() == &whole);
                    for found in whole.milestones() {
                        let id = found.milestone.id.as_str();
                        let kept = ledger.plan().milestone(id).unwrap();
                        prop_assert_eq!(kept.index, found.index);
                        prop_assert_eq!(kept.sub_project.id.as_str(), found.sub_project.id.as_str());
                        prop_assert!(ledger.plan().sub_project(found.sub_project.id.as_str()).is_some());
                        prop_assert!(ledger.plan().key_task(found.key_task.id.as_str()).is_some());
                    }
                    for contract in &whole.document().contracts {
                        prop_assert!(ledger.plan().document().contracts.iter().any(|c| c.id == contract.id));
                    }
                    if let Some(request) = ledger.requests().last() {
                        if request.sequence == sequence {
                            requests.insert(sequence, (request.milestone.to_string(), json!(request.due.to_string())));
                        }
                    }
                }
                Err(refused) => {
                    prop_assert_eq!(&normal(ledger.plan().document()), &before);
                    prop_assert_eq!(ledger.entries().len() as u64, sequence);
                    if refused.rule == Rule::InvalidPlan {
                        // The reference agrees that the changed plan is not valid.
                        let expected = expected.expect("a change found invalid names what exists");
                        let problems = expected.problems();
                        prop_assert!(!problems.is_empty(), "{:?} refused: {:?}", change_json, refused.problems);
                        // Every problem the ledger names is one validation names too.
                        for problem in &refused.problems {
                            prop_assert!(problems.iter().any(|p| p.code == problem.code), "{:?} not in {:?}", problem, problems);
                        }
                    } else if let Some(expected) = expected {
                        // A rule refused it; had the plan been changed, it may still have
                        // validated. Nothing to compare but that the plan stayed.
                        let _ = expected;
                    }
                }
            }
        }
        // The ledger read back from its lines replays to the same plan, and so does the
        // replay up to its last entry.
        let read = Ledger::from_jsonl(&ledger.to_jsonl()).unwrap();
        prop_assert!(read.plan() == ledger.plan());
        let last = ledger.entries().last().unwrap().recorded_at;
        prop_assert!(&ledger.plan_at(last).unwrap() == ledger.plan());
    }
}
