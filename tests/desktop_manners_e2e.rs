//! Desktop manners, in the real window: one instance per data folder (a second launch on the
//! same folder hands over to the running window and ends), and the window's size remembered
//! across launches.

use std::ffi::OsStr;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pishkhan_tests::webdriver::DesktopApp;

/// Starts the app binary on `data_dir` beside the test's window and waits up to `seconds` for
/// it to end; `None` when it is still running then (it is ended).
fn second_launch(data_dir: &std::path::Path, seconds: u64) -> Option<std::process::ExitStatus> {
    let mut child = Command::new(pishkhan_tests::bin("pishkhan-app"))
        .arg("--data-dir")
        .arg(data_dir)
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start pishkhan-app");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(seconds) {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[tokio::test]
async fn a_second_launch_on_the_same_data_folder_hands_over_to_the_first() {
    let data = tempfile::tempdir().unwrap();
    let app = DesktopApp::start_on(data.path(), &[]).await;
    app.ready().await;

    let status = second_launch(data.path(), 20).expect("the second launch ends by itself");
    assert!(status.success(), "{status:?}");
    // The first window is still there and answers.
    app.ready().await;
    assert!(app.has("signin-submit").await);

    // Another data folder is another instance: it keeps running (ended by the test).
    let other = tempfile::tempdir().unwrap();
    assert!(
        second_launch(other.path(), 6).is_none(),
        "a launch on another data folder runs beside the first"
    );
}

#[tokio::test]
async fn the_window_size_is_remembered() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let envs: [(&str, &OsStr); 1] = [("XDG_CONFIG_HOME", config.path().as_os_str())];
    let app = DesktopApp::start_on(data.path(), &envs).await;
    app.ready().await;
    app.c
        .set_window_size(1000, 700)
        .await
        .expect("resize the window");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (_, _, w, h) = app.c.get_window_rect().await.unwrap();
    assert_eq!((w as i64, h as i64), (1000, 700));
    // Closing the window quits the app cleanly, which saves the window's state.
    let _ = app.c.close_window().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    drop(app);
    let saved = std::fs::read_dir(config.path())
        .unwrap()
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
        .any(|f| f.file_name().to_string_lossy().contains("window-state"));
    assert!(saved, "the window's state was saved in the config folder");

    let again = DesktopApp::start_on(data.path(), &envs).await;
    again.ready().await;
    let (_, _, w, h) = again.c.get_window_rect().await.unwrap();
    assert_eq!((w as i64, h as i64), (1000, 700), "the size came back");
}
