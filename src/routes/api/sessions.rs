//! Scheduling a session between the pair, its invitation, and each user's
//! own calendars (personal feed, busy times) and settings.
use super::{tz, ApiJson};
use crate::auth::CurrentUser;
use crate::db;
use crate::domain::busy;
use crate::domain::schedule::{self, RawSlot};
use crate::error::{AppError, AppResult};
use crate::views::json;
use crate::App;
use rocket::http::{ContentType, Status};
use rocket::response::status::Created;
use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, put, routes, Route, State};
use serde::Deserialize;
use serde_json::{json, Value};

/// A session as this user reads it (with her own busy times flagged).
pub async fn session_json(
    app: &App,
    user: &CurrentUser,
    l: &db::sessions::Loaded,
) -> AppResult<Value> {
    let side = if l.mentee.id == user.0.id {
        Some(crate::domain::codes::Side::Mentee)
    } else if l.mentor.id == user.0.id {
        Some(crate::domain::codes::Side::Mentor)
    } else {
        None
    };
    let busy = db::calendars::busy_for(&app.db.conn, user.0.id).await?;
    let r = json::Reader {
        side,
        tz: tz(&user.0),
        now: app.clock.now(),
        busy: &busy,
    };
    let mut v = json::session(&l.session, r);
    v["plan_status"] = json!(l.plan.status);
    v["mentee"] = json::person(&l.mentee);
    v["mentor"] = json!({"id": l.plan.mentor_id, "display_name": l.mentor.display_name});
    Ok(v)
}

