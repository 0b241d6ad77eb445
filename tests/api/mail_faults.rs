//! The rest of email under faults: the process killed after the server took
//! a message but before it was marked sent (sent again once, with the same
//! Message-ID), a rolled-back change (no email), two server processes
//! sharing one outbox (each message once: `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL), and the coordinator seeing failed mail and sending it again.
use crate::crash::{start_with, Server};
use crate::helpers::*;
use crate::on_both;
use crate::smtp::{invite, rows, Sink};
use kakehashi::i18n::Lang;
use kakehashi::mail::transport::Transport;
use kakehashi::mail::worker::deliver_due;
use kakehashi::mail::{enqueue, Email};
use rocket::http::Status;
use sea_orm::TransactionTrait;
use serde_json::json;
use std::collections::HashMap;
use std::time::{Duration, Instant};

fn message_id(eml: &str) -> String {
    eml.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        .map(|l| l["message-id:".len()..].trim().to_string())
        .unwrap_or_default()
}

fn smtp_env(port: u16) -> Vec<(&'static str, String)> {
    vec![
        (
            "ROCKET_MAIL",
            format!("{{transport=\"smtp\",host=\"127.0.0.1\",port={port},tls=\"none\",timeout_seconds=5}}"),
        ),
        ("ROCKET_MAIL_WORKER", "true".into()),
        ("ROCKET_OUTBOX_POLL_SECONDS", "1".into()),
        ("ROCKET_OUTBOX_CLAIM_SECONDS", "2".into()),
    ]
}

