//! `kakehashi demo --mentees N --mentors M`: fill the configured database
//! with a realistic programme — mentors with varied profiles, intakes in
//! every status, assignments, plans at every stage with their sessions,
//! sheets and replies in Japanese, feedback, and the outbox history — for a
//! newcomer's demo (small N) and for the performance scenarios (N up to
//! 100,000). Rows are written in batches inside write transactions; the
//! result is the same for the same seed.
//!
//! Every demo account signs in with [`PASSWORD`]: the coordinator
//! `office@demo.kakehashi.jp`, mentors `mentor<i>@demo.kakehashi.jp`,
//! mentees `mentee<i>@demo.kakehashi.jp`.
use crate::db::entities::{
    api_tokens, assignments, intakes, mentor_profiles, outbox, plan_feedback, plan_sessions, plans,
    sheets, users,
};
use crate::db::Db;
use crate::domain::codes::*;
use crate::domain::intake::{IntakeFields, Preference, CONSENT_VERSION};
use crate::domain::mentor::Profile;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveValue::NotSet, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// The password of every demo account.
pub const PASSWORD: &str = "kakehashi-demo-2026";
pub const COORDINATOR: &str = "office@demo.kakehashi.jp";
const DOMAIN: &str = "demo.kakehashi.jp";
/// Rows per INSERT statement (SQLite allows 32,766 bound values).
const BATCH: usize = 500;

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub mentors: usize,
    pub mentees: usize,
    pub plans: usize,
    pub sessions: usize,
    pub sheets: usize,
    pub emails: usize,
}

const FAMILY: &[&str] = &[
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
];
const GIVEN: &[&str] = &[
    "花子", "美咲", "陽子", "恵子", "由美", "真理", "直子", "智子", "裕子", "明美", "優子", "香織",
    "彩", "舞", "愛", "結衣", "麻衣", "千尋", "里奈", "沙織",
];
const CONCERN_TEXT: &[&str] = &[
    "育休から復帰して半年、時短勤務で責任のある仕事から外されたように感じています。",
    "管理職の打診がありましたが、子育てと両立できるか自信がありません。",
    "社内に相談できる女性の先輩がいないため、社外の方の経験を聞きたいです。",
    "評価面談でいつも「今のままで十分」と言われ、次の一歩が見えません。",
    "会議に呼ばれないことが増え、自分の役割がわからなくなっています。",
    "転職も考えていますが、今の会社でできることが残っていないか整理したいです。",
];
const GOALS: &[&str] = &[
    "1年後に管理職として働くかどうか、自分で決められるようになりたい",
    "上司に自分のキャリアの希望をはっきり伝えられるようになりたい",
    "両立しながらも、専門性を活かせる仕事を任されるようになりたい",
    "3年後のキャリアの選択肢を具体的に描けるようになりたい",
];
const REALIZATIONS: &[&str] = &[
    "自分の経験が管理職としても活かせると気づきました。",
    "できないことより、できることから考えればよいと思えました。",
    "上司に相談する前に、自分の希望を言葉にしておく大切さに気づきました。",
    "完璧でなくても手を挙げていいのだと、肩の力が抜けました。",
];
const ACTIONS: &[&str] = &[
    "来週の1on1で、任されたい仕事を上司に伝える。",
    "今月中に、社内で話を聞けそうな先輩を2人探す。",
    "自分の強みを3つ書き出して、次の面談に持っていく。",
];
const REPLIES: &[&str] = &[
    "シートを読んで、一歩ずつ確かに進んでいると感じました。次の面談でも一緒に考えましょう。",
    "上司に伝える準備ができているのが素晴らしいです。結果を聞けるのを楽しみにしています。",
];
const STRENGTHS: &[&str] = &[
    "相手の話を最後まで聴ける傾聴力",
    "周りを巻き込みながら物事を前に進める力",
    "状況を冷静に整理して言葉にする力",
    "小さな変化に気づける観察力",
];
const HEADLINES: &[&str] = &[
    "IT企業の部長。2児の母として両立してきました",
    "メーカーで初の女性課長に。転職経験あり",
    "金融機関の人事部長。育休からの復帰を支援してきました",
    "中小企業の役員。営業一筋20年",
    "医療法人の看護部長。地方から管理職へ",
];

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

