//! The mentor's pages: her home, her profile, and the proposals she answers.
use super::{codes, done, field_errors, html, refused, PageResult};
use crate::auth::csrf::FormData;
use crate::auth::Mentor;
use crate::db;
use crate::db::plans::Viewer;
use crate::domain::codes::AssignmentStatus;
use crate::domain::mentor::Profile;
use crate::error::AppError;
use crate::views::Page;
use crate::App;
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Route, State};
use serde_json::{json, Map, Value};

#[get("/mentor")]
async fn home(app: &State<App>, page: Page, mentor: Mentor) -> Result<RawHtml<String>, AppError> {
    let view = db::mentors::get(&app.db.conn, mentor.profile.id).await?;
    let paging = db::Paging::new(Some(50), Some(1))?;
    let (pending, _) = db::assignments::list(
        &app.db.conn,
        Some(mentor.profile.id),
        Some(AssignmentStatus::Pending),
        paging,
    )
    .await?;
    let intakes = mentee_names(app, pending.iter().map(|a| a.intake_id).collect()).await?;
    let pending: Vec<Value> = pending
        .iter()
        .map(|a| json!({"id": a.id, "mentee_name": intakes.get(&a.intake_id).cloned().unwrap_or_default(), "created_at": page.dt(a.created_at)}))
        .collect();
    let plans = db::plans::page(&app.db.conn, Viewer::Mentor(mentor.profile.id), paging).await?;
    let plans: Vec<Value> = plans
        .iter()
        .map(|p| json!({"id": p.plan.id, "kind": p.plan.kind, "status": p.plan.status, "mentee_name": p.mentee.display_name}))
        .collect();
    let load = json!({"active": view.active, "pending": view.pending, "capacity": view.profile.capacity, "accepting": view.profile.accepting});
    page.render(app, "mentor/home.html", json!({"mentor_name": mentor.user.display_name, "load": load, "pending": pending, "plans": plans}))
}

/// Mentee display names by intake id, in two queries.
async fn mentee_names(
    app: &App,
    intake_ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    use crate::db::entities::intakes;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let rows = intakes::Entity::find()
        .filter(intakes::Column::Id.is_in(intake_ids))
        .all(&app.db.conn)
        .await?;
    let users =
        db::intakes::users_by_id(&app.db.conn, rows.iter().map(|r| r.mentee_id).collect()).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            users
                .get(&r.mentee_id)
                .map(|u| (r.id, u.display_name.clone()))
        })
        .collect())
}

pub fn profile_values(p: &Profile) -> Value {
    serde_json::to_value(p).unwrap_or_else(|_| json!({}))
}

/// A profile form as a patch.
pub fn profile_patch(form: &FormData) -> Map<String, Value> {
    let mut m = Map::new();
    for k in [
        "headline",
        "bio",
        "industry",
        "company_size",
        "job_function",
        "position",
    ] {
        m.insert(k.into(), json!(form.get(k)));
    }
    m.insert("experiences".into(), json!(form.all("experiences")));
    let cap = form.get("capacity").trim();
    m.insert(
        "capacity".into(),
        cap.parse::<u64>()
            .map(|n| json!(n))
            .unwrap_or_else(|_| json!(cap)),
    );
    m.insert("accepting".into(), json!(form.get("accepting") == "true"));
    m
}

/// Render the profile form (shared with the coordinator's edit page).
pub fn render_profile(
    app: &App,
    page: &Page,
    action: &str,
    name: &str,
    values: Value,
    errors: Value,
) -> Result<RawHtml<String>, AppError> {
    page.render(
        app,
        "mentor/profile.html",
        json!({"action": action, "values": values, "errors": errors, "codes": codes(), "mentor_name": name}),
    )
}

