//! Writing workbooks people open in Excel or WPS and understand without help (with
//! rust_xlsxwriter): a bold frozen header, columns as wide as their text, red, yellow and
//! green fills for the lights, dropdowns of the allowed values, dates as date cells.

use std::collections::HashMap;

use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Formula, Workbook as XlsxWorkbook, Worksheet, XlsxError,
};

use super::sheet::{cell_name, Cell, Sheet, Workbook};
use crate::error::FormatError;

/// How a written cell looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Look {
    /// Ordinary text.
    #[default]
    Plain,
    /// A sheet's title: large and bold.
    Title,
    /// A header cell: bold on grey, wrapped.
    Header,
    /// The red light: lagging.
    Red,
    /// The yellow light: due soon or completed late.
    Yellow,
    /// The green light: on schedule or done.
    Green,
    /// Emphasised: bold.
    Bold,
    /// A share shown as a percentage (`0.95` as `95.0%`).
    Percent,
}

/// A list of allowed values offered as a dropdown in a range of one column.
#[derive(Clone, Debug, PartialEq)]
pub struct Dropdown {
    /// The zero-based column.
    pub column: usize,
    /// The first zero-based row it applies to.
    pub first_row: usize,
    /// The last zero-based row it applies to.
    pub last_row: usize,
    /// The values offered.
    pub choices: Vec<String>,
}

/// One sheet to write: its cells, and how they look.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WrittenSheet {
    /// The cells (name, hidden flag and rows).
    pub sheet: Sheet,
    /// The zero-based row of the header; rows up to it stay in view when scrolling.
    pub header_row: Option<usize>,
    /// How particular cells look, by zero-based row and column; the header row and a title
    /// in the first cell above it look like a header and a title without being listed.
    pub looks: HashMap<(usize, usize), Look>,
    /// Dropdowns of allowed values.
    pub dropdowns: Vec<Dropdown>,
    /// Column widths in characters, where they are not to be taken from the text.
    pub widths: Vec<Option<f64>>,
}

impl WrittenSheet {
    /// A sheet with a header row at `header_row` and no other looks.
    pub fn new(sheet: Sheet, header_row: Option<usize>) -> Self {
        Self {
            sheet,
            header_row,
            ..Self::default()
        }
    }
}

/// A workbook to write: sheets in tab order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WrittenWorkbook {
    /// The sheets.
    pub sheets: Vec<WrittenSheet>,
}

/// The name of the hidden sheet that holds dropdown lists too long to write inline.
pub const LISTS_SHEET: &str = "下拉选项";

/// What could not be written, and where: a sheet and, for a cell's value, the cell.
struct WriteFailure {
    sheet: String,
    cell: Option<String>,
    error: XlsxError,
}

impl From<XlsxError> for WriteFailure {
    fn from(error: XlsxError) -> Self {
        Self {
            sheet: String::new(),
            cell: None,
            error,
        }
    }
}

fn failed(failure: &WriteFailure) -> FormatError {
    let sheet = &failure.sheet;
    let at = failure
        .cell
        .as_ref()
        .map_or_else(|| sheet.clone(), |cell| format!("{sheet}!{cell}"));
    let (message, message_zh) = match &failure.error {
        XlsxError::MaxStringLengthExceeded => (
            format!("the text for {at} is longer than the 32,767 characters a cell holds; shorten it in the plan"),
            format!("{at} 的文字超过单元格可容纳的 32,767 个字符;请在计划中缩短"),
        ),
        XlsxError::RowColumnLimitError => (
            format!("the sheet `{sheet}` would need more than Excel's 1,048,576 rows or 16,384 columns; write fewer records to one workbook"),
            format!("工作表“{sheet}”所需行列超过 Excel 上限(1,048,576 行、16,384 列);请分批写出"),
        ),
        XlsxError::SheetnameCannotBeBlank(_)
        | XlsxError::SheetnameLengthExceeded(_)
        | XlsxError::SheetnameReused(_)
        | XlsxError::SheetnameContainsInvalidCharacter(_)
        | XlsxError::SheetnameStartsOrEndsWithApostrophe(_) => (
            format!("`{sheet}` is not a sheet name Excel accepts (at most 31 characters, none of []:*?/\\, not used twice)"),
            format!("“{sheet}”不是 Excel 接受的工作表名(最多 31 个字符,不含 []:*?/\\,不得重复)"),
        ),
        other => (
            format!("writing {at} failed ({other})"),
            format!("写出 {at} 时出错({other})"),
        ),
    };
    FormatError::Workbook {
        message: format!("the workbook cannot be written: {message}"),
        message_zh: format!("无法写出工作簿:{message_zh}"),
    }
}

