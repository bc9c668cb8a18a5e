//! The shell's least privilege holds together: every command registered in `main.rs` is listed
//! in `build.rs`'s `COMMANDS` (so Tauri generates its permission) and granted to the main window
//! in `capabilities/default.json` — and nothing more is granted than the app's own commands and
//! event listening (no plugin's file, shell or network access).

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted words of `text` between `start` and the next `end`.
fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"))
        + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} not found"));
    &text[from..from + len]
}

#[test]
fn every_command_is_listed_and_granted_and_nothing_else() {
    let main = read("src/main.rs");
    let registered: Vec<String> = section(&main, "generate_handler![", "])")
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_string())
        .collect();
    assert!(registered.len() > 30, "{registered:?}");

    let build = read("build.rs");
    let listed: Vec<String> = section(&build, "pub const COMMANDS: &[&str] = &[", "];")
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(
        listed, registered,
        "build.rs COMMANDS must match main.rs's handler"
    );

    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/default.json")).unwrap();
    let mut granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    granted.sort();
    let mut expected: Vec<String> = registered
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain([
            "core:event:allow-listen".to_string(),
            "core:event:allow-unlisten".to_string(),
        ])
        .collect();
    expected.sort();
    assert_eq!(granted, expected);

    let config: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    assert_eq!(config["app"]["withGlobalTauri"], false);
    let csp = config["app"]["security"]["csp"].as_str().unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-eval") && !csp.contains("script-src 'self' 'unsafe-inline'"));
}
