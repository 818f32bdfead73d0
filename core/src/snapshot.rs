//! Roll-ups and assessments as bytes: what a worker sends back when the parts of a plan,
//! or many plans, are evaluated on other processes or machines (a Dask or Spark cluster).
//!
//! The bytes are a header — a magic name (`MUBIAO-ROLLUP`, `MUBIAO-ASSESSMENT`), a zero
//! byte and a little-endian `u16` version — then the value as JSON. Reading them back
//! checks all three and every figure: a roll-up whose counts cannot come from an
//! evaluation (more milestones by status than in all, a light for more milestones than
//! there are, a lagging list of another length than the lagging count), or an assessment
//! with a score outside 0–100 or a rank of 0, is refused, so forged or damaged bytes never
//! reach a district's figures.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::assessment::Assessment;
use crate::error::FormatError;
use crate::rollup::{Rollup, Summary};

/// The first bytes of a roll-up.
const MAGIC: &[u8] = b"MUBIAO-ROLLUP\0";
/// The version of the roll-up bytes this library writes and reads.
pub const ROLLUP_BYTES_VERSION: u16 = 1;
/// The first bytes of an assessment.
const ASSESSMENT_MAGIC: &[u8] = b"MUBIAO-ASSESSMENT\0";
/// The version of the assessment bytes this library writes and reads.
pub const ASSESSMENT_BYTES_VERSION: u16 = 1;

/// `value` as bytes after the header `magic` and `version`.
fn write<T: Serialize>(magic: &[u8], version: u16, value: &T) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(4096);
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&version.to_le_bytes());
    // Roll-ups and assessments hold text keys, text and numbers only: writing cannot fail.
    let _ = serde_json::to_writer(&mut bytes, value);
    bytes
}

/// The value after the header `magic` and `version` — `what` in English and Chinese names
/// it in errors.
fn read<T: DeserializeOwned>(
    bytes: &[u8],
    magic: &[u8],
    version: u16,
    (what, what_zh): (&str, &str),
) -> Result<T, FormatError> {
    let name = String::from_utf8_lossy(magic.strip_suffix(b"\0").unwrap_or(magic)).into_owned();
    let Some(rest) = bytes.strip_prefix(magic) else {
        return Err(refused(
            format!("these bytes are not a mubiao {what} (they do not start with `{name}`); pass the bytes `to_bytes` wrote"),
            format!("这些字节不是 mubiao {what_zh}(开头不是 `{name}`);请传入 `to_bytes` 写出的字节"),
        ));
    };
    let (Some(&low), Some(&high)) = (rest.first(), rest.get(1)) else {
        return Err(refused(
            format!("the {what}'s bytes end after their header; send the whole of them"),
            format!("{what_zh}的字节在开头之后就结束了;请完整传送"),
        ));
    };
    let found = u16::from_le_bytes([low, high]);
    if found != version {
        return Err(refused(
            format!("the {what} was written in version {found} of the format; this library reads version {version}: evaluate with the same mubiao version everywhere"),
            format!("该{what_zh}采用第 {found} 版格式写出,本库读取第 {version} 版;请各处使用同一版本的 mubiao"),
        ));
    }
    serde_json::from_slice(rest.get(2..).unwrap_or_default())
        .map_err(|error| FormatError::from_json(error, String::new()))
}

fn refused(message: String, message_zh: String) -> FormatError {
    FormatError::Snapshot {
        message,
        message_zh,
    }
}

