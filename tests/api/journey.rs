use crate::helpers::*;
use crate::on_both;
use rocket::http::Status;
use serde_json::json;

on_both!(
    from_intake_to_an_accepted_match_through_the_api,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (mentor_id, mentor) = app
        .mentor(&coord, "suzuki@example.jp", json!({"headline": "IT企業の部長", "industry": "it_telecom", "experiences": ["parenting", "manager"], "capacity": 2}))
        .await;
        let (other_id, _) = app
            .mentor(
                &coord,
                "tanaka@example.jp",
                json!({"headline": "製造業", "industry": "manufacturing", "capacity": 1}),
            )
            .await;

        // The mentee saves a draft, sees what is missing, then completes and submits.
        let mentee = app.mentee("hanako@example.jp").await;
        let r = app
            .api(
                "PUT",
                "/api/v1/intake",
                Some(&mentee),
                Some(json!({"age_band": "30s"})),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.body["intake"]["status"], "draft");
        assert!(r.body["intake"]["missing"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "industry"));
        let r = app.post("/api/v1/intake/submit", &mentee, json!({})).await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(r.body["error"]["fields"]["industry"], json!(["required"]));
        let r = app
            .api("PUT", "/api/v1/intake", Some(&mentee), Some(full_intake()))
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body["intake"]["completeness"].as_i64().unwrap() >= 80);
        assert_eq!(r.body["intake"]["needs_call"], false);
        let r = app.post("/api/v1/intake/submit", &mentee, json!({})).await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["intake"]["status"], "submitted");
        assert_eq!(r.body["intake"]["consent_version"], "2026-11-01");
        let intake_id = r.body["intake"]["id"].as_i64().unwrap();
        assert_eq!(
            app.emails_to("hanako@example.jp")
                .await
                .iter()
                .filter(|m| m.kind == "intake_submitted")
                .count(),
            1
        );

        // The coordinator sees it in the queue, notes a call, and ranks candidates.
        let q = app.get("/api/v1/intakes?status=submitted", &coord).await;
        assert_eq!(q.body["total"], 1);
        assert_eq!(q.body["intakes"][0]["id"], intake_id);
        let r = app
            .post(
                &format!("/api/v1/intakes/{intake_id}/call-notes"),
                &coord,
                json!({"note": "電話で確認：平日夜が希望"}),
            )
            .await;
        assert_eq!(r.status, Status::Created);
        let c = app
            .get(
                &format!("/api/v1/intakes/{intake_id}/candidates?limit=10"),
                &coord,
            )
            .await;
        assert_eq!(c.status, Status::Ok);
        let first = &c.body["candidates"][0];
        assert_eq!(first["mentor"]["id"], mentor_id);
        assert_eq!(first["eligible"], true);
        assert!(first["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "parenting"
                && r["importance"] == "must"
                && r["matched"] == true));
        assert_eq!(c.body["candidates"][1]["mentor"]["id"], other_id);
        assert_eq!(c.body["candidates"][1]["musts_met"], false);

        // Assign; the mentor is emailed and sees the summary without the phone number.
        let r = app
            .post(
                &format!("/api/v1/intakes/{intake_id}/assignments"),
                &coord,
                json!({"mentor_id": mentor_id, "message": "よろしくお願いします"}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        let assignment_id = r.body["assignment"]["id"].as_i64().unwrap();
        assert_eq!(r.body["assignment"]["status"], "pending");
        assert_eq!(
            app.emails_to("suzuki@example.jp")
                .await
                .iter()
                .filter(|m| m.kind == "assignment_proposed")
                .count(),
            1
        );
        let seen = app
            .get(&format!("/api/v1/intakes/{intake_id}"), &mentor)
            .await;
        assert_eq!(seen.status, Status::Ok);
        assert!(seen.body["intake"].get("phone").is_none());
        let listed = app.get("/api/v1/assignments?status=pending", &mentor).await;
        assert_eq!(listed.body["total"], 1);

        // She accepts: a three-session plan with the template's themes, both introduced.
        let r = app
            .post(
                &format!("/api/v1/assignments/{assignment_id}/accept"),
                &mentor,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["assignment"]["status"], "accepted");
        let plan = &r.body["plan"];
        assert_eq!(plan["kind"], "three");
        assert_eq!(plan["sessions"].as_array().unwrap().len(), 3);
        assert_eq!(plan["sessions"][0]["theme"], "現状と悩みの整理");
        assert_eq!(plan["sessions"][2]["theme"], "具体的な行動計画");
        assert_eq!(
            app.emails_to("hanako@example.jp")
                .await
                .iter()
                .filter(|m| m.kind == "match_introduction")
                .count(),
            1
        );
        assert_eq!(
            app.emails_to("suzuki@example.jp")
                .await
                .iter()
                .filter(|m| m.kind == "match_introduction")
                .count(),
            1
        );
        let plans = app.get("/api/v1/plans", &mentee).await;
        assert_eq!(plans.body["total"], 1);
        let r = app
            .get(&format!("/api/v1/intakes/{intake_id}"), &coord)
            .await;
        assert_eq!(r.body["intake"]["status"], "matched");
        // Once matched, the mentee's intake is locked.
        let r = app
            .api(
                "PUT",
                "/api/v1/intake",
                Some(&mentee),
                Some(json!({"goals": "x"})),
            )
            .await;
        assert_eq!(r.status, Status::Conflict);
        // Load shows on the roster.
        let m = app
            .get(&format!("/api/v1/mentors/{mentor_id}"), &coord)
            .await;
        assert_eq!(m.body["mentor"]["active_mentees"], 1);
    }
);

