//! The npm package `mubiao`: wasm-bindgen wrappers that convert plain JavaScript values to
//! the core's types, call the core, and convert results and errors back. No domain logic
//! lives here.

#![forbid(unsafe_code)]

mod bulletin;
mod charts;
mod convert;
mod error;
mod ledger;
mod tables;
mod transparency;

pub use error::{get_language, set_language};

use std::rc::Rc;

use chrono::NaiveDate;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use convert::{from_js, named, to_date, to_js};
use error::{argument_error, format_error, js_error, scheme_error, to_js_error, validation_error};

pub use ledger::Ledger;
pub use transparency::{leaf_hash, verify_consistency, verify_inclusion, NoteSigner, NoteVerifier};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Status options as JavaScript passes them.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsStatusOptions {
    risk_margin: Option<f64>,
    due_soon_working_days: Option<u32>,
    reporting_cadence: Option<mubiao::ReportingCadence>,
    calendar: Option<mubiao::CalendarDocument>,
}

/// The core's status options from an optional JavaScript object.
pub(crate) fn status_options(options: JsValue) -> Result<mubiao::StatusOptions, JsValue> {
    let given: JsStatusOptions = if options.is_undefined() || options.is_null() {
        JsStatusOptions::default()
    } else {
        from_js(options, "the status options")?
    };
    let defaults = mubiao::StatusOptions::default();
    let calendar = match given.calendar {
        Some(document) => {
            mubiao::WorkingCalendar::from_document(document).map_err(|e| validation_error(&e))?
        }
        None => defaults.calendar,
    };
    Ok(mubiao::StatusOptions {
        risk_margin: given.risk_margin.unwrap_or(defaults.risk_margin),
        due_soon_working_days: given
            .due_soon_working_days
            .unwrap_or(defaults.due_soon_working_days),
        reporting_cadence: given
            .reporting_cadence
            .unwrap_or(defaults.reporting_cadence),
        calendar,
    })
}

/// A validated scheme from an optional plain object (the default when absent).
pub(crate) fn read_scheme(scheme: JsValue) -> Result<mubiao::Scheme, JsValue> {
    if scheme.is_undefined() || scheme.is_null() {
        return Ok(mubiao::Scheme::default());
    }
    let rules: mubiao::ScoringScheme = from_js(scheme, "the scheme")?;
    rules.validate().map_err(|e| scheme_error(&e))
}

/// The inputs of an assessment: component scores, the scheme, and status options.
pub(crate) fn assessment_inputs(
    components: JsValue,
    scheme: JsValue,
    options: JsValue,
) -> Result<
    (
        mubiao::ComponentScores,
        mubiao::Scheme,
        mubiao::StatusOptions,
    ),
    JsValue,
> {
    Ok((
        from_js(components, "the component scores")?,
        read_scheme(scheme)?,
        status_options(options)?,
    ))
}

/// A plan document from JSON text or a plain object; an object is held to exactly the
/// rules of the same document as text.
pub(crate) fn read_document(source: JsValue) -> Result<mubiao::PlanDocument, JsValue> {
    if let Some(text) = source.as_string() {
        return mubiao::PlanDocument::from_json_str(&text).map_err(|e| format_error(&e));
    }
    if let Some(bytes) = source.dyn_ref::<js_sys::Uint8Array>() {
        // The file's bytes as read: the core names a byte-order mark, UTF-16 or another
        // encoding, which text decoded by the browser would hide.
        return mubiao::PlanDocument::from_json_slice(&bytes.to_vec())
            .map_err(|e| format_error(&e));
    }
    mubiao::PlanDocument::from_json_value(convert::json_value(&source, "source")?)
        .map_err(|e| format_error(&e))
}

/// A validated plan.
#[wasm_bindgen]
pub struct Plan {
    pub(crate) inner: Rc<mubiao::Plan>,
}

