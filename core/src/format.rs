//! Reading and writing the plan document as JSON.
//!
//! Reading happens in two steps: the `format_version` is checked first, so a document of
//! another version gets its own error instead of a confusing list of unknown fields; then
//! the whole document is read, and any error names the line, the column and the path of
//! the offending value.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::document::{PlanDocument, FORMAT_VERSION};
use crate::error::{EncodingProblem, FormatError};

/// Only the version field; every other field is skipped without being built.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: Option<serde_json::Value>,
}

impl PlanDocument {
    /// Reads a plan document from JSON text.
    ///
    /// # Errors
    ///
    /// [`FormatError`] when the text is not JSON, when the `format_version` is missing or
    /// unsupported, or when a value has the wrong type, a field is unknown or a required
    /// field is missing; the error names line, column and path.
    ///
    /// # Example
    ///
    /// ```
    /// use mubiao::{FormatError, PlanDocument};
    ///
    /// let json = r#"{
    ///   "format_version": 1,
    ///   "year": 2017,
    ///   "name": "Example district",
    ///   "units": [{"id": "gov", "name": "District government", "kind": "government"}]
    /// }"#;
    /// let document = PlanDocument::from_json_str(json)?;
    /// assert_eq!(document.year, 2017);
    /// assert_eq!(document.units.len(), 1);
    ///
    /// let misspelt = r#"{"format_version": 1, "year": 2017, "name": "x", "unit": []}"#;
    /// let error = PlanDocument::from_json_str(misspelt).unwrap_err();
    /// assert!(matches!(error, FormatError::Shape { ref path, .. } if path == "/unit"));
    /// # Ok::<(), FormatError>(())
    /// ```
    pub fn from_json_str(json: &str) -> Result<Self, FormatError> {
        Self::from_json_slice(json.as_bytes())
    }

    /// Reads a plan document from JSON bytes (UTF-8).
    ///
    /// # Errors
    ///
    /// As [`PlanDocument::from_json_str`]; bytes that are not UTF-8 are a syntax error.
    pub fn from_json_slice(json: &[u8]) -> Result<Self, FormatError> {
        // The common case, a well-formed document of this version, reads in one pass; the
        // careful reading below runs only to say what is wrong.
        if let Ok(document) = serde_json::from_slice::<PlanDocument>(json) {
            return Ok(document);
        }
        check_text(json)?;
        check_format_version(json)?;
        read_json(json)
    }

    /// Reads a plan document from a JSON value, such as a host's dict or object converted
    /// to JSON's data model. The value is held to exactly the rules of JSON text — types,
    /// `format_version`, unknown fields — and errors carry the same paths; only the line
    /// and column are unknown (reported as 0).
    ///
    /// # Errors
    ///
    /// As [`PlanDocument::from_json_str`].
    pub fn from_json_value(value: serde_json::Value) -> Result<Self, FormatError> {
        match value.get("format_version") {
            None if value.is_object() => {
                return Err(FormatError::MissingFormatVersion {
                    supported: FORMAT_VERSION,
                })
            }
            Some(version) if version.as_u64() != Some(u64::from(FORMAT_VERSION)) => {
                return Err(FormatError::UnsupportedFormatVersion {
                    found: version.to_string(),
                    supported: FORMAT_VERSION,
                })
            }
            _ => {}
        }
        read_value(value)
    }

    /// Writes the document as compact JSON.
    pub fn to_json_string(&self) -> String {
        // Serialising these types cannot fail: every map key is a string and no value
        // refuses to serialise. Fall back to an empty string rather than panic.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Writes the document as indented JSON, for files people read and diff.
    pub fn to_json_string_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Checks the version field, so that a document of another version gets its own error
/// instead of a list of unknown fields.
fn check_format_version(json: &[u8]) -> Result<(), FormatError> {
    let probe: VersionProbe = match serde_json::from_slice(json) {
        Ok(probe) => probe,
        // Not an object at all: the full read reports it with its path.
        Err(error) if error.is_data() => return Ok(()),
        Err(error) => return Err(FormatError::from_json(error, String::new())),
    };
    let Some(version) = probe.format_version else {
        return Err(FormatError::MissingFormatVersion {
            supported: FORMAT_VERSION,
        });
    };
    match version.as_u64() {
        Some(found) if found == u64::from(FORMAT_VERSION) => Ok(()),
        _ => Err(FormatError::UnsupportedFormatVersion {
            found: version.to_string(),
            supported: FORMAT_VERSION,
        }),
    }
}

/// Reads one JSON document of type `T` from bytes: checks the encoding, then reads with
/// paths, and refuses anything after the document.
pub(crate) fn read_json<T: DeserializeOwned>(json: &[u8]) -> Result<T, FormatError> {
    check_text(json)?;
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let pointer = json_pointer(error.path());
        let error = FormatError::from_json(error.into_inner(), pointer.clone());
        // The reader says "expected value" also when well-formed JSON has a value of the
        // wrong kind where a name belongs; only malformed text is a syntax error.
        let well_formed = || serde_json::from_slice::<serde::de::IgnoredAny>(json).is_ok();
        if matches!(error, FormatError::Syntax { .. }) && well_formed() {
            error.into_shape(pointer)
        } else {
            error
        }
    })?;
    deserializer
        .end()
        .map_err(|error| FormatError::from_json(error, String::new()))?;
    Ok(value)
}

