//! Loads the Xuhui district's 2017 plan and prints what it holds.
//!
//! ```text
//! cargo run --example xuhui_2017
//! cargo run --example xuhui_2017 -- path/to/plan.json
//! ```

use std::process::ExitCode;

use mubiao::{KeyTaskKind, Level, Plan, UnitKind};
use mubiao_examples::{data_path, XUHUI_2017_FILE};

fn main() -> ExitCode {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| data_path(XUHUI_2017_FILE), Into::into);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {}: {error}", path.display());
            return ExitCode::from(2);
        }
    };
    let plan = match Plan::from_json_str(&text) {
        Ok(plan) => plan,
        Err(error) => {
            eprintln!("{}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let summary = plan.summary();
    let count = |kind| summary.units_by_kind.get(&kind).copied().unwrap_or(0);
    let key_work = summary
        .key_tasks_by_kind
        .get(&KeyTaskKind::KeyWork)
        .copied()
        .unwrap_or(0);
    let key_work_subs = summary
        .sub_projects_by_kind
        .get(&KeyTaskKind::KeyWork)
        .copied()
        .unwrap_or(0);
    let key_work_with_partners = plan
        .document()
        .key_tasks
        .iter()
        .filter(|task| task.kind == KeyTaskKind::KeyWork)
        .flat_map(|task| &task.sub_projects)
        .filter(|sub| !sub.responsibility.partner_units.is_empty())
        .count();
    let share = if key_work_subs == 0 {
        0.0
    } else {
        100.0 * key_work_with_partners as f64 / key_work_subs as f64
    };
    println!("{} ({})", summary.name, summary.year);
    println!(
        "  units: {} departments, {} streets, {} town, {} sections",
        count(UnitKind::Department),
        count(UnitKind::Street),
        count(UnitKind::Town),
        count(UnitKind::Section)
    );
    println!("  people: {}", summary.people);
    println!(
        "  key work: {key_work} tasks, {key_work_subs} sub-projects, {key_work_with_partners} with partner units ({share:.1}%)"
    );
    println!(
        "  special work: {} goals ({} city-level, {} district-level)",
        summary
            .key_tasks_by_kind
            .get(&KeyTaskKind::SpecialWork)
            .copied()
            .unwrap_or(0),
        summary.key_tasks_of(KeyTaskKind::SpecialWork, Level::City),
        summary.key_tasks_of(KeyTaskKind::SpecialWork, Level::District),
    );
    for kind in [
        KeyTaskKind::MajorProject,
        KeyTaskKind::PracticalProject,
        KeyTaskKind::UnitGoal,
    ] {
        println!(
            "  {}: {}",
            kind.as_str(),
            summary.key_tasks_by_kind.get(&kind).copied().unwrap_or(0)
        );
    }
    println!(
        "  milestones: {}; contracts: {}; progress reports: {}; lag reasons: {}",
        summary.milestones, summary.contracts, summary.progress_reports, summary.lag_reasons
    );
    ExitCode::SUCCESS
}
