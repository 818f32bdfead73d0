//! The Xuhui district's 2017 plan: the supervision report as of a date.
//!
//! ```text
//! cargo run --example xuhui_2017                          # the Q1 2017 report, in English
//! cargo run --example xuhui_2017 -- --as-of 2017-06-30    # the view at the end of June
//! cargo run --example xuhui_2017 -- --lang zh             # 中文报告
//! cargo run --example xuhui_2017 -- --plan other.json --calendar calendar.json
//! cargo run --example xuhui_2017 -- --plan examples/data/xuhui-2017.xlsx
//! cargo run --example xuhui_2017 -- --year-end            # the 2017 assessment
//! cargo run --example xuhui_2017 -- --bulletin bulletin.html  # the printable bulletin
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use mubiao::{
    BulletinOptions, ComponentScores, Language, Plan, Scheme, StatusOptions, WorkingCalendar,
};
use mubiao_examples::{
    data_path, XUHUI_2017_COMPONENTS_FILE, XUHUI_2017_FILE, XUHUI_2017_YEAR_END_FILE,
};

struct Args {
    plan: PathBuf,
    calendar: PathBuf,
    as_of: NaiveDate,
    language: Language,
    year_end: bool,
    /// Where to write the printable HTML bulletin instead of the text report.
    bulletin: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        plan: data_path(XUHUI_2017_FILE),
        calendar: data_path("calendar-2017.json"),
        as_of: NaiveDate::from_ymd_opt(2017, 3, 31).ok_or("bad default date")?,
        language: Language::English,
        year_end: false,
        bulletin: None,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let mut value = || given.next().ok_or(format!("`{flag}` needs a value"));
        match flag.as_str() {
            "--as-of" => {
                let text = value()?;
                args.as_of = text
                    .parse()
                    .map_err(|_| format!("`{text}` is not a date; write it as 2017-06-30"))?;
            }
            "--lang" => {
                args.language = match value()?.as_str() {
                    "zh" => Language::Chinese,
                    "en" => Language::English,
                    other => return Err(format!("unknown language `{other}`; use zh or en")),
                }
            }
            "--plan" => args.plan = value()?.into(),
            "--year-end" => {
                args.year_end = true;
                args.plan = data_path(XUHUI_2017_YEAR_END_FILE);
                args.as_of = NaiveDate::from_ymd_opt(2017, 12, 31).ok_or("bad date")?;
            }
            "--calendar" => args.calendar = value()?.into(),
            "--bulletin" => args.bulletin = Some(value()?.into()),
            other => {
                return Err(format!(
                    "unknown argument `{other}`; use --as-of DATE, --lang zh|en, --plan FILE, --calendar FILE, --year-end, --bulletin FILE"
                ))
            }
        }
    }
    Ok(args)
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

/// The plan in a JSON document, or in an `.xlsx` workbook in either table layout.
fn read_plan(path: &PathBuf) -> Result<Plan, String> {
    let is_workbook = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_workbook {
        let bytes = std::fs::read(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        let reading = mubiao::tables::read_workbook(&bytes, &Default::default())
            .map_err(|error| format!("{}: {error}", path.display()))?;
        return Ok(reading.plan);
    }
    Plan::from_json_str(&read(path)?).map_err(|error| format!("{}: {error}", path.display()))
}

fn run() -> Result<String, String> {
    let args = parse_args()?;
    let plan = read_plan(&args.plan)?;
    let calendar = WorkingCalendar::from_json_str(&read(&args.calendar)?)
        .map_err(|error| format!("{}: {error}", args.calendar.display()))?;
    let options = StatusOptions::with_calendar(calendar);
    if args.year_end {
        let components: ComponentScores =
            serde_json::from_str(&read(&data_path(XUHUI_2017_COMPONENTS_FILE))?)
                .map_err(|error| error.to_string())?;
        let assessment = plan
            .assess(args.as_of, &Scheme::default(), &components, &options)
            .map_err(|error| error.to_string())?;
        if let Some(path) = &args.bulletin {
            return write_bulletin(
                path,
                &assessment.bulletin(Some(&plan), &bulletin_options(&args)),
            );
        }
        return Ok(assessment.render(args.language));
    }
    let status = plan
        .status(args.as_of, &options)
        .map_err(|error| error.to_string())?;
    if let Some(path) = &args.bulletin {
        return write_bulletin(path, &status.bulletin(&bulletin_options(&args)));
    }
    Ok(status.report().render(args.language))
}

fn bulletin_options(args: &Args) -> BulletinOptions {
    BulletinOptions {
        language: args.language,
        ..BulletinOptions::default()
    }
}

fn write_bulletin(path: &std::path::Path, html: &str) -> Result<String, String> {
    std::fs::write(path, html).map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(format!(
        "wrote {} ({} KB); open it in a browser and print it on A4\n",
        path.display(),
        html.len() / 1024
    ))
}

fn main() -> ExitCode {
    match run() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
