//! Who is calling: browser sessions (a private cookie backed by the
//! `web_sessions` table, so logging out really ends it), API bearer tokens
//! (stored hashed, revocable), CSRF protection for forms, login throttling,
//! and the role guards that make a handler's signature say who may call it.
pub mod csrf;
pub mod password;
pub mod throttle;
pub mod tokens;

use crate::db::entities::{api_tokens, mentor_profiles, users, web_sessions};
use crate::domain::codes::Role;
use crate::error::{is_api, AppError};
use crate::App;
use chrono::{DateTime, Duration, Utc};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::net::IpAddr;

pub const SESSION_COOKIE: &str = "kk_session";

/// The application state; `None` only if the Rocket was built without it,
/// which every guard turns into a 500 rather than a panic.
fn app<'r>(req: &'r Request<'_>) -> Option<&'r App> {
    req.rocket().state::<App>()
}

fn no_state<T>(req: &Request<'_>) -> Outcome<T, AppError> {
    Outcome::Error((
        Status::InternalServerError,
        AppError::internal("App state not managed").cache_on(req),
    ))
}

/// The signed-in user, from a bearer token on `/api/…` or the session cookie on pages.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub users::Model);

impl CurrentUser {
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.0.role)
    }
}

async fn resolve(req: &Request<'_>) -> Option<users::Model> {
    let app = app(req)?;
    let now = app.clock.now();
    let user_id = if is_api(req) {
        let header = req.headers().get_one("Authorization")?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))?
            .trim();
        let row = api_tokens::Entity::find()
            .filter(api_tokens::Column::TokenHash.eq(tokens::digest(token)))
            .one(&app.db.conn)
            .await
            .ok()??;
        if row.revoked_at.is_some() || row.expires_at <= now {
            return None;
        }
        row.user_id
    } else {
        let cookie = req.cookies().get_private(SESSION_COOKIE)?;
        let row = web_sessions::Entity::find()
            .filter(web_sessions::Column::TokenHash.eq(tokens::digest(cookie.value())))
            .one(&app.db.conn)
            .await
            .ok()??;
        if row.expires_at <= now {
            return None;
        }
        row.user_id
    };
    let user = users::Entity::find_by_id(user_id)
        .one(&app.db.conn)
        .await
        .ok()??;
    (!user.disabled).then_some(user)
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CurrentUser {
    type Error = AppError;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, AppError> {
        let user = req.local_cache_async(async { resolve(req).await }).await;
        match user {
            Some(u) => Outcome::Success(CurrentUser(u.clone())),
            None => Outcome::Error((Status::Unauthorized, AppError::unauthorized().cache_on(req))),
        }
    }
}

/// The signed-in user if any (pages that anyone may see).
pub struct MaybeUser(pub Option<users::Model>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for MaybeUser {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let user = req.local_cache_async(async { resolve(req).await }).await;
        Outcome::Success(MaybeUser(user.clone()))
    }
}

async fn with_role(req: &Request<'_>, role: Role) -> Outcome<users::Model, AppError> {
    match CurrentUser::from_request(req).await {
        Outcome::Success(u) if u.role() == Some(role) => Outcome::Success(u.0),
        Outcome::Success(u) => {
            tracing::warn!(user = u.0.id, path = %req.uri().path(), "denied: wrong role");
            Outcome::Error((Status::Forbidden, AppError::forbidden().cache_on(req)))
        }
        Outcome::Error(e) => Outcome::Error(e),
        Outcome::Forward(s) => Outcome::Forward(s),
    }
}

