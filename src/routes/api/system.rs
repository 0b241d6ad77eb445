//! Health and the OpenAPI document.
use crate::error::AppError;
use crate::App;
use rocket::http::ContentType;
use rocket::serde::json::Json;
use rocket::{get, routes, Route};
use serde_json::{json, Value};

pub const OPENAPI: &str = include_str!("openapi.json");

#[get("/openapi.json")]
fn openapi() -> (ContentType, &'static str) {
    (ContentType::JSON, OPENAPI)
}

/// `GET /healthz` (mounted at the root by `pages`): 200 when the database answers.
pub async fn health(app: &App) -> Result<Json<Value>, AppError> {
    if app.db.ping().await {
        Ok(Json(json!({"status": "ok"})))
    } else {
        Err(AppError::new(
            rocket::http::Status::ServiceUnavailable,
            "unavailable",
            "The database does not answer.",
        ))
    }
}

pub fn routes() -> Vec<Route> {
    routes![openapi]
}
