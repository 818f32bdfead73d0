//! The working-day calendar: public holidays, and the weekend days that China makes
//! working days around them (调休), loaded from data.
//!
//! Warnings such as "due in 3 working days" count working days with it. Outside the years
//! a calendar covers, Monday to Friday are working days.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{FormatError, ValidationError};
use crate::validation::{Problem, ProblemCode};

/// A run of public holidays, both ends included, e.g. the Spring Festival.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The holiday's name, e.g. `Spring Festival`.
    pub name: String,
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off.
    pub to: NaiveDate,
}

/// A Saturday or Sunday that is a working day, moved there from a holiday.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkingWeekendDay {
    /// Which holiday the day belongs to, e.g. `Spring Festival`.
    pub name: String,
    /// The day.
    pub date: NaiveDate,
}

/// A working-day calendar as data, e.g. a State Council holiday notice for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarDocument {
    /// The calendar's name, e.g. `China 2017 (国办发明电〔2016〕17号)`.
    pub name: String,
    /// The years the calendar speaks for; other years have Monday to Friday as working days.
    pub years: Vec<i32>,
    /// Days off besides weekends (a holiday may include weekend days).
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Weekend days that are working days.
    #[serde(default)]
    pub working_weekend_days: Vec<WorkingWeekendDay>,
}

/// A checked working-day calendar: tells working days apart and counts them.
///
/// ```
/// use chrono::NaiveDate;
/// use mubiao::WorkingCalendar;
///
/// let calendar = WorkingCalendar::from_json_str(r#"{
///   "name": "China 2017 (part)", "years": [2017],
///   "holidays": [{"name": "Spring Festival", "from": "2017-01-27", "to": "2017-02-02"}],
///   "working_weekend_days": [{"name": "Spring Festival", "date": "2017-01-22"},
///                            {"name": "Spring Festival", "date": "2017-02-04"}]
/// }"#)?;
/// let day = |m, d| NaiveDate::from_ymd_opt(2017, m, d).unwrap();
/// assert!(calendar.is_working_day(day(1, 22)));   // a Sunday made a working day
/// assert!(!calendar.is_working_day(day(1, 30)));  // a Monday off
/// // From Thursday 26 January to Friday 3 February: only the 3rd is worked.
/// assert_eq!(calendar.working_days_between(day(1, 26), day(2, 3)), 1);
/// # Ok::<(), mubiao::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    name: String,
    /// Days whose working status differs from the weekday rule: +1 for a working weekend
    /// day, −1 for a holiday on a weekday; sorted by date, each date once.
    exceptions: Vec<(NaiveDate, i8)>,
}

