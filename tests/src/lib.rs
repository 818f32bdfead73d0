//! Helpers shared by the workspace's scenario and property tests: the fixtures and small
//! ways to look at validation results.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::path::PathBuf;

use mubiao::{PlanDocument, ProblemCode};

/// The folder of this crate, where `fixtures/` lives.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workspace root.
pub fn workspace_dir() -> PathBuf {
    crate_dir().parent().map(PathBuf::from).unwrap_or_default()
}

/// The small, complete example plan of `docs/example-plan.json`.
pub fn example_plan_json() -> &'static str {
    include_str!("../../docs/example-plan.json")
}

/// The example plan as a document; `None` only if the checked-in file is broken.
pub fn example_document() -> Option<PlanDocument> {
    PlanDocument::from_json_str(example_plan_json()).ok()
}

/// The codes and paths of a document's problems, for compact assertions.
pub fn problems_of(document: &PlanDocument) -> Vec<(ProblemCode, String)> {
    document
        .problems()
        .into_iter()
        .map(|problem| (problem.code, problem.path))
        .collect()
}

/// The JSON Schema of the plan document, as checked in at `schema/plan.schema.json`.
pub fn plan_schema() -> String {
    let schema = schemars::schema_for!(PlanDocument);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of one ledger line, generated from the types, as checked in.
pub fn ledger_entry_schema() -> String {
    let schema = schemars::schema_for!(mubiao::Entry);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A small plan built in code for status scenarios: one key task with one sub-project
/// whose milestones are given, led by `street` and supervised by `deputy`; the year 2017
/// unless the first milestone says otherwise.
pub fn plan_with_milestones(
    milestones: Vec<mubiao::Milestone>,
    reports: Vec<mubiao::ProgressReport>,
    lag_reasons: Vec<mubiao::LagReason>,
) -> PlanDocument {
    use mubiao::{
        KeyTask, KeyTaskKind, Level, Person, PlanItem, Responsibility, Role, SubProject, Unit,
        UnitKind,
    };
    let year = milestones
        .first()
        .and_then(|m| m.due)
        .map_or(2017, |due| chrono::Datelike::year(&due));
    let mut document = PlanDocument::new(year, "scenario");
    document.units = vec![
        Unit {
            id: "gov".into(),
            name: "Government".into(),
            kind: UnitKind::Government,
            parent: None,
        },
        Unit {
            id: "street".into(),
            name: "A street".into(),
            kind: UnitKind::Street,
            parent: Some("gov".into()),
        },
        Unit {
            id: "dept".into(),
            name: "A department".into(),
            kind: UnitKind::Department,
            parent: Some("gov".into()),
        },
    ];
    document.people = vec![
        Person {
            id: "deputy".into(),
            name: "Deputy".into(),
            role: Role::DeputyDistrictHead,
            unit: "gov".into(),
        },
        Person {
            id: "head".into(),
            name: "Street head".into(),
            role: Role::UnitHead,
            unit: "street".into(),
        },
    ];
    document.plan_items = vec![PlanItem {
        id: "p".into(),
        title: "item".into(),
        submitted_by: "street".into(),
    }];
    document.key_tasks = vec![KeyTask {
        id: "k".into(),
        title: "task".into(),
        kind: KeyTaskKind::KeyWork,
        level: Level::District,
        plan_item: "p".into(),
        supervising_leader: Some("deputy".into()),
        multi_year: false,
        sub_projects: vec![SubProject {
            id: "s".into(),
            title: "sub-project".into(),
            start: None,
            responsibility: Responsibility {
                lead_unit: Some("street".into()),
                partner_units: vec!["dept".into()],
                responsible_person: Some("head".into()),
            },
            milestones,
            withdrawn: None,
        }],
        withdrawn: None,
    }];
    document.progress_reports = reports;
    document.lag_reasons = lag_reasons;
    document
}

/// Every person of the example plan, and one id that is nobody's: who generated ledger
/// changes are made by.
pub const EXAMPLE_PEOPLE: [&str; 6] = [
    "district-head",
    "deputy-urban",
    "hongmei-head",
    "hongmei-urban-head",
    "water-head",
    "nobody",
];

/// The example plan as it can be adopted on 5 January 2017.
pub fn example_to_adopt() -> Option<PlanDocument> {
    Some(as_adopted_on(
        example_document()?,
        chrono::NaiveDate::from_ymd_opt(2017, 1, 5)?,
    ))
}

pub use mubiao_examples::backlog::{as_adopted_on, catch_up, split_at, Backlog};

/// The SHA-256 of `bytes` in lower-case hex, as the ledger format writes hashes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Rebuilds a ledger's hash chain from line `from` on by the procedure of
/// `docs/ledger.md`, each line's values written by `write` (another tool's JSON writer):
/// `previous_hash` set to the hash before, the hash computed over the line's bytes and
/// appended last. Lines that are not JSON objects are left as they are.
pub fn rechain(
    lines: &[String],
    from: usize,
    write: impl Fn(&serde_json::Value) -> String,
) -> Vec<String> {
    let hash_of = |line: &String| {
        serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v.get("hash").and_then(|h| h.as_str()).map(str::to_owned))
    };
    let mut out: Vec<String> = lines.iter().take(from).cloned().collect();
    let mut previous = match from.checked_sub(1).and_then(|i| lines.get(i)) {
        Some(line) => hash_of(line).unwrap_or_default(),
        None => mubiao::GENESIS_HASH.to_owned(),
    };
    for line in lines.iter().skip(from) {
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(line) else {
            out.push(line.clone());
            continue;
        };
        let Some(object) = value.as_object_mut() else {
            out.push(line.clone());
            continue;
        };
        object.remove("hash");
        object.insert(
            "previous_hash".into(),
            serde_json::Value::String(previous.clone()),
        );
        let body = write(&value);
        let hash = sha256_hex(body.as_bytes());
        let open = body.strip_suffix('}').unwrap_or(&body);
        out.push(format!("{open},\"hash\":\"{hash}\"}}"));
        previous = hash;
    }
    out
}

/// Python's default `json.dumps`: a space after `,` and `:`, non-ASCII as `\uXXXX`.
pub fn python_json_dumps(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            if u32::from(c) > 0x7f {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            } else {
                out.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            ',' => out.push_str(", "),
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// `document` with no work at all: no key tasks, plan items or records; its organisation
/// kept. The smallest plan a chart or bulletin must still draw.
pub fn without_work(mut document: PlanDocument) -> PlanDocument {
    document.key_tasks.clear();
    document.plan_items.clear();
    document.progress_reports.clear();
    document.lag_reasons.clear();
    document.contracts.clear();
    document.partner_ratings.clear();
    document
}

/// `document` cut to its first milestone (of its first sub-project of its first key task),
/// with that milestone's records and plan item; the document as it was when it has none.
pub fn one_milestone(mut document: PlanDocument) -> PlanDocument {
    document.key_tasks.truncate(1);
    let Some(task) = document.key_tasks.first_mut() else {
        return document;
    };
    task.sub_projects.truncate(1);
    let item = task.plan_item.clone();
    let Some(sub) = task.sub_projects.first_mut() else {
        return document;
    };
    sub.milestones.truncate(1);
    let Some(kept) = sub.milestones.first().map(|m| m.id.clone()) else {
        return document;
    };
    document.progress_reports.retain(|r| r.milestone == kept);
    document.lag_reasons.retain(|r| r.milestone == kept);
    document.contracts.clear();
    document.partner_ratings.clear();
    document.plan_items.retain(|i| i.id == item);
    document
}
