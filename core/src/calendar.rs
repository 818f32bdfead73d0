//! The working-day calendar: public holidays, and the weekend days that China makes
//! working days around them (调休), loaded from data.
//!
//! Warnings such as "due in 3 working days" count working days with it. Outside the years
//! a calendar covers, Monday to Friday are working days.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Subject, ValidationError};
use crate::validation::{Collector, Problem, ProblemCode};

/// A run of public holidays, both ends included, e.g. the Spring Festival.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The holiday's name, e.g. `Spring Festival`.
    pub name: String,
    /// The first day off.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
    pub from: NaiveDate,
    /// The last day off.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
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
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
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
    /// Runs of holidays, sorted and apart, each with the weekdays off before it: a holiday
    /// of any length costs one entry, whatever its span.
    holidays: Vec<HolidayRun>,
    /// Weekend days that are working days, sorted, each once.
    working_weekend_days: Vec<NaiveDate>,
}

/// A run of days off, both ends included, with the count of weekdays in all runs before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct HolidayRun {
    from: NaiveDate,
    to: NaiveDate,
    weekdays_before: i64,
}

/// Days from 0001-01-01 (a Monday) that are Monday to Friday, up to and including `date`.
fn weekdays_through(date: NaiveDate) -> i64 {
    let n = i64::from(date.num_days_from_ce());
    let weeks = n.div_euclid(7);
    let rest = n.rem_euclid(7);
    weeks * 5 + rest.min(5)
}

