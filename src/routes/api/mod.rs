//! The JSON API v1 (`../shared/api-v1.md`), served under `/api/v1`.
mod account;
mod assignments;
mod auth;
mod intake;
mod mentors;
mod plans;
mod review;
mod sessions;
mod sheets;
mod system;

pub use account::{email_json, export_html};
pub use plans::viewer as plan_viewer;
pub use sessions::{calendar_json, invite_ics, session_json, CalendarBody};
pub use sheets::{export as outcomes_csv, min_wait, period as outcomes_period, Download};
pub use system::health;

use crate::db::entities::users;
use crate::db::Paging;
use crate::error::AppError;
use chrono_tz::Tz;
use rocket::data::{Data, FromData, Outcome};
use rocket::http::Status;
use rocket::request::Request;
use rocket::Route;
use serde::de::DeserializeOwned;

pub fn routes() -> Vec<Route> {
    let mut r = Vec::new();
    r.extend(system::routes());
    r.extend(auth::routes());
    r.extend(account::routes());
    r.extend(mentors::routes());
    r.extend(intake::routes());
    r.extend(review::routes());
    r.extend(assignments::routes());
    r.extend(plans::routes());
    r.extend(plans::template_routes());
    r.extend(sessions::routes());
    r.extend(sheets::routes());
    r
}

/// A JSON body: 413 when too large, 400 when it is not JSON, 422 when it is
/// JSON of the wrong shape, each with the contract's error body.
pub struct ApiJson<T>(pub T);

#[rocket::async_trait]
impl<'r, T: DeserializeOwned> FromData<'r> for ApiJson<T> {
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r, Self> {
        let bytes = match crate::error::read_body(req, data, "json").await {
            Ok(b) => b,
            Err(e) => return Outcome::Error(e),
        };
        match serde_json::from_slice::<T>(&bytes) {
            Ok(v) => Outcome::Success(ApiJson(v)),
            Err(e) if e.is_data() => {
                let err = AppError::new(
                    Status::UnprocessableEntity,
                    "validation_failed",
                    format!("Unexpected JSON shape: {e}"),
                );
                Outcome::Error((Status::UnprocessableEntity, err.cache_on(req)))
            }
            Err(e) => {
                let err = AppError::bad_request(format!("Malformed JSON: {e}"));
                Outcome::Error((Status::BadRequest, err.cache_on(req)))
            }
        }
    }
}

/// A JSON object body (for partial updates).
pub type ObjectBody = ApiJson<serde_json::Map<String, serde_json::Value>>;

/// `?limit=&page=` as the contract says (strings parsed here, so that
/// `?limit=abc` answers 422 rather than being ignored).
pub fn paging(limit: Option<&str>, page: Option<&str>) -> Result<Paging, AppError> {
    let num = |v: Option<&str>, name: &str| -> Result<Option<u64>, AppError> {
        match v {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| AppError::field(name, "invalid")),
        }
    };
    Paging::new(num(limit, "limit")?, num(page, "page")?)
}

pub fn tz(u: &users::Model) -> Tz {
    crate::views::user_tz(Some(u))
}

/// Parse an optional code query parameter.
pub fn code_param<T>(
    v: Option<&str>,
    name: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    match v {
        None | Some("") => Ok(None),
        Some(s) => parse(s)
            .map(Some)
            .ok_or_else(|| AppError::field(name, "unknown_code")),
    }
}
