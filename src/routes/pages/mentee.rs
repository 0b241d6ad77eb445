//! The mentee's pages: her home and the multi-step intake.
use super::{codes, done, field_errors, html, refused, PageResult};
use crate::auth::csrf::FormData;
use crate::auth::Mentee;
use crate::db;
use crate::db::plans::Viewer;
use crate::domain::codes::{Experience, IntakeStatus};
use crate::domain::intake::{IntakeFields, CONSENT_VERSION};
use crate::error::AppError;
use crate::views::Page;
use crate::App;
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::{get, post, routes, Route, State};
use serde_json::{json, Map, Value};

/// The fields asked on each step (step 5 is the review and consent).
pub const STEPS: [&[&str]; 4] = [
    &[
        "age_band",
        "industry",
        "company_size",
        "job_function",
        "position",
        "employment",
    ],
    &[
        "children",
        "youngest_child_age",
        "leave_status",
        "availability",
        "phone",
        "call_ok",
    ],
    &["concerns", "self_check", "concern_detail", "goals"],
    &["mentor_preferences", "plan"],
];
const LISTS: &[&str] = &["availability", "concerns", "self_check"];
const NUMBERS: &[&str] = &["children", "youngest_child_age"];

pub fn step_of(field: &str) -> usize {
    STEPS
        .iter()
        .position(|s| s.contains(&field))
        .map(|i| i + 1)
        .unwrap_or(5)
}

/// The values a form shows, from the stored fields.
pub fn values_of(f: &IntakeFields) -> Value {
    let mut v = serde_json::to_value(f).unwrap_or_else(|_| json!({}));
    let prefs: Map<String, Value> = f
        .mentor_preferences
        .iter()
        .map(|p| (p.code.as_str().to_string(), json!(p.importance.as_str())))
        .collect();
    if let Value::Object(m) = &mut v {
        for n in NUMBERS {
            let s = m
                .get(*n)
                .and_then(Value::as_u64)
                .map(|x| x.to_string())
                .unwrap_or_default();
            m.insert(n.to_string(), json!(s));
        }
        for (k, val) in m.iter_mut() {
            if val.is_null() {
                *val = json!("");
            }
            let _ = k;
        }
        m.insert("call_ok".into(), json!(f.call_ok.unwrap_or(false)));
        m.insert("prefs".into(), Value::Object(prefs));
    }
    v
}

/// Turn a submitted form into a patch of the given fields (the domain checks it).
pub fn patch_from_form(form: &FormData, fields: &[&str]) -> Map<String, Value> {
    let mut patch = Map::new();
    for &name in fields {
        let value = if LISTS.contains(&name) {
            json!(form.all(name))
        } else if NUMBERS.contains(&name) {
            let raw = form.get(name).trim();
            if raw.is_empty() {
                Value::Null
            } else {
                raw.parse::<u64>()
                    .map(|n| json!(n))
                    .unwrap_or_else(|_| json!(raw))
            }
        } else if name == "call_ok" {
            json!(form.get("call_ok") == "true")
        } else if name == "mentor_preferences" {
            Value::Array(
                Experience::ALL
                    .iter()
                    .filter_map(|c| {
                        let importance = form.get(&format!("pref_{}", c.as_str()));
                        (!importance.is_empty())
                            .then(|| json!({"code": c.as_str(), "importance": importance}))
                    })
                    .collect(),
            )
        } else {
            json!(form.get(name))
        };
        patch.insert(name.to_string(), value);
    }
    patch
}

/// Overlay what was typed over the stored values, so a form with errors keeps the input.
pub fn overlay(values: &mut Value, form: &FormData, fields: &[&str]) {
    let Value::Object(m) = values else { return };
    for &name in fields {
        if LISTS.contains(&name) {
            m.insert(name.into(), json!(form.all(name)));
        } else if name == "call_ok" {
            m.insert(name.into(), json!(form.get(name) == "true"));
        } else if name == "mentor_preferences" {
            let prefs: Map<String, Value> = Experience::ALL
                .iter()
                .map(|c| {
                    (
                        c.as_str().to_string(),
                        json!(form.get(&format!("pref_{}", c.as_str()))),
                    )
                })
                .collect();
            m.insert("prefs".into(), Value::Object(prefs));
        } else {
            m.insert(name.into(), json!(form.get(name)));
        }
    }
}

