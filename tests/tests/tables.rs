//! Round trips through tables: a plan written in the long layout (as workbook sheets, as an
//! `.xlsx` file, as CSV files) and in the office layout reads back as the same plan —
//! the Xuhui example and generated plans.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mubiao::tables::{
    long_csv_files, long_tables, long_workbook, read_csv_files, read_long, read_long_document,
    read_workbook, OfficeOptions, Sheet, Workbook,
};
use mubiao::{
    Contract, ContractKind, Goal, Granularity, KeyTask, KeyTaskKind, LagCause, LagClass, LagReason,
    Level, Milestone, PartnerRating, Person, PlanDocument, PlanItem, Progress, ProgressReport,
    QuantityTarget, Responsibility, Role, SubProject, Target, Unit, UnitKind, Withdrawal,
    FORMAT_VERSION,
};
use mubiao_tests::workspace_dir;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn xuhui() -> PlanDocument {
    let text =
        std::fs::read_to_string(workspace_dir().join("examples/data/xuhui-2017.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn xuhui_year_end() -> PlanDocument {
    let text =
        std::fs::read_to_string(workspace_dir().join("examples/data/xuhui-2017-year-end.json"))
            .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn xuhui_survives_the_long_layout_as_sheets_xlsx_and_csv() {
    for original in [xuhui(), xuhui_year_end()] {
        let sheets = long_tables(&original);
        assert_eq!(
            sheets.iter().map(|s| s.rows.len() - 1).sum::<usize>(),
            1 + original.units.len()
                + original.people.len()
                + original.plan_items.len()
                + original.key_tasks.len()
                + original
                    .key_tasks
                    .iter()
                    .map(|k| k.sub_projects.len())
                    .sum::<usize>()
                + original
                    .key_tasks
                    .iter()
                    .flat_map(|k| &k.sub_projects)
                    .map(|s| s.milestones.len())
                    .sum::<usize>()
                + original.progress_reports.len()
                + original.lag_reasons.len()
                + original.contracts.len()
                + original.partner_ratings.len(),
            "one row per record"
        );
        let read = read_long(&sheets).unwrap();
        assert_eq!(read.plan.document(), &original, "sheets");

        let bytes = long_workbook(&original).to_xlsx().unwrap();
        let read = read_workbook(&bytes, &OfficeOptions::default()).unwrap();
        assert_eq!(read.plan.document(), &original, "xlsx");

        let files = long_csv_files(&original);
        let read = read_csv_files(&files).unwrap();
        assert_eq!(read.plan.document(), &original, "csv");
    }
}

#[test]
fn long_tables_in_any_column_order_with_chinese_names_and_an_extra_column() {
    let original = xuhui();
    let mut sheets = long_tables(&original);
    // Reverse the columns of the milestones table, add a column of notes, and name the
    // units table in Chinese.
    for sheet in &mut sheets {
        if sheet.name == "milestones" {
            for row in &mut sheet.rows {
                row.reverse();
                row.push(mubiao::tables::Cell::Text("x".into()));
            }
        }
        if sheet.name == "units" {
            sheet.name = "单位".into();
        }
    }
    let read = read_long(&sheets).unwrap();
    assert_eq!(read.plan.document(), &original);
    assert!(
        read.report
            .inferences
            .iter()
            .any(|i| i.cell.as_deref() == Some("milestones!R1") && i.message.contains("`x`")),
        "{:?}",
        read.report.inferences
    );
}

#[test]
fn long_layout_problems_are_placed_on_their_cells() {
    let mut original = xuhui();
    // A milestone without its due date, and a partner that is also the lead.
    original.key_tasks[0].sub_projects[0].milestones[1].due = None;
    let lead = original.key_tasks[0].sub_projects[0]
        .responsibility
        .lead_unit
        .clone()
        .unwrap();
    original.key_tasks[0].sub_projects[0]
        .responsibility
        .partner_units
        .push(lead);
    let mut sheets = long_tables(&original);
    // A date that is not one, in the progress reports (row 2 is the first report).
    let reports = sheets
        .iter_mut()
        .find(|s| s.name == "progress_reports")
        .unwrap();
    reports.rows[1][1] = mubiao::tables::Cell::Text("March 3".into());
    let error = read_long(&sheets).unwrap_err();
    let found = codes_and_cells(&error);
    assert_eq!(
        found,
        vec![("invalid-cell".to_owned(), "progress_reports!B2".to_owned())],
        "cells that do not read come first, alone"
    );
    reports_fixed(&mut sheets);
    let error = read_long(&sheets).unwrap_err();
    let found = codes_and_cells(&error);
    assert!(
        found.contains(&("milestone-without-due-date".into(), "milestones!D3".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("partner-is-lead".into(), "sub_projects!F2".into())),
        "{found:?}"
    );
}

fn codes_and_cells(error: &mubiao::ValidationError) -> Vec<(String, String)> {
    error
        .problems
        .iter()
        .map(|p| (p.code.as_str().to_owned(), p.path.clone()))
        .collect()
}

fn reports_fixed(sheets: &mut [Sheet]) {
    let reports = sheets
        .iter_mut()
        .find(|s| s.name == "progress_reports")
        .unwrap();
    reports.rows[1][1] = mubiao::tables::Cell::Text("2017-03-24".into());
}

#[test]
fn a_workbook_of_neither_layout_says_what_it_lacks() {
    let sheet = Sheet {
        name: "Sheet1".into(),
        hidden: false,
        rows: vec![vec![mubiao::tables::Cell::Text("hello".into())]],
    };
    let error = mubiao::tables::read_office(
        &Workbook {
            sheets: vec![sheet],
        },
        &OfficeOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.problems[0].code.as_str(), "no-target-sheet");
}

// Generated documents: any ids (unique where the layout links by them), any text a cell
// holds, every optional field both ways.

fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z]{1,3}", "[a-z0-9;, \\-\\[\\]\"]{1,6}", "[一-龥]{1,3}"]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,12}",
        "[一-龥,。;:\"\n ]{0,12}",
        Just(String::new())
    ]
}

