//! Account pages: password and email (`/settings/account`), her data rights
//! (`/settings/privacy`: audit log, download, deletion), the coordinator's
//! failed-mail list with resend, and disabling an account.
use super::{done, field_errors, html, PageResult};
use crate::auth::csrf::FormData;
use crate::auth::{self, ClientIp, Coordinator, CurrentUser, Mentee};
use crate::db;
use crate::error::AppResult;
use crate::routes::api::{email_json, export_html, Download};
use crate::views::Page;
use crate::App;
use rocket::http::{ContentType, CookieJar};
use rocket::response::content::RawHtml;
use rocket::{get, post, routes, Either, Route, State};
use serde_json::{json, Value};

fn render_account(
    app: &App,
    page: &Page,
    user: &CurrentUser,
    errors: Value,
    values: Value,
) -> AppResult<RawHtml<String>> {
    page.render(
        app,
        "account/account.html",
        json!({"email": user.0.email, "errors": errors, "values": values}),
    )
}

#[get("/settings/account")]
fn account(app: &State<App>, page: Page, user: CurrentUser) -> AppResult<RawHtml<String>> {
    render_account(app, &page, &user, json!({}), json!({}))
}

/// Back to the account page with a flash, or the page again with each
/// problem beside its field (a 429 shown as a flash).
fn account_answer<T>(
    app: &App,
    page: &Page,
    user: &CurrentUser,
    result: AppResult<T>,
    values: Value,
    flash: &str,
) -> PageResult {
    match result {
        Ok(_) => done("/settings/account", flash),
        Err(e) if e.fields.is_some() => {
            html(render_account(app, page, user, field_errors(&e), values)?)
        }
        Err(e) => super::refused("/settings/account", e),
    }
}

#[post("/settings/password", data = "<form>")]
async fn password(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    ip: ClientIp,
    cookies: &CookieJar<'_>,
    form: FormData,
) -> PageResult {
    let keep = auth::session_digest(app, cookies);
    let result = db::account::change_password(
        app,
        &user.0,
        form.get("current_password"),
        form.get("new_password"),
        ip.0,
        keep.as_deref(),
        None,
    )
    .await;
    account_answer(
        app,
        &page,
        &user,
        result,
        json!({}),
        "flash-password-changed",
    )
}

#[post("/settings/email", data = "<form>")]
async fn email(
    app: &State<App>,
    page: Page,
    user: CurrentUser,
    ip: ClientIp,
    form: FormData,
) -> PageResult {
    let result = db::account::change_email(
        app,
        &user.0,
        form.get("current_password"),
        form.get("email"),
        ip.0,
    )
    .await
    // This form's own password field, so that its message is shown beside
    // it and not beside the password form's.
    .map_err(|mut e| {
        if let Some(v) = e.fields.as_mut().and_then(|f| f.remove("current_password")) {
            e.fields
                .get_or_insert_with(Default::default)
                .insert("email_current_password".into(), v);
        }
        e
    });
    let values = json!({"email": form.get("email")});
    account_answer(app, &page, &user, result, values, "flash-email-changed")
}

async fn render_privacy(
    app: &App,
    page: &Page,
    mentee: &Mentee,
    page_no: Option<&str>,
    errors: Value,
) -> AppResult<RawHtml<String>> {
    let n = page_no.and_then(|p| p.parse().ok()).unwrap_or(1);
    let paging = db::Paging::new(Some(50), Some(n))?;
    let (lines, total) = db::audit::hers(&app.db.conn, mentee.0.id, paging).await?;
    let lines: Vec<Value> = lines
        .iter()
        .map(|l| json!({"at": page.dt(l.at), "kind": l.kind, "detail": l.detail, "by": l.by}))
        .collect();
    page.render(
        app,
        "account/privacy.html",
        json!({
            "lines": lines, "total": total, "page_no": paging.page,
            "pages": total.div_ceil(paging.limit).max(1), "errors": errors,
        }),
    )
}

#[get("/settings/privacy?<page>")]
async fn privacy(
    app: &State<App>,
    pg: Page,
    mentee: Mentee,
    page: Option<&str>,
) -> AppResult<RawHtml<String>> {
    render_privacy(app, &pg, &mentee, page, json!({})).await
}

