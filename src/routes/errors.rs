//! Catchers: every error status answers in the site's design (pages) or with
//! the contract's error body (API), never with Rocket's default page.
use crate::error::{AppError, CachedError};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{catch, catchers, Catcher, Either, Request};

fn error_for(status: Status, req: &Request<'_>) -> AppError {
    if let Some(e) = &req.local_cache(|| CachedError(None)).0 {
        if e.status == status {
            return e.clone();
        }
    }
    match status.code {
        400 => AppError::bad_request("The request could not be read."),
        401 => AppError::unauthorized(),
        403 => AppError::forbidden(),
        404 => AppError::not_found(),
        405 => AppError::new(status, "method_not_allowed", "Method not allowed."),
        413 => AppError::too_large(),
        415 => AppError::new(
            status,
            "unsupported_media_type",
            "Send JSON with Content-Type: application/json.",
        ),
        422 => AppError::new(
            status,
            "validation_failed",
            "The request body does not have the expected shape.",
        ),
        429 => AppError::rate_limited(60),
        c if c >= 500 => AppError::new(status, "internal", "Something went wrong on our side."),
        _ => AppError::new(status, "error", status.reason().unwrap_or("Error")),
    }
}

#[catch(default)]
fn api_default(status: Status, req: &Request<'_>) -> AppError {
    error_for(status, req)
}

#[catch(401)]
fn html_unauthorized(_req: &Request<'_>) -> Redirect {
    Redirect::to("/login")
}

#[catch(default)]
fn html_default(status: Status, req: &Request<'_>) -> Either<Redirect, AppError> {
    Either::Right(error_for(status, req))
}

pub fn api_catchers() -> Vec<Catcher> {
    catchers![api_default]
}

pub fn html_catchers() -> Vec<Catcher> {
    catchers![html_unauthorized, html_default]
}
