//! First run: while no coordinator exists, a one-time set-up link is printed
//! in the server's log; whoever can read the console opens it and creates
//! the first coordinator in the browser. Nobody else can: the link holds a
//! fresh secret, kept only in memory and only as a digest.
use crate::auth::csrf::FormData;
use crate::auth::{self, tokens};
use crate::db;
use crate::domain::account::Registration;
use crate::error::AppError;
use crate::views::Page;
use crate::App;
use rocket::http::CookieJar;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{get, post, routes, Either, Route, State};
use serde_json::json;

/// Print the set-up link if no coordinator exists yet (answers it too, for tests).
pub async fn offer_setup_link(app: &App) -> Result<Option<String>, AppError> {
    if db::users::coordinator_exists(&app.db.conn).await? {
        return Ok(None);
    }
    let secret = tokens::new_secret();
    if let Ok(mut slot) = app.setup_token.lock() {
        *slot = Some(tokens::digest(&secret));
    }
    let link = app.link(&format!("/setup/{secret}"));
    tracing::warn!(
        "No coordinator exists yet. Open this one-time link to create the first one: {link}"
    );
    Ok(Some(link))
}

fn valid(app: &App, token: &str) -> bool {
    app.setup_token
        .lock()
        .map(|slot| {
            slot.as_deref()
                .is_some_and(|d| tokens::constant_eq(d, &tokens::digest(token)))
        })
        .unwrap_or(false)
}

#[get("/setup/<token>")]
fn form(app: &State<App>, page: Page, token: &str) -> Result<RawHtml<String>, AppError> {
    if !valid(app, token) {
        return Err(AppError::not_found());
    }
    page.render(
        app,
        "auth/setup.html",
        json!({"token": token, "values": {}, "errors": {}}),
    )
}

#[post("/setup/<token>", data = "<form>")]
async fn create(
    app: &State<App>,
    page: Page,
    cookies: &CookieJar<'_>,
    token: &str,
    form: FormData,
) -> Result<Either<Flash<Redirect>, RawHtml<String>>, AppError> {
    if !valid(app, token) || db::users::coordinator_exists(&app.db.conn).await? {
        return Err(AppError::not_found());
    }
    let values = json!({"email": form.get("email"), "display_name": form.get("display_name")});
    if let Err(errors) = Registration::parse(
        form.get("email"),
        form.get("display_name"),
        form.get("password"),
    ) {
        let html = page.render(
            app,
            "auth/setup.html",
            json!({"token": token, "values": values, "errors": errors}),
        )?;
        return Ok(Either::Right(html));
    }
    let user = db::users::create_coordinator(
        &app.db,
        &app.clock,
        form.get("email"),
        form.get("display_name"),
        form.get("password"),
    )
    .await?;
    if let Ok(mut slot) = app.setup_token.lock() {
        *slot = None;
    }
    auth::start_web_session(app, cookies, user.id).await?;
    Ok(Either::Left(Flash::success(
        Redirect::to("/coordinator/intakes"),
        "flash-coordinator-created",
    )))
}

pub fn routes() -> Vec<Route> {
    routes![form, create]
}
