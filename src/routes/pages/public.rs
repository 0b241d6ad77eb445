//! Pages anyone may open: landing, health, static files, login, logout,
//! registration and the mentor's invitation link.
use super::{done, html, PageResult};
use crate::auth::csrf::FormData;
use crate::auth::{self, ClientIp, MaybeUser};
use crate::db;
use crate::domain::account::Registration;
use crate::domain::codes::Role;
use crate::error::AppError;
use crate::views::{Page, STATIC};
use crate::App;
use rocket::http::{ContentType, CookieJar, Header};
use rocket::response::content::RawHtml;
use rocket::response::Redirect;
use rocket::serde::json::Json;
use rocket::{get, post, routes, Either, Responder, Route, State};
use serde_json::{json, Value};
use std::path::PathBuf;

/// Where each role starts.
pub fn home_of(role: &str) -> &'static str {
    match Role::parse(role) {
        Some(Role::Coordinator) => "/coordinator/intakes",
        Some(Role::Mentor) => "/mentor",
        _ => "/home",
    }
}

#[get("/")]
fn index(app: &State<App>, page: Page) -> Result<Either<Redirect, RawHtml<String>>, AppError> {
    if let Some(u) = &page.user {
        return Ok(Either::Left(Redirect::to(home_of(&u.role))));
    }
    Ok(Either::Right(page.render(app, "home.html", json!({}))?))
}

#[get("/healthz")]
async fn healthz(app: &State<App>) -> Result<Json<Value>, AppError> {
    crate::routes::api::health(app).await
}

#[derive(Responder)]
struct StaticFile((ContentType, &'static [u8]), Header<'static>);

#[get("/static/<path..>")]
fn static_file(path: PathBuf) -> Option<StaticFile> {
    let file = STATIC.get_file(&path)?;
    let ct = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(ContentType::from_extension)
        .unwrap_or(ContentType::Binary);
    Some(StaticFile(
        (ct, file.contents()),
        Header::new("Cache-Control", "public, max-age=3600"),
    ))
}

#[get("/login")]
fn login_form(app: &State<App>, page: Page) -> Result<Either<Redirect, RawHtml<String>>, AppError> {
    if let Some(u) = &page.user {
        return Ok(Either::Left(Redirect::to(home_of(&u.role))));
    }
    Ok(Either::Right(page.render(
        app,
        "auth/login.html",
        json!({"email": "", "error": null, "retry_after": null}),
    )?))
}

/// A refused login: its status (401, or 429 with Retry-After) and the login page again.
pub struct LoginRefused(AppError, RawHtml<String>);

impl<'r> rocket::response::Responder<'r, 'static> for LoginRefused {
    fn respond_to(self, req: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        let mut res = rocket::Response::build_from(self.1.respond_to(req)?);
        res.status(self.0.status);
        if let Some(secs) = self.0.retry_after {
            res.header(Header::new("Retry-After", secs.to_string()));
        }
        res.ok()
    }
}

#[post("/login", data = "<form>")]
async fn login(
    app: &State<App>,
    page: Page,
    ip: ClientIp,
    cookies: &CookieJar<'_>,
    form: FormData,
) -> Result<Either<rocket::response::Flash<Redirect>, LoginRefused>, AppError> {
    match auth::authenticate(app, form.get("email"), form.get("password"), ip.0).await {
        Ok(user) => {
            auth::start_web_session(app, cookies, user.id).await?;
            Ok(Either::Left(rocket::response::Flash::success(
                Redirect::to(home_of(&user.role)),
                "flash-logged-in",
            )))
        }
        Err(e) if e.status.code == 401 || e.status.code == 429 => {
            let ctx = json!({"email": form.get("email"), "error": format!("error-{}", e.code), "retry_after": e.retry_after});
            let body = page.render(app, "auth/login.html", ctx)?;
            Ok(Either::Right(LoginRefused(e, body)))
        }
        Err(e) => Err(e),
    }
}

#[post("/logout", data = "<_form>")]
async fn logout(
    app: &State<App>,
    user: MaybeUser,
    ip: ClientIp,
    cookies: &CookieJar<'_>,
    _form: FormData,
) -> PageResult {
    auth::end_web_session(app, cookies).await?;
    if let Some(u) = user.0 {
        crate::db::audit::security(
            app,
            crate::db::audit::Event {
                kind: crate::db::audit::kind::LOGOUT,
                actor: Some(u.id),
                ip: ip.0,
                ..Default::default()
            },
        )
        .await;
    }
    done("/", "flash-logged-out")
}

#[get("/register")]
fn register_form(
    app: &State<App>,
    page: Page,
    user: MaybeUser,
) -> Result<Either<Redirect, RawHtml<String>>, AppError> {
    if let Some(u) = user.0 {
        return Ok(Either::Left(Redirect::to(home_of(&u.role))));
    }
    let values = json!({"email": "", "display_name": "", "locale": page.lang.as_str()});
    Ok(Either::Right(page.render(
        app,
        "auth/register.html",
        json!({"values": values, "errors": {}}),
    )?))
}

#[post("/register", data = "<form>")]
async fn register(
    app: &State<App>,
    page: Page,
    cookies: &CookieJar<'_>,
    form: FormData,
) -> PageResult {
    let values = json!({"email": form.get("email"), "display_name": form.get("display_name"), "locale": form.get("locale")});
    let mut errors = Registration::parse(
        form.get("email"),
        form.get("display_name"),
        form.get("password"),
    )
    .err()
    .unwrap_or_default();
    let lang = db::users::parse_locale(Some(form.get("locale")), &mut errors);
    let rerender = |errors: serde_json::Value| -> PageResult {
        html(page.render(
            app,
            "auth/register.html",
            json!({"values": values, "errors": errors}),
        )?)
    };
    let reg = match Registration::parse(
        form.get("email"),
        form.get("display_name"),
        form.get("password"),
    ) {
        Ok(reg) if errors.is_empty() => reg,
        _ => return rerender(json!(errors)),
    };
    match db::users::register_mentee(&app.db, app.clock.now(), &reg, lang).await {
        Ok(user) => {
            auth::start_web_session(app, cookies, user.id).await?;
            done("/intake/step/1", "flash-registered")
        }
        Err(e) if e.code == "email_taken" => rerender(json!({"email": ["email_taken"]})),
        Err(e) => Err(e),
    }
}

#[get("/invitations/<token>")]
async fn invitation_form(
    app: &State<App>,
    page: Page,
    token: &str,
) -> Result<RawHtml<String>, AppError> {
    let (_, user) = db::mentors::find_invitation(app, token).await?;
    page.render(
        app,
        "auth/invitation.html",
        json!({"token": token, "name": user.display_name, "email": user.email, "errors": {}}),
    )
}

#[post("/invitations/<token>", data = "<form>")]
async fn accept_invitation(
    app: &State<App>,
    page: Page,
    cookies: &CookieJar<'_>,
    token: &str,
    form: FormData,
) -> PageResult {
    let (_, user) = db::mentors::find_invitation(app, token).await?;
    match db::mentors::accept_invitation(app, token, form.get("password")).await {
        Ok(user) => {
            auth::start_web_session(app, cookies, user.id).await?;
            done("/mentor/profile", "flash-password-set")
        }
        Err(e) if e.fields.is_some() => {
            let ctx = json!({"token": token, "name": user.display_name, "email": user.email, "errors": super::field_errors(&e)});
            html(page.render(app, "auth/invitation.html", ctx)?)
        }
        Err(e) => Err(e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        index,
        healthz,
        static_file,
        login_form,
        login,
        logout,
        register_form,
        register,
        invitation_form,
        accept_invitation
    ]
}
