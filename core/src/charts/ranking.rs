//! The year-end ranking: each assessed unit's performance score as a bar split into the
//! weighted parts it is made of (target completion and the host's components), with its
//! grade and rank; departments and streets/towns ranked apart.

use super::svg::{fit, text_units, whole};
use super::{
    grouped_lines, label_column, nothing_to_draw, page_frame, ChartOptions, Frame, Line, Pages,
    HALF_EM, HEADER_HEIGHT, MARGIN, ROW_HEIGHT,
};
use crate::assessment::{Assessment, Explained, UnitAssessment};
use crate::organisation::UnitKind;
use crate::Language;

/// Colours for the parts of a score, in the order the scheme lists them: the Okabe–Ito
/// palette, told apart by colour-blind readers; parts beyond it repeat it, and every part
/// is named in the legend and in its tooltip.
const PART_COLOURS: [&str; 7] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
];

/// The colour of the `n`-th part of a score.
pub(super) fn part_colour(n: usize) -> &'static str {
    PART_COLOURS
        .get(n % PART_COLOURS.len())
        .copied()
        .unwrap_or("#999999")
}

/// One group of the ranking: departments, or streets and towns.
struct Group<'a> {
    streets_and_towns: bool,
    units: Vec<&'a UnitAssessment>,
}

/// The name of a weighted part of a score.
pub(super) fn part_name(explained: &Explained, zh: bool) -> String {
    match (explained, zh) {
        (Explained::TargetCompletion, true) => "目标完成".to_owned(),
        (Explained::TargetCompletion, false) => "target completion".to_owned(),
        (Explained::Component { name }, _) => component_name(name, zh),
        (Explained::LeadWork, true) => "牵头工作".to_owned(),
        (Explained::LeadWork, false) => "lead work".to_owned(),
        (Explained::Cooperation, true) => "配合工作".to_owned(),
        (Explained::Cooperation, false) => "cooperation".to_owned(),
        (_, true) => "其他".to_owned(),
        (_, false) => "other".to_owned(),
    }
}

/// A host component's name as a reader says it: the common ones in words of the chosen
/// language (`budget_execution` 预算执行), any other with its underscores as spaces.
pub(crate) fn component_name(name: &str, zh: bool) -> String {
    const KNOWN: [(&str, &str, &str); 6] = [
        ("budget_execution", "预算执行", "budget execution"),
        ("public_satisfaction", "群众满意度", "public satisfaction"),
        ("satisfaction", "满意度", "satisfaction"),
        ("leadership_evaluation", "领导评价", "leadership evaluation"),
        ("innovation", "创新工作", "innovation"),
        ("party_building", "党建工作", "party building"),
    ];
    match KNOWN.iter().find(|(id, _, _)| *id == name) {
        Some((_, chinese, _)) if zh => (*chinese).to_owned(),
        Some((_, _, english)) => (*english).to_owned(),
        None => name.replace('_', " "),
    }
}

