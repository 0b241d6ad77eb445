//! The coordinator's stalled list is found, ordered and paged by the database
//! (`db::sheets::stalled`); here it is held to the in-memory walk it replaced
//! (`db::sheets::stalled_reference`), on SQLite and PostgreSQL, over a demo
//! programme made untidy on purpose: sessions scheduled and already over,
//! scheduled without an end, proposed, cancelled, held without a time (or
//! with none at all), statuses the code does not know, sheets out of step
//! with their session, equal times (ties go by session), times on the very
//! boundary of `now` and of the minimum wait, times in the future, and a
//! `now` finer than a microsecond.
use crate::helpers::*;
use crate::on_both;
use chrono::{DateTime, Duration, Utc};
use kakehashi::clock::Clock;
use kakehashi::db::entities::{plan_sessions, plans, sheets};
use kakehashi::db::plans::PlanView;
use kakehashi::db::sheets::{stalled, stalled_reference, stalled_statements, Stalled};
use kakehashi::db::Paging;
use kakehashi::domain::codes::Waiting;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    IntoActiveModel, NotSet, QueryFilter, QueryOrder, Set, Statement, TransactionTrait,
};
use std::collections::{BTreeSet, HashSet};

const LIMIT: u64 = 50;

/// The moments the list is asked at: the demo's now, later (scheduled
/// sessions have ended), much later with a fraction of a microsecond, and
/// long before.
fn moments(start: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    vec![
        start,
        start + Duration::days(10),
        start + Duration::days(45) + Duration::nanoseconds(123_456_789),
        start - Duration::days(120),
    ]
}

fn pick<T: Copy>(rng: &mut StdRng, from: &[T]) -> T {
    from[rng.gen_range(0..from.len())]
}

/// A time for a session or sheet: none, exactly on a boundary (a moment, or a
/// moment less 3 or 14 days), or near one to the minute, microsecond or
/// nanosecond, before or after.
fn time(rng: &mut StdRng, anchors: &[DateTime<Utc>]) -> Option<DateTime<Utc>> {
    let a = pick(rng, anchors);
    match rng.gen_range(0..8) {
        0 | 1 => None,
        2 | 3 => Some(a),
        4 | 5 => Some(a + Duration::minutes(rng.gen_range(-60 * 24 * 60..60 * 24 * 60))),
        6 => Some(a + Duration::microseconds(rng.gen_range(-3..=3))),
        _ => Some(a + Duration::nanoseconds(rng.gen_range(-999_999..=999_999))),
    }
}

/// Mess up the demo's sessions, sheets and plans (seeded, so the same mess
/// on both backends).
async fn untidy(conn: &DatabaseConnection, anchors: &[DateTime<Utc>]) {
    let mut rng = StdRng::seed_from_u64(20_261_124);
    let statuses = [
        "unscheduled",
        "proposed",
        "scheduled",
        "scheduled",
        "held",
        "held",
        "cancelled",
        "postponed",
    ];
    let sheet_statuses = ["none", "draft", "submitted", "submitted", "replied", "lost"];
    let sessions = plan_sessions::Entity::find()
        .order_by_asc(plan_sessions::Column::Id)
        .all(conn)
        .await
        .unwrap();
    let with_sheet: HashSet<i32> = sheets::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.session_id)
        .collect();
    let plan_rows = plans::Entity::find().all(conn).await.unwrap();
    let mentee_of = |plan_id: i32| {
        plan_rows
            .iter()
            .find(|p| p.id == plan_id)
            .map(|p| p.mentee_id)
            .unwrap()
    };
    let mut timeless = 0;
    for s in sessions {
        let roll = rng.gen_range(0..10);
        if roll >= 5 {
            continue;
        }
        let (plan_id, id) = (s.plan_id, s.id);
        let mut a = s.into_active_model();
        let status = pick(&mut rng, &statuses);
        a.status = Set(status.into());
        a.ends_at = Set(time(&mut rng, anchors));
        a.held_at = Set(time(&mut rng, anchors));
        if status == "held" && timeless < 6 {
            // Held with no time at all: waits since now.
            a.ends_at = Set(None);
            a.held_at = Set(None);
            timeless += 1;
        }
        let sheet_status = pick(&mut rng, &sheet_statuses);
        a.sheet_status = Set(sheet_status.into());
        a.update(conn).await.unwrap();
        if sheet_status == "submitted" && !with_sheet.contains(&id) && rng.gen_bool(0.8) {
            let at = time(&mut rng, anchors).unwrap_or(anchors[0]);
            sheets::ActiveModel {
                id: NotSet,
                session_id: Set(id),
                plan_id: Set(plan_id),
                mentee_id: Set(mentee_of(plan_id)),
                realizations: Set("気づき".into()),
                next_actions: Set(String::new()),
                questions: Set(String::new()),
                version: Set(1),
                created_at: Set(at),
                updated_at: Set(at),
                submitted_at: Set(time(&mut rng, anchors)),
                reply_message: Set(None),
                reply_strengths: Set(None),
                replied_at: Set(if rng.gen_bool(0.2) {
                    time(&mut rng, anchors)
                } else {
                    None
                }),
                reply_nudged_at: Set(None),
            }
            .insert(conn)
            .await
            .unwrap();
        }
    }
    for s in sheets::Entity::find()
        .order_by_asc(sheets::Column::Id)
        .all(conn)
        .await
        .unwrap()
    {
        if rng.gen_bool(0.6) {
            continue;
        }
        let mut a = s.into_active_model();
        a.submitted_at = Set(time(&mut rng, anchors));
        a.replied_at = Set(if rng.gen_bool(0.3) {
            time(&mut rng, anchors)
        } else {
            None
        });
        a.update(conn).await.unwrap();
    }
    // A few plans change status both ways; one sheet names another plan.
    for p in plans::Entity::find()
        .order_by_asc(plans::Column::Id)
        .all(conn)
        .await
        .unwrap()
    {
        if rng.gen_bool(0.9) {
            continue;
        }
        let status = if p.status == "active" {
            pick(&mut rng, &["cancelled", "completed", "paused"])
        } else {
            "active"
        };
        let mut a = p.into_active_model();
        a.status = Set(status.into());
        a.update(conn).await.unwrap();
    }
    // A sheet that would be waiting for a reply, but names a plan that is
    // not active (the session's own plan is): not waiting, as before.
    let stray = plans::Entity::find()
        .filter(plans::Column::Status.ne("active"))
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    let active: HashSet<i32> = plans::Entity::find()
        .filter(plans::Column::Status.eq("active"))
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    let waiting: HashSet<i32> = plan_sessions::Entity::find()
        .filter(plan_sessions::Column::Status.eq("held"))
        .filter(plan_sessions::Column::SheetStatus.eq("submitted"))
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| active.contains(&s.plan_id))
        .map(|s| s.id)
        .collect();
    let sheet = sheets::Entity::find()
        .filter(sheets::Column::SubmittedAt.is_not_null())
        .filter(sheets::Column::RepliedAt.is_null())
        .order_by_asc(sheets::Column::Id)
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .find(|s| waiting.contains(&s.session_id))
        .unwrap();
    let mut a = sheet.into_active_model();
    a.plan_id = Set(stray.id);
    a.update(conn).await.unwrap();
}

