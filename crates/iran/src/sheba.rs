//! Sheba (شبا), the Iranian IBAN: `IR` + 24 digits, ISO 13616 mod-97 check.
//!
//! Why: settlements go to the merchant's Sheba; a wrong digit sends money nowhere or to someone
//! else, and showing the bank name lets the merchant spot a wrong account before saving it.
//! Rule (from the reference): move the first four characters to the end, replace `I = 18`,
//! `R = 27`, read as an integer; valid iff it is ≡ 1 (mod 97). The 26-digit number does not fit
//! in any machine integer, so the remainder is computed digit by digit. Characters 4..=6 of the
//! whole string are the bank code; an unknown code is only a warning (`bank: None`).

use serde::Serialize;

use crate::error::FieldError;
use crate::normalize::compact_field;

/// Number of digits after `IR`.
pub const DIGITS: usize = 24;

/// A bank (or credit institution) identified by the 3-digit code inside a Sheba.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bank {
    /// Three-digit code, e.g. `"054"`.
    pub code: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Persian name.
    pub name_fa: &'static str,
}

const fn bank(code: &'static str, name_en: &'static str, name_fa: &'static str) -> Bank {
    Bank {
        code,
        name_en,
        name_fa,
    }
}

/// Every bank code listed in the reference, in code order.
pub const BANKS: &[Bank] = &[
    bank("010", "Central Bank", "بانک مرکزی"),
    bank("011", "Sanat-o-Madan", "صنعت و معدن"),
    bank("012", "Mellat", "ملت"),
    bank("013", "Refah", "رفاه"),
    bank("014", "Maskan", "مسکن"),
    bank("015", "Sepah", "سپه"),
    bank("016", "Keshavarzi", "کشاورزی"),
    bank("017", "Melli", "ملی"),
    bank("018", "Tejarat", "تجارت"),
    bank("019", "Saderat", "صادرات"),
    bank("020", "Tosee-Saderat", "توسعه صادرات"),
    bank("021", "Post Bank", "پست بانک"),
    bank("022", "Tosee-Taavon", "توسعه تعاون"),
    bank("051", "Tosee credit institution", "مؤسسه اعتباری توسعه"),
    bank("052", "Ghavamin", "قوامین"),
    bank("053", "Karafarin", "کارآفرین"),
    bank("054", "Parsian", "پارسیان"),
    bank("055", "Eghtesad-Novin", "اقتصاد نوین"),
    bank("056", "Saman", "سامان"),
    bank("057", "Pasargad", "پاسارگاد"),
    bank("058", "Sarmayeh", "سرمایه"),
    bank("059", "Sina", "سینا"),
    bank("060", "Mehr-Iran", "مهر ایران"),
    bank("061", "Shahr", "شهر"),
    bank("062", "Ayandeh", "آینده"),
    bank("063", "Ansar", "انصار"),
    bank("064", "Gardeshgari", "گردشگری"),
    bank("065", "Hekmat-Iranian", "حکمت ایرانیان"),
    bank("066", "Dey", "دی"),
    bank("069", "Iran-Zamin", "ایران زمین"),
    bank("070", "Resalat", "رسالت"),
    bank("073", "Kosar", "کوثر"),
    bank("075", "Melal", "ملل"),
    bank("078", "Middle-East", "خاورمیانه"),
    bank("079", "Mehr-Eqtesad", "مهر اقتصاد"),
    bank("080", "Noor", "نور"),
    bank("095", "Iran-Venezuela", "ایران و ونزوئلا"),
];

/// Looks up a bank by its three-digit code.
pub fn bank_by_code(code: &str) -> Option<Bank> {
    BANKS.iter().copied().find(|b| b.code == code)
}

/// A validated Sheba.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sheba {
    /// `IR` followed by 24 ASCII digits.
    pub normalized: String,
    /// Characters 4..=6 of `normalized`, e.g. `"054"`.
    pub bank_code: String,
    /// The bank, or `None` for a code not in [`BANKS`] (warn, do not reject).
    pub bank: Option<Bank>,
}

/// Remainder mod 97 of the decimal number spelled by `digits` (ASCII digits only).
fn mod97(digits: impl IntoIterator<Item = u8>) -> u32 {
    digits
        .into_iter()
        .fold(0u32, |acc, d| (acc * 10 + u32::from(d - b'0')) % 97)
}

/// Remainder of the rearranged number: BBAN (22 digits), `I`=18, `R`=27, then check digits.
fn rearranged_mod97(check: &[u8], bban: &[u8]) -> u32 {
    mod97(
        bban.iter()
            .copied()
            .chain(*b"1827")
            .chain(check.iter().copied()),
    )
}

/// Validates a Sheba. Accepts an optional `IR`/`ir` prefix, spaces, dashes, ZWNJ and
/// Persian/Arabic digits.
pub fn validate(input: &str) -> Result<Sheba, FieldError> {
    let compact = compact_field(input);
    if compact.is_empty() {
        return Err(FieldError::Empty);
    }
    let bytes = compact.as_bytes();
    let digits =
        if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1].is_ascii_alphabetic() {
            if !bytes[..2].eq_ignore_ascii_case(b"IR") {
                return Err(FieldError::BadCountry);
            }
            &bytes[2..]
        } else {
            bytes
        };
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(FieldError::NotDigits);
    }
    if digits.len() != DIGITS {
        return Err(FieldError::WrongLength {
            expected: DIGITS,
            actual: digits.len(),
        });
    }
    if rearranged_mod97(&digits[..2], &digits[2..]) != 1 {
        return Err(FieldError::Checksum);
    }
    // All bytes are ASCII digits here, so the conversions cannot fail.
    let body: String = digits.iter().map(|&b| char::from(b)).collect();
    let bank_code = body[2..5].to_string();
    Ok(Sheba {
        normalized: format!("IR{body}"),
        bank: bank_by_code(&bank_code),
        bank_code,
    })
}

