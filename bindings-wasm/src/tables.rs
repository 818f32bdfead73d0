//! Results as workbooks: the supervision report of a status, an assessment, a ledger's
//! adjustments, and a blank target table; each as the bytes of an `.xlsx` file.

use wasm_bindgen::prelude::*;

use crate::convert::{named, to_date};
use crate::error::{format_error, to_js_error};
use crate::ledger::Ledger;
use crate::{status_options, Assessment, Plan, Status};

fn language(language: Option<String>) -> Result<mubiao::Language, JsValue> {
    named(language.as_deref().unwrap_or("zh"), "language")
}

fn bytes(workbook: &mubiao::tables::WrittenWorkbook) -> Result<Vec<u8>, JsValue> {
    workbook.to_xlsx().map_err(|e| format_error(&e))
}

#[wasm_bindgen]
impl Status {
    /// The supervision report as `.xlsx` bytes: a headline sheet, one sheet per
    /// supervising leader with every light as a red, yellow or green fill, the lagging
    /// list, early finishers and stale reporting; in `language` (`"zh"`, the default, or
    /// `"en"`).
    #[wasm_bindgen(js_name = toExcel)]
    pub fn to_excel(&self, language: Option<String>) -> Result<Vec<u8>, JsValue> {
        let language = self::language(language)?;
        let evaluation = self.evaluation()?;
        let report = evaluation.report();
        bytes(&mubiao::tables::supervision_workbook(
            &evaluation,
            &report,
            language,
        ))
    }
}

#[wasm_bindgen]
impl Assessment {
    /// The assessment as `.xlsx` bytes: the ranking with grades, every unit's explanation
    /// down to the milestone, and the accountability list.
    #[wasm_bindgen(js_name = toExcel)]
    pub fn to_excel(&self, language: Option<String>) -> Result<Vec<u8>, JsValue> {
        bytes(&mubiao::tables::assessment_workbook(
            self.plan.as_deref(),
            &self.inner,
            self::language(language)?,
        ))
    }
}

#[wasm_bindgen]
impl Ledger {
    /// The ledger as `.xlsx` bytes: with `asOf`, the supervision report of that day with
    /// its adjustments sheet; without, the adjustments alone (original and current
    /// deadlines and targets, every move with who approved it).
    #[wasm_bindgen(js_name = toExcel)]
    pub fn to_excel(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
        language: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
    ) -> Result<Vec<u8>, JsValue> {
        let language = self::language(language)?;
        let as_of = as_of.map(|day| to_date(&day, "asOf")).transpose()?;
        let workbook = mubiao::tables::ledger_workbook(
            &self.inner,
            as_of,
            &status_options(options)?,
            language,
        )
        .map_err(to_js_error)?;
        bytes(&workbook)
    }
}

fn template(
    organisation: Option<&mubiao::PlanDocument>,
    year: Option<i32>,
    name: Option<String>,
    by: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    let workbook = mubiao::tables::template_for(organisation, year, name, by.as_deref())
        .map_err(|e| crate::error::argument_error(&e))?;
    bytes(&workbook)
}

#[wasm_bindgen]
impl Plan {
    /// A blank target table as `.xlsx` bytes, with this plan's units and people as the
    /// organisation and in the dropdowns: one column per quarter (`by` `"quarter"`, the
    /// default) or month (`"month"`); `year` and `name` title it (the plan's by default).
    #[wasm_bindgen(js_name = excelTemplate)]
    pub fn excel_template(
        &self,
        by: Option<String>,
        year: Option<i32>,
        name: Option<String>,
    ) -> Result<Vec<u8>, JsValue> {
        template(Some(self.inner.document()), year, name, by)
    }
}

/// A blank target table as `.xlsx` bytes for offices to fill in, with no organisation
/// yet: one column per quarter (`by` `"quarter"`, the default) or month (`"month"`).
#[wasm_bindgen(js_name = excelTemplate)]
pub fn excel_template(
    year: Option<i32>,
    name: Option<String>,
    by: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    template(None, year, name, by)
}
