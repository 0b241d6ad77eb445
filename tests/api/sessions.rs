//! Scheduling between the pair: a whole plan through the API (propose,
//! confirm, move, cancel, re-propose, hold), the invitations that reach both
//! calendars (read back with the `ical` parser), times across zones,
//! reminders once across a restart, the personal feed, busy times, and
//! extensions.
use crate::helpers::*;
use crate::on_both;
use chrono::{Duration, TimeZone, Utc};
use kakehashi::db::entities::{outbox, plan_sessions};
use rocket::http::{ContentType, Header, Status};
use sea_orm::EntityTrait;
use serde_json::{json, Value};

/// A matched pair: (coordinator, mentee, mentor, plan).
pub struct Pair {
    pub coord: String,
    pub mentee: String,
    pub mentor: String,
    pub plan: Value,
}

pub async fn matched_pair(app: &TestApp, plan: &str) -> Pair {
    let coord = app.coordinator("office@kakehashi.jp").await;
    let (mentor_id, mentor) = app
        .mentor(
            &coord,
            "suzuki@example.jp",
            json!({"headline": "IT企業の部長", "capacity": 3}),
        )
        .await;
    let (mentee, intake) = app
        .submitted_mentee("hanako@example.jp", json!({"plan": plan}))
        .await;
    let r = app
        .post(
            &format!("/api/v1/intakes/{intake}/assignments"),
            &coord,
            json!({"mentor_id": mentor_id}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let a = r.body["assignment"]["id"].as_i64().unwrap();
    let r = app
        .post(
            &format!("/api/v1/assignments/{a}/accept"),
            &mentor,
            json!({}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    Pair {
        coord,
        mentee,
        mentor,
        plan: r.body["plan"].clone(),
    }
}

/// The mentee writes and submits her sheet for a held session and the
/// mentor replies.
pub async fn exchange_sheet(app: &TestApp, p: &Pair, session: i64) {
    let r = app
        .put(
            &format!("/api/v1/sessions/{session}/sheet"),
            &p.mentee,
            json!({"realizations": "上司に相談してみようと思えた", "next_actions": "来週面談を申し込む"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/sessions/{session}/sheet/submit"),
            &p.mentee,
            json!({}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/sessions/{session}/sheet/reply"),
            &p.mentor,
            json!({"message": "よく考えましたね", "strengths": "周りを巻き込む力"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
}

pub fn session_id(plan: &Value, n: usize) -> i64 {
    plan["sessions"][n - 1]["id"].as_i64().unwrap()
}

/// One parsed property: (name, params, value).
pub type Prop = (String, Vec<(String, Vec<String>)>, String);

/// The properties of the one VEVENT of a calendar, after the `ical` parser
/// unfolded them: (name, params, value).
pub fn vevent(ics: &str) -> (String, Vec<Prop>) {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let cal = parser.next().expect("a calendar").expect("parses");
    let method = cal
        .properties
        .iter()
        .find(|p| p.name == "METHOD")
        .and_then(|p| p.value.clone())
        .unwrap_or_default();
    assert_eq!(cal.events.len(), 1, "{ics}");
    let props = cal.events[0]
        .properties
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.params.clone().unwrap_or_default(),
                p.value.clone().unwrap_or_default(),
            )
        })
        .collect();
    (method, props)
}

fn prop<'a>(props: &'a [Prop], name: &str) -> &'a str {
    props
        .iter()
        .find(|p| p.0 == name)
        .map(|p| p.2.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn attendees(props: &[Prop]) -> Vec<String> {
    let mut a: Vec<String> = props
        .iter()
        .filter(|p| p.0 == "ATTENDEE")
        .map(|p| p.2.to_lowercase())
        .collect();
    a.sort();
    a
}

fn assert_wire_format(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line}");
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
}

/// The latest outbox message of a kind to an address.
async fn last_mail(app: &TestApp, to: &str, kind: &str) -> outbox::Model {
    app.emails_to(to)
        .await
        .into_iter()
        .rev()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} email to {to}"))
}

async fn count_kind(app: &TestApp, to: &str, kind: &str) -> usize {
    app.emails_to(to)
        .await
        .iter()
        .filter(|m| m.kind == kind)
        .count()
}

on_both!(a_whole_plan_through_the_api, |app: TestApp| async move {
    let p = matched_pair(&app, "three").await;
    assert_eq!(p.plan["sessions"].as_array().unwrap().len(), 3);
    let s1 = session_id(&p.plan, 1);
    assert_eq!(p.plan["sessions"][0]["next_step"], "propose_times");

    // The mentor proposes two evenings, entered in Tokyo time.
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/proposals"),
            &p.mentor,
            json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60},
                              {"starts_at": "2026-12-04T20:30:00+09:00", "duration_minutes": 90}],
                   "meeting_url": "https://meet.example.com/abc-defg", "message": "平日の夜でいかがでしょう"}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let s = &r.body["session"];
    assert_eq!(s["status"], "proposed");
    assert_eq!(s["proposed_by"], "mentor");
    assert_eq!(s["next_step"], "await_choice");
    assert_eq!(s["proposals"][0]["starts_at"], "2026-12-03T20:00:00+09:00");
    assert_eq!(s["proposals"][1]["duration_minutes"], 90);
    assert_eq!(s["starts_at"], Value::Null);
    // The mentee is emailed a link straight to the choice, with Tokyo times.
    let mail = last_mail(&app, "hanako@example.jp", "session_proposed").await;
    assert!(mail
        .text_body
        .contains(&format!("http://kakehashi.test/sessions/{s1}")));
    assert!(
        mail.text_body.contains("2026年12月3日(木) 20:00〜21:00"),
        "{}",
        mail.text_body
    );
    assert!(mail.ics.is_none());
    let r = app.get(&format!("/api/v1/sessions/{s1}"), &p.mentee).await;
    assert_eq!(r.body["session"]["next_step"], "choose_time");

    // Only the other side chooses, and only a proposed time.
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/confirm"),
            &p.mentor,
            json!({"starts_at": "2026-12-03T11:00:00Z"}),
        )
        .await;
    assert_eq!((r.status, r.code()), (Status::Conflict, "own_proposal"));
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/confirm"),
            &p.mentee,
            json!({"starts_at": "2026-12-03T12:00:00Z"}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (Status::Conflict, "slot_not_proposed")
    );

    // 20:00 in Tokyo is 11:00Z: in the database, the API, the email and the invitation.
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/confirm"),
            &p.mentee,
            json!({"starts_at": "2026-12-03T11:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let s = &r.body["session"];
    assert_eq!(s["status"], "scheduled");
    assert_eq!(s["starts_at"], "2026-12-03T20:00:00+09:00");
    assert_eq!(s["ends_at"], "2026-12-03T21:00:00+09:00");
    assert_eq!(s["meeting_url"], "https://meet.example.com/abc-defg");
    assert_eq!(s["proposals"], json!([]));
    let row = plan_sessions::Entity::find_by_id(s1 as i32)
        .one(&app.app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.starts_at,
        Some(Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap())
    );
    let uid = row.uid.clone();
    for to in ["hanako@example.jp", "suzuki@example.jp"] {
        let mail = last_mail(&app, to, "session_confirmed").await;
        assert!(
            mail.text_body.contains("2026年12月3日(木) 20:00〜21:00"),
            "{}",
            mail.text_body
        );
        assert_eq!(mail.ics_method.as_deref(), Some("REQUEST"));
        let ics = mail.ics.unwrap();
        assert_wire_format(&ics);
        let (method, props) = vevent(&ics);
        assert_eq!(method, "REQUEST");
        assert_eq!(prop(&props, "UID"), uid);
        assert_eq!(prop(&props, "SEQUENCE"), "0");
        assert_eq!(prop(&props, "DTSTART"), "20261203T200000");
        assert_eq!(prop(&props, "DTEND"), "20261203T210000");
        assert!(ics.contains("DTSTART;TZID=Asia/Tokyo:20261203T200000"));
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo"));
        assert!(prop(&props, "DTSTAMP").ends_with('Z'));
        assert_eq!(prop(&props, "URL"), "https://meet.example.com/abc-defg");
        assert_eq!(prop(&props, "STATUS"), "CONFIRMED");
        assert_eq!(
            attendees(&props),
            vec!["mailto:hanako@example.jp", "mailto:suzuki@example.jp"]
        );
        assert!(prop(&props, "ORGANIZER").starts_with("mailto:"));
    }

    // The current invitation can be downloaded by either of the pair.
    let r = app
        .client
        .get(format!("/api/v1/sessions/{s1}/invite.ics"))
        .header(Header::new("Authorization", format!("Bearer {}", p.mentee)))
        .dispatch()
        .await;
    assert_eq!(r.status(), Status::Ok);
    assert_eq!(
        r.content_type().unwrap().to_string(),
        "text/calendar; method=REQUEST; charset=UTF-8"
    );
    let body = r.into_string().await.unwrap();
    assert_eq!(prop(&vevent(&body).1, "UID"), uid);

    // A move: the mentee proposes again on the scheduled session; the time
    // stands until the mentor chooses; then the same UID, SEQUENCE 1.
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/proposals"),
            &p.mentee,
            json!({"slots": [{"starts_at": "2026-12-05T10:00", "duration_minutes": 60}], "message": "急な出張が入りました"}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    assert_eq!(r.body["session"]["status"], "scheduled");
    assert_eq!(r.body["session"]["starts_at"], "2026-12-03T20:00:00+09:00");
    let mail = last_mail(&app, "suzuki@example.jp", "session_proposed").await;
    assert!(mail.text_body.contains("2026年12月5日(土) 10:00〜11:00"));
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/confirm"),
            &p.mentor,
            json!({"starts_at": "2026-12-05T10:00:00+09:00"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    assert_eq!(r.body["session"]["starts_at"], "2026-12-05T10:00:00+09:00");
    let mail = last_mail(&app, "hanako@example.jp", "session_confirmed").await;
    let (method, props) = vevent(mail.ics.as_deref().unwrap());
    assert_eq!(method, "REQUEST");
    assert_eq!(prop(&props, "UID"), uid);
    assert_eq!(prop(&props, "SEQUENCE"), "1");
    assert_eq!(prop(&props, "DTSTART"), "20261205T100000");
    assert_eq!(
        count_kind(&app, "hanako@example.jp", "session_confirmed").await,
        2
    );

    // A cancellation: METHOD:CANCEL, STATUS:CANCELLED, same UID, SEQUENCE 2.
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/cancel"),
            &p.mentor,
            json!({"reason": "体調を崩してしまいました"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    assert_eq!(r.body["session"]["status"], "unscheduled");
    assert_eq!(r.body["session"]["starts_at"], Value::Null);
    assert_eq!(
        r.body["session"]["cancel_reason"],
        "体調を崩してしまいました"
    );
    for to in ["hanako@example.jp", "suzuki@example.jp"] {
        let mail = last_mail(&app, to, "session_cancelled").await;
        assert_eq!(mail.ics_method.as_deref(), Some("CANCEL"));
        let ics = mail.ics.unwrap();
        assert_wire_format(&ics);
        let (method, props) = vevent(&ics);
        assert_eq!(method, "CANCEL");
        assert_eq!(prop(&props, "UID"), uid);
        assert_eq!(prop(&props, "SEQUENCE"), "2");
        assert_eq!(prop(&props, "STATUS"), "CANCELLED");
        assert_eq!(attendees(&props).len(), 2);
    }
    let r = app
        .client
        .get(format!("/api/v1/sessions/{s1}/invite.ics"))
        .header(Header::new("Authorization", format!("Bearer {}", p.mentor)))
        .dispatch()
        .await;
    assert!(r.into_string().await.unwrap().contains("METHOD:CANCEL\r\n"));

    // Re-propose and confirm: the same entry comes back with SEQUENCE 3.
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/proposals"),
            &p.mentee,
            json!({"slots": [{"starts_at": "2026-12-10T19:00", "duration_minutes": 60}]}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    assert_eq!(r.body["session"]["status"], "proposed");
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/confirm"),
            &p.mentor,
            json!({"starts_at": "2026-12-10T10:00:00Z"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let mail = last_mail(&app, "suzuki@example.jp", "session_confirmed").await;
    let (_, props) = vevent(mail.ics.as_deref().unwrap());
    assert_eq!(prop(&props, "SEQUENCE"), "3");
    assert_eq!(prop(&props, "UID"), uid);
    assert_eq!(prop(&props, "STATUS"), "CONFIRMED");
    // The meeting link stays from the first choice when a new proposal has none.
    assert_eq!(prop(&props, "URL"), "https://meet.example.com/abc-defg");

    // Hold: either side marks it; the other side is told; twice is harmless.
    let r = app
        .post(&format!("/api/v1/sessions/{s1}/held"), &p.mentee, json!({}))
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    assert_eq!(r.body["session"]["status"], "held");
    assert_eq!(r.body["session"]["next_step"], "write_sheet");
    assert_eq!(
        count_kind(&app, "suzuki@example.jp", "session_held").await,
        1
    );
    let r = app
        .post(&format!("/api/v1/sessions/{s1}/held"), &p.mentor, json!({}))
        .await;
    assert_eq!(r.status, Status::Ok);
    assert_eq!(
        count_kind(&app, "hanako@example.jp", "session_held").await,
        0
    );
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/proposals"),
            &p.mentee,
            json!({"slots": [{"starts_at": "2026-12-20T19:00", "duration_minutes": 60}]}),
        )
        .await;
    assert_eq!((r.status, r.code()), (Status::Conflict, "session_held"));

    // Sessions 2 and 3: once their end has passed they count as held, and the
    // plan completes.
    for (n, day) in [(2, "2026-12-17"), (3, "2026-12-24")] {
        let s = session_id(&p.plan, n);
        let r = app
            .post(
                &format!("/api/v1/sessions/{s}/proposals"),
                &p.mentee,
                json!({"slots": [{"starts_at": format!("{day}T20:00"), "duration_minutes": 60}]}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        let r = app
            .post(
                &format!("/api/v1/sessions/{s}/confirm"),
                &p.mentor,
                json!({"starts_at": format!("{day}T20:00:00+09:00")}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    }
    let plan_id = p.plan["id"].as_i64().unwrap();
    let r = app
        .post(
            &format!("/api/v1/plans/{plan_id}/extension"),
            &p.mentee,
            json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (Status::Conflict, "plan_not_completed")
    );
    app.clock.advance(Duration::days(40));
    // (API tokens last 30 days: sign in again.)
    let p = Pair {
        coord: app
            .token("office@kakehashi.jp", "coordinator-password-1")
            .await,
        mentee: app
            .token("hanako@example.jp", "とても長い合言葉です123")
            .await,
        mentor: app.token("suzuki@example.jp", "mentor-password-1").await,
        plan: p.plan,
    };
    let r = app
        .get(&format!("/api/v1/plans/{plan_id}"), &p.mentor)
        .await;
    assert_eq!(
        r.body["plan"]["sessions"][2]["status"], "held",
        "held by time in the API at once"
    );
    kakehashi::db::sessions::tick(&app.app).await.unwrap();
    let r = app
        .get(&format!("/api/v1/plans/{plan_id}"), &p.mentee)
        .await;
    assert_eq!(
        r.body["plan"]["status"], "active",
        "held, but sheets are due"
    );
    for n in 1..=3 {
        exchange_sheet(&app, &p, session_id(&p.plan, n)).await;
    }
    let r = app
        .get(&format!("/api/v1/plans/{plan_id}"), &p.mentee)
        .await;
    assert_eq!(r.body["plan"]["status"], "completed", "{:?}", r.body);

    // Extension: the mentee asks, the coordinator is emailed and approves;
    // the plan gains a fourth session and is active again.
    let r = app
        .post(
            &format!("/api/v1/plans/{plan_id}/extension"),
            &p.mentee,
            json!({"message": "もう一度お話ししたいです"}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let ext = r.body["extension"]["id"].as_i64().unwrap();
    assert_eq!(r.body["extension"]["status"], "pending");
    assert_eq!(
        count_kind(&app, "office@kakehashi.jp", "extension_requested").await,
        1
    );
    let r = app
        .post(
            &format!("/api/v1/plans/{plan_id}/extension"),
            &p.mentee,
            json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (Status::Conflict, "extension_pending")
    );
    let r = app
        .post(
            &format!("/api/v1/extensions/{ext}/approve"),
            &p.mentee,
            json!({}),
        )
        .await;
    assert_eq!(r.status, Status::Forbidden);
    let r = app.get("/api/v1/extensions?status=pending", &p.coord).await;
    assert_eq!(r.body["total"], 1);
    assert_eq!(
        r.body["extensions"][0]["mentee"]["display_name"],
        "山田 花子"
    );
    let r = app
        .post(
            &format!("/api/v1/extensions/{ext}/approve"),
            &p.coord,
            json!({}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    assert_eq!(r.body["plan"]["status"], "active");
    assert_eq!(r.body["plan"]["sessions"].as_array().unwrap().len(), 4);
    assert_eq!(r.body["plan"]["sessions"][3]["number"], 4);
    assert_eq!(r.body["plan"]["sessions"][3]["status"], "unscheduled");
    // The feedback asked for at completion can still be given.
    let r = app
        .post(
            &format!("/api/v1/plans/{plan_id}/feedback"),
            &p.mentee,
            json!({"satisfaction": 5}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/extensions/{ext}/decline"),
            &p.coord,
            json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (Status::Conflict, "extension_decided")
    );
    assert_eq!(
        count_kind(&app, "hanako@example.jp", "extension_decided").await,
        1
    );
    assert_eq!(
        count_kind(&app, "suzuki@example.jp", "extension_decided").await,
        1
    );
});

on_both!(
    a_single_plan_has_one_session_and_its_invitation,
    |app: TestApp| async move {
        let p = matched_pair(&app, "single").await;
        assert_eq!(p.plan["kind"], "single");
        assert_eq!(p.plan["sessions"].as_array().unwrap().len(), 1);
        let s1 = session_id(&p.plan, 1);
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/proposals"),
                &p.mentee,
                json!({"slots": [{"starts_at": "2026-12-01T12:15", "duration_minutes": 45}]}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/confirm"),
                &p.mentor,
                json!({"starts_at": "2026-12-01T12:15"}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let mail = last_mail(&app, "suzuki@example.jp", "session_confirmed").await;
        let (_, props) = vevent(mail.ics.as_deref().unwrap());
        assert_eq!(prop(&props, "DTSTART"), "20261201T121500");
        assert_eq!(prop(&props, "DTEND"), "20261201T130000");
        assert!(props.iter().all(|p| p.0 != "URL"), "no meeting URL given");
        app.post(&format!("/api/v1/sessions/{s1}/held"), &p.mentor, json!({}))
            .await;
        exchange_sheet(&app, &p, s1).await;
        let r = app
            .get(&format!("/api/v1/plans/{}", p.plan["id"]), &p.mentee)
            .await;
        assert_eq!(r.body["plan"]["status"], "completed");
    }
);

on_both!(
    times_are_entered_and_shown_in_each_users_zone,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = session_id(&p.plan, 1);
        let r = app
            .api(
                "PATCH",
                "/api/v1/me",
                Some(&p.mentee),
                Some(json!({"time_zone": "Mars/Olympus"})),
            )
            .await;
        assert_eq!(
            (r.status, r.body["error"]["fields"]["time_zone"].clone()),
            (Status::UnprocessableEntity, json!(["unknown_code"]))
        );
        let r = app
            .api(
                "PATCH",
                "/api/v1/me",
                Some(&p.mentee),
                Some(json!({"time_zone": "America/New_York"})),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["user"]["time_zone"], "America/New_York");
        // 06:00 in New York on 3 December is 11:00Z, which is 20:00 in Tokyo.
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/proposals"),
                &p.mentee,
                json!({"slots": [{"starts_at": "2026-12-03T06:00", "duration_minutes": 60}]}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        assert_eq!(
            r.body["session"]["proposals"][0]["starts_at"],
            "2026-12-03T06:00:00-05:00"
        );
        let r = app.get(&format!("/api/v1/sessions/{s1}"), &p.mentor).await;
        assert_eq!(
            r.body["session"]["proposals"][0]["starts_at"],
            "2026-12-03T20:00:00+09:00"
        );
        let mail = last_mail(&app, "suzuki@example.jp", "session_proposed").await;
        assert!(mail.text_body.contains("2026年12月3日(木) 20:00〜21:00"));
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/confirm"),
                &p.mentor,
                json!({"starts_at": "2026-12-03T20:00"}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let mentee_mail = last_mail(&app, "hanako@example.jp", "session_confirmed").await;
        // Her email shows New York time; the invitation is written in Tokyo time.
        assert!(
            mentee_mail.text_body.contains("06:00"),
            "{}",
            mentee_mail.text_body
        );
        let (_, props) = vevent(mentee_mail.ics.as_deref().unwrap());
        assert_eq!(prop(&props, "DTSTART"), "20261203T200000");
        // A wall time that does not exist in her zone is refused.
        let r = app
            .post(
                &format!("/api/v1/sessions/{}/proposals", session_id(&p.plan, 2)),
                &p.mentee,
                json!({"slots": [{"starts_at": "2027-03-14T02:30", "duration_minutes": 60}]}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        assert_eq!(
            r.body["error"]["fields"]["slots.0.starts_at"],
            json!(["nonexistent_time"])
        );
    }
);

on_both!(
    bad_scheduling_input_is_refused_and_changes_nothing,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = session_id(&p.plan, 1);
        let before = app.emails_to("hanako@example.jp").await.len();
        let path = format!("/api/v1/sessions/{s1}/proposals");
        for (body, field, problem) in [
            (json!({"slots": []}), "slots", "required"),
            (
                json!({"slots": [{"starts_at": "2026-11-19T20:00", "duration_minutes": 60}]}),
                "slots.0.starts_at",
                "in_past",
            ),
            (
                json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 10}]}),
                "slots.0.duration_minutes",
                "too_short",
            ),
            (
                json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 181}]}),
                "slots.0.duration_minutes",
                "too_long",
            ),
            (
                json!({"slots": [{"starts_at": "soon", "duration_minutes": 60}]}),
                "slots.0.starts_at",
                "invalid_time",
            ),
            (
                json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}], "meeting_url": "javascript:alert(1)"}),
                "meeting_url",
                "invalid_url",
            ),
            (
                json!({"slots": (1..=6).map(|d| json!({"starts_at": format!("2026-12-0{d}T20:00"), "duration_minutes": 60})).collect::<Vec<_>>()}),
                "slots",
                "too_many",
            ),
        ] {
            let r = app.post(&path, &p.mentor, body.clone()).await;
            assert_eq!(r.status, Status::UnprocessableEntity, "{body}");
            assert_eq!(
                r.body["error"]["fields"][field],
                json!([problem]),
                "{body}: {:?}",
                r.body
            );
        }
        let r = app
            .post(
                &path,
                &p.mentor,
                json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": "sixty"}]}),
            )
            .await;
        assert!(r.status.code >= 400 && r.status.code < 500);
        let r = app
            .post(
                &path,
                &p.mentor,
                json!({"slots": [], "status": "scheduled"}),
            )
            .await;
        assert_eq!(
            r.status,
            Status::UnprocessableEntity,
            "unknown fields are refused"
        );
        let r = app
            .post(&format!("/api/v1/sessions/{s1}/held"), &p.mentor, json!({}))
            .await;
        assert_eq!(
            (r.status, r.code()),
            (Status::Conflict, "session_not_scheduled")
        );
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/cancel"),
                &p.mentor,
                json!({"reason": "x"}),
            )
            .await;
        assert_eq!(
            (r.status, r.code()),
            (Status::Conflict, "nothing_to_cancel")
        );
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/cancel"),
                &p.mentor,
                json!({"reason": "  "}),
            )
            .await;
        assert_eq!(r.status, Status::UnprocessableEntity);
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/confirm"),
                &p.mentee,
                json!({"starts_at": "2026-12-03T20:00"}),
            )
            .await;
        assert_eq!((r.status, r.code()), (Status::Conflict, "nothing_proposed"));
        let r = app
            .get(&format!("/api/v1/sessions/{s1}/invite.ics"), &p.mentee)
            .await;
        assert_eq!(
            r.status,
            Status::NotFound,
            "no calendar entry before a time is chosen"
        );
        let r = app.get(&format!("/api/v1/sessions/{s1}"), &p.mentee).await;
        assert_eq!(r.body["session"]["status"], "unscheduled");
        assert_eq!(app.emails_to("hanako@example.jp").await.len(), before);
        let r = app
            .post("/api/v1/sessions/999999/held", &p.mentor, json!({}))
            .await;
        assert_eq!(r.status, Status::NotFound);
    }
);

on_both!(
    strangers_get_404_and_the_coordinator_only_reads,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = session_id(&p.plan, 1);
        let stranger = app.mentee("other@example.jp").await;
        let (_, other_mentor) = app
            .mentor(&p.coord, "tanaka@example.jp", json!({"capacity": 1}))
            .await;
        let body = json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}]});
        for who in [&stranger, &other_mentor] {
            for (method, path) in [
                ("GET", format!("/api/v1/sessions/{s1}")),
                ("GET", format!("/api/v1/sessions/{s1}/invite.ics")),
                ("GET", format!("/api/v1/plans/{}", p.plan["id"])),
                ("POST", format!("/api/v1/sessions/{s1}/proposals")),
                ("POST", format!("/api/v1/sessions/{s1}/held")),
            ] {
                let r = app.api(method, &path, Some(who), Some(body.clone())).await;
                assert_eq!(r.status, Status::NotFound, "{method} {path}");
            }
        }
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/proposals"),
                &p.coord,
                body.clone(),
            )
            .await;
        assert_eq!(r.status, Status::Forbidden);
        let r = app.get(&format!("/api/v1/sessions/{s1}"), &p.coord).await;
        assert_eq!(r.status, Status::Ok);
        let r = app
            .api("GET", &format!("/api/v1/sessions/{s1}"), None, None)
            .await;
        assert_eq!(r.status, Status::Unauthorized);
        let r = app
            .post(
                &format!("/api/v1/plans/{}/extension", p.plan["id"]),
                &stranger,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::NotFound);
    }
);

/// Schedule session 1 for 2026-12-03 20:00 Tokyo (11:00Z).
async fn schedule_first(app: &TestApp, p: &Pair) -> i64 {
    let s1 = session_id(&p.plan, 1);
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/proposals"),
            &p.mentor,
            json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}]}),
        )
        .await;
    assert_eq!(r.status, Status::Created, "{:?}", r.body);
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/confirm"),
            &p.mentee,
            json!({"starts_at": "2026-12-03T20:00"}),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    s1
}