/// Builds a valid Sheba (deterministic; for demo data): `IR`, computed check digits, the
/// three-digit bank code, then `account mod 10^19` zero-padded to 19 digits.
///
/// `bank_code` may use Persian digits; only its digits are used, the last three of them,
/// left-padded with zeros (so `"54"` gives `054`).
pub fn generate(bank_code: &str, account: u64) -> String {
    let code_digits: Vec<char> = crate::normalize::digits_to_ascii(bank_code)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let tail = &code_digits[code_digits.len().saturating_sub(3)..];
    let bank: String = std::iter::repeat_n('0', 3 - tail.len())
        .chain(tail.iter().copied())
        .collect();
    let bban = format!("{bank}{:019}", account % 10_000_000_000_000_000_000);
    let check = 98 - rearranged_mod97(b"00", bban.as_bytes());
    format!("IR{check:02}{bban}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_valid() {
        let s = validate("IR820540102680020817909002").unwrap();
        assert_eq!(s.normalized, "IR820540102680020817909002");
        assert_eq!(s.bank_code, "054");
        assert_eq!(s.bank.unwrap().name_en, "Parsian");
        assert_eq!(s.bank.unwrap().name_fa, "پارسیان");

        let s = validate("IR550570022080013447370101").unwrap();
        assert_eq!(s.bank_code, "057");
        assert_eq!(s.bank.unwrap().name_en, "Pasargad");
        assert_eq!(s.bank.unwrap().name_fa, "پاسارگاد");
    }

    #[test]
    fn reference_invalid() {
        assert_eq!(
            validate("IR012345678901234567890123"),
            Err(FieldError::Checksum)
        );
    }

    #[test]
    fn accepted_forms() {
        let want = "IR820540102680020817909002";
        for input in [
            "IR820540102680020817909002",
            "ir820540102680020817909002",
            "iR820540102680020817909002",
            "820540102680020817909002",
            "IR82 0540 1026 8002 0817 9090 02",
            " IR82-0540-1026-8002-0817-9090-02 ",
            "IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲",
            "۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲",
            "IR٨٢٠٥٤٠١٠٢٦٨٠٠٢٠٨١٧٩٠٩٠٠٢",
        ] {
            assert_eq!(validate(input).unwrap().normalized, want, "{input}");
        }
    }

    #[test]
    fn rejections() {
        assert_eq!(validate(""), Err(FieldError::Empty));
        assert_eq!(validate(" - "), Err(FieldError::Empty));
        assert_eq!(
            validate("DE89370400440532013000"),
            Err(FieldError::BadCountry)
        );
        assert_eq!(
            validate("IR8205401026800208179090x2"),
            Err(FieldError::NotDigits)
        );
        assert_eq!(
            validate("IRR820540102680020817909002"),
            Err(FieldError::NotDigits)
        );
        assert_eq!(
            validate("I820540102680020817909002"),
            Err(FieldError::NotDigits)
        );
        assert_eq!(
            validate("IR82054010268002081790900"),
            Err(FieldError::WrongLength {
                expected: 24,
                actual: 23
            })
        );
        assert_eq!(
            validate("IR8205401026800208179090021").map_err(|e| e.code()),
            Err("wrong_length")
        );
        assert_eq!(validate("IR").map_err(|e| e.code()), Err("wrong_length"));
    }

    #[test]
    fn bank_table() {
        assert_eq!(BANKS.len(), 37);
        for w in BANKS.windows(2) {
            assert!(w[0].code < w[1].code);
        }
        assert_eq!(bank_by_code("010").unwrap().name_fa, "بانک مرکزی");
        assert_eq!(bank_by_code("095").unwrap().name_en, "Iran-Venezuela");
        assert_eq!(bank_by_code("051").unwrap().name_fa, "مؤسسه اعتباری توسعه");
        assert_eq!(bank_by_code("099"), None);
    }

    #[test]
    fn unknown_bank_is_not_an_error() {
        let g = generate("099", 12345);
        let s = validate(&g).unwrap();
        assert_eq!(s.bank_code, "099");
        assert_eq!(s.bank, None);
    }

    #[test]
    fn generate_pads_and_normalises_bank_code() {
        assert_eq!(validate(&generate("54", 1)).unwrap().bank_code, "054");
        assert_eq!(validate(&generate("۰۵۷", 1)).unwrap().bank_code, "057");
        assert_eq!(validate(&generate("", 1)).unwrap().bank_code, "000");
        assert_eq!(
            validate(&generate("1057", u64::MAX)).unwrap().bank_code,
            "057"
        );
    }

    #[test]
    fn generated_shebas_valid_and_every_one_digit_corruption_rejected() {
        let mut n = 0u32;
        for (i, b) in BANKS.iter().enumerate() {
            for k in 0..40u64 {
                let account = (i as u64 * 1000 + k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                let g = generate(b.code, account);
                assert_eq!(g.len(), 26);
                let s = validate(&g).unwrap();
                assert_eq!(s.normalized, g);
                assert_eq!(s.bank, Some(*b));
                let bytes = g.as_bytes();
                for pos in 2..26 {
                    for nd in b'0'..=b'9' {
                        if nd == bytes[pos] {
                            continue;
                        }
                        let mut c = bytes.to_vec();
                        c[pos] = nd;
                        let bad = String::from_utf8(c).unwrap();
                        assert_eq!(validate(&bad), Err(FieldError::Checksum), "{g} -> {bad}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 300_000);
    }
}
