//! Charts read back as XML: the right number of cells, labels present, every coordinate a
//! finite number inside the view box, a title and description for screen readers; the
//! Xuhui light board against its golden SVG; and boards of odd plans (none, one, ten
//! thousand key tasks) and odd sizes drawn without error.
//!
//! Run with `MUBIAO_BLESS=1` to write the golden SVGs again after an intended change.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use mubiao::synthetic::{synthetic_plan, SyntheticOptions};
use mubiao::{ChartOptions, Granularity, Language, Light, Plan, StatusOptions, TimelineRows};
use mubiao_examples::{data_path, XUHUI_2017_FILE};
use mubiao_tests::crate_dir;
use quick_xml::events::Event;
use quick_xml::Reader;

/// What a chart holds, read back from its XML.
#[derive(Debug, Default)]
struct Read {
    width: f64,
    height: f64,
    /// Elements by name.
    elements: BTreeMap<String, usize>,
    /// `class` attributes of groups, counted.
    classes: BTreeMap<String, usize>,
    /// Every text, in order (titles and `<text>` alike).
    texts: Vec<String>,
}

/// Parses `svg` (failing on anything that is not well-formed XML) and checks every
/// coordinate is a finite number within the view box.
fn read(svg: &str) -> Read {
    let mut reader = Reader::from_str(svg);
    let mut read = Read::default();
    let mut depth = 0usize;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().into_inner().to_string();
                *read.elements.entry(name.clone()).or_default() += 1;
                for attribute in e.attributes() {
                    let attribute = attribute.unwrap();
                    let key = attribute.key.into_inner().to_string();
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .to_string();
                    if name == "svg" && key == "width" {
                        read.width = value.parse().unwrap();
                    }
                    if name == "svg" && key == "height" {
                        read.height = value.parse().unwrap();
                    }
                    if name == "g" && key == "class" {
                        *read.classes.entry(value.clone()).or_default() += 1;
                    }
                    let coordinate = [
                        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "width", "height", "r",
                    ];
                    if name != "svg" && coordinate.contains(&key.as_str()) {
                        let n: f64 = value.parse().unwrap_or_else(|_| panic!("{key}={value}"));
                        assert!(n.is_finite(), "{key}={value}");
                        assert!(
                            (-1.0..=read.width.max(read.height) + 1.0).contains(&n),
                            "{name} {key}={value} outside the view box"
                        );
                    }
                    if key == "points" {
                        for pair in value.split(' ') {
                            for n in pair.split(',') {
                                let n: f64 = n.parse().unwrap();
                                assert!(n.is_finite() && n >= -1.0);
                            }
                        }
                    }
                }
                depth += 1;
            }
            Event::Text(t) => read.texts.push(t.to_string()),
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(depth > 0);
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    read
}

fn xuhui() -> Plan {
    Plan::from_json_str(&std::fs::read_to_string(data_path(XUHUI_2017_FILE)).unwrap()).unwrap()
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, month, day).unwrap()
}