on_both!(
    the_reminder_is_sent_once_even_across_a_restart,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = schedule_first(&app, &p).await;
        // Two days before: nothing due.
        app.clock.advance(Duration::days(11));
        assert_eq!(kakehashi::db::sessions::tick(&app.app).await.unwrap(), 0);
        // The day before (23 hours ahead): due, for both, once — even when two
        // passes race.
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap());
        let (a, b) = futures::join!(
            kakehashi::db::sessions::tick(&app.app),
            kakehashi::db::sessions::tick(&app.app)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1);
        assert_eq!(
            count_kind(&app, "hanako@example.jp", "session_reminder").await,
            1
        );
        let mail = last_mail(&app, "suzuki@example.jp", "session_reminder").await;
        assert!(mail.text_body.contains("2026年12月3日(木) 20:00〜21:00"));
        assert!(mail.text_body.contains(&format!("/sessions/{s1}")));
        let app = app.restart().await;
        assert_eq!(kakehashi::db::sessions::tick(&app.app).await.unwrap(), 0);
        assert_eq!(
            count_kind(&app, "suzuki@example.jp", "session_reminder").await,
            1
        );
        // Moved to another day: a new reminder for the new time.
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/proposals"),
                &p.mentee,
                json!({"slots": [{"starts_at": "2026-12-10T20:00", "duration_minutes": 60}]}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        app.post(
            &format!("/api/v1/sessions/{s1}/confirm"),
            &p.mentor,
            json!({"starts_at": "2026-12-10T20:00"}),
        )
        .await;
        app.clock
            .set(Utc.with_ymd_and_hms(2026, 12, 9, 12, 0, 0).unwrap());
        assert_eq!(kakehashi::db::sessions::tick(&app.app).await.unwrap(), 1);
        assert_eq!(
            count_kind(&app, "hanako@example.jp", "session_reminder").await,
            2
        );
    }
);

