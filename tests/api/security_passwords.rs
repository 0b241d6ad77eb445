//! Passwords (ASVS V2): changing the email or the password needs the current
//! password; long passwords (64 characters and more) are kept whole, never
//! trimmed; the most common passwords are refused everywhere one is chosen.
use crate::helpers::*;
use crate::on_both;
use rocket::http::Status;
use serde_json::json;

const PASSWORD: &str = "とても長い合言葉です123";

on_both!(
    changing_email_or_password_needs_the_current_password,
    |app: TestApp| async move {
        let token = app.mentee("hanako@example.jp").await;
        // Wrong current password: 422 beside the field, nothing changes.
        let r = app
            .put(
                "/api/v1/me/password",
                &token,
                json!({"current_password": "not-my-password-at-all", "new_password": "新しい長い合言葉です456"}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(
            r.body["error"]["fields"]["current_password"][0],
            "wrong_password"
        );
        let r = app
            .put(
                "/api/v1/me/email",
                &token,
                json!({"current_password": "not-my-password-at-all", "email": "new@example.jp"}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(
            r.body["error"]["fields"]["current_password"][0],
            "wrong_password"
        );
        // Without the field at all: 422 too.
        let r = app
            .put(
                "/api/v1/me/email",
                &token,
                json!({"email": "new@example.jp"}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(
            app.get("/api/v1/me", &token).await.body["user"]["email"],
            "hanako@example.jp"
        );
        app.token("hanako@example.jp", PASSWORD).await;

        // With it: the email changes; a taken one is 409.
        app.mentee("taken@example.jp").await;
        let r = app
            .put(
                "/api/v1/me/email",
                &token,
                json!({"current_password": PASSWORD, "email": "taken@example.jp"}),
            )
            .await;
        assert_eq!(r.status, Status::Conflict);
        assert_eq!(r.code(), "email_taken");
        let r = app
            .put(
                "/api/v1/me/email",
                &token,
                json!({"current_password": PASSWORD, "email": "Hanako.New@Example.jp"}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["user"]["email"], "hanako.new@example.jp");
        app.token("hanako.new@example.jp", PASSWORD).await;

        // Guessing the current password is throttled like a login.
        for _ in 0..5 {
            app.put(
                "/api/v1/me/password",
                &token,
                json!({"current_password": "guess-guess-guess", "new_password": "新しい長い合言葉です456"}),
            )
            .await;
        }
        let r = app
            .put(
                "/api/v1/me/password",
                &token,
                json!({"current_password": PASSWORD, "new_password": "新しい長い合言葉です456"}),
            )
            .await;
        assert_eq!(r.status, Status::TooManyRequests);
        assert!(r.header("Retry-After").is_some());
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_changes_email_and_password_with_errors_beside_the_fields() {
    let app = spawn_app(Backend::Sqlite).await;
    app.mentee("hanako@example.jp").await;
    let mut b = Browser::new(&app);
    b.login("hanako@example.jp", PASSWORD).await;
    b.get("/settings/account").await;
    let r = b
        .post(
            "/settings/password",
            &[
                ("current_password", "wrong-wrong-wrong"),
                ("new_password", "password123"),
            ],
        )
        .await;
    assert_eq!(r.status, Status::Ok);
    assert!(
        r.body
            .contains("よく使われていて推測されやすいパスワードです"),
        "{}",
        r.body
    );
    let r = b
        .post(
            "/settings/password",
            &[
                ("current_password", "wrong-wrong-wrong"),
                ("new_password", "新しい長い合言葉です456"),
            ],
        )
        .await;
    assert!(r.body.contains("パスワードが正しくありません"));
    // A wrong password in the email form is shown beside that form's field only.
    let r = b
        .post(
            "/settings/email",
            &[
                ("current_password", "wrong-wrong-wrong"),
                ("email", "hanako2@example.jp"),
            ],
        )
        .await;
    assert_eq!(r.status, Status::Ok);
    assert!(r.body.contains("id=\"f-email_current_password-error\""));
    assert!(!r.body.contains("id=\"f-current_password-error\""));
    let r = b
        .post(
            "/settings/email",
            &[
                ("current_password", PASSWORD),
                ("email", "hanako2@example.jp"),
            ],
        )
        .await;
    assert_eq!(r.status, Status::SeeOther);
    assert!(b
        .get("/settings/account")
        .await
        .body
        .contains("hanako2@example.jp"));
}

on_both!(
    long_passwords_are_kept_whole_and_never_trimmed,
    |app: TestApp| async move {
        // 64 characters with spaces at both ends, and a 256-character one.
        let long = format!(" {} ", "長い合言葉".repeat(12) + "ab");
        assert_eq!(long.chars().count(), 64);
        let longest = "あ".repeat(255) + "x";
        for (email, password) in [
            ("a@example.jp", long.as_str()),
            ("b@example.jp", longest.as_str()),
        ] {
            let r = app
                .api(
                    "POST",
                    "/api/v1/auth/register",
                    None,
                    Some(json!({"email": email, "password": password, "display_name": "花子"})),
                )
                .await;
            assert_eq!(r.status, Status::Created, "{:?}", r.body);
            app.token(email, password).await;
            let r = app
                .api(
                    "POST",
                    "/api/v1/auth/token",
                    None,
                    Some(json!({"email": email, "password": password.trim()})),
                )
                .await;
            if password != password.trim() {
                assert_eq!(r.status, Status::Unauthorized, "the spaces are part of it");
            }
        }
        // And through the page.
        let mut b = Browser::new(&app);
        b.login("a@example.jp", &long).await;
    }
);

on_both!(
    the_most_common_passwords_are_refused_wherever_one_is_chosen,
    |app: TestApp| async move {
        for common in ["password123", "qwertyuiop", "1234567890", "Iloveyou123"] {
            let r = app
                .api(
                    "POST",
                    "/api/v1/auth/register",
                    None,
                    Some(json!({"email": "c@example.jp", "password": common, "display_name": "花子"})),
                )
                .await;
            assert_eq!(r.status, Status::UnprocessableEntity, "{common}");
            assert_eq!(r.body["error"]["fields"]["password"][0], "too_common");
        }
        let token = app.mentee("hanako@example.jp").await;
        let r = app
            .put(
                "/api/v1/me/password",
                &token,
                json!({"current_password": PASSWORD, "new_password": "1q2w3e4r5t"}),
            )
            .await;
        assert_eq!(r.body["error"]["fields"]["new_password"][0], "too_common");
        // A mentor choosing her password from the invitation.
        let coord = app.coordinator("coord@example.jp").await;
        app.post(
            "/api/v1/mentors",
            &coord,
            json!({"email": "m@example.jp", "display_name": "メンター", "profile": {"headline": "部長"}}),
        )
        .await;
        let invitation = app.invitation_token("m@example.jp").await;
        let r = app
            .api(
                "POST",
                &format!("/api/v1/invitations/{invitation}/accept"),
                None,
                Some(json!({"password": "qwertyuiop123"})),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity, "{:?}", r.body);
        // The registration page shows it beside the field.
        let mut b = Browser::new(&app);
        b.get("/register").await;
        let r = b
            .post(
                "/register",
                &[
                    ("email", "d@example.jp"),
                    ("display_name", "花子"),
                    ("password", "password1234"),
                ],
            )
            .await;
        assert!(r
            .body
            .contains("よく使われていて推測されやすいパスワードです"));
    }
);
