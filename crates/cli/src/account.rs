//! The account from the command line: `pishkhan sessions` (where this merchant is signed in —
//! when, which app or browser, which device — and `--revoke ID` to sign one of the others out)
//! `pishkhan settings` (the store's notification settings, and this computer's "share
//! diagnostics" switch) and `pishkhan privacy` (export the merchant's own data; sign out and
//! erase).

use pishkhan_api::SessionInfo;
use pishkhan_core::{CoreError, Pishkhan};

use crate::print_json;

pub async fn sessions(app: &Pishkhan, revoke: Option<i64>, json: bool) -> Result<(), CoreError> {
    if let Some(id) = revoke {
        app.revoke_session(id).await?;
        if !json {
            println!("Session {id} was signed out; its app or browser must sign in again.");
            println!("نشست {id} خارج شد؛ برنامه یا مرورگر آن باید دوباره وارد شود.");
        }
    }
    let sessions = app.sessions().await?;
    if json {
        return print_json(&sessions);
    }
    for s in &sessions {
        println!("{}", line(s));
    }
    Ok(())
}

pub async fn stores(app: &Pishkhan, use_store: Option<i64>, json: bool) -> Result<(), CoreError> {
    if let Some(id) = use_store {
        let status = app.use_store(id).await?;
        if !json {
            let name = status.store_name.unwrap_or_default();
            println!("Now working in {name}. Run `pishkhan sync` to bring it up to date.");
            println!("اکنون در {name} هستید. برای به‌روز کردن آن `pishkhan sync` را اجرا کنید.");
        }
    }
    let stores = app.stores().await?;
    if json {
        return print_json(&stores);
    }
    for st in &stores {
        let mark = if st.current { "*" } else { " " };
        let cached = if st.cached {
            ""
        } else {
            "  (not synced on this computer yet)"
        };
        println!("{mark} {:>6}  {}{cached}", st.id, st.name);
    }
    Ok(())
}

fn line(s: &SessionInfo) -> String {
    let when = pishkhan_core::tehran::local(s.signed_in_at).format("%Y-%m-%d %H:%M");
    let seen = pishkhan_core::tehran::local(s.last_seen_at).format("%Y-%m-%d %H:%M");
    let mark = if s.current {
        "  (this computer)"
    } else if s.revoked {
        "  (signed out)"
    } else {
        ""
    };
    format!(
        "{:>6}  signed in {when}, last seen {seen}  {} · {}{mark}",
        s.id,
        s.user_agent.as_deref().unwrap_or("unknown app"),
        s.device_name.as_deref().unwrap_or("unknown device"),
    )
}

#[derive(clap::Subcommand)]
pub enum SettingsCommand {
    /// The store's notification settings (and whether a change waits for the platform).
    Get {
        #[arg(long)]
        json: bool,
    },
    /// Change a setting: `sms-on-new-order on|off` (an email for every order is always on), or
    /// `share-diagnostics on|off` (send diagnostic events to the platform — no personal data, no
    /// identifier; off by default).
    Set {
        key: String,
        value: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn settings(app: &Pishkhan, command: SettingsCommand) -> Result<(), CoreError> {
    let (settings, json) = match command {
        SettingsCommand::Get { json } => (app.store_settings().await?, json),
        SettingsCommand::Set { key, value, json } => {
            if key != "sms-on-new-order" && key != SHARE_DIAGNOSTICS {
                return Err(CoreError::invalid(
                    format!("Unknown setting {key:?}; the ones that can change are sms-on-new-order and share-diagnostics"),
                    format!("تنظیم «{key}» شناخته نیست؛ تنظیم‌های قابل تغییر sms-on-new-order و share-diagnostics هستند"),
                ));
            }
            let on = match value.as_str() {
                "on" | "true" | "yes" | "1" => true,
                "off" | "false" | "no" | "0" => false,
                _ => {
                    return Err(CoreError::invalid(
                        format!("{key} is on or off"),
                        format!("مقدار {key} یکی از on یا off است"),
                    ))
                }
            };
            if key == SHARE_DIAGNOSTICS {
                return share_diagnostics(app, on, json).await;
            }
            (app.set_sms_on_new_order(on).await?, json)
        }
    };
    if json {
        return print_json(&settings);
    }
    println!("email-on-new-order: on (always, per the platform's policy)");
    let state = if settings.pending {
        "  (waiting to reach the platform; sent by the next sync)"
    } else {
        ""
    };
    println!(
        "sms-on-new-order: {}{state}",
        if settings.sms_on_new_order {
            "on"
        } else {
            "off"
        }
    );
    if let Some(e) = &settings.last_error {
        println!("last attempt: {}\n{}", e.message, e.message_fa);
    }
    let share = app.preferences().await?.share_diagnostics;
    println!(
        "share-diagnostics: {}  (this computer; nothing personal, no identifier)",
        if share { "on" } else { "off" }
    );
    Ok(())
}

const SHARE_DIAGNOSTICS: &str = "share-diagnostics";

/// Turns "share diagnostics" on or off (a preference of this computer; sent by the next sync).
async fn share_diagnostics(app: &Pishkhan, on: bool, json: bool) -> Result<(), CoreError> {
    let mut prefs = app.preferences().await?;
    prefs.share_diagnostics = on;
    app.set_preferences(&prefs).await?;
    if json {
        return print_json(&serde_json::json!({ "shareDiagnostics": on }));
    }
    if on {
        println!("share-diagnostics: on — diagnostic events (versions, durations, counts, error codes; nothing personal, no identifier) go to the platform with each sync.");
        println!("گزارش عیب‌یابی روشن شد: رویدادها (نسخه، مدت، شمار، کد خطا؛ بدون اطلاعات شخصی و بدون شناسه) با هر همگام‌سازی به سکو فرستاده می‌شوند.");
    } else {
        println!("share-diagnostics: off — nothing is sent.");
        println!("گزارش عیب‌یابی خاموش شد: چیزی فرستاده نمی‌شود.");
    }
    Ok(())
}

#[derive(clap::Subcommand)]
pub enum PrivacyCommand {
    /// Write your own data (profile, stores, sign-ins, store settings, preferences, identity
    /// verification) to a JSON file.
    Export {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Sign out and erase this account's data from this computer (cache, edits, verification
    /// draft and images, log). Refused while edits wait unless --discard-edits.
    Erase {
        #[arg(long)]
        discard_edits: bool,
    },
}

pub async fn privacy(app: &Pishkhan, command: PrivacyCommand) -> Result<(), CoreError> {
    match command {
        PrivacyCommand::Export { out } => {
            let path = app.export_my_data(&out).await?;
            println!("Your data was written to {}.", path.display());
            println!("داده‌های شما در {} نوشته شد.", path.display());
        }
        PrivacyCommand::Erase { discard_edits } => {
            app.logout(discard_edits).await?;
            println!("Signed out; this account's data was erased from this computer.");
            println!("از حساب خارج شدید؛ داده‌های این حساب از این رایانه پاک شد.");
        }
    }
    Ok(())
}
