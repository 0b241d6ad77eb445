//! Sessions of a plan: proposals, the other side's choice, moves,
//! cancellations and "held", each in one transaction with the emails (and
//! calendar invitations) it causes; the reminder and auto-held pass; the
//! invitation of a session's current state.
use super::entities::{mentor_profiles, plan_sessions, plans, users};
use super::lock_for_update;
use crate::domain::codes::{PlanStatus, SessionStatus, SheetStatus, Side};
use crate::domain::invite::{self, Event, Method, Person};
use crate::domain::schedule::{self, NextStep, Proposal, RawSlot, Slot, State};
use crate::error::{AppError, AppResult};
use crate::i18n::{self, Lang};
use crate::mail::{self, Calendar, Email};
use crate::views::{fmt_range, user_lang, user_tz};
use crate::App;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};

/// A session with its plan and both people.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub session: plan_sessions::Model,
    pub plan: plans::Model,
    pub mentee: users::Model,
    pub mentor: users::Model,
}

impl Loaded {
    pub fn person(&self, side: Side) -> &users::Model {
        match side {
            Side::Mentee => &self.mentee,
            Side::Mentor => &self.mentor,
        }
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::Mentee => Side::Mentor,
        Side::Mentor => Side::Mentee,
    }
}

/// The proposed slots stored on a session.
pub fn slots(s: &plan_sessions::Model) -> Vec<Slot> {
    serde_json::from_str(&s.proposals).unwrap_or_default()
}

/// The rules' view of a stored session.
pub fn state(s: &plan_sessions::Model) -> State {
    State {
        status: SessionStatus::parse(&s.status).unwrap_or(SessionStatus::Unscheduled),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        proposals: slots(s),
        proposed_by: s.proposed_by.as_deref().and_then(Side::parse),
        ever_confirmed: s.confirmed_at.is_some(),
        sequence: s.sequence,
        sheet: SheetStatus::parse(&s.sheet_status).unwrap_or(SheetStatus::NotStarted),
    }
}

