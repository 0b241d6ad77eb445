//! The demo generator: a realistic programme on a fresh database, usable at
//! once through the API and the pages, on SQLite and PostgreSQL; and the
//! `kakehashi demo` command itself.
use crate::helpers::*;
use crate::on_both;
use kakehashi::clock::Clock;
use kakehashi::db::entities::{intakes, outbox, plans, sheets, users};
use kakehashi::demo::{generate, COORDINATOR, PASSWORD};
use rocket::http::Status;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use std::collections::BTreeSet;

on_both!(
    the_demo_programme_is_realistic_and_usable,
    |app: TestApp| async move {
        let s = generate(&app.app.db, app.clock.now(), 150, 12, 7)
            .await
            .unwrap();
        assert_eq!((s.mentees, s.mentors), (150, 12));
        assert!(
            s.plans > 40 && s.sessions > s.plans && s.sheets > 0,
            "{s:?}"
        );
        let conn = &app.app.db.conn;
        let count = |role: &'static str| async move {
            users::Entity::find()
                .filter(users::Column::Role.eq(role))
                .count(conn)
                .await
                .unwrap()
        };
        assert_eq!(count("mentee").await, 150);
        assert_eq!(count("mentor").await, 12);
        // Intakes in every status; plans active and completed; sheets in Japanese.
        let statuses: BTreeSet<String> = intakes::Entity::find()
            .all(conn)
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.status)
            .collect();
        assert_eq!(statuses.len(), 5, "{statuses:?}");
        let plan_statuses: BTreeSet<String> = plans::Entity::find()
            .all(conn)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.status)
            .collect();
        assert!(plan_statuses.contains("active") && plan_statuses.contains("completed"));
        let sheet = sheets::Entity::find().one(conn).await.unwrap().unwrap();
        assert!(sheet
            .realizations
            .chars()
            .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)));
        assert!(outbox::Entity::find().count(conn).await.unwrap() >= s.plans as u64);

        // The coordinator's queue, a candidate ranking and the figures work.
        let coord = app.token(COORDINATOR, PASSWORD).await;
        let r = app.get("/api/v1/intakes?limit=100", &coord).await;
        assert_eq!(r.status, Status::Ok);
        assert!(r.body["total"].as_u64().unwrap() > 0);
        let id = r.body["intakes"][0]["id"].as_i64().unwrap();
        let r = app
            .get(&format!("/api/v1/intakes/{id}/candidates"), &coord)
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        assert!(!r.body["candidates"].as_array().unwrap().is_empty());
        let r = app
            .get("/api/v1/outcomes?from=2025-01-01&to=2026-12-31", &coord)
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        // A mentee with a completed plan reads her exchange; pages render.
        let done = plans::Entity::find()
            .filter(plans::Column::Status.eq("completed"))
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        let mentee = users::Entity::find_by_id(done.mentee_id)
            .one(conn)
            .await
            .unwrap()
            .unwrap();
        let token = app.token(&mentee.email, PASSWORD).await;
        let r = app
            .get(&format!("/api/v1/plans/{}/exchange", done.id), &token)
            .await;
        assert_eq!(r.status, Status::Ok, "{:?}", r.body);
        let mut b = Browser::new(&app);
        b.login(COORDINATOR, PASSWORD).await;
        for page in [
            "/coordinator/intakes",
            "/coordinator/plans",
            "/coordinator/mentors",
            "/coordinator/stalled",
            "/coordinator/outcomes",
        ] {
            assert_eq!(b.get(page).await.status, Status::Ok, "{page}");
        }
        // Once is enough: a second run is refused and changes nothing.
        let again = generate(&app.app.db, app.clock.now(), 10, 2, 7).await;
        assert_eq!(again.unwrap_err().status, Status::Conflict);
        assert_eq!(count("mentee").await, 150);
        let _ = json!({});
    }
);

/// `kakehashi demo` on a fresh SQLite file, as a newcomer runs it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_command_fills_a_fresh_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    let out = crate::crash::command(dir.path(), &db)
        .args(["demo", "--mentees", "40", "--mentors", "6"])
        .stdout(std::process::Stdio::piped())
        .output()
        .expect("the command runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("40 mentees") && text.contains(PASSWORD),
        "{text}"
    );
}
