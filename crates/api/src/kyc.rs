//! Identity verification (KYC): what the merchant submits, the resumable upload of the ID card
//! images, and the platform's answer.
//!
//! The flow, as both sides implement it:
//! 1. each ID card image is uploaded with the tus 1.0 protocol under [`UPLOADS_PATH`]
//!    (creation with the whole file's SHA-256 in `Upload-Metadata`, `HEAD` for the offset,
//!    `PATCH` with `Upload-Offset` and an `Upload-Checksum` per chunk);
//! 2. the form and the two finished upload ids are posted as a [`KycSubmission`] to
//!    `POST /api/v1/kyc/submissions`, idempotent by its `submissionKey`;
//! 3. a reviewer moves it along (`POST /admin/merchants/{id}/kyc/review` with a [`KycReview`]);
//! 4. the app reads [`KycVerification`] from `GET /api/v1/kyc` when it syncs.
//!
//! A rejection or a request for more information names each problem with a [`KycReason`]:
//! the field or document it concerns and a stable code. A resubmission may change only what the
//! reasons name.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The tus protocol version both sides speak.
pub const TUS_VERSION: &str = "1.0.0";
/// Where uploads are created (`POST`) and live (`{UPLOADS_PATH}/{id}`), under the API prefix.
pub const UPLOADS_PATH: &str = "/uploads";
/// The largest ID card image the platform accepts, in bytes.
pub const MAX_DOCUMENT_BYTES: u64 = 10 * 1024 * 1024;
/// The `Upload-Metadata` key carrying the whole file's SHA-256, lowercase hex.
pub const METADATA_SHA256: &str = "sha256";
/// The `Upload-Metadata` key naming the document (`idFront`, `idBack`).
pub const METADATA_DOCUMENT: &str = "document";
/// The `Upload-Metadata` key carrying the media type (`image/jpeg`, …).
pub const METADATA_FILETYPE: &str = "filetype";

/// Limits both sides apply: the app while the merchant types, the platform on every
/// submission and review. One definition, so the two can never disagree.
pub mod limits {
    /// The youngest a merchant may be (full Jalali years, counted from today in Tehran).
    pub const MIN_AGE: u32 = 18;
    /// The free-text fields, in characters (after spaces are tidied).
    pub const FULL_NAME_MIN: usize = 2;
    pub const FULL_NAME_MAX: usize = 100;
    pub const STORE_NAME_MIN: usize = 2;
    pub const STORE_NAME_MAX: usize = 100;
    pub const ADDRESS_MIN: usize = 10;
    pub const ADDRESS_MAX: usize = 500;
    pub const EMAIL_MAX: usize = 254;
    /// A reviewer's decision names at most this many reasons, each note at most this long.
    pub const REASONS_MAX: usize = 20;
    pub const NOTE_MAX: usize = 1000;
}

/// What the merchant fills in. Values travel normalised: ASCII digits, mobile `+989XXXXXXXXX`,
/// Sheba `IR` + 24 digits, the birth date as Jalali `YYYY/MM/DD`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycForm {
    pub full_name: String,
    pub store_name: String,
    pub email: String,
    pub mobile: String,
    pub address: String,
    pub postal_code: String,
    pub sheba: String,
    /// Jalali, `YYYY/MM/DD`.
    pub birth_date: String,
    pub national_code: String,
}

// Personal data is redacted by type: a `{:?}` of a form (in a log line, a panic) says which
// fields are filled, never what they hold.
impl std::fmt::Debug for KycForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let filled: Vec<&str> = KycField::ALL
            .into_iter()
            .filter(|field| !field.value(self).trim().is_empty())
            .map(KycField::as_str)
            .collect();
        f.debug_struct("KycForm")
            .field("filled", &filled)
            .finish_non_exhaustive()
    }
}

/// A field of [`KycForm`], as reasons and validation results name it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum KycField {
    FullName,
    StoreName,
    Email,
    Mobile,
    Address,
    PostalCode,
    Sheba,
    BirthDate,
    NationalCode,
}

impl KycField {
    pub const ALL: [KycField; 9] = [
        KycField::FullName,
        KycField::StoreName,
        KycField::Email,
        KycField::Mobile,
        KycField::Address,
        KycField::PostalCode,
        KycField::Sheba,
        KycField::BirthDate,
        KycField::NationalCode,
    ];

