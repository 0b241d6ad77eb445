//! The one error type. A handler returns `AppError` for anything that is not
//! the happy path; it carries a status, a stable machine `code` (the API
//! contract's), a user message, optional per-field problems, and a separate
//! log `detail` that never reaches the client.
//!
//! When to use what:
//! - `not_found()` for a missing object *and* for another user's object.
//! - `forbidden()` when the role may never do this.
//! - `conflict(code)` when the object's state forbids the action now.
//! - `validation(fields)` for input that parsed but breaks a rule (422).
//! - `bad_request(..)` for a body that does not parse (400).
//! - `internal(detail)` (or `?` on a database/template error) for our faults:
//!   logged once here, answered as a bare 500.
use crate::domain::FieldErrors;
use crate::i18n::Lang;
use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use serde_json::json;
use std::io::Cursor;

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: Status,
    pub code: &'static str,
    pub message: String,
    pub fields: Option<FieldErrors>,
    pub detail: Option<String>,
    pub retry_after: Option<u64>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: Status, code: &'static str, message: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            fields: None,
            detail: None,
            retry_after: None,
        }
    }
    pub fn not_found() -> Self {
        Self::new(Status::NotFound, "not_found", "Not found.")
    }
    pub fn unauthorized() -> Self {
        Self::new(Status::Unauthorized, "unauthorized", "Sign-in required.")
    }
    pub fn forbidden() -> Self {
        Self::new(Status::Forbidden, "forbidden", "Your role may not do this.")
    }
    pub fn csrf() -> Self {
        Self::new(
            Status::Forbidden,
            "csrf_failed",
            "The form expired. Please reload the page and try again.",
        )
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Status::Conflict, code, message)
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(Status::BadRequest, "malformed_body", message)
    }
    pub fn too_large() -> Self {
        Self::new(
            Status::PayloadTooLarge,
            "body_too_large",
            "The request body is too large.",
        )
    }
    pub fn validation(fields: FieldErrors) -> Self {
        let mut e = Self::new(
            Status::UnprocessableEntity,
            "validation_failed",
            "Some fields are not valid.",
        );
        e.fields = Some(fields);
        e
    }
    /// A 422 for a single field.
    pub fn field(field: &str, problem: &str) -> Self {
        let mut f = FieldErrors::new();
        f.insert(field.to_string(), vec![problem.to_string()]);
        Self::validation(f)
    }
    pub fn rate_limited(retry_after: u64) -> Self {
        let mut e = Self::new(
            Status::TooManyRequests,
            "rate_limited",
            "Too many attempts. Please wait and try again.",
        );
        e.retry_after = Some(retry_after.max(1));
        e
    }
    pub fn internal(detail: impl Into<String>) -> Self {
        let mut e = Self::new(
            Status::InternalServerError,
            "internal",
            "Something went wrong on our side.",
        );
        e.detail = Some(detail.into());
        e
    }

    /// The contract's error body.
    pub fn body(&self) -> serde_json::Value {
        let mut error = json!({"code": self.code, "message": self.message});
        if let Some(fields) = &self.fields {
            error["fields"] = json!(fields);
        }
        json!({ "error": error })
    }

    /// Remember this error on the request so that a catcher can render it.
    pub fn cache_on(self, req: &Request<'_>) -> Self {
        req.local_cache(|| CachedError(Some(self.clone())));
        self
    }
}

/// The error a guard failed with, kept for the catchers.
pub struct CachedError(pub Option<AppError>);

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::internal(format!("database: {e}"))
    }
}
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}
impl From<tera::Error> for AppError {
    fn from(e: tera::Error) -> Self {
        use std::error::Error;
        let mut detail = format!("template: {e}");
        let mut src = e.source();
        while let Some(s) = src {
            detail.push_str(&format!(": {s}"));
            src = s.source();
        }
        AppError::internal(detail)
    }
}
impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        AppError::internal(format!("json: {e}"))
    }
}

pub fn is_api(req: &Request<'_>) -> bool {
    req.uri().path().starts_with("/api/")
}

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        if let Some(detail) = &self.detail {
            tracing::error!(status = self.status.code, path = %req.uri().path(), "{detail}");
        } else if self.status.code >= 400 {
            tracing::info!(status = self.status.code, code = self.code, path = %req.uri().path(), "request refused");
        }
        let (body, content_type) = if is_api(req) {
            (self.body().to_string(), ContentType::JSON)
        } else {
            (crate::views::error_page(req, &self), ContentType::HTML)
        };
        let mut res = Response::build();
        res.status(self.status)
            .header(content_type)
            .sized_body(body.len(), Cursor::new(body));
        if let Some(secs) = self.retry_after {
            res.header(Header::new("Retry-After", secs.to_string()));
        }
        if self.status == Status::Unauthorized && is_api(req) {
            res.header(Header::new("WWW-Authenticate", "Bearer"));
        }
        res.ok()
    }
}

/// Read a request body up to the named limit ("form", "json"): 413 past it,
/// 400 when it cannot be read. The error is cached for the catchers.
pub async fn read_body(
    req: &Request<'_>,
    data: rocket::Data<'_>,
    limit: &str,
) -> Result<Vec<u8>, (Status, AppError)> {
    use rocket::data::ToByteUnit;
    let max = req.limits().get(limit).unwrap_or(256.kibibytes());
    match data.open(max).into_bytes().await {
        Ok(b) if b.is_complete() => Ok(b.into_inner()),
        Ok(_) => Err((Status::PayloadTooLarge, AppError::too_large().cache_on(req))),
        Err(_) => Err((
            Status::BadRequest,
            AppError::bad_request("The request body could not be read.").cache_on(req),
        )),
    }
}

/// The language an error page should speak (falls back to Japanese).
pub fn request_lang(req: &Request<'_>) -> Lang {
    crate::i18n::negotiate(None, req.headers().get_one("Accept-Language"))
}
