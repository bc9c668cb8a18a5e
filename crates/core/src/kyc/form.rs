//! Checking the identity-verification form, one field at a time.
//!
//! This is the single source of truth for the form: the app's form calls [`check_field`] as the
//! merchant types and [`check_form`] before queueing a submission, and `pishkhan kyc validate`
//! prints the same results. The Iranian rules themselves (national code, Sheba, mobile, postal
//! code, Jalali dates) live in `pishkhan-iran`; this module adds the form's own rules (names,
//! email, address, age), the explanation of every refusal in English and Persian, and what can
//! be said while a value is still being typed: a Sheba's bank is known from its first five
//! digits, and a value that is merely too short yet is `incomplete`, not wrong.
//!
//! Results never leave this computer in logs: they carry the merchant's own values.

use chrono::{Datelike, Utc};
use pishkhan_api::{KycField, KycForm};
use pishkhan_iran::jalali::{self, JalaliDate};
use pishkhan_iran::normalize::{digits_to_ascii, persian_letters, ZWNJ};
use pishkhan_iran::{mobile, national_code, postal_code, sheba, FieldError};
use serde::Serialize;
use ts_rs::TS;

pub use pishkhan_api::kyc::limits::{
    ADDRESS_MAX, ADDRESS_MIN, EMAIL_MAX, FULL_NAME_MAX, FULL_NAME_MIN, MIN_AGE, STORE_NAME_MAX,
    STORE_NAME_MIN,
};

/// A sentence in both languages, with a stable code to branch on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Explained {
    pub code: String,
    pub message: String,
    pub message_fa: String,
}

impl Explained {
    fn new(code: &str, en: impl Into<String>, fa: impl Into<String>) -> Explained {
        Explained {
            code: code.to_string(),
            message: en.into(),
            message_fa: fa.into(),
        }
    }
}

/// A name in both languages (a bank, a mobile operator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    pub name_en: String,
    pub name_fa: String,
}

/// What can be said of one field's value.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldCheck {
    pub field: KycField,
    /// Valid: `normalized` is what will be sent.
    pub ok: bool,
    /// The value as it will be sent (ASCII digits, `+989…`, `IR…`, `YYYY/MM/DD`).
    pub normalized: Option<String>,
    /// The value as it is shown (`0912 345 6789`, a Sheba in groups of four).
    pub display: Option<String>,
    /// Why it is not valid.
    pub error: Option<Explained>,
    /// True when the value is only too short (or empty) so far: the form waits for the
    /// merchant to finish typing (or leave the field) before showing `error`.
    pub incomplete: bool,
    /// Worth a look but not wrong: an unknown bank code or mobile operator.
    pub warning: Option<Explained>,
    /// A Sheba's bank, known as soon as its first five digits are typed.
    pub bank: Option<Named>,
    /// A mobile's operator.
    pub operator: Option<Named>,
}

// Redacted by type: a `{:?}` names the field and the verdict, never the value.
impl std::fmt::Debug for FieldCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldCheck")
            .field("field", &self.field)
            .field("ok", &self.ok)
            .field("error", &self.error.as_ref().map(|e| e.code.as_str()))
            .field("incomplete", &self.incomplete)
            .finish_non_exhaustive()
    }
}

impl FieldCheck {
    fn valid(field: KycField, normalized: String) -> FieldCheck {
        FieldCheck {
            field,
            ok: true,
            display: Some(normalized.clone()),
            normalized: Some(normalized),
            error: None,
            incomplete: false,
            warning: None,
            bank: None,
            operator: None,
        }
    }

    fn invalid(field: KycField, error: Explained, incomplete: bool) -> FieldCheck {
        FieldCheck {
            field,
            ok: false,
            normalized: None,
            display: None,
            error: Some(error),
            incomplete,
            warning: None,
            bank: None,
            operator: None,
        }
    }
}