/// Reads a `T` from a JSON value with paths, as [`read_json`] does from text; the line
/// and column of an error are 0, since a value has none.
pub(crate) fn read_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, FormatError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let pointer = json_pointer(error.path());
        FormatError::from_json(error.into_inner(), pointer)
    })
}

/// Checks that bytes are UTF-8 text with something in it, naming a byte-order mark, UTF-16
/// and other encodings as such, and text that is a file name rather than a document.
pub(crate) fn check_text(json: &[u8]) -> Result<(), FormatError> {
    if json.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(FormatError::Encoding {
            problem: EncodingProblem::ByteOrderMark,
            line: 1,
            column: 1,
        });
    }
    let utf16 = json.starts_with(&[0xFF, 0xFE])
        || json.starts_with(&[0xFE, 0xFF])
        || matches!(json, [0, b, ..] | [b, 0, ..] if b.is_ascii());
    if utf16 {
        return Err(FormatError::Encoding {
            problem: EncodingProblem::Utf16,
            line: 1,
            column: 1,
        });
    }
    let text = match std::str::from_utf8(json) {
        Ok(text) => text,
        Err(error) => {
            let good = json.get(..error.valid_up_to()).unwrap_or_default();
            // The prefix is valid UTF-8 by definition.
            let good = std::str::from_utf8(good).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            return Err(FormatError::Encoding {
                problem: EncodingProblem::InvalidUtf8,
                line,
                column,
            });
        }
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(FormatError::Empty);
    }
    if looks_like_file_name(trimmed) {
        return Err(FormatError::FileNameGiven {
            text: trimmed.to_owned(),
        });
    }
    Ok(())
}

/// Whether text that is not JSON is a file name: one short line, not starting like a JSON
/// value, ending in a file extension or holding a path separator.
fn looks_like_file_name(text: &str) -> bool {
    const LONGEST: usize = 1024;
    if text.len() > LONGEST || text.contains('\n') {
        return false;
    }
    let starts_like_json = text.starts_with(['{', '[', '"', '-'])
        || text.starts_with(|c: char| c.is_ascii_digit())
        || ["true", "false", "null"].contains(&text);
    if starts_like_json {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    [".json", ".jsonl", ".txt", ".xlsx", ".csv"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || text.contains('/')
        || text.contains('\\')
}

/// `#[serde(deserialize_with)]` for `format_version`: exactly the version this library
/// reads, as a whole number, whether the document comes as text, as a host's dict or
/// inside a ledger entry.
pub(crate) fn exact_format_version<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<u32, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    match value.as_u64() {
        Some(found) if found == u64::from(FORMAT_VERSION) => Ok(FORMAT_VERSION),
        _ => Err(serde::de::Error::custom(crate::wording::bilingual(
            &format!(
                "unsupported format version `{value}`; this library reads format version {FORMAT_VERSION}"
            ),
            &format!("不支持的格式版本 `{value}`;本库读取的格式版本为 {FORMAT_VERSION}"),
        ))),
    }
}

/// Turns a serde path into a JSON pointer such as `/key_tasks/3/sub_projects/1`.
pub(crate) fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } => pointer.push_str(&escape_pointer_token(key)),
            Segment::Enum { variant } => pointer.push_str(&escape_pointer_token(variant)),
            Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}

/// Escapes `~` and `/` in one JSON pointer token (RFC 6901).
pub(crate) fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_checked_before_the_rest() {
        let err =
            PlanDocument::from_json_str(r#"{"format_version": 2, "whatever": []}"#).unwrap_err();
        assert_eq!(
            err,
            FormatError::UnsupportedFormatVersion {
                found: "2".into(),
                supported: 1
            }
        );
        let err = PlanDocument::from_json_str(r#"{"year": 2017}"#).unwrap_err();
        assert_eq!(err, FormatError::MissingFormatVersion { supported: 1 });
        let err = PlanDocument::from_json_str(r#"{"format_version": "1"}"#).unwrap_err();
        assert!(matches!(err, FormatError::UnsupportedFormatVersion { .. }));
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err =
            PlanDocument::from_json_str("{\n  \"format_version\": 1,\n  \"year\": }").unwrap_err();
        match err {
            FormatError::Syntax { line, column, .. } => {
                assert_eq!((line, column), (3, 11));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_fields_are_named_with_their_path() {
        let json = r#"{"format_version": 1, "year": 2017, "name": "x",
            "units": [{"id": "a", "name": "A", "kind": "department", "colour": "red"}]}"#;
        let err = PlanDocument::from_json_str(json).unwrap_err();
        match &err {
            FormatError::Shape { path, message, .. } => {
                assert_eq!(path, "/units/0/colour");
                assert!(message.contains("unknown field `colour`"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("/units/0/colour"));
    }

    #[test]
    fn a_number_where_a_name_belongs_is_a_shape_error() {
        let json = r#"{"format_version": 1, "year": 2017, "name": "x",
            "units": [{"id": "a", "name": "A", "kind": 7}]}"#;
        match PlanDocument::from_json_str(json).unwrap_err() {
            FormatError::Shape { path, message, .. } => {
                assert_eq!(path, "/units/0/kind");
                assert!(message.contains("expected one of the names"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn trailing_content_is_rejected() {
        let err =
            PlanDocument::from_json_str(r#"{"format_version": 1, "year": 2017, "name": "x"} 1"#)
                .unwrap_err();
        assert!(matches!(err, FormatError::Syntax { .. }), "{err:?}");
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(escape_pointer_token("a/b~c"), "a~1b~0c");
    }
}
