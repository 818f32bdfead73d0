//! The Python exception hierarchy, built once from the core's error families: every error
//! is a `mubiao.MubiaoError` (a `ValueError`) with a stable `code`, and the subclass and
//! attributes say what is wrong and where. Every exception carries its message in English
//! (`message_en`) and Chinese (`message_zh`); `str(error)` is in the language chosen with
//! `mubiao.set_language`.

use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::convert::to_py;

create_exception!(
    mubiao,
    MubiaoError,
    PyValueError,
    "The base of every mubiao error; a ValueError with a stable `code`."
);
create_exception!(
    mubiao,
    FormatError,
    MubiaoError,
    "Text that is not a plan document (or ledger line, scheme, calendar); `line`, `column` and `path` say where."
);
create_exception!(
    mubiao,
    ArgumentError,
    FormatError,
    "An argument that is not what the call takes: a date not written as YYYY-MM-DD, an unknown name, a number out of range, text with a lone surrogate; `argument` names it."
);
create_exception!(
    mubiao,
    ValidationError,
    MubiaoError,
    "A document that is not valid; `problems` lists every problem (code, path, message)."
);
create_exception!(
    mubiao,
    ChangeRefusedError,
    MubiaoError,
    "A change the ledger refused; `rule` names the rule broken. Nothing was changed."
);
create_exception!(
    mubiao,
    IntegrityError,
    MubiaoError,
    "A ledger whose hash chain does not verify; `sequence` and `line` name the first bad entry."
);
create_exception!(
    mubiao,
    SchemeError,
    MubiaoError,
    "A scoring scheme that fails validation; `problems` lists every problem."
);
create_exception!(
    mubiao,
    StatusError,
    MubiaoError,
    "A status question the plan cannot answer, such as a date outside it."
);
create_exception!(
    mubiao,
    AssessmentError,
    MubiaoError,
    "An assessment that cannot be made from the data given; the message names the unit and item."
);

/// Whether messages are in Chinese (`mubiao.set_language("zh")`); English by default.
static CHINESE: AtomicBool = AtomicBool::new(false);

/// Chooses the language of exception messages: `"en"` or `"zh"`.
#[pyfunction]
pub fn set_language(language: crate::convert::Text) -> PyResult<()> {
    let language: mubiao::Language = crate::convert::named(&language.0, "language")?;
    CHINESE.store(language == mubiao::Language::Chinese, Ordering::Relaxed);
    Ok(())
}

/// The language of exception messages: `"en"` or `"zh"`.
#[pyfunction]
pub fn get_language() -> &'static str {
    if CHINESE.load(Ordering::Relaxed) {
        "zh"
    } else {
        "en"
    }
}

/// The language chosen for messages.
pub fn language() -> mubiao::Language {
    if CHINESE.load(Ordering::Relaxed) {
        mubiao::Language::Chinese
    } else {
        mubiao::Language::English
    }
}

/// Raises `T` with the message in the chosen language, and sets `code`, `message_en`,
/// `message_zh` and the other attributes given.
fn raise<T: pyo3::PyTypeInfo>(
    py: Python<'_>,
    messages: (String, String),
    code: &str,
    attributes: Vec<(&str, Bound<'_, PyAny>)>,
) -> PyErr {
    let (english, chinese) = messages;
    let message = match language() {
        mubiao::Language::Chinese => chinese.clone(),
        _ => english.clone(),
    };
    let error = PyErr::new::<T, _>(message);
    let value = error.value(py);
    let _ = value.setattr("code", code);
    let _ = value.setattr("message_en", english);
    let _ = value.setattr("message_zh", chinese);
    for (name, attribute) in attributes {
        let _ = value.setattr(name, attribute);
    }
    error
}

/// The messages of a core error in both languages.
fn both(message: impl Fn(mubiao::Language) -> String) -> (String, String) {
    (
        message(mubiao::Language::English),
        message(mubiao::Language::Chinese),
    )
}

/// Converts an argument error.
pub fn argument_error(error: &mubiao::ArgumentError) -> PyErr {
    Python::attach(|py| {
        let attributes = vec![
            (
                "argument",
                error
                    .argument
                    .clone()
                    .into_pyobject(py)
                    .map(|s| s.into_any())
                    .unwrap_or_else(|_| py.None().into_bound(py)),
            ),
            ("line", py.None().into_bound(py)),
            ("column", py.None().into_bound(py)),
            ("path", py.None().into_bound(py)),
        ];
        raise::<ArgumentError>(py, both(|l| error.message(l)), error.code(), attributes)
    })
}

fn problems<'py>(py: Python<'py>, problems: &[mubiao::Problem]) -> Bound<'py, PyAny> {
    to_py(py, &problems).unwrap_or_else(|_| PyList::empty(py).into_any())
}