#[get("/sessions/<id>")]
async fn get_one(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let (l, _) = db::sessions::load(&app.db.conn, &user.0, id, false).await?;
    Ok(Json(
        json!({"session": session_json(app, &user, &l).await?}),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProposalBody {
    slots: Vec<RawSlot>,
    #[serde(default)]
    meeting_url: String,
    #[serde(default)]
    message: String,
}

#[post("/sessions/<id>/proposals", data = "<body>")]
async fn propose(
    app: &State<App>,
    user: CurrentUser,
    id: i32,
    body: ApiJson<ProposalBody>,
) -> Result<Created<Json<Value>>, AppError> {
    let b = body.0;
    let l = db::sessions::propose(app, &user.0, id, &b.slots, &b.meeting_url, &b.message).await?;
    Ok(Created::new(format!("/api/v1/sessions/{id}")).body(Json(
        json!({"session": session_json(app, &user, &l).await?}),
    )))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckBody {
    slots: Vec<RawSlot>,
}

/// Flag the slots that clash with the caller's own busy times, before she
/// proposes them (nothing is stored).
#[post("/sessions/<id>/proposals/check", data = "<body>")]
async fn check(
    app: &State<App>,
    user: CurrentUser,
    id: i32,
    body: ApiJson<CheckBody>,
) -> Result<Json<Value>, AppError> {
    db::sessions::load(&app.db.conn, &user.0, id, false).await?;
    let p = schedule::parse_proposal(&body.0.slots, "", "", tz(&user.0), app.clock.now())
        .map_err(AppError::validation)?;
    let own = db::calendars::busy_for(&app.db.conn, user.0.id).await?;
    let tz = tz(&user.0);
    let slots: Vec<Value> = p
        .slots
        .iter()
        .map(|s| {
            json!({
                "starts_at": json::time(s.starts_at, tz),
                "ends_at": json::time(s.ends_at(), tz),
                "duration_minutes": s.duration_minutes,
                "clashes_with_your_calendar": busy::clashes(s.starts_at, s.ends_at(), &own),
            })
        })
        .collect();
    Ok(Json(json!({"slots": slots})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfirmBody {
    starts_at: String,
}

#[post("/sessions/<id>/confirm", data = "<body>")]
async fn confirm(
    app: &State<App>,
    user: CurrentUser,
    id: i32,
    body: ApiJson<ConfirmBody>,
) -> Result<Json<Value>, AppError> {
    let l = db::sessions::confirm(app, &user.0, id, &body.0.starts_at).await?;
    Ok(Json(
        json!({"session": session_json(app, &user, &l).await?}),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CancelBody {
    reason: String,
}

#[post("/sessions/<id>/cancel", data = "<body>")]
async fn cancel(
    app: &State<App>,
    user: CurrentUser,
    id: i32,
    body: ApiJson<CancelBody>,
) -> Result<Json<Value>, AppError> {
    let l = db::sessions::cancel(app, &user.0, id, &body.0.reason).await?;
    Ok(Json(
        json!({"session": session_json(app, &user, &l).await?}),
    ))
}

#[post("/sessions/<id>/held")]
async fn held(app: &State<App>, user: CurrentUser, id: i32) -> Result<Json<Value>, AppError> {
    let l = db::sessions::held(app, &user.0, id).await?;
    Ok(Json(
        json!({"session": session_json(app, &user, &l).await?}),
    ))
}

/// The invitation of a session's current state (also served to the pages).
pub async fn invite_ics(
    app: &App,
    user: &CurrentUser,
    id: i32,
) -> AppResult<(ContentType, String)> {
    let ics = db::sessions::invitation(app, &user.0, id).await?;
    let method = if ics.contains("\r\nMETHOD:CANCEL\r\n") {
        "CANCEL"
    } else {
        "REQUEST"
    };
    Ok((
        ContentType::new("text", "calendar")
            .with_params([("method", method), ("charset", "UTF-8")]),
        ics,
    ))
}

#[get("/sessions/<id>/invite.ics")]
async fn invite(
    app: &State<App>,
    user: CurrentUser,
    id: i32,
) -> Result<(ContentType, String), AppError> {
    invite_ics(app, &user, id).await
}

/// Her calendar settings as the API shows them.
pub async fn calendar_json(app: &App, user: &CurrentUser) -> AppResult<Value> {
    let tz = tz(&user.0);
    let feed = db::calendars::feed(&app.db.conn, user.0.id).await?;
    let busy = db::calendars::busy_row(&app.db.conn, user.0.id).await?;
    Ok(json!({
        "feed": {"active": feed.is_some(), "created_at": json::opt_time(feed.map(|f| f.created_at), tz)},
        "busy": busy.map(|b| json!({
            "source": if b.url.is_some() { "url" } else { "file" },
            "url": b.url,
            "busy_times": db::calendars::intervals(&b).len(),
            "fetched_at": json::time(b.fetched_at, tz),
        })),
    }))
}

#[get("/me/calendar")]
async fn calendar(app: &State<App>, user: CurrentUser) -> Result<Json<Value>, AppError> {
    Ok(Json(calendar_json(app, &user).await?))
}

/// A new secret feed URL (the previous one stops working). Shown once.
#[post("/me/calendar/feed")]
async fn new_feed(app: &State<App>, user: CurrentUser) -> Result<Created<Json<Value>>, AppError> {
    let secret = db::calendars::new_feed(app, user.0.id).await?;
    let url = db::calendars::feed_url(app, &secret);
    Ok(Created::new("/api/v1/me/calendar").body(Json(json!({"url": url}))))
}

#[delete("/me/calendar/feed")]
async fn revoke_feed(app: &State<App>, user: CurrentUser) -> Result<Status, AppError> {
    db::calendars::revoke_feed(app, user.0.id).await?;
    Ok(Status::NoContent)
}

/// Busy times from the raw `.ics` file.
#[put(
    "/me/calendar/busy",
    format = "text/calendar",
    data = "<body>",
    rank = 1
)]
async fn busy_file(
    app: &State<App>,
    user: CurrentUser,
    body: CalendarBody,
) -> Result<Json<Value>, AppError> {
    db::calendars::save_busy(app, &user.0, &body.0, None).await?;
    Ok(Json(calendar_json(app, &user).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BusyUrlBody {
    url: String,
}

/// Busy times from a calendar URL (fetched now; send again to refresh).
#[put("/me/calendar/busy", format = "json", data = "<body>", rank = 2)]
async fn busy_url(
    app: &State<App>,
    user: CurrentUser,
    body: ApiJson<BusyUrlBody>,
) -> Result<Json<Value>, AppError> {
    let (url, text) = db::calendars::fetch(app, &body.0.url).await?;
    db::calendars::save_busy(app, &user.0, &text, Some(url)).await?;
    Ok(Json(calendar_json(app, &user).await?))
}

/// Any other body type: 415.
#[put("/me/calendar/busy", rank = 3)]
async fn busy_unsupported(_user: CurrentUser) -> AppError {
    AppError::new(
        Status::UnsupportedMediaType,
        "unsupported_media_type",
        "Send the calendar as text/calendar, or {\"url\": …} as application/json.",
    )
}

#[delete("/me/calendar/busy")]
async fn clear_busy(app: &State<App>, user: CurrentUser) -> Result<Status, AppError> {
    db::calendars::clear_busy(app, user.0.id).await?;
    Ok(Status::NoContent)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsBody {
    locale: Option<String>,
    time_zone: Option<String>,
}

/// Her language and time zone.
#[patch("/me", data = "<body>")]
async fn settings(
    app: &State<App>,
    user: CurrentUser,
    body: ApiJson<SettingsBody>,
) -> Result<Json<Value>, AppError> {
    let u = db::users::update_settings(
        app,
        &user.0,
        body.0.locale.as_deref(),
        body.0.time_zone.as_deref(),
    )
    .await?;
    Ok(Json(json!({"user": json::user(&u)})))
}

/// A raw calendar body, up to the `calendar` limit (2 MiB by default).
pub struct CalendarBody(pub String);

#[rocket::async_trait]
impl<'r> rocket::data::FromData<'r> for CalendarBody {
    type Error = AppError;
    async fn from_data(
        req: &'r rocket::Request<'_>,
        data: rocket::Data<'r>,
    ) -> rocket::data::Outcome<'r, Self> {
        match crate::error::read_body(req, data, "calendar").await {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => rocket::data::Outcome::Success(CalendarBody(s)),
                Err(_) => {
                    let e = AppError::field("file", "not_a_calendar");
                    rocket::data::Outcome::Error((e.status, e.cache_on(req)))
                }
            },
            Err(e) => rocket::data::Outcome::Error(e),
        }
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        get_one,
        propose,
        check,
        confirm,
        cancel,
        held,
        invite,
        calendar,
        new_feed,
        revoke_feed,
        busy_file,
        busy_url,
        busy_unsupported,
        clear_busy,
        settings
    ]
}