/// Save a profile form, or re-render it with the input and the problems.
pub async fn save_profile(
    app: &App,
    page: &Page,
    mentor_id: i32,
    action: &str,
    back_to: &str,
    form: &FormData,
) -> PageResult {
    let patch = profile_patch(form);
    match db::mentors::update_profile(app, mentor_id, &patch).await {
        Ok(_) => done(back_to, "flash-profile-saved"),
        Err(e) if e.fields.is_some() => {
            let view = db::mentors::get(&app.db.conn, mentor_id).await?;
            let mut values = json!(patch);
            values["experiences"] = json!(form.all("experiences"));
            html(render_profile(
                app,
                page,
                action,
                &view.user.display_name,
                values,
                field_errors(&e),
            )?)
        }
        Err(e) => Err(e),
    }
}

#[get("/mentor/profile")]
async fn profile_form(
    app: &State<App>,
    page: Page,
    mentor: Mentor,
) -> Result<RawHtml<String>, AppError> {
    let p = db::mentors::parse_profile(&mentor.profile);
    render_profile(
        app,
        &page,
        "/mentor/profile",
        &mentor.user.display_name,
        profile_values(&p),
        json!({}),
    )
}

#[post("/mentor/profile", data = "<form>")]
async fn profile_save(app: &State<App>, page: Page, mentor: Mentor, form: FormData) -> PageResult {
    save_profile(
        app,
        &page,
        mentor.profile.id,
        "/mentor/profile",
        "/mentor/profile",
        &form,
    )
    .await
}

async fn render_assignment(
    app: &App,
    page: &Page,
    mentor: &Mentor,
    id: i32,
    errors: Value,
    reason: &str,
) -> Result<RawHtml<String>, AppError> {
    let a = db::assignments::get_for_mentor(&app.db.conn, id, mentor.profile.id).await?;
    let (intake, mentee) = db::intakes::get(&app.db.conn, a.intake_id).await?;
    let f = db::intakes::fields(&intake);
    // What she needs to decide; never the phone number.
    let summary = json!({
        "display_name": mentee.display_name, "age_band": f.age_band, "industry": f.industry, "company_size": f.company_size,
        "job_function": f.job_function, "position": f.position, "employment": f.employment, "children": f.children,
        "youngest_child_age": f.youngest_child_age, "leave_status": f.leave_status, "concerns": f.concerns,
        "self_check": f.self_check, "concern_detail": f.concern_detail, "goals": f.goals,
        "mentor_preferences": f.mentor_preferences, "plan": f.plan, "availability": f.availability,
    });
    let assignment = json!({
        "id": a.id, "status": a.status, "message": a.message, "created_at": page.dt(a.created_at), "decline_reason": a.decline_reason,
    });
    page.render(
        app,
        "mentor/assignment.html",
        json!({"assignment": assignment, "summary": summary, "errors": errors, "reason": reason}),
    )
}

#[get("/mentor/assignments/<id>")]
async fn assignment(
    app: &State<App>,
    page: Page,
    mentor: Mentor,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    render_assignment(app, &page, &mentor, id, json!({}), "").await
}

#[post("/mentor/assignments/<id>/accept", data = "<_form>")]
async fn accept(app: &State<App>, mentor: Mentor, id: i32, _form: FormData) -> PageResult {
    match db::assignments::accept(app, &mentor, id).await {
        Ok((_, plan_id)) => done(format!("/plans/{plan_id}"), "flash-accepted"),
        Err(e) => refused(format!("/mentor/assignments/{id}"), e),
    }
}

#[post("/mentor/assignments/<id>/decline", data = "<form>")]
async fn decline(
    app: &State<App>,
    page: Page,
    mentor: Mentor,
    id: i32,
    form: FormData,
) -> PageResult {
    match db::assignments::decline(app, &mentor, id, form.get("reason")).await {
        Ok(_) => done("/mentor", "flash-declined"),
        Err(e) if e.fields.is_some() => html(
            render_assignment(
                app,
                &page,
                &mentor,
                id,
                field_errors(&e),
                form.get("reason"),
            )
            .await?,
        ),
        Err(e) => refused(format!("/mentor/assignments/{id}"), e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        home,
        profile_form,
        profile_save,
        assignment,
        accept,
        decline
    ]
}