/// How wide a text shows: CJK and other wide characters count two.
fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

struct Formats {
    by_look: HashMap<Look, Format>,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        let fill = |background: u32, font: u32| {
            Format::new()
                .set_background_color(Color::RGB(background))
                .set_font_color(Color::RGB(font))
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF))
                .set_text_wrap()
                .set_align(FormatAlign::Top)
        };
        let by_look = HashMap::from([
            (Look::Plain, Format::new().set_align(FormatAlign::Top)),
            (Look::Title, Format::new().set_bold().set_font_size(14)),
            (
                Look::Header,
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(0xD9E1F2))
                    .set_border(FormatBorder::Thin)
                    .set_text_wrap()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter),
            ),
            (Look::Red, fill(0xFFC7CE, 0x9C0006)),
            (Look::Yellow, fill(0xFFEB9C, 0x9C5700)),
            (Look::Green, fill(0xC6EFCE, 0x006100)),
            (
                Look::Bold,
                Format::new().set_bold().set_align(FormatAlign::Top),
            ),
            (
                Look::Percent,
                Format::new()
                    .set_num_format("0.0%")
                    .set_align(FormatAlign::Top),
            ),
        ]);
        Self {
            by_look,
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Top),
        }
    }

    fn of(&self, look: Look) -> &Format {
        self.by_look
            .get(&look)
            .or_else(|| self.by_look.get(&Look::Plain))
            .unwrap_or(&self.date)
    }
}

fn row_number(row: usize) -> Result<u32, XlsxError> {
    u32::try_from(row).map_err(|_| XlsxError::RowColumnLimitError)
}

fn column_number(column: usize) -> Result<u16, XlsxError> {
    u16::try_from(column).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Writes one cell: plain cells without a format (the cheapest for the writer), others
/// with their look's format; dates always as dates.
fn write_cell(
    worksheet: &mut Worksheet,
    (row, column): (u32, u16),
    cell: &Cell,
    look: Look,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let plain = look == Look::Plain;
    let format = formats.of(look);
    match cell {
        Cell::Empty => {
            if !plain {
                worksheet.write_blank(row, column, format)?;
            }
        }
        Cell::Text(text) | Cell::Error(text) => {
            if plain {
                worksheet.write_string(row, column, text)?;
            } else {
                worksheet.write_string_with_format(row, column, text, format)?;
            }
        }
        Cell::Number(n) => {
            if plain {
                worksheet.write_number(row, column, *n)?;
            } else {
                worksheet.write_number_with_format(row, column, *n, format)?;
            }
        }
        Cell::Bool(b) => {
            if plain {
                worksheet.write_boolean(row, column, *b)?;
            } else {
                worksheet.write_boolean_with_format(row, column, *b, format)?;
            }
        }
        Cell::Date(date) => {
            let day = |n: u32| {
                u8::try_from(n).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))
            };
            let year = u16::try_from(date.year())
                .map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
            match ExcelDateTime::from_ymd(year, day(date.month())?, day(date.day())?) {
                Ok(when) => {
                    if plain {
                        worksheet.write_datetime_with_format(row, column, &when, &formats.date)?;
                    } else {
                        let dated = format.clone().set_num_format("yyyy-mm-dd");
                        worksheet.write_datetime_with_format(row, column, &when, &dated)?;
                    }
                }
                // Excel counts days from 1900; earlier dates are written as text.
                Err(_) => {
                    worksheet.write_string_with_format(row, column, date.to_string(), format)?;
                }
            }
        }
    }
    Ok(())
}

