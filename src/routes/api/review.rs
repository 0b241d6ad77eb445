//! The coordinator's review: the queue, one intake with its trail, ranked
//! candidates, call notes, edits on the mentee's behalf, and assignment.
use super::{code_param, paging, tz, ApiJson, ObjectBody};
use crate::auth::{Coordinator, CurrentUser};
use crate::db;
use crate::domain::codes::{IntakeStatus, Role};
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::http::Status;
use rocket::response::content::RawJson;
use rocket::serde::json::Json;
use rocket::{get, patch, post, routes, Route, State};
use serde::Deserialize;
use serde_json::{json, Value};

#[get("/intakes?<status>&<limit>&<page>")]
async fn queue(
    app: &State<App>,
    c: Coordinator,
    status: Option<&str>,
    limit: Option<&str>,
    page: Option<&str>,
) -> Result<Json<Value>, AppError> {
    let status =
        code_param(status, "status", IntakeStatus::parse)?.unwrap_or(IntakeStatus::Submitted);
    let (rows, total) = db::intakes::queue(&app.db, status, paging(limit, page)?).await?;
    let tz = tz(&c.0);
    let intakes: Vec<Value> = rows
        .iter()
        .map(|i| {
            json!({
                "id": i.id, "mentee": {"id": i.mentee_id, "display_name": i.mentee_name},
                "status": i.status, "completeness": i.completeness,
                "needs_call": i.needs_call, "submitted_at": json::opt_time(i.submitted_at, tz),
            })
        })
        .collect();
    Ok(Json(json!({"intakes": intakes, "total": total})))
}

/// Everything about one intake, for the coordinator or the mentor it was proposed to.
#[get("/intakes/<id>")]
async fn detail(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let tz = tz(&user.0);
    match user.role() {
        Some(Role::Coordinator) => {
            let (row, _) = db::intakes::get(&app.db.conn, id).await?;
            let notes = db::intakes::call_notes(&app.db.conn, id).await?;
            let assignments = db::assignments::for_intake(&app.db.conn, id).await?;
            Ok(Json(json!({
                "intake": json::intake(&row, tz),
                "call_notes": notes.iter().map(|(n, a)| json::call_note(n, a, tz)).collect::<Vec<_>>(),
                "assignments": assignments.iter().map(|a| json::assignment(a, tz)).collect::<Vec<_>>(),
            })))
        }
        Some(Role::Mentor) => {
            let profile = db::mentors::for_user(&app.db.conn, user.0.id).await?;
            if !db::assignments::mentor_may_see_intake(&app.db.conn, id, profile.id).await? {
                return Err(AppError::not_found());
            }
            let (row, _) = db::intakes::get(&app.db.conn, id).await?;
            let mut intake = json::intake(&row, tz);
            // What she needs to decide; never the phone number.
            if let Value::Object(m) = &mut intake {
                m.remove("phone");
                m.remove("call_ok");
            }
            let mine: Vec<Value> = db::assignments::for_intake(&app.db.conn, id)
                .await?
                .iter()
                .filter(|a| a.mentor_id == profile.id)
                .map(|a| json::assignment(a, tz))
                .collect();
            Ok(Json(
                json!({"intake": intake, "call_notes": [], "assignments": mine}),
            ))
        }
        _ => Err(AppError::forbidden()),
    }
}

#[get("/intakes/<id>/candidates?<limit>")]
async fn candidates(
    app: &State<App>,
    _c: Coordinator,
    id: i32,
    limit: Option<&str>,
) -> Result<RawJson<String>, AppError> {
    let limit = paging(limit, None)?.limit as usize;
    let (row, _) = db::intakes::get(&app.db.conn, id).await?;
    let ranked = db::matching::candidates(&app.db, &row, limit).await?;
    #[derive(serde::Serialize)]
    struct Body<'a> {
        candidates: Vec<json::Candidate<'a>>,
    }
    let body = Body {
        candidates: ranked.iter().map(|(r, m)| json::candidate(r, m)).collect(),
    };
    Ok(RawJson(serde_json::to_string(&body)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteBody {
    note: String,
}

#[get("/intakes/<id>/call-notes")]
async fn list_notes(app: &State<App>, c: Coordinator, id: i32) -> Result<Json<Value>, AppError> {
    db::intakes::get(&app.db.conn, id).await?;
    let notes = db::intakes::call_notes(&app.db.conn, id).await?;
    let tz = tz(&c.0);
    Ok(Json(json!({
        "call_notes": notes.iter().map(|(n, a)| json::call_note(n, a, tz)).collect::<Vec<_>>(),
        "total": notes.len(),
    })))
}

#[post("/intakes/<id>/call-notes", data = "<body>")]
async fn add_note(
    app: &State<App>,
    c: Coordinator,
    id: i32,
    body: ApiJson<NoteBody>,
) -> Result<(Status, Json<Value>), AppError> {
    let note = db::intakes::add_call_note(app, c.0.id, id, &body.0.note).await?;
    Ok((
        Status::Created,
        Json(json!({"call_note": json::call_note(&note, &c.0, tz(&c.0))})),
    ))
}

#[patch("/intakes/<id>", data = "<body>")]
async fn edit(
    app: &State<App>,
    c: Coordinator,
    id: i32,
    body: ObjectBody,
) -> Result<Json<Value>, AppError> {
    let row = db::intakes::edit_on_behalf(app, c.0.id, id, &body.0).await?;
    Ok(Json(json!({"intake": json::intake(&row, tz(&c.0))})))
}

#[get("/intakes/<id>/edits")]
async fn edits(app: &State<App>, c: Coordinator, id: i32) -> Result<Json<Value>, AppError> {
    db::intakes::get(&app.db.conn, id).await?;
    let edits = db::intakes::edits(&app.db.conn, id).await?;
    let tz = tz(&c.0);
    Ok(Json(
        json!({"edits": edits.iter().map(|(e, u)| json::edit(e, u, tz)).collect::<Vec<_>>(), "total": edits.len()}),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignBody {
    mentor_id: i32,
    #[serde(default)]
    message: Option<String>,
}

#[post("/intakes/<id>/assignments", data = "<body>")]
async fn assign(
    app: &State<App>,
    c: Coordinator,
    id: i32,
    body: ApiJson<AssignBody>,
) -> Result<(Status, Json<Value>), AppError> {
    let b = body.0;
    let a = db::assignments::create(
        app,
        &c.0,
        id,
        b.mentor_id,
        b.message.as_deref().unwrap_or(""),
    )
    .await?;
    Ok((
        Status::Created,
        Json(json!({"assignment": json::assignment(&a, tz(&c.0))})),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![queue, detail, candidates, list_notes, add_note, edit, edits, assign]
}
