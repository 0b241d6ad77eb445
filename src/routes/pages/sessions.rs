//! The plan and session pages (the pair schedules directly: propose, choose,
//! move, cancel, mark held), the invitation download and the personal feed,
//! each user's settings and calendars, and the coordinator's plans and
//! extension requests.
use super::{done, field_errors, html, refused, PageResult};
use crate::auth::csrf::{CsrfToken, FormData};
use crate::auth::{Coordinator, CurrentUser, Mentee};
use crate::db;
use crate::domain::busy;
use crate::domain::codes::{ExtensionStatus, PlanStatus, SessionStatus, Side};
use crate::domain::invite;
use crate::domain::schedule::{self, RawSlot};
use crate::error::{AppError, AppResult};
use crate::views::{fmt_range, object, Page};
use crate::App;
use rocket::form::{Form, FromForm};
use rocket::fs::TempFile;
use rocket::http::{ContentType, Header};
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Responder, Route, State};
use serde_json::{json, Map, Value};

/// Durations offered by the proposal form, in minutes.
const DURATIONS: [i64; 6] = [30, 45, 60, 90, 120, 180];

#[get("/plans/<id>")]
async fn plan(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    let viewer = crate::routes::api::plan_viewer(app, &user).await?;
    let p = db::plans::get(&app.db.conn, viewer, id).await?;
    let now = app.clock.now();
    let sessions: Vec<Value> = p
        .sessions
        .iter()
        .map(|s| {
            let st = db::sessions::state(s);
            let status = st.effective_status(now);
            let when = match (status, s.starts_at, s.ends_at) {
                (SessionStatus::Scheduled | SessionStatus::Held, Some(a), Some(b)) => {
                    fmt_range(a, b, page.tz, page.lang)
                }
                _ => String::new(),
            };
            json!({
                "id": s.id, "number": s.number, "theme": s.theme, "status": status.as_str(), "when": when,
                "next_step": db::sessions::next_step(s, viewer.side(), now).as_str(),
                "sheet_status": db::sheets::status_of(s).as_str(),
                "held": status == SessionStatus::Held,
            })
        })
        .collect();
    let extensions: Vec<Value> = db::extensions::for_plan(&app.db.conn, p.plan.id)
        .await?
        .iter()
        .map(|e| json!({"status": e.status, "created_at": page.dt(e.created_at), "decline_reason": e.decline_reason}))
        .collect();
    let pending = extensions
        .iter()
        .any(|e| e["status"] == ExtensionStatus::Pending.as_str());
    // A coordinator reads sheets only where the mentee agreed.
    let sheets_open = viewer.side().is_some() || db::sheets::shared(&app.db.conn, &p.plan).await?;
    let feedback_due = viewer.side() == Some(Side::Mentee)
        && db::sheets::feedback_open(&app.db.conn, &p.plan).await?
        && db::sheets::feedback_of(&app.db.conn, p.plan.id)
            .await?
            .is_none();
    page.render(
        app,
        "plans/plan.html",
        json!({
            "plan": {"id": p.plan.id, "kind": p.plan.kind, "status": p.plan.status},
            "mentee_name": p.mentee.display_name, "mentor_name": p.mentor.display_name, "sessions": sessions,
            "extensions": extensions,
            "can_request_extension": viewer.side() == Some(Side::Mentee) && p.plan.status == PlanStatus::Completed.as_str() && !pending,
            "feedback_due": feedback_due,
            "sheets_open": sheets_open,
        }),
    )
}