#[test]
fn the_xuhui_light_board_has_a_cell_per_key_task_and_month() {
    let plan = xuhui();
    let board = plan
        .light_board(day(6, 30), Granularity::Month, &StatusOptions::default())
        .unwrap();
    let key_tasks = plan.document().key_tasks.len();
    assert_eq!(board.columns.len(), 6);
    assert_eq!(
        board.groups.iter().map(|g| g.rows.len()).sum::<usize>(),
        key_tasks
    );
    // Every key task has a supervising leader in the example; the groups follow the people.
    assert!(board.groups.iter().all(|g| g.leader.is_some()));
    // Tall enough for every row: one page, every cell drawn.
    let options = ChartOptions {
        height: 4000.0,
        ..ChartOptions::default()
    };
    assert_eq!(board.page_count(&options), 1);
    let svg = board.to_svg(&options);
    let chart = read(&svg);
    let cells: usize = chart
        .classes
        .iter()
        .filter(|(class, _)| class.starts_with("cell "))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(cells, key_tasks * 6);
    assert_eq!(chart.classes["key-task"], key_tasks);
    assert_eq!(
        chart.elements["title"] - cells - key_tasks,
        1,
        "the chart's own title"
    );
    assert_eq!(chart.elements["desc"], 1);
    for label in ["1月", "6月", "红灯:滞后", "截至 2017-06-30"] {
        assert!(svg.contains(label), "{label}");
    }
    for leader in &board.groups {
        assert!(svg.contains(&leader.name), "{}", leader.name);
    }
    // The counts of each light match the board's data.
    for light in [Light::Green, Light::Yellow, Light::Red] {
        let in_data = board
            .groups
            .iter()
            .flat_map(|g| &g.rows)
            .flat_map(|r| &r.lights)
            .filter(|l| **l == Some(light))
            .count();
        let drawn = chart
            .classes
            .get(&format!("cell {}", light.as_str()))
            .copied()
            .unwrap_or(0);
        assert_eq!(drawn, in_data, "{light:?}");
    }
    // The same input draws the same bytes.
    assert_eq!(svg, board.to_svg(&options));
    golden(
        "xuhui-2017-light-board-2017-06-30.svg",
        &board.to_svg(&ChartOptions::default()),
    );
    golden(
        "xuhui-2017-light-board-2017-06-30-en.svg",
        &board.to_svg(&ChartOptions {
            language: Language::English,
            ..ChartOptions::default()
        }),
    );
}

fn golden(name: &str, svg: &str) {
    let path = crate_dir().join("fixtures").join(name);
    if std::env::var_os("MUBIAO_BLESS").is_some() {
        std::fs::write(&path, svg).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == svg,
        "{name} is out of date; run `MUBIAO_BLESS=1 cargo test -p mubiao-tests --test charts`"
    );
}

#[test]
fn pages_repeat_the_leader_and_cover_every_key_task_once() {
    let document = synthetic_plan(SyntheticOptions {
        milestones: 120_000,
        sub_projects_per_key_task: 1,
        ..SyntheticOptions::default()
    })
    .unwrap();
    assert!(
        document.key_tasks.len() >= 10_000,
        "{}",
        document.key_tasks.len()
    );
    let plan = document.validate().unwrap();
    let board = plan
        .light_board(day(12, 31), Granularity::Quarter, &StatusOptions::default())
        .unwrap();
    let options = ChartOptions::default();
    let pages = board.page_count(&options);
    assert!(pages > 100, "{pages} pages");
    let mut drawn = 0;
    for page in [0, 1, pages / 2, pages - 1] {
        let svg = board.to_svg(&ChartOptions { page, ..options });
        let chart = read(&svg);
        let rows = chart.classes.get("key-task").copied().unwrap_or(0);
        assert!((1..=20).contains(&rows), "page {page}: {rows} rows");
        assert!(svg.contains(&format!("第 {} / {pages} 页", page + 1)));
        // Every row stays above the legend, the repeated leader heading included.
        let legend_top = attribute_after(&svg, "<g class=\"legend\">", "y");
        let mut at = 0;
        while let Some(found) = svg[at..].find("<g class=\"cell ") {
            at += found + 1;
            let y = attribute_after(&svg[at..], "", "y");
            assert!(
                y + 16.0 <= legend_top,
                "page {page}: a cell at {y}, the legend at {legend_top}"
            );
        }
        drawn += rows;
    }
    assert!(drawn > 4);
    // Past the last page draws the last page.
    assert_eq!(
        board.to_svg(&ChartOptions {
            page: usize::MAX,
            ..options
        }),
        board.to_svg(&ChartOptions {
            page: pages - 1,
            ..options
        })
    );
}