/// Times a hair either side of the boundaries (a nanosecond, a microsecond,
/// or none) for the moments `at`: a session scheduled to end then (held from
/// then on), and a session held then (waiting for its sheet from then on, so
/// on the edge of the minimum wait too). On PostgreSQL the times are stored
/// to the microsecond, against a `now` that is not.
async fn on_the_edge(conn: &DatabaseConnection, at: &[DateTime<Utc>]) {
    let active: HashSet<i32> = plans::Entity::find()
        .filter(plans::Column::Status.eq("active"))
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut sessions = plan_sessions::Entity::find()
        .order_by_asc(plan_sessions::Column::Id)
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| active.contains(&s.plan_id))
        .step_by(3);
    let offsets = [
        Duration::zero(),
        Duration::nanoseconds(1),
        Duration::nanoseconds(-1),
        Duration::microseconds(1),
        Duration::microseconds(-1),
    ];
    for now in at {
        for days in [0, 3, 14] {
            for off in offsets {
                let t = *now - Duration::days(days) + off;
                for status in ["scheduled", "held"] {
                    let mut a = sessions.next().unwrap().into_active_model();
                    a.status = Set(status.into());
                    a.ends_at = Set(Some(t));
                    // A held time on the scheduled one too (marked early):
                    // whether it counts as held shows at once.
                    a.held_at = Set(Some(if status == "held" {
                        t
                    } else {
                        t - Duration::days(30)
                    }));
                    a.sheet_status = Set("none".into());
                    a.update(conn).await.unwrap();
                }
            }
        }
    }
}

type Row = (Stalled, i32, String, String);

fn rows(page: &[(Stalled, PlanView)]) -> Vec<Row> {
    page.iter()
        .map(|(s, v)| {
            (
                s.clone(),
                v.plan.id,
                v.mentee.display_name.clone(),
                v.mentor.display_name.clone(),
            )
        })
        .collect()
}

