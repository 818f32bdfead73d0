//! Reading documents that are not plan documents: every case gets a typed error that
//! names where the problem is, and nothing panics.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use mubiao::{Error, FormatError, Plan, PlanDocument};
use mubiao_tests::example_plan_json;

fn read(text: &str) -> FormatError {
    PlanDocument::from_json_str(text).unwrap_err()
}

#[test]
fn malformed_json_gives_line_and_column() {
    let text = "{\n  \"format_version\": 1,\n  \"year\": 2017,\n  \"name\": \"x\",\n}";
    match read(text) {
        FormatError::Syntax {
            line,
            column,
            message,
            message_zh,
        } => {
            assert!(message_zh.contains("逗号"), "{message_zh}");
            assert_eq!((line, column), (5, 1));
            assert_eq!(message, "trailing comma");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn truncated_documents_say_where_they_end() {
    let text = example_plan_json();
    let cut = &text[..text.len() / 2];
    let error = read(cut);
    assert_eq!(error.code(), "malformed-json");
    assert!(error.to_string().contains("EOF while parsing"), "{error}");
}

#[test]
fn empty_and_binary_input() {
    assert_eq!(read("").code(), "empty-document");
    assert_eq!(read("   \n").code(), "empty-document");
    // UTF-16 (little-endian, with its byte-order mark) is named as such.
    let error = PlanDocument::from_json_slice(&[0xff, 0xfe, 0x7b, 0x00]).unwrap_err();
    assert_eq!(error.code(), "not-utf8");
    assert!(error.to_string().contains("UTF-16"), "{error}");
    assert!(
        error.to_string().contains("save the file as UTF-8"),
        "{error}"
    );
    // A UTF-8 byte-order mark, as Notepad writes it.
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(example_plan_json().as_bytes());
    let error = PlanDocument::from_json_slice(&bom).unwrap_err();
    assert_eq!(error.code(), "not-utf8");
    assert!(error.to_string().contains("byte-order mark"), "{error}");
    // Invalid UTF-8 inside a string: its line and column.
    let mut bytes = b"{\"format_version\": 1,\n \"year\": 2017, \"name\": \"".to_vec();
    bytes.extend_from_slice(&[0xc3, 0x28]);
    bytes.extend_from_slice(b"\"}");
    let error = PlanDocument::from_json_slice(&bytes).unwrap_err();
    assert_eq!(error.code(), "not-utf8");
    assert_eq!(error.position(), Some((2, 25)));
    assert!(error.to_string().contains("GBK"), "{error}");
}

#[test]
fn a_file_name_instead_of_a_document_says_so() {
    for text in [
        "plan.json",
        "C:\\plans\\xuhui.json",
        "/tmp/plan",
        "计划.JSON",
    ] {
        let error = read(text);
        assert_eq!(error.code(), "file-name-given", "{text}");
        assert!(
            error.to_string().contains("looks like a file name"),
            "{error}"
        );
    }
}

#[test]
fn not_an_object() {
    for text in ["[]", "1", "\"plan\"", "null", "true"] {
        let error = read(text);
        assert_eq!(error.code(), "wrong-shape", "{text}: {error}");
    }
}

#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Where any value is read, the reader's depth limit stops it.
    let error = read(&format!("{{\"format_version\": {nested}}}"));
    assert!(error.to_string().contains("recursion limit"), "{error}");
    // Elsewhere the first level already has the wrong type.
    let error = read(&format!(
        "{{\"format_version\": 1, \"year\": 2017, \"name\": \"x\", \"units\": {nested}}}"
    ));
    match &error {
        FormatError::Shape { path, .. } => assert_eq!(path, "/units/0/0"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn huge_numbers_and_wrong_types_name_their_path() {
    let error = read(r#"{"format_version": 1, "year": 1e999, "name": "x"}"#);
    assert_eq!(error.code(), "malformed-json", "{error}");
    assert!(error.to_string().contains("too large"), "{error}");

    let error = read(r#"{"format_version": 1, "year": 99999999999, "name": "x"}"#);
    match &error {
        FormatError::Shape { path, .. } => assert_eq!(path, "/year"),
        other => panic!("{other:?}"),
    }

    let error = read(
        r#"{"format_version": 1, "year": 2017, "name": "x",
            "units": [{"id": "a", "name": "A", "kind": "ministry"}]}"#,
    );
    match &error {
        FormatError::Shape {
            path,
            message,
            line,
            ..
        } => {
            assert_eq!(path, "/units/0/kind");
            assert!(
                message.starts_with("unknown variant `ministry`, expected one of"),
                "{message}"
            );
            assert_eq!(*line, 2);
        }
        other => panic!("{other:?}"),
    }

    let error = read(
        r#"{"format_version": 1, "year": 2017, "name": "x",
            "key_tasks": [{"id": "k", "title": "t", "kind": "key_work", "level": "city",
              "plan_item": "p", "sub_projects": [{"id": "s", "title": "t",
                "milestones": [{"id": "m", "title": "t", "due": "2017-02-30"}]}]}]}"#,
    );
    match &error {
        FormatError::Shape { path, .. } => {
            assert_eq!(path, "/key_tasks/0/sub_projects/0/milestones/0/due");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_required_fields_are_named() {
    let error =
        read(r#"{"format_version": 1, "year": 2017, "units": [{"id": "a", "kind": "street"}]}"#);
    // Fields of the top level are checked when its object closes, so the first missing
    // one found is the unit's name.
    match &error {
        FormatError::Shape { path, message, .. } => {
            assert_eq!(path, "/units/0");
            assert_eq!(message, "missing field `name`");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unsupported_and_missing_versions_have_their_own_errors() {
    let error = read(r#"{"format_version": 7, "year": 2017, "name": "x", "future_field": 1}"#);
    assert_eq!(error.code(), "unsupported-format-version");
    assert_eq!(
        error.to_string(),
        "unsupported format version `7`; this library reads format version 1"
    );
    let error = read(r#"{"year": 2017, "name": "x"}"#);
    assert_eq!(error.code(), "missing-format-version");
    assert!(error.to_string().contains("add `\"format_version\": 1`"));
}

#[test]
fn plan_from_json_str_gathers_both_families() {
    assert!(matches!(Plan::from_json_str("{"), Err(Error::Format(_))));
    let vague = r#"{"format_version": 1, "year": 2017, "name": "x",
        "units": [{"id": "gov", "name": "G", "kind": "government"}],
        "plan_items": [{"id": "p", "title": "t", "submitted_by": "gov"}]}"#;
    match Plan::from_json_str(vague) {
        Err(Error::Validation(error)) => {
            assert_eq!(error.problems[0].code.as_str(), "vague-plan-item");
        }
        other => panic!("{other:?}"),
    }
}
