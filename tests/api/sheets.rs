//! The mentoring-sheet exchange: the whole exchange through the API (drafts,
//! a stale tab's 409, submission, the reply with strengths, completion and
//! feedback), who may read (404 for everyone else, the coordinator only with
//! consent, each of her reads recorded and shown to the mentee), emails that
//! never carry the text, 4,000 Japanese characters through the form and the
//! API, each nudge once across a restart, the stalled pairs and the outcome
//! figures with their CSV.
use crate::helpers::*;
use crate::on_both;
use crate::sessions::{exchange_sheet, matched_pair, session_id, Pair};
use chrono::Duration;
use rocket::http::Status;
use serde_json::json;

const REALIZATION: &str = "自分の経験が管理職に活かせると気づいた";
const STRENGTHS: &str = "相手の話を最後まで聴ける傾聴力";

/// Schedule session `n` (1 Dec + n weeks, 20:00 Tokyo) and mark it held.
pub async fn held(app: &TestApp, p: &Pair, n: usize) -> i64 {
    let s = session_id(&p.plan, n);
    let day = 1 + 7 * (n - 1);
    let r = app
        .post(
            &format!("/api/v1/sessions/{s}/proposals"),
            &p.mentee,
            json!({"slots": [{"starts_at": format!("2026-12-{day:02}T20:00"), "duration_minutes": 60}]}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/sessions/{s}/confirm"),
            &p.mentor,
            json!({"starts_at": format!("2026-12-{day:02}T20:00:00+09:00")}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let r = app
        .post(&format!("/api/v1/sessions/{s}/held"), &p.mentor, json!({}))
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    s
}

fn mails_without_text(mails: &[kakehashi::db::entities::outbox::Model], kind: &str) -> usize {
    let of_kind: Vec<_> = mails.iter().filter(|m| m.kind == kind).collect();
    for m in &of_kind {
        for text in [REALIZATION, STRENGTHS, "よく聴いてもらえた"] {
            assert!(!m.text_body.contains(text), "{kind} carries the sheet text");
            assert!(!m.html_body.contains(text), "{kind} carries the sheet text");
            assert!(!m.subject.contains(text));
        }
        assert!(m.text_body.contains("/sheet") || m.text_body.contains("/feedback"));
    }
    of_kind.len()
}

// Submissions at the same moment (a double tap, a second device) and a
// draft saved among them: each submission is decided inside its write turn,
// so the sheet is submitted once, the mentor is emailed once, and the text
// submitted is the one saved before it.
on_both!(
    simultaneous_submissions_submit_once_and_email_once,
    |app: TestApp| async move {
        let app = app;
        let p = matched_pair(&app, "single").await;
        let s = held(&app, &p, 1).await;
        let sheet = format!("/api/v1/sessions/{s}/sheet");
        let r = app
            .put(
                &sheet,
                &p.mentee,
                json!({"realizations": "最初の文", "version": 0}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let submit = format!("{sheet}/submit");
        let save = app.put(
            &sheet,
            &p.mentee,
            json!({"realizations": REALIZATION, "version": 1}),
        );
        let submits =
            futures::future::join_all((0..6).map(|_| app.post(&submit, &p.mentee, json!({}))));
        let (saved, answers) = tokio::join!(save, submits);
        for r in &answers {
            assert_eq!(r.status, Status::Ok, "{:?}", r.body);
            assert_eq!(r.body["sheet"]["status"], "submitted");
        }
        let mails = app.emails_to("suzuki@example.jp").await;
        assert_eq!(mails_without_text(&mails, "sheet_submitted"), 1);
        let r = app.get(&sheet, &p.mentee).await;
        if saved.status == Status::Ok {
            assert_eq!(r.body["sheet"]["realizations"], REALIZATION);
        } else {
            assert_eq!(
                (saved.status, saved.code()),
                (Status::Conflict, "sheet_submitted")
            );
            assert_eq!(r.body["sheet"]["realizations"], "最初の文");
        }
        // Every answer shows the text as submitted.
        for a in &answers {
            assert_eq!(
                a.body["sheet"]["realizations"],
                r.body["sheet"]["realizations"]
            );
        }
    }
);

on_both!(
    the_whole_exchange_through_the_api,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        let s = session_id(&p.plan, 1);
        let sheet = format!("/api/v1/sessions/{s}/sheet");

        // Before the session: nothing to write yet.
        let r = app.get(&sheet, &p.mentee).await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.body["sheet"]["status"], "none");
        assert!(!r.body["sheet"]["prompts"].as_array().unwrap().is_empty());
        let r = app
            .put(&sheet, &p.mentee, json!({"realizations": "まだ"}))
            .await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "session_not_held"));
        let r = app
            .post(&format!("{sheet}/submit"), &p.mentee, json!({}))
            .await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "session_not_held"));

        held(&app, &p, 1).await;
        // A draft, saved twice as she types; the mentor cannot see it.
        let r = app
            .put(
                &sheet,
                &p.mentee,
                json!({"realizations": "下書き", "version": 0}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(
            (
                r.body["sheet"]["status"].as_str(),
                r.body["sheet"]["version"].as_i64()
            ),
            (Some("draft"), Some(1))
        );
        let r = app.get(&sheet, &p.mentor).await;
        assert_eq!(r.status, Status::NotFound, "a draft is hers alone");
        let r = app.get(&format!("/api/v1/sessions/{s}"), &p.mentee).await;
        assert_eq!(r.body["session"]["sheet_status"], "draft");
        assert_eq!(r.body["session"]["next_step"], "write_sheet");

        // Two tabs: tab A saves (version 1 → 2); tab B, still on version 1, is
        // refused and nothing changes.
        let r = app
            .put(
                &sheet,
                &p.mentee,
                json!({"realizations": REALIZATION, "next_actions": "上司に面談を申し込む", "version": 1}),
            )
            .await;
        assert_eq!(r.body["sheet"]["version"], 2);
        let r = app
            .put(
                &sheet,
                &p.mentee,
                json!({"realizations": "古いタブの文", "version": 1}),
            )
            .await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "stale_draft"));
        let r = app
            .put(
                &sheet,
                &p.mentee,
                json!({"realizations": REALIZATION, "version": 1}),
            )
            .await;
        assert_eq!(
            r.status,
            Status::Ok,
            "the same text from an older tab loses nothing"
        );
        assert_eq!(r.body["sheet"]["version"], 2);
        let r = app.get(&sheet, &p.mentee).await;
        assert_eq!(r.body["sheet"]["realizations"], REALIZATION);
        assert_eq!(r.body["sheet"]["next_actions"], "上司に面談を申し込む");
        // A part left out keeps its text.
        let r = app
            .put(&sheet, &p.mentee, json!({"questions": "両立のコツは?"}))
            .await;
        assert_eq!(r.body["sheet"]["realizations"], REALIZATION);
        assert_eq!(r.body["sheet"]["questions"], "両立のコツは?");

        // Too long, bad characters, the wrong role: 4xx and nothing changes.
        let r = app
            .put(
                &sheet,
                &p.mentee,
                json!({"realizations": "あ".repeat(4001)}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(r.body["error"]["fields"]["realizations"][0], "too_long");
        let r = app
            .put(&sheet, &p.mentee, json!({"realizations": "nul\u{0}"}))
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        let r = app
            .put(&sheet, &p.mentor, json!({"realizations": "代筆"}))
            .await;
        assert_eq!(r.status, Status::Forbidden);
        let r = app
            .put(&sheet, &p.coord, json!({"realizations": "x"}))
            .await;
        assert_eq!(r.status, Status::Forbidden);
        let r = app.get(&sheet, &p.mentee).await;
        assert_eq!(r.body["sheet"]["realizations"], REALIZATION);

        // Submit (twice, as a double click): one email to the mentor, without
        // the text.
        for _ in 0..2 {
            let r = app
                .post(&format!("{sheet}/submit"), &p.mentee, json!({}))
                .await;
            assert_eq!(r.status, Status::Ok, "{:?}", r.body);
            assert_eq!(r.body["sheet"]["status"], "submitted");
        }
        let mails = app.emails_to("suzuki@example.jp").await;
        assert_eq!(mails_without_text(&mails, "sheet_submitted"), 1);
        let r = app
            .put(&sheet, &p.mentee, json!({"realizations": "後から"}))
            .await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "sheet_submitted"));

        // The mentor reads and replies; strengths are required.
        let r = app.get(&sheet, &p.mentor).await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.body["sheet"]["realizations"], REALIZATION);
        assert_eq!(r.body["sheet"]["reply"], serde_json::Value::Null);
        let r = app
            .post(
                &format!("{sheet}/reply"),
                &p.mentor,
                json!({"message": "よく聴いてもらえた", "strengths": ""}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(r.body["error"]["fields"]["strengths"][0], "required");
        let r = app
            .post(
                &format!("{sheet}/reply"),
                &p.mentee,
                json!({"message": "自分で", "strengths": "自分で"}),
            )
            .await;
        assert_eq!(r.status, Status::Forbidden);
        let r = app
            .post(
                &format!("{sheet}/reply"),
                &p.mentor,
                json!({"message": "よく聴いてもらえた", "strengths": STRENGTHS}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["sheet"]["status"], "replied");
        assert_eq!(r.body["sheet"]["reply"]["strengths"], STRENGTHS);
        let r = app
            .post(
                &format!("{sheet}/reply"),
                &p.mentor,
                json!({"message": "もう一度", "strengths": "もう一度"}),
            )
            .await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "sheet_replied"));
        let r = app.get(&sheet, &p.mentee).await;
        assert_eq!(r.body["sheet"]["reply"]["message"], "よく聴いてもらえた");
        assert!(r.body["sheet"]["reply"]["replied_at"]
            .as_str()
            .unwrap()
            .ends_with("+09:00"));

        // The single plan is complete; the mentee is emailed (no text) and
        // asked for feedback, once.
        let plan_id = p.plan["id"].as_i64().unwrap();
        let r = app
            .get(&format!("/api/v1/plans/{plan_id}"), &p.mentee)
            .await;
        assert_eq!(r.body["plan"]["status"], "completed");
        let mails = app.emails_to("hanako@example.jp").await;
        assert_eq!(mails_without_text(&mails, "sheet_replied"), 1);
        assert_eq!(mails_without_text(&mails, "feedback_request"), 1);

        let fb = format!("/api/v1/plans/{plan_id}/feedback");
        let r = app.get(&fb, &p.mentee).await;
        assert_eq!(r.status, Status::NotFound);
        for bad in [
            json!({"satisfaction": 6}),
            json!({}),
            json!({"satisfaction": 4, "positive_action": true}),
        ] {
            let r = app.post(&fb, &p.mentee, bad).await;
            assert_eq!(r.status, Status::UnprocessableEntity, "{:?}", r.body);
        }
        let r = app.post(&fb, &p.mentor, json!({"satisfaction": 5})).await;
        assert_eq!(r.status, Status::Forbidden);
        let good = json!({"satisfaction": 5, "positive_action": true, "positive_action_detail": "昇格試験に申し込んだ", "comment": "ありがとうございました"});
        let r = app.post(&fb, &p.mentee, good.clone()).await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        assert_eq!(r.body["feedback"]["satisfaction"], 5);
        let r = app.post(&fb, &p.mentee, good).await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "feedback_given"));
        let r = app.get(&fb, &p.mentee).await;
        assert_eq!(
            r.body["feedback"]["positive_action_detail"],
            "昇格試験に申し込んだ"
        );
    }
);