#[wasm_bindgen]
impl Plan {
    /// Reads and validates a plan from JSON text or a plain object.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | PlanDocument")]
        source: JsValue,
    ) -> Result<Plan, JsValue> {
        let plan = read_document(source)?
            .validate()
            .map_err(|e| validation_error(&e))?;
        Ok(Plan {
            inner: Rc::new(plan),
        })
    }

    /// Reads and validates a plan from the bytes of an `.xlsx` workbook, in the office
    /// layout (the target table) or the long layout (one sheet per record type); `year`
    /// and `name` stand in where the target table's title does not say them. Use
    /// `readExcel` for the reading report as well.
    #[wasm_bindgen(js_name = fromExcel)]
    pub fn from_excel(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        year: Option<i32>,
        name: Option<String>,
    ) -> Result<Plan, JsValue> {
        let bytes = convert::file_bytes(&bytes, "bytes")?;
        let bytes = bytes.as_slice();
        let reading =
            mubiao::tables::read_workbook(bytes, &mubiao::tables::OfficeOptions { year, name })
                .map_err(to_js_error)?;
        Ok(Plan {
            inner: Rc::new(reading.plan),
        })
    }

    /// The plan as the bytes of an `.xlsx` workbook: `"office"` (the default) the target
    /// table with the organisation, a milestone register and the plan's records, `"long"`
    /// one sheet per record type. Either reads back as the same plan.
    #[wasm_bindgen(js_name = toExcel)]
    pub fn to_excel(&self, layout: Option<String>) -> Result<Vec<u8>, JsValue> {
        let workbook = mubiao::tables::plan_workbook(
            self.inner.document(),
            layout.as_deref().unwrap_or("office"),
        )
        .map_err(|e| argument_error(&e))?;
        workbook.to_xlsx().map_err(|e| format_error(&e))
    }

    /// The calendar year the plan covers.
    #[wasm_bindgen(getter)]
    pub fn year(&self) -> i32 {
        self.inner.year()
    }

    /// The plan's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.document().name.clone()
    }

    /// How many milestones the plan has.
    #[wasm_bindgen(getter, js_name = milestoneCount)]
    pub fn milestone_count(&self) -> usize {
        self.inner.milestone_count()
    }

    /// Counts of what the plan holds.
    #[wasm_bindgen(unchecked_return_type = "PlanSummary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.summary())
    }

    /// The plan document as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self, pretty: Option<bool>) -> String {
        if pretty.unwrap_or(false) {
            self.inner.document().to_json_string_pretty()
        } else {
            self.inner.document().to_json_string()
        }
    }

    /// The plan document as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "PlanDocument")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.document())
    }

    /// The milestone with this id, or undefined.
    #[wasm_bindgen(unchecked_return_type = "Milestone | undefined")]
    pub fn milestone(&self, id: &str) -> Result<JsValue, JsValue> {
        match self.inner.milestone(id) {
            Some(found) => to_js(found.milestone),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Where everything stands at the end of `asOf` (`YYYY-MM-DD`).
    pub fn status(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
    ) -> Result<Status, JsValue> {
        let as_of = to_date(as_of, "asOf")?;
        let options = status_options(options)?;
        self.inner
            .check_status(as_of, &options)
            .map_err(|e| to_js_error(e.into()))?;
        Ok(Status {
            plan: Rc::clone(&self.inner),
            as_of,
            options,
        })
    }

    /// The counts at the end of every month (or quarter) up to `asOf`.
    #[wasm_bindgen(unchecked_return_type = "TrendPoint[]")]
    pub fn trend(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_param_type = "\"month\" | \"quarter\"")] step: &str,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let step: mubiao::Granularity = named(step, "step")?;
        let points = self
            .inner
            .trend(to_date(as_of, "asOf")?, step, &status_options(options)?)
            .map_err(|e| to_js_error(e.into()))?;
        to_js(&points)
    }

    /// Every responsibility contract still to be signed.
    #[wasm_bindgen(js_name = contractGaps, unchecked_return_type = "ContractGap[]")]
    pub fn contract_gaps(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.contract_gaps())
    }

    /// The year-end assessment on `asOf` with the host's `components` per unit.
    pub fn assess(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_param_type = "ComponentScores")] components: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ScoringScheme | undefined")] scheme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
    ) -> Result<Assessment, JsValue> {
        let (components, scheme, options) = crate::assessment_inputs(components, scheme, options)?;
        let inner = self
            .inner
            .assess(to_date(as_of, "asOf")?, &scheme, &components, &options)
            .map_err(|e| to_js_error(e.into()))?;
        Ok(Assessment {
            inner,
            plan: Some(Rc::clone(&self.inner)),
        })
    }
}

/// The statuses of a plan on one date.
#[wasm_bindgen]
pub struct Status {
    plan: Rc<mubiao::Plan>,
    as_of: NaiveDate,
    options: mubiao::StatusOptions,
}

impl Status {
    /// The plan, date and options the statuses are for.
    pub(crate) fn parts(&self) -> (&mubiao::Plan, NaiveDate, &mubiao::StatusOptions) {
        (&self.plan, self.as_of, &self.options)
    }

    fn evaluation(&self) -> Result<mubiao::Evaluation<'_>, JsValue> {
        self.plan
            .status(self.as_of, &self.options)
            .map_err(|e| to_js_error(e.into()))
    }
}