/// A plan's mentee and mentor (as users).
pub async fn people<C: ConnectionTrait>(
    conn: &C,
    plan: &plans::Model,
) -> AppResult<(users::Model, users::Model)> {
    use sea_orm::{JoinType, RelationDef};
    let mentee = users::Entity::find_by_id(plan.mentee_id)
        .one(conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    // The mentor's account through her profile, in one query (each side by
    // its key: an OR of the two would make PostgreSQL scan every account).
    let via: RelationDef = mentor_profiles::Entity::belongs_to(users::Entity)
        .from(mentor_profiles::Column::UserId)
        .to(users::Column::Id)
        .into();
    let (_, mentor) = mentor_profiles::Entity::find_by_id(plan.mentor_id)
        .select_also(users::Entity)
        .join(JoinType::InnerJoin, via)
        .one(conn)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((mentee, mentor.ok_or_else(AppError::not_found)?))
}

/// A session with its plan and people, whoever asks (for background work).
pub async fn by_id<C: ConnectionTrait>(conn: &C, id: i32) -> AppResult<Loaded> {
    joined(conn, id, false).await
}

/// A session, its plan, its mentee and its mentor's account in one query:
/// each of the four was a query of its own, and inside a write turn on
/// SQLite each query is a hop to the writer's thread and back (README,
/// Performance). SQLite's writes begin IMMEDIATE, so nothing changes under
/// a write turn. With `lock` on PostgreSQL the session's row (only it) is
/// locked first, in a statement of its own, and the joined read follows:
/// a `FOR UPDATE` inside the joined query would, after waiting for another
/// transaction, re-read the session but keep the plan and people as they
/// were before the wait (READ COMMITTED re-reads only the locked rows), and
/// a plan cancelled or an account erased meanwhile would go unseen.
async fn joined<C: ConnectionTrait>(conn: &C, id: i32, lock: bool) -> AppResult<Loaded> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
    use sea_orm::{DbBackend, FromQueryResult, Iden, Iterable, JoinType};
    fn columns<E: EntityTrait>(q: &mut SelectStatement, table: &Alias, prefix: &str) {
        for c in E::Column::iter() {
            q.expr_as(
                Expr::col((table.clone(), c)),
                Alias::new(format!("{prefix}{}", c.to_string())),
            );
        }
    }
    let (s, p) = (Alias::new("s"), Alias::new("p"));
    let mut q = Query::select();
    q.from_as(plan_sessions::Entity, s.clone()).join_as(
        JoinType::InnerJoin,
        plans::Entity,
        p.clone(),
        Expr::col((p.clone(), plans::Column::Id))
            .equals((s.clone(), plan_sessions::Column::PlanId)),
    );
    let (mentee, mentor) = super::plans::join_people(&mut q, &p);
    columns::<plan_sessions::Entity>(&mut q, &s, "s_");
    columns::<plans::Entity>(&mut q, &p, "p_");
    columns::<users::Entity>(&mut q, &mentee, "e_");
    columns::<users::Entity>(&mut q, &mentor, "m_");
    q.and_where(Expr::col((s, plan_sessions::Column::Id)).eq(id));
    if lock && conn.get_database_backend() == DbBackend::Postgres {
        plan_sessions::Entity::find_by_id(id)
            .select_only()
            .column(plan_sessions::Column::Id)
            .lock_exclusive()
            .into_tuple::<i32>()
            .one(conn)
            .await?
            .ok_or_else(AppError::not_found)?;
    }
    let row = conn.query_one(&q).await?.ok_or_else(AppError::not_found)?;
    Ok(Loaded {
        session: plan_sessions::Model::from_query_result(&row, "s_")?,
        plan: plans::Model::from_query_result(&row, "p_")?,
        mentee: users::Model::from_query_result(&row, "e_")?,
        mentor: users::Model::from_query_result(&row, "m_")?,
    })
}

/// Load a session for `user`: her side when she is its mentee or mentor,
/// `None` for a coordinator; anyone else gets 404. With `lock`, the session
/// row is locked for the rest of the transaction (PostgreSQL; SQLite writes
/// begin IMMEDIATE).
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    user: &users::Model,
    id: i32,
    lock: bool,
) -> AppResult<(Loaded, Option<Side>)> {
    let l = joined(conn, id, lock).await?;
    let side = if l.mentee.id == user.id {
        Some(Side::Mentee)
    } else if l.mentor.id == user.id {
        Some(Side::Mentor)
    } else if user.role == crate::domain::codes::Role::Coordinator.as_str() {
        None
    } else {
        return Err(AppError::not_found());
    };
    Ok((l, side))
}

/// Only the pair act on a session: any other role is refused before the
/// body is even read (403).
fn pair_only(user: &users::Model) -> AppResult<()> {
    if user.role == crate::domain::codes::Role::Coordinator.as_str() {
        return Err(AppError::forbidden());
    }
    Ok(())
}

/// Like `load`, for an action only the pair may take: a coordinator gets 403.
async fn load_for_action<C: ConnectionTrait>(
    conn: &C,
    user: &users::Model,
    id: i32,
) -> AppResult<(Loaded, Side)> {
    match load(conn, user, id, true).await? {
        (l, Some(side)) => Ok((l, side)),
        (_, None) => Err(AppError::forbidden()),
    }
}

fn refused(code: &'static str) -> AppError {
    let message = match code {
        schedule::refusal::PLAN_NOT_ACTIVE => "The plan is not active.",
        schedule::refusal::SESSION_HELD => "The session has already been held.",
        schedule::refusal::SESSION_CANCELLED => "The session was cancelled.",
        schedule::refusal::NOTHING_PROPOSED => "No times are proposed for this session.",
        schedule::refusal::OWN_PROPOSAL => "The other person chooses from your proposal.",
        schedule::refusal::SLOT_NOT_PROPOSED => "That time was not proposed.",
        schedule::refusal::SLOT_IN_PAST => "That time has passed.",
        schedule::refusal::NOTHING_TO_CANCEL => "The session has no time to cancel.",
        schedule::refusal::SESSION_NOT_SCHEDULED => "The session has not been scheduled.",
        _ => "Not possible now.",
    };
    AppError::conflict(code, message)
}

