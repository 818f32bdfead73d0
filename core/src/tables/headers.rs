//! Recognising the columns of a target table by their headers, in Chinese and English,
//! with the variants offices use.

use serde::Serialize;

/// What a column of the office layout holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The key task (重点工作), written on the first row of its group or on every row.
    KeyTask,
    /// The sub-project (子项目), one a row.
    SubProject,
    /// An id for the row's sub-project (编号).
    Id,
    /// The lead unit (牵头单位).
    LeadUnit,
    /// Partner units (配合单位), several in one cell.
    PartnerUnits,
    /// The supervising district leader (分管区领导).
    SupervisingLeader,
    /// The responsible person (责任人).
    ResponsiblePerson,
    /// The kind of work (类别).
    Kind,
    /// City-assigned or the district's own (层级).
    Level,
    /// The plan item the key task implements (计划项).
    PlanItem,
    /// When the sub-project starts (开始日期).
    Start,
    /// Quarter 1 to 4: the node due at the end of that quarter.
    Quarter(u8),
    /// Month 1 to 12: the node due at the end of that month.
    Month(u8),
    /// An id for the row's key task (重点工作编号).
    KeyTaskId,
    /// Whether the key task is a major project spanning several years (跨年度).
    MultiYear,
    /// The key task's withdrawal: its date, then why (重点工作撤销).
    KeyTaskWithdrawn,
    /// The unit of measure of the row's quantity targets (计量单位), for cells that hold
    /// only a number.
    UnitOfMeasure,
    /// The sub-project's withdrawal: its date, then why (子项目撤销).
    SubProjectWithdrawn,
}

impl Column {
    /// The header the writer gives the column, in Chinese.
    pub fn header_zh(self) -> String {
        match self {
            Column::KeyTask => "重点工作".into(),
            Column::SubProject => "子项目".into(),
            Column::Id => "编号".into(),
            Column::LeadUnit => "牵头单位".into(),
            Column::PartnerUnits => "配合单位".into(),
            Column::SupervisingLeader => "分管区领导".into(),
            Column::ResponsiblePerson => "责任人".into(),
            Column::Kind => "类别".into(),
            Column::Level => "层级".into(),
            Column::PlanItem => "计划项".into(),
            Column::Start => "开始日期".into(),
            Column::Quarter(q) => format!(
                "{}季度",
                ["一", "二", "三", "四"]
                    .get(usize::from(q.saturating_sub(1)))
                    .copied()
                    .unwrap_or("")
            ),
            Column::Month(m) => format!("{m}月"),
            Column::KeyTaskId => "重点工作编号".into(),
            Column::MultiYear => "跨年度".into(),
            Column::KeyTaskWithdrawn => "重点工作撤销".into(),
            Column::UnitOfMeasure => "计量单位".into(),
            Column::SubProjectWithdrawn => "子项目撤销".into(),
        }
    }
}

