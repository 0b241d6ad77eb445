//! Stored cross-site scripting (ASVS V5.3): a world where every free text a
//! person can write — names, intake, notes, messages, reasons, profile,
//! sheets, replies, feedback — holds script and markup, then every page the
//! server mounts (from the route list) is opened by each role, and every
//! HTML email is read: none carries a live tag or a `javascript:` link.
//! `javascript:` is also refused where a link is typed (meeting URLs).
use crate::helpers::*;
use crate::on_both;
use rocket::http::Status;
use serde_json::json;

const NAME: &str = "<script>alert(1)</script>花子";
const TEXT: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a> {{ 7*7 }} 上司に相談";

/// Markup that would run if it reached a page unescaped.
fn live(body: &str) -> Vec<&'static str> {
    let lower = body.to_ascii_lowercase();
    [
        "<script>alert",
        "<img src=x",
        "href=\"javascript:",
        "href='javascript:",
        "src=\"javascript:",
        "href=javascript:",
    ]
    .into_iter()
    .filter(|m| lower.contains(m))
    .collect()
}

struct Ids {
    intake: i64,
    mentor: i64,
    plan: i64,
    session: i64,
    assignment: i64,
}

async fn hostile_world(app: &TestApp) -> Ids {
    let coord = app.coordinator("coord@example.jp").await;
    let r = app
        .post(
            "/api/v1/mentors",
            &coord,
            json!({"email": "mentor@example.jp", "display_name": NAME,
                   "profile": {"headline": TEXT.chars().take(100).collect::<String>(), "bio": TEXT, "capacity": 3}}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let mentor_id = r.body["mentor"]["id"].as_i64().unwrap();
    let invitation = app.invitation_token("mentor@example.jp").await;
    app.api(
        "POST",
        &format!("/api/v1/invitations/{invitation}/accept"),
        None,
        Some(json!({"password": "mentor-password-1"})),
    )
    .await;
    let mentor = app.token("mentor@example.jp", "mentor-password-1").await;

    let r = app
        .api(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(json!({"email": "hanako@example.jp", "password": "とても長い合言葉です123", "display_name": NAME})),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let mentee = app
        .token("hanako@example.jp", "とても長い合言葉です123")
        .await;
    let mut intake = full_intake();
    intake["concern_detail"] = json!(TEXT);
    intake["goals"] = json!(TEXT);
    intake["plan"] = json!("single");
    let r = app.put("/api/v1/intake", &mentee, intake).await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let r = app.post("/api/v1/intake/submit", &mentee, json!({})).await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let intake_id = r.body["intake"]["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/intakes/{intake_id}/call-notes"),
        &coord,
        json!({"note": TEXT}),
    )
    .await;
    let r = app
        .post(
            &format!("/api/v1/intakes/{intake_id}/assignments"),
            &coord,
            json!({"mentor_id": mentor_id, "message": TEXT}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let assignment = r.body["assignment"]["id"].as_i64().unwrap();
    let r = app
        .post(
            &format!("/api/v1/assignments/{assignment}/accept"),
            &mentor,
            json!({}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let plan = r.body["plan"]["id"].as_i64().unwrap();
    let session = r.body["plan"]["sessions"][0]["id"].as_i64().unwrap();

    // A `javascript:` meeting link is refused where it is typed.
    for bad in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
    ] {
        let r = app
            .post(
                &format!("/api/v1/sessions/{session}/proposals"),
                &mentor,
                json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}], "meeting_url": bad}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity, "{bad}: {:?}", r.body);
    }
    // A cancelled proposal leaves its reason; then a real time with a message.
    let r = app
        .post(
            &format!("/api/v1/sessions/{session}/proposals"),
            &mentor,
            json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}],
                   "meeting_url": "https://meet.example.jp/a?b=\"><script>alert(1)</script>", "message": TEXT}),
        )
        .await;
    let url_ok = r.status == Status::Created;
    if !url_ok {
        app.post(
            &format!("/api/v1/sessions/{session}/proposals"),
            &mentor,
            json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}],
                   "meeting_url": "https://meet.example.jp/a", "message": TEXT}),
        )
        .await;
    }
    let r = app
        .post(
            &format!("/api/v1/sessions/{session}/confirm"),
            &mentee,
            json!({"starts_at": "2026-12-03T20:00:00+09:00"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    app.post(
        &format!("/api/v1/sessions/{session}/held"),
        &mentor,
        json!({}),
    )
    .await;
    app.put(
        "/api/v1/me/sheet-sharing",
        &mentee,
        json!({"share_sheets": true}),
    )
    .await;
    let r = app
        .put(
            &format!("/api/v1/sessions/{session}/sheet"),
            &mentee,
            json!({"realizations": TEXT, "next_actions": TEXT, "questions": TEXT}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    app.post(
        &format!("/api/v1/sessions/{session}/sheet/submit"),
        &mentee,
        json!({}),
    )
    .await;
    let r = app
        .post(
            &format!("/api/v1/sessions/{session}/sheet/reply"),
            &mentor,
            json!({"message": TEXT, "strengths": TEXT}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/plans/{plan}/feedback"),
            &mentee,
            json!({"satisfaction": 4, "positive_action": true, "positive_action_detail": TEXT, "comment": TEXT}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    app.post(
        &format!("/api/v1/plans/{plan}/extension"),
        &mentee,
        json!({"message": TEXT}),
    )
    .await;
    Ids {
        intake: intake_id,
        mentor: mentor_id,
        plan,
        session,
        assignment,
    }
}

fn concrete(path: &str, ids: &Ids) -> Option<String> {
    if path.contains("<path..>") || path.contains("<token>") || path.contains("<file>") {
        return None;
    }
    let id = if path.starts_with("/coordinator/intakes/") {
        ids.intake
    } else if path.starts_with("/coordinator/mentors/") {
        ids.mentor
    } else if path.starts_with("/plans/") {
        ids.plan
    } else if path.starts_with("/sessions/") {
        ids.session
    } else if path.starts_with("/mentor/assignments/") {
        ids.assignment
    } else {
        1
    };
    Some(path.replace("<id>", &id.to_string()).replace("<step>", "1"))
}

on_both!(
    stored_script_is_harmless_in_every_page_and_every_email,
    |app: TestApp| async move {
        let ids = hostile_world(&app).await;
        let mut routes: Vec<String> = app
            .client
            .rocket()
            .routes()
            .filter(|r| r.method.as_str() == "GET" && !r.uri.path().starts_with("/api/"))
            .map(|r| r.uri.path().to_string())
            .collect();
        routes.sort();
        routes.dedup();
        let mut browsers = Vec::new();
        for (email, password) in [
            ("hanako@example.jp", "とても長い合言葉です123"),
            ("mentor@example.jp", "mentor-password-1"),
            ("coord@example.jp", "coordinator-password-1"),
        ] {
            let mut b = Browser::new(&app);
            b.login(email, password).await;
            browsers.push(b);
        }
        let mut seen_pages = 0;
        let mut seen_payload = 0;
        let mut wrong = Vec::new();
        for path in &routes {
            let Some(url) = concrete(path, &ids) else {
                continue;
            };
            for b in browsers.iter_mut() {
                let r = b.get(&url).await;
                assert!(r.status.code < 500, "{url}: {}", r.status);
                let is_html = r
                    .content_type
                    .as_deref()
                    .is_some_and(|c| c.starts_with("text/html"));
                if r.status != Status::Ok || !is_html {
                    continue;
                }
                seen_pages += 1;
                if r.body.contains("&lt;script&gt;alert(1)") {
                    seen_payload += 1;
                }
                let found = live(&r.body);
                if !found.is_empty() {
                    wrong.push(format!("{url}: {found:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "live markup:\n{}", wrong.join("\n"));
        // The payload really was on many pages (escaped), so the check bites.
        assert!(seen_pages >= 25, "pages seen: {seen_pages}");
        assert!(
            seen_payload >= 12,
            "pages showing the hostile text: {seen_payload}"
        );

        // Every email: the HTML part has no live markup either.
        use kakehashi::db::entities::outbox;
        use sea_orm::EntityTrait;
        let mails = outbox::Entity::find().all(&app.app.db.conn).await.unwrap();
        assert!(mails.len() >= 8, "emails: {}", mails.len());
        for m in &mails {
            let found = live(&m.html_body);
            assert!(found.is_empty(), "{} email: {found:?}", m.kind);
            assert!(!m.subject.contains('\n'));
        }
        assert!(
            mails.iter().any(|m| m.html_body.contains("&lt;script&gt;")),
            "a name with markup reached an email, escaped"
        );
        // The data download (HTML) too.
        let mentee = app
            .token("hanako@example.jp", "とても長い合言葉です123")
            .await;
        let r = app
            .post(
                "/api/v1/me/export/html",
                &mentee,
                json!({"password": "とても長い合言葉です123"}),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        let body = r.body.as_str().unwrap_or_default();
        assert!(
            body.contains("&lt;script&gt;alert(1)"),
            "the download shows her text"
        );
        assert!(live(body).is_empty(), "download: {:?}", live(body));
    }
);