fn plan_active(plan: &plans::Model) -> bool {
    plan.status == PlanStatus::Active.as_str()
}

/// The session as one person sees a time range in an email.
fn when(start: DateTime<Utc>, end: DateTime<Utc>, to: &users::Model) -> String {
    fmt_range(start, end, user_tz(Some(to)), user_lang(to))
}

/// The calendar event of a session at a given state, in `lang`.
pub fn event(app: &App, l: &Loaded, lang: Lang, now: DateTime<Utc>) -> Option<Event> {
    let s = &l.session;
    let (starts_at, ends_at) = (s.starts_at?, s.ends_at?);
    let number = s.number.to_string();
    let summary = i18n::t_args(
        lang,
        "ics-summary",
        &[("number", number.clone()), ("theme", s.theme.clone())],
    );
    let mut description = i18n::t_args(
        lang,
        "ics-description",
        &[
            ("number", number),
            ("theme", s.theme.clone()),
            ("mentee", l.mentee.display_name.clone()),
            ("mentor", l.mentor.display_name.clone()),
        ],
    );
    if let Some(url) = &s.meeting_url {
        description.push_str("\n\n");
        description.push_str(&i18n::t_args(
            lang,
            "ics-meeting-url",
            &[("url", url.clone())],
        ));
    }
    description.push_str("\n\n");
    description.push_str(&i18n::t_args(
        lang,
        "ics-manage",
        &[("link", app.link(&format!("/sessions/{}", s.id)))],
    ));
    // A cancelled time stays cancelled in calendars until a new time is chosen
    // (choosing clears `cancelled_at`).
    let cancelled = s.cancelled_at.is_some();
    Some(Event {
        uid: s.uid.clone(),
        sequence: s.sequence,
        dtstamp: now,
        starts_at,
        ends_at,
        summary,
        description,
        meeting_url: s.meeting_url.clone(),
        organizer: Person {
            name: app.cfg.calendar_organizer_name.clone(),
            email: app.cfg.organizer_address(),
        },
        attendees: vec![
            Person {
                name: l.mentee.display_name.clone(),
                email: l.mentee.email.clone(),
            },
            Person {
                name: l.mentor.display_name.clone(),
                email: l.mentor.email.clone(),
            },
        ],
        cancelled,
    })
}

/// The invitation (`invite.ics`) of a session's current state: REQUEST while
/// it has a time, CANCEL once that time was cancelled; 404 before it was
/// ever scheduled.
pub async fn invitation(app: &App, user: &users::Model, id: i32) -> AppResult<String> {
    pair_only(user)?;
    let (l, _) = load(&app.db.conn, user, id, false).await?;
    let ev = event(app, &l, user_lang(user), app.clock.now()).ok_or_else(AppError::not_found)?;
    let method = if ev.cancelled {
        Method::Cancel
    } else {
        Method::Request
    };
    Ok(invite::invitation(method, &ev))
}

