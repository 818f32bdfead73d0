//! Plans, calendars, statuses and supervision reports.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::assessment::{Assessment, Scheme};
use crate::charts::{chart_options, Chart};
use crate::convert::{
    from_py, json_value, named, to_bytes, to_date, to_py, to_text, Text, WholeNumber,
};
use crate::errors::{assessment_error, format_error, status_error, to_py_err, validation_error};
use crate::rows::table;

/// Reads a plan document from `str`, `bytes` or a `dict`; a dict is held to exactly the
/// rules of the same document as text.
pub fn read_document(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<mubiao::PlanDocument> {
    if source.is_instance_of::<PyDict>() {
        mubiao::PlanDocument::from_json_value(json_value(source)?).map_err(|e| format_error(py, &e))
    } else {
        mubiao::PlanDocument::from_json_slice(&to_bytes(source, "source")?)
            .map_err(|e| format_error(py, &e))
    }
}

/// Reads and validates a plan document from `str`, `bytes` or a `dict`.
pub fn read_plan(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<mubiao::Plan> {
    read_document(py, source)?
        .validate()
        .map_err(|e| validation_error(py, &e))
}

/// A validated plan: organisation, key tasks, sub-projects, milestones, responsibility,
/// contracts, reports and lag reasons.
#[pyclass(module = "mubiao", frozen)]
pub struct Plan {
    pub inner: Arc<mubiao::Plan>,
}

/// The working-day calendar: public holidays and the weekend days made working days.
#[pyclass(module = "mubiao", frozen)]
#[derive(Clone)]
pub struct Calendar {
    pub inner: mubiao::WorkingCalendar,
}

/// Status options from keyword arguments.
pub fn options(
    calendar: Option<&Calendar>,
    risk_margin: f64,
    due_soon_working_days: &WholeNumber,
    reporting_cadence: &str,
) -> PyResult<mubiao::StatusOptions> {
    let due_soon = due_soon_working_days.count("due_soon_working_days", 0, u64::from(u32::MAX))?;
    Ok(mubiao::StatusOptions {
        risk_margin,
        due_soon_working_days: u32::try_from(due_soon).unwrap_or(u32::MAX),
        reporting_cadence: named(reporting_cadence, "reporting_cadence")?,
        calendar: calendar.map(|c| c.inner.clone()).unwrap_or_default(),
    })
}

/// The core's default status options, with a calendar when one is given.
pub fn default_options(calendar: Option<&Calendar>) -> mubiao::StatusOptions {
    mubiao::StatusOptions {
        calendar: calendar.map(|c| c.inner.clone()).unwrap_or_default(),
        ..mubiao::StatusOptions::default()
    }
}

/// `text` escaped for HTML, inside `<pre>`, for Jupyter.
pub fn html_pre(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!("<pre style=\"font-family: monospace\">{escaped}</pre>")
}

#[pymethods]
impl Plan {
    /// Reads and validates a plan from JSON text (`str` or `bytes`) or a `dict`.
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: Arc::new(read_plan(py, source)?),
        })
    }

    /// Reads and validates a plan from a `dict` shaped like the JSON document.
    #[staticmethod]
    fn from_dict(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: Arc::new(read_plan(py, document)?),
        })
    }

    /// Reads and validates a plan from an `.xlsx` workbook, given by its path or as bytes,
    /// in the office layout (the target table) or the long layout (one sheet per record
    /// type). `year` and `name` stand in where the target table's title does not say them.
    /// Use `mubiao.read_excel` for the reading report as well.
    #[staticmethod]
    #[pyo3(signature = (source, *, year = None, name = None))]
    fn from_excel(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        year: Option<i32>,
        name: Option<String>,
    ) -> PyResult<Self> {
        let reading = crate::tables::read_workbook(py, source, year, name)?;
        Ok(Self {
            inner: Arc::new(reading.plan),
        })
    }

    /// Reads and validates a plan from the long layout's CSV files in a directory
    /// (`plan.csv`, `units.csv` … `milestones.csv` …).
    #[staticmethod]
    fn from_csv(py: Python<'_>, directory: &Bound<'_, PyAny>) -> PyResult<Self> {
        let reading = crate::tables::read_csv(py, directory)?;
        Ok(Self {
            inner: Arc::new(reading.plan),
        })
    }

    /// Reads and validates a plan from the long layout's tables given as pandas or polars
    /// data frames (or `mubiao.Table`s, or lists of dicts), one keyword per table:
    /// `units`, `people`, `plan_items`, `key_tasks`, `sub_projects`, `milestones`,
    /// `progress_reports`, `lag_reasons`, `contracts`, `partner_ratings`, and `plan` (or
    /// `year` and `name` instead). Columns are the fields, as `Plan.milestones()` gives.
    #[staticmethod]
    #[pyo3(signature = (*, year = None, name = None, **tables))]
    fn from_frames(
        py: Python<'_>,
        year: Option<i32>,
        name: Option<String>,
        tables: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let empty = PyDict::new(py);
        let reading = crate::tables::read_frames(py, tables.unwrap_or(&empty), year, name)?;
        Ok(Self {
            inner: Arc::new(reading.plan),
        })
    }

    /// One table of what the plan holds, in the long layout: `units`, `people`,
    /// `plan_items`, `key_tasks`, `sub_projects`, `milestones`, `progress_reports`,
    /// `lag_reasons`, `contracts`, `partner_ratings` or `plan`; one dict per record.
    fn table<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let sheets = mubiao::tables::long_tables(self.inner.document());
        match sheets.iter().find(|s| s.name == name) {
            Some(sheet) => crate::tables::sheet_table(py, sheet),
            None => {
                let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
                Err(crate::errors::argument_error(&mubiao::ArgumentError::new(
                    "name",
                    format!(
                        "`{name}` is not a table of the plan; use {}",
                        names.join(", ")
                    ),
                    format!("“{name}”不是计划中的表;请使用 {}", names.join("、")),
                )))
            }
        }
    }

    /// The plan's units, one row each: id, name, kind, parent.
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "units")
    }

    /// The plan's people, one row each: id, name, role, unit.
    fn people<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "people")
    }

    /// The plan's key tasks, one row each.
    fn key_tasks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "key_tasks")
    }

    /// The plan's sub-projects, one row each, with their key task and responsibility.
    fn sub_projects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "sub_projects")
    }

    /// The plan's milestones, one row each, with their sub-project, due date and target.
    fn milestones<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, "milestones")
    }

    /// Reads a plan from a file, choosing by the file: `.xlsx` a workbook, `.csv` or a
    /// directory the long layout's CSV files, anything else a JSON document.
    #[staticmethod]
    fn read(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let file = crate::tables::to_path(path, "path")?;
        let extension = file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if extension == "xlsx" {
            return Self::from_excel(py, path, None, None);
        }
        if extension == "csv" || file.is_dir() {
            return Self::from_csv(py, path);
        }
        let bytes = std::fs::read(&file).map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("cannot read {}: {e}", file.display()))
        })?;
        let text = pyo3::types::PyBytes::new(py, &bytes);
        Self::from_json(py, text.as_any())
    }

    /// Writes the plan as an `.xlsx` workbook to `path`, or returns its bytes when no
    /// path is given. `layout="office"` (the default) writes the target table with the
    /// organisation, a milestone register and the plan's records; `layout="long"` one
    /// sheet per record type. Either reads back as the same plan.
    #[pyo3(signature = (path = None, *, layout = "office"))]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        layout: &str,
    ) -> PyResult<Option<Py<pyo3::types::PyBytes>>> {
        let workbook = mubiao::tables::plan_workbook(self.inner.document(), layout)
            .map_err(|e| crate::errors::argument_error(&e))?;
        crate::tables::write_workbook(py, &workbook, path)
    }

    /// Writes the plan as the long layout's CSV files into `directory` (created if
    /// needed); returns the paths written.
    fn to_csv(&self, directory: &Bound<'_, PyAny>) -> PyResult<Vec<std::path::PathBuf>> {
        crate::tables::write_csv(self.inner.document(), directory)
    }

    /// The calendar year the plan covers.
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year()
    }

    /// The plan's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.document().name.clone()
    }

    /// How many milestones the plan has.
    #[getter]
    fn milestone_count(&self) -> usize {
        self.inner.milestone_count()
    }

    /// Counts of what the plan holds, as a dict.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.summary())
    }

    /// The plan document as JSON text.
    #[pyo3(signature = (*, pretty = false))]
    fn to_json(&self, pretty: bool) -> String {
        if pretty {
            self.inner.document().to_json_string_pretty()
        } else {
            self.inner.document().to_json_string()
        }
    }

    /// The plan document as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.document())
    }

    /// The milestone with this id, as a dict, or None.
    fn milestone<'py>(&self, py: Python<'py>, id: Text) -> PyResult<Option<Bound<'py, PyAny>>> {
        let id = id.0.as_str();
        self.inner
            .milestone(id)
            .map(|found| to_py(py, found.milestone))
            .transpose()
    }

    /// Where everything stands at the end of `as_of` (a date or ISO string).
    #[pyo3(
        signature = (as_of, *, calendar = None, risk_margin = 0.2, due_soon_working_days = WholeNumber(3), reporting_cadence = Text::from("monthly")),
        text_signature = "(self, /, as_of, *, calendar=None, risk_margin=0.2, due_soon_working_days=3, reporting_cadence='monthly')"
    )]
    fn status(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        calendar: Option<PyRef<'_, Calendar>>,
        risk_margin: f64,
        due_soon_working_days: WholeNumber,
        reporting_cadence: Text,
    ) -> PyResult<Status> {
        let as_of = to_date(as_of, "as_of")?;
        let options = options(
            calendar.as_deref(),
            risk_margin,
            &due_soon_working_days,
            &reporting_cadence.0,
        )?;
        // The question is checked here; the plan is evaluated when an answer is read.
        Status::of(py, Arc::clone(&self.inner), as_of, options)
    }

    /// The counts at the end of every month (or quarter) up to `as_of`, one row each.
    #[pyo3(
        signature = (as_of, *, step = Text::from("month"), calendar = None),
        text_signature = "(self, /, as_of, *, step='month', calendar=None)"
    )]
    fn trend<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
        step: Text,
        calendar: Option<PyRef<'_, Calendar>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let step: mubiao::Granularity = named(&step.0, "step")?;
        let options = default_options(calendar.as_deref());
        let points = self
            .inner
            .trend(to_date(as_of, "as_of")?, step, &options)
            .map_err(|e| status_error(py, &e))?;
        let rows: Vec<serde_json::Value> = points
            .iter()
            .map(|point| {
                let mut row = serde_json::json!({"period": point.period, "date": point.date});
                if let (Some(map), Ok(serde_json::Value::Object(counts))) =
                    (row.as_object_mut(), serde_json::to_value(point.summary))
                {
                    map.extend(counts);
                }
                row
            })
            .collect();
        table(py, rows)
    }

    /// Every responsibility contract still to be signed, one row each.
    fn contract_gaps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, self.inner.contract_gaps())
    }

    /// The year-end assessment on `as_of`, with the host's `components` per unit
    /// (`{"unit": {"budget_execution": 90.0, ...}}`).
    #[pyo3(signature = (as_of, *, components, scheme = None, calendar = None))]
    fn assess(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        components: &Bound<'_, PyDict>,
        scheme: Option<PyRef<'_, Scheme>>,
        calendar: Option<PyRef<'_, Calendar>>,
    ) -> PyResult<Assessment> {
        let (components, scheme, options) =
            crate::assessment::inputs(components, scheme, calendar)?;
        let inner = self
            .inner
            .assess(to_date(as_of, "as_of")?, &scheme, &components, &options)
            .map_err(|e| assessment_error(py, &e))?;
        Ok(Assessment {
            inner,
            plan: Some(Arc::clone(&self.inner)),
        })
    }

    fn __repr__(&self) -> String {
        let summary = self.inner.summary();
        format!(
            "<mubiao.Plan {:?} {}: {} key tasks, {} sub-projects, {} milestones>",
            summary.name, summary.year, summary.key_tasks, summary.sub_projects, summary.milestones
        )
    }
}

