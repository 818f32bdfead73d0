//! Property tests of the plan document: reading back what was written is lossless, and no
//! input — arbitrary JSON, arbitrary bytes, mutated valid documents — makes reading or
//! validation panic. Every problem's path points at a value that exists in the document.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mubiao::{
    Contract, ContractKind, Goal, Granularity, KeyTask, KeyTaskKind, LagCause, LagClass, LagReason,
    Level, Milestone, PartnerRating, Person, PlanDocument, PlanItem, Progress, ProgressReport,
    QuantityTarget, Responsibility, Role, SubProject, Target, Unit, UnitKind, Withdrawal,
    FORMAT_VERSION,
};
use mubiao_tests::example_plan_json;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::Value;

fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z]{1,3}", any::<String>(),]
}

fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=3_652_059).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// Any finite number: JSON has no NaN or infinity.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (0u32..1000).prop_map(f64::from),
    ]
}

fn unit() -> impl Strategy<Value = Unit> {
    (
        id(),
        text(),
        prop_oneof![
            Just(UnitKind::Government),
            Just(UnitKind::Department),
            Just(UnitKind::Street),
            Just(UnitKind::Town),
            Just(UnitKind::Section)
        ],
        option::of(id()),
    )
        .prop_map(|(id, name, kind, parent)| Unit {
            id: id.into(),
            name,
            kind,
            parent: parent.map(Into::into),
        })
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        Just(Role::DistrictHead),
        Just(Role::DeputyDistrictHead),
        Just(Role::UnitHead),
        Just(Role::SectionHead),
        Just(Role::Staff)
    ]
}

fn person() -> impl Strategy<Value = Person> {
    (id(), text(), role(), id()).prop_map(|(id, name, role, unit)| Person {
        id: id.into(),
        name,
        role,
        unit: unit.into(),
    })
}

fn responsibility() -> impl Strategy<Value = Responsibility> {
    (option::of(id()), vec(id(), 0..3), option::of(id())).prop_map(|(lead, partners, person)| {
        Responsibility {
            lead_unit: lead.map(Into::into),
            partner_units: partners.into_iter().map(Into::into).collect(),
            responsible_person: person.map(Into::into),
        }
    })
}

fn target() -> impl Strategy<Value = Target> {
    let goal = prop_oneof![
        number().prop_map(Goal::AtLeast),
        number().prop_map(Goal::AtMost),
        (number(), number()).prop_map(|(low, high)| Goal::Within { low, high }),
    ];
    prop_oneof![
        text().prop_map(|description| Target::Deliverable { description }),
        (text(), goal, option::of(number())).prop_map(|(unit, goal, baseline)| {
            Target::Quantity(QuantityTarget {
                unit,
                goal,
                baseline,
            })
        }),
    ]
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (
        id(),
        text(),
        option::of(date()),
        prop_oneof![Just(Granularity::Month), Just(Granularity::Quarter)],
        option::of(target()),
        option::of(responsibility()),
        withdrawal(),
    )
        .prop_map(
            |(id, title, due, granularity, target, responsibility, withdrawn)| Milestone {
                id: id.into(),
                title,
                due,
                granularity,
                target,
                responsibility: responsibility.map(Box::new),
                withdrawn: withdrawn.map(Box::new),
            },
        )
}

fn sub_project() -> impl Strategy<Value = SubProject> {
    (
        id(),
        text(),
        option::of(date()),
        responsibility(),
        vec(milestone(), 0..3),
        withdrawal(),
    )
        .prop_map(
            |(id, title, start, responsibility, milestones, withdrawn)| SubProject {
                id: id.into(),
                title,
                start,
                responsibility,
                milestones,
                withdrawn,
            },
        )
}