impl WrittenWorkbook {
    /// The workbook's cells as the readers see them, without writing a file.
    pub fn workbook(&self) -> Workbook {
        Workbook {
            sheets: self.sheets.iter().map(|s| s.sheet.clone()).collect(),
        }
    }

    /// Writes the workbook as `.xlsx` bytes. The file's creation time is fixed, so the same
    /// workbook always gives the same bytes.
    ///
    /// # Errors
    ///
    /// [`FormatError::Workbook`] when a sheet cannot be written: more than Excel's
    /// 1,048,576 rows or 16,384 columns, a text longer than a cell's 32,767 characters, a
    /// sheet name Excel refuses.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, FormatError> {
        self.write().map_err(|failure| failed(&failure))
    }

    fn write(&self) -> Result<Vec<u8>, WriteFailure> {
        let mut book = XlsxWorkbook::new();
        let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
        let formats = Formats::new();
        let mut lists: Vec<Vec<String>> = Vec::new();
        for written in &self.sheets {
            let worksheet = book.add_worksheet();
            write_sheet(worksheet, written, &formats, &mut lists).map_err(|mut failure| {
                failure.sheet.clone_from(&written.sheet.name);
                failure
            })?;
        }
        if !lists.is_empty() {
            let worksheet = book.add_worksheet();
            worksheet.set_name(LISTS_SHEET)?;
            worksheet.set_hidden(true);
            for (column, list) in lists.iter().enumerate() {
                for (row, value) in list.iter().enumerate() {
                    worksheet.write_string(row_number(row)?, column_number(column)?, value)?;
                }
            }
        }
        if let Some(first) = self.sheets.iter().position(|s| !s.sheet.hidden) {
            if let Ok(worksheet) = book.worksheet_from_index(first) {
                worksheet.set_active(true);
            }
        }
        Ok(book.save_to_buffer()?)
    }
}