/// The statuses of a plan on one date.
#[pyclass(module = "mubiao", frozen)]
pub struct Status {
    plan: Arc<mubiao::Plan>,
    as_of: NaiveDate,
    options: mubiao::StatusOptions,
    /// The evaluation, made when a reading first needs it and kept for the others.
    evaluated: OnceLock<Arc<mubiao::SharedEvaluation>>,
}

impl Status {
    /// The status of `plan` on `as_of`, checked now (without evaluating anything) so that
    /// a date the plan cannot answer for fails here.
    pub fn of(
        py: Python<'_>,
        plan: Arc<mubiao::Plan>,
        as_of: NaiveDate,
        options: mubiao::StatusOptions,
    ) -> PyResult<Self> {
        plan.check_status(as_of, &options)
            .map_err(|e| status_error(py, &e))?;
        Ok(Self {
            plan,
            as_of,
            options,
            evaluated: OnceLock::new(),
        })
    }

    /// The evaluation, judged once, on first use, with the GIL released.
    fn shared(&self, py: Python<'_>) -> PyResult<&Arc<mubiao::SharedEvaluation>> {
        if let Some(shared) = self.evaluated.get() {
            return Ok(shared);
        }
        let (plan, as_of, options) = (Arc::clone(&self.plan), self.as_of, &self.options);
        let shared = py
            .detach(|| mubiao::SharedEvaluation::new(plan, as_of, options))
            .map_err(|e| status_error(py, &e))?;
        Ok(self.evaluated.get_or_init(|| Arc::new(shared)))
    }