#[test]
fn odd_plans_and_sizes_draw_without_error() {
    let plan = xuhui();
    let board = plan
        .light_board(day(1, 1), Granularity::Month, &StatusOptions::default())
        .unwrap();
    assert_eq!(board.columns.len(), 1);
    for (width, height) in [
        (f64::NAN, f64::INFINITY),
        (0.0, 0.0),
        (-5.0, 1e12),
        (1e12, 100.0),
        (320.0, 240.0),
    ] {
        let options = ChartOptions {
            width,
            height,
            ..ChartOptions::default()
        };
        read(&board.to_svg(&options));
    }
    // A plan whose key tasks all lack milestones to judge, and a board with no key tasks.
    let mut empty = board.clone();
    empty.groups.clear();
    let svg = empty.to_svg(&ChartOptions::default());
    read(&svg);
    assert!(svg.contains("没有可亮灯的重点工作"));
    // Text that is markup or control characters stays text.
    let mut hostile = board;
    hostile.plan_name = "<script>alert(1)</script>\u{0}&".into();
    hostile.groups[0].rows[0].title = "\"'<>&\u{7}".repeat(200);
    let svg = hostile.to_svg(&ChartOptions::default());
    read(&svg);
    assert!(!svg.contains("<script>"));
}

#[test]
fn each_light_is_the_key_tasks_light_in_the_rollup() {
    // Re-derived from the roll-up's counts: red where a sub-project is red, else yellow
    // where one is yellow, else green; no light where nothing is left to judge.
    let plan = xuhui();
    let options = StatusOptions::default();
    let board = plan
        .light_board(day(11, 15), Granularity::Quarter, &options)
        .unwrap();
    assert_eq!(board.columns.last().unwrap().date, day(11, 15));
    for (c, column) in board.columns.iter().enumerate() {
        let rollup = plan.status(column.date, &options).unwrap().rollup();
        for row in board.groups.iter().flat_map(|g| &g.rows) {
            let summary = rollup.by_key_task[&row.key_task];
            let expected = if summary.sub_projects == 0 {
                None
            } else if summary.sub_projects_red > 0 {
                Some(Light::Red)
            } else if summary.sub_projects_yellow > 0 {
                Some(Light::Yellow)
            } else {
                Some(Light::Green)
            };
            assert_eq!(
                row.lights[c], expected,
                "{} at {}",
                row.key_task, column.date
            );
        }
    }
}

/// The number in attribute `name` of the first `<rect>` after `marker` in `svg`.
fn attribute_after(svg: &str, marker: &str, name: &str) -> f64 {
    let start = svg.find(marker).unwrap() + marker.len();
    let rest = &svg[start..];
    let rest = &rest[rest.find("<rect").unwrap()..];
    let key = format!(" {name}=\"");
    let value = &rest[rest.find(&key).unwrap() + key.len()..];
    value[..value.find('"').unwrap()].parse().unwrap()
}

#[test]
fn the_timeline_marks_every_milestone_at_its_due_date() {
    let plan = xuhui();
    let evaluation = plan.status(day(6, 30), &StatusOptions::default()).unwrap();
    let rows = evaluation.milestone_rows().collect::<Vec<_>>();
    let not_withdrawn = rows
        .iter()
        .filter(|r| r.status != mubiao::MilestoneStatus::Withdrawn)
        .count();
    for rows_are in [TimelineRows::KeyTask, TimelineRows::LeadUnit] {
        let timeline = evaluation.timeline(rows_are);
        let marks: usize = timeline.rows.iter().map(|r| r.marks.len()).sum();
        assert_eq!(marks, not_withdrawn, "{rows_are:?}");
        assert!(timeline
            .rows
            .iter()
            .all(|r| r.marks.windows(2).all(|w| w[0].due <= w[1].due)));
        let options = ChartOptions {
            height: 20_000.0,
            ..ChartOptions::default()
        };
        let svg = timeline.to_svg(&options);
        let chart = read(&svg);
        let drawn: usize = chart
            .classes
            .iter()
            .filter(|(class, _)| class.starts_with("mark "))
            .map(|(_, n)| n)
            .sum();
        assert_eq!(drawn, marks, "{rows_are:?}");
        assert_eq!(chart.classes["row"], timeline.rows.len());
        for label in ["1月", "12月", "滞后", "截至 2017-06-30"] {
            assert!(svg.contains(label), "{label}");
        }
        // The as-of line sits half-way along a year axis: 180 of 364 days.
        assert!(svg.contains("stroke-dasharray"));
        assert_eq!(svg, timeline.to_svg(&options));
    }
    let timeline = evaluation.timeline(TimelineRows::LeadUnit);
    golden(
        "xuhui-2017-timeline-2017-06-30.svg",
        &timeline.to_svg(&ChartOptions::default()),
    );
    golden(
        "xuhui-2017-timeline-2017-06-30-en.svg",
        &timeline.to_svg(&ChartOptions {
            language: Language::English,
            ..ChartOptions::default()
        }),
    );
    // Odd sizes and pages past the end still draw.
    for (width, height, page) in [
        (f64::NAN, 0.0, 0),
        (1e12, 1e12, 9),
        (320.0, 240.0, usize::MAX),
    ] {
        read(&timeline.to_svg(&ChartOptions {
            width,
            height,
            page,
            ..ChartOptions::default()
        }));
    }
    let mut empty = timeline;
    empty.rows.clear();
    assert!(empty.to_svg(&ChartOptions::default()).contains("没有节点"));
}

