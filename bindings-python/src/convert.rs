//! Conversions between Python values and the core's types. Results go out through
//! `pythonize`; documents come in through JSON's data model, built here strictly (a bool is
//! never a number, keys are `str`, nothing nests deeper than JSON text may), so that a
//! `dict` is read by the core with exactly the rules of the same document as text.
//! Arguments (dates, names, counts, text) are read by the core's `arguments` functions.

use chrono::{NaiveDate, NaiveDateTime};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString,
    PyTuple,
};
use pyo3::Borrowed;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::errors::{argument_error, format_error, MubiaoError};

/// How deep a document may nest, as JSON text read by the core.
const MAX_DEPTH: usize = 128;

/// A `str` argument. Text that cannot be UTF-8 (a lone surrogate) is the library's
/// `ArgumentError`, not a `TypeError`; a value that is not a `str` is a `TypeError`.
pub struct Text(pub String);

impl<'a, 'py> FromPyObject<'a, 'py> for Text {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        let text = obj.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "expected a str, got {}",
                type_name(&obj.to_owned())
            ))
        })?;
        match text.to_cow() {
            Ok(text) => Ok(Text(text.into_owned())),
            Err(_) => Err(argument_error(&surrogate_error("text"))),
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(text.to_owned())
    }
}

/// A whole-number argument of any size; ranges are checked by the core. A `bool` or a
/// value that is not an `int` is a `TypeError`.
pub struct WholeNumber(pub i128);

impl<'a, 'py> FromPyObject<'a, 'py> for WholeNumber {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
            return Err(PyTypeError::new_err(format!(
                "expected an int, got {}",
                type_name(&obj.to_owned())
            )));
        }
        // An int beyond i128 is out of every range the library takes.
        Ok(WholeNumber(obj.extract::<i128>().unwrap_or_else(|_| {
            let negative = obj.lt(0).unwrap_or(false);
            if negative {
                i128::MIN
            } else {
                i128::MAX
            }
        })))
    }
}

impl WholeNumber {
    /// The number as a count within `min..=max`, or the library's `ArgumentError`.
    pub fn count(&self, argument: &str, min: u64, max: u64) -> PyResult<u64> {
        mubiao::arguments::count(argument, self.0, min, max).map_err(|e| argument_error(&e))
    }

    /// The number as a `usize` count within `min..=max`.
    pub fn size(&self, argument: &str, min: u64, max: u64) -> PyResult<usize> {
        let value = self.count(argument, min, max)?;
        usize::try_from(value).map_err(|_| {
            argument_error(&mubiao::ArgumentError::new(
                argument,
                format!("{value} is more than this machine can count"),
                format!("{value} 超出了本机可计数的范围"),
            ))
        })
    }
}

fn surrogate_error(argument: &str) -> mubiao::ArgumentError {
    mubiao::ArgumentError::new(
        argument,
        "the text holds a lone surrogate (such as \\ud800), which is not a character; it usually comes from bytes decoded with errors=\"surrogateescape\"; decode the file as UTF-8",
        "文本中含有孤立的代理码位(如 \\ud800),它不是字符;通常来自以 errors=\"surrogateescape\" 解码的字节;请按 UTF-8 解码文件",
    )
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// JSON text from `str` or `bytes`, as the bytes the core reads (it names encodings).
pub fn to_bytes(value: &Bound<'_, PyAny>, argument: &str) -> PyResult<Vec<u8>> {
    if let Ok(text) = value.cast::<PyString>() {
        return match text.to_cow() {
            Ok(text) => Ok(text.as_bytes().to_vec()),
            Err(_) => Err(argument_error(&surrogate_error(argument))),
        };
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(bytes) = value.cast::<PyByteArray>() {
        return Ok(bytes.to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "`{argument}` must be JSON text (str or bytes) or a dict, got {}",
        type_name(value)
    )))
}

/// Text from `str` or UTF-8 `bytes`; bytes that are not UTF-8 are the core's format error
/// naming the encoding problem and where it is.
pub fn to_text(value: &Bound<'_, PyAny>, argument: &str) -> PyResult<String> {
    let bytes = to_bytes(value, argument)?;
    mubiao::arguments::utf8_text(bytes)
        .map_err(|error| Python::attach(|py| format_error(py, &error)))
}

/// A serde value as a Python object (dicts, lists, strings, numbers).
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|error| MubiaoError::new_err(error.to_string()))
}

/// A shape error at `path`, as the core reports one for a document that is not text.
fn shape_error(path: &str, message: String, message_zh: String) -> PyErr {
    Python::attach(|py| {
        format_error(
            py,
            &mubiao::FormatError::Shape {
                path: if path.is_empty() {
                    "/".to_owned()
                } else {
                    path.to_owned()
                },
                line: 0,
                column: 0,
                message,
                message_zh,
            },
        )
    })
}

