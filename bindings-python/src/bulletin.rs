//! Bulletins: the printable HTML the core writes, shown framed in Jupyter
//! (`_repr_html_`) and written to a file with `to_html(path)`.

use pyo3::prelude::*;

use crate::convert::{named, Text};
use crate::tables::{os_error, to_path};

/// A printable bulletin (督查通报 or 年终考核通报) as self-contained HTML: `html` is the
/// text, `to_html(path)` writes it for a browser to print on A4; Jupyter shows it framed.
#[pyclass(module = "mubiao", frozen)]
pub struct Bulletin {
    kind: &'static str,
    html: String,
}

impl Bulletin {
    /// A bulletin of `kind` (`supervision` or `year-end`).
    pub fn new(kind: &'static str, html: String) -> Self {
        Bulletin { kind, html }
    }
}

/// What a bulletin shows, from the keyword arguments every bulletin method takes.
pub fn bulletin_options(
    language: &Text,
    step: &Text,
    trajectories_per_leader: usize,
) -> PyResult<mubiao::BulletinOptions> {
    Ok(mubiao::BulletinOptions {
        language: named(&language.0, "language")?,
        step: named(&step.0, "step")?,
        trajectories_per_leader,
    })
}

#[pymethods]
impl Bulletin {
    /// The bulletin as HTML text.
    #[getter]
    fn html(&self) -> &str {
        &self.html
    }

    /// Writes the bulletin to `path` (UTF-8 HTML); open it in a browser to print it.
    fn to_html(&self, path: &Bound<'_, PyAny>) -> PyResult<()> {
        let path = to_path(path, "path")?;
        std::fs::write(&path, self.html.as_bytes()).map_err(|e| os_error(&path, &e))
    }

    /// The bulletin framed for Jupyter, its styles kept to itself.
    fn _repr_html_(&self) -> String {
        mubiao::bulletin::framed(&self.html, 720)
    }

    fn __str__(&self) -> &str {
        &self.html
    }

    fn __repr__(&self) -> String {
        format!(
            "<mubiao.Bulletin {}, {} KB of HTML>",
            self.kind,
            self.html.len().div_ceil(1024)
        )
    }
}