on_both!(
    a_declined_proposal_returns_the_intake_to_the_queue_and_tells_the_coordinator,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (mentor_id, mentor) = app
            .mentor(&coord, "suzuki@example.jp", json!({"capacity": 1}))
            .await;
        let (_, intake_id) = app
            .submitted_mentee("hanako@example.jp", json!({"plan": "single"}))
            .await;
        let r = app
            .post(
                &format!("/api/v1/intakes/{intake_id}/assignments"),
                &coord,
                json!({"mentor_id": mentor_id}),
            )
            .await;
        let id = r.body["assignment"]["id"].as_i64().unwrap();
        let r = app
            .post(
                &format!("/api/v1/assignments/{id}/decline"),
                &mentor,
                json!({"reason": ""}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        let r = app
            .post(
                &format!("/api/v1/assignments/{id}/decline"),
                &mentor,
                json!({"reason": "今月は多忙のため"}),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.body["assignment"]["status"], "declined");
        let r = app
            .post(
                &format!("/api/v1/assignments/{id}/accept"),
                &mentor,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::Conflict);
        let q = app.get("/api/v1/intakes?status=submitted", &coord).await;
        assert_eq!(q.body["total"], 1);
        assert_eq!(
            app.emails_to("office@kakehashi.jp")
                .await
                .iter()
                .filter(|m| m.kind == "assignment_declined")
                .count(),
            1
        );
        // The mentor's capacity is free again; a single plan has one session.
        let r = app
            .post(
                &format!("/api/v1/intakes/{intake_id}/assignments"),
                &coord,
                json!({"mentor_id": mentor_id}),
            )
            .await;
        let id = r.body["assignment"]["id"].as_i64().unwrap();
        let r = app
            .post(
                &format!("/api/v1/assignments/{id}/accept"),
                &mentor,
                json!({}),
            )
            .await;
        assert_eq!(r.body["plan"]["kind"], "single");
        assert_eq!(r.body["plan"]["sessions"].as_array().unwrap().len(), 1);
    }
);

on_both!(
    the_coordinator_edits_on_the_mentees_behalf_and_each_edit_is_recorded,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (_, intake_id) = app
            .submitted_mentee(
                "hanako@example.jp",
                json!({"goals": null, "mentor_preferences": []}),
            )
            .await;
        let r = app
            .get(&format!("/api/v1/intakes/{intake_id}"), &coord)
            .await;
        assert_eq!(r.body["intake"]["needs_call"], true);
        let r = app
            .api(
                "PATCH",
                &format!("/api/v1/intakes/{intake_id}"),
                Some(&coord),
                Some(json!({"goals": "管理職になるか決めたい"})),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.body["intake"]["needs_call"], false);
        let e = app
            .get(&format!("/api/v1/intakes/{intake_id}/edits"), &coord)
            .await;
        assert_eq!(e.body["edits"][0]["fields"], json!(["goals"]));
        assert_eq!(e.body["edits"][0]["editor"]["display_name"], "事務局 佐藤");
    }
);

