//! How a target cell of the office layout is read.
//!
//! Offices write a node's target as a short phrase: `累计拆除8处`, `不超过3起`, `90%–95%`,
//! `完成可研报告批复`. The grammar, documented in `docs/tables.md`:
//!
//! - The first number in the cell, followed (after optional spaces) by a known unit of
//!   measure ([`UNITS`]), makes the cell a **quantity**: cumulative, and *at least* that
//!   much by default.
//! - `不超过`, `不高于`, `不多于`, `控制在…以内`, `以内`, `以下`, `≤`, `<=`, `at most`,
//!   `no more than`, `up to` make it an **upper limit**; `不少于`, `不低于`, `至少`, `≥`,
//!   `>=`, `at least` say the default out loud.
//! - Two numbers joined by `-`, `–`, `—`, `~`, `～`, `至` or `到` (the unit after the second,
//!   or after both) make a **band**, both ends included.
//! - Any other text is a **deliverable**, the cell's text its description: a number with
//!   no unit of measure (`3月底前完成立项`, `第2稿`) does not make a quantity.
//!
//! Full-width digits and signs (`８处`, `９５％`) read as their ASCII forms, thousands
//! separators (`1,895平方米`) are dropped, and digits right after a Latin letter belong
//! to a name (`Q3`, `G60`), not a number.

use std::borrow::Cow;

use serde::Serialize;

use crate::milestone::{Goal, QuantityTarget, Target};

/// The units of measure that make a number a quantity. The longest unit that matches is
/// taken (`万平方米`, not `万`); English units match whole words, in any case.
pub const UNITS: &[&str] = &[
    "万平方米",
    "平方公里",
    "平方米",
    "平米",
    "万元",
    "亿元",
    "元",
    "公里",
    "千米",
    "米",
    "公顷",
    "亩",
    "万吨",
    "吨",
    "个百分点",
    "%",
    "人次",
    "件次",
    "户次",
    "处",
    "个",
    "项",
    "件",
    "家",
    "场",
    "人",
    "户",
    "辆",
    "座",
    "条",
    "所",
    "套",
    "间",
    "台",
    "次",
    "批",
    "张",
    "份",
    "篇",
    "株",
    "棵",
    "盏",
    "根",
    "栋",
    "幢",
    "宗",
    "起",
    "例",
    "名",
    "位",
    "张床",
    "床",
    "班",
    "门",
    "块",
    "段",
    "只",
    "艘",
    "组",
    "支",
    "类",
    "批次",
    "部",
    "本",
    "期",
    "单",
    "km²",
    "km2",
    "m²",
    "m2",
    "km",
    "sites",
    "site",
    "projects",
    "project",
    "items",
    "item",
    "people",
    "persons",
    "households",
    "cases",
    "roads",
    "rivers",
    "schools",
    "tons",
    "tonnes",
    "yuan",
    "hectares",
    "percent",
    "points",
];

/// How a target cell was understood.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "as")]
pub enum CellReading {
    /// A quantity: the target, and the words that set its direction, if any.
    Quantity {
        /// The target read.
        target: QuantityReading,
        /// The words or sign that made it an upper limit or a band; empty for the default
        /// *at least*.
        marker: &'static str,
        /// More numbers followed in the cell; only the first (or the band) was read.
        more_numbers: bool,
    },
    /// A deliverable: the cell's text is its description.
    Deliverable {
        /// Why a number in the cell did not make a quantity, where one was there.
        number_without_unit: bool,
    },
}

/// A quantity target as a cell states it: its unit of measure and goal (and a baseline,
/// where the milestone register gives one). It serialises as a [`QuantityTarget`] does.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantityReading {
    /// The unit of measure: one of [`UNITS`], or the unit the row or column states.
    pub unit: Cow<'static, str>,
    /// What the cumulative value must reach, stay under, or stay within.
    pub goal: Goal,
    /// Where the value stood at the start of the year, where the register says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
}

impl QuantityReading {
    /// The milestone target this reading states.
    pub fn to_target(&self) -> QuantityTarget {
        QuantityTarget {
            unit: self.unit.clone().into_owned(),
            goal: self.goal,
            baseline: self.baseline,
        }
    }
}

impl CellReading {
    /// The reading of a cell that states `target` exactly (as the milestone register
    /// confirms it).
    pub fn of_target(target: &Target) -> CellReading {
        match target {
            Target::Quantity(quantity) => CellReading::Quantity {
                target: QuantityReading {
                    unit: Cow::Owned(quantity.unit.clone()),
                    goal: quantity.goal,
                    baseline: quantity.baseline,
                },
                marker: match quantity.goal {
                    Goal::AtLeast(_) => "",
                    Goal::AtMost(_) => "不超过",
                    Goal::Within { .. } => "至",
                },
                more_numbers: false,
            },
            Target::Deliverable { .. } => CellReading::Deliverable {
                number_without_unit: false,
            },
        }
    }

