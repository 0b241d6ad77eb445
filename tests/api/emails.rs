//! Every email, in both languages, snapshot-tested — escaping included: a
//! user-supplied `<script>` must arrive as text in the HTML part.
use crate::helpers::*;
use kakehashi::i18n::Lang;
use kakehashi::mail::{render, Email};
use serde_json::{json, Value};

fn samples() -> Vec<(&'static str, Value)> {
    let link = "http://kakehashi.test/x/TOKEN";
    vec![
        (
            "mentor_invitation",
            json!({"link": link, "expires_at": "2026年11月27日(金) 12:00"}),
        ),
        ("intake_submitted", json!({"link": link})),
        (
            "assignment_proposed",
            json!({"message": "<script>alert(1)</script> よろしくお願いします", "link": link}),
        ),
        (
            "assignment_declined",
            json!({"mentor_name": "鈴木 <b>", "mentee_name": "山田 & 花子", "reason": "今月は多忙です", "link": link}),
        ),
        (
            "match_introduction",
            json!({"role": "mentee", "other_name": "鈴木 恵子", "other_headline": "IT企業の部長", "plan_kind": "three", "link": link}),
        ),
        (
            "match_introduction",
            json!({"role": "mentor", "other_name": "山田 花子", "other_headline": "", "plan_kind": "single", "link": link}),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_email_renders_as_snapshotted_in_both_languages() {
    let app = spawn_app(Backend::Sqlite).await;
    for (i, (kind, ctx)) in samples().into_iter().enumerate() {
        for lang in Lang::ALL {
            let email = Email {
                kind,
                to_address: "to@example.jp",
                to_name: "宛先 <さん>",
                lang,
                ctx: ctx.clone(),
            };
            let r = render(&app.app, &email).unwrap();
            assert!(!r.subject.contains('\n'));
            assert!(!r.html.contains("<script>"), "{kind}: unescaped HTML");
            let name = format!("{i}_{kind}_{}", lang.as_str());
            insta::assert_snapshot!(format!("{name}_subject"), r.subject);
            insta::assert_snapshot!(format!("{name}_text"), r.text);
            insta::assert_snapshot!(format!("{name}_html"), r.html);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_transport_writes_an_eml_for_each_queued_message() {
    let app = spawn_app(Backend::Sqlite).await;
    let token = app.mentee("hanako@example.jp").await;
    let _ = token;
    let coord = app.coordinator("office@kakehashi.jp").await;
    app.post(
        "/api/v1/mentors",
        &coord,
        json!({"email": "m@example.jp", "display_name": "メンター"}),
    )
    .await;
    let transport = kakehashi::mail::transport::Transport::from_config(&app.app.cfg.mail).unwrap();
    let sent = kakehashi::mail::worker::deliver_due(&app.app, &transport)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let kakehashi::config::MailConfig::File { dir, .. } = &app.app.cfg.mail else {
        panic!()
    };
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(eml.contains("Message-ID:") || eml.contains("Message-Id:"));
    assert!(eml.contains("multipart/alternative"));
    assert_eq!(
        kakehashi::mail::worker::deliver_due(&app.app, &transport)
            .await
            .unwrap(),
        0,
        "sent once"
    );
}
