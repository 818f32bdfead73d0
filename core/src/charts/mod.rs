//! Charts as SVG text: the same pictures in every language and host, with no rendering
//! dependency. Each chart is deterministic for the same input, labelled in Chinese or
//! English, sized by the caller, readable in print and by colour-blind readers (every
//! light has its own shape besides its colour), and carries a `<title>` and `<desc>` for
//! screen readers.

mod date_axis;
mod explanation;
mod light_board;
mod ranking;
mod rate_trend;
mod svg;
mod timeline;
mod trajectory;
mod trajectory_svg;

pub use light_board::{BoardColumn, BoardGroup, BoardRow, LightBoard};
pub use rate_trend::{RateSeries, RateTrend};
pub use timeline::{Timeline, TimelineMark, TimelineRow, TimelineRows};
pub use trajectory::{Trajectory, TrajectoryNode, TrajectoryPoint, TrajectorySeries};

pub(crate) use explanation::explanation_of;
pub(crate) use ranking::component_name;
pub(crate) use svg::escape as svg_escape;
use svg::{fit, whole, Svg};

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

/// Space around a chart, in pixels.
const MARGIN: f64 = 16.0;
/// The chart's title line.
const TITLE_HEIGHT: f64 = 30.0;
/// The column headings.
const HEADER_HEIGHT: f64 = 26.0;
/// One row.
const ROW_HEIGHT: f64 = 20.0;
/// The legend.
const LEGEND_HEIGHT: f64 = 30.0;
/// The page line at the foot.
const FOOTER_HEIGHT: f64 = 18.0;
/// Half an em of the 13-pixel label font, the unit of [`svg::text_units`].
const HALF_EM: f64 = 6.5;

/// The layout of a chart drawn as rows in pages: title, column headings, rows, legend
/// and page line, within the caller's size.
pub(crate) struct Frame {
    width: f64,
    height: f64,
    /// How many rows fit on a page.
    rows_per_page: usize,
    /// Where the legend starts.
    legend_top: f64,
}

/// Where rows go: their left edge, the top of the column headings, and the width.
pub(crate) struct Area {
    left: f64,
    top: f64,
    width: f64,
}

impl Frame {
    fn new(options: &ChartOptions) -> Frame {
        let (width, height) = options.size();
        let room =
            height - 2.0 * MARGIN - TITLE_HEIGHT - HEADER_HEIGHT - LEGEND_HEIGHT - FOOTER_HEIGHT;
        Frame {
            width,
            height,
            rows_per_page: whole(room / ROW_HEIGHT).max(1),
            legend_top: height - MARGIN - FOOTER_HEIGHT - LEGEND_HEIGHT + 8.0,
        }
    }

    /// How many pages `rows` rows take, `per_page` to a page (at least one page).
    fn pages_of(rows: usize, per_page: usize) -> usize {
        rows.div_ceil(per_page.max(1)).max(1)
    }

    /// How many pages `rows` rows take (at least one).
    fn pages(&self, rows: usize) -> usize {
        Self::pages_of(rows, self.rows_per_page)
    }

    /// The page drawn for the page asked (the last one past the end), and the page count.
    fn page_of(&self, rows: usize, asked: usize) -> (usize, usize) {
        let pages = self.pages(rows);
        (asked.min(pages - 1), pages)
    }

    /// The page line, at the foot on the right.
    fn footer(&self, svg: &mut Svg, text: &str) {
        svg.text(
            (self.width - MARGIN, self.height - MARGIN),
            text,
            r##"font-size="11" text-anchor="end" fill="#757575""##,
        );
    }
}

/// A line of a chart drawn in groups: a group's heading (marked continued where a page
/// starts inside the group and repeats it) or one of its rows.
pub(crate) enum Line<'a, G, R> {
    Heading(&'a G, bool),
    Row(&'a R),
}

impl<G, R> Clone for Line<'_, G, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<G, R> Copy for Line<'_, G, R> {}

/// Every line of `groups`: each heading followed by its rows.
pub(crate) fn grouped_lines<'a, G, R>(
    groups: &'a [G],
    rows: impl Fn(&'a G) -> &'a [R],
) -> Vec<Line<'a, G, R>> {
    groups
        .iter()
        .flat_map(|group| {
            std::iter::once(Line::Heading(group, false)).chain(rows(group).iter().map(Line::Row))
        })
        .collect()
}

/// Pages of grouped lines: one row of the frame on each page is kept for the heading a
/// page starting inside a group repeats.
pub(crate) struct Pages<'a, G, R> {
    lines: Vec<Line<'a, G, R>>,
    per_page: usize,
}

impl<'a, G, R> Pages<'a, G, R> {
    pub(crate) fn new(lines: Vec<Line<'a, G, R>>, frame: &Frame) -> Self {
        Pages {
            lines,
            per_page: frame.rows_per_page.saturating_sub(1).max(1),
        }
    }

    /// How many pages (at least one).
    pub(crate) fn count(&self) -> usize {
        Frame::pages_of(self.lines.len(), self.per_page)
    }

    /// The page drawn for the page asked (the last past the end), and its lines, with the
    /// heading of the group it starts inside repeated first.
    pub(crate) fn page(&self, asked: usize) -> (usize, Vec<Line<'a, G, R>>) {
        let page = asked.min(self.count() - 1);
        let first = page.saturating_mul(self.per_page);
        let mut drawn = Vec::with_capacity(self.per_page + 1);
        if let Some(Line::Row(_)) = self.lines.get(first) {
            let heading = self
                .lines
                .iter()
                .take(first + 1)
                .rev()
                .find_map(|line| match line {
                    Line::Heading(group, _) => Some(*group),
                    Line::Row(_) => None,
                });
            if let Some(group) = heading {
                drawn.push(Line::Heading(group, true));
            }
        }
        drawn.extend(self.lines.iter().skip(first).take(self.per_page).copied());
        (page, drawn)
    }
}

/// Starts a chart in `frame`: its title and description, the title drawn at the top.
fn page_frame(frame: &Frame, title: &str, description: &str) -> (Svg, Area) {
    let mut svg = Svg::new(frame.width, frame.height, title, description);
    let width = frame.width - 2.0 * MARGIN;
    svg.text(
        (MARGIN, MARGIN + 14.0),
        &fit(title, whole(width / 8.0).max(4)),
        r##"font-size="16" font-weight="bold" fill="#212121""##,
    );
    (
        svg,
        Area {
            left: MARGIN,
            top: MARGIN + TITLE_HEIGHT,
            width,
        },
    )
}

/// Finishes a chart that has nothing to draw with a line saying so.
fn nothing_to_draw(mut svg: Svg, area: &Area, message: &str) -> String {
    svg.text(
        (area.left, area.top + 20.0),
        message,
        r##"font-size="13" fill="#616161""##,
    );
    svg.finish()
}

/// The width of a label column whose longest label is `units` half-ems (plus `padding`
/// pixels), within `low` pixels and `share` of the area's width; and how many half-ems
/// of label fit in it.
fn label_column(units: usize, padding: f64, low: f64, share: f64, area: &Area) -> (f64, usize) {
    let width = (f64::from(u32::try_from(units).unwrap_or(u32::MAX)) * HALF_EM + padding)
        .clamp(low, (area.width * share).max(low));
    (width, whole((width - padding) / HALF_EM))
}

/// A month's short name: `3月` or `Mar`.
fn month_label(month: u32, zh: bool) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if zh {
        format!("{month}月")
    } else {
        NAMES
            .get(usize::try_from(month.saturating_sub(1)).unwrap_or(0))
            .copied()
            .unwrap_or("")
            .to_owned()
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
