//! The plan page, for its mentee, its mentor and the coordinator.
use crate::auth::CurrentUser;
use crate::db;
use crate::error::AppError;
use crate::views::Page;
use crate::App;
use rocket::response::content::RawHtml;
use rocket::{get, routes, Route, State};
use serde_json::json;

#[get("/plans/<id>")]
async fn plan(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    id: i32,
) -> Result<RawHtml<String>, AppError> {
    let viewer = crate::routes::api::plan_viewer(app, &user).await?;
    let p = db::plans::get(&app.db.conn, viewer, id).await?;
    let sessions: Vec<_> = p
        .sessions
        .iter()
        .map(|s| json!({"number": s.number, "theme": s.theme, "status": s.status}))
        .collect();
    page.render(
        app,
        "plans/plan.html",
        json!({
            "plan": {"id": p.plan.id, "kind": p.plan.kind, "status": p.plan.status},
            "mentee_name": p.mentee.display_name, "mentor_name": p.mentor.display_name, "sessions": sessions,
        }),
    )
}

pub fn routes() -> Vec<Route> {
    routes![plan]
}