fn steps(current: usize, f: &IntakeFields) -> Value {
    let missing = f.missing_required();
    (1..=5)
        .map(|n| {
            let done = n < 5 && STEPS[n - 1].iter().all(|field| !missing.contains(field));
            json!({"number": n, "key": format!("intake-step-{n}"), "done": done, "current": n == current})
        })
        .collect()
}

#[get("/home")]
async fn home(app: &State<App>, page: Page, mentee: Mentee) -> Result<RawHtml<String>, AppError> {
    let row = db::intakes::ensure(app, mentee.0.id).await?;
    let paging = db::Paging::new(Some(20), Some(1))?;
    let plans = db::plans::page(&app.db.conn, Viewer::Mentee(mentee.0.id), paging).await?;
    let plans: Vec<Value> = plans
        .iter()
        .map(|p| json!({"id": p.plan.id, "kind": p.plan.kind, "status": p.plan.status, "mentor_name": p.mentor.display_name}))
        .collect();
    let intake = json!({
        "status": row.status, "completeness": row.completeness, "needs_call": row.needs_call,
        "submitted_at": row.submitted_at.map(|t| page.dt(t)),
    });
    page.render(
        app,
        "mentee/home.html",
        json!({"intake": intake, "plans": plans}),
    )
}

#[get("/intake")]
async fn intake_start(app: &State<App>, mentee: Mentee) -> Result<Redirect, AppError> {
    let row = db::intakes::ensure(app, mentee.0.id).await?;
    Ok(match db::intakes::status(&row) {
        IntakeStatus::Draft => Redirect::to("/intake/step/1"),
        _ => Redirect::to("/intake/review"),
    })
}

/// Step 5 of the progress bar is the review page.
#[get("/intake/step/5")]
fn step_five() -> Redirect {
    Redirect::to("/intake/review")
}

fn render_step(
    app: &App,
    page: &Page,
    row: &crate::db::entities::intakes::Model,
    step: usize,
    values: Value,
    errors: Value,
) -> Result<RawHtml<String>, AppError> {
    let f = db::intakes::fields(row);
    page.render(
        app,
        "mentee/intake_step.html",
        json!({
            "step": step, "steps": steps(step, &f), "values": values, "errors": errors, "codes": codes(),
            "completeness": row.completeness, "status": row.status,
        }),
    )
}

#[get("/intake/step/<step>")]
async fn step_form(
    app: &State<App>,
    page: Page,
    mentee: Mentee,
    step: usize,
) -> Result<RawHtml<String>, AppError> {
    if !(1..=4).contains(&step) {
        return Err(AppError::not_found());
    }
    let row = db::intakes::ensure(app, mentee.0.id).await?;
    render_step(
        app,
        &page,
        &row,
        step,
        values_of(&db::intakes::fields(&row)),
        json!({}),
    )
}

#[post("/intake/step/<step>", data = "<form>")]
async fn step_save(
    app: &State<App>,
    page: Page,
    mentee: Mentee,
    step: usize,
    form: FormData,
) -> PageResult {
    if !(1..=4).contains(&step) {
        return Err(AppError::not_found());
    }
    let fields = STEPS[step - 1];
    let patch = patch_from_form(&form, fields);
    let row = db::intakes::ensure(app, mentee.0.id).await?;
    // Before a match she edits her intake; after it, each change is a
    // correction recorded in the trail.
    let result = match db::intakes::status(&row) {
        IntakeStatus::Draft | IntakeStatus::Submitted => {
            db::intakes::save(app, mentee.0.id, &patch).await
        }
        _ => db::intakes::correct(app, &mentee.0, &patch).await,
    };
    match result {
        Ok(_) => match form.get("action") {
            "back" if step > 1 => done(format!("/intake/step/{}", step - 1), "flash-draft-saved"),
            "next" if step < 4 => done(format!("/intake/step/{}", step + 1), "flash-draft-saved"),
            "next" => done("/intake/review", "flash-draft-saved"),
            _ => done(format!("/intake/step/{step}"), "flash-draft-saved"),
        },
        Err(e) if e.fields.is_some() => {
            let row = db::intakes::ensure(app, mentee.0.id).await?;
            let mut values = values_of(&db::intakes::fields(&row));
            overlay(&mut values, &form, fields);
            html(render_step(
                app,
                &page,
                &row,
                step,
                values,
                field_errors(&e),
            )?)
        }
        Err(e) => refused("/home", e),
    }
}