on_both!(
    a_time_chosen_within_a_day_gets_no_separate_reminder,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = session_id(&p.plan, 1);
        // Now is 2026-11-20 12:00 Tokyo; the session is the same evening.
        app.post(
            &format!("/api/v1/sessions/{s1}/proposals"),
            &p.mentor,
            json!({"slots": [{"starts_at": "2026-11-20T20:00", "duration_minutes": 60}]}),
        )
        .await;
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/confirm"),
                &p.mentee,
                json!({"starts_at": "2026-11-20T20:00"}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(kakehashi::db::sessions::tick(&app.app).await.unwrap(), 0);
        assert_eq!(
            count_kind(&app, "hanako@example.jp", "session_reminder").await,
            0
        );
    }
);

on_both!(
    the_personal_feed_serves_every_session_until_revoked,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        schedule_first(&app, &p).await;
        let r = app
            .post("/api/v1/me/calendar/feed", &p.mentor, json!({}))
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        let url = r.body["url"].as_str().unwrap().to_string();
        let path = url
            .strip_prefix("http://kakehashi.test")
            .unwrap()
            .to_string();
        let r = app.client.get(path.clone()).dispatch().await;
        assert_eq!(r.status(), Status::Ok);
        assert_eq!(
            r.content_type(),
            Some(ContentType::new("text", "calendar").with_params(("charset", "UTF-8")))
        );
        let body = r.into_string().await.unwrap();
        assert_wire_format(&body);
        assert!(!body.contains("METHOD:"), "a feed carries no METHOD");
        let cal = ical::IcalParser::new(std::io::BufReader::new(body.as_bytes()))
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(cal.events.len(), 1, "only sessions with a time");
        let r = app.get("/api/v1/me/calendar", &p.mentor).await;
        assert_eq!(r.body["feed"]["active"], true);
        // A new URL: the old one is dead. Revoked: nothing answers.
        let r = app
            .post("/api/v1/me/calendar/feed", &p.mentor, json!({}))
            .await;
        let new_path = r.body["url"]
            .as_str()
            .unwrap()
            .strip_prefix("http://kakehashi.test")
            .unwrap()
            .to_string();
        assert_eq!(
            app.client.get(path.clone()).dispatch().await.status(),
            Status::NotFound
        );
        assert_eq!(
            app.client.get(new_path.clone()).dispatch().await.status(),
            Status::Ok
        );
        let r = app
            .api("DELETE", "/api/v1/me/calendar/feed", Some(&p.mentor), None)
            .await;
        assert_eq!(r.status, Status::NoContent);
        assert_eq!(
            app.client.get(new_path).dispatch().await.status(),
            Status::NotFound
        );
        assert_eq!(
            app.client
                .get("/calendar/guess.ics")
                .dispatch()
                .await
                .status(),
            Status::NotFound
        );
    }
);

