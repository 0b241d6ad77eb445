//! CSRF protection for HTML forms: a random token in a private (encrypted,
//! HttpOnly, SameSite=Lax) cookie, repeated as a hidden `csrf_token` field in
//! every form. `FormData` refuses any POST whose field does not match.
use super::tokens;
use crate::error::AppError;
use rocket::data::{Data, FromData, Outcome};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{self, FromRequest, Request};

pub const CSRF_COOKIE: &str = "kk_csrf";

fn cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((CSRF_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .build()
}

/// Replace the token (at login, so a token seen before login is worthless after).
pub fn rotate(cookies: &CookieJar<'_>, secure: bool) -> String {
    let value = tokens::new_secret();
    cookies.add_private(cookie(value.clone(), secure));
    value
}

fn secure(req: &Request<'_>) -> bool {
    req.rocket()
        .state::<crate::App>()
        .is_some_and(|a| a.cfg.secure_cookies)
}

/// The token to put in this page's forms (created on first visit).
pub struct CsrfToken(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CsrfToken {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, Self::Error> {
        let token = req.local_cache(|| match req.cookies().get_private(CSRF_COOKIE) {
            Some(c) => c.value().to_string(),
            None => rotate(req.cookies(), secure(req)),
        });
        request::Outcome::Success(CsrfToken(token.clone()))
    }
}

/// A submitted HTML form whose CSRF token was checked, as name/value pairs in order.
#[derive(Debug, Clone, Default)]
pub struct FormData {
    pairs: Vec<(String, String)>,
}

impl FormData {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        FormData { pairs }
    }
    /// The first value of a field ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }
    /// Every value of a repeated field (checkbox groups).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
            .collect()
    }
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

#[rocket::async_trait]
impl<'r> FromData<'r> for FormData {
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self> {
        let body = match crate::error::read_body(req, data, "form").await {
            Ok(b) => b,
            Err(e) => return Outcome::Error(e),
        };
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let form = FormData { pairs };
        let expected = req
            .cookies()
            .get_private(CSRF_COOKIE)
            .map(|c| c.value().to_string());
        let ok = expected.is_some_and(|e| tokens::constant_eq(&e, form.get("csrf_token")));
        if !ok {
            tracing::warn!(path = %req.uri().path(), ip = ?req.remote().map(|r| r.ip()), "csrf check failed");
            return Outcome::Error((Status::Forbidden, AppError::csrf().cache_on(req)));
        }
        Outcome::Success(form)
    }
}
