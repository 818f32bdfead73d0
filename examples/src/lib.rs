//! Example data for mubiao: a deterministic generator of the Xuhui district's 2017 plan.
//!
//! The plan in `examples/data/xuhui-2017.json` is produced by [`xuhui::plan_2017`]; run
//! `cargo run --example generate_xuhui` to write it again, and the workspace tests check
//! that the generator still produces the checked-in file byte for byte.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod backlog;
pub mod validate_cli;
pub mod xuhui;

use std::path::PathBuf;

/// The path of a file in `examples/data/`, wherever the command is run from.
pub fn data_path(file_name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file_name)
}

/// The file name of the checked-in Xuhui 2017 plan in `examples/data/`.
pub const XUHUI_2017_FILE: &str = "xuhui-2017.json";

/// The file name of the Xuhui 2017 plan as a workbook in the office layout.
pub const XUHUI_2017_WORKBOOK_FILE: &str = "xuhui-2017.xlsx";

/// The file name of the plan at the end of 2017, with the year's reports and ratings.
pub const XUHUI_2017_YEAR_END_FILE: &str = "xuhui-2017-year-end.json";

/// The file name of the units' component scores for the 2017 assessment.
pub const XUHUI_2017_COMPONENTS_FILE: &str = "xuhui-2017-components.json";
