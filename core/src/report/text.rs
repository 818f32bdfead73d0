//! The supervision report as plain text, in Chinese or English: one layout, two sets of
//! labels.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::width::{pad_left, pad_right};
use super::{LaggingEntry, SupervisionReport};
use crate::document::KeyTaskKind;
use crate::progress::{LagCause, LagClass};
use crate::rollup::Summary;
use crate::status::Light;

/// The language of rendered text, written by its code: `zh` or `en`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// Simplified Chinese, as the district's reports are written.
    #[default]
    #[serde(rename = "zh")]
    Chinese,
    /// English.
    #[serde(rename = "en")]
    English,
}

/// Every word the report prints, in one language.
struct Labels {
    title: &'static str,
    as_of: &'static str,
    headline: &'static str,
    kind: &'static str,
    key_tasks: &'static str,
    sub_projects: &'static str,
    due: &'static str,
    due_on: &'static str,
    on_schedule: &'static str,
    lagging: &'static str,
    at_risk: &'static str,
    rate: &'static str,
    light: &'static str,
    total: &'static str,
    lagging_items: &'static str,
    lead_unit: &'static str,
    responsible: &'static str,
    supervisor: &'static str,
    reason: &'static str,
    no_reason: &'static str,
    needs_reason: &'static str,
    early: &'static str,
    done: &'static str,
    stale: &'static str,
    last_report: &'static str,
    never: &'static str,
    leader: &'static str,
    key_task: &'static str,
    none: &'static str,
    adjusted: &'static str,
    added: &'static str,
    withdrawn: &'static str,
    target_changed: &'static str,
    exception: &'static str,
}

const CHINESE: Labels = Labels {
    title: "目标管理督办报告",
    as_of: "截至",
    headline: "总体情况",
    kind: "工作类别",
    key_tasks: "任务",
    sub_projects: "子项目",
    due: "已到节点",
    due_on: "到期",
    on_schedule: "按期推进",
    lagging: "滞后",
    at_risk: "预警",
    rate: "完成率",
    light: "亮灯",
    total: "合计",
    lagging_items: "滞后事项",
    lead_unit: "牵头单位",
    responsible: "责任人",
    supervisor: "分管领导",
    reason: "原因",
    no_reason: "未填报原因,须补报",
    needs_reason: "须补报滞后原因",
    early: "提前完成",
    done: "完成于",
    stale: "进度报送不及时",
    last_report: "最近报送",
    never: "从未报送",
    leader: "分管领导督办表",
    key_task: "重点任务",
    none: "无",
    adjusted: "动态调整",
    added: "年中新增",
    withdrawn: "已撤销",
    target_changed: "目标已调整",
    exception: "经批准延期",
};

const ENGLISH: Labels = Labels {
    title: "Supervision report",
    as_of: "As of",
    headline: "Headline",
    kind: "Kind of work",
    key_tasks: "Tasks",
    sub_projects: "Sub-projects",
    due: "Due",
    due_on: "due",
    on_schedule: "On schedule",
    lagging: "Lagging",
    at_risk: "At risk",
    rate: "Rate",
    light: "Light",
    total: "Total",
    lagging_items: "Lagging items",
    lead_unit: "lead unit",
    responsible: "responsible",
    supervisor: "supervisor",
    reason: "reason",
    no_reason: "no reason recorded; one is needed",
    needs_reason: "need a reason",
    early: "Completed early",
    done: "done",
    stale: "Stale reporting",
    last_report: "last report",
    never: "never reported",
    leader: "Supervising leader",
    key_task: "Key task",
    none: "none",
    adjusted: "Adjustments",
    added: "added during the year",
    withdrawn: "withdrawn",
    target_changed: "target changed",
    exception: "later date approved",
};

