//! Scheduling through the pages, as the pair use them: the mentor proposes
//! with the form (a wrong time gets a message beside its field), the mentee
//! chooses, downloads the invitation and cancels with a reason; busy times
//! uploaded as a file flag a clashing slot before anything is sent; the
//! personal feed URL is shown once.
use crate::helpers::*;
use crate::on_both;
use crate::sessions::{matched_pair, BUSY_ICS};
use rocket::http::Status;

async fn sign_in<'a>(app: &'a TestApp, email: &str, password: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    b.get("/login").await;
    let r = b
        .post("/login", &[("email", email), ("password", password)])
        .await;
    assert_eq!(r.status, Status::SeeOther, "{}", r.body);
    b
}

fn flash_to(r: &PageAnswer, to: &str) {
    assert_eq!(
        r.status,
        Status::SeeOther,
        "{}",
        &r.body[..r.body.len().min(3000)]
    );
    assert_eq!(r.location.as_deref(), Some(to));
}

on_both!(
    the_pair_schedules_through_the_pages,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let plan_id = p.plan["id"].as_i64().unwrap();
        let s1 = p.plan["sessions"][0]["id"].as_i64().unwrap();
        let session = format!("/sessions/{s1}");

        let mut mentor = sign_in(&app, "suzuki@example.jp", "mentor-password-1").await;
        let page = mentor.get(&format!("/plans/{plan_id}")).await;
        assert_eq!(page.status, Status::Ok);
        assert!(
            page.body.contains("候補の日時を提案してください"),
            "next step shown"
        );
        assert!(page.body.contains(&format!("href=\"{session}\"")));
        let page = mentor.get(&session).await;
        assert!(page.body.contains("name=\"slot_1\""));
        assert!(page.body.contains("type=\"datetime-local\""));

        // A past time: the form comes back with the message beside slot 1 and the input kept.
        let r = mentor
            .post(
                &format!("{session}/propose"),
                &[
                    ("slot_1", "2026-11-01T20:00"),
                    ("slot_2", "2026-12-04T20:00"),
                    ("duration", "60"),
                    ("meeting_url", "https://meet.example.com/x"),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(
            r.body.contains("id=\"f-slot_1-error\""),
            "error beside the field"
        );
        assert!(r.body.contains("過ぎた日時は選べません"));
        assert!(r.body.contains("value=\"2026-12-04T20:00\""), "input kept");
        assert!(!r.body.contains("id=\"f-slot_2-error\""));
        assert!(app
            .emails_to("hanako@example.jp")
            .await
            .iter()
            .all(|m| m.kind != "session_proposed"));

        let r = mentor
            .post(
                &format!("{session}/propose"),
                &[
                    ("slot_1", "2026-12-03T20:00"),
                    ("slot_2", "2026-12-04T20:00"),
                    ("duration", "60"),
                    ("meeting_url", "https://meet.example.com/x"),
                    ("message", "ご都合はいかがですか"),
                ],
            )
            .await;
        flash_to(&r, &session);
        let page = mentor.get(&session).await;
        assert!(page.body.contains("候補の日時を送りました"));
        assert!(page.body.contains("あなたが提案した候補日時"));
        assert!(
            !page.body.contains("/confirm\""),
            "the proposer cannot choose"
        );

        // The mentee chooses one on her page.
        let mut mentee = sign_in(&app, "hanako@example.jp", "とても長い合言葉です123").await;
        let page = mentee.get(&session).await;
        assert!(
            page.body.contains("2026年12月3日(木) 20:00〜21:00"),
            "{}",
            page.body
        );
        assert!(page.body.contains("ご都合はいかがですか"));
        let value = "2026-12-03T11:00:00+00:00";
        assert!(page.body.contains(&format!("value=\"{value}\"")));
        let r = mentee
            .post(&format!("{session}/confirm"), &[("starts_at", value)])
            .await;
        flash_to(&r, &session);
        let page = mentee.get(&session).await;
        assert!(page.body.contains("日程確定"));
        // (Tera escapes `/` in HTML as `&#x2F;`; browsers read it back as `/`.)
        assert!(page
            .body
            .replace("&#x2F;", "/")
            .contains("href=\"https://meet.example.com/x\""));
        let ics = mentee.get(&format!("{session}/invite.ics")).await;
        assert_eq!(ics.status, Status::Ok);
        assert!(ics.body.contains("DTSTART;TZID=Asia/Tokyo:20261203T200000"));
        // A stranger's browser gets 404 for the page and the file.
        app.mentee("stranger@example.jp").await;
        let mut stranger = sign_in(&app, "stranger@example.jp", "とても長い合言葉です123").await;
        assert_eq!(stranger.get(&session).await.status, Status::NotFound);
        assert_eq!(
            stranger.get(&format!("{session}/invite.ics")).await.status,
            Status::NotFound
        );

        // Cancelling needs a reason, shown beside the field; then it is cancelled.
        let r = mentee
            .post(&format!("{session}/cancel"), &[("reason", "")])
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("id=\"f-reason-error\""));
        let r = mentee
            .post(
                &format!("{session}/cancel"),
                &[("reason", "子どもが熱を出しました")],
            )
            .await;
        flash_to(&r, &session);
        let page = mentee.get(&session).await;
        assert!(page.body.contains("日程未定"));
        assert!(page.body.contains("子どもが熱を出しました"));

        // The coordinator sees the plan in her list, read-only.
        let mut coord = sign_in(&app, "office@kakehashi.jp", "coordinator-password-1").await;
        let page = coord.get("/coordinator/plans").await;
        assert!(page.body.contains(&format!("/plans/{plan_id}")));
        let page = coord.get(&session).await;
        assert_eq!(page.status, Status::Ok);
        assert!(!page.body.contains("/propose\""));
        let r = coord.post(&format!("{session}/held"), &[]).await;
        assert_eq!(r.status, Status::Forbidden);
        assert!(coord
            .get("/coordinator/extensions")
            .await
            .body
            .contains("延長の申込みはありません"));
    }
);

