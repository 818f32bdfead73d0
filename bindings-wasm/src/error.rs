//! Errors as JavaScript `Error` objects with a stable `code` and, where the core gives
//! them, `problems`, `omitted`, `rule`, `sequence`, `line`, `column`, `path` and
//! `argument`. Every error carries its message in English (`messageEn`) and Chinese
//! (`messageZh`); `message` is in the language chosen with `setLanguage`.

use std::sync::atomic::{AtomicBool, Ordering};

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

use crate::convert::to_js;

/// Whether messages are in Chinese; English by default.
static CHINESE: AtomicBool = AtomicBool::new(false);

/// Chooses the language of error messages: `"en"` or `"zh"`.
#[wasm_bindgen(js_name = setLanguage)]
pub fn set_language(
    #[wasm_bindgen(unchecked_param_type = "Language")] language: &str,
) -> Result<(), JsValue> {
    let language: mubiao::Language = crate::convert::named(language, "language")?;
    CHINESE.store(language == mubiao::Language::Chinese, Ordering::Relaxed);
    Ok(())
}

/// The language of error messages: `"en"` or `"zh"`.
#[wasm_bindgen(js_name = getLanguage, unchecked_return_type = "Language")]
pub fn get_language() -> String {
    if CHINESE.load(Ordering::Relaxed) {
        "zh"
    } else {
        "en"
    }
    .to_owned()
}

/// An `Error` named `name`, with its message in both languages, `code` and more
/// properties.
pub fn js_error(
    name: &str,
    messages: (String, String),
    code: &str,
    properties: Vec<(&str, JsValue)>,
) -> JsValue {
    let (english, chinese) = messages;
    let message = if CHINESE.load(Ordering::Relaxed) {
        &chinese
    } else {
        &english
    };
    let error = js_sys::Error::new(message);
    error.set_name(name);
    let value: JsValue = error.into();
    let _ = Reflect::set(&value, &"code".into(), &code.into());
    let _ = Reflect::set(&value, &"messageEn".into(), &english.as_str().into());
    let _ = Reflect::set(&value, &"messageZh".into(), &chinese.as_str().into());
    for (key, property) in properties {
        let _ = Reflect::set(&value, &key.into(), &property);
    }
    value
}

/// The messages of a core error in both languages.
fn both(message: impl Fn(mubiao::Language) -> String) -> (String, String) {
    (
        message(mubiao::Language::English),
        message(mubiao::Language::Chinese),
    )
}

/// Converts an argument error: a bad date, an unknown name, a number out of range.
pub fn argument_error(error: &mubiao::ArgumentError) -> JsValue {
    js_error(
        "ArgumentError",
        both(|l| error.message(l)),
        error.code(),
        vec![("argument", error.argument.as_str().into())],
    )
}

fn problems(problems: &[mubiao::Problem]) -> JsValue {
    to_js(problems).unwrap_or(JsValue::UNDEFINED)
}

/// Converts a format error.
pub fn format_error(error: &mubiao::FormatError) -> JsValue {
    let (line, column) = error.position().unzip();
    js_error(
        "FormatError",
        both(|l| error.message(l)),
        error.code(),
        vec![
            ("line", to_js(&line).unwrap_or(JsValue::UNDEFINED)),
            ("column", to_js(&column).unwrap_or(JsValue::UNDEFINED)),
            ("path", to_js(&error.path()).unwrap_or(JsValue::UNDEFINED)),
        ],
    )
}

/// Converts a validation error of a plan, calendar or scheme.
pub fn validation_error(error: &mubiao::ValidationError) -> JsValue {
    let name = match error.subject {
        mubiao::Subject::Scheme => "SchemeError",
        _ => "ValidationError",
    };
    js_error(
        name,
        both(|l| error.message(l)),
        mubiao::Error::Validation(error.clone()).code(),
        vec![
            ("problems", problems(&error.problems)),
            (
                "omitted",
                to_js(&error.omitted).unwrap_or(JsValue::UNDEFINED),
            ),
            (
                "subject",
                to_js(&error.subject).unwrap_or(JsValue::UNDEFINED),
            ),
        ],
    )
}

/// Converts a scheme's validation error.
pub fn scheme_error(error: &mubiao::ValidationError) -> JsValue {
    validation_error(error)
}

/// Converts any core error.
pub fn to_js_error(error: mubiao::Error) -> JsValue {
    match &error {
        mubiao::Error::Format(error) => format_error(error),
        mubiao::Error::Validation(error) => validation_error(error),
        mubiao::Error::Status(error) => js_error(
            "StatusError",
            both(|l| error.message(l)),
            error.code(),
            Vec::new(),
        ),
        mubiao::Error::Change(error) => refused(error),
        mubiao::Error::Integrity(error) => js_error(
            "IntegrityError",
            both(|l| error.message(l)),
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
        mubiao::Error::Assessment(mubiao::AssessmentError::Status(error)) => js_error(
            "StatusError",
            both(|l| error.message(l)),
            error.code(),
            Vec::new(),
        ),
        mubiao::Error::Assessment(error) => js_error(
            "AssessmentError",
            both(|l| error.message(l)),
            error.code(),
            Vec::new(),
        ),
        mubiao::Error::Argument(error) => argument_error(error),
        other => js_error(
            "MubiaoError",
            both(|l| other.message(l)),
            other.code(),
            Vec::new(),
        ),
    }
}

/// Converts a refused change.
pub fn refused(error: &mubiao::ChangeRefused) -> JsValue {
    js_error(
        "ChangeRefusedError",
        both(|l| error.message(l)),
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