fn some_text() -> impl Strategy<Value = String> {
    "[a-z一-龥][ -~一-龥]{0,8}"
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (657_072i32..=3_652_059).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (0u32..1000).prop_map(f64::from),
        (0u32..1000).prop_map(|n| f64::from(n) / 8.0),
    ]
}

fn responsibility() -> impl Strategy<Value = Responsibility> {
    (option::of(id()), vec(id(), 0..3), option::of(id())).prop_map(|(lead, partners, person)| {
        Responsibility {
            lead_unit: lead.map(Into::into),
            partner_units: partners.into_iter().map(Into::into).collect(),
            responsible_person: person.map(Into::into),
        }
    })
}

fn target() -> impl Strategy<Value = Target> {
    let goal = prop_oneof![
        number().prop_map(Goal::AtLeast),
        number().prop_map(Goal::AtMost),
        (number(), number()).prop_map(|(low, high)| Goal::Within { low, high }),
    ];
    prop_oneof![
        text().prop_map(|description| Target::Deliverable { description }),
        (text(), goal, option::of(number())).prop_map(|(unit, goal, baseline)| {
            Target::Quantity(QuantityTarget {
                unit,
                goal,
                baseline,
            })
        }),
    ]
}

fn withdrawal() -> impl Strategy<Value = Option<Withdrawal>> {
    option::of((date(), text()).prop_map(|(on, reason)| Withdrawal { on, reason }))
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (
        id(),
        text(),
        option::of(date()),
        prop_oneof![Just(Granularity::Month), Just(Granularity::Quarter)],
        option::of(target()),
        option::of(responsibility()).prop_map(|r| r.filter(|r| *r != Responsibility::default())),
        withdrawal(),
    )
        .prop_map(
            |(id, title, due, granularity, target, responsibility, withdrawn)| Milestone {
                id: id.into(),
                title,
                due,
                granularity,
                target,
                responsibility: responsibility.map(Box::new),
                withdrawn: withdrawn.map(Box::new),
            },
        )
}

fn sub_project() -> impl Strategy<Value = SubProject> {
    (
        text(),
        option::of(date()),
        responsibility(),
        vec(milestone(), 0..4),
        withdrawal(),
    )
        .prop_map(
            |(title, start, responsibility, milestones, withdrawn)| SubProject {
                id: "".into(),
                title,
                start,
                responsibility,
                milestones,
                withdrawn,
            },
        )
}

fn key_task() -> impl Strategy<Value = KeyTask> {
    (
        text(),
        proptest::sample::select(KeyTaskKind::ALL.to_vec()),
        prop_oneof![Just(Level::City), Just(Level::District)],
        id(),
        option::of(id()),
        any::<bool>(),
        vec(sub_project(), 0..3),
        withdrawal(),
    )
        .prop_map(
            |(title, kind, level, plan_item, leader, multi_year, sub_projects, withdrawn)| {
                KeyTask {
                    id: "".into(),
                    title,
                    kind,
                    level,
                    plan_item: plan_item.into(),
                    supervising_leader: leader.map(Into::into),
                    multi_year,
                    sub_projects,
                    withdrawn,
                }
            },
        )
}

