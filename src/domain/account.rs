//! Account input: email addresses, display names, free-text reasons.
use super::{push_error, FieldErrors};
use validator::ValidateEmail;

/// An email address, trimmed and lower-cased; never holds CR/LF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, &'static str> {
        if raw.chars().any(char::is_control) {
            return Err("invalid_email");
        }
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err("required");
        }
        if s.len() > 254 || !s.validate_email() {
            return Err("invalid_email");
        }
        Ok(Email(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A name shown to others: 1–50 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<DisplayName, &'static str> {
        if raw.chars().any(char::is_control) {
            return Err("invalid_characters");
        }
        let s = raw.trim();
        match s.chars().count() {
            0 => Err("required"),
            n if n > 50 => Err("too_long"),
            _ => Ok(DisplayName(s.to_string())),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Multi-line text such as a message or a reason: trimmed, at most `max`
/// characters, no control characters but newlines and tabs.
pub fn parse_text(raw: &str, max: usize, required: bool) -> Result<String, &'static str> {
    if raw
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err("invalid_characters");
    }
    let s = raw.trim().replace("\r\n", "\n");
    if s.is_empty() && required {
        return Err("required");
    }
    if s.chars().count() > max {
        return Err("too_long");
    }
    Ok(s)
}

/// The registration form, parsed.
#[derive(Debug, Clone)]
pub struct Registration {
    pub email: Email,
    pub display_name: DisplayName,
    pub password: String,
}

impl Registration {
    pub fn parse(
        email: &str,
        display_name: &str,
        password: &str,
    ) -> Result<Registration, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = Email::parse(email)
            .map_err(|p| push_error(&mut errors, "email", p))
            .ok();
        let name = DisplayName::parse(display_name)
            .map_err(|p| push_error(&mut errors, "display_name", p))
            .ok();
        if let Err(p) = crate::auth::password::check(password) {
            push_error(&mut errors, "password", p);
        }
        match (email, name) {
            (Some(email), Some(display_name)) if errors.is_empty() => Ok(Registration {
                email,
                display_name,
                password: password.to_string(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_header_injection_is_refused() {
        assert_eq!(
            Email::parse("  Hanako@Example.JP ").unwrap().as_str(),
            "hanako@example.jp"
        );
        assert_eq!(Email::parse("a@b.jp\r\nBcc: x@y.jp"), Err("invalid_email"));
        assert_eq!(Email::parse("not-an-email"), Err("invalid_email"));
        assert_eq!(Email::parse(""), Err("required"));
    }

    #[test]
    fn display_names_are_one_line_and_short() {
        assert_eq!(
            DisplayName::parse(" 山田 花子 ").unwrap().as_str(),
            "山田 花子"
        );
        assert_eq!(DisplayName::parse("花子\n"), Err("invalid_characters"));
        assert_eq!(DisplayName::parse(&"あ".repeat(51)), Err("too_long"));
    }

    #[test]
    fn a_registration_reports_every_bad_field() {
        let e = Registration::parse("x", "", "short").unwrap_err();
        assert_eq!(
            e.keys().collect::<Vec<_>>(),
            ["display_name", "email", "password"]
        );
    }

    #[test]
    fn text_keeps_newlines_and_counts_japanese_as_characters() {
        assert_eq!(
            parse_text(" 一行目\r\n二行目 ", 10, true).unwrap(),
            "一行目\n二行目"
        );
        assert_eq!(parse_text(&"あ".repeat(11), 10, true), Err("too_long"));
        assert_eq!(parse_text("  ", 10, true), Err("required"));
        assert_eq!(parse_text("a\u{0}b", 10, true), Err("invalid_characters"));
    }
}
