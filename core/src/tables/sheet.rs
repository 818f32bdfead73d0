//! A workbook as the readers see it: named sheets of cells, whatever file they came from.

use std::borrow::Cow;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::Serialize;

/// One cell's value, as a spreadsheet holds it (a formula as its cached value).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Cell {
    /// Nothing.
    #[default]
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date cell.
    Date(NaiveDate),
    /// True or false.
    Bool(bool),
    /// A spreadsheet error such as `#REF!`.
    Error(String),
}

impl Cell {
    /// The cell as text, as a person reads it: numbers without a trailing `.0`.
    pub fn text(&self) -> String {
        self.as_text().into_owned()
    }

    /// The cell as text, as [`Cell::text`], borrowed from the cell where it holds text.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(text) | Cell::Error(text) => Cow::Borrowed(text.trim()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Cow::Owned(format!("{n:.0}")),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Date(date) => Cow::Owned(date.to_string()),
            Cell::Bool(b) => Cow::Owned(b.to_string()),
        }
    }

    /// Whether the cell holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: its name, whether it is hidden, and its rows from the first.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sheet {
    /// The sheet's name, as its tab shows it.
    pub name: String,
    /// Whether the sheet is hidden (hidden sheets are read like the others, and said so).
    pub hidden: bool,
    /// The rows, from row 1; each row's cells from column A.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at a zero-based row and column; empty beyond the data.
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        const EMPTY: &Cell = &Cell::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(EMPTY)
    }

    /// The reference of a zero-based cell, as `目标表!H12`.
    pub fn reference(&self, row: usize, column: usize) -> String {
        self.cell_name(row, column).into()
    }

    /// The name of a zero-based cell with this sheet's name, as `目标表!H12`.
    pub fn cell_name(&self, row: usize, column: usize) -> CellName {
        let mut reference = [0u8; 28];
        let reference = cell_reference(&mut reference, row, column);
        let mut name = CompactString::with_capacity(self.name.len() + 1 + reference.len());
        name.push_str(&self.name);
        name.push('!');
        name.push_str(reference);
        CellName(name)
    }
}

/// The name of a cell with its sheet, as `目标表!H12`: where a reading report points. It
/// reads as a string; a short one (a sheet name of up to about five Chinese characters) is
/// held without a heap allocation, which counts when a table has 100,000 target cells.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct CellName(CompactString);

impl CellName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for CellName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CellName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Debug for CellName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl From<CellName> for String {
    fn from(name: CellName) -> String {
        name.0.into_string()
    }
}

impl From<&str> for CellName {
    fn from(name: &str) -> CellName {
        CellName(CompactString::from(name))
    }
}

impl PartialEq<str> for CellName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for CellName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for CellName {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

/// A workbook: its sheets in tab order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Workbook {
    /// The sheets.
    pub sheets: Vec<Sheet>,
}

/// The A1 name of a zero-based cell: column letters, then the row from 1.
pub fn cell_name(row: usize, column: usize) -> String {
    let mut name = String::with_capacity(8);
    write_cell_name(&mut name, row, column);
    name
}

/// Writes the name of a zero-based cell (`H12`) at the end of `out`, in one piece.
fn write_cell_name(out: &mut impl std::fmt::Write, row: usize, column: usize) {
    let mut reference = [0u8; 28];
    let _ = out.write_str(cell_reference(&mut reference, row, column));
}

/// The name of a zero-based cell (`H12`), written into `buffer` from its end.
fn cell_reference(buffer: &mut [u8; 28], row: usize, column: usize) -> &str {
    // Up to 8 letters and 20 digits, filled from the end.
    let mut start = buffer.len();
    let mut n = row.saturating_add(1);
    loop {
        start -= 1;
        if let Some(slot) = buffer.get_mut(start) {
            *slot = b'0' + u8::try_from(n % 10).unwrap_or(0);
        }
        n /= 10;
        if n == 0 || start <= 8 {
            break;
        }
    }
    let mut n = column.saturating_add(1);
    while n > 0 && start > 0 {
        start -= 1;
        let letter = u8::try_from((n - 1) % 26).unwrap_or(0);
        if let Some(slot) = buffer.get_mut(start) {
            *slot = b'A'.saturating_add(letter);
        }
        n = (n - 1) / 26;
    }
    buffer
        .get(start..)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or_default()
}

/// A date written in a cell: a date cell, an Excel serial number (1900 system), or the
/// common written forms `2017-03-31`, `2017/3/31`, `2017.3.31` and `2017年3月31日`.
pub fn cell_date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(date) => Some(*date),
        Cell::Number(serial) if serial.fract() == 0.0 && (1.0..2_958_466.0).contains(serial) => {
            // Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was, so
            // serials from 61 on are one day ahead.
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
            let days = if *serial < 61.0 {
                serial + 1.0
            } else {
                *serial
            };
            base.checked_add_days(chrono::Days::new(format!("{days:.0}").parse().ok()?))
        }
        Cell::Text(text) => written_date(text.trim()),
        _ => None,
    }
}

fn written_date(text: &str) -> Option<NaiveDate> {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            '日' | '号' => ' ',
            _ => c,
        })
        .collect();
    let mut parts = cleaned.trim().split('-');
    let year: i32 = parts.next()?.trim().parse().ok()?;
    let month: u32 = parts.next()?.trim().parse().ok()?;
    let day: u32 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() || !(1..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 7), "H12");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 16_383), "XFD1");
    }

    #[test]
    fn dates_in_their_forms() {
        let d = NaiveDate::from_ymd_opt(2017, 3, 31);
        assert_eq!(cell_date(&Cell::Text("2017-03-31".into())), d);
        assert_eq!(cell_date(&Cell::Text("2017/3/31".into())), d);
        assert_eq!(cell_date(&Cell::Text("2017年3月31日".into())), d);
        assert_eq!(cell_date(&Cell::Number(42825.0)), d);
        assert_eq!(cell_date(&Cell::Date(d.unwrap())), d);
        assert_eq!(cell_date(&Cell::Text("2017-02-30".into())), None);
        assert_eq!(cell_date(&Cell::Number(1e300)), None);
        assert_eq!(cell_date(&Cell::Text("soon".into())), None);
    }
}
