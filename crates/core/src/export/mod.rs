//! Exports of the orders and customers lists to CSV and XLSX, with the same filters and search
//! as the screen, streamed page by page so a million orders never sit in memory.
//!
//! A file is written beside its destination under a temporary name and renamed into place
//! only when complete: a full disk or a crash leaves the merchant's previous file untouched
//! and no half-written one. Money is written as numbers of Rials (the header says so), dates
//! in Tehran time, Jalali for Persian and Gregorian for English.

mod columns;
mod sheet;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sqlx::{Row, SqlitePool};
use ts_rs::TS;

use crate::cache::customers::{self, CustomerQuery};
use crate::cache::order_list::{self, OrderQuery};
use crate::error::{json_error, CoreError, Result};
pub use crate::labels::Language;
use sheet::Sheet;

/// Rows fetched from the cache per round trip while exporting.
const PAGE: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// UTF-8 with a byte-order mark, so Excel shows Persian correctly.
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }
}

/// Where an export went and how many rows (besides the header) it holds.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub path: PathBuf,
    pub rows: u64,
}

fn write_error(e: impl std::fmt::Display) -> CoreError {
    CoreError::ExportFailed(e.to_string())
}

/// The temporary name a file is written under, in the destination's folder.
fn partial_path(dest: &Path) -> Result<PathBuf> {
    let name = dest
        .file_name()
        .ok_or_else(|| write_error("the destination has no file name"))?
        .to_string_lossy();
    Ok(dest.with_file_name(format!(".{name}.{}.partial", std::process::id())))
}

/// Runs `fill` on a sheet at a temporary path, then moves the finished file to `dest`.
async fn write_atomically<F, Fut>(
    dest: &Path,
    format: ExportFormat,
    lang: Language,
    fill: F,
) -> Result<ExportResult>
where
    F: FnOnce(Sheet) -> Fut,
    Fut: std::future::Future<Output = Result<Sheet>>,
{
    let partial = partial_path(dest)?;
    let outcome = async {
        let sheet = Sheet::create(&partial, format, lang)?;
        let sheet = fill(sheet).await?;
        // Flushing, syncing and (for XLSX) zipping a large file is seconds of blocking work:
        // not on the async runtime's threads.
        let (from, to) = (partial.clone(), dest.to_path_buf());
        tokio::task::spawn_blocking(move || -> Result<u64> {
            let rows = sheet.finish()?;
            std::fs::rename(&from, &to).map_err(write_error)?;
            Ok(rows)
        })
        .await
        .map_err(write_error)?
    }
    .await;
    match outcome {
        Ok(rows) => Ok(ExportResult {
            path: dest.to_path_buf(),
            rows,
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// Writes every order matching `query` (its `limit` and `after` ignored) to `dest`.
pub async fn orders(
    pool: &SqlitePool,
    query: &OrderQuery,
    dest: &Path,
    format: ExportFormat,
    lang: Language,
) -> Result<ExportResult> {
    let mut query = OrderQuery {
        after: None,
        limit: None,
        ..query.clone()
    };
    write_atomically(dest, format, lang, |mut sheet| async move {
        sheet.header(&columns::order_header(lang))?;
        loop {
            let (orders, next) = order_list::page(pool, &query, "o.doc", PAGE, |r| {
                serde_json::from_str(r.get::<&str, _>("doc"))
                    .map_err(|e| CoreError::MalformedResponse(json_error(&e)))
            })
            .await?;
            for order in &orders {
                sheet.row(&columns::order_row(order, lang))?;
            }
            match next {
                Some(after) => query.after = Some(after),
                None => break,
            }
        }
        Ok(sheet)
    })
    .await
}

/// Writes every customer matching `query` (its `limit` and `after` ignored) to `dest`.
pub async fn customers(
    pool: &SqlitePool,
    query: &CustomerQuery,
    dest: &Path,
    format: ExportFormat,
    lang: Language,
) -> Result<ExportResult> {
    let mut query = CustomerQuery {
        after: None,
        limit: Some(PAGE),
        ..query.clone()
    };
    write_atomically(dest, format, lang, |mut sheet| async move {
        sheet.header(&columns::customer_header(lang))?;
        loop {
            let page = customers::list(pool, &query).await?;
            let ids: Vec<i64> = page.customers.iter().map(|c| c.id).collect();
            let docs = customers::docs(pool, &ids).await?;
            for summary in &page.customers {
                if let Some(doc) = docs.get(&summary.id) {
                    sheet.row(&columns::customer_row(doc, summary, lang))?;
                }
            }
            match page.next_after {
                Some(after) => query.after = Some(after),
                None => break,
            }
        }
        Ok(sheet)
    })
    .await
}