impl Language {
    fn labels(self) -> &'static Labels {
        match self {
            Language::Chinese => &CHINESE,
            Language::English => &ENGLISH,
        }
    }

    /// The name of a kind of work.
    pub fn kind(self, kind: KeyTaskKind) -> &'static str {
        match (self, kind) {
            (Language::Chinese, KeyTaskKind::KeyWork) => "重点工作",
            (Language::Chinese, KeyTaskKind::SpecialWork) => "专项工作",
            (Language::Chinese, KeyTaskKind::MajorProject) => "重大工程",
            (Language::Chinese, KeyTaskKind::PracticalProject) => "实事项目",
            (Language::Chinese, KeyTaskKind::UnitGoal) => "部门及街镇目标",
            (Language::English, KeyTaskKind::KeyWork) => "key work",
            (Language::English, KeyTaskKind::SpecialWork) => "special work",
            (Language::English, KeyTaskKind::MajorProject) => "major projects",
            (Language::English, KeyTaskKind::PracticalProject) => "practical projects",
            (Language::English, KeyTaskKind::UnitGoal) => "unit goals",
        }
    }

    /// The name of a traffic light.
    pub fn light(self, light: Light) -> &'static str {
        match (self, light) {
            (Language::Chinese, Light::Green) => "绿灯",
            (Language::Chinese, Light::Yellow) => "黄灯",
            (Language::Chinese, Light::Red) => "红灯",
            (Language::English, Light::Green) => "green",
            (Language::English, Light::Yellow) => "yellow",
            (Language::English, Light::Red) => "red",
        }
    }

    pub(crate) fn moved(self, times: usize, later: usize) -> String {
        match self {
            Language::Chinese => format!("节点调整{times}次(其中经批准延期{later}次)"),
            Language::English => format!("moved {times} time(s), {later} later by approval"),
        }
    }

    fn overdue(self, days: i64) -> String {
        match self {
            Language::Chinese => format!("逾期{days}天"),
            Language::English if days == 1 => "1 day overdue".to_owned(),
            Language::English => format!("{days} days overdue"),
        }
    }

    pub(crate) fn class(self, class: LagClass) -> &'static str {
        match (self, class) {
            (Language::Chinese, LagClass::Objective) => "客观",
            (Language::Chinese, LagClass::Subjective) => "主观",
            (Language::English, LagClass::Objective) => "objective",
            (Language::English, LagClass::Subjective) => "subjective",
        }
    }

    pub(crate) fn cause(self, cause: LagCause) -> &'static str {
        match (self, cause) {
            (Language::Chinese, LagCause::PolicyChange) => "政策调整",
            (Language::Chinese, LagCause::HigherLevelApproval) => "上级审批",
            (Language::Chinese, LagCause::ForceMajeure) => "不可抗力",
            (Language::Chinese, LagCause::Other) => "其他",
            (Language::English, LagCause::PolicyChange) => "policy change",
            (Language::English, LagCause::HigherLevelApproval) => "higher-level approval",
            (Language::English, LagCause::ForceMajeure) => "force majeure",
            (Language::English, LagCause::Other) => "other",
        }
    }
}

/// A rate as a percentage with one decimal, e.g. `95.0%`; `-` when nothing is due.
pub(crate) fn percent(summary: &Summary) -> String {
    summary
        .completion_rate()
        .map_or_else(|| "-".to_owned(), |rate| format!("{:.1}%", rate * 100.0))
}

const COUNT: usize = 13;

fn count_columns(out: &mut String, values: &[String]) {
    for value in values {
        out.push_str(&pad_left(value, COUNT));
    }
    out.push('\n');
}

/// The headings of the count columns that [`summary_values`] fills.
fn count_headings(out: &mut String, l: &Labels) {
    let headings = [
        l.sub_projects,
        l.due,
        l.on_schedule,
        l.lagging,
        l.at_risk,
        l.rate,
    ];
    count_columns(out, &headings.map(str::to_owned));
}

fn summary_values(summary: &Summary) -> Vec<String> {
    vec![
        summary.sub_projects.to_string(),
        summary.sub_projects_with_due_milestone.to_string(),
        summary.sub_projects_on_schedule.to_string(),
        summary.sub_projects_lagging.to_string(),
        summary.at_risk.to_string(),
        percent(summary),
    ]
}

impl SupervisionReport {
    /// The report as text in `language`, laid out for a fixed-width terminal.
    pub fn render(&self, language: Language) -> String {
        let l = language.labels();
        let mut out = String::new();
        let _ = writeln!(out, "{}: {}", l.title, self.plan_name);
        let _ = writeln!(out, "{} {}", l.as_of, self.as_of);
        self.render_headline(&mut out, language);
        self.render_lagging(&mut out, language);
        self.render_early(&mut out, language);
        self.render_stale(&mut out, language);
        self.render_adjustments(&mut out, language);
        self.render_leaders(&mut out, language);
        out
    }

    fn render_adjustments(&self, out: &mut String, language: Language) {
        if self.adjustments.is_empty() {
            return;
        }
        let l = language.labels();
        let _ = writeln!(out, "\n{} ({})", l.adjusted, self.adjustments.len());
        for adjustment in &self.adjustments {
            let date =
                |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
            let mut line = format!(
                "  - {} [{}]: {} {} → {}",
                adjustment.title,
                adjustment.milestone,
                l.due_on,
                date(adjustment.original_due),
                date(adjustment.current_due)
            );
            let _ = write!(
                line,
                "; {}",
                language.moved(adjustment.times_moved(), adjustment.later_exceptions())
            );
            if adjustment.added {
                let _ = write!(line, "; {}", l.added);
            }
            if adjustment.withdrawn {
                let _ = write!(line, "; {}", l.withdrawn);
            }
            if adjustment.original_target.is_some()
                && adjustment.original_target != adjustment.current_target
            {
                let _ = write!(line, "; {}", l.target_changed);
            }
            let _ = writeln!(out, "{line}");
            for exception in adjustment.moves.iter().filter_map(|m| m.request.as_ref()) {
                let approver = exception.decision.as_ref().map_or("-", |d| d.by.as_str());
                let _ = writeln!(
                    out,
                    "    {} {} → {} ({}, {}): {}",
                    l.exception,
                    exception.from,
                    exception.due,
                    language.class(exception.class),
                    approver,
                    exception.text
                );
            }
        }
    }

