//! The Xuhui 2017 plan through its change ledger: the sewage approval reported at the end
//! of March, the tutoring task added after the spring sessions, a refused attempt to push a
//! historic road's deadline past Q3, and an approved exception; then the history of an
//! item, the adjustments, and the verified hash chain.
//!
//! ```text
//! cargo run --example xuhui_ledger
//! cargo run --example xuhui_ledger -- --write ledger.jsonl
//! ```

use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use mubiao::{
    Change, KeyTask, KeyTaskKind, LagCause, LagClass, Language, Ledger, Level, Milestone,
    PlanDocument, PlanItem, Progress, Responsibility, StatusOptions, SubProject, Target,
};
use mubiao_examples::backlog::{catch_up, split_at};
use mubiao_examples::{data_path, XUHUI_2017_FILE};

fn day(m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(2017, m, d).ok_or_else(|| format!("no day 2017-{m}-{d}"))
}

fn at(m: u32, d: u32) -> Result<NaiveDateTime, String> {
    day(m, d)?
        .and_hms_opt(17, 30, 0)
        .ok_or_else(|| "bad time".to_owned())
}

fn deliverable(id: &str, title: &str, due: NaiveDate) -> Milestone {
    Milestone {
        id: id.into(),
        title: title.into(),
        due: Some(due),
        granularity: mubiao::Granularity::Quarter,
        target: Some(Target::Deliverable {
            description: title.into(),
        }),
        responsibility: None,
        withdrawn: None,
    }
}