on_both!(
    the_stalled_list_in_sql_is_the_list_in_memory,
    |app: TestApp| async move {
        // The whole app, so that its temporary folder (the SQLite file) lives
        // to the end: the block would otherwise take only the fields it uses.
        let app = app;
        let start = app.clock.now();
        let s = kakehashi::demo::generate(&app.app.db, start, 300, 30, 3)
            .await
            .unwrap();
        assert!(s.plans > 100, "{s:?}");
        let conn = &app.app.db.conn;
        let nows = moments(start);
        let anchors: Vec<DateTime<Utc>> = nows
            .iter()
            .flat_map(|n| [0, 3, 14].map(|d| *n - Duration::days(d)))
            .collect();
        untidy(conn, &anchors).await;
        on_the_edge(conn, &[nows[0], nows[2]]).await;

        let mut kinds = BTreeSet::new();
        let mut compared = 0;
        let mut full_pages = 0;
        for now in &nows {
            for days in [0, 3, 14] {
                let min_wait = Duration::days(days);
                let first = Paging::new(Some(LIMIT), Some(1)).unwrap();
                let (_, total) = stalled_reference(conn, *now, min_wait, first)
                    .await
                    .unwrap();
                let last = total.div_ceil(LIMIT).max(1);
                let pages: BTreeSet<u64> = [1, 2, last, last + 1].into();
                for page in pages {
                    let paging = Paging::new(Some(LIMIT), Some(page)).unwrap();
                    let (want, want_total) = stalled_reference(conn, *now, min_wait, paging)
                        .await
                        .unwrap();
                    let (got, got_total) = stalled(conn, *now, min_wait, paging).await.unwrap();
                    let at = format!("now {now}, min_wait {days} days, page {page}");
                    assert_eq!(got_total, want_total, "total at {at}");
                    assert_eq!(rows(&got), rows(&want), "items at {at}");
                    if page > last {
                        assert!(got.is_empty(), "{at}");
                    }
                    if got.len() as u64 == LIMIT {
                        full_pages += 1;
                    }
                    kinds.extend(got.iter().map(|(s, _)| s.waiting));
                    compared += got.len();
                }
            }
        }
        // The comparison saw something worth comparing.
        assert_eq!(
            kinds,
            [Waiting::Scheduling, Waiting::Sheet, Waiting::Reply].into()
        );
        assert!(full_pages >= 12, "{full_pages} full pages");
        assert!(compared > 1000, "{compared} items compared");
    }
);

/// The query plan of a statement, as the database explains it.
async fn plan(conn: &DatabaseConnection, st: Statement) -> String {
    let (explain, column) = match st.db_backend {
        DbBackend::Postgres => ("EXPLAIN", "QUERY PLAN"),
        _ => ("EXPLAIN QUERY PLAN", "detail"),
    };
    let st = Statement {
        sql: format!("{explain} {}", st.sql),
        ..st
    };
    // As `stalled` runs it on PostgreSQL: without JIT.
    let tx = conn.begin().await.unwrap();
    if st.db_backend == DbBackend::Postgres {
        tx.execute_unprepared("SET LOCAL jit = off").await.unwrap();
    }
    let rows = tx.query_all_raw(st).await.unwrap();
    tx.commit().await.unwrap();
    rows.iter()
        .map(|r| r.try_get::<String>("", column).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One call of each on a large programme (20,000 mentees unless
/// KAKEHASHI_STALLED_MENTEES says otherwise), timed and printed, on SQLite
/// and on PostgreSQL when configured. Run with `--ignored --nocapture`,
/// preferably `--release`; only the equality of the answers is asserted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "slow: fills a large programme"]
async fn stalled_timing_on_a_large_programme() {
    let mentees: usize = std::env::var("KAKEHASHI_STALLED_MENTEES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let mut backends = vec![Backend::Sqlite];
    if postgres_url().is_some() {
        backends.push(Backend::Postgres);
    }
    for backend in backends {
        let app = spawn_app(backend).await;
        let now = app.clock.now();
        let started = std::time::Instant::now();
        let s = kakehashi::demo::generate(&app.app.db, now, mentees, mentees / 10, 1)
            .await
            .unwrap();
        let filled = started.elapsed();
        let conn = &app.app.db.conn;
        if backend == Backend::Postgres {
            // As autovacuum would have by now.
            conn.execute_unprepared("VACUUM ANALYZE").await.unwrap();
        }
        let paging = Paging::new(Some(LIMIT), Some(1)).unwrap();
        // Warm both once (connections, caches), then time each.
        stalled_reference(conn, now, Duration::zero(), paging)
            .await
            .unwrap();
        stalled(conn, now, Duration::zero(), paging).await.unwrap();
        let t = std::time::Instant::now();
        let (want, want_total) = stalled_reference(conn, now, Duration::zero(), paging)
            .await
            .unwrap();
        let reference = t.elapsed();
        let t = std::time::Instant::now();
        let (got, got_total) = stalled(conn, now, Duration::zero(), paging).await.unwrap();
        let sql = t.elapsed();
        assert_eq!((rows(&got), got_total), (rows(&want), want_total));
        let (page, _) =
            stalled_statements(conn.get_database_backend(), now, Duration::zero(), paging).unwrap();
        println!(
            "{backend:?}: the plan of the page's statement\n{}",
            plan(conn, page).await
        );
        println!(
            "{backend:?}: {} mentees, {} plans, {} sessions (filled in {:.1} s); {} items; \
             stalled_reference {:.1} ms, stalled {:.1} ms",
            s.mentees,
            s.plans,
            s.sessions,
            filled.as_secs_f64(),
            got_total,
            reference.as_secs_f64() * 1000.0,
            sql.as_secs_f64() * 1000.0,
        );
    }
}