macro_rules! role_guard {
    ($(#[$doc:meta])* $name:ident, $role:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub users::Model);

        #[rocket::async_trait]
        impl<'r> FromRequest<'r> for $name {
            type Error = AppError;
            async fn from_request(req: &'r Request<'_>) -> Outcome<Self, AppError> {
                with_role(req, $role).await.map($name)
            }
        }
    };
}

role_guard!(
    /// A signed-in mentee.
    Mentee,
    Role::Mentee
);
role_guard!(
    /// A signed-in coordinator (事務局).
    Coordinator,
    Role::Coordinator
);

/// A signed-in mentor with her profile.
#[derive(Debug, Clone)]
pub struct Mentor {
    pub user: users::Model,
    pub profile: mentor_profiles::Model,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Mentor {
    type Error = AppError;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, AppError> {
        let user = match with_role(req, Role::Mentor).await {
            Outcome::Success(u) => u,
            Outcome::Error(e) => return Outcome::Error(e),
            Outcome::Forward(s) => return Outcome::Forward(s),
        };
        let Some(app) = app(req) else {
            return no_state(req);
        };
        match mentor_profiles::Entity::find()
            .filter(mentor_profiles::Column::UserId.eq(user.id))
            .one(&app.db.conn)
            .await
        {
            Ok(Some(profile)) => Outcome::Success(Mentor { user, profile }),
            Ok(None) => Outcome::Error((Status::Forbidden, AppError::forbidden().cache_on(req))),
            Err(e) => {
                Outcome::Error((Status::InternalServerError, AppError::from(e).cache_on(req)))
            }
        }
    }
}

/// The client's address: the socket's, or the configured proxy header's.
pub struct ClientIp(pub Option<IpAddr>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientIp {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let header = app(req).and_then(|a| a.cfg.client_ip_header.as_deref());
        let from_header = header.and_then(|h| {
            // The right-most entry is the one our own proxy appended.
            req.headers()
                .get(h)
                .last()
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse().ok())
        });
        Outcome::Success(ClientIp(
            from_header.or_else(|| req.remote().map(|r| r.ip())),
        ))
    }
}

/// Check an email and password, with throttling. Unknown email and wrong
/// password answer the same way.
pub async fn authenticate(
    app: &App,
    email: &str,
    password: &str,
    ip: Option<IpAddr>,
) -> Result<users::Model, AppError> {
    let now = app.clock.now();
    let email = email.trim().to_lowercase();
    let account_key = format!("account:{email}");
    let ip_key = format!("ip:{}", ip.map(|i| i.to_string()).unwrap_or_default());
    let wait = app
        .throttle
        .retry_after(&account_key, throttle::ACCOUNT_LIMIT, now)
        .into_iter()
        .chain(
            app.throttle
                .retry_after(&ip_key, app.cfg.login_failures_per_ip, now),
        )
        .max();
    if let Some(wait) = wait {
        tracing::warn!(ip = ?ip, "login throttled");
        return Err(AppError::rate_limited(wait));
    }
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(email.clone()))
        .one(&app.db.conn)
        .await?;
    let ok = password::verify(
        password,
        user.as_ref().and_then(|u| u.password_hash.as_deref()),
    );
    match user {
        Some(u) if ok && !u.disabled => {
            app.throttle.clear(&account_key);
            Ok(u)
        }
        _ => {
            app.throttle.record_failure(&account_key, now);
            app.throttle.record_failure(&ip_key, now);
            tracing::warn!(ip = ?ip, "login failed");
            Err(AppError::new(
                Status::Unauthorized,
                "invalid_credentials",
                "The email or password is not correct.",
            ))
        }
    }
}

/// Start a browser session: a fresh id every login (no fixation).
pub async fn start_web_session(
    app: &App,
    cookies: &CookieJar<'_>,
    user_id: i32,
) -> Result<(), AppError> {
    let secret = tokens::new_secret();
    let now = app.clock.now();
    web_sessions::ActiveModel {
        token_hash: Set(tokens::digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(app.cfg.session_hours)),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await?;
    let cookie = Cookie::build((SESSION_COOKIE, secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(app.cfg.secure_cookies)
        .path("/");
    cookies.add_private(cookie);
    csrf::rotate(cookies, app.cfg.secure_cookies);
    Ok(())
}

/// End the browser session: the row is deleted, so the cookie is dead even if replayed.
pub async fn end_web_session(app: &App, cookies: &CookieJar<'_>) -> Result<(), AppError> {
    if let Some(c) = cookies.get_private(SESSION_COOKIE) {
        web_sessions::Entity::delete_many()
            .filter(web_sessions::Column::TokenHash.eq(tokens::digest(c.value())))
            .exec(&app.db.conn)
            .await?;
    }
    cookies.remove_private(Cookie::build(SESSION_COOKIE).path("/"));
    Ok(())
}

/// Issue an API token; only its digest is stored.
pub async fn issue_api_token(app: &App, user_id: i32) -> Result<(String, DateTime<Utc>), AppError> {
    let secret = tokens::new_secret();
    let now = app.clock.now();
    let expires_at = now + Duration::days(app.cfg.api_token_days);
    api_tokens::ActiveModel {
        token_hash: Set(tokens::digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await?;
    Ok((secret, expires_at))
}

/// Revoke the bearer token of this request.
pub async fn revoke_api_token(app: &App, req_token: &str) -> Result<(), AppError> {
    api_tokens::Entity::update_many()
        .col_expr(
            api_tokens::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(app.clock.now()),
        )
        .filter(api_tokens::Column::TokenHash.eq(tokens::digest(req_token)))
        .exec(&app.db.conn)
        .await?;
    Ok(())
}

/// The raw bearer token of this request, for revocation.
pub struct BearerToken(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for BearerToken {
    type Error = AppError;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, AppError> {
        match req
            .headers()
            .get_one("Authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
        {
            Some(t) => Outcome::Success(BearerToken(t.trim().to_string())),
            None => Outcome::Error((Status::Unauthorized, AppError::unauthorized().cache_on(req))),
        }
    }
}
