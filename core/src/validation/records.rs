//! Checks of what is recorded against the plan: contracts, progress reports, lag reasons.

use super::path::Loc;
use super::structure::{check_date_in_year, check_date_in_years, check_quantity};
use super::{at, Context, ProblemCode};
use crate::document::{KeyTask, KeyTaskKind};
use crate::milestone::{Milestone, Target};
use crate::organisation::{Role, UnitKind};
use crate::progress::{LagClass, LagReason, Progress, ProgressReport};
use crate::responsibility::{Contract, ContractKind};

pub(super) fn check(context: &mut Context<'_>) {
    check_contracts(context);
    check_ratings(context);

    let document = context.document;
    let layout = context.layout;
    let reports_path = Loc::ROOT.key("progress_reports");
    for (r, report) in document.progress_reports.iter().enumerate() {
        let milestone = layout.report_milestone.get(r).copied();
        check_report(context, &reports_path.index(r), report, milestone);
    }
    for (l, reason) in document.lag_reasons.iter().enumerate() {
        let milestone = layout.lag_milestone.get(l).copied();
        check_lag_reason(context, &format!("/lag_reasons/{l}"), reason, milestone);
    }
}

/// The key task and milestone numbered `i`, if there is one.
fn milestone_at<'a>(context: &Context<'a>, i: Option<u32>) -> Option<(&'a KeyTask, &'a Milestone)> {
    let (task, _, milestone) = context.layout.milestone(context.document, i?)?;
    Some((task, milestone))
}

/// Checks one progress report, for the milestone numbered `milestone`.
pub(super) fn check_report(
    context: &mut Context<'_>,
    path: &Loc<'_>,
    report: &ProgressReport,
    milestone: Option<u32>,
) {
    if let Some(person) = &report.reported_by {
        context.person_ref(person.as_str(), path.key("reported_by"));
    }
    let Some((task, milestone)) = milestone_at(context, milestone) else {
        context.report(
            ProblemCode::DanglingMilestone,
            path.key("milestone"),
            format!(
                "no milestone has the id `{}`; correct the reference",
                report.milestone
            ),
            format!("没有 id 为 `{}` 的节点;请更正这个引用", report.milestone),
        );
        return;
    };
    let may_leave_year = task.multi_year && task.kind == KeyTaskKind::MajorProject;
    check_date_in_year(context, report.date, path.key("date"), may_leave_year);
    check_progress_against_target(context, path, report, milestone, milestone.target.as_ref());
}

/// Checks that a report's progress fits the milestone's target (a number for a quantity,
/// `done` for a deliverable); `target` is the milestone's target, as it stands or as a
/// change would leave it.
pub(super) fn check_progress_against_target(
    context: &mut Context<'_>,
    path: &Loc<'_>,
    report: &ProgressReport,
    milestone: &Milestone,
    target: Option<&Target>,
) {
    match (target, report.progress) {
        (_, Progress::Underway) | (None, _) => {}
        (Some(Target::Quantity(_)), Progress::Cumulative(value)) => {
            let progress = path.key("progress");
            check_quantity(context, value, progress.key("cumulative"));
        }
        (Some(Target::Deliverable { .. }), Progress::Done) => {}
        (Some(Target::Quantity(quantity)), Progress::Done) => context.report(
            ProblemCode::ReportMismatch,
            path.key("progress"),
            format!(
                "milestone `{}` has a quantity target; report the cumulative number of {} reached instead of `done`",
                milestone.id, quantity.unit
            ),
            format!("节点 `{}` 的目标是数量;请报告已达到的累计{}数,而不是 `done`", milestone.id, quantity.unit),
        ),
        (Some(Target::Deliverable { .. }), Progress::Cumulative(_)) => context.report(
            ProblemCode::ReportMismatch,
            path.key("progress"),
            format!(
                "milestone `{}` has a deliverable target; report `done` (or `underway`) instead of a number",
                milestone.id
            ),
            format!("节点 `{}` 的目标是交付成果;请报告 `done`(或 `underway`),而不是数字", milestone.id),
        ),
    }
}

/// Checks one lag reason, for the milestone numbered `milestone`; `path` is its pointer.
pub(super) fn check_lag_reason(
    context: &mut Context<'_>,
    path: &str,
    reason: &LagReason,
    milestone: Option<u32>,
) {
    match milestone_at(context, milestone) {
        None => context.report(
            ProblemCode::DanglingMilestone,
            format!("{path}/milestone"),
            format!(
                "no milestone has the id `{}`; correct the reference",
                reason.milestone
            ),
            format!("没有 id 为 `{}` 的节点;请更正这个引用", reason.milestone),
        ),
        Some((task, _)) => {
            let may_leave_year = task.multi_year && task.kind == KeyTaskKind::MajorProject;
            check_date_in_year(
                context,
                reason.recorded_on,
                format!("{path}/recorded_on"),
                may_leave_year,
            );
        }
    }
    if let Some(cause) = reason.cause {
        if cause.is_objective() && reason.class == LagClass::Subjective {
            context.report(
                ProblemCode::LagCauseMismatch,
                format!("{path}/class"),
                format!(
                    "the cause `{}` is objective by nature; class the reason `objective`, or give the cause `other`",
                    cause.as_str()
                ),
                format!("原因 `{}` 本质上属于客观原因;请把类别标为 `objective`,或把原因改为 `other`", cause.as_str()),
            );
        }
    }
    if reason.text.trim().is_empty() {
        context.report(
            ProblemCode::EmptyLagReason,
            format!("{path}/text"),
            "the lag reason has no text; say in words why the milestone lags",
            "滞后原因没有文字说明;请用文字说明节点为何滞后",
        );
    }
}

