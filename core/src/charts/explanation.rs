//! One unit's score explained as a waterfall a leader can read: each weighted part of the
//! performance score adds its points, from zero up to the total.

use super::ranking::{part_colour, part_name};
use super::svg::{fit, whole};
use super::{page_frame, ChartOptions, Frame, HALF_EM};
use crate::assessment::{Assessment, UnitAssessment};
use crate::error::ArgumentError;
use crate::Language;

impl Assessment {
    /// The explanation of `unit`'s performance score as SVG: a bar for each weighted part
    /// (target completion, then the host's components), each starting where the last
    /// ended and labelled with the points it adds, its score and weight, then the total
    /// with grade and rank.
    ///
    /// # Errors
    ///
    /// [`ArgumentError`] when `unit` is not an assessed unit.
    pub fn explanation_svg(
        &self,
        unit: &str,
        options: &ChartOptions,
    ) -> Result<String, ArgumentError> {
        let assessed = self
            .unit(unit)
            .ok_or_else(|| {
                ArgumentError::new(
                    "unit",
                    format!("`{unit}` is not a unit of this assessment; give the id of a unit in its ranking"),
                    format!("“{unit}”不是本次考核的单位;请填写排名中某个单位的 id"),
                )
            })?;
        Ok(explanation_of(assessed, options))
    }
}

/// The explanation chart of one assessed unit (see [`Assessment::explanation_svg`]).
pub(crate) fn explanation_of(assessed: &UnitAssessment, options: &ChartOptions) -> String {
    let frame = Frame::new(options);
    let zh = options.language == Language::Chinese;
    let parts = &assessed.explanation.children;
    let grade = if zh {
        assessed.grade.chinese()
    } else {
        assessed.grade.english()
    };
    let title = if zh {
        format!(
            "{} 绩效得分构成:{:.2} 分,{grade},第{}名",
            assessed.name, assessed.performance, assessed.group_rank
        )
    } else {
        format!(
            "{}: performance {:.2}, {grade}, #{}",
            assessed.name, assessed.performance, assessed.group_rank
        )
    };
    let steps: Vec<String> = parts
        .iter()
        .map(|p| {
            if zh {
                format!(
                    "{} {:.2} 分(得分 {:.2} × 权重 {:.0}%)",
                    part_name(&p.explained, true),
                    p.points,
                    p.score,
                    p.weight * 100.0
                )
            } else {
                format!(
                    "{} {:.2} points (score {:.2} × weight {:.0}%)",
                    part_name(&p.explained, false),
                    p.points,
                    p.score,
                    p.weight * 100.0
                )
            }
        })
        .collect();
    let description = if zh {
        format!(
            "{} 的绩效得分由各部分累加而成:{};合计 {:.2} 分。",
            assessed.name,
            steps.join(","),
            assessed.performance
        )
    } else {
        format!(
            "{}'s performance score adds up from its parts: {}; {:.2} in all.",
            assessed.name,
            steps.join(", "),
            assessed.performance
        )
    };
    let (mut svg, area) = page_frame(&frame, &title, &description);
    let left = area.left + 40.0;
    let right = area.left + area.width - 8.0;
    let top = area.top + 24.0;
    let bottom = frame.legend_top - 40.0;
    let y_of = |points: f64| bottom - (bottom - top) * points.clamp(0.0, 100.0) / 100.0;
    // The points axis: a rule every 20.
    let ticks: Vec<(f64, String)> = [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        .iter()
        .map(|&tick| (y_of(tick), format!("{tick:.0}")))
        .collect();
    svg.value_axis((left, right), &ticks);
    let bars = parts.len() + 1;
    let slot = (right - left) / f64::from(u32::try_from(bars).unwrap_or(1));
    let bar = (slot * 0.6).min(120.0);
    let label_units = whole((slot - 8.0) / HALF_EM);
    let mut start = 0.0;
    for (n, part) in parts.iter().enumerate() {
        let x = left + slot * f64::from(u32::try_from(n).unwrap_or(0)) + (slot - bar) / 2.0;
        let end = start + part.points.max(0.0);
        let name = part_name(&part.explained, zh);
        let tooltip = if zh {
            format!(
                "{name}:{:.2} 分(得分 {:.2} × 权重 {:.0}%)",
                part.points,
                part.score,
                part.weight * 100.0
            )
        } else {
            format!(
                "{name}: {:.2} points (score {:.2} × weight {:.0}%)",
                part.points,
                part.score,
                part.weight * 100.0
            )
        };
        svg.open_group("step", Some(&tooltip));
        svg.rect(
            (x, y_of(end), bar, y_of(start) - y_of(end)),
            &format!(r#"fill="{}""#, part_colour(n)),
        );
        svg.text(
            (x + bar / 2.0, y_of(end) - 6.0),
            &format!("+{:.2}", part.points),
            r##"font-size="12" text-anchor="middle" fill="#212121""##,
        );
        svg.text(
            (x + bar / 2.0, bottom + 16.0),
            &fit(&name, label_units),
            r##"font-size="12" text-anchor="middle" fill="#212121""##,
        );
        let detail = format!("{:.1} × {:.0}%", part.score, part.weight * 100.0);
        svg.text(
            (x + bar / 2.0, bottom + 31.0),
            &detail,
            r##"font-size="11" text-anchor="middle" fill="#616161""##,
        );
        svg.close_group();
        // A dashed step to where the next part starts.
        svg.line(
            (x + bar, y_of(end)),
            (x + slot, y_of(end)),
            r##"stroke="#9e9e9e" stroke-dasharray="3 3""##,
        );
        start = end;
    }
    let x = left + slot * f64::from(u32::try_from(parts.len()).unwrap_or(0)) + (slot - bar) / 2.0;
    let total = if zh { "合计" } else { "total" };
    svg.open_group(
        "total",
        Some(&format!("{total} {:.2}", assessed.performance)),
    );
    svg.rect(
        (
            x,
            y_of(assessed.performance),
            bar,
            y_of(0.0) - y_of(assessed.performance),
        ),
        r##"fill="#424242""##,
    );
    svg.text(
        (x + bar / 2.0, y_of(assessed.performance) - 6.0),
        &format!("{:.2}", assessed.performance),
        r##"font-size="13" font-weight="bold" text-anchor="middle" fill="#212121""##,
    );
    svg.text(
        (x + bar / 2.0, bottom + 16.0),
        total,
        r##"font-size="12" text-anchor="middle" fill="#212121""##,
    );
    svg.text(
        (x + bar / 2.0, bottom + 31.0),
        &format!(
            "{grade} · {}",
            if zh {
                format!("第{}名", assessed.group_rank)
            } else {
                format!("#{}", assessed.group_rank)
            }
        ),
        r##"font-size="11" text-anchor="middle" fill="#616161""##,
    );
    svg.close_group();
    svg.finish()
}