/// Email both people (or one) about a session, each in her language and zone.
async fn notify<C: ConnectionTrait>(
    conn: &C,
    app: &App,
    l: &Loaded,
    kind: &'static str,
    to: &[Side],
    ctx: impl Fn(&users::Model, Side) -> Value,
    calendar: Option<Method>,
) -> AppResult<()> {
    let now = app.clock.now();
    for side in to {
        let person = l.person(*side);
        let lang = user_lang(person);
        let cal = match (calendar, event(app, l, lang, now)) {
            (Some(m), Some(ev)) => Some(Calendar {
                method: m.as_str(),
                ics: invite::invitation(m, &ev),
            }),
            _ => None,
        };
        let mut vars = ctx(person, *side);
        if let Value::Object(map) = &mut vars {
            map.insert("number".into(), json!(l.session.number));
            map.insert("theme".into(), json!(l.session.theme));
            map.insert("role".into(), json!(side.as_str()));
        }
        mail::enqueue_with_calendar(
            conn,
            app,
            Email {
                kind,
                to_address: &person.email,
                to_name: &person.display_name,
                lang,
                ctx: vars,
            },
            cal,
        )
        .await?;
    }
    Ok(())
}

/// One side proposes 1–5 times (on a scheduled session: a move). The other
/// side is emailed a link to choose.
pub async fn propose(
    app: &App,
    user: &users::Model,
    id: i32,
    raw: &[RawSlot],
    meeting_url: &str,
    message: &str,
) -> AppResult<Loaded> {
    pair_only(user)?;
    let now = app.clock.now();
    let proposal: Proposal =
        schedule::parse_proposal(raw, meeting_url, message, user_tz(Some(user)), now)
            .map_err(AppError::validation)?;
    let tx = app.db.begin_write().await?;
    let (l, side) = load_for_action(&tx, user, id).await?;
    let st = state(&l.session);
    schedule::check_propose(&st, plan_active(&l.plan), now).map_err(refused)?;
    let is_reschedule = st.effective_status(now) == SessionStatus::Scheduled;
    let mut active = l.session.clone().into_active_model();
    if !is_reschedule {
        active.status = Set(SessionStatus::Proposed.as_str().into());
    }
    active.proposals = Set(serde_json::to_string(&proposal.slots)?);
    active.proposed_by = Set(Some(side.as_str().into()));
    active.proposal_message = Set(Some(proposal.message.clone()).filter(|m| !m.is_empty()));
    active.proposal_meeting_url = Set(proposal.meeting_url.clone());
    active.proposed_at = Set(Some(now));
    active.updated_at = Set(now);
    let session = active.update(&tx).await?;
    let l = Loaded { session, ..l };
    let proposer = user.display_name.clone();
    notify(
        &tx,
        app,
        &l,
        "session_proposed",
        &[other(side)],
        |to, _| {
            json!({
                "proposer_name": proposer,
                "slots": proposal.slots.iter().map(|s| when(s.starts_at, s.ends_at(), to)).collect::<Vec<_>>(),
                "message": proposal.message,
                "meeting_url": proposal.meeting_url.clone().unwrap_or_default(),
                "is_reschedule": is_reschedule,
                "current_when": match (l.session.starts_at, l.session.ends_at) {
                    (Some(s), Some(e)) if is_reschedule => when(s, e, to),
                    _ => String::new(),
                },
                "link": app.link(&format!("/sessions/{}", l.session.id)),
            })
        },
        None,
    )
    .await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(l)
}