/// A calendar export with one busy evening (2026-12-03 19:30–20:30 Tokyo).
pub const BUSY_ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nBEGIN:VEVENT\r\nDTSTART:20261203T103000Z\r\nDTEND:20261203T113000Z\r\nUID:busy-1@google.com\r\nSUMMARY:部内会議\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

on_both!(busy_times_flag_clashing_slots, |app: TestApp| async move {
    let p = matched_pair(&app, "three").await;
    let s1 = session_id(&p.plan, 1);
    let put = |body: &'static str| {
        app.client
            .put("/api/v1/me/calendar/busy")
            .header(Header::new("Authorization", format!("Bearer {}", p.mentor)))
            .header(ContentType::new("text", "calendar"))
            .body(body)
            .dispatch()
    };
    let r = put("this is not a calendar").await;
    assert_eq!(r.status(), Status::UnprocessableEntity);
    let r = put(BUSY_ICS).await;
    assert_eq!(r.status(), Status::Ok);
    let r = app.get("/api/v1/me/calendar", &p.mentor).await;
    assert_eq!(r.body["busy"]["busy_times"], 1);
    assert_eq!(r.body["busy"]["source"], "file");
    let slots = json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60},
                                  {"starts_at": "2026-12-03T20:30", "duration_minutes": 60}]});
    let r = app
        .post(
            &format!("/api/v1/sessions/{s1}/proposals/check"),
            &p.mentor,
            slots.clone(),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    assert_eq!(r.body["slots"][0]["clashes_with_your_calendar"], true);
    assert_eq!(
        r.body["slots"][1]["clashes_with_your_calendar"], false,
        "touching ends do not clash"
    );
    // The mentee proposes; the mentor sees which proposals clash with her own calendar.
    app.post(
        &format!("/api/v1/sessions/{s1}/proposals"),
        &p.mentee,
        slots,
    )
    .await;
    let r = app.get(&format!("/api/v1/sessions/{s1}"), &p.mentor).await;
    assert_eq!(
        r.body["session"]["proposals"][0]["clashes_with_your_calendar"],
        true
    );
    let r = app.get(&format!("/api/v1/sessions/{s1}"), &p.mentee).await;
    assert_eq!(
        r.body["session"]["proposals"][0]["clashes_with_your_calendar"], false,
        "her calendar is not the mentee's"
    );
    // A URL pointing inside the server's network is refused.
    let r = app
        .api(
            "PUT",
            "/api/v1/me/calendar/busy",
            Some(&p.mentor),
            Some(json!({"url": "http://127.0.0.1:5432/cal.ics"})),
        )
        .await;
    assert_eq!(r.status, Status::UnprocessableEntity);
    assert_eq!(r.body["error"]["fields"]["url"], json!(["private_address"]));
    let r = app
        .api("DELETE", "/api/v1/me/calendar/busy", Some(&p.mentor), None)
        .await;
    assert_eq!(r.status, Status::NoContent);
    let r = app.get("/api/v1/me/calendar", &p.mentor).await;
    assert_eq!(r.body["busy"], Value::Null);
});

