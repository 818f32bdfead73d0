//! Tables in and out: workbooks and CSV files read into plans, plans written as them.
//! Files are read and written here; the layouts, the reading and the writing are the core's.

use std::path::{Path, PathBuf};

use pyo3::exceptions::{PyOSError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes};

use crate::convert::to_py;
use crate::errors::{format_error, to_py_err};

/// A path from `str` or `os.PathLike`.
pub fn to_path(value: &Bound<'_, PyAny>, argument: &str) -> PyResult<PathBuf> {
    value.extract::<PathBuf>().map_err(|_| {
        PyTypeError::new_err(format!(
            "`{argument}` must be a path (str or os.PathLike), got {}",
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })
}

pub fn os_error(path: &Path, error: &std::io::Error) -> PyErr {
    PyOSError::new_err(format!("cannot read or write {}: {error}", path.display()))
}

/// The bytes of a workbook given as bytes or by its path.
pub fn workbook_bytes(source: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = source.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(bytes) = source.cast::<PyByteArray>() {
        return Ok(bytes.to_vec());
    }
    // An open binary file or io.BytesIO.
    if source.hasattr("read")? {
        let read = source.call_method0("read")?;
        if let Ok(bytes) = read.cast::<PyBytes>() {
            return Ok(bytes.as_bytes().to_vec());
        }
        return Err(PyTypeError::new_err(
            "`source` was read as text; open the workbook in binary mode (open(path, \"rb\"))",
        ));
    }
    let path = to_path(source, "source")?;
    std::fs::read(&path).map_err(|e| os_error(&path, &e))
}

/// Reads a workbook in either layout.
pub fn read_workbook(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    year: Option<i32>,
    name: Option<String>,
) -> PyResult<mubiao::tables::TableReading> {
    let bytes = workbook_bytes(source)?;
    let options = mubiao::tables::OfficeOptions { year, name };
    mubiao::tables::read_workbook(&bytes, &options).map_err(|e| to_py_err(py, e))
}

/// Reads the CSV files of the long layout in a directory (or the directory of a file).
pub fn read_csv(
    py: Python<'_>,
    directory: &Bound<'_, PyAny>,
) -> PyResult<mubiao::tables::TableReading> {
    let mut path = to_path(directory, "directory")?;
    if path.is_file() {
        path = path.parent().map(Path::to_path_buf).unwrap_or_default();
    }
    let entries = std::fs::read_dir(&path).map_err(|e| os_error(&path, &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| os_error(&path, &e))?;
        let file = entry.path();
        if file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&file).map_err(|e| os_error(&file, &e))?;
            files.push((name, bytes));
        }
    }
    files.sort();
    mubiao::tables::read_csv_files(&files).map_err(|e| to_py_err(py, e))
}

/// Writes a workbook to `path`, or returns its bytes when no path is given.
pub fn write_workbook(
    py: Python<'_>,
    workbook: &mubiao::tables::WrittenWorkbook,
    path: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Py<PyBytes>>> {
    let bytes = workbook.to_xlsx().map_err(|e| format_error(py, &e))?;
    match path {
        Some(path) => {
            let path = to_path(path, "path")?;
            std::fs::write(&path, bytes).map_err(|e| os_error(&path, &e))?;
            Ok(None)
        }
        None => Ok(Some(PyBytes::new(py, &bytes).unbind())),
    }
}

/// Writes the long layout's CSV files into a directory, creating it if needed.
pub fn write_csv(
    document: &mubiao::PlanDocument,
    directory: &Bound<'_, PyAny>,
) -> PyResult<Vec<PathBuf>> {
    let path = to_path(directory, "directory")?;
    std::fs::create_dir_all(&path).map_err(|e| os_error(&path, &e))?;
    let mut written = Vec::new();
    for (name, text) in mubiao::tables::long_csv_files(document) {
        let file = path.join(name);
        std::fs::write(&file, text).map_err(|e| os_error(&file, &e))?;
        written.push(file);
    }
    Ok(written)
}

/// The reading report as a dict: the sheet, every target cell with how it was read, and
/// every inference.
pub fn report_dict<'py>(
    py: Python<'py>,
    report: &mubiao::tables::ReadingReport,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, report)
}

