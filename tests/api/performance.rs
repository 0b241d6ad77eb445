//! Issue 7's tooling and caches: the load kit is ready to use, the floor
//! routes do what the load scenario compares against, and the cached mentor
//! roster follows every change at once.
use crate::helpers::*;
use crate::on_both;
use kakehashi::clock::Clock;
use kakehashi::db::entities::{audit_events, outbox, users};
use kakehashi::demo::{generate, load_kit, COORDINATOR};
use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::Client;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QueryTrait,
};
use serde_json::json;

on_both!(the_load_kit_is_ready_to_submit, |app: TestApp| async move {
    let db = &app.app.db;
    // Without the demo there is nothing to build the kit on.
    let none = load_kit(db, app.clock.now(), 3).await;
    assert_eq!(none.unwrap_err().status, Status::NotFound);
    generate(db, app.clock.now(), 60, 8, 3).await.unwrap();
    let kit = load_kit(db, app.clock.now(), 4).await.unwrap();
    assert_eq!((kit.intakes.len(), kit.sheets.len()), (4, 4));
    for token in &kit.intakes {
        let r = app.post("/api/v1/intake/submit", token, json!({})).await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["intake"]["status"], "submitted");
    }
    for (token, session) in &kit.sheets {
        let r = app
            .get(&format!("/api/v1/sessions/{session}/invite.ics"), token)
            .await;
        assert_eq!(r.status, Status::Ok);
        let r = app
            .post(
                &format!("/api/v1/sessions/{session}/sheet/submit"),
                token,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(r.body["sheet"]["status"], "submitted");
    }
    // Each submission enqueued its email: four to the coordinator or
    // mentee for the intakes, four to mentors for the sheets.
    let queued = outbox::Entity::find()
        .filter(outbox::Column::Status.eq("pending"))
        .count(&db.conn)
        .await
        .unwrap();
    assert!(queued >= 8, "{queued}");
    let r = app
        .get(
            &format!("/api/v1/intakes/{}/candidates", kit.queued_intake),
            &kit.coordinator_token,
        )
        .await;
    assert_eq!(r.status, Status::Ok);
    assert!(!r.body["candidates"].as_array().unwrap().is_empty());
    let again = load_kit(db, app.clock.now(), 2).await;
    assert_eq!(again.unwrap_err().status, Status::Conflict);
});

on_both!(the_floor_routes_answer, |app: TestApp| async move {
    // Hold the whole test app (and its temporary folder), not only the
    // fields used below.
    let app = app;
    generate(&app.app.db, app.clock.now(), 10, 2, 3)
        .await
        .unwrap();
    let conn = &app.app.db.conn;
    let coordinator = users::Entity::find()
        .filter(users::Column::Email.eq(COORDINATOR))
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    let floor = kakehashi::floor::build(app.figment.clone()).await.unwrap();
    let client = Client::untracked(floor).await.unwrap();
    let r = client.get("/floor/plain").dispatch().await;
    assert_eq!(r.into_string().await.unwrap(), "ok");
    let r = client
        .get(format!("/floor/one?id={}", coordinator.id))
        .dispatch()
        .await;
    assert_eq!(r.content_type(), Some(ContentType::HTML));
    assert!(r
        .into_string()
        .await
        .unwrap()
        .contains(&coordinator.display_name));
    let r = client.get("/floor/one?id=999999").dispatch().await;
    assert_eq!(r.status(), Status::NotFound);
    let body = client
        .get("/floor/list")
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap();
    assert_eq!(body.matches("<tr><td>").count(), 13, "1 + 2 + 10 people");
    let before = outbox::Entity::find().count(conn).await.unwrap();
    let r = client
        .post("/floor/write")
        .header(Header::new("Content-Length", "0"))
        .dispatch()
        .await;
    assert_eq!(r.status(), Status::Ok);
    assert_eq!(
        outbox::Entity::find().count(conn).await.unwrap(),
        before + 1
    );
    let floor_mail = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("floor"))
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(floor_mail.status, "sent", "no worker may pick it up");
    let lines = audit_events::Entity::find()
        .filter(audit_events::Column::Kind.eq("floor"))
        .count(conn)
        .await
        .unwrap();
    assert_eq!(lines, 1);
});