fn year_end_assessment() -> mubiao::Assessment {
    let read = |file: &str| std::fs::read_to_string(data_path(file)).unwrap();
    let plan = Plan::from_json_str(&read(mubiao_examples::XUHUI_2017_YEAR_END_FILE)).unwrap();
    let components: mubiao::ComponentScores =
        serde_json::from_str(&read(mubiao_examples::XUHUI_2017_COMPONENTS_FILE)).unwrap();
    let options = StatusOptions::with_calendar(
        mubiao::WorkingCalendar::from_json_str(&read("calendar-2017.json")).unwrap(),
    );
    plan.assess(
        day(12, 31),
        &mubiao::Scheme::default(),
        &components,
        &options,
    )
    .unwrap()
}

#[test]
fn the_ranking_splits_each_score_into_its_weighted_parts() {
    let assessment = year_end_assessment();
    let options = ChartOptions {
        height: 20_000.0,
        ..ChartOptions::default()
    };
    assert_eq!(assessment.ranking_page_count(&options), 1);
    let svg = assessment.ranking_svg(&options);
    let chart = read(&svg);
    assert_eq!(chart.classes["unit"], assessment.units.len());
    let parts: usize = assessment
        .units
        .iter()
        .map(|u| u.explanation.children.len())
        .sum();
    assert_eq!(chart.classes["part"], parts);
    // Each bar ends where its score is: the parts' widths add up to the score's share of
    // the bar (checked on the first unit, its parts read back from the SVG).
    let first = &assessment.units[0];
    let sum: f64 = first.explanation.children.iter().map(|p| p.points).sum();
    assert!((sum - first.performance).abs() < 1e-6);
    for unit in &assessment.units {
        let grade = unit.grade.chinese();
        assert!(
            svg.contains(&format!(
                "{:.2}  {grade}  第{}名",
                unit.performance, unit.group_rank
            )),
            "{}",
            unit.name
        );
    }
    for heading in ["部门", "街道、镇", "目标完成"] {
        assert!(svg.contains(heading), "{heading}");
    }
    golden(
        "xuhui-2017-ranking.svg",
        &assessment.ranking_svg(&ChartOptions::default()),
    );
    golden(
        "xuhui-2017-ranking-en.svg",
        &assessment.ranking_svg(&ChartOptions {
            language: Language::English,
            ..ChartOptions::default()
        }),
    );
    let pages = assessment.ranking_page_count(&ChartOptions::default());
    for page in 0..pages {
        read(&assessment.ranking_svg(&ChartOptions {
            page,
            ..ChartOptions::default()
        }));
    }
    let mut none = assessment;
    none.units.clear();
    assert!(none
        .ranking_svg(&ChartOptions::default())
        .contains("没有参加考核的单位"));
}

