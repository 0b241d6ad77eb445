//! Her rights over her data (Japan's APPI): download everything (JSON and a
//! readable HTML file) after re-entering her password; correct her intake,
//! also after matching; erase her account, which empties what she and others
//! wrote and keeps the programme's figures; an audit log she can read
//! (consents, sharing, coordinator reads, exports); and sent mail purged
//! from the outbox after the retention period.
use crate::helpers::*;
use crate::on_both;
use crate::sessions::{exchange_sheet, matched_pair};
use crate::sheets::held;
use chrono::Duration;
use kakehashi::db::entities::{api_tokens, intakes, outbox, sheets, users, web_sessions};
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const PASSWORD: &str = "とても長い合言葉です123";

on_both!(
    she_downloads_all_her_data_after_reentering_her_password,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        let s = held(&app, &p, 1).await;
        app.put(
            "/api/v1/me/sheet-sharing",
            &p.mentee,
            json!({"share_sheets": true}),
        )
        .await;
        exchange_sheet(&app, &p, s).await;
        // The coordinator reads her sheet (recorded).
        app.get(&format!("/api/v1/sessions/{s}/sheet"), &p.coord)
            .await;

        let r = app
            .post(
                "/api/v1/me/export",
                &p.mentee,
                json!({"password": "wrong-password-1"}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(r.body["error"]["fields"]["password"][0], "wrong_password");
        let r = app.post("/api/v1/me/export", &p.mentee, json!({})).await;
        assert_eq!(r.status, Status::UnprocessableEntity);

        let r = app
            .post(
                "/api/v1/me/export",
                &p.mentee,
                json!({"password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let d = &r.body;
        assert_eq!(d["user"]["email"], "hanako@example.jp");
        assert!(d["intake"]["concern_detail"]
            .as_str()
            .unwrap()
            .contains("育休から復帰"));
        let sheet = &d["plans"][0]["sessions"][0]["sheet"];
        assert_eq!(sheet["realizations"], "上司に相談してみようと思えた");
        assert_eq!(sheet["reply"]["strengths"], "周りを巻き込む力");
        assert_eq!(d["plans"][0]["mentor"], "メンター 鈴木");
        assert_eq!(d["sheet_reads"], 1);
        assert!(d["emails"].as_array().unwrap().len() >= 2);
        let kinds: Vec<&str> = d["audit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["kind"].as_str().unwrap())
            .collect();
        assert!(
            kinds.contains(&"consent_given") && kinds.contains(&"sheet_read"),
            "{kinds:?}"
        );

        // The readable copy, through the API and through her privacy page.
        let r = app
            .post(
                "/api/v1/me/export/html",
                &p.mentee,
                json!({"password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.header("Content-Type").unwrap().starts_with("text/html"));
        assert!(r
            .header("Content-Disposition")
            .unwrap()
            .contains("attachment"));
        let html = r.body.as_str().unwrap();
        assert!(
            html.contains("上司に相談してみようと思えた")
                && html.contains("お預かりしているデータ")
        );

        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        let page = b.get("/settings/privacy").await;
        assert_eq!(page.status, Status::Ok);
        let r = b
            .post(
                "/settings/privacy/export",
                &[("password", "nope-nope-nope"), ("format", "json")],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(
            r.body.contains("パスワードが正しくありません"),
            "the error beside the field"
        );
        let r = b
            .post(
                "/settings/privacy/export",
                &[("password", PASSWORD), ("format", "json")],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.content_type.unwrap().contains("json"));
        let data: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(data["user"]["email"], "hanako@example.jp");
        b.get("/settings/privacy").await;
        let r = b
            .post(
                "/settings/privacy/export",
                &[("password", PASSWORD), ("format", "html")],
            )
            .await;
        assert!(r.body.contains("<!DOCTYPE html>"));

        // Her record shows the exports.
        let r = app.get("/api/v1/me/audit", &p.mentee).await;
        let kinds: Vec<&str> = r.body["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds.iter().filter(|k| **k == "data_exported").count(),
            4,
            "{kinds:?}"
        );
        // Another role may not export (403); nobody else's data is reachable.
        let r = app
            .post(
                "/api/v1/me/export",
                &p.mentor,
                json!({"password": "mentor-password-1"}),
            )
            .await;
        assert_eq!(r.status, Status::Forbidden);
    }
);

on_both!(
    her_audit_log_shows_consents_sharing_and_every_coordinator_read,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        let s = held(&app, &p, 1).await;
        exchange_sheet(&app, &p, s).await;
        // Not shared: the coordinator cannot read, and nothing is recorded.
        assert_eq!(
            app.get(&format!("/api/v1/sessions/{s}/sheet"), &p.coord)
                .await
                .status,
            Status::NotFound
        );
        app.put(
            "/api/v1/me/sheet-sharing",
            &p.mentee,
            json!({"share_sheets": true}),
        )
        .await;
        app.get(&format!("/api/v1/sessions/{s}/sheet"), &p.coord)
            .await;
        app.clock.advance(Duration::minutes(5));
        app.put(
            "/api/v1/me/sheet-sharing",
            &p.mentee,
            json!({"share_sheets": false}),
        )
        .await;
        let r = app.get("/api/v1/me/audit", &p.mentee).await;
        assert_eq!(r.status, Status::Ok);
        let events = r.body["events"].as_array().unwrap();
        let kinds: Vec<&str> = events.iter().map(|l| l["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds[0], "sheet_sharing", "newest first: {kinds:?}");
        assert_eq!(events[0]["detail"], "off");
        assert!(kinds.contains(&"sheet_read"));
        let read = events.iter().find(|l| l["kind"] == "sheet_read").unwrap();
        assert_eq!(read["by"], "事務局 佐藤");
        let consent = events
            .iter()
            .find(|l| l["kind"] == "consent_given")
            .unwrap();
        assert_eq!(consent["detail"], "2026-11-01");
        assert_eq!(r.body["total"], events.len());
        // The same on her page, in Japanese.
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        let page = b.get("/settings/privacy").await;
        assert!(
            page.body
                .contains("事務局の事務局 佐藤さんがシートを閲覧しました"),
            "{}",
            page.body
        );
        assert!(page
            .body
            .contains("申込みの同意事項（2026-11-01版）に同意しました"));
        assert!(page
            .body
            .contains("事務局へのシートの共有の同意を取り消しました"));
    }
);

on_both!(
    she_corrects_her_intake_after_matching_and_the_coordinator_sees_it,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        // The contract's PUT stays locked once matched …
        let r = app
            .put("/api/v1/intake", &p.mentee, json!({"goals": "新しい目標"}))
            .await;
        assert_eq!(r.status, Status::Conflict);
        // … the correction goes through, recorded for her and the coordinator.
        let r = app
            .put(
                "/api/v1/intake/correction",
                &p.mentee,
                json!({"goals": "新しい目標", "children": 3}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["intake"]["goals"], "新しい目標");
        assert_eq!(r.body["intake"]["status"], "matched");
        let id = r.body["intake"]["id"].as_i64().unwrap();
        let edits = app
            .get(&format!("/api/v1/intakes/{id}/edits"), &p.coord)
            .await;
        let last = edits.body["edits"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["editor"]["display_name"], "山田 花子", "{last:?}");
        let audit = app.get("/api/v1/me/audit", &p.mentee).await;
        assert_eq!(audit.body["events"][0]["kind"], "intake_corrected");
        // Consent and sharing are not corrected this way; bad values are 422.
        let r = app
            .put(
                "/api/v1/intake/correction",
                &p.mentee,
                json!({"consent": false}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        let r = app
            .put(
                "/api/v1/intake/correction",
                &p.mentee,
                json!({"industry": "space"}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        // Through the pages: the step form says it is a correction and saves.
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        let page = b.get("/intake/step/3").await;
        assert!(page.body.contains("マッチング後の訂正です"));
        let r = b
            .post(
                "/intake/step/3",
                &[("goals", "ページからの訂正"), ("action", "save")],
            )
            .await;
        assert_eq!(r.status, Status::SeeOther, "{}", r.body);
        let intake = app.get("/api/v1/intake", &p.mentee).await;
        assert_eq!(intake.body["intake"]["goals"], "ページからの訂正");
    }
);

on_both!(
    deletion_erases_her_and_keeps_the_programmes_figures,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        let s = held(&app, &p, 1).await;
        exchange_sheet(&app, &p, s).await;
        let plan = p.plan["id"].as_i64().unwrap();
        app.post(&format!("/api/v1/plans/{plan}/feedback"), &p.mentee,
                 json!({"satisfaction": 5, "positive_action": true, "positive_action_detail": "上司に相談した", "comment": "ありがとう"}))
            .await;
        let mut b = Browser::new(&app);
        b.login("hanako@example.jp", PASSWORD).await;
        let before = app.get("/api/v1/outcomes", &p.coord).await.body.clone();
        let csv_before = app
            .get("/api/v1/outcomes/plans.csv", &p.coord)
            .await
            .body
            .clone();
        let me = app.get("/api/v1/me", &p.mentee).await.body["user"]["id"]
            .as_i64()
            .unwrap() as i32;

        // A wrong password or no confirmation: nothing happens.
        let r = app
            .post(
                "/api/v1/me/deletion",
                &p.mentee,
                json!({"password": "wrong-password-1"}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        b.get("/settings/privacy").await;
        let r = b
            .post("/settings/privacy/delete", &[("delete_password", PASSWORD)])
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("f-confirm-error"));
        assert_eq!(app.get("/api/v1/me", &p.mentee).await.status, Status::Ok);

        // Through her page.
        let r = b
            .post(
                "/settings/privacy/delete",
                &[("delete_password", PASSWORD), ("confirm", "true")],
            )
            .await;
        assert_eq!(r.status, Status::SeeOther);
        assert_eq!(r.location.as_deref(), Some("/"));
        assert_eq!(b.get("/home").await.status, Status::SeeOther, "signed out");
        assert_eq!(
            app.get("/api/v1/me", &p.mentee).await.status,
            Status::Unauthorized
        );
        let r = app
            .api(
                "POST",
                "/api/v1/auth/token",
                None,
                Some(json!({"email": "hanako@example.jp", "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, Status::Unauthorized);

        let conn = &app.app.db.conn;
        let user = users::Entity::find_by_id(me)
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        assert!(user.email == format!("erased:{me}") && user.display_name == "—");
        assert!(user.password_hash.is_none() && user.deleted_at.is_some());
        let intake = intakes::Entity::find()
            .filter(intakes::Column::MenteeId.eq(me))
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        assert!(!intake.fields.contains("育休"), "{}", intake.fields);
        let sheet = sheets::Entity::find()
            .filter(sheets::Column::MenteeId.eq(me))
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sheet.realizations, "");
        assert_eq!(sheet.reply_strengths.as_deref(), Some(""));
        assert!(
            sheet.submitted_at.is_some() && sheet.replied_at.is_some(),
            "times kept"
        );
        for n in [
            web_sessions::Entity::find()
                .filter(web_sessions::Column::UserId.eq(me))
                .count(conn)
                .await
                .unwrap(),
            api_tokens::Entity::find()
                .filter(api_tokens::Column::UserId.eq(me))
                .count(conn)
                .await
                .unwrap(),
            outbox::Entity::find()
                .filter(outbox::Column::ToAddress.eq("hanako@example.jp"))
                .count(conn)
                .await
                .unwrap(),
        ] {
            assert_eq!(n, 0);
        }
        // Nothing she wrote is left anywhere in the database's text columns.
        let dump = format!(
            "{:?}{:?}",
            sheets::Entity::find().all(conn).await.unwrap(),
            kakehashi::db::entities::plan_feedback::Entity::find()
                .all(conn)
                .await
                .unwrap()
        );
        for text in [
            "上司に相談してみようと思えた",
            "周りを巻き込む力",
            "上司に相談した",
            "ありがとう",
        ] {
            assert!(!dump.contains(text), "{text} survived");
        }
        // The figures are unchanged (the CSV's rows keep their numbers too).
        let after = app.get("/api/v1/outcomes", &p.coord).await.body.clone();
        assert_eq!(before, after);
        let csv_after = app
            .get("/api/v1/outcomes/plans.csv", &p.coord)
            .await
            .body
            .clone();
        assert_eq!(
            csv_before.as_str().unwrap().lines().count(),
            csv_after.as_str().unwrap().lines().count()
        );
        // Her mentor sees an erased person, not her name or words.
        let r = app
            .get(&format!("/api/v1/plans/{plan}/exchange"), &p.mentor)
            .await;
        assert_eq!(r.status, Status::Ok);
        let text = r.body.to_string();
        assert!(
            !text.contains("山田 花子") && !text.contains("上司に相談してみようと思えた"),
            "{text}"
        );
        // Registering again with the same address works (a new account).
        app.mentee("hanako@example.jp").await;
    }
);

on_both!(
    deletion_with_an_active_plan_cancels_it_and_withdraws_pending_mail,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        // Session 1 held and its sheet submitted (not yet replied); session 2
        // scheduled for next week.
        let s1 = held(&app, &p, 1).await;
        app.put(
            &format!("/api/v1/sessions/{s1}/sheet"),
            &p.mentee,
            json!({"realizations": "気づき"}),
        )
        .await;
        app.post(
            &format!("/api/v1/sessions/{s1}/sheet/submit"),
            &p.mentee,
            json!({}),
        )
        .await;
        let s2 = held_later(&app, &p).await;
        let pending = outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq("hanako@example.jp"))
            .count(&app.app.db.conn)
            .await
            .unwrap();
        assert!(pending > 0, "mail to her waits in the outbox");
        let r = app
            .post(
                "/api/v1/me/deletion",
                &p.mentee,
                json!({"password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["deleted"], true);
        let plan = p.plan["id"].as_i64().unwrap();
        let r = app.get(&format!("/api/v1/plans/{plan}"), &p.mentor).await;
        assert_eq!(r.body["plan"]["status"], "cancelled");
        let left = outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq("hanako@example.jp"))
            .count(&app.app.db.conn)
            .await
            .unwrap();
        assert_eq!(left, 0, "no unsent email to her is delivered after erasure");
        // Her scheduled session is called off: no reminder, never "held".
        let r = app.get(&format!("/api/v1/sessions/{s2}"), &p.mentor).await;
        assert_eq!(r.body["session"]["status"], "cancelled", "{:?}", r.body);
        let before = outbox::Entity::find()
            .count(&app.app.db.conn)
            .await
            .unwrap();
        app.clock.advance(Duration::days(10));
        kakehashi::db::sessions::tick(&app.app).await.unwrap();
        kakehashi::db::sheets::tick(&app.app).await.unwrap();
        assert_eq!(
            outbox::Entity::find()
                .count(&app.app.db.conn)
                .await
                .unwrap(),
            before,
            "no reminder or nudge"
        );
        let r = app.get(&format!("/api/v1/sessions/{s2}"), &p.mentor).await;
        assert_eq!(r.body["session"]["status"], "cancelled");
        // Nothing more to reply to.
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/sheet/reply"),
                &p.mentor,
                json!({"message": "ありがとう", "strengths": "行動力"}),
            )
            .await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "plan_not_active"));
    }
);

/// Schedule session 2 a week ahead (not yet held).
async fn held_later(app: &TestApp, p: &crate::sessions::Pair) -> i64 {
    let s = crate::sessions::session_id(&p.plan, 2);
    let r = app
        .post(
            &format!("/api/v1/sessions/{s}/proposals"),
            &p.mentee,
            json!({"slots": [{"starts_at": "2026-11-27T20:00", "duration_minutes": 60}]}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/sessions/{s}/confirm"),
            &p.mentor,
            json!({"starts_at": "2026-11-27T20:00:00+09:00"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    s
}

on_both!(
    sent_mail_is_purged_after_the_retention_period,
    |app: TestApp| async move {
        use kakehashi::mail::transport::Transport;
        let (_, _) = app.submitted_mentee("hanako@example.jp", json!({})).await;
        let transport = Transport::from_config(&app.app.cfg.mail).unwrap();
        let sent = kakehashi::mail::worker::deliver_due(&app.app, &transport)
            .await
            .unwrap();
        assert!(sent >= 1);
        // Another message stays unsent (due later): never purged.
        app.mentee("yoko@example.jp").await;
        let count = |status: &'static str| {
            let conn = app.app.db.conn.clone();
            async move {
                outbox::Entity::find()
                    .filter(outbox::Column::Status.eq(status))
                    .count(&conn)
                    .await
                    .unwrap()
            }
        };
        app.clock.advance(Duration::days(89));
        kakehashi::db::account::purge_sent_mail(&app.app)
            .await
            .unwrap();
        assert_eq!(count("sent").await, sent as u64, "kept for 90 days");
        app.clock.advance(Duration::days(2));
        let purged = kakehashi::db::account::purge_sent_mail(&app.app)
            .await
            .unwrap();
        assert_eq!(purged, sent as u64);
        assert_eq!(count("sent").await, 0);
    }
);

/// The period is a setting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retention_period_is_configurable() {
    use kakehashi::mail::transport::Transport;
    let app = spawn_app_with(Backend::Sqlite, &[("outbox_retention_days", json!(7))]).await;
    app.submitted_mentee("hanako@example.jp", json!({})).await;
    let transport = Transport::from_config(&app.app.cfg.mail).unwrap();
    kakehashi::mail::worker::deliver_due(&app.app, &transport)
        .await
        .unwrap();
    app.clock.advance(Duration::days(8));
    assert!(
        kakehashi::db::account::purge_sent_mail(&app.app)
            .await
            .unwrap()
            >= 1
    );
}
