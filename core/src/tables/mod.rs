//! Tables in and out (feature `tables`): the target table as offices keep it in a
//! workbook (the *office layout*), read into a plan with a report of how every target
//! cell was understood.
//!
//! ```
//! use mubiao::tables::{read_office, Cell, OfficeOptions, Sheet, Workbook};
//!
//! let text = |s: &str| Cell::Text(s.to_owned());
//! let sheet = Sheet {
//!     name: "目标表".into(),
//!     hidden: false,
//!     rows: vec![
//!         vec![text("2017年重点工作目标")],
//!         vec![text("重点工作"), text("子项目"), text("牵头单位"), text("分管区领导"),
//!              text("一季度"), text("二季度"), text("三季度")],
//!         vec![text("河道违法建筑整治"), text("虹梅路街道沿河违建拆除"), text("虹梅路街道"),
//!              text("王副区长"), text("累计拆除5处"), text("10处"), text("15处")],
//!     ],
//! };
//! let reading = read_office(&Workbook { sheets: vec![sheet] }, &OfficeOptions::default())?;
//! assert_eq!(reading.plan.year(), 2017);
//! assert_eq!(reading.report.targets.len(), 3);
//! assert_eq!(reading.report.targets[0].cell, "目标表!E3");
//! assert_eq!(reading.plan.milestone_count(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod csv_files;
mod grammar;
mod headers;
mod io;
mod long;
mod long_read;
mod office;
mod office_write;
mod organisation;
mod report_write;
mod sheet;
mod write;
mod xlsx;

pub use grammar::{read_target, CellReading, QuantityReading, UNITS};
pub use headers::{recognise, Column};
pub use io::{long_csv_files, long_workbook, read_csv_files, read_workbook, Layout};
pub use long::{is_long_table, long_tables, plan_table, LONG_TABLES, LONG_TABLES_ZH};
pub use long_read::{read_long, read_long_document};
pub use office::{read_office, Inference, OfficeOptions, ReadingReport, TableReading, TargetCell};
pub use office_write::{
    office_workbook, plan_workbook, target_text, template_for, template_workbook, TARGET_SHEET,
};
pub use report_write::{
    adjustments_workbook, assessment_workbook, ledger_workbook, supervision_workbook,
};
pub use sheet::{cell_date, cell_name, Cell, CellName, Sheet, Workbook};
pub use write::{Dropdown, Look, WrittenSheet, WrittenWorkbook, LISTS_SHEET};
pub use xlsx::{MAX_CELLS, MAX_UNPACKED_BYTES};

#[cfg(test)]
mod tests;
