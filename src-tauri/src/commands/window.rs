//! The window's own commands: the native menu follows the language the merchant chose.

use tauri::AppHandle;

use super::CommandResult;
use pishkhan_core::PublicError;

/// Rebuilds the native menu in `lang` (`fa` or `en`).
#[tauri::command]
pub fn set_menu_language(app: AppHandle, lang: String) -> CommandResult<()> {
    // The menu starts in Persian; rebuilding it in the language it has already is skipped.
    static CURRENT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    let mut current = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    if current.as_deref().unwrap_or("fa") == lang {
        return Ok(());
    }
    let menu = crate::desktop::menu(&app, &lang).map_err(menu_failed)?;
    app.set_menu(menu).map_err(menu_failed)?;
    *current = Some(lang);
    Ok(())
}

fn menu_failed(e: tauri::Error) -> PublicError {
    PublicError {
        code: "menu_failed".into(),
        message: format!("The menu could not be changed ({e}); the app works on."),
        message_fa: "منوی برنامه تغییر نکرد؛ برنامه به کار خود ادامه می‌دهد.".into(),
    }
}
