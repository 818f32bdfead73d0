//! The year-end bulletin: ranking, grades, each unit's score explained, accountability.

use super::html::{Cell, Html};
use super::{chart_options, BulletinOptions, PAGE_CHART, SMALL_CHART};
use crate::assessment::{Assessment, UnitAssessment};
use crate::charts::ChartOptions;
use crate::organisation::UnitKind;
use crate::plan::Plan;
use crate::Language;

impl Assessment {
    /// The year-end bulletin (年终考核通报) of this assessment of `plan`, as a
    /// self-contained HTML document that prints on A4: the ranking chart, a table of
    /// scores and grades for departments and for streets and towns, each unit's score
    /// explained as a chart, the accountability list, and the units not assessed. Without
    /// the plan, people are named by their ids and the title has no plan name.
    pub fn bulletin(&self, plan: Option<&Plan>, options: &BulletinOptions) -> String {
        let language = options.language;
        let name = plan.map_or("", |plan| plan.document().name.as_str());
        let title = match (language, name.is_empty()) {
            (Language::Chinese, false) => format!("{name} 年终考核通报"),
            (Language::Chinese, true) => "年终考核通报".to_owned(),
            (Language::English, false) => format!("{name}: year-end assessment"),
            (Language::English, true) => "Year-end assessment".to_owned(),
        };
        let mut html = Html::new(&title, language);
        html.element("h1", None, &title);
        let meta = if html.zh() {
            format!(
                "考核日期 {} · 参加考核单位 {} 个",
                self.as_of,
                self.units.len()
            )
        } else {
            format!("Assessed on {} · {} units", self.as_of, self.units.len())
        };
        html.element("p", Some("meta"), &meta);
        self.results(&mut html, options);
        self.explanations(&mut html, options);
        self.accountable(&mut html, plan);
        let footer = format!("{title} · {}", self.as_of);
        html.finish(&footer)
    }

    fn results(&self, html: &mut Html, options: &BulletinOptions) {
        let heading = html.say("考核结果", "Results");
        html.numbered_heading(heading);
        let grades: Vec<String> = [
            crate::Grade::Excellent,
            crate::Grade::Good,
            crate::Grade::Pass,
            crate::Grade::Fail,
        ]
        .iter()
        .map(|&grade| {
            let count = self.units.iter().filter(|u| u.grade == grade).count();
            if html.zh() {
                format!("{} {count} 个", grade.chinese())
            } else {
                format!("{} {count}", grade.english())
            }
        })
        .collect();
        let lead = if html.zh() {
            format!(
                "共 {} 个单位参加考核:{}。",
                self.units.len(),
                grades.join("、")
            )
        } else {
            format!(
                "{} units assessed: {}.",
                self.units.len(),
                grades.join(", ")
            )
        };
        html.element("p", Some("lead"), &lead);
        let chart = chart_options(PAGE_CHART, options);
        let pages = self.ranking_page_count(&chart);
        for page in 0..pages {
            let caption = if html.zh() {
                format!("绩效得分与构成,部门与街镇分列;第 {} / {pages} 页", page + 1)
            } else {
                format!("Performance scores and their parts, departments and streets/towns apart; page {} of {pages}", page + 1)
            };
            html.figure(&self.ranking_svg(&ChartOptions { page, ..chart }), &caption);
        }
        let components = self.component_names();
        for (group, zh_name, en_name) in [
            (false, "部门", "Departments"),
            (true, "街道、镇", "Streets and towns"),
        ] {
            let units: Vec<&UnitAssessment> = self
                .units
                .iter()
                .filter(|u| matches!(u.kind, UnitKind::Street | UnitKind::Town) == group)
                .collect();
            if units.is_empty() {
                continue;
            }
            let zh = html.zh();
            html.element("h3", None, if zh { zh_name } else { en_name });
            let mut headings: Vec<&str> = if zh {
                vec!["名次", "单位", "牵头得分", "配合得分", "目标完成"]
            } else {
                vec!["Rank", "Unit", "Lead", "Partner", "Targets"]
            };
            let component_names: Vec<String> = components
                .iter()
                .map(|c| crate::charts::component_name(c, zh))
                .collect();
            headings.extend(component_names.iter().map(String::as_str));
            headings.extend(if zh {
                ["绩效得分", "等次"]
            } else {
                ["Performance", "Grade"]
            });
            let score = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
            let rows: Vec<Vec<Cell>> = units
                .iter()
                .map(|u| {
                    let mut cells = vec![
                        Cell::Number(u.group_rank.to_string()),
                        Cell::Text(u.name.clone()),
                        Cell::Number(score(u.lead_score)),
                        Cell::Number(score(u.partner_score)),
                        Cell::Number(format!("{:.2}", u.target_completion)),
                    ];
                    cells.extend(
                        components
                            .iter()
                            .map(|c| Cell::Number(score(u.components.get(c).copied()))),
                    );
                    cells.push(Cell::Number(format!("{:.2}", u.performance)));
                    cells.push(Cell::Text(
                        if zh {
                            u.grade.chinese()
                        } else {
                            u.grade.english()
                        }
                        .to_owned(),
                    ));
                    cells
                })
                .collect();
            html.table(&headings, &rows, None);
        }
        if !self.not_assessed.is_empty() {
            let names: Vec<&str> = self.not_assessed.iter().map(|u| u.as_str()).collect();
            let text = if html.zh() {
                format!("未参加考核(无牵头或配合的考核事项):{}。", names.join("、"))
            } else {
                format!(
                    "Not assessed (no assessed work led or partnered): {}.",
                    names.join(", ")
                )
            };
            html.element("p", Some("more"), &text);
        }
    }

