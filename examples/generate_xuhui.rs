//! Writes the Xuhui 2017 example plan to `examples/data/xuhui-2017.json`.
//!
//! ```text
//! cargo run --example generate_xuhui
//! ```
//!
//! The generator is deterministic: running it again writes the same bytes, and the
//! workspace tests fail if the checked-in file drifts from what it writes.

use std::process::ExitCode;

use mubiao_examples::{data_path, xuhui, XUHUI_2017_FILE};

fn main() -> ExitCode {
    let document = xuhui::plan_2017();
    let problems = document.problems();
    if !problems.is_empty() {
        for problem in &problems {
            eprintln!("{problem}");
        }
        eprintln!("the generated plan is not valid; nothing written");
        return ExitCode::FAILURE;
    }
    let path = data_path(XUHUI_2017_FILE);
    let mut text = document.to_json_string_pretty();
    text.push('\n');
    match std::fs::write(&path, text) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write {}: {error}", path.display());
            ExitCode::FAILURE
        }
    }
}
