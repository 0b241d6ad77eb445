//! The access matrix: every API endpoint (taken from the mounted routes, so a
//! new one cannot be forgotten) × every kind of caller — anonymous, the
//! mentee, another mentee, her mentor, another mentor, a coordinator — on the
//! pair's own objects. The expected answer of each cell is written down once
//! below: `A` allowed (it passes authentication and ownership: anything but
//! 401, 403 and 404), `F` 403 (the role may never do this), `N` 404 (not
//! hers, answered exactly like a missing object), `U` 401. No cell may ever
//! answer 5xx. Each endpoint is tried on a fresh database.
use crate::helpers::*;
use crate::sessions::{exchange_sheet, matched_pair, session_id};
use rocket::http::Status;
use serde_json::json;

/// The callers, in the order of each row.
const CALLERS: [&str; 6] = [
    "anonymous",
    "mentee",
    "other mentee",
    "mentor",
    "other mentor",
    "coordinator",
];

/// Method and path → the answer for each caller (see `CALLERS`). Requests
/// other than GET send `{}`, or the well-formed body named in `BODIES` (so that
/// the answer is about who asks, not about the shape of the body).
const MATRIX: &[(&str, &str, &str)] = &[
    // method, path, expected: anonymous mentee other-mentee mentor other-mentor coordinator
    ("GET", "/api/v1/openapi.json", "AAAAAA"),
    ("POST", "/api/v1/auth/register", "AAAAAA"),
    ("POST", "/api/v1/auth/token", "AAAAAA"),
    ("DELETE", "/api/v1/auth/token", "UAAAAA"),
    ("GET", "/api/v1/me", "UAAAAA"),
    ("PATCH", "/api/v1/me", "UAAAAA"),
    ("GET", "/api/v1/me/calendar", "UAAAAA"),
    ("POST", "/api/v1/me/calendar/feed", "UAAAAA"),
    ("DELETE", "/api/v1/me/calendar/feed", "UAAAAA"),
    ("PUT", "/api/v1/me/calendar/busy", "UAAAAA"),
    ("DELETE", "/api/v1/me/calendar/busy", "UAAAAA"),
    ("GET", "/api/v1/me/sheet-reads", "UAAFFF"),
    ("PUT", "/api/v1/me/sheet-sharing", "UAAFFF"),
    ("PUT", "/api/v1/me/password", "UAAAAA"),
    ("PUT", "/api/v1/me/email", "UAAAAA"),
    ("POST", "/api/v1/me/export", "UAAFFF"),
    ("POST", "/api/v1/me/export/html", "UAAFFF"),
    ("POST", "/api/v1/me/deletion", "UAAFFF"),
    ("GET", "/api/v1/me/audit", "UAAAAA"),
    ("PUT", "/api/v1/intake/correction", "UAAFFF"),
    ("POST", "/api/v1/coordinator/users/<id>/disable", "UFFFFA"),
    ("POST", "/api/v1/coordinator/users/<id>/enable", "UFFFFA"),
    ("GET", "/api/v1/coordinator/emails/failed", "UFFFFA"),
    ("POST", "/api/v1/coordinator/emails/<id>/resend", "UFFFFA"),
    ("POST", "/api/v1/mentors", "UFFFFA"),
    ("GET", "/api/v1/mentors", "UFFFFA"),
    ("GET", "/api/v1/mentors/<id>", "UFFANA"),
    ("PUT", "/api/v1/mentors/<id>/profile", "UFFANA"),
    ("POST", "/api/v1/invitations/<token>/accept", "AAAAAA"),
    ("GET", "/api/v1/intake", "UAAFFF"),
    ("PUT", "/api/v1/intake", "UAAFFF"),
    ("POST", "/api/v1/intake/submit", "UAAFFF"),
    ("GET", "/api/v1/intakes", "UFFFFA"),
    ("GET", "/api/v1/intakes/<id>", "UFFANA"),
    ("PATCH", "/api/v1/intakes/<id>", "UFFFFA"),
    ("GET", "/api/v1/intakes/<id>/call-notes", "UFFFFA"),
    ("POST", "/api/v1/intakes/<id>/call-notes", "UFFFFA"),
    ("GET", "/api/v1/intakes/<id>/edits", "UFFFFA"),
    ("GET", "/api/v1/intakes/<id>/candidates", "UFFFFA"),
    ("POST", "/api/v1/intakes/<id>/assignments", "UFFFFA"),
    ("GET", "/api/v1/assignments", "UFFAAA"),
    ("POST", "/api/v1/assignments/<id>/accept", "UFFANF"),
    ("POST", "/api/v1/assignments/<id>/decline", "UFFANF"),
    ("GET", "/api/v1/plans", "UAAAAA"),
    ("GET", "/api/v1/plans/<id>", "UANANA"),
    ("POST", "/api/v1/plans/<id>/extension", "UANFFF"),
    ("GET", "/api/v1/plans/<id>/exchange", "UANANA"),
    ("POST", "/api/v1/plans/<id>/feedback", "UANFFF"),
    ("GET", "/api/v1/plans/<id>/feedback", "UANFFF"),
    ("GET", "/api/v1/extensions", "UFFFFA"),
    ("POST", "/api/v1/extensions/<id>/approve", "UFFFFA"),
    ("POST", "/api/v1/extensions/<id>/decline", "UFFFFA"),
    ("GET", "/api/v1/programme/template", "UFFFFA"),
    ("PUT", "/api/v1/programme/template", "UFFFFA"),
    ("GET", "/api/v1/sessions/<id>", "UANANA"),
    ("POST", "/api/v1/sessions/<id>/proposals", "UANANF"),
    ("POST", "/api/v1/sessions/<id>/proposals/check", "UANANA"),
    ("POST", "/api/v1/sessions/<id>/confirm", "UANANF"),
    ("POST", "/api/v1/sessions/<id>/cancel", "UANANF"),
    ("POST", "/api/v1/sessions/<id>/held", "UANANF"),
    ("GET", "/api/v1/sessions/<id>/invite.ics", "UANANF"),
    ("GET", "/api/v1/sessions/<id>/sheet", "UANANA"),
    ("PUT", "/api/v1/sessions/<id>/sheet", "UANFFF"),
    ("POST", "/api/v1/sessions/<id>/sheet/submit", "UANFFF"),
    ("POST", "/api/v1/sessions/<id>/sheet/reply", "UFFANF"),
    ("GET", "/api/v1/coordinator/stalled", "UFFFFA"),
    ("GET", "/api/v1/outcomes", "UFFFFA"),
    ("GET", "/api/v1/outcomes/plans.csv", "UFFFFA"),
];

