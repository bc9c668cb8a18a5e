//! Build-time set-up of the desktop shell.
//!
//! `COMMANDS` lists every Tauri command the page may call. Tauri generates an `allow-…`
//! permission for each, and `capabilities/default.json` grants exactly those to the main window:
//! a command that is registered in `main.rs` but missing here, or not granted there, is refused
//! at run time (least privilege: the webview reaches the app's own commands and nothing else).
//! `tests/acl.rs` checks the three lists agree.

/// The commands of `main.rs`'s `generate_handler!`, in the same order.
pub const COMMANDS: &[&str] = &[
    "app_status",
    "sign_in",
    "unlock",
    "stores",
    "use_store",
    "start_demo",
    "sync_now",
    "sign_out",
    "list_orders",
    "count_orders",
    "order_filter_options",
    "order_detail",
    "list_customers",
    "count_customers",
    "customer_detail",
    "dashboard",
    "export_orders",
    "export_customers",
    "set_order_status",
    "ship_order",
    "add_order_note",
    "cancel_order",
    "outbox",
    "rejected_edits",
    "keep_my_edit",
    "take_platform_version",
    "sync_status",
    "cancel_sync",
    "preferences",
    "set_preferences",
    "sessions",
    "revoke_session",
    "store_settings",
    "set_sms_on_new_order",
    "privacy_export",
    "kyc_check_field",
    "kyc_check_form",
    "kyc_state",
    "kyc_save_draft",
    "kyc_choose_image",
    "kyc_attach_dropped",
    "kyc_remove_image",
    "kyc_submit",
    "kyc_pause",
    "kyc_refresh",
    "diagnostics_preview",
    "set_menu_language",
    "check_for_update",
    "install_update",
];

fn main() {
    // The window's content is embedded at compile time (`generate_context!`): rebuild the
    // shell whenever the UI's production build changes.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri build step (configuration, capabilities, permissions)");
}