on_both!(
    the_queue_puts_needs_call_first_then_the_oldest,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (_, a) = app.submitted_mentee("a@example.jp", json!({})).await;
        app.clock.advance(chrono::Duration::minutes(5));
        let (_, b) = app.submitted_mentee("b@example.jp", json!({})).await;
        app.clock.advance(chrono::Duration::minutes(5));
        let (_, c) = app
            .submitted_mentee(
                "c@example.jp",
                json!({"concern_detail": "短い相談内容ですが、よろしくお願いします。"}),
            )
            .await;
        let q = app.get("/api/v1/intakes", &coord).await;
        let ids: Vec<i64> = q.body["intakes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, vec![c, a, b]);
        let q = app.get("/api/v1/intakes?limit=1&page=2", &coord).await;
        assert_eq!(q.body["total"], 3);
        assert_eq!(q.body["intakes"][0]["id"], a);
    }
);

on_both!(
    the_mentor_edits_her_profile_and_the_roster_shows_load,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (id, mentor) = app.mentor(&coord, "suzuki@example.jp", json!({})).await;
        let r = app
        .api("PUT", &format!("/api/v1/mentors/{id}/profile"), Some(&mentor), Some(json!({"profile": {"bio": "二児の母です", "experiences": ["single_parent"], "accepting": false}})))
        .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(
            r.body["mentor"]["profile"]["experiences"],
            json!(["single_parent"])
        );
        let list = app.get("/api/v1/mentors?accepting=false", &coord).await;
        assert_eq!(list.body["total"], 1);
        assert_eq!(list.body["mentors"][0]["active_mentees"], 0);
    }
);

on_both!(
    an_invitation_link_works_once_and_expires_after_seven_days,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        app.post(
            "/api/v1/mentors",
            &coord,
            json!({"email": "late@example.jp", "display_name": "遅い 人"}),
        )
        .await;
        let token = app.invitation_token("late@example.jp").await;
        app.clock
            .advance(chrono::Duration::days(7) + chrono::Duration::seconds(1));
        let r = app
            .api(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(json!({"password": "mentor-password-1"})),
            )
            .await;
        assert_eq!(r.status, Status::NotFound);
        app.post(
            "/api/v1/mentors",
            &coord,
            json!({"email": "ok@example.jp", "display_name": "早い 人"}),
        )
        .await;
        let token = app.invitation_token("ok@example.jp").await;
        let r = app
            .api(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(json!({"password": "mentor-password-1"})),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        let r = app
            .api(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(json!({"password": "mentor-password-2"})),
            )
            .await;
        assert_eq!(r.status, Status::NotFound);
    }
);

