//! The coordinator's pages: the intake queue, one intake, her ranked
//! candidates and the proposal to one of them, the mentor roster and
//! invitations, and the programme template.
use super::mentee::{overlay, patch_from_form, step_of, values_of, STEPS};
use super::mentor::{profile_values, render_profile, save_profile};
use super::{codes, done, field_errors, html, refused, PageResult};
use crate::auth::csrf::FormData;
use crate::auth::Coordinator;
use crate::db;
use crate::domain::codes::IntakeStatus;
use crate::error::AppError;
use crate::views::{object, Labels, Page};
use crate::App;
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Route, State};
use serde_json::{json, Map, Value};

fn pages(total: u64, limit: u64) -> u64 {
    total.div_ceil(limit).max(1)
}

#[get("/coordinator")]
fn index() -> rocket::response::Redirect {
    rocket::response::Redirect::to("/coordinator/intakes")
}

#[get("/coordinator/intakes?<status>&<page>")]
async fn queue(
    app: &State<App>,
    pg: Page,
    _c: Coordinator,
    status: Option<&str>,
    page: Option<&str>,
) -> Result<RawHtml<String>, AppError> {
    let status = crate::routes::api::code_param(status, "status", IntakeStatus::parse)?
        .unwrap_or(IntakeStatus::Submitted);
    let paging = crate::routes::api::paging(Some("100"), page)?;
    let (rows, total) = db::intakes::queue(&app.db, status, paging).await?;
    let mut labels = pg.labels();
    let intakes: Vec<Value> = rows
        .into_iter()
        .map(|i| {
            object([
                ("id", i.id.into()),
                ("status_label", labels.get("intake_status", &i.status)),
                ("status", i.status.into()),
                ("mentee_name", i.mentee_name.into()),
                ("completeness", i.completeness.into()),
                ("needs_call", i.needs_call.into()),
                ("submitted_at", i.submitted_at.map(|t| pg.dt(t)).into()),
            ])
        })
        .collect();
    let statuses: Vec<Value> = IntakeStatus::ALL
        .iter()
        .map(|s| {
            let code = s.as_str();
            object([
                ("code", code.into()),
                ("label", labels.get("intake_status", code)),
            ])
        })
        .collect();
    pg.render(
        app,
        "coordinator/queue.html",
        object([
            ("status", status.as_str().into()),
            ("statuses", statuses.into()),
            ("intakes", intakes.into()),
            ("total", total.into()),
            ("page", paging.page.into()),
            ("pages", pages(total, paging.limit).into()),
        ]),
    )
}

async fn render_intake(
    app: &App,
    page: &Page,
    id: i32,
    errors: Value,
    note: &str,
) -> Result<RawHtml<String>, AppError> {
    let (row, mentee) = db::intakes::get(&app.db.conn, id).await?;
    let f = db::intakes::fields(&row);
    let notes: Vec<Value> = db::intakes::call_notes(&app.db.conn, id)
        .await?
        .iter()
        .map(|(n, a)| json!({"author": a.display_name, "note": n.note, "created_at": page.dt(n.created_at)}))
        .collect();
    let edits: Vec<Value> = db::intakes::edits(&app.db.conn, id)
        .await?
        .iter()
        .map(|(e, u)| {
            let fields: Vec<String> = serde_json::from_str(&e.fields).unwrap_or_default();
            json!({"editor": u.display_name, "fields": fields, "created_at": page.dt(e.created_at)})
        })
        .collect();
    let assigned = db::assignments::for_intake(&app.db.conn, id).await?;
    let ids: Vec<i32> = assigned.iter().map(|a| a.mentor_id).collect();
    let named = db::mentors::by_ids(&app.db.conn, &ids).await?;
    let name_of = |mentor_id: i32| {
        named
            .iter()
            .find(|m| m.row.id == mentor_id)
            .map(|m| m.user.display_name.clone())
            .unwrap_or_default()
    };
    let assignments: Vec<Value> = assigned
        .iter()
        .map(|a| {
            json!({"id": a.id, "mentor_name": name_of(a.mentor_id), "status": a.status, "message": a.message,
                   "decline_reason": a.decline_reason, "created_at": page.dt(a.created_at)})
        })
        .collect();
    // The candidates page's ranking (cached per intake and length), its first few.
    let candidates: Vec<Value> = db::matching::candidates(&app.db, &row, CANDIDATES_SHOWN)
        .await?
        .iter()
        .take(CANDIDATES_PREVIEWED)
        .map(|(r, m)| json!({"display_name": m.display_name, "score": r.score, "eligible": r.eligible}))
        .collect();
    let intake = json!({
        "id": row.id, "status": row.status, "completeness": row.completeness, "needs_call": row.needs_call,
        "submitted_at": row.submitted_at.map(|t| page.dt(t)), "consent_version": row.consent_version,
        "missing": f.missing_required(),
    });
    page.render(
        app,
        "coordinator/intake.html",
        json!({
            "intake": intake, "values": values_of(&f), "mentee": {"display_name": mentee.display_name, "email": mentee.email},
            "phone": f.phone, "call_ok": f.call_ok, "call_notes": notes, "edits": edits, "assignments": assignments,
            "candidates": candidates, "can_assign": db::intakes::status(&row) == IntakeStatus::Submitted,
            "errors": errors, "note": note,
        }),
    )
}