    fn explanations(&self, html: &mut Html, options: &BulletinOptions) {
        let heading = html.say("得分说明", "Scores explained");
        html.numbered_heading(heading);
        let chart = chart_options(SMALL_CHART, options);
        for unit in &self.units {
            let svg = crate::charts::explanation_of(unit, &chart);
            let caption = if html.zh() {
                format!(
                    "{}:各部分加权得分累计至绩效得分 {:.2}",
                    unit.name, unit.performance
                )
            } else {
                format!(
                    "{}: the weighted parts adding up to {:.2}",
                    unit.name, unit.performance
                )
            };
            html.figure(&svg, &caption);
        }
    }

    fn accountable(&self, html: &mut Html, plan: Option<&Plan>) {
        let heading = html.say("问责清单", "Accountability");
        html.numbered_heading(heading);
        let zh = html.zh();
        let language = html.language();
        let headings = if zh {
            vec![
                "节点",
                "到期日",
                "逾期天数",
                "牵头单位",
                "责任人",
                "分管区领导",
                "原因",
            ]
        } else {
            vec![
                "Milestone",
                "Due",
                "Days overdue",
                "Lead unit",
                "Responsible",
                "Supervisor",
                "Reason",
            ]
        };
        // Units named from the plan, or else from the assessment itself, found by id.
        let assessed: std::collections::HashMap<&str, &str> = self
            .units
            .iter()
            .map(|u| (u.unit.as_str(), u.name.as_str()))
            .collect();
        let unit = |id: &str| {
            plan.and_then(|plan| plan.unit(id))
                .map(|u| u.name.clone())
                .or_else(|| assessed.get(id).map(|name| (*name).to_owned()))
                .unwrap_or_else(|| id.to_owned())
        };
        let person = |id: &str| {
            plan.and_then(|plan| plan.person(id))
                .map_or_else(|| id.to_owned(), |p| p.name.clone())
        };
        let rows: Vec<Vec<Cell>> = self
            .accountability
            .iter()
            .map(|item| {
                let mut reason = match &item.reason {
                    Some(r) => format!("{}:{}", language.class(r.class), r.text),
                    None if zh => "未说明原因".to_owned(),
                    None => "no reason recorded".to_owned(),
                };
                if item.refused_request {
                    reason.push_str(if zh {
                        "(延期申请未获批准)"
                    } else {
                        " (later date refused)"
                    });
                }
                vec![
                    Cell::Text(item.title.clone()),
                    Cell::Date(item.due.to_string()),
                    Cell::Number(item.days_overdue.to_string()),
                    Cell::Text(unit(item.lead_unit.as_str())),
                    Cell::Text(
                        item.responsible_person
                            .as_ref()
                            .map(|p| person(p.as_str()))
                            .unwrap_or_default(),
                    ),
                    Cell::Text(person(item.supervising_leader.as_str())),
                    Cell::Text(reason),
                ]
            })
            .collect();
        html.table(&headings, &rows, None);
    }
}