fn name(rng: &mut StdRng) -> String {
    format!("{} {}", pick(rng, FAMILY), pick(rng, GIVEN))
}

fn some<T: Copy>(rng: &mut StdRng, all: &[T], max: usize) -> Vec<T> {
    let n = rng.gen_range(1..=max.min(all.len()));
    all.choose_multiple(rng, n).copied().collect()
}

fn profile(rng: &mut StdRng) -> Profile {
    Profile {
        headline: pick(rng, HEADLINES).to_string(),
        bio: format!(
            "{}。{}",
            pick(rng, HEADLINES),
            "メンティの話をじっくり聴き、自分で答えを見つけるお手伝いをします"
        ),
        industry: Some(*pick(rng, Industry::ALL)),
        company_size: Some(*pick(rng, CompanySize::ALL)),
        job_function: Some(*pick(rng, JobFunction::ALL)),
        position: Some(*pick(
            rng,
            &[
                Position::Manager,
                Position::SeniorManager,
                Position::Executive,
            ],
        )),
        experiences: some(rng, Experience::ALL, 5),
        capacity: rng.gen_range(1..=4),
        accepting: rng.gen_bool(0.85),
    }
}

fn intake_fields(rng: &mut StdRng, complete: bool) -> IntakeFields {
    let mut f = IntakeFields {
        age_band: Some(*pick(rng, AgeBand::ALL)),
        industry: Some(*pick(rng, Industry::ALL)),
        company_size: Some(*pick(rng, CompanySize::ALL)),
        ..Default::default()
    };
    if !complete && rng.gen_bool(0.5) {
        return f;
    }
    let children = rng.gen_range(0..=3u8);
    f.job_function = Some(*pick(rng, JobFunction::ALL));
    f.position = Some(*pick(
        rng,
        &[Position::Staff, Position::Leader, Position::Specialist],
    ));
    f.employment = Some(*pick(rng, Employment::ALL));
    f.children = Some(children);
    f.youngest_child_age = (children > 0).then(|| rng.gen_range(0..=15));
    f.leave_status = Some(*pick(rng, LeaveStatus::ALL));
    f.concerns = some(rng, Concern::ALL, 3);
    f.concern_detail = Some(format!(
        "{}{}",
        pick(rng, CONCERN_TEXT),
        pick(rng, CONCERN_TEXT)
    ));
    f.self_check = some(rng, SelfCheck::ALL, 2);
    f.goals = Some(pick(rng, GOALS).to_string());
    f.mentor_preferences = some(rng, Experience::ALL, 3)
        .into_iter()
        .map(|code| Preference {
            code,
            importance: if rng.gen_bool(0.3) {
                Importance::Must
            } else {
                Importance::Nice
            },
        })
        .collect();
    f.plan = Some(if rng.gen_bool(0.7) {
        PlanKind::Three
    } else {
        PlanKind::Single
    });
    f.availability = some(rng, Availability::ALL, 2);
    f.call_ok = Some(rng.gen_bool(0.6));
    f.phone = f
        .call_ok
        .filter(|ok| *ok)
        .map(|_| "090-0000-0000".to_string());
    f.consent = complete;
    f.share_sheets = complete && rng.gen_bool(0.4);
    f
}

fn user(
    email: String,
    name: String,
    role: Role,
    hash: &str,
    at: DateTime<Utc>,
) -> users::ActiveModel {
    users::ActiveModel {
        id: NotSet,
        email: Set(email),
        password_hash: Set(Some(hash.to_string())),
        display_name: Set(name),
        role: Set(role.as_str().into()),
        locale: Set("ja".into()),
        time_zone: Set("Asia/Tokyo".into()),
        disabled: Set(false),
        created_at: Set(at),
        updated_at: Set(at),
        deleted_at: Set(None),
    }
}

fn mail(
    kind: &str,
    to: &str,
    name: &str,
    subject: &str,
    at: DateTime<Utc>,
    n: usize,
) -> outbox::ActiveModel {
    outbox::ActiveModel {
        id: NotSet,
        kind: Set(kind.into()),
        message_id: Set(format!("<demo-{n}@{DOMAIN}>")),
        to_address: Set(to.into()),
        to_name: Set(name.into()),
        subject: Set(subject.into()),
        text_body: Set(format!("{name}さん\n\n{subject}\n\n架け橋 事務局")),
        html_body: Set(format!(
            "<p>{name}さん</p><p>{subject}</p><p>架け橋 事務局</p>"
        )),
        status: Set("sent".into()),
        attempts: Set(1),
        next_attempt_at: Set(at),
        last_error: Set(None),
        created_at: Set(at),
        sent_at: Set(Some(at)),
        ics: Set(None),
        ics_method: Set(None),
    }
}