/// How many of the best candidates the intake page names (their reasons and
/// the proposal are on the candidates page).
const CANDIDATES_PREVIEWED: usize = 3;
/// How many ranked candidates the candidates page lists, and how many when
/// the coordinator asks for more (the API's `limit` goes to 50 too).
const CANDIDATES_SHOWN: usize = 10;
const CANDIDATES_MORE: usize = 50;

/// The candidates page: her ranked candidates with their reasons, in one
/// form: the message once, and on each candidate who can be asked a button
/// that proposes her to that mentor with it.
async fn render_candidates(
    app: &App,
    page: &Page,
    id: i32,
    more: bool,
    errors: Value,
    message: &str,
) -> Result<RawHtml<String>, AppError> {
    let db::intakes::Named {
        intake: row,
        mentee_name,
    } = db::intakes::get_named(&app.db.conn, id).await?;
    let shown = if more {
        CANDIDATES_MORE
    } else {
        CANDIDATES_SHOWN
    };
    let can_assign = db::intakes::status(&row) == IntakeStatus::Submitted;
    let mut labels = page.labels();
    let candidates: Vec<Value> = db::matching::candidates(&app.db, &row, shown)
        .await?
        .iter()
        .map(|(r, m)| candidate_view(page, &mut labels, r, m, can_assign))
        .collect();
    // A full first page may have more behind it.
    let more_link = (!more && candidates.len() == CANDIDATES_SHOWN).then_some(CANDIDATES_MORE);
    page.render(
        app,
        "coordinator/candidates.html",
        object([
            (
                "intake",
                json!({"id": row.id, "status": row.status, "needs_call": row.needs_call}),
            ),
            ("mentee", json!({"display_name": mentee_name})),
            ("candidates", candidates.into()),
            ("more", more_link.into()),
            ("can_assign", can_assign.into()),
            ("errors", errors),
            ("message", message.into()),
        ]),
    )
}

/// One candidate as the candidates page shows her: every label is looked up
/// here (ten candidates have about a hundred), so the template only places them.
fn candidate_view(
    page: &Page,
    labels: &mut Labels<'_>,
    r: &crate::domain::matching::Ranked,
    m: &db::matching::Shown,
    can_assign: bool,
) -> Value {
    // Her button, when she can be asked now.
    let askable = can_assign && r.eligible;
    let ask = askable.then(|| page.t_args("assign-submit", &[("name", m.display_name.clone())]));
    let reasons: Vec<Value> = r
        .reasons
        .iter()
        .map(|x| {
            let importance = x.importance.as_str();
            object([
                ("matched", x.matched.into()),
                ("label", labels.get(x.fluent_prefix(), &x.code)),
                ("importance", importance.into()),
                ("importance_label", labels.get("importance", importance)),
            ])
        })
        .collect();
    let load = [
        ("active", m.active.to_string()),
        ("pending", m.pending.to_string()),
        ("capacity", r.capacity.to_string()),
    ];
    object([
        ("mentor_id", m.mentor_id.into()),
        ("display_name", m.display_name.as_str().into()),
        ("headline", m.headline.as_str().into()),
        ("score", r.score.into()),
        ("reasons", reasons.into()),
        ("eligible", r.eligible.into()),
        ("musts_met", r.musts_met.into()),
        (
            "ineligible_label",
            r.ineligible_because.map(|i| page.t(i.fluent_key())).into(),
        ),
        ("load", labels.args("candidate-load", &load)),
        ("askable", askable.into()),
        ("assign_submit", ask.into()),
    ])
}

#[get("/coordinator/intakes/<id>")]
async fn intake(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    render_intake(app, &page, id, json!({}), "").await
}