on_both!(
    template_edits_shape_new_plans_but_never_rewrite_old_ones,
    |app: TestApp| async move {
        let coord = app.coordinator("office@kakehashi.jp").await;
        let (mentor_id, mentor) = app
            .mentor(&coord, "suzuki@example.jp", json!({"capacity": 3}))
            .await;
        let (_, first) = app.submitted_mentee("a@example.jp", json!({})).await;
        let r = app
            .post(
                &format!("/api/v1/intakes/{first}/assignments"),
                &coord,
                json!({"mentor_id": mentor_id}),
            )
            .await;
        let a = r.body["assignment"]["id"].as_i64().unwrap();
        let old_plan = app
            .post(
                &format!("/api/v1/assignments/{a}/accept"),
                &mentor,
                json!({}),
            )
            .await
            .body["plan"]["id"]
            .as_i64()
            .unwrap();

        let t = app.get("/api/v1/programme/template", &coord).await;
        assert_eq!(t.body["sessions"][0]["theme"], "現状と悩みの整理");
        let body = json!({"sessions": [
            {"number": 1, "theme": "はじめまして", "prompts": ["いまの状況"]},
            {"number": 2, "theme": "強み", "prompts": []},
            {"number": 3, "theme": "行動計画", "prompts": []},
        ]});
        let r = app
            .api(
                "PUT",
                "/api/v1/programme/template",
                Some(&coord),
                Some(body.clone()),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(
            app.api(
                "PUT",
                "/api/v1/programme/template",
                Some(&mentor),
                Some(body)
            )
            .await
            .status,
            Status::Forbidden
        );
        let bad = json!({"sessions": [{"number": 1, "theme": "", "prompts": []}, {"number": 2, "theme": "x"}, {"number": 3, "theme": "y"}]});
        assert_eq!(
            app.api("PUT", "/api/v1/programme/template", Some(&coord), Some(bad))
                .await
                .status,
            Status::UnprocessableEntity
        );

        let (_, second) = app.submitted_mentee("b@example.jp", json!({})).await;
        let r = app
            .post(
                &format!("/api/v1/intakes/{second}/assignments"),
                &coord,
                json!({"mentor_id": mentor_id}),
            )
            .await;
        let a = r.body["assignment"]["id"].as_i64().unwrap();
        let new_plan = app
            .post(
                &format!("/api/v1/assignments/{a}/accept"),
                &mentor,
                json!({}),
            )
            .await;
        assert_eq!(
            new_plan.body["plan"]["sessions"][0]["theme"],
            "はじめまして"
        );
        let old = app.get(&format!("/api/v1/plans/{old_plan}"), &coord).await;
        assert_eq!(old.body["plan"]["sessions"][0]["theme"], "現状と悩みの整理");
    }
);

on_both!(
    submitting_twice_answers_the_same_and_sends_one_email,
    |app: TestApp| async move {
        let (token, id) = app.submitted_mentee("hanako@example.jp", json!({})).await;
        let again = app.post("/api/v1/intake/submit", &token, json!({})).await;
        assert_eq!(again.status, Status::Ok);
        assert_eq!(again.body["intake"]["id"], id);
        assert_eq!(again.body["intake"]["status"], "submitted");
        let sent = app.emails_to("hanako@example.jp").await;
        assert_eq!(
            sent.iter().filter(|m| m.kind == "intake_submitted").count(),
            1
        );
    }
);

// Submissions at the same moment, with a change saved among them: each is
// decided again from her intake as it is in the write turn whenever it
// changed since it was read, so the intake is submitted once (one email,
// one consent in her record) and keeps the saved change.
on_both!(
    simultaneous_submissions_submit_once,
    |app: TestApp| async move {
        let app = app;
        let token = app.mentee("hanako@example.jp").await;
        let r = app.put("/api/v1/intake", &token, full_intake()).await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let save = app.put(
            "/api/v1/intake",
            &token,
            json!({"goals": "半年後に昇進面談を受ける"}),
        );
        let submits = futures::future::join_all(
            (0..6).map(|_| app.post("/api/v1/intake/submit", &token, json!({}))),
        );
        let (saved, answers) = tokio::join!(save, submits);
        assert_eq!(saved.status, Status::Ok, "{:?}", saved.body);
        for a in &answers {
            assert_eq!(a.status, Status::Ok, "{:?}", a.body);
            assert_eq!(a.body["intake"]["status"], "submitted");
        }
        let sent = app.emails_to("hanako@example.jp").await;
        assert_eq!(
            sent.iter().filter(|m| m.kind == "intake_submitted").count(),
            1
        );
        let r = app.get("/api/v1/me/audit", &token).await;
        let consents = r.body["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "consent_given")
            .count();
        assert_eq!(consents, 1, "{:?}", r.body);
        let r = app.get("/api/v1/intake", &token).await;
        assert_eq!(r.body["intake"]["status"], "submitted");
        assert_eq!(r.body["intake"]["goals"], "半年後に昇進面談を受ける");
    }
);