/// The candidates' loads and eligibility as the API shows them, by mentor id.
async fn candidates(app: &TestApp, coord: &str, intake: i64) -> Vec<(i64, i64, bool)> {
    let r = app
        .get(&format!("/api/v1/intakes/{intake}/candidates"), coord)
        .await;
    assert_eq!(r.status, Status::Ok, "{:?}", r.body);
    let mut out: Vec<(i64, i64, bool)> = r.body["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["mentor"]["id"].as_i64().unwrap(),
                c["pending_mentees"].as_i64().unwrap() + c["active_mentees"].as_i64().unwrap(),
                c["eligible"].as_bool().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

on_both!(
    the_cached_roster_follows_every_change,
    |app: TestApp| async move {
        let coord = app.coordinator("office@example.jp").await;
        let profile = json!({"capacity": 2, "accepting": true});
        let (a, a_token) = app.mentor(&coord, "a@example.jp", profile.clone()).await;
        let (b, _) = app.mentor(&coord, "b@example.jp", profile).await;
        let (_, first) = app.submitted_mentee("first@example.jp", json!({})).await;
        let (_, second) = app.submitted_mentee("second@example.jp", json!({})).await;
        let seen = candidates(&app, &coord, second).await;
        assert_eq!(seen, vec![(a, 0, true), (b, 0, true)]);
        // An assignment raises her load at once…
        let r = app
            .post(
                &format!("/api/v1/intakes/{first}/assignments"),
                &coord,
                json!({"mentor_id": a}),
            )
            .await;
        assert_eq!(r.status, Status::Created, "{:?}", r.body);
        let assignment = r.body["assignment"]["id"].as_i64().unwrap();
        assert_eq!(
            candidates(&app, &coord, second).await,
            vec![(a, 1, true), (b, 0, true)]
        );
        // …her declining lowers it again…
        let r = app
            .post(
                &format!("/api/v1/assignments/{assignment}/decline"),
                &a_token,
                json!({"reason": "今月は難しいです"}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(
            candidates(&app, &coord, second).await,
            vec![(a, 0, true), (b, 0, true)]
        );
        // …and a profile change shows on the next ranking, with what the
        // list shows of her (also kept in the roster).
        let r = app
            .put(
                &format!("/api/v1/mentors/{b}/profile"),
                &coord,
                json!({"profile": {"accepting": false, "headline": "今は新しい方を受けていません"}}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert_eq!(
            candidates(&app, &coord, second).await,
            vec![(a, 0, true), (b, 0, false)]
        );
        let r = app
            .get(&format!("/api/v1/intakes/{second}/candidates"), &coord)
            .await;
        let shown = r.body["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["mentor"]["id"] == b)
            .cloned()
            .unwrap();
        assert_eq!(shown["mentor"]["headline"], "今は新しい方を受けていません");
        assert_eq!(shown["mentor"]["display_name"], "メンター 鈴木");
    }
);

/// A 60-mentee demo programme and a load kit of `n` of each kind.
async fn small_programme_with_kit(app: &TestApp, n: usize) -> kakehashi::demo::LoadKit {
    let db = &app.app.db;
    generate(db, app.clock.now(), 60, 8, 3).await.unwrap();
    load_kit(db, app.clock.now(), n).await.unwrap()
}

// List totals are cached until the next committed write: each submission
// shows in the very next queue count (both statuses it moves between), past
// the last page too; the plans dashboard counts what the API counts.
on_both!(
    the_cached_counts_follow_every_change,
    |app: TestApp| async move {
        let app = app;
        // Enough mentees for a second page of the plans dashboard (100 rows).
        let kit = {
            let db = &app.app.db;
            generate(db, app.clock.now(), 260, 12, 3).await.unwrap();
            load_kit(db, app.clock.now(), 3).await.unwrap()
        };
        let coord = &kit.coordinator_token;
        let total = |body: &serde_json::Value| body["total"].as_u64().unwrap();
        let queue = "/api/v1/intakes?status=submitted";
        let before = total(&app.get(queue, coord).await.body);
        let drafts = total(&app.get("/api/v1/intakes?status=draft", coord).await.body);
        assert_eq!(total(&app.get(queue, coord).await.body), before);
        for (i, token) in kit.intakes.iter().enumerate() {
            let r = app.post("/api/v1/intake/submit", token, json!({})).await;
            assert_eq!(r.status, Status::Ok, "{:?}", r.body);
            let n = i as u64 + 1;
            assert_eq!(total(&app.get(queue, coord).await.body), before + n);
            assert_eq!(
                total(&app.get("/api/v1/intakes?status=draft", coord).await.body),
                drafts - n
            );
        }
        // A page past the end still says how many there are.
        let r = app
            .get(&format!("{queue}&page=1000&limit=100"), coord)
            .await;
        assert_eq!(r.status, Status::Ok);
        assert_eq!(total(&r.body), before + 3);
        assert!(r.body["intakes"].as_array().unwrap().is_empty());
        // The dashboard page counts what the API counts, and lists the
        // newest plan first with both names and its sessions' statuses.
        let r = app.get("/api/v1/plans?limit=1", coord).await;
        let plans = total(&r.body);
        let newest = &r.body["plans"][0];
        let mut b = Browser::new(&app);
        b.login(COORDINATOR, kakehashi::demo::PASSWORD).await;
        let page = b.get("/coordinator/plans").await;
        assert!(
            page.body
                .contains(&format!("全部で{plans}件のプランがあります。")),
            "{}",
            page.body
        );
        let row = page
            .body
            .split("<tr>")
            .nth(2)
            .expect("a first row")
            .to_string();
        assert!(row.contains(&format!("/plans/{}", newest["id"])), "{row}");
        assert!(row.contains("badge status-"), "{row}");
        // Both names are the plan's own (the page's plans are taken first
        // and the names joined to them).
        let (mentee, mentor) = (
            newest["mentee"]["display_name"].as_str().unwrap(),
            newest["mentor"]["display_name"].as_str().unwrap(),
        );
        let cells: Vec<&str> = row.split("<td>").skip(1).collect();
        assert!(cells[0].contains(mentee), "{row}");
        assert!(cells[1].contains(mentor), "{row}");
        // Its status, and one numbered badge per session, each labelled.
        let status = newest["status"].as_str().unwrap();
        assert!(cells[2].contains(&format!("status-{status}\">")), "{row}");
        let sessions = newest["sessions"].as_array().unwrap().len();
        assert_eq!(
            cells[3].matches("<span class=\"badge status-").count(),
            sessions,
            "{row}"
        );
        for n in 1..=sessions {
            assert!(cells[3].contains(&format!("\">{n}: ")), "{row}");
        }
        assert!(
            !cells[3].contains("session_status-"),
            "a label is missing: {row}"
        );
        // The second page starts where the API's second page starts.
        let second = app.get("/api/v1/plans?limit=100&page=2", coord).await;
        let first = second.body["plans"].get(0).expect("a second page of plans");
        let page = b.get("/coordinator/plans?page_no=2").await;
        let row = page.body.split("<tr>").nth(2).expect("a first row");
        assert!(row.contains(&format!("/plans/{}\"", first["id"])), "{row}");
    }
);

// The stalled list is kept until the next committed write or 30 s of the
// clock: a submitted sheet leaves "waiting for the sheet" at once, and time
// passing brings a pair over the minimum wait.
on_both!(
    the_cached_stalled_list_follows_every_change,
    |app: TestApp| async move {
        let app = app;
        let kit = small_programme_with_kit(&app, 2).await;
        let coord = &kit.coordinator_token;
        let list = "/api/v1/coordinator/stalled?min_days=0&limit=200";
        let waits_for = |body: &serde_json::Value, session: i32| -> Option<String> {
            body["stalled"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["session_id"] == session)
                .map(|s| s["waiting_for"].as_str().unwrap().to_string())
        };
        let (token, session) = &kit.sheets[0];
        let before = app.get(list, coord).await.body;
        assert_eq!(waits_for(&before, *session).as_deref(), Some("sheet"));
        let r = app
            .post(
                &format!("/api/v1/sessions/{session}/sheet/submit"),
                token,
                json!({}),
            )
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let after = app.get(list, coord).await.body;
        assert_eq!(waits_for(&after, *session).as_deref(), Some("reply"));
        // Waiting a day for the reply: not yet listed at a day's minimum,
        // listed once the clock has moved past it.
        let day = "/api/v1/coordinator/stalled?min_days=1&limit=200";
        assert_eq!(waits_for(&app.get(day, coord).await.body, *session), None);
        app.clock.advance(chrono::Duration::hours(25));
        assert_eq!(
            waits_for(&app.get(day, coord).await.body, *session).as_deref(),
            Some("reply")
        );
    }
);

/// On its own database (the application's background checkpoint, which the
/// test servers run too, would copy the log meanwhile).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_writer_leaves_the_log_to_the_background_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("log.db").display());
    let db = kakehashi::db::Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    // About 1,500 pages of write-ahead log, one commit per row: past
    // SQLite's own threshold of 1,000 pages, at which a committing writer
    // would have copied the log into the file itself.
    let detail = "記".repeat(1500);
    for _ in 0..1500 {
        let tx = db.begin_write().await.unwrap();
        audit_events::ActiveModel {
            at: Set(chrono::Utc::now()),
            kind: Set("checkpoint-test".into()),
            detail: Set(Some(detail.clone())),
            ..Default::default()
        }
        .insert(&tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let (log, copied) = db
        .checkpoint()
        .await
        .unwrap()
        .expect("a file database has a log");
    assert!(
        log >= 1500,
        "the writer copied the log itself: {log} frames left"
    );
    assert_eq!(copied, log, "the background checkpoint copies all of it");
}

on_both!(
    only_a_sqlite_file_has_a_log_to_copy,
    |app: TestApp| async move {
        let db = &app.app.db;
        let checkpoint = db.checkpoint().await.unwrap();
        if db.backend() == sea_orm::DbBackend::Postgres {
            assert_eq!(checkpoint, None, "PostgreSQL has no log to copy");
        } else {
            let (log, copied) = checkpoint.expect("a file database has a log");
            assert!(copied <= log);
        }
    }
);

on_both!(
    a_write_batch_counts_its_changes_and_keeps_each_statements_values,
    |app: TestApp| async move {
        use kakehashi::db::audit::own_write;
        use kakehashi::db::Write;
        let db = &app.app.db;
        let now = app.clock.now();
        let conn = &db.conn;
        let kept = |kind: &'static str| async move {
            audit_events::Entity::find()
                .filter(audit_events::Column::Kind.eq(kind))
                .order_by_asc(audit_events::Column::Id)
                .all(conn)
                .await
                .unwrap()
        };
        // An update that finds nothing changes nothing, so the batch counts
        // one row short and its caller rolls the whole of it back.
        let tx = db.begin_write().await.unwrap();
        let missed = users::Entity::update_many()
            .col_expr(users::Column::DisplayName, Expr::value("誰でもない"))
            .filter(users::Column::Id.eq(-1))
            .into_query();
        let batch = vec![
            own_write(now, "batch-missed", 1, Some("一".into())),
            Write::Update(missed),
            own_write(now, "batch-missed", 2, Some("二".into())),
        ];
        assert_eq!(tx.execute_all(batch).await.unwrap(), 2);
        tx.rollback().await.unwrap();
        assert!(kept("batch-missed").await.is_empty());
        // Each statement's values are its own, in order.
        let tx = db.begin_write().await.unwrap();
        let batch = vec![
            own_write(now, "batch-kept", 1, Some("一".into())),
            own_write(now, "batch-kept", 2, None),
            own_write(now, "batch-kept", 3, Some("三".into())),
        ];
        assert_eq!(tx.execute_all(batch).await.unwrap(), 3);
        tx.commit().await.unwrap();
        let rows: Vec<_> = kept("batch-kept")
            .await
            .into_iter()
            .map(|e| (e.actor_id, e.subject_id, e.detail))
            .collect();
        assert_eq!(
            rows,
            vec![
                (Some(1), Some(1), Some("一".to_string())),
                (Some(2), Some(2), None),
                (Some(3), Some(3), Some("三".to_string())),
            ]
        );
    }
);