#[get("/coordinator/intakes/<id>/candidates?<more>")]
async fn candidates(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    id: i32,
    more: Option<bool>,
) -> Result<RawHtml<String>, AppError> {
    render_candidates(app, &page, id, more.unwrap_or(false), json!({}), "").await
}

#[post("/coordinator/intakes/<id>/call-notes", data = "<form>")]
async fn add_note(
    app: &State<App>,
    page: Page,
    c: Coordinator,
    id: i32,
    form: FormData,
) -> PageResult {
    match db::intakes::add_call_note(app, c.0.id, id, form.get("note")).await {
        Ok(_) => done(format!("/coordinator/intakes/{id}"), "flash-note-added"),
        Err(e) if e.fields.is_some() => {
            html(render_intake(app, &page, id, field_errors(&e), form.get("note")).await?)
        }
        Err(e) => Err(e),
    }
}

#[post("/coordinator/intakes/<id>/assignments", data = "<form>")]
async fn assign(
    app: &State<App>,
    page: Page,
    c: Coordinator,
    id: i32,
    form: FormData,
) -> PageResult {
    let Ok(mentor_id) = form.get("mentor_id").parse::<i32>() else {
        return html(
            render_candidates(
                app,
                &page,
                id,
                false,
                json!({"mentor_id": ["required"]}),
                form.get("message"),
            )
            .await?,
        );
    };
    match db::assignments::create(app, &c.0, id, mentor_id, form.get("message")).await {
        Ok(_) => done(format!("/coordinator/intakes/{id}"), "flash-assigned"),
        Err(e) if e.fields.is_some() => html(
            render_candidates(app, &page, id, false, field_errors(&e), form.get("message")).await?,
        ),
        Err(e) => refused(format!("/coordinator/intakes/{id}/candidates"), e),
    }
}

/// Every intake field except consent, which only the mentee gives.
fn all_fields() -> Vec<&'static str> {
    STEPS.iter().flat_map(|s| s.iter().copied()).collect()
}

async fn render_edit(
    app: &App,
    page: &Page,
    id: i32,
    values: Option<Value>,
    errors: Value,
) -> Result<RawHtml<String>, AppError> {
    let (row, mentee) = db::intakes::get(&app.db.conn, id).await?;
    let values = values.unwrap_or_else(|| values_of(&db::intakes::fields(&row)));
    let steps: Vec<Value> = (1..=4)
        .map(|n| json!({"number": n, "key": format!("intake-step-{n}")}))
        .collect();
    page.render(
        app,
        "coordinator/intake_edit.html",
        json!({"intake_id": id, "values": values, "errors": errors, "codes": codes(), "mentee_name": mentee.display_name, "steps": steps}),
    )
}

#[get("/coordinator/intakes/<id>/edit")]
async fn edit_form(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    render_edit(app, &page, id, None, json!({})).await
}

#[post("/coordinator/intakes/<id>/edit", data = "<form>")]
async fn edit_save(
    app: &State<App>,
    page: Page,
    c: Coordinator,
    id: i32,
    form: FormData,
) -> PageResult {
    let fields = all_fields();
    match db::intakes::edit_on_behalf(app, c.0.id, id, &patch_from_form(&form, &fields)).await {
        Ok(_) => done(format!("/coordinator/intakes/{id}"), "flash-intake-updated"),
        Err(e) if e.fields.is_some() => {
            let (row, _) = db::intakes::get(&app.db.conn, id).await?;
            let mut values = values_of(&db::intakes::fields(&row));
            overlay(&mut values, &form, &fields);
            let _ = step_of;
            html(render_edit(app, &page, id, Some(values), field_errors(&e)).await?)
        }
        Err(e) => refused(format!("/coordinator/intakes/{id}"), e),
    }
}

#[get("/coordinator/mentors?<page>")]
async fn mentors(
    app: &State<App>,
    pg: Page,
    _c: Coordinator,
    page: Option<&str>,
) -> Result<RawHtml<String>, AppError> {
    let paging = crate::routes::api::paging(Some("100"), page)?;
    let (rows, total) = db::mentors::list(&app.db.conn, None, paging).await?;
    let mentors: Vec<Value> = rows
        .iter()
        .map(|m| {
            json!({"id": m.row.id, "display_name": m.user.display_name, "email": m.user.email, "headline": m.profile.headline,
                   "active": m.active, "pending": m.pending, "capacity": m.profile.capacity, "accepting": m.profile.accepting,
                   "invitation_pending": m.invitation_pending, "user_id": m.user.id, "disabled": m.user.disabled})
        })
        .collect();
    pg.render(app, "coordinator/mentors.html", json!({"mentors": mentors, "total": total, "page": paging.page, "pages": pages(total, paging.limit)}))
}

