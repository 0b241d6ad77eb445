use crate::helpers::*;
use crate::on_both;
use rocket::http::Status;
use serde_json::json;

on_both!(
    anonymous_callers_get_401_everywhere_private,
    |app: TestApp| async move {
        for path in [
            "/api/v1/me",
            "/api/v1/intake",
            "/api/v1/intakes",
            "/api/v1/mentors",
            "/api/v1/assignments",
            "/api/v1/plans",
        ] {
            let r = app.api("GET", path, None, None).await;
            assert_eq!(r.status, Status::Unauthorized, "{path}");
            assert_eq!(r.code(), "unauthorized", "{path}");
        }
    }
);

on_both!(
    roles_that_may_never_act_get_403,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (mentor_id, mentor) = app.mentor(&coord, "suzuki@example.jp", json!({})).await;
        let (mentee, intake_id) = app.submitted_mentee("hanako@example.jp", json!({})).await;
        assert_eq!(
            app.get("/api/v1/intakes", &mentee).await.status,
            Status::Forbidden
        );
        assert_eq!(
            app.get("/api/v1/intakes", &mentor).await.status,
            Status::Forbidden
        );
        assert_eq!(
            app.get("/api/v1/mentors", &mentee).await.status,
            Status::Forbidden
        );
        assert_eq!(
            app.get(&format!("/api/v1/mentors/{mentor_id}"), &mentee)
                .await
                .status,
            Status::Forbidden
        );
        assert_eq!(
            app.get("/api/v1/intake", &coord).await.status,
            Status::Forbidden
        );
        let r = app
            .post(
                &format!("/api/v1/intakes/{intake_id}/assignments"),
                &mentor,
                json!({"mentor_id": mentor_id}),
            )
            .await;
        assert_eq!(r.status, Status::Forbidden);
        assert_eq!(r.code(), "forbidden");
    }
);

on_both!(
    another_users_objects_answer_404_like_missing_ones,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (mentor_a, token_a) = app.mentor(&coord, "a@example.jp", json!({})).await;
        let (mentor_b, token_b) = app.mentor(&coord, "b@example.jp", json!({})).await;
        let (mentee, intake_id) = app.submitted_mentee("hanako@example.jp", json!({})).await;
        let other_mentee = app.mentee("other@example.jp").await;
        let r = app
            .post(
                &format!("/api/v1/intakes/{intake_id}/assignments"),
                &coord,
                json!({"mentor_id": mentor_a}),
            )
            .await;
        let assignment = r.body["assignment"]["id"].as_i64().unwrap();

        // Mentor B cannot see A's profile, A's proposal, or the intake proposed to A.
        let missing = app
            .get(&format!("/api/v1/mentors/{}", 99999), &token_b)
            .await;
        let others = app
            .get(&format!("/api/v1/mentors/{mentor_a}"), &token_b)
            .await;
        assert_eq!(others.status, Status::NotFound);
        assert_eq!(others.body, missing.body);
        assert_eq!(
            app.get(&format!("/api/v1/intakes/{intake_id}"), &token_b)
                .await
                .status,
            Status::NotFound
        );
        assert_eq!(
            app.post(
                &format!("/api/v1/assignments/{assignment}/accept"),
                &token_b,
                json!({})
            )
            .await
            .status,
            Status::NotFound
        );
        let r = app
            .api(
                "PUT",
                &format!("/api/v1/mentors/{mentor_a}/profile"),
                Some(&token_b),
                Some(json!({"profile": {"bio": "x"}})),
            )
            .await;
        assert_eq!(r.status, Status::NotFound);
        assert_eq!(
            app.get(&format!("/api/v1/mentors/{mentor_b}"), &token_b)
                .await
                .status,
            Status::Ok
        );

        // A accepts; the other mentee and mentor B cannot see the plan.
        let r = app
            .post(
                &format!("/api/v1/assignments/{assignment}/accept"),
                &token_a,
                json!({}),
            )
            .await;
        let plan = r.body["plan"]["id"].as_i64().unwrap();
        assert_eq!(
            app.get(&format!("/api/v1/plans/{plan}"), &mentee)
                .await
                .status,
            Status::Ok
        );
        assert_eq!(
            app.get(&format!("/api/v1/plans/{plan}"), &other_mentee)
                .await
                .status,
            Status::NotFound
        );
        assert_eq!(
            app.get(&format!("/api/v1/plans/{plan}"), &token_b)
                .await
                .status,
            Status::NotFound
        );
        assert_eq!(
            app.get("/api/v1/plans", &other_mentee).await.body["total"],
            0
        );
        assert_eq!(
            app.get(&format!("/api/v1/plans/{plan}"), &coord)
                .await
                .status,
            Status::Ok
        );
    }
);
