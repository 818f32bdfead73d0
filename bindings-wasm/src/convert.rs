//! Plain data between JavaScript and the core's types. Values go out through
//! `serde-wasm-bindgen`; documents and options come in as `JSON.stringify` writes them, so
//! that a JavaScript object is read by the core with exactly the rules of the same
//! document as text, and errors carry the same paths. Arguments (dates, names, counts) are
//! read by the core's `arguments` functions.

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{argument_error, format_error, js_error};

/// A serde value as a plain JavaScript value (objects, arrays, strings, numbers).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|error| {
        js_error(
            "MubiaoError",
            (error.to_string(), error.to_string()),
            "error",
            Vec::new(),
        )
    })
}

/// A JavaScript value in JSON's data model, as `JSON.stringify` writes it (undefined
/// members left out, dates as text). A value it cannot write — a cycle, a BigInt — is the
/// library's own error.
pub fn json_value(value: &JsValue, argument: &str) -> Result<serde_json::Value, JsValue> {
    let unwritable = |detail: String| {
        argument_error(&mubiao::ArgumentError::new(
            argument,
            format!("the value cannot be written as JSON ({detail}); pass plain objects, arrays, text, numbers, true, false and null"),
            format!("该值无法写成 JSON({detail});请传入普通的对象、数组、文字、数字、true、false 或 null"),
        ))
    };
    let text = js_sys::JSON::stringify(value)
        .map_err(|error| {
            unwritable(
                js_sys::Error::from(error)
                    .message()
                    .as_string()
                    .unwrap_or_default(),
            )
        })?
        .as_string()
        .ok_or_else(|| unwritable("undefined".to_owned()))?;
    // `JSON.stringify` writes JSON; what the reader can still refuse (a value nested
    // deeper than 128 levels) is read, and worded in both languages, by the core.
    mubiao::arguments::json_text(&text).map_err(|error| format_error(&error))
}

/// A plain JavaScript value as one of the core's serde types, read with the rules of JSON
/// text.
pub fn from_js<T: DeserializeOwned>(value: JsValue, argument: &str) -> Result<T, JsValue> {
    mubiao::arguments::from_json_value(json_value(&value, argument)?)
        .map_err(|error| format_error(&error))
}

/// A value the core names in its documents, such as `month` or `zh`, from its name.
pub fn named<T: DeserializeOwned>(name: &str, argument: &str) -> Result<T, JsValue> {
    mubiao::arguments::named(argument, name).map_err(|e| argument_error(&e))
}

/// A date from text written `YYYY-MM-DD`.
pub fn to_date(text: &str, argument: &str) -> Result<NaiveDate, JsValue> {
    mubiao::arguments::date(argument, text).map_err(|e| argument_error(&e))
}

/// A moment from text written `YYYY-MM-DDTHH:MM:SS`.
pub fn to_datetime(text: &str, argument: &str) -> Result<NaiveDateTime, JsValue> {
    mubiao::arguments::moment(argument, text).map_err(|e| argument_error(&e))
}

/// A whole number from a JavaScript number, within `min..=max`.
pub fn whole_number(value: f64, argument: &str, min: u64, max: u64) -> Result<u64, JsValue> {
    // A number with a fraction, or beyond i128, is out of every range the library takes.
    let whole = if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e38 {
        // Checked above: finite, whole, and within i128.
        #[allow(clippy::cast_possible_truncation)]
        let whole = value as i128;
        whole
    } else {
        i128::MAX
    };
    mubiao::arguments::count(argument, whole, min, max)
        .map_err(|mut error| {
            if whole == i128::MAX {
                error.message = format!("{value} is not a whole number from {min} to {max}");
                error.message_zh = format!("{value} 不是 {min} 至 {max} 之间的整数");
            }
            error
        })
        .map_err(|e| argument_error(&e))
}

/// Text as its UTF-8 bytes, or the bytes of a `Uint8Array` as given; anything else is the
/// bad argument `otherwise`.
pub fn text_or_bytes(
    value: &JsValue,
    otherwise: &mubiao::ArgumentError,
) -> Result<Vec<u8>, JsValue> {
    use wasm_bindgen::JsCast;
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    match value.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => Ok(bytes.to_vec()),
        None => Err(argument_error(otherwise)),
    }
}

/// The bytes of a file given as a `Uint8Array` (a Node `Buffer` is one) or an
/// `ArrayBuffer` (what `File.arrayBuffer()` gives in a browser).
pub fn file_bytes(value: &JsValue, argument: &str) -> Result<Vec<u8>, JsValue> {
    use wasm_bindgen::JsCast;
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buffer).to_vec());
    }
    Err(argument_error(&mubiao::ArgumentError::new(
        argument,
        "give the workbook's bytes as a Uint8Array or an ArrayBuffer (e.g. `await file.arrayBuffer()`)",
        "请以 Uint8Array 或 ArrayBuffer 给出工作簿的字节(例如 `await file.arrayBuffer()`)",
    )))
}
