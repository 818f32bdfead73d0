//! Opening an `.xlsx` workbook (with calamine) as a [`Workbook`] of cells: formulas as
//! their cached values, merged cells filled with their value, hidden sheets marked, and
//! memory bounded whatever the file holds.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, SheetVisible, Xlsx};

use super::sheet::{Cell, Sheet, Workbook};
use crate::error::FormatError;

/// The most cells a workbook's sheets may span in all (5 million: a 100,000-row table of
/// 50 columns), so that a sheet claiming a million rows cannot exhaust memory.
pub const MAX_CELLS: usize = 5_000_000;

fn refused(message: &str, message_zh: &str) -> FormatError {
    FormatError::Workbook {
        message: message.to_owned(),
        message_zh: message_zh.to_owned(),
    }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Cell::Text(text.clone())
        }
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(when) => match data.as_date() {
            Some(date) => Cell::Date(date),
            None => Cell::Number(when.as_f64()),
        },
        Data::Error(error) => Cell::Error(error.to_string()),
    }
}

impl Workbook {
    /// Reads an `.xlsx` workbook from its bytes.
    ///
    /// # Errors
    ///
    /// [`FormatError::Workbook`] for bytes that are not an `.xlsx` (an old `.xls`, a
    /// password-protected file, another kind of file), a damaged workbook, or sheets
    /// spanning more than [`MAX_CELLS`] cells.
    pub fn from_xlsx(bytes: &[u8]) -> Result<Workbook, FormatError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(refused(
                "this is an old .xls workbook or a password-protected one; open it in Excel or WPS and save it as .xlsx without a password",
                "这是旧版 .xls 工作簿或带密码保护的工作簿;请在 Excel 或 WPS 中打开,另存为不带密码的 .xlsx",
            ));
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(refused(
                "this is not an .xlsx workbook; save the table as .xlsx (Excel workbook)",
                "这不是 .xlsx 工作簿;请把表格另存为 .xlsx(Excel 工作簿)",
            ));
        }
        let mut workbook: Xlsx<_> =
            Xlsx::new(Cursor::new(bytes)).map_err(|error| FormatError::Workbook {
                message: format!("the workbook cannot be opened ({error}); save it again as .xlsx"),
                message_zh: format!("无法打开该工作簿({error});请重新另存为 .xlsx"),
            })?;
        let metadata: Vec<(String, bool)> = workbook
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
            .collect();
        let mut sheets = Vec::new();
        let mut cells_left = MAX_CELLS;
        for (name, hidden) in metadata {
            let range = match workbook.worksheet_range(&name) {
                Ok(range) => range,
                // A chart sheet or a sheet that cannot be read holds no table.
                Err(_) => continue,
            };
            let (height, width) = range.get_size();
            let span = height.saturating_mul(width);
            if span > cells_left {
                return Err(refused(
                    &format!("the sheet `{name}` spans {height} rows by {width} columns, more than the {MAX_CELLS} cells this reader takes; delete the empty rows and columns beyond the table"),
                    &format!("工作表“{name}”有 {height} 行 × {width} 列,超过本读取器可处理的 {MAX_CELLS} 个单元格;请删除表格之外的空行和空列"),
                ));
            }
            cells_left -= span;
            let (top, left) = range.start().unwrap_or((0, 0));
            let (top, left) = (
                usize::try_from(top).unwrap_or(0),
                usize::try_from(left).unwrap_or(0),
            );
            let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
            for row in range.rows() {
                let mut cells = vec![Cell::Empty; left];
                cells.extend(row.iter().map(cell));
                while cells.last().is_some_and(Cell::is_blank) {
                    cells.pop();
                }
                rows.push(cells);
            }
            while rows.last().is_some_and(Vec::is_empty) {
                rows.pop();
            }
            // A merged region shows its top-left value in every cell it covers.
            if let Ok(regions) = workbook.merge_cells_by_sheet_name(&name) {
                for region in regions {
                    fill_merged(&mut rows, region.start, region.end);
                }
            }
            sheets.push(Sheet { name, hidden, rows });
        }
        Ok(Workbook { sheets })
    }
}

/// Copies the top-left value of a merged region into every cell of it that holds data.
fn fill_merged(rows: &mut [Vec<Cell>], start: (u32, u32), end: (u32, u32)) {
    let index = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    let (top, left, bottom, right) = (index(start.0), index(start.1), index(end.0), index(end.1));
    let Some(value) = rows.get(top).and_then(|r| r.get(left)).cloned() else {
        return;
    };
    for row in rows.iter_mut().take(bottom.saturating_add(1)).skip(top) {
        if row.len() <= right && right < left.saturating_add(16_384) {
            row.resize(right.saturating_add(1), Cell::Empty);
        }
        for cell in row.iter_mut().take(right.saturating_add(1)).skip(left) {
            *cell = value.clone();
        }
    }
}