    /// The milestone target the reading of the cell `text` gives.
    pub fn target(&self, text: &str) -> Target {
        match self {
            CellReading::Quantity { target, .. } => Target::Quantity(target.to_target()),
            CellReading::Deliverable { .. } => Target::Deliverable {
                description: text.trim().to_owned(),
            },
        }
    }

    /// The reading in words, for the reading report: `quantity, at least 8 处` /
    /// `deliverable`.
    pub fn describe(&self, language: crate::Language) -> String {
        let zh = language == crate::Language::Chinese;
        match self {
            CellReading::Quantity { target, .. } => {
                let unit = &target.unit;
                match (target.goal, zh) {
                    (Goal::AtLeast(v), false) => {
                        format!("quantity, at least {v} {unit} (cumulative)")
                    }
                    (Goal::AtLeast(v), true) => format!("数量:累计不少于 {v} {unit}"),
                    (Goal::AtMost(v), false) => format!("quantity, at most {v} {unit}"),
                    (Goal::AtMost(v), true) => format!("数量:不超过 {v} {unit}"),
                    (Goal::Within { low, high }, false) => {
                        format!("quantity, from {low} to {high} {unit}")
                    }
                    (Goal::Within { low, high }, true) => format!("数量:{low} 至 {high} {unit}"),
                }
            }
            CellReading::Deliverable { .. } if zh => "交付成果(以单元格文字为说明)".to_owned(),
            CellReading::Deliverable { .. } => {
                "deliverable (the cell text is its description)".to_owned()
            }
        }
    }
}

/// Full-width digits and signs as ASCII; other characters as they are.
fn narrow(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '．' => '.',
        '％' => '%',
        '～' => '~',
        '－' => '-',
        '，' => ',',
        '＜' => '<',
        '＞' => '>',
        '＝' => '=',
        '\u{a0}' | '\u{3000}' => ' ',
        _ => c,
    }
}

const UPPER: &[&str] = &[
    "不超过",
    "不高于",
    "不多于",
    "控制在",
    "低于",
    "少于",
    "≤",
    "<=",
    "<",
    "at most",
    "no more than",
    "not more than",
    "up to",
    "within",
];
const UPPER_AFTER: &[&str] = &["以内", "以下", "之内"];
const LOWER: &[&str] = &[
    "不少于",
    "不低于",
    "至少",
    "以上",
    "≥",
    ">=",
    "at least",
    "no less than",
    "not less than",
];
const BAND: &[char] = &['-', '–', '—', '~', '至', '到'];

/// The byte where the first number of `text` starts. Digits right after a Latin letter
/// are part of a name (`Q3`, `G60`, `No5`), not a number.
fn first_number(text: &str) -> Option<usize> {
    let mut previous: Option<char> = None;
    let mut in_name = false;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            if !in_name && !previous.is_some_and(|p| p.is_ascii_alphabetic()) {
                return Some(i);
            }
            in_name = true;
        } else {
            in_name = false;
        }
        previous = Some(c);
    }
    None
}

/// A number starting at byte `start` of `text`: its value and the byte after it.
fn number_at(text: &str, start: usize) -> Option<(f64, usize)> {
    let rest = text.get(start..)?;
    let mut end = 0;
    // The digits and point, without separators: at most 40 of them.
    let mut digits = [0u8; 40];
    let mut length = 0usize;
    let mut seen_point = false;
    for (i, c) in rest.char_indices() {
        let kept = match c {
            '0'..='9' => u8::try_from(c).ok(),
            '.' if !seen_point
                && rest
                    .get(i + 1..)
                    .is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit())) =>
            {
                seen_point = true;
                Some(b'.')
            }
            // A thousands separator sits between digits, before exactly three of them.
            ',' if !seen_point
                && length > 0
                && rest.get(i + 1..).is_some_and(|r| {
                    r.len() >= 3 && r.bytes().take(3).all(|b| b.is_ascii_digit())
                }) =>
            {
                None
            }
            _ => break,
        };
        if let Some(byte) = kept {
            // More than 40 digits is no target anyone writes.
            *digits.get_mut(length)? = byte;
            length += 1;
        }
        end = i + c.len_utf8();
    }
    let digits = std::str::from_utf8(digits.get(..length)?).ok()?;
    if digits.is_empty() {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    value.is_finite().then_some((value, start + end))
}

