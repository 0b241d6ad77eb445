//! Plans (read-only here; scheduling comes with the sessions work).
use super::{paging, tz};
use crate::auth::CurrentUser;
use crate::db;
use crate::db::plans::Viewer;
use crate::domain::codes::Role;
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use serde_json::{json, Value};

/// Which plans this user may see.
pub async fn viewer(app: &App, user: &CurrentUser) -> Result<Viewer, AppError> {
    Ok(match user.role() {
        Some(Role::Coordinator) => Viewer::Coordinator,
        Some(Role::Mentor) => {
            Viewer::Mentor(db::mentors::for_user(&app.db.conn, user.0.id).await?.id)
        }
        _ => Viewer::Mentee(user.0.id),
    })
}

#[get("/plans?<limit>&<page>")]
async fn list(
    app: &State<App>,
    user: CurrentUser,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let viewer = viewer(app, &user).await?;
    let (plans, total) = db::plans::list(&app.db.conn, viewer, paging(limit, page)?).await?;
    let tz = tz(&user.0);
    Ok(Json(
        json!({"plans": plans.iter().map(|p| json::plan(p, tz)).collect::<Vec<_>>(), "total": total}),
    ))
}

#[get("/plans/<id>")]
async fn get_one(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let viewer = viewer(app, &user).await?;
    let plan = db::plans::get(&app.db.conn, viewer, id).await?;
    Ok(Json(json!({"plan": json::plan(&plan, tz(&user.0))})))
}

pub fn routes() -> Vec<Route> {
    routes![list, get_one]
}
