//! Validates a plan document and prints every problem.
//!
//! ```text
//! cargo run --example validate -- FILE.json
//! ```
//!
//! Prints one line per problem (code, path, message) and exits 1 when the file is not a
//! valid plan, 0 when it is, and 2 when the file cannot be read at all.

use std::process::ExitCode;

use mubiao_examples::validate_cli;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: validate FILE.json");
        return ExitCode::from(validate_cli::UNREADABLE);
    };
    let status = validate_cli::run(path.as_ref(), &mut std::io::stdout().lock());
    ExitCode::from(status)
}