    fn evaluation(&self, py: Python<'_>) -> PyResult<mubiao::Evaluation<'_>> {
        Ok(self.shared(py)?.evaluation())
    }

    pub fn parts(&self) -> (&Arc<mubiao::Plan>, NaiveDate, &mubiao::StatusOptions) {
        (&self.plan, self.as_of, &self.options)
    }
}

#[pymethods]
impl Status {
    /// The date the statuses are for.
    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The supervision report as an `.xlsx` workbook, written to `path` or returned as
    /// bytes: a headline sheet, one sheet per supervising leader with every key task's and
    /// sub-project's light as a red, yellow or green fill, the lagging list with reasons and
    /// responsible people, early finishers and stale reporting; in `language` ("zh" or
    /// "en").
    #[pyo3(signature = (path = None, *, language = Text::from("zh")), text_signature = "(self, /, path=None, *, language='zh')")]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        language: Text,
    ) -> PyResult<Option<Py<pyo3::types::PyBytes>>> {
        let language: mubiao::Language = named(&language.0, "language")?;
        let evaluation = self.evaluation(py)?;
        let report = evaluation.report();
        let workbook = mubiao::tables::supervision_workbook(&evaluation, &report, language);
        crate::tables::write_workbook(py, &workbook, path)
    }

    /// The light board (亮灯) up to this date: each key task's light at the end of every
    /// month (`step="month"`) or quarter, under its supervising leader, as a chart of
    /// `width` × `height` pixels in `language` ("zh" or "en"); rows that do not fit go to
    /// later pages (`page` from 0).
    #[pyo3(
        signature = (*, step = Text::from("month"), width = 960.0, height = 540.0, language = Text::from("zh"), page = 0),
        text_signature = "(self, /, *, step='month', width=960.0, height=540.0, language='zh', page=0)"
    )]
    fn light_board(
        &self,
        py: Python<'_>,
        step: Text,
        width: f64,
        height: f64,
        language: Text,
        page: i64,
    ) -> PyResult<crate::charts::Chart> {
        let step: mubiao::Granularity = named(&step.0, "step")?;
        let options = chart_options(width, height, &language, page)?;
        let board = self
            .plan
            .light_board(self.as_of, step, &self.options)
            .map_err(|e| status_error(py, &e))?;
        let svg = board.to_svg(&options);
        Ok(Chart::drawn(
            "light board",
            svg,
            &options,
            board.page_count(&options),
            &board,
        ))
    }

    /// The completion rate (on-schedule sub-projects over those with a milestone due) at
    /// every month (`step="month"`) or quarter end up to this date, for the whole plan and
    /// each kind of work, against the 95% aim; a chart of `width` × `height` pixels in
    /// `language`.
    #[pyo3(
        signature = (*, step = Text::from("month"), width = 960.0, height = 540.0, language = Text::from("zh")),
        text_signature = "(self, /, *, step='month', width=960.0, height=540.0, language='zh')"
    )]
    fn rate_trend(
        &self,
        py: Python<'_>,
        step: Text,
        width: f64,
        height: f64,
        language: Text,
    ) -> PyResult<crate::charts::Chart> {
        let step: mubiao::Granularity = named(&step.0, "step")?;
        let options = chart_options(width, height, &language, 0)?;
        let trend = self
            .plan
            .rate_trend(self.as_of, step, &self.options)
            .map_err(|e| status_error(py, &e))?;
        let svg = trend.to_svg(&options);
        Ok(Chart::drawn(
            "completion-rate trend",
            svg,
            &options,
            1,
            &trend,
        ))
    }

    /// The timeline of this date: every milestone at its due date, a row per key task
    /// (`by="key_task"`) or lead unit (`by="lead_unit"`), marked by its status, with the
    /// as-of date as a dashed line; a chart of `width` × `height` pixels in `language`,
    /// rows beyond the height on later pages (`page` from 0).
    #[pyo3(
        signature = (*, by = Text::from("key_task"), width = 960.0, height = 540.0, language = Text::from("zh"), page = 0),
        text_signature = "(self, /, *, by='key_task', width=960.0, height=540.0, language='zh', page=0)"
    )]
    fn timeline(
        &self,
        py: Python<'_>,
        by: Text,
        width: f64,
        height: f64,
        language: Text,
        page: i64,
    ) -> PyResult<crate::charts::Chart> {
        let rows: mubiao::TimelineRows = named(&by.0, "by")?;
        let options = chart_options(width, height, &language, page)?;
        let timeline = self.evaluation(py)?.timeline(rows);
        let svg = timeline.to_svg(&options);
        let pages = timeline.page_count(&options);
        Ok(Chart::drawn("timeline", svg, &options, pages, &timeline))
    }

    /// The trajectory of sub-project `sub_project` on this date: for each quantity series
    /// the cumulative values reported as a step line against every node's target and due
    /// date, the straight line to each open node that the risk rule measures against, and
    /// the forecast at the pace so far; its deliverables done, late or lagging. Panels
    /// beyond the height go to later pages (`page` from 0). An `ArgumentError` when the
    /// plan has no such sub-project.
    #[pyo3(
        signature = (sub_project, *, width = 960.0, height = 540.0, language = Text::from("zh"), page = 0),
        text_signature = "(self, /, sub_project, *, width=960.0, height=540.0, language='zh', page=0)"
    )]
    fn trajectory(
        &self,
        py: Python<'_>,
        sub_project: Text,
        width: f64,
        height: f64,
        language: Text,
        page: i64,
    ) -> PyResult<crate::charts::Chart> {
        let options = chart_options(width, height, &language, page)?;
        let trajectory = self
            .evaluation(py)?
            .trajectory(&sub_project.0)
            .map_err(|e| crate::errors::argument_error(&e))?;
        let svg = trajectory.to_svg(&options);
        let pages = trajectory.page_count(&options);
        Ok(Chart::drawn(
            "trajectory",
            svg,
            &options,
            pages,
            &trajectory,
        ))
    }

    /// The supervision bulletin (督查通报) of this date as printable HTML: the headline,
    /// the light board (`step` "month" or "quarter" columns), a section per supervising
    /// leader starting a new page with the trajectories of up to `trajectories_per_leader`
    /// sub-projects that need attention, the lagging list, early finishers and stale
    /// reporting; in `language`.
    #[pyo3(
        signature = (*, language = Text::from("zh"), step = Text::from("month"), trajectories_per_leader = 6),
        text_signature = "(self, /, *, language='zh', step='month', trajectories_per_leader=6)"
    )]
    fn bulletin(
        &self,
        py: Python<'_>,
        language: Text,
        step: Text,
        trajectories_per_leader: usize,
    ) -> PyResult<crate::bulletin::Bulletin> {
        let options = crate::bulletin::bulletin_options(&language, &step, trajectories_per_leader)?;
        let html = self.evaluation(py)?.bulletin(&options);
        Ok(crate::bulletin::Bulletin::new("supervision", html))
    }

    /// The counts for the whole plan, as a dict.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &mubiao::SummaryRecord::from(self.evaluation(py)?.summary()),
        )
    }

    /// Every milestone's standing, one row each.
    fn milestones<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::milestone_columns::table(py, Arc::clone(self.shared(py)?))
    }

    /// The standing of one milestone, as a dict, or None.
    fn milestone<'py>(&self, py: Python<'py>, id: Text) -> PyResult<Option<Bound<'py, PyAny>>> {
        let id = id.0.as_str();
        self.evaluation(py)?
            .milestone(id)
            .map(|row| to_py(py, &row))
            .transpose()
    }

    /// Every sub-project's standing, one row each.
    fn sub_projects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows: Vec<_> = self.evaluation(py)?.sub_project_rows().collect();
        table(py, rows)
    }

    /// One grouping of the roll-up as a table, one row per group with its name, counts and
    /// completion rate: `supervising_leader`, `lead_unit`, `partner_unit`, `kind`,
    /// `level` or `key_task`.
    fn by<'py>(&self, py: Python<'py>, grouping: Text) -> PyResult<Bound<'py, PyAny>> {
        let grouping: mubiao::Grouping = named(&grouping.0, "grouping")?;
        let evaluation = self.evaluation(py)?;
        let rows = evaluation.rollup().records(grouping, &self.plan);
        table(py, rows)
    }

    /// Every roll-up, as a `Rollup`: `rollup["by_kind"]` and the other groupings read as
    /// dicts when asked for (`overall`, `by_supervising_leader`, `by_lead_unit`,
    /// `by_partner_unit`, `by_kind`, `by_level`, `by_key_task`, `lagging`); it merges with
    /// the roll-ups of other parts and pickles.
    fn rollup(&self, py: Python<'_>) -> PyResult<crate::rollup::Rollup> {
        Ok(crate::rollup::Rollup {
            inner: self.evaluation(py)?.rollup(),
        })
    }

    /// Every lagging milestone with who answers for it and why, one row each.
    fn lagging<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, self.evaluation(py)?.lagging())
    }

    /// The date and every roll-up, as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.evaluation(py)?.rollup())
    }

    /// The supervision report for this date.
    fn report(&self, py: Python<'_>) -> PyResult<Report> {
        Ok(Report {
            inner: self.evaluation(py)?.report(),
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let summary = self.evaluation(py)?.summary();
        Ok(format!(
            "<mubiao.Status {}: {} of {} sub-projects on schedule, {} lagging milestones>",
            self.as_of,
            summary.sub_projects_on_schedule,
            summary.sub_projects_with_due_milestone,
            summary.lagging
        ))
    }
}

/// A supervision report: prints as text, renders in Jupyter, converts to a dict.
#[pyclass(module = "mubiao", frozen)]
pub struct Report {
    pub inner: mubiao::SupervisionReport,
}

#[pymethods]
impl Report {
    /// The report as text in `language` ("zh" or "en").
    #[pyo3(signature = (language = Text::from("zh")), text_signature = "(self, /, language='zh')")]
    fn render(&self, language: Text) -> PyResult<String> {
        Ok(self.inner.render(named(&language.0, "language")?))
    }

    /// The report as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __str__(&self) -> String {
        self.inner.render(mubiao::Language::Chinese)
    }

    fn _repr_html_(&self) -> String {
        html_pre(&self.inner.render(mubiao::Language::Chinese))
    }
}