fn document() -> impl Strategy<Value = PlanDocument> {
    let unit = (
        id(),
        text(),
        proptest::sample::select(vec![
            UnitKind::Government,
            UnitKind::Department,
            UnitKind::Street,
            UnitKind::Town,
            UnitKind::Section,
        ]),
        option::of(id()),
    )
        .prop_map(|(id, name, kind, parent)| Unit {
            id: id.into(),
            name,
            kind,
            parent: parent.map(Into::into),
        });
    let person = (
        id(),
        text(),
        proptest::sample::select(vec![
            Role::DistrictHead,
            Role::DeputyDistrictHead,
            Role::UnitHead,
            Role::SectionHead,
            Role::Staff,
        ]),
        id(),
    )
        .prop_map(|(id, name, role, unit)| Person {
            id: id.into(),
            name,
            role,
            unit: unit.into(),
        });
    let report = (
        id(),
        date(),
        prop_oneof![
            number().prop_map(Progress::Cumulative),
            Just(Progress::Done),
            Just(Progress::Underway)
        ],
        option::of(id()),
        option::of(some_text()),
    )
        .prop_map(|(milestone, date, progress, by, note)| ProgressReport {
            milestone: milestone.into(),
            date,
            progress,
            reported_by: by.map(Into::into),
            note,
        });
    let reason = (
        id(),
        prop_oneof![Just(LagClass::Objective), Just(LagClass::Subjective)],
        option::of(prop_oneof![
            Just(LagCause::PolicyChange),
            Just(LagCause::HigherLevelApproval),
            Just(LagCause::ForceMajeure),
            Just(LagCause::Other)
        ]),
        text(),
        date(),
        option::of(0u64..1_000_000),
    )
        .prop_map(
            |(milestone, class, cause, text, recorded_on, pending_request)| LagReason {
                milestone: milestone.into(),
                class,
                cause,
                text,
                recorded_on,
                pending_request,
            },
        );
    let contract = (
        id(),
        prop_oneof![
            Just(ContractKind::LeaderWithUnitHead),
            Just(ContractKind::UnitHeadWithSectionHead)
        ],
        id(),
        id(),
        date(),
        vec(id(), 0..3),
    )
        .prop_map(|(id, kind, upper, lower, signed_on, tasks)| Contract {
            id: id.into(),
            kind,
            upper_signer: upper.into(),
            lower_signer: lower.into(),
            signed_on,
            key_tasks: tasks.into_iter().map(Into::into).collect(),
        });
    let rating = (id(), id(), number(), id(), date(), option::of(some_text())).prop_map(
        |(sub_project, partner, score, rated_by, rated_on, comment)| PartnerRating {
            sub_project: sub_project.into(),
            partner: partner.into(),
            score,
            rated_by: rated_by.into(),
            rated_on,
            comment,
        },
    );
    (
        1i32..=9999,
        text(),
        vec(unit, 0..4),
        vec(person, 0..4),
        vec((id(), text(), id()), 0..3),
        vec(key_task(), 0..3),
        vec(contract, 0..3),
        vec(report, 0..4),
        vec(reason, 0..3),
        vec(rating, 0..3),
    )
        .prop_map(
            |(
                year,
                name,
                units,
                people,
                items,
                mut key_tasks,
                contracts,
                reports,
                reasons,
                ratings,
            )| {
                // Key tasks and sub-projects are linked by id in the long layout: give
                // each its own.
                let mut s = 0;
                for (k, task) in key_tasks.iter_mut().enumerate() {
                    task.id = format!("kt;{k}").into();
                    for sub in &mut task.sub_projects {
                        s += 1;
                        sub.id = format!("子项目 {s}").into();
                    }
                }
                PlanDocument {
                    format_version: FORMAT_VERSION,
                    year,
                    name,
                    units,
                    people,
                    plan_items: items
                        .into_iter()
                        .map(|(id, title, unit)| PlanItem {
                            id: id.into(),
                            title,
                            submitted_by: unit.into(),
                        })
                        .collect(),
                    key_tasks,
                    contracts,
                    progress_reports: reports,
                    lag_reasons: reasons,
                    partner_ratings: ratings,
                }
            },
        )
}

