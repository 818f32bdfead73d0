//! The errors of the library: one enum per family, gathered under [`Error`].

use crate::report::Language;
use crate::validation::{Collector, OmittedProblems, Problem};

/// How the bytes of a document fail to be UTF-8 text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EncodingProblem {
    /// The text starts with a UTF-8 byte-order mark, as some editors (Notepad) save it.
    ByteOrderMark,
    /// The text is UTF-16 (or UTF-32), as "Unicode" in some editors saves it.
    Utf16,
    /// A byte sequence that is not UTF-8, e.g. text saved as GBK or a binary file.
    InvalidUtf8,
}

/// A document could not be read: it is not JSON, or not a plan document of a supported
/// format version.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The bytes are not UTF-8 text (a byte-order mark, UTF-16, or bytes of another
    /// encoding).
    #[error("{}", self.message(Language::English))]
    Encoding {
        /// What is wrong with the encoding.
        problem: EncodingProblem,
        /// The line of the first bad byte, from 1.
        line: usize,
        /// The column of the first bad byte, from 1 (counting characters).
        column: usize,
    },
    /// The text is empty or only white space.
    #[error("{}", self.message(Language::English))]
    Empty,
    /// The bytes are not a workbook the table readers can open: not a zip of an `.xlsx`,
    /// an old `.xls`, a password-protected file, a damaged or oversized workbook.
    #[error("{}", self.message(Language::English))]
    Workbook {
        /// What is wrong, in English.
        message: String,
        /// The same in Chinese.
        message_zh: String,
    },
    /// The text is not JSON, and looks like a file name: the caller passed a path where
    /// the document's contents belong.
    #[error("{}", self.message(Language::English))]
    FileNameGiven {
        /// The text given.
        text: String,
    },
    /// The text is not well-formed JSON (or ends too early, or nests too deeply).
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// The line of the problem, from 1.
        line: usize,
        /// The column of the problem, from 1.
        column: usize,
        /// What the JSON reader found wrong.
        message: String,
        /// The same in Chinese.
        message_zh: String,
    },
    /// The JSON is well formed but does not have the shape of a plan document: a value of
    /// the wrong type, an unknown field or a missing required field.
    #[error("{}", self.message(Language::English))]
    Shape {
        /// A JSON pointer to the offending value, e.g. `/units/0/kind`.
        path: String,
        /// The line of the problem, from 1; 0 when the document was not text (a host's
        /// dict or object), where the path alone says where.
        line: usize,
        /// The column of the problem, from 1; 0 when the document was not text.
        column: usize,
        /// What is wrong, e.g. "unknown field `colour`, expected one of ...".
        message: String,
        /// The same in Chinese.
        message_zh: String,
    },
    /// Bytes meant to be a snapshot (a roll-up sent between processes) are not one, are
    /// of another version, or hold counts that do not add up.
    #[error("{message}")]
    Snapshot {
        /// What is wrong, in English.
        message: String,
        /// The same in Chinese.
        message_zh: String,
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
        let (message, message_zh) = crate::wording::reword(&strip_position(&error.to_string()));
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
                message_zh,
            }
        } else {
            FormatError::Syntax {
                line,
                column,
                message,
                message_zh,
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
                ..
            } if message.starts_with("expected a value") => FormatError::Shape {
                path: if path.is_empty() {
                    "/".to_owned()
                } else {
                    path
                },
                line,
                column,
                message:
                    "wrong kind of value: expected one of the names this field allows, in quotes"
                        .to_owned(),
                message_zh: "值的类型不对:此处应为该字段允许的名称之一(带引号)".to_owned(),
            },
            other => other,
        }
    }

    /// The same error placed on another line (for documents read a line at a time).
    pub(crate) fn on_line(self, number: usize) -> Self {
        match self {
            FormatError::Syntax {
                column,
                message,
                message_zh,
                ..
            } => FormatError::Syntax {
                line: number,
                column,
                message,
                message_zh,
            },
            FormatError::Shape {
                path,
                column,
                message,
                message_zh,
                ..
            } => FormatError::Shape {
                path,
                line: number,
                column,
                message,
                message_zh,
            },
            FormatError::Encoding {
                problem, column, ..
            } => FormatError::Encoding {
                problem,
                line: number,
                column,
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
            FormatError::Syntax { line, column, .. }
            | FormatError::Shape { line, column, .. }
            | FormatError::Encoding { line, column, .. }
                if *line > 0 =>
            {
                Some((*line, *column))
            }
            _ => None,
        }
    }

    /// A stable code for the kind of error, for hosts that match on it.
    pub fn code(&self) -> &'static str {
        match self {
            FormatError::Encoding { .. } => "not-utf8",
            FormatError::Empty => "empty-document",
            FormatError::FileNameGiven { .. } => "file-name-given",
            FormatError::Workbook { .. } => "not-a-workbook",
            FormatError::Snapshot { .. } => "bad-snapshot",
            FormatError::Syntax { .. } => "malformed-json",
            FormatError::Shape { .. } => "wrong-shape",
            FormatError::MissingFormatVersion { .. } => "missing-format-version",
            FormatError::UnsupportedFormatVersion { .. } => "unsupported-format-version",
        }
    }

    /// The error as a sentence in a language.
    pub fn message(&self, language: Language) -> String {
        let english = language == Language::English;
        match self {
            FormatError::Encoding {
                problem,
                line,
                column,
            } => match (problem, english) {
                (EncodingProblem::ByteOrderMark, true) => "the file starts with a byte-order mark (BOM), as Notepad saves \"UTF-8 with BOM\"; save the file as UTF-8 without BOM".to_owned(),
                (EncodingProblem::ByteOrderMark, false) => "文件以字节顺序标记(BOM)开头,这是记事本等编辑器保存的“带 BOM 的 UTF-8”;请另存为不带 BOM 的 UTF-8 文件".to_owned(),
                (EncodingProblem::Utf16, true) => "the file is saved as UTF-16 (\"Unicode\"), not UTF-8; save the file as UTF-8".to_owned(),
                (EncodingProblem::Utf16, false) => "文件的编码是 UTF-16(“Unicode”),而不是 UTF-8;请另存为 UTF-8 文件".to_owned(),
                (EncodingProblem::InvalidUtf8, true) => format!("the text is not UTF-8 at line {line}, column {column} (perhaps saved as GBK, or not a text file at all); save the file as UTF-8"),
                (EncodingProblem::InvalidUtf8, false) => format!("第 {line} 行第 {column} 列的内容不是 UTF-8 编码(可能保存成了 GBK,或者根本不是文本文件);请另存为 UTF-8 文件"),
            },
            FormatError::Empty => if english {
                "the text is empty; check that the whole file was saved and passed in".to_owned()
            } else {
                "文本是空的;请检查文件是否完整保存并完整传入".to_owned()
            },
            FormatError::Workbook { message, message_zh }
            | FormatError::Snapshot { message, message_zh } => if english {
                message.clone()
            } else {
                message_zh.clone()
            },
            FormatError::FileNameGiven { text } => if english {
                format!("`{text}` looks like a file name, not JSON text; read the file and pass its contents instead")
            } else {
                format!("`{text}` 看起来是文件名,而不是 JSON 文本;请读取该文件,传入文件的内容")
            },
            FormatError::Syntax { line, column, message, message_zh } => if english {
                format!("malformed JSON at line {line}, column {column}: {message}")
            } else {
                format!("JSON 格式错误,位于第 {line} 行第 {column} 列:{message_zh}")
            },
            FormatError::Shape { path, line: 0, message, message_zh, .. } => if english {
                format!("{message} at `{path}`")
            } else {
                format!("{message_zh},位于 `{path}`")
            },
            FormatError::Shape { path, line, column, message, message_zh } => if english {
                format!("{message} at `{path}` (line {line}, column {column})")
            } else {
                format!("{message_zh},位于 `{path}`(第 {line} 行第 {column} 列)")
            },
            FormatError::MissingFormatVersion { supported } => if english {
                self.to_string()
            } else {
                format!("文档没有 `format_version`;请在最外层加上 `\"format_version\": {supported}`")
            },
            FormatError::UnsupportedFormatVersion { found, supported } => if english {
                self.to_string()
            } else {
                format!("不支持的格式版本 `{found}`;本库读取的格式版本为 {supported}")
            },
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

/// What a [`ValidationError`] is about.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Subject {
    /// A plan document.
    #[default]
    Plan,
    /// A working-day calendar.
    Calendar,
    /// A scoring scheme.
    Scheme,
    /// The scheme's weights or the host's components, checked against a plan.
    Assessment,
}

impl Subject {
    /// The subject's name in a language, for messages.
    pub fn name(self, language: Language) -> &'static str {
        match (self, language) {
            (Subject::Plan, Language::English) => "plan",
            (Subject::Calendar, Language::English) => "calendar",
            (Subject::Scheme, Language::English) => "scoring scheme",
            (Subject::Assessment, Language::English) => "assessment data",
            (Subject::Plan, Language::Chinese) => "计划",
            (Subject::Calendar, Language::Chinese) => "工作日历",
            (Subject::Scheme, Language::Chinese) => "考核方案",
            (Subject::Assessment, Language::Chinese) => "考核数据",
        }
    }
}

