//! An independent parser accepts our invitations: every invitation snapshot,
//! and invitations with hostile text written now, are parsed by Python's
//! `icalendar` package (installed into `target/py` on first use if the
//! machine lacks it). A missing Python fails the test loudly.
use chrono::TimeZone;
use kakehashi::domain::invite::{self, Event, Method, Person};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

fn python_with_icalendar() -> (String, Option<PathBuf>) {
    crate::helpers::python_with("icalendar", "icalendar>=5,<7")
}

fn check(cases: &serde_json::Value) {
    let (python, path) = python_with_icalendar();
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("cases.json");
    std::fs::write(&spec, cases.to_string()).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/api/py/check_ics.py");
    let mut cmd = Command::new(python);
    cmd.arg(script).arg(&spec);
    if let Some(p) = path {
        cmd.env("PYTHONPATH", p);
    }
    let out = cmd.output().expect("run python");
    assert!(
        out.status.success(),
        "Python's icalendar disagrees:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The calendar text of an insta snapshot (header stripped, CRLF restored).
fn snapshot_body(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let body = text.splitn(3, "---\n").nth(2).expect("an insta snapshot");
    body.trim_end_matches('\n')
        .split('\n')
        .map(|l| format!("{l}\r\n"))
        .collect()
}

#[test]
fn every_invitation_snapshot_parses_with_pythons_icalendar() {
    let snaps = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/domain/snapshots");
    let dir = tempfile::tempdir().unwrap();
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(&snaps).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.contains("__invite__") {
            continue;
        }
        let body = snapshot_body(&path);
        let out = dir.path().join(name.replace(".snap", ".ics"));
        std::fs::write(&out, &body).unwrap();
        let uid = body
            .lines()
            .find_map(|l| l.strip_prefix("UID:"))
            .unwrap()
            .trim()
            .to_string();
        let attendees: Vec<String> = body
            .replace("\r\n ", "")
            .lines()
            .filter(|l| l.starts_with("ATTENDEE"))
            .map(|l| {
                l.rsplit_once(':')
                    .map(|(_, a)| format!("mailto:{a}"))
                    .unwrap()
                    .replace("mailto:mailto:", "mailto:")
            })
            .collect();
        let first_only = body.matches("BEGIN:VEVENT").count();
        let method = body
            .lines()
            .find_map(|l| l.strip_prefix("METHOD:"))
            .map(str::to_string);
        cases.push(json!({
            "path": out, "uid": uid, "events": first_only,
            "method": method.unwrap_or_default(),
            "attendees": if first_only == 1 { attendees } else { attendees[..attendees.len() / first_only].to_vec() },
        }));
    }
    assert!(
        cases.len() >= 5,
        "the invitation snapshots are missing: {cases:?}"
    );
    check(&json!(cases));
}

#[test]
fn hostile_text_round_trips_through_pythons_icalendar() {
    let dir = tempfile::tempdir().unwrap();
    let start = chrono::Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap();
    let texts = [
        "架け橋 メンタリング 第1回「現状と悩みの整理」",
        "絵文字 👩‍💼🌸 と記号 ; , \\ \" : を含む題名",
        "改行\r\nを含む\n説明\rです",
        &"長い日本語の説明文です。".repeat(40),
        "semi;colon,comma\\backslash",
    ];
    let mut cases = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let event = Event {
            uid: format!("u-{i}@kakehashi"),
            sequence: i as i32,
            dtstamp: start,
            starts_at: start,
            ends_at: start + chrono::Duration::minutes(90),
            summary: text.to_string(),
            description: format!("{text}\n2行目"),
            meeting_url: Some("https://meet.example.com/abc?x=1&y=2".into()),
            organizer: Person {
                name: "架け橋 \"事務局\"".into(),
                email: "office@kakehashi.jp".into(),
            },
            attendees: vec![
                Person {
                    name: text.to_string(),
                    email: "hanako@example.jp".into(),
                },
                Person {
                    name: "鈴木; 恵子, 部長".into(),
                    email: "suzuki@example.jp".into(),
                },
            ],
            cancelled: i % 2 == 1,
        };
        let method = if event.cancelled {
            Method::Cancel
        } else {
            Method::Request
        };
        let ics = invite::invitation(method, &event);
        let path = dir.path().join(format!("{i}.ics"));
        std::fs::write(&path, &ics).unwrap();
        let normalise = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
        cases.push(json!({
            "path": path, "uid": event.uid, "method": method.as_str(),
            "attendees": ["mailto:hanako@example.jp", "mailto:suzuki@example.jp"],
            "summary": normalise(text), "description": normalise(&event.description),
            "dtstart": "2026-12-03T20:00:00+09:00",
            "status": if event.cancelled { "CANCELLED" } else { "CONFIRMED" },
        }));
    }
    check(&json!(cases));
}
