//! The sheet pages: the mentee writes (with autosave and a stale-tab
//! warning) and submits, her mentor reads and replies, a consenting
//! mentee's coordinator reads (recorded); the exchange diary of a plan; the
//! feedback form; the mentee's sharing choice; the coordinator's stalled
//! pairs and outcome figures.
use super::{done, field_errors, html, refused, PageResult};
use crate::auth::csrf::FormData;
use crate::auth::{Coordinator, CurrentUser, Mentee};
use crate::db;
use crate::db::sheets::SheetView;
use crate::domain::codes::{SessionStatus, SheetStatus, Side};
use crate::domain::outcomes;
use crate::domain::sheet::{self, Draft, DraftPatch, MAX_ACTION_CHARS, MAX_CHARS};
use crate::error::{AppError, AppResult};
use crate::views::{object, Page};
use crate::App;
use rocket::response::content::RawHtml;
use rocket::serde::json::Json;
use rocket::{get, post, routes, Route, State};
use serde_json::{json, Value};

/// What to show beside the form when it is shown again.
#[derive(Default)]
struct Again {
    /// What she typed (kept on any problem).
    values: Option<Value>,
    errors: Value,
    /// A notice key, e.g. `sheet-stale`.
    notice: Option<&'static str>,
    /// The text saved elsewhere, when her save was stale.
    newer: Option<Draft>,
}

fn draft_json(d: &Draft) -> Value {
    json!({"realizations": d.realizations, "next_actions": d.next_actions, "questions": d.questions})
}

fn render_sheet(app: &App, page: &Page, v: &SheetView, again: Again) -> AppResult<RawHtml<String>> {
    let now = app.clock.now();
    let l = &v.loaded;
    let status = v.status();
    let held = db::sessions::state(&l.session).effective_status(now) == SessionStatus::Held;
    let row = v.sheet.as_ref();
    let prompts: Vec<String> = serde_json::from_str(&l.session.prompts).unwrap_or_default();
    let editable = v.side == Some(Side::Mentee)
        && held
        && sheet::check_save(SessionStatus::Held, status).is_ok();
    let can_reply = v.side == Some(Side::Mentor) && sheet::check_reply(status).is_ok();
    let reply = row.and_then(|r| {
        Some(json!({
            "message": r.reply_message.clone()?,
            "strengths": r.reply_strengths.clone()?,
            "replied_at": page.dt(r.replied_at?),
        }))
    });
    page.render(
        app,
        "sheets/sheet.html",
        json!({
            "session": {
                "id": l.session.id, "number": l.session.number, "theme": l.session.theme,
                "plan_id": l.plan.id, "prompts": prompts, "held": held,
            },
            "side": v.side.map(|s| s.as_str()),
            "mentee_name": l.mentee.display_name,
            "mentor_name": l.mentor.display_name,
            "status": status.as_str(),
            "sheet": draft_json(&v.draft()),
            "values": again.values.unwrap_or_else(|| draft_json(&v.draft())),
            "errors": again.errors,
            "notice": again.notice,
            "newer": again.newer.as_ref().map(draft_json),
            "version": v.version(),
            "saved_at": row.map(|r| page.dt(r.updated_at)),
            "submitted_at": row.and_then(|r| r.submitted_at).map(|t| page.dt(t)),
            "reply": reply,
            "editable": editable,
            "can_reply": can_reply,
            "max_chars": MAX_CHARS,
        }),
    )
}

#[get("/sessions/<id>/sheet")]
async fn sheet_page(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    let v = db::sheets::read(app, &user.0, id).await?;
    render_sheet(app, &page, &v, Again::default())
}

fn form_patch(form: &FormData) -> Result<DraftPatch, AppError> {
    DraftPatch::parse(
        Some(form.get("realizations")),
        Some(form.get("next_actions")),
        Some(form.get("questions")),
    )
    .map_err(AppError::validation)
}

/// The version the page was loaded with; a form without one (or with a
/// garbled one) is treated as stale rather than trusted.
fn form_version(form: &FormData) -> Option<i32> {
    Some(form.get("version").trim().parse().unwrap_or(-1))
}

fn typed(form: &FormData) -> Value {
    json!({
        "realizations": form.get("realizations"),
        "next_actions": form.get("next_actions"),
        "questions": form.get("questions"),
    })
}

