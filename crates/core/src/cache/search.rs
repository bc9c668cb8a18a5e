//! The search box's language: what gets indexed and how a typed query becomes an FTS5 match.
//!
//! Both sides go through `pishkhan_iran::normalize::for_search`, so Arabic `ي`/`ك` find Persian
//! `ی`/`ک`, Persian and Arabic digits find ASCII ones, and ZWNJ counts as a space. Every typed
//! word is a prefix, so results narrow as the merchant types. Tokens are split where SQLite's
//! `unicode61` tokenizer splits them (anything not a letter or digit), so the query and the
//! index agree about what a word is.

use pishkhan_iran::normalize::for_search;

/// The normalised words of `input`, as the index tokenises them.
pub fn words(input: &str) -> Vec<String> {
    for_search(input)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The FTS5 MATCH expression for what the merchant typed: every word, as a quoted prefix, must
/// match. `None` when nothing searchable was typed (only spaces or punctuation).
pub fn match_expression(input: &str) -> Option<String> {
    let words = words(input);
    if words.is_empty() {
        return None;
    }
    // Words hold only letters and digits, so quoting cannot be broken out of.
    Some(
        words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Collects the text a record is found by; `finish` normalises it for the index.
#[derive(Default)]
pub struct SearchText {
    parts: Vec<String>,
}

impl SearchText {
    pub fn add(&mut self, part: impl Into<String>) -> &mut Self {
        self.parts.push(part.into());
        self
    }

    pub fn add_opt(&mut self, part: Option<&String>) -> &mut Self {
        if let Some(p) = part {
            self.parts.push(p.clone());
        }
        self
    }

    /// A mobile number in every form merchants type it: `+989121234567`, `09121234567`,
    /// `9121234567`.
    pub fn add_mobile(&mut self, stored: Option<&String>) -> &mut Self {
        if let Some(m) = stored {
            self.parts.push(m.clone());
            if let Ok(mobile) = pishkhan_iran::mobile::normalize(m) {
                let national = mobile.display.replace(' ', "");
                self.parts
                    .push(national.trim_start_matches('0').to_string());
                self.parts.push(national);
            }
        }
        self
    }

    pub fn finish(&self) -> String {
        for_search(&self.parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_are_normalised_prefixes() {
        assert_eq!(match_expression("علي"), Some("\"علی\"*".into()));
        assert_eq!(match_expression("۰۹۱۲"), Some("\"0912\"*".into()));
        assert_eq!(
            match_expression("  كريمي\u{200C}نژاد ٣٤ "),
            Some("\"کریمی\"* \"نژاد\"* \"34\"*".into())
        );
        assert_eq!(
            match_expression("Ali.Rezaei@Gmail"),
            Some("\"ali\"* \"rezaei\"* \"gmail\"*".into())
        );
        // Quotes, stars and FTS5 operators typed by the merchant are just separators.
        assert_eq!(
            match_expression("\"a\" OR b*"),
            Some("\"a\"* \"or\"* \"b\"*".into())
        );
        assert_eq!(match_expression(" - . \u{200C} "), None);
    }

    #[test]
    fn mobile_is_indexed_in_every_typed_form() {
        let mut t = SearchText::default();
        t.add_mobile(Some(&"+989121234567".to_string()));
        let text = t.finish();
        for form in ["989121234567", "09121234567", "9121234567"] {
            assert!(words(&text).iter().any(|w| w == form), "{form} in {text}");
        }
    }
}