    /// The camelCase name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            KycField::FullName => "fullName",
            KycField::StoreName => "storeName",
            KycField::Email => "email",
            KycField::Mobile => "mobile",
            KycField::Address => "address",
            KycField::PostalCode => "postalCode",
            KycField::Sheba => "sheba",
            KycField::BirthDate => "birthDate",
            KycField::NationalCode => "nationalCode",
        }
    }

    /// This field's value in a form.
    pub fn value(self, form: &KycForm) -> &str {
        match self {
            KycField::FullName => &form.full_name,
            KycField::StoreName => &form.store_name,
            KycField::Email => &form.email,
            KycField::Mobile => &form.mobile,
            KycField::Address => &form.address,
            KycField::PostalCode => &form.postal_code,
            KycField::Sheba => &form.sheba,
            KycField::BirthDate => &form.birth_date,
            KycField::NationalCode => &form.national_code,
        }
    }
}

/// An ID card image.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum KycDocument {
    IdFront,
    IdBack,
}

impl KycDocument {
    pub const ALL: [KycDocument; 2] = [KycDocument::IdFront, KycDocument::IdBack];

    pub fn as_str(self) -> &'static str {
        match self {
            KycDocument::IdFront => "idFront",
            KycDocument::IdBack => "idBack",
        }
    }

    pub fn parse(s: &str) -> Option<KycDocument> {
        match s {
            "idFront" => Some(KycDocument::IdFront),
            "idBack" => Some(KycDocument::IdBack),
            _ => None,
        }
    }
}

/// Where a verification stands on the platform. (A draft exists only in the app.)
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KycStatus {
    /// Nothing submitted yet.
    NotSubmitted,
    /// Received, waiting for a reviewer.
    Submitted,
    /// A reviewer is looking at it.
    InReview,
    /// Identity verified. Final.
    Verified,
    /// Refused for the reasons given; the merchant fixes them and resubmits.
    Rejected,
    /// The reviewer needs more (a clearer image, the back side…), named by the reasons.
    InfoRequested,
}

impl KycStatus {
    /// Whether the merchant may submit (again) now.
    pub fn accepts_submission(self) -> bool {
        matches!(
            self,
            KycStatus::NotSubmitted | KycStatus::Rejected | KycStatus::InfoRequested
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KycStatus::NotSubmitted => "not_submitted",
            KycStatus::Submitted => "submitted",
            KycStatus::InReview => "in_review",
            KycStatus::Verified => "verified",
            KycStatus::Rejected => "rejected",
            KycStatus::InfoRequested => "info_requested",
        }
    }
}

/// Why a reviewer refused a field or a document (the codes KYC providers use).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KycReasonCode {
    NotReadable,
    Expired,
    MissingFront,
    MissingBack,
    TooLarge,
    TypeNotSupported,
    Manipulated,
    NameMismatch,
    BirthDateMismatch,
    IdNumberMismatch,
    /// The value is wrong in a way the other codes do not name (see the note).
    InvalidValue,
    /// More is needed; the note says what.
    MoreInformation,
}

/// What a reason is about: one field of the form or one document.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub enum KycSubject {
    Field(KycField),
    Document(KycDocument),
}

/// One problem the reviewer found.
// Its `Debug` hides the note, which may quote the form.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycReason {
    pub subject: KycSubject,
    pub code: KycReasonCode,
    /// The reviewer's own words, shown as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
}

debug_redacting!(KycReason {
    subject,
    code,
    note: redacted,
});

/// A finished upload that a submission uses.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycDocumentRef {
    pub upload_id: String,
    /// SHA-256 of the stored file, lowercase hex.
    pub sha256: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
}

/// `POST /api/v1/kyc/submissions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycSubmission {
    /// Chosen by the client (8–64 of `A-Z a-z 0-9 - _`): a repeated key is answered with the
    /// current verification and changes nothing, so a retried submission counts once.
    pub submission_key: String,
    pub form: KycForm,
    /// Upload id of the front image (a finished upload of this merchant).
    pub id_front: String,
    /// Upload id of the back image.
    pub id_back: String,
}

