//! A mentor's answers to proposals, and the lists of assignments.
use super::{code_param, paging, tz, ApiJson};
use crate::auth::{CurrentUser, Mentor};
use crate::db;
use crate::db::plans::Viewer;
use crate::domain::codes::{AssignmentStatus, Role};
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::serde::json::Json;
use rocket::{get, post, routes, Route, State};
use serde::Deserialize;
use serde_json::{json, Value};

#[get("/assignments?<status>&<limit>&<page>")]
async fn list(
    app: &State<App>,
    user: CurrentUser,
    status: Option<&str>,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let status = code_param(status, "status", AssignmentStatus::parse)?;
    let mentor_id = match user.role() {
        Some(Role::Coordinator) => None,
        Some(Role::Mentor) => Some(db::mentors::for_user(&app.db.conn, user.0.id).await?.id),
        _ => return Err(AppError::forbidden()),
    };
    let (rows, total) =
        db::assignments::list(&app.db.conn, mentor_id, status, paging(limit, page)?).await?;
    let tz = tz(&user.0);
    Ok(Json(
        json!({"assignments": rows.iter().map(|a| json::assignment(a, tz)).collect::<Vec<_>>(), "total": total}),
    ))
}

#[post("/assignments/<id>/accept")]
async fn accept(app: &State<App>, mentor: Mentor, id: i32) -> Result<Json<Value>, AppError> {
    let (a, plan_id) = db::assignments::accept(app, &mentor, id).await?;
    let plan = db::plans::get(&app.db.conn, Viewer::Mentor(mentor.profile.id), plan_id).await?;
    let tz = tz(&mentor.user);
    let r = json::Reader {
        side: Some(crate::domain::codes::Side::Mentor),
        tz,
        now: app.clock.now(),
        busy: &[],
    };
    Ok(Json(
        json!({"assignment": json::assignment(&a, tz), "plan": json::plan(&plan, r)}),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeclineBody {
    reason: String,
}

#[post("/assignments/<id>/decline", data = "<body>")]
async fn decline(
    app: &State<App>,
    mentor: Mentor,
    id: i32,
    body: ApiJson<DeclineBody>,
) -> Result<Json<Value>, AppError> {
    let a = db::assignments::decline(app, &mentor, id, &body.0.reason).await?;
    Ok(Json(
        json!({"assignment": json::assignment(&a, tz(&mentor.user))}),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![list, accept, decline]
}
