//! The organisation that carries out the plan: units in a tree, and the people in them.

use serde::{Deserialize, Serialize};

use crate::ids::{PersonId, UnitId};

/// What kind of unit a [`Unit`] is; it decides which roles its people may hold and how the
/// unit is ranked at year end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// The district (or city) government itself (区政府), where the district head and the
    /// deputy district heads sit; usually the root of the unit tree.
    Government,
    /// A district department or commission (委办局), such as the construction and
    /// transport commission.
    Department,
    /// A street (街道).
    Street,
    /// A town (镇).
    Town,
    /// A section (科室) inside a department, street or town.
    Section,
}

impl UnitKind {
    /// Whether the unit is a street or a town; streets and towns are ranked together.
    pub fn is_street_or_town(self) -> bool {
        matches!(self, UnitKind::Street | UnitKind::Town)
    }

    /// Whether the unit is a department, street or town: a unit that leads work, signs
    /// contracts with leaders and is scored at year end.
    pub fn is_working_unit(self) -> bool {
        matches!(
            self,
            UnitKind::Department | UnitKind::Street | UnitKind::Town
        )
    }

    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Government => "government",
            UnitKind::Department => "department",
            UnitKind::Street => "street",
            UnitKind::Town => "town",
            UnitKind::Section => "section",
        }
    }
}

/// A unit of the organisation, placed in the unit tree by its parent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The unit's id, unique among units.
    pub id: UnitId,
    /// The unit's name as people know it, e.g. `虹梅路街道`.
    pub name: String,
    /// What kind of unit this is.
    pub kind: UnitKind,
    /// The unit above this one; `None` for the root (usually the government).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
}

/// The role a person holds; roles decide who may supervise, sign and approve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The district head (区长).
    DistrictHead,
    /// A deputy district head (副区长), who supervises key tasks.
    DeputyDistrictHead,
    /// The head of a department, street or town.
    UnitHead,
    /// The head of a section inside a unit.
    SectionHead,
    /// Any other member of staff.
    Staff,
}

impl Role {
    /// Whether the role is a district leader, who may supervise key tasks.
    pub fn is_district_leader(self) -> bool {
        matches!(self, Role::DistrictHead | Role::DeputyDistrictHead)
    }

    /// The name used in documents and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::DistrictHead => "district_head",
            Role::DeputyDistrictHead => "deputy_district_head",
            Role::UnitHead => "unit_head",
            Role::SectionHead => "section_head",
            Role::Staff => "staff",
        }
    }
}

/// A person who leads, supervises or carries out work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person's id, unique among people.
    pub id: PersonId,
    /// The person's name.
    pub name: String,
    /// The role the person holds.
    pub role: Role,
    /// The unit the person belongs to.
    pub unit: UnitId,
}