async fn wait_until<F, Fut>(what: &str, secs: u64, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while !check().await {
        assert!(
            start.elapsed() < Duration::from_secs(secs),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn database_url(app: &TestApp) -> String {
    app.figment.extract_inner::<String>("database_url").unwrap()
}

/// Killed between the server's taking the message and the row's being
/// marked sent: after a restart it goes again, once, with the same
/// Message-ID; the recipient's mail program shows one message.
async fn killed_mid_send(app: TestApp) {
    let coord = app.coordinator("coord@example.jp").await;
    let row = invite(&app, &coord, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, dir.path());
    sink.mode("slowack");
    let db = database_url(&app).await;
    let server: Server = start_with(dir.path(), &db, &smtp_env(port)).await;
    wait_until("the server to take the message", 30, || async {
        sink.received().len() == 1
    })
    .await;
    drop(server); // SIGKILL while the server has not answered 250 yet
    assert_eq!(rows(&app).await[0].status, "pending", "never marked sent");
    sink.mode("ok");
    let _server = start_with(dir.path(), &db, &smtp_env(port)).await;
    wait_until("the message to be marked sent", 30, || async {
        rows(&app).await[0].status == "sent"
    })
    .await;
    let got = sink.received();
    assert_eq!(got.len(), 2, "at most one duplicate");
    assert!(
        got.iter().all(|m| message_id(m) == row.message_id),
        "same Message-ID"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_mid_send_sends_again_once_with_the_same_message_id_sqlite() {
    killed_mid_send(spawn_app(Backend::Sqlite).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_mid_send_sends_again_once_with_the_same_message_id_postgres() {
    if postgres_url().is_none() {
        eprintln!("SKIPPED ON POSTGRESQL: KAKEHASHI_TEST_POSTGRES_URL is not set");
        return;
    }
    killed_mid_send(spawn_app(Backend::Postgres).await).await;
}

/// Two server processes with their workers on one database: 60 messages,
/// each delivered exactly once.
async fn two_processes(app: TestApp) {
    let coord = app.coordinator("coord@example.jp").await;
    for n in 0..60 {
        invite(&app, &coord, n).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, dir.path());
    let db = database_url(&app).await;
    let env = smtp_env(port);
    let (a, b) = tokio::join!(
        start_with(dir.path(), &db, &env),
        start_with(dir.path(), &db, &env)
    );
    wait_until("every message sent", 120, || async {
        rows(&app).await.iter().all(|r| r.status == "sent")
    })
    .await;
    drop((a, b));
    let got = sink.received();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for m in &got {
        *ids.entry(message_id(m)).or_default() += 1;
    }
    let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent more than once: {twice:?}");
    assert_eq!(got.len(), 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_the_outbox_without_double_sending_postgres() {
    if postgres_url().is_none() {
        eprintln!("SKIPPED ON POSTGRESQL: KAKEHASHI_TEST_POSTGRES_URL is not set");
        return;
    }
    two_processes(spawn_app(Backend::Postgres).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_the_outbox_without_double_sending_sqlite() {
    two_processes(spawn_app(Backend::Sqlite).await).await;
}

fn one_email() -> Email<'static> {
    Email {
        kind: "intake_submitted",
        to_address: "hanako@example.jp",
        to_name: "花子",
        lang: Lang::Ja,
        ctx: json!({"link": "http://kakehashi.test/intake"}),
    }
}

on_both!(
    a_rolled_back_change_sends_nothing,
    |app: TestApp| async move {
        let tx = app.app.db.begin_write().await.unwrap();
        enqueue(&tx, &app.app, one_email()).await.unwrap();
        tx.rollback().await.unwrap();
        let transport = Transport::from_config(&app.app.cfg.mail).unwrap();
        assert_eq!(deliver_due(&app.app, &transport).await.unwrap(), 0);
        assert!(rows(&app).await.is_empty());
        // And committed, it goes.
        let tx = app.app.db.conn.begin().await.unwrap();
        enqueue(&tx, &app.app, one_email()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(deliver_due(&app.app, &transport).await.unwrap(), 1);
    }
);

/// A refused message is shown to the coordinator, page and API, and sent
/// again on request with its Message-ID.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_coordinator_sees_failed_mail_and_sends_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = Sink::start(port, dir.path());
    let app = spawn_app_with(
        Backend::Sqlite,
        &[(
            "mail",
            json!({"transport": "smtp", "host": "127.0.0.1", "port": port, "tls": "none", "timeout_seconds": 5}),
        )],
    )
    .await;
    let coord = app.coordinator("coord@example.jp").await;
    let row = invite(&app, &coord, 1).await;
    let transport = Transport::from_config(&app.app.cfg.mail).unwrap();
    sink.mode("reject");
    deliver_due(&app.app, &transport).await.unwrap();
    assert_eq!(rows(&app).await[0].status, "failed");

    let r = app.get("/api/v1/coordinator/emails/failed", &coord).await;
    assert_eq!(r.status, Status::Ok);
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["emails"][0]["to_address"], "mentor1@example.jp");
    assert!(r.body["emails"][0]["last_error"]
        .as_str()
        .unwrap()
        .contains("550"));

    let mut b = Browser::new(&app);
    b.login("coord@example.jp", "coordinator-password-1").await;
    let page = b.get("/coordinator/emails").await;
    assert!(page.body.contains("mentor1@example.jp") && page.body.contains("もう一度送る"));
    sink.mode("ok");
    let r = b
        .post(&format!("/coordinator/emails/{}/resend", row.id), &[])
        .await;
    assert_eq!(r.status, Status::SeeOther);
    assert_eq!(rows(&app).await[0].status, "pending");
    // Resending what has not failed is a conflict; unknown is 404.
    let r = app
        .post(
            &format!("/api/v1/coordinator/emails/{}/resend", row.id),
            &coord,
            json!({}),
        )
        .await;
    assert_eq!((r.status, r.code()), (Status::Conflict, "email_not_failed"));
    let r = app
        .post(
            "/api/v1/coordinator/emails/999999/resend",
            &coord,
            json!({}),
        )
        .await;
    assert_eq!(r.status, Status::NotFound);
    deliver_due(&app.app, &transport).await.unwrap();
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert_eq!(message_id(&got[0]), row.message_id);
    assert!(b
        .get("/coordinator/emails")
        .await
        .body
        .contains("届かなかったメールはありません"));
}
