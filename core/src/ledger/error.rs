//! Why a change is refused, and what tampering verification finds.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::validation::Problem;

/// The rule a refused change broke. Codes never change meaning between releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// A ledger starts with the plan as adopted, and only there.
    FirstEntryAdoptsPlan,
    /// The acting person is not in the plan.
    UnknownActor,
    /// Entries are recorded in time order.
    TimestampGoesBack,
    /// This change needs a reason.
    ReasonRequired,
    /// The change names a key task, sub-project, milestone, unit or request that does not
    /// exist.
    UnknownItem,
    /// Only a person of the lead unit (or one of its sections) may do this.
    LeadUnitOnly,
    /// Only the supervising leader of the key task may do this.
    SupervisingLeaderOnly,
    /// Only the district head or a deputy district head may do this.
    DistrictLeaderOnly,
    /// Only one of the contract's two signers records it.
    SignerOnly,
    /// A due date moves earlier, never later, unless a request is approved.
    EarlierNeverLater,
    /// A later date is approved only for an objective reason.
    ObjectiveReasonRequired,
    /// The request is not pending: unknown, already approved or refused.
    RequestNotPending,
    /// The unit is not a partner of the sub-project.
    NotAPartner,
    /// The unit is already a partner (or the lead) of the sub-project.
    AlreadyPartner,
    /// The partner was already rated on this sub-project.
    AlreadyRated,
    /// Progress is reported for a day after the entry's own date.
    ReportInFuture,
    /// The item is already withdrawn.
    AlreadyWithdrawn,
    /// The plan the change would make is not valid; the problems are listed.
    InvalidPlan,
    /// The entry's moment is outside the plan's period: from the start of the year
    /// before the plan's year to the end of the year after it.
    MomentOutsidePlanPeriod,
    /// A requested date is outside the years the milestone's dates may fall in.
    DateOutsidePlan,
}

impl Rule {
    /// The rule's stable code, e.g. `earlier-never-later`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::FirstEntryAdoptsPlan => "first-entry-adopts-plan",
            Rule::UnknownActor => "unknown-actor",
            Rule::TimestampGoesBack => "timestamp-goes-back",
            Rule::ReasonRequired => "reason-required",
            Rule::UnknownItem => "unknown-item",
            Rule::LeadUnitOnly => "lead-unit-only",
            Rule::SupervisingLeaderOnly => "supervising-leader-only",
            Rule::DistrictLeaderOnly => "district-leader-only",
            Rule::SignerOnly => "signer-only",
            Rule::EarlierNeverLater => "earlier-never-later",
            Rule::ObjectiveReasonRequired => "objective-reason-required",
            Rule::RequestNotPending => "request-not-pending",
            Rule::NotAPartner => "not-a-partner",
            Rule::AlreadyPartner => "already-partner",
            Rule::AlreadyRated => "already-rated",
            Rule::ReportInFuture => "report-in-future",
            Rule::AlreadyWithdrawn => "already-withdrawn",
            Rule::InvalidPlan => "invalid-plan",
            Rule::MomentOutsidePlanPeriod => "moment-outside-plan-period",
            Rule::DateOutsidePlan => "date-outside-plan",
        }
    }
}

