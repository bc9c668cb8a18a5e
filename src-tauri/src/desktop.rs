//! Desktop manners: one instance per data folder (a second launch focuses the first), the
//! window's size and position remembered, native menus with the usual shortcuts in the UI's
//! language, and a clean quit while a sync or an upload runs.
//!
//! Menu choices reach the page as a `menu` event carrying the item's id (`sync`, `orders`,
//! `customers`, `dashboard`, `settings`, `privacy`); the page decides what they do, like a
//! click on its own buttons.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use sha2::{Digest, Sha256};
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::state::AppState;

/// How long a quit waits for a running sync or upload to reach a safe point.
const QUIT_WAIT: Duration = Duration::from_secs(10);

/// Set once the clean quit has run, so the exit it asks for is not held again.
static QUITTING: AtomicBool = AtomicBool::new(false);

/// Counts the window's moves and resizes, so only the last of a burst is saved.
static WINDOW_CHANGES: AtomicU64 = AtomicU64::new(0);

/// One running app per data folder. The D-Bus name (Linux) carries a hash of the folder, so
/// a second data folder (a test run, a portable copy) may run beside the first, but two
/// windows never write to the same cache. On Windows and macOS the plugin keys by the app's
/// identifier: one instance per user.
pub fn single_instance<R: Runtime>(data_dir: &Path) -> tauri::plugin::TauriPlugin<R> {
    let absolute = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(absolute.to_string_lossy().as_bytes());
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(format!(
            "ir.pishkhan.desktop.d{}",
            &hex::encode(digest)[..16]
        ))
        .callback(|app, _argv, _cwd| {
            tracing::info!("a second launch: showing the running window");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build()
}

/// The Linux webview runs the app's JavaScript without JSC's JIT compilers. WebKitGTK reads
/// JavaScriptCore's options from the environment its web process inherits from this one, so
/// this runs first in `main`, before any thread or webview exists.
///
/// Why: the JIT's compiled code and compiler memory were about 50 MB of the web process after
/// scrolling 100,000 orders, the largest part of the growth over the 300 MB budget (README
/// "Start-up and memory of the app", where the cost in speed is measured beside it). The page's
/// scripts are light (rendering at most 1,200 held rows, forms, grouping a few hundred daily
/// sums into weeks or months; search, sorting, the daily sums and exports run in Rust), so the
/// interpreter keeps up. It also means no memory that is both
/// writable and executable in the process that shows platform data. `JSC_useJIT` set in the
/// environment (a developer, a merchant's support case) wins.
pub fn webview_without_jit() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("JSC_useJIT").is_none() {
        std::env::set_var("JSC_useJIT", "false");
    }
}

/// The window moved or was resized: its size and place are saved half a second after the
/// last change, so they survive a crash or a killed process too, not only a clean quit.
pub fn window_changed<R: Runtime>(app: &AppHandle<R>) {
    let change = WINDOW_CHANGES.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if WINDOW_CHANGES.load(Ordering::SeqCst) == change {
            if let Err(e) = app.save_window_state(StateFlags::all()) {
                tracing::info!(error = %e, "the window's size and place were not saved");
            }
        }
    });
}

/// The menu labels, Persian first.
struct Labels {
    file: &'static str,
    sync: &'static str,
    quit: &'static str,
    edit: &'static str,
    view: &'static str,
    orders: &'static str,
    customers: &'static str,
    dashboard: &'static str,
    settings: &'static str,
    help: &'static str,
    privacy: &'static str,
}

const FA: Labels = Labels {
    file: "پرونده",
    sync: "همگام‌سازی",
    quit: "خروج از برنامه",
    edit: "ویرایش",
    view: "نما",
    orders: "سفارش‌ها",
    customers: "مشتریان",
    dashboard: "داشبورد",
    settings: "تنظیمات",
    help: "راهنما",
    privacy: "حریم خصوصی",
};

const EN: Labels = Labels {
    file: "File",
    sync: "Sync now",
    quit: "Quit Pishkhan",
    edit: "Edit",
    view: "View",
    orders: "Orders",
    customers: "Customers",
    dashboard: "Dashboard",
    settings: "Settings",
    help: "Help",
    privacy: "Privacy",
};

/// The app's menu in `lang` ("fa" or "en"): File (sync, quit), Edit (the system's clipboard
/// items), View (the main sections), Help (privacy).
pub fn menu<R: Runtime>(app: &AppHandle<R>, lang: &str) -> tauri::Result<Menu<R>> {
    let l = if lang == "en" { &EN } else { &FA };
    let item = |id: &str, label: &str, keys: &str| {
        MenuItemBuilder::with_id(id, label)
            .accelerator(keys)
            .build(app)
    };
    let file = SubmenuBuilder::new(app, l.file)
        .item(&item("sync", l.sync, "CmdOrCtrl+R")?)
        .separator()
        .item(&item("quit", l.quit, "CmdOrCtrl+Q")?)
        .build()?;
    let edit = SubmenuBuilder::new(app, l.edit)
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let view = SubmenuBuilder::new(app, l.view)
        .item(&item("orders", l.orders, "CmdOrCtrl+1")?)
        .item(&item("customers", l.customers, "CmdOrCtrl+2")?)
        .item(&item("dashboard", l.dashboard, "CmdOrCtrl+3")?)
        .separator()
        .item(&item("settings", l.settings, "CmdOrCtrl+,")?)
        .build()?;
    let help = SubmenuBuilder::new(app, l.help)
        .item(&item("privacy", l.privacy, "F1")?)
        .build()?;
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view, &help])
        .build()
}

/// What a menu choice does: quit here, everything else in the page.
pub fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if id == "quit" {
        quit(app.clone());
    } else {
        let _ = app.emit("menu", id);
    }
}

/// Quits once a running sync or upload has reached a safe point (or the wait is over).
pub fn quit<R: Runtime>(app: AppHandle<R>) {
    if QUITTING.swap(true, Ordering::SeqCst) {
        return;
    }
    tauri::async_runtime::spawn(async move {
        let services = app.state::<AppState>().services().await;
        if !services.shutdown(QUIT_WAIT).await {
            tracing::warn!("quitting before the sync or upload stopped; it resumes next time");
        }
        app.exit(0);
    });
}

/// Holds an exit asked by the system (the window closed) until `quit` has stopped the work.
pub fn hold_exit(api: &tauri::ExitRequestApi, app: &AppHandle) {
    if !QUITTING.load(Ordering::SeqCst) {
        api.prevent_exit();
        quit(app.clone());
    }
}
