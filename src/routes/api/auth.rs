//! Registration, tokens and the caller's own account.
use super::ApiJson;
use crate::auth::{self, BearerToken, ClientIp, CurrentUser};
use crate::db;
use crate::domain::account::Registration;
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{delete, get, post, routes, Route, State};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterBody {
    email: String,
    password: String,
    display_name: String,
    #[serde(default)]
    locale: Option<String>,
}

#[post("/auth/register", data = "<body>")]
async fn register(
    app: &State<App>,
    body: ApiJson<RegisterBody>,
) -> Result<(Status, Json<Value>), AppError> {
    let b = body.0;
    let mut errors = Registration::parse(&b.email, &b.display_name, &b.password)
        .err()
        .unwrap_or_default();
    let lang = db::users::parse_locale(b.locale.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let reg = Registration::parse(&b.email, &b.display_name, &b.password)
        .map_err(AppError::validation)?;
    let user = db::users::register_mentee(&app.db, app.clock.now(), &reg, lang).await?;
    Ok((Status::Created, Json(json!({"user": json::user(&user)}))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenBody {
    email: String,
    password: String,
}

#[post("/auth/token", data = "<body>")]
async fn token(
    app: &State<App>,
    ip: ClientIp,
    body: ApiJson<TokenBody>,
) -> Result<Json<Value>, AppError> {
    let user = auth::authenticate(app, &body.0.email, &body.0.password, ip.0).await?;
    let (token, expires_at) = auth::issue_api_token(app, user.id).await?;
    let tz = super::tz(&user);
    Ok(Json(
        json!({"token": token, "expires_at": json::time(expires_at, tz), "user": json::user(&user)}),
    ))
}

#[delete("/auth/token")]
async fn revoke(
    app: &State<App>,
    _user: CurrentUser,
    token: BearerToken,
) -> Result<Status, AppError> {
    auth::revoke_api_token(app, &token.0).await?;
    Ok(Status::NoContent)
}

#[get("/me")]
fn me(user: CurrentUser) -> Json<Value> {
    Json(json!({"user": json::user(&user.0)}))
}

pub fn routes() -> Vec<Route> {
    routes![register, token, revoke, me]
}