impl Rollup {
    /// The roll-up as versioned bytes, to send to another process and merge there; read
    /// back with [`Rollup::from_bytes`].
    ///
    /// ```
    /// use mubiao::{Plan, Rollup, StatusOptions};
    /// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/xuhui-2017.json"))?;
    /// let plan = Plan::from_json_str(&json)?;
    /// let as_of = chrono::NaiveDate::from_ymd_opt(2017, 3, 31).unwrap_or_default();
    /// let rollup = plan.status(as_of, &StatusOptions::default())?.rollup();
    /// let bytes = rollup.to_bytes();
    /// assert_eq!(Rollup::from_bytes(&bytes)?, rollup);
    /// // Merging with the empty roll-up changes nothing.
    /// assert_eq!(Rollup::empty().merge(&rollup)?, rollup);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        write(MAGIC, ROLLUP_BYTES_VERSION, self)
    }

    /// A roll-up from the bytes [`Rollup::to_bytes`] wrote, checked: the header, the
    /// version, the JSON, and every count.
    ///
    /// # Errors
    ///
    /// [`FormatError::Snapshot`] (code `bad-snapshot`) for bytes that are not a roll-up,
    /// of another version, or whose counts do not add up; [`FormatError::Syntax`] or
    /// [`FormatError::Shape`] for a damaged body.
    pub fn from_bytes(bytes: &[u8]) -> Result<Rollup, FormatError> {
        let rollup: Rollup = read(bytes, MAGIC, ROLLUP_BYTES_VERSION, ("roll-up", "汇总"))?;
        rollup.check()?;
        Ok(rollup)
    }

    /// Refuses counts no evaluation can give.
    fn check(&self) -> Result<(), FormatError> {
        // Each group as (what it is in English and Chinese, its key, its counts).
        let groups = std::iter::once((("the whole plan", "全部"), "", &self.overall))
            .chain(
                self.by_supervising_leader
                    .iter()
                    .map(|(k, s)| (("supervising leader", "分管领导"), k.as_str(), s)),
            )
            .chain(
                self.by_lead_unit
                    .iter()
                    .map(|(k, s)| (("lead unit", "牵头单位"), k.as_str(), s)),
            )
            .chain(
                self.by_partner_unit
                    .iter()
                    .map(|(k, s)| (("partner unit", "配合单位"), k.as_str(), s)),
            )
            .chain(
                self.by_kind
                    .iter()
                    .map(|(k, s)| (("kind of work", "工作类别"), k.as_str(), s)),
            )
            .chain(
                self.by_level
                    .iter()
                    .map(|(k, s)| (("level", "层级"), k.as_str(), s)),
            )
            .chain(
                self.by_key_task
                    .iter()
                    .map(|(k, s)| (("key task", "重点工作"), k.as_str(), s)),
            );
        for ((what, what_zh), key, summary) in groups {
            if let Some((problem, problem_zh)) = summary.inconsistency() {
                let key = if key.is_empty() {
                    String::new()
                } else {
                    format!(" `{key}`")
                };
                return Err(refused(
                    format!("the roll-up's counts for {what}{key} do not add up ({problem}); the bytes were damaged or not written by mubiao: evaluate the plan again and send the new bytes"),
                    format!("汇总中{what_zh}{key}的计数对不上({problem_zh});这些字节已损坏或并非 mubiao 写出:请重新评估计划并传送新的字节"),
                ));
            }
        }
        let listed = u64::try_from(self.lagging.len()).unwrap_or(u64::MAX);
        if listed != self.overall.lagging {
            return Err(refused(
                format!("the roll-up lists {listed} lagging milestones but counts {}; the bytes were damaged or not written by mubiao", self.overall.lagging),
                format!("汇总列出 {listed} 个滞后节点,计数却为 {};这些字节已损坏或并非 mubiao 写出", self.overall.lagging),
            ));
        }
        Ok(())
    }
}

impl Assessment {
    /// The assessment as versioned bytes, to send to another process; read back with
    /// [`Assessment::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        write(ASSESSMENT_MAGIC, ASSESSMENT_BYTES_VERSION, self)
    }

    /// An assessment from the bytes [`Assessment::to_bytes`] wrote, checked: the header,
    /// the version, the JSON, and every unit's scores (finite, 0–100) and ranks (from 1).
    ///
    /// # Errors
    ///
    /// [`FormatError::Snapshot`] (code `bad-snapshot`) for bytes that are not an
    /// assessment, of another version, or with impossible figures; [`FormatError::Syntax`]
    /// or [`FormatError::Shape`] for a damaged body.
    pub fn from_bytes(bytes: &[u8]) -> Result<Assessment, FormatError> {
        let assessment: Assessment = read(
            bytes,
            ASSESSMENT_MAGIC,
            ASSESSMENT_BYTES_VERSION,
            ("assessment", "考核结果"),
        )?;
        let score = |v: f64| v.is_finite() && (0.0..=100.0).contains(&v);
        for unit in &assessment.units {
            let scores_fit = [unit.target_completion, unit.performance]
                .into_iter()
                .chain(unit.lead_score)
                .chain(unit.partner_score)
                .chain(unit.components.values().copied())
                .all(score);
            if !scores_fit || unit.rank == 0 || unit.group_rank == 0 {
                return Err(refused(
                    format!("the assessment of unit `{}` has a score outside 0–100 or a rank of 0; the bytes were damaged or not written by mubiao", unit.unit),
                    format!("单位“{}”的考核结果有超出 0–100 的得分或为 0 的名次;这些字节已损坏或并非 mubiao 写出", unit.unit),
                ));
            }
        }
        Ok(assessment)
    }
}