/// Ids are read trimmed: a generated id with spaces at its ends reads back without them.
fn trimmed(mut document: PlanDocument) -> PlanDocument {
    let text = serde_json::to_string(&document).unwrap();
    let _ = &mut document;
    serde_json::from_str(&text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_document_survives_the_long_layout(document in document()) {
        let document = trimmed(document);
        // Skip ids with spaces at their ends: ids are read trimmed.
        let json = serde_json::to_value(&document).unwrap();
        prop_assume!(!has_padded_id(&json));
        let sheets = long_tables(&document);
        let (back, _) = read_long_document(&sheets).unwrap();
        prop_assert_eq!(&back, &document);
        let files = long_csv_files(&document);
        let csv: Vec<Sheet> = files
            .iter()
            .map(|(name, text)| Sheet::from_csv(name, text.as_bytes()).unwrap())
            .collect();
        let (back, _) = read_long_document(&csv).unwrap();
        prop_assert_eq!(&back, &document);
        let bytes = long_workbook(&document).to_xlsx().unwrap();
        let workbook = Workbook::from_xlsx(&bytes).unwrap();
        let (back, _) = read_long_document(&workbook.sheets).unwrap();
        prop_assert_eq!(&back, &document);
    }
}

/// Whether any id-like field (a key named `id` or ending in a reference) holds white space
/// at its ends or is empty.
fn has_padded_id(value: &serde_json::Value) -> bool {
    const ID_FIELDS: [&str; 15] = [
        "id",
        "parent",
        "unit",
        "submitted_by",
        "plan_item",
        "supervising_leader",
        "lead_unit",
        "responsible_person",
        "milestone",
        "reported_by",
        "upper_signer",
        "lower_signer",
        "sub_project",
        "partner",
        "rated_by",
    ];
    let bad = |s: &str| s.trim() != s || s.is_empty();
    match value {
        serde_json::Value::Object(map) => map.iter().any(|(k, v)| {
            (ID_FIELDS.contains(&k.as_str()) && v.as_str().is_some_and(bad))
                || ((k == "partner_units" || k == "key_tasks")
                    && v.as_array()
                        .is_some_and(|a| a.iter().any(|x| x.as_str().is_some_and(bad))))
                || has_padded_id(v)
        }),
        serde_json::Value::Array(items) => items.iter().any(has_padded_id),
        _ => false,
    }
}

#[test]
fn xuhui_survives_the_office_layout() {
    for original in [xuhui(), xuhui_year_end()] {
        let written = mubiao::tables::office_workbook(&original);
        let read = mubiao::tables::read_office(&written.workbook(), &OfficeOptions::default())
            .unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(read.plan.document(), &original, "in memory");
        let bytes = written.to_xlsx().unwrap();
        let read = read_workbook(&bytes, &OfficeOptions::default()).unwrap();
        assert_eq!(read.plan.document(), &original, "xlsx");
        assert_eq!(
            read.report.targets.len(),
            original
                .key_tasks
                .iter()
                .flat_map(|k| &k.sub_projects)
                .flat_map(|s| &s.milestones)
                .filter(|m| m
                    .due
                    .is_some_and(|d| chrono::Datelike::year(&d) == original.year))
                .count(),
            "every milestone of the year is reported at its cell"
        );
    }
}

#[test]
fn an_edited_target_cell_wins_over_the_register_and_is_reported() {
    let original = xuhui();
    let mut workbook = mubiao::tables::office_workbook(&original).workbook();
    // The first sub-project's first quarter cell: find it by its text.
    let sheet = &mut workbook.sheets[0];
    assert_eq!(sheet.rows[2][0].text(), "重点工作编号");
    let q1 = sheet.rows[3]
        .iter()
        .position(|c| c.text() == "两个专项政策草案完成")
        .unwrap();
    assert_eq!(
        sheet.rows[2][q1].text(),
        "3月",
        "Xuhui's milestones go by month"
    );
    sheet.rows[3][q1] = mubiao::tables::Cell::Text("两个专项政策草案完成并征求意见".into());
    let read = mubiao::tables::read_office(&workbook, &OfficeOptions::default()).unwrap();
    let milestone = &read.plan.document().key_tasks[0].sub_projects[0].milestones[0];
    assert_eq!(
        milestone.id.as_str(),
        "kw-01-1-m1",
        "the register keeps its id"
    );
    assert_eq!(
        milestone.target,
        Some(Target::Deliverable {
            description: "两个专项政策草案完成并征求意见".into()
        })
    );
    let column = mubiao::tables::cell_name(3, q1);
    assert!(read
        .report
        .inferences
        .iter()
        .any(|i| i.cell.as_deref() == Some(&format!("目标表!{column}"))
            && i.message.contains("changed")));
    // Everything else is as it was.
    let mut expected = original.clone();
    expected.key_tasks[0].sub_projects[0].milestones[0].target = milestone.target.clone();
    assert_eq!(read.plan.document(), &expected);
}

#[test]
fn a_target_edited_into_a_quantity_that_contradicts_a_report_is_placed_on_the_report() {
    let mut workbook = mubiao::tables::office_workbook(&xuhui()).workbook();
    let sheet = &mut workbook.sheets[0];
    let column = sheet.rows[3]
        .iter()
        .position(|c| c.text() == "两个专项政策草案完成")
        .unwrap();
    sheet.rows[3][column] = mubiao::tables::Cell::Text("累计完成3项".into());
    let error = mubiao::tables::read_office(&workbook, &OfficeOptions::default()).unwrap_err();
    assert_eq!(error.problems.len(), 1, "{error:#?}");
    assert_eq!(error.problems[0].code.as_str(), "report-mismatch");
    assert_eq!(error.problems[0].path, "进展!C2");
}

/// A valid plan of any shape: a synthetic plan with some of its milestones withdrawn,
/// made upper limits or bands, or moved to other days of their period; some sub-projects
/// withdrawn or started late.
fn valid_plan() -> impl Strategy<Value = PlanDocument> {
    (
        any::<u64>(),
        1usize..150,
        1usize..5,
        2usize..12,
        vec((any::<u16>(), 0u8..5), 0..12),
    )
        .prop_map(|(seed, milestones, subs, units, edits)| {
            let mut document =
                mubiao::synthetic::synthetic_plan(mubiao::synthetic::SyntheticOptions {
                    milestones,
                    sub_projects_per_key_task: subs,
                    units,
                    seed,
                })
                .unwrap();
            let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2017, m, d).unwrap();
            for (at, edit) in edits {
                let all: Vec<(usize, usize)> = document
                    .key_tasks
                    .iter()
                    .enumerate()
                    .flat_map(|(k, t)| (0..t.sub_projects.len()).map(move |s| (k, s)))
                    .collect();
                let (k, s) = all[usize::from(at) % all.len()];
                let sub = &mut document.key_tasks[k].sub_projects[s];
                let m = usize::from(at) % sub.milestones.len();
                match edit {
                    0 => {
                        sub.milestones[m].withdrawn = Some(Box::new(Withdrawal {
                            on: day(6, 30),
                            reason: "任务调整".into(),
                        }))
                    }
                    1 => {
                        sub.withdrawn = Some(Withdrawal {
                            on: day(7, 1),
                            reason: "项目取消, 另行安排".into(),
                        })
                    }
                    2 => sub.start = Some(day(1, 15)),
                    3 => {
                        // The last milestone moved to an earlier day of its month.
                        let last = sub.milestones.len() - 1;
                        if let Some(due) = sub.milestones[last].due {
                            sub.milestones[last].due = due.with_day(20);
                        }
                    }
                    _ => {
                        document.key_tasks[k].withdrawn = Some(Withdrawal {
                            on: day(9, 30),
                            reason: "并入其他工作".into(),
                        })
                    }
                }
            }
            document
        })
}

