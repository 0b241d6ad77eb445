use crate::helpers::*;
use crate::on_both;
use kakehashi::db::entities::{intakes, users};
use rocket::http::Status;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

async fn counts(app: &TestApp) -> (u64, u64) {
    (
        users::Entity::find().count(&app.app.db.conn).await.unwrap(),
        intakes::Entity::find()
            .count(&app.app.db.conn)
            .await
            .unwrap(),
    )
}

on_both!(
    malformed_json_is_a_400_with_the_error_body,
    |app: TestApp| async move {
        let r = app
            .api_raw("POST", "/api/v1/auth/register", None, Some("{\"email\": "))
            .await;
        assert_eq!(r.status, Status::BadRequest);
        assert_eq!(r.code(), "malformed_body");
        assert!(r.body["error"]["message"].is_string());
    }
);

on_both!(a_wrong_shape_is_a_422, |app: TestApp| async move {
    let r = app
        .api(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(json!({"email": 5})),
        )
        .await;
    assert_eq!(r.status, Status::UnprocessableEntity);
    let r = app.api("POST", "/api/v1/auth/register", None, Some(json!({"email": "a@b.jp", "password": "long-enough-1", "display_name": "x", "role": "coordinator"}))).await;
    assert_eq!(
        r.status,
        Status::UnprocessableEntity,
        "mass assignment of role is refused"
    );
    assert_eq!(counts(&app).await.0, 0);
});

on_both!(
    unknown_codes_are_422_listing_the_field_and_change_nothing,
    |app: TestApp| async move {
        let token = app.mentee("hanako@example.jp").await;
        app.api(
            "PUT",
            "/api/v1/intake",
            Some(&token),
            Some(json!({"industry": "finance_insurance"})),
        )
        .await;
        let r = app
            .api(
                "PUT",
                "/api/v1/intake",
                Some(&token),
                Some(json!({"industry": "it_telecom", "age_band": "teen", "concerns": ["flying"]})),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(
            r.body["error"]["fields"]["age_band"],
            json!(["unknown_code"])
        );
        assert_eq!(
            r.body["error"]["fields"]["concerns"],
            json!(["unknown_code"])
        );
        let r = app.get("/api/v1/intake", &token).await;
        assert_eq!(r.body["intake"]["industry"], "finance_insurance");
        let r = app
            .api(
                "PUT",
                "/api/v1/intake",
                Some(&token),
                Some(json!({"status": "matched"})),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(r.body["error"]["fields"]["status"], json!(["read_only"]));
    }
);

on_both!(huge_bodies_are_413, |app: TestApp| async move {
    let big = format!("{{\"email\": \"{}\"}}", "a".repeat(300 * 1024));
    let r = app
        .api_raw("POST", "/api/v1/auth/register", None, Some(&big))
        .await;
    assert_eq!(r.status, Status::PayloadTooLarge);
    assert_eq!(r.code(), "body_too_large");
});

on_both!(
    cr_lf_in_names_and_emails_is_refused,
    |app: TestApp| async move {
        let r = app
        .api("POST", "/api/v1/auth/register", None, Some(json!({"email": "a@b.jp\r\nBcc: x@y.jp", "password": "long-enough-1", "display_name": "花子\r\nSubject: x"})))
        .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert!(r.body["error"]["fields"]["email"].is_array());
        assert!(r.body["error"]["fields"]["display_name"].is_array());
        assert_eq!(counts(&app).await, (0, 0));
    }
);

on_both!(
    bad_paging_is_422_and_limits_are_capped,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        assert_eq!(
            app.get("/api/v1/intakes?limit=201", &coord).await.status,
            Status::UnprocessableEntity
        );
        assert_eq!(
            app.get("/api/v1/intakes?limit=abc", &coord).await.status,
            Status::UnprocessableEntity
        );
        assert_eq!(
            app.get("/api/v1/intakes?page=0", &coord).await.status,
            Status::UnprocessableEntity
        );
        assert_eq!(
            app.get("/api/v1/intakes?status=lost", &coord).await.status,
            Status::UnprocessableEntity
        );
        assert_eq!(
            app.get("/api/v1/intakes?limit=200", &coord).await.status,
            Status::Ok
        );
    }
);

on_both!(a_short_password_is_refused, |app: TestApp| async move {
    let r = app
        .api(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(json!({"email": "a@b.jp", "password": "short", "display_name": "x"})),
        )
        .await;
    assert_eq!(r.status, Status::UnprocessableEntity);
    assert_eq!(r.body["error"]["fields"]["password"], json!(["too_short"]));
});