/// A document failed validation; every problem found is listed, at most
/// [`MAX_PROBLEMS_PER_CODE`](crate::MAX_PROBLEMS_PER_CODE) of each code, with the count of
/// the rest in `omitted`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.message(Language::English))]
pub struct ValidationError {
    /// What was checked.
    pub subject: Subject,
    /// The problems found, in document order.
    pub problems: Vec<Problem>,
    /// How many problems of each code were found beyond those listed.
    pub omitted: Vec<OmittedProblems>,
}

impl ValidationError {
    /// Gathers the problems of a collector.
    /// The problems of a list, at most [`crate::MAX_PROBLEMS_PER_CODE`] of each code.
    #[cfg(feature = "tables")]
    pub(crate) fn collected_list(subject: Subject, problems: Vec<crate::Problem>) -> Self {
        let mut collector = Collector::default();
        for problem in problems {
            collector.add(problem);
        }
        Self::collected(subject, collector)
    }

    pub(crate) fn collected(subject: Subject, collector: Collector) -> Self {
        let (problems, omitted) = collector.finish();
        Self {
            subject,
            problems,
            omitted,
        }
    }

    /// How many problems were found in all, listed or not.
    pub fn total(&self) -> u64 {
        let listed = u64::try_from(self.problems.len()).unwrap_or(u64::MAX);
        self.omitted
            .iter()
            .fold(listed, |total, o| total.saturating_add(o.count))
    }