impl Assessment {
    fn ranking_groups(&self) -> Vec<Group<'_>> {
        let street = |u: &&UnitAssessment| matches!(u.kind, UnitKind::Street | UnitKind::Town);
        let mut departments: Vec<&UnitAssessment> =
            self.units.iter().filter(|u| !street(u)).collect();
        let mut streets: Vec<&UnitAssessment> = self.units.iter().filter(street).collect();
        for units in [&mut departments, &mut streets] {
            units.sort_by(|a, b| (a.group_rank, &a.unit).cmp(&(b.group_rank, &b.unit)));
        }
        [(false, departments), (true, streets)]
            .into_iter()
            .filter(|(_, units)| !units.is_empty())
            .map(|(streets_and_towns, units)| Group {
                streets_and_towns,
                units,
            })
            .collect()
    }

    /// How many pages the ranking chart takes at the given size (at least one).
    pub fn ranking_page_count(&self, options: &ChartOptions) -> usize {
        let groups = self.ranking_groups();
        Pages::new(
            grouped_lines(&groups, |g| g.units.as_slice()),
            &Frame::new(options),
        )
        .count()
    }

    /// The ranking as SVG: departments, then streets and towns, each by its own rank; a
    /// bar per unit of its performance score (0–100) split into the points each weighted
    /// part brings (target completion, then the host's components, as the scheme lists
    /// them), its score, grade and rank at the end; rows beyond the height on further pages
    /// (`options.page`).
    pub fn ranking_svg(&self, options: &ChartOptions) -> String {
        let frame = Frame::new(options);
        let zh = options.language == Language::Chinese;
        let title = if zh {
            format!("{} 年度绩效考核排名", self.as_of)
        } else {
            format!("Year-end performance ranking, {}", self.as_of)
        };
        let groups = self.ranking_groups();
        let lines = grouped_lines(&groups, |g| g.units.as_slice());
        let paged = Pages::new(lines.clone(), &frame);
        let (page, drawn) = paged.page(options.page);
        let pages = paged.count();
        // The parts, named once, in the order the first unit (every unit has the same
        // parts) lists them.
        let parts: Vec<String> = self
            .units
            .first()
            .map(|u| {
                u.explanation
                    .children
                    .iter()
                    .map(|c| part_name(&c.explained, zh))
                    .collect()
            })
            .unwrap_or_default();
        let description = if zh {
            format!(
                "{} 个单位的绩效得分(满分 100),每条按{}分段;部门与街镇分别排名;第 {} 页,共 {} 页。",
                self.units.len(),
                parts.join("、"),
                page + 1,
                pages
            )
        } else {
            format!(
                "Performance scores (out of 100) of {} units, each bar split into {}; departments and streets/towns ranked apart; page {} of {}.",
                self.units.len(),
                parts.join(", "),
                page + 1,
                pages
            )
        };
        let (mut svg, area) = page_frame(&frame, &title, &description);
        if lines.is_empty() {
            let message = if zh {
                "没有参加考核的单位"
            } else {
                "No units assessed"
            };
            return nothing_to_draw(svg, &area, message);
        }
        let longest = lines
            .iter()
            .map(|line| match line {
                Line::Heading(_, _) => 12,
                Line::Row(unit) => text_units(&unit.name) + 6,
            })
            .max()
            .unwrap_or(10);
        let (label_width, label_units) = label_column(longest, 8.0, 100.0, 0.35, &area);
        // Room on the right for `96.34 优秀 第1名`.
        let tail = 150.0;
        let left = area.left + label_width;
        let bar_width = (area.width - label_width - tail).max(40.0);
        let x_of = |points: f64| left + bar_width * points.clamp(0.0, 100.0) / 100.0;
        // The scale: 0, 20 … 100 points.
        let bottom = area.top
            + HEADER_HEIGHT
            + ROW_HEIGHT * f64::from(u32::try_from(drawn.len()).unwrap_or(0));
        svg.open_group("scale", None);
        for tick in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
            let x = x_of(tick);
            svg.line(
                (x, area.top + HEADER_HEIGHT - 4.0),
                (x, bottom),
                r##"stroke="#e0e0e0" stroke-width="1""##,
            );
            svg.text(
                (x, area.top + 17.0),
                &format!("{tick:.0}"),
                r##"font-size="11" text-anchor="middle" fill="#616161""##,
            );
        }
        svg.close_group();
        for (i, line) in drawn.iter().enumerate() {
            let y =
                area.top + HEADER_HEIGHT + ROW_HEIGHT * f64::from(u32::try_from(i).unwrap_or(0));
            match line {
                Line::Heading(group, continued) => {
                    let name = match (group.streets_and_towns, zh) {
                        (false, true) => "部门",
                        (true, true) => "街道、镇",
                        (false, false) => "Departments",
                        (true, false) => "Streets and towns",
                    };
                    let name = match (continued, zh) {
                        (true, true) => format!("{name}(续)"),
                        (true, false) => format!("{name} (continued)"),
                        (false, _) => name.to_owned(),
                    };
                    svg.rect(
                        (MARGIN, y + 1.0, area.width, ROW_HEIGHT - 2.0),
                        r##"fill="#f5f5f5""##,
                    );
                    svg.text(
                        (area.left + 4.0, y + 14.0),
                        &name,
                        r##"font-size="13" font-weight="bold" fill="#212121""##,
                    );
                }
                Line::Row(unit) => {
                    let label = format!("{}. {}", unit.group_rank, unit.name);
                    svg.open_group("unit", Some(&unit.name));
                    svg.text(
                        (area.left + 4.0, y + 14.0),
                        &fit(&label, label_units),
                        r##"font-size="13" fill="#212121""##,
                    );
                    let mut start = 0.0;
                    for (n, part) in unit.explanation.children.iter().enumerate() {
                        let colour = part_colour(n);
                        let name = part_name(&part.explained, zh);
                        let tooltip = if zh {
                            format!("{} · {}:{:.2} 分", unit.name, name, part.points)
                        } else {
                            format!("{} · {}: {:.2} points", unit.name, name, part.points)
                        };
                        svg.open_group("part", Some(&tooltip));
                        let end = start + part.points.max(0.0);
                        svg.rect(
                            (
                                x_of(start),
                                y + 3.0,
                                x_of(end) - x_of(start),
                                ROW_HEIGHT - 6.0,
                            ),
                            &format!(r##"fill="{colour}" stroke="#ffffff" stroke-width="1""##),
                        );
                        svg.close_group();
                        start = end;
                    }
                    let grade = if zh {
                        unit.grade.chinese()
                    } else {
                        unit.grade.english()
                    };
                    let rank = if zh {
                        format!("第{}名", unit.group_rank)
                    } else {
                        format!("#{}", unit.group_rank)
                    };
                    svg.text(
                        (left + bar_width + 6.0, y + 14.0),
                        &format!("{:.2}  {grade}  {rank}", unit.performance),
                        r##"font-size="12" fill="#212121""##,
                    );
                    svg.close_group();
                }
            }
        }
        svg.open_group("legend", None);
        let step = area.width / f64::from(u32::try_from(parts.len().clamp(1, 7)).unwrap_or(1));
        for (n, name) in parts.iter().take(7).enumerate() {
            let x = area.left + step * f64::from(u32::try_from(n).unwrap_or(0));
            let colour = PART_COLOURS.get(n).copied().unwrap_or("#999999");
            svg.rect(
                (x, frame.legend_top, 18.0, 14.0),
                &format!(r#"fill="{colour}""#),
            );
            svg.text(
                (x + 24.0, frame.legend_top + 12.0),
                &fit(name, whole((step - 30.0) / HALF_EM)),
                r##"font-size="12" fill="#424242""##,
            );
        }
        svg.close_group();
        let footer = if zh {
            format!(
                "第 {} / {} 页 · 共 {} 个单位",
                page + 1,
                pages,
                self.units.len()
            )
        } else {
            format!(
                "page {} of {} · {} units",
                page + 1,
                pages,
                self.units.len()
            )
        };
        frame.footer(&mut svg, &footer);
        svg.finish()
    }
}
