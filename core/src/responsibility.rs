//! Responsibility (责任): who leads and who helps with each piece of work, and the
//! responsibility contracts (责任书) signed level by level.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{ContractId, KeyTaskId, PersonId, SubProjectId, UnitId};

/// Who answers for a sub-project or milestone: one lead unit (牵头单位), any partner units
/// (配合单位), and the responsible person.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// The unit that leads the work; required by validation ("no vague goal").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<UnitId>,
    /// Units that share the work; the lead unit rates them at year end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partner_units: Vec<UnitId>,
    /// The person who answers for the work, of the lead unit or one of its sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_person: Option<PersonId>,
}

/// Which two levels a responsibility contract binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    /// A district leader (the district head or a deputy) with the head of a unit.
    LeaderWithUnitHead,
    /// The head of a unit with the head of one of its sections.
    UnitHeadWithSectionHead,
}

impl ContractKind {
    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ContractKind::LeaderWithUnitHead => "leader_with_unit_head",
            ContractKind::UnitHeadWithSectionHead => "unit_head_with_section_head",
        }
    }
}

/// A signed responsibility contract (责任书): the upper signer assigns the covered key tasks,
/// the lower signer takes responsibility for them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// The contract's id, unique among contracts.
    pub id: ContractId,
    /// Which two levels the contract binds.
    pub kind: ContractKind,
    /// The signer who assigns the work: a district leader, or a unit head.
    pub upper_signer: PersonId,
    /// The signer who takes responsibility: a unit head, or a section head.
    pub lower_signer: PersonId,
    /// The day both signed.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
    pub signed_on: NaiveDate,
    /// The key tasks the contract covers.
    pub key_tasks: Vec<KeyTaskId>,
}

/// A lead unit's rating of one of its partner units on a shared sub-project: the lead unit
/// scores its partners at year end, once per partner per sub-project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnerRating {
    /// The shared sub-project.
    pub sub_project: SubProjectId,
    /// The partner unit rated.
    pub partner: UnitId,
    /// The score, from 0 to 100.
    pub score: f64,
    /// The person of the lead unit who rated.
    pub rated_by: PersonId,
    /// The day of the rating.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "json-schema", schemars(with = "NaiveDate"))]
    pub rated_on: NaiveDate,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
