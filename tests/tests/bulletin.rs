//! The printed bulletins read back as XML (they are written as well-formed XHTML-style
//! HTML): the headline figures re-derived from the roll-up, a section per supervising
//! leader that starts a printed page, a row per lagging item, every table with a heading
//! that repeats on each page, charts inline, hostile text kept as text; and the year-end
//! bulletin with a row per unit and per accountable milestone.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use mubiao::{
    BulletinOptions, ComponentScores, Language, Plan, Scheme, StatusOptions, WorkingCalendar,
};
use mubiao_examples::{
    data_path, XUHUI_2017_COMPONENTS_FILE, XUHUI_2017_FILE, XUHUI_2017_YEAR_END_FILE,
};
use quick_xml::events::Event;
use quick_xml::Reader;

/// An element of the bulletin: its name, class, and the text inside it (children's too).
#[derive(Debug, Clone)]
struct Element {
    name: String,
    class: String,
    text: String,
    /// The classes of the elements it is inside, innermost last.
    inside: Vec<String>,
}

/// Every element of `html`, in document order; fails on anything not well formed.
fn elements(html: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(html);
    let mut open: Vec<Element> = Vec::new();
    let mut done: Vec<(usize, Element)> = Vec::new();
    let mut order = 0usize;
    let mut orders: Vec<usize> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let class = e
                    .attributes()
                    .map(|a| a.unwrap())
                    .find(|a| a.key.into_inner() == "class")
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                let inside = open
                    .iter()
                    .map(|e| format!("{}.{}", e.name, e.class))
                    .collect();
                open.push(Element {
                    name: e.name().into_inner().to_string(),
                    class,
                    text: String::new(),
                    inside,
                });
                orders.push(order);
                order += 1;
            }
            Event::End(_) => {
                let element = open.pop().unwrap();
                if let Some(parent) = open.last_mut() {
                    parent.text.push_str(&element.text);
                }
                done.push((orders.pop().unwrap(), element));
            }
            Event::Text(t) => {
                let text = t.to_string();
                if let Some(element) = open.last_mut() {
                    element.text.push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                let text = match &*r.to_string() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "#39" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                if let Some(element) = open.last_mut() {
                    element.text.push_str(text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    done.sort_by_key(|(order, _)| *order);
    done.into_iter().map(|(_, e)| e).collect()
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, month, day).unwrap()
}

fn read_plan(file: &str) -> Plan {
    Plan::from_json_str(&std::fs::read_to_string(data_path(file)).unwrap()).unwrap()
}

fn options() -> StatusOptions {
    StatusOptions::with_calendar(
        WorkingCalendar::from_json_str(
            &std::fs::read_to_string(data_path("calendar-2017.json")).unwrap(),
        )
        .unwrap(),
    )
}

/// The rows (lists of cell texts) of every table after the heading whose text contains
/// `heading`, up to the next heading of the same level.
fn rows_after(elements: &[Element], heading: &str) -> Vec<Vec<String>> {
    let start = elements
        .iter()
        .position(|e| e.name == "h2" && e.text.contains(heading))
        .unwrap_or_else(|| panic!("no heading {heading}"));
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    for element in elements.iter().skip(start + 1) {
        if element.name == "h2" {
            break;
        }
        // Elements come in start order: a row's cells follow it.
        match element.name.as_str() {
            "tr" if !row.is_empty() => rows.push(std::mem::take(&mut row)),
            "td" => row.push(element.text.clone()),
            _ => {}
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

#[test]
fn the_q1_bulletin_shows_the_headline_every_leader_and_every_lagging_item() {
    let plan = read_plan(XUHUI_2017_FILE);
    let options = options();
    let status = plan.status(day(3, 31), &options).unwrap();
    let report = status.report();
    let html = status.bulletin(&BulletinOptions::default());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    // Self-contained: nothing fetched from elsewhere.
    for outside in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(outside), "{outside}");
    }
    let elements = elements(&html);
    // The headline, re-derived: key work had 221 sub-projects with a milestone due at the
    // end of Q1 and 210 on schedule, 210 / 221 = 95.0%.
    let headline = rows_after(&elements, "总体情况");
    let key_work = headline.iter().find(|r| r[0] == "重点工作").unwrap();
    assert_eq!(key_work[2..], ["221", "221", "210", "11", "9", "95.0%"]);
    assert_eq!(headline.len(), report.headline.len() + 1);
    let total = headline.last().unwrap();
    assert_eq!(total[0], "合计");
    let overall = report.overall;
    assert_eq!(
        total[4],
        overall.sub_projects_on_schedule.to_string(),
        "{total:?}"
    );
    // A section per supervising leader, each starting a printed page, in the report's order.
    let leaders: Vec<&Element> = elements
        .iter()
        .filter(|e| e.name == "section" && e.class == "leader")
        .collect();
    assert_eq!(leaders.len(), report.leaders.len());
    assert!(leaders.len() >= 5, "{}", leaders.len());
    let headings: Vec<&Element> = elements
        .iter()
        .filter(|e| e.name == "h2" && e.inside.iter().any(|c| c == "section.leader"))
        .collect();
    for (heading, table) in headings.iter().zip(&report.leaders) {
        assert!(heading
            .text
            .ends_with(&format!("分管区领导:{}", table.name)));
    }
    assert!(html.contains("section.leader { break-before: page; page-break-before: always; }"));
    assert!(html.contains("thead { display: table-header-group; }"));
    // Each leader's table: a row per key task and the total, its light in words and shape.
    for (section, table) in headings.iter().zip(&report.leaders) {
        let rows = rows_after(&elements, &section.text);
        for (row, key_task) in rows.iter().zip(&table.rows) {
            assert_eq!(row[0], key_task.title);
            let light = Language::Chinese.light(key_task.light);
            assert!(row[2].ends_with(light), "{row:?}");
        }
    }
    // Every lagging milestone, numbered, with its lead unit and reason or the call for one.
    let lagging = rows_after(&elements, "滞后清单");
    assert_eq!(lagging.len(), report.lagging.len());
    assert!(!lagging.is_empty());
    for (n, (row, entry)) in lagging.iter().zip(&report.lagging).enumerate() {
        assert_eq!(row[0], (n + 1).to_string());
        assert_eq!(row[1], entry.item.title);
        assert_eq!(row[4], entry.item.days_overdue.to_string());
        assert_eq!(row[5], entry.lead_unit_name);
        match &entry.item.reason {
            Some(reason) => assert!(row[8].ends_with(&reason.text), "{row:?}"),
            None => assert_eq!(row[8], "未说明原因,须补报"),
        }
    }
    assert_eq!(
        rows_after(&elements, "提前完成").len(),
        report.early_finishers.len()
    );
    assert_eq!(
        rows_after(&elements, "上报不及时").len(),
        report.stale.len()
    );
    // Every table has its headings in a <thead>, so that they repeat on each page.
    let tables = elements.iter().filter(|e| e.name == "table").count();
    let heads = elements.iter().filter(|e| e.name == "thead").count();
    assert_eq!(tables, heads);
    // Charts inline: the light board's pages, and a trajectory per sub-project that needs
    // attention, up to six per leader.
    let board = plan
        .light_board(day(3, 31), mubiao::Granularity::Month, &options)
        .unwrap();
    let board_pages = board.page_count(&mubiao::ChartOptions {
        width: 960.0,
        height: 1180.0,
        ..mubiao::ChartOptions::default()
    });
    let trajectories = elements
        .iter()
        .filter(|e| e.name == "figcaption" && e.text.contains("的进度轨迹"))
        .count();
    let attention: BTreeMap<String, usize> = status
        .sub_project_rows()
        .filter(|r| r.light != mubiao::Light::Green)
        .fold(BTreeMap::new(), |mut counts, row| {
            *counts
                .entry(row.supervising_leader.to_string())
                .or_default() += 1;
            counts
        });
    let expected: usize = attention.values().map(|&n| n.min(6)).sum();
    assert!(trajectories >= expected, "{trajectories} < {expected}");
    let figures = elements.iter().filter(|e| e.name == "figure").count();
    assert!(figures >= board_pages + expected);
    assert!(!html.contains("NaN"));
}

#[test]
fn the_bulletin_speaks_english_and_keeps_hostile_text_as_text() {
    let mut document = read_plan(XUHUI_2017_FILE).into_document();
    document.name = "<script>alert('x')</script> & co".into();
    document.people[0].name = "</section><h2>".into();
    document.key_tasks[0].title = "]]><!-- \u{7}".into();
    let plan = document.validate().unwrap();
    let html = plan
        .status(day(6, 30), &options())
        .unwrap()
        .bulletin(&BulletinOptions {
            language: Language::English,
            step: mubiao::Granularity::Quarter,
            trajectories_per_leader: 1,
        });
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(!html.contains("<script>") && !html.contains("</section><h2>"));
    let elements = elements(&html);
    let title = elements.iter().find(|e| e.name == "h1").unwrap();
    assert_eq!(
        title.text,
        "<script>alert('x')</script> & co: supervision bulletin"
    );
    assert!(elements
        .iter()
        .any(|e| e.name == "h2" && e.text == "1. Headline"));
    assert!(elements.iter().any(|e| e.name == "p"
        && e.class == "more"
        && e.text.contains("more sub-projects need attention")));
}

#[test]
fn the_year_end_bulletin_ranks_explains_and_names_who_answers() {
    let plan = read_plan(XUHUI_2017_YEAR_END_FILE);
    let components: ComponentScores = serde_json::from_str(
        &std::fs::read_to_string(data_path(XUHUI_2017_COMPONENTS_FILE)).unwrap(),
    )
    .unwrap();
    let assessment = plan
        .assess(day(12, 31), &Scheme::default(), &components, &options())
        .unwrap();
    let html = assessment.bulletin(Some(&plan), &BulletinOptions::default());
    let elements = elements(&html);
    let results = rows_after(&elements, "考核结果");
    assert_eq!(results.len(), assessment.units.len());
    for unit in &assessment.units {
        let row = results.iter().find(|r| r[1] == unit.name).unwrap();
        assert_eq!(row[0], unit.group_rank.to_string());
        assert_eq!(row[row.len() - 2], format!("{:.2}", unit.performance));
        assert_eq!(row[row.len() - 1], unit.grade.chinese());
    }
    // The host's components under their names in words.
    let headings: Vec<&str> = elements
        .iter()
        .filter(|e| e.name == "th")
        .map(|e| e.text.as_str())
        .collect();
    assert!(headings.contains(&"预算执行") && headings.contains(&"群众满意度"));
    // An explanation chart per unit.
    let explained = elements
        .iter()
        .filter(|e| e.name == "figcaption" && e.text.contains("各部分加权得分累计至绩效得分"))
        .count();
    assert_eq!(explained, assessment.units.len());
    let accountable = rows_after(&elements, "问责清单");
    assert_eq!(accountable.len(), assessment.accountability.len());
    for (row, item) in accountable.iter().zip(&assessment.accountability) {
        assert_eq!(row[0], item.title);
        assert_eq!(row[2], item.days_overdue.to_string());
        assert_eq!(row[3], plan.unit(item.lead_unit.as_str()).unwrap().name);
    }
}

#[test]
fn bulletins_of_odd_plans_are_whole_documents() {
    // No key tasks at all, one milestone, and a plan of thousands of key tasks.
    let empty = mubiao_tests::without_work(read_plan(XUHUI_2017_FILE).into_document());
    let one = mubiao_tests::one_milestone(read_plan(XUHUI_2017_FILE).into_document());
    let many = mubiao::synthetic::synthetic_plan(mubiao::synthetic::SyntheticOptions {
        milestones: 12_000,
        sub_projects_per_key_task: 1,
        ..mubiao::synthetic::SyntheticOptions::default()
    })
    .unwrap();
    for (name, document) in [("empty", empty), ("one milestone", one), ("many", many)] {
        let plan = document
            .validate()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let year = plan.year();
        let as_of = NaiveDate::from_ymd_opt(year, 6, 30).unwrap();
        let status = plan.status(as_of, &StatusOptions::default()).unwrap();
        for language in [Language::Chinese, Language::English] {
            let html = status.bulletin(&BulletinOptions {
                language,
                ..BulletinOptions::default()
            });
            let elements = elements(&html);
            let leaders = elements
                .iter()
                .filter(|e| e.name == "section" && e.class == "leader")
                .count();
            assert_eq!(leaders, status.report().leaders.len(), "{name}");
            assert!(!html.contains("NaN"), "{name}");
            // Output bounded by the input: a few kilobytes a key task at most.
            let key_tasks = plan.document().key_tasks.len();
            assert!(
                html.len() < 200_000 + key_tasks * 4_000,
                "{name}: {} bytes for {key_tasks} key tasks",
                html.len()
            );
        }
    }
}
