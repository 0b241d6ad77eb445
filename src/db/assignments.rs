//! Assignments: the coordinator proposes a mentor for an intake; the mentor
//! accepts (which creates the plan) or declines (the intake returns to the queue).
use super::entities::{assignments, intakes, mentor_profiles, users};
use super::{lock_for_update, Paging};
use crate::domain::account::parse_text;
use crate::domain::codes::{AssignmentStatus, IntakeStatus, PlanKind};
use crate::domain::matching::{can_take, Ineligible};
use crate::error::{AppError, AppResult};
use crate::mail::{self, Email};
use crate::views::user_lang;
use crate::App;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;

/// Propose a mentor. Capacity can never be exceeded: the mentor's row is
/// locked (PostgreSQL) or the write lock taken up front (SQLite) before her
/// load is counted, so concurrent proposals queue and the late ones get 409.
pub async fn create(
    app: &App,
    coordinator: &users::Model,
    intake_id: i32,
    mentor_id: i32,
    message: &str,
) -> AppResult<assignments::Model> {
    let message = parse_text(message, 2000, false).map_err(|p| AppError::field("message", p))?;
    let backend = app.db.backend();
    let tx = app.db.begin_write().await?;
    let intake = lock_for_update(backend, intakes::Entity::find_by_id(intake_id))
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mentor = lock_for_update(backend, mentor_profiles::Entity::find_by_id(mentor_id))
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::field("mentor_id", "not_found"))?;
    if super::intakes::status(&intake) != IntakeStatus::Submitted {
        return Err(AppError::conflict(
            "intake_not_assignable",
            "This intake is not waiting for a match.",
        ));
    }
    let (active, pending) = super::mentors::loads(&tx, Some(&[mentor.id]))
        .await?
        .get(&mentor.id)
        .copied()
        .unwrap_or_default();
    match can_take(
        mentor.capacity.clamp(0, 255) as u8,
        active + pending,
        mentor.accepting,
    ) {
        Ok(()) => {}
        Err(Ineligible::NotAccepting) => {
            return Err(AppError::conflict(
                "mentor_not_accepting",
                "This mentor is not accepting mentees now.",
            ))
        }
        Err(Ineligible::AtCapacity) => {
            return Err(AppError::conflict(
                "mentor_at_capacity",
                "This mentor has no free capacity.",
            ))
        }
    }
    let now = app.clock.now();
    let assignment = assignments::ActiveModel {
        intake_id: Set(intake.id),
        mentor_id: Set(mentor.id),
        coordinator_id: Set(coordinator.id),
        status: Set(AssignmentStatus::Pending.as_str().into()),
        message: Set(message.clone()),
        decline_reason: Set(None),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let mut intake_active = intake.into_active_model();
    intake_active.status = Set(IntakeStatus::Matching.as_str().into());
    intake_active.updated_at = Set(now);
    intake_active.update(&tx).await?;
    let mentor_user = users::Entity::find_by_id(mentor.user_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    mail::enqueue(
        &tx,
        app,
        Email {
            kind: "assignment_proposed",
            to_address: &mentor_user.email,
            to_name: &mentor_user.display_name,
            lang: user_lang(&mentor_user),
            ctx: json!({ "message": message, "link": app.link(&format!("/mentor/assignments/{}", assignment.id)) }),
        },
    )
    .await?;
    tx.commit().await?;
    app.wake_mailer();
    Ok(assignment)
}

/// A page of assignments, newest first; `mentor_id` restricts to one mentor's.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    mentor_id: Option<i32>,
    status: Option<AssignmentStatus>,
    paging: Paging,
) -> AppResult<(Vec<assignments::Model>, u64)> {
    let mut q = assignments::Entity::find();
    if let Some(m) = mentor_id {
        q = q.filter(assignments::Column::MentorId.eq(m));
    }
    if let Some(s) = status {
        q = q.filter(assignments::Column::Status.eq(s.as_str()));
    }
    let total = q.clone().count(conn).await?;
    let rows = q
        .order_by_desc(assignments::Column::Id)
        .offset(paging.offset())
        .limit(paging.limit)
        .all(conn)
        .await?;
    Ok((rows, total))
}

pub async fn for_intake<C: ConnectionTrait>(
    conn: &C,
    intake_id: i32,
) -> AppResult<Vec<assignments::Model>> {
    Ok(assignments::Entity::find()
        .filter(assignments::Column::IntakeId.eq(intake_id))
        .order_by_asc(assignments::Column::Id)
        .all(conn)
        .await?)
}

/// One assignment, only if it is this mentor's (another's answers 404).
pub async fn get_for_mentor<C: ConnectionTrait>(
    conn: &C,
    id: i32,
    mentor_id: i32,
) -> AppResult<assignments::Model> {
    assignments::Entity::find_by_id(id)
        .filter(assignments::Column::MentorId.eq(mentor_id))
        .one(conn)
        .await?
        .ok_or_else(AppError::not_found)
}

