//! Bulletins: the printable HTML the core writes, for a page to open, print or download.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, named, to_date, whole_number};
use crate::error::to_js_error;
use crate::ledger::Ledger;
use crate::{status_options, Assessment, Status};

/// What a bulletin shows, as a plain object; every field optional.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct JsBulletinOptions {
    language: Option<String>,
    step: Option<String>,
    trajectories_per_leader: Option<f64>,
}

/// The bulletin options from a plain object (or undefined for the defaults).
fn bulletin_options(options: JsValue) -> Result<mubiao::BulletinOptions, JsValue> {
    let given: JsBulletinOptions = if options.is_undefined() || options.is_null() {
        JsBulletinOptions::default()
    } else {
        from_js(options, "the bulletin options")?
    };
    let defaults = mubiao::BulletinOptions::default();
    Ok(mubiao::BulletinOptions {
        language: named(given.language.as_deref().unwrap_or("zh"), "language")?,
        step: named(given.step.as_deref().unwrap_or("month"), "step")?,
        trajectories_per_leader: match given.trajectories_per_leader {
            Some(n) => usize::try_from(whole_number(n, "trajectoriesPerLeader", 0, 10_000)?)
                .unwrap_or(defaults.trajectories_per_leader),
            None => defaults.trajectories_per_leader,
        },
    })
}

#[wasm_bindgen]
impl Status {
    /// The supervision bulletin (督查通报) of this date as self-contained HTML that prints
    /// on A4: the headline, the light board, a section per supervising leader starting a
    /// new page with the trajectories of sub-projects that need attention, the lagging
    /// list, early finishers and stale reporting.
    pub fn bulletin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BulletinOptions | undefined")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options = bulletin_options(options)?;
        let (plan, as_of, status_options) = self.parts();
        let evaluation = plan
            .status(as_of, status_options)
            .map_err(|e| to_js_error(e.into()))?;
        Ok(evaluation.bulletin(&options))
    }
}

#[wasm_bindgen]
impl Assessment {
    /// The year-end bulletin (年终考核通报) as self-contained HTML that prints on A4: the
    /// ranking chart, scores and grades, each unit's score explained, and the
    /// accountability list.
    pub fn bulletin(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BulletinOptions | undefined")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options = bulletin_options(options)?;
        Ok(self.inner.bulletin(self.plan.as_deref(), &options))
    }
}

#[wasm_bindgen]
impl Ledger {
    /// The supervision bulletin of the plan as it stood at the end of `asOf`, with the
    /// adjustments recorded by then.
    pub fn bulletin(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_param_type = "StatusOptions | undefined")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BulletinOptions | undefined")] bulletin: JsValue,
    ) -> Result<String, JsValue> {
        let bulletin = bulletin_options(bulletin)?;
        self.inner
            .bulletin(
                to_date(as_of, "asOf")?,
                &status_options(options)?,
                &bulletin,
            )
            .map_err(to_js_error)
    }
}