/// Save (button "save") or save and submit (button "submit").
#[post("/sessions/<id>/sheet", data = "<form>")]
async fn sheet_save(
    app: &State<App>,
    page: Page,
    user: Mentee,
    id: i32,
    form: FormData,
) -> PageResult {
    let to = format!("/sessions/{id}/sheet");
    let saved = match form_patch(&form) {
        Ok(patch) => db::sheets::save(app, &user.0, id, &patch, form_version(&form)).await,
        Err(e) => Err(e),
    };
    let again = |e: &AppError, notice, newer| Again {
        values: Some(typed(&form)),
        errors: field_errors(e),
        notice,
        newer,
    };
    match saved {
        Ok(_) if form.get("action") != "submit" => done(to, "flash-sheet-saved"),
        Ok(_) => match db::sheets::submit(app, &user.0, id).await {
            Ok(_) => done(to, "flash-sheet-submitted"),
            Err(e) if e.fields.is_some() => {
                let v = db::sheets::read(app, &user.0, id).await?;
                html(render_sheet(app, &page, &v, again(&e, None, None))?)
            }
            Err(e) => refused(to, e),
        },
        Err(e) if e.fields.is_some() => {
            let v = db::sheets::read(app, &user.0, id).await?;
            html(render_sheet(app, &page, &v, again(&e, None, None))?)
        }
        Err(e) if e.code == sheet::refusal::SHEET_SUBMITTED => {
            // Submitted meanwhile (another tab): show what was submitted and
            // keep what this tab held, so she can copy it.
            let v = db::sheets::read(app, &user.0, id).await?;
            let typed = Draft {
                realizations: form.get("realizations").to_string(),
                next_actions: form.get("next_actions").to_string(),
                questions: form.get("questions").to_string(),
            };
            html(render_sheet(
                app,
                &page,
                &v,
                again(&e, Some("sheet-submitted-elsewhere"), Some(typed)),
            )?)
        }
        Err(e) if e.code == sheet::refusal::STALE_DRAFT => {
            // Keep what she typed, show what was saved elsewhere, and let her
            // save again knowingly (the form now carries the newer version).
            let v = db::sheets::read(app, &user.0, id).await?;
            let newer = Some(v.draft());
            html(render_sheet(
                app,
                &page,
                &v,
                again(&e, Some("sheet-stale"), newer),
            )?)
        }
        Err(e) => refused(to, e),
    }
}

/// The autosave behind the sheet form (script): JSON in the answer, 409 when
/// another tab saved first.
#[post("/sessions/<id>/sheet/autosave", data = "<form>")]
async fn sheet_autosave(
    app: &State<App>,
    page: Page,
    user: Mentee,
    id: i32,
    form: FormData,
) -> Result<Json<Value>, (rocket::http::Status, Json<Value>)> {
    let saved = match form_patch(&form) {
        Ok(patch) => db::sheets::save(app, &user.0, id, &patch, form_version(&form)).await,
        Err(e) => Err(e),
    };
    // The script reads the error's code (stale, submitted, too long…).
    let v = saved.map_err(|e| (e.status, Json(e.body())))?;
    Ok(Json(json!({
        "version": v.version(),
        "saved_at": v.sheet.as_ref().map(|r| page.dt(r.updated_at)),
    })))
}

#[post("/sessions/<id>/sheet/reply", data = "<form>")]
async fn sheet_reply(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
    form: FormData,
) -> PageResult {
    let to = format!("/sessions/{id}/sheet");
    match db::sheets::reply(app, &user.0, id, form.get("message"), form.get("strengths")).await {
        Ok(_) => done(to, "flash-sheet-replied"),
        Err(e) if e.fields.is_some() => {
            let v = db::sheets::read(app, &user.0, id).await?;
            let again = Again {
                values: Some(
                    json!({"message": form.get("message"), "strengths": form.get("strengths")}),
                ),
                errors: field_errors(&e),
                ..Again::default()
            };
            html(render_sheet(app, &page, &v, again)?)
        }
        Err(e) => refused(to, e),
    }
}