#[test]
fn the_rate_trend_ends_at_the_q1_headline() {
    // The Xuhui Q1 headline: 210 of the 221 key-work sub-projects with a milestone due are
    // on schedule, 95.0%.
    let plan = xuhui();
    let options = StatusOptions::with_calendar(
        mubiao::WorkingCalendar::from_json_str(
            &std::fs::read_to_string(data_path("calendar-2017.json")).unwrap(),
        )
        .unwrap(),
    );
    let trend = plan
        .rate_trend(day(3, 31), Granularity::Month, &options)
        .unwrap();
    assert_eq!(trend.columns.len(), 3);
    assert_eq!(trend.series[0].kind, None);
    let key_work = trend
        .series
        .iter()
        .find(|s| s.kind == Some(mubiao::KeyTaskKind::KeyWork))
        .unwrap();
    assert_eq!(key_work.rates[2], Some(210.0 / 221.0));
    let svg = trend.to_svg(&ChartOptions::default());
    let chart = read(&svg);
    let points: usize = trend
        .series
        .iter()
        .map(|s| s.rates.iter().flatten().count())
        .sum();
    assert_eq!(chart.classes["point"], points);
    assert_eq!(chart.classes["series"], trend.series.len());
    for label in ["目标 95%", "重点工作 95.0%", "1月", "3月", "100%"] {
        assert!(svg.contains(label), "{label}");
    }
    golden("xuhui-2017-rate-trend-2017-03-31.svg", &svg);
    let english = trend.to_svg(&ChartOptions {
        language: Language::English,
        ..ChartOptions::default()
    });
    assert!(english.contains("key work 95.0%"));
    // A year with nothing due yet, and odd sizes.
    let early = plan
        .rate_trend(day(1, 1), Granularity::Quarter, &options)
        .unwrap();
    for (width, height) in [(f64::NAN, f64::NAN), (320.0, 240.0), (1e9, 1e9)] {
        read(&early.to_svg(&ChartOptions {
            width,
            height,
            ..ChartOptions::default()
        }));
    }
}

#[test]
fn a_units_score_explained_adds_up_to_its_total() {
    let assessment = year_end_assessment();
    let first = &assessment.units[0];
    let svg = assessment
        .explanation_svg(first.unit.as_str(), &ChartOptions::default())
        .unwrap();
    let chart = read(&svg);
    assert_eq!(chart.classes["step"], first.explanation.children.len());
    assert_eq!(chart.classes["total"], 1);
    for part in &first.explanation.children {
        assert!(svg.contains(&format!("+{:.2}", part.points)));
    }
    assert!(svg.contains(&format!("{:.2}", first.performance)));
    assert!(svg.contains(&first.name));
    golden("xuhui-2017-explanation-first.svg", &svg);
    let error = assessment
        .explanation_svg("no-such-unit", &ChartOptions::default())
        .unwrap_err();
    assert_eq!(error.code(), "bad-argument");
    assert!(error.message.contains("no-such-unit"));
    // Every unit's chart draws, in both languages and at odd sizes.
    for unit in &assessment.units {
        for language in [Language::Chinese, Language::English] {
            let options = ChartOptions {
                language,
                width: 320.0,
                height: 240.0,
                ..ChartOptions::default()
            };
            read(
                &assessment
                    .explanation_svg(unit.unit.as_str(), &options)
                    .unwrap(),
            );
        }
    }
}

