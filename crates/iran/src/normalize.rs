//! Normalisation of Persian/Arabic text before validation, storage and search.
//!
//! Why: Iranian users type with Persian keyboards (digits U+06F0–U+06F9), Arabic keyboards
//! (digits U+0660–U+0669, letters `ي` `ى` `ك`) or Latin ones, and paste values with spaces,
//! dashes and ZWNJ. The same name or number must compare equal whichever way it was typed, so
//! every validator starts here.

/// Zero-width non-joiner, used inside Persian words (e.g. `می‌خواهم`).
pub const ZWNJ: char = '\u{200C}';

/// Maps a Persian or Arabic-Indic digit to its ASCII digit, other characters unchanged.
fn digit_to_ascii(c: char) -> char {
    match c {
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => c,
    }
}

/// Maps Arabic letter variants to their Persian forms, other characters unchanged.
fn letter_to_persian(c: char) -> char {
    match c {
        '\u{064A}' | '\u{0649}' => '\u{06CC}', // ي ى → ی
        '\u{0643}' => '\u{06A9}',              // ك → ک
        _ => c,
    }
}

/// True for the dash-like characters users paste between digit groups.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}'
    )
}

/// Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits → ASCII `0`–`9`.
pub fn digits_to_ascii(input: &str) -> String {
    input.chars().map(digit_to_ascii).collect()
}

/// Arabic `ي` (U+064A) and `ى` (U+0649) → Persian `ی` (U+06CC); Arabic `ك` (U+0643) → `ک` (U+06A9).
pub fn persian_letters(input: &str) -> String {
    input.chars().map(letter_to_persian).collect()
}

/// Arabic short vowels and marks (harakat, tanwin, shadda, sukun, superscript alef) and the
/// tatweel: typed by some, never by others, so search ignores them.
fn is_ignorable_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Letter variants that spell the same word for a Persian reader: `ة` `ۀ` → `ه`,
/// `أ` `إ` `ٱ` → `ا`, `ؤ` → `و`.
fn letter_for_search(c: char) -> char {
    match letter_to_persian(c) {
        '\u{0629}' | '\u{06C0}' => '\u{0647}',
        '\u{0623}' | '\u{0625}' | '\u{0671}' => '\u{0627}',
        '\u{0624}' => '\u{0648}',
        other => other,
    }
}

/// Key for search and comparison: digits to ASCII, Arabic letters to Persian (and the variants
/// of `letter_for_search`), harakat and tatweel dropped, ZWNJ and every run of whitespace to a
/// single ASCII space, letters lowercased, trimmed.
pub fn for_search(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars() {
        if is_ignorable_mark(c) {
            continue;
        }
        if c == ZWNJ || c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.extend(letter_for_search(digit_to_ascii(c)).to_lowercase());
    }
    out
}

/// Compact form of a numeric field: digits to ASCII; whitespace, dashes and ZWNJ removed.
/// Other characters are kept so that validators can report them.
pub fn compact_field(input: &str) -> String {
    input
        .chars()
        .filter(|&c| !(c == ZWNJ || c.is_whitespace() || is_dash(c)))
        .map(digit_to_ascii)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        assert_eq!(digits_to_ascii("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(digits_to_ascii("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(digits_to_ascii("a۱b٢c3"), "a1b2c3");
        assert_eq!(digits_to_ascii(""), "");
    }

    #[test]
    fn letters() {
        assert_eq!(persian_letters("علي"), "علی");
        assert_eq!(persian_letters("مصطفى"), "مصطفی");
        assert_eq!(persian_letters("كريم"), "کریم");
        assert_eq!(
            persian_letters("\u{064A}\u{0649}\u{0643}"),
            "\u{06CC}\u{06CC}\u{06A9}"
        );
        assert_eq!(persian_letters("abc ۱"), "abc ۱");
    }

    #[test]
    fn search_key() {
        assert_eq!(for_search("  می\u{200C}خواهم  "), "می خواهم");
        assert_eq!(for_search("علي   كريمي\t\nABC ۱۲"), "علی کریمی abc 12");
        assert_eq!(for_search("a \u{200C} b"), "a b");
        assert_eq!(for_search("\u{200C}"), "");
        assert_eq!(for_search("می\u{200C}خواهم"), for_search("می خواهم"));
        // Harakat, tatweel and letter variants.
        assert_eq!(for_search("مُحَمَّد"), "محمد");
        assert_eq!(for_search("مـحـمد"), "محمد");
        assert_eq!(for_search("خانۀ فاطمة"), "خانه فاطمه");
        assert_eq!(for_search("أحمد إبراهيم"), "احمد ابراهیم");
        assert_eq!(for_search("MÜLLER"), "müller");
    }

    #[test]
    fn compact() {
        assert_eq!(compact_field(" ۰۹۱۲-۳۴۵ ۶۷۸۹ "), "09123456789");
        assert_eq!(
            compact_field("IR82 0540\u{200C}1026–8002"),
            "IR82054010268002"
        );
        assert_eq!(compact_field("12a3"), "12a3");
    }
}