/// Days from 0001-01-01 (a Monday) that are Monday to Friday, up to and including `date`.
fn weekdays_through(date: NaiveDate) -> i64 {
    let n = i64::from(date.num_days_from_ce());
    let weeks = n.div_euclid(7);
    let rest = n.rem_euclid(7);
    weeks * 5 + rest.min(5)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

impl WorkingCalendar {
    /// A calendar with no holidays: Monday to Friday are working days.
    pub fn weekdays_only() -> Self {
        Self::default()
    }

    /// Reads and checks a calendar from JSON text.
    ///
    /// # Errors
    ///
    /// [`Error::Format`](crate::Error::Format) for text that is not a calendar document,
    /// [`Error::Validation`](crate::Error::Validation) listing every problem: a date given
    /// twice (`duplicate-date`), a holiday that ends before it starts (`inverted-range`), a
    /// working weekend day that is not a Saturday or Sunday (`not-a-weekend`), a date
    /// outside the calendar's years (`date-outside-calendar`).
    pub fn from_json_str(json: &str) -> Result<Self, crate::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let document: CalendarDocument = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|error| {
                let pointer = crate::format::json_pointer(error.path());
                FormatError::from_json(error.into_inner(), pointer.clone()).into_shape(pointer)
            })?;
        deserializer
            .end()
            .map_err(|error| FormatError::from_json(error, String::new()))?;
        Ok(Self::from_document(document)?)
    }

    /// Checks a calendar document.
    ///
    /// # Errors
    ///
    /// As [`WorkingCalendar::from_json_str`], every problem at once.
    pub fn from_document(document: CalendarDocument) -> Result<Self, ValidationError> {
        let mut problems = Vec::new();
        let mut problem = |code, path: String, message: String| {
            problems.push(Problem {
                code,
                path,
                message,
            });
        };
        let covered = |date: NaiveDate| document.years.contains(&date.year());
        let mut seen: BTreeMap<NaiveDate, String> = BTreeMap::new();
        let mut exceptions = Vec::new();
        for (h, holiday) in document.holidays.iter().enumerate() {
            let path = format!("/holidays/{h}");
            if holiday.to < holiday.from {
                problem(
                    ProblemCode::InvertedRange,
                    format!("{path}/to"),
                    format!(
                        "holiday `{}` ends on {} before it starts on {}; swap `from` and `to`",
                        holiday.name, holiday.to, holiday.from
                    ),
                );
                continue;
            }
            for date in holiday.from.iter_days().take_while(|d| *d <= holiday.to) {
                if !covered(date) {
                    problem(
                        ProblemCode::DateOutsideCalendar,
                        path.clone(),
                        format!(
                            "{date} of `{}` is outside the calendar's `years`; add its year",
                            holiday.name
                        ),
                    );
                    break;
                }
                if let Some(first) = seen.get(&date) {
                    problem(
                        ProblemCode::DuplicateDate,
                        path.clone(),
                        format!(
                            "{date} is given twice, here and at `{first}`; give each date once"
                        ),
                    );
                    continue;
                }
                seen.insert(date, path.clone());
                if !is_weekend(date) {
                    exceptions.push((date, -1));
                }
            }
        }
        for (w, day) in document.working_weekend_days.iter().enumerate() {
            let path = format!("/working_weekend_days/{w}");
            if !is_weekend(day.date) {
                problem(
                    ProblemCode::NotAWeekend,
                    format!("{path}/date"),
                    format!(
                        "{} is a {:?}, already a working day; list only Saturdays and Sundays",
                        day.date,
                        day.date.weekday()
                    ),
                );
                continue;
            }
            if !covered(day.date) {
                problem(
                    ProblemCode::DateOutsideCalendar,
                    format!("{path}/date"),
                    format!(
                        "{} is outside the calendar's `years`; add its year",
                        day.date
                    ),
                );
                continue;
            }
            if let Some(first) = seen.get(&day.date) {
                problem(
                    ProblemCode::DuplicateDate,
                    format!("{path}/date"),
                    format!(
                        "{} is given twice, here and at `{first}`; give each date once",
                        day.date
                    ),
                );
                continue;
            }
            seen.insert(day.date, format!("{path}/date"));
            exceptions.push((day.date, 1));
        }
        if !problems.is_empty() {
            return Err(ValidationError { problems });
        }
        exceptions.sort_unstable();
        Ok(Self {
            name: document.name,
            exceptions,
        })
    }

    /// The calendar's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.exceptions.binary_search_by_key(&date, |(d, _)| *d) {
            Ok(found) => self
                .exceptions
                .get(found)
                .is_some_and(|(_, delta)| *delta > 0),
            Err(_) => !is_weekend(date),
        }
    }

    /// Working days from 0001-01-01 up to and including `date`; differences of two such
    /// numbers count working days between dates.
    pub fn working_day_number(&self, date: NaiveDate) -> i64 {
        let through = self.exceptions.partition_point(|(d, _)| *d <= date);
        let adjustment: i64 = self
            .exceptions
            .get(..through)
            .unwrap_or_default()
            .iter()
            .map(|(_, delta)| i64::from(*delta))
            .sum();
        weekdays_through(date) + adjustment
    }

    /// Working days after `from` up to and including `to`; negative when `to` is earlier.
    /// A milestone due on `to` is, on day `from`, due in this many working days.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.working_day_number(to) - self.working_day_number(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, m, d).unwrap()
    }

    #[test]
    fn weekdays_only_counts_monday_to_friday() {
        let calendar = WorkingCalendar::weekdays_only();
        // Friday 2017-03-31 to Friday 2017-04-07: Mon–Fri = 5.
        assert_eq!(calendar.working_days_between(day(3, 31), day(4, 7)), 5);
        assert_eq!(calendar.working_days_between(day(4, 7), day(3, 31)), -5);
        assert_eq!(calendar.working_days_between(day(4, 1), day(4, 2)), 0);
        assert!(!calendar.is_working_day(day(4, 1)));
        // A year has 260 weekdays in 2017 (it starts and ends on a Sunday).
        let before = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap();
        assert_eq!(calendar.working_days_between(before, day(12, 31)), 260);
    }

    #[test]
    fn problems_are_all_reported() {
        let document = CalendarDocument {
            name: "bad".into(),
            years: vec![2017],
            holidays: vec![
                Holiday {
                    name: "a".into(),
                    from: day(5, 1),
                    to: day(5, 3),
                },
                Holiday {
                    name: "b".into(),
                    from: day(5, 3),
                    to: day(5, 3),
                },
                Holiday {
                    name: "c".into(),
                    from: day(6, 2),
                    to: day(6, 1),
                },
            ],
            working_weekend_days: vec![
                WorkingWeekendDay {
                    name: "d".into(),
                    date: day(5, 2),
                },
                WorkingWeekendDay {
                    name: "e".into(),
                    date: NaiveDate::from_ymd_opt(2018, 1, 6).unwrap(),
                },
            ],
        };
        let error = WorkingCalendar::from_document(document).unwrap_err();
        let codes: Vec<_> = error
            .problems
            .iter()
            .map(|p| (p.code, p.path.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![
                (ProblemCode::DuplicateDate, "/holidays/1"),
                (ProblemCode::InvertedRange, "/holidays/2/to"),
                (ProblemCode::NotAWeekend, "/working_weekend_days/0/date"),
                (
                    ProblemCode::DateOutsideCalendar,
                    "/working_weekend_days/1/date"
                ),
            ]
        );
    }
}
