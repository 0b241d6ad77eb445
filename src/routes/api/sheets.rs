//! The mentoring-sheet exchange (`api-v1.md`, "Mentoring sheets"), the
//! mentee's read log and sharing choice, plan feedback, and the
//! coordinator's stalled pairs and outcome figures.
use super::{paging, tz, ApiJson};
use crate::auth::{Coordinator, CurrentUser, Mentee, Mentor};
use crate::db;
use crate::domain::outcomes;
use crate::domain::sheet::DraftPatch;
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::http::{ContentType, Header};
use rocket::response::status::Created;
use rocket::serde::json::Json;
use rocket::{get, post, put, routes, Responder, Route, State};
use serde::Deserialize;
use serde_json::{json, Value};

fn sheet_body(v: &db::sheets::SheetView, user: &crate::db::entities::users::Model) -> Json<Value> {
    Json(json!({"sheet": json::sheet_view(v, tz(user))}))
}

#[get("/sessions/<id>/sheet")]
async fn get_sheet(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let v = db::sheets::read(app, &user.0, id).await?;
    Ok(sheet_body(&v, &user.0))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftBody {
    realizations: Option<String>,
    next_actions: Option<String>,
    questions: Option<String>,
    /// The version this save is based on; a newer saved draft answers 409.
    version: Option<i32>,
}

#[put("/sessions/<id>/sheet", data = "<body>")]
async fn save(
    app: &State<App>,
    user: Mentee,
    id: i32,
    body: ApiJson<DraftBody>,
) -> Result<Json<Value>, AppError> {
    let b = body.0;
    let patch = DraftPatch::parse(
        b.realizations.as_deref(),
        b.next_actions.as_deref(),
        b.questions.as_deref(),
    )
    .map_err(AppError::validation)?;
    let v = db::sheets::save(app, &user.0, id, &patch, b.version).await?;
    Ok(sheet_body(&v, &user.0))
}

#[post("/sessions/<id>/sheet/submit")]
async fn submit(app: &State<App>, user: Mentee, id: i32) -> Result<Json<Value>, AppError> {
    let v = db::sheets::submit(app, &user.0, id).await?;
    Ok(sheet_body(&v, &user.0))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplyBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    strengths: String,
}

#[post("/sessions/<id>/sheet/reply", data = "<body>")]
async fn reply(
    app: &State<App>,
    user: Mentor,
    id: i32,
    body: ApiJson<ReplyBody>,
) -> Result<Json<Value>, AppError> {
    let v = db::sheets::reply(app, &user.user, id, &body.0.message, &body.0.strengths).await?;
    Ok(sheet_body(&v, &user.user))
}

/// Every session of a plan with the sheets this reader may see.
#[get("/plans/<id>/exchange")]
async fn exchange(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let x = db::sheets::exchange(app, &user.0, id).await?;
    let tz = tz(&user.0);
    let sheets: Vec<Value> = x
        .view
        .sessions
        .iter()
        .filter_map(|s| x.sheets.get(&s.id).map(|row| json::sheet(s, Some(row), tz)))
        .collect();
    Ok(Json(json!({
        "plan": {"id": x.view.plan.id, "kind": x.view.plan.kind, "status": x.view.plan.status,
                 "mentee": json::person(&x.view.mentee),
                 "mentor": {"id": x.view.plan.mentor_id, "display_name": x.view.mentor.display_name}},
        "sheets": sheets,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedbackBody {
    satisfaction: Option<i64>,
    positive_action: Option<bool>,
    #[serde(default)]
    positive_action_detail: String,
    #[serde(default)]
    comment: String,
}

#[post("/plans/<id>/feedback", data = "<body>")]
async fn give_feedback(
    app: &State<App>,
    user: Mentee,
    id: i32,
    body: ApiJson<FeedbackBody>,
) -> Result<Created<Json<Value>>, AppError> {
    let b = body.0;
    let f = db::sheets::give_feedback(
        app,
        &user.0,
        id,
        b.satisfaction,
        b.positive_action,
        &b.positive_action_detail,
        &b.comment,
    )
    .await?;
    Ok(Created::new(format!("/api/v1/plans/{id}/feedback"))
        .body(Json(json!({"feedback": json::feedback(&f, tz(&user.0))}))))
}

#[get("/plans/<id>/feedback")]
async fn get_feedback(app: &State<App>, user: Mentee, id: i32) -> Result<Json<Value>, AppError> {
    let (_, f, _) = db::sheets::my_feedback(app, &user.0, id).await?;
    let f = f.ok_or_else(AppError::not_found)?;
    Ok(Json(json!({"feedback": json::feedback(&f, tz(&user.0))})))
}

/// Who of the programme office read her sheets, and when.
#[get("/me/sheet-reads?<plan_id>&<limit>&<page>")]
async fn reads(
    app: &State<App>,
    user: Mentee,
    plan_id: Option<i32>,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let (rows, total) =
        db::sheets::reads(&app.db.conn, user.0.id, plan_id, paging(limit, page)?).await?;
    let tz = tz(&user.0);
    Ok(Json(json!({
        "reads": rows.iter().map(|r| json::sheet_read(r, tz)).collect::<Vec<_>>(),
        "total": total,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SharingBody {
    share_sheets: bool,
}

/// Give or withdraw consent for coordinators to read her sheets.
#[put("/me/sheet-sharing", data = "<body>")]
async fn sharing(
    app: &State<App>,
    user: Mentee,
    body: ApiJson<SharingBody>,
) -> Result<Json<Value>, AppError> {
    let share = db::sheets::set_sharing(app, &user.0, body.0.share_sheets).await?;
    Ok(Json(json!({"share_sheets": share})))
}

/// `?min_days=`: only waits at least this long (0–365 days; default 0).
pub fn min_wait(raw: Option<&str>) -> Result<chrono::Duration, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(chrono::Duration::zero()),
        Some(s) => match s.parse::<i64>() {
            Ok(d @ 0..=365) => Ok(chrono::Duration::days(d)),
            _ => Err(AppError::field("min_days", "out_of_range")),
        },
    }
}

#[get("/coordinator/stalled?<min_days>&<limit>&<page>")]
async fn stalled(
    app: &State<App>,
    user: Coordinator,
    min_days: Option<&str>,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let now = app.clock.now();
    let found =
        db::sheets::stalled_cached(&app.db, now, min_wait(min_days)?, paging(limit, page)?).await?;
    let (rows, total) = (&found.0, found.1);
    let tz = tz(&user.0);
    Ok(Json(json!({
        "stalled": rows.iter().map(|(s, p)| json::stalled(s, p, now, tz)).collect::<Vec<_>>(),
        "total": total,
    })))
}

/// The period of `?from=&to=` (calendar days in the caller's zone).
pub fn period(
    app: &App,
    user: &crate::db::entities::users::Model,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(outcomes::Period, chrono::NaiveDate, chrono::NaiveDate), AppError> {
    let tz = tz(user);
    let today = app.clock.now().with_timezone(&tz).date_naive();
    outcomes::parse_period(from, to, tz, today).map_err(AppError::validation)
}

#[get("/outcomes?<from>&<to>")]
async fn figures(
    app: &State<App>,
    user: Coordinator,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let (p, f, t) = period(app, &user.0, from, to)?;
    let (figures, _) = db::sheets::outcomes(&app.db.conn, &p).await?;
    Ok(Json(json!({"outcomes": json::figures(&figures, f, t)})))
}

/// A file to download: the outcome CSV (UTF-8 with BOM, formula cells
/// neutralised), her data export (JSON or HTML).
#[derive(Responder)]
pub struct Download {
    pub body: (ContentType, String),
    pub disposition: Header<'static>,
}

impl Download {
    pub fn new(name: String, content_type: ContentType, body: String) -> Download {
        Download {
            body: (content_type, body),
            disposition: Header::new(
                "Content-Disposition",
                format!("attachment; filename=\"{name}\""),
            ),
        }
    }

    pub fn csv(name: String, body: String) -> Download {
        let ct = ContentType::new("text", "csv").with_params(("charset", "utf-8"));
        Download::new(name, ct, body)
    }
}

/// One row per plan matched (or rated) in the period.
pub async fn export(
    app: &App,
    user: &crate::db::entities::users::Model,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Download, AppError> {
    let (p, f, t) = period(app, user, from, to)?;
    let (_, plans) = db::sheets::outcomes(&app.db.conn, &p).await?;
    let body = outcomes::to_csv(&outcomes::plan_rows(&p, &plans));
    Ok(Download::csv(
        format!("kakehashi-outcomes-{f}-{t}.csv"),
        body,
    ))
}

#[get("/outcomes/plans.csv?<from>&<to>")]
async fn figures_csv(
    app: &State<App>,
    user: Coordinator,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Download, AppError> {
    export(app, &user.0, from, to).await
}

pub fn routes() -> Vec<Route> {
    routes![
        get_sheet,
        save,
        submit,
        reply,
        exchange,
        give_feedback,
        get_feedback,
        reads,
        sharing,
        stalled,
        figures,
        figures_csv
    ]
}
