//! Rows of a result kept in Rust: a `Table` reads one row as a dict when asked, all of them
//! when iterated, and hands its columns to pandas, polars or pyarrow through the Arrow
//! PyCapsule interface (`__arrow_c_stream__`) without a Python object per row.

use std::sync::{Arc, OnceLock};

use arrow_array::{ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, Field, FieldRef};
use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use serde::Serialize;
use serde_arrow::schema::{SchemaLike, TracingOptions};

use crate::convert::to_py;

/// What the rows of a result can do, whatever their type.
pub trait RowSource: Send + Sync {
    fn len(&self) -> usize;
    fn record<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Option<Bound<'py, PyAny>>>;
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// The rows as one record batch; `None` when a row's shape has no Arrow form.
    fn batch(&self) -> Option<RecordBatch>;
}

/// Rows of any serialisable type, their Arrow columns traced from the rows.
struct Rows<T> {
    rows: Vec<T>,
}

impl<T: Serialize + Send + Sync> RowSource for Rows<T> {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn record<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.rows.get(index).map(|row| to_py(py, row)).transpose()
    }

    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.rows)
    }

    fn batch(&self) -> Option<RecordBatch> {
        traced_batch(&self.rows)
    }
}

/// Rows as one record batch, the columns' types traced from the rows themselves: every
/// enum a string, a missing value a null.
fn traced_batch<T: Serialize>(rows: &[T]) -> Option<RecordBatch> {
    // Tracing every row of a million costs more than writing them: a sample spread over
    // the rows is traced first, and all of them only when the sample missed a shape (a
    // value where the sample had only nulls).
    let step = (rows.len() / 2_000).max(1);
    let sample: Vec<&T> = rows.iter().step_by(step).collect();
    if let Some(fields) = traced_fields(&sample) {
        if let Ok(batch) = serde_arrow::to_record_batch(&fields, &rows) {
            return Some(batch);
        }
    }
    serde_arrow::to_record_batch(&traced_fields(rows)?, &rows).ok()
}

/// The Arrow fields of `rows`; `None` where a row holds a union (an enum with data), a
/// type not every reader takes (polars panics on one): such rows stay rows.
fn traced_fields<T: Serialize>(rows: &[T]) -> Option<Vec<FieldRef>> {
    let options = TracingOptions::default()
        .allow_null_fields(true)
        .enums_without_data_as_strings(true)
        .map_as_struct(true);
    let fields = Vec::<FieldRef>::from_samples(rows, options).ok()?;
    let fields: Vec<FieldRef> = fields.iter().map(|f| Arc::new(named_values(f))).collect();
    (!fields.iter().any(|f| has_union(f.data_type()))).then_some(fields)
}

/// A field with every enum of names (a union of null variants: the tracer saw only some
/// of an enum's variants) as a dictionary of strings, the form every data-frame library
/// reads; struct fields likewise inside.
fn named_values(field: &Field) -> Field {
    match field.data_type() {
        DataType::Union(variants, _)
            if variants
                .iter()
                .all(|(_, v)| v.data_type() == &DataType::Null) =>
        {
            Field::new(
                field.name(),
                DataType::Dictionary(Box::new(DataType::UInt32), Box::new(DataType::Utf8)),
                true,
            )
            .with_metadata(field.metadata().clone())
        }
        DataType::Struct(children) => {
            let children: Vec<Field> = children.iter().map(|c| named_values(c)).collect();
            Field::new(
                field.name(),
                DataType::Struct(children.into()),
                field.is_nullable(),
            )
            .with_metadata(field.metadata().clone())
        }
        // The columns that hold ISO dates (`YYYY-MM-DD`) become date columns.
        DataType::Utf8 | DataType::LargeUtf8 if DATE_COLUMNS.contains(&field.name().as_str()) => {
            Field::new(field.name(), DataType::Date32, field.is_nullable())
                .with_metadata(field.metadata().clone())
        }
        _ => field.clone(),
    }
}

/// The columns that hold ISO dates: date columns in Arrow and in data frames (the
/// module's `DATE_COLUMNS`, which `mubiao._table` reads).
pub const DATE_COLUMNS: [&str; 14] = [
    "as_of",
    "completed_on",
    "date",
    "due",
    "forecast",
    "from",
    "latest_report",
    "original_due",
    "current_due",
    "rated_on",
    "recorded_on",
    "signed_on",
    "start",
    "withdrawn_on",
];

/// Whether a type holds a union anywhere.
fn has_union(data_type: &DataType) -> bool {
    match data_type {
        DataType::Union(..) => true,
        DataType::Struct(children) => children.iter().any(|c| has_union(c.data_type())),
        DataType::List(child) | DataType::LargeList(child) | DataType::FixedSizeList(child, _) => {
            has_union(child.data_type())
        }
        DataType::Map(child, _) => has_union(child.data_type()),
        _ => false,
    }
}

/// Rows kept in Rust for a `mubiao.Table`.
#[pyclass(module = "mubiao._native", name = "_Rows", frozen)]
pub struct NativeRows {
    source: Box<dyn RowSource>,
    /// The Arrow form, made once when first asked for.
    arrow: OnceLock<Option<RecordBatch>>,
}

impl NativeRows {
    fn batch(&self) -> Option<&RecordBatch> {
        self.arrow.get_or_init(|| self.source.batch()).as_ref()
    }
}

#[pymethods]
impl NativeRows {
    fn __len__(&self) -> usize {
        self.source.len()
    }

    /// Row `index` as a dict.
    fn record<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Bound<'py, PyAny>> {
        self.source
            .record(py, index)?
            .ok_or_else(|| PyIndexError::new_err("row index out of range"))
    }

    /// Every row as a list of dicts.
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.source.records(py)
    }

    /// Whether the rows have an Arrow form (nearly all do; a row holding a map of
    /// varying keys does not).
    fn has_arrow(&self) -> bool {
        self.batch().is_some()
    }

    /// The rows as an Arrow C stream, for pandas, polars, pyarrow and any other reader
    /// of the Arrow PyCapsule interface.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let Some(batch) = self.batch() else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                match crate::errors::language() {
                    mubiao::Language::Chinese => {
                        "这些行没有 Arrow 形式(某行含有键不固定的映射);请改用 to_records()"
                    }
                    _ => "these rows have no Arrow form (a row holds a map of varying keys); use to_records()",
                },
            ));
        };
        let schema = batch.schema();
        let field: FieldRef = Arc::new(
            Field::new_struct("", schema.fields().clone(), false)
                .with_metadata(schema.metadata().clone()),
        );
        let array: ArrayRef = Arc::new(StructArray::from(batch.clone()));
        let reader = Box::new(pyo3_arrow::ffi::ArrayIterator::new(
            std::iter::once(Ok(array)),
            field,
        ));
        pyo3_arrow::ffi::to_stream_pycapsule(py, reader, requested_schema).map_err(PyErr::from)
    }
}

/// A `mubiao.Table` over rows kept in Rust.
pub fn table<T: Serialize + Send + Sync + 'static>(
    py: Python<'_>,
    rows: Vec<T>,
) -> PyResult<Bound<'_, PyAny>> {
    wrapped(py, Rows { rows })
}

/// A `mubiao.Table` over rows a source of its own keeps and writes.
pub fn wrapped(py: Python<'_>, rows: impl RowSource + 'static) -> PyResult<Bound<'_, PyAny>> {
    let native = Bound::new(
        py,
        NativeRows {
            source: Box::new(rows),
            arrow: OnceLock::new(),
        },
    )?;
    py.import("mubiao._table")?
        .getattr("Table")?
        .call_method1("_native", (native,))
}