/// A table of the long layout as a `mubiao.Table` of dicts, one per row: text as `str`,
/// numbers as `float`, dates as ISO text, true/false as `bool`, empty cells as `None`. A
/// column that holds both text and numbers gives its numbers as text.
pub fn sheet_table<'py>(
    py: Python<'py>,
    sheet: &mubiao::tables::Sheet,
) -> PyResult<Bound<'py, PyAny>> {
    use mubiao::tables::Cell;
    use pyo3::types::{PyDict, PyList};
    let header: Vec<String> = sheet
        .rows
        .first()
        .map(|r| r.iter().map(Cell::text).collect())
        .unwrap_or_default();
    let body = sheet.rows.get(1..).unwrap_or_default();
    let mixed: Vec<bool> = (0..header.len())
        .map(|c| {
            let cells = || body.iter().filter_map(|r| r.get(c));
            cells().any(|x| matches!(x, Cell::Text(_)))
                && cells().any(|x| matches!(x, Cell::Number(_)))
        })
        .collect();
    let rows = PyList::empty(py);
    for row in body {
        let record = PyDict::new(py);
        for (c, name) in header.iter().enumerate() {
            let cell = row.get(c).unwrap_or(&Cell::Empty);
            let value: Bound<'py, PyAny> = match cell {
                Cell::Empty => py.None().into_bound(py),
                Cell::Text(t) | Cell::Error(t) => t.into_pyobject(py)?.into_any(),
                Cell::Number(n) if mixed.get(c).copied().unwrap_or(false) => {
                    cell.text().into_pyobject(py)?.into_any()
                }
                Cell::Number(n) => n.into_pyobject(py)?.into_any(),
                Cell::Date(d) => d.to_string().into_pyobject(py)?.into_any(),
                Cell::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
            };
            record.set_item(name, value)?;
        }
        rows.append(record)?;
    }
    py.import("mubiao._table")?.getattr("Table")?.call1((rows,))
}

/// Reads a plan from long-layout tables given as data frames, `mubiao.Table`s or lists
/// of dicts, by table name; a `plan` table is made from `year` and `name` when not given.
pub fn read_frames(
    py: Python<'_>,
    tables: &Bound<'_, pyo3::types::PyDict>,
    year: Option<i32>,
    name: Option<String>,
) -> PyResult<mubiao::tables::TableReading> {
    let helper = py.import("mubiao._frames")?.getattr("to_csv_bytes")?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (key, value) in tables.iter() {
        let table: String = key.extract()?;
        if !mubiao::tables::is_long_table(&table) {
            let names: Vec<&str> = mubiao::tables::LONG_TABLES
                .iter()
                .map(|(n, _)| *n)
                .collect();
            return Err(crate::errors::argument_error(&mubiao::ArgumentError::new(
                &table,
                format!(
                    "`{table}` is not a table of the long layout; use {}",
                    names.join(", ")
                ),
                format!("“{table}”不是长表格式中的表;请使用 {}", names.join("、")),
            )));
        }
        let bytes: Vec<u8> = helper.call1((value,))?.extract()?;
        files.push((table, bytes));
    }
    if !files.iter().any(|(n, _)| n == "plan") {
        let Some(year) = year else {
            return Err(crate::errors::argument_error(&mubiao::ArgumentError::new(
                "year",
                "give the plan's year (year=2017) or a `plan` table with format_version, year and name",
                "请给出计划年度(year=2017),或给出含 format_version、year、name 列的 plan 表",
            )));
        };
        let sheet = mubiao::tables::plan_table(year, &name.unwrap_or_default());
        files.push(("plan".into(), sheet.to_csv().into_bytes()));
    }
    mubiao::tables::read_csv_files(&files).map_err(|e| to_py_err(py, e))
}