/// The session page: what is decided, what is proposed, and the forms for
/// whoever may act.
async fn render_session(
    app: &App,
    page: &Page,
    user: &CurrentUser,
    id: i32,
    values: Value,
    errors: Value,
    clashes: Vec<usize>,
) -> AppResult<RawHtml<String>> {
    let (l, side) = db::sessions::load(&app.db.conn, &user.0, id, false).await?;
    let now = app.clock.now();
    let st = db::sessions::state(&l.session);
    let status = st.effective_status(now);
    let own_busy = db::calendars::busy_for(&app.db.conn, user.0.id).await?;
    let active = l.plan.status == PlanStatus::Active.as_str();
    let s = &l.session;
    let has_time = matches!(status, SessionStatus::Scheduled | SessionStatus::Held);
    let proposals: Vec<Value> = st
        .open_proposals(now)
        .into_iter()
        .map(|p| {
            json!({
                "value": p.starts_at.to_rfc3339(),
                "label": fmt_range(p.starts_at, p.ends_at(), page.tz, page.lang),
                "clash": busy::clashes(p.starts_at, p.ends_at(), &own_busy),
            })
        })
        .collect();
    let proposer = st.proposed_by.map(|p| l.person(p).display_name.clone());
    let my_turn = side.is_some() && st.proposed_by.is_some() && st.proposed_by != side;
    let prompts: Vec<String> = serde_json::from_str(&s.prompts).unwrap_or_default();
    let other_name = match side {
        Some(Side::Mentee) => l.mentor.display_name.clone(),
        Some(Side::Mentor) => l.mentee.display_name.clone(),
        None => String::new(),
    };
    let local_now = now
        .with_timezone(&page.tz)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let can_act = side.is_some() && active;
    page.render(
        app,
        "plans/session.html",
        json!({
            "session": {
                "id": s.id, "number": s.number, "theme": s.theme, "prompts": prompts,
                "status": status.as_str(), "plan_id": l.plan.id, "plan_kind": l.plan.kind,
                "mentee_name": l.mentee.display_name, "mentor_name": l.mentor.display_name,
                "other_name": other_name,
                "when": match (has_time, s.starts_at, s.ends_at) {
                    (true, Some(a), Some(b)) => fmt_range(a, b, page.tz, page.lang),
                    _ => String::new(),
                },
                "meeting_url": if has_time { s.meeting_url.clone() } else { None },
                "has_calendar": s.starts_at.is_some() && side.is_some(),
                "cancel_reason": if status == SessionStatus::Unscheduled { s.cancel_reason.clone() } else { None },
                "proposer_name": if proposals.is_empty() { None } else { proposer },
                "proposed_by_me": st.proposed_by.is_some() && st.proposed_by == side,
                "proposal_message": if proposals.is_empty() { None } else { s.proposal_message.clone() },
                "proposal_meeting_url": if proposals.is_empty() { None } else { s.proposal_meeting_url.clone() },
                "proposals": proposals,
                "next_step": db::sessions::next_step(s, side, now).as_str(),
                "can_propose": can_act && schedule::check_propose(&st, active, now).is_ok(),
                "can_choose": can_act && my_turn,
                "can_cancel": can_act && schedule::check_cancel(&st, now).is_ok(),
                "can_mark_held": can_act && status == SessionStatus::Scheduled,
                "is_reschedule": status == SessionStatus::Scheduled,
                "time_zone": page.tz.name(),
                "has_busy": !own_busy.is_empty(),
            },
            "values": values,
            "errors": errors,
            "clashes": clashes,
            "durations": DURATIONS,
            "min_local": local_now,
        }),
    )
}

/// The session page again, with what she typed and the problems beside
/// their fields.
async fn reshow(
    app: &App,
    page: &Page,
    user: &CurrentUser,
    id: i32,
    values: Value,
    errors: Value,
) -> PageResult {
    html(render_session(app, page, user, id, values, errors, vec![]).await?)
}

#[get("/sessions/<id>")]
async fn session(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    render_session(
        app,
        &page,
        &user,
        id,
        json!({"duration": "60"}),
        json!({}),
        vec![],
    )
    .await
}

/// The proposal form's rows (`slot_1`…`slot_5`, one shared duration) as
/// slots, remembering which row each came from.
fn form_slots(form: &FormData) -> (Vec<RawSlot>, Vec<usize>, Option<&'static str>) {
    let duration = form.get("duration").trim().parse::<i64>().ok();
    let mut raw = Vec::new();
    let mut rows = Vec::new();
    for n in 1..=schedule::MAX_SLOTS {
        let v = form.get(&format!("slot_{n}")).trim();
        if !v.is_empty() {
            raw.push(RawSlot {
                starts_at: v.to_string(),
                duration_minutes: duration.unwrap_or(0),
            });
            rows.push(n);
        }
    }
    (raw, rows, duration.is_none().then_some("required"))
}

