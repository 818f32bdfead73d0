//! Arguments from host languages — dates, moments, named values, counts — read with the
//! same rules as documents, so that Python, JavaScript and Rust callers get the same
//! answers and the same errors.

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;

use crate::dates::{parse_date, parse_moment};
use crate::error::{ArgumentError, FormatError};

/// A date argument written as `YYYY-MM-DD`.
///
/// ```
/// let day = mubiao::arguments::date("as_of", "2017-03-31")?;
/// assert_eq!(day.to_string(), "2017-03-31");
/// let error = mubiao::arguments::date("as_of", "2017-02-30").unwrap_err();
/// assert!(error.to_string().contains("February 2017 has 28 days"));
/// # Ok::<(), mubiao::ArgumentError>(())
/// ```
///
/// # Errors
///
/// [`ArgumentError`] saying what is wrong with the text.
pub fn date(argument: &str, text: &str) -> Result<NaiveDate, ArgumentError> {
    parse_date(text).map_err(|problem| {
        ArgumentError::new(argument, problem.english(text), problem.chinese(text))
    })
}

/// A moment argument written as `YYYY-MM-DDTHH:MM:SS`.
///
/// # Errors
///
/// [`ArgumentError`] saying what is wrong with the text.
pub fn moment(argument: &str, text: &str) -> Result<NaiveDateTime, ArgumentError> {
    parse_moment(text).map_err(|problem| {
        ArgumentError::new(argument, problem.english(text), problem.chinese(text))
    })
}

/// A value the library names in its documents, such as `monthly`, `zh` or `department`,
/// from its name.
///
/// # Errors
///
/// [`ArgumentError`] listing the names allowed.
pub fn named<T: DeserializeOwned>(argument: &str, name: &str) -> Result<T, ArgumentError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|error| {
        let (message, message_zh) = crate::wording::reword(&error.to_string());
        ArgumentError::new(
            argument,
            format!("`{name}` is not allowed here: {message}"),
            format!("此处不允许 `{name}`:{message_zh}"),
        )
    })
}

/// A whole-number argument within `min..=max`, from a host's integer of any size.
///
/// # Errors
///
/// [`ArgumentError`] stating the range in words.
pub fn count(argument: &str, value: i128, min: u64, max: u64) -> Result<u64, ArgumentError> {
    u64::try_from(value)
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or_else(|| {
            ArgumentError::new(
                argument,
                format!("{value} is not a whole number from {min} to {max}"),
                format!("{value} 不是 {min} 至 {max} 之间的整数"),
            )
        })
}

/// Any of the library's serde types (a scheme, a calendar document, component scores, a
/// ledger change) from a host's value in JSON's data model, held to the rules of JSON
/// text; errors carry the path of the value at fault. Plan documents have their own
/// reader, [`PlanDocument::from_json_value`](crate::PlanDocument::from_json_value), which
/// also checks the format version.
///
/// # Errors
///
/// [`FormatError::Shape`] naming the path, with line and column 0.
pub fn from_json_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, FormatError> {
    crate::format::read_value(value)
}

/// A host's JSON text (for example what `JSON.stringify` wrote) as a value of JSON's data
/// model, with the reader's errors worded as for documents.
///
/// # Errors
///
/// [`FormatError`] for text that is not JSON, or nests deeper than 128 levels.
pub fn json_text(text: &str) -> Result<serde_json::Value, FormatError> {
    crate::format::read_json(text.as_bytes())
}

/// Bytes a host passed as text, as UTF-8: a byte-order mark, UTF-16 and other encodings are
/// named, with the line and column of the first bad byte, as for documents.
///
/// # Errors
///
/// [`FormatError::Encoding`] for bytes that are not UTF-8 text.
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, FormatError> {
    String::from_utf8(bytes).map_err(|error| {
        let bytes = error.into_bytes();
        match crate::format::check_text(&bytes) {
            Err(error) => error,
            // Not UTF-8, so the check names it; this arm is never taken.
            Ok(()) => FormatError::Empty,
        }
    })
}

/// One member name as a JSON pointer token (`~` and `/` escaped, RFC 6901), for hosts
/// that build the path of a value they convert, as the core's errors write paths.
pub fn pointer_token(name: &str) -> String {
    crate::format::escape_pointer_token(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_read_strictly_with_messages_in_both_languages() {
        let error = date("as_of", "2017-3-1").unwrap_err();
        assert_eq!(error.code(), "bad-argument");
        assert!(error
            .to_string()
            .starts_with("`as_of`: `2017-3-1` is not a date written as YYYY-MM-DD"));
        assert!(error
            .message(crate::Language::Chinese)
            .contains("参数 `as_of`"));
        assert!(moment("at", "2017-03-31T17:30:00").is_ok());
        assert!(moment("at", "+262142-12-31T00:00:00").is_err());
        let language: crate::Language = named("language", "zh").unwrap();
        assert_eq!(language, crate::Language::Chinese);
        let error = named::<crate::Language>("language", "chinese").unwrap_err();
        assert!(error.message.contains("`zh`"), "{error}");
        assert_eq!(count("milestones", 12, 0, 100).unwrap(), 12);
        assert!(count("milestones", -1, 0, 100).is_err());
        let huge = count("milestones", 1 << 100, 0, 100).unwrap_err();
        assert!(huge.to_string().contains("from 0 to 100"), "{huge}");
        let nested = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(json_text(&nested).unwrap_err().to_string().contains("128"));
        let error = utf8_text(b"{\"a\":\n\"\xff\"}".to_vec()).unwrap_err();
        assert_eq!((error.code(), error.position()), ("not-utf8", Some((2, 2))));
        assert_eq!(utf8_text(b"{}".to_vec()).unwrap(), "{}");
    }

    #[test]
    fn pointer_tokens_escape_tilde_then_slash() {
        assert_eq!(pointer_token("a/b~c"), "a~1b~0c");
        assert_eq!(pointer_token("~1"), "~01");
    }
}
