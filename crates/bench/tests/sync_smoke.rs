//! The sync benchmark end to end on a small store, so it does not rot between real runs.

use pishkhan_bench::sync::{run, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_bench_runs_on_small_stores() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        orders: vec![150, 600],
        dir: dir.path().join("sync"),
        keep_platform: true,
        seed: 7,
        client_exe: env!("CARGO_BIN_EXE_pishkhan-bench").into(),
        progress: false,
    };
    let report = run(&opts).await.unwrap();
    assert_eq!(report.rows.len(), 2);
    for (row, n) in report.rows.iter().zip([150u64, 600]) {
        assert_eq!(row.orders, n);
        assert_eq!(row.client.orders, n);
        assert_eq!(row.client.customers, n / 3);
        assert!(row.client.pages >= 1);
        assert!(row.sync > std::time::Duration::ZERO);
        assert!(row.straight > std::time::Duration::ZERO);
        assert!(row.cache_bytes > 0);
        assert!(!row.platform_reused);
        if cfg!(target_os = "linux") {
            assert!(row.client.peak_rss_kb.unwrap() > 0);
        }
    }
    if cfg!(target_os = "linux") {
        assert!(report.memory_growth.is_some());
    }
    // The kept platform databases are reused, and the caches are not left behind.
    let again = run(&Options {
        orders: vec![150],
        ..opts.clone()
    })
    .await
    .unwrap();
    assert!(again.rows[0].platform_reused);
    let left: Vec<String> = std::fs::read_dir(&opts.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.iter().all(|n| n.starts_with("platform-")), "{left:?}");
}
