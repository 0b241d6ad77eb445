//! The mentee's own intake.
use super::{tz, ObjectBody};
use crate::auth::Mentee;
use crate::db;
use crate::error::AppError;
use crate::views::json;
use crate::App;
use rocket::serde::json::Json;
use rocket::{get, post, put, routes, Route, State};
use serde_json::{json, Value};

#[get("/intake")]
async fn get_intake(app: &State<App>, mentee: Mentee) -> Result<Json<Value>, AppError> {
    let row = db::intakes::ensure(app, mentee.0.id).await?;
    Ok(Json(json!({"intake": json::intake(&row, tz(&mentee.0))})))
}

#[put("/intake", data = "<body>")]
async fn save(app: &State<App>, mentee: Mentee, body: ObjectBody) -> Result<Json<Value>, AppError> {
    let row = db::intakes::save(app, mentee.0.id, &body.0).await?;
    Ok(Json(json!({"intake": json::intake(&row, tz(&mentee.0))})))
}

#[post("/intake/submit")]
async fn submit(app: &State<App>, mentee: Mentee) -> Result<Json<Value>, AppError> {
    let row = db::intakes::submit(app, &mentee.0).await?;
    Ok(Json(json!({"intake": json::intake(&row, tz(&mentee.0))})))
}

pub fn routes() -> Vec<Route> {
    routes![get_intake, save, submit]
}
