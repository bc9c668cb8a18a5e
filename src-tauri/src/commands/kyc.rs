//! Identity verification commands: field checks as the merchant types, the draft, the ID card
//! images (native open dialog or a file dropped on the window), submit, pause and resume.
//!
//! File paths never come from the webview: Rust shows the open dialog, and a dropped file's
//! path stays in Rust (`AppState::dropped_file`) until the page says which side of the card it
//! is. The send runs in the background and reports with the `kyc-upload` (progress) and
//! `kyc-changed` (state) events.
//!
//! In debug builds only, `PISHKHAN_TEST_PICK_DIR` replaces the open dialog: the image for the
//! card's front is the file named `idFront.*` in that folder, the back `idBack.*`. It exists
//! for the end-to-end tests, which drive the real webview but cannot click in a native dialog;
//! release builds do not contain it.

use std::path::PathBuf;
use std::sync::Arc;

use pishkhan_api::{KycDocument, KycField, KycForm};
use pishkhan_core::kyc::draft::DraftImage;
use pishkhan_core::kyc::form::{FieldCheck, FormCheck};
use pishkhan_core::kyc::submission::KycState;
use pishkhan_core::{CoreError, Language, Pishkhan};
use tauri::{AppHandle, Emitter, Manager, State, WebviewWindow};

use super::{public, CommandResult};
use crate::state::AppState;

#[tauri::command]
pub async fn kyc_check_field(
    state: State<'_, AppState>,
    field: KycField,
    value: String,
) -> CommandResult<FieldCheck> {
    Ok(state.services().await.kyc_check_field(field, &value))
}

#[tauri::command]
pub async fn kyc_check_form(state: State<'_, AppState>, form: KycForm) -> CommandResult<FormCheck> {
    Ok(state.services().await.kyc_check_form(&form))
}

#[tauri::command]
pub async fn kyc_state(state: State<'_, AppState>) -> CommandResult<KycState> {
    public(state.services().await.kyc_state().await)
}

#[tauri::command]
pub async fn kyc_save_draft(state: State<'_, AppState>, form: KycForm) -> CommandResult<()> {
    public(state.services().await.kyc_save_draft(&form).await)
}

/// Shows the native open dialog for one side of the card; `None` when the merchant cancels.
#[tauri::command]
pub async fn kyc_choose_image(
    window: WebviewWindow,
    state: State<'_, AppState>,
    document: KycDocument,
    lang: Option<Language>,
) -> CommandResult<Option<DraftImage>> {
    let Some(path) = choose_image(&window, document, lang.unwrap_or_default()).await else {
        return Ok(None);
    };
    public(
        state
            .services()
            .await
            .kyc_attach_image(document, &path)
            .await,
    )
    .map(Some)
}

/// Uses the file last dropped on the window as one side of the card.
#[tauri::command]
pub async fn kyc_attach_dropped(
    state: State<'_, AppState>,
    document: KycDocument,
) -> CommandResult<DraftImage> {
    let path = state
        .dropped_file
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    let Some(path) = path else {
        return Err(CoreError::invalid(
            "No file was dropped; drop a photo of the card on its box",
            "فایلی رها نشد؛ عکس کارت را روی کادر آن رها کنید",
        )
        .to_public());
    };
    public(
        state
            .services()
            .await
            .kyc_attach_image(document, &path)
            .await,
    )
}

#[tauri::command]
pub async fn kyc_remove_image(
    state: State<'_, AppState>,
    document: KycDocument,
) -> CommandResult<()> {
    public(state.services().await.kyc_remove_image(document).await)
}

/// Queues the submission and starts sending it in the background.
#[tauri::command]
pub async fn kyc_submit(
    app: AppHandle,
    state: State<'_, AppState>,
    form: KycForm,
) -> CommandResult<KycState> {
    let services = state.services().await;
    let queued = public(services.kyc_submit(&form).await)?;
    spawn_send(app, services);
    Ok(queued)
}

/// Pauses the upload, or resumes it (and sends what is left).
#[tauri::command]
pub async fn kyc_pause(
    app: AppHandle,
    state: State<'_, AppState>,
    paused: bool,
) -> CommandResult<KycState> {
    let services = state.services().await;
    public(services.kyc_pause(paused).await)?;
    if !paused {
        spawn_send(app, services.clone());
    }
    public(services.kyc_state().await)
}

/// Asks the platform for the verification's status (the last known one when it cannot be
/// reached) and answers the whole state.
#[tauri::command]
pub async fn kyc_refresh(state: State<'_, AppState>) -> CommandResult<KycState> {
    let services = state.services().await;
    if let Err(e) = services.kyc_refresh().await {
        if !matches!(e, CoreError::PlatformUnreachable { .. }) {
            return Err(e.to_public());
        }
    }
    public(services.kyc_state().await)
}

/// Sends the queued submission in the background, reporting progress and the outcome.
pub fn spawn_send(app: AppHandle, services: Arc<Pishkhan>) {
    tauri::async_runtime::spawn(async move {
        let progress_app = app.clone();
        let result = services
            .kyc_send(&move |p| {
                let _ = progress_app.emit("kyc-upload", p);
            })
            .await;
        if let Err(e) = &result {
            tracing::info!(code = e.code(), "identity verification not sent now");
        }
        let _ = app.emit("kyc-changed", ());
    });
}

async fn choose_image(
    window: &WebviewWindow,
    document: KycDocument,
    lang: Language,
) -> Option<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(dir) = std::env::var_os("PISHKHAN_TEST_PICK_DIR") {
        return test_pick(PathBuf::from(dir), document);
    }
    let title = match (document, lang) {
        (KycDocument::IdFront, Language::Fa) => "تصویر روی کارت ملی",
        (KycDocument::IdBack, Language::Fa) => "تصویر پشت کارت ملی",
        (KycDocument::IdFront, Language::En) => "Front of the national ID card",
        (KycDocument::IdBack, Language::En) => "Back of the national ID card",
    };
    let filter = lang.pick("عکس (JPEG، PNG، WebP)", "Photo (JPEG, PNG, WebP)");
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(
            filter,
            &["jpg", "jpeg", "png", "webp", "JPG", "JPEG", "PNG", "WEBP"],
        )
        .set_parent(window);
    if let Some(pictures) = dirs::picture_dir() {
        dialog = dialog.set_directory(pictures);
    }
    Some(dialog.pick_file().await?.path().to_path_buf())
}

/// The test seam (debug builds only): `idFront.*` or `idBack.*` in the given folder.
#[cfg(debug_assertions)]
fn test_pick(dir: PathBuf, document: KycDocument) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(document.as_str()))
}

/// Keeps the path of a file dropped on the window and tells the page where it was dropped
/// (logical pixels), so it can pick the card side under the pointer.
pub fn file_dropped(window: &tauri::Window, paths: &[PathBuf], x: f64, y: f64) {
    let Some(path) = paths.first() else { return };
    let state = window.state::<AppState>();
    *state.dropped_file.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    let scale = window.scale_factor().unwrap_or(1.0);
    let _ = window.emit(
        "file-dropped",
        serde_json::json!({ "x": x / scale, "y": y / scale }),
    );
}
