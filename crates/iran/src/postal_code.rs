//! Iranian postal code (کد پستی): exactly 10 digits, checked with the community rule.
//!
//! Why: addresses feed shipping and KYC; Iran Post has no public check digit, so we use the rule
//! most Iranian forms use (from the reference): the first four digits contain no 0 or 2, the
//! fifth digit is one of 1, 3, 4, 6, 7, 8, 9, the last five digits contain no 2, and the first
//! four digits are not all the same. It catches common typos and fake values such as
//! `1111111111`, but cannot prove a code exists.

use crate::error::FieldError;
use crate::normalize::compact_field;

/// Number of digits in a postal code.
pub const LEN: usize = 10;

const FIRST_FOUR: [u8; 8] = [1, 3, 4, 5, 6, 7, 8, 9];
const FIFTH: [u8; 7] = [1, 3, 4, 6, 7, 8, 9];
const LAST_FIVE: [u8; 9] = [0, 1, 3, 4, 5, 6, 7, 8, 9];

/// Validates a postal code; accepts Persian/Arabic digits, spaces and dashes.
/// Returns the 10 ASCII digits.
pub fn validate(input: &str) -> Result<String, FieldError> {
    let code = compact_field(input);
    if code.is_empty() {
        return Err(FieldError::Empty);
    }
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::NotDigits);
    }
    if code.len() != LEN {
        return Err(FieldError::WrongLength {
            expected: LEN,
            actual: code.len(),
        });
    }
    let d: Vec<u8> = code.bytes().map(|b| b - b'0').collect();
    if d[..4].iter().all(|&x| x == d[0]) {
        return Err(FieldError::RepeatedDigits);
    }
    if d[..4].iter().any(|&x| x == 0 || x == 2) {
        return Err(FieldError::InvalidPattern {
            reason: "the first four digits of a postal code cannot contain 0 or 2",
        });
    }
    if !FIFTH.contains(&d[4]) {
        return Err(FieldError::InvalidPattern {
            reason: "the fifth digit of a postal code must be 1, 3, 4, 6, 7, 8 or 9",
        });
    }
    if d[5..].contains(&2) {
        return Err(FieldError::InvalidPattern {
            reason: "the last five digits of a postal code cannot contain 2",
        });
    }
    Ok(code)
}

/// Builds a valid postal code from a number (deterministic; for demo data). Distinct `n` below
/// `8^4 · 7 · 9^5` give distinct codes, except where the first four digits would all be the
/// same: then the fourth digit is moved to the next allowed value.
pub fn generate(n: u64) -> String {
    let mut v = n;
    let mut take = |radix: usize| -> usize {
        let r = (v % radix as u64) as usize;
        v /= radix as u64;
        r
    };
    let mut d = [0u8; LEN];
    for slot in d.iter_mut().skip(5).rev() {
        *slot = LAST_FIVE[take(LAST_FIVE.len())];
    }
    d[4] = FIFTH[take(FIFTH.len())];
    let mut idx = [0usize; 4];
    for i in idx.iter_mut().rev() {
        *i = take(FIRST_FOUR.len());
    }
    if idx.iter().all(|&i| i == idx[0]) {
        idx[3] = (idx[3] + 1) % FIRST_FOUR.len();
    }
    for (slot, i) in d.iter_mut().zip(idx) {
        *slot = FIRST_FOUR[i];
    }
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vectors() {
        assert_eq!(validate("3354355599").as_deref(), Ok("3354355599"));
        assert_eq!(validate("1111111111"), Err(FieldError::RepeatedDigits));
    }

    #[test]
    fn normalises_input() {
        assert_eq!(validate("۳۳۵۴۳-۵۵۵۹۹").as_deref(), Ok("3354355599"));
        assert_eq!(validate(" ٣٣٥٤٣ ٥٥٥٩٩ ").as_deref(), Ok("3354355599"));
        assert_eq!(validate(""), Err(FieldError::Empty));
        assert_eq!(validate("33543a5599"), Err(FieldError::NotDigits));
        assert_eq!(
            validate("335435559"),
            Err(FieldError::WrongLength {
                expected: 10,
                actual: 9
            })
        );
    }

    #[test]
    fn each_rule() {
        let bad = |s: &str| validate(s).map_err(|e| e.code());
        // 0 or 2 in the first four places.
        assert_eq!(bad("0354355599"), Err("invalid_pattern"));
        assert_eq!(bad("3254355599"), Err("invalid_pattern"));
        assert_eq!(bad("3350355599"), Err("invalid_pattern"));
        assert_eq!(bad("3352355599"), Err("invalid_pattern"));
        // Fifth digit not in 1,3,4,6,7,8,9.
        for fifth in ['0', '2', '5'] {
            assert_eq!(bad(&format!("3354{fifth}55599")), Err("invalid_pattern"));
        }
        for fifth in ['1', '3', '4', '6', '7', '8', '9'] {
            assert!(validate(&format!("3354{fifth}55599")).is_ok());
        }
        // A 2 in the last five places; zeros are fine there.
        for pos in 5..10 {
            let mut s: Vec<u8> = b"3354355599".to_vec();
            s[pos] = b'2';
            assert_eq!(
                bad(std::str::from_utf8(&s).unwrap()),
                Err("invalid_pattern")
            );
            s[pos] = b'0';
            assert!(validate(std::str::from_utf8(&s).unwrap()).is_ok());
        }
        // First four digits all the same.
        assert_eq!(bad("3333455599"), Err("repeated_digits"));
        assert_eq!(bad("9999999999"), Err("repeated_digits"));
        assert!(validate("3334455599").is_ok());
    }

    #[test]
    fn generated_codes_are_valid() {
        let total: u64 = 8u64.pow(4) * 7 * 9u64.pow(5);
        let mut seen = std::collections::HashSet::new();
        for i in 0..50_000u64 {
            let c = generate(i);
            assert_eq!(validate(&c).as_deref(), Ok(c.as_str()), "{i}");
            seen.insert(c);
        }
        assert!(seen.len() > 49_000);
        for n in [total - 1, total, u64::MAX, 0x1234_5678_9ABC_DEF0] {
            assert!(validate(&generate(n)).is_ok());
        }
    }
}