/// Her data as a download, after she re-entered her password: `format=html`
/// for the readable copy, otherwise JSON.
#[post("/settings/privacy/export", data = "<form>")]
async fn export(
    app: &State<App>,
    page: Page,
    mentee: Mentee,
    ip: ClientIp,
    form: FormData,
) -> AppResult<Either<Download, RawHtml<String>>> {
    let confirmed =
        db::account::confirm_password(app, &mentee.0, form.get("password"), ip.0, "password").await;
    if let Err(e) = confirmed {
        if e.fields.is_none() {
            return Err(e);
        }
        return Ok(Either::Right(
            render_privacy(app, &page, &mentee, None, super::field_errors(&e)).await?,
        ));
    }
    if form.get("format") == "html" {
        return Ok(Either::Left(export_html(app, &mentee.0, ip.0).await?));
    }
    let data = db::account::export(app, &mentee.0, ip.0).await?;
    let body = serde_json::to_string_pretty(&data)?;
    Ok(Either::Left(Download::new(
        format!("kakehashi-data-{}.json", mentee.0.id),
        ContentType::JSON,
        body,
    )))
}

/// Erase her account and data, after her password and a ticked confirmation.
#[post("/settings/privacy/delete", data = "<form>")]
async fn delete(
    app: &State<App>,
    page: Page,
    mentee: Mentee,
    ip: ClientIp,
    cookies: &CookieJar<'_>,
    form: FormData,
) -> PageResult {
    let mut errors = serde_json::Map::new();
    if form.get("confirm") != "true" {
        errors.insert("confirm".into(), json!(["required"]));
    }
    let confirmed = db::account::confirm_password(
        app,
        &mentee.0,
        form.get("delete_password"),
        ip.0,
        "delete_password",
    )
    .await;
    if let Err(e) = confirmed {
        if e.fields.is_none() {
            return Err(e);
        }
        errors.insert("delete_password".into(), json!(["wrong_password"]));
    }
    if !errors.is_empty() {
        return html(render_privacy(app, &page, &mentee, None, Value::Object(errors)).await?);
    }
    db::account::erase(app, &mentee.0).await?;
    auth::end_web_session(app, cookies).await?;
    done("/", "flash-account-deleted")
}

#[get("/coordinator/emails?<page>")]
async fn failed_emails(
    app: &State<App>,
    pg: Page,
    c: Coordinator,
    page: Option<&str>,
) -> AppResult<RawHtml<String>> {
    let page_ref = &pg;
    let n = page.and_then(|p| p.parse().ok()).unwrap_or(1);
    let paging = db::Paging::new(Some(50), Some(n))?;
    let (rows, total) = db::outbox::failed(&app.db.conn, paging).await?;
    let tz = crate::routes::api::tz(&c.0);
    let items: Vec<Value> = rows
        .iter()
        .map(|m| {
            let mut v = email_json(m, tz);
            v["created_at"] = json!(page_ref.dt(m.created_at));
            v
        })
        .collect();
    pg.render(
        app,
        "coordinator/emails.html",
        json!({"items": items, "total": total, "page_no": paging.page, "pages": total.div_ceil(paging.limit).max(1)}),
    )
}

#[post("/coordinator/emails/<id>/resend", data = "<_form>")]
async fn resend(app: &State<App>, _c: Coordinator, id: i32, _form: FormData) -> PageResult {
    match db::outbox::resend(app, id).await {
        Ok(_) => done("/coordinator/emails", "flash-email-resent"),
        Err(e) => super::refused("/coordinator/emails", e),
    }
}

/// Disable or enable an account, from the coordinator's mentor page.
#[post("/coordinator/users/<id>/access", data = "<form>")]
async fn access(app: &State<App>, c: Coordinator, id: i32, form: FormData) -> PageResult {
    let disabled = form.get("disabled") == "true";
    // Back to the coordinator's own list: a local path that parses, or the list.
    let back = match form.get("back") {
        b if b.starts_with("/coordinator/") && rocket::http::uri::Origin::parse(b).is_ok() => {
            b.to_string()
        }
        _ => "/coordinator/mentors".to_string(),
    };
    match db::account::set_disabled(app, &c.0, id, disabled).await {
        Ok(_) if disabled => done(back, "flash-account-disabled"),
        Ok(_) => done(back, "flash-account-enabled"),
        Err(e) => super::refused(back, e),
    }
}

pub fn routes() -> Vec<Route> {
    routes![
        account,
        password,
        email,
        privacy,
        export,
        delete,
        failed_emails,
        resend,
        access
    ]
}