/// Weekdays from `from` to `to`, both included.
fn weekdays_in(from: NaiveDate, to: NaiveDate) -> i64 {
    from.pred_opt()
        .map_or(0, |before| weekdays_through(to) - weekdays_through(before))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The longest holiday a calendar may list: a run of days off longer than this is a typing
/// mistake, not a holiday.
pub const MAX_HOLIDAY_DAYS: i64 = 366;

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
    /// twice or holidays that overlap (`duplicate-date`), a holiday that ends before it
    /// starts or runs longer than [`MAX_HOLIDAY_DAYS`] (`inverted-range`), a working weekend
    /// day that is not a Saturday or Sunday (`not-a-weekend`), a date outside the
    /// calendar's years (`date-outside-calendar`), a year outside 1 to 9999
    /// (`invalid-year`).
    pub fn from_json_str(json: &str) -> Result<Self, crate::Error> {
        Self::from_json_slice(json.as_bytes())
    }

    /// Reads and checks a calendar from JSON bytes (UTF-8), as
    /// [`WorkingCalendar::from_json_str`].
    ///
    /// # Errors
    ///
    /// As [`WorkingCalendar::from_json_str`].
    pub fn from_json_slice(json: &[u8]) -> Result<Self, crate::Error> {
        let document: CalendarDocument = crate::format::read_json(json)?;
        Ok(Self::from_document(document)?)
    }

    /// Checks a calendar document. The cost grows with the number of holidays and days
    /// listed, never with how many days a holiday spans.
    ///
    /// # Errors
    ///
    /// As [`WorkingCalendar::from_json_str`], every problem at once.
    pub fn from_document(document: CalendarDocument) -> Result<Self, ValidationError> {
        // (section, position, problem): sorted into document order at the end.
        let mut found: Vec<(u8, usize, Problem)> = Vec::new();
        let mut years = document.years.clone();
        years.sort_unstable();
        years.dedup();
        for (y, year) in document.years.iter().enumerate() {
            if !(1..=9999).contains(year) {
                found.push((
                    0,
                    y,
                    Problem::new(
                        ProblemCode::InvalidYear,
                        format!("/years/{y}"),
                        format!(
                            "the year `{year}` is not a calendar year; use a year from 1 to 9999"
                        ),
                        format!("年份 `{year}` 不是有效的年份;请使用 1 至 9999 之间的年份"),
                    ),
                ));
            }
        }
        // Whether every year from `first` to `last` is covered.
        let covers = |first: i32, last: i32| -> bool {
            let from = years.partition_point(|y| *y < first);
            let to = years.partition_point(|y| *y <= last);
            i64::try_from(to.saturating_sub(from)).unwrap_or(0)
                == i64::from(last) - i64::from(first) + 1
        };

        let mut runs: Vec<(NaiveDate, NaiveDate, usize)> = Vec::new();
        for (h, holiday) in document.holidays.iter().enumerate() {
            let path = format!("/holidays/{h}");
            if holiday.to < holiday.from {
                found.push((
                    1,
                    h,
                    Problem::new(
                        ProblemCode::InvertedRange,
                        format!("{path}/to"),
                        format!(
                            "holiday `{}` ends on {} before it starts on {}; swap `from` and `to`",
                            holiday.name, holiday.to, holiday.from
                        ),
                        format!(
                            "假期 `{}` 的结束日 {} 早于开始日 {};请交换 `from` 和 `to`",
                            holiday.name, holiday.to, holiday.from
                        ),
                    ),
                ));
                continue;
            }
            let days = (holiday.to - holiday.from).num_days() + 1;
            if days > MAX_HOLIDAY_DAYS {
                found.push((1, h, Problem::new(
                    ProblemCode::InvertedRange,
                    format!("{path}/to"),
                    format!(
                        "holiday `{}` runs {days} days, from {} to {}; a holiday lasts at most {MAX_HOLIDAY_DAYS} days, so check its dates",
                        holiday.name, holiday.from, holiday.to
                    ),
                    format!(
                        "假期 `{}` 从 {} 到 {} 共 {days} 天;假期最长 {MAX_HOLIDAY_DAYS} 天,请核对日期",
                        holiday.name, holiday.from, holiday.to
                    ),
                )));
                continue;
            }
            if !covers(holiday.from.year(), holiday.to.year()) {
                found.push((1, h, Problem::new(
                    ProblemCode::DateOutsideCalendar,
                    path,
                    format!(
                        "holiday `{}` ({} to {}) falls outside the calendar's `years`; add its year",
                        holiday.name, holiday.from, holiday.to
                    ),
                    format!(
                        "假期 `{}`({} 至 {})不在日历的 `years` 之内;请加入其年份",
                        holiday.name, holiday.from, holiday.to
                    ),
                )));
                continue;
            }
            runs.push((holiday.from, holiday.to, h));
        }

        // Overlapping holidays give some dates twice: sort by start and compare each run
        // with the furthest end seen so far.
        let mut order: Vec<usize> = (0..runs.len()).collect();
        order.sort_by_key(|&r| runs.get(r).map(|(from, _, h)| (*from, *h)));
        let mut overlaps: Vec<(usize, NaiveDate, usize)> = Vec::new();
        let mut furthest: Option<(NaiveDate, usize)> = None;
        for &r in &order {
            let Some(&(from, to, h)) = runs.get(r) else {
                continue;
            };
            if let Some((end, first)) = furthest {
                if from <= end {
                    overlaps.push((h, from, first));
                }
                if to > end {
                    furthest = Some((to, h));
                }
            } else {
                furthest = Some((to, h));
            }
        }
        overlaps.sort_unstable();
        for (h, date, first) in overlaps {
            let (later, earlier) = if h > first { (h, first) } else { (first, h) };
            found.push((
                1,
                later,
                Problem::new(
                    ProblemCode::DuplicateDate,
                    format!("/holidays/{later}"),
                    format!(
                    "{date} is given twice, here and at `/holidays/{earlier}`; give each date once"
                ),
                    format!("{date} 出现了两次:此处和 `/holidays/{earlier}`;每个日期只列一次"),
                ),
            ));
        }

        let mut weekend_days: Vec<(NaiveDate, usize)> = Vec::new();
        for (w, day) in document.working_weekend_days.iter().enumerate() {
            let path = format!("/working_weekend_days/{w}/date");
            if !is_weekend(day.date) {
                found.push((
                    2,
                    w,
                    Problem::new(
                        ProblemCode::NotAWeekend,
                        path,
                        format!(
                            "{} is a {}, already a working day; list only Saturdays and Sundays",
                            day.date,
                            weekday_en(day.date.weekday())
                        ),
                        format!(
                            "{} 是{},本来就是工作日;这里只列周六和周日",
                            day.date,
                            weekday_zh(day.date.weekday())
                        ),
                    ),
                ));
                continue;
            }
            if !covers(day.date.year(), day.date.year()) {
                found.push((
                    2,
                    w,
                    Problem::new(
                        ProblemCode::DateOutsideCalendar,
                        path,
                        format!(
                            "{} is outside the calendar's `years`; add its year",
                            day.date
                        ),
                        format!("{} 不在日历的 `years` 之内;请加入其年份", day.date),
                    ),
                ));
                continue;
            }
            weekend_days.push((day.date, w));
        }
        weekend_days.sort_unstable();
        let mut working_weekend_days = Vec::with_capacity(weekend_days.len());
        let mut first_of_date: Option<(NaiveDate, usize)> = None;
        let mut clashes: Vec<(usize, String, String)> = Vec::new();
        for &(date, w) in &weekend_days {
            match first_of_date {
                Some((seen, first)) if seen == date => {
                    clashes.push((
                        w,
                        format!("/working_weekend_days/{first}/date"),
                        date.to_string(),
                    ));
                    continue;
                }
                _ => first_of_date = Some((date, w)),
            }
            working_weekend_days.push(date);
        }

        // Holiday runs in date order, for look-ups; clashes with working weekend days.
        let mut sorted_runs: Vec<(NaiveDate, NaiveDate, usize)> =
            order.iter().filter_map(|&r| runs.get(r).copied()).collect();
        sorted_runs.dedup_by(|later, earlier| {
            // Merge overlapping runs (already reported) so look-ups stay sound.
            if later.0 <= earlier.1 {
                earlier.1 = earlier.1.max(later.1);
                true
            } else {
                false
            }
        });
        for &(date, w) in &weekend_days {
            let at = sorted_runs.partition_point(|(from, _, _)| *from <= date);
            if let Some(&(_, to, h)) = at.checked_sub(1).and_then(|i| sorted_runs.get(i)) {
                if date <= to {
                    clashes.push((w, format!("/holidays/{h}"), date.to_string()));
                }
            }
        }
        clashes.sort_unstable();
        for (w, first, date) in clashes {
            found.push((
                2,
                w,
                Problem::new(
                    ProblemCode::DuplicateDate,
                    format!("/working_weekend_days/{w}/date"),
                    format!("{date} is given twice, here and at `{first}`; give each date once"),
                    format!("{date} 出现了两次:此处和 `{first}`;每个日期只列一次"),
                ),
            ));
        }
        if !found.is_empty() {
            found.sort_by_key(|(section, position, _)| (*section, *position));
            let mut problems = Collector::default();
            for (_, _, problem) in found {
                problems.add(problem);
            }
            return Err(ValidationError::collected(Subject::Calendar, problems));
        }
        working_weekend_days.dedup();
        let mut weekdays_before = 0i64;
        let holidays = sorted_runs
            .into_iter()
            .map(|(from, to, _)| {
                let run = HolidayRun {
                    from,
                    to,
                    weekdays_before,
                };
                weekdays_before += weekdays_in(from, to);
                run
            })
            .collect();
        Ok(Self {
            name: document.name,
            holidays,
            working_weekend_days,
        })
    }

    /// The calendar's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The holiday run holding `date`, if any.
    fn holiday_run(&self, date: NaiveDate) -> Option<&HolidayRun> {
        let after = self.holidays.partition_point(|run| run.from <= date);
        let run = self.holidays.get(after.checked_sub(1)?)?;
        (date <= run.to).then_some(run)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.working_weekend_days.binary_search(&date).is_ok() {
            return true;
        }
        self.holiday_run(date).is_none() && !is_weekend(date)
    }

    /// Working days from 0001-01-01 up to and including `date`; differences of two such
    /// numbers count working days between dates.
    pub fn working_day_number(&self, date: NaiveDate) -> i64 {
        // Weekdays off: whole runs before `date`, and the part of a run that holds it.
        let after = self.holidays.partition_point(|run| run.from <= date);
        let off = match after.checked_sub(1).and_then(|i| self.holidays.get(i)) {
            None => 0,
            Some(run) => run.weekdays_before + weekdays_in(run.from, run.to.min(date)),
        };
        let worked_weekend_days = self.working_weekend_days.partition_point(|d| *d <= date);
        weekdays_through(date) - off + i64::try_from(worked_weekend_days).unwrap_or(0)
    }

    /// Working days after `from` up to and including `to`; negative when `to` is earlier.
    /// A milestone due on `to` is, on day `from`, due in this many working days.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.working_day_number(to) - self.working_day_number(from)
    }
}

fn weekday_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn weekday_zh(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
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
