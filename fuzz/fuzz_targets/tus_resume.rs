//! Resuming an upload through faults: the app's decisions (`pishkhan_core::kyc::upload`:
//! whether a `HEAD` answer can be resumed, whether a `PATCH` answer follows, which bytes go in
//! the next chunk) against the platform's decision on each `PATCH`
//! (`pishkhan_platform::routes::uploads::plan_patch`), through a sequence of faults the fuzzer
//! picks: bodies cut off, answers lost, a foreign `HEAD` or `PATCH` answer (a proxy, another
//! upload), a busy upload, a damaged chunk.
//!
//! The loop below is a model of `kyc::upload::upload` (the real one needs SQLite and HTTP); the
//! decisions in it are the crates' own functions.
//!
//! Properties:
//! - every chunk starts where the app believes the platform is, holds 1 to `chunk` bytes and
//!   never reaches past the image;
//! - the platform only ever stores the image's own bytes, in order: its file is always a
//!   prefix of the image (an offset the app got wrong is refused, never written at);
//! - the app never sends a chunk the platform refuses as too large;
//! - the app starts over only when the platform's `HEAD` answer is not this upload's;
//! - once the faults stop, the upload completes within a few calls, and the platform holds
//!   exactly the image;
//! - on any recorded state, `plan_patch` receives exactly a body at the recorded offset that
//!   fits, repeats a complete upload's answer only to an empty PATCH at its end, and refuses
//!   everything for a failed upload (410).
#![no_main]

use arbitrary::Arbitrary;
use chrono::Utc;
use libfuzzer_sys::fuzz_target;
use pishkhan_api::KycDocument;
use pishkhan_core::kyc::upload::{chunk_range, follows, resumable};
use pishkhan_core::platform_client::UploadOffset;
use pishkhan_platform::routes::uploads::{plan_patch, PatchPlan};
use pishkhan_platform::store::uploads::{UploadRow, UploadState};

/// As in `kyc::upload`.
const MAX_RESENDS: u32 = 3;
const MAX_ROUNDS: u32 = 10;

#[derive(Debug, Clone, Copy, Arbitrary)]
enum Fault {
    /// Nothing goes wrong.
    None,
    /// The connection breaks during the PATCH body: the platform keeps none of a chunk with a
    /// checksum (the app always sends one); the call fails.
    Cut,
    /// The platform stored the chunk but its answer was lost; the call fails.
    LostAnswer,
    /// The HEAD answer is not this upload's.
    ForeignHead { offset: u64, length: u64 },
    /// The PATCH answer carries some other offset.
    ForeignPatch(u64),
    /// Another PATCH of the upload is running: 409 `upload_busy`.
    Busy,
    /// The chunk arrived damaged: 460.
    Damaged,
}

#[derive(Debug, Arbitrary)]
struct Input {
    len: u16,
    chunk: u16,
    faults: Vec<Fault>,
    /// One more PATCH decision on any recorded state, rows that break `received <= length`
    /// included: (state, received, length, Upload-Offset, Content-Length).
    probe: (u8, u64, u64, u64, Option<u64>),
}

/// `plan_patch` on any row: the platform's rule, restated.
fn probe_plan((state, received, length, offset, content_length): (u8, u64, u64, u64, Option<u64>)) {
    let mut platform = Platform::new(length);
    platform.row.received = received;
    platform.row.state = match state % 3 {
        0 => UploadState::Receiving,
        1 => UploadState::Complete,
        _ => UploadState::Failed,
    };
    let sent = content_length.unwrap_or(0);
    let plan = plan_patch(&platform.row, offset, content_length);
    match platform.row.state {
        UploadState::Failed => {
            let e = plan.expect_err("a failed upload takes nothing");
            assert_eq!(e.status(), http::StatusCode::GONE);
        }
        UploadState::Complete => match plan {
            Ok(p) => {
                assert_eq!(p, PatchPlan::AlreadyComplete);
                assert!(offset == length && sent == 0);
            }
            Err(e) if offset != length => assert_eq!(e.code(), "upload_offset_mismatch"),
            Err(e) => {
                assert!(sent > 0);
                assert_eq!(e.code(), "upload_too_large");
            }
        },
        UploadState::Receiving => match plan {
            Ok(p) => {
                assert_eq!(p, PatchPlan::Receive);
                assert_eq!(offset, received);
                assert!(sent <= length.saturating_sub(received));
            }
            Err(e) if offset != received => assert_eq!(e.code(), "upload_offset_mismatch"),
            Err(e) => {
                assert!(sent > length.saturating_sub(received));
                assert_eq!(e.code(), "upload_too_large");
            }
        },
    }
}

/// The platform's side: the recorded row and the file.
struct Platform {
    row: UploadRow,
    file: Vec<u8>,
}

impl Platform {
    fn new(len: u64) -> Platform {
        Platform {
            row: UploadRow {
                id: "0".repeat(32),
                merchant_id: 1,
                document: KycDocument::IdFront,
                filetype: Some("image/jpeg".into()),
                metadata: String::new(),
                length: len,
                received: 0,
                sha256: String::new(),
                state: UploadState::Receiving,
                failure: None,
                created_at: Utc::now(),
                completed_at: None,
            },
            file: Vec::new(),
        }
    }

