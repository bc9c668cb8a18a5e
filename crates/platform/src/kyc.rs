//! Identity verification rules, apart from HTTP and SQL: validating and normalising a submitted
//! form, what a resubmission may change, and how a reviewer's decision moves the status.
//!
//! Why here and not in the handlers: these are the rules the app must agree with, so they are
//! plain functions with unit tests, and the handlers only load, call and store.
//!
//! Messages name the field and the rule broken, never the value: a national code or a Sheba
//! must not end up in a log or an error report.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use pishkhan_api::{
    KycDocument, KycField, KycForm, KycReason, KycReview, KycStatus, KycSubject, KycVerification,
};
use pishkhan_iran::jalali::{self, JalaliDate};
use pishkhan_iran::{mobile, national_code, normalize, postal_code, sheba};

use crate::error::{PlatformError, Result};

use pishkhan_api::kyc::limits::{
    ADDRESS_MAX, ADDRESS_MIN, EMAIL_MAX, FULL_NAME_MAX, FULL_NAME_MIN, MIN_AGE, NOTE_MAX,
    REASONS_MAX, STORE_NAME_MAX, STORE_NAME_MIN,
};

/// Tehran's offset from UTC (Iran has kept standard time all year since 2022).
const TEHRAN_OFFSET_MINUTES: i64 = 3 * 60 + 30;

fn invalid(field: KycField, why: impl std::fmt::Display) -> PlatformError {
    PlatformError::refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "kyc_invalid",
        format!("{}: {why}", field.as_str()),
    )
}

/// Today's date in Tehran, in the Jalali calendar.
pub fn tehran_today(now: DateTime<Utc>) -> Result<JalaliDate> {
    let local = (now + Duration::minutes(TEHRAN_OFFSET_MINUTES)).date_naive();
    use chrono::Datelike;
    JalaliDate::from_gregorian(local.year(), local.month() as u8, local.day() as u8)
        .map_err(|e| PlatformError::Internal(format!("today has no Jalali date: {e}")))
}

/// Free text: Arabic letters to Persian, Persian digits to ASCII, every run of whitespace
/// (line breaks included) to one space, trimmed; control characters refused.
fn text(field: KycField, value: &str, min: usize, max: usize) -> Result<String> {
    if value.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(invalid(field, "contains control characters"));
    }
    let cleaned = normalize::digits_to_ascii(&normalize::persian_letters(value));
    let joined = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() {
        return Err(invalid(field, "is required"));
    }
    if joined.chars().count() < min {
        return Err(invalid(field, format!("is shorter than {min} characters")));
    }
    if joined.chars().count() > max {
        return Err(invalid(field, format!("is longer than {max} characters")));
    }
    Ok(joined)
}

