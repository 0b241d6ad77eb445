//! Plans (read-only here; scheduling comes with the sessions work).
use super::{paging, tz};
use crate::auth::CurrentUser;
use crate::db;
use crate::db::plans::Viewer;
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use serde_json::{json, Value};

/// Which plans this user may see.
pub async fn viewer(app: &App, user: &CurrentUser) -> Result<Viewer, AppError> {
    db::plans::viewer_of(&app.db.conn, &user.0).await
}

#[get("/plans?<limit>&<page>")]
async fn list(
    app: &State<App>,
    user: CurrentUser,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let viewer = viewer(app, &user).await?;
    let (plans, total) = db::plans::list(&app.db, viewer, paging(limit, page)?).await?;
    let r = reader(app, &user, viewer, &[]);
    Ok(Json(
        json!({"plans": plans.iter().map(|p| json::plan(p, r)).collect::<Vec<_>>(), "total": total}),
    ))
}

/// How this user reads plans and sessions.
pub fn reader<'a>(
    app: &App,
    user: &CurrentUser,
    viewer: Viewer,
    busy: &'a [crate::domain::busy::Busy],
) -> json::Reader<'a> {
    json::Reader {
        side: viewer.side(),
        tz: tz(&user.0),
        now: app.clock.now(),
        busy,
    }
}

#[get("/plans/<id>")]
async fn get_one(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let viewer = viewer(app, &user).await?;
    let plan = db::plans::get(&app.db.conn, viewer, id).await?;
    let busy = db::calendars::busy_for(&app.db.conn, user.0.id).await?;
    let extensions = db::extensions::for_plan(&app.db.conn, plan.plan.id).await?;
    let tz = tz(&user.0);
    let extensions: Vec<Value> = extensions
        .iter()
        .map(|e| {
            let mut v = json::extension(e, tz);
            // Her note to the coordinators is not the mentor's to read.
            if matches!(viewer, Viewer::Mentor(_)) {
                v["message"] = Value::Null;
            }
            v
        })
        .collect();
    Ok(Json(json!({
        "plan": json::plan(&plan, reader(app, &user, viewer, &busy)),
        "extensions": extensions,
    })))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtensionBody {
    #[serde(default)]
    message: String,
}

/// The mentee asks for one more session once her plan is complete.
#[rocket::post("/plans/<id>/extension", data = "<body>")]
async fn request_extension(
    app: &State<App>,
    mentee: crate::auth::Mentee,
    id: i32,
    body: super::ApiJson<ExtensionBody>,
) -> Result<rocket::response::status::Created<Json<Value>>, AppError> {
    let ext = db::extensions::request(app, &mentee.0, id, &body.0.message).await?;
    Ok(
        rocket::response::status::Created::new(format!("/api/v1/extensions/{}", ext.id)).body(
            Json(json!({"extension": json::extension(&ext, tz(&mentee.0))})),
        ),
    )
}

#[get("/extensions?<status>&<limit>&<page>")]
async fn list_extensions(
    app: &State<App>,
    c: crate::auth::Coordinator,
    status: Option<&str>,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let status = super::code_param(
        status,
        "status",
        crate::domain::codes::ExtensionStatus::parse,
    )?;
    let (rows, total) = db::extensions::list(&app.db.conn, status, paging(limit, page)?).await?;
    let tz = tz(&c.0);
    let items: Vec<Value> = rows
        .iter()
        .map(|v| {
            let mut e = json::extension(&v.ext, tz);
            e["mentee"] = json::person(&v.mentee);
            e["mentor"] = json!({"id": v.plan.mentor_id, "display_name": v.mentor.display_name});
            e
        })
        .collect();
    Ok(Json(json!({"extensions": items, "total": total})))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    #[serde(default)]
    reason: String,
}

async fn decide(
    app: &App,
    c: &crate::auth::Coordinator,
    id: i32,
    approve: bool,
    reason: &str,
) -> Result<Json<Value>, AppError> {
    let v = db::extensions::decide(app, &c.0, id, approve, reason).await?;
    let plan = db::plans::get(&app.db.conn, Viewer::Coordinator, v.plan.id).await?;
    let r = json::Reader {
        side: None,
        tz: tz(&c.0),
        now: app.clock.now(),
        busy: &[],
    };
    Ok(Json(json!({
        "extension": json::extension(&v.ext, r.tz),
        "plan": json::plan(&plan, r),
    })))
}

#[rocket::post("/extensions/<id>/approve")]
async fn approve_extension(
    app: &State<App>,
    c: crate::auth::Coordinator,
    id: i32,
) -> Result<Json<Value>, AppError> {
    decide(app, &c, id, true, "").await
}

#[rocket::post("/extensions/<id>/decline", data = "<body>")]
async fn decline_extension(
    app: &State<App>,
    c: crate::auth::Coordinator,
    id: i32,
    body: super::ApiJson<DecisionBody>,
) -> Result<Json<Value>, AppError> {
    decide(app, &c, id, false, &body.0.reason).await
}

pub fn routes() -> Vec<Route> {
    routes![
        list,
        get_one,
        request_extension,
        list_extensions,
        approve_extension,
        decline_extension
    ]
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