on_both!(
    busy_times_from_a_file_flag_a_clash_before_proposing,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = p.plan["sessions"][0]["id"].as_i64().unwrap();
        let session = format!("/sessions/{s1}");
        let mut mentor = sign_in(&app, "suzuki@example.jp", "mentor-password-1").await;
        mentor.get("/settings").await;
        let csrf = mentor.csrf.clone();
        // A forged upload (no valid token) changes nothing.
        let r = mentor
            .post_file(
                "/settings/busy/file",
                &[("csrf_token", "forged")],
                ("file", "cal.ics", BUSY_ICS),
            )
            .await;
        assert_eq!(r.status, Status::Forbidden);
        let r = mentor
            .post_file(
                "/settings/busy/file",
                &[("csrf_token", &csrf)],
                ("file", "cal.ics", "not a calendar"),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("id=\"f-file-error\""));
        let r = mentor
            .post_file(
                "/settings/busy/file",
                &[("csrf_token", &csrf)],
                ("file", "cal.ics", BUSY_ICS),
            )
            .await;
        flash_to(&r, "/settings");
        let page = mentor.get("/settings").await;
        assert!(
            page.body.contains("1件の予定を登録しています"),
            "{}",
            page.body
        );

        mentor.get(&session).await;
        let fields = [
            ("slot_1", "2026-12-03T20:00"),
            ("slot_2", "2026-12-05T10:00"),
            ("duration", "60"),
        ];
        let r = mentor.post(&format!("{session}/propose"), &fields).await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("id=\"f-slot_1-clash\""), "slot 1 flagged");
        assert!(!r.body.contains("id=\"f-slot_2-clash\""));
        assert!(r.body.contains("name=\"ignore_clashes\""));
        let api = app.get(&format!("/api/v1/sessions/{s1}"), &p.mentor).await;
        assert_eq!(
            api.body["session"]["status"], "unscheduled",
            "nothing sent yet"
        );
        let mut anyway = fields.to_vec();
        anyway.push(("ignore_clashes", "1"));
        let r = mentor.post(&format!("{session}/propose"), &anyway).await;
        flash_to(&r, &session);

        // The feed URL is shown once, and serves her sessions.
        let page = mentor.post("/settings/feed", &[]).await;
        assert_eq!(page.status, Status::Ok);
        let body = page.body.replace("&#x2F;", "/");
        let start = body.find("http://kakehashi.test/calendar/").unwrap();
        let url: String = body[start..].chars().take_while(|c| *c != '"').collect();
        let feed = app
            .client
            .get(url.replace("http://kakehashi.test", ""))
            .dispatch()
            .await;
        assert_eq!(feed.status(), Status::Ok);
        let again = mentor.get("/settings").await.body.replace("&#x2F;", "/");
        assert!(!again.contains(&url), "shown only once");

        // Settings: time zone and language.
        let r = mentor
            .post(
                "/settings",
                &[("locale", "en"), ("time_zone", "Europe/London")],
            )
            .await;
        flash_to(&r, "/settings");
        let page = mentor.get(&session).await;
        assert!(
            page.body.contains("Thu 3 Dec 2026 11:00–12:00"),
            "{}",
            page.body
        );
        let r = mentor
            .post(
                "/settings",
                &[("locale", "en"), ("time_zone", "Nowhere/City")],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("id=\"f-time_zone-error\""));
    }
);
