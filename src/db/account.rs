//! A person's rights over her account and data: changing her password or
//! email (each needs the current password), the coordinator disabling an
//! account, and — for a mentee, under Japan's Act on the Protection of
//! Personal Information — downloading everything held about her and having
//! it erased. Erasure keeps the rows that the programme's figures count
//! (statuses, times, ratings) and empties everything she or others wrote.
use super::audit::{self, kind, Event};
use super::entities::{
    assignments, audit_events, busy_calendars, calendar_feeds, call_notes, intake_edits,
    mentor_profiles, outbox, plan_extensions, plan_feedback, plan_sessions, plans, sheet_reads,
    sheets, users,
};
use crate::auth::{self, password, throttle};
use crate::domain::account::Email;
use crate::domain::codes::{
    AssignmentStatus, ExtensionStatus, IntakeStatus, PlanStatus, Role, SessionStatus,
};
use crate::domain::intake::IntakeFields;
use crate::error::{AppError, AppResult};
use crate::views::json::{self, opt_time, time};
use crate::App;
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::{json, Value};
use std::net::IpAddr;

/// The address an erased account keeps: unique, never deliverable, and not
/// an email address at all, so nobody can register it first and block her
/// erasure.
pub fn erased_email(id: i32) -> String {
    format!("erased:{id}")
}

/// Check the password she re-entered; five wrong ones in 15 minutes answer
/// 429, so a borrowed session cannot be used to guess it.
pub async fn confirm_password(
    app: &App,
    user: &users::Model,
    given: &str,
    ip: Option<IpAddr>,
    field: &'static str,
) -> AppResult<()> {
    let now = app.clock.now();
    let key = format!("confirm:{}", user.id);
    if let Some(wait) = app.throttle.retry_after(&key, throttle::ACCOUNT_LIMIT, now) {
        audit::security(
            app,
            Event {
                kind: kind::RATE_LIMITED,
                actor: Some(user.id),
                ip,
                detail: Some("password confirmation".into()),
                ..Default::default()
            },
        )
        .await;
        return Err(AppError::rate_limited(wait));
    }
    if password::verify(given, user.password_hash.as_deref()).await {
        app.throttle.clear(&key);
        return Ok(());
    }
    app.throttle.record_failure(&key, now);
    audit::security(
        app,
        Event {
            kind: kind::LOGIN_FAILED,
            actor: Some(user.id),
            ip,
            detail: Some("password confirmation".into()),
            ..Default::default()
        },
    )
    .await;
    Err(AppError::field(field, "wrong_password"))
}

/// Change her password. Every other browser session and API token of hers
/// ends; the caller's own (`keep_session` digest or `keep_token`) goes on.
pub async fn change_password(
    app: &App,
    user: &users::Model,
    current: &str,
    new: &str,
    ip: Option<IpAddr>,
    keep_session: Option<&str>,
    keep_token: Option<&str>,
) -> AppResult<users::Model> {
    password::check(new).map_err(|p| AppError::field("new_password", p))?;
    confirm_password(app, user, current, ip, "current_password").await?;
    let hash = password::hash(new).await?;
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let mut active = user.clone().into_active_model();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(now);
    let user = active.update(&tx).await?;
    auth::end_all_sessions(&tx, user.id, keep_session, keep_token).await?;
    audit::own_in(&tx, now, kind::PASSWORD_CHANGED, user.id, ip, None).await?;
    tx.commit().await?;
    Ok(user)
}

/// Change her sign-in email; 409 `email_taken` if another account has it.
pub async fn change_email(
    app: &App,
    user: &users::Model,
    current: &str,
    new_email: &str,
    ip: Option<IpAddr>,
) -> AppResult<users::Model> {
    let email = Email::parse(new_email).map_err(|p| AppError::field("email", p))?;
    confirm_password(app, user, current, ip, "current_password").await?;
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    if let Some(other) = super::users::find_by_email(&tx, email.as_str()).await? {
        if other.id != user.id {
            return Err(super::users::email_taken());
        }
    }
    let mut active = user.clone().into_active_model();
    active.email = Set(email.as_str().to_string());
    active.updated_at = Set(now);
    let updated = active.update(&tx).await.map_err(|e| {
        if super::users::is_unique_violation(&e) {
            super::users::email_taken()
        } else {
            e.into()
        }
    })?;
    audit::own_in(&tx, now, kind::EMAIL_CHANGED, user.id, ip, None).await?;
    tx.commit().await?;
    Ok(updated)
}