/// A Python object as a value of JSON's data model, strictly: `None`, `bool`, `int`,
/// `float` (finite), `str`, `list`/`tuple` and `dict` with `str` keys; nothing deeper than
/// JSON text may nest. `path` is the JSON pointer of `value`, for errors.
pub fn to_json_value(value: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(shape_error(
            path,
            format!("the document nests lists or dicts more than {MAX_DEPTH} deep (or a dict contains itself); a plan document never nests that deep"),
            format!("文档中列表或字典的嵌套超过 {MAX_DEPTH} 层(或字典包含了自身);计划文档不会嵌套这么深"),
        ));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = value.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(n) = value.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = value.extract::<u64>() {
            return Ok(Value::Number(n.into()));
        }
        // As JSON text does with a whole number too large for 64 bits: read it as a float.
        let float = value.extract::<f64>().ok().and_then(Number::from_f64);
        return float.map(Value::Number).ok_or_else(|| {
            shape_error(
                path,
                "the number is too large to be read; numbers in a plan are at most about 1.8e308"
                    .to_owned(),
                "数字太大,无法读取;计划中的数字最大约为 1.8e308".to_owned(),
            )
        });
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        let number = float.value();
        return Number::from_f64(number).map(Value::Number).ok_or_else(|| {
            shape_error(
                path,
                format!("`{number}` is not a number JSON can hold; give a finite number"),
                format!("`{number}` 不是 JSON 能表示的数;请填写有限的数"),
            )
        });
    }
    if let Ok(text) = value.cast::<PyString>() {
        return match text.to_cow() {
            Ok(text) => Ok(Value::String(text.into_owned())),
            Err(_) => {
                let error = surrogate_error(path);
                Err(shape_error(path, error.message, error.message_zh))
            }
        };
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut object = Map::new();
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(shape_error(
                    path,
                    format!(
                        "a key of this dict is a {}, not a str; JSON objects have text keys",
                        type_name(&key)
                    ),
                    format!(
                        "该字典的一个键是 {},不是 str;JSON 对象的键必须是文字",
                        type_name(&key)
                    ),
                ));
            };
            let Ok(key) = key.to_cow() else {
                let error = surrogate_error(path);
                return Err(shape_error(path, error.message, error.message_zh));
            };
            let length = path.len();
            path.push('/');
            path.push_str(&mubiao::arguments::pointer_token(&key));
            let item = to_json_value(&item, path, depth + 1)?;
            path.truncate(length);
            object.insert(key.into_owned(), item);
        }
        return Ok(Value::Object(object));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in value.try_iter()?.enumerate() {
            let length = path.len();
            path.push('/');
            path.push_str(&i.to_string());
            let item = to_json_value(&item?, path, depth + 1)?;
            path.truncate(length);
            items.push(item);
        }
        return Ok(Value::Array(items));
    }
    let (hint, hint_zh) = if value.is_instance_of::<PyDate>() {
        (
            "; write dates as text such as \"2017-03-31\"",
            ";日期请写成文字,例如 \"2017-03-31\"",
        )
    } else {
        ("", "")
    };
    Err(shape_error(
        path,
        format!(
            "a {} is not JSON data; use dict, list, str, int, float, bool or None{hint}",
            type_name(value)
        ),
        format!(
            "{} 不是 JSON 数据;请使用 dict、list、str、int、float、bool 或 None{hint_zh}",
            type_name(value)
        ),
    ))
}

/// A Python object as a value of JSON's data model, from the document's root.
pub fn json_value(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_json_value(value, &mut String::new(), 0)
}

/// A Python object (dicts, lists, strings, numbers) as one of the core's serde types, read
/// with the rules of JSON text.
pub fn from_py<T: DeserializeOwned>(value: &Bound<'_, PyAny>) -> PyResult<T> {
    let value = json_value(value)?;
    mubiao::arguments::from_json_value(value)
        .map_err(|error| Python::attach(|py| format_error(py, &error)))
}

/// A value the core names in its documents, such as `monthly` or `zh`, from its name.
pub fn named<T: DeserializeOwned>(name: &str, argument: &str) -> PyResult<T> {
    mubiao::arguments::named(argument, name).map_err(|e| argument_error(&e))
}

/// A date from `datetime.date` (or `datetime.datetime`) or text written `YYYY-MM-DD`.
pub fn to_date(value: &Bound<'_, PyAny>, name: &str) -> PyResult<NaiveDate> {
    if value.is_instance_of::<PyDateTime>() {
        return Ok(to_datetime(value, name)?.date());
    }
    if value.is_instance_of::<PyDate>() {
        return value.extract();
    }
    if value.is_instance_of::<PyString>() {
        let Text(text) = value.extract()?;
        return mubiao::arguments::date(name, &text).map_err(|e| argument_error(&e));
    }
    Err(PyTypeError::new_err(format!(
        "`{name}` must be a datetime.date or text such as \"2017-03-31\", got {}",
        type_name(value)
    )))
}

/// A moment from `datetime.datetime` (naive: the district's local time; with a time zone:
/// converted to it), `datetime.date` (its start), or text as the core reads it
/// (`2017-03-31T17:30:00`, `2017-03-31 17:30`, `2017-03-31`, with an optional offset).
pub fn to_datetime(value: &Bound<'_, PyAny>, name: &str) -> PyResult<NaiveDateTime> {
    if value.is_instance_of::<PyDateTime>() {
        let aware = !value.getattr("tzinfo")?.is_none();
        if !aware {
            return value.extract();
        }
        let moment: chrono::DateTime<chrono::FixedOffset> = value.extract()?;
        return mubiao::arguments::to_district_time(moment.naive_utc(), 0).ok_or_else(|| {
            argument_error(&mubiao::ArgumentError::new(
                name,
                format!("`{moment}` is beyond the dates the library counts"),
                format!("`{moment}` 超出了本库可计算的日期范围"),
            ))
        });
    }
    if value.is_instance_of::<PyDate>() {
        let day: NaiveDate = value.extract()?;
        return Ok(day.and_time(chrono::NaiveTime::MIN));
    }
    if value.is_instance_of::<PyString>() {
        let Text(text) = value.extract()?;
        return mubiao::arguments::moment(name, &text).map_err(|e| argument_error(&e));
    }
    Err(PyTypeError::new_err(format!(
        "`{name}` must be a datetime.datetime, a datetime.date or text such as \"2017-03-31T17:30:00\", got {}",
        type_name(value)
    )))
}
