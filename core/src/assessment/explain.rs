//! Explanations: every point of a unit's score traced to the milestones, ratings,
//! components and weights it came from.

use serde::{Deserialize, Serialize};

use super::credit::CreditBasis;
use crate::ids::{KeyTaskId, MilestoneId, SubProjectId, UnitId};

/// What a node of an explanation stands for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Explained {
    /// The performance score.
    Performance,
    /// Target completion: lead work and cooperation.
    TargetCompletion,
    /// The unit's lead score, from the milestones it leads.
    LeadWork,
    /// The unit's partner (cooperation) score, from its ratings.
    Cooperation,
    /// A component the host system supplied.
    Component {
        /// The component's name.
        name: String,
    },
    /// A key task the unit leads part of.
    KeyTask {
        /// The key task.
        id: KeyTaskId,
        /// Its title.
        title: String,
    },
    /// A sub-project the unit leads.
    SubProject {
        /// The sub-project.
        id: SubProjectId,
        /// Its title.
        title: String,
    },
    /// A milestone's credit.
    Milestone {
        /// The milestone.
        id: MilestoneId,
        /// Its title.
        title: String,
        /// Why it earned its credit, naming the rule.
        basis: CreditBasis,
    },
    /// A rating a lead unit gave the unit as its partner.
    Rating {
        /// The shared sub-project.
        sub_project: SubProjectId,
        /// The lead unit that rated.
        by: UnitId,
    },
    /// A rating the lead unit did not give, counted by the scheme's neutral score.
    MissingRating {
        /// The shared sub-project.
        sub_project: SubProjectId,
        /// The lead unit that did not rate.
        by: UnitId,
    },
    /// What the cap at 100 took off a score raised above it by early bonuses.
    Cap,
}

/// One node of a unit's explanation. The `points` of a node's children add up to its own
/// points, and the root's points are the unit's performance score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the node stands for.
    #[serde(flatten)]
    pub explained: Explained,
    /// The node's own score, from 0 to 100 (a milestone: its credit × 100).
    pub score: f64,
    /// Its weight among its siblings, as a share of 1.
    pub weight: f64,
    /// The points of the performance score that come from it.
    pub points: f64,
    /// The nodes it is made of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Explanation>,
}

impl Explanation {
    pub(crate) fn leaf(explained: Explained, score: f64, weight: f64, points: f64) -> Self {
        Self {
            explained,
            score,
            weight,
            points,
            children: Vec::new(),
        }
    }

    /// The largest difference, anywhere in the tree, between a node's points and the sum
    /// of its children's: 0 up to rounding.
    pub fn imbalance(&self) -> f64 {
        if self.children.is_empty() {
            return 0.0;
        }
        let sum: f64 = self.children.iter().map(|child| child.points).sum();
        self.children
            .iter()
            .map(Explanation::imbalance)
            .fold((sum - self.points).abs(), f64::max)
    }

    /// Every node, depth first.
    pub fn nodes(&self) -> Vec<&Explanation> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.nodes());
        }
        out
    }
}