const NAMES: &[(&[&str], Column)] = &[
    (
        &[
            "重点工作",
            "重点任务",
            "工作目标",
            "目标任务",
            "主要任务",
            "key task",
            "key tasks",
            "task",
        ],
        Column::KeyTask,
    ),
    (
        &[
            "子项目",
            "具体项目",
            "项目",
            "工作内容",
            "项目名称",
            "sub-project",
            "subproject",
            "sub project",
            "project",
        ],
        Column::SubProject,
    ),
    (
        &[
            "编号",
            "项目编号",
            "子项目编号",
            "id",
            "code",
            "sub-project id",
        ],
        Column::Id,
    ),
    (
        &["重点工作编号", "任务编号", "key task id"],
        Column::KeyTaskId,
    ),
    (
        &["跨年度", "跨年度项目", "multi-year", "multi year"],
        Column::MultiYear,
    ),
    (
        &["重点工作撤销", "key task withdrawn"],
        Column::KeyTaskWithdrawn,
    ),
    (
        &["计量单位", "单位(计量)", "unit of measure", "measure"],
        Column::UnitOfMeasure,
    ),
    (
        &["子项目撤销", "撤销", "sub-project withdrawn", "withdrawn"],
        Column::SubProjectWithdrawn,
    ),
    (
        &[
            "牵头单位",
            "责任单位",
            "主办单位",
            "主责单位",
            "牵头部门",
            "lead unit",
            "lead",
            "responsible unit",
        ],
        Column::LeadUnit,
    ),
    (
        &[
            "配合单位",
            "协办单位",
            "协同单位",
            "参与单位",
            "配合部门",
            "partner units",
            "partners",
            "partner unit",
        ],
        Column::PartnerUnits,
    ),
    (
        &[
            "分管区领导",
            "分管领导",
            "督办领导",
            "督办区领导",
            "区分管领导",
            "责任领导",
            "supervising leader",
            "leader",
        ],
        Column::SupervisingLeader,
    ),
    (
        &[
            "责任人",
            "具体责任人",
            "联系人",
            "responsible person",
            "person in charge",
        ],
        Column::ResponsiblePerson,
    ),
    (
        &[
            "类别",
            "工作类别",
            "目标类别",
            "类型",
            "kind",
            "kind of work",
            "category",
        ],
        Column::Kind,
    ),
    (&["层级", "级别", "level"], Column::Level),
    (&["计划项", "计划项目", "plan item"], Column::PlanItem),
    (
        &["开始日期", "开始时间", "起始日期", "start", "start date"],
        Column::Start,
    ),
];

/// Whether a character is left out when headers are compared: white space, `*`, colons
/// and brackets, ASCII or full-width.
fn ignored(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '*' | ':' | '\u{ff1a}' | '(' | ')' | '\u{ff08}' | '\u{ff09}'
        )
}

