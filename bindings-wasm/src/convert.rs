//! Plain data between JavaScript and the core's serde types.

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::bad_argument;

/// A serde value as a plain JavaScript value (objects, arrays, strings, numbers).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|error| bad_argument(error.to_string()))
}

/// A plain JavaScript value as a serde value. The value goes through JSON's data model so
/// that unknown fields are refused exactly as in JSON text.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value)
        .map_err(|error| bad_argument(format!("{what} is not plain data: {error}")))?;
    serde_json::from_value(json)
        .map_err(|error| bad_argument(format!("{what} does not have the expected shape: {error}")))
}

/// A value the core names in its documents, such as `month` or `zh`, from its name.
pub fn named<T: DeserializeOwned>(name: &str, what: &str) -> Result<T, JsValue> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|error| bad_argument(format!("`{what}` is `{name}`: {error}")))
}

/// A date from an ISO string `YYYY-MM-DD`.
pub fn to_date(text: &str, name: &str) -> Result<NaiveDate, JsValue> {
    text.parse().map_err(|_| {
        bad_argument(format!(
            "`{name}` is `{text}`, not a date; write it as 2017-03-31"
        ))
    })
}

/// A moment from an ISO string `YYYY-MM-DDTHH:MM:SS`.
pub fn to_datetime(text: &str, name: &str) -> Result<NaiveDateTime, JsValue> {
    text.parse().map_err(|_| {
        bad_argument(format!(
            "`{name}` is `{text}`, not a moment; write it as 2017-03-31T17:30:00"
        ))
    })
}
