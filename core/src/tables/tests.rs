//! The office layout read from cells: what it makes, and every problem at its cell.

use super::*;
use crate::milestone::{Goal, Target};
use crate::validation::ProblemCode;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|c| text(c)).collect()
}

fn table(rows: Vec<Vec<Cell>>) -> Workbook {
    Workbook {
        sheets: vec![Sheet {
            name: "目标表".into(),
            hidden: false,
            rows,
        }],
    }
}

fn header() -> Vec<Cell> {
    row(&[
        "重点工作",
        "子项目",
        "牵头单位",
        "配合单位",
        "分管区领导",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
    ])
}

#[test]
fn groups_units_leaders_and_targets() {
    let workbook = table(vec![
        row(&["徐汇区2017年重点工作目标"]),
        header(),
        row(&[
            "河道整治",
            "虹梅路街道沿河违建拆除",
            "虹梅路街道",
            "区城管执法局、区水务局",
            "王副区长",
            "累计拆除5处",
            "10处",
            "15处",
            "",
        ]),
        row(&[
            "",
            "长桥街道沿河违建拆除",
            "长桥街道",
            "",
            "",
            "12处",
            "",
            "",
            "",
        ]),
        vec![],
        row(&[
            "污水处理厂",
            "可研与开工",
            "区水务局",
            "",
            "王副区长",
            "完成可研报告批复",
            "开工建设",
            "",
            "",
        ]),
    ]);
    let reading = read_office(&workbook, &OfficeOptions::default()).unwrap();
    let document = reading.plan.document();
    assert_eq!(document.year, 2017);
    assert_eq!(document.key_tasks.len(), 2);
    assert_eq!(document.key_tasks[0].sub_projects.len(), 2);
    let sub = &document.key_tasks[0].sub_projects[0];
    assert_eq!(sub.responsibility.partner_units.len(), 2);
    assert_eq!(sub.milestones.len(), 3);
    assert_eq!(
        sub.milestones[2].due,
        chrono::NaiveDate::from_ymd_opt(2017, 9, 30)
    );
    let Some(Target::Quantity(q)) = &sub.milestones[0].target else {
        panic!("a quantity")
    };
    assert_eq!((q.goal, q.unit.as_str()), (Goal::AtLeast(5.0), "处"));
    assert!(matches!(
        document.key_tasks[1].sub_projects[0].milestones[0].target,
        Some(Target::Deliverable { .. })
    ));
    assert_eq!(reading.report.targets.len(), 6);
    assert_eq!(reading.report.targets[0].cell, "目标表!F3");
    // Units and the leader were created from their names, and said so.
    assert!(reading
        .report
        .inferences
        .iter()
        .any(|i| i.message.contains("虹梅路街道")));
    assert!(reading
        .report
        .inferences
        .iter()
        .any(|i| i.message.contains("deputy district head")));
    document.clone().validate().unwrap();
}

#[test]
fn problems_name_their_cells() {
    let workbook = table(vec![
        row(&["2017年目标"]),
        header(),
        row(&[
            "河道整治",
            "虹梅路街道沿河违建拆除",
            "",
            "",
            "王副区长",
            "15处",
            "10处",
            "",
            "",
        ]),
        row(&["", "", "长桥街道", "", "", "12处", "", "", ""]),
    ]);
    let error = read_office(&workbook, &OfficeOptions::default()).unwrap_err();
    let at = |code: ProblemCode| {
        error
            .problems
            .iter()
            .filter(|p| p.code == code)
            .map(|p| p.path.clone())
            .collect::<Vec<_>>()
    };
    // The row without a sub-project, at its sub-project cell.
    assert_eq!(at(ProblemCode::InvalidCell), vec!["目标表!B4".to_owned()]);
    // No lead unit: at the empty lead unit cell of the row.
    assert_eq!(
        at(ProblemCode::MissingLeadUnit),
        vec!["目标表!C3".to_owned()]
    );
    // The Q2 target goes down from Q1's: at the Q2 cell.
    assert_eq!(
        at(ProblemCode::DecreasingCumulativeTarget),
        vec!["目标表!G3".to_owned()]
    );
}

