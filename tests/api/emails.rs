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
        (
            "session_proposed",
            json!({"role": "mentee", "number": 1, "theme": "現状と悩みの整理", "proposer_name": "鈴木 <b>恵子</b>",
                   "slots": ["2026年12月3日(木) 20:00〜21:00", "2026年12月4日(金) 20:30〜22:00"],
                   "message": "<script>alert(1)</script> 平日の夜でいかがでしょう", "meeting_url": "https://meet.example.com/abc",
                   "is_reschedule": false, "current_when": "", "link": link}),
        ),
        (
            "session_proposed",
            json!({"role": "mentor", "number": 2, "theme": "強み・価値観", "proposer_name": "山田 花子",
                   "slots": ["2026年12月5日(土) 10:00〜11:00"], "message": "", "meeting_url": "",
                   "is_reschedule": true, "current_when": "2026年12月3日(木) 20:00〜21:00", "link": link}),
        ),
        (
            "session_confirmed",
            json!({"role": "mentee", "number": 1, "theme": "現状と悩みの整理", "other_name": "鈴木 恵子",
                   "when": "2026年12月3日(木) 20:00〜21:00", "time_zone": "Asia/Tokyo",
                   "meeting_url": "https://meet.example.com/abc", "moved": false, "previous_when": "", "link": link}),
        ),
        (
            "session_confirmed",
            json!({"role": "mentor", "number": 1, "theme": "現状と悩みの整理", "other_name": "山田 花子",
                   "when": "2026年12月5日(土) 10:00〜11:00", "time_zone": "Asia/Tokyo", "meeting_url": "javascript:alert(1)",
                   "moved": true, "previous_when": "2026年12月3日(木) 20:00〜21:00", "link": link}),
        ),
        (
            "session_cancelled",
            json!({"role": "mentee", "number": 1, "theme": "現状と悩みの整理", "canceller_name": "鈴木 恵子",
                   "when": "2026年12月3日(木) 20:00〜21:00", "was_scheduled": true, "reason": "体調を崩してしまいました <i>", "link": link}),
        ),
        (
            "session_cancelled",
            json!({"role": "mentor", "number": 1, "theme": "", "canceller_name": "山田 花子",
                   "when": "", "was_scheduled": false, "reason": "", "link": link}),
        ),
        (
            "session_held",
            json!({"role": "mentee", "number": 1, "theme": "現状と悩みの整理", "marker_name": "鈴木 恵子", "link": link}),
        ),
        (
            "session_held",
            json!({"role": "mentor", "number": 3, "theme": "具体的な行動計画", "marker_name": "山田 花子", "link": link}),
        ),
        (
            "session_reminder",
            json!({"role": "mentee", "number": 2, "theme": "強み・価値観", "other_name": "鈴木 恵子",
                   "when": "2026年12月3日(木) 20:00〜21:00", "meeting_url": "https://meet.example.com/abc", "link": link}),
        ),
        (
            "extension_requested",
            json!({"mentee_name": "山田 花子", "mentor_name": "鈴木 恵子", "message": "もう一度お話ししたいです <script>", "link": link}),
        ),
        (
            "extension_decided",
            json!({"approved": true, "role": "mentee", "mentee_name": "山田 花子", "mentor_name": "鈴木 恵子", "reason": "", "link": link}),
        ),
        (
            "extension_decided",
            json!({"approved": false, "role": "mentor", "mentee_name": "山田 花子", "mentor_name": "鈴木 恵子", "reason": "今期の枠が埋まっています", "link": link}),
        ),
        (
            "sheet_submitted",
            json!({"mentee_name": "山田 花子 <b>&", "number": 1, "theme": "現状と悩みの整理", "link": link}),
        ),
        (
            "sheet_replied",
            json!({"mentor_name": "鈴木 恵子", "number": 2, "theme": "", "link": link}),
        ),
        (
            "sheet_nudge",
            json!({"mentor_name": "鈴木 恵子", "number": 1, "theme": "現状と悩みの整理", "link": link}),
        ),
        (
            "reply_nudge",
            json!({"mentee_name": "山田 花子", "number": 3, "theme": "具体的な行動計画", "link": link}),
        ),
        ("feedback_request", json!({"link": link})),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_email_carries_a_calendar_part_and_an_invite_ics() {
    use chrono::TimeZone;
    use kakehashi::domain::invite::{self, Event, Method, Person};
    let app = spawn_app(Backend::Sqlite).await;
    let start = chrono::Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap();
    let event = Event {
        uid: "u-1@kakehashi".into(),
        sequence: 0,
        dtstamp: start,
        starts_at: start,
        ends_at: start + chrono::Duration::hours(1),
        summary: "架け橋 メンタリング 第1回「現状と悩みの整理」".into(),
        description: "テーマ：現状と悩みの整理".into(),
        meeting_url: None,
        organizer: Person {
            name: "架け橋 事務局".into(),
            email: "office@kakehashi.jp".into(),
        },
        attendees: vec![Person {
            name: "山田 花子".into(),
            email: "hanako@example.jp".into(),
        }],
        cancelled: false,
    };
    for (method, word) in [(Method::Request, "REQUEST"), (Method::Cancel, "CANCEL")] {
        let ics = invite::invitation(method, &event);
        let conn = &app.app.db.conn;
        let tx = sea_orm::TransactionTrait::begin(conn).await.unwrap();
        kakehashi::mail::enqueue_with_calendar(
            &tx,
            &app.app,
            Email {
                kind: "intake_submitted",
                to_address: "hanako@example.jp",
                to_name: "山田 花子",
                lang: Lang::Ja,
                ctx: json!({"link": "x"}),
            },
            Some(kakehashi::mail::Calendar {
                method: method.as_str(),
                ics: ics.clone(),
            }),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let row = app.emails_to("hanako@example.jp").await.pop().unwrap();
        let msg =
            kakehashi::mail::transport::build_message("Kakehashi <no-reply@kakehashi.jp>", &row)
                .unwrap();
        let raw = String::from_utf8(msg.formatted()).unwrap();
        assert!(raw.contains("multipart/mixed"), "{raw}");
        assert!(raw.contains("multipart/alternative"));
        let lower = raw.to_lowercase();
        assert_eq!(
            lower
                .matches(&format!(
                    "content-type: text/calendar; method={}; charset=utf-8",
                    word.to_lowercase()
                ))
                .count(),
            2,
            "the calendar part and the attachment: {raw}"
        );
        assert!(raw.contains("filename=\"invite.ics\""), "{raw}");
    }
}
