//! Identity verification (KYC): the merchant's form and ID card images, from a draft on this
//! computer to the platform's answer.
//!
//! - `form`: validating the form, field by field, with the rules of `pishkhan-iran` (the one
//!   place the UI and the CLI both ask).
//! - `image`: turning a photo the merchant chose into the image that is sent: checked before it
//!   is decoded, oriented, stripped of every piece of metadata, downscaled, re-encoded.
//! - `draft`: the form and the prepared images kept between runs.
//! - `upload`: the resumable (tus 1.0) upload of an image, its URL and offset kept in SQLite.
//! - `submission`: queueing, sending and following a submission.

pub mod draft;
pub mod form;
pub mod image;
pub mod submission;
pub mod upload;