/// `text` in lower case, copied only where it has upper-case letters.
fn lower(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// The unit of measure at the start of `text` (after spaces), and the byte after it.
fn unit_at(text: &str) -> Option<(&'static str, usize)> {
    let trimmed = text.trim_start();
    let skipped = text.len() - trimmed.len();
    let first = trimmed.chars().next()?.to_ascii_lowercase();
    // Only the units that start with the cell's character are compared.
    let by_first = units_by_first_character();
    let from = by_first.partition_point(|(c, _)| *c < first);
    by_first
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|(c, _)| *c == first)
        .map(|(_, unit)| *unit)
        .filter(|unit| {
            // Units are lower case; English ones match whatever the case of the text.
            let Some(head) = trimmed.get(..unit.len()) else {
                return false;
            };
            if !head.eq_ignore_ascii_case(unit) {
                return false;
            }
            // An English unit is a whole word.
            let ascii_word = unit.chars().all(|c| c.is_ascii_alphabetic());
            !ascii_word
                || !trimmed
                    .get(unit.len()..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphanumeric()))
        })
        .max_by_key(|unit| unit.len())
        .map(|unit| (unit, skipped + unit.len()))
}

/// [`UNITS`] by their first character, sorted, made once.
fn units_by_first_character() -> &'static [(char, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(char, &'static str)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(char, &'static str)> = UNITS
            .iter()
            .filter_map(|unit| Some((unit.chars().next()?, *unit)))
            .collect();
        table.sort_unstable();
        table
    })
}

