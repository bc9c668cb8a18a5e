//! The email address rule, one for both sides: the app checks the identity-verification form
//! with it before sending, and the reference platform refuses by it. Two copies drifted once
//! (the app accepted `name@example.3om`, which the platform refused only after the upload).

/// The local part: printable ASCII without the characters addresses quote, at most 64, with no
/// dot at its ends or twice.
pub fn local_part_ok(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_graphic() && !"@<>()[]\\,;:\"".contains(c))
}

/// The domain: two or more ASCII labels (letters, digits, inner hyphens, at most 63 each)
/// ending in a top-level domain of two letters or more.
pub fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_the_platform_takes_and_refuses() {
        assert!(local_part_ok("ali.rezaei") && domain_ok("example.com"));
        assert!(!domain_ok("example.3om"));
        assert!(!domain_ok("gmail"));
        assert!(!domain_ok("-a.com"));
        assert!(!local_part_ok(".ali"));
        assert!(!local_part_ok("a..b"));
        assert!(!local_part_ok("a<b"));
    }
}