#[pymethods]
impl Calendar {
    /// Reads a calendar document (JSON text or a dict).
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = if source.is_instance_of::<PyDict>() {
            let document: mubiao::CalendarDocument = from_py(source)?;
            mubiao::WorkingCalendar::from_document(document)
                .map_err(|e| validation_error(py, &e))?
        } else {
            mubiao::WorkingCalendar::from_json_str(&to_text(source, "source")?)
                .map_err(|e| to_py_err(py, e))?
        };
        Ok(Self { inner })
    }

    /// A calendar with Monday to Friday as working days and no holidays.
    #[staticmethod]
    fn weekdays_only() -> Self {
        Self {
            inner: mubiao::WorkingCalendar::weekdays_only(),
        }
    }

    /// The calendar's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Whether `day` is a working day.
    fn is_working_day(&self, day: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_working_day(to_date(day, "day")?))
    }

    /// Working days after `start` up to and including `end`.
    fn working_days_between(
        &self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<i64> {
        Ok(self
            .inner
            .working_days_between(to_date(start, "start")?, to_date(end, "end")?))
    }
}

/// Every problem of a plan document (JSON text, bytes or a dict), as rows; empty when valid.
#[pyfunction]
pub fn problems<'py>(py: Python<'py>, source: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    table(py, read_document(py, source)?.problems())
}

