//! Scoring schemes and year-end assessments.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{from_py, named, to_py, to_text, Text};
use crate::errors::{format_error, scheme_error};
use crate::plan::{default_options, html_pre, Calendar};
use crate::rows::table;

/// The inputs of an assessment from keyword arguments: component scores, the scheme (the
/// default when none), and status options with the calendar.
pub fn inputs(
    components: &Bound<'_, PyDict>,
    scheme: Option<PyRef<'_, Scheme>>,
    calendar: Option<PyRef<'_, Calendar>>,
) -> PyResult<(
    mubiao::ComponentScores,
    mubiao::Scheme,
    mubiao::StatusOptions,
)> {
    let components = from_py(components.as_any())?;
    let options = default_options(calendar.as_deref());
    let scheme = scheme.map(|s| s.inner.clone()).unwrap_or_default();
    Ok((components, scheme, options))
}

/// A validated scoring scheme; only a valid one can be used to assess.
#[pyclass(module = "mubiao", frozen)]
pub struct Scheme {
    pub inner: mubiao::Scheme,
}

#[pymethods]
impl Scheme {
    /// The default scheme: target completion 0.40, budget execution 0.30, public
    /// satisfaction 0.30.
    #[staticmethod]
    fn default() -> Self {
        Self {
            inner: mubiao::Scheme::default(),
        }
    }

    /// Reads and validates a scheme from a dict or JSON text; raises SchemeError listing
    /// every problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Self> {
        let scheme: mubiao::ScoringScheme = if source.is_instance_of::<PyDict>() {
            from_py(source)?
        } else {
            mubiao::ScoringScheme::from_json_str(&to_text(source, "source")?)
                .map_err(|e| format_error(py, &e))?
        };
        let inner = scheme.validate().map_err(|e| scheme_error(py, &e))?;
        Ok(Self { inner })
    }

    /// The scheme as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.rules())
    }
}

/// The flattened nodes of an explanation: one row per node, with its depth and the path of
/// labels from the root.
fn flatten(
    unit: &str,
    node: &mubiao::Explanation,
    depth: usize,
    path: &str,
    rows: &mut Vec<serde_json::Value>,
) {
    let item = serde_json::to_value(&node.explained).unwrap_or_default();
    let kind = item
        .get("item")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let id = item
        .get("id")
        .or_else(|| item.get("name"))
        .or_else(|| item.get("sub_project"))
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let here = if path.is_empty() {
        kind.clone()
    } else if id.is_empty() {
        format!("{path}/{kind}")
    } else {
        format!("{path}/{id}")
    };
    rows.push(serde_json::json!({
        "unit": unit,
        "depth": depth,
        "path": here,
        "item": kind,
        "id": id,
        "detail": item,
        "score": node.score,
        "weight": node.weight,
        "points": node.points,
    }));
    for child in &node.children {
        flatten(unit, child, depth + 1, &here, rows);
    }
}

/// A year-end assessment: ranks, grades, explanations and the accountability list.
#[pyclass(module = "mubiao", frozen)]
pub struct Assessment {
    pub inner: mubiao::Assessment,
    /// The plan assessed, where known, to name units and people in workbooks.
    pub plan: Option<std::sync::Arc<mubiao::Plan>>,
}