#[test]
fn a_trajectory_shows_every_report_node_and_the_straight_line() {
    let plan = xuhui();
    let as_of = day(6, 30);
    let evaluation = plan.status(as_of, &StatusOptions::default()).unwrap();
    let document = plan.document();
    // kw-03-3: cumulative counts due at month and quarter ends, reported through Q1.
    let trajectory = evaluation.trajectory("kw-03-3").unwrap();
    assert_eq!(trajectory.series.len(), 1);
    let series = &trajectory.series[0];
    let (_, sub) = plan.sub_project("kw-03-3").unwrap();
    let ids: Vec<&str> = sub.milestones.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(series.nodes.len(), ids.len());
    // The reports re-derived from the document: every cumulative report on a milestone of
    // the series, up to the as-of date, by date.
    let mut reports: Vec<(NaiveDate, f64)> = document
        .progress_reports
        .iter()
        .filter(|r| ids.contains(&r.milestone.as_str()) && r.date <= as_of)
        .filter_map(|r| match r.progress {
            mubiao::Progress::Cumulative(v) => Some((r.date, v)),
            _ => None,
        })
        .collect();
    reports.sort_by_key(|r| r.0);
    let drawn: Vec<(NaiveDate, f64)> = series.reports.iter().map(|p| (p.date, p.value)).collect();
    assert_eq!(drawn, reports);
    // The straight line the risk rule uses, by hand: from 0 on the start day (1 January)
    // to the target on the due day, read on 30 June (day 180 of the year).
    for node in &series.nodes {
        let Some(mubiao::Goal::AtLeast(target)) = node.goal else {
            panic!("{} is not a quantity to reach", node.milestone);
        };
        match node.expected {
            Some(expected) => {
                let elapsed = (as_of - trajectory.start).num_days() as f64;
                let span = (node.due - trajectory.start).num_days() as f64;
                let by_hand = target * (elapsed / span).min(1.0);
                assert!(
                    (expected - by_hand).abs() < 1e-9,
                    "{}: {expected} vs {by_hand}",
                    node.milestone
                );
            }
            None => assert!(node.completed_on.is_some(), "{}", node.milestone),
        }
        let row = evaluation.milestone(node.milestone.as_str()).unwrap();
        assert_eq!((node.status, node.forecast), (row.status, row.forecast));
    }
    let svg = trajectory.to_svg(&ChartOptions::default());
    let chart = read(&svg);
    assert_eq!(
        chart.classes.get("report").copied().unwrap_or(0),
        reports.len()
    );
    let nodes: usize = chart
        .classes
        .iter()
        .filter(|(class, _)| class.starts_with("node "))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(nodes, series.nodes.len());
    assert_eq!(chart.classes.get("forecast"), Some(&1));
    assert!(chart.texts.iter().any(|t| t.contains("截至 06-30")));
    assert!(chart.texts.iter().any(|t| t.contains("进度轨迹")));
    // One straight line per node not yet done.
    let open = series
        .nodes
        .iter()
        .filter(|n| n.completed_on.is_none())
        .count();
    let trajectories = &svg[svg.find("<g class=\"trajectories\">").unwrap()..];
    let trajectories = &trajectories[..trajectories.find("</g>").unwrap()];
    assert_eq!(trajectories.matches("<line").count(), open);
    let english = trajectory.to_svg(&ChartOptions {
        language: Language::English,
        ..ChartOptions::default()
    });
    assert!(read(&english)
        .texts
        .iter()
        .any(|t| t.contains("as of 06-30")));
    // A sub-project with quantities and deliverables, begun the year before.
    let mixed = evaluation.trajectory("mp-01-1").unwrap();
    assert_eq!(
        mixed
            .series
            .iter()
            .map(|s| s.unit.is_some())
            .collect::<Vec<_>>(),
        [true, false]
    );
    let svg = mixed.to_svg(&ChartOptions::default());
    read(&svg);
    assert!(svg.contains("2018年1月"));
    golden("xuhui-2017-trajectory-mp-01-1-2017-06-30.svg", &svg);
    // An id that is not a sub-project says so.
    let error = evaluation.trajectory("kw-99").unwrap_err();
    assert!(error.to_string().contains("kw-99"), "{error}");
}