/// Header text with the ignored characters taken out, lower-cased.
fn normal(header: &str) -> String {
    header
        .chars()
        .filter(|c| !ignored(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `name` (as written in [`NAMES`]) is the normal header `text`.
fn names(text: &str, name: &str) -> bool {
    name.chars()
        .filter(|c| !ignored(*c))
        .flat_map(char::to_lowercase)
        .eq(text.chars())
}

/// A count written as a digit or a Chinese numeral, from 1 to 12, at the start of `text`;
/// the count and the rest of the text.
fn numeral(text: &str) -> Option<(u8, &str)> {
    const ZH: [&str; 12] = [
        "十一", "十二", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    const ZH_VALUES: [u8; 12] = [11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (word, value) in ZH.iter().zip(ZH_VALUES) {
        if let Some(rest) = text.strip_prefix(word) {
            return Some((value, rest));
        }
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, rest) = text.split_at(digits.min(2));
    let value: u8 = number.parse().ok()?;
    (1..=12).contains(&value).then_some((value, rest))
}

/// A quarter header: `一季度`, `第一季度`, `1季度`, `一季度节点`, `Q1`, `quarter 1`.
fn quarter(text: &str) -> Option<u8> {
    let text = text
        .strip_suffix("节点")
        .or_else(|| text.strip_suffix("目标"))
        .unwrap_or(text);
    let (n, rest) = if let Some(rest) = text
        .strip_prefix("quarter")
        .or_else(|| text.strip_prefix('q'))
    {
        let (n, rest) = numeral(rest)?;
        (n, rest)
    } else {
        let (n, rest) = numeral(text.strip_prefix('第').unwrap_or(text))?;
        (n, rest.strip_prefix("季度")?)
    };
    (rest.is_empty() && (1..=4).contains(&n)).then_some(n)
}

/// A month header: `3月`, `三月`, `03月`, `3月节点`, `M3`, `Mar`, `March`.
fn month(text: &str) -> Option<u8> {
    const EN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    const LONG: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let text = text
        .strip_suffix("节点")
        .or_else(|| text.strip_suffix("目标"))
        .unwrap_or(text);
    if let Some(i) = EN
        .iter()
        .zip(LONG)
        .position(|(short, long)| text == *short || text == long)
    {
        return u8::try_from(i + 1).ok();
    }
    let (n, rest) = match text.strip_prefix('m') {
        Some(rest) => numeral(rest)?,
        None => {
            let (n, rest) = numeral(text)?;
            (n, rest.strip_prefix('月')?)
        }
    };
    rest.is_empty().then_some(n)
}

/// Headers longer than this are text, not a column name.
const LONGEST_HEADER: usize = 60;

/// The column a header names, if it names one.
pub fn recognise(header: &str) -> Option<Column> {
    recognise_with_unit(header).map(|(column, _)| column)
}

/// A header's column, and the unit of measure a period header states in brackets
/// (`一季度(处)`, `Q1 (sites)`), for period cells that hold only a number.
pub fn recognise_with_unit(header: &str) -> Option<(Column, Option<String>)> {
    let trimmed = header.trim();
    if let Some(inner) = trimmed
        .strip_suffix(')')
        .or_else(|| trimmed.strip_suffix('）'))
    {
        if let Some(open) = inner.rfind(['(', '（']) {
            let unit = inner
                .get(open..)
                .unwrap_or_default()
                .trim_start_matches(['(', '（'])
                .trim();
            let before = inner.get(..open).unwrap_or_default();
            if let Some(column @ (Column::Quarter(_) | Column::Month(_))) = recognise_plain(before)
            {
                if !unit.is_empty() {
                    return Some((column, Some(unit.to_owned())));
                }
            }
        }
    }
    recognise_plain(header).map(|column| (column, None))
}

fn recognise_plain(header: &str) -> Option<Column> {
    if header.len() > LONGEST_HEADER {
        return None;
    }
    let text = normal(header);
    if text.is_empty() {
        return None;
    }
    if let Some(q) = quarter(&text) {
        return Some(Column::Quarter(q));
    }
    if let Some(m) = month(&text) {
        return Some(Column::Month(m));
    }
    NAMES
        .iter()
        .find(|(list, _)| list.iter().any(|name| names(&text, name)))
        .map(|(_, column)| *column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_header_may_state_its_unit() {
        assert_eq!(
            recognise_with_unit("一季度(处)"),
            Some((Column::Quarter(1), Some("处".into())))
        );
        assert_eq!(
            recognise_with_unit("Q3 (sites)"),
            Some((Column::Quarter(3), Some("sites".into())))
        );
        assert_eq!(recognise_with_unit("3月"), Some((Column::Month(3), None)));
        assert_eq!(recognise("计量单位"), Some(Column::UnitOfMeasure));
    }

    #[test]
    fn variants_in_two_languages() {
        assert_eq!(recognise("牵头单位"), Some(Column::LeadUnit));
        assert_eq!(recognise("责任单位"), Some(Column::LeadUnit));
        assert_eq!(recognise("Lead unit"), Some(Column::LeadUnit));
        assert_eq!(recognise("协办单位"), Some(Column::PartnerUnits));
        assert_eq!(recognise("分管领导"), Some(Column::SupervisingLeader));
        assert_eq!(recognise("分管 区领导"), Some(Column::SupervisingLeader));
        assert_eq!(recognise("一季度"), Some(Column::Quarter(1)));
        assert_eq!(recognise("第三季度"), Some(Column::Quarter(3)));
        assert_eq!(recognise("Q4"), Some(Column::Quarter(4)));
        assert_eq!(recognise("3月"), Some(Column::Month(3)));
        assert_eq!(recognise("十二月"), Some(Column::Month(12)));
        assert_eq!(recognise("Sep"), Some(Column::Month(9)));
        assert_eq!(recognise("1季度"), Some(Column::Quarter(1)));
        assert_eq!(recognise("二季度节点"), Some(Column::Quarter(2)));
        assert_eq!(recognise("quarter 2"), Some(Column::Quarter(2)));
        assert_eq!(recognise("五季度"), None);
        assert_eq!(recognise("01月"), Some(Column::Month(1)));
        assert_eq!(recognise("十一月"), Some(Column::Month(11)));
        assert_eq!(recognise("M12"), Some(Column::Month(12)));
        assert_eq!(recognise("March"), Some(Column::Month(3)));
        assert_eq!(recognise("13月"), None);
        assert_eq!(recognise("Key Task"), Some(Column::KeyTask));
        assert_eq!(recognise("备注"), None);
    }
}