#[wasm_bindgen]
impl Status {
    /// The date the statuses are for.
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> String {
        self.as_of.to_string()
    }

    /// The counts for the whole plan, with the completion rate.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js(&mubiao::SummaryRecord::from(self.evaluation()?.summary()))
    }

    /// Every milestone's standing.
    #[wasm_bindgen(unchecked_return_type = "MilestoneStatusRow[]")]
    pub fn milestones(&self) -> Result<JsValue, JsValue> {
        let rows: Vec<_> = self.evaluation()?.milestone_rows().collect();
        to_js(&rows)
    }

    /// One milestone's standing, or undefined.
    #[wasm_bindgen(unchecked_return_type = "MilestoneStatusRow | undefined")]
    pub fn milestone(&self, id: &str) -> Result<JsValue, JsValue> {
        match self.evaluation()?.milestone(id) {
            Some(row) => to_js(&row),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Every sub-project's standing.
    #[wasm_bindgen(js_name = subProjects, unchecked_return_type = "SubProjectStatusRow[]")]
    pub fn sub_projects(&self) -> Result<JsValue, JsValue> {
        let rows: Vec<_> = self.evaluation()?.sub_project_rows().collect();
        to_js(&rows)
    }

    /// Every roll-up and the lagging list, computed at once; read the groups you need
    /// from it (a plan may have thousands of key tasks).
    pub fn rollup(&self) -> Result<Rollup, JsValue> {
        Ok(Rollup {
            inner: self.evaluation()?.rollup(),
        })
    }

    /// Every lagging milestone with who answers for it and why.
    #[wasm_bindgen(unchecked_return_type = "LaggingItem[]")]
    pub fn lagging(&self) -> Result<JsValue, JsValue> {
        to_js(&self.evaluation()?.lagging())
    }

    /// The supervision report for this date.
    pub fn report(&self) -> Result<Report, JsValue> {
        Ok(Report {
            inner: self.evaluation()?.report(),
        })
    }

    /// What changed from `before` to this status.
    #[wasm_bindgen(js_name = diffFrom, unchecked_return_type = "StatusDiff")]
    pub fn diff_from(&self, before: &Status) -> Result<JsValue, JsValue> {
        let earlier = before.evaluation()?;
        to_js(&mubiao::StatusDiff::between(&earlier, &self.evaluation()?))
    }
}

/// Every roll-up of a plan on one date.
#[wasm_bindgen]
pub struct Rollup {
    inner: mubiao::Rollup,
}

#[wasm_bindgen]
impl Rollup {
    /// The counts of the whole plan.
    #[wasm_bindgen(unchecked_return_type = "Summary")]
    pub fn overall(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.overall)
    }

    /// The counts of one grouping, by key: `supervising_leader`, `lead_unit`,
    /// `partner_unit`, `kind`, `level` or `key_task`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, Summary>")]
    pub fn group(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "\"supervising_leader\" | \"lead_unit\" | \"partner_unit\" | \"kind\" | \"level\" | \"key_task\""
        )]
        by: &str,
    ) -> Result<JsValue, JsValue> {
        match by {
            "supervising_leader" => to_js(&self.inner.by_supervising_leader),
            "lead_unit" => to_js(&self.inner.by_lead_unit),
            "partner_unit" => to_js(&self.inner.by_partner_unit),
            "kind" => to_js(&self.inner.by_kind),
            "level" => to_js(&self.inner.by_level),
            "key_task" => to_js(&self.inner.by_key_task),
            other => Err(argument_error(&mubiao::ArgumentError::new(
                "by",
                format!("`{other}` is not a grouping; use supervising_leader, lead_unit, partner_unit, kind, level or key_task"),
                format!("`{other}` 不是分组方式;请使用 supervising_leader、lead_unit、partner_unit、kind、level 或 key_task"),
            ))),
        }
    }

    /// Every lagging milestone, by due date then id.
    #[wasm_bindgen(unchecked_return_type = "LaggingItem[]")]
    pub fn lagging(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.lagging)
    }

    /// Every roll-up as one plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "RollupData")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }

    /// The date the statuses are for; undefined for the empty roll-up.
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> Option<String> {
        self.inner.as_of.map(|day| day.to_string())
    }

    /// The empty roll-up: merging it changes nothing.
    pub fn empty() -> Rollup {
        Rollup {
            inner: mubiao::Rollup::empty(),
        }
    }

    /// This roll-up and `other` (of another part of the plan, or another plan, on the same
    /// date) merged into one. A `bad-argument` error for roll-ups of different dates.
    pub fn merge(&self, other: &Rollup) -> Result<Rollup, JsValue> {
        self.inner
            .merge(&other.inner)
            .map(|inner| Rollup { inner })
            .map_err(|e| argument_error(&e.into()))
    }

    /// The roll-up as versioned bytes, to send to another worker and merge there.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// A roll-up from the bytes `toBytes()` wrote, checked (header, version, every count);
    /// a `FormatError` with code `bad-snapshot` otherwise.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Rollup, JsValue> {
        mubiao::Rollup::from_bytes(bytes)
            .map(|inner| Rollup { inner })
            .map_err(|e| format_error(&e))
    }
}

