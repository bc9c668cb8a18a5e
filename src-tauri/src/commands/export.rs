//! Export commands. The merchant picks where the file goes in the native save dialog (rfd),
//! shown by Rust: the webview never handles a path it could read from or write to.
//!
//! "Export my data" (`privacy_export`) saves the same way, as JSON.
//!
//! In debug builds only, `PISHKHAN_SAVE_DIR` replaces the dialog: the file is saved there under
//! the name the dialog would suggest. It exists for the end-to-end tests (they drive the real
//! webview but cannot click in a native dialog); release builds do not contain it.

use std::path::PathBuf;

use pishkhan_core::{CustomerQuery, ExportFormat, ExportResult, Language, OrderQuery};
use tauri::{State, WebviewWindow};

use super::{public, CommandResult};
use crate::state::AppState;

/// Asks where to save; `None` when the merchant cancels.
async fn choose_destination(
    window: &WebviewWindow,
    base_name: &str,
    format: ExportFormat,
    lang: Language,
) -> Option<PathBuf> {
    let day = pishkhan_core::tehran::local(chrono::Utc::now()).format("%Y-%m-%d");
    let file_name = format!("{base_name}-{day}.{}", format.extension());
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("PISHKHAN_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(file_name));
    }
    let (title, filter) = match (format, lang) {
        (ExportFormat::Csv, Language::Fa) => ("ذخیرهٔ خروجی", "CSV (اکسل)"),
        (ExportFormat::Xlsx, Language::Fa) => ("ذخیرهٔ خروجی", "کارپوشهٔ اکسل"),
        (ExportFormat::Csv, Language::En) => ("Save export", "CSV (Excel)"),
        (ExportFormat::Xlsx, Language::En) => ("Save export", "Excel workbook"),
    };
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(&file_name)
        .add_filter(filter, &[format.extension()])
        .set_parent(window);
    if let Some(docs) = dirs::document_dir() {
        dialog = dialog.set_directory(docs);
    }
    let chosen = dialog.save_file().await?.path().to_path_buf();
    // Some desktops return the name without the extension the filter asked for.
    Some(if ExportFormat::from_path(&chosen) == Some(format) {
        chosen
    } else {
        chosen.with_extension(format.extension())
    })
}

#[tauri::command]
pub async fn export_orders(
    window: WebviewWindow,
    state: State<'_, AppState>,
    query: OrderQuery,
    format: ExportFormat,
    lang: Option<Language>,
) -> CommandResult<Option<ExportResult>> {
    let lang = lang.unwrap_or_default();
    let base = lang.pick("سفارش‌ها", "orders");
    let Some(dest) = choose_destination(&window, base, format, lang).await else {
        return Ok(None);
    };
    let services = state.services().await;
    public(services.export_orders(&query, &dest, format, lang).await).map(Some)
}

#[tauri::command]
pub async fn export_customers(
    window: WebviewWindow,
    state: State<'_, AppState>,
    query: CustomerQuery,
    format: ExportFormat,
    lang: Option<Language>,
) -> CommandResult<Option<ExportResult>> {
    let lang = lang.unwrap_or_default();
    let base = lang.pick("مشتریان", "customers");
    let Some(dest) = choose_destination(&window, base, format, lang).await else {
        return Ok(None);
    };
    let services = state.services().await;
    public(services.export_customers(&query, &dest, format, lang).await).map(Some)
}

/// "Export my data": the merchant's own data as JSON where they choose (native save dialog);
/// `None` when they cancel.
#[tauri::command]
pub async fn privacy_export(
    window: WebviewWindow,
    state: State<'_, AppState>,
    lang: Option<Language>,
) -> CommandResult<Option<PathBuf>> {
    let lang = lang.unwrap_or_default();
    let day = pishkhan_core::tehran::local(chrono::Utc::now()).format("%Y-%m-%d");
    let file_name = format!("{}-{day}.json", lang.pick("داده‌های-من", "my-data"));
    let dest = {
        #[cfg(debug_assertions)]
        {
            std::env::var_os("PISHKHAN_SAVE_DIR").map(|dir| PathBuf::from(dir).join(&file_name))
        }
        #[cfg(not(debug_assertions))]
        {
            None::<PathBuf>
        }
    };
    let dest = match dest {
        Some(d) => d,
        None => {
            let mut dialog = rfd::AsyncFileDialog::new()
                .set_title(lang.pick("ذخیرهٔ داده‌های من", "Save my data"))
                .set_file_name(&file_name)
                .add_filter("JSON", &["json"])
                .set_parent(&window);
            if let Some(docs) = dirs::document_dir() {
                dialog = dialog.set_directory(docs);
            }
            match dialog.save_file().await {
                Some(f) => f.path().to_path_buf(),
                None => return Ok(None),
            }
        }
    };
    public(state.services().await.export_my_data(&dest).await).map(Some)
}
