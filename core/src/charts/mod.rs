//! Charts as SVG text: the same pictures in every language and host, with no rendering
//! dependency. Each chart is deterministic for the same input, labelled in Chinese or
//! English, sized by the caller, readable in print and by colour-blind readers (every
//! light has its own shape besides its colour), and carries a `<title>` and `<desc>` for
//! screen readers.

mod light_board;
mod svg;

pub use light_board::{BoardColumn, BoardGroup, BoardRow, LightBoard};

use crate::Language;

/// How a chart is drawn: its size in pixels (the SVG's width and height), its language,
/// and for charts with more rows than fit, which page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartOptions {
    /// Width in pixels; at least 320 is used.
    pub width: f64,
    /// Height in pixels; at least 240 is used. Rows that do not fit go to later pages.
    pub height: f64,
    /// The language of labels and descriptions.
    pub language: Language,
    /// The page to draw, from 0, for charts drawn over several pages.
    pub page: usize,
}

impl Default for ChartOptions {
    /// 960 × 540 pixels, in Chinese, the first page.
    fn default() -> Self {
        ChartOptions {
            width: 960.0,
            height: 540.0,
            language: Language::Chinese,
            page: 0,
        }
    }
}

impl ChartOptions {
    /// The width and height used: the asked size within 320 × 240 and 20,000 × 20,000
    /// (a size that is not a number is the default's).
    pub(crate) fn size(&self) -> (f64, f64) {
        let bounded = |value: f64, low: f64, default: f64| {
            if value.is_finite() {
                value.clamp(low, 20_000.0)
            } else {
                default
            }
        };
        (
            bounded(self.width, 320.0, 960.0),
            bounded(self.height, 240.0, 540.0),
        )
    }
}

/// How each light is drawn: fill colour, the mark inside, and its name.
pub(crate) mod look {
    use crate::status::Light;

    /// The fill of a light's cell (print-safe tones).
    pub(crate) fn fill(light: Option<Light>) -> &'static str {
        match light {
            Some(Light::Green) => "#2e7d32",
            Some(Light::Yellow) => "#f9a825",
            Some(Light::Red) => "#c62828",
            None => "#eeeeee",
        }
    }
}