/// A deterministic synthetic plan of `milestones` milestones, for trying things at scale.
#[pyfunction]
#[pyo3(
    signature = (milestones, *, seed = WholeNumber(2017), units = WholeNumber(40), sub_projects_per_key_task = WholeNumber(3)),
    text_signature = "(milestones, *, seed=2017, units=40, sub_projects_per_key_task=3)"
)]
pub fn synthetic_plan(
    py: Python<'_>,
    milestones: WholeNumber,
    seed: WholeNumber,
    units: WholeNumber,
    sub_projects_per_key_task: WholeNumber,
) -> PyResult<Plan> {
    let options = mubiao::synthetic::SyntheticOptions {
        milestones: milestones.size("milestones", 0, u64::MAX)?,
        seed: seed.count("seed", 0, u64::MAX)?,
        units: units.size("units", 0, u64::MAX)?,
        sub_projects_per_key_task: sub_projects_per_key_task.size(
            "sub_projects_per_key_task",
            0,
            u64::MAX,
        )?,
    };
    let plan = py
        .detach(|| {
            mubiao::synthetic::synthetic_plan(options)
                .map_err(mubiao::Error::from)
                .and_then(|document| document.validate().map_err(mubiao::Error::from))
        })
        .map_err(|e| to_py_err(py, e))?;
    Ok(Plan {
        inner: Arc::new(plan),
    })
}

