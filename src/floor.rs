//! `kakehashi floor`: the load scenario's yardstick. The same crates as the
//! application (Rocket, sea-orm with the same pool settings, tera) doing the
//! least a route can do, so each page of the real app is measured as a ratio
//! to it in one run on one machine: a bare route, one row read and rendered,
//! 100 rows read and rendered, and one insert plus one outbox insert in a
//! write transaction. Nothing here is mounted by the application itself.
use crate::db::entities::{audit_events, outbox, users};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use chrono::Utc;
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Build, Rocket, State};
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, EntityTrait, QueryOrder, QuerySelect, Set};
use serde_json::json;

/// The floor's state: the database and its two small templates.
pub struct Floor {
    db: Db,
    tera: tera::Tera,
}

impl Floor {
    fn render(&self, name: &str, ctx: serde_json::Value) -> AppResult<RawHtml<String>> {
        let ctx = tera::Context::from_value(ctx)?;
        Ok(RawHtml(self.tera.render(name, &ctx)?))
    }
}

#[get("/floor/plain")]
fn plain() -> &'static str {
    "ok"
}

/// One row by primary key, rendered.
#[get("/floor/one?<id>")]
async fn one(floor: &State<Floor>, id: Option<i32>) -> AppResult<RawHtml<String>> {
    let user = users::Entity::find_by_id(id.unwrap_or(1))
        .one(&floor.db.conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    floor.render(
        "one",
        json!({"user": {"display_name": user.display_name, "email": user.email,
                        "role": user.role, "created_at": user.created_at.to_rfc3339()}}),
    )
}

/// A page of 100 rows, rendered.
#[get("/floor/list")]
async fn list(floor: &State<Floor>) -> AppResult<RawHtml<String>> {
    let rows = users::Entity::find()
        .order_by_asc(users::Column::Id)
        .limit(100)
        .all(&floor.db.conn)
        .await?;
    let users: Vec<_> = rows
        .iter()
        .map(|u| {
            json!({"id": u.id, "display_name": u.display_name, "email": u.email,
                   "role": u.role, "created_at": u.created_at.to_rfc3339()})
        })
        .collect();
    floor.render("list", json!({ "users": users }))
}

/// One insert and one outbox insert in a write transaction. The message is
/// stored as already sent, so no mail worker picks it up.
#[post("/floor/write")]
async fn write(floor: &State<Floor>) -> AppResult<&'static str> {
    let now = Utc::now();
    let tx = floor.db.begin_write().await?;
    audit_events::ActiveModel {
        id: NotSet,
        at: Set(now),
        kind: Set("floor".into()),
        actor_id: Set(None),
        subject_id: Set(None),
        ip: Set(None),
        path: Set(Some("/floor/write".into())),
        detail: Set(None),
    }
    .insert(&tx)
    .await?;
    let id = crate::auth::tokens::new_secret();
    outbox::ActiveModel {
        id: NotSet,
        kind: Set("floor".into()),
        message_id: Set(format!("<floor-{id}@kakehashi.localhost>")),
        to_address: Set("floor@kakehashi.localhost".into()),
        to_name: Set("floor".into()),
        subject: Set("floor".into()),
        text_body: Set("floor".into()),
        html_body: Set("<p>floor</p>".into()),
        status: Set("sent".into()),
        attempts: Set(1),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(Some(now)),
        ics: Set(None),
        ics_method: Set(None),
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    Ok("ok")
}

/// The floor's Rocket on an existing (migrated) database.
pub async fn build(figment: rocket::figment::Figment) -> Result<Rocket<Build>, String> {
    let cfg: crate::config::AppConfig = figment
        .extract()
        .map_err(|e| format!("configuration: {e}"))?;
    let db = Db::connect(&cfg.database_url)
        .await
        .map_err(|e| format!("database {}: {e}", cfg.database_url))?;
    let mut tera = tera::Tera::default();
    tera.add_raw_templates([
        ("one", include_str!("../templates/floor/one.html.tera")),
        ("list", include_str!("../templates/floor/list.html.tera")),
    ])
    .map_err(|e| format!("templates: {e}"))?;
    Ok(rocket::custom(figment)
        .manage(Floor { db, tera })
        .mount("/", routes![plain, one, list, write]))
}
