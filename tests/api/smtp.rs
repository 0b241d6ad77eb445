//! Email under faults, against a real SMTP server (Python's `aiosmtpd`,
//! installed into `target/py` on first use): the server down (the message
//! waits and goes out later), busy with 4xx (retried), refusing with 5xx
//! (marked failed, never retried), hanging after connecting (the attempt is
//! abandoned at the timeout and retried). Each message arrives once, with the
//! Message-ID it was stored with.
use crate::helpers::*;
use chrono::Duration;
use kakehashi::db::entities::outbox;
use kakehashi::mail::transport::Transport;
use kakehashi::mail::worker::deliver_due;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The SMTP server, stopped with the test.
pub(crate) struct Sink {
    child: Child,
    dir: PathBuf,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sink {
    pub(crate) fn start(port: u16, dir: &Path) -> Sink {
        let (python, path) = python_with("aiosmtpd", "aiosmtpd>=1.4,<2");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/api/py/smtp_sink.py");
        let mut command = Command::new(python);
        if let Some(p) = path {
            command.env("PYTHONPATH", p);
        }
        let mut child = command
            .arg(script)
            .arg(port.to_string())
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the SMTP server starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut line).ok();
        let sink = Sink {
            child,
            dir: dir.to_path_buf(),
        };
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        sink
    }

    pub(crate) fn mode(&self, m: &str) {
        std::fs::write(self.dir.join("mode"), m).expect("mode");
    }

    /// The messages received so far.
    pub(crate) fn received(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(&self.dir)
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect()
    }
}

pub(crate) async fn rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.app.db.conn)
        .await
        .unwrap()
}

/// One email in the outbox: the coordinator invites a mentor.
pub(crate) async fn invite(app: &TestApp, coord: &str, n: u32) -> outbox::Model {
    let r = app
        .post(
            "/api/v1/mentors",
            coord,
            json!({"email": format!("mentor{n}@example.jp"), "display_name": "鈴木", "profile": {}}),
        )
        .await;
    assert_eq!(r.status.code, 201, "{:?}", r.body);
    rows(app)
        .await
        .pop()
        .expect("the invitation is in the outbox")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_survives_a_server_that_is_down_busy_refusing_or_hanging() {
    let port = free_port();
    let app = spawn_app_with(
        Backend::Sqlite,
        &[(
            "mail",
            json!({"transport": "smtp", "host": "127.0.0.1", "port": port, "tls": "none",
                   "from": "Kakehashi <no-reply@kakehashi.test>", "timeout_seconds": 2}),
        )],
    )
    .await;
    let transport = Transport::from_config(&app.app.cfg.mail).expect("an SMTP transport");
    let coord = app.coordinator("office@kakehashi.jp").await;
    let pass = || async { deliver_due(&app.app, &transport).await.unwrap() };
    let later = || app.clock.advance(Duration::hours(2));

    // Down: nothing listens. The message stays, with the reason, for later.
    let first = invite(&app, &coord, 1).await;
    assert_eq!(pass().await, 0);
    let row = rows(&app).await.remove(0);
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert!(row.last_error.is_some());
    assert!(row.next_attempt_at > kakehashi::clock::Clock::now(&app.clock));

    // Back up: not before its next attempt, then delivered once.
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(port, dir.path());
    assert_eq!(pass().await, 0, "waits for its next attempt");
    later();
    assert_eq!(pass().await, 1);
    assert_eq!(pass().await, 0);
    let got = sink.received();
    assert_eq!(got.len(), 1);
    assert!(got[0].contains(&first.message_id), "the stored Message-ID");

    // Busy (451): retried later, then delivered.
    sink.mode("busy");
    let second = invite(&app, &coord, 2).await;
    assert_eq!(pass().await, 0);
    let row = rows(&app).await.remove(1);
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert!(row.last_error.as_deref().unwrap_or("").contains("451"));
    sink.mode("ok");
    later();
    assert_eq!(pass().await, 1);
    assert!(sink.received()[1].contains(&second.message_id));

    // Refused (550): marked failed at once and never tried again.
    sink.mode("reject");
    invite(&app, &coord, 3).await;
    assert_eq!(pass().await, 0);
    let row = rows(&app).await.remove(2);
    assert_eq!((row.status.as_str(), row.attempts), ("failed", 1));
    assert!(row.last_error.as_deref().unwrap_or("").contains("550"));
    sink.mode("ok");
    later();
    assert_eq!(pass().await, 0, "a failed message is not retried");

    // Hanging after connecting: the attempt ends at the timeout and is retried.
    sink.mode("hang");
    let fourth = invite(&app, &coord, 4).await;
    let started = std::time::Instant::now();
    assert_eq!(pass().await, 0);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "bounded by the timeout, took {:?}",
        started.elapsed()
    );
    let row = rows(&app).await.remove(3);
    assert_eq!(row.status, "pending");
    sink.mode("ok");
    later();
    assert_eq!(pass().await, 1);
    let got = sink.received();
    assert_eq!(got.len(), 3, "each message arrived once");
    assert!(got[2].contains(&fourth.message_id));
}

/// Many messages wait while the server is down; the process restarts; once
/// the server is back every one of them goes out, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_outbox_is_delivered_after_a_restart() {
    let port = free_port();
    let app = spawn_app_with(
        Backend::Sqlite,
        &[(
            "mail",
            json!({"transport": "smtp", "host": "127.0.0.1", "port": port, "tls": "none",
                   "from": "Kakehashi <no-reply@kakehashi.test>", "timeout_seconds": 2}),
        )],
    )
    .await;
    let coord = app.coordinator("office@kakehashi.jp").await;
    for n in 0..60 {
        invite(&app, &coord, n).await;
    }
    let transport = Transport::from_config(&app.app.cfg.mail).expect("an SMTP transport");
    assert_eq!(deliver_due(&app.app, &transport).await.unwrap(), 0, "down");
    drop(transport);
    let app = app.restart().await;
    let dir = tempfile::tempdir().unwrap();
    let sink = Sink::start(port, dir.path());
    let transport = Transport::from_config(&app.app.cfg.mail).expect("an SMTP transport");
    app.clock.advance(Duration::hours(2));
    let mut sent = 0;
    for _ in 0..5 {
        sent += deliver_due(&app.app, &transport).await.unwrap();
    }
    assert_eq!(sent, 60);
    let got = sink.received();
    assert_eq!(got.len(), 60, "every message, once");
    let ids: std::collections::BTreeSet<_> = rows(&app)
        .await
        .into_iter()
        .map(|r| {
            assert_eq!(r.status, "sent");
            r.message_id
        })
        .collect();
    assert_eq!(ids.len(), 60);
    for id in &ids {
        assert_eq!(
            got.iter().filter(|m| m.contains(id.as_str())).count(),
            1,
            "{id}"
        );
    }
}