#[test]
fn no_table_and_no_year() {
    let error = read_office(&table(vec![row(&["a", "b"])]), &OfficeOptions::default()).unwrap_err();
    assert_eq!(error.problems[0].code, ProblemCode::NoTargetSheet);
    let error = read_office(&table(vec![header()]), &OfficeOptions::default()).unwrap_err();
    assert_eq!(error.problems[0].code, ProblemCode::UnknownPlanYear);
    assert_eq!(error.problems[0].path, "目标表!A1");
    let options = OfficeOptions {
        year: Some(2017),
        name: None,
    };
    let reading = read_office(
        &table(vec![header(), row(&["t", "s", "u", "", "l", "1处"])]),
        &options,
    );
    assert!(reading.is_ok());
}

#[test]
fn files_that_are_not_workbooks() {
    for bytes in [
        &b""[..],
        b"{\"year\": 2017}",
        &[0xD0, 0xCF, 0x11, 0xE0, 0, 0],
        b"PK\x03\x04garbage",
    ] {
        let error = Workbook::from_xlsx(bytes).unwrap_err();
        assert_eq!(error.code(), "not-a-workbook", "{bytes:?}");
    }
    let old = Workbook::from_xlsx(&[0xD0, 0xCF, 0x11, 0xE0]).unwrap_err();
    assert!(old.to_string().contains(".xls"));
}

fn sheet(name: &str, rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet {
        name: name.into(),
        hidden: false,
        rows,
    }
}

#[test]
fn names_are_matched_to_the_organisation_and_people_sheets() {
    let mut workbook = table(vec![
        row(&["2017年目标"]),
        header(),
        // 虹梅街道 shortens 虹梅路街道; 华街道 could be either 华泾街道 or 华阳路街道;
        // 不存在局 is no unit at all.
        row(&[
            "河道整治",
            "沿河违建拆除",
            "虹梅街道",
            "华街道、不存在局",
            "王某",
            "5处",
            "10处",
            "",
            "",
        ]),
    ]);
    workbook.sheets.push(sheet(
        "单位",
        vec![
            row(&["名称", "类型", "上级单位"]),
            row(&["区政府", "政府", ""]),
            row(&["虹梅路街道", "街道", "区政府"]),
            row(&["华泾街道", "街道", "区政府"]),
            row(&["华阳路街道", "街道", "区政府"]),
        ],
    ));
    workbook.sheets.push(sheet(
        "人员",
        vec![
            row(&["姓名", "职务", "单位"]),
            row(&["王某", "副区长", "区政府"]),
        ],
    ));
    let error = read_office(&workbook, &OfficeOptions::default()).unwrap_err();
    let codes: Vec<_> = error
        .problems
        .iter()
        .map(|p| (p.code, p.path.as_str()))
        .collect();
    assert!(
        codes.contains(&(ProblemCode::AmbiguousUnit, "目标表!D3")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(ProblemCode::DanglingUnit, "目标表!D3")),
        "{codes:?}"
    );
    // With the partners corrected, the plan reads: the shortened lead unit matched (and
    // said so), the leader and the government unit came from their sheets.
    workbook.sheets[0].rows[2][3] = text("华泾街道");
    let reading = read_office(&workbook, &OfficeOptions::default()).unwrap();
    let document = reading.plan.document();
    let sub = &document.key_tasks[0].sub_projects[0];
    assert_eq!(
        sub.responsibility.lead_unit.as_ref().unwrap().as_str(),
        "虹梅路街道"
    );
    assert!(reading
        .report
        .inferences
        .iter()
        .any(|i| i.cell.as_deref() == Some("目标表!C3")));
    let leader = &document.people[0];
    assert_eq!(
        (leader.name.as_str(), leader.role),
        ("王某", crate::Role::DeputyDistrictHead)
    );
    assert_eq!(leader.unit.as_str(), "区政府");
    // Parents come before the units under them, each once.
    let names: Vec<_> = document.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names.iter().filter(|n| **n == "区政府").count(), 1);
    assert!(
        names.iter().position(|n| *n == "区政府") < names.iter().position(|n| *n == "虹梅路街道")
    );
    document.clone().validate().unwrap();
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_workbook_written_by_another_tool_reads() {
    // Written with openpyxl: a merged title, the key task merged over its two rows, a
    // real date cell and a written date, and a hidden sheet.
    let workbook = Workbook::from_xlsx(&fixture("office-targets.xlsx")).unwrap();
    let names: Vec<_> = workbook
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.hidden))
        .collect();
    assert_eq!(names, vec![("目标表", false), ("备注", true)]);
    let sheet = &workbook.sheets[0];
    // The merged key task cell reads on both rows.
    assert_eq!(sheet.cell(3, 0).text(), "河道整治");
    assert_eq!(
        cell_date(sheet.cell(2, 8)),
        chrono::NaiveDate::from_ymd_opt(2017, 1, 3)
    );
    let reading = read_office(&workbook, &OfficeOptions::default()).unwrap();
    let document = reading.plan.document();
    assert_eq!(document.year, 2017);
    assert_eq!(document.key_tasks.len(), 1);
    let subs = &document.key_tasks[0].sub_projects;
    assert_eq!(subs.len(), 2);
    assert_eq!(subs[0].milestones.len(), 3);
    assert_eq!(subs[1].start, chrono::NaiveDate::from_ymd_opt(2017, 1, 4));
    assert_eq!(reading.report.targets[2].cell, "目标表!H3");
}