/// Every session's sheet and reply of a plan, in order, like a diary.
#[get("/plans/<id>/exchange")]
async fn exchange(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    let x = db::sheets::exchange(app, &user.0, id).await?;
    let entries: Vec<Value> = x
        .view
        .sessions
        .iter()
        .map(|s| {
            let row = x.sheets.get(&s.id);
            let status = db::sheets::status_of(s);
            json!({
                "id": s.id, "number": s.number, "theme": s.theme,
                "held_at": s.held_at.map(|t| page.dt(t)),
                "status": status.as_str(),
                "sheet": row.map(|r| json!({
                    "realizations": r.realizations, "next_actions": r.next_actions, "questions": r.questions,
                    "submitted_at": r.submitted_at.map(|t| page.dt(t)),
                    "draft": status == SheetStatus::Draft,
                })),
                "reply": row.and_then(|r| Some(json!({
                    "message": r.reply_message.clone()?, "strengths": r.reply_strengths.clone()?,
                    "replied_at": page.dt(r.replied_at?),
                }))),
            })
        })
        .collect();
    let reads: Vec<Value> = if x.side == Some(Side::Mentee) {
        let paging = db::Paging::new(Some(200), Some(1))?;
        db::sheets::reads(&app.db.conn, user.0.id, Some(id), paging)
            .await?
            .0
            .iter()
            .map(|r| json!({"reader": r.reader, "number": r.number, "read_at": page.dt(r.read.read_at)}))
            .collect()
    } else {
        Vec::new()
    };
    page.render(
        app,
        "sheets/exchange.html",
        json!({
            "plan": {"id": x.view.plan.id, "kind": x.view.plan.kind, "status": x.view.plan.status},
            "mentee_name": x.view.mentee.display_name,
            "mentor_name": x.view.mentor.display_name,
            "side": x.side.map(|s| s.as_str()),
            "entries": entries,
            "reads": reads,
        }),
    )
}

fn render_feedback(
    app: &App,
    page: &Page,
    plan: &crate::db::entities::plans::Model,
    given: Option<&crate::db::entities::plan_feedback::Model>,
    open: bool,
    values: Value,
    errors: Value,
) -> AppResult<RawHtml<String>> {
    page.render(
        app,
        "sheets/feedback.html",
        json!({
            "plan": {"id": plan.id, "status": plan.status},
            "completed": open,
            "given": given.map(|f| json!({
                "satisfaction": f.satisfaction, "positive_action": f.positive_action,
                "positive_action_detail": f.positive_action_detail, "comment": f.comment,
                "created_at": page.dt(f.created_at),
            })),
            "values": values,
            "errors": errors,
            "max_chars": MAX_CHARS,
            "max_action_chars": MAX_ACTION_CHARS,
        }),
    )
}

#[get("/plans/<id>/feedback")]
async fn feedback_form(
    app: &State<App>,
    page: Page,
    user: Mentee,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    let (plan, given, open) = db::sheets::my_feedback(app, &user.0, id).await?;
    render_feedback(
        app,
        &page,
        &plan,
        given.as_ref(),
        open,
        json!({}),
        json!({}),
    )
}