/// The whole form checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormCheck {
    /// Every field valid.
    pub ok: bool,
    /// One check per field, in the form's order.
    pub fields: Vec<FieldCheck>,
    /// The form as it will be sent, when `ok`.
    pub normalized: Option<KycForm>,
}

/// Today's date in Tehran, in the Jalali calendar (what "at least 18 years old" counts from).
pub fn tehran_today() -> JalaliDate {
    let now = crate::tehran::local(Utc::now());
    // Every date chrono produces converts; fall back to a date far in the past only to keep
    // this total (it would refuse every birth date, never accept a wrong one).
    JalaliDate::from_gregorian(now.year(), now.month() as u8, now.day() as u8).unwrap_or(
        JalaliDate {
            year: 1300,
            month: 1,
            day: 1,
        },
    )
}

/// Checks one field's value as typed. `today` is Tehran's date (see [`tehran_today`]).
pub fn check_field(field: KycField, raw: &str, today: JalaliDate) -> FieldCheck {
    match field {
        KycField::FullName => check_full_name(raw),
        KycField::StoreName => check_text(field, raw, STORE_NAME_MIN, STORE_NAME_MAX),
        KycField::Email => check_email(raw),
        KycField::Mobile => check_mobile(raw),
        KycField::Address => check_text(field, raw, ADDRESS_MIN, ADDRESS_MAX),
        KycField::PostalCode => check_digits_field(field, raw, postal_code::validate),
        KycField::Sheba => check_sheba(raw),
        KycField::BirthDate => check_birth_date(raw, today),
        KycField::NationalCode => check_digits_field(field, raw, national_code::validate),
    }
}

/// Checks every field of `form`.
pub fn check_form(form: &KycForm, today: JalaliDate) -> FormCheck {
    let fields: Vec<FieldCheck> = KycField::ALL
        .iter()
        .map(|&f| check_field(f, f.value(form), today))
        .collect();
    let ok = fields.iter().all(|f| f.ok);
    let normalized = ok.then(|| {
        let value = |field: KycField| {
            fields
                .iter()
                .find(|c| c.field == field)
                .and_then(|c| c.normalized.clone())
                .unwrap_or_default()
        };
        KycForm {
            full_name: value(KycField::FullName),
            store_name: value(KycField::StoreName),
            email: value(KycField::Email),
            mobile: value(KycField::Mobile),
            address: value(KycField::Address),
            postal_code: value(KycField::PostalCode),
            sheba: value(KycField::Sheba),
            birth_date: value(KycField::BirthDate),
            national_code: value(KycField::NationalCode),
        }
    });
    FormCheck {
        ok,
        fields,
        normalized,
    }
}