use chrono::Datelike as _;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_plan_survives_the_office_layout(document in valid_plan()) {
        prop_assume!(document.clone().validate().is_ok());
        let written = mubiao::tables::office_workbook(&document);
        let read = mubiao::tables::read_office(&written.workbook(), &OfficeOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e:#?}")))?;
        prop_assert_eq!(read.plan.document(), &document);
        let bytes = written.to_xlsx().unwrap();
        let read = read_workbook(&bytes, &OfficeOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e:#?}")))?;
        prop_assert_eq!(read.plan.document(), &document);
    }
}

fn cell_text(sheet: &Sheet, row: usize, column: usize) -> String {
    sheet.cell(row, column).text()
}

#[test]
fn the_supervision_report_as_a_workbook() {
    use mubiao::tables::{supervision_workbook, Look};
    use mubiao::{Language, Plan, StatusOptions};
    let plan = Plan::from_json_str(&serde_json::to_string(&xuhui()).unwrap()).unwrap();
    let day = NaiveDate::from_ymd_opt(2017, 3, 31).unwrap();
    let evaluation = plan.status(day, &StatusOptions::default()).unwrap();
    let report = evaluation.report();
    let written = supervision_workbook(&evaluation, &report, Language::Chinese);
    let names: Vec<&str> = written
        .sheets
        .iter()
        .map(|s| s.sheet.name.as_str())
        .collect();
    assert_eq!(names[0], "概况");
    assert_eq!(names.len(), 1 + report.leaders.len() + 3, "{names:?}");
    assert!(
        names.contains(&"滞后清单") && names.contains(&"提前完成") && names.contains(&"报送滞后")
    );
    // The headline: key work is 77 tasks, 221 sub-projects, 210 on schedule: 95.0%.
    let headline = &written.sheets[0];
    assert_eq!(cell_text(&headline.sheet, 2, 0), "重点工作");
    assert_eq!(
        (1..5)
            .map(|c| cell_text(&headline.sheet, 2, c))
            .collect::<Vec<_>>(),
        ["77", "221", "221", "210"]
    );
    match headline.sheet.cell(2, 7) {
        mubiao::tables::Cell::Number(rate) => assert!((rate - 210.0 / 221.0).abs() < 1e-12),
        other => panic!("{other:?}"),
    }
    assert_eq!(headline.looks.get(&(2, 7)), Some(&Look::Percent));
    // The lagging list: 11 items, each with its reason or "no reason recorded".
    let lagging = written
        .sheets
        .iter()
        .find(|s| s.sheet.name == "滞后清单")
        .unwrap();
    assert_eq!(lagging.sheet.rows.len(), 2 + report.lagging.len());
    assert_eq!(report.lagging.len(), 11);
    assert_eq!(cell_text(&lagging.sheet, 2, 1), "kw-05-1-m1");
    assert_eq!(cell_text(&lagging.sheet, 2, 9), "客观");
    // Each leader's sheet: key tasks with their lights as fills; a red key task has a red
    // sub-project beneath it.
    let mut reds = 0;
    for sheet in &written.sheets[1..=report.leaders.len()] {
        for (r, row) in sheet.sheet.rows.iter().enumerate().skip(2) {
            let light = row
                .get(10)
                .map(mubiao::tables::Cell::text)
                .unwrap_or_default();
            let look = sheet.looks.get(&(r, 10)).copied();
            let expected = match light.as_str() {
                "红灯" => Some(Look::Red),
                "黄灯" => Some(Look::Yellow),
                "绿灯" => Some(Look::Green),
                other => panic!("row {r} of {} has light {other:?}", sheet.sheet.name),
            };
            assert_eq!(look, expected);
            reds += usize::from(light == "红灯" && cell_text(&sheet.sheet, r, 2).is_empty());
        }
    }
    assert_eq!(
        reds, 11,
        "the 11 lagging milestones are in 11 red sub-projects"
    );
    // It writes and reads back.
    let bytes = written.to_xlsx().unwrap();
    let read = Workbook::from_xlsx(&bytes).unwrap();
    assert_eq!(read.sheets[0].rows, headline.sheet.rows);
    // In English too.
    let english = supervision_workbook(&evaluation, &report, Language::English);
    assert_eq!(english.sheets[0].sheet.name, "Headline");
}

#[test]
fn the_assessment_as_a_workbook() {
    use mubiao::tables::assessment_workbook;
    use mubiao::{ComponentScores, Language, Plan, Scheme, StatusOptions};
    let plan = Plan::from_json_str(&serde_json::to_string(&xuhui_year_end()).unwrap()).unwrap();
    let components: ComponentScores = serde_json::from_str(
        &std::fs::read_to_string(workspace_dir().join("examples/data/xuhui-2017-components.json"))
            .unwrap(),
    )
    .unwrap();
    let day = NaiveDate::from_ymd_opt(2017, 12, 31).unwrap();
    let assessment = plan
        .assess(
            day,
            &Scheme::default(),
            &components,
            &StatusOptions::default(),
        )
        .unwrap();
    let written = assessment_workbook(Some(&plan), &assessment, Language::Chinese);
    let ranking = &written.sheets[0].sheet;
    assert_eq!(ranking.name, "排名");
    assert_eq!(ranking.rows.len(), 2 + assessment.units.len());
    let first = &assessment.units[0];
    assert_eq!(cell_text(ranking, 2, 0), first.rank.to_string());
    assert_eq!(cell_text(ranking, 2, 2), first.name);
    assert_eq!(cell_text(ranking, 2, 4), first.grade.chinese());
    assert_eq!(
        ranking.cell(2, 5),
        &mubiao::tables::Cell::Number(first.performance)
    );
    // The explanations: every node of every unit's tree, the points of a node's children
    // adding up to its own.
    let explanations = &written.sheets[1].sheet;
    fn nodes(e: &mubiao::Explanation) -> usize {
        1 + e.children.iter().map(nodes).sum::<usize>()
    }
    assert_eq!(
        explanations.rows.len() - 2,
        assessment
            .units
            .iter()
            .map(|u| nodes(&u.explanation))
            .sum::<usize>()
    );
    assert!(explanations
        .rows
        .iter()
        .any(|r| r.get(2).is_some_and(|c| c.text().contains("按期完成"))));
    let accountability = &written.sheets[2].sheet;
    assert_eq!(
        accountability.rows.len(),
        2 + assessment.accountability.len()
    );
    assert!(!assessment.accountability.is_empty());
    written.to_xlsx().unwrap();
}

#[test]
fn a_ledgers_adjustments_as_a_workbook() {
    use mubiao::{Change, LagCause, LagClass, Language, Ledger};
    let at = |m: u32, d: u32| {
        NaiveDate::from_ymd_opt(2017, m, d)
            .unwrap()
            .and_hms_opt(17, 30, 0)
            .unwrap()
    };
    let mut ledger = Ledger::adopt(
        mubiao_tests::example_to_adopt().unwrap(),
        "district-head",
        at(1, 5),
        None,
    )
    .unwrap();
    let request = ledger
        .record(
            "water-head",
            at(6, 5),
            Change::RequestLaterDate {
                milestone: "sewage-works".into(),
                due: NaiveDate::from_ymd_opt(2017, 8, 31).unwrap(),
                class: LagClass::Objective,
                cause: Some(LagCause::PolicyChange),
                text: "the city changed the tendering rules".into(),
            },
            None,
        )
        .unwrap()
        .sequence;
    ledger
        .record(
            "deputy-urban",
            at(6, 6),
            Change::ApproveLaterDate { request },
            None,
        )
        .unwrap();
    let adjustments = ledger.adjustments();
    let written =
        mubiao::tables::adjustments_workbook(ledger.plan(), &adjustments, Language::Chinese);
    let sheet = &written.sheets[0].sheet;
    assert_eq!(sheet.rows.len(), 2 + adjustments.len());
    let row = sheet
        .rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c.text() == "sewage-works"))
        .unwrap();
    assert_eq!(cell_text(sheet, row, 2), "2017-06-30");
    assert_eq!(cell_text(sheet, row, 3), "2017-08-31");
    let moves = cell_text(sheet, row, 8);
    assert!(
        moves.contains("2017-06-30") && moves.contains("2017-08-31") && moves.contains("批准"),
        "{moves}"
    );
    assert!(moves.contains("tendering rules"), "{moves}");
    written.to_xlsx().unwrap();
}

