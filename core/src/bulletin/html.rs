//! A small HTML writer for the bulletin: headings, paragraphs, tables whose headings repeat
//! on every printed page, figures holding the charts' SVG, every text escaped.

use crate::charts::svg_escape as escape;
use crate::status::Light;
use crate::Language;

/// The bulletin's style: A4 pages with margins, system Chinese fonts, page breaks before
/// each leader's section, table headings repeated on every page, rows and figures kept
/// whole, and the lights' colours printed.
const STYLE: &str = r#"
@page { size: A4; margin: 15mm 13mm 16mm 13mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", SimSun, sans-serif; font-size: 10.5pt; line-height: 1.5; color: #212121; margin: 0 auto; max-width: 184mm; padding: 8mm 0; }
h1 { font-size: 20pt; text-align: center; margin: 0 0 4pt; letter-spacing: 1pt; }
h2 { font-size: 14pt; margin: 14pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #c62828; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0; }
.meta { text-align: center; color: #616161; margin-bottom: 10pt; }
.lead { font-size: 11pt; }
section.leader { break-before: page; page-break-before: always; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #9e9e9e; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eceff1; font-weight: bold; }
td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
tr.total td { font-weight: bold; background: #fafafa; }
td.light { white-space: nowrap; font-weight: bold; text-align: center; }
td.light.green { background: #2e7d32; color: #ffffff; }
td.light.yellow { background: #f9a825; color: #212121; }
td.light.red { background: #c62828; color: #ffffff; }
figure { margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #616161; text-align: center; margin-top: 2pt; }
.none { color: #757575; }
.more { color: #616161; font-size: 9pt; }
footer { margin-top: 16pt; color: #757575; font-size: 8.5pt; text-align: center; }
@media screen { body { padding: 12mm; } section.leader { border-top: 1pt dashed #bdbdbd; margin-top: 18pt; } }
"#;

/// A table cell: text, a number aligned right, a date, or a light.
pub(crate) enum Cell {
    Text(String),
    Number(String),
    Date(String),
    Light(Option<Light>),
}

/// A bulletin being written.
pub(crate) struct Html {
    out: String,
    language: Language,
    /// Sections numbered so far, for 一、二、三 or 1. 2. 3.
    sections: usize,
}

/// Chinese numerals for section numbers up to ninety-nine.
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: usize| DIGITS.get(d).copied().unwrap_or("");
    match n {
        0..=9 => digit(n).to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", digit(n % 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

impl Html {
    /// Starts a document titled `title` in `language`.
    pub(crate) fn new(title: &str, language: Language) -> Html {
        let lang = match language {
            Language::Chinese => "zh-CN",
            Language::English => "en",
        };
        let mut out = String::with_capacity(64 * 1024);
        out.push_str("<!DOCTYPE html>\n<html lang=\"");
        out.push_str(lang);
        out.push_str("\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>");
        out.push_str(&escape(title));
        out.push_str("</title><style>");
        out.push_str(STYLE);
        out.push_str("</style></head><body>\n");
        Html {
            out,
            language,
            sections: 0,
        }
    }

    /// The bulletin's language.
    pub(crate) fn language(&self) -> Language {
        self.language
    }

    /// Whether the bulletin is in Chinese.
    pub(crate) fn zh(&self) -> bool {
        self.language == Language::Chinese
    }

    /// The words of the bulletin's language.
    pub(crate) fn say<'a>(&self, chinese: &'a str, english: &'a str) -> &'a str {
        if self.zh() {
            chinese
        } else {
            english
        }
    }

    /// An element with escaped text.
    pub(crate) fn element(&mut self, tag: &str, class: Option<&str>, text: &str) {
        self.out.push('<');
        self.out.push_str(tag);
        if let Some(class) = class {
            self.out.push_str(" class=\"");
            self.out.push_str(class);
            self.out.push('"');
        }
        self.out.push('>');
        self.out.push_str(&escape(text));
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// Opens a section; `leader` sections start a new printed page.
    pub(crate) fn open_section(&mut self, class: &str) {
        self.out.push_str("<section class=\"");
        self.out.push_str(class);
        self.out.push_str("\">\n");
    }

    /// Closes the section opened last.
    pub(crate) fn close_section(&mut self) {
        self.out.push_str("</section>\n");
    }

    /// A numbered section heading: 一、… in Chinese, 1. … in English.
    pub(crate) fn numbered_heading(&mut self, text: &str) {
        self.sections += 1;
        let heading = if self.zh() {
            format!("{}、{text}", chinese_number(self.sections))
        } else {
            format!("{}. {text}", self.sections)
        };
        self.element("h2", None, &heading);
    }

    /// A figure holding a chart's SVG, with a caption.
    pub(crate) fn figure(&mut self, svg: &str, caption: &str) {
        self.out.push_str("<figure>");
        // The SVG comes from the chart writer: well-formed, its text escaped.
        self.out.push_str(svg);
        self.out.push_str("<figcaption>");
        self.out.push_str(&escape(caption));
        self.out.push_str("</figcaption></figure>\n");
    }

    /// A table with `headings` repeated on every printed page, its rows, and an optional
    /// total row; "none" in a paragraph when there are no rows.
    pub(crate) fn table(&mut self, headings: &[&str], rows: &[Vec<Cell>], total: Option<&[Cell]>) {
        if rows.is_empty() {
            let none = self.say("无。", "None.");
            self.element("p", Some("none"), none);
            return;
        }
        self.out.push_str("<table><thead><tr>");
        for heading in headings {
            self.out.push_str("<th>");
            self.out.push_str(&escape(heading));
            self.out.push_str("</th>");
        }
        self.out.push_str("</tr></thead><tbody>\n");
        for row in rows {
            self.row(row, None);
        }
        if let Some(total) = total {
            self.row(total, Some("total"));
        }
        self.out.push_str("</tbody></table>\n");
    }

    fn row(&mut self, cells: &[Cell], class: Option<&str>) {
        match class {
            Some(class) => {
                self.out.push_str("<tr class=\"");
                self.out.push_str(class);
                self.out.push_str("\">");
            }
            None => self.out.push_str("<tr>"),
        }
        for cell in cells {
            let (class, text) = match cell {
                Cell::Text(text) => (None, text.clone()),
                Cell::Number(text) => (Some("number".to_owned()), text.clone()),
                Cell::Date(text) => (Some("date".to_owned()), text.clone()),
                Cell::Light(light) => (
                    Some(format!("light {}", light.map_or("none", Light::as_str))),
                    match light {
                        // The shape says the light where the colour does not print.
                        Some(Light::Green) => format!("● {}", self.language.light(Light::Green)),
                        Some(Light::Yellow) => {
                            format!("▲ {}", self.language.light(Light::Yellow))
                        }
                        Some(Light::Red) => format!("✖ {}", self.language.light(Light::Red)),
                        None => "–".to_owned(),
                    },
                ),
            };
            match class {
                Some(class) => {
                    self.out.push_str("<td class=\"");
                    self.out.push_str(&class);
                    self.out.push_str("\">");
                }
                None => self.out.push_str("<td>"),
            }
            self.out.push_str(&escape(&text));
            self.out.push_str("</td>");
        }
        self.out.push_str("</tr>\n");
    }

    /// The finished document, with a footer line.
    pub(crate) fn finish(mut self, footer: &str) -> String {
        self.element("footer", None, footer);
        self.out.push_str("</body></html>\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_numbered_as_the_district_writes_them() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(37), "三十七");
    }

    #[test]
    fn text_is_escaped_and_empty_tables_say_none() {
        let mut html = Html::new("<t>", Language::English);
        html.element("p", None, "<script>&");
        html.table(&["a"], &[], None);
        let out = html.finish("end");
        assert!(out.contains("<title>&lt;t&gt;</title>"));
        assert!(out.contains("<p>&lt;script&gt;&amp;</p>"));
        assert!(out.contains("<p class=\"none\">None.</p>"));
    }
}