    fn render_headline(&self, out: &mut String, language: Language) {
        let l = language.labels();
        let _ = writeln!(out, "\n{}", l.headline);
        out.push_str(&pad_right(l.kind, 18));
        out.push_str(&pad_left(l.key_tasks, COUNT));
        count_headings(out, l);
        for line in &self.headline {
            out.push_str(&pad_right(language.kind(line.kind), 18));
            out.push_str(&pad_left(&line.key_tasks.to_string(), COUNT));
            count_columns(out, &summary_values(&line.summary));
        }
        let tasks: u64 = self.headline.iter().map(|line| line.key_tasks).sum();
        out.push_str(&pad_right(l.total, 18));
        out.push_str(&pad_left(&tasks.to_string(), COUNT));
        count_columns(out, &summary_values(&self.overall));
    }

    fn render_lagging(&self, out: &mut String, language: Language) {
        let l = language.labels();
        let _ = writeln!(out, "\n{} ({})", l.lagging_items, self.lagging.len());
        if self.lagging.is_empty() {
            let _ = writeln!(out, "  {}", l.none);
        }
        for (n, entry) in self.lagging.iter().enumerate() {
            render_lagging_entry(out, language, n + 1, entry);
        }
        let needing = self
            .lagging
            .iter()
            .filter(|entry| entry.item.needs_reason())
            .count();
        if needing > 0 {
            let _ = writeln!(out, "  {}: {needing}", l.needs_reason);
        }
    }

    fn render_early(&self, out: &mut String, language: Language) {
        let l = language.labels();
        let _ = writeln!(out, "\n{} ({})", l.early, self.early_finishers.len());
        for early in &self.early_finishers {
            let _ = writeln!(
                out,
                "  - {} [{}] {}: {} {} ({}), {} {} ({})",
                early.title,
                early.milestone,
                early.lead_unit_name,
                l.due_on,
                early.due,
                early.due_period,
                l.done,
                early.completed_on,
                early.completed_period
            );
            let _ = writeln!(out, "    {}", early.sub_project_title);
        }
    }

    fn render_stale(&self, out: &mut String, language: Language) {
        let l = language.labels();
        let _ = writeln!(out, "\n{} ({})", l.stale, self.stale.len());
        for stale in &self.stale {
            let last = stale
                .latest_report
                .map_or_else(|| l.never.to_owned(), |d| format!("{} {d}", l.last_report));
            let _ = writeln!(
                out,
                "  - {} [{}] {}: {last}",
                stale.title, stale.sub_project, stale.lead_unit_name
            );
        }
    }

    fn render_leaders(&self, out: &mut String, language: Language) {
        let l = language.labels();
        for table in &self.leaders {
            let _ = writeln!(out, "\n{}: {}", l.leader, table.name);
            out.push_str(&pad_right(l.key_task, 40));
            out.push_str(&pad_left(l.light, 8));
            count_headings(out, l);
            for row in &table.rows {
                out.push_str(&pad_right(&format!("{} {}", row.key_task, row.title), 40));
                out.push_str(&pad_left(language.light(row.light), 8));
                count_columns(out, &summary_values(&row.summary));
            }
            out.push_str(&pad_right(l.total, 40));
            out.push_str(&pad_left("", 8));
            count_columns(out, &summary_values(&table.totals));
        }
    }
}

fn render_lagging_entry(out: &mut String, language: Language, n: usize, entry: &LaggingEntry) {
    let l = language.labels();
    let item = &entry.item;
    let _ = writeln!(
        out,
        "  {n}. {} [{}] {} {}, {}",
        item.title,
        item.milestone,
        l.due_on,
        item.due,
        language.overdue(item.days_overdue)
    );
    let _ = writeln!(out, "     {}", entry.key_task_title);
    let _ = writeln!(
        out,
        "     {}: {}; {}: {}; {}: {}",
        l.lead_unit,
        entry.lead_unit_name,
        l.responsible,
        entry.responsible_person_name.as_deref().unwrap_or("-"),
        l.supervisor,
        entry.supervising_leader_name
    );
    match &item.reason {
        Some(reason) => {
            let cause = reason
                .cause
                .map(|cause| format!(", {}", language.cause(cause)))
                .unwrap_or_default();
            let pending = reason
                .pending_request
                .map(|request| match language {
                    Language::Chinese => format!("(延期申请 #{request} 待批)"),
                    Language::English => format!(" (request #{request} for a later date pending)"),
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "     {}: {}{cause}: {}{pending}",
                l.reason,
                language.class(reason.class),
                reason.text
            );
        }
        None => {
            let _ = writeln!(out, "     {}: {}", l.reason, l.no_reason);
        }
    }
}
