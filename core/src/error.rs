//! The errors of the library: one enum per family, gathered under [`Error`].

use crate::validation::Problem;

/// A document could not be read: it is not JSON, or not a plan document of a supported
/// format version.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The text is not well-formed JSON (or ends too early, or nests too deeply).
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What the JSON reader found wrong.
        message: String,
    },
    /// The JSON is well formed but does not have the shape of a plan document: a value of
    /// the wrong type, an unknown field or a missing required field.
    #[error("{message} at `{path}` (line {line}, column {column})")]
    Shape {
        /// A JSON pointer to the offending value, e.g. `/units/0/kind`.
        path: String,
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What is wrong, e.g. "unknown field `colour`, expected one of ...".
        message: String,
    },
    /// The document has no `format_version` field.
    #[error("the document has no `format_version`; add `\"format_version\": {supported}` at the top level")]
    MissingFormatVersion {
        /// The version this library reads.
        supported: u32,
    },
    /// The document is of a format version this library does not read.
    #[error("unsupported format version `{found}`; this library reads format version {supported}")]
    UnsupportedFormatVersion {
        /// The version found, as written in the document.
        found: String,
        /// The version this library reads.
        supported: u32,
    },
}

impl FormatError {
    /// Builds the error from a JSON reader error and the pointer it happened at.
    pub(crate) fn from_json(error: serde_json::Error, path: String) -> Self {
        let line = error.line();
        let column = error.column();
        let message = strip_position(&error.to_string());
        if error.is_data() {
            FormatError::Shape {
                path: if path.is_empty() {
                    "/".to_owned()
                } else {
                    path
                },
                line,
                column,
                message,
            }
        } else {
            FormatError::Syntax {
                line,
                column,
                message,
            }
        }
    }

    /// Turns the JSON reader's "expected value" about well-formed JSON into the shape
    /// error it really is: the reader says so when a value of the wrong kind stands where
    /// a name belongs (a number for a unit kind, say).
    pub(crate) fn into_shape(self, path: String) -> Self {
        match self {
            FormatError::Syntax {
                line,
                column,
                message,
            } if message == "expected value" => FormatError::Shape {
                path: if path.is_empty() {
                    "/".to_owned()
                } else {
                    path
                },
                line,
                column,
                message: "invalid type: expected one of the names this field allows, as a string"
                    .to_owned(),
            },
            other => other,
        }
    }

    /// Where in the document the error is, as a JSON pointer, when it is known.
    pub fn path(&self) -> Option<&str> {
        match self {
            FormatError::Shape { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The line and column of the error, from 1, when it has a place in the text.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            FormatError::Syntax { line, column, .. } | FormatError::Shape { line, column, .. } => {
                Some((*line, *column))
            }
            _ => None,
        }
    }

    /// A stable code for the kind of error, for hosts that match on it.
    pub fn code(&self) -> &'static str {
        match self {
            FormatError::Syntax { .. } => "malformed-json",
            FormatError::Shape { .. } => "wrong-shape",
            FormatError::MissingFormatVersion { .. } => "missing-format-version",
            FormatError::UnsupportedFormatVersion { .. } => "unsupported-format-version",
        }
    }
}

/// Removes the " at line L column C" that the JSON reader appends to its messages.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

/// A plan document failed validation; every problem found is listed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{} problem{} in the plan: {}", problems.len(), if problems.len() == 1 { "" } else { "s" }, summary(problems))]
pub struct ValidationError {
    /// Every problem found, in document order.
    pub problems: Vec<Problem>,
}

fn summary(problems: &[Problem]) -> String {
    const SHOWN: usize = 3;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(|problem| problem.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > SHOWN {
        text.push_str(&format!("; and {} more", problems.len() - SHOWN));
    }
    text
}

/// Any error of the library.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document could not be read.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// The document was read but is not a valid plan.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// A status question the plan cannot answer.
    #[error(transparent)]
    Status(#[from] crate::status::StatusError),
    /// A change the ledger refused.
    #[error(transparent)]
    Change(#[from] crate::ledger::ChangeRefused),
    /// A ledger whose hash chain does not verify.
    #[error(transparent)]
    Integrity(#[from] crate::ledger::IntegrityError),
    /// An assessment that cannot be made from the data given.
    #[error(transparent)]
    Assessment(#[from] crate::assessment::AssessmentError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_stripped_from_messages() {
        assert_eq!(
            strip_position("expected value at line 3 column 11"),
            "expected value"
        );
        assert_eq!(strip_position("no position"), "no position");
    }
}
