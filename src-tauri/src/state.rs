//! What the shell keeps while it runs: the core services for the active data folder, and the
//! embedded demo platform when there is one.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use pishkhan_core::Pishkhan;
use tokio::sync::{Mutex, RwLock};

pub struct AppState {
    /// The services in use: the merchant's data folder, or the demo's own folder.
    pub services: RwLock<Arc<Pishkhan>>,
    /// The merchant's own data folder (the demo never writes there).
    pub data_dir: PathBuf,
    /// Whether the app runs the demo store (asked by `--demo` or the welcome screen's button).
    pub demo: AtomicBool,
    /// True while the demo store is being prepared.
    pub demo_starting: AtomicBool,
    pub demo_platform: Mutex<Option<pishkhan_platform::Platform>>,
    /// Wakes the background sync (an edit was made, a setting changed).
    pub sync_wake: tokio::sync::Notify,
    /// The file last dropped on the window, until the page says which card side it is.
    pub dropped_file: std::sync::Mutex<Option<PathBuf>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, demo_requested: bool) -> Self {
        AppState {
            services: RwLock::new(Arc::new(Pishkhan::new(data_dir.clone()))),
            data_dir,
            demo: AtomicBool::new(false),
            demo_starting: AtomicBool::new(demo_requested),
            demo_platform: Mutex::new(None),
            sync_wake: tokio::sync::Notify::new(),
            dropped_file: std::sync::Mutex::new(None),
        }
    }

    pub async fn services(&self) -> Arc<Pishkhan> {
        self.services.read().await.clone()
    }
}
