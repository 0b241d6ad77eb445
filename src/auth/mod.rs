//! Who is calling: browser sessions (a private cookie backed by the
//! `web_sessions` table, so logging out really ends it), API bearer tokens
//! (stored hashed, revocable), CSRF protection for forms, login throttling,
//! and the role guards that make a handler's signature say who may call it.
pub mod csrf;
pub mod password;
pub mod throttle;
pub mod tokens;

use crate::db::audit::{self, kind, Event};
use crate::db::entities::{api_tokens, mentor_profiles, users, web_sessions};
use crate::db::SignedIn;
use crate::domain::codes::Role;
use crate::error::{is_api, AppError};
use crate::App;
use chrono::{DateTime, Duration, Utc};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use std::net::IpAddr;

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

/// The caller's user: one query reads the token or session with its user,
/// or the same read kept from an earlier request (`db::SignedInCache`:
/// dropped by any write of this process, and after a few seconds).
async fn resolve(req: &Request<'_>) -> Option<users::Model> {
    let app = app(req)?;
    let now = app.clock.now();
    let api = is_api(req);
    let digest = if api {
        tokens::digest(bearer(req)?)
    } else {
        tokens::digest(req.cookies().get_private(app.cfg.session_cookie())?.value())
    };
    let key = (api, digest);
    let found = signed_in(app, &key).await?;
    let user = if api {
        if found.revoked_at.is_some() || found.expires_at <= now {
            return None;
        }
        found.user
    } else {
        let last_seen = found.last_seen_at.unwrap_or(found.created_at);
        let idle = Duration::minutes(app.cfg.session_idle_minutes);
        let absolute = found.created_at + Duration::hours(app.cfg.session_hours);
        if found.expires_at <= now || absolute <= now || last_seen + idle <= now {
            // Dead for good: a replayed cookie finds nothing.
            let _ = web_sessions::Entity::delete_by_id(found.id)
                .exec(&app.db.conn)
                .await;
            app.db.signed_in.forget(&key);
            log_request(req, kind::SESSION_EXPIRED, Some(found.user.id)).await;
            return None;
        }
        // Keep the idle clock to the minute: one write a minute at most.
        if now - last_seen >= Duration::minutes(1) {
            let _ = web_sessions::Entity::update_many()
                .col_expr(web_sessions::Column::LastSeenAt, Expr::value(now))
                .filter(web_sessions::Column::Id.eq(found.id))
                .exec(&app.db.conn)
                .await;
            // Read anew next time; no other cache depends on the idle
            // clock, so they are kept.
            app.db.signed_in.forget(&key);
        }
        found.user
    };
    (!user.disabled && user.deleted_at.is_none()).then_some(user)
}

/// The session or token with this digest and its account, from memory when
/// this process has written nothing since it was read.
async fn signed_in(app: &App, key: &(bool, String)) -> Option<SignedIn> {
    use sea_orm::{JoinType, QuerySelect, RelationDef};
    // Both taken before the read: a write or the age counts from there.
    let generation = app.db.generation();
    let read_at = std::time::Instant::now();
    let fresh = |at: &std::time::Instant| at.elapsed() < crate::db::SIGNED_IN_MAX_AGE;
    if let Some(found) = app.db.signed_in.get(generation, key, fresh) {
        return Some(found);
    }
    let found = if key.0 {
        let via: RelationDef = api_tokens::Entity::belongs_to(users::Entity)
            .from(api_tokens::Column::UserId)
            .to(users::Column::Id)
            .into();
        let (row, user) = api_tokens::Entity::find()
            .select_also(users::Entity)
            .join(JoinType::InnerJoin, via)
            .filter(api_tokens::Column::TokenHash.eq(key.1.as_str()))
            .one(&app.db.conn)
            .await
            .ok()??;
        SignedIn {
            id: row.id,
            created_at: row.created_at,
            expires_at: row.expires_at,
            last_seen_at: None,
            revoked_at: row.revoked_at,
            user: user?,
        }
    } else {
        let via: RelationDef = web_sessions::Entity::belongs_to(users::Entity)
            .from(web_sessions::Column::UserId)
            .to(users::Column::Id)
            .into();
        let (row, user) = web_sessions::Entity::find()
            .select_also(users::Entity)
            .join(JoinType::InnerJoin, via)
            .filter(web_sessions::Column::TokenHash.eq(key.1.as_str()))
            .one(&app.db.conn)
            .await
            .ok()??;
        SignedIn {
            id: row.id,
            created_at: row.created_at,
            expires_at: row.expires_at,
            last_seen_at: row.last_seen_at,
            revoked_at: None,
            user: user?,
        }
    };
    app.db
        .signed_in
        .put(generation, key.clone(), read_at, found.clone());
    Some(found)
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
            deny(req, u.0.id).await;
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
            Ok(None) => {
                deny(req, user.id).await;
                Outcome::Error((Status::Forbidden, AppError::forbidden().cache_on(req)))
            }
            Err(e) => {
                Outcome::Error((Status::InternalServerError, AppError::from(e).cache_on(req)))
            }
        }
    }
}