/// Well-formed bodies for the endpoints whose body is read before the caller's
/// right to the object is checked.
const BODIES: &[(&str, &str)] = &[
    (
        "/api/v1/sessions/<id>/proposals",
        r#"{"slots": [{"starts_at": "2026-12-10T20:00", "duration_minutes": 60}]}"#,
    ),
    (
        "/api/v1/sessions/<id>/proposals/check",
        r#"{"slots": [{"starts_at": "2026-12-10T20:00", "duration_minutes": 60}]}"#,
    ),
    (
        "/api/v1/sessions/<id>/confirm",
        r#"{"starts_at": "2026-12-10T20:00"}"#,
    ),
    (
        "/api/v1/sessions/<id>/cancel",
        r#"{"reason": "都合が悪くなりました"}"#,
    ),
    (
        "/api/v1/assignments/<id>/decline",
        r#"{"reason": "今期は難しいため"}"#,
    ),
];

/// Everything a row needs: the pair's objects and a token per caller.
struct World {
    tokens: [Option<String>; 6],
    mentor_id: i64,
    intake_id: i64,
    assignment_id: i64,
    plan_id: i64,
    session_id: i64,
    extension_id: i64,
    invitation: String,
    /// The other mentee's user id (to disable) and an email in the outbox.
    user_id: i64,
    email_id: i64,
}

