//! Sessions (ASVS V3): the cookie's attributes, rotation at login, and every
//! way a session ends — logout, a password change elsewhere, the account
//! disabled, the idle timeout and the absolute one (driven by the clock).
use crate::helpers::*;
use crate::on_both;
use chrono::Duration;
use rocket::http::Status;
use serde_json::json;

const PASSWORD: &str = "とても長い合言葉です123";

fn session_cookie<'a>(set_cookies: &'a [String], name: &str) -> &'a str {
    set_cookies
        .iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(String::as_str)
        .unwrap_or_else(|| panic!("no {name} cookie in {set_cookies:?}"))
}

/// Behind HTTPS (the public address is `https://…`, also when a proxy ends
/// TLS) the session cookie is `__Host-`, Secure, HttpOnly, SameSite=Lax,
/// path `/` and has no Domain; so is the CSRF cookie.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_https_the_cookies_are_host_bound_secure_httponly_and_lax() {
    let app = spawn_app_with(
        Backend::Sqlite,
        &[("public_url", json!("https://kakehashi.example.jp"))],
    )
    .await;
    app.mentee("hanako@example.jp").await;
    let mut b = Browser::new(&app);
    let r = b.login("hanako@example.jp", PASSWORD).await;
    for name in ["__Host-kk_session", "__Host-kk_csrf"] {
        let c = session_cookie(&r.set_cookies, name).to_ascii_lowercase();
        for attr in ["; httponly", "; samesite=lax", "; secure", "; path=/"] {
            assert!(c.contains(attr), "{name} lacks {attr}: {c}");
        }
        assert!(!c.contains("domain="), "{name} must not name a domain: {c}");
    }
    assert!(
        r.set_cookies.iter().all(|c| !c.starts_with("kk_session=")),
        "no unprefixed session cookie behind HTTPS"
    );
    // The prefixed cookie works.
    assert_eq!(b.get("/home").await.status, Status::Ok);

    // Secure can also be forced by configuration (a proxy whose public
    // address is not yet https), and turned off only explicitly.
    let app = spawn_app_with(Backend::Sqlite, &[("secure_cookies", json!(true))]).await;
    app.mentee("hanako@example.jp").await;
    let mut b = Browser::new(&app);
    let r = b.login("hanako@example.jp", PASSWORD).await;
    let c = session_cookie(&r.set_cookies, "__Host-kk_session").to_ascii_lowercase();
    assert!(c.contains("; secure"), "{c}");
}

/// Plain http (development): HttpOnly and SameSite=Lax still, no prefix.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_plain_http_the_cookie_is_still_httponly_and_lax() {
    let app = spawn_app(Backend::Sqlite).await;
    app.mentee("hanako@example.jp").await;
    let mut b = Browser::new(&app);
    let r = b.login("hanako@example.jp", PASSWORD).await;
    let c = session_cookie(&r.set_cookies, "kk_session").to_ascii_lowercase();
    assert!(
        c.contains("; httponly") && c.contains("; samesite=lax"),
        "{c}"
    );
    assert!(!c.contains("; secure"), "{c}");
}

on_both!(
    login_rotates_the_session_and_logout_kills_it,
    |app: TestApp| async move {
        app.mentee("hanako@example.jp").await;
        let mut b = Browser::new(&app);
        b.get("/login").await;
        let csrf_before = b.csrf.clone();
        b.login("hanako@example.jp", PASSWORD).await;
        let first = b.cookie("kk_session").expect("session cookie");
        // The CSRF token seen before login is worthless after it.
        assert_ne!(b.get("/home").await.status, Status::Unauthorized);
        assert_ne!(b.csrf, csrf_before, "the CSRF token rotates at login");
        // Signing in again gives a new session and ends the old one.
        b.login("hanako@example.jp", PASSWORD).await;
        let second = b.cookie("kk_session").unwrap();
        assert_ne!(first, second, "a fresh session id at every login");
        let mut replay = Browser::new(&app);
        replay.set_cookie("kk_session", &first);
        let r = replay.get("/home").await;
        assert_eq!(r.status, Status::SeeOther, "the replaced session is dead");

        // Logout: the same cookie replayed later finds nothing.
        b.get("/home").await;
        let r = b.post("/logout", &[]).await;
        assert_eq!(r.status, Status::SeeOther);
        let mut replay = Browser::new(&app);
        replay.set_cookie("kk_session", &second);
        assert_eq!(replay.get("/home").await.status, Status::SeeOther);
    }
);