    /// The error as a sentence in a language: how many problems, and the first few.
    pub fn message(&self, language: Language) -> String {
        const SHOWN: usize = 3;
        let total = self.total();
        let shown = self
            .problems
            .iter()
            .take(SHOWN)
            .map(|problem| problem.render(language))
            .collect::<Vec<_>>()
            .join("; ");
        let rest = total.saturating_sub(u64::try_from(SHOWN).unwrap_or(0));
        let subject = self.subject.name(language);
        match language {
            Language::English => {
                let plural = if total == 1 { "" } else { "s" };
                let mut text = format!("{total} problem{plural} in the {subject}: {shown}");
                if rest > 0 {
                    text.push_str(&format!("; and {rest} more"));
                }
                text
            }
            Language::Chinese => {
                let mut text = format!("{subject}中有 {total} 处问题:{shown}");
                if rest > 0 {
                    text.push_str(&format!(";另有 {rest} 处"));
                }
                text
            }
        }
    }
}

/// An argument a host passed is not what the call takes: a date not written as
/// `YYYY-MM-DD`, an unknown language name, a number out of range.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{argument}`: {message}")]
pub struct ArgumentError {
    /// The argument, as the host's call names it.
    pub argument: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The same in Chinese.
    pub message_zh: String,
}

impl ArgumentError {
    /// An error about one argument, in both languages.
    pub fn new(
        argument: impl Into<String>,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Self {
        Self {
            argument: argument.into(),
            message: message.into(),
            message_zh: message_zh.into(),
        }
    }

    /// The stable code, `bad-argument`.
    pub fn code(&self) -> &'static str {
        "bad-argument"
    }

    /// The error as a sentence in a language.
    pub fn message(&self, language: Language) -> String {
        match language {
            Language::English => self.to_string(),
            Language::Chinese => format!("参数 `{}`:{}", self.argument, self.message_zh),
        }
    }
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
    /// A synthetic plan asked for beyond the generator's limits.
    #[error(transparent)]
    Synthetic(#[from] crate::synthetic::SyntheticError),
    /// An argument that is not what the call takes.
    #[error(transparent)]
    Argument(#[from] ArgumentError),
    /// A signed note or key that cannot be read, or a signature that does not verify.
    #[error(transparent)]
    Note(#[from] crate::transparency::NoteError),
    /// A tree head or proof that cannot be given, or a proof that does not check.
    #[error(transparent)]
    Proof(#[from] crate::transparency::ProofError),
}

impl Error {
    /// A stable code for the error, for hosts that match on it: the code of the format
    /// error, `invalid-document`, the status or assessment error's code, the rule broken,
    /// `tampered`, `synthetic-option-out-of-range` or `bad-argument`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Format(error) => error.code(),
            Error::Validation(error) => match error.subject {
                Subject::Scheme => "invalid-scheme",
                _ => "invalid-document",
            },
            Error::Status(error) => error.code(),
            Error::Change(error) => error.rule.as_str(),
            Error::Integrity(_) => "tampered",
            Error::Assessment(error) => error.code(),
            Error::Synthetic(error) => error.code(),
            Error::Argument(error) => error.code(),
            Error::Note(error) => error.code(),
            Error::Proof(error) => error.code(),
        }
    }

    /// The error as a sentence in a language.
    pub fn message(&self, language: Language) -> String {
        match self {
            Error::Format(error) => error.message(language),
            Error::Validation(error) => error.message(language),
            Error::Status(error) => error.message(language),
            Error::Change(error) => error.message(language),
            Error::Integrity(error) => error.message(language),
            Error::Assessment(error) => error.message(language),
            Error::Synthetic(error) => error.message(language),
            Error::Argument(error) => error.message(language),
            Error::Note(error) => error.message(language),
            Error::Proof(error) => error.message(language),
        }
    }
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
