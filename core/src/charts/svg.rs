//! A small SVG writer: just what the charts draw (rectangles, lines, paths, circles and
//! text in groups), every number finite and short, every text escaped, and the same
//! bytes for the same input.

use std::fmt::Write;

/// An SVG document being written. Coordinates are in user units of a view box of the
/// size the caller asked for.
pub(crate) struct Svg {
    out: String,
}

/// A number as SVG writes it: at most two decimals, no trailing zeros, and never NaN or
/// infinite (those are written as 0, and clamped to ±1e9 otherwise).
pub(crate) fn number(value: f64) -> String {
    let value = if value.is_finite() {
        value.clamp(-1e9, 1e9)
    } else {
        0.0
    };
    let rounded = (value * 100.0).round() / 100.0;
    // `-0` reads oddly; it is 0.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let mut text = format!("{rounded:.2}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    text
}

/// A value as a label reads it: up to two decimals without trailing zeros below a
/// million, three significant figures in scientific form beyond (and for tiny values).
pub(crate) fn number_label(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let size = value.abs();
    if size == 0.0 || (0.01..1e6).contains(&size) {
        number(value)
    } else {
        format!("{value:.2e}")
    }
}

/// The whole part of a non-negative number, for counting rows and label widths from
/// pixel sizes: 0 for negative or NaN values, at most a billion.
pub(crate) fn whole(value: f64) -> usize {
    if !value.is_finite() || value < 1.0 {
        return 0;
    }
    format!("{:.0}", value.min(1e9).floor())
        .parse()
        .unwrap_or(0)
}

/// Text made safe for XML content and attribute values: markup characters escaped, and
/// the control characters XML 1.0 forbids left out.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How wide a text is, in units of half an em: CJK and other wide characters count 2,
/// everything else 1 — the terminal's column count. Charts have no font to measure with;
/// this estimate keeps labels inside their space in the fonts Chinese offices use.
pub(crate) use crate::report::width::width as text_units;

/// `text` cut to at most `units` half-ems (see [`text_units`]), with `…` where it was cut.
pub(crate) use crate::report::width::truncate as fit;

impl Svg {
    /// Starts a document of `width` × `height` with its `<title>` and `<desc>` (read by
    /// screen readers) and the fonts that Chinese and Latin text fall back to.
    pub(crate) fn new(width: f64, height: f64, title: &str, description: &str) -> Svg {
        let (w, h) = (number(width), number(height));
        let mut out = String::with_capacity(4096);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="chart-title chart-desc" font-family="'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',SimSun,sans-serif">"#
        );
        let _ = write!(
            out,
            r#"<title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
            escape(title),
            escape(description)
        );
        let _ = write!(
            out,
            r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##
        );
        Svg { out }
    }

    /// A rectangle.
    pub(crate) fn rect(&mut self, (x, y, width, height): (f64, f64, f64, f64), style: &str) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" {style}/>"#,
            number(x),
            number(y),
            number(width.max(0.0)),
            number(height.max(0.0)),
        );
    }

    /// A straight line.
    pub(crate) fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), style: &str) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {style}/>"#,
            number(x1),
            number(y1),
            number(x2),
            number(y2),
        );
    }

    /// A circle.
    pub(crate) fn circle(&mut self, (x, y): (f64, f64), radius: f64, style: &str) {
        let _ = write!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}" {style}/>"#,
            number(x),
            number(y),
            number(radius.max(0.0)),
        );
    }

    /// A closed polygon through `points`.
    pub(crate) fn polygon(&mut self, points: &[(f64, f64)], style: &str) {
        self.through("polygon", points, style);
    }

    /// An open line through `points`.
    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], style: &str) {
        self.through("polyline", points, style);
    }

    /// An element of `points` (`x,y x,y …`).
    fn through(&mut self, element: &str, points: &[(f64, f64)], style: &str) {
        let points: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", number(*x), number(*y)))
            .collect();
        let _ = write!(
            self.out,
            r#"<{element} points="{}" {style}/>"#,
            points.join(" ")
        );
    }

    /// Text at a point; `style` sets its size, anchor and colour.
    pub(crate) fn text(&mut self, (x, y): (f64, f64), text: &str, style: &str) {
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" {style}>{}</text>"#,
            number(x),
            number(y),
            escape(text)
        );
    }

    /// A value axis: for each `(y, label)`, a light rule from `left` to `right` and the
    /// label at its left end.
    pub(crate) fn value_axis(&mut self, (left, right): (f64, f64), ticks: &[(f64, String)]) {
        self.open_group("axis", None);
        for (y, label) in ticks {
            self.line(
                (left, *y),
                (right, *y),
                r##"stroke="#e0e0e0" stroke-width="1""##,
            );
            self.text(
                (left - 6.0, y + 4.0),
                label,
                r##"font-size="11" text-anchor="end" fill="#616161""##,
            );
        }
        self.close_group();
    }

    /// Opens a group, with a tooltip title when one is given.
    pub(crate) fn open_group(&mut self, class: &str, tooltip: Option<&str>) {
        let _ = write!(self.out, r#"<g class="{}">"#, escape(class));
        if let Some(tooltip) = tooltip {
            let _ = write!(self.out, "<title>{}</title>", escape(tooltip));
        }
    }

    /// Closes the group opened last.
    pub(crate) fn close_group(&mut self) {
        self.out.push_str("</g>");
    }

    /// The finished document.
    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(1.256), "1.26");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(f64::NAN), "0");
        assert_eq!(number(f64::INFINITY), "0");
        assert_eq!(number(1e300), "1000000000");
    }

    #[test]
    fn labels_stay_short_for_any_value() {
        assert_eq!(number_label(8.0), "8");
        assert_eq!(number_label(66.5), "66.5");
        assert_eq!(number_label(-2.25), "-2.25");
        assert_eq!(number_label(1e300), "1.00e300");
        assert_eq!(number_label(0.0001), "1.00e-4");
        assert_eq!(number_label(f64::NAN), "–");
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape("a<b & \"c\"\u{0}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn labels_fit_their_space() {
        assert_eq!(fit("虹梅路街道", 20), "虹梅路街道");
        assert_eq!(fit("虹梅路街道", 6), "虹梅…");
        assert_eq!(text_units("ab中"), 4);
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}