/// A supervision report.
#[wasm_bindgen]
pub struct Report {
    pub(crate) inner: mubiao::SupervisionReport,
}

#[wasm_bindgen]
impl Report {
    /// The report as text, in Chinese (`zh`) or English (`en`).
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Language")] language: &str,
    ) -> Result<String, JsValue> {
        Ok(self.inner.render(named(language, "language")?))
    }

    /// The report as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "SupervisionReportData")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }
}

/// The working-day calendar.
#[wasm_bindgen]
pub struct Calendar {
    inner: mubiao::WorkingCalendar,
}

#[wasm_bindgen]
impl Calendar {
    /// Reads a calendar from JSON text or a plain object.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | CalendarDocument")] source: JsValue,
    ) -> Result<Calendar, JsValue> {
        let inner = match source.as_string() {
            Some(text) => mubiao::WorkingCalendar::from_json_str(&text).map_err(to_js_error)?,
            None => {
                let document: mubiao::CalendarDocument = from_js(source, "the calendar")?;
                mubiao::WorkingCalendar::from_document(document)
                    .map_err(|e| validation_error(&e))?
            }
        };
        Ok(Calendar { inner })
    }

    /// The calendar's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Monday to Friday, no holidays.
    #[wasm_bindgen(js_name = weekdaysOnly)]
    pub fn weekdays_only() -> Calendar {
        Calendar {
            inner: mubiao::WorkingCalendar::weekdays_only(),
        }
    }

    /// Whether `day` (`YYYY-MM-DD`) is a working day.
    #[wasm_bindgen(js_name = isWorkingDay)]
    pub fn is_working_day(&self, day: &str) -> Result<bool, JsValue> {
        Ok(self.inner.is_working_day(to_date(day, "day")?))
    }

    /// Working days after `start` up to and including `end`.
    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(&self, start: &str, end: &str) -> Result<f64, JsValue> {
        let days = self
            .inner
            .working_days_between(to_date(start, "start")?, to_date(end, "end")?);
        // Day counts stay far below 2^53, so the conversion is exact.
        #[allow(clippy::cast_precision_loss)]
        Ok(days as f64)
    }
}

/// A validated scoring scheme.
#[wasm_bindgen]
pub struct Scheme {
    inner: mubiao::Scheme,
}

#[wasm_bindgen]
impl Scheme {
    /// The default scheme: target completion 0.40, budget execution 0.30, public
    /// satisfaction 0.30.
    #[wasm_bindgen(js_name = defaultScheme)]
    pub fn default_scheme() -> Scheme {
        Scheme {
            inner: mubiao::Scheme::default(),
        }
    }

    /// Reads and validates a scheme from JSON text or a plain object.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | ScoringScheme")] source: JsValue,
    ) -> Result<Scheme, JsValue> {
        let scheme: mubiao::ScoringScheme = match source.as_string() {
            Some(text) => {
                mubiao::ScoringScheme::from_json_str(&text).map_err(|e| format_error(&e))?
            }
            None => from_js(source, "the scheme")?,
        };
        let inner = scheme.validate().map_err(|e| scheme_error(&e))?;
        Ok(Scheme { inner })
    }

    /// The scheme as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "ScoringScheme")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.rules())
    }
}

/// A year-end assessment.
#[wasm_bindgen]
pub struct Assessment {
    pub(crate) inner: mubiao::Assessment,
    /// The plan assessed, to name units and people in workbooks.
    pub(crate) plan: Option<Rc<mubiao::Plan>>,
}