fn check_contracts(context: &mut Context<'_>) {
    let document = context.document;
    let contracts = &document.contracts;
    let duplicates = std::mem::take(&mut context.duplicates.contracts);
    context.check_ids(
        ("contract", "责任书"),
        contracts.len(),
        &duplicates,
        |p| at(contracts, p).map(|c| c.id.as_str()),
        |p| format!("/contracts/{p}"),
    );
    for (c, contract) in document.contracts.iter().enumerate() {
        check_contract(context, c, contract);
    }
}

/// Checks one contract, at position `c` of the contracts.
pub(super) fn check_contract(context: &mut Context<'_>, c: usize, contract: &Contract) {
    let document = context.document;
    let tasks = &document.key_tasks;
    let path = format!("/contracts/{c}");
    let upper_path = format!("{path}/upper_signer");
    let lower_path = format!("{path}/lower_signer");
    let upper = context.person_ref(contract.upper_signer.as_str(), &upper_path);
    let lower = context.person_ref(contract.lower_signer.as_str(), &lower_path);
    let (upper_ok, upper_needed, lower_ok, lower_needed) = match contract.kind {
        ContractKind::LeaderWithUnitHead => (
            upper.map(|p| p.role.is_district_leader()),
            (
                "the district head or a deputy district head",
                "区长或副区长",
            ),
            lower.map(|p| p.role == Role::UnitHead),
            ("a unit head", "单位负责人"),
        ),
        ContractKind::UnitHeadWithSectionHead => (
            upper.map(|p| p.role == Role::UnitHead),
            ("a unit head", "单位负责人"),
            lower.map(|p| p.role == Role::SectionHead),
            ("a section head", "科室负责人"),
        ),
    };
    check_date_in_years(
        context,
        contract.signed_on,
        format!("{path}/signed_on"),
        (document.year.saturating_sub(1), document.year),
        (
            "a responsibility contract is signed in the plan's year or the year before",
            "责任书应在计划年度或其前一年签署",
        ),
    );
    for (signer, ok, (needed, needed_zh), signer_path) in [
        (upper, upper_ok, upper_needed, &upper_path),
        (lower, lower_ok, lower_needed, &lower_path),
    ] {
        if let (Some(person), Some(false)) = (signer, ok) {
            context.report(
                ProblemCode::ContractSignerRole,
                signer_path.as_str(),
                format!(
                    "`{}` is a {}, but a {} contract is signed here by {needed}",
                    person.id,
                    person.role.as_str(),
                    contract.kind.as_str()
                ),
                format!(
                    "`{}` 的职务是 {},但 {} 类责任书此处应由{needed_zh}签署",
                    person.id,
                    person.role.as_str(),
                    contract.kind.as_str()
                ),
            );
        }
    }
    if let (
        ContractKind::UnitHeadWithSectionHead,
        Some(head),
        Some(section_head),
        Some(true),
        Some(true),
    ) = (contract.kind, upper, lower, upper_ok, lower_ok)
    {
        let under_unit = context
            .find_unit(section_head.unit.as_str())
            .is_some_and(|section| {
                section.kind == UnitKind::Section && section.parent.as_ref() == Some(&head.unit)
            });
        if !under_unit {
            context.report(
                ProblemCode::ContractSectionOutsideUnit,
                lower_path.as_str(),
                format!(
                    "section head `{}` works in `{}`, which is not a section of `{}`, the unit `{}` heads",
                    section_head.id, section_head.unit, head.unit, head.id
                ),
                format!("科室负责人 `{}` 在 `{}` 工作,而 `{}` 不是 `{}` 所负责单位 `{}` 的科室", section_head.id, section_head.unit, section_head.unit, head.id, head.unit),
            );
        }
    }
    if contract.key_tasks.is_empty() {
        context.report(
            ProblemCode::EmptyContract,
            format!("{path}/key_tasks"),
            format!(
                "contract `{}` covers no key task; list the key tasks it assigns",
                contract.id
            ),
            format!(
                "责任书 `{}` 没有涵盖任何重点工作;请列出它分派的重点工作",
                contract.id
            ),
        );
    }
    for (t, task) in contract.key_tasks.iter().enumerate() {
        let known = context
            .layout
            .key_tasks
            .find(task.as_str(), |p| at(tasks, p).map(|t| t.id.as_str()))
            .is_some();
        if !known {
            context.report(
                ProblemCode::DanglingKeyTask,
                format!("{path}/key_tasks/{t}"),
                format!("no key task has the id `{task}`; correct the reference"),
                format!("没有 id 为 `{task}` 的重点工作;请更正这个引用"),
            );
        }
    }
}