/// Field problems of a proposal, keyed by the form's own field names.
fn form_errors(e: &AppError, rows: &[usize]) -> Value {
    let mut out = Map::new();
    for (field, problems) in e.fields.clone().unwrap_or_default() {
        let key = match field.split('.').collect::<Vec<_>>().as_slice() {
            ["slots", i, "starts_at"] => i
                .parse::<usize>()
                .ok()
                .and_then(|i| rows.get(i))
                .map_or("slot_1".to_string(), |n| format!("slot_{n}")),
            ["slots", _, "duration_minutes"] => "duration".into(),
            ["slots"] => "slot_1".into(),
            _ => field.clone(),
        };
        let entry = out.entry(key).or_insert_with(|| json!([]));
        if let Value::Array(list) = entry {
            for p in problems {
                if !list.contains(&json!(p)) {
                    list.push(json!(p));
                }
            }
        }
    }
    Value::Object(out)
}

fn form_values(form: &FormData) -> Value {
    let mut m = Map::new();
    for (k, v) in form.pairs() {
        if k != "csrf_token" {
            m.insert(k.clone(), json!(v));
        }
    }
    Value::Object(m)
}

#[post("/sessions/<id>/propose", data = "<form>")]
async fn propose(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
    form: FormData,
) -> PageResult {
    let (raw, rows, duration_problem) = form_slots(&form);
    if let Some(p) = duration_problem {
        let errors = json!({"duration": [p]});
        return reshow(app, &page, &user, id, form_values(&form), errors).await;
    }
    // Flag rows that clash with her own busy times before anything is sent.
    if !form.has("ignore_clashes") {
        if let Ok(p) = schedule::parse_proposal(&raw, "", "", page.tz, app.clock.now()) {
            let own = db::calendars::busy_for(&app.db.conn, user.0.id).await?;
            let clashes: Vec<usize> = raw
                .iter()
                .zip(&rows)
                .filter_map(|(r, n)| {
                    let t = schedule::parse_time(&r.starts_at, page.tz).ok()?;
                    let slot = p.slots.iter().find(|s| s.starts_at == t)?;
                    busy::clashes(slot.starts_at, slot.ends_at(), &own).then_some(*n)
                })
                .collect();
            if !clashes.is_empty() {
                return html(
                    render_session(
                        app,
                        &page,
                        &user,
                        id,
                        form_values(&form),
                        json!({}),
                        clashes,
                    )
                    .await?,
                );
            }
        }
    }
    match db::sessions::propose(
        app,
        &user.0,
        id,
        &raw,
        form.get("meeting_url"),
        form.get("message"),
    )
    .await
    {
        Ok(_) => done(format!("/sessions/{id}"), "flash-proposed"),
        Err(e) if e.fields.is_some() => {
            reshow(
                app,
                &page,
                &user,
                id,
                form_values(&form),
                form_errors(&e, &rows),
            )
            .await
        }
        Err(e) => refused(format!("/sessions/{id}"), e),
    }
}

#[post("/sessions/<id>/confirm", data = "<form>")]
async fn confirm(app: &State<App>, user: CurrentUser, id: i32, form: FormData) -> PageResult {
    match db::sessions::confirm(app, &user.0, id, form.get("starts_at")).await {
        Ok(_) => done(format!("/sessions/{id}"), "flash-confirmed"),
        Err(e) if e.fields.is_some() => refused(
            format!("/sessions/{id}"),
            AppError::conflict("slot_not_proposed", ""),
        ),
        Err(e) => refused(format!("/sessions/{id}"), e),
    }
}

#[post("/sessions/<id>/cancel", data = "<form>")]
async fn cancel(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
    form: FormData,
) -> PageResult {
    match db::sessions::cancel(app, &user.0, id, form.get("reason")).await {
        Ok(_) => done(format!("/sessions/{id}"), "flash-cancelled"),
        Err(e) if e.fields.is_some() => {
            reshow(app, &page, &user, id, form_values(&form), field_errors(&e)).await
        }
        Err(e) => refused(format!("/sessions/{id}"), e),
    }
}