#[wasm_bindgen]
impl Assessment {
    /// The assessment as versioned bytes, to send to another worker.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// An assessment from the bytes `toBytes()` wrote, checked (header, version, every
    /// unit's scores and ranks); a `FormatError` with code `bad-snapshot` otherwise. It
    /// comes without its plan.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Assessment, JsValue> {
        mubiao::Assessment::from_bytes(bytes)
            .map(|inner| Assessment { inner, plan: None })
            .map_err(|e| format_error(&e))
    }

    /// Every assessed unit's scores, rank, grade and explanation, by rank.
    #[wasm_bindgen(unchecked_return_type = "UnitAssessment[]")]
    pub fn units(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.units)
    }

    /// One unit's explanation tree, or undefined.
    #[wasm_bindgen(unchecked_return_type = "Explanation | undefined")]
    pub fn explanation(&self, unit: &str) -> Result<JsValue, JsValue> {
        match self.inner.unit(unit) {
            Some(found) => to_js(&found.explanation),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Lagging milestones someone must answer for, most overdue first.
    #[wasm_bindgen(unchecked_return_type = "AccountabilityItem[]")]
    pub fn accountability(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.accountability)
    }

    /// The explanation of a unit as text.
    #[wasm_bindgen(js_name = renderExplanation)]
    pub fn render_explanation(
        &self,
        unit: &str,
        #[wasm_bindgen(unchecked_param_type = "Language")] language: &str,
    ) -> Result<String, JsValue> {
        let language = named(language, "language")?;
        self.inner
            .unit(unit)
            .map(|u| u.explanation.render(language))
            .ok_or_else(|| {
                js_error(
                    "AssessmentError",
                    (
                        format!("`{unit}` was not assessed"),
                        format!("`{unit}` 未参加考核"),
                    ),
                    "unknown-unit",
                    Vec::new(),
                )
            })
    }

    /// The ranking, the top explanation and the accountability list as text.
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Language")] language: &str,
    ) -> Result<String, JsValue> {
        Ok(self.inner.render(named(language, "language")?))
    }

    /// The whole assessment as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "AssessmentData")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }
}

/// Every problem of a plan document (JSON text or a plain object); empty when valid.
#[wasm_bindgen(unchecked_return_type = "Problem[]")]
pub fn problems(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | PlanDocument")] source: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&read_document(source)?.problems())
}

/// A deterministic synthetic plan of `milestones` milestones.
#[wasm_bindgen(js_name = syntheticPlan)]
pub fn synthetic_plan(milestones: f64, seed: Option<f64>) -> Result<Plan, JsValue> {
    let milestones = convert::whole_number(milestones, "milestones", 0, u64::MAX)?;
    let seed = match seed {
        Some(seed) => convert::whole_number(seed, "seed", 0, u64::MAX)?,
        None => 2017,
    };
    // A size wasm32 cannot count is out of the generator's range, as the core says it,
    // with the number asked for.
    let milestones = usize::try_from(milestones).map_err(|_| {
        to_js_error(mubiao::Error::from(mubiao::synthetic::SyntheticError {
            option: "milestones",
            value: u128::from(milestones),
            max: mubiao::synthetic::MAX_MILESTONES,
        }))
    })?;
    let options = mubiao::synthetic::SyntheticOptions {
        milestones,
        seed,
        ..Default::default()
    };
    let plan = mubiao::synthetic::synthetic_plan(options)
        .map_err(mubiao::Error::from)
        .and_then(|document| document.validate().map_err(mubiao::Error::from))
        .map_err(to_js_error)?;
    Ok(Plan {
        inner: Rc::new(plan),
    })
}

/// The version of the plan document format this package reads.
#[wasm_bindgen(js_name = formatVersion)]
pub fn format_version() -> u32 {
    mubiao::FORMAT_VERSION
}

/// Reads a plan from the bytes of an `.xlsx` workbook and returns it with the reading
/// report: the sheet read, every target cell with how it was read, every inference made.
#[wasm_bindgen(js_name = readExcel, unchecked_return_type = "{ plan: Plan; report: ReadingReport }")]
pub fn read_excel(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    year: Option<i32>,
    name: Option<String>,
) -> Result<JsValue, JsValue> {
    let bytes = convert::file_bytes(&bytes, "bytes")?;
    let bytes = bytes.as_slice();
    let reading =
        mubiao::tables::read_workbook(bytes, &mubiao::tables::OfficeOptions { year, name })
            .map_err(to_js_error)?;
    let report = to_js(&reading.report)?;
    let result = js_sys::Object::new();
    let plan = JsValue::from(Plan {
        inner: Rc::new(reading.plan),
    });
    js_sys::Reflect::set(&result, &JsValue::from_str("plan"), &plan)?;
    js_sys::Reflect::set(&result, &JsValue::from_str("report"), &report)?;
    Ok(result.into())
}
