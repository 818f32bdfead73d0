//! Grades (评优) and rankings.

use serde::{Deserialize, Serialize};

use super::scheme::GradeBands;
use super::UnitAssessment;

/// Two scores this close are a tie.
const TIE: f64 = 1e-9;

/// A unit's grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀.
    Excellent,
    /// 良好.
    Good,
    /// 合格.
    Pass,
    /// 不合格.
    Fail,
}

impl Grade {
    /// The grade's name in Chinese, as the district writes it.
    pub fn chinese(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Pass => "合格",
            Grade::Fail => "不合格",
        }
    }

    /// The grade's name in English.
    pub fn english(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Pass => "pass",
            Grade::Fail => "fail",
        }
    }

    fn of(score: f64, bands: &GradeBands) -> Self {
        if score >= bands.excellent - TIE {
            Grade::Excellent
        } else if score >= bands.good - TIE {
            Grade::Good
        } else if score >= bands.pass - TIE {
            Grade::Pass
        } else {
            Grade::Fail
        }
    }
}

/// Standard competition ranks (1, 2, 2, 4) of scores sorted from the highest down.
fn competition_ranks(scores: &[f64]) -> Vec<u32> {
    let mut ranks = Vec::with_capacity(scores.len());
    let mut rank = 1u32;
    for (i, score) in scores.iter().enumerate() {
        let tied = i > 0
            && scores
                .get(i - 1)
                .is_some_and(|previous| (previous - score).abs() <= TIE);
        if !tied {
            rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        ranks.push(rank);
    }
    ranks
}

/// Sorts the units by performance (then id), ranks them overall and within their group
/// (departments; streets and towns), and grades them, holding the quota on excellent: a
/// group of units tied at the quota's edge is graded good as a whole rather than split.
pub(super) fn rank_and_grade(units: &mut [UnitAssessment], bands: &GradeBands) {
    units.sort_by(|a, b| {
        b.performance
            .total_cmp(&a.performance)
            .then_with(|| a.unit.cmp(&b.unit))
    });
    let scores: Vec<f64> = units.iter().map(|u| u.performance).collect();
    for (unit, rank) in units.iter_mut().zip(competition_ranks(&scores)) {
        unit.rank = rank;
    }
    for streets in [false, true] {
        let members: Vec<usize> = (0..units.len())
            .filter(|&i| {
                units
                    .get(i)
                    .is_some_and(|u| u.kind.is_street_or_town() == streets)
            })
            .collect();
        let scores: Vec<f64> = members
            .iter()
            .filter_map(|&i| units.get(i).map(|u| u.performance))
            .collect();
        for (&i, rank) in members.iter().zip(competition_ranks(&scores)) {
            if let Some(unit) = units.get_mut(i) {
                unit.group_rank = rank;
            }
        }
    }
    for unit in units.iter_mut() {
        unit.grade = Grade::of(unit.performance, bands);
    }
    if let Some(quota) = bands.excellent_quota {
        // Units up to the quota may be excellent; the count stays far below 2^52.
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let allowed = (quota * units.len() as f64 + TIE).floor().max(0.0) as usize;
        let excellent: Vec<usize> = (0..units.len())
            .filter(|&i| units.get(i).is_some_and(|u| u.grade == Grade::Excellent))
            .collect();
        for &i in &excellent {
            let Some(score) = units.get(i).map(|u| u.performance) else {
                continue;
            };
            // The places this unit's tie group reaches down to among the excellent.
            let reach = excellent
                .iter()
                .filter(|&&j| units.get(j).is_some_and(|u| u.performance >= score - TIE))
                .count();
            if reach > allowed {
                if let Some(unit) = units.get_mut(i) {
                    unit.grade = Grade::Good;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::assessment::{Explained, Explanation};
    use crate::organisation::UnitKind;

    fn units(scores: &[f64]) -> Vec<UnitAssessment> {
        scores
            .iter()
            .enumerate()
            .map(|(i, &score)| UnitAssessment {
                unit: format!("u{i}").into(),
                name: format!("unit {i}"),
                kind: if i % 2 == 0 {
                    UnitKind::Department
                } else {
                    UnitKind::Street
                },
                lead_score: Some(score),
                partner_score: None,
                target_completion: score,
                components: Default::default(),
                performance: score,
                rank: 0,
                group_rank: 0,
                grade: Grade::Fail,
                explanation: Explanation::leaf(Explained::Performance, score, 1.0, score),
            })
            .collect()
    }

    fn bands(quota: Option<f64>) -> GradeBands {
        GradeBands {
            excellent: 90.0,
            good: 80.0,
            pass: 60.0,
            excellent_quota: quota,
        }
    }

    #[test]
    fn grades_follow_the_bands() {
        let mut list = units(&[95.0, 85.0, 70.0, 59.9, 90.0]);
        rank_and_grade(&mut list, &bands(None));
        let grades: Vec<(f64, Grade)> = list.iter().map(|u| (u.performance, u.grade)).collect();
        assert_eq!(
            grades,
            vec![
                (95.0, Grade::Excellent),
                (90.0, Grade::Excellent),
                (85.0, Grade::Good),
                (70.0, Grade::Pass),
                (59.9, Grade::Fail)
            ]
        );
    }

    #[test]
    fn the_quota_holds_and_ties_at_its_edge_are_graded_good_together() {
        // 10 units, quota 20%: floor(2) = 2 may be excellent. Scores 97, 95, 93 are all
        // excellent by band: 97 and 95 keep it, 93 is graded good.
        let mut list = units(&[97.0, 95.0, 93.0, 85.0, 84.0, 83.0, 82.0, 81.0, 70.0, 60.0]);
        rank_and_grade(&mut list, &bands(Some(0.2)));
        let excellent: Vec<f64> = list
            .iter()
            .filter(|u| u.grade == Grade::Excellent)
            .map(|u| u.performance)
            .collect();
        assert_eq!(excellent, vec![97.0, 95.0]);
        // 97, then 95 and 95 tied for the second place: admitting the tie would make three;
        // both tied units are graded good.
        let mut list = units(&[97.0, 95.0, 95.0, 85.0, 84.0, 83.0, 82.0, 81.0, 70.0, 60.0]);
        rank_and_grade(&mut list, &bands(Some(0.2)));
        let excellent: Vec<f64> = list
            .iter()
            .filter(|u| u.grade == Grade::Excellent)
            .map(|u| u.performance)
            .collect();
        assert_eq!(excellent, vec![97.0]);
        let ranks: Vec<u32> = list.iter().map(|u| u.rank).collect();
        assert_eq!(ranks, vec![1, 2, 2, 4, 5, 6, 7, 8, 9, 10]);
        // Departments (even positions) and streets (odd) are ranked apart.
        let group: Vec<u32> = list.iter().map(|u| u.group_rank).collect();
        assert_eq!(group, vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    #[test]
    fn ties_share_a_rank_and_the_next_rank_skips() {
        assert_eq!(
            competition_ranks(&[95.0, 90.0, 90.0, 80.0]),
            vec![1, 2, 2, 4]
        );
        assert_eq!(competition_ranks(&[70.0, 70.0, 70.0]), vec![1, 1, 1]);
        assert!(competition_ranks(&[]).is_empty());
    }
}
