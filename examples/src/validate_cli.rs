//! The `validate` example as a function, so tests can run it on every fixture.

use std::io::Write;
use std::path::Path;

use mubiao::{Language, PlanDocument};

/// Exit status for a valid plan.
pub const VALID: u8 = 0;
/// Exit status for a file that is not a valid plan.
pub const INVALID: u8 = 1;
/// Exit status for a file that cannot be read at all.
pub const UNREADABLE: u8 = 2;

/// Validates the plan in `path` once, writes one line per problem (code, place, message in
/// `language`, separated by tabs) and a closing line to `out`, and returns the exit status.
pub fn run(path: &Path, language: Language, out: &mut impl Write) -> u8 {
    let shown = path.display();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let _ = writeln!(out, "cannot read {shown}: {error}");
            return UNREADABLE;
        }
    };
    let document = match PlanDocument::from_json_slice(&bytes) {
        Ok(document) => document,
        Err(error) => {
            let place = match (error.path(), error.position()) {
                (Some(path), _) => path.to_owned(),
                (None, Some((line, column))) => format!("line {line}, column {column}"),
                (None, None) => "/".to_owned(),
            };
            let _ = writeln!(
                out,
                "{}\t{place}\t{}",
                error.code(),
                error.message(language)
            );
            let _ = writeln!(out, "{shown}: not a readable plan document");
            return INVALID;
        }
    };
    match document.validate() {
        Ok(plan) => {
            let summary = plan.summary();
            let _ = writeln!(
                out,
                "{shown}: valid plan `{}` for {}: {} key tasks, {} sub-projects, {} milestones",
                summary.name,
                summary.year,
                summary.key_tasks,
                summary.sub_projects,
                summary.milestones
            );
            VALID
        }
        Err(error) => {
            for problem in &error.problems {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}",
                    problem.code,
                    problem.path,
                    problem.message_in(language)
                );
            }
            for omitted in &error.omitted {
                let _ = writeln!(
                    out,
                    "{}\t…\t{} more problems of this kind not listed",
                    omitted.code, omitted.count
                );
            }
            let total = error.total();
            let plural = if total == 1 { "" } else { "s" };
            let _ = writeln!(out, "{shown}: {total} problem{plural}");
            INVALID
        }
    }
}
