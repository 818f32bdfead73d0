//! Writes the Xuhui 2017 example plan to `examples/data/xuhui-2017.json`, and as a
//! workbook in the office layout to `examples/data/xuhui-2017.xlsx`.
//!
//! ```text
//! cargo run --example generate_xuhui
//! ```
//!
//! The generator is deterministic: running it again writes the same bytes, and the
//! workspace tests fail if the checked-in file drifts from what it writes.

use std::process::ExitCode;

use mubiao_examples::{
    data_path, xuhui, XUHUI_2017_COMPONENTS_FILE, XUHUI_2017_FILE, XUHUI_2017_WORKBOOK_FILE,
    XUHUI_2017_YEAR_END_FILE,
};

fn write(file: &str, mut text: String) -> bool {
    let path = data_path(file);
    text.push('\n');
    match std::fs::write(&path, text) {
        Ok(()) => {
            println!("wrote {}", path.display());
            true
        }
        Err(error) => {
            eprintln!("cannot write {}: {error}", path.display());
            false
        }
    }
}

fn main() -> ExitCode {
    let document = xuhui::plan_2017();
    let (year_end, components) = xuhui::year_end_2017();
    for plan in [&document, &year_end] {
        let problems = plan.problems();
        if !problems.is_empty() {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!("a generated plan is not valid; nothing written");
            return ExitCode::FAILURE;
        }
    }
    let components = serde_json::to_string_pretty(&components).unwrap_or_default();
    let workbook = match mubiao::tables::office_workbook(&document).to_xlsx() {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("the workbook cannot be written: {error}");
            return ExitCode::FAILURE;
        }
    };
    let workbook_path = data_path(XUHUI_2017_WORKBOOK_FILE);
    if let Err(error) = std::fs::write(&workbook_path, workbook) {
        eprintln!("cannot write {}: {error}", workbook_path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", workbook_path.display());
    let written = write(XUHUI_2017_FILE, document.to_json_string_pretty())
        && write(XUHUI_2017_YEAR_END_FILE, year_end.to_json_string_pretty())
        && write(XUHUI_2017_COMPONENTS_FILE, components);
    if written {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
