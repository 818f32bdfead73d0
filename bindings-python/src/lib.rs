//! The native module `mubiao._native`: thin wrappers that convert Python values to the
//! core's types, call the core, and convert results and errors back. No domain logic
//! lives here.

#![forbid(unsafe_code)]

mod assessment;
mod bulletin;
mod charts;
mod convert;
mod errors;
mod ledger;
mod milestone_columns;
mod plan;
mod rollup;
mod rows;
mod tables;
mod transparency;

use pyo3::prelude::*;

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(module)?;
    module.add("DATE_COLUMNS", rows::DATE_COLUMNS.to_vec())?;
    module.add_class::<plan::Plan>()?;
    module.add_class::<charts::Chart>()?;
    module.add_class::<bulletin::Bulletin>()?;
    module.add_class::<plan::Status>()?;
    module.add_class::<rollup::Rollup>()?;
    module.add_class::<rows::NativeRows>()?;
    module.add_class::<plan::Report>()?;
    module.add_class::<plan::Calendar>()?;
    module.add_class::<ledger::Ledger>()?;
    module.add_class::<transparency::NoteSigner>()?;
    module.add_class::<transparency::NoteVerifier>()?;
    module.add_function(wrap_pyfunction!(transparency::leaf_hash, module)?)?;
    module.add_function(wrap_pyfunction!(transparency::verify_inclusion, module)?)?;
    module.add_function(wrap_pyfunction!(transparency::verify_consistency, module)?)?;
    module.add_class::<assessment::Scheme>()?;
    module.add_class::<assessment::Assessment>()?;
    module.add_function(wrap_pyfunction!(plan::problems, module)?)?;
    module.add_function(wrap_pyfunction!(plan::synthetic_plan, module)?)?;
    module.add_function(wrap_pyfunction!(plan::diff, module)?)?;
    module.add_function(wrap_pyfunction!(plan::read_excel, module)?)?;
    module.add_function(wrap_pyfunction!(plan::excel_template, module)?)?;
    module.add("FORMAT_VERSION", mubiao::FORMAT_VERSION)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
