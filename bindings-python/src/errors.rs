//! The Python exception hierarchy, built once from the core's error families: every error
//! is a `mubiao.MubiaoError` (a `ValueError`) with a stable `code`, and the subclass and
//! attributes say what is wrong and where.

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

/// Raises `T` with `message`, and sets `code` and the other attributes given.
fn raise<T: pyo3::PyTypeInfo>(
    py: Python<'_>,
    message: String,
    code: &str,
    attributes: Vec<(&str, Bound<'_, PyAny>)>,
) -> PyErr {
    let error = PyErr::new::<T, _>(message);
    let value = error.value(py);
    let _ = value.setattr("code", code);
    for (name, attribute) in attributes {
        let _ = value.setattr(name, attribute);
    }
    error
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
    raise::<FormatError>(py, error.to_string(), error.code(), attributes)
}

/// Converts a validation error of a plan or calendar.
pub fn validation_error(py: Python<'_>, error: &mubiao::ValidationError) -> PyErr {
    let attributes = vec![("problems", problems(py, &error.problems))];
    raise::<ValidationError>(py, error.to_string(), "invalid-document", attributes)
}

/// Converts a scheme's validation error.
pub fn scheme_error(py: Python<'_>, error: &mubiao::ValidationError) -> PyErr {
    let attributes = vec![("problems", problems(py, &error.problems))];
    raise::<SchemeError>(py, error.to_string(), "invalid-scheme", attributes)
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
    raise::<ChangeRefusedError>(py, error.to_string(), error.rule.as_str(), attributes)
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
        other => raise::<MubiaoError>(py, other.to_string(), "error", Vec::new()),
    }
}

/// Converts a status error.
pub fn status_error(py: Python<'_>, error: &mubiao::StatusError) -> PyErr {
    raise::<StatusError>(py, error.to_string(), error.code(), Vec::new())
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
    raise::<IntegrityError>(py, error.to_string(), "tampered", attributes)
}

/// Converts an assessment error.
pub fn assessment_error(py: Python<'_>, error: &mubiao::AssessmentError) -> PyErr {
    if let mubiao::AssessmentError::Status(status) = error {
        return status_error(py, status);
    }
    raise::<AssessmentError>(py, error.to_string(), error.code(), Vec::new())
}

/// Registers the exceptions in the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("MubiaoError", py.get_type::<MubiaoError>())?;
    module.add("FormatError", py.get_type::<FormatError>())?;
    module.add("ValidationError", py.get_type::<ValidationError>())?;
    module.add("ChangeRefusedError", py.get_type::<ChangeRefusedError>())?;
    module.add("IntegrityError", py.get_type::<IntegrityError>())?;
    module.add("SchemeError", py.get_type::<SchemeError>())?;
    module.add("StatusError", py.get_type::<StatusError>())?;
    module.add("AssessmentError", py.get_type::<AssessmentError>())?;
    Ok(())
}