#[post("/sessions/<id>/held", data = "<_form>")]
async fn held(app: &State<App>, user: CurrentUser, id: i32, _form: FormData) -> PageResult {
    match db::sessions::held(app, &user.0, id).await {
        Ok(l) => done(format!("/plans/{}", l.plan.id), "flash-held"),
        Err(e) => refused(format!("/sessions/{id}"), e),
    }
}

/// A calendar file as a download.
#[derive(Responder)]
struct IcsFile {
    body: (ContentType, String),
    disposition: Header<'static>,
    cache: Header<'static>,
}

fn ics_file(body: (ContentType, String), filename: &str) -> IcsFile {
    IcsFile {
        body,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{filename}\""),
        ),
        cache: Header::new("Cache-Control", "no-store"),
    }
}

#[get("/sessions/<id>/invite.ics")]
async fn invite_download(
    app: &State<App>,
    user: CurrentUser,
    id: i32,
) -> Result<IcsFile, AppError> {
    let body = crate::routes::api::invite_ics(app, &user, id).await?;
    Ok(ics_file(body, "invite.ics"))
}

/// The personal feed: every session of the secret's owner, as one calendar.
#[get("/calendar/<file>")]
async fn feed(app: &State<App>, file: &str) -> Result<IcsFile, AppError> {
    let secret = file.strip_suffix(".ics").ok_or_else(AppError::not_found)?;
    let owner = db::calendars::feed_owner(&app.db.conn, secret).await?;
    let lang = crate::views::user_lang(&owner);
    let now = app.clock.now();
    let events: Vec<invite::Event> = db::sessions::for_feed(&app.db.conn, &owner)
        .await?
        .iter()
        .filter_map(|l| db::sessions::event(app, l, lang, now))
        .collect();
    let name = crate::i18n::t_args(
        lang,
        "ics-feed-name",
        &[("name", owner.display_name.clone())],
    );
    let body = invite::feed(&name, &events);
    Ok(ics_file(
        (
            ContentType::new("text", "calendar").with_params(("charset", "UTF-8")),
            body,
        ),
        "kakehashi.ics",
    ))
}

/// Time zones offered in settings (any IANA name is accepted through the API).
const ZONES: [&str; 12] = [
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Kolkata",
    "Europe/London",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
];

async fn render_settings(
    app: &App,
    page: &Page,
    user: &CurrentUser,
    feed_url: Option<String>,
    errors: Value,
    values: Value,
) -> AppResult<RawHtml<String>> {
    let feed = db::calendars::feed(&app.db.conn, user.0.id).await?;
    let busy = db::calendars::busy_row(&app.db.conn, user.0.id).await?;
    let sharing = match user.role() {
        Some(crate::domain::codes::Role::Mentee) => {
            db::intakes::find_for_mentee(&app.db.conn, user.0.id)
                .await?
                .map(|row| db::intakes::fields(&row).share_sheets)
                .or(Some(false))
        }
        _ => None,
    };
    let now = app.clock.now();
    let upcoming: Vec<String> = busy
        .as_ref()
        .map(|b| {
            db::calendars::intervals(b)
                .iter()
                .filter(|i| i.ends_at > now)
                .take(5)
                .map(|i| fmt_range(i.starts_at, i.ends_at, page.tz, page.lang))
                .collect()
        })
        .unwrap_or_default();
    page.render(
        app,
        "settings.html",
        json!({
            "settings": {"locale": user.0.locale, "time_zone": user.0.time_zone},
            "zones": ZONES,
            "feed": {"active": feed.is_some(), "created_at": feed.map(|f| page.dt(f.created_at)), "new_url": feed_url},
            "busy": busy.map(|b| json!({
                "url": b.url,
                "count": db::calendars::intervals(&b).len(),
                "fetched_at": page.dt(b.fetched_at),
                "upcoming": upcoming,
            })),
            "show_sharing": sharing.is_some(),
            "sharing": sharing.unwrap_or(false),
            "errors": errors,
            "values": values,
        }),
    )
}

