//! CSRF protection for HTML forms: a random token in a private (encrypted,
//! HttpOnly, SameSite=Lax) cookie, repeated as a hidden `csrf_token` field in
//! every form. `FormData` refuses any POST whose field does not match.
use super::tokens;
use crate::config::AppConfig;
use crate::error::AppError;
use rocket::data::{Data, FromData, Outcome};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{self, FromRequest, Request};

fn cookie(value: String, cfg: &AppConfig) -> Cookie<'static> {
    Cookie::build((cfg.csrf_cookie(), value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(cfg.secure_cookies())
        .path("/")
        .build()
}

/// Replace the token (at login, so a token seen before login is worthless after).
pub fn rotate(cookies: &CookieJar<'_>, cfg: &AppConfig) -> String {
    let value = tokens::new_secret();
    cookies.add_private(cookie(value.clone(), cfg));
    value
}

fn config<'r>(req: &'r Request<'_>) -> Option<&'r AppConfig> {
    req.rocket().state::<crate::App>().map(|a| &*a.cfg)
}

/// The CSRF cookie's token of this request, if any.
pub fn current(req: &Request<'_>) -> Option<String> {
    let cfg = config(req)?;
    req.cookies()
        .get_private(cfg.csrf_cookie())
        .map(|c| c.value().to_string())
}

/// A form posted from another site. Browsers set `Sec-Fetch-Site`
/// themselves and a page cannot forge it, so when present it decides:
/// `cross-site` and `same-site` (another subdomain) are refused. Without it
/// (older browsers) an `Origin` naming neither this request's host nor the
/// configured public address is refused. `Origin: null` alone proves
/// nothing: with this site's `Referrer-Policy: no-referrer`, Chromium sends
/// it for its own same-origin forms; the CSRF token still has to match.
pub fn from_another_site(req: &Request<'_>) -> bool {
    if let Some(site) = req.headers().get_one("Sec-Fetch-Site") {
        return site.eq_ignore_ascii_case("cross-site") || site.eq_ignore_ascii_case("same-site");
    }
    let Some(origin) = req.headers().get_one("Origin") else {
        return false;
    };
    let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    if origin == "null" {
        return false;
    }
    let host_of = |o: &str| o.split_once("://").map(|(_, h)| h.to_string());
    let own_host = req.headers().get_one("Host").map(str::to_ascii_lowercase);
    let same_host = own_host.is_some() && host_of(&origin) == own_host;
    let same_public = config(req).is_some_and(|c| {
        // The public URL's origin: its scheme and host, without a path.
        let p = c.public_url.trim_end_matches('/').to_ascii_lowercase();
        let p = match p.split_once("://") {
            Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or("")),
            None => p,
        };
        p == origin
    });
    !(same_host || same_public)
}

/// The token to put in this page's forms (created on first visit).
pub struct CsrfToken(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CsrfToken {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, Self::Error> {
        let token = req.local_cache(|| match current(req) {
            Some(c) => c,
            None => match config(req) {
                Some(cfg) => rotate(req.cookies(), cfg),
                None => String::new(),
            },
        });
        request::Outcome::Success(CsrfToken(token.clone()))
    }
}

/// A request that did not come from another site (for the one multipart
/// form, whose token is checked by its handler).
pub struct FromThisSite;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for FromThisSite {
    type Error = AppError;
    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, AppError> {
        if from_another_site(req) {
            refuse(req).await;
            return request::Outcome::Error((Status::Forbidden, AppError::csrf().cache_on(req)));
        }
        request::Outcome::Success(FromThisSite)
    }
}

/// Record a CSRF failure (time, user if known, address, path).
async fn refuse(req: &Request<'_>) {
    let actor = match crate::auth::MaybeUser::from_request(req).await {
        request::Outcome::Success(crate::auth::MaybeUser(u)) => u.map(|u| u.id),
        _ => None,
    };
    crate::auth::log_request(req, crate::db::audit::kind::CSRF_FAILED, actor).await;
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
        let expected = current(req);
        let ok = expected.is_some_and(|e| tokens::constant_eq(&e, form.get("csrf_token")))
            && !from_another_site(req);
        if !ok {
            refuse(req).await;
            return Outcome::Error((Status::Forbidden, AppError::csrf().cache_on(req)));
        }
        Outcome::Success(form)
    }
}