#[post("/plans/<id>/feedback", data = "<form>")]
async fn feedback_save(
    app: &State<App>,
    page: Page,
    user: Mentee,
    id: i32,
    form: FormData,
) -> PageResult {
    let satisfaction = match form.get("satisfaction").trim() {
        "" => None,
        s => Some(s.parse::<i64>().unwrap_or(0)),
    };
    let positive = match form.get("positive_action") {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    match db::sheets::give_feedback(
        app,
        &user.0,
        id,
        satisfaction,
        positive,
        form.get("positive_action_detail"),
        form.get("comment"),
    )
    .await
    {
        Ok(_) => done(format!("/plans/{id}"), "flash-feedback-thanks"),
        Err(e) if e.fields.is_some() => {
            let (plan, given, open) = db::sheets::my_feedback(app, &user.0, id).await?;
            let values = json!({
                "satisfaction": form.get("satisfaction"), "positive_action": form.get("positive_action"),
                "positive_action_detail": form.get("positive_action_detail"), "comment": form.get("comment"),
            });
            html(render_feedback(
                app,
                &page,
                &plan,
                given.as_ref(),
                open,
                values,
                field_errors(&e),
            )?)
        }
        Err(e) => refused(format!("/plans/{id}/feedback"), e),
    }
}

/// Give or withdraw the coordinators' access to her sheets.
#[post("/settings/sheet-sharing", data = "<form>")]
async fn sharing(app: &State<App>, user: Mentee, form: FormData) -> PageResult {
    let share = form.get("share_sheets") == "true";
    db::sheets::set_sharing(app, &user.0, share).await?;
    done(
        "/settings#sharing",
        if share {
            "flash-sharing-on"
        } else {
            "flash-sharing-off"
        },
    )
}

#[get("/coordinator/stalled?<min_days>&<page>")]
async fn stalled(
    app: &State<App>,
    view: Page,
    _c: Coordinator,
    min_days: Option<&str>,
    page: Option<&str>,
) -> Result<RawHtml<String>, AppError> {
    // `page` is the query's page number; the view takes its name after it.
    let n = page.and_then(|p| p.parse().ok()).unwrap_or(1);
    let page = view;
    let paging = db::Paging::new(Some(100), Some(n))?;
    let now = app.clock.now();
    let min = crate::routes::api::min_wait(min_days).unwrap_or_else(|_| chrono::Duration::zero());
    let found = db::sheets::stalled_cached(&app.db, now, min, paging).await?;
    let (rows, total) = (&found.0, found.1);
    // Every text is made here, each distinct one once: the template places them.
    let mut texts = page.labels();
    let items: Vec<Value> = rows
        .iter()
        .map(|(s, p)| {
            let since = page.dt(s.since);
            object([
                ("plan_id", s.plan_id.into()),
                ("session_id", s.session_id.into()),
                ("waiting", s.waiting.as_str().into()),
                ("waiting_label", texts.get("waiting", s.waiting.as_str())),
                (
                    "days",
                    texts.number("stalled-days", "days", (now - s.since).num_days().max(0)),
                ),
                (
                    "since",
                    page.t_args("stalled-since", &[("date", since)]).into(),
                ),
                (
                    "session",
                    texts.number("plan-session-number", "number", s.number.into()),
                ),
                ("mentee_name", p.mentee.display_name.clone().into()),
                ("mentor_name", p.mentor.display_name.clone().into()),
            ])
        })
        .collect();
    page.render(
        app,
        "coordinator/stalled.html",
        object([
            ("items", items.into()),
            ("total", total.into()),
            ("page_no", paging.page.into()),
            ("pages", total.div_ceil(paging.limit).max(1).into()),
            ("min_days", min.num_days().into()),
            ("choices", json!([0, 3, 7, 14, 30])),
        ]),
    )
}

#[get("/coordinator/outcomes?<from>&<to>")]
async fn outcomes_page(
    app: &State<App>,
    page: Page,
    c: Coordinator,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<RawHtml<String>, AppError> {
    // A bad date is shown beside its field; the figures fall back to the
    // default period meanwhile.
    let (period, errors, values) = match crate::routes::api::outcomes_period(app, &c.0, from, to) {
        Ok(p) => {
            let v = json!({"from": p.1.to_string(), "to": p.2.to_string()});
            (p, json!({}), v)
        }
        Err(e) => (
            crate::routes::api::outcomes_period(app, &c.0, None, None)?,
            field_errors(&e),
            json!({"from": from.unwrap_or(""), "to": to.unwrap_or("")}),
        ),
    };
    let (p, f, t) = period;
    let (figures, _) = db::sheets::outcomes(&app.db.conn, &p).await?;
    page.render(
        app,
        "coordinator/outcomes.html",
        json!({
            "from": f.to_string(), "to": t.to_string(),
            "from_text": crate::views::fmt_date(f, page.lang), "to_text": crate::views::fmt_date(t, page.lang),
            "values": values,
            "errors": errors,
            "figures": crate::views::json::figures(&figures, f, t),
            "satisfaction_chart": outcomes::satisfaction_chart(&figures),
            "waiting_chart": outcomes::waiting_chart(&figures),
        }),
    )
}

#[get("/coordinator/outcomes.csv?<from>&<to>")]
async fn outcomes_csv(
    app: &State<App>,
    c: Coordinator,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<crate::routes::api::Download, AppError> {
    crate::routes::api::outcomes_csv(app, &c.0, from, to).await
}

pub fn routes() -> Vec<Route> {
    routes![
        sheet_page,
        sheet_save,
        sheet_autosave,
        sheet_reply,
        exchange,
        feedback_form,
        feedback_save,
        sharing,
        stalled,
        outcomes_page,
        outcomes_csv
    ]
}
