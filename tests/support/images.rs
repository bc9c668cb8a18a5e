//! ID card photos on disk for the verification tests, made by `pishkhan-sample-photos`.

use std::path::{Path, PathBuf};

/// Writes a card photo (`width`×`height`, different for each `seed`) as a JPEG `dir/name` and
/// answers its path.
pub fn write_card(dir: &Path, name: &str, width: u32, height: u32, seed: u64) -> PathBuf {
    let path = dir.join(name);
    let photo = pishkhan_sample_photos::card_photo(width, height, seed);
    std::fs::write(&path, pishkhan_sample_photos::jpeg_of(&photo, 92)).expect("write a test photo");
    path
}
