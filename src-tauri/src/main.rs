//! Pishkhan's desktop shell. It owns the window and translates between the webview and
//! `pishkhan-core`; it holds no business rules (those live in the core, which the CLI
//! calls too).
//!
//! `--demo` starts the reference platform embedded on a free loopback port with generated
//! data, signs in and syncs, so a newcomer sees a working app with one command.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod demo;
mod desktop;
mod state;
mod sync_loop;
mod updates;

use std::path::PathBuf;

use tauri::Manager;

/// What the command line asked for.
struct LaunchOptions {
    demo: bool,
    data_dir: Option<PathBuf>,
}

fn launch_options() -> LaunchOptions {
    let mut options = LaunchOptions {
        demo: false,
        data_dir: std::env::var_os("PISHKHAN_DATA_DIR").map(PathBuf::from),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--demo" => options.demo = true,
            "--data-dir" => options.data_dir = args.next().map(PathBuf::from),
            other => {
                if let Some(dir) = other.strip_prefix("--data-dir=") {
                    options.data_dir = Some(PathBuf::from(dir));
                }
            }
        }
    }
    options
}

fn main() {
    desktop::webview_without_jit();
    let options = launch_options();
    let data_dir = options
        .data_dir
        .unwrap_or_else(pishkhan_core::Pishkhan::default_data_dir);
    pishkhan_core::logging::init(&data_dir, "info,sqlx=warn", "info,sqlx=warn");
    let single_instance = desktop::single_instance(&data_dir);
    let app_state = state::AppState::new(data_dir, options.demo);
    // Kept in memory; sent only if the merchant turned "share diagnostics" on.
    pishkhan_core::monitoring::record(pishkhan_core::monitoring::app_started());

    let result = tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(single_instance)
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(updates::plugin())
        .manage(app_state)
        .invoke_handler(tauri::generate_handler![
            commands::account::app_status,
            commands::account::sign_in,
            commands::account::unlock,
            commands::account::stores,
            commands::account::use_store,
            commands::account::start_demo,
            commands::account::sync_now,
            commands::account::sign_out,
            commands::review::list_orders,
            commands::review::count_orders,
            commands::review::order_filter_options,
            commands::review::order_detail,
            commands::review::list_customers,
            commands::review::count_customers,
            commands::review::customer_detail,
            commands::review::dashboard,
            commands::export::export_orders,
            commands::export::export_customers,
            commands::edits::set_order_status,
            commands::edits::ship_order,
            commands::edits::add_order_note,
            commands::edits::cancel_order,
            commands::edits::outbox,
            commands::edits::rejected_edits,
            commands::edits::keep_my_edit,
            commands::edits::take_platform_version,
            commands::edits::sync_status,
            commands::edits::cancel_sync,
            commands::edits::preferences,
            commands::edits::set_preferences,
            commands::account::sessions,
            commands::account::revoke_session,
            commands::account::store_settings,
            commands::account::set_sms_on_new_order,
            commands::export::privacy_export,
            commands::kyc::kyc_check_field,
            commands::kyc::kyc_check_form,
            commands::kyc::kyc_state,
            commands::kyc::kyc_save_draft,
            commands::kyc::kyc_choose_image,
            commands::kyc::kyc_attach_dropped,
            commands::kyc::kyc_remove_image,
            commands::kyc::kyc_submit,
            commands::kyc::kyc_pause,
            commands::kyc::kyc_refresh,
            commands::diagnostics::diagnostics_preview,
            commands::window::set_menu_language,
            commands::updates::check_for_update,
            commands::updates::install_update,
        ])
        .on_menu_event(|app, event| desktop::on_menu(app, event.id().as_ref()))
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, position }) => {
                commands::kyc::file_dropped(window, paths, position.x, position.y);
            }
            tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_) => {
                desktop::window_changed(window.app_handle());
            }
            _ => {}
        })
        .setup(move |app| {
            app.set_menu(desktop::menu(app.handle(), "fa")?)?;
            sync_loop::spawn(app.handle().clone());
            if options.demo {
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    let state = handle.state::<state::AppState>();
                    if let Err(e) = demo::start(&handle, &state).await {
                        tracing::error!(code = %e.code, "the demo store could not start");
                    }
                });
            }
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|handle, event| match event {
            tauri::RunEvent::ExitRequested { api, .. } => desktop::hold_exit(&api, handle),
            tauri::RunEvent::Exit => demo::remove_folder(),
            _ => {}
        }),
        Err(e) => {
            eprintln!("error: the window could not open: {e}\nخطا: پنجرهٔ برنامه باز نشد.");
            std::process::exit(1);
        }
    }
}