/// Converts a format error.
pub fn format_error(py: Python<'_>, error: &mubiao::FormatError) -> PyErr {
    let (line, column) = error.position().unzip();
    let attributes = vec![
        (
            "line",
            to_py(py, &line).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
        (
            "column",
            to_py(py, &column).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
        (
            "path",
            to_py(py, &error.path()).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
    ];
    raise::<FormatError>(py, both(|l| error.message(l)), error.code(), attributes)
}

/// Converts a validation error of a plan, calendar or scheme.
pub fn validation_error(py: Python<'_>, error: &mubiao::ValidationError) -> PyErr {
    let attributes = vec![
        ("problems", problems(py, &error.problems)),
        (
            "omitted",
            to_py(py, &error.omitted).unwrap_or_else(|_| PyList::empty(py).into_any()),
        ),
        (
            "subject",
            to_py(py, &error.subject).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
    ];
    let messages = both(|l| error.message(l));
    let code = mubiao::Error::Validation(error.clone()).code();
    match error.subject {
        mubiao::Subject::Scheme => raise::<SchemeError>(py, messages, code, attributes),
        _ => raise::<ValidationError>(py, messages, code, attributes),
    }
}

/// Converts a scheme's validation error.
pub fn scheme_error(py: Python<'_>, error: &mubiao::ValidationError) -> PyErr {
    validation_error(py, error)
}

/// Converts a refused change.
pub fn refused(py: Python<'_>, error: &mubiao::ChangeRefused) -> PyErr {
    let attributes = vec![
        (
            "rule",
            to_py(py, &error.rule).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
        (
            "sequence",
            to_py(py, &error.sequence).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
        (
            "kind",
            to_py(py, &error.kind).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
        ("problems", problems(py, &error.problems)),
    ];
    raise::<ChangeRefusedError>(
        py,
        both(|l| error.message(l)),
        error.rule.as_str(),
        attributes,
    )
}

/// Converts any core error.
pub fn to_py_err(py: Python<'_>, error: mubiao::Error) -> PyErr {
    match &error {
        mubiao::Error::Format(error) => format_error(py, error),
        mubiao::Error::Validation(error) => validation_error(py, error),
        mubiao::Error::Status(error) => status_error(py, error),
        mubiao::Error::Change(error) => refused(py, error),
        mubiao::Error::Integrity(error) => integrity_error(py, error),
        mubiao::Error::Assessment(error) => assessment_error(py, error),
        mubiao::Error::Argument(error) => argument_error(error),
        other => raise::<MubiaoError>(py, both(|l| other.message(l)), other.code(), Vec::new()),
    }
}

/// Converts a status error.
pub fn status_error(py: Python<'_>, error: &mubiao::StatusError) -> PyErr {
    raise::<StatusError>(py, both(|l| error.message(l)), error.code(), Vec::new())
}

/// Converts a failed verification.
pub fn integrity_error(py: Python<'_>, error: &mubiao::IntegrityError) -> PyErr {
    let attributes = vec![
        (
            "sequence",
            to_py(py, &error.sequence).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
        (
            "line",
            to_py(py, &error.line).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
        (
            "problem",
            to_py(py, &error.problem).unwrap_or_else(|_| py.None().into_bound(py)),
        ),
    ];
    raise::<IntegrityError>(py, both(|l| error.message(l)), "tampered", attributes)
}

/// Converts an assessment error.
pub fn assessment_error(py: Python<'_>, error: &mubiao::AssessmentError) -> PyErr {
    if let mubiao::AssessmentError::Status(status) = error {
        return status_error(py, status);
    }
    raise::<AssessmentError>(py, both(|l| error.message(l)), error.code(), Vec::new())
}

/// Registers the exceptions in the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("MubiaoError", py.get_type::<MubiaoError>())?;
    module.add("FormatError", py.get_type::<FormatError>())?;
    module.add("ArgumentError", py.get_type::<ArgumentError>())?;
    module.add("ValidationError", py.get_type::<ValidationError>())?;
    module.add("ChangeRefusedError", py.get_type::<ChangeRefusedError>())?;
    module.add("IntegrityError", py.get_type::<IntegrityError>())?;
    module.add("SchemeError", py.get_type::<SchemeError>())?;
    module.add("StatusError", py.get_type::<StatusError>())?;
    module.add("AssessmentError", py.get_type::<AssessmentError>())?;
    module.add_function(pyo3::wrap_pyfunction!(set_language, module)?)?;
    module.add_function(pyo3::wrap_pyfunction!(get_language, module)?)?;
    Ok(())
}