    fn head(&self) -> UploadOffset {
        UploadOffset {
            offset: self.row.received,
            length: self.row.length,
        }
    }
}

enum CallEnd {
    Done,
    Failed,
}

struct Run<'a> {
    image: &'a [u8],
    chunk: usize,
    faults: std::slice::Iter<'a, Fault>,
    platform: Platform,
    /// HEAD answers that were not this upload's (each may cause one start over).
    foreign_heads: u32,
    starts_over: u32,
}

impl Run<'_> {
    fn fault(&mut self) -> Fault {
        self.faults.next().copied().unwrap_or(Fault::None)
    }

    fn check_platform(&self) {
        let r = &self.platform.row;
        assert_eq!(self.platform.file.len() as u64, r.received);
        assert!(r.received <= r.length);
        assert_eq!(
            self.platform.file[..],
            self.image[..self.platform.file.len()],
            "the platform holds bytes that are not the image's"
        );
        assert_eq!(r.state == UploadState::Complete, r.received == r.length);
    }

    /// One call of the upload, as `kyc::upload::upload` makes it.
    fn call(&mut self) -> CallEnd {
        let total = self.image.len() as u64;
        let mut resends = 0;
        for _round in 0..MAX_ROUNDS {
            let head = match self.fault() {
                Fault::ForeignHead { offset, length } => {
                    self.foreign_heads += 1;
                    UploadOffset { offset, length }
                }
                _ => self.platform.head(),
            };
            if !resumable(head, total) {
                // A new upload on the platform.
                self.starts_over += 1;
                assert!(
                    self.starts_over <= self.foreign_heads,
                    "the app started over from a HEAD answer of its own upload"
                );
                self.platform = Platform::new(total);
                continue;
            }
            let mut offset = head.offset;
            assert!(offset <= total);
            while offset < total {
                let range = chunk_range(offset, self.chunk, self.image.len());
                assert_eq!(range.start as u64, offset);
                assert!(!range.is_empty() && range.len() <= self.chunk);
                assert!(range.end <= self.image.len());
                let bytes = &self.image[range.clone()];
                match self.fault() {
                    Fault::Busy => break,
                    Fault::Damaged if resends < MAX_RESENDS => {
                        resends += 1;
                        continue;
                    }
                    Fault::Damaged => return CallEnd::Failed,
                    Fault::Cut => return CallEnd::Failed,
                    fault => {
                        match plan_patch(&self.platform.row, offset, Some(bytes.len() as u64)) {
                            Ok(PatchPlan::Receive) => {
                                self.platform.file.extend_from_slice(bytes);
                                self.platform.row.received += bytes.len() as u64;
                                if self.platform.row.received == self.platform.row.length {
                                    self.platform.row.state = UploadState::Complete;
                                }
                            }
                            Ok(PatchPlan::AlreadyComplete) => {
                                unreachable!("the app sent bytes to a complete upload")
                            }
                            Err(e) => {
                                assert_eq!(
                                    e.code(),
                                    "upload_offset_mismatch",
                                    "the platform refused a chunk of the app's: {e}"
                                );
                                // Ask where the platform is.
                                break;
                            }
                        }
                        self.check_platform();
                        let answer = match fault {
                            Fault::LostAnswer => return CallEnd::Failed,
                            Fault::ForeignPatch(n) => n,
                            _ => self.platform.row.received,
                        };
                        if !follows(offset, answer, total) {
                            // MalformedResponse: the call fails, the next one asks again.
                            return CallEnd::Failed;
                        }
                        resends = 0;
                        offset = answer;
                    }
                }
            }
            if offset == total {
                return CallEnd::Done;
            }
        }
        CallEnd::Failed
    }
}

fuzz_target!(|input: Input| {
    probe_plan(input.probe);
    // Small images and chunks: what matters is how chunk and image boundaries meet the faults,
    // and a run of 2,000 one-byte chunks is as telling as one of 10 MB in 128 KB chunks.
    let len = usize::from(input.len) % 2048 + 1;
    let image: Vec<u8> = (0..len).map(|i| (i * 7 + i / 251) as u8).collect();
    let mut run = Run {
        image: &image,
        chunk: usize::from(input.chunk) % 300 + 1,
        faults: input.faults.iter(),
        platform: Platform::new(len as u64),
        foreign_heads: 0,
        starts_over: 0,
    };
    // Calls while faults remain (each fault is used at most once, so this ends), then a few
    // more: with no fault left the upload must finish.
    let mut calls_after_faults = 0;
    loop {
        let faults_left = run.faults.len() > 0;
        match run.call() {
            CallEnd::Done => {
                // The app believes it is done: the platform must agree, unless a foreign
                // PATCH answer fooled it — then the next call's HEAD corrects it.
                if run.platform.row.state == UploadState::Complete {
                    break;
                }
                assert!(faults_left, "the app thinks the upload is done; it is not");
            }
            CallEnd::Failed => {}
        }
        if !faults_left {
            calls_after_faults += 1;
            assert!(
                calls_after_faults <= 2,
                "no faults left, yet the upload did not finish"
            );
        }
    }
    run.check_platform();
    assert_eq!(run.platform.file, image);
});