/// The coordinator disables (or enables again) an account. Disabling ends
/// every session and token at once. A coordinator cannot disable herself,
/// nor an erased account; an unknown id is 404.
pub async fn set_disabled(
    app: &App,
    coordinator: &users::Model,
    user_id: i32,
    disabled: bool,
) -> AppResult<users::Model> {
    let now = app.clock.now();
    let tx = app.db.begin_write().await?;
    let user = users::Entity::find_by_id(user_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    if user.deleted_at.is_some() {
        return Err(AppError::not_found());
    }
    if user.id == coordinator.id {
        return Err(AppError::conflict(
            "own_account",
            "You cannot disable your own account.",
        ));
    }
    if user.disabled == disabled {
        return Ok(user);
    }
    let mut active = user.into_active_model();
    active.disabled = Set(disabled);
    active.updated_at = Set(now);
    let user = active.update(&tx).await?;
    if disabled {
        auth::end_all_sessions(&tx, user.id, None, None).await?;
    }
    audit::record_in(
        &tx,
        now,
        Event {
            kind: if disabled {
                kind::ACCOUNT_DISABLED
            } else {
                kind::ACCOUNT_ENABLED
            },
            actor: Some(coordinator.id),
            subject: Some(user.id),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Everything held about a mentee, as one JSON document (also the source of
/// the readable HTML copy). Recorded in her audit log.
pub async fn export(app: &App, mentee: &users::Model, ip: Option<IpAddr>) -> AppResult<Value> {
    let tz: Tz = mentee.time_zone.parse().unwrap_or(chrono_tz::Asia::Tokyo);
    let conn = &app.db.conn;
    let now = app.clock.now();
    let intake = super::intakes::find_for_mentee(conn, mentee.id).await?;
    let (edits, notes) = match &intake {
        Some(i) => (
            super::intakes::edits(conn, i.id).await?,
            super::intakes::call_notes(conn, i.id).await?,
        ),
        None => (vec![], vec![]),
    };
    let assignment_rows = match &intake {
        // The match she got (not the mentors who were asked and declined).
        Some(i) => {
            assignments::Entity::find()
                .filter(assignments::Column::IntakeId.eq(i.id))
                .filter(assignments::Column::Status.eq(AssignmentStatus::Accepted.as_str()))
                .order_by_asc(assignments::Column::Id)
                .all(conn)
                .await?
        }
        None => vec![],
    };
    let plan_rows = plans::Entity::find()
        .filter(plans::Column::MenteeId.eq(mentee.id))
        .order_by_asc(plans::Column::Id)
        .all(conn)
        .await?;
    // Plans and assignments name the mentor's profile; show her name.
    let mut profile_ids: Vec<i32> = plan_rows.iter().map(|p| p.mentor_id).collect();
    profile_ids.extend(assignment_rows.iter().map(|a| a.mentor_id));
    let profiles = mentor_profiles::Entity::find()
        .filter(mentor_profiles::Column::Id.is_in(profile_ids))
        .all(conn)
        .await?;
    let names =
        super::intakes::users_by_id(conn, profiles.iter().map(|p| p.user_id).collect()).await?;
    let name_of = |profile_id: i32| {
        profiles
            .iter()
            .find(|p| p.id == profile_id)
            .and_then(|p| names.get(&p.user_id))
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    };
    let mut plans_out = Vec::new();
    for p in &plan_rows {
        let sessions = plan_sessions::Entity::find()
            .filter(plan_sessions::Column::PlanId.eq(p.id))
            .order_by_asc(plan_sessions::Column::Number)
            .all(conn)
            .await?;
        let sheet_rows = sheets::Entity::find()
            .filter(sheets::Column::PlanId.eq(p.id))
            .all(conn)
            .await?;
        let extensions = plan_extensions::Entity::find()
            .filter(plan_extensions::Column::PlanId.eq(p.id))
            .order_by_asc(plan_extensions::Column::Id)
            .all(conn)
            .await?;
        let feedback = plan_feedback::Entity::find()
            .filter(plan_feedback::Column::PlanId.eq(p.id))
            .one(conn)
            .await?;
        plans_out.push(json!({
            "id": p.id,
            "kind": p.kind,
            "status": p.status,
            "mentor": name_of(p.mentor_id),
            "created_at": time(p.created_at, tz),
            "completed_at": opt_time(p.completed_at, tz),
            "sessions": sessions.iter().map(|s| json!({
                "number": s.number,
                "theme": s.theme,
                "status": s.status,
                "starts_at": opt_time(s.starts_at, tz),
                "ends_at": opt_time(s.ends_at, tz),
                "meeting_url": s.meeting_url,
                "proposal_message": s.proposal_message,
                "proposal_meeting_url": s.proposal_meeting_url,
                "held_at": opt_time(s.held_at, tz),
                "cancel_reason": s.cancel_reason,
                "sheet": json::sheet(s, sheet_rows.iter().find(|r| r.session_id == s.id), tz),
            })).collect::<Vec<_>>(),
            "extensions": extensions.iter().map(|e| json::extension(e, tz)).collect::<Vec<_>>(),
            "feedback": feedback.as_ref().map(|f| json::feedback(f, tz)),
        }));
    }
    let reads = sheet_reads::Entity::find()
        .filter(sheet_reads::Column::MenteeId.eq(mentee.id))
        .order_by_asc(sheet_reads::Column::Id)
        .all(conn)
        .await?;
    let (audit_lines, _) = audit::hers(
        conn,
        mentee.id,
        super::Paging {
            limit: 10_000,
            page: 1,
        },
    )
    .await?;
    let busy = busy_calendars::Entity::find()
        .filter(busy_calendars::Column::UserId.eq(mentee.id))
        .one(conn)
        .await?;
    let emails = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(mentee.email.clone()))
        .order_by_asc(outbox::Column::Id)
        .all(conn)
        .await?;
    let out = json!({
        "exported_at": time(now, tz),
        "user": json::user(mentee),
        "account_created_at": time(mentee.created_at, tz),
        "intake": intake.as_ref().map(|i| json::intake(i, tz)),
        "intake_edits": edits.iter().map(|(e, by)| json!({
            "at": time(e.created_at, tz),
            "by": by.display_name,
            "fields": serde_json::from_str::<Value>(&e.fields).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
        "call_notes": notes.iter().map(|(n, by)| json!({
            "at": time(n.created_at, tz), "by": by.display_name, "note": n.note,
        })).collect::<Vec<_>>(),
        "assignments": assignment_rows.iter().map(|a| json!({
            "mentor": name_of(a.mentor_id),
            "status": a.status,
            "message": a.message,
            "created_at": time(a.created_at, tz),
            "decided_at": opt_time(a.decided_at, tz),
        })).collect::<Vec<_>>(),
        "plans": plans_out,
        "sheet_reads": reads.len(),
        "busy_calendar": busy.map(|b| json!({
            "url": b.url, "events": b.events, "fetched_at": time(b.fetched_at, tz),
        })),
        "audit": audit_lines.iter().map(|l| json!({
            "at": time(l.at, tz), "kind": l.kind, "detail": l.detail, "by": l.by,
        })).collect::<Vec<_>>(),
        "emails": emails.iter().map(|m| json!({
            "kind": m.kind,
            "subject": m.subject,
            "status": m.status,
            "created_at": time(m.created_at, tz),
            "sent_at": opt_time(m.sent_at, tz),
        })).collect::<Vec<_>>(),
    });
    audit::own_in(conn, now, kind::DATA_EXPORTED, mentee.id, ip, None).await?;
    Ok(out)
}

/// Erase a mentee at her request, in one transaction: her account can no
/// longer sign in and holds no name or address; her intake, the notes and
/// edits about it, every text of her sheets and their replies, meeting links
/// and messages, feedback comments, tokens, feeds, busy times and every
/// email to her are gone. What the programme's figures count stays: plan and
/// session statuses and times, sheet and reply times, ratings. An active
/// plan is cancelled and a pending assignment withdrawn.
pub async fn erase(app: &App, mentee: &users::Model) -> AppResult<()> {
    if Role::parse(&mentee.role) != Some(Role::Mentee) {
        return Err(AppError::forbidden());
    }
    let now = app.clock.now();
    let id = mentee.id;
    let tx = app.db.begin_write().await?;
    let old_email = mentee.email.clone();
    let mut active = mentee.clone().into_active_model();
    active.email = Set(erased_email(id));
    active.display_name = Set("—".into());
    active.password_hash = Set(None);
    active.disabled = Set(true);
    active.deleted_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&tx).await?;
    auth::end_all_sessions(&tx, id, None, None).await?;
    calendar_feeds::Entity::delete_many()
        .filter(calendar_feeds::Column::UserId.eq(id))
        .exec(&tx)
        .await?;
    busy_calendars::Entity::delete_many()
        .filter(busy_calendars::Column::UserId.eq(id))
        .exec(&tx)
        .await?;
    if let Some(intake) = super::intakes::find_for_mentee(&tx, id).await? {
        let empty = IntakeFields::default();
        let status = match super::intakes::status(&intake) {
            IntakeStatus::Matched => IntakeStatus::Matched,
            _ => IntakeStatus::Withdrawn,
        };
        let intake_id = intake.id;
        let mut a = intake.into_active_model();
        a.fields = Set(serde_json::to_string(&empty)?);
        a.status = Set(status.as_str().into());
        a.updated_at = Set(now);
        a.update(&tx).await?;
        intake_edits::Entity::delete_many()
            .filter(intake_edits::Column::IntakeId.eq(intake_id))
            .exec(&tx)
            .await?;
        call_notes::Entity::delete_many()
            .filter(call_notes::Column::IntakeId.eq(intake_id))
            .exec(&tx)
            .await?;
        assignments::Entity::update_many()
            .col_expr(assignments::Column::Message, Expr::value(""))
            .col_expr(
                assignments::Column::DeclineReason,
                Expr::value(Option::<String>::None),
            )
            .filter(assignments::Column::IntakeId.eq(intake_id))
            .exec(&tx)
            .await?;
        assignments::Entity::update_many()
            .col_expr(
                assignments::Column::Status,
                Expr::value(AssignmentStatus::Withdrawn.as_str()),
            )
            .col_expr(assignments::Column::DecidedAt, Expr::value(now))
            .filter(assignments::Column::IntakeId.eq(intake_id))
            .filter(assignments::Column::Status.eq(AssignmentStatus::Pending.as_str()))
            .exec(&tx)
            .await?;
    }
    let plan_ids: Vec<i32> = plans::Entity::find()
        .filter(plans::Column::MenteeId.eq(id))
        .all(&tx)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    plans::Entity::update_many()
        .col_expr(
            plans::Column::Status,
            Expr::value(PlanStatus::Cancelled.as_str()),
        )
        .filter(plans::Column::MenteeId.eq(id))
        .filter(plans::Column::Status.eq(PlanStatus::Active.as_str()))
        .exec(&tx)
        .await?;
    let none = || Expr::value(Option::<String>::None);
    // Sessions not yet held are called off: no reminder, no "held" by time,
    // nothing more to reply to.
    plan_sessions::Entity::update_many()
        .col_expr(
            plan_sessions::Column::Status,
            Expr::value(SessionStatus::Cancelled.as_str()),
        )
        .col_expr(plan_sessions::Column::CancelledAt, Expr::value(now))
        .col_expr(plan_sessions::Column::Proposals, Expr::value("[]"))
        .col_expr(plan_sessions::Column::ProposedBy, none())
        .filter(plan_sessions::Column::PlanId.is_in(plan_ids.clone()))
        .filter(plan_sessions::Column::Status.ne(SessionStatus::Held.as_str()))
        .exec(&tx)
        .await?;
    plan_sessions::Entity::update_many()
        .col_expr(plan_sessions::Column::MeetingUrl, none())
        .col_expr(plan_sessions::Column::ProposalMessage, none())
        .col_expr(plan_sessions::Column::ProposalMeetingUrl, none())
        .col_expr(plan_sessions::Column::CancelReason, none())
        .filter(plan_sessions::Column::PlanId.is_in(plan_ids.clone()))
        .exec(&tx)
        .await?;
    sheets::Entity::update_many()
        .col_expr(sheets::Column::Realizations, Expr::value(""))
        .col_expr(sheets::Column::NextActions, Expr::value(""))
        .col_expr(sheets::Column::Questions, Expr::value(""))
        .filter(sheets::Column::MenteeId.eq(id))
        .exec(&tx)
        .await?;
    sheets::Entity::update_many()
        .col_expr(sheets::Column::ReplyMessage, Expr::value(""))
        .col_expr(sheets::Column::ReplyStrengths, Expr::value(""))
        .filter(sheets::Column::MenteeId.eq(id))
        .filter(sheets::Column::RepliedAt.is_not_null())
        .exec(&tx)
        .await?;
    // A pending extension is closed, so approving it cannot revive the plan.
    plan_extensions::Entity::update_many()
        .col_expr(
            plan_extensions::Column::Status,
            Expr::value(ExtensionStatus::Declined.as_str()),
        )
        .col_expr(plan_extensions::Column::DecidedAt, Expr::value(now))
        .filter(plan_extensions::Column::PlanId.is_in(plan_ids.clone()))
        .filter(plan_extensions::Column::Status.eq(ExtensionStatus::Pending.as_str()))
        .exec(&tx)
        .await?;
    plan_extensions::Entity::update_many()
        .col_expr(plan_extensions::Column::Message, Expr::value(""))
        .col_expr(plan_extensions::Column::DeclineReason, none())
        .filter(plan_extensions::Column::PlanId.is_in(plan_ids))
        .exec(&tx)
        .await?;
    plan_feedback::Entity::update_many()
        .col_expr(plan_feedback::Column::PositiveActionDetail, Expr::value(""))
        .col_expr(plan_feedback::Column::Comment, Expr::value(""))
        .filter(plan_feedback::Column::MenteeId.eq(id))
        .exec(&tx)
        .await?;
    sheet_reads::Entity::delete_many()
        .filter(sheet_reads::Column::MenteeId.eq(id))
        .exec(&tx)
        .await?;
    outbox::Entity::delete_many()
        .filter(outbox::Column::ToAddress.eq(old_email))
        .exec(&tx)
        .await?;
    audit_events::Entity::delete_many()
        .filter(audit_events::Column::SubjectId.eq(id))
        .exec(&tx)
        .await?;
    // Her security lines keep their kind and time, not who or where.
    audit_events::Entity::update_many()
        .col_expr(
            audit_events::Column::ActorId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(audit_events::Column::Ip, none())
        .col_expr(audit_events::Column::Detail, none())
        .filter(audit_events::Column::ActorId.eq(id))
        .exec(&tx)
        .await?;
    audit::record_in(
        &tx,
        now,
        Event {
            kind: kind::ACCOUNT_DELETED,
            subject: Some(id),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Security lines (not her own record) older than `audit_retention_days`
/// are purged, so a flood of failed attempts cannot grow the table forever.
pub async fn purge_security_lines(app: &App) -> AppResult<u64> {
    let cutoff = app.clock.now() - chrono::Duration::days(app.cfg.audit_retention_days.max(1));
    let res = audit_events::Entity::delete_many()
        .filter(audit_events::Column::Kind.is_not_in(kind::HERS))
        .filter(audit_events::Column::Kind.ne(kind::ACCOUNT_DELETED))
        .filter(audit_events::Column::At.lt(cutoff))
        .exec(&app.db.conn)
        .await?;
    Ok(res.rows_affected)
}

/// Sent emails older than `outbox_retention_days` leave the outbox.
pub async fn purge_sent_mail(app: &App) -> AppResult<u64> {
    let cutoff = app.clock.now() - chrono::Duration::days(app.cfg.outbox_retention_days.max(0));
    let res = outbox::Entity::delete_many()
        .filter(outbox::Column::Status.eq("sent"))
        .filter(outbox::Column::SentAt.lt(cutoff))
        .exec(&app.db.conn)
        .await?;
    Ok(res.rows_affected)
}
