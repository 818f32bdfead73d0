//! A date axis across a chart (months, or quarters and years where months would crowd)
//! and round value ticks, for charts drawn over time.

use chrono::NaiveDate;

use super::svg::{whole, Svg};

/// The horizontal axis: the days from `first` to `last` across `left..right`.
#[derive(Clone, Copy)]
pub(super) struct DateAxis {
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    pub(super) left: f64,
    pub(super) right: f64,
}

impl DateAxis {
    pub(super) fn x(&self, on: NaiveDate) -> f64 {
        let span = (self.last - self.first).num_days().max(1);
        let days = (on.clamp(self.first, self.last) - self.first).num_days();
        let share = f64::from(i32::try_from(days).unwrap_or(0))
            / f64::from(i32::try_from(span).unwrap_or(1));
        self.left + (self.right - self.left) * share
    }

    /// Month rules and labels from `top` to `bottom`, labels below; quarter labels only
    /// where months would crowd.
    pub(super) fn months(&self, svg: &mut Svg, (top, bottom): (f64, f64), zh: bool) {
        use chrono::Datelike;
        let months = (self.last.year() - self.first.year()) * 12
            + i32::try_from(self.last.month()).unwrap_or(12)
            - i32::try_from(self.first.month()).unwrap_or(1)
            + 1;
        let per_month = (self.right - self.left) / f64::from(months.clamp(1, 1200));
        let every = if per_month >= 30.0 && months <= 15 {
            1
        } else if per_month >= 12.0 {
            3
        } else {
            12
        };
        svg.open_group("months", None);
        let mut month = NaiveDate::from_ymd_opt(self.first.year(), self.first.month(), 1);
        let mut drawn = 0;
        while let Some(start) = month.filter(|m| *m <= self.last && drawn < 1200) {
            drawn += 1;
            let x = self.x(start);
            if start >= self.first {
                svg.line(
                    (x, top),
                    (x, bottom),
                    r##"stroke="#eeeeee" stroke-width="1""##,
                );
            }
            let next = start.checked_add_months(chrono::Months::new(1));
            if (start.month() - 1) % every == 0 {
                let middle = next.map_or(x, |n| (x + self.x(n.min(self.last))) / 2.0);
                let month = super::month_label(start.month(), zh);
                let label = match (
                    start.month() == 1 && self.first.year() != self.last.year(),
                    zh,
                ) {
                    (true, true) => format!("{}年{month}", start.year()),
                    (true, false) => format!("{month} {}", start.year()),
                    (false, _) => month,
                };
                svg.text(
                    (if every == 1 { middle } else { x + 2.0 }, bottom + 14.0),
                    &label,
                    &format!(
                        r##"font-size="11" text-anchor="{}" fill="#616161""##,
                        if every == 1 { "middle" } else { "start" }
                    ),
                );
            }
            month = next;
        }
        svg.close_group();
    }
}

/// Round tick values spanning `low..high`: about five steps of 1, 2, 2.5 or 5 times a
/// power of ten.
pub(super) fn ticks(low: f64, high: f64) -> Vec<f64> {
    let span = (high - low).max(1e-9);
    let magnitude = 10f64.powf((span / 5.0).log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| span / step <= 6.0)
        .unwrap_or(10.0 * magnitude);
    if !step.is_finite() || step <= 0.0 {
        return vec![low, high];
    }
    let first = (low / step).floor();
    let count = whole((high / step).ceil() - first + 0.5).clamp(1, 12);
    (0..=u32::try_from(count).unwrap_or(12))
        .map(|k| (first + f64::from(k)) * step)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 8.6), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(
            ticks(0.0, 1.0),
            vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
        );
        let huge = ticks(0.0, 1e15);
        assert!(huge.len() <= 13 && huge.last().is_some_and(|v| *v >= 1e15));
        let negative = ticks(-5.0, 3.0);
        assert!(negative.first().is_some_and(|v| *v <= -5.0));
    }
}
