//! Password hashing with Argon2id (the crate's default parameters) and the
//! password rules.
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 256;

/// Check the password rules; answers a problem code for the `password` field.
/// Passwords are never trimmed.
pub fn check(password: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err("too_short");
    }
    if n > MAX_LEN {
        return Err("too_long");
    }
    Ok(())
}

pub fn hash(password: &str) -> Result<String, crate::error::AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| crate::error::AppError::internal(format!("argon2: {e}")))
}

/// Verify; a missing hash still costs one verification so that an unknown
/// email answers as slowly as a wrong password.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("a-dummy-password-nobody-has").unwrap_or_default());
    let (candidate, real) = match stored {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    let ok = PasswordHash::new(candidate)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    ok && real
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let h = hash("長いパスワードです12345").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("長いパスワードです12345", Some(&h)));
        assert!(!verify("長いパスワードです1234", Some(&h)));
        assert!(!verify("anything", None));
    }

    #[test]
    fn short_passwords_are_refused_and_spaces_count() {
        assert_eq!(check("123456789"), Err("too_short"));
        assert_eq!(check("  12345678  "), Ok(()));
        assert_eq!(check(&"x".repeat(257)), Err("too_long"));
    }
}