fn key_task() -> impl Strategy<Value = KeyTask> {
    (
        id(),
        text(),
        proptest::sample::select(KeyTaskKind::ALL.to_vec()),
        prop_oneof![Just(Level::City), Just(Level::District)],
        id(),
        option::of(id()),
        any::<bool>(),
        vec(sub_project(), 0..3),
        withdrawal(),
    )
        .prop_map(
            |(id, title, kind, level, plan_item, leader, multi_year, sub_projects, withdrawn)| {
                KeyTask {
                    id: id.into(),
                    title,
                    kind,
                    level,
                    plan_item: plan_item.into(),
                    supervising_leader: leader.map(Into::into),
                    multi_year,
                    sub_projects,
                    withdrawn,
                }
            },
        )
}

fn contract() -> impl Strategy<Value = Contract> {
    (
        id(),
        prop_oneof![
            Just(ContractKind::LeaderWithUnitHead),
            Just(ContractKind::UnitHeadWithSectionHead)
        ],
        id(),
        id(),
        date(),
        vec(id(), 0..3),
    )
        .prop_map(|(id, kind, upper, lower, signed_on, tasks)| Contract {
            id: id.into(),
            kind,
            upper_signer: upper.into(),
            lower_signer: lower.into(),
            signed_on,
            key_tasks: tasks.into_iter().map(Into::into).collect(),
        })
}

fn report() -> impl Strategy<Value = ProgressReport> {
    let progress = prop_oneof![
        number().prop_map(Progress::Cumulative),
        Just(Progress::Done),
        Just(Progress::Underway)
    ];
    (id(), date(), progress, option::of(id()), option::of(text())).prop_map(
        |(milestone, date, progress, by, note)| ProgressReport {
            milestone: milestone.into(),
            date,
            progress,
            reported_by: by.map(Into::into),
            note,
        },
    )
}

fn lag_reason() -> impl Strategy<Value = LagReason> {
    (
        id(),
        prop_oneof![Just(LagClass::Objective), Just(LagClass::Subjective)],
        option::of(prop_oneof![
            Just(LagCause::PolicyChange),
            Just(LagCause::HigherLevelApproval),
            Just(LagCause::ForceMajeure),
            Just(LagCause::Other)
        ]),
        text(),
        date(),
    )
        .prop_map(|(milestone, class, cause, text, recorded_on)| LagReason {
            milestone: milestone.into(),
            class,
            cause,
            text,
            recorded_on,
            pending_request: None,
        })
}

fn withdrawal() -> impl Strategy<Value = Option<Withdrawal>> {
    option::of((date(), text()).prop_map(|(on, reason)| Withdrawal { on, reason }))
}

fn rating() -> impl Strategy<Value = PartnerRating> {
    (id(), id(), number(), id(), date(), option::of(text())).prop_map(
        |(sub_project, partner, score, rated_by, rated_on, comment)| PartnerRating {
            sub_project: sub_project.into(),
            partner: partner.into(),
            score,
            rated_by: rated_by.into(),
            rated_on,
            comment,
        },
    )
}

fn document() -> impl Strategy<Value = PlanDocument> {
    (
        any::<i32>(),
        text(),
        vec(unit(), 0..4),
        vec(person(), 0..4),
        vec((id(), text(), id()), 0..3),
        vec(key_task(), 0..3),
        vec(contract(), 0..3),
        vec(report(), 0..4),
        vec(lag_reason(), 0..3),
        vec(rating(), 0..3),
    )
        .prop_map(
            |(
                year,
                name,
                units,
                people,
                items,
                key_tasks,
                contracts,
                reports,
                reasons,
                ratings,
            )| {
                PlanDocument {
                    format_version: FORMAT_VERSION,
                    year,
                    name,
                    units,
                    people,
                    plan_items: items
                        .into_iter()
                        .map(|(id, title, unit)| PlanItem {
                            id: id.into(),
                            title,
                            submitted_by: unit.into(),
                        })
                        .collect(),
                    key_tasks,
                    contracts,
                    progress_reports: reports,
                    lag_reasons: reasons,
                    partner_ratings: ratings,
                }
            },
        )
}

