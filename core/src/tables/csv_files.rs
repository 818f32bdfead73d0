//! CSV files as sheets of text cells, and sheets as CSV text: how the long layout travels
//! between mubiao, analysts' tools and host databases.

use super::sheet::{Cell, Sheet};
use super::xlsx::MAX_CELLS;
use crate::error::FormatError;

fn refused(message: String, message_zh: String) -> FormatError {
    FormatError::Workbook {
        message,
        message_zh,
    }
}

impl Sheet {
    /// Reads a CSV file (UTF-8, with or without a byte-order mark; comma-separated; the
    /// first row the header) as a sheet of text cells named `name`.
    ///
    /// # Errors
    ///
    /// [`FormatError::Workbook`] for text that is not UTF-8 (a file saved as GBK, say),
    /// a malformed quoted field, or more than [`MAX_CELLS`] cells.
    pub fn from_csv(name: &str, bytes: &[u8]) -> Result<Sheet, FormatError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if std::str::from_utf8(bytes).is_err() {
            return Err(refused(
                format!("the file `{name}` is not UTF-8 text; save it as \"CSV UTF-8\" (in Excel: Save As → CSV UTF-8)"),
                format!("文件“{name}”不是 UTF-8 文本;请另存为“CSV UTF-8”(Excel:另存为 → CSV UTF-8)"),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut rows = Vec::new();
        let mut cells_left = MAX_CELLS;
        for (line, record) in reader.records().enumerate() {
            let record = record.map_err(|error| {
                refused(
                    format!("the file `{name}` is not valid CSV near row {} ({error}); check its quotes", line.saturating_add(1)),
                    format!("文件“{name}”第 {} 行附近不是有效的 CSV({error});请检查引号", line.saturating_add(1)),
                )
            })?;
            cells_left = cells_left.checked_sub(record.len()).ok_or_else(|| {
                refused(
                    format!("the file `{name}` holds more than {MAX_CELLS} cells; split it"),
                    format!("文件“{name}”超过 {MAX_CELLS} 个单元格;请拆分"),
                )
            })?;
            rows.push(
                record
                    .iter()
                    .map(|field| {
                        if field.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(field.to_owned())
                        }
                    })
                    .collect(),
            );
        }
        Ok(Sheet {
            name: name.to_owned(),
            hidden: false,
            rows,
        })
    }

    /// The sheet as CSV text: dates as `2017-03-31`, numbers in their shortest exact
    /// form, every row with as many fields as the header.
    pub fn to_csv(&self) -> String {
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in &self.rows {
            let fields: Vec<String> = (0..width)
                .map(|i| match row.get(i) {
                    None | Some(Cell::Empty) => String::new(),
                    Some(Cell::Text(text) | Cell::Error(text)) => text.clone(),
                    Some(Cell::Number(n)) => n.to_string(),
                    Some(Cell::Date(date)) => date.to_string(),
                    Some(Cell::Bool(b)) => b.to_string(),
                })
                .collect();
            // Writing to memory does not fail.
            let _ = writer.write_record(&fields);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trips_quotes_commas_and_line_breaks() {
        let sheet = Sheet {
            name: "units".into(),
            hidden: false,
            rows: vec![
                vec![Cell::Text("id".into()), Cell::Text("name".into())],
                vec![
                    Cell::Text("a".into()),
                    Cell::Text("区\"发改委\",\n第二行".into()),
                ],
                vec![Cell::Text("b".into()), Cell::Empty],
            ],
        };
        let text = sheet.to_csv();
        let back = Sheet::from_csv("units", text.as_bytes()).unwrap();
        assert_eq!(back, sheet);
    }

    #[test]
    fn csv_refuses_gbk_and_reads_a_bom() {
        let error = Sheet::from_csv("units.csv", &[0xC7, 0xF8, b',', b'a']).unwrap_err();
        assert!(error.to_string().contains("UTF-8"), "{error}");
        let sheet = Sheet::from_csv("t", "\u{feff}id\nx\n".as_bytes()).unwrap();
        assert_eq!(sheet.cell(0, 0), &Cell::Text("id".into()));
    }
}
