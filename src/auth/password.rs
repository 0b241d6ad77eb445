//! Password hashing with Argon2id (the crate's default parameters) and the
//! password rules: 10 to 256 characters, never trimmed, and not one of the
//! most common passwords. `common-passwords.txt` holds every entry of at
//! least 10 characters of SecLists' "10 million password list, top 1M"
//! (MIT licence), lower-cased, sorted, one per line (112,130 entries).
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
    if is_common(password) {
        return Err("too_common");
    }
    Ok(())
}

static COMMON: &str = include_str!("common-passwords.txt");

/// Whether a password (compared without case) is on the common list.
pub fn is_common(password: &str) -> bool {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    let list = LIST.get_or_init(|| COMMON.lines().collect());
    let wanted = password.to_lowercase();
    list.binary_search_by(|p| p.as_bytes().cmp(wanted.as_bytes()))
        .is_ok()
}

/// Argon2id costs tens of milliseconds of CPU and 19 MiB; it runs on the
/// blocking pool, so a sign-in does not stall the requests sharing its worker
/// thread (the server has one per core).
async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, crate::error::AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| crate::error::AppError::internal(format!("argon2 task: {e}")))
}

/// Hash a new password (off the request threads).
pub async fn hash(password: &str) -> Result<String, crate::error::AppError> {
    let password = password.to_owned();
    off_the_workers(move || hash_now(&password)).await?
}

/// Verify a password (off the request threads); see [`verify_now`].
pub async fn verify(password: &str, stored: Option<&str>) -> bool {
    let (password, stored) = (password.to_owned(), stored.map(str::to_owned));
    off_the_workers(move || verify_now(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
}

/// Hash on the calling thread (the demo generator, tests).
pub fn hash_now(password: &str) -> Result<String, crate::error::AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| crate::error::AppError::internal(format!("argon2: {e}")))
}

/// Verify; a missing hash still costs one verification so that an unknown
/// email answers as slowly as a wrong password.
pub fn verify_now(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_now("a-dummy-password-nobody-has").unwrap_or_default());
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
        let h = hash_now("長いパスワードです12345").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_now("長いパスワードです12345", Some(&h)));
        assert!(!verify_now("長いパスワードです1234", Some(&h)));
        assert!(!verify_now("anything", None));
    }

    #[test]
    fn short_passwords_are_refused_and_spaces_count() {
        assert_eq!(check("123456789"), Err("too_short"));
        assert_eq!(check("  12345678  "), Ok(()));
        assert_eq!(check(&"x".repeat(257)), Err("too_long"));
    }

    #[test]
    fn the_most_common_passwords_are_refused_in_any_case() {
        for p in [
            "password123",
            "qwertyuiop",
            "1234567890",
            "Password123",
            "ILOVEYOU123",
        ] {
            assert_eq!(check(p), Err("too_common"), "{p}");
        }
        assert_eq!(check("長いパスワードです12345"), Ok(()));
        assert_eq!(check("correct horse battery staple"), Ok(()));
        // The list is sorted the way the search compares.
        assert!(COMMON
            .lines()
            .collect::<Vec<_>>()
            .windows(2)
            .all(|w| w[0].as_bytes() < w[1].as_bytes()));
    }

    #[test]
    fn a_64_character_password_with_spaces_is_kept_whole() {
        let p = format!(" {} ", "あ".repeat(31) + &"b".repeat(31));
        assert_eq!(p.chars().count(), 64);
        assert_eq!(check(&p), Ok(()));
        let h = hash_now(&p).unwrap();
        assert!(verify_now(&p, Some(&h)));
        assert!(!verify_now(p.trim(), Some(&h)));
    }
}