/// Insert rows in batches, answering the inserted models in order.
async fn insert_all<A>(db: &Db, rows: Vec<A>) -> AppResult<Vec<<A::Entity as EntityTrait>::Model>>
where
    A: sea_orm::ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    let mut out = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let tx = db.begin_write().await?;
        for _ in 0..20 {
            let chunk: Vec<A> = rows.by_ref().take(BATCH).collect();
            if chunk.is_empty() {
                break;
            }
            out.extend(
                <A::Entity as EntityTrait>::insert_many(chunk)
                    .exec_with_returning(&tx)
                    .await?,
            );
        }
        tx.commit().await?;
    }
    Ok(out)
}

/// Fill the database. Refuses (409) when demo data is already there.
pub async fn generate(
    db: &Db,
    now: DateTime<Utc>,
    mentees: usize,
    mentors: usize,
    seed: u64,
) -> AppResult<Summary> {
    if users::Entity::find()
        .filter(users::Column::Email.eq(COORDINATOR))
        .count(&db.conn)
        .await?
        > 0
    {
        return Err(AppError::conflict(
            "demo_present",
            "This database already holds the demo programme.",
        ));
    }
    if mentors == 0 && mentees > 0 {
        return Err(AppError::field("mentors", "out_of_range"));
    }
    crate::db::plans::seed_template(db, now).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let hash = crate::auth::password::hash_now(PASSWORD)?;
    let year_ago = now - Duration::days(365);
    let mut summary = Summary {
        mentors,
        mentees,
        ..Default::default()
    };

    // People.
    let mut people = vec![user(
        COORDINATOR.into(),
        "架け橋 事務局".into(),
        Role::Coordinator,
        &hash,
        year_ago,
    )];
    for i in 0..mentors {
        let n = name(&mut rng);
        people.push(user(
            format!("mentor{i}@{DOMAIN}"),
            n,
            Role::Mentor,
            &hash,
            year_ago,
        ));
    }
    let mut joined = Vec::with_capacity(mentees);
    for i in 0..mentees {
        let at = year_ago + Duration::minutes(rng.gen_range(0..60 * 24 * 350));
        joined.push(at);
        let n = name(&mut rng);
        people.push(user(
            format!("mentee{i}@{DOMAIN}"),
            n,
            Role::Mentee,
            &hash,
            at,
        ));
    }
    let people = insert_all(db, people).await?;
    let coordinator = people[0].id;
    let mentor_users = &people[1..=mentors];
    let mentee_users = &people[mentors + 1..];

    let profiles: Vec<mentor_profiles::ActiveModel> = mentor_users
        .iter()
        .map(|u| {
            let p = profile(&mut rng);
            mentor_profiles::ActiveModel {
                id: NotSet,
                user_id: Set(u.id),
                capacity: Set(i32::from(p.capacity)),
                accepting: Set(p.accepting),
                profile: Set(serde_json::to_string(&p).unwrap_or_default()),
                created_at: Set(year_ago),
                updated_at: Set(year_ago),
            }
        })
        .collect();
    let profiles = insert_all(db, profiles).await?;

    // Intakes in every status.
    let mut statuses = Vec::with_capacity(mentees);
    let mut intake_rows = Vec::with_capacity(mentees);
    for (i, u) in mentee_users.iter().enumerate() {
        let roll = rng.gen_range(0..100);
        let status = match roll {
            0..=11 => IntakeStatus::Draft,
            12..=27 => IntakeStatus::Submitted,
            28..=32 => IntakeStatus::Matching,
            33..=35 => IntakeStatus::Withdrawn,
            _ => IntakeStatus::Matched,
        };
        let f = intake_fields(&mut rng, status != IntakeStatus::Draft);
        let submitted = (status != IntakeStatus::Draft).then(|| joined[i] + Duration::hours(2));
        statuses.push(status);
        intake_rows.push(intakes::ActiveModel {
            id: NotSet,
            mentee_id: Set(u.id),
            status: Set(status.as_str().into()),
            completeness: Set(i32::from(f.completeness())),
            needs_call: Set(f.needs_call()),
            fields: Set(serde_json::to_string(&f).unwrap_or_default()),
            consent_version: Set(submitted.map(|_| CONSENT_VERSION.to_string())),
            consented_at: Set(submitted),
            submitted_at: Set(submitted),
            created_at: Set(joined[i]),
            updated_at: Set(submitted.unwrap_or(joined[i])),
        });
    }
    let intake_models = insert_all(db, intake_rows).await?;

    // Assignments: pending for those being matched, accepted for the matched.
    let mut assignment_rows = Vec::new();
    let mut assigned = Vec::new();
    for (i, intake) in intake_models.iter().enumerate() {
        let status = match statuses[i] {
            IntakeStatus::Matching => AssignmentStatus::Pending,
            IntakeStatus::Matched => AssignmentStatus::Accepted,
            _ => continue,
        };
        let mentor = &profiles[i % profiles.len()];
        let at = intake.submitted_at.unwrap_or(now) + Duration::days(rng.gen_range(1..10));
        assigned.push((i, mentor.id, at));
        assignment_rows.push(assignments::ActiveModel {
            id: NotSet,
            intake_id: Set(intake.id),
            mentor_id: Set(mentor.id),
            coordinator_id: Set(coordinator),
            status: Set(status.as_str().into()),
            message: Set("ご経験がきっと力になると思い、ご紹介します。".into()),
            decline_reason: Set(None),
            created_at: Set(at),
            decided_at: Set((status == AssignmentStatus::Accepted).then(|| at + Duration::days(1))),
        });
    }
    let assignment_models = insert_all(db, assignment_rows).await?;

    // Plans for the accepted ones, each at its own stage.
    let template = crate::db::plans::DEFAULT_TEMPLATE;
    let mut plan_rows = Vec::new();
    let mut plan_meta = Vec::new();
    for (a, (i, mentor_id, at)) in assignment_models.iter().zip(&assigned) {
        if a.status != AssignmentStatus::Accepted.as_str() {
            continue;
        }
        let f: IntakeFields = serde_json::from_str(&intake_models[*i].fields).unwrap_or_default();
        let kind = f.plan.unwrap_or(PlanKind::Three);
        let count = if kind == PlanKind::Three { 3 } else { 1 };
        let start = *at + Duration::days(1);
        // How far along: 0..=count sessions held; all held and replied is completed.
        let held = rng.gen_range(0..=count);
        let done = held == count && (start + Duration::days(30 * count as i64)) < now;
        plan_meta.push((*i, count, held, done, start));
        plan_rows.push(plans::ActiveModel {
            id: NotSet,
            assignment_id: Set(a.id),
            intake_id: Set(a.intake_id),
            mentee_id: Set(mentee_users[*i].id),
            mentor_id: Set(*mentor_id),
            kind: Set(kind.as_str().into()),
            status: Set(if done {
                PlanStatus::Completed
            } else {
                PlanStatus::Active
            }
            .as_str()
            .into()),
            created_at: Set(start),
            completed_at: Set(done.then(|| start + Duration::days(30 * count as i64))),
        });
    }
    let plan_models = insert_all(db, plan_rows).await?;
    summary.plans = plan_models.len();

    let mut session_rows = Vec::new();
    let mut session_meta = Vec::new();
    for (p, (_, count, held, done, start)) in plan_models.iter().zip(&plan_meta) {
        for n in 0..*count {
            let (theme, prompts) = template[n.min(2)];
            let starts = *start + Duration::days(14 * (n as i64 + 1)) + Duration::hours(11);
            let is_held = n < *held;
            // The next session is scheduled only when it is still ahead: the
            // programme is in a steady state, with nothing overdue at start.
            let next = n == *held && !done;
            let status = if is_held {
                SessionStatus::Held
            } else if next && starts > now + Duration::hours(2) && rng.gen_bool(0.5) {
                SessionStatus::Scheduled
            } else {
                SessionStatus::Unscheduled
            };
            // Held sessions: replied when the plan is done, else a mix.
            let sheet = if !is_held {
                SheetStatus::NotStarted
            } else if *done {
                SheetStatus::Replied
            } else {
                *pick(
                    &mut rng,
                    &[
                        SheetStatus::NotStarted,
                        SheetStatus::Draft,
                        SheetStatus::Submitted,
                        SheetStatus::Replied,
                    ],
                )
            };
            let timed = status != SessionStatus::Unscheduled;
            session_meta.push((p.id, p.mentee_id, sheet, starts));
            session_rows.push(plan_sessions::ActiveModel {
                id: NotSet,
                plan_id: Set(p.id),
                number: Set(n as i32 + 1),
                theme: Set(theme.into()),
                prompts: Set(serde_json::to_string(prompts).unwrap_or_default()),
                status: Set(status.as_str().into()),
                starts_at: Set(timed.then_some(starts)),
                ends_at: Set(timed.then(|| starts + Duration::minutes(60))),
                meeting_url: Set(timed.then(|| "https://meet.example.jp/demo".to_string())),
                uid: Set(format!("demo-{}-{}@{DOMAIN}", p.id, n + 1)),
                sequence: Set(0),
                created_at: Set(*start),
                updated_at: Set(starts),
                proposals: Set("[]".into()),
                proposed_by: Set(None),
                proposal_message: Set(None),
                proposal_meeting_url: Set(None),
                proposed_at: Set(None),
                confirmed_at: Set(timed.then(|| starts - Duration::days(7))),
                held_at: Set(is_held.then(|| starts + Duration::minutes(60))),
                cancel_reason: Set(None),
                cancelled_at: Set(None),
                reminded_at: Set(timed.then(|| starts - Duration::days(1))),
                sheet_status: Set(sheet.as_str().into()),
                sheet_nudged_at: Set(is_held.then(|| starts + Duration::days(3))),
            });
        }
    }
    let session_models = insert_all(db, session_rows).await?;
    summary.sessions = session_models.len();

    let mut sheet_rows = Vec::new();
    for (s, (plan_id, mentee_id, status, starts)) in session_models.iter().zip(&session_meta) {
        if *status == SheetStatus::NotStarted {
            continue;
        }
        let written = *starts + Duration::days(2);
        let submitted = matches!(status, SheetStatus::Submitted | SheetStatus::Replied);
        let replied = *status == SheetStatus::Replied;
        sheet_rows.push(sheets::ActiveModel {
            id: NotSet,
            session_id: Set(s.id),
            plan_id: Set(*plan_id),
            mentee_id: Set(*mentee_id),
            realizations: Set(pick(&mut rng, REALIZATIONS).to_string()),
            next_actions: Set(pick(&mut rng, ACTIONS).to_string()),
            questions: Set("管理職になって一番大変だったことは何ですか。".into()),
            version: Set(2),
            created_at: Set(written),
            updated_at: Set(written),
            submitted_at: Set(submitted.then_some(written)),
            reply_message: Set(replied.then(|| pick(&mut rng, REPLIES).to_string())),
            reply_strengths: Set(replied.then(|| pick(&mut rng, STRENGTHS).to_string())),
            replied_at: Set(replied.then(|| written + Duration::days(2))),
            // A steady state: the reply nudges already due were sent.
            reply_nudged_at: Set((submitted && !replied && written + Duration::days(5) < now)
                .then(|| written + Duration::days(5))),
        });
    }
    summary.sheets = insert_all(db, sheet_rows).await?.len();

    let feedback: Vec<plan_feedback::ActiveModel> = plan_models
        .iter()
        .filter(|p| p.status == PlanStatus::Completed.as_str())
        .map(|p| plan_feedback::ActiveModel {
            id: NotSet,
            plan_id: Set(p.id),
            mentee_id: Set(p.mentee_id),
            satisfaction: Set(rng.gen_range(3..=5)),
            positive_action: Set(rng.gen_bool(0.7)),
            positive_action_detail: Set("上司にキャリアの希望を伝えた".into()),
            comment: Set("社外の方に話を聞いてもらえて、視野が広がりました。".into()),
            created_at: Set(p.completed_at.unwrap_or(now)),
        })
        .collect();
    insert_all(db, feedback).await?;

    // The outbox's history: what each person was sent.
    let mut mails = Vec::new();
    for (i, u) in mentee_users.iter().enumerate() {
        if let Some(at) = intake_models[i].submitted_at {
            mails.push(mail(
                "intake_submitted",
                &u.email,
                &u.display_name,
                "申込みを受け付けました",
                at,
                mails.len(),
            ));
        }
    }
    for p in &plan_models {
        mails.push(mail(
            "assignment_accepted",
            COORDINATOR,
            "架け橋 事務局",
            "メンターが打診を承諾しました",
            p.created_at,
            mails.len(),
        ));
    }
    summary.emails = insert_all(db, mails).await?.len();
    analyze(db).await?;
    Ok(summary)
}

