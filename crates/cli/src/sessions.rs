//! `pishkhan sessions`: where this merchant is signed in (when, which app or browser, which
//! device), and `--revoke ID` to sign one of the others out.

use pishkhan_api::SessionInfo;
use pishkhan_core::{CoreError, Pishkhan};

use crate::print_json;

pub async fn run(app: &Pishkhan, revoke: Option<i64>, json: bool) -> Result<(), CoreError> {
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