/// Reads a target cell. `None` for an empty cell: no node in that period.
pub fn read_target(cell: &str) -> Option<CellReading> {
    let original = cell.trim();
    if original.is_empty() {
        return None;
    }
    // Most cells hold no full-width signs: they are read where they are.
    let text: Cow<'_, str> = if original.chars().any(|c| narrow(c) != c) {
        Cow::Owned(original.chars().map(narrow).collect())
    } else {
        Cow::Borrowed(original)
    };
    let text = text.as_ref();
    let deliverable = |number_without_unit| CellReading::Deliverable {
        number_without_unit,
    };
    let Some(first) = first_number(text) else {
        return Some(deliverable(false));
    };
    let Some((low, after_low)) = number_at(text, first) else {
        return Some(deliverable(true));
    };
    let rest = text.get(after_low..).unwrap_or_default();
    // A band: number, optional unit, a joiner, number, unit.
    let unit_after_low = unit_at(rest);
    let band = || -> Option<(f64, &'static str, usize)> {
        let (unit_first, after_unit) = match unit_after_low {
            Some((unit, end)) => (Some(unit), end),
            None => (None, 0),
        };
        let joined = rest.get(after_unit..)?.trim_start();
        let joiner = joined.chars().next().filter(|c| BAND.contains(c))?;
        let second = joined.get(joiner.len_utf8()..)?.trim_start();
        let start = text.len() - second.len();
        let (high, after_high) = number_at(text, start)?;
        let (unit, end) = unit_at(text.get(after_high..)?)?;
        if unit_first.is_some_and(|u| u != unit) {
            return None;
        }
        Some((high, unit, after_high + end))
    };
    let before = lower(text.get(..first).unwrap_or_default());
    if let Some((high, unit, end)) = band() {
        let (low, high) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        let more = text
            .get(end..)
            .is_some_and(|r| r.contains(|c: char| c.is_ascii_digit()));
        return Some(CellReading::Quantity {
            target: QuantityReading {
                unit: Cow::Borrowed(unit),
                goal: Goal::Within { low, high },
                baseline: None,
            },
            marker: "band",
            more_numbers: more,
        });
    }
    let Some((unit, unit_end)) = unit_after_low else {
        return Some(deliverable(true));
    };
    let after = lower(text.get(after_low + unit_end..).unwrap_or_default());
    let after_start = after.trim_start();
    let upper = UPPER
        .iter()
        .find(|w| before.contains(*w))
        .or_else(|| UPPER_AFTER.iter().find(|w| after_start.starts_with(*w)));
    let lower_marker = LOWER
        .iter()
        .find(|w| before.contains(*w) || after_start.starts_with(*w));
    let more = after.contains(|c: char| c.is_ascii_digit());
    // `不少于` holds `少于` and `不低于` holds `低于`: the lower limit is looked for first.
    let (goal, marker) = match (lower_marker, upper) {
        (Some(word), _) => (Goal::AtLeast(low), *word),
        (None, Some(word)) => (Goal::AtMost(low), *word),
        (None, None) => (Goal::AtLeast(low), ""),
    };
    Some(CellReading::Quantity {
        target: QuantityReading {
            unit: Cow::Borrowed(unit),
            goal,
            baseline: None,
        },
        marker,
        more_numbers: more,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(cell: &str) -> (Goal, String) {
        match read_target(cell) {
            Some(CellReading::Quantity { target, .. }) => (target.goal, target.unit.into_owned()),
            other => panic!("{cell}: {other:?}"),
        }
    }

    fn is_deliverable(cell: &str) -> bool {
        matches!(read_target(cell), Some(CellReading::Deliverable { .. }))
    }

    #[test]
    fn quantities_at_least_by_default() {
        assert_eq!(quantity("累计拆除8处"), (Goal::AtLeast(8.0), "处".into()));
        assert_eq!(quantity("8 处"), (Goal::AtLeast(8.0), "处".into()));
        assert_eq!(
            quantity("拆除１，８９５平方米"),
            (Goal::AtLeast(1895.0), "平方米".into())
        );
        assert_eq!(
            quantity("新增绿地2.5万平方米"),
            (Goal::AtLeast(2.5), "万平方米".into())
        );
        assert_eq!(quantity("９５％"), (Goal::AtLeast(95.0), "%".into()));
        assert_eq!(quantity("15 sites"), (Goal::AtLeast(15.0), "sites".into()));
        assert_eq!(
            quantity("at least 69 items"),
            (Goal::AtLeast(69.0), "items".into())
        );
        assert_eq!(
            quantity("完成1,895平方米"),
            (Goal::AtLeast(1895.0), "平方米".into())
        );
    }

    #[test]
    fn upper_limits() {
        assert_eq!(quantity("不超过3起"), (Goal::AtMost(3.0), "起".into()));
        assert_eq!(quantity("控制在5%以内"), (Goal::AtMost(5.0), "%".into()));
        assert_eq!(quantity("投诉3件以内"), (Goal::AtMost(3.0), "件".into()));
        assert_eq!(quantity("≤ 2 例"), (Goal::AtMost(2.0), "例".into()));
        assert_eq!(
            quantity("at most 3 cases"),
            (Goal::AtMost(3.0), "cases".into())
        );
        assert_eq!(quantity("不少于10家"), (Goal::AtLeast(10.0), "家".into()));
        assert_eq!(quantity("不低于95%"), (Goal::AtLeast(95.0), "%".into()));
    }

    #[test]
    fn bands() {
        assert_eq!(
            quantity("90%–95%"),
            (
                Goal::Within {
                    low: 90.0,
                    high: 95.0
                },
                "%".into()
            )
        );
        assert_eq!(
            quantity("10至20家"),
            (
                Goal::Within {
                    low: 10.0,
                    high: 20.0
                },
                "家".into()
            )
        );
        assert_eq!(
            quantity("20-10 km"),
            (
                Goal::Within {
                    low: 10.0,
                    high: 20.0
                },
                "km".into()
            )
        );
    }

    #[test]
    fn deliverables() {
        assert!(is_deliverable("完成可研报告批复"));
        assert!(is_deliverable("3月底前完成立项"));
        assert!(is_deliverable("完成第2稿"));
        assert!(is_deliverable("2017年开工"));
        assert!(is_deliverable("feasibility study approved"));
        assert!(is_deliverable("G60 corridor plan"));
        assert_eq!(read_target("   "), None);
    }

    #[test]
    fn digits_in_names_are_not_numbers() {
        assert_eq!(quantity("Q3完成5处"), (Goal::AtLeast(5.0), "处".into()));
        assert_eq!(
            quantity("G60沿线新增3家"),
            (Goal::AtLeast(3.0), "家".into())
        );
        assert!(matches!(
            read_target("G60 corridor plan"),
            Some(CellReading::Deliverable {
                number_without_unit: false,
                ..
            })
        ));
    }

    #[test]
    fn english_units_are_whole_words() {
        // "3 sitemaps" is not 3 sites.
        assert!(is_deliverable("3 sitemaps"));
    }

    #[test]
    fn more_numbers_are_noted() {
        let Some(CellReading::Quantity { more_numbers, .. }) = read_target("拆除8处、1000平方米")
        else {
            panic!("a quantity");
        };
        assert!(more_numbers);
    }

    #[test]
    fn huge_and_odd_numbers_do_not_panic() {
        for cell in [
            "9".repeat(500),
            "1.2.3处".into(),
            "..5处".into(),
            ",,,8处".into(),
            "8,88处".into(),
        ] {
            let _ = read_target(&cell);
        }
    }
}
