//! Conversions between Python values and the core's serde types: plain data goes through
//! `pythonize`; dates are accepted as `datetime.date` or ISO strings.

use chrono::{NaiveDate, NaiveDateTime};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDateTime, PyString};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::{FormatError, MubiaoError};

/// Bytes as bytes, text as UTF-8 bytes.
pub fn to_bytes(value: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(text) = value.extract::<String>() {
        return Ok(text.into_bytes());
    }
    value.extract()
}

/// A FormatError with code `bad-argument`: an argument of the wrong kind or shape.
pub fn bad_argument(message: String) -> PyErr {
    let error = FormatError::new_err(message);
    Python::attach(|py| {
        let value = error.value(py);
        let _ = value.setattr("code", "bad-argument");
        for name in ["line", "column", "path"] {
            let _ = value.setattr(name, py.None());
        }
    });
    error
}

/// A serde value as a Python object (dicts, lists, strings, numbers).
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|error| MubiaoError::new_err(error.to_string()))
}

/// A Python object (dicts, lists, strings, numbers) as a serde value.
pub fn from_py<T: DeserializeOwned>(value: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    pythonize::depythonize(value)
        .map_err(|error| bad_argument(format!("{what} does not have the expected shape: {error}")))
}

/// A value the core names in its documents, such as `monthly` or `zh`, from its name.
pub fn named<T: DeserializeOwned>(name: &str, what: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|error| bad_argument(format!("`{what}` is `{name}`: {error}")))
}

/// A list of records wrapped in `mubiao.Table`.
pub fn table<'py, T: Serialize>(py: Python<'py>, rows: &[T]) -> PyResult<Bound<'py, PyAny>> {
    let records = to_py(py, rows)?;
    py.import("mubiao._table")?
        .getattr("Table")?
        .call1((records,))
}

/// A date from `datetime.date` (or `datetime.datetime`) or an ISO string `YYYY-MM-DD`.
pub fn to_date(value: &Bound<'_, PyAny>, name: &str) -> PyResult<NaiveDate> {
    if value.is_instance_of::<PyDateTime>() {
        let moment: NaiveDateTime = value.extract()?;
        return Ok(moment.date());
    }
    if value.is_instance_of::<PyDate>() {
        return value.extract();
    }
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_cow()?;
        return text.parse().map_err(|_| {
            bad_argument(format!(
                "`{name}` is `{text}`, not a date; write it as 2017-03-31 or pass a datetime.date"
            ))
        });
    }
    Err(bad_argument(format!(
        "`{name}` must be a datetime.date or an ISO date string"
    )))
}

/// A moment from `datetime.datetime` or an ISO string `YYYY-MM-DDTHH:MM:SS`.
pub fn to_datetime(value: &Bound<'_, PyAny>, name: &str) -> PyResult<NaiveDateTime> {
    if value.is_instance_of::<PyDateTime>() {
        return value.extract();
    }
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_cow()?;
        return text.parse().map_err(|_| {
            bad_argument(format!(
                "`{name}` is `{text}`, not a moment; write it as 2017-03-31T17:30:00 or pass a datetime.datetime"
            ))
        });
    }
    Err(bad_argument(format!(
        "`{name}` must be a datetime.datetime or an ISO string"
    )))
}

/// Text from `str` or UTF-8 `bytes`.
pub fn to_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.extract::<String>() {
        return Ok(text);
    }
    let bytes: Vec<u8> = value.extract()?;
    String::from_utf8(bytes)
        .map_err(|error| bad_argument(format!("the bytes are not UTF-8: {error}")))
}
