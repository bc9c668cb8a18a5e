//! `pishkhan-bench image`: the ID card image pipeline (`pishkhan_core::kyc::image`) on a
//! 12-megapixel phone photo carrying EXIF (orientation, GPS), XMP, ICC and a comment, beside
//! ImageMagick doing the same job in the same run:
//! `convert IN -auto-orient -strip -resize 2000x2000> -quality 85 OUT`.
//!
//! Both sides are timed the same way, file to file: ours reads the file, checks it, decodes,
//! orients, measures sharpness, downscales, encodes and writes the result; ImageMagick is one
//! process per image, as a merchant's script would run it. Target: ours at most ImageMagick's
//! median time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{ensure, Context};

use crate::stats::{ms, Stats};

pub struct Options {
    pub runs: usize,
    pub dir: PathBuf,
    /// Print the table (the smoke test runs quietly).
    pub print: bool,
}

/// What one run measured.
#[derive(Debug)]
pub struct Figures {
    pub input_bytes: u64,
    pub ours: Stats,
    pub ours_output: (u32, u32, u64),
    pub magick: Stats,
    pub magick_output_bytes: u64,
    pub magick_command: String,
}

impl Figures {
    /// Our median time over ImageMagick's.
    pub fn ratio(&self) -> f64 {
        ms(self.ours.median()) / ms(self.magick.median()).max(f64::MIN_POSITIVE)
    }
}

/// ImageMagick's command: `magick` (version 7) where it exists, else Debian's own `convert`
/// (version 6) by its path — a `convert` earlier on the PATH may be a wrapper around it, whose
/// own start-up would be counted against ImageMagick — else whatever `convert` the PATH gives.
fn magick_program() -> anyhow::Result<Vec<&'static str>> {
    for candidate in [vec!["magick"], vec!["/usr/bin/convert"], vec!["convert"]] {
        let ok = Command::new(candidate[0])
            .arg("-version")
            .output()
            .map(|o| {
                o.status.success() && String::from_utf8_lossy(&o.stdout).contains("ImageMagick")
            })
            .unwrap_or(false);
        if ok {
            return Ok(candidate);
        }
    }
    anyhow::bail!("ImageMagick is not installed (apt-get install imagemagick): it is the baseline")
}

/// The 12 MP input: a card photo taken sideways (EXIF orientation 6) with phone metadata.
fn write_input(dir: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("phone-photo-12mp.jpg");
    let photo = pishkhan_sample_photos::card_photo(4000, 3000, 12);
    let jpeg =
        pishkhan_sample_photos::with_metadata(&pishkhan_sample_photos::jpeg_of(&photo, 92), 6);
    std::fs::write(&path, jpeg)?;
    Ok(path)
}

pub async fn run(options: &Options) -> anyhow::Result<Figures> {
    let program = magick_program()?;
    let input = write_input(&options.dir)?;
    let input_bytes = std::fs::metadata(&input)?.len();
    let ours_out = options.dir.join("ours.jpg");
    let magick_out = options.dir.join("imagemagick.jpg");
    let runs = options.runs.max(1);

    // One warm-up each, then alternate so both see the same machine state.
    let mut ours = Vec::with_capacity(runs);
    let mut magick = Vec::with_capacity(runs);
    let mut ours_output = (0, 0, 0);
    for i in 0..=runs {
        let t = Instant::now();
        let prepared = pishkhan_core::kyc::image::prepare_file(&input)
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.message_en()))?;
        let (w, h, n) = (prepared.width, prepared.height, prepared.jpeg.len() as u64);
        let out = ours_out.clone();
        tokio::task::spawn_blocking(move || std::fs::write(out, &prepared.jpeg)).await??;
        let ours_time = t.elapsed();
        ours_output = (w, h, n);

        let t = Instant::now();
        let status = Command::new(program[0])
            .args(&program[1..])
            .arg(&input)
            .args([
                "-auto-orient",
                "-strip",
                "-resize",
                "2000x2000>",
                "-quality",
                "85",
            ])
            .arg(&magick_out)
            .status()
            .context("running ImageMagick")?;
        let magick_time = t.elapsed();
        ensure!(status.success(), "ImageMagick failed: {status}");
        if i > 0 {
            ours.push(ours_time);
            magick.push(magick_time);
        }
    }
    let ours_bytes = std::fs::read(&ours_out)?;
    ensure!(
        !ours_bytes.windows(4).any(|w| w == b"Exif")
            && !ours_bytes.windows(6).any(|w| w == b"Secret"),
        "our output carries metadata"
    );
    ensure!(
        ours_output.0 == 1500 && ours_output.1 == 2000,
        "our output is {}×{}, not upright 1500×2000",
        ours_output.0,
        ours_output.1
    );
    let figures = Figures {
        input_bytes,
        ours: Stats::new(ours),
        ours_output,
        magick: Stats::new(magick),
        magick_output_bytes: std::fs::metadata(&magick_out)?.len(),
        magick_command: format!(
            "{} IN -auto-orient -strip -resize 2000x2000> -quality 85 OUT",
            program.join(" ")
        ),
    };
    if options.print {
        print(&figures);
    }
    Ok(figures)
}

fn print(f: &Figures) {
    let row = |name: &str, s: &Stats, out: String| {
        println!(
            "| {name} | {} | {:.1} | {:.1} | {:.1} | {out} |",
            s.samples.len(),
            ms(s.median()),
            ms(s.p95()),
            ms(s.max())
        )
    };
    println!(
        "ID card image: 4000×3000 JPEG with EXIF (orientation 6, GPS), XMP, ICC, comment; {:.1} MB",
        f.input_bytes as f64 / 1e6
    );
    println!("| pipeline | runs | median ms | p95 ms | max ms | output |");
    println!("| --- | --- | --- | --- | --- | --- |");
    row(
        "Pishkhan (kyc::image)",
        &f.ours,
        format!(
            "{}×{}, {} KB, no metadata",
            f.ours_output.0,
            f.ours_output.1,
            f.ours_output.2 / 1024
        ),
    );
    row(
        &f.magick_command,
        &f.magick,
        format!("{} KB", f.magick_output_bytes / 1024),
    );
    let ratio = f.ratio();
    println!(
        "ours ÷ ImageMagick (median): {ratio:.2} — target ≤ 1.00: {}",
        if ratio <= 1.0 { "PASS" } else { "MISS" }
    );
}
