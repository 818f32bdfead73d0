//! Errors as JavaScript `Error` objects with a stable `code` and, where the core gives
//! them, `problems`, `rule`, `sequence`, `line`, `column` and `path`.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::convert::to_js;

/// An `Error` named `name`, with `message`, `code` and more properties.
pub fn js_error(
    name: &str,
    message: &str,
    code: &str,
    properties: Vec<(&str, JsValue)>,
) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    let value: JsValue = error.into();
    let _ = Reflect::set(&value, &"code".into(), &code.into());
    for (key, property) in properties {
        let _ = Reflect::set(&value, &key.into(), &property);
    }
    value
}

/// A wrong argument: a bad date, an unknown language, an object of the wrong shape.
pub fn bad_argument(message: String) -> JsValue {
    js_error("FormatError", &message, "bad-argument", Vec::new())
}

fn problems(problems: &[mubiao::Problem]) -> JsValue {
    to_js(problems).unwrap_or(JsValue::UNDEFINED)
}

/// Converts a format error.
pub fn format_error(error: &mubiao::FormatError) -> JsValue {
    let (line, column) = error.position().unzip();
    js_error(
        "FormatError",
        &error.to_string(),
        error.code(),
        vec![
            ("line", to_js(&line).unwrap_or(JsValue::UNDEFINED)),
            ("column", to_js(&column).unwrap_or(JsValue::UNDEFINED)),
            ("path", to_js(&error.path()).unwrap_or(JsValue::UNDEFINED)),
        ],
    )
}

/// Converts a validation error of a plan or calendar.
pub fn validation_error(error: &mubiao::ValidationError) -> JsValue {
    js_error(
        "ValidationError",
        &error.to_string(),
        "invalid-document",
        vec![("problems", problems(&error.problems))],
    )
}

/// Converts a scheme's validation error.
pub fn scheme_error(error: &mubiao::ValidationError) -> JsValue {
    js_error(
        "SchemeError",
        &error.to_string(),
        "invalid-scheme",
        vec![("problems", problems(&error.problems))],
    )
}

/// Converts any core error.
pub fn to_js_error(error: mubiao::Error) -> JsValue {
    match &error {
        mubiao::Error::Format(error) => format_error(error),
        mubiao::Error::Validation(error) => validation_error(error),
        mubiao::Error::Status(error) => {
            js_error("StatusError", &error.to_string(), error.code(), Vec::new())
        }
        mubiao::Error::Change(error) => refused(error),
        mubiao::Error::Integrity(error) => js_error(
            "IntegrityError",
            &error.to_string(),
            "tampered",
            vec![
                (
                    "sequence",
                    to_js(&error.sequence).unwrap_or(JsValue::UNDEFINED),
                ),
                ("line", to_js(&error.line).unwrap_or(JsValue::UNDEFINED)),
                (
                    "problem",
                    to_js(&error.problem).unwrap_or(JsValue::UNDEFINED),
                ),
            ],
        ),
        mubiao::Error::Assessment(mubiao::AssessmentError::Status(error)) => {
            js_error("StatusError", &error.to_string(), error.code(), Vec::new())
        }
        mubiao::Error::Assessment(error) => js_error(
            "AssessmentError",
            &error.to_string(),
            error.code(),
            Vec::new(),
        ),
        other => js_error("MubiaoError", &other.to_string(), "error", Vec::new()),
    }
}

/// Converts a refused change.
pub fn refused(error: &mubiao::ChangeRefused) -> JsValue {
    js_error(
        "ChangeRefusedError",
        &error.to_string(),
        error.rule.as_str(),
        vec![
            ("rule", error.rule.as_str().into()),
            (
                "sequence",
                to_js(&error.sequence).unwrap_or(JsValue::UNDEFINED),
            ),
            ("kind", error.kind.into()),
            ("problems", problems(&error.problems)),
        ],
    )
}
