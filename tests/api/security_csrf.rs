//! Cross-site request forgery (ASVS V4.2.2, V50): every form POST the server
//! mounts (taken from the route list, so a new form cannot be forgotten) is
//! refused without a valid CSRF token, and refused from another site even
//! with one (`Origin` or `Sec-Fetch-Site`). Each refusal changes nothing and
//! is written to the security log.
use crate::helpers::*;
use kakehashi::db::entities::audit_events;
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const CSRF_TEXT: &str = "画面の有効期限が切れました";

fn concrete(path: &str) -> String {
    path.split('/')
        .map(|seg| match seg {
            "<step>" => "1",
            s if s.starts_with('<') => "1",
            s => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Each page POST × each caller (anonymous, mentee, mentor, coordinator):
/// never a success, and the CSRF refusal for whoever may otherwise post it.
async fn forged(app: &TestApp, variant: &str) -> Vec<String> {
    let mut routes: Vec<String> = app
        .client
        .rocket()
        .routes()
        .filter(|r| r.method.as_str() == "POST" && !r.uri.path().starts_with("/api/"))
        .map(|r| r.uri.path().to_string())
        .collect();
    routes.sort();
    routes.dedup();
    assert!(routes.len() >= 30, "the page forms: {routes:?}");
    let mut browsers = vec![Browser::new(app)];
    for (email, password) in [
        ("hanako@example.jp", "とても長い合言葉です123"),
        ("mentor@example.jp", "mentor-password-1"),
        ("coord@example.jp", "coordinator-password-1"),
    ] {
        let mut b = Browser::new(app);
        b.login(email, password).await;
        browsers.push(b);
    }
    // The anonymous browser has a CSRF cookie too (from the login page).
    browsers[0].get("/login").await;
    let mut wrong = Vec::new();
    for path in &routes {
        let url = concrete(path);
        let mut refused_for_csrf = false;
        for (i, b) in browsers.iter_mut().enumerate() {
            // Refresh the page's token first, as a real form would carry it.
            b.get("/settings").await;
            if i == 0 {
                b.get("/login").await;
            }
            let multipart = url == "/settings/busy/file";
            let r = match variant {
                "no token" if multipart => {
                    b.post_file(&url, &[], ("file", "a.ics", "BEGIN:VCALENDAR"))
                        .await
                }
                "wrong token" if multipart => {
                    b.post_file(
                        &url,
                        &[("csrf_token", "forged-token")],
                        ("file", "a.ics", "BEGIN:VCALENDAR"),
                    )
                    .await
                }
                "no token" => {
                    b.post_raw(&url, &[("email".into(), "x@example.jp".into())])
                        .await
                }
                "wrong token" => {
                    b.post_raw(&url, &[("csrf_token".into(), "forged-token".into())])
                        .await
                }
                "other origin" => {
                    b.post_with(&url, &[], &[("Origin", "https://evil.example")])
                        .await
                }
                "cross-site fetch" => {
                    // A modern browser says so even when the Origin looks like ours.
                    b.post_with(
                        &url,
                        &[],
                        &[
                            ("Sec-Fetch-Site", "cross-site"),
                            ("Origin", "http://kakehashi.test"),
                        ],
                    )
                    .await
                }
                _ => unreachable!(),
            };
            assert!(r.status.code < 500, "{variant} {url}: {}", r.status);
            let ok = r.status.code < 300
                || (r.status.code < 400
                    && !r.location.as_deref().unwrap_or("").starts_with("/login"));
            if ok {
                wrong.push(format!(
                    "{variant} {url} as caller {i}: accepted ({})",
                    r.status
                ));
            }
            if r.status == Status::Forbidden && r.body.contains(CSRF_TEXT) {
                refused_for_csrf = true;
            }
        }
        if !refused_for_csrf {
            wrong.push(format!("{variant} {url}: no caller got the CSRF refusal"));
        }
    }
    wrong
}

async fn world(app: &TestApp) {
    let coord = app.coordinator("coord@example.jp").await;
    app.mentor(
        &coord,
        "mentor@example.jp",
        json!({"headline": "部長", "capacity": 2}),
    )
    .await;
    app.submitted_mentee("hanako@example.jp", json!({})).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_post_without_a_valid_token_is_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    world(&app).await;
    let before = app.emails_to("hanako@example.jp").await.len();
    let mut wrong = forged(&app, "no token").await;
    wrong.extend(forged(&app, "wrong token").await);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Nothing happened: no mail, and the log has the failures.
    assert_eq!(app.emails_to("hanako@example.jp").await.len(), before);
    let logged = audit_events::Entity::find()
        .filter(audit_events::Column::Kind.eq("csrf_failed"))
        .count(&app.app.db.conn)
        .await
        .unwrap();
    assert!(logged >= 30, "CSRF failures logged: {logged}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_post_from_another_site_is_refused_even_with_the_token() {
    let app = spawn_app(Backend::Sqlite).await;
    world(&app).await;
    let mut wrong = forged(&app, "other origin").await;
    wrong.extend(forged(&app, "cross-site fetch").await);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The same forms from this site's own origin work (the check is not simply
/// refusing every `Origin`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_from_this_site_is_accepted() {
    let app = spawn_app(Backend::Sqlite).await;
    app.mentee("hanako@example.jp").await;
    let mut b = Browser::new(&app);
    b.get("/login").await;
    let r = b
        .post_with(
            "/login",
            &[
                ("email", "hanako@example.jp"),
                ("password", "とても長い合言葉です123"),
            ],
            &[
                ("Origin", "http://kakehashi.test"),
                ("Sec-Fetch-Site", "same-origin"),
            ],
        )
        .await;
    assert_eq!(r.status, Status::SeeOther);
    assert_eq!(r.location.as_deref(), Some("/home"));
    // Chromium's own form under `Referrer-Policy: no-referrer`: Origin null,
    // Sec-Fetch-Site same-origin.
    let mut b = Browser::new(&app);
    b.get("/login").await;
    let r = b
        .post_with(
            "/login",
            &[
                ("email", "hanako@example.jp"),
                ("password", "とても長い合言葉です123"),
            ],
            &[("Origin", "null"), ("Sec-Fetch-Site", "same-origin")],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/home"));
}
