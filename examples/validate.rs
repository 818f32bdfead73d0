//! Validates a plan document and prints every problem.
//!
//! ```text
//! cargo run --example validate -- FILE.json
//! ```
//!
//! Prints one line per problem (code, path, message) and exits 1 when the file is not a
//! valid plan, 0 when it is, and 2 when the file cannot be read at all.

use std::process::ExitCode;

use mubiao::PlanDocument;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: validate FILE.json");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("cannot read {}: {error}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    let document = match PlanDocument::from_json_slice(&bytes) {
        Ok(document) => document,
        Err(error) => {
            println!("{}\t/\t{error}", error.code());
            println!("{}: not a readable plan document", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let problems = document.problems();
    for problem in &problems {
        println!("{}\t{}\t{}", problem.code, problem.path, problem.message);
    }
    if problems.is_empty() {
        let plan = document.validate().map(|plan| plan.summary());
        if let Ok(summary) = plan {
            println!(
                "{}: valid plan `{}` for {}: {} key tasks, {} sub-projects, {} milestones",
                path.to_string_lossy(),
                summary.name,
                summary.year,
                summary.key_tasks,
                summary.sub_projects,
                summary.milestones
            );
        }
        ExitCode::SUCCESS
    } else {
        println!(
            "{}: {} problem{}",
            path.to_string_lossy(),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        ExitCode::FAILURE
    }
}