/// The other side chooses one proposed time: the session is scheduled (or
/// moved) and both get the invitation.
pub async fn confirm(
    app: &App,
    user: &users::Model,
    id: i32,
    starts_at: &str,
) -> AppResult<Loaded> {
    pair_only(user)?;
    let now = app.clock.now();
    let chosen = schedule::parse_time(starts_at, user_tz(Some(user)))
        .map_err(|p| AppError::field("starts_at", p))?;
    let tx = app.db.begin_write().await?;
    let (l, side) = load_for_action(&tx, user, id).await?;
    let st = state(&l.session);
    let slot =
        schedule::check_confirm(&st, side, chosen, plan_active(&l.plan), now).map_err(refused)?;
    let previous = match (
        st.effective_status(now),
        l.session.starts_at,
        l.session.ends_at,
    ) {
        (SessionStatus::Scheduled, Some(s), Some(e)) => Some((s, e)),
        _ => None,
    };
    let mut active = l.session.clone().into_active_model();
    active.status = Set(SessionStatus::Scheduled.as_str().into());
    active.starts_at = Set(Some(slot.starts_at));
    active.ends_at = Set(Some(slot.ends_at()));
    active.meeting_url = Set(l
        .session
        .proposal_meeting_url
        .clone()
        .or_else(|| l.session.meeting_url.clone()));
    active.sequence = Set(st.next_sequence());
    active.confirmed_at = Set(Some(now));
    active.proposals = Set("[]".into());
    active.proposed_by = Set(None);
    active.proposal_message = Set(None);
    active.proposal_meeting_url = Set(None);
    active.cancel_reason = Set(None);
    active.cancelled_at = Set(None);
    // A session chosen inside the reminder window needs no reminder: the
    // invitation has just arrived.
    let window = Duration::hours(app.cfg.reminder_hours_before);
    active.reminded_at = Set(if slot.starts_at - now <= window {
        Some(now)
    } else {
        None
    });
    active.updated_at = Set(now);
    let session = active.update(&tx).await?;
    let l = Loaded { session, ..l };
    let (s, e) = (slot.starts_at, slot.ends_at());
    notify(
        &tx,
        app,
        &l,
        "session_confirmed",
        &[Side::Mentee, Side::Mentor],
        |to, to_side| {
            json!({
                "other_name": l.person(other(to_side)).display_name,
                "when": when(s, e, to),
                "time_zone": user_tz(Some(to)).name(),
                "meeting_url": l.session.meeting_url.clone().unwrap_or_default(),
                "moved": previous.is_some(),
                "previous_when": previous.map(|(ps, pe)| when(ps, pe, to)).unwrap_or_default(),
                "link": app.link(&format!("/sessions/{}", l.session.id)),
            })
        },
        Some(Method::Request),
    )
    .await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(l)
}

/// Either side cancels with a reason: the session returns to unscheduled.
/// A scheduled one is removed from both calendars (METHOD:CANCEL); a mere
/// proposal is withdrawn and the other side told.
pub async fn cancel(app: &App, user: &users::Model, id: i32, reason: &str) -> AppResult<Loaded> {
    pair_only(user)?;
    let now = app.clock.now();
    let reason = schedule::parse_reason(reason).map_err(AppError::validation)?;
    let tx = app.db.begin_write().await?;
    let (l, side) = load_for_action(&tx, user, id).await?;
    let st = state(&l.session);
    let was_scheduled = schedule::check_cancel(&st, now).map_err(refused)?;
    let mut active = l.session.clone().into_active_model();
    active.status = Set(SessionStatus::Unscheduled.as_str().into());
    active.proposals = Set("[]".into());
    active.proposed_by = Set(None);
    active.proposal_message = Set(None);
    active.proposal_meeting_url = Set(None);
    active.cancel_reason = Set(Some(reason.clone()));
    if was_scheduled {
        active.sequence = Set(st.next_sequence());
        active.cancelled_at = Set(Some(now));
    }
    active.updated_at = Set(now);
    let session = active.update(&tx).await?;
    let l = Loaded { session, ..l };
    let to: &[Side] = if was_scheduled {
        &[Side::Mentee, Side::Mentor]
    } else {
        std::slice::from_ref(match side {
            Side::Mentee => &Side::Mentor,
            Side::Mentor => &Side::Mentee,
        })
    };
    let canceller = user.display_name.clone();
    notify(
        &tx,
        app,
        &l,
        "session_cancelled",
        to,
        |to, _| {
            json!({
                "canceller_name": canceller,
                "when": match (was_scheduled, l.session.starts_at, l.session.ends_at) {
                    (true, Some(s), Some(e)) => when(s, e, to),
                    _ => String::new(),
                },
                "was_scheduled": was_scheduled,
                "reason": reason,
                "link": app.link(&format!("/sessions/{}", l.session.id)),
            })
        },
        was_scheduled.then_some(Method::Cancel),
    )
    .await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(l)
}