#[test]
fn odd_trajectories_draw_without_error() {
    // Extreme targets, a deliverable series of 400 daily nodes, every node
    // withdrawn, and tiny sizes.
    let mut document = xuhui().into_document();
    let sub = &mut document.key_tasks[0].sub_projects[0];
    let template = sub.milestones[0].clone();
    let before = sub.milestones.len();
    for n in 0..400u32 {
        let mut milestone = template.clone();
        milestone.id = format!("daily-{n}").into();
        milestone.due = Some(day(1, 1) + chrono::Days::new(u64::from(n % 365)));
        milestone.target = Some(mubiao::Target::Deliverable {
            description: "日报".into(),
        });
        sub.milestones.push(milestone);
    }
    let extreme = &mut document.key_tasks[0].sub_projects[1];
    for (n, milestone) in extreme.milestones.iter_mut().enumerate() {
        milestone.target = Some(mubiao::Target::Quantity(mubiao::QuantityTarget {
            unit: "<元>".into(),
            goal: match n {
                0 => mubiao::Goal::AtLeast(1e300),
                1 => mubiao::Goal::AtMost(0.0),
                _ => mubiao::Goal::Within {
                    low: 0.0,
                    high: 1e-9,
                },
            },
            baseline: Some(1e200),
        }));
    }
    let plan = document.validate().unwrap();
    let evaluation = plan.status(day(12, 31), &StatusOptions::default()).unwrap();
    let ids: Vec<String> = plan.document().key_tasks[0]
        .sub_projects
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    for id in &ids {
        let trajectory = evaluation.trajectory(id).unwrap();
        for (width, height) in [(960.0, 540.0), (0.0, 0.0), (f64::NAN, 1e12), (320.0, 240.0)] {
            let options = ChartOptions {
                width,
                height,
                ..ChartOptions::default()
            };
            for page in 0..trajectory.page_count(&options) {
                let svg = trajectory.to_svg(&ChartOptions { page, ..options });
                read(&svg);
                assert!(!svg.contains("<元>"));
            }
        }
    }
    let daily = evaluation.trajectory(&ids[0]).unwrap();
    let daily_nodes: usize = daily.series.iter().map(|s| s.nodes.len()).sum();
    assert!(daily_nodes >= 400 + before - 1, "{daily_nodes}");
    let nodes = read(&daily.to_svg(&ChartOptions::default()))
        .classes
        .iter()
        .filter(|(class, _)| class.starts_with("node "))
        .map(|(_, n)| *n)
        .sum::<usize>();
    assert_eq!(nodes, daily_nodes);
    // Nothing left to draw.
    let mut withdrawn = daily.clone();
    withdrawn.series.clear();
    let svg = withdrawn.to_svg(&ChartOptions::default());
    read(&svg);
    assert!(svg.contains("没有节点"));
}

#[test]
fn every_chart_of_an_empty_and_a_one_milestone_plan_draws() {
    let empty = mubiao_tests::without_work(xuhui().into_document());
    let one = mubiao_tests::one_milestone(xuhui().into_document());
    for (name, document, milestones) in [("empty", empty, 0), ("one milestone", one, 1)] {
        let plan = document.validate().unwrap();
        let options = StatusOptions::default();
        let as_of = day(12, 31);
        let evaluation = plan.status(as_of, &options).unwrap();
        let drawn = ChartOptions::default();
        let board = plan
            .light_board(as_of, Granularity::Month, &options)
            .unwrap();
        read(&board.to_svg(&drawn));
        let timeline = evaluation.timeline(TimelineRows::KeyTask);
        let marks = read(&timeline.to_svg(&drawn))
            .classes
            .iter()
            .filter(|(class, _)| class.starts_with("mark "))
            .map(|(_, n)| *n)
            .sum::<usize>();
        assert_eq!(marks, milestones, "{name}");
        read(
            &plan
                .rate_trend(as_of, Granularity::Quarter, &options)
                .unwrap()
                .to_svg(&drawn),
        );
        for sub in plan
            .document()
            .key_tasks
            .iter()
            .flat_map(|t| &t.sub_projects)
        {
            let trajectory = evaluation.trajectory(sub.id.as_str()).unwrap();
            let nodes = read(&trajectory.to_svg(&drawn))
                .classes
                .iter()
                .filter(|(class, _)| class.starts_with("node "))
                .map(|(_, n)| *n)
                .sum::<usize>();
            assert_eq!(nodes, milestones, "{name}");
        }
        // The host's components for exactly the units assessed: added as each is asked for.
        let mut given = serde_json::Map::new();
        let assessment = loop {
            let components: mubiao::ComponentScores =
                serde_json::from_value(serde_json::Value::Object(given.clone())).unwrap();
            match plan.assess(as_of, &mubiao::Scheme::default(), &components, &options) {
                Ok(assessment) => break assessment,
                Err(mubiao::AssessmentError::MissingComponent { unit, .. }) => {
                    given.insert(
                        unit.to_string(),
                        serde_json::json!({ "budget_execution": 90.0, "public_satisfaction": 80.0 }),
                    );
                }
                Err(other) => panic!("{name}: {other}"),
            }
        };
        read(&assessment.ranking_svg(&drawn));
        for unit in &assessment.units {
            read(
                &assessment
                    .explanation_svg(unit.unit.as_str(), &drawn)
                    .unwrap(),
            );
        }
        assert_eq!(assessment.units.is_empty(), milestones == 0, "{name}");
    }
}