on_both!(
    a_password_change_ends_her_other_sessions_and_tokens,
    |app: TestApp| async move {
        let token = app.mentee("hanako@example.jp").await;
        let mut laptop = Browser::new(&app);
        laptop.login("hanako@example.jp", PASSWORD).await;
        let mut phone = Browser::new(&app);
        phone.login("hanako@example.jp", PASSWORD).await;
        let other_token = app.token("hanako@example.jp", PASSWORD).await;
        // Each is read before the change (and so kept in memory, see
        // `the_signed_in_cache_follows_every_change`).
        assert_eq!(phone.get("/home").await.status, Status::Ok);
        for t in [&token, &other_token] {
            assert_eq!(app.get("/api/v1/me", t).await.status, Status::Ok);
        }

        laptop.get("/settings/account").await;
        let r = laptop
            .post(
                "/settings/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "新しい長い合言葉です456"),
                ],
            )
            .await;
        assert_eq!(r.status, Status::SeeOther, "{}", r.body);
        // The laptop goes on; the phone and every API token are signed out.
        assert_eq!(laptop.get("/home").await.status, Status::Ok);
        assert_eq!(phone.get("/home").await.status, Status::SeeOther);
        for t in [&token, &other_token] {
            assert_eq!(app.get("/api/v1/me", t).await.status, Status::Unauthorized);
        }
        // Through the API: the calling token keeps working, others end.
        let t1 = app
            .token("hanako@example.jp", "新しい長い合言葉です456")
            .await;
        let t2 = app
            .token("hanako@example.jp", "新しい長い合言葉です456")
            .await;
        let r = app
            .put(
                "/api/v1/me/password",
                &t1,
                json!({"current_password": "新しい長い合言葉です456", "new_password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(app.get("/api/v1/me", &t1).await.status, Status::Ok);
        assert_eq!(
            app.get("/api/v1/me", &t2).await.status,
            Status::Unauthorized
        );
        assert_eq!(laptop.get("/home").await.status, Status::SeeOther);
    }
);

on_both!(
    disabling_an_account_ends_its_sessions_at_once,
    |app: TestApp| async move {
        let coord = app.coordinator("coord@example.jp").await;
        let token = app.mentee("hanako@example.jp").await;
        let id = app.get("/api/v1/me", &token).await.body["user"]["id"]
            .as_i64()
            .unwrap();
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        assert_eq!(b.get("/home").await.status, Status::Ok);
        let r = app
            .post(
                &format!("/api/v1/coordinator/users/{id}/disable"),
                &coord,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["user"]["disabled"], true);
        // Her sessions and tokens are gone from the database, not just refused.
        {
            use kakehashi::db::entities::{api_tokens, web_sessions};
            use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
            let conn = &app.app.db.conn;
            let left = web_sessions::Entity::find()
                .filter(web_sessions::Column::UserId.eq(id as i32))
                .count(conn)
                .await
                .unwrap()
                + api_tokens::Entity::find()
                    .filter(api_tokens::Column::UserId.eq(id as i32))
                    .count(conn)
                    .await
                    .unwrap();
            assert_eq!(left, 0);
        }
        assert_eq!(b.get("/home").await.status, Status::SeeOther);
        assert_eq!(
            app.get("/api/v1/me", &token).await.status,
            Status::Unauthorized
        );
        // She cannot sign in again, with the same answer as a wrong password.
        let r = app
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(json!({"email": "hanako@example.jp", "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, Status::Unauthorized);
        assert_eq!(r.code(), "invalid_credentials");
        // A coordinator cannot lock herself out; unknown ids are 404.
        let me = app.get("/api/v1/me", &coord).await.body["user"]["id"]
            .as_i64()
            .unwrap();
        let r = app
            .post(
                &format!("/api/v1/coordinator/users/{me}/disable"),
                &coord,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::Conflict);
        let r = app
            .post(
                "/api/v1/coordinator/users/999999/disable",
                &coord,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::NotFound);
        // Enabled again, she signs in.
        app.post(
            &format!("/api/v1/coordinator/users/{id}/enable"),
            &coord,
            json!({}),
        )
        .await;
        let token = app.token("hanako@example.jp", PASSWORD).await;
        b.login("hanako@example.jp", PASSWORD).await;
        // The flag alone is enough, however it was set (an operator's SQL):
        // the next request of a live session or token is refused.
        use kakehashi::db::entities::users;
        use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
        users::Entity::update_many()
            .col_expr(users::Column::Disabled, Expr::value(true))
            .filter(users::Column::Id.eq(id as i32))
            .exec(&app.app.db.conn)
            .await
            .unwrap();
        assert_eq!(b.get("/home").await.status, Status::SeeOther);
        assert_eq!(
            app.get("/api/v1/me", &token).await.status,
            Status::Unauthorized
        );
    }
);

/// The coordinator's page: disable a mentor with the list's button.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coordinator_disables_a_mentor_from_the_list() {
    let app = spawn_app(Backend::Sqlite).await;
    let coord = app.coordinator("coord@example.jp").await;
    let (_, mentor) = app
        .mentor(
            &coord,
            "mentor@example.jp",
            json!({"headline": "部長", "capacity": 2}),
        )
        .await;
    let mut c = Browser::new(&app);
    c.login("coord@example.jp", "coordinator-password-1").await;
    let page = c.get("/coordinator/mentors").await;
    let i = page
        .body
        .find("/coordinator/users/")
        .expect("a disable button");
    let action: String = page.body[i..].chars().take_while(|ch| *ch != '"').collect();
    let r = c
        .post(
            &action,
            &[("disabled", "true"), ("back", "/coordinator/mentors")],
        )
        .await;
    assert_eq!(r.status, Status::SeeOther);
    assert_eq!(
        app.get("/api/v1/me", &mentor).await.status,
        Status::Unauthorized
    );
    assert!(c.get("/coordinator/mentors").await.body.contains("停止中"));
    // A malformed way back is not followed (nor a 500).
    let r = c
        .post(
            &action,
            &[("disabled", "false"), ("back", "/coordinator/a b<>")],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/coordinator/mentors"));
}

on_both!(
    sessions_end_after_an_idle_hour_and_after_twelve_hours_in_all,
    |app: TestApp| async move {
        app.mentee("hanako@example.jp").await;
        // Idle: 59 minutes between requests is fine, 60 is not.
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        app.clock.advance(Duration::minutes(59));
        assert_eq!(b.get("/home").await.status, Status::Ok);
        app.clock.advance(Duration::minutes(59));
        assert_eq!(
            b.get("/home").await.status,
            Status::Ok,
            "each request restarts the idle clock"
        );
        app.clock.advance(Duration::minutes(60));
        let r = b.get("/home").await;
        assert_eq!(r.status, Status::SeeOther, "idle for an hour: signed out");
        assert!(r.location.unwrap_or_default().starts_with("/login"));

        // Absolute: active every 30 minutes, still ended after 12 hours.
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        for _ in 0..23 {
            app.clock.advance(Duration::minutes(30));
            assert_eq!(b.get("/home").await.status, Status::Ok);
        }
        app.clock.advance(Duration::minutes(30));
        assert_eq!(
            b.get("/home").await.status,
            Status::SeeOther,
            "12 hours: signed out"
        );
    }
);

/// Both timeouts are settings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeouts_are_configurable() {
    let app = spawn_app_with(
        Backend::Sqlite,
        &[
            ("session_idle_minutes", json!(15)),
            ("session_hours", json!(1)),
        ],
    )
    .await;
    app.mentee("hanako@example.jp").await;
    let mut b = Browser::new(&app);
    b.login("hanako@example.jp", PASSWORD).await;
    app.clock.advance(Duration::minutes(16));
    assert_eq!(b.get("/home").await.status, Status::SeeOther);
}

// Who is signed in is kept in memory between requests
// (`db::SignedInCache`): whatever this process changes shows at the next
// request, whichever cookie or token changed it; a change another process
// makes to the same database (here a statement run past the application)
// shows within `SIGNED_IN_MAX_AGE`.
on_both!(
    the_signed_in_cache_follows_every_change,
    |app: TestApp| async move {
        let token = app.mentee("hanako@example.jp").await;
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        let me = app.get("/api/v1/me", &token).await;
        assert_eq!(me.body["user"]["locale"], "ja");
        let id = me.body["user"]["id"].as_i64().unwrap() as i32;
        assert!(b.get("/home").await.body.contains("<html lang=\"ja\">"));
        // Her language, changed with her token, is the cookie's at once.
        let r = app
            .api(
                "PATCH",
                "/api/v1/me",
                Some(&token),
                Some(json!({"locale": "en"})),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert!(b.get("/home").await.body.contains("<html lang=\"en\">"));
        assert_eq!(
            app.get("/api/v1/me", &token).await.body["user"]["locale"],
            "en"
        );
        // A revoked token is refused at once, though it was just read.
        let second = app.token("hanako@example.jp", PASSWORD).await;
        assert_eq!(app.get("/api/v1/me", &second).await.status, Status::Ok);
        let r = app
            .api("DELETE", "/api/v1/auth/token", Some(&second), None)
            .await;
        assert_eq!(r.status, Status::NoContent, "{:?}", r.body);
        assert_eq!(
            app.get("/api/v1/me", &second).await.status,
            Status::Unauthorized
        );
        // Another process disables her account: within the cache's age, her
        // cookie and token are refused.
        {
            use kakehashi::db::entities::users;
            use sea_orm::sea_query::Expr;
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            users::Entity::update_many()
                .col_expr(users::Column::Disabled, Expr::value(true))
                .filter(users::Column::Id.eq(id))
                .exec(&app.app.db.conn)
                .await
                .unwrap();
        }
        tokio::time::sleep(
            kakehashi::db::SIGNED_IN_MAX_AGE + std::time::Duration::from_millis(200),
        )
        .await;
        assert_eq!(
            app.get("/api/v1/me", &token).await.status,
            Status::Unauthorized
        );
        assert_eq!(b.get("/home").await.status, Status::SeeOther);
    }
);