/// Either side marks a scheduled session held; the other side is told. When
/// every session is held the plan completes.
pub async fn held(app: &App, user: &users::Model, id: i32) -> AppResult<Loaded> {
    pair_only(user)?;
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let (l, side) = load_for_action(&tx, user, id).await?;
    let st = state(&l.session);
    if !schedule::check_held(&st, now).map_err(refused)? {
        tx.commit().await?;
        return Ok(l);
    }
    let session = mark_held(&tx, &l.session, now).await?;
    let l = Loaded { session, ..l };
    let marker = user.display_name.clone();
    notify(
        &tx,
        app,
        &l,
        "session_held",
        &[other(side)],
        |_, _| {
            json!({
                "marker_name": marker,
                "link": app.link(&format!("/plans/{}", l.plan.id)),
            })
        },
        None,
    )
    .await?;
    let plan = super::sheets::settle(&tx, app, l.plan.id, now).await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(Loaded { plan, ..l })
}

pub(crate) async fn mark_held<C: ConnectionTrait>(
    conn: &C,
    s: &plan_sessions::Model,
    now: DateTime<Utc>,
) -> AppResult<plan_sessions::Model> {
    let mut active = s.clone().into_active_model();
    active.status = Set(SessionStatus::Held.as_str().into());
    active.held_at = Set(Some(s.ends_at.map_or(now, |e| e.min(now))));
    active.proposals = Set("[]".into());
    active.proposed_by = Set(None);
    active.proposal_message = Set(None);
    active.proposal_meeting_url = Set(None);
    active.updated_at = Set(now);
    Ok(active.update(conn).await?)
}

/// Complete the plan when every session is held and every sheet replied.
/// Answers the plan and whether this call completed it.
pub async fn settle_plan<C: ConnectionTrait>(
    conn: &C,
    plan_id: i32,
    now: DateTime<Utc>,
) -> AppResult<(plans::Model, bool)> {
    // Lock the plan first, so that two sessions settled at once both see each
    // other (the second waits, then reads the first's committed change).
    let plan = lock_for_update(
        conn.get_database_backend(),
        plans::Entity::find_by_id(plan_id),
    )
    .one(conn)
    .await?
    .ok_or_else(AppError::not_found)?;
    if !plan_active(&plan) {
        return Ok((plan, false));
    }
    let sessions: Vec<(SessionStatus, SheetStatus)> = plan_sessions::Entity::find()
        .filter(plan_sessions::Column::PlanId.eq(plan.id))
        .all(conn)
        .await?
        .iter()
        .map(|s| {
            let st = state(s);
            (st.effective_status(now), st.sheet)
        })
        .collect();
    if !crate::domain::sheet::plan_complete(&sessions) {
        return Ok((plan, false));
    }
    let mut active = plan.into_active_model();
    active.status = Set(PlanStatus::Completed.as_str().into());
    active.completed_at = Set(Some(now));
    Ok((active.update(conn).await?, true))
}

