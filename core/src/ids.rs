//! Identifiers of the things a plan document names.
//!
//! Every id is a short string chosen by the host system (for example `jianjiaowei` or
//! `kt-01-03`). Each kind of thing has its own id type so that a unit id can never be passed
//! where a person id is expected. Ids of up to 24 bytes are stored inline, without a heap
//! allocation of their own: a plan names millions of things, each by such an id.

use std::borrow::Borrow;
use std::fmt;

use compact_str::CompactString;

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(CompactString);

        #[cfg(feature = "json-schema")]
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <String as schemars::JsonSchema>::json_schema(generator)
            }
        }

        impl $name {
            /// Makes an id from any string; whether it names something is checked by validation.
            pub fn new(id: impl Into<String>) -> Self {
                Self(CompactString::from(id.into()))
            }

            /// The id as written in the document.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(CompactString::from(id))
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(CompactString::from(id))
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// Names a unit: the district government, a department (委办局), a street or town (街镇),
    /// or a section (科室) inside one of them.
    UnitId
);
string_id!(
    /// Names a person: a leader, a unit or section head, or a member of staff.
    PersonId
);
string_id!(
    /// Names an item of a unit's annual work plan (年度工作计划).
    PlanItemId
);
string_id!(
    /// Names a key task (重点工作) of the annual plan.
    KeyTaskId
);
string_id!(
    /// Names a sub-project (子项目) of a key task.
    SubProjectId
);
string_id!(
    /// Names a milestone (节点) of a sub-project.
    MilestoneId
);
string_id!(
    /// Names a responsibility contract (责任书).
    ContractId
);

/// Writes a whole number in decimal at the end of `out`, without the formatting machinery
/// (ids and cell names are made by the hundred thousand).
#[cfg(feature = "tables")]
fn write_decimal(out: &mut impl fmt::Write, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + u8::try_from(n % 10).unwrap_or(0);
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for byte in digits.get(at..).unwrap_or_default() {
        let _ = out.write_char(char::from(*byte));
    }
}

#[cfg(feature = "tables")]
impl MilestoneId {
    /// The id a target table gives the milestone of a period cell: `{sub-project}-{period}`,
    /// and `-{n}` after it for the n-th of several (`kt-1-2-q3`, `kt-1-2-q3-2`). Built
    /// without the formatting machinery: a table may have 100,000 of them.
    pub(crate) fn of_parts(sub_project: &str, period: &str, number: Option<usize>) -> Self {
        let mut id = CompactString::default();
        id.push_str(sub_project);
        id.push('-');
        id.push_str(period);
        if let Some(number) = number {
            id.push('-');
            write_decimal(&mut id, number);
        }
        Self(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_plain_strings() {
        let id = UnitId::new("hongmei");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"hongmei\"");
        let back: UnitId = serde_json::from_str("\"hongmei\"").unwrap();
        assert_eq!(back, id);
        assert_eq!(id.to_string(), "hongmei");
        #[cfg(feature = "tables")]
        {
            assert_eq!(
                MilestoneId::of_parts("kt-1-2", "q3", None).as_str(),
                "kt-1-2-q3"
            );
            assert_eq!(
                MilestoneId::of_parts("kt-1-2", "m07", Some(12)).as_str(),
                "kt-1-2-m07-12"
            );
        }
        assert_eq!(format!("{id:?}"), "UnitId(\"hongmei\")");
    }
}