/// After a bulk load PostgreSQL has neither statistics nor a visibility map
/// until autovacuum comes round: the planner guesses, index-only scans (the
/// queue's covering index) visit the table for every row, and autovacuum
/// starts in the middle of whatever runs next (the load scenario's first
/// route). A programme in use has both, so it gets them now.
async fn analyze(db: &Db) -> AppResult<()> {
    if db.backend() == sea_orm::DbBackend::Postgres {
        use sea_orm::ConnectionTrait;
        db.conn.execute_unprepared("VACUUM (ANALYZE)").await?;
    }
    Ok(())
}

/// What the load scenario needs beyond the demo programme: API tokens for the
/// coordinator, for `count` mentees each holding a complete draft intake
/// (ready to submit), and for `count` mentees each in an active single-session
/// plan whose held session has a draft sheet (ready to submit).
#[derive(Debug, Clone, Default)]
pub struct LoadKit {
    pub coordinator_token: String,
    /// Bearer tokens of mentees with a complete draft intake.
    pub intakes: Vec<String>,
    /// (bearer token, session id) of mentees with a draft sheet to submit.
    pub sheets: Vec<(String, i32)>,
    /// An intake waiting in the queue, for the candidate list.
    pub queued_intake: i32,
}

fn token_row(user_id: i32, now: DateTime<Utc>) -> (String, api_tokens::ActiveModel) {
    let secret = crate::auth::tokens::new_secret();
    let row = api_tokens::ActiveModel {
        id: NotSet,
        token_hash: Set(crate::auth::tokens::digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(2)),
        revoked_at: Set(None),
    };
    (secret, row)
}