/// The background pass: sessions whose end has passed become held (and their
/// plans complete), and reminders fall due. Each reminder is claimed by a
/// conditional update inside the transaction that enqueues it, so it is sent
/// once even across restarts and processes. Answers how many reminders were
/// enqueued.
pub async fn tick(app: &App) -> AppResult<usize> {
    let now = app.clock.now();
    // Held by time.
    let past = plan_sessions::Entity::find()
        .filter(plan_sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .filter(plan_sessions::Column::EndsAt.lte(now))
        .order_by_asc(plan_sessions::Column::Id)
        .limit(200)
        .all(&app.db.conn)
        .await?;
    for s in past {
        let tx = app.db.begin_write().await?;
        let row = lock_for_update(
            tx.get_database_backend(),
            plan_sessions::Entity::find_by_id(s.id),
        )
        .one(&tx)
        .await?;
        // Still scheduled and over (nobody marked or moved it meanwhile)?
        if let Some(row) = row.filter(|r| {
            r.status == SessionStatus::Scheduled.as_str()
                && state(r).effective_status(now) == SessionStatus::Held
        }) {
            mark_held(&tx, &row, now).await?;
            super::sheets::settle(&tx, app, row.plan_id, now).await?;
        }
        tx.commit().await?;
    }
    // Reminders.
    let window = Duration::hours(app.cfg.reminder_hours_before);
    let due = plan_sessions::Entity::find()
        .filter(plan_sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .filter(plan_sessions::Column::RemindedAt.is_null())
        .filter(plan_sessions::Column::StartsAt.gt(now))
        .filter(plan_sessions::Column::StartsAt.lte(now + window))
        .order_by_asc(plan_sessions::Column::Id)
        .limit(200)
        .all(&app.db.conn)
        .await?;
    let mut sent = 0;
    for s in due {
        match remind(app, s.id, now).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            // One broken row must not block every later reminder.
            Err(e) => tracing::error!(session = s.id, error = ?e.detail, "reminder failed"),
        }
    }
    if sent > 0 {
        app.wake_mailer();
    }
    Ok(sent)
}

/// Claim and send one session's reminder; answers whether it was sent.
async fn remind(app: &App, id: i32, now: DateTime<Utc>) -> AppResult<bool> {
    let window = Duration::hours(app.cfg.reminder_hours_before);
    let tx = app.db.begin_write().await?;
    let claimed = plan_sessions::Entity::update_many()
        .col_expr(
            plan_sessions::Column::RemindedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(plan_sessions::Column::Id.eq(id))
        .filter(plan_sessions::Column::RemindedAt.is_null())
        .filter(plan_sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .filter(plan_sessions::Column::StartsAt.gt(now))
        .filter(plan_sessions::Column::StartsAt.lte(now + window))
        .exec(&tx)
        .await?;
    if claimed.rows_affected != 1 {
        tx.commit().await?;
        return Ok(false);
    }
    // Read the row again after the claim: the email tells the current time and link.
    let l = by_id(&tx, id).await?;
    let (Some(start), Some(end)) = (l.session.starts_at, l.session.ends_at) else {
        tx.commit().await?;
        return Ok(false);
    };
    notify(
        &tx,
        app,
        &l,
        "session_reminder",
        &[Side::Mentee, Side::Mentor],
        |to, to_side| {
            json!({
                "other_name": l.person(other(to_side)).display_name,
                "when": when(start, end, to),
                "meeting_url": l.session.meeting_url.clone().unwrap_or_default(),
                "link": app.link(&format!("/sessions/{}", l.session.id)),
            })
        },
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The next step on a session for a viewer (a coordinator sees the mentee's).
pub fn next_step(s: &plan_sessions::Model, viewer: Option<Side>, now: DateTime<Utc>) -> NextStep {
    schedule::next_step(&state(s), viewer.unwrap_or(Side::Mentee), now)
}

/// Every session of a user (as mentee or mentor) that has a calendar entry,
/// for her personal feed.
pub async fn for_feed<C: ConnectionTrait>(conn: &C, user: &users::Model) -> AppResult<Vec<Loaded>> {
    let viewer = match mentor_profiles::Entity::find()
        .filter(mentor_profiles::Column::UserId.eq(user.id))
        .one(conn)
        .await?
    {
        Some(p) => super::plans::Viewer::Mentor(p.id),
        None => super::plans::Viewer::Mentee(user.id),
    };
    let mut out = Vec::new();
    for v in super::plans::all_for(conn, viewer).await? {
        for session in v.sessions.into_iter().filter(|s| s.starts_at.is_some()) {
            out.push(Loaded {
                session,
                plan: v.plan.clone(),
                mentee: v.mentee.clone(),
                mentor: v.mentor.clone(),
            });
        }
    }
    Ok(out)
}