/// A plausibly shaped address: one `@`, a local part, a domain of dot-separated labels of
/// letters, digits and hyphens ending in a top-level domain of two letters or more. The
/// domain is lowercased.
fn email(value: &str) -> Result<String> {
    let field = KycField::Email;
    let v = value.trim();
    if v.is_empty() {
        return Err(invalid(field, "is required"));
    }
    if v.len() > EMAIL_MAX {
        return Err(invalid(
            field,
            format!("is longer than {EMAIL_MAX} characters"),
        ));
    }
    let Some((local, domain)) = v.split_once('@') else {
        return Err(invalid(field, "is not an email address"));
    };
    let local_ok = pishkhan_iran::email::local_part_ok(local);
    let domain_ok = pishkhan_iran::email::domain_ok(domain);
    if !local_ok || !domain_ok {
        return Err(invalid(field, "is not an email address"));
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

/// Validates every field of a form and answers it normalised: mobile `+989XXXXXXXXX`, Sheba
/// `IR` + 24 digits, ASCII digits, the birth date `YYYY/MM/DD`. The first field found wrong
/// (in form order) is the error, a 422 `kyc_invalid` naming it.
pub fn normalize_form(form: &KycForm, today: JalaliDate) -> Result<KycForm> {
    let full_name = text(
        KycField::FullName,
        &form.full_name,
        FULL_NAME_MIN,
        FULL_NAME_MAX,
    )?;
    if !full_name.chars().any(char::is_alphabetic) {
        return Err(invalid(KycField::FullName, "must contain letters"));
    }
    let store_name = text(
        KycField::StoreName,
        &form.store_name,
        STORE_NAME_MIN,
        STORE_NAME_MAX,
    )?;
    let email = email(&form.email)?;
    let mobile = mobile::normalize(&form.mobile)
        .map_err(|e| invalid(KycField::Mobile, e))?
        .e164;
    let address = text(KycField::Address, &form.address, ADDRESS_MIN, ADDRESS_MAX)?;
    let postal_code =
        postal_code::validate(&form.postal_code).map_err(|e| invalid(KycField::PostalCode, e))?;
    let sheba = sheba::validate(&form.sheba)
        .map_err(|e| invalid(KycField::Sheba, e))?
        .normalized;
    let birth = JalaliDate::parse(&form.birth_date).map_err(|e| invalid(KycField::BirthDate, e))?;
    jalali::require_min_age(birth, today, MIN_AGE).map_err(|e| invalid(KycField::BirthDate, e))?;
    let national_code = national_code::validate(&form.national_code)
        .map_err(|e| invalid(KycField::NationalCode, e))?;
    Ok(KycForm {
        full_name,
        store_name,
        email,
        mobile,
        address,
        postal_code,
        sheba,
        birth_date: birth.to_string(),
        national_code,
    })
}

/// What a resubmission changes that the current reasons did not ask for, if anything: the
/// first such field (in form order), else the first such document. Documents are compared by
/// content (SHA-256), so uploading the same image again is no change.
pub fn change_not_asked(
    current: &KycVerification,
    form: &KycForm,
    documents: &[(KycDocument, &str)],
) -> Option<KycSubject> {
    let previous = current.form.as_ref()?;
    for field in KycField::ALL {
        if field.value(previous) != field.value(form) && !current.may_change_field(field) {
            return Some(KycSubject::Field(field));
        }
    }
    for (document, sha256) in documents {
        let before = match document {
            KycDocument::IdFront => &current.id_front,
            KycDocument::IdBack => &current.id_back,
        };
        let changed = before.as_ref().is_some_and(|d| d.sha256 != *sha256);
        if changed && !current.may_change_document(*document) {
            return Some(KycSubject::Document(*document));
        }
    }
    None
}

/// The error for [`change_not_asked`]'s answer.
pub fn change_not_asked_error(subject: KycSubject) -> PlatformError {
    let what = match subject {
        KycSubject::Field(f) => format!("field {}", f.as_str()),
        KycSubject::Document(d) => format!("document {}", d.as_str()),
    };
    PlatformError::refused(
        StatusCode::CONFLICT,
        "kyc_change_not_asked",
        format!(
            "{what} differs from the last submission but the reviewer did not ask to change it"
        ),
    )
}

/// The name of a decision, as the review history records it.
pub fn review_action(review: &KycReview) -> &'static str {
    match review {
        KycReview::StartReview => "start_review",
        KycReview::Verify => "verify",
        KycReview::Reject { .. } => "reject",
        KycReview::RequestInfo { .. } => "request_info",
    }
}

/// Where a reviewer's decision takes a verification that stands at `from`, with the reasons
/// the merchant will see (notes trimmed; an empty note is none). A rejection or a request for
/// information without reasons is a 422; a decision the status does not allow is a 409
/// `kyc_bad_transition`.
pub fn review(from: KycStatus, decision: &KycReview) -> Result<(KycStatus, Vec<KycReason>)> {
    let reasons = match decision {
        KycReview::Reject { reasons } | KycReview::RequestInfo { reasons } => {
            if reasons.is_empty() || reasons.len() > REASONS_MAX {
                return Err(PlatformError::refused(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "kyc_reasons_required",
                    format!(
                        "{} needs 1 to {REASONS_MAX} reasons",
                        review_action(decision)
                    ),
                ));
            }
            let mut clean = Vec::with_capacity(reasons.len());
            for r in reasons {
                let note = r
                    .note
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string);
                if note.as_ref().is_some_and(|n| n.chars().count() > NOTE_MAX) {
                    return Err(PlatformError::refused(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "kyc_invalid",
                        format!("a reason's note is longer than {NOTE_MAX} characters"),
                    ));
                }
                clean.push(KycReason { note, ..r.clone() });
            }
            clean
        }
        KycReview::StartReview | KycReview::Verify => Vec::new(),
    };
    let open = matches!(from, KycStatus::Submitted | KycStatus::InReview);
    let to = match decision {
        KycReview::StartReview if from == KycStatus::Submitted => KycStatus::InReview,
        KycReview::Verify if open => KycStatus::Verified,
        KycReview::Reject { .. } if open => KycStatus::Rejected,
        KycReview::RequestInfo { .. } if open => KycStatus::InfoRequested,
        _ => {
            return Err(PlatformError::refused(
                StatusCode::CONFLICT,
                "kyc_bad_transition",
                format!(
                    "cannot {} a verification that is {}",
                    review_action(decision),
                    from.as_str()
                ),
            ))
        }
    };
    Ok((to, reasons))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pishkhan_api::{KycDocumentRef, KycReasonCode};

    fn form() -> KycForm {
        KycForm {
            full_name: "  علي   رضايي ".into(),
            store_name: "فروشگاه كتاب".into(),
            email: "Ali.Rezaei@Example.COM".into(),
            mobile: "۰۹۱۲ ۱۲۳ ۴۵۶۷".into(),
            address: "تهران،\nخیابان آزادی، پلاک ۱۲".into(),
            postal_code: "3354355599".into(),
            sheba: "ir82 0540 1026 8002 0817 9090 02".into(),
            birth_date: "۱۳۷۰/۵/۱۲".into(),
            national_code: "0499370899".into(),
        }
    }

    fn today() -> JalaliDate {
        JalaliDate::new(1404, 3, 1).unwrap()
    }

    #[test]
    fn a_valid_form_comes_back_normalised() {
        let f = normalize_form(&form(), today()).unwrap();
        assert_eq!(f.full_name, "علی رضایی");
        assert_eq!(f.store_name, "فروشگاه کتاب");
        assert_eq!(f.email, "Ali.Rezaei@example.com");
        assert_eq!(f.mobile, "+989121234567");
        assert_eq!(f.address, "تهران، خیابان آزادی، پلاک 12");
        assert_eq!(f.sheba, "IR820540102680020817909002");
        assert_eq!(f.birth_date, "1370/05/12");
        assert_eq!(f.national_code, "0499370899");
    }

    fn code_and_message(f: KycForm) -> (String, String) {
        let e = normalize_form(&f, today()).unwrap_err();
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        (e.code().to_string(), e.to_string())
    }

    #[test]
    fn each_wrong_field_is_named_without_its_value() {
        let cases: Vec<(fn(&mut KycForm), &str, &str)> = vec![
            (
                |f| f.national_code = "0684159415".into(),
                "nationalCode",
                "0684159415",
            ),
            (
                |f| f.national_code = "1111111111".into(),
                "nationalCode",
                "1111111111",
            ),
            (
                |f| f.sheba = "IR012345678901234567890123".into(),
                "sheba",
                "IR0123",
            ),
            (|f| f.mobile = "0812345678".into(), "mobile", "0812345678"),
            (
                |f| f.postal_code = "1111111111".into(),
                "postalCode",
                "1111111111",
            ),
            (
                |f| f.birth_date = "1370/13/01".into(),
                "birthDate",
                "1370/13",
            ),
            (|f| f.birth_date = "1395/01/01".into(), "birthDate", "1395"),
            (|f| f.full_name = "   ".into(), "fullName", "   "),
            (|f| f.full_name = "x".repeat(201), "fullName", "xxxx"),
            (|f| f.store_name = "\u{7}bell".into(), "storeName", "bell"),
            (|f| f.address = "آ".repeat(501), "address", "آآآ"),
            (|f| f.email = "ali@localhost".into(), "email", "ali@"),
            (
                |f| f.email = "ali rezaei@example.com".into(),
                "email",
                "rezaei",
            ),
        ];
        for (break_it, field, value) in cases {
            let mut f = form();
            break_it(&mut f);
            let (code, message) = code_and_message(f);
            assert_eq!(code, "kyc_invalid");
            assert!(message.starts_with(&format!("{field}: ")), "{message}");
            assert!(!message.contains(value), "{message} echoes the value");
        }
    }

    #[test]
    fn eighteen_in_tehran_today() {
        let mut f = form();
        f.birth_date = "1386/03/01".into();
        assert!(normalize_form(&f, today()).is_ok(), "18 on the day");
        f.birth_date = "1386/03/02".into();
        let (_, message) = code_and_message(f);
        assert!(message.contains("18"), "{message}");
        // 2025-03-20 20:31 UTC is already 2025-03-21, 1404/01/01, in Tehran (00:01 there);
        // two minutes earlier it is still 1403/12/30.
        let late = DateTime::parse_from_rfc3339("2025-03-20T20:31:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            tehran_today(late).unwrap(),
            JalaliDate::new(1404, 1, 1).unwrap()
        );
        let early = late - Duration::minutes(2);
        assert_eq!(
            tehran_today(early).unwrap(),
            JalaliDate::new(1403, 12, 30).unwrap()
        );
    }

    fn submitted() -> KycVerification {
        let doc = |sha: &str| KycDocumentRef {
            upload_id: "u".into(),
            sha256: sha.into(),
            size: 1,
        };
        KycVerification {
            status: KycStatus::Rejected,
            revision: 1,
            form: Some(normalize_form(&form(), today()).unwrap()),
            id_front: Some(doc("front")),
            id_back: Some(doc("back")),
            reasons: vec![KycReason {
                subject: KycSubject::Field(KycField::Sheba),
                code: KycReasonCode::InvalidValue,
                note: None,
            }],
            submitted_at: None,
            updated_at: None,
        }
    }

    #[test]
    fn a_resubmission_changes_only_what_was_asked() {
        let current = submitted();
        let mut f = current.form.clone().unwrap();
        let same = [
            (KycDocument::IdFront, "front"),
            (KycDocument::IdBack, "back"),
        ];
        assert_eq!(change_not_asked(&current, &f, &same), None);
        f.sheba = "IR550570022080013447370101".into();
        assert_eq!(change_not_asked(&current, &f, &same), None);
        f.full_name = "رضا علوی".into();
        assert_eq!(
            change_not_asked(&current, &f, &same),
            Some(KycSubject::Field(KycField::FullName))
        );
        let f = current.form.clone().unwrap();
        let new_back = [
            (KycDocument::IdFront, "front"),
            (KycDocument::IdBack, "other"),
        ];
        assert_eq!(
            change_not_asked(&current, &f, &new_back),
            Some(KycSubject::Document(KycDocument::IdBack))
        );
        let first = KycVerification::not_submitted();
        assert_eq!(change_not_asked(&first, &f, &new_back), None);
    }

    #[test]
    fn reviews_move_only_open_verifications() {
        let reason = || KycReason {
            subject: KycSubject::Document(KycDocument::IdFront),
            code: KycReasonCode::NotReadable,
            note: Some("  blurry  ".into()),
        };
        let (to, _) = review(KycStatus::Submitted, &KycReview::StartReview).unwrap();
        assert_eq!(to, KycStatus::InReview);
        let (to, _) = review(KycStatus::InReview, &KycReview::Verify).unwrap();
        assert_eq!(to, KycStatus::Verified);
        let (to, reasons) = review(
            KycStatus::Submitted,
            &KycReview::Reject {
                reasons: vec![reason()],
            },
        )
        .unwrap();
        assert_eq!(to, KycStatus::Rejected);
        assert_eq!(reasons[0].note.as_deref(), Some("blurry"));
        let (to, _) = review(
            KycStatus::InReview,
            &KycReview::RequestInfo {
                reasons: vec![reason()],
            },
        )
        .unwrap();
        assert_eq!(to, KycStatus::InfoRequested);

        let e = review(KycStatus::InReview, &KycReview::Reject { reasons: vec![] }).unwrap_err();
        assert_eq!(
            (e.status(), e.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "kyc_reasons_required")
        );
        for (from, decision) in [
            (KycStatus::InReview, KycReview::StartReview),
            (KycStatus::Verified, KycReview::Verify),
            (KycStatus::NotSubmitted, KycReview::Verify),
            (
                KycStatus::Rejected,
                KycReview::Reject {
                    reasons: vec![reason()],
                },
            ),
        ] {
            let e = review(from, &decision).unwrap_err();
            assert_eq!(
                (e.status(), e.code()),
                (StatusCode::CONFLICT, "kyc_bad_transition")
            );
        }
    }
}
