//! Writing a file only its owner can read, all or nothing: the bytes go to a temporary file
//! beside the destination (0600 on Unix), are flushed to disk, and the temporary file is then
//! renamed over the destination. A failure (a full disk, a read-only folder) leaves the old file
//! as it was and no partial file behind. Used for the session, the sealed secrets and exports.

use std::io::Write;
use std::path::Path;

pub fn write(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = dest
        .file_name()
        .ok_or_else(|| std::io::Error::other("the destination has no file name"))?
        .to_string_lossy();
    let partial = dest.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, dest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Removes `path`; a file that is not there is already removed.
pub fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