#[test]
fn a_blank_template_filled_in_reads_as_a_plan() {
    use mubiao::tables::{template_workbook, Cell};
    let written = template_workbook(&xuhui(), true);
    let names: Vec<&str> = written
        .sheets
        .iter()
        .map(|s| s.sheet.name.as_str())
        .collect();
    assert_eq!(names, ["目标表", "单位", "人员"]);
    let target = &written.sheets[0];
    assert_eq!(target.header_row, Some(2));
    assert_eq!(target.sheet.rows.len(), 3, "title, year and header only");
    let header: Vec<String> = target.sheet.rows[2].iter().map(Cell::text).collect();
    assert!(header.ends_with(&[
        "一季度".into(),
        "二季度".into(),
        "三季度".into(),
        "四季度".into()
    ]));
    let dropdown = |name: &str| {
        let column = header.iter().position(|h| h == name).unwrap();
        target
            .dropdowns
            .iter()
            .find(|d| d.column == column)
            .unwrap()
    };
    assert_eq!(dropdown("类别").choices.len(), 5);
    assert_eq!(dropdown("牵头单位").choices.len(), xuhui().units.len());
    assert!(dropdown("分管区领导")
        .choices
        .contains(&"王建国(区长)".to_owned()));
    // An office fills in a row, with a unit's shortened name, and reads it back.
    let bytes = written.to_xlsx().unwrap();
    let mut workbook = Workbook::from_xlsx(&bytes).unwrap();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut row = vec![Cell::Empty; header.len()];
    row[at("重点工作")] = Cell::Text("河道综合整治".into());
    row[at("子项目")] = Cell::Text("沿河违建拆除".into());
    row[at("牵头单位")] = Cell::Text("区市政水务管理署".into());
    row[at("分管区领导")] = Cell::Text("王建国(区长)".into());
    row[at("一季度")] = Cell::Text("累计拆除5处".into());
    row[at("二季度")] = Cell::Text("累计拆除10处".into());
    workbook.sheets[0].rows.push(row);
    let read = mubiao::tables::read_office(&workbook, &OfficeOptions::default())
        .unwrap_or_else(|e| panic!("{e:#?}"));
    let document = read.plan.document();
    assert_eq!(document.year, 2017);
    assert_eq!(
        document.units.len(),
        xuhui().units.len(),
        "the organisation sheet's units"
    );
    let sub = &document.key_tasks[0].sub_projects[0];
    assert_eq!(
        sub.responsibility.lead_unit.as_ref().map(|u| u.as_str()),
        xuhui()
            .units
            .iter()
            .find(|u| u.name == "区市政和水务管理署")
            .map(|u| u.id.as_str())
    );
    assert!(read
        .report
        .inferences
        .iter()
        .any(|i| i.message.contains("区市政和水务管理署")));
    assert_eq!(sub.milestones.len(), 2);
    assert_eq!(sub.milestones[1].due, NaiveDate::from_ymd_opt(2017, 6, 30));
}