#[get("/settings")]
async fn settings(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
) -> Result<RawHtml<String>, AppError> {
    render_settings(app, &page, &user, None, json!({}), json!({})).await
}

/// Back to settings with a flash, or the settings page again with each
/// problem beside its field.
async fn settings_answer<T>(
    app: &App,
    page: &Page,
    user: &CurrentUser,
    form: Option<&FormData>,
    result: AppResult<T>,
    flash: &str,
) -> PageResult {
    match result {
        Ok(_) => done("/settings", flash),
        Err(e) if e.fields.is_some() => {
            let values = form.map_or_else(|| json!({}), form_values);
            html(render_settings(app, page, user, None, field_errors(&e), values).await?)
        }
        Err(e) => Err(e),
    }
}

#[post("/settings", data = "<form>")]
async fn settings_save(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    form: FormData,
) -> PageResult {
    let result = db::users::update_settings(
        app,
        &user.0,
        Some(form.get("locale")),
        Some(form.get("time_zone")),
    )
    .await;
    settings_answer(
        app,
        &page,
        &user,
        Some(&form),
        result,
        "flash-settings-saved",
    )
    .await
}

#[post("/settings/feed", data = "<_form>")]
async fn feed_new(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    _form: FormData,
) -> Result<RawHtml<String>, AppError> {
    let secret = db::calendars::new_feed(app, user.0.id).await?;
    let url = db::calendars::feed_url(app, &secret);
    render_settings(app, &page, &user, Some(url), json!({}), json!({})).await
}

#[post("/settings/feed/revoke", data = "<_form>")]
async fn feed_revoke(app: &State<App>, user: CurrentUser, _form: FormData) -> PageResult {
    db::calendars::revoke_feed(app, user.0.id).await?;
    done("/settings", "flash-feed-revoked")
}

/// The busy-times upload (multipart, so the CSRF token is checked here).
#[derive(FromForm)]
struct BusyUpload<'r> {
    csrf_token: Option<String>,
    file: TempFile<'r>,
}

#[post("/settings/busy/file", data = "<form>")]
async fn busy_file(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    csrf: CsrfToken,
    _same_site: crate::auth::csrf::FromThisSite,
    form: Form<BusyUpload<'_>>,
) -> PageResult {
    let given = form.csrf_token.as_deref().unwrap_or("");
    if !crate::auth::tokens::constant_eq(given, &csrf.0) {
        return Err(AppError::csrf());
    }
    let text = match read_upload(&form.file).await {
        Ok(t) => t,
        Err(p) => {
            let errors = json!({"file": [p]});
            return html(render_settings(app, &page, &user, None, errors, json!({})).await?);
        }
    };
    let result = db::calendars::save_busy(app, &user.0, &text, None).await;
    settings_answer(app, &page, &user, None, result, "flash-busy-saved").await
}

