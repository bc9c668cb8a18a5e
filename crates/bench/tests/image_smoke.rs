//! The image benchmark end to end with one run, so it does not rot between real runs: both
//! pipelines produce their output and ours is upright, 2000 px on its long side, metadata-free.

use pishkhan_bench::photo::{run, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn image_bench_runs_once_beside_imagemagick() {
    let dir = tempfile::tempdir().unwrap();
    let figures = run(&Options {
        runs: 1,
        dir: dir.path().to_path_buf(),
        print: false,
    })
    .await
    .unwrap();
    assert_eq!(figures.ours.samples.len(), 1);
    assert_eq!(figures.magick.samples.len(), 1);
    assert_eq!((figures.ours_output.0, figures.ours_output.1), (1500, 2000));
    assert!(
        figures.ours_output.2 > 50_000,
        "a 2000 px card photo is not a few bytes"
    );
    assert!(figures.magick_output_bytes > 50_000);
    assert!(figures.input_bytes > 1_000_000);
    assert!(figures.ratio() > 0.0);
}
