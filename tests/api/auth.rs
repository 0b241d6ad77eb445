use crate::helpers::*;
use crate::on_both;
use rocket::http::Status;
use serde_json::json;

on_both!(
    a_mentee_registers_gets_a_token_and_sees_herself,
    |app: TestApp| async move {
        let token = app.mentee("hanako@example.jp").await;
        let me = app.get("/api/v1/me", &token).await;
        assert_eq!(me.status, Status::Ok);
        assert_eq!(me.body["user"]["role"], "mentee");
        assert_eq!(me.body["user"]["email"], "hanako@example.jp");
        assert_eq!(me.body["user"]["locale"], "ja");
        assert_eq!(me.body["user"]["time_zone"], "Asia/Tokyo");
    }
);

on_both!(
    a_duplicate_email_is_refused_with_409,
    |app: TestApp| async move {
        app.mentee("hanako@example.jp").await;
        let r = app
        .api("POST", "/api/v1/auth/register", None, Some(json!({"email": "Hanako@Example.jp", "password": "another-long-password", "display_name": "x"})))
        .await;
        assert_eq!(r.status, Status::Conflict);
        assert_eq!(r.code(), "email_taken");
    }
);

on_both!(a_revoked_token_no_longer_works, |app: TestApp| async move {
    let token = app.mentee("hanako@example.jp").await;
    let r = app
        .api("DELETE", "/api/v1/auth/token", Some(&token), None)
        .await;
    assert_eq!(r.status, Status::NoContent);
    let r = app.get("/api/v1/me", &token).await;
    assert_eq!(r.status, Status::Unauthorized);
    assert_eq!(r.code(), "unauthorized");
});

on_both!(
    unknown_email_and_wrong_password_answer_the_same,
    |app: TestApp| async move {
        app.mentee("hanako@example.jp").await;
        let wrong = app
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(json!({"email": "hanako@example.jp", "password": "wrong-password!"})),
            )
            .await;
        let unknown = app
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(json!({"email": "nobody@example.jp", "password": "wrong-password!"})),
            )
            .await;
        assert_eq!(wrong.status, Status::Unauthorized);
        assert_eq!(wrong.body, unknown.body);
        assert_eq!(wrong.code(), "invalid_credentials");
    }
);

on_both!(
    five_failures_in_fifteen_minutes_lock_the_account_with_retry_after,
    |app: TestApp| async move {
        app.mentee("hanako@example.jp").await;
        let bad = json!({"email": "hanako@example.jp", "password": "wrong-password!"});
        for _ in 0..5 {
            let r = app
                .api("POST", "/api/v1/auth/token", None, Some(bad.clone()))
                .await;
            assert_eq!(r.status, Status::Unauthorized);
        }
        let good = json!({"email": "hanako@example.jp", "password": "とても長い合言葉です123"});
        let r = app
            .api("POST", "/api/v1/auth/token", None, Some(good.clone()))
            .await;
        assert_eq!(r.status, Status::TooManyRequests);
        assert_eq!(r.code(), "rate_limited");
        let wait: i64 = r.header("Retry-After").unwrap().parse().unwrap();
        assert!(wait > 0 && wait <= 900, "{wait}");
        // Another account behind the same address is not locked out.
        app.mentee("colleague@example.jp").await;
        app.clock.advance(chrono::Duration::minutes(15));
        let r = app
            .api("POST", "/api/v1/auth/token", None, Some(good))
            .await;
        assert_eq!(r.status, Status::Ok);
    }
);

on_both!(
    every_page_carries_the_security_headers,
    |app: TestApp| async move {
        let r = app.client.get("/login").dispatch().await;
        let h = r.headers();
        assert!(h
            .get_one("Content-Security-Policy")
            .unwrap()
            .contains("frame-ancestors 'none'"));
        assert_eq!(h.get_one("X-Content-Type-Options"), Some("nosniff"));
        assert_eq!(h.get_one("X-Frame-Options"), Some("DENY"));
        assert_eq!(h.get_one("Referrer-Policy"), Some("no-referrer"));
    }
);

on_both!(the_health_check_answers_ok, |app: TestApp| async move {
    let r = app.api("GET", "/healthz", None, None).await;
    assert_eq!(r.status, Status::Ok);
    assert_eq!(r.body, json!({"status": "ok"}));
});