/// May this mentor see this intake? Only while an assignment to her is pending or accepted.
pub async fn mentor_may_see_intake<C: ConnectionTrait>(
    conn: &C,
    intake_id: i32,
    mentor_id: i32,
) -> AppResult<bool> {
    Ok(assignments::Entity::find()
        .filter(assignments::Column::IntakeId.eq(intake_id))
        .filter(assignments::Column::MentorId.eq(mentor_id))
        .filter(assignments::Column::Status.is_in([
            AssignmentStatus::Pending.as_str(),
            AssignmentStatus::Accepted.as_str(),
        ]))
        .count(conn)
        .await?
        > 0)
}

/// This mentor's pending proposal, locked for the transaction (another's: 404;
/// already answered: 409).
async fn lock_pending(
    app: &App,
    tx: &super::WriteTx,
    id: i32,
    mentor_id: i32,
) -> AppResult<assignments::Model> {
    let select =
        assignments::Entity::find_by_id(id).filter(assignments::Column::MentorId.eq(mentor_id));
    let a = lock_for_update(app.db.backend(), select)
        .one(tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    if a.status != AssignmentStatus::Pending.as_str() {
        return Err(not_pending());
    }
    Ok(a)
}

fn not_pending() -> AppError {
    AppError::conflict(
        "assignment_not_pending",
        "This proposal has already been answered.",
    )
}

/// The mentor accepts: the plan and its sessions are created and both are introduced by email.
pub async fn accept(
    app: &App,
    mentor: &crate::auth::Mentor,
    id: i32,
) -> AppResult<(assignments::Model, i32)> {
    let tx = app.db.begin_write().await?;
    let a = lock_pending(app, &tx, id, mentor.profile.id).await?;
    let now = app.clock.now();
    let intake = intakes::Entity::find_by_id(a.intake_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let kind = super::intakes::fields(&intake)
        .plan
        .unwrap_or(PlanKind::Three);
    let mut active = a.into_active_model();
    active.status = Set(AssignmentStatus::Accepted.as_str().into());
    active.decided_at = Set(Some(now));
    let a = active.update(&tx).await?;
    let mentee_id = intake.mentee_id;
    let mut intake_active = intake.into_active_model();
    intake_active.status = Set(IntakeStatus::Matched.as_str().into());
    intake_active.updated_at = Set(now);
    intake_active.update(&tx).await?;
    let plan = super::plans::create(&tx, &a, mentee_id, kind, now).await?;
    let mentee = users::Entity::find_by_id(mentee_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let plan_link = app.link(&format!("/plans/{}", plan.id));
    for (to, other, role) in [
        (&mentee, &mentor.user, "mentee"),
        (&mentor.user, &mentee, "mentor"),
    ] {
        mail::enqueue(
            &tx,
            app,
            Email {
                kind: "match_introduction",
                to_address: &to.email,
                to_name: &to.display_name,
                lang: user_lang(to),
                ctx: json!({
                    "role": role,
                    "other_name": other.display_name,
                    "other_headline": if role == "mentee" { super::mentors::parse_profile(&mentor.profile).headline } else { String::new() },
                    "plan_kind": kind.as_str(),
                    "link": plan_link,
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    app.wake_mailer();
    Ok((a, plan.id))
}

/// The mentor declines with a reason; the intake returns to the queue and the coordinator is emailed.
pub async fn decline(
    app: &App,
    mentor: &crate::auth::Mentor,
    id: i32,
    reason: &str,
) -> AppResult<assignments::Model> {
    let reason = parse_text(reason, 2000, true).map_err(|p| AppError::field("reason", p))?;
    let tx = app.db.begin_write().await?;
    let a = lock_pending(app, &tx, id, mentor.profile.id).await?;
    let now = app.clock.now();
    let coordinator_id = a.coordinator_id;
    let intake_id = a.intake_id;
    let mut active = a.into_active_model();
    active.status = Set(AssignmentStatus::Declined.as_str().into());
    active.decided_at = Set(Some(now));
    active.decline_reason = Set(Some(reason.clone()));
    let a = active.update(&tx).await?;
    let intake = intakes::Entity::find_by_id(intake_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mentee = users::Entity::find_by_id(intake.mentee_id)
        .one(&tx)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut intake_active = intake.into_active_model();
    intake_active.status = Set(IntakeStatus::Submitted.as_str().into());
    intake_active.updated_at = Set(now);
    intake_active.update(&tx).await?;
    if let Some(coordinator) = users::Entity::find_by_id(coordinator_id).one(&tx).await? {
        mail::enqueue(
            &tx,
            app,
            Email {
                kind: "assignment_declined",
                to_address: &coordinator.email,
                to_name: &coordinator.display_name,
                lang: user_lang(&coordinator),
                ctx: json!({
                    "mentor_name": mentor.user.display_name,
                    "mentee_name": mentee.display_name,
                    "reason": reason,
                    "link": app.link(&format!("/coordinator/intakes/{intake_id}")),
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    app.wake_mailer();
    Ok(a)
}