/// Persian letters, ASCII digits, one space between words, no space at the ends.
fn tidy_text(raw: &str) -> String {
    let text = persian_letters(&digits_to_ascii(raw));
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word = word.trim_matches(ZWNJ);
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn empty(field: KycField) -> FieldCheck {
    let (en, fa) = field_names(field);
    FieldCheck::invalid(
        field,
        Explained::new(
            "empty",
            format!("Enter your {en}"),
            format!("{fa} را وارد کنید"),
        ),
        true,
    )
}

fn check_text(field: KycField, raw: &str, min: usize, max: usize) -> FieldCheck {
    let text = tidy_text(raw);
    let len = text.chars().count();
    let (en, fa) = field_names(field);
    if len == 0 {
        return empty(field);
    }
    if len < min {
        return FieldCheck::invalid(
            field,
            Explained::new(
                "too_short",
                format!("The {en} is too short: write at least {min} characters"),
                format!("{fa} کوتاه است: دست‌کم {min} نویسه بنویسید"),
            ),
            true,
        );
    }
    if len > max {
        return FieldCheck::invalid(
            field,
            Explained::new(
                "too_long",
                format!("The {en} is too long: at most {max} characters"),
                format!("{fa} بلند است: حداکثر {max} نویسه"),
            ),
            false,
        );
    }
    if text.chars().any(char::is_control) {
        return FieldCheck::invalid(
            field,
            Explained::new(
                "invalid_characters",
                format!("The {en} contains characters that cannot be sent; retype it"),
                format!("{fa} نویسه‌هایی دارد که فرستادنی نیستند؛ دوباره بنویسید"),
            ),
            false,
        );
    }
    FieldCheck::valid(field, text)
}

fn check_full_name(raw: &str) -> FieldCheck {
    let field = KycField::FullName;
    let checked = check_text(field, raw, FULL_NAME_MIN, FULL_NAME_MAX);
    let Some(name) = checked.normalized.as_deref() else {
        return checked;
    };
    let allowed = |c: char| c.is_alphabetic() || c == ' ' || c == ZWNJ || "-'.".contains(c);
    // Letters, not only the marks between them (the platform refuses a name without letters).
    if !name.chars().all(allowed) || !name.chars().any(char::is_alphabetic) {
        return FieldCheck::invalid(
            field,
            Explained::new(
                "invalid_characters",
                "A name has letters only: no digits or symbols",
                "نام فقط از حروف تشکیل می‌شود: بدون رقم یا نماد",
            ),
            false,
        );
    }
    if name.split(' ').count() < 2 {
        return FieldCheck::invalid(
            field,
            Explained::new(
                "first_and_last_name",
                "Write your first and last name, as on your national ID card",
                "نام و نام خانوادگی را همان‌گونه که روی کارت ملی آمده بنویسید",
            ),
            true,
        );
    }
    checked
}

fn check_email(raw: &str) -> FieldCheck {
    let field = KycField::Email;
    let email = digits_to_ascii(raw.trim());
    if email.is_empty() {
        return empty(field);
    }
    let bad = |incomplete| {
        FieldCheck::invalid(
            field,
            Explained::new(
                "invalid_email",
                "This is not an email address: write it like name@example.com",
                "این نشانی ایمیل نیست: آن را به شکل name@example.com بنویسید",
            ),
            incomplete,
        )
    };
    if email.len() > EMAIL_MAX || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad(false);
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return bad(true);
    };
    // The platform's rule (`pishkhan_iran::email`, which it refuses by), so that an address
    // accepted here is never refused there.
    if !pishkhan_iran::email::local_part_ok(local) {
        return bad(false);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let last = labels.last().copied().unwrap_or_default();
    let domain_ok = pishkhan_iran::email::domain_ok(domain);
    if !domain_ok {
        // `name@gmail`, `name@gmail.` and `name@gmail.c` may still become `name@gmail.com`.
        let typing = !domain.contains("..") && !domain.ends_with('-');
        let tld_unfinished =
            labels.len() >= 2 && last.len() < 2 && last.chars().all(|c| c.is_ascii_alphabetic());
        return bad(typing && (!domain.contains('.') || tld_unfinished) || domain.ends_with('.'));
    }
    FieldCheck::valid(field, format!("{local}@{}", domain.to_ascii_lowercase()))
}

fn check_mobile(raw: &str) -> FieldCheck {
    let field = KycField::Mobile;
    match mobile::normalize(raw) {
        Ok(m) => {
            let mut c = FieldCheck::valid(field, m.e164.clone());
            c.display = Some(m.display.clone());
            match m.operator {
                Some(op) => {
                    c.operator = Some(Named {
                        name_en: op.name_en().into(),
                        name_fa: op.name_fa().into(),
                    })
                }
                None => {
                    c.warning = Some(Explained::new(
                        "unknown_operator",
                        "No Iranian operator is known to use this prefix; check the number",
                        "اپراتوری با این پیش‌شماره شناخته نیست؛ شماره را بررسی کنید",
                    ))
                }
            }
            c
        }
        Err(e) => explain(field, &e),
    }
}

fn check_sheba(raw: &str) -> FieldCheck {
    let field = KycField::Sheba;
    match sheba::validate(raw) {
        Ok(s) => {
            let mut c = FieldCheck::valid(field, s.normalized.clone());
            c.display = Some(group_by_four(&s.normalized));
            match s.bank {
                Some(b) => c.bank = Some(bank_name(b)),
                None => {
                    c.warning = Some(Explained::new(
                        "unknown_bank",
                        "This Sheba's bank code is not one we know; check it with your bank",
                        "کد بانک این شبا شناخته نیست؛ آن را با بانک خود بررسی کنید",
                    ))
                }
            }
            c
        }
        Err(e) => {
            let mut c = explain(field, &e);
            c.bank = bank_so_far(raw).map(bank_name);
            c
        }
    }
}

/// The bank named by a Sheba still being typed: its digits 3..5 after `IR`.
fn bank_so_far(raw: &str) -> Option<sheba::Bank> {
    let compact = pishkhan_iran::normalize::compact_field(raw);
    let digits = compact
        .strip_prefix("IR")
        .or_else(|| compact.strip_prefix("ir"))
        .or_else(|| compact.strip_prefix("Ir"))
        .or_else(|| compact.strip_prefix("iR"))
        .unwrap_or(&compact);
    let code = digits.get(2..5)?;
    code.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| sheba::bank_by_code(code))
        .flatten()
}

