//! Moving a plan that already holds records into a ledger: the plan as it can be adopted
//! on a day (a ledger refuses to adopt records dated after its adoption), and the later
//! records as ledger changes, recorded in time order alongside the story of the year.

/// The document without the records dated after `day`.
pub fn as_adopted_on(
    mut document: mubiao::PlanDocument,
    day: chrono::NaiveDate,
) -> mubiao::PlanDocument {
    document.progress_reports.retain(|r| r.date <= day);
    document.lag_reasons.retain(|r| r.recorded_on <= day);
    document.partner_ratings.retain(|r| r.rated_on <= day);
    document
}

/// A record of a plan to be recorded through a ledger: when, by whom, what.
pub type Backlog = std::collections::VecDeque<(chrono::NaiveDateTime, String, mubiao::Change)>;

/// Splits a plan into the plan as it can be adopted on `day` and the later records, as
/// ledger changes in time order (reports at 17:00 of their day by their reporter, lag
/// reasons at 16:00 of theirs by the head of the lead unit).
pub fn split_at(
    document: mubiao::PlanDocument,
    day: chrono::NaiveDate,
) -> Option<(mubiao::PlanDocument, Backlog)> {
    let plan = document.clone().validate().ok()?;
    let head_of = |milestone: &str| -> Option<String> {
        let lead = plan
            .milestone(milestone)?
            .responsibility
            .lead_unit
            .clone()?;
        document
            .people
            .iter()
            .find(|p| p.unit == lead && p.role == mubiao::Role::UnitHead)
            .map(|p| p.id.to_string())
    };
    let mut later: Vec<(chrono::NaiveDateTime, usize, String, mubiao::Change)> = Vec::new();
    for (i, report) in document.progress_reports.iter().enumerate() {
        if report.date > day {
            let actor = match &report.reported_by {
                Some(person) => person.to_string(),
                None => head_of(report.milestone.as_str())?,
            };
            later.push((
                report.date.and_hms_opt(17, 0, 0)?,
                i,
                actor,
                mubiao::Change::ReportProgress {
                    milestone: report.milestone.clone(),
                    date: report.date,
                    progress: report.progress,
                    note: report.note.clone(),
                },
            ));
        }
    }
    for (i, reason) in document.lag_reasons.iter().enumerate() {
        if reason.recorded_on > day {
            later.push((
                reason.recorded_on.and_hms_opt(16, 0, 0)?,
                i,
                head_of(reason.milestone.as_str())?,
                mubiao::Change::RecordLagReason {
                    milestone: reason.milestone.clone(),
                    class: reason.class,
                    cause: reason.cause,
                    text: reason.text.clone(),
                },
            ));
        }
    }
    later.sort_by_key(|a| (a.0, a.1));
    let backlog = later
        .into_iter()
        .map(|(at, _, who, change)| (at, who, change))
        .collect();
    Some((as_adopted_on(document, day), backlog))
}

/// Records every change of the backlog due by `until`, in order.
///
/// # Errors
///
/// The first refusal, which a backlog split from a valid plan does not meet.
pub fn catch_up(
    ledger: &mut mubiao::Ledger,
    backlog: &mut Backlog,
    until: chrono::NaiveDateTime,
) -> Result<(), mubiao::ChangeRefused> {
    while backlog.front().is_some_and(|(at, _, _)| *at <= until) {
        if let Some((at, actor, change)) = backlog.pop_front() {
            ledger.record(&actor, at, change, None)?;
        }
    }
    Ok(())
}
