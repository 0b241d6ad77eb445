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

/// The programme template as the API shows it.
async fn template_json(app: &App) -> Result<Value, AppError> {
    let sessions: Vec<Value> = db::plans::template(&app.db.conn)
        .await?
        .iter()
        .map(|t| {
            let prompts: Vec<String> = serde_json::from_str(&t.prompts).unwrap_or_default();
            json!({"number": t.number, "theme": t.theme, "prompts": prompts})
        })
        .collect();
    Ok(json!({ "sessions": sessions }))
}

#[get("/programme/template")]
async fn get_template(
    app: &State<App>,
    _c: crate::auth::Coordinator,
) -> Result<Json<Value>, AppError> {
    Ok(Json(template_json(app).await?))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateSession {
    number: i32,
    theme: String,
    #[serde(default)]
    prompts: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateBody {
    sessions: Vec<TemplateSession>,
}

#[rocket::put("/programme/template", data = "<body>")]
async fn put_template(
    app: &State<App>,
    _c: crate::auth::Coordinator,
    body: super::ApiJson<TemplateBody>,
) -> Result<Json<Value>, AppError> {
    let mut sessions = body.0.sessions;
    sessions.sort_by_key(|s| s.number);
    if sessions.iter().map(|s| s.number).collect::<Vec<_>>() != [1, 2, 3] {
        return Err(AppError::field("sessions", "invalid"));
    }
    let input: Vec<(String, Vec<String>)> =
        sessions.into_iter().map(|s| (s.theme, s.prompts)).collect();
    db::plans::update_template(app, &input).await?;
    Ok(Json(template_json(app).await?))
}

pub fn template_routes() -> Vec<Route> {
    routes![get_template, put_template]
}
