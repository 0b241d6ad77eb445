//! The mentor roster.
use super::{paging, ApiJson, ObjectBody};
use crate::auth::{Coordinator, CurrentUser};
use crate::db;
use crate::domain::codes::Role;
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{get, post, put, routes, Route, State};
use serde::Deserialize;
use serde_json::{json, Value};

#[post("/mentors", data = "<body>")]
async fn invite(
    app: &State<App>,
    _c: Coordinator,
    body: ObjectBody,
) -> Result<(Status, Json<Value>), AppError> {
    let (mentor, _secret) = db::mentors::invite(app, &body.0).await?;
    Ok((
        Status::Created,
        Json(json!({"mentor": json::mentor(&mentor)})),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AcceptBody {
    password: String,
}

#[post("/invitations/<token>/accept", data = "<body>")]
async fn accept_invitation(
    app: &State<App>,
    token: &str,
    body: ApiJson<AcceptBody>,
) -> Result<Json<Value>, AppError> {
    let user = db::mentors::accept_invitation(app, token, &body.0.password).await?;
    Ok(Json(json!({"user": json::user(&user)})))
}

#[get("/mentors?<accepting>&<limit>&<page>")]
async fn list(
    app: &State<App>,
    _c: Coordinator,
    accepting: Option<&str>,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let accepting = match accepting {
        None | Some("") => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return Err(AppError::field("accepting", "invalid")),
    };
    let (mentors, total) = db::mentors::list(&app.db.conn, accepting, paging(limit, page)?).await?;
    Ok(Json(
        json!({"mentors": mentors.iter().map(json::mentor).collect::<Vec<_>>(), "total": total}),
    ))
}

/// The coordinator sees every mentor; a mentor only herself (others: 404); a mentee never (403).
async fn visible(
    app: &App,
    user: &CurrentUser,
    id: i32,
) -> Result<db::mentors::MentorView, AppError> {
    match user.role() {
        Some(Role::Coordinator) => db::mentors::get(&app.db.conn, id).await,
        Some(Role::Mentor) => {
            let m = db::mentors::get(&app.db.conn, id).await?;
            if m.user.id == user.0.id {
                Ok(m)
            } else {
                Err(AppError::not_found())
            }
        }
        _ => Err(AppError::forbidden()),
    }
}

#[get("/mentors/<id>")]
async fn get_one(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let m = visible(app, &user, id).await?;
    Ok(Json(json!({"mentor": json::mentor(&m)})))
}

#[put("/mentors/<id>/profile", data = "<body>")]
async fn update_profile(
    app: &State<App>,
    user: CurrentUser,
    id: i32,
    body: ObjectBody,
) -> Result<Json<Value>, AppError> {
    visible(app, &user, id).await?;
    let patch = match body.0.get("profile") {
        Some(serde_json::Value::Object(p)) if body.0.len() == 1 => p.clone(),
        _ => return Err(AppError::field("profile", "invalid")),
    };
    let m = db::mentors::update_profile(app, id, &patch).await?;
    Ok(Json(json!({"mentor": json::mentor(&m)})))
}

pub fn routes() -> Vec<Route> {
    routes![invite, accept_invitation, list, get_one, update_profile]
}
