//! Charts: SVG drawn by the core, for a page to put in the document as it is.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, named, to_js, whole_number};
use crate::error::to_js_error;
use crate::{Assessment, Status};

/// How a chart is drawn, as a plain object; every field optional.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct JsChartOptions {
    step: Option<String>,
    by: Option<String>,
    width: Option<f64>,
    height: Option<f64>,
    language: Option<String>,
    page: Option<f64>,
}

/// A chart drawn as SVG: `toSvg()` gives the text to put in the page; `data` what it shows.
#[wasm_bindgen]
pub struct Chart {
    svg: String,
    page: usize,
    pages: usize,
    data: serde_json::Value,
}

impl Chart {
    /// A chart drawn with `options`: its SVG, how many pages it takes, and the data it
    /// shows.
    fn drawn<T: serde::Serialize>(
        svg: String,
        options: &mubiao::ChartOptions,
        pages: usize,
        data: &T,
    ) -> Chart {
        Chart {
            svg,
            page: options.page.min(pages.saturating_sub(1)),
            pages,
            // Chart data has text keys only: it always converts.
            data: serde_json::to_value(data).unwrap_or_default(),
        }
    }
}

#[wasm_bindgen]
impl Chart {
    /// The chart as SVG text.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(&self) -> String {
        self.svg.clone()
    }

    /// The page drawn, from 0.
    #[wasm_bindgen(getter)]
    pub fn page(&self) -> usize {
        self.page
    }

    /// How many pages the chart takes at its size.
    #[wasm_bindgen(getter, js_name = pageCount)]
    pub fn page_count(&self) -> usize {
        self.pages
    }

    /// What the chart shows, as plain objects.
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "LightBoard | Timeline | Trajectory | RateTrend | UnitAssessment[] | UnitAssessment"
    )]
    pub fn data(&self) -> Result<JsValue, JsValue> {
        to_js(&self.data)
    }
}

#[wasm_bindgen]
impl Status {
    /// The light board (亮灯) up to this date: each key task's light at the end of every
    /// month (or quarter, `step: "quarter"`) under its supervising leader, as a chart of
    /// `width` × `height` pixels (960 × 540) in `language` (`"zh"` or `"en"`); rows that
    /// do not fit go to later pages (`page`, from 0).
    #[wasm_bindgen(js_name = lightBoard)]
    pub fn light_board(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<Chart, JsValue> {
        let (given, options) = chart_options(options)?;
        let step: mubiao::Granularity = named(given.step.as_deref().unwrap_or("month"), "step")?;
        let (plan, as_of, status_options) = self.parts();
        let board = plan
            .light_board(as_of, step, status_options)
            .map_err(|e| to_js_error(e.into()))?;
        let svg = board.to_svg(&options);
        Ok(Chart::drawn(
            svg,
            &options,
            board.page_count(&options),
            &board,
        ))
    }

    /// The completion rate (on-schedule sub-projects over those with a milestone due) at
    /// every month (or quarter, `step: "quarter"`) end up to this date, for the whole plan
    /// and each kind of work, against the 95% aim.
    #[wasm_bindgen(js_name = rateTrend)]
    pub fn rate_trend(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<Chart, JsValue> {
        let (given, options) = chart_options(options)?;
        let step: mubiao::Granularity = named(given.step.as_deref().unwrap_or("month"), "step")?;
        let (plan, as_of, status_options) = self.parts();
        let trend = plan
            .rate_trend(as_of, step, status_options)
            .map_err(|e| to_js_error(e.into()))?;
        Ok(Chart::drawn(trend.to_svg(&options), &options, 1, &trend))
    }

    /// The timeline of this date: every milestone at its due date, a row per key task
    /// (`by: "key_task"`, the default) or lead unit (`by: "lead_unit"`), marked by its
    /// status, with the as-of date as a dashed line; rows beyond the height on later pages.
    pub fn timeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<Chart, JsValue> {
        let (given, options) = chart_options(options)?;
        let rows: mubiao::TimelineRows = named(given.by.as_deref().unwrap_or("key_task"), "by")?;
        let (plan, as_of, status_options) = self.parts();
        let timeline = plan
            .status(as_of, status_options)
            .map_err(|e| to_js_error(e.into()))?
            .timeline(rows);
        let svg = timeline.to_svg(&options);
        Ok(Chart::drawn(
            svg,
            &options,
            timeline.page_count(&options),
            &timeline,
        ))
    }

    /// The trajectory of one sub-project on this date: for each quantity series the
    /// cumulative values reported as a step line against every node's target and due
    /// date, the straight line to each open node that the risk rule measures against, and
    /// the forecast at the pace so far; its deliverables done, late or lagging. Panels
    /// beyond the height go to later pages. An `ArgumentError` when the plan has no such
    /// sub-project.
    pub fn trajectory(
        &self,
        #[wasm_bindgen(js_name = subProject)] sub_project: &str,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<Chart, JsValue> {
        let (_, options) = chart_options(options)?;
        let (plan, as_of, status_options) = self.parts();
        let trajectory = plan
            .status(as_of, status_options)
            .map_err(|e| to_js_error(e.into()))?
            .trajectory(sub_project)
            .map_err(|e| crate::error::argument_error(&e))?;
        Ok(Chart::drawn(
            trajectory.to_svg(&options),
            &options,
            trajectory.page_count(&options),
            &trajectory,
        ))
    }
}

/// The options as given, and how the chart is drawn from them.
fn chart_options(options: JsValue) -> Result<(JsChartOptions, mubiao::ChartOptions), JsValue> {
    let given: JsChartOptions = if options.is_undefined() || options.is_null() {
        JsChartOptions::default()
    } else {
        from_js(options, "the chart options")?
    };
    let language: mubiao::Language = named(given.language.as_deref().unwrap_or("zh"), "language")?;
    let page = match given.page {
        Some(page) => usize::try_from(whole_number(page, "page", 0, u64::from(u32::MAX))?)
            .unwrap_or(usize::MAX),
        None => 0,
    };
    let defaults = mubiao::ChartOptions::default();
    let drawn = mubiao::ChartOptions {
        width: given.width.unwrap_or(defaults.width),
        height: given.height.unwrap_or(defaults.height),
        language,
        page,
    };
    Ok((given, drawn))
}

#[wasm_bindgen]
impl Assessment {
    /// One unit's performance score explained as a chart: a waterfall of the points each
    /// weighted part adds, up to the total with grade and rank. A `bad-argument` error
    /// when `unit` is not an assessed unit.
    #[wasm_bindgen(js_name = explanationChart)]
    pub fn explanation_chart(
        &self,
        unit: &str,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<Chart, JsValue> {
        let (_, options) = chart_options(options)?;
        let svg = self
            .inner
            .explanation_svg(unit, &options)
            .map_err(|e| crate::error::argument_error(&e))?;
        let data = self.inner.unit(unit);
        Ok(Chart::drawn(svg, &options, 1, &data))
    }

    /// The ranking as a chart: departments, then streets and towns, each unit's
    /// performance score as a bar split into the points its weighted parts bring, with
    /// grade and rank; rows beyond the height on later pages.
    #[wasm_bindgen(js_name = rankingChart)]
    pub fn ranking_chart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    ) -> Result<Chart, JsValue> {
        let (_, options) = chart_options(options)?;
        let pages = self.inner.ranking_page_count(&options);
        let svg = self.inner.ranking_svg(&options);
        Ok(Chart::drawn(svg, &options, pages, &self.inner.units))
    }
}