/// A corpus of hostile inputs for every reader and writer of tables: each gives a typed
/// error or a plan, never a panic.
#[test]
fn hostile_tables_give_errors_not_panics() {
    let xlsx = std::fs::read(workspace_dir().join("examples/data/xuhui-2017.xlsx")).unwrap();
    let options = OfficeOptions::default();
    // Cut short anywhere, a workbook is refused.
    for cut in [4, 30, 100, 1000, xlsx.len() / 2, xlsx.len() - 1] {
        let error = read_workbook(&xlsx[..cut], &options).unwrap_err();
        assert_eq!(error.code(), "not-a-workbook", "cut at {cut}");
    }
    // Damaged in the middle: refused or read, never a panic.
    for at in (100..xlsx.len()).step_by(xlsx.len() / 40) {
        let mut damaged = xlsx.clone();
        damaged[at] ^= 0xFF;
        let _ = read_workbook(&damaged, &options);
    }
    // A zip that holds no workbook; random bytes after a zip signature.
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    assert_eq!(
        read_workbook(&zip, &options).unwrap_err().code(),
        "not-a-workbook"
    );
    // CSV: not UTF-8, a quote left open, more cells than the reader takes.
    assert!(read_csv_files(&[("units.csv", &b"id,name\n\xff\xfe,x\n"[..])]).is_err());
    let open_quote = read_csv_files(&[(
        "plan.csv",
        &b"format_version,year,name\n1,2017,\"open\n"[..],
    )]);
    assert!(open_quote.is_err() || open_quote.is_ok());
    let wide = ",".repeat(mubiao::tables::MAX_CELLS + 10);
    let error = read_csv_files(&[("units.csv", wide.as_bytes())]).unwrap_err();
    assert_eq!(error.code(), "not-a-workbook");
    // Long tables that point nowhere, hold nonsense, or are missing.
    let mut sheets = long_tables(&xuhui());
    for sheet in &mut sheets {
        for row in sheet.rows.iter_mut().skip(1).take(3) {
            for cell in row.iter_mut() {
                *cell = mubiao::tables::Cell::Text("\u{0}[\"".into());
            }
        }
    }
    let error = read_long(&sheets).unwrap_err();
    assert!(!error.problems.is_empty());
    assert!(read_long(&[]).is_err());
    // A title too long for a cell is an error when written, not a panic.
    let mut long_title = xuhui();
    long_title.key_tasks[0].title = "长".repeat(40_000);
    let error = mubiao::tables::office_workbook(&long_title)
        .to_xlsx()
        .unwrap_err();
    assert_eq!(mubiao::Error::from(error).code(), "not-a-workbook");
}