#[test]
fn workbooks_too_large_to_read_are_refused_before_they_are_unpacked() {
    // 300 MiB of padding behind 300 kB.
    let error = Workbook::from_xlsx(&fixture("bomb.xlsx")).unwrap_err();
    assert_eq!(error.code(), "not-a-workbook");
    assert!(error.to_string().contains("256 MiB"), "{error}");
    // 400 cells in column XFD, 2,000 rows apart: the rectangle they span is never made.
    let error = Workbook::from_xlsx(&fixture("spread-out.xlsx")).unwrap_err();
    assert!(error.to_string().contains("XFD"), "{error}");
}

#[test]
fn bare_numbers_take_the_unit_of_their_row_or_their_header() {
    let workbook = table(vec![
        row(&["2017年目标"]),
        row(&[
            "重点工作",
            "子项目",
            "牵头单位",
            "分管区领导",
            "计量单位",
            "一季度(处)",
            "二季度(处)",
        ]),
        vec![
            text("拆违"),
            text("虹梅路街道拆违"),
            text("虹梅路街道"),
            text("王副区长"),
            Cell::Empty,
            Cell::Number(5.0),
            text("10"),
        ],
        vec![
            Cell::Empty,
            text("长桥街道绿化"),
            text("长桥街道"),
            Cell::Empty,
            text("平方米"),
            text("1,200"),
            text("累计2000平方米"),
        ],
    ]);
    let reading = read_office(&workbook, &OfficeOptions::default()).unwrap();
    let quantity = |i: usize| match &reading.report.targets[i].reading {
        CellReading::Quantity { target, .. } => (target.unit.clone(), target.goal),
        other => panic!("{other:?}"),
    };
    assert_eq!(quantity(0), ("处".into(), Goal::AtLeast(5.0)));
    assert_eq!(quantity(1), ("处".into(), Goal::AtLeast(10.0)));
    // The row's unit of measure comes before the header's.
    assert_eq!(quantity(2), ("平方米".into(), Goal::AtLeast(1200.0)));
    assert_eq!(quantity(3), ("平方米".into(), Goal::AtLeast(2000.0)));
    // Without any unit, a bare number stays a deliverable, marked for the office.
    let workbook = table(vec![
        row(&["2017年目标"]),
        row(&["重点工作", "子项目", "牵头单位", "分管区领导", "一季度"]),
        row(&["拆违", "虹梅路街道拆违", "虹梅路街道", "王副区长", "5"]),
    ]);
    let reading = read_office(&workbook, &OfficeOptions::default()).unwrap();
    assert!(matches!(
        reading.report.targets[0].reading,
        CellReading::Deliverable {
            number_without_unit: true,
            ..
        }
    ));
}