impl Summary {
    /// What does not add up in these counts, if anything: the statuses must make up the
    /// milestones, the lights too, the kinds of lag the lagging, and so on for
    /// sub-projects.
    fn inconsistency(&self) -> Option<(&'static str, &'static str)> {
        let sum = |values: &[u64]| {
            values
                .iter()
                .try_fold(0u64, |total, value| total.checked_add(*value))
        };
        let statuses = sum(&[
            self.not_yet_due,
            self.completed_early,
            self.completed_on_time,
            self.completed_late,
            self.lagging,
        ]);
        if statuses != Some(self.milestones) {
            return Some(("statuses ≠ milestones", "各状态节点数之和 ≠ 节点数"));
        }
        if sum(&[self.green, self.yellow, self.red]) != Some(self.milestones) {
            return Some(("lights ≠ milestones", "各灯色节点数之和 ≠ 节点数"));
        }
        let reasons = sum(&[
            self.lagging_objective,
            self.lagging_subjective,
            self.lagging_without_reason,
        ]);
        if reasons != Some(self.lagging) {
            return Some(("kinds of lag ≠ lagging", "各类滞后原因之和 ≠ 滞后节点数"));
        }
        if self.at_risk > self.not_yet_due {
            return Some(("at risk > not yet due", "风险节点数 > 未到期节点数"));
        }
        let lights = sum(&[
            self.sub_projects_green,
            self.sub_projects_yellow,
            self.sub_projects_red,
        ]);
        if lights != Some(self.sub_projects) {
            return Some((
                "sub-project lights ≠ sub-projects",
                "各灯色子项目数之和 ≠ 子项目数",
            ));
        }
        if self.sub_projects_on_schedule > self.sub_projects_with_due_milestone
            || self.sub_projects_with_due_milestone > self.sub_projects
            || self.sub_projects_lagging > self.sub_projects
            || self.sub_projects_stale > self.sub_projects
        {
            return Some((
                "sub-project counts exceed the sub-projects",
                "子项目分项计数超过子项目数",
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forged_bytes_are_refused_with_a_reason() {
        let code = |bytes: &[u8]| Rollup::from_bytes(bytes).map_err(|e| e.code());
        assert_eq!(code(b""), Err("bad-snapshot"));
        assert_eq!(code(b"{}"), Err("bad-snapshot"));
        assert_eq!(code(b"MUBIAO-ROLLUP\0"), Err("bad-snapshot"));
        assert_eq!(code(b"MUBIAO-ROLLUP\0\x02\x00{}"), Err("bad-snapshot"));
        assert_eq!(code(b"MUBIAO-ASSESSMENT\0\x01\x00{}"), Err("bad-snapshot"));
        assert_eq!(code(b"MUBIAO-ROLLUP\0\x01\x00{"), Err("malformed-json"));
        let empty = Rollup::empty().to_bytes();
        assert_eq!(Rollup::from_bytes(&empty), Ok(Rollup::empty()));
        // Consistent counts pass; a lagging count the list does not match does not.
        let mut quiet = Rollup::empty();
        quiet.overall.milestones = 3;
        quiet.overall.not_yet_due = 3;
        quiet.overall.green = 3;
        assert_eq!(Rollup::from_bytes(&quiet.to_bytes()), Ok(quiet.clone()));
        let mut unlisted = quiet;
        unlisted.overall.not_yet_due = 0;
        unlisted.overall.lagging = 3;
        unlisted.overall.lagging_subjective = 3;
        assert_eq!(code(&unlisted.to_bytes()), Err("bad-snapshot"));
        let mut wrong = Rollup::empty();
        wrong.overall.milestones = 1;
        let message = Rollup::from_bytes(&wrong.to_bytes())
            .err()
            .map(|e| e.message(crate::Language::English));
        assert!(message.is_some_and(|m| m.contains("statuses ≠ milestones")));
        let chinese = Rollup::from_bytes(&wrong.to_bytes())
            .err()
            .map(|e| e.message(crate::Language::Chinese));
        assert!(chinese.is_some_and(|m| m.contains("计数对不上") && m.contains("各状态节点数之和")));
        // A group is named by what it is and its key, in the message's language.
        let mut unit = Rollup::empty();
        unit.by_lead_unit
            .insert(crate::ids::UnitId::from("hongmei"), wrong.overall);
        let chinese = Rollup::from_bytes(&unit.to_bytes())
            .err()
            .map(|e| e.message(crate::Language::Chinese));
        assert!(
            chinese
                .as_deref()
                .is_some_and(|m| m.contains("牵头单位 `hongmei`")),
            "{chinese:?}"
        );
        let mut huge = Rollup::empty();
        huge.overall.milestones = u64::MAX;
        huge.overall.not_yet_due = u64::MAX;
        huge.overall.completed_late = 1;
        assert!(Rollup::from_bytes(&huge.to_bytes()).is_err());
    }
}