fn write_sheet(
    worksheet: &mut Worksheet,
    written: &WrittenSheet,
    formats: &Formats,
    lists: &mut Vec<Vec<String>>,
) -> Result<(), WriteFailure> {
    let sheet = &written.sheet;
    worksheet.set_name(&sheet.name)?;
    if sheet.hidden {
        worksheet.set_hidden(true);
    }
    let mut widths: Vec<usize> = Vec::new();
    for (r, cells) in sheet.rows.iter().enumerate() {
        let row = row_number(r)?;
        for (c, cell) in cells.iter().enumerate() {
            let given = if written.looks.is_empty() {
                None
            } else {
                written.looks.get(&(r, c))
            };
            let look = match given {
                Some(look) => *look,
                None if Some(r) == written.header_row => Look::Header,
                None if r == 0 && c == 0 && written.header_row.is_some_and(|h| h > 0) => {
                    Look::Title
                }
                None => Look::Plain,
            };
            write_cell(worksheet, (row, column_number(c)?), cell, look, formats).map_err(
                |error| WriteFailure {
                    sheet: String::new(),
                    cell: Some(cell_name(r, c)),
                    error,
                },
            )?;
            // Widths come from the header and the first thousand rows below it; a title
            // spans its row and sets no width.
            let counts =
                look != Look::Title && r < written.header_row.unwrap_or(0).saturating_add(1000);
            if counts {
                if widths.len() <= c {
                    widths.resize(c.saturating_add(1), 0);
                }
                let width = match cell {
                    Cell::Date(_) => 10,
                    other => display_width(&other.text()),
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(width);
                }
            }
        }
    }
    for (c, width) in widths.iter().enumerate() {
        let chosen =
            written.widths.get(c).copied().flatten().unwrap_or_else(|| {
                f64::from(u32::try_from((*width).clamp(6, 60)).unwrap_or(60)) + 2.0
            });
        worksheet.set_column_width(column_number(c)?, chosen)?;
    }
    if let Some(header) = written.header_row {
        worksheet.set_freeze_panes(row_number(header.saturating_add(1))?, 0)?;
    }
    for dropdown in &written.dropdowns {
        if dropdown.choices.is_empty() || dropdown.last_row < dropdown.first_row {
            continue;
        }
        let inline: usize = dropdown.choices.iter().map(|c| c.chars().count() + 1).sum();
        let rule = if inline <= 250 && dropdown.choices.iter().all(|c| !c.contains(',')) {
            DataValidation::new().allow_list_strings(&dropdown.choices)?
        } else {
            let column = lists.len();
            lists.push(dropdown.choices.clone());
            let top = cell_name(0, column);
            let bottom = cell_name(dropdown.choices.len().saturating_sub(1), column);
            let absolute = |name: &str| {
                let split = name
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(name.len());
                format!(
                    "${}${}",
                    name.get(..split).unwrap_or(""),
                    name.get(split..).unwrap_or("")
                )
            };
            DataValidation::new().allow_list_formula(Formula::new(format!(
                "='{LISTS_SHEET}'!{}:{}",
                absolute(&top),
                absolute(&bottom)
            )))
        };
        let column = column_number(dropdown.column)?;
        worksheet.add_data_validation(
            row_number(dropdown.first_row)?,
            column,
            row_number(dropdown.last_row)?,
            column,
            &rule.ignore_blank(true),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_workbook_reads_back_cell_for_cell() {
        let date = chrono::NaiveDate::from_ymd_opt(2017, 3, 31).unwrap();
        let sheet = Sheet {
            name: "目标表".into(),
            hidden: false,
            rows: vec![
                vec![Cell::Text("2017年目标".into())],
                vec![
                    Cell::Text("子项目".into()),
                    Cell::Text("一季度".into()),
                    Cell::Text("日期".into()),
                ],
                vec![
                    Cell::Text("拆违".into()),
                    Cell::Number(8.5),
                    Cell::Date(date),
                ],
                vec![Cell::Text("  spaced  ".into()), Cell::Bool(true)],
            ],
        };
        let mut written = WrittenSheet::new(sheet.clone(), Some(1));
        written.looks.insert((2, 1), Look::Red);
        written.dropdowns.push(Dropdown {
            column: 0,
            first_row: 2,
            last_row: 100,
            choices: (0..100).map(|i| format!("单位{i}")).collect(),
        });
        let book = WrittenWorkbook {
            sheets: vec![written],
        };
        let bytes = book.to_xlsx().unwrap();
        assert_eq!(
            bytes,
            book.to_xlsx().unwrap(),
            "the same workbook gives the same bytes"
        );
        let read = Workbook::from_xlsx(&bytes).unwrap();
        assert_eq!(
            read.sheets.len(),
            2,
            "the long dropdown list went to a hidden sheet"
        );
        assert_eq!(read.sheets[0].rows, sheet.rows);
        assert_eq!(read.sheets[1].name, LISTS_SHEET);
        assert!(read.sheets[1].hidden);
    }

    #[test]
    fn a_text_too_long_for_a_cell_is_an_error_not_a_panic() {
        let sheet = Sheet {
            name: "t".into(),
            hidden: false,
            rows: vec![vec![Cell::Text("字".repeat(40_000))]],
        };
        let error = WrittenWorkbook {
            sheets: vec![WrittenSheet::new(sheet, None)],
        }
        .to_xlsx()
        .unwrap_err();
        assert!(error.to_string().contains("cannot be written"), "{error}");
        assert!(
            error.to_string().contains("t!A1") && error.to_string().contains("32,767"),
            "{error}"
        );
    }
}