impl Rule {
    /// What the rule says and how to proceed, in Chinese.
    pub fn explanation_zh(self) -> &'static str {
        match self {
            Rule::FirstEntryAdoptsPlan => "台账以区长通过计划为第一条记录,且只能有这一条",
            Rule::UnknownActor => "操作人不在计划的人员名单中;请使用计划中的人员 id",
            Rule::TimestampGoesBack => {
                "记录须按时间先后登记;时间不能早于上一条记录,也不能超出计划年度前后的合理范围"
            }
            Rule::ReasonRequired => "这类变更须写明理由",
            Rule::UnknownItem => "变更所指的重点工作、子项目、节点、单位或申请不存在;请更正 id",
            Rule::LeadUnitOnly => "只有牵头单位(或其科室)的人员才能进行这项操作",
            Rule::SupervisingLeaderOnly => "只有该重点工作的督办区领导才能进行这项操作",
            Rule::DistrictLeaderOnly => "只有区长或副区长才能进行这项操作",
            Rule::SignerOnly => "责任书只能由签署双方之一登记",
            Rule::EarlierNeverLater => "截止日期只能提前,不能推后;推后须提出申请并经督办领导批准",
            Rule::ObjectiveReasonRequired => "只有客观原因才能批准推后截止日期",
            Rule::RequestNotPending => "该申请不在待批状态:不存在、已批准或已驳回",
            Rule::NotAPartner => "该单位不是这个子项目的配合单位",
            Rule::AlreadyPartner => "该单位已是这个子项目的配合单位(或牵头单位)",
            Rule::AlreadyRated => "该配合单位在这个子项目上已评价过",
            Rule::ReportInFuture => "报告的日期晚于记录本身的日期;进展不能提前报告",
            Rule::AlreadyWithdrawn => "该事项已撤销",
            Rule::InvalidPlan => "变更后的计划不合规;请查看所列问题",
            Rule::MomentOutsidePlanPeriod => {
                "记录时间超出了计划的期间(计划年度的前一年年初至后一年年末);请检查年份是否输错"
            }
            Rule::DateOutsidePlan => "申请的日期超出了该节点日期允许的年份范围;请在范围内选择日期",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ChangeRefused {
    /// The refusal as a sentence in a language. The Chinese sentence states the rule and
    /// how to proceed, then the particulars (the ids and dates involved) as recorded.
    pub fn message(&self, language: crate::Language) -> String {
        match language {
            crate::Language::English => self.to_string(),
            crate::Language::Chinese => format!(
                "第 {} 条变更(`{}`){}被拒绝 [{}]:{}。详情:{}",
                self.sequence,
                self.kind,
                self.line
                    .map_or_else(String::new, |l| format!(",位于第 {l} 行,")),
                self.rule,
                self.rule.explanation_zh(),
                self.message
            ),
        }
    }
}

/// A change the ledger refused. The plan and the ledger are exactly as they were.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("change {sequence} (`{kind}`){} refused [{rule}]: {message}", line.map_or_else(String::new, |l| format!(" on line {l}")))]
pub struct ChangeRefused {
    /// The sequence number the change would have had.
    pub sequence: u64,
    /// The kind of change, e.g. `move_milestone_earlier`.
    pub kind: &'static str,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong and how to proceed.
    pub message: String,
    /// For [`Rule::InvalidPlan`], the problems of the plan the change would make.
    pub problems: Vec<Problem>,
    /// The entry's line in the JSON Lines text, when the refusal came from reading one.
    pub line: Option<usize>,
}

impl ChangeRefused {
    /// The same refusal, placed on a line of the text it was read from.
    pub(crate) fn on_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// What is wrong with a ledger line found by verification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IntegrityProblem {
    /// The line is not a JSON object with a `sequence`, a `previous_hash` and a `hash`.
    NotAnEntry,
    /// The line does not end with its `hash` member (`,"hash":"<64 hex digits>"}`), as
    /// the format requires.
    HashNotLast,
    /// The entry's sequence number is not the next one: an entry was removed, inserted or
    /// moved.
    WrongSequence {
        /// The sequence number expected at this place.
        expected: u64,
    },
    /// The entry's `previous_hash` is not the hash of the entry before it.
    BrokenChain,
    /// The entry's `hash` is not the hash of its bytes: the line was edited.
    HashMismatch,
    /// A published head is past the end of the ledger: entries were dropped from its end.
    DroppedTail {
        /// The sequence number of the published head.
        published: u64,
    },
    /// The entry at a published head has another hash: the ledger was rewritten (or
    /// forked) from there on.
    Forked {
        /// The hash that was published for this entry.
        published: String,
    },
    /// The first entry names a hash function the library does not know (it knows `sha256`
    /// and `sm3`).
    UnknownHashAlgorithm {
        /// The name written, cut to 40 characters.
        found: String,
    },
    /// An entry after the first states the ledger's hash function, which only the first
    /// entry may do.
    HashAlgorithmRestated,
    /// A signed checkpoint counts more entries than the ledger holds: entries were dropped
    /// from its end.
    CheckpointPastEnd {
        /// The checkpoint's tree size.
        size: u64,
    },
    /// The ledger's first entries, as many as a signed checkpoint counts, have another
    /// tree head than the checkpoint: the ledger was rewritten or forked.
    CheckpointMismatch {
        /// The checkpoint's tree size.
        size: u64,
    },
}

/// The first ledger line that fails verification.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(crate::Language::English))]
pub struct IntegrityError {
    /// The sequence number written in the bad entry, when it has one.
    pub sequence: Option<u64>,
    /// Its line in the JSON Lines text, from 1.
    pub line: usize,
    /// What is wrong.
    pub problem: IntegrityProblem,
}

impl IntegrityError {
    /// The error as a sentence in a language.
    pub fn message(&self, language: crate::Language) -> String {
        let line = self.line;
        let entry = self
            .sequence
            .map_or_else(String::new, |s| format!(" (entry {s})"));
        let entry_zh = self
            .sequence
            .map_or_else(String::new, |s| format!("(第 {s} 条记录)"));
        match language {
            crate::Language::English => {
                let what = match &self.problem {
                    IntegrityProblem::NotAnEntry => "it is not a ledger entry: a JSON object with `sequence`, `previous_hash` and `hash`".to_owned(),
                    IntegrityProblem::HashNotLast => "it does not end with its hash member, `,\"hash\":\"<64 hex digits>\"}`".to_owned(),
                    IntegrityProblem::WrongSequence { expected } => format!(
                        "expected sequence number {expected} here; an entry was removed, inserted or reordered"
                    ),
                    IntegrityProblem::BrokenChain => {
                        "its previous_hash is not the hash of the line before it".to_owned()
                    }
                    IntegrityProblem::HashMismatch => {
                        "its hash does not match its bytes; the line was edited".to_owned()
                    }
                    IntegrityProblem::DroppedTail { published } => format!(
                        "the ledger ends before entry {published}, whose hash was published; entries were dropped from its end"
                    ),
                    IntegrityProblem::Forked { published } => format!(
                        "its hash differs from the one published for it (`{published}`); the ledger was rewritten from here on"
                    ),
                    IntegrityProblem::UnknownHashAlgorithm { found } => format!(
                        "its hash_algorithm is {found:?}; a ledger is hashed with \"sha256\" or \"sm3\", so the line was edited or written by a tool of another format"
                    ),
                    IntegrityProblem::HashAlgorithmRestated => "it states a hash_algorithm, which only the first entry may do; the line was edited or written by a tool of another format".to_owned(),
                    IntegrityProblem::CheckpointPastEnd { size } => format!(
                        "a signed checkpoint counts {size} entries and the ledger ends here; entries were dropped from its end"
                    ),
                    IntegrityProblem::CheckpointMismatch { size } => format!(
                        "the ledger's first {size} entries do not have the tree head of the signed checkpoint of {size} entries; the ledger was rewritten or forked"
                    ),
                };
                format!("ledger line {line}{entry} fails verification: {what}")
            }
            crate::Language::Chinese => {
                let what = match &self.problem {
                    IntegrityProblem::NotAnEntry => "它不是台账记录(须为含 `sequence`、`previous_hash` 和 `hash` 的 JSON 对象)".to_owned(),
                    IntegrityProblem::HashNotLast => "它没有以哈希成员 `,\"hash\":\"<64 位十六进制>\"}` 结尾".to_owned(),
                    IntegrityProblem::WrongSequence { expected } => format!(
                        "此处应为第 {expected} 条;有记录被删除、插入或调换了顺序"
                    ),
                    IntegrityProblem::BrokenChain => {
                        "它的 previous_hash 不是上一行的哈希值".to_owned()
                    }
                    IntegrityProblem::HashMismatch => {
                        "它的哈希值与这一行的字节不符;这一行被改动过".to_owned()
                    }
                    IntegrityProblem::DroppedTail { published } => format!(
                        "台账在第 {published} 条记录之前就结束了,而该记录的哈希值已公布;台账末尾的记录被删除了"
                    ),
                    IntegrityProblem::Forked { published } => format!(
                        "它的哈希值与公布的(`{published}`)不同;台账从这里起被改写了"
                    ),
                    IntegrityProblem::UnknownHashAlgorithm { found } => format!(
                        "它的 hash_algorithm 为 {found:?};台账的哈希算法只能是 \"sha256\" 或 \"sm3\",这一行被改动过,或由其他格式的工具写成"
                    ),
                    IntegrityProblem::HashAlgorithmRestated => "它写明了 hash_algorithm,而只有第一条记录可以写明;这一行被改动过,或由其他格式的工具写成".to_owned(),
                    IntegrityProblem::CheckpointPastEnd { size } => format!(
                        "已签名的检查点记有 {size} 条记录,而台账到这里就结束了;台账末尾的记录被删除了"
                    ),
                    IntegrityProblem::CheckpointMismatch { size } => format!(
                        "台账前 {size} 条记录的树根与记有 {size} 条记录的已签名检查点不符;台账被改写或分叉了"
                    ),
                };
                format!("台账第 {line} 行{entry_zh}未通过校验:{what}")
            }
        }
    }
}