fn check_ratings(context: &mut Context<'_>) {
    let document = context.document;
    let mut seen: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    for (r, rating) in document.partner_ratings.iter().enumerate() {
        check_rating(context, r, rating, &mut seen);
    }
}

/// Checks one partner rating, at position `r` of the ratings; `seen` holds the first
/// position of every sub-project and partner rated so far.
pub(super) fn check_rating<'a>(
    context: &mut Context<'a>,
    r: usize,
    rating: &'a crate::responsibility::PartnerRating,
    seen: &mut std::collections::HashMap<(&'a str, &'a str), usize>,
) {
    let document = context.document;
    let layout = context.layout;
    let ratings_path = Loc::ROOT.key("partner_ratings");
    let path = ratings_path.index(r);
    if !(rating.score.is_finite() && (0.0..=100.0).contains(&rating.score)) {
        context.report(
            ProblemCode::InvalidScore,
            path.key("score"),
            format!("the score `{}` is not a number from 0 to 100", rating.score),
            format!("分数 `{}` 不是 0 至 100 之间的数", rating.score),
        );
    }
    check_date_in_years(
        context,
        rating.rated_on,
        path.key("rated_on"),
        (document.year, document.year.saturating_add(1)),
        (
            "a partner is rated in the plan's year or at the start of the next",
            "对配合单位的评价应在计划年度或次年年初作出",
        ),
    );
    let rater = context.person_ref(rating.rated_by.as_str(), path.key("rated_by"));
    let found = layout
        .sub_projects
        .find(rating.sub_project.as_str(), |s| {
            layout
                .sub_project(document, s)
                .map(|(_, sub)| sub.id.as_str())
        })
        .and_then(|s| layout.sub_project(document, s));
    let Some((_, sub)) = found else {
        context.report(
            ProblemCode::DanglingSubProject,
            path.key("sub_project"),
            format!(
                "no sub-project has the id `{}`; correct the reference",
                rating.sub_project
            ),
            format!(
                "没有 id 为 `{}` 的子项目;请更正这个引用",
                rating.sub_project
            ),
        );
        return;
    };
    if !sub.responsibility.partner_units.contains(&rating.partner) {
        not_a_partner(context, &path, rating, sub);
    }
    if let (Some(rater), Some(lead)) = (rater, &sub.responsibility.lead_unit) {
        let in_lead = rater.unit == *lead
            || context.find_unit(rater.unit.as_str()).is_some_and(|unit| {
                unit.parent.as_ref() == Some(lead) && unit.kind == UnitKind::Section
            });
        if !in_lead {
            context.report(
                ProblemCode::RatingByNonLead,
                path.key("rated_by"),
                format!(
                    "`{}` works in `{}`, not in `{lead}`, the lead unit of `{}`; only the lead unit rates its partners",
                    rater.id, rater.unit, sub.id
                ),
                format!("`{}` 在 `{}` 工作,不属于 `{}` 的牵头单位 `{lead}`;只有牵头单位才能评价配合单位", rater.id, rater.unit, sub.id),
            );
        }
    }
    let key = (rating.sub_project.as_str(), rating.partner.as_str());
    if let Some(first) = seen.get(&key) {
        context.report(
            ProblemCode::DuplicateRating,
            path,
            format!(
                "`{}` is already rated on `{}` at `/partner_ratings/{first}`; a partner is rated once per sub-project",
                rating.partner, rating.sub_project
            ),
            format!("`{}` 在 `{}` 上已于 `/partner_ratings/{first}` 评价过;每个子项目对每个配合单位只评价一次", rating.partner, rating.sub_project),
        );
    } else {
        seen.insert(key, r);
    }
}

/// Reports a rating of a unit that is not a partner of the sub-project.
pub(super) fn not_a_partner(
    context: &mut Context<'_>,
    path: &Loc<'_>,
    rating: &crate::responsibility::PartnerRating,
    sub: &crate::document::SubProject,
) {
    context.report(
        ProblemCode::RatingNotAPartner,
        path.key("partner"),
        format!(
            "`{}` is not a partner unit of sub-project `{}`; a lead unit rates only its partners",
            rating.partner, sub.id
        ),
        format!(
            "`{}` 不是子项目 `{}` 的配合单位;牵头单位只评价其配合单位",
            rating.partner, sub.id
        ),
    );
}
