//! HTML pages, grouped by who uses them. Each handler: guard → parse →
//! `db`/`domain` → render or redirect. Invalid forms re-render with the
//! user's input and a message beside each field.
mod account;
mod coordinator;
mod mentee;
mod mentor;
mod public;
mod sessions;
mod sheets;

use crate::error::AppError;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Either, Route};
use serde_json::{json, Value};

pub fn routes() -> Vec<Route> {
    let mut r = public::routes();
    r.extend(account::routes());
    r.extend(mentee::routes());
    r.extend(mentor::routes());
    r.extend(coordinator::routes());
    r.extend(sessions::routes());
    r.extend(sheets::routes());
    r
}

/// A page answer: a redirect with a flash message, or a page.
pub type PageResult = Result<Either<Flash<Redirect>, RawHtml<String>>, AppError>;

pub fn done(to: impl Into<String>, key: &str) -> PageResult {
    Ok(Either::Left(Flash::success(
        Redirect::to(to.into()),
        key.to_string(),
    )))
}

pub fn html(page: RawHtml<String>) -> PageResult {
    Ok(Either::Right(page))
}

/// A conflict or other refusal shown as a flash error on the page it came from;
/// validation problems are rendered by the caller instead.
pub fn refused(to: impl Into<String>, e: AppError) -> PageResult {
    if e.status.code == 404 || e.status.code == 403 || e.status.code >= 500 {
        return Err(e);
    }
    Ok(Either::Left(Flash::error(
        Redirect::to(to.into()),
        format!("error-{}", e.code),
    )))
}

/// The field errors of a validation failure (or none).
pub fn field_errors(e: &AppError) -> Value {
    json!(e.fields.clone().unwrap_or_default())
}

/// The code lists the intake and profile forms offer.
pub fn codes() -> Value {
    use crate::domain::codes::*;
    fn list<T: Copy>(all: &[T], s: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|c| s(*c)).collect()
    }
    json!({
        "age_band": list(AgeBand::ALL, AgeBand::as_str),
        "industry": list(Industry::ALL, Industry::as_str),
        "company_size": list(CompanySize::ALL, CompanySize::as_str),
        "job_function": list(JobFunction::ALL, JobFunction::as_str),
        "position": list(Position::ALL, Position::as_str),
        "employment": list(Employment::ALL, Employment::as_str),
        "leave_status": list(LeaveStatus::ALL, LeaveStatus::as_str),
        "concerns": list(Concern::ALL, Concern::as_str),
        "self_check": list(SelfCheck::ALL, SelfCheck::as_str),
        "availability": list(Availability::ALL, Availability::as_str),
        "experiences": list(Experience::ALL, Experience::as_str),
        "mentor_experiences": Experience::ALL.iter().filter(|e| !e.is_preference_only()).map(|e| e.as_str()).collect::<Vec<_>>(),
        "plan": list(PlanKind::ALL, PlanKind::as_str),
    })
}
