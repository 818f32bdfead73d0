//! Roll-ups as objects: read a grouping as a dict or a `Table` when asked, merge the
//! roll-ups of a plan's parts (or of many plans), and send them between processes as
//! bytes or by pickle.

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use crate::convert::to_py;
use crate::errors::{argument_error, format_error};
use crate::rows::table;

/// Every roll-up of a plan (or of many plans) on one date. `rollup["by_kind"]` reads one
/// grouping as a dict, `to_dict()` all of them; `merge` adds another part's roll-up;
/// `to_bytes()` / `Rollup.from_bytes()` and pickle carry it between processes.
#[pyclass(module = "mubiao", frozen)]
pub struct Rollup {
    pub inner: mubiao::Rollup,
}

const GROUPINGS: [&str; 8] = [
    "overall",
    "by_supervising_leader",
    "by_lead_unit",
    "by_partner_unit",
    "by_kind",
    "by_level",
    "by_key_task",
    "lagging",
];

#[pymethods]
impl Rollup {
    /// The empty roll-up: merging it changes nothing.
    #[staticmethod]
    fn empty() -> Rollup {
        Rollup {
            inner: mubiao::Rollup::empty(),
        }
    }

    /// A roll-up from the bytes `to_bytes()` wrote, checked (header, version, every
    /// count); a `FormatError` with code `bad-snapshot` otherwise.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Rollup> {
        mubiao::Rollup::from_bytes(data)
            .map(|inner| Rollup { inner })
            .map_err(|e| format_error(py, &e))
    }

    /// Every roll-up of `rollups` merged into one (the empty roll-up for none).
    #[staticmethod]
    fn merge_all(rollups: &Bound<'_, PyAny>) -> PyResult<Rollup> {
        let mut total = mubiao::Rollup::empty();
        for item in rollups.try_iter()? {
            let item = item?;
            let part = item.cast::<Rollup>()?;
            total = total
                .merge(&part.get().inner)
                .map_err(|e| argument_error(&e.into()))?;
        }
        Ok(Rollup { inner: total })
    }

    /// This roll-up and `other` (another part of the plan, or another plan, on the same
    /// date) merged into one; an `ArgumentError` for roll-ups of different dates.
    fn merge(&self, other: PyRef<'_, Rollup>) -> PyResult<Rollup> {
        self.inner
            .merge(&other.inner)
            .map(|inner| Rollup { inner })
            .map_err(|e| argument_error(&e.into()))
    }

    /// The roll-up as versioned bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.to_bytes())
    }

    /// The date the statuses are for; None for the empty roll-up.
    #[getter]
    fn as_of(&self) -> Option<chrono::NaiveDate> {
        self.inner.as_of
    }

    /// The counts of the whole plan, as a dict.
    #[getter]
    fn overall<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.overall)
    }

    /// Every lagging milestone, one row each.
    fn lagging<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, self.inner.lagging.clone())
    }

    /// One grouping as a dict (`rollup["by_kind"]["key_work"]`): `overall`,
    /// `by_supervising_leader`, `by_lead_unit`, `by_partner_unit`, `by_kind`, `by_level`,
    /// `by_key_task` or `lagging` (a list); converted when asked for.
    fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
        let inner = &self.inner;
        match key {
            "as_of" => to_py(py, &inner.as_of),
            "overall" => to_py(py, &inner.overall),
            "by_supervising_leader" => to_py(py, &inner.by_supervising_leader),
            "by_lead_unit" => to_py(py, &inner.by_lead_unit),
            "by_partner_unit" => to_py(py, &inner.by_partner_unit),
            "by_kind" => to_py(py, &inner.by_kind),
            "by_level" => to_py(py, &inner.by_level),
            "by_key_task" => to_py(py, &inner.by_key_task),
            "lagging" => to_py(py, &inner.lagging),
            other => {
                let known = GROUPINGS.join(", ");
                Err(PyKeyError::new_err(match crate::errors::language() {
                    mubiao::Language::Chinese => {
                        format!("`{other}` 不是汇总的组成部分;请使用 as_of, {known} 之一")
                    }
                    _ => format!("`{other}` is not part of a roll-up; use one of as_of, {known}"),
                }))
            }
        }
    }

    /// The names `rollup[...]` takes.
    fn keys(&self) -> Vec<&'static str> {
        std::iter::once("as_of").chain(GROUPINGS).collect()
    }

    /// The date and every roll-up as nested dicts.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Rollup>()
            .is_ok_and(|other| other.get().inner == self.inner)
    }

    /// Pickled as its bytes.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let from_bytes = py.get_type::<Rollup>().getattr("from_bytes")?;
        let arguments = PyTuple::new(py, [PyBytes::new(py, &self.inner.to_bytes())])?;
        PyTuple::new(py, [from_bytes, arguments.into_any()])
    }

    fn __repr__(&self) -> String {
        let overall = &self.inner.overall;
        format!(
            "<mubiao.Rollup {}: {} milestones, {} of {} sub-projects on schedule, {} lagging>",
            self.inner
                .as_of
                .map_or_else(|| "empty".to_owned(), |d| d.to_string()),
            overall.milestones,
            overall.sub_projects_on_schedule,
            overall.sub_projects_with_due_milestone,
            overall.lagging
        )
    }
}
