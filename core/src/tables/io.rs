//! The ways a plan comes in from tables and goes out as them: a workbook in either layout,
//! a set of CSV files in the long layout.

use super::long::{long_tables, table_named};
use super::long_read::read_long;
use super::office::{read_office, OfficeOptions, TableReading};
use super::sheet::{Sheet, Workbook};
use super::write::{WrittenSheet, WrittenWorkbook};
use crate::document::PlanDocument;
use crate::error::Error;

/// The layouts a plan's tables come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// The target table as offices keep it, with optional supplementary sheets.
    Office,
    /// One table per record type.
    Long,
}

impl Workbook {
    /// Which layout the workbook holds: the long layout when it has the long layout's
    /// `plan` and `milestones` tables (in English or Chinese) and no target table sheet
    /// (`目标表`), the office layout otherwise.
    pub fn layout(&self) -> Layout {
        let has = |name: &str| {
            self.sheets
                .iter()
                .any(|s| table_named(&s.name).is_some_and(|(n, _)| n == name))
        };
        let target_table = self.sheets.iter().any(|s| {
            ["目标表", "targets", "target table"].contains(&s.name.trim().to_lowercase().as_str())
        });
        if has("plan") && has("milestones") && !target_table {
            Layout::Long
        } else {
            Layout::Office
        }
    }
}

/// Reads a plan from an `.xlsx` workbook in either layout (see [`Workbook::layout`]).
///
/// # Errors
///
/// [`Error::Format`] for bytes that are not a readable `.xlsx`, [`Error::Validation`]
/// with every problem at its cell.
pub fn read_workbook(bytes: &[u8], options: &OfficeOptions) -> Result<TableReading, Error> {
    let workbook = Workbook::from_xlsx(bytes)?;
    Ok(match workbook.layout() {
        Layout::Long => read_long(&workbook.sheets)?,
        Layout::Office => read_office(&workbook, options)?,
    })
}

/// Reads a plan from the CSV files of the long layout, each given by its file name
/// (`units.csv`, `milestones.csv` …) and bytes.
///
/// # Errors
///
/// [`Error::Format`] for a file that is not UTF-8 CSV, [`Error::Validation`] with every
/// problem at its cell (`milestones.csv!E12`).
pub fn read_csv_files<N: AsRef<str>, B: AsRef<[u8]>>(
    files: &[(N, B)],
) -> Result<TableReading, Error> {
    let mut sheets = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        sheets.push(Sheet::from_csv(name.as_ref(), bytes.as_ref())?);
    }
    Ok(read_long(&sheets)?)
}

/// The plan in the long layout as a workbook: one sheet per table, header frozen.
pub fn long_workbook(document: &PlanDocument) -> WrittenWorkbook {
    WrittenWorkbook {
        sheets: long_tables(document)
            .into_iter()
            .map(|sheet| WrittenSheet::new(sheet, Some(0)))
            .collect(),
    }
}

/// The plan in the long layout as CSV files: `(file name, text)` for each table, named
/// `plan.csv`, `units.csv` … `partner_ratings.csv`.
pub fn long_csv_files(document: &PlanDocument) -> Vec<(String, String)> {
    long_tables(document)
        .into_iter()
        .map(|sheet| (format!("{}.csv", sheet.name), sheet.to_csv()))
        .collect()
}