async fn read_upload(file: &TempFile<'_>) -> Result<String, &'static str> {
    use rocket::tokio::io::AsyncReadExt;
    if file.len() == 0 {
        return Err("required");
    }
    if file.len() > db::calendars::MAX_ICS_BYTES as u64 {
        return Err("too_large");
    }
    let mut reader = file.open().await.map_err(|_| "not_a_calendar")?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .await
        .map_err(|_| "not_a_calendar")?;
    String::from_utf8(bytes).map_err(|_| "not_a_calendar")
}

#[post("/settings/busy/url", data = "<form>")]
async fn busy_url(app: &State<App>, page: Page, user: CurrentUser, form: FormData) -> PageResult {
    let result = async {
        let (url, text) = db::calendars::fetch(app, form.get("url")).await?;
        db::calendars::save_busy(app, &user.0, &text, Some(url)).await
    }
    .await;
    settings_answer(app, &page, &user, Some(&form), result, "flash-busy-saved").await
}

#[post("/settings/busy/clear", data = "<_form>")]
async fn busy_clear(app: &State<App>, user: CurrentUser, _form: FormData) -> PageResult {
    db::calendars::clear_busy(app, user.0.id).await?;
    done("/settings", "flash-busy-cleared")
}

#[post("/plans/<id>/extension", data = "<form>")]
async fn extension_request(
    app: &State<App>,
    mentee: Mentee,
    id: i32,
    form: FormData,
) -> PageResult {
    match db::extensions::request(app, &mentee.0, id, form.get("message")).await {
        Ok(_) => done(format!("/plans/{id}"), "flash-extension-requested"),
        Err(e) => refused(format!("/plans/{id}"), e),
    }
}

#[get("/coordinator/plans?<page_no>")]
async fn coordinator_plans(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    page_no: Option<&str>,
) -> Result<RawHtml<String>, AppError> {
    let n = page_no.and_then(|p| p.parse().ok()).unwrap_or(1);
    let paging = db::Paging::new(Some(100), Some(n))?;
    let (plans, total) = db::plans::dashboard(&app.db, paging, app.clock.now()).await?;
    let mut labels = page.labels();
    let rows: Vec<Value> = plans
        .into_iter()
        .map(|p| {
            let sessions: Vec<Value> = p
                .sessions
                .iter()
                .map(|s| {
                    let code = s.as_str();
                    object([
                        ("status", code.into()),
                        ("label", labels.get("session_status", code)),
                    ])
                })
                .collect();
            object([
                ("id", p.id.into()),
                ("status_label", labels.get("plan_status", &p.status)),
                ("kind_label", labels.get("plan_kind", &p.kind)),
                ("status", p.status.into()),
                ("mentee_name", p.mentee_name.into()),
                ("mentor_name", p.mentor_name.into()),
                ("sessions", sessions.into()),
            ])
        })
        .collect();
    page.render(
        app,
        "coordinator/plans.html",
        object([
            ("plans", rows.into()),
            ("total", total.into()),
            ("page_no", paging.page.into()),
            ("pages", total.div_ceil(paging.limit).max(1).into()),
        ]),
    )
}

#[get("/coordinator/extensions")]
async fn coordinator_extensions(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
) -> Result<RawHtml<String>, AppError> {
    let paging = db::Paging::new(Some(200), Some(1))?;
    let (rows, _) =
        db::extensions::list(&app.db.conn, Some(ExtensionStatus::Pending), paging).await?;
    let items: Vec<Value> = rows
        .iter()
        .map(|v| {
            json!({
                "id": v.ext.id, "plan_id": v.plan.id, "status": v.ext.status, "message": v.ext.message,
                "mentee_name": v.mentee.display_name, "mentor_name": v.mentor.display_name,
                "created_at": page.dt(v.ext.created_at), "decline_reason": v.ext.decline_reason,
            })
        })
        .collect();
    page.render(
        app,
        "coordinator/extensions.html",
        json!({"extensions": items}),
    )
}

#[post("/coordinator/extensions/<id>/approve", data = "<_form>")]
async fn extension_approve(
    app: &State<App>,
    c: Coordinator,
    id: i32,
    _form: FormData,
) -> PageResult {
    match db::extensions::decide(app, &c.0, id, true, "").await {
        Ok(_) => done("/coordinator/extensions", "flash-extension-approved"),
        Err(e) => refused("/coordinator/extensions", e),
    }
}

#[post("/coordinator/extensions/<id>/decline", data = "<form>")]
async fn extension_decline(
    app: &State<App>,
    c: Coordinator,
    id: i32,
    form: FormData,
) -> PageResult {
    match db::extensions::decide(app, &c.0, id, false, form.get("reason")).await {
        Ok(_) => done("/coordinator/extensions", "flash-extension-declined"),
        Err(e) => refused("/coordinator/extensions", e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        plan,
        session,
        propose,
        confirm,
        cancel,
        held,
        invite_download,
        feed,
        settings,
        settings_save,
        feed_new,
        feed_revoke,
        busy_file,
        busy_url,
        busy_clear,
        extension_request,
        coordinator_plans,
        coordinator_extensions,
        extension_approve,
        extension_decline
    ]
}
