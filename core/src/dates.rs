//! Dates and moments as documents write them: strictly `YYYY-MM-DD` and
//! `YYYY-MM-DDTHH:MM:SS`, years 0001 to 9999.
//!
//! The JSON reader of the date library accepts more (`2017-3-1`, leading spaces, years of
//! six digits with a sign); a plan document is a contract between offices, so a date that
//! is not written exactly as the format says is refused with a message that shows the
//! right form, and an impossible date (`2017-02-30`) says why it does not exist.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serializer};

/// The first year a document may name.
pub(crate) const FIRST_YEAR: i32 = 1;
/// The last year a document may name.
pub(crate) const LAST_YEAR: i32 = 9999;

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DateProblem {
    /// Not written as `YYYY-MM-DD`.
    Form,
    /// Year 0000.
    YearZero,
    /// A month other than 01 to 12.
    Month(u32),
    /// A day the month does not have.
    Day { year: i32, month: u32, day: u32 },
    /// Not written as `YYYY-MM-DDTHH:MM:SS`.
    MomentForm,
    /// An hour, minute or second out of range.
    Time,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month.saturating_add(1), 1)
    };
    next.and_then(|next| next.pred_opt())
        .map_or(31, |last| last.day())
}

impl DateProblem {
    /// The problem in English, for the text `text`.
    pub(crate) fn english(&self, text: &str) -> String {
        match self {
            DateProblem::Form => format!(
                "`{text}` is not a date written as YYYY-MM-DD (four-digit year, two-digit month and day, e.g. 2017-03-01)"
            ),
            DateProblem::YearZero => {
                format!("`{text}` is in year 0000; years run from 0001 to 9999")
            }
            DateProblem::Month(month) => {
                format!("`{text}` has month {month}; months run from 01 to 12")
            }
            DateProblem::Day { year, month, day } => {
                let name = usize::try_from(*month)
                    .ok()
                    .and_then(|m| m.checked_sub(1))
                    .and_then(|m| MONTHS_EN.get(m))
                    .copied()
                    .unwrap_or("that month");
                format!(
                    "`{text}` does not exist: {name} {year} has {} days, not {day}",
                    days_in_month(*year, *month)
                )
            }
            DateProblem::MomentForm => format!(
                "`{text}` is not a moment written as YYYY-MM-DDTHH:MM:SS (e.g. 2017-03-31T17:30:00, or 2017-03-31 17:30, optionally with an offset such as +08:00)"
            ),
            DateProblem::Time => format!(
                "`{text}` has a time of day that does not exist; hours run from 00 to 23, minutes and seconds from 00 to 59"
            ),
        }
    }

    /// The problem in Chinese, for the text `text`.
    pub(crate) fn chinese(&self, text: &str) -> String {
        match self {
            DateProblem::Form => format!(
                "`{text}` 不是按 YYYY-MM-DD 书写的日期(四位年份、两位月份和两位日,例如 2017-03-01)"
            ),
            DateProblem::YearZero => format!("`{text}` 的年份为 0000;年份须在 0001 至 9999 之间"),
            DateProblem::Month(month) => {
                format!("`{text}` 的月份为 {month};月份须在 01 至 12 之间")
            }
            DateProblem::Day { year, month, day } => format!(
                "`{text}` 这一天不存在:{year}年{month}月只有 {} 天,没有 {day} 日",
                days_in_month(*year, *month)
            ),
            DateProblem::MomentForm => {
                format!("`{text}` 不是按 YYYY-MM-DDTHH:MM:SS 书写的时刻(例如 2017-03-31T17:30:00 或 2017-03-31 17:30,可带时区偏移如 +08:00)")
            }
            DateProblem::Time => {
                format!("`{text}` 的时间不存在;小时须在 00 至 23 之间,分和秒须在 00 至 59 之间")
            }
        }
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u32, |n, b| {
        n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

/// Reads a date written exactly as `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, DateProblem> {
    let bytes = text.as_bytes();
    let (Some(year), Some(b'-'), Some(month), Some(b'-'), Some(day), 10) = (
        bytes.get(0..4).and_then(digits),
        bytes.get(4),
        bytes.get(5..7).and_then(digits),
        bytes.get(7),
        bytes.get(8..10).and_then(digits),
        bytes.len(),
    ) else {
        return Err(DateProblem::Form);
    };
    let year = i32::try_from(year).map_err(|_| DateProblem::Form)?;
    if year == 0 {
        return Err(DateProblem::YearZero);
    }
    if !(1..=12).contains(&month) {
        return Err(DateProblem::Month(month));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::Day { year, month, day })
}

/// Reads a moment written as `YYYY-MM-DDTHH:MM:SS`, with optional fractions of a second.
pub(crate) fn parse_moment(text: &str) -> Result<NaiveDateTime, DateProblem> {
    let (date, time) = match (text.get(..10), text.get(10..11), text.get(11..)) {
        (Some(date), Some("T"), Some(time)) => (date, time),
        _ => return Err(DateProblem::MomentForm),
    };
    let date = match parse_date(date) {
        Err(DateProblem::Form) => return Err(DateProblem::MomentForm),
        other => other?,
    };
    let bytes = time.as_bytes();
    let (Some(hour), Some(b':'), Some(minute), Some(b':'), Some(second)) = (
        bytes.get(0..2).and_then(digits),
        bytes.get(2),
        bytes.get(3..5).and_then(digits),
        bytes.get(5),
        bytes.get(6..8).and_then(digits),
    ) else {
        return Err(DateProblem::MomentForm);
    };
    let nanos = match bytes.get(8..) {
        None | Some([]) => 0,
        Some([b'.', fraction @ ..]) if (1..=9).contains(&fraction.len()) => {
            let value = digits(fraction).ok_or(DateProblem::MomentForm)?;
            let scale = (fraction.len()..9).fold(1u32, |s, _| s.saturating_mul(10));
            value.saturating_mul(scale)
        }
        Some(_) => return Err(DateProblem::MomentForm),
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        .filter(|_| second < 60)
        .ok_or(DateProblem::Time)?;
    Ok(date.and_time(time))
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written as YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse_date(text).map_err(|problem| {
            E::custom(crate::wording::bilingual(
                &problem.english(text),
                &problem.chinese(text),
            ))
        })
    }
}

struct MomentVisitor;

impl Visitor<'_> for MomentVisitor {
    type Value = NaiveDateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a moment written as YYYY-MM-DDTHH:MM:SS")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDateTime, E> {
        parse_moment(text).map_err(|problem| {
            E::custom(crate::wording::bilingual(
                &problem.english(text),
                &problem.chinese(text),
            ))
        })
    }
}