/// A completed single plan (held, sheet answered, shared with the
/// coordinator), an extension request, a pending assignment for the same
/// mentor, another mentee and another mentor, and an open invitation.
async fn world(app: &TestApp) -> World {
    let p = matched_pair(app, "single").await;
    let s = session_id(&p.plan, 1);
    let r = app
        .post(
            &format!("/api/v1/sessions/{s}/proposals"),
            &p.mentee,
            json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}]}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    app.post(
        &format!("/api/v1/sessions/{s}/confirm"),
        &p.mentor,
        json!({"starts_at": "2026-12-03T20:00:00+09:00"}),
    )
    .await;
    app.post(&format!("/api/v1/sessions/{s}/held"), &p.mentor, json!({}))
        .await;
    app.put(
        "/api/v1/me/sheet-sharing",
        &p.mentee,
        json!({"share_sheets": true}),
    )
    .await;
    exchange_sheet(app, &p, s).await;
    let plan_id = p.plan["id"].as_i64().unwrap();
    let r = app
        .post(
            &format!("/api/v1/plans/{plan_id}/feedback"),
            &p.mentee,
            json!({"satisfaction": 5}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/plans/{plan_id}/extension"),
            &p.mentee,
            json!({"message": "もう一度"}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let extension_id = r.body["extension"]["id"].as_i64().unwrap();
    let mentor_id = r.body["extension"]["mentor_id"].as_i64().unwrap_or(0);
    let mentor_id = if mentor_id > 0 {
        mentor_id
    } else {
        app.get(&format!("/api/v1/plans/{plan_id}"), &p.mentee)
            .await
            .body["plan"]["mentor"]["id"]
            .as_i64()
            .unwrap()
    };
    // A second mentee, proposed to the same mentor (a pending assignment).
    let (other_mentee, other_intake) = app.submitted_mentee("yoko@example.jp", json!({})).await;
    let r = app
        .post(
            &format!("/api/v1/intakes/{other_intake}/assignments"),
            &p.coord,
            json!({"mentor_id": mentor_id}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let assignment_id = r.body["assignment"]["id"].as_i64().unwrap();
    let (_, other_mentor) = app
        .mentor(
            &p.coord,
            "tanaka@example.jp",
            json!({"headline": "課長", "capacity": 2}),
        )
        .await;
    let r = app
        .post(
            "/api/v1/mentors",
            &p.coord,
            json!({"email": "new@example.jp", "display_name": "新人", "profile": {"headline": "部長"}}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let invitation = app.invitation_token("new@example.jp").await;
    let user_id = app.get("/api/v1/me", &other_mentee).await.body["user"]["id"]
        .as_i64()
        .unwrap();
    let email_id = i64::from(app.emails_to("yoko@example.jp").await[0].id);
    World {
        tokens: [
            None,
            Some(p.mentee.clone()),
            Some(other_mentee),
            Some(p.mentor.clone()),
            Some(other_mentor),
            Some(p.coord.clone()),
        ],
        mentor_id,
        intake_id: other_intake,
        assignment_id,
        plan_id,
        session_id: s,
        extension_id,
        invitation,
        user_id,
        email_id,
    }
}

/// The route's path with the world's objects in it.
fn concrete(path: &str, w: &World) -> String {
    let id = if path.starts_with("/api/v1/mentors/") {
        w.mentor_id
    } else if path.starts_with("/api/v1/intakes/") {
        w.intake_id
    } else if path.starts_with("/api/v1/assignments/") {
        w.assignment_id
    } else if path.starts_with("/api/v1/plans/") {
        w.plan_id
    } else if path.starts_with("/api/v1/sessions/") {
        w.session_id
    } else if path.starts_with("/api/v1/extensions/") {
        w.extension_id
    } else if path.starts_with("/api/v1/coordinator/users/") {
        w.user_id
    } else if path.starts_with("/api/v1/coordinator/emails/") {
        w.email_id
    } else {
        0
    };
    path.replace("<id>", &id.to_string())
        .replace("<token>", &w.invitation)
}

fn class(status: Status) -> char {
    match status.code {
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => 'A',
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_answers_each_caller_as_written_down() {
    // The routes the server mounts: each must have its row.
    let probe = spawn_app(Backend::Sqlite).await;
    let mut routes: Vec<(String, String)> = probe
        .client
        .rocket()
        .routes()
        .filter(|r| r.uri.path().starts_with("/api/v1"))
        .map(|r| (r.method.as_str().to_string(), r.uri.path().to_string()))
        .collect();
    routes.sort();
    routes.dedup();
    let missing: Vec<_> = routes
        .iter()
        .filter(|(m, p)| !MATRIX.iter().any(|(mm, pp, _)| mm == m && pp == p))
        .collect();
    assert!(missing.is_empty(), "no access row for: {missing:?}");
    drop(probe);

    let mut wrong = Vec::new();
    // Reads change nothing: they share one world; every other row gets its own.
    let reads = spawn_app(Backend::Sqlite).await;
    let shared = world(&reads).await;
    for (method, path, expected) in MATRIX {
        assert!(
            routes.iter().any(|(m, p)| m == method && p == path),
            "{method} {path} is in the matrix but not mounted"
        );
        let fresh;
        let (app, w) = if *method == "GET" {
            (&reads, &shared)
        } else {
            let app = spawn_app(Backend::Sqlite).await;
            let w = world(&app).await;
            fresh = (app, w);
            (&fresh.0, &fresh.1)
        };
        let url = concrete(path, w);
        let mut seen = String::new();
        for (i, token) in w.tokens.iter().enumerate() {
            let body = (*method != "GET").then(|| {
                BODIES
                    .iter()
                    .find(|(p, _)| p == path)
                    .map_or(json!({}), |(_, b)| serde_json::from_str(b).unwrap())
            });
            let r = app.api(method, &url, token.as_deref(), body).await;
            assert!(
                r.status.code < 500,
                "{method} {url} as {}: {} {:?}",
                CALLERS[i],
                r.status,
                r.body
            );
            seen.push(class(r.status));
        }
        if seen != *expected {
            wrong.push(format!("{method} {path}: expected {expected}, saw {seen}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "callers: {CALLERS:?}\n{}",
        wrong.join("\n")
    );
}
