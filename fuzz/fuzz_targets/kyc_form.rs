//! The identity-verification form's checks (`pishkhan_core::kyc::form`) on arbitrary values,
//! and the platform's own check of what the app sends (`pishkhan_platform::kyc::normalize_form`).
//!
//! Input: UTF-8 text, one line for "today" (`YYYY/MM/DD`, Jalali; 1404/05/10 when it is not a
//! date of years 1300–1500) and then one line per field, in the form's order (full name, store
//! name, email, mobile, address, postal code, Sheba, birth date, national code).
//!
//! Properties, beyond not panicking:
//! - a check is consistent: valid exactly when it has a normalised value and a display value
//!   and no error; only an invalid value can be `incomplete`; every error is explained in
//!   English and Persian;
//! - Persian or Arabic digits give the same check as ASCII ones;
//! - checking a normalised value again accepts it unchanged (the form can be reloaded);
//! - a form the app accepts is accepted by the platform, unchanged: the app never queues a
//!   submission the platform will refuse (the app may be stricter, never laxer).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pishkhan_api::{KycField, KycForm};
use pishkhan_core::kyc::form::{check_field, check_form, FieldCheck};
use pishkhan_fuzz::ten_digits;
use pishkhan_iran::normalize::digits_to_ascii;
use pishkhan_iran::JalaliDate;

const FALLBACK_TODAY: JalaliDate = JalaliDate {
    year: 1404,
    month: 5,
    day: 10,
};

fn show(form: &KycForm) -> String {
    // KycForm's Debug is redacted by design; the fuzzer's report needs the values.
    serde_json::to_string(form).unwrap_or_default()
}

fn consistent(c: &FieldCheck, field: KycField, raw: &str) {
    assert_eq!(c.field, field);
    assert_eq!(c.ok, c.normalized.is_some(), "{field:?} {raw:?}");
    assert_eq!(c.ok, c.display.is_some(), "{field:?} {raw:?}");
    assert_eq!(c.ok, c.error.is_none(), "{field:?} {raw:?}");
    if c.ok {
        assert!(!c.incomplete);
    }
    if let Some(e) = &c.error {
        assert!(!e.code.is_empty() && e.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        assert!(!e.message.is_empty() && !e.message_fa.is_empty());
    }
    if let Some(w) = &c.warning {
        assert!(c.ok, "a warning on an invalid value");
        assert!(!w.message.is_empty() && !w.message_fa.is_empty());
    }
    let Some(n) = c.normalized.as_deref() else {
        return;
    };
    match field {
        KycField::NationalCode | KycField::PostalCode => assert!(ten_digits(n).is_some(), "{n:?}"),
        KycField::Mobile => {
            assert!(n.len() == 13 && n.starts_with("+989"), "{n:?}");
            assert!(n[1..].bytes().all(|b| b.is_ascii_digit()), "{n:?}");
        }
        KycField::Sheba => {
            assert!(n.len() == 26 && n.starts_with("IR"), "{n:?}");
            assert!(n[2..].bytes().all(|b| b.is_ascii_digit()), "{n:?}");
        }
        KycField::BirthDate => {
            let d = JalaliDate::parse(n).expect("a normalised birth date parses");
            assert_eq!(d.to_string(), n);
        }
        KycField::Email => assert_eq!(n.matches('@').count(), 1, "{n:?}"),
        KycField::FullName | KycField::StoreName | KycField::Address => {
            assert_eq!(n.trim(), n);
            assert!(!n.contains("  "), "{n:?}");
        }
    }
}

fn one_field(field: KycField, raw: &str, today: JalaliDate) {
    let c = check_field(field, raw, today);
    consistent(&c, field, raw);
    let ascii = digits_to_ascii(raw);
    assert_eq!(
        check_field(field, &ascii, today),
        c,
        "{field:?}: Persian digits change the check of {raw:?}"
    );
    if let Some(n) = c.normalized.as_deref() {
        let again = check_field(field, n, today);
        assert!(
            again.ok,
            "{field:?}: {raw:?} normalised to {n:?}, refused then"
        );
        assert_eq!(again.normalized, c.normalized, "{field:?}: {raw:?}");
        assert_eq!(again.display, c.display, "{field:?}: {raw:?}");
        assert_eq!(again.bank, c.bank);
        assert_eq!(again.operator, c.operator);
        assert_eq!(again.warning, c.warning);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.split('\n');
    let today = lines
        .next()
        .and_then(|l| JalaliDate::parse(l).ok())
        .filter(|d| (1300..=1500).contains(&d.year))
        .unwrap_or(FALLBACK_TODAY);
    let mut values: Vec<String> = lines
        .map(str::to_string)
        .take(KycField::ALL.len())
        .collect();
    values.resize(KycField::ALL.len(), String::new());
    let form = KycForm {
        full_name: values[0].clone(),
        store_name: values[1].clone(),
        email: values[2].clone(),
        mobile: values[3].clone(),
        address: values[4].clone(),
        postal_code: values[5].clone(),
        sheba: values[6].clone(),
        birth_date: values[7].clone(),
        national_code: values[8].clone(),
    };
    for field in KycField::ALL {
        one_field(field, field.value(&form), today);
    }

    let checked = check_form(&form, today);
    assert_eq!(checked.fields.len(), KycField::ALL.len());
    for (c, field) in checked.fields.iter().zip(KycField::ALL) {
        assert_eq!(*c, check_field(field, field.value(&form), today));
    }
    assert_eq!(checked.ok, checked.fields.iter().all(|c| c.ok));
    assert_eq!(checked.ok, checked.normalized.is_some());
    let Some(sent) = checked.normalized else {
        return;
    };
    let again = check_form(&sent, today);
    assert_eq!(again.normalized.as_ref(), Some(&sent), "{}", show(&sent));
    match pishkhan_platform::kyc::normalize_form(&sent, today) {
        Ok(taken) => assert_eq!(
            taken,
            sent,
            "the platform changes what the app sends: {} -> {}",
            show(&sent),
            show(&taken)
        ),
        Err(e) => panic!(
            "the app accepts a form the platform refuses ({}: {e}): {}",
            e.code(),
            show(&sent)
        ),
    }
});