/// `#[serde(deserialize_with)]` for a plan's year: a whole number; one beyond what a year
/// can be is refused in words, not as a machine type.
pub(crate) fn plan_year<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i32, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let year = value.as_i64().and_then(|y| i32::try_from(y).ok());
    year.ok_or_else(|| {
        de::Error::custom(crate::wording::bilingual(
            &format!("the year `{value}` is not a calendar year; use a whole number from {FIRST_YEAR} to {LAST_YEAR}"),
            &format!("年份 `{value}` 不是有效的年份;请使用 {FIRST_YEAR} 至 {LAST_YEAR} 之间的整数"),
        ))
    })
}

/// `#[serde(with = "crate::dates::date")]`: a strict `YYYY-MM-DD` date.
pub(crate) mod date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(date, s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DateVisitor)
    }
}

/// `#[serde(with = "crate::dates::optional_date")]`: an optional strict date.
pub(crate) mod optional_date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(date, s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        struct OptionalDate;
        impl<'de> Visitor<'de> for OptionalDate {
            type Value = Option<NaiveDate>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD, or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                d.deserialize_str(DateVisitor).map(Some)
            }
        }
        d.deserialize_option(OptionalDate)
    }
}

/// `#[serde(with = "crate::dates::moment")]`: a strict `YYYY-MM-DDTHH:MM:SS` moment.
pub(crate) mod moment {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        moment: &NaiveDateTime,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(moment, s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        d.deserialize_str(MomentVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_only_in_their_one_form() {
        assert_eq!(
            parse_date("2017-03-01"),
            Ok(NaiveDate::from_ymd_opt(2017, 3, 1).unwrap())
        );
        for text in [
            "2017-3-1",
            " 2017-03-31",
            "2017-03-31 ",
            "+2017-03-31",
            "20170331",
            "2017/03/31",
            "-262143-01-01",
            "+262142-12-31",
            "",
            "２０１７-03-01",
        ] {
            assert_eq!(parse_date(text), Err(DateProblem::Form), "{text:?}");
        }
        assert_eq!(parse_date("0000-01-01"), Err(DateProblem::YearZero));
        assert_eq!(parse_date("2017-13-01"), Err(DateProblem::Month(13)));
        assert_eq!(
            parse_date("2017-02-30"),
            Err(DateProblem::Day {
                year: 2017,
                month: 2,
                day: 30
            })
        );
    }

    #[test]
    fn impossible_dates_say_why() {
        let problem = parse_date("2017-02-30").unwrap_err();
        assert_eq!(
            problem.english("2017-02-30"),
            "`2017-02-30` does not exist: February 2017 has 28 days, not 30"
        );
        assert!(problem
            .chinese("2017-02-30")
            .contains("2017年2月只有 28 天"));
        let leap = parse_date("2016-02-30").unwrap_err();
        assert!(leap.english("2016-02-30").contains("has 29 days"));
    }

    #[test]
    fn moments_are_read_only_in_their_one_form() {
        let moment = parse_moment("2017-03-31T17:30:00").unwrap();
        assert_eq!(moment.to_string(), "2017-03-31 17:30:00");
        assert!(parse_moment("2017-03-31T17:30:00.250").is_ok());
        for text in [
            "2017-03-31 17:30:00",
            "2017-03-31T17:30",
            "2017-3-31T17:30:00",
            "2017-03-31T17:30:00Z",
            "2017-03-31T17:30:00.",
            "2017-03-31T17:30:00.1234567890",
        ] {
            assert!(parse_moment(text).is_err(), "{text:?}");
        }
        assert_eq!(parse_moment("2017-03-31T24:00:00"), Err(DateProblem::Time));
        assert_eq!(parse_moment("2017-03-31T23:59:60"), Err(DateProblem::Time));
        assert!(matches!(
            parse_moment("2017-02-29T00:00:00"),
            Err(DateProblem::Day { .. })
        ));
    }
}
