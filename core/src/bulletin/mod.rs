//! The printed bulletins (督查通报): one self-contained HTML file, in Chinese or English,
//! that prints cleanly on A4 — no external files, the charts inline as SVG, fonts falling
//! back to the system's Chinese fonts, a page break before each supervising leader,
//! table headings repeated on every page.
//!
//! The supervision bulletin as of a date has the headline, the light board, one section
//! per supervising leader (their key tasks with lights, the sub-projects that need
//! attention and the trajectories of those lagging or at risk), the lagging list with
//! reasons and the people who answer for it, early finishers, stale reporting and, from a
//! ledger, the adjustments. The year-end bulletin has the ranking, grades, each unit's
//! score explained, and the accountability list.

mod html;
mod status;
mod year_end;

use crate::milestone::Granularity;
use crate::Language;

/// What a bulletin shows and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BulletinOptions {
    /// The language of the bulletin.
    pub language: Language,
    /// The light board's columns: month ends (the default) or quarter ends.
    pub step: Granularity,
    /// At most this many trajectories in each leader's section (lagging ones first); the
    /// rest are counted, so the printed bulletin stays a size leaders read.
    pub trajectories_per_leader: usize,
}

impl Default for BulletinOptions {
    /// In Chinese, month columns, six trajectories per leader.
    fn default() -> Self {
        BulletinOptions {
            language: Language::Chinese,
            step: Granularity::Month,
            trajectories_per_leader: 6,
        }
    }
}

/// The size of charts in the bulletin: as wide as the printed page's text, a light board
/// page filling most of an A4 page.
const PAGE_CHART: (f64, f64) = (960.0, 1180.0);
/// The size of a trajectory or explanation in the bulletin.
const SMALL_CHART: (f64, f64) = (960.0, 400.0);

/// The first page of a chart of `(width, height)` in the bulletin's language.
fn chart_options((width, height): (f64, f64), options: &BulletinOptions) -> crate::ChartOptions {
    crate::ChartOptions {
        width,
        height,
        language: options.language,
        page: 0,
    }
}

/// A bulletin framed for showing inside another page — a notebook cell, a dashboard — as
/// an `<iframe>` whose `srcdoc` holds it, so that its page and print styles stay its own.
pub fn framed(html: &str, height_px: u32) -> String {
    format!(
        r#"<iframe srcdoc="{}" style="width:100%;height:{height_px}px;border:1px solid #bdbdbd" title="bulletin"></iframe>"#,
        crate::charts::svg_escape(html)
    )
}