/// A signed-in user asked for something her role may never do.
async fn deny(req: &Request<'_>, user_id: i32) {
    log_request(req, kind::DENIED, Some(user_id)).await;
}

/// A security line about this request: its client address and route.
pub async fn log_request(req: &Request<'_>, kind: &str, actor: Option<i32>) {
    if let Some(app) = app(req) {
        let path = logged_path(req);
        let event = Event {
            kind,
            actor,
            ip: client_ip(req),
            path: Some(&path),
            ..Default::default()
        };
        audit::security(app, event).await;
    }
}

/// The path to log: the route's pattern (`/invitations/<token>`), so that a
/// secret carried in a path never reaches a log; the raw path otherwise.
pub fn logged_path(req: &Request<'_>) -> String {
    match req.route() {
        Some(r) => r.uri.path().to_string(),
        None => req.uri().path().to_string(),
    }
}

/// The client's address: the socket's, or the configured proxy header's.
pub fn client_ip(req: &Request<'_>) -> Option<IpAddr> {
    let header = app(req).and_then(|a| a.cfg.client_ip_header.as_deref());
    let from_header = header.and_then(|h| {
        // The right-most entry is the one our own proxy appended.
        req.headers()
            .get(h)
            .last()
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse().ok())
    });
    from_header.or_else(|| req.remote().map(|r| r.ip()))
}

/// The client's address, as a guard.
pub struct ClientIp(pub Option<IpAddr>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientIp {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(ClientIp(client_ip(req)))
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
        audit::security(
            app,
            Event {
                kind: kind::RATE_LIMITED,
                ip,
                detail: Some(email_domain(&email)),
                ..Default::default()
            },
        )
        .await;
        return Err(AppError::rate_limited(wait));
    }
    let user = users::Entity::find()
        .filter(users::Column::Email.eq(email.clone()))
        .one(&app.db.conn)
        .await?;
    let ok = password::verify(
        password,
        user.as_ref().and_then(|u| u.password_hash.as_deref()),
    )
    .await;
    match user {
        Some(u) if ok && !u.disabled && u.deleted_at.is_none() => {
            app.throttle.clear(&account_key);
            audit::security(
                app,
                Event {
                    kind: kind::LOGIN,
                    actor: Some(u.id),
                    ip,
                    ..Default::default()
                },
            )
            .await;
            Ok(u)
        }
        other => {
            app.throttle.record_failure(&account_key, now);
            app.throttle.record_failure(&ip_key, now);
            audit::security(
                app,
                Event {
                    kind: kind::LOGIN_FAILED,
                    actor: other.map(|u| u.id),
                    ip,
                    // The domain only: a mistyped password pasted into the
                    // email field must not end up in a log.
                    detail: Some(email_domain(&email)),
                    ..Default::default()
                },
            )
            .await;
            Err(AppError::new(
                Status::Unauthorized,
                "invalid_credentials",
                "The email or password is not correct.",
            ))
        }
    }
}

