//! The caller's account and data rights (password, email, export, deletion,
//! her audit log, correcting her intake) and the coordinator's account and
//! mail controls (disable, failed emails, resend).
use super::{paging, tz, ApiJson, Download, ObjectBody};
use crate::auth::{BearerToken, ClientIp, Coordinator, CurrentUser, Mentee};
use crate::db;
use crate::db::entities::outbox;
use crate::error::AppError;
use crate::views::json::{self, opt_time, time};
use crate::App;
use chrono_tz::Tz;
use rocket::http::ContentType;
use rocket::serde::json::Json;
use rocket::{get, post, put, routes, Route, State};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordBody {
    current_password: String,
    new_password: String,
}

#[put("/me/password", data = "<body>")]
async fn password(
    app: &State<App>,
    user: CurrentUser,
    token: BearerToken,
    ip: ClientIp,
    body: ApiJson<PasswordBody>,
) -> Result<Json<Value>, AppError> {
    let b = body.0;
    let user = db::account::change_password(
        app,
        &user.0,
        &b.current_password,
        &b.new_password,
        ip.0,
        None,
        Some(&token.0),
    )
    .await?;
    Ok(Json(json!({"user": json::user(&user)})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmailBody {
    current_password: String,
    email: String,
}

#[put("/me/email", data = "<body>")]
async fn email(
    app: &State<App>,
    user: CurrentUser,
    ip: ClientIp,
    body: ApiJson<EmailBody>,
) -> Result<Json<Value>, AppError> {
    let b = body.0;
    let user = db::account::change_email(app, &user.0, &b.current_password, &b.email, ip.0).await?;
    Ok(Json(json!({"user": json::user(&user)})))
}

/// Re-entering the password, for export and deletion.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordOnly {
    password: String,
}

#[post("/me/export", data = "<body>")]
async fn export(
    app: &State<App>,
    mentee: Mentee,
    ip: ClientIp,
    body: ApiJson<PasswordOnly>,
) -> Result<Json<Value>, AppError> {
    db::account::confirm_password(app, &mentee.0, &body.0.password, ip.0, "password").await?;
    Ok(Json(db::account::export(app, &mentee.0, ip.0).await?))
}

/// Her data as one readable HTML file (the same content as the JSON).
pub async fn export_html(
    app: &App,
    mentee: &crate::db::entities::users::Model,
    ip: Option<std::net::IpAddr>,
) -> Result<Download, AppError> {
    let data = db::account::export(app, mentee, ip).await?;
    let lang = crate::i18n::Lang::parse(&mentee.locale).unwrap_or_default();
    let body = app.views.render(
        "account/export.html",
        &json!({"lang": lang.as_str(), "data": data}),
    )?;
    let ct = ContentType::new("text", "html").with_params(("charset", "utf-8"));
    Ok(Download::new(
        format!("kakehashi-data-{}.html", mentee.id),
        ct,
        body,
    ))
}

#[post("/me/export/html", data = "<body>")]
async fn export_html_route(
    app: &State<App>,
    mentee: Mentee,
    ip: ClientIp,
    body: ApiJson<PasswordOnly>,
) -> Result<Download, AppError> {
    db::account::confirm_password(app, &mentee.0, &body.0.password, ip.0, "password").await?;
    export_html(app, &mentee.0, ip.0).await
}

#[post("/me/deletion", data = "<body>")]
async fn deletion(
    app: &State<App>,
    mentee: Mentee,
    ip: ClientIp,
    body: ApiJson<PasswordOnly>,
) -> Result<Json<Value>, AppError> {
    db::account::confirm_password(app, &mentee.0, &body.0.password, ip.0, "password").await?;
    db::account::erase(app, &mentee.0).await?;
    Ok(Json(json!({"deleted": true})))
}

fn audit_json(lines: &[db::audit::Line], tz: Tz) -> Vec<Value> {
    lines
        .iter()
        .map(|l| json!({"at": time(l.at, tz), "kind": l.kind, "detail": l.detail, "by": l.by}))
        .collect()
}

#[get("/me/audit?<limit>&<page>")]
async fn audit(
    app: &State<App>,
    user: CurrentUser,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let (lines, total) = db::audit::hers(&app.db.conn, user.0.id, paging(limit, page)?).await?;
    Ok(Json(
        json!({"events": audit_json(&lines, tz(&user.0)), "total": total}),
    ))
}

#[put("/intake/correction", data = "<body>")]
async fn correction(
    app: &State<App>,
    mentee: Mentee,
    body: ObjectBody,
) -> Result<Json<Value>, AppError> {
    let row = db::intakes::correct(app, &mentee.0, &body.0).await?;
    Ok(Json(json!({"intake": json::intake(&row, tz(&mentee.0))})))
}

#[post("/coordinator/users/<id>/disable")]
async fn disable(app: &State<App>, c: Coordinator, id: i32) -> Result<Json<Value>, AppError> {
    let user = db::account::set_disabled(app, &c.0, id, true).await?;
    Ok(Json(json!({"user": user_json(&user)})))
}

#[post("/coordinator/users/<id>/enable")]
async fn enable(app: &State<App>, c: Coordinator, id: i32) -> Result<Json<Value>, AppError> {
    let user = db::account::set_disabled(app, &c.0, id, false).await?;
    Ok(Json(json!({"user": user_json(&user)})))
}

fn user_json(u: &crate::db::entities::users::Model) -> Value {
    let mut v = json::user(u);
    v["disabled"] = json!(u.disabled);
    v
}

pub fn email_json(m: &outbox::Model, tz: Tz) -> Value {
    json!({
        "id": m.id,
        "kind": m.kind,
        "to_name": m.to_name,
        "to_address": m.to_address,
        "subject": m.subject,
        "status": m.status,
        "attempts": m.attempts,
        "last_error": m.last_error,
        "created_at": time(m.created_at, tz),
        "sent_at": opt_time(m.sent_at, tz),
    })
}

#[get("/coordinator/emails/failed?<limit>&<page>")]
async fn failed(
    app: &State<App>,
    c: Coordinator,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let (rows, total) = db::outbox::failed(&app.db.conn, paging(limit, page)?).await?;
    let tz = tz(&c.0);
    Ok(Json(json!({
        "emails": rows.iter().map(|m| email_json(m, tz)).collect::<Vec<_>>(),
        "total": total,
    })))
}

#[post("/coordinator/emails/<id>/resend")]
async fn resend(app: &State<App>, c: Coordinator, id: i32) -> Result<Json<Value>, AppError> {
    let row = db::outbox::resend(app, id).await?;
    Ok(Json(json!({"email": email_json(&row, tz(&c.0))})))
}

pub fn routes() -> Vec<Route> {
    routes![
        password,
        email,
        export,
        export_html_route,
        deletion,
        audit,
        correction,
        disable,
        enable,
        failed,
        resend
    ]
}