/// What changed between two statuses (of one plan on two dates, or of two versions).
#[pyfunction]
pub fn diff<'py>(
    py: Python<'py>,
    before: PyRef<'_, Status>,
    after: PyRef<'_, Status>,
) -> PyResult<Bound<'py, PyAny>> {
    let (plan_a, date_a, options_a) = before.parts();
    let (plan_b, date_b, options_b) = after.parts();
    let a = plan_a
        .status(date_a, options_a)
        .map_err(|e| status_error(py, &e))?;
    let b = plan_b
        .status(date_b, options_b)
        .map_err(|e| status_error(py, &e))?;
    to_py(py, &mubiao::StatusDiff::between(&a, &b))
}

/// A blank target table for offices to fill in, written to `path` or returned as bytes:
/// the headers, one column per quarter (`by="quarter"`) or month (`by="month"`), dropdowns
/// of the kinds of work, levels, units and district leaders, the header frozen. With
/// `organisation`, a plan whose units and people fill the organisation sheets and the
/// dropdowns; `year` and `name` title the table.
#[pyfunction]
#[pyo3(signature = (path = None, *, organisation = None, year = None, name = None, by = "quarter"))]
pub fn excel_template(
    py: Python<'_>,
    path: Option<&Bound<'_, PyAny>>,
    organisation: Option<PyRef<'_, Plan>>,
    year: Option<i32>,
    name: Option<String>,
    by: &str,
) -> PyResult<Option<Py<pyo3::types::PyBytes>>> {
    let workbook = mubiao::tables::template_for(
        organisation.as_ref().map(|plan| plan.inner.document()),
        year,
        name,
        Some(by),
    )
    .map_err(|e| crate::errors::argument_error(&e))?;
    crate::tables::write_workbook(py, &workbook, path)
}

/// Reads a plan from an `.xlsx` workbook (path or bytes) and returns it with the reading
/// report: a dict with the sheet read, every target cell (`cell`, `text`, `milestone`,
/// `due`, `reading`) and every inference made (`cell`, `message`, `message_zh`).
#[pyfunction]
#[pyo3(signature = (source, *, year = None, name = None))]
pub fn read_excel<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    year: Option<i32>,
    name: Option<String>,
) -> PyResult<(Plan, Bound<'py, PyAny>)> {
    let reading = crate::tables::read_workbook(py, source, year, name)?;
    let report = crate::tables::report_dict(py, &reading.report)?;
    Ok((
        Plan {
            inner: Arc::new(reading.plan),
        },
        report,
    ))
}