/// `GET /api/v1/kyc`: the merchant's verification as it stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KycVerification {
    pub status: KycStatus,
    /// How many times it was submitted (0 before the first).
    pub revision: i64,
    /// The form last submitted.
    pub form: Option<KycForm>,
    pub id_front: Option<KycDocumentRef>,
    pub id_back: Option<KycDocumentRef>,
    /// What to fix: non-empty when rejected or when more information is requested.
    pub reasons: Vec<KycReason>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl KycVerification {
    /// The answer for a merchant who never submitted.
    pub fn not_submitted() -> KycVerification {
        KycVerification {
            status: KycStatus::NotSubmitted,
            revision: 0,
            form: None,
            id_front: None,
            id_back: None,
            reasons: Vec::new(),
            submitted_at: None,
            updated_at: None,
        }
    }

    /// Whether a resubmission may change this field: always on a first submission, otherwise
    /// only when a reason names it.
    pub fn may_change_field(&self, field: KycField) -> bool {
        self.form.is_none()
            || self
                .reasons
                .iter()
                .any(|r| r.subject == KycSubject::Field(field))
    }

    /// Whether a resubmission may replace this document (see [`Self::may_change_field`]).
    pub fn may_change_document(&self, document: KycDocument) -> bool {
        let current = match document {
            KycDocument::IdFront => &self.id_front,
            KycDocument::IdBack => &self.id_back,
        };
        current.is_none()
            || self
                .reasons
                .iter()
                .any(|r| r.subject == KycSubject::Document(document))
    }
}

/// `POST /admin/merchants/{merchantId}/kyc/review`: a reviewer's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum KycReview {
    /// submitted → in review.
    StartReview,
    /// submitted or in review → verified.
    Verify,
    /// submitted or in review → rejected, with at least one reason.
    Reject { reasons: Vec<KycReason> },
    /// submitted or in review → more information requested, with at least one reason.
    RequestInfo { reasons: Vec<KycReason> },
}

/// `GET /admin/uploads/{id}`: an upload as the platform stores it (for tests and support).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UploadInfo {
    pub id: String,
    pub document: KycDocument,
    pub length: u64,
    pub offset: u64,
    pub complete: bool,
    /// SHA-256 of the bytes stored on disk so far, lowercase hex.
    pub stored_sha256: String,
}

/// Whether `key` is an acceptable submission key.
pub fn valid_submission_key(key: &str) -> bool {
    crate::mutation::valid_mutation_id(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_and_reviews_have_a_readable_wire_shape() {
        let reason = KycReason {
            subject: KycSubject::Document(KycDocument::IdBack),
            code: KycReasonCode::NotReadable,
            note: None,
        };
        assert_eq!(
            serde_json::to_string(&reason).unwrap(),
            r#"{"subject":{"document":"idBack"},"code":"not_readable"}"#
        );
        let review: KycReview = serde_json::from_str(
            r#"{"action":"reject","reasons":[{"subject":{"field":"sheba"},"code":"invalid_value","note":"x"}]}"#,
        )
        .unwrap();
        assert!(matches!(review, KycReview::Reject { ref reasons } if reasons.len() == 1));
    }

    #[test]
    fn a_form_in_a_log_line_names_fields_not_values() {
        let form = KycForm {
            full_name: "ترانه یگانه".into(),
            national_code: "0499370899".into(),
            sheba: "IR820540102680020817909002".into(),
            ..Default::default()
        };
        let shown = format!("{form:?} {:?}", Some(&form));
        assert!(
            shown.contains("fullName") && shown.contains("nationalCode"),
            "{shown}"
        );
        for value in ["ترانه", "0499370899", "IR82"] {
            assert!(!shown.contains(value), "{shown}");
        }
    }

    #[test]
    fn a_resubmission_may_change_only_what_the_reasons_name() {
        let mut v = KycVerification::not_submitted();
        assert!(v.may_change_field(KycField::Sheba));
        v.form = Some(KycForm::default());
        v.id_front = Some(KycDocumentRef {
            upload_id: "u".into(),
            sha256: "0".into(),
            size: 1,
        });
        v.reasons = vec![KycReason {
            subject: KycSubject::Field(KycField::Sheba),
            code: KycReasonCode::InvalidValue,
            note: None,
        }];
        assert!(v.may_change_field(KycField::Sheba));
        assert!(!v.may_change_field(KycField::FullName));
        assert!(!v.may_change_document(KycDocument::IdFront));
        assert!(v.may_change_document(KycDocument::IdBack));
    }
}