fn bank_name(b: sheba::Bank) -> Named {
    Named {
        name_en: b.name_en.into(),
        name_fa: b.name_fa.into(),
    }
}

fn group_by_four(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_birth_date(raw: &str, today: JalaliDate) -> FieldCheck {
    let field = KycField::BirthDate;
    let date = match JalaliDate::parse(raw) {
        Ok(d) => d,
        Err(e) => return explain(field, &e),
    };
    if date.year < today.year - 120 {
        return FieldCheck::invalid(
            field,
            Explained::new(
                "invalid_date",
                "This birth date is more than 120 years ago; check the year",
                "این تاریخ تولد بیش از ۱۲۰ سال پیش است؛ سال را بررسی کنید",
            ),
            false,
        );
    }
    if let Err(e) = jalali::require_min_age(date, today, MIN_AGE) {
        return explain(field, &e);
    }
    FieldCheck::valid(field, date.to_string())
}

fn check_digits_field(
    field: KycField,
    raw: &str,
    validate: fn(&str) -> Result<String, FieldError>,
) -> FieldCheck {
    match validate(raw) {
        Ok(v) => FieldCheck::valid(field, v),
        Err(e) => explain(field, &e),
    }
}

/// English and Persian names of a field, as used inside sentences.
pub fn field_names(field: KycField) -> (&'static str, &'static str) {
    match field {
        KycField::FullName => ("full name", "نام و نام خانوادگی"),
        KycField::StoreName => ("store name", "نام فروشگاه"),
        KycField::Email => ("email", "ایمیل"),
        KycField::Mobile => ("mobile number", "شمارهٔ همراه"),
        KycField::Address => ("address", "نشانی"),
        KycField::PostalCode => ("postal code", "کد پستی"),
        KycField::Sheba => ("Sheba number", "شمارهٔ شبا"),
        KycField::BirthDate => ("date of birth", "تاریخ تولد"),
        KycField::NationalCode => ("national code", "کد ملی"),
    }
}

/// Explains a refusal by `pishkhan-iran` for this field.
fn explain(field: KycField, e: &FieldError) -> FieldCheck {
    if *e == FieldError::Empty {
        return empty(field);
    }
    let (en, fa) = field_names(field);
    let incomplete = matches!(e, FieldError::WrongLength { expected, actual } if actual < expected);
    let (en_text, fa_text) = match (field, e) {
        (_, FieldError::WrongLength { expected, .. }) => (
            format!("The {en} has {expected} digits; check that none is missing or extra"),
            format!("{fa} {} رقم است؛ ببینید رقمی جا نیفتاده یا اضافه نشده باشد", fa_digits(*expected)),
        ),
        (KycField::Sheba, FieldError::NotDigits) => (
            "A Sheba is IR followed by 24 digits".to_string(),
            "شبا از IR و ۲۴ رقم تشکیل می‌شود".to_string(),
        ),
        (_, FieldError::NotDigits) => (
            format!("The {en} is made of digits only"),
            format!("{fa} فقط از رقم تشکیل می‌شود"),
        ),
        (KycField::NationalCode, FieldError::Checksum) => (
            "This national code is not valid: its check digit does not match. Copy the 10 digits from your card again".to_string(),
            "این کد ملی معتبر نیست: رقم کنترل آن نمی‌خواند. ۱۰ رقم را دوباره از روی کارت بنویسید".to_string(),
        ),
        (KycField::Sheba, FieldError::Checksum) => (
            "This Sheba number is not valid: its check digits do not match. Copy it again from your bank card or statement".to_string(),
            "این شمارهٔ شبا معتبر نیست: رقم‌های کنترل آن نمی‌خوانند. آن را دوباره از کارت یا صورت‌حساب بانکی بنویسید".to_string(),
        ),
        (_, FieldError::Checksum) => (
            format!("The {en} is not valid: its check digit does not match"),
            format!("{fa} معتبر نیست: رقم کنترل آن نمی‌خواند"),
        ),
        (_, FieldError::RepeatedDigits) => (
            format!("The {en} cannot be one digit repeated"),
            format!("{fa} نمی‌تواند یک رقم تکراری باشد"),
        ),
        (KycField::NationalCode, FieldError::InvalidPattern { .. }) => (
            "This national code is not valid: digits 4 to 9 cannot all be zero".to_string(),
            "این کد ملی معتبر نیست: رقم‌های چهارم تا نهم نمی‌توانند همه صفر باشند".to_string(),
        ),
        (KycField::PostalCode, FieldError::InvalidPattern { .. }) => (
            "This is not an Iranian postal code: check the 10 digits on your bill or at the post office".to_string(),
            "این کد پستی ایران نیست: ۱۰ رقم را از روی قبض یا اداره پست بررسی کنید".to_string(),
        ),
        (_, FieldError::InvalidPattern { reason }) => (
            format!("The {en} is not valid: {reason}"),
            format!("{fa} معتبر نیست"),
        ),
        (KycField::Mobile, FieldError::BadPrefix) => (
            "An Iranian mobile number starts with 09 (or +989)".to_string(),
            "شمارهٔ همراه ایران با ۰۹ (یا ‎+989) آغاز می‌شود".to_string(),
        ),
        (_, FieldError::BadPrefix) => (
            format!("The {en} does not start as it should"),
            format!("آغاز {fa} درست نیست"),
        ),
        (_, FieldError::BadCountry) => (
            "Only Iranian Sheba numbers, starting with IR, are accepted".to_string(),
            "فقط شمارهٔ شبای ایران که با IR آغاز می‌شود پذیرفته است".to_string(),
        ),
        (_, FieldError::InvalidDate) => (
            "This is not a date of the Jalali calendar: write it as year/month/day, e.g. 1370/05/12".to_string(),
            "این تاریخ در تقویم خورشیدی نیست: آن را به شکل سال/ماه/روز بنویسید، مانند ۱۳۷۰/۰۵/۱۲".to_string(),
        ),
        (_, FieldError::TooYoung { min_years }) => (
            format!("The store's owner must be at least {min_years} years old"),
            format!("مالک فروشگاه باید دست‌کم {} سال داشته باشد", fa_digits(*min_years as usize)),
        ),
        (_, FieldError::Empty) => (format!("Enter your {en}"), format!("{fa} را وارد کنید")),
    };
    FieldCheck::invalid(
        field,
        Explained::new(e.code(), en_text, fa_text),
        incomplete,
    )
}

fn fa_digits(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1405, 9, 4).unwrap()
    }

    fn check(field: KycField, raw: &str) -> FieldCheck {
        check_field(field, raw, today())
    }

    #[test]
    fn persian_digits_are_normalised_in_every_numeric_field() {
        assert_eq!(
            check(KycField::NationalCode, "۰۴۹۹۳۷۰۸۹۹")
                .normalized
                .as_deref(),
            Some("0499370899")
        );
        assert_eq!(
            check(KycField::PostalCode, "۳۳۵۴۳-۵۵۵۹۹")
                .normalized
                .as_deref(),
            Some("3354355599")
        );
        let m = check(KycField::Mobile, "۰۹۱۲ ۳۴۵ ۶۷۸۹");
        assert_eq!(m.normalized.as_deref(), Some("+989123456789"));
        assert_eq!(m.display.as_deref(), Some("0912 345 6789"));
        assert!(m.operator.is_some());
        assert_eq!(
            check(KycField::BirthDate, "۱۳۷۰/۵/۱۲")
                .normalized
                .as_deref(),
            Some("1370/05/12")
        );
    }

    #[test]
    fn a_sheba_names_its_bank_while_it_is_typed() {
        let partial = check(KycField::Sheba, "IR82054");
        assert!(!partial.ok && partial.incomplete);
        assert_eq!(partial.bank.unwrap().name_en, "Parsian");
        let full = check(KycField::Sheba, "ir82 0540 1026 8002 0817 9090 02");
        assert!(full.ok);
        assert_eq!(
            full.normalized.as_deref(),
            Some("IR820540102680020817909002")
        );
        assert_eq!(
            full.display.as_deref(),
            Some("IR82 0540 1026 8002 0817 9090 02")
        );
        let wrong = check(KycField::Sheba, "IR012345678901234567890123");
        assert_eq!(wrong.error.unwrap().code, "checksum");
        assert!(!wrong.incomplete);
    }

    #[test]
    fn refusals_are_explained_in_both_languages() {
        for (field, raw, code) in [
            (KycField::NationalCode, "1234567890", "checksum"),
            (KycField::NationalCode, "1111111111", "repeated_digits"),
            (KycField::NationalCode, "0010000000", "invalid_pattern"),
            (KycField::PostalCode, "1111111111", "repeated_digits"),
            (KycField::PostalCode, "1023456789", "invalid_pattern"),
            (KycField::Mobile, "08123456789", "bad_prefix"),
            (KycField::BirthDate, "1404/12/30", "invalid_date"),
            (KycField::BirthDate, "1390/01/01", "too_young"),
            (KycField::FullName, "Ali", "first_and_last_name"),
            (KycField::FullName, "Ali 2pac", "invalid_characters"),
            (KycField::Email, "a@b", "invalid_email"),
            (KycField::Address, "x", "too_short"),
        ] {
            let c = check(field, raw);
            assert!(!c.ok, "{raw} should be refused");
            let e = c.error.unwrap();
            assert_eq!(e.code, code, "{raw}");
            assert!(!e.message.is_empty() && !e.message_fa.is_empty());
            assert!(e
                .message_fa
                .chars()
                .any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)));
        }
    }

    #[test]
    fn an_owner_turning_18_today_is_old_enough() {
        assert!(check(KycField::BirthDate, "1387/09/04").ok);
        assert!(!check(KycField::BirthDate, "1387/09/05").ok);
        // 1370 and 1375 are leap years, 1371 is not: only the first two have an Esfand 30.
        assert!(check(KycField::BirthDate, "1370/12/30").ok);
        assert_eq!(
            check(KycField::BirthDate, "1371/12/30").error.unwrap().code,
            "invalid_date"
        );
        assert!(check(KycField::BirthDate, "1375/12/30").ok);
    }

    #[test]
    fn names_use_persian_letters_and_single_spaces() {
        let c = check(KycField::FullName, "  علي   كريمی ");
        assert_eq!(c.normalized.as_deref(), Some("علی کریمی"));
    }

    #[test]
    fn a_whole_form_is_normalised_when_every_field_is_valid() {
        let form = KycForm {
            full_name: "مریم احمدی".into(),
            store_name: "گل‌فروشی مریم".into(),
            email: "Maryam@Example.COM".into(),
            mobile: "09121234567".into(),
            address: "تهران، خیابان ولیعصر، پلاک ۱۲".into(),
            postal_code: "3354355599".into(),
            sheba: "IR550570022080013447370101".into(),
            birth_date: "1365/01/15".into(),
            national_code: "0790419904".into(),
        };
        let checked = check_form(&form, today());
        assert!(
            checked.ok,
            "{:?}",
            checked.fields.iter().filter(|f| !f.ok).collect::<Vec<_>>()
        );
        let n = checked.normalized.unwrap();
        assert_eq!(n.email, "Maryam@example.com");
        assert_eq!(n.mobile, "+989121234567");
        assert_eq!(n.address, "تهران، خیابان ولیعصر، پلاک 12");
        let mut bad = form;
        bad.national_code = "0684159415".into();
        let checked = check_form(&bad, today());
        assert!(!checked.ok && checked.normalized.is_none());
        assert_eq!(checked.fields.iter().filter(|f| !f.ok).count(), 1);
    }

    /// Found by the `kyc_form` fuzz target (fuzz/): the app accepted forms the platform
    /// refuses — an email whose top-level domain has a digit (`ali.rezaei@example.3om`), and
    /// others of the same kind, or a name of marks without a letter — so the submission failed
    /// only once it reached the platform. What the app accepts, the platform takes unchanged.
    #[test]
    fn the_platform_takes_what_the_app_accepts() {
        let form = KycForm {
            full_name: "علی رضایی".into(),
            store_name: "فروشگاه نمونه".into(),
            email: "Ali.Rezaei@Example.COM".into(),
            mobile: "۰۹۱۲۳۴۵۶۷۸۹".into(),
            address: "تهران، خیابان آزادی، پلاک ۱۲".into(),
            postal_code: "1193653471".into(),
            sheba: "IR820540102680020817909002".into(),
            birth_date: "1370/05/12".into(),
            national_code: "0499370899".into(),
        };
        let sent = check_form(&form, today()).normalized.unwrap();
        assert_eq!(sent.email, "Ali.Rezaei@example.com");
        assert_eq!(
            pishkhan_platform::kyc::normalize_form(&sent, today()).ok(),
            Some(sent)
        );
        for (field, raw) in [
            (KycField::Email, "ali.rezaei@example.3om"),
            (KycField::Email, "ali@example.c0"),
            (KycField::Email, "ali@example.c"),
            (KycField::Email, "علی@example.com"),
            (KycField::Email, "ali@مثال.ایران"),
            (KycField::Email, "ali..rezaei@example.com"),
            (KycField::Email, ".ali@example.com"),
            (KycField::Email, "ali(x)@example.com"),
            (KycField::Email, "ali@EXAMPLE.İR"),
            (KycField::Email, &format!("ali@{}.com", "a".repeat(64))),
            (KycField::FullName, "- ."),
        ] {
            assert!(!check(field, raw).ok, "{raw} should be refused");
            let mut with = form.clone();
            match field {
                KycField::Email => with.email = raw.to_string(),
                _ => with.full_name = raw.to_string(),
            }
            assert!(pishkhan_platform::kyc::normalize_form(&with, today()).is_err());
        }
        // Still being typed: not wrong yet.
        for raw in ["ali@gmail", "ali@gmail.", "ali@gmail.c"] {
            let c = check(KycField::Email, raw);
            assert!(!c.ok && c.incomplete, "{raw}");
        }
        assert!(!check(KycField::Email, "ali@gmail.c0").incomplete);
    }
}
