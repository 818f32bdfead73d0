//! The validator anyone can run (`cargo run --example validate -- FILE.json`), on the
//! shared corpus of bad documents in `tests/fixtures/invalid/` that the Python and
//! JavaScript tests read too.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use mubiao::PlanDocument;
use mubiao_examples::{data_path, validate_cli, XUHUI_2017_FILE};
use mubiao_tests::crate_dir;
use serde_json::Value;

fn run(path: &std::path::Path) -> (u8, String) {
    let mut out = Vec::new();
    let status = validate_cli::run(path, mubiao::Language::English, &mut out);
    (status, String::from_utf8(out).unwrap())
}

#[test]
fn every_fixture_gets_its_expected_errors_and_exit_status_1() {
    let folder = crate_dir().join("fixtures/invalid");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("expected.json")).unwrap())
            .unwrap();
    let expected = expected.as_object().unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name == "expected.json" {
            continue;
        }
        seen += 1;
        let want = expected
            .get(&name)
            .unwrap_or_else(|| panic!("{name} has no entry in expected.json"));
        let (status, output) = run(&path);
        assert_eq!(status, validate_cli::INVALID, "{name}: {output}");
        let bytes = std::fs::read(&path).unwrap();
        match PlanDocument::from_json_slice(&bytes) {
            Err(error) => {
                assert_eq!(want["format_error"], error.code(), "{name}: {error}");
                if let Some(path) = want.get("path") {
                    assert_eq!(Some(path.as_str().unwrap()), error.path(), "{name}");
                }
                assert!(output.starts_with(error.code()), "{name}: {output}");
            }
            Ok(document) => {
                let got: Vec<Value> = document
                    .problems()
                    .iter()
                    .map(|p| serde_json::json!([p.code.as_str(), p.path]))
                    .collect();
                assert_eq!(&Value::Array(got), &want["problems"], "{name}");
                let lines = output.lines().count();
                assert_eq!(
                    lines,
                    want["problems"].as_array().unwrap().len() + 1,
                    "{output}"
                );
            }
        }
    }
    assert_eq!(
        seen,
        expected.len(),
        "every entry of expected.json has its file"
    );
}

#[test]
fn valid_plans_exit_0() {
    let (status, output) = run(&data_path(XUHUI_2017_FILE));
    assert_eq!(status, validate_cli::VALID, "{output}");
    assert!(
        output.contains("111 key tasks, 273 sub-projects"),
        "{output}"
    );
    let (status, _) = run(&mubiao_tests::workspace_dir().join("docs/example-plan.json"));
    assert_eq!(status, validate_cli::VALID);
}

#[test]
fn a_missing_file_exits_2() {
    let (status, output) = run(std::path::Path::new("/no/such/plan.json"));
    assert_eq!(status, validate_cli::UNREADABLE);
    assert!(output.starts_with("cannot read /no/such/plan.json"));
}