/// Serve one `.ics` body over HTTP on loopback; answers its URL.
async fn serve_once(body: &'static str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        if let Ok((mut sock, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = sock.write_all(head.as_bytes()).await;
            let _ = sock.write_all(body.as_bytes()).await;
        }
    });
    format!("http://{addr}/private/basic.ics")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn busy_times_can_come_from_a_calendar_url() {
    let app = spawn_app_with(
        Backend::Sqlite,
        &[("busy_fetch_allow_private", json!(true))],
    )
    .await;
    let p = matched_pair(&app, "three").await;
    let url = serve_once(BUSY_ICS).await;
    let r = app
        .api(
            "PUT",
            "/api/v1/me/calendar/busy",
            Some(&p.mentor),
            Some(json!({"url": url})),
        )
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    assert_eq!(r.body["busy"]["source"], "url");
    assert_eq!(r.body["busy"]["busy_times"], 1);
    let r = app
        .api(
            "PUT",
            "/api/v1/me/calendar/busy",
            Some(&p.mentor),
            Some(json!({"url": "ftp://example.jp/x.ics"})),
        )
        .await;
    assert_eq!(r.body["error"]["fields"]["url"], json!(["invalid_url"]));
}

on_both!(
    a_double_click_on_choose_sends_one_invitation,
    |app: TestApp| async move {
        let p = matched_pair(&app, "three").await;
        let s1 = session_id(&p.plan, 1);
        let r = app
            .post(
                &format!("/api/v1/sessions/{s1}/proposals"),
                &p.mentor,
                json!({"slots": [{"starts_at": "2026-12-03T20:00", "duration_minutes": 60}]}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        let path = format!("/api/v1/sessions/{s1}/confirm");
        let body = json!({"starts_at": "2026-12-03T20:00"});
        let (a, b) = futures::join!(
            app.post(&path, &p.mentee, body.clone()),
            app.post(&path, &p.mentee, body.clone())
        );
        let mut statuses = [a.status.code, b.status.code];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{:?} {:?}", a.body, b.body);
        assert_eq!(
            count_kind(&app, "hanako@example.jp", "session_confirmed").await,
            1
        );
        assert_eq!(
            count_kind(&app, "suzuki@example.jp", "session_confirmed").await,
            1
        );
        let mail = last_mail(&app, "suzuki@example.jp", "session_confirmed").await;
        assert_eq!(
            prop(&vevent(mail.ics.as_deref().unwrap()).1, "SEQUENCE"),
            "0"
        );
    }
);
