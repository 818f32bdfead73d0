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
