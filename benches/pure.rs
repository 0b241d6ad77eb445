//! criterion benchmarks of the pure parts (`cargo bench`): ranking 10,000
//! mentors to the top 10 with reasons, intake completeness, writing an
//! invitation, rendering an email. CI runs them once each in test mode
//! (`cargo test --benches`) so they cannot rot; no time is asserted.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark fails loudly when its fixture is broken"
)]
use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use kakehashi::domain::codes::*;
use kakehashi::domain::intake::{IntakeFields, Preference};
use kakehashi::domain::invite::{invitation, Event, Method, Person};
use kakehashi::domain::matching::{rank, MentorCandidate};
use serde_json::json;
use std::hint::black_box;

fn intake() -> IntakeFields {
    IntakeFields {
        age_band: Some(AgeBand::ALL[1]),
        industry: Some(Industry::ALL[1]),
        company_size: Some(CompanySize::ALL[0]),
        job_function: Some(JobFunction::ALL[2]),
        position: Some(Position::Leader),
        employment: Some(Employment::ALL[1]),
        children: Some(2),
        youngest_child_age: Some(3),
        leave_status: Some(LeaveStatus::ALL[2]),
        concerns: Concern::ALL[..3].to_vec(),
        concern_detail: Some(
            "育休から復帰して半年、時短勤務で責任のある仕事から外されたように感じています。".into(),
        ),
        self_check: SelfCheck::ALL[..2].to_vec(),
        goals: Some("1年後に管理職として働くかどうか自分で決めたい".into()),
        mentor_preferences: vec![
            Preference {
                code: Experience::ALL[4],
                importance: Importance::Must,
            },
            Preference {
                code: Experience::ALL[0],
                importance: Importance::Nice,
            },
            Preference {
                code: Experience::ALL[7],
                importance: Importance::Nice,
            },
        ],
        plan: Some(PlanKind::Three),
        availability: Availability::ALL[..2].to_vec(),
        phone: Some("090-1234-5678".into()),
        call_ok: Some(true),
        consent: true,
        share_sheets: false,
    }
}

/// A varied roster, the same on every run.
fn roster(n: usize) -> Vec<MentorCandidate> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..n)
        .map(|i| MentorCandidate {
            mentor_id: i as i64,
            industry: Some(Industry::ALL[next(Industry::ALL.len())]),
            company_size: Some(CompanySize::ALL[next(CompanySize::ALL.len())]),
            job_function: Some(JobFunction::ALL[next(JobFunction::ALL.len())]),
            position: Some(Position::ALL[next(Position::ALL.len())]),
            experiences: (0..next(6))
                .map(|_| Experience::ALL[next(Experience::ALL.len())])
                .collect(),
            capacity: 1 + next(4) as u8,
            accepting: next(10) > 0,
            load: next(4) as u32,
        })
        .collect()
}

fn event() -> Event {
    let at = Utc.with_ymd_and_hms(2026, 12, 3, 11, 0, 0).unwrap();
    Event {
        uid: "plan-1-session-1@kakehashi.example.jp".into(),
        sequence: 1,
        dtstamp: at,
        starts_at: at,
        ends_at: at + chrono::Duration::minutes(60),
        summary: "架け橋 メンタリング 第1回：現状と悩みの整理".into(),
        description: "山田 花子さんと鈴木 恵子さんの面談です。\n問いかけ：いま一番気になっていることは何ですか".into(),
        meeting_url: Some("https://meet.example.jp/abc-defg-hij".into()),
        organizer: Person { name: "架け橋 事務局".into(), email: "jimukyoku@example.jp".into() },
        attendees: vec![
            Person { name: "山田 花子".into(), email: "hanako@example.jp".into() },
            Person { name: "鈴木 恵子".into(), email: "keiko@example.jp".into() },
        ],
        cancelled: false,
    }
}

fn benches(c: &mut Criterion) {
    let intake = intake();
    let mentors = roster(10_000);
    c.bench_function("rank 10,000 mentors, top 10 with reasons", |b| {
        b.iter(|| rank(black_box(&intake), black_box(&mentors), 10))
    });
    c.bench_function("intake completeness", |b| {
        b.iter(|| black_box(&intake).completeness())
    });
    let ev = event();
    c.bench_function("write one invitation", |b| {
        b.iter(|| invitation(Method::Request, black_box(&ev)))
    });
    let views = kakehashi::views::Views::new().expect("templates");
    let ctx = json!({
        "lang": "ja", "to_name": "山田 花子", "public_url": "https://kakehashi.example.jp",
        "link": "https://kakehashi.example.jp/intake",
    });
    c.bench_function("render one email (subject, text, HTML)", |b| {
        b.iter(|| {
            for part in ["subject.txt", "body.txt", "body.html"] {
                black_box(
                    views
                        .render(&format!("emails/intake_submitted/{part}"), &ctx)
                        .unwrap(),
                );
            }
        })
    });
}

criterion_group!(pure, benches);
criterion_main!(pure);