on_both!(
    feedback_waits_for_a_completed_plan,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let plan_id = p.plan["id"].as_i64().unwrap();
        let s1 = held(&app, &p, 1).await;
        exchange_sheet(&app, &p, s1).await;
        let r = app
            .post(
                &format!("/api/v1/plans/{plan_id}/feedback"),
                &p.mentee,
                json!({"satisfaction": 5}),
            )
            .await;
        assert_eq!(
            (r.status, r.code()),
            (Status::Conflict, "plan_not_completed")
        );
        let r = app
            .get(&format!("/api/v1/plans/{plan_id}"), &p.mentee)
            .await;
        assert_eq!(r.body["plan"]["status"], "active", "two sessions to go");
        assert_eq!(r.body["plan"]["sessions"][0]["next_step"], "read_exchange");
    }
);

on_both!(
    strangers_get_404_and_the_coordinator_reads_only_with_consent,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s = held(&app, &p, 1).await;
        let sheet = format!("/api/v1/sessions/{s}/sheet");
        let plan_id = p.plan["id"].as_i64().unwrap();
        let exchange = format!("/api/v1/plans/{plan_id}/exchange");
        let r = app
            .put(&sheet, &p.mentee, json!({"realizations": REALIZATION}))
            .await;
        assert_eq!(r.status, Status::Ok);

        // Another mentee and another mentor: 404, exactly like a missing sheet.
        let (other, _) = app.submitted_mentee("other@example.jp", json!({})).await;
        let (_, other_mentor) = app
            .mentor(
                &p.coord,
                "tanaka@example.jp",
                json!({"headline": "課長", "capacity": 2}),
            )
            .await;
        for who in [&other, &other_mentor] {
            for path in [
                sheet.clone(),
                exchange.clone(),
                "/api/v1/sessions/999999/sheet".into(),
            ] {
                let r = app.get(&path, who).await;
                assert_eq!(r.status, Status::NotFound, "{path}");
            }
            let r = app.put(&sheet, who, json!({"realizations": "x"})).await;
            assert!(matches!(r.status.code, 403 | 404), "{:?}", r.status);
        }
        let r = app.put(&sheet, &other, json!({"realizations": "x"})).await;
        assert_eq!(r.status, Status::NotFound);
        let r = app
            .post(
                &format!("/api/v1/plans/{plan_id}/feedback"),
                &other,
                json!({"satisfaction": 3}),
            )
            .await;
        assert_eq!(r.status, Status::NotFound);

        // Her mentor cannot reply to a draft (409), a coordinator cannot
        // agree to sharing on her behalf (422).
        let r = app
            .post(
                &format!("{sheet}/reply"),
                &p.mentor,
                json!({"message": "x", "strengths": "y"}),
            )
            .await;
        assert_eq!(
            (r.status, r.code()),
            (Status::Conflict, "sheet_not_submitted")
        );
        let intake = app.get("/api/v1/intake", &p.mentee).await.body["intake"]["id"]
            .as_i64()
            .unwrap();
        let r = app
            .api(
                "PATCH",
                &format!("/api/v1/intakes/{intake}"),
                Some(&p.coord),
                Some(json!({"share_sheets": true})),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity, "{:?}", r.body);
        assert_eq!(r.body["error"]["fields"]["share_sheets"][0], "read_only");
        // A too-long body from the wrong role is still a 403, before the body is read.
        let r = app
            .put(&sheet, &p.coord, json!({"realizations": "あ".repeat(5000)}))
            .await;
        assert_eq!(r.status, Status::Forbidden);

        let r = app
            .post(&format!("{sheet}/submit"), &p.mentee, json!({}))
            .await;
        assert_eq!(r.status, Status::Ok);
        // No consent: the coordinator gets 404 and nothing is recorded.
        assert_eq!(app.get(&sheet, &p.coord).await.status, Status::NotFound);
        assert_eq!(app.get(&exchange, &p.coord).await.status, Status::NotFound);
        let r = app.get("/api/v1/me/sheet-reads", &p.mentee).await;
        assert_eq!(r.body["total"], 0);

        // She agrees: each coordinator read is recorded, and she sees who and when.
        let r = app
            .put(
                "/api/v1/me/sheet-sharing",
                &p.mentee,
                json!({"share_sheets": true}),
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        let r = app.get("/api/v1/intake", &p.mentee).await;
        assert_eq!(r.body["intake"]["share_sheets"], true);
        let r = app.get(&sheet, &p.coord).await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.body["sheet"]["realizations"], REALIZATION);
        let r = app.get(&exchange, &p.coord).await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.body["sheets"].as_array().map(Vec::len), Some(1));
        let r = app.get("/api/v1/me/sheet-reads", &p.mentee).await;
        assert_eq!(r.body["total"], 2, "{:?}", r.body);
        assert_eq!(r.body["reads"][0]["reader"]["display_name"], "事務局 佐藤");
        assert_eq!(r.body["reads"][0]["number"], 1);
        assert!(r.body["reads"][0]["read_at"]
            .as_str()
            .unwrap()
            .ends_with("+09:00"));
        // The mentor and the mentee themselves are not recorded.
        app.get(&sheet, &p.mentor).await;
        app.get(&sheet, &p.mentee).await;
        let r = app.get("/api/v1/me/sheet-reads", &p.mentee).await;
        assert_eq!(r.body["total"], 2);
        // The read log is hers alone.
        assert_eq!(
            app.get("/api/v1/me/sheet-reads", &p.coord).await.status,
            Status::Forbidden
        );

        // She withdraws: 404 again.
        app.put(
            "/api/v1/me/sheet-sharing",
            &p.mentee,
            json!({"share_sheets": false}),
        )
        .await;
        assert_eq!(app.get(&sheet, &p.coord).await.status, Status::NotFound);

        // The exchange: the mentor sees submitted sheets only.
        let s2 = held(&app, &p, 2).await;
        app.put(
            &format!("/api/v1/sessions/{s2}/sheet"),
            &p.mentee,
            json!({"realizations": "第2回の下書き"}),
        )
        .await;
        let r = app.get(&exchange, &p.mentor).await;
        assert_eq!(r.body["sheets"].as_array().map(Vec::len), Some(1));
        let r = app.get(&exchange, &p.mentee).await;
        assert_eq!(r.body["sheets"].as_array().map(Vec::len), Some(2));
    }
);