#[pymethods]
impl Assessment {
    /// One unit's performance score explained as a chart: a waterfall of the points each
    /// weighted part adds, up to the total with grade and rank; `width` × `height` pixels
    /// in `language`. An `ArgumentError` when `unit` is not an assessed unit.
    #[pyo3(
        signature = (unit, *, width = 960.0, height = 540.0, language = Text::from("zh")),
        text_signature = "(self, /, unit, *, width=960.0, height=540.0, language='zh')"
    )]
    fn explanation_chart(
        &self,
        unit: Text,
        width: f64,
        height: f64,
        language: Text,
    ) -> PyResult<crate::charts::Chart> {
        let options = crate::charts::chart_options(width, height, &language, 0)?;
        let svg = self
            .inner
            .explanation_svg(&unit.0, &options)
            .map_err(|e| crate::errors::argument_error(&e))?;
        let data = self.inner.unit(&unit.0);
        Ok(crate::charts::Chart::drawn(
            "explanation",
            svg,
            &options,
            1,
            &data,
        ))
    }

    /// The ranking as a chart: departments, then streets and towns, each unit's
    /// performance score as a bar split into the points its weighted parts bring, with
    /// grade and rank; `width` × `height` pixels in `language`, rows beyond the height on
    /// later pages (`page` from 0).
    #[pyo3(
            signature = (*, width = 960.0, height = 540.0, language = Text::from("zh"), page = 0),
            text_signature = "(self, /, *, width=960.0, height=540.0, language='zh', page=0)"
        )]
    fn ranking_chart(
        &self,
        width: f64,
        height: f64,
        language: Text,
        page: i64,
    ) -> PyResult<crate::charts::Chart> {
        let options = crate::charts::chart_options(width, height, &language, page)?;
        let pages = self.inner.ranking_page_count(&options);
        let svg = self.inner.ranking_svg(&options);
        Ok(crate::charts::Chart::drawn(
            "ranking",
            svg,
            &options,
            pages,
            &self.inner.units,
        ))
    }

    /// The assessment as an `.xlsx` workbook, written to `path` or returned as bytes: the
    /// ranking with grades, every unit's explanation down to the milestone, and the
    /// accountability list; in `language` ("zh" or "en").
    #[pyo3(signature = (path = None, *, language = Text::from("zh")), text_signature = "(self, /, path=None, *, language='zh')")]
    fn to_excel(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        language: Text,
    ) -> PyResult<Option<Py<pyo3::types::PyBytes>>> {
        let language: mubiao::Language = crate::convert::named(&language.0, "language")?;
        let workbook =
            mubiao::tables::assessment_workbook(self.plan.as_deref(), &self.inner, language);
        crate::tables::write_workbook(py, &workbook, path)
    }

    /// The year-end bulletin (年终考核通报) as printable HTML: the ranking chart, scores
    /// and grades of departments and of streets and towns, each unit's score explained,
    /// and the accountability list; in `language`.
    #[pyo3(
        signature = (*, language = Text::from("zh")),
        text_signature = "(self, /, *, language='zh')"
    )]
    fn bulletin(&self, language: Text) -> PyResult<crate::bulletin::Bulletin> {
        let options = mubiao::BulletinOptions {
            language: crate::convert::named(&language.0, "language")?,
            ..mubiao::BulletinOptions::default()
        };
        let html = self.inner.bulletin(self.plan.as_deref(), &options);
        Ok(crate::bulletin::Bulletin::new("year-end", html))
    }

    /// The assessment as versioned bytes, to send to another process.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        pyo3::types::PyBytes::new(py, &self.inner.to_bytes())
    }

    /// An assessment from the bytes `to_bytes()` wrote, checked (header, version, every
    /// unit's scores and ranks); a `FormatError` with code `bad-snapshot` otherwise. It
    /// comes without its plan: a bulletin names people by their ids.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Assessment> {
        mubiao::Assessment::from_bytes(data)
            .map(|inner| Assessment { inner, plan: None })
            .map_err(|e| format_error(py, &e))
    }

    /// Pickled as its bytes (without its plan).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
        let from_bytes = py.get_type::<Assessment>().getattr("from_bytes")?;
        let arguments =
            pyo3::types::PyTuple::new(py, [pyo3::types::PyBytes::new(py, &self.inner.to_bytes())])?;
        pyo3::types::PyTuple::new(py, [from_bytes, arguments.into_any()])
    }

    /// The assessment date.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDate {
        self.inner.as_of
    }

    /// Every assessed unit's scores, rank and grade, by rank, one row each (the
    /// explanations are in `explanations()`).
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows: Vec<serde_json::Value> = self
            .inner
            .units
            .iter()
            .map(|unit| {
                let mut row = serde_json::to_value(unit).unwrap_or_default();
                if let Some(map) = row.as_object_mut() {
                    map.remove("explanation");
                    map.remove("components");
                    for (name, value) in &unit.components {
                        map.insert(name.clone(), serde_json::json!(value));
                    }
                }
                row
            })
            .collect();
        table(py, rows)
    }

    /// The explanation tree of one unit, as a dict, or None.
    fn explanation<'py>(&self, py: Python<'py>, unit: Text) -> PyResult<Option<Bound<'py, PyAny>>> {
        let unit = unit.0.as_str();
        self.inner
            .unit(unit)
            .map(|u| to_py(py, &u.explanation))
            .transpose()
    }

    /// Every node of every unit's explanation, one row each.
    fn explanations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut rows = Vec::new();
        for unit in &self.inner.units {
            flatten(unit.unit.as_str(), &unit.explanation, 0, "", &mut rows);
        }
        table(py, rows)
    }

    /// Lagging milestones someone must answer for, most overdue first, one row each.
    fn accountability<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, self.inner.accountability.clone())
    }

    /// Working units with nothing to assess.
    #[getter]
    fn not_assessed(&self) -> Vec<String> {
        self.inner
            .not_assessed
            .iter()
            .map(|u| u.to_string())
            .collect()
    }

    /// The ranking, the top explanation and the accountability list as text.
    #[pyo3(signature = (language = Text::from("zh")), text_signature = "(self, /, language='zh')")]
    fn render(&self, language: Text) -> PyResult<String> {
        Ok(self.inner.render(named(&language.0, "language")?))
    }

    /// The whole assessment as a dict.
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
