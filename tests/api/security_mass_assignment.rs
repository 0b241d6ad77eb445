//! Mass assignment (ASVS V5.1.2): a body that tries to set who someone is
//! (`role`), where something stands (`status`) or whose it is (owner ids)
//! is refused with 422 and changes nothing, on every endpoint that takes a
//! body from a mentee or a mentor.
use crate::helpers::*;
use crate::on_both;
use crate::sessions::{matched_pair, session_id};
use rocket::http::Status;
use serde_json::{json, Value};

/// The fields nobody may set through a body.
fn smuggled() -> Vec<(&'static str, Value)> {
    vec![
        ("role", json!("coordinator")),
        ("status", json!("completed")),
        ("user_id", json!(1)),
        ("mentee_id", json!(1)),
        ("mentor_id", json!(1)),
        ("owner_id", json!(1)),
        ("id", json!(999)),
        ("disabled", json!(false)),
    ]
}

fn with(base: &Value, key: &str, value: &Value) -> Value {
    let mut b = base.clone();
    b[key] = value.clone();
    b
}

on_both!(
    owner_role_and_status_fields_are_refused_everywhere,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        let s = session_id(&p.plan, 1);
        let plan = p.plan["id"].as_i64().unwrap();
        let mentor_id = app
            .get(&format!("/api/v1/plans/{plan}"), &p.mentee)
            .await
            .body["plan"]["mentor"]["id"]
            .as_i64()
            .unwrap();
        // Each endpoint with a well-formed body, and who sends it.
        let cases: Vec<(&str, String, &str, Value)> = vec![
            (
                "POST",
                "/api/v1/auth/register".into(),
                "",
                json!({"email": "new@example.jp", "password": "とても長い合言葉です123", "display_name": "新"}),
            ),
            (
                "PATCH",
                "/api/v1/me".into(),
                "mentee",
                json!({"locale": "ja"}),
            ),
            (
                "PUT",
                "/api/v1/me/email".into(),
                "mentee",
                json!({"current_password": "とても長い合言葉です123", "email": "hanako@example.jp"}),
            ),
            (
                "PUT",
                "/api/v1/intake".into(),
                "draft",
                json!({"goals": "x"}),
            ),
            (
                "PUT",
                "/api/v1/intake/correction".into(),
                "mentee",
                json!({"goals": "x"}),
            ),
            (
                "PUT",
                "/api/v1/me/sheet-sharing".into(),
                "mentee",
                json!({"share_sheets": true}),
            ),
            (
                "PUT",
                format!("/api/v1/mentors/{mentor_id}/profile"),
                "mentor",
                json!({"headline": "部長"}),
            ),
            (
                "POST",
                format!("/api/v1/sessions/{s}/proposals"),
                "mentor",
                json!({"slots": [{"starts_at": "2026-12-10T20:00", "duration_minutes": 60}]}),
            ),
            (
                "PUT",
                format!("/api/v1/sessions/{s}/sheet"),
                "mentee",
                json!({"realizations": "気づき"}),
            ),
            (
                "POST",
                format!("/api/v1/plans/{plan}/extension"),
                "mentee",
                json!({"message": "もう一度"}),
            ),
        ];
        let draft = app.mentee("draft@example.jp").await;
        let token = |who: &str| match who {
            "draft" => Some(draft.as_str()),
            "mentee" => Some(p.mentee.as_str()),
            "mentor" => Some(p.mentor.as_str()),
            _ => None,
        };
        let mut wrong = Vec::new();
        for (method, path, who, body) in &cases {
            for (key, value) in smuggled() {
                if body.get(key).is_some() {
                    continue;
                }
                let r = app
                    .api(method, path, token(who), Some(with(body, key, &value)))
                    .await;
                if r.status != Status::UnprocessableEntity {
                    wrong.push(format!(
                        "{method} {path} with {key}: {} {:?}",
                        r.status, r.body
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        // Nothing changed: she is still a mentee, her plan still active, the
        // registration never happened, the session has no proposal.
        let me = app.get("/api/v1/me", &p.mentee).await;
        assert_eq!(me.body["user"]["role"], "mentee");
        let plan_now = app.get(&format!("/api/v1/plans/{plan}"), &p.mentee).await;
        assert_eq!(plan_now.body["plan"]["status"], "active");
        assert_eq!(plan_now.body["plan"]["sessions"][0]["proposals"], json!([]));
        let r = app
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(json!({"email": "new@example.jp", "password": "とても長い合言葉です123"})),
            )
            .await;
        assert_eq!(r.status, Status::Unauthorized);
        let intake = app.get("/api/v1/intake", &p.mentee).await;
        assert_eq!(intake.body["intake"]["status"], "matched");
        assert_ne!(intake.body["intake"]["goals"], "x");
        let draft_intake = app.get("/api/v1/intake", &draft).await;
        assert_eq!(draft_intake.body["intake"]["status"], "draft");
        assert_ne!(draft_intake.body["intake"]["goals"], "x");
    }
);
