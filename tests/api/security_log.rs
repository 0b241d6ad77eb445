//! Security events (ASVS V7): failed logins, denials, CSRF failures and rate
//! limits are logged with the time, the user (when known) and the client
//! address — and never a password, a token, a cookie or anything she wrote.
use crate::helpers::*;
use crate::on_both;
use kakehashi::clock::Clock;
use kakehashi::db::entities::audit_events;
use rocket::http::{ContentType, Header, Status};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;

const SECRET: &str = "my-secret-password-xyz";
const SHEET_TEXT: &str = "上司には言えない転職の悩み";

async fn from(
    app: &TestApp,
    addr: &str,
    path: &str,
    token: Option<&str>,
    body: serde_json::Value,
) -> Status {
    let mut req = app
        .client
        .post(path.to_string())
        .remote(addr.parse().unwrap())
        .header(ContentType::JSON)
        .body(body.to_string());
    if let Some(t) = token {
        req = req.header(Header::new("Authorization", format!("Bearer {t}")));
    }
    req.dispatch().await.status()
}

on_both!(
    security_events_carry_time_user_and_address_but_no_secret,
    |app: TestApp| async move {
        let token = app.mentee("hanako@example.jp").await;
        let me = app.get("/api/v1/me", &token).await.body["user"]["id"]
            .as_i64()
            .unwrap() as i32;
        let now = app.clock.now();
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", "とても長い合言葉です123")
            .await;
        // Failed logins, then the rate limit (5 per account).
        for _ in 0..6 {
            from(
                &app,
                "203.0.113.7:4000",
                "/api/v1/auth/token",
                None,
                json!({"email": "hanako@example.jp", "password": SECRET}),
            )
            .await;
        }
        // A denial: a mentee asks for the coordinator's queue.
        let r = app
            .client
            .get("/api/v1/intakes")
            .remote("203.0.113.8:4000".parse().unwrap())
            .header(Header::new("Authorization", format!("Bearer {token}")))
            .dispatch()
            .await;
        assert_eq!(r.status(), Status::Forbidden);
        // A CSRF failure from a signed-in browser.
        b.post_raw("/settings", &[("csrf_token".into(), "forged".into())])
            .await;
        // Her sheet text travels through the system too.
        app.put("/api/v1/intake", &token, json!({"goals": SHEET_TEXT}))
            .await;

        let rows = audit_events::Entity::find()
            .order_by_asc(audit_events::Column::Id)
            .all(&app.app.db.conn)
            .await
            .unwrap();
        let kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
        let failed: Vec<_> = rows.iter().filter(|r| r.kind == "login_failed").collect();
        assert_eq!(failed.len(), 5, "{kinds:?}");
        for r in &failed {
            assert_eq!(r.actor_id, Some(me), "the account tried is named");
            assert_eq!(r.ip.as_deref(), Some("203.0.113.7"));
            assert_eq!(r.at, now);
            assert_eq!(r.detail.as_deref(), Some("example.jp"), "the domain only");
        }
        let limited = rows
            .iter()
            .find(|r| r.kind == "rate_limited")
            .expect("rate limit logged");
        assert_eq!(limited.ip.as_deref(), Some("203.0.113.7"));
        let denied = rows
            .iter()
            .find(|r| r.kind == "denied")
            .expect("denial logged");
        assert_eq!(denied.actor_id, Some(me));
        assert_eq!(denied.ip.as_deref(), Some("203.0.113.8"));
        assert_eq!(denied.path.as_deref(), Some("/api/v1/intakes"));
        let csrf = rows
            .iter()
            .find(|r| r.kind == "csrf_failed")
            .expect("CSRF failure logged");
        assert_eq!(csrf.actor_id, Some(me));
        assert_eq!(csrf.path.as_deref(), Some("/settings"));
        assert!(rows
            .iter()
            .any(|r| r.kind == "login" && r.actor_id == Some(me)));

        // No line holds a secret.
        let cookie = b.cookie("kk_session").unwrap();
        for r in &rows {
            let line = format!("{r:?}");
            for secret in [
                SECRET,
                "とても長い合言葉です123",
                token.as_str(),
                cookie.as_str(),
                SHEET_TEXT,
                "forged",
            ] {
                assert!(!line.contains(secret), "{line} holds a secret");
            }
        }
    }
);

/// A secret carried in a path (an invitation's token) never reaches the log:
/// the route's pattern is logged instead.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_in_the_path_is_not_logged() {
    let app = spawn_app(Backend::Sqlite).await;
    let mut b = Browser::new(&app);
    b.get("/login").await;
    b.post_raw(
        "/invitations/secret-invitation-token-123",
        &[("csrf_token".into(), "forged".into())],
    )
    .await;
    let rows = audit_events::Entity::find()
        .all(&app.app.db.conn)
        .await
        .unwrap();
    let csrf = rows
        .iter()
        .find(|r| r.kind == "csrf_failed")
        .expect("logged");
    assert_eq!(csrf.path.as_deref(), Some("/invitations/<token>"));
    assert!(!format!("{rows:?}").contains("secret-invitation-token-123"));
}

/// Behind a trusted proxy the logged address is the client's, from the
/// configured header's right-most entry (the one the proxy appended).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_proxy_the_logged_address_is_the_clients() {
    let app = spawn_app_with(
        Backend::Sqlite,
        &[("client_ip_header", json!("X-Forwarded-For"))],
    )
    .await;
    app.client
        .post("/api/v1/auth/token")
        .remote("10.0.0.2:4000".parse().unwrap())
        .header(ContentType::JSON)
        .header(Header::new("X-Forwarded-For", "198.51.100.1, 192.0.2.9"))
        .body(json!({"email": "nobody@example.jp", "password": SECRET}).to_string())
        .dispatch()
        .await;
    let rows = audit_events::Entity::find()
        .all(&app.app.db.conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].kind, "login_failed");
    assert_eq!(rows[0].actor_id, None, "an unknown account names no one");
    assert_eq!(rows[0].ip.as_deref(), Some("192.0.2.9"));
}
