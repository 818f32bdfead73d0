//! Periods of the calendar — months, quarters and years — and the period a date falls in.
//!
//! A milestone's due period is the month or quarter (by its
//! [`Granularity`](crate::Granularity)) that holds its due date; finishing in an earlier
//! period is finishing early.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::milestone::Granularity;

/// A calendar month, quarter or year. Written as `2017-03`, `2017-Q1` or `2017`.
///
/// ```
/// use chrono::NaiveDate;
/// use mubiao::{Granularity, Period};
///
/// let day = NaiveDate::from_ymd_opt(2017, 3, 31).unwrap();
/// assert_eq!(Period::of(day, Granularity::Quarter).to_string(), "2017-Q1");
/// assert_eq!(Period::of(day, Granularity::Month).to_string(), "2017-03");
/// assert_eq!("2017-Q2".parse::<Period>().unwrap().first_day(), NaiveDate::from_ymd_opt(2017, 4, 1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar month, 1–12.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
    /// A calendar quarter, 1–4.
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1–4.
        quarter: u32,
    },
    /// A calendar year.
    Year(i32),
}

impl Period {
    /// The month or quarter, by `granularity`, that holds `date`.
    pub fn of(date: NaiveDate, granularity: Granularity) -> Self {
        match granularity {
            Granularity::Month => Period::Month {
                year: date.year(),
                month: date.month(),
            },
            Granularity::Quarter => Period::quarter_of(date),
        }
    }

    /// The quarter that holds `date`.
    pub fn quarter_of(date: NaiveDate) -> Self {
        Period::Quarter {
            year: date.year(),
            quarter: date.month0() / 3 + 1,
        }
    }

    /// A number that orders periods of the same kind: consecutive periods differ by one.
    pub fn ordinal(self) -> i64 {
        match self {
            Period::Month { year, month } => i64::from(year) * 12 + i64::from(month) - 1,
            Period::Quarter { year, quarter } => i64::from(year) * 4 + i64::from(quarter) - 1,
            Period::Year(year) => i64::from(year),
        }
    }

    /// The first day of the period; `None` only for years chrono cannot represent.
    pub fn first_day(self) -> Option<NaiveDate> {
        match self {
            Period::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
            Period::Quarter { year, quarter } => {
                NaiveDate::from_ymd_opt(year, quarter.checked_sub(1)? * 3 + 1, 1)
            }
            Period::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
        }
    }

    /// The period after this one, of the same kind.
    pub fn next(self) -> Self {
        match self {
            Period::Month { year, month } if month >= 12 => Period::Month {
                year: year.saturating_add(1),
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
            Period::Quarter { year, quarter } if quarter >= 4 => Period::Quarter {
                year: year.saturating_add(1),
                quarter: 1,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter + 1,
            },
            Period::Year(year) => Period::Year(year.saturating_add(1)),
        }
    }

    /// The last day of the period.
    pub fn last_day(self) -> Option<NaiveDate> {
        self.next().first_day()?.checked_sub_days(Days::new(1))
    }

    /// Whether `date` falls in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        match (self.first_day(), self.last_day()) {
            (Some(first), Some(last)) => first <= date && date <= last,
            _ => false,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Year(year) => write!(f, "{year}"),
        }
    }
}

/// A period could not be read from text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a period; write a month as `2017-03`, a quarter as `2017-Q1` or a year as `2017`"
)]
pub struct ParsePeriodError(String);

impl FromStr for Period {
    type Err = ParsePeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParsePeriodError(text.to_owned());
        let (year_text, rest) = match text.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (text, None),
        };
        let year: i32 = year_text.parse().map_err(|_| error())?;
        match rest {
            None => Ok(Period::Year(year)),
            Some(rest) => {
                if let Some(quarter) = rest.strip_prefix('Q') {
                    match quarter.parse() {
                        Ok(quarter @ 1..=4) => Ok(Period::Quarter { year, quarter }),
                        _ => Err(error()),
                    }
                } else {
                    match rest.parse() {
                        Ok(month @ 1..=12) if rest.len() == 2 => Ok(Period::Month { year, month }),
                        _ => Err(error()),
                    }
                }
            }
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_of_dates() {
        assert_eq!(
            Period::of(day(2017, 9, 30), Granularity::Quarter),
            Period::Quarter {
                year: 2017,
                quarter: 3
            }
        );
        assert_eq!(
            Period::of(day(2016, 2, 29), Granularity::Month).last_day(),
            Some(day(2016, 2, 29))
        );
        let q4 = Period::quarter_of(day(2017, 12, 31));
        assert_eq!(q4.first_day(), Some(day(2017, 10, 1)));
        assert_eq!(q4.last_day(), Some(day(2017, 12, 31)));
        assert_eq!(q4.next().to_string(), "2018-Q1");
        assert!(q4.contains(day(2017, 10, 1)) && !q4.contains(day(2018, 1, 1)));
        assert_eq!(
            Period::quarter_of(day(2017, 4, 1)).ordinal()
                - Period::quarter_of(day(2017, 3, 31)).ordinal(),
            1
        );
    }

    #[test]
    fn periods_read_and_write_as_text() {
        for text in ["2017-03", "2017-Q1", "2017", "2017-12", "2017-Q4"] {
            let period: Period = text.parse().unwrap();
            assert_eq!(period.to_string(), text);
            let json = serde_json::to_string(&period).unwrap();
            assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), period);
        }
        for bad in ["2017-13", "2017-Q5", "2017-3", "x", "2017-Q", ""] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }
}
