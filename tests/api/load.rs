//! Load held: the real server binary on loopback, 50 concurrent clients for
//! a bounded time (30 s by default; `KAKEHASHI_LOAD_SECONDS` to change it),
//! mixed reads and writes — each mentee reads her account, her intake and
//! her plans and saves her intake (30 % of requests), a coordinator pages
//! the queue. Zero errors and zero lost writes are required, on SQLite and
//! on PostgreSQL; the figures are printed (run with `--nocapture`) and
//! written into the README by hand.
use crate::crash::start_with;
use crate::helpers::*;
use kakehashi::domain::account::{DisplayName, Email};
use kakehashi::domain::codes::Role;
use kakehashi::i18n::Lang;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 50;

fn seconds() -> u64 {
    std::env::var("KAKEHASHI_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30)
}

#[derive(Default)]
struct Tally {
    requests: u64,
    writes: u64,
    errors: Vec<String>,
    latencies_us: Vec<u64>,
    /// The last goals text the server acknowledged for this client.
    last_ack: Option<String>,
}

async fn run(app: TestApp, backend: &str) {
    // Accounts and tokens made in-process (hashing 50 passwords in a debug
    // build would take longer than the load itself).
    let now = chrono::Utc::now();
    let hash = kakehashi::auth::password::hash_now("load-test-password-1").unwrap();
    let mut tokens = Vec::new();
    for i in 0..=CLIENTS {
        let role = if i == CLIENTS {
            Role::Coordinator
        } else {
            Role::Mentee
        };
        let u = kakehashi::db::users::insert(
            &app.app.db.conn,
            &Email::parse(&format!("load{i}@example.jp")).unwrap(),
            &DisplayName::parse(&format!("負荷 {i}")).unwrap(),
            role,
            Some(hash.clone()),
            Lang::Ja,
            now,
        )
        .await
        .unwrap();
        tokens.push(
            kakehashi::auth::issue_api_token(&app.app, u.id)
                .await
                .unwrap()
                .0,
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let db = app.figment.extract_inner::<String>("database_url").unwrap();
    let server = start_with(dir.path(), &db, &[]).await;
    let base = Arc::new(server.base.clone());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS + 1)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(seconds());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, token) in tokens.iter().cloned().enumerate() {
        let (client, base) = (client.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            let mut t = Tally::default();
            let mut n = 0u64;
            while Instant::now() < until {
                n += 1;
                let (method, path, body) = if i == CLIENTS {
                    let page = n % 3 + 1;
                    ("GET", format!("/api/v1/intakes?limit=50&page={page}"), None)
                } else {
                    match n % 10 {
                        0 | 3 | 6 => {
                            let goals =
                                format!("client {i} round {n}: 管理職になるか一年かけて決めたい");
                            (
                                "PUT",
                                "/api/v1/intake".to_string(),
                                Some(json!({"goals": goals})),
                            )
                        }
                        1 | 4 | 7 => ("GET", "/api/v1/intake".to_string(), None),
                        2 | 5 => ("GET", "/api/v1/me".to_string(), None),
                        _ => ("GET", "/api/v1/plans".to_string(), None),
                    }
                };
                let mut req = match method {
                    "PUT" => client.put(format!("{base}{path}")),
                    _ => client.get(format!("{base}{path}")),
                }
                .bearer_auth(&token);
                if let Some(b) = &body {
                    req = req
                        .header("content-type", "application/json")
                        .body(b.to_string());
                }
                let sent = Instant::now();
                let r = req.send().await;
                t.latencies_us.push(sent.elapsed().as_micros() as u64);
                t.requests += 1;
                match r {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        if let Some(b) = body {
                            t.writes += 1;
                            t.last_ack = b["goals"].as_str().map(String::from);
                        }
                    }
                    Ok(r) => t.errors.push(format!("{method} {path}: {}", r.status())),
                    Err(e) => t.errors.push(format!("{method} {path}: {e}")),
                }
            }
            t
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.push(task.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    drop(server);

    let errors: Vec<&String> = all.iter().flat_map(|t| &t.errors).collect();
    let requests: u64 = all.iter().map(|t| t.requests).sum();
    let writes: u64 = all.iter().map(|t| t.writes).sum();
    let mut lat: Vec<u64> = all
        .iter()
        .flat_map(|t| t.latencies_us.iter().copied())
        .collect();
    lat.sort_unstable();
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p) as usize] as f64 / 1000.0;
    eprintln!(
        "LOAD {backend}: {CLIENTS} clients + 1 coordinator, {elapsed:.1} s, {requests} requests ({:.0}/s), {writes} writes, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, errors {}",
        requests as f64 / elapsed,
        pct(0.5),
        pct(0.99),
        pct(1.0),
        errors.len()
    );
    assert!(
        errors.is_empty(),
        "errors under load: {:?}",
        &errors[..errors.len().min(10)]
    );
    assert!(requests > 100, "the load ran: {requests}");

    // Zero lost writes: every client's intake holds the last text the server
    // acknowledged to her.
    use kakehashi::db::entities::{intakes, users};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut lost = Vec::new();
    for (i, t) in all.iter().enumerate().take(CLIENTS) {
        let Some(expected) = &t.last_ack else {
            continue;
        };
        let u = users::Entity::find()
            .filter(users::Column::Email.eq(format!("load{i}@example.jp")))
            .one(&app.app.db.conn)
            .await
            .unwrap()
            .unwrap();
        let row = intakes::Entity::find()
            .filter(intakes::Column::MenteeId.eq(u.id))
            .one(&app.app.db.conn)
            .await
            .unwrap()
            .expect("her intake");
        let f: serde_json::Value = serde_json::from_str(&row.fields).unwrap();
        if f["goals"].as_str() != Some(expected.as_str()) {
            lost.push(format!(
                "client {i}: saw {:?}, acknowledged {expected}",
                f["goals"]
            ));
        }
    }
    assert!(lost.is_empty(), "lost writes: {lost:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_clients_of_mixed_reads_and_writes_lose_nothing_sqlite() {
    run(spawn_app(Backend::Sqlite).await, "SQLite").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_clients_of_mixed_reads_and_writes_lose_nothing_postgres() {
    if postgres_url().is_none() {
        eprintln!("SKIPPED ON POSTGRESQL: KAKEHASHI_TEST_POSTGRES_URL is not set");
        return;
    }
    run(spawn_app(Backend::Postgres).await, "PostgreSQL").await;
}
