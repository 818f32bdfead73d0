//! The checked-in JSON Schema stays in step with the plan document types.
//!
//! Run with `MUBIAO_BLESS=1` to write the schema again after changing the types.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use mubiao_tests::{ledger_entry_schema, plan_schema, workspace_dir};

#[test]
fn checked_in_schema_matches_the_types() {
    let path = workspace_dir().join("schema/plan.schema.json");
    let generated = plan_schema();
    if std::env::var_os("MUBIAO_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "schema/plan.schema.json is out of step with the types; run `MUBIAO_BLESS=1 cargo test -p mubiao-tests --test schema` and commit the result"
    );
}

#[test]
fn checked_in_ledger_entry_schema_matches_the_types() {
    let path = workspace_dir().join("schema/ledger-entry.schema.json");
    let generated = ledger_entry_schema();
    if std::env::var_os("MUBIAO_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "schema/ledger-entry.schema.json is out of step with the types; run `MUBIAO_BLESS=1 cargo test -p mubiao-tests --test schema` and commit the result"
    );
    let schema: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    let kinds = serde_json::to_string(&schema["$defs"]["Change"]).unwrap();
    for kind in [
        "adopt_plan",
        "report_progress",
        "approve_later_date",
        "rate_partner",
    ] {
        assert!(kinds.contains(kind), "{kind}");
    }
}

#[test]
fn schema_refuses_unknown_fields_and_names_required_ones() {
    let schema: serde_json::Value = serde_json::from_str(&plan_schema()).unwrap();
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["format_version", "year", "name"]);
    let milestone = &schema["$defs"]["Milestone"];
    assert_eq!(milestone["additionalProperties"], serde_json::json!(false));
    assert_eq!(milestone["properties"]["due"]["format"], "date");
}