on_both!(
    four_thousand_japanese_characters_round_trip_through_the_form_and_the_api,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        let s = held(&app, &p, 1).await;
        let long: String = "面談で気づいた".repeat(571) + "ことです。\n改行";
        let long: String = long.chars().take(4000).collect();
        assert_eq!(long.chars().count(), 4000);
        let questions: String = "質".repeat(4000);

        // Through the HTML form.
        let mut b = Browser::new(&app);
        b.get("/login").await;
        b.post(
            "/login",
            &[
                ("email", "hanako@example.jp"),
                ("password", "とても長い合言葉です123"),
            ],
        )
        .await;
        let page = b.get(&format!("/sessions/{s}/sheet")).await;
        assert_eq!(page.status, Status::Ok);
        assert!(page.body.contains("maxlength=\"4000\""));
        let r = b
            .post(
                &format!("/sessions/{s}/sheet"),
                &[
                    ("version", "0"),
                    ("realizations", &long),
                    ("next_actions", &long),
                    ("questions", &questions),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            Status::SeeOther,
            "{}",
            &r.body[..r.body.len().min(2000)]
        );
        let page = b.get(&format!("/sessions/{s}/sheet")).await;
        assert!(page.body.contains(&format!(">{long}</textarea>")));
        let r = app
            .get(&format!("/api/v1/sessions/{s}/sheet"), &p.mentee)
            .await;
        assert_eq!(r.body["sheet"]["realizations"], long.as_str());
        assert_eq!(r.body["sheet"]["questions"], questions.as_str());

        // Through the API, and one character more is refused beside its field.
        let r = app
            .put(
                &format!("/api/v1/sessions/{s}/sheet"),
                &p.mentee,
                json!({"next_actions": questions}),
            )
            .await;
        assert_eq!(r.body["sheet"]["next_actions"], questions.as_str());
        let r = b
            .post(
                &format!("/sessions/{s}/sheet"),
                &[
                    ("version", "2"),
                    ("realizations", &format!("{long}。")),
                    ("next_actions", ""),
                    ("questions", ""),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("id=\"f-realizations-error\""));
        let r = app
            .get(&format!("/api/v1/sessions/{s}/sheet"), &p.mentee)
            .await;
        assert_eq!(
            r.body["sheet"]["realizations"],
            long.as_str(),
            "nothing changed"
        );
    }
);

on_both!(
    the_pages_warn_a_stale_tab_and_carry_the_exchange,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        let s = held(&app, &p, 1).await;
        let plan_id = p.plan["id"].as_i64().unwrap();
        let path = format!("/sessions/{s}/sheet");
        let mut tab = Browser::new(&app);
        tab.get("/login").await;
        tab.post(
            "/login",
            &[
                ("email", "hanako@example.jp"),
                ("password", "とても長い合言葉です123"),
            ],
        )
        .await;
        let page = tab.get(&path).await;
        assert!(page.body.contains("name=\"version\" value=\"0\""));

        // Tab A autosaves (as the script does); tab B, opened before, saves later.
        let r = tab
            .post(
                &format!("{path}/autosave"),
                &[
                    ("version", "0"),
                    ("realizations", "タブAの文"),
                    ("next_actions", ""),
                    ("questions", ""),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{}", r.body);
        let saved: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(saved["version"], 1);
        let r = tab
            .post(
                &format!("{path}/autosave"),
                &[
                    ("version", "0"),
                    ("realizations", "タブBの文"),
                    ("next_actions", ""),
                    ("questions", ""),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Conflict);
        let r = tab
            .post(
                &path,
                &[
                    ("version", "0"),
                    ("realizations", "タブBの文"),
                    ("next_actions", ""),
                    ("questions", ""),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            Status::Ok,
            "the page is shown again, not a redirect"
        );
        assert!(
            r.body.contains("別のタブまたは別の端末で先に保存"),
            "the page says so"
        );
        assert!(r.body.contains(">タブBの文</textarea>"), "her text is kept");
        assert!(
            r.body.contains("<dd>タブAの文</dd>"),
            "the saved text is shown"
        );
        assert!(r.body.contains("name=\"version\" value=\"1\""));
        let r = app
            .get(&format!("/api/v1/sessions/{s}/sheet"), &p.mentee)
            .await;
        assert_eq!(r.body["sheet"]["realizations"], "タブAの文");

        // Knowingly saving again, then submitting through the form.
        let r = tab
            .post(
                &path,
                &[
                    ("version", "1"),
                    ("realizations", REALIZATION),
                    ("next_actions", ""),
                    ("questions", ""),
                    ("action", "submit"),
                ],
            )
            .await;
        assert_eq!(
            (r.status, r.location.as_deref()),
            (Status::SeeOther, Some(path.as_str()))
        );

        // A tab still open on the draft saves after the submission: its text
        // is shown back, not thrown away.
        let r = tab
            .post(
                &path,
                &[
                    ("version", "2"),
                    ("realizations", "遅れた入力"),
                    ("next_actions", ""),
                    ("questions", ""),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("すでに提出されています") && r.body.contains("遅れた入力"));

        // The mentor replies through the form: a missing strength is named beside its field.
        let mut mentor = Browser::new(&app);
        mentor.get("/login").await;
        mentor
            .post(
                "/login",
                &[
                    ("email", "suzuki@example.jp"),
                    ("password", "mentor-password-1"),
                ],
            )
            .await;
        let page = mentor.get(&path).await;
        assert!(page.body.contains(REALIZATION));
        assert!(page.body.contains("action=\"/sessions/"));
        let r = mentor
            .post(
                &format!("{path}/reply"),
                &[("message", "よく聴いてもらえた"), ("strengths", "")],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("id=\"f-strengths-error\""));
        assert!(r.body.contains(">よく聴いてもらえた</textarea>"));
        let r = mentor
            .post(
                &format!("{path}/reply"),
                &[("message", "よく聴いてもらえた"), ("strengths", STRENGTHS)],
            )
            .await;
        assert_eq!(r.status, Status::SeeOther);

        // The exchange page, printable, for both; the coordinator (no consent) gets 404.
        for b in [&mut tab, &mut mentor] {
            let page = b.get(&format!("/plans/{plan_id}/exchange")).await;
            assert_eq!(page.status, Status::Ok);
            assert!(page.body.contains(REALIZATION) && page.body.contains(STRENGTHS));
        }
        let css = tab.get("/static/app.css").await;
        assert!(css.body.contains("@media print"));
        let mut coord = Browser::new(&app);
        coord.get("/login").await;
        coord
            .post(
                "/login",
                &[
                    ("email", "office@kakehashi.jp"),
                    ("password", "coordinator-password-1"),
                ],
            )
            .await;
        assert_eq!(coord.get(&path).await.status, Status::NotFound);
        assert_eq!(
            coord
                .get(&format!("/plans/{plan_id}/exchange"))
                .await
                .status,
            Status::NotFound
        );

        let page = coord.get(&format!("/plans/{plan_id}")).await;
        assert!(page.body.contains("同意していない"));
        assert!(!page.body.contains(&format!("/plans/{plan_id}/exchange")));

        // She consents in her settings: the coordinator reads, and the read shows on her exchange page.
        tab.get("/settings").await;
        let r = tab
            .post("/settings/sheet-sharing", &[("share_sheets", "true")])
            .await;
        assert_eq!(r.status, Status::SeeOther);
        let page = coord.get(&format!("/plans/{plan_id}")).await;
        assert!(page.body.contains(&format!("/plans/{plan_id}/exchange")));
        let page = coord.get(&path).await;
        assert_eq!(page.status, Status::Ok);
        assert!(page.body.contains(STRENGTHS));
        let page = tab.get(&format!("/plans/{plan_id}/exchange")).await;
        assert!(
            page.body.contains("事務局 佐藤"),
            "the read log names the reader"
        );

        // Completed: the plan page asks for feedback; the form takes it.
        let page = tab.get(&format!("/plans/{plan_id}")).await;
        assert!(page.body.contains(&format!("/plans/{plan_id}/feedback")));
        tab.get(&format!("/plans/{plan_id}/feedback")).await;
        let r = tab
            .post(
                &format!("/plans/{plan_id}/feedback"),
                &[("satisfaction", ""), ("positive_action", "no")],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("f-satisfaction-error"));
        let r = tab
            .post(
                &format!("/plans/{plan_id}/feedback"),
                &[
                    ("satisfaction", "4"),
                    ("positive_action", "yes"),
                    ("positive_action_detail", "上司と面談した"),
                    ("comment", ""),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            Status::SeeOther,
            "{}",
            &r.body[..r.body.len().min(1500)]
        );
        let r = app
            .get(&format!("/api/v1/plans/{plan_id}/feedback"), &p.mentee)
            .await;
        assert_eq!(r.body["feedback"]["satisfaction"], 4);
    }
);

on_both!(
    each_nudge_is_sent_once_across_a_restart,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = held(&app, &p, 1).await;
        let count = |app: &TestApp, to: &'static str, kind: &'static str| {
            let app = app.app.clone();
            async move {
                kakehashi::db::sessions::tick(&app).await.unwrap();
                kakehashi::db::sheets::tick(&app).await.unwrap();
                use kakehashi::db::entities::outbox;
                use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
                outbox::Entity::find()
                    .filter(outbox::Column::ToAddress.eq(to))
                    .filter(outbox::Column::Kind.eq(kind))
                    .count(&app.db.conn)
                    .await
                    .unwrap()
            }
        };
        // Held 2026-12-01 21:00 Tokyo (marked early, counts from the marking).
        app.clock.advance(Duration::days(2));
        assert_eq!(
            count(&app, "hanako@example.jp", "sheet_nudge").await,
            0,
            "not yet"
        );
        app.clock.advance(Duration::days(20));
        assert_eq!(count(&app, "hanako@example.jp", "sheet_nudge").await, 1);
        assert_eq!(count(&app, "hanako@example.jp", "sheet_nudge").await, 1);
        let app = app.restart().await;
        assert_eq!(
            count(&app, "hanako@example.jp", "sheet_nudge").await,
            1,
            "once across a restart"
        );

        // (API tokens last 30 days: sign in again.)
        let p = Pair {
            mentee: app
                .token("hanako@example.jp", "とても長い合言葉です123")
                .await,
            mentor: app.token("suzuki@example.jp", "mentor-password-1").await,
            ..p
        };
        let sheet = format!("/api/v1/sessions/{s1}/sheet");
        app.put(&sheet, &p.mentee, json!({"realizations": REALIZATION}))
            .await;
        let r = app
            .post(&format!("{sheet}/submit"), &p.mentee, json!({}))
            .await;
        assert_eq!(r.status, Status::Ok);
        app.clock.advance(Duration::days(4));
        assert_eq!(
            count(&app, "suzuki@example.jp", "reply_nudge").await,
            0,
            "not yet"
        );
        app.clock.advance(Duration::days(2));
        assert_eq!(count(&app, "suzuki@example.jp", "reply_nudge").await, 1);
        let app = app.restart().await;
        assert_eq!(count(&app, "suzuki@example.jp", "reply_nudge").await, 1);
        assert_eq!(count(&app, "hanako@example.jp", "sheet_nudge").await, 1);
        let mails = app.emails_to("suzuki@example.jp").await;
        mails_without_text(&mails, "reply_nudge");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nudge_days_are_configurable() {
    let app = spawn_app_with(Backend::Sqlite, &[("sheet_nudge_days", json!(1))]).await;
    let p = matched_pair(&app, "single").await;
    held(&app, &p, 1).await;
    // A day and a bit: nudged with 1 day configured (the default waits 3).
    app.clock.advance(Duration::days(1) + Duration::hours(2));
    kakehashi::db::sheets::tick(&app.app).await.unwrap();
    let n = app
        .emails_to("hanako@example.jp")
        .await
        .iter()
        .filter(|m| m.kind == "sheet_nudge")
        .count();
    assert_eq!(n, 1);
}

on_both!(
    the_coordinator_sees_stalled_pairs_with_their_waits,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let r = app.get("/api/v1/coordinator/stalled", &p.coord).await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(
            r.body["total"], 1,
            "only the first session waits for scheduling"
        );
        assert_eq!(r.body["stalled"][0]["waiting_for"], "scheduling");
        assert_eq!(r.body["stalled"][0]["number"], 1);
        assert_eq!(r.body["stalled"][0]["mentee"]["display_name"], "山田 花子");

        let s1 = held(&app, &p, 1).await;
        app.clock.advance(Duration::days(13));
        let coord = app
            .token("office@kakehashi.jp", "coordinator-password-1")
            .await;
        let r = app.get("/api/v1/coordinator/stalled", &coord).await;
        let kinds: Vec<_> = r.body["stalled"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["waiting_for"].as_str().unwrap().to_string(),
                    s["number"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            vec![("sheet".into(), 1), ("scheduling".into(), 2)],
            "{:?}",
            r.body
        );
        assert!(r.body["stalled"][0]["waited_hours"].as_i64().unwrap() >= 24 * 13);

        let mentee = app
            .token("hanako@example.jp", "とても長い合言葉です123")
            .await;
        app.put(
            &format!("/api/v1/sessions/{s1}/sheet"),
            &mentee,
            json!({"realizations": "気づき"}),
        )
        .await;
        app.post(
            &format!("/api/v1/sessions/{s1}/sheet/submit"),
            &mentee,
            json!({}),
        )
        .await;
        let r = app.get("/api/v1/coordinator/stalled", &coord).await;
        assert_eq!(r.body["stalled"][1]["waiting_for"], "reply", "{:?}", r.body);
        assert_eq!(r.body["stalled"][1]["waited_hours"], 0);
        let r = app
            .get("/api/v1/coordinator/stalled?min_days=10", &coord)
            .await;
        assert_eq!(
            r.body["total"], 1,
            "the fresh reply wait is left out: {:?}",
            r.body
        );
        assert_eq!(r.body["stalled"][0]["waiting_for"], "scheduling");
        let r = app
            .get("/api/v1/coordinator/stalled?min_days=999", &coord)
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);

        // The page lists them too; others may not.
        let mut b = Browser::new(&app);
        b.get("/login").await;
        b.post(
            "/login",
            &[
                ("email", "office@kakehashi.jp"),
                ("password", "coordinator-password-1"),
            ],
        )
        .await;
        let page = b.get("/coordinator/stalled").await;
        assert_eq!(page.status, Status::Ok);
        assert!(page.body.contains("返信待ち") && page.body.contains("山田 花子"));
        // Each row's texts, made once per page for each distinct value: the
        // reply waited 0 days, the second session's scheduling 13.
        for text in [
            "日程調整待ち",
            "第1回",
            "第2回",
            "<strong>0日</strong>",
            "<strong>13日</strong>",
        ] {
            assert!(page.body.contains(text), "{text}: {}", page.body);
        }
        assert_eq!(page.body.matches("から</span>").count(), 2, "{}", page.body);
        let r = app.get("/api/v1/coordinator/stalled", &mentee).await;
        assert_eq!(r.status, Status::Forbidden);
    }
);

on_both!(outcome_figures_and_their_csv, |app: TestApp| async move {
    let p = matched_pair(&app, "single").await;
    let s = held(&app, &p, 1).await;
    exchange_sheet(&app, &p, s).await;
    let plan_id = p.plan["id"].as_i64().unwrap();
    let r = app
            .post(
                &format!("/api/v1/plans/{plan_id}/feedback"),
                &p.mentee,
                json!({"satisfaction": 4, "positive_action": true, "positive_action_detail": "=HYPERLINK(\"http://evil\")", "comment": "@SUM(1)"}),
            )
            .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);

    let r = app.get("/api/v1/outcomes", &p.coord).await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let o = &r.body["outcomes"];
    assert_eq!(o["feedback_count"], 1);
    assert_eq!(o["satisfaction_percent"], 100);
    assert_eq!(o["positive_action_percent"], 100);
    assert_eq!(o["matches"], 1);
    assert_eq!(o["satisfaction_counts"], json!([0, 0, 0, 1, 0]));
    assert_eq!(o["intake_to_match"]["count"], 1);
    assert_eq!(o["sheet_turnaround"]["count"], 1);
    assert_eq!(o["reply_turnaround"]["count"], 1);
    assert_eq!(o["period"]["to"], "2026-11-20");

    // A period with nothing in it; a bad date is named.
    let r = app
        .get("/api/v1/outcomes?from=2025-01-01&to=2025-01-31", &p.coord)
        .await;
    assert_eq!(r.body["outcomes"]["feedback_count"], 0);
    assert_eq!(
        r.body["outcomes"]["satisfaction_percent"],
        serde_json::Value::Null
    );
    let r = app.get("/api/v1/outcomes?from=2025-02-30", &p.coord).await;
    assert_eq!(r.status, Status::UnprocessableEntity);
    assert_eq!(r.body["error"]["fields"]["from"][0], "invalid_date");
    assert_eq!(
        app.get("/api/v1/outcomes", &p.mentee).await.status,
        Status::Forbidden
    );

    let r = app
        .api_raw("GET", "/api/v1/outcomes/plans.csv", Some(&p.coord), None)
        .await;
    assert_eq!(r.status, Status::Ok);
    assert!(r.header("Content-Type").unwrap().starts_with("text/csv"));
    assert!(r
        .header("Content-Disposition")
        .unwrap()
        .contains("attachment"));

    let mut b = Browser::new(&app);
    b.get("/login").await;
    b.post(
        "/login",
        &[
            ("email", "office@kakehashi.jp"),
            ("password", "coordinator-password-1"),
        ],
    )
    .await;
    let page = b.get("/coordinator/outcomes").await;
    assert_eq!(page.status, Status::Ok);
    assert!(page.body.contains("<svg") && page.body.contains("100%"));
    let csv = b.get("/coordinator/outcomes.csv").await;
    assert_eq!(csv.status, Status::Ok);
    assert!(csv.body.starts_with('\u{feff}'));
    assert!(
        csv.body.contains("'=HYPERLINK(\"\"http://evil\"\")"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("'@SUM(1)"));
    assert!(!csv.body.contains(",=HYPERLINK") && !csv.body.contains(",\"=HYPERLINK"));
    let page = b.get("/coordinator/outcomes?from=nope").await;
    assert_eq!(page.status, Status::Ok);
    assert!(page.body.contains("f-from-error"));
});
