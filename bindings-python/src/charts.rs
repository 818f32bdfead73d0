//! Charts: SVG drawn by the core, shown inline in Jupyter (`_repr_svg_`) and saved as files.

use pyo3::prelude::*;

use crate::convert::{named, to_py, Text};
use crate::tables::{os_error, to_path};

/// A chart drawn as SVG: shown inline in Jupyter, saved with `save(path)`, its text from
/// `to_svg()`; `data` holds what it shows.
#[pyclass(module = "mubiao", frozen)]
pub struct Chart {
    kind: &'static str,
    svg: String,
    page: usize,
    pages: usize,
    data: serde_json::Value,
}

impl Chart {
    /// A chart of `kind` drawn with `options`: its SVG, how many pages it takes, and the
    /// data it shows.
    pub fn drawn<T: serde::Serialize>(
        kind: &'static str,
        svg: String,
        options: &mubiao::ChartOptions,
        pages: usize,
        data: &T,
    ) -> Self {
        Chart {
            kind,
            svg,
            page: options.page.min(pages.saturating_sub(1)),
            pages,
            // Chart data has text keys only: it always converts.
            data: serde_json::to_value(data).unwrap_or_default(),
        }
    }
}

/// How a chart is drawn, from the keyword arguments every chart method takes.
pub fn chart_options(
    width: f64,
    height: f64,
    language: &Text,
    page: i64,
) -> PyResult<mubiao::ChartOptions> {
    // A page past the last draws the last; a negative one is a mistake worth saying.
    let page = match usize::try_from(page) {
        Ok(page) => page,
        Err(_) if page < 0 => {
            return Err(crate::errors::argument_error(&mubiao::ArgumentError::new(
                "page",
                format!("the page {page} is before the first; pages count from 0"),
                format!("页码 {page} 在第一页之前;页码从 0 开始"),
            )))
        }
        Err(_) => usize::MAX,
    };
    Ok(mubiao::ChartOptions {
        width,
        height,
        language: named(&language.0, "language")?,
        page,
    })
}

#[pymethods]
impl Chart {
    /// The chart as SVG text.
    fn to_svg(&self) -> &str {
        &self.svg
    }

    /// The chart for Jupyter to show.
    fn _repr_svg_(&self) -> &str {
        &self.svg
    }

    /// Writes the SVG to `path` (UTF-8).
    fn save(&self, path: &Bound<'_, PyAny>) -> PyResult<()> {
        let path = to_path(path, "path")?;
        std::fs::write(&path, self.svg.as_bytes()).map_err(|e| os_error(&path, &e))
    }

    /// The page drawn, from 0.
    #[getter]
    fn page(&self) -> usize {
        self.page
    }

    /// How many pages the chart takes at its size.
    #[getter]
    fn page_count(&self) -> usize {
        self.pages
    }

    /// What the chart shows, as plain dicts and lists.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.data)
    }

    fn __repr__(&self) -> String {
        format!(
            "<mubiao.Chart {}, page {} of {}>",
            self.kind,
            self.page + 1,
            self.pages
        )
    }
}