fn render_review(
    app: &App,
    page: &Page,
    row: &crate::db::entities::intakes::Model,
    errors: Value,
) -> Result<RawHtml<String>, AppError> {
    let f = db::intakes::fields(row);
    let missing = f.missing_required();
    let missing_steps: Map<String, Value> = missing
        .iter()
        .map(|m| (m.to_string(), json!(step_of(m))))
        .collect();
    page.render(
        app,
        "mentee/intake_review.html",
        json!({
            "step": 5, "steps": steps(5, &f), "values": values_of(&f), "missing": missing, "missing_steps": missing_steps,
            "errors": errors, "consent_version": CONSENT_VERSION, "completeness": row.completeness, "status": row.status,
            "submitted_at": row.submitted_at.map(|t| page.dt(t)),
        }),
    )
}

#[get("/intake/review")]
async fn review(app: &State<App>, page: Page, mentee: Mentee) -> Result<RawHtml<String>, AppError> {
    let row = db::intakes::ensure(app, mentee.0.id).await?;
    render_review(app, &page, &row, json!({}))
}

#[post("/intake/submit", data = "<form>")]
async fn submit(app: &State<App>, page: Page, mentee: Mentee, form: FormData) -> PageResult {
    let row = db::intakes::ensure(app, mentee.0.id).await?;
    if db::intakes::status(&row) != IntakeStatus::Draft {
        return done("/home", "flash-intake-submitted");
    }
    let mut consent = Map::new();
    consent.insert("consent".into(), json!(form.get("consent") == "true"));
    consent.insert(
        "share_sheets".into(),
        json!(form.get("share_sheets") == "true"),
    );
    if let Err(e) = db::intakes::save(app, mentee.0.id, &consent).await {
        return refused("/home", e);
    }
    match db::intakes::submit(app, &mentee.0).await {
        Ok(_) => done("/home", "flash-intake-submitted"),
        Err(e) if e.fields.is_some() => {
            let row = db::intakes::ensure(app, mentee.0.id).await?;
            html(render_review(app, &page, &row, field_errors(&e))?)
        }
        Err(e) => refused("/home", e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        home,
        intake_start,
        step_five,
        step_form,
        step_save,
        review,
        submit
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::IntakeFields;
    use proptest::prelude::*;

    /// Form pairs as a browser (or an attacker) could post them: the step's
    /// field names, the preference fields and junk, with any values.
    fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
        let names: Vec<String> = STEPS
            .iter()
            .flat_map(|s| s.iter().map(|n| n.to_string()))
            .chain(["pref_parenting", "pref_same_industry", "junk", "consent"].map(String::from))
            .collect();
        prop::collection::vec(
            (
                prop::sample::select(names),
                prop_oneof![
                    any::<String>(),
                    "[0-9]{0,4}",
                    Just("true".to_string()),
                    Just("must".to_string()),
                    Just("30s".to_string()),
                    Just("it_telecom".to_string()),
                ],
            ),
            0..30,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// The intake form parser never panics, and a refused form changes
        /// nothing (the save is all or nothing).
        #[test]
        fn any_posted_intake_step_is_parsed_or_refused_whole(
            pairs in pairs(), step in 0usize..4
        ) {
            let form = FormData::from_pairs(pairs);
            let patch = patch_from_form(&form, STEPS[step]);
            let before = IntakeFields::default();
            let mut after = before.clone();
            match after.apply_patch(&patch) {
                Ok(_) => prop_assert!(after.completeness() <= 100),
                Err(e) => {
                    prop_assert!(!e.is_empty());
                    prop_assert_eq!(after, before);
                }
            }
        }
    }
}