fn tutoring() -> Result<(KeyTask, PlanItem), String> {
    let task = KeyTask {
        id: "kw-78".into(),
        title: "民办培训机构整顿与监管".into(),
        kind: KeyTaskKind::KeyWork,
        level: Level::District,
        plan_item: "pi-kw-78".into(),
        supervising_leader: Some("deputy-social".into()),
        multi_year: false,
        sub_projects: vec![SubProject {
            id: "kw-78-1".into(),
            title: "排查民办培训机构并分类整治".into(),
            start: Some(day(3, 20)?),
            responsibility: Responsibility {
                lead_unit: Some("edu".into()),
                partner_units: vec!["market".into(), "civil".into()],
                responsible_person: Some("edu-s1-head".into()),
            },
            milestones: vec![
                deliverable("kw-78-1-m1", "完成全区排查", day(6, 30)?),
                deliverable("kw-78-1-m2", "完成分类整治", day(9, 30)?),
                deliverable("kw-78-1-m3", "建立长效监管机制", day(12, 31)?),
            ],
            withdrawn: None,
        }],
        withdrawn: None,
    };
    let item = PlanItem {
        id: "pi-kw-78".into(),
        title: "区教育局年度工作计划:民办培训机构整顿与监管".into(),
        submitted_by: "edu".into(),
    };
    Ok((task, item))
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let write_to = match (args.next().as_deref(), args.next()) {
        (Some("--write"), Some(path)) => Some(path),
        (None, _) => None,
        _ => return Err("usage: xuhui_ledger [--write FILE.jsonl]".to_owned()),
    };
    let text = std::fs::read_to_string(data_path(XUHUI_2017_FILE)).map_err(|e| e.to_string())?;
    let mut plan = PlanDocument::from_json_str(&text).map_err(|e| e.to_string())?;
    // The sewage project's reports are recorded through the ledger below.
    plan.progress_reports
        .retain(|r| !r.milestone.as_str().starts_with("kw-18-3"));
    // The plan as it stood on 6 January, when the district adopted it; what the units
    // reported after that goes through the ledger in time order, beside the stories.
    let (plan, mut backlog) = split_at(plan, day(1, 6)?).ok_or("the example plan is not valid")?;
    let mut ledger =
        Ledger::adopt(plan, "district-head", at(1, 6)?, None).map_err(|e| e.to_string())?;
    let mut record = |actor: &str, when, change, reason: Option<&str>| -> u64 {
        let before = ledger.entries().len();
        if let Err(refused) = catch_up(&mut ledger, &mut backlog, when) {
            println!("     refused: {refused}");
        }
        let reported = ledger.entries().len() - before;
        if reported > 0 {
            println!("     ({reported} of the units' reports and lag reasons recorded by {when})");
        }
        match ledger.record(actor, when, change, reason.map(str::to_owned)) {
            Ok(entry) => {
                println!(
                    "#{:<3} {} {:<22} by {actor}",
                    entry.sequence,
                    entry.recorded_at,
                    entry.change.kind()
                );
                entry.sequence
            }
            Err(refused) => {
                println!("     refused: {refused}");
                u64::MAX
            }
        }
    };
    let report = |id: &str, date, progress| Change::ReportProgress {
        milestone: id.into(),
        date,
        progress,
        note: None,
    };
    record(
        "water-head",
        at(3, 15)?,
        report("kw-18-3-m1", day(3, 15)?, Progress::Underway),
        None,
    );
    let (task, item) = tutoring()?;
    record(
        "edu-head",
        at(3, 20)?,
        Change::AddKeyTask {
            key_task: Box::new(task.clone()),
            plan_item: Some(item.clone()),
        },
        Some("社会关注"),
    );
    record(
        "deputy-social",
        at(3, 20)?,
        Change::AddKeyTask {
            key_task: Box::new(task),
            plan_item: Some(item),
        },
        Some("两会后民办培训机构乱象引起社会广泛关注"),
    );
    record(
        "water-s1-head",
        at(3, 31)?,
        report("kw-18-3-m1", day(3, 31)?, Progress::Done),
        None,
    );
    let road = "kw-23-1-m3";
    record(
        "jjw-head",
        at(4, 10)?,
        Change::MoveMilestoneEarlier {
            milestone: road.into(),
            due: day(10, 31)?,
        },
        None,
    );
    let later = |class, cause, text: &str| Change::RequestLaterDate {
        milestone: road.into(),
        due: day(10, 31).unwrap_or_default(),
        class,
        cause: Some(cause),
        text: text.into(),
    };
    let asked = record(
        "jjw-s1-head",
        at(4, 10)?,
        later(LagClass::Subjective, LagCause::Other, "施工力量不足"),
        None,
    );
    record(
        "deputy-urban",
        at(4, 11)?,
        Change::ApproveLaterDate { request: asked },
        None,
    );
    record(
        "deputy-urban",
        at(4, 11)?,
        Change::RefuseLaterDate { request: asked },
        Some("风貌道路须在三季度末前全部完工"),
    );
    // An approved exception: the sewage works wait for the city's new tendering rules.
    let exception = record(
        "water-head",
        at(5, 20)?,
        Change::RequestLaterDate {
            milestone: "kw-18-3-m3".into(),
            due: day(8, 31)?,
            class: LagClass::Objective,
            cause: Some(LagCause::PolicyChange),
            text: "市级招投标新规出台,须按新规重新招标".into(),
        },
        None,
    );
    record(
        "deputy-urban",
        at(5, 22)?,
        Change::ApproveLaterDate { request: exception },
        None,
    );
    // Only the supervising leader of the rivers task approves.
    record(
        "deputy-env",
        at(5, 22)?,
        Change::ApproveLaterDate { request: exception },
        Some("政策调整,客观原因"),
    );

    println!("\nhistory of {road}:");
    for entry in ledger.history(road) {
        println!(
            "  #{} {} {} by {}: {}",
            entry.sequence,
            entry.recorded_at,
            entry.change.kind(),
            entry.actor,
            entry.reason.as_deref().unwrap_or("-")
        );
    }
    ledger.verify().map_err(|e| e.to_string())?;
    println!(
        "\nhash chain verified: {} entries, last hash {}",
        ledger.entries().len(),
        ledger.entries().last().map_or("-", |e| e.hash.as_str())
    );
    // Publish a signed checkpoint; anyone who keeps it can later prove an entry is in the
    // record and that a later record extends it. (A real host keeps a random key secret;
    // this one is fixed so that the output is the same at every run.)
    let signer = mubiao::transparency::NoteSigner::from_seed("xuhui.gov.cn/mubiao/2017", [17; 32])
        .map_err(|e| e.to_string())?;
    let note = ledger
        .signed_checkpoint(&signer, None)
        .map_err(|e| e.to_string())?;
    println!(
        "\nsigned checkpoint (verifier key {}):\n{note}",
        signer.verifier().verifier_key()
    );
    let size = ledger.tree_size();
    let checkpoint = ledger
        .verify_checkpoint(&note, &signer.verifier())
        .map_err(|e| e.to_string())?;
    let proof = ledger.inclusion_proof(1, size).map_err(|e| e.to_string())?;
    println!(
        "checkpoint verified: {} entries; entry 1 is in it by a proof of {} hashes",
        checkpoint.size,
        proof.len()
    );
    let report = ledger
        .supervision_report(day(6, 30)?, &StatusOptions::default())
        .map_err(|e| e.to_string())?;
    let text = report.render(Language::English);
    if let Some(start) = text.find("\nAdjustments") {
        let section = text.get(start..).unwrap_or_default();
        let end = section
            .find("\nSupervising leader")
            .unwrap_or(section.len());
        print!("{}", section.get(..end).unwrap_or_default());
    }
    if let Some(path) = write_to {
        std::fs::write(&path, ledger.to_jsonl())
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        println!("\nwrote {path}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
