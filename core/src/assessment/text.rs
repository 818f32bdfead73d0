//! The assessment as text, in Chinese or English.

use std::fmt::Write;

use super::credit::CreditBasis;
use super::{Assessment, Explained, Explanation};
use crate::report::width::{pad_left, pad_right};
use crate::report::Language;

pub(crate) fn label(explained: &Explained, language: Language) -> String {
    let zh = language == Language::Chinese;
    match explained {
        Explained::Performance => (if zh { "绩效总分" } else { "performance" }).to_owned(),
        Explained::TargetCompletion => (if zh {
            "目标完成"
        } else {
            "target completion"
        })
        .to_owned(),
        Explained::LeadWork => (if zh { "牵头工作" } else { "lead work" }).to_owned(),
        Explained::Cooperation => (if zh { "配合工作" } else { "cooperation" }).to_owned(),
        Explained::Component { name } => name.clone(),
        Explained::KeyTask { id, title } => format!("{id} {title}"),
        Explained::SubProject { id, title } => format!("{id} {title}"),
        Explained::Milestone { id, title, basis } => {
            let why = match basis {
                CreditBasis::OnTime => (if zh { "按期完成" } else { "on time" }).to_owned(),
                CreditBasis::Early { periods, bonus } => {
                    if zh {
                        format!("提前{periods}期完成, 加分{bonus}")
                    } else {
                        format!("{periods} period(s) early, bonus {bonus}")
                    }
                }
                CreditBasis::Late { days } => {
                    if zh {
                        format!("逾期{days}天完成")
                    } else {
                        format!("{days} day(s) late")
                    }
                }
                CreditBasis::LateExcused => (if zh {
                    "逾期完成(客观原因,不扣分)"
                } else {
                    "late for an objective reason, not penalised"
                })
                .to_owned(),
                CreditBasis::Missed { rule, achieved } => {
                    let share =
                        achieved.map_or_else(String::new, |a| format!(" {:.0}%", a * 100.0));
                    if zh {
                        format!("未完成{share}, 规则 {rule}")
                    } else {
                        format!("missed{share}, rule {rule}")
                    }
                }
            };
            format!("{id} {title} ({why})")
        }
        Explained::Rating { sub_project, by } => {
            if zh {
                format!("{by} 对 {sub_project} 的配合评分")
            } else {
                format!("rating by {by} on {sub_project}")
            }
        }
        Explained::MissingRating { sub_project, by } => {
            if zh {
                format!("{by} 未对 {sub_project} 评分(按中性分)")
            } else {
                format!("no rating by {by} on {sub_project} (neutral score)")
            }
        }
        Explained::Cap => (if zh { "封顶100分" } else { "capped at 100" }).to_owned(),
    }
}

impl Explanation {
    /// The tree as indented text: each node's score, its weight among its siblings, and
    /// the points of the total it accounts for.
    pub fn render(&self, language: Language) -> String {
        let mut out = String::new();
        self.render_into(&mut out, language, 0);
        out
    }

    fn render_into(&self, out: &mut String, language: Language, depth: usize) {
        let (score, weight, points) = match language {
            Language::Chinese => ("得分", "权重", "贡献"),
            Language::English => ("score", "weight", "points"),
        };
        let _ = writeln!(
            out,
            "{}{}: {score} {:.2}, {weight} {:.4}, {points} {:.4}",
            "  ".repeat(depth),
            label(&self.explained, language),
            self.score,
            self.weight,
            self.points
        );
        for child in &self.children {
            child.render_into(out, language, depth + 1);
        }
    }
}

impl Assessment {
    /// The ranking with grades, the explanation of the first unit, and the
    /// accountability list, as text.
    pub fn render(&self, language: Language) -> String {
        let zh = language == Language::Chinese;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {}",
            if zh {
                "年度考核 截至"
            } else {
                "Year-end assessment as of"
            },
            self.as_of
        );
        let headings: [&str; 8] = if zh {
            [
                "名次",
                "类别内",
                "单位",
                "牵头",
                "配合",
                "目标完成",
                "绩效",
                "等次",
            ]
        } else {
            [
                "Rank", "In group", "Unit", "Lead", "Partner", "Targets", "Score", "Grade",
            ]
        };
        let widths = [6, 10, 28, 8, 8, 10, 8, 10];
        let mut line = String::new();
        for (heading, width) in headings.iter().zip(widths) {
            line.push_str(&pad_right(heading, width));
        }
        let _ = writeln!(out, "\n{}", line.trim_end());
        let number =
            |value: Option<f64>| value.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"));
        for unit in &self.units {
            let cells = [
                pad_left(&unit.rank.to_string(), 4) + "  ",
                pad_left(&unit.group_rank.to_string(), 8) + "  ",
                pad_right(&unit.name, 28),
                pad_left(&number(unit.lead_score), 6) + "  ",
                pad_left(&number(unit.partner_score), 6) + "  ",
                pad_left(&format!("{:.2}", unit.target_completion), 8) + "  ",
                pad_left(&format!("{:.2}", unit.performance), 6) + "  ",
                (if zh {
                    unit.grade.chinese()
                } else {
                    unit.grade.english()
                })
                .to_owned(),
            ];
            let _ = writeln!(out, "{}", cells.concat());
        }
        if let Some(top) = self.units.first() {
            let _ = writeln!(
                out,
                "\n{} {} ({})",
                if zh {
                    "得分构成:"
                } else {
                    "Explanation of"
                },
                top.name,
                top.unit
            );
            out.push_str(&top.explanation.render(language));
        }
        let _ = writeln!(
            out,
            "\n{} ({})",
            if zh { "问责清单" } else { "Accountability" },
            self.accountability.len()
        );
        for item in &self.accountability {
            let why = match (&item.reason, item.refused_request) {
                (_, true) => (if zh {
                    "延期申请被驳回"
                } else {
                    "later date refused"
                })
                .to_owned(),
                (Some(reason), _) => reason.text.clone(),
                (None, _) => (if zh {
                    "未说明原因"
                } else {
                    "no reason given"
                })
                .to_owned(),
            };
            let _ = writeln!(
                out,
                "  - {} [{}] {}: {} {} ({}), {}: {}, {}: {}, {}: {}",
                item.title,
                item.milestone,
                if zh { "到期" } else { "due" },
                item.due,
                if zh {
                    format!("逾期{}天", item.days_overdue)
                } else {
                    format!("{} days overdue", item.days_overdue)
                },
                why,
                if zh { "牵头单位" } else { "lead unit" },
                item.lead_unit,
                if zh { "责任人" } else { "responsible" },
                item.responsible_person.as_ref().map_or("-", |p| p.as_str()),
                if zh { "分管领导" } else { "supervisor" },
                item.supervising_leader
            );
        }
        out
    }
}