/// Write the load kit into a database that holds the demo programme.
/// Refuses (409) a second time, and (404) without the demo.
pub async fn load_kit(db: &Db, now: DateTime<Utc>, count: usize) -> AppResult<LoadKit> {
    let coordinator = users::Entity::find()
        .filter(users::Column::Email.eq(COORDINATOR))
        .one(&db.conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    if users::Entity::find()
        .filter(users::Column::Email.eq(format!("load-intake0@{DOMAIN}")))
        .count(&db.conn)
        .await?
        > 0
    {
        return Err(AppError::conflict(
            "load_kit_present",
            "This database already holds the load kit.",
        ));
    }
    let mentors = mentor_profiles::Entity::find()
        .filter(mentor_profiles::Column::Accepting.eq(true))
        .all(&db.conn)
        .await?;
    if mentors.is_empty() {
        return Err(AppError::not_found());
    }
    let queued_intake = intakes::Entity::find()
        .filter(intakes::Column::Status.eq(IntakeStatus::Submitted.as_str()))
        .one(&db.conn)
        .await?
        .ok_or_else(AppError::not_found)?
        .id;
    let mut rng = StdRng::seed_from_u64(7);
    let hash = crate::auth::password::hash_now(PASSWORD)?;
    let mut people = Vec::with_capacity(2 * count);
    for kind in ["load-intake", "load-sheet"] {
        for i in 0..count {
            people.push(user(
                format!("{kind}{i}@{DOMAIN}"),
                name(&mut rng),
                Role::Mentee,
                &hash,
                now,
            ));
        }
    }
    let people = insert_all(db, people).await?;
    let (drafting, sheeting) = people.split_at(count);

    let intake_rows = people
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let f = intake_fields(&mut rng, true);
            let matched = i >= count;
            intakes::ActiveModel {
                id: NotSet,
                mentee_id: Set(u.id),
                status: Set(if matched {
                    IntakeStatus::Matched
                } else {
                    IntakeStatus::Draft
                }
                .as_str()
                .into()),
                completeness: Set(i32::from(f.completeness())),
                needs_call: Set(f.needs_call()),
                fields: Set(serde_json::to_string(&f).unwrap_or_default()),
                consent_version: Set(matched.then(|| CONSENT_VERSION.to_string())),
                consented_at: Set(matched.then_some(now)),
                submitted_at: Set(matched.then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    let intake_models = insert_all(db, intake_rows).await?;
    let matched = &intake_models[count..];

    let assignment_rows = matched
        .iter()
        .enumerate()
        .map(|(i, intake)| assignments::ActiveModel {
            id: NotSet,
            intake_id: Set(intake.id),
            mentor_id: Set(mentors[i % mentors.len()].id),
            coordinator_id: Set(coordinator.id),
            status: Set(AssignmentStatus::Accepted.as_str().into()),
            message: Set("ご紹介します。".into()),
            decline_reason: Set(None),
            created_at: Set(now),
            decided_at: Set(Some(now)),
        })
        .collect();
    let assignment_models = insert_all(db, assignment_rows).await?;
    let plan_rows = assignment_models
        .iter()
        .zip(sheeting)
        .map(|(a, u)| plans::ActiveModel {
            id: NotSet,
            assignment_id: Set(a.id),
            intake_id: Set(a.intake_id),
            mentee_id: Set(u.id),
            mentor_id: Set(a.mentor_id),
            kind: Set(PlanKind::Single.as_str().into()),
            status: Set(PlanStatus::Active.as_str().into()),
            created_at: Set(now),
            completed_at: Set(None),
        })
        .collect();
    let plan_models = insert_all(db, plan_rows).await?;
    let (theme, prompts) = crate::db::plans::DEFAULT_TEMPLATE[0];
    let starts = now - Duration::days(1);
    let session_rows = plan_models
        .iter()
        .map(|p| plan_sessions::ActiveModel {
            id: NotSet,
            plan_id: Set(p.id),
            number: Set(1),
            theme: Set(theme.into()),
            prompts: Set(serde_json::to_string(prompts).unwrap_or_default()),
            status: Set(SessionStatus::Held.as_str().into()),
            starts_at: Set(Some(starts)),
            ends_at: Set(Some(starts + Duration::minutes(60))),
            meeting_url: Set(Some("https://meet.example.jp/load".to_string())),
            uid: Set(format!("load-{}-1@{DOMAIN}", p.id)),
            sequence: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            proposals: Set("[]".into()),
            proposed_by: Set(None),
            proposal_message: Set(None),
            proposal_meeting_url: Set(None),
            proposed_at: Set(None),
            confirmed_at: Set(Some(starts - Duration::days(7))),
            held_at: Set(Some(starts + Duration::minutes(60))),
            cancel_reason: Set(None),
            cancelled_at: Set(None),
            reminded_at: Set(Some(starts - Duration::days(1))),
            sheet_status: Set(SheetStatus::Draft.as_str().into()),
            sheet_nudged_at: Set(Some(now)),
        })
        .collect();
    let session_models = insert_all(db, session_rows).await?;
    let sheet_rows = session_models
        .iter()
        .zip(&plan_models)
        .map(|(s, p)| sheets::ActiveModel {
            id: NotSet,
            session_id: Set(s.id),
            plan_id: Set(p.id),
            mentee_id: Set(p.mentee_id),
            realizations: Set(pick(&mut rng, REALIZATIONS).to_string()),
            next_actions: Set(pick(&mut rng, ACTIONS).to_string()),
            questions: Set(String::new()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            submitted_at: Set(None),
            reply_message: Set(None),
            reply_strengths: Set(None),
            replied_at: Set(None),
            reply_nudged_at: Set(None),
        })
        .collect();
    insert_all(db, sheet_rows).await?;

    let mut kit = LoadKit {
        queued_intake,
        ..Default::default()
    };
    let mut token_rows = Vec::with_capacity(2 * count + 1);
    let (secret, row) = token_row(coordinator.id, now);
    kit.coordinator_token = secret;
    token_rows.push(row);
    for u in drafting {
        let (secret, row) = token_row(u.id, now);
        kit.intakes.push(secret);
        token_rows.push(row);
    }
    for (u, s) in sheeting.iter().zip(&session_models) {
        let (secret, row) = token_row(u.id, now);
        kit.sheets.push((secret, s.id));
        token_rows.push(row);
    }
    insert_all(db, token_rows).await?;
    analyze(db).await?;
    Ok(kit)
}
