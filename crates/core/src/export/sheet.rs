//! One table being written, as CSV or XLSX: a header row, then rows of text and numbers.
//!
//! Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
//! carriage return) is prefixed with `'`: a buyer's name must not become a formula on the
//! merchant's computer.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use super::{write_error, ExportFormat, Language};
use crate::error::Result;

/// The most rows an XLSX sheet holds, header included.
const XLSX_MAX_ROWS: u32 = 1_048_576;

pub enum Cell {
    Text(String),
    Number(i64),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn opt(s: Option<&String>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.clone()))
    }
}

fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

enum Writer {
    Csv(csv::Writer<BufWriter<File>>),
    Xlsx {
        workbook: Box<Workbook>,
        path: PathBuf,
        bold: Format,
    },
}

pub struct Sheet {
    writer: Writer,
    /// Rows written after the header.
    rows: u64,
}

impl Sheet {
    pub fn create(path: &Path, format: ExportFormat, lang: Language) -> Result<Sheet> {
        let writer = match format {
            ExportFormat::Csv => {
                let mut file = BufWriter::new(File::create(path).map_err(write_error)?);
                // The byte-order mark tells Excel the file is UTF-8.
                file.write_all("\u{FEFF}".as_bytes()).map_err(write_error)?;
                Writer::Csv(csv::WriterBuilder::new().from_writer(file))
            }
            ExportFormat::Xlsx => {
                let mut workbook = Workbook::new();
                workbook
                    .add_worksheet_with_constant_memory()
                    .map_err(write_error)?
                    .set_right_to_left(lang == Language::Fa);
                Writer::Xlsx {
                    workbook: Box::new(workbook),
                    path: path.to_path_buf(),
                    bold: Format::new().set_bold(),
                }
            }
        };
        Ok(Sheet { writer, rows: 0 })
    }

    pub fn header(&mut self, titles: &[&str]) -> Result<()> {
        match &mut self.writer {
            Writer::Csv(w) => w.write_record(titles).map_err(write_error)?,
            Writer::Xlsx { workbook, bold, .. } => {
                let sheet = workbook.worksheet_from_index(0).map_err(write_error)?;
                for (col, title) in titles.iter().enumerate() {
                    // Column widths must be set before rows are written in constant-memory mode.
                    sheet
                        .set_column_width(col as u16, (title.chars().count().max(12) + 2) as f64)
                        .map_err(write_error)?;
                    sheet
                        .write_string_with_format(0, col as u16, *title, bold)
                        .map_err(write_error)?;
                }
                sheet.set_freeze_panes(1, 0).map_err(write_error)?;
            }
        }
        Ok(())
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        match &mut self.writer {
            Writer::Csv(w) => {
                let record: Vec<std::borrow::Cow<'_, str>> = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => defuse(t),
                        Cell::Number(n) => n.to_string().into(),
                        Cell::Empty => "".into(),
                    })
                    .collect();
                w.write_record(record.iter().map(|c| c.as_bytes()))
                    .map_err(write_error)?;
            }
            Writer::Xlsx { workbook, .. } => {
                let row = u32::try_from(self.rows + 1).unwrap_or(u32::MAX);
                if row >= XLSX_MAX_ROWS {
                    return Err(crate::CoreError::invalid(
                        "More than 1,048,575 rows do not fit in an Excel sheet; narrow the filters or export CSV",
                        "بیش از ۱٬۰۴۸٬۵۷۵ ردیف در یک برگهٔ اکسل جا نمی‌شود؛ فیلترها را محدودتر کنید یا CSV بگیرید",
                    ));
                }
                let sheet = workbook.worksheet_from_index(0).map_err(write_error)?;
                for (col, cell) in cells.iter().enumerate() {
                    let col = col as u16;
                    match cell {
                        Cell::Text(t) => {
                            sheet
                                .write_string(row, col, defuse(t))
                                .map_err(write_error)?;
                        }
                        Cell::Number(n) => {
                            sheet
                                .write_number(row, col, *n as f64)
                                .map_err(write_error)?;
                        }
                        Cell::Empty => {}
                    }
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Flushes everything to disk; returns the number of rows after the header.
    pub fn finish(self) -> Result<u64> {
        match self.writer {
            Writer::Csv(w) => {
                let file = w.into_inner().map_err(|e| write_error(e.error()))?;
                let file = file.into_inner().map_err(|e| write_error(e.error()))?;
                file.sync_all().map_err(write_error)?;
            }
            Writer::Xlsx {
                mut workbook, path, ..
            } => {
                workbook.save(&path).map_err(write_error)?;
            }
        }
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+98912"), "'+98912");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("@x"), "'@x");
        assert_eq!(defuse("علی"), "علی");
        assert_eq!(defuse(""), "");
    }
}