/// Any JSON value, nested a few levels, with keys that sometimes are the document's own.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("format_version".to_owned()),
        Just("year".to_owned()),
        Just("units".to_owned()),
        Just("key_tasks".to_owned()),
        Just("id".to_owned()),
        "[a-z_]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        number().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        Just(Value::from(1)),
        Just(Value::from("2017-03-31")),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Reads, validates and checks problem paths; must never panic.
fn read_and_validate(text: &str) {
    if let Ok(document) = PlanDocument::from_json_str(text) {
        let problems = document.problems();
        let tree = serde_json::to_value(&document).unwrap();
        for problem in &problems {
            assert!(
                tree.pointer(&problem.path).is_some(),
                "problem path {} does not resolve: {problem}",
                problem.path
            );
            assert!(!problem.message.is_empty());
        }
        assert_eq!(document.validate().is_ok(), problems.is_empty());
    }
}

/// Every path to a value inside a JSON tree.
fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = format!("{here}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(path.clone());
                pointers(child, path, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let path = format!("{here}/{i}");
                out.push(path.clone());
                pointers(child, path, out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    Duplicate,
}

fn mutate(tree: &mut Value, path: &str, mutation: &Mutation) {
    let Some((parent_path, last)) = path.rsplit_once('/') else {
        return;
    };
    let Some(parent) = tree.pointer_mut(parent_path) else {
        return;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match (parent, mutation) {
        (Value::Object(map), Mutation::Replace(value)) => {
            map.insert(key, value.clone());
        }
        (Value::Object(map), Mutation::Remove) => {
            map.remove(&key);
        }
        (Value::Object(map), Mutation::Duplicate) => {
            if let Some(value) = map.get(&key).cloned() {
                map.insert(format!("{key}_copy"), value);
            }
        }
        (Value::Array(items), mutation) => {
            let Ok(i) = key.parse::<usize>() else { return };
            if i >= items.len() {
                return;
            }
            match mutation {
                Mutation::Replace(value) => items[i] = value.clone(),
                Mutation::Remove => {
                    items.remove(i);
                }
                Mutation::Duplicate => {
                    let copy = items[i].clone();
                    items.insert(i, copy);
                }
            }
        }
        _ => {}
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        json_value().prop_map(Mutation::Replace),
        Just(Mutation::Remove),
        Just(Mutation::Duplicate),
        Just(Mutation::Replace(Value::from(""))),
        Just(Mutation::Replace(Value::from(-1))),
        Just(Mutation::Replace(Value::from("hongmei"))),
        Just(Mutation::Replace(Value::from("2018-01-01"))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn writing_and_reading_back_is_lossless(document in document()) {
        let compact = document.to_json_string();
        prop_assert_eq!(&PlanDocument::from_json_str(&compact).unwrap(), &document);
        let pretty = document.to_json_string_pretty();
        prop_assert_eq!(&PlanDocument::from_json_str(&pretty).unwrap(), &document);
    }

    #[test]
    fn arbitrary_documents_validate_without_panicking(document in document()) {
        read_and_validate(&document.to_json_string());
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        read_and_validate(&value.to_string());
        // The same with the format version set, so the reader goes past the version check.
        if let Value::Object(mut map) = value {
            map.insert("format_version".into(), Value::from(1));
            read_and_validate(&Value::Object(map).to_string());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..256)) {
        let _ = PlanDocument::from_json_slice(&bytes);
    }

    #[test]
    fn mutated_valid_documents_never_panic(
        picks in vec((any::<proptest::sample::Index>(), mutation()), 1..4)
    ) {
        let mut tree: Value = serde_json::from_str(example_plan_json()).unwrap();
        for (pick, mutation) in &picks {
            let mut paths = Vec::new();
            pointers(&tree, String::new(), &mut paths);
            if paths.is_empty() {
                break;
            }
            let path = pick.get(&paths).clone();
            mutate(&mut tree, &path, mutation);
        }
        read_and_validate(&tree.to_string());
    }
}
