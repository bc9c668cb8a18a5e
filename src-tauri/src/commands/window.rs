//! The window's own commands: the native menu follows the language the merchant chose.

use tauri::AppHandle;

use super::CommandResult;
use pishkhan_core::PublicError;

/// Rebuilds the native menu in `lang` (`fa` or `en`).
#[tauri::command]
pub fn set_menu_language(app: AppHandle, lang: String) -> CommandResult<()> {
    let menu = crate::desktop::menu(&app, &lang).map_err(menu_failed)?;
    app.set_menu(menu).map_err(menu_failed)?;
    Ok(())
}

fn menu_failed(e: tauri::Error) -> PublicError {
    PublicError {
        code: "menu_failed".into(),
        message: format!("The menu could not be changed ({e}); the app works on."),
        message_fa: "منوی برنامه تغییر نکرد؛ برنامه به کار خود ادامه می‌دهد.".into(),
    }
}