#[test]
fn units_that_share_a_name_are_written_by_id_and_read_back() {
    let mut document = xuhui();
    let first = document.units[1].name.clone();
    document.units[2].name = first.clone();
    // Both units named alike: the table names them by id.
    if document.clone().validate().is_err() {
        return;
    }
    let written = mubiao::tables::office_workbook(&document);
    let read = mubiao::tables::read_office(&written.workbook(), &OfficeOptions::default()).unwrap();
    assert_eq!(read.plan.document(), &document);
}

#[test]
fn hosts_choose_layouts_periods_and_ledger_workbooks_by_name() {
    use mubiao::tables::{ledger_workbook, plan_table, plan_workbook, template_for};
    let document = xuhui();
    assert_eq!(
        plan_workbook(&document, "office").unwrap().sheets[0]
            .sheet
            .name,
        "目标表"
    );
    assert_eq!(
        plan_workbook(&document, "long").unwrap().sheets[0]
            .sheet
            .name,
        "plan"
    );
    let error = plan_workbook(&document, "wide").unwrap_err();
    assert_eq!(error.argument, "layout");
    assert!(error.message_zh.contains("office"));
    let blank = template_for(None, Some(2018), None, None).unwrap();
    assert_eq!(
        blank.sheets[0].sheet.rows[0][0].text(),
        "2018年重点工作目标"
    );
    assert!(template_for(Some(&document), None, None, Some("week")).is_err());
    let monthly = template_for(Some(&document), None, Some("x".into()), Some("month")).unwrap();
    assert_eq!(
        monthly.sheets[0].sheet.rows[2].last().unwrap().text(),
        "12月"
    );
    let plan = plan_table(2017, "名称");
    assert_eq!(plan.rows[1][1], mubiao::tables::Cell::Number(2017.0));
    let mut fresh = document.clone();
    fresh.progress_reports.clear();
    fresh.lag_reasons.clear();
    let at = NaiveDate::from_ymd_opt(2017, 1, 5)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let ledger = mubiao::Ledger::adopt(fresh, "district-head", at, None).unwrap();
    let options = mubiao::StatusOptions::default();
    let language = mubiao::Language::Chinese;
    let adjustments = ledger_workbook(&ledger, None, &options, language).unwrap();
    assert_eq!(adjustments.sheets[0].sheet.name, "调整记录");
    let day = NaiveDate::from_ymd_opt(2017, 3, 31);
    let report = ledger_workbook(&ledger, day, &options, language).unwrap();
    assert_eq!(report.sheets[0].sheet.name, "概况");
    let too_early = NaiveDate::from_ymd_opt(2016, 1, 1);
    assert!(ledger_workbook(&ledger, too_early, &options, language).is_err());
}

#[test]
fn a_rollup_grouping_as_named_records() {
    use mubiao::{Grouping, Plan, StatusOptions};
    let plan = Plan::from_json_str(&serde_json::to_string(&xuhui()).unwrap()).unwrap();
    let day = NaiveDate::from_ymd_opt(2017, 3, 31).unwrap();
    let rollup = plan
        .status(day, &StatusOptions::default())
        .unwrap()
        .rollup();
    let kinds = rollup.records(Grouping::Kind, &plan);
    let key_work = kinds.iter().find(|r| r.group == "key_work").unwrap();
    assert_eq!(key_work.record.counts.sub_projects_on_schedule, 210);
    assert!((key_work.record.completion_rate.unwrap() - 210.0 / 221.0).abs() < 1e-12);
    let leaders = rollup.records(Grouping::SupervisingLeader, &plan);
    assert!(leaders.iter().any(|r| r.name == "王建国(区长)"));
    let tasks = rollup.records(Grouping::KeyTask, &plan);
    assert_eq!(tasks.len(), 111);
    assert_eq!(
        tasks
            .iter()
            .map(|r| r.record.counts.milestones)
            .sum::<u64>(),
        1168
    );
}

#[test]
fn a_cell_problem_names_the_column_as_the_sheet_heads_it() {
    let mut workbook = mubiao::tables::office_workbook(&xuhui()).workbook();
    let register = workbook
        .sheets
        .iter_mut()
        .find(|s| s.name == "节点")
        .unwrap();
    let due = register.rows[0]
        .iter()
        .position(|c| c.text() == "完成时限")
        .unwrap();
    register.rows[1][due] = mubiao::tables::Cell::Text("三月底".into());
    let error = mubiao::tables::read_office(&workbook, &OfficeOptions::default()).unwrap_err();
    let problem = &error.problems[0];
    assert_eq!(
        problem.path,
        format!("节点!{}", mubiao::tables::cell_name(1, due))
    );
    assert!(
        problem.message_zh.contains("“完成时限”列"),
        "{}",
        problem.message_zh
    );
}
