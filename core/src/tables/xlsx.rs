//! Opening an `.xlsx` workbook (with calamine) as a [`Workbook`] of cells: formulas as
//! their cached values, merged cells filled with their value, hidden sheets marked, and
//! memory bounded whatever the file holds.

use std::io::Cursor;

use calamine::{Data, DataRef, DataType, Reader, SheetVisible, Xlsx};

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
        check_sizes(bytes)?;
        let merges = has_merged_cells(bytes);
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
            let Some(mut rows) = read_cells(&mut workbook, &name, &mut cells_left)? else {
                continue;
            };
            // A merged region shows its top-left value in every cell it covers.
            // (Looking for them parses the sheet again, so only where a sheet has some.)
            let regions = if merges {
                workbook.merge_cells_by_sheet_name(&name)
            } else {
                Ok(Vec::new())
            };
            if let Ok(regions) = regions {
                for region in regions {
                    fill_merged(&mut rows, region.start, region.end, &mut cells_left);
                }
            }
            sheets.push(Sheet { name, hidden, rows });
        }
        Ok(Workbook { sheets })
    }
}

/// The most bytes a workbook may unpack to, by what its zip directory declares (the zip
/// reader stops at the declared size): 256 MiB, ample for 5 million cells of text.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Refuses a workbook whose parts would unpack to more than [`MAX_UNPACKED_BYTES`] (a zip
/// bomb) before any part is unpacked.
fn check_sizes(bytes: &[u8]) -> Result<(), FormatError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| FormatError::Workbook {
            message: format!(
                "the workbook is not a readable zip archive ({error}); save it again as .xlsx"
            ),
            message_zh: format!("该工作簿不是可读取的 zip 压缩包({error});请重新另存为 .xlsx"),
        })?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let size = archive.by_index_raw(index).map_or(0, |part| part.size());
        total = total.saturating_add(size);
        if total > MAX_UNPACKED_BYTES {
            return Err(refused(
                "the workbook unpacks to more than 256 MiB, far more than a target table holds; remove what is not the table (pictures, other sheets) and save it again",
                "该工作簿解压后超过 256 MiB,远超目标表所需;请删除表格以外的内容(图片、其他工作表)后重新保存",
            ));
        }
    }
    Ok(())
}

/// Whether any worksheet of the workbook declares merged cells: its unpacked XML, read in
/// chunks, holds `<mergeCell`.
fn has_merged_cells(bytes: &[u8]) -> bool {
    use std::io::Read;
    const NEEDLE: &[u8] = b"<mergeCell ";
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return true;
    };
    let finder = memchr::memmem::Finder::new(NEEDLE);
    let mut window = vec![0u8; 1 << 20];
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else {
            return true;
        };
        let is_sheet = part
            .name()
            .is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        if !is_sheet {
            continue;
        }
        let mut kept = 0usize;
        loop {
            let Some(free) = window.get_mut(kept..) else {
                return true;
            };
            let read = match part.read(free) {
                Ok(0) => break,
                Ok(n) => n,
                Err(_) => return true,
            };
            let filled = kept.saturating_add(read);
            let Some(seen) = window.get(..filled) else {
                return true;
            };
            if finder.find(seen).is_some() {
                return true;
            }
            // Keep the end, in case the word spans two chunks.
            kept = NEEDLE.len().min(filled);
            window.copy_within(filled - kept..filled, 0);
        }
    }
    false
}

/// The cells of one sheet, read one by one (never as the rectangle the sheet claims to
/// span): `None` for a sheet that holds no cells to read (a chart sheet). Every cell
/// placed, empty or not, counts against `cells_left`.
fn read_cells(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    cells_left: &mut usize,
) -> Result<Option<Vec<Vec<Cell>>>, FormatError> {
    let Ok(mut reader) = workbook.worksheet_cells_reader(name) else {
        return Ok(None);
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    loop {
        let next = reader.next_cell().map_err(|error| FormatError::Workbook {
            message: format!(
                "the sheet `{name}` cannot be read ({error}); save the workbook again as .xlsx"
            ),
            message_zh: format!("无法读取工作表“{name}”({error});请把工作簿重新另存为 .xlsx"),
        })?;
        let Some(found) = next else { break };
        let value = match found.get_value() {
            // Text is copied once, straight from the shared strings.
            DataRef::SharedString(text) => Cell::Text((*text).to_owned()),
            DataRef::String(text) => Cell::Text(text.clone()),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::Empty => Cell::Empty,
            other => cell(&Data::from(other.clone())),
        };
        // Text of white space is kept (readers treat it as blank), so that what was
        // written reads back exactly.
        if value == Cell::Empty || value == Cell::Text(String::new()) {
            continue;
        }
        let (row, column) = found.get_position();
        let (row, column) = (index(row), index(column));
        place(&mut rows, (row, column), value, cells_left, name)?;
    }
    Ok(Some(rows))
}

fn index(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Puts a value at a zero-based row and column, growing the rows as needed and counting
/// the cells that adds against `cells_left`.
fn place(
    rows: &mut Vec<Vec<Cell>>,
    (row, column): (usize, usize),
    value: Cell,
    cells_left: &mut usize,
    sheet: &str,
) -> Result<(), FormatError> {
    let too_large = || {
        refused(
            &format!("the sheet `{sheet}` spreads its cells over more than the {MAX_CELLS} cells this reader takes (cell {}); delete what lies far beyond the table", super::sheet::cell_name(row, column)),
            &format!("工作表“{sheet}”的单元格分布超过本读取器可处理的 {MAX_CELLS} 个(单元格 {});请删除表格之外很远处的内容", super::sheet::cell_name(row, column)),
        )
    };
    // Rows cost a little too: a cell a million rows down counts as the rows above it.
    let new_rows = row.saturating_add(1).saturating_sub(rows.len());
    let row_cells = rows.get(row).map_or(0, Vec::len);
    let new_cells = column.saturating_add(1).saturating_sub(row_cells);
    let cost = new_rows.saturating_add(new_cells);
    if cost > *cells_left {
        return Err(too_large());
    }
    *cells_left -= cost;
    if new_rows > 0 {
        // A new row is made as wide as the row above it (most rows of a table are).
        let width = rows.last().map_or(0, Vec::len);
        rows.resize_with(row.saturating_add(1), Vec::new);
        if let Some(cells) = rows.get_mut(row) {
            cells.reserve_exact(width.max(column.saturating_add(1)));
        }
    }
    if let Some(cells) = rows.get_mut(row) {
        if new_cells > 0 {
            cells.resize(column.saturating_add(1), Cell::Empty);
        }
        if let Some(slot) = cells.get_mut(column) {
            *slot = value;
        }
    }
    Ok(())
}

/// Copies the top-left value of a merged region into every cell it covers, within the
/// cell budget (a region beyond it is left as it is: the top-left cell keeps the value).
fn fill_merged(
    rows: &mut Vec<Vec<Cell>>,
    start: (u32, u32),
    end: (u32, u32),
    cells_left: &mut usize,
) {
    let (top, left, bottom, right) = (index(start.0), index(start.1), index(end.0), index(end.1));
    let Some(value) = rows.get(top).and_then(|r| r.get(left)).cloned() else {
        return;
    };
    let span = bottom
        .saturating_sub(top)
        .saturating_add(1)
        .saturating_mul(right.saturating_sub(left).saturating_add(1));
    if value.is_blank() || span > *cells_left {
        return;
    }
    for row in top..=bottom {
        for column in left..=right {
            if place(rows, (row, column), value.clone(), cells_left, "").is_err() {
                return;
            }
        }
    }
}
