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

/// The district's local time, in which every moment of a plan and ledger is written:
/// China Standard Time, eight hours ahead of UTC (no daylight saving).
pub const DISTRICT_UTC_OFFSET_SECONDS: i32 = 8 * 3600;

/// A moment given with its offset from UTC, as the same moment in the district's local
/// time ([`DISTRICT_UTC_OFFSET_SECONDS`]); `None` beyond the dates the library counts.
pub fn to_district_time(moment: NaiveDateTime, utc_offset_seconds: i32) -> Option<NaiveDateTime> {
    let shift = i64::from(DISTRICT_UTC_OFFSET_SECONDS) - i64::from(utc_offset_seconds);
    moment.checked_add_signed(chrono::TimeDelta::try_seconds(shift)?)
}

/// A trailing UTC offset of a moment's text (`Z`, `+08:00`, `-0500`, `+08`), in seconds,
/// and the text before it.
fn split_offset(text: &str) -> Option<(&str, Option<i32>)> {
    if let Some(rest) = text.strip_suffix(['Z', 'z']) {
        return Some((rest, Some(0)));
    }
    // An offset follows the time of day, so only a sign after the date's ten characters.
    let cut = text
        .char_indices()
        .skip(10)
        .find(|(_, c)| *c == '+' || *c == '-')
        .map(|(i, _)| i);
    let Some(cut) = cut else {
        return Some((text, None));
    };
    let (head, offset) = text.split_at(cut);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits: String = offset.chars().skip(1).filter(|c| *c != ':').collect();
    if !(digits.len() == 2 || digits.len() == 4) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some((head, Some(sign * (hours * 3600 + minutes * 60))))
}

/// A moment argument: `YYYY-MM-DDTHH:MM:SS` (fractions of a second allowed), with a space
/// for the `T`, without the seconds, or a bare date meaning the start of that day. A
/// trailing UTC offset (`Z`, `+08:00`, `-05:00`) converts the moment to the district's
/// local time; without one, the moment is taken as local time already.
///
/// ```
/// use mubiao::arguments::moment;
/// let at = |text| moment("at", text).map(|m| m.to_string());
/// assert_eq!(at("2017-03-31T17:30:00")?, "2017-03-31 17:30:00");
/// assert_eq!(at("2017-03-31 17:30")?, "2017-03-31 17:30:00");
/// assert_eq!(at("2017-03-31")?, "2017-03-31 00:00:00");
/// assert_eq!(at("2017-03-31T09:30:00Z")?, "2017-03-31 17:30:00");
/// assert_eq!(at("2017-03-31T17:30:00+08:00")?, "2017-03-31 17:30:00");
/// assert!(moment("at", "31/03/2017").is_err());
/// # Ok::<(), mubiao::ArgumentError>(())
/// ```
///
/// # Errors
///
/// [`ArgumentError`] saying what is wrong with the text.
pub fn moment(argument: &str, text: &str) -> Result<NaiveDateTime, ArgumentError> {
    let refuse = |problem: crate::dates::DateProblem| {
        ArgumentError::new(argument, problem.english(text), problem.chinese(text))
    };
    let trimmed = text.trim();
    if trimmed.len() == 10 {
        return parse_date(trimmed)
            .map(|day| day.and_time(chrono::NaiveTime::MIN))
            .map_err(refuse);
    }
    let (local, offset) = split_offset(trimmed)
        .ok_or(crate::dates::DateProblem::MomentForm)
        .map_err(refuse)?;
    let mut normal = local.to_owned();
    if normal.get(10..11) == Some(" ") {
        normal.replace_range(10..11, "T");
    }
    if normal.len() == 16 {
        normal.push_str(":00");
    }
    let moment = parse_moment(&normal).map_err(refuse)?;
    match offset {
        None => Ok(moment),
        Some(seconds) => to_district_time(moment, seconds)
            .ok_or(crate::dates::DateProblem::MomentForm)
            .map_err(refuse),
    }
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
