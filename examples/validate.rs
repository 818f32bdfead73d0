//! Validates a plan document and prints every problem.
//!
//! ```text
//! cargo run --example validate -- FILE.json [--lang zh]
//! ```
//!
//! Prints one line per problem (code, path, message) and exits 1 when the file is not a
//! valid plan, 0 when it is, and 2 when the file cannot be read at all.

use std::process::ExitCode;

use mubiao::Language;
use mubiao_examples::validate_cli;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let (path, language) = match args.as_slice() {
        [path] => (path, Language::English),
        [path, flag, lang] if flag == "--lang" && lang == "zh" => (path, Language::Chinese),
        [path, flag, lang] if flag == "--lang" && lang == "en" => (path, Language::English),
        _ => {
            eprintln!("usage: validate FILE.json [--lang en|zh]");
            return ExitCode::from(validate_cli::UNREADABLE);
        }
    };
    let status = validate_cli::run(path.as_ref(), language, &mut std::io::stdout().lock());
    ExitCode::from(status)
}