/// The part of an email address after `@`, for logs.
fn email_domain(email: &str) -> String {
    email
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or("")
        .chars()
        .take(100)
        .collect()
}

/// Start a browser session: a fresh id every login (no fixation); a session
/// this browser had before is ended, and the CSRF token is replaced.
pub async fn start_web_session(
    app: &App,
    cookies: &CookieJar<'_>,
    user_id: i32,
) -> Result<(), AppError> {
    end_web_session(app, cookies).await?;
    let secret = tokens::new_secret();
    let now = app.clock.now();
    web_sessions::ActiveModel {
        token_hash: Set(tokens::digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(app.cfg.session_hours)),
        last_seen_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await?;
    // `__Host-` (when Secure): no Domain, path `/`, so no other host can set
    // or read it.
    let cookie = Cookie::build((app.cfg.session_cookie(), secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(app.cfg.secure_cookies())
        .path("/");
    cookies.add_private(cookie);
    csrf::rotate(cookies, &app.cfg);
    Ok(())
}

/// The digest of this browser's session cookie, if any.
pub fn session_digest(app: &App, cookies: &CookieJar<'_>) -> Option<String> {
    cookies
        .get_private(app.cfg.session_cookie())
        .map(|c| tokens::digest(c.value()))
}

/// End the browser session: the row is deleted, so the cookie is dead even if replayed.
pub async fn end_web_session(app: &App, cookies: &CookieJar<'_>) -> Result<(), AppError> {
    if let Some(digest) = session_digest(app, cookies) {
        let deleted = web_sessions::Entity::delete_many()
            .filter(web_sessions::Column::TokenHash.eq(digest))
            .exec(&app.db.conn)
            .await;
        app.db.wrote();
        deleted?;
    }
    // Secure as it was set: a browser ignores a `__Host-` removal without it.
    cookies.remove_private(
        Cookie::build(app.cfg.session_cookie())
            .path("/")
            .secure(app.cfg.secure_cookies()),
    );
    Ok(())
}

/// End every browser session and API token of a user except the caller's
/// own (after a password change), or all of them (`keep` empty: when the
/// account is disabled or erased).
///
/// Inside a write transaction only: its commit drops every sign-in kept in
/// memory (`db::SignedInCache`).
pub async fn end_all_sessions(
    conn: &crate::db::WriteTx,
    user_id: i32,
    keep_session: Option<&str>,
    keep_token: Option<&str>,
) -> Result<(), AppError> {
    let mut q =
        web_sessions::Entity::delete_many().filter(web_sessions::Column::UserId.eq(user_id));
    if let Some(k) = keep_session {
        q = q.filter(web_sessions::Column::TokenHash.ne(k));
    }
    q.exec(conn).await?;
    let mut q = api_tokens::Entity::delete_many().filter(api_tokens::Column::UserId.eq(user_id));
    if let Some(k) = keep_token {
        q = q.filter(api_tokens::Column::TokenHash.ne(tokens::digest(k)));
    }
    q.exec(conn).await?;
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
    let revoked = api_tokens::Entity::update_many()
        .col_expr(api_tokens::Column::RevokedAt, Expr::value(app.clock.now()))
        .filter(api_tokens::Column::TokenHash.eq(tokens::digest(req_token)))
        .exec(&app.db.conn)
        .await;
    app.db.wrote();
    revoked?;
    Ok(())
}

/// The token of an `Authorization: Bearer …` header (either case).
fn bearer<'r>(req: &'r Request<'_>) -> Option<&'r str> {
    let header = req.headers().get_one("Authorization")?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))?;
    Some(token.trim())
}

/// The raw bearer token of this request, for revocation.
pub struct BearerToken(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for BearerToken {
    type Error = AppError;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, AppError> {
        match bearer(req) {
            Some(t) => Outcome::Success(BearerToken(t.to_string())),
            None => Outcome::Error((Status::Unauthorized, AppError::unauthorized().cache_on(req))),
        }
    }
}