#[get("/coordinator/mentors/new")]
fn mentor_new_form(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
) -> Result<RawHtml<String>, AppError> {
    let values =
        json!({"email": "", "display_name": "", "headline": "", "capacity": "2", "locale": "ja"});
    page.render(
        app,
        "coordinator/mentor_new.html",
        json!({"values": values, "errors": {}}),
    )
}

#[post("/coordinator/mentors/new", data = "<form>")]
async fn mentor_invite(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    form: FormData,
) -> PageResult {
    let cap = form.get("capacity").trim();
    let mut raw = Map::new();
    raw.insert("email".into(), json!(form.get("email")));
    raw.insert("display_name".into(), json!(form.get("display_name")));
    raw.insert("locale".into(), json!(form.get("locale")));
    raw.insert(
        "profile".into(),
        json!({"headline": form.get("headline"), "capacity": cap.parse::<u64>().map(|n| json!(n)).unwrap_or_else(|_| json!(cap))}),
    );
    match db::mentors::invite(app, &raw).await {
        Ok(_) => done("/coordinator/mentors", "flash-mentor-invited"),
        Err(e) if e.fields.is_some() || e.code == "email_taken" => {
            let mut errors: Map<String, Value> = Map::new();
            for (k, v) in e.fields.clone().unwrap_or_default() {
                errors.insert(k.trim_start_matches("profile.").to_string(), json!(v));
            }
            if e.code == "email_taken" {
                errors.insert("email".into(), json!(["email_taken"]));
            }
            let values = json!({"email": form.get("email"), "display_name": form.get("display_name"),
                                "headline": form.get("headline"), "capacity": cap, "locale": form.get("locale")});
            html(page.render(
                app,
                "coordinator/mentor_new.html",
                json!({"values": values, "errors": errors}),
            )?)
        }
        Err(e) => Err(e),
    }
}

#[get("/coordinator/mentors/<id>/edit")]
async fn mentor_edit_form(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    let m = db::mentors::get(&app.db.conn, id).await?;
    let action = format!("/coordinator/mentors/{id}/edit");
    render_profile(
        app,
        &page,
        &action,
        &m.user.display_name,
        profile_values(&m.profile),
        json!({}),
    )
}

#[post("/coordinator/mentors/<id>/edit", data = "<form>")]
async fn mentor_edit_save(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    id: i32,
    form: FormData,
) -> PageResult {
    db::mentors::get(&app.db.conn, id).await?;
    let action = format!("/coordinator/mentors/{id}/edit");
    save_profile(app, &page, id, &action, "/coordinator/mentors", &form).await
}

#[get("/coordinator/template")]
async fn template_form(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
) -> Result<RawHtml<String>, AppError> {
    let sessions: Vec<Value> = db::plans::template(&app.db.conn)
        .await?
        .iter()
        .map(|t| {
            let prompts: Vec<String> = serde_json::from_str(&t.prompts).unwrap_or_default();
            json!({"number": t.number, "theme": t.theme, "prompts": prompts.join("\n")})
        })
        .collect();
    page.render(
        app,
        "coordinator/template.html",
        json!({"sessions": sessions, "errors": {}}),
    )
}

#[post("/coordinator/template", data = "<form>")]
async fn template_save(
    app: &State<App>,
    page: Page,
    _c: Coordinator,
    form: FormData,
) -> PageResult {
    let input: Vec<(String, Vec<String>)> = (1..=3)
        .map(|n| {
            let prompts = form
                .get(&format!("prompts_{n}"))
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            (form.get(&format!("theme_{n}")).to_string(), prompts)
        })
        .collect();
    match db::plans::update_template(app, &input).await {
        Ok(()) => done("/coordinator/template", "flash-template-saved"),
        Err(e) if e.fields.is_some() => {
            let sessions: Vec<Value> = input
                .iter()
                .enumerate()
                .map(|(i, (t, p))| json!({"number": i + 1, "theme": t, "prompts": p.join("\n")}))
                .collect();
            html(page.render(
                app,
                "coordinator/template.html",
                json!({"sessions": sessions, "errors": field_errors(&e)}),
            )?)
        }
        Err(e) => Err(e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        index,
        queue,
        intake,
        candidates,
        add_note,
        assign,
        edit_form,
        edit_save,
        mentors,
        mentor_new_form,
        mentor_invite,
        mentor_edit_form,
        mentor_edit_save,
        template_form,
        template_save
    ]
}
