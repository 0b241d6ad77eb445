//! The journeys through the HTML pages, with forms, CSRF and redirects.
use crate::helpers::*;
use crate::on_both;
use rocket::http::Status;

fn assert_redirect(a: &PageAnswer, to: &str) {
    assert_eq!(
        a.status,
        Status::SeeOther,
        "{}",
        &a.body[..a.body.len().min(2000)]
    );
    assert_eq!(a.location.as_deref(), Some(to));
}

on_both!(
    from_first_run_to_an_accepted_match_through_the_pages,
    |app: TestApp| async move {
        // First run: the set-up link creates the first coordinator, once.
        let link = kakehashi::routes::setup::offer_setup_link(&app.app)
            .await
            .unwrap()
            .unwrap();
        let path = link.trim_start_matches("http://kakehashi.test").to_string();
        let mut coord = Browser::new(&app);
        assert_eq!(coord.get(&path).await.status, Status::Ok);
        let r = coord
            .post(
                &path,
                &[
                    ("email", "office@kakehashi.jp"),
                    ("display_name", "事務局 佐藤"),
                    ("password", "coordinator-password-1"),
                ],
            )
            .await;
        assert_redirect(&r, "/coordinator/intakes");
        let mut stranger = Browser::new(&app);
        assert_eq!(stranger.get(&path).await.status, Status::NotFound);
        let queue = coord.get("/coordinator/intakes").await;
        assert_eq!(queue.status, Status::Ok);

        // The coordinator invites a mentor; she sets her password and her profile.
        coord.get("/coordinator/mentors/new").await;
        let r = coord
            .post(
                "/coordinator/mentors/new",
                &[
                    ("email", "not-an-email"),
                    ("display_name", "鈴木"),
                    ("headline", ""),
                    ("capacity", "2"),
                    ("locale", "ja"),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("not-an-email"), "the input is kept");
        assert!(r.body.contains("aria-invalid"), "the field is marked");
        let r = coord
            .post(
                "/coordinator/mentors/new",
                &[
                    ("email", "suzuki@example.jp"),
                    ("display_name", "鈴木 恵子"),
                    ("headline", "IT企業の部長"),
                    ("capacity", "2"),
                    ("locale", "ja"),
                ],
            )
            .await;
        assert_redirect(&r, "/coordinator/mentors");
        let token = app.invitation_token("suzuki@example.jp").await;
        let mut mentor = Browser::new(&app);
        assert_eq!(
            mentor.get(&format!("/invitations/{token}")).await.status,
            Status::Ok
        );
        let r = mentor
            .post(
                &format!("/invitations/{token}"),
                &[("password", "mentor-password-1")],
            )
            .await;
        assert_redirect(&r, "/mentor/profile");
        mentor.get("/mentor/profile").await;
        let r = mentor
            .post_raw(
                "/mentor/profile",
                &[
                    ("csrf_token".into(), mentor.csrf.clone()),
                    ("headline".into(), "IT企業の部長".into()),
                    (
                        "bio".into(),
                        "二人の子を育てながら管理職になりました".into(),
                    ),
                    ("industry".into(), "it_telecom".into()),
                    ("company_size".into(), "large".into()),
                    ("job_function".into(), "engineering".into()),
                    ("position".into(), "manager".into()),
                    ("experiences".into(), "parenting".into()),
                    ("experiences".into(), "first_woman_manager".into()),
                    ("capacity".into(), "2".into()),
                    ("accepting".into(), "true".into()),
                ],
            )
            .await;
        assert_redirect(&r, "/mentor/profile");

        // A mentee registers and fills the intake step by step, leaving half-way.
        let mut mentee = Browser::new(&app);
        mentee.get("/register").await;
        let r = mentee
            .post(
                "/register",
                &[
                    ("email", "hanako@example.jp"),
                    ("display_name", "山田 花子"),
                    ("password", "とても長い合言葉です123"),
                    ("locale", "ja"),
                ],
            )
            .await;
        assert_redirect(&r, "/intake/step/1");
        let page = mentee.get("/intake/step/1").await;
        assert!(page.body.contains("aria-current=\"step\""));
        let r = mentee
            .post(
                "/intake/step/1",
                &[
                    ("age_band", "30s"),
                    ("industry", "it_telecom"),
                    ("company_size", "large"),
                    ("job_function", "engineering"),
                    ("position", "leader"),
                    ("employment", "full_time"),
                    ("action", "next"),
                ],
            )
            .await;
        assert_redirect(&r, "/intake/step/2");
        mentee.get("/intake/step/2").await;
        let r = mentee
            .post(
                "/intake/step/2",
                &[
                    ("children", "たくさん"),
                    ("phone", "090-1234-5678"),
                    ("action", "next"),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Ok, "a wrong field re-renders the step");
        assert!(r.body.contains("たくさん"));
        let r = mentee
            .post(
                "/intake/step/2",
                &[
                    ("children", "1"),
                    ("youngest_child_age", "2"),
                    ("leave_status", "returned_within_1y"),
                    ("availability", "weekday_evening"),
                    ("phone", "090-1234-5678"),
                    ("call_ok", "true"),
                    ("action", "save"),
                ],
            )
            .await;
        assert_redirect(&r, "/intake/step/2");
        // ... and comes back later: what she saved is there.
        let mut again = Browser::new(&app);
        again.get("/login").await;
        let r = again
            .post(
                "/login",
                &[
                    ("email", "hanako@example.jp"),
                    ("password", "とても長い合言葉です123"),
                ],
            )
            .await;
        assert_redirect(&r, "/home");
        let page = again.get("/intake/step/2").await;
        assert!(page.body.contains("090-1234-5678"));
        let detail = "育休から復帰して半年、時短勤務で責任のある仕事から外されたように感じています。管理職の打診もありましたが両立できるか不安です。社外の先輩の話を聞きたいです。";
        again.get("/intake/step/3").await;
        let r = again
            .post(
                "/intake/step/3",
                &[
                    ("concerns", "return_from_leave"),
                    ("concerns", "management_offer"),
                    ("concerns", "step_up_without_management"),
                    ("concern_detail", detail),
                    ("goals", "1年後の働き方を決めたい"),
                    ("action", "next"),
                ],
            )
            .await;
        assert_redirect(&r, "/intake/step/4");
        again.get("/intake/step/4").await;
        let r = again
            .post(
                "/intake/step/4",
                &[
                    ("pref_parenting", "must"),
                    ("pref_same_industry", "nice"),
                    ("plan", "three"),
                    ("action", "next"),
                ],
            )
            .await;
        assert_redirect(&r, "/intake/review");
        let review = again.get("/intake/review").await;
        assert!(
            review.body.contains("2026-11-01"),
            "the consent version is shown"
        );
        let r = again.post("/intake/submit", &[]).await;
        assert_eq!(r.status, Status::Ok, "no consent, no submission");
        let r = again.post("/intake/submit", &[("consent", "true")]).await;
        assert_redirect(&r, "/home");

        // The coordinator reviews, notes a call, sees explained candidates and assigns.
        let queue = coord.get("/coordinator/intakes").await;
        assert!(queue.body.contains("山田 花子"));
        let intake_id = app
            .get(
                "/api/v1/intake",
                &app.token("hanako@example.jp", "とても長い合言葉です123")
                    .await,
            )
            .await
            .body["intake"]["id"]
            .as_i64()
            .unwrap();
        let page = coord
            .get(&format!("/coordinator/intakes/{intake_id}"))
            .await;
        assert_eq!(page.status, Status::Ok);
        assert!(
            page.body.contains("090-1234-5678"),
            "the coordinator sees the phone number"
        );
        assert!(
            page.body.contains("鈴木 恵子"),
            "the best candidate is named"
        );
        let candidates_path = format!("/coordinator/intakes/{intake_id}/candidates");
        assert!(
            page.body.contains(&format!(r#"href="{candidates_path}""#)),
            "the intake page leads to her candidates"
        );
        assert!(page.body.contains("候補と理由を見て打診する"));
        for odd in ["?more=true", "?more=abc"] {
            let r = coord.get(&format!("{candidates_path}{odd}")).await;
            assert_eq!(r.status, Status::Ok, "{odd}");
            assert!(r.body.contains("鈴木 恵子"), "{odd}");
        }
        let page = coord.get(&candidates_path).await;
        assert_eq!(page.status, Status::Ok);
        assert!(
            !page.body.contains("090-1234-5678"),
            "the candidates page is about the mentors, not her contact"
        );
        // Each reason is explained in words: the position hint of her third
        // concern too, whose label is a position's, not an experience's.
        let candidates = &page.body[page.body.find(r#"<ol class="candidates">"#).unwrap()..];
        assert!(candidates.contains("専門職"), "the hint reads 専門職");
        assert!(candidates.contains("育児経験") && candidates.contains("必須"));
        assert!(
            !candidates.contains("experience-") && !candidates.contains("importance-"),
            "no reason shows a message key"
        );
        let r = coord
            .post(
                &format!("/coordinator/intakes/{intake_id}/call-notes"),
                &[("note", "平日夜が希望とのこと")],
            )
            .await;
        assert_redirect(&r, &format!("/coordinator/intakes/{intake_id}"));
        coord
            .get(&format!("/coordinator/intakes/{intake_id}"))
            .await;
        let roster = kakehashi::db::mentors::all(&app.app.db.conn).await.unwrap();
        let id = roster[0].row.id.to_string();
        // One form: the message once, and each candidate's button sends her id.
        let page = coord.get(&candidates_path).await;
        assert_eq!(page.body.matches(r#"name="message""#).count(), 1);
        assert!(page.body.contains(&format!(
            r#"<button type="submit" name="mentor_id" value="{id}" class="button">"#
        )));
        // Too long a message: the problem next to the field, the text kept.
        let long = "あ".repeat(2001);
        let r = coord
            .post(
                &format!("/coordinator/intakes/{intake_id}/assignments"),
                &[("mentor_id", id.as_str()), ("message", long.as_str())],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains(r##"href="#f-message""##));
        assert!(r.body.contains(r#"id="f-message-error""#));
        assert!(r.body.contains(
            r#"<textarea id="f-message" name="message" rows="3" maxlength="2000" aria-invalid="true""#
        ));
        assert!(r.body.contains(&long), "the message is kept");
        // No mentor chosen: the candidates page again, the message kept and
        // the problem beside the list; nothing proposed.
        let r = coord
            .post(
                &format!("/coordinator/intakes/{intake_id}/assignments"),
                &[("message", "選び忘れ<b>")],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains("error-summary") && r.body.contains(r##"href="#f-mentor_id""##));
        assert!(
            r.body.contains(r#"id="f-mentor_id""#),
            "the link leads to the problem"
        );
        assert!(
            r.body.contains("選び忘れ&lt;b&gt;"),
            "the message is kept, escaped"
        );
        assert!(r.body.contains(r#"<ol class="candidates">"#));
        assert!(
            app.emails_to("suzuki@example.jp")
                .await
                .iter()
                .all(|m| m.kind != "assignment_proposed"),
            "nothing proposed"
        );
        let r = coord
            .post(
                &format!("/coordinator/intakes/{intake_id}/assignments"),
                &[("mentor_id", &id), ("message", "ご検討ください")],
            )
            .await;
        assert_redirect(&r, &format!("/coordinator/intakes/{intake_id}"));
        // Proposed: her candidates are still there to read, not to propose.
        let page = coord
            .get(&format!("/coordinator/intakes/{intake_id}"))
            .await;
        assert!(
            page.body.contains("候補と理由を見る")
                && !page.body.contains("候補と理由を見て打診する")
        );
        let page = coord.get(&candidates_path).await;
        assert!(
            page.body.contains("いまはメンターに打診できません")
                && !page.body.contains(r#"name="mentor_id""#)
        );
        // A message refused once no one can be asked: still shown, with its problem.
        let r = coord
            .post(
                &format!("/coordinator/intakes/{intake_id}/assignments"),
                &[("mentor_id", id.as_str()), ("message", long.as_str())],
            )
            .await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body.contains(r#"id="f-message-error""#) && r.body.contains(&long));
        assert!(!r.body.contains(r#"name="mentor_id""#));

        // The mentor sees the proposal without the phone number, and accepts.
        let home = mentor.get("/mentor").await;
        assert!(home.body.contains("山田 花子"));
        let assignment_id = app
            .emails_to("suzuki@example.jp")
            .await
            .iter()
            .find(|m| m.kind == "assignment_proposed")
            .map(|m| {
                let i = m.text_body.find("/mentor/assignments/").unwrap()
                    + "/mentor/assignments/".len();
                m.text_body[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect::<String>()
            })
            .unwrap();
        let page = mentor
            .get(&format!("/mentor/assignments/{assignment_id}"))
            .await;
        assert_eq!(page.status, Status::Ok);
        assert!(
            !page.body.contains("090-1234-5678"),
            "never the phone number"
        );
        let r = mentor
            .post(&format!("/mentor/assignments/{assignment_id}/accept"), &[])
            .await;
        assert_eq!(r.status, Status::SeeOther);
        let plan_path = r.location.unwrap();
        let plan = mentor.get(&plan_path).await;
        assert!(plan.body.contains("現状と悩みの整理"));
        assert_eq!(again.get(&plan_path).await.status, Status::Ok);
        assert_eq!(
            stranger.get(&plan_path).await.status,
            Status::SeeOther,
            "anonymous: to the login page"
        );
    }
);

on_both!(
    a_form_without_its_csrf_token_is_refused_and_changes_nothing,
    |app: TestApp| async move {
        let mut b = Browser::new(&app);
        b.get("/register").await;
        let r = b
            .post_raw(
                "/register",
                &[
                    ("csrf_token".into(), "forged".into()),
                    ("email".into(), "x@example.jp".into()),
                    ("display_name".into(), "x".into()),
                    ("password".into(), "long-enough-1".into()),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Forbidden);
        assert!(
            kakehashi::db::users::find_by_email(&app.app.db.conn, "x@example.jp")
                .await
                .unwrap()
                .is_none()
        );
    }
);

on_both!(logout_really_ends_the_session, |app: TestApp| async move {
    app.mentee("hanako@example.jp").await;
    let mut b = Browser::new(&app);
    b.get("/login").await;
    let r = b
        .post(
            "/login",
            &[
                ("email", "hanako@example.jp"),
                ("password", "とても長い合言葉です123"),
            ],
        )
        .await;
    assert_redirect(&r, "/home");
    let stolen = b.app.client.get("/home");
    let _ = stolen;
    assert_eq!(b.get("/home").await.status, Status::Ok);
    let r = b.post("/logout", &[]).await;
    assert_redirect(&r, "/");
    assert_redirect(&b.get("/home").await, "/login");
});

on_both!(
    a_wrong_login_shows_the_form_again_with_401,
    |app: TestApp| async move {
        let mut b = Browser::new(&app);
        b.get("/login").await;
        let r = b
            .post(
                "/login",
                &[
                    ("email", "nobody@example.jp"),
                    ("password", "whatever-password"),
                ],
            )
            .await;
        assert_eq!(r.status, Status::Unauthorized);
        assert!(r.body.contains("nobody@example.jp"));
    }
);

on_both!(
    error_pages_are_in_the_sites_design_and_language,
    |app: TestApp| async move {
        let mut b = Browser::new(&app);
        let r = b.get("/no/such/page").await;
        assert_eq!(r.status, Status::NotFound);
        assert!(r.body.contains("/static/app.css"));
        assert!(r.body.contains("lang=\"ja\""));
    }
);

/// Something breaks on our side (here: a table is gone): a 500 page in the
/// site's design and the visitor's language, never a raw message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_is_a_page_in_the_sites_design() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app(Backend::Sqlite).await;
    app.submitted_mentee("hanako@example.jp", serde_json::json!({}))
        .await;
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
    app.app
        .db
        .conn
        .execute_unprepared("DROP TABLE plans")
        .await
        .unwrap();
    let page = b.get("/home").await;
    assert_eq!(page.status, Status::InternalServerError);
    assert!(page.body.contains("エラーが発生しました"), "{}", page.body);
    assert!(page.body.contains("/static/app.css"), "the site's design");
    assert!(!page.body.contains("no such table"), "no internals shown");
}
